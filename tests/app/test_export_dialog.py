"""x on the main screen exports: pick a format and a path; the file is written and the app says where."""

from __future__ import annotations

import json
import os
import stat

import pytest
from app_helpers import main_screen, on_top, settle, until
from textual.widgets import Input

from tui.app.screens.export import LABELS, ExportDialog
from tui.app.screens.main import MainScreen
from tui.app.widgets.choice import Choice


async def test_export_each_format(history_store, make, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    app = make(history_store)
    async with app.run_test(size=(100, 30)) as pilot:
        await main_screen(pilot)
        await pilot.press("x")
        dialog = await on_top(pilot, ExportDialog)
        assert dialog.query_one("#export-path", Input).value == "rehab-plan-2026-11-24.ics"
        await pilot.press("enter")
        ics = tmp_path / "rehab-plan-2026-11-24.ics"
        await until(pilot, lambda: any(f"Exported ics to {ics}" in n for n in app.notices), "the ics written")
        await on_top(pilot, MainScreen)
        assert ics.read_text().startswith("BEGIN:VCALENDAR")
        assert stat.S_IMODE(os.stat(ics).st_mode) == 0o600

        # The name follows the format; csv and json (a backup that restores) too.
        await pilot.press("x")
        dialog = await on_top(pilot, ExportDialog)
        await pilot.press("right")  # csv
        await until(pilot, lambda: dialog.query_one("#export-path", Input).value == "rehab-history-2026-11-24.csv",
                    "the csv name")
        await pilot.press("enter")
        await until(pilot, lambda: any("Exported csv" in n for n in app.notices), "the csv written")
        rows = (tmp_path / "rehab-history-2026-11-24.csv").read_text().splitlines()
        assert rows[0].startswith("type,date,activity") and len(rows) > 5
        await on_top(pilot, MainScreen)
        await pilot.press("x")
        dialog = await on_top(pilot, ExportDialog)
        await pilot.press("right", "right", "right", "right")  # json
        await until(pilot, lambda: dialog.query_one("#export-path", Input).value.endswith(".json"), "the json name")
        await pilot.press("enter")
        await until(pilot, lambda: any("Exported json" in n for n in app.notices), "the backup written")
        backup = json.loads((tmp_path / "rehab-backup-2026-11-24.json").read_text())
        assert backup["format"] == "rehab-planner/backup" and backup["logs"]


async def test_bad_path_stays_in_the_dialog(planned_store, make, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    app = make(planned_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await main_screen(pilot)
        await pilot.press("x")
        dialog = await on_top(pilot, ExportDialog)

        def error() -> str:
            return dialog.query_one("#dialog-error").render().plain

        dialog.query_one("#export-path", Input).value = str(tmp_path / "nope" / "plan.md")
        await pilot.press("enter")
        await until(pilot, lambda: "does not exist" in error(), "the missing folder named")
        assert app.screen is dialog
        dialog.query_one("#export-path", Input).value = str(tmp_path)
        await pilot.press("enter")
        await until(pilot, lambda: "is a folder" in error(), "a folder refused")
        await pilot.press("escape")
        await on_top(pilot, MainScreen)
        await settle(pilot)
    assert list(tmp_path.iterdir()) == [tmp_path / "data"]


async def test_html_export_asks_before_replacing_and_ics_takes_config_defaults(history_store, make, tmp_path,
                                                                               monkeypatch):
    import os as _os

    config = tmp_path / "cfg" / "rehab-planner" / "config.toml"
    config.parent.mkdir(parents=True)
    config.write_text('[export]\nalarm = 15\nat = "07:30"\n')
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "cfg"))
    monkeypatch.chdir(tmp_path)
    app = make(history_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await main_screen(pilot)
        await pilot.press("x")
        await on_top(pilot, ExportDialog)
        await pilot.press("enter")  # ics with the config's alarm and time
        await until(pilot, lambda: any("Exported ics" in n for n in app.notices), "the ics written")
        ics = (tmp_path / "rehab-plan-2026-11-24.ics").read_text()
        assert "TRIGGER:-PT15M" in ics and "T073000" in ics
        html = tmp_path / "rehab-plan-2026-11-24.html"
        html.write_text("keep me")
        await on_top(pilot, MainScreen)
        await pilot.press("x")
        dialog = await on_top(pilot, ExportDialog)
        await pilot.press("right", "right", "right")  # html
        await until(pilot, lambda: dialog.query_one("#export-path", Input).value == html.name, "the html name")
        await pilot.press("enter")
        await until(pilot, lambda: "exists: Enter again replaces it" in str(dialog.query_one("#dialog-error").render()),
                    "asked before replacing")
        assert app.screen is dialog and html.read_text() == "keep me"
        await pilot.press("enter")
        await until(pilot, lambda: any("Exported html" in n for n in app.notices), "the html written")
        await on_top(pilot, MainScreen)
    assert html.read_text().lstrip().lower().startswith("<!doctype html")
    assert _os.stat(html).st_mode & 0o077 == 0


@pytest.mark.parametrize(("size", "rows"), [((100, 30), 1), ((80, 24), 1), ((70, 20), 2)])
async def test_every_format_is_shown_whole(planned_store, make, size, rows):
    """The format row is never cut: one line from 78 columns, wrapped (not cut) below that;
    a click on a wrapped option still picks it."""
    app = make(planned_store)
    async with app.run_test(size=size) as pilot:
        await main_screen(pilot)
        await pilot.press("x")
        await until(pilot, lambda: isinstance(app.screen, ExportDialog), "the export dialog")
        choice = app.screen.query_one("#export-format", Choice)
        await until(pilot, lambda: choice.content_size.width > 0, "the format row laid out")
        shown = [line.text for line in app.screen._compositor.render_strips()]
        for label in LABELS.values():
            assert any(f"( ) {label}" in line or f"(•) {label}" in line for line in shown), label
        assert choice.size.height == rows
        assert choice.region.right <= app.screen.query_one("#export-dialog").region.right
        last = choice.region.offset + (choice.content_region.x - choice.region.x, rows - 1)
        await pilot.click(offset=last + (1, 0))  # the first option of the last line
        await until(pilot, lambda: choice.value == ("ics" if rows == 1 else "json"), "the option clicked")
