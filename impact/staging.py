"""Compile a detected connector into one DuckDB query that reads, types and checks a CSV file.

The query runs over DuckDB's own CSV reader, so a large export never passes through pandas. It
has three layers, so each cell is trimmed and cleaned once: the reader layer (t<i> trimmed text,
n<i> without the 'no value' tokens), the typed layer (canonical columns), and the checks layer
(a sentence per bad row). Every value from a connector or a file is bound as a parameter; only
column names made here from numbers (c<i>, t<i>, n<i>, x<i>) and canonical names are spliced in.
"""

from __future__ import annotations

from connectors import Detected
from connectors.base import Field

_NULL_TOKENS = ["", "-", "--", "undefined", "n/a", "N/A", "null", "NULL"]
# ISO forms are always accepted too: a spreadsheet re-save turns dates into them.
_ISO_FORMATS = ["%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d"]
_SQL_TYPES = {
    "published_at": "TIMESTAMP",
    "day": "DATE",
    "watch_time_hours": "DOUBLE",
    "extra": "JSON",
    "post_id": "VARCHAR",
    "kind": "VARCHAR",
    "text": "VARCHAR",
    "url": "VARCHAR",
}


MAX_EXTRA_COLUMNS = 400  # Facebook's page-level export has 2,681 breakdown columns


def unmapped_columns(detected: Detected) -> list[int]:
    """Positions of the named columns no canonical column reads: they are kept in `extra` (as x<i>)."""
    mapped = {p for positions in detected.positions.values() for p in positions}
    named = [i for i, name in enumerate(detected.header) if i not in mapped and name.strip()]
    return named[:MAX_EXTRA_COLUMNS]


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


def _raw(positions: list[int]) -> str:
    """The first non-empty trimmed cell among a field's source columns (t<i> from the reader layer)."""
    cells = [f"t{p}" for p in positions]
    return cells[0] if len(cells) == 1 else f"COALESCE({', '.join(cells)})"


def _clean(positions: list[int]) -> str:
    """The same with the 'no value' tokens ('-', 'undefined', ...) as NULL (n<i> from the reader layer)."""
    cells = [f"n{p}" for p in positions]
    return cells[0] if len(cells) == 1 else f"COALESCE({', '.join(cells)})"


def _typed(sql: _Sql, spec: Field, positions: list[int], decimal_comma: bool = False) -> tuple[str, str | None]:
    """SQL for the typed value of a field, and the kind of problem a non-empty unparsable cell has."""
    if spec.kind in ("text", "id"):
        value = _raw(positions)
        if spec.pattern:
            value = f"NULLIF(regexp_extract({value}, {sql.bind(spec.pattern)}, 1), '')"
        if spec.template:
            value = f"replace({sql.bind(spec.template)}, '{{}}', {value})"
        return value, None
    clean = _clean(positions)
    if decimal_comma:  # "1.234,5": the dot groups thousands, the comma is the decimal point
        number = f"TRY_CAST(replace(replace(rtrim({clean}, '%'), '.', ''), ',', '.') AS DOUBLE)"
    else:  # "1,234.5"
        number = f"TRY_CAST(replace(rtrim({clean}, '%'), ',', '') AS DOUBLE)"
    if spec.kind == "count":
        return f"TRY_CAST(round({number} * {spec.scale}) AS BIGINT)", "is not a number"
    if spec.kind == "number":
        return f"({number} * {spec.scale})", "is not a number"
    if spec.kind == "fraction":
        return f"(CASE WHEN {clean} LIKE '%\\%%' ESCAPE '\\' THEN {number} / 100 ELSE {number} END)", "is not a rate"
    if spec.kind == "percent":
        return f"({number} / 100)", "is not a percentage"
    if spec.kind in ("timestamp", "date"):
        formats = sql.bind(list(spec.formats) + _ISO_FORMATS)
        target = "DATE" if spec.kind == "date" else "TIMESTAMP"
        return f"CAST(try_strptime({clean}, {formats}) AS {target})", "is not a date this export uses"
    if spec.kind == "hms":
        return f"epoch(TRY_CAST({clean} AS INTERVAL))", "is not a duration (H:MM:SS)"
    if spec.kind == "snowflake_time":
        digits = f"regexp_extract({clean}, {sql.bind(spec.pattern)}, 1)" if spec.pattern else clean
        snowflake = f"TRY_CAST({digits} AS HUGEINT)"
        # Snowflake ids (since Nov 2010) carry their creation time in milliseconds above bit 22.
        return (
            f"(CASE WHEN {snowflake} > 100000000000000 THEN "
            f"make_timestamp(CAST((({snowflake} >> 22) + 1288834974657) * 1000 AS BIGINT)) END)"
        ), None
    raise ValueError(spec.kind)  # pragma: no cover - Kind is a closed set


