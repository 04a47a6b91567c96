"""One organisation's report for its funders: the scorecard, the headline figures, campaigns, time, evidence.

Every figure comes from the function the dashboard's page calls for it (presence.scorecard, the
Overview's overview_screen, the Campaigns page's campaign_screen, the Time & ROI page's screens), so
the report can never say something the dashboard does not.
"""

from __future__ import annotations

from datetime import date

import duckdb
import pandas as pd

from impact.campaigns.evidence import EVIDENCE_KINDS, evidence_for
from impact.campaigns.goals import GOAL_METRICS, campaigns
from impact.campaigns.screens import CampaignScreen, campaign_screen
from impact.charts.campaigns import burn_up_chart
from impact.charts.look import mark_campaigns
from impact.charts.overview import platform_bar_chart, weekly_trend_chart
from impact.charts.presence import component_chart
from impact.charts.time import results_per_hour_chart
from impact.definitions import DEFINITIONS
from impact.figures.overview import Headline, OverviewScreen, overview_screen, platforms_with_data
from impact.filters import Filters, span_text
from impact.platforms import platform_label
from impact.presence import STAGES
from impact.presence.scorecard import Scorecard, scorecard
from impact.presence.weights import weights_for
from impact.report.document import Column, Figures, day, decimal, document, link, percent, table, text, whole
from impact.report.sources import definitions_html, sources_html
from impact.time.per_hour import RESULT_LABELS
from impact.time.screens import budget_screen, results_screen

HEADLINE_KEYS = ["posts", "impressions", "reach", "engagements", "engagement_rate", "follower_change"]
TIME_KEYS = ["hours", "daily_budget", "budget_streak", "results_per_hour", "best_hour"]
GOAL_KEYS = ["goal_progress", "goal_pace"]
LATEST_EVIDENCE = 6
POST_TEXT_SHOWN = 160  # characters of a post's text in the report


def organisation_name(con: duckdb.DuckDBPyConnection, organisation_id: int) -> str:
    """The organisation's name; ValueError with a sentence when there is none with this id."""
    row = con.execute("SELECT name FROM organisation WHERE id = ?", [organisation_id]).fetchone()
    if row is None:
        raise ValueError(f"there is no organisation {organisation_id}")
    return str(row[0])


def check_period(start: date, end: date) -> None:
    if start > end:
        raise ValueError(f"the period starts on {start:%d %b %Y}, after it ends ({end:%d %b %Y})")


# ------------------------------------------------------------------------------------------------
# Page 1: the web-presence scorecard


def _component_rows(card: Scorecard) -> list[dict[str, object]]:
    measured_weight = sum(c.weight for c in card.components if c.measured and c.weight > 0)
    rows: list[dict[str, object]] = []
    for c in card.components:
        share = c.weight / measured_weight if c.measured and measured_weight else None
        rows.append(
            {
                "name": c.name,
                "raw": text(c.raw) if c.measured else f"{text(c.raw)} <em>Measured with {text(c.measure_with)}.</em>",
                "points": decimal(c.points) if c.measured else "not measured",
                "weight": f"{c.weight:g}" + (f" ({share:.0%} of the score)" if share is not None else ""),
            }
        )
    return rows


COMPONENT_COLUMNS: list[Column] = [
    ("name", "Component", text, False),
    ("raw", "Raw figures", lambda v: str(v), False),  # escaped while the rows are made
    ("points", "Points", text, True),
    ("weight", "Weight", text, True),
]


