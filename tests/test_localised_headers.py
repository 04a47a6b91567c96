"""Exports in another interface language read like the English ones, through connectors/aliases.py.

Each file's connector, row count and totals are in tests/test_connector_contract.py; here, field by field.
"""

from __future__ import annotations

from collections.abc import Callable

import duckdb

IG_SV = "localised/Dec-01-2025_Dec-31-2025_17841400000000009_sv.csv"
FB_SV = "localised/Dec-01-2025_Dec-31-2025_61550000000009_sv.csv"


def test_swedish_instagram_export_maps_to_the_canonical_columns(
    db: duckdb.DuckDBPyConnection, import_files: Callable[..., list]
) -> None:
    import_files(IG_SV)
    rows = db.execute(
        """SELECT p.post_id, a.handle, p.impressions, p.reach, p.likes, p.comments, p.shares, p.saves,
                  p.engagements, p.text, strftime(p.published_at, '%Y-%m-%d %H:%M')
           FROM post p JOIN account a ON a.id = p.account_id ORDER BY p.post_id"""
    ).fetchall()
    assert rows == [
        # engagements = likes + comments + shares + saves = 310 + 18 + 25 + 40
        (
            "18070000000000001",
            "goteborg_matbank",
            4200,
            3100,
            310,
            18,
            25,
            40,
            393,
            "Insamling inför julen 🎄",
            "2025-12-01 09:15",
        ),
        (
            "18070000000000002",
            "goteborg_matbank",
            9800,
            7050,
            520,
            33,
            61,
            75,
            689,
            "Volontärer sökes, lördag",
            "2025-12-05 17:40",
        ),
    ]


def test_swedish_facebook_export_maps_to_the_canonical_columns(
    db: duckdb.DuckDBPyConnection, import_files: Callable[..., list]
) -> None:
    import_files(FB_SV)
    rows = db.execute(
        "SELECT post_id, impressions, reach, engagements, likes, comments, shares, clicks, text FROM post ORDER BY 1"
    ).fetchall()
    assert rows == [
        ("122109876543210001", 5100, 3900, 240, 190, 28, 22, 130, "Tack alla som skänkte mat i helgen!"),
        # Title wins over Description where both are filled, as in the English export.
        ("122109876543210002", 2600, 2050, 95, 70, 15, 10, 64, "Julinsamlingen"),
    ]


def test_a_swedish_daily_breakdown_is_refused_like_the_english_one(
    db: duckdb.DuckDBPyConnection, import_files: Callable[..., list], tmp_path, snapshot
) -> None:
    from tests.conftest import FIXTURES

    daily = tmp_path / "Dec-01-2025_Dec-31-2025_61550000000009_sv.csv"
    daily.write_text((FIXTURES / FB_SV).read_text(encoding="utf-8").replace("Livstid", "2025-12-03"), encoding="utf-8")
    before = snapshot(db)
    (result,) = import_files(daily)
    assert (result.status, result.connector) == ("rejected", "meta_facebook_posts")
    why = (
        "the Date column says which day these figures are for, so this is a daily breakdown; "
        "export again with the date setting 'Lifetime'"
    )
    assert result.error == (
        f"{daily.name}: looks like Facebook posts, Meta Business Suite content export, but none of its rows "
        f"could be read (row 1: {why}; row 2: {why})."
    )
    assert snapshot(db) == before
