"""The Campaigns page's Progress tab: each goal's figures, pace and burn-up, with the latest evidence beside them."""

from __future__ import annotations

import streamlit as st

from impact.campaigns.goals import GOAL_METRICS, set_goal
from impact.campaigns.screens import CampaignScreen
from impact.charts import campaigns as charts
from pages import ui
from pages.campaigns import story


def goal_form(screen: CampaignScreen) -> None:
    """Set a goal on one of the campaign's figures (a goal already on it gets the new target)."""
    current = screen.campaign
    with st.form("goal"):
        left, right, button = st.columns([2, 1, 1], vertical_alignment="bottom")
        metric = left.selectbox("Goal on", list(GOAL_METRICS), format_func=lambda m: GOAL_METRICS[m].label)
        target = right.number_input("Target", min_value=1.0, value=100.0, step=10.0)
        if button.form_submit_button("Set goal"):
            with ui.writer(current.organisation_id) as con:
                set_goal(con, current.id, metric, float(target))
            goal_on = GOAL_METRICS[metric].label.lower()
            ui.audit(
                "edit", current.organisation_id, f"campaign {current.name}: goal on {goal_on} set to {target:,.0f}"
            )
            st.rerun()


def progress_section(screen: CampaignScreen, editable: bool) -> None:
    """The goal form, the latest evidence, then each goal: its figures, status and burn-up chart."""
    current = screen.campaign
    if editable:
        goal_form(screen)
    story.evidence_beside_figures(screen.evidence)  # the issue: evidence beside the numbers
    if not screen.goals:
        st.info("No goals yet: set one above (a target for posts, engagements, donations, volunteers, hours...).")
    for goal in screen.goals:
        spec = GOAL_METRICS[goal.metric]
        with st.container(border=True):
            cols = st.columns(4)
            cols[0].metric(
                spec.label, f"{goal.actual:,.0f}", help="From the campaign's start to the latest day with data."
            )
            cols[1].metric(
                "Target" if not spec.ceiling else "Ceiling",
                f"{goal.target:,.0f}",
                f"{goal.progress:.0%} so far",
                delta_color="off",
                delta_arrow="off",
            )
            cols[2].metric("At this pace by the end", "–" if goal.projection is None else f"{goal.projection:,.0f}")
            cols[3].metric(f"Status, {goal.days_left} days left", goal.status.capitalize())
            series = screen.burn_ups[goal.metric]
            if not series.empty:
                st.plotly_chart(
                    charts.burn_up_chart(series, goal.target, current.ends, spec.label, spec.ceiling), width="stretch"
                )
    ui.definitions_expander(["goal_progress", "goal_pace"])
