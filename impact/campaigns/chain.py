"""The chain per campaign: outputs -> outtakes -> outcomes by platform, with the conversion at each step.

Barcelona Principles (and Paine): outputs (posts, impressions, reach) lead to outtakes (engagements,
follows), which lead to outcomes (website sessions from social, donors, donations, volunteers,
sign-ups). Each step's conversion is per 1,000 of the step before, so a director sees where the
chain breaks. Figures count exactly what the campaign's goals count (impact/campaigns/goals.py): the posts
its rules catch, followers gained in its dates, outcomes in its dates (or naming it), and GA4
sessions only from source reports lying wholly within its dates.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import duckdb
import pandas as pd

from impact.campaigns.goals import campaign, outcome_params, rule_params
from impact.definitions.sql import CAMPAIGN_OUTCOMES, CAUGHT_POSTS, IN_OWN_CURRENCY
from impact.figures.website import classify_source_medium, social_sessions_within_by_platform
from impact.platforms import platform_label

ALL = "all"
UNATTRIBUTED = "unattributed"
ROW_LABELS = {ALL: "All platforms", UNATTRIBUTED: "Not attributed to a platform"}

COUNT_COLUMNS = (
    "posts",
    "impressions",
    "reach",
    "engagements",
    "followers_gained",
    "sessions_from_social",
    "donors",
    "volunteers",
    "signups",
)
RATE_COLUMNS = (
    "engagements_per_1000_impressions",
    "sessions_per_1000_engagements",
    "donors_per_1000_sessions",
    "donors_per_1000_engagements",
)
COLUMNS = ("platform", "label", *COUNT_COLUMNS, "donations_amount", *RATE_COLUMNS)

MIN_EXPECTED = 10  # conversions a platform would have at the campaign's rate before its shortfall means anything


@dataclass(frozen=True)
class Step:
    """One link of the chain: a conversion column, what it divides, and the least denominator judged."""

    column: str
    label: str
    numerator: str
    denominator: str
    min_denominator: int


STEPS = (
    Step("engagements_per_1000_impressions", "engagements per 1,000 impressions", "engagements", "impressions", 1000),
    Step("sessions_per_1000_engagements", "website sessions per 1,000 engagements", "sessions_from_social",
         "engagements", 50),
    Step("donors_per_1000_sessions", "donors per 1,000 website sessions", "donors", "sessions_from_social", 50),
    Step("donors_per_1000_engagements", "donors per 1,000 engagements", "donors", "engagements", 50),
)  # fmt: skip


def per_1000(numerator: object, denominator: object) -> float | None:
    """numerator ÷ denominator × 1,000; None (not 0, not infinity) when either is missing or the base is 0."""
    if numerator is None or denominator is None or pd.isna(numerator) or pd.isna(denominator):  # type: ignore[call-overload]
        return None
    if float(denominator) <= 0:  # type: ignore[arg-type]
        return None
    return float(numerator) / float(denominator) * 1000  # type: ignore[arg-type]


def channel_platform(channel: object) -> str | None:
    """The social platform an outcome's channel names ('Facebook', 'ig', 'l.facebook.com / referral'), or None."""
    if not isinstance(channel, str) or not channel.strip():
        return None
    source = classify_source_medium(channel)
    if source.source_class != "social" or source.platform in (None, "unknown"):
        return None
    return source.platform


def _posts_by_platform(con: duckdb.DuckDBPyConnection, params: dict[str, object]) -> pd.DataFrame:
    """Posts, impressions, reach, engagements per platform of the caught posts, with the sums over posts
    reporting both impressions and engagements (the engagement step divides only those, as the rate does)."""
    return con.execute(
        f"""SELECT platform, count(*) AS posts, sum(impressions) AS impressions, sum(reach) AS reach,
                   sum(engagements) AS engagements,
                   sum(impressions) FILTER (WHERE engagements IS NOT NULL) AS impressions_both,
                   sum(engagements) FILTER (WHERE impressions IS NOT NULL) AS engagements_both
            FROM ({CAUGHT_POSTS}) WHERE caught_by IS NOT NULL GROUP BY platform""",
        params,
    ).df()


