"""What every figure means, in one place: the app, the command line and the report show these.

Wording follows ../shared/METRICS.md. Each entry: a label, what it counts, and what it divides by.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Definition:
    """A metric's name and the sentence shown next to it."""

    key: str
    label: str
    group: str
    text: str


DEFINITIONS: dict[str, Definition] = {
    d.key: d
    for d in [
        Definition(
            "posts",
            "Posts",
            "Outputs",
            "Number of items published in the period, counted from the post-level exports.",
        ),
        Definition(
            "impressions",
            "Impressions",
            "Outputs",
            "Times content was shown: the lifetime impressions of the posts published in the period, "
            "as of each post's newest export. Additive across posts and platforms. Meta renamed post "
            "impressions to 'Views' in 2025; both count as impressions here. YouTube's are thumbnail impressions.",
        ),
        Definition(
            "reach",
            "Reach",
            "Outputs",
            "People who saw content, as the platform counts them. Not additive: the same person counts "
            "again on every post, so a total over posts is labelled 'sum of post reach'. X gives no reach; "
            "it is left empty, never copied from impressions.",
        ),
        Definition(
            "engagements",
            "Engagements",
            "Outtakes",
            "The platform's own total where the export has one (X, Facebook); otherwise likes + comments + "
            "shares + saves (Instagram, YouTube). The Upload page names the rule for each format.",
        ),
        Definition(
            "engagement_rate",
            "Engagement rate",
            "Outtakes",
            "Σ engagements ÷ Σ impressions over the posts selected that report both (impression-weighted), "
            "never the mean of per-post rates. Per post: engagements ÷ impressions.",
        ),
        Definition(
            "follower_change",
            "Follower change",
            "Outtakes",
            "Followers at period end − followers at period start where the export gives follower totals; "
            "otherwise new follows − unfollows over the period's days (X Overview, Meta Follows.csv).",
        ),
        Definition(
            "video_views",
            "Video views",
            "Outputs",
            "Views of videos as each platform counts them (YouTube views, Facebook 3-second views).",
        ),
        Definition(
            "days",
            "Account-days",
            "Coverage",
            "Days for which a daily account export (X Overview, Meta page insights, YouTube Totals) is stored.",
        ),
        Definition(
            "followers",
            "Followers",
            "Outtakes",
            "The latest follower count an export states. Exports that give only daily gains leave it empty.",
        ),
        Definition(
            "donations",
            "Donations",
            "Outcomes",
            "Money received, per currency (never converted): completed incoming payments (PayPal), Giving Fund "
            "grants and captured payments (Razorpay), minus refunds. Withdrawals, conversions, holds, pending, "
            "failed and outgoing payments never count. The count is of gifts received; a gift later refunded "
            "still counts once, its refund taking its amount off the sum. Overlapping exports count each "
            "transaction once.",
        ),
    ]
}


def definition(key: str) -> str:
    """The sentence for a metric, for tooltips."""
    return DEFINITIONS[key].text
