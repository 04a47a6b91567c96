"""Export vintages not among the real files: small real-shaped fixtures, exact canonical output.

The fixtures are in tests/fixtures/<platform>/; every expected value below is read off those files.
Each file's connector, row count, totals and second import are in tests/test_connector_contract.py;
here are the rows themselves, field by field, and what each vintage does differently.
"""

from __future__ import annotations

import csv
import json
import zipfile
from datetime import date, datetime
from pathlib import Path

import pytest

from impact.figures.overview import follower_change
from impact.filters import Filters

FIXTURES = Path(__file__).resolve().parent / "fixtures"

POST_COLUMNS = "post_id, published_at, kind, impressions, reach, engagements, likes, comments, shares, saves, clicks"


def posts(db, platform: str, columns: str = POST_COLUMNS) -> list[tuple]:
    return db.execute(
        f"SELECT {columns} FROM post WHERE platform = ? ORDER BY published_at NULLS LAST", [platform]
    ).fetchall()


def days(db, platform: str, columns: str) -> list[tuple]:
    return db.execute(f"SELECT {columns} FROM account_day WHERE platform = ? ORDER BY day", [platform]).fetchall()


def handles(db, platform: str) -> list[tuple]:
    """(handle, posts) per account of a platform."""
    return db.execute(
        """SELECT a.handle, count(p.post_id) FROM account a LEFT JOIN post p ON p.account_id = a.id
           WHERE a.platform = ? GROUP BY ALL ORDER BY 1""",
        [platform],
    ).fetchall()


def counts(result) -> tuple:
    return (
        result.status,
        result.connector,
        result.rows_new,
        result.rows_updated,
        result.rows_unchanged,
        result.rows_rejected,
    )


# ------------------------------------------------------------------------------------------------ X


def test_legacy_tweet_activity_with_favorites(db, import_files):
    import_files("x/tweet_activity_metrics_ngo_20150301_20150401_en.csv")

    # The 2015 vintage says "favorites" where later files say "likes"; counts are "1200.0" floats.
    assert posts(db, "x") == [
        ("572821237393092608", datetime(2015, 3, 3, 17, 45), None, 1200, None, 48, 12, 2, 5, None, 10),
        ("574266813445984256", datetime(2015, 3, 7, 17, 30), None, 850, None, 17, 4, 0, 1, None, 6),
        ("576401027512279040", datetime(2015, 3, 13, 14, 52), None, 2310, None, 99, 41, 6, 20, None, 15),
    ]
    assert posts(db, "x", "video_views, text") == [
        (0, "Clean water for 40 villages &amp; counting\nThank you, donors!"),
        (25, "Volunteer day on Saturday https://t.co/AbCdEf1234"),
        (120, '"We did it" - 1,000 filters installed #WaterForAll'),
    ]
    assert handles(db, "x") == [("ngo", 3)]


def test_legacy_tweet_activity_in_japanese(db, import_files):
    """Exports from a Japanese interface (`_ja.csv`) have Japanese headers; the alias table maps them."""
    import_files("x/tweet_activity_metrics_ngo_jp_20200801_20200901_ja.csv")

    assert posts(db, "x") == [
        ("1300000000000000001", datetime(2020, 8, 30, 3, 15), None, 1500, None, 60, 20, 2, 7, None, 10),
        ("1300000000000000002", datetime(2020, 8, 31, 9, 0), None, 800, None, 16, 9, 0, 1, None, 2),
    ]
    assert handles(db, "x") == [("ngo_jp", 2)]


def test_legacy_daily_tweet_activity(db, import_files):
    import_files("x/daily_tweet_activity_metrics_ngo_20210801_20210901_en.csv")

    columns = (
        "day, posts_published, impressions, engagements, followers_gained, followers_lost, profile_views, video_views"
    )
    assert days(db, "x", columns) == [
        (date(2021, 8, 1), 0, 1088, 13, 1, None, 1, 0),
        (date(2021, 8, 2), 2, 2540, 61, 3, None, 5, 44),
        (date(2021, 8, 3), 1, 1710, 25, 0, None, 2, 12),
    ]
    assert handles(db, "x") == [("ngo", 0)]  # from the file name: daily_tweet_activity_metrics_<handle>_...


