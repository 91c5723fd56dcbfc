"""Run one command and print its wall ms, CPU ms (user + system) and peak RSS (MiB) as JSON.

The benchmarks start this in a fresh interpreter (a few MiB, holding no data) which
then starts the command: Linux carries a parent's resident size at fork into the
child's ru_maxrss, so a child forked straight from a benchmark holding 20 years of
generated records would report the benchmark's memory, not its own.

Run: python tests/perf/spawn_measure.py CMD [ARGS...]   (pytest does not collect it)
"""

from __future__ import annotations

__test__ = False

import json
import os
import subprocess
import sys
import time


def main(argv: list[str]) -> int:
    start = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = (time.perf_counter() - start) * 1000
    error = proc.stderr.read().decode(errors="replace")[:300] if proc.stderr else ""
    code = os.waitstatus_to_exitcode(status)
    print(json.dumps({"wall": wall, "cpu": (usage.ru_utime + usage.ru_stime) * 1000,
                      "peak": usage.ru_maxrss / 1024, "code": code, "error": error}))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
