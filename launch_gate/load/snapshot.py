"""Writes `policies.marshal`, the parsed snapshot of the shipped policy files that
launch_gate/load/shipped.py reads: `make policies` runs it after an edit to `policies/`.

Kept apart from shipped.py, which every run imports: the reader then needs nothing of the
YAML side it spares those runs.
"""

from __future__ import annotations

import marshal

from launch_gate.load.catalogue import policies_dir
from launch_gate.load.shipped import SNAPSHOT, Entry, fingerprint
from launch_gate.load.text import decode
from launch_gate.load.yamldoc import load


def build() -> bytes:
    """The snapshot of the shipped files as they are now."""
    root = policies_dir()
    entries: dict[str, Entry] = {}
    for path in [root / "catalogue.yaml", *sorted((root / "profiles").glob("*.yaml"))]:
        display = f"policies/{path.relative_to(root).as_posix()}"
        raw = path.read_bytes()
        doc = load(decode(raw, display), display, ours=True)
        entries[display] = (*fingerprint(raw), doc.data, doc.lines)
    # A value marshal cannot hold (a date, say) fails here, at `make policies`, not at run time.
    return marshal.dumps(entries)


if __name__ == "__main__":
    SNAPSHOT.write_bytes(build())
