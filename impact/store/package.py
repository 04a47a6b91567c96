"""Data packages: one organisation's rows, with where each came from, in a ZIP another store imports.

A grantee exports a package (`python -m impact export-org`) and sends the file; the funder imports it
like any export (Upload page, `python -m impact import`), and the organisation appears in the funder's
store with its imports, hand-typed entries, campaigns, goals, evidence, people and settings: nobody
shares a login. The ZIP holds `manifest.json` (what it is, which app schema made it, the organisation's
name and settings, every member's row count and sha256) and one Parquet file per table.

Why Parquet and not CSV: it keeps every column's type (timestamps, decimals, JSON, lists of hashtags)
exactly, so nothing is re-parsed or guessed on the way back in; it is compressed column by column
(zstd), which is what a grantee on a slow connection needs; DuckDB writes and reads it itself, offline.

The replace rule: a package is the organisation's whole data. Importing one replaces everything the
receiving store holds for that organisation (its imports, entries typed there, campaigns, people,
settings) in one transaction; the organisation keeps its id, so a funder's portfolios still hold it.
A package older than one already imported, or the same package again, is skipped. Each import leaves
a row in the import history (connector `org_package`, status `package`, as_of = when the package was
made): it is what "already imported" and "older" are judged by, and it is no file to undo.

Which tables travel is declared below, table by table; `coverage_problems` finds any table or id
column of the store that the declaration does not place, and export and import refuse until it does
(tests/test_org_package.py checks a fresh store), so a later migration cannot be silently left out.
"""

from __future__ import annotations

import graphlib
import hashlib
import json
import os
import re
import tempfile
import uuid
import zipfile
import zlib
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

import duckdb

from impact.store import derived
from impact.store.connection import WRITE_LOCK, checkpoint, transaction
from impact.store.ingest import (
    ImportResult,
    RejectedFile,
    _extract_capped,
    _is_link,
    _time_budget,
    _unpack_problem,
    check_archive,
)
from impact.store.names import shown_name
from impact.store.orgs import DEFAULT_ORGANISATION, clean_name, ensure_organisation, organisation_id

FORMAT = "impact-org-package"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
MAX_MANIFEST_BYTES = 1_000_000  # a manifest is a few kB; more is not one
CONNECTOR = "org_package"
PACKAGE_STATUS = "package"  # an import_batch row that records a package import, not a file to undo

# Tables whose rows belong to an organisation through their organisation_id column.
OWN_TABLES = (
    "account",
    "import_batch",
    "post_observation",
    "post",
    "account_day_observation",
    "account_day",
    "outcome_observation",
    "outcome",
    "time_entry_observation",
    "time_entry",
    "web_traffic_observation",
    "web_traffic",
    "mention_observation",
    "mention",
    "interaction_observation",
    "interaction",
    "campaign",
    "person",
    "supporter",
    "supporter_handle",
    "supporter_erased",
)
# Tables whose rows belong to an organisation through a parent row: table -> (column, parent table).
CHILD_TABLES = {
    "import_rejection": ("batch_id", "import_batch"),
    "campaign_post": ("campaign_id", "campaign"),
    "goal": ("campaign_id", "campaign"),
    "evidence": ("campaign_id", "campaign"),
}
# Tables a package leaves out on purpose, and why.
LEFT_OUT = {
    "organisation": "its name and settings travel in manifest.json; the receiving store keeps its own id for it",
    "post_day": "sums of the organisation's posts per day, made again from them in the receiving store",
    "derived_state": "what a store's derived data was computed with; the receiving store records its own",
    "schema_migration": "the store's own migration log; the manifest states the schema version instead",
    "column_mapping": "saved column mappings belong to a store, not an organisation; the rows they mapped travel",
    "portfolio": "a funder's grouping of organisations belongs to the funder's store",
    "portfolio_member": "which portfolios hold an organisation is the receiving funder's choice, kept on import",
    "presence_weight": "a funder's weights belong to the funder's store",
    "benchmark": "a funder's benchmarks belong to the funder's store",
    "app_user": "accounts and password hashes belong to the store that serves them, never to a package",
    "app_user_organisation": "who may read an organisation is the receiving store's choice",
    "app_user_portfolio": "who may read a portfolio is the receiving store's choice",
    "share_link": "a share link opens the store that made it; its token hash must not travel",
    "audit_event": "the audit log records what happened in one store",
    "source": "what a store pulls from, and how far it got, belongs to that store; the rows it pulled travel",
    "source_secret": "keys and tokens never leave the store that was given them",
}
# Integer columns that name a row of another table, renumbered into the receiving store's ids.
REFERENCES = {
    "organisation_id": "organisation",
    "account_id": "account",
    "batch_id": "import_batch",
    "campaign_id": "campaign",
    "supporter_id": "supporter",
}
_INTEGER_TYPES = ("TINYINT", "SMALLINT", "INTEGER", "BIGINT", "HUGEINT", "UTINYINT", "USMALLINT", "UINTEGER", "UBIGINT")
# The organisation's columns that are not settings: the receiving store has its own.
_NOT_SETTINGS = ("id", "name", "created_at")
_REQUIRED_SETTINGS = ("currency", "timezone")
_MANIFEST_FIELDS = {"format", "format_version", "schema_version", "created_at", "organisation", "members"}


