"""LinkedIn Page analytics workbooks: content (Metrics, All posts), followers and visitors.

The fixtures are real BIFF8 .xls files (and .xlsx re-saves) written by
tests/fixtures/linkedin/make_fixtures.py; every expected value below is computed by hand from them.
Each sheet's connector, totals and second import, the breakdown sheets skipped, and the broken
workbooks (truncated, a sheet without its link column, an X export named like a workbook) are in
tests/test_connector_contract.py.
"""

from __future__ import annotations

import json
from datetime import date, datetime

import pytest

from impact.store.ingest import import_paths
from impact.store.orgs import ensure_organisation
from tests.conftest import ORG

LI = "linkedin"
CONTENT = f"{LI}/clean-river-trust_content_1785888000000.xls"
FOLLOWERS = f"{LI}/clean-river-trust_followers_1785888060000.xls"
VISITORS = f"{LI}/clean-river-trust_visitors_1785888030000.xls"
OLDER = f"{LI}/older/clean-river-trust_content_1704153600000.xls"
OVERLAP = f"{LI}/overlap/clean-river-trust_content_1786060800000.xls"
RESAVED = f"{LI}/resaved/clean-river-trust_content_1785888000000.xlsx"
RESAVED_NO_PREAMBLE = f"{LI}/resaved/clean-river-trust_content_1785888000000 1.xlsx"
FOLLOWERS_CSV = f"{LI}/csv/clean-river-trust_followers_1785888060000 1.csv"
DEMOGRAPHICS = ("Location", "Job function", "Seniority", "Industry", "Company size")

POST_A = "urn:li:activity:7355000000000000001"
POST_B = "urn:li:ugcPost:7355100000000000002"
POST_C = "urn:li:share:7355200000000000003"
POST_D = "urn:li:activity:7355900000000000004"


def days(db, columns: str = "day, impressions, reach, engagements") -> list[tuple]:
    return db.execute(f"SELECT {columns} FROM account_day WHERE platform = 'linkedin' ORDER BY day").fetchall()


def posts(db, columns: str) -> list[tuple]:
    return db.execute(f"SELECT {columns} FROM post WHERE platform = 'linkedin' ORDER BY published_at").fetchall()


def handles(db) -> list[tuple]:
    return db.execute("SELECT handle FROM account WHERE platform = 'linkedin' ORDER BY 1").fetchall()


def extra(db, table: str, where: str, key: str) -> object:
    """One value kept in a row's `extra` JSON."""
    [(raw,)] = db.execute(f"SELECT extra FROM {table} WHERE platform = 'linkedin' AND {where}").fetchall()
    return json.loads(raw).get(key)


@pytest.fixture
def seeded(db, import_files):
    """A store holding the content workbook."""
    import_files(CONTENT)
    return db


# --------------------------------------------------------------------------------------- content


def test_content_workbook_imports_daily_metrics_and_posts(db, import_files):
    import_files(CONTENT)

    # Engagements = clicks + reactions + comments + reposts (total: organic + sponsored); 07/30 has a
    # deleted comment (-1). Reach stays empty: LinkedIn gives unique impressions for organic posts only.
    assert days(db) == [
        (date(2026, 7, 28), 400, None, 30 + 10 + 2 + 1),
        (date(2026, 7, 29), 1520, None, 45 + 13 + 3 + 0),
        (date(2026, 7, 30), 310, None, 20 + 8 - 1 + 2),
        (date(2026, 7, 31), 0, None, 0),
    ]
    # Nothing but the content sheets' figures: no followers, no page views.
    assert db.execute(
        "SELECT count(followers), count(followers_gained), count(profile_views) FROM account_day"
    ).fetchone() == (0, 0, 0)
    # The organic/sponsored split, the unique impressions and LinkedIn's own rate are kept.
    day = "day = DATE '2026-07-29'"
    assert extra(db, "account_day", day, "Impressions (sponsored)") == "1000"
    assert extra(db, "account_day", day, "Unique impressions (organic)") == "200"
    assert extra(db, "account_day", day, "Clicks (total)") == "45"
    assert extra(db, "account_day", day, "Engagement rate (total)") == "0.04013157894736842"  # 61 / 1520

    # Posts: the id is the URN in the link; engagements add follows, as LinkedIn's per-post rate does.
    assert posts(
        db, "post_id, published_at, kind, impressions, video_views, engagements, likes, comments, shares, clicks"
    ) == [
        (POST_A, datetime(2026, 7, 28), "Image", 380, None, 28 + 9 + 2 + 1 + 1, 9, 2, 1, 28),
        (POST_B, datetime(2026, 7, 29), "Video", 1450, 600, 50 + 14 + 3 + 0 + 2, 14, 3, 0, 50),
        (POST_C, datetime(2026, 7, 30), "Document", 290, None, 18 + 7 + 0 + 2 + 0, 7, 0, 2, 18),
    ]
    assert posts(db, "text, url")[1] == (
        'Watch: "We did it", 1,000 filters installed.\nThank you, donors!',
        f"https://www.linkedin.com/feed/update/{POST_B}",
    )
    assert [extra(db, "post", f"post_id = '{p}'", "Follows") for p in (POST_A, POST_B, POST_C)] == ["1", "2", "0"]
    assert extra(db, "post", f"post_id = '{POST_B}'", "Post type") == "Sponsored"
    assert extra(db, "post", f"post_id = '{POST_B}'", "Campaign name") == "Summer appeal"
    assert extra(db, "post", f"post_id = '{POST_B}'", "Offsite Views") == "35"
    # The page's vanity name, from the file name, is the account of both sheets: one account.
    assert handles(db) == [("clean-river-trust",)]
    assert db.execute("SELECT count(DISTINCT account_id) FROM post").fetchone() == (1,)