def _followers_by_platform(
    con: duckdb.DuckDBPyConnection, organisation_id: int, starts: date, last: date
) -> dict[str, float]:
    rows = con.execute(
        """SELECT platform, sum(followers_gained) FROM account_day
           WHERE organisation_id = $org AND day BETWEEN $starts AND $ends GROUP BY platform""",
        {"org": organisation_id, "starts": starts, "ends": last},
    ).fetchall()
    return {str(p): float(v) for p, v in rows if v is not None}


def _outcomes(con: duckdb.DuckDBPyConnection, params: dict[str, object]) -> pd.DataFrame:
    """The campaign's outcome rows (as its goals count them), each with the platform its channel names."""
    rows = con.execute(
        f"""SELECT kind, donor, channel, quantity_or_one AS quantity,
                   CASE WHEN {IN_OWN_CURRENCY} THEN CAST(amount AS DOUBLE) ELSE 0 END AS amount
            FROM (SELECT *, coalesce(quantity, 1) AS quantity_or_one FROM outcome WHERE {CAMPAIGN_OUTCOMES})""",
        params,
    ).df()
    rows["attributed_to"] = [channel_platform(c) or UNATTRIBUTED for c in rows["channel"]]
    return rows


def _outcome_figures(rows: pd.DataFrame) -> dict[str, float]:
    """Donors (distinct, donations only), donations less refunds, volunteers and sign-ups of some outcome rows."""
    donations = rows[rows["kind"] == "donation"]
    return {
        "donors": float(donations["donor"].dropna().nunique()),
        "donations_amount": float(rows.loc[rows["kind"].isin(["donation", "refund"]), "amount"].sum()),
        "volunteers": float(rows.loc[rows["kind"] == "volunteer", "quantity"].sum()),
        "signups": float(rows.loc[rows["kind"] == "signup", "quantity"].sum()),
    }


def _with_rates(row: dict[str, object], impressions_both: object, engagements_both: object) -> dict[str, object]:
    sessions = row["sessions_from_social"]
    row["engagements_per_1000_impressions"] = per_1000(engagements_both, impressions_both)
    row["sessions_per_1000_engagements"] = per_1000(sessions, row["engagements"])
    row["donors_per_1000_sessions"] = per_1000(row["donors"], sessions)
    # Without website sessions the chain goes straight from engagements to donors.
    no_sessions = sessions is None or pd.isna(sessions) or float(sessions) == 0  # type: ignore[arg-type]
    row["donors_per_1000_engagements"] = per_1000(row["donors"], row["engagements"]) if no_sessions else None
    return row