class PackageError(RuntimeError):
    """A package cannot be written: no such organisation, or a table the declaration does not place."""


@dataclass(frozen=True)
class Member:
    """One table's file in a package."""

    file: str
    table: str
    rows: int
    sha256: str


@dataclass(frozen=True)
class Manifest:
    """What manifest.json says, checked."""

    format_version: int
    schema_version: int
    created_at: datetime  # UTC, naive like the store's timestamps
    organisation: str
    settings: dict[str, object]
    members: tuple[Member, ...]


@dataclass(frozen=True)
class Written:
    """A package written to disk."""

    path: Path
    organisation: str
    rows: int
    size_bytes: int
    members: tuple[Member, ...]

    def sentence(self) -> str:
        """One line for people."""
        return shown_name(
            f"{self.organisation}: {self.rows:,} rows from {len(self.members)} tables written to {self.path} "
            f"({self.size_bytes / 1e6:.1f} MB)."
        )

    def as_json(self) -> dict[str, object]:
        """What the command line's --json prints."""
        return {
            "file": str(self.path),
            "organisation": self.organisation,
            "rows": self.rows,
            "size_bytes": self.size_bytes,
            "members": [m.__dict__ for m in self.members],
        }


# ---------------------------------------------------------------------------------------------
# Which tables travel


@dataclass(frozen=True)
class Schema:
    """The store's tables as packages see them, read once from its catalog."""

    columns: dict[str, dict[str, str]]  # table -> column -> type, in column order
    id_defaults: dict[str, str]  # table -> its id column's default: nextval('<sequence>') when a sequence numbers it
    version: int  # the highest applied migration

    def problems(self) -> list[str]:
        """What a package would miss: tables neither packaged nor left out, ids it would not renumber."""
        problems = []
        for table, columns in self.columns.items():
            if table in LEFT_OUT:
                continue
            if table in OWN_TABLES:
                if "organisation_id" not in columns:
                    problems.append(f"table {table} is packaged by its organisation_id, but has no such column")
            elif table in CHILD_TABLES:
                column, _ = CHILD_TABLES[table]
                if column not in columns:
                    problems.append(f"table {table} is packaged by its {column}, but has no such column")
            else:
                owned = " (it has an organisation_id column)" if "organisation_id" in columns else ""
                problems.append(f"table {table} is neither in a package nor left out of it{owned}")
                continue
            if "id" in columns and self.sequence(table) is None:
                problems.append(f"table {table} has ids that no sequence numbers, which a package cannot renumber")
            for column, data_type in columns.items():
                if column.endswith("_id") and column not in REFERENCES and data_type in _INTEGER_TYPES:
                    problems.append(f"{table}.{column} names rows of another table, which a package does not renumber")
        return problems

    def packaged(self) -> list[str]:
        """The tables a package holds, each after the tables its ids refer to."""
        tables = [t for t in (*OWN_TABLES, *CHILD_TABLES) if t in self.columns]
        order: graphlib.TopologicalSorter[str] = graphlib.TopologicalSorter()
        for table in tables:
            parents = {REFERENCES[c] for c in self.columns[table] if c in REFERENCES}
            parents |= {CHILD_TABLES[table][1]} if table in CHILD_TABLES else set()
            order.add(table, *sorted(p for p in parents if p in tables and p != table))
        return list(order.static_order())

    def sequence(self, table: str) -> str | None:
        """The sequence that numbers a table's ids."""
        match = re.fullmatch(r"nextval\('([^']+)'\)", self.id_defaults.get(table, ""))
        return match.group(1) if match else None


