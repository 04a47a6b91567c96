"""X / Twitter: the legacy analytics.twitter.com exports (tweet-level and daily)."""

from connectors.base import Connector, col

# "2016-12-23 18:50 +0000"; without the offset after a spreadsheet re-save (still UTC).
_TWITTER_TIME = ("%Y-%m-%d %H:%M %z", "%Y-%m-%d %H:%M")

TWEET_ACTIVITY = Connector(
    name="x_tweet_activity",
    label="X (Twitter) tweet activity, legacy analytics.twitter.com export",
    platform="x",
    table="post",
    signature=("tweet id", "tweet permalink", "time", "impressions", "engagements"),
    fields={
        # The permalink holds the id as text; a spreadsheet re-save rounds "Tweet id" to 15 digits.
        "post_id": col("Tweet permalink", "Tweet id", kind="id", required=True, pattern=r"^(?:.*/status/)?(\d+)$"),
        "url": col("Tweet permalink", kind="text"),
        "handle": col("Tweet permalink", kind="text", pattern=r"(?:twitter|x)\.com/([^/]+)/status"),
        "text": col("Tweet text", kind="text"),
        "published_at": col("time", kind="timestamp", formats=_TWITTER_TIME, utc=True),
        "impressions": col("impressions"),
        "engagements": col("engagements"),
        # The 2015 vintage said "favorites" where later files say "likes".
        "likes": col("likes", "favorites"),
        "comments": col("replies"),
        "shares": col("retweets"),
        "clicks": col("url clicks"),
        "video_views": col("media views"),
    },
    handle_field="handle",
    engagement_note="X's own total: every click, like, repost, reply, follow and expand on the post.",
    hint="analytics.twitter.com > Tweets > Export data > By Tweet",
)

DAILY_TWEET_ACTIVITY = Connector(
    name="x_daily_tweet_activity",
    label="X (Twitter) daily account activity, legacy analytics.twitter.com export",
    platform="x",
    table="account_day",
    signature=("date", "tweets published", "impressions", "engagements"),
    fields={
        "day": col("Date", kind="date", formats=("%Y-%m-%d",), required=True),
        "posts_published": col("Tweets published"),
        "impressions": col("impressions"),
        "engagements": col("engagements"),
        "followers_gained": col("follows"),
        "profile_views": col("user profile clicks"),
        "video_views": col("media views"),
    },
    handle_from_filename=r"daily_tweet_activity_metrics_(.+?)_\d{8}_\d{8}",
    engagement_note="X's own daily total of engagements with the account's posts.",
    hint="analytics.twitter.com > Tweets > Export data > By day",
)
