"""The sidebar's filters live in the URL, so a link opens the same view (AppTest)."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

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
    # Pune's posts on X and Facebook on the local days 28 Aug – 25 Nov 2026: 45 + 33; in the 90 days before
    # (30 May – 27 Aug): 75 + 61 = 136, so 58 fewer.
    posts = next(m for m in at.metric if m.label == "Posts")
    assert (posts.value, posts.proto.delta) == ("78", "-58 (-43%)")
    assert dict(at.query_params) == {"org": "Pune Education Trust", "period": "90d", "platforms": "x,facebook"}
    # The previous 90 days are covered, so the Overview says what changed most, and a year earlier is named.
    assert [s.value for s in at.subheader] == ["By platform", "What changed most"]
    assert at.caption[0].value == (
        "Pune Education Trust · 28 Aug 2026 – 25 Nov 2026, compared with 30 May 2026 – 27 Aug 2026 · "
        "from 17 imported files"
    )
    assert at.caption[1].value.split(": ")[0] == "Against the same period last year (28 Aug 2025 – 25 Nov 2025)"


def test_a_custom_period_comes_from_the_link(sample_copy: Path) -> None:
    at = run_with(
        {"org": "Sakhi Women's Health Collective", "period": "custom", "from": "2026-05-01", "to": "2026-05-31"}
    )
    assert not at.exception
    # A chosen range says only its dates: it does not end on the latest day with data.
    assert [c.value for c in at.sidebar.caption] == ["01 May 2026 – 31 May 2026."]
    assert at.query_params["from"] == "2026-05-01" and at.query_params["to"] == "2026-05-31"


def test_the_url_follows_the_filters_and_ignores_what_it_does_not_know(sample_copy: Path) -> None:
    at = run_with({"org": "No such trust", "period": "forever", "platforms": "myspace"})
    assert not at.exception
    # Unknown values fall back to the defaults, and the URL then says what is shown; all platforms: none listed.
    assert dict(at.query_params) == {"org": "Brahmaputra Flood Relief Network", "period": "12m"}
