"""What an import could cost at best: one INSERT from DuckDB's CSV reader straight into a table shaped like
post_observation, against the raw read (`read_csv` into a table), on the bench's legacy X export.

Run by hand after bench_import.py has made its export (bench/out/exports-<rows>/):

    .venv/bin/python bench/import_floor.py                # 1,000,000 rows
    .venv/bin/python bench/import_floor.py --rows 100000

Each variant runs in its own process (a fresh temp-file database) and ends with a CHECKPOINT. The raw read
runs with DuckDB's defaults, as bench_import.py's baseline does; the writes under the product's memory cap
(impact.store.connection.DEFAULT_MEMORY_LIMIT), as the import does. The variants:

- `raw`: CREATE TABLE AS SELECT * FROM read_csv(path), auto-detected types (the issue's baseline);
- `one_write`: the columns the X connector maps, trimmed and typed as the import's staging does (the
  'no value' tokens such as "-" are NULL), and the unmapped columns' non-empty cells as one JSON text
  (`extra`, the staging's own expression shape), written once;
- `one_write_without_extra`: the same without `extra`, to show what the JSON costs;
- `typed_one_write`: the best a write-once import could do. DuckDB's reader types the counts itself (its
  `nullstr` for the 'no value' tokens, kept off the text columns with `force_not_null`), so no cell is
  trimmed or cast in SQL but the unmapped ones; each post's hashtags are computed, as the current rows
  need them; `extra` as in `one_write`. Written once, into a table shaped like `post`;
- `typed_one_write_without_extra`: the same without `extra`.

It answers one question for the import's design (issue 18): can a 1M-row import reach 1.2x the raw
read? It leaves out the import's checks (bad values explained per row), the duplicate-key numbering,
the account lookup and the current rows, so it is a floor, not an import.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import duckdb

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from impact.definitions.sql import hashtags_of  # noqa: E402
from impact.store.connection import DEFAULT_MEMORY_LIMIT  # noqa: E402

OUT = Path(__file__).resolve().parent / "out"
NULL_TOKENS = ["", "-", "--", "undefined", "n/a", "N/A", "null", "NULL", "NAN", "NaN", "nan"]  # staging's
MAPPED_TEXT = {"post_id": "Tweet id", "url": "Tweet permalink", "text": "Tweet text"}
MAPPED_COUNTS = {
    "impressions": "impressions",
    "engagements": "engagements",
    "likes": "likes",
    "comments": "replies",
    "shares": "retweets",
    "clicks": "url clicks",
    "video_views": "media views",
}
VARIANTS = ("raw", "one_write", "one_write_without_extra", "typed_one_write", "typed_one_write_without_extra")
TYPED_NULL_TOKENS = [t for t in NULL_TOKENS if t]  # the reader's empty cell is NULL already


def quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def literal(text: str) -> str:
    """A constant of this script (a header name from the bench's own export) as an SQL string."""
    return "'" + text.replace("'", "''") + "'"


def cell(name: str) -> str:
    """The staging's value of a cell: trimmed, NULL when empty or a 'no value' token."""
    tokens = ", ".join(literal(t) for t in NULL_TOKENS)
    return f"CASE WHEN list_contains([{tokens}], TRIM({quoted(name)})) THEN NULL ELSE TRIM({quoted(name)}) END"


def one_write_sql(header: list[str], with_extra: bool) -> str:
    mapped = {*MAPPED_TEXT.values(), *MAPPED_COUNTS.values(), "time"}
    unmapped = [h for h in header if h not in mapped]
    counts = ", ".join(f"CAST(round(TRY_CAST({cell(c)} AS DOUBLE)) AS BIGINT)" for c in MAPPED_COUNTS.values())
    pairs = ", ".join(
        f"CASE WHEN {cell(h)} IS NOT NULL THEN to_json({literal(h)}) || ':' || to_json({cell(h)}) END" for h in unmapped
    )
    extra = f"'{{' || concat_ws(',', {pairs}) || '}}'" if with_extra else "NULL"
    texts = ", ".join(cell(c) for c in MAPPED_TEXT.values())
    return f"""INSERT INTO obs SELECT 1, TIMESTAMP '2017-01-01', 1, 'x', 1, {texts},
                   CAST(try_strptime({cell("time")}, '%Y-%m-%d %H:%M %z') AS TIMESTAMP), {counts}, {extra}, NULL
               FROM read_csv($path, header = true, all_varchar = true)"""


def typed_one_write_sql(header: list[str], with_extra: bool) -> str:
    """The reader types the mapped counts (a cell it cannot read fails the statement: a real import would
    then fall back to the staging's checks); text columns are kept as written, trimmed."""
    mapped = {*MAPPED_TEXT.values(), *MAPPED_COUNTS.values(), "time"}
    unmapped = [h for h in header if h not in mapped]
    texts = [*MAPPED_TEXT.values(), "time"]
    columns = ", ".join(
        f"{literal(h)}: {literal('DOUBLE' if h in MAPPED_COUNTS.values() else 'VARCHAR')}" for h in header
    )
    counts = ", ".join(f"CAST(round({quoted(c)}) AS BIGINT)" for c in MAPPED_COUNTS.values())
    trimmed = {h: f"NULLIF(TRIM({quoted(h)}), '')" for h in header}
    pairs = ", ".join(
        f"CASE WHEN {trimmed[h]} IS NOT NULL THEN {literal(json.dumps(h))} || ':' || to_json({trimmed[h]}) END"
        for h in unmapped
    )
    extra = f"'{{' || concat_ws(',', {pairs}) || '}}'" if with_extra else "NULL"
    text = ", ".join(trimmed[c] for c in MAPPED_TEXT.values())
    return f"""INSERT INTO obs SELECT 1, TIMESTAMP '2017-01-01', 1, 'x', 1, {text},
                   CAST(strptime({trimmed["time"]}, '%Y-%m-%d %H:%M %z') AS TIMESTAMP), {counts}, {extra},
                   {hashtags_of(trimmed["Tweet text"])}
               FROM read_csv($path, header = true, auto_detect = false, columns = {{{columns}}},
                             nullstr = [{", ".join(literal(t) for t in TYPED_NULL_TOKENS)}],
                             force_not_null = [{", ".join(literal(t) for t in texts)}],
                             delim = ',', quote = '"', escape = '"')"""


def child(variant: str, path: Path) -> dict[str, object]:
    folder = tempfile.mkdtemp(prefix="impact-floor-")
    # The raw read as bench_import.py runs it (DuckDB's defaults); the writes under the product's memory cap.
    config = {} if variant == "raw" else {"memory_limit": DEFAULT_MEMORY_LIMIT}
    con = duckdb.connect(os.path.join(folder, "floor.duckdb"), config=config)
    started = time.perf_counter()
    if variant == "raw":
        con.execute("CREATE TABLE raw AS SELECT * FROM read_csv($path)", {"path": str(path)})
    else:
        header = [r[0] for r in con.execute("DESCRIBE SELECT * FROM read_csv($path)", {"path": str(path)}).fetchall()]
        counts = ", ".join(f"{c} BIGINT" for c in MAPPED_COUNTS)
        con.execute(
            f"""CREATE TABLE obs (batch_id INTEGER, as_of TIMESTAMP, organisation_id INTEGER, platform VARCHAR,
                                  account_id INTEGER, post_id VARCHAR, url VARCHAR, text VARCHAR,
                                  published_at TIMESTAMP, {counts}, extra VARCHAR, hashtags VARCHAR[])"""
        )
        if variant.startswith("typed"):
            con.execute(typed_one_write_sql(header, variant == "typed_one_write"), {"path": str(path)})
        else:
            con.execute(one_write_sql(header, variant == "one_write"), {"path": str(path)})
    con.execute("CHECKPOINT")
    seconds = time.perf_counter() - started
    rows = con.execute("SELECT count(*) FROM " + ("raw" if variant == "raw" else "obs")).fetchone()[0]  # type: ignore[index]
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return {
        "variant": variant,
        "seconds": round(seconds, 2),
        "cpu_seconds": round(usage.ru_utime + usage.ru_stime, 2),
        "peak_rss_mb": round(usage.ru_maxrss / 1024),
        "rows": rows,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--child", choices=VARIANTS, help=argparse.SUPPRESS)
    args = parser.parse_args()
    folder = OUT / f"exports-{args.rows}"
    exports = sorted(folder.glob("tweet_activity_metrics_*_20170101_en.csv"))
    if not exports:
        sys.exit(f"No export in {folder}: run bench/bench_import.py --rows {args.rows} first.")
    if args.child:
        print(json.dumps(child(args.child, exports[0])))
        return
    results = []
    for variant in VARIANTS:
        run = subprocess.run(
            [sys.executable, __file__, "--rows", str(args.rows), "--child", variant],
            capture_output=True,
            text=True,
            check=True,
        )
        results.append(json.loads(run.stdout))
    raw = results[0]["seconds"]
    print(f"{'variant':<30} {'seconds':>8} {'x raw':>6} {'cpu s':>6} {'peak MB':>8}")
    for r in results:
        ratio = r["seconds"] / raw
        print(f"{r['variant']:<30} {r['seconds']:8.2f} {ratio:6.2f} {r['cpu_seconds']:6.1f} {r['peak_rss_mb']:8}")
    (OUT / f"import-floor-{args.rows}.json").write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
