"""The command line, run as people run it: python -m impact ... in a separate process."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

from connectors import known_formats
from impact.store.connection import open_store
from impact.store.ingest import import_paths

REPO = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures"
X_CONTENT = FIXTURES / "x" / "account_analytics_content_2026-07-06_2026-08-02.csv"
X_OLDER = FIXTURES / "x" / "overlap" / "account_analytics_content_2026-06-01_2026-07-31.csv"
X_OVERVIEW = FIXTURES / "x" / "account_overview_analytics.csv"
UNKNOWN = FIXTURES / "broken" / "unknown_columns.csv"
NOT_RECOGNISED = (
    f"{UNKNOWN.name}: not an export this product recognises (its first columns are 'Order number', 'Customer', "
    f"'Total', 'Currency'). Known formats: {known_formats()}. If it is a table of your own (site stats, a donation "
    "form), map its columns once on the Upload page (or with `python -m impact map`), and files like it will import."
)
RESULT_KEYS = {
    "file",
    "status",
    "connector",
    "platform",
    "rows_new",
    "rows_updated",
    "rows_unchanged",
    "rows_rejected",
    "error",
    "batch_id",  # what `undo` takes
}


def run_cli(*args: object, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if k != "IMPACT_DB"}
    environment.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "impact", *map(str, args)],
        cwd=REPO,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_import_prints_one_json_object_per_file_and_exits_0(db_path):
    done = run_cli("import", X_CONTENT, X_OVERVIEW, "--org", "Clean River Trust", "--db", db_path, "--json")

    assert done.returncode == 0, done.stderr
    results = json.loads(done.stdout)
    assert [set(r) for r in results] == [RESULT_KEYS, RESULT_KEYS]
    content, overview = results
    assert {k: content[k] for k in RESULT_KEYS - {"batch_id"}} == {
        "file": X_CONTENT.name,
        "status": "imported",
        "connector": "x_account_analytics_content",
        "platform": "x",
        "rows_new": 4,
        "rows_updated": 0,
        "rows_unchanged": 0,
        "rows_rejected": 0,
        "error": None,
    }
    assert (overview["connector"], overview["rows_new"], overview["status"]) == ("x_account_overview", 4, "imported")
    assert (content["batch_id"], overview["batch_id"]) == (1, 2)  # a fresh store: its first two batches

    # Options before the paths this time. Already imported: skipped, which is no failure.
    again = run_cli("import", "--json", "--db", db_path, "--org", "Clean River Trust", X_OVERVIEW)
    assert again.returncode == 0, again.stderr
    [skipped] = json.loads(again.stdout)
    assert (skipped["status"], skipped["rows_new"], skipped["batch_id"]) == ("skipped", 0, None)
    assert re.fullmatch(
        re.escape(f"{X_OVERVIEW.name}: this exact file was already imported on ")
        + r"\d\d [A-Z][a-z]{2} \d{4} \d\d:\d\d"  # when the first import ran
        + re.escape(" (batch 2); nothing changed."),
        skipped["error"],
    )


def test_import_exits_1_when_any_file_is_rejected(db_path):
    done = run_cli("import", "--org", "Clean River Trust", UNKNOWN, "--db", db_path, X_OVERVIEW, "--json")

    assert done.returncode == 1
    rejected, imported = json.loads(done.stdout)
    assert (rejected["file"], rejected["status"], rejected["connector"], rejected["platform"]) == (
        UNKNOWN.name,
        "rejected",
        None,
        None,
    )
    assert rejected["error"] == NOT_RECOGNISED
    assert (imported["status"], imported["rows_new"]) == ("imported", 4)

    # Without --json: one line per file, naming it and what happened.
    plain = run_cli("import", UNKNOWN, "--db", db_path)
    assert plain.returncode == 1
    assert plain.stdout == f"{UNKNOWN.name}: rejected: {NOT_RECOGNISED}\n"


def test_the_database_defaults_to_IMPACT_DB(tmp_path):
    store = tmp_path / "from-env" / "impact.duckdb"

    done = run_cli("import", X_OVERVIEW, "--org", "Clean River Trust", env={"IMPACT_DB": str(store)})

    assert done.returncode == 0, done.stderr
    assert not (REPO / "data" / "from-env").exists()
    with open_store(store) as con:
        assert con.execute("SELECT count(*) FROM account_day").fetchone() == (4,)


def test_summary_prints_one_json_object_per_organisation(db_path):
    with open_store(db_path) as con:
        import_paths(
            con,
            [
                X_CONTENT,
                X_OVERVIEW,
                FIXTURES / "youtube" / "Table data.csv",
                FIXTURES / "facebook" / "Jan-01-2024_Dec-31-2024_1509169891251840.csv",
            ],
            "Clean River Trust",
        )
        import_paths(con, [FIXTURES / "instagram" / "Jan-01-2024_Dec-31-2024_4588672571364735.csv"], "River Kids")

    done = run_cli("summary", "--db", db_path, "--json")

    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert len(lines) == 2
    river, kids = map(json.loads, lines)
    # null, not 0, where the data cannot give a figure: X has no reach, no export here states a
    # follower total, and only X has a daily export (days).
    assert river == {
        "organisation": "Clean River Trust",
        "platforms": {
            "facebook": {
                "posts": 3,
                "impressions": 2210 + 7840 + 905,
                "reach": 1450 + 5020 + 610,
                "engagements": 87 + 301 + 12,
                "video_views": 3900,
                "days": None,
                "followers": None,
            },
            "x": {
                "posts": 4,
                "impressions": 1520 + 2045 + 880 + 310,
                "reach": None,
                "engagements": 95 + 150 + 41 + 9,
                "video_views": None,
                "days": 4,
                "followers": None,
            },
            "youtube": {
                "posts": 3,
                "impressions": 5210 + 4100 + 490,
                "reach": None,
                "engagements": None,
                "video_views": 905 + 700 + 25,
                "days": None,
                "followers": None,
            },
        },
        "donations": [],
        "time": {"entries": 0, "minutes": 0},
        "mentions": {"items": 0, "sources": 0},
    }
    assert kids == {
        "organisation": "River Kids",
        "platforms": {
            "instagram": {
                "posts": 3,
                "impressions": 1310 + 9050 + 455,
                "reach": 820 + 4100 + 300,
                "engagements": (96 + 7 + 4 + 11) + (388 + 23 + 52 + 40) + (41 + 5 + 0 + 2),
                "video_views": None,
                "days": None,
                "followers": None,
            }
        },
        "donations": [],
        "time": {"entries": 0, "minutes": 0},
        "mentions": {"items": 0, "sources": 0},
    }

    one = run_cli("summary", "--org", "River Kids", "--json", "--db", db_path)
    assert one.returncode == 0, one.stderr
    assert [json.loads(line) for line in one.stdout.splitlines()] == [kids]

    unknown = run_cli("summary", "--org", "Nobody", "--db", db_path, "--json")
    assert unknown.returncode == 1
    assert (unknown.stderr, unknown.stdout) == ("No organisation called 'Nobody'.\n", "")


def test_undo_a_batch(db_path):
    with open_store(db_path) as con:
        [older] = import_paths(con, [X_OLDER], "Clean River Trust")
        [newer] = import_paths(con, [X_CONTENT], "Clean River Trust")

    done = run_cli("undo", newer.batch_id, "--db", db_path, "--json")

    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == {"batch": newer.batch_id, "status": "undone"}
    with open_store(db_path) as con:
        # Back to the older export: 3 posts, the post in both at its older figure (1500).
        assert con.execute("SELECT count(*), sum(impressions) FROM post").fetchone() == (3, 640 + 880 + 1500)
    again = run_cli("undo", newer.batch_id, "--db", db_path)
    assert again.returncode == 1
    assert (older.batch_id, newer.batch_id) == (1, 2)
    assert again.stderr == f"Batch 2 ({X_CONTENT.name}) was already undone.\n"


def test_import_waits_while_another_process_holds_the_database(db_path):
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time\n"
            "from impact.store.connection import connect\n"
            "con = connect(sys.argv[1])\n"
            "print('holding', flush=True)\n"
            "time.sleep(2)\n"
            "con.close()\n",
            str(db_path),
        ],
        cwd=REPO,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "holding"
        assert holder.poll() is None  # the other process holds the file as the import starts
        started = time.monotonic()

        done = run_cli("import", X_OVERVIEW, "--org", "Clean River Trust", "--db", db_path, "--json")

        waited = time.monotonic() - started
        assert done.returncode == 0, done.stderr
        assert json.loads(done.stdout)[0]["rows_new"] == 4
        assert holder.wait(timeout=10) == 0
        assert waited < 30  # it waited for the lock, well within connect()'s patience
    finally:
        if holder.poll() is None:
            holder.kill()
