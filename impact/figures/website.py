"""The base platform: the traffic social media sends to the organisation's website, from GA4 reports.

GA4 reports (`web_traffic`) hold figures for a whole report range, broken down by one dimension.
Sessions add up across the rows of one report (each session has one source), but never across
dimensions (a by-date and a by-source report of the same range count the same sessions twice),
and never across overlapping ranges. Figures are never pro-rated to the sidebar's period: the
page says which report ranges they cover.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

import duckdb
import pandas as pd

from impact.platforms import platform_label

# The reports that say where sessions came from, best first. A user-acquisition report counts the
# sessions of users by the source of their *first* visit, so it is only used when nothing else is.
SOURCE_DIMENSIONS = ("source_medium", "channel_group", "first_user_source_medium")
DIMENSION_LABELS = {
    "source_medium": "Traffic acquisition by session source / medium",
    "channel_group": "Traffic acquisition by session default channel group",
    "first_user_source_medium": "User acquisition by first user source / medium",
}

SOURCE_CLASSES = ("social", "search", "direct", "email", "other")
UNKNOWN_SOCIAL = "social (platform unknown)"

# Referring hosts (and their subdomains) and utm_source names of each social platform.
_SOCIAL_HOSTS = {
    "facebook": ("facebook.com", "fb.com", "fb.me"),
    "instagram": ("instagram.com",),
    "x": ("t.co", "twitter.com", "x.com"),
    "linkedin": ("linkedin.com", "lnkd.in"),
    "youtube": ("youtube.com", "youtu.be"),
    "whatsapp": ("whatsapp.com", "wa.me"),
    "tiktok": ("tiktok.com",),
}
_SOCIAL_NAMES = {
    "facebook": "facebook",
    "fb": "facebook",
    "instagram": "instagram",
    "ig": "instagram",
    "twitter": "x",
    "x": "x",
    "linkedin": "linkedin",
    "youtube": "youtube",
    "whatsapp": "whatsapp",
    "tiktok": "tiktok",
}
_SEARCH_ENGINES = ("google", "bing", "duckduckgo", "yahoo", "baidu", "yandex", "ecosia", "naver", "brave")
_SEARCH_MEDIUMS = ("organic", "cpc", "ppc", "paidsearch")
_EMAIL_MEDIUMS = ("email", "e-mail", "e_mail", "newsletter")
_SOCIAL_MEDIUMS = ("social", "social-network", "social-media", "sm", "social network", "social media")
# GA4's default channel groups (https://support.google.com/analytics/answer/9756891).
_CHANNEL_CLASSES = {
    "organic social": "social",
    "paid social": "social",
    "organic search": "search",
    "paid search": "search",
    "direct": "direct",
    "email": "email",
}


@dataclass(frozen=True)
class Source:
    """Where a row's sessions came from: a class, and for social the platform (or 'unknown')."""

    source_class: str
    platform: str | None = None


def _host_platform(source: str) -> str | None:
    """The social platform a referring host or utm_source name belongs to."""
    host = source.removeprefix("www.")
    if host in _SOCIAL_NAMES:
        return _SOCIAL_NAMES[host]
    for platform, domains in _SOCIAL_HOSTS.items():
        if any(host == d or host.endswith("." + d) for d in domains):
            return platform
    return None


# A report repeats the same few hundred values month after month, and outcomes their few channels: each
# value is classified once per process (the classification depends on nothing but the value).
@lru_cache(maxsize=8192)
def classify_source_medium(value: str) -> Source:
    """Classify a GA4 'source / medium' value ('l.facebook.com / referral', 'google / organic')."""
    source, _, medium = (part.strip().lower() for part in value.partition(" / "))
    platform = _host_platform(source)
    if platform is not None:
        return Source("social", platform)
    if source == "(direct)" and medium in ("(none)", "(not set)", ""):
        return Source("direct")
    if medium in _SEARCH_MEDIUMS or source in _SEARCH_ENGINES:
        return Source("search")
    if medium in _EMAIL_MEDIUMS or source in ("newsletter", "mailchimp"):
        return Source("email")
    if medium in _SOCIAL_MEDIUMS:
        return Source("social", "unknown")
    return Source("other")


