"""X (x.com) analytics exports: the content export in two header vintages, and the account overview.

Content, Feb-2025 vintage: UTF-8 without BOM, CRLF, dates "Mon Feb 17 2025", the post text always
quoted and nothing else. Late-2025 vintage: UTF-8, LF, dates "Sat, Aug 1, 2026", minimal quoting,
and now and then a junk row ",,,https://x.com/<handle>/status/undefined,0,..." that importers drop.
Account overview: one row per day, newest first, late-2025 dates, minimal quoting, LF.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from sample_data.writers.dates import MONTHS, WEEKDAYS
from sample_data.writers.quoting import csv_text, quote_all, quote_minimal

CONTENT_HEADER_FEB_2025 = [
    "Post id", "Date", "Post text", "Link", "Impressions", "Likes", "Engagements", "Bookmarks", "Share",
    "New follows", "Replies", "Reposts", "Profile visits", "Detail expands", "Url clicks", "Hashtag clicks",
    "Permalink clicks",
]  # fmt: skip
CONTENT_HEADER_LATE_2025 = [
    "Post id", "Date", "Post text", "Post Link", "Impressions", "Likes", "Engagements", "Bookmarks", "Shares",
    "New follows", "Replies", "Reposts", "Profile visits", "Detail Expands", "URL Clicks", "Hashtag Clicks",
    "Permalink Clicks",
]  # fmt: skip
# The figures after the link, in both vintages' order, by the names ContentRow.figures uses.
CONTENT_FIGURES = [
    "Impressions", "Likes", "Engagements", "Bookmarks", "Shares", "New follows", "Replies", "Reposts",
    "Profile visits", "Detail expands", "Url clicks", "Hashtag clicks", "Permalink clicks",
]  # fmt: skip
OVERVIEW_HEADER = [
    "Date", "Impressions", "Likes", "Engagements", "Bookmarks", "Shares", "New follows", "Unfollows", "Replies",
    "Reposts", "Profile visits", "Create Post", "Video views", "Media views",
]  # fmt: skip


@dataclass(frozen=True)
class ContentRow:
    """One post in a content export: its lifetime figures as of the download, keyed as CONTENT_FIGURES."""

    post_id: int
    day: date
    text: str
    figures: Mapping[str, int]


@dataclass(frozen=True)
class OverviewDay:
    """One day of the account overview."""

    day: date
    impressions: int
    likes: int
    engagements: int
    bookmarks: int
    shares: int
    new_follows: int
    unfollows: int
    replies: int
    reposts: int
    profile_visits: int
    posts_created: int
    video_views: int
    media_views: int


def date_feb_2025(d: date) -> str:
    """The Feb-2025 vintage's day: "Mon Feb 17 2025"."""
    return f"{WEEKDAYS[d.weekday()]} {MONTHS[d.month - 1]} {d.day:02d} {d.year}"


def date_late_2025(d: date) -> str:
    """The late-2025 vintage's and the overview's day: "Sat, Aug 1, 2026"."""
    return f"{WEEKDAYS[d.weekday()]}, {MONTHS[d.month - 1]} {d.day}, {d.year}"


def post_link(handle: str, post_id: int | str) -> str:
    return f"https://x.com/{handle}/status/{post_id}"


def content_name(start: date, end: date) -> str:
    return f"account_analytics_content_{start.isoformat()}_{end.isoformat()}.csv"


def _figures(row: ContentRow) -> list[str]:
    return [str(row.figures[k]) for k in CONTENT_FIGURES]


def content_feb_2025(handle: str, rows: Sequence[ContentRow]) -> bytes:
    """The Feb-2025 vintage, rows in the order given."""
    lines = [",".join(CONTENT_HEADER_FEB_2025)]
    for r in rows:
        fields = [str(r.post_id), date_feb_2025(r.day), quote_all(r.text), post_link(handle, r.post_id)]
        lines.append(",".join(fields + _figures(r)))
    return ("\r\n".join(lines) + "\r\n").encode("utf-8")


def content_late_2025(handle: str, rows: Sequence[ContentRow], junk_after: int | None = None) -> bytes:
    """The late-2025 vintage, rows in the order given; with `junk_after`, the junk row follows that many posts."""
    table = [CONTENT_HEADER_LATE_2025]
    for r in rows:
        table.append([str(r.post_id), date_late_2025(r.day), r.text, post_link(handle, r.post_id)] + _figures(r))
    if junk_after is not None:
        table.insert(1 + junk_after, ["", "", "", post_link(handle, "undefined")] + ["0"] * len(CONTENT_FIGURES))
    return csv_text(table, quote_minimal, "\n").encode("utf-8")


def overview(days: Sequence[OverviewDay]) -> bytes:
    """account_overview_analytics.csv: newest day first."""
    table = [OVERVIEW_HEADER]
    for d in sorted(days, key=lambda d: d.day, reverse=True):
        figures = [
            d.impressions, d.likes, d.engagements, d.bookmarks, d.shares, d.new_follows, d.unfollows, d.replies,
            d.reposts, d.profile_visits, d.posts_created, d.video_views, d.media_views,
        ]  # fmt: skip
        table.append([date_late_2025(d.day)] + [str(v) for v in figures])
    return csv_text(table, quote_minimal, "\n").encode("utf-8")
