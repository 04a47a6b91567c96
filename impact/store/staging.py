"""Compile a detected connector into one DuckDB query that reads, types and checks a CSV file.

The query runs over DuckDB's own CSV reader, so a large export never passes through pandas. It
has three layers, so each cell is trimmed and cleaned once: the reader layer (t<i> trimmed text,
n<i> without the 'no value' tokens), the typed layer (canonical columns), and the checks layer
(a sentence per bad row). Every value from a connector or a file is bound as a parameter; only
column names made here from numbers (c<i>, t<i>, n<i>, x<i>) and canonical names are spliced in.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

from connectors import Detected
from connectors.base import Field, normalise_header
from connectors.months import MONTHS
from impact.store.tables import TABLES, sql_type

# "NAN": TikTok's 2025 exports write it for a figure they do not have.
_NULL_TOKENS = ["", "-", "--", "undefined", "n/a", "N/A", "null", "NULL", "NAN", "NaN", "nan"]
# ISO forms are always accepted too: a spreadsheet re-save turns dates into them.
_ISO_FORMATS = ["%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d"]


MAX_EXTRA_COLUMNS = 400  # Facebook's page-level export has 2,681 breakdown columns


def unmapped_columns(detected: Detected) -> list[int]:
    """Positions of the named columns no canonical column reads: they are kept in `extra` (as x<i>)."""
    connector = detected.connector
    # Parts read only to sum engagements (TikTok's daily likes; account_day has no likes) are kept too.
    summed_only = set(connector.engagement_parts) - set(TABLES[connector.table].values)
    mapped = {p for c, positions in detected.positions.items() if c not in summed_only for p in positions}
    excluded = [re.compile(pattern, re.IGNORECASE) for pattern in connector.extra_excludes]
    named = [
        i
        for i, name in enumerate(detected.header)
        if i not in mapped and name.strip() and not any(e.search(name.strip()) for e in excluded)
    ]
    return named[:MAX_EXTRA_COLUMNS]


def _extra_json(sql: _Sql, header: list[str], unmapped: list[int]) -> str:
    """The unmapped columns' non-empty cells as one JSON object, keyed by their header names.

    An empty cell leaves no key: a later file's empty cell must not erase what an earlier file said
    (current rows merge `extra` by RFC 7396, where null deletes a key). Written as text: json_object()
    of a million rows costs four times as much; to_json() escapes the keys and values.
    """
    pairs = ", ".join(
        f"CASE WHEN n{i} IS NOT NULL THEN to_json(CAST({sql.bind(name)} AS VARCHAR)) || ':' || to_json(n{i}) END"
        for i, name in zip(unmapped, unique_names(header, unmapped), strict=True)
    )
    return f"'{{' || concat_ws(',', {pairs}) || '}}'"


def unique_names(header: list[str], positions: list[int]) -> list[str]:
    """The header names at these positions, a repeated name numbered ("Views", "Views (2)"): JSON keys must differ."""
    seen: dict[str, int] = {}
    names = []
    for position in positions:
        name = header[position].strip()
        seen[name] = seen.get(name, 0) + 1
        names.append(name if seen[name] == 1 else f"{name} ({seen[name]})")
    return names


class MissingColumn(ValueError):
    """The header lacks a column the format requires; the message says which and how to re-export."""


class _Sql:
    """Collects bound parameters by name, so the order SQL text is assembled in does not matter."""

    def __init__(self) -> None:
        self.params: dict[str, object] = {}

    def bind(self, value: object) -> str:
        name = f"p{len(self.params)}"
        self.params[name] = value
        return f"${name}"


# A list literal, not IN (...): DuckDB plans a long IN list as a join, one per column.
_NULL_SQL = "[" + ", ".join("'" + t + "'" for t in _NULL_TOKENS) + "]"


def _raw(cells: list[str]) -> str:
    """The first non-empty trimmed cell among a field's sources (t<i> from the reader layer)."""
    return cells[0] if len(cells) == 1 else f"COALESCE({', '.join(cells)})"


def _value(spec: Field, cells: list[str]) -> str:
    """A field's cell: the first non-empty source or, for Field.joined, all of them joined by a space."""
    if spec.joined and len(cells) > 1:
        return f"NULLIF(concat_ws(' ', {', '.join(cells)}), '')"
    return _raw(cells)