@lru_cache(maxsize=1024)
def classify_channel_group(value: str) -> Source:
    """Classify a GA4 default channel group ('Organic Social', 'Organic Search', 'Direct', ...)."""
    source_class = _CHANNEL_CLASSES.get(value.strip().lower(), "other")
    return Source(source_class, "unknown" if source_class == "social" else None)


def classify(dimension: str, value: str) -> Source:
    """Classify one row of a source report by its dimension."""
    if dimension == "channel_group":
        return classify_channel_group(value)
    return classify_source_medium(value)


@lru_cache(maxsize=1024)
def source_label(source: Source) -> str:
    """'Facebook', 'social (platform unknown)', 'search' ...: how the page names a source."""
    if source.source_class != "social":
        return source.source_class
    if source.platform in (None, "unknown"):
        return UNKNOWN_SOCIAL
    return "WhatsApp" if source.platform == "whatsapp" else platform_label(source.platform)


# ------------------------------------------------------------------------------------------------
# Which report ranges answer for the sidebar's period


@dataclass(frozen=True)
class ReportRange:
    """One GA4 report's range for one property."""

    account_id: int
    start: date
    end: date

    def overlaps(self, other: ReportRange) -> bool:
        return self.account_id == other.account_id and self.start <= other.end and other.start <= self.end


class _Disjoint:
    """Report ranges accepted so far, none overlapping another of its property: whether a new one would overlap.

    The same answer as checking every accepted range with ReportRange.overlaps, in logarithmic time: a
    property's accepted ranges are disjoint, so sorted by first day they are sorted by last day too, and
    only the last of those starting on or before the new range's end can reach into it.
    """

    def __init__(self) -> None:
        self._starts: dict[int, list[date]] = {}
        self._ends: dict[int, list[date]] = {}

    def overlaps(self, r: ReportRange) -> bool:
        starts = self._starts.get(r.account_id, [])
        before = bisect_right(starts, r.end)
        return before > 0 and self._ends[r.account_id][before - 1] >= r.start

    def add(self, r: ReportRange) -> None:
        starts = self._starts.setdefault(r.account_id, [])
        at = bisect_right(starts, r.start)
        starts.insert(at, r.start)
        self._ends.setdefault(r.account_id, []).insert(at, r.end)


def choose_ranges(ranges: list[ReportRange], start: date, end: date) -> list[ReportRange]:
    """The report ranges whose figures stand for the period, none overlapping another of its property.

    Only ranges that overlap the period count. Ranges lying inside the period come first (fewest days
    outside it), then the longest; a range overlapping one already chosen is left out, so no session
    is counted twice. Several disjoint ranges (monthly reports, a report per day) add up.
    """

    def outside(r: ReportRange) -> int:
        return max(0, (start - r.start).days) + max(0, (r.end - end).days)

    candidates = [r for r in ranges if r.start <= end and r.end >= start]
    candidates.sort(key=lambda r: (outside(r), -(r.end - r.start).days, r.start))
    chosen: list[ReportRange] = []
    accepted = _Disjoint()
    for r in candidates:
        if not accepted.overlaps(r):
            chosen.append(r)
            accepted.add(r)
    return sorted(chosen, key=lambda r: (r.start, r.account_id))


def covered_spans(ranges: list[ReportRange]) -> list[tuple[date, date]]:
    """The chosen ranges as contiguous spans of days (all properties together), for the page to name."""
    spans: list[tuple[date, date]] = []
    for r in sorted(ranges, key=lambda r: (r.start, r.end)):
        if spans and (r.start - spans[-1][1]).days <= 1:
            spans[-1] = (spans[-1][0], max(spans[-1][1], r.end))
        else:
            spans.append((r.start, r.end))
    return spans


# ------------------------------------------------------------------------------------------------
# Queries


