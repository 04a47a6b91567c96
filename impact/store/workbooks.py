"""Spreadsheets (XLSX re-saves, LinkedIn's BIFF8 .xls) become one CSV file per sheet.

python-calamine reads .xls, .xlsx and .ods alike, in Rust, without evaluating formulas; the
importer then treats each sheet as a text export, so one detection and one staging path serve all.
"""

from __future__ import annotations

import csv
import json
import os
import re
import signal
import subprocess
import sys
import zipfile
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import IO
from xml.parsers import expat

OLE2_MAGIC = b"\xd0\xcf\x11\xe0"
# A workbook is read whole into memory, so it is capped lower than a CSV file.
MAX_WORKBOOK_BYTES = 100 * 1024 * 1024
# The reader fills every cell from A1 to the last one, so a sheet is bounded by that rectangle.
MAX_SHEET_CELLS = 2_000_000
MAX_SHARED_STRINGS = 2_000_000
MAX_XML_BYTES = 500 * 1024 * 1024  # every XML part of one XLSX, unpacked (the archive limit)
MAX_COLUMNS, MAX_ROWS = 16_384, 1_048_576  # Excel's own grid: XFD1048576
_CELL_REF = re.compile(r"\$?([A-Za-z]{1,3})\$?([0-9]{1,7})")


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


class _Unsafe(Exception):
    """Checking stopped: the reason, for the sentence."""


def _cell(ref: str) -> tuple[int, int] | None:
    """(column, row), both from 1, of a reference like XFD1048576."""
    match = _CELL_REF.fullmatch(ref.strip())
    if not match:
        return None
    column = 0
    for letter in match.group(1).upper():
        column = column * 26 + ord(letter) - 64
    return column, int(match.group(2))


def _bound(columns: int, rows: int, what: str) -> None:
    if columns > MAX_COLUMNS or rows > MAX_ROWS:
        raise _Unsafe(f"{what} lies outside Excel's grid")
    if columns * rows > MAX_SHEET_CELLS:
        raise _Unsafe(f"{what} spans {columns * rows:,} cells from A1; at most {MAX_SHEET_CELLS:,} are read")


def _check_part(stream: IO[bytes], part: str) -> None:
    """Stream one XML part through expat: refuse a DOCTYPE (entities never expand), bound sheets and strings."""
    parser = expat.ParserCreate()
    sheet = part.startswith("xl/worksheets/")
    # The reader fills the rectangle from A1 to the widest row's last column and the last row, so that
    # rectangle is bounded, not each cell's own: a wide first row and one cell at A1048576 make 17 M cells.
    state = {"row": 0, "column": 0, "widest": 0, "strings": 0}

    def doctype(*_: object) -> None:
        raise _Unsafe(f"{part} declares a DOCTYPE, which spreadsheets never need")

    def start(tag: str, attributes: dict[str, str]) -> None:
        local = tag.rsplit(":", 1)[-1]
        if sheet and local == "dimension":
            last = attributes.get("ref", "").split(":")[-1]
            corner = _cell(last)
            if corner:
                _bound(*corner, f"a sheet's declared size ({attributes.get('ref')})")
        elif sheet and local == "row":
            number = attributes.get("r", "")
            state["row"] = int(number) if number.isdigit() else state["row"] + 1
            state["column"] = 0
        elif sheet and local == "c":
            found = _cell(attributes.get("r", ""))
            if found:
                state["column"], state["row"] = found[0], max(found[1], state["row"], 1)
            else:
                state["column"] += 1
            state["widest"] = max(state["widest"], state["column"])
            what = f"the cell {attributes.get('r') or 'without a reference'}"
            if state["widest"] > state["column"]:
                what = f"the sheet, {state['widest']:,} columns wide down to {what},"
            _bound(state["widest"], max(state["row"], 1), what)
        elif local == "si":
            state["strings"] += 1
            if state["strings"] > MAX_SHARED_STRINGS:
                raise _Unsafe(f"it holds over {MAX_SHARED_STRINGS:,} shared strings")

    parser.StartDoctypeDeclHandler = doctype
    parser.EntityDeclHandler = doctype
    parser.StartElementHandler = start
    while chunk := stream.read(1 << 16):
        try:
            parser.Parse(chunk, False)
        except expat.ExpatError:
            return  # damaged XML: the reader says so in its own words
    try:
        parser.Parse(b"", True)
    except expat.ExpatError:
        return


def check_xlsx(path: Path, name: str) -> None:
    """Refuse an XLSX whose sheets or strings would make the reader allocate without bound; reads nothing whole."""
    try:
        with zipfile.ZipFile(path) as archive:
            parts = [m for m in archive.infolist() if m.filename.lower().endswith((".xml", ".rels", ".vml"))]
            total = sum(m.file_size for m in parts)
            if total > MAX_XML_BYTES:
                raise _Unsafe(f"its parts unpack to {total / 1e6:.0f} MB; at most {MAX_XML_BYTES // 10**6} MB are read")
            for member in parts:
                try:
                    with archive.open(member) as stream:
                        _check_part(stream, member.filename)
                except (zipfile.BadZipFile, OSError, EOFError, RuntimeError, zlib.error, NotImplementedError):
                    continue  # damaged bytes: the reader reports the damage
    except (zipfile.BadZipFile, OSError):
        return
    except _Unsafe as reason:
        raise WorkbookError(unsafe_sentence(name, str(reason))) from None


def unsafe_sentence(name: str, why: str) -> str:
    return (
        f"{name}: the spreadsheet could not be read safely ({why}). "
        "Open it in a spreadsheet program and save the sheet you need as CSV, then import that."
    )


def _memory_limit() -> int:
    return int(os.environ.get("IMPACT_WORKBOOK_MEMORY_MB", "3072")) * 1024 * 1024


