"""Overview: the period's headline figures against the previous period, and the trend per platform."""

from __future__ import annotations

import streamlit as st

from connectors import REGISTRY
from impact.charts import overview as charts
from impact.definitions import definition
from impact.figures.overview import overview_screen
from impact.filters import span_text
from impact.platforms import platform_label
from pages import ui
from pages.overview.parts import campaign_goals, changed_most, tiles, year_on_year

st.title("Overview")
screen = ui.figures(overview_screen, ui.filters_or_stop())
filters, previous, year_earlier, span = screen.filters, screen.previous, screen.year_earlier, screen.span
now, before, last_year, trend, breakdown = screen.now, screen.before, screen.last_year, screen.trend, screen.breakdown
periods, glance, files, biggest = screen.campaign_periods, screen.goals, screen.files, screen.biggest

comparison = (
    f"compared with {previous.start:%d %b %Y} – {previous.end:%d %b %Y}"
    if before
    else f"no comparison: the data starts on {span[0]:%d %b %Y}, after the previous period began"
    if span
    else ""
)
st.caption(
    f"{ui.plain(ui.current_organisation())} · {filters.start:%d %b %Y} – {filters.end:%d %b %Y}, {comparison} · "
    f"from {files} imported file{'' if files == 1 else 's'}"
)


tiles(now, before)
year_on_year(now, last_year, f"{year_earlier.start:%d %b %Y} – {year_earlier.end:%d %b %Y}")
if screen.latest:
    campaign_goals(glance, screen.latest)
if now.posts == 0 and trend.empty:
    st.info(
        "No posts were published in this period on the selected platforms. Choose a longer period in the sidebar, or upload newer exports."
    )
else:
    metric = (
        st.segmented_control(
            "Trend of",
            ["impressions", "engagements", "posts"],
            default="impressions",
            format_func=str.capitalize,
            key="trend_metric",
        )
        or "impressions"
    )
    ui.time_chart(charts.weekly_trend_chart(trend, metric, metric.capitalize()), periods, "week")
    if metric != "posts" and not (trend[metric].fillna(0) > 0).any():
        # A flat line at 0 reads as a broken chart: say what the exports said.
        reported = trend[metric].notna().any()
        st.caption(
            f"The period's posts report 0 {metric} every week." if reported else f"No export here reports {metric}."
        )
    left, right = st.columns([3, 2])
    with left:
        st.subheader("By platform")
        # A sparkline per platform: its weekly impressions over the period.
        weekly = trend.pivot_table(index="week", columns="platform", values="impressions", aggfunc="sum").sort_index()
        sparklines = {p: weekly[p].fillna(0).tolist() if p in weekly else [] for p in breakdown["platform"]}
        table = breakdown.assign(
            trend=breakdown["platform"].map(sparklines),
            platform=breakdown["platform"].map(platform_label),
            source=breakdown["source"].map({"posts": "posts", "days": "daily figures"}),
        ).rename(
            columns={
                "platform": "Platform",
                "posts": "Posts",
                "impressions": "Impressions",
                "reach": "Sum of post reach",
                "engagements": "Engagements",
                "engagement_rate": "Engagement rate",
                "source": "Counted from",
            }
        )
        ui.dataframe(
            table,
            hide_index=True,
            width="stretch",
            column_config={
                "Engagement rate": st.column_config.NumberColumn(format="percent"),
                "Impressions": st.column_config.NumberColumn(format="localized"),
                "Sum of post reach": st.column_config.NumberColumn(format="localized", help=definition("reach")),
                "Counted from": st.column_config.TextColumn(help=definition("platform_figures")),
                "Engagements": st.column_config.NumberColumn(format="localized"),
                "trend": st.column_config.LineChartColumn("Weekly impressions", y_min=0, width="small"),
            },
            column_order=[
                "Platform",
                "trend",
                "Posts",
                "Impressions",
                "Sum of post reach",
                "Engagements",
                "Engagement rate",
                # Said only when it varies: a platform with daily figures alone is counted from its days.
                *(["Counted from"] if (breakdown["source"] == "days").any() else []),
            ],
        )
        st.caption("An empty cell (None) means the platform's export does not report that figure; it is not zero.")
    with right:
        if breakdown["engagement_rate"].notna().any():
            st.plotly_chart(charts.platform_bar_chart(breakdown), width="stretch")

changed_most(biggest, span_text(previous.start, previous.end))

notes = {c.label: c.engagement_note for c in REGISTRY if c.engagement_note and c.table == "post"}
ui.definitions_expander(
    ["posts", "impressions", "reach", "engagements", "engagement_rate", "follower_change"]
    + (["goal_progress", "goal_pace"] if glance else []),
    extra={f"Engagements in {label}": note for label, note in notes.items()},
)
