"""YouTube Studio: Advanced mode > Export > CSV (a ZIP of Table data, Chart data and Totals)."""

from connectors.base import Connector, col

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
