"""The Web presence and Portfolio pages on the demo data (AppTest): figures as the scorecard computes them."""

from __future__ import annotations

import base64
import html
import json
from datetime import date
from pathlib import Path

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from impact.presence import scorecard as scorecard_module
from impact.presence.portfolio import create_portfolio, delete_portfolio, portfolio_named, portfolio_trend
from impact.presence.scorecard import scorecard
from impact.presence.weights import weights_for
from impact.store.connection import open_store

APP = str(Path(__file__).resolve().parent.parent / "app.py")
DEMO = ("Brahmaputra Flood Relief Network", "Pune Education Trust", "Sakhi Women's Health Collective")
TODAY = date(2026, 11, 30)  # five days after the demo's last day
PERIOD = (date(2025, 11, 26), date(2026, 11, 25))  # the sidebar's default: the last 12 months


@pytest.fixture(autouse=True)
def pinned_day(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(scorecard_module, "current_day", lambda: TODAY)


def page(path: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=120)
    at.switch_page(path)
    return at.run()


def test_web_presence_page_shows_the_scorecard(sample_copy: Path) -> None:
    with open_store(sample_copy) as con:
        org_id = con.execute("SELECT id FROM organisation WHERE name = ?", [DEMO[0]]).fetchone()[0]
        card = scorecard(con, org_id, *PERIOD, weights_for(con), TODAY)
    at = page("pages/presence/presence.py")
    assert not at.exception
    assert {m.label: m.value for m in at.metric} == {
        "Web-presence score": f"{card.score:.0f} / 100",
        "Stage": card.stage,
        "Components measured": "8 of 8",
    }
    assert card.stage == "Fly" and card.score is not None and 75 <= card.score <= 100
    texts = [m.value for m in at.markdown]
    for component in card.components:
        assert f"**{component.name}** · {component.points:.0f} points · weight {component.weight:g}" in texts


def test_saved_weights_change_the_score_on_the_page(sample_copy: Path) -> None:
    at = page("pages/presence/presence.py")
    before = next(m.value for m in at.metric if m.label == "Web-presence score")
    # Only consistency counts: the score becomes its points.
    for box in at.number_input:
        box.set_value(100.0 if box.label == "Consistency" else 0.0)
    at.button(key="FormSubmitter:presence_weights-Save these weights").click().run()
    assert not at.exception
    with open_store(sample_copy) as con:
        org_id = con.execute("SELECT id FROM organisation WHERE name = ?", [DEMO[0]]).fetchone()[0]
        card = scorecard(con, org_id, *PERIOD, weights_for(con), TODAY)
    after = next(m.value for m in at.metric if m.label == "Web-presence score")
    assert after == f"{card.component('consistency').points:.0f} / 100" != before


def numbers(values: list[float] | dict[str, str]) -> list[float]:
    """A chart's numbers as sent to the browser: a list, or plotly's typed array (base64 of the dtype's bytes)."""
    if isinstance(values, dict):
        return np.frombuffer(base64.b64decode(values["bdata"]), dtype=values["dtype"]).tolist()
    return list(values)


def test_portfolio_page_puts_grantees_side_by_side(sample_copy: Path) -> None:
    with open_store(sample_copy) as con:
        for (portfolio_id,) in con.execute("SELECT id FROM portfolio").fetchall():
            delete_portfolio(con, portfolio_id)  # the demo's own, if any: this one is opened first
        made = create_portfolio(con, "Assam and Maharashtra 2026", DEMO, "Demo grantees", ["demo", "2026"])
        expected = {}
        for name in DEMO:
            org_id = con.execute("SELECT id FROM organisation WHERE name = ?", [name]).fetchone()[0]
            expected[name] = scorecard(con, org_id, *PERIOD, weights_for(con, made), TODAY).score
    at = page("pages/portfolio/portfolio.py")
    assert not at.exception
    table = at.dataframe[0].value
    assert list(table["organisation"]) == [*DEMO, "Portfolio median"]
    assert dict(zip(table["organisation"][:3], table["score"][:3], strict=True)) == expected
    assert table["score"].iloc[3] == sorted(expected.values())[1]  # the median of three
    # The quarterly trend runs only in its tab: none of its chart is sent with the table.
    assert len(at.get("plotly_chart")) == 1  # one grantee against the median
    with open_store(sample_copy) as con:
        trend = portfolio_trend(con, portfolio_named(con, "Assam and Maharashtra 2026"), PERIOD[1], TODAY)  # type: ignore[arg-type]
    at.session_state["portfolio_tab"] = "Over time"
    at.run()
    assert not at.exception and not at.dataframe  # the side-by-side table is not sent with the trend
    [chart, *_] = [json.loads(c.proto.spec) for c in at.get("plotly_chart")]
    drawn = {
        (html.unescape(t["name"]), quarter, score)
        for t in chart["data"]
        for quarter, score in zip(t["x"], numbers(t["y"]), strict=True)
    }
    assert drawn == set(zip(trend["organisation"], trend["quarter"], trend["score"], strict=True))


def test_portfolio_page_without_a_portfolio_offers_to_make_one(sample_copy: Path) -> None:
    with open_store(sample_copy) as con:
        for (portfolio_id,) in con.execute("SELECT id FROM portfolio").fetchall():
            delete_portfolio(con, portfolio_id)
    at = page("pages/portfolio/portfolio.py")
    assert not at.exception
    assert "No portfolio yet. Name one and pick its grantees." in [i.value for i in at.info]
    at.text_input[0].set_value("Cohort A")
    at.multiselect[0].set_value(list(DEMO[:2]))
    at.button(key="FormSubmitter:new_portfolio-Create the portfolio").click().run()
    assert not at.exception
    assert list(at.dataframe[0].value["organisation"]) == [*DEMO[:2], "Portfolio median"]