def scorecard_html(card: Scorecard, figures: Figures) -> str:
    """Score, stage with its reasons and next steps, the components table and their points as bars."""
    if card.score is None:
        score = '<div class="score"><span class="value">–</span><span>no score: nothing is measured yet</span></div>'
    else:
        score = (
            f'<div class="score"><span class="value">{card.score:.0f}</span><span>out of 100</span>'
            f'<span class="stage">Stage: {text(card.stage)}</span></div>'
        )
    reasons = "".join(f"<li>{text(r)}</li>" for r in card.stage_reasons)
    position = STAGES.index(card.stage) if card.stage in STAGES else len(STAGES) - 1
    following = STAGES[position + 1] if position + 1 < len(STAGES) else None
    steps = "".join(f"<li>{text(s)}</li>" for s in card.next_steps)
    lost = "".join(
        f"<li>{text(c.name)} ({c.points:.0f}): {text(c.raise_it)}</li>"
        for c in card.components
        if c.measured and c.points is not None and c.points < 50
    )
    next_html = f"<h3>To reach {text(following)}</h3><ul>{steps}</ul>" if following and steps else "<h3>Next steps</h3>"
    if lost:
        next_html += f"<p>Where points are lost:</p><ul>{lost}</ul>"
    elif not (following and steps):
        next_html += "<p>Every stage is reached; keep each component where it is.</p>"
    points = card.table().astype({"points": "float64"})  # None -> NaN: not measured
    return (
        '<section id="scorecard" class="keep page-break">'
        "<h2>Web-presence scorecard</h2>"
        f"{score}"
        f'<div class="columns"><div><h3>Why {text(card.stage)}</h3><ul>{reasons}</ul></div><div>{next_html}</div></div>'
        f"{table(_component_rows(card), COMPONENT_COLUMNS, 'components')}"
        f"{figures.html(component_chart(points))}"
        "</section>"
    )


# ------------------------------------------------------------------------------------------------
# Headline figures


def change(current: float | None, earlier: float | None, percent_points: bool = False) -> str:
    """The change against the previous period, as the Overview shows it; '' when either has no figure."""
    if current is None or earlier is None:
        return ""
    if percent_points:
        return f"{(current - earlier) * 100:+.2f} pp"
    if earlier == 0:
        return f"{current - earlier:+,.0f}"
    return f"{current - earlier:+,.0f} ({(current - earlier) / earlier:+.0%})"


def _tiles(now: Headline, before: Headline | None) -> str:
    shown = {
        "posts": (whole(now.posts), now.posts, before.posts if before else None, False),
        "impressions": (whole(now.impressions), now.impressions, before.impressions if before else None, False),
        "reach": (whole(now.reach), now.reach, before.reach if before else None, False),
        "engagements": (whole(now.engagements), now.engagements, before.engagements if before else None, False),
        "engagement_rate": (
            percent(now.engagement_rate, 2),
            now.engagement_rate,
            before.engagement_rate if before else None,
            True,
        ),
        "follower_change": (
            "–" if now.follower_change is None else f"{now.follower_change:+,}",
            now.follower_change,
            before.follower_change if before else None,
            False,
        ),
    }
    tiles = []
    for key, (figure, current, earlier, points) in shown.items():
        delta = change(current, earlier, points)
        label = "Reach (sum of post reach)" if key == "reach" else DEFINITIONS[key].label
        tiles.append(
            f'<div class="tile"><div class="label">{text(label)}</div><div class="figure">{text(figure)}</div>'
            f'<div class="note">{text(delta + " on the previous period") if delta else "&nbsp;"}</div>'
            f'<div class="definition">{text(DEFINITIONS[key].text)}</div></div>'
        )
    return f'<div class="tiles">{"".join(tiles)}</div>'


BREAKDOWN_COLUMNS: list[Column] = [
    ("platform", "Platform", lambda v: text(platform_label(str(v))), False),
    ("source", "Counted from", lambda v: text({"posts": "posts", "days": "daily figures"}.get(str(v), v)), False),
    ("posts", "Posts", whole, True),
    ("impressions", "Impressions", whole, True),
    ("reach", "Sum of post reach", whole, True),
    ("engagements", "Engagements", whole, True),
    ("engagement_rate", "Engagement rate", lambda v: percent(v, 2), True),
]


