"""The declarative shape of a connector: what it recognises and how its columns map.

A connector is plain data: a header signature, a mapping from canonical columns to the
export's columns with a parse kind for each, and the table it fills. impact/store/staging.py
compiles this into one DuckDB query, so connectors know nothing of DuckDB.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal

from connectors.aliases import HEADER_ALIASES

Table = Literal["post", "account_day", "outcome", "time_entry", "web_traffic", "mention", "interaction"]

# Parse kinds understood by impact/store/staging.py. Each maps raw text to a typed value and marks the
# row rejected when a non-empty cell does not parse ("abc" in a count column never becomes 0).
Kind = Literal[
    "text",  # free text, kept as is
    "id",  # identifier: trimmed text (YouTube ids come with a leading space)
    "count",  # whole number from 0 to 10^12; "1,234" and "1938.0" accepted, "1.234" only where "." groups thousands
    "number",  # decimal number
    "fraction",  # a rate given as a fraction (0.0093)
    "percent",  # a rate given in percent ("5.02" or "27.78%"), stored as a fraction
    "timestamp",  # date and time, formats listed in Field.formats
    "date",  # a calendar day, formats listed in Field.formats
    "hms",  # a duration H:MM:SS, stored in seconds
    "snowflake_time",  # an X post id, decoded to the UTC time it was created
    "money",  # an amount: "1,234.56", "1.234,56", "₹ 1,200", "Rs. 500", "US$ 5"; the decimal mark is read per cell,
    # at most 2 decimals (3 for BHD, KWD, OMR, JOD, TND, LYD, IQD), no exponent ("1.5e3" is refused)
    "monthday",  # a day without a year ("February 28", "8 de marzo"): the latest such day not after the export
    "category",  # text classified by Field.categories: the value of the first regex that matches
    "hash",  # text (an e-mail, a name) kept only as a short hash: counts people without naming them
    "minutes",  # a duration "H:MM:SS", "1:30" or decimal hours "1.5" (Field.scale=60), stored in minutes (0 to 24 h)
]


@functools.lru_cache(maxsize=65536)  # detection compares every file's header with every format's, many times
def normalise_header(name: str) -> str:
    """Header names compare case-, space- and BOM-insensitively, and across interface languages."""
    normalised = re.sub(r"\s+", " ", name.replace("\ufeff", "")).strip().lower()
    return HEADER_ALIASES.get(normalised, normalised)


@dataclass(frozen=True)
class Field:
    """One canonical column: where it comes from in the export and how to parse it."""

    # Header names across vintages and languages. Every one present is read, and the first
    # non-empty value wins (Meta puts a caption in Title or in Description).
    sources: tuple[str, ...]
    kind: Kind = "count"
    formats: tuple[str, ...] = ()  # strptime formats for dates and timestamps
    occurrence: int = 0  # for duplicate header names: 0 = first column of that name
    utc: bool = False  # the timestamp carries an offset; store it as UTC
    required: bool = False  # a row without a value is rejected
    # Dates: every cell of a file uses the same one of `formats` (PayPal writes 04/01/2022 for
    # 4 January in Europe, 1 April in the US); the first under which all cells parse is used.
    one_format: bool = False
    pattern: str | None = None  # regex with one group: keep only that part of the text (text, id, snowflake_time)
    scale: float = 1.0  # multiply a number (seconds viewed -> hours)
    template: str | None = None  # build text from the value: "https://youtu.be/{}"
    # For kind "category": (regex, value) pairs tried in order, case-insensitively; no match gives `default`.
    # For kinds text and id: an empty cell gives `default` (GA4's per-day rows have the dimension value "").
    categories: tuple[tuple[str, str], ...] = ()
    default: str | None = None
    # Read the value from the lines above the header (GA4's "# Start date: 20260224"): a regex with
    # one group. The field then has no column; `sources` only names it in messages.
    preamble: str | None = None
    # A constant value for every row (the dimension a GA4 report is broken down by).
    constant: str | None = None
    # Read every source, joined by a space, instead of the first non-empty one: a start given as a
    # date column and a time column (Toggl), or a category named in any of several columns.
    joined: bool = False
    # Kinds money and number: the first source minus the others. Razorpay reports refunds on the
    # payment's own row (amount, amount_refunded), so what was kept is the difference.
    net: bool = False
    # Kind text: upper-case the value (Stripe writes currencies as "usd").
    upper: bool = False
    # Kinds count, number and money: the format means negative values here (a refund's amount, a net
    # change of followers). Elsewhere a negative value rejects its row.
    negative: bool = False


def col(*sources: str, kind: Kind = "count", **options: object) -> Field:
    """Shorthand for a Field."""
    return Field(sources=sources, kind=kind, **options)  # type: ignore[arg-type]


@dataclass(frozen=True)
class Connector:
    """An export format: its signature, its mapping and its natural key."""

    name: str  # stable identifier, stored in import_batch
    label: str  # what people call the file ("X post analytics (x.com, 2024+)")
    platform: str  # canonical platform id: x, facebook, instagram, youtube, ...
    table: Table
    signature: tuple[str, ...]  # header names (normalised) that must all be present
    fields: dict[str, Field]
    # Header names whose presence means it is NOT this format (to tell near-twins apart).
    excludes: tuple[str, ...] = ()
    # A row of descriptions under the header (Facebook's classic exports: "Lifetime: The total number of
    # people ..."), which people delete before uploading: a regex some cell of that row matches. Detection
    # counts the row among the lines before the data only when it is there, so no post or day is lost.
    description_row: str | None = None
    # Rows to drop silently: canonical column -> regex matched against the raw cell.
    drop_rows: dict[str, str] = field(default_factory=dict)
    # Rows whose raw value does not match are rejected with the sentence given:
    # canonical column -> (regex, reason).
    expect: dict[str, tuple[str, str]] = field(default_factory=dict)
    # How the account handle is found: a canonical column of this file, or None (default account).
    handle_field: str | None = None
    # Regex with one group that pulls the handle out of the file name (X daily exports).
    handle_from_filename: str | None = None
    # How engagements are counted for this format, shown next to the figure in the app.
    engagement_note: str = ""
    # Canonical columns summed into `engagements` when the export has no total of its own.
    engagement_parts: tuple[str, ...] = ()
    # The field whose value is each row's platform (a canonical id), for files that mix platforms (the
    # interactions template); a row without one is filed under `platform`.
    platform_field: str | None = None
    # Files with a title line above the header (Meta page insights: "Facebook follows") decide
    # their platform and metric from it: title -> (platform, fields), or None if not understood.
    resolve_title: Callable[[str], tuple[str, dict[str, Field]] | None] | None = None
    # Rows kept only when the raw cell matches (case-insensitive regex), canonical column -> regex; the
    # others are counted as set aside, with `keep_note` saying why (PayPal: withdrawals are not donations).
    keep_only: dict[str, str] = field(default_factory=dict)
    keep_note: str = ""
    # Rows set aside with a reason of their own, tried before keep_only: (canonical column, regex matched
    # case-insensitively against the raw cell, an empty cell as "", reason). PayPal: a seller's eBay sales.
    set_aside_as: tuple[tuple[str, str, str], ...] = ()
    # For documents that are not one table (Mailchimp's key/value report, GA4's blocks): recognise the
    # text, and turn it into one CSV table whose header carries the signature. Small files only.
    matches_text: Callable[[str], bool] | None = None
    prepare: Callable[[str], str] | None = None
    hint: str = ""  # how to get this export, shown when something is missing
    # Files recognised but holding nothing the store keeps (YouTube's per-video chart data).
    ignore_reason: str | None = None
    # Unmapped columns NOT kept in `extra`: regexes matched case-insensitively against the header name
    # (Facebook's page-level export repeats each metric per week, per 28 days and per city).
    extra_excludes: tuple[str, ...] = ()
