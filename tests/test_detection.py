"""Detection: every fixture is recognised as exactly its connector, and no other connector's
signature fits any of its first rows. Every file under tests/fixtures must be listed here.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from connectors import REGISTRY, DetectionError, detect
from connectors.base import normalise_header
from connectors.sniff import HEAD_BYTES, decode_head, head_rows, sniff_delimiter, sniff_encoding
from impact.store.workbooks import sheets_as_csv

FIXTURES = Path(__file__).resolve().parent / "fixtures"
YT_EXPORT = "youtube/Content 2026-05-18_2026-08-16 My Channel"
LI = "linkedin/clean-river-trust"
LI_METRICS, LI_POSTS = ("linkedin_content_metrics", "linkedin"), ("linkedin_posts", "linkedin")

# fixture -> (connector, platform), or None when the file must not be recognised at all
EXPECTED: dict[str, tuple[str, str] | None] = {
    "x/tweet_activity_metrics_ngo_20150301_20150401_en.csv": ("x_tweet_activity", "x"),
    "x/tweet_activity_metrics_ngo_jp_20200801_20200901_ja.csv": ("x_tweet_activity", "x"),
    "x/daily_tweet_activity_metrics_ngo_20210801_20210901_en.csv": ("x_daily_tweet_activity", "x"),
    "x/account_analytics_content_2026-07-06_2026-08-02.csv": ("x_account_analytics_content", "x"),
    "x/overlap/account_analytics_content_2026-06-01_2026-07-31.csv": ("x_account_analytics_content", "x"),
    "x/account_overview_analytics.csv": ("x_account_overview", "x"),
    "facebook/Jan-01-2024_Dec-31-2024_1509169891251840.csv": ("meta_facebook_posts", "facebook"),
    "facebook/meta_insights/Follows.csv": ("meta_page_insights", "facebook"),
    "facebook/meta_insights/Views.csv": ("meta_page_insights", "facebook"),
    "facebook/meta_insights/Visits.csv": ("meta_page_insights", "facebook"),
    "instagram/Jan-01-2023_Dec-31-2023_4588672571364735.csv": ("meta_instagram_posts", "instagram"),
    "instagram/Jan-01-2024_Dec-31-2024_4588672571364735.csv": ("meta_instagram_posts", "instagram"),
    "instagram/Jan-01-2026_Aug-10-2026_1071135865260092.csv": ("meta_instagram_posts", "instagram"),
    "youtube/Table data.csv": ("youtube_table_data", "youtube"),
    f"{YT_EXPORT}/Table data.csv": ("youtube_table_data", "youtube"),
    f"{YT_EXPORT}/Chart data.csv": ("youtube_chart_data", "youtube"),
    f"{YT_EXPORT}/Totals.csv": ("youtube_totals", "youtube"),
    "localised/Dec-01-2025_Dec-31-2025_17841400000000009_sv.csv": ("meta_instagram_posts", "instagram"),
    "localised/Dec-01-2025_Dec-31-2025_61550000000009_sv.csv": ("meta_facebook_posts", "facebook"),
    "tiktok/Overview.csv": ("tiktok_overview", "tiktok"),
    "tiktok/es/Overview.csv": ("tiktok_overview", "tiktok"),
    "tiktok/overlap/Overview.csv": ("tiktok_overview", "tiktok"),
    "tiktok/Content.csv": ("tiktok_content", "tiktok"),
    "tiktok/Viewers.csv": ("tiktok_viewers", "tiktok"),
    "tiktok/Followers_cleanrivertrust/FollowerHistory.csv": ("tiktok_follower_history", "tiktok"),
    "tiktok/Followers_cleanrivertrust/FollowerActivity.csv": ("tiktok_follower_activity", "tiktok"),
    "tiktok/Followers_cleanrivertrust/FollowerGender.csv": ("tiktok_follower_gender", "tiktok"),
    "tiktok/Followers_cleanrivertrust/FollowerTopTerritories.csv": ("tiktok_follower_territories", "tiktok"),
    "tiktok/broken/Overview_truncated.csv": ("tiktok_overview", "tiktok"),
    "tiktok/broken/Overview_header_only.csv": ("tiktok_overview", "tiktok"),
    "tiktok/broken/Overview_bad_days.csv": ("tiktok_overview", "tiktok"),
    "tiktok/broken/Overview_utf16_no_bom.csv": None,
    "tiktok/broken/renamed/Overview.csv": ("youtube_totals", "youtube"),  # YouTube's Totals.csv, renamed
    "tiktok/broken/renamed/Content.csv": None,
    "facebook/page_level/Facebook Insights Data Export - Clean River Trust - 2015-08-19 - 2015-08-25.csv": (
        "facebook_insights_page_level",
        "facebook",
    ),
    "facebook/page_level/Facebook Insights Data Export - Clean River Trust - 2015-08-23 - 2015-08-29.csv": (
        "facebook_insights_page_level",
        "facebook",
    ),
    "facebook/page_level/make_fixtures.py": None,
    "custom/jetpack_postviews.csv": None,
    "custom/wix_site_stats.csv": None,
    "custom/donation_form.csv": None,
    "broken/empty.csv": None,
    "broken/whitespace_only.csv": None,
    "broken/unknown_columns.csv": None,
    "broken/numbers.xlsx": None,
    "broken/account_analytics_content_2026-07-06_2026-08-02_truncated.csv": ("x_account_analytics_content", "x"),
    "broken/account_analytics_content_2026-07-06_2026-08-02_bad_impressions.csv": ("x_account_analytics_content", "x"),
    "broken/account_analytics_content_2026-07-06_2026-08-02_all_bad.csv": ("x_account_analytics_content", "x"),
    "broken/account_analytics_content_2026-07-06_2026-08-02_cp1252_row.csv": ("x_account_analytics_content", "x"),
    "broken/account_analytics_content_2026-07-06_2026-08-02_formulas.csv": ("x_account_analytics_content", "x"),
    "time/make_time_fixtures.py": None,
    "time/template/time_log_template.csv": ("time_log_template", "template"),
    "time/template/time_log_november_2026.csv": ("time_log_template", "template"),
    "time/template/time_log_us_dates.csv": ("time_log_template", "template"),
    "time/template/time_log_unicode_text.txt": ("time_log_template", "template"),
    "time/toggl/Toggl_time_entries_2026-11-01_to_2026-11-07.csv": ("toggl_detailed_csv", "toggl"),
    "time/toggl/overlap/Toggl_time_entries_2026-11-05_to_2026-11-14.csv": ("toggl_detailed_csv", "toggl"),
    "time/toggl/Toggl_Track_time_entries_2026-12-01_to_2026-12-07.csv": ("toggl_detailed_csv", "toggl"),
    "time/clockify/Clockify_Time_Report_Detailed_11_01_2026-11_30_2026.csv": ("clockify_detailed_csv", "clockify"),
    "time/clockify/Clockify_Time_Report_Detailed_01_12_2026-31_12_2026.csv": ("clockify_detailed_csv", "clockify"),
    "time/broken/time_log_bad_minutes.csv": ("time_log_template", "template"),
    "time/broken/Toggl_time_entries_2026-11-01_to_2026-11-07_no_duration.csv": ("toggl_detailed_csv", "toggl"),
    "time/broken/Toggl_time_entries_2026-11-01_to_2026-11-07_truncated.csv": ("toggl_detailed_csv", "toggl"),
    "time/broken/time_log_utf16_no_bom.csv": None,
    "time/broken/time_log.csv": ("x_account_overview", "x"),  # an X export renamed
    "donations/paypal_us/Download.CSV": ("paypal_activity_business", "paypal"),
    "donations/paypal_overlap/Download (1).CSV": ("paypal_activity_business", "paypal"),
    "donations/paypal_eu/Download.CSV": ("paypal_activity_business", "paypal"),
    "donations/paypal_personal/Download.CSV": ("paypal_activity_personal", "paypal"),
    "donations/paypal_giving_fund/PPGF_Payout_Report.csv": ("paypal_giving_fund_payouts", "paypal_giving_fund"),
    "donations/razorpay/payments_report.csv": ("razorpay_payments", "razorpay"),
    "donations/broken/truncated/Download.CSV": ("paypal_activity_business", "paypal"),
    "donations/broken/bad_gross/Download.CSV": ("paypal_activity_business", "paypal"),
    "donations/broken/withdrawals_only/Download.CSV": ("paypal_activity_business", "paypal"),
    "donations/broken/cp1252/Download.CSV": ("paypal_activity_business", "paypal"),
    "donations/broken/x_renamed/Download.CSV": ("x_account_analytics_content", "x"),
    "donations/broken/razorpay_api/payments.csv": None,  # paise: refused by name
    "donations/make_fixtures.py": None,
    # Workbooks are detected per sheet: "<workbook> › <sheet>" (the importer reads each sheet as a CSV).
    f"{LI}_content_1785888000000.xls › Metrics": LI_METRICS,
    f"{LI}_content_1785888000000.xls › All posts": LI_POSTS,
    f"{LI}_followers_1785888060000.xls › New followers": ("linkedin_new_followers", "linkedin"),
    f"{LI}_followers_1785888060000.xls › Location": None,
    f"{LI}_followers_1785888060000.xls › Job function": None,
    f"{LI}_visitors_1785888030000.xls › Visitor metrics": ("linkedin_visitor_metrics", "linkedin"),
    f"{LI}_visitors_1785888030000.xls › Industry": None,
    "linkedin/older/clean-river-trust_content_1704153600000.xls › Metrics": LI_METRICS,
    "linkedin/older/clean-river-trust_content_1704153600000.xls › All posts": LI_POSTS,
    "linkedin/overlap/clean-river-trust_content_1786060800000.xls › Metrics": LI_METRICS,
    "linkedin/overlap/clean-river-trust_content_1786060800000.xls › All posts": LI_POSTS,
    "linkedin/resaved/clean-river-trust_content_1785888000000.xlsx › Metrics": LI_METRICS,
    "linkedin/resaved/clean-river-trust_content_1785888000000.xlsx › All posts": LI_POSTS,
    "linkedin/resaved/clean-river-trust_content_1785888000000 1.xlsx › Metrics": LI_METRICS,
    "linkedin/resaved/clean-river-trust_content_1785888000000 1.xlsx › All posts": LI_POSTS,
    "linkedin/csv/clean-river-trust_followers_1785888060000 1.csv": ("linkedin_new_followers", "linkedin"),
    "linkedin/broken/clean-river-trust_content_1785888000000_truncated.xls": None,
    "linkedin/broken/clean-river-trust_content_1785888000002.xls": ("x_account_analytics_content", "x"),
    "linkedin/broken/clean-river-trust_content_1785888000003.xls › Metrics": LI_METRICS,
    "linkedin/broken/clean-river-trust_content_1785888000003.xls › All posts": LI_POSTS,
    "linkedin/make_fixtures.py": None,
    "website/Pages_and_screens_Page_path_and_screen_class.csv": ("ga4_page", "website"),
    "website/Traffic_acquisition_Session_source_medium.csv": ("ga4_source_medium", "website"),
    "website/overlap/Traffic_acquisition_Session_source_medium_2026-04-02.csv": ("ga4_source_medium", "website"),
    "website/Traffic_acquisition_Session_default_channel_group_2023.csv": ("ga4_channel_group", "website"),
    "website/User_acquisition_First_user_source_medium.csv": ("ga4_first_user_source_medium", "website"),
    "website/Traffic_acquisition_Date.csv": ("ga4_date", "website"),
    "website/Traffic_acquisition_Session_source_medium_Date.csv": ("ga4_source_medium_by_day", "website"),
    "website/data-export.csv": ("ga4_report_csv_export", "website"),
    "website/Analytics All Web Site Data Source_Medium 20200101-20200131.csv": None,  # Universal Analytics
    "website/Pages_and_screens_truncated.csv": ("ga4_page", "website"),
    "website/Pages_and_screens_cut_in_header.csv": ("ga4_page", "website"),
    "website/Pages_and_screens_no_start_date.csv": ("ga4_page", "website"),
    "website/Pages_and_screens_utf16_no_bom.csv": None,
    "website/Traffic_acquisition_Session_source_medium_search_console.csv": None,
    "email/campaigns.csv": ("mailchimp_campaigns", "email"),
    "email/campaigns_send_time_pt.csv": ("mailchimp_campaigns", "email"),
    "email/overlap_campaigns_2021-08-01.csv": ("mailchimp_campaigns", "email"),
    "email/campaigns_bad_unique_opens.csv": ("mailchimp_campaigns", "email"),
    "email/campaign_report_april_newsletter.csv": ("mailchimp_campaign_report", "email"),
    "email/campaign_report_ab_test.csv": ("mailchimp_campaign_report", "email"),
    "email/campaign_report_truncated.csv": ("mailchimp_campaign_report", "email"),
    "email/campaign_report_numbers_cut_off.csv": ("mailchimp_campaign_report", "email"),
    "email/campaigns_renamed_brevo_report.csv": None,
}

REAL_EXPECTED: dict[str, tuple[str, str] | None] = {
    "twitter__tweet_activity_metrics_rOpenSci_20161201_20170101_en.csv": ("x_tweet_activity", "x"),
    "x__account_analytics_content_2024-11-21_2025-02-19.csv": ("x_account_analytics_content", "x"),
    "facebook__insights_post_level_2015-08-19_2016-02-15.csv": ("facebook_insights_post_level", "facebook"),
    "facebook__meta_business_suite_posts_Feb-01-2025_Mar-15-2025.csv": ("meta_facebook_posts", "facebook"),
    "youtube__studio_content_Table_data_2025.csv": ("youtube_table_data", "youtube"),
    "tiktok__Overview_daily_2025-26.csv": ("tiktok_overview", "tiktok"),
    "SOURCES.md": None,
}


def fits(connector, names: set[str]) -> bool:
    """The connector's declared signature is in the row and none of its exclusions is."""
    return all(s in names for s in connector.signature) and not any(e in names for e in connector.excludes)