def headline_html(screen: OverviewScreen, figures: Figures) -> str:
    """The Overview's figures for the period, each with its definition, the weekly trend and the platforms."""
    f, previous = screen.filters, screen.previous
    against = (
        f"Changes are against the previous period, {previous.start:%d %b %Y} – {previous.end:%d %b %Y}."
        if screen.before
        else "No comparison: the imported data does not cover the whole previous period."
    )
    parts = [
        '<section id="headline" class="long"><h2>Headline figures</h2>',
        f'<p class="note">{f.start:%d %b %Y} – {f.end:%d %b %Y}, every platform with data. {text(against)}</p>',
        _tiles(screen.now, screen.before),
    ]
    if screen.last_year is not None:
        now, last = screen.now, screen.last_year
        year = [
            f"posts {change(now.posts, last.posts) or 'not reported'}",
            f"impressions {change(now.impressions, last.impressions) or 'not reported'}",
            f"engagements {change(now.engagements, last.engagements) or 'not reported'}",
            f"engagement rate {change(now.engagement_rate, last.engagement_rate, True) or 'not reported'}",
        ]
        label = f"{screen.year_earlier.start:%d %b %Y} – {screen.year_earlier.end:%d %b %Y}"
        parts.append(f'<p class="note">Against the same period last year ({label}): {text(" · ".join(year))}.</p>')
    if not screen.trend.empty:
        fig = weekly_trend_chart(screen.trend, "impressions", "Impressions")
        drawn = mark_campaigns(fig, screen.campaign_periods, "week")
        shaded = "; ".join(f"{text(n)}, {span_text(s, e)}" for n, s, e in drawn)
        parts.append(figures.html(fig, f"Shaded: campaign periods ({shaded})." if drawn else ""))
    if not screen.breakdown.empty:
        parts.append("<h3>By platform</h3>")
        parts.append(table(screen.breakdown, BREAKDOWN_COLUMNS))
        parts.append('<p class="note">– means the platform\'s export does not report that figure; it is not zero.</p>')
        if screen.breakdown["engagement_rate"].notna().any():
            parts.append(figures.html(platform_bar_chart(screen.breakdown)))
    if screen.biggest is not None:
        b = screen.biggest
        posts = "".join(
            f"<li>{day(p.published)}: {text(_short(p.text))} ({whole(p.impressions)} impressions) "
            f"{link(p.url, 'open the post') if p.url else ''}</li>"
            for p in b.posts.itertuples(index=False)
        )
        parts.append(
            f"<h3>What changed most</h3><p>{text(platform_label(b.platform))}: {whole(b.now)} impressions against "
            f"{whole(b.before)} in the previous period. Its posts with the most impressions:</p><ul>{posts}</ul>"
        )
    parts.append("</section>")
    return "".join(parts)


def _short(value: object) -> str:
    words = " ".join(str(value or "").split())
    return words if len(words) <= POST_TEXT_SHOWN else words[: POST_TEXT_SHOWN - 1] + "…"


# ------------------------------------------------------------------------------------------------
# Campaigns against their goals


GOAL_COLUMNS: list[Column] = [
    ("label", "Goal", text, False),
    ("actual", "So far", whole, True),
    ("target", "Target", text, True),
    ("progress", "Progress", percent, True),
    ("projection", "At this pace by the end", whole, True),
    ("status", "Status", lambda v: f'<span class="status">{text(v)}</span>', False),
    ("days_left", "Days left", whole, True),
]


def campaign_screens(
    con: duckdb.DuckDBPyConnection, organisation_id: int, start: date, end: date, as_of: date
) -> list[CampaignScreen]:
    """The Campaigns page's Progress figures of every campaign (not archived) overlapping the period, by start."""
    listed = campaigns(con, organisation_id)
    overlapping = listed[
        (pd.to_datetime(listed["starts"]).dt.date <= end) & (pd.to_datetime(listed["ends"]).dt.date >= start)
    ].sort_values(["starts", "id"])
    return [campaign_screen(con, int(i), as_of) for i in overlapping["id"]]


