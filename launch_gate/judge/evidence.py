"""What evidence verification found, as data the rules read.

Kept free of network imports: the rules read these types, and the offline
gate must not pay for httpx or PyGithub just to name them.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Literal, NamedTuple

from launch_gate.judge.manifest import ResultsEvidence, WorkflowEvidence

State = Literal["ok", "broken", "unreachable", "skipped"]
Kind = Literal["url", "path", "github", "workflow", "results"]
# A decision's `tracking` link must also be open; plain evidence need only exist.
Role = Literal["evidence", "tracking"]
Item = str | WorkflowEvidence | ResultsEvidence
# Where an item sits in the manifest: (check ID, "evidence", index) or
# (check ID, "decision", "tracking"); the tail is the rule's finding path.
EvidenceKey = tuple[str, str, int | str]
EvidenceMap = Mapping[EvidenceKey, "EvidenceResult"]


class EvidenceResult(NamedTuple):
    item: str
    kind: Kind
    state: State
    reason: str = ""
    # Measured evidence: the numbers and how they compare, said of a passing item too.
    measured: str = ""


# `scheme://user:password@`: what is between `//` and `@` is never shown anywhere.
_USERINFO = re.compile(r"(?i)\b([a-z][a-z0-9+.-]*://)[^/?#\s@]*@")
# Query parameters that carry a secret in the links people paste: tokens, signed URLs
# (S3, GCS, Azure SAS), API keys, passwords. Their values are never shown; the rest of
# the URL is, so a reviewer still knows what was linked. `;` also catches HTML's `&amp;`.
SECRET_PARAMS = (
    "access_token", "refresh_token", "id_token", "token", "private_token", "auth",
    "authorization", "api_key", "apikey", "api-key", "key", "secret", "client_secret",
    "password", "passwd", "pwd", "sig", "signature", "code", "session", "sessionid",
    "x-amz-signature", "x-amz-credential", "x-amz-security-token", "x-goog-signature",
    "x-goog-credential",
)  # fmt: skip
_SECRET_QUERY = re.compile(
    r"(?i)([?&;](?:" + "|".join(re.escape(p) for p in SECRET_PARAMS) + r")=)[^&#\s\"'<>]+"
)


def hide_credentials(text: str) -> str:
    """`text` with the user information of every URL in it, and the values of its
    secret-looking query parameters, replaced by `***`."""
    # Most evidence has neither: every report repeats this for each item.
    if "@" in text:
        text = _USERINFO.sub(r"\1***@", text)
    if "=" in text:
        text = _SECRET_QUERY.sub(r"\1***", text)
    return text


def describe(item: Item) -> str:
    """An evidence item as every report shows it: never with a URL's credentials."""
    if isinstance(item, str):
        return hide_credentials(item)
    if isinstance(item, ResultsEvidence):
        return f"results {item.results} ({item.format})"
    parts = [f"workflow {item.workflow}"]
    if item.repo:
        parts.append(f"in {item.repo}")
    if item.branch:
        parts.append(f"on {item.branch}")
    if item.artifact:
        parts.append(f"artifact {item.artifact}" + (f" ({item.format})" if item.format else ""))
    return " ".join(parts)