def store_schema(con: duckdb.DuckDBPyConnection) -> Schema:
    """The store's base tables, their columns and id sequences, and its schema version."""
    rows = con.execute(
        """SELECT c.table_name, c.column_name, c.data_type, c.column_default FROM information_schema.columns c
           JOIN information_schema.tables t USING (table_schema, table_name)
           WHERE c.table_schema = 'main' AND t.table_type = 'BASE TABLE' ORDER BY c.table_name, c.ordinal_position"""
    ).fetchall()
    columns: dict[str, dict[str, str]] = {}
    id_defaults = {}
    for table, column, data_type, default in rows:
        columns.setdefault(table, {})[column] = data_type
        if column == "id":
            id_defaults[table] = str(default or "")
    version = con.execute("SELECT max(version) FROM schema_migration").fetchone()
    return Schema(columns, id_defaults, int(version[0]) if version and version[0] is not None else 0)


def coverage_problems(con: duckdb.DuckDBPyConnection) -> list[str]:
    """What a package of this store would miss (an empty list when every table and id has its place)."""
    return store_schema(con).problems()


def _require_coverage(schema: Schema) -> None:
    problems = schema.problems()
    if problems:
        raise PackageError(
            "Data packages do not yet know where some of the store's data goes ("
            + "; ".join(problems)
            + "); add it to impact/store/package.py."
        )


def _scope(table: str) -> str:
    """The WHERE condition that selects one organisation's ($org) rows of a packaged table."""
    if table in CHILD_TABLES:
        column, parent = CHILD_TABLES[table]
        return f"{_quoted(column)} IN (SELECT id FROM {_quoted(parent)} WHERE {_scope(parent)})"
    return "organisation_id = $org"


def _quoted(identifier: str) -> str:
    """An identifier from the store's own catalog, quoted for SQL."""
    return '"' + identifier.replace('"', '""') + '"'


# ---------------------------------------------------------------------------------------------
# Export


def export_organisation(con: duckdb.DuckDBPyConnection, organisation: str, out: Path) -> Written:
    """Write one organisation's data package to `out` (replaced whole, never half-written)."""
    schema = store_schema(con)
    _require_coverage(schema)
    org_id = organisation_id(con, organisation)
    if org_id is None:
        raise PackageError(f"No organisation called {organisation!r}.")
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="impact-export-") as folder:
        # One transaction: every table is read from the same moment, even while the dashboard writes.
        with transaction(con):
            members = tuple(_export_table(con, table, org_id, Path(folder)) for table in schema.packaged())
            manifest = {
                "format": FORMAT,
                "format_version": FORMAT_VERSION,
                "schema_version": schema.version,
                "created_at": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ"),
                "organisation": {"name": organisation, "settings": _settings(con, org_id)},
                "members": [m.__dict__ for m in members],
                "left_out": {t: why for t, why in LEFT_OUT.items() if t in schema.columns},
            }
        writing = out.with_name(f".{out.name}.writing-{uuid.uuid4().hex}")
        try:
            _write_zip(writing, manifest, members, Path(folder))
            os.replace(writing, out)
        finally:
            writing.unlink(missing_ok=True)
    rows = sum(m.rows for m in members)
    return Written(out, organisation, rows, out.stat().st_size, members)


def _export_table(con: duckdb.DuckDBPyConnection, table: str, org_id: int, folder: Path) -> Member:
    file = f"{table}.parquet"
    target = folder / file
    # COPY takes no parameter for its file name; the name is ours (a temporary folder and a table name).
    literal = "'" + str(target).replace("'", "''") + "'"
    row = con.execute(
        f"COPY (SELECT * FROM {_quoted(table)} WHERE {_scope(table)}) TO {literal} (FORMAT parquet, COMPRESSION zstd)",
        {"org": org_id},
    ).fetchone()
    return Member(file, table, int(row[0]) if row else 0, _sha256(target))


