"""YouTube Studio: Advanced mode > Export > CSV (a ZIP of Table data, Chart data and Totals).

Totals.csv holds the chart's metric per day: `Date,Views` by default, or whichever metric the chart
shows (`Date,Watch time (hours)`, `Date,Average view duration`, ...). Those with a column in
`account_day` are stored; the others are recognised and skipped with what they hold.
"""

import re
from collections.abc import Callable

from connectors.base import Connector, Kind, col

# The ZIP's folder is "Content 2026-05-18_2026-08-16 <Channel name>".
_CHANNEL_FROM_PATH = r"Content \d{4}-\d{2}-\d{2}_\d{4}-\d{2}-\d{2} ([^/]+?)(?:\.zip)?/"

TABLE_DATA = Connector(
    name="youtube_table_data",
    label="YouTube Studio content export, Table data.csv",
    platform="youtube",
    table="post",
    signature=("content", "video title", "video publish time"),
    excludes=("date",),
    fields={
        # Some exports put a space before the id.
        "post_id": col("Content", kind="id", required=True),
        "url": col("Content", kind="id", template="https://www.youtube.com/watch?v={}"),
        "text": col("Video title", kind="text"),
        # Empty for private and unlisted videos.
        "published_at": col("Video publish time", kind="timestamp", formats=("%b %d, %Y",)),
        "kind": col("Content type", kind="text"),
        # YouTube counts thumbnail impressions; the column was renamed in 2026.
        "impressions": col("Impressions", "Thumbnail impressions"),
        "video_views": col("Views"),
        "watch_time_hours": col("Watch time (hours)", kind="number"),
        "likes": col("Likes"),
        "comments": col("Comments added"),
        "shares": col("Shares"),
    },
    # The first data row is the channel's Total, not a video.
    drop_rows={"post_id": r"^\s*Total\s*$"},
    handle_from_filename=_CHANNEL_FROM_PATH,
    engagement_parts=("likes", "comments", "shares"),
    engagement_note="YouTube gives no total: likes + comments + shares (where exported).",
    hint="YouTube Studio > Analytics > Advanced mode > Content > Export current view > CSV",
)

TOTALS = Connector(
    name="youtube_totals",
    label="YouTube Studio export, Totals.csv (channel views per day)",
    platform="youtube",
    table="account_day",
    signature=("date", "views"),
    # Other exports with Date and Views: YouTube's per-video tables, Meta page insights, Meta posts, GA4.
    excludes=("content", "video title", "geography", "primary", "post id", "sessions", "active users"),
    fields={
        "day": col("Date", kind="date", formats=("%Y-%m-%d", "%d-%m-%Y", "%b %d, %Y"), required=True),
        "video_views": col("Views"),
        "watch_time_hours": col("Watch time (hours)", kind="number"),
    },
    handle_from_filename=_CHANNEL_FROM_PATH,
    engagement_note="YouTube's totals carry no engagements.",
    hint="YouTube Studio > Analytics > Advanced mode > Export current view > CSV",
)

CHART_DATA = Connector(
    name="youtube_chart_data",
    label="YouTube Studio export, Chart data.csv (views per video per day)",
    platform="youtube",
    table="account_day",
    signature=("date", "content", "video title"),
    fields={},
    ignore_reason=(
        "per-video daily chart data repeats what Totals.csv and Table data.csv of the same "
        "export hold, so it is not stored"
    ),
)


# ------------------------------------------------------------------------------------------------
# Totals.csv of another chart metric: exactly two columns, `Date` and the metric.

_TOTALS_DAY = col("Date", kind="date", formats=("%Y-%m-%d", "%d-%m-%Y", "%b %d, %Y"), required=True)

