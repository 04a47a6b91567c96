"""The Time & ROI page's charts: the budget calendar, results per hour, the share of time per activity."""

from __future__ import annotations

import html

import pandas as pd
import plotly.graph_objects as go

from impact.charts.look import (
    OKABE_ITO,
    PLATFORM_COLOURS,
    layout,
)


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
    fig = layout(fig, title, "")
    fig.update_yaxes(autorange="reversed", tickformat=None, rangemode=None, showgrid=False)
    fig.update_xaxes(tickformat="%d %b", showgrid=False)
    fig.update_layout(height=280, hovermode="closest")
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
    fig = layout(fig, html.escape(title, quote=False), "")
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
    fig = layout(fig, "Share of each month's hours by activity", "% of the month's hours")
    fig.update_layout(barmode="stack")
    fig.update_yaxes(range=[0, 100], tickformat=None, ticksuffix=" %")
    fig.update_xaxes(tickformat="%b %Y", dtick="M1")
    return fig
