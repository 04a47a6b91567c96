"""The pages run without error on the sample data and on an empty store, and uploads work (AppTest)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from impact.store.connection import open_store
from impact.store.sample import SAMPLE_DIR

APP = str(Path(__file__).resolve().parent.parent / "app.py")
X_CONTENT = SAMPLE_DIR / "pune-education-trust" / "account_analytics_content_2026-06-01_2026-11-25.csv"


@pytest.fixture
def store_copy(sample_store: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "impact.duckdb"
    shutil.copy(sample_store, path)
    monkeypatch.setenv("IMPACT_DB", str(path))
    return path


def app() -> AppTest:
    return AppTest.from_file(APP, default_timeout=60)


def metric(at: AppTest, label: str) -> str:
    return next(m.value for m in at.metric if m.label == label)


def test_overview_on_sample_data(store_copy: Path) -> None:
    at = app().run()
    assert not at.exception
    assert at.sidebar.selectbox[0].value == "Brahmaputra Flood Relief Network"
    with open_store(store_copy) as con:
        expected = con.execute(
            """SELECT count(*) FROM post p JOIN organisation o ON o.id = p.organisation_id
               WHERE o.name = 'Brahmaputra Flood Relief Network' AND p.published_at >= DATE '2025-11-26'"""
        ).fetchone()[0]
    assert metric(at, "Posts") == f"{expected:,}"
    assert metric(at, "Engagement rate").endswith("%")
    assert any("What these figures mean" in e.label for e in at.expander)


def test_overview_follows_the_organisation_and_platform_filters(store_copy: Path) -> None:
    # AppTest re-runs only the page after the first run, so the sidebar's widgets are set up front.
    with open_store(store_copy) as con:
        org_id = con.execute("SELECT id FROM organisation WHERE name = 'Pune Education Trust'").fetchone()[0]
    at = app()
    at.session_state["organisation"] = "Pune Education Trust"
    at.session_state["platforms_available"] = (org_id, ["facebook", "instagram", "x", "youtube"])
    at.session_state["platforms"] = ["x"]
    at.run()
    assert not at.exception
    with open_store(store_copy) as con:
        expected = con.execute(
            """SELECT count(*) FROM post p JOIN organisation o ON o.id = p.organisation_id
               WHERE o.name = 'Pune Education Trust' AND p.platform = 'x' AND p.published_at >= DATE '2025-11-26'"""
        ).fetchone()[0]
    assert metric(at, "Posts") == f"{expected:,}"
    # X gives follows and unfollows per day, so a follower change is shown, with a sign.
    assert metric(at, "Follower change").startswith("+")


def test_overview_on_an_empty_store_says_what_to_do(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("IMPACT_DB", str(tmp_path / "empty.duckdb"))
    at = app().run()
    assert not at.exception
    assert "no data yet" in at.info[0].value.lower()


def test_upload_imports_a_file_and_reimport_is_skipped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "upload.duckdb"
    monkeypatch.setenv("IMPACT_DB", str(db))
    at = app()
    at.switch_page("pages/upload/upload.py")
    at.run()
    at.text_input[0].set_value("Pune Education Trust")
    at.file_uploader[0].set_value((X_CONTENT.name, X_CONTENT.read_bytes(), "text/csv")).run()
    assert not at.exception
    assert any("X post analytics" in c.value for c in at.caption)
    at.button[0].click().run()
    assert not at.exception
    assert "119 new" in at.success[0].value  # 120 rows, one is X's junk 'status/undefined' row
    with open_store(db) as con:
        assert con.execute("SELECT count(*) FROM post").fetchone()[0] == 119
    # The uploader is empty again after an import; the same bytes again: skipped, nothing counted twice.
    assert at.file_uploader[0].value in (None, [])
    at.file_uploader[0].set_value((X_CONTENT.name, X_CONTENT.read_bytes(), "text/csv")).run()
    at.button[0].click().run()
    assert "already imported" in at.info[0].value
    with open_store(db) as con:
        assert con.execute("SELECT count(*) FROM post").fetchone()[0] == 119


def test_upload_rejects_a_renamed_binary_with_a_clear_message(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("IMPACT_DB", str(tmp_path / "bad.duckdb"))
    at = app()
    at.switch_page("pages/upload/upload.py")
    at.run()
    at.file_uploader[0].set_value(("tweets.csv", b"\x89PNG\r\n\x1a\n" + bytes(200), "text/csv")).run()
    assert not at.exception
    assert at.error[0].value.startswith("tweets\\.csv\\: this is a PNG image")
    at.button[0].click().run()
    assert "rejected" in at.error[-1].value


def test_file_names_and_headers_cannot_inject_markdown(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("IMPACT_DB", str(tmp_path / "md.duckdb"))
    at = app()
    at.switch_page("pages/upload/upload.py")
    at.run()
    hostile = b"[click](javascript:alert(1)),<img src=x onerror=alert(1)>\n1,2\n"
    at.file_uploader[0].set_value(("![x](http://evil.example/a.png).csv", hostile, "text/csv")).run()
    message = at.error[0].value
    assert "\\!\\[x\\]\\(http\\://evil" in message  # shown as typed, not as an image
    assert "\\[click\\]\\(javascript\\:" in message and "\\<img" in message


def test_upload_page_undo(store_copy: Path) -> None:
    at = app()
    at.switch_page("pages/upload/upload.py")
    at.run()
    with open_store(store_copy) as con:
        before = con.execute("SELECT count(*) FROM post").fetchone()[0]
        batch, rows = con.execute(
            """SELECT b.id, b.rows_new FROM import_batch b JOIN organisation o ON o.id = b.organisation_id
               WHERE o.name = 'Brahmaputra Flood Relief Network' AND b.connector = 'meta_instagram_posts'"""
        ).fetchone()
    undo_box = next(s for s in at.selectbox if s.label == "Undo an import")
    undo_box.select(batch)
    at.checkbox[0].check()
    at.button[-1].click().run()
    assert not at.exception
    with open_store(store_copy) as con:
        assert con.execute("SELECT count(*) FROM post").fetchone()[0] == before - rows
        assert con.execute("SELECT status FROM import_batch WHERE id = ?", [batch]).fetchone()[0] == "undone"
