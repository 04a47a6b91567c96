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
    excludes=("reached audience",),  # the 2025 Overview (OVERVIEW_2025)
    fields={
        "day": _DAY,
        "video_views": col("Video Views"),
        "profile_views": col("Profile Views"),
        # account_day has no likes, comments or shares: they are read to sum engagements, and kept
        # in `extra` under their own names.
        "likes": col("Likes", negative=True),  # a day's net change: deleted comments make it negative
        "comments": col("Comments", negative=True),
        "shares": col("Shares", negative=True),
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


# ------------------------------------------------------------------------------------------------
# The 2025 layouts: dates with the year ("2025/10/31"), "NAN" and "--" for no value (not 0).

# Dates are written with the year; a download in the older style ("October 31", "31 de octubre") still
# reads as a day without one. ISO dates (a spreadsheet re-save) are always accepted.
_DAY_2025 = col("Date", kind="monthday", required=True, formats=("%Y/%m/%d",))
# A day none of whose figures has a digit ("--" or "NAN" in every cell) says nothing: it is set aside,
# and a file with no other day is refused. Only mapped columns are read here, so the others stay in extra.
_KEEP_NOTE = "days on which every figure is '--' or 'NAN': TikTok had no data for them"
_NO_DIGIT_KEPT = {"figures": r"[0-9]"}

OVERVIEW_2025 = Connector(
    name="tiktok_overview_2025",
    label="TikTok analytics, Overview (2025: views, reached audience, followers gained and lost)",
    platform="tiktok",
    table="account_day",
    signature=(
        "date",
        "video views",
        "reached audience",
        "profile views",
        "likes",
        "shares",
        "comments",
        "new followers",
        "lost followers",
    ),
    fields={
        "day": _DAY_2025,
        "video_views": col("Video views"),
        "reach": col("Reached audience"),  # distinct people who saw the account's videos that day
        "profile_views": col("Profile views"),
        # Read to sum engagements and kept in extra under their own names, as in Overview.csv.
        "likes": col("Likes", negative=True),  # a day's net change: deleted comments make it negative
        "comments": col("Comments", negative=True),
        "shares": col("Shares", negative=True),
        "followers_gained": col("New followers"),
        "followers_lost": col("Lost followers"),
        # "Net growth" (gained minus lost), "Phone number clicks " and "Leads submission" stay in extra.
        "figures": col(
            "Video views",
            "Reached audience",
            "Profile views",
            "New followers",
            "Lost followers",
            kind="text",
            joined=True,
        ),
    },
    keep_only=_NO_DIGIT_KEPT,
    keep_note=_KEEP_NOTE,
    engagement_parts=("likes", "comments", "shares"),
    engagement_note=OVERVIEW.engagement_note,
    hint="TikTok Studio > Analytics > Overview > Download data",
)

VIDEOS_2025 = Connector(
    name="tiktok_videos_2025",
    label="TikTok analytics, video list (2025: views, likes, comments, shares, favourites per video)",
    platform="tiktok",
    table="post",
    signature=("video title", "video link", "post time", "video views", "add to favorites"),
    fields={
        "post_id": col("Video link", kind="id", required=True, pattern=_VIDEO_ID),
        "url": col("Video link", kind="text"),
        "handle": col("Video link", kind="text", pattern=r"tiktok\.com/@([^/]+)/"),
        "text": col("Video title", kind="text"),
        # "2025/10/28 18:03" in the viewer's local time, kept as written; a day without a year
        # ("October 28", as Content.csv writes it) reads as the latest such day.
        "published_at": col("Post time", kind="monthday", formats=("%Y/%m/%d %H:%M:%S", "%Y/%m/%d %H:%M", "%Y/%m/%d")),
        "video_views": col("Video views"),
        "likes": col("Likes"),
        "comments": col("Comments"),
        "shares": col("Shares"),
        "saves": col("Add to Favorites"),
    },
    handle_field="handle",
    engagement_parts=("likes", "comments", "shares"),
    engagement_note="TikTok gives no total: likes + comments + shares (favourites are saves, not counted).",
    hint="TikTok Studio > Analytics > Content > Download data",
)

FOLLOWERS_2025 = Connector(
    name="tiktok_followers_2025",
    label="TikTok analytics, followers (2025: new and total followers, reached and engaged audience)",
    platform="tiktok",
    table="account_day",
    signature=("date", "new followers", "total followers", "reached audience", "engaged audience"),
    fields={
        "day": _DAY_2025,
        "followers": col("Total followers"),  # the running total that day
        "followers_gained": col("New followers"),
        "reach": col("Reached audience"),
        # "Engaged audience" counts people, not engagements: kept in extra.
        "figures": col("New followers", "Total followers", "Reached audience", kind="text", joined=True),
    },
    keep_only=_NO_DIGIT_KEPT,
    keep_note=_KEEP_NOTE,
    engagement_note="TikTok's follower file carries no engagements.",
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

CONNECTORS = (
    OVERVIEW,
    CONTENT,
    VIEWERS,
    FOLLOWER_HISTORY,
    FOLLOWER_ACTIVITY,
    FOLLOWER_GENDER,
    FOLLOWER_TERRITORIES,
    OVERVIEW_2025,
    VIDEOS_2025,
    FOLLOWERS_2025,
)
