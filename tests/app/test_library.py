"""L opens the template library: preview, import (good and bad files), export, start a plan."""

from __future__ import annotations

import json

from app_helpers import PLANS, TODAY, on_top, settle, until
from textual.widgets import Input

from tui.app.screens.library import LibraryScreen
from tui.app.screens.main import MainScreen
from tui.app.screens.prompt import PromptDialog
from tui.core.templates import load_template_file


async def open_library(pilot) -> LibraryScreen:
    """L from the main screen: the library with its templates loaded (a thread worker)."""
    await on_top(pilot, MainScreen)
    await pilot.press("L")
    library = await on_top(pilot, LibraryScreen)
    await until(pilot, lambda: library.highlighted_entry() is not None, "the templates listed")
    return library


def highlighted_id(library: LibraryScreen) -> str | None:
    entry = library.highlighted_entry()
    return entry.template.id if entry is not None else None


def error_of(dialog) -> str:
    return dialog.query_one("#dialog-error").render().plain


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
        dialog = await on_top(pilot, PromptDialog)
        dialog.query_one(Input).value = source
        await pilot.press("enter")
        await until(pilot, lambda: highlighted_id(library) == "clinic-plan", "the import listed and highlighted")
        assert app.screen is library
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
        dialog = await on_top(pilot, PromptDialog)
        dialog.query_one(Input).value = str(bad)
        await pilot.press("enter")
        await until(pilot, lambda: "$.phases[0].sessions[3].dose.minutes" in error_of(dialog), "the JSON path")
        assert app.screen is dialog
        assert str(bad) in error_of(dialog)
        dialog.query_one(Input).value = str(tmp_path / "missing.json")
        await pilot.press("enter")
        await until(pilot, lambda: "no such file" in error_of(dialog), "no such file")
        await pilot.press("escape")
        await on_top(pilot, LibraryScreen)
        await settle(pilot)
    assert not (planned_store.path.parent / "templates").exists()


async def test_export_the_active_plan(planned_store, make, tmp_path):
    target = tmp_path / "out" / "mine.json"
    app = make(planned_store)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_library(pilot)
        await pilot.press("x")
        dialog = await on_top(pilot, PromptDialog)
        dialog.query_one(Input).value = str(target)
        await pilot.press("enter")
        await until(pilot, lambda: "does not exist" in error_of(dialog), "the missing folder named")
        target.parent.mkdir()
        await pilot.press("enter")
        await on_top(pilot, LibraryScreen)
        await until(pilot, lambda: any("Exported your plan" in n for n in app.notices), "the export written")
    exported = load_template_file(target)
    assert exported.id == "metatarsalgia-conservative-six-weeks"  # its own id, from the plan's name
    text = target.read_text()
    assert "2026-11-23" not in text and "logged_at" not in text  # no dates or records


async def test_start_another_plan_from_the_library(planned_store, make):
    app = make(planned_store)
    async with app.run_test(size=(100, 30)) as pilot:
        library = await open_library(pilot)
        assert highlighted_id(library) == "metatarsalgia-conservative"
        await pilot.press("down")
        await until(pilot, lambda: highlighted_id(library) != "metatarsalgia-conservative", "the next template")
        chosen = highlighted_id(library)
        await pilot.press("enter")
        dialog = await on_top(pilot, PromptDialog)
        assert dialog.query_one(Input).value == TODAY.isoformat()
        await pilot.press("enter")
        await until(pilot, lambda: planned_store.get_plan().template_id == chosen, "the plan started")
        await on_top(pilot, MainScreen)
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
        (await on_top(pilot, PromptDialog)).query_one(Input).value = str(target)
        await pilot.press("enter")
        await until(pilot, target.exists, "the plan exported")
        mine = "metatarsalgia-conservative-six-weeks"

        async def import_it() -> PromptDialog:
            await on_top(pilot, LibraryScreen)
            await pilot.press("i")
            dialog = await on_top(pilot, PromptDialog)
            dialog.query_one(Input).value = str(target)
            await pilot.press("enter")
            await until(pilot, lambda: app.screen is not dialog, "the import path taken")
            return dialog

        await import_it()  # the first import goes in
        await until(pilot, lambda: highlighted_id(library) == mine, "the first import listed")
        await import_it()  # the second finds the id taken
        clash = await on_top(pilot, PromptDialog)
        assert "already in your library" in clash.query_one(".dialog-title").render().plain
        assert clash.query_one(Input).value == f"{mine}-2"
        await pilot.press("enter")  # keep both, the copy under the suggested id
        await until(pilot, lambda: highlighted_id(library) == f"{mine}-2", "the copy listed")
        assert app.screen is library
        assert any(f"{mine}-2" in n for n in app.notices)
        await import_it()
        clash = await on_top(pilot, PromptDialog)
        clash.query_one(Input).value = "replace"
        await pilot.press("enter")
        await until(pilot, lambda: highlighted_id(library) == mine, "the replaced one listed")
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
        dialog = await on_top(pilot, PromptDialog)
        dialog.query_one(Input).value = str(target)
        await pilot.press("enter")
        await until(pilot, lambda: "exists: Enter again replaces it" in error_of(dialog), "asked before replacing")
        assert target.read_text() == "keep me"
        await pilot.press("enter")
        await until(pilot, lambda: target.read_text() != "keep me", "the file replaced")
        await settle(pilot)
    assert load_template_file(target).id == "metatarsalgia-conservative-six-weeks"
