"""``launch-gate review``: the sign-off meeting's walk through every open decision.

One check at a time, in catalogue order: what it asks, what counts as evidence, where it
stands, and a choice (done, accept, not applicable, skip, quit). Every answer goes through
the same edit `decide` makes, so it is judged by `check`'s rules before a byte is written.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from launch_gate.cli.edits import Answers, decision, edit
from launch_gate.cli.options import add_manifest, date_arg, manifest_path
from launch_gate.errors import EXIT_FAIL, EXIT_PASS, InputError
from launch_gate.gather.evidence.settings import Settings
from launch_gate.judge.evaluate import CheckResult, Evaluation
from launch_gate.judge.people import is_handle, is_team, same_person
from launch_gate.judge.rules.accepted import beyond_window
from launch_gate.judge.values import impossible_date
from launch_gate.pipeline import evaluate_file, today_utc

if TYPE_CHECKING:
    from rich.console import Console


class Quit(Exception):
    """`q` typed at any prompt: the walk ends, and that answer is written nowhere."""


def _handle(name: str) -> str | None:
    if is_handle(name):
        return None
    return f"{name!r} is not a GitHub @handle, @org/team or e-mail address"


CHOICES = {"d": "done", "a": "accept the risk", "n": "not applicable", "s": "skip", "q": "quit"}
# Without a profile window, a proposed expiry is a quarter away: long enough to act on,
# short enough to be looked at again.
DEFAULT_WINDOW = 90


def add_parser(sub: Any) -> None:
    p: argparse.ArgumentParser = sub.add_parser(
        "review",
        help="walk every undecided, invalid or expiring check and decide it, one by one",
        description="An interactive walk, in catalogue order, through each required check "
        "that is undecided, invalid, expired or expiring within the profile's warning "
        "window. Each answer is judged by the same rules as `check` before it is written; "
        "the file keeps its comments and layout. Without a terminal it reads plain answers "
        "from standard input. Exits 0 when the gate passes at the end, 1 when it fails.",
    )
    add_manifest(p)
    p.add_argument("--today", type=date_arg, metavar="YYYY-MM-DD")
    p.add_argument(
        "--offline",
        action="store_true",
        help="check evidence URLs later: repository paths are still checked on the spot",
    )
    p.set_defaults(run=run)


def agenda(ev: Evaluation) -> list[CheckResult]:
    """What the meeting must decide: required and failing, or accepted and running out."""
    soon = {w.check for w in ev.warnings if w.code == "expires-soon"}
    return [
        r
        for r in ev.checks
        if r.required and (r.outcome in ("gap", "invalid") or r.check.id in soon)
    ]


def _answer(ask: Any, *args: Any, **kwargs: Any) -> str:
    """One answer; a standard input that cannot be read (closed, or not ours to read) ends
    the sitting like the end of input does."""
    try:
        return str(ask(*args, **kwargs) or "")
    except OSError:
        raise EOFError from None


class Walk:
    """One sitting: the console, the manifest, and what the profile asks of answers."""

    def __init__(
        self,
        console: Console,
        manifest: Path,
        ev: Evaluation,
        settings: Settings,
        default_profile: str | None = None,
    ):
        self.console = console
        self.manifest = manifest
        self.settings = settings
        self.profile = ev.profile
        self.system_owner = ev.loaded.manifest.system.owner or ""
        self.today = ev.today
        self.default_profile = default_profile

    def ask(
        self,
        label: str,
        default: str = "",
        required: bool = False,
        check: Callable[[str], str | None] | None = None,
    ) -> str:
        """One field, asked until it is acceptable: a mistake costs that field, never the
        answers typed before it. `q` alone quits the walk; it is never saved as data."""
        from rich.prompt import Prompt

        while True:
            said = _answer(Prompt.ask, label, default=default or None, console=self.console)
            said = said.strip()
            if said.casefold() == "q":
                raise Quit
            if not said and required:
                self.console.print("  (an answer is needed here; q quits)", markup=False)
                continue
            problem = check(said) if check is not None and said else None
            if problem is None:
                return said
            self.console.print(f"  {problem}; try again (q quits)", markup=False, soft_wrap=True)

    def _expiry(self, window: int | None) -> Callable[[str], str | None]:
        def check(text: str) -> str | None:
            try:
                when = dt.date.fromisoformat(text)
            except ValueError:
                return impossible_date(text) or f"{text!r} is not a date in the form YYYY-MM-DD"
            if when < self.today:
                return f"{when.isoformat()} has passed (today is {self.today.isoformat()})"
            return beyond_window(when, self.today, window)

        return check

    def show(self, r: CheckResult, at: int, total: int, ev: Evaluation) -> None:
        from rich.panel import Panel
        from rich.text import Text

        c = r.check
        body = Text()
        body.append(f"{c.title}\n", style="bold")
        body.append(f"{c.description}\n\n")
        body.append("Counts as evidence: ", style="dim")
        body.append("; ".join(c.evidence) + "\n")
        state = "no decision yet" if r.outcome == "gap" else r.outcome
        body.append(f"Now: {state}", style="yellow" if r.outcome == "gap" else "red")
        for p in (*r.problems, *r.warnings):
            if p.code != "undecided":
                line = f" (line {p.line})" if p.line else ""
                body.append(f"\n  {p.message}{line}", style="red")
        layer = ev.catalogue.layers[c.layer]
        title = f"[{at}/{total}] {c.id} · {layer}"
        self.console.print(
            Panel(body, title=title, title_align="left", width=min(100, self.console.width))
        )

    def answers(self, choice: str, r: CheckResult) -> Answers:
        rules = self.profile.rules
        if choice == "d":
            items: list[str] = []
            self.console.print("Evidence: a URL or a repository path, one per line; empty to end.")
            while True:
                item = self.ask(f"  evidence {len(items) + 1}")
                if not item:
                    if items:
                        return Answers("done", tuple(items))
                    self.console.print("  (done needs at least one item)")
                    continue
                items.append(item)
        if choice == "n":
            na = rules.not_applicable
            reason = self.ask("Why does it not apply", required=na.require_reason)
            # Only what the profile asks for: a claim needs no approver unless it says so.
            approver = (
                self.ask("Approved by (@handle)", required=True, check=_handle)
                if na.require_approver
                else ""
            )
            return Answers("not-applicable", reason=reason, approver=approver or None)
        ar = rules.accepted_risk
        d = r.entry.decision if r.entry and r.entry.decision else None
        window = ar.max_expiry_days or DEFAULT_WINDOW
        proposed = self.today + dt.timedelta(days=window)
        rationale = self.ask("Rationale: why ship without it", d.rationale or "" if d else "",
                             required=ar.require_rationale)  # fmt: skip
        # A risk is owned by a person: the system's owner is proposed only when it is one.
        proposed_owner = "" if is_team(self.system_owner) else self.system_owner
        owner = self.ask("Owner (@handle)", (d.owner if d else None) or proposed_owner,
                         required=ar.require_owner, check=_handle)  # fmt: skip

        def not_the_owner(name: str) -> str | None:
            if owner and same_person(name, owner):
                return f"{name} owns this risk: it cannot be approved by its own owner"
            return _handle(name)

        approver = (
            self.ask("Approved by (@handle, not the owner)", required=True, check=not_the_owner)
            if ar.require_approver
            else ""
        )
        expires = self.ask("Expires (YYYY-MM-DD)", proposed.isoformat(), required=True,
                           check=self._expiry(ar.max_expiry_days))  # fmt: skip
        when = dt.date.fromisoformat(expires)
        mitigation = self.ask("Mitigation", required=True) if ar.require_mitigation else ""
        tracking = self.ask("Tracking issue (URL)", required=True) if ar.require_tracking else ""
        return Answers("accepted-risk", rationale=rationale or None, owner=owner or None,
                       approver=approver or None, expires=when, mitigation=mitigation or None,
                       tracking=tracking or None)  # fmt: skip

    def decide(self, r: CheckResult) -> str:
        """Ask until the check is decided, skipped or the walk is quit; returns the choice."""
        from rich.markup import escape
        from rich.prompt import Prompt

        while True:
            menu = " · ".join(f"({k}) {v}" for k, v in CHOICES.items())
            self.console.print(menu, markup=False)
            choice = _answer(Prompt.ask, "Decision", choices=list(CHOICES), default="s",
                                console=self.console, show_choices=False)  # fmt: skip
            if choice in ("s", "q"):
                return choice
            try:
                said = self.answers(choice, r)
                edit(self.manifest, r.check.id, decision(said), today=self.today,
                     settings=self.settings, default_profile=self.default_profile)  # fmt: skip
            except InputError as exc:
                # The same words `check` would use; the file is untouched.
                self.console.print(f"[red]refused:[/red] {escape(str(exc))}", soft_wrap=True)
                continue
            self.console.print(f"[green]written:[/green] {r.check.id} is {said.status}")
            return choice


def run(args: argparse.Namespace) -> int:
    from rich.console import Console

    name = manifest_path(args)
    manifest = Path(name)
    today = args.today or today_utc()
    settings = Settings(today=today, offline=args.offline)
    # Before: repository paths only, so the walk starts at once; answers are verified fully.
    default = args.default_profile
    before = evaluate_file(manifest, display=name, today=today, default_profile=default,
                           evidence=Settings(today=today, offline=True))  # fmt: skip
    console = Console(highlight=False)
    todo = agenda(before)
    console.print(
        f"{before.loaded.manifest.system.name}: profile {before.profile.name}, "
        f"score {before.score}/100, {len(todo)} to decide",
        markup=False,
    )
    walk = Walk(console, manifest, before, settings, default)
    decided = 0
    try:
        for at, r in enumerate(todo, 1):
            walk.show(r, at, len(todo), before)
            try:
                choice = walk.decide(r)
            except Quit:
                choice = "q"
            if choice == "q":
                break
            decided += choice != "s"
    except (EOFError, KeyboardInterrupt):
        console.print("\n(stopped: what was written stays written)")
    after = evaluate_file(manifest, display=name, today=today, default_profile=default,
                          evidence=Settings(today=today, offline=True))  # fmt: skip
    console.print(
        f"\n{decided} decided. Score {before.score} → {after.score}; "
        f"verdict {before.verdict} → {after.verdict}"
        + (f"; still to decide: {', '.join(after.gaps)}" if after.gaps else ""),
        markup=False,
    )
    sys.stdout.flush()
    return EXIT_PASS if after.verdict == "pass" else EXIT_FAIL
