"""Web presence for funders: a score from 0 to 100 out of named components, a stage, portfolios.

`scorecard.py` measures an organisation over a period (or many pairs at once); `weights.py` keeps the weights a funder chose;
`portfolio.py` puts grantees side by side. Every figure comes from impact.definitions.sql, the
same definitions the pages use.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ComponentSpec:
    """A component of the score: what it measures, its default weight and why, and what raises it."""

    key: str
    name: str
    weight: float  # default weight; the weights of the measured components are scaled to 100
    why_weight: str
    definition: str
    raise_it: str
    measure_with: str  # the export or entry that measures it, shown when it is not measured


COMPONENTS: dict[str, ComponentSpec] = {
    c.key: c
    for c in [
        ComponentSpec(
            "channels",
            "Channels active",
            15,
            "Being where supporters are, on a few channels kept up rather than many left idle.",
            "Channels (platforms other than the website) with at least one post in the 90 days up to the period's "
            "end. Points: 100 × active channels ÷ 3, at most 100: a small non-profit does well on two or three "
            "channels it keeps up.",
            "Post on two or three channels your supporters use, and keep each one going.",
            "a post-level export of any channel (X Content, Meta content, YouTube Table data, LinkedIn content)",
        ),
        ComponentSpec(
            "base_platform",
            "Base platform",
            10,
            "One base (the website or blog) that every channel links to turns attention into donations and "
            "sign-ups the organisation owns.",
            "The organisation's own website or blog, and the share of the period's posts whose link or text names "
            "its address. Points: 40 when the website's own figures are imported (Google Analytics), plus 60 × the "
            "share of posts linking to it.",
            "Link your website from your posts, and import its Google Analytics reports.",
            "the organisation's website address (its settings), with post-level exports",
        ),
        ComponentSpec(
            "consistency",
            "Consistency",
            20,
            "Regular posting is what funders and algorithms both reward; it is the habit the rest builds on.",
            "Per channel active in the period: weeks (Monday to Sunday) with at least one post ÷ weeks in the period. "
            "Points: 100 × the mean of those shares over the channels.",
            "Post every week on each channel you keep; a small weekly time budget is enough.",
            "a post-level export of any channel",
        ),
        ComponentSpec(
            "audience",
            "Audience growth",
            10,
            "A growing audience is the reach of the next story; only the followers the exports report count.",
            "Net new followers per calendar month of the period, from follower totals where the exports give them, "
            "else followers gained − lost (both reported). Points: 100 × months with a net gain ÷ months measured.",
            "Ask people to follow at events and in the newsletter; reply to comments.",
            "daily account exports with followers (X Overview, Meta Follows, TikTok FollowerHistory, LinkedIn "
            "followers, YouTube Totals of subscribers gained)",
        ),
        ComponentSpec(
            "engagement",
            "Engagement",
            15,
            "How much people respond, against the organisation's own past, never against other platforms.",
            "Per platform: the period's engagement rate ÷ the rate of the 12 months before the period. Points per "
            "platform: 50 × that ratio, at most 100 (as good as its own year: 50; twice as good: 100); the "
            "component is the mean weighted by each platform's rated impressions.",
            "Post what your audience responds to (the Content page ranks posts by rate); ask questions.",
            "post-level exports with impressions and engagements covering the period and the year before it",
        ),
        ComponentSpec(
            "results",
            "Results",
            15,
            "Presence matters when it leads to action: donations, volunteers, sign-ups.",
            "Donations (in the organisation's currency, less refunds), volunteers and sign-ups recorded in the "
            "period, and each per hour of logged time. Points: 100 × the kinds of result with at least one in the "
            "period ÷ 3.",
            "Record volunteers and sign-ups as they come (Campaigns > Outcomes) and import donation reports.",
            "a donation export (PayPal, Razorpay, Stripe) or outcomes entered by hand",
        ),
        ComponentSpec(
            "transparency",
            "Transparency",
            10,
            "Funders trust what they can check: goals set in advance, stories told, data kept up to date.",
            "Points: 40 when a campaign overlapping the period has goals, 30 when evidence (a story, a quote) is "
            "dated in the period, and 30 × the share of channels (platforms with posts, daily figures or website "
            "reports) whose newest export is dated at most 45 days ago.",
            "Set a campaign with goals, add a story each month, import fresh exports monthly.",
            "any import",
        ),
        ComponentSpec(
            "conversation",
            "Conversation",
            5,
            "Social media is a conversation: replies show people talk with the organisation, not only see it.",
            "Share of the period's posts with at least one reply or comment, among posts whose export reports "
            "replies. Points: 100 × that share.",
            "End posts with a question, and answer every comment.",
            "post-level exports that report replies or comments",
        ),
    ]
}

# Crawl, Walk, Run, Fly (Kanter and Paine's stages of networked practice), read off the components.
STAGES = ("Crawl", "Walk", "Run", "Fly")
# The score and the stage in words: the Definitions page and the report's appendix show this sentence,
# and scorecard.stage() applies it.
SCORE_AND_STAGE = (
    "The score is the weighted mean of the points of the components the data can measure; a component it "
    "cannot measure is left out (the other weights are scaled up), never scored 0. The stage (Crawl, Walk, Run, "
    "Fly, after Kanter and Paine's stages of networked practice) follows from the components: Walk needs two "
    "channels active in the last 90 days and a post in at least half the weeks; Run also donations, volunteers or "
    "sign-ups recorded in the period and a campaign with goals; Fly also evidence dated in the period, "
    "engagement measured against the organisation's own past, and a score of 75 or more."
)
