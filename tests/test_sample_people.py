"""The demo's People story: Pune Education Trust's interactions file (sample_data/pune-education-trust/
interactions_2025-12-01_2026-11-25.csv), kept by a volunteer from the platforms' notifications.

Two evangelists share the Trust's posts again and again all year, each on two platforms under one display
name (Vasanti Apte, a retired teacher: X and Instagram; Nilesh Bhosale, a parent volunteer: Facebook and X),
so the People page suggests merging them, and confirming puts them clearly first; a city education news
account (Pune Shala Times, 182,400 followers) retweeted one post once, in the back-to-school drive; a dozen
others like and comment now and then, and someone moves up the ladder in November 2026. The figures are the
People page's over the period the story holds, 1 Dec 2025 - 25 Nov 2026, and the generated README's.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import duckdb
import pytest
from streamlit.testing.v1 import AppTest

from impact.definitions.sql import LOCAL_DAY, organisation_timezone
from impact.sample import SAMPLE_DIR
from impact.store.connection import open_store
from impact.store.orgs import organisation_id
from impact.supporters import interactions_between
from impact.supporters.identity import handles, merge, suggestions
from impact.supporters.ladder import ladder
from impact.supporters.ranking import evangelists, influencers

PUNE = "Pune Education Trust"
FILE = "interactions_2025-12-01_2026-11-25.csv"
START, END = date(2025, 12, 1), date(2026, 11, 25)
APP = str(Path(__file__).resolve().parent.parent / "app.py")
EVANGELISTS = {"Vasanti Apte": ["instagram:vasanti.apte", "x:vasanti_teaches"],
               "Nilesh Bhosale": ["facebook:nilesh.bhosale.75", "x:NileshBhosale_"]}  # fmt: skip
TOP_POST = "2061803422135526021"  # X: Day 6 of #BackToSchoolPune, 2 June 2026, the year's most seen X post
COLUMNS = ["person", "name", "platforms", "interactions", "shares", "replies", "likes", "score"]


def copy_of(sample_store: Path, folder: Path) -> Path:
    path = folder / "sample.duckdb"
    shutil.copy(sample_store, path)
    return path


@pytest.fixture(scope="module")
def con(sample_store: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[duckdb.DuckDBPyConnection]:
    """One copy of the loaded demo, as imported (no merge confirmed), read by the tests here."""
    with open_store(copy_of(sample_store, tmp_path_factory.mktemp("sample_people"))) as connection:
        yield connection


@pytest.fixture(scope="module")
def merged(sample_store: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[duckdb.DuckDBPyConnection]:
    """Another copy, with both suggested merges confirmed under the handles' display name."""
    with open_store(copy_of(sample_store, tmp_path_factory.mktemp("sample_people_merged"))) as connection:
        org = pune(connection)
        names = {(platform, handle): name for platform, handle, name, _ in handles(connection, org)}
        for suggestion in suggestions(connection, org):
            merge(connection, org, suggestion, str(names[suggestion[0]]), "test")
        yield connection


def pune(con: duckdb.DuckDBPyConnection) -> int:
    org = organisation_id(con, PUNE)
    assert org is not None
    return org


def rows(frame, columns: list[str], n: int) -> list[tuple[object, ...]]:
    return [tuple(row) for row in frame[columns].head(n).itertuples(index=False)]


