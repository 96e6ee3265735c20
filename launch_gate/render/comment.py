"""The PR comment and job summary for one or several manifests.

One manifest gives the plain Markdown report; several (a monorepo glob) give
an overall verdict, a table with a row per manifest, then a section each.
"""

from __future__ import annotations

from collections.abc import Sequence

from launch_gate.render import changes, markdown, safe
from launch_gate.render.common import plural
from launch_gate.render.summary import Links, delta_line, reviewer_table, verdict_line
from launch_gate.report.view import SectionView, verdict

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

# In the job summary of a monorepo with more manifests than this, a manifest that passes and
# that the change left alone is its row in the table: 200 sections nobody opens buried the
# few that fail, and pushed the summary past GitHub's 1 MiB (the JSON report has them all).
DETAILED_UP_TO = 10


def needs_attention(s: SectionView) -> bool:
    """Fails, could not be read, or changed in this pull request."""
    return s.evaluation is None or s.evaluation.verdict == "fail" or bool(s.changes)


def focused(sections: Sequence[SectionView]) -> bool:
    return len(sections) > DETAILED_UP_TO


def _table(sections: Sequence[SectionView]) -> list[str]:
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
            f"| {safe.code(s.path)} | {safe.md(ev.system.name, 80)} "
            f"| {safe.code(ev.profile.name, 60)} | {ICON[ev.verdict]} {ev.verdict} | {ev.score} "
            f"| {len(ev.gaps)} |"
        )
    return rows


def _section(s: SectionView, links: Links | None, alone: bool, full: bool = False) -> list[str]:
    """One manifest: verdict line, what changed, what to weigh, what to decide; the rest
    collapsed. In a monorepo each manifest is its own <details>, open when it fails."""
    ev = s.evaluation
    if ev is None:
        return [
            f"#### {ICON['error']} launch-gate could not evaluate {safe.code(s.path)}",
            "",
            safe.md(s.error or "unknown error", 1000),
            "",
        ]
    body = [verdict_line(ev), ""]
    measured = [(r.check.id, m) for r in ev.checks for m in r.measured]
    if measured:
        # Numbers, not links: what the eval runs behind the done checks measured.
        body += [f"- {safe.code(cid)}: {safe.md(m, 300)}" for cid, m in measured] + [""]
    if s.compared and not s.changes:
        body += ["This PR changes nothing the gate judges.", ""]
    elif s.compared:
        body += [delta_line(s.baseline, ev, s.changes), ""]
        # A first adoption is one line: every decision in it is new, not a change to weigh.
        if s.baseline is not None:
            body += reviewer_table(ev, s.changes, links)
    body += [markdown.report(ev, links, heading=False)]
    if full:
        body += [markdown.every_check(ev)]
    if s.compared and s.changes:
        summary = f"What this PR changes ({plural(len(s.changes), 'change')})"
        body += [f"<details><summary>{summary}</summary>", ""]
        body += [changes.markdown(list(s.changes), _base(links)), "</details>", ""]
    if alone:
        return body
    state = "open" if ev.verdict == "fail" else ""
    title = f"{ICON[ev.verdict]} {safe.code(s.path)}: {ev.verdict}, score {ev.score}"
    return [f"<details {state}><summary>{title}</summary>".replace(" >", ">"), "", *body,
            "</details>", ""]  # fmt: skip


def _base(links: Links | None) -> str:
    if links is None or not links.base_ref:
        return "the base branch"
    sha = f" ({links.base_sha[:12]})" if links.base_sha else ""
    return f"{links.base_ref}{sha}"


def render_body(
    sections: Sequence[SectionView],
    compact: bool = False,
    links: Links | None = None,
    full: bool = False,
    focus: bool = False,
) -> str:
    """Everything but the marker; `compact` keeps only the verdicts and gap lists, `full`
    (the job summary) adds every check with its evidence, reason or decision, and `focus`
    gives a section only to the manifests that need attention (the rest are table rows)."""
    lines: list[str] = []
    alone = len(sections) == 1
    if not alone:
        overall = verdict(sections)
        lines += [f"### {ICON[overall]} launch-gate: {overall} ({len(sections)} manifests)", ""]
        # Failing and changed manifests first: they are what the reader came for.
        sections = sorted(
            sections,
            key=lambda s: (
                s.evaluation is not None and s.evaluation.verdict == "pass",
                not s.changes,
                s.path,
            ),
        )
        if not compact:  # the short form lists each manifest on one line instead
            lines += [*_table(sections), ""]
        if focus and not compact:
            rows_only = sum(1 for s in sections if not needs_attention(s))
            sections = [s for s in sections if needs_attention(s)]
            if rows_only:
                lines += [
                    f"{plural(rows_only, 'manifest passes', 'manifests pass')} unchanged: "
                    "shown as table rows only. Every manifest's full report is in the JSON "
                    "report (the `report` output).",
                    "",
                ]
    for s in sections:
        if compact:
            gaps = ", ".join(f"`{g}`" for g in s.evaluation.gaps) if s.evaluation else ""
            state = s.evaluation.verdict if s.evaluation else "error"
            lines += [f"- {safe.code(s.path)}: {state}" + (f"; gaps: {gaps}" if gaps else "")]
        else:
            lines += _section(s, links, alone=alone, full=full)
    return "\n".join(lines) + "\n"


def render_comment(
    sections: Sequence[SectionView],
    manifest_input: str,
    run_url: str | None,
    sha: str = "",
    links: Links | None = None,
    *,
    red: str | None = None,
) -> str:
    """`red`: why the required check fails when the verdict does not say it (`fail-on`
    other than gaps); it opens the comment, before the verdict."""
    where = f"[the job summary]({run_url})" if run_url else "the job summary"
    judged = links.head if links and links.head else sha
    at = f" judged {safe.code(judged[:12])}" if judged else ""
    against = f" against {safe.code(_base(links), 80)}" if links and links.base_ref else ""
    footer = f"\n<sub>launch-gate{at}{against}. The full report is in {where}.</sub>\n"
    head = marker(manifest_input) + "\n"
    if red:
        head += f"> [!CAUTION]\n> **{safe.md(red, 600)}**\n\n"
    body = head + render_body(sections, links=links) + footer
    if len(body) <= COMMENT_LIMIT:
        return body
    shown = len(sections)
    note = (
        f"\n> [!NOTE]\n> This report was too long for a comment: {shown} of {shown} manifests "
        f"are listed by verdict only. See {where}.\n"
    )
    body = head + render_body(sections, compact=True) + note
    if len(body) <= COMMENT_LIMIT:
        return body
    # Even the short form is too long (hundreds of manifests): list as many as fit, and say
    # how many that is at the top, not in a table row.
    lines = render_body(sections, compact=True).splitlines()
    room = COMMENT_LIMIT - 400
    kept: list[str] = []
    for line in lines:
        if sum(len(x) + 1 for x in kept) + len(line) + 1 > room:
            break
        kept.append(line)
    listed = sum(1 for x in kept if x.startswith("- "))
    top = (
        f"> [!NOTE]\n> {listed} of {shown} manifests shown, by verdict only: the report is "
        f"too long for a comment. See {where}.\n\n"
    )
    return head + top + "\n".join(kept) + "\n"
