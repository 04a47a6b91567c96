"""Mailchimp: the campaigns export, single-campaign reports (plain and A/B), one post per campaign.

Which connector each file is, its totals, the second import and the files rejected whole are in
tests/test_connector_contract.py.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

EMAIL = Path(__file__).resolve().parent / "fixtures" / "email"
COLUMNS = "published_at, kind, text, sends, opens, clicks, impressions, engagements"


def counts(result) -> tuple:
    return (
        result.status,
        result.connector,
        result.rows_new,
        result.rows_updated,
        result.rows_unchanged,
        result.rows_rejected,
    )


def campaigns(db, columns: str = COLUMNS) -> list[tuple]:
    return db.execute(f"SELECT {columns} FROM post WHERE platform = 'email' ORDER BY published_at").fetchall()


def test_campaigns_export(db, import_files):
    import_files(EMAIL / "campaigns.csv")

    # Sends are successful deliveries, opens and clicks the unique ones; an e-mail has no impressions,
    # so neither impressions nor engagements are made up.
    assert campaigns(db) == [
        (
            datetime(2021, 4, 26, 12, 25),
            "Email campaign",
            "Spring cleanup: 40 volunteers, 2 tonnes of litter",
            1742,
            350,
            100,
            None,
            None,
        ),
        (datetime(2021, 5, 24, 9, 30), "Email campaign", "Our river report is out", 1748, 410, 88, None, None),
        (datetime(2021, 6, 9, 21, 30), "Email campaign", "Help us buy a second boat", 1198, 301, 57, None, None),
    ]
    extra = db.execute(
        "SELECT extra->>'Unique Id', extra->>'Open Rate' FROM post WHERE text = 'Our river report is out'"
    )
    assert extra.fetchone() == ("7b9e33a1f2", "23.46%")


def test_overlapping_campaigns_export_updates_and_never_doubles(db, import_files, post_key_duplicates):
    import_files(EMAIL / "campaigns.csv")
    [later] = import_files(EMAIL / "overlap_campaigns_2021-08-01.csv")

    assert counts(later) == ("imported", "mailchimp_campaigns", 1, 2, 0, 0)
    rows = campaigns(db, "text, opens")
    assert rows == [
        ("Spring cleanup: 40 volunteers, 2 tonnes of litter", 350),
        ("Our river report is out", 436),
        ("Help us buy a second boat", 330),
        ("Swimming season is open", 389),
    ]
    assert post_key_duplicates(db) == []


def test_send_time_pt_variant(db, import_files):
    import_files(EMAIL / "campaigns_send_time_pt.csv")

    assert campaigns(db, "published_at, sends, opens, clicks") == [
        (datetime(2021, 8, 30), 1769, 402, 64),
        (datetime(2021, 9, 27), 1783, 398, 71),
    ]


def test_campaign_report_then_the_export_is_one_post(db, import_files, post_key_duplicates):
    import_files(EMAIL / "campaign_report_april_newsletter.csv")

    assert campaigns(db) == [
        (
            datetime(2021, 4, 26, 12, 25),
            "Email campaign",
            "Spring cleanup: 40 volunteers, 2 tonnes of litter",
            1742,
            341,
            97,
            None,
            None,
        )
    ]
    extra = db.execute("SELECT extra->>'Total Recipients', extra->>'Total Opens' FROM post").fetchone()
    assert extra == ("1,751", "498")

    # The account export, later, knows the same campaign by title and send time: updated, not added.
    [export] = import_files(EMAIL / "campaigns.csv")
    assert counts(export) == ("imported", "mailchimp_campaigns", 2, 1, 0, 0)
    assert campaigns(db, "text, opens")[0] == ("Spring cleanup: 40 volunteers, 2 tonnes of litter", 350)
    assert db.execute("SELECT count(*) FROM post WHERE platform = 'email'").fetchone() == (3,)
    assert post_key_duplicates(db) == []


def test_ab_report_sums_its_combinations(db, import_files):
    import_files(EMAIL / "campaign_report_ab_test.csv")

    assert campaigns(db) == [
        (
            datetime(2021, 10, 2, 10, 15),
            "Email campaign",
            "Our river needs you this autumn / Two tonnes of litter, one river",
            1751,
            266,
            47,
            None,
            None,
        )
    ]
    assert db.execute("SELECT extra->>'Total Recipients' FROM post").fetchone() == ("1759",)


def test_non_numeric_unique_opens_rejects_that_row(db, import_files):
    [result] = import_files(EMAIL / "campaigns_bad_unique_opens.csv")

    assert result.rejections == [(2, 'row 2: Unique Opens "#VALUE!" is not a number')]
    assert [r[2] for r in campaigns(db)] == [
        "Spring cleanup: 40 volunteers, 2 tonnes of litter",
        "Help us buy a second boat",
    ]
