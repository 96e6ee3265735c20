"""What git knows about the manifest, read with dulwich: no git binary is needed.

The Action's image has no git, and on the runner the workspace belongs to
another user than the container's root, which the git binary refuses as
"dubious ownership". Reading the object database directly avoids both. Every
question here answers None (or raises exit 2 where a user named a revision)
when the history cannot tell: no repository, a shallow clone, a missing commit.
"""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Iterator
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any

from launch_gate.errors import InputError, UsageError

if TYPE_CHECKING:  # dulwich is imported on first use: an offline check never pays for it
    from dulwich.objects import Blob, Commit
    from dulwich.repo import Repo

_HEX = frozenset("0123456789abcdef")
# A revision as git rev-parse reads the common forms: a name, then ~N and ^N steps.
_SUFFIXES = re.compile(r"^(?P<base>.*?)(?P<steps>(?:[~^][0-9]*)*)$")
_STEP = re.compile(r"([~^])([0-9]*)")


class GitRepo:
    """One repository, opened once; paths are POSIX, relative to its work tree."""

    def __init__(self, repo: Repo) -> None:
        self._repo = repo
        self.root = Path(repo.path).resolve()
        # A bare clone (what the fleet workflow makes): history without a working copy.
        self.bare = bool(repo.bare)

    def resolve(self, ref: str) -> str | None:
        """The commit SHA `ref` names, as `git rev-parse` reads it: a full or short SHA, a
        branch, a tag, a remote branch (origin/main), HEAD or @, @{upstream}, each followed
        by any of ~, ~N, ^, ^N. None when it names nothing here."""
        if not ref.strip() or ref.startswith("-"):
            return None
        found = _SUFFIXES.match(ref)
        assert found is not None  # the pattern matches any text
        base, steps = found["base"], found["steps"]
        commit = self._base(base or "HEAD")
        for op, count in _STEP.findall(steps):
            if commit is None:
                return None
            n = int(count) if count else 1
            if op == "~":
                for _ in range(n):
                    parents = self.parents(commit)
                    commit = parents[0] if parents else None
                    if commit is None:
                        return None
            elif n:  # ^N: the Nth parent (^0 is the commit itself)
                parents = self.parents(commit) or ()
                commit = parents[n - 1] if n <= len(parents) else None
        return commit

    def _base(self, name: str) -> str | None:
        if name in {"@", "HEAD"}:
            return self.head()
        if name in {"@{upstream}", "@{u}", "HEAD@{upstream}", "HEAD@{u}"}:
            return self._upstream()
        refs: Any = self._repo.refs
        for candidate in (name, f"refs/tags/{name}", f"refs/heads/{name}", f"refs/remotes/{name}"):
            try:
                sha = refs[candidate.encode("utf-8", "surrogateescape")]
            except (KeyError, ValueError):
                continue
            return self._peeled(sha)
        if 4 <= len(name) <= 40 and set(name.lower()) <= _HEX:
            return self._by_prefix(name.lower())
        return None

    def _peeled(self, sha: bytes) -> str | None:
        """A tag followed to the commit it names."""
        from dulwich.objects import Commit, Tag

        obj = self._repo[sha]
        while isinstance(obj, Tag):
            obj = self._repo[obj.object[1]]
        return obj.id.decode("ascii") if isinstance(obj, Commit) else None

    def _by_prefix(self, prefix: str) -> str | None:
        if len(prefix) == 40:
            return prefix if self._commit(prefix) else None
        found = {
            sha.decode("ascii")
            for sha in self._repo.object_store
            if sha.decode("ascii").startswith(prefix)
        }
        commits = [s for s in found if self._commit(s) is not None]
        return commits[0] if len(commits) == 1 else None  # ambiguous or absent: no answer

    def _upstream(self) -> str | None:
        """HEAD's branch's upstream (branch.<name>.remote and .merge in the config)."""
        refs: Any = self._repo.refs  # dulwich types its keys as Ref, a bytes of its own
        try:
            branch = refs.follow(b"HEAD")[0][-1]
        except (KeyError, IndexError):
            return None
        name = branch.removeprefix(b"refs/heads/")
        config = self._repo.get_config()
        try:
            remote = config.get((b"branch", name), b"remote")
            merge = config.get((b"branch", name), b"merge")
        except KeyError:
            return None
        target = b"refs/remotes/" + remote + b"/" + merge.removeprefix(b"refs/heads/")
        try:
            return self._peeled(refs[target])
        except KeyError:
            return None

    def read(self, commit: str, rel: str) -> bytes | None:
        """The file's bytes at `commit`, or None when the commit has no such file."""
        blob = self._blob(commit, rel)
        return None if blob is None else blob.data

    def blob_id(self, commit: str, rel: str) -> str | None:
        """The id of the file's blob at `commit` (equal ids: equal bytes), or None."""
        blob = self._blob(commit, rel)
        return None if blob is None else blob.id.decode("ascii")

    def paths(self, commit: str) -> Iterator[str]:
        """Every file of the commit's tree, as POSIX paths (a bare clone's listing)."""
        from dulwich.objects import Tree

        obj = self._commit(commit)
        if obj is None:
            return
        pending: list[tuple[str, bytes]] = [("", obj.tree)]
        while pending:
            prefix, sha = pending.pop()
            node = self._repo[sha]
            if not isinstance(node, Tree):
                continue
            for entry in node.iteritems():
                name = prefix + entry.path.decode("utf-8", "surrogateescape")
                if entry.mode & 0o170000 == 0o040000:  # a folder
                    pending.append((name + "/", entry.sha))
                elif entry.mode & 0o170000 == 0o100000:  # a regular file, not a link
                    yield name

    def _blob(self, commit: str, rel: str) -> Blob | None:
        from dulwich.objects import Blob, Tree

        obj = self._commit(commit)
        if obj is None:
            return None
        node = self._repo[obj.tree]
        for part in PurePosixPath(rel).parts:
            if not isinstance(node, Tree):
                return None
            try:
                _mode, sha = node[part.encode("utf-8", "surrogateescape")]
            except KeyError:
                return None
            node = self._repo[sha]
        return node if isinstance(node, Blob) else None

    def head(self) -> str | None:
        try:
            return self._repo.head().decode("ascii")
        except KeyError:  # an empty repository: HEAD names an unborn branch
            return None

    def origin_url(self) -> str | None:
        try:
            url = self._repo.get_config().get((b"remote", b"origin"), b"url")
        except KeyError:
            return None
        return url.decode("utf-8", "replace")

    def parents(self, commit: str) -> tuple[str, ...] | None:
        """The commit's parents, or None when this clone stops above them (shallow)."""
        obj = self._commit(commit)
        if obj is None or commit.encode("ascii") in self._shallow():
            return None
        return tuple(p.decode("ascii") for p in obj.parents)

    def history(self, start: str, rel: str) -> Iterator[str]:
        """Commits reachable from `start` that touched `rel`, newest first."""
        obj = self._commit(start)
        if obj is None:
            return
        walker = self._repo.get_walker(include=[obj.id], paths=[rel.encode("utf-8")])
        for entry in walker:
            yield entry.commit.id.decode("ascii")

    def touching(self, start: str, paths: tuple[str, ...]) -> Iterator[tuple[str, int]]:
        """Commits reachable from `start` that touched any of `paths`, newest first, with
        their commit times (seconds since the epoch)."""
        obj = self._commit(start)
        if obj is None:
            return
        wanted = [p.encode("utf-8", "surrogateescape") for p in paths]
        for entry in self._repo.get_walker(include=[obj.id], paths=wanted):
            yield entry.commit.id.decode("ascii"), int(entry.commit.commit_time)

    def is_ancestor(self, ancestor: str, commit: str) -> bool | None:
        """Whether `ancestor` is in `commit`'s history; None when `commit` is not here."""
        obj = self._commit(commit)
        if obj is None:
            return None
        target = ancestor.encode("ascii")
        return any(e.commit.id == target for e in self._repo.get_walker(include=[obj.id]))

    def _commit(self, sha: str) -> Commit | None:
        from dulwich.objects import Commit

        if len(sha) != 40 or not set(sha) <= _HEX:
            return None
        try:
            obj = self._repo[sha.encode("ascii")]
        except KeyError:
            return None
        return obj if isinstance(obj, Commit) else None

    @functools.cache  # noqa: B019 - one repository object per run, held by `open_repo`
    def _shallow(self) -> frozenset[bytes]:
        return frozenset(self._repo.get_shallow())


