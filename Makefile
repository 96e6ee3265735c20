# Two commands for a newcomer: `make demo` and `make test`. Both build .venv
# from scratch when it is missing or older than pyproject.toml or the lock file.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

# The examples cite stand-in files in examples/repo; the demo needs no network.
DEMO_FLAGS := --offline --repo-root examples/repo

.PHONY: demo test lint types unit test-matrix image-test policies shapes schema bench bench-action fuzz clean wheelhouse

$(STAMP): pyproject.toml requirements-dev.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c requirements-dev.lock -e '.[dev]'
	touch $(STAMP)

# The runtime dependencies as wheels, for tests that install launch-gate the way its users'
# tools do (pre-commit's own virtualenv) without reaching an index while they run.
WHEELHOUSE := .wheelhouse
$(WHEELHOUSE)/.complete: requirements.lock $(STAMP)
	$(BIN)/python -m pip download --quiet --disable-pip-version-check --only-binary :all: -d $(WHEELHOUSE) -r requirements.lock
	$(BIN)/python -m pip download --quiet --disable-pip-version-check --only-binary :all: -d $(WHEELHOUSE) 'setuptools==84.2.1'
	touch $@

# The locked wheels in one folder, for pre-commit on a machine without an index (docs/manifest.md).
wheelhouse: $(WHEELHOUSE)/.complete

# GitHub's OpenAPI description, which tests/action/test_openapi.py checks every request against.
OPENAPI := .openapi
$(OPENAPI)/VERSION: tests/fetch_openapi.py
	$(PYTHON) tests/fetch_openapi.py $(OPENAPI)

demo: $(STAMP)
	@echo "== a startup RAG assistant that passes =="
	@$(BIN)/launch-gate check --manifest examples/startup-rag-assistant.yaml --today 2026-11-23 $(DEMO_FLAGS); echo "(exit code $$?)"
	@echo
	@echo "== an enterprise agent that fails (undecided gaps, an expired decision) =="
	@$(BIN)/launch-gate check --manifest examples/enterprise-agent.yaml --today 2026-11-23 $(DEMO_FLAGS); echo "(exit code $$?: the gate fails, as it should)"
	@echo
	@echo "== the same, as the Markdown the PR comment and job summary show =="
	@$(BIN)/launch-gate check --manifest examples/enterprise-agent.yaml --today 2026-11-23 $(DEMO_FLAGS) --format markdown; true

test: $(STAMP) lint types unit

lint: $(STAMP)
	$(BIN)/ruff check launch_gate tests bench
	$(BIN)/ruff format --check launch_gate tests bench

types: $(STAMP)
	$(BIN)/mypy

unit: $(STAMP) $(WHEELHOUSE)/.complete $(OPENAPI)/VERSION
	LAUNCH_GATE_WHEELHOUSE=$(abspath $(WHEELHOUSE)) LAUNCH_GATE_OPENAPI=$(abspath $(OPENAPI)) \
		$(BIN)/python -m pytest -q -p no:cacheprovider --ignore=tests/image

# The suite under the other Pythons the wheel declares, each in a venv of its own: one with the
# oldest releases pyproject.toml allows (requirements-oldest.txt), one with the lock file, one
# with the newest releases a `pipx install` would take today. An interpreter this machine lacks
# is named and left out (pyenv has them on the project's machines).
MATRIX ?= 3.11:oldest 3.12:locked 3.13:newest
test-matrix: $(WHEELHOUSE)/.complete $(OPENAPI)/VERSION
	@set -e; for cell in $(MATRIX); do \
		version=$${cell%%:*}; deps=$${cell##*:}; \
		python=; for candidate in $$(command -v python$$version) $$HOME/.pyenv/versions/$$version*/bin/python; do \
			if "$$candidate" -c '' 2>/dev/null; then python=$$candidate; break; fi; done; \
		if [ -z "$$python" ]; then echo "test-matrix: no Python $$version here: left out"; continue; fi; \
		venv=.matrix/$$version-$$deps; rm -rf $$venv; $$python -m venv $$venv; \
		$$venv/bin/python -m pip install --quiet --disable-pip-version-check --upgrade pip; \
		case "$$deps" in locked) lock="-c requirements-dev.lock";; \
			oldest) lock="-c requirements-oldest.txt";; *) lock="";; esac; \
		$$venv/bin/python -m pip install --quiet --disable-pip-version-check $$lock -e '.[dev]'; \
		echo "== Python $$version, $$deps dependencies =="; \
		LAUNCH_GATE_WHEELHOUSE=$(abspath $(WHEELHOUSE)) LAUNCH_GATE_OPENAPI=$(abspath $(OPENAPI)) \
			$$venv/bin/python -m pytest -q -p no:cacheprovider --ignore=tests/image \
			--ignore=tests/test_precommit.py --ignore=tests/test_packaging.py; \
	done

