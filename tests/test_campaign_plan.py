"""Campaigns from a CSV plan, edited, archived and given posts by hand: store functions, page and command line."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import duckdb
import pytest
from streamlit.testing.v1 import AppTest

from impact.campaigns.goals import (
    archive_campaign,
    archived_campaigns,
    campaign_posts,
    campaigns,
    candidate_posts,
    create_campaign,
    goal_targets,
    pick_post,
    remove_goal,
    restore_campaign,
    set_goal,
    unpick_post,
    update_campaign,
)
from impact.campaigns.plan import PLAN_TEMPLATE, PlanSummary, campaign_list, import_plan, read_plan
from impact.store.connection import open_store
from tests.conftest import store_state

REPO = Path(__file__).resolve().parents[1]
APP = str(REPO / "app.py")

GOOD_PLAN = (
    "name,starts,ends,description,hashtags,keywords,utm_campaign,outcomes,goal_shares,goal_donors,goal_hours\n"
    "Back to school 2026,2026-06-01,2026-06-30,Kits before June,#BackToSchool; #Kits,school kit,BTS2026,dates,"
    "2000,300,\n"
    "Winter camps,01/11/2026,15/12/2026,,#WinterCamps,,,named,,,40\n"
)


@pytest.fixture
def con(db: duckdb.DuckDBPyConnection) -> duckdb.DuckDBPyConnection:
    """One organisation with five posts on X in June 2026."""
    db.execute("INSERT INTO organisation (id, name) VALUES (1, 'Trust'), (2, 'Other')")
    db.execute("INSERT INTO account (id, organisation_id, platform, handle) VALUES (1, 1, 'x', 'trust')")
    posts = [
        ("1", "2026-06-01 09:00", "Kits for every child #BackToSchool", 1000),
        ("2", "2026-06-05 09:00", "Our river clean-up", 500),
        ("3", "2026-06-10 09:00", "Thank you, volunteers!\nSee you soon", 300),
        ("4", "2026-06-20 09:00", "#BackToSchool kits are out", 200),
        ("5", "2026-07-02 09:00", "#BackToSchool one more", 100),
    ]
    for post_id, published, text, impressions in posts:
        db.execute(
            """INSERT INTO post (batch_id, as_of, organisation_id, platform, post_id, account_id, published_at, text,
                                 impressions)
               VALUES (1, TIMESTAMP '2026-07-10', 1, 'x', ?, 1, ?, ?, ?)""",
            [post_id, published, text, impressions],
        )
    return db


def stored(con: duckdb.DuckDBPyConnection) -> list[tuple[object, ...]]:
    return con.execute(
        """SELECT name, starts, ends, description, hashtags, keywords, utm_campaign, outcomes_named_only
           FROM campaign WHERE organisation_id = 1 ORDER BY name"""
    ).fetchall()


def goals_of(con: duckdb.DuckDBPyConnection) -> list[tuple[object, ...]]:
    return con.execute(
        "SELECT c.name, g.metric, g.target FROM goal g JOIN campaign c ON c.id = g.campaign_id ORDER BY 1, 2"
    ).fetchall()


def test_a_good_plan_creates_two_campaigns_with_three_goals(con: duckdb.DuckDBPyConnection) -> None:
    assert import_plan(con, 1, GOOD_PLAN.encode()) == PlanSummary(created=2, updated=0, goals=3)
    assert stored(con) == [
        ("Back to school 2026", date(2026, 6, 1), date(2026, 6, 30), "Kits before June",
         ["#backtoschool", "#kits"], ["school kit"], "bts2026", False),
        ("Winter camps", date(2026, 11, 1), date(2026, 12, 15), "", ["#wintercamps"], [], None, True),
    ]  # fmt: skip
    assert goals_of(con) == [
        ("Back to school 2026", "donors", 300.0),
        ("Back to school 2026", "shares", 2000.0),
        ("Winter camps", "hours", 40.0),
    ]


def test_importing_again_updates_by_name_and_never_duplicates(con: duckdb.DuckDBPyConnection) -> None:
    import_plan(con, 1, GOOD_PLAN.encode())
    (first_id,) = con.execute("SELECT id FROM campaign WHERE name = 'Back to school 2026'").fetchone()
    changed = (
        "name,starts,ends,goal_shares,goal_posts\n"
        'back to school 2026,2026-06-02,2026-07-05,"2,500",80\n'  # another case: the same campaign
        "Winter camps,2026-11-01,2026-12-15,,\n"
    )
    assert import_plan(con, 1, changed.encode()) == PlanSummary(created=0, updated=2, goals=2)
    assert con.execute("SELECT count(*) FROM campaign").fetchone() == (2,)
    assert con.execute("SELECT id, name, starts, ends FROM campaign WHERE id = ?", [first_id]).fetchone() == (
        first_id, "back to school 2026", date(2026, 6, 2), date(2026, 7, 5),
    )  # fmt: skip
    # Goals the plan names are replaced; the others are kept.
    assert goals_of(con) == [
        ("Winter camps", "hours", 40.0),
        ("back to school 2026", "donors", 300.0),
        ("back to school 2026", "posts", 80.0),
        ("back to school 2026", "shares", 2500.0),
    ]


def test_a_bad_date_on_row_3_names_the_row_and_stores_nothing(con: duckdb.DuckDBPyConnection) -> None:
    import_plan(con, 1, GOOD_PLAN.encode())
    before = store_state(con)
    plan = GOOD_PLAN + "Diwali appeal,2026-10-15,31/13/2026,,,,,,10,,\n"
    with pytest.raises(ValueError) as error:
        import_plan(con, 1, plan.encode())
    assert str(error.value) == (
        "row 3 (Diwali appeal): 'ends' is '31/13/2026', not a date (write 2026-06-30 or 30/06/2026)"
    )
    assert store_state(con) == before


@pytest.mark.parametrize(
    ("plan", "problem"),
    [
        ("name,starts\nA,2026-01-01\n", "the column 'ends' is missing (the plan needs name, starts and ends)"),
        ("name,starts,ends,goal_likes\nA,2026-01-01,2026-01-02,5\n", "unknown column 'goal_likes'"),
        (
            "name,starts,ends\nA,2026-02-01,2026-01-02\n",
            "row 1 (A): it ends (2026-01-02) before it starts (2026-02-01)",
        ),
        ("name,starts,ends,outcomes\nA,2026-01-01,2026-01-02,utm\n", "row 1 (A): 'outcomes' is 'utm'"),
        ("name,starts,ends,goal_posts\nA,2026-01-01,2026-01-02,-5\n", "row 1 (A): 'goal_posts' must be a number"),
        ("name,starts,ends,goal_posts\nA,2026-01-01,2026-01-02,lots\n", "row 1 (A): 'goal_posts' is 'lots'"),
        ("name,starts,ends\nA,2026-01-01,2026-01-02\n a ,2026-01-01,2026-01-02\n", "row 2 (a): the campaign 'a'"),
        ("name,starts,ends\n,2026-01-01,2026-01-02\n", "row 1: the name is empty"),
        ("name,starts,ends\n", "the plan has a header but no campaign under it"),
        ("", "the plan is empty"),
    ],
)
def test_bad_plans_are_refused_with_a_sentence(con: duckdb.DuckDBPyConnection, plan: str, problem: str) -> None:
    with pytest.raises(ValueError, match="^" + problem.replace("(", r"\(").replace(")", r"\)")):
        import_plan(con, 1, plan.encode())
    assert con.execute("SELECT count(*) FROM campaign").fetchone() == (0,)


def test_byte_order_mark_windows_1252_and_semicolons_are_read(con: duckdb.DuckDBPyConnection) -> None:
    with_bom = "\ufeffname,starts,ends\nCafé ☕,2026-06-01,2026-06-30\n".encode()
    windows = "name;starts;ends;hashtags\nSoirée – ½ price;01/06/2026;30/06/2026;#Soirée, #Fête\n".encode("cp1252")
    assert import_plan(con, 1, with_bom) == PlanSummary(1, 0, 0)
    assert import_plan(con, 1, windows) == PlanSummary(1, 0, 0)
    assert con.execute("SELECT name, hashtags FROM campaign ORDER BY id").fetchall() == [
        ("Café ☕", []),
        ("Soirée – ½ price", ["#soirée", "#fête"]),
    ]


def test_hostile_text_is_stored_as_typed_and_limits_hold(con: duckdb.DuckDBPyConnection) -> None:
    formula = "=cmd|' /C calc'!A0"
    plan = (
        "name,starts,ends,description\n"
        f'"{formula.replace(chr(34), chr(34) * 2)}",2026-06-01,2026-06-30,"<script>alert(1)</script> ""quoted"" 🎒"\n'
        '"+SUM(A1)",2026-06-01,2026-06-30,@here\n'
    )
    import_plan(con, 1, plan.encode())
    assert con.execute("SELECT name, description FROM campaign ORDER BY id").fetchall() == [
        (formula, '<script>alert(1)</script> "quoted" 🎒'),
        ("+SUM(A1)", "@here"),
    ]
    long_text = "x" * 5000
    with pytest.raises(ValueError, match=r"^row 1 \(A\): the description is 5,000 characters long; at most 2,000$"):
        import_plan(con, 1, f"name,starts,ends,description\nA,2026-06-01,2026-06-30,{long_text}\n".encode())
    with pytest.raises(ValueError, match=r"^row 1 \(x{40}\): the name is 5,000 characters long; at most 120$"):
        import_plan(con, 1, f"name,starts,ends\n{long_text},2026-06-01,2026-06-30\n".encode())
    many = "name,starts,ends\n" + "".join(f"C{i},2026-06-01,2026-06-30\n" for i in range(501))
    with pytest.raises(ValueError, match="^the plan has 501 rows; at most 500$"):
        import_plan(con, 1, many.encode())
    with pytest.raises(ValueError, match=r"^the plan is 1,000,001 bytes; at most 1,000,000 \(1 MB\)$"):
        import_plan(con, 1, b"x" * 1_000_001)
    assert con.execute("SELECT count(*) FROM campaign").fetchone() == (2,)


def test_the_template_imports_and_the_list_reads_back_as_a_plan(con: duckdb.DuckDBPyConnection) -> None:
    assert [p.goals for p in read_plan(PLAN_TEMPLATE.encode())] == [{"posts": 80.0, "shares": 2000.0, "donors": 300.0}]
    import_plan(con, 1, GOOD_PLAN.encode())
    listed = campaign_list(con, 1)
    again = listed.drop(columns=["archived"]).to_csv(index=False).encode()
    before = store_state(con)
    assert import_plan(con, 1, again) == PlanSummary(created=0, updated=2, goals=3)
    assert store_state(con) == before  # reading the list back changes nothing
    assert listed[["name", "starts", "outcomes", "goal_shares", "goal_hours"]].values.tolist() == [
        ["Back to school 2026", "2026-06-01", "dates", "2000", ""],
        ["Winter camps", "2026-11-01", "named", "", "40"],
    ]


def test_candidates_are_the_uncaught_posts_and_picks_can_be_undone(con: duckdb.DuckDBPyConnection) -> None:
    campaign_id = create_campaign(
        con, 1, "Back to school", date(2026, 6, 1), date(2026, 6, 30), hashtags=["#BackToSchool"]
    )
    candidates = candidate_posts(con, campaign_id)
    # Posts 1 and 4 carry the hashtag; post 5 is after the campaign. Newest first.
    assert candidates[["post_id", "text", "impressions"]].values.tolist() == [
        ["3", "Thank you, volunteers!\nSee you soon", 300],
        ["2", "Our river clean-up", 500],
    ]
    pick_post(con, campaign_id, "x", "3")
    assert candidate_posts(con, campaign_id)["post_id"].tolist() == ["2"]
    assert campaign_posts(con, campaign_id)[["post_id", "caught_by"]].values.tolist() == [
        ["1", "hashtag"], ["3", "picked by hand"], ["4", "hashtag"],
    ]  # fmt: skip
    unpick_post(con, campaign_id, "x", "3")
    assert campaign_posts(con, campaign_id)["post_id"].tolist() == ["1", "4"]
    assert candidate_posts(con, campaign_id)["post_id"].tolist() == ["3", "2"]


def test_changing_the_dates_changes_the_posts_caught(con: duckdb.DuckDBPyConnection) -> None:
    campaign_id = create_campaign(
        con, 1, "Back to school", date(2026, 6, 1), date(2026, 6, 30), hashtags=["#BackToSchool"]
    )
    assert campaign_posts(con, campaign_id)["post_id"].tolist() == ["1", "4"]
    update_campaign(
        con, campaign_id, "Back to school", date(2026, 6, 15), date(2026, 7, 31), hashtags=["#BackToSchool"]
    )
    assert campaign_posts(con, campaign_id)["post_id"].tolist() == ["4", "5"]
    with pytest.raises(ValueError, match="cannot end before it starts"):
        update_campaign(con, campaign_id, "Back to school", date(2026, 6, 15), date(2026, 6, 1))


def test_archive_restore_and_remove_a_goal(con: duckdb.DuckDBPyConnection) -> None:
    campaign_id = create_campaign(con, 1, "Back to school", date(2026, 6, 1), date(2026, 6, 30))
    set_goal(con, campaign_id, "posts", 10)
    set_goal(con, campaign_id, "donors", 50)
    remove_goal(con, campaign_id, "posts")
    assert goal_targets(con, campaign_id) == {"donors": 50.0}
    archive_campaign(con, campaign_id)
    assert campaigns(con, 1).empty
    assert archived_campaigns(con, 1)[["id", "name"]].values.tolist() == [[campaign_id, "Back to school"]]
    restore_campaign(con, campaign_id)
    assert campaigns(con, 1)["id"].tolist() == [campaign_id]
    assert archived_campaigns(con, 1).empty
    assert goal_targets(con, campaign_id) == {"donors": 50.0}


def test_edit_a_campaign_in_the_edit_tab_then_archive_it(sample_copy: Path) -> None:
    with open_store(sample_copy) as con:
        (campaign_id,) = con.execute("SELECT id FROM campaign WHERE name = 'Back to school 2026'").fetchone()
    at = AppTest.from_file(APP, default_timeout=60)
    at.session_state["organisation"] = "Pune Education Trust"
    at.session_state["campaign_tab"] = "Posts"  # only the open tab runs
    at.switch_page("pages/campaigns/campaigns.py")
    at.run()
    assert not at.exception
    # Pick the newest post no rule caught, by hand, then take it back out.
    posts = next(t for t in at.tabs if t.label == "Posts")
    with open_store(sample_copy) as con:
        newest = candidate_posts(con, campaign_id).iloc[0]
    posts.multiselect[0].select((newest["platform"], newest["post_id"])).run()
    next(b for b in at.button if b.label == "Add to campaign").click().run()
    assert not at.exception
    with open_store(sample_copy) as con:
        picked = con.execute("SELECT platform, post_id FROM campaign_post WHERE campaign_id = ?", [campaign_id])
        assert picked.fetchall() == [(newest["platform"], newest["post_id"])]
    assert [s.value for s in at.success] == ["Added 1 post to the campaign\\."]
    next(b for b in at.button if b.label == "Remove from campaign").click().run()
    with open_store(sample_copy) as con:
        assert con.execute("SELECT count(*) FROM campaign_post").fetchone() == (0,)

    at.session_state["campaign_tab"] = "Edit"
    at.run()
    edit = next(t for t in at.tabs if t.label == "Edit")
    name_box = next(t for t in edit.text_input if t.label == "Campaign name")
    assert name_box.value == "Back to school 2026"
    name_box.input("Back to school 2026 <b>kits</b> 🎒")
    next(b for b in edit.button if b.label == "Save changes").click().run()
    assert not at.exception
    with open_store(sample_copy) as con:
        assert con.execute("SELECT name FROM campaign WHERE id = ?", [campaign_id]).fetchone() == (
            "Back to school 2026 <b>kits</b> 🎒",
        )
    assert [s.value for s in at.success] == ["Saved the campaign's changes\\."]

    edit = next(t for t in at.tabs if t.label == "Edit")
    next(c for c in edit.checkbox if c.label.startswith("Yes, archive")).check().run()
    edit = next(t for t in at.tabs if t.label == "Edit")
    next(b for b in edit.button if b.label == "Archive campaign").click().run()
    assert not at.exception
    with open_store(sample_copy) as con:
        assert con.execute("SELECT archived FROM campaign WHERE id = ?", [campaign_id]).fetchone() == (True,)
    # The archived campaign leaves the list; the page shows another one and offers the archived one back.
    assert at.selectbox(key="campaign").options == ["Exam ready 2026"]
    next(b for b in at.button if b.label == "Restore").click().run()
    assert not at.exception
    with open_store(sample_copy) as con:
        assert con.execute("SELECT archived FROM campaign WHERE id = ?", [campaign_id]).fetchone() == (False,)
    assert at.selectbox(key="campaign").value == campaign_id


def run_cli(*args: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "impact", *map(str, args)], cwd=REPO, capture_output=True, text=True, timeout=120
    )


def test_the_command_line_imports_and_lists_a_plan(tmp_path: Path) -> None:
    store = tmp_path / "cli.duckdb"
    with open_store(store) as con:
        con.execute("INSERT INTO organisation (name) VALUES ('Trust')")
    plan = tmp_path / "plan.csv"
    plan.write_text(GOOD_PLAN, encoding="utf-8")
    done = run_cli("campaigns", "import", plan, "--org", "Trust", "--db", store)
    assert (done.returncode, done.stdout, done.stderr) == (
        0, "plan.csv: 2 campaigns created, 0 updated, 3 goals set.\n", "",
    )  # fmt: skip
    listed = run_cli("campaigns", "list", "--org", "Trust", "--db", store)
    assert (listed.returncode, listed.stderr) == (0, "")
    # A table: a header, then a line per campaign, its name and dates first.
    header, *lines = listed.stdout.splitlines()
    assert header.split()[:4] == ["name", "starts", "ends", "description"]
    assert [line.split()[:6] for line in lines] == [
        ["Back", "to", "school", "2026", "2026-06-01", "2026-06-30"],
        ["Winter", "camps", "2026-11-01", "2026-12-15", "#wintercamps", "named"],
    ]
    as_json = run_cli("campaigns", "list", "--org", "Trust", "--db", store, "--json")
    assert as_json.returncode == 0
    assert [{k: v for k, v in c.items() if v != ""} for c in json.loads(as_json.stdout)] == [
        {"name": "Back to school 2026", "starts": "2026-06-01", "ends": "2026-06-30", "description": "Kits before June",
         "hashtags": "#backtoschool; #kits", "keywords": "school kit", "utm_campaign": "bts2026", "outcomes": "dates",
         "goal_shares": "2000", "goal_donors": "300", "archived": False},
        {"name": "Winter camps", "starts": "2026-11-01", "ends": "2026-12-15", "hashtags": "#wintercamps",
         "outcomes": "named", "goal_hours": "40", "archived": False},
    ]  # fmt: skip

    bad = tmp_path / "bad.csv"
    bad.write_text("name,starts,ends\nNew one,2026-01-01,someday\n", encoding="utf-8")
    refused = run_cli("campaigns", "import", bad, "--org", "Trust", "--db", store)
    assert (refused.returncode, refused.stdout) == (2, "")
    assert refused.stderr == (
        "bad.csv: row 1 (New one): 'ends' is 'someday', not a date (write 2026-06-30 or 30/06/2026)\n"
    )
    with open_store(store) as con:
        assert con.execute("SELECT count(*) FROM campaign").fetchone() == (2,)
    unknown = run_cli("campaigns", "list", "--org", "Nobody", "--db", store)
    assert (unknown.returncode, unknown.stderr) == (1, "No organisation called 'Nobody'.\n")
