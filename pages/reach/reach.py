"""Reach & engagement: impressions, reach, engagement rate and follower growth over time, and the platforms compared."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from impact.charts import reach as charts
from impact.definitions import definition
from impact.figures import reach
from impact.platforms import platform_label
from pages import ui

st.title("Reach & engagement")
filters = ui.filters_or_stop()

left, right = st.columns(2)
with left:
    granularity = (
        st.segmented_control("Show per", list(reach.GRANULARITIES), default="Week", key="reach_granularity") or "Week"
    )
with right:
    impressions_from = (
        st.segmented_control(
            "Count impressions and reach from",
            ["Daily figures where reported", "Posts by publish date"],
            default="Daily figures where reported",
            key="reach_source",
            help=definition("impressions_by_day"),
        )
        or "Daily figures where reported"
    )
grain = reach.GRANULARITIES[granularity]
daily_first = impressions_from.startswith("Daily")

screen = ui.figures(reach.reach_screen, filters, grain, daily_first)
impressions, reached, engagement = screen.impressions, screen.reach, screen.engagement
growth, period_growth, comparison, periods = (
    screen.growth,
    screen.period_growth,
    screen.comparison,
    screen.campaign_periods,
)

st.caption(
    f"{ui.plain(ui.current_organisation())} · {filters.start:%d %b %Y} – {filters.end:%d %b %Y} · "
    "posts count on the organisation's local day of publication; the first and last "
    f"{grain} may be partly outside the period."
)


def sources_caption(trend: pd.DataFrame, what: str) -> None:
    """Say which platforms a chart counts from daily account figures and which from their posts."""
    sources = reach.source_summary(trend)
    parts = []
    if "daily" in sources:
        parts.append(f"daily account figures (solid) for {', '.join(sources['daily'])}")
    if "posts" in sources:
        parts.append(f"posts by publish date (dotted) for {', '.join(sources['posts'])}")
    st.caption(f"{what} from " + "; ".join(parts) + ".")


st.subheader("Impressions and reach")
left, right = st.columns(2)
with left:
    if impressions.empty:
        st.info(reach.EMPTY_IMPRESSIONS)
    else:
        ui.time_chart(charts.output_trend_chart(impressions, "impressions", grain), periods, grain)
        sources_caption(impressions, "Impressions")
with right:
    if reached.empty:
        st.info(reach.EMPTY_REACH)
    else:
        ui.time_chart(charts.output_trend_chart(reached, "reach", grain), periods, grain)
        sources_caption(reached, "Reach: sum of daily reach or sum of post reach, never people reached,")

st.subheader("Engagement rate")
left, right = st.columns(2)
with left:
    if engagement["engagement_rate"].notna().any():
        ui.time_chart(charts.engagement_rate_chart(engagement, grain), periods, grain)
        st.caption("Σ engagements ÷ Σ impressions of the posts published in each bucket that report both.")
    else:
        st.info(reach.EMPTY_ENGAGEMENT)
with right:
    with_components = [p for p in filters.platforms if reach.reported_components(engagement, p)]
    if with_components:
        platform = (
            st.segmented_control(
                "Components of",
                with_components,
                default=with_components[0],
                format_func=platform_label,
                key="reach_components_platform",
            )
            or with_components[0]
        )
        ui.time_chart(charts.components_chart(engagement, platform, grain), periods, grain)
        missing = [c for c in reach.COMPONENTS if c not in reach.reported_components(engagement, platform)]
        if missing:
            st.caption(f"{platform_label(platform)}'s exports do not report: {', '.join(missing)}.")
    else:
        st.info(reach.EMPTY_COMPONENTS)

st.subheader("Follower growth")
left, right = st.columns(2)
with left:
    if growth["net"].notna().any():
        ui.time_chart(charts.follower_chart(growth, grain), periods, grain)
    else:
        st.info(reach.EMPTY_FOLLOWERS)
with right:
    followers = reach.follower_table(period_growth, list(filters.platforms))
    ui.dataframe(followers, hide_index=True, width="stretch")
    st.caption(definition("followers_gained_lost"))
    ui.csv_download(followers, "follower_growth.csv", key="reach_followers_csv")

st.subheader("Platforms compared")
table = reach.comparison_table(comparison)
ui.dataframe(reach.comparison_display(table), hide_index=True, width="stretch")
if reasons := reach.missing_reasons(comparison):
    st.caption("— means no figure, for this reason: " + " · ".join(reasons) + ".")
st.caption("Per post: " + definition("per_post") + " Per 1,000 followers: " + definition("per_1000_followers"))
ui.csv_download(table, "platform_comparison.csv", key="reach_comparison_csv")

ui.definitions_expander(
    [
        "impressions_by_day",
        "reach",
        "reach_daily_sum",
        "reach_post_sum",
        "engagements",
        "engagement_rate",
        "engagement_components",
        "followers_gained_lost",
        "posts",
        "per_post",
        "per_1000_followers",
        "publish_day",
    ]
)
