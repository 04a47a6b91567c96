"""Overview: the period's headline figures against the previous period, and the trend per platform."""

from __future__ import annotations

import streamlit as st

from connectors import REGISTRY
from impact import charts
from impact.definitions import definition
from impact.metrics import Headline, data_range, headline, imported_file_count, platform_breakdown, weekly_trend
from pages import ui

ui.require_entrypoint(__file__)

filters = ui.current_filters()
st.title("Overview")
if filters is None:
    st.info("There is no data yet. Go to **Upload** and add the exports you downloaded from your platforms.")
    st.page_link("pages/upload.py", label="Upload exports", icon=":material/upload_file:")
    st.stop()
if not filters.platforms:
    st.warning("No platform is selected in the sidebar.")
    st.stop()

previous = filters.previous()
with ui.store() as con:
    now = headline(con, filters)
    span = data_range(con, filters.organisation_id)
    # Only compare with a previous period the data fully covers; a partial one makes every change look huge.
    before = headline(con, previous) if span and span[0] <= previous.start else None
    trend = weekly_trend(con, filters)
    breakdown = platform_breakdown(con, filters)
    files = imported_file_count(con, filters.organisation_id)

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


def change(current: float | None, earlier: float | None, percent_points: bool = False) -> str | None:
    """The delta shown under a figure; none when either period has no figure."""
    if current is None or earlier is None:
        return None
    if percent_points:
        return f"{(current - earlier) * 100:+.2f} pp"
    if earlier == 0:
        return f"{current - earlier:+,.0f}"
    return f"{current - earlier:+,.0f} ({(current - earlier) / earlier:+.0%})"


def tiles(now: Headline, before: Headline | None) -> None:
    if before is None:
        before = Headline(None, None, None, None, None, None, None)  # type: ignore[arg-type]
    cols = st.columns(5)
    cols[0].metric("Posts", ui.format_number(now.posts), change(now.posts, before.posts), help=definition("posts"))
    cols[1].metric(
        "Impressions",
        ui.format_number(now.impressions),
        change(now.impressions, before.impressions),
        help=definition("impressions"),
    )
    cols[2].metric(
        "Engagements",
        ui.format_number(now.engagements),
        change(now.engagements, before.engagements),
        help=definition("engagements"),
    )
    cols[3].metric(
        "Engagement rate",
        ui.format_rate(now.engagement_rate),
        change(now.engagement_rate, before.engagement_rate, percent_points=True),
        help=definition("engagement_rate"),
    )
    cols[4].metric(
        "Follower change",
        "–" if now.follower_change is None else f"{now.follower_change:+,}",
        change(now.follower_change, before.follower_change),
        help=definition("follower_change"),
    )


tiles(now, before)
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
    st.plotly_chart(charts.weekly_trend_chart(trend, metric, metric.capitalize()), width="stretch")
    left, right = st.columns([3, 2])
    with left:
        st.subheader("By platform")
        table = breakdown.assign(platform=breakdown["platform"].map(charts.platform_label)).rename(
            columns={
                "platform": "Platform",
                "posts": "Posts",
                "impressions": "Impressions",
                "reach": "Sum of post reach",
                "engagements": "Engagements",
                "engagement_rate": "Engagement rate",
            }
        )
        st.dataframe(
            table,
            hide_index=True,
            width="stretch",
            column_config={
                "Engagement rate": st.column_config.NumberColumn(format="percent"),
                "Impressions": st.column_config.NumberColumn(format="localized"),
                "Sum of post reach": st.column_config.NumberColumn(format="localized", help=definition("reach")),
                "Engagements": st.column_config.NumberColumn(format="localized"),
            },
        )
        st.caption("An empty cell (None) means the platform's export does not report that figure; it is not zero.")
    with right:
        if breakdown["engagement_rate"].notna().any():
            st.plotly_chart(charts.platform_bar_chart(breakdown), width="stretch")

notes = {c.label: c.engagement_note for c in REGISTRY if c.engagement_note and c.table == "post"}
ui.definitions_expander(
    ["posts", "impressions", "reach", "engagements", "engagement_rate", "follower_change"],
    extra={f"Engagements in {label}": note for label, note in notes.items()},
)
