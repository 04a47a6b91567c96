"""Files no built-in format knows: a person maps their columns once, and the same kind of file
imports by itself afterwards (Upload page and `python -m impact map`).

Before a mapping is saved, these files are refused with a pointer to the mapping: that message is in
tests/test_connector_contract.py's table of broken files.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from decimal import Decimal

import duckdb
import pytest

from impact.__main__ import main
from impact.store.mappings import file_header, save_mapping, saved_mappings
from tests.conftest import FIXTURES

JETPACK = FIXTURES / "custom" / "jetpack_postviews.csv"
WIX = FIXTURES / "custom" / "wix_site_stats.csv"
FORM = FIXTURES / "custom" / "donation_form.csv"


def test_a_saved_mapping_imports_the_file_and_the_next_one_like_it(
    db: duckdb.DuckDBPyConnection, import_files: Callable[..., list], tmp_path
) -> None:
    save_mapping(
        db,
        file_header(JETPACK),
        "Jetpack post views",
        "blog",
        "post",
        {"post_id": "post_permalink", "text": "post_title", "url": "post_permalink", "impressions": "views"},
    )
    (result,) = import_files(JETPACK)
    assert (result.status, result.platform, result.rows_new, result.rows_rejected) == ("imported", "blog", 3, 0)
    assert result.label == "Jetpack post views (your mapping)"
    assert db.execute("SELECT sum(impressions), count(*) FROM post WHERE platform = 'blog'").fetchone() == (1722, 3)

    # Next month's file: same header, one post updated, one new; recognised without asking.
    later = tmp_path / "jetpack_postviews_september.csv"
    later.write_text(
        "post_id,post_title,post_permalink,views\n"
        '101,"Why we teach coding to girls in Pune",https://punetrust.org/2026/06/coding-girls/,"1,300"\n'
        "104,Diwali appeal,https://punetrust.org/2026/09/diwali/,410\n",
        encoding="utf-8",
    )
    (again,) = import_files(later)
    assert (again.status, again.rows_new, again.rows_updated) == ("imported", 1, 1)
    assert db.execute("SELECT sum(impressions), count(*) FROM post").fetchone() == (1300 + 385 + 97 + 410, 4)
    (same,) = import_files(JETPACK)
    assert (same.status, same.rows_new) == ("skipped", 0)
    assert same.error.startswith("jetpack_postviews.csv: this exact file was already imported on ")


def test_day_first_dates_and_formatted_numbers_in_a_daily_site_report(
    db: duckdb.DuckDBPyConnection, import_files: Callable[..., list]
) -> None:
    save_mapping(
        db,
        file_header(WIX),
        "Wix site stats",
        "website",
        "account_day",
        {"day": "Date", "profile_views": "Site sessions", "reach": "Unique visitors"},
    )
    (result,) = import_files(WIX)
    assert (result.status, result.rows_new, result.rows_rejected) == ("imported", 3, 0)
    # 22/12/2025 can only be day-first, so 10/12/2025 is 10 December for the whole file, not 12 October.
    rows = db.execute("SELECT strftime(day, '%Y-%m-%d'), profile_views, reach FROM account_day ORDER BY day").fetchall()
    assert rows == [("2025-12-10", 4738, 3120), ("2025-12-11", 512, 430), ("2025-12-22", 1020, 801)]


def test_donation_form_rows_become_donations_counted_once(
    db: duckdb.DuckDBPyConnection, import_files: Callable[..., list]
) -> None:
    save_mapping(
        db,
        file_header(FORM),
        "Website donation form",
        "website",
        "outcome",
        {"occurred_at": "Timestamp", "amount": "Amount (INR)", "donor": "Email address", "campaign": "Fund"},
    )
    (result,) = import_files(FORM)
    # The form's two identical rows (same minute, donor and amount) are one donation submitted twice.
    assert (result.status, result.rows_new) == ("imported", 3)
    total = db.execute("SELECT sum(amount), count(*), count(DISTINCT donor) FROM outcome WHERE kind = 'donation'")
    assert total.fetchone() == (Decimal("4000.00"), 3, 2)
    assert db.execute("SELECT count(*) FROM outcome WHERE donor LIKE '%@%'").fetchone() == (0,)  # hashed, never stored


def test_a_mapping_must_name_the_columns_its_table_needs(db: duckdb.DuckDBPyConnection) -> None:
    with pytest.raises(ValueError, match="say which column holds: Day"):
        save_mapping(db, file_header(WIX), "Wix", "website", "account_day", {"reach": "Unique visitors"})
    assert saved_mappings(db) == []


def test_the_command_line_saves_a_mapping_and_imports_with_it(db_path, capsys) -> None:
    status = main(
        [
            "map",
            str(JETPACK),
            "--db",
            str(db_path),
            "--table",
            "post",
            "--platform",
            "blog",
            "--column",
            "post_id=post_permalink",
            "--column",
            "impressions=views",
            "--json",
        ]
    )
    out = capsys.readouterr().out
    assert status == 0
    assert json.loads(out) == [
        {
            "file": "jetpack_postviews.csv",
            "status": "imported",
            "connector": "custom:post_id|post_title|post_permalink|views",
            "platform": "blog",
            "rows_new": 3,
            "rows_updated": 0,
            "rows_unchanged": 0,
            "rows_rejected": 0,
            "error": None,
            "batch_id": 1,
        }
    ]
    assert main(["mappings", "--db", str(db_path), "--json"]) == 0
    (saved,) = json.loads(capsys.readouterr().out)
    assert saved["columns"] == {"post_id": "post_permalink", "impressions": "views"}


def test_the_command_line_names_columns_the_file_does_not_have(db_path, capsys) -> None:
    status = main(["map", str(JETPACK), "--db", str(db_path), "--table", "post", "--platform", "blog",
                   "--column", "post_id=Permalink"])  # fmt: skip
    assert status == 1
    assert capsys.readouterr().err == (
        "jetpack_postviews.csv: columns not in its header: Permalink.\n"
        "Its columns are: post_id, post_title, post_permalink, views\n"
    )