def campaigns_html(screens: list[CampaignScreen], as_of: date, figures: Figures) -> str:
    parts = [
        '<section id="campaigns" class="long"><h2>Campaigns against their goals</h2>',
        f'<p class="note">Progress as of {as_of:%d %b %Y}, the latest day with data in the period, as the Campaigns '
        "page judges it.</p>",
    ]
    if not screens:
        parts.append("<p>No campaign overlaps the period.</p>")
    for screen in screens:
        c = screen.campaign
        rules = [*c.hashtags, *c.keywords] + ([f"utm_campaign={c.utm_campaign}"] if c.utm_campaign else [])
        parts.append(
            f'<div class="keep"><h3>{text(c.name)}</h3><p class="note">{c.starts:%d %b %Y} – {c.ends:%d %b %Y} · '
            f"posts marked by: {text(', '.join(rules) or 'posts picked by hand only')}</p>"
            + (f"<p>{text(c.description, multiline=True)}</p>" if c.description else "")
        )
        if not screen.goals:
            parts.append("<p>No goals set.</p></div>")
            continue
        rows = [
            {
                "label": GOAL_METRICS[g.metric].label,
                "actual": g.actual,
                "target": ("ceiling " if GOAL_METRICS[g.metric].ceiling else "") + f"{g.target:,.0f}",
                "progress": g.progress,
                "projection": g.projection,
                "status": g.status,
                "days_left": g.days_left,
            }
            for g in screen.goals
        ]
        parts.append(table(rows, GOAL_COLUMNS) + "</div>")
        charts = [
            figures.html(
                burn_up_chart(series, g.target, c.ends, GOAL_METRICS[g.metric].label, GOAL_METRICS[g.metric].ceiling)
            )
            for g in screen.goals
            if not (series := screen.burn_ups[g.metric]).empty
        ]
        if charts:
            parts.append(f'<div class="grid">{"".join(charts)}</div>')
    parts.append("</section>")
    return "".join(parts)


# ------------------------------------------------------------------------------------------------
# Time spent and results per hour


PER_HOUR_COLUMNS: list[Column] = [
    ("label", "Platform", text, False),
    ("hours", "Hours", decimal, True),
    ("share", "Share of hours", percent, True),
    ("posts", "Posts", whole, True),
    ("impressions", "Impressions", whole, True),
    ("engagements", "Engagements", whole, True),
    ("followers_gained", "Followers gained", whole, True),
    ("impressions_per_hour", "Impressions per hour", decimal, True),
    ("engagements_per_hour", "Engagements per hour", decimal, True),
    ("donations_per_hour", "Donations per hour", decimal, True),
]


def time_html(con: duckdb.DuckDBPyConnection, organisation_id: int, start: date, end: date, figures: Figures) -> str:
    """The Time & ROI page's budget figures and results per hour by platform, with where an hour returned most."""
    budget = budget_screen(con, organisation_id, start, end).summary
    results = results_screen(con, organisation_id, start, end, "platform", "engagements")
    parts = ['<section id="time" class="long"><h2>Time spent and results per hour</h2>']
    if not results.logged:
        parts.append("<p>No time is logged in this period.</p></section>")
        return "".join(parts)
    facts = [
        f"{budget.total_minutes / 60:,.1f} hours logged on {budget.days_logged:,} of {budget.days:,} days",
        f"{budget.weekly_average_hours:,.1f} hours a week on average",
    ]
    if budget.budget_minutes is not None:
        facts.append(f"a daily budget of {budget.budget_minutes:,} minutes, gone over on {budget.days_over:,} days")
        facts.append(f"longest run within budget {budget.longest_streak:,} days")
    parts.append(f"<p>{text('; '.join(facts))}.</p>")
    parts.append(f"<p>{text(results.sentence)}</p>")
    table_frame = results.results.table
    currency = results.results.currency
    columns = [
        (k, f"{h} ({currency})" if k == "donations_per_hour" else h, cell, num) for k, h, cell, num in PER_HOUR_COLUMNS
    ]
    shown = [c for c in columns if c[0] in ("label", "hours") or table_frame[c[0]].notna().any()]
    parts.append(table(table_frame, shown))
    notes = []
    if results.results.sessions_spans and table_frame["sessions"].notna().any():
        covered = "; ".join(f"{s:%d %b %Y} – {e:%d %b %Y}" for s, e in results.results.sessions_spans)
        notes.append(f"Website sessions come from Google Analytics reports covering {covered}.")
    if not results.results.donations_by_platform:
        notes.append("Donations are only in the total: no donation in this period names the platform it came from.")
    if results.results.other_currencies:
        notes.append(f"Donations in {', '.join(results.results.other_currencies)} are left out (never converted).")
    if notes:
        parts.append(f'<p class="note">{text(" ".join(notes))}</p>')
    if table_frame["engagements_per_hour"].notna().any():
        title = f"{RESULT_LABELS['engagements']} per hour"
        parts.append(figures.html(results_per_hour_chart(table_frame, "engagements_per_hour", title, True)))
    parts.append("</section>")
    return "".join(parts)


# ------------------------------------------------------------------------------------------------
# Evidence


