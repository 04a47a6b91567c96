"""Saved column mappings: how a person said to read a file no built-in connector knows."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import duckdb

from connectors.base import Connector
from connectors.custom import connector_from_mapping, guess_header, header_signature
from connectors.sniff import HEAD_BYTES
from impact.store.connection import WRITE_LOCK, transaction
from impact.store.workbooks import sheets_as_csv, workbook_kind


def file_header(path: Path) -> list[str]:
    """The column names of a CSV file or of a workbook's first sheet."""
    if workbook_kind(path):
        with tempfile.TemporaryDirectory(prefix="impact-header-") as folder:
            sheets = sheets_as_csv(path, path.name, Path(folder))
            return guess_header(sheets[0].csv_path.read_bytes()[:HEAD_BYTES]) if sheets else []
    with path.open("rb") as handle:
        return guess_header(handle.read(HEAD_BYTES))


def save_mapping(
    con: duckdb.DuckDBPyConnection, header: list[str], label: str, platform: str, table: str, columns: dict[str, str]
) -> Connector:
    """Save (or replace) the mapping for files with this header; the connector it makes is returned."""
    signature = header_signature(header)
    label = label.strip()[:80] or "My export"
    connector = connector_from_mapping(signature, label, platform, table, columns)  # checks the mapping first
    with WRITE_LOCK, transaction(con):
        con.execute("DELETE FROM column_mapping WHERE signature = ?", [signature])
        con.execute(
            "INSERT INTO column_mapping (signature, label, platform, target, mapping) VALUES (?, ?, ?, ?, ?)",
            [signature, label, platform, table, json.dumps(columns, ensure_ascii=False)],
        )
    return connector


def saved_connectors(con: duckdb.DuckDBPyConnection) -> list[Connector]:
    """A connector for every saved mapping (a mapping that no longer checks out is left out)."""
    rows = con.execute("SELECT signature, label, platform, target, mapping FROM column_mapping ORDER BY 1").fetchall()
    connectors = []
    for signature, label, platform, table, mapping in rows:
        try:
            connectors.append(connector_from_mapping(signature, label, platform, table, json.loads(mapping)))
        except (ValueError, KeyError):
            continue
    return connectors


def saved_mappings(con: duckdb.DuckDBPyConnection) -> list[dict[str, object]]:
    """The saved mappings, for listing."""
    rows = con.execute(
        "SELECT label, platform, target, mapping, created_at, signature FROM column_mapping ORDER BY created_at"
    ).fetchall()
    keys = ("label", "platform", "table", "columns", "saved_at", "signature")
    return [dict(zip(keys, (*r[:3], json.loads(r[3]), r[4], r[5]), strict=True)) for r in rows]


def delete_mapping(con: duckdb.DuckDBPyConnection, signature: str) -> None:
    """Forget a mapping; files already imported with it stay imported."""
    with WRITE_LOCK:
        con.execute("DELETE FROM column_mapping WHERE signature = ?", [signature])
