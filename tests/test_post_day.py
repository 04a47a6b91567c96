"""post_day: each organisation's posts summed per platform and local day, kept as its posts change.

The scorecard, the Portfolio and the base-platform links add up these rows instead of the posts. So they
must be exactly what the posts sum to, after every import, update, undo and package, and a period's sum
of them must be the same figure as over its posts.
"""

from __future__ import annotations

import shutil
from datetime import date, datetime
from pathlib import Path

import duckdb

from impact.definitions.sql import (
    DAY_ENGAGEMENT_RATE,
    DAY_RATED_IMPRESSIONS,
    ENGAGEMENT_RATE,
    POST_DAY_SUMS,
    POSTS_IN_PERIOD,
    RATED_IMPRESSIONS,
)
from impact.store import derived
from impact.store.connection import connect
from impact.store.ingest import import_paths, undo_batch
from impact.store.orgs import ensure_organisation
from impact.store.package import export_organisation, import_package

FIXTURES = Path(__file__).resolve().parent / "fixtures"
CONTENT = FIXTURES / "x/account_analytics_content_2026-07-06_2026-08-02.csv"
LEGACY = FIXTURES / "x/tweet_activity_metrics_ngo_20150301_20150401_en.csv"


def post_days(con: duckdb.DuckDBPyConnection) -> list[tuple[object, ...]]:
    return con.execute("SELECT * FROM post_day ORDER BY ALL").fetchall()


def summed_again(con: duckdb.DuckDBPyConnection) -> list[tuple[object, ...]]:
    """What post_day would hold if every organisation's rows were made again now (nothing is kept)."""
    con.execute("BEGIN TRANSACTION")
    try:
        derived.sum_post_days(con)
        return post_days(con)
    finally:
        con.execute("ROLLBACK")


def assert_current(con: duckdb.DuckDBPyConnection) -> None:
    """post_day holds what the posts sum to now."""
    assert post_days(con) == summed_again(con)


def _post(con: duckdb.DuckDBPyConnection, org_id: int, platform: str, post_id: str, published: str, **values) -> None:
    columns = ["batch_id", "as_of", "organisation_id", "platform", "account_id", "post_id", "published_at", *values]
    con.execute(
        f"INSERT INTO post ({', '.join(columns)}) VALUES ({', '.join('?' for _ in columns)})",
        [1, datetime(2026, 4, 1), org_id, platform, 1, post_id, published or None, *values.values()],
    )


def test_a_day_sums_the_posts_published_on_that_local_day(db) -> None:
    org_id = ensure_organisation(db, "Trust", timezone="Asia/Kolkata", base_url="https://www.NGO.org/home")
    # X states UTC: 18:45 UTC is 00:15 the next day in Kolkata (+05:30); Facebook's time is already local.
    _post(db, org_id, "x", "1", "2026-03-01 10:00", impressions=100, engagements=5, comments=2, text="ngo.org/give")
    _post(db, org_id, "x", "2", "2026-03-01 18:45", impressions=40, engagements=None, comments=0, url="https://x.co")
    _post(db, org_id, "x", "3", "2026-03-02 01:00", impressions=0, engagements=3, text="see blog.NGO.org")
    _post(db, org_id, "facebook", "4", "2026-03-01 23:50", impressions=50, engagements=10, text="notngo.org")
    _post(db, org_id, "facebook", "5", "", impressions=7, engagements=1)
    derived.sum_post_days(db, [org_id])

    columns = [d[0] for d in db.execute("SELECT * FROM post_day").description]
    assert columns == ["organisation_id", "platform", "day", *POST_DAY_SUMS]
    # (platform, day, posts, impressions, rated impressions, rated engagements, replies reported, replied, linking)
    assert [row[1:] for row in post_days(db)] == [
        ("facebook", date(2026, 3, 1), 1, 50, 50, 10, 0, 0, 0),  # notngo.org is another host
        ("facebook", None, 1, 7, 7, 1, 0, 0, 0),  # post 5: no time, so on no day, but Facebook has posts
        ("x", date(2026, 3, 1), 1, 100, 100, 5, 1, 1, 1),
        # post 2 (local 00:15) and post 3 (06:30): 40 + 0 impressions; neither rated (no engagements; 0
        # impressions); post 2 reports 0 replies, post 3 none; post 3 names a subdomain of ngo.org
        ("x", date(2026, 3, 2), 2, 40, None, None, 1, 0, 1),
    ]


def test_an_organisation_without_a_website_has_no_links_counted(db) -> None:
    org_id = ensure_organisation(db, "Trust", timezone="UTC")
    _post(db, org_id, "x", "1", "2026-03-01 10:00", text="ngo.org")
    derived.sum_post_days(db, [org_id])
    assert [row[-1] for row in post_days(db)] == [None]


def test_imports_updates_and_undo_keep_the_day_sums_current(db) -> None:
    ensure_organisation(db, "Trust", timezone="America/New_York", base_url="https://ngo.org")
    [first] = import_paths(db, [CONTENT], "Trust")
    assert first.status == "imported" and post_days(db)
    assert_current(db)
    [legacy] = import_paths(db, [LEGACY], "Trust")
    assert_current(db)
    overlap = sorted((FIXTURES / "x/overlap").iterdir())
    [later] = import_paths(db, overlap, "Trust")
    assert later.rows_updated or later.rows_new
    assert_current(db)
    # Another organisation's imports and undo leave the Trust's rows as they are.
    trust = post_days(db)
    [other] = import_paths(db, [CONTENT], "Other")
    assert_current(db)
    undo_batch(db, other.batch_id)  # type: ignore[arg-type]
    assert post_days(db) == trust
    for batch in (first, later, legacy):
        undo_batch(db, batch.batch_id)  # type: ignore[arg-type]
        assert_current(db)
    assert post_days(db) == []


