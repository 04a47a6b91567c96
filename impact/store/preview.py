"""What an upload looks like before it is imported: detected format and its first rows."""

from __future__ import annotations

import io
import re
import tempfile
import zipfile
import zlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from connectors import Detected, DetectionError, detect
from connectors.base import Connector
from connectors.custom import guess_header
from connectors.meta_page_insights_csv import PAGE_INSIGHTS, UNNAMED, metric_title
from connectors.months import MONTHS
from connectors.sniff import HEAD_BYTES, decode_head, head_rows
from impact.store import ingest
from impact.store.ingest import RejectedFile, check_archive
from impact.store.staging import MAX_DAYS_IN_ORDER, days_in_order, latest_such_day
from impact.store.tables import TABLES
from impact.store.workbooks import WorkbookError, sheets_as_csv, workbook_kind

PREVIEW_ROWS = 5


@dataclass
class Preview:
    """One file (or one member of a ZIP) as detection sees it."""

    name: str
    label: str | None = None
    platform: str | None = None
    problem: str | None = None
    header: list[str] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)
    note: str | None = None
    engagement_rule: str | None = None  # how this format's engagements are counted
    # Not a known format but a table: its columns, so a person can map them (connectors/custom.py).
    mappable_header: list[str] = field(default_factory=list)
    # A Meta insights file: the platform its title names (a sibling's answer), or the metric-only title
    # ("Views") of one that names none, whose platform the person is asked for.
    names_platform: str | None = None
    unnamed_title: str | None = None
    # Dates without a year: the year the import reads the file's latest day in, and why (for people).
    year: int | None = None
    year_note: str | None = None


def _year_of_days(detected: Detected, records: list[list[str]], name: str) -> tuple[int, str] | None:
    """The year the import will read the latest of these days without a year in, and the sentence saying why.

    The same rules as the import: a daily file's days in the file's order (staging.days_in_order), else each
    day the latest such day not after the date in the file name, else the import day. Only the days in the
    first bytes are seen (a year of TikTok's days is about 12 KB).
    """
    positions = detected.positions
    columns = [positions[c][0] for c, spec in detected.fields.items() if spec.kind == "monthday" and positions[c]]
    if not columns:
        return None
    named = ingest._period_end_from_name(name)
    reference = named.date() if named else ingest.today()
    month_days: list[tuple[int, int]] = []
    for cells in records:
        text = cells[columns[0]].lower() if len(cells) > columns[0] else ""
        word, number = re.search(r"([^0-9\s.,]{3,})", text), re.search(r"([0-9]{1,2})", text)
        month = MONTHS.get(word.group(1)) if word else None
        if re.search(r"\d{4}", text) or month is None or number is None:
            continue  # a date with its year (TikTok 2025's "2025/10/31"), or not a day
        month_days.append((month, int(number.group(1))))
    in_order = days_in_order(month_days, reference) if TABLES[detected.connector.table].name == "account_day" else None
    days = in_order or [d for m, n in month_days if (d := latest_such_day(m, n, reference)) is not None]
    if not days:
        return None
    first, last = min(days), max(days)
    years = f"{first.year}" if first.year == last.year else f"{first.year}–{last.year}"
    why = "the date in the file name" if named else "the import day"
    latest = "in the file's order, its last day the latest such day" if in_order else "the latest such days"
    return last.year, f"dates without a year read as {years}: {latest} not after {why}, " + (
        f"{reference.day} {reference:%b %Y}"
    )


MAX_MAPPED_COLUMNS = 300


