"""KeyFooter: one line of the screen's keys, the most important first, fitted to the width.

Textual's Footer shows every shown binding in binding order and cuts the row at
the right edge, so at 80 columns the help and palette hints were the first to go.
This footer reads the same active bindings (``Screen.active_bindings``, so keys
remapped in the config file show as remapped), orders them by the tables'
``footer`` priority (tui/app/bindings.py), always keeps ``? Help`` and the
palette hint (their keys as the config file's [keys] may have moved them), and
drops the least important keys that do not fit.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from textual.binding import Binding
from textual.content import Content
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Input

from ..bindings import FOOTER_PRIORITY, actions_of, key_name

GAPS = ("  ", " ")  # two spaces between items when that keeps them all, else one
MAIN_RANK = 10  # items ranked below this decide whether one-space gaps are worth it
KEPT_RANKS = (90, 91)  # help and quit: kept at the right whatever the width
UNRANKED = 100  # bindings of screens without a table: after the ranked ones, in their order


@dataclass(frozen=True)
class FooterItem:
    key: str
    label: str
    rank: int

    @property
    def width(self) -> int:
        return len(self.key) + 1 + len(self.label)


def key_display(binding: Binding, remapped: bool = False) -> str:
    """The key as the footer shows it; a key the config file remapped shows as written there."""
    if binding.key_display and not remapped:
        return binding.key_display
    return short_key(binding.key)


def short_key(keys: str) -> str:
    """The first of ``keys`` as the footer writes it: ``^p`` for ctrl+p, ``?`` for question_mark."""
    first = keys.split(",")[0].strip()
    if first.startswith("ctrl+"):
        return "^" + first[5:]
    return key_name(first)


def general_hints(key_map: dict[str, str]) -> tuple[str, str]:
    """(help key, palette key) of the full screens, as the config file's [keys] left them."""
    return (short_key(key_map.get("rehab.app.help_key", "question_mark")),
            short_key(key_map.get("rehab.app.palette", "ctrl+p")))


def footer_items(screen: Screen[Any]) -> list[FooterItem]:
    """The screen's shown, enabled bindings, one item per binding, in priority order."""
    seen: set[str] = set()
    items: list[FooterItem] = []
    remapped: dict[str, str] = getattr(screen.app, "key_map", {})
    # a screen without a ranked table: its keys in the order of its BINDINGS (a remapped one too)
    rank_in_table = {a.id: UNRANKED + n for n, a in enumerate(actions_of(screen))}
    for order, active in enumerate(screen.active_bindings.values()):
        binding = active.binding
        name = binding.id or binding.action
        if not binding.show or not binding.description or not active.enabled or name in seen:
            continue
        if not _runnable(active.node, binding.action):
            continue  # a key reserved in the table whose screen is not there yet
        seen.add(name)
        bid = binding.id or ""
        rank = FOOTER_PRIORITY.get(bid) or rank_in_table.get(bid, 2 * UNRANKED + order)
        items.append(FooterItem(key_display(binding, bid in remapped), binding.description, rank))
    items += _answered_by_a_widget(screen, seen, remapped, rank_in_table)
    return sorted(items, key=lambda item: item.rank)


def _answered_by_a_widget(screen: Screen[Any], seen: set[str], remapped: dict[str, str],
                          rank_in_table: dict[str, int]) -> list[FooterItem]:
    """The screen's shown keys that the focused widget takes first with a hidden binding of its
    own, and hands on to the screen: Enter in the history's list (the list selects, the screen
    edits), Enter in a dialog's text field (the field submits, the dialog saves)."""
    items = []
    for action in actions_of(screen):
        if not action.show or not action.label or action.id in seen:
            continue
        keys = [k.strip() for k in remapped.get(action.id, action.keys).split(",")]
        taken = next((k for k in keys if _hidden_widget_binding(screen, k)), None)
        if taken is not None:
            seen.add(action.id)
            shown = action.display if action.display and action.id not in remapped else short_key(taken)
            items.append(FooterItem(shown, action.label, FOOTER_PRIORITY.get(action.id)
                                    or rank_in_table.get(action.id, UNRANKED)))
    return items


def _hidden_widget_binding(screen: Screen[Any], key: str) -> bool:
    active = screen.active_bindings.get(key)
    return active is not None and active.node is not screen and not active.binding.show


def _runnable(node: object, action: str) -> bool:
    name = action.split("(")[0]
    return "." in name or hasattr(node, f"action_{name}")


def fit(items: list[FooterItem], width: int, *, palette: str | None = "^p",
        help_key: str = "?") -> tuple[list[FooterItem], str]:
    """(the items that fit in ``width`` cells, the gap between them): the most important first,
    ``? Help`` and the palette hint (``palette``: its key, None: no hint) always kept;
    two-space gaps unless one space keeps more."""
    def main_kept(chosen: list[FooterItem]) -> int:
        return sum(1 for item in chosen if item.rank < MAIN_RANK)

    wide, narrow = [(_fit(items, width, gap, palette, help_key), gap) for gap in GAPS]
    return narrow if main_kept(narrow[0]) > main_kept(wide[0]) else wide


def _fit(items: list[FooterItem], width: int, gap: str, palette: str | None, help_key: str) -> list[FooterItem]:
    kept_last = [item for item in items if item.rank in KEPT_RANKS]
    if not any(item.label == "Help" for item in kept_last):
        kept_last.insert(0, FooterItem(help_key, "Help", 90))
    if palette:
        kept_last.append(FooterItem(palette, "Palette", 99))
    room = width + len(gap) - sum(item.width + len(gap) for item in kept_last)
    chosen: list[FooterItem] = []
    for item in items:
        if item in kept_last or item.label == "Help":
            continue
        if item.width + len(gap) <= room:
            chosen.append(item)
            room -= item.width + len(gap)
    return chosen + kept_last


class KeyFooter(Widget):
    """The footer line (docked at the bottom by app.tcss)."""

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def _bindings_changed(self, screen: Screen[Any]) -> None:
        self.refresh()

    def render(self) -> Content:
        key_map: dict[str, str] = getattr(self.app, "key_map", {})
        help_key, palette = general_hints(key_map)
        if isinstance(self.screen.focused, Input):  # ? is typed there: F1 opens the help
            help_key = short_key(key_map.get("rehab.app.help", "f1"))
        items, gap = fit(footer_items(self.screen), self.size.width, palette=palette, help_key=help_key)
        parts: list[Content] = []
        for item in items:
            parts.append(Content.assemble((item.key, "bold $footer-key-foreground"), " ",
                                          (item.label, "$footer-description-foreground")))
        return Content(gap).join(parts)
