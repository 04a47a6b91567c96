"""The real exports in shared/real_exports: single posts and days, field by field, and ids kept as text.

Every expected number was worked out from the files with Python's csv module, not taken from
the importer's output. Each file's connector, row count, totals and second import are in
tests/test_connector_contract.py (its rows marked real). The folder is shared/real_exports next to
the repository: without it these tests are skipped, or fail when CI=true (tests/conftest.py).
"""

from __future__ import annotations

import csv
from datetime import datetime
from pathlib import Path

import duckdb
import pytest

from impact.store.ingest import import_paths

ORG = "Real exports"

REAL_POST_FILES = [
    "twitter__tweet_activity_metrics_rOpenSci_20161201_20170101_en.csv",
    "x__account_analytics_content_2024-11-21_2025-02-19.csv",
    "facebook__insights_post_level_2015-08-19_2016-02-15.csv",
    "facebook__meta_business_suite_posts_Feb-01-2025_Mar-15-2025.csv",
    "youtube__studio_content_Table_data_2025.csv",
]


def import_real(con: duckdb.DuckDBPyConnection, folder: Path, name: str):
    results = import_paths(con, [folder / name], ORG)
    assert len(results) == 1
    return results[0]


def post_row(con: duckdb.DuckDBPyConnection, platform: str, post_id: str) -> dict[str, object]:
    cursor = con.execute(
        """SELECT p.*, a.handle FROM post p JOIN account a ON a.id = p.account_id
           WHERE p.platform = ? AND p.post_id = ?""",
        [platform, post_id],
    )
    rows = cursor.fetchall()
    assert len(rows) == 1, f"{platform} post {post_id}: {len(rows)} rows"
    return dict(zip([d[0] for d in cursor.description], rows[0], strict=True))


def cell(folder: Path, name: str, post_id: str, column: str) -> str:
    """One cell of the file, read with the csv module: the row whose "Post ID" is post_id."""
    with (folder / name).open(encoding="utf-8-sig", newline="") as handle:
        [row] = [r for r in csv.DictReader(handle) if r["Post ID"] == post_id]
    return row[column]


@pytest.mark.parametrize("name", REAL_POST_FILES)
def test_real_export_post_ids_are_text_once_each(db, real_exports, post_key_duplicates, name):
    import_real(db, real_exports, name)

    # Ids are text exactly as exported (18-19 digit ids would lose digits as numbers), without padding.
    assert db.execute("SELECT DISTINCT typeof(post_id) FROM post").fetchall() == [("VARCHAR",)]
    assert db.execute("SELECT count(*) FROM post WHERE post_id <> trim(post_id) OR post_id = ''").fetchone() == (0,)
    assert post_key_duplicates(db) == []


def test_legacy_tweet_activity_figures(db, real_exports):
    import_real(db, real_exports, "twitter__tweet_activity_metrics_rOpenSci_20161201_20170101_en.csv")

    tweet = post_row(db, "x", "812369747765362688")
    assert tweet["published_at"] == datetime(2016, 12, 23, 18, 50)  # "2016-12-23 18:50 +0000", stored as UTC
    assert (tweet["impressions"], tweet["engagements"], tweet["likes"], tweet["shares"], tweet["clicks"]) == (
        1938,
        18,
        1,
        0,
        15,
    )
    assert tweet["reach"] is None  # X gives no reach: never copied from impressions
    assert tweet["url"] == "https://twitter.com/rOpenSci/status/812369747765362688"
    assert tweet["handle"] == "rOpenSci"


def test_x_content_figures_and_snowflake_time(db, real_exports):
    import_real(db, real_exports, "x__account_analytics_content_2024-11-21_2025-02-19.csv")

    first = post_row(db, "x", "1891564128784855141")
    # The Date column says only "Mon Feb 17 2025"; the id's snowflake bits give the time:
    # (1891564128784855141 >> 22) + 1288834974657 ms = 2025-02-17 19:03:26.521 UTC.
    assert first["published_at"] == datetime(2025, 2, 17, 19, 3, 26, 521000)
    assert (first["impressions"], first["likes"], first["engagements"]) == (70, 3, 3)
    second = post_row(db, "x", "1891472667636797659")
    assert second["published_at"] == datetime(2025, 2, 17, 13, 0, 0, 484000)
    assert (second["impressions"], second["likes"], second["engagements"]) == (197, 10, 29)
    assert second["handle"] == "Wormhole_BR"
    assert second["url"] == "https://x.com/Wormhole_BR/status/1891472667636797659"


