"""Read an untrusted text file: bounded in size, strict UTF-8, no NUL bytes."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from launch_gate.errors import InputError, closest

MAX_BYTES = 1024 * 1024


class NotRegular(OSError):
    """The path is a FIFO, a socket or a device: reading it could block for ever or never
    end, and a pull request can add one (a FIFO in git is a symlink to one on the runner)."""


def read_regular(path: Path | str, limit: int = MAX_BYTES + 1) -> bytes:
    """At most `limit` bytes of a regular file; NotRegular for anything else.

    Opened without blocking, so a FIFO is refused at once instead of waiting for a writer;
    the type is checked on the open descriptor, so nothing can swap the file in between.
    """
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0))
    with os.fdopen(fd, "rb") as fh:
        mode = os.fstat(fd).st_mode
        if stat.S_ISDIR(mode):
            raise IsADirectoryError(21, "Is a directory", str(path))
        if not stat.S_ISREG(mode):
            raise NotRegular(0, "not a regular file (a FIFO, socket or device)", str(path))
        return fh.read(limit)


def read_text(path: Path, display: str) -> str:
    return decode(read_bytes(path, display), display)


def read_bytes(path: Path, display: str) -> bytes:
    try:
        # Never more than the cap plus one byte: a manifest glob may match a huge
        # file, or a link to /dev/zero, in a pull request.
        return read_regular(path)
    except FileNotFoundError:
        raise InputError("file not found", file=display, fix=_nearby(path)) from None
    except IsADirectoryError:
        raise InputError("is a directory, not a file", file=display) from None
    except NotRegular:
        raise InputError("is not a regular file (a FIFO, socket or device)", file=display) from None
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror}", file=display) from None


def decode(raw: bytes, display: str) -> str:
    if len(raw) > MAX_BYTES:
        raise InputError(f"file is larger than {MAX_BYTES // 1024} KiB", file=display)
    if b"\x00" in raw:
        line = raw[: raw.index(b"\x00")].count(b"\n") + 1
        raise InputError("contains a NUL byte", file=display, line=line)
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise InputError("is not valid UTF-8", file=display, line=line) from None


def _nearby(path: Path) -> str | None:
    """A file of a close name in the same folder: `readyness.yaml` finds readiness.yaml."""
    try:
        names = [p.name for p in path.parent.iterdir() if p.is_file()]
    except OSError:
        return None
    close = closest(path.name, names, cutoff=0.7)
    return f"did you mean {path.with_name(close)}?" if close else None
