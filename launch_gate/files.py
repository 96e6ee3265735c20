"""The only places the gate writes files."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from pathlib import Path

from launch_gate.errors import UsageError


def write_new_or_replace(path: Path, text: str, mode: int = 0o644) -> None:
    """Write atomically, so a reader never sees half a file.

    The default mode is 0644 (mkstemp would leave 0600): in the Action the container
    runs as root and the runner's later steps, as another user, must read the report.
    An edit of the user's own file passes that file's mode instead.
    """

    def write(fd: int) -> None:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)

    _replace(path, mode, write)


def write_parts_new_or_replace(path: Path, parts: Iterable[bytes], mode: int = 0o644) -> None:
    """As `write_new_or_replace`, from bytes made while writing: a large report is never
    whole in memory (200 manifests' report was 2.6 MB, held three times over as text)."""

    def write(fd: int) -> None:
        with os.fdopen(fd, "wb") as fh:
            fh.writelines(parts)

    _replace(path, mode, write)


def _replace(path: Path, mode: int, write: Callable[[int], None]) -> None:
    """`write` fills a new file beside `path`, which then takes its place."""
    import tempfile  # only when writing: a check that prints never needs it

    tmp: str | None = None
    try:
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
        write(fd)
        os.chmod(tmp, mode)
        Path(tmp).replace(path)
    except BaseException as exc:
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)  # never leave a half-written temp file behind
        if isinstance(exc, OSError):
            raise UsageError(f"cannot write: {exc.strerror}", file=str(path)) from None
        raise


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
