"""Google Analytics 4: a report downloaded with Share > Download file > CSV.

A `#` comment preamble names the property and the period (`# Start date: 20260224`), then one
table follows. Each report is broken down by one dimension (source / medium, channel group,
page); its rows become `web_traffic` rows for the whole period. A report by `Date` gives one row
per day instead. Numbers are unformatted; rates are fractions; times are seconds (kept in extra).

The older "Report CSV Export" (`data-export.csv`, 2022-23) holds several tables separated by blank
lines, each with its own `# Start date` block; `prepare_blocks` turns its daily tables into one.

The "Reports snapshot" download holds one `#` block (the range, and a comparison range when one is
set) above many tables, one per card of the snapshot; `prepare_snapshot` turns the tables it knows
into `web_traffic` rows per range and dimension and counts the others as set aside.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import replace
from datetime import datetime, timedelta

from connectors.base import Connector, Field, col, normalise_header

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
    if not text.lstrip().startswith("#") or matches_snapshot(text):
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

# ------------------------------------------------------------------------------------------------
# The "Reports snapshot" download: one `#` block, then a table per card of the snapshot

_SNAPSHOT_TITLE = re.compile(r"^#\s*Reports snapshot\s*$", re.M | re.I)
_STORED = "stored"

# The snapshot's tables this product stores, by the table's first column (its dimension):
# normalised header -> id in web_traffic.dimension. "Nth day" and "Date" give one row per day.
_SNAPSHOT_DIMENSIONS = {
    "nth day": "date",
    "date": "date",
    "session source / medium": "source_medium",
    "session default channel group": "channel_group",
    "session primary channel group": "channel_group",
    "session primary channel group (default channel group)": "channel_group",
    "first user source / medium": "first_user_source_medium",
    "first user default channel group": "first_user_channel_group",
    "first user primary channel group": "first_user_channel_group",
    "first user primary channel group (default channel group)": "first_user_channel_group",
    "page path and screen class": "page",
    "page title and screen class": "page_title",
    "country": "country",
    "country id": "country",
    "event name": "event_name",
}
# A table is stored only when one of its figures is one of these (a card of 1-, 7- and 30-day active
# users by Nth day is not, and is counted as set aside with the other unknown tables).
_SNAPSHOT_METRICS = {
    *(source.lower() for spec in _METRICS.values() for source in spec.sources),
    "event count",
    "total revenue",
}


def _leading_comments(text: str) -> tuple[list[str], str]:
    """The `#` lines above the first table, and the text after them."""
    lines = text.lstrip("\ufeff").splitlines()
    index = 0
    while index < len(lines) and (lines[index].startswith("#") or not lines[index].strip()):
        index += 1
    return lines[:index], "\n".join(lines[index:])


def matches_snapshot(text: str) -> bool:
    """A GA4 "Reports snapshot": its title line, or one `#` block above several tables with `Nth day` ones."""
    if not text.lstrip("\ufeff").startswith("#"):
        return False
    if _SNAPSHOT_TITLE.search(text):
        return True
    comments, rest = _leading_comments(text)
    if not any(re.match(r"^#\s*Start date:", line) for line in comments) or re.search(r"^#", rest, re.M):
        return False  # a report with its own comment block per table is the "Report CSV Export"
    headers = [b[0] for b in _table_blocks(rest) if b]
    return len(headers) >= 2 and any(h and h[0].strip().lower() == "nth day" for h in headers)


def _table_blocks(text: str) -> list[list[list[str]]]:
    """The rows of each table (header first); tables are separated by blank lines or `#` lines."""
    blocks: list[list[list[str]]] = []
    rows: list[list[str]] = []
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            if rows:
                blocks.append(rows)
                rows = []
            continue
        rows.append(next(csv.reader([line])))
    if rows:
        blocks.append(rows)
    return blocks


def _ranges(comments: list[str]) -> list[tuple[datetime, datetime]]:
    """The date ranges of the `#` block, in order: the snapshot's, then the comparison's."""
    starts = [m.group(1) for line in comments if (m := re.match(r"^#\s*Start date:\s*(\d{8})\s*$", line))]
    ends = [m.group(1) for line in comments if (m := re.match(r"^#\s*End date:\s*(\d{8})\s*$", line))]
    return [
        (datetime.strptime(start, "%Y%m%d"), datetime.strptime(end, "%Y%m%d"))
        for start, end in zip(starts, ends, strict=False)
    ]


def _range_of(value: str, ranges: list[tuple[datetime, datetime]], seen: list[str]) -> int | None:
    """Which range a table's `Date range` cell names: by a date in it, else by order of first appearance."""
    for found in re.findall(r"\d{8}|[A-Z][a-z]{2} \d{1,2}, \d{4}", value):
        try:
            day = datetime.strptime(found, "%Y%m%d" if found.isdigit() else "%b %d, %Y")
        except ValueError:
            continue
        for index, (start, _) in enumerate(ranges):
            if day == start:
                return index
    if value not in seen:
        seen.append(value)
    index = seen.index(value)
    return index if index < len(ranges) else None