def campaign_chain(con: duckdb.DuckDBPyConnection, campaign_id: int, until: date) -> pd.DataFrame:
    """One row per platform of the campaign (up to `until`), a row for outcomes no channel names, and the total.

    Platforms: those the caught posts are on, and those an outcome's channel or a GA4 source names.
    Reach is the sum of post reach (people count again on every post). Followers gained count each
    platform's accounts in the campaign's dates; the "All platforms" row counts every account, as the
    campaign's goal does. Outcomes go to a platform only when their channel names it; the rest go to
    "Not attributed to a platform", and all of them to "All platforms", whose donors are distinct
    donors over the campaign (one donor giving through two channels counts once). Conversions are
    per 1,000 of the step before; missing (never 0) when the step before is 0 or not reported, and
    for platforms when the step's outcome is partly unattributed (see `_blank_partial_rates`).
    """
    c = campaign(con, campaign_id)
    last = min(c.ends, until)
    posts = _posts_by_platform(con, {**rule_params(c), "ends": last}).set_index("platform")
    followers = _followers_by_platform(con, c.organisation_id, c.starts, last)
    outcomes = _outcomes(con, outcome_params(c, last))
    sessions = social_sessions_within_by_platform(con, c.organisation_id, c.starts, last)

    named = set(posts.index) | set(outcomes["attributed_to"]) | set(sessions or {})
    platforms = sorted(named - {UNATTRIBUTED, "unknown"}, key=lambda p: (-_impressions(posts, p), p))
    rows = []
    for platform in platforms:
        has_posts = platform in posts.index
        row: dict[str, object] = {"platform": platform, "label": platform_label(platform)}
        for column in ("posts", "impressions", "reach", "engagements"):
            row[column] = posts.at[platform, column] if has_posts else (0 if column == "posts" else None)
        row["followers_gained"] = followers.get(platform)
        row["sessions_from_social"] = None if sessions is None else sessions.get(platform, 0)
        row.update(_outcome_figures(outcomes[outcomes["attributed_to"] == platform]))
        both = (
            (posts.at[platform, "impressions_both"], posts.at[platform, "engagements_both"])
            if has_posts
            else (None, None)
        )
        rows.append(_with_rates(row, *both))

    unattributed = outcomes[outcomes["attributed_to"] == UNATTRIBUTED]
    unknown_sessions = (sessions or {}).get("unknown", 0)
    if not unattributed.empty or unknown_sessions:
        row = {"platform": UNATTRIBUTED, "label": ROW_LABELS[UNATTRIBUTED]}
        row.update(dict.fromkeys(("posts", "impressions", "reach", "engagements", "followers_gained")))
        row["sessions_from_social"] = None if sessions is None else unknown_sessions
        row.update(_outcome_figures(unattributed))
        rows.append(_with_rates(row, None, None))

    total: dict[str, object] = {"platform": ALL, "label": ROW_LABELS[ALL], "posts": int(posts["posts"].sum())}
    for column in ("impressions", "reach", "engagements", "impressions_both", "engagements_both"):
        total[column] = posts[column].sum(min_count=1)  # empty (not 0) when no post reports it
    total["followers_gained"] = sum(followers.values()) if followers else None
    total["sessions_from_social"] = None if sessions is None else sum(sessions.values())
    total.update(_outcome_figures(outcomes))
    impressions_both, engagements_both = total.pop("impressions_both"), total.pop("engagements_both")
    rows.append(_with_rates(total, impressions_both, engagements_both))
    return _typed(_blank_partial_rates(pd.DataFrame(rows, columns=list(COLUMNS))))


def _blank_partial_rates(chain: pd.DataFrame) -> pd.DataFrame:
    """A platform's conversion into figures that are partly unattributed would be a floor shown as a rate.

    When some donors name no channel (or some sessions no platform), a platform's 0 donors may be
    donors it brought that nobody recorded: its rates into them are left empty, the total keeps its own.
    """
    spare = chain[chain["platform"] == UNATTRIBUTED]
    platforms = ~chain["platform"].isin([ALL, UNATTRIBUTED])
    if spare.empty:
        return chain
    if (_value(spare.iloc[0], "donors") or 0) > 0:
        chain.loc[platforms, ["donors_per_1000_sessions", "donors_per_1000_engagements"]] = None
    if (_value(spare.iloc[0], "sessions_from_social") or 0) > 0:
        chain.loc[platforms, ["sessions_per_1000_engagements", "donors_per_1000_sessions"]] = None
    return chain


def _impressions(posts: pd.DataFrame, platform: str) -> float:
    if platform not in posts.index or pd.isna(posts.at[platform, "impressions"]):
        return 0.0
    return float(posts.at[platform, "impressions"])


def _typed(chain: pd.DataFrame) -> pd.DataFrame:
    """Whole numbers as whole numbers and missing figures as missing (pandas' nullable types)."""
    for column in COUNT_COLUMNS:
        chain[column] = pd.array([None if pd.isna(v) else round(float(v)) for v in chain[column]], dtype="Int64")
    for column in ("donations_amount", *RATE_COLUMNS):
        chain[column] = pd.array([None if pd.isna(v) else float(v) for v in chain[column]], dtype="Float64")
    return chain


