"""Every manifest the glob matches, judged: one section each and one verdict."""

from __future__ import annotations

import datetime as dt
import glob
import os
import stat
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import NamedTuple

from launch_gate.action.context import ActionContext
from launch_gate.action.inputs import ActionInputs
from launch_gate.errors import InputError, UsageError
from launch_gate.gather.evidence import credentials
from launch_gate.gather.evidence.settings import Settings
from launch_gate.gather.provenance import provenance
from launch_gate.judge.approvals import ApprovalMap
from launch_gate.judge.evaluate import Evaluation
from launch_gate.judge.evidence import EvidenceMap
from launch_gate.load.git import Locator
from launch_gate.load.tree import Tree
from launch_gate.pipeline import Loaded, judge_loaded, load_file
from launch_gate.render.annotations import Annotation
from launch_gate.report.audit import Audit, collect
from launch_gate.report.run import Section

# A manifest by its workspace-relative path, judged.
Evaluator = Callable[[str], Evaluation]


def find_manifests(workspace: Path, pattern: str, locator: Locator | None = None) -> list[str]:
    """Workspace-relative POSIX paths matching `pattern`, sorted; never outside it.

    `locator` resolves each folder once (a monorepo's manifests share theirs), and keeps
    what it found for the run that loads them."""
    if Path(pattern).is_absolute() or ".." in Path(pattern).parts:
        raise UsageError(
            "must be a path or glob inside the repository", file="inputs", key="manifest"
        )
    root = str(workspace.resolve())
    real = (locator or Locator()).real
    try:
        matches = glob.glob(pattern, root_dir=root, recursive=True)
    except RecursionError:
        # glob descends a call per folder: a tree about a thousand folders deep (which a pull
        # request can add) ends it, and that is bad input, not a bug of ours.
        raise UsageError(
            f"the repository's folders nest too deeply to search for '{pattern}'; "
            "name the manifests' folders without `**`",
            file="inputs",
            key="manifest",
        ) from None
    found = []
    for match in matches:
        head, name = os.path.split(match)
        folder = real(os.path.join(root, head)) if head else root
        # A symlink could point anywhere on the runner; only the repository counts.
        if not _within(folder, root):
            continue
        if _regular_file_inside(os.path.join(folder, name), root):
            found.append(match.replace(os.sep, "/"))
    if not found:
        raise UsageError(
            f"no manifest matches '{pattern}' in the repository (did you check it out?)",
            file="inputs",
            key="manifest",
        )
    return sorted(set(found))


def _regular_file_inside(path: str, root: str) -> bool:
    """One lstat for a plain file (most manifests); a link is followed and must stay inside."""
    try:
        mode = os.lstat(path).st_mode
    except OSError:
        return False
    if stat.S_ISLNK(mode):
        path = os.path.realpath(path)
        return _within(path, root) and os.path.isfile(path)
    return stat.S_ISREG(mode)


def _within(path: str, root: str) -> bool:
    """Whether the real `path` is `root` or lies under it."""
    return path == root or path.startswith(root + os.sep)


def evidence_settings(
    inputs: ActionInputs, ctx: ActionContext, token: str, deadline: float
) -> Settings:
    """`deadline` (monotonic) ends verification; each request has its own timeout."""
    found = credentials.resolve(
        inputs.evidence_credentials,
        ctx.environ,
        github_token=token or None,
        github_api_host=credentials.api_host(ctx.api_url),
        file="inputs",
        key="evidence-credentials",
    )
    return Settings(
        today=ctx.today,
        credentials=found,
        repo_root=ctx.workspace,
        allow_private_hosts=inputs.allow_private_hosts,
        timeout=float(inputs.evidence_timeout_seconds),
        deadline=deadline,
        github_token=token or None,
        github_api_url=ctx.api_url,
        github_server_url=ctx.server_url,
        github_repository=ctx.repository or None,
    )


class Manifests:
    """Each manifest of a run, loaded once, and judged once where nothing but the file
    decides (no evidence verified, no approvals): the gather stage and the verdict share it,
    so a monorepo is not read or judged twice over."""

    def __init__(
        self, inputs: ActionInputs, ctx: ActionContext, judge_from: Tree | None = None
    ) -> None:
        self.inputs, self.ctx = inputs, ctx
        # A pull request's base, whose policy files judge it (None: the checkout's own).
        self.judge_from = judge_from
        self.loaded: dict[str, Loaded | InputError] = {}
        self.judged: dict[tuple[str, dt.date], Evaluation] = {}
        self.locator = Locator()

    def load(self, display: str) -> Loaded:
        """The manifest at `display` (workspace-relative) and its profile, read the first time
        it is asked for; InputError, every time, if it cannot be."""
        if display not in self.loaded:
            try:
                # The digest is of the bytes judged, for the report's audit block.
                self.loaded[display] = load_file(
                    self.ctx.workspace / display,
                    display=display,
                    profile=self.inputs.profile,
                    digest=True,
                    locator=self.locator,
                    judge_from=self.judge_from,
                    default_profile=self.ctx.default_profile,
                )
            except InputError as exc:
                self.loaded[display] = exc
        found = self.loaded[display]
        if isinstance(found, InputError):
            raise found
        return found


class Gathered(NamedTuple):
    """What a run gathered before judging, by manifest path: nothing downstream asks GitHub
    or an evidence host again."""

    baselines: dict[str, Evaluation | None]  # None: the manifest is new in this change
    approvals: dict[str, ApprovalMap]
    warnings: list[str]  # about the approvals, shown as annotations
    # A path without an entry: its evidence is taken at its word.
    evidence: Mapping[str, EvidenceMap]


NOTHING_GATHERED = Gathered({}, {}, [], {})


def evaluator(
    inputs: ActionInputs,
    today: dt.date,
    manifests: Manifests,
    gathered: Gathered = NOTHING_GATHERED,
) -> Evaluator:
    """The one place the action calls the judge: each manifest with what was gathered for
    it. Nothing here reaches the network; `manifests` is what this run has loaded already,
    so no file is read and parsed twice.
    """

    def run(display: str) -> Evaluation:
        found = manifests.load(display)
        proof = gathered.approvals.get(display)
        verified = gathered.evidence.get(display)
        plain = verified is None and proof is None
        if plain and (display, today) in manifests.judged:
            return manifests.judged[display, today]
        judged = judge_loaded(
            found, today=today, warn_days=inputs.warn_days, verified=verified, approvals=proof
        )
        if plain:
            manifests.judged[display, today] = judged
        return judged

    return run


def judge_all(paths: Sequence[str], judge: Evaluator) -> list[Section]:
    sections = []
    for path in paths:
        try:
            sections.append(Section(path, judge(path)))
        except InputError as exc:
            sections.append(Section(path, None, str(exc), exc.line))
    return sections


def error_annotations(sections: Sequence[Section]) -> list[Annotation]:
    """Where a manifest could not be read: the one line InputError names."""
    return [
        Annotation(
            "error",
            s.error or "",
            file=s.path,
            line=s.error_line,
            title="launch-gate: cannot evaluate",
        )
        for s in sections
        if s.evaluation is None
    ]


def audit_of(s: Section, ctx: ActionContext, approvals: Mapping[str, ApprovalMap]) -> Audit:
    assert s.evaluation is not None
    # The commit judged: the PR's head, not the merge commit GITHUB_SHA names.
    commit = ctx.event.head_sha
    where = provenance(
        ctx.workspace / s.path,
        repository=ctx.repository or None,
        commit=commit or None,
        sha256=s.evaluation.loaded.sha256,
    )
    return collect(s.evaluation, where, approvals.get(s.path))
