"""Listening: what others wrote about the organisation, from its listening feeds (Google Alerts, news searches).

Each item of a listening feed is a mention (table `mention`, platform 'web'): its feed is its account,
so the account's handle is the feed's name. A mention counts on the organisation's local day of its
publication (its time is UTC, moved to the organisation's zone like a post's on X); one without a date
falls in no period. A mention is counted, never weighed: a feed says nothing of how many people read it
or what they thought.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from urllib.parse import urlsplit

import duckdb
import pandas as pd

from impact.definitions.sql import LOCAL_TIME, base_host, mentions_between, organisation_timezone

LATEST = 50  # the latest mentions the page lists
TEXT_CHARS = 300  # a mention's summary is cut here on the page: a preview, the link has the rest
NO_KEYWORDS = "(no keywords)"

# The period's mentions (the one definition, shared with the summary) with their local time and their
# feed's name. LOCAL_TIME reads `platform`, which the account table has too, so it is taken before the
# join. Needs $org, $tz, $start, $end.
_IN_PERIOD = f"""(
    SELECT m.*, a.handle AS source
    FROM (SELECT *, {LOCAL_TIME} AS local_time FROM {mentions_between()}) m JOIN account a ON a.id = m.account_id)"""


@dataclass(frozen=True)
class ListeningScreen:
    """Everything the Listening page shows for one organisation and period."""

    weekly_by_source: pd.DataFrame  # week (Monday), source, mentions
    weekly_by_keyword: pd.DataFrame  # week (Monday), keywords, mentions
    latest: pd.DataFrame  # published (local time), source, title, url, text, author; newest first
    mentions: int  # in the period
    sources: int  # feeds the period's mentions came from
    ever: int  # the organisation's mentions in any period: 0 means no listening feed has brought any yet
    base_host: str | None  # the host of the organisation's website, None when it has none
    linking: int | None  # the period's mentions whose link is on that host; None without a host

    @property
    def linking_share(self) -> float | None:
        """Mentions linking to the base platform ÷ all the period's mentions; None without a host or a mention."""
        if self.linking is None or not self.mentions:
            return None
        return self.linking / self.mentions

    @property
    def by_keyword(self) -> pd.DataFrame:
        """keywords, mentions over the whole period, most first."""
        return _totals(self.weekly_by_keyword, "keywords")

    @property
    def by_source(self) -> pd.DataFrame:
        """source, mentions over the whole period, most first."""
        return _totals(self.weekly_by_source, "source")


def _totals(weekly: pd.DataFrame, column: str) -> pd.DataFrame:
    totals = weekly.groupby(column, as_index=False)["mentions"].sum()
    return totals.sort_values(["mentions", column], ascending=[False, True]).reset_index(drop=True)


def links_to(url: str | None, host: str) -> bool:
    """The link's host is `host` or a subdomain of it (news.example.org), not a name that merely ends alike."""
    try:
        found = (urlsplit((url or "").strip()).hostname or "").rstrip(".")
    except ValueError:  # a malformed address (an unclosed IPv6 bracket) links nowhere
        return False
    return found == host or found.endswith("." + host)


def _params(con: duckdb.DuckDBPyConnection, organisation_id: int, start: date, end: date) -> dict[str, object]:
    return {"org": organisation_id, "tz": organisation_timezone(con, organisation_id), "start": start, "end": end}


def _weekly(con: duckdb.DuckDBPyConnection, params: dict[str, object], column: str) -> pd.DataFrame:
    """Mentions per week (from Monday, as every weekly figure) and per value of one column."""
    value = {"source": "source", "keywords": "nullif(trim(keywords), '')"}[column]  # our own SQL, never input
    frame = con.execute(
        f"""SELECT CAST(date_trunc('week', local_day) AS DATE) AS week, {value} AS {column}, count(*) AS mentions
            FROM {_IN_PERIOD} GROUP BY ALL ORDER BY week, {column}""",
        params,
    ).df()
    frame[column] = frame[column].fillna(NO_KEYWORDS)  # a feed that names no keywords still counts
    return frame


def _latest(con: duckdb.DuckDBPyConnection, params: dict[str, object]) -> pd.DataFrame:
    """The period's newest mentions, their summary cut to a preview."""
    frame = con.execute(
        f"""SELECT local_time AS published, source, title, url, text, author FROM {_IN_PERIOD}
            ORDER BY local_time DESC, mention_id LIMIT $limit""",
        {**params, "limit": LATEST},
    ).df()
    frame["text"] = [_preview(t) for t in frame["text"]]
    return frame


def _preview(text: object) -> str:
    """The first TEXT_CHARS characters, cut at a word and marked as cut."""
    text = "" if text is None or pd.isna(text) else str(text)
    if len(text) <= TEXT_CHARS:
        return text
    return text[:TEXT_CHARS].rsplit(" ", 1)[0].rstrip() + " …"


def listening_screen(con: duckdb.DuckDBPyConnection, organisation_id: int, start: date, end: date) -> ListeningScreen:
    """Mentions per week by feed and by keywords, the latest mentions, and the period's totals."""
    params = _params(con, organisation_id, start, end)
    urls = [row[0] for row in con.execute(f"SELECT url FROM {_IN_PERIOD}", params).fetchall()]
    sources = con.execute(f"SELECT count(DISTINCT account_id) FROM {_IN_PERIOD}", params).fetchone()
    ever = con.execute("SELECT count(*) FROM mention WHERE organisation_id = $org", {"org": organisation_id}).fetchone()
    site = con.execute("SELECT base_url FROM organisation WHERE id = $org", {"org": organisation_id}).fetchone()
    host = base_host(site[0] if site else None)
    return ListeningScreen(
        weekly_by_source=_weekly(con, params, "source"),
        weekly_by_keyword=_weekly(con, params, "keywords"),
        latest=_latest(con, params),
        mentions=len(urls),
        sources=int(sources[0]) if sources else 0,
        ever=int(ever[0]) if ever else 0,
        base_host=host,
        linking=None if host is None else sum(links_to(url, host) for url in urls),
    )