def _as_clean(cells: list[str]) -> list[str]:
    """The same cells with the 'no value' tokens ('-', 'undefined', ...) as NULL (n<i>)."""
    return [f"n{c[1:]}" if re.fullmatch(r"t\d+", c) else c for c in cells]


_NUMERIC_KINDS = ("count", "number", "fraction", "percent", "minutes", "money")
# A mark followed by other than three digits can only be a decimal mark ("19,2306", "0.5", "1.234,5").
_COMMA_DECIMAL = re.compile(r"^[-−]?(?:\d{1,3}(?:\.\d{3})+|\d+),(?:\d{1,2}|\d{4,})%?$|^[-−]?\d{1,3}(?:\.\d{3})+,\d+%?$")
_POINT_DECIMAL = re.compile(r"^[-−]?(?:\d{1,3}(?:,\d{3})+|\d+)\.(?:\d{1,2}|\d{4,})%?$|^[-−]?\d{1,3}(?:,\d{3})+\.\d+%?$")


def decimal_comma_of(detected: Detected, records: list[list[str]]) -> bool:
    """Whether the file writes decimal commas, from its first data rows' figures.

    A spreadsheet re-save writes numbers in its locale, whatever the separator: Excel's "Unicode Text" in
    a decimal-comma locale separates with tabs ("19,2306"), LibreOffice in an English one with ';'
    ("19.2306"). Read with the wrong mark, 19,2306 hours is 192,306. So the cells decide: a comma or a
    point followed by other than three digits can only be a decimal mark. Cells like "1,234" say
    nothing; a file whose cells say nothing, or both, keeps the rule of its separator (';': commas).
    """
    positions = [p for c, spec in detected.fields.items() if spec.kind in _NUMERIC_KINDS for p in detected.positions[c]]
    commas = points = 0
    for cells in records:
        for position in positions:
            cell = cells[position].strip() if position < len(cells) else ""
            commas += bool(_COMMA_DECIMAL.match(cell))
            points += bool(_POINT_DECIMAL.match(cell))
    if commas and not points:
        return True
    if points and not commas:
        return False
    return detected.delimiter == ";"


def _number(clean: str, decimal_comma: bool) -> str:
    if decimal_comma:  # "1.234,5": the dot groups thousands, the comma is the decimal point
        return f"TRY_CAST(replace(replace(rtrim({clean}, '%'), '.', ''), ',', '.') AS DOUBLE)"
    return f"TRY_CAST(replace(rtrim({clean}, '%'), ',', '') AS DOUBLE)"  # "1,234.5"


# Currency symbols and codes written next to an amount ("Rs. 500", "US$ 5", "500 INR"): stripped.
_CURRENCY = r"(?:US\$|Rs\.?|INR|USD|EUR|GBP|₹|\$|€|£)"
# An amount: a sign, a symbol or code before or after, digits grouped by commas, dots or spaces. No exponent.
_AMOUNT = rf"^([-−]?)\s*{_CURRENCY}?\s*([-−]?)\s*([0-9](?:[0-9.,'\s\x{{a0}}\x{{202f}}]*[0-9])?)\s*{_CURRENCY}?$"
_SEPARATORS = r"[\s\x{a0}\x{202f}']"  # spaces (also no-break ones) and apostrophes that group thousands
# Currencies with three decimals (ISO 4217): their amounts may carry a third decimal.
_THREE_DECIMALS = ["BHD", "KWD", "OMR", "JOD", "TND", "LYD", "IQD"]


def _money(sql: _Sql, clean: str, decimal_comma: bool = False) -> tuple[str, str]:
    """An amount whose decimal mark is read per cell (a comma followed by one or two digits at the end
    is a decimal comma), and its number of decimals. Text the pattern does not allow gives NULL. In a
    file that writes decimal commas, dots in groups of three ("1.234") group thousands."""
    pattern = sql.bind(_AMOUNT)
    sign = f"(regexp_extract({clean}, {pattern}, 1, 'i') || regexp_extract({clean}, {pattern}, 2, 'i'))"
    digits = f"regexp_replace(regexp_extract({clean}, {pattern}, 3, 'i'), {sql.bind(_SEPARATORS)}, '', 'g')"
    plain = (
        f"(CASE WHEN regexp_matches({digits}, ',[0-9]{{1,2}}$') "
        f"THEN replace(replace({digits}, '.', ''), ',', '.') "
        + (
            f"WHEN regexp_matches({digits}, '^[0-9]{{1,3}}([.][0-9]{{3}})+$') THEN replace({digits}, '.', '') "
            if decimal_comma
            else ""
        )
        + f"ELSE replace({digits}, ',', '') END)"
    )
    number = f"TRY_CAST(NULLIF({plain}, '') AS DECIMAL(38, 6))"
    value = f"(CASE WHEN {sign} = '' THEN {number} WHEN {sign} IN ('-', '−') THEN -{number} END)"
    decimals = rf"length(regexp_extract({plain}, '\.([0-9]*)$', 1))"
    return value, decimals


