"""Roles on the Campaigns and Time & ROI pages: who may not change data sees no form (AppTest).

The app runs as in the other page tests, for a person chosen here instead of the local user: app.py asks
gate.who_is_here() who the run is for, and wraps the pages in ui.acting_as(that person).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from impact.auth import Person
from impact.store.access import Readable
from impact.store.connection import open_store
from pages.campaigns import edit
from pages.ui import gate

APP = str(Path(__file__).resolve().parent.parent / "app.py")
PUNE = "Pune Education Trust"
BRAHMAPUTRA = "Brahmaputra Flood Relief Network"
REFUSED = "You can read this organisation's pages but not change them, so nothing was changed."


def organisation_ids(store: Path) -> dict[str, int]:
    with open_store(store) as con:
        return dict(con.execute("SELECT name, id FROM organisation").fetchall())


def page(monkeypatch: pytest.MonkeyPatch, who: Person, organisation: str, script: str, **state: object) -> AppTest:
    """The app opened on one page for `who`."""
    monkeypatch.setattr(gate, "who_is_here", lambda: who)
    at = AppTest.from_file(APP, default_timeout=60)
    at.session_state["organisation"] = organisation
    for key, value in state.items():
        at.session_state[key] = value
    at.switch_page(script)
    return at.run()


def viewer(*organisation_ids: int) -> Person:
    return Person(label="viewer@example.org", role="viewer", readable=Readable(frozenset(organisation_ids)))


def editor(organisation_id: int, *also_reads: int) -> Person:
    readable = Readable(frozenset({organisation_id, *also_reads}))
    return Person(label="editor@example.org", role="editor", readable=readable, editable=frozenset({organisation_id}))


def blocks(at: AppTest, kind: str) -> int:
    """How many elements or containers of one kind the page drew (forms, file uploaders...)."""

    def count(node: object) -> int:
        children = getattr(node, "children", {})
        return int(getattr(node, "type", None) == kind) + sum(count(child) for child in children.values())

    return count(at.main)


def audit_events(store: Path, actor: str) -> list[tuple[str, int, str]]:
    with open_store(store) as con:
        return con.execute(
            "SELECT action, organisation_id, detail FROM audit_event WHERE actor = ? ORDER BY id", [actor]
        ).fetchall()


@pytest.mark.parametrize("reader", ["viewer", "editor of another organisation"])
def test_who_may_not_edit_sees_the_campaign_figures_and_no_form(
    sample_copy: Path, monkeypatch: pytest.MonkeyPatch, reader: str
) -> None:
    ids = organisation_ids(sample_copy)
    who = viewer(ids[PUNE]) if reader == "viewer" else editor(ids[BRAHMAPUTRA], ids[PUNE])
    at = page(monkeypatch, who, PUNE, "pages/campaigns/campaigns.py")
    assert not at.exception
    # The figures are all there (the demo's campaign and its four goals, test_campaigns_page.py) ...
    assert [(m.label, m.value) for m in at.metric][:4] == [
        ("Shares", "1,645"), ("Target", "2,000"), ("At this pace by the end", "1,645"), ("Status, 0 days left", "At risk"),
    ]  # fmt: skip
    assert len(at.metric) == 16
    assert blocks(at, "plotly_chart") > 0 and len(at.dataframe) > 0
    # ... and nothing that changes them: no form, button, file uploader or text field.
    assert [b.label for b in at.button] == []
    assert (blocks(at, "form"), blocks(at, "file_uploader"), len(at.text_input), len(at.text_area)) == (0, 0, 0, 0)
    assert "New campaign" not in [e.label for e in at.expander]
    assert "Only editors of this organisation can change its campaigns, goals and plan." in [
        c.value for c in at.caption
    ]
    assert audit_events(sample_copy, who.label) == []


def test_an_editor_sees_the_forms_and_an_archive_is_audited_under_their_name(
    sample_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ids = organisation_ids(sample_copy)
    who = editor(ids[PUNE])
    at = page(monkeypatch, who, PUNE, "pages/campaigns/campaigns.py")
    assert not at.exception
    assert {"Create campaign", "Set goal", "Add to campaign", "Add", "Add evidence", "Delete", "Save changes",
            "Remove goal", "Archive campaign", "Import plan"} <= {b.label for b in at.button}  # fmt: skip
    assert blocks(at, "file_uploader") == 1

    # Archive and Restore are buttons with callbacks, which run before app.py knows who is here: the change is
    # still made under the editor's role and named after them.
    edit_tab = next(t for t in at.tabs if t.label == "Edit")
    next(c for c in edit_tab.checkbox if c.label.startswith("Yes, archive")).check().run()
    next(b for b in at.button if b.label == "Archive campaign").click().run()
    assert not at.exception
    with open_store(sample_copy) as con:
        assert con.execute("SELECT archived FROM campaign WHERE name = 'Back to school 2026'").fetchone() == (True,)
    assert audit_events(sample_copy, who.label) == [("edit", ids[PUNE], "campaign Back to school 2026: archived")]


def test_a_change_asked_for_in_a_stale_session_is_refused_for_a_viewer(
    sample_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ids = organisation_ids(sample_copy)
    with open_store(sample_copy) as con:
        (campaign_id,) = con.execute("SELECT id FROM campaign WHERE name = 'Back to school 2026'").fetchone()
    who = viewer(ids[PUNE])
    asked = ("archive", ids[PUNE], campaign_id, "Back to school 2026")
    at = page(monkeypatch, who, PUNE, "pages/campaigns/campaigns.py", **{edit.PENDING_KEY: asked})
    assert not at.exception
    assert [e.value for e in at.error] == [REFUSED]
    with open_store(sample_copy) as con:
        assert con.execute("SELECT archived FROM campaign WHERE id = ?", [campaign_id]).fetchone() == (False,)
    assert audit_events(sample_copy, who.label) == []


def test_a_viewer_sees_the_time_figures_and_no_form(sample_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    ids = organisation_ids(sample_copy)
    at = page(monkeypatch, viewer(ids[BRAHMAPUTRA]), BRAHMAPUTRA, "pages/time/time.py")
    assert not at.exception
    # Brahmaputra's budget figures (test_time_page.py), the calendar and the tables are there ...
    assert next(m for m in at.metric if m.label == "Days over budget").value == "50 of 365"
    assert blocks(at, "plotly_chart") > 0
    assert len(at.dataframe) > 0 and all(d.proto.editing_mode == 0 for d in at.dataframe)  # read only
    # ... and no form to log time, correct the history, set the budget, people or hourly values.
    assert [b.label for b in at.button] == []
    assert (blocks(at, "form"), len(at.number_input), len(at.date_input)) == (0, 0, 0)
    assert "Only editors of this organisation can log time." in [c.value for c in at.caption]


def test_an_editor_logs_time_and_it_is_audited(sample_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    ids = organisation_ids(sample_copy)
    who = editor(ids[BRAHMAPUTRA])
    at = page(monkeypatch, who, BRAHMAPUTRA, "pages/time/time.py")
    assert not at.exception
    assert [b.label for b in at.button] == ["Log time", "Save budget", "Save people", "Save hourly values"]
    assert any(d.proto.editing_mode != 0 for d in at.dataframe)  # the people editor

    next(s for s in at.selectbox if s.label == "Person").set_value("Bikash Gogoi")
    next(n for n in at.number_input if n.label == "Minutes").set_value(30)
    next(b for b in at.button if b.label == "Log time").click().run()
    assert not at.exception
    assert audit_events(sample_copy, who.label) == [
        ("edit", ids[BRAHMAPUTRA], f"time entry logged: 30 minutes on {date.today():%d %b %Y}")
    ]