def test_x_content_late_2025_vintage(db, import_files):
    import_files("x/account_analytics_content_2026-07-06_2026-08-02.csv")

    # Five records; the "status/undefined" junk row is dropped silently, not counted as rejected.
    # Rows are unsorted in the file; Date holds only the day, the snowflake id gives the time (UTC).
    assert posts(db, "x") == [
        ("2074131798815719646", datetime(2026, 7, 6, 14, 2, 11), None, 880, None, 41, 22, 2, 3, 1, 2),
        ("2079276406269018111", datetime(2026, 7, 20, 18, 45, 0, 999000), None, 2045, None, 150, 61, 8, 15, 5, 13),
        ("2083481738146849459", datetime(2026, 8, 1, 9, 15, 30, 250000), None, 1520, None, 95, 40, 4, 9, 3, 11),
        ("2083794948846518273", datetime(2026, 8, 2, 6, 0, 5, 500000), None, 310, None, 9, 5, 1, 1, 0, 0),
    ]
    assert posts(db, "x", "url, text") == [
        ("https://x.com/ngo_org/status/2074131798815719646", '"Thank you" to our 120 volunteers'),
        ("https://x.com/ngo_org/status/2079276406269018111", "Volunteers needed: Saturday, 9am"),
        ("https://x.com/ngo_org/status/2083481738146849459", "Flood kits packed, ready for Monday"),
        ("https://x.com/ngo_org/status/2083794948846518273", "Boats reached 3 villages 🚤\nMore tomorrow"),
    ]
    # Columns without a canonical home are kept under their own names: X's "Shares" is not reposts.
    extra = json.loads(db.execute("SELECT extra FROM post WHERE post_id = '2083481738146849459'").fetchone()[0])
    assert extra["Shares"] == "2" and extra["Date"] == "Sat, Aug 1, 2026" and extra["Detail Expands"] == "20"
    assert handles(db, "x") == [("ngo_org", 4)]
    assert db.execute("SELECT rows_read, rows_rejected FROM import_batch").fetchone() == (4, 0)


def test_x_account_overview_newest_first(db, import_files):
    import_files("x/account_overview_analytics.csv")

    columns = (
        "day, impressions, engagements, followers_gained, followers_lost, profile_views, posts_published, video_views"
    )
    assert days(db, "x", columns) == [
        (date(2025, 9, 3), 1502, 51, 5, 1, 11, 1, 33),
        (date(2025, 9, 4), 980, 28, 0, 2, 7, 2, 0),
        (date(2025, 9, 5), 1210, 40, 3, 1, 9, 1, 15),
        (date(2025, 9, 6), 3388, 104, 2, 0, 25, 0, 0),
    ]
    # The overview gives daily gains and losses, never a follower total.
    assert db.execute("SELECT count(followers) FROM account_day").fetchone() == (0,)
    org_id = db.execute("SELECT id FROM organisation").fetchone()[0]
    # New follows 5+0+3+2 = 10, unfollows 1+2+1+0 = 4: net +6.
    period = Filters(org_id, date(2025, 9, 1), date(2025, 9, 30), ("x",))
    assert follower_change(db, period) == 6


# ----------------------------------------------------------------------------------------- Facebook


def test_meta_facebook_2024_vintage(db, import_files):
    import_files("facebook/Jan-01-2024_Dec-31-2024_1509169891251840.csv")

    # "Duration (sec)" and "Reactions, Comments and Shares" with capitals; Views after the country columns.
    assert posts(db, "facebook") == [
        ("122101234567890123", datetime(2024, 3, 10, 18, 30), "Photos", 2210, 1450, 87, 70, 9, 8, None, 33),
        ("122101234567890456", datetime(2024, 7, 4, 9, 5), "Reels", 7840, 5020, 301, 250, 31, 20, None, 64),
        ("122101234567890789", datetime(2024, 12, 30, 23, 59), "Links", 905, 610, 12, 10, 1, 1, None, 45),
    ]
    # Blank cells are no value, not 0. The caption is in Description or in Title.
    rows = posts(db, "facebook", "video_views, watch_time_hours, text")
    assert rows[0] == (None, None, "River clean-up on Sunday!\nBring gloves.")
    assert (
        rows[1][0] == 3900
        and rows[1][1] == pytest.approx(41250 / 3600)
        and rows[1][2] == "Our volunteers, in 30 seconds"
    )
    assert rows[2] == (None, None, "Annual report 2023 is out: https://example.org/report")
    assert handles(db, "facebook") == [("Clean River Trust", 3)]