def _monthday(sql: _Sql, clean: str, reference: date, year: int | None = None) -> str:
    """A day written without a year: the latest such day not after the reference (the export's day).

    With `year` (the person's choice), the file's latest day so read moves to that year, and every other
    day to the latest such day not after it: days later in the calendar are the year before.
    """
    names = sorted(MONTHS)
    month = f"list_extract({sql.bind([MONTHS[n] for n in names])}, list_position({sql.bind(names)}, "
    month += f"regexp_extract(lower({clean}), '([^0-9\\s.,]{{3,}})', 1)))"
    day = f"TRY_CAST(regexp_extract({clean}, '([0-9]{{1,2}})', 1) AS INTEGER)"
    ref = sql.bind(reference)
    this_year = f"try(make_date(year({ref}), {month}, {day}))"
    last_year = f"try(make_date(year({ref}) - 1, {month}, {day}))"
    read = f"(CASE WHEN {this_year} <= {ref} THEN {this_year} ELSE {last_year} END)"
    if year is None:
        return read
    chosen = sql.bind(year)
    latest = f"max({read}) OVER ()"
    # 29 February as the latest day of a year that has none: 28 February. (No try(): it cannot hold a window.)
    month_start = f"make_date({chosen}, month({latest}), 1)"
    end = f"make_date({chosen}, month({latest}), least(day({latest}), day(last_day({month_start}))))"
    in_year = f"try(make_date({chosen}, {month}, {day}))"
    year_before = f"try(make_date({chosen} - 1, {month}, {day}))"
    return f"(CASE WHEN {in_year} <= {end} THEN {in_year} ELSE {year_before} END)"


def _with_year(sql: _Sql, spec: Field, clean: str) -> str | None:
    """A monthday field's cell written with its year in one of `formats` ("2025/10/31"), else NULL; None
    when the field has no such formats (every cell is a day without a year: "October 31")."""
    if not spec.formats:
        return None
    target = "TIMESTAMP" if any("%H" in f for f in spec.formats) else "DATE"
    return f"CAST(try_strptime({clean}, {sql.bind(list(spec.formats) + _ISO_FORMATS)}) AS {target})"


MAX_DAYS_IN_ORDER = 100_000  # TikTok's daily files hold at most a year; more days without a year are no export


def latest_such_day(month: int, day: int, until: date) -> date | None:
    """The latest day of this month and day not after `until` (29 February: in a leap year); None for no such day."""
    for year in range(until.year, until.year - 8, -1):
        try:
            found = date(year, month, day)
        except ValueError:
            continue
        if found <= until:
            return found
    return None


def days_in_order(month_days: list[tuple[int, int]], reference: date, year: int | None = None) -> list[date] | None:
    """A daily file's days without a year, in the file's order, as dates; None when they follow no order.

    Read on its own, each day would be the latest such day not after the reference (`_monthday`). A full
    year's TikTok Overview.csv runs from 28 February to 27 February: imported on 28 February or later,
    its first day would land a year late, after its last. So the days are read as the sequence they are:
    each a short step later in the calendar than the one before (31 December to 1 January too), or each
    earlier. The latest day is the latest such day not after the reference, or falls in the chosen `year`;
    every other day takes the year of the next one, less one for each turn of the year in between.
    Days in no such order (TikTok's Content.csv lists top videos), fewer than two, or a 29 February outside
    a leap year give None: each day is then read on its own.
    """
    if len(month_days) < 2 or len(month_days) > MAX_DAYS_IN_ORDER:
        return None
    on_circle = [date(2000, m, d).timetuple().tm_yday for m, d in month_days]  # 2000 is a leap year
    hops = [(b - a) % 366 for a, b in zip(on_circle, on_circle[1:], strict=False)]
    if all(h <= 183 for h in hops):  # each day the same as the one before, or a little later
        ordered = month_days
    elif all(h == 0 or h > 183 for h in hops):  # newest first
        ordered = month_days[::-1]
    else:
        return None
    forward = ordered is month_days
    turns = [later < earlier for earlier, later in zip(ordered, ordered[1:], strict=False)]
    if year is not None:
        read = _walk_back(ordered, turns, year)
    else:
        # The latest such day not after the reference; a year earlier again (up to a leap year) when an
        # earlier day is a 29 February that year has not.
        latest = latest_such_day(*ordered[-1], reference)
        candidates = range(latest.year, latest.year - 8, -1) if latest else range(0)
        read = next((r for y in candidates if (r := _walk_back(ordered, turns, y)) is not None), None)
    if read is None:
        return None
    return read if forward else read[::-1]


