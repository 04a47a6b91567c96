"""Google Analytics 4 exploration downloads: Traffic acquisition by session source / medium, and by date.

UTF-8 without BOM; a `#` preamble (title, account, property, start and end dates as YYYYMMDD) above the
header; minimal quoting; numbers unformatted, as JavaScript prints them (1, 0.5, 0.3333333333333333).
The source / medium report as downloaded here has CRLF line ends, the by-date one LF.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from sample_data.writers.quoting import csv_text, quote_minimal

SOURCE_MEDIUM_TITLE = "Traffic acquisition: Session source / medium"
SOURCE_MEDIUM_HEADER = [
    "Session source / medium", "Users", "Sessions", "Engaged sessions", "Average engagement time per session",
    "Engaged sessions per user", "Events per session", "Engagement rate", "Event count", "Key events",
    "Session key event rate", "Total revenue",
]  # fmt: skip
SOURCE_MEDIUM_NAME = "Traffic_acquisition_Session_source_medium.csv"
DATE_TITLE = "Traffic acquisition: Date"
DATE_HEADER = ["Date", "Total users", "New users", "Sessions", "Engaged sessions", "Engagement rate", "Key events"]
DATE_NAME = "Traffic_acquisition_Date.csv"

Cell = str | int | float


def js_num(x: float) -> str:
    """Numbers as GA4 writes them: shortest round-trip form, no ".0" on whole numbers."""
    return str(int(x)) if float(x).is_integer() else repr(float(x))


def day(d: date) -> str:
    """The day as "20251201"."""
    return d.strftime("%Y%m%d")


def preamble(title: str, account: str, property_name: str, start: date, end: date) -> list[str]:
    return [
        "# ----------------------------------------",
        f"# {title}",
        f"# Account: {account}",
        f"# Property: {property_name}",
        "# ----------------------------------------",
        "# ",
        "# All Users",
        f"# Start date: {day(start)}",
        f"# End date: {day(end)}",
    ]


def report(
    title: str,
    account: str,
    property_name: str,
    start: date,
    end: date,
    header: Sequence[str],
    rows: Sequence[Sequence[Cell]],
    eol: str,
) -> bytes:
    """Any report: the preamble, the header, then the rows (strings as they are, numbers as GA4 prints them)."""
    text = eol.join(preamble(title, account, property_name, start, end)) + eol
    table = [list(header)] + [[c if isinstance(c, str) else js_num(c) for c in row] for row in rows]
    return (text + csv_text(table, quote_minimal, eol)).encode("utf-8")


def source_medium_report(
    account: str, property_name: str, start: date, end: date, rows: Sequence[Sequence[Cell]]
) -> bytes:
    """Rows as SOURCE_MEDIUM_HEADER; CRLF."""
    return report(SOURCE_MEDIUM_TITLE, account, property_name, start, end, SOURCE_MEDIUM_HEADER, rows, "\r\n")


def date_report(account: str, property_name: str, start: date, end: date, rows: Sequence[Sequence[Cell]]) -> bytes:
    """Rows as DATE_HEADER, the day as day(d); LF."""
    return report(DATE_TITLE, account, property_name, start, end, DATE_HEADER, rows, "\n")