@dataclass(frozen=True)
class WebsiteTraffic:
    """Sessions by source for the sidebar's period, from one kind of GA4 report."""

    dimension: str | None  # the report used, None when no source report overlaps the period
    ranges: list[ReportRange]
    by_source: pd.DataFrame  # source_class, platform, source, sessions, engaged_sessions, key_events

    @property
    def sessions(self) -> int | None:
        """All sessions in the reports used; None when there is no report."""
        return None if self.dimension is None else int(self.by_source["sessions"].sum())

    @property
    def social_sessions(self) -> int | None:
        """Sessions that social media sent."""
        if self.dimension is None:
            return None
        return int(self.by_source.loc[self.by_source["source_class"] == "social", "sessions"].sum())

    @property
    def social_share(self) -> float | None:
        """Social sessions ÷ all sessions, over the same reports."""
        total = self.sessions
        return None if not total else (self.social_sessions or 0) / total

    @property
    def social_key_events(self) -> int | None:
        """Key events (GA4's conversions) in sessions from social media; None when not reported."""
        if self.dimension is None:
            return None
        rows = self.by_source.loc[self.by_source["source_class"] == "social", "key_events"]
        return None if rows.isna().all() else int(rows.sum())

    @property
    def spans(self) -> list[tuple[date, date]]:
        return covered_spans(self.ranges)


def _report_ranges(con: duckdb.DuckDBPyConnection, organisation_id: int, dimension: str) -> list[ReportRange]:
    rows = con.execute(
        """SELECT DISTINCT account_id, period_start, period_end FROM web_traffic
           WHERE organisation_id = $org AND dimension = $dimension""",
        {"org": organisation_id, "dimension": dimension},
    ).fetchall()
    return [ReportRange(int(a), s, e) for a, s, e in rows]


def source_dimension(con: duckdb.DuckDBPyConnection, organisation_id: int, start: date, end: date) -> str | None:
    """The best kind of source report with a range overlapping the period."""
    for dimension in SOURCE_DIMENSIONS:
        if any(r.start <= end and r.end >= start for r in _report_ranges(con, organisation_id, dimension)):
            return dimension
    return None


def _rows_in_ranges(
    con: duckdb.DuckDBPyConnection, organisation_id: int, dimension: str, ranges: list[ReportRange]
) -> pd.DataFrame:
    """The report rows of the chosen ranges."""
    chosen = pd.DataFrame(
        {
            "account_id": [r.account_id for r in ranges],
            "period_start": [r.start for r in ranges],
            "period_end": [r.end for r in ranges],
        }
    )
    con.register("chosen_ranges", chosen)
    try:
        return con.execute(
            """SELECT w.dimension_value, w.sessions, w.engaged_sessions, w.key_events
               FROM web_traffic w
               JOIN chosen_ranges c ON w.account_id = c.account_id
                    AND w.period_start = CAST(c.period_start AS DATE) AND w.period_end = CAST(c.period_end AS DATE)
               WHERE w.organisation_id = $org AND w.dimension = $dimension""",
            {"org": organisation_id, "dimension": dimension},
        ).df()
    finally:
        con.unregister("chosen_ranges")


def website_traffic(con: duckdb.DuckDBPyConnection, organisation_id: int, start: date, end: date) -> WebsiteTraffic:
    """Sessions by source class and platform from the GA4 reports that stand for the period."""
    columns = ["source_class", "platform", "source", "sessions", "engaged_sessions", "key_events"]
    dimension = source_dimension(con, organisation_id, start, end)
    if dimension is None:
        return WebsiteTraffic(None, [], pd.DataFrame(columns=columns))
    ranges = choose_ranges(_report_ranges(con, organisation_id, dimension), start, end)
    rows = _rows_in_ranges(con, organisation_id, dimension, ranges)
    sources = [classify(dimension, str(v)) for v in rows["dimension_value"]]
    rows["source_class"] = [s.source_class for s in sources]
    rows["platform"] = [s.platform for s in sources]
    rows["source"] = [source_label(s) for s in sources]
    # min_count=1: a metric the report does not carry stays empty (None), never 0.
    grouped = (
        rows.groupby(["source_class", "source"], dropna=False)
        .agg(
            platform=("platform", "first"),
            sessions=("sessions", lambda v: v.sum(min_count=1)),
            engaged_sessions=("engaged_sessions", lambda v: v.sum(min_count=1)),
            key_events=("key_events", lambda v: v.sum(min_count=1)),
        )
        .reset_index()
    )
    order = {c: i for i, c in enumerate(SOURCE_CLASSES)}
    grouped = grouped.assign(_order=grouped["source_class"].map(order))
    grouped = grouped.sort_values(["_order", "sessions"], ascending=[True, False]).drop(columns="_order")
    return WebsiteTraffic(dimension, ranges, grouped[columns].reset_index(drop=True))