def _walk_back(ordered: list[tuple[int, int]], turns: list[bool], latest_year: int) -> list[date] | None:
    """Days oldest first as dates, the latest in `latest_year`, a year less at each turn; None for a day that year lacks."""
    read: list[date] = []
    year = latest_year
    for index in range(len(ordered) - 1, -1, -1):
        if index < len(ordered) - 1 and turns[index]:
            year -= 1
        try:
            read.append(date(year, *ordered[index]))
        except ValueError:
            return None
    return read[::-1]


def _dates(sql: _Sql, spec: Field, clean: str) -> str:
    target = "DATE" if spec.kind == "date" else "TIMESTAMP"
    if not spec.one_format or len(spec.formats) < 2:
        return f"CAST(try_strptime({clean}, {sql.bind(list(spec.formats) + _ISO_FORMATS)}) AS {target})"
    # Day-first or month-first is a property of the file, not of a cell: use the first format under
    # which every cell of the file parses (04/01/2022 must not be April in one row and January in another).
    total = f"count({clean}) OVER ()"
    cases = [
        f"WHEN count(try_strptime({clean}, {(f := sql.bind(fmt))})) OVER () = {total} THEN try_strptime({clean}, {f})"
        for fmt in spec.formats
    ]
    fallback = f"try_strptime({clean}, {sql.bind(list(spec.formats) + _ISO_FORMATS)})"
    return f"CAST(CASE {' '.join(cases)} ELSE {fallback} END AS {target})"


def _typed(
    sql: _Sql,
    spec: Field,
    cells: list[str],
    decimal_comma: bool = False,
    reference: date | None = None,
    year: int | None = None,
) -> tuple[str, str | None]:
    """SQL for the typed value of a field, and the kind of problem a non-empty unparsable cell has."""
    if spec.net and len(cells) > 1:
        single = replace(spec, net=False)
        first, what = _typed(sql, single, cells[:1], decimal_comma, reference)
        rest = "".join(f" - coalesce({_typed(sql, single, [c], decimal_comma, reference)[0]}, 0)" for c in cells[1:])
        return f"({first}{rest})", what
    if spec.kind in ("text", "id"):
        value = _raw(cells)
        if spec.pattern:
            value = f"NULLIF(regexp_extract({value}, {sql.bind(spec.pattern)}, 1), '')"
        if spec.template:
            value = f"replace({sql.bind(spec.template)}, '{{}}', {value})"
        if spec.upper:
            value = f"upper({value})"
        if spec.default is not None:  # an empty cell is this text (a key part that must not be NULL)
            value = f"coalesce({value}, {sql.bind(spec.default)})"
        return value, None
    if spec.kind == "category":
        raw = _value(spec, cells)
        whens = " ".join(
            f"WHEN regexp_matches({raw}, {sql.bind(pattern)}, 'i') THEN {sql.bind(value)}"
            for pattern, value in spec.categories
        )
        return f"(CASE {whens} ELSE {sql.bind(spec.default)} END)", None
    if spec.kind == "hash":
        # Every source takes part (a time entry's key is its person, day, activity and note together).
        joined = f"concat_ws('|', {', '.join(f'lower({c})' for c in cells)})"
        return f"(CASE WHEN {_raw(cells)} IS NULL THEN NULL ELSE sha256({joined})[:16] END)", None
    clean = _value(spec, _as_clean(cells))
    number = _number(clean, decimal_comma)
    if spec.kind == "count":
        return f"TRY_CAST(round({number} * {spec.scale}) AS BIGINT)", "is not a number"
    if spec.kind == "number":
        return f"({number} * {spec.scale})", "is not a number"
    if spec.kind == "money":
        return f"TRY_CAST({_money(sql, clean, decimal_comma)[0]} AS DECIMAL(18, 2))", "is not an amount"
    if spec.kind == "fraction":
        return f"(CASE WHEN {clean} LIKE '%\\%%' ESCAPE '\\' THEN {number} / 100 ELSE {number} END)", "is not a rate"
    if spec.kind == "percent":
        return f"({number} / 100)", "is not a percentage"
    if spec.kind == "minutes":
        duration = f"(epoch(TRY_CAST({clean} AS INTERVAL)) / 60)"
        return f"(CASE WHEN {clean} LIKE '%:%' THEN {duration} ELSE {number} * {spec.scale} END)", "is not a duration"
    if spec.kind in ("timestamp", "date"):
        return _dates(sql, spec, clean), "is not a date this export uses"
    if spec.kind == "monthday":
        day = _monthday(sql, clean, reference or date.today(), year)
        written = _with_year(sql, spec, clean)
        if written is None:
            return day, "is not a day and month"
        return f"coalesce({written}, {day})", "is not a date"
    if spec.kind == "hms":
        return f"epoch(TRY_CAST({clean} AS INTERVAL))", "is not a duration (H:MM:SS)"
    if spec.kind == "snowflake_time":
        digits = f"regexp_extract({clean}, {sql.bind(spec.pattern)}, 1)" if spec.pattern else clean
        snowflake = f"TRY_CAST({digits} AS HUGEINT)"
        # Snowflake ids (since Nov 2010) carry their creation time in milliseconds above bit 22. They are
        # 64-bit: a longer number is no post id, and has no time (TRY_CAST: its time would not fit).
        return (
            f"(CASE WHEN {snowflake} BETWEEN 100000000000000 AND 9223372036854775807 THEN "
            f"make_timestamp(TRY_CAST((({snowflake} >> 22) + 1288834974657) * 1000 AS BIGINT)) END)"
        ), None
    raise ValueError(spec.kind)  # pragma: no cover - Kind is a closed set


