"""The Base platform page's charts: sessions by source and sessions per day."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from impact.charts.look import (
    OKABE_ITO,
    PLATFORM_COLOURS,
    layout,
    whole_numbers,
)

_NOT_SOCIAL_COLOUR = "#BBBBBB"


_UNKNOWN_SOCIAL_COLOUR = "#777777"


_WHATSAPP_COLOUR = "#F0E442"  # Okabe-Ito yellow; no other platform on this chart uses it


def _source_colour(source_class: str, platform: object) -> str:
    if source_class != "social":
        return _NOT_SOCIAL_COLOUR  # grey, so the sessions social media sent stand out
    if platform == "whatsapp":
        return _WHATSAPP_COLOUR
    return PLATFORM_COLOURS.get(str(platform), _UNKNOWN_SOCIAL_COLOUR)


def sessions_by_source_chart(by_source: pd.DataFrame) -> go.Figure:
    """Sessions per source as horizontal bars: each social platform in its colour, the rest grey."""
    data = by_source.dropna(subset=["sessions"]).iloc[::-1]  # plotly draws the first row at the bottom
    total = data["sessions"].sum()
    fig = go.Figure(
        go.Bar(
            x=data["sessions"],
            y=data["source"],
            orientation="h",
            marker_color=[_source_colour(c, p) for c, p in zip(data["source_class"], data["platform"], strict=True)],
            marker_line={"color": "#555555", "width": 0.5},
            text=[f"{v:,.0f} ({v / total:.0%})" if total else f"{v:,.0f}" for v in data["sessions"]],
            textposition="auto",
            hovertemplate="%{y}: %{x:,.0f} sessions<extra></extra>",
        )
    )
    fig = layout(fig, "Website sessions by source (social media in colour)", "")
    fig.update_xaxes(title="Sessions", separatethousands=True, rangemode="tozero")
    fig.update_yaxes(tickformat=None, title=None)
    fig.update_layout(hovermode="closest", height=90 + 32 * max(len(data), 1))
    return fig


def daily_sessions_chart(daily: pd.DataFrame) -> go.Figure:
    """All website sessions per day, as a line."""
    fig = go.Figure(
        go.Scatter(
            x=daily["day"],
            y=daily["sessions"],
            mode="lines",
            name="Sessions",
            line={"color": OKABE_ITO[0], "width": 1.5},
            hovertemplate="%{x|%d %b %Y}: %{y:,.0f} sessions<extra></extra>",
        )
    )
    fig = layout(fig, "Website sessions per day (all sources)", "Sessions")
    whole_numbers(fig.update_yaxes, daily["sessions"].max() if len(daily) else 0)
    fig.update_xaxes(tickformat="%d %b %Y")
    fig.update_layout(hovermode="closest", showlegend=False)
    return fig
