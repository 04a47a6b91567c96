"""DataFrame -> plotly Figure, with one shared look.

Colours: the Okabe-Ito palette, safe for the common forms of colour blindness; each platform
keeps its colour on every chart.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from connectors import PLATFORM_LABELS, PLATFORMS

OKABE_ITO = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]
PLATFORM_COLOURS = {p: OKABE_ITO[i % len(OKABE_ITO)] for i, p in enumerate(PLATFORMS)}
_WEEK_MS = 7 * 24 * 3600 * 1000
FONT = "Source Sans Pro, Segoe UI, Helvetica, Arial, sans-serif"


def _layout(fig: go.Figure, title: str, y_title: str) -> go.Figure:
    fig.update_layout(
        title={"text": title, "x": 0, "xanchor": "left", "font": {"size": 16}},
        font={"family": FONT, "size": 13},
        template="plotly_white",
        margin={"l": 10, "r": 10, "t": 50, "b": 10},
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.0, "xanchor": "right", "x": 1, "title": None},
        hovermode="x unified",
        height=360,
    )
    fig.update_yaxes(title=y_title, rangemode="tozero", separatethousands=True, tickformat="~s")
    fig.update_xaxes(title=None)
    return fig


def platform_label(platform: str) -> str:
    """The name people know a platform by."""
    return PLATFORM_LABELS.get(platform, platform)


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
    return _layout(fig, f"{metric_label} per week, by platform", metric_label)


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
    fig = _layout(fig, "Engagement rate by platform", "")
    fig.update_xaxes(tickformat=".1%", rangemode="tozero")
    fig.update_yaxes(tickformat=None, title=None)
    fig.update_layout(hovermode="closest", height=80 + 45 * max(len(data), 1))
    return fig


def burn_up_chart(series: pd.DataFrame, target: float, ends: object, label: str, ceiling: bool) -> go.Figure:
    """A goal's running total against its target, with the line the pace so far leads to."""
    fig = go.Figure()
    fig.add_scatter(
        x=series["day"], y=series["total"], mode="lines", name="so far", line={"color": OKABE_ITO[0], "width": 3},
        hovertemplate="%{x|%d %b %Y}: %{y:,.0f}<extra></extra>",
    )  # fmt: skip
    if len(series) > 0:
        start, last = series["day"].iloc[0], series["day"].iloc[-1]
        days_so_far = (pd.Timestamp(last) - pd.Timestamp(start)).days + 1
        total_days = (pd.Timestamp(ends) - pd.Timestamp(start)).days + 1  # type: ignore[arg-type]
        projected = series["total"].iloc[-1] * total_days / days_so_far
        fig.add_scatter(
            x=[last, ends], y=[series["total"].iloc[-1], projected], mode="lines", name="at this pace",
            line={"color": OKABE_ITO[1], "dash": "dot"}, hovertemplate="%{x|%d %b %Y}: %{y:,.0f}<extra></extra>",
        )  # fmt: skip
    fig.add_hline(
        y=target, line={"color": OKABE_ITO[5] if ceiling else OKABE_ITO[2], "dash": "dash"},
        annotation_text=("ceiling " if ceiling else "target ") + f"{target:,.0f}", annotation_position="top left",
    )  # fmt: skip
    fig = _layout(fig, label, label)
    fig.update_layout(height=300, hovermode="closest")
    fig.update_xaxes(tickformat="%d %b")
    return fig
