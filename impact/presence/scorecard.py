"""One organisation's web presence: each component's raw figures, points and weight, the score, the stage.

A component without data is "not measured": shown, with the export that would measure it, and left
out of the score (the other weights are scaled up), never scored 0. The figures come from the single
definitions in impact.definitions.sql (posts on local days, the engagement rate, outcomes, hours) and
from the same functions the pages call (follower change, links to the base platform).

`scorecards` scores many (organisation, period) pairs at once, as the Portfolio page needs: each component
is one statement for every pair (the posts' figures from their sums per local day, post_day, see
sql.POST_DAY_SUMS), and what does not depend on the period (time zone, platforms, currency, the exports'
dates) is looked up once per organisation. `scorecard` is the batch of one.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cached_property
from typing import Any

import duckdb
import numpy as np
import pandas as pd

from impact.definitions.sql import (
    DAY_ENGAGEMENT_RATE,
    DAY_RATED_IMPRESSIONS,
    DONATIONS_AND_REFUNDS,
    HOURS,
    PAIRS,
    among,
    in_own_currency,
    organisation_timezones,
    outcomes_between,
    pairs_params,
    post_days_of_pairs,
    time_in_period,
    used,
)
from impact.figures.overview import follower_changes_of, platforms_with_data_of
from impact.platforms import platform_label
from impact.presence import COMPONENTS, STAGES
from impact.presence.weights import weights_for
from impact.time.roi import BaseLinks, base_platform_links_of

ACTIVE_DAYS = 90  # a channel is active when it posted in the last 90 days of the period
ENOUGH_CHANNELS = 3
FRESH_DAYS = 45  # a channel whose newest export is dated at most this many days ago is fresh
NOT_CHANNELS = ("website",)  # the base platform's own figures, not a channel one posts on


def current_day() -> date:
    """The day freshness is judged on (tests pin it)."""
    return date.today()


@dataclass(frozen=True)
class Component:
    """One component as measured: raw figures in words, points 0..100 (None: not measured), its weight."""

    key: str
    name: str
    measured: bool
    points: float | None
    weight: float
    raw: str  # the raw figures, in a sentence
    definition: str
    raise_it: str
    measure_with: str
    # Per channel, where it has one: made when first read (the Portfolio's trend reads only the points).
    make_details: Callable[[], pd.DataFrame] = field(default=pd.DataFrame, repr=False, compare=False)
    facts: dict[str, float] = field(default_factory=dict)  # the raw figures as numbers (the stage reads them)

    @cached_property
    def details(self) -> pd.DataFrame:
        return self.make_details()


@dataclass(frozen=True)
class Scorecard:
    organisation_id: int
    start: date
    end: date
    components: tuple[Component, ...]
    score: float | None  # None when no component is measured
    stage: str
    stage_reasons: tuple[str, ...]  # why this stage
    next_steps: tuple[str, ...]  # what the next stage asks for

    def component(self, key: str) -> Component:
        return next(c for c in self.components if c.key == key)

    def table(self) -> pd.DataFrame:
        """One row per component: key, name, points (None: not measured), weight, raw figures."""
        return pd.DataFrame(
            [(c.key, c.name, c.points, c.weight, c.raw) for c in self.components],
            columns=["key", "name", "points", "weight", "raw"],
        )


def _component(
    key: str,
    points: float | None,
    raw: str,
    weights: dict[str, float],
    details: Callable[[], pd.DataFrame] | None = None,
    facts: dict[str, float] | None = None,
) -> Component:
    spec = COMPONENTS[key]
    return Component(
        key=key,
        name=spec.name,
        measured=points is not None,
        points=None if points is None else round(max(0.0, min(100.0, points)), 1),
        weight=float(weights.get(key, spec.weight)),
        raw=raw,
        definition=spec.definition,
        raise_it=spec.raise_it,
        measure_with=spec.measure_with,
        make_details=details if details is not None else pd.DataFrame,
        facts=facts or {},
    )


Pair = tuple[int, date, date]  # an organisation's id and a period's first and last local day


@dataclass(frozen=True)
class _Organisation:
    """What a scorecard reads of an organisation whatever the period: looked up once for all its periods."""

    id: int
    tz: str  # organisation_timezone
    platforms: list[str]  # platforms_with_data
    currency: str | None
    posted: bool  # has posts on a channel (not the website), in any period
    has_outcomes: bool  # has donations, volunteers or sign-ups recorded, in any period
    freshness: pd.DataFrame  # platform, newest_export: each channel's newest export


def _organisations(con: duckdb.DuckDBPyConnection, organisation_ids: Iterable[int]) -> dict[int, _Organisation]:
    """The period-free facts of several organisations, a few statements for all of them."""
    ids = sorted(set(organisation_ids))
    zones = organisation_timezones(con, ids)
    platforms = platforms_with_data_of(con, ids)
    own = {
        int(i): (currency, bool(posted), bool(has_outcomes))
        for i, currency, posted, has_outcomes in con.execute(
            f"""SELECT o.id, o.currency,
                       o.id IN (SELECT organisation_id FROM post_day WHERE {among("organisation_id")}
                                  AND platform NOT IN (SELECT unnest($not_channels::VARCHAR[]))),
                       o.id IN (SELECT organisation_id FROM outcome WHERE {among("organisation_id")})
                FROM organisation o WHERE {among("o.id")}""",
            {"ids": ids, "not_channels": list(NOT_CHANNELS)},
        ).fetchall()
    }
    freshness = con.execute(
        # The export's own date (as_of), not the day it was imported: an old export imported today is not fresh.
        f"""WITH channels AS (
               -- channels only: the platforms posts, daily figures and website reports come from, not a
               -- donation tool or a time log (whose exports are dated by their last transaction or entry)
               SELECT organisation_id, platform FROM post_day WHERE {among("organisation_id")}
               UNION SELECT organisation_id, platform FROM account_day WHERE {among("organisation_id")}
               UNION SELECT organisation_id, platform FROM web_traffic WHERE {among("organisation_id")})
           SELECT b.organisation_id, b.platform, CAST(max(b.as_of) AS DATE) AS newest_export
           FROM import_batch b SEMI JOIN channels c ON c.organisation_id = b.organisation_id AND c.platform = b.platform
           WHERE {among("b.organisation_id")} AND b.status = 'imported'
           GROUP BY b.organisation_id, b.platform ORDER BY b.organisation_id, b.platform""",
        {"ids": ids},
    ).df()
    return {
        i: _Organisation(i, zones[i], platforms[i], *own.get(i, (None, False, False)), freshness=fresh)
        for i, fresh in zip(ids, split_rows(freshness, "organisation_id", ids), strict=True)
    }


def split_rows(frame: pd.DataFrame, column: str, keys: Iterable[int]) -> list[pd.DataFrame]:
    """The rows of each key (a pair's place, an organisation) of a statement for several, without the column naming it."""
    rest = frame.drop(columns=column)
    groups = {int(key): rows for key, rows in frame.groupby(column, sort=False).indices.items()}
    return [rest.iloc[groups.get(key, [])].reset_index(drop=True) for key in keys]


def _each_pair(
    con: duckdb.DuckDBPyConnection,
    select: str,
    pairs: Sequence[Pair],
    which: Iterable[int],
    orgs: dict[int, _Organisation] | None = None,
    extra: dict[str, object] | None = None,
) -> duckdb.DuckDBPyConnection | None:
    """`select` (naming PAIRS or post_days_of_pairs) for the pairs at the places `which`; None when there are none.

    orgs: for pairs.platforms, each organisation's platforms with data. Fetch the rows before the next statement.
    """
    places = list(which)
    if not places:
        return None
    platforms = {i: org.platforms for i, org in orgs.items()} if orgs else None
    params = {**pairs_params(((n, *pairs[n]) for n in places), platforms), **(extra or {})}
    return con.execute(select, used(select, params))


def _rows(found: duckdb.DuckDBPyConnection | None) -> list[tuple[Any, ...]]:
    return found.fetchall() if found is not None else []


ChannelRow = tuple[str, int, int]  # platform, posts, weeks with a post
RateRow = tuple[str, float, float]  # platform, rated impressions, engagement rate


def _rows_of_each(found: duckdb.DuckDBPyConnection | None, count: int) -> list[list[tuple[Any, ...]]]:
    """A statement's rows (n first) as one list per place 0..count-1, without n, in the statement's order."""
    out: list[list[tuple[Any, ...]]] = [[] for _ in range(count)]
    for n, *rest in _rows(found):
        out[n].append(tuple(rest))
    return out


def _posts_per_channel_of(
    con: duckdb.DuckDBPyConnection, orgs: dict[int, _Organisation], windows: Sequence[Pair]
) -> list[list[ChannelRow]]:
    """Per window, per channel: posts on its local days and the weeks (Monday to Sunday) that had one."""
    found = _each_pair(
        con,
        f"""SELECT n, platform, CAST(sum(posts) AS BIGINT) AS posts, count(DISTINCT date_trunc('week', day)) AS weeks
            FROM {post_days_of_pairs()} WHERE platform NOT IN (SELECT unnest($not_channels::VARCHAR[]))
            GROUP BY n, platform ORDER BY n, platform""",
        windows,
        # An organisation that never posted on a channel has none in any window.
        (n for n, (organisation_id, _, _) in enumerate(windows) if orgs[organisation_id].posted),
        extra={"not_channels": list(NOT_CHANNELS)},
    )
    return _rows_of_each(found, len(windows))  # type: ignore[return-value]


def _channel_frame(rows: list[ChannelRow]) -> pd.DataFrame:
    """platform, posts, weeks: the rows as a typed frame (also when there are none)."""
    return pd.DataFrame({
        "platform": pd.Series([p for p, _, _ in rows], dtype=object),
        "posts": pd.Series([posts for _, posts, _ in rows], dtype="int64"),
        "weeks": pd.Series([weeks for _, _, weeks in rows], dtype="int64"),
    })  # fmt: skip


def _posts_per_channel(
    con: duckdb.DuckDBPyConnection, organisation_id: int, start: date, end: date
) -> list[ChannelRow]:
    """Per channel: posts on the local days start..end and the weeks (Monday to Sunday) that had one."""
    return _posts_per_channel_of(con, _organisations(con, [organisation_id]), [(organisation_id, start, end)])[0]


def weeks_in(start: date, end: date) -> int:
    """Weeks (Monday to Sunday) that hold at least one day of start..end."""
    first = start - timedelta(days=start.weekday())
    last = end - timedelta(days=end.weekday())
    return (last - first).days // 7 + 1


def _active_window(end: date) -> tuple[date, date]:
    return end - timedelta(days=ACTIVE_DAYS - 1), end


def _channels(org: _Organisation, end: date, active: list[ChannelRow], weights: dict[str, float]) -> Component:
    if not org.posted:
        return _component("channels", None, "No posts imported.", weights)
    names = ", ".join(platform_label(p) for p, _, _ in active)
    raw = f"{len(active)} channel{'s' if len(active) != 1 else ''} posted in the {ACTIVE_DAYS} days to {end:%d %b %Y}"
    raw += f" ({names})." if len(active) else "."

    def details() -> pd.DataFrame:
        frame = _channel_frame(active)
        return frame.assign(channel=frame["platform"].map(platform_label))[["channel", "posts"]]

    points = 100 * min(len(active), ENOUGH_CHANNELS) / ENOUGH_CHANNELS
    return _component("channels", points, raw, weights, details, {"active": len(active)})


def _base_platform(links: BaseLinks, has_traffic: bool, weights: dict[str, float]) -> Component:
    if links.host is None:
        return _component("base_platform", None, "No website address is set for the organisation.", weights)
    posts, linking = int(links.platforms["posts"].sum()), int(links.platforms["linking"].sum())
    share = linking / posts if posts else 0.0
    raw = f"{links.host}: {linking:,} of {posts:,} posts in the period link to it ({share:.0%}); " + (
        "its Google Analytics figures are imported." if has_traffic else "no website figures are imported."
    )

    def details() -> pd.DataFrame:
        return links.platforms.assign(channel=links.platforms["platform"].map(platform_label))[
            ["channel", "posts", "linking", "share"]
        ]

    return _component("base_platform", 40 * has_traffic + 60 * share, raw, weights, details)


def _with_traffic(con: duckdb.DuckDBPyConnection, pairs: Sequence[Pair], which: Iterable[int]) -> set[int]:
    """The places of the pairs (among `which`) whose organisation has Google Analytics figures overlapping the period."""
    found = _each_pair(
        con,
        f"""SELECT pairs.n, (SELECT count(*) FROM web_traffic
                             WHERE organisation_id = pairs.org AND period_start <= pairs.last
                               AND period_end >= pairs.first) AS reports
            FROM {PAIRS}""",
        pairs,
        which,
    )
    return {int(n) for n, reports in _rows(found) if reports}


def _consistency(start: date, end: date, per_channel: list[ChannelRow], weights: dict[str, float]) -> Component:
    weeks = weeks_in(start, end)
    if not per_channel:
        return _component("consistency", None, "No posts in the period.", weights)
    shares = np.array([w for _, _, w in per_channel], dtype="int64") / weeks
    parts = ", ".join(f"{platform_label(p)} {w} of {weeks} weeks" for p, _, w in per_channel)

    def details() -> pd.DataFrame:
        frame = _channel_frame(per_channel).assign(share=shares)
        return frame.assign(channel=frame["platform"].map(platform_label), weeks_in_period=weeks)[
            ["channel", "posts", "weeks", "weeks_in_period", "share"]
        ]

    return _component("consistency", 100 * float(shares.mean()), f"Weeks with a post: {parts}.", weights, details)


def _months(start: date, end: date) -> list[tuple[date, date]]:
    """The calendar months of start..end, the first and last cut to the period."""
    months = []
    first = start
    while first <= end:
        following = (first.replace(day=1) + timedelta(days=32)).replace(day=1)
        months.append((first, min(end, following - timedelta(days=1))))
        first = following
    return months


def _audiences(
    con: duckdb.DuckDBPyConnection, orgs: dict[int, _Organisation], pairs: Sequence[Pair]
) -> list[list[tuple[tuple[date, date], int | None]]]:
    """Per pair, each calendar month of its period with the net follower change: one statement for every pair."""
    months = [_months(start, end) for _, start, end in pairs]
    # One request per organisation: each month of all its pairs once (a quarter's months are the year's too).
    order = sorted(orgs)
    wanted = {i: sorted({m for (o, _, _), ms in zip(pairs, months, strict=True) if o == i for m in ms}) for i in order}
    found = follower_changes_of(con, [(i, orgs[i].platforms, wanted[i]) for i in order])
    changes = {i: dict(zip(wanted[i], each, strict=True)) for i, each in zip(order, found, strict=True)}
    return [
        [(month, changes[organisation_id][month]) for month in ms]
        for (organisation_id, _, _), ms in zip(pairs, months, strict=True)
    ]


def _audience(months: list[tuple[tuple[date, date], int | None]], weights: dict[str, float]) -> Component:
    rows = [{"month": f"{first:%b %Y}", "net_followers": change} for (first, _), change in months if change is not None]
    if not rows:
        return _component("audience", None, "No follower figures in the period.", weights)
    changes = np.array([row["net_followers"] for row in rows])
    grew = int((changes > 0).sum())
    mean = float(changes.mean())
    raw = f"{mean:+,.0f} followers a month on average; {grew} of {len(rows)} months grew."
    return _component("audience", 100 * grew / len(rows), raw, weights, lambda: pd.DataFrame(rows))


def _rates_of(
    con: duckdb.DuckDBPyConnection, orgs: dict[int, _Organisation], windows: Sequence[Pair]
) -> list[list[RateRow]]:
    """Per window, per platform with a rate: rated impressions and engagement rate (one statement for all).

    platform_figures' rows with a rate: its posts' figures per platform (a platform counted from its daily
    figures has no rate).
    """
    found = _each_pair(
        con,
        f"""SELECT n, platform, {DAY_RATED_IMPRESSIONS} AS rated_impressions, {DAY_ENGAGEMENT_RATE} AS engagement_rate
            FROM {post_days_of_pairs()} WHERE list_contains(platforms, platform)
            GROUP BY n, platform HAVING engagement_rate IS NOT NULL ORDER BY n, platform""",
        windows,
        range(len(windows)),
        orgs,
    )
    return _rows_of_each(found, len(windows))  # type: ignore[return-value]


def _year_before(start: date) -> tuple[date, date]:
    return start - timedelta(days=365), start - timedelta(days=1)


def _engagement(now: list[RateRow], before: list[RateRow], weights: dict[str, float]) -> Component:
    earlier = {platform: rate for platform, _, rate in before}
    # The platforms with a rate in both periods, in the period's order (the place is each one's row in the
    # details, as a merge of the two would number it).
    both = [(place, row, earlier[row[0]]) for place, row in enumerate(r for r in now if r[0] in earlier)]
    # 0 % against 0 % is no ratio: left out, like a platform without a rate the year before.
    kept = [(place, row, rate_before) for place, row, rate_before in both if row[2] > 0 or rate_before > 0]
    if not kept:
        return _component(
            "engagement", None, "No platform has an engagement rate both in the period and in the year before.", weights
        )
    rate = np.array([row[2] for _, row, _ in kept], dtype="float64")
    rate_before = np.array([b for _, _, b in kept], dtype="float64")
    impressions = np.array([row[1] for _, row, _ in kept], dtype="float64")
    with np.errstate(divide="ignore", invalid="ignore"):  # a rate against 0 % is infinitely better: 100 points
        ratio = rate / rate_before
    platform_points = np.minimum(50 * ratio, 100)
    points = float((platform_points * impressions).sum() / impressions.sum())
    parts = "; ".join(f"{platform_label(row[0])} {row[2]:.2%} against {b:.2%}" for _, row, b in kept)

    def details() -> pd.DataFrame:
        index = pd.Index([place for place, _, _ in kept], dtype="int64")
        columns = {
            "channel": [platform_label(row[0]) for _, row, _ in kept],
            "engagement_rate": rate,
            "engagement_rate_year_before": rate_before,
            "ratio": ratio,
            "points": platform_points,
        }
        return pd.DataFrame(columns, index=index)

    return _component(
        "engagement", points, f"Engagement rate, period against the 12 months before: {parts}.", weights, details
    )


def _results_of(
    con: duckdb.DuckDBPyConnection, orgs: dict[int, _Organisation], pairs: Sequence[Pair]
) -> dict[int, tuple[tuple[Any, Any, Any], float | None]]:
    """Per pair of an organisation with outcomes: (donations, volunteers, sign-ups) and the hours logged."""
    which = [n for n, (organisation_id, _, _) in enumerate(pairs) if orgs[organisation_id].has_outcomes]
    outcomes = _rows(
        _each_pair(
            con,
            f"""SELECT pairs.n,
                       sum(amount) FILTER (WHERE {DONATIONS_AND_REFUNDS} AND {in_own_currency("pairs.org")}),
                       coalesce(sum(coalesce(quantity, 1)) FILTER (WHERE kind = 'volunteer'), 0),
                       coalesce(sum(coalesce(quantity, 1)) FILTER (WHERE kind = 'signup'), 0)
                FROM {PAIRS} LEFT JOIN outcome ON {outcomes_between("pairs.first", "pairs.last", "pairs.org")}
                GROUP BY pairs.n""",
            pairs,
            which,
        )
    )
    hours = _each_pair(
        con,
        f"""SELECT pairs.n, {HOURS}
            FROM {PAIRS} LEFT JOIN time_entry ON {time_in_period("pairs.first", "pairs.last", "pairs.org")}
            GROUP BY pairs.n""",
        pairs,
        which,
    )
    logged = {int(n): (float(h) if h else None) for n, h in _rows(hours)}
    return {
        int(n): ((donations, volunteers, signups), logged[int(n)]) for n, donations, volunteers, signups in outcomes
    }


def _results(
    org: _Organisation, found: tuple[tuple[Any, Any, Any], float | None] | None, weights: dict[str, float]
) -> Component:
    if not org.has_outcomes or found is None:
        return _component("results", None, "No donations, volunteers or sign-ups recorded.", weights)
    (donations, volunteers, signups), hours = found
    currency = org.currency
    donated = float(donations or 0)
    kinds = (donated > 0) + (volunteers > 0) + (signups > 0)
    rows = [("Donations", donated, currency), ("Volunteers", float(volunteers), ""), ("Sign-ups", float(signups), "")]

    def details() -> pd.DataFrame:
        frame = pd.DataFrame(rows, columns=["result", "in_period", "unit"])
        frame["per_hour"] = frame["in_period"] / hours if hours else None
        return frame

    raw = f"{currency} {donated:,.2f} donated, {volunteers:,} volunteers, {signups:,} sign-ups in the period"
    raw += f"; {hours:,.1f} hours logged." if hours else "; no time logged, so nothing per hour."
    return _component("results", 100 * kinds / 3, raw, weights, details)


def _goals_and_evidence(
    con: duckdb.DuckDBPyConnection, orgs: dict[int, _Organisation], pairs: Sequence[Pair]
) -> dict[int, tuple[int, int]]:
    """Per pair of an organisation with channels: campaigns with goals overlapping the period, evidence dated in it."""
    found = _each_pair(
        con,
        f"""SELECT pairs.n,
                   (SELECT count(DISTINCT c.id) FROM campaign c JOIN goal g ON g.campaign_id = c.id
                    WHERE c.organisation_id = pairs.org AND NOT c.archived AND c.starts <= pairs.last
                      AND c.ends >= pairs.first),
                   (SELECT count(*) FROM evidence e JOIN campaign c ON c.id = e.campaign_id
                    WHERE c.organisation_id = pairs.org
                      AND coalesce(e.day, CAST(e.added_at AS DATE)) BETWEEN pairs.first AND pairs.last)
            FROM {PAIRS}""",
        pairs,
        (n for n, (organisation_id, _, _) in enumerate(pairs) if not orgs[organisation_id].freshness.empty),
    )
    return {int(n): (goals, stories) for n, goals, stories in _rows(found)}


@dataclass(frozen=True)
class _Fresh:
    """An organisation's channels and how old each one's newest export is on `today` (the same for all its periods)."""

    details: pd.DataFrame  # channel, newest_export, days_old
    share: float  # of channels whose newest export is at most FRESH_DAYS old
    newest: int  # days
    oldest: int  # days


def _fresh(org: _Organisation, today: date) -> _Fresh | None:
    """None when nothing is imported on a channel."""
    if org.freshness.empty:
        return None
    freshness = org.freshness.copy()
    freshness["days_old"] = [max(0, (today - d).days) for d in pd.to_datetime(freshness["newest_export"]).dt.date]
    details = freshness.assign(channel=freshness["platform"].map(platform_label))[
        ["channel", "newest_export", "days_old"]
    ]
    share = float((freshness["days_old"] <= FRESH_DAYS).mean())
    return _Fresh(details, share, int(freshness["days_old"].min()), int(freshness["days_old"].max()))


def _transparency(fresh: _Fresh | None, found: tuple[int, int] | None, weights: dict[str, float]) -> Component:
    if fresh is None or found is None:
        return _component("transparency", None, "Nothing imported yet.", weights)
    goals, stories = found
    raw = (
        f"{goals} campaign{'s' if goals != 1 else ''} with goals in the period; {stories} piece{'s' if stories != 1 else ''} "
        f"of evidence dated in it; each channel's newest export is {fresh.newest} to {fresh.oldest} days old."
    )
    points = 40 * (goals > 0) + 30 * (stories > 0) + 30 * fresh.share
    facts = {"campaigns_with_goals": goals, "evidence": stories, "fresh_share": fresh.share}
    return _component("transparency", points, raw, weights, fresh.details.copy, facts)


def _conversations(
    con: duckdb.DuckDBPyConnection, orgs: dict[int, _Organisation], pairs: Sequence[Pair]
) -> dict[int, tuple[int, int]]:
    """Per pair: posts of the period whose export reports replies, and those with at least one (none: absent)."""
    found = _each_pair(
        con,
        f"""SELECT n, CAST(sum(replies_reported) AS BIGINT), CAST(sum(replied) AS BIGINT)
            FROM {post_days_of_pairs()} GROUP BY n""",
        pairs,
        range(len(pairs)),
    )
    return {int(n): (reported, replied) for n, reported, replied in _rows(found)}


def _conversation(found: tuple[int, int], weights: dict[str, float]) -> Component:
    reported, replied = found
    if not reported:
        return _component("conversation", None, "No post in the period reports replies.", weights)
    raw = f"{replied:,} of {reported:,} posts had at least one reply or comment ({replied / reported:.0%})."
    return _component("conversation", 100 * replied / reported, raw, weights)


def _components_of(
    con: duckdb.DuckDBPyConnection, pairs: Sequence[Pair], weights: dict[str, float], today: date
) -> list[tuple[Component, ...]]:
    """Every component of every pair: each component one statement for all the pairs."""
    orgs = _organisations(con, [organisation_id for organisation_id, _, _ in pairs])
    active = [(organisation_id, *_active_window(end)) for organisation_id, _, end in pairs]
    per_channel = _posts_per_channel_of(con, orgs, [*active, *pairs])
    links = base_platform_links_of(con, pairs)
    traffic = _with_traffic(con, pairs, [n for n, found in enumerate(links) if found.host is not None])
    audiences = _audiences(con, orgs, pairs)
    rates = _rates_of(con, orgs, [w for o, start, end in pairs for w in ((o, start, end), (o, *_year_before(start)))])
    results = _results_of(con, orgs, pairs)
    transparency = _goals_and_evidence(con, orgs, pairs)
    conversations = _conversations(con, orgs, pairs)
    fresh = {i: _fresh(org, today) for i, org in orgs.items()}
    count = len(pairs)
    return [
        (
            _channels(orgs[organisation_id], end, per_channel[n], weights),
            _base_platform(links[n], n in traffic, weights),
            _consistency(start, end, per_channel[count + n], weights),
            _audience(audiences[n], weights),
            _engagement(rates[2 * n], rates[2 * n + 1], weights),
            _results(orgs[organisation_id], results.get(n), weights),
            _transparency(fresh[organisation_id], transparency.get(n), weights),
            _conversation(conversations.get(n, (0, 0)), weights),
        )
        for n, (organisation_id, start, end) in enumerate(pairs)
    ]


def channels(con: duckdb.DuckDBPyConnection, organisation_id: int, end: date, weights: dict[str, float]) -> Component:
    """Channels with a post in the 90 days up to `end`."""
    org = _organisations(con, [organisation_id])[organisation_id]
    active = _posts_per_channel_of(con, {organisation_id: org}, [(organisation_id, *_active_window(end))])[0]
    return _channels(org, end, active, weights)


def base_platform(
    con: duckdb.DuckDBPyConnection, organisation_id: int, start: date, end: date, weights: dict[str, float]
) -> Component:
    """Links from the period's posts to the website, and whether its own figures are imported."""
    links = base_platform_links_of(con, [(organisation_id, start, end)])
    traffic = _with_traffic(con, [(organisation_id, start, end)], [0] if links[0].host else [])
    return _base_platform(links[0], 0 in traffic, weights)


def consistency(
    con: duckdb.DuckDBPyConnection, organisation_id: int, start: date, end: date, weights: dict[str, float]
) -> Component:
    """Weeks with a post on each channel active in the period."""
    return _consistency(start, end, _posts_per_channel(con, organisation_id, start, end), weights)


def audience(
    con: duckdb.DuckDBPyConnection, organisation_id: int, start: date, end: date, weights: dict[str, float]
) -> Component:
    """Months of the period with a net gain of followers."""
    return _audience(
        _audiences(con, _organisations(con, [organisation_id]), [(organisation_id, start, end)])[0], weights
    )


def engagement(
    con: duckdb.DuckDBPyConnection, organisation_id: int, start: date, end: date, weights: dict[str, float]
) -> Component:
    """The period's engagement rate against the 12 months before, per platform."""
    orgs = _organisations(con, [organisation_id])
    now, before = _rates_of(con, orgs, [(organisation_id, start, end), (organisation_id, *_year_before(start))])
    return _engagement(now, before, weights)


def results(
    con: duckdb.DuckDBPyConnection, organisation_id: int, start: date, end: date, weights: dict[str, float]
) -> Component:
    """Donations, volunteers and sign-ups recorded in the period."""
    orgs = _organisations(con, [organisation_id])
    return _results(orgs[organisation_id], _results_of(con, orgs, [(organisation_id, start, end)]).get(0), weights)


def transparency(
    con: duckdb.DuckDBPyConnection, organisation_id: int, start: date, end: date, today: date, weights: dict[str, float]
) -> Component:
    """Goals, evidence and fresh exports."""
    orgs = _organisations(con, [organisation_id])
    found = _goals_and_evidence(con, orgs, [(organisation_id, start, end)]).get(0)
    return _transparency(_fresh(orgs[organisation_id], today), found, weights)


def conversation(
    con: duckdb.DuckDBPyConnection, organisation_id: int, start: date, end: date, weights: dict[str, float]
) -> Component:
    """The share of the period's posts with a reply."""
    orgs = _organisations(con, [organisation_id])
    return _conversation(_conversations(con, orgs, [(organisation_id, start, end)]).get(0, (0, 0)), weights)


def overall(components: tuple[Component, ...]) -> float | None:
    """The weighted mean of the measured components' points (weights scaled to the measured ones)."""
    measured = [c for c in components if c.measured and c.weight > 0]
    total = sum(c.weight for c in measured)
    if not total:
        return None
    return round(sum(c.weight * (c.points or 0.0) for c in measured) / total, 1)


def stage(components: tuple[Component, ...], score: float | None) -> tuple[str, tuple[str, ...], tuple[str, ...]]:
    """Crawl, Walk, Run or Fly, why, and what the next stage asks for.

    Walk: two channels active and a post in at least half the weeks. Run: also results recorded and a
    campaign with goals. Fly: also evidence, engagement measured against its own past, and a score of 75.
    """
    by_key = {c.key: c for c in components}

    def points(key: str) -> float:
        return by_key[key].points or 0.0

    def fact(key: str, name: str) -> float:
        return by_key[key].facts.get(name, 0.0)

    steps = [
        [
            ("two or more channels active in the last 90 days", fact("channels", "active") >= 2),
            ("a post in at least half the weeks (consistency 50 or more)", points("consistency") >= 50),
        ],
        [
            ("donations, volunteers or sign-ups recorded in the period", points("results") > 0),
            ("a campaign with goals in the period", fact("transparency", "campaigns_with_goals") > 0),
        ],
        [
            ("evidence (a story, a quote) dated in the period", fact("transparency", "evidence") > 0),
            ("engagement measured against the organisation's own past", by_key["engagement"].measured),
            ("a score of 75 or more", (score or 0) >= 75),
        ],
    ]
    reached = 0
    reasons: list[str] = []
    for level, conditions in enumerate(steps, start=1):
        if not all(ok for _, ok in conditions):
            missing = tuple(f"Needs {what}." for what, ok in conditions if not ok)
            return STAGES[reached], tuple(reasons) or ("The first steps are still to take.",), missing
        reached = level
        reasons.extend(f"Has {what}." for what, _ in conditions)
    return STAGES[reached], tuple(reasons), ()


def scorecards(
    con: duckdb.DuckDBPyConnection,
    pairs: Sequence[Pair],
    weights: dict[str, float] | None = None,
    today: date | None = None,
) -> list[Scorecard]:
    """The scorecard of each (organisation, first day, last day), in order: each component one statement for all."""
    if not pairs:
        return []
    weights = weights or {}
    today = today or current_day()
    cards = []
    for (organisation_id, start, end), components in zip(
        pairs, _components_of(con, pairs, weights, today), strict=True
    ):
        score = overall(components)
        name, reasons, next_steps = stage(components, score)
        cards.append(Scorecard(organisation_id, start, end, components, score, name, reasons, next_steps))
    return cards


def scorecard(
    con: duckdb.DuckDBPyConnection,
    organisation_id: int,
    start: date,
    end: date,
    weights: dict[str, float] | None = None,
    today: date | None = None,
) -> Scorecard:
    """The organisation's web presence over the local days start..end (freshness judged on `today`)."""
    return scorecards(con, [(organisation_id, start, end)], weights, today)[0]


def presence_screen(con: duckdb.DuckDBPyConnection, organisation_id: int, start: date, end: date) -> Scorecard:
    """The Web presence page: the organisation's scorecard with the store's own weights."""
    return scorecard(con, organisation_id, start, end, weights_for(con))