def _settings(con: duckdb.DuckDBPyConnection, org_id: int) -> dict[str, object]:
    """The organisation's own columns other than its id, name and creation time, as JSON values."""
    cursor = con.execute("SELECT * FROM organisation WHERE id = ?", [org_id])
    names = [d[0] for d in cursor.description]
    row = cursor.fetchone() or ()
    return {
        n: v.isoformat() if isinstance(v, date) else v
        for n, v in zip(names, row, strict=True)
        if n not in _NOT_SETTINGS
    }


def _write_zip(path: Path, manifest: dict[str, object], members: tuple[Member, ...], folder: Path) -> None:
    # The manifest goes first: a package cut off on the way still names itself in its first bytes,
    # so the import can say "damaged package" rather than "damaged archive".
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(
            MANIFEST, json.dumps(manifest, indent=2, ensure_ascii=False, default=str), zipfile.ZIP_DEFLATED
        )
        for member in members:
            archive.write(folder / member.file, member.file, zipfile.ZIP_STORED)  # Parquet is compressed already


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


# ---------------------------------------------------------------------------------------------
# Recognising a package


def is_package(path: Path) -> bool:
    """A ZIP whose first member, or any member at its root, is manifest.json.

    The first member is read from the first bytes, so a package cut off on the way (its ZIP directory,
    at the end, lost) is still recognised and refused as a damaged package.
    """
    with path.open("rb") as handle:
        head = handle.read(30 + len(MANIFEST))
    name = MANIFEST.encode()
    if head[:4] == b"PK\x03\x04" and int.from_bytes(head[26:28], "little") == len(name) and head[30:] == name:
        return True
    try:
        with zipfile.ZipFile(path) as archive:
            return any(info.filename == MANIFEST for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, EOFError, ValueError):
        return False


# ---------------------------------------------------------------------------------------------
# Reading and checking a package


def _open_archive(path: Path, name: str) -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, EOFError, ValueError) as error:
        raise RejectedFile(
            f"{name}: the data package is damaged or incomplete (it does not open as a ZIP archive); ask for it again."
        ) from error


def _read_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, target: Path, name: str) -> None:
    """Copy one member out to a file named by us, counting its bytes."""
    if _is_link(info):
        raise RejectedFile(
            f"{name}: {info.filename} is a symbolic link, not a file; links in archives are not followed."
        )
    try:
        _extract_capped(archive, info, target, f"{name}/{info.filename}")
    except (zipfile.BadZipFile, OSError, EOFError, RuntimeError, zlib.error, NotImplementedError) as error:
        raise RejectedFile(f"{name}: {info.filename} {_unpack_problem(error)}") from error


def _manifest_data(archive: zipfile.ZipFile, name: str, folder: Path) -> dict[str, object]:
    """manifest.json, parsed: a JSON object."""
    info = next((i for i in archive.infolist() if i.filename == MANIFEST), None)
    if info is None:
        raise RejectedFile(f"{name}: the data package has no {MANIFEST}; ask for it again.")
    if info.file_size > MAX_MANIFEST_BYTES:
        raise RejectedFile(
            f"{name}: its {MANIFEST} is {info.file_size / 1e6:.0f} MB; a package's manifest is a few kB, so it is refused."
        )
    target = folder / "manifest"
    _read_member(archive, info, target, name)
    try:
        data = json.loads(target.read_bytes().decode("utf-8"))
    except UnicodeDecodeError as error:
        raise RejectedFile(
            f"{name}: its {MANIFEST} is not valid JSON (it is not UTF-8 text); ask for it again."
        ) from error
    except json.JSONDecodeError as error:
        raise RejectedFile(
            f"{name}: its {MANIFEST} is not valid JSON ({error.msg} at line {error.lineno}, column {error.colno}); "
            "ask for the package again."
        ) from error
    except (ValueError, RecursionError) as error:  # a number of thousands of digits, arrays nested thousands deep
        raise RejectedFile(
            f"{name}: its {MANIFEST} is not JSON this app reads (a number too long or lists nested too deep); "
            "ask for the package again."
        ) from error
    if not isinstance(data, dict):
        raise RejectedFile(f"{name}: its {MANIFEST} is not a JSON object; ask for the package again.")
    return data


