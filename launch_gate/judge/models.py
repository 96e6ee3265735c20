"""Base classes shared by every pydantic model the gate reads from users."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class Strict(BaseModel):
    """Refuse unknown keys and silent coercion: a typo must never pass quietly."""

    # defer_build: a model is compiled the first time it validates, so a run pays only for
    # the models it uses (an offline check never builds the report or audit models).
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True, defer_build=True)
