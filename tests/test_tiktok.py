"""TikTok analytics files: days without a year, several files filling one day, the reasons for bad rows.

The fixtures are in tests/fixtures/tiktok/; every expected figure below is added up by hand from them.
Days carry no year, so every test pins the import day (impact.store.ingest.today). Which connector
each file is, its row count and totals, the second import and the files rejected whole are in
tests/test_connector_contract.py.
"""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from pathlib import Path

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "tiktok"
BROKEN = FIXTURES / "broken"
ENGLISH_MONTHS = "January February March April May June July August September October November December".split()


def pin_today(monkeypatch, day: date) -> None:
    monkeypatch.setattr("impact.store.ingest.today", lambda: day)


def counts(result) -> tuple:
    return (result.status, result.connector, result.rows_new, result.rows_updated, result.rows_unchanged)


def days(db, columns: str) -> list[tuple]:
    return db.execute(f"SELECT {columns} FROM account_day WHERE platform = 'tiktok' ORDER BY day").fetchall()


def tiktok_csv(rows: list[list[str]]) -> bytes:
    """TikTok's bytes: UTF-8 with a BOM, every field quoted, LF, no line end after the last record."""
    return ("\ufeff" + "\n".join(",".join(f'"{c}"' for c in row) for row in rows)).encode("utf-8")


def overview_of_days(first: date, count: int) -> bytes:
    """A daily Overview.csv: on day i (from 1) i video views and one like."""
    header = ["Date", "Video Views", "Profile Views", "Likes", "Comments", "Shares"]
    rows = []
    for i in range(count):
        day = first + timedelta(days=i)
        rows.append([f"{ENGLISH_MONTHS[day.month - 1]} {day.day}", str(i + 1), "0", "1", "0", "0"])
    return tiktok_csv([header, *rows])


# ------------------------------------------------------------------------------------------- Overview


def test_overview_in_english(db, import_files, monkeypatch):
    pin_today(monkeypatch, date(2026, 3, 1))
    import_files("tiktok/Overview.csv")

    # Read on 1 March 2026, "February 22" is 2026. Engagements = likes + comments + shares: 88+6+4, 61+3+2, 190+14+11, 97+8+5, 0, 301+22+18, 150+9+7.
    assert days(db, "day, video_views, profile_views, engagements, reach, followers") == [
        (date(2026, 2, 22), 1204, 31, 98, None, None),
        (date(2026, 2, 23), 980, 22, 66, None, None),
        (date(2026, 2, 24), 2310, 57, 215, None, None),
        (date(2026, 2, 25), 1502, 40, 110, None, None),
        (date(2026, 2, 26), 0, 0, 0, None, None),
        (date(2026, 2, 27), 3875, 96, 341, None, None),
        (date(2026, 2, 28), 2144, 48, 166, None, None),
    ]
    # account_day has no likes, comments or shares: they are kept in extra under their own names.
    extra = db.execute("SELECT extra FROM account_day WHERE day = '2026-02-27'").fetchone()[0]
    assert json.loads(extra) == {"Likes": "301", "Comments": "22", "Shares": "18"}
    # TikTok's daily files name no account: the default one.
    assert db.execute("SELECT handle FROM account WHERE platform = 'tiktok'").fetchall() == [("",)]


def test_overview_in_spanish_across_new_year(db, import_files, monkeypatch):
    """ "29 de diciembre" read on 5 January 2026 is 2025; "4 de enero" is 2026."""
    pin_today(monkeypatch, date(2026, 1, 5))
    import_files("tiktok/es/Overview.csv")

    assert days(db, "day, video_views, engagements") == [
        (date(2025, 12, 29), 500, 43),
        (date(2025, 12, 30), 620, 57),
        (date(2025, 12, 31), 0, 0),
        (date(2026, 1, 1), 1800, 181),
        (date(2026, 1, 2), 940, 77),
        (date(2026, 1, 3), 710, 60),
        (date(2026, 1, 4), 1330, 112),
    ]