def test_meta_page_insights_utf16(db, import_files):
    follows, views, visits = import_files("facebook/meta_insights")

    assert [r.file for r in (follows, views, visits)] == ["Follows.csv", "Views.csv", "Visits.csv"]
    assert counts(follows) == ("imported", "meta_page_insights", 3, 0, 0, 0)  # only days with a follow
    # Each file fills its own column of the same days: Views adds 3 Aug and fills the three others.
    assert counts(views) == ("imported", "meta_page_insights", 1, 3, 0, 0)
    assert counts(visits) == ("imported", "meta_page_insights", 0, 4, 0, 0)
    assert {r.platform for r in (follows, views, visits)} == {"facebook"}
    assert days(db, "facebook", "day, followers_gained, impressions, profile_views, followers") == [
        (date(2025, 8, 1), 20, 1500, 45, None),
        (date(2025, 8, 2), 7, 980, 30, None),
        (date(2025, 8, 3), None, 1220, 0, None),
        (date(2025, 8, 4), 3, 640, 12, None),
    ]


# ---------------------------------------------------------------------------------------- Instagram


def test_instagram_2024_without_impressions_two_accounts(db, import_files):
    import_files("instagram/Jan-01-2024_Dec-31-2024_4588672571364735.csv")

    # No Impressions column: Views (last column) is used. Engagements = likes + comments + shares + saves.
    assert posts(db, "instagram") == [
        (
            "18031234567890123",
            datetime(2024, 4, 21, 10, 15),
            "IG image",
            1310,
            820,
            96 + 7 + 4 + 11,
            96,
            7,
            4,
            11,
            None,
        ),
        (
            "18031234567890456",
            datetime(2024, 7, 4, 9, 10),
            "IG reel",
            9050,
            4100,
            388 + 23 + 52 + 40,
            388,
            23,
            52,
            40,
            None,
        ),
        (
            "18031234567890789",
            datetime(2024, 11, 14, 16, 0),
            "IG carousel",
            455,
            300,
            41 + 5 + 0 + 2,
            41,
            5,
            0,
            2,
            None,
        ),
    ]
    assert handles(db, "instagram") == [("cleanriver_kids", 1), ("cleanriver_trust", 2)]
    assert posts(db, "instagram", "text")[1] == ("Volunteers, 30 seconds\n#CleanRiver",)


def test_instagram_with_impressions(db, import_files):
    import_files("instagram/Jan-01-2023_Dec-31-2023_4588672571364735.csv")

    assert posts(db, "instagram") == [
        (
            "17990000000000001",
            datetime(2023, 9, 2, 8, 0),
            "IG image",
            2045,
            1500,
            130 + 12 + 6 + 9,
            130,
            12,
            6,
            9,
            None,
        ),
        (
            "17990000000000002",
            datetime(2023, 12, 24, 19, 30),
            "IG reel",
            6120,
            4800,
            402 + 40 + 31 + 22,
            402,
            40,
            31,
            22,
            None,
        ),
    ]
    extra = json.loads(db.execute("SELECT extra FROM post WHERE post_id = '17990000000000002'").fetchone()[0])
    assert extra["Profile visits"] == "77"


def test_instagram_2026_views_before_reach(db, import_files):
    import_files("instagram/Jan-01-2026_Aug-10-2026_1071135865260092.csv")

    assert posts(db, "instagram") == [
        (
            "18060000000000001",
            datetime(2026, 7, 3, 7, 45),
            "IG carousel",
            3300,
            2100,
            150 + 9 + 12 + 30,
            150,
            9,
            12,
            30,
            None,
        ),
        (
            "18060000000000002",
            datetime(2026, 8, 9, 18, 20),
            "IG reel",
            12050,
            8000,
            610 + 47 + 88 + 70,
            610,
            47,
            88,
            70,
            None,
        ),
    ]


# ------------------------------------------------------------------------------------------ YouTube


def test_youtube_table_data_leading_space_ids_and_missing_publish_time(db, import_files):
    import_files("youtube/Table data.csv")

    # " -HHGH-TTqYM" -> "-HHGH-TTqYM"; the Total row is not a video; no likes/comments/shares exported,
    # so engagements stay empty rather than 0.
    assert posts(
        db, "youtube", "post_id, published_at, impressions, video_views, watch_time_hours, engagements, url"
    ) == [
        ("-HHGH-TTqYM", datetime(2024, 9, 27), 5210, 905, 19.0021, None, "https://www.youtube.com/watch?v=-HHGH-TTqYM"),
        ("k9Lm2Np4Qr8", datetime(2024, 10, 2), 4100, 700, 6.8056, None, "https://www.youtube.com/watch?v=k9Lm2Np4Qr8"),
        ("Xy7_Zw8-Vu6", None, 490, 25, 3.0, None, "https://www.youtube.com/watch?v=Xy7_Zw8-Vu6"),
    ]
    assert posts(db, "youtube", "text") == [
        ("Monsoon preparedness explained",),
        ("Relief camp, day 3 #Shorts",),
        ("Private volunteer briefing",),
    ]


CHANNEL_FOLDER = "Content 2026-05-18_2026-08-16 My Channel"


