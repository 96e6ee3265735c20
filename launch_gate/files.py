"""The only places the gate writes files."""

from __future__ import annotations

import os
from pathlib import Path

from launch_gate.errors import UsageError


def write_new_or_replace(path: Path, text: str, mode: int = 0o644) -> None:
    """Write atomically, so a reader never sees half a file.

    The default mode is 0644 (mkstemp would leave 0600): in the Action the container
    runs as root and the runner's later steps, as another user, must read the report.
    An edit of the user's own file passes that file's mode instead.
    """
    tmp: str | None = None
    try:
        import tempfile  # only when writing: a check that prints never needs it

        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        os.chmod(tmp, mode)
        Path(tmp).replace(path)
    except OSError as exc:
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)  # never leave a half-written temp file behind
        raise UsageError(f"cannot write: {exc.strerror}", file=str(path)) from None


def shared_dir(path: Path) -> Path:
    """A folder everyone may read and enter (0755), whatever the umask; made if missing."""
    try:
        path.mkdir(parents=True, exist_ok=True)
        path.chmod(0o755)
    except OSError as exc:
        raise UsageError(f"cannot make the folder: {exc.strerror}", file=str(path)) from None
    return path


def write_new(path: Path, text: str) -> None:
    """Create `path` (and its folder); never touch a file that already exists."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("x", encoding="utf-8") as fh:
            fh.write(text)
    except FileExistsError:
        raise UsageError("already exists; refusing to overwrite it", file=str(path)) from None
    except OSError as exc:
        raise UsageError(f"cannot write: {exc.strerror}", file=str(path)) from None