def test_a_year_of_days_wraps_at_the_import_day(db, import_files, monkeypatch, tmp_path):
    """365 days from 2 March 2025 to 1 March 2026, imported on 1 March 2026."""
    pin_today(monkeypatch, date(2026, 3, 1))
    path = tmp_path / "Overview.csv"
    path.write_bytes(overview_of_days(date(2025, 3, 2), 365))

    [result] = import_files(path)

    assert counts(result) == ("imported", "tiktok_overview", 365, 0, 0)
    assert db.execute("SELECT min(day), max(day), sum(video_views), sum(engagements) FROM account_day").fetchone() == (
        date(2025, 3, 2),
        date(2026, 3, 1),
        365 * 366 // 2,  # views 1 + 2 + ... + 365
        365,
    )
    # January, February and 1 March are 2026 (31 + 28 + 1 days); 2 March to December are 2025.
    by_year = db.execute("SELECT year(day), count(*) FROM account_day GROUP BY 1 ORDER BY 1").fetchall()
    assert by_year == [(2025, 305), (2026, 60)]
    assert days(db, "day, video_views")[-1] == (date(2026, 3, 1), 365)
    assert db.execute("SELECT video_views FROM account_day WHERE day = '2025-12-31'").fetchone() == (305,)
    assert db.execute("SELECT video_views FROM account_day WHERE day = '2026-01-01'").fetchone() == (306,)


def test_a_full_year_ending_before_the_import_day_is_read_in_the_files_order(db, import_files, monkeypatch, tmp_path):
    """TikTok's 365-day Overview runs from 28 February to 27 February. Imported on the 28th or later, its first
    day read on its own would be 28 February of the import's year: after the file's last day, a year late."""
    path = tmp_path / "Overview.csv"
    path.write_bytes(overview_of_days(date(2025, 2, 28), 365))
    for imported_on in (date(2026, 2, 28), date(2026, 3, 10), date(2026, 12, 4)):
        pin_today(monkeypatch, imported_on)
        db.execute("DELETE FROM account_day; DELETE FROM account_day_observation; DELETE FROM import_batch")

        [result] = import_files(path)

        assert counts(result) == ("imported", "tiktok_overview", 365, 0, 0)
        read = days(db, "day, video_views")
        assert read[0] == (date(2025, 2, 28), 1) and read[-1] == (date(2026, 2, 27), 365)
        assert [views for _, views in read] == list(range(1, 366))  # every day in the file's order
        assert result.assumed == [
            "dates without a year read as 2025–2026: in the file's order, its last day the latest such day not "
            f"after the import day, {imported_on.day} {imported_on:%b %Y}"
        ]


def test_a_year_newest_first_and_a_chosen_year(db, import_files, monkeypatch, tmp_path):
    pin_today(monkeypatch, date(2026, 3, 10))
    header = ["Date", "Video Views", "Profile Views", "Likes", "Comments", "Shares"]
    year = [date(2025, 2, 28) + timedelta(days=i) for i in range(365)]
    rows = [[f"{ENGLISH_MONTHS[d.month - 1]} {d.day}", str(i + 1), "0", "0", "0", "0"] for i, d in enumerate(year)]
    path = tmp_path / "Overview.csv"
    path.write_bytes(tiktok_csv([header, *reversed(rows)]))

    import_files(path)

    assert db.execute("SELECT min(day), max(day), count(DISTINCT day) FROM account_day").fetchone() == (
        date(2025, 2, 28),
        date(2026, 2, 27),
        365,
    )
    assert db.execute("SELECT video_views FROM account_day WHERE day = '2025-02-28'").fetchone() == (1,)

    from impact.store.ingest import import_paths
    from impact.store.options import ImportOptions

    # The person says the last day is of 2024: the whole year moves with it, still in order.
    [chosen] = import_paths(db, [path], "Second Org", ImportOptions(year=2024))
    other = "SELECT min(day), max(day) FROM account_day a JOIN organisation o ON o.id = a.organisation_id"
    assert db.execute(other + " WHERE o.name = 'Second Org'").fetchone() == (date(2023, 2, 28), date(2024, 2, 27))
    assert chosen.assumed == [
        "dates without a year read as 2023–2024: the year chosen at import for the latest day, 27 Feb 2024"
    ]


