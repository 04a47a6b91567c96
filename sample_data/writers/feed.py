"""Google Alerts feed (an alert delivered to "RSS feed"), as Google serves it and a browser saves it.

Atom, UTF-8, the XML declaration on its own line and the whole feed on the next one, with no line end
after it. The feed: `<id>tag:google.com,2005:reader/user/<user>/state/com.google/alerts/<alert></id>`, the
title "Google Alert - <query>", a self link to https://www.google.com/alerts/feeds/<user>/<alert> and the
newest entry's time as `<updated>`. Entries newest first, each with
`<id>tag:google.com,2013:googlealerts/feed:<number></id>`, an HTML title (`type="html"`: the page's title,
the query's words in `<b>`, entities such as `&#39;`, all escaped once more as XML), one link that is a
Google redirect (https://www.google.com/url?rct=j&sa=t&url=<target>&ct=ga&cd=...&usg=...), `published`
and `updated` (the same UTC time, `Z`), an HTML snippet as `content` ending in `&nbsp;...`, and an empty
author. Start and end tags are written out (`<link ...></link>`), as Google does.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from urllib.parse import quote

ATOM = "http://www.w3.org/2005/Atom"
INDEXING = "urn:atom-extension:indexing"


@dataclass(frozen=True)
class Alert:
    """One entry of an alert: `title` and `snippet` as plain text (the writer makes them HTML)."""

    number: str  # the entry's id is tag:google.com,2013:googlealerts/feed:<number>
    published: datetime  # aware
    target: str  # the page the alert found
    title: str
    snippet: str
    cd: str  # the redirect's tracking parameters
    usg: str


def utc(dt: datetime) -> str:
    """2026-11-19T08:30:00Z"""
    return dt.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def highlight(text: str, query: str) -> str:
    """The text as HTML, the query in <b> where it appears whole, else each of its words."""
    words = [query] if re.search(re.escape(query), text, re.IGNORECASE) else query.split()
    pattern = re.compile("|".join(rf"\b{re.escape(w)}\b" for w in words), re.IGNORECASE)
    out, last = [], 0
    for m in pattern.finditer(text):
        out += [html.escape(text[last : m.start()]), "<b>", html.escape(m.group(0)), "</b>"]
        last = m.end()
    out.append(html.escape(text[last:]))
    return "".join(out).replace("&#x27;", "&#39;")  # Google writes the apostrophe in decimal


def redirect(alert: Alert) -> str:
    """Google's redirect to the target; the target's own ?, = and & escaped so that it stays one parameter."""
    target = quote(alert.target, safe=":/-._~")
    return f"https://www.google.com/url?rct=j&sa=t&url={target}&ct=ga&cd={alert.cd}&usg={alert.usg}"


def _x(text: str) -> str:
    """XML character data and attribute values."""
    return html.escape(text, quote=True).replace("&#x27;", "&#39;")


def entry(alert: Alert, query: str) -> str:
    when = utc(alert.published)
    return (
        f"<entry><id>tag:google.com,2013:googlealerts/feed:{alert.number}</id>"
        f'<title type="html">{_x(highlight(alert.title, query))}</title>'
        f'<link href="{_x(redirect(alert))}"></link>'
        f"<published>{when}</published><updated>{when}</updated>"
        f'<content type="html">{_x(highlight(alert.snippet, query) + "&nbsp;...")}</content>'
        "<author><name></name></author></entry>"
    )


def alerts_feed(user: str, alert_id: str, query: str, alerts: Sequence[Alert]) -> bytes:
    """The feed of one alert; `alerts` in any order (written newest first)."""
    ordered = sorted(alerts, key=lambda a: (a.published, a.number), reverse=True)
    updated = utc(ordered[0].published) if ordered else "1970-01-01T00:00:00Z"
    head = (
        f'<feed xmlns="{ATOM}" xmlns:idx="{INDEXING}">'
        f"<id>tag:google.com,2005:reader/user/{user}/state/com.google/alerts/{alert_id}</id>"
        f"<title>Google Alert - {_x(query)}</title>"
        f'<link href="https://www.google.com/alerts/feeds/{user}/{alert_id}" rel="self"></link>'
        f"<updated>{updated}</updated>"
    )
    body = "".join(entry(a, query) for a in ordered)
    return ('<?xml version="1.0" encoding="utf-8"?>\n' + head + body + "</feed>").encode("utf-8")
