"""The Campaigns page's Chain tab: from outputs to outcomes per platform, and where the chain breaks."""

from __future__ import annotations

from datetime import date

import streamlit as st

from impact.campaigns.chain import STEPS
from impact.campaigns.goals import Campaign
from impact.campaigns.screens import chain_screen
from impact.charts import campaigns as charts
from pages import ui

_COUNT = "%,d"  # whole numbers with thousands separators; an empty cell means not reported, not zero
_RATE = "%,.1f"

COLUMN_CONFIG = {
    "label": st.column_config.TextColumn("Platform"),
    "posts": st.column_config.NumberColumn("Posts", format=_COUNT),
    "impressions": st.column_config.NumberColumn("Impressions", format=_COUNT),
    "reach": st.column_config.NumberColumn("Reach (sum of post reach)", format=_COUNT),
    "engagements": st.column_config.NumberColumn("Engagements", format=_COUNT),
    "followers_gained": st.column_config.NumberColumn("Followers gained", format=_COUNT),
    "sessions_from_social": st.column_config.NumberColumn("Website sessions from social", format=_COUNT),
    "donors": st.column_config.NumberColumn("Donors", format=_COUNT),
    "donations_amount": st.column_config.NumberColumn("Donations less refunds", format="%,.2f"),
    "volunteers": st.column_config.NumberColumn("Volunteers", format=_COUNT),
    "signups": st.column_config.NumberColumn("Sign-ups", format=_COUNT),
    "engagements_per_1000_impressions": st.column_config.NumberColumn(
        "Engagements per 1,000 impressions", format=_RATE
    ),
    "sessions_per_1000_engagements": st.column_config.NumberColumn("Sessions per 1,000 engagements", format=_RATE),
    "donors_per_1000_sessions": st.column_config.NumberColumn("Donors per 1,000 sessions", format=_RATE),
    "donors_per_1000_engagements": st.column_config.NumberColumn(
        "Donors per 1,000 engagements (no sessions)", format=_RATE
    ),
}


def chain_section(current: Campaign, today: date) -> None:
    """The chain per platform for the campaign up to `today`: chart, verdict, table, CSV and definitions."""
    screen = ui.figures(chain_screen, current.id, today)
    chain = screen.chain
    st.subheader("From outputs to outcomes, by platform")
    if screen.verdict is None:
        st.info("Nothing to chain yet: no post the campaign caught, no outcome and no website report in its dates.")
    else:
        st.markdown(screen.verdict)
        st.plotly_chart(charts.chain_chart(chain, [(s.column, s.label.capitalize()) for s in STEPS]), width="stretch")
    if not screen.sessions_known:
        st.caption(
            "No GA4 source report lies within the campaign's dates, so website sessions are left empty and donors "
            "are counted per 1,000 engagements. Import a 'Session source / medium' report per day (or for exactly "
            "the campaign's dates) to add the website step."
        )
    table = chain.drop(columns="platform")
    ui.dataframe(table, hide_index=True, width="stretch", column_config=COLUMN_CONFIG)
    ui.csv_download(table, "campaign_chain.csv", key="csv_campaign_chain")
    ui.definitions_expander(
        [
            "chain",
            "posts",
            "impressions",
            "reach_post_sum",
            "engagements",
            "web_sessions_social",
            "donations",
            "chain_engagement_per_1000",
            "chain_sessions_per_1000",
            "chain_donors_per_1000",
        ]
    )
