"""Reach & engagement's charts: impressions and reach, engagement rate, its components, follower change."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from impact.charts.look import (
    PLATFORM_COLOURS,
    layout,
    whole_numbers,
)
from impact.figures.reach import COMPONENTS, output_label, reported_components
from impact.platforms import platform_label

_TICKS = {"day": "%d %b %Y", "week": "%d %b %Y", "month": "%b %Y"}


_HOVER_DATE = {"day": "%d %b %Y", "week": "week of %d %b %Y", "month": "%B %Y"}


def _colour(platform: str) -> str:
    return PLATFORM_COLOURS.get(platform, "#777777")


def _half_width_layout(fig: go.Figure, title: str, y_title: str, grain: str) -> go.Figure:
    """The shared look, with the legend under the plot: these charts stand two abreast, too narrow for it on top."""
    fig = layout(fig, title, y_title)
    fig.update_layout(
        legend={"orientation": "h", "yanchor": "top", "y": -0.12, "xanchor": "left", "x": 0},
        margin={"l": 10, "r": 10, "t": 40, "b": 10},
        height=400,
    )
    fig.update_xaxes(tickformat=_TICKS[grain], hoverformat=_HOVER_DATE[grain])
    return fig


def output_trend_chart(trend: pd.DataFrame, metric: str, grain: str) -> go.Figure:
    """A line per platform of impressions or reach per bucket, each labelled with how it is counted."""
    fig = go.Figure()
    for (platform, source), rows in trend.groupby(["platform", "source"], sort=False):
        label = output_label(metric, str(source), grain)
        fig.add_scatter(
            x=rows["bucket"],
            y=rows["value"],
            mode="lines+markers",
            name=f"{platform_label(str(platform))} ({'daily' if source == 'daily' else 'posts'})",
            line={"color": _colour(str(platform)), "dash": "solid" if source == "daily" else "dot"},
            marker={"size": 5},
            hovertemplate=f"%{{y:,.0f}} {label}<extra>%{{fullData.name}}</extra>",
        )
    title = "Impressions" if metric == "impressions" else "Reach"
    fig = _half_width_layout(fig, f"{title} per {grain}, by platform", title, grain)
    whole_numbers(fig.update_yaxes, trend["value"].max() if len(trend) else 0)
    return fig


def engagement_rate_chart(trend: pd.DataFrame, grain: str) -> go.Figure:
    """A line per platform of the impression-weighted engagement rate per bucket."""
    fig = go.Figure()
    data = trend.dropna(subset=["engagement_rate"])
    for platform, rows in data.groupby("platform", sort=False):
        fig.add_scatter(
            x=rows["bucket"],
            y=rows["engagement_rate"],
            customdata=rows[["rated_engagements", "rated_impressions"]].to_numpy(),
            mode="lines+markers",
            name=platform_label(str(platform)),
            line={"color": _colour(str(platform))},
            marker={"size": 5},
            hovertemplate="%{y:.2%} (%{customdata[0]:,.0f} ÷ %{customdata[1]:,.0f})",
        )
    fig = _half_width_layout(fig, f"Engagement rate per {grain}, by platform", "Engagement rate", grain)
    fig.update_yaxes(tickformat=".1%")
    return fig


# Okabe-Ito colours not used for the first platforms, so components do not read as platforms.
_COMPONENT_COLOURS = dict(zip(COMPONENTS, ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00"], strict=True))


def components_chart(trend: pd.DataFrame, platform: str, grain: str) -> go.Figure:
    """Stacked bars of one platform's likes, comments, shares, saves and clicks per bucket (those it reports)."""
    rows = trend[trend["platform"] == platform]
    fig = go.Figure()
    for component in reported_components(trend, platform):
        fig.add_bar(
            x=rows["bucket"],
            y=rows[component],
            name=component.capitalize(),
            marker_color=_COMPONENT_COLOURS[component],
            hovertemplate="%{y:,.0f}",
        )
    fig.update_layout(barmode="stack")
    fig = _half_width_layout(fig, f"{platform_label(platform)}: engagement components per {grain}", "Count", grain)
    components = reported_components(trend, platform)
    whole_numbers(fig.update_yaxes, rows[components].sum(axis=1).max() if len(rows) and components else 0)
    return fig


def follower_chart(growth: pd.DataFrame, grain: str) -> go.Figure:
    """Grouped bars of net follower change per bucket, a colour per platform; gained and lost on hover."""
    fig = go.Figure()
    for platform, rows in growth.groupby("platform", sort=False):
        if rows["net"].isna().all():
            continue  # a platform without a net figure gets no bar, not a zero bar
        fig.add_bar(
            x=rows["bucket"],
            y=rows["net"],
            customdata=[_flows_text(g, lost) for g, lost in zip(rows["gained"], rows["lost"], strict=True)],
            name=platform_label(str(platform)),
            marker_color=_colour(str(platform)),
            hovertemplate="%{y:+,.0f} net (%{customdata})",
        )
    fig.update_layout(barmode="group")
    fig = _half_width_layout(fig, f"Net follower change per {grain}, by platform", "Net followers", grain)
    fig.update_yaxes(rangemode="normal")
    whole_numbers(fig.update_yaxes, growth["net"].abs().max() if len(growth) else 0)
    return fig


def _flows_text(gained: float, lost: float) -> str:
    """'gained 5, lost 1' for a hover, saying 'not reported' rather than showing NaN or 0."""

    def said(value: float) -> str:
        return "not reported" if pd.isna(value) else f"{value:,.0f}"

    return f"gained {said(gained)}, lost {said(lost)}"