@pytest.fixture
def studio_zip(tmp_path: Path) -> Path:
    """The YouTube Studio download: one folder holding Table data, Chart data and Totals."""
    path = tmp_path / f"{CHANNEL_FOLDER}.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for member in ("Chart data.csv", "Table data.csv", "Totals.csv"):
            archive.write(FIXTURES / "youtube" / CHANNEL_FOLDER / member, f"{CHANNEL_FOLDER}/{member}")
    return path


def test_youtube_studio_zip(db, import_files, studio_zip):
    results = {r.file.rsplit("/", 1)[-1]: r for r in import_files(studio_zip)}

    assert set(results) == {"Chart data.csv", "Table data.csv", "Totals.csv"}
    assert results["Table data.csv"].file == f"{CHANNEL_FOLDER}.zip/{CHANNEL_FOLDER}/Table data.csv"
    assert counts(results["Table data.csv"]) == ("imported", "youtube_table_data", 3, 0, 0, 0)
    assert counts(results["Totals.csv"]) == ("imported", "youtube_totals", 5, 0, 0, 0)
    chart = results["Chart data.csv"]
    assert (chart.status, chart.connector, chart.batch_id) == ("skipped", "youtube_chart_data", None)
    assert chart.error == (
        f"{CHANNEL_FOLDER}.zip/{CHANNEL_FOLDER}/Chart data.csv: per-video daily chart data repeats what Totals.csv "
        "and Table data.csv of the same export hold, so it is not stored."
    )

    # 2026 vintage: "Thumbnail impressions", "Comments added"; engagements = likes + comments + shares.
    assert posts(db, "youtube", "post_id, published_at, impressions, video_views, watch_time_hours, engagements") == [
        ("Qm1nR2sT3uV", datetime(2026, 5, 20), 22000, 3010, 120.25, 260 + 30 + 11),
        ("Wx4yZ5aB6cD", datetime(2026, 7, 1), 17500, 2020, 68.75, 140 + 20 + 7),
        ("Ef7gH8iJ9kL", None, 700, 90, 1.5, 10 + 2 + 0),
    ]
    # Totals.csv: one row per day; a blank value is no value, not 0. Chart data adds no rows.
    assert days(db, "youtube", "day, video_views") == [
        (date(2026, 5, 18), 55),
        (date(2026, 5, 19), 40),
        (date(2026, 5, 20), 460),
        (date(2026, 5, 21), 390),
        (date(2026, 5, 22), None),
    ]
    assert handles(db, "youtube") == [("My Channel", 3)]  # the channel, from the ZIP's folder name
    assert db.execute("SELECT count(*) FROM import_batch").fetchone()[0] == 2


# -------------------------------------------------------------------------- re-saved by a spreadsheet


def test_semicolon_resave_with_european_numbers(db, import_files, tmp_path):
    """Excel in a European locale saves CSV with ';' and writes 1.520 for one thousand five hundred and twenty."""
    source = FIXTURES / "x" / "account_analytics_content_2026-07-06_2026-08-02.csv"
    rows = list(csv.reader(source.open(encoding="utf-8", newline="")))
    rows[1][4] = "1.520"  # Impressions of the first post, with a thousands dot
    target = tmp_path / source.name
    with target.open("w", encoding="utf-8", newline="") as sink:
        csv.writer(sink, delimiter=";").writerows(rows)

    [result] = import_files(target)

    # Every row but the junk "status/undefined" one, as from the comma-separated original.
    assert counts(result) == ("imported", "x_account_analytics_content", 4, 0, 0, 0)
    assert db.execute("SELECT impressions FROM post WHERE post_id = '2083481738146849459'").fetchone() == (1520,)
    assert db.execute("SELECT text FROM post WHERE post_id = '2079276406269018111'").fetchone() == (
        "Volunteers needed: Saturday, 9am",
    )


def test_tab_separated_utf16_page_insights(db, import_files, tmp_path):
    """The same Meta page-insight file, written with tabs and Excel's 'sep=' hint for them."""
    source = FIXTURES / "facebook" / "meta_insights" / "Follows.csv"
    text = source.read_bytes().decode("utf-16")
    target = tmp_path / "Follows.csv"
    target.write_bytes(text.replace("sep=,", "sep=\t").replace('","', '"\t"').encode("utf-16"))

    [tabbed] = import_files(target)

    assert counts(tabbed) == ("imported", "meta_page_insights", 3, 0, 0, 0)
    assert days(db, "facebook", "day, followers_gained") == [
        (date(2025, 8, 1), 20),
        (date(2025, 8, 2), 7),
        (date(2025, 8, 4), 3),
    ]
