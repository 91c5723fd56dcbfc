"""Where templates come from: built-ins, shared folders (REHAB_TEMPLATE_PATH), the user's library.

Later places shadow earlier ones by id. A file that fails validation in a
shared folder or the user's library is skipped and reported in ``problems``;
the rest still load.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .errors import RehabError
from .templates import SCHEMA_NAME, Template, load_template_file

ORIGINS = ("built-in", "shared", "user")
DEFAULT_TEMPLATE = "metatarsalgia-conservative"


@dataclass(frozen=True)
class TemplateEntry:
    template: Template
    origin: str  # built-in | shared | user
    path: Path


class TemplateCatalog(dict):
    """id -> TemplateEntry, in display order, plus the files that were skipped."""

    def __init__(self) -> None:
        super().__init__()
        self.problems: list[str] = []


def _files(folder: Path) -> list[Path]:
    try:
        return sorted(p for p in folder.iterdir() if p.suffix == ".json" and p.name != SCHEMA_NAME)
    except OSError:
        return []


def discover_templates(builtin_dir: Path, shared_dirs: list[Path], user_dir: Path) -> TemplateCatalog:
    catalog = TemplateCatalog()
    schema_path = Path(builtin_dir) / SCHEMA_NAME  # the schema ships beside the built-in plans
    places = [(builtin_dir, "built-in")] + [(d, "shared") for d in shared_dirs] + [(user_dir, "user")]
    for folder, origin in places:
        for path in _files(Path(folder)):
            try:
                template = load_template_file(path, schema_path=schema_path)
            except RehabError as err:
                catalog.problems.append(str(err))
                continue
            catalog[template.id] = TemplateEntry(template, origin, path)
    if DEFAULT_TEMPLATE in catalog:  # the default first, the rest as found
        first = catalog.pop(DEFAULT_TEMPLATE)
        rest = list(catalog.items())
        catalog.clear()
        catalog[DEFAULT_TEMPLATE] = first
        catalog.update(rest)
    return catalog


def find_template(entries: dict[str, TemplateEntry], template_id: str) -> TemplateEntry:
    try:
        return entries[template_id]
    except KeyError:
        known = ", ".join(sorted(entries)) or "none"
        raise RehabError(f"no template {template_id!r}; known: {known}") from None
