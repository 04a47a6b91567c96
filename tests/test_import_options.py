"""What files do not say and the import never guesses: the platform of a bare Meta "Views" file, the year of TikTok's days.

Fixtures: tests/fixtures/facebook/meta_insights_unnamed/ holds a Meta Business Suite "Views" file whose title names
no platform (1000 + 2500 + 1750 views on 10, 11 and 12 January 2026) and a "Facebook follows" file (4 on the 10th,
6 on the 12th), both UTF-16 like Meta's own; tests/fixtures/tiktok/es/Overview.csv runs from "29 de diciembre"
to "4 de enero" (500 + 620 + 0 + 1800 + 940 + 710 + 1330 = 5,900 video views).
"""

from __future__ import annotations

import io
import json
import shutil
import zipfile
from datetime import date

import pytest

from impact.store.connection import open_store
from impact.store.ingest import import_paths, import_upload
from impact.store.options import ImportOptions
from tests.conftest import FIXTURES, store_state
from tests.test_cli import run_cli

UNNAMED = FIXTURES / "facebook" / "meta_insights_unnamed"
VIEWS, FOLLOWS = UNNAMED / "Views.csv", UNNAMED / "Follows.csv"
SPANISH = FIXTURES / "tiktok" / "es" / "Overview.csv"
ORG = "Clean River Trust"
REFUSAL = (
    "Views.csv: a Meta Business Suite 'Views' file does not say whether it is Facebook's or Instagram's. "
    "Upload it together with a file that names the platform, choose the platform in the preview, "
    "or add --platform facebook|instagram."
)


def meta_file(title: str, rows: list[tuple[str, int]]) -> bytes:
    """Meta Business Suite's bytes: UTF-16 with a BOM, CRLF, a sep= line and a title line."""
    lines = ["sep=,", f'"{title}"', '"Date","Primary"', *(f'"{d}T00:00:00","{n}"' for d, n in rows)]
    return ("\r\n".join(lines) + "\r\n").encode("utf-16")


def by_platform(db) -> list[tuple]:
    return db.execute(
        "SELECT platform, count(*), sum(impressions), sum(followers_gained) FROM account_day GROUP BY 1 ORDER BY 1"
    ).fetchall()


def messages(db) -> list[tuple]:
    return db.execute("SELECT source_name, platform, message FROM import_batch ORDER BY id").fetchall()


# ------------------------------------------------------------------------------------------- The platform


def test_a_bare_views_file_alone_is_refused_and_the_store_is_unchanged(db):
    import_paths(db, [FIXTURES / "facebook" / "meta_insights" / "Follows.csv"], ORG)
    before = store_state(db)

    [result] = import_paths(db, [VIEWS], ORG)

    assert (result.status, result.connector, result.platform, result.error) == (
        "rejected",
        "meta_page_insights",
        None,
        REFUSAL,
    )
    assert store_state(db) == before


def test_a_sibling_that_names_facebook_decides(db):
    follows, views = import_paths(db, [UNNAMED], ORG)  # the folder: Follows.csv, then Views.csv

    assert (follows.status, follows.platform, follows.rows_new, follows.assumed) == ("imported", "facebook", 2, [])
    assert (views.status, views.platform, views.rows_new, views.rows_updated, views.rows_unchanged) == (
        "imported",
        "facebook",
        1,  # 11 January
        2,  # 10 and 12 January, which Follows.csv brought
        0,
    )
    assert views.assumed == ["platform Facebook: named by Follows.csv, imported with it"]
    assert views.sentence() == (
        "imported as Meta Business Suite page insights (Follows.csv, Views.csv, Visits.csv, ...) "
        "(1 new, 2 updated, 0 unchanged); platform Facebook: named by Follows.csv, imported with it"
    )
    assert by_platform(db) == [("facebook", 3, 1000 + 2500 + 1750, 4 + 6)]
    assert messages(db) == [
        ("Follows.csv", "facebook", None),
        ("Views.csv", "facebook", "platform Facebook: named by Follows.csv, imported with it"),
    ]


def test_the_sibling_may_come_after_it_in_the_same_call(db):
    views, follows = import_paths(db, [VIEWS, FOLLOWS], ORG)

    assert (views.status, views.platform, follows.platform) == ("imported", "facebook", "facebook")
    assert by_platform(db) == [("facebook", 3, 5250, 10)]


