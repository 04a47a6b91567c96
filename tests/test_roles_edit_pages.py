"""Roles on the Campaigns and Time & ROI pages: who may not change data sees no form (AppTest).

The app runs as in the other page tests, for a person chosen here instead of the local user: app.py asks
gate.who_is_here() who the run is for, and wraps the pages in ui.acting_as(that person).
"""

from __future__ import annotations

from collections.abc import Iterator
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
CAMPAIGN_TABS = ("Progress", "Chain", "Posts", "Outcomes", "Evidence", "Compare", "Edit")
TIME_TABS = ("Log time", "Budget", "Results per hour", "Cost & ROI", "Habits")


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


def each_tab(at: AppTest, key: str, labels: tuple[str, ...]) -> Iterator[AppTest]:
    """The page with each of its tabs open in turn: only the open tab runs (a click on another reruns the page)."""
    for label in labels:
        at.session_state[key] = label
        yield at.run()


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
    charts, tables, captions = 0, 0, []
    for tab in each_tab(at, "campaign_tab", CAMPAIGN_TABS):
        assert not tab.exception
        charts, tables = charts + blocks(tab, "plotly_chart"), tables + len(tab.dataframe)
        captions += [c.value for c in tab.caption]
        # ... and nothing that changes them, on any tab: no form, button, file uploader or text field.
        assert [b.label for b in tab.button] == []
        fields = (blocks(tab, "form"), blocks(tab, "file_uploader"), len(tab.text_input), len(tab.text_area))
        assert fields == (0, 0, 0, 0)
        assert "New campaign" not in [e.label for e in tab.expander]
    assert charts > 0 and tables > 0
    assert "Only editors of this organisation can change its campaigns, goals and plan." in captions
    assert audit_events(sample_copy, who.label) == []


def test_an_editor_sees_the_forms_and_an_archive_is_audited_under_their_name(
    sample_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ids = organisation_ids(sample_copy)
    who = editor(ids[PUNE])
    at = page(monkeypatch, who, PUNE, "pages/campaigns/campaigns.py")
    assert not at.exception
    buttons, uploaders = set(), 0
    for tab in each_tab(at, "campaign_tab", CAMPAIGN_TABS):  # ends on the Edit tab
        buttons |= {b.label for b in tab.button}
        uploaders += blocks(tab, "file_uploader")
    assert {"Create campaign", "Set goal", "Add to campaign", "Add", "Add evidence", "Delete", "Save changes",
            "Remove goal", "Archive campaign", "Import plan"} <= buttons  # fmt: skip
    assert uploaders == 1

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
    at = page(monkeypatch, viewer(ids[BRAHMAPUTRA]), BRAHMAPUTRA, "pages/time/time.py", time_tab="Budget")
    assert not at.exception
    # Brahmaputra's budget figures (test_time_page.py), the calendar and the tables are there ...
    assert next(m for m in at.metric if m.label == "Days over budget").value == "50 of 365"
    assert blocks(at, "plotly_chart") > 0
    tables, captions = 0, []
    for tab in each_tab(at, "time_tab", TIME_TABS):
        assert not tab.exception
        tables += len(tab.dataframe)
        assert all(d.proto.editing_mode == 0 for d in tab.dataframe)  # read only
        captions += [c.value for c in tab.caption]
        # ... and no form to log time, correct the history, set the budget, people or hourly values.
        assert [b.label for b in tab.button] == []
        assert (blocks(tab, "form"), len(tab.number_input), len(tab.date_input)) == (0, 0, 0)
    assert tables > 0
    assert "Only editors of this organisation can log time." in captions


def test_an_editor_logs_time_and_it_is_audited(sample_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    ids = organisation_ids(sample_copy)
    who = editor(ids[BRAHMAPUTRA])
    at = page(monkeypatch, who, BRAHMAPUTRA, "pages/time/time.py")
    assert not at.exception
    buttons, editors = [], 0
    for tab in each_tab(at, "time_tab", TIME_TABS):
        buttons += [b.label for b in tab.button]
        editors += sum(d.proto.editing_mode != 0 for d in tab.dataframe)  # the people editor
    assert buttons == ["Log time", "Save budget", "Save people", "Save hourly values"]
    assert editors == 1

    at.session_state["time_tab"] = "Log time"
    at.run()
    next(s for s in at.selectbox if s.label == "Person").set_value("Bikash Gogoi")
    next(n for n in at.number_input if n.label == "Minutes").set_value(30)
    next(b for b in at.button if b.label == "Log time").click().run()
    assert not at.exception
    assert audit_events(sample_copy, who.label) == [
        ("edit", ids[BRAHMAPUTRA], f"time entry logged: 30 minutes on {date.today():%d %b %Y}")
    ]
