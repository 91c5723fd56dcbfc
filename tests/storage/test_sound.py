"""table_sound (the fast verdict used on load) agrees with the schema's table_problem."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from tui.core.records_schema import table_problem
from tui.storage.sound import table_sound

GOOD_LOG = {"date": "2026-03-04", "activity": "ice-pack", "status": "done", "session_id": None,
            "minutes": 10.0, "pain": 2, "foot": "left", "note": "", "logged_at": "2026-03-04T08:00:00"}
GOOD_CHECKIN = {"date": "2026-03-04", "morning_pain": 1, "walking_pain": None, "numbness": False,
                "swelling": False, "night_pain": False, "callus": False, "footwear": None, "note": "",
                "logged_at": "2026-03-04T08:00:00", "sore_next_day": False, "warmth_redness": False,
                "limping": False}
ODD = st.one_of(st.none(), st.booleans(), st.integers(-3, 700), st.floats(), st.text(max_size=12),
                st.sampled_from(["2026-03-05", "2026-02-30", "1899-12-31", "done", "left", "ice-pack",
                                 "2026-03-04T09:00:00", "7", "x" * 2001, "Ice Pack"]),
                st.lists(st.integers(), max_size=2))
KEYS = st.sampled_from(["1", "2", "3", "01", "0", "x", "10"])


@st.composite
def tables(draw: st.DrawFn) -> tuple[str, dict[str, object]]:
    table = draw(st.sampled_from(["logs", "checkins", "flares"]))
    good = {"logs": GOOD_LOG, "checkins": GOOD_CHECKIN, "flares": {"date": "2026-03-04"}}[table]
    docs: dict[str, object] = {}
    for key in draw(st.lists(KEYS, max_size=5, unique=True)):
        doc = dict(good)
        for name in draw(st.lists(st.sampled_from([*good, "extra"]), max_size=3)):
            if draw(st.booleans()):
                doc[name] = draw(ODD)
            else:
                doc.pop(name, None)
        docs[key] = doc if draw(st.integers(0, 20)) else draw(ODD)
    return table, docs


@settings(max_examples=600, deadline=None)
@given(tables())
def test_table_sound_is_the_schema_verdict(case: tuple[str, dict[str, object]]) -> None:
    table, docs = case
    assert table_sound(table, docs) == (table_problem(table, docs) is None)


def test_a_repeated_value_is_checked_like_the_first() -> None:
    docs = {"1": dict(GOOD_LOG), "2": dict(GOOD_LOG), "3": {**GOOD_LOG, "pain": True}}
    assert not table_sound("logs", docs)
    assert table_sound("logs", {"1": dict(GOOD_LOG), "2": dict(GOOD_LOG)})
    assert not table_sound("checkins", {"1": dict(GOOD_CHECKIN), "2": dict(GOOD_CHECKIN)})  # one per date
