"""The yardstick for start-up and memory: a minimal Textual app (Header, DataTable, Footer)
showing one Mon-Sun week, as small as a Textual app that paints a week gets.

Run: .venv/bin/python tests/perf/minimal_app.py   (q quits; pytest does not collect it)
"""

from __future__ import annotations

__test__ = False

from textual.app import App, ComposeResult
from textual.widgets import DataTable, Footer, Header

DAYS = ("Mon 23", "Tue 24", "Wed 25", "Thu 26", "Fri 27", "Sat 28", "Sun 29")
ROWS = (
    ("Ice pack", "Ice pack", "Ice pack", "Ice pack", "Ice pack", "Ice pack", "Ice pack"),
    ("Calf stretch", "Calf stretch", "Calf stretch", "Calf stretch", "Calf stretch", "Calf stretch", "Rest"),
    ("Cycling", "Swimming", "Cycling", "Rest", "Cycling", "Swimming", "Rest"),
)


class MinimalApp(App):
    BINDINGS = [("q", "quit", "Quit")]

    def compose(self) -> ComposeResult:
        yield Header()
        yield DataTable()
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns(*DAYS)
        table.add_rows(ROWS)


if __name__ == "__main__":
    MinimalApp().run()
