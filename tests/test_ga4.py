"""Google Analytics 4 report downloads: every report kind, the multi-table export, bad input."""

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
    [result] = import_files(WEB / "Pages_and_screens_Page_path_and_screen_class.csv")

    assert counts(result) == ("imported", "ga4_page", 5, 0, 0, 0)
    rows = traffic(
        db, "a.handle, period_start, period_end, dimension_value, views, users, key_events, sessions", "page"
    )
    assert rows[0] == (PROPERTY, date(2026, 2, 24), date(2026, 3, 23), "/", 221, 154, 0, None)
    assert [r[3] for r in rows] == ["/", "/donate/", "/news/river-cleanup-2026/", "/privacy/", "/volunteer/"]
    assert sum(r[4] for r in rows) == 474
    assert sum(r[5] for r in rows) == 291
    assert sum(r[6] for r in rows) == 15
    extra = db.execute("SELECT extra->>'Event count' FROM web_traffic WHERE dimension_value = '/donate/'").fetchone()
    assert extra == ("359",)


def test_traffic_acquisition_by_source_medium_reimport_and_overlap(db, import_files):
    [first] = import_files(WEB / "Traffic_acquisition_Session_source_medium.csv")
    assert counts(first) == ("imported", "ga4_source_medium", 4, 0, 0, 0)
    totals = "sum(sessions), sum(users), sum(engaged_sessions), sum(key_events), count(*)"
    assert db.execute(f"SELECT {totals} FROM web_traffic").fetchone() == (1012, 819, 547, 21, 4)

    [again] = import_files(WEB / "Traffic_acquisition_Session_source_medium.csv")
    assert again.status == "skipped" and "already imported" in again.error

    # A later download of the same month: revised google / organic, one source more. Nothing doubles.
    [later] = import_files(WEB / "overlap" / "Traffic_acquisition_Session_source_medium_2026-04-02.csv")
    assert counts(later) == ("imported", "ga4_source_medium", 1, 1, 3, 0)
    assert db.execute(f"SELECT {totals} FROM web_traffic").fetchone() == (1025, 830, 554, 22, 5)
    assert traffic(db, "dimension_value, sessions", "source_medium")[2] == ("google / organic", 534)


def test_channel_group_2023_reads_conversions_as_key_events(db, import_files):
    [result] = import_files(WEB / "Traffic_acquisition_Session_default_channel_group_2023.csv")

    assert counts(result) == ("imported", "ga4_channel_group", 4, 0, 0, 0)
    rows = traffic(db, "dimension_value, sessions, users, key_events, period_start, period_end", "channel_group")
    assert rows[0] == ("Direct", 281, 230, 3, date(2023, 10, 1), date(2023, 10, 31))
    assert sum(r[1] for r in rows) == 888
    assert sum(r[3] for r in rows) == 11


def test_user_acquisition_by_first_user_source_medium(db, import_files):
    [result] = import_files(WEB / "User_acquisition_First_user_source_medium.csv")

    assert counts(result) == ("imported", "ga4_first_user_source_medium", 3, 0, 0, 0)
    rows = traffic(db, "dimension_value, new_users, users", "first_user_source_medium")
    assert rows == [
        ("(direct) / (none)", 226, 250),
        ("google / organic", 371, 412),
        ("instagram.com / referral", 30, 33),
    ]


def test_report_by_date_gives_one_row_per_day(db, import_files):
    [result] = import_files(WEB / "Traffic_acquisition_Date.csv")

    assert counts(result) == ("imported", "ga4_date", 3, 0, 0, 0)
    rows = traffic(
        db, "period_start, period_end, dimension_value, sessions, users, new_users, engaged_sessions", "date"
    )
    assert rows == [
        (date(2026, 5, 29), date(2026, 5, 29), "", 52, 41, 30, 31),
        (date(2026, 5, 30), date(2026, 5, 30), "", 47, 38, 25, 28),
        (date(2026, 5, 31), date(2026, 5, 31), "", 71, 55, 40, 45),
    ]


def test_source_medium_per_day(db, import_files):
    [result] = import_files(WEB / "Traffic_acquisition_Session_source_medium_Date.csv")

    assert counts(result) == ("imported", "ga4_source_medium_by_day", 3, 0, 0, 0)
    rows = traffic(db, "period_start, period_end, dimension_value, sessions", "source_medium")
    assert rows == [
        (date(2026, 5, 30), date(2026, 5, 30), "google / organic", 24),
        (date(2026, 5, 31), date(2026, 5, 31), "(direct) / (none)", 14),
        (date(2026, 5, 31), date(2026, 5, 31), "google / organic", 40),
    ]


def test_multi_table_report_csv_export(db, import_files):
    [result] = import_files(WEB / "data-export.csv")

    assert counts(result) == ("imported", "ga4_report_csv_export", 5, 0, 0, 0)
    # The table by country cannot be placed by day: counted, not stored.
    assert result.set_aside.startswith("1 rows not counted (tables of the file that are not daily figures")
    rows = traffic(db, "a.handle, period_start, period_end, dimension_value, users, new_users", "date")
    assert [r[4] for r in rows] == [0, 0, 34, 41, 29]
    assert [r[5] for r in rows] == [0, 0, 30, 33, 21]
    assert rows[2] == (PROPERTY, date(2022, 6, 3), date(2022, 6, 3), "", 34, 30)
    extra = db.execute("SELECT extra->>'Average engagement time' FROM web_traffic WHERE period_start = '2022-06-03'")
    assert extra.fetchone() == ("62.6815355108683",)
    assert db.execute("SELECT count(*) FROM web_traffic WHERE dimension <> 'date'").fetchone() == (0,)


def test_multi_table_export_without_a_daily_table_says_what_it_holds():
    text = "# Report CSV Export\n# Start date: 20220601\n# End date: 20220605\nCountry ID,Users\nGB,71\nIE,20\n"
    with pytest.raises(ValueError, match=r"no daily table .* it holds: Country ID × Users \(2 rows\)"):
        prepare_blocks(text)


def test_truncated_download_keeps_the_whole_rows(db, import_files):
    [result] = import_files(WEB / "Pages_and_screens_truncated.csv")

    assert counts(result) == ("imported", "ga4_page", 3, 0, 0, 1)
    assert result.rejections == [(14, "line has fewer columns than the header (the line may be cut off)")]


@pytest.mark.parametrize(
    ("name", "message"),
    [
        (
            "Pages_and_screens_no_start_date.csv",
            "but the column 'Start date' is missing. Export it again: in Google Analytics open the report",
        ),
        ("Pages_and_screens_cut_in_header.csv", "but no data rows; there is nothing to import"),
        (
            "Analytics All Web Site Data Source_Medium 20200101-20200131.csv",
            "this looks like a Universal Analytics report (the Google Analytics before GA4)",
        ),
        ("Pages_and_screens_utf16_no_bom.csv", "this is a binary file, not a text export"),
        ("Traffic_acquisition_Session_source_medium_search_console.csv", "not an export this product recognises"),
    ],
)
def test_bad_ga4_file_is_rejected_and_the_store_is_unchanged(db, import_files, snapshot, name, message):
    import_files(WEB / "Traffic_acquisition_Session_source_medium.csv")
    before = snapshot(db)

    [result] = import_files(WEB / name)

    assert result.status == "rejected"
    assert result.error.startswith(f"{name}: ")
    assert message in result.error
    assert snapshot(db) == before
