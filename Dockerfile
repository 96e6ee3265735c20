# The launch-gate GitHub Action. GitHub runs it with the repository mounted at
# /github/workspace as the working directory, as root: hence no WORKDIR and no USER.

# Build stage: turn the source into a wheel with a hash-pinned setuptools.
FROM python:3.11.14-slim-bookworm AS build
ENV PIP_DISABLE_PIP_VERSION_CHECK=1 PYTHONDONTWRITEBYTECODE=1
COPY requirements-build.lock /src/requirements-build.lock
RUN pip install --no-cache-dir --require-hashes -r /src/requirements-build.lock
COPY pyproject.toml README.md /src/
COPY launch_gate /src/launch_gate
COPY policies /src/policies
RUN pip wheel --no-cache-dir --no-deps --no-build-isolation --wheel-dir /wheels /src

# Final stage: locked, hashed, binary-only dependencies and the wheel; no compiler,
# no pip cache, no source tree.
FROM python:3.11.14-slim-bookworm
ENV PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1
COPY requirements.lock /tmp/requirements.lock
RUN pip install --no-cache-dir --require-hashes --only-binary=:all: -r /tmp/requirements.lock \
    && rm /tmp/requirements.lock
COPY --from=build /wheels /tmp/wheels
RUN pip install --no-cache-dir --no-deps /tmp/wheels/launch_gate-*.whl \
    && rm -rf /tmp/wheels
ENTRYPOINT ["python", "-m", "gate", "action"]
