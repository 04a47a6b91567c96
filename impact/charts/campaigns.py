"""The Campaigns page's charts: burn-up against the target, comparison with earlier campaigns, the chain."""

from __future__ import annotations

import html

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from impact.charts.look import (
    OKABE_ITO,
    PLATFORM_COLOURS,
    layout,
)


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
    fig = layout(fig, label, label)
    fig.update_layout(height=300, hovermode="closest")
    fig.update_xaxes(tickformat="%d %b")
    return fig


def _campaign_tick(name: str) -> str:
    """A typed campaign name as a tick label: short, and escaped (plotly reads <b>, <a href> and $maths$)."""
    short = name if len(name) <= 24 else name[:23] + "…"
    text = html.escape(short, quote=False)
    return ("\u200b" + text) if text.startswith("$") else text


def campaign_comparison_chart(comparison: pd.DataFrame) -> go.Figure:
    """Per goal metric, each campaign's figure on day N beside its figure at its end: grouped bars, own scale."""
    labels = list(dict.fromkeys(comparison["label"]))
    fig = make_subplots(rows=1, cols=max(len(labels), 1), subplot_titles=[html.escape(str(x)) for x in labels])
    n = int(comparison["day_n"].iloc[0]) if len(comparison) else 0
    for col, label in enumerate(labels, start=1):
        rows = comparison[comparison["label"] == label]
        ticks = [_campaign_tick(str(name)) for name in rows["campaign"]]
        for column, name, colour in (
            ("at_day_n", f"on day {n}", OKABE_ITO[0]),
            ("at_end", "at its end (or so far)", OKABE_ITO[4]),
        ):
            fig.add_bar(
                x=ticks, y=rows[column], name=name, marker_color=colour, showlegend=col == 1, legendgroup=column,
                hovertemplate="%{x}: %{y:,.0f}<extra>" + name + "</extra>", row=1, col=col,
            )  # fmt: skip
    fig = layout(fig, f"This campaign and earlier ones, like for like on day {n}", "")
    fig.update_layout(barmode="group", hovermode="closest", height=380)
    fig.update_yaxes(title=None)
    return fig


CHAIN_TOTAL_COLOUR = "#404040"  # the campaign's own figure: dark grey, no platform's colour


def chain_chart(chain: pd.DataFrame, steps: list[tuple[str, str]]) -> go.Figure:
    """The chain's conversions side by side, one panel per step (column, title), a bar per platform and the total.

    Each step has its own scale: 30 engagements per 1,000 impressions and 5 donors per 1,000 sessions
    cannot share an axis. A platform with no figure at a step gets no bar there, not a zero bar.
    """
    shown = [(column, title) for column, title in steps if chain[column].notna().any()]
    rows = chain[chain[[c for c, _ in shown]].notna().any(axis=1)] if shown else chain.iloc[0:0]
    order = [html.escape(str(label), quote=False) for label in rows["label"]]
    fig = make_subplots(
        rows=1, cols=max(len(shown), 1), shared_yaxes=True, horizontal_spacing=0.06,
        subplot_titles=[html.escape(title, quote=False) for _, title in shown] or [""],
    )  # fmt: skip
    colours = [CHAIN_TOTAL_COLOUR if p == "all" else PLATFORM_COLOURS.get(str(p), "#777777") for p in rows["platform"]]
    for col, (column, title) in enumerate(shown, start=1):
        values = [None if pd.isna(v) else float(v) for v in rows[column]]
        fig.add_bar(
            x=values, y=order, orientation="h", marker_color=colours, marker_line={"color": "#555555", "width": 0.5},
            text=["" if v is None else f"{v:,.1f}" for v in values], textposition="auto", showlegend=False,
            hovertemplate="%{y}: %{x:,.1f} " + html.escape(title, quote=False) + "<extra></extra>", row=1, col=col,
        )  # fmt: skip
    fig = layout(fig, "Where the chain converts, per 1,000 of the step before", "")
    fig.update_xaxes(rangemode="tozero", separatethousands=True, tickformat="~s")
    fig.update_yaxes(tickformat=None, title=None, categoryorder="array", categoryarray=order[::-1])
    fig.update_layout(hovermode="closest", height=110 + 34 * max(len(order), 1))
    fig.update_annotations(font={"size": 13})
    return fig
