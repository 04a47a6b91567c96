"""LinkedIn Page analytics: the content, followers and visitors workbooks (BIFF8 `.xls`).

Page admins download `<vanity>_content_<epoch-ms>.xls`, `<vanity>_followers_<epoch-ms>.xls` and
`<vanity>_visitors_<epoch-ms>.xls`. The importer turns every sheet into a CSV table (impact/store/workbooks.py),
so each sheet below is its own format: `Metrics` and `All posts` (content), `New followers`
(followers), `Visitor metrics` (visitors). The demographic sheets (Location, Job function, Seniority,
Industry, Company size) are breakdowns without a date and are not stored.

The content sheets carry a preamble sentence above the header; re-saved copies often lose it.
Detection looks for the header among the first rows, so both forms read the same.
"""

from connectors.base import Connector, col

# LinkedIn writes days as text, month first, in UTC; a spreadsheet re-save turns them into date
# cells, which come through as ISO text (staging always accepts ISO forms).
_DAY = ("%m/%d/%Y",)
# The file name is the only place the page is named: "clean-river-trust_content_1754179200000.xls",
# also with a browser's " (1)" or a user's " 1" after it. A re-saved .xlsx of the same name lands on
# the same account.
_VANITY_FROM_NAME = r"(?:^|/)([A-Za-z0-9][A-Za-z0-9-]*)_(?:content|followers|visitors)_\d{10,}"
_HINT = "LinkedIn Page > Analytics > {} > Export (choose the date range, then Export)"

METRICS = Connector(
    name="linkedin_content_metrics",
    label="LinkedIn Page content export, 'Metrics' sheet (daily)",
    platform="linkedin",
    table="account_day",
    signature=("date", "impressions (total)", "clicks (total)", "reactions (total)"),
    fields={
        "day": col("Date", kind="date", formats=_DAY, required=True),
        "impressions": col("Impressions (total)"),
        # Reach is left empty on purpose: "Unique impressions (organic)" counts organic viewers only,
        # while impressions above include sponsored ones, so reach/impressions would mix two audiences
        # and understate reach on every day with paid posts. The column stays in `extra`.
        # The parts of LinkedIn's own engagement rate (its "Engagement rate (total)" column is exactly
        # (clicks + reactions + comments + reposts) / impressions). account_day has no columns for them,
        # so they, and the organic/sponsored split of each, stay in `extra` too.
        # A day's figure is a net change: a deleted comment or repost can make it negative.
        "clicks": col("Clicks (total)", negative=True),
        "reactions": col("Reactions (total)", negative=True),
        "comments": col("Comments (total)", negative=True),
        # Older exports said "Shares (...)" where LinkedIn now says "Reposts (...)".
        "reposts": col("Reposts (total)", "Shares (total)", negative=True),
    },
    handle_from_filename=_VANITY_FROM_NAME,
    engagement_parts=("clicks", "reactions", "comments", "reposts"),
    engagement_note=(
        "LinkedIn's daily engagements: clicks + reactions + comments + reposts, organic and sponsored "
        "(a deleted comment or repost can make a day's figure negative)."
    ),
    hint=_HINT.format("Content"),
)

POSTS = Connector(
    name="linkedin_posts",
    label="LinkedIn Page content export, 'All posts' sheet",
    platform="linkedin",
    table="post",
    # "Post link" is left out of the signature on purpose: a sheet without it is still recognised,
    # and rejected with a sentence naming the missing column instead of being skipped silently.
    signature=("post title", "post type", "created date", "impressions"),
    fields={
        # The link ends in the post's URN ("…/feed/update/urn:li:activity:7355…"). The URN is the id:
        # it is the same in every export, while the link's host or tracking part may change.
        "post_id": col("Post link", kind="id", required=True, pattern=r"(urn:li:[A-Za-z]+:\d+)"),
        "url": col("Post link", kind="text"),
        "text": col("Post title", kind="text"),
        "published_at": col("Created date", kind="timestamp", formats=("%m/%d/%Y %H:%M", "%m/%d/%Y")),
        # Image, Video, Document, ...; "Post type" (Organic or Sponsored) stays in `extra`.
        "kind": col("Content Type", kind="text"),
        "impressions": col("Impressions"),
        # LinkedIn's "Views" are video views (empty for other posts); "Offsite Views" stay in `extra`.
        "video_views": col("Views"),
        "clicks": col("Clicks"),
        # LinkedIn calls every reaction a "Like" in this sheet.
        "likes": col("Likes"),
        "comments": col("Comments"),
        "shares": col("Reposts", "Shares"),
        # Follows won by the post: not a post column, so kept in `extra`, but part of the engagements.
        "follows": col("Follows"),
    },
    handle_from_filename=_VANITY_FROM_NAME,
    # LinkedIn's per-post "Engagement rate" is (clicks + reactions + comments + reposts + follows)
    # / impressions; the daily Metrics sheet has no follows, so a day's sum can be a little lower.
    engagement_parts=("clicks", "likes", "comments", "shares", "follows"),
    engagement_note="LinkedIn's engagements per post: clicks + reactions + comments + reposts + follows.",
    hint=_HINT.format("Content"),
)

NEW_FOLLOWERS = Connector(
    name="linkedin_new_followers",
    label="LinkedIn Page followers export, 'New followers' sheet (daily)",
    platform="linkedin",
    table="account_day",
    signature=("date", "organic followers", "total followers"),
    fields={
        "day": col("Date", kind="date", formats=_DAY, required=True),
        # "Total followers" is the day's NEW followers (sponsored + organic + auto-invited), not the
        # page's follower count, so it must never land in `followers`. LinkedIn nets out unfollows,
        # so a day can be negative.
        "followers_gained": col("Total followers", negative=True),
    },
    handle_from_filename=_VANITY_FROM_NAME,
    engagement_note="LinkedIn's followers export carries no engagements.",
    hint=_HINT.format("Followers"),
)

VISITOR_METRICS = Connector(
    name="linkedin_visitor_metrics",
    label="LinkedIn Page visitors export, 'Visitor metrics' sheet (daily)",
    platform="linkedin",
    table="account_day",
    signature=("date", "total page views (total)"),
    fields={
        "day": col("Date", kind="date", formats=_DAY, required=True),
        # Page views of the whole page (Overview + Life + Jobs tabs, desktop + mobile). The unique
        # visitor columns are not additive across days and stay in `extra`, as do the per-tab views.
        "profile_views": col("Total page views (total)"),
    },
    handle_from_filename=_VANITY_FROM_NAME,
    engagement_note="LinkedIn's visitors export carries no engagements.",
    hint=_HINT.format("Visitors"),
)
