"""A store that always opens, and names from files that cannot drive the terminal or the page."""

from __future__ import annotations

import io
import json
import multiprocessing
import re
import zipfile
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from impact.store.connection import open_store
from impact.store.ingest import import_paths
from impact.store.names import shown_name
from tests.test_cli import X_CONTENT, X_OVERVIEW, run_cli

APP = str(Path(__file__).resolve().parents[1] / "app.py")
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def _open_and_count(path: str) -> int:
    with open_store(path) as con:
        return int(con.execute("SELECT count(*) FROM schema_migration").fetchone()[0])


def _tables(path: Path) -> list[str]:
    with open_store(path) as con:
        return [r[0] for r in con.execute("SELECT table_name FROM duckdb_tables() ORDER BY 1").fetchall()]


def test_several_processes_create_one_new_store_at_once(tmp_path: Path) -> None:
    db = tmp_path / "new" / "impact.duckdb"
    context = multiprocessing.get_context("spawn")
    with context.Pool(4) as pool:
        counts = pool.map(_open_and_count, [str(db)] * 4)
    assert len(set(counts)) == 1 and counts[0] > 0
    with open_store(db) as con:
        versions = [r[0] for r in con.execute("SELECT version FROM schema_migration ORDER BY 1").fetchall()]
    assert len(versions) == len(set(versions)) == counts[0]
    # Nothing left over but the store and its lock file: no temporary store, nothing moved aside.
    assert sorted(p.name for p in db.parent.iterdir()) == ["impact.duckdb", "impact.duckdb.lock"]


def test_an_empty_store_file_opens_as_a_fresh_store(tmp_path: Path) -> None:
    db = tmp_path / "impact.duckdb"
    db.touch()
    fresh = tmp_path / "fresh.duckdb"
    assert _tables(db) == _tables(fresh)
    names = sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("impact."))
    assert len(names) == 3
    assert names[0] == "impact.duckdb"
    assert re.fullmatch(r"impact\.duckdb\.broken-\d{8}T\d{6}Z", names[1])
    assert names[2] == "impact.duckdb.lock"
    assert (tmp_path / names[1]).stat().st_size == 0  # moved aside, not deleted


def test_a_garbage_store_file_is_moved_aside_and_a_fresh_store_opens(tmp_path: Path) -> None:
    db = tmp_path / "impact.duckdb"
    db.write_bytes(b"this is not a database\n" * 100)
    assert "schema_migration" in _tables(db)
    broken = [p for p in tmp_path.iterdir() if p.name.startswith("impact.duckdb.broken-")]
    assert len(broken) == 1
    assert re.fullmatch(r"impact\.duckdb\.broken-\d{8}T\d{6}Z", broken[0].name)
    assert broken[0].read_bytes() == b"this is not a database\n" * 100
    # A sound store is left alone the next time.
    assert "schema_migration" in _tables(db)
    assert len([p for p in tmp_path.iterdir() if ".broken-" in p.name]) == 1


def test_shown_name_spells_out_control_characters() -> None:
    assert shown_name("evil\x1b[31m.csv") == "evil\\x1b[31m.csv"
    assert shown_name("a\u202egpj.csv") == "a\\u202egpj.csv"
    assert shown_name("bell\x07\x9b\x00.csv") == "bell\\x07\\x9b\\x00.csv"
    assert shown_name("Café 2026 — ok.csv") == "Café 2026 — ok.csv"


