"""The real exports in shared/real_exports import with the right connector and exact figures.

Every expected number was worked out from the files with Python's csv module, not taken from
the importer's output.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import duckdb
import pytest

from impact.store.ingest import import_paths

ORG = "Real exports"

# file, connector, platform, posts (data rows that are posts)
REAL_POST_FILES = [
    ("twitter__tweet_activity_metrics_rOpenSci_20161201_20170101_en.csv", "x_tweet_activity", "x", 37),
    ("x__account_analytics_content_2024-11-21_2025-02-19.csv", "x_account_analytics_content", "x", 141),
    # 143 records under the header, the first being Facebook's row of metric descriptions.
    ("facebook__insights_post_level_2015-08-19_2016-02-15.csv", "facebook_insights_post_level", "facebook", 142),
    ("facebook__meta_business_suite_posts_Feb-01-2025_Mar-15-2025.csv", "meta_facebook_posts", "facebook", 20),
    # 72 records under the header, the first being the channel's Total row.
    ("youtube__studio_content_Table_data_2025.csv", "youtube_table_data", "youtube", 71),
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


def totals(con: duckdb.DuckDBPyConnection, platform: str) -> tuple[int, ...]:
    return con.execute(
        """SELECT count(*), sum(impressions), sum(reach), sum(engagements), sum(likes), sum(video_views)
           FROM post WHERE platform = ?""",
        [platform],
    ).fetchone()


@pytest.mark.parametrize(("name", "connector", "platform", "posts"), REAL_POST_FILES)
def test_real_export_imports_every_post_once(db, real_exports, post_key_duplicates, name, connector, platform, posts):
    result = import_real(db, real_exports, name)

    assert (result.status, result.connector, result.platform) == ("imported", connector, platform)
    assert (result.rows_new, result.rows_updated, result.rows_unchanged, result.rows_rejected) == (posts, 0, 0, 0)
    assert result.error is None
    assert db.execute("SELECT count(*) FROM post WHERE platform = ?", [platform]).fetchone()[0] == posts
    # Ids are text exactly as exported (18-19 digit ids would lose digits as numbers), without padding.
    assert db.execute("SELECT DISTINCT typeof(post_id) FROM post").fetchall() == [("VARCHAR",)]
    assert db.execute("SELECT count(*) FROM post WHERE post_id <> trim(post_id) OR post_id = ''").fetchone()[0] == 0
    assert post_key_duplicates(db) == []
    batch = db.execute("SELECT connector, rows_new, rows_rejected, status FROM import_batch").fetchall()
    assert batch == [(connector, posts, 0, "imported")]


def test_legacy_tweet_activity_figures(db, real_exports):
    import_real(db, real_exports, "twitter__tweet_activity_metrics_rOpenSci_20161201_20170101_en.csv")

    # Σ impressions / engagements over the 37 tweets ("1938.0"-style floats in the file).
    assert totals(db, "x")[:4] == (37, 110828, None, 1421)
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

    assert totals(db, "x")[:4] == (141, 9325, None, 911)
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
    import_real(db, real_exports, "facebook__insights_post_level_2015-08-19_2016-02-15.csv")

    count, impressions, reach, engagements, _, _ = totals(db, "facebook")
    assert (count, impressions, reach, engagements) == (142, 253707, 104734, 8451)
    # The description row ("Lifetime: The total number of people ...") is not a post.
    assert db.execute("SELECT count(*) FROM post WHERE text LIKE 'Lifetime:%' OR post_id = ''").fetchone()[0] == 0
    post = post_row(db, "facebook", "518995791497187_1110323039031123")
    assert post["published_at"] == datetime(2016, 2, 14, 0, 40, 16)  # "02/14/2016 12:40:16 AM"
    assert (post["kind"], post["impressions"], post["reach"], post["engagements"]) == ("Photo", 537, 301, 27)
    assert str(post["text"]).startswith("Our Information Visualization students")


def test_meta_business_suite_facebook_figures(db, real_exports):
    import_real(db, real_exports, "facebook__meta_business_suite_posts_Feb-01-2025_Mar-15-2025.csv")

    count, impressions, reach, engagements, _, _ = totals(db, "facebook")
    # Both "Views" columns are 0 on every row; Reach sums to 34.
    assert (count, impressions, reach, engagements) == (20, 0, 34, 0)
    assert db.execute("SELECT sum(clicks) FROM post").fetchone()[0] == 3
    post = post_row(db, "facebook", "122121474620644102")
    assert post["published_at"] == datetime(2025, 3, 15, 3, 6)  # "03/15/2025 03:06"
    assert (post["kind"], post["reach"], post["handle"]) == ("Videos", 1, "Pro Efficient Data Entry")
    assert str(post["text"]).startswith("Choose Proficient Data Entry")
    # The caption is in Description only for some post types; here it is in Title.
    holi = post_row(db, "facebook", "122121248420644102")
    assert str(holi["text"]).startswith("Celebrate this Holi")


def test_youtube_table_data_figures(db, real_exports):
    import_real(db, real_exports, "youtube__studio_content_Table_data_2025.csv")

    count, impressions, _, engagements, likes, views = totals(db, "youtube")
    # The same figures as the file's Total row (36711 impressions, 46333 views, 1496 likes), which is not stored.
    assert (count, impressions, likes, views) == (71, 36711, 1496, 46333)
    assert engagements == 1496 + 26  # likes + shares; this export has no comments column
    assert db.execute("SELECT count(*) FROM post WHERE post_id = 'Total'").fetchone()[0] == 0
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


def test_tiktok_overview_figures(db, real_exports, snapshot, monkeypatch):
    # The days have no year ("February 28" to "September 14"): read against an import day pinned
    # to the day after the last one.
    monkeypatch.setattr("impact.store.ingest.today", lambda: datetime(2025, 9, 15).date())
    result = import_real(db, real_exports, "tiktok__Overview_daily_2025-26.csv")

    assert (result.status, result.connector, result.platform) == ("imported", "tiktok_overview", "tiktok")
    assert (result.rows_new, result.rows_updated, result.rows_unchanged, result.rows_rejected) == (199, 0, 0, 0)
    # Σ Video Views, Σ Profile Views, Σ (Likes 20085 + Comments 3131 + Shares 1661) over the 199 days.
    assert db.execute(
        """SELECT count(*), min(day), max(day), sum(video_views), sum(profile_views), sum(engagements)
           FROM account_day WHERE platform = 'tiktok'"""
    ).fetchone() == (199, datetime(2025, 2, 28).date(), datetime(2025, 9, 14).date(), 1091276, 6924, 24877)
    # The busiest day: "September 5","110581","164","125","7","75".
    assert db.execute(
        "SELECT video_views, profile_views, engagements FROM account_day WHERE day = '2025-09-05'"
    ).fetchone() == (110581, 164, 207)
    before = snapshot(db)
    again = import_real(db, real_exports, "tiktok__Overview_daily_2025-26.csv")
    assert again.status == "skipped"
    assert snapshot(db) == before