def _check_origin(data: dict[str, object], name: str, app_schema: int) -> None:
    """Refuse another program's manifest, and packages from a newer version of this app."""
    found = data.get("format")
    # A manifest without "format" is still taken for a damaged package of ours when it has our other fields.
    if found != FORMAT and ("format" in data or not _MANIFEST_FIELDS & data.keys()):
        what = f"its format is {str(found)[:60]!r}" if "format" in data else "it names no format"
        raise RejectedFile(
            f"{name}: holds a {MANIFEST}, but it is not a data package of this app ({what}); nothing was imported."
        )
    format_version, schema = _whole(data.get("format_version")), _whole(data.get("schema_version"))
    if (format_version or 0) > FORMAT_VERSION or (schema or 0) > app_schema:
        raise RejectedFile(
            f"{name}: the data package was made by a newer version of this app (package format {format_version}, "
            f"schema {schema}; this one reads format {FORMAT_VERSION} and schema {app_schema} or older); "
            "update before importing."
        )


def _whole(value: object) -> int | None:
    """A JSON whole number as an int (true and false are not numbers here), else None."""
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _manifest(data: dict[str, object], name: str) -> Manifest:
    """The manifest's fields, each checked; every missing or malformed one named at once."""
    missing = []
    if data.get("format") != FORMAT:
        missing.append("format")
    format_version, schema = _whole(data.get("format_version")), _whole(data.get("schema_version"))
    if format_version is None or format_version < 1:
        missing.append("format_version")
    if schema is None or schema < 1:
        missing.append("schema_version")
    created = _utc(data.get("created_at"))
    if created is None:
        missing.append("created_at")
    organisation = data.get("organisation")
    org = organisation if isinstance(organisation, dict) else {}
    org_name, settings = org.get("name"), org.get("settings")
    if not (isinstance(org_name, str) and org_name.strip()):
        missing.append("organisation.name")
    if not (isinstance(settings, dict) and _plain_settings(settings)):
        missing.append("organisation.settings")
    members = _members(data.get("members"))
    if members is None:
        missing.append("members")
    if missing:
        fields = ", ".join(f"'{m}'" for m in missing)
        them = "it" if len(missing) == 1 else "them"
        raise RejectedFile(
            f"{name}: its {MANIFEST} lacks {fields} (or holds {them} in the wrong form); ask for the package again."
        )
    # Every check above passed, so none of these is missing.
    assert format_version and schema and created and members and isinstance(settings, dict)
    return Manifest(format_version, schema, created, clean_name(str(org_name)), settings, members)


def _utc(value: object) -> datetime | None:
    """An ISO 8601 time as a naive UTC datetime, or None when it is not one."""
    if not isinstance(value, str):
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return None
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC).replace(tzinfo=None)
    return moment


def _plain_settings(settings: dict[object, object]) -> bool:
    """Settings are names with plain JSON values, and name the currency and the time zone."""
    plain = all(isinstance(k, str) and (v is None or isinstance(v, str | int | float)) for k, v in settings.items())
    return plain and all(isinstance(settings.get(k), str) for k in _REQUIRED_SETTINGS)


def _members(value: object) -> tuple[Member, ...] | None:
    """The manifest's member list, or None when it is not a non-empty list of complete entries."""
    if not isinstance(value, list) or not value:
        return None
    members = []
    for entry in value:
        if not isinstance(entry, dict):
            return None
        file, table, digest = (entry.get(k) for k in ("file", "table", "sha256"))
        rows = _whole(entry.get("rows"))
        if not (
            isinstance(file, str)
            and isinstance(table, str)
            and rows is not None
            and rows >= 0
            and isinstance(digest, str)
            and re.fullmatch(r"[0-9a-f]{64}", digest)
        ):
            return None
        members.append(Member(file, table, rows, digest))
    return tuple(members)


def _check_listed(manifest: Manifest, name: str, tables: list[str], app_schema: int) -> None:
    """Members are this app's tables, each once, as <table>.parquet; a package of this schema holds them all."""
    seen: set[str] = set()
    for member in manifest.members:
        if member.table not in tables or member.file != f"{member.table}.parquet" or member.table in seen:
            raise RejectedFile(
                f"{name}: its {MANIFEST} lists a member {member.file[:80]!r} this app does not read "
                "(a package holds each table of the store once, as <table>.parquet); ask for the package again."
            )
        seen.add(member.table)
    # An older schema may not have had every table yet; a package of this app's schema has them all.
    absent = [f"{t}.parquet" for t in tables if t not in seen]
    if absent and manifest.schema_version == app_schema:
        raise RejectedFile(
            f"{name}: its {MANIFEST} does not list {', '.join(absent)}, which every package of this version holds; "
            "ask for the package again."
        )


