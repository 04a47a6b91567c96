"""Interactions in this product's own template (date,platform,person,name,kind,post,followers).

One line per interaction, every field as the person keeping the sheet typed it (the platform and the kind
in their own words, a handle with or without its @, followers only where they noted them), minimal
quoting, plain UTF-8 and LF, as a spreadsheet saves "CSV UTF-8" without a byte-order mark.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from sample_data.writers.quoting import csv_text, quote_minimal

HEADER = ["date", "platform", "person", "name", "kind", "post", "followers"]


class InteractionLine(NamedTuple):
    """One line of the sheet, every field as written."""

    date: str
    platform: str
    person: str
    name: str
    kind: str
    post: str
    followers: str = ""


def interactions(lines: Sequence[InteractionLine]) -> bytes:
    """The sheet's bytes: the header, then the lines in the order given."""
    return csv_text([HEADER, *lines], quote_minimal, "\n").encode("utf-8")
