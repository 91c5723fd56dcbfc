"""Where templates come from: built-ins, shared folders (REHAB_TEMPLATE_PATH), the user's library.

Later places shadow earlier ones by id, except that nothing takes a built-in's
id: such a shared or user template is skipped with a line in ``problems``. A
file that cannot be read or fails validation is skipped and reported in
``problems``; the rest still load.

The core does no file I/O of its own here beyond listing folders: the caller
hands in ``read`` (path -> bytes; the interfaces pass
``tui.fileio.read_template_bytes``, which reads only regular files and never
blocks) and ``folder_problem`` (folder -> a line when others can write to it).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from .errors import RehabError
from .templates import SCHEMA_NAME, Template, parse_template

Reader = Callable[[Path], bytes]  # raises RehabError with one line
FolderCheck = Callable[[Path], "str | None"]

ORIGINS = ("built-in", "shared", "user")
DEFAULT_TEMPLATE = "metatarsalgia-conservative"


@dataclass(frozen=True)
class TemplateEntry:
    template: Template
    origin: str  # built-in | shared | user
    path: Path


class TemplateCatalog(dict):  # type: ignore[type-arg]
    """id -> TemplateEntry, in display order, plus the files that were skipped."""

    def __init__(self) -> None:
        super().__init__()
        self.problems: list[str] = []


def _files(folder: Path) -> list[Path]:
    try:
        return sorted(p for p in folder.iterdir() if p.suffix == ".json" and p.name != SCHEMA_NAME)
    except OSError:
        return []


def _no_problem(folder: Path) -> str | None:
    return None


def discover_templates(builtin_dir: Path, shared_dirs: list[Path], user_dir: Path, *,
                       read: Reader, folder_problem: FolderCheck = _no_problem) -> TemplateCatalog:
    catalog = TemplateCatalog()
    schema_path = Path(builtin_dir) / SCHEMA_NAME  # the schema ships beside the built-in plans
    places = [(builtin_dir, "built-in")] + [(d, "shared") for d in shared_dirs] + [(user_dir, "user")]
    builtin_ids: set[str] = set()
    for folder, origin in places:
        if origin == "shared":
            warning = folder_problem(Path(folder))
            if warning:
                catalog.problems.append(warning)
        for path in _files(Path(folder)):
            try:
                template = parse_template(read(path), str(path), schema_path=schema_path)
            except RehabError as err:
                catalog.problems.append(str(err))
                continue
            if origin == "built-in":
                builtin_ids.add(template.id)
            elif template.id in builtin_ids:
                catalog.problems.append(
                    f"{path}: id {template.id!r} is a built-in template's; it is skipped "
                    "(give it another id)")
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
