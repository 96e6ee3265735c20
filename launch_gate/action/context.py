"""Where the action runs: the event, the repository and the runner's files."""

from __future__ import annotations

import datetime as dt
import tempfile
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any, NamedTuple, cast

from launch_gate.action.event import (
    JUDGED_AT_BASE,
    MAX_EVENT_BYTES,
    PULL_EVENTS,
    Event,
    Pull,
    commit_id,
    event_from,
    pull_from,
    read_payload,
)
from launch_gate.gather.github.port import Connect, GitHub
from launch_gate.load.judged_by import Default
from launch_gate.pipeline import today_utc

# The event's readers are re-exported: callers (and tests) know them from here.
__all__ = [
    "JUDGED_AT_BASE",
    "MAX_EVENT_BYTES",
    "PULL_EVENTS",
    "ActionContext",
    "Event",
    "Pull",
    "commit_id",
    "pull_from",
    "read_context",
]


class ActionContext(NamedTuple):
    # What the event means (its pull request, the commits judged and compared), and the
    # payload as the runner gave it.
    event: Event
    payload: dict[str, Any]
    repository: str
    api_url: str
    server_url: str
    run_url: str | None
    workspace: Path
    temp: Path
    # The same folder as the runner's later steps see it (outputs name files there).
    temp_on_host: Path
    step_summary: Path | None
    output: Path | None
    # The one date this run judges on: base and head alike, even across midnight.
    today: dt.date
    # How a step gets a GitHub client (the port): PyGithub, or a test's double.
    connect: Connect
    # The variables the runner passed: credentials a profile names are read here only.
    environ: Mapping[str, str]
    # What was wrong with the event but does not stop the run: shown as warnings.
    notes: tuple[str, ...] = ()
    # The profile for a manifest that names none: the project's defaults file's, read by
    # launch_gate/action/project.py (None: startup).
    default_profile: Default = None

    def on_host(self, path: Path) -> Path:
        """A file under `temp` as the runner's later steps find it."""
        return self.temp_on_host / path.relative_to(self.temp)


def _path(env: Mapping[str, str], name: str) -> Path | None:
    value = env.get(name)
    return Path(value) if value else None


def _temp(env: Mapping[str, str]) -> Path:
    # Older runners do not mount RUNNER_TEMP into container actions
    # (actions/runner#1984, fixed by #4011): fall back rather than fail.
    value = env.get("RUNNER_TEMP")
    if value and Path(value).is_dir():
        return Path(value)
    return Path(tempfile.gettempdir())


# Where the runner mounts its temp folder into a Docker action (runner 2.329 and later).
CONTAINER_TEMP = Path("/github/runner_temp")


def _temp_on_host(env: Mapping[str, str], temp: Path) -> Path:
    """`temp` as the host names it. Inside the container RUNNER_TEMP is translated to
    /github/runner_temp; RUNNER_WORKSPACE is not (no mount holds it), and the runner
    keeps its temp folder beside it: <work>/_temp next to <work>/<repository>."""
    runner_workspace = env.get("RUNNER_WORKSPACE", "")
    if temp != CONTAINER_TEMP or not runner_workspace.startswith("/"):
        return temp
    return Path(runner_workspace).parent / "_temp"


def _pygithub(api_url: str) -> Connect:
    def connect(token: str, seconds: float) -> GitHub:
        def make() -> GitHub:
            # Imported here: a run that never talks to GitHub never loads PyGithub.
            from launch_gate.gather.github.pygithub import PyGitHub

            return PyGitHub(api_url, token, seconds)

        return cast(GitHub, _OnFirstCall(make))

    return connect


class _OnFirstCall:
    """The port, made when a step first calls it. action.yml passes `github.token` by
    default, so a push check has a token and often nothing to ask GitHub: importing PyGithub
    for it took 150 of its 260 ms."""

    def __init__(self, make: Callable[[], GitHub]) -> None:
        self._make = make
        self._made: GitHub | None = None

    def __getattr__(self, name: str) -> Any:
        if self._made is None:
            self._made = self._make()
        return getattr(self._made, name)


def read_context(
    env: Mapping[str, str],
    cwd: Path,
    today: dt.date | None = None,
    connect: Connect | None = None,
) -> ActionContext:
    event_name = env.get("GITHUB_EVENT_NAME", "")
    payload = read_payload(env)
    server = env.get("GITHUB_SERVER_URL", "https://github.com").rstrip("/")
    repository = env.get("GITHUB_REPOSITORY", "")
    run_id = env.get("GITHUB_RUN_ID")
    run_url = f"{server}/{repository}/actions/runs/{run_id}" if run_id and repository else None
    event = event_from(event_name, payload, commit_id(env.get("GITHUB_SHA")))
    notes = []
    if event_name in PULL_EVENTS and event.pull is None:
        notes.append("the event payload has no valid pull request number: not commenting")
    temp = _temp(env)
    api_url = env.get("GITHUB_API_URL", "https://api.github.com").rstrip("/")
    return ActionContext(
        event=event,
        payload=payload,
        repository=repository,
        api_url=api_url,
        server_url=server,
        run_url=run_url,
        workspace=_path(env, "GITHUB_WORKSPACE") or cwd,
        temp=temp,
        temp_on_host=_temp_on_host(env, temp),
        step_summary=_path(env, "GITHUB_STEP_SUMMARY"),
        output=_path(env, "GITHUB_OUTPUT"),
        today=today or today_utc(),
        connect=connect or _pygithub(api_url),
        environ=env,
        notes=tuple(notes),
    )
