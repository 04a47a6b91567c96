"""Entry point: page config, the shared sidebar (organisation, period, platforms), navigation.

Run with: streamlit run app.py (the README's command loads the demo data first).
"""

from __future__ import annotations

from datetime import date, timedelta

import streamlit as st

from connectors import PLATFORM_LABELS
from impact.metrics import Filters, data_range, platforms_with_data
from impact.orgs import organisation_id, organisations
from pages import ui

st.set_page_config(page_title="Impact dashboard", page_icon=":material/insights:", layout="wide")

PERIODS = {
    "Last 30 days": 30,
    "Last 90 days": 90,
    "Last 6 months": 182,
    "Last 12 months": 365,
    "All data": None,
}


def sidebar_filters() -> None:
    """Organisation, period and platforms, shared by every page through session state."""
    with ui.store() as con:
        names = organisations(con)
        st.session_state[ui.FILTERS_KEY] = None
        st.session_state[ui.ORG_KEY] = None
        if not names:
            st.sidebar.info("No data yet. Upload exports on the Upload page.")
            return
        name = st.sidebar.selectbox("Organisation", names, key="organisation")
        org_id = organisation_id(con, name)
        assert org_id is not None
        st.session_state[ui.ORG_KEY] = name
        span = data_range(con, org_id)
        available = platforms_with_data(con, org_id)
    latest = span[1] if span else date.today()
    first = span[0] if span else latest
    period = st.sidebar.selectbox("Period", [*PERIODS, "Custom"], index=3, key="period")
    if period == "Custom":
        picked = st.sidebar.date_input(
            "From – to", value=(max(first, latest - timedelta(days=89)), latest), key="custom_period"
        )
        start, end = (picked[0], picked[1]) if isinstance(picked, tuple) and len(picked) == 2 else (first, latest)
    elif PERIODS[period] is None:
        start, end = first, latest
    else:
        start, end = latest - timedelta(days=PERIODS[period] - 1), latest  # type: ignore[operator]
    st.sidebar.caption(f"{start:%d %b %Y} – {end:%d %b %Y}, ending on the latest day with data.")
    # When the organisation or its set of platforms changes (an import added one), select them all.
    if st.session_state.get("platforms_available") != (org_id, available):
        st.session_state["platforms_available"] = (org_id, available)
        st.session_state["platforms"] = available
    platforms = st.sidebar.multiselect(
        "Platforms", available, format_func=lambda p: PLATFORM_LABELS.get(p, p), key="platforms"
    )
    st.session_state[ui.FILTERS_KEY] = Filters(org_id, start, end, tuple(platforms))


st.session_state[ui.ENTERED_KEY] = True
sidebar_filters()
navigation = st.navigation(
    {
        "Review": [
            st.Page(
                "pages/overview.py", title="Overview", icon=":material/insights:", url_path="overview", default=True
            )
        ],
        "Data": [st.Page("pages/upload.py", title="Upload", icon=":material/upload_file:", url_path="upload")],
    }
)
if return_to := st.session_state.pop(ui.RETURN_TO_KEY, None):
    st.switch_page(return_to)
navigation.run()
