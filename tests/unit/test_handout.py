"""The printed handout (Markdown and HTML): one page of plan, a grid per phase, each how-to once.

The HTML is rendered with a real engine (WeasyPrint) and must print on at most six A4 pages.
"""

import datetime as dt
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tui.core.activities import get_activity
from tui.core.diagrams import DIAGRAMS
from tui.core.exports.handout import build_handout
from tui.core.exports.html import handout_html
from tui.core.exports.markdown import BOX, handout
from tui.core.exports.text import DISCLAIMER, PAIN_GUIDE, RED_FLAGS
from tui.core.schedule import Plan
from tui.core.templates import load_template_file

PLANS = Path(__file__).resolve().parents[2] / "plans"
START = dt.date(2026, 12, 2)  # a Wednesday: the phases' weeks run Wednesday to Tuesday


def _plan(name: str = "metatarsalgia-conservative", start: dt.date = START) -> Plan:
    return Plan.start_from_template(load_template_file(PLANS / f"{name}.json").to_dict(), start)


def _sittings(plan: Plan) -> int:
    return sum(1 if s.kind == "rest" else (s.dose.times_per_day or 1)
               for s in plan.sessions_between(plan.start, plan.end_date))


# --- the model ------------------------------------------------------------------------
def test_one_grid_per_phase_with_a_box_per_sitting():
    plan = _plan()
    doc = build_handout(plan)
    assert [p.name for p in doc.phases] == ["Settle", "Reload", "Return"]
    settle = doc.phases[0]
    assert settle.days == ("Wed", "Thu", "Fri", "Sat", "Sun", "Mon", "Tue")
    assert settle.weeks == (START, START + dt.timedelta(days=7))
    ice = next(r for r in settle.rows if r.activity_id == "ice-pack")
    assert ice.dose == "10 min, 3x a day" and ice.cells == ((3, 3),) * 7   # 3x a day -> 3 boxes
    rest = next(r for r in settle.rows if r.activity_id == "rest")
    assert rest.dose == "" and [c for c, cell in enumerate(rest.cells) if any(cell)] == [0, 4]  # Wed, Sun
    total = sum(n or 0 for p in doc.phases for r in p.rows for cell in r.cells for n in cell)
    assert total == _sittings(plan)
    assert doc.weeks == 6 and doc.end == plan.end_date


def test_the_week_at_a_glance_groups_sessions_by_their_weekdays():
    settle = build_handout(_plan()).phases[0]
    groups = {days: [row.name for row in rows] for days, rows in settle.by_days()}
    assert next(iter(groups)) == "Every day" and "Ice pack" in groups["Every day"]
    assert groups["Mon, Thu, Sat"] == ["Cycling"] and groups["Wed, Sun"] == ["Rest day", "Thumb-sweep massage"]
    assert sum(len(rows) for rows in groups.values()) == len(settle.rows)
    text = handout(_plan())
    assert "- **Mon, Thu, Sat:** Cycling (25 min)" in text
    assert "<li><b>Mon, Thu, Sat:</b> Cycling (25 min)</li>" in handout_html(_plan())


def test_a_phase_cut_short_leaves_its_missing_days_empty():
    plan = _plan().with_segment("reload", START + dt.timedelta(days=10))  # Settle ends after 10 days
    settle = build_handout(plan).phases[0]
    ice = next(r for r in settle.rows if r.activity_id == "ice-pack")
    assert [cell[1] for cell in ice.cells] == [3, 3, 3, None, None, None, None]


def test_each_activity_once_in_order_with_shared_cautions_once():
    doc = build_handout(_plan())
    ids = [how.activity.id for how in doc.activities]
    assert len(ids) == len(set(ids)) and ids[0] == "rest"
    shown = [c for how in doc.activities for c in how.cautions]
    assert len(shown) == len(set(shown))
    walk = next(how for how in doc.activities if how.activity.id == "thumb-walk")
    assert walk.cautions == () and "Ball roll" in walk.cautions_as_for
    assert {how.activity.id for how in doc.activities if how.diagram} == set(DIAGRAMS)
    grouped = {source: names for names, source in doc.sources()}
    assert grouped["Source article; Mayo Clinic (low-impact substitute for a run)"] == ("Cycling", "Swimming")


