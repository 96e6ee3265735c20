"""Download GitHub's published OpenAPI description (@octokit/openapi on the npm registry)
for tests/action/test_openapi.py; `make` runs it at set-up time, never a test.

Only Python is needed (no npm): the tarball is fetched from the registry and checked against
the integrity hash the registry published for this version.
"""

from __future__ import annotations

import base64
import hashlib
import io
import sys
import tarfile
import urllib.request
from pathlib import Path

VERSION = "23.0.2"
URL = f"https://registry.npmjs.org/@octokit/openapi/-/openapi-{VERSION}.tgz"
INTEGRITY = (
    "pV8M7L9GY23AybNvTmo2nyjmpmnt6+2sRE/tqr0ZLQcPS4lnw7u5eZGNmwRNkBC3D7gZXbFx5AHzLUVRBXGDhg=="
)
WANTED = ("api.github.com.json", "ghes-3.19.json")


def main(dest: Path) -> int:
    with urllib.request.urlopen(URL, timeout=300) as answer:
        raw = answer.read()
    if base64.b64encode(hashlib.sha512(raw).digest()).decode() != INTEGRITY:
        print(f"{URL}: integrity check failed", file=sys.stderr)
        return 1
    dest.mkdir(parents=True, exist_ok=True)
    with tarfile.open(fileobj=io.BytesIO(raw)) as tar:
        for name in WANTED:
            member = tar.extractfile(f"package/generated/{name}")
            assert member is not None
            (dest / name).write_bytes(member.read())
    (dest / "VERSION").write_text(VERSION + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1])))
