"""The Campaigns page: create a campaign and a goal through the forms and see its progress (AppTest)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from streamlit.testing.v1 import AppTest

from impact.store.connection import open_store

APP = str(Path(__file__).resolve().parent.parent / "app.py")


def open_tab(at: AppTest, label: str) -> AppTest:
    """Open one of the page's tabs: only the open tab runs (a click on another reruns the page)."""
    at.session_state["campaign_tab"] = label
    return at.run()


def test_create_a_campaign_and_a_goal_and_see_progress(sample_copy: Path) -> None:
    at = AppTest.from_file(APP, default_timeout=60)
    at.session_state["organisation"] = "Pune Education Trust"
    at.switch_page("pages/campaigns/campaigns.py")
    at.run()
    assert not at.exception
    # The demo's own campaign, Back to school 2026 (25 May – 30 Jun), tells its story first, judged on its last
    # day: its hashtag is on 30 X + 31 Facebook + 22 Instagram + 3 YouTube posts, shared 335 + 652 + 599 + 59
    # times; 99 donors gave in its dates; 34.8 hours were logged to it.
    tiles = [(m.label, m.value) for m in at.metric]
    assert tiles == [
        ("Shares", "1,645"), ("Target", "2,000"), ("At this pace by the end", "1,645"),
        ("Status, 0 days left", "At risk"),  # 82 % of the target
        ("Donors", "99"), ("Target", "300"), ("At this pace by the end", "99"), ("Status, 0 days left", "Behind"),
        ("Posts", "86"), ("Target", "80"), ("At this pace by the end", "86"), ("Status, 0 days left", "Met"),
        ("Hours spent", "35"), ("Ceiling", "40"), ("At this pace by the end", "35"),
        ("Status, 0 days left", "On track"),
    ]  # fmt: skip
    form = {t.label: t for t in at.text_input}
    form["Name"].input("Back to school <b>2026</b> 'kits' 🎒")
    form["Hashtags that mark its posts"].input("#BackToSchoolPune")
    dates = {d.label: d for d in at.date_input}
    dates["Starts"].set_value(date(2026, 6, 1))
    dates["Ends"].set_value(date(2026, 6, 30))
    next(b for b in at.button if b.label == "Create campaign").click().run()
    assert not at.exception
    with open_store(sample_copy) as con:
        (campaign_id,) = con.execute(
            "SELECT id FROM campaign WHERE name = ?", ["Back to school <b>2026</b> 'kits' 🎒"]
        ).fetchone()  # kept as typed, shown escaped
    goal_box = next(s for s in at.selectbox if s.label == "Goal on")
    goal_box.select("posts")
    at.number_input[0].set_value(40.0)
    next(b for b in at.button if b.label == "Set goal").click().run()
    assert not at.exception
    # In June only: 29 X + 28 Facebook + 22 Instagram + 3 YouTube posts carry the hashtag, on the organisation's
    # local days. The campaign ended before the latest day with data (25 Nov): 82 of 40, met.
    assert [(m.label, m.value) for m in at.metric] == [
        ("Posts", "82"),
        ("Target", "40"),
        ("At this pace by the end", "82"),
        ("Status, 0 days left", "Met"),
    ]
    assert [s.value for tab in ("Chain", "Posts", "Outcomes", "Evidence") for s in open_tab(at, tab).subheader] == [
        "From outputs to outcomes, by platform",
        "Posts this campaign caught (82)",
        "Outcomes in the campaign's dates (145)",  # June's 143 donations (sample_data/README.md) and 2 refunds
        "Evidence (0)",
    ]
    with open_store(sample_copy) as con:
        assert con.execute("SELECT metric, target FROM goal WHERE campaign_id = ?", [campaign_id]).fetchall() == [
            ("posts", 40.0)
        ]


def test_volunteers_typed_in_by_hand_move_the_goal_and_can_be_corrected(sample_copy: Path) -> None:
    with open_store(sample_copy) as con:
        (campaign_id,) = con.execute("SELECT id FROM campaign WHERE name = 'Back to school 2026'").fetchone()
    at = AppTest.from_file(APP, default_timeout=60)
    at.session_state["organisation"] = "Pune Education Trust"
    at.session_state["campaign"] = campaign_id
    at.switch_page("pages/campaigns/campaigns.py")
    at.run()
    next(s for s in at.selectbox if s.label == "Goal on").select("volunteers")
    at.number_input[0].set_value(50.0)
    next(b for b in at.button if b.label == "Set goal").click().run()
    assert next(m for m in at.metric if m.label == "Volunteers").value == "0"

    # The first outcome form (on the Outcomes tab) is the one for a new entry.
    open_tab(at, "Outcomes")
    next(s for s in at.selectbox if s.label == "What happened").select("volunteer")
    next(d for d in at.date_input if d.label == "On").set_value(date(2026, 6, 10))
    next(n for n in at.number_input if n.label == "How many (people or sign-ups)").set_value(12)
    next(t for t in at.text_input if t.label == "Note (where, who, how)").input("<b>Kothrud</b> camp =1+1")
    next(b for b in at.button if b.label == "Add").click().run()
    assert not at.exception
    assert next(m for m in open_tab(at, "Progress").metric if m.label == "Volunteers").value == "12"
    with open_store(sample_copy) as con:
        assert con.execute("SELECT quantity, note, campaign FROM outcome WHERE kind = 'volunteer'").fetchall() == [
            (12, "<b>Kothrud</b> camp =1+1", "Back to school 2026")
        ]

    # Correct it: the form for the entry comes pre-filled; saving replaces, deleting removes.
    open_tab(at, "Outcomes")
    next(n for n in reversed(at.number_input) if n.label == "How many (people or sign-ups)").set_value(15)
    next(b for b in at.button if b.label == "Save changes").click().run()
    assert not at.exception
    assert next(m for m in open_tab(at, "Progress").metric if m.label == "Volunteers").value == "15"
    open_tab(at, "Outcomes")
    next(b for b in at.button if b.label == "Delete this entry").click().run()
    assert next(m for m in open_tab(at, "Progress").metric if m.label == "Volunteers").value == "0"


def test_the_page_of_an_organisation_without_a_campaign(sample_copy: Path, tmp_path: Path, monkeypatch) -> None:
    """A workshop's new organisation has exports and no campaign yet: the page offers to create one."""
    from impact.store.ingest import import_paths

    fixtures = Path(__file__).resolve().parent / "fixtures"
    with open_store(sample_copy) as con:
        [result] = import_paths(
            con, [fixtures / "x" / "account_analytics_content_2026-07-06_2026-08-02.csv"], "New Trust"
        )
    assert result.status == "imported"
    at = AppTest.from_file(APP, default_timeout=60)
    at.session_state["organisation"] = "New Trust"
    at.switch_page("pages/campaigns/campaigns.py")
    at.run()
    assert not at.exception
    assert "Create campaign" in [b.label for b in at.button]
