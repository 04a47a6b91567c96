"""The People page's figures in one call: the period's evangelists, influencers and ladder, and who is who."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import duckdb
import pandas as pd

from impact.campaigns.goals import campaign, campaign_posts, campaigns
from impact.supporters.identity import handles, suggestions, supporters
from impact.supporters.ladder import Ladder, ladder
from impact.supporters.ranking import evangelists, influencers


@dataclass(frozen=True)
class PeopleScreen:
    evangelists: pd.DataFrame  # impact.supporters.ranking.RANKING_COLUMNS, best first
    influencers: pd.DataFrame  # INFLUENCE_COLUMNS, largest first
    ladder: Ladder
    people: int  # people who interacted in the period
    amplifiers: int  # of them, people who shared
    interactions: int
    any_ever: bool  # any interaction at all, in any period (else the page explains how to get some)
    handles: list[tuple[str, str, str | None, str]]  # every handle that interacted: platform, handle, name, person
    suggestions: list[list[tuple[str, str]]]
    supporters: list[tuple[int, str, list[str], bool, str | None]]
    volunteers: list[str]  # names in the time log, to link a supporter to
    campaigns: dict[int, str]  # the organisation's campaigns, to rank by one of them
    ranked_from: date  # the days the rankings count: the period's, or the campaign's
    ranked_to: date


# A campaign's rankings count interactions with its posts from its first day to this many days after its
# last: people go on sharing a campaign's posts for a while after it ends.
CAMPAIGN_AFTERGLOW_DAYS = 30


def people_screen(
    con: duckdb.DuckDBPyConnection, org: int, start: date, end: date, campaign_id: int | None = None
) -> PeopleScreen:
    """The period's people; with a campaign, the rankings count only interactions with its posts (the rules'
    catch, as on the Campaigns page), from its first day to CAMPAIGN_AFTERGLOW_DAYS after its last."""
    posts, ranked_from, ranked_to = None, start, end
    if campaign_id is not None:
        chosen = campaign(con, campaign_id)
        caught = campaign_posts(con, campaign_id)
        posts = [f"{p} {i}" for p, i in zip(caught["platform"], caught["post_id"], strict=True)]
        ranked_from, ranked_to = chosen.starts, chosen.ends + timedelta(days=CAMPAIGN_AFTERGLOW_DAYS)
    ranked = evangelists(con, org, ranked_from, ranked_to, posts)
    known = handles(con, org)
    listed = campaigns(con, org)
    names = con.execute(
        "SELECT DISTINCT person FROM time_entry WHERE organisation_id = ? AND person IS NOT NULL ORDER BY 1", [org]
    ).fetchall()
    return PeopleScreen(
        evangelists=ranked,
        influencers=influencers(con, org, ranked_from, ranked_to, posts),
        ladder=ladder(con, org, start, end),
        people=len(ranked),
        amplifiers=int((ranked["shares"] > 0).sum()),
        interactions=int(ranked["interactions"].sum()),
        any_ever=bool(known),
        handles=known,
        suggestions=suggestions(con, org),
        supporters=supporters(con, org),
        volunteers=[str(n[0]) for n in names],
        campaigns={int(i): str(n) for i, n in zip(listed["id"], listed["name"], strict=True)},
        ranked_from=ranked_from,
        ranked_to=ranked_to,
    )
