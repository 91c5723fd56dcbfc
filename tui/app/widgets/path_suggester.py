"""PathSuggester: completes a typed path with the first file or folder that starts with it
(Textual's Input shows the rest dimmed; the right arrow takes it). Folders end in "/"."""

from __future__ import annotations

import os
from pathlib import Path

from textual.suggester import Suggester

MAX_ENTRIES = 2000  # a huge folder is not listed in full on each key


class PathSuggester(Suggester):
    def __init__(self, suffixes: tuple[str, ...] = ()) -> None:
        super().__init__(use_cache=False, case_sensitive=True)
        self.suffixes = suffixes  # files with these endings are offered first (".json")

    async def get_suggestion(self, value: str) -> str | None:
        return complete_path(value, self.suffixes)


def complete_path(value: str, suffixes: tuple[str, ...] = ()) -> str | None:
    """``value`` completed to the first matching entry of its folder, or None."""
    if not value or "\n" in value:
        return None
    folder_text, _, stem = value.rpartition("/")
    rooted = bool(folder_text) or value.startswith("/")  # "/et": folder_text "" but the root
    folder = Path(os.path.expanduser(folder_text)) if folder_text else Path("/" if rooted else ".")
    try:
        with os.scandir(folder) as entries:
            names = []
            for n, entry in enumerate(entries):
                if n >= MAX_ENTRIES:
                    break
                if entry.name.startswith(stem) and (stem.startswith(".") or not entry.name.startswith(".")):
                    names.append(entry.name + ("/" if entry.is_dir() else ""))
    except OSError:
        return None
    names.sort(key=lambda name: (not name.endswith(suffixes) if suffixes else False, name))
    for name in names:
        if name != stem:
            return f"{folder_text}/{name}" if rooted else name
    return None