def test_a_package_brings_its_posts_and_the_receiving_store_sums_them(db, tmp_path: Path, db_path: Path) -> None:
    ensure_organisation(db, "Trust", timezone="Asia/Kolkata", base_url="https://ngo.org")
    import_paths(db, [CONTENT, LEGACY], "Trust")
    package = tmp_path / "trust.zip"
    export_organisation(db, "Trust", package)
    sums = [row[1:] for row in post_days(db)]
    other = connect(tmp_path / "other.duckdb")
    try:
        # The receiving store already knows the organisation, with another zone: the package's settings win.
        ensure_organisation(other, "Trust", timezone="UTC")
        result = import_package(other, package, package.name, "Trust")
        assert result.status == "imported", result.error
        assert [row[1:] for row in post_days(other)] == sums
        assert_current(other)
    finally:
        other.close()


def _store_of_the_trust(db_path: Path, migrated_store: Path) -> duckdb.DuckDBPyConnection:
    """A new store with the two X exports imported for the Trust (Kolkata), open."""
    shutil.copy(migrated_store, db_path)
    con = connect(db_path)
    ensure_organisation(con, "Trust", timezone="Asia/Kolkata")
    import_paths(con, [CONTENT, LEGACY], "Trust")
    return con


def test_the_migration_sums_the_posts_already_in_a_store(db_path: Path, migrated_store: Path) -> None:
    con = _store_of_the_trust(db_path, migrated_store)
    made = post_days(con)
    # The store as it was before migration 11.
    con.execute("DROP TABLE post_day")
    con.execute("DELETE FROM schema_migration WHERE version = 11")
    con.close()
    con = connect(db_path)
    try:
        assert post_days(con) == made != []
    finally:
        con.close()


def test_a_period_of_day_sums_is_the_figure_over_its_posts(sample_store: Path, tmp_path: Path) -> None:
    """The demo's organisations, every platform, a year and a month: the posts, the rated impressions, the rate."""
    path = tmp_path / "sample.duckdb"
    shutil.copy(sample_store, path)
    con = connect(path)
    try:
        assert post_days(con)
        assert_current(con)
        platforms = [r[0] for r in con.execute("SELECT DISTINCT platform FROM post").fetchall()]
        for org_id, tz in con.execute("SELECT id, timezone FROM organisation ORDER BY id").fetchall():
            for start, end in [(date(2025, 12, 1), date(2026, 11, 30)), (date(2026, 3, 1), date(2026, 3, 31))]:
                over_posts = con.execute(
                    f"""SELECT platform, count(*), {RATED_IMPRESSIONS}, {ENGAGEMENT_RATE} FROM {POSTS_IN_PERIOD}
                        GROUP BY platform ORDER BY platform""",
                    {"org": org_id, "tz": tz, "start": start, "end": end, "platforms": platforms},
                ).fetchall()
                over_days = con.execute(
                    f"""SELECT platform, sum(posts), {DAY_RATED_IMPRESSIONS}, {DAY_ENGAGEMENT_RATE} FROM post_day
                        WHERE organisation_id = $org AND day BETWEEN $start AND $end
                        GROUP BY platform ORDER BY platform""",
                    {"org": org_id, "start": start, "end": end},
                ).fetchall()
                assert over_days == over_posts, (org_id, start)
                assert over_posts or start.month == 3, org_id  # every demo organisation posted in the year
    finally:
        con.close()


def test_a_zone_only_python_knows_counts_as_utc_and_does_not_stop_imports(db) -> None:
    # Debian's /usr/share/zoneinfo/localtime makes "localtime" a zone for Python; DuckDB's ICU refuses it,
    # which would fail every import and page of the organisation.
    org_id = ensure_organisation(db, "Trust", timezone="localtime")
    [imported] = import_paths(db, [LEGACY], "Trust")
    assert imported.status == "imported", imported.error
    assert_current(db)
    utc = ensure_organisation(db, "Trust in UTC", timezone="UTC")
    import_paths(db, [LEGACY], "Trust in UTC")
    days = {org: [row[1:] for row in post_days(db) if row[0] == org] for org in (org_id, utc)}
    assert days[org_id] == days[utc] != []


def test_derived_data_made_with_other_definitions_is_made_again_on_opening(db_path: Path, migrated_store: Path) -> None:
    con = _store_of_the_trust(db_path, migrated_store)
    made = post_days(con)
    tags = con.execute("SELECT post_id, hashtags FROM post ORDER BY ALL").fetchall()
    # As if an older release had computed them otherwise: wrong rows, no hashtags, another fingerprint.
    con.execute("UPDATE post_day SET posts = posts + 1")
    con.execute("UPDATE post SET hashtags = NULL")
    con.execute("UPDATE derived_state SET fingerprint = 'an older definition'")
    con.close()
    con = connect(db_path)
    try:
        assert post_days(con) == made
        assert con.execute("SELECT post_id, hashtags FROM post ORDER BY ALL").fetchall() == tags
        assert con.execute("SELECT fingerprint FROM derived_state").fetchall() == [(derived.fingerprint(),)]
    finally:
        con.close()
