"""Child process for the crash tests (not collected: no test_ prefix).

usage: writer.py DATA_DIR TAG COUNT

Writes COUNT records through the real Store, alternating logs and check-ins,
and prints one acknowledgement line after each write has returned:

    ack log <note>
    ack checkin <date> <morning_pain>

A line is printed only once the write is durable (Store returned), so every
acknowledged record must survive a SIGKILL at any later moment.
"""

__test__ = False

import datetime as dt
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tui.core.records import CheckIn, LogEntry
from tui.storage import Store

BASE = dt.date(1900, 1, 1)  # records take dates from 1900 to 2200 (tui.core.dates)
ROUND_DAYS = 1300  # days of its own per round: 80 rounds fit before 2200


def checkin_date(tag: str, n: int) -> str:
    """A date of its own for each (round, n): rounds are tagged r<number>."""
    round_no = int(tag.lstrip("r") or 0)
    return (BASE + dt.timedelta(days=round_no * ROUND_DAYS + n % ROUND_DAYS)).isoformat()


def main() -> None:
    data_dir, tag, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
    store = Store.open(Path(data_dir))
    print("ready", flush=True)
    for n in range(count):
        if n % 3 == 2:
            day, pain = checkin_date(tag, n), n % 11
            store.add_checkin(CheckIn(date=dt.date.fromisoformat(day), morning_pain=pain, note=f"{tag}-{n}"))
            print(f"ack checkin {day} {pain}", flush=True)
        else:
            note = f"{tag}-{n}"
            store.add_log(LogEntry(date=dt.date(2026, 11, 24), activity="ice-pack", status="done", note=note))
            print(f"ack log {note}", flush=True)


if __name__ == "__main__":
    main()
