"""Meta Business Suite "Content" exports of Facebook and Instagram posts (2023+).

Both platforms use the same file name pattern, so only the header tells them apart.
"""

from connectors.base import Connector, col

_PUBLISH_TIME = ("%m/%d/%Y %H:%M", "%m/%d/%Y %H:%M:%S", "%m/%d/%Y %I:%M %p")
# A "daily breakdown" export repeats each post once per day; only lifetime figures can be stored.
_LIFETIME = (
    r"^(?i:lifetime|livstid)$",  # English, Swedish
    "the Date column says which day these figures are for, so this is a daily breakdown; "
    "export again with the date setting 'Lifetime'",
)

FACEBOOK_POSTS = Connector(
    name="meta_facebook_posts",
    label="Facebook posts, Meta Business Suite content export",
    platform="facebook",
    table="post",
    signature=("post id", "page id", "page name", "publish time", "permalink", "post type"),
    fields={
        "post_id": col("Post ID", kind="id", required=True),
        "handle": col("Page name", kind="text"),
        # Captions live in Title or in Description depending on the post type.
        "text": col("Title", "Description", kind="text"),
        "published_at": col("Publish time", kind="timestamp", formats=_PUBLISH_TIME),
        "url": col("Permalink", kind="text"),
        "kind": col("Post type", kind="text"),
        # Meta renamed post impressions to "Views" in 2025; the file has "Views" twice.
        "impressions": col("Views", "Impressions"),
        "reach": col("Reach"),
        "engagements": col("Reactions, comments and shares"),
        "likes": col("Reactions"),
        "comments": col("Comments"),
        "shares": col("Shares"),
        "clicks": col("Total clicks"),
        "video_views": col("3-second video views"),
        "watch_time_hours": col("Seconds viewed", kind="number", scale=1 / 3600),
        "period": col("Date", kind="text"),
    },
    handle_field="handle",
    expect={"period": _LIFETIME},
    engagement_note="Meta's 'Reactions, comments and shares' (clicks are not included).",
    hint="Meta Business Suite > Insights > Content > Export data (Facebook, Lifetime)",
)

INSTAGRAM_POSTS = Connector(
    name="meta_instagram_posts",
    label="Instagram posts, Meta Business Suite content export",
    platform="instagram",
    table="post",
    signature=("post id", "account id", "account username", "publish time", "post type"),
    fields={
        "post_id": col("Post ID", kind="id", required=True),
        # One file can hold several Instagram accounts.
        "handle": col("Account username", kind="text"),
        "text": col("Description", kind="text"),
        "published_at": col("Publish time", kind="timestamp", formats=_PUBLISH_TIME),
        "url": col("Permalink", kind="text"),
        "kind": col("Post type", kind="text"),
        # Older exports say "Impressions"; since 2025 Meta says "Views".
        "impressions": col("Impressions", "Views"),
        "reach": col("Reach"),
        "likes": col("Likes"),
        "comments": col("Comments"),
        "shares": col("Shares"),
        "saves": col("Saves"),
        "period": col("Date", kind="text"),
    },
    handle_field="handle",
    expect={"period": _LIFETIME},
    engagement_parts=("likes", "comments", "shares", "saves"),
    engagement_note="Instagram gives no total: likes + comments + shares + saves.",
    hint="Meta Business Suite > Insights > Content > Export data (Instagram, Lifetime)",
)