def _extract_members(archive: zipfile.ZipFile, manifest: Manifest, name: str, folder: Path) -> dict[str, Path]:
    """Each listed member copied to a file named by us, its checksum checked: table -> file."""
    # Members are looked up by the names the manifest gives (checked to be <table>.parquet), never
    # extracted by the names the archive gives: no path in the archive leads anywhere.
    present = {info.filename: info for info in archive.infolist()}
    absent = [m.file for m in manifest.members if m.file not in present]
    if absent:
        raise RejectedFile(
            f"{name}: the package lacks {', '.join(absent)}, which its {MANIFEST} lists; ask for it again."
        )
    files = {}
    for index, member in enumerate(manifest.members):
        target = folder / f"member-{index}.parquet"
        _read_member(archive, present[member.file], target, name)
        if _sha256(target) != member.sha256:
            raise RejectedFile(
                f"{name}: {member.file} does not match its checksum in the {MANIFEST} (the package was damaged or "
                "changed after it was made); ask for it again."
            )
        files[member.table] = target
    return files


# ---------------------------------------------------------------------------------------------
# Import


def import_package(
    con: duckdb.DuckDBPyConnection, path: Path, name: str, organisation: str, only_for: str | None = None
) -> ImportResult:
    """Import a data package, replacing the organisation's data in this store; never raises for bad input.

    only_for: the one organisation the package may be of (an editor's upload); None for any (an admin's).
    """
    try:
        with tempfile.TemporaryDirectory(prefix="impact-package-") as folder:
            return _import_package(con, path, name, organisation, Path(folder), only_for)
    except RejectedFile as error:
        return ImportResult(name, "rejected", error=str(error))
    except duckdb.OutOfMemoryException:
        return ImportResult(
            name,
            "rejected",
            error=f"{name}: the package is too large for the memory this machine lets the import use; "
            "nothing was imported.",
        )
    except duckdb.Error as error:
        first_line = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        return ImportResult(
            name,
            "rejected",
            error=f"{name}: the package's rows do not fit this store ({first_line[:200]}); nothing was imported. "
            "Ask for the package again.",
        )


def _import_package(
    con: duckdb.DuckDBPyConnection, path: Path, name: str, organisation: str, folder: Path, only_for: str | None
) -> ImportResult:
    schema = store_schema(con)
    problems = schema.problems()
    if problems:
        raise RejectedFile(f"{name}: this version of the app cannot import packages yet ({'; '.join(problems)}).")
    app_schema, tables = schema.version, schema.packaged()
    with _open_archive(path, name) as archive:
        check_archive(archive, name)
        data = _manifest_data(archive, name, folder)
        _check_origin(data, name, app_schema)
        manifest = _manifest(data, name)
        if only_for is not None and manifest.organisation != only_for:
            raise RejectedFile(
                f"{name}: this data package is of '{manifest.organisation}', and you may import only into "
                f"'{only_for}'; nothing was imported."
            )
        _check_listed(manifest, name, tables, app_schema)
        files = _extract_members(archive, manifest, name, folder)
    digest = _sha256(path)
    with WRITE_LOCK:
        held = _already_imported(con, manifest, digest, name)
        if held is not None:
            return held
        with _time_budget(con, name), transaction(con):
            result = _load(con, schema, manifest, files, name, digest, path.stat().st_size)
        checkpoint(con)
    if organisation != manifest.organisation and organisation != DEFAULT_ORGANISATION:
        result.assumed.append(
            f"the package names its organisation, so its rows went to '{manifest.organisation}', not '{organisation}'"
        )
    return result


