"""Values checked per kind (issue 13, items 3 and 4): counts, durations, amounts and dates out of range.

Each test writes a small CSV in the shape of a real export, imports it into a fresh store and checks the
rows left out, the reason given for each (row number, column and value) and the values of the rows kept.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import duckdb
import pytest

from impact.store.history import batch_rejections
from impact.store.ingest import ImportResult, import_paths

ORG = "Clean River Trust"
COUNTS = "is out of range: counts run from 0 to 10^12"


def run(db: duckdb.DuckDBPyConnection, path: Path, text: str) -> ImportResult:
    path.write_text(text, encoding="utf-8")
    [result] = import_paths(db, [path], ORG)
    assert result.status == "imported", result.error
    return result


def out_of_dates(day_after: date) -> str:
    return f"is out of range: dates run from 1 Jan 2004 to {day_after:%-d %b %Y}, the day after the import"


YOUTUBE = "Content,Video title,Video publish time,Views,Watch time (hours),Thumbnail impressions\n"


def youtube_posts(db: duckdb.DuckDBPyConnection) -> list[tuple[object, ...]]:
    return db.execute(
        "SELECT post_id, published_at, video_views, watch_time_hours, impressions FROM post ORDER BY post_id"
    ).fetchall()


def test_counts_and_watch_time_out_of_range_reject_their_row(db, tmp_path):
    result = run(
        db,
        tmp_path / "Table data.csv",
        YOUTUBE
        + """v01,Good,"May 20, 2026",1938.0,12.5,"1,234"
v02,Negative impressions,"May 20, 2026",10,1,-5
v03,Huge impressions,"May 20, 2026",10,1,9e18
v04,Negative views,"May 20, 2026",-100,1,10
v05,Infinite watch time,"May 20, 2026",10,inf,10
v06,Negative watch time,"May 20, 2026",10,-2,10
v07,Decimal count,"May 20, 2026",10,1,1.234
v08,No watch time,"May 20, 2026",10,NaN,1000000000000
v09,Too many,"May 20, 2026",10,1,1000000000001
""",
    )

    assert result.rows_rejected == 7
    # Messages name a column by the first of its names ("Impressions" is now "Thumbnail impressions").
    assert batch_rejections(db, result.batch_id) == [
        f'row 2: Impressions "-5" {COUNTS}',
        f'row 3: Impressions "9e18" {COUNTS}',
        f'row 4: Views "-100" {COUNTS}',
        'row 5: Watch time (hours) "inf" is out of range: from 0 to 10^12',
        'row 6: Watch time (hours) "-2" is out of range: from 0 to 10^12',
        'row 7: Impressions "1.234" is not a whole number',
        f'row 9: Impressions "1000000000001" {COUNTS}',
    ]
    assert youtube_posts(db) == [
        ("v01", datetime(2026, 5, 20), 1938, 12.5, 1234),
        ("v08", datetime(2026, 5, 20), 10, None, 10**12),  # TikTok's and YouTube's "NaN": no figure
    ]


def test_a_count_with_a_dot_is_thousands_in_a_file_that_groups_with_dots(db, tmp_path):
    """A semicolon-separated file comes from a locale that writes 1.234 for a thousand and more."""
    result = run(
        db,
        tmp_path / "Table data.csv",
        YOUTUBE.replace(",", ";") + 'v01;Good;"May 20, 2026";1.938;12,5;1.234\n',
    )

    assert result.rows_rejected == 0
    assert youtube_posts(db) == [("v01", datetime(2026, 5, 20), 1938, 12.5, 1234)]


def test_the_cells_not_the_separator_say_which_mark_is_decimal(db, tmp_path):
    """Excel's "Unicode Text" in a decimal-comma locale separates with tabs and writes 19,2306; LibreOffice in
    an English locale separates with ';' and writes 19.2306. Read by the separator alone, both were 192,306."""
    tabs = YOUTUBE.replace(",", "\t") + 'v01\tGood\t"May 20, 2026"\t1938\t19,2306\t1234\n'
    path = tmp_path / "Table data.txt"
    path.write_bytes(b"\xff\xfe" + tabs.encode("utf-16-le"))
    [result] = import_paths(db, [path], ORG)
    assert (result.status, result.rows_rejected) == ("imported", 0)
    assert youtube_posts(db) == [("v01", datetime(2026, 5, 20), 1938, 19.2306, 1234)]

    points = YOUTUBE.replace(",", ";") + 'v02;Fine;"May 21, 2026";905;6.8056;4100\n'
    run(db, tmp_path / "Table data.csv", points)
    assert youtube_posts(db)[1] == ("v02", datetime(2026, 5, 21), 905, 6.8056, 4100)


RAZORPAY = "id,amount,currency,status,method,amount_refunded,captured,email,created_at\n"


def test_amounts_strip_currency_and_refuse_exponents_and_extra_decimals(db, tmp_path):
    result = run(
        db,
        tmp_path / "payments_report.csv",
        RAZORPAY
        + """pay_01,Rs. 500,INR,captured,upi,0,1,a@example.in,06/01/2024 10:00:00
