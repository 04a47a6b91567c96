"""Facebook: the classic "Facebook Insights Data Export (Post Level)" CSV (up to ~2020)."""

from connectors.base import Connector, col

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
    # Row 2 describes each metric ("Lifetime: The total number of people ...").
    rows_after_header=1,
    handle_field="handle",
    engagement_note="Facebook's 'Lifetime Engaged Users': people who clicked, reacted, commented or shared.",
    hint="Facebook Page > Insights > Export Data > Post data",
)