def check_detection(path: Path, expected: tuple[str, str] | None) -> None:
    head = path.read_bytes()[:HEAD_BYTES]
    if expected is None:
        with pytest.raises(DetectionError) as caught:
            detect(path.name, head)
        assert str(caught.value).startswith(f"{path.name}: ")
        return
    detected = detect(path.name, head)
    assert (detected.connector.name, detected.platform) == expected
    # No row among the first ones fits any other connector: the match is not won by a tie-break.
    text = decode_head(head, sniff_encoding(head))
    rows = head_rows(text, delimiter=sniff_delimiter(text))  # Excel's Unicode Text is tab-separated
    matching_rows = 0
    for row in rows:
        names = {normalise_header(c) for c in row.cells}
        fitting = {c.name for c in REGISTRY if fits(c, names)}
        assert fitting <= {expected[0]}, f"{path.name}: row {row.cells[:5]} also fits {fitting - {expected[0]}}"
        matching_rows += bool(fitting)
    assert matching_rows == 1


def test_every_fixture_is_listed():
    on_disk = {p.relative_to(FIXTURES).as_posix() for p in FIXTURES.rglob("*") if p.is_file()}
    assert on_disk == {name.split(" › ")[0] for name in EXPECTED}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_fixture_is_detected_as_exactly_its_connector(name, tmp_path):
    check_detection(fixture_file(name, tmp_path), EXPECTED[name])


def fixture_file(name: str, folder: Path) -> Path:
    """The fixture, or for "<workbook> › <sheet>" that sheet as the importer writes it (a CSV)."""
    if " › " not in name:
        return FIXTURES / name
    workbook, title = name.split(" › ")
    [sheet] = [s for s in sheets_as_csv(FIXTURES / workbook, workbook, folder) if s.title == title]
    return sheet.csv_path


def test_real_exports_are_detected_as_exactly_their_connector(real_exports):
    assert {p.name for p in real_exports.iterdir()} == set(REAL_EXPECTED)
    for name, expected in REAL_EXPECTED.items():
        check_detection(real_exports / name, expected)


def test_every_connector_has_a_fixture():
    covered = {e[0] for e in EXPECTED.values() if e}
    # The classic Facebook post-level export is covered by the real file (test above).
    assert {c.name for c in REGISTRY} - covered == {"facebook_insights_post_level"}
