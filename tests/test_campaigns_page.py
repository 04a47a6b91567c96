"""The Campaigns page: create a campaign and a goal through the forms and see its progress (AppTest)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from streamlit.testing.v1 import AppTest

from impact.campaigns.goals import progress
from impact.store.connection import open_store

APP = str(Path(__file__).resolve().parent.parent / "app.py")


def test_create_a_campaign_and_a_goal_and_see_progress(sample_copy: Path) -> None:
    at = AppTest.from_file(APP, default_timeout=60)
    at.session_state["organisation"] = "Pune Education Trust"
    at.switch_page("pages/campaigns/campaigns.py")
    at.run()
    assert not at.exception
    # The demo's own campaign tells its story first: a goal met, one at risk, one behind.
    statuses = [m.value for m in at.metric if m.label.startswith("Status")]
    assert "Met" in statuses and "Behind" in statuses
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
    with open_store(sample_copy) as con:
        (expected,) = progress(con, campaign_id, date(2026, 11, 25))
        caught = con.execute(
            """SELECT count(*) FROM post p JOIN organisation o ON o.id = p.organisation_id
               WHERE o.name = 'Pune Education Trust' AND CAST(p.published_at AS DATE) BETWEEN '2026-06-01' AND '2026-06-30'
                 AND lower(p.text) LIKE '%#backtoschoolpune%'"""
        ).fetchone()[0]
    assert expected.actual == caught > 0
    posts_metric = next(m for m in at.metric if m.label == "Posts")
    assert posts_metric.value == f"{caught:,}"
    status = next(m for m in at.metric if m.label == f"Status, {expected.days_left} days left")
    assert status.value == expected.status.capitalize()
    assert f"Posts this campaign caught ({caught})" in [s.value for s in at.subheader]


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

    # The first outcome form is the one for a new entry.
    next(s for s in at.selectbox if s.label == "What happened").select("volunteer")
    next(d for d in at.date_input if d.label == "On").set_value(date(2026, 6, 10))
    next(n for n in at.number_input if n.label == "How many (people or sign-ups)").set_value(12)
    next(t for t in at.text_input if t.label == "Note (where, who, how)").input("<b>Kothrud</b> camp =1+1")
    next(b for b in at.button if b.label == "Add").click().run()
    assert not at.exception
    assert next(m for m in at.metric if m.label == "Volunteers").value == "12"
    with open_store(sample_copy) as con:
        assert con.execute("SELECT quantity, note, campaign FROM outcome WHERE kind = 'volunteer'").fetchall() == [
            (12, "<b>Kothrud</b> camp =1+1", "Back to school 2026")
        ]

    # Correct it: the form for the entry comes pre-filled; saving replaces, deleting removes.
    next(n for n in reversed(at.number_input) if n.label == "How many (people or sign-ups)").set_value(15)
    next(b for b in at.button if b.label == "Save changes").click().run()
    assert not at.exception
    assert next(m for m in at.metric if m.label == "Volunteers").value == "15"
    next(b for b in at.button if b.label == "Delete this entry").click().run()
    assert next(m for m in at.metric if m.label == "Volunteers").value == "0"
