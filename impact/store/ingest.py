"""Import export files into the store, each as one atomic batch; undo a batch.

The flow for one file: check it (size, type, archive safety) -> detect its connector from the
header -> let DuckDB's CSV reader parse it into a staging table with every cell typed by the
connector's declared kinds (bad cells reject their row, with a reason) -> record every row as an
observation of this batch -> derive the current `post` / `account_day` rows for the keys touched.
All of it inside one transaction: the file lands whole or not at all.
"""

from __future__ import annotations

import codecs
import contextvars
import csv
import hashlib
import io
import os
import re
import stat
import tempfile
import threading
import uuid
import zipfile
import zlib
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import asdict, dataclass, field, replace
from datetime import date, datetime, timedelta
from pathlib import Path

import duckdb

from connectors import Detected, DetectionError, detect
from connectors.meta_page_insights_csv import UNNAMED, metric_title
from connectors.sniff import HEAD_BYTES, head_rows, nul_sentence, text_decoder
from impact.store import derived
from impact.store.connection import WRITE_LOCK, checkpoint, transaction
from impact.store.derived import insert_current
from impact.store.erasure import forget_erased
from impact.store.mappings import saved_connectors
from impact.store.names import shown_name
from impact.store.options import NO_OPTIONS, ImportOptions, resolve_platform, sibling_platforms
from impact.store.orgs import clean_name, ensure_organisation, organisation_id
from impact.store.staging import (
    FIRST_DAY,
    MAX_DAYS_IN_ORDER,
    MissingColumn,
    days_in_order,
    decimal_comma_of,
    stage_query,
    unmapped_columns,
)
from impact.store.tables import INTERACTION, MENTION, TABLES, TIME_ENTRY, TableSpec
from impact.store.workbooks import WorkbookError, sheets_as_csv, workbook_kind

# A year of tweets is a few MB; uploads stop at Streamlit's 200 MB, the command line at 1 GB.
MAX_FILE_BYTES = 1024 * 1024 * 1024
MAX_ARCHIVE_BYTES = 500 * 1024 * 1024  # total unpacked size of one ZIP
MAX_ARCHIVE_MEMBERS = 2000
MAX_ARCHIVE_DEPTH = 2  # an archive and archives inside it: the limits above cover all levels together
MAX_COMPRESSION_RATIO = 200  # CSV compresses ~10x; a zip bomb compresses 1000x and more
MAX_REJECTION_REASONS = 1000
_SKIPPED_MEMBERS = re.compile(r"(^|/)(__MACOSX|\.DS_Store|Thumbs\.db|desktop\.ini)(/|$)|(^|/)\._")


class RejectedFile(ValueError):
    """A file that cannot be imported; the message names the file and says what to do."""


@dataclass
class ImportResult:
    """What happened to one file: the line a person reads and the JSON the CLI prints."""

    file: str
    status: str  # imported | skipped | rejected
    connector: str | None = None
    platform: str | None = None
    rows_new: int = 0
    rows_updated: int = 0
    rows_unchanged: int = 0
    rows_rejected: int = 0
    error: str | None = None
    batch_id: int | None = None
    label: str | None = None
    rejections: list[tuple[int | None, str]] = field(default_factory=list)
    set_aside: str | None = None  # rows read but not counted, and why (PayPal withdrawals)
    # What the file did not say and the import assumed (its platform, the year of its days), and why.
    assumed: list[str] = field(default_factory=list)
    year: int | None = None  # dates without a year: the year their latest day was read in

    def as_json(self) -> dict[str, object]:
        """The fields the command line's --json promises; `assumed` and `year` only when something was assumed."""
        data = asdict(self)
        for private in ("label", "rejections", "set_aside"):
            data.pop(private)
        if not self.assumed:
            data.pop("assumed")
        if self.year is None:
            data.pop("year")
        data["file"] = shown_name(self.file)
        if self.error is not None:
            data["error"] = shown_name(self.error)
        return data

    def sentence(self) -> str:
        """One line for people."""
        if self.status == "rejected":
            return f"rejected: {shown_name(self.error)}"
        if self.status == "skipped":
            return f"skipped: {shown_name(self.error)}"
        counts = f"{self.rows_new} new, {self.rows_updated} updated, {self.rows_unchanged} unchanged"
        if self.rows_rejected:
            counts += f", {self.rows_rejected} rows left out"
        if self.set_aside:
            counts += f"; {self.set_aside}"
        assumed = "".join(f"; {a}" for a in self.assumed)
        return shown_name(f"imported as {self.label} ({counts}){assumed}")


# ---------------------------------------------------------------------------------------------
# Entry points


# Set while a call imports many files: each file still commits on its own, and the write-ahead log is
# folded into the store file once, at the end of the call (a CHECKPOINT costs tens of milliseconds a file).
_CHECKPOINT_AT_END: ContextVar[bool] = ContextVar("checkpoint_at_end", default=False)


@contextmanager
def _one_checkpoint(con: duckdb.DuckDBPyConnection) -> Iterator[None]:
    if _CHECKPOINT_AT_END.get():  # an outer call checkpoints
        yield
        return
    token = _CHECKPOINT_AT_END.set(True)
    try:
        yield
    finally:
        _CHECKPOINT_AT_END.reset(token)
        checkpoint(con)


def import_paths(
    con: duckdb.DuckDBPyConnection,
    paths: Iterable[Path],
    organisation: str,
    options: ImportOptions | None = None,
    on_result: Callable[[ImportResult], None] | None = None,
) -> list[ImportResult]:
    """Import files, folders (recursively, in name order) and ZIP archives.

    on_result is called with each file's result as it lands (the command line prints it at once).
    """
    with _one_checkpoint(con):
        results = _import_paths(con, paths, organisation, options, on_result or (lambda _: None))
    return results


def _import_paths(
    con: duckdb.DuckDBPyConnection,
    paths: Iterable[Path],
    organisation: str,
    options: ImportOptions | None,
    on_result: Callable[[ImportResult], None],
) -> list[ImportResult]:
    # The organisation is created with the first file that imports, so a rejected file leaves no trace.
    org = clean_name(organisation)
    results: list[ImportResult] = []
    paths = list(paths)
    options = (options or NO_OPTIONS).with_siblings(sibling_platforms((p, p.name) for p in paths))
    for path in paths:
        if path.is_dir():
            for child, relative in folder_files(path):
                results.extend(_landed(import_source(con, child, relative, org, options), on_result))
        elif path.is_file():
            results.extend(_landed(import_source(con, path, path.name, org, options), on_result))
        else:
            missing = ImportResult(str(path), "rejected", error=f"{path}: no such file or folder.")
            results.extend(_landed([missing], on_result))
    return results


def folder_files(folder: Path) -> list[tuple[Path, str]]:
    """The files a folder's import reads, in name order, each with its path inside the folder.

    Hidden files and what archivers and file managers leave behind (__MACOSX, .DS_Store, Thumbs.db) are left out.
    """
    found = []
    for child in sorted(p for p in folder.rglob("*") if p.is_file()):
        relative = child.relative_to(folder).as_posix()
        if not _SKIPPED_MEMBERS.search(relative) and not child.name.startswith("."):
            found.append((child, relative))
    return found


def organisation_folders(folder: Path) -> tuple[list[Path], list[Path]]:
    """A workshop folder's entries, in name order: its sub-folders (an organisation each) and the files beside them."""
    folders: list[Path] = []
    beside: list[Path] = []
    for entry in sorted(folder.iterdir()):
        if not entry.name.startswith(".") and not _SKIPPED_MEMBERS.search(entry.name + "/"):
            (beside if entry.is_file() else folders).append(entry)
    return folders, beside


def beside_the_folders(name: str) -> ImportResult:
    """A file lying beside a workshop's organisation folders: it belongs to none of them, so it is refused."""
    return ImportResult(name, "rejected", error=(
        f"{name}: lies beside the organisations' folders, so it belongs to none of them; put it "
        "in its organisation's folder."
    ))  # fmt: skip


def _landed(results: list[ImportResult], on_result: Callable[[ImportResult], None]) -> list[ImportResult]:
    for result in results:
        on_result(result)
    return results


def import_folders(
    con: duckdb.DuckDBPyConnection,
    folders: Iterable[Path],
    options: ImportOptions | None = None,
    on_result: Callable[[ImportResult], None] | None = None,
) -> list[tuple[str, list[ImportResult]]]:
    """A workshop's exports in one go: each sub-folder of each folder imported as the organisation it names.

    Returns (organisation, its files' results) per sub-folder, in name order; each result's file is named
    with its sub-folder ("Asha's NGO/Table data.csv"). A file lying directly in a folder belongs to no
    organisation and is refused, as is a path that is not a folder.
    """
    with _one_checkpoint(con):
        found = _import_folders(con, folders, options, on_result or (lambda _: None))
    return found


