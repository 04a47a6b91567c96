"""The pages run without error on the sample data and on an empty store, and uploads work (AppTest)."""

from __future__ import annotations

import csv
import re
from datetime import date
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from connectors import known_formats
from impact.sample import SAMPLE_DIR
from impact.store.connection import open_store
from impact.store.ingest import import_paths
from pages.ui import plain

APP = str(Path(__file__).resolve().parent.parent / "app.py")
X_CONTENT = SAMPLE_DIR / "pune-education-trust" / "account_analytics_content_2026-06-01_2026-11-25.csv"


def app() -> AppTest:
    return AppTest.from_file(APP, default_timeout=60)


def metric(at: AppTest, label: str) -> str:
    return next(m.value for m in at.metric if m.label == label)


def test_overview_on_sample_data(sample_copy: Path) -> None:
    at = app().run()
    assert not at.exception
    assert at.sidebar.selectbox[0].value == "Brahmaputra Flood Relief Network"
    # The last 12 months hold its whole year (sample_data/README.md): 230 posts on X, 178 on Facebook, 107 on
    # Instagram, 23 on its blog, and 34 YouTube videos published in the period; X's follows less unfollows, +1,102
    # (Meta's Follows.csv has no unfollows, so Facebook adds no net change). Every post but the blog's reports
    # impressions and engagements (a feed has no counts), so the rate is 74,314 / 2,416,851.
    assert {m.label: m.value for m in at.metric} == {
        "Posts": "572",
        "Impressions": "2,416,851",
        "Engagements": "74,314",
        "Engagement rate": "3.07%",
        "Follower change": "+1,102",
    }
    assert "What these figures mean" in [e.label for e in at.expander]


def test_overview_follows_the_organisation_and_platform_filters(sample_copy: Path) -> None:
    # AppTest re-runs only the page after the first run, so the sidebar's widgets are set up front.
    with open_store(sample_copy) as con:
        org_id = con.execute("SELECT id FROM organisation WHERE name = 'Pune Education Trust'").fetchone()[0]
    at = app()
    at.session_state["organisation"] = "Pune Education Trust"
    at.session_state["platforms_available"] = (org_id, ["blog", "facebook", "instagram", "x", "youtube"])
    at.session_state["platforms"] = ["x"]
    at.run()
    assert not at.exception
    # Pune's X posts, month by month in sample_data/README.md: 18 + 17 + 17 + 27 + 18 + 19 + 38 + 19 + 20 + 19
    # + 4 + 19. X gives follows and unfollows per day: +1,035 − 465.
    assert metric(at, "Posts") == "235"
    assert metric(at, "Follower change") == "+570"