# --- Markdown -------------------------------------------------------------------------
def test_markdown_holds_everything_once():
    plan = _plan()
    text = handout(plan)
    assert text.count(DISCLAIMER) == 1 and text.count(PAIN_GUIDE) == 1
    for flag in RED_FLAGS:
        assert text.count(flag) == 1
    assert re.findall(r"^## Phase (\d): (\w+)", text, flags=re.M) == [("1", "Settle"), ("2", "Reload"), ("3", "Return")]
    assert "Week 7" not in text and "After the plan ends" not in text and "Before the plan starts" not in text
    plain = text.replace("\\", "")
    for how in build_handout(plan).activities:
        assert plain.count(f"### {how.activity.name}\n") == 1
        for n, step in enumerate(how.activity.steps, 1):
            assert plain.count(f"{n}. {step}\n") == 1, step
    for diagram in DIAGRAMS.values():
        assert "\n".join(diagram.lines()) in text
    assert sum(line.count(BOX) for line in text.splitlines() if line.startswith("| ")) == _sittings(plan)
    assert "| Ice pack | 10 min, 3x a day | ☐☐☐ / ☐☐☐ |" in text
    assert "## Sources" in text and "Froedtert patient sheet" in text


def test_markdown_escapes_template_text():
    text = handout(_plan().rename("My <b>plan</b> [x](javascript:y)"))
    assert "<b>" not in text and not re.search(r"(?<!\\)\]\(", text)
    assert text.startswith("# My \\<b\\>plan\\</b\\> \\[x\\](javascript:y)")


# --- HTML -----------------------------------------------------------------------------
class _Page(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[str] = []
        self.boxes = 0
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        if ("class", "box") in attrs:
            self.boxes += 1

    def handle_data(self, data):
        self.text.append(data)


def _parsed(html: str) -> _Page:
    page = _Page()
    page.feed(html)
    return page


def test_html_holds_everything_once_and_loads_nothing():
    plan = _plan()
    html = handout_html(plan)
    page = _parsed(html)
    text = "".join(page.text)
    assert html.startswith("<!DOCTYPE html>") and "@page { size: A4" in html
    assert text.count(DISCLAIMER) == 1
    for flag in RED_FLAGS:
        assert text.count(flag) == 1
    assert page.boxes == _sittings(plan)
    assert page.tags.count("table") == 1 + 3            # the phases, then one grid per phase
    for how in build_handout(plan).activities:
        for step in how.activity.steps:
            assert text.count(step) == 1, step
    assert text.count(get_activity("ball-roll").summary) == 1
    for diagram in DIAGRAMS.values():
        assert diagram.picture[0] in text
    assert not {"script", "img", "link", "iframe"} & set(page.tags)
    assert "http" not in html and "url(" not in html


def test_html_escapes_template_text():
    plan = _plan().rename('<script>alert(1)</script> & "x"\x1b]0;t\x07')
    html = handout_html(plan)
    assert "<script>" not in html and "\x1b" not in html and "\x07" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;x&quot;" in html


def test_the_six_week_plan_prints_on_at_most_six_a4_pages():
    weasyprint = pytest.importorskip("weasyprint", reason="WeasyPrint is in the test extra")
    document = weasyprint.HTML(string=handout_html(_plan())).render()
    print(f"\nthe six-week conservative plan prints on {len(document.pages)} A4 pages")
    assert len(document.pages) <= 6
    first = document.pages[0]
    assert round(first.width / 96 * 25.4) == 210 and round(first.height / 96 * 25.4) == 297  # A4, in mm


def test_the_print_font_has_every_character_of_the_diagrams():
    """The CSS asks for DejaVu Sans Mono: a missing glyph would print as a blank or a fallback box."""
    ttlib = pytest.importorskip("fontTools.ttLib", reason="fontTools comes with WeasyPrint")
    font = Path("/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf")
    if not font.exists():
        pytest.skip("fonts-dejavu-core is not installed")
    cmap = ttlib.TTFont(font).getBestCmap()
    used = {ch for diagram in DIAGRAMS.values() for line in diagram.lines() for ch in line}
    assert sorted(ch for ch in used if ord(ch) not in cmap) == []
