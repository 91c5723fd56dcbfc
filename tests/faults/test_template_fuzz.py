"""Hostile templates: generated and mutated documents thrown at the validator.

Properties:
- validate_template / parse_template either return a Template or raise
  TemplateError with one printable line; never another exception;
- a template that passes is usable: it expands into a plan and every session's
  dose can be described (what `rehab templates show` and the app do with it);
- `rehab templates import` of a bad file exits 1 with one line and leaves the
  library exactly as it was; a good one adds exactly one valid file;
- names with terminal escapes are refused and rich-style markup is printed as
  the literal text it is.

Example counts are set so the module runs in well under a minute; FUZZ_SCALE
multiplies them (e.g. FUZZ_SCALE=10 for a long local run).
"""

from __future__ import annotations

import contextlib
import copy
import datetime as dt
import io
import json
import os
import re
import tempfile
from pathlib import Path
from unittest import mock

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tui.core.activities import get_activity
from tui.core.dose import Dose
from tui.core.errors import TemplateError
from tui.core.schedule import Plan
from tui.core.templates import (
    MAX_DEPTH,
    MAX_FILE_BYTES,
    MAX_SESSIONS,
    MAX_STRING,
    load_template_file,
    parse_template,
    validate_template,
)

REPO = Path(__file__).resolve().parents[2]
BASE = json.loads((REPO / "plans" / "metatarsalgia-conservative.json").read_text())
SCALE = max(1, int(os.environ.get("FUZZ_SCALE", "1")))
CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
FUZZ = settings(max_examples=300 * SCALE, deadline=None, derandomize=False,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

# --------------------------------------------------------------- strategies

HOSTILE_TEXT = [
    "\x1b[31mred\x1b[0m", "\x1b]0;owned\x07", "\x9b2J", "[bold red]x[/]", "[/]",
    "[link=file:///etc/passwd]click[/link]", "\x00", "\r\n", "\u202eevil", "\ufeff",
    "%s%n", "{0}", "../../etc/passwd", "", " ", "A" * (MAX_STRING + 1), "é" * 2000,
    "\U0001f9b6",
]
ODD_NUMBERS = [-1, 0, 1, 10**30, -(2**63), 2**63, 1e308, -0.0, 0.5, True, False,
               float("inf"), float("-inf"), float("nan")]
KEYS = ["id", "name", "phases", "sessions", "dose", "rrule", "activity", "weeks", "exit",
        "format", "version", "minutes", "times_per_day", "x-unknown", "__proto__", "", "\x1b"]

scalars = (st.none() | st.booleans() | st.integers(-(10**20), 10**20)
           | st.floats(allow_nan=True, allow_infinity=True) | st.text(max_size=30)
           | st.sampled_from(HOSTILE_TEXT) | st.sampled_from(ODD_NUMBERS))
json_values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4)
    | st.dictionaries(st.text(max_size=12) | st.sampled_from(KEYS), inner, max_size=4),
    max_leaves=12,
)


def slots(doc) -> list[tuple[object, object]]:
    """Every (container, key) in the document, so a mutation can hit any of them."""
    out, stack = [], [doc]
    while stack:
        node = stack.pop()
        items = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else ()
        for key, value in items:
            out.append((node, key))
            if isinstance(value, (dict, list)):
                stack.append(value)
    return out


def nest(value, depth: int):
    for n in range(depth):
        value = [value] if n % 2 else {"a": value}
    return value


def many_sessions(doc: dict, count: int) -> None:
    phase = doc["phases"][0]
    template = phase["sessions"][0]
    phase["sessions"] = [dict(template, id=f"s{n}") for n in range(count)]


@st.composite
def mutated_templates(draw):
    doc = copy.deepcopy(BASE)
    for _ in range(draw(st.integers(1, 4))):
        places = slots(doc)
        op = draw(st.sampled_from(["replace", "delete", "add", "nest", "huge", "control",
                                   "markup", "number", "sessions", "root"]))
        if op == "root":
            doc = draw(json_values)
            continue
        if op == "sessions" and isinstance(doc, dict) and doc.get("phases"):
            try:
                many_sessions(doc, draw(st.sampled_from([MAX_SESSIONS, MAX_SESSIONS + 1, 5000])))
            except (KeyError, IndexError, TypeError, AttributeError, ValueError):
                pass
            continue
        if not places:
            continue
        container, key = draw(st.sampled_from(places))
        if op == "delete":
            del container[key]
        elif op == "add":
            if isinstance(container, dict):
                container[draw(st.sampled_from(KEYS) | st.text(max_size=70))] = draw(json_values)
            else:
                container.append(draw(json_values | st.just(copy.deepcopy(container[key]))))
        elif op == "replace":
            container[key] = draw(json_values)
        elif op == "nest":
            container[key] = nest(container[key], draw(st.integers(1, 60)))
        elif op == "huge":
            container[key] = "x" * draw(st.sampled_from([MAX_STRING, MAX_STRING + 1, 300_000]))
        elif op == "control":
            container[key] = f"{container[key]}" + draw(st.sampled_from(HOSTILE_TEXT[:3] + ["\x07", "\x7f"]))
        elif op == "markup":
            container[key] = draw(st.sampled_from(["[bold red]x[/]", "[link=x]y[/link]", "[/]"]))
        elif op == "number":
            container[key] = draw(st.sampled_from(ODD_NUMBERS))
    return doc