MAX_COUNT = 10**12  # no export counts more than a trillion of anything
MINUTES_PER_DAY = 24 * 60  # a time entry is of one day
FIRST_DAY = date(2004, 1, 1)  # before the platforms these exports come from
MAX_TEXT = 100_000  # Facebook's longest post is 63,206 characters; longer is a broken file (a quote left open)


def _limits(sql: _Sql, spec: Field, canonical: str, imported_on: date, currency: bool) -> list[tuple[str, str]]:
    """The checks a parsed value must pass, in order: (SQL true for a good value, what a bad one is).

    They read the typed layer's `canonical` (`canonical__num` for a count before rounding, `canonical__dp`
    for an amount's decimals); a NULL value passes them all (it is missing or did not parse).
    """
    value = f"{canonical}__num" if spec.kind == "count" else canonical
    low = -MAX_COUNT if spec.negative else 0
    span = "from -10^12 to 10^12" if spec.negative else "from 0 to 10^12"
    if spec.kind == "count":
        return [
            (f"isfinite({value}) AND {value} BETWEEN {low} AND {MAX_COUNT}", f"is out of range: counts run {span}"),
            (f"{value} = round({value})", "is not a whole number"),
        ]
    if spec.kind == "number":
        return [(f"isfinite({value}) AND {value} BETWEEN {low} AND {MAX_COUNT}", f"is out of range: {span}")]
    if spec.kind == "minutes":
        return [(f"isfinite({value}) AND {value} BETWEEN 0 AND {MINUTES_PER_DAY}", "is out of range: 0 to 24 hours")]
    if spec.kind == "hms":
        return [
            (f"isfinite({value}) AND {value} BETWEEN 0 AND {MINUTES_PER_DAY * 60}", "is out of range: 0 to 24 hours")
        ]
    if spec.kind == "money":
        most = f"(CASE WHEN upper(currency) IN {tuple(_THREE_DECIMALS)} THEN 3 ELSE 2 END)" if currency else "2"
        checks = [(f"{canonical}__dp <= {most}", "has too many decimals for an amount")]
        if not spec.negative:
            checks.append((f"{value} >= 0", "is negative, which this export does not mean"))
        return checks
    if spec.kind == "text":
        return [(f"length({value}) <= {MAX_TEXT}", f"is longer than {MAX_TEXT:,} characters; no post or name is")]
    if spec.kind in ("timestamp", "date", "monthday", "snowflake_time"):
        last = date.fromordinal(imported_on.toordinal() + 1)
        first, until = sql.bind(FIRST_DAY), sql.bind(last)
        why = f"is out of range: dates run from {FIRST_DAY:%-d %b %Y} to {last:%-d %b %Y}, the day after the import"
        return [(f"CAST({value} AS DATE) BETWEEN {first} AND {until}", why)]
    return []


