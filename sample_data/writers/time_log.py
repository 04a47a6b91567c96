"""The time log in this product's own template (date,person,platform,activity,minutes,campaign,note).

Fields are written as the team typed them (dates, "45" or "1:15" minutes, platform names by hand),
minimal quoting. Plain UTF-8 and LF; or, saved from Excel as "CSV UTF-8", a BOM and CRLF.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from sample_data.writers.quoting import csv_text, quote_minimal

HEADER = ["date", "person", "platform", "activity", "minutes", "campaign", "note"]


class TimeEntry(NamedTuple):
    """One line of the log, every field as written."""

    date: str
    person: str
    platform: str
    activity: str
    minutes: str
    campaign: str = ""
    note: str = ""


def time_log(entries: Sequence[TimeEntry], excel: bool = False) -> bytes:
    """The log's bytes; `excel`: as Excel's "CSV UTF-8" saves it (BOM, CRLF)."""
    rows = [HEADER, *entries]
    if excel:
        return ("\ufeff" + csv_text(rows, quote_minimal, "\r\n")).encode("utf-8")
    return csv_text(rows, quote_minimal, "\n").encode("utf-8")
