"""Benchmark: importing a large legacy X (Twitter) tweet-level export, against DuckDB's own CSV read.

Run by hand from the project root:

    .venv/bin/python bench/bench_import.py              # 1,000,000 rows
    .venv/bin/python bench/bench_import.py --rows 100000

One run:
  1. generates bench/out/tweet_activity_metrics_BenchOrg_*.csv (reused when present with the same row
     count): the export format of EXPORT_FORMATS.md section 1a, byte for byte in shape, plus a second,
     later export of the same tweets with one figure (impressions) changed in 1% of the rows;
  2. raw:    CREATE TABLE raw AS SELECT * FROM read_csv(path) in a fresh temp-file database (the
             baseline), and the same in an in-memory database (for information);
  3. import: impact.store.connection.connect(temp file) + impact.store.ingest.import_paths(con, [path], "Bench");
  4. update: import_paths of the later export into the database step 3 left behind;
  each step in its own child process (this script with --child), whose peak RSS the parent reads
  from the kernel's accounting for that child when it exits;
  5. prints a table and writes bench/out/results.json, with the time of every SQL statement the
     import ran (the connection is wrapped; the wrapper costs microseconds per statement).

If MAX_FILE_BYTES (1 GB) refused the file, the import steps would record that refusal, then lift the
cap inside the child process only (impact/ is not touched) so the import can be measured.
--keep-size-cap measures the refusal instead.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import resource
import shutil
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
GENERATOR_VERSION = 1
HANDLE = "BenchOrg"
FIRST_NAME = f"tweet_activity_metrics_{HANDLE}_20160101_20170101_en.csv"
LATER_NAME = f"tweet_activity_metrics_{HANDLE}_20160101_20170201_en.csv"  # later end date -> newer as_of
# Issue 18's goals, whole process against whole process (interpreter start-up included on both sides):
# a new export within 1.2x of DuckDB's raw read of the same file, an overlapping newer one within 1.5x.
GOAL_RATIO = {"import": 1.2, "update": 1.5}
GOAL_RSS_MB = 1024.0  # peak RSS under 1 GB

# The header of the real file (/work/shared/real_exports/twitter__tweet_activity_metrics_rOpenSci_...).
HEADER = [
    "Tweet id",
    "Tweet permalink",
    "Tweet text",
    "time",
    "impressions",
    "engagements",
    "engagement rate",
    "retweets",
    "replies",
    "likes",
    "user profile clicks",
    "url clicks",
    "hashtag clicks",
    "detail expands",
    "permalink clicks",
    "app opens",
    "app installs",
    "follows",
    "email tweet",
    "dial phone",
    "media views",
    "media engagements",
    "promoted impressions",
    "promoted engagements",
    "promoted engagement rate",
    "promoted retweets",
    "promoted replies",
    "promoted likes",
    "promoted user profile clicks",
    "promoted url clicks",
    "promoted hashtag clicks",
    "promoted detail expands",
    "promoted permalink clicks",
    "promoted app opens",
    "promoted app installs",
    "promoted follows",
    "promoted email tweet",
    "promoted dial phone",
    "promoted media views",
    "promoted media engagements",
]
assert len(HEADER) == 40


# ---------------------------------------------------------------------------------------------
# 1. The generated exports


_OPENERS = [
    "New #rstats pkg",
    "[blog]",
    "Community Call:",
    "Thank you",
    "Join us",
    "Read our interview with",
    "New ver. #rstats",
    "Our blog post on",
    "Highlights from",
    "Volunteers needed:",
    "We're hiring!",
    "Donate today",
    "Field report:",
    "Annual report",
    "Thread:",
    "Reminder",
    "Tonight",
    "RT @partners:",
]
_WORDS = (
    "data open science reproducible research community package release notes vignette workshop "
    "volunteers donors school children water health clinic village training women farmers climate "
    "report impact survey results year thanks support partners campaign week new update fund learn "
    "more about how we help local families library books teachers students meals winter"
).split()
_HASHTAGS = ["#rstats", "#opendata", "#nonprofit", "#GivingTuesday", "#volunteer", "#education", "#climate"]
_MENTIONS = ["@captainsafia", "@PBarmby", "@ctitusbrown", "@UNICEF", "@WHO", "@partner_org"]
_EMOJI = ["\U0001f389", "\U0001f64f", "\u2764\ufe0f", "\U0001f4da", "\U0001f30d"]


def _tco(rng: random.Random) -> str:
    return "https://t.co/" + "".join(
        rng.choice("abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ0123456789") for _ in range(10)
    )


def _tweet_text(rng: random.Random) -> str:
    """Tweet-like text: hashtags, mentions, links, &amp; entities; sometimes commas, quotes, newlines."""
    parts = [rng.choice(_OPENERS)]
    for _ in range(rng.randint(5, 16)):
        r = rng.random()
        if r < 0.08:
            parts.append(rng.choice(_HASHTAGS))
        elif r < 0.13:
            parts.append(rng.choice(_MENTIONS))
        elif r < 0.17:
            parts.append("&amp;")
        elif r < 0.22:
            parts.append(rng.choice(_WORDS) + ",")
        else:
            parts.append(rng.choice(_WORDS))
    if rng.random() < 0.10:
        parts.insert(rng.randint(1, len(parts)), f'"{rng.choice(_WORDS).title()}"')
    if rng.random() < 0.05:
        parts.append(rng.choice(_EMOJI))
    parts.append(_tco(rng))
    if rng.random() < 0.3:
        parts.append(_tco(rng))
    text = " ".join(parts)
    if rng.random() < 0.03:  # a line break or a blank line inside the text
        cut = text.find(" ", len(text) // 2)
        if cut > 0:
            text = text[:cut] + rng.choice(["\n", "\n\n"]) + text[cut + 1 :]
    return text


def _f(value: int) -> str:
    return f"{value}.0"


def _rows(rows: int, seed: int):
    """Yield (row, later_row): the same tweet in the first export and in the later one."""
    rng = random.Random(seed)
    changed = set(rng.sample(range(rows), rows // 100))
    # Newest first, like the real file; one tweet every few seconds on average, going back from 2017.
    moment = datetime(2016, 12, 31, 23, 59, tzinfo=UTC)
    epoch_ms = 1288834974657  # X's snowflake epoch
    for index in range(rows):
        moment -= timedelta(seconds=rng.randint(1, 60))
        ms = int(moment.timestamp() * 1000) + rng.randint(0, 999)
        # A snowflake id: time above bit 22; the low bits keep ids unique within a millisecond.
        tweet_id = str(((ms - epoch_ms) << 22) | (index & 0x3FFFFF))
        impressions = int(rng.lognormvariate(7.5, 0.8)) + 1
        retweets = int(rng.expovariate(1 / 3)) if rng.random() < 0.6 else 0
        replies = 1 if rng.random() < 0.1 else 0
        likes = int(rng.expovariate(1 / 5)) if rng.random() < 0.7 else 0
        profile = int(rng.expovariate(1)) if rng.random() < 0.3 else 0
        url = int(rng.expovariate(1 / 8)) if rng.random() < 0.8 else 0
        hashtag = 1 if rng.random() < 0.1 else 0
        expands = int(rng.expovariate(1 / 3)) if rng.random() < 0.6 else 0
        permalink = 1 if rng.random() < 0.1 else 0
        follows = 1 if rng.random() < 0.03 else 0
        media = rng.randint(10, 400) if rng.random() < 0.05 else 0
        engagements = retweets + replies + likes + profile + url + hashtag + expands + permalink + follows + media
        row = [
            tweet_id,
            f"https://twitter.com/{HANDLE}/status/{tweet_id}",
            _tweet_text(rng),
            moment.strftime("%Y-%m-%d %H:%M +0000"),
            _f(impressions),
            _f(engagements),
            repr(engagements / impressions),
            _f(retweets),
            _f(replies),
            _f(likes),
            _f(profile),
            _f(url),
            _f(hashtag),
            _f(expands),
            _f(permalink),
            "0",
            "0",
            str(follows),
            "0",
            "0",
            str(media),
            str(media),
        ] + ["-"] * 18
        later = row
        if index in changed:
            later = list(row)
            later[4] = _f(impressions + rng.randint(1, 500))  # one figure: impressions grew
        yield row, later


def generate(rows: int, seed: int = 20161223) -> tuple[Path, Path, dict]:
    """Write both exports (or reuse them when a run with the same row count made them)."""
    folder = OUT / f"exports-{rows}"  # one folder per row count, so --rows 100000 keeps the big files
    folder.mkdir(parents=True, exist_ok=True)
    first, later = folder / FIRST_NAME, folder / LATER_NAME
    meta_path = folder / "exports.meta.json"
    wanted = {"rows": rows, "seed": seed, "generator": GENERATOR_VERSION}
    if meta_path.exists() and first.exists() and later.exists():
        meta = json.loads(meta_path.read_text())
        if {k: meta.get(k) for k in wanted} == wanted and meta.get("bytes") == first.stat().st_size:
            meta["reused"] = True
            return first, later, meta
    started = time.perf_counter()
    with first.open("w", encoding="utf-8", newline="") as a, later.open("w", encoding="utf-8", newline="") as b:
        wa = csv.writer(a, quoting=csv.QUOTE_ALL, lineterminator="\n")
        wb = csv.writer(b, quoting=csv.QUOTE_ALL, lineterminator="\n")
        wa.writerow(HEADER)
        wb.writerow(HEADER)
        for row, later_row in _rows(rows, seed):
            wa.writerow(row)
            wb.writerow(later_row)
    meta = dict(
        wanted,
        bytes=first.stat().st_size,
        later_bytes=later.stat().st_size,
        changed_rows=rows // 100,
        seconds=round(time.perf_counter() - started, 1),
    )
    meta_path.write_text(json.dumps(meta, indent=2))
    meta["reused"] = False
    return first, later, meta


# ---------------------------------------------------------------------------------------------
# Child processes: one measured step each


class TimedConnection:
    """Forwards to a DuckDB connection, timing every execute/executemany and keeping the SQL.

    With a profile folder, DuckDB's own JSON profile (operator tree with timings) of every statement
    slower than half a second is kept there too.
    """

    def __init__(self, con, profile_dir: Path | None = None) -> None:
        self._con = con
        self.statements: list[dict] = []
        self._profile_dir = profile_dir
        if profile_dir:
            shutil.rmtree(profile_dir, ignore_errors=True)
            profile_dir.mkdir(parents=True)
            con.execute("SET enable_profiling = 'json'")
            con.execute("SET profiling_output = $out", {"out": str(profile_dir / "last.json")})
            metrics = [
                "QUERY_NAME",
                "LATENCY",
                "CPU_TIME",
                "BLOCKED_THREAD_TIME",
                "SYSTEM_PEAK_BUFFER_MEMORY",
                "TOTAL_BYTES_WRITTEN",
                "OPERATOR_TYPE",
                "OPERATOR_TIMING",
                "OPERATOR_CARDINALITY",
                "EXTRA_INFO",
            ]
            con.execute(f"SET custom_profiling_settings = '{json.dumps({m: 'true' for m in metrics})}'")

    def _timed(self, method: str, sql: str, *args, **kwargs):
        started = time.perf_counter()
        try:
            return getattr(self._con, method)(sql, *args, **kwargs)
        finally:
            self.statements.append({"seconds": time.perf_counter() - started, "sql": " ".join(sql.split())})
            self._collect_profile()

    def _collect_profile(self) -> None:
        """Attach DuckDB's profile to the statement it belongs to.

        A query's profile is written when the query is finished with, which for a SELECT is only when the
        next statement starts; so it is matched by its text, not assumed to be the last statement's.
        """
        last = self._profile_dir / "last.json" if self._profile_dir else None
        if not last or not last.exists():
            return
        try:
            profile = json.loads(last.read_text())
        except ValueError:
            return
        last.unlink()
        text = " ".join(str(profile.get("query_name", "")).split())
        for index in range(len(self.statements) - 1, -1, -1):
            entry = self.statements[index]
            if entry["sql"] == text and "operators" not in entry:
                if entry["seconds"] > 0.5:
                    kept = self._profile_dir / f"{index:02d}.json"
                    kept.write_text(json.dumps(profile))
                    entry["profile"] = str(kept)
                    entry["operators"] = _top_operators(profile)
                    entry["duckdb"] = {
                        key: profile.get(key)
                        for key in (
                            "latency",
                            "cpu_time",
                            "blocked_thread_time",
                            "system_peak_buffer_memory",
                            "total_bytes_written",
                        )
                    }
                return

    def execute(self, sql: str, *args, **kwargs):
        return self._timed("execute", sql, *args, **kwargs)

    def executemany(self, sql: str, *args, **kwargs):
        return self._timed("executemany", sql, *args, **kwargs)

    def __getattr__(self, name: str):
        return getattr(self._con, name)


def _top_operators(tree: dict, top: int = 6) -> list[dict]:
    """The slowest operators of one DuckDB JSON profile (operator_timing is summed over threads)."""
    found: list[dict] = []

    def walk(node: dict) -> None:
        if node.get("operator_type"):
            extra = node.get("extra_info") or {}
            detail = (
                extra.get("Projections")
                or extra.get("Aggregates")
                or extra.get("Conditions")
                or extra.get("Function")
                or ""
            )
            if isinstance(detail, list):
                detail = " | ".join(map(str, detail))
            found.append(
                {
                    "operator": node["operator_type"],
                    "seconds": round(node.get("operator_timing", 0.0), 3),
                    "rows": node.get("operator_cardinality"),
                    "detail": str(detail)[:200],
                }
            )
        for child in node.get("children", []):
            walk(child)

    walk(tree)
    return sorted(found, key=lambda o: -o["seconds"])[:top]


def _statement_label(sql: str) -> str:
    """A short, stable name for a statement of ingest.py (temp-table suffixes removed)."""
    import re

    short = re.sub(r"_[0-9a-f]{12}(?=\b|_)", "_*", sql)
    short = re.sub(r"\$p\d+", "?", short)
    if short.startswith("CREATE TEMP TABLE stage_*") and "read_csv" in short:
        return "CREATE TEMP TABLE stage AS <staging query over read_csv>"
    if short.startswith("INSERT INTO post_observation"):
        return "INSERT INTO post_observation ... row_number() OVER (PARTITION BY handle, post_id) ... JOIN account"
    if short.startswith("INSERT INTO post (") and "coalesce(o." in short:
        return "INSERT INTO post <merge: this batch's values over the current rows>"
    if short.startswith("INSERT INTO post (") and "arg_max" in short:
        return "INSERT INTO post <re-derive existing keys: arg_max per column over observations>"
    if short.startswith("INSERT INTO post ("):
        return "INSERT INTO post <new keys copied from this batch's observations>"
    return short[:150] + ("..." if len(short) > 150 else "")


def _lift_cap_if_needed(ingest, path: Path, keep_cap: bool) -> dict:
    """Say whether the shipped size cap refuses this file; lift it in this process unless told not to."""
    size = path.stat().st_size
    info = {"bytes": size, "max_file_bytes": ingest.MAX_FILE_BYTES, "over_cap": size > ingest.MAX_FILE_BYTES}
    if info["over_cap"] and not keep_cap:
        ingest.MAX_FILE_BYTES = size + 1
        info["cap_lifted_in_child"] = True
    return info


def child_raw(args: argparse.Namespace) -> dict:
    import duckdb

    db = args.db
    if db != ":memory:":
        for p in (Path(db), Path(db + ".wal")):
            p.unlink(missing_ok=True)
    started = time.perf_counter()
    con = duckdb.connect(db)
    con.execute("CREATE TABLE raw AS SELECT * FROM read_csv($path)", {"path": args.file})
    loaded = time.perf_counter()
    if db != ":memory:":
        con.execute("CHECKPOINT")
    finished = time.perf_counter()
    rows = con.execute("SELECT count(*) FROM raw").fetchone()[0]
    types = con.execute("SELECT column_type, count(*) FROM (DESCRIBE raw) GROUP BY ALL ORDER BY 2 DESC").fetchall()
    con.close()
    return {
        "seconds": finished - started,
        "create_table_seconds": loaded - started,
        "checkpoint_seconds": finished - loaded,
        "rows": rows,
        "column_types": {t: n for t, n in types},
    }


def _load_ingest(path: str | None):
    """impact.store.ingest, or a candidate copy of it (--ingest FILE) to compare a rewrite before making it."""
    import importlib.util

    import impact.store.ingest

    if not path:
        return impact.store.ingest
    spec = importlib.util.spec_from_file_location("impact.store.ingest", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules["impact.store.ingest"] = module
    spec.loader.exec_module(module)
    return module


def child_import(args: argparse.Namespace) -> dict:
    from impact.store.connection import connect

    ingest = _load_ingest(args.ingest)

    path = Path(args.file)
    if args.fresh:
        for p in (Path(args.db), Path(args.db + ".wal")):
            p.unlink(missing_ok=True)
    cap = _lift_cap_if_needed(ingest, path, args.keep_size_cap)
    # Time the Python-side steps around the SQL too.
    python_parts: dict[str, float] = {}

    def timed(name: str, function):
        def wrapper(*a, **k):
            started = time.perf_counter()
            try:
                return function(*a, **k)
            finally:
                python_parts[name] = python_parts.get(name, 0.0) + time.perf_counter() - started

        return wrapper

    ingest._fingerprint = timed("sha256 and UTF-8 check of the file (Python, one read)", ingest._fingerprint)
    ingest.detect = timed("detect connector from the head", ingest.detect)
    ingest._as_utf8 = timed("_as_utf8 (whole-file UTF-8 check in Python)", ingest._as_utf8)

    started = time.perf_counter()
    raw_con = connect(Path(args.db))
    connected = time.perf_counter()
    profile_dir = OUT / "profiles" / args.child_out_name if args.duckdb_profile else None
    con = TimedConnection(raw_con, profile_dir)
    results = ingest.import_paths(con, [path], "Bench")
    finished = time.perf_counter()
    raw_con.close()
    result = results[0]
    sql_total = sum(s["seconds"] for s in con.statements)
    return {
        "ingest_module": ingest.__file__,
        "seconds": finished - started,
        "connect_seconds": connected - started,
        "import_paths_seconds": finished - connected,
        "size_cap": cap,
        "result": result.as_json(),
        "rejections": result.rejections[:5],
        "sql_seconds": sql_total,
        "python_parts": python_parts,
        "statements": [
            {
                "seconds": s["seconds"],
                "label": _statement_label(s["sql"]),
                "sql": s["sql"][:4000],
                **{k: s[k] for k in ("operators", "profile", "duckdb") if k in s},
            }
            for s in con.statements
        ],
    }


def run_child(step: str, name: str, **options) -> dict:
    """Run one step in a child process; its own peak RSS comes from wait4's rusage for that child."""
    out_file = OUT / f"step_{name}.json"
    out_file.unlink(missing_ok=True)
    command = [
        sys.executable,
        str(Path(__file__).resolve()),
        "--child",
        step,
        "--child-out",
        str(out_file),
        "--child-out-name",
        name,
    ]
    for key, value in options.items():
        if value is True:
            command.append(f"--{key.replace('_', '-')}")
        elif value not in (None, False):
            command += [f"--{key.replace('_', '-')}", str(value)]
    started = time.perf_counter()
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    process = subprocess.Popen(command, cwd=ROOT)
    # os.wait4 returns this child's own rusage. RUSAGE_CHILDREN's ru_maxrss is the maximum over *all*
    # children waited for so far, so after the first step it could hide a smaller later peak.
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    if process.returncode != 0:
        raise SystemExit(f"step {step} failed (exit {process.returncode})")
    data = json.loads(out_file.read_text())
    data["peak_rss_mb"] = usage.ru_maxrss / 1024  # Linux reports kB
    data["rusage_children_maxrss_mb"] = after / 1024
    data["rusage_children_before_mb"] = before / 1024
    data["process_wall_seconds"] = wall
    data["user_cpu_seconds"] = usage.ru_utime
    data["system_cpu_seconds"] = usage.ru_stime
    return data


