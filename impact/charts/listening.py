"""The Listening page's charts: mentions per week by feed, and mentions by keywords."""

from __future__ import annotations

import html

import pandas as pd
import plotly.graph_objects as go

from impact.charts.look import OKABE_ITO, layout, whole_numbers

_WEEK_MS = 7 * 24 * 3600 * 1000
_LABEL_CHARS = 40  # longer feed names and keywords are cut on the chart; the table has them whole


def _shown(name: object) -> str:
    """A feed's name or keywords as plotly shows them: it reads <b>, <a href> and $maths$, so they are escaped."""
    text = str(name)
    short = text if len(text) <= _LABEL_CHARS else text[: _LABEL_CHARS - 1] + "…"
    escaped = html.escape(short, quote=False)
    return "\u200b" + escaped if escaped.startswith("$") else escaped


def weekly_mentions_chart(weekly: pd.DataFrame) -> go.Figure:
    """Stacked weekly bars of mentions, a colour per feed; the exact count on hover."""
    fig = go.Figure()
    for index, (source, rows) in enumerate(weekly.groupby("source", sort=True)):
        fig.add_bar(
            x=rows["week"],
            y=rows["mentions"],
            name=_shown(source),
            marker_color=OKABE_ITO[index % len(OKABE_ITO)],
            hovertemplate="%{y:,.0f} mentions",
            width=_WEEK_MS * 0.85,  # a week's bar is a week wide, however few weeks there are
        )
    fig.update_layout(barmode="stack", showlegend=True)
    fig.update_xaxes(tickformat="%d %b %Y")
    weeks = pd.to_datetime(weekly["week"]).drop_duplicates()
    if 0 < len(weeks) < 8:
        # A few weeks only: one tick per week (plotly would repeat one date), with room either side.
        pad = pd.Timedelta(days=5)
        fig.update_xaxes(dtick=_WEEK_MS, tick0=weeks.min(), range=[weeks.min() - pad, weeks.max() + pad])
    fig = layout(fig, "Mentions per week, by listening feed", "Mentions")
    whole_numbers(fig.update_yaxes, weekly.groupby("week")["mentions"].sum().max() if len(weekly) else 0, ",d")
    return fig


def keyword_chart(by_keyword: pd.DataFrame) -> go.Figure:
    """Mentions per keywords (what each feed listens for) over the period, as horizontal bars."""
    data = by_keyword.iloc[::-1]  # plotly draws the first row at the bottom
    fig = go.Figure(
        go.Bar(
            x=data["mentions"],
            y=[_shown(k) for k in data["keywords"]],
            orientation="h",
            marker_color=OKABE_ITO[0],
            text=[f"{v:,.0f}" for v in data["mentions"]],
            textposition="auto",
            hovertemplate="%{y}: %{x:,.0f} mentions<extra></extra>",
        )
    )
    fig = layout(fig, "Mentions by keywords", "")
    fig.update_xaxes(title="Mentions", rangemode="tozero")
    whole_numbers(fig.update_xaxes, data["mentions"].max() if len(data) else 0, ",d")
    fig.update_yaxes(tickformat=None, title=None)
    fig.update_layout(hovermode="closest", height=110 + 36 * max(len(data), 1))
    return fig
