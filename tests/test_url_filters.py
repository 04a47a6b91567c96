"""The sidebar's filters live in the URL, so a link opens the same view (AppTest)."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

from impact.store.connection import open_store

APP = str(Path(__file__).resolve().parent.parent / "app.py")


def run_with(query: dict[str, str]) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    for key, value in query.items():
        at.query_params[key] = value
    return at.run()


def test_a_link_opens_the_same_organisation_period_and_platforms(sample_copy: Path) -> None:
    at = run_with({"org": "Pune Education Trust", "period": "90d", "platforms": "x,facebook"})
    assert not at.exception
    assert [s.value for s in at.sidebar.selectbox] == ["Pune Education Trust", "Last 90 days"]
    assert at.sidebar.multiselect[0].value == ["x", "facebook"]
    with open_store(sample_copy) as con:
        expected = con.execute(
            """SELECT count(*) FROM post p JOIN organisation o ON o.id = p.organisation_id
               WHERE o.name = 'Pune Education Trust' AND p.platform IN ('x', 'facebook')
                 AND CAST(p.published_at AS DATE) BETWEEN DATE '2026-08-28' AND DATE '2026-11-25'"""
        ).fetchone()[0]
    assert next(m.value for m in at.metric if m.label == "Posts") == f"{expected:,}"
    assert dict(at.query_params) == {"org": "Pune Education Trust", "period": "90d", "platforms": "x,facebook"}
    # The previous 90 days are covered, so the Overview says what changed most, and a year earlier is named.
    assert "What changed most" in [s.value for s in at.subheader]
    assert any("same period last year (28 Aug 2025 – 25 Nov 2025)" in c.value for c in at.caption)


def test_a_custom_period_comes_from_the_link(sample_copy: Path) -> None:
    at = run_with(
        {"org": "Sakhi Women's Health Collective", "period": "custom", "from": "2026-05-01", "to": "2026-05-31"}
    )
    assert not at.exception
    assert "01 May 2026 – 31 May 2026" in at.sidebar.caption[0].value
    assert at.query_params["from"] == "2026-05-01" and at.query_params["to"] == "2026-05-31"


def test_the_url_follows_the_filters_and_ignores_what_it_does_not_know(sample_copy: Path) -> None:
    at = run_with({"org": "No such trust", "period": "forever", "platforms": "myspace"})
    assert not at.exception
    # Unknown values fall back to the defaults, and the URL then says what is shown; all platforms: none listed.
    assert dict(at.query_params) == {"org": "Brahmaputra Flood Relief Network", "period": "12m"}
