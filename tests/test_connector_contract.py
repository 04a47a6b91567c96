"""The contract every connector keeps, checked over one table of fixture files.

For each export file in FIXTURES: it is detected as exactly its connector (no other connector fits any
of its first rows); imported into a fresh store, it fills exactly its table with exactly the canonical
figures written below; imported a second time, it is skipped and the store does not change.
For each file in BROKEN: it is rejected with a message naming it, and the store is exactly as before
(every table's row count and a checksum of its rows), whether it held data or nothing at all.

Every figure below was added up by hand from the fixture files (their generators' tables for the
workbooks and the wide Facebook page export); the real exports' figures were added up with Python's
csv module, not by the importer. What is special to one format (year inference, newest export wins,
rows set aside, rejection reasons) is tested in that format's own test file.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import duckdb
import pytest

from connectors import REGISTRY, DetectionError, detect
from connectors.base import normalise_header
from connectors.sniff import HEAD_BYTES, decode_head, head_rows, sniff_delimiter, sniff_encoding
from impact.store.connection import connect
from impact.store.ingest import ImportResult, import_paths
from impact.store.tables import TABLES
from impact.store.workbooks import WorkbookError, sheets_as_csv
from tests.conftest import FIXTURES, ORG

# Days written without a year (TikTok) are read against the import day: pinned for every file.
TODAY = date(2026, 3, 4)

# The measures of each canonical table: the digest sums each of them.
MEASURES = {
    "post": (
        "impressions",
        "reach",
        "engagements",
        "likes",
        "comments",
        "shares",
        "saves",
        "clicks",
        "video_views",
        "watch_time_hours",
        "sends",
        "opens",
    ),
    "account_day": (
        "followers",
        "followers_gained",
        "followers_lost",
        "impressions",
        "reach",
        "engagements",
        "profile_views",
        "video_views",
        "watch_time_hours",
        "posts_published",
    ),
    "outcome": ("amount", "quantity"),  # amounts are summed per currency: "amount USD"
    "time_entry": ("minutes",),
    "web_traffic": ("sessions", "users", "new_users", "views", "engaged_sessions", "key_events"),
    "mention": (),  # rows without figures: each mention is the fact
    "interaction": ("person_followers",),  # the person's audience, where the API or file gives it
}
assert set(MEASURES) == set(TABLES)

Sum = int | float | Decimal


@dataclass(frozen=True)
class Fixture:
    """An export file that imports, and the canonical rows it must give.

    `sums` holds every measure that has a value in some row: a number when every row has one, or
    (sum, rows with a value). A measure not listed must be empty in every row.
    """

    path: str  # under tests/fixtures, or under shared/real_exports when `real`
    connector: str
    platform: str
    table: str | None  # None: recognised, and deliberately not stored (skipped with `skipped`)
    rows: int = 0
    span: tuple[date | datetime, date | datetime] | None = None  # first and last day or time
    sums: dict[str, Sum | tuple[Sum, int]] = field(default_factory=dict)
    handles: tuple[str, ...] = ("",)  # the accounts the rows belong to ("" when the export names none)
    sheet: str | None = None  # a workbook's sheet
    rejected: int = 0  # rows left out with a reason (the special tests give the reasons)
    set_aside: int = 0  # rows read but not counted (PayPal withdrawals)
    undated: int = 0  # rows without a day or time (private YouTube videos)
    skipped: str | None = None  # the sentence a deliberately skipped file gets
    today: date = TODAY
    real: bool = False
    row_platforms: tuple[str, ...] = ()  # a file whose rows name their platform (the interactions template)

    @property
    def name(self) -> str:
        """The file as the import names it."""
        base = Path(self.path).name
        return f"{base} › {self.sheet}" if self.sheet else base

    def __str__(self) -> str:
        return f"{self.path} ({self.sheet})" if self.sheet else self.path


@dataclass(frozen=True)
class Broken:
    """A file that must be rejected whole, with exactly this message."""

    path: str  # under tests/fixtures
    message: str
    connector: str | None = None  # the connector it is taken for, None when none fits
    seed: str = "x/account_overview_analytics.csv"  # what the store holds before
    sheet: str | None = None
    of: str | None = None  # the export it is a broken copy of, or is named like, when none fits
    platform: str | None = None  # detected as this platform, when not its connector's ("unnamed": Meta's "Views")

    @property
    def meant(self) -> str | None:
        """The connector whose export this file is a broken copy of (None: no export's)."""
        return self.connector or self.of

    @property
    def name(self) -> str:
        base = Path(self.path).name
        return f"{base} › {self.sheet}" if self.sheet else base

    def __str__(self) -> str:
        return f"{self.path} ({self.sheet})" if self.sheet else self.path


# ------------------------------------------------------------------------------------------------
# The files that import

YT = "youtube/Content 2026-05-18_2026-08-16 My Channel"
YT_WEEK = "Content 2026-05-18_2026-05-22 My Channel"
LI = "linkedin/clean-river-trust"
FB_PAGE = "facebook/page_level/Facebook Insights Data Export - Clean River Trust"
X_CONTENT = "x/account_analytics_content_2026-07-06_2026-08-02.csv"
X_CONTENT_SUMS = {
    "impressions": 1520 + 2045 + 880 + 310,
    "engagements": 95 + 150 + 41 + 9,
    "likes": 40 + 61 + 22 + 5,
    "comments": 4 + 8 + 2 + 1,  # Replies
    "shares": 9 + 15 + 3 + 1,  # Reposts (X's "Shares" is not reposts)
    "saves": 3 + 5 + 1 + 0,  # Bookmarks
    "clicks": 11 + 13 + 2 + 0,  # URL Clicks
}
# The posts' times come from their snowflake ids: 2074131798815719646 ... 2083794948846518273.
X_CONTENT_SPAN = (datetime(2026, 7, 6, 14, 2, 11), datetime(2026, 8, 2, 6, 0, 5, 500000))
X_OVERVIEW_SUMS = {
    "impressions": 3388 + 1210 + 980 + 1502,
    "engagements": 104 + 40 + 28 + 51,
    "followers_gained": 2 + 3 + 0 + 5,
    "followers_lost": 0 + 1 + 2 + 1,
    "profile_views": 25 + 9 + 7 + 11,
    "video_views": 0 + 15 + 0 + 33,
    "posts_published": 0 + 1 + 2 + 1,  # Create Post
}
# LinkedIn content workbook: engagements add clicks, reactions, comments and reposts (and follows, per post).
LI_METRICS_SUMS = {
    "impressions": 400 + 1520 + 310 + 0,
    "engagements": (30 + 10 + 2 + 1) + (45 + 13 + 3) + (20 + 8 - 1 + 2),
}
LI_POSTS_SUMS = {
    "impressions": 380 + 1450 + 290,
    "engagements": (28 + 9 + 2 + 1 + 1) + (50 + 14 + 3 + 0 + 2) + (18 + 7 + 0 + 2 + 0),
    "likes": 9 + 14 + 7,
    "comments": 2 + 3 + 0,
    "shares": 1 + 0 + 2,
    "clicks": 28 + 50 + 18,
    "video_views": (600, 1),
}
LI_DAYS = (date(2026, 7, 28), date(2026, 7, 31))
LI_POST_DAYS = (datetime(2026, 7, 28), datetime(2026, 7, 30))
TIKTOK_OVERVIEW_SUMS = {
    "video_views": 1204 + 980 + 2310 + 1502 + 0 + 3875 + 2144,
    "profile_views": 31 + 22 + 57 + 40 + 0 + 96 + 48,
    # likes + comments + shares: 887 + 62 + 47
    "engagements": (88 + 61 + 190 + 97 + 0 + 301 + 150) + (6 + 3 + 14 + 8 + 0 + 22 + 9) + (4 + 2 + 11 + 5 + 0 + 18 + 7),
}
TIKTOK_DAYS = (date(2026, 2, 22), date(2026, 2, 28))
GA4 = ("Clean River Trust - GA4",)

FIXTURES_TABLE: list[Fixture] = [
    # X / Twitter
    Fixture(
        "x/tweet_activity_metrics_ngo_20150301_20150401_en.csv",
        "x_tweet_activity",
        "x",
        "post",
        rows=3,
        span=(datetime(2015, 3, 3, 17, 45), datetime(2015, 3, 13, 14, 52)),
        sums={
            "impressions": 1200 + 850 + 2310,
            "engagements": 48 + 17 + 99,
            "likes": 12 + 4 + 41,  # favorites
            "comments": 2 + 0 + 6,
            "shares": 5 + 1 + 20,
            "clicks": 10 + 6 + 15,
            "video_views": 0 + 25 + 120,
        },
        handles=("ngo",),
    ),
    Fixture(
        "x/tweet_activity_metrics_ngo_jp_20200801_20200901_ja.csv",
        "x_tweet_activity",
        "x",
        "post",
        rows=2,
        span=(datetime(2020, 8, 30, 3, 15), datetime(2020, 8, 31, 9, 0)),
        sums={
            "impressions": 1500 + 800,
            "engagements": 60 + 16,
            "likes": 20 + 9,
            "comments": 2 + 0,
            "shares": 7 + 1,
            "clicks": 10 + 2,
            "video_views": 0,
        },
        handles=("ngo_jp",),
    ),
    Fixture(
        "x/daily_tweet_activity_metrics_ngo_20210801_20210901_en.csv",
        "x_daily_tweet_activity",
        "x",
        "account_day",
        rows=3,
        span=(date(2021, 8, 1), date(2021, 8, 3)),
        sums={
            "impressions": 1088 + 2540 + 1710,
            "engagements": 13 + 61 + 25,
            "followers_gained": 1 + 3 + 0,
            "profile_views": 1 + 5 + 2,
            "video_views": 0 + 44 + 12,
            "posts_published": 0 + 2 + 1,
        },
        handles=("ngo",),
    ),
    Fixture(X_CONTENT, "x_account_analytics_content", "x", "post", 4, X_CONTENT_SPAN, X_CONTENT_SUMS, ("ngo_org",)),
    Fixture(
        "x/overlap/account_analytics_content_2026-06-01_2026-07-31.csv",
        "x_account_analytics_content",
        "x",
        "post",
        rows=3,
        span=(datetime(2026, 6, 12, 8, 30), datetime(2026, 7, 20, 18, 45, 0, 999000)),
        sums={
            "impressions": 1500 + 640 + 880,
            "engagements": 120 + 30 + 41,
            "likes": 50 + 12 + 22,
            "comments": 7 + 2 + 2,
            "shares": 12 + 4 + 3,
            "saves": 4 + 0 + 1,
            "clicks": 9 + 5 + 2,
        },
        handles=("ngo_org",),
    ),
    Fixture(
        "x/account_overview_analytics.csv",
        "x_account_overview",
        "x",
        "account_day",
        4,
        (date(2025, 9, 3), date(2025, 9, 6)),
        X_OVERVIEW_SUMS,
    ),
    Fixture(
        "broken/account_analytics_content_2026-07-06_2026-08-02_truncated.csv",
        "x_account_analytics_content",
        "x",
        "post",
        rows=2,  # the third post is cut off in its Engagements value
        span=(datetime(2026, 7, 20, 18, 45, 0, 999000), datetime(2026, 8, 1, 9, 15, 30, 250000)),
        sums={
            "impressions": 1520 + 2045,
            "engagements": 95 + 150,
            "likes": 40 + 61,
            "comments": 4 + 8,
            "shares": 9 + 15,
            "saves": 3 + 5,
            "clicks": 11 + 13,
        },
        handles=("ngo_org",),
        rejected=1,
    ),
    Fixture(
        "broken/account_analytics_content_2026-07-06_2026-08-02_bad_impressions.csv",
        "x_account_analytics_content",
        "x",
        "post",
        rows=2,
        span=(datetime(2026, 7, 6, 14, 2, 11), datetime(2026, 8, 1, 9, 15, 30, 250000)),
        sums={
            "impressions": 1520 + 880,
            "engagements": 95 + 41,
            "likes": 40 + 22,
            "comments": 4 + 2,
            "shares": 9 + 3,
            "saves": 3 + 1,
            "clicks": 11 + 2,
        },
        handles=("ngo_org",),
        rejected=2,
    ),
    Fixture(
        "broken/account_analytics_content_2026-07-06_2026-08-02_cp1252_row.csv",
        "x_account_analytics_content",
        "x",
        "post",
        rows=2,
        span=(datetime(2026, 7, 6, 14, 2, 11), datetime(2026, 8, 1, 9, 15, 30, 250000)),
        sums={
            "impressions": 1520 + 880,
            "engagements": 95 + 41,
            "likes": 40 + 22,
            "comments": 4 + 2,
            "shares": 9 + 3,
            "saves": 3 + 1,
            "clicks": 11 + 2,
        },
        handles=("ngo_org",),
    ),
    Fixture(
        "broken/account_analytics_content_2026-07-06_2026-08-02_formulas.csv",
        "x_account_analytics_content",
        "x",
        "post",
        4,
        X_CONTENT_SPAN,
        X_CONTENT_SUMS,
        ("ngo_org",),
    ),
    # Other exports under a name of another platform's file are read as what they are.
    Fixture(
        "donations/broken/x_renamed/Download.CSV",
        "x_account_analytics_content",
        "x",
        "post",
        4,
        X_CONTENT_SPAN,
        X_CONTENT_SUMS,
        ("ngo_org",),
    ),
    Fixture(
        "linkedin/broken/clean-river-trust_content_1785888000002.xls",
        "x_account_analytics_content",
        "x",
        "post",
        4,
        X_CONTENT_SPAN,
        X_CONTENT_SUMS,
        ("ngo_org",),
    ),
    Fixture(
        "time/broken/time_log.csv",
        "x_account_overview",
        "x",
        "account_day",
        4,
        (date(2025, 9, 3), date(2025, 9, 6)),
        X_OVERVIEW_SUMS,
    ),
    Fixture(
        "tiktok/broken/renamed/Overview.csv",  # YouTube's Totals.csv
        "youtube_totals",
        "youtube",
        "account_day",
        rows=5,
        span=(date(2026, 5, 18), date(2026, 5, 22)),
        sums={"video_views": (55 + 40 + 460 + 390, 4)},
    ),
    # Facebook and Instagram
    Fixture(
        "facebook/Jan-01-2024_Dec-31-2024_1509169891251840.csv",
        "meta_facebook_posts",
        "facebook",
        "post",
        rows=3,
        span=(datetime(2024, 3, 10, 18, 30), datetime(2024, 12, 30, 23, 59)),
        sums={
            "impressions": 2210 + 7840 + 905,  # Views
            "reach": 1450 + 5020 + 610,
            "engagements": 87 + 301 + 12,
            "likes": 70 + 250 + 10,
            "comments": 9 + 31 + 1,
            "shares": 8 + 20 + 1,
            "clicks": 33 + 64 + 45,
            "video_views": (3900, 1),
            "watch_time_hours": (round(41250 / 3600, 6), 1),
        },
        handles=("Clean River Trust",),
    ),
    Fixture(
        "facebook/meta_insights/Follows.csv",
        "meta_page_insights",
        "facebook",
        "account_day",
        rows=3,  # only days with a follow
        span=(date(2025, 8, 1), date(2025, 8, 4)),
        sums={"followers_gained": 20 + 7 + 3},
    ),
    Fixture(
        "facebook/meta_insights/Views.csv",
        "meta_page_insights",
        "facebook",
        "account_day",
        rows=4,
        span=(date(2025, 8, 1), date(2025, 8, 4)),
        sums={"impressions": 1500 + 980 + 1220 + 640},
    ),
    Fixture(  # the sibling that names the platform of meta_insights_unnamed/Views.csv (tests/test_import_options.py)
        "facebook/meta_insights_unnamed/Follows.csv",
        "meta_page_insights",
        "facebook",
        "account_day",
        rows=2,
        span=(date(2026, 1, 10), date(2026, 1, 12)),
        sums={"followers_gained": 4 + 6},
    ),
    Fixture(
        "facebook/meta_insights/Visits.csv",
        "meta_page_insights",
        "facebook",
        "account_day",
        rows=4,
        span=(date(2025, 8, 1), date(2025, 8, 4)),
        sums={"profile_views": 45 + 30 + 0 + 12},
    ),
    Fixture(
        f"{FB_PAGE} - 2015-08-19 - 2015-08-25.csv",
        "facebook_insights_page_level",
        "facebook",
        "account_day",
        rows=7,
        span=(date(2015, 8, 19), date(2015, 8, 25)),
        sums={
            "followers": 1200 + 1204 + 1209 + 1213 + 1216 + 1222 + 1225,
            "followers_gained": 5 + 6 + 7 + 4 + 3 + 8 + 4,
            "followers_lost": 1 + 2 + 2 + 0 + 0 + 2 + 1,
            "engagements": 40 + 35 + 52 + 18 + 12 + 61 + 44,
            "reach": 850 + 920 + 1310 + 400 + 380 + 1750 + 990,
            "impressions": 1500 + 1610 + 2280 + 700 + 640 + 3105 + 1720,
        },
        handles=("Clean River Trust",),
    ),
    Fixture(
        f"{FB_PAGE} - 2015-08-23 - 2015-08-29.csv",
        "facebook_insights_page_level",
        "facebook",
        "account_day",
        rows=7,
        span=(date(2015, 8, 23), date(2015, 8, 29)),
        sums={
            "followers": 1216 + 1222 + 1225 + 1229 + 1231 + 1236 + 1236,
            "followers_gained": 3 + 8 + 4 + 5 + 2 + 6 + 1,
            "followers_lost": 0 + 2 + 1 + 1 + 0 + 1 + 1,
            "engagements": 12 + 61 + 44 + 30 + 22 + 47 + 9,
            "reach": 395 + 1750 + 990 + 700 + 610 + 1420 + 300,
            "impressions": 640 + 3105 + 1720 + 1210 + 1015 + 2390 + 505,
        },
        handles=("Clean River Trust",),
    ),
    Fixture(
        "localised/Dec-01-2025_Dec-31-2025_61550000000009_sv.csv",
        "meta_facebook_posts",
        "facebook",
        "post",
        rows=2,
        span=(datetime(2025, 12, 2, 10, 0), datetime(2025, 12, 8, 19, 30)),
        sums={
            "impressions": 5100 + 2600,
            "reach": 3900 + 2050,
            "engagements": 240 + 95,
            "likes": 190 + 70,
            "comments": 28 + 15,
            "shares": 22 + 10,
            "clicks": 130 + 64,
        },
        handles=("Göteborgs Matbank",),
    ),
    # Instagram: engagements = likes + comments + shares + saves.
    Fixture(
        "instagram/Jan-01-2023_Dec-31-2023_4588672571364735.csv",
        "meta_instagram_posts",
        "instagram",
        "post",
        rows=2,
        span=(datetime(2023, 9, 2, 8, 0), datetime(2023, 12, 24, 19, 30)),
        sums={
            "impressions": 2045 + 6120,
            "reach": 1500 + 4800,
            "engagements": (130 + 402) + (12 + 40) + (6 + 31) + (9 + 22),
            "likes": 130 + 402,
            "comments": 12 + 40,
            "shares": 6 + 31,
            "saves": 9 + 22,
        },
        handles=("cleanriver_trust",),
    ),
    Fixture(
        "instagram/Jan-01-2024_Dec-31-2024_4588672571364735.csv",
        "meta_instagram_posts",
        "instagram",
        "post",
        rows=3,
        span=(datetime(2024, 4, 21, 10, 15), datetime(2024, 11, 14, 16, 0)),
        sums={
            "impressions": 1310 + 9050 + 455,  # Views: this vintage has no Impressions
            "reach": 820 + 4100 + 300,
            "engagements": (96 + 388 + 41) + (7 + 23 + 5) + (4 + 52 + 0) + (11 + 40 + 2),
            "likes": 96 + 388 + 41,
            "comments": 7 + 23 + 5,
            "shares": 4 + 52 + 0,
            "saves": 11 + 40 + 2,
        },
        handles=("cleanriver_kids", "cleanriver_trust"),
    ),
    Fixture(
        "instagram/Jan-01-2026_Aug-10-2026_1071135865260092.csv",
        "meta_instagram_posts",
        "instagram",
        "post",
        rows=2,
        span=(datetime(2026, 7, 3, 7, 45), datetime(2026, 8, 9, 18, 20)),
        sums={
            "impressions": 3300 + 12050,
            "reach": 2100 + 8000,
            "engagements": (150 + 610) + (9 + 47) + (12 + 88) + (30 + 70),
            "likes": 150 + 610,
            "comments": 9 + 47,
            "shares": 12 + 88,
            "saves": 30 + 70,
        },
        handles=("cleanriver_trust",),
    ),
    Fixture(
        "localised/Dec-01-2025_Dec-31-2025_17841400000000009_sv.csv",
        "meta_instagram_posts",
        "instagram",
        "post",
        rows=2,
        span=(datetime(2025, 12, 1, 9, 15), datetime(2025, 12, 5, 17, 40)),
        sums={
            "impressions": 4200 + 9800,
            "reach": 3100 + 7050,
            "engagements": (310 + 520) + (18 + 33) + (25 + 61) + (40 + 75),
            "likes": 310 + 520,
            "comments": 18 + 33,
            "shares": 25 + 61,
            "saves": 40 + 75,
        },
        handles=("goteborg_matbank",),
    ),
    # YouTube
    Fixture(
        "youtube/Table data.csv",
        "youtube_table_data",
        "youtube",
        "post",
        rows=3,  # the Total row is not a video
        span=(datetime(2024, 9, 27), datetime(2024, 10, 2)),
        sums={"impressions": 5210 + 4100 + 490, "video_views": 905 + 700 + 25, "watch_time_hours": 28.8077},
        undated=1,
    ),
    Fixture(
        f"{YT}/Table data.csv",
        "youtube_table_data",
        "youtube",
        "post",
        rows=3,
        span=(datetime(2026, 5, 20), datetime(2026, 7, 1)),
        sums={
            "impressions": 22000 + 17500 + 700,  # Thumbnail impressions
            "video_views": 3010 + 2020 + 90,
            "watch_time_hours": 120.25 + 68.75 + 1.5,
            "likes": 260 + 140 + 10,
            "comments": 30 + 20 + 2,
            "shares": 11 + 7 + 0,
            "engagements": (260 + 140 + 10) + (30 + 20 + 2) + (11 + 7 + 0),
        },
        undated=1,
    ),
    Fixture(
        f"{YT}/Totals.csv",
        "youtube_totals",
        "youtube",
        "account_day",
        rows=5,
        span=(date(2026, 5, 18), date(2026, 5, 22)),
        sums={"video_views": (55 + 40 + 460 + 390, 4)},  # 22 May is blank: no value, not 0
    ),
    # Totals.csv of another chart metric: stored where account_day has its column, else skipped saying what it is.
    Fixture(
        f"youtube/watch_time/{YT_WEEK}/Totals.csv",
        "youtube_totals",
        "youtube",
        "account_day",
        rows=5,
        span=(date(2026, 5, 18), date(2026, 5, 22)),
        sums={"watch_time_hours": 1.8344 + 1.2 + 14.5021 + 12.75 + 0},
    ),
    Fixture(
        f"youtube/impressions/{YT_WEEK}/Totals.csv",
        "youtube_totals",
        "youtube",
        "account_day",
        rows=4,
        span=(date(2026, 5, 18), date(2026, 5, 21)),
        sums={"impressions": 1210 + 980 + 5120 + 4350},
    ),
    Fixture(
        f"youtube/subscribers_gained/{YT_WEEK}/Totals.csv",
        "youtube_totals",
        "youtube",
        "account_day",
        rows=4,
        span=(date(2026, 5, 18), date(2026, 5, 21)),
        sums={"followers_gained": 3 + 1 + 12 + 8},
    ),
    Fixture(
        f"youtube/average_view_duration/{YT_WEEK}/Totals.csv",
        "youtube_totals_not_stored",
        "youtube",
        None,
        skipped="Totals.csv: a YouTube Studio Totals.csv of 'Average view duration': the average view duration per "
        "day (H:MM:SS), an average over viewers, which does not add up over days, and no figure of this product "
        "uses it; it is not stored.",
    ),
    Fixture(
        f"youtube/subscribers/{YT_WEEK}/Totals.csv",
        "youtube_totals_not_stored",
        "youtube",
        None,
        skipped="Totals.csv: a YouTube Studio Totals.csv of 'Subscribers': subscribers gained minus subscribers lost "
        "per day (negative on some days); this product keeps gains and losses apart, so export the chart of "
        "'Subscribers gained' or 'Subscribers lost' instead; it is not stored.",
    ),
    Fixture(
        f"{YT}/Chart data.csv",
        "youtube_chart_data",
        "youtube",
        None,
        skipped="Chart data.csv: per-video daily chart data repeats what Totals.csv and Table data.csv of the "
        "same export hold, so it is not stored.",
    ),
    # TikTok
    Fixture("tiktok/Overview.csv", "tiktok_overview", "tiktok", "account_day", 7, TIKTOK_DAYS, TIKTOK_OVERVIEW_SUMS),
    # UTF-16 without a byte-order mark (alternating NUL bytes): read like the UTF-8 original
    Fixture(
        "tiktok/broken/Overview_utf16_no_bom.csv",
        "tiktok_overview",
        "tiktok",
        "account_day",
        7,
        TIKTOK_DAYS,
        TIKTOK_OVERVIEW_SUMS,
    ),
    Fixture(
        "time/broken/time_log_utf16_no_bom.csv",
        "time_log_template",
        "template",
        "time_entry",
        rows=1,
        span=(date(2026, 11, 2), date(2026, 11, 2)),
        sums={"minutes": 45},
    ),
    Fixture(
        "website/Pages_and_screens_utf16_no_bom.csv",
        "ga4_page",
        "website",
        "web_traffic",
        rows=5,
        span=(date(2026, 2, 24), date(2026, 3, 23)),
        sums={"views": 221 + 139 + 74 + 30 + 10, "users": 154 + 83 + 37 + 7 + 10, "key_events": 0 + 12 + 3 + 0 + 0},
        handles=GA4,
    ),
    Fixture(
        "tiktok/es/Overview.csv",
        "tiktok_overview",
        "tiktok",
        "account_day",
        rows=7,
        span=(date(2025, 12, 29), date(2026, 1, 4)),
        sums={
            "video_views": 500 + 620 + 0 + 1800 + 940 + 710 + 1330,
            "profile_views": 10 + 12 + 0 + 45 + 20 + 15 + 30,
            "engagements": (40 + 52 + 0 + 160 + 70 + 55 + 101)
            + (2 + 3 + 0 + 12 + 4 + 3 + 6)
            + (1 + 2 + 0 + 9 + 3 + 2 + 5),
        },
    ),
    Fixture(
        "tiktok/overlap/Overview.csv",
        "tiktok_overview",
        "tiktok",
        "account_day",
        rows=7,
        span=(date(2026, 2, 25), date(2026, 3, 3)),
        sums={
            "video_views": 1502 + 0 + 3901 + 2144 + 1750 + 990 + 2210,
            "profile_views": 40 + 0 + 97 + 48 + 39 + 25 + 51,
            "engagements": (97 + 0 + 305 + 150 + 120 + 66 + 170)
            + (8 + 0 + 22 + 9 + 7 + 5 + 12)
            + (5 + 0 + 18 + 7 + 6 + 3 + 9),
        },
    ),
    Fixture(
        "tiktok/broken/Overview_truncated.csv",
        "tiktok_overview",
        "tiktok",
        "account_day",
        rows=6,  # 28 February is cut off
        span=(date(2026, 2, 22), date(2026, 2, 27)),
        sums={
            "video_views": 1204 + 980 + 2310 + 1502 + 0 + 3875,
            "profile_views": 31 + 22 + 57 + 40 + 0 + 96,
            "engagements": (88 + 6 + 4) + (61 + 3 + 2) + (190 + 14 + 11) + (97 + 8 + 5) + 0 + (301 + 22 + 18),
        },
        rejected=1,
    ),
    Fixture(
        "tiktok/Content.csv",
        "tiktok_content",
        "tiktok",
        "post",
        rows=4,
        span=(datetime(2025, 10, 7), datetime(2026, 2, 14)),  # "October 7" ... "February 14"
        sums={
            "video_views": 18940 + 5210 + 61022 + 3004,
            "likes": 412 + 95 + 1337 + 0,
            "comments": 37 + 4 + 88 + 2,
            "shares": 25 + 6 + 140 + 0,
            "engagements": (412 + 95 + 1337 + 0) + (37 + 4 + 88 + 2) + (25 + 6 + 140 + 0),
        },
        handles=("cleanrivertrust",),
    ),
    Fixture(
        "tiktok/Viewers.csv",
        "tiktok_viewers",
        "tiktok",
        "account_day",
        rows=7,
        span=TIKTOK_DAYS,
        sums={"reach": (640 + 1510 + 980 + 0 + 2405 + 1312, 6)},  # "undefined" on 22 February
    ),
    Fixture(
        "tiktok/Followers_cleanrivertrust/FollowerHistory.csv",
        "tiktok_follower_history",
        "tiktok",
        "account_day",
        rows=7,
        span=TIKTOK_DAYS,
        sums={"followers": (1040 + 1052 + 1049 + 1049 + 1071 + 1078, 6)},
    ),
    Fixture(
        "tiktok/Followers_cleanrivertrust/FollowerActivity.csv",
        "tiktok_follower_activity",
        "tiktok",
        None,
        skipped="FollowerActivity.csv: TikTok's followers online by hour (when to post); this product does not store it.",
    ),
    Fixture(
        "tiktok/Followers_cleanrivertrust/FollowerGender.csv",
        "tiktok_follower_gender",
        "tiktok",
        None,
        skipped="FollowerGender.csv: TikTok's followers by gender, a share of the whole; this product does not store it.",
    ),
    Fixture(
        "tiktok/Followers_cleanrivertrust/FollowerTopTerritories.csv",
        "tiktok_follower_territories",
        "tiktok",
        None,
        skipped="FollowerTopTerritories.csv: TikTok's followers by country, a share of the whole; "
        "this product does not store it.",
    ),
    # TikTok's 2025 layouts: dates with the year, "NAN" and "--" for no value; a day with no figure is set aside.
    Fixture(
        "tiktok/2025/Overview.csv",
        "tiktok_overview_2025",
        "tiktok",
        "account_day",
        rows=5,  # 26-31 October less the 27th, every figure "--"
        span=(date(2025, 10, 26), date(2025, 10, 31)),
        sums={
            "video_views": (1520 + 2210 + 860 + 3105, 4),  # NAN on the 29th
            "reach": (980 + 1405 + 610 + 2270, 4),  # Reached audience; NAN on the 29th
            "profile_views": (34 + 51 + 12 + 77, 4),  # NAN on the 28th
            # likes + shares + comments
            "engagements": (120 + 14 + 9) + (188 + 22 + 17) + (40 + 3 + 2) + (71 + 6 + 5) + (260 + 31 + 24),
            "followers_gained": 7 + 12 + 1 + 2 + 16,
            "followers_lost": 2 + 3 + 2 + 2 + 2,
        },
        set_aside=1,
    ),
    Fixture(
        "tiktok/2025/overlap/Overview.csv",
        "tiktok_overview_2025",
        "tiktok",
        "account_day",
        rows=5,
        span=(date(2025, 10, 29), date(2025, 11, 2)),
        sums={
            "video_views": (1980 + 2405 + 1520 + 2230, 4),
            "reach": (1330 + 1702 + 980 + 1415, 4),
            "profile_views": 41 + 58 + 34 + 51 + 12,
            "engagements": (150 + 18 + 11) + (201 + 25 + 19) + (120 + 14 + 9) + (190 + 22 + 17) + (40 + 3 + 2),
            "followers_gained": 8 + 13 + 7 + 12 + 1,
            "followers_lost": 2 + 3 + 2 + 3 + 2,
        },
    ),
    Fixture(
        "tiktok/2025/broken/Overview_truncated.csv",
        "tiktok_overview_2025",
        "tiktok",
        "account_day",
        rows=3,  # 28 October is cut off
        span=(date(2025, 10, 29), date(2025, 10, 31)),
        sums={
            "video_views": (1520 + 2210, 2),
            "reach": (980 + 1405, 2),
            "profile_views": 34 + 51 + 12,
            "engagements": (120 + 14 + 9) + (188 + 22 + 17) + (40 + 3 + 2),
            "followers_gained": 7 + 12 + 1,
            "followers_lost": 2 + 3 + 2,
        },
        rejected=1,
    ),
    Fixture(
        "tiktok/2025/Videos.csv",
        "tiktok_videos_2025",
        "tiktok",
        "post",
        rows=4,
        span=(datetime(2025, 10, 2, 20, 45), datetime(2025, 10, 31, 12, 0)),
        sums={
            "video_views": (12840 + 4120 + 980, 3),  # NAN for "Meet Asha"
            "likes": 933 + 210 + 88 + 45,
            "comments": (41 + 12 + 3, 3),  # "--" for "Meet Asha"
            "shares": 57 + 9 + 4 + 2,
            "saves": (120 + 33 + 6, 3),  # Add to Favorites
            "engagements": (933 + 41 + 57) + (210 + 12 + 9) + (88 + 4) + (45 + 3 + 2),
        },
        handles=("cleanrivertrust",),
    ),
    Fixture(
        "tiktok/2025/overlap/Videos.csv",
        "tiktok_videos_2025",
        "tiktok",
        "post",
        rows=3,
        span=(datetime(2025, 10, 28, 18, 3), datetime(2025, 11, 3, 8, 30)),
        sums={
            "video_views": 6120 + 1500 + 12840,
            "likes": 402 + 96 + 933,
            "comments": 31 + 7 + 41,
            "shares": 18 + 5 + 57,
            "saves": 77 + 11 + 120,
            "engagements": (402 + 31 + 18) + (96 + 7 + 5) + (933 + 41 + 57),
        },
        handles=("cleanrivertrust",),
    ),
    Fixture(
        "tiktok/2025/Followers.csv",
        "tiktok_followers_2025",
        "tiktok",
        "account_day",
        rows=4,  # 27 October, every figure "--", is set aside
        span=(date(2025, 10, 28), date(2025, 10, 31)),
        sums={
            "followers": 1180 + 1179 + 1188 + 1193,  # Total followers
            "followers_gained": 2 + 1 + 12 + 7,  # New followers
            "reach": (610 + 980 + 1405, 3),  # Reached audience; NAN on the 29th
        },
        set_aside=1,
    ),
    # LinkedIn workbooks, one row per sheet that imports
    Fixture(
        f"{LI}_content_1785888000000.xls",
        "linkedin_content_metrics",
        "linkedin",
        "account_day",
        4,
        LI_DAYS,
        LI_METRICS_SUMS,
        ("clean-river-trust",),
        sheet="Metrics",
    ),
    Fixture(
        f"{LI}_content_1785888000000.xls",
        "linkedin_posts",
        "linkedin",
        "post",
        3,
        LI_POST_DAYS,
        LI_POSTS_SUMS,
        ("clean-river-trust",),
        sheet="All posts",
    ),
    Fixture(
        "linkedin/resaved/clean-river-trust_content_1785888000000.xlsx",
        "linkedin_content_metrics",
        "linkedin",
        "account_day",
        4,
        LI_DAYS,
        LI_METRICS_SUMS,
        ("clean-river-trust",),
        sheet="Metrics",
    ),
    Fixture(
        "linkedin/resaved/clean-river-trust_content_1785888000000.xlsx",
        "linkedin_posts",
        "linkedin",
        "post",
        3,
        LI_POST_DAYS,
        LI_POSTS_SUMS,
        ("clean-river-trust",),
        sheet="All posts",
    ),
    Fixture(
        "linkedin/resaved/clean-river-trust_content_1785888000000 1.xlsx",
        "linkedin_content_metrics",
        "linkedin",
        "account_day",
        4,
        LI_DAYS,
        LI_METRICS_SUMS,
        ("clean-river-trust",),
        sheet="Metrics",
    ),
    Fixture(
        "linkedin/resaved/clean-river-trust_content_1785888000000 1.xlsx",
        "linkedin_posts",
        "linkedin",
        "post",
        3,
        LI_POST_DAYS,
        LI_POSTS_SUMS,
        ("clean-river-trust",),
        sheet="All posts",
    ),
    Fixture(
        "linkedin/broken/clean-river-trust_content_1785888000003.xls",  # its All posts sheet is in BROKEN
        "linkedin_content_metrics",
        "linkedin",
        "account_day",
        4,
        LI_DAYS,
        LI_METRICS_SUMS,
        ("clean-river-trust",),
        sheet="Metrics",
    ),
    Fixture(
        "linkedin/older/clean-river-trust_content_1704153600000.xls",
        "linkedin_content_metrics",
        "linkedin",
        "account_day",
        rows=2,
        span=(date(2023, 12, 30), date(2023, 12, 31)),
        sums={"impressions": 210 + 95, "engagements": (14 + 6 + 1 + 1) + (5 + 2 + 0 + 0)},
        handles=("clean-river-trust",),
        sheet="Metrics",
    ),
    Fixture(
        "linkedin/older/clean-river-trust_content_1704153600000.xls",
        "linkedin_posts",
        "linkedin",
        "post",
        rows=1,
        span=(datetime(2023, 12, 30), datetime(2023, 12, 30)),
        sums={
            "impressions": 205,
            "engagements": 13 + 6 + 1 + 1 + 0,
            "likes": 6,
            "comments": 1,
            "shares": 1,
            "clicks": 13,
        },
        handles=("clean-river-trust",),
        sheet="All posts",
    ),
    Fixture(
        "linkedin/overlap/clean-river-trust_content_1786060800000.xls",
        "linkedin_content_metrics",
        "linkedin",
        "account_day",
        rows=4,
        span=(date(2026, 7, 30), date(2026, 8, 2)),
        sums={"impressions": 330 + 0 + 250 + 180, "engagements": (22 + 8 - 1 + 2) + 0 + (15 + 5 + 1) + (9 + 3 + 1)},
        handles=("clean-river-trust",),
        sheet="Metrics",
    ),
    Fixture(
        "linkedin/overlap/clean-river-trust_content_1786060800000.xls",
        "linkedin_posts",
        "linkedin",
        "post",
        rows=2,
        span=(datetime(2026, 7, 30), datetime(2026, 8, 1)),
        sums={
            "impressions": 410 + 240,
            "engagements": (25 + 9 + 1 + 2 + 1) + (12 + 6 + 1 + 0 + 0),
            "likes": 9 + 6,
            "comments": 1 + 1,
            "shares": 2 + 0,
            "clicks": 25 + 12,
        },
        handles=("clean-river-trust",),
        sheet="All posts",
    ),
    Fixture(
        f"{LI}_followers_1785888060000.xls",
        "linkedin_new_followers",
        "linkedin",
        "account_day",
        rows=4,
        span=LI_DAYS,
        sums={"followers_gained": 5 + (3 + 4 + 1) - 1 + 2},  # sponsored + organic + auto-invited, net
        handles=("clean-river-trust",),
        sheet="New followers",
    ),
    Fixture(
        "linkedin/csv/clean-river-trust_followers_1785888060000 1.csv",
        "linkedin_new_followers",
        "linkedin",
        "account_day",
        rows=4,
        span=LI_DAYS,
        sums={"followers_gained": 5 + 8 - 1 + 2},
        handles=("clean-river-trust",),
    ),
    Fixture(
        f"{LI}_visitors_1785888030000.xls",
        "linkedin_visitor_metrics",
        "linkedin",
        "account_day",
        rows=3,
        span=(date(2026, 7, 28), date(2026, 7, 30)),
        # Page views (total): Overview + Life + Jobs, desktop + mobile.
        sums={"profile_views": (10 + 14 + 0 + 0 + 2 + 3) + (21 + 30 + 1 + 2 + 4 + 6) + (7 + 9 + 0 + 0 + 0 + 1)},
        handles=("clean-river-trust",),
        sheet="Visitor metrics",
    ),
    # Donations
    Fixture(
        "donations/paypal_us/Download.CSV",
        "paypal_activity_business",
        "paypal",
        "outcome",
        rows=5,
        span=(datetime(2024, 1, 5, 9, 12, 44), datetime(2024, 2, 10, 20, 45)),
        sums={
            "amount USD": (Decimal("50.00") + Decimal("1250.00") - Decimal("50.00") + Decimal("25.00"), 4),
            "amount EUR": (Decimal("40.00"), 1),
        },
        set_aside=5,  # withdrawal, conversion, pending gift, payment made, authorisation
    ),
    Fixture(
        "donations/paypal_overlap/Download (1).CSV",
        "paypal_activity_business",
        "paypal",
        "outcome",
        rows=3,
        span=(datetime(2024, 2, 3, 10, 0, 59), datetime(2024, 2, 14, 9, 30)),
        sums={"amount USD": (Decimal("25.00") + Decimal("100.00"), 2), "amount EUR": (Decimal("40.00"), 1)},
        set_aside=5,  # as paypal_us's, and the refund of Alice's gift, which an empty store does not hold
    ),
    Fixture(
        "donations/paypal_13col/Download.CSV",
        "paypal_activity_business_13",
        "paypal",
        "outcome",
        rows=4,
        span=(datetime(2024, 3, 1, 10, 0), datetime(2024, 3, 7, 19, 0)),
        # Helen 40 + Ivan 100 − Ivan's refund 30; Kim 20 GBP.
        sums={
            "amount USD": (Decimal("40.00") + Decimal("100.00") - Decimal("30.00"), 3),
            "amount GBP": (Decimal("20.00"), 1),
        },
        set_aside=3,  # bonus, withdrawal, the refund to Jo Lee (who gave nothing)
    ),
    Fixture(
        "donations/paypal_13col_overlap/Download (1).CSV",
        "paypal_activity_business_13",
        "paypal",
        "outcome",
        rows=2,
        span=(datetime(2024, 3, 7, 19, 0), datetime(2024, 3, 9, 12, 0)),
        sums={"amount USD": (Decimal("60.00"), 1), "amount GBP": (Decimal("20.00"), 1)},
        set_aside=2,  # both refunds: into an empty store, Ivan's gift is not held
    ),
    Fixture(
        "donations/paypal_eu/Download.CSV",
        "paypal_activity_business",
        "paypal",
        "outcome",
        rows=3,
        span=(datetime(2024, 1, 4, 10, 15), datetime(2024, 1, 20, 17, 45, 10)),
        sums={"amount EUR": Decimal("1234.56") + Decimal("20.00") - Decimal("20.00")},
        set_aside=1,
    ),
    Fixture(
        "donations/broken/cp1252/Download.CSV",
        "paypal_activity_business",
        "paypal",
        "outcome",
        rows=3,
        span=(datetime(2024, 1, 4, 10, 15), datetime(2024, 1, 20, 17, 45, 10)),
        sums={"amount EUR": Decimal("1234.56")},
        set_aside=1,
    ),
    Fixture(
        "donations/broken/truncated/Download.CSV",
        "paypal_activity_business",
        "paypal",
        "outcome",
        rows=1,
        span=(datetime(2024, 1, 5, 9, 12, 44), datetime(2024, 1, 5, 9, 12, 44)),
        sums={"amount USD": Decimal("50.00")},
        rejected=1,
    ),
    Fixture(
        "donations/broken/bad_gross/Download.CSV",
        "paypal_activity_business",
        "paypal",
        "outcome",
        rows=1,
        span=(datetime(2024, 1, 5, 9, 12, 44), datetime(2024, 1, 5, 9, 12, 44)),
        sums={"amount USD": Decimal("50.00")},
        rejected=1,
    ),
    Fixture(
        "donations/paypal_personal/Download.CSV",
        "paypal_activity_personal",
        "paypal",
        "outcome",
        rows=3,
        span=(datetime(2024, 3, 2, 12, 0), datetime(2024, 3, 7, 14, 22, 5)),
        sums={"amount USD": Decimal("30.00") + Decimal("15.00") - Decimal("10.00")},
        set_aside=1,
    ),
    Fixture(
        "donations/paypal_giving_fund/PPGF_Payout_Report.csv",
        "paypal_giving_fund_payouts",
        "paypal_giving_fund",
        "outcome",
        rows=3,
        span=(datetime(2024, 2, 1), datetime(2024, 2, 20)),
        sums={"amount USD": (Decimal("25.00") + Decimal("10.50"), 2), "amount GBP": (Decimal("20.00"), 1)},
    ),
    Fixture(
        "donations/razorpay/payments_report.csv",
        "razorpay_payments",
        "razorpay",
        "outcome",
        rows=4,
        span=(datetime(2024, 1, 6, 10, 0), datetime(2024, 1, 20, 21, 40)),
        # Captured payments net of refunds: 500 + (2,000 − 500) + (1,000 − 1,000) + 1,200.
        sums={"amount INR": Decimal("500.00") + Decimal("1500.00") + Decimal("0.00") + Decimal("1200.00")},
        set_aside=2,  # failed and authorised payments
    ),
    Fixture(
        "donations/stripe/unified_payments.csv",
        "stripe_payments",
        "stripe",
        "outcome",
        rows=5,
        span=(datetime(2024, 3, 5, 14, 22, 10), datetime(2024, 3, 11, 8, 0)),
        # Paid and captured, net of refunds: 50 + (120 − 20) + (30 − 30) + 1,000; 25 EUR.
        sums={
            "amount USD": (Decimal("50.00") + Decimal("100.00") + Decimal("0.00") + Decimal("1000.00"), 4),
            "amount EUR": (Decimal("25.00"), 1),
        },
        set_aside=3,  # failed, the attempt without an id, the uncaptured payment
    ),
    Fixture(
        "donations/stripe_overlap/unified_payments (1).csv",
        "stripe_payments",
        "stripe",
        "outcome",
        rows=5,
        span=(datetime(2024, 3, 6, 9, 0), datetime(2024, 3, 12, 23, 59, 59)),
        # Bob's 120 now refunded in full; Carol's refunded; 1,000; the new 75.
        sums={
            "amount USD": (Decimal("0.00") + Decimal("0.00") + Decimal("1000.00") + Decimal("75.00"), 4),
            "amount EUR": (Decimal("25.00"), 1),
        },
    ),
    # Time logs
    Fixture(
        "time/template/time_log_template.csv",
        "time_log_template",
        "template",
        "time_entry",
        rows=3,
        span=(date(2026, 11, 2), date(2026, 11, 3)),
        sums={"minutes": 90 + 45 + 30},
    ),
    Fixture(
        "time/template/time_log_november_2026.csv",
        "time_log_template",
        "template",
        "time_entry",
        rows=8,  # two identical lines are two sessions
        span=(date(2026, 11, 2), date(2026, 11, 12)),
        sums={"minutes": 90 + 90 + 90 + 20 + 135 + 40 + 15 + 60},  # "1:30" and "2:15" are hours and minutes
    ),
    Fixture(
        "time/template/time_log_us_dates.csv",
        "time_log_template",
        "template",
        "time_entry",
        rows=2,
        span=(date(2026, 11, 2), date(2026, 11, 25)),
        sums={"minutes": 25 + 50},
    ),
    Fixture(
        "time/template/time_log_unicode_text.txt",
        "time_log_template",
        "template",
        "time_entry",
        rows=2,
        span=(date(2026, 11, 4), date(2026, 11, 5)),
        sums={"minutes": 35 + 70},
    ),
    Fixture(
        "time/broken/time_log_bad_minutes.csv",
        "time_log_template",
        "template",
        "time_entry",
        rows=2,
        span=(date(2026, 11, 2), date(2026, 11, 3)),
        sums={"minutes": 45 + 75},
        rejected=1,
    ),
    Fixture(
        "time/toggl/Toggl_time_entries_2026-11-01_to_2026-11-07.csv",
        "toggl_detailed_csv",
        "toggl",
        "time_entry",
        rows=4,
        span=(date(2026, 11, 2), date(2026, 11, 6)),
        sums={"minutes": 90 + 30 + 20 + 70.5},
    ),
    Fixture(
        # The first week downloaded again after two descriptions were filled in.
        "time/toggl/edited/Toggl_time_entries_2026-11-01_to_2026-11-07.csv",
        "toggl_detailed_csv",
        "toggl",
        "time_entry",
        rows=4,
        span=(date(2026, 11, 2), date(2026, 11, 6)),
        sums={"minutes": 90 + 30 + 20 + 70.5},
    ),
    Fixture(
        "time/toggl/overlap/Toggl_time_entries_2026-11-05_to_2026-11-14.csv",
        "toggl_detailed_csv",
        "toggl",
        "time_entry",
        rows=4,
        span=(date(2026, 11, 6), date(2026, 11, 13)),
        sums={"minutes": 75 + 135 + 40 + 90},
    ),
    Fixture(
        "time/toggl/Toggl_Track_time_entries_2026-12-01_to_2026-12-07.csv",
        "toggl_detailed_csv",
        "toggl",
        "time_entry",
        rows=3,
        span=(date(2026, 12, 1), date(2026, 12, 5)),
        sums={"minutes": 65 + 50 + 45},
    ),
    Fixture(
        "time/broken/Toggl_time_entries_2026-11-01_to_2026-11-07_truncated.csv",
        "toggl_detailed_csv",
        "toggl",
        "time_entry",
        rows=3,
        span=(date(2026, 11, 2), date(2026, 11, 4)),
        sums={"minutes": 90 + 30 + 20},
        rejected=1,
    ),
    Fixture(
        "time/clockify/Clockify_Time_Report_Detailed_11_01_2026-11_30_2026.csv",
        "clockify_detailed_csv",
        "clockify",
        "time_entry",
        rows=3,
        span=(date(2026, 11, 2), date(2026, 11, 20)),
        sums={"minutes": 90 + 45 + 80},
    ),
    Fixture(
        "time/clockify/Clockify_Time_Report_Detailed_01_12_2026-31_12_2026.csv",
        "clockify_detailed_csv",
        "clockify",
        "time_entry",
        rows=3,
        span=(date(2026, 12, 3), date(2026, 12, 18)),
        sums={"minutes": 150 + 45 + 30},
        today=date(2026, 12, 31),  # a date after the import day is refused: import it at the month's end
    ),
    # Google Analytics 4
    Fixture(
        "website/Pages_and_screens_Page_path_and_screen_class.csv",
        "ga4_page",
        "website",
        "web_traffic",
        rows=5,
        span=(date(2026, 2, 24), date(2026, 3, 23)),
        sums={"views": 221 + 139 + 74 + 30 + 10, "users": 154 + 83 + 37 + 7 + 10, "key_events": 0 + 12 + 3 + 0 + 0},
        handles=GA4,
    ),
    Fixture(
        "website/Pages_and_screens_truncated.csv",
        "ga4_page",
        "website",
        "web_traffic",
        rows=3,
        span=(date(2026, 2, 24), date(2026, 3, 23)),
        sums={"views": 221 + 139 + 74, "users": 154 + 83 + 37, "key_events": 0 + 12 + 3},
        handles=GA4,
        rejected=1,
    ),
    Fixture(
        "website/Traffic_acquisition_Session_source_medium.csv",
        "ga4_source_medium",
        "website",
        "web_traffic",
        rows=4,
        span=(date(2026, 3, 1), date(2026, 3, 31)),
        sums={
            "sessions": 530 + 301 + 104 + 77,
            "users": 412 + 250 + 96 + 61,
            "engaged_sessions": 318 + 120 + 51 + 58,
            "key_events": 9 + 4 + 2 + 6,
        },
        handles=GA4,
    ),
    Fixture(
        "website/overlap/Traffic_acquisition_Session_source_medium_2026-04-02.csv",
        "ga4_source_medium",
        "website",
        "web_traffic",
        rows=5,
        span=(date(2026, 3, 1), date(2026, 3, 31)),
        sums={
            "sessions": 534 + 301 + 104 + 77 + 9,
            "users": 415 + 250 + 96 + 61 + 8,
            "engaged_sessions": 320 + 120 + 51 + 58 + 5,
            "key_events": 9 + 4 + 2 + 6 + 1,
        },
        handles=GA4,
    ),
    Fixture(
        "website/Traffic_acquisition_Session_default_channel_group_2023.csv",
        "ga4_channel_group",
        "website",
        "web_traffic",
        rows=4,
        span=(date(2023, 10, 1), date(2023, 10, 31)),
        sums={
            "sessions": 470 + 281 + 133 + 4,
            "users": 380 + 230 + 120 + 4,
            "engaged_sessions": 290 + 101 + 60 + 0,
            "key_events": 7 + 3 + 1 + 0,  # Conversions
        },
        handles=GA4,
    ),
    Fixture(
        "website/User_acquisition_First_user_source_medium.csv",
        "ga4_first_user_source_medium",
        "website",
        "web_traffic",
        rows=3,
        span=(date(2026, 3, 1), date(2026, 3, 31)),
        sums={"users": 412 + 250 + 33, "new_users": 371 + 226 + 30, "key_events": 9 + 4 + 0},
        handles=GA4,
    ),
    Fixture(
        "website/Traffic_acquisition_Date.csv",
        "ga4_date",
        "website",
        "web_traffic",
        rows=3,
        span=(date(2026, 5, 29), date(2026, 5, 31)),
        sums={
            "sessions": 52 + 47 + 71,
            "users": 41 + 38 + 55,
            "new_users": 30 + 25 + 40,
            "engaged_sessions": 31 + 28 + 45,
            "key_events": 1 + 0 + 3,
        },
        handles=GA4,
    ),
    Fixture(
        "website/Traffic_acquisition_Session_source_medium_Date.csv",
        "ga4_source_medium_by_day",
        "website",
        "web_traffic",
        rows=3,
        span=(date(2026, 5, 30), date(2026, 5, 31)),
        sums={
            "sessions": 24 + 40 + 14,
            "users": 20 + 31 + 12,
            "engaged_sessions": 15 + 27 + 6,
            "key_events": 0 + 2 + 1,
        },
        handles=GA4,
    ),
    Fixture(
        "website/data-export.csv",
        "ga4_report_csv_export",
        "website",
        "web_traffic",
        rows=5,
        span=(date(2022, 6, 1), date(2022, 6, 5)),
        sums={"users": 0 + 0 + 34 + 41 + 29, "new_users": 0 + 0 + 30 + 33 + 21},
        handles=GA4,
        set_aside=1,  # the table by country
    ),
    # The Reports snapshot: 4 days, then per range 4 channel groups, 6 sources, 3 first-user channel groups,
    # 3 page titles, 3 countries and 3 events (Event count and Key events merged); Session campaign set aside.
    Fixture(
        "website/snapshot/Reports_snapshot.csv",
        "ga4_reports_snapshot",
        "website",
        "web_traffic",
        rows=4 + 4 + 6 + 3 + 3 + 3 + 3,
        span=(date(2026, 3, 1), date(2026, 3, 4)),
        sums={
            # by day, by channel group, by source / medium: the same 220 sessions, one row kind each
            "sessions": ((51 + 44 + 66 + 59) + (112 + 64 + 31 + 13) + (108 + 64 + 19 + 12 + 13 + 4), 4 + 4 + 6),
            "users": ((40 + 35 + 52 + 47) + (118 + 29 + 12), 4 + 3),  # Active users by day and by country
            "new_users": ((31 + 24 + 40 + 33) + (70 + 38 + 20), 4 + 3),  # by day, by first user channel group
            "views": (160 + 72 + 41, 3),
            "key_events": (9, 1),
        },
        handles=GA4,
        set_aside=1,
    ),
    Fixture(  # with a comparison range: its rows are its own range's
        "website/snapshot/Reports_snapshot_compared.csv",
        "ga4_reports_snapshot",
        "website",
        "web_traffic",
        rows=2 + 2 + 3 + 3,
        span=(date(2026, 3, 3), date(2026, 3, 6)),
        sums={
            "sessions": (58 + 50) + (66 + 59) + (61 + 30 + 17) + (70 + 41 + 14),
            "users": (44 + 39 + 52 + 47, 4),
        },
        handles=GA4,
        set_aside=1,  # the table by country does not say which range it is for
    ),
    Fixture(
        "website/snapshot/overlap/Reports_snapshot_2026-03-07.csv",
        "ga4_reports_snapshot",
        "website",
        "web_traffic",
        rows=4 + 3,
        span=(date(2026, 3, 3), date(2026, 3, 6)),
        sums={"sessions": (67 + 59 + 58 + 50) + (131 + 71 + 32), "users": (52 + 47 + 44 + 39, 4)},
        handles=GA4,
    ),
    # Mailchimp: sends are successful deliveries, opens and clicks unique ones.
    # Feeds: a blog's posts (times in UTC: +0530 and GMT moved), and a Google Alerts feed's mentions.
    Fixture(
        "feeds/blog_wordpress.xml",
        "blog_feed",
        "blog",
        "post",
        rows=3,
        span=(datetime(2026, 2, 9, 4, 30), datetime(2026, 11, 20, 18, 30)),
        handles=("Pune Education Trust blog",),
    ),
    Fixture(
        "feeds/google_alerts.xml",
        "listening_feed",
        "web",
        "mention",
        rows=2,
        span=(datetime(2026, 11, 19, 8, 30), datetime(2026, 11, 20, 9, 0)),
        handles=("Google Alert - Pune Education Trust",),
    ),
    # Synced from the APIs (impact/sync): the tables the Mastodon and Bluesky pullers write, times in UTC.
    # Engagements are likes (favourites) + replies + shares (boosts, reposts); quotes stay in extra.
    Fixture(
        "synced/mastodon_posts.csv",
        "mastodon_synced_posts",
        "mastodon",
        "post",
        rows=3,
        span=(datetime(2026, 9, 1, 4, 30), datetime(2026, 11, 20, 9, 15)),
        sums={"likes": 12 + 4 + 7, "comments": 3 + 0 + 2, "shares": 5 + 1 + 0, "engagements": 20 + 5 + 9},
        handles=("punetrust@mastodon.social",),
    ),
    Fixture(
        "synced/mastodon_followers.csv",
        "mastodon_synced_followers",
        "mastodon",
        "account_day",
        rows=1,
        span=(date(2026, 11, 20), date(2026, 11, 20)),
        sums={"followers": 321},
        handles=("punetrust@mastodon.social",),
    ),
    Fixture(  # boosts and favourites come without a time; Mastodon gives the person's followers
        "synced/mastodon_interactions.csv",
        "mastodon_synced_interactions",
        "mastodon",
        "interaction",
        rows=3,
        span=(None, None),  # type: ignore[arg-type]
        undated=3,
        sums={"person_followers": (5400 + 5400, 2)},
        handles=("punetrust@mastodon.social",),
    ),
    Fixture(
        "synced/bluesky_posts.csv",
        "bluesky_synced_posts",
        "bluesky",
        "post",
        rows=2,
        span=(datetime(2026, 9, 2, 6, 0), datetime(2026, 11, 19, 12, 45)),
        sums={"likes": 20 + 9, "comments": 4 + 1, "shares": 6 + 2, "engagements": 30 + 12},
        handles=("punetrust.bsky.social",),
    ),
    Fixture(
        "synced/bluesky_followers.csv",
        "bluesky_synced_followers",
        "bluesky",
        "account_day",
        rows=1,
        span=(date(2026, 11, 20), date(2026, 11, 20)),
        sums={"followers": 1204},
        handles=("punetrust.bsky.social",),
    ),
    Fixture(  # likes have a time, reposts none
        "synced/bluesky_interactions.csv",
        "bluesky_synced_interactions",
        "bluesky",
        "interaction",
        rows=3,
        span=(datetime(2026, 9, 2, 7, 10), datetime(2026, 11, 19, 13, 0)),
        undated=1,
        handles=("punetrust.bsky.social",),
    ),
    # YouTube, Facebook and Instagram pulls: times in the organisation's local time, as their exports.
    # YouTube's API gives no shares: engagements are likes + comments (a hidden like count is no figure).
    Fixture(
        "synced/youtube_posts.csv",
        "youtube_synced_posts",
        "youtube",
        "post",
        rows=2,
        span=(datetime(2026, 11, 18, 2, 30), datetime(2026, 11, 21, 1, 30)),
        sums={"likes": (87, 1), "comments": 5 + 2, "video_views": 1520 + 340, "engagements": 92 + 2},
        handles=("Pune Education Trust",),
    ),
    Fixture(
        "synced/youtube_followers.csv",
        "youtube_synced_followers",
        "youtube",
        "account_day",
        rows=1,
        span=(date(2026, 11, 21), date(2026, 11, 21)),
        sums={"followers": 1530},
        handles=("Pune Education Trust",),
    ),
    Fixture(
        "synced/youtube_interactions.csv",
        "youtube_synced_interactions",
        "youtube",
        "interaction",
        rows=2,
        span=(datetime(2026, 11, 21, 9, 5), datetime(2026, 11, 21, 18, 40)),
        handles=("Pune Education Trust",),
    ),
    Fixture(  # reactions + comments + shares, as Meta's own total; views and clicks where Graph gave them
        "synced/facebook_posts.csv",
        "facebook_synced_posts",
        "facebook",
        "post",
        rows=2,
        span=(datetime(2026, 11, 12, 10, 0), datetime(2026, 11, 20, 18, 45)),
        sums={
            "likes": 45,
            "comments": 6,
            "shares": 3,
            "impressions": (2300, 1),
            "reach": 2000,
            "clicks": 64,
            "engagements": 49 + 5,
        },
        handles=("Pune Education Trust",),
    ),
    Fixture(  # the Page's daily views and reach, followers on the day of the pull; no Page name (as the files)
        "synced/facebook_followers.csv",
        "facebook_synced_followers",
        "facebook",
        "account_day",
        rows=2,
        span=(date(2026, 11, 19), date(2026, 11, 20)),
        sums={"followers": (2150, 1), "impressions": 410 + 388, "reach": (300, 1)},
    ),
    Fixture(
        "synced/facebook_interactions.csv",
        "facebook_synced_interactions",
        "facebook",
        "interaction",
        rows=1,
        span=(datetime(2026, 11, 20, 20, 15), datetime(2026, 11, 20, 20, 15)),
        handles=("Pune Education Trust",),
    ),
    Fixture(  # likes + comments + shares + saves, as the Business Suite export; a hidden like count is none
        "synced/instagram_posts.csv",
        "instagram_synced_posts",
        "instagram",
        "post",
        rows=2,
        span=(datetime(2026, 11, 10, 9, 30), datetime(2026, 11, 19, 17, 0)),
        sums={
            "likes": (120, 1),
            "comments": 11,
            "shares": 4,
            "impressions": (5100, 1),
            "reach": 4700,
            "saves": 17,
            "engagements": 147 + 5,
        },
        handles=("puneeducationtrust",),
    ),
    Fixture(
        "synced/instagram_followers.csv",
        "instagram_synced_followers",
        "instagram",
        "account_day",
        rows=1,
        span=(date(2026, 11, 20), date(2026, 11, 20)),
        sums={"followers": 980},
    ),
    Fixture(
        "synced/instagram_interactions.csv",
        "instagram_synced_interactions",
        "instagram",
        "interaction",
        rows=2,
        span=(datetime(2026, 11, 19, 19, 2), datetime(2026, 11, 20, 8, 10)),
        handles=("puneeducationtrust",),
    ),
    # This product's interactions template: each row names its platform ("Insta" is Instagram), days only.
    Fixture(
        "interactions/interactions_template.csv",
        "interactions_template",
        "template",
        "interaction",
        rows=4,
        span=(None, None),  # type: ignore[arg-type]
        undated=4,
        sums={"person_followers": (5400 + 5400, 2)},
        row_platforms=("instagram", "whatsapp", "x"),
    ),
    Fixture(
        "email/campaigns.csv",
        "mailchimp_campaigns",
        "email",
        "post",
        rows=3,
        span=(datetime(2021, 4, 26, 12, 25), datetime(2021, 6, 9, 21, 30)),
        sums={"sends": 1742 + 1748 + 1198, "opens": 350 + 410 + 301, "clicks": 100 + 88 + 57},
    ),
    Fixture(
        "email/overlap_campaigns_2021-08-01.csv",
        "mailchimp_campaigns",
        "email",
        "post",
        rows=3,
        span=(datetime(2021, 5, 24, 9, 30), datetime(2021, 7, 26, 12, 0)),
        sums={"sends": 1748 + 1198 + 1761, "opens": 436 + 330 + 389, "clicks": 91 + 61 + 70},
    ),
    Fixture(
        "email/campaigns_send_time_pt.csv",
        "mailchimp_campaigns",
        "email",
        "post",
        rows=2,
        span=(datetime(2021, 8, 30), datetime(2021, 9, 27)),
        sums={"sends": 1769 + 1783, "opens": 402 + 398, "clicks": 64 + 71},
    ),
    Fixture(
        "email/campaigns_bad_unique_opens.csv",
        "mailchimp_campaigns",
        "email",
        "post",
        rows=2,
        span=(datetime(2021, 4, 26, 12, 25), datetime(2021, 6, 9, 21, 30)),
        sums={"sends": 1742 + 1198, "opens": 350 + 301, "clicks": 100 + 57},
        rejected=1,
    ),
    Fixture(
        "email/campaign_report_april_newsletter.csv",
        "mailchimp_campaign_report",
        "email",
        "post",
        rows=1,
        span=(datetime(2021, 4, 26, 12, 25), datetime(2021, 4, 26, 12, 25)),
        sums={"sends": 1742, "opens": 341, "clicks": 97},
    ),
    Fixture(
        "email/campaign_report_ab_test.csv",
        "mailchimp_campaign_report",
        "email",
        "post",
        rows=1,
        span=(datetime(2021, 10, 2, 10, 15), datetime(2021, 10, 2, 10, 15)),
        sums={"sends": 875 + 876, "opens": 141 + 125, "clicks": 20 + 27},  # both combinations
    ),
    # Mailchimp's short campaigns export: sends are the recipients; no opens or clicks (NULL, not 0).
    Fixture(
        "email/campaigns_short.csv",
        "mailchimp_campaigns_short",
        "email",
        "post",
        rows=4,  # the test send to 3 recipients is kept
        span=(datetime(2023, 5, 4, 10, 0), datetime(2023, 6, 14, 12, 5)),
        sums={"sends": 1804 + 3 + 412 + 1779},
    ),
    Fixture(
        "email/overlap_campaigns_short_2023-07-01.csv",
        "mailchimp_campaigns_short",
        "email",
        "post",
        rows=3,
        span=(datetime(2023, 6, 1, 21, 46), datetime(2023, 6, 29, 19, 30)),
        sums={"sends": 1811 + 412 + 1804},
    ),
    Fixture(
        "email/campaigns_short_truncated.csv",
        "mailchimp_campaigns_short",
        "email",
        "post",
        rows=2,  # the May Newsletter is cut off inside its subject
        span=(datetime(2023, 6, 1, 21, 46), datetime(2023, 6, 14, 12, 5)),
        sums={"sends": 1804 + 412},
        rejected=1,
    ),
    # The real exports in shared/real_exports (the classic Facebook post export has no fixture of its own).
    Fixture(
        "twitter__tweet_activity_metrics_rOpenSci_20161201_20170101_en.csv",
        "x_tweet_activity",
        "x",
        "post",
        rows=37,
        span=(datetime(2016, 12, 1, 18, 0), datetime(2016, 12, 23, 18, 50)),
        sums={
            "impressions": 110828,
            "engagements": 1421,
            "likes": 221,
            "comments": 5,
            "shares": 145,
            "clicks": 703,
            "video_views": 46,
        },
        handles=("rOpenSci",),
        real=True,
    ),
    Fixture(
        "x__account_analytics_content_2024-11-21_2025-02-19.csv",
        "x_account_analytics_content",
        "x",
        "post",
        rows=141,
        span=(datetime(2024, 12, 31, 13, 1, 29, 165000), datetime(2025, 2, 17, 19, 3, 26, 521000)),
        sums={
            "impressions": 9325,
            "engagements": 911,
            "likes": 354,
            "comments": 80,
            "shares": 63,
            "saves": 2,
            "clicks": 18,
        },
        handles=("Wormhole_BR",),
        real=True,
    ),
    Fixture(
        "facebook__insights_post_level_2015-08-19_2016-02-15.csv",
        "facebook_insights_post_level",
        "facebook",
        "post",
        rows=142,  # 143 records under the header, the first being Facebook's row of metric descriptions
        span=(datetime(2015, 9, 17, 0, 40, 48), datetime(2016, 2, 14, 0, 40, 16)),
        sums={
            "impressions": 253707,
            "reach": 104734,
            "engagements": 8451,
            "likes": (2332, 105),
            "comments": (141, 39),
            "shares": (269, 52),
            "clicks": (598, 39),
        },
        handles=("", "VisualizationStudio"),  # 9 permalinks name no page
        real=True,
    ),
    Fixture(
        "facebook__meta_business_suite_posts_Feb-01-2025_Mar-15-2025.csv",
        "meta_facebook_posts",
        "facebook",
        "post",
        rows=20,
        span=(datetime(2025, 2, 17, 4, 36), datetime(2025, 3, 15, 3, 6)),
        sums={
            "impressions": 0,
            "reach": 34,
            "engagements": 0,
            "likes": 0,
            "comments": 0,
            "shares": 0,
            "clicks": 3,
            "video_views": (0, 19),
            "watch_time_hours": (0.0, 2),
        },
        handles=("Pro Efficient Data Entry",),
        real=True,
    ),
    Fixture(
        "youtube__studio_content_Table_data_2025.csv",
        "youtube_table_data",
        "youtube",
        "post",
        rows=71,  # 72 records under the header, the first being the channel's Total row
        span=(datetime(2024, 12, 7), datetime(2025, 7, 31)),
        sums={
            "impressions": 36711,
            "video_views": 46333,
            "watch_time_hours": 226.6398,
            "likes": 1496,
            "shares": 26,
            "engagements": 1496 + 26,  # this export has no comments column
        },
        undated=3,
        real=True,
    ),
    Fixture(
        "tiktok__Overview_daily_2025-26.csv",
        "tiktok_overview",
        "tiktok",
        "account_day",
        rows=199,
        span=(date(2025, 2, 28), date(2025, 9, 14)),  # "February 28" ... "September 14"
        sums={"video_views": 1091276, "profile_views": 6924, "engagements": 20085 + 3131 + 1661},
        today=date(2025, 9, 15),
        real=True,
    ),
]

# ------------------------------------------------------------------------------------------------
# The files that are rejected whole

KNOWN_FORMATS = (
    "X/Twitter tweet, daily, Content and Overview exports; Facebook Insights post and page exports; "
    "Meta Business Suite Facebook and Instagram content and page-insight exports; "
    "YouTube Studio Table data, Totals (of views or another chart metric) or the whole Studio ZIP; "
    "TikTok analytics Overview, Content, Viewers and FollowerHistory files and the 2025 overview, video list and followers files; "
    "PayPal activity downloads (Download.CSV) and PayPal Giving Fund payout reports; "
    "Razorpay Dashboard payments reports; Stripe payments exports (unified_payments.csv); "
    "LinkedIn Page content, followers and visitors workbooks (.xls); "
    "time logs: Toggl Track and Clockify detailed reports and this product's time log template; "
    "Google Analytics 4 report downloads (traffic and user acquisition, pages and screens, by date, Reports snapshot); "
    "Mailchimp campaigns exports (full or short) and campaign reports"
)


def unknown(name: str, columns: str) -> str:
    """The message for a file no format fits."""
    return (
        f"{name}: not an export this product recognises (its first columns are {columns}). "
        f"Known formats: {KNOWN_FORMATS}. If it is a table of your own (site stats, a donation form), "
        "map its columns once on the Upload page (or with `python -m impact map`), and files like it will import."
    )


def not_yet(name: str, what: str) -> str:
    """The message for an export that is recognised but not imported yet."""
    return f"{name}: this looks like {what}, which this version cannot import yet. It reads: {KNOWN_FORMATS}."


def no_rows(name: str, label: str) -> str:
    return f"{name}: has the header of {label} but no data rows; there is nothing to import."


UA = "a Universal Analytics report (the Google Analytics before GA4)"
GA4_PAGES = "Google Analytics 4 report: Pages and screens by page path and screen class"
TIKTOK_OVERVIEW = "TikTok analytics, Overview.csv (daily views, profile views, likes, comments, shares)"
TIKTOK_OVERVIEW_2025 = "TikTok analytics, Overview (2025: views, reached audience, followers gained and lost)"
TIKTOK_NO_DATA = "days on which every figure is '--' or 'NAN': TikTok had no data for them"
MAILCHIMP_CUT = (
    ": looks like the Mailchimp report of 'April Newsletter', but its figures (Successful Deliveries, "
    "Unique Opens) are missing; the file may be cut off. Export the report again."
)
PAYPAL_SET_ASIDE = (
    "not a completed donation or refund: withdrawals, conversions, holds, pending payments, payments made"
)
X_ALL_BAD = "account_analytics_content_2026-07-06_2026-08-02_all_bad.csv"
TOGGL_NO_DURATION = "Toggl_time_entries_2026-11-01_to_2026-11-07_no_duration.csv"
LI_BROKEN = "linkedin/broken/clean-river-trust_content_178588800000"

BROKEN: list[Broken] = [
    Broken("broken/empty.csv", "empty.csv: the file is empty (0 bytes). Download the export again."),
    Broken("broken/whitespace_only.csv", "whitespace_only.csv: the file is empty."),
    Broken(
        "broken/unknown_columns.csv",
        unknown("unknown_columns.csv", "'Order number', 'Customer', 'Total', 'Currency'"),
    ),
    Broken("broken/numbers.xlsx", unknown("numbers.xlsx", "'Quarterly numbers'")),  # text named .xlsx
    Broken(
        f"broken/{X_ALL_BAD}",
        f"{X_ALL_BAD}: looks like X post analytics, x.com 'Content' export (2024+), but none of its rows could be "
        'read (row 1: Impressions "abc" is not a number; row 2: Impressions "abc" is not a number; '
        'row 3: Impressions "abc" is not a number).',
        "x_account_analytics_content",
        seed=X_CONTENT,
    ),
    # A Meta insights file whose title names only the metric, imported alone (tests/test_import_options.py)
    Broken(
        "facebook/meta_insights_unnamed/Views.csv",
        "Views.csv: a Meta Business Suite 'Views' file does not say whether it is Facebook's or Instagram's. "
        "Upload it together with a file that names the platform, choose the platform in the preview, "
        "or add --platform facebook|instagram.",
        "meta_page_insights",
        seed="facebook/meta_insights/Views.csv",
        platform="unnamed",
    ),
    # Tables of people's own, before a mapping is saved (tests/test_custom_mapping.py)
    Broken(
        "custom/jetpack_postviews.csv",
        unknown("jetpack_postviews.csv", "'post_id', 'post_title', 'post_permalink', 'views'"),
    ),
    Broken(
        "custom/wix_site_stats.csv",
        unknown(
            "wix_site_stats.csv", "'Date', 'Site sessions', 'Unique visitors', 'Avg. session duration', 'Bounce rate'"
        ),
    ),
    Broken(
        "custom/donation_form.csv",
        unknown(
            "donation_form.csv",
            "'Timestamp', 'Full name', 'Email address', 'Amount (INR)', 'Payment reference', 'Fund'",
        ),
    ),
    # TikTok
    Broken(
        "tiktok/broken/Overview_header_only.csv",
        no_rows("Overview_header_only.csv", TIKTOK_OVERVIEW),
        "tiktok_overview",
        seed="tiktok/Viewers.csv",
    ),
    Broken(
        "tiktok/broken/Overview_bad_days.csv",
        f"Overview_bad_days.csv: looks like {TIKTOK_OVERVIEW}, but none of its rows could be read "
        '(row 1: Date "Smarch 3" is not a day and month; no Date; row 2: Date "February 30" is not a day and month; '
        "no Date).",
        "tiktok_overview",
        seed="tiktok/Viewers.csv",
    ),
    Broken(  # a Pinterest-like file saved as Content.csv
        "tiktok/broken/renamed/Content.csv",
        unknown("Content.csv", "'Date', 'Impressions', 'Engagements', 'Pin clicks', 'Outbound clicks', 'Saves'"),
        seed="tiktok/Viewers.csv",
        of="tiktok_content",
    ),
    Broken(
        "tiktok/2025/broken/Overview_every_figure_missing.csv",
        f"Overview_every_figure_missing.csv: read as {TIKTOK_OVERVIEW_2025}, but nothing in it counts: "
        f"3 rows not counted ({TIKTOK_NO_DATA}).",
        "tiktok_overview_2025",
        seed="tiktok/2025/Followers.csv",
    ),
    Broken(
        "tiktok/2025/broken/Followers_every_figure_missing.csv",
        "Followers_every_figure_missing.csv: read as TikTok analytics, followers (2025: new and total followers, "
        f"reached and engaged audience), but nothing in it counts: 2 rows not counted ({TIKTOK_NO_DATA}).",
        "tiktok_followers_2025",
        seed="tiktok/2025/Overview.csv",
    ),
    Broken(  # links to the profile, not to a video: no video id
        "tiktok/2025/broken/Videos_no_video_ids.csv",
        "Videos_no_video_ids.csv: looks like TikTok analytics, video list (2025: views, likes, comments, shares, "
        "favourites per video), but none of its rows could be read (row 1: no Video link; row 2: no Video link).",
        "tiktok_videos_2025",
        seed="tiktok/2025/Videos.csv",
    ),
    # LinkedIn
    Broken(
        f"{LI_BROKEN}0_truncated.xls",
        "clean-river-trust_content_1785888000000_truncated.xls: this is not a readable Excel workbook; it is "
        "damaged, or not a workbook at all. Download it again, or save it again as XLSX or CSV.",
        seed=f"{LI}_content_1785888000000.xls",
        of="linkedin_content_metrics",
    ),
    Broken(  # its Metrics sheet is the seed's, skipped as already imported
        f"{LI_BROKEN}3.xls",
        "clean-river-trust_content_1785888000003.xls › All posts: looks like LinkedIn Page content export, "
        "'All posts' sheet, but the column 'Post link' is missing. Export it again: LinkedIn Page > Analytics > "
        "Content > Export (choose the date range, then Export).",
        "linkedin_posts",
        seed=f"{LI}_content_1785888000000.xls",
        sheet="All posts",
    ),
    # Donations
    Broken(
        "donations/broken/withdrawals_only/Download.CSV",
        "Download.CSV: read as PayPal activity download (Download.CSV, business account), but nothing in it "
        f"counts: 2 rows not counted ({PAYPAL_SET_ASIDE}).",
        "paypal_activity_business",
        seed="donations/paypal_us/Download.CSV",
    ),
    Broken(
        "donations/broken/seller_activity/Download.CSV",
        "Download.CSV: read as PayPal activity download (Download.CSV, business account), but nothing in it counts: "
        "5 rows not counted (4 sales, not donations: a seller's payments, holds and releases, tax collected by a "
        "marketplace; 1 refunds of no donation the store holds (a sale's refund is not a gift given back)).",
        "paypal_activity_business",
        seed="donations/paypal_us/Download.CSV",
    ),
    Broken(
        "donations/broken/paypal_13col_cut/Download.CSV",
        "Download.CSV: looks like PayPal activity download (Download.CSV, business account, 13 columns), but none "
        "of its rows could be read (line has a stray quote character).",
        "paypal_activity_business_13",
        seed="donations/paypal_13col/Download.CSV",
    ),
    Broken(
        "donations/broken/stripe_cut/unified_payments.csv",
        "unified_payments.csv: looks like Stripe payments export (unified_payments.csv), but none of its rows "
        "could be read (line has fewer columns than the header (the line may be cut off)).",
        "stripe_payments",
        seed="donations/stripe/unified_payments.csv",
    ),
    Broken(
        "donations/broken/stripe_no_amount/unified_payments.csv",
        "unified_payments.csv: looks like Stripe payments export (unified_payments.csv), but the column 'Amount' "
        "is missing. Export it again: Stripe Dashboard > Payments > Export (all columns or the default ones), CSV.",
        "stripe_payments",
        seed="donations/stripe/unified_payments.csv",
    ),
    Broken(
        "donations/broken/razorpay_api/payments.csv",
        not_yet(
            "payments.csv",
            "a Razorpay payments list saved from the API (amounts in paise; use the Dashboard's Reports > Payments)",
        ),
        seed="donations/razorpay/payments_report.csv",
        of="razorpay_payments",
    ),
    # Time logs
    Broken(
        f"time/broken/{TOGGL_NO_DURATION}",
        f"{TOGGL_NO_DURATION}: looks like Toggl Track detailed report (CSV), but the column 'Duration' is missing. "
        "Export it again: Toggl Track > Reports > Detailed > Export > Download CSV.",
        "toggl_detailed_csv",
        seed="time/toggl/Toggl_time_entries_2026-11-01_to_2026-11-07.csv",
    ),
    # YouTube: a Totals.csv whose every day is blank is not "imported" with nothing in it
    Broken(
        "youtube/blank/Totals.csv",
        "Totals.csv: read as YouTube Studio export, Totals.csv (channel views per day), but no row has a figure, "
        "so nothing was imported. Its columns are 'Date', 'Views'; the figures expected are 'Views', "
        "'Watch time (hours)'.",
        "youtube_totals",
        seed=f"{YT}/Totals.csv",
    ),
    Broken(
        "youtube/blank/watch_time/Totals.csv",
        "Totals.csv: read as YouTube Studio export, Totals.csv (watch time (hours) per day), but no row has a "
        "figure, so nothing was imported. Its columns are 'Date', 'Watch time (hours)'; the figures expected are "
        "'Watch time (hours)'.",
        "youtube_totals",
        seed=f"{YT}/Totals.csv",
    ),
    # Google Analytics
    Broken(
        "website/Pages_and_screens_cut_in_header.csv",
        no_rows("Pages_and_screens_cut_in_header.csv", GA4_PAGES),
        "ga4_page",
        seed="website/Traffic_acquisition_Session_source_medium.csv",
    ),
    Broken(
        "website/Pages_and_screens_no_start_date.csv",
        f"Pages_and_screens_no_start_date.csv: looks like {GA4_PAGES}, but the column 'Start date' is missing. "
        "Export it again: in Google Analytics open the report, then Share this report > Download file > Download CSV.",
        "ga4_page",
        seed="website/Pages_and_screens_Page_path_and_screen_class.csv",
    ),
    Broken(
        "website/Analytics All Web Site Data Source_Medium 20200101-20200131.csv",
        not_yet("Analytics All Web Site Data Source_Medium 20200101-20200131.csv", UA),
        seed="website/Traffic_acquisition_Session_source_medium.csv",
    ),
    Broken(  # a Search Console download named like a GA4 report
        "website/Traffic_acquisition_Session_source_medium_search_console.csv",
        unknown(
            "Traffic_acquisition_Session_source_medium_search_console.csv",
            "'Top queries', 'Clicks', 'Impressions', 'CTR', 'Position'",
        ),
        seed="website/Traffic_acquisition_Session_source_medium.csv",
        of="ga4_source_medium",
    ),
    # Google Analytics Reports snapshot
    Broken(
        "website/snapshot/broken/Reports_snapshot_truncated.csv",
        "Reports_snapshot_truncated.csv: looks like a Google Analytics 'Reports snapshot', but a row of its table "
        "Session source / medium × Sessions is cut off ('(direct) / (no'): the download is incomplete; "
        "download it again.",
        "ga4_reports_snapshot",
        seed="website/snapshot/Reports_snapshot.csv",
    ),
    Broken(
        "website/snapshot/broken/Reports_snapshot_no_figures.csv",
        "Reports_snapshot_no_figures.csv: looks like a Google Analytics 'Reports snapshot', but none of its tables "
        "has a figure this product stores (Sessions, Active users, New users, Views, Engaged sessions or Key events "
        "by day, source / medium, channel group, page, country or event); it holds: Nth day × Active users "
        "(4 rows, every figure empty); Session campaign × Sessions (1 rows, not stored).",
        "ga4_reports_snapshot",
        seed="website/snapshot/Reports_snapshot.csv",
    ),
    Broken(
        "website/snapshot/broken/Reports_snapshot_cut_in_preamble.csv",
        "Reports_snapshot_cut_in_preamble.csv: looks like a Google Analytics 'Reports snapshot', but its "
        "`# Start date` and `# End date` lines are missing or cut off, so its figures cannot be placed in time; "
        "download it again.",
        "ga4_reports_snapshot",
        seed="website/Traffic_acquisition_Session_source_medium.csv",
    ),
    # Mailchimp
    Broken(
        "email/campaign_report_truncated.csv",
        f"campaign_report_truncated.csv{MAILCHIMP_CUT}",
        "mailchimp_campaign_report",
        seed="email/campaigns.csv",
    ),
    Broken(
        "email/campaign_report_numbers_cut_off.csv",
        f"campaign_report_numbers_cut_off.csv{MAILCHIMP_CUT}",
        "mailchimp_campaign_report",
        seed="email/campaign_report_april_newsletter.csv",
    ),
    Broken(  # a Brevo report named like a Mailchimp export
        "email/campaigns_renamed_brevo_report.csv",
        unknown("campaigns_renamed_brevo_report.csv", "'Email campaign report'"),
        seed="email/campaigns.csv",
        of="mailchimp_campaigns",
    ),
    Broken(
        "email/campaigns_short_header_only.csv",
        no_rows(
            "campaigns_short_header_only.csv",
            "Mailchimp campaigns export (short: title, audience, send date, recipients)",
        ),
        "mailchimp_campaigns_short",
        seed="email/campaigns_short.csv",
    ),
]

# The platform each connector's files are for (in this table, one per connector).
PLATFORMS = {f.connector: f.platform for f in FIXTURES_TABLE}

# Sheets of the workbooks above that hold no table this product reads (breakdowns): skipped.
BREAKDOWN_SHEETS = ("Location", "Job function", "Seniority", "Industry", "Company size")

# ------------------------------------------------------------------------------------------------
# Helpers


@pytest.fixture(scope="module")
def blank_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated, empty store, made once: each test copies it (migrating takes most of a second)."""
    path = tmp_path_factory.mktemp("contract") / "blank.duckdb"
    connect(path).close()
    return path


@pytest.fixture
def store(blank_store: Path, tmp_path: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    """A fresh store of this test's own."""
    path = tmp_path / "impact.duckdb"
    shutil.copy(blank_store, path)
    con = connect(path)
    yield con
    con.close()


def dump(con: duckdb.DuckDBPyConnection) -> dict[str, tuple[int, int]]:
    """Every table of the store: its row count and a checksum of all its rows (the sum of the rows' hashes)."""
    tables = [
        r[0]
        for r in con.execute(
            "SELECT table_name FROM information_schema.tables "
            "WHERE table_schema = 'main' AND table_type = 'BASE TABLE' ORDER BY 1"
        ).fetchall()
    ]
    query = " UNION ALL ".join(
        f"SELECT '{t}', count(*), coalesce(sum(hash(r)::HUGEINT), 0) FROM \"{t}\" AS r" for t in tables
    )
    return {table: (rows, checksum) for table, rows, checksum in con.execute(query).fetchall()}


def file_of(item: Fixture | Broken, request: pytest.FixtureRequest) -> Path:
    if isinstance(item, Fixture) and item.real:
        return request.getfixturevalue("real_exports") / item.path
    return FIXTURES / item.path


def run_import(
    con: duckdb.DuckDBPyConnection, path: Path, today: date, monkeypatch: pytest.MonkeyPatch
) -> list[ImportResult]:
    monkeypatch.setattr("impact.store.ingest.today", lambda: today)
    return import_paths(con, [path], ORG)


def result_for(results: list[ImportResult], name: str) -> ImportResult:
    [result] = [r for r in results if r.file == name]
    return result


def digest(con: duckdb.DuckDBPyConnection, table: str, batch_id: int) -> dict[str, object]:
    """The canonical figures of one batch's rows, in the shape of a Fixture."""
    spec = TABLES[table]
    start = "period_start" if table == "web_traffic" else spec.time_column
    where = f"FROM {table} t JOIN account a ON a.id = t.account_id WHERE t.batch_id = {int(batch_id)}"
    rows, first, last, undated = con.execute(
        f"SELECT count(*), min({start}), max(t.{spec.time_column}), count(*) - count(t.{spec.time_column}) {where}"
    ).fetchone()
    sums: dict[str, object] = {}
    for measure in MEASURES[table]:
        if table == "outcome" and measure == "amount":
            groups = con.execute(f"SELECT currency, sum(amount), count(amount) {where} GROUP BY 1").fetchall()
        else:
            groups = con.execute(f"SELECT '', sum({measure}), count({measure}) {where}").fetchall()
        for group, total, filled in groups:
            if filled:
                key = f"{measure} {group}" if group else measure
                value = round(total, 6) if isinstance(total, float) else total
                sums[key] = value if filled == rows else (value, filled)
    handles = tuple(r[0] for r in con.execute(f"SELECT DISTINCT a.handle {where} ORDER BY 1").fetchall())
    platforms = [r[0] for r in con.execute(f"SELECT DISTINCT t.platform {where} ORDER BY 1").fetchall()]
    return {
        "rows": rows,
        "span": (first, last),
        "undated": undated,
        "sums": sums,
        "handles": handles,
        "platforms": platforms,
    }


def fits(connector, names: set[str]) -> bool:
    """The connector's declared signature is in the row and none of its exclusions is."""
    return all(s in names for s in connector.signature) and not any(e in names for e in connector.excludes)


def check_detection(path: Path, name: str, expected: str | None, platform: str | None = None) -> None:
    """Detected as exactly `expected` for `platform` (None: as nothing), and no other connector fits any first row."""
    head = path.read_bytes()[:HEAD_BYTES]
    if expected is None:
        with pytest.raises(DetectionError) as caught:
            detect(name, head)
        assert str(caught.value).startswith(f"{name}: ")
        return
    detected = detect(name, head)
    assert (detected.connector.name, detected.platform) == (expected, platform or PLATFORMS[expected])
    text = decode_head(head, sniff_encoding(head))
    by_text = [c.name for c in REGISTRY if c.matches_text and c.matches_text(text)]
    assert by_text in ([], [expected]), f"{name}: its text fits {by_text}"
    rows = head_rows(text, delimiter=sniff_delimiter(text))  # Excel's Unicode Text is tab-separated
    matching_rows = 0
    for row in rows:
        names = {normalise_header(c) for c in row.cells}
        fitting = {c.name for c in REGISTRY if fits(c, names)}
        # A document recognised by its text is never read by its headers: its tables may be other reports'
        # (a GA4 Reports snapshot holds a table by session source / medium).
        assert by_text or fitting <= {expected}, f"{name}: row {row.cells[:5]} also fits {fitting - {expected}}"
        matching_rows += bool(fitting)
    if not by_text:  # a document recognised by its text (Mailchimp's report) may repeat its blocks' headers
        assert matching_rows == 1


def detection_file(item: Fixture | Broken, request: pytest.FixtureRequest, folder: Path) -> Path:
    """The file, or for a workbook's sheet that sheet as the importer writes it (a CSV)."""
    path = file_of(item, request)
    if not item.sheet:
        return path
    [sheet] = [s for s in sheets_as_csv(path, path.name, folder) if s.title == item.sheet]
    return sheet.csv_path


def ids(items: list) -> list[str]:
    return [str(i) for i in items]


# ------------------------------------------------------------------------------------------------
# The table covers every connector and every fixture file


def test_every_connector_has_a_fixture():
    assert {f.connector for f in FIXTURES_TABLE} == {c.name for c in REGISTRY}
    # One platform per connector here (Meta's page insights could also be Instagram's).
    assert len({(f.connector, f.platform) for f in FIXTURES_TABLE}) == len(PLATFORMS)


def test_broken_files_are_copies_of_covered_exports():
    """A broken file is a broken copy of an export the good fixtures cover (or of no export at all)."""
    assert {b.meant for b in BROKEN} - {None} <= {f.connector for f in FIXTURES_TABLE}
    assert all(b.of is None for b in BROKEN if b.connector)
    assert {b.seed for b in BROKEN} <= {f.path for f in FIXTURES_TABLE if not f.real}


def test_every_fixture_file_is_in_a_table():
    on_disk = {p.relative_to(FIXTURES).as_posix() for p in FIXTURES.rglob("*") if p.is_file()}
    generators = {p for p in on_disk if Path(p).name.startswith("make_") and p.endswith(".py")}
    listed = [f.path for f in FIXTURES_TABLE if not f.real] + [b.path for b in BROKEN]
    assert on_disk - generators == set(listed)
    # A file is listed once, or once per sheet.
    rows = [str(f) for f in FIXTURES_TABLE] + [str(b) for b in BROKEN]
    assert len(rows) == len(set(rows))


def test_every_real_export_is_in_the_table(real_exports):
    assert {p.name for p in real_exports.iterdir()} - {"SOURCES.md"} == {f.path for f in FIXTURES_TABLE if f.real}


# ------------------------------------------------------------------------------------------------
# The contract


@pytest.mark.parametrize("fixture", FIXTURES_TABLE, ids=ids(FIXTURES_TABLE))
def test_detected_as_exactly_its_connector(fixture: Fixture, request, tmp_path):
    check_detection(detection_file(fixture, request, tmp_path), fixture.name, fixture.connector, fixture.platform)


@pytest.mark.parametrize("broken", BROKEN, ids=ids(BROKEN))
def test_broken_file_is_detected_as_what_it_looks_like(broken: Broken, request, tmp_path):
    try:
        path = detection_file(broken, request, tmp_path)
    except WorkbookError:  # a workbook too damaged to read its sheets: detection sees its bytes
        path = file_of(broken, request)
    check_detection(path, broken.name, broken.connector, broken.platform)


def check_workbook_siblings(results: list[ImportResult], item: Fixture | Broken) -> None:
    """The other sheets of the workbook: imported or rejected as their own rows say, or skipped."""
    workbook = Path(item.path).name
    assert all(r.file.startswith(f"{workbook} › ") for r in results), [r.file for r in results]
    for result in results:
        sheet = result.file.removeprefix(f"{workbook} › ")
        if sheet == item.sheet:
            continue
        if any(f.path == item.path and f.sheet == sheet for f in FIXTURES_TABLE):
            assert result.status in ("imported", "skipped"), result.error
        elif any(b.path == item.path and b.sheet == sheet for b in BROKEN):
            assert result.status == "rejected"
        else:
            assert sheet in BREAKDOWN_SHEETS
            assert (result.status, result.connector, result.batch_id) == ("skipped", None, None)
            assert (
                result.error
                == f"{result.file}: this sheet holds no table this product reads (breakdowns are not stored)."
            )


@pytest.mark.parametrize("fixture", FIXTURES_TABLE, ids=ids(FIXTURES_TABLE))
def test_imports_exactly_its_canonical_rows_once(fixture: Fixture, store, request, monkeypatch):
    path = file_of(fixture, request)
    blank = dump(store)

    results = run_import(store, path, fixture.today, monkeypatch)

    result = result_for(results, fixture.name)
    if fixture.sheet:
        check_workbook_siblings(results, fixture)
    else:
        assert len(results) == 1
    if fixture.table is None:  # recognised, and not stored by design
        assert (result.status, result.connector, result.platform, result.batch_id) == (
            "skipped",
            fixture.connector,
            fixture.platform,
            None,
        )
        assert result.error == fixture.skipped
        assert dump(store) == blank
    else:
        assert result.error is None
        assert (result.status, result.connector, result.platform) == ("imported", fixture.connector, fixture.platform)
        assert (result.rows_new, result.rows_updated, result.rows_unchanged, result.rows_rejected) == (
            fixture.rows,
            0,
            0,
            fixture.rejected,
        )
        assert len(result.rejections) == fixture.rejected
        if fixture.set_aside:
            assert result.set_aside is not None and result.set_aside.startswith(
                f"{fixture.set_aside} rows not counted ("
            )
        else:
            assert result.set_aside is None
        assert digest(store, fixture.table, result.batch_id) == {
            "rows": fixture.rows,
            "span": fixture.span,
            "undated": fixture.undated,
            "sums": fixture.sums,
            "handles": fixture.handles,
            "platforms": sorted(fixture.row_platforms or [fixture.platform]),
        }
        for table in [*TABLES, *(f"{t}_observation" for t in TABLES)]:
            # The file fills its own table (and its observations) and no other; its table holds only its rows.
            mine, total = store.execute(
                f"SELECT count(*) FILTER (WHERE batch_id = ?), count(*) FROM {table}", [result.batch_id]
            ).fetchone()
            if table in (fixture.table, f"{fixture.table}_observation"):
                assert (mine, total) == (fixture.rows, fixture.rows), table
            else:
                assert mine == 0, table
                if not fixture.sheet:  # a workbook's other sheets fill other tables
                    assert total == 0, table
        batch = store.execute(
            "SELECT connector, platform, rows_new, rows_rejected, status FROM import_batch WHERE id = ?",
            [result.batch_id],
        )
        assert batch.fetchall() == [(fixture.connector, fixture.platform, fixture.rows, fixture.rejected, "imported")]
    before = dump(store)

    again = run_import(store, path, fixture.today, monkeypatch)

    assert [r.file for r in again] == [r.file for r in results]
    broken_sheets = {b.name for b in BROKEN if b.path == fixture.path}
    assert [r.status for r in again] == ["rejected" if r.file in broken_sheets else "skipped" for r in again]
    repeat = result_for(again, fixture.name)
    assert (repeat.rows_new, repeat.rows_updated, repeat.rows_unchanged, repeat.batch_id) == (0, 0, 0, None)
    if fixture.table is None:
        assert repeat.error == fixture.skipped
    else:
        when = store.execute("SELECT started_at FROM import_batch WHERE id = ?", [result.batch_id]).fetchone()[0]
        assert repeat.error == (
            f"{fixture.name}: this exact file was already imported on {when:%d %b %Y %H:%M} "
            f"(batch {result.batch_id}); nothing changed."
        )
    assert dump(store) == before


@pytest.mark.parametrize("broken", BROKEN, ids=ids(BROKEN))
def test_broken_file_is_rejected_and_the_store_is_unchanged(broken: Broken, store, request, monkeypatch):
    path = file_of(broken, request)
    seeded = [r for r in run_import(store, FIXTURES / broken.seed, TODAY, monkeypatch) if r.status != "skipped"]
    assert seeded and {r.status for r in seeded} == {"imported"}, [r.error for r in seeded]
    before = dump(store)
    assert (before["organisation"][0], before["import_batch"][0]) == (1, len(seeded))

    results = run_import(store, path, TODAY, monkeypatch)

    result = result_for(results, broken.name)
    if broken.sheet:
        check_workbook_siblings(results, broken)
    else:
        assert len(results) == 1
    assert (result.file, result.status, result.connector, result.platform, result.batch_id) == (
        broken.name,
        "rejected",
        broken.connector,
        None if broken.platform else PLATFORMS.get(broken.connector),
        None,
    )
    assert (result.rows_new, result.rows_updated, result.rows_unchanged) == (0, 0, 0)
    assert result.error.startswith(f"{broken.name}: ")
    assert result.error == broken.message
    assert "imported" not in {r.status for r in results}
    assert dump(store) == before


@pytest.mark.parametrize("broken", [b for b in BROKEN if not b.sheet], ids=ids([b for b in BROKEN if not b.sheet]))
def test_broken_file_leaves_an_empty_store_empty(broken: Broken, store, request, monkeypatch):
    """Rejected into a store that holds nothing, a file creates nothing: no organisation, no batch."""
    blank = dump(store)

    [result] = run_import(store, file_of(broken, request), TODAY, monkeypatch)

    assert (result.status, result.error) == ("rejected", broken.message)
    assert dump(store) == blank
    assert blank["organisation"] == (0, 0)
