"""The command line's summary: per organisation and platform, the figures of a period, and donations.

The same definitions as the pages (impact.definitions.sql): posts on the organisation's local day,
each platform counted from its posts or, without post exports, from its daily figures.
"""

from __future__ import annotations

from datetime import date

import duckdb

from impact.definitions.sql import (
    DONATIONS_AND_REFUNDS,
    HOURS,
    TIME_IN_PERIOD,
    mentions_between,
    organisation_timezone,
    outcomes_between,
    platform_figures,
    posts_between,
    used,
)
from impact.figures.website import website_totals

# The whole history when no period is asked for: far enough apart for any export, near enough that
# a day more or less stays a valid date.
EARLIEST = date(1900, 1, 1)
LATEST = date(2999, 12, 31)
FIGURES = ("posts", "impressions", "reach", "engagements", "video_views", "days", "followers")


def _int_or_none(value: object) -> int | None:
    return None if value is None else int(value)  # type: ignore[call-overload]


def _platforms(con: duckdb.DuckDBPyConnection, organisation_id: int) -> list[str]:
    rows = con.execute(
        """SELECT platform FROM post WHERE organisation_id = $org
           UNION SELECT platform FROM account_day WHERE organisation_id = $org ORDER BY 1""",
        {"org": organisation_id},
    ).fetchall()
    return [str(r[0]) for r in rows]


def _has_web_traffic(con: duckdb.DuckDBPyConnection, organisation_id: int) -> bool:
    row = con.execute("SELECT count(*) > 0 FROM web_traffic WHERE organisation_id = ?", [organisation_id]).fetchone()
    return bool(row and row[0])


def _platform_figures(
    con: duckdb.DuckDBPyConnection, organisation_id: int, platforms: list[str], start: date, end: date, whole: bool
) -> dict[str, dict[str, int | None]]:
    params = {
        "org": organisation_id,
        "tz": organisation_timezone(con, organisation_id),
        "start": start,
        "end": end,
        "platforms": platforms,
    }
    sql = f"""WITH figures AS {platform_figures(whole_history=whole)},
              days AS (
                  SELECT platform, count(*) AS days FROM account_day
                  WHERE organisation_id = $org AND day BETWEEN $start AND $end GROUP BY platform
              ), latest AS (
                  -- each account's latest follower count on or before the period's end
                  SELECT platform, account_id, arg_max(followers, day) AS followers FROM account_day
                  WHERE organisation_id = $org AND followers IS NOT NULL AND day <= $end GROUP BY ALL
              ), followers AS (SELECT platform, sum(followers) AS followers FROM latest GROUP BY platform)
              SELECT p.platform,
                     CASE WHEN p.platform IN (SELECT DISTINCT platform FROM post WHERE organisation_id = $org)
                          THEN coalesce(f.posts, 0) END, f.impressions, f.reach,
                     f.engagements, f.video_views, d.days, fl.followers
              FROM (SELECT unnest($platforms::VARCHAR[]) AS platform) p
              LEFT JOIN figures f USING (platform) LEFT JOIN days d USING (platform)
              LEFT JOIN followers fl USING (platform)
              ORDER BY p.platform"""
    result = {}
    for platform, *figures in con.execute(sql, used(sql, params)).fetchall():
        result[str(platform)] = {k: _int_or_none(v) for k, v in zip(FIGURES, figures, strict=True)}
    return result


def _email_sends(
    con: duckdb.DuckDBPyConnection, organisation_id: int, start: date, end: date, whole: bool
) -> int | None:
    """Σ recipients of the newsletter campaigns sent in the period (Mailchimp's sends); None when none says."""
    sql = f"""SELECT CAST(sum(sends) AS BIGINT)
              FROM {posts_between(platforms="['email']", whole_history=whole)}"""
    params = {"org": organisation_id, "tz": organisation_timezone(con, organisation_id), "start": start, "end": end}
    row = con.execute(sql, used(sql, params)).fetchone()
    return None if row is None or row[0] is None else int(row[0])


def _time(
    con: duckdb.DuckDBPyConnection, organisation_id: int, start: date, end: date, whole: bool
) -> dict[str, object]:
    """The time log in the period: how many entries and how many minutes."""
    in_period = "organisation_id = $org" if whole else TIME_IN_PERIOD
    params = {"org": organisation_id} if whole else {"org": organisation_id, "start": start, "end": end}
    entries, hours = con.execute(f"SELECT count(*), {HOURS} FROM time_entry WHERE {in_period}", params).fetchone()  # type: ignore[misc]
    minutes = round(float(hours or 0) * 60, 2)
    return {"entries": int(entries), "minutes": int(minutes) if minutes.is_integer() else minutes}


def _donations(con: duckdb.DuckDBPyConnection, organisation_id: int, start: date, end: date) -> list[dict[str, object]]:
    # The count is of gifts received: a refunded gift still counts once, as in PayPal's own records.
    rows = con.execute(
        f"""SELECT currency, sum(amount), count(*) FILTER (WHERE kind = 'donation') FROM outcome
            WHERE {DONATIONS_AND_REFUNDS} AND {outcomes_between()}
            GROUP BY ALL ORDER BY 1""",
        {"org": organisation_id, "start": start, "end": end},
    ).fetchall()
    return [{"currency": c, "amount": float(a), "count": int(n)} for c, a, n in rows]


def _mentions(
    con: duckdb.DuckDBPyConnection, organisation_id: int, start: date, end: date, whole: bool
) -> dict[str, int]:
    """Listening: the period's mentions, and how many feeds they came from."""
    params: dict[str, object] = {"org": organisation_id, "tz": organisation_timezone(con, organisation_id)}
    if not whole:
        params.update(start=start, end=end)
    items, feeds = con.execute(
        f"SELECT count(*), count(DISTINCT account_id) FROM {mentions_between(whole_history=whole)}", params
    ).fetchone()  # type: ignore[misc]
    return {"items": int(items), "sources": int(feeds)}


def summary(
    con: duckdb.DuckDBPyConnection,
    organisation: str | None = None,
    start: date | None = None,
    end: date | None = None,
) -> list[dict[str, object]]:
    """Per organisation: per platform the period's figures (None where the data cannot give one); donations.

    start and end are local days, inclusive; None means from the first or to the last day with data. Without
    either, the whole history: also the posts whose export gives no publication time, which no period holds.
    """
    whole = start is None and end is None
    start, end = start or EARLIEST, end or LATEST
    orgs = con.execute(
        "SELECT id, name FROM organisation WHERE $name IS NULL OR name = $name ORDER BY name", {"name": organisation}
    ).fetchall()
    result: list[dict[str, object]] = []
    for org_id, name in orgs:
        platforms = _platforms(con, org_id)
        figures = _platform_figures(con, org_id, platforms, start, end, whole) if platforms else {}
        if "email" in figures:
            figures["email"]["sends"] = _email_sends(con, org_id, start, end, whole)
        if _has_web_traffic(con, org_id):
            figures["website"] = {**dict.fromkeys(FIGURES), **website_totals(con, org_id, start, end)}
        result.append(
            {
                "organisation": name,
                "platforms": figures,
                "donations": _donations(con, org_id, start, end),
                "time": _time(con, org_id, start, end, whole),
                "mentions": _mentions(con, org_id, start, end, whole),
            }
        )
    return result
