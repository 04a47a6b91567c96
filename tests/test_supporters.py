"""Evangelists, influencers and the supporter ladder, on small hand-computed cases.

The period is September to November 2026 for an organisation in Kolkata; its last day, 30 November,
is the day recency counts from. Scores (impact.supporters.ranking): an interaction weighs 3 (shared),
2 (replied) or 1 (liked), halved for every 30 days before 30 November; the sum is multiplied by 1.5
for a second platform. By hand:
- x:bigvoice shared on 30 November: 3 * 0.5^0 = 3.00;
- instagram:asha.k shared on 20 November: 3 * 0.5^(10/30) = 2.38;
- x:ravi replied on 25 November: 2 * 0.5^(5/30) = 1.78;
- x:asha shared on 10 September and 5 October: 3 * 0.5^(81/30) + 3 * 0.5^(56/30) = 0.46 + 0.82 = 1.28;
- x:kiran and x:meena liked on 25 November: 0.5^(5/30) = 0.89 each (a tie: the key decides, kiran first);
- once x:asha and instagram:asha.k are confirmed one person: (1.28 + 2.38) * 1.5 = 5.50.
"""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from impact.store.connection import connect
from impact.store.ingest import import_paths, undo_batch
from impact.store.orgs import ensure_organisation
from impact.supporters.identity import erase, link_donor, link_volunteer, merge, split, suggestions, supporters
from impact.supporters.ladder import ladder
from impact.supporters.ranking import evangelists, influencers

ORG = "Lake Volunteers"
START, END = date(2026, 9, 1), date(2026, 11, 30)
LINES = """date,platform,person,name,kind,post,followers
2026-09-10,X,@asha,Asha K,retweet,x1,
2026-10-05,X,asha,Asha K,retweet,x2,
2026-11-20,Instagram,asha.k,Asha K,share,i1,
2026-11-25,X,ravi,Ravi,reply,x3,
2026-11-25,X,meena,Meena,like,x3,
2026-11-25,X,kiran,Kiran,like,x3,
2026-11-30,X,bigvoice,Big Voice,retweet,x3,250000
2026-08-15,X,bigvoice,Big Voice,like,x0,240000
"""
RAZORPAY = (
    "id,amount,currency,status,order_id,invoice_id,international,method,amount_refunded,refund_status,captured,"
    "description,card_id,bank,wallet,vpa,email,contact,notes,fee,tax,error_code,error_description,created_at\n"
    "pay_Asha000000001,500.00,INR,captured,,,0,upi,0.00,,1,Donation,,,,,Asha@Example.org ,,,11.80,1.80,,,14/10/2026 10:00:00\n"
)


@pytest.fixture
def con(tmp_path: Path, migrated_store: Path) -> duckdb.DuckDBPyConnection:
    path = tmp_path / "supporters.duckdb"
    shutil.copy(migrated_store, path)
    connection = connect(path)
    ensure_organisation(connection, ORG, timezone="Asia/Kolkata")
    (tmp_path / "interactions.csv").write_text(LINES, encoding="utf-8")
    (tmp_path / "payments.csv").write_text(RAZORPAY, encoding="utf-8")
    results = import_paths(connection, [tmp_path / "interactions.csv", tmp_path / "payments.csv"], ORG)
    assert [(r.status, r.rows_new) for r in results] == [("imported", 8), ("imported", 1)]
    return connection


def org(con: duckdb.DuckDBPyConnection) -> int:
    return ensure_organisation(con, ORG)


def ranked(con: duckdb.DuckDBPyConnection) -> list[tuple[object, ...]]:
    frame = evangelists(con, org(con), START, END)
    return [(r.person, r.name, r.platforms, r.interactions, r.shares, r.replies, r.likes, r.score)
            for r in frame.itertuples()]  # fmt: skip


def test_evangelists_by_weight_recency_and_platforms_ties_by_key(con) -> None:
    assert ranked(con) == [
        ("x:bigvoice", "Big Voice", 1, 1, 1, 0, 0, 3.0),  # the August like is before the period
        ("instagram:asha.k", "Asha K", 1, 1, 1, 0, 0, 2.38),
        ("x:ravi", "Ravi", 1, 1, 0, 1, 0, 1.78),
        ("x:asha", "Asha K", 1, 2, 2, 0, 0, 1.28),  # "@asha" and "asha" are one handle
        ("x:kiran", "Kiran", 1, 1, 0, 0, 1, 0.89),
        ("x:meena", "Meena", 1, 1, 0, 0, 1, 0.89),
    ]
    row = evangelists(con, org(con), START, END).iloc[3]
    assert (row["first"], row["last"], list(row["amplified"]), list(row["handles"])) == (
        date(2026, 9, 10), date(2026, 10, 5), ["x1", "x2"], ["x:asha"]
    )  # fmt: skip


