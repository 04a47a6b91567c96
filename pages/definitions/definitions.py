"""Definitions: what every figure means, and how each export counts engagements.

Generated from impact/definitions (the words; their SQL is impact/definitions/sql.py) (the sentences the other pages show as tooltips) and from each
connector's engagement rule, so this page can never disagree with the figures.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from connectors import PLATFORM_LABELS, PLATFORMS, REGISTRY
from impact.definitions import DEFINITIONS, GROUPS, Definition
from impact.presence import COMPONENTS, SCORE_AND_STAGE
from pages import ui

st.title("Definitions")
st.markdown(
    "Platforms disagree on what *reach* or *engagement rate* means. These are the meanings this dashboard "
    "uses, the same sentences shown next to each figure (hover over the **?**). Outputs are what audiences "
    "received, outtakes their immediate responses, outcomes the changes in behaviour that follow."
)
rule = DEFINITIONS["local_day"]
st.info(f"**{rule.label}.** {rule.text}", icon=":material/schedule:")


def by_group() -> dict[str, list[Definition]]:
    """Definitions under their group, groups in the house order (unknown groups last)."""
    groups: dict[str, list[Definition]] = {g: [] for g in GROUPS}
    for d in DEFINITIONS.values():
        groups.setdefault(d.group, []).append(d)
    return {g: ds for g, ds in groups.items() if ds}


def engagement_rules() -> pd.DataFrame:
    """Each export format's engagement rule, by platform (the order of the platform list)."""
    order = {p: i for i, p in enumerate(PLATFORMS)}
    rows = [
        (order.get(c.platform, len(order)), PLATFORM_LABELS.get(c.platform, c.platform), c.label, c.engagement_note)
        for c in REGISTRY
        if c.engagement_note
    ]
    frame = pd.DataFrame(rows, columns=["order", "Platform", "Export", "How engagements are counted"])
    return frame.sort_values(["order", "Export"]).drop(columns="order").drop_duplicates().reset_index(drop=True)


for group, definitions in by_group().items():
    st.subheader(group)
    for d in definitions:
        st.markdown(f"**{d.label}**: {d.text}")

st.subheader("Web presence: the components, their default weights and why")
st.markdown(
    "The Web presence and Portfolio pages score presence from 0 to 100. Weights can be changed and saved on "
    "those pages; these are the defaults. " + SCORE_AND_STAGE
)
for c in COMPONENTS.values():  # in full: a table would cut these sentences off
    st.markdown(f"**{c.name}** (default weight {c.weight:g}): {c.definition} *Why it counts:* {c.why_weight}")

st.subheader("How each export counts engagements")
st.markdown(
    "Each platform counts engagements its own way. Where an export gives its own total, that total is used; "
    "otherwise the parts named below are added up."
)
rules = engagement_rules()
for platform, rows in rules.groupby("Platform", sort=False):
    st.markdown(f"**{platform}**")
    st.markdown("\n".join(f"- *{r.Export}*: {r._3}" for r in rows.itertuples()))

st.divider()
table = pd.DataFrame(
    [(d.group, d.label, d.text) for ds in by_group().values() for d in ds], columns=["Group", "Figure", "Definition"]
)
ui.csv_download(table, "definitions.csv", label="Download the definitions (CSV)")
ui.csv_download(rules, "engagement_rules.csv", label="Download the engagement rules (CSV)")
