"""Detection: every fixture is recognised as exactly its connector, and no other connector's
signature fits any of its first rows. Every file under tests/fixtures must be listed here.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from connectors import REGISTRY, DetectionError, detect
from connectors.base import normalise_header
from connectors.sniff import HEAD_BYTES, decode_head, head_rows, sniff_encoding

FIXTURES = Path(__file__).resolve().parent / "fixtures"
YT_EXPORT = "youtube/Content 2026-05-18_2026-08-16 My Channel"

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
}

REAL_EXPECTED: dict[str, tuple[str, str] | None] = {
    "twitter__tweet_activity_metrics_rOpenSci_20161201_20170101_en.csv": ("x_tweet_activity", "x"),
    "x__account_analytics_content_2024-11-21_2025-02-19.csv": ("x_account_analytics_content", "x"),
    "facebook__insights_post_level_2015-08-19_2016-02-15.csv": ("facebook_insights_post_level", "facebook"),
    "facebook__meta_business_suite_posts_Feb-01-2025_Mar-15-2025.csv": ("meta_facebook_posts", "facebook"),
    "youtube__studio_content_Table_data_2025.csv": ("youtube_table_data", "youtube"),
    "tiktok__Overview_daily_2025-26.csv": None,  # TikTok is not supported yet
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
    rows = head_rows(decode_head(head, sniff_encoding(head)))
    matching_rows = 0
    for row in rows:
        names = {normalise_header(c) for c in row.cells}
        fitting = {c.name for c in REGISTRY if fits(c, names)}
        assert fitting <= {expected[0]}, f"{path.name}: row {row.cells[:5]} also fits {fitting - {expected[0]}}"
        matching_rows += bool(fitting)
    assert matching_rows == 1


def test_every_fixture_is_listed():
    on_disk = {p.relative_to(FIXTURES).as_posix() for p in FIXTURES.rglob("*") if p.is_file()}
    assert on_disk == set(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_fixture_is_detected_as_exactly_its_connector(name):
    check_detection(FIXTURES / name, EXPECTED[name])


def test_real_exports_are_detected_as_exactly_their_connector(real_exports):
    assert {p.name for p in real_exports.iterdir()} == set(REAL_EXPECTED)
    for name, expected in REAL_EXPECTED.items():
        check_detection(real_exports / name, expected)


def test_every_connector_has_a_fixture():
    covered = {e[0] for e in EXPECTED.values() if e}
    # The classic Facebook post-level export is covered by the real file (test above).
    assert {c.name for c in REGISTRY} - covered == {"facebook_insights_post_level"}
