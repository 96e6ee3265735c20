# The launch-gate GitHub Action. GitHub runs it with the repository mounted at
# /github/workspace as the working directory, as root: hence no WORKDIR and no USER.

# The base is pinned by digest (the multi-architecture index of python:3.11.14-slim-bookworm),
# so a rebuild cannot change underneath; Dependabot (.github/dependabot.yml) proposes new
# digests. Both stages name the same one.

# Build stage: the wheel, and every dependency installed into one folder, from
# hash-pinned, binary-only packages. Nothing of pip or the source reaches the image.
FROM python:3.11.14-slim-bookworm@sha256:65a93d69fa75478d554f4ad27c85c1e69fa184956261b4301ebaf6dbb0a3543d AS build
ENV PIP_DISABLE_PIP_VERSION_CHECK=1 PYTHONDONTWRITEBYTECODE=1
COPY requirements-build.lock requirements.lock /src/
RUN pip install --no-cache-dir --require-hashes -r /src/requirements-build.lock
COPY pyproject.toml README.md LICENSE /src/
COPY launch_gate /src/launch_gate
COPY policies /src/policies
RUN pip wheel --no-cache-dir --no-deps --no-build-isolation --wheel-dir /wheels /src \
    && pip install --no-cache-dir --no-compile --require-hashes --only-binary=:all: \
        --target /site -r /src/requirements.lock \
    && pip install --no-cache-dir --no-compile --no-deps --target /site /wheels/launch_gate-*.whl \
    && rm -rf /site/bin

# Final stage: the interpreter and what the gate imports, byte-compiled once here so
# no run compiles anything (the official images ship no .pyc for the standard library).
FROM python:3.11.14-slim-bookworm@sha256:65a93d69fa75478d554f4ad27c85c1e69fa184956261b4301ebaf6dbb0a3543d
ENV PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONSAFEPATH=1
# pip, setuptools and wheel go: nothing installs at run time. (`rm` rather than `pip
# uninstall`: a local build may bind-mount a CA file into pip; the check after it
# proves that nothing importable is left.)
RUN sp=/usr/local/lib/python3.11/site-packages \
    && rm -rf "$sp"/pip "$sp"/pip-* "$sp"/setuptools "$sp"/setuptools-* "$sp"/wheel "$sp"/wheel-* \
        "$sp"/pkg_resources "$sp"/_distutils_hack "$sp"/distutils-precedence.pth \
        /usr/local/bin/pip* /usr/local/bin/wheel 2>/dev/null; \
    test ! -e "$sp/pip/__init__.py" && test ! -e "$sp/setuptools/__init__.py" \
        && test ! -e /usr/local/bin/pip
COPY --from=build /site /usr/local/lib/python3.11/site-packages
# unchecked-hash: the files never change inside the image, so nothing is stat'ed to
# validate them. lib2to3's test data holds Python 2 on purpose and cannot compile.
RUN python -m compileall -q -j 0 --invalidation-mode unchecked-hash \
        -x 'lib2to3/tests|/test/|/idlelib/|/tkinter/|/turtledemo/' /usr/local/lib/python3.11
# -I (isolated): no PYTHON* variable, no user site folder and not the working directory
# (the user's repository) shape the interpreter. A workflow's `env:` reaches the container,
# and PYTHONPATH=${{ github.workspace }} there would otherwise run a pull request's
# sitecustomize.py next to the token. -I also drops PYTHONUNBUFFERED and
# PYTHONDONTWRITEBYTECODE, so -u and -B say the same on the command line.
ENTRYPOINT ["python", "-I", "-u", "-B", "-m", "launch_gate", "action"]
