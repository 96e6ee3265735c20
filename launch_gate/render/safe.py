"""Neutralise manifest text before it reaches Markdown or HTML.

Everything a manifest says is untrusted: a PR author controls it. These helpers
keep it from breaking out of a table cell or code span, pinging people or
linking issues, and from sneaking in images or odd link schemes.
"""

from __future__ import annotations

import re

from launch_gate.errors import printable
from launch_gate.redact import hide_credentials

MAX_FIELD = 300
# @user, @org/team, #12, GH-12 and owner/repo#12 all ping or autolink on GitHub.
# `&#60;` is an HTML character reference, not an issue: it is escaped as text instead.
# GFM also autolinks bare URLs, `www.` names and e-mail addresses: all shown inert.
_MENTION = re.compile(
    r"((?i:\b(?:https?|ftp)://|\bwww\.)[^\s<>`]*"
    r"|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
    r"|(?:[\w.-]+/[\w.-]+)?(?<!&)#\d+|\bGH-\d+|(?<![\w`])@[\w][\w/-]*)"
)
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|~])")
# What starts a block when it opens a line: a heading, a list item, a setext underline.
_BLOCK_START = re.compile(r"^(\s*)([#+=-]|\d{1,9}(?=[.)]))")


def clip(text: str, limit: int = MAX_FIELD) -> str:
    """One line, cut to `limit`; control and bidi characters shown as escapes, so no
    manifest text can reorder what a reviewer reads or reach a terminal raw; a URL's
    credentials (user information, secret query parameters) are never shown."""
    text = hide_credentials(printable(" ".join(text.split())))
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def plain(text: str, limit: int = MAX_FIELD) -> str:
    """Plain text (annotations, titles): one line, cut, control and bidi characters escaped."""
    return clip(text, limit)


def code(text: str, limit: int = MAX_FIELD) -> str:
    """An inline code span that no backtick can close early, safe in a table cell too.

    GFM splits table cells on `|` even inside code spans, so it is escaped.
    """
    text = clip(text, limit).replace("`", "\N{MODIFIER LETTER GRAVE ACCENT}").replace("|", "\\|")
    return f"`{text}`" if text else "` `"


def md(text: str, limit: int = MAX_FIELD) -> str:
    """Plain prose, safe in a paragraph, list item or table cell."""
    text = clip(text, limit)
    parts = _MENTION.split(text)
    out = []
    for i, part in enumerate(parts):
        # Odd indices are the captured mentions, refs and URLs: show them, inert.
        out.append(code(part) if i % 2 else _MD_SPECIAL.sub(r"\\\1", part))
    # Escaped, a leading `#`, `-`, `+`, `=` or `1.` stays text wherever the line starts.
    return _BLOCK_START.sub(_inert_start, "".join(out).replace("&", "&amp;"))


def _inert_start(m: re.Match[str]) -> str:
    lead, mark = m.group(1), m.group(2)
    # `\#` and `\-` are text; for `1.` the escape goes before the dot: `1\.`.
    return f"{lead}{mark}\\" if mark[0].isdigit() else f"{lead}\\{mark}"