# The built image, run the way actions/runner runs a Docker action (tests/image/).
# On the project's build machines podman needs the settings in ../shared (no Docker daemon).
IMAGE ?= localhost/launch-gate:test
ENGINE ?= podman
SHARED_CONF := $(abspath ../shared/tools/container/containers.conf)
ifneq ($(wildcard $(SHARED_CONF)),)
export CONTAINERS_CONF ?= $(SHARED_CONF)
endif
image-test: $(STAMP)
	ENGINE=$(ENGINE) IMAGE=$(IMAGE) .ci/image-build
	LAUNCH_GATE_ENGINE=$(ENGINE) LAUNCH_GATE_IMAGE=$(IMAGE) \
		$(BIN)/python -m pytest -q -p no:cacheprovider tests/image

# A long property-based campaign: 10^5 generated inputs for each of the four properties.
fuzz: $(STAMP)
	HYPOTHESIS_PROFILE=fuzz $(BIN)/python -m pytest -q -p no:cacheprovider --hypothesis-show-statistics tests/test_properties.py

# The shipped policy files as parsed, so no run parses them (launch_gate/load/shipped.py).
policies: $(STAMP)
	$(BIN)/python -m launch_gate.load.snapshot

# The shapes users write, from their pydantic models (launch_gate/models/generate.py): what a
# run validates with, and the JSON Schemas editors read.
shapes: $(STAMP)
	$(BIN)/python -m launch_gate.models.generate
	$(MAKE) schema

schema: $(STAMP)
	$(BIN)/launch-gate schema > schema/readiness.schema.json
	$(BIN)/launch-gate schema --policy > schema/policy.schema.json
	$(BIN)/launch-gate schema --config > schema/config.schema.json

# Every figure we measure, printed (nothing is asserted). BENCH_IMAGE=name adds the image's
# cold start (build it first with make image-test).
BENCH_IMAGE ?=
bench: $(STAMP) bench-action
	@# lychee is the evidence rows' yardstick; where its wheel does not install, they are skipped.
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes \
		-r bench/requirements.lock || echo "lychee is not installed: no evidence rows"
	$(BIN)/python bench/core_speed.py
	$(BIN)/python bench/evidence_speed.py
	@# The table times the package as users run it: the wheel, installed in a venv of its own.
	rm -rf build/bench
	$(BIN)/python -m pip wheel --quiet --disable-pip-version-check --no-deps --no-build-isolation \
		-w build/bench/wheel .
	$(PYTHON) -m venv build/bench/venv
	build/bench/venv/bin/python -m pip install --quiet --disable-pip-version-check \
		-r requirements.lock
	build/bench/venv/bin/python -m pip install --quiet --disable-pip-version-check --no-deps \
		build/bench/wheel/launch_gate-*.whl
	LAUNCH_GATE_BENCH_VENV=$(abspath build/bench/venv) LAUNCH_GATE_IMAGE=$(BENCH_IMAGE) \
		$(BIN)/python bench/table.py

# GitHub API requests per PR run and the action mode's time, against the fake API.
bench-action: $(STAMP)
	$(BIN)/python bench/action_requests.py

clean:
	rm -rf $(VENV) $(WHEELHOUSE) $(OPENAPI) .matrix build *.egg-info
