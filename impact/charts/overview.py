"""The Overview's charts: weekly bars per platform and the engagement rate per platform."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from impact.charts.look import (
    PLATFORM_COLOURS,
    layout,
    whole_numbers,
)
from impact.platforms import platform_label

_WEEK_MS = 7 * 24 * 3600 * 1000


def weekly_trend_chart(trend: pd.DataFrame, metric: str, metric_label: str) -> go.Figure:
    """Stacked weekly bars of one metric, a colour per platform; exact figures on hover."""
    fig = go.Figure()
    for platform, rows in trend.groupby("platform", sort=False):
        values = rows[metric]
        if values.isna().all():
            continue  # a platform that does not report this metric gets no bar, not a zero bar
        fig.add_bar(
            x=rows["week"],
            y=values,
            name=platform_label(str(platform)),
            marker_color=PLATFORM_COLOURS.get(str(platform), "#777777"),
            hovertemplate="%{y:,.0f}",
            width=_WEEK_MS * 0.85,  # a week's bar is a week wide, however few weeks there are
        )
    fig.update_layout(barmode="stack")
    fig.update_xaxes(tickformat="%d %b %Y")
    weeks = pd.to_datetime(trend["week"]).drop_duplicates()
    if 0 < len(weeks) < 8:
        # A few weeks only: one tick per week (plotly would repeat one date), with room either side.
        pad = pd.Timedelta(days=5)
        fig.update_xaxes(dtick=_WEEK_MS, tick0=weeks.min(), range=[weeks.min() - pad, weeks.max() + pad])
    fig = layout(fig, f"{metric_label} per week, by platform", metric_label)
    whole_numbers(fig.update_yaxes, trend.groupby("week")[metric].sum().max() if len(trend) else 0)
    return fig


def platform_bar_chart(breakdown: pd.DataFrame) -> go.Figure:
    """Engagement rate per platform (impression-weighted), as horizontal bars."""
    data = breakdown.dropna(subset=["engagement_rate"]).sort_values("engagement_rate")
    fig = go.Figure(
        go.Bar(
            x=data["engagement_rate"],
            y=[platform_label(p) for p in data["platform"]],
            orientation="h",
            marker_color=[PLATFORM_COLOURS.get(p, "#777777") for p in data["platform"]],
            text=[f"{v:.2%}" for v in data["engagement_rate"]],
            textposition="auto",
            hovertemplate="%{y}: %{x:.2%}<extra></extra>",
        )
    )
    fig = layout(fig, "Engagement rate by platform", "")
    fig.update_xaxes(tickformat=".1%", rangemode="tozero")
    fig.update_yaxes(tickformat=None, title=None)
    fig.update_layout(hovermode="closest", height=80 + 45 * max(len(data), 1))
    return fig
