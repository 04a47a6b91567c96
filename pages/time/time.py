"""Time & ROI: log the time spent on social media, keep to a daily budget, see what an hour returns."""

from __future__ import annotations

import streamlit as st

from impact.filters import Filters
from impact.time.screens import log_screen
from pages import ui
from pages.time import log, results, roi

st.title("Time & ROI")
filters = ui.current_filters()
if filters is None and ui.person().read_only:
    ui.no_data_yet()
    st.stop()
if filters is None:
    st.info(
        "There is no organisation yet. Go to **Upload**, name your organisation and import an export or a time "
        "log (our template, Toggl or Clockify); then log time here day by day."
    )
    st.page_link("pages/upload/upload.py", label="Upload exports", icon=":material/upload_file:")
    st.stop()

# The sidebar's period ends on the latest day with platform data; the time log may run later (today's entry).
# A share link for one fixed period shows not a day past it.
logged = ui.figures(log_screen, filters.organisation_id, filters.start, filters.end, ui.person().period is None)
period = Filters(filters.organisation_id, logged.start, logged.end, filters.platforms)
st.caption(f"{ui.plain(ui.current_organisation())} · {period.start:%d %b %Y} – {period.end:%d %b %Y}")

# Only the open tab runs (a click on another reruns the page): Streamlit would otherwise compute and send every
# tab's figures, tables and charts on each visit, for the one tab shown.
log_tab, budget_tab, results_tab, roi_tab, habits_tab = st.tabs(
    ["Log time", "Budget", "Results per hour", "Cost & ROI", "Habits"], key="time_tab", on_change="rerun"
)

if log_tab.open:
    with log_tab:
        if ui.can_edit(filters.organisation_id):
            log.log_form(filters.organisation_id, logged)
        else:
            st.caption("Only editors of this organisation can log time.")
        log.history(filters.organisation_id, logged)

if budget_tab.open:
    with budget_tab:
        log.budget_section(filters.organisation_id, period)

if results_tab.open:
    with results_tab:
        results.results_section(period)

if roi_tab.open:
    with roi_tab:
        roi.roi_section(period)

if habits_tab.open:
    with habits_tab:
        roi.habits_section(period)