# ------------------------------------------------------------------------------------------------
# Where the chain breaks


@dataclass(frozen=True)
class Candidate:
    """A platform's conversion at one step against the campaign's all-platform figure."""

    platform: str
    step: Step
    value: float
    reference: float

    @property
    def relative(self) -> float:
        return self.value / self.reference


def _value(row: pd.Series, column: str) -> float | None:
    value = row[column]
    return None if pd.isna(value) else float(value)


def _candidates(chain: pd.DataFrame) -> list[Candidate]:
    """Every (platform, step) with enough data to compare with the campaign's own figure."""
    indexed = chain.set_index("platform")
    if ALL not in indexed.index:
        return []
    total = indexed.loc[ALL]
    spare = indexed.loc[UNATTRIBUTED] if UNATTRIBUTED in indexed.index else None
    found = []
    for step in STEPS:
        reference = _value(total, step.column)
        if not reference:
            continue
        # Figures no platform owns sit in the total only: against it, every platform would look weak.
        if spare is not None and any(_value(spare, c) for c in (step.numerator, step.denominator)):
            continue
        for platform, row in indexed.drop(index=[p for p in (ALL, UNATTRIBUTED) if p in indexed.index]).iterrows():
            value, base = _value(row, step.column), _value(row, step.denominator)
            if value is None or base is None or base < step.min_denominator:
                continue
            if base * reference / 1000 < MIN_EXPECTED:
                continue
            found.append(Candidate(str(platform), step, value, reference))
    return found


def weakest_step(chain: pd.DataFrame) -> tuple[str, str] | None:
    """(platform, conversion column) whose conversion is lowest relative to the campaign's all-platform figure.

    Judged only where the figures can bear it: the platform's base (the step's denominator) must be at
    least the step's minimum (1,000 impressions; 50 engagements; 50 sessions), and large enough that at
    the campaign's rate it would have had at least 10 conversions. A rate over a few dozen impressions
    swings with every like, and a platform expected to convert 2 people that converted 0 says nothing.
    The numerator itself is not required to be large: 10,000 impressions and 3 engagements is exactly
    the break this looks for. A step is left out when part of it is not attributed to any platform
    (donations without a channel, sessions whose platform GA4 cannot tell), since those count only in
    the total. None when no platform falls below the campaign's figure at a step that can be judged.
    """
    below = [c for c in _candidates(chain) if c.relative < 1]
    if not below:
        return None
    weakest = min(below, key=lambda c: (c.relative, c.platform, c.step.column))
    return weakest.platform, weakest.step.column


def chain_verdict(chain: pd.DataFrame) -> str:
    """A sentence naming where the chain breaks, or saying what more data would let it say so."""
    found = weakest_step(chain)
    indexed = chain.set_index("platform")
    if found is not None:
        platform, column = found
        step = next(s for s in STEPS if s.column == column)
        value = float(indexed.at[platform, column])
        reference = float(indexed.at[ALL, column])
        return (
            f"The chain is weakest on {platform_label(platform)} at {step.label}: {value:,.1f} against "
            f"{reference:,.1f} for all platforms ({value / reference:.0%} of the campaign's figure)."
        )
    if _candidates(chain):
        return "No platform falls below the campaign's own figure at any step that has enough data."
    platforms = indexed.drop(index=[p for p in (ALL, UNATTRIBUTED) if p in indexed.index])
    impressions = platforms["impressions"].dropna()
    largest = (
        f" The most so far: {int(impressions.max()):,} impressions on {platform_label(str(impressions.idxmax()))}."
        if not impressions.empty
        else ""
    )
    return (
        "Not enough data yet to say where the chain breaks: a platform's step is compared once it has at least "
        "1,000 impressions (for engagements), 50 engagements (for website sessions or donors) or 50 website "
        f"sessions (for donors), and enough that it would have had {MIN_EXPECTED} conversions at the campaign's "
        f"rate.{largest}"
    )