def stage_query(detected: Detected, file_handle: str | None) -> tuple[str, dict[str, object]]:
    """One query over read_csv that types every canonical column and explains every bad row.

    Three layers, so each cell is trimmed and cleaned once: the reader layer (t<i> trimmed text,
    n<i> without 'no value' tokens), the typed layer (canonical columns), the checks layer.
    """
    connector = detected.connector
    positions = detected.positions
    sql = _Sql()
    typed: list[str] = []
    checks: list[str] = []
    drops: list[str] = []
    mapped: set[int] = set()
    for canonical, spec in detected.fields.items():
        found = positions[canonical]
        mapped.update(found)
        if not found:
            if spec.required:
                raise MissingColumn(
                    f"looks like {connector.label}, but the column '{spec.sources[0]}' is missing. "
                    + (f"Export it again: {connector.hint}." if connector.hint else "")
                )
            typed.append(f"CAST(NULL AS {_SQL_TYPES.get(canonical, 'BIGINT')}) AS {canonical}")
            continue
        # A semicolon-separated file comes from a spreadsheet in a locale that writes decimal commas.
        value, what = _typed(sql, spec, found, decimal_comma=detected.delimiter == ";")
        typed.append(f"{value} AS {canonical}")
        if what:
            clean = _clean(found)
            typed.append(f"{clean} AS {canonical}__raw")
            checks.append(
                f"CASE WHEN {canonical}__raw IS NOT NULL AND {canonical} IS NULL THEN "
                f"{sql.bind(spec.sources[0] + ' ' + chr(34))} || left({canonical}__raw, 40) "
                f"|| {sql.bind(chr(34) + ' ' + what)} END"
            )
        if spec.required:
            checks.append(f"CASE WHEN {canonical} IS NULL THEN {sql.bind('no ' + spec.sources[0])} END")
        if canonical in connector.expect:
            pattern, reason = connector.expect[canonical]
            typed.append(
                f"CASE WHEN NOT regexp_matches(coalesce({_raw(found)}, ''), {sql.bind(pattern)}) "
                f"THEN {sql.bind(reason)} END AS {canonical}__expect"
            )
            checks.append(f"{canonical}__expect")
        if canonical in connector.drop_rows:
            drops.append(f"coalesce(regexp_matches({_raw(found)}, {sql.bind(connector.drop_rows[canonical])}), false)")
    present = {c for c in detected.fields if positions[c]}
    unmapped = unmapped_columns(detected)
    for i in unmapped:
        typed.append(f"n{i} AS x{i}")
    typed.append(f"{' OR '.join(drops) if drops else 'false'} AS dropped")
    handle = sql.bind(file_handle or "")
    if connector.handle_field and connector.handle_field in present:
        handle = f"coalesce({connector.handle_field}, {handle})"
    used = sorted(set(mapped) | set(unmapped))
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
        SELECT {", ".join(detected.fields)}, {"".join(f"x{i}, " for i in unmapped)}dropped, {problem} AS problem,
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
