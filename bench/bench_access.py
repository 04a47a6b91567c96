"""Benchmark: what served mode costs. A restricted cursor, the pages' queries through it, and a password sign-in.

Run by hand from the project root (bench/bench_queries.py's store is made first if it is missing):

    .venv/bin/python bench/bench_access.py                 # 5 timed runs of every query, each way
    .venv/bin/python bench/bench_access.py --runs 3        # a quicker pass
    .venv/bin/python bench/bench_access.py --only screen:  # only the queries whose name contains "screen:"

One run:
  1. restrict: impact.store.access.restrict(con, Readable({org})) on a fresh connection to the big store, 30 times:
     the cost of the temporary view in front of every table, which served mode pays once per page run;
  2. every query in bench_queries.queries() and the pages' whole screens (overview_screen, reach_screen,
     content_screen, the presence scorecard, ...), for bench_queries' default filters (the largest
     organisation, the last 12 months): each run on a fresh impact.store.connection.connect, once plain and
     once through a restricted cursor for the same organisation (made before the clock starts; step 1 is its
     cost). The two alternate, so a change in the machine's load hits both. The first results of both are
     compared, value by value (DataFrames with pandas' assert_frame_equal);
  3. accounts: add_account and sign_in (argon2id at argon2-cffi's defaults) on a small store in a temporary folder.

It prints the tables and writes bench/out/access.json.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import math
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_queries as bq  # also puts the project root on sys.path
import duckdb
import numpy as np
import pandas as pd
from argon2 import PasswordHasher

from impact.auth.accounts import add_account, sign_in
from impact.campaigns.screens import campaign_screen
from impact.figures import content
from impact.figures.content import content_screen
from impact.figures.overview import overview_screen
from impact.figures.reach import reach_screen
from impact.figures.website import website_screen
from impact.filters import Filters
from impact.presence.scorecard import scorecard
from impact.presence.weights import weights_for
from impact.store import connection as db
from impact.store.access import Readable, restrict
from impact.store.orgs import ensure_organisation
from impact.time.screens import budget_screen, log_screen, results_screen

RESULTS = bq.OUT / "access.json"
# bench_queries.py's defaults: the store it makes when run without options.
STORE_OPTIONS = argparse.Namespace(orgs=20, accounts=15, years=3, layout="imports")
# Queries that read every organisation: through a restricted cursor they see the readable one only.
READS_EVERY_ORGANISATION = {
    "orgs.organisations": "lists every organisation's name; restricted, the readable one's",
    "metrics.summary (all organisations)": "reports every organisation; restricted, the readable one",
}
PASSWORD = "correct horse battery staple"

Query = Callable[[duckdb.DuckDBPyConnection], object]


# --------------------------------------------------------------------------------------------------
# What is timed
# --------------------------------------------------------------------------------------------------


def screens(filters: Filters, campaign_id: int) -> dict[str, Query]:
    """The pages' whole screens, as the pages call them (each is many of the queries above, on one connection).

    The scorecard and the campaign are judged on the period's last day rather than today, so every run
    gives the same answer.
    """
    f, org_id, start, end = filters, filters.organisation_id, filters.start, filters.end
    return {
        "screen: overview_screen": lambda con: overview_screen(con, f),
        "screen: reach_screen": lambda con: reach_screen(con, f, "week", True),
        "screen: content_screen": lambda con: content_screen(con, f, ""),
        "screen: website_screen": lambda con: website_screen(con, org_id, start, end),
        "screen: presence scorecard": lambda con: scorecard(con, org_id, start, end, weights_for(con), today=end),
        "screen: campaign_screen": lambda con: campaign_screen(con, campaign_id, end),
        "screen: time log_screen": lambda con: log_screen(con, org_id, start, end),
        "screen: time budget_screen": lambda con: budget_screen(con, org_id, start, end),
        "screen: time results_screen": lambda con: results_screen(con, org_id, start, end, "platform", "engagements"),
    }


def _stats(values: list[float]) -> dict[str, Any]:
    return {
        "median_ms": round(statistics.median(values), 2),
        "p95_ms": round(bq._percentile(values, 0.95), 2),
        "min_ms": round(min(values), 2),
        "max_ms": round(max(values), 2),
        "runs_ms": [round(v, 2) for v in values],
    }


def time_restrict(readable: Readable, runs: int) -> dict[str, Any]:
    """restrict() on a fresh connection each run, as a page run makes its reader; connecting is not counted."""
    restrict_ms: list[float] = []
    close_ms: list[float] = []
    views = 0
    for _ in range(runs + 1):  # the first is a warm-up
        con = db.connect(bq.STORE)
        try:
            t0 = time.perf_counter()
            reader = restrict(con, readable)
            t1 = time.perf_counter()
            row = reader.execute("SELECT count(*) FROM duckdb_views() WHERE temporary AND NOT internal").fetchone()
            views = int(row[0]) if row else 0
            t2 = time.perf_counter()
            reader.close()
            t3 = time.perf_counter()
        finally:
            con.close()
        restrict_ms.append((t1 - t0) * 1000)
        close_ms.append((t3 - t2) * 1000)
    return {"views": views, "restrict": _stats(restrict_ms[1:]), "close": _stats(close_ms[1:])}


def _run(call: Query, readable: Readable | None) -> tuple[object, float, float]:
    """The result of `call` on a fresh connection (restricted when `readable` is given), its wall and CPU ms."""
    con = db.connect(bq.STORE)
    try:
        target = restrict(con, readable) if readable is not None else con
        try:
            t0, c0 = time.perf_counter(), time.process_time()
            result = call(target)
            t1, c1 = time.perf_counter(), time.process_time()
        finally:
            if target is not con:
                target.close()
    finally:
        con.close()
    return result, (t1 - t0) * 1000, (c1 - c0) * 1000


def compare(call: Query, readable: Readable, warmups: int, runs: int) -> dict[str, Any]:
    """`call` plain and restricted, alternating which goes first; the first results of each, compared."""
    wall: dict[str, list[float]] = {"plain": [], "restricted": []}
    cpu: dict[str, list[float]] = {"plain": [], "restricted": []}
    first: dict[str, object] = {}
    for n in range(warmups + runs):
        for way in ("plain", "restricted") if n % 2 == 0 else ("restricted", "plain"):
            result, ms, cpu_ms = _run(call, readable if way == "restricted" else None)
            first.setdefault(way, result)
            if n >= warmups:
                wall[way].append(ms)
                cpu[way].append(cpu_ms)
    figures: dict[str, Any] = {}
    for way in ("plain", "restricted"):
        figures[way] = {**_stats(wall[way]), "cpu_median_ms": round(statistics.median(cpu[way]), 2)}
    plain, restricted = figures["plain"]["median_ms"], figures["restricted"]["median_ms"]
    figures["ratio"] = round(restricted / plain, 2) if plain > 0 else None
    figures["cpu_ratio"] = (
        round(figures["restricted"]["cpu_median_ms"] / figures["plain"]["cpu_median_ms"], 2)
        if figures["plain"]["cpu_median_ms"] > 0
        else None
    )
    figures["difference"] = difference(first["plain"], first["restricted"])
    return figures


def difference(a: object, b: object, where: str = "result") -> str | None:
    """Where two results differ (None: they are the same), looking inside dataclasses, containers and frames."""
    if type(a) is not type(b):
        return f"{where}: {type(a).__name__} vs {type(b).__name__}"
    if isinstance(a, pd.DataFrame | pd.Series):
        check = pd.testing.assert_frame_equal if isinstance(a, pd.DataFrame) else pd.testing.assert_series_equal
        try:
            check(a, b)  # type: ignore[operator]
        except AssertionError as error:
            return f"{where}: {' '.join(str(error).split())[:300]}"
        return None
    if isinstance(a, np.ndarray):
        return None if np.array_equal(a, b, equal_nan=a.dtype.kind == "f") else f"{where}: arrays differ"  # type: ignore[arg-type]
    if dataclasses.is_dataclass(a) and not isinstance(a, type):
        for field in dataclasses.fields(a):
            found = difference(getattr(a, field.name), getattr(b, field.name), f"{where}.{field.name}")
            if found:
                return found
        return None
    if isinstance(a, dict):
        assert isinstance(b, dict)
        if list(a) != list(b):
            return f"{where}: keys {list(a)[:10]} vs {list(b)[:10]}"
        return next((d for k in a if (d := difference(a[k], b[k], f"{where}[{k!r}]"))), None)
    if isinstance(a, list | tuple):
        assert isinstance(b, list | tuple)
        if len(a) != len(b):
            return f"{where}: {len(a)} items vs {len(b)}"
        return next(
            (d for i, (x, y) in enumerate(zip(a, b, strict=True)) if (d := difference(x, y, f"{where}[{i}]"))), None
        )
    if isinstance(a, float) and isinstance(b, float) and math.isnan(a) and math.isnan(b):
        return None
    return None if a == b else f"{where}: {str(a)[:120]!r} vs {str(b)[:120]!r}"


def time_accounts(runs: int) -> dict[str, Any]:
    """add_account and sign_in on a small store of one organisation (the first run of each is a warm-up)."""
    hasher = PasswordHasher()
    wall: dict[str, list[float]] = {}
    cpu: dict[str, list[float]] = {}

    def timed(name: str, call: Callable[[], object]) -> object:
        t0, c0 = time.perf_counter(), time.process_time()
        result = call()
        wall.setdefault(name, []).append((time.perf_counter() - t0) * 1000)
        cpu.setdefault(name, []).append((time.process_time() - c0) * 1000)
        return result

    with tempfile.TemporaryDirectory() as folder:
        con = db.connect(Path(folder) / "accounts.duckdb")
        try:
            ensure_organisation(con, "Bench org")
            for n in range(runs + 1):
                email = f"viewer{n}@example.org"
                timed("add_account", lambda e=email: add_account(con, e, "viewer", ["Bench org"], password=PASSWORD))
            for _ in range(runs + 1):
                outcome = timed("sign_in (right password)", lambda: sign_in(con, "viewer0@example.org", PASSWORD))
                assert outcome.user_id is not None, outcome  # type: ignore[attr-defined]
            for n in range(runs + 1):  # one wrong try per account, so none is locked
                email = f"viewer{n}@example.org"
                outcome = timed("sign_in (wrong password)", lambda e=email: sign_in(con, e, "not the password"))
                assert outcome.user_id is None, outcome  # type: ignore[attr-defined]
            for n in range(runs + 1):  # a new address each time, so none is locked
                email = f"nobody{n}@example.org"
                outcome = timed("sign_in (no such account)", lambda e=email: sign_in(con, e, PASSWORD))
                assert outcome.user_id is None, outcome  # type: ignore[attr-defined]
            stored = hasher.hash(PASSWORD)
            for _ in range(runs + 1):
                timed("argon2 hash alone", lambda: hasher.hash(PASSWORD))
                timed("argon2 verify alone", lambda: hasher.verify(stored, PASSWORD))
        finally:
            con.close()
    return {
        "argon2": {
            "type": hasher.type.name,
            "time_cost": hasher.time_cost,
            "memory_cost_kib": hasher.memory_cost,
            "parallelism": hasher.parallelism,
        },
        "steps": {
            name: {**_stats(values[1:]), "cpu_median_ms": round(statistics.median(cpu[name][1:]), 2)}
            for name, values in wall.items()
        },
    }


# --------------------------------------------------------------------------------------------------
# The run
# --------------------------------------------------------------------------------------------------


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5, help="timed runs of each query, each way")
    parser.add_argument("--warmups", type=int, default=1)
    parser.add_argument("--restrict-runs", type=int, default=30)
    parser.add_argument("--sign-in-runs", type=int, default=10)
    parser.add_argument("--only", action="append", default=[], help="time only queries whose name contains this")
    args = parser.parse_args()

    info = bq.store_for(bq._generation_params(STORE_OPTIONS), regenerate=False)
    con = db.connect(bq.STORE)
    try:
        filters, organisation = bq.default_filters(con)
        batch_id = con.execute(
            "SELECT batch_id FROM import_rejection r JOIN import_batch b ON b.id = r.batch_id "
            "WHERE b.organisation_id = ? GROUP BY 1 ORDER BY count(*) DESC LIMIT 1",
            [filters.organisation_id],
        ).fetchone()[0]  # type: ignore[index]
        minimum = content.rate_threshold(con, filters) or 1  # as pages/content.py passes it
        campaign_id = bq.bench_campaign(con, filters)
    finally:
        con.close()
    readable = Readable(frozenset({filters.organisation_id}))
    print(
        f"Store: {bq.STORE.relative_to(bq.ROOT)}; restricted to {organisation} (id {filters.organisation_id}), "
        f"{filters.start} to {filters.end}, {len(filters.platforms)} platforms."
    )

    print(f"\n1. restrict(), {args.restrict_runs} runs on a fresh connection each")
    restricting = time_restrict(readable, args.restrict_runs)
    r = restricting["restrict"]
    print(
        f"   {restricting['views']} temporary views: median {r['median_ms']:.1f} ms, p95 {r['p95_ms']:.1f} ms, "
        f"min {r['min_ms']:.1f}, max {r['max_ms']:.1f}; closing the cursor {restricting['close']['median_ms']:.1f} ms"
    )

    calls = {
        **bq.queries(filters, organisation, batch_id, minimum, campaign_id),
        **screens(filters, campaign_id),
    }
    selected = {n: c for n, c in calls.items() if not args.only or any(part in n for part in args.only)}
    print(
        f"\n2. Queries, {args.warmups} warm-up and {args.runs} runs each way, alternating, "
        f"each on a fresh connection (restrict() not counted)"
    )
    header = f"{'query':<42} {'plain ms':>9} {'restr. ms':>9} {'ratio':>6} {'cpu plain':>9} {'cpu restr':>9}  results"
    print(header)
    print("-" * len(header))
    results: dict[str, dict[str, Any]] = {}
    unexpected: list[str] = []
    for name, call in selected.items():
        figures = compare(call, readable, args.warmups, args.runs)
        if figures["difference"] is None:
            verdict = "same"
        elif name in READS_EVERY_ORGANISATION:
            verdict = "differ (expected)"
            figures["expected_difference"] = READS_EVERY_ORGANISATION[name]
        else:
            verdict = "DIFFER"
            unexpected.append(f"{name}: {figures['difference']}")
        figures["results"] = verdict
        results[name] = figures
        p, q = figures["plain"], figures["restricted"]
        print(
            f"{name:<42} {p['median_ms']:>9.1f} {q['median_ms']:>9.1f} {figures['ratio'] or 0:>6.2f} "
            f"{p['cpu_median_ms']:>9.1f} {q['cpu_median_ms']:>9.1f}  {verdict}",
            flush=True,
        )
    screen_names = [n for n in results if n.startswith("screen:")]
    if screen_names:
        plain = sum(results[n]["plain"]["median_ms"] for n in screen_names)
        restricted = sum(results[n]["restricted"]["median_ms"] for n in screen_names)
        print(f"{'all screens (sum of medians)':<42} {plain:>9.1f} {restricted:>9.1f} {restricted / plain:>6.2f}")

    print(f"\n3. Accounts on a small store, median of {args.sign_in_runs} (after one warm-up)")
    accounts = time_accounts(args.sign_in_runs)
    a = accounts["argon2"]
    print(f"   argon2 {a['type']}: t={a['time_cost']}, m={a['memory_cost_kib']} KiB, p={a['parallelism']}")
    for name, step in accounts["steps"].items():
        print(
            f"   {name:<28} median {step['median_ms']:7.1f} ms, p95 {step['p95_ms']:7.1f} ms, "
            f"cpu {step['cpu_median_ms']:7.1f} ms"
        )

    RESULTS.write_text(
        json.dumps(
            {
                "measured_at": datetime.now(UTC).isoformat(timespec="seconds"),
                "machine": bq._machine(),
                "store": info,
                "organisation": organisation,
                "organisation_id": filters.organisation_id,
                "period": [filters.start.isoformat(), filters.end.isoformat()],
                "warmups": args.warmups,
                "runs": args.runs,
                "restrict": restricting,
                "queries": results,
                "accounts": accounts,
            },
            indent=2,
            default=str,
        )
    )
    print(f"\nResults: {RESULTS.relative_to(bq.ROOT)}")
    if unexpected:
        print("\nRestricted results that differ from the plain ones:\n  " + "\n  ".join(unexpected))
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
