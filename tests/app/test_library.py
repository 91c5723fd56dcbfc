"""L opens the template library: preview, import (good and bad files), export, start a plan."""

from __future__ import annotations

import json

from app_helpers import PLANS, TODAY, settle
from textual.widgets import Input

from tui.app.screens.library import LibraryScreen
from tui.app.screens.main import MainScreen
from tui.app.screens.prompt import PromptDialog
from tui.core.templates import load_template_file


async def open_library(pilot) -> LibraryScreen:
    await settle(pilot)
    await pilot.press("L")
    await settle(pilot)
    assert isinstance(pilot.app.screen, LibraryScreen)
    return pilot.app.screen


def my_template(tmp_path, **changes) -> str:
    data = json.loads((PLANS / "metatarsalgia-conservative.json").read_text())
    data.update({"id": "clinic-plan", "name": "Clinic [bold]plan[/bold]"}, **changes)
    path = tmp_path / "clinic.json"
    path.write_text(json.dumps(data))
    return str(path)


async def test_import_a_good_file(planned_store, make, tmp_path):
    source = my_template(tmp_path)
    app = make(planned_store)
    async with app.run_test(size=(100, 30)) as pilot:
        library = await open_library(pilot)
        await pilot.press("i")
        dialog = app.screen
        assert isinstance(dialog, PromptDialog)
        dialog.query_one(Input).value = source
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is library
        assert library.highlighted_entry().template.id == "clinic-plan"
        assert library.highlighted_entry().origin == "user"
        preview = library.query_one("#preview-body").render().plain
        assert "Clinic [bold]plan[/bold]" in preview  # shown literally
    saved = planned_store.path.parent / "templates" / "clinic-plan.json"
    assert load_template_file(saved).name == "Clinic [bold]plan[/bold]"


async def test_import_a_bad_file_shows_the_json_path_and_writes_nothing(planned_store, make, tmp_path):
    data = json.loads((PLANS / "metatarsalgia-conservative.json").read_text())
    data["id"] = "broken"
    data["phases"][0]["sessions"][3]["dose"]["minutes"] = 400
    bad = tmp_path / "broken.json"
    bad.write_text(json.dumps(data))
    app = make(planned_store)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_library(pilot)
        await pilot.press("i")
        dialog = app.screen
        dialog.query_one(Input).value = str(bad)
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is dialog
        error = dialog.query_one("#dialog-error").render().plain
        assert str(bad) in error and "$.phases[0].sessions[3].dose.minutes" in error
        dialog.query_one(Input).value = str(tmp_path / "missing.json")
        await pilot.press("enter")
        assert "no such file" in dialog.query_one("#dialog-error").render().plain
        await pilot.press("escape")
        await settle(pilot)
    assert not (planned_store.path.parent / "templates").exists()


async def test_export_the_active_plan(planned_store, make, tmp_path):
    target = tmp_path / "out" / "mine.json"
    app = make(planned_store)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_library(pilot)
        await pilot.press("x")
        dialog = app.screen
        dialog.query_one(Input).value = str(target)
        await pilot.press("enter")
        assert "does not exist" in dialog.query_one("#dialog-error").render().plain
        target.parent.mkdir()
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, LibraryScreen)
    exported = load_template_file(target)
    assert exported.id == "metatarsalgia-conservative-six-weeks"  # its own id, from the plan's name
    text = target.read_text()
    assert "2026-11-23" not in text and "logged_at" not in text  # no dates or records


async def test_start_another_plan_from_the_library(planned_store, make):
    app = make(planned_store)
    async with app.run_test(size=(100, 30)) as pilot:
        library = await open_library(pilot)
        assert library.highlighted_entry().template.id == "metatarsalgia-conservative"
        await pilot.press("down")
        chosen = library.highlighted_entry().template.id
        await pilot.press("enter")
        dialog = app.screen
        assert isinstance(dialog, PromptDialog)
        assert dialog.query_one(Input).value == TODAY.isoformat()
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        assert app.screen_stack.count(app.screen) == 1
        assert sum(isinstance(s, MainScreen) for s in app.screen_stack) == 1
    plan = planned_store.get_plan()
    assert plan.template_id == chosen and plan.start == TODAY


async def test_export_then_import_back_asks_replace_or_rename(planned_store, make, tmp_path):
    target = tmp_path / "mine.json"
    app = make(planned_store)
    async with app.run_test(size=(100, 30)) as pilot:
        library = await open_library(pilot)
        await pilot.press("x")
        app.screen.query_one(Input).value = str(target)
        await pilot.press("enter")
        await settle(pilot)
        for _ in range(2):  # the first import goes in; the second finds the id taken
            await pilot.press("i")
            app.screen.query_one(Input).value = str(target)
            await pilot.press("enter")
            await settle(pilot)
        assert "already in your library" in app.screen.query_one(".dialog-title").render().plain
        assert app.screen.query_one(Input).value == "metatarsalgia-conservative-six-weeks-2"
        await pilot.press("enter")  # keep both, the copy under the suggested id
        await settle(pilot)
        assert app.screen is library
        assert any("metatarsalgia-conservative-six-weeks-2" in n for n in app.notices)
        await pilot.press("i")
        app.screen.query_one(Input).value = str(target)
        await pilot.press("enter")
        await settle(pilot)
        app.screen.query_one(Input).value = "replace"
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is library
    user = planned_store.path.parent / "templates"
    assert sorted(p.name for p in user.glob("*.json")) == [
        "metatarsalgia-conservative-six-weeks-2.json", "metatarsalgia-conservative-six-weeks.json"]


async def test_export_asks_before_replacing(planned_store, make, tmp_path):
    target = tmp_path / "mine.json"
    target.write_text("keep me")
    app = make(planned_store)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_library(pilot)
        await pilot.press("x")
        dialog = app.screen
        dialog.query_one(Input).value = str(target)
        await pilot.press("enter")
        assert "exists: Enter again replaces it" in dialog.query_one("#dialog-error").render().plain
        assert target.read_text() == "keep me"
        await pilot.press("enter")
        await settle(pilot)
    assert load_template_file(target).id == "metatarsalgia-conservative-six-weeks"
