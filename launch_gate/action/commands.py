"""Workflow commands on stdout: masks and annotations, escaped as the runner expects."""

from __future__ import annotations

import functools
import json
import os
from typing import TextIO

from launch_gate.render import safe
from launch_gate.render.annotations import Annotation


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    # Properties are comma-separated key=value pairs ended by "::", so those
    # characters must be escaped too, after "%" so the escapes survive.
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command(a: Annotation) -> str:
    props = [
        f"{key}={escape_property(str(value))}"
        for key, value in (("file", a.file), ("line", a.line), ("title", a.title))
        if value
    ]
    head = f"::{a.kind} {','.join(props)}" if props else f"::{a.kind}"
    return f"{head}::{escape_data(a.message)}"


def add_mask(out: TextIO, secret: str) -> None:
    # A multi-line secret must be masked line by line: the runner masks each
    # ::add-mask:: value as one string and would miss the pieces.
    for piece in secret.splitlines() or [secret]:
        if piece.strip():
            out.write(f"::add-mask::{escape_data(piece)}\n")
    out.flush()


def emit(out: TextIO, annotations: list[Annotation]) -> None:
    for a in annotations:
        out.write(command(a) + "\n")
    out.flush()


def verbatim(out: TextIO, text: str) -> None:
    """Print free text (the report, which quotes the manifest) where no line is a command.

    Between ``::stop-commands::TOKEN`` and ``::TOKEN::`` the runner interprets
    nothing, not even ``##[...]``; the token is random and absent from the text,
    so the text cannot end the block early.
    """
    token = absent_token(text)
    out.write(f"::stop-commands::{token}\n{text.rstrip()}\n::{token}::\n")
    out.flush()


def absent_token(text: str, prefix: str = "") -> str:
    """A random word `text` does not contain, to end a block `text` cannot end early.

    Made as `secrets.token_hex(16)` makes it, from `os.urandom`, without importing `secrets`
    and `hmac` into every Action run for it.
    """
    while True:
        token = prefix + os.urandom(16).hex()
        if token not in text:
            return token


def redact(text: str, secret: str) -> str:
    """Belt and braces: the runner masks the token in logs, but not in files we write.

    The token may reach Markdown (a manifest quoting it), where `_` is escaped,
    or JSON: those spellings are hidden too.
    """
    for form in _spellings(secret):
        text = text.replace(form, "***")
    return text


def redact_bytes(data: bytes, secret: str) -> bytes:
    """`redact` for UTF-8 being written to a file, without decoding it."""
    for form in _spellings(secret):
        data = data.replace(form.encode("utf-8", "surrogateescape"), b"***")
    return data


@functools.cache
def _spellings(secret: str) -> tuple[str, ...]:
    # Once per token: a monorepo's report is redacted in a part per manifest.
    if not secret:
        return ()
    return tuple(sorted({secret, safe.md(secret, len(secret) + 1), json.dumps(secret)[1:-1]}))