def daily_sessions(con: duckdb.DuckDBPyConnection, organisation_id: int, start: date, end: date) -> pd.DataFrame:
    """Sessions per day in the period from GA4 reports by Date (all properties); empty without one.

    Days with users but no sessions (a Reports snapshot's Nth day tables of Active users) are not days
    with 0 sessions: they are left out.
    """
    return con.execute(
        """SELECT period_start AS day, sum(sessions) AS sessions, sum(engaged_sessions) AS engaged_sessions
           FROM web_traffic
           WHERE organisation_id = $org AND dimension = 'date' AND period_start = period_end
             AND sessions IS NOT NULL AND period_start BETWEEN $start AND $end
           GROUP BY ALL ORDER BY day""",
        {"org": organisation_id, "start": start, "end": end},
    ).df()


def base_url(con: duckdb.DuckDBPyConnection, organisation_id: int) -> str | None:
    """The organisation's website address, as set for it."""
    row = con.execute("SELECT base_url FROM organisation WHERE id = $org", {"org": organisation_id}).fetchone()
    return row[0] if row and row[0] else None


def social_sessions_within(con: duckdb.DuckDBPyConnection, organisation_id: int, start: date, end: date) -> int | None:
    """Sessions social media sent between two days, from source reports lying wholly inside them.

    A campaign's figure must not borrow from a longer report (a year's report says nothing about one
    month), so only ranges within the days count: reports per day, or per campaign. None when there
    is no such report.
    """
    for dimension in SOURCE_DIMENSIONS:
        inside = [r for r in _report_ranges(con, organisation_id, dimension) if r.start >= start and r.end <= end]
        if not inside:
            continue
        rows = _rows_in_ranges(con, organisation_id, dimension, choose_ranges(inside, start, end))
        social = [classify(dimension, str(v)).source_class == "social" for v in rows["dimension_value"]]
        return int(rows.loc[social, "sessions"].sum())
    return None


def social_sessions_by_day(
    con: duckdb.DuckDBPyConnection, organisation_id: int, start: date, end: date
) -> pd.DataFrame:
    """Sessions from social media per day, from source reports by day; empty without one."""
    rows = con.execute(
        """SELECT period_start AS day, dimension, dimension_value, sessions FROM web_traffic
           WHERE organisation_id = $org AND dimension = 'source_medium' AND period_start = period_end
             AND period_start BETWEEN $start AND $end""",
        {"org": organisation_id, "start": start, "end": end},
    ).df()
    if rows.empty:
        return pd.DataFrame({"day": [], "sessions": []})
    social = [
        classify(d, str(v)).source_class == "social"
        for d, v in zip(rows["dimension"], rows["dimension_value"], strict=True)
    ]
    return rows.loc[social].groupby("day", as_index=False)["sessions"].sum()


