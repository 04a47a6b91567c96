"""What an upload looks like before it is imported: detected format and its first rows."""

from __future__ import annotations

import io
import zipfile
import zlib
from dataclasses import dataclass, field

from connectors import DetectionError, detect
from connectors.sniff import HEAD_BYTES, decode_head, head_rows
from impact.ingest import RejectedFile, check_archive

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


def _preview_text(name: str, head: bytes) -> Preview:
    try:
        detected = detect(name, head)
    except DetectionError as error:
        return Preview(name, problem=str(error))
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


def preview_upload(name: str, data: bytes) -> list[Preview]:
    """Detection and first rows for an uploaded file; a ZIP lists its members."""
    if not data:
        return [Preview(name, problem=f"{name}: the file is empty (0 bytes).")]
    if data.startswith(b"PK\x03\x04"):
        try:
            archive = zipfile.ZipFile(io.BytesIO(data))
        except zipfile.BadZipFile:
            return [Preview(name, problem=f"{name}: the ZIP archive is damaged or incomplete.")]
        with archive:
            names = archive.namelist()
            if "xl/workbook.xml" in names:
                return [Preview(name, label="Excel workbook", note="The first sheet is read when you import it.")]
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
                    previews.append(_preview_text(member, head))
            return previews or [Preview(name, problem=f"{name}: the ZIP archive holds no files.")]
    return [_preview_text(name, data[:HEAD_BYTES])]
