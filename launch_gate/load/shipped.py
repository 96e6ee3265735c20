"""The files launch-gate ships (the catalogue, the built-in profiles), read without YAML.

Parsing them cost about 9 ms of every run, a tenth of an offline check. `policies.marshal`
holds each one as the YAML reader gives it (data and key lines), written by `make policies`
(launch_gate/load/snapshot.py).
An entry is used only while the file on disk is still the one it was made from (same length
and CRC-32): an edited policy is parsed as before until the snapshot is written again, and
tests/load/test_shipped.py fails until then. The YAML files stay the source of truth.

Why marshal: it is built in and reads plain data (dicts, lists, tuples, text, numbers) in a
fraction of a millisecond, where a generated Python module costs 13 ms to compile wherever
no byte-code is cached. It is our own file, shipped inside the package like the code.
"""

from __future__ import annotations

import functools
import marshal
import zlib
from pathlib import Path
from typing import Any

from launch_gate.judge.document import KeyPath

SNAPSHOT = Path(__file__).with_name("policies.marshal")

Entry = tuple[int, int, Any, dict[KeyPath, int]]


def fingerprint(raw: bytes) -> tuple[int, int]:
    return len(raw), zlib.crc32(raw)


def lookup(display: str, raw: bytes) -> tuple[Any, dict[KeyPath, int]] | None:
    """The data and key lines of the shipped file `display`, if the snapshot still
    describes these bytes; None sends the caller to the YAML reader."""
    entry = _snapshot().get(display)
    if entry is None or entry[:2] != fingerprint(raw):
        return None
    return entry[2], entry[3]


@functools.cache
def _snapshot() -> dict[str, Entry]:
    try:
        # Our own file, inside the package like the code: as trusted as the code itself.
        found: dict[str, Entry] = marshal.loads(SNAPSHOT.read_bytes())  # noqa: S302
    except (OSError, ValueError, EOFError, TypeError):
        return {}  # missing or unreadable: every file is parsed, as before
    return found