def text_mutations(raw: str):
    """Byte-level damage to a template's JSON text."""
    n = len(raw)
    return st.one_of(
        st.integers(0, n).map(lambda i: raw[:i]),                                   # truncated
        st.tuples(st.integers(0, n), st.text(max_size=5)).map(lambda t: raw[:t[0]] + t[1] + raw[t[0]:]),
        st.tuples(st.integers(0, n - 1), st.integers(1, 20)).map(lambda t: raw[:t[0]] + raw[t[0] + t[1]:]),
        st.integers(1, 200).map(lambda d: "[" * d + raw + "]" * d),                 # deep outside
        st.sampled_from(["NaN", "Infinity", "-Infinity", "[NaN]", '{"a": 1e999}', "\ufeff{}",
                         '{"a":1,"a":2}', "1" * 5000, '"' + "\\u0000" * 10 + '"', "null", "[]"]),
    )


# ----------------------------------------------------------------- checks

def check_error(err: BaseException, source: str) -> str:
    assert isinstance(err, TemplateError), f"{type(err).__name__}: {err}"
    msg = str(err)
    assert msg.startswith(f"{source}: "), msg
    assert "\n" not in msg and not CONTROL.search(msg), repr(msg)
    assert len(msg) < 600, f"an error line of {len(msg)} characters"
    assert "Traceback" not in msg
    return msg


def check_usable(template) -> None:
    """What `rehab templates show`, `plan start` and the app do with a valid template."""
    data = template.to_dict()
    assert validate_template(data, "again").to_dict() == data
    plan = Plan.start_from_template(data, dt.date(2026, 11, 23))
    plan.sessions_between(dt.date(2026, 11, 23), dt.date(2026, 11, 29))
    assert plan.end_date >= plan.start
    for phase in data["phases"]:
        for spec in phase["sessions"]:
            activity = get_activity(spec["activity"])
            Dose.from_dict({**activity.dose.to_dict(), **(spec.get("dose") or {})}).describe()


def outcome(call, source: str):
    try:
        template = call()
    except TemplateError as err:
        check_error(err, source)
        return None
    except Exception as err:
        raise AssertionError(f"{type(err).__name__} escaped the validator: {err!r}") from err
    check_usable(template)
    return template


# ------------------------------------------------------------------ the fuzz

@FUZZ
@given(mutated_templates())
def test_mutated_documents(doc):
    outcome(lambda: validate_template(doc, "fuzz"), "fuzz")


@FUZZ
@given(mutated_templates())
def test_mutated_documents_as_files(doc):
    raw = json.dumps(doc, allow_nan=True).encode()
    outcome(lambda: parse_template(raw, "fuzz.json"), "fuzz.json")


@FUZZ
@given(text_mutations(json.dumps(BASE, indent=1)))
def test_damaged_json_text(raw):
    outcome(lambda: parse_template(raw.encode("utf-8", "surrogatepass"), "t.json"), "t.json")


@settings(max_examples=100 * SCALE, deadline=None)
@given(json_values)
def test_arbitrary_json(doc):
    outcome(lambda: validate_template(doc, "any"), "any")


@settings(max_examples=100 * SCALE, deadline=None)
@given(st.binary(max_size=300))
def test_arbitrary_bytes(raw):
    outcome(lambda: parse_template(raw, "b.json"), "b.json")


# ----------------------------------------------------------- import, in-process

def run_main(*argv: str) -> tuple[int, str, str]:
    from tui.cli.main import main

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["--today", "2026-11-24", *argv])
    return code, out.getvalue(), err.getvalue()


def library(folder: Path) -> dict[str, bytes]:
    if not folder.exists():
        return {}
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