def _time_limit() -> float:
    return float(os.environ.get("IMPACT_WORKBOOK_SECONDS", "60"))


_ENCRYPTED_PACKAGE = "EncryptedPackage".encode("utf-16-le")


def sheets_as_csv(path: Path, name: str, folder: Path) -> list[Sheet]:
    """Every visible, non-empty sheet written as a UTF-8 CSV file in `folder`.

    Checked first (size; an XLSX's sheet sizes, strings and DOCTYPEs), then read in a child process
    with a memory limit and a time limit: a reader that aborts or hangs takes down only the child.
    """
    if path.stat().st_size > MAX_WORKBOOK_BYTES:
        raise WorkbookError(
            f"{name}: workbooks over {MAX_WORKBOOK_BYTES // 2**20} MB are not read; save the sheet as CSV and import that."
        )
    if workbook_kind(path) == "xlsx":
        check_xlsx(path, name)
    elif _ENCRYPTED_PACKAGE in path.read_bytes():
        # An XLSX saved with a password is an OLE file holding an "EncryptedPackage" stream.
        raise WorkbookError(
            f"{name}: the workbook is protected with a password. Open it, remove the password "
            "(or save the sheet as CSV) and import that."
        )
    # A separate interpreter, not multiprocessing: under `streamlit run` the main module is the app,
    # which a spawned child would run again; a forked one would inherit the dashboard's threads.
    root = str(Path(__file__).resolve().parents[2])
    request = json.dumps({"path": str(path), "name": name, "folder": str(folder)})
    seconds = _time_limit()
    memory = _memory_limit()
    try:
        done = subprocess.run(
            [sys.executable, "-c", "from impact.store.workbooks import child_main; child_main()"],
            input=request,
            capture_output=True,
            text=True,
            timeout=seconds,
            cwd=root,
            env={**os.environ, "PYTHONPATH": root, "IMPACT_WORKBOOK_CHILD_MEMORY": str(memory)},
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise WorkbookError(unsafe_sentence(name, f"reading it took longer than {seconds:.0f} seconds")) from None
    try:
        outcome, payload = json.loads(done.stdout.strip().splitlines()[-1])
    except (IndexError, ValueError):
        raise WorkbookError(unsafe_sentence(name, _how_it_ended(done.returncode))) from None
    if outcome == "error":
        raise WorkbookError(payload)
    return [Sheet(title, Path(csv_path)) for title, csv_path in payload]


def _how_it_ended(code: int | None) -> str:
    if code is not None and code < 0:
        try:
            return f"the reader was stopped by {signal.Signals(-code).name}"
        except ValueError:
            return f"the reader was stopped by signal {-code}"
    return f"the reader ended without an answer (exit status {code})"


def child_main() -> None:
    """The child interpreter: cap the address space, read, print the sheets or the sentence as JSON."""
    import resource

    request = json.loads(sys.stdin.read())
    name = request["name"]
    memory = int(os.environ.get("IMPACT_WORKBOOK_CHILD_MEMORY") or _memory_limit())
    try:
        _, hard = resource.getrlimit(resource.RLIMIT_AS)
        resource.setrlimit(resource.RLIMIT_AS, (memory if hard == resource.RLIM_INFINITY else min(memory, hard), hard))
    except (ValueError, OSError):
        pass
    try:
        sheets = _read_sheets(Path(request["path"]), name, Path(request["folder"]))
        message: tuple[str, object] = ("ok", [(s.title, str(s.csv_path)) for s in sheets])
    except WorkbookError as error:
        message = ("error", str(error))
    except MemoryError:
        message = ("error", unsafe_sentence(name, "it needs more memory than an import may use"))
    except BaseException as error:  # pyo3's PanicException is no Exception: a panic in the reader
        message = ("error", unsafe_sentence(name, f"the reader failed: {type(error).__name__}"))
    print(json.dumps(message))


def _blank(row: Sequence[object]) -> bool:
    return all(cell is None or (isinstance(cell, str) and not cell.strip()) for cell in row)


def _read_sheets(path: Path, name: str, folder: Path) -> list[Sheet]:
    from python_calamine import CalamineWorkbook  # imported here: only spreadsheet uploads pay for it

    try:
        workbook = CalamineWorkbook.from_path(str(path))
    except Exception as error:  # calamine raises its own types for every kind of damage
        raise WorkbookError(
            f"{name}: this is not a readable Excel workbook; it is damaged, or not a workbook at all. "
            "Download it again, or save it again as XLSX or CSV."
        ) from error
    sheets: list[Sheet] = []
    try:
        for index, meta in enumerate(workbook.sheets_metadata):
            if str(getattr(meta, "visible", "Visible")).lower().endswith("hidden"):
                continue
            rows = workbook.get_sheet_by_index(index).to_python(skip_empty_area=False)
            # Blank rows under the table (a stray space or a formatted cell far below it) hold no data:
            # written out, each would be reported as a rejected row. Blank rows inside the table stay,
            # so row numbers in messages still match the sheet's.
            filled = [i for i, row in enumerate(rows) if not _blank(row)]
            if not filled:
                continue
            target = folder / f"sheet-{index}.csv"
            with target.open("w", encoding="utf-8", newline="") as sink:
                writer = csv.writer(sink)
                for row in rows[: filled[-1] + 1]:
                    writer.writerow([cell_text(v) for v in row])
            sheets.append(Sheet(meta.name, target))
    except Exception as error:
        raise WorkbookError(
            f"{name}: the workbook is damaged. Download it again, or save it as XLSX or CSV."
        ) from error
    finally:
        close = getattr(workbook, "close", None)
        if close:
            close()
    return sheets
