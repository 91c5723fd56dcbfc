"""The app's side of the config file (tui/config.py) and of the per-screen keys.

RehabApp mixes in :class:`SettingsMixin`:

- at start: the config's theme, its ``[keys]`` (Textual's keymap API, ids without a
  dot are the main screen's: ``log`` is ``rehab.log``), the ASCII choice (the
  ``-ascii`` class on the app turns every border into Textual's "ascii" border,
  ``self.glyphs`` the marks and charts) and at most one warning line as a notice;
- a theme picked later (the palette's "Change theme") is written to the config
  file in a thread worker (``config.save_theme``);
- ``?`` / F1 on any screen opens the help of that screen, and the command palette
  lists the actions of the screen under it (both from tui/app/bindings.py).
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual.app import SystemCommand
from textual.binding import Binding
from textual.dom import DOMNode
from textual.screen import Screen
from textual.scrollbar import ScrollBar, ScrollBarRender
from textual.theme import Theme

from ..config import Config, ConfigError, config_path, load_config, save_theme
from ..core.glyphs import Glyphs, ascii_wanted, glyphs
from ..core.safe_text import safe_line
from .bindings import (
    APP_ACTIONS,
    CATCHUP_ACTIONS,
    CHOOSER_ACTIONS,
    DIALOG_HELP,
    EDITOR_ACTIONS,
    LIBRARY_ACTIONS,
    MAIN_ACTIONS,
    NOTICE_ACTIONS,
    PROGRESS_ACTIONS,
    REVIEW_ACTIONS,
    Action,
    actions_of,
    key_name,
    palette_title,
)

if TYPE_CHECKING:
    from textual.app import App

    _Base = App[int]
else:
    _Base = object

KNOWN_TABLES = (MAIN_ACTIONS, EDITOR_ACTIONS, LIBRARY_ACTIONS, CHOOSER_ACTIONS, PROGRESS_ACTIONS, APP_ACTIONS,
                REVIEW_ACTIONS, NOTICE_ACTIONS, CATCHUP_ACTIONS)


@dataclass(frozen=True)
class Settings:
    """What the app starts with: the config, its warning lines, the ASCII choice, the file."""

    config: Config = field(default_factory=Config)
    warnings: tuple[str, ...] = ()
    ascii: bool = False
    path: Path | None = None  # None: never write (tests that do not want a config file)


def load_settings(ascii_flag: bool = False, environ: Mapping[str, str] | None = None,
                  path: Path | None = None) -> Settings:
    """The config file read (never raises), the ASCII choice made (flag > file > TERM)."""
    path = config_path() if path is None else path
    config, warnings = load_config(path)
    env = os.environ if environ is None else environ
    return Settings(config, tuple(warnings), ascii_wanted(env, config.ascii, ascii_flag), path)


def binding_id_of(name: str) -> str:
    """The binding id a ``[keys]`` name means: ``log`` and ``editor.add`` are ``rehab.log`` and
    ``rehab.editor.add`` (the ids shown on each screen's ? help), full ids stay as written."""
    return name if name.startswith("rehab.") else f"rehab.{name}"


def keymap_from(keys: Mapping[str, str], tables: Iterable[tuple[Action, ...]] = KNOWN_TABLES,
                ) -> tuple[dict[str, str], list[str]]:
    """(Textual keymap, problems): ids normalised, unknown ids and clashes on one screen named."""
    tables = tuple(tables)
    keymap: dict[str, str] = {}
    problems: list[str] = []
    known = {a.id for table in tables for a in table}
    for name, key in keys.items():
        binding_id = binding_id_of(name)
        if binding_id not in known:
            problems.append(f"{name}: no such key binding (? on a screen lists its ids)")
            continue
        keymap[binding_id] = key
    _one_help_key(keymap)
    for table in tables:
        problems += _clashes(table, keymap)
    return keymap, problems


# The help key is bound three times: the main screen's (its footer item), every screen's, and
# the dialogs' (outside a text field). To the user it is one key: moving any of them moves all.
HELP_KEY_IDS = ("rehab.help", "rehab.app.help_key", "rehab.dialog.help")


def _one_help_key(keymap: dict[str, str]) -> None:
    """``help = "f2"`` (or ``app.help_key``, ``dialog.help``) moves the help key on every screen;
    the ones the file names itself keep what it says."""
    given = next((keymap[i] for i in HELP_KEY_IDS if i in keymap), None)
    if given is not None:
        for binding_id in HELP_KEY_IDS:
            keymap.setdefault(binding_id, given)


def all_tables() -> tuple[tuple[Action, ...], ...]:
    """The key tables of every screen and dialog (imported here, once, when [keys] is used)."""
    from .screens import (
        catchup,
        checkin,
        chooser,
        edit_dialogs,
        editor,
        export,
        help,
        history,
        library,
        log_dialog,
        message,
        progress,
        prompt,
        review,
        swap,
        timer,
    )

    screens = (catchup.NoticeScreen, catchup.CatchUpScreen, checkin.CheckInDialog, chooser.ChooserScreen,
               edit_dialogs.ActivityPicker, edit_dialogs.DoseDialog, editor.EditorScreen, export.ExportDialog,
               help.HelpScreen, history.HistoryScreen, library.LibraryScreen, log_dialog.LogDialog,
               message.MessageScreen, message.TooSmallScreen, progress.ProgressScreen, prompt.PromptDialog,
               review.ReviewScreen, swap.SwapDialog, timer.TimerScreen)
    dialog = (Action(DIALOG_HELP.id or "", DIALOG_HELP.key, DIALOG_HELP.action, "Help", "", show=False),)
    return (*KNOWN_TABLES, dialog, *(actions_of(screen) for screen in screens))


def _clashes(table: Iterable[Any], keymap: Mapping[str, str]) -> list[str]:
    owner: dict[str, str] = {}
    problems = []
    for action in table:
        for key in keymap.get(action.id, action.keys).split(","):
            key = key.strip()
            if key in owner and owner[key] != action.label:
                problems.append(f"{key!r} is both {owner[key]} and {action.label}")
            owner.setdefault(key, action.label)
    return problems


def with_keys(actions: Iterable[Action], keymap: Mapping[str, str]) -> tuple[Action, ...]:
    """The actions with the keys the config file gave them (what help and palette show)."""
    return tuple(replace(a, keys=keymap[a.id], display=None) if a.id in keymap else a for a in actions)


def help_title(class_name: str) -> str:
    """"ExportDialog" -> "Keys of the export dialog", "EditorScreen" -> "Keys of the editor"."""
    words = re.findall(r"[A-Z][a-z]*", class_name.removesuffix("Screen")) or [class_name]
    return "Keys of the " + " ".join(word.lower() for word in words)


class AsciiScrollBarRender(ScrollBarRender):
    """Scrollbars drawn with colour alone (the thumb's eighth blocks are not in VT fonts)."""

    VERTICAL_BARS = [" "] * 8
    HORIZONTAL_BARS = [" "] * 8


class SettingsMixin(_Base):
    settings: Settings
    glyphs: Glyphs

    def init_settings(self, settings: Settings | None) -> None:
        self.settings = settings or Settings()
        self.glyphs = glyphs(self.settings.ascii)
        self._saved_theme: str | None = None
        self._clash_reported = False
        self.key_map: dict[str, str] = {}  # binding id -> key(s), from the config's [keys]

    def apply_settings(self) -> None:
        """Theme, keymap, ASCII and the warning line; then watch for a theme picked."""
        config = self.settings.config
        problems = list(self.settings.warnings)
        if config.theme is not None:
            if config.theme in self.available_themes:
                self.theme = config.theme
            else:
                problems.append(f"theme {safe_line(config.theme)!r} is not one of Textual's themes")
        self._saved_theme = self.theme
        keymap, clashes = keymap_from(config.keys, all_tables()) if config.keys else ({}, [])
        if keymap:
            self.key_map = keymap
            self.set_keymap(keymap)
        if clashes:
            problems.append("[keys] " + "; ".join(clashes))
        self.set_class(self.settings.ascii, "-ascii")
        # Textual's documented way to draw scrollbars differently (one renderer per process).
        ScrollBar.renderer = AsciiScrollBarRender if self.settings.ascii else ScrollBarRender
        if problems:
            self.notify("Config: " + "; ".join(safe_line(p) for p in problems), title="Config file",
                        severity="warning", markup=False, timeout=10)
        self.theme_changed_signal.subscribe(self, self._theme_picked)

    def _theme_picked(self, theme: Theme) -> None:
        if theme.name == self._saved_theme or self.settings.path is None:
            return
        self._saved_theme = theme.name
        self.run_worker(partial(self._save_theme, self.settings.path, theme.name), thread=True,
                        group="config", exit_on_error=False)

    def _save_theme(self, path: Path, name: str) -> None:
        try:
            save_theme(path, name)
        except (ConfigError, OSError) as err:
            text = str(err).splitlines()[0] if str(err) else type(err).__name__
            self.call_from_thread(self.notify, f"Theme not saved: {text}", severity="error", markup=False)

    def handle_bindings_clash(self, clashed_bindings: set[Binding], node: DOMNode) -> None:
        # Textual also names a binding of several keys ("h,H") remapped to one key: the
        # binding clashing with itself is no clash (a real one is a key kept by another).
        real = {b for b in clashed_bindings if b.key not in self._remapped_keys(b.id)}
        if self._clash_reported or not real:
            return
        self._clash_reported = True
        keys = ", ".join(sorted({b.key for b in real}))
        self.notify(f"Config: [keys] clash on {keys}: only one of them works", severity="warning",
                    markup=False, timeout=10)

    def shown_key(self, name: str, default: str) -> str:
        """The key of binding ``name`` (``history.older``) as a hint shows it: ``default`` unless
        the config file remapped it."""
        keys = self.key_map.get(binding_id_of(name))
        return key_name(keys.split(",")[0], self.glyphs.ascii) if keys else default

    def _remapped_keys(self, binding_id: str | None) -> set[str]:
        keys = self.key_map.get(binding_id or "")
        return {k.strip() for k in keys.split(",")} if keys else set()

    # --- help and palette of every screen -------------------------------------------------
    def action_screen_help(self) -> None:
        from .screens.help import HelpScreen

        screen = self.screen
        if isinstance(screen, HelpScreen):
            return
        name = getattr(screen, "HELP_TITLE", None) or help_title(type(screen).__name__)
        self.push_screen(HelpScreen(name, self.screen_actions(screen), with_keys(APP_ACTIONS, self.key_map)))

    def screen_actions(self, screen: object) -> tuple[Action, ...]:
        """The screen's actions with the keys they have now (the config's [keys] applied)."""
        return with_keys(actions_of(screen), self.key_map)

    def screen_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        """A palette command for every action of ``screen`` (quit and help left to Textual's own)."""
        for action in self.screen_actions(screen):
            if action.action in ("quit", "app.quit", "app.focus_next"):
                continue
            yield SystemCommand(palette_title(action), f"{action.help} (key: {action.key_text})",
                                partial(screen.run_action, action.action))
