"""Interactions: this product's template for the people behind interactions, on any platform.

The APIs give who boosted, liked, replied (impact/sync/); for everything else (X, LinkedIn, WhatsApp,
a Facebook post's commenters copied by hand, a spreadsheet kept by a volunteer) the template takes one
line per interaction: the day, the platform, the person's handle and name, what they did, the post, and
their followers when known (what makes an influencer). A file whose columns are named otherwise goes
through the Upload page's column mapping to the same table.

Choices, so the figures can be explained:
- Each line names its own platform (Connector.platform_field), so one file holds a whole month of
  every platform; a platform the CHANNELS of the time log do not know rejects the line.
- The day is the organisation's local day, as people write it (read as the time log reads its days); stored as occurred_on, which no time
  zone moves (times from APIs are occurred_at).
- Kinds are free text, classified: shares (retweet, repost, boost, reblog, forward) are "share",
  quotes "quote", replies and comments "comment", likes, favourites and reactions "like", mentions and
  tags "mention"; anything else is "other" and still counts as an interaction.
- A handle's leading @ is dropped (@asha and asha are one person). The interaction's id is a hash of
  its platform, person, kind, post and day, so the same line in two files counts once.
"""

from connectors.base import Connector, col
from connectors.time_log_csv import CHANNELS, DAYS  # days written by hand, as in a time log

TEMPLATE_FILENAME = "interactions_template.csv"
# Offered for download on the Upload page.
TEMPLATE_CSV = (
    "date,platform,person,name,kind,post,followers\n"
    "2026-11-02,X,@asha_reads,Asha Kulkarni,retweet,https://x.com/PuneEduTrust/status/1853000000000000001,5400\n"
    "2026-11-02,Instagram,ravi.k,Ravi K,comment,https://www.instagram.com/p/DBx0000001/,\n"
    "2026-11-03,WhatsApp,+91 98xxxx1234,Meena,forwarded,Volunteer call,\n"
)

KINDS: tuple[tuple[str, str], ...] = (
    (r"quot", "quote"),
    (r"share|retweet|\brt\b|re-?post|reblog|boost|forward", "share"),
    (r"repl|comment|answer|respon", "comment"),
    (r"like|favou?rite|react|heart|love|clap|upvote", "like"),
    (r"mention|tag", "mention"),
)

TEMPLATE = Connector(
    name="interactions_template",
    label="interactions (this product's template)",
    platform="template",
    table="interaction",
    signature=("date", "platform", "person", "kind"),
    fields={
        "interaction_id": col("platform", "person", "kind", "post", "date", kind="hash", required=True),
        "row_platform": col("platform", kind="category", categories=CHANNELS, required=True),
        "occurred_on": col("date", kind="date", formats=DAYS, one_format=True, required=True),
        "person_handle": col("person", kind="text", pattern=r"^@?\s*(.+)$", required=True),
        "person_name": col("name", kind="text"),
        "kind": col("kind", kind="category", categories=KINDS, default="other", required=True),
        "post_id": col("post", kind="text", default=""),
        "person_followers": col("followers"),
    },
    platform_field="row_platform",
    hint=f"download the template ({TEMPLATE_FILENAME}) on the Upload page and keep its header row",
)
