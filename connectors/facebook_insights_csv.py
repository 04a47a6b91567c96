"""Facebook: the classic "Facebook Insights Data Export" CSVs (up to ~2020), post level and page level."""

from connectors.base import Connector, col

# A cell of the description row: each metric's period, then what it counts.
DESCRIPTION = r"^(Lifetime|Daily|Weekly|28 Days): "

POST_LEVEL = Connector(
    name="facebook_insights_post_level",
    label="Facebook Insights Data Export (Post Level), classic",
    platform="facebook",
    table="post",
    signature=("post id", "permalink", "post message", "posted", "lifetime post total impressions"),
    fields={
        "post_id": col("Post ID", kind="id", required=True),
        "url": col("Permalink", kind="text"),
        "handle": col("Permalink", kind="text", pattern=r"facebook\.com/([^/]+)/(?:posts|videos|photos)/"),
        "text": col("Post Message", kind="text"),
        "kind": col("Type", kind="text"),
        "published_at": col("Posted", kind="timestamp", formats=("%m/%d/%Y %I:%M:%S %p",)),
        "reach": col("Lifetime Post Total Reach"),
        "impressions": col("Lifetime Post Total Impressions"),
        "engagements": col("Lifetime Engaged Users"),
        "likes": col("Lifetime Post Stories by action type - like"),
        "comments": col("Lifetime Post Stories by action type - comment"),
        "shares": col("Lifetime Post Stories by action type - share"),
        "clicks": col("Lifetime Post Consumptions by type - link clicks"),
    },
    # Row 2 describes each metric ("Lifetime: The total number of people ..."), unless deleted.
    description_row=DESCRIPTION,
    handle_field="handle",
    engagement_note="Facebook's 'Lifetime Engaged Users': people who clicked, reacted, commented or shared.",
    hint="Facebook Page > Insights > Export Data > Post data",
)

PAGE_LEVEL = Connector(
    name="facebook_insights_page_level",
    label="Facebook Insights Data Export (page level), classic",
    platform="facebook",
    table="account_day",
    signature=("date", "lifetime total likes", "daily new likes", "daily unlikes", "daily total reach"),
    fields={
        "day": col("Date", kind="date", formats=("%m/%d/%Y",), required=True),  # "8/19/2015"
        # A classic page's followers were the people who liked it.
        "followers": col("Lifetime Total Likes"),
        "followers_gained": col("Daily New Likes"),
        "followers_lost": col("Daily Unlikes"),
        "reach": col("Daily Total Reach"),
        "impressions": col("Daily Total Impressions"),
        "engagements": col("Daily Page Engaged Users"),
    },
    # Row 2 describes each metric ("Lifetime: The total number of people who have liked your Page."),
    # unless deleted.
    description_row=DESCRIPTION,
    # Up to 2,681 columns. Kept in extra: the other daily totals and the lifetime fan profile (likes by
    # gender and age, country, city, language), which this export alone gives. Not kept: weekly and
    # 28-day columns (rolling windows: summed over days they count each day 7 or 28 times) and the
    # daily, weekly and 28-day breakdowns "<metric> - <key>" (thousands of cities, countries, sources).
    extra_excludes=(r"^(Weekly|28 Days) ", r"^Daily .* - "),
    handle_from_filename=r"Facebook Insights Data Export - (.+?) - \d{4}-",
    engagement_note=(
        "Facebook's 'Daily Page Engaged Users': people who clicked or reacted that day, "
        "each counted once however many times they engaged (people, not actions)."
    ),
    hint="Facebook Page > Insights > Export Data > Page data",
)
