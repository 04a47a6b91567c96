"""The base platform panel: GA4 sources classified, shares on a hand-built store, the period rule, the page."""

from __future__ import annotations

import random
from datetime import date, timedelta
from pathlib import Path

import duckdb
import pytest
from streamlit.testing.v1 import AppTest

from impact.figures import website
from impact.figures.website import (
    ReportRange,
    Source,
    choose_ranges,
    classify,
    classify_channel_group,
    classify_source_medium,
    covered_spans,
    daily_sessions,
    website_traffic,
)
from impact.store.connection import open_store
from impact.store.orgs import ensure_organisation

APP = str(Path(__file__).resolve().parent.parent / "app.py")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("l.facebook.com / referral", Source("social", "facebook")),
        ("m.facebook.com / referral", Source("social", "facebook")),
        ("lm.facebook.com / referral", Source("social", "facebook")),
        ("facebook.com / referral", Source("social", "facebook")),
        ("instagram.com / referral", Source("social", "instagram")),
        ("l.instagram.com / referral", Source("social", "instagram")),
        ("t.co / referral", Source("social", "x")),
        ("twitter.com / referral", Source("social", "x")),
        ("x.com / referral", Source("social", "x")),
        ("linkedin.com / referral", Source("social", "linkedin")),
        ("lnkd.in / referral", Source("social", "linkedin")),
        ("youtube.com / referral", Source("social", "youtube")),
        ("whatsapp / social", Source("social", "whatsapp")),
        ("wa.me / referral", Source("social", "whatsapp")),
        ("api.whatsapp.com / referral", Source("social", "whatsapp")),
        ("facebook / paid", Source("social", "facebook")),  # a utm_source name, an advert
        ("mastodon.social / social", Source("social", "unknown")),
        ("(direct) / (none)", Source("direct")),
        ("google / organic", Source("search")),
        ("bing / organic", Source("search")),
        ("google / cpc", Source("search")),
        ("newsletter / email", Source("email")),
        ("mailchimp / email", Source("email")),
        ("razorpay.com / referral", Source("other")),
        ("(not set) / (not set)", Source("other")),
        ("tco.example.org / referral", Source("other")),  # not t.co: only the host or its subdomains
    ],
)
def test_source_medium_classification(value: str, expected: Source) -> None:
    assert classify_source_medium(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Organic Social", Source("social", "unknown")),
        ("Paid Social", Source("social", "unknown")),
        ("Organic Search", Source("search")),
        ("Direct", Source("direct")),
        ("Email", Source("email")),
        ("Referral", Source("other")),
        ("Unassigned", Source("other")),
    ],
)
def test_channel_group_classification(value: str, expected: Source) -> None:
    assert classify_channel_group(value) == expected
    assert classify("channel_group", value) == expected


def test_first_user_source_medium_is_classified_like_source_medium() -> None:
    assert classify("first_user_source_medium", "t.co / referral") == Source("social", "x")


# ------------------------------------------------------------------------------------------------
# The period rule


def test_a_report_overlapping_the_period_is_used_whole_and_named() -> None:
    year = ReportRange(1, date(2025, 12, 1), date(2026, 11, 25))
    before = ReportRange(1, date(2025, 1, 1), date(2025, 1, 31))
    assert choose_ranges([year, before], date(2026, 10, 27), date(2026, 11, 25)) == [year]
    assert choose_ranges([before], date(2026, 10, 27), date(2026, 11, 25)) == []


def test_overlapping_reports_never_add_up_and_the_one_inside_the_period_wins() -> None:
    year = ReportRange(1, date(2025, 12, 1), date(2026, 11, 25))
    month = ReportRange(1, date(2026, 11, 1), date(2026, 11, 25))
    # A November period: the November report lies inside it; the year's would count October too.
    assert choose_ranges([year, month], date(2026, 11, 1), date(2026, 11, 25)) == [month]
    # The whole year: both lie inside; the longer one wins, the month is not added on top.
    assert choose_ranges([year, month], date(2025, 12, 1), date(2026, 11, 25)) == [year]


def test_disjoint_reports_add_up_and_properties_are_kept_apart() -> None:
    october = ReportRange(1, date(2026, 10, 1), date(2026, 10, 31))
    november = ReportRange(1, date(2026, 11, 1), date(2026, 11, 30))
    other_site = ReportRange(2, date(2026, 10, 1), date(2026, 11, 30))
    chosen = choose_ranges([october, november, other_site], date(2026, 10, 1), date(2026, 11, 30))
    assert chosen == [october, other_site, november]
    assert covered_spans(chosen) == [(date(2026, 10, 1), date(2026, 11, 30))]
    assert covered_spans([october, ReportRange(1, date(2026, 12, 5), date(2026, 12, 6))]) == [
        (date(2026, 10, 1), date(2026, 10, 31)),
        (date(2026, 12, 5), date(2026, 12, 6)),
    ]


