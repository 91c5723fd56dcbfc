"""KeyFooter: one line of the screen's keys, the most important first, fitted to the width.

Textual's Footer shows every shown binding in binding order and cuts the row at
the right edge, so at 80 columns the help and palette hints were the first to go.
This footer reads the same active bindings (``Screen.active_bindings``, so keys
remapped in the config file show as remapped), orders them by the tables'
``footer`` priority (tui/app/bindings.py), always keeps ``? Help`` and the
palette hint, and drops the least important keys that do not fit.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.binding import Binding
from textual.content import Content
from textual.screen import Screen
from textual.widget import Widget

from ..bindings import FOOTER_PRIORITY, KEY_NAMES

GAP = "  "
PALETTE = ("^p", "Palette")
UNRANKED = 50  # bindings of screens without a table: after the ranked ones, in their order


@dataclass(frozen=True)
class FooterItem:
    key: str
    label: str
    rank: int

    @property
    def width(self) -> int:
        return len(self.key) + 1 + len(self.label)


def key_display(binding: Binding) -> str:
    if binding.key_display:
        return binding.key_display
    first = binding.key.split(",")[0].strip()
    if first.startswith("ctrl+"):
        return "^" + first[5:]
    return KEY_NAMES.get(first, first)


def footer_items(screen: Screen) -> list[FooterItem]:
    """The screen's shown, enabled bindings, one item per binding, in priority order."""
    seen: set[str] = set()
    items: list[FooterItem] = []
    for order, active in enumerate(screen.active_bindings.values()):
        binding = active.binding
        name = binding.id or binding.action
        if not binding.show or not binding.description or not active.enabled or name in seen:
            continue
        seen.add(name)
        items.append(FooterItem(key_display(binding), binding.description,
                                FOOTER_PRIORITY.get(binding.id or "", UNRANKED + order)))
    return sorted(items, key=lambda item: item.rank)


def fit(items: list[FooterItem], width: int, *, palette: bool = True) -> list[FooterItem]:
    """The items that fit in ``width`` cells, help/quit (ranks >= 90) and the palette hint kept."""
    kept_last = [item for item in items if item.rank >= 90 and item.label == "Help"]
    if not kept_last:
        kept_last = [FooterItem("?", "Help", 90)]
    if palette:
        kept_last.append(FooterItem(*PALETTE, 99))
    room = width - 1 - sum(item.width + len(GAP) for item in kept_last)
    chosen: list[FooterItem] = []
    for item in items:
        if item in kept_last or item.label == "Help":
            continue
        if item.width + len(GAP) <= room:
            chosen.append(item)
            room -= item.width + len(GAP)
    return chosen + kept_last


class KeyFooter(Widget):
    """The footer line (docked at the bottom by app.tcss)."""

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def _bindings_changed(self, screen: Screen) -> None:
        self.refresh()

    def render(self) -> Content:
        items = fit(footer_items(self.screen), self.size.width)
        parts: list[Content] = []
        for item in items:
            parts.append(Content.assemble((item.key, "bold $footer-key-foreground"), " ",
                                          (item.label, "$footer-description-foreground")))
        return Content(GAP).join(parts)