def test_the_volunteers_file_is_imported_whole_and_every_line_is_on_a_post_of_that_day_or_before(con) -> None:
    org = pune(con)
    assert con.execute(
        "SELECT connector, status, rows_read, rows_new, rows_rejected FROM import_batch "
        "WHERE organisation_id = ? AND source_name = ?",
        [org, FILE],
    ).fetchall() == [("interactions_template", "imported", 629, 629, 0)]
    # Only Pune keeps such a sheet.
    assert con.execute("SELECT DISTINCT organisation_id FROM interaction").fetchall() == [(org,)]
    # "Twitter", "FB" and "Insta" are X, Facebook and Instagram; retweets, reposts and stories are shares.
    assert con.execute(
        "SELECT platform, kind, count(*) FROM interaction WHERE organisation_id = ? GROUP BY ALL ORDER BY ALL", [org]
    ).fetchall() == [
        ("facebook", "comment", 15),
        ("facebook", "like", 141),
        ("facebook", "share", 68),
        ("instagram", "comment", 53),
        ("instagram", "like", 64),
        ("instagram", "share", 35),
        ("x", "comment", 61),
        ("x", "like", 112),
        ("x", "share", 80),
    ]
    frame = con.execute(
        f"""SELECT i.day, p.local_day, p.url
            FROM {interactions_between()} i
            LEFT JOIN (SELECT platform, post_id, url, {LOCAL_DAY} AS local_day FROM post WHERE organisation_id = $org) p
                 USING (platform, post_id)""",
        {"org": org, "tz": organisation_timezone(con, org), "start": START, "end": END},
    ).df()
    assert len(frame) == 629
    assert frame["url"].notna().all()  # every post id is one of the Trust's posts on that platform: linked, dated
    assert (frame["day"] >= frame["local_day"]).all()  # noted on the post's day or after
    assert frame["day"].min().date() >= START and frame["day"].max().date() <= END


def test_each_handle_a_person_of_its_own_the_evangelists_handles_lead(con) -> None:
    ranked = evangelists(con, pune(con), START, END)
    assert len(ranked) == 19  # 17 people on 19 handles
    assert rows(ranked, COLUMNS, 4) == [
        ("x:vasanti_teaches", "Vasanti Apte", 1, 99, 62, 0, 37, 20.69),
        ("facebook:nilesh.bhosale.75", "Nilesh Bhosale", 1, 82, 53, 0, 29, 14.25),
        ("x:NileshBhosale_", "Nilesh Bhosale", 1, 57, 0, 46, 11, 13.24),
        ("instagram:vasanti.apte", "Vasanti Apte", 1, 69, 24, 45, 0, 7.13),
    ]


def test_the_page_suggests_merging_the_two_evangelists_and_nobody_else(con) -> None:
    assert suggestions(con, pune(con)) == [
        [("facebook", "nilesh.bhosale.75"), ("x", "NileshBhosale_")],
        [("instagram", "vasanti.apte"), ("x", "vasanti_teaches")],
    ]


def test_confirmed_the_two_evangelists_are_clearly_first(merged) -> None:
    ranked = evangelists(merged, pune(merged), START, END)
    assert [(r.name, list(r.handles)) for r in ranked.head(2).itertuples()] == [
        ("Vasanti Apte", EVANGELISTS["Vasanti Apte"]),
        ("Nilesh Bhosale", EVANGELISTS["Nilesh Bhosale"]),
    ]
    assert rows(ranked, COLUMNS[1:], 3) == [
        ("Vasanti Apte", 2, 168, 86, 45, 37, 41.73),  # (99 + 69 interactions) x 1.5 for the second platform
        ("Nilesh Bhosale", 2, 139, 53, 46, 40, 41.24),
        ("Meenal Deshmukh", 1, 30, 1, 0, 29, 4.91),  # the next: likes all year, one share in November
    ]
    assert ranked["person"][2] == "facebook:meenal.deshmukh"
    assert len(ranked) == 17
    assert suggestions(merged, pune(merged)) == []


