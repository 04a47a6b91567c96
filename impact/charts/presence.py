"""Web presence: a scorecard's component points, a portfolio's quarterly trend, small multiples per grantee."""

from __future__ import annotations

import html

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from impact.charts.look import OKABE_ITO, layout, whole_numbers

MEDIAN_COLOUR = "#7F7F7F"


def component_chart(components: pd.DataFrame, median: dict[str, float | None] | None = None) -> go.Figure:
    """Horizontal bars of each measured component's points (0 to 100); the portfolio's median as ticks.

    components: name, key, points (None: not measured, drawn as an empty row labelled so).
    """
    frame = components.iloc[::-1].copy()  # plotly draws the first row at the bottom
    frame["points"] = pd.to_numeric(frame["points"], errors="coerce")  # None (not measured) as NaN, not object
    measured = frame["points"].notna()
    fig = go.Figure(
        go.Bar(
            x=frame["points"].fillna(0),
            y=[
                html.escape(str(n)) + ("" if m else " (not measured)")
                for n, m in zip(frame["name"], measured, strict=True)
            ],
            orientation="h",
            marker_color=[OKABE_ITO[0] if m else "rgba(0,0,0,0)" for m in measured],
            text=[f"{p:.0f}" if m else "" for p, m in zip(frame["points"].fillna(0), measured, strict=True)],
            textposition="outside",
            hovertemplate="%{y}: %{x:.1f} points<extra></extra>",
            name="Points",
        )
    )
    if median:
        keys = [k for k in frame["key"] if median.get(k) is not None]
        names = [
            n + ("" if m else " (not measured)")
            for n, k, m in zip(frame["name"], frame["key"], measured, strict=True)
            if k in keys
        ]
        fig.add_trace(
            go.Scatter(
                x=[median[k] for k in keys],
                y=[html.escape(n) for n in names],
                mode="markers",
                marker={"symbol": "line-ns-open", "size": 22, "line": {"width": 3, "color": MEDIAN_COLOUR}},
                name="Portfolio median",
                hovertemplate="median %{x:.1f}<extra></extra>",
            )
        )
    layout(fig, "Points per component (0 to 100)", "")
    fig.update_layout(hovermode="closest", height=60 + 38 * len(frame), showlegend=bool(median))
    fig.update_xaxes(range=[0, 110], title="points", tickformat="d")
    fig.update_yaxes(title=None, tickformat="")
    return fig


def trend_chart(trend: pd.DataFrame) -> go.Figure:
    """The score per quarter, a line per grantee. trend: organisation, quarter, score."""
    fig = go.Figure()
    for index, (name, rows) in enumerate(trend.groupby("organisation", sort=True)):
        fig.add_trace(
            go.Scatter(
                x=rows["quarter"],
                y=rows["score"],
                mode="lines+markers",
                name=html.escape(str(name)),
                line={"color": OKABE_ITO[index % len(OKABE_ITO)]},
                connectgaps=False,
                hovertemplate="%{x}: %{y:.1f}<extra>" + html.escape(str(name)) + "</extra>",
            )
        )
    layout(fig, "Web-presence score per quarter", "score")
    fig.update_yaxes(range=[0, 100], tickformat="d")
    fig.update_layout(hovermode="closest")
    return fig


def small_multiples(weekly: pd.DataFrame, metric: str, title: str, rate: bool = False) -> go.Figure:
    """One small chart per grantee, same axes, of a weekly figure. weekly: organisation, week, <metric>."""
    names = sorted(weekly["organisation"].unique())
    columns = min(3, max(1, len(names)))
    rows = max(1, -(-len(names) // columns))
    fig = make_subplots(
        rows=rows,
        cols=columns,
        shared_xaxes="all",
        shared_yaxes="all",  # the same scale in every row too: grantees compare at a glance
        subplot_titles=[html.escape(n if len(n) <= 34 else n[:33] + "…") for n in names],
        vertical_spacing=0.12,
        horizontal_spacing=0.04,
    )
    for index, name in enumerate(names):
        frame = weekly[weekly["organisation"] == name]
        fig.add_trace(
            go.Scatter(
                x=frame["week"],
                y=frame[metric],
                mode="lines",
                line={"color": OKABE_ITO[0], "width": 1.5},
                showlegend=False,
                hovertemplate="week of %{x|%d %b %Y}: %{y" + (":.2%" if rate else ":,.0f") + "}<extra></extra>",
            ),
            row=index // columns + 1,
            col=index % columns + 1,
        )
    layout(fig, title, "")
    fig.update_layout(height=120 + 200 * rows, hovermode="closest", showlegend=False)
    fig.update_yaxes(rangemode="tozero", tickformat=".1%" if rate else "~s", title=None)
    if not rate:
        whole_numbers(fig.update_yaxes, weekly[metric].max() if len(weekly) else 0)
    fig.update_annotations(font_size=12)
    return fig
