"""DataFrame -> plotly Figure, with one shared look.

Colours: the Okabe-Ito palette, safe for the common forms of colour blindness; each platform
keeps its colour on every chart.
"""

from __future__ import annotations

import html
from datetime import date

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

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


def budget_calendar(days: pd.DataFrame) -> go.Figure:
    """Minutes per day as a calendar (a column per week, a row per weekday) against the daily budget.

    Within the budget the cells go from light to dark blue; over it they turn orange, and carry a
    "+" so the difference does not rest on colour alone.
    """
    frame = days.assign(day=pd.to_datetime(days["day"]))
    frame["week"] = frame["day"] - pd.to_timedelta(frame["day"].dt.weekday, unit="D")
    frame["weekday"] = frame["day"].dt.weekday
    weekdays = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
    weeks = sorted(frame["week"].unique())
    minutes = frame.pivot(index="weekday", columns="week", values="minutes").reindex(index=range(7), columns=weeks)
    dates = frame.pivot(index="weekday", columns="week", values="day").reindex(index=range(7), columns=weeks)
    budget = frame["budget"].dropna()
    limit = float(budget.iloc[0]) if len(budget) else None
    marks = minutes.apply(lambda col: col.map(lambda m: "+" if limit is not None and m > limit else ""))
    labels = dates.apply(lambda col: col.map(lambda d: "" if pd.isna(d) else f"{d:%a %d %b %Y}"))
    if limit is None:
        colours: list = [[0, "#f2f2f2"], [0.0001, "#deebf7"], [1, "#08519c"]]
        top = max(float(frame["minutes"].max()), 1.0)
    else:
        # The budget sits at the middle of the scale: blue up to it, orange beyond (up to twice the budget).
        colours = [[0, "#f2f2f2"], [0.0001, "#deebf7"], [0.5, "#2171b5"], [0.5001, "#fdae6b"], [1, "#d94801"]]
        top = 2 * limit
    fig = go.Figure(
        go.Heatmap(
            z=minutes.values, x=weeks, y=weekdays, customdata=labels.values, text=marks.values,
            texttemplate="%{text}", zmin=0, zmax=top, colorscale=colours, xgap=2, ygap=2,
            colorbar={"title": "minutes", "thickness": 12},
            hovertemplate="%{customdata}: %{z:,.0f} min<extra></extra>",
        )
    )  # fmt: skip
    title = "Minutes per day" + (f" against the budget of {limit:,.0f} (+ = over)" if limit is not None else "")
    fig = _layout(fig, title, "")
    fig.update_yaxes(autorange="reversed", tickformat=None, rangemode=None, showgrid=False)
    fig.update_xaxes(tickformat="%d %b", showgrid=False)
    fig.update_layout(height=280, hovermode="closest")
    return fig


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
    fig = _layout(fig, f"This campaign and earlier ones, like for like on day {n}", "")
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
    fig = _layout(fig, "Where the chain converts, per 1,000 of the step before", "")
    fig.update_xaxes(rangemode="tozero", separatethousands=True, tickformat="~s")
    fig.update_yaxes(tickformat=None, title=None, categoryorder="array", categoryarray=order[::-1])
    fig.update_layout(hovermode="closest", height=110 + 34 * max(len(order), 1))
    fig.update_annotations(font={"size": 13})
    return fig


RESULTS_TOTAL_COLOUR = "#404040"  # the all-platforms row: dark grey, no platform's colour


def results_per_hour_chart(table: pd.DataFrame, column: str, title: str, by_platform: bool) -> go.Figure:
    """One figure per row (a result per hour, or hours) as horizontal bars; each platform in its colour.

    Rows without the figure get no bar, not a zero bar; names (campaigns are typed by people) are escaped.
    """
    rows = table[table[column].notna()]
    labels = [html.escape(str(label), quote=False) for label in rows["label"]]
    colours = [
        RESULTS_TOTAL_COLOUR if total else PLATFORM_COLOURS.get(str(key), "#777777") if by_platform else OKABE_ITO[0]
        for key, total in zip(rows["key"], rows["is_total"], strict=True)
    ]
    values = [float(v) for v in rows[column]]
    fig = go.Figure(
        go.Bar(
            x=values, y=labels, orientation="h", marker_color=colours, marker_line={"color": "#555555", "width": 0.5},
            text=[f"{v:,.1f}" for v in values], textposition="auto",
            hovertemplate="%{y}: %{x:,.1f}<extra></extra>",
        )
    )  # fmt: skip
    fig = _layout(fig, html.escape(title, quote=False), "")
    fig.update_xaxes(rangemode="tozero", separatethousands=True, tickformat="~s")
    fig.update_yaxes(tickformat=None, title=None, categoryorder="array", categoryarray=labels[::-1])
    fig.update_layout(hovermode="closest", height=110 + 34 * max(len(labels), 1))
    return fig


# The activities of the time log, in the habit's order (listen, engage, deliver, then measure); Okabe-Ito,
# so the four stay apart for colour-blind readers; hours without an activity in neutral grey.
ACTIVITY_COLOURS = {"listen": "#56B4E9", "engage": "#009E73", "create": "#E69F00", "measure": "#CC79A7",
                    "unspecified": "#BBBBBB"}  # fmt: skip


def activity_share_chart(by_month: pd.DataFrame) -> go.Figure:
    """Each month's hours split by activity as a 100 % stacked bar (month, activity, label, hours, share)."""
    fig = go.Figure()
    for activity, rows in by_month.groupby("activity", sort=False):
        fig.add_bar(
            x=pd.to_datetime(rows["month"]), y=rows["share"] * 100, name=str(rows["label"].iloc[0]),
            marker_color=ACTIVITY_COLOURS.get(str(activity), "#777777"), customdata=rows["hours"],
            hovertemplate="%{y:.0f} % (%{customdata:,.1f} h)",
        )  # fmt: skip
    fig = _layout(fig, "Share of each month's hours by activity", "% of the month's hours")
    fig.update_layout(barmode="stack")
    fig.update_yaxes(range=[0, 100], tickformat=None, ticksuffix=" %")
    fig.update_xaxes(tickformat="%b %Y", dtick="M1")
    return fig
