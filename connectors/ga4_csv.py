"""Google Analytics 4: a report downloaded with Share > Download file > CSV.

A `#` comment preamble names the property and the period (`# Start date: 20260224`), then one
table follows. Each report is broken down by one dimension (source / medium, channel group,
page); its rows become `web_traffic` rows for the whole period. A report by `Date` gives one row
per day instead. Numbers are unformatted; rates are fractions; times are seconds (kept in extra).

The older "Report CSV Export" (`data-export.csv`, 2022-23) holds several tables separated by blank
lines, each with its own `# Start date` block; `prepare_blocks` turns its daily tables into one.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import replace
from datetime import datetime, timedelta

from connectors.base import Connector, Field, col

_GA4_DAY = ("%Y%m%d",)
_HINT = "in Google Analytics open the report, then Share this report > Download file > Download CSV"


def _from_preamble(which: str) -> Field:
    """The report's first or last day, from its `# Start date: 20260224` line."""
    return col(
        f"{which} date", kind="date", formats=_GA4_DAY, required=True, preamble=rf"^#\s*{which} date:\s*(\d{{8}})"
    )


# The same metric has had several names: "Users" (2023) became "Total users"; reports about
# pages count "Active users"; "Conversions" became "Key events" in March 2024.
_METRICS: dict[str, Field] = {
    "sessions": col("Sessions"),
    "users": col("Total users", "Active users", "Users"),
    "new_users": col("New users"),
    "views": col("Views"),
    "engaged_sessions": col("Engaged sessions"),
    "key_events": col("Key events", "Conversions"),
}
_PROPERTY = col("Property", kind="text", preamble=r"^#\s*Property:\s*(.+?)\s*$")

# The dimensions a report can be broken down by: (id stored in web_traffic.dimension, column, label).
_DIMENSIONS = (
    ("source_medium", "Session source / medium", "Traffic acquisition by session source / medium"),
    ("channel_group", "Session default channel group", "Traffic acquisition by session default channel group"),
    ("first_user_source_medium", "First user source / medium", "User acquisition by first user source / medium"),
    ("page", "Page path and screen class", "Pages and screens by page path and screen class"),
)
# The metric that, with the dimension, identifies each report's header.
_SIGNATURE_METRIC = {
    "source_medium": "sessions",
    "channel_group": "sessions",
    "first_user_source_medium": "new users",
    "page": "views",
}
# Some downloads carry a summary row; it is the sum of the other rows, not a source of its own.
_TOTAL_ROW = r"^(Grand total|Total)$"


def _report(dimension: str, column: str, label: str) -> Connector:
    """A report broken down by one dimension, for the whole period of the download."""
    return Connector(
        name=f"ga4_{dimension}",
        label=f"Google Analytics 4 report: {label}",
        platform="website",
        table="web_traffic",
        signature=(column.lower(), _SIGNATURE_METRIC[dimension]),
        fields={
            "property": _PROPERTY,
            "period_start": _from_preamble("Start"),
            "period_end": _from_preamble("End"),
            "dimension": col("Dimension", kind="text", constant=dimension),
            "dimension_value": col(column, kind="text", required=True),
            **_METRICS,
        },
        excludes=("date",),  # a report per day is the `_by_day` twin below
        drop_rows={"dimension_value": _TOTAL_ROW},
        handle_field="property",
        hint=_HINT,
    )


def _by_day(report: Connector) -> Connector:
    """The same report with Date as a second dimension: each row is one day."""
    day = col("Date", kind="date", formats=_GA4_DAY, required=True)
    return replace(
        report,
        name=f"{report.name}_by_day",
        label=f"{report.label}, per day",
        signature=(*report.signature, "date"),
        excludes=(),
        fields={**report.fields, "period_start": day, "period_end": day},
    )


REPORTS = [_report(*d) for d in _DIMENSIONS]
# Per day only by source / medium so far; the other reports with a Date column are not recognised.
REPORTS_BY_DAY = [_by_day(REPORTS[0])]

BY_DATE = Connector(
    name="ga4_date",
    label="Google Analytics 4 report by Date",
    platform="website",
    table="web_traffic",
    # Longer than YouTube Totals' ("date", "views"), which a GA4 report by Date also carries.
    signature=("date", "sessions", "engaged sessions"),
    fields={
        "property": _PROPERTY,
        "period_start": col("Date", kind="date", formats=_GA4_DAY, required=True),
        "period_end": col("Date", kind="date", formats=_GA4_DAY, required=True),
        "dimension": col("Dimension", kind="text", constant="date"),
        "dimension_value": col("Dimension value", kind="text", constant=""),
        **_METRICS,
    },
    # A report by Date and another dimension is one of the connectors above.
    excludes=tuple(column.lower() for _, column, _ in _DIMENSIONS),
    handle_field="property",
    hint=_HINT,
)


# ------------------------------------------------------------------------------------------------
# The multi-table "Report CSV Export" (data-export.csv)