def test_days_in_order_by_hand():
    from impact.store.staging import days_in_order

    reference = date(2026, 1, 5)
    # 31 December to 1 January is one step forward, not a step back.
    assert days_in_order([(12, 31), (1, 1)], reference) == [date(2025, 12, 31), date(2026, 1, 1)]
    assert days_in_order([(1, 1), (12, 31)], reference) == [date(2026, 1, 1), date(2025, 12, 31)]
    # The latest day is the file's last (or first, newest first), not the one closest to the reference.
    assert days_in_order([(3, 1), (2, 28)], date(2026, 3, 1)) == [date(2026, 3, 1), date(2026, 2, 28)]
    assert days_in_order([(2, 28), (3, 1)], date(2026, 3, 1)) == [date(2026, 2, 28), date(2026, 3, 1)]
    assert days_in_order([(2, 28), (3, 1)], date(2026, 2, 28)) == [date(2025, 2, 28), date(2025, 3, 1)]
    # Two turns of the year in three days is no daily file (top videos in any order): each day on its own.
    assert days_in_order([(7, 16), (2, 1), (9, 3), (1, 5)], reference) is None
    assert days_in_order([(5, 1)], reference) is None
    # 29 February is read in a leap year; a chosen year without one leaves the days to be read one by one.
    assert days_in_order([(2, 28), (2, 29), (3, 1)], date(2026, 6, 1)) == [
        date(2024, 2, 28),
        date(2024, 2, 29),
        date(2024, 3, 1),
    ]
    assert days_in_order([(2, 28), (2, 29)], reference, year=2025) is None


def test_the_upload_preview_says_what_the_import_reads(db, import_files, monkeypatch, tmp_path):
    from impact.store.preview import preview_upload

    pin_today(monkeypatch, date(2026, 3, 10))
    path = tmp_path / "Overview.csv"
    path.write_bytes(overview_of_days(date(2025, 2, 28), 365))

    [preview] = preview_upload(path.name, path.read_bytes())
    [result] = import_files(path)

    assert preview.year == result.year == 2026
    assert [preview.year_note] == result.assumed


def test_february_29(db, import_files, monkeypatch, tmp_path):
    # A year ending 27 February 2025, imported on the 28th: its first day is 29 February 2024.
    pin_today(monkeypatch, date(2025, 2, 28))
    path = tmp_path / "Overview.csv"
    path.write_bytes(overview_of_days(date(2024, 2, 29), 365))

    [result] = import_files(path)

    assert counts(result) == ("imported", "tiktok_overview", 365, 0, 0)
    assert days(db, "day, video_views")[0] == (date(2024, 2, 29), 1)
    assert db.execute("SELECT max(day) FROM account_day").fetchone() == (date(2025, 2, 27),)


def test_february_29_in_a_leap_year(db, import_files, monkeypatch, tmp_path):
    pin_today(monkeypatch, date(2028, 3, 1))
    path = tmp_path / "Overview.csv"
    path.write_bytes(overview_of_days(date(2028, 2, 28), 3))

    [result] = import_files(path)

    assert counts(result) == ("imported", "tiktok_overview", 3, 0, 0)
    assert days(db, "day, video_views") == [(date(2028, 2, 28), 1), (date(2028, 2, 29), 2), (date(2028, 3, 1), 3)]


def test_a_date_in_the_file_name_is_the_reference_day(db, import_files, tmp_path):
    """A download kept as "Overview_2025-09-15.csv" is read against that day, not the import day."""
    path = tmp_path / "Overview_2025-09-15.csv"
    path.write_bytes((FIXTURES / "Overview.csv").read_bytes())

    [result] = import_files(path)

    assert counts(result) == ("imported", "tiktok_overview", 7, 0, 0)
    assert db.execute("SELECT min(day), max(day) FROM account_day").fetchone() == (date(2025, 2, 22), date(2025, 2, 28))


def test_overlapping_overview_is_not_counted_twice(db, import_files, monkeypatch):
    pin_today(monkeypatch, date(2026, 3, 4))
    import_files("tiktok/Overview.csv")

    [result] = import_files("tiktok/overlap/Overview.csv")

    # 25-28 February again (27 February revised: 3875 -> 3901 views, 301 -> 305 likes), 1-3 March new.
    assert counts(result) == ("imported", "tiktok_overview", 3, 1, 3)
    assert db.execute("SELECT count(*), sum(video_views), sum(engagements) FROM account_day").fetchone() == (
        10,
        12015 - 3875 + 3901 + 1750 + 990 + 2210,
        996 - 341 + 345 + 133 + 74 + 191,
    )
    assert db.execute("SELECT min(day), max(day) FROM account_day").fetchone() == (date(2026, 2, 22), date(2026, 3, 3))


# ------------------------------------------------------------------------------------ other files


