"""`import DIR --org-per-folder`: a workshop's exports, each participant's organisation in its own folder."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from impact.__main__ import main
from impact.store.connection import open_store

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def test_each_folder_is_its_organisation_and_a_stray_file_is_refused(tmp_path: Path, capsys) -> None:
    workshop = tmp_path / "workshop"
    for folder, fixture in (("Asha's NGO", "x/account_overview_analytics.csv"),
                            ("Lake Volunteers", "interactions/interactions_template.csv"),
                            (".hidden", "x/account_overview_analytics.csv")):  # fmt: skip
        (workshop / folder).mkdir(parents=True)
        shutil.copy(FIXTURES / fixture, workshop / folder)
    shutil.copy(FIXTURES / "x" / "account_overview_analytics.csv", workshop / "stray.csv")
    db = tmp_path / "workshop.duckdb"

    assert main(["import", str(workshop), "--org-per-folder", "--json", "--db", str(db)]) == 1  # the stray file
    found = json.loads(capsys.readouterr().out)
    assert [(r["file"], r["status"], r["rows_new"]) for r in found] == [
        ("Asha's NGO/account_overview_analytics.csv", "imported", 4),
        ("Lake Volunteers/interactions_template.csv", "imported", 4),
        ("stray.csv", "rejected", 0),
    ]
    assert "belongs to none of them" in found[2]["error"]
    with open_store(db) as con:
        assert con.execute(
            "SELECT o.name, count(*) FROM import_batch b JOIN organisation o ON o.id = b.organisation_id "
            "GROUP BY o.name ORDER BY o.name"
        ).fetchall() == [("Asha's NGO", 1), ("Lake Volunteers", 1)]
        assert con.execute("SELECT count(*) FROM audit_event WHERE action = 'import refused'").fetchone() == (1,)

    assert main(["import", str(workshop), "--org-per-folder", "--org", "X", "--db", str(db)]) == 2
    assert "leave out --org" in capsys.readouterr().err


def test_each_files_result_is_handed_over_as_it_lands(tmp_path: Path) -> None:
    """The command line prints a file's line as soon as it is imported: import_paths calls back in order."""
    from impact.store.ingest import import_paths

    landed: list[str] = []
    with open_store(tmp_path / "s.duckdb") as con:
        results = import_paths(
            con,
            [FIXTURES / "x" / "account_overview_analytics.csv", tmp_path / "missing.csv",
             FIXTURES / "interactions" / "interactions_template.csv"],
            "Lake Volunteers",
            on_result=lambda r: landed.append(f"{r.file} {r.status}"),
        )  # fmt: skip
    assert (
        landed
        == [f"{r.file} {r.status}" for r in results]
        == [
            "account_overview_analytics.csv imported",
            f"{tmp_path / 'missing.csv'} rejected",
            "interactions_template.csv imported",
        ]
    )