_PER_DAY = "per day"


def matches_blocks(text: str) -> bool:
    """A GA4 download holding several tables, each under its own `# Start date` line."""
    if not text.lstrip().startswith("#"):
        return False
    return (
        bool(re.search(r"^#\s*Report CSV Export\s*$", text, re.M))
        or len(re.findall(r"^#\s*Start date:", text, re.M)) >= 2
    )


def _blocks(text: str) -> list[tuple[list[str], list[list[str]]]]:
    """(comment lines, table rows) per table; tables are separated by blank lines."""
    blocks: list[tuple[list[str], list[list[str]]]] = []
    comments: list[str] = []
    rows: list[list[str]] = []
    for line in text.splitlines():
        if line.startswith("#"):
            if rows:  # a comment after a table starts the next block
                blocks.append((comments, rows))
                comments, rows = [], []
            comments.append(line)
        elif not line.strip():
            if rows:
                blocks.append((comments, rows))
                comments, rows = [], []
        else:
            rows.append(next(csv.reader([line])))
    if rows or comments:
        blocks.append((comments, rows))
    return blocks


def _comment_value(lines: list[str], key: str) -> str | None:
    for line in lines:
        match = re.match(rf"^#\s*{key}:\s*(.+?)\s*$", line)
        if match:
            return match.group(1)
    return None


def _day_of(index: str, start: datetime | None) -> str | None:
    """A table row's day as YYYYMMDD: `Nth day` counts days from the start date; `Date` is the day."""
    if re.fullmatch(r"\d{8}", index):
        return index
    if start is not None and re.fullmatch(r"\d{1,5}", index):
        return (start + timedelta(days=int(index))).strftime("%Y%m%d")
    return None


def prepare_blocks(text: str) -> str:
    """The daily tables of a multi-table GA4 download merged into one table, one row per day.

    Tables by another dimension (country, month) are listed as rows marked in `Block`, which the
    connector sets aside and counts, so they are reported, never stored under a wrong key.
    """
    property_name = ""
    days: dict[str, dict[str, str]] = {}
    metrics: list[str] = []
    unplaced: list[str] = []
    for comments, rows in _blocks(text):
        property_name = property_name or _comment_value(comments, "Property") or ""
        # Each table has its own period; one without it cannot be placed (never borrow another's).
        start_text = _comment_value(comments, "Start date")
        if not rows:
            continue
        header, data = rows[0], rows[1:]
        if not data:
            continue  # a table with no rows (revenue of a site that sells nothing)
        start = datetime.strptime(start_text, "%Y%m%d") if start_text and re.fullmatch(r"\d{8}", start_text) else None
        dimension = header[0].strip().lower()
        placed = dimension in ("nth day", "date") and (start is not None or dimension == "date")
        day_rows = [(_day_of(r[0].strip(), start), r) for r in data if r] if placed else []
        if not placed or any(day is None for day, _ in day_rows):
            unplaced.append(f"{' × '.join(h.strip() for h in header)} ({len(data)} rows)")
            continue
        for name in header[1:]:
            if name not in metrics:
                metrics.append(name)
        for day, row in day_rows:
            assert day is not None
            values = days.setdefault(day, {})
            values.update({name: value for name, value in zip(header[1:], row[1:], strict=False) if value.strip()})
    if not days:
        found = "; ".join(unplaced) or "no tables with rows"
        raise ValueError(
            f"looks like a Google Analytics 'Report CSV Export', but it holds no daily table (Nth day or Date) "
            f"this product can place by day; it holds: {found}."
        )
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["Property", "Date", "Block", *metrics])
    for day in sorted(days):
        writer.writerow([property_name, day, _PER_DAY, *(days[day].get(m, "") for m in metrics)])
    for block in unplaced:
        writer.writerow([property_name, "", f"not a daily table: {block}", *("" for _ in metrics)])
    return out.getvalue()


BLOCKS = Connector(
    name="ga4_report_csv_export",
    label="Google Analytics 4 'Report CSV Export' (several tables, data-export.csv)",
    platform="website",
    table="web_traffic",
    # Only recognised by its text (matches_blocks); the signature is its first line.
    signature=("# report csv export",),
    fields={
        "property": col("Property", kind="text"),
        "period_start": col("Date", kind="date", formats=_GA4_DAY, required=True),
        "period_end": col("Date", kind="date", formats=_GA4_DAY, required=True),
        "dimension": col("Dimension", kind="text", constant="date"),
        "dimension_value": col("Dimension value", kind="text", constant=""),
        "block": col("Block", kind="text"),
        **_METRICS,
    },
    keep_only={"block": rf"^{_PER_DAY}$"},
    keep_note="tables of the file that are not daily figures, e.g. by country or by month; not imported",
    handle_field="property",
    matches_text=matches_blocks,
    prepare=prepare_blocks,
    hint=_HINT,
)

CONNECTORS = [*REPORTS_BY_DAY, *REPORTS, BY_DATE, BLOCKS]