def test_the_influencer_shared_once_and_its_audience_makes_it_first(con, merged) -> None:
    found = influencers(con, pune(con), START, END)
    columns = ["person", "name", "audience", "audience_on", "interactions", "shares", "influence"]
    assert rows(found, columns, 2) == [
        ("x:PuneShalaTimes", "Pune Shala Times", 182_400, date(2026, 6, 2), 1, 1, 182_400 * 3),
        ("x:vasanti_teaches", "Vasanti Apte", 860, date(2026, 11, 20), 99, 62, 860 * 223),
    ]
    # What it shared: the back-to-school drive's most seen X post, on the day it was posted.
    ranked = evangelists(con, pune(con), START, END).set_index("person")
    assert list(ranked.loc["x:PuneShalaTimes", "amplified"]) == [f"https://x.com/PuneEduTrust/status/{TOP_POST}"]
    assert (ranked.loc["x:PuneShalaTimes", "first"], ranked.loc["x:PuneShalaTimes", "score"]) == (
        date(2026, 6, 2),
        0.05,  # as an evangelist, one share 176 days before the period's end: 3 x 0.5^(176/30)
    )
    post = con.execute(
        "SELECT text LIKE '%#BackToSchoolPune%', published_at FROM post WHERE platform = 'x' AND post_id = ?",
        [TOP_POST],
    ).fetchone()
    assert post is not None and post[0] and post[1].date() == date(2026, 6, 2)
    # Merged, Vasanti Apte's audience (her X followers) weighs her Instagram too, and is still second.
    again = influencers(merged, pune(merged), START, END)
    assert list(again["name"].head(3)) == ["Pune Shala Times", "Vasanti Apte", "Nilesh Bhosale"]
    assert list(again["influence"].head(3)) == [547_200, 331_100, 90_792]


def test_the_ladder_has_engagers_and_amplifiers_every_month_and_people_moved_up_in_november(con) -> None:
    climbed = ladder(con, pune(con), START, END)
    wide = climbed.steps.pivot(index="month", columns="step", values="people")
    assert [f"{m:%Y-%m}" for m in wide.index] == [
        f"{y}-{m:02d}" for y, m in [(2025, 12), *((2026, m) for m in range(1, 12))]
    ]
    assert (wide["engager"] > 0).all() and (wide["amplifier"] > 0).all()
    assert list(wide["engager"]) == [6, 6, 7, 8, 6, 8, 5, 8, 12, 10, 5, 11]
    assert list(wide["amplifier"]) == [4, 3, 5, 4, 4, 3, 11, 1, 1, 3, 2, 3]  # the most in the back-to-school drive
    assert list(wide["evangelist"]) == [1, 3, 3, 3, 3, 3, 3, 3, 3, 2, 3, 2]
    assert climbed.moved_up.to_dict("records") == [
        {"person": "facebook:asif.shaikh.pune", "name": "Asif Shaikh", "before": "follower", "now": "amplifier"},
        {"person": "facebook:meenal.deshmukh", "name": "Meenal Deshmukh", "before": "engager", "now": "amplifier"},
        {"person": "x:tejaswagh", "name": "Tejas Wagh", "before": "follower", "now": "amplifier"},
    ]
    # More during the campaigns, fewest in the bad month (October 2026: staff away, few posts).
    by_month = dict(
        con.execute(
            "SELECT strftime(occurred_on, '%Y-%m'), count(*) FROM interaction WHERE organisation_id = ? GROUP BY 1",
            [pune(con)],
        ).fetchall()
    )
    assert max(by_month, key=by_month.get) == "2026-06" and min(by_month, key=by_month.get) == "2026-10"
    assert (by_month["2026-06"], by_month["2026-10"]) == (199, 12)


def test_the_readme_tells_what_the_people_page_shows() -> None:
    text = (SAMPLE_DIR / "README.md").read_text(encoding="utf-8")
    section = text.split(f"## {PUNE} (")[1].split("\n## ")[0]
    assert f"| `{FILE}` (Pune only) |" in text
    assert "- The sheet: 629 interactions (shares, replies and comments, likes) by 17 people on 19 handles" in section
    assert (
        "- Evangelist scores, every handle a person of its own: X @vasanti_teaches (Vasanti Apte) 20.69, Facebook "
        "nilesh.bhosale.75 (Nilesh Bhosale) 14.25, X @NileshBhosale_ (Nilesh Bhosale) 13.24.\n" in section
    )
    assert (
        "- Once both suggested merges are confirmed: Vasanti Apte 41.73 (2 platforms, 168 interactions, 86 shares), "
        "Nilesh Bhosale 41.24 (2 platforms, 139 interactions, 53 shares), Facebook meenal.deshmukh (Meenal Deshmukh) "
        "4.91.\n" in section
    )
    assert (
        f"retweeted the #BackToSchoolPune post {TOP_POST} of 2026-06-02 (the top X post above), the day it was posted."
        in section
    )
    assert "Influence 182,400 × 3 = 547,200, the first of the influencers" in section
    assert "(860 followers × 223 weighted interactions = 191,780; 331,100 once merged)" in section
    assert (
        "Moved up in November 2026, the people to thank: Asif Shaikh (Facebook asif.shaikh.pune), follower → "
        "amplifier; Meenal Deshmukh (Facebook meenal.deshmukh), engager → amplifier; Tejas Wagh (X @tejaswagh), "
        "follower → amplifier.\n" in section
    )