pay_02,1.5e3,INR,captured,upi,0,1,a@example.in,06/01/2024 10:00:00
pay_03,1e309,INR,captured,upi,0,1,a@example.in,06/01/2024 10:00:00
pay_04,"₹ 1,200.50",INR,captured,upi,0,1,a@example.in,06/01/2024 10:00:00
pay_05,US$ 5,USD,captured,card,0,1,a@example.in,06/01/2024 10:00:00
pay_06,12.345,INR,captured,upi,0,1,a@example.in,06/01/2024 10:00:00
pay_07,12.345,KWD,captured,card,0,1,a@example.in,06/01/2024 10:00:00
pay_08,-5,INR,captured,upi,0,1,a@example.in,06/01/2024 10:00:00
pay_09,€ 20,EUR,captured,card,0,1,a@example.in,06/01/2024 10:00:00
pay_10,£7.5,GBP,captured,card,0,1,a@example.in,06/01/2024 10:00:00
pay_11,Rs 250 INR,INR,captured,upi,0,1,a@example.in,06/01/2024 10:00:00
pay_12,$ 3.99,USD,captured,card,0,1,a@example.in,06/01/2024 10:00:00
pay_13,"INR 1,00,000",INR,captured,upi,0,1,a@example.in,06/01/2024 10:00:00
pay_14,"1,234.5.6",INR,captured,upi,0,1,a@example.in,06/01/2024 10:00:00
""",
    )

    assert result.rows_rejected == 5
    assert batch_rejections(db, result.batch_id) == [
        # A required column whose value is refused also says the row has none.
        'row 2: amount "1.5e3" is not an amount; no amount',
        'row 3: amount "1e309" is not an amount; no amount',
        'row 6: amount "12.345" has too many decimals for an amount',
        'row 8: amount "-5" is negative, which this export does not mean',
        'row 14: amount "1,234.5.6" is not an amount; no amount',
    ]
    assert db.execute("SELECT reference, amount, currency FROM outcome ORDER BY reference").fetchall() == [
        ("pay_01", Decimal("500.00"), "INR"),
        ("pay_04", Decimal("1200.50"), "INR"),
        ("pay_05", Decimal("5.00"), "USD"),
        # Three decimals are allowed for a currency that has them; the store keeps two (DECIMAL(18, 2)).
        ("pay_07", Decimal("12.35"), "KWD"),
        ("pay_09", Decimal("20.00"), "EUR"),
        ("pay_10", Decimal("7.50"), "GBP"),
        ("pay_11", Decimal("250.00"), "INR"),
        ("pay_12", Decimal("3.99"), "USD"),
        ("pay_13", Decimal("100000.00"), "INR"),
    ]


def test_a_refund_amount_may_be_negative_where_the_format_means_it(db, tmp_path):
    """PayPal writes a refund as a negative gross: Field.negative lets it through (tests/test_donations.py
    covers the files); here the net of Razorpay's amount and amount_refunded may not go below zero."""
    result = run(
        db,
        tmp_path / "payments_report.csv",
        RAZORPAY
        + """pay_01,500.00,INR,refunded,upi,500.00,1,a@example.in,06/01/2024 10:00:00
pay_02,500.00,INR,captured,upi,600.00,1,a@example.in,06/01/2024 10:00:00
""",
    )

    assert result.rows_rejected == 1
    assert batch_rejections(db, result.batch_id) == [
        'row 2: amount "500.00" is negative, which this export does not mean'
    ]
    assert db.execute("SELECT reference, kind, amount FROM outcome").fetchall() == [
        ("pay_01", "refund", Decimal("0.00"))
    ]


TEMPLATE = "date,person,platform,activity,minutes,campaign,note\n"


def test_minutes_are_finite_not_negative_and_at_most_a_day(db, tmp_path):
    result = run(
        db,
        tmp_path / "time_log.csv",
        TEMPLATE
        + """2026-11-02,Priya,Instagram,create content,90,,good
2026-11-02,Priya,Instagram,create content,-30,,negative
2026-11-02,Priya,Instagram,create content,NaN,,no number
2026-11-02,Priya,Instagram,create content,1e17,,huge
2026-11-02,Priya,Instagram,create content,inf,,infinite
2026-11-02,Priya,Instagram,create content,25:00,,over a day
2026-11-02,Priya,Instagram,create content,24:00,,a whole day
2026-11-02,Priya,Instagram,create content,1440.5,,just over a day
""",
    )

    assert result.rows_rejected == 6
    assert batch_rejections(db, result.batch_id) == [
        'row 2: minutes "-30" is out of range: 0 to 24 hours',
        "row 3: no minutes",
        'row 4: minutes "1e17" is out of range: 0 to 24 hours',
        'row 5: minutes "inf" is out of range: 0 to 24 hours',
        'row 6: minutes "25:00" is out of range: 0 to 24 hours',
        'row 8: minutes "1440.5" is out of range: 0 to 24 hours',
    ]
    assert db.execute("SELECT note, minutes FROM time_entry ORDER BY minutes").fetchall() == [
        ("good", 90.0),
        ("a whole day", 1440.0),
    ]