def test_content_top_videos(db, import_files, monkeypatch):
    pin_today(monkeypatch, date(2026, 3, 1))
    import_files("tiktok/Content.csv")

    rows = db.execute(
        """SELECT post_id, published_at, likes, comments, shares, video_views, engagements, impressions, text
           FROM post WHERE platform = 'tiktok' ORDER BY published_at"""
    ).fetchall()
    # "Post time" has no year: October and December are 2025, January and February 2026.
    assert rows == [
        ("7555555555555555555", datetime(2025, 10, 7), 0, 2, 0, 3004, 2, None, "Thank you, donors! 💧 40 villages"),
        (
            "7576543210987654321",
            datetime(2025, 12, 2),
            1337,
            88,
            140,
            61022,
            1565,
            None,
            "How a sand filter works, in 30 seconds",
        ),
        ("7598765432109876543", datetime(2026, 1, 30), 95, 4, 6, 5210, 105, None, None),
        (
            "7601234567890123456",
            datetime(2026, 2, 14),
            412,
            37,
            25,
            18940,
            474,
            None,
            "Cleanup day at the river 🌊 #volunteer #cleanwater",
        ),
    ]
    assert db.execute("SELECT url FROM post WHERE post_id = '7598765432109876543'").fetchone() == (
        "https://www.tiktok.com/@cleanrivertrust/video/7598765432109876543",
    )
    # The handle is in the links; the download day ("Time") is kept in extra.
    assert db.execute("SELECT DISTINCT a.handle FROM post p JOIN account a ON a.id = p.account_id").fetchall() == [
        ("cleanrivertrust",)
    ]
    assert json.loads(db.execute("SELECT extra FROM post LIMIT 1").fetchone()[0]) == {"Time": "February 28"}


def test_viewers_are_daily_reach(db, import_files, monkeypatch):
    pin_today(monkeypatch, date(2026, 3, 1))
    import_files("tiktok/Viewers.csv")

    # "Total Viewers" is the day's reach; "undefined" on 22 February is no value, not 0.
    assert days(db, "day, reach, video_views") == [
        (date(2026, 2, 22), None, None),
        (date(2026, 2, 23), 640, None),
        (date(2026, 2, 24), 1510, None),
        (date(2026, 2, 25), 980, None),
        (date(2026, 2, 26), 0, None),
        (date(2026, 2, 27), 2405, None),
        (date(2026, 2, 28), 1312, None),
    ]
    extra = db.execute("SELECT extra FROM account_day WHERE day = '2026-02-27'").fetchone()[0]
    assert json.loads(extra) == {"New Viewers": "2210", "Returning Viewers": "195"}


def test_follower_folder_imports_history_and_skips_the_breakdowns(db, import_files, monkeypatch):
    pin_today(monkeypatch, date(2026, 3, 1))
    results = import_files("tiktok/Followers_cleanrivertrust")

    assert [(r.file, r.status, r.connector) for r in results] == [
        ("FollowerActivity.csv", "skipped", "tiktok_follower_activity"),
        ("FollowerGender.csv", "skipped", "tiktok_follower_gender"),
        ("FollowerHistory.csv", "imported", "tiktok_follower_history"),
        ("FollowerTopTerritories.csv", "skipped", "tiktok_follower_territories"),
    ]
    assert (
        results[1].error
        == "FollowerGender.csv: TikTok's followers by gender, a share of the whole; this product does not store it."
    )
    assert days(db, "day, followers, followers_gained, followers_lost") == [
        (date(2026, 2, 22), None, None, None),  # "undefined"
        (date(2026, 2, 23), 1040, None, None),
        (date(2026, 2, 24), 1052, None, None),
        (date(2026, 2, 25), 1049, None, None),
        (date(2026, 2, 26), 1049, None, None),
        (date(2026, 2, 27), 1071, None, None),
        (date(2026, 2, 28), 1078, None, None),
    ]
    # The difference is a net change (-3 on the 25th), kept in extra, never counted as followers gained.
    extra = db.execute("SELECT extra FROM account_day WHERE day = '2026-02-25'").fetchone()[0]
    assert json.loads(extra) == {"Difference in followers from previous day": "-3"}


