"""Path completion for the import and export fields."""

from __future__ import annotations

from tui.app.widgets.path_suggester import complete_path


def test_completes_files_and_folders(tmp_path, monkeypatch):
    (tmp_path / "plans").mkdir()
    (tmp_path / "plans" / "mine.json").write_text("{}")
    (tmp_path / "plans" / "mine.txt").write_text("")
    (tmp_path / ".hidden").write_text("")
    assert complete_path(f"{tmp_path}/pl") == f"{tmp_path}/plans/"
    assert complete_path(f"{tmp_path}/plans/mi", (".json",)) == f"{tmp_path}/plans/mine.json"
    assert complete_path(f"{tmp_path}/plans/mine.t") == f"{tmp_path}/plans/mine.txt"
    assert complete_path(f"{tmp_path}/nope/x") is None
    assert complete_path(f"{tmp_path}/") == f"{tmp_path}/plans/"  # hidden files only when asked
    assert complete_path(f"{tmp_path}/.h") == f"{tmp_path}/.hidden"
    monkeypatch.chdir(tmp_path)
    assert complete_path("pla") == "plans/"
    assert complete_path("") is None


async def test_the_export_field_completes(history_store, make, tmp_path, monkeypatch):
    from app_helpers import main_screen, on_top, until
    from textual.widgets import Input

    (tmp_path / "handouts").mkdir()
    monkeypatch.chdir(tmp_path)
    app = make(history_store)
    async with app.run_test(size=(100, 30)) as pilot:
        await main_screen(pilot)
        await pilot.press("x")
        field = (await on_top(pilot, "ExportDialog")).query_one("#export-path", Input)
        field.focus()
        field.value = "hand"
        await until(pilot, lambda: field._suggestion == "handouts/", "the folder suggested")
        field.cursor_position = len(field.value)
        await pilot.press("right")  # takes the suggestion
        await until(pilot, lambda: field.value == "handouts/", "the suggestion taken")
