"""Portfolios: a funder's named groups of grantees, side by side on the web-presence scorecard.

The benchmark is the portfolio's own median; a funder may add figures of its own, each with its
source. Nothing here computes a figure differently from the scorecard or the pages.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, timedelta

import duckdb
import pandas as pd

from impact.definitions.sql import DAY_ENGAGEMENT_RATE, pairs_params, post_days_of_pairs, used
from impact.presence import COMPONENTS
from impact.presence.scorecard import FRESH_DAYS, Scorecard, scorecards, split_rows
from impact.presence.weights import weights_for
from impact.store.connection import WRITE_LOCK, transaction
from impact.store.orgs import organisation_id


@dataclass(frozen=True)
class Portfolio:
    id: int
    name: str
    description: str
    tags: tuple[str, ...]
    members: tuple[str, ...]  # organisation names, alphabetically


def _clean_tags(tags: list[str] | tuple[str, ...]) -> list[str]:
    return sorted({t.strip()[:60] for t in tags if t and t.strip()})


def create_portfolio(
    con: duckdb.DuckDBPyConnection,
    name: str,
    organisations: list[str] | tuple[str, ...] = (),
    description: str = "",
    tags: list[str] | tuple[str, ...] = (),
) -> int:
    """A new portfolio of existing organisations; ValueError with a sentence when a name is wrong."""
    name = name.strip()[:200]
    if not name:
        raise ValueError("a portfolio needs a name")
    ids = _organisation_ids(con, organisations)
    with WRITE_LOCK, transaction(con):
        if con.execute("SELECT 1 FROM portfolio WHERE name = ?", [name]).fetchone():
            raise ValueError(f"there is already a portfolio called '{name}'")
        portfolio_id = int(
            con.execute(
                "INSERT INTO portfolio (name, description, tags) VALUES (?, ?, ?) RETURNING id",
                [name, description.strip()[:2000], _clean_tags(tags)],
            ).fetchone()[0]  # type: ignore[index]
        )
        for org_id in ids:
            con.execute("INSERT INTO portfolio_member VALUES (?, ?) ON CONFLICT DO NOTHING", [portfolio_id, org_id])
    return portfolio_id


def _organisation_ids(con: duckdb.DuckDBPyConnection, names: list[str] | tuple[str, ...]) -> list[int]:
    ids = []
    for name in names:
        found = organisation_id(con, name)
        if found is None:
            raise ValueError(f"there is no organisation called '{name}'")
        ids.append(found)
    return ids


def set_members(con: duckdb.DuckDBPyConnection, portfolio_id: int, organisations: list[str]) -> None:
    """The portfolio's grantees become exactly these organisations."""
    ids = _organisation_ids(con, organisations)
    with WRITE_LOCK, transaction(con):
        con.execute("DELETE FROM portfolio_member WHERE portfolio_id = ?", [portfolio_id])
        for org_id in ids:
            con.execute("INSERT INTO portfolio_member VALUES (?, ?) ON CONFLICT DO NOTHING", [portfolio_id, org_id])


def update_portfolio(
    con: duckdb.DuckDBPyConnection, portfolio_id: int, description: str, tags: list[str] | tuple[str, ...]
) -> None:
    with WRITE_LOCK:
        con.execute(
            "UPDATE portfolio SET description = ?, tags = ? WHERE id = ?",
            [description.strip()[:2000], _clean_tags(tags), portfolio_id],
        )


def delete_portfolio(con: duckdb.DuckDBPyConnection, portfolio_id: int) -> None:
    """The portfolio, its members, weights, benchmarks and funders' grants (the organisations and data stay)."""
    with WRITE_LOCK, transaction(con):
        for table in ("portfolio_member", "presence_weight", "benchmark", "app_user_portfolio"):
            con.execute(f"DELETE FROM {table} WHERE portfolio_id = ?", [portfolio_id])
        con.execute("DELETE FROM portfolio WHERE id = ?", [portfolio_id])


def portfolios(con: duckdb.DuckDBPyConnection) -> list[Portfolio]:
    """Every portfolio with its grantees, by name."""
    rows = con.execute(
        """SELECT p.id, p.name, coalesce(p.description, ''), p.tags,
                  list(o.name ORDER BY o.name) FILTER (WHERE o.name IS NOT NULL)
           FROM portfolio p
           LEFT JOIN portfolio_member m ON m.portfolio_id = p.id
           LEFT JOIN organisation o ON o.id = m.organisation_id
           GROUP BY ALL ORDER BY p.name"""
    ).fetchall()
    return [Portfolio(int(i), n, d, tuple(t or []), tuple(m or [])) for i, n, d, t, m in rows]


