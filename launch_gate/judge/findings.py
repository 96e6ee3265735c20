"""The fix the judge suggests for each problem code (launch_gate/findings.py holds the data)."""

from __future__ import annotations

# Problem codes of the report contract, each with the fix we suggest.
HINTS: dict[str, str] = {
    "undecided": "decide it with `launch-gate review`, or `launch-gate decide CHECK done "
    "--evidence PATH|URL` (or `accept`, or `not-applicable` with a reason)",
    "missing-evidence": "add at least one evidence link or repository path under `evidence:`",
    "broken-evidence": "fix or replace the evidence item",
    "expired": "after a fresh look, `launch-gate renew CHECK --days N` sets a new `expires` "
    "date; or close the gap",
    "missing-expiry": "add `expires: YYYY-MM-DD` to the decision",
    "expiry-too-far": "choose an earlier `expires` date",
    "missing-rationale": "say why the risk is acceptable in `rationale:`",
    "missing-owner": "name the person accountable in `owner:`",
    "missing-approver": "name who approved it in `approved_by:`",
    "self-approved": "have someone other than the owner approve it",
    "missing-mitigation": "describe what limits the damage in `mitigation:`",
    "missing-tracking": "link the issue that tracks the fix in `tracking:`",
    "missing-reason": "explain in `reason:` why the check does not apply",
    "acceptance-not-allowed": "mark it done with evidence, or not-applicable with a `reason`",
    "below-min-score": "complete more checks with evidence to raise the score",
    "expires-soon": "`launch-gate renew CHECK --days N` before it expires, or close the gap",
    "unreachable-evidence": "make the evidence reachable from CI, or replace it with a "
    "repository path or a public link",
    "reviewed-in-future": "set `reviewed:` to the date the check was actually reviewed",
    "stale-attestation": "review the check again and update `reviewed:` to the date you did",
    "unproven-approval": "the person named in `approved_by` must approve the pull request that "
    "adds or changes the decision",
    "needs-capability": "add the capability to system.capabilities if the system has it, or "
    "remove the decision",
    "unproven-bar": "the system's owner (system.owner) must approve the pull request that "
    "removes a capability, weakens the profile or waives a check",
    "judged-by-base": "a pull request never decides how it is judged: the policy it proposes "
    "is shown as a bar change, needs the owner's approval where it lowers the bar, and takes "
    "effect after the merge",
    "not-a-handle": "write the GitHub handle with its `@` (`@erin`, `@acme/ml-platform`): "
    "approvals are proven against it and the expiry issue is assigned to it",
    "risk-no-longer-needed": "its evidence now verifies: switch the check to `status: done` and "
    "drop the decision",
}


def hint_for(code: str, check: str | None = None) -> str:
    """The fix for `code`; a command in it names the check it is for."""
    hint = HINTS.get(code, "")
    return hint.replace("CHECK", check) if check else hint
