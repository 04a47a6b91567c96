"""What the Campaigns page shows: the list, and one call each for the Progress, Chain and Compare tabs.

Each returns a frozen dataclass the page lays out and never changes (they are kept for the session
until the store changes). The page's forms (new campaign, goals, outcomes, evidence, edits) write
through the store directly; these figures are read again once they have.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import duckdb
import pandas as pd

from impact.campaigns.chain import COUNT_COLUMNS, campaign_chain, chain_verdict
from impact.campaigns.comparison import compare_with_earlier, day_n
from impact.campaigns.evidence import evidence_for
from impact.campaigns.goals import (
    Campaign,
    GoalProgress,
    burn_ups,
    campaign,
    campaign_posts,
    campaigns,
    goal_targets,
    progress,
)
from impact.figures.overview import data_range

LATEST_EVIDENCE = 3  # pieces of evidence shown beside the figures; the Evidence tab shows them all


@dataclass(frozen=True)
class CampaignIndex:
    """The organisation's campaigns, and the day their progress is judged on."""

    latest: date | None  # the latest day with data (None without data): pace is judged on what is imported
    listed: pd.DataFrame  # goals.campaigns: not archived, newest first


def campaign_index(con: duckdb.DuckDBPyConnection, organisation_id: int) -> CampaignIndex:
    span = data_range(con, organisation_id)
    return CampaignIndex(latest=span[1] if span else None, listed=campaigns(con, organisation_id))


@dataclass(frozen=True)
class CampaignScreen:
    """One campaign as of a day: its goals with their burn-up, the latest evidence, the posts it caught."""

    campaign: Campaign
    goals: tuple[GoalProgress, ...]  # in the order they were set
    burn_ups: dict[str, pd.DataFrame]  # goal metric -> goals.burn_up (empty before the campaign starts)
    evidence: pd.DataFrame  # the latest LATEST_EVIDENCE pieces, most recent first
    caught: pd.DataFrame  # goals.campaign_posts


def campaign_screen(con: duckdb.DuckDBPyConnection, campaign_id: int, today: date) -> CampaignScreen:
    """The Progress tab's figures (and the Posts tab's caught posts) for the campaign on `today`."""
    goals = tuple(progress(con, campaign_id, today))
    return CampaignScreen(
        campaign=campaign(con, campaign_id),
        goals=goals,
        burn_ups=burn_ups(con, campaign_id, [goal.metric for goal in goals], today),
        evidence=evidence_for(con, campaign_id, limit=LATEST_EVIDENCE),
        caught=campaign_posts(con, campaign_id),
    )


@dataclass(frozen=True)
class ChainScreen:
    """The Chain tab: outputs to outcomes per platform, and where the chain breaks."""

    chain: pd.DataFrame  # chain.campaign_chain
    verdict: str | None  # chain.chain_verdict; None when there is nothing to chain yet
    sessions_known: bool  # False when no GA4 source report lies within the campaign's dates


def chain_screen(con: duckdb.DuckDBPyConnection, campaign_id: int, today: date) -> ChainScreen:
    chain = campaign_chain(con, campaign_id, today)
    nothing = all((chain[column].fillna(0) == 0).all() for column in COUNT_COLUMNS)
    return ChainScreen(
        chain=chain,
        verdict=None if nothing else chain_verdict(chain),
        sessions_known=not chain["sessions_from_social"].isna().all(),
    )


@dataclass(frozen=True)
class CompareScreen:
    """The Compare tab: this campaign against the organisation's earlier ones, on its goals, by day N."""

    has_goals: bool  # the comparison is on this campaign's goals: none set, nothing to compare
    comparison: pd.DataFrame  # comparison.compare_with_earlier; empty without an earlier campaign
    day_n: int  # days of the campaign gone by on `today` (0 before it starts)


def compare_screen(con: duckdb.DuckDBPyConnection, campaign_id: int, today: date) -> CompareScreen:
    return CompareScreen(
        has_goals=bool(goal_targets(con, campaign_id)),
        comparison=compare_with_earlier(con, campaign_id, today),
        day_n=day_n(campaign(con, campaign_id), today),
    )
