"""Mailchimp: the account's campaigns export, and the report of one campaign.

A campaign is a post on the `email` platform: sends are its successful deliveries, opens and
clicks count the people who opened and clicked (Mailchimp's "unique" figures). An e-mail has no
impressions, so none are stored; the open and click rates stay in `extra` as exported.

Both files identify a campaign the same way, so a campaign imported from its report and later
from the account export is one post: its id is a short hash of the campaign title and the send
time written as the account export writes it ("Jun 09, 2018 09:30 pm"). The export's own
`Unique Id` is kept in `extra`; the report does not carry it, so it cannot be the key.

The short campaigns export (Title, Subject, Audience, Send Date, Send Weekday, Total Recipients,
Unique Id) has no deliveries, opens or clicks: its sends are its recipients (bounces included), and
opens and clicks stay unknown. A campaign it lists with fewer than 10 recipients is kept, with the kind
"Test send" (a send to the team before the real one) instead of "Email campaign".
"""

from __future__ import annotations

import csv
import io
import re
from datetime import datetime

from connectors.base import Connector, col

_SEND_FORMAT = "%b %d, %Y %I:%M %p"  # "Jun 09, 2018 09:30 pm" (the export writes am/pm in lower case)
_HINT = "in Mailchimp open Campaigns > Reports, then Export as CSV"
TEST_SEND = "Test send"

_FIELDS = {
    # "Send Time (PT)" exports write the day and the time in two columns; all three take part.
    "post_id": col("Title", "Send Date", "Send Time (PT)", kind="hash", required=True),
    "published_at": col("Send Date", kind="timestamp", formats=(_SEND_FORMAT, "%b %d, %Y")),
    "text": col("Subject", kind="text"),
    "kind": col("Kind", kind="text", constant="Email campaign"),
    "sends": col("Successful Deliveries"),
    "opens": col("Unique Opens"),
    "clicks": col("Unique Clicks"),
}

CAMPAIGNS = Connector(
    name="mailchimp_campaigns",
    label="Mailchimp campaigns export",
    platform="email",
    table="post",
    signature=("title", "subject", "unique id", "successful deliveries", "unique opens"),
    fields=_FIELDS,
    engagement_note="No engagements: an e-mail has no impressions. Opens and clicks count people.",
    hint=_HINT,
)


# The short campaigns export: no deliveries, opens or clicks, only how many people it was sent to.
SHORT_CAMPAIGNS = Connector(
    name="mailchimp_campaigns_short",
    label="Mailchimp campaigns export (short: title, audience, send date, recipients)",
    platform="email",
    table="post",
    signature=("title", "subject", "send date", "total recipients", "unique id"),
    excludes=("successful deliveries", "unique opens"),  # the full export (CAMPAIGNS)
    fields={
        **_FIELDS,
        # Its only count: the people it was sent to. Opens and clicks are unknown (NULL), never 0.
        "sends": col("Total Recipients"),
        # Sent to fewer than 10 people (one digit): a test send, kept under a kind of its own.
        "kind": col(
            "Total Recipients", kind="category", categories=((r"^[0-9]$", TEST_SEND),), default="Email campaign"
        ),
    },
    engagement_note=CAMPAIGNS.engagement_note + " The short export has recipients only: no opens or clicks.",
    hint=_HINT,
)


# ------------------------------------------------------------------------------------------------
# The report of one campaign: a key/value document

# Report keys -> the account export's column names, so both files share one mapping.
_STAT_COLUMNS = {
    "total recipients": "Total Recipients",
    "successful deliveries": "Successful Deliveries",
    "bounces": "Total Bounces",
    "times forwarded": "Times Forwarded",
    "forwarded opens": "Forwarded Opens",
    "recipients who opened": "Unique Opens",
    "total opens": "Total Opens",
    "recipients who clicked": "Unique Clicks",
    "clicks": "Total Clicks",
    "total clicks": "Total Clicks",
    "total unsubs": "Unsubscribes",
    "total abuse complaints": "Abuse Complaints",
}
# The figures without which a report says nothing about the campaign.
_ESSENTIAL = ("Successful Deliveries", "Unique Opens")


def matches_report(text: str) -> bool:
    """A Mailchimp campaign report: 'Campaign Report' at the top and a "Title:" line."""
    top = text.lstrip("\ufeff").lstrip()[:200]
    return bool(re.match(r'^"?(Email )?Campaign Report"?\s*$', top.splitlines()[0] if top else "")) and bool(
        re.search(r'^"?Title:"?,', text, re.M)
    )


