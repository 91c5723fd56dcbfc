"""First run: the template chooser starts a plan with Enter; the start date can be changed."""

from __future__ import annotations

from app_helpers import TODAY, on_top, until
from textual.widgets import Input

from tui.app.screens.chooser import ChooserScreen, TemplateList
from tui.app.screens.main import MainScreen


async def chooser(pilot) -> ChooserScreen:
    """The first-run chooser with its templates loaded (a thread worker)."""
    screen = await on_top(pilot, ChooserScreen)
    await until(pilot, lambda: screen.highlighted_entry() is not None, "the templates listed")
    return screen


async def test_first_run_shows_chooser_with_default_highlighted(store, make):
    app = make(store)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await chooser(pilot)
        assert screen.highlighted_entry().template.id == "metatarsalgia-conservative"
        options = screen.query_one(TemplateList)
        assert options.option_count >= 3  # the built-ins


async def test_enter_starts_the_highlighted_plan_today(store, make):
    app = make(store)
    async with app.run_test(size=(100, 30)) as pilot:
        await chooser(pilot)
        await pilot.press("enter")
        await on_top(pilot, MainScreen)
    plan = store.get_plan()
    assert plan.template_id == "metatarsalgia-conservative"
    assert plan.start == TODAY


async def test_start_date_can_be_changed_before_confirming(store, make):
    app = make(store)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await chooser(pilot)
        await pilot.press("down")  # another template
        await until(pilot, lambda: screen.highlighted_entry().template.id != "metatarsalgia-conservative",
                    "another template highlighted")
        chosen = screen.highlighted_entry().template.id
        await pilot.press("tab")
        date_input = screen.query_one("#start-date", Input)
        await until(pilot, lambda: app.focused is date_input, "the start date field")
        date_input.value = "2026-11-30"
        await pilot.press("enter")
        await on_top(pilot, MainScreen)
    plan = store.get_plan()
    assert plan.template_id == chosen != "metatarsalgia-conservative"
    assert plan.start.isoformat() == "2026-11-30"


async def test_bad_start_date_shows_error_and_starts_nothing(store, make):
    app = make(store)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await chooser(pilot)
        screen.query_one("#start-date", Input).value = "2026-02-30"
        await pilot.press("enter")
        await until(pilot, lambda: "does not exist" in str(screen.query_one("#chooser-error").render()),
                    "the date refused")
        assert app.screen is screen
    assert store.get_plan() is None


async def test_enter_before_the_list_loads_starts_once_it_has(store, make):
    import threading

    app = make(store)
    release = threading.Event()
    real = app.load_templates

    def slow():
        release.wait(5)
        return real()

    app.load_templates = slow
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await on_top(pilot, ChooserScreen)
        await pilot.press("enter")  # the list is still loading
        await until(pilot, lambda: "Loading" in screen.query_one("#chooser-error").render().plain, "Loading...")
        assert store.get_plan() is None
        release.set()
        await on_top(pilot, MainScreen)
    assert store.get_plan().template_id == "metatarsalgia-conservative"