def test_whole_tiktok_folder_fills_one_row_per_day(db, import_files, monkeypatch):
    pin_today(monkeypatch, date(2026, 3, 1))
    results = import_files("tiktok/Overview.csv", "tiktok/Viewers.csv", "tiktok/Followers_cleanrivertrust")

    assert [r.status for r in results] == ["imported", "imported", "skipped", "skipped", "imported", "skipped"]
    assert days(db, "day, video_views, engagements, reach, followers")[-1] == (date(2026, 2, 28), 2144, 166, 1312, 1078)
    assert db.execute("SELECT count(*), sum(video_views), sum(reach) FROM account_day").fetchone() == (7, 12015, 6847)


def test_extras_of_several_files_for_one_day_are_all_kept(db, import_files, monkeypatch):
    pin_today(monkeypatch, date(2026, 3, 1))
    import_files("tiktok/Overview.csv", "tiktok/Viewers.csv")

    extra = json.loads(db.execute("SELECT extra FROM account_day WHERE day = '2026-02-27'").fetchone()[0])
    assert extra == {
        "Likes": "301",
        "Comments": "22",
        "Shares": "18",
        "New Viewers": "2210",
        "Returning Viewers": "195",
    }


# ------------------------------------------------------------------------------------------ bad input


def test_truncated_overview_keeps_the_whole_days(db, import_files, monkeypatch):
    pin_today(monkeypatch, date(2026, 3, 1))
    [result] = import_files(BROKEN / "Overview_truncated.csv")

    # The file ends inside the quoted Profile Views of 28 February (physical line 8).
    assert result.rejections == [(8, "line has a stray quote character")]
    assert db.execute("SELECT reason FROM import_rejection").fetchall() == [("line has a stray quote character",)]


def test_summary_fills_tiktok_from_daily_figures_when_there_are_no_posts(db, import_files, monkeypatch):
    from impact.figures.summary import summary
    from tests.conftest import ORG

    pin_today(monkeypatch, date(2026, 3, 1))
    import_files("tiktok/Overview.csv", "tiktok/Viewers.csv")
    (entry,) = summary(db, ORG)
    # Views and engagements add up over days; reach (distinct viewers a day) does not, so it stays null.
    assert entry["platforms"]["tiktok"] == {
        "posts": None,
        "impressions": None,
        "reach": None,
        "engagements": 996,
        "video_views": 12015,
        "days": 7,
        "followers": None,
    }


# ------------------------------------------------------------------------------------- 2025 layouts

NEW = FIXTURES / "2025"


def test_overview_2025_reads_nan_and_dashes_as_no_value(db, import_files):
    [result] = import_files(NEW / "Overview.csv")

    # 27 October has "--" in every cell: set aside, not a day of zeros.
    assert counts(result) == ("imported", "tiktok_overview_2025", 5, 0, 0)
    assert (
        result.set_aside
        == "1 rows not counted (days on which every figure is '--' or 'NAN': TikTok had no data for them)"
    )
    # Engagements = likes + shares + comments; NAN and "--" are no value, never 0.
    assert days(db, "day, video_views, reach, profile_views, engagements, followers_gained, followers_lost") == [
        (date(2025, 10, 26), 3105, 2270, 77, 260 + 31 + 24, 16, 2),
        (date(2025, 10, 28), 860, 610, None, 71 + 6 + 5, 2, 2),
        (date(2025, 10, 29), None, None, 12, 40 + 3 + 2, 1, 2),
        (date(2025, 10, 30), 2210, 1405, 51, 188 + 22 + 17, 12, 3),
        (date(2025, 10, 31), 1520, 980, 34, 120 + 14 + 9, 7, 2),
    ]
    # Likes, shares, comments and the net change stay in extra; "Phone number clicks " (trailing space)
    # and "Leads submission" are "--" on every day, so they are not kept at all.
    extra = db.execute("SELECT extra FROM account_day WHERE day = '2025-10-29'").fetchone()[0]
    assert json.loads(extra) == {"Likes": "40", "Shares": "3", "Comments": "2", "Net growth": "-1"}


def test_overlapping_overview_2025_is_not_counted_twice(db, import_files):
    import_files(NEW / "Overview.csv")
    [later] = import_files(NEW / "overlap" / "Overview.csv")

    # 29-31 October again (30 October revised: 2210 -> 2230 views), 1-2 November new.
    assert counts(later) == ("imported", "tiktok_overview_2025", 2, 1, 2)
    assert db.execute(
        "SELECT count(*), sum(video_views), sum(reach), sum(followers_gained) FROM account_day"
    ).fetchone() == (
        7,
        3105 + 860 + 2230 + 1520 + 2405 + 1980,
        2270 + 610 + 1415 + 980 + 1702 + 1330,
        16 + 2 + 1 + 12 + 7 + 13 + 8,
    )