# ------------------------------------------------------------------------------------------------
# Figures on a hand-built store


def _add(
    con: duckdb.DuckDBPyConnection,
    org: int,
    start: str,
    end: str,
    dimension: str,
    value: str,
    sessions: int,
    key_events: int | None,
    account: int = 1,
) -> None:
    con.execute(
        """INSERT INTO web_traffic (batch_id, as_of, organisation_id, platform, account_id, period_start, period_end,
                                    dimension, dimension_value, sessions, engaged_sessions, key_events)
           VALUES (1, TIMESTAMP '2026-12-01', ?, 'website', ?, ?, ?, ?, ?, ?, ?, ?)""",
        [org, account, start, end, dimension, value, sessions, sessions // 2, key_events],
    )


@pytest.fixture
def web(db: duckdb.DuckDBPyConnection) -> tuple[duckdb.DuckDBPyConnection, int]:
    org = ensure_organisation(db, "Clean River Trust", base_url="https://cleanriver.example")
    other = ensure_organisation(db, "Other Trust")
    month = ("2026-11-01", "2026-11-30")
    for value, sessions, key_events in [
        ("google / organic", 500, 10),
        ("(direct) / (none)", 200, 4),
        ("l.facebook.com / referral", 120, 6),
        ("m.facebook.com / referral", 30, 1),
        ("t.co / referral", 50, 2),
        ("newsletter / email", 60, 3),
        ("razorpay.com / referral", 40, 0),
    ]:
        _add(db, org, *month, "source_medium", value, sessions, key_events)
    # The same visits by channel group and by date: never added to the source/medium figures.
    _add(db, org, *month, "channel_group", "Organic Social", 200, 9)
    _add(db, org, "2026-11-02", "2026-11-02", "date", "", 40, None)
    _add(db, org, "2026-11-03", "2026-11-03", "date", "", 35, None)
    _add(db, org, "2026-10-31", "2026-10-31", "date", "", 99, None)  # before the period
    _add(db, other, *month, "source_medium", "t.co / referral", 9999, 1)
    return db, org


def test_shares_from_one_report_on_a_hand_built_store(web: tuple[duckdb.DuckDBPyConnection, int]) -> None:
    con, org = web
    traffic = website_traffic(con, org, date(2026, 11, 1), date(2026, 11, 30))
    assert traffic.dimension == "source_medium"
    assert traffic.spans == [(date(2026, 11, 1), date(2026, 11, 30))]
    assert traffic.sessions == 1000  # 500 + 200 + 120 + 30 + 50 + 60 + 40, no channel-group or date rows
    assert traffic.social_sessions == 200  # Facebook 150 + X 50
    assert traffic.social_share == pytest.approx(0.2)
    assert traffic.social_key_events == 9  # 6 + 1 + 2
    by_source = dict(zip(traffic.by_source["source"], traffic.by_source["sessions"], strict=True))
    assert by_source == {"Facebook": 150, "X (Twitter)": 50, "search": 500, "direct": 200, "email": 60, "other": 40}


def test_channel_groups_stand_in_when_no_source_medium_report(db: duckdb.DuckDBPyConnection) -> None:
    org = ensure_organisation(db, "Clean River Trust")
    for value, sessions in [("Organic Social", 30), ("Organic Search", 60), ("Direct", 10)]:
        _add(db, org, "2026-11-01", "2026-11-30", "channel_group", value, sessions, None)
    traffic = website_traffic(db, org, date(2026, 11, 10), date(2026, 11, 20))
    assert traffic.dimension == "channel_group"
    assert (traffic.sessions, traffic.social_sessions) == (100, 30)
    assert traffic.social_key_events is None  # not in the report: empty, not 0
    assert traffic.by_source["source"].tolist() == ["social (platform unknown)", "search", "direct"]


def test_no_report_overlapping_the_period(web: tuple[duckdb.DuckDBPyConnection, int]) -> None:
    con, org = web
    traffic = website_traffic(con, org, date(2026, 1, 1), date(2026, 1, 31))
    assert traffic.dimension is None
    assert traffic.sessions is None and traffic.social_share is None


def test_daily_sessions_keep_to_the_period(web: tuple[duckdb.DuckDBPyConnection, int]) -> None:
    con, org = web
    daily = daily_sessions(con, org, date(2026, 11, 1), date(2026, 11, 30))
    assert daily["sessions"].tolist() == [40, 35]
    assert [d.date() for d in daily["day"]] == [date(2026, 11, 2), date(2026, 11, 3)]


# ------------------------------------------------------------------------------------------------
# The page (AppTest) on the sample data


def test_base_platform_page_on_the_sample_data(sample_copy: Path) -> None:
    at = AppTest.from_file(APP, default_timeout=60)
    at.switch_page("pages/website/website.py")
    at.run()
    assert not at.exception
    # sample_data/brahmaputra-flood-relief/Traffic_acquisition_Session_source_medium.csv: 33,998 sessions
    # (README), of which social referrers sent Facebook 5,091 + Instagram 2,355 + WhatsApp 1,215 + X 1,071 +
    # YouTube 1,035 = 10,767 sessions, with 187 + 87 + 44 + 39 + 38 key events.
    assert {m.label: m.value for m in at.metric} == {
        "Website sessions": "33,998",
        "Sessions from social": "10,767",
        "Share of sessions from social": "31.67%",
        "Key events from social": "395",
    }
    assert at.caption[0].value == (  # the site's address as escaped Markdown: shown, not a link
        "Brahmaputra Flood Relief Network · website: https\\://brahmaputrarelief\\.org\\.in · from Google Analytics 4 "
        "reports; the sidebar's platform choice does not apply here (every source is shown)."
    )
    # The report's own range is named, and that it does not cover the first days of the period.
    assert (
        "Figures from the GA4 report *Traffic acquisition by session source / medium* covering **01 Dec 2025 – 25 Nov "
        "2026**. The reports do not cover every day of the sidebar's period (26 Nov 2025 – 25 Nov 2026); days outside "
        "them are not counted."
    ) in [m.value for m in at.markdown]
    # The report by Date: one row per day from 1 December 2025 to 25 November 2026.
    assert (
        "33,998 sessions on 360 days between 26 Nov 2025 – 25 Nov 2026, from the GA4 report by Date (all sources)."
        in [c.value for c in at.caption]
    )
    assert len(at.get("plotly_chart")) == 2
    assert [b.proto.label for b in at.get("download_button")] == ["Download CSV"]


def test_base_platform_page_says_what_to_upload(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "impact.duckdb"
    monkeypatch.setenv("IMPACT_DB", str(path))
    with open_store(path) as con:
        org = ensure_organisation(con, "Clean River Trust")
        con.execute(
            """INSERT INTO post (batch_id, as_of, organisation_id, platform, post_id, account_id, published_at)
               VALUES (1, TIMESTAMP '2026-04-01', ?, 'x', '1', 1, TIMESTAMP '2026-03-02')""",
            [org],
        )
    at = AppTest.from_file(APP, default_timeout=60)
    at.switch_page("pages/website/website.py")
    at.run()
    assert not at.exception
    assert [i.value for i in at.info] == [
        "No Google Analytics report covers this period yet, so there is nothing to show here. In Google Analytics "
        "open **Reports > Acquisition > Traffic acquisition**, set the dates, then **Share this report > Download "
        "file > Download CSV**, and add the file on the **Upload** page. A second download with **Date** as the "
        "dimension adds the daily line.",
        "No daily figures for this period. In Google Analytics open **Reports > Acquisition > Traffic acquisition**, "
        "change the dimension to **Date**, then **Share this report > Download file > Download CSV**, and add the "
        "file on the **Upload** page.",
    ]


def test_report_ranges_are_chosen_as_a_check_of_every_chosen_range_would_choose_them() -> None:
    """The chosen ranges' overlap check (website._Disjoint) agrees with ReportRange.overlaps against each one."""
    rng = random.Random(18)
    for _ in range(300):
        ranges = []
        for _ in range(rng.randint(0, 40)):
            first = date(2026, 1, 1) + timedelta(days=rng.randint(0, 90))
            ranges.append(website.ReportRange(rng.randint(1, 3), first, first + timedelta(days=rng.randint(0, 40))))
        naive: list[website.ReportRange] = []
        accepted = website._Disjoint()
        for r in ranges:
            overlapping = any(r.overlaps(c) for c in naive)
            assert accepted.overlaps(r) == overlapping
            if not overlapping:
                naive.append(r)
                accepted.add(r)
