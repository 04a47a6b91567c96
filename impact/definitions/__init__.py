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
            "Number of items published in the period, counted from the post-level exports, each on the "
            "organisation's local day of publication (see 'The rule for time').",
        ),
        Definition(
            "impressions",
            "Impressions",
            "Outputs",
            "Times content was shown: the lifetime impressions of the posts published in the period, "
            "as of each post's newest export; for a platform whose exports have no posts (TikTok's Overview), "
            "the impressions of its daily figures in the period. Additive across posts and platforms. Meta renamed post "
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
            "post_rate",
            "Engagement rate of a post",
            "Outtakes",
            "That post's engagements ÷ its impressions. Empty when the export gives no impressions (or none "
            "were counted), never 0. Rates rank posts only above a minimum of impressions, shown with the ranking: "
            "on a tiny audience a rate is chance.",
        ),
        Definition(
            "content_type",
            "Post type",
            "Outtakes",
            "The type the export gives (Facebook 'Photos', Instagram 'IG image', LinkedIn 'Image' are all a photo; "
            "YouTube and TikTok posts are videos; X's export names none). Figures stay per platform and type: "
            "posts, Σ impressions, Σ engagements and Σ engagements ÷ Σ impressions.",
        ),
        Definition(
            "hashtag",
            "Hashtag",
            "Outtakes",
            "A '#' word in the post's text, in any script, compared in lower case; a post counts once per tag, "
            "and a tag needs a letter (#2024 is not one). "
            "Shown when used on at least 3 posts in the period, with Σ engagements ÷ Σ impressions of those posts.",
        ),
        Definition(
            "best_time",
            "Best time to post",
            "Outtakes",
            "The median engagement rate of the organisation's own posts per weekday and hour, in its time zone, "
            "with the number of posts behind each cell; a cell with fewer than 3 posts is grey, not rated. "
            "X and LinkedIn times are UTC and are converted; Facebook and Instagram times are kept as the export "
            "writes them (the page's local time). YouTube and TikTok give a day only, so their posts are left out.",
        ),
        Definition(
            "follower_change",
            "Follower change",
            "Outtakes",
            "Followers at period end − followers at period start where the export gives follower totals; "
            "otherwise new follows − unfollows over the period's days where the export gives both (X Overview). "
            "Meta's Follows.csv has new follows only, which are not a net change, so it gives no figure here.",
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
        Definition(
            "follower_growth",
            "Follower growth %",
            "Outtakes",
            "Follower change ÷ followers at the period's start × 100. Empty where the export gives no follower "
            "total at the start (daily gains and losses alone give the change, not the growth %).",
        ),
        Definition(
            "reach_daily_sum",
            "Sum of daily reach",
            "Outputs",
            "Daily reach added up over the period's days, used where the export has no reach of its own for the "
            "period. Someone reached on two days counts twice, so it is more than the people reached.",
        ),
        Definition(
            "web_sessions",
            "Website sessions",
            "Website",
            "Visits to the organisation's website as Google Analytics 4 counts them, from the uploaded GA4 "
            "reports. A report gives one total for its whole date range; the page names that range, and "
            "never spreads it over the sidebar's period.",
        ),
        Definition(
            "web_sessions_social",
            "Website sessions from social",
            "Website",
            "Sessions whose source is a social platform: Facebook (facebook.com, m., l., lm.facebook.com), "
            "Instagram (instagram.com, l.instagram.com), X (t.co, twitter.com, x.com), LinkedIn (linkedin.com, "
            "lnkd.in), YouTube, TikTok, WhatsApp (whatsapp, wa.me, api.whatsapp.com), or the channel group "
            "'Organic Social' / 'Paid Social' (platform unknown). Search, direct, email and other sources are not social.",
        ),
        Definition(
            "web_social_share",
            "Share of sessions from social",
            "Website",
            "Sessions from social ÷ all sessions, both from the same GA4 report and date range. Sessions are "
            "never added across reports of different kinds (by date and by source count the same visits).",
        ),
        Definition(
            "web_key_events_social",
            "Key events from social",
            "Website",
            "GA4 key events (called conversions before March 2024: a donation, a sign-up, as the website "
            "defines them) in sessions from social platforms.",
        ),
        Definition(
            "web_source_class",
            "Website source kinds",
            "Website",
            "Social: the platforms above. Search: search engines (google, bing, duckduckgo ...) and 'organic' or "
            "paid-search mediums. Direct: '(direct) / (none)'. Email: 'email' or 'newsletter' mediums. "
            "Other: every other referrer (a payment page, '(not set)').",
        ),
        Definition(
            "web_engaged_sessions",
            "Engaged sessions",
            "Website",
            "GA4's sessions that lasted longer than 10 seconds, had a key event, or had 2 or more page views.",
        ),
        Definition(
            "impressions_by_day",
            "Impressions over time",
            "Outputs",
            "Where a platform's daily account export reports impressions (X account overview, Meta Business "
            "Suite Views.csv, Facebook's page-level export, LinkedIn's Metrics sheet), each day's impressions "
            "count on that day (solid line). Otherwise the lifetime impressions of the posts count on the day "
            "each post was published (dotted line): a post's later views land on its publish day. TikTok's "
            "video views are not impressions and are not shown as such.",
        ),
        Definition(
            "reach_post_sum",
            "Sum of post reach",
            "Outputs",
            "The reach of each post published in the period (or bucket), added up. The same person reached by "
            "two posts counts twice, so it is more than the people reached.",
        ),
        Definition(
            "engagement_components",
            "Engagement components",
            "Outtakes",
            "Likes (reactions), comments, shares, saves and link clicks of the posts published in the bucket, "
            "as each platform reports them; a component a platform does not export is left out, not shown as 0. "
            "They need not add up to engagements: X and Facebook count other actions (profile and media clicks) "
            "in their own total.",
        ),
        Definition(
            "followers_gained_lost",
            "Followers gained, lost and net",
            "Outtakes",
            "Gained and lost are the daily new follows and unfollows the exports give, added up. Net is the "
            "latest follower total minus the first in the period where the export gives totals, otherwise "
            "gained − lost, and only where both are reported (Meta's Follows.csv alone gives no net: upload "
            "Unfollows.csv too).",
        ),
        Definition(
            "per_post",
            "Per post",
            "Outtakes",
            "Σ impressions (or engagements) of the period's posts ÷ the number of those posts that report the figure.",
        ),
        Definition(
            "per_1000_followers",
            "Per 1,000 followers",
            "Outtakes",
            "Σ impressions (or engagements) of the period's posts ÷ the latest follower total in the period × "
            "1,000. Empty where no export gives a follower total (daily follows alone do not).",
        ),
        Definition(
            "local_day",
            "The rule for time",
            "Coverage",
            "Every figure counts a post, a day, a donation and an hour on the organisation's local day, in its "
            "time zone: a post on the local day it was published (X and LinkedIn state UTC times, moved to the "
            "organisation's zone; Meta writes the page's local time, kept; YouTube, TikTok and Mailchimp give the "
            "date only); daily account figures on the day the export names; a donation on the day of its time "
            "as the export wrote it; logged time on the day it was logged for. A period is a range of local "
            "days, both ends included. Every page, the report and the command line follow this one rule.",
        ),
        Definition(
            "publish_day",
            "Day of publication",
            "Coverage",
            "Posts count on the organisation's local day: X and LinkedIn times (UTC) are moved to the "
            "organisation's time zone; Meta's are local already; YouTube and TikTok give the date only.",
        ),
        Definition(
            "platform_figures",
            "Counted from",
            "Coverage",
            "A platform whose exports have posts counts posts, impressions, reach and engagements from the posts "
            "published in the period (their lifetime figures). A platform whose exports have only daily account "
            "figures (TikTok's Overview, LinkedIn's Metrics sheet alone) counts impressions, engagements and "
            "video views from the days in the period; it has no posts and no engagement rate, and its reach is "
            "never summed over days.",
        ),
        Definition(
            "hours",
            "Hours",
            "Effort",
            "Minutes logged ÷ 60, from the time log (typed in on Time & ROI, or imported from the template, Toggl "
            "Track or Clockify), by person, platform, activity and campaign.",
        ),
        Definition(
            "daily_budget",
            "Daily time budget",
            "Effort",
            "The organisation's limit on social-media minutes per day, all people together. A day is over budget "
            "when the minutes logged on it exceed the limit. A person may also have a limit of their own. The weekly "
            "average is the period's hours ÷ its weeks (days ÷ 7).",
        ),
        Definition(
            "budget_streak",
            "Days within budget in a row",
            "Effort",
            "Consecutive days, up to the period's last day, none of them over the budget; a day with nothing logged "
            "counts as within budget. The longest is the longest such run in the period.",
        ),
        Definition(
            "cost_of_time",
            "Cost of time",
            "Effort",
            "Hours × hourly value: staff hours at the organisation's own hourly rate (in its currency), volunteer "
            "hours at the volunteer value. People marked volunteer on the Budget tab count as volunteers, everyone "
            "else as staff. A total is given only when every part has a value and all are in one currency; nothing "
            "is converted, and without a staff rate the cost is unknown, not zero.",
        ),
        Definition(
            "volunteer_value",
            "Value of a volunteer hour",
            "Effort",
            "What an hour of volunteer time is worth, from a published figure, shown with its source and year. The "
            "default is Independent Sector's 2023 US national value (US$33.49); an organisation can set its own "
            "value, currency, source and year.",
        ),
        Definition(
            "roi",
            "ROI %",
            "Return",
            "(Donations less refunds − cost of time) ÷ cost of time × 100, in the organisation's currency (other "
            "currencies are listed, not converted). Per campaign: its donations by its own rules and dates against "
            "the time logged to its name in those dates. For the organisation: all donations in the period against "
            "all time logged, an upper bound (as if every donation came from social media), and donations whose "
            "record names a social platform, a lower bound. No ROI without a cost. Advertising-value equivalents "
            "(what the same space would have cost as ads) are not a value of communication (Barcelona Principles) "
            "and are never computed.",
        ),
        Definition(
            "activity_share",
            "Share of time by activity",
            "Effort",
            "Hours logged as listening, engaging, creating (delivering) or measuring ÷ all hours logged in the "
            "period (or the month). The habit to build is listen, engage, deliver: time spent hearing and taking "
            "part in the conversation, not only publishing.",
        ),
        Definition(
            "base_platform_links",
            "Links to the base platform",
            "Effort",
            "Posts published in the period whose link or text contains the host of the organisation's website "
            "(or a subdomain of it) ÷ the platform's posts in the period. Only the host itself counts: a link "
            "through a shortener (bit.ly and the like) or a link-in-bio page is not recognised.",
        ),
        Definition(
            "results_per_hour",
            "Results per hour",
            "Return",
            "A result ÷ the hours logged for it: impressions and engagements of the posts published in the period, "
            "followers gained, website sessions from the platform (÷ the hours logged on the days the Google "
            "Analytics reports cover) and donations less refunds (in the organisation's currency; per platform only "
            "where a donation names its channel). Per activity only the total: a post's engagements come from "
            "creating and from engaging. Per campaign: over the campaign's own dates and rules. Empty (not 0) "
            "without hours or without data; 0 when time was logged and the exports show nothing came back.",
        ),
        Definition(
            "best_hour",
            "Where the last hour was best spent",
            "Return",
            "The platforms that returned the most and the least of a result per hour, over the period's last 4 "
            "weeks when they hold enough data, else the whole period. Only shown when at least two platforms each "
            "have 10 hours logged and 20 posts; the figures behind it are named.",
        ),
        Definition(
            "goal_progress",
            "Progress",
            "Goals",
            "A goal's actual from the campaign's start to the latest day with data ÷ its target. Posts, impressions, "
            "reach, engagements and shares count the posts the campaign's rules caught (its hashtags, words, UTM "
            "campaign, or posts picked by hand) published in its dates; followers gained count every account's new "
            "followers in its dates; donations and donors count donations less refunds in its dates (or only those "
            "naming the campaign, when it says so; amounts in the organisation's currency only, other currencies left out, "
            "never converted), volunteers and sign-ups likewise from outcomes imported or typed in; "
            "website sessions from social count GA4 source reports lying wholly within its dates (per day); hours "
            "count time logged against the campaign's name.",
        ),
        Definition(
            "goal_pace",
            "Pace and status",
            "Goals",
            "The projection carries the actual to the end date at its rate so far: actual × campaign days ÷ days gone. "
            "On track when the projection reaches the target, at risk between 80 % and 100 % of it, behind below 80 %; "
            "met once the actual reaches it. Hours are a ceiling: on track while the projection stays under it, at "
            "risk up to 20 % over, behind beyond; over once the actual passes it.",
        ),
        Definition(
            "campaign_day_n",
            "Like for like on day N",
            "Goals",
            "This campaign's figure on its day N (N = days gone since its start, its first day being day 1) beside "
            "each earlier campaign's figure on its own day N, counted the same way as the goal's progress (the "
            "burn-up's running total). Earlier campaigns are the organisation's campaigns, not archived, that "
            "started before this one; one shorter than N days shows its last day. Comparing day N with day N keeps a "
            "young campaign from being judged against an older one's final tally.",
        ),
        Definition(
            "campaign_at_end",
            "At its end",
            "Goals",
            "A campaign's figure over all its days (so far, while it runs); for an earlier campaign with a goal on the "
            "same metric, its own target and progress (that figure ÷ that target).",
        ),
        Definition(
            "chain",
            "The chain",
            "Goals",
            "Outputs (posts, impressions, reach as the sum of post reach) lead to outtakes (engagements, followers "
            "gained), which lead to outcomes (website sessions from social, donors, donations less refunds, "
            "volunteers, sign-ups), per platform of the campaign, counted as its goals count them. Outcomes go to a "
            "platform only when their channel names it; the rest to 'Not attributed to a platform', and all of them to "
            "'All platforms' (its donors are distinct donors, its followers every account's). A platform's rate into "
            "figures partly unattributed is left empty: it would be a floor, not a rate. Where the chain breaks: the "
            "platform and step furthest below the campaign's own figure, judged only from 1,000 impressions, 50 "
            "engagements or 50 sessions, and where the campaign's rate would have given at least 10 conversions.",
        ),
        Definition(
            "chain_engagement_per_1000",
            "Engagements per 1,000 impressions",
            "Goals",
            "Σ engagements ÷ Σ impressions × 1,000 over the campaign's posts reporting both (the engagement rate, "
            "per 1,000). Empty when there are no impressions, never 0.",
        ),
        Definition(
            "chain_sessions_per_1000",
            "Website sessions per 1,000 engagements",
            "Goals",
            "Website sessions from the platform (GA4 source reports lying wholly within the campaign's dates) ÷ "
            "engagements × 1,000. Empty without such a report (a year-long report says nothing about one month) or "
            "without engagements.",
        ),
        Definition(
            "chain_donors_per_1000",
            "Donors per 1,000 sessions (or engagements)",
            "Goals",
            "Distinct donors ÷ website sessions from social × 1,000; where there are no sessions, donors ÷ "
            "engagements × 1,000 (the chain skips the website). Empty when the step before is 0 or not reported.",
        ),
        Definition(
            "mentions",
            "Mentions",
            "Listening",
            "Items of the organisation's listening feeds (Google Alerts delivered as an RSS feed, a news search, any "
            "RSS or Atom feed about it), each counted once on the organisation's local day of its publication (feeds "
            "give UTC times, moved to its time zone); an item without a date counts in no period. An item pulled "
            "again, or from a saved copy of the feed, is not counted twice (it keeps its id); the same page found by "
            "two feeds usually counts once in each (each alert gives it an id of its own). Per week from Monday, by feed (the "
            "feed's name) and by keywords (what the feed listens for: a Google Alert's query). A mention is counted, "
            "not weighed: it is not reach (a feed says nothing of how many people read the page) and not sentiment "
            "(nothing here reads whether it praises or criticises). A feed finds what its search finds, so a mention "
            "it missed is not counted.",
        ),
        Definition(
            "mentions_base_platform",
            "Mentions linking to your base platform",
            "Listening",
            "Mentions in the period whose link is a page of the organisation's website (the host of its base URL "
            "or a subdomain of it, 'www.' aside) ÷ all mentions in the period, a mention without a link counting "
            "as not linking. It says how much of what the feeds find is on the organisation's own site rather "
            "than elsewhere; it is not the links other sites make to it (a feed gives the page's address, not the "
            "links inside the page), not reach and not sentiment. Empty when no website address is set.",
        ),
        Definition(
            "supporter_interactions",
            "Interactions (people)",
            "Supporters",
            "What one person did with the organisation's posts: a share (repost, boost, retweet, quote, or a page "
            "about the organisation that names its author), a reply or comment, or a like (favourite, reaction, or "
            "anything else), counted once per person, kind and post however often it is pulled or imported. Counted "
            "on the organisation's local day: an API's time moved to its time zone, a file's day as written, else "
            "the day of the post, else the day it was pulled (a like often comes without a time). Only what the "
            "synced APIs and imported files name: a platform that does not say who liked a post has no likes here.",
        ),
        Definition(
            "evangelist_score",
            "Evangelist score",
            "Supporters",
            "Σ over a person's interactions in the period of 3 (share), 2 (reply or comment) or 1 (like), each "
            "halved for every 30 days before the period's last day, × (1 + 0.5 for every platform beyond the first). "
            "A person is one handle, or the handles someone confirmed are one person. Ties: the latest interaction "
            "first. It ranks people; it is not a count.",
        ),
        Definition(
            "influence",
            "Influence",
            "Supporters",
            "A person's audience (their followers: the newest figure an API or file gave up to the period's end, with "
            "its day) × their interactions in the period weighted 3, 2, 1 as in the evangelist score, without the "
            "recency halving. People whose followers are not known are not ranked. It is not reach: nobody knows "
            "how many of their followers saw the share.",
        ),
        Definition(
            "supporter_ladder",
            "Supporter ladder",
            "Supporters",
            "Each person's highest step in a month: engager (liked or replied), amplifier (shared), contributor "
            "(gave, by a donation whose donor someone confirmed is this person, matched by the hash of their "
            "e-mail; or volunteered, by hours in the time log under the name confirmed as theirs), evangelist (did "
            "something that month, and in the 90 days to its end shared 3 different posts or shared on 2 "
            "platforms). Followers are counted, not named: the accounts' followers at the month's end. Movement "
            "compares a person's step with the month before (new: no step then).",
        ),
    ]
}

# The groups definitions are shown under, in this order (the Definitions page, the report's appendix).
GROUPS = (
    "Outputs",
    "Outtakes",
    "Outcomes",
    "Effort",
    "Return",
    "Goals",
    "Website",
    "Listening",
    "Supporters",
    "Web presence",
    "Benchmarks",
    "Coverage",
)


def count_of(count: int, noun: str) -> str:
    """'1 post', '1,234 posts': a count and its noun, in the plural unless it is one."""
    return f"{count:,} {noun if count == 1 else noun + 's'}"


def definition(key: str) -> str:
    """The sentence for a metric, for tooltips."""
    return DEFINITIONS[key].text
