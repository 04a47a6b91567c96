"""The People page's chart: the supporter ladder, people per step per month."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from impact.charts.look import OKABE_ITO, layout
from impact.supporters.ladder import STEPS


def ladder_chart(steps: pd.DataFrame) -> go.Figure:
    """Grouped bars per month, one per step above follower (followers are counted, not named: a caption)."""
    fig = go.Figure()
    for index, step in enumerate(STEPS[1:]):
        rows = steps[steps["step"] == step]
        fig.add_bar(
            x=pd.to_datetime(rows["month"]),
            y=rows["people"],
            name=step.capitalize() + "s",
            marker_color=OKABE_ITO[index % len(OKABE_ITO)],
            hovertemplate=f"%{{y:,.0f}} {step}s<extra></extra>",
        )
    fig.update_layout(barmode="group", showlegend=True)
    fig.update_xaxes(tickformat="%b %Y", dtick="M1")
    fig = layout(fig, "People on each step of the ladder, per month", "People")
    largest = steps[steps["step"] != "follower"]["people"].max() if len(steps) else 0
    fig.update_yaxes(tickformat=",d", **({"dtick": 1} if pd.notna(largest) and largest <= 10 else {}))
    return fig
