"""What every shape shares: strict types, and no key the shape does not name."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field


class Shape(BaseModel):
    # A YAML `yes` is not a string, `"3"` is not a number and a misspelt key is an error:
    # a manifest means exactly what it says, or it is refused at the line.
    model_config = ConfigDict(strict=True, extra="forbid", frozen=True)


Text = Annotated[str, Field(min_length=1, max_length=4000)]
Person = Annotated[str, Field(min_length=1, max_length=200)]