def _import_folders(
    con: duckdb.DuckDBPyConnection,
    folders: Iterable[Path],
    options: ImportOptions | None,
    on_result: Callable[[ImportResult], None],
) -> list[tuple[str, list[ImportResult]]]:
    found: list[tuple[str, list[ImportResult]]] = []
    stray: list[ImportResult] = []
    for folder in folders:
        if not folder.is_dir():
            stray.append(
                ImportResult(str(folder), "rejected", error=f"{folder}: not a folder of organisations' folders.")
            )
            continue
        entries, beside = organisation_folders(folder)
        stray += [beside_the_folders(entry.name) for entry in beside]
        for entry in entries:
            name = clean_name(entry.name)
            results = [replace(r, file=f"{entry.name}/{r.file}") for r in import_paths(con, [entry], name, options)]
            for result in results:
                on_result(result)
            found.append((name, results))
    for result in stray:
        on_result(result)
    return found + ([("", stray)] if stray else [])


def import_upload(
    con: duckdb.DuckDBPyConnection, name: str, data: bytes, organisation: str, options: ImportOptions | None = None
) -> list[ImportResult]:
    """Import an uploaded file (bytes in memory), e.g. from the dashboard's Upload page.

    `options.siblings` may name the platforms of the other files uploaded with it; a ZIP's own members add theirs.
    """
    org = clean_name(organisation)
    with tempfile.TemporaryDirectory(prefix="impact-upload-") as folder:
        # Never build a path from the uploaded name: it is user input.
        path = Path(folder) / "upload"
        path.write_bytes(data)
        display = _display_name(name)
        options = (options or NO_OPTIONS).with_siblings(sibling_platforms([(path, display)]))
        return import_source(con, path, display, org, options)


def import_source(
    con: duckdb.DuckDBPyConnection, path: Path, name: str, organisation: str, options: ImportOptions = NO_OPTIONS
) -> list[ImportResult]:
    """Import one file from disk: a ZIP becomes one result per member."""
    try:
        size = path.stat().st_size
        if size == 0:
            raise RejectedFile(f"{name}: the file is empty (0 bytes). Download the export again.")
        if size > MAX_FILE_BYTES:
            raise RejectedFile(
                f"{name}: the file is {size / 1e6:.0f} MB; files over {MAX_FILE_BYTES // 10**6} MB are refused."
            )
        kind = workbook_kind(path)
        if kind:
            return _import_workbook(con, path, name, organisation, kind, options)
        with path.open("rb") as handle:
            head = handle.read(4)
        if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
            # package.py builds on this module, so it is imported here, when a ZIP comes in.
            from impact.store.package import import_package, is_package

            if is_package(path):  # one organisation's data package, not an archive of exports
                return [import_package(con, path, name, organisation, options.package_for)]
            return list(_import_zip(con, path, name, organisation, options))
        return [import_file(con, path, name, organisation, options)]
    except RejectedFile as error:
        return [ImportResult(name, "rejected", error=str(error))]
    except Exception as error:  # a bug must not take the dashboard down; the transaction has rolled back
        return [
            ImportResult(
                name,
                "rejected",
                error=f"{name}: could not be imported because of an unexpected error ({type(error).__name__}); "
                "nothing was stored. Please report this file to the project.",
            )
        ]


def import_file(
    con: duckdb.DuckDBPyConnection, path: Path, name: str, organisation: str, options: ImportOptions = NO_OPTIONS
) -> ImportResult:
    """Import one text export as one batch; never raises for bad input."""
    # Known once detected: a file refused after that is reported as its format, so a workbook sheet
    # with a missing column is not taken for a sheet no format reads (and skipped).
    known: tuple[str | None, str | None] = (None, None)
    try:
        with path.open("rb") as handle:
            head = handle.read(HEAD_BYTES)
        try:
            detected = detect(name, head, saved_connectors(con))
        except DetectionError as error:
            return ImportResult(name, "rejected", error=str(error))
        assumed: list[str] = []
        if detected.platform == UNNAMED:  # a Meta insights file whose title names only the metric
            try:
                platform, how = resolve_platform(name, metric_title(detected.preamble), options)
            except ValueError as error:
                return ImportResult(name, "rejected", detected.connector.name, error=str(error))
            connector = replace(detected.connector, platform=platform)
            detected, assumed = replace(detected, connector=connector, platform=platform), [how]
        connector = detected.connector
        known = (connector.name, detected.platform)
        result = ImportResult(name, "imported", connector.name, detected.platform, label=connector.label)
        result.assumed = assumed
        if connector.ignore_reason:
            result.status, result.error = "skipped", f"{name}: {connector.ignore_reason}."
            return result
        whole = _fingerprint(path)
        if whole.nul_line and not detected.encoding.startswith(("utf-16", "utf-32")):
            raise RejectedFile(f"{name}: this is {nul_sentence(whole.nul_line)}.")
        with tempfile.TemporaryDirectory(prefix="impact-import-") as folder:
            # Converting and parsing is Python's work on the file alone: done before the store's write lock,
            # so one person's large feed does not hold up everyone else's sign-in, upload and edit.
            utf8_path = _as_utf8(path, detected.encoding, whole, Path(folder))
            if connector.prepare:
                detected, utf8_path = _prepared(detected, utf8_path, name, Path(folder))
            with WRITE_LOCK:
                earlier = con.execute(
                    "SELECT id, started_at FROM import_batch WHERE organisation_id = ? AND sha256 = ? "
                    "AND status = 'imported'",
                    [organisation_id(con, organisation), whole.sha256],
                ).fetchone()
                if earlier:
                    result.status = "skipped"
                    result.error = (
                        f"{name}: this exact file was already imported on {earlier[1]:%d %b %Y %H:%M} "
                        f"(batch {earlier[0]}); nothing changed."
                    )
                    return result
                with _time_budget(con, name):
                    _load_batch(
                        con, detected, utf8_path, name, organisation, whole.sha256, path.stat().st_size, result, options
                    )
                if not _CHECKPOINT_AT_END.get():
                    checkpoint(con)
        return result
    except RejectedFile as error:
        return ImportResult(name, "rejected", *known, error=str(error))
    except duckdb.OutOfMemoryException:
        return ImportResult(
            name,
            "rejected",
            *known,
            error=f"{name}: the file is too large for the memory this machine lets the import use. "
            "Split the export into shorter periods and import them one by one.",
        )
    except (duckdb.Error, UnicodeError, csv.Error, OSError) as error:
        first_line = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        return ImportResult(
            name,
            "rejected",
            *known,
            error=f"{name}: the file could not be read ({first_line[:200]}). Is it complete? Download it again.",
        )


# ---------------------------------------------------------------------------------------------
# Archives and spreadsheets


def _import_workbook(
    con: duckdb.DuckDBPyConnection,
    path: Path,
    name: str,
    organisation: str,
    kind: str,
    options: ImportOptions = NO_OPTIONS,
) -> list[ImportResult]:
    """Each sheet imports as its own file; sheets no format knows are skipped when another sheet imports."""
    if kind == "xlsx":
        with zipfile.ZipFile(path) as archive:
            check_archive(archive, name)
    with tempfile.TemporaryDirectory(prefix="impact-workbook-") as folder:
        try:
            sheets = sheets_as_csv(path, name, Path(folder))
        except WorkbookError as error:
            raise RejectedFile(str(error)) from error
        if not sheets:
            raise RejectedFile(f"{name}: every sheet of the workbook is empty.")
        several = len(sheets) > 1
        results = [
            import_file(con, sheet.csv_path, f"{name} › {sheet.title}" if several else name, organisation, options)
            for sheet in sheets
        ]
    if several and any(r.connector for r in results):
        for result in results:
            if result.status == "rejected" and result.connector is None:  # not recognised, not broken
                result.status = "skipped"
                result.error = (
                    f"{result.file}: this sheet holds no table this product reads (breakdowns are not stored)."
                )
    return results


def check_archive(archive: zipfile.ZipFile, name: str) -> list[zipfile.ZipInfo]:
    """The members worth reading, after refusing archives that would unpack to too much."""
    members = [m for m in archive.infolist() if not m.is_dir() and not _SKIPPED_MEMBERS.search(m.filename)]
    if len(members) > MAX_ARCHIVE_MEMBERS:
        raise RejectedFile(f"{name}: the archive holds {len(members)} files; at most {MAX_ARCHIVE_MEMBERS} are read.")
    total = sum(m.file_size for m in members)
    if total > MAX_ARCHIVE_BYTES:
        raise RejectedFile(
            f"{name}: the archive would unpack to {total / 1e6:.0f} MB, more than {MAX_ARCHIVE_BYTES // 10**6} MB; "
            "it is refused (it may be a zip bomb). Import the exports inside it one by one."
        )
    for member in members:
        if member.file_size > 1_000_000 and member.file_size > MAX_COMPRESSION_RATIO * max(member.compress_size, 1):
            raise RejectedFile(
                f"{name}: '{member.filename}' would unpack to {member.file_size / 1e6:.0f} MB from "
                f"{member.compress_size / 1e3:.0f} kB; archives compressed that much are refused (zip bomb)."
            )
    return members