def _snapshot_table(
    rows: list[list[str]], ranges: list[tuple[datetime, datetime]]
) -> tuple[str, list[tuple[str, str, str, str, dict[str, str]]]] | str:
    """One table as (dimension, [(start, end, dimension, value, figures)]), or why it is not stored."""
    header = [h.strip() for h in rows[0]]
    described = f"{' × '.join(header)} ({len(rows) - 1} rows)"
    dimension = _SNAPSHOT_DIMENSIONS.get(normalise_header(header[0]))
    range_column = next((i for i, h in enumerate(header) if h.lower() == "date range"), None)
    metrics = [(i, h) for i, h in enumerate(header) if i and i != range_column]
    if dimension is None or not any(h.lower() in _SNAPSHOT_METRICS for _, h in metrics):
        return f"a table this product does not store: {described}"
    if range_column is None and len(ranges) > 1:
        return f"a table that does not say which of the two date ranges its figures are for: {described}"
    out: list[tuple[str, str, str, str, dict[str, str]]] = []
    seen: list[str] = []
    for row in rows[1:]:
        if len(row) < len(header):
            raise ValueError(
                f"looks like a Google Analytics 'Reports snapshot', but a row of its table {' × '.join(header)} is "
                f"cut off ({','.join(row)[:40]!r}): the download is incomplete; download it again."
            )
        named = "" if range_column is None else row[range_column].strip()
        which = 0 if range_column is None else _range_of(named, ranges, seen)
        if which is None:
            return f"a table whose date range '{named[:40]}' is not in the file: {described}"
        start, end = ranges[which]
        key = row[0].strip()
        if dimension == "date":
            if re.fullmatch(r"\d{8}", key):
                day = datetime.strptime(key, "%Y%m%d")
            elif re.fullmatch(r"\d{1,5}", key):
                day = start + timedelta(days=int(key))
            else:
                return f"a table with a day that is not a day ('{key[:20]}'): {described}"
            if not start <= day <= end:
                return f"a table with days outside its date range: {described}"
            first = last = day.strftime("%Y%m%d")
            key = ""
        else:
            first, last = start.strftime("%Y%m%d"), end.strftime("%Y%m%d")
        figures = {name: row[i].strip() for i, name in metrics if row[i].strip()}
        out.append((first, last, dimension, key, figures))
    return dimension, out


def prepare_snapshot(text: str) -> str:
    """A Reports snapshot as one table: a row per range, dimension and value, with every table's figures.

    Tables of the same dimension (Nth day by Active users, Nth day by New users) merge into one row per
    day; a comparison range's figures are rows of their own range, never added to the main range's.
    Tables this product does not store are rows marked in `Block`, which the connector sets aside.
    """
    comments, rest = _leading_comments(text)
    property_name = _comment_value(comments, "Property") or ""
    ranges = _ranges(comments)
    if not ranges:
        raise ValueError(
            "looks like a Google Analytics 'Reports snapshot', but its `# Start date` and `# End date` lines "
            "are missing or cut off, so its figures cannot be placed in time; download it again."
        )
    rows: dict[tuple[str, str, str, str], dict[str, str]] = {}
    metrics: list[str] = []
    unstored: list[str] = []
    held: list[str] = []  # every table with rows, for the sentence when none has a figure
    for block in _table_blocks(rest):
        if len(block) < 2:
            continue  # a card with no rows (revenue of a site that sells nothing)
        table = _snapshot_table(block, ranges)
        described = f"{' × '.join(h.strip() for h in block[0])} ({len(block) - 1} rows"
        if isinstance(table, str):
            unstored.append(table)
            held.append(f"{described}, not stored)")
            continue
        empty = not any(figures for *_, figures in table[1])
        held.append(f"{described}{', every figure empty' if empty else ''})")
        for first, last, dimension, value, figures in table[1]:
            rows.setdefault((first, last, dimension, value), {}).update(figures)
            metrics.extend(m for m in figures if m not in metrics)
    if not any(m.lower() in _SNAPSHOT_METRICS - {"event count", "total revenue"} for m in metrics):
        raise ValueError(
            "looks like a Google Analytics 'Reports snapshot', but none of its tables has a figure this product "
            "stores (Sessions, Active users, New users, Views, Engaged sessions or Key events by day, source / "
            f"medium, channel group, page, country or event); it holds: {'; '.join(held) or 'no table with rows'}."
        )
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["Property", "Period start", "Period end", "Dimension", "Dimension value", "Block", *metrics])
    for (first, last, dimension, value), figures in sorted(rows.items()):
        writer.writerow([property_name, first, last, dimension, value, _STORED, *(figures.get(m, "") for m in metrics)])
    for reason in unstored:
        writer.writerow([property_name, "", "", "", "", reason, *("" for _ in metrics)])
    return out.getvalue()


SNAPSHOT = Connector(
    name="ga4_reports_snapshot",
    label="Google Analytics 4 'Reports snapshot' (a table per card)",
    platform="website",
    table="web_traffic",
    # Only recognised by its text (matches_snapshot); the signature is its title line.
    signature=("# reports snapshot",),
    fields={
        "property": col("Property", kind="text"),
        "period_start": col("Period start", kind="date", formats=_GA4_DAY, required=True),
        "period_end": col("Period end", kind="date", formats=_GA4_DAY, required=True),
        "dimension": col("Dimension", kind="text", required=True),
        "dimension_value": col("Dimension value", kind="text", default=""),
        "block": col("Block", kind="text"),
        **_METRICS,
    },
    keep_only={"block": rf"^{_STORED}$"},
    keep_note="tables of the snapshot this product does not store, e.g. by city or by campaign",
    handle_field="property",
    matches_text=matches_snapshot,
    prepare=prepare_snapshot,
    hint=_HINT,
)

CONNECTORS = [*REPORTS_BY_DAY, *REPORTS, BY_DATE, SNAPSHOT, BLOCKS]
