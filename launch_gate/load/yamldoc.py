"""Read untrusted YAML into plain data plus a map from key paths to line numbers.

We compose the node graph ourselves instead of calling ``yaml.safe_load`` because
the node marks are the only source of line numbers, and because "last key wins",
alias expansion and arbitrary tags are all things a gate must refuse, not accept.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import Any

import yaml

from launch_gate.errors import InputError, brief, line_of
from launch_gate.judge.document import Document, KeyPath
from launch_gate.judge.values import date_fix, impossible_date
from launch_gate.load.text import decode, read_bytes, read_text

MAX_DEPTH = 64
# A full manifest has about a thousand nodes; a hundred thousand small keys fit
# in 1 MiB and would cost seconds of validation, so refuse long before that.
MAX_NODES = 20_000
# Tags the YAML 1.1 core resolver produces; anything else (``!!python/...``,
# custom ``!tags``) is refused rather than guessed at.
CORE_TAGS = frozenset(
    "tag:yaml.org,2002:" + t
    for t in ("str", "int", "float", "bool", "null", "timestamp", "map", "seq")
)

_STR = "tag:yaml.org,2002:str"


# libyaml's scanner and parser are an order of magnitude faster than PyYAML's
# pure-Python ones on large hostile files (50,000 keys: 1.4 s -> 0.5 s); both
# give the same nodes and marks, so fall back silently where it is not built in.
_Loader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_OPEN = (
    yaml.BlockMappingStartToken,
    yaml.BlockSequenceStartToken,
    yaml.FlowMappingStartToken,
    yaml.FlowSequenceStartToken,
)
_CLOSE = (yaml.BlockEndToken, yaml.FlowMappingEndToken, yaml.FlowSequenceEndToken)


def _check_shape(text: str, display: str) -> None:
    # PyYAML's composer recurses once per level and builds every node before we
    # see any; measure depth and size on the flat token stream first, so neither
    # `[[[[...` nor a hundred thousand keys gets that far.
    depth = scalars = 0
    for token in yaml.scan(text, Loader=_Loader):
        if isinstance(token, _OPEN):
            depth += 1
            if depth > MAX_DEPTH:
                raise InputError(
                    f"nested deeper than {MAX_DEPTH} levels",
                    file=display,
                    line=token.start_mark.line + 1,
                )
        elif isinstance(token, _CLOSE):
            depth -= 1
        elif isinstance(token, yaml.ScalarToken):
            scalars += 1
            if scalars > MAX_NODES:
                raise InputError(
                    f"more than {MAX_NODES} values; a manifest needs far fewer",
                    file=display,
                    line=token.start_mark.line + 1,
                )


# The last files read, by the name errors give them: an error raised far from the text
# (a policy's `extends`, a manifest's `profile:`) can still quote its line. Bounded, so a
# monorepo run holds no more than it did.
_READ: dict[str, str] = {}
_READ_KEPT = 32


def quote(exc: InputError) -> InputError:
    """Put the quoted line (and a column at its key, where none is known) on `exc` and the
    problems it carries, for every file this process has read."""
    from launch_gate.redact import hide_credentials  # only on the error path

    for e in (exc, *exc.more):
        text = _READ.get(e.file) if e.file is not None else None
        if text is None or e.line is None or e.source is not None:
            continue
        lines = text.splitlines()
        if e.column is None and e.at:
            _find(e, lines)
        if 1 <= e.line <= len(lines) and lines[e.line - 1].strip():  # a blank line shows nothing
            e.source = hide_credentials(lines[e.line - 1])
            if e.column is None:
                e.column = len(e.source) - len(e.source.lstrip()) + 1
    return exc


# How far below its key a value can sit and still be the one meant (`key:` then the value on
# the next lines).
_VALUE_REACH = 3
# Where a `key:` ends: the colon YAML reads as one (a URL's `https:` is not).
_KEY_END = re.compile(r":(?= |$)")


def _find(e: InputError, lines: list[str]) -> None:
    """Move `e` to where its `at` text is: after the key on its own line, or on one of the
    next lines, where a value written under its key sits."""
    assert e.line is not None
    assert e.at
    for n in range(e.line, min(len(lines), e.line + _VALUE_REACH) + 1):
        text = lines[n - 1]
        indent = len(text) - len(text.lstrip())
        # On the key's own line, past the key: `rationale: rationale` points at the value.
        colon = _KEY_END.search(text, indent) if n == e.line else None
        start = colon.end() if colon else indent
        found = text.find(e.at, start)
        if found >= 0:
            e.line, e.column = n, found + 1
            return


def load(text: str, display: str, *, ours: bool = False) -> Document:
    """`ours`: a file shipped with launch-gate (the catalogue, a built-in profile), which
    needs no guard against hostile shapes."""
    if not ours:
        _READ.pop(display, None)
        _READ[display] = text
        while len(_READ) > _READ_KEPT:
            del _READ[next(iter(_READ))]
    try:
        if not ours:
            _check_shape(text, display)
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        raise _syntax(exc, display, text) from None
    except yaml.reader.ReaderError as exc:
        # PyYAML gives an offset into "<unicode string>" (libyaml's is not even in
        # characters): the character itself, first found, is where people should look, at
        # the line and column the quoted excerpt counts them by.
        code = exc.character if isinstance(exc.character, int) else ord(exc.character)
        prefix = text[: max(0, text.find(chr(code)))]
        lines = prefix.splitlines()
        if not prefix or prefix.splitlines(keepends=True)[-1] != lines[-1]:
            lines.append("")  # the character starts a line
        line, column = len(lines), len(lines[-1]) + 1
        raise InputError(
            f"YAML syntax error: a control character (U+{code:04X}) "
            "YAML does not allow",
            file=display, line=line, column=column, fix="remove it",
        ) from None  # fmt: skip
    except yaml.YAMLError as exc:
        raise InputError(f"YAML error: {exc}", file=display) from None
    if node is None:
        raise InputError(
            "the file is empty",
            file=display,
            line=1,
            fix="`launch-gate init --output -` prints a manifest to start from",
        )
    builder = _Builder(display)
    data = builder.build(node, (), 0)
    return Document(data, builder.lines, display, text)


def _syntax(exc: yaml.MarkedYAMLError, display: str, text: str) -> InputError:
    """PyYAML's syntax error in words a person reads, at the line where the mistake starts:
    a tab is named, and an unclosed quote is reported where it opened, not where the file
    ran out."""
    problem = exc.problem or exc.context or "invalid YAML"
    fix = None
    # Where the caret goes when it is not PyYAML's column (a key that moved).
    column: int | None = None
    mark = exc.problem_mark or exc.context_mark
    char = _char_at(text, mark) if mark is not None else ""
    if "'\\t'" in problem or char == "\t":
        problem = "a tab character: YAML indents with spaces only"
        fix = "replace the tab with spaces"
    elif mark is not None and char in _RESERVED:
        # `owner: @acme/ml`: YAML keeps `@` and a backtick for itself at a value's start.
        problem = f"{_RESERVED[char]} cannot start a plain YAML value"
        fix = _quote_it(text, mark.line)
    elif "maximum nesting depth" in problem:
        # Newer libyaml stops deep nesting itself, before our own guard counts it: one message.
        problem = f"nested deeper than {MAX_DEPTH} levels"
    elif exc.context and "quoted scalar" in exc.context and exc.context_mark is not None:
        mark = exc.context_mark
        problem = "a quote opened here is never closed"
        fix = "close it on this line; for text over several lines use a block scalar (`|`)"
    elif "mapping values are not allowed" in problem and mark is not None:
        problem, fix, column = _stray_key(text, mark.line)
    line = mark.line + 1 if mark else None
    if column is None and mark is not None:
        column = mark.column + 1
    return InputError(
        f"YAML syntax error: {problem}", file=display, line=line, column=column, fix=fix
    )


_RESERVED = {"@": "`@`", "`": "a backtick"}


def _quote_it(text: str, line: int) -> str:
    """The line with its value in double quotes: `owner: "@acme/ml"`."""
    here = (line_of(text, line + 1) or "").strip()
    key, colon, value = here.partition(": ")
    if colon:
        lead = key + colon
    else:  # a list item, `- value`, or a value on a line of its own
        lead, value = ("- ", here[2:]) if here.startswith("- ") else ("", here)
    quoted = value.strip().replace("\\", "\\\\").replace('"', '\\"')
    return f'quote the value: `{lead}"{quoted}"`'


def _stray_key(text: str, line: int) -> tuple[str, str, int]:
    """`key: value` where YAML was still reading the value of the line above: that line
    lacks its colon, or this one is indented too far. The column is the key's own, where
    the caret belongs (PyYAML's is the colon)."""
    lines = text.splitlines()
    here = lines[line] if line < len(lines) else ""
    above = next((lines[n] for n in range(line - 1, -1, -1) if lines[n].strip()), "")
    indent = len(above) - len(above.lstrip())
    key = here.strip().split(":", 1)[0]
    column = len(here) - len(here.lstrip()) + 1
    if ":" in above:
        return (
            f"`{key}:` is indented deeper than the key on the line above, so YAML reads it as "
            "part of that key's value",
            f"indent `{key}:` by {indent} spaces, as the line above is",
            column,
        )
    return (
        f"`{key}:` follows a line without a colon",
        f"end the line above with a colon, or indent `{key}:` by {indent} spaces",
        column,
    )


def _char_at(text: str, mark: Any) -> str:
    """The character a mark points at (libyaml's marks carry no buffer: found by line)."""
    here = line_of(text, getattr(mark, "line", -1) + 1) or ""
    column = getattr(mark, "column", -1)
    return here[column] if 0 <= column < len(here) else ""


def load_file(path: Path, display: str | None = None) -> Document:
    shown = display or str(path)
    return load(read_text(path, shown), shown)


@functools.cache
def load_ours(path: Path, display: str) -> Document:
    """A file shipped with launch-gate, read once per process (a monorepo run asks for the
    same built-in profile for every manifest), from its parsed snapshot while that still
    matches the file (launch_gate/load/shipped.py)."""
    from launch_gate.load import shipped

    raw = read_bytes(path, display)
    text = decode(raw, display)
    found = shipped.lookup(display, raw)
    if found is None:
        return load(text, display, ours=True)
    data, lines = found
    return Document(data, lines, display, text)


class _Builder:
    def __init__(self, display: str) -> None:
        self.display = display
        self.lines: dict[KeyPath, int] = {}
        self.anchors: set[int] = set()
        # The constructor alone: a whole SafeLoader would set up PyYAML's pure-Python reader,
        # which compiles a large pattern the C parser never needs.
        self.constructor = yaml.constructor.SafeConstructor()

    def fail(
        self, node: yaml.Node, message: str, path: KeyPath = (), fix: str | None = None
    ) -> InputError:
        key = ".".join(str(p) for p in path) or None
        mark = node.start_mark
        return InputError(
            message, file=self.display, line=mark.line + 1, column=mark.column + 1, key=key, fix=fix
        )

    def build(self, node: yaml.Node, path: KeyPath, depth: int) -> Any:
        if depth > MAX_DEPTH:
            raise self.fail(node, f"nested deeper than {MAX_DEPTH} levels")
        if node.tag not in CORE_TAGS:
            raise self.fail(node, f"unsupported YAML tag {node.tag!r}")
        # PyYAML hands back the same node object for every alias of an anchor;
        # refusing a second visit stops "billion laughs" before it expands.
        if id(node) in self.anchors:
            line = next(
                (self.lines[path[:i]] for i in range(len(path), -1, -1) if path[:i] in self.lines),
                None,
            )
            raise InputError(
                "YAML aliases (*name) are not supported in this file", file=self.display, line=line
            )
        self.anchors.add(id(node))
        self.lines.setdefault(path, node.start_mark.line + 1)
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path, depth)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, (*path, i), depth + 1) for i, item in enumerate(node.value)]
        try:
            return self.constructor.construct_object(node)
        except (ValueError, yaml.YAMLError):
            # e.g. `2026-13-01`, which the resolver takes for a date.
            kind = node.tag.rsplit(":", 1)[-1]
            why = impossible_date(str(node.value)) if kind == "timestamp" else None  # fmt: skip
            said = why or f"{brief(node.value)} is not a valid {kind}"
            fix = date_fix(str(node.value)) if kind == "timestamp" else None
            raise self.fail(node, said, path, fix) from None

    def _mapping(self, node: yaml.MappingNode, path: KeyPath, depth: int) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise self.fail(
                    key_node, "YAML merge keys (<<) are not supported", (), "write the keys out"
                )
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag != _STR:
                shown = getattr(key_node, "value", "?")
                raise self.fail(key_node, f"keys must be plain strings, not {brief(shown)}", path)
            key = str(key_node.value)
            if key in out:
                first = self.lines.get((*path, key))
                raise self.fail(
                    key_node,
                    f"duplicate key (first defined on line {first})",
                    (*path, key),
                    f"keep one `{key}:` and merge what the other says into it",
                )
            self.lines[(*path, key)] = key_node.start_mark.line + 1
            out[key] = self.build(value_node, (*path, key), depth + 1)
        return out
