"""The People page's figures in one call: the period's evangelists, influencers and ladder, and who is who."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import duckdb
import pandas as pd

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


def people_screen(con: duckdb.DuckDBPyConnection, org: int, start: date, end: date) -> PeopleScreen:
    ranked = evangelists(con, org, start, end)
    known = handles(con, org)
    names = con.execute(
        "SELECT DISTINCT person FROM time_entry WHERE organisation_id = ? AND person IS NOT NULL ORDER BY 1", [org]
    ).fetchall()
    return PeopleScreen(
        evangelists=ranked,
        influencers=influencers(con, org, start, end),
        ladder=ladder(con, org, start, end),
        people=len(ranked),
        amplifiers=int((ranked["shares"] > 0).sum()),
        interactions=int(ranked["interactions"].sum()),
        any_ever=bool(known),
        handles=known,
        suggestions=suggestions(con, org),
        supporters=supporters(con, org),
        volunteers=[str(n[0]) for n in names],
    )
