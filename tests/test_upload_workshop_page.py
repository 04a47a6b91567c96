"""The Upload page's "Each sub-folder is an organisation": a workshop's folder, as `import DIR --org-per-folder` (AppTest).

The browser names a folder's files by their path from the chosen folder ("workshop/Asha NGO/x.csv"); AppTest
uploads them under the same names.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from impact.auth import Person
from impact.store.access import Readable
from impact.store.connection import open_store
from pages.ui import gate
from pages.upload.workshop import organisation_folders

APP = str(Path(__file__).resolve().parent.parent / "app.py")
FIXTURES = Path(__file__).resolve().parent / "fixtures"
X_OVERVIEW = FIXTURES / "x" / "account_overview_analytics.csv"  # 4 days
INTERACTIONS = FIXTURES / "interactions" / "interactions_template.csv"  # 4 interactions
INSTAGRAM = FIXTURES / "instagram" / "Jan-01-2026_Aug-10-2026_1071135865260092.csv"  # 2 posts
PUNE = "Pune Education Trust"
BRAHMAPUTRA = "Brahmaputra Flood Relief Network"


def upload(name: str, source: Path) -> tuple[str, bytes, str]:
    return (name, source.read_bytes(), "text/csv")


def folder_mode(at: AppTest) -> AppTest:
    """The upload page with "Upload a whole folder" and "Each sub-folder is an organisation" on."""
    at.switch_page("pages/upload/upload.py")
    at.run()
    next(t for t in at.toggle if t.label == "Upload a whole folder").set_value(True).run()
    next(t for t in at.toggle if t.label == "Each sub-folder is an organisation").set_value(True).run()
    assert not at.exception
    return at


def audit(store: Path) -> list[tuple[str, str | None, str]]:
    with open_store(store) as con:
        return con.execute(
            "SELECT a.action, o.name, a.detail FROM audit_event a LEFT JOIN organisation o ON o.id = a.organisation_id "
            "WHERE a.action LIKE 'import%' ORDER BY a.id"
        ).fetchall()


class Named:
    def __init__(self, name: str) -> None:
        self.name = name

    def getvalue(self) -> bytes:
        return b""


def test_uploads_are_grouped_by_the_folder_they_lie_in_as_the_command_line_reads_a_folder() -> None:
    folders, beside = organisation_folders([
        Named("workshop/Lake Volunteers/b.csv"), Named("workshop/  Asha NGO  /deeper/a.csv"),
        Named("workshop/Asha NGO/.DS_Store"), Named("workshop/.hidden/x.csv"), Named("workshop/__MACOSX/Asha/._a.csv"),
        Named("workshop/stray.csv"), Named("loose.csv"), Named("workshop/Lake Volunteers/a.csv"),
    ])  # fmt: skip
    assert [(f.folder, f.organisation, [u.name for u in f.files]) for f in folders] == [
        ("  Asha NGO  ", "Asha NGO", ["workshop/  Asha NGO  /deeper/a.csv"]),  # named as clean_name names it
        ("Lake Volunteers", "Lake Volunteers", ["workshop/Lake Volunteers/a.csv", "workshop/Lake Volunteers/b.csv"]),
    ]
    assert [u.name for u in beside] == ["loose.csv", "workshop/stray.csv"]


def test_each_sub_folder_is_imported_as_its_organisation(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "workshop.duckdb"
    monkeypatch.setenv("IMPACT_DB", str(db))
    at = folder_mode(AppTest.from_file(APP, default_timeout=60))
    # Each folder names its organisation: no field asks for one.
    assert not [t for t in at.text_input if t.label == "Organisation these exports belong to"]
    at.file_uploader[0].set_value([
        upload("workshop/Lake Volunteers/Jan-01-2026_Aug-10-2026_1071135865260092.csv", INSTAGRAM),
        upload("workshop/Asha NGO/account_overview_analytics.csv", X_OVERVIEW),
        upload("workshop/Asha NGO/interactions_template.csv", INTERACTIONS),
        upload("workshop/stray.csv", X_OVERVIEW),
    ]).run()  # fmt: skip
    assert not at.exception
    assert [e.label for e in at.expander] == ["Asha NGO · 2 files", "Lake Volunteers · 1 file"]
    assert [e.value for e in at.error] == [
        "stray\\.csv\\: lies beside the organisations' folders, so it belongs to none of them; put it in its "
        "organisation's folder\\."
    ]
    button = next(b for b in at.button if b.label.startswith("Import "))
    assert button.label == "Import 3 files into 2 organisations"
    button.click().run()
    assert not at.exception
    assert [s.value.split(" — ")[0] for s in at.success] == [
        "**Asha NGO/account\\_overview\\_analytics\\.csv**",
        "**Asha NGO/interactions\\_template\\.csv**",
        "**Lake Volunteers/Jan\\-01\\-2026\\_Aug\\-10\\-2026\\_1071135865260092\\.csv**",
    ]
    assert [e.value.split(" — ")[0] for e in at.error] == ["**stray\\.csv**"]
    summary = at.dataframe[0].value
    assert summary.to_dict("records") == [
        {"organisation": "Asha NGO", "files": 2, "imported": 2, "skipped": 0, "refused": 0, "new rows": 8,
         "updated rows": 0, "rows left out": 0},
        {"organisation": "Lake Volunteers", "files": 1, "imported": 1, "skipped": 0, "refused": 0, "new rows": 2,
         "updated rows": 0, "rows left out": 0},
        {"organisation": "(files beside the folders)", "files": 1, "imported": 0, "skipped": 0, "refused": 1,
         "new rows": 0, "updated rows": 0, "rows left out": 0},
    ]  # fmt: skip
    with open_store(db) as con:
        assert con.execute(
            "SELECT o.name, count(*) FROM import_batch b JOIN organisation o ON o.id = b.organisation_id "
            "GROUP BY o.name ORDER BY o.name"
        ).fetchall() == [("Asha NGO", 2), ("Lake Volunteers", 1)]
    assert [(action, org) for action, org, _ in audit(db)] == [
        ("import", "Asha NGO"), ("import", "Asha NGO"), ("import", "Lake Volunteers"), ("import refused", None),
    ]  # fmt: skip
    # The uploader is empty again, ready for the next folder.
    assert at.file_uploader[0].value == []


def test_an_editor_imports_only_into_the_organisations_they_edit(
    sample_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with open_store(sample_copy) as con:
        ids = dict(con.execute("SELECT name, id FROM organisation").fetchall())
        batches = con.execute("SELECT count(*) FROM import_batch").fetchone()[0]
    editor = Person(
        label="editor@example.org",
        role="editor",
        readable=Readable(frozenset({ids[PUNE], ids[BRAHMAPUTRA]})),
        editable=frozenset({ids[PUNE]}),
    )
    monkeypatch.setattr(gate, "who_is_here", lambda: editor)
    at = AppTest.from_file(APP, default_timeout=60)
    at.session_state["organisation"] = PUNE
    folder_mode(at)
    assert not [s for s in at.selectbox if s.label == "Organisation these exports belong to"]
    at.file_uploader[0].set_value([
        upload(f"workshop/{PUNE}/interactions_template.csv", INTERACTIONS),
        upload(f"workshop/{BRAHMAPUTRA}/interactions_template.csv", INTERACTIONS),
        upload("workshop/Kutch Camel Breeders/interactions_template.csv", INTERACTIONS),
        upload("workshop/Kutch Camel Breeders/account_overview_analytics.csv", X_OVERVIEW),
    ]).run()  # fmt: skip
    assert not at.exception
    assert [e.value for e in at.error] == [
        "Brahmaputra Flood Relief Network\\: you can read this organisation's pages but not change them, so its "
        "file is not imported\\.",
        "Kutch Camel Breeders\\: no organisation you may change has this name, and only an administrator can "
        "create one, so none of its 2 files is imported\\. Name the folder as one of your organisations\\.",
    ]
    button = next(b for b in at.button if b.label.startswith("Import "))
    assert button.label == "Import 1 file into 1 organisation"
    button.click().run()
    assert not at.exception
    assert [s.value.split(" — ")[0] for s in at.success] == [f"**{PUNE}/interactions\\_template\\.csv**"]
    # A refused folder's line names its organisation, and says why in the page's words.
    assert [e.value for e in at.error] == [
        "**Brahmaputra Flood Relief Network** — rejected\\: you can read this organisation's pages but not change "
        "them, so its file is not imported\\.",
        "**Kutch Camel Breeders** — rejected\\: no organisation you may change has this name, and only an "
        "administrator can create one, so none of its 2 files is imported\\. Name the folder as one of your "
        "organisations\\.",
    ]
    assert [(r["organisation"], r["files"], r["imported"], r["refused"]) for r in at.dataframe[0].value.to_dict("records")] == [
        (BRAHMAPUTRA, 1, 0, 1), ("Kutch Camel Breeders", 2, 0, 2), (PUNE, 1, 1, 0),
    ]  # fmt: skip
    with open_store(sample_copy) as con:
        assert con.execute("SELECT count(*) FROM import_batch").fetchone()[0] == batches + 1
        assert con.execute("SELECT count(*) FROM organisation WHERE name = 'Kutch Camel Breeders'").fetchone() == (0,)
        assert con.execute(
            "SELECT o.name FROM import_batch b JOIN organisation o ON o.id = b.organisation_id ORDER BY b.id DESC LIMIT 1"
        ).fetchone() == (PUNE,)
    assert [(action, org) for action, org, _ in audit(sample_copy)][-3:] == [
        ("import refused", None), ("import refused", None), ("import", PUNE),
    ]  # fmt: skip
