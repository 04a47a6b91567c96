"""Data packages (impact/store/package.py): one organisation's data exported from one store and imported
into another through the normal import path; a newer package replaces the older one's rows; a bad
package is refused whole, with a sentence naming it, and the store stays exactly as it was.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import subprocess
import sys
import zipfile
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import duckdb
import pytest

from impact.__main__ import main
from impact.campaigns.goals import pick_post
from impact.figures.summary import summary
from impact.store.connection import connect
from impact.store.ingest import ImportResult, import_paths, import_upload
from impact.store.manual import TimeEntry, record_time
from impact.store.orgs import organisation_id
from impact.store.package import (
    CHILD_TABLES,
    LEFT_OUT,
    OWN_TABLES,
    PackageError,
    coverage_problems,
    export_organisation,
    store_schema,
)

REPO = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures"
ORG = "Pune Education Trust"
DEMO_ORGS = ("Brahmaputra Flood Relief Network", "Pune Education Trust", "Sakhi Women's Health Collective")
NAME = "grantee.zip"

Snapshot = Callable[[duckdb.DuckDBPyConnection], dict[str, list[tuple[object, ...]]]]


@pytest.fixture
def source(sample_store: Path, tmp_path: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    """A grantee's store: a copy of the demo data."""
    path = tmp_path / "grantee.duckdb"
    shutil.copy(sample_store, path)
    con = connect(path)
    yield con
    con.close()


