"""The classic Facebook page-level Insights export: a wide cp1252 file, exact daily figures, bad input.

The fixtures are written by tests/fixtures/facebook/page_level/make_fixtures.py; the expected figures
below are added up by hand from its FIRST and SECOND tables. Each file's connector, totals and second
import are in tests/test_connector_contract.py.
"""

from __future__ import annotations

import csv
import io
import json
from datetime import date, datetime
from pathlib import Path

FOLDER = Path(__file__).resolve().parent / "fixtures" / "facebook" / "page_level"
FIRST = FOLDER / "Facebook Insights Data Export - Clean River Trust - 2015-08-19 - 2015-08-25.csv"
SECOND = FOLDER / "Facebook Insights Data Export - Clean River Trust - 2015-08-23 - 2015-08-29.csv"
BARCELONA = "Lifetime Likes by City - Barcelona, Cataluña, Spain"


def counts(result) -> tuple:
    return (result.status, result.connector, result.rows_new, result.rows_updated, result.rows_unchanged)


def totals(db) -> tuple:
    return db.execute(
        """SELECT count(*), sum(followers_gained), sum(followers_lost), sum(engagements), sum(reach), sum(impressions)
           FROM account_day WHERE platform = 'facebook'"""
    ).fetchone()


def extra_on(db, day: str) -> dict[str, object]:
    return json.loads(db.execute("SELECT extra FROM account_day WHERE day = ?", [day]).fetchone()[0])


def test_fixture_is_the_real_shape():
    data = FIRST.read_bytes()
    assert not data.startswith(b"\xef\xbb\xbf")
    assert data.count(b"\r\n") == 9 and data.count(b"\n") == 9  # header, descriptions, 7 days; CRLF only
    assert b"Catalu\xf1a" in data  # cp1252, not UTF-8
    header = data.split(b"\r\n")[0].decode("cp1252")
    assert header.startswith("Date,Lifetime Total Likes,Daily New Likes,Daily Unlikes,Daily Page Engaged Users,")
    names = next(csv.reader(io.StringIO(header)))
    # 714 columns, 210 of them quoted because their names hold commas ("Barcelona, Cataluña, Spain").
    assert (len(names), sum("," in n for n in names)) == (714, 210)


def test_page_level_export(db, import_files):
    import_files(FIRST)

    rows = db.execute(
        """SELECT day, followers, followers_gained, followers_lost, engagements, reach, impressions
           FROM account_day ORDER BY day"""
    ).fetchall()
    assert rows == [
        (date(2015, 8, 19), 1200, 5, 1, 40, 850, 1500),
        (date(2015, 8, 20), 1204, 6, 2, 35, 920, 1610),
        (date(2015, 8, 21), 1209, 7, 2, 52, 1310, 2280),
        (date(2015, 8, 22), 1213, 4, 0, 18, 400, 700),
        (date(2015, 8, 23), 1216, 3, 0, 12, 380, 640),
        (date(2015, 8, 24), 1222, 8, 2, 61, 1750, 3105),
        (date(2015, 8, 25), 1225, 4, 1, 44, 990, 1720),
    ]
    # The page's name comes from the file name (see the contract table); the description row is not a day,
    # and the export's day is the end of the period its name gives.
    assert db.execute("SELECT rows_read, as_of FROM import_batch").fetchone() == (7, datetime(2015, 8, 25))


def test_breakdowns_stay_out_of_the_way(db, import_files):
    import_files(FIRST)

    extra = extra_on(db, "2015-08-25")
    # The accented city survives, decoded from cp1252: 10 fans on 8/19, one more a day.
    assert extra[BARCELONA] == "16"
    assert extra_on(db, "2015-08-19")[BARCELONA] == "10"
    assert extra["Daily Organic Reach"] == "890"
    # Kept: the 7 other daily totals and the 114 lifetime fan-profile columns (gender and age, country,
    # city, language), the repeated "Daily Logged-in Page Views" numbered "(2)": 122 names over the days
    # (a day's empty cells leave no key). Dropped: 450 weekly and 28-day columns and 135 daily breakdowns.
    names = set().union(*(json.loads(e) for (e,) in db.execute("SELECT extra FROM account_day").fetchall()))
    assert len(names) == 122
    assert {"Daily Logged-in Page Views", "Daily Logged-in Page Views (2)"} <= names
    assert not [k for k in names if k.startswith(("Weekly", "28 Days")) or (k.startswith("Daily") and " - " in k)]
    assert sum(k.startswith("Lifetime Likes by City - ") for k in names) == 36


def test_overlapping_export_is_not_counted_twice(db, import_files):
    import_files(FIRST)

    [result] = import_files(SECOND)

    # 8/23-8/25 again, 8/26-8/29 new. Only 8/23's figures changed (reach 380 -> 395). A breakdown column
    # that is empty on every day of the second export (Lifetime Likes by Country - CA, - FR) is left out
    # of its `extra`, which is merged into the day's, so 8/24 and 8/25 are unchanged.
    assert counts(result) == ("imported", "facebook_insights_page_level", 4, 1, 2)
    before = [(1222, 8, 2, 61, 1750, 3105), (1225, 4, 1, 44, 990, 1720)]
    assert (
        db.execute(
            """SELECT followers, followers_gained, followers_lost, engagements, reach, impressions FROM account_day
               WHERE day IN ('2015-08-24', '2015-08-25') ORDER BY day"""
        ).fetchall()
        == before
    )
    assert totals(db) == (11, 37 + 14, 8 + 3, 262 + 108, 6600 + 15 + 3030, 11555 + 5120)
    assert db.execute("SELECT reach FROM account_day WHERE day = '2015-08-23'").fetchone() == (395,)
    assert db.execute("SELECT day, followers FROM account_day ORDER BY day DESC LIMIT 1").fetchone() == (
        date(2015, 8, 29),
        1236,
    )


def test_utf16_resave_imports_the_same(db, import_files, tmp_path):
    path = tmp_path / FIRST.name
    path.write_bytes(FIRST.read_bytes().decode("cp1252").encode("utf-16"))

    [result] = import_files(path)

    assert counts(result) == ("imported", "facebook_insights_page_level", 7, 0, 0)
    assert totals(db) == (7, 37, 8, 262, 6600, 11555)
    assert extra_on(db, "2015-08-25")[BARCELONA] == "16"


def test_truncated_copy_keeps_the_whole_days(db, import_files, tmp_path):
    data = FIRST.read_bytes()
    last = data.index(b"\r\n8/25/2015,")
    path = tmp_path / FIRST.name
    path.write_bytes(data[: last + 300])  # the last day cut after ~300 bytes of its 2,000

    [result] = import_files(path)

    assert (result.status, result.rows_new, result.rows_rejected) == ("imported", 6, 1)
    assert result.rejections == [(9, "line has fewer columns than the header (the line may be cut off)")]
    assert totals(db) == (6, 33, 7, 218, 5610, 9835)


def test_copy_cut_inside_the_header_is_rejected(db, import_files, snapshot, tmp_path):
    import_files(SECOND)
    before = snapshot(db)
    path = tmp_path / FIRST.name
    path.write_bytes(FIRST.read_bytes()[:5000])

    [result] = import_files(path)

    assert (result.status, result.batch_id) == ("rejected", None)
    assert result.error == (
        f"{FIRST.name}: has the header of Facebook Insights Data Export (page level), classic but no data rows; "
        "there is nothing to import."
    )
    assert snapshot(db) == before