def _already_imported(
    con: duckdb.DuckDBPyConnection, manifest: Manifest, digest: str, name: str
) -> ImportResult | None:
    """A skipped result when this package, or a newer one of the same organisation, is already in the store."""
    org_id = organisation_id(con, manifest.organisation)
    row = con.execute(
        """SELECT started_at, as_of, sha256 = $sha AS same FROM import_batch
           WHERE organisation_id = $org AND connector = $connector AND status = $status
             AND (sha256 = $sha OR as_of > $made)
           ORDER BY same DESC, as_of DESC LIMIT 1""",
        {"org": org_id, "connector": CONNECTOR, "status": PACKAGE_STATUS, "sha": digest, "made": manifest.created_at},
    ).fetchone()
    if row is None:
        return None
    started_at, made, same = row
    if same:
        why = f"{name}: this exact data package was already imported on {started_at:%d %b %Y %H:%M}; nothing changed."
    else:
        why = (
            f"{name}: a newer data package of {manifest.organisation} (made {made:%d %b %Y %H:%M} UTC) is already "
            f"imported; this one was made {manifest.created_at:%d %b %Y %H:%M} UTC, so nothing changed."
        )
    return ImportResult(name, "skipped", CONNECTOR, label=_label(manifest), error=why)


def _label(manifest: Manifest) -> str:
    return f"data package of {manifest.organisation}"


def _load(
    con: duckdb.DuckDBPyConnection,
    schema: Schema,
    manifest: Manifest,
    files: dict[str, Path],
    name: str,
    digest: str,
    size: int,
) -> ImportResult:
    """The import's work, inside the caller's transaction: stage, check, remove the old rows, insert the new."""
    suffix = uuid.uuid4().hex[:12]
    org_id = ensure_organisation(con, manifest.organisation)
    _apply_settings(con, schema, org_id, manifest.settings)
    order = [t for t in schema.packaged() if t in files]
    staged = {t: _stage(con, schema, t, files[t], manifest, name, f"package_{suffix}_{t}") for t in order}
    _check_references(con, staged, name)
    replaced = _remove_organisation(con, schema, org_id)
    renumbered = {
        t: _renumber(con, schema, t, staged[t], f"renumber_{suffix}_{t}") for t in order if _has_id(con, staged[t])
    }
    rows = sum(_insert(con, t, staged[t], renumbered, org_id) for t in order)
    derived.fill(con, org_id)  # computed here, not taken from the file: a package's own hashtags are not trusted
    derived.sum_post_days(con, [org_id])  # its posts' day sums, with its time zone and website as set above
    con.execute(
        """INSERT INTO import_batch (organisation_id, connector, platform, source_name, sha256, size_bytes, as_of,
                                     rows_read, rows_new, started_at, finished_at, status, message)
           VALUES ($org, $connector, 'package', $name, $sha, $size, $made, $rows, $rows,
                   current_timestamp, current_timestamp, $status, $message)""",
        {
            "org": org_id,
            "connector": CONNECTOR,
            "name": name,
            "sha": digest,
            "size": size,
            "made": manifest.created_at,
            "rows": rows,
            "status": PACKAGE_STATUS,
            "message": f"{_label(manifest)} made {manifest.created_at:%Y-%m-%d %H:%M} UTC (schema "
            f"{manifest.schema_version}); it replaced the organisation's data",
        },
    )
    for temp in (*staged.values(), *renumbered.values()):
        con.execute(f"DROP TABLE {temp}")
    result = ImportResult(name, "imported", CONNECTOR, rows_new=rows, label=_label(manifest))
    if replaced:
        result.assumed.append(
            f"replaced the {replaced:,} rows this store held for {manifest.organisation} (a package replaces them all)"
        )
    return result


def _apply_settings(con: duckdb.DuckDBPyConnection, schema: Schema, org_id: int, settings: dict[str, object]) -> None:
    """The package's settings on the organisation; a setting this store's schema lacks is not one here."""
    columns = schema.columns["organisation"]
    known = {k: v for k, v in settings.items() if k in columns and k not in _NOT_SETTINGS}
    if known:
        assignments = ", ".join(f"{_quoted(k)} = ?" for k in known)
        con.execute(f"UPDATE organisation SET {assignments} WHERE id = ?", [*known.values(), org_id])


