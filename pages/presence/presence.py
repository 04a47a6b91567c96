"""Web presence: the organisation's score from 0 to 100 out of named components, and its stage."""

from __future__ import annotations

import streamlit as st

from impact.charts.presence import component_chart
from impact.presence import COMPONENTS
from impact.presence.scorecard import Scorecard, presence_screen
from impact.presence.weights import STORE_WIDE
from impact.report.organisation import organisation_report
from pages import ui
from pages.presence.parts import report_button, weights_form

st.title("Web presence")
st.markdown(
    "How a funder would judge this organisation's presence online, from its own data: a score from 0 to 100 "
    "out of named components, each with its raw figures, its points and its weight. A component the data "
    "cannot measure is left out of the score, never counted as 0."
)
filters = ui.current_filters()
if filters is None:
    ui.no_data_yet()
    st.stop()

card: Scorecard = ui.figures(presence_screen, filters.organisation_id, filters.start, filters.end)
st.caption(
    f"{ui.plain(ui.current_organisation())} · {filters.start:%d %b %Y} – {filters.end:%d %b %Y} · every platform "
    "(the sidebar's platform choice does not apply: a funder sees the whole presence)."
)

measured = [c for c in card.components if c.measured]
cols = st.columns(3)
cols[0].metric(
    "Web-presence score",
    "–" if card.score is None else f"{card.score:.0f} / 100",
    help="The weighted mean of the measured components' points; the weights are below.",
)
cols[1].metric("Stage", card.stage, help="Crawl, Walk, Run, Fly: Kanter and Paine's stages of networked practice.")
cols[2].metric("Components measured", f"{len(measured)} of {len(card.components)}")

with st.container(border=True):
    st.markdown(f"**Why {card.stage}:** " + " ".join(ui.plain(r) for r in card.stage_reasons))
    if card.next_steps:
        st.markdown("**For the next stage:** " + " ".join(ui.plain(r) for r in card.next_steps))

st.plotly_chart(component_chart(card.table()), width="stretch", key="presence_components")

st.subheader("Components")
for component in card.components:
    with st.container(border=True):
        head = f"**{component.name}**"
        if component.measured:
            head += f" · {component.points:.0f} points · weight {component.weight:g}"
        else:
            head += f" · not measured (left out of the score) · weight {component.weight:g}"
        st.markdown(head)
        st.markdown(ui.plain(component.raw))
        if not component.measured:
            st.caption(f"Measured with: {ui.plain(component.measure_with)}.")
        st.caption(f"To raise it: {ui.plain(component.raise_it)}")
        with st.expander("How it is measured"):
            st.markdown(ui.plain(component.definition))
            st.caption(f"Why it counts: {ui.plain(COMPONENTS[component.key].why_weight)}")
            if not component.details.empty:
                ui.dataframe(component.details, hide_index=True)

if ui.can_edit(None):  # the store's own weights apply to every organisation: an admin's to change
    st.subheader("Weights")
    st.caption(
        "The weights of this page (every organisation's). A funder's portfolio keeps its own weights on the "
        "Portfolio page. Their reasons are on the Definitions page."
    )
    weights_form(STORE_WIDE, {c.key: c.weight for c in card.components}, key="presence_weights")

st.subheader("Report for funders")
report_button(
    "Download the report (HTML)",
    lambda con: organisation_report(con, filters.organisation_id, filters.start, filters.end),
    f"web_presence_{filters.organisation_id}_{filters.start:%Y%m%d}_{filters.end:%Y%m%d}.html",
    key="presence_report",
)