def latest_evidence(
    con: duckdb.DuckDBPyConnection, screens: list[CampaignScreen], start: date, end: date
) -> pd.DataFrame:
    """The latest pieces of evidence dated in the period, of the campaigns in the report, newest first."""
    frames = [evidence_for(con, s.campaign.id).assign(campaign=s.campaign.name) for s in screens]
    frames = [f for f in frames if not f.empty]
    if not frames:
        return pd.DataFrame(columns=["kind", "title", "body", "url", "attributed_to", "day", "added_at", "campaign"])
    found = pd.concat(frames, ignore_index=True)
    dated = pd.to_datetime(found["day"]).fillna(pd.to_datetime(found["added_at"])).dt.date
    found = found.assign(dated=dated)
    found = found[(found["dated"] >= start) & (found["dated"] <= end)]
    return found.sort_values(["dated", "added_at", "id"], ascending=False).head(LATEST_EVIDENCE)


def evidence_html(pieces: pd.DataFrame) -> str:
    parts = ['<section id="evidence" class="long"><h2>What changed, in people\'s words</h2>']
    if pieces.empty:
        parts.append("<p>No story, quote or testimonial is dated in the period.</p>")
    for p in pieces.itertuples(index=False):
        who = f" · {text(p.attributed_to)}" if p.attributed_to else ""
        title = f"<strong>{text(p.title)}</strong>" if p.title else ""
        body = f'<div class="body">{text(p.body, multiline=True)}</div>' if p.body else ""
        url = f"<div>{link(p.url)}</div>" if p.url else ""
        parts.append(
            f'<div class="evidence"><div class="note">{text(EVIDENCE_KINDS.get(str(p.kind), p.kind))} · '
            f"{day(p.dated)} · {text(p.campaign)}{who}</div>{title}{body}{url}</div>"
        )
    parts.append("</section>")
    return "".join(parts)


# ------------------------------------------------------------------------------------------------
# The whole report


def organisation_report(
    con: duckdb.DuckDBPyConnection, organisation_id: int, start: date, end: date, today: date | None = None
) -> str:
    """The organisation's report over the local days start..end as one self-contained HTML document."""
    check_period(start, end)
    name = organisation_name(con, organisation_id)
    today = today or date.today()
    figures = Figures()
    card = scorecard(con, organisation_id, start, end, weights_for(con), today)
    filters = Filters(organisation_id, start, end, tuple(platforms_with_data(con, organisation_id)))
    screen = overview_screen(con, filters)
    # Campaigns are judged on the latest day with data, as the Campaigns page does, within the period.
    as_of = min(end, screen.latest) if screen.latest else end
    screens = campaign_screens(con, organisation_id, start, end, as_of)
    files = f"from {screen.files:,} imported file{'' if screen.files == 1 else 's'}"
    body = [
        f'<header><h1>{text(name)}</h1><p class="meta">Impact report · {start:%d %b %Y} – {end:%d %b %Y} · '
        f"generated {today:%d %b %Y} · {files}</p></header>",
        scorecard_html(card, figures),
        headline_html(screen, figures),
        campaigns_html(screens, as_of, figures),
        time_html(con, organisation_id, start, end, figures),
        evidence_html(latest_evidence(con, screens, start, end)),
        '<section id="appendix" class="appendix long"><h2>Data appendix</h2>',
        "<h3>Where the figures come from</h3>",
        f"<p>Every figure above is computed from these imports of {text(name)}, in the organisation's time zone "
        f"(each on its local day). Generated {today:%d %b %Y}.</p>",
        sources_html(con, organisation_id),
        "<h3>Definitions used</h3>",
        definitions_html(HEADLINE_KEYS + GOAL_KEYS + TIME_KEYS + ["local_day", "platform_figures"]),
        "</section>",
    ]
    title = f"{text(name)} · impact report {start:%d %b %Y} – {end:%d %b %Y}"
    return document(title, "".join(body), figures)


def report_bytes(con: duckdb.DuckDBPyConnection, organisation_id: int, start: date, end: date) -> bytes:
    """The organisation's report as UTF-8 HTML, for the dashboard's download buttons."""
    return organisation_report(con, organisation_id, start, end).encode("utf-8")