@pytest.fixture(scope="module")
def package(sample_store: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Pune's package, made once from a copy of the demo store; tests read or repack it, never change it."""
    folder = tmp_path_factory.mktemp("package")
    shutil.copy(sample_store, folder / "grantee.duckdb")
    con = connect(folder / "grantee.duckdb")
    try:
        export_organisation(con, ORG, folder / "pune.zip")
    finally:
        con.close()
    return folder / "pune.zip"


@pytest.fixture(scope="module")
def holding_store(package: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A funder's store that holds Pune from the package, made once."""
    path = tmp_path_factory.mktemp("funder") / "funder.duckdb"
    con = connect(path)
    try:
        [result] = import_paths(con, [package], "My organisation")
        assert result.status == "imported"
    finally:
        con.close()
    return path


@pytest.fixture
def funder(holding_store: Path, tmp_path: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    """A copy of the store that already holds Pune: a bad package must leave it as it was."""
    path = tmp_path / "funder.duckdb"
    shutil.copy(holding_store, path)
    con = connect(path)
    yield con
    con.close()


def org_rows(con: duckdb.DuckDBPyConnection, organisation: str) -> dict[str, int]:
    """The organisation's row count in every table a package holds."""
    org = organisation_id(con, organisation)
    counts = {}
    for table in OWN_TABLES:
        counts[table] = con.execute(f"SELECT count(*) FROM {table} WHERE organisation_id = ?", [org]).fetchone()[0]  # type: ignore[index]
    for table, (column, parent) in CHILD_TABLES.items():
        counts[table] = con.execute(
            f"SELECT count(*) FROM {table} WHERE {column} IN (SELECT id FROM {parent} WHERE organisation_id = ?)",
            [org],
        ).fetchone()[0]  # type: ignore[index]
    return counts


def provenance(con: duckdb.DuckDBPyConnection, organisation: str) -> list[tuple[object, ...]]:
    """Where the organisation's rows came from: every import batch but the package imports' own."""
    return con.execute(
        """SELECT source_name, connector, sha256, as_of, started_at, status, rows_new FROM import_batch
           WHERE organisation_id = ? AND connector <> 'org_package' ORDER BY ALL""",
        [organisation_id(con, organisation)],
    ).fetchall()


def summary_json(con: duckdb.DuckDBPyConnection, organisation: str) -> str:
    return json.dumps(summary(con, organisation), sort_keys=True, default=str)


def read_zip(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {info.filename: archive.read(info) for info in archive.infolist()}


def zipped(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def repacked(package: Path, change: Callable[[dict, dict[str, bytes]], None]) -> bytes:
    """The package's bytes after `change(manifest, members)` edits the parsed manifest and the member files."""
    members = read_zip(package)
    manifest = json.loads(members.pop("manifest.json"))
    change(manifest, members)
    return zipped({"manifest.json": json.dumps(manifest).encode(), **members})


def import_package(con: duckdb.DuckDBPyConnection, path: Path, organisation: str = "My organisation") -> ImportResult:
    [result] = import_paths(con, [path], organisation)
    return result


# ---------------------------------------------------------------------------------------------
# What a package holds


def test_every_table_of_the_store_is_in_a_package_or_left_out_with_a_reason(db):
    assert coverage_problems(db) == []
    tables = store_schema(db).columns
    with_organisation = {t for t, columns in tables.items() if "organisation_id" in columns}
    assert with_organisation - set(OWN_TABLES) - set(LEFT_OUT) == set()
    assert set(tables) - set(OWN_TABLES) - set(CHILD_TABLES) - set(LEFT_OUT) == set()
    assert all(LEFT_OUT.values())


def test_a_table_or_id_a_later_migration_adds_is_refused_until_placed(db, tmp_path):
    db.execute("CREATE TABLE grant_report (organisation_id INTEGER NOT NULL, body VARCHAR)")
    db.execute("ALTER TABLE campaign ADD COLUMN grant_id INTEGER")

    assert coverage_problems(db) == [
        "campaign.grant_id names rows of another table, which a package does not renumber",
        "table grant_report is neither in a package nor left out of it (it has an organisation_id column)",
    ]
    with pytest.raises(PackageError) as refused:
        export_organisation(db, "Anyone", tmp_path / "package.zip")
    assert str(refused.value) == (
        "Data packages do not yet know where some of the store's data goes (campaign.grant_id names rows of "
        "another table, which a package does not renumber; table grant_report is neither in a package nor left "
        "out of it (it has an organisation_id column)); add it to impact/store/package.py."
    )
    assert not (tmp_path / "package.zip").exists()


def test_the_manifest_names_the_organisation_its_settings_and_every_member(source, tmp_path):
    written = export_organisation(source, ORG, tmp_path / "pune.zip")

    members = read_zip(tmp_path / "pune.zip")
    manifest = json.loads(members["manifest.json"])
    assert list(members)[0] == "manifest.json"  # first, so a package cut short still names itself
    assert set(manifest) == {
        "format",
        "format_version",
        "schema_version",
        "created_at",
        "organisation",
        "members",
        "left_out",
    }
    (schema,) = source.execute("SELECT max(version) FROM schema_migration").fetchone()  # type: ignore[misc]
    assert (manifest["format"], manifest["format_version"], manifest["schema_version"]) == (
        "impact-org-package",
        1,
        schema,
    )
    assert manifest["created_at"].endswith("Z")
    assert manifest["organisation"] == {
        "name": ORG,
        "settings": {
            "base_url": "https://puneeducationtrust.org.in",
            "timezone": "Asia/Kolkata",
            "currency": "INR",
            "daily_budget_minutes": 60,
            "hourly_value": 250.0,
            "volunteer_hour_value": 150.0,
            "volunteer_value_currency": "INR",
            "volunteer_value_source": "Our own estimate: the honorarium we pay field volunteers",
            "volunteer_value_year": 2026,
        },
    }
    counts = org_rows(source, ORG)
    assert {m["table"]: m["rows"] for m in manifest["members"]} == counts
    for member in manifest["members"]:
        assert member["file"] == f"{member['table']}.parquet"
        assert member["sha256"] == hashlib.sha256(members[member["file"]]).hexdigest()
    assert set(manifest["left_out"]) == set(LEFT_OUT) & set(store_schema(source).columns)
    assert written.rows == sum(counts.values())
    assert written.size_bytes == (tmp_path / "pune.zip").stat().st_size


# ---------------------------------------------------------------------------------------------
# Importing


def test_each_demo_organisation_arrives_whole_with_the_same_summary_and_provenance(source, db, tmp_path):
    campaign = source.execute("SELECT min(id) FROM campaign WHERE organisation_id = 1").fetchone()[0]  # type: ignore[index]
    post = source.execute("SELECT platform, post_id FROM post WHERE organisation_id = 1 LIMIT 1").fetchone()
    assert post is not None
    pick_post(source, campaign, *post)  # so campaign_post travels too

    for org in DEMO_ORGS:
        written = export_organisation(source, org, tmp_path / f"{org}.zip")
        result = import_package(db, tmp_path / f"{org}.zip")

        assert (result.status, result.connector, result.platform, result.rows_new, result.label) == (
            "imported",
            "org_package",
            None,
            written.rows,
            f"data package of {org}",
        )
        assert result.sentence() == f"imported as data package of {org} ({written.rows} new, 0 updated, 0 unchanged)"
        assert summary_json(db, org) == summary_json(source, org)
        held = org_rows(source, org)
        assert org_rows(db, org) == {**held, "import_batch": held["import_batch"] + 1}  # + the package's own row
        assert provenance(db, org) == provenance(source, org)
    assert org_rows(db, ORG)["campaign_post"] == 1
    assert [r[0] for r in db.execute("SELECT name FROM organisation ORDER BY name").fetchall()] == list(DEMO_ORGS)


def test_the_same_package_twice_is_skipped_and_changes_nothing(funder, package, snapshot: Snapshot):
    before = snapshot(funder)

    again = import_package(funder, package)

    assert (again.status, again.connector, again.rows_new) == ("skipped", "org_package", 0)
    assert again.error is not None and again.error.startswith(
        "pune.zip: this exact data package was already imported on "
    )
    assert again.error.endswith("; nothing changed.")
    assert snapshot(funder) == before


def test_a_newer_package_replaces_the_older_one_without_double_counting(source, db, tmp_path):
    older = tmp_path / "older.zip"
    first = export_organisation(source, ORG, older)
    assert import_package(db, older).status == "imported"
    org = organisation_id(source, ORG)
    assert org is not None
    entries = org_rows(source, ORG)["time_entry"]
    record_time(source, org, TimeEntry(date(2026, 3, 2), "Asha", "instagram", "create", 45))

    newer = tmp_path / "newer.zip"
    second = export_organisation(source, ORG, newer)
    result = import_package(db, newer)

    # The entry's batch, its observation and current row, and the 'manual' account it is typed under.
    assert (result.status, result.rows_new) == ("imported", first.rows + 4)
    # Everything the older package brought, and the row that recorded its import, went first.
    assert result.assumed == [
        f"replaced the {first.rows + 1:,} rows this store held for {ORG} (a package replaces them all)"
    ]
    assert second.rows == first.rows + 4
    held = org_rows(source, ORG)
    assert org_rows(db, ORG) == {**held, "import_batch": held["import_batch"] + 1}
    assert org_rows(db, ORG)["time_entry"] == entries + 1
    assert summary_json(db, ORG) == summary_json(source, ORG)
    # One row per package import in the history; the older package's row went with its data.
    assert db.execute(
        "SELECT source_name, status, rows_new FROM import_batch WHERE connector = 'org_package'"
    ).fetchall() == [("newer.zip", "package", second.rows)]

    # The older package again, arriving late: skipped, nothing goes back.
    late = import_package(db, older)
    assert late.status == "skipped"
    assert late.error is not None and late.error.startswith(f"older.zip: a newer data package of {ORG} (made ")
    assert org_rows(db, ORG)["time_entry"] == entries + 1


def test_a_package_replaces_what_the_store_held_for_the_organisation_and_keeps_its_id(source, db, tmp_path):
    [local] = import_paths(db, [FIXTURES / "x" / "account_overview_analytics.csv"], ORG)
    assert (local.status, local.rows_new) == ("imported", 4)
    db.execute("UPDATE organisation SET currency = 'EUR' WHERE name = ?", [ORG])
    org = organisation_id(db, ORG)
    export_organisation(source, ORG, tmp_path / "pune.zip")

    result = import_package(db, tmp_path / "pune.zip")

    # The file imported here (its batch, account and 4 days, each an observation and a current row) is gone.
    assert result.assumed == [f"replaced the 10 rows this store held for {ORG} (a package replaces them all)"]
    assert organisation_id(db, ORG) == org
    held = org_rows(source, ORG)
    assert org_rows(db, ORG) == {**held, "import_batch": held["import_batch"] + 1}
    assert db.execute("SELECT currency FROM organisation WHERE id = ?", [org]).fetchone() == ("INR",)
    assert provenance(db, ORG) == provenance(source, ORG)
    assert db.execute("SELECT count(*) FROM import_batch WHERE id = ?", [local.batch_id]).fetchone() == (0,)


def test_the_package_names_the_organisation_and_says_so_when_another_was_asked(db, package):
    result = import_package(db, package, organisation="Funder's grantees")

    assert result.sentence() == (
        f"imported as data package of {ORG} ({result.rows_new} new, 0 updated, 0 unchanged); the package names its "
        f"organisation, so its rows went to '{ORG}', not 'Funder's grantees'"
    )
    assert organisation_id(db, "Funder's grantees") is None


def test_a_package_inside_an_uploaded_zip_imports_like_one_uploaded_alone(db, package):
    bundle = zipped({"grantees/pune.zip": package.read_bytes()})

    [result] = import_upload(db, "from the field.zip", bundle, "My organisation")

    assert (result.file, result.status, result.label) == (
        "from the field.zip/grantees/pune.zip",
        "imported",
        f"data package of {ORG}",
    )


# ---------------------------------------------------------------------------------------------
# Bad packages


def _members_by(manifest: dict) -> dict[str, dict]:
    return {m["file"]: m for m in manifest["members"]}


def _cut_in_half(package: Path) -> bytes:
    data = package.read_bytes()
    return data[: len(data) // 2]


def _not_json(package: Path) -> bytes:
    members = read_zip(package)
    members["manifest.json"] = b'{"format": "impact-org-package", "members": [}'
    return zipped(members)


def _without_fields(manifest: dict, members: dict[str, bytes]) -> None:
    del manifest["created_at"]
    del manifest["organisation"]["name"]


def _newer_format(manifest: dict, members: dict[str, bytes]) -> None:
    manifest["format_version"] = 2


def _newer_schema(manifest: dict, members: dict[str, bytes]) -> None:
    manifest["schema_version"] += 1


def _changed_member(manifest: dict, members: dict[str, bytes]) -> None:
    members["goal.parquet"] = members["goal.parquet"][:-9] + b"X" + members["goal.parquet"][-8:]


def _missing_member(manifest: dict, members: dict[str, bytes]) -> None:
    del members["goal.parquet"]


def _foreign(manifest: dict, members: dict[str, bytes]) -> None:
    manifest.clear()
    manifest.update({"format": "chrome-extension", "manifest_version": 3, "name": "Tab saver"})


def _web_app_manifest(manifest: dict, members: dict[str, bytes]) -> None:
    manifest.clear()
    manifest.update({"name": "Our site", "short_name": "Site", "start_url": "/"})


def _path_outside(manifest: dict, members: dict[str, bytes]) -> None:
    _members_by(manifest)["goal.parquet"]["file"] = "../../goal.parquet"
    members["../../goal.parquet"] = members.pop("goal.parquet")


def _wrong_count(manifest: dict, members: dict[str, bytes]) -> None:
    _members_by(manifest)["goal.parquet"]["rows"] += 1


def _not_parquet(manifest: dict, members: dict[str, bytes]) -> None:
    members["goal.parquet"] = b"metric,target\nposts,10\n"
    _members_by(manifest)["goal.parquet"]["sha256"] = hashlib.sha256(members["goal.parquet"]).hexdigest()


def _as_bytes(change: Callable[[dict, dict[str, bytes]], None]) -> Callable[[Path], bytes]:
    return lambda package: repacked(package, change)


SCHEMA = "{schema}"  # the app's schema version, filled in by the test
BAD_PACKAGES = {
    "cut in half": (
        _cut_in_half,
        f"{NAME}: the data package is damaged or incomplete (it does not open as a ZIP archive); ask for it again.",
    ),
    "manifest not JSON": (
        _not_json,
        f"{NAME}: its manifest.json is not valid JSON (Expecting value at line 1, column 46); ask for the package again.",
    ),
    "manifest lacking fields": (
        _as_bytes(_without_fields),
        f"{NAME}: its manifest.json lacks 'created_at', 'organisation.name' (or holds them in the wrong form); "
        "ask for the package again.",
    ),
    "newer package format": (
        _as_bytes(_newer_format),
        f"{NAME}: the data package was made by a newer version of this app (package format 2, schema {SCHEMA}; "
        f"this one reads format 1 and schema {SCHEMA} or older); update before importing.",
    ),
    "newer schema": (
        _as_bytes(_newer_schema),
        f"{NAME}: the data package was made by a newer version of this app (package format 1, schema {SCHEMA}+1; "
        f"this one reads format 1 and schema {SCHEMA} or older); update before importing.",
    ),
    "member changed on the way": (
        _as_bytes(_changed_member),
        f"{NAME}: goal.parquet does not match its checksum in the manifest.json (the package was damaged or changed "
        "after it was made); ask for it again.",
    ),
    "member missing": (
        _as_bytes(_missing_member),
        f"{NAME}: the package lacks goal.parquet, which its manifest.json lists; ask for it again.",
    ),
    "another program's manifest": (
        _as_bytes(_foreign),
        f"{NAME}: holds a manifest.json, but it is not a data package of this app (its format is 'chrome-extension'); "
        "nothing was imported.",
    ),
    "a web app's manifest": (
        _as_bytes(_web_app_manifest),
        f"{NAME}: holds a manifest.json, but it is not a data package of this app (it names no format); "
        "nothing was imported.",
    ),
    "member path outside the package": (
        _as_bytes(_path_outside),
        f"{NAME}: its manifest.json lists a member '../../goal.parquet' this app does not read (a package holds "
        "each table of the store once, as <table>.parquet); ask for the package again.",
    ),
    "row count not the manifest's": (
        _as_bytes(_wrong_count),
        f"{NAME}: goal.parquet holds 8 rows, but its manifest says 9; ask for it again.",
    ),
    "member not Parquet": (
        _as_bytes(_not_parquet),
        f"{NAME}: goal.parquet is not a table this app can read (",
    ),
}


@pytest.mark.parametrize("case", BAD_PACKAGES, ids=list(BAD_PACKAGES))
def test_a_bad_package_is_refused_with_a_sentence_and_the_store_is_unchanged(case, funder, package, snapshot: Snapshot):
    db = funder  # it holds the organisation from a good package already: a bad one must not touch it
    before = snapshot(db)
    make, sentence = BAD_PACKAGES[case]
    (schema,) = db.execute("SELECT max(version) FROM schema_migration").fetchone()  # type: ignore[misc]
    expected = sentence.replace(f"{SCHEMA}+1", str(schema + 1)).replace(SCHEMA, str(schema))

    [result] = import_upload(db, NAME, make(package), "My organisation")

    assert (result.file, result.status, result.rows_new) == (NAME, "rejected", 0)
    if case == "member not Parquet":  # the rest of the sentence is DuckDB's reader's
        assert result.error is not None and result.error.startswith(expected)
        assert result.error.endswith("); ask for it again.")
    else:
        assert result.error == expected
    assert snapshot(db) == before


def test_a_package_whose_rows_break_a_rule_is_rolled_back_whole(funder, package, snapshot: Snapshot, tmp_path):
    """A failure after the old rows were deleted (a campaign name twice) leaves the store as it was."""
    db = funder
    before = snapshot(db)
    campaigns = tmp_path / "campaign.parquet"
    (tmp_path / "original.parquet").write_bytes(read_zip(package)["campaign.parquet"])
    db.execute(
        f"COPY (SELECT * FROM read_parquet('{tmp_path}/original.parquet') UNION ALL "
        f"SELECT * REPLACE (id + 1000 AS id) FROM read_parquet('{tmp_path}/original.parquet')) TO '{campaigns}'"
        " (FORMAT parquet)"
    )

    def doubled(manifest: dict, members: dict[str, bytes]) -> None:
        members["campaign.parquet"] = campaigns.read_bytes()
        entry = _members_by(manifest)["campaign.parquet"]
        entry["rows"] *= 2
        entry["sha256"] = hashlib.sha256(members["campaign.parquet"]).hexdigest()

    [result] = import_upload(db, NAME, repacked(package, doubled), "My organisation")

    assert result.status == "rejected"
    assert result.error is not None and result.error.startswith(f"{NAME}: the package's rows do not fit this store (")
    assert result.error.endswith("); nothing was imported. Ask for the package again.")
    assert snapshot(db) == before


# ---------------------------------------------------------------------------------------------
# The command line


def run_cli(*args: object) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if k != "IMPACT_DB"}
    return subprocess.run(
        [sys.executable, "-m", "impact", *map(str, args)],
        cwd=REPO,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_export_org_writes_a_package_that_import_reads_into_another_store(sample_store, tmp_path):
    grantee, funder = tmp_path / "grantee.duckdb", tmp_path / "funder.duckdb"
    shutil.copy(sample_store, grantee)
    out = tmp_path / "outbox" / "pune.zip"

    exported = run_cli("export-org", "--org", ORG, "--out", out, "--db", grantee)

    assert exported.returncode == 0, exported.stderr
    con = connect(grantee)
    try:
        rows, tables = sum(org_rows(con, ORG).values()), len(store_schema(con).packaged())
    finally:
        con.close()
    size = out.stat().st_size
    assert exported.stdout == f"{ORG}: {rows:,} rows from {tables} tables written to {out} ({size / 1e6:.1f} MB).\n"

    imported = run_cli("import", out, "--db", funder, "--json")

    assert imported.returncode == 0, imported.stderr
    assert json.loads(imported.stdout) == [
        {
            "file": "pune.zip",
            "status": "imported",
            "connector": "org_package",
            "platform": None,
            "rows_new": rows,
            "rows_updated": 0,
            "rows_unchanged": 0,
            "rows_rejected": 0,
            "error": None,
            "batch_id": None,
        }
    ]


def test_export_org_prints_json_and_refuses_an_unknown_organisation(sample_store, tmp_path, capsys):
    grantee = tmp_path / "grantee.duckdb"
    shutil.copy(sample_store, grantee)

    assert main(["export-org", "--org", ORG, "--out", str(tmp_path / "pune.zip"), "--db", str(grantee), "--json"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert (printed["file"], printed["organisation"]) == (str(tmp_path / "pune.zip"), ORG)
    assert set(printed) == {"file", "organisation", "rows", "size_bytes", "members"}

    assert main(["export-org", "--org", "Nobody", "--out", str(tmp_path / "nobody.zip"), "--db", str(grantee)]) == 1
    assert capsys.readouterr() == ("", "No organisation called 'Nobody'.\n")
    assert not (tmp_path / "nobody.zip").exists()


def test_an_editors_upload_takes_a_package_of_their_own_organisation_only(source, package, snapshot: Snapshot):
    from impact.store.options import ImportOptions

    other = "Sakhi Women's Health Collective"
    before = snapshot(source)
    [result] = import_upload(source, "pune.zip", package.read_bytes(), other, ImportOptions(package_for=other))
    assert (result.status, result.error) == (
        "rejected",
        f"pune.zip: this data package is of '{ORG}', and you may import only into '{other}'; nothing was imported.",
    )
    # Inside a ZIP too.
    bundle = zipped({"grantees/pune.zip": package.read_bytes()})
    [result] = import_upload(source, "field.zip", bundle, other, ImportOptions(package_for=other))
    assert result.status == "rejected"
    assert snapshot(source) == before
    [result] = import_upload(source, "pune.zip", package.read_bytes(), ORG, ImportOptions(package_for=ORG))
    assert result.status in ("imported", "skipped")
