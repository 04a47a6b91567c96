"""Content: every post, the best and worst, post types, hashtags and the best time to post."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from impact.charts import content as charts
from impact.definitions import definition
from impact.figures import content
from impact.platforms import platform_label
from pages import ui

POST_EXPORTS = (
    "post-level exports: X's Content export, Meta Business Suite's content export (Facebook, Instagram), "
    "YouTube Studio's Table data, LinkedIn's content workbook or TikTok's Content.csv"
)
COLUMNS = {
    "platform": "Platform",
    "content_type": "Type",
    "kind": "Type in export",
    "published": "Published",
    "text": "Text",
    "hashtag": "Hashtag",
    "posts": "Posts",
    "impressions": "Impressions",
    "engagements": "Engagements",
    "engagement_rate": "Engagement rate",
    "url": "Link",
}
FORMATS = {
    "Published": st.column_config.DatetimeColumn(format="D MMM YYYY, HH:mm", help="In the organisation's time zone"),
    "Text": st.column_config.TextColumn(width="medium"),
    "Impressions": st.column_config.NumberColumn(format="localized", help=definition("impressions")),
    "Engagements": st.column_config.NumberColumn(format="localized", help=definition("engagements")),
    "Engagement rate": st.column_config.NumberColumn(format="percent", help=definition("post_rate")),
    "Link": st.column_config.LinkColumn(display_text="Open"),
    "Type": st.column_config.TextColumn(help=definition("content_type")),
}


def show(frame: pd.DataFrame, key: str, download: str | None = None, rate_help: str = "post_rate") -> None:
    """A table with readable headers and formats; with its CSV download when named."""
    table = frame.assign(platform=frame["platform"].map(platform_label)) if "platform" in frame else frame
    table = table.rename(columns=COLUMNS)
    formats = {
        **FORMATS,
        "Engagement rate": st.column_config.NumberColumn(format="percent", help=definition(rate_help)),
    }
    # Neutralised here too: the table's own download button exports what it shows.
    ui.dataframe(table, hide_index=True, width="stretch", column_config=formats, key=key)
    if download:
        ui.csv_download(table, download, key=f"csv_{key}")


st.title("Content")
filters = ui.filters_or_stop()
st.caption(f"{ui.plain(ui.current_organisation())} · posts published {filters.start:%d %b %Y} – {filters.end:%d %b %Y}")

st.subheader("Every post")
search = st.text_input("Search the posts' text", placeholder="a word, a #hashtag, a name", key="content_search")
screen = ui.figures(content.content_screen, filters, search)
posts, minimum, rankings, types, tags, best = (
    screen.posts,
    screen.rate_threshold,
    screen.rankings,
    screen.types,
    screen.hashtags,
    screen.best_time,
)

if posts.empty:
    st.info(
        f"No post's text contains “{ui.plain(search.strip())}” in this period."
        if search.strip()
        else f"No posts in this period on the selected platforms. Upload {POST_EXPORTS}."
    )
else:
    st.caption(
        f"{len(posts):,} posts, newest first; click a column to sort. An empty cell means the export does not "
        "report that figure; it is not zero. YouTube and TikTok give the day of a post only (shown at 00:00)."
    )
    show(posts, "posts", download="posts.csv")

st.subheader("Top and bottom posts")
if rankings["most_engagements"].empty:
    st.info(f"No post in this period reports engagements. Upload {POST_EXPORTS}.")
else:
    st.caption(
        f"Ranked by rate among posts with at least **{minimum or 1:,} impressions**, the lower quartile of this "
        "period's posts: below it a rate is mostly chance. Platforms count impressions differently (YouTube's are "
        "thumbnail impressions), so rates compare best within one platform: choose it in the sidebar."
    )
    for row in (("highest_rate", "lowest_rate"), ("most_engagements", "fewest_engagements")):
        for column, name in zip(st.columns(2), row, strict=True):
            with column:
                st.markdown(f"**{content.RANKINGS[name]}**")
                show(rankings[name], name)
    ui.csv_download(
        pd.concat([frame.assign(ranking=content.RANKINGS[name]) for name, frame in rankings.items()]).rename(
            columns=COLUMNS
        ),
        "top_and_bottom_posts.csv",
        label="Download these lists (CSV)",
    )

# Full width: each table has seven columns, which a half-width column would hide behind a scroll bar.
st.subheader("By post type")
if types["engagement_rate"].notna().any():
    st.plotly_chart(charts.content_type_chart(types), width="stretch")
    show(types, "types", download="post_types.csv", rate_help="engagement_rate")
else:
    st.info(f"No posts with impressions and engagements in this period. Upload {POST_EXPORTS}.")

st.subheader("By hashtag")
if tags["engagement_rate"].notna().any():
    st.plotly_chart(charts.hashtag_chart(tags), width="stretch")
    st.caption(f"Hashtags used on at least {content.MIN_HASHTAG_POSTS} posts in the period, lower-cased.")
    show(tags, "tags", download="hashtags.csv", rate_help="engagement_rate")
else:
    st.info(
        f"No hashtag was used on {content.MIN_HASHTAG_POSTS} or more posts with impressions in this period. "
        f"Upload {POST_EXPORTS}; their text carries the hashtags."
    )

st.subheader("Best time to post")
if best.cells.empty:
    st.info(
        "No posts with a time of day, impressions and engagements in this period. Upload X's Content export or "
        "Meta Business Suite's content export (they give the time of each post; YouTube and TikTok give the day only)."
    )
else:
    st.plotly_chart(charts.best_time_chart(best), width="stretch")
    st.caption(content.best_time_note(best, platform_label))

ui.definitions_expander(
    ["posts", "impressions", "engagements", "post_rate", "engagement_rate", "content_type", "hashtag", "best_time"]
)
