"""Benchmark: a workshop's folder in one call (issue 18's goal: 150 small exports in under 10 s).

Run by hand from the project root:

    .venv/bin/python bench/bench_workshop.py                # 30 organisations x 5 files
    .venv/bin/python bench/bench_workshop.py --orgs 10      # a quicker pass

It copies five of the test fixtures (an X overview and content export, an Instagram content export, a
time log and the interactions template) into one folder per organisation under bench/out/workshop/, then
times, as whole processes, `python -m impact import DIR --org-per-folder` into a new store, and
`python -m impact --help` (the command line's start-up; goal: under 0.3 s). It prints each figure
against its goal.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
FILES = (
    "x/account_overview_analytics.csv",
    "x/account_analytics_content_2026-07-06_2026-08-02.csv",
    "instagram/Jan-01-2026_Aug-10-2026_1071135865260092.csv",
    "time/template/time_log_november_2026.csv",
    "interactions/interactions_template.csv",
)


def workshop(orgs: int) -> Path:
    folder = ROOT / "bench" / "out" / "workshop"
    shutil.rmtree(folder, ignore_errors=True)
    for index in range(orgs):
        participant = folder / f"Participant {index + 1:02d} NGO"
        participant.mkdir(parents=True)
        for name in FILES:
            shutil.copy(FIXTURES / name, participant)
    return folder


def timed(*args: str) -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "impact", *args], cwd=ROOT, check=False, capture_output=True)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--orgs", type=int, default=30)
    args = parser.parse_args()
    folder = workshop(args.orgs)
    files = args.orgs * len(FILES)
    with tempfile.TemporaryDirectory() as scratch:
        seconds = timed("import", str(folder), "--org-per-folder", "--db", str(Path(scratch) / "w.duckdb"))
    startup = sorted(timed("--help") for _ in range(5))[2]
    print(f"workshop import: {files} files of {args.orgs} organisations in {seconds:.1f} s (goal: 150 files < 10 s)")
    print(f"command line start-up: {startup:.2f} s, median of 5 (goal: < 0.3 s)")


if __name__ == "__main__":
    main()
