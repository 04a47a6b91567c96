"""Facebook and Instagram post exports from Meta Business Suite.

Both: UTF-8 with a BOM, LF, every field containing a space quoted (header included), multi-line
captions kept, `Date` = "Lifetime", `Publish time` "MM/DD/YYYY HH:MM" in the page's time zone,
newest post first. Files are named "<Mon-DD-YYYY>_<Mon-DD-YYYY>_<id>.csv"; only the header tells
Facebook from Instagram.

Facebook is the Feb-Mar 2025 vintage: 42 columns, `Views` twice, and which video and feedback
columns are filled depends on the post type (Videos, Reels, or anything else).
Instagram is the 2026 vintage.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from sample_data.writers.dates import MONTHS
from sample_data.writers.quoting import csv_text, quote_meta

FACEBOOK_HEADER = [
    "Post ID", "Page ID", "Page name", "Title", "Description", "Duration (secs)", "Publish time", "Caption type",
    "Permalink", "Is crosspost", "Is share", "Post type", "Languages", "Custom labels", "Funded content status",
    "Data comment", "Date", "Views", "Reach", "Reactions, comments and shares", "Reactions", "Comments", "Shares",
    "Total clicks", "Views", "Reach from Organic posts", "Reach from Boosted posts", "3-second video views",
    "1-minute video views", "3-second viewers", "1-minute viewers", "3-second video views from Boosted posts",
    "3-second video views from Organic posts", "Engaged users", "Negative feedback from users",
    "Unique negative feedback from users", "Seconds viewed", "Average Seconds viewed", "Estimated earnings (USD)",
    "Ad CPM (USD)", "Ad impressions", "Other clicks",
]  # fmt: skip
INSTAGRAM_HEADER = [
    "Post ID", "Account ID", "Account username", "Account name", "Description", "Duration (sec)", "Publish time",
    "Permalink", "Post type", "Data comment", "Date", "Views", "Reach", "Likes", "Shares", "Follows", "Comments",
    "Saves",
]  # fmt: skip


@dataclass(frozen=True)
class FacebookPost:
    """One Facebook post with its lifetime figures. The video figures count for Videos and Reels,
    `engaged` and the viewers for Videos and other posts; `other_clicks` None leaves the cell empty."""

    post_id: str
    caption: str
    duration: int
    published: datetime
    permalink: str
    crosspost: bool
    post_type: str  # "Photos", "Links", "Videos", "Reels"
    views: int
    reach: int
    reactions: int
    comments: int
    shares: int
    total_clicks: int
    negative: int
    engaged: int
    other_clicks: int | None = None
    video_views_3s: int = 0
    video_views_1m: int = 0
    viewers_3s: int = 0
    viewers_1m: int = 0
    seconds_viewed: int = 0
    average_seconds: int = 0


@dataclass(frozen=True)
class InstagramPost:
    """One Instagram post with its lifetime figures."""

    post_id: str
    caption: str
    duration: int
    published: datetime
    permalink: str
    post_type: str  # "IG image", "IG reel", "IG carousel"
    views: int
    reach: int
    likes: int
    shares: int
    follows: int
    comments: int
    saves: int


def file_date(d: date) -> str:
    """The day as in the file name: "Dec-01-2025"."""
    return f"{MONTHS[d.month - 1]}-{d.day:02d}-{d.year}"


def export_name(start: date, end: date, file_id: str) -> str:
    return f"{file_date(start)}_{file_date(end)}_{file_id}.csv"


def publish_time(dt: datetime) -> str:
    return dt.strftime("%m/%d/%Y %H:%M")


def _facebook_row(page_id: str, page_name: str, p: FacebookPost) -> list[str]:
    t, blank = p.post_type, ""
    video = t in ("Videos", "Reels")
    row = [
        p.post_id, page_id, page_name, p.caption, p.caption if video else blank, str(p.duration),
        publish_time(p.published), "N/A", p.permalink, "1" if p.crosspost else "0", "0", t, blank, blank, blank,
        blank, "Lifetime", str(p.views), str(p.reach), str(p.reactions + p.comments + p.shares), str(p.reactions),
        str(p.comments), str(p.shares), str(p.total_clicks), str(p.views), str(p.reach), "0",
    ]  # fmt: skip
    if t == "Videos":
        row += [
            str(p.video_views_3s), str(p.video_views_1m), str(p.viewers_3s), str(p.viewers_1m), "0",
            str(p.video_views_3s), str(p.engaged), str(p.negative), str(p.negative), str(p.seconds_viewed),
            str(p.average_seconds), "0", "0", "0", blank,
        ]  # fmt: skip
    elif t == "Reels":
        row += [
            blank, blank, blank, blank, "0", str(p.video_views_3s), blank, blank, blank, str(p.seconds_viewed),
            str(p.average_seconds), "0", blank, "0", blank,
        ]  # fmt: skip
    else:
        other = blank if p.other_clicks is None else str(p.other_clicks)
        row += ["0"] * 6 + [str(p.engaged), str(p.negative), str(p.negative)] + [blank] * 5 + [other]
    assert len(row) == len(FACEBOOK_HEADER)
    return row


def facebook_posts(page_id: str, page_name: str, posts: Sequence[FacebookPost]) -> bytes:
    rows = [FACEBOOK_HEADER]
    rows += [_facebook_row(page_id, page_name, p) for p in sorted(posts, key=lambda p: p.published, reverse=True)]
    return ("\ufeff" + csv_text(rows, quote_meta, "\n")).encode("utf-8")


def instagram_posts(account_id: str, username: str, name: str, posts: Sequence[InstagramPost]) -> bytes:
    rows = [INSTAGRAM_HEADER]
    for p in sorted(posts, key=lambda p: p.published, reverse=True):
        row = [
            p.post_id, account_id, username, name, p.caption, str(p.duration), publish_time(p.published),
            p.permalink, p.post_type, "", "Lifetime", str(p.views), str(p.reach), str(p.likes), str(p.shares),
            str(p.follows), str(p.comments), str(p.saves),
        ]  # fmt: skip
        rows.append(row)
    return ("\ufeff" + csv_text(rows, quote_meta, "\n")).encode("utf-8")
