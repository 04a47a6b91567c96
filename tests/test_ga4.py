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


# ------------------------------------------------------------------------------------------------
# The Reports snapshot: one `#` block, then a table per card

SNAPSHOT = WEB / "snapshot"


def org_id(db) -> int:
    return db.execute("SELECT id FROM organisation").fetchone()[0]


def test_snapshot_stores_each_table_per_range_and_dimension(db, import_files):
    [result] = import_files(SNAPSHOT / "Reports_snapshot.csv")

    assert counts(result) == ("imported", "ga4_reports_snapshot", 26, 0, 0, 0)
    # The table by session campaign is not one this product stores: counted, not fatal.
    assert result.set_aside == (
        "1 rows not counted (tables of the snapshot this product does not store, e.g. by city or by campaign)"
    )
    # Nth day counts from the start date; the day's tables (Active users, New users, Sessions) merge.
    days = traffic(db, "period_start, period_end, dimension_value, users, new_users, sessions", "date")
    assert days == [
        (date(2026, 3, 1), date(2026, 3, 1), "", 40, 31, 51),
        (date(2026, 3, 2), date(2026, 3, 2), "", 35, 24, 44),
        (date(2026, 3, 3), date(2026, 3, 3), "", 52, 40, 66),
        (date(2026, 3, 4), date(2026, 3, 4), "", 47, 33, 59),
    ]
    revenue = db.execute("SELECT extra->>'Total revenue' FROM web_traffic WHERE period_start = '2026-03-03'")
    assert revenue.fetchone() == ("25",)
    march = (date(2026, 3, 1), date(2026, 3, 4))
    assert traffic(db, "period_start, period_end, dimension_value, sessions", "channel_group") == [
        (*march, "Direct", 64),
        (*march, "Email", 13),
        (*march, "Organic Search", 112),
        (*march, "Organic Social", 31),
    ]
    assert traffic(db, "dimension_value, new_users, sessions", "first_user_channel_group") == [
        ("Direct", 38, None),
        ("Organic Search", 70, None),
        ("Organic Social", 20, None),
    ]
    assert traffic(db, "dimension_value, views", "page_title")[0] == ("Clean River Trust – Home", 160)
    assert traffic(db, "dimension_value, users", "country") == [
        ("India", 118),
        ("United Kingdom", 29),
        ("United States", 12),
    ]
    # Event count (no column of its own) and Key events of the same event are one row.
    events = db.execute(
        "SELECT dimension_value, key_events, extra->>'Event count' FROM web_traffic "
        "WHERE dimension = 'event_name' ORDER BY 1"
    ).fetchall()
    assert events == [("donate_click", 9, "9"), ("page_view", None, "273"), ("session_start", None, "220")]


def test_snapshot_on_the_base_platform_page(db, import_files):
    from impact.figures.website import daily_sessions, website_traffic

    import_files(SNAPSHOT / "Reports_snapshot.csv")

    # Only the source / medium table counts as sources (the channel-group table is the same sessions).
    traffic_ = website_traffic(db, org_id(db), date(2026, 3, 1), date(2026, 3, 31))
    assert traffic_.dimension == "source_medium"
    assert (traffic_.sessions, traffic_.social_sessions) == (220, 19 + 12)
    assert daily_sessions(db, org_id(db), date(2026, 3, 1), date(2026, 3, 31))["sessions"].tolist() == [51, 44, 66, 59]


def test_snapshot_comparison_range_is_never_added_to_the_main_range(db, import_files):
    from impact.figures.website import daily_sessions, website_traffic

    [result] = import_files(SNAPSHOT / "Reports_snapshot_compared.csv")

    assert counts(result) == ("imported", "ga4_reports_snapshot", 10, 0, 0, 0)
    rows = traffic(db, "period_start, period_end, dimension_value, sessions", "source_medium")
    main, compared = (date(2026, 3, 5), date(2026, 3, 6)), (date(2026, 3, 3), date(2026, 3, 4))
    assert rows == [
        (*compared, "(direct) / (none)", 41),
        (*compared, "google / organic", 70),
        (*compared, "l.facebook.com / referral", 14),
        (*main, "(direct) / (none)", 30),
        (*main, "google / organic", 61),
        (*main, "l.facebook.com / referral", 17),
    ]
    # The snapshot's own range holds its own figures only; each compared day is a day of its own.
    assert website_traffic(db, org_id(db), *main).sessions == 61 + 30 + 17
    daily = daily_sessions(db, org_id(db), date(2026, 3, 1), date(2026, 3, 31))
    assert daily["sessions"].tolist() == [66, 59, 58, 50]


def test_a_later_snapshot_over_an_overlapping_range_does_not_double_count(db, import_files):
    from impact.figures.website import daily_sessions, website_traffic

    import_files(SNAPSHOT / "Reports_snapshot.csv")
    [later] = import_files(SNAPSHOT / "overlap" / "Reports_snapshot_2026-03-07.csv")

    # 5 and 6 March and the 3-6 March sources are new; 3 March is revised (66 -> 67 sessions); 4 March is the same.
    assert counts(later) == ("imported", "ga4_reports_snapshot", 2 + 3, 1, 1, 0)
    daily = daily_sessions(db, org_id(db), date(2026, 3, 1), date(2026, 3, 31))
    assert daily["sessions"].tolist() == [51, 44, 67, 59, 58, 50]
    # The two ranges by source overlap: one stands for the period, never both.
    traffic_ = website_traffic(db, org_id(db), date(2026, 3, 1), date(2026, 3, 6))
    assert [(r.start, r.end) for r in traffic_.ranges] == [(date(2026, 3, 1), date(2026, 3, 4))]
    assert traffic_.sessions == 220
    # New users of 3 March, which only the first snapshot gives, are kept.
    assert db.execute(
        "SELECT new_users FROM web_traffic WHERE period_end = '2026-03-03' AND dimension = 'date'"
    ).fetchone() == (40,)


def test_snapshot_is_recognised_without_its_title_line():
    from connectors.ga4_csv import matches_blocks, matches_snapshot

    text = (SNAPSHOT / "Reports_snapshot.csv").read_text(encoding="utf-8").replace("# Reports snapshot\n", "# \n")
    assert matches_snapshot(text) and not matches_blocks(text)
    # The Report CSV Export, with a `#` block per table, is not a snapshot.
    export = (WEB / "data-export.csv").read_text(encoding="utf-8")
    assert matches_blocks(export) and not matches_snapshot(export)


def test_snapshot_in_the_summary(db, import_files):
    from impact.figures.website import website_totals

    import_files(SNAPSHOT / "Reports_snapshot.csv")

    # Sessions from the longest range (the sources), users from the days, views from the page titles:
    # countries, events and first-user channel groups are never added on top.
    totals = website_totals(db, org_id(db), date(2026, 3, 1), date(2026, 3, 31))
    assert totals == {"sessions": 220, "users": 40 + 35 + 52 + 47, "page_views": 160 + 72 + 41}
