"""The Time & ROI page: log time through the form and see the budget figures and calendar change (AppTest)."""

from __future__ import annotations

import base64
import json
from datetime import date
from pathlib import Path

import numpy as np
from streamlit.testing.v1 import AppTest

from impact.store.connection import open_store

APP = str(Path(__file__).resolve().parent.parent / "app.py")


def open_tab(at: AppTest, label: str) -> AppTest:
    """Open one of the page's tabs: only the open tab runs (a click on another reruns the page)."""
    at.session_state["time_tab"] = label
    return at.run()


def _calendar_minutes(at: AppTest) -> list[float]:
    """Every cell of the budget calendar, in the chart as sent to the browser."""
    chart = next(c for c in at.get("plotly_chart") if "budget" in json.loads(c.proto.spec)["layout"]["title"]["text"])
    z = json.loads(chart.proto.spec)["data"][0]["z"]
    # plotly sends numpy arrays as base64 typed arrays.
    cells = np.frombuffer(base64.b64decode(z["bdata"]), dtype=z["dtype"]) if isinstance(z, dict) else np.array(z)
    return [float(c) for c in cells.ravel() if not np.isnan(c)]


def test_logging_time_through_the_form_changes_the_budget(sample_copy: Path) -> None:
    at = AppTest.from_file(APP, default_timeout=60)
    at.session_state["organisation"] = "Brahmaputra Flood Relief Network"
    at.switch_page("pages/time/time.py")
    open_tab(at, "Budget")
    assert not at.exception
    # Brahmaputra's time log (sample_data/README.md): 10,235 minutes on 264 days, 50 of them over its budget of
    # 45 minutes; a cell for each of the 365 days of 26 Nov 2025 – 25 Nov 2026, 0 where nothing was logged.
    assert next(m for m in at.metric if m.label == "Days over budget").value == "50 of 365"
    cells_before = _calendar_minutes(at)
    assert (len(cells_before), sum(cells_before), sum(c > 0 for c in cells_before)) == (365, 10235, 264)
    assert sum(c > 45 for c in cells_before) == 50

    open_tab(at, "Log time")
    form_day = next(d for d in at.date_input if d.label == "Date")
    assert form_day.value == date.today()  # the form is made for today's entry
    next(s for s in at.selectbox if s.label == "Person").set_value("Bikash Gogoi")
    next(n for n in at.number_input if n.label == "Minutes").set_value(95)  # over the 45-minute budget
    next(s for s in at.selectbox if s.label == "Platform").set_value("instagram")
    next(r for r in at.radio if r.label == "Activity").set_value("engage")
    next(t for t in at.text_input if t.label == "Note").input("Replied to <i>flood</i> questions =SUM(A1)")
    next(b for b in at.button if b.label == "Log time").click().run()
    assert not at.exception

    with open_store(sample_copy) as con:
        row = con.execute(
            """SELECT t.day, t.person, t.channel, t.activity, t.minutes, t.note FROM time_entry t
               JOIN import_batch b ON b.id = t.batch_id WHERE b.platform = 'manual'"""
        ).fetchall()
    assert row == [
        (date.today(), "Bikash Gogoi", "instagram", "engage", 95.0, "Replied to <i>flood</i> questions =SUM(A1)")
    ]
    # The period now runs to today, a new day on the calendar, over the budget; the days between are empty.
    open_tab(at, "Budget")
    days = (date.today() - date(2025, 11, 26)).days + 1
    assert next(m for m in at.metric if m.label == "Days over budget").value == f"51 of {days}"
    cells_after = _calendar_minutes(at)
    # (The cells come a weekday row at a time, so they are compared as a collection.)
    assert sorted(cells_after) == sorted(cells_before + [0.0] * (days - 366) + [95.0])