def social_sessions_within_by_platform(
    con: duckdb.DuckDBPyConnection, organisation_id: int, start: date, end: date
) -> dict[str, int] | None:
    """Sessions social media sent between two days, per platform ('unknown' when the report cannot tell).

    The same reports as `social_sessions_within` (wholly inside the days), so the platforms add up to its
    figure. None when there is no such report.
    """
    for dimension in SOURCE_DIMENSIONS:
        inside = [r for r in _report_ranges(con, organisation_id, dimension) if r.start >= start and r.end <= end]
        if not inside:
            continue
        rows = _rows_in_ranges(con, organisation_id, dimension, choose_ranges(inside, start, end))
        by_platform: dict[str, int] = {}
        for value, sessions in zip(rows["dimension_value"], rows["sessions"], strict=True):
            source = classify(dimension, str(value))
            if source.source_class == "social" and pd.notna(sessions):
                platform = source.platform or "unknown"
                by_platform[platform] = by_platform.get(platform, 0) + int(sessions)
        return by_platform
    return None


@dataclass(frozen=True)
class WebsiteScreen:
    """Everything the Base platform page shows for one organisation and period."""

    traffic: WebsiteTraffic
    daily: pd.DataFrame  # daily_sessions
    base_url: str | None
    campaign_periods: list[tuple[str, date, date]]


def website_screen(con: duckdb.DuckDBPyConnection, organisation_id: int, start: date, end: date) -> WebsiteScreen:
    """The traffic the GA4 reports give for the period, sessions per day, and the organisation's website."""
    from impact.campaigns.goals import campaign_periods  # goals reads website figures: imported here, not above

    return WebsiteScreen(
        traffic=website_traffic(con, organisation_id, start, end),
        daily=daily_sessions(con, organisation_id, start, end),
        base_url=base_url(con, organisation_id),
        campaign_periods=campaign_periods(con, organisation_id, start, end),
    )


# The reports that can give each total, best first: every row of such a report counts once.
_TOTAL_REPORTS = {
    "sessions": ("date", "source_medium", "channel_group", "first_user_source_medium"),
    "users": ("date", "source_medium", "channel_group", "first_user_source_medium"),
    "views": ("page", "page_title", "date"),  # a Reports snapshot counts views by page title
}


def _report_total(
    con: duckdb.DuckDBPyConnection, organisation_id: int, start: date, end: date, column: str
) -> int | None:
    """One figure added up over report ranges that never share a day, from the reports that carry it.

    Each report's rows add up to the figure for its range. Ranges are chosen as the Base platform page
    chooses them (inside the period first, then the longest), across the kinds of report that can give
    the figure, so a March source report and a May daily report both count, and a day never twice.
    """
    kinds = _TOTAL_REPORTS[column]
    assert column in ("sessions", "users", "views")  # a web_traffic column from this module, never input
    rows = con.execute(
        f"""SELECT dimension, account_id, period_start, period_end, sum({column}) FROM web_traffic
            WHERE organisation_id = $org AND list_contains($kinds, dimension)
              AND period_start <= $end AND period_end >= $start
            GROUP BY ALL HAVING count({column}) > 0""",
        {"org": organisation_id, "kinds": list(kinds), "start": start, "end": end},
    ).fetchall()
    reports = {(str(d), ReportRange(int(a), s, e)): int(total) for d, a, s, e, total in rows}

    def preference(report: tuple[str, ReportRange]) -> tuple[int, int, int, date]:
        kind, r = report
        outside = max(0, (start - r.start).days) + max(0, (r.end - end).days)
        return outside, -(r.end - r.start).days, kinds.index(kind), r.start

    chosen: list[tuple[str, ReportRange]] = []
    accepted = _Disjoint()
    for report in sorted(reports, key=preference):
        if not accepted.overlaps(report[1]):
            chosen.append(report)
            accepted.add(report[1])
    return sum(reports[r] for r in chosen) if chosen else None


def website_totals(
    con: duckdb.DuckDBPyConnection, organisation_id: int, start: date, end: date
) -> dict[str, int | None]:
    """Sessions, users and page views in the period from the GA4 reports, never counting a day twice.

    Users are the reports' users added up (GA4 counts a person again on each day or source), not people.
    """
    return {
        "sessions": _report_total(con, organisation_id, start, end, "sessions"),
        "users": _report_total(con, organisation_id, start, end, "users"),
        "page_views": _report_total(con, organisation_id, start, end, "views"),
    }