def test_overview_2025_with_days_without_a_year(db, import_files, monkeypatch, tmp_path):
    """The older style of date ("October 31") in the 2025 layout reads as a day without a year."""
    pin_today(monkeypatch, date(2026, 1, 2))
    header = (
        "Date,Video views,Reached audience,Profile views,Likes,Shares,Comments,Net growth,New followers,Lost followers"
    )
    path = tmp_path / "Overview.csv"
    path.write_text(f"{header}\nDecember 31,10,8,1,2,0,0,1,1,0\nJanuary 1,20,15,2,3,1,0,0,1,1\n", encoding="utf-8")

    [result] = import_files(path)

    assert counts(result) == ("imported", "tiktok_overview_2025", 2, 0, 0)
    assert days(db, "day, video_views, engagements") == [(date(2025, 12, 31), 10, 2), (date(2026, 1, 1), 20, 4)]


def test_video_list_2025(db, import_files):
    import_files(NEW / "Videos.csv")

    rows = db.execute(
        """SELECT post_id, published_at, text, video_views, likes, comments, shares, saves, engagements
           FROM post WHERE platform = 'tiktok' ORDER BY published_at"""
    ).fetchall()
    # The file is not in date order; the id is the number in the link; quotes and emoji kept as written.
    assert rows == [
        ("7550000000000000001", datetime(2025, 10, 2, 20, 45), "Quick update", 980, 45, 3, 2, 6, 50),
        (
            "7559876543210987654",
            datetime(2025, 10, 21, 9, 15),
            "Why we test the water, every week 💧",
            4120,
            210,
            12,
            9,
            33,
            231,
        ),
        (
            "7561234567890123456",
            datetime(2025, 10, 28, 18, 3),
            'River cleanup 🌊 "before & after"',
            12840,
            933,
            41,
            57,
            120,
            1031,
        ),
        # NAN views and "--" comments and favourites: no value, not 0.
        (
            "7565555555555555555",
            datetime(2025, 10, 31, 12, 0),
            'Meet Asha: "I came for one day and stayed" ❤️',
            None,
            88,
            None,
            4,
            None,
            92,
        ),
    ]
    assert db.execute("SELECT DISTINCT a.handle FROM post p JOIN account a ON a.id = p.account_id").fetchall() == [
        ("cleanrivertrust",)
    ]


def test_overlapping_video_list_2025_is_not_counted_twice(db, import_files, post_key_duplicates):
    import_files(NEW / "Videos.csv")
    [later] = import_files(NEW / "overlap" / "Videos.csv")

    # "Meet Asha" now has its figures, "Bridge count" is new, "River cleanup" is unchanged.
    assert counts(later) == ("imported", "tiktok_videos_2025", 1, 1, 1)
    assert db.execute("SELECT count(*), sum(video_views), sum(likes), sum(saves) FROM post").fetchone() == (
        5,
        980 + 4120 + 12840 + 6120 + 1500,
        45 + 210 + 933 + 402 + 96,
        6 + 33 + 120 + 77 + 11,
    )
    assert post_key_duplicates(db) == []


def test_followers_2025_and_overview_fill_one_row_per_day(db, import_files):
    results = import_files(NEW / "Overview.csv", NEW / "Followers.csv")

    assert [(r.status, r.connector, r.rows_new, r.rows_updated) for r in results] == [
        ("imported", "tiktok_overview_2025", 5, 0),
        ("imported", "tiktok_followers_2025", 0, 4),
    ]
    assert days(db, "day, followers, followers_gained, followers_lost, reach, video_views") == [
        (date(2025, 10, 26), None, 16, 2, 2270, 3105),
        (date(2025, 10, 28), 1180, 2, 2, 610, 860),
        (date(2025, 10, 29), 1179, 1, 2, None, None),  # NAN in both files
        (date(2025, 10, 30), 1188, 12, 3, 1405, 2210),
        (date(2025, 10, 31), 1193, 7, 2, 980, 1520),
    ]
    extra = json.loads(db.execute("SELECT extra FROM account_day WHERE day = '2025-10-30'").fetchone()[0])
    assert extra == {"Likes": "188", "Shares": "22", "Comments": "17", "Net growth": "9", "Engaged audience": "212"}