def test_facebook_post_level_figures(db, real_exports):
    name = "facebook__insights_post_level_2015-08-19_2016-02-15.csv"
    import_real(db, real_exports, name)

    # The description row ("Lifetime: The total number of people ...") is not a post.
    assert db.execute("SELECT count(*) FROM post WHERE text LIKE 'Lifetime:%' OR post_id = ''").fetchone()[0] == 0
    post = post_row(db, "facebook", "518995791497187_1110323039031123")
    assert post["published_at"] == datetime(2016, 2, 14, 0, 40, 16)  # "02/14/2016 12:40:16 AM"
    assert (post["kind"], post["impressions"], post["reach"], post["engagements"]) == ("Photo", 537, 301, 27)
    assert str(post["text"]).startswith("Our Information Visualization students")
    assert post["text"] == cell(real_exports, name, "518995791497187_1110323039031123", "Post Message")


def test_meta_business_suite_facebook_figures(db, real_exports):
    name = "facebook__meta_business_suite_posts_Feb-01-2025_Mar-15-2025.csv"
    import_real(db, real_exports, name)

    post = post_row(db, "facebook", "122121474620644102")
    assert post["published_at"] == datetime(2025, 3, 15, 3, 6)  # "03/15/2025 03:06"
    assert (post["kind"], post["reach"], post["handle"]) == ("Videos", 1, "Pro Efficient Data Entry")
    assert str(post["text"]).startswith("Choose Proficient Data Entry")
    assert post["text"] == cell(real_exports, name, "122121474620644102", "Title")
    # The caption is in Description only for some post types; here it is in Title.
    holi = post_row(db, "facebook", "122121248420644102")
    assert str(holi["text"]).startswith("Celebrate this Holi")
    assert holi["text"] == cell(real_exports, name, "122121248420644102", "Title")


def test_youtube_table_data_figures(db, real_exports):
    import_real(db, real_exports, "youtube__studio_content_Table_data_2025.csv")

    # The file's Total row (36711 impressions, 46333 views, the sums in the contract table) is not a video.
    assert db.execute("SELECT count(*) FROM post WHERE post_id = 'Total'").fetchone() == (0,)
    # " -JTnUJTN2aI" in the file: stored without the space.
    video = post_row(db, "youtube", "-JTnUJTN2aI")
    assert (video["impressions"], video["video_views"], video["likes"], video["shares"]) == (1212, 704, 29, 1)
    assert video["url"] == "https://www.youtube.com/watch?v=-JTnUJTN2aI"
    lady_gaga = post_row(db, "youtube", "F3HVs95pagk")
    assert lady_gaga["published_at"] == datetime(2025, 3, 15)  # "Mar 15, 2025"
    assert (lady_gaga["impressions"], lady_gaga["video_views"], lady_gaga["engagements"]) == (728, 2775, 146)
    assert lady_gaga["watch_time_hours"] == pytest.approx(19.2306)
    # Private and unlisted videos have no publish time: kept, with no date.
    unpublished = db.execute("SELECT post_id FROM post WHERE published_at IS NULL ORDER BY post_id").fetchall()
    assert unpublished == [("9aJrGiZpCy0",), ("KNTGa8wQR04",), ("V4EMJvXfXFk",)]


def test_tiktok_overview_busiest_day(db, real_exports, monkeypatch):
    # The days have no year ("February 28" to "September 14"): read against an import day pinned
    # to the day after the last one.
    monkeypatch.setattr("impact.store.ingest.today", lambda: datetime(2025, 9, 15).date())
    import_real(db, real_exports, "tiktok__Overview_daily_2025-26.csv")

    # "September 5","110581","164","125","7","75": engagements = likes + comments + shares.
    assert db.execute(
        "SELECT video_views, profile_views, engagements FROM account_day WHERE day = '2025-09-05'"
    ).fetchone() == (110581, 164, 125 + 7 + 75)