# ---------------------------------------------------------------------------------------------
# The parent: run the steps, print and save the results


def _breakdown(step: dict, top: int = 12) -> list[dict]:
    totals: dict[str, dict] = {}
    for s in step.get("statements", []):
        entry = totals.setdefault(s["label"], {"label": s["label"], "seconds": 0.0, "count": 0})
        entry["seconds"] += s["seconds"]
        entry["count"] += 1
    ordered = sorted(totals.values(), key=lambda e: -e["seconds"])
    for name, seconds in step.get("python_parts", {}).items():
        ordered.append({"label": f"[python] {name}", "seconds": seconds, "count": 1})
    ordered.sort(key=lambda e: -e["seconds"])
    return ordered[:top]


def _code_state() -> dict:
    """Which code was measured: the commit, and a digest of the files the import runs (others edit them)."""
    import hashlib

    try:
        commit = subprocess.run(["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True, text=True).stdout.strip()
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "impact", "connectors"], cwd=ROOT, capture_output=True, text=True
        ).stdout.split("\n")
    except OSError:
        commit, dirty = None, []
    digest = hashlib.sha256()
    for path in sorted((ROOT / "impact").glob("*.py")) + sorted((ROOT / "connectors").glob("*.py")):
        digest.update(path.read_bytes())
    return {
        "commit": commit,
        "uncommitted": [d.strip() for d in dirty if d.strip()],
        "sha256_impact_connectors": digest.hexdigest()[:16],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--keep-size-cap", action="store_true", help="do not lift MAX_FILE_BYTES in the children")
    parser.add_argument("--skip-memory-raw", action="store_true", help="skip the in-memory raw read")
    parser.add_argument(
        "--ingest", metavar="FILE", help="import with this copy of impact/store/ingest.py (to try a rewrite)"
    )
    parser.add_argument(
        "--duckdb-profile",
        action="store_true",
        help="also keep DuckDB's operator profile of every slow statement (bench/out/profiles/)",
    )
    parser.add_argument("--only-import", action="store_true", help="skip the raw reads (reuse their last figures)")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--child-out", help=argparse.SUPPRESS)
    parser.add_argument("--db", help=argparse.SUPPRESS)
    parser.add_argument("--file", help=argparse.SUPPRESS)
    parser.add_argument("--fresh", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--child-out-name", help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.child:
        sys.path.insert(0, str(ROOT))
        data = {"raw": child_raw, "import": child_import}[args.child](args)
        data["self_maxrss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        Path(args.child_out).write_text(json.dumps(data, default=str, indent=1))
        return

    first, later, meta = generate(args.rows)
    print(
        f"exports: {first.name} and {later.name}: {args.rows:,} rows, {meta['bytes'] / 1e6:.0f} MB"
        f" ({'reused' if meta['reused'] else 'generated in {:.0f} s'.format(meta['seconds'])})",  # noqa: UP032
        flush=True,
    )
    db_dir = OUT / "db"
    shutil.rmtree(db_dir, ignore_errors=True)
    db_dir.mkdir(parents=True)
    results_path = OUT / ("results.json" if not args.ingest else f"results-{Path(args.ingest).stem}.json")
    steps: dict[str, dict] = {}
    raw_cache = OUT / f"raw-{args.rows}.json"  # the raw reads' figures, for --only-import
    if args.only_import:
        if not raw_cache.exists():
            raise SystemExit(f"--only-import needs {raw_cache.name} from an earlier full run with --rows {args.rows}")
        steps = json.loads(raw_cache.read_text())
        print(f"raw reads: figures reused from {raw_cache.name}", flush=True)
    else:
        print("raw read (temp-file database) ...", flush=True)
        steps["raw_file_db"] = run_child("raw", "raw_file_db", db=str(db_dir / "raw.duckdb"), file=str(first))
        (db_dir / "raw.duckdb").unlink(missing_ok=True)
        if not args.skip_memory_raw:
            print("raw read (in-memory database) ...", flush=True)
            steps["raw_memory_db"] = run_child("raw", "raw_memory_db", db=":memory:", file=str(first))
        raw_cache.write_text(json.dumps(steps, indent=1))
    store = db_dir / "impact.duckdb"
    common = {"keep_size_cap": args.keep_size_cap, "ingest": args.ingest, "duckdb_profile": args.duckdb_profile}
    print("import ...", flush=True)
    steps["import"] = run_child("import", "import", db=str(store), file=str(first), fresh=True, **common)
    print("update (later export, 1% of rows changed) ...", flush=True)
    steps["update"] = run_child("import", "update", db=str(store), file=str(later), **common)
    store_mb = sum(p.stat().st_size for p in db_dir.glob("impact.duckdb*")) / 1e6

    base = steps["raw_file_db"]["seconds"]
    base_process = steps["raw_file_db"]["process_wall_seconds"]
    expected = {
        "import": {"rows_new": args.rows, "rows_updated": 0, "rows_unchanged": 0, "rows_rejected": 0},
        "update": {
            "rows_new": 0,
            "rows_updated": args.rows // 100,
            "rows_unchanged": args.rows - args.rows // 100,
            "rows_rejected": 0,
        },
    }
    table = []
    for name, step in steps.items():
        row = {
            "step": name,
            "seconds": round(step["seconds"], 2),
            "peak_rss_mb": round(step["peak_rss_mb"], 1),
            "ratio_to_raw": round(step["seconds"] / base, 2),
            "process_seconds": round(step["process_wall_seconds"], 2),
            "process_ratio_to_raw": round(step["process_wall_seconds"] / base_process, 2),
            "cpu_seconds": round(step["user_cpu_seconds"] + step["system_cpu_seconds"], 1),
        }
        if name in expected:
            got = step["result"]
            counts_ok = got["status"] == "imported" and all(got[k] == v for k, v in expected[name].items())
            row.update(
                status=got["status"],
                counts={k: got[k] for k in expected[name]},
                counts_ok=counts_ok,
                goal_ratio=GOAL_RATIO[name],
                within_goal_ratio=row["process_ratio_to_raw"] <= GOAL_RATIO[name],
                peak_under_1gb=step["peak_rss_mb"] < GOAL_RSS_MB,
            )
        table.append(row)

    print()
    print(
        f"{'step':<14}{'process s':>10}{'x raw':>7}{'in-child s':>11}{'x raw':>7}{'peak RSS MB':>13}{'cpu s':>7}"
        f"  goals (process x raw; peak < {GOAL_RSS_MB:.0f} MB), counts"
    )
    for row in table:
        goals = ""
        if "counts_ok" in row:
            goals = (
                f"{row['process_ratio_to_raw']:.2f}x <= {row['goal_ratio']:g}x "
                f"{'PASS' if row['within_goal_ratio'] else 'FAIL'} / "
                f"{row['peak_rss_mb']:.0f} MB {'PASS' if row['peak_under_1gb'] else 'FAIL'}"
                f", {row['status']} {row['counts']}{'' if row['counts_ok'] else ' UNEXPECTED'}"
            )
        print(
            f"{row['step']:<14}{row['process_seconds']:>10.2f}{row['process_ratio_to_raw']:>7.2f}{row['seconds']:>11.2f}"
            f"{row['ratio_to_raw']:>7.2f}{row['peak_rss_mb']:>13.1f}{row['cpu_seconds']:>7.1f}  {goals}"
        )
    for name in ("import", "update"):
        if steps[name]["result"]["status"] != "imported":
            print(f"\n{name}: {steps[name]['result']['status']}: {steps[name]['result']['error']}")
    cap = steps["import"]["size_cap"]
    if cap["over_cap"]:
        lifted = (
            "lifted in the child to measure the import" if cap.get("cap_lifted_in_child") else "kept (--keep-size-cap)"
        )
        print(
            f"\nnote: the file ({cap['bytes'] / 1e6:.0f} MB) is over MAX_FILE_BYTES ({cap['max_file_bytes'] / 1e6:.0f} MB);"
            f" as shipped, import_paths refuses it. The cap was {lifted}."
        )
    for name in ("import", "update"):
        print(f"\nwhere '{name}' spends its time (SQL statements and Python steps, summed):")
        for entry in _breakdown(steps[name]):
            print(f"  {entry['seconds']:7.2f} s  x{entry['count']:<3} {entry['label']}")
        if args.duckdb_profile:
            print("  slowest operators of the slowest statements (DuckDB profile; CPU seconds over all threads):")
            slow = sorted((s for s in steps[name]["statements"] if s.get("operators")), key=lambda s: -s["seconds"])
            for statement in slow[:5]:
                d = statement.get("duckdb") or {}
                mb = lambda key, d=d: (d.get(key) or 0) / 1e6  # noqa: E731
                print(
                    f"    {statement['seconds']:.2f} s {statement['label'][:90]}\n"
                    f"        (DuckDB: latency {d.get('latency') or 0:.2f} s, cpu {d.get('cpu_time') or 0:.2f} s, "
                    f"blocked {d.get('blocked_thread_time') or 0:.2f} s, buffer peak {mb('system_peak_buffer_memory'):.0f} MB, "
                    f"written {mb('total_bytes_written'):.0f} MB)"
                )
                for op in statement["operators"][:4]:
                    print(f"        {op['seconds']:7.2f} s {op['operator']:<22} rows={op['rows']} {op['detail'][:90]}")
    print(f"\nstore after both imports: {store_mb:.0f} MB")

    results = {
        "when": datetime.now().isoformat(timespec="seconds"),
        "rows": args.rows,
        "exports": {"first": str(first), "later": str(later), **meta},
        "goals": {"max_process_ratio_to_raw": GOAL_RATIO, "max_peak_rss_mb": GOAL_RSS_MB},
        "baseline": "raw_file_db",
        "table": table,
        "breakdown": {name: _breakdown(steps[name], top=50) for name in ("import", "update")},
        "store_mb": store_mb,
        "steps": steps,
        "code": _code_state(),
        "machine": {
            "load_average_after": os.getloadavg(),
            "cpus": os.cpu_count(),
            "python": sys.version.split()[0],
            "duckdb": __import__("duckdb").__version__,
        },
    }
    results["ingest_module"] = steps["import"].get("ingest_module")
    results_path.write_text(json.dumps(results, indent=1, default=str))
    print(f"written {results_path}")
    judged = [row for row in table if "counts_ok" in row]
    if not all(row["counts_ok"] and row["within_goal_ratio"] and row["peak_under_1gb"] for row in judged):
        raise SystemExit(1)


if __name__ == "__main__":
    main()
