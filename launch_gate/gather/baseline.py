"""The manifest as the PR's base has it, judged the same way: what the PR changed."""

from __future__ import annotations

import tempfile
from pathlib import Path

from github import Github, GithubException

from launch_gate.action.results import Evaluator
from launch_gate.errors import InputError, UsageError
from launch_gate.gather.github import retry
from launch_gate.judge.evaluate import Evaluation
from launch_gate.load import git as gitsrc


def fetch(gh: Github, repository: str, path: str, ref: str) -> bytes | None:
    """The file at `ref`, or None when the base has no such file (a new manifest)."""
    try:
        found = retry.call(lambda: gh.get_repo(repository).get_contents(path, ref=ref))
    except GithubException as exc:
        if exc.status == 404:
            return None
        raise
    return None if isinstance(found, list) else found.decoded_content


def from_git(workspace: Path, path: str, ref: str) -> tuple[bool, bytes | None]:
    """(found, bytes) from the checkout's history; found is False when git cannot say."""
    try:
        _spec, data = gitsrc.show_at(workspace / path, ref)
    except (UsageError, InputError):
        # No repository, or the base commit was not fetched (fetch-depth): ask the API.
        return False, None
    return True, data


def judge_base(
    gh: Github | None,
    repository: str,
    path: str,
    *,
    ref: str,
    judge: Evaluator,
    temp: Path,
    workspace: Path | None = None,
) -> Evaluation | None:
    found, data = from_git(workspace, path, ref) if workspace else (False, None)
    if not found:
        if gh is None:
            return None
        data = fetch(gh, repository, path, ref)
    if data is None:
        return None
    # The pipeline reads files: stage the base version outside the workspace.
    with tempfile.TemporaryDirectory(dir=temp, prefix="launch-gate-base-") as tmp:
        staged = Path(tmp) / Path(path).name
        staged.write_bytes(data)
        try:
            return judge(staged, path)
        except InputError:
            # A base that did not parse has nothing useful to compare against.
            return None