def test_the_person_chooses_instagram(db):
    [result] = import_paths(db, [VIEWS], ORG, ImportOptions(platform="instagram"))

    assert (result.status, result.platform, result.rows_new) == ("imported", "instagram", 3)
    assert result.assumed == ["platform Instagram: chosen at import ('Views' names no platform)"]
    assert by_platform(db) == [("instagram", 3, 5250, None)]
    assert messages(db) == [
        ("Views.csv", "instagram", "platform Instagram: chosen at import ('Views' names no platform)")
    ]


def test_the_persons_choice_applies_only_to_files_that_name_no_platform(db):
    follows, views = import_paths(db, [UNNAMED], ORG, ImportOptions(platform="instagram"))

    assert (follows.platform, views.platform) == ("facebook", "instagram")
    assert by_platform(db) == [("facebook", 2, None, 10), ("instagram", 3, 5250, None)]


def test_siblings_naming_both_platforms_are_no_answer(db, tmp_path):
    folder = tmp_path / "exports"
    folder.mkdir()
    shutil.copy(VIEWS, folder / "Views.csv")
    shutil.copy(FOLLOWS, folder / "Follows.csv")
    (folder / "Reach.csv").write_bytes(meta_file("Instagram reach", [("2026-01-10", 300)]))

    results = import_paths(db, [folder], ORG)

    assert [(r.file, r.status, r.platform) for r in results] == [
        ("Follows.csv", "imported", "facebook"),
        ("Reach.csv", "imported", "instagram"),
        ("Views.csv", "rejected", None),
    ]
    assert results[2].error == (
        "Views.csv: a Meta Business Suite 'Views' file does not say whether it is Facebook's or Instagram's, "
        "and the files imported with it name both (Follows.csv, Reach.csv). "
        "Choose the platform in the preview, or add --platform facebook|instagram."
    )
    assert by_platform(db) == [("facebook", 2, None, 10), ("instagram", 1, None, None)]


def test_a_zip_upload_names_its_own_members_platform(db):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("insights/Views.csv", VIEWS.read_bytes())
        archive.writestr("insights/Follows.csv", FOLLOWS.read_bytes())

    views, follows = import_upload(db, "meta.zip", buffer.getvalue(), ORG)

    assert (views.file, views.status, views.platform) == ("meta.zip/insights/Views.csv", "imported", "facebook")
    assert views.assumed == ["platform Facebook: named by meta.zip/insights/Follows.csv, imported with it"]
    assert follows.status == "imported"


def test_an_upload_takes_the_platform_from_the_files_uploaded_with_it_or_a_choice_for_it(db):
    [alone] = import_upload(db, "Views.csv", VIEWS.read_bytes(), ORG)
    assert (alone.status, alone.error) == ("rejected", REFUSAL)

    with_sibling = ImportOptions(siblings={"facebook": "Follows.csv"})
    [views] = import_upload(db, "Views.csv", VIEWS.read_bytes(), ORG, with_sibling)
    assert (views.status, views.platform) == ("imported", "facebook")

    db.execute("DELETE FROM import_batch")  # the same bytes again, as if for the first time
    chosen = ImportOptions(platforms={"Reach.csv": "instagram"})
    [reach] = import_upload(db, "Reach.csv", meta_file("Reach", [("2026-01-10", 300)]), ORG, chosen)
    assert (reach.status, reach.platform) == ("imported", "instagram")


def test_options_refuse_what_they_cannot_mean():
    with pytest.raises(ValueError, match="the platform must be one of facebook, instagram, not 'x'"):
        ImportOptions(platform="x")
    with pytest.raises(ValueError, match="26 is not a year this product reads"):
        ImportOptions(year=26)


# ------------------------------------------------------------------------------------------- The year


def pin_today(monkeypatch, day: date) -> None:
    monkeypatch.setattr("impact.store.ingest.today", lambda: day)


def tiktok_days(db) -> list[tuple]:
    return db.execute("SELECT min(day), max(day), count(*), sum(video_views) FROM account_day").fetchone()


def test_the_result_says_which_year_days_without_one_were_read_in(db, monkeypatch):
    pin_today(monkeypatch, date(2026, 1, 5))

    [result] = import_paths(db, [SPANISH], ORG)

    assert result.assumed == [
        "dates without a year read as 2025–2026: in the file's order, its last day the latest such day not after "
        "the import day, 5 Jan 2026"
    ]
    assert result.year == 2026
    assert result.as_json()["year"] == 2026
    assert tiktok_days(db) == (date(2025, 12, 29), date(2026, 1, 4), 7, 5900)
    assert messages(db)[0][2] == result.assumed[0]


