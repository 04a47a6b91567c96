"""Mailchimp account campaigns export (campaigns.csv).

UTF-8, CRLF; header names quoted where they contain a space; title, subject, list and send date
always quoted; `Send Date` like "Dec 09, 2025 10:30 am"; rates with "%" and two decimals; counts
over 999 with a thousands comma, hence quoted ("2,400"); the analytics columns "n/a".
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sample_data.writers.dates import MONTHS, WEEKDAYS_FULL
from sample_data.writers.quoting import quote_all

HEADER = [
    "Title", "Subject", "List", "Send Date", "Send Weekday", "Total Recipients", "Successful Deliveries",
    "Soft Bounces", "Hard Bounces", "Total Bounces", "Times Forwarded", "Forwarded Opens", "Unique Opens",
    "Open Rate", "Total Opens", "Unique Clicks", "Click Rate", "Total Clicks", "Unsubscribes", "Abuse Complaints",
    "Times Liked on Facebook", "Folder Id", "Unique Id", "Total Orders", "Total Gross Sales", "Total Revenue",
    "Analytics ROI", "Campaign Cost", "Revenue Created", "Visits", "New Visits", "Pages/Visit", "Bounce Rate",
    "Time on Site", "Goal Conversion Rate", "Per Visit Goal Value", "Transactions", "Ecommerce Conversion Rate",
    "Per Visit Value", "Average Value",
]  # fmt: skip
ANALYTICS_COLUMNS = 14  # Visits .. Average Value: "n/a" without Google Analytics linked


@dataclass(frozen=True)
class CampaignReport:
    """One sent campaign."""

    title: str
    subject: str
    audience: str
    sent: datetime
    recipients: int
    delivered: int
    soft_bounces: int
    hard_bounces: int
    forwarded: int
    forwarded_opens: int
    unique_opens: int
    total_opens: int
    unique_clicks: int
    total_clicks: int
    unsubscribes: int
    unique_id: str


def send_date(dt: datetime) -> str:
    h = dt.hour % 12 or 12
    return f"{MONTHS[dt.month - 1]} {dt.day:02d}, {dt.year} {h:02d}:{dt.minute:02d} {'am' if dt.hour < 12 else 'pm'}"


def count(n: int) -> str:
    return quote_all(f"{n:,}") if n >= 1000 else str(n)


def _header_name(s: str) -> str:
    return quote_all(s) if " " in s else s


def campaigns_export(campaigns: Sequence[CampaignReport]) -> bytes:
    lines = [",".join(_header_name(h) for h in HEADER)]
    for c in campaigns:
        row = [
            quote_all(c.title), quote_all(c.subject), quote_all(c.audience), quote_all(send_date(c.sent)),
            WEEKDAYS_FULL[c.sent.weekday()], count(c.recipients), count(c.delivered), str(c.soft_bounces),
            str(c.hard_bounces), str(c.soft_bounces + c.hard_bounces), str(c.forwarded), str(c.forwarded_opens),
            count(c.unique_opens), f"{100 * c.unique_opens / c.delivered:.2f}%", count(c.total_opens),
            count(c.unique_clicks), f"{100 * c.unique_clicks / c.delivered:.2f}%", count(c.total_clicks),
            str(c.unsubscribes), "0", "0", "0", c.unique_id, "0", "0", "0",
        ] + ["n/a"] * ANALYTICS_COLUMNS  # fmt: skip
        lines.append(",".join(row))
    return ("\r\n".join(lines) + "\r\n").encode("utf-8")
