"""This campaign against the organisation's earlier ones, on the same goals, like for like."""

from __future__ import annotations

from datetime import date, timedelta

import duckdb
import pandas as pd

from impact.campaigns.goals import GOAL_METRICS, Campaign, burn_ups, campaign

COMPARISON_COLUMNS = [
    "metric",
    "label",
    "campaign_id",
    "campaign",
    "current",
    "starts",
    "ends",
    "day_n",
    "at_day_n",
    "at_end",
    "ended",
    "target",
    "progress",
]


def earlier_campaigns(con: duckdb.DuckDBPyConnection, current: Campaign) -> list[Campaign]:
    """The organisation's campaigns (not archived) that started before this one, the most recent first."""
    rows = con.execute(
        """SELECT id FROM campaign
           WHERE organisation_id = ? AND NOT archived AND starts < ? AND id <> ?
           ORDER BY starts DESC, id DESC""",
        [current.organisation_id, current.starts, current.id],
    ).fetchall()
    return [campaign(con, int(row[0])) for row in rows]


def day_n(current: Campaign, today: date) -> int:
    """How many days of the campaign have gone by on `today` (its first day is day 1; 0 before it starts)."""
    last = min(today, current.ends)
    return max((last - current.starts).days + 1, 0)


def _totals(series: pd.DataFrame, n: int) -> tuple[float, float]:
    """A burn-up's running total on the campaign's day N (its last day, if shorter) and on its last day so far."""
    if series.empty:
        return 0.0, 0.0
    totals = series["total"].tolist()
    return float(totals[min(n, len(totals)) - 1]) if n > 0 else 0.0, float(totals[-1])


def compare_with_earlier(con: duckdb.DuckDBPyConnection, campaign_id: int, today: date) -> pd.DataFrame:
    """Each goal metric of this campaign, for it and each earlier campaign of the organisation.

    Like for like by day N: a campaign that is 20 days old is compared with what each earlier one
    had on its own 20th day, not with the earlier one's final tally, which had months more to grow
    (and which is shown beside it, with the earlier campaign's own target and progress). Figures are
    `goals.burn_up`'s running totals, so they match the Progress tab's burn-up charts. A campaign
    shorter than N days counts its last day. Empty when no earlier campaign exists (or no goal is set).
    """
    current = campaign(con, campaign_id)
    earlier = earlier_campaigns(con, current)
    metrics = [
        str(row[0])
        for row in con.execute("SELECT metric FROM goal WHERE campaign_id = ? ORDER BY id", [campaign_id]).fetchall()
    ]
    if not earlier or not metrics:
        return pd.DataFrame(columns=COMPARISON_COLUMNS)
    n = day_n(current, today)
    targets = {
        (int(cid), str(metric)): float(target)
        for cid, metric, target in con.execute(
            "SELECT campaign_id, metric, target FROM goal WHERE campaign_id IN (SELECT unnest(?))",
            [[c.id for c in (current, *earlier)]],
        ).fetchall()
    }
    series = {c.id: burn_ups(con, c.id, metrics, today) for c in (current, *earlier)}
    rows = []
    for metric in metrics:
        for c in (current, *earlier):
            at_day_n, at_end = _totals(series[c.id][metric], n)
            target = targets.get((c.id, metric))
            rows.append(
                {
                    "metric": metric,
                    "label": GOAL_METRICS[metric].label,
                    "campaign_id": c.id,
                    "campaign": c.name,
                    "current": c.id == current.id,
                    "starts": c.starts,
                    "ends": c.ends,
                    "day_n": n,
                    "at_day_n": at_day_n,
                    "at_end": at_end,
                    "ended": c.ends < today,
                    "target": target,
                    "progress": at_end / target if target else None,
                }
            )
    return pd.DataFrame(rows, columns=COMPARISON_COLUMNS)


def same_day_of(c: Campaign, n: int) -> date:
    """The calendar date of a campaign's day N (its last day when it is shorter)."""
    return min(c.starts + timedelta(days=max(n, 1) - 1), c.ends)