def test_two_handles_merged_are_one_person_and_split_are_two_again(con) -> None:
    assert suggestions(con, org(con)) == [[("instagram", "asha.k"), ("x", "asha")]]  # the same display name
    person = merge(con, org(con), [("x", "asha"), ("instagram", "asha.k")], "Asha Kulkarni", "test")
    assert ranked(con)[0] == (f"s{person}", "Asha Kulkarni", 2, 3, 3, 0, 0, 5.5)
    assert suggestions(con, org(con)) == []
    assert supporters(con, org(con)) == [(person, "Asha Kulkarni", ["instagram:asha.k", "x:asha"], False, None)]
    split(con, org(con), person)
    assert [r[0] for r in ranked(con)] == ["x:bigvoice", "instagram:asha.k", "x:ravi", "x:asha", "x:kiran", "x:meena"]
    assert supporters(con, org(con)) == []


def test_influencers_audience_times_weighted_interactions_with_the_audience_day(con) -> None:
    frame = influencers(con, org(con), START, END)
    # Big Voice shared once in the period (weight 3); the audience is the newest figure: 250,000 on 30 November.
    assert [
        (r.person, r.audience, r.audience_on, r.interactions, r.shares, r.influence) for r in frame.itertuples()
    ] == [("x:bigvoice", 250_000, date(2026, 11, 30), 1, 1, 750_000)]


def steps(con: duckdb.DuckDBPyConnection) -> dict[str, list[object]]:
    found = ladder(con, org(con), START, END).steps
    return {
        str(m): [None if pd.isna(n) else int(n) for n in found[found["month"] == m]["people"]]
        for m in sorted(set(found["month"]))
    }


def test_the_ladder_counts_and_movements_over_three_months(con) -> None:
    # No account figures imported: the follower step is unknown (None), never 0.
    assert steps(con) == {
        "2026-09-01": [None, 0, 1, 0, 0],  # x:asha shared
        "2026-10-01": [None, 0, 1, 0, 0],  # x:asha shared again (2 posts on one platform: not yet an evangelist)
        "2026-11-01": [None, 3, 2, 0, 0],  # ravi, meena, kiran engaged; asha.k and bigvoice shared
    }
    before = ladder(con, org(con), START, END)
    assert before.movement.to_dict("records") == [
        {"month": date(2026, 9, 1), "new": 1, "up": 0, "same": 0, "down": 0},
        {"month": date(2026, 10, 1), "new": 0, "up": 0, "same": 1, "down": 0},
        {"month": date(2026, 11, 1), "new": 5, "up": 0, "same": 0, "down": 0},
    ]

    person = merge(con, org(con), [("x", "asha"), ("instagram", "asha.k")], "Asha Kulkarni", "test")
    assert link_donor(con, org(con), person, "  asha@example.ORG") is True  # hashed as the donation file's
    after = ladder(con, org(con), START, END)
    # October: she gave (contributor). November: 3 posts shared on 2 platforms in 90 days (evangelist).
    assert steps(con)["2026-10-01"] == [None, 0, 0, 1, 0]
    assert steps(con)["2026-11-01"] == [None, 3, 1, 0, 1]
    assert after.movement.to_dict("records")[1:] == [
        {"month": date(2026, 10, 1), "new": 0, "up": 1, "same": 0, "down": 0},
        {"month": date(2026, 11, 1), "new": 4, "up": 1, "same": 0, "down": 0},
    ]
    # To thank: whoever climbed in November, highest first; new engagers are not listed, new amplifiers are.
    assert after.moved_up.to_dict("records") == [
        {"person": f"s{person}", "name": "Asha Kulkarni", "before": "contributor", "now": "evangelist"},
        {"person": "x:bigvoice", "name": "Big Voice", "before": "follower", "now": "amplifier"},
    ]
    assert "asha@example" not in str(con.execute("SELECT * FROM supporter").fetchall()).lower()


