"""What approver verification found for one decision, as data the rules read.

Kept free of network and git imports: the offline gate names these types only.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import NamedTuple


class Proof(NamedTuple):
    """The review that proves a decision: on which pull request, by whom.

    A model, so the audit block serialises it as an object; compiled only when an audit is
    written (a pydantic dataclass would be built on every start).
    """

    pull_request: int
    approver: str
    review_id: int


class Approval(NamedTuple):
    """One decision's verdict; `proof` is None exactly when it is not proven."""

    check: str
    approver: str  # as the manifest names it: `@carol` or `@org/team`
    proof: Proof | None
    # Why it is not proven, naming who must approve; empty when proven.
    reason: str = ""


# The key of the approval a change that lowers the bar needs from the system's owner.
MANIFEST_KEY = "manifest"

# By check ID (or MANIFEST_KEY). A check absent from the map was not asked about (not changed by
# the pull request, or verification is off): the rule says nothing about it.
ApprovalMap = Mapping[str, Approval]