def portfolio_named(con: duckdb.DuckDBPyConnection, name: str) -> Portfolio | None:
    return next((p for p in portfolios(con) if p.name == name), None)


@dataclass(frozen=True)
class Benchmark:
    component: str
    value: float
    source: str
    as_of: date | None
    note: str


def set_benchmark(
    con: duckdb.DuckDBPyConnection,
    portfolio_id: int,
    component: str,
    value: float,
    source: str,
    as_of: date | None = None,
    note: str = "",
) -> None:
    """A funder's own benchmark for a component's points, with its source (required: no figure without one)."""
    if component not in COMPONENTS:
        raise ValueError(f"no component is called '{component}'")
    if not math.isfinite(value) or not 0 <= value <= 100:
        raise ValueError("a benchmark is a component's points, from 0 to 100")
    if not source.strip():
        raise ValueError("say where the benchmark comes from (a report, a survey, last year's cohort)")
    with WRITE_LOCK:
        con.execute(
            """INSERT INTO benchmark (portfolio_id, component, value, source, as_of, note) VALUES (?, ?, ?, ?, ?, ?)
               ON CONFLICT (portfolio_id, component) DO UPDATE
               SET value = excluded.value, source = excluded.source, as_of = excluded.as_of, note = excluded.note""",
            [portfolio_id, component, value, source.strip()[:500], as_of, note.strip()[:1000]],
        )


def remove_benchmark(con: duckdb.DuckDBPyConnection, portfolio_id: int, component: str) -> None:
    with WRITE_LOCK:
        con.execute("DELETE FROM benchmark WHERE portfolio_id = ? AND component = ?", [portfolio_id, component])


def benchmarks(con: duckdb.DuckDBPyConnection, portfolio_id: int) -> list[Benchmark]:
    rows = con.execute(
        "SELECT component, value, source, as_of, coalesce(note, '') FROM benchmark WHERE portfolio_id = ? ORDER BY 1",
        [portfolio_id],
    ).fetchall()
    return [Benchmark(c, float(v), s, a, n) for c, v, s, a, n in rows]


# ---------------------------------------------------------------------------------------------
# Side by side