def test_older_content_export_says_shares_for_reposts(db, import_files):
    import_files(OLDER)

    assert days(db) == [(date(2023, 12, 30), 210, None, 14 + 6 + 1 + 1), (date(2023, 12, 31), 95, None, 5 + 2)]
    assert extra(db, "account_day", "day = DATE '2023-12-30'", "Shares (total)") == "1"
    assert posts(db, "post_id, published_at, impressions, shares, engagements") == [
        ("urn:li:activity:7146000000000000005", datetime(2023, 12, 30), 205, 1, 13 + 6 + 1 + 1 + 0)
    ]


def test_an_overlapping_later_export_does_not_double_count(seeded, import_files):
    db = seeded
    metrics, all_posts = import_files(OVERLAP)

    # 07/30 was revised (310 -> 330 impressions), 07/31 is the same, 08/01 and 08/02 are new.
    assert (metrics.rows_new, metrics.rows_updated, metrics.rows_unchanged) == (2, 1, 1)
    assert days(db) == [
        (date(2026, 7, 28), 400, None, 43),
        (date(2026, 7, 29), 1520, None, 61),
        (date(2026, 7, 30), 330, None, 22 + 8 - 1 + 2),
        (date(2026, 7, 31), 0, None, 0),
        (date(2026, 8, 1), 250, None, 15 + 5 + 1 + 0),
        (date(2026, 8, 2), 180, None, 9 + 3 + 0 + 1),
    ]
    assert db.execute("SELECT sum(impressions), sum(engagements) FROM account_day").fetchone() == (2680, 169)
    # Post C grew, post D is new; A and B are not in the later export and keep their figures.
    assert (all_posts.rows_new, all_posts.rows_updated, all_posts.rows_unchanged) == (1, 1, 0)
    assert posts(db, "post_id, impressions, engagements") == [
        (POST_A, 380, 41),
        (POST_B, 1450, 69),
        (POST_C, 410, 25 + 9 + 1 + 2 + 1),
        (POST_D, 240, 12 + 6 + 1 + 0 + 0),
    ]
    assert db.execute("SELECT sum(impressions), sum(engagements) FROM post").fetchone() == (2480, 167)


@pytest.mark.parametrize("resave", [RESAVED, RESAVED_NO_PREAMBLE])
def test_a_resaved_xlsx_reads_like_the_xls(db, import_files, resave):
    """Users open the .xls and save it as .xlsx, with or without the preamble row, with dates as text
    or as date cells. Alone it gives the same figures; after the .xls it adds nothing."""
    import_files(resave)
    alone = (days(db, "*  EXCLUDE (batch_id, as_of, extra)"), posts(db, "* EXCLUDE (batch_id, as_of, extra)"))
    assert days(db) == [
        (date(2026, 7, 28), 400, None, 43),
        (date(2026, 7, 29), 1520, None, 61),
        (date(2026, 7, 30), 310, None, 29),
        (date(2026, 7, 31), 0, None, 0),
    ]
    assert posts(db, "post_id, published_at, kind, impressions, engagements") == [
        (POST_A, datetime(2026, 7, 28), "Image", 380, 41),
        (POST_B, datetime(2026, 7, 29), "Video", 1450, 69),
        (POST_C, datetime(2026, 7, 30), "Document", 290, 27),
    ]
    # The same name (a trailing " 1" included) gives the same account.
    assert handles(db) == [("clean-river-trust",)]

    metrics, all_posts = import_files(CONTENT)
    assert (metrics.rows_new, all_posts.rows_new) == (0, 0)
    # Only text kept in `extra` may differ (Excel writes rates with fewer digits, dates as ISO).
    assert (days(db, "*  EXCLUDE (batch_id, as_of, extra)"), posts(db, "* EXCLUDE (batch_id, as_of, extra)")) == alone
    assert handles(db) == [("clean-river-trust",)]


