"""The PR comment and job summary for one or several manifests.

One manifest gives the plain Markdown report; several (a monorepo glob) give
an overall verdict, a table with a row per manifest, then a section each.
"""

from __future__ import annotations

from collections.abc import Sequence

from launch_gate.render import changes, markdown, safe
from launch_gate.report.run import Section, verdict

# GitHub rejects comment bodies longer than this many characters.
# GitHub refuses bodies over 65,536 characters, counted its own way (UTF-16 units, say,
# or bytes in places): a margin keeps an emoji-heavy report from a 422.
COMMENT_LIMIT = 60_000
MARKER_PREFIX = "<!-- launch-gate:"


def marker(manifest_input: str, scope: str = "") -> str:
    """The hidden line that finds our comment (or, `scope="expiry"`, our issue) again.

    It must never close the HTML comment early, whatever the glob says.
    """
    key = " ".join(manifest_input.split()).replace("--", "-\N{HYPHEN}")
    return f"{MARKER_PREFIX}{scope + ':' if scope else ''}{key} -->"


ICON = {"pass": "✅", "fail": "❌", "error": "⚠️"}


def _table(sections: Sequence[Section]) -> list[str]:
    rows = [
        "| Manifest | System | Profile | Verdict | Score | Gaps |",
        "|---|---|---|---|---:|---:|",
    ]
    for s in sections:
        ev = s.evaluation
        if ev is None:
            rows.append(f"| {safe.code(s.path)} | | | {ICON['error']} error | | |")
            continue
        rows.append(
            f"| {safe.code(s.path)} | {safe.md(ev.loaded.manifest.system.name, 80)} "
            f"| {safe.code(ev.profile.name, 60)} | {ICON[ev.verdict]} {ev.verdict} | {ev.score} "
            f"| {len(ev.gaps)} |"
        )
    return rows


def _changes(s: Section) -> list[str]:
    if s.evaluation is None or not s.compared:
        return []
    return [changes.markdown(list(s.changes)), ""]


def _section(s: Section) -> list[str]:
    if s.evaluation is None:
        return [
            f"## {ICON['error']} launch-gate could not evaluate {safe.code(s.path)}",
            "",
            safe.md(s.error or "unknown error", 1000),
            "",
        ]
    return [*_changes(s), markdown.render(s.evaluation)]


def render_body(sections: Sequence[Section], compact: bool = False) -> str:
    """Everything but the marker; `compact` keeps only the verdicts and gap lists."""
    lines: list[str] = []
    if len(sections) != 1:
        overall = verdict(sections)
        lines += [f"# {ICON[overall]} launch-gate: {overall} ({len(sections)} manifests)", ""]
        lines += [*_table(sections), ""]
    for s in sections:
        if compact:
            gaps = ", ".join(f"`{g}`" for g in s.evaluation.gaps) if s.evaluation else ""
            state = s.evaluation.verdict if s.evaluation else "error"
            lines += [f"- {safe.code(s.path)}: {state}" + (f"; gaps: {gaps}" if gaps else "")]
        else:
            lines += _section(s)
    return "\n".join(lines) + "\n"


def render_comment(
    sections: Sequence[Section], manifest_input: str, run_url: str | None, sha: str = ""
) -> str:
    where = f"[the job summary]({run_url})" if run_url else "the job summary"
    at = f" at {safe.code(sha[:12])}" if sha else ""
    footer = f"\n<sub>launch-gate{at}. The full report is in {where}.</sub>\n"
    head = marker(manifest_input) + "\n"
    body = head + render_body(sections) + footer
    if len(body) <= COMMENT_LIMIT:
        return body
    note = f"\n> [!NOTE]\n> This report was too long for a comment; it is shortened. See {where}.\n"
    body = head + render_body(sections, compact=True) + note
    if len(body) <= COMMENT_LIMIT:
        return body
    # Even the short form is too long (hundreds of manifests): cut at a line.
    room = COMMENT_LIMIT - len(note) - 2
    return body[:room].rsplit("\n", 1)[0] + "\n…\n" + note