def stage_query(
    detected: Detected,
    file_handle: str | None,
    reference: date | None = None,
    year: int | None = None,
    imported_on: date | None = None,
    decimal_comma: bool | None = None,
) -> tuple[str, dict[str, object]]:
    """One query over read_csv that types every canonical column and explains every bad row.

    Three layers, so each cell is trimmed and cleaned once: the reader layer (t<i> trimmed text,
    n<i> without 'no value' tokens), the typed layer (canonical columns), the checks layer.
    """
    connector = detected.connector
    positions = detected.positions
    sql = _Sql()
    if decimal_comma is None:  # without the file's rows (decimal_comma_of), its separator decides
        decimal_comma = detected.delimiter == ";"
    # Dates more than a day after the import day are refused. The import day is the clock's, or the
    # reference when later (the day in the file name, or the day tests pin the import to).
    last_day = max(imported_on or date.today(), reference or date.today())
    typed: list[str] = []
    checks: list[str] = []
    drops: list[str] = []
    keeps: list[str] = []
    reasons: list[str] = []  # WHEN ... THEN reason: rows set aside with a reason of their own (set_aside_as)
    yearless_columns: list[str] = []
    mapped: set[int] = set()
    for canonical, spec in detected.fields.items():
        found = positions[canonical]
        if spec.net and normalise_header(spec.sources[0]) not in {normalise_header(h) for h in detected.header}:
            # A net amount without its first column is missing: Stripe's "Amount Refunded" alone is no amount.
            found = []
        mapped.update(found)
        cells = [f"t{p}" for p in found]
        if spec.constant is not None or spec.preamble:
            value = spec.constant if spec.constant is not None else detected.preamble_value(spec)
            cells = [f"CAST({sql.bind(value)} AS VARCHAR)"] if value is not None else []
        if not cells:
            if spec.required:
                raise MissingColumn(
                    f"looks like {connector.label}, but the column '{spec.sources[0]}' is missing. "
                    + (f"Export it again: {connector.hint}." if connector.hint else "")
                )
            typed.append(f"CAST(NULL AS {sql_type(canonical)}) AS {canonical}")
            continue
        value, what = _typed(sql, spec, cells, decimal_comma=decimal_comma, reference=reference, year=year)
        typed.append(f"{value} AS {canonical}")
        clean = _value(spec, _as_clean(cells))
        limits = _limits(sql, spec, canonical, last_day, "currency" in detected.fields)
        if spec.kind == "count":
            typed.append(f"({_number(clean, decimal_comma)} * {spec.scale}) AS {canonical}__num")
        if spec.kind == "monthday":
            # Which cells had no year: a daily file's are read again in the file's order (ingest.py).
            written = _with_year(sql, spec, clean)
            yearless = f"{clean} IS NOT NULL" + (f" AND {written} IS NULL" if written else "")
            typed.append(f"({yearless}) AS {canonical}__yearless")
            yearless_columns.append(f"{canonical}__yearless")
        if spec.kind == "money":
            parts = [_value(spec, _as_clean([c])) for c in cells] if spec.net else [clean]
            decimals = [_money(sql, part, decimal_comma)[1] for part in parts]
            most = decimals[0] if len(decimals) == 1 else f"greatest({', '.join(decimals)})"
            typed.append(f"{most} AS {canonical}__dp")
        if what or limits:
            typed.append(f"{clean} AS {canonical}__raw")
            quoted = f"{sql.bind(spec.sources[0] + ' ' + chr(34))} || left({canonical}__raw, 40) || "
            # A value out of range says so (not also that it is no number: 1e19 does not fit a count).
            whens = " ".join(f"WHEN NOT ({ok}) THEN {quoted}{sql.bind(chr(34) + ' ' + why)}" for ok, why in limits)
            bad = f"(CASE WHEN {canonical}__raw IS NULL THEN NULL {whens} END)" if limits else "NULL"
            unparsed = (
                f"CASE WHEN {canonical}__raw IS NOT NULL AND {canonical} IS NULL THEN {quoted}{sql.bind(chr(34) + ' ' + what)} END"
                if what
                else "NULL"
            )
            checks.append(f"coalesce({bad}, {unparsed})")
        if spec.required:
            checks.append(f"CASE WHEN {canonical} IS NULL THEN {sql.bind('no ' + spec.sources[0])} END")
        if canonical in connector.expect:
            pattern, reason = connector.expect[canonical]
            typed.append(
                f"CASE WHEN NOT regexp_matches(coalesce({_raw(cells)}, ''), {sql.bind(pattern)}) "
                f"THEN {sql.bind(reason)} END AS {canonical}__expect"
            )
            checks.append(f"{canonical}__expect")
        if canonical in connector.drop_rows:
            drops.append(f"coalesce(regexp_matches({_raw(cells)}, {sql.bind(connector.drop_rows[canonical])}), false)")
        if canonical in connector.keep_only:
            pattern = sql.bind(connector.keep_only[canonical])
            # A joined field is matched as joined: PayPal's row counts by its status, type and sign together.
            keeps.append(f"coalesce(regexp_matches({_value(spec, cells)}, {pattern}, 'i'), false)")
        for column, pattern, why in connector.set_aside_as:
            if column == canonical:
                matched = f"regexp_matches(coalesce({_value(spec, cells)}, ''), {sql.bind(pattern)}, 'i')"
                reasons.append(f"WHEN {matched} THEN {sql.bind(why)}")
    present = {c for c in detected.fields if c in detected.present}
    unmapped = unmapped_columns(detected)
    if unmapped:
        typed.append(f"{_extra_json(sql, detected.header, unmapped)} AS extra")
    if keeps:
        reasons.append(f"WHEN NOT ({' AND '.join(keeps)}) THEN {sql.bind(connector.keep_note or 'not relevant')}")
    reason = f"(CASE {' '.join(reasons)} END)" if reasons else "CAST(NULL AS VARCHAR)"
    set_aside = f"{reason} IS NOT NULL"
    typed.append(f"{reason} AS set_aside_reason")
    typed.append(f"{set_aside} AS set_aside")
    used = sorted(set(mapped) | set(unmapped))
    if used:
        # A line of empty cells (",,,,", under a table a spreadsheet re-saved) is no row: dropped, not refused.
        drops.append(f"coalesce({', '.join(f't{i}' for i in used)}) IS NULL")
    typed.append(f"{' OR '.join(drops) if drops else 'false'} OR {set_aside} AS dropped")
    handle = sql.bind(file_handle or "")
    if connector.handle_field and connector.handle_field in present:
        handle = f"coalesce({connector.handle_field}, {handle})"
    reader = ", ".join(
        f"NULLIF(TRIM(c{i}), '') AS t{i}, CASE WHEN list_contains({_NULL_SQL}, TRIM(c{i})) THEN NULL ELSE TRIM(c{i}) END AS n{i}"
        for i in used
    )
    columns = "{" + ", ".join(f"'c{i}': 'VARCHAR'" for i in range(len(detected.header))) + "}"
    engagement_sum = ""
    if connector.engagement_parts and "engagements" not in present:
        parts = [p for p in connector.engagement_parts if p in present]
        if parts:
            total = " + ".join(f"coalesce({p}, 0)" for p in parts)
            nulls = " AND ".join(f"{p} IS NULL" for p in parts)
            engagement_sum = f", CASE WHEN {nulls} THEN NULL ELSE {total} END AS engagements__sum"
    problem = f"NULLIF(concat_ws('; ', {', '.join(checks)}), '')" if checks else "CAST(NULL AS VARCHAR)"
    # Columns, delimiter and quoting are known, so DuckDB's dialect sniffer is off: it fails on a file
    # with no data rows, or on a small one whose last quoted field was cut off, rejecting it whole.
    query = f"""
        SELECT {", ".join([*detected.fields, *yearless_columns])}, {"extra, " if unmapped else ""}dropped, set_aside, set_aside_reason, {problem} AS problem,
               {handle} AS account_handle {engagement_sum}
        FROM (
            SELECT {", ".join(typed)}
            FROM (
                SELECT {reader if reader else "*"}
                FROM read_csv($path, header = false, skip = $skip, columns = {columns}, delim = $delim, quote = '"',
                              escape = '"', store_rejects = true, rejects_table = $rejects, rejects_scan = $scans,
                              max_line_size = 10000000, auto_detect = false)
            )
        )"""
    sql.params["delim"] = detected.delimiter
    return query, sql.params