@functools.cache
def _open(top: Path) -> GitRepo:
    from dulwich.repo import Repo

    return GitRepo(Repo(str(top)))


def worktree_root(start: Path) -> Path | None:
    """The folder holding `.git` (a directory, or a worktree's file) at or above `start`."""
    here = start.resolve()
    found = Locator().root_of(str(here if here.is_dir() else here.parent))
    return None if found is None else Path(found)


class Locator:
    """Each manifest's path inside the repository holding it, for a run that reads many.

    A folder's real path and repository root are found once: a monorepo's manifests share
    their folders, and resolving each manifest's path and walking up from it to `.git` took a
    200-manifest run 18 ms of its 300. Answers as `worktree_root` would, links resolved.
    """

    def __init__(self) -> None:
        self._real: dict[str, str] = {}
        self._root: dict[str, str | None] = {}

    def locate(self, path: Path) -> str | None:
        """`path`'s POSIX path inside its repository's work tree, or None outside any."""
        full = os.fspath(path)
        if not os.path.isabs(full):
            # Not abspath: it drops `link/..` before the link is followed, as resolve() never does.
            full = os.path.join(os.getcwd(), full)
        folder, name = os.path.split(full)
        real = os.path.join(self.real(folder), name)
        if os.path.islink(real):
            real = os.path.realpath(real)
        root = self.root_of(os.path.dirname(real))
        if root is None:
            return None
        # `root` is a folder above `real`, both real paths: no need for relpath's own walk.
        return real[len(root) :].lstrip(os.sep).replace(os.sep, "/")

    def real(self, folder: str) -> str:
        """The real path of the absolute `folder`, each folder above it resolved once."""
        # A loop, not recursion: a pull request can nest folders past the recursion limit.
        below = []
        top = folder
        while top not in self._real:
            parent, name = os.path.split(top)
            if not name or parent == top:
                self._real[top] = top  # the file system's root
            elif name in (".", ".."):
                self._real[top] = os.path.realpath(top)  # `..` after a link: the target's parent
            else:
                below.append(top)
                top = parent
        found = self._real[top]
        for path in reversed(below):
            found = os.path.join(found, os.path.basename(path))
            if os.path.islink(found):
                found = os.path.realpath(found)
            self._real[path] = found
        return found

    def root_of(self, folder: str) -> str | None:
        """The folder holding `.git` at or above the real `folder`."""
        passed = []
        while folder not in self._root:
            if os.path.exists(os.path.join(folder, ".git")):
                self._root[folder] = folder
                break
            passed.append(folder)
            parent = os.path.dirname(folder)
            if parent == folder:
                self._root[folder] = None
                break
            folder = parent
        found = self._root[folder]
        for below in passed:
            self._root[below] = found
        return found


