"""Pieces of the Overview page: the headline tiles, the year-on-year line, campaign goals, what changed most."""

from __future__ import annotations

from datetime import date
from itertools import groupby

import streamlit as st

from impact import platforms
from impact.campaigns.goals import GLANCE_ENDED_WITHIN_DAYS, GOAL_METRICS, GoalGlance
from impact.definitions import definition
from impact.figures.overview import Change, Headline
from pages import ui


def change(current: float | None, earlier: float | None, percent_points: bool = False) -> str | None:
    """The delta shown under a figure; none when either period has no figure."""
    if current is None or earlier is None:
        return None
    if percent_points:
        return f"{(current - earlier) * 100:+.2f} pp"
    if earlier == 0:
        return f"{current - earlier:+,.0f}"
    return f"{current - earlier:+,.0f} ({(current - earlier) / earlier:+.0%})"


def tiles(now: Headline, before: Headline | None) -> None:
    """The five headline figures, each with its change against the previous period."""
    if before is None:
        before = Headline(None, None, None, None, None, None, None)  # type: ignore[arg-type]
    cols = st.columns(5)
    cols[0].metric("Posts", ui.format_number(now.posts), change(now.posts, before.posts), help=definition("posts"))
    cols[1].metric(
        "Impressions",
        ui.format_number(now.impressions),
        change(now.impressions, before.impressions),
        help=definition("impressions"),
    )
    cols[2].metric(
        "Engagements",
        ui.format_number(now.engagements),
        change(now.engagements, before.engagements),
        help=definition("engagements"),
    )
    cols[3].metric(
        "Engagement rate",
        ui.format_rate(now.engagement_rate),
        change(now.engagement_rate, before.engagement_rate, percent_points=True),
        help=definition("engagement_rate"),
    )
    cols[4].metric(
        "Follower change",
        "–" if now.follower_change is None else f"{now.follower_change:+,}",
        change(now.follower_change, before.follower_change),
        help=definition("follower_change"),
    )


def year_on_year(now: Headline, last_year: Headline | None, label: str) -> None:
    """One line: the same figures against the same dates a year earlier, when the data covers them."""
    if last_year is None:
        st.caption(f"Same period last year ({label}): not covered by the imported data.")
        return
    parts = [
        f"posts {change(now.posts, last_year.posts)}",
        f"impressions {change(now.impressions, last_year.impressions) or 'not reported'}",
        f"engagements {change(now.engagements, last_year.engagements) or 'not reported'}",
        f"engagement rate {change(now.engagement_rate, last_year.engagement_rate, percent_points=True) or 'not reported'}",
    ]
    st.caption(f"Against the same period last year ({label}): " + " · ".join(parts))


def changed_most(biggest: Change | None, against: str) -> None:
    """The platform whose impressions moved most, and the posts that carried it."""
    if biggest is None:
        return
    difference = biggest.now - biggest.before
    st.subheader("What changed most")
    st.write(
        f"**{platforms.platform_label(biggest.platform)}** impressions went from {biggest.before:,.0f} to "
        f"{biggest.now:,.0f} ({difference:+,.0f}) against {against}."
        + (" The posts with the most impressions this period:" if not biggest.posts.empty else "")
    )
    if not biggest.posts.empty:
        ui.dataframe(
            biggest.posts,
            hide_index=True,
            width="stretch",
            column_config={
                "published": st.column_config.DateColumn("Published", format="D MMM YYYY"),
                "text": st.column_config.TextColumn("Post", width="large"),
                "impressions": st.column_config.NumberColumn("Impressions", format="localized"),
                "engagements": st.column_config.NumberColumn("Engagements", format="localized"),
                "url": st.column_config.LinkColumn("Link", display_text="open"),
            },
        )


# Status in words, on a badge coloured to match: green reached or heading there, amber close, red short.
STATUS_BADGES = {
    "met": "green",
    "on track": "green",
    "at risk": "orange",
    "behind": "red",
    "over": "red",
    "not started": "gray",
}
_GOALS_PER_ROW = 4


def campaign_goals(glance: list[GoalGlance], today: date) -> None:
    """The goals of the campaigns running (or just ended), a tile each with its status, and a link to Campaigns."""
    if not glance:
        return
    st.subheader("Campaign goals")
    st.caption(
        f"As of {today:%d %b %Y}, the latest day with data: campaigns running then or ended in the "
        f"{GLANCE_ENDED_WITHIN_DAYS} days before."
    )
    for _, goals in groupby(glance, key=lambda g: g.campaign_id):
        rows = list(goals)
        first = rows[0]
        when = (
            f"ended {first.ends:%d %b %Y}"
            if first.ends < today
            else "ends today"
            if first.ends == today
            else f"{first.days_left} days left"
        )
        with st.container(border=True):
            st.markdown(f"**{ui.plain(first.campaign)}** · {when}")
            for start in range(0, len(rows), _GOALS_PER_ROW):
                cols = st.columns(_GOALS_PER_ROW)
                for col, goal in zip(cols, rows[start : start + _GOALS_PER_ROW], strict=False):
                    of = "of at most" if GOAL_METRICS[goal.metric].ceiling else "of"
                    col.markdown(
                        f":{STATUS_BADGES.get(goal.status, 'gray')}-badge[{goal.status.capitalize()}]  \n"
                        f"**{goal.label}**: {goal.actual:,.0f} {of} {goal.target:,.0f} ({goal.progress:.0%})",
                        help=definition("goal_pace"),
                    )
    st.page_link(
        "pages/campaigns/campaigns.py", label="Campaigns: each goal's pace and burn-up", icon=":material/flag:"
    )