# Archives by their first bytes, whatever their names say.
_ARCHIVE_MAGIC = (
    (b"PK\x03\x04", "ZIP"),
    (b"PK\x05\x06", "ZIP"),
    (b"\x1f\x8b", "gzip"),
    (b"BZh", "bzip2"),
    (b"\xfd7zXZ\x00", "xz"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip"),
    (b"Rar!\x1a\x07", "RAR"),
    (b"\x28\xb5\x2f\xfd", "Zstandard"),
)
_ARCHIVE_DEPTH: contextvars.ContextVar[int] = contextvars.ContextVar("archive_depth", default=0)


def archive_kind(head: bytes) -> str | None:
    """'ZIP', 'gzip', ... when these first bytes start an archive, else None."""
    return next((kind for magic, kind in _ARCHIVE_MAGIC if head.startswith(magic)), None)


def survey_archive(archive: zipfile.ZipFile, name: str) -> None:
    """Walk an archive and every archive inside it before anything is imported.

    Nesting is judged by content; the member and byte limits hold for all levels together, so a fan-out
    of archives is refused whole and the store stays unchanged.
    """
    budget = [0, 0]  # members, unpacked bytes
    with tempfile.TemporaryDirectory(prefix="impact-survey-") as folder:
        _survey(archive, name, name, 1, budget, Path(folder))


def _survey(archive: zipfile.ZipFile, top: str, name: str, depth: int, budget: list[int], folder: Path) -> None:
    members = check_archive(archive, name)
    budget[0] += len(members)
    budget[1] += sum(m.file_size for m in members)
    if budget[0] > MAX_ARCHIVE_MEMBERS:
        raise RejectedFile(
            f"{top}: the archive and the archives inside it hold over {MAX_ARCHIVE_MEMBERS} files together; "
            "at most that many are read. Import the exports inside it one by one."
        )
    if budget[1] > MAX_ARCHIVE_BYTES:
        raise RejectedFile(
            f"{top}: the archive and the archives inside it would unpack to more than "
            f"{MAX_ARCHIVE_BYTES // 10**6} MB together; it is refused (it may be a zip bomb)."
        )
    for index, member in enumerate(members):
        inner = f"{name}/{member.filename}"
        try:
            with archive.open(member) as handle:
                kind = archive_kind(handle.read(8))
        except (zipfile.BadZipFile, OSError, EOFError, RuntimeError, zlib.error, NotImplementedError):
            continue  # damaged: the import refuses that member alone
        if kind is None:
            continue
        target = folder / f"{depth}-{index}"
        if kind == "ZIP":
            try:
                _extract_capped(archive, member, target, inner)
            except (zipfile.BadZipFile, OSError, EOFError, RuntimeError, zlib.error):
                continue
            if workbook_kind(target):  # an XLSX is a ZIP too; the workbook checks bound it
                target.unlink()
                continue
        if depth >= MAX_ARCHIVE_DEPTH:
            raise RejectedFile(
                f"{top}: '{inner[len(top) + 1 :]}' is a {kind} archive inside an archive inside an archive; "
                f"archives are read at most {MAX_ARCHIVE_DEPTH} levels deep. Unpack it and import the exports inside."
            )
        if kind == "ZIP":
            try:
                with zipfile.ZipFile(target) as nested:
                    _survey(nested, top, inner, depth + 1, budget, folder)
            except zipfile.BadZipFile:
                pass  # the import says the inner archive is damaged
            target.unlink(missing_ok=True)


def _import_seconds() -> float:
    """The time one file's import may take (IMPACT_IMPORT_SECONDS, default 120)."""
    try:
        return max(float(os.environ.get("IMPACT_IMPORT_SECONDS", "120")), 0.001)
    except ValueError:
        return 120.0


@contextmanager
def _time_budget(con: duckdb.DuckDBPyConnection, name: str) -> Iterator[None]:
    """Interrupt the batch's queries past the time budget: its transaction rolls back, the file is refused."""
    seconds = _import_seconds()
    fired = threading.Event()

    def stop() -> None:
        fired.set()
        con.interrupt()

    timer = threading.Timer(seconds, stop)
    timer.daemon = True
    timer.start()
    try:
        yield
    except duckdb.InterruptException as error:
        if not fired.is_set():
            raise
        raise RejectedFile(
            f"{name}: the import took longer than {seconds:g} seconds and was stopped; nothing was stored. "
            "Split the export into shorter periods and import them one by one."
        ) from error
    finally:
        timer.cancel()


def _extract_capped(archive: zipfile.ZipFile, member: zipfile.ZipInfo, target: Path, name: str) -> None:
    """Copy one member out, counting bytes: the sizes in a ZIP's directory can lie."""
    written = 0
    with archive.open(member) as source, target.open("wb") as sink:
        while chunk := source.read(1 << 20):
            written += len(chunk)
            if written > member.file_size or written > MAX_FILE_BYTES:
                raise RejectedFile(f"{name}: '{member.filename}' unpacks to more than its archive says; refused.")
            sink.write(chunk)


def _import_zip(
    con: duckdb.DuckDBPyConnection, path: Path, name: str, organisation: str, options: ImportOptions = NO_OPTIONS
) -> Iterator[ImportResult]:
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as error:
        raise RejectedFile(f"{name}: the ZIP archive is damaged or incomplete ({error}). Download it again.") from error
    depth = _ARCHIVE_DEPTH.get() + 1
    with archive, tempfile.TemporaryDirectory(prefix="impact-zip-") as folder:
        if depth == 1:
            survey_archive(archive, name)  # the whole tree, before any member imports
        members = check_archive(archive, name)
        level = _ARCHIVE_DEPTH.set(depth)
        try:
            if not members:
                raise RejectedFile(f"{name}: the ZIP archive holds no files.")
            for index, member in enumerate(members):
                member_name = f"{name}/{member.filename}"
                # Members go to files named by us, never by the archive: '../' and '/' in names lead nowhere.
                target = Path(folder) / f"member-{index}"
                if _is_link(member):
                    yield ImportResult(
                        member_name,
                        "rejected",
                        error=f"{member_name}: is a symbolic link, not a file; links in archives are not followed.",
                    )
                    continue
                try:
                    _extract_capped(archive, member, target, member_name)
                except (zipfile.BadZipFile, OSError, EOFError, RuntimeError, zlib.error, NotImplementedError) as error:
                    yield ImportResult(member_name, "rejected", error=f"{member_name}: {_unpack_problem(error)}")
                    continue
                except RejectedFile as error:
                    yield ImportResult(member_name, "rejected", error=str(error))
                    continue
                with target.open("rb") as handle:
                    nested_zip = handle.read(4) == b"PK\x03\x04"
                if nested_zip and not workbook_kind(target):
                    # Nesting judged by content (survey_archive refused deeper trees before any import):
                    # a workshop folder zipped with Studio ZIPs inside.
                    if depth >= MAX_ARCHIVE_DEPTH:
                        yield ImportResult(
                            member_name, "rejected", error=f"{member_name}: archives nested twice are not read."
                        )
                    else:
                        yield from import_source(con, target, member_name, organisation, options)
                else:
                    yield from import_source(con, target, member_name, organisation, options)
                target.unlink(missing_ok=True)
        finally:
            _ARCHIVE_DEPTH.reset(level)


def _is_link(member: zipfile.ZipInfo) -> bool:
    """A symbolic link stored by `zip --symlinks` (Unix mode bits in the external attributes)."""
    return member.create_system == 3 and stat.S_ISLNK(member.external_attr >> 16)


def _unpack_problem(error: Exception) -> str:
    """Why a member could not be unpacked, in words (the zipfile and zlib messages are for programmers)."""
    text = str(error)
    if "password" in text or "encrypted" in text:
        return "is protected with a password; unpack the archive yourself and import the files inside."
    if isinstance(error, NotImplementedError):
        return (
            f"is compressed with a method this product cannot read ({text}); unpack it yourself and import the files."
        )
    return "is damaged (its bytes do not unpack to what the archive says); download the archive again."


# ---------------------------------------------------------------------------------------------
# Loading one file


READ_CHUNK = 1 << 22  # bytes read at a time when hashing and checking a file


@dataclass(frozen=True)
class Fingerprint:
    """What one read of the whole file tells (sniffing saw only its first bytes)."""

    sha256: str
    is_utf8: bool  # all of it, not only the head
    nul_line: int | None  # the line of its first NUL byte (meaningful for 8-bit text)
    # CRLF on some lines and a bare LF on others (a spreadsheet re-save), or a CR without its LF (CR CR LF
    # after a second LF -> CRLF conversion, a stray CR in a cell): DuckDB's reader takes one line end per file.
    irregular_line_endings: bool


def _fingerprint(path: Path) -> Fingerprint:
    """Hash, UTF-8 check, NUL and line-ending survey of the file in one read.

    The hash runs in a second thread (hashlib lets go of the GIL), beside the UTF-8 check; chunks of
    plain ASCII need no decoding, and only chunks with a CR need their line ends counted.
    """
    digest = hashlib.sha256()
    decoder: codecs.IncrementalDecoder | None = text_decoder("utf-8")
    nul_at: int | None = None
    crlf = bare_lf = bare_cr = False
    carried = b""  # a CR at the end of one chunk whose LF may start the next
    offset = 0
    with path.open("rb") as handle, ThreadPoolExecutor(max_workers=1) as hasher:
        hashing = None
        while chunk := handle.read(READ_CHUNK):
            if hashing is not None:
                hashing.result()
            hashing = hasher.submit(digest.update, chunk)
            if nul_at is None and (nul := chunk.find(0)) >= 0:
                nul_at = offset + nul
            if not ((crlf and bare_lf) or bare_cr):
                data = carried + chunk
                carried = b"\r" if data.endswith(b"\r") else b""
                data = data[: len(data) - len(carried)]
                if b"\r" in data:
                    pairs = data.count(b"\r\n")
                    crlf = crlf or pairs > 0
                    bare_lf = bare_lf or data.count(b"\n") > pairs
                    bare_cr = bare_cr or data.count(b"\r") > pairs
                else:
                    bare_lf = bare_lf or b"\n" in data
            if decoder is not None and not (chunk.isascii() and decoder.getstate()[0] == b""):
                try:
                    decoder.decode(chunk)
                except UnicodeDecodeError:
                    decoder = None
            offset += len(chunk)
        if hashing is not None:
            hashing.result()
    if decoder:
        try:
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            decoder = None
    irregular = (crlf and bare_lf) or bare_cr
    return Fingerprint(digest.hexdigest(), decoder is not None, _line_at(path, nul_at), irregular)


def _line_at(path: Path, offset: int | None) -> int | None:
    """The line number of a byte offset (rarely needed: only a damaged file has a NUL)."""
    if offset is None:
        return None
    lines, left = 1, offset
    with path.open("rb") as handle:
        while left and (chunk := handle.read(min(left, READ_CHUNK))):
            lines += chunk.count(b"\n")
            left -= len(chunk)
    return lines


def _display_name(name: str) -> str:
    """An uploaded name shown to people: no folders, no control characters, not too long."""
    base = re.split(r"[\\/]", name)[-1]
    return re.sub(r"[\x00-\x1f\x7f]", "", base)[:200] or "upload"


def _as_utf8(path: Path, encoding: str, whole: Fingerprint, folder: Path) -> Path:
    """The path of a UTF-8 copy of the file (the file itself when it already is UTF-8).

    A file mixing CRLF and LF line ends (a spreadsheet re-save), or with a CR without its LF, is copied
    with LF throughout: DuckDB's reader takes one line ending per file. A run of CRs with or without an LF
    is one line end (CR CR LF is a CRLF file converted twice); a stray CR in a cell so splits its line,
    whose two halves are then left out with a reason, instead of the whole file failing.
    """
    mixed = whole.irregular_line_endings
    if encoding in ("utf-8", "utf-8-sig"):
        if whole.is_utf8 and not mixed:
            return path  # DuckDB reads UTF-8 and drops a BOM itself
        # UTF-8 at the head but not further on (rows pasted from a cp1252 spreadsheet): DuckDB
        # would reject those rows as "not text", so read the bytes that are not UTF-8 as cp1252.
        encoding = "cp1252" if not whole.is_utf8 else encoding
    target = folder / f"utf8-{uuid.uuid4().hex}.csv"
    decoder = text_decoder(encoding)
    pending = ""  # a CR at the end of one chunk whose LF may start the next
    with path.open("rb") as source, target.open("w", encoding="utf-8", newline="") as sink:
        while chunk := source.read(1 << 20):
            text = pending + decoder.decode(chunk)
            if mixed:
                pending = text[len(text.rstrip("\r")) :]
                text = _LINE_ENDS.sub("\n", text[: len(text) - len(pending)])
            sink.write(text)
        rest = pending + decoder.decode(b"", final=True)
        sink.write(_LINE_ENDS.sub("\n", rest) if mixed else rest)
    return target


_LINE_ENDS = re.compile(r"\r+\n?")


# Key/value reports and GA4 blocks are a few kB, a blog's or an alert's feed well under 1 MB. Parsing is
# Python's (a 20 MB feed took 23 s): the cap bounds what one upload can cost the server.
MAX_PREPARED_BYTES = 5 * 1024 * 1024


def _prepared(detected: Detected, path: Path, name: str, folder: Path) -> tuple[Detected, Path]:
    """A document that is not one table (Mailchimp's report, GA4's blocks), rewritten as one CSV table."""
    assert detected.connector.prepare is not None
    if path.stat().st_size > MAX_PREPARED_BYTES:
        raise RejectedFile(f"{name}: too large for {detected.connector.label} ({path.stat().st_size / 1e6:.0f} MB).")
    try:
        table = detected.connector.prepare(path.read_text(encoding="utf-8-sig"))
    except ValueError as error:
        raise RejectedFile(f"{name}: {error}") from error
    target = folder / f"prepared-{uuid.uuid4().hex}.csv"
    target.write_text(table, encoding="utf-8", newline="")
    header = next(csv.reader(io.StringIO(table)), [])
    if not header:
        raise RejectedFile(f"{name}: looks like {detected.connector.label}, but holds no figures.")
    lines_in_header = 1 + sum(cell.count("\n") for cell in header)
    return replace(detected, header=header, delimiter=",", data_starts_after_line=lines_in_header), target


def today() -> date:
    """The day imports happen on (tests pin it): dates written without a year are read against it."""
    return date.today()


def _period_end_from_name(name: str) -> datetime | None:
    """The latest date written in an export's file name (most platforms put the period there).

    The file's own name counts first; the folders and archives around it only when it has no date (YouTube
    Studio's "Table data.csv" sits in "Content 2026-05-18_2026-08-16 My Channel"): a backup ZIP named by
    the day it was made must not make an older export inside it look newer. A date after tomorrow is a
    typing slip, not the end of an exported period: it would make the file the newest export for years.
    """
    for part in reversed(name.replace("\\", "/").split("/")):
        found = _dates_in(part)
        if found:
            return max(found)
    return None


def _dates_in(text: str) -> list[datetime]:
    found: list[datetime] = []
    patterns = [
        (r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)", "%Y-%m-%d"),
        (r"(?<!\d)(\d{4})(\d{2})(\d{2})(?!\d)", "%Y%m%d"),
        (r"(?<![A-Za-z])([A-Z][a-z]{2})-(\d{2})-(\d{4})(?!\d)", "%b-%d-%Y"),
    ]
    for pattern, fmt in patterns:
        for match in re.finditer(pattern, text):
            try:
                found.append(datetime.strptime("-".join(match.groups()), fmt.replace("%Y%m%d", "%Y-%m-%d")))
            except ValueError:
                continue
    tomorrow = datetime.combine(date.today() + timedelta(days=1), datetime.min.time())
    return [d for d in found if datetime(2006, 1, 1) <= d <= tomorrow]


def _load_batch(
    con: duckdb.DuckDBPyConnection,
    detected: Detected,
    path: Path,
    name: str,
    organisation: str,
    digest: str,
    size: int,
    result: ImportResult,
    options: ImportOptions = NO_OPTIONS,
) -> None:
    connector = detected.connector
    table = TABLES[connector.table]
    file_handle = None
    if connector.handle_from_filename:
        match = re.search(connector.handle_from_filename, name)
        file_handle = match.group(1) if match else None
    try:
        named = _period_end_from_name(name)
        reference = named.date() if named else today()
        decimal_comma = decimal_comma_of(detected, _first_records(path, detected))
        query, params = stage_query(
            detected, file_handle, reference=reference, year=options.chosen_year(name), decimal_comma=decimal_comma
        )
    except MissingColumn as error:
        raise RejectedFile(f"{name}: {error}") from error
    suffix = uuid.uuid4().hex[:12]
    stage, rejects, scans = f"stage_{suffix}", f"rejects_{suffix}", f"scans_{suffix}"
    params.update(
        path=str(path),
        skip=_records_before_data(detected),
        rejects=rejects,
        scans=scans,
    )
    # On any error the transaction rolls back, and the temporary tables with it.
    with transaction(con):
        org_id = ensure_organisation(con, organisation)
        # No row_number() OVER () in the query: it makes the whole read single-threaded. The staged
        # table keeps the file's order (preserve_insertion_order), so rowids count the data rows.
        con.execute(f"CREATE TEMP TABLE {stage}_rows AS {query}", params)
        # Rows written inside an open transaction get rowids from 2**55 up, consecutive in insertion order.
        first_rowid = con.execute(f"SELECT coalesce(min(rowid), 0) FROM {stage}_rows").fetchone()[0]  # type: ignore[index]
        con.execute(f"CREATE TEMP VIEW {stage} AS SELECT rowid - {int(first_rowid) - 1} AS record, * FROM {stage}_rows")
        _set_aside_unmatched_refunds(con, detected, f"{stage}_rows", org_id)
        in_order = _read_days_in_file_order(con, detected, table, f"{stage}_rows", reference, options.chosen_year(name))
        _record_batch(con, detected, table, stage, rejects, name, org_id, digest, size, result)
        _note_assumptions(
            con, detected, stage, result, options.chosen_year(name), reference, named is not None, in_order
        )
        # The staged rows are written: free their memory before the current rows are made.
        con.execute(f"DROP VIEW IF EXISTS {stage}")
        for temp in (f"{stage}_rows", rejects, scans):
            con.execute(f"DROP TABLE IF EXISTS {temp}")
        _make_current(con, table, org_id, result)


def _read_days_in_file_order(
    con: duckdb.DuckDBPyConnection, detected: Detected, table: TableSpec, rows: str, reference: date, year: int | None
) -> bool:
    """Read a daily file's days without a year in the file's order (staging.days_in_order); say whether they were.

    The staging read each such day on its own. A file whose days follow no order keeps that reading, and so
    does one with a day outside the dates the import allows, read either way: its rows' reasons were
    written for the first reading.
    """
    columns = [c for c, spec in detected.fields.items() if spec.kind == "monthday" and c in detected.present]
    if table.name != "account_day" or not columns:
        return False
    column = columns[0]
    found = con.execute(
        f"""SELECT rowid, {column} FROM {rows} WHERE {column}__yearless AND {column} IS NOT NULL
            ORDER BY rowid LIMIT $most""",
        {"most": MAX_DAYS_IN_ORDER + 1},
    ).fetchall()
    read = days_in_order([(d.month, d.day) for _, d in found], reference, year)
    if read is None:
        return False
    last = max(date.today(), reference) + timedelta(days=1)  # the staging's last allowed day (_limits)
    if any(not (FIRST_DAY <= d <= last) for _, d in found) or any(not (FIRST_DAY <= d <= last) for d in read):
        return False
    moved = [(r, again) for (r, d), again in zip(found, read, strict=True) if again != d]
    if moved:
        con.execute(
            f"""UPDATE {rows} s SET {column} = k.day
                FROM (SELECT unnest($rows) AS r, unnest($days) AS day) k WHERE s.rowid = k.r""",
            {"rows": [r for r, _ in moved], "days": [d for _, d in moved]},
        )
    return True


def _records_before_data(detected: Detected) -> int:
    """How many records DuckDB's reader skips before the data: the lines above it, but a header whose quoted
    names hold line breaks (a spreadsheet's wrapped header) is one record over several lines."""
    wrapped = sum(cell.count("\n") for cell in detected.header)
    return detected.data_starts_after_line - wrapped


def _first_records(path: Path, detected: Detected) -> list[list[str]]:
    """The data rows in the file's first bytes (the record the head's end may have cut is left out)."""
    with path.open("rb") as handle:
        head = handle.read(HEAD_BYTES)
    text = head.decode("utf-8", errors="replace").removeprefix("\ufeff")
    records = head_rows(text, limit=5000, delimiter=detected.delimiter)
    data = [r.cells for r in records if r.end_line > detected.data_starts_after_line]
    return data[:-1] if len(head) == HEAD_BYTES else data


def _note_assumptions(
    con: duckdb.DuckDBPyConnection,
    detected: Detected,
    stage: str,
    result: ImportResult,
    year: int | None,
    reference: date,
    from_name: bool,
    in_order: bool = False,
) -> None:
    """Say which year days without one were read in, and why; keep it, and the platform, in the batch's message."""
    monthdays = [c for c, spec in detected.fields.items() if spec.kind == "monthday" and c in detected.present]
    if monthdays:
        (column,) = monthdays[:1]
        first, last = con.execute(
            f"SELECT min({column}), max({column}) FROM {stage} WHERE problem IS NULL AND NOT dropped"
        ).fetchone() or (None, None)
        if first is not None and last is not None:
            years = f"{first.year}" if first.year == last.year else f"{first.year}–{last.year}"
            if year is not None:
                why = f"the year chosen at import for the latest day, {last.day} {last:%b %Y}"
            else:
                limit = "the date in the file name" if from_name else "the import day"
                # A daily file is read in its order, from its last day back; other files day by day.
                latest = "in the file's order, its last day the latest such day" if in_order else "the latest such days"
                why = f"{latest} not after {limit}, {reference.day} {reference:%b %Y}"
            result.year = last.year
            result.assumed.append(f"dates without a year read as {years}: {why}")
    if result.assumed and result.batch_id is not None:
        con.execute(
            "UPDATE import_batch SET message = $message WHERE id = $batch",
            {"message": "; ".join(result.assumed), "batch": result.batch_id},
        )


UNMATCHED_REFUND = "refunds of no donation the store holds (a sale's refund is not a gift given back)"


def _set_aside_unmatched_refunds(con: duckdb.DuckDBPyConnection, detected: Detected, rows: str, org_id: int) -> None:
    """A refund counts only when it refunds a donation this file brings or the store already holds.

    A seller's PayPal activity refunds eBay sales: counted, they would make donations negative. Formats
    opt in with a `refund_of` field (PayPal's Reference Txn ID, the refunded transaction): a refund
    matches the donation whose reference it names; in layouts without that column, a donation from the
    same donor (hash) in the same currency. Unmatched refunds are set aside with a reason, like the
    rows keep_only sets aside. Runs on the staged rows inside the import's transaction, so the store it
    reads is the one the batch lands in. A refund imported before its donation stays set aside.
    """
    if "refund_of" not in detected.fields:
        return
    if "refund_of" in detected.present:
        match = "d.reference = s.refund_of"
    else:
        match = "d.donor = s.donor AND d.currency IS NOT DISTINCT FROM s.currency"
    con.execute(
        f"""UPDATE {rows} s SET set_aside = true, dropped = true, set_aside_reason = $reason
            WHERE s.kind = 'refund' AND NOT s.dropped AND s.problem IS NULL
              AND NOT EXISTS (SELECT 1 FROM {rows} d
                              WHERE d.kind = 'donation' AND NOT d.dropped AND d.problem IS NULL AND {match})
              AND NOT EXISTS (SELECT 1 FROM outcome d
                              WHERE d.organisation_id = $org AND d.platform = $platform AND d.kind = 'donation'
                                AND {match})""",
        {"reason": UNMATCHED_REFUND, "org": org_id, "platform": detected.platform},
    )


# One error per line: a stray quote first, since the extra columns it leads to come from it.
_LINE_ERROR = "CASE WHEN bool_or(error_type = 'UNQUOTED VALUE') THEN 'UNQUOTED VALUE' ELSE min(error_type) END"


def _malformed_lines(con: duckdb.DuckDBPyConnection, rejects: str) -> list[tuple[int | None, str]]:
    """Lines DuckDB's reader could not split into the header's columns."""
    try:
        # DuckDB logs a cut-off line once per missing column: it is still one rejected row.
        rows = con.execute(
            f"SELECT line, {_LINE_ERROR}, max(csv_line) FROM {rejects} GROUP BY line ORDER BY line"
        ).fetchall()
    except duckdb.CatalogException:
        return []
    reasons = {
        "MISSING COLUMNS": "fewer columns than the header (the line may be cut off)",
        "TOO MANY COLUMNS": "more columns than the header",
        "UNQUOTED VALUE": "a stray quote character",
        "INVALID UNICODE": "bytes that are not text",
        "LINE SIZE OVER MAXIMUM": "a line longer than 10 MB",
    }
    found: list[tuple[int | None, str]] = []
    for line, kind, text in rows:
        spanned = _records_spanned(kind, text)
        reason = "line has " + reasons.get(kind, kind.lower())
        if spanned > 1:
            reason += f", which runs on over {spanned} lines: {spanned} records left out"
        found.append((line, reason))
    return found


def _records_spanned(kind: str, text: str | None) -> int:
    """Records one malformed line holds: a stray quote swallows the records after it, up to the next quote."""
    if kind != "UNQUOTED VALUE" or not text:
        return 1
    return text.rstrip("\r\n").count("\n") + 1


def _malformed_records(con: duckdb.DuckDBPyConnection, rejects: str) -> int:
    """How many records the malformed lines hold (each stray quote counts the records it swallowed)."""
    try:
        rows = con.execute(f"SELECT {_LINE_ERROR}, max(csv_line) FROM {rejects} GROUP BY line").fetchall()
    except duckdb.CatalogException:
        return 0
    return sum(_records_spanned(kind, text) for kind, text in rows)


def _record_batch(
    con: duckdb.DuckDBPyConnection,
    detected: Detected,
    table: TableSpec,
    stage: str,
    rejects: str,
    name: str,
    org_id: int,
    digest: str,
    size: int,
    result: ImportResult,
) -> None:
    """Turn the staged rows into a batch: its record, its rejected rows' reasons and its observations."""
    connector = detected.connector
    malformed = _malformed_lines(con, rejects)
    malformed_records = _malformed_records(con, rejects)
    rows_read, bad = con.execute(
        f"SELECT count(*), count(*) FILTER (WHERE problem IS NOT NULL) FROM {stage} WHERE NOT dropped"
    ).fetchone() or (0, 0)
    # Rows set aside, per reason in the order they first appear: "5 rows not counted (reason)", or with
    # several reasons "7 rows not counted (4 reason; 3 other reason)".
    aside = con.execute(
        f"SELECT set_aside_reason, count(*) FROM {stage} WHERE set_aside GROUP BY 1 ORDER BY min(record)"
    ).fetchall()
    set_aside = sum(n for _, n in aside)
    if set_aside:
        why = [str(r or connector.keep_note or "not relevant") for r, _ in aside]
        listed = why[0] if len(aside) == 1 else "; ".join(f"{n} {w}" for w, (_, n) in zip(why, aside, strict=True))
        result.set_aside = f"{set_aside} rows not counted ({listed})"
    problems = con.execute(
        f"SELECT record, problem FROM {stage} WHERE NOT dropped AND problem IS NOT NULL ORDER BY record LIMIT $n",
        {"n": MAX_REJECTION_REASONS},
    ).fetchall()
    reasons = sorted(malformed + [(int(r), f"row {r}: {p}") for r, p in problems], key=lambda x: x[0] or 0)
    result.rows_rejected = int(bad) + malformed_records
    result.rejections = reasons[:MAX_REJECTION_REASONS]
    if rows_read - bad == 0:
        if set_aside and not reasons:
            raise RejectedFile(f"{name}: read as {connector.label}, but nothing in it counts: {result.set_aside}.")
        if not reasons:
            raise RejectedFile(
                f"{name}: has the header of {connector.label} but no data rows; there is nothing to import."
            )
        first = "; ".join(r for _, r in reasons[:3])
        raise RejectedFile(f"{name}: looks like {connector.label}, but none of its rows could be read ({first}).")
    _refuse_without_figures(con, detected, table, stage, name)

    data_end = (
        con.execute(f"SELECT max({table.time_column}) FROM {stage} WHERE problem IS NULL AND NOT dropped").fetchone()
        if table.time_column in detected.fields
        else None  # a mapped file without dates: the import time dates it
    )
    as_of = _period_end_from_name(name) or (data_end[0] if data_end else None) or datetime.now()
    if not isinstance(as_of, datetime):  # a DATE from account_day
        as_of = datetime(as_of.year, as_of.month, as_of.day)

    platform = detected.platform
    # A file whose rows name their own platform (the interactions template) files each row under it.
    row_platform = (
        f"coalesce({connector.platform_field}, $platform)"
        if connector.platform_field in detected.fields
        else "$platform"
    )
    if row_platform == "$platform":
        _one_account_on_the_platform(con, f"{stage}_rows", org_id, platform)
    con.execute(
        f"""INSERT INTO account (organisation_id, platform, handle)
            SELECT DISTINCT $org, {row_platform}, account_handle FROM {stage} WHERE problem IS NULL AND NOT dropped
            ON CONFLICT DO NOTHING""",
        {"org": org_id, "platform": platform},
    )
    batch_id = con.execute(
        """INSERT INTO import_batch (organisation_id, connector, platform, source_name, sha256, size_bytes, as_of,
                                     rows_read, started_at, status)
           VALUES ($org, $connector, $platform, $name, $sha, $size, $as_of, $rows, current_timestamp, 'imported')
           RETURNING id""",
        {
            "org": org_id,
            "connector": connector.name,
            "platform": platform,
            "name": name,
            "sha": digest,
            "size": size,
            "as_of": as_of,
            "rows": rows_read + malformed_records,
        },
    ).fetchone()[0]  # type: ignore[index]
    result.batch_id = batch_id
    if reasons:
        con.executemany(
            "INSERT INTO import_rejection (batch_id, line, reason) VALUES (?, ?, ?)",
            [[batch_id, line, reason] for line, reason in result.rejections],
        )

    staged = detected.present | {"extra"}
    # `extra`: the unmapped columns' cells as JSON (made in the stage), NULL when no row has one.
    extra_sql = "CAST(NULL AS JSON)"
    if unmapped_columns(detected):
        (filled,) = con.execute(
            f"SELECT bool_or(extra <> '{{}}') FROM {stage} WHERE problem IS NULL AND NOT dropped"
        ).fetchone() or (False,)
        if filled:
            extra_sql = "CAST(s.extra AS JSON)"
    if (
        "engagements" not in staged
        and connector.engagement_parts
        and any(p in staged for p in connector.engagement_parts)
    ):
        staged.add("engagements")
    own_key = ", ".join(table.own_key)
    columns = [c for c in table.key + table.values if c not in ("organisation_id", "platform", "account_id")]
    selected = []
    for column in columns:
        if column == "engagements" and "engagements" not in detected.fields and "engagements" in staged:
            selected.append("s.engagements__sum")
        elif column == "extra":
            selected.append(extra_sql)
        elif column in staged:
            selected.append(f"s.{column}")
        else:
            selected.append("NULL")
    row_key = f"account_handle, {row_platform}, {own_key}"
    keep = "s.copy = 1"
    if not table.number_duplicates and _keys_unique(con, stage, row_key, {"platform": platform}):
        numbered = ""  # numbering each key's copies sorts every staged row: skipped when no key repeats
        keep = "true"
    else:
        numbered = f""", row_number() OVER (PARTITION BY {row_key} ORDER BY record DESC) AS copy,
                         row_number() OVER (PARTITION BY {row_key} ORDER BY record) AS occurrence"""
    if table.number_duplicates:
        # Two identical lines in a time log are two sessions: number them, so both count and a
        # re-upload of the same log still finds the same keys.
        (own,) = table.own_key
        selected[columns.index(own)] = f"s.{own} || '#' || s.occurrence"
        keep = "true"
    observation = f"{table.name}_observation"
    rows = (
        f"(SELECT *, {row_platform} AS row_platform__{numbered} FROM {stage} WHERE problem IS NULL AND NOT dropped) s"
    )
    params: dict[str, object] = {"batch": batch_id, "as_of": as_of, "org": org_id, "platform": platform}
    accounts = con.execute(
        f"""SELECT a.id, a.platform FROM account a
            JOIN (SELECT DISTINCT {row_platform} AS platform, account_handle FROM {stage}
                  WHERE problem IS NULL AND NOT dropped LIMIT 2) s ON a.platform = s.platform AND a.handle = s.account_handle
            WHERE a.organisation_id = $org""",
        {"org": org_id, "platform": platform},
    ).fetchall()
    if len(accounts) == 1:
        # One account (the usual export): no join, so DuckDB writes the rows in parallel, in the file's order.
        account, source = "$account_platform, $account", rows
        params.update(account=accounts[0][0], account_platform=accounts[0][1])
    else:
        account = "a.platform, a.id"
        source = f"{rows} JOIN account a ON a.organisation_id = $org AND a.platform = s.row_platform__ AND a.handle = s.account_handle"
    con.execute(
        f"""INSERT INTO {observation} (batch_id, as_of, organisation_id, platform, account_id, {", ".join(columns)})
            SELECT $batch, $as_of, $org, {account}, {", ".join(selected)} FROM {source} WHERE {keep}""",
        params,
    )


def _make_current(con: duckdb.DuckDBPyConnection, table: TableSpec, org_id: int, result: ImportResult) -> None:
    """After a batch's observations are written: the current rows, and the batch's counts."""
    assert result.batch_id is not None
    if table in (INTERACTION, MENTION):
        forget_erased(con, org_id, result.batch_id)  # people erased at their request stay erased, and uncounted
    new, updated, unchanged = derive_current(con, table, result.batch_id)
    if table is TIME_ENTRY:
        settle_time_entries(con, org_id)
    result.rows_new, result.rows_updated, result.rows_unchanged = new, updated, unchanged
    con.execute(
        """UPDATE import_batch SET rows_new = $new, rows_updated = $updated, rows_unchanged = $unchanged,
                  rows_rejected = $rejected, finished_at = current_timestamp WHERE id = $batch""",
        {
            "new": new,
            "updated": updated,
            "unchanged": unchanged,
            "rejected": result.rows_rejected,
            "batch": result.batch_id,
        },
    )


def _keys_unique(con: duckdb.DuckDBPyConnection, stage: str, row_key: str, params: dict[str, object]) -> bool:
    """Whether no key appears twice among the counted staged rows (a file usually lists each post once)."""
    rows, keys = con.execute(
        f"SELECT count(*), count(DISTINCT ({row_key})) FROM {stage} WHERE problem IS NULL AND NOT dropped", params
    ).fetchone() or (0, 0)
    return bool(rows == keys)


def _one_account_on_the_platform(con: duckdb.DuckDBPyConnection, rows: str, org_id: int, platform: str) -> None:
    """Keep one organisation's files of one account on one account, whether or not each names it.

    Some files name their account only in their path (YouTube Studio's "Content ... My Channel" folder, X's
    daily export); the same file uploaded alone names none and lands on the platform's unnamed account
    (handle ''). Two accounts would then each hold the same days, and the figures, summed over accounts,
    count them twice. So a file that names no account goes to the platform's only named account, and a
    file that names one gives that name to the platform's unnamed account when it is the only one. An
    organisation with several accounts on a platform keeps the rule it had: an unnamed file is unnamed.
    """
    handles = [h for (h,) in con.execute(f"SELECT DISTINCT account_handle FROM {rows} WHERE NOT dropped").fetchall()]
    held = [
        h
        for (h,) in con.execute(
            "SELECT handle FROM account WHERE organisation_id = $org AND platform = $platform",
            {"org": org_id, "platform": platform},
        ).fetchall()
    ]
    if handles == [""] and len(held) == 1 and held[0] != "":
        con.execute(f"UPDATE {rows} SET account_handle = $handle WHERE account_handle = ''", {"handle": held[0]})
    elif len(handles) == 1 and handles[0] != "" and held == [""]:
        con.execute(
            "UPDATE account SET handle = $handle WHERE organisation_id = $org AND platform = $platform AND handle = ''",
            {"handle": handles[0], "org": org_id, "platform": platform},
        )


def _refuse_without_figures(
    con: duckdb.DuckDBPyConnection, detected: Detected, table: TableSpec, stage: str, name: str
) -> None:
    """Refuse a file none of whose rows has a figure: it would be "imported" with nothing to show.

    A file's rows may lack some figures (a private video has no impressions), but when no measure
    column of its table has a value in any row, its columns were not the ones the format expects.
    """
    connector = detected.connector
    staged = {d[0] for d in con.execute(f"SELECT * FROM {stage} LIMIT 0").description}
    measures = [m for m in table.measures if m in detected.fields and m in staged]
    if table is INTERACTION or (
        not any(m in detected.fields for m in table.measures) and not connector.engagement_parts
    ):
        # A format without figures by design (a feed's posts, mentions), or an interaction, which is the
        # fact itself (the person's followers are often not given): each row counts.
        return
    if "engagements__sum" in staged:
        measures.append("engagements__sum")
    with_figures = " OR ".join(f"{m} IS NOT NULL" for m in measures) or "false"
    (filled,) = con.execute(
        f"SELECT count(*) FILTER (WHERE {with_figures}) FROM {stage} WHERE problem IS NULL AND NOT dropped"
    ).fetchone() or (0,)
    if filled:
        return
    expected = [detected.fields[m].sources[0] for m in table.measures if m in detected.fields]
    expected += [detected.fields[p].sources[0] for p in connector.engagement_parts if p in detected.fields]
    columns = [h.strip() for h in detected.header if h.strip()]
    found = ", ".join(f"'{c[:40]}'" for c in columns[:12]) + (
        f" and {len(columns) - 12} more" if len(columns) > 12 else ""
    )
    wanted = ", ".join(f"'{e}'" for e in dict.fromkeys(expected)) or "none"
    raise RejectedFile(
        f"{name}: read as {connector.label}, but no row has a figure, so nothing was imported. "
        f"Its columns are {found or 'none'}; the figures expected are {wanted}."
    )


def _key_match(table: TableSpec, left: str, right: str) -> str:
    return " AND ".join(f"{left}.{k} = {right}.{k}" for k in table.key)


def _derived_rows_sql(table: TableSpec, keys: str) -> str:
    """Current rows for the keys in `keys`: per column, the newest export's non-empty value."""
    order = "{'as_of': o.as_of, 'batch': o.batch_id}"
    values = ", ".join(
        # `extra` holds different columns from different files (LinkedIn's content, followers and visitors
        # workbooks fill the same day): merge them, newer keys over older, rather than keep one file's.
        "list_reduce(list(o.extra ORDER BY o.as_of, o.batch_id) FILTER (WHERE o.extra IS NOT NULL), "
        "(a, b) -> json_merge_patch(a, b)) AS extra"
        if c == "extra"
        else f"arg_max(o.{c}, {order}) FILTER (WHERE o.{c} IS NOT NULL) AS {c}"
        for c in table.values
    )
    key_columns = ", ".join(f"o.{k}" for k in table.key)
    return f"""SELECT arg_max(o.batch_id, {order}) AS batch_id, max(o.as_of) AS as_of, {key_columns}, {values}
               FROM {table.name}_observation o SEMI JOIN {keys} k ON {_key_match(table, "o", "k")}
               GROUP BY {key_columns}"""


def derive_current(con: duckdb.DuckDBPyConnection, table: TableSpec, batch_id: int) -> tuple[int, int, int]:
    """Bring the current table up to date for the keys one batch touched; count new/updated/unchanged."""
    counts = _derive_current_rows(con, table, batch_id)
    if table.name == "post":
        derived.sum_post_days(con, _batch_organisations(con, [batch_id]))
    return counts


def _batch_organisations(con: duckdb.DuckDBPyConnection, batch_ids: list[int]) -> list[int]:
    found = con.execute("SELECT DISTINCT organisation_id FROM import_batch WHERE list_contains(?, id)", [batch_ids])
    return [int(r[0]) for r in found.fetchall()]


def _derive_current_rows(con: duckdb.DuckDBPyConnection, table: TableSpec, batch_id: int) -> tuple[int, int, int]:
    keys = ", ".join(table.key)
    all_columns = f"batch_id, as_of, {keys}, {', '.join(table.values)}"
    suffix = uuid.uuid4().hex[:12]
    touched, before, merging = f"touched_{suffix}", f"before_{suffix}", f"merging_{suffix}"
    con.execute(
        f"""CREATE TEMP TABLE {touched} AS
            SELECT {keys}, EXISTS (SELECT 1 FROM {table.name} c WHERE {_key_match(table, "c", "o")}) AS existed
            FROM {table.name}_observation o WHERE o.batch_id = $batch""",
        {"batch": batch_id},
    )
    new, existed = con.execute(
        f"SELECT count(*) FILTER (WHERE NOT existed), count(*) FILTER (WHERE existed) FROM {touched}"
    ).fetchone()  # type: ignore[misc]
    if not existed:
        # Every key is new: this batch's row is its only observation; copy it straight.
        insert_current(
            con,
            table.name,
            all_columns,
            f"SELECT {all_columns} FROM {table.name}_observation o WHERE o.batch_id = $batch",
            {"batch": batch_id},
        )
        con.execute(f"DROP TABLE {touched}")
        return int(new), 0, 0
    # Keys whose current row is not newer than this batch (the usual case: a later export): the newest
    # non-empty value per column is this batch's value, else the current one. No need to aggregate history.
    # Identical `extra` texts merge to themselves: only a changed row pays for parsing its JSON.
    merged = ", ".join(
        "CASE WHEN b.extra IS NULL THEN o.extra WHEN o.extra IS NULL THEN b.extra "
        "WHEN CAST(b.extra AS VARCHAR) = CAST(o.extra AS VARCHAR) THEN o.extra "
        "ELSE json_merge_patch(b.extra, o.extra) END AS extra"
        if c == "extra"
        else f"coalesce(o.{c}, b.{c}) AS {c}"
        for c in table.values
    )
    was = ", ".join(f"b.{c} AS {c}__was" for c in table.values)
    changed = " OR ".join(f"m.{c} IS DISTINCT FROM m.{c}__was" for c in table.values)
    # Values are kept for the changed rows only: an unchanged row needs only its key (and little memory).
    kept = ", ".join(f"CASE WHEN changed__ THEN {c} END AS {c}" for c in table.values)
    con.execute(
        f"""CREATE TEMP TABLE {merging} AS
            SELECT batch_id, as_of, {keys}, {kept}, changed__ FROM (
                SELECT *, {changed} AS changed__ FROM (
                    SELECT o.batch_id, o.as_of, {", ".join(f"o.{k}" for k in table.key)}, {merged}, {was}
                    FROM {table.name}_observation o JOIN {table.name} b ON {_key_match(table, "o", "b")}
                    WHERE o.batch_id = $batch AND b.as_of <= o.as_of) m)""",
        {"batch": batch_id},
    )
    merged_keys, updated = con.execute(f"SELECT count(*), count(*) FILTER (WHERE changed__) FROM {merging}").fetchone()  # type: ignore[misc]
    if new:  # after the merge's join, which must see only the keys that existed
        insert_current(
            con,
            table.name,
            all_columns,
            f"""SELECT {all_columns} FROM {table.name}_observation o
                SEMI JOIN (SELECT * FROM {touched} WHERE NOT existed) k ON {_key_match(table, "o", "k")}
                WHERE o.batch_id = $batch""",
            {"batch": batch_id},
        )
    older_keys = int(existed) - int(merged_keys)
    if older_keys:
        # Keys that a newer export already covers (an older file imported late): derive them from history.
        con.execute(
            f"""CREATE TEMP TABLE {before} AS SELECT b.* FROM {table.name} b
                JOIN {table.name}_observation o ON {_key_match(table, "o", "b")}
                WHERE o.batch_id = $batch AND b.as_of > o.as_of""",
            {"batch": batch_id},
        )
        con.execute(f"DELETE FROM {table.name} c USING {before} k WHERE {_key_match(table, 'c', 'k')}")
        insert_current(con, table.name, all_columns, _derived_rows_sql(table, before))
        differs = " OR ".join(f"b.{c} IS DISTINCT FROM c.{c}" for c in table.values)
        updated += con.execute(
            f"SELECT count(*) FROM {before} b JOIN {table.name} c ON {_key_match(table, 'b', 'c')} WHERE {differs}"
        ).fetchone()[0]  # type: ignore[index]
        con.execute(f"DROP TABLE {before}")
    # Only changed rows are written again; an unchanged one now comes from this batch, as of its date.
    con.execute(f"DELETE FROM {table.name} c USING {merging} k WHERE {_key_match(table, 'c', 'k')} AND k.changed__")
    insert_current(con, table.name, all_columns, f"SELECT {all_columns} FROM {merging} WHERE changed__")
    con.execute(
        f"""UPDATE {table.name} c SET batch_id = k.batch_id, as_of = k.as_of FROM {merging} k
            WHERE {_key_match(table, "c", "k")} AND NOT k.changed__""",
    )
    con.execute(f"DROP TABLE {merging}")
    con.execute(f"DROP TABLE {touched}")
    return int(new), int(updated), int(existed) - int(updated)


# ---------------------------------------------------------------------------------------------
# Undo


# Time trackers whose exports carry no entry id: an entry whose description or project was filled in
# after an earlier export looks like a new entry. Their later export is the truth for what it covers.
REPLACING_TIME_EXPORTS = ("toggl_detailed_csv", "clockify_detailed_csv")


def settle_time_entries(con: duckdb.DuckDBPyConnection, organisation_id: int) -> None:
    """Within the days a later Toggl or Clockify export covers, its entries replace an earlier export's.

    Per person who appears in the later export, the earlier export's entries on the later one's days
    (its first to its last entry) no longer count, so an entry edited between two downloads counts
    once. Runs after every time-log import and undo (inside its transaction): entries replaced only by
    an export that is undone count again.
    """
    suffix = uuid.uuid4().hex[:12]
    settle, missing = f"settle_{suffix}", f"missing_{suffix}"
    keys = ", ".join(f"o.{k}" for k in TIME_ENTRY.key)
    con.execute(
        f"""CREATE TEMP TABLE {settle} AS
            WITH batches AS (
                SELECT id, as_of, connector FROM import_batch
                WHERE organisation_id = $org AND status = 'imported' AND list_contains($replacing, connector)
            ), spans AS (
                SELECT o.batch_id, min(o.day) AS first_day, max(o.day) AS last_day
                FROM time_entry_observation o JOIN batches b ON b.id = o.batch_id GROUP BY o.batch_id
            ), persons AS (
                SELECT DISTINCT o.batch_id, o.person FROM time_entry_observation o JOIN batches b ON b.id = o.batch_id
            ), observed AS (
                SELECT {keys}, EXISTS (
                           SELECT 1 FROM batches later JOIN spans s ON s.batch_id = later.id
                           JOIN persons p ON p.batch_id = later.id
                           WHERE a.id IS NOT NULL AND later.connector = a.connector
                             AND (later.as_of > a.as_of OR (later.as_of = a.as_of AND later.id > a.id))
                             AND o.day BETWEEN s.first_day AND s.last_day
                             AND p.person IS NOT DISTINCT FROM o.person
                       ) AS replaced
                FROM time_entry_observation o LEFT JOIN batches a ON a.id = o.batch_id
                WHERE o.organisation_id = $org
            )
            SELECT {", ".join(TIME_ENTRY.key)}, bool_and(replaced) AS replaced FROM observed GROUP BY ALL""",
        {"org": organisation_id, "replacing": list(REPLACING_TIME_EXPORTS)},
    )
    con.execute(f"DELETE FROM time_entry c USING {settle} k WHERE {_key_match(TIME_ENTRY, 'c', 'k')} AND k.replaced")
    # Entries no longer replaced (the later export was undone) come back from their observations.
    con.execute(
        f"""CREATE TEMP TABLE {missing} AS SELECT * EXCLUDE (replaced) FROM {settle} k
            WHERE NOT k.replaced AND NOT EXISTS (SELECT 1 FROM time_entry c WHERE {_key_match(TIME_ENTRY, "c", "k")})"""
    )
    all_columns = f"batch_id, as_of, {', '.join(TIME_ENTRY.key)}, {', '.join(TIME_ENTRY.values)}"
    con.execute(f"INSERT INTO time_entry ({all_columns}) {_derived_rows_sql(TIME_ENTRY, missing)}")
    con.execute(f"DROP TABLE {settle}")
    con.execute(f"DROP TABLE {missing}")


def undo_batch(con: duckdb.DuckDBPyConnection, batch_id: int) -> str:
    """Remove everything one import brought in, restoring what earlier imports had said."""
    with WRITE_LOCK:
        with transaction(con):
            _refuse_to_orphan_refunds(con, batch_id)
            name = remove_batch(con, batch_id)
        checkpoint(con)
    return f"Undid batch {batch_id} ({name})."


def _refuse_to_orphan_refunds(con: duckdb.DuckDBPyConnection, batch_id: int) -> None:
    """Refuse to undo donations that another import's refunds refund: those refunds would count alone.

    A refund counts only when its donation is in the store (_set_aside_unmatched_refunds, at import).
    Undoing the donation's import first would leave it counted, and the donations could go below zero.
    A refund is taken to refund a donation of this batch from the same donor in the same currency (the
    store keeps no refund's reference), so the refusal may be cautious; undoing the refunds' import
    first always works.
    """
    found = con.execute(
        """SELECT DISTINCT r.batch_id, b.source_name FROM outcome_observation d
           JOIN outcome r ON r.organisation_id = d.organisation_id AND r.platform = d.platform AND r.kind = 'refund'
                          AND r.donor = d.donor AND r.currency IS NOT DISTINCT FROM d.currency AND r.batch_id <> d.batch_id
           JOIN import_batch b ON b.id = r.batch_id
           WHERE d.batch_id = $batch AND d.kind = 'donation'
           ORDER BY r.batch_id LIMIT 1""",
        {"batch": batch_id},
    ).fetchall()
    if found:
        (other, name), *_ = found
        raise LookupError(
            f"Batch {batch_id} brought donations that batch {other} ({shown_name(str(name))}) refunds. "
            f"Undo batch {other} first: its refunds would otherwise count with no donation."
        )


def remove_batch(con: duckdb.DuckDBPyConnection, batch_id: int) -> str:
    """Undo's work inside the caller's transaction (so an edit can remove and add as one); the source name."""
    row = con.execute("SELECT source_name, status FROM import_batch WHERE id = ?", [batch_id]).fetchone()
    if row is None:
        raise LookupError(f"There is no import batch {batch_id}.")
    name, status = row
    if status != "imported":
        raise LookupError(f"Batch {batch_id} ({name}) was already undone.")
    posts_changed = False
    for table in TABLES.values():
        keys = f"undo_keys_{uuid.uuid4().hex[:12]}"
        con.execute(
            f"CREATE TEMP TABLE {keys} AS SELECT DISTINCT {', '.join(table.key)} "
            f"FROM {table.name}_observation WHERE batch_id = ?",
            [batch_id],
        )
        if table.name == "post":
            posts_changed = bool(con.execute(f"SELECT count(*) FROM {keys}").fetchone()[0])  # type: ignore[index]
        con.execute(f"DELETE FROM {table.name}_observation WHERE batch_id = ?", [batch_id])
        con.execute(f"DELETE FROM {table.name} c USING {keys} k WHERE {_key_match(table, 'c', 'k')}")
        all_columns = f"batch_id, as_of, {', '.join(table.key)}, {', '.join(table.values)}"
        insert_current(con, table.name, all_columns, _derived_rows_sql(table, keys))
        con.execute(f"DROP TABLE {keys}")
    con.execute("UPDATE import_batch SET status = 'undone' WHERE id = ?", [batch_id])
    for org_id in _batch_organisations(con, [batch_id]):
        settle_time_entries(con, org_id)
        if posts_changed:
            derived.sum_post_days(con, [org_id])
    return str(name)
