"""``launch-gate fleet collect|report``: every system's readiness across an organisation.

`collect` walks local git checkouts and writes one JSON line per manifest version, judged
offline as of its commit's date with that commit's policy files; `report` reads any number
of those files (shards of one organisation, and last month's history) into one page, a CSV
and a JSON document. See docs/fleet.md.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from launch_gate import __version__
from launch_gate.cli.options import date_arg
from launch_gate.errors import EXIT_PASS, InputError, UsageError
from launch_gate.files import write_new_or_replace, write_parts_new_or_replace
from launch_gate.gather import fleet as history
from launch_gate.load.catalogue import load_catalogue
from launch_gate.load.git import GitRepo
from launch_gate.load.tree import CommitTree
from launch_gate.pipeline import judge_tree, today_utc
from launch_gate.render import fleet as render
from launch_gate.report.fleet import record, view

if TYPE_CHECKING:
    from launch_gate.judge.evaluate import Evaluation

DEFAULT_GLOB = "**/readiness.yaml"


def add_parser(sub: Any) -> None:
    p: argparse.ArgumentParser = sub.add_parser(
        "fleet",
        help="collect manifests' history across repositories and report on the whole fleet",
        description="Readiness across many systems: `collect` walks git checkouts into JSON "
        "lines (one per manifest version); `report` turns any number of those into a page, "
        "a CSV and a JSON document.",
    )
    verbs = p.add_subparsers(dest="verb", metavar="VERB", required=True)
    c = verbs.add_parser(
        "collect",
        help="one JSON line per manifest version in each repository's history",
        description="Find every manifest in each local git checkout (the Action's manifest "
        "glob) and judge each version in its history offline, as of its commit's date, with "
        "that commit's policy files.",
    )
    c.add_argument(
        "repos",
        nargs="*",
        metavar="REPO",
        default=["."],
        help="local git checkouts (default: the current folder)",
    )
    c.add_argument("--output", required=True, metavar="FILE.jsonl", help="where to write")
    c.add_argument(
        "--manifest",
        default=DEFAULT_GLOB,
        metavar="GLOB",
        help=f"which manifests, as the Action's input (default: {DEFAULT_GLOB})",
    )
    c.add_argument(
        "--since",
        type=date_arg,
        metavar="YYYY-MM-DD",
        help="only versions committed on or after this date",
    )
    c.add_argument(
        "--cache",
        metavar="FILE",
        help="versions judged before, by their blobs (default: FILE.jsonl.cache)",
    )
    c.add_argument("--no-cache", action="store_true", help="judge every version afresh")
    c.set_defaults(run=collect)
    r = verbs.add_parser(
        "report",
        help="index.html, fleet.csv and fleet.json from collected JSON lines",
        description="Read JSON lines from `fleet collect` (several files are merged; a record "
        "seen twice counts once) and write a self-contained page, a CSV (one row per system) "
        "and a JSON document (the same, with the trend).",
    )
    r.add_argument("inputs", nargs="*", metavar="FILE.jsonl")
    r.add_argument(
        "--history",
        metavar="FILE.jsonl",
        help="every record collected so far: read with the inputs, then rewritten as their union "
        "(so the trend outlives the artifacts that carried each week's records)",
    )
    r.add_argument("--output", required=True, metavar="DIR")
    r.add_argument(
        "--today",
        type=date_arg,
        metavar="YYYY-MM-DD",
        help="judge the decisions ledger as of this date (default: today, UTC)",
    )
    r.add_argument(
        "--server-url",
        default="https://github.com",
        metavar="URL",
        help="where repositories' pages live, for links (default: github.com)",
    )
    r.set_defaults(run=report)


# -- collect ---------------------------------------------------------------------------------


class Cache:
    """Records already judged, by the blobs they came from and the date they were judged
    on: a weekly rerun judges only what is new. An SQLite file, so ten thousand versions
    are looked up and added without being held in memory."""

    def __init__(self, path: Path | None) -> None:
        import sqlite3

        self.hits = 0
        self.db: sqlite3.Connection | None = None
        if path is None:
            return
        try:
            self.db = sqlite3.connect(path)
            self.db.execute("CREATE TABLE IF NOT EXISTS judged (key TEXT PRIMARY KEY, record TEXT)")
        except sqlite3.DatabaseError:
            # Not a cache of ours (or a damaged one): judge everything, keep nothing.
            print(f"{path}: not a launch-gate cache; it is not used", file=sys.stderr)
            self.db = None

    @staticmethod
    def key(version: history.Version) -> str:
        raw = json.dumps(
            [__version__, version.blobs, version.when.date().isoformat(), version.path]
        )
        return hashlib.sha256(raw.encode()).hexdigest()

    def get(self, key: str) -> dict[str, Any] | None:
        if self.db is None:
            return None
        row = self.db.execute("SELECT record FROM judged WHERE key = ?", (key,)).fetchone()
        if row is None:
            return None
        self.hits += 1
        found: dict[str, Any] = json.loads(row[0])
        return found

    def put(self, key: str, rec: dict[str, Any]) -> None:
        if self.db is not None:
            self.db.execute("INSERT OR REPLACE INTO judged VALUES (?, ?)", (key, json.dumps(rec)))

    def save(self) -> None:
        if self.db is not None:
            self.db.commit()
            self.db.close()


# Where a record lives, not what it says: a cached judgement is reused with these replaced.
_PLACE = ("repo", "path", "commit", "date", "collected")


def collect(args: argparse.Namespace) -> int:
    repos = [history.open_checkout(Path(p)) for p in args.repos]  # exit 2 before any work
    output = Path(args.output)
    where = Path(args.cache) if args.cache else output.with_name(output.name + ".cache")
    cache = Cache(None if args.no_cache else where)
    counts = {"versions": 0, "manifests": 0}
    today = today_utc()

    def lines() -> Iterator[bytes]:
        for repo in repos:
            for rel in _manifests(repo, args.manifest):
                counts["manifests"] += 1
                for rec in _records(repo, rel, args.since, cache, today):
                    counts["versions"] += 1
                    yield (json.dumps(rec, ensure_ascii=False) + "\n").encode()

    write_parts_new_or_replace(output, lines())
    cache.save()
    print(
        f"{output}: {counts['versions']} versions of {counts['manifests']} manifests in "
        f"{len(repos)} repositories ({cache.hits} from the cache)",
        file=sys.stderr,
    )
    return EXIT_PASS


def _manifests(repo: GitRepo, pattern: str) -> list[str]:
    from launch_gate.action.results import find_manifests

    if repo.bare:
        return history.manifests_at_head(repo, pattern)
    try:
        return find_manifests(repo.root, pattern)
    except UsageError as exc:
        if "no manifest matches" not in exc.message:
            raise
        print(f"{repo.root}: no manifest matches '{pattern}'", file=sys.stderr)
        return []


def _records(
    repo: GitRepo, rel: str, since: Any, cache: Cache, today: Any
) -> Iterator[dict[str, Any]]:
    head = repo.head()
    assert head is not None  # open_checkout said so
    reading = history.Recording(CommitTree(repo, head))
    # An error is reported with its version below; the paths this read are what matter here.
    with contextlib.suppress(InputError):
        judge_tree(reading, rel, profile=None, today=today)
    policies = history.policy_paths(reading, rel)
    for version in history.versions(repo, rel, policies, since=since):
        key = Cache.key(version)
        place = {
            "repo": version.repo,
            "path": version.path,
            "commit": version.commit,
            "date": version.when.isoformat(),
            "collected": today.isoformat(),
        }
        found = cache.get(key)
        if found is not None:
            # The record as a fresh judgement writes it: its place first, then the rest.
            yield {"record_version": found.get("record_version")} | place | found
            continue
        rec = _judged(version, today)
        cache.put(key, {k: v for k, v in rec.items() if k not in _PLACE})
        yield rec


def _judged(version: history.Version, today: Any) -> dict[str, Any]:
    shown = f"{version.path}@{version.commit[:12]}"
    ev: Evaluation | None = None
    error: str | None = None
    try:
        ev = judge_tree(
            version.tree, version.path, profile=None, today=version.when.date(), display=shown
        )
    except InputError as exc:
        # A broken version is recorded, never fatal: its message says what was wrong.
        error = str(exc)
    return record(
        repo=version.repo,
        path=version.path,
        commit=version.commit,
        when=version.when,
        collected=today,
        ev=ev,
        error=error,
    )


# -- report ----------------------------------------------------------------------------------


def report(args: argparse.Namespace) -> int:
    records: dict[tuple[str, str, str], dict[str, Any]] = {}
    sources = [Path(n) for n in args.inputs]
    history_file = Path(args.history) if args.history else None
    if history_file is not None and history_file.exists():
        sources.insert(0, history_file)
    if not sources:
        raise UsageError("give FILE.jsonl from `fleet collect`, or --history", key="inputs")
    for source in sources:
        for rec in _read(source):
            # A record read again (a shard twice, or last week's history) counts once: the
            # newest collection of it wins.
            records[(str(rec["repo"]), str(rec["path"]), str(rec["commit"]))] = rec
    if history_file is not None:
        write_parts_new_or_replace(
            history_file,
            ((json.dumps(r, ensure_ascii=False) + "\n").encode() for r in records.values()),
        )
    today = args.today or today_utc()
    found = view(records.values(), load_catalogue(), today)
    out = Path(args.output)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UsageError(f"cannot make the folder: {exc.strerror}", file=str(out)) from None
    write_new_or_replace(out / "index.html", render.page(found, args.server_url))
    write_new_or_replace(out / "fleet.csv", render.table(found))
    write_new_or_replace(out / "fleet.json", render.document(found))
    print(f"{out}/index.html: {len(found.systems)} systems. {found.headline()}", file=sys.stderr)
    return EXIT_PASS


_REQUIRED = ("repo", "path", "commit", "date", "verdict")


def _read(path: Path) -> Iterator[dict[str, Any]]:
    try:
        fh = path.open(encoding="utf-8")
    except OSError as exc:
        raise UsageError(f"cannot read: {exc.strerror}", file=str(path)) from None
    with fh:
        try:
            yield from _lines(path, fh)
        except UnicodeDecodeError:
            raise InputError("is not UTF-8 text", file=str(path)) from None


def _lines(path: Path, fh: Any) -> Iterator[dict[str, Any]]:
    for number, line in enumerate(fh, 1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
        except ValueError:
            raise InputError("not a JSON line", file=str(path), line=number) from None
        missing = [k for k in _REQUIRED if not isinstance(rec, dict) or k not in rec]
        if missing:
            raise InputError(
                f"not a fleet record (no {', '.join(missing)}): was it written by "
                "`launch-gate fleet collect`?",
                file=str(path),
                line=number,
            )
        yield rec