def test_impossible_and_out_of_range_dates_reject_their_row(db, tmp_path):
    day_after = date.today() + timedelta(days=1)
    too_late = day_after + timedelta(days=1)
    result = run(
        db,
        tmp_path / "time_log.csv",
        TEMPLATE
        + f"""2025-02-28,Priya,Instagram,create content,10,,good
2025-02-30,Priya,Instagram,create content,10,,30 February
2003-12-31,Priya,Instagram,create content,10,,too early
2004-01-01,Priya,Instagram,create content,10,,first day
9999-12-31,Priya,Instagram,create content,10,,year 9999
{day_after:%Y-%m-%d},Priya,Instagram,create content,10,,tomorrow
{too_late:%Y-%m-%d},Priya,Instagram,create content,10,,the day after tomorrow
""",
    )

    assert result.rows_rejected == 4
    assert batch_rejections(db, result.batch_id) == [
        'row 2: date "2025-02-30" is not a date this export uses; no date',
        f'row 3: date "2003-12-31" {out_of_dates(day_after)}',
        f'row 5: date "9999-12-31" {out_of_dates(day_after)}',
        f'row 7: date "{too_late:%Y-%m-%d}" {out_of_dates(day_after)}',
    ]
    assert db.execute("SELECT day, note FROM time_entry ORDER BY day").fetchall() == [
        (date(2004, 1, 1), "first day"),
        (date(2025, 2, 28), "good"),
        (day_after, "tomorrow"),
    ]


def test_a_post_dated_9999_is_refused_and_the_overview_figures_still_load(db, tmp_path):
    result = run(
        db,
        tmp_path / "Table data.csv",
        YOUTUBE + 'v01,Good,"May 20, 2026",10,1,100\nv02,Far future,"Dec 31, 9999",10,1,100\n',
    )

    assert result.rows_rejected == 1
    assert batch_rejections(db, result.batch_id) == [
        f'row 2: Video publish time "Dec 31, 9999" {out_of_dates(date.today() + timedelta(days=1))}'
    ]
    # What the pages read goes through pandas, whose timestamps end in 2262.
    frame = db.execute("SELECT published_at FROM post").df()
    assert list(frame["published_at"]) == [datetime(2026, 5, 20)]


@pytest.mark.parametrize("day", ["30 February", "February 30"])
def test_a_day_without_a_year_that_does_not_exist_is_refused(db, tmp_path, monkeypatch, day):
    """TikTok's days without a year are built by date arithmetic: 30 February must not become 1 March."""
    monkeypatch.setattr("impact.store.ingest.today", lambda: date(2026, 3, 4))
    result = run(
        db,
        tmp_path / "Overview.csv",
        "Date,Video Views,Profile Views,Likes,Comments,Shares\n"
        f'February 28,1,0,0,0,0\n"{day}",2,0,0,0,0\nMarch 1,3,0,0,-1,0\n',
    )

    assert result.rows_rejected == 1
    assert batch_rejections(db, result.batch_id) == [f'row 2: Date "{day}" is not a day and month; no Date']
    # A day's comments are a net change (a deleted comment): negative where the format means it.
    assert db.execute("SELECT day, video_views FROM account_day ORDER BY day").fetchall() == [
        (date(2026, 2, 28), 1),
        (date(2026, 3, 1), 3),
    ]


def test_amounts_in_a_file_that_writes_decimal_commas(db, tmp_path):
    """A semicolon-separated file writes 1.234 for a thousand and more, and 12,5 for twelve and a half."""
    rows = [
        "pay_01;1.234;INR;captured;upi;0;1;a@example.in;06/01/2024 10:00:00",
        "pay_02;1.234,5;INR;captured;upi;0;1;a@example.in;06/01/2024 10:00:00",
        "pay_03;Rs. 12,5;INR;captured;upi;0;1;a@example.in;06/01/2024 10:00:00",
        "pay_04;12,345;INR;captured;upi;0;1;a@example.in;06/01/2024 10:00:00",
    ]
    result = run(db, tmp_path / "payments_report.csv", RAZORPAY.replace(",", ";") + "\n".join(rows) + "\n")

    assert result.rows_rejected == 0
    assert db.execute("SELECT reference, amount FROM outcome ORDER BY reference").fetchall() == [
        ("pay_01", Decimal("1234.00")),
        ("pay_02", Decimal("1234.50")),
        ("pay_03", Decimal("12.50")),
        ("pay_04", Decimal("12345.00")),  # a comma before three digits groups thousands, as before
    ]