def test_the_date_in_the_file_name_is_said_too(db, tmp_path):
    path = tmp_path / "Overview_2025-09-15.csv"
    path.write_bytes((FIXTURES / "tiktok" / "Overview.csv").read_bytes())

    [result] = import_paths(db, [path], ORG)

    assert result.assumed == [
        "dates without a year read as 2025: in the file's order, its last day the latest such day not after the date "
        "in the file name, 15 Sep 2025"
    ]


def test_the_person_chooses_the_year_of_the_latest_day(db, monkeypatch):
    pin_today(monkeypatch, date(2026, 1, 5))

    [result] = import_paths(db, [SPANISH], ORG, ImportOptions(year=2024))

    # 4 January is the latest day: 2024; 29 December comes later in the calendar, so it is 2023.
    assert tiktok_days(db) == (date(2023, 12, 29), date(2024, 1, 4), 7, 5900)
    assert result.year == 2024
    assert result.assumed == [
        "dates without a year read as 2023–2024: the year chosen at import for the latest day, 4 Jan 2024"
    ]
    assert result.sentence().endswith("(7 new, 0 updated, 0 unchanged); " + result.assumed[0])


def test_a_chosen_year_within_one_year(db, monkeypatch):
    pin_today(monkeypatch, date(2026, 3, 4))

    [result] = import_paths(db, [FIXTURES / "tiktok" / "Viewers.csv"], ORG, ImportOptions(year=2024))

    assert db.execute("SELECT min(day), max(day), count(*), sum(reach) FROM account_day").fetchone() == (
        date(2024, 2, 22),
        date(2024, 2, 28),
        7,
        640 + 1510 + 980 + 0 + 2405 + 1312,
    )
    assert result.assumed == [
        "dates without a year read as 2024: the year chosen at import for the latest day, 28 Feb 2024"
    ]


def test_files_with_years_ignore_the_year_and_say_nothing(db):
    [result] = import_paths(db, [FIXTURES / "facebook" / "meta_insights" / "Views.csv"], ORG, ImportOptions(year=2020))

    assert (result.status, result.assumed, result.year) == ("imported", [], None)
    assert "year" not in result.as_json() and "assumed" not in result.as_json()
    assert db.execute("SELECT min(day) FROM account_day").fetchone() == (date(2025, 8, 1),)


# ------------------------------------------------------------------------------------------- The command line


def test_cli_platform(db_path):
    refused = run_cli("import", VIEWS, "--org", ORG, "--db", db_path, "--json")
    assert refused.returncode == 1, refused.stderr
    [result] = json.loads(refused.stdout)
    assert (result["status"], result["error"]) == ("rejected", REFUSAL)

    done = run_cli("import", VIEWS, "--org", ORG, "--db", db_path, "--platform", "instagram", "--json")
    assert done.returncode == 0, done.stderr
    [result] = json.loads(done.stdout)
    assert {k: result[k] for k in ("status", "platform", "rows_new", "assumed")} == {
        "status": "imported",
        "platform": "instagram",
        "rows_new": 3,
        "assumed": ["platform Instagram: chosen at import ('Views' names no platform)"],
    }

    wrong = run_cli("import", VIEWS, "--db", db_path, "--platform", "x")
    assert wrong.returncode == 2
    assert "invalid choice: 'x' (choose from 'facebook', 'instagram')" in wrong.stderr


def test_cli_year(db_path, tmp_path):
    path = tmp_path / "Overview_2026-01-05.csv"  # the name pins the reference day
    path.write_bytes(SPANISH.read_bytes())

    done = run_cli("import", path, "--org", ORG, "--db", db_path, "--year", "2024")
    assert done.returncode == 0, done.stderr
    assert done.stdout == (
        "Overview_2026-01-05.csv: imported as TikTok analytics, Overview.csv (daily views, profile views, likes, "
        "comments, shares) (7 new, 0 updated, 0 unchanged); dates without a year read as 2023–2024: "
        "the year chosen at import for the latest day, 4 Jan 2024\n"
    )
    english = FIXTURES / "tiktok" / "Overview.csv"  # 22 to 28 February
    again = run_cli("import", english, "--org", ORG, "--db", db_path, "--year", "2025", "--json")
    [result] = json.loads(again.stdout)
    assert (again.returncode, result["status"], result["year"], result["rows_new"]) == (0, "imported", 2025, 7)
    with open_store(db_path) as con:
        assert con.execute("SELECT min(day), max(day) FROM account_day WHERE day > '2025-01-01'").fetchone() == (
            date(2025, 2, 22),
            date(2025, 2, 28),
        )

    wrong = run_cli("import", path, "--db", db_path, "--year", "26")
    assert wrong.returncode == 2
    assert "'26' is not a year written YYYY (2000 to 2100)" in wrong.stderr
