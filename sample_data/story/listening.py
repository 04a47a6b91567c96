"""Listening: what fictional news sites and blogs wrote about each organisation, as its Google Alert found it.

Each organisation set up a Google Alert on its own name, delivered to an RSS feed, and saved the feed
with its other exports (google_alerts.xml; Kutch Mahila Bachat Network's on 21 May 2026, with its last
downloads). The stories are texts/alerts/<folder>.json, each with `when` it was published: a campaign's
tag (a day of that campaign, most likely at its peak), a day ("2026-06-13") or a window of days
("2026-06-01/2026-06-12"). A `url` starting with "/" is a page on the organisation's own website;
`again` (days) has Google alert the same page a second time, under a new entry id, as it does when a
page changes or is found again. The story is told by the JSON: more stories during the campaigns, few
in a bad month, none for a stale organisation after its last export.
"""

from __future__ import annotations

import base64
import random
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sample_data.story.orgs import Org
from sample_data.story.period import IST, START, month_key
from sample_data.story.texts import load_json
from sample_data.story.year import B64URL, Year
from sample_data.writers.feed import Alert, alerts_feed

ALERTS_NAME = "google_alerts.xml"


@dataclass(frozen=True)
class ListeningStats:
    """What an organisation's alert feed adds up to, by the organisation's local day (IST)."""

    mentions_by_month: dict[str, int]
    mentions: int
    on_site: int  # on the organisation's own website
    repeated: int  # pages alerted twice
    last: date
    own_pages: dict[str, datetime]  # each page on its own website: when Google first found it


def story_days(year: Year, when: str) -> tuple[list[date], list[float]]:
    """The days a story may have been published on, and their weights: `when` is a campaign's tag (its days,
    weighted towards its peak), a day ("2026-06-13") or a window of days ("2026-06-01/2026-06-12")."""
    campaigns = {c.tag: c for c in year.org.campaigns}
    if when in campaigns:
        c = campaigns[when]
        days = [d for d in year.days if c.start <= d <= c.end]
        return days, [year.campaign(d)[1] ** 2 for d in days]
    first, _, last = when.partition("/")
    a, b = date.fromisoformat(first), date.fromisoformat(last or first)
    days = [d for d in year.days if a <= d <= b]
    if not days:
        raise ValueError(f"{year.org.folder}: no day of its exports in {when}")
    return days, [1.0] * len(days)


def _moment(rng: random.Random, d: date) -> datetime:
    """When Google found the page: any time from early morning to late night, IST."""
    return datetime.combine(d, time(rng.randrange(6, 24), rng.randrange(60), rng.randrange(60)), IST)


def build_alerts(org: Org, year: Year) -> tuple[bytes, int, ListeningStats]:
    """The organisation's Google Alerts feed: (bytes, entries, what they add up to)."""
    rng = random.Random(org.folder + "/alerts")
    user = f"{rng.randrange(2**64):020d}"  # a 64-bit number, written with 20 digits
    alert_id = str(rng.randrange(10**18, 2**64))
    tracking = "".join(rng.choice("0123456789abcdef") for _ in range(16))  # the alert's, in every link's cd

    def alert(published: datetime, target: str, title: str, snippet: str) -> Alert:
        cd = bytes([0x08, rng.randrange(4), 0x32, 26]) + f"{tracking}:com:en:IN".encode()
        return Alert(
            number=str(rng.randrange(10**18, 2**64)),
            published=published,
            target=target,
            title=title,
            snippet=snippet,
            cd=base64.b64encode(cd).decode(),
            usg="AOvVaw" + "".join(rng.choice(B64URL) for _ in range(22)),
        )

    alerts: list[Alert] = []
    repeated = 0
    for story in load_json(f"alerts/{org.folder}.json"):
        url: str = story["url"]
        if url.startswith("/"):
            if org.base_url is None:
                raise ValueError(f"{org.folder}: a page on its website, but it has none: {url}")
            url = org.base_url + url
        days, weights = story_days(year, story["when"])
        published = _moment(rng, rng.choices(days, weights)[0])
        alerts.append(alert(published, url, story["title"], story["snippet"]))
        if "again" in story:
            later = published + timedelta(days=story["again"], hours=rng.randrange(-6, 7))
            alerts.append(alert(later, url, story["title"], story["snippet"]))
            repeated += 1
    local_days = [a.published.astimezone(IST).date() for a in alerts]
    if min(local_days) < START or max(local_days) > org.last_day:
        raise ValueError(f"{org.folder}: a mention outside {START}..{org.last_day}")
    by_month: dict[str, int] = {}
    for d in sorted(local_days):
        by_month[month_key(d)] = by_month.get(month_key(d), 0) + 1
    own = sorted((a.published, a.target) for a in alerts if org.base_url and a.target.startswith(f"{org.base_url}/"))
    own_pages: dict[str, datetime] = {}
    for published, target in own:
        own_pages.setdefault(target, published)
    stats = ListeningStats(by_month, len(alerts), len(own), repeated, max(local_days), own_pages)
    return alerts_feed(user, alert_id, org.name, alerts), len(alerts), stats
