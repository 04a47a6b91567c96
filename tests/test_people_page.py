"""The People page (AppTest): the rankings and ladder of test_supporters' store, who is who, erasure, roles."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest
from test_roles_edit_pages import viewer
from test_served_mode import pages_of
from test_supporters import LINES, ORG, RAZORPAY

from impact.auth import Person
from impact.store.connection import open_store
from impact.store.ingest import import_paths
from impact.store.orgs import ensure_organisation
from pages.ui import gate

APP = str(Path(__file__).resolve().parent.parent / "app.py")
PAGE = "pages/people/people.py"
PERIOD = (date(2026, 9, 1), date(2026, 11, 30))


@pytest.fixture
def store(tmp_path: Path, migrated_store: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "people.duckdb"
    shutil.copy(migrated_store, path)
    (tmp_path / "interactions.csv").write_text(LINES, encoding="utf-8")
    (tmp_path / "payments.csv").write_text(RAZORPAY, encoding="utf-8")
    with open_store(path) as con:
        ensure_organisation(con, ORG, timezone="Asia/Kolkata")
        import_paths(con, [tmp_path / "interactions.csv", tmp_path / "payments.csv"], ORG)
    monkeypatch.setenv("IMPACT_DB", str(path))
    return path


def page(monkeypatch: pytest.MonkeyPatch, who: Person | None = None) -> AppTest:
    if who is not None:
        monkeypatch.setattr(gate, "who_is_here", lambda: who)
    at = AppTest.from_file(APP, default_timeout=60)
    at.session_state["organisation"] = ORG
    at.session_state["period"] = "Custom"
    at.session_state["custom_period"] = PERIOD
    at.switch_page(PAGE)
    return at.run()


def suggested(at: AppTest) -> list[object]:
    """The Confirm buttons of the suggestions (not the forms' own buttons)."""
    return [b for b in at.button if (b.key or "").startswith("suggestion_")]


def test_the_rankings_and_the_ladder(store: Path, monkeypatch) -> None:
    at = page(monkeypatch)
    assert not at.exception
    assert [(m.label, m.value) for m in at.metric] == [
        ("People who interacted", "6"),
        ("Of them, shared", "3"),
        ("Interactions", "7"),
    ]
    ranked = at.dataframe[0].value
    assert list(ranked["Person"]) == ["Big Voice", "Asha K", "Ravi", "Asha K", "Kiran", "Meena"]
    assert list(ranked["Score"]) == [3.0, 2.38, 1.78, 1.28, 0.89, 0.89]
    influencers = at.dataframe[1].value
    assert list(influencers["Influence"]) == [750_000]
    ladder = at.dataframe[2].value
    assert list(ladder.index) == ["Sep 2026", "Oct 2026", "Nov 2026"]
    assert list(ladder["Amplifiers"]) == [1, 1, 2] and list(ladder["New"]) == [1, 0, 5]
    thanks = at.dataframe[3].value
    assert thanks.to_dict("records") == [
        {"Person": "Asha K", "From": "follower", "To": "amplifier"},
        {"Person": "Big Voice", "From": "follower", "To": "amplifier"},
    ]
    assert len(suggested(at)) == 1  # the one suggestion: Asha K on X and Instagram


def test_confirming_a_suggestion_merges_and_the_ranking_follows(store: Path, monkeypatch) -> None:
    at = page(monkeypatch)
    suggested(at)[0].click().run()
    assert not at.exception
    assert [s.value for s in at.success] == ["Asha K is now one person across 2 handles\\."]
    ranked = at.dataframe[0].value
    assert (ranked["Person"][0], ranked["Platforms"][0], ranked["Score"][0]) == ("Asha K", 2, 5.5)
    assert suggested(at) == []  # nothing left to suggest


def test_erasing_a_person_takes_them_off_every_list(store: Path, monkeypatch) -> None:
    at = page(monkeypatch)
    [person] = [s for s in at.selectbox if s.label == "Person"]
    person.set_value("x:bigvoice")
    at.checkbox[0].check()
    [erase] = [b for b in at.button if b.label == "Erase"]
    erase.click().run()
    assert not at.exception
    assert [s.value for s in at.success] == ["Erased\\: 2 interactions and mentions no longer name them\\."]
    assert "Big Voice" not in list(at.dataframe[0].value["Person"])


def test_a_viewer_sees_the_lists_without_who_is_who(store: Path, monkeypatch) -> None:
    with open_store(store) as con:
        org = ensure_organisation(con, ORG)
    at = page(monkeypatch, viewer(org))
    assert not at.exception
    assert len(at.dataframe) == 4 and not [b for b in at.button if b.label in ("Confirm", "Erase")]
    assert "Only editors of this organisation can confirm who is who or erase a person." in [
        c.value for c in at.caption
    ]
    assert "people" in pages_of(at)


def test_the_page_says_how_to_get_people_when_nobody_is_named(
    tmp_path: Path, migrated_store: Path, monkeypatch
) -> None:
    path = tmp_path / "empty.duckdb"
    shutil.copy(migrated_store, path)
    with open_store(path) as con:
        ensure_organisation(con, ORG, timezone="Asia/Kolkata")
        feed = Path(__file__).resolve().parent / "fixtures" / "feeds" / "google_alerts.xml"
        import_paths(con, [feed], ORG)  # mentions without authors: nobody named
    monkeypatch.setenv("IMPACT_DB", str(path))
    at = page(monkeypatch)
    assert not at.exception
    [info] = at.info
    assert "interactions template" in info.value
    assert len(at.metric) == 0
