"""Make a synthetic history of N years (default 5) in a data dir, in the real Store format.

About 15,000 records for 5 years: 7-8 logged sessions a day, one check-in a
day, a flare day now and then, and the built-in metatarsalgia plan active
this week (started three weeks before --today). Deterministic for a seed.

Run: .venv/bin/python tests/perf/gen_history.py DATA_DIR [--years 5] [--today 2026-11-24]
(a script: pytest does not collect it)
"""

from __future__ import annotations

__test__ = False

import argparse
import datetime as dt
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tui import locations  # noqa: E402
from tui.core.records import CheckIn, LogEntry  # noqa: E402
from tui.core.schedule import Plan  # noqa: E402
from tui.core.templates import load_template_file  # noqa: E402
from tui.storage.store import Store  # noqa: E402

TODAY = dt.date(2026, 11, 24)
TEMPLATE = "metatarsalgia-conservative"
# What a long-time user logs on a day outside the current plan, in turn.
DAILY = ["ice-pack", "calf-stretch", "plantar-fascia-stretch", "towel-curls", "ball-roll", "thumb-sweep"]
EXTRA = ["cycling", "swimming", "thumb-walk", "marble-pickup", "toe-splay", "short-foot", "brisk-walk"]
NOTES = ["", "", "", "felt fine", "a little tight in the morning", "sore after work, eased off",
         "new insoles today", "did it before bed"]
SHOES = [None, "wide trainers", "work boots", "sandals with pad"]


def plan_for(today: dt.date) -> Plan:
    tpl = load_template_file(locations.builtin_template_dir() / f"{TEMPLATE}.json").to_dict()
    start = today - dt.timedelta(days=today.weekday() + 14)
    return Plan.start_from_template(tpl, start)


def build_tables(years: int = 5, today: dt.date = TODAY, seed: int = 6) -> dict[str, dict[str, dict]]:
    rng = random.Random(seed)
    plan = plan_for(today)
    first = today - dt.timedelta(days=round(365.25 * years))
    logs: dict[str, dict] = {}
    checkins: dict[str, dict] = {}
    flares: dict[str, dict] = {}
    day = first
    while day < today:
        stamp = f"{day.isoformat()}T{rng.randint(6, 22):02d}:{rng.randint(0, 59):02d}:00"
        planned = plan.sessions_on(day) if day >= plan.start else []
        if planned:
            todo = [(s.activity_id, s.session_id) for s in planned if s.kind != "rest"]
        else:
            todo = [(a, None) for a in DAILY] + [(EXTRA[day.toordinal() % len(EXTRA)], None)]
            if day.toordinal() % 5 == 0:
                todo.append((EXTRA[(day.toordinal() // 5) % len(EXTRA)], None))
        for activity, session_id in todo:
            status = rng.choices(["done", "partial", "skipped"], [85, 10, 5])[0]
            entry = LogEntry(
                date=day, activity=activity, status=status, session_id=session_id,
                minutes=rng.choice([None, 10.0, 15.0, 20.0, 30.0]),
                pain=rng.choice([None, 0, 1, 1, 2, 2, 3, 4]),
                foot=rng.choice([None, "left", "right", "both"]),
                note=rng.choice(NOTES), logged_at=stamp,
            )
            logs[str(len(logs) + 1)] = entry.to_dict()
        check = CheckIn(
            date=day, morning_pain=rng.choice([0, 1, 1, 2, 2, 3, 4, 5]),
            walking_pain=rng.choice([None, 0, 1, 2, 3]), numbness=rng.random() < 0.02,
            swelling=rng.random() < 0.03, night_pain=rng.random() < 0.01, callus=rng.random() < 0.05,
            footwear=rng.choice(SHOES), note=rng.choice(NOTES), logged_at=stamp,
        )
        checkins[str(len(checkins) + 1)] = check.to_dict()
        if rng.random() < 0.02:
            flares[str(len(flares) + 1)] = {"date": day.isoformat()}
        day += dt.timedelta(days=1)
    return {"plan": {"1": {"plan": plan.to_dict()}}, "logs": logs, "checkins": checkins, "flares": flares}


def generate(data_dir: Path, years: int = 5, today: dt.date = TODAY, seed: int = 6) -> dict[str, int]:
    """Fill an empty data dir; returns the counts."""
    from tui.storage.backup_shape import document_of

    tables = build_tables(years, today, seed)
    store = Store.open(Path(data_dir))
    store.replace_all(document_of(tables), "synthetic history")
    store.close()
    size = sum(p.stat().st_size for p in Path(data_dir).glob("rehab-*.json"))
    return {"logs": len(tables["logs"]), "checkins": len(tables["checkins"]),
            "flares": len(tables["flares"]), "bytes": size}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data_dir", type=Path)
    parser.add_argument("--years", type=int, default=5)
    parser.add_argument("--today", type=dt.date.fromisoformat, default=TODAY)
    parser.add_argument("--seed", type=int, default=6)
    args = parser.parse_args(argv)
    counts = generate(args.data_dir, args.years, args.today, args.seed)
    print(f"{args.data_dir}: {counts['logs']} logged sessions + {counts['checkins']} check-ins "
          f"= {counts['logs'] + counts['checkins']} records, {counts['flares']} flare days, "
          f"{counts['bytes'] / 1e6:.1f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
