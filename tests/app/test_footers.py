"""The key footer of every screen and dialog at 100x30 and 80x24 (issue 13, "findable").

On each screen the footer is the screen's own (a dialog's footer names the dialog's keys, not
those of the dimmed screen below); it fits the width; it always ends with the help key and the
palette hint (the help key is F1 while a text field has the focus: ? would be typed there);
every item is a whole "key label" of that screen, none cut mid-word; and at 100 columns the
main screen shows log, week, check-in, timer, review, progress, history, help and quit.
"""

from __future__ import annotations

import re

import pytest
from app_helpers import until
from test_reminders_app import FakeNow, at, build, log_before
from textual.widgets import Input

from tui.app.bindings import actions_of
from tui.app.settings import Settings
from tui.app.widgets.footer import KeyFooter
from tui.config import Config

MAIN_AT_100 = ("Log", "Week", "Check-in", "Timer", "Review", "Progress", "History", "Help", "Quit")
MAIN_AT_80 = ("Log", "Week", "Check-in", "Timer", "Review", "Help", "Quit")  # as the README says

# name: (keys pressed on the main screen, the screen on top)
SCREENS = {
    "main": ((), "MainScreen"),
    "editor": (("e",), "EditorScreen"),
    "progress": (("p",), "ProgressScreen"),
    "history": (("h",), "HistoryScreen"),
    "review": (("r",), "ReviewScreen"),
    "library": (("L",), "LibraryScreen"),
    "export": (("x",), "ExportDialog"),
    "check-in": (("c",), "CheckInDialog"),
    "log": (("enter",), "LogDialog"),
    "timer": (("j",) * 6 + ("s",), "TimerScreen"),  # the ball roll, a timed session
}


def footer_of(app) -> str:
    """The footer of the screen on top ("" while a dialog's footer is still being mounted)."""
    footers = app.screen.query(KeyFooter)
    return footers.first().render().plain if footers else ""


def items_of(footer: str, labels: set[str]) -> list[str]:
    """The footer read item by item ("key label"), each label one the screen has; an item cut
    short, or run into the next, has no such label and fails here."""
    items, rest = [], footer
    alternatives = "|".join(re.escape(label) for label in sorted(labels, key=len, reverse=True))
    item = re.compile(rf"((?:\[ \]|\S+) (?:{alternatives}))(?:  ?|$)")  # "[ ] Week": a key of two
    while rest:
        found = item.match(rest)
        assert found, f"not a whole item at {rest!r} in {footer!r}"
        items.append(found.group(1))
        rest = rest[found.end():]
    return items


def check_footer(app, width: int) -> list[str]:
    footer = footer_of(app)
    assert len(footer) <= width, footer
    labels = {a.label for a in actions_of(app.screen) if a.label} | {"Help", "Palette"}
    items = items_of(footer, labels)
    help_key = "f1" if isinstance(app.focused, Input) else "?"
    assert items[-1] == "^p Palette", footer
    assert f"{help_key} Help" in items, footer
    assert not re.findall(r"[^\x00-\x7f]", footer), footer
    return items


async def look_at_both_widths(pilot, app, expected: str) -> dict[int, list[str]]:
    """The footer of the screen ``expected`` at 100x30, then resized to 80x24."""
    seen = {}
    for width, height in ((100, 30), (80, 24)):
        await pilot.resize_terminal(width, height)
        await until(pilot, lambda w=width: type(app.screen).__name__ == expected and app.screen.size.width == w
                    and footer_of(app).endswith("Palette"), f"{expected} at {width} columns")
        seen[width] = check_footer(app, width)
    return seen


@pytest.mark.parametrize("ascii", [False, True], ids=["unicode", "ascii"])
@pytest.mark.parametrize("name", SCREENS)
async def test_each_screen_has_its_own_footer_with_help_and_palette(history_store, make, name, ascii):
    keys, expected = SCREENS[name]
    app = make(history_store, settings=Settings(Config(), (), ascii, None))
    async with app.run_test(size=(100, 30)) as pilot:
        await until(pilot, lambda: type(app.screen).__name__ == "MainScreen", "the main screen")
        await pilot.press(*keys)
        seen = await look_at_both_widths(pilot, app, expected)
    if name == "main":
        for width, wanted in ((100, MAIN_AT_100), (80, MAIN_AT_80)):
            labels = [item.rsplit(" ", 1)[1] for item in seen[width]]  # the main labels are one word
            assert all(label in labels for label in wanted), seen[width]
            assert labels.index("Log") < labels.index("Check-in") < labels.index("Timer") < labels.index("Review")
    if name == "history":
        assert "Enter Edit" in seen[80]  # the list takes Enter first and hands it on as Edit
    if name in ("export", "check-in", "log", "timer", "review"):
        assert not any(item.endswith(("Log", "Quit")) for item in seen[100])  # the dialog's keys


@pytest.mark.parametrize("which", ["notice", "catch-up"])
async def test_the_reminder_notice_and_catch_up_have_their_footer(make, timed_store, which):
    clock = FakeNow("12:27" if which == "notice" else "12:45")
    if which == "notice":
        log_before(timed_store, at("12:27"))
    app = build(make, timed_store, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        if which == "notice":
            await until(pilot, lambda: app.reminders.catch_up_since is None, "the look at start (nothing missed)")
            clock.to("12:31")
            app.reminders.tick()
        expected = "NoticeScreen" if which == "notice" else "CatchUpScreen"
        seen = await look_at_both_widths(pilot, app, expected)
    assert any(item.endswith("Later") for item in seen[80]), seen


async def test_a_dialog_footer_says_f1_in_a_text_field_and_follows_the_focus(history_store, make):
    app = make(history_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: type(app.screen).__name__ == "MainScreen", "the main screen")
        await pilot.press("enter")  # the log dialog: the status choice has the focus
        await until(pilot, lambda: "? Help" in footer_of(app), "? on the status choice")
        await pilot.press("tab")  # the minutes field
        await until(pilot, lambda: isinstance(app.focused, Input), "the minutes field")
        await until(pilot, lambda: "f1 Help" in footer_of(app), "f1 in a text field")
        assert footer_of(app).startswith("Enter Save")  # the field takes Enter and the dialog saves
