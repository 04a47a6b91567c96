"""X: the x.com account analytics exports (2024+), "Content" and "Overview"."""

from connectors.base import Connector, col

# "Mon Feb 17 2025" (early 2025) and "Sat, Aug 1, 2026" (late 2025 on).
_X_DAY = ("%a %b %d %Y", "%a, %b %d, %Y")
# ".../status/1891564128784855141" or, when there is no link, the bare id.
_ID_IN_LINK = r"^(?:.*/status/)?(\d+)$"

CONTENT = Connector(
    name="x_account_analytics_content",
    label="X post analytics, x.com 'Content' export (2024+)",
    platform="x",
    table="post",
    signature=("post id", "date", "post text", "impressions", "engagements"),
    fields={
        # The link holds the id as text: a spreadsheet re-save rounds the 19-digit "Post id" to 15
        # digits, and a rounded id no longer matches the post in other exports.
        "post_id": col("Post Link", "Link", "Post id", kind="id", required=True, pattern=_ID_IN_LINK),
        # The Date column holds only the day; the id itself carries the creation time.
        "published_at": col("Post Link", "Link", "Post id", kind="snowflake_time", pattern=_ID_IN_LINK),
        "text": col("Post text", kind="text"),
        "url": col("Post Link", "Link", kind="text"),
        "handle": col("Post Link", "Link", kind="text", pattern=r"x\.com/([^/]+)/status"),
        "impressions": col("Impressions"),
        "engagements": col("Engagements"),
        "likes": col("Likes"),
        "comments": col("Replies"),
        "shares": col("Reposts"),
        "saves": col("Bookmarks"),
        "clicks": col("URL Clicks"),
    },
    # A real export carries a junk row ",,,https://x.com/<handle>/status/undefined,0,0,...".
    drop_rows={"url": r"/status/undefined$"},
    # The post's time is read from its id (a 64-bit snowflake): a longer number is no X post.
    expect={"post_id": (r"^(?:.*/status/)?\d{1,19}$", "the post id is no X post id (those have at most 19 digits)")},
    handle_field="handle",
    engagement_note="X's own total: every click, like, repost, reply, bookmark and expand on the post.",
    hint="x.com > Analytics > Content > Export data",
)

OVERVIEW = Connector(
    name="x_account_overview",
    label="X account analytics, x.com 'Overview' export (2024+)",
    platform="x",
    table="account_day",
    signature=("date", "impressions", "engagements", "new follows", "unfollows"),
    fields={
        "day": col("Date", kind="date", formats=_X_DAY, required=True),
        "impressions": col("Impressions"),
        "engagements": col("Engagements"),
        "followers_gained": col("New follows"),
        "followers_lost": col("Unfollows"),
        "profile_views": col("Profile visits"),
        "posts_published": col("Create Post"),
        "video_views": col("Video views"),
    },
    engagement_note="X's own daily total of engagements.",
    hint="x.com > Analytics > Overview > Export data",
)
