"""Base classes shared by every pydantic model the gate reads from users."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class Strict(BaseModel):
    """Refuse unknown keys and silent coercion: a typo must never pass quietly."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)
