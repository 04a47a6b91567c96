"""The Content page's charts: best time to post, content types, hashtags."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from impact.charts.look import (
    OKABE_ITO,
    PLATFORM_COLOURS,
    layout,
)
from impact.figures.content import MIN_POSTS_PER_CELL, WEEKDAYS, BestTime
from impact.platforms import platform_label


def best_time_chart(best: BestTime, min_posts: int = MIN_POSTS_PER_CELL) -> go.Figure:
    """Weekday x hour heatmap of the median rate; cells with too few posts grey, empty cells blank."""
    hours = list(range(24))
    grid = {(int(r.weekday), int(r.hour)): (float(r.median_rate), int(r.posts)) for r in best.cells.itertuples()}

    def layer(trusted: bool) -> tuple[list[list[float | None]], list[list[str]]]:
        z: list[list[float | None]] = []
        text: list[list[str]] = []
        for day in range(1, 8):
            z.append([])
            text.append([])
            for hour in hours:
                rate, count = grid.get((day, hour), (None, 0))
                shown = count > 0 and (count >= min_posts) == trusted
                z[-1].append((rate if trusted else 1.0) if shown else None)
                note = "" if count >= min_posts else f" (fewer than {min_posts} posts: not rated)"
                text[-1].append(
                    f"{WEEKDAYS[day - 1]} {hour:02d}:00–{hour:02d}:59<br>"
                    f"median rate {rate:.2%}, {count} post{'' if count == 1 else 's'}{note}"
                    if rate is not None
                    else ""
                )
        return z, text

    y = list(WEEKDAYS)
    x = [f"{h:02d}" for h in hours]
    rated, rated_text = layer(True)
    sparse, sparse_text = layer(False)
    fig = go.Figure()
    fig.add_heatmap(
        z=sparse,
        x=x,
        y=y,
        text=sparse_text,
        hovertemplate="%{text}<extra></extra>",
        colorscale=[[0, "#DDDDDD"], [1, "#DDDDDD"]],
        showscale=False,
        xgap=2,
        ygap=2,
        hoverongaps=False,
    )
    fig.add_heatmap(
        z=rated,
        x=x,
        y=y,
        text=rated_text,
        hovertemplate="%{text}<extra></extra>",
        colorscale="Blues",  # one hue, light to dark: readable with any colour vision
        colorbar={"title": {"text": "Median rate"}, "tickformat": ".1%"},
        xgap=2,
        ygap=2,
        hoverongaps=False,
    )
    fig = layout(fig, f"Best time to post: median engagement rate ({best.timezone} time)", "")
    fig.update_yaxes(autorange="reversed", tickformat=None, rangemode="normal", title=None)
    fig.update_xaxes(title="Hour of the day", type="category")
    fig.update_layout(hovermode="closest", height=380, plot_bgcolor="white")
    return fig


def content_type_chart(types: pd.DataFrame) -> go.Figure:
    """Engagement rate per post type, a bar per platform, so types compare within and across platforms."""
    data = types.dropna(subset=["engagement_rate"])
    fig = go.Figure()
    for platform, rows in data.groupby("platform", sort=False):
        fig.add_bar(
            x=rows["content_type"],
            y=rows["engagement_rate"],
            name=platform_label(str(platform)),
            marker_color=PLATFORM_COLOURS.get(str(platform), "#777777"),
            customdata=rows[["posts", "kind"]].fillna("not given").to_numpy(),
            hovertemplate="%{x} (%{customdata[1]}): %{y:.2%} over %{customdata[0]} posts<extra>%{fullData.name}</extra>",
        )
    fig = layout(fig, "Engagement rate by post type", "Engagement rate")
    fig.update_yaxes(tickformat=".1%")
    # The legend goes under the plot: in a half-width column it would run into the title.
    legend = {"orientation": "h", "yanchor": "top", "y": -0.25, "xanchor": "left", "x": 0}
    fig.update_layout(barmode="group", hovermode="closest", legend=legend, height=400)
    return fig


def hashtag_chart(tags: pd.DataFrame, limit: int = 15) -> go.Figure:
    """Engagement rate of the most used hashtags, as horizontal bars with the number of posts."""
    data = tags.dropna(subset=["engagement_rate"]).head(limit).sort_values("engagement_rate")
    fig = go.Figure(
        go.Bar(
            x=data["engagement_rate"],
            y=data["hashtag"],
            orientation="h",
            marker_color=OKABE_ITO[0],
            text=[f"{r:.2%} · {p} posts" for r, p in zip(data["engagement_rate"], data["posts"], strict=True)],
            textposition="auto",
            hovertemplate="%{y}: %{text}<extra></extra>",
        )
    )
    fig = layout(fig, f"Engagement rate of the {len(data)} most used hashtags", "")
    fig.update_xaxes(tickformat=".1%", rangemode="tozero")
    fig.update_yaxes(tickformat=None, title=None, type="category")
    fig.update_layout(hovermode="closest", height=90 + 26 * max(len(data), 1))
    return fig
