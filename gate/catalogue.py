"""The 50-check catalogue, read from ``policies/catalogue.yaml``."""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Literal

from pydantic import Field, ValidationError

from gate import yamlsrc
from gate.models import Strict
from gate.validation import raise_for

Capability = Literal["rag", "tools", "agents"]
CAPABILITIES: tuple[Capability, ...] = ("rag", "tools", "agents")
# The four built-in bars, lowest first. A check's `from` names one of them.
Tier = Literal["minimum-viable", "startup", "enterprise", "regulated"]
TIERS: tuple[Tier, ...] = ("minimum-viable", "startup", "enterprise", "regulated")


class Check(Strict):
    id: str = ""
    layer: str = ""
    title: str
    description: str
    evidence: list[str]
    # The first tier that requires the check / refuses an accepted risk for it.
    from_: Tier = Field(alias="from")
    no_accept: Tier | None = None
    needs: Capability | None = None


class Catalogue(Strict):
    version: Literal[1]
    layers: dict[str, str]
    checks: dict[str, Check]

    @staticmethod
    def tier_index(tier: Tier) -> int:
        return TIERS.index(tier)

    def layer_of(self, check_id: str) -> str:
        return check_id.split(".", 1)[0]


def policies_dir() -> Path:
    """Where the built-in policy files are: in the wheel, or in a source checkout.

    The wheel maps `policies/` into `gate/policies/` without an `__init__.py`
    (it is data, not code), so look for the file rather than import a package.
    """
    here = Path(__file__).resolve().parent
    for candidate in (here / "policies", here.parent / "policies"):
        if (candidate / "catalogue.yaml").is_file():
            return candidate
    return here.parent / "policies"


@functools.cache
def load_catalogue() -> Catalogue:
    path = policies_dir() / "catalogue.yaml"
    doc = yamlsrc.load_file(path, "policies/catalogue.yaml")
    try:
        raw = Catalogue.model_validate(doc.data)
    except ValidationError as exc:
        raise_for(exc, doc, Catalogue)
    checks = {
        cid: check.model_copy(update={"id": cid, "layer": raw.layer_of(cid)})
        for cid, check in raw.checks.items()
    }
    return raw.model_copy(update={"checks": checks})
