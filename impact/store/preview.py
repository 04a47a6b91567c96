"""What an upload looks like before it is imported: detected format and its first rows."""

from __future__ import annotations

import io
import tempfile
import zipfile
import zlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from connectors import DetectionError, detect
from connectors.base import Connector
from connectors.custom import guess_header
from connectors.sniff import HEAD_BYTES, decode_head, head_rows
from impact.store.ingest import RejectedFile, check_archive
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


def _preview_text(name: str, head: bytes, saved: Sequence[Connector] = ()) -> Preview:
    try:
        detected = detect(name, head, saved)
    except DetectionError as error:
        unknown_table = "not an export this product recognises" in str(error)
        header = guess_header(head) if unknown_table else []
        return Preview(name, problem=str(error), mappable_header=header)
    connector = detected.connector
    text = decode_head(head, detected.encoding)
    records = head_rows(text, limit=40, delimiter=detected.delimiter)
    skip_records = (
        sum(1 for r in records if r.end_line <= detected.data_starts_after_line) + connector.rows_after_header
    )
    width = len(detected.header)
    rows = [(r.cells + [""] * width)[:width] for r in records[skip_records : skip_records + PREVIEW_ROWS]]
    return Preview(
        name,
        label=connector.label,
        platform=detected.platform,
        header=detected.header,
        rows=rows,
        note=connector.ignore_reason,
        engagement_rule=connector.engagement_note or None,
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
