"""Meta Business Suite page-level insight files: Follows.csv, Views.csv, Visits.csv, ...

UTF-16 with a `sep=,` line, then a title line ("Facebook follows"), then "Date","Primary".
The title says which platform and which metric the single value column holds. Some downloads name
only the metric ("Views", "Reach"): such a file is detected with the platform UNNAMED, and the import
takes the platform from a sibling file that names it or from the person (impact/store/options.py).
"""

from __future__ import annotations

from connectors.base import Connector, Field, col

# The platform of a file whose title names only the metric: the import must be told (never guessed).
UNNAMED = "unnamed"
PLATFORMS = ("facebook", "instagram")

# Title words -> account_day column. Checked in order: "unfollows" before "follows".
_METRIC_BY_TITLE_WORD: list[tuple[str, str]] = [
    ("unfollow", "followers_lost"),
    ("follow", "followers_gained"),
    ("reach", "reach"),
    ("visit", "profile_views"),
    ("interaction", "engagements"),
    ("view", "impressions"),
    ("impression", "impressions"),
]


def resolve_title(title: str) -> tuple[str, dict[str, Field]] | None:
    """Platform and fields for a page insight file, from its title line."""
    lowered = title.strip().strip('"').lower()
    platform = title_platform(title) or UNNAMED
    for word, metric in _METRIC_BY_TITLE_WORD:
        if word in lowered:
            return platform, {
                "day": col("Date", kind="date", formats=("%Y-%m-%dT%H:%M:%S", "%Y-%m-%d"), required=True),
                metric: col("Primary"),
            }
    return None


def title_platform(title: str) -> str | None:
    """The platform a title line names ("Instagram reach" -> instagram), or None ("Views")."""
    lowered = title.strip().strip('"').lower()
    return next((p for p in PLATFORMS if lowered.startswith(p)), None)


def metric_title(preamble: tuple[str, ...]) -> str:
    """The title line of a detected file, as written ("Views"), from the lines above its header."""
    return preamble[-1].strip().strip('"') if preamble else ""


PAGE_INSIGHTS = Connector(
    name="meta_page_insights",
    label="Meta Business Suite page insights (Follows.csv, Views.csv, Visits.csv, ...)",
    platform="facebook",
    table="account_day",
    signature=("date", "primary"),
    fields={},
    resolve_title=resolve_title,
    engagement_note="Meta's daily content interactions.",
    hint="Meta Business Suite > Insights > Overview > Export (one CSV per metric)",
)