def _preview_text(name: str, head: bytes, saved: Sequence[Connector] = ()) -> Preview:
    try:
        detected = detect(name, head, saved)
    except DetectionError as error:
        unknown_table = "not an export this product recognises" in str(error)
        header = guess_header(head) if unknown_table else []
        if len(header) > MAX_MAPPED_COLUMNS:  # a form of thousands of choices helps nobody (and weighs megabytes)
            return Preview(
                name,
                problem=f"{error} Its header has {len(header):,} columns; a table of your own can be mapped "
                f"when it has at most {MAX_MAPPED_COLUMNS}.",
            )
        return Preview(name, problem=str(error), mappable_header=header)
    connector = detected.connector
    text = decode_head(head, detected.encoding)
    records = head_rows(text, limit=40, delimiter=detected.delimiter)
    skip_records = sum(1 for r in records if r.end_line <= detected.data_starts_after_line)
    width = len(detected.header)
    rows = [(r.cells + [""] * width)[:width] for r in records[skip_records : skip_records + PREVIEW_ROWS]]
    meta = connector.name == PAGE_INSIGHTS.name
    year = None
    if any(spec.kind == "monthday" for spec in detected.fields.values()):
        # Every record in the head, but one the head's end may have cut short.
        every = head_rows(text, limit=MAX_DAYS_IN_ORDER, delimiter=detected.delimiter)
        whole = every if len(head) < HEAD_BYTES else every[:-1]
        year = _year_of_days(detected, [r.cells for r in whole[skip_records:]], name)
    return Preview(
        name,
        label=connector.label,
        platform=detected.platform,
        header=detected.header,
        rows=rows,
        note=connector.ignore_reason,
        engagement_rule=connector.engagement_note or None,
        names_platform=detected.platform if meta and detected.platform != UNNAMED else None,
        unnamed_title=metric_title(detected.preamble) if meta and detected.platform == UNNAMED else None,
        year=year[0] if year else None,
        year_note=year[1] if year else None,
    )


def _preview_workbook(name: str, data: bytes, saved: Sequence[Connector]) -> list[Preview]:
    """Every sheet of a workbook, as the import will see it."""
    with tempfile.TemporaryDirectory(prefix="impact-preview-") as folder:
        path = Path(folder) / "upload"
        path.write_bytes(data)
        try:
            if workbook_kind(path) == "xlsx":
                with zipfile.ZipFile(path) as archive:
                    check_archive(archive, name)
            sheets = sheets_as_csv(path, name, Path(folder))
        except (WorkbookError, RejectedFile) as error:
            return [Preview(name, problem=str(error))]
        several = len(sheets) > 1
        previews = [
            _preview_text(f"{name} › {s.title}" if several else name, s.csv_path.read_bytes()[:HEAD_BYTES], saved)
            for s in sheets
        ]
    if several and any(p.label for p in previews):
        # Sheets of breakdowns beside the data (LinkedIn's Location, Seniority, ...): skipped, not errors.
        for p in previews:
            if p.problem:
                p.problem, p.note, p.label, p.mappable_header = None, "This sheet is skipped.", "Other sheet", []
    return previews or [Preview(name, problem=f"{name}: every sheet of the workbook is empty.")]


def import_name(upload: str, item: str) -> str:
    """The name the import gives a previewed file: the upload's name without folders, then a ZIP member's path."""
    return ingest._display_name(upload) + item[len(upload) :]


def preview_upload(name: str, data: bytes, saved: Sequence[Connector] = ()) -> list[Preview]:
    """Detection and first rows for an uploaded file; a ZIP lists its members, a workbook its sheets."""
    if not data:
        return [Preview(name, problem=f"{name}: the file is empty (0 bytes).")]
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        return _preview_workbook(name, data, saved)
    if data.startswith(b"PK\x03\x04"):
        try:
            archive = zipfile.ZipFile(io.BytesIO(data))
        except zipfile.BadZipFile:
            return [Preview(name, problem=f"{name}: the ZIP archive is damaged or incomplete.")]
        with archive:
            names = archive.namelist()
            if "xl/workbook.xml" in names:
                return _preview_workbook(name, data, saved)
            # The same members and limits the import uses, so the preview never promises otherwise.
            try:
                members = check_archive(archive, name)
                ingest.survey_archive(archive, name)  # nesting by content, limits over all levels
            except RejectedFile as error:
                return [Preview(name, problem=str(error))]
            previews: list[Preview] = []
            for info in members[:50]:
                member = f"{name}/{info.filename}"
                try:
                    with archive.open(info) as handle:
                        head = handle.read(HEAD_BYTES)
                except (zipfile.BadZipFile, OSError, RuntimeError, zlib.error) as error:
                    previews.append(Preview(member, problem=f"{member}: cannot be unpacked ({error})."))
                    continue
                if head.startswith(b"PK\x03\x04"):
                    previews.append(
                        Preview(member, label="ZIP archive inside the archive", note="Its files are read on import.")
                    )
                else:
                    previews.append(_preview_text(member, head, saved))
            return previews or [Preview(name, problem=f"{name}: the ZIP archive holds no files.")]
    return [_preview_text(name, data[:HEAD_BYTES], saved)]
