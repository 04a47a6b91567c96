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


# ------------------------------------------------------------------------------------------ short export


def test_short_campaigns_export_keeps_test_sends_labelled(db, import_files):
    [result] = import_files(EMAIL / "campaigns_short.csv")

    assert counts(result) == ("imported", "mailchimp_campaigns_short", 4, 0, 0, 0)
    # 12-hour send times; sends are the recipients; no opens or clicks in this export: NULL, not 0.
    # The campaign sent to 3 people is a test send: kept, with a kind of its own.
    assert campaigns(db) == [
        (datetime(2023, 5, 4, 10, 0), "Email campaign", "Our river report, 2023", 1779, None, None, None, None),
        (datetime(2023, 6, 1, 20, 15), "Test send", "Summer on the river 🌞", 3, None, None, None, None),
        (
            datetime(2023, 6, 1, 21, 46),
            "Email campaign",
            'Summer on the river 🌞 "come paddle with us"',
            1804,
            None,
            None,
            None,
            None,
        ),
        (datetime(2023, 6, 14, 12, 5), "Email campaign", "We need you this Saturday!", 412, None, None, None, None),
    ]
    extra = db.execute("SELECT extra->>'Audience', extra->>'Unique Id' FROM post WHERE kind = 'Test send'")
    assert extra.fetchone() == ("Supporters", "b2c3d4e5f6")


def test_overlapping_short_export_never_doubles(db, import_files, post_key_duplicates):
    import_files(EMAIL / "campaigns_short.csv")
    [later] = import_files(EMAIL / "overlap_campaigns_short_2023-07-01.csv")

    assert counts(later) == ("imported", "mailchimp_campaigns_short", 1, 0, 2, 0)
    assert db.execute("SELECT count(*), sum(sends) FROM post WHERE platform = 'email'").fetchone() == (
        5,
        1779 + 3 + 1804 + 412 + 1811,
    )
    assert post_key_duplicates(db) == []


def test_short_and_full_export_of_one_campaign_are_one_post(db, import_files, tmp_path, post_key_duplicates):
    """Both exports key a campaign by title and send time: the short one adds no second post."""
    import_files(EMAIL / "campaigns.csv")
    short = tmp_path / "campaigns_short.csv"
    short.write_text(
        "Title,Subject,Audience,Send Date,Send Weekday,Total Recipients,Unique Id\n"
        '"April Newsletter","Spring cleanup: 40 volunteers, 2 tonnes of litter","Supporters",'
        '"Apr 26, 2021 12:25 pm",Monday,1751,4f2a91c0de\n',
        encoding="utf-8",
    )

    [result] = import_files(short)

    assert counts(result) == ("imported", "mailchimp_campaigns_short", 0, 1, 0, 0)  # its Audience joins extra
    assert db.execute("SELECT count(*) FROM post WHERE platform = 'email'").fetchone() == (3,)
    # The full export is the newer one (its latest campaign is in June): its deliveries and opens stay.
    assert campaigns(db, "sends, opens")[0] == (1742, 350)
    assert post_key_duplicates(db) == []
