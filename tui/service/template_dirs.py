"""Where templates come from (built-in, shared, the user's library): a small module, so
that building the service for `rehab log` does not import the template machinery."""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

SCHEMA_NAME = "template.schema.json"  # tui.core.templates.SCHEMA_NAME (a test checks they agree)


class TemplateDirs(NamedTuple):
    """Where templates come from: built-in, shared (in order), the user's own library."""

    builtin: Path
    shared: tuple[Path, ...]
    user: Path

    @property
    def schema(self) -> Path:
        return self.builtin / SCHEMA_NAME