def test_the_people_page_shows_the_story_and_a_click_merges_an_evangelist(sample_copy: Path) -> None:
    at = AppTest.from_file(APP, default_timeout=60)
    at.session_state["organisation"] = PUNE
    at.session_state["period"] = "Custom"
    at.session_state["custom_period"] = (START, END)
    at.switch_page("pages/people/people.py")
    at.run()
    assert not at.exception
    assert [(m.label, m.value) for m in at.metric] == [
        ("People who interacted", "19"),
        ("Of them, shared", "16"),  # all but Nilesh Bhosale on X, Lata Pawar and Neha Gaikwad
        ("Interactions", "629"),
    ]
    ranked = at.dataframe[0].value
    assert list(ranked["Person"].head(3)) == ["Vasanti Apte", "Nilesh Bhosale", "Nilesh Bhosale"]
    assert list(at.dataframe[1].value["Influence"].head(1)) == [547_200]
    assert list(at.dataframe[3].value["Person"]) == ["Asif Shaikh", "Meenal Deshmukh", "Tejas Wagh"]
    buttons = [b for b in at.button if (b.key or "").startswith("suggestion_")]
    assert len(buttons) == 2
    buttons[1].click().run()  # Vasanti Apte on Instagram and X
    assert not at.exception
    assert [s.value for s in at.success] == ["Vasanti Apte is now one person across 2 handles\\."]
    ranked = at.dataframe[0].value
    assert (ranked["Person"][0], ranked["Platforms"][0], ranked["Score"][0]) == ("Vasanti Apte", 2, 41.73)


def test_a_campaigns_rankings_count_only_its_posts_in_its_days(con) -> None:
    """Back to school 2026 (25 May - 30 June, counted to 30 July): the news account's one share is in it."""
    from impact.campaigns.goals import campaign_posts, campaigns
    from impact.supporters.screen import people_screen

    org = pune(con)
    listed = campaigns(con, org)
    [back] = [int(i) for i, n in zip(listed["id"], listed["name"], strict=True) if n == "Back to school 2026"]
    screen = people_screen(con, org, START, END, back)
    assert (screen.ranked_from, screen.ranked_to) == (date(2026, 5, 25), date(2026, 7, 30))
    caught = {f"{p} {i}" for p, i in zip(*(campaign_posts(con, back)[c] for c in ("platform", "post_id")), strict=True)}
    # Counted another way: the interactions file's and pulls' rows on a caught post, on a day of the window.
    everything = con.execute(
        f"SELECT platform || ' ' || post_id, day FROM {interactions_between(whole_history=True)}",
        {"org": org, "tz": organisation_timezone(con, org)},
    ).fetchall()
    expected = sum(1 for key, day in everything if key in caught and date(2026, 5, 25) <= day <= date(2026, 7, 30))
    assert screen.interactions == expected > 0
    top = screen.influencers.iloc[0]
    assert (top["person"], top["audience"], top["shares"], top["influence"]) == (
        "x:PuneShalaTimes",
        182_400,
        1,
        547_200,
    )
    assert set(screen.evangelists["name"][:2]) == set(EVANGELISTS)  # the two evangelists lead here too