# Metrics with a column in account_day: header -> (canonical column, kind).
_STORED_METRICS: dict[str, tuple[str, Kind]] = {
    "Watch time (hours)": ("watch_time_hours", "number"),
    "Impressions": ("impressions", "count"),
    "Thumbnail impressions": ("impressions", "count"),  # the 2026 name
    "Subscribers gained": ("followers_gained", "count"),
    "Subscribers lost": ("followers_lost", "count"),
}
_AVERAGE = "an average over viewers, which does not add up over days, and no figure of this product uses it"
_REVENUE = "revenue from ads and memberships, which this product does not report"
_VIEWERS = "people counted per day, who cannot be added up over days"
_PART = "one part of engagements per day; this product counts engagements per video, from Table data.csv"
# Metrics recognised and not stored: header -> what the file holds.
_SKIPPED_METRICS: dict[str, str] = {
    "Subscribers": (
        "subscribers gained minus subscribers lost per day (negative on some days); this product keeps gains "
        "and losses apart, so export the chart of 'Subscribers gained' or 'Subscribers lost' instead"
    ),
    "Average view duration": f"the average view duration per day (H:MM:SS), {_AVERAGE}",
    "Average percentage viewed (%)": f"the average percentage of a video viewed per day, {_AVERAGE}",
    "Impressions click-through rate (%)": f"the click-through rate of impressions per day, {_AVERAGE}",
    "Thumbnail click-through rate (%)": f"the click-through rate of thumbnails per day, {_AVERAGE}",
    "Stayed to watch (%)": f"the share of viewers who stayed to watch per day, {_AVERAGE}",
    "Average views per viewer": f"the average views per viewer per day, {_AVERAGE}",
    "Unique viewers": f"unique viewers per day, {_VIEWERS}",
    "New viewers": f"new viewers per day, {_VIEWERS}",
    "Returning viewers": f"returning viewers per day, {_VIEWERS}",
    "Regular viewers": f"regular viewers per day, {_VIEWERS}",
    "Casual viewers": f"casual viewers per day, {_VIEWERS}",
    "Likes": f"likes per day, {_PART}",
    "Dislikes": "dislikes per day, which this product does not count",
    "Comments added": f"comments per day, {_PART}",
    "Shares": f"shares per day, {_PART}",
    "Engaged views": "engaged views per day, a subset of Views (export the Views chart for views per day)",
    "YouTube Premium views": "YouTube Premium views per day, a subset of Views (export the Views chart for views per day)",
    "Estimated revenue (USD)": f"estimated revenue per day, {_REVENUE}",
    "Your estimated revenue (USD)": f"estimated revenue per day, {_REVENUE}",
    "RPM (USD)": f"revenue per 1,000 views per day, {_REVENUE}",
    "CPM (USD)": f"the advertisers' cost per 1,000 impressions per day, {_REVENUE}",
    "Playback-based CPM (USD)": f"the advertisers' cost per 1,000 playbacks per day, {_REVENUE}",
}


def _totals_of(metric: str) -> Callable[[str], bool]:
    """Recognises a Totals.csv of this metric: its first line is exactly `Date,<metric>`, then days."""
    header = re.compile(rf"\A\ufeff?Date,{re.escape(metric)}\r?\n(\d{{4}}-\d{{2}}-\d{{2}}|\d{{2}}-\d{{2}}-\d{{4}}),")
    return lambda text: bool(header.match(text))


def _as_is(text: str) -> str:
    """The file is already one table: read it as it is."""
    return text.lstrip("\ufeff")


def _stored_totals(metric: str, column: str, kind: Kind) -> Connector:
    return Connector(
        name="youtube_totals",
        label=f"YouTube Studio export, Totals.csv ({metric.lower()} per day)",
        platform="youtube",
        table="account_day",
        # Only recognised by its text (exactly these two columns); the signature names it.
        signature=(f"# youtube totals: {metric.lower()}",),
        fields={"day": _TOTALS_DAY, column: col(metric, kind=kind)},
        handle_from_filename=_CHANNEL_FROM_PATH,
        engagement_note="YouTube's totals carry no engagements.",
        matches_text=_totals_of(metric),
        prepare=_as_is,
        hint="YouTube Studio > Analytics > Advanced mode > Export current view > CSV",
    )


def _skipped_totals(metric: str, holds: str) -> Connector:
    return Connector(
        name="youtube_totals_not_stored",
        label=f"YouTube Studio export, Totals.csv ({metric.lower()} per day)",
        platform="youtube",
        table="account_day",
        signature=(f"# youtube totals: {metric.lower()}",),
        fields={},
        matches_text=_totals_of(metric),
        ignore_reason=f"a YouTube Studio Totals.csv of '{metric}': {holds}; it is not stored",
    )


TOTALS_OF_METRIC = [_stored_totals(m, column, kind) for m, (column, kind) in _STORED_METRICS.items()]
TOTALS_NOT_STORED = [_skipped_totals(m, holds) for m, holds in _SKIPPED_METRICS.items()]
