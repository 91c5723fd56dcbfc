"""The foot diagrams: one per massage technique and stretch, in Unicode and ASCII, within the pane."""

import unicodedata

import pytest

from tui.core.activities import CATALOG
from tui.core.diagrams import DIAGRAMS, MAX_COLUMNS, MAX_LINES, diagram_for, diagram_lines

PICTURED = ("thumb-sweep", "thumb-walk", "ball-roll", "calf-stretch", "plantar-fascia-stretch")


def _cells(line: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in line)


def test_every_massage_technique_and_stretch_has_a_diagram():
    wanted = {a.id for a in CATALOG.values() if a.kind in {"massage", "stretch"}}
    assert wanted == set(PICTURED) == set(DIAGRAMS)
    for activity_id, diagram in DIAGRAMS.items():
        assert diagram.activity_id == activity_id and activity_id in CATALOG
        assert diagram.title and "\n" not in diagram.title


@pytest.mark.parametrize("activity_id", PICTURED)
@pytest.mark.parametrize("ascii", [False, True])
def test_both_forms_fit_the_session_pane(activity_id, ascii):
    lines = diagram_lines(activity_id, ascii)
    assert lines is not None and 6 <= len(lines) <= MAX_LINES
    assert max(_cells(line) for line in lines) <= MAX_COLUMNS
    assert all(line == line.rstrip() for line in lines)
    assert all(ch.isprintable() for line in lines for ch in line)


@pytest.mark.parametrize("activity_id", PICTURED)
def test_the_ascii_form_is_pure_ascii_and_lines_up_with_the_unicode_form(activity_id):
    unicode_lines = diagram_lines(activity_id, ascii=False)
    ascii_lines = diagram_lines(activity_id, ascii=True)
    assert all(line.isascii() for line in ascii_lines)
    assert [len(line) for line in ascii_lines] == [len(line) for line in unicode_lines]


@pytest.mark.parametrize("activity_id", PICTURED)
def test_the_unicode_form_draws_with_box_drawing_and_arrows(activity_id):
    text = diagram_for(activity_id).text()
    assert any(unicodedata.name(ch, "").startswith("BOX DRAWINGS") for ch in text)
    assert any(unicodedata.name(ch, "").endswith("ARROW") for ch in text)
    assert diagram_for(activity_id).text(ascii=True) == "\n".join(diagram_lines(activity_id, True))


def test_the_pictures_say_where_and_which_way():
    assert "down each toe" in diagram_for("thumb-sweep").text() and "→" in diagram_for("thumb-sweep").text()
    assert "start at the heel" in diagram_for("thumb-walk").text()
    assert "sore spot" in diagram_for("ball-roll").text() and "◯" in diagram_for("ball-roll").text()
    assert "heel down" in diagram_for("calf-stretch").text()
    assert "toward" in diagram_for("plantar-fascia-stretch").text()


def test_an_activity_without_a_picture():
    assert diagram_lines("ice-pack") is None and diagram_for("rest") is None
