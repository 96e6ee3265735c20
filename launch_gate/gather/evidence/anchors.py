"""The anchors a Markdown file offers, slugged the way GitHub renders them."""

from __future__ import annotations

import re
from collections.abc import Iterator

_ATX = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$")
_SETEXT = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_TAG = re.compile(r"<[^>]+>")
_EMPHASIS_US = re.compile(r"(?<!\w)_+([^_]+?)_+(?!\w)")
# Explicit anchors people add by hand: <a name="x"></a> or <h2 id="x">.
_HTML_ID = re.compile(r"""<[a-zA-Z][^>]*?\s(?:id|name)\s*=\s*["']([^"']+)["']""")
# GitHub keeps letters, digits, marks, connector punctuation (`_`), `-` and spaces.
_DROP = re.compile(r"[^\w\- ]", re.UNICODE)


def slug(heading: str) -> str:
    # GitHub slugs the rendered text, so markup that does not render is removed first.
    text = _IMAGE.sub(r"\1", heading)
    text = _LINK.sub(r"\1", text)
    text = _TAG.sub("", text)
    text = text.replace("`", "").replace("*", "")
    text = _EMPHASIS_US.sub(r"\1", text)
    return _DROP.sub("", text.strip().lower()).replace(" ", "-")


def headings(text: str) -> Iterator[str]:
    fence: str | None = None
    previous = ""
    for line in text.splitlines():
        opened = _FENCE.match(line)
        if fence is not None:
            if opened and opened.group(1)[0] == fence[0] and len(opened.group(1)) >= len(fence):
                fence = None
            previous = ""
            continue
        if opened:
            fence, previous = opened.group(1), ""
            continue
        atx = _ATX.match(line)
        if atx:
            yield atx.group(2) or ""
            previous = ""
            continue
        # A paragraph line underlined with === or --- is a heading too.
        if previous.strip() and _SETEXT.match(line) and not previous.startswith(("    ", "\t")):
            yield previous.strip()
            previous = ""
            continue
        previous = line


def anchors(text: str) -> set[str]:
    """Every `#fragment` that lands somewhere in this Markdown text."""
    found: set[str] = set()
    seen: dict[str, int] = {}
    for heading in headings(text):
        base = slug(heading)
        # Repeated headings get -1, -2, ... in document order, as on GitHub.
        count = seen.get(base, 0)
        seen[base] = count + 1
        found.add(base if count == 0 else f"{base}-{count}")
    found.update(_HTML_ID.findall(text))
    return found


_LINES = re.compile(r"L(\d+)(?:C\d+)?(?:-L(\d+)(?:C\d+)?)?")


def line_anchor_ok(anchor: str, text: str) -> bool | None:
    """For `#L10` or `#L10-L20`: whether those lines exist; None if not a line anchor."""
    match = _LINES.fullmatch(anchor)
    if match is None:
        return None
    total = len(text.splitlines())
    last = int(match.group(2) or match.group(1))
    return 1 <= int(match.group(1)) <= last <= total
