"""Spreadsheets (XLSX re-saves, LinkedIn's BIFF8 .xls) become one CSV file per sheet.

python-calamine reads .xls, .xlsx and .ods alike, in Rust, without evaluating formulas; the
importer then treats each sheet as a text export, so one detection and one staging path serve all.
"""

from __future__ import annotations

import csv
import zipfile
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path

OLE2_MAGIC = b"\xd0\xcf\x11\xe0"
# A workbook is read whole into memory, so it is capped lower than a CSV file.
MAX_WORKBOOK_BYTES = 100 * 1024 * 1024


class WorkbookError(ValueError):
    """The workbook cannot be read; the message is for people."""


@dataclass(frozen=True)
class Sheet:
    title: str
    csv_path: Path


def workbook_kind(path: Path) -> str | None:
    """'xlsx' or 'xls' when the file is a spreadsheet (by content, never by name), else None."""
    with path.open("rb") as handle:
        magic = handle.read(4)
    if magic == OLE2_MAGIC:
        return "xls"
    if magic == b"PK\x03\x04":
        try:
            with zipfile.ZipFile(path) as archive:
                names = set(archive.namelist())
        except (zipfile.BadZipFile, OSError):
            return None
        if "xl/workbook.xml" in names:
            return "xlsx"
    return None


def cell_text(value: object) -> str:
    """A cell as the CSV export would have written it (dates in ISO form, 12.0 as 12)."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, time):
        return value.strftime("%H:%M:%S")
    if isinstance(value, timedelta):
        seconds = int(value.total_seconds())
        return f"{seconds // 3600}:{seconds % 3600 // 60:02d}:{seconds % 60:02d}"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def sheets_as_csv(path: Path, name: str, folder: Path) -> list[Sheet]:
    """Every visible, non-empty sheet written as a UTF-8 CSV file in `folder`."""
    from python_calamine import CalamineWorkbook  # imported here: only spreadsheet uploads pay for it

    if path.stat().st_size > MAX_WORKBOOK_BYTES:
        raise WorkbookError(
            f"{name}: workbooks over {MAX_WORKBOOK_BYTES // 2**20} MB are not read; save the sheet as CSV and import that."
        )
    try:
        workbook = CalamineWorkbook.from_path(str(path))
    except Exception as error:  # calamine raises its own types for every kind of damage
        raise WorkbookError(
            f"{name}: this is not a readable Excel workbook ({type(error).__name__}). "
            "Download it again, or save it again as XLSX or CSV."
        ) from error
    sheets: list[Sheet] = []
    try:
        for index, meta in enumerate(workbook.sheets_metadata):
            if str(getattr(meta, "visible", "Visible")).lower().endswith("hidden"):
                continue
            rows = workbook.get_sheet_by_index(index).to_python(skip_empty_area=False)
            if not any(any(cell not in (None, "") for cell in row) for row in rows):
                continue
            target = folder / f"sheet-{index}.csv"
            with target.open("w", encoding="utf-8", newline="") as sink:
                writer = csv.writer(sink)
                for row in rows:
                    writer.writerow([cell_text(v) for v in row])
            sheets.append(Sheet(meta.name, target))
    except Exception as error:
        raise WorkbookError(
            f"{name}: the workbook is damaged ({type(error).__name__}). Download it again, or save it as XLSX or CSV."
        ) from error
    finally:
        close = getattr(workbook, "close", None)
        if close:
            close()
    return sheets
