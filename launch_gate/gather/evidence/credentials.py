"""Credentials for evidence hosts, named only by whoever runs the gate.

A pull request writes the manifest and may write policy files, so neither may say what
secret goes where: a policy file that named an environment variable and a host let a
pull request send the runner's tokens anywhere. Only the workflow (the Action's
`evidence-credentials` input) or the person at the terminal (`--evidence-credential`)
names a host and the variable holding its header's value; the header then goes only
over https, to that exact host and port, and never after a redirect leaves that origin.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import NamedTuple

from launch_gate.errors import UsageError

# Variables the runner sets for its own use: no evidence host ever needs them, and a
# workflow line that names one is a mistake (or someone else's edit) worth stopping on.
RUNNER_SECRETS = frozenset(
    {
        "ACTIONS_RUNTIME_TOKEN",
        "ACTIONS_ID_TOKEN_REQUEST_TOKEN",
        "ACTIONS_RESULTS_URL",
        "ACTIONS_CACHE_URL",
        "INPUT_GITHUB-TOKEN",
        "INPUT_GITHUB_TOKEN",
    }
)
_LABEL = r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?"
_HOST = re.compile(rf"^(?=.{{1,253}}$){_LABEL}(?:\.{_LABEL})*$")
_HEADER = re.compile(r"^[A-Za-z0-9-]{1,64}$")
_ENV = re.compile(r"^[A-Za-z_][A-Za-z0-9_]{0,127}$")
SPELLING = "HOST[:PORT]=ENV_VAR or HOST[:PORT]=Header-Name:ENV_VAR"


class Credential(NamedTuple):
    """One header for one origin: https://host:port, and nothing else."""

    host: str  # lower case, exact
    port: int
    header: str
    env: str


class Resolved(NamedTuple):
    host: str
    port: int
    header: str
    value: str


def parse(spec: str, *, file: str | None, key: str) -> list[Credential]:
    """Entries separated by newlines or commas; `#` starts a comment. Exit 2 names `key`
    (the flag or the input) and the entry it could not read."""
    found = []
    for raw in re.split(r"[\n,]", spec):
        entry = raw.split("#", 1)[0].strip()
        if entry:
            found.append(_one(entry, file, key))
    return found


def _one(entry: str, file: str | None, key: str) -> Credential:
    def bad(message: str) -> UsageError:
        return UsageError(message, file=file, key=key)

    where, sep, what = entry.partition("=")
    if not sep:
        raise bad(f"'{entry}' is not {SPELLING}")
    where, what = where.strip().lower(), what.strip()
    if "://" in where or "/" in where:
        raise bad(f"'{where}': name the host alone (the header only ever goes over https)")
    host, colon, port_text = where.partition(":")
    port = 443
    if colon:
        if not port_text.isdigit() or not 0 < int(port_text) < 65536:
            raise bad(f"'{where}': the port must be a number from 1 to 65535")
        port = int(port_text)
    if not _HOST.match(host):
        raise bad(f"'{host}' is not a host name (exact names only: no wildcard, no scheme)")
    header, colon, env = what.rpartition(":")
    header = header.strip() if colon else "Authorization"
    env = env.strip()
    if not _HEADER.match(header):
        raise bad(f"'{header}' is not a header name")
    if not _ENV.match(env):
        raise bad(f"'{env}' is not an environment variable's name")
    if env.upper() in RUNNER_SECRETS:
        raise bad(f"{env} is the runner's own credential: it is never sent to a host")
    return Credential(host, port, header, env)


def resolve(
    credentials: Iterable[Credential],
    environ: Mapping[str, str],
    *,
    github_token: str | None,
    github_api_host: str,
    file: str | None,
    key: str,
) -> dict[str, Resolved]:
    """Each host's header with its value read now; a variable that is unset or empty sends
    nothing (the page answers as it would anyone). The GitHub token goes to GitHub's API
    only: a line that would send it elsewhere is exit 2, whatever variable holds it."""
    out = {}
    for c in credentials:
        value = environ.get(c.env, "")
        if not value:
            continue
        if github_token and github_token in value and c.host != github_api_host.lower():
            raise UsageError(
                f"{c.env} holds the GitHub token: it is sent to {github_api_host} only, "
                f"never to {c.host}",
                file=file,
                key=key,
            )
        out[c.host] = Resolved(c.host, c.port, c.header, value)
    return out


def api_host(api_url: str) -> str:
    """The host of GitHub's API URL, the one place the GitHub token may go."""
    from urllib.parse import urlsplit

    return (urlsplit(api_url).hostname or "").lower()