def test_a_volunteer_link_makes_a_contributor_from_the_time_log(con, tmp_path) -> None:
    log = tmp_path / "time_log.csv"
    log.write_text("date,person,platform,activity,minutes,campaign,note\n2026-09-20,Ravi Patil,X,engage,60,,\n")
    import_paths(con, [log], ORG)
    person = merge(con, org(con), [("x", "ravi")], "Ravi Patil", "test")  # one handle, confirmed who it is
    link_volunteer(con, org(con), person, "Ravi Patil")
    assert steps(con)["2026-09-01"] == [None, 0, 1, 1, 0]  # x:asha shared; Ravi volunteered


def test_an_erased_person_stays_erased_when_the_same_file_is_imported_again(con, tmp_path) -> None:
    removed = erase(con, org(con), "x:bigvoice")
    assert removed == 2
    assert "x:bigvoice" not in [r[0] for r in ranked(con)]
    assert con.execute("SELECT count(*) FROM interaction_observation WHERE person_handle = 'bigvoice'").fetchone() == (
        0,
    )
    assert "bigvoice" not in str(con.execute("SELECT * FROM supporter_erased").fetchall())  # only a hash is kept
    # Undo the file and import it again: a new batch, in which the erased person is not counted.
    (batch,) = con.execute("SELECT id FROM import_batch WHERE connector = 'interactions_template'").fetchone()
    undo_batch(con, batch)
    [again] = import_paths(con, [tmp_path / "interactions.csv"], ORG)
    assert (again.status, again.rows_new) == ("imported", 6)
    assert "x:bigvoice" not in [r[0] for r in ranked(con)]
    assert influencers(con, org(con), START, END).empty


def test_the_people_command(con, capsys) -> None:
    import json

    from impact.__main__ import main

    db = con.execute("SELECT path FROM duckdb_databases() WHERE database_name = current_database()").fetchone()[0]
    con.close()
    assert main(["people", "--org", ORG, "--from", "2026-09-01", "--to", "2026-11-30", "--json", "--db", db]) == 0
    found = json.loads(capsys.readouterr().out)
    assert [(p["person"], p["platforms"], p["shares"], p["score"]) for p in found][:2] == [
        ("Big Voice", ["x"], 1, 3.0), ("Asha K", ["instagram"], 1, 2.38)
    ]  # fmt: skip
    assert set(found[0]) == {"person", "key", "handles", "platforms", "interactions", "shares", "replies", "likes",
                             "posts", "first", "last", "score"}  # fmt: skip
    assert main(["people", "--org", "Nobody", "--db", db]) == 1
    assert capsys.readouterr().err == "There is no organisation called 'Nobody'.\n"


def test_an_interactions_file_of_its_own_imports_through_a_mapping(con, tmp_path, capsys) -> None:
    """A volunteer's own spreadsheet: the column mapping reads it into the same table, kinds classified."""
    from impact.__main__ import main

    sheet = tmp_path / "shares.csv"
    sheet.write_text(
        "When,Network,Who,Action,Link\n"
        "28/11/2026,Twitter,@ravi,Quote tweet,x3\n"
        "29/11/2026,LinkedIn,Sunita Rao,Reposted,li-7\n"
        "29/11/2026,Orkut,someone,liked,o-1\n",  # a platform nobody knows: the row is refused, with its reason
        encoding="utf-8",
    )
    db = con.execute("SELECT path FROM duckdb_databases() WHERE database_name = current_database()").fetchone()[0]
    con.close()
    columns = ["occurred_on=When", "row_platform=Network", "person_handle=Who", "kind=Action", "post_id=Link"]
    args = ["map", str(sheet), "--table", "interaction", "--platform", "x", "--org", ORG, "--db", db, "--json"]
    assert main([*args, *(a for c in columns for a in ("--column", c))]) == 0
    out = capsys.readouterr().out
    assert '"rows_new": 2' in out and '"rows_rejected": 1' in out
    again = connect(Path(db))
    rows = again.execute(
        "SELECT platform, person_handle, kind, occurred_on, post_id FROM interaction "
        "WHERE batch_id = (SELECT max(id) FROM import_batch) ORDER BY platform"
    ).fetchall()
    assert rows == [
        ("linkedin", "Sunita Rao", "share", date(2026, 11, 29), "li-7"),
        ("x", "ravi", "quote", date(2026, 11, 28), "x3"),
    ]
    again.close()
