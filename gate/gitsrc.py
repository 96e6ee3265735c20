"""What git knows about the manifest: its file at another commit, HEAD, the remote.

Git runs as a subprocess in the manifest's own directory, so a manifest in a
submodule or a second checkout is read from its repository, not the caller's.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path
from typing import NamedTuple

from gate.errors import InputError, UsageError

# Git's own message when `REF:path` names a path the commit does not have.
_ABSENT = ("does not exist in", "exists on disk, but not in")


class GitResult(NamedTuple):
    code: int
    out: bytes
    err: str


def git(cwd: Path, *args: str) -> GitResult:
    try:
        done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, timeout=60, check=False)
    except FileNotFoundError:
        raise UsageError("git is not installed; the base manifest cannot be read") from None
    except subprocess.TimeoutExpired:
        raise UsageError(f"git {args[0]} did not finish within 60 seconds") from None
    err = done.stderr.decode("utf-8", "replace").strip()
    return GitResult(done.returncode, done.stdout, err)


def toplevel(manifest: Path) -> Path | None:
    """The work tree holding `manifest`, or None when it is not in one."""
    found = git(manifest.resolve().parent, "rev-parse", "--show-toplevel")
    if found.code != 0:
        return None
    return Path(found.out.decode("utf-8", "replace").strip())


def show_at(manifest: Path, ref: str) -> tuple[str, bytes | None]:
    """`REF:path` and the manifest's bytes at REF, or None when REF has no such file.

    A REF git does not know, or a manifest outside any repository, is exit 2.
    """
    top = toplevel(manifest)
    if top is None:
        raise UsageError("is not inside a git work tree", file=str(manifest), key="--base")
    rel = manifest.resolve().relative_to(top.resolve()).as_posix()
    spec = f"{ref}:{rel}"
    if ref.startswith("-") or not ref.strip():
        raise UsageError(f"'{ref}' is not a git revision", key="--base")
    commit = git(top, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}")
    if commit.code != 0:
        raise UsageError(f"'{ref}' is not a commit in {top}", file=spec, key="--base")
    shown = git(top, "show", spec)
    if shown.code == 0:
        return spec, shown.out
    if any(marker in shown.err for marker in _ABSENT):
        return spec, None
    last = (shown.err.splitlines() or ["no reason given"])[-1]
    raise InputError(f"git cannot read it: {last}", file=spec)


def head_sha(manifest: Path) -> str | None:
    sha = os.environ.get("GITHUB_SHA", "").strip()
    if sha:
        return sha
    top = toplevel(manifest)
    found = git(top, "rev-parse", "HEAD") if top else None
    return found.out.decode().strip() if found and found.code == 0 else None


def repository(manifest: Path) -> str | None:
    """`owner/name` on Actions, else the `origin` remote's URL as configured."""
    name = os.environ.get("GITHUB_REPOSITORY", "").strip()
    if name:
        return name
    top = toplevel(manifest)
    found = git(top, "remote", "get-url", "origin") if top else None
    if not found or found.code != 0:
        return None
    url = found.out.decode("utf-8", "replace").strip()
    # Credentials embedded in an https remote must never reach a report.
    if "@" in url and "://" in url:
        scheme, rest = url.split("://", 1)
        url = f"{scheme}://{rest.split('@', 1)[1]}"
    return url
