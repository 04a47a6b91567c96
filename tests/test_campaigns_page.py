"""The Campaigns page: create a campaign and a goal through the forms and see its progress (AppTest)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from streamlit.testing.v1 import AppTest

from impact.db import open_store
from impact.goals import progress

APP = str(Path(__file__).resolve().parent.parent / "app.py")


def test_create_a_campaign_and_a_goal_and_see_progress(sample_copy: Path) -> None:
    at = AppTest.from_file(APP, default_timeout=60)
    at.session_state["organisation"] = "Pune Education Trust"
    at.switch_page("pages/campaigns.py")
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
