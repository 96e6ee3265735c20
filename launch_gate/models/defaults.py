"""Project defaults: `.launch-gate.yaml`, or `[tool.launch-gate]` in pyproject.toml."""

from __future__ import annotations

from pydantic import Field

from launch_gate.models.base import Shape


class Defaults(Shape):
    """Defaults for launch-gate's commands; a flag given on the command line wins."""

    profile: str | None = Field(
        None,
        description="The profile when a manifest names none and no --profile is given: a "
        "built-in name or a policy file's path relative to this file.",
        examples=["enterprise"],
    )
    manifest: str | None = Field(
        None,
        description="The manifest commands use when none is named, relative to this file "
        "(default: the nearest readiness.yaml).",
        examples=["services/api/readiness.yaml"],
    )
    warn_days: int | None = Field(
        None,
        ge=0,
        description="Warn about decisions expiring within this many days (default: the profile's).",
    )