def _hostile_files(folder: Path) -> tuple[Path, Path]:
    archive = folder / "x.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("evil\x1b[31m.csv", X_CONTENT.read_bytes())
    reversed_name = folder / "ov\u202evsc.csv"
    reversed_name.write_bytes(X_OVERVIEW.read_bytes())
    return archive, reversed_name


def test_cli_text_and_json_show_no_control_characters(tmp_path: Path) -> None:
    archive, reversed_name = _hostile_files(tmp_path)
    db = tmp_path / "cli.duckdb"
    done = run_cli("import", archive, reversed_name, "--db", db)
    assert done.returncode == 0, done.stderr
    assert not CONTROL.search(done.stdout)
    assert done.stdout.splitlines() == [
        "x.zip/evil\\x1b[31m.csv: imported as X post analytics, x.com 'Content' export (2024+) "
        "(4 new, 0 updated, 0 unchanged)",
        "ov\\u202evsc.csv: imported as X account analytics, x.com 'Overview' export (2024+) "
        "(4 new, 0 updated, 0 unchanged)",
    ]
    again = run_cli("import", archive, reversed_name, "--db", db, "--json")
    assert not CONTROL.search(again.stdout)
    results = json.loads(again.stdout)
    assert [r["file"] for r in results] == ["x.zip/evil\\x1b[31m.csv", "ov\\u202evsc.csv"]
    assert [r["error"].split(": ", 1)[0] for r in results] == ["x.zip/evil\\x1b[31m.csv", "ov\\u202evsc.csv"]
    assert all(r["status"] == "skipped" for r in results)


def test_import_results_show_no_control_characters(tmp_path: Path) -> None:
    archive, _ = _hostile_files(tmp_path)
    with open_store(tmp_path / "r.duckdb") as con:
        import_paths(con, [archive], "Org")
        [result] = import_paths(con, [archive], "Org")
    assert result.sentence().startswith("skipped: x.zip/evil\\x1b[31m.csv: this exact file was already imported")
    assert result.as_json()["file"] == "x.zip/evil\\x1b[31m.csv"


def test_upload_page_shows_member_names_spelled_out(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("IMPACT_DB", str(tmp_path / "page.duckdb"))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("evil\x1b[31m.csv", X_CONTENT.read_bytes())
    at = AppTest.from_file(APP, default_timeout=60)
    at.switch_page("pages/upload/upload.py")
    at.run()
    at.text_input[0].set_value("Pune Education Trust")
    at.file_uploader[0].set_value(("x.zip", buffer.getvalue(), "application/zip")).run()
    assert not at.exception
    at.button[0].click().run()
    assert not at.exception
    assert [s.value for s in at.success] == [
        "**x\\.zip/evil\\\\x1b\\[31m\\.csv** — imported as X post analytics, x\\.com 'Content' export \\(2024\\+\\) "
        "\\(4 new, 0 updated, 0 unchanged\\)"
    ]


def test_a_file_mixing_crlf_and_lf_imports_like_the_original(tmp_path: Path) -> None:
    lines = X_CONTENT.read_bytes().replace(b"\r\n", b"\n").split(b"\n")
    mixed = b"".join(line + (b"\r\n" if i % 2 else b"\n") for i, line in enumerate(lines[:-1])) + lines[-1]
    assert b"\r\n" in mixed and b"\n\n" not in mixed
    target = tmp_path / X_CONTENT.name
    target.write_bytes(mixed)
    with open_store(tmp_path / "mixed.duckdb") as con:
        [result] = import_paths(con, [target], "Org")
        assert result.sentence() == (
            "imported as X post analytics, x.com 'Content' export (2024+) (4 new, 0 updated, 0 unchanged)"
        )
        assert result.rows_rejected == 0
        assert con.execute("SELECT count(*) FROM post").fetchone()[0] == 4


def test_a_small_totals_file_mixing_crlf_and_lf_imports(tmp_path: Path) -> None:
    target = tmp_path / "Totals.csv"
    target.write_bytes(b"Date,Views\r\n2026-01-01,5\n2026-01-02,6\r\n2026-01-03,7\n2026-01-04,8\r\n")
    with open_store(tmp_path / "t.duckdb") as con:
        [result] = import_paths(con, [target], "Org")
    assert result.sentence() == (
        "imported as YouTube Studio export, Totals.csv (channel views per day) (4 new, 0 updated, 0 unchanged)"
    )


def test_a_stray_quote_counts_every_record_it_swallows(tmp_path: Path) -> None:
    target = tmp_path / "Totals.csv"
    target.write_bytes(b'Date,Views\n2026-01-01,5\n2026-01-02,"6\n2026-01-03,7\n2026-01-04,8\n2026-01-05,9\n')
    with open_store(tmp_path / "q.duckdb") as con:
        [result] = import_paths(con, [target], "Org")
    assert result.sentence() == (
        "imported as YouTube Studio export, Totals.csv (channel views per day) "
        "(1 new, 0 updated, 0 unchanged, 4 rows left out)"
    )
    assert result.rows_rejected == 4
    assert result.rejections == [
        (3, "line has a stray quote character, which runs on over 4 lines: 4 records left out")
    ]


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_byte_order_mark_is_read(tmp_path: Path, codec: str) -> None:
    target = tmp_path / "Totals.csv"
    target.write_bytes("Date,Views\r\n2026-01-01,5\r\n2026-01-02,6\r\n".encode(codec))
    with open_store(tmp_path / "u.duckdb") as con:
        [result] = import_paths(con, [target], "Org")
    assert result.sentence() == (
        "imported as YouTube Studio export, Totals.csv (channel views per day) (2 new, 0 updated, 0 unchanged)"
    )