def _sections(text: str) -> tuple[dict[str, str], dict[str, dict[str, str]]]:
    """The key/value pairs above the first section, and those of each section ("Overall Stats")."""
    head: dict[str, str] = {}
    sections: dict[str, dict[str, str]] = {}
    current = head
    for cells in csv.reader(io.StringIO(text)):
        cells = [c.strip() for c in cells]
        if not any(cells):
            continue
        if len([c for c in cells if c]) == 1 and not cells[0].endswith(":"):
            if not re.fullmatch(r"(Email )?Campaign Report", cells[0]):  # the document's own title
                current = sections.setdefault(cells[0], {})  # a section title: "Overall Stats"
            continue
        if cells[0].endswith(":"):
            current[cells[0][:-1].strip().lower()] = cells[1] if len(cells) > 1 else ""
    return head, sections


def _count(value: str) -> str:
    """The count in "350 (35.18%)" or "1,751"; other text is kept, so the import names it."""
    match = re.match(r"^\s*([\d.,]+)\s*(\(.*\))?\s*$", value)
    return match.group(1) if match else value


def _send_date(value: str) -> str:
    """ "Mon, Apr 26, 2021 12:25" written as the account export writes it; unknown forms unchanged."""
    for fmt in ("%a, %b %d, %Y %H:%M", "%a, %b %d, %Y %I:%M %p", "%b %d, %Y %H:%M"):
        try:
            moment = datetime.strptime(value.strip(), fmt)
        except ValueError:
            continue
        return moment.strftime("%b %d, %Y %I:%M ") + moment.strftime("%p").lower()
    return value


def _overall(sections: dict[str, dict[str, str]]) -> tuple[dict[str, str], list[str]]:
    """The campaign's figures, and its subject lines.

    A/B campaigns have no "Overall Stats": each "Combination N Stats" reached its own recipients,
    so the campaign's figures are their sums.
    """
    if "Overall Stats" in sections:
        stats = sections["Overall Stats"]
        figures = {_STAT_COLUMNS[k]: _count(v) for k, v in stats.items() if k in _STAT_COLUMNS and v}
        return figures, [stats["subject line"]] if stats.get("subject line") else []
    combinations = [s for name, s in sections.items() if re.fullmatch(r"Combination \d+ Stats", name)]
    sums: dict[str, str] = {}
    subjects: list[str] = []
    for stats in combinations:
        if stats.get("subject line") and stats["subject line"] not in subjects:
            subjects.append(stats["subject line"])
        for key, value in stats.items():
            column = _STAT_COLUMNS.get(key)
            number = _count(value).replace(",", "")
            if column and number.isdigit():
                sums[column] = str(int(sums.get(column, "0")) + int(number))
    return sums, subjects


def prepare_report(text: str) -> str:
    """The report as a one-row table with the account export's column names."""
    head, sections = _sections(text)
    title = head.get("title", "")
    if not title:
        raise ValueError('looks like a Mailchimp campaign report, but its "Title:" line is missing or empty.')
    figures, subjects = _overall(sections)
    missing = [c for c in _ESSENTIAL if c not in figures]
    if missing:
        raise ValueError(
            f"looks like the Mailchimp report of '{title}', but its figures ({', '.join(missing)}) are missing; "
            "the file may be cut off. Export the report again."
        )
    subject = head.get("subject line") or " / ".join(subjects)
    row = {"Title": title, "Subject": subject, "Send Date": _send_date(head.get("delivery date/time", ""))}
    if head.get("list"):
        row["List"] = head["list"]
    row.update(figures)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(row.keys())
    writer.writerow(row.values())
    return out.getvalue()


REPORT = Connector(
    name="mailchimp_campaign_report",
    label="Mailchimp campaign report (one campaign)",
    platform="email",
    table="post",
    # Only recognised by its text (matches_report); the signature is its first line.
    signature=("campaign report",),
    fields=_FIELDS,
    engagement_note=CAMPAIGNS.engagement_note,
    matches_text=matches_report,
    prepare=prepare_report,
    hint="in Mailchimp open the campaign's report, then Download > Export as CSV",
)

CONNECTORS = [CAMPAIGNS, SHORT_CAMPAIGNS, REPORT]
