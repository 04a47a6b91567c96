"""TikTok: the analytics download (TikTok Studio > Analytics > Download data), one CSV per tab.

Every file is UTF-8 with a BOM, every field quoted, LF line ends. Days carry no year ("February 28",
Spanish "8 de marzo"): kind "monthday" reads each as the latest such day not after the export's
reference day. The literal "undefined" means no value. The files name no account (only Content.csv's
links do), so daily figures go to the default account, as X's Overview does.
"""

from connectors.base import Connector, col

_DAY = col("Date", kind="monthday", required=True)
_HINT = "TikTok Studio > Analytics > Overview (or Content, Viewers, Followers) > Download data"
# "https://www.tiktok.com/@handle/video/7527623000473079054": the number is the video's id.
_VIDEO_ID = r"/video/(\d+)"

OVERVIEW = Connector(
    name="tiktok_overview",
    label="TikTok analytics, Overview.csv (daily views, profile views, likes, comments, shares)",
    platform="tiktok",
    table="account_day",
    signature=("date", "video views", "profile views", "likes", "comments", "shares"),
    fields={
        "day": _DAY,
        "video_views": col("Video Views"),
        "profile_views": col("Profile Views"),
        # account_day has no likes, comments or shares: they are read to sum engagements, and kept
        # in `extra` under their own names.
        "likes": col("Likes"),
        "comments": col("Comments"),
        "shares": col("Shares"),
    },
    engagement_parts=("likes", "comments", "shares"),
    engagement_note="TikTok gives no daily total: likes + comments + shares on the account's videos that day.",
    hint=_HINT,
)

CONTENT = Connector(
    name="tiktok_content",
    label="TikTok analytics, Content.csv (top videos only)",
    platform="tiktok",
    table="post",
    signature=("video title", "video link", "post time", "total views"),
    fields={
        "post_id": col("Video link", kind="id", required=True, pattern=_VIDEO_ID),
        "url": col("Video link", kind="text"),
        "handle": col("Video link", kind="text", pattern=r"tiktok\.com/@([^/]+)/"),
        "text": col("Video title", kind="text"),
        # Only the day ("July 16"); "Time" is the day of the download, kept in extra.
        "published_at": col("Post time", kind="monthday"),
        "likes": col("Total likes"),
        "comments": col("Total comments"),
        "shares": col("Total shares"),
        "video_views": col("Total views"),
    },
    handle_field="handle",
    engagement_parts=("likes", "comments", "shares"),
    engagement_note=(
        "TikTok gives no total: likes + comments + shares. Content.csv lists only the top videos "
        "(about ten) of the period, not every video."
    ),
    hint="TikTok Studio > Analytics > Content > Download data",
)

VIEWERS = Connector(
    name="tiktok_viewers",
    label="TikTok analytics, Viewers.csv (daily unique viewers)",
    platform="tiktok",
    table="account_day",
    signature=("date", "total viewers", "new viewers", "returning viewers"),
    fields={
        "day": _DAY,
        # Total Viewers counts distinct people who watched the account's videos that day: the
        # platform's own daily reach. New and Returning Viewers (its two parts) stay in extra.
        "reach": col("Total Viewers"),
    },
    engagement_note="TikTok's viewer counts carry no engagements.",
    hint="TikTok Studio > Analytics > Viewers > Download data",
)

FOLLOWER_HISTORY = Connector(
    name="tiktok_follower_history",
    label="TikTok analytics, FollowerHistory.csv (followers per day)",
    platform="tiktok",
    table="account_day",
    signature=("date", "followers", "difference in followers from previous day"),
    fields={
        "day": _DAY,
        "followers": col("Followers"),  # the running total that day
        # The difference is the net change (new minus lost, negative on many days), not the people
        # gained: it is not followers_gained and stays in extra under its own name.
    },
    engagement_note="TikTok's follower history carries no engagements.",
    hint="TikTok Studio > Analytics > Followers > Download data",
)


def _ignored(name: str, label: str, signature: tuple[str, ...], what: str) -> Connector:
    """A TikTok file recognised, so a whole download imports with a result per file, but not stored."""
    return Connector(
        name=name,
        label=label,
        platform="tiktok",
        table="account_day",
        signature=signature,
        fields={},
        ignore_reason=f"{what}; this product does not store it",
    )


FOLLOWER_ACTIVITY = _ignored(
    "tiktok_follower_activity",
    "TikTok analytics, FollowerActivity.csv",
    ("date", "hour", "active followers"),
    "TikTok's followers online by hour (when to post)",
)
FOLLOWER_GENDER = _ignored(
    "tiktok_follower_gender",
    "TikTok analytics, FollowerGender.csv",
    ("gender", "distribution"),
    "TikTok's followers by gender, a share of the whole",
)
FOLLOWER_TERRITORIES = _ignored(
    "tiktok_follower_territories",
    "TikTok analytics, FollowerTopTerritories.csv",
    ("top territories", "distribution"),
    "TikTok's followers by country, a share of the whole",
)

CONNECTORS = (OVERVIEW, CONTENT, VIEWERS, FOLLOWER_HISTORY, FOLLOWER_ACTIVITY, FOLLOWER_GENDER, FOLLOWER_TERRITORIES)