def upward(start: Path) -> Iterator[Path]:
    """`start` and the folders above it, up to the repository's root (or only `start`
    outside a repository): where a file the user keeps in their project is looked for."""
    here = start.resolve()
    top = worktree_root(here) or here
    for folder in (here, *here.parents):
        yield folder
        if folder == top:
            return


def open_repo(start: Path) -> GitRepo | None:
    """The repository whose work tree holds `start`, or None when there is none."""
    from dulwich.errors import NotGitRepository

    top = worktree_root(start)
    if top is None:
        return None
    try:
        return _open(top)
    except (NotGitRepository, OSError, ValueError):
        return None


def toplevel(path: Path) -> Path | None:
    """The work tree holding `path`, or None when it is not in one."""
    repo = open_repo(path)
    return repo.root if repo else None


def locate(manifest: Path, ref: str) -> tuple[str, GitRepo, str, str]:
    """`REF:path`, the repository, REF's commit and the manifest's path in it.

    A REF git does not know, or a manifest outside any repository, is exit 2.
    """
    repo = open_repo(manifest)
    if repo is None:
        raise UsageError("is not inside a git work tree", file=str(manifest), key="--base")
    rel = manifest.resolve().relative_to(repo.root).as_posix()
    spec = f"{ref}:{rel}"
    if ref.startswith("-") or not ref.strip():
        raise UsageError(f"'{ref}' is not a git revision", key="--base")
    commit = repo.resolve(ref)
    if commit is None:
        remote, _, branch = ref.partition("/")
        fetch = f"`git fetch {remote} {branch}` if it is a remote's branch; " if branch else ""
        raise UsageError(
            f"'{ref}' does not name a commit in {repo.root}",
            key="--base",
            fix=f"{fetch}give a branch, tag, SHA or `HEAD~N` that exists here",
        )
    return spec, repo, commit, rel


def show_at(manifest: Path, ref: str) -> tuple[str, bytes | None]:
    """`REF:path` and the manifest's bytes at REF, or None when REF has no such file."""
    spec, repo, commit, rel = locate(manifest, ref)
    try:
        return spec, repo.read(commit, rel)
    except (KeyError, OSError) as exc:
        raise InputError(f"git cannot read it: {exc}", file=spec) from None


def head_sha(manifest: Path) -> str | None:
    """The checkout's HEAD commit, or None outside a repository."""
    repo = open_repo(manifest)
    return repo.head() if repo else None


def repository(manifest: Path) -> str | None:
    """The `origin` remote's URL as configured, credentials removed."""
    repo = open_repo(manifest)
    url = repo.origin_url() if repo else None
    if not url:
        return None
    # Credentials embedded in an https remote must never reach a report.
    if "@" in url and "://" in url:
        scheme, rest = url.split("://", 1)
        url = f"{scheme}://{rest.split('@', 1)[1]}"
    return url