@settings(max_examples=80 * SCALE, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(mutated_templates(), st.booleans())
def test_import_is_all_or_nothing(doc, with_existing):
    with tempfile.TemporaryDirectory() as tmp:
        data_dir, file = Path(tmp) / "data", Path(tmp) / "in.json"
        with mock.patch.dict(os.environ, {"REHAB_DATA_DIR": str(data_dir)}):
            if with_existing:
                mine = dict(copy.deepcopy(BASE), id="mine", name="Mine")
                file.write_text(json.dumps(mine))
                assert run_main("templates", "import", str(file))[0] == 0
            before = library(data_dir / "templates")
            file.write_text(json.dumps(doc, allow_nan=True))
            code, out, err = run_main("templates", "import", str(file))
            after = library(data_dir / "templates")
        if code == 1:
            assert after == before, "a refused import changed the library"
            assert out == "" and err.count("\n") == 1 and err.startswith("rehab: ")
            assert not CONTROL.search(err[:-1]), repr(err)
        else:
            assert code == 0, (code, err)
            added = set(after) - set(before)
            changed = {k for k in before if after[k] != before[k]}
            assert len(added | changed) == 1
            load_template_file(data_dir / "templates" / (added | changed).pop())


# -------------------------------------------------- caps and escapes, real CLI

def hostile_files(tmp: Path) -> dict[str, Path]:
    files = {}

    def put(name: str, text: str) -> None:
        files[name] = tmp / f"{name}.json"
        files[name].write_text(text)

    def doc(**changes) -> str:
        return json.dumps({**copy.deepcopy(BASE), "id": "hostile", **changes})

    put("too-big", doc(description="x" * 100) + " " * MAX_FILE_BYTES)
    put("too-deep", doc(tags=nest("x", MAX_DEPTH + 1)))
    put("long-string", doc(name="n" * (MAX_STRING + 1)))
    many = copy.deepcopy(BASE)
    many_sessions(many, MAX_SESSIONS + 1)
    put("many-sessions", json.dumps(dict(many, id="hostile")))
    put("unknown-field", doc(run_this="rm -rf ~"))
    put("escape-in-name", doc(name="\x1b[31mred\x1b[0m"))
    put("osc-in-description", doc(description="\x1b]0;owned\x07"))
    put("escape-in-key", doc(**{"\x1b[2J": 1}))
    put("nan", doc().replace('"version": 1', '"version": NaN'))
    return files


def test_cli_refuses_hostile_files_and_keeps_the_library(tmp_path, rehab):
    good = dict(copy.deepcopy(BASE), id="kept", name="Kept")
    (tmp_path / "kept.json").write_text(json.dumps(good))
    assert rehab("templates", "import", str(tmp_path / "kept.json")).code == 0
    lib = rehab.data_dir / "templates"
    before = library(lib)
    for name, path in hostile_files(tmp_path).items():
        res = rehab("templates", "import", str(path))
        assert res.code == 1, (name, res)
        assert res.err.count("\n") == 1 and res.err.startswith(f"rehab: {path}: "), (name, res.err)
        assert not CONTROL.search(res.err[:-1]), (name, repr(res.err))
        assert library(lib) == before, name
        val = rehab("templates", "validate", str(path))
        assert val.code == 1 and not CONTROL.search(val.err.replace("\n", "")), (name, val.err)


def test_markup_in_names_is_printed_as_literal_text(tmp_path, rehab):
    markup = dict(copy.deepcopy(BASE), id="markup", name="[bold red]x[/] [link=file:///etc]y[/link]",
                  description="[blink]z[/blink] %s {0}")
    markup["phases"][0]["name"] = "[reverse]Settle[/]"
    (tmp_path / "m.json").write_text(json.dumps(markup))
    res = rehab("templates", "import", str(tmp_path / "m.json"))
    assert res.code == 0, res
    listed = rehab("templates", "list")
    assert "[bold red]x[/] [link=file:///etc]y[/link]" in listed.out
    shown = rehab("templates", "show", "markup")
    assert shown.code == 0
    assert "[bold red]x[/] [link=file:///etc]y[/link]" in shown.out
    assert "[blink]z[/blink] %s {0}" in shown.out and "[reverse]Settle[/]" in shown.out
    for res in (listed, shown):
        assert "\x1b" not in res.out and "\x1b" not in res.err


def test_escapes_in_notes_and_a_hand_edited_plan_are_shown_escaped(rehab):
    assert rehab("plan", "start", "metatarsalgia-conservative", "--start", "2026-11-23").code == 0
    assert rehab("log", "ice-pack", "--note", "\x1b[31mred\x1b]0;t\x07 [bold]b[/]").code == 0
    hist = rehab("history")
    assert hist.code == 0 and "\x1b" not in hist.out and "\x07" not in hist.out
    assert "\\x1b[31mred" in hist.out and "[bold]b[/]" in hist.out
    # Someone edits the data file by hand and puts escapes in the plan's names.
    manifest = json.loads((rehab.data_dir / "rehab-manifest.json").read_text())
    path = rehab.data_dir / manifest["parts"]["main"]["file"]  # the plan's file
    data = json.loads(path.read_text())
    plan = next(iter(data["plan"].values()))["plan"]
    plan["template"]["name"] = "\x1b[2JPlan"
    plan["template"]["phases"][0]["name"] = "\x9bPhase"
    path.write_text(json.dumps(data))
    for args in (["week"], ["plan", "show"]):
        res = rehab(*args)
        assert res.code == 0, res
        assert not CONTROL.search(res.out.replace("\n", "")), (args, repr(res.out[:200]))
        assert "\\x1b[2JPlan" in res.out


def test_escape_sequences_in_a_file_name_are_not_echoed(tmp_path, rehab):
    name = tmp_path / "x\x1b]0;owned\x07.json"
    res = rehab("templates", "import", str(name))
    assert res.code == 1 and res.err.count("\n") == 1
    assert "\x1b" not in res.err and "\x07" not in res.err, repr(res.err)