def test_overview_on_an_empty_store_says_what_to_do(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("IMPACT_DB", str(tmp_path / "empty.duckdb"))
    at = app().run()
    assert not at.exception
    assert [i.value for i in at.info] == [
        "There is no data yet. Go to **Upload** and add the exports you downloaded from your platforms.",
        "No data yet. Upload exports on the Upload page.",  # the sidebar's
    ]


def test_upload_imports_a_file_and_reimport_is_skipped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "upload.duckdb"
    monkeypatch.setenv("IMPACT_DB", str(db))
    at = app()
    at.switch_page("pages/upload/upload.py")
    at.run()
    at.text_input[0].set_value("Pune Education Trust")
    at.file_uploader[0].set_value((X_CONTENT.name, X_CONTENT.read_bytes(), "text/csv")).run()
    assert not at.exception
    name = "account\\_analytics\\_content\\_2026\\-06\\-01\\_2026\\-11\\-25\\.csv"  # as Markdown shows it
    assert [c.value for c in at.caption] == [
        "X post analytics, x\\.com 'Content' export \\(2024\\+\\) · platform: x",
        "Engagements: X's own total\\: every click, like, repost, reply, bookmark and expand on the post\\.",
    ]
    at.button[0].click().run()
    assert not at.exception
    # 120 rows, one is X's junk 'status/undefined' row.
    assert [s.value for s in at.success] == [
        f"**{name}** — imported as X post analytics, x\\.com 'Content' export \\(2024\\+\\) "
        "\\(119 new, 0 updated, 0 unchanged\\)"
    ]
    with open_store(db) as con:
        assert con.execute("SELECT count(*) FROM post").fetchone()[0] == 119
    # The uploader is empty again after an import; the same bytes again: skipped, nothing counted twice.
    assert at.file_uploader[0].value == []
    at.file_uploader[0].set_value((X_CONTENT.name, X_CONTENT.read_bytes(), "text/csv")).run()
    at.button[0].click().run()
    (skipped,) = [i.value for i in at.info]
    assert re.fullmatch(
        re.escape(f"**{name}** — skipped\\: this exact file was already imported on ")
        + r"\d\d [A-Z][a-z]{2} \d{4} \d\d\\:\d\d"  # the time of the first import
        + re.escape(" \\(batch 1\\); nothing changed\\."),
        skipped,
    )
    with open_store(db) as con:
        assert con.execute("SELECT count(*) FROM post").fetchone()[0] == 119


def test_upload_rejects_a_renamed_binary_with_a_clear_message(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("IMPACT_DB", str(tmp_path / "bad.duckdb"))
    at = app()
    at.switch_page("pages/upload/upload.py")
    at.run()
    at.file_uploader[0].set_value(("tweets.csv", b"\x89PNG\r\n\x1a\n" + bytes(200), "text/csv")).run()
    assert not at.exception
    assert [e.value for e in at.error] == ["tweets\\.csv\\: this is a PNG image, not a data export\\."]
    at.button[0].click().run()
    # The uploader is emptied by the import: only its result is left.
    assert [e.value for e in at.error] == ["**tweets\\.csv** — rejected\\: this is a PNG image, not a data export\\."]


def test_file_names_and_headers_cannot_inject_markdown(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("IMPACT_DB", str(tmp_path / "md.duckdb"))
    at = app()
    at.switch_page("pages/upload/upload.py")
    at.run()
    hostile = b"[click](javascript:alert(1)),<img src=x onerror=alert(1)>\n1,2\n"
    at.file_uploader[0].set_value(("![x](http://evil.example/a.png).csv", hostile, "text/csv")).run()
    (message,) = [e.value for e in at.error]
    # The file's name and its header cells are shown as typed: no image, no link, no tag.
    assert message == (
        "\\!\\[x\\]\\(http\\://evil\\.example/a\\.png\\)\\.csv\\: not an export this product recognises "
        "\\(its first columns are '\\[click\\]\\(javascript\\:alert\\(1\\)\\)', '\\<img src=x onerror=alert\\(1\\)\\>'\\)\\. "
        f"Known formats\\: {plain(known_formats())}\\. If it is a table of your own \\(site stats, a donation form\\), "
        "map its columns once on the Upload page \\(or with \\`python \\-m impact map\\`\\), and files like it will import\\."
    )


def test_upload_page_undo(sample_copy: Path) -> None:
    at = app()
    at.switch_page("pages/upload/upload.py")
    at.run()
    with open_store(sample_copy) as con:
        (batch,) = con.execute(
            """SELECT b.id FROM import_batch b JOIN organisation o ON o.id = b.organisation_id
               WHERE o.name = 'Brahmaputra Flood Relief Network' AND b.connector = 'meta_instagram_posts'"""
        ).fetchone()
    undo_box = next(s for s in at.selectbox if s.label == "Undo an import")
    undo_box.select(batch)
    at.checkbox[0].check()
    at.button[-1].click().run()
    assert not at.exception
    # Brahmaputra's Instagram export (its Meta Business Suite file with a 16-digit id), named as typed.
    assert [s.value for s in at.success] == [
        f"Undid batch {batch} \\(Dec\\-01\\-2025\\_Nov\\-25\\-2026\\_1330175598402761\\.csv\\)\\."
    ]
    with open_store(sample_copy) as con:
        # Its 107 Instagram posts are gone (sample_data/README.md); the other platforms' posts are all there, its
        # 23 blog posts too.
        assert con.execute(
            """SELECT platform, count(*) FROM post p JOIN organisation o ON o.id = p.organisation_id
               WHERE o.name = 'Brahmaputra Flood Relief Network' GROUP BY ALL ORDER BY ALL"""
        ).fetchall() == [("blog", 23), ("facebook", 178), ("x", 230), ("youtube", 38)]
        assert con.execute("SELECT status FROM import_batch WHERE id = ?", [batch]).fetchone()[0] == "undone"


META_VIEWS = Path(__file__).resolve().parent / "fixtures" / "facebook" / "meta_insights_unnamed" / "Views.csv"
TIKTOK_ES = Path(__file__).resolve().parent / "fixtures" / "tiktok" / "es" / "Overview.csv"


def test_upload_asks_the_platform_of_a_bare_meta_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "meta.duckdb"
    monkeypatch.setenv("IMPACT_DB", str(db))
    at = app()
    at.switch_page("pages/upload/upload.py")
    at.run()
    at.text_input[0].set_value("Clean River Trust")
    at.file_uploader[0].set_value((META_VIEWS.name, META_VIEWS.read_bytes(), "text/csv")).run()
    assert not at.exception
    [question] = [s for s in at.selectbox if s.label == "Platform of Views.csv"]
    assert (question.value, question.options) == (None, ["Facebook", "Instagram"])  # no default: never guessed
    question.select("instagram").run()
    next(b for b in at.button if b.label.startswith("Import 1 file")).click().run()
    assert not at.exception
    assert [s.value for s in at.success] == [
        "**Views\\.csv** — imported as Meta Business Suite page insights \\(Follows\\.csv, Views\\.csv, Visits\\.csv, "
        "\\.\\.\\.\\) \\(3 new, 0 updated, 0 unchanged\\); platform Instagram\\: chosen at import \\('Views' names no "
        "platform\\)"
    ]
    with open_store(db) as con:
        assert con.execute("SELECT platform, count(*), sum(impressions) FROM account_day GROUP BY 1").fetchall() == [
            ("instagram", 3, 1000 + 2500 + 1750)
        ]


def test_upload_says_the_year_of_days_without_one_and_lets_it_change(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "year.duckdb"
    monkeypatch.setenv("IMPACT_DB", str(db))
    monkeypatch.setattr("impact.store.ingest.today", lambda: date(2026, 1, 5))
    at = app()
    at.switch_page("pages/upload/upload.py")
    at.run()
    at.text_input[0].set_value("Clean River Trust")
    at.file_uploader[0].set_value((TIKTOK_ES.name, TIKTOK_ES.read_bytes(), "text/csv")).run()
    assert not at.exception
    assert (
        "dates without a year read as 2025–2026\\: in the file's order, its last day the latest such day not after "
        "the import day, 5 Jan 2026"
    ) in [c.value for c in at.caption]
    [year] = [n for n in at.number_input if n.label == "Year of the last day of Overview.csv"]
    assert year.value == 2026
    year.set_value(2024).run()
    next(b for b in at.button if b.label.startswith("Import 1 file")).click().run()
    assert not at.exception
    [done] = [s.value for s in at.success]
    assert done.endswith(
        "\\(7 new, 0 updated, 0 unchanged\\); dates without a year read as 2023–2024\\: the year chosen at import "
        "for the latest day, 4 Jan 2024"
    )
    with open_store(db) as con:
        assert con.execute("SELECT min(day), max(day), sum(video_views) FROM account_day").fetchone() == (
            date(2023, 12, 29),
            date(2024, 1, 4),
            5900,
        )
        assert (
            con.execute("SELECT message FROM import_batch")
            .fetchone()[0]
            .startswith("dates without a year read as 2023–2024")
        )


def test_overview_says_so_when_every_post_reports_zero_impressions(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A small page's Meta Business Suite export (as the real one in ../shared): every Views cell is 0.
    db = tmp_path / "zero.duckdb"
    monkeypatch.setenv("IMPACT_DB", str(db))
    lines = X_CONTENT.read_text(encoding="utf-8").splitlines()
    header = lines[0].split(",")
    at_impressions = header.index("Impressions")
    zeroed = [lines[0]]
    for line in lines[1:]:
        fields = next(csv.reader([line]))
        fields[at_impressions] = "0"
        zeroed.append(",".join(f'"{f}"' for f in fields))
    export = tmp_path / X_CONTENT.name
    export.write_text("\n".join(zeroed) + "\n", encoding="utf-8")
    with open_store(db) as con:
        [result] = import_paths(con, [export], "Quiet Page")
    assert result.status == "imported", result.error
    at = app().run()
    assert not at.exception
    assert metric(at, "Impressions") == "0"
    assert "The period's posts report 0 impressions every week." in [c.value for c in at.caption]
