"""Read an untrusted text file: bounded in size, strict UTF-8, no NUL bytes."""

from __future__ import annotations

from pathlib import Path

from launch_gate.errors import InputError

MAX_BYTES = 1024 * 1024


def read_text(path: Path, display: str) -> str:
    return decode(read_bytes(path, display), display)


def read_bytes(path: Path, display: str) -> bytes:
    try:
        # Never more than the cap plus one byte: a manifest glob may match a huge
        # file, or a link to /dev/zero, in a pull request.
        with path.open("rb") as fh:
            return fh.read(MAX_BYTES + 1)
    except FileNotFoundError:
        raise InputError("file not found", file=display) from None
    except IsADirectoryError:
        raise InputError("is a directory, not a file", file=display) from None
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