def quarters(end: date, count: int = 4) -> list[tuple[str, date, date]]:
    """The last `count` calendar quarters up to the one holding `end` (that one cut at `end`), oldest first."""
    out = []
    first = date(end.year, 3 * ((end.month - 1) // 3) + 1, 1)
    last = end
    for _ in range(count):
        out.append((f"{first.year} Q{(first.month - 1) // 3 + 1}", first, last))
        last = first - timedelta(days=1)
        first = date(last.year, 3 * ((last.month - 1) // 3) + 1, 1)
    return out[::-1]


@dataclass(frozen=True)
class PortfolioScreen:
    portfolio: Portfolio
    start: date
    end: date
    weights: dict[str, float]
    cards: dict[str, Scorecard]  # organisation name -> its scorecard
    table: pd.DataFrame  # one row per grantee: score, stage, each component's points, flags
    median: dict[str, float | None]  # the portfolio's median per component and for the score
    weekly: pd.DataFrame  # organisation, week, impressions, engagement_rate (small multiples)
    benchmarks: list[Benchmark]
    trend: pd.DataFrame | None = None  # organisation, quarter, score (portfolio_trend); None unless asked for


def _flags(card: Scorecard) -> str:
    """Stale or missing data, in words."""
    flags = []
    transparency = card.component("transparency")
    if transparency.measured and transparency.facts.get("fresh_share", 1.0) < 1.0:
        old = transparency.details[transparency.details["days_old"] > FRESH_DAYS]
        named = ", ".join(f"{c} ({d} days)" for c, d in zip(old["channel"], old["days_old"], strict=True))
        flags.append(f"stale: newest export over {FRESH_DAYS} days old on {named}")
    missing = [c.name for c in card.components if not c.measured]
    if missing:
        flags.append("not measured: " + ", ".join(missing))
    return "; ".join(flags)


def _weekly(con: duckdb.DuckDBPyConnection, org_ids: list[int], start: date, end: date) -> list[pd.DataFrame]:
    """Per organisation, per week: the impressions and the engagement rate of the posts published that week.

    Every platform of the organisation's posts; one statement for every organisation, over its posts' day sums.
    """
    if not org_ids:
        return []
    select = f"""SELECT n, CAST(date_trunc('week', day) AS DATE) AS week, CAST(sum(impressions) AS DOUBLE) AS impressions,
                        {DAY_ENGAGEMENT_RATE} AS engagement_rate
                 FROM {post_days_of_pairs()} GROUP BY n, week ORDER BY n, week"""
    params = pairs_params((n, org_id, start, end) for n, org_id in enumerate(org_ids))
    return split_rows(con.execute(select, used(select, params)).df(), "n", range(len(org_ids)))


def _grantees(con: duckdb.DuckDBPyConnection, portfolio: Portfolio) -> list[tuple[str, int]]:
    """The portfolio's members that exist, by name, with their ids."""
    found = [(name, organisation_id(con, name)) for name in portfolio.members]
    return [(name, org_id) for name, org_id in found if org_id is not None]


def portfolio_screen(
    con: duckdb.DuckDBPyConnection,
    portfolio: Portfolio,
    start: date,
    end: date,
    today: date | None = None,
    with_trend: bool = False,
) -> PortfolioScreen:
    """Every grantee's scorecard over start..end with the portfolio's weights, the median and weeks.

    with_trend: also each grantee's score per quarter up to `end` (PortfolioScreen.trend, as portfolio_trend), in
    the same scorecards call, so what does not depend on the period is read once for both.
    """
    weights = weights_for(con, portfolio.id)
    grantees = _grantees(con, portfolio)
    periods = quarters(end) if with_trend else []
    pairs = [(org_id, start, end) for _, org_id in grantees] + _trend_pairs(grantees, periods)
    found = scorecards(con, pairs, weights, today)
    cards = {name: card for (name, _), card in zip(grantees, found, strict=False)}
    rows = []
    for name, card in cards.items():
        row: dict[str, object] = {"organisation": name, "score": card.score, "stage": card.stage}
        row.update({c.key: c.points for c in card.components})
        row["flags"] = _flags(card)
        rows.append(row)
    weekly = [
        frame.assign(organisation=name)
        for (name, _), frame in zip(grantees, _weekly(con, [org_id for _, org_id in grantees], start, end), strict=True)
    ]
    table = pd.DataFrame(rows, columns=["organisation", "score", "stage", *COMPONENTS, "flags"])
    median: dict[str, float | None] = {}
    for column in ["score", *COMPONENTS]:
        values = pd.to_numeric(table[column], errors="coerce").dropna()
        median[column] = float(values.median()) if len(values) else None
    weeks = (
        pd.concat(weekly, ignore_index=True)
        if weekly
        else pd.DataFrame(columns=["week", "impressions", "engagement_rate", "organisation"])
    )
    trend = _trend(grantees, periods, found[len(grantees) :]) if with_trend else None
    return PortfolioScreen(
        portfolio, start, end, weights, cards, table, median, weeks, benchmarks(con, portfolio.id), trend
    )


def portfolio_trend(
    con: duckdb.DuckDBPyConnection, portfolio: Portfolio, end: date, today: date | None = None
) -> pd.DataFrame:
    """Each grantee's score in each of the last four quarters up to `end`, with the portfolio's weights.

    Apart from the screen: it is four scorecards a grantee, four fifths of the portfolio's work, so the page
    computes it only when its tab is open (portfolio_screen's with_trend, which reads what the two share once).
    """
    grantees = _grantees(con, portfolio)
    periods = quarters(end)
    return _trend(
        grantees, periods, scorecards(con, _trend_pairs(grantees, periods), weights_for(con, portfolio.id), today)
    )


def _trend_pairs(
    grantees: list[tuple[str, int]], periods: list[tuple[str, date, date]]
) -> list[tuple[int, date, date]]:
    return [(org_id, first, last) for _, org_id in grantees for _, first, last in periods]


def _trend(
    grantees: list[tuple[str, int]], periods: list[tuple[str, date, date]], cards: list[Scorecard]
) -> pd.DataFrame:
    """organisation, quarter, score: the cards of _trend_pairs(grantees, periods), in that order."""
    scores = iter(card.score for card in cards)
    trend = [
        {"organisation": name, "quarter": label, "score": next(scores)}
        for name, _ in grantees
        for label, _, _ in periods
    ]
    return pd.DataFrame(trend, columns=["organisation", "quarter", "score"])