# ------------------------------------------------------------------------------ followers, visitors


def test_followers_workbook_stores_new_followers_never_a_follower_count(db, import_files):
    results = import_files(FOLLOWERS)

    # The sheets in the workbook's order; the breakdowns without a date are skipped.
    name = "clean-river-trust_followers_1785888060000.xls"
    assert [r.file for r in results] == [f"{name} › {s}" for s in ("New followers", *DEMOGRAPHICS)]
    # "Total followers" is the day's new followers (sponsored + organic + auto-invited), net of unfollows.
    assert days(db, "day, followers, followers_gained, followers_lost") == [
        (date(2026, 7, 28), None, 5, None),
        (date(2026, 7, 29), None, 3 + 4 + 1, None),
        (date(2026, 7, 30), None, -1, None),
        (date(2026, 7, 31), None, 2, None),
    ]
    assert extra(db, "account_day", "day = DATE '2026-07-29'", "Sponsored followers") == "3"


def test_visitors_workbook_stores_page_views(db, import_files):
    import_files(VISITORS)

    # Total page views (total) = Overview + Life + Jobs, desktop + mobile.
    assert days(db, "day, profile_views, impressions") == [
        (date(2026, 7, 28), (10 + 14) + 0 + (2 + 3), None),
        (date(2026, 7, 29), (21 + 30) + (1 + 2) + (4 + 6), None),
        (date(2026, 7, 30), (7 + 9) + 0 + (0 + 1), None),
    ]
    day = "day = DATE '2026-07-28'"
    assert extra(db, "account_day", day, "Total unique visitors (total)") == "14"
    assert extra(db, "account_day", day, "Jobs page views (total)") == "5"


def test_the_three_workbooks_fill_one_account_day(db, import_files):
    content = import_files(CONTENT)
    followers = import_files(FOLLOWERS)
    visitors = import_files(VISITORS)

    assert [r.rows_new for r in content] == [4, 3]
    # The same page and days: the other workbooks add their columns to the rows already there.
    assert (followers[0].rows_new, followers[0].rows_updated) == (0, 4)
    assert (visitors[0].rows_new, visitors[0].rows_updated) == (0, 3)
    assert days(db, "day, impressions, engagements, followers_gained, profile_views") == [
        (date(2026, 7, 28), 400, 43, 5, 29),
        (date(2026, 7, 29), 1520, 61, 8, 64),
        (date(2026, 7, 30), 310, 29, -1, 17),
        (date(2026, 7, 31), 0, 0, 2, None),
    ]
    assert handles(db) == [("clean-river-trust",)]
    # Each workbook's other columns are merged into the day's `extra`, not replaced by the last file's.
    extra = db.execute("SELECT extra::VARCHAR FROM account_day WHERE day = DATE '2026-07-28'").fetchone()[0]
    keys = json.loads(extra)
    assert (keys["Impressions (organic)"], keys["Organic followers"], keys["Overview page views (total)"]) == (
        "400",
        "5",
        "24",
    )


def test_a_csv_saved_from_the_followers_sheet_lands_on_the_same_page(db, import_files):
    import_files(FOLLOWERS)
    [result] = import_files(FOLLOWERS_CSV)

    assert (result.status, result.connector, result.rows_new, result.rows_unchanged) == (
        "imported",
        "linkedin_new_followers",
        0,
        4,
    )
    assert handles(db) == [("clean-river-trust",)]
    assert db.execute("SELECT sum(followers_gained) FROM account_day").fetchone() == (14,)


# ------------------------------------------------------------------------------------- bad input


def test_a_linkedin_sheet_missing_its_column_in_a_fresh_store_creates_nothing(db, snapshot, tmp_path):
    """Rejected on its own (a CSV of the sheet), the file leaves no organisation and no batch behind."""
    ensure_organisation(db, ORG)
    before = snapshot(db)
    path = tmp_path / "clean-river-trust_content_1785888000003.csv"
    path.write_text(
        "Post title,Post type,Created date,Impressions,Clicks\nAnnual report,Organic,07/30/2026,290,18\n",
        encoding="utf-8",
    )
    [result] = import_paths(db, [path], ORG)

    assert (result.status, result.connector) == ("rejected", "linkedin_posts")
    assert result.error == (
        f"{path.name}: looks like LinkedIn Page content export, 'All posts' sheet, but the column 'Post link' "
        "is missing. Export it again: LinkedIn Page > Analytics > Content > Export (choose the date range, then Export)."
    )
    assert snapshot(db) == before
