"""DataFrame -> plotly Figure, with one shared look.

Colours: the Okabe-Ito palette, safe for the common forms of colour blindness; each platform
keeps its colour on every chart.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from datetime import date

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio

from connectors import PLATFORMS

OKABE_ITO = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]
PLATFORM_COLOURS = {p: OKABE_ITO[i % len(OKABE_ITO)] for i, p in enumerate(PLATFORMS)}
FONT = "Source Sans Pro, Segoe UI, Helvetica, Arial, sans-serif"
# Every chart's template, as plotly's default: a new figure takes the default as already checked, while a template
# named in update_layout is checked anew, key by key, for each figure (most of the time a chart takes to build).
# The figures are the same. Every chart module imports this one before it makes a figure.
TEMPLATE = "plotly_white"
pio.templates.default = TEMPLATE


def layout(fig: go.Figure, title: str, y_title: str) -> go.Figure:
    if pio.templates.default != TEMPLATE:
        # Importing Streamlit's charts after this module makes its own template the default (tests do; the app
        # imports Streamlit first): this figure is given the white one by name, and the default is set again.
        pio.templates.default = TEMPLATE
        fig.update_layout(template=TEMPLATE)
    fig.update_layout(
        title={"text": title, "x": 0, "xanchor": "left", "font": {"size": 16}},
        font={"family": FONT, "size": 13},
        margin={"l": 10, "r": 10, "t": 50, "b": 10},
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.0, "xanchor": "right", "x": 1, "title": None},
        hovermode="x unified",
        height=360,
    )
    fig.update_yaxes(title=y_title, rangemode="tozero", separatethousands=True, tickformat="~s")
    fig.update_xaxes(title=None)
    return fig


def whole_numbers(update_axis: Callable[..., object], largest: float, tickformat: str | None = None) -> None:
    """A count axis whose figures are at most 10 gets a tick per unit; tickformat: its format above that.

    Plotly's own ticks for small counts are fractions, and the shared "~s" format writes 0.2 as "200m": a page
    with 1 post a week, or none, would read "800m impressions".
    """
    if abs(largest) <= 10 or pd.isna(largest):
        update_axis(dtick=1, tickformat=",d")
    elif tickformat is not None:
        update_axis(tickformat=tickformat)


CAMPAIGN_SHADE = "#7F7F7F"  # neutral grey: no platform's colour, and the bars and lines stay legible over it
_HALF_BUCKET = {"day": pd.Timedelta(hours=12), "week": pd.Timedelta(days=3.5), "month": pd.Timedelta(days=15)}
_LABEL_CHARS = 28  # longer campaign names are cut in the label; the full name is on hover and in the caption
_CHARS_ACROSS = 45  # about how many label characters a half-width chart holds, to tell when labels collide
_LANES = 4
_LANE_HEIGHT = 0.08  # of the plot's height, between staggered labels


def _bucket_start(day: date, grain: str) -> pd.Timestamp:
    """The start of the bucket (Monday for a week, the 1st for a month) a day falls in, as the queries truncate."""
    t = pd.Timestamp(day).normalize()
    if grain == "week":
        return t - pd.Timedelta(days=t.weekday())
    if grain == "month":
        return t.replace(day=1)
    return t


def _x_extent(fig: go.Figure, half: pd.Timedelta) -> tuple[pd.Timestamp, pd.Timestamp] | None:
    """The dates the chart shows: its fixed range, else its data's first and last x (bars to their edges)."""
    if fig.layout.xaxis.range:
        low, high = fig.layout.xaxis.range
        return pd.Timestamp(low), pd.Timestamp(high)
    lows, highs = [], []
    for trace in fig.data:
        xs = getattr(trace, "x", None)
        if xs is None or len(xs) == 0:
            continue
        values = pd.to_datetime(pd.Series(list(xs)), errors="coerce").dropna()
        if values.empty:
            continue
        pad = half if trace.type == "bar" else pd.Timedelta(0)
        lows.append(values.min() - pad)
        highs.append(values.max() + pad)
    return (min(lows), max(highs)) if lows else None


def mark_campaigns(
    fig: go.Figure, periods: list[tuple[str, date, date]], grain: str = "day"
) -> list[tuple[str, date, date]]:
    """Shade each campaign's period on a chart over time, named at the top; the periods drawn.

    A chart whose x is bucket starts (weeks from Monday, months from the 1st) draws each bucket
    centred on its start, so the band covers whole buckets: from half a bucket before the one the
    campaign starts in to half a bucket after the one it ends in. Bands are cut to the chart's dates.
    Labels of overlapping campaigns go on rows below one another.
    """
    half = _HALF_BUCKET[grain]
    extent = _x_extent(fig, half)
    if extent is None or not periods:
        return []
    low, high = extent
    span = high - low
    bands = []
    for period in periods:
        name, starts, ends = period
        x0 = max(_bucket_start(starts, grain) - half, low)
        x1 = min(_bucket_start(ends, grain) + half, high)
        if x0 < x1:
            bands.append((period, x0, x1))
    lane_ends: list[pd.Timestamp] = []
    for period, x0, x1 in sorted(bands, key=lambda b: b[1]):
        name = str(period[0])
        short = name if len(name) <= _LABEL_CHARS else name[: _LABEL_CHARS - 1] + "…"
        width = span * len(short) / _CHARS_ACROSS
        at_right = x0 > low + span * 0.7  # a label near the right edge runs leftwards, inside the plot
        left, right = (min(x0, x1 - width), x1) if at_right else (x0, max(x1, x0 + width))
        lane = next((i for i, end in enumerate(lane_ends) if end <= left), len(lane_ends))
        if lane == len(lane_ends):
            lane_ends.append(right)
        lane_ends[lane] = right
        fig.add_vrect(x0=x0, x1=x1, fillcolor=CAMPAIGN_SHADE, opacity=0.14, line_width=0, layer="below")
        # Plotly reads <b>, <a href> and $maths$ in text: a typed name is escaped and shown as typed.
        text = html.escape(short, quote=False)
        fig.add_annotation(
            x=x1 if at_right else x0, xanchor="right" if at_right else "left", xref="x",
            y=1 - (lane % _LANES) * _LANE_HEIGHT, yanchor="top", yref="paper",
            text=("\u200b" + text) if text.startswith("$") else text, hovertext=html.escape(name, quote=False),
            showarrow=False, font={"size": 10, "color": "#404040"}, bgcolor="rgba(255,255,255,0.75)",
        )  # fmt: skip
    return [b[0] for b in bands]
