"""Google Analytics 4 report downloads: every report kind, row by row, the multi-table export, overlaps.

Which connector each download is, its totals, the second import and the downloads rejected whole
are in tests/test_connector_contract.py.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from connectors.ga4_csv import prepare_blocks

WEB = Path(__file__).resolve().parent / "fixtures" / "website"
PROPERTY = "Clean River Trust - GA4"


def counts(result) -> tuple:
    return (
        result.status,
        result.connector,
        result.rows_new,
        result.rows_updated,
        result.rows_unchanged,
        result.rows_rejected,
    )


def traffic(db, columns: str, dimension: str) -> list[tuple]:
    return db.execute(
        f"SELECT {columns} FROM web_traffic w JOIN account a ON a.id = w.account_id "
        "WHERE w.platform = 'website' AND w.dimension = ? ORDER BY ALL",
        [dimension],
    ).fetchall()


def test_pages_and_screens(db, import_files):
    import_files(WEB / "Pages_and_screens_Page_path_and_screen_class.csv")

    # The property and the period come from the lines above the header; a page report has no sessions.
    rows = traffic(
        db, "a.handle, period_start, period_end, dimension_value, views, users, key_events, sessions", "page"
    )
    period = (PROPERTY, date(2026, 2, 24), date(2026, 3, 23))
    assert rows == [
        (*period, "/", 221, 154, 0, None),
        (*period, "/donate/", 139, 83, 12, None),
        (*period, "/news/river-cleanup-2026/", 30, 7, 0, None),
        (*period, "/privacy/", 10, 10, 0, None),
        (*period, "/volunteer/", 74, 37, 3, None),
    ]
    extra = db.execute("SELECT extra->>'Event count' FROM web_traffic WHERE dimension_value = '/donate/'").fetchone()
    assert extra == ("359",)


def test_a_later_download_of_the_same_month_updates_and_never_doubles(db, import_files):
    import_files(WEB / "Traffic_acquisition_Session_source_medium.csv")
    totals = "sum(sessions), sum(users), sum(engaged_sessions), sum(key_events), count(*)"

    # A later download of the same month: revised google / organic, one source more. Nothing doubles.
    [later] = import_files(WEB / "overlap" / "Traffic_acquisition_Session_source_medium_2026-04-02.csv")
    assert counts(later) == ("imported", "ga4_source_medium", 1, 1, 3, 0)
    assert db.execute(f"SELECT {totals} FROM web_traffic").fetchone() == (1025, 830, 554, 22, 5)
    assert traffic(db, "dimension_value, sessions", "source_medium")[2] == ("google / organic", 534)


def test_channel_group_2023_reads_conversions_as_key_events(db, import_files):
    import_files(WEB / "Traffic_acquisition_Session_default_channel_group_2023.csv")

    rows = traffic(db, "dimension_value, sessions, users, key_events, period_start, period_end", "channel_group")
    october = (date(2023, 10, 1), date(2023, 10, 31))
    assert rows == [
        ("Direct", 281, 230, 3, *october),
        ("Organic Search", 470, 380, 7, *october),
        ("Organic Social", 133, 120, 1, *october),
        ("Unassigned", 4, 4, 0, *october),
    ]


def test_user_acquisition_by_first_user_source_medium(db, import_files):
    import_files(WEB / "User_acquisition_First_user_source_medium.csv")

    rows = traffic(db, "dimension_value, new_users, users", "first_user_source_medium")
    assert rows == [
        ("(direct) / (none)", 226, 250),
        ("google / organic", 371, 412),
        ("instagram.com / referral", 30, 33),
    ]


def test_report_by_date_gives_one_row_per_day(db, import_files):
    import_files(WEB / "Traffic_acquisition_Date.csv")

    rows = traffic(
        db, "period_start, period_end, dimension_value, sessions, users, new_users, engaged_sessions", "date"
    )
    assert rows == [
        (date(2026, 5, 29), date(2026, 5, 29), "", 52, 41, 30, 31),
        (date(2026, 5, 30), date(2026, 5, 30), "", 47, 38, 25, 28),
        (date(2026, 5, 31), date(2026, 5, 31), "", 71, 55, 40, 45),
    ]


def test_source_medium_per_day(db, import_files):
    import_files(WEB / "Traffic_acquisition_Session_source_medium_Date.csv")

    rows = traffic(db, "period_start, period_end, dimension_value, sessions", "source_medium")
    assert rows == [
        (date(2026, 5, 30), date(2026, 5, 30), "google / organic", 24),
        (date(2026, 5, 31), date(2026, 5, 31), "(direct) / (none)", 14),
        (date(2026, 5, 31), date(2026, 5, 31), "google / organic", 40),
    ]


def test_multi_table_report_csv_export(db, import_files):
    [result] = import_files(WEB / "data-export.csv")

    # The table by country cannot be placed by day: counted, not stored.
    assert result.set_aside == (
        "1 rows not counted (tables of the file that are not daily figures, e.g. by country or by month; not imported)"
    )
    rows = traffic(db, "a.handle, period_start, period_end, dimension_value, users, new_users", "date")
    assert [r[4] for r in rows] == [0, 0, 34, 41, 29]
    assert [r[5] for r in rows] == [0, 0, 30, 33, 21]
    assert rows[2] == (PROPERTY, date(2022, 6, 3), date(2022, 6, 3), "", 34, 30)
    extra = db.execute("SELECT extra->>'Average engagement time' FROM web_traffic WHERE period_start = '2022-06-03'")
    assert extra.fetchone() == ("62.6815355108683",)
    assert db.execute("SELECT count(*) FROM web_traffic WHERE dimension <> 'date'").fetchone() == (0,)


def test_multi_table_export_without_a_daily_table_says_what_it_holds():
    text = "# Report CSV Export\n# Start date: 20220601\n# End date: 20220605\nCountry ID,Users\nGB,71\nIE,20\n"
    with pytest.raises(ValueError) as caught:
        prepare_blocks(text)
    assert str(caught.value) == (
        "looks like a Google Analytics 'Report CSV Export', but it holds no daily table (Nth day or Date) this "
        "product can place by day; it holds: Country ID × Users (2 rows)."
    )


def test_truncated_download_keeps_the_whole_rows(db, import_files):
    [result] = import_files(WEB / "Pages_and_screens_truncated.csv")

    assert result.rejections == [(14, "line has fewer columns than the header (the line may be cut off)")]
