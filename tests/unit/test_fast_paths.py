"""The fast paths of the exports give exactly what the plain ways gave (tests/perf measures them)."""

from __future__ import annotations

import dataclasses
import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from tui.core.exports.csv import _text
from tui.core.exports.text import plain
from tui.core.records import CheckIn, LogEntry


def _slow_dict(record: object) -> dict[str, object]:
    data = dataclasses.asdict(record)  # type: ignore[call-overload]
    data["date"] = data["date"].isoformat()
    data.pop("id", None)
    return data


def test_log_to_dict_is_the_fields_as_stored() -> None:
    entry = LogEntry(date=dt.date(2026, 3, 4), activity="ice-pack", status="partial", session_id="s1",
                     minutes=12.5, pain=3, foot="left", note="n", logged_at="2026-03-04T08:00:00", id=7)
    assert entry.to_dict() == _slow_dict(entry)
    assert set(entry.to_dict()) == {f.name for f in dataclasses.fields(LogEntry)} - {"id"}


def test_checkin_to_dict_is_every_field() -> None:
    check = CheckIn(date=dt.date(2026, 3, 4), morning_pain=2, walking_pain=1, numbness=True, swelling=True,
                    night_pain=True, callus=True, footwear="boots", note="x", logged_at="2026-03-04T08:00:00",
                    sore_next_day=True, warmth_redness=True, limping=True)
    assert check.to_dict() == _slow_dict(check)
    assert set(check.to_dict()) == {f.name for f in dataclasses.fields(CheckIn)}


def _slow_text(value: object) -> str:
    if value is None:
        return ""
    text = plain(value).replace("\t", " ")
    return "'" + text if text.startswith(("=", "+", "-", "@", "\t", "\r")) else text


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.none(), st.text(), st.integers(), st.floats(allow_nan=False)))
def test_csv_text_fast_path_equals_the_plain_cleaning(value: object) -> None:
    assert _text(value) == _slow_text(value)


def test_csv_text_still_guards_formulas_and_controls() -> None:
    assert _text("=SUM(A1)") == "'=SUM(A1)"
    assert _text("\x1b[31mred\tx") == "[31mred x"
    assert _text("-2 after\nwork") == "'-2 after\nwork"


@settings(max_examples=300, deadline=None)
@given(st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=6), inner, max_size=4),
    max_leaves=20))
def test_pretty_json_is_the_standard_text(data: object) -> None:
    import json

    from tui.core.json_text import pretty_json

    exponent = any("e" in repr(x) for x in _floats(data))
    for sort_keys in (False, True):
        fast = pretty_json(data, sort_keys=sort_keys)
        slow = json.dumps(data, indent=2, ensure_ascii=False, sort_keys=sort_keys)
        if not exponent:  # 1e-05 is written 1e-5: the same value
            assert fast == slow
        assert json.loads(fast) == json.loads(slow)


def _floats(data: object) -> list[float]:
    if isinstance(data, float):
        return [data]
    if isinstance(data, dict):
        data = list(data.values())
    return [x for item in data for x in _floats(item)] if isinstance(data, list) else []


def test_pretty_json_refuses_what_json_refuses() -> None:
    import pytest

    from tui.core.json_text import pretty_json

    assert pretty_json({1: 2**70}) == '{\n  "1": 1180591620717411303424\n}'
    with pytest.raises(TypeError):
        pretty_json({"day": dt.date(2026, 1, 1)})


def test_service_summary_days_is_the_cores() -> None:
    from tui.core.stats import SUMMARY_DAYS
    from tui.service import service

    assert service.SUMMARY_DAYS == SUMMARY_DAYS


def test_template_dirs_schema_name_is_the_cores() -> None:
    from tui.core.templates import SCHEMA_NAME
    from tui.service import template_dirs

    assert template_dirs.SCHEMA_NAME == SCHEMA_NAME


def test_rehab_log_builds_only_its_own_parser() -> None:
    from tui.cli.main import command_word
    from tui.cli.parser import build_parser

    assert command_word(["--data-dir", "d", "--today=2026-01-01", "log", "ice-pack"]) == "log"
    assert command_word(["--help", "log"]) is None
    trimmed = build_parser("log")
    sub = next(a for a in trimmed._actions if a.dest == "command")
    assert list(sub.choices) == ["log"]
    args = trimmed.parse_args(["log", "ice-pack", "--pain", "2"])
    assert (args.command, args.activity, args.pain) == ("log", "ice-pack", "2")
    full = build_parser("no-such-command")
    assert "review" in next(a for a in full._actions if a.dest == "command").choices


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.text(max_size=5), st.lists(
    st.one_of(st.none(), st.integers(), st.text(max_size=8),
              st.dictionaries(st.text(max_size=4), st.integers() | st.text(max_size=4) | st.none(), max_size=3)),
    max_size=3)), max_size=3, unique_by=lambda kv: kv[0]))
def test_write_json_lists_is_the_whole_text(lists: list[tuple[str, list[object]]]) -> None:
    import io
    import json

    from tui.core.json_text import write_json_lists

    out = io.StringIO()
    write_json_lists(out.write, [(name, iter(items)) for name, items in lists])
    assert out.getvalue() == json.dumps(dict(lists), indent=2, ensure_ascii=False) + "\n"


def test_no_config_waking_hours_are_the_config_defaults(tmp_path) -> None:
    from tui.config import Config, load_config
    from tui.storage import due_cache

    default = Config()
    assert (default.wake.strftime("%H:%M"), default.sleep.strftime("%H:%M")) == due_cache.NO_CONFIG_HOURS
    (tmp_path / "empty.toml").write_text("")
    config, _ = load_config(tmp_path / "empty.toml")
    assert (config.wake, config.sleep) == (default.wake, default.sleep)
    seen = [due_cache.reminder_settings(str(tmp_path / name)) for name in ("absent.toml", "empty.toml")]
    assert [(h.wake, h.sleep, mode, problem) for h, mode, problem in seen] == [
        (default.wake, default.sleep, "spread", None)] * 2


def test_log_notices_use_the_reviews_thresholds_on_every_day() -> None:
    import json
    from pathlib import Path

    from tui.core.review import review_thresholds
    from tui.core.rules import thresholds_on
    from tui.core.schedule import Plan
    from tui.service.log_notices import pain_notices

    plans = Path(__file__).resolve().parents[2] / "plans"
    start = dt.date(2026, 11, 2)
    for name in ("metatarsalgia-conservative", "return-to-run"):
        plan = Plan.start_from_template(json.loads((plans / f"{name}.json").read_text()), start)
        for offset in range(-3, 60, 2):
            day = start + dt.timedelta(days=offset)
            if plan.span_on(day) is not None:
                assert thresholds_on(plan, day) == review_thresholds(plan, day), (name, day)
    assert pain_notices(None, None, start) == []
    assert pain_notices(None, 9, start)  # over the defaults' limit: something to say