def _stage(
    con: duckdb.DuckDBPyConnection, schema: Schema, table: str, file: Path, manifest: Manifest, name: str, temp: str
) -> str:
    """One member read into a temporary table, its rows counted and its columns checked against the store's."""
    member = f"{table}.parquet"
    try:
        con.execute(f"CREATE TEMP TABLE {temp} AS SELECT * FROM read_parquet($path)", {"path": str(file)})
    except (duckdb.InvalidInputException, duckdb.IOException) as error:
        first_line = str(error).strip().splitlines()[0][:200]
        raise RejectedFile(
            f"{name}: {member} is not a table this app can read ({first_line}); ask for it again."
        ) from error
    columns = [d[0] for d in con.execute(f"SELECT * FROM {temp} LIMIT 0").description]
    known = schema.columns[table]
    foreign = [c for c in columns if c not in known]
    if foreign:
        raise RejectedFile(
            f"{name}: {member} has columns the store's {table} table lacks ({', '.join(c[:40] for c in foreign[:5])}); "
            "ask for the package again."
        )
    (rows,) = con.execute(f"SELECT count(*) FROM {temp}").fetchone() or (0,)
    (listed,) = [m.rows for m in manifest.members if m.table == table]
    if rows != listed:
        raise RejectedFile(f"{name}: {member} holds {rows} rows, but its manifest says {listed}; ask for it again.")
    return temp


def _has_id(con: duckdb.DuckDBPyConnection, temp: str) -> bool:
    return "id" in [d[0] for d in con.execute(f"SELECT * FROM {temp} LIMIT 0").description]


def _check_references(con: duckdb.DuckDBPyConnection, staged: dict[str, str], name: str) -> None:
    """Ids are unique within a member, and every row another row names is in the package."""
    for table, temp in staged.items():
        columns = [d[0] for d in con.execute(f"SELECT * FROM {temp} LIMIT 0").description]
        if "id" in columns:
            (repeated,) = con.execute(
                f"SELECT count(*) - count(DISTINCT id) + count(*) FILTER (WHERE id IS NULL) FROM {temp}"
            ).fetchone() or (0,)
            if repeated:
                raise RejectedFile(
                    f"{name}: {table}.parquet holds the same id more than once; ask for the package again."
                )
        for column in columns:
            parent = REFERENCES.get(column)
            if parent is None or parent == "organisation":
                continue
            held = f"(SELECT id FROM {staged[parent]})" if parent in staged else "(SELECT NULL::INTEGER WHERE false)"
            (orphans,) = con.execute(
                f"SELECT count(*) FROM {temp} WHERE {_quoted(column)} IS NOT NULL AND {_quoted(column)} NOT IN {held}"
            ).fetchone() or (0,)
            if orphans:
                raise RejectedFile(
                    f"{name}: {table}.parquet names {orphans} rows of {parent} that the package does not hold; "
                    "ask for the package again."
                )


def _remove_organisation(con: duckdb.DuckDBPyConnection, schema: Schema, org_id: int) -> int:
    """Delete the organisation's packaged rows, rows that name others first; how many went."""
    removed = 0
    for table in reversed(schema.packaged()):
        row = con.execute(f"DELETE FROM {_quoted(table)} WHERE {_scope(table)}", {"org": org_id}).fetchone()
        removed += int(row[0]) if row else 0
    return removed


def _renumber(con: duckdb.DuckDBPyConnection, schema: Schema, table: str, staged: str, temp: str) -> str:
    """A temporary table from the package's ids of a table to new ids from this store's sequence."""
    con.execute(
        f"CREATE TEMP TABLE {temp} AS SELECT id AS old, nextval($sequence) AS new FROM {staged}",
        {"sequence": schema.sequence(table)},
    )
    return temp


def _insert(con: duckdb.DuckDBPyConnection, table: str, staged: str, renumbered: dict[str, str], org_id: int) -> int:
    """Insert a staged member's rows, with this store's organisation id and renumbered ids; how many."""
    columns = [d[0] for d in con.execute(f"SELECT * FROM {staged} LIMIT 0").description]
    selected, joins = [], []
    for index, column in enumerate(columns):
        target = table if column == "id" else REFERENCES.get(column)
        if column == "organisation_id":
            selected.append("$org")
        elif target is not None and target in renumbered:
            alias = f"r{index}"
            joins.append(f"LEFT JOIN {renumbered[target]} {alias} ON {alias}.old = p.{_quoted(column)}")
            selected.append(f"{alias}.new")
        else:
            selected.append(f"p.{_quoted(column)}")
    row = con.execute(
        f"""INSERT INTO {_quoted(table)} ({", ".join(map(_quoted, columns))})
            SELECT {", ".join(selected)} FROM {staged} p {" ".join(joins)}""",
        {"org": org_id} if "organisation_id" in columns else {},
    ).fetchone()
    return int(row[0]) if row else 0
