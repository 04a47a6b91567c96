"""A funder's report on a portfolio: grantees side by side on the web-presence scorecard, with the median,
the quarterly trend, weekly small multiples, the funder's own benchmarks and where every figure comes from.

Every figure is presence.portfolio.portfolio_screen's, the one the Portfolio page shows.
"""

from __future__ import annotations

from datetime import date

import duckdb

from impact.charts.presence import small_multiples, trend_chart
from impact.figures.overview import data_range
from impact.presence import COMPONENTS
from impact.presence.portfolio import Portfolio, PortfolioScreen, portfolio_screen
from impact.presence.weights import default_weights
from impact.report.document import Column, Figures, day, decimal, document, table, text
from impact.report.organisation import check_period
from impact.report.sources import definitions_html, sources_html
from impact.store.orgs import organisation_id


def _points(value: object) -> str:
    return decimal(value, 0)


def side_by_side_html(screen: PortfolioScreen) -> str:
    """One row per grantee (score, stage, each component's points, flags), then the portfolio's median."""
    columns: list[Column] = [
        ("organisation", "Grantee", text, False),
        ("score", "Score", _points, True),
        ("stage", "Stage", text, False),
        *[(key, spec.name, _points, True) for key, spec in COMPONENTS.items()],
    ]
    rows = screen.table.to_dict("records")
    median: dict[str, object] = {"organisation": "Portfolio median", "stage": "", "_class": "median"}
    median.update(screen.median)
    return table([*rows, median], columns, "side-by-side") + (
        '<p class="note">– : not measured (no data for it); left out of that grantee\'s score, never scored 0.</p>'
    )


def grantees_html(screen: PortfolioScreen) -> str:
    """Each grantee's score and stage, why, what the next stage asks for, and its flags."""
    flags = dict(zip(screen.table["organisation"], screen.table["flags"], strict=True))
    parts = []
    for name, card in screen.cards.items():
        score = "no score" if card.score is None else f"{card.score:.0f} / 100"
        steps = " ".join(card.next_steps) or "Every stage is reached."
        flag = f'<p class="note">Flags: {text(flags.get(name))}</p>' if flags.get(name) else ""
        parts.append(
            f'<div class="keep"><h3>{text(name)}: {text(score)}, {text(card.stage)}</h3>'
            f"<p>{text(' '.join(card.stage_reasons))}</p><p><em>Next:</em> {text(steps)}</p>{flag}</div>"
        )
    return "".join(parts)


BENCHMARK_COLUMNS: list[Column] = [
    ("component", "Component", text, False),
    ("value", "Benchmark (points)", _points, True),
    ("median", "Portfolio median", _points, True),
    ("source", "Source", text, False),
    ("as_of", "As of", day, False),
    ("note", "Note", text, False),
]


def benchmarks_html(screen: PortfolioScreen) -> str:
    if not screen.benchmarks:
        return "<p>The funder has set no benchmarks of its own: grantees are compared with the portfolio's median.</p>"
    rows = [
        {
            "component": COMPONENTS[b.component].name if b.component in COMPONENTS else b.component,
            "value": b.value,
            "median": screen.median.get(b.component),
            "source": b.source,
            "as_of": b.as_of,
            "note": b.note,
        }
        for b in screen.benchmarks
    ]
    return table(rows, BENCHMARK_COLUMNS)


def weights_html(weights: dict[str, float]) -> str:
    defaults = default_weights()
    rows = [
        {
            "name": spec.name,
            "weight": f"{weights.get(key, spec.weight):g}",
            "default": f"{defaults[key]:g}",
        }
        for key, spec in COMPONENTS.items()
    ]
    columns: list[Column] = [
        ("name", "Component", text, False),
        ("weight", "Weight in this portfolio", text, True),
        ("default", "Default weight", text, True),
    ]
    return table(rows, columns)


def portfolio_report(
    con: duckdb.DuckDBPyConnection, portfolio: Portfolio, start: date, end: date, today: date | None = None
) -> str:
    """The portfolio's report over start..end as one self-contained HTML document."""
    check_period(start, end)
    today = today or date.today()
    screen = portfolio_screen(con, portfolio, start, end, today, with_trend=True)
    figures = Figures()
    tags = f" · tags: {text(', '.join(portfolio.tags))}" if portfolio.tags else ""
    description = f"<p>{text(portfolio.description, multiline=True)}</p>" if portfolio.description else ""
    parts = [
        f'<header><h1>{text(portfolio.name)}</h1><p class="meta">Portfolio report · {start:%d %b %Y} – '
        f"{end:%d %b %Y} · generated {today:%d %b %Y} · {len(screen.cards)} grantee"
        f"{'' if len(screen.cards) == 1 else 's'}{tags}</p>{description}</header>",
        '<section id="scorecard" class="keep"><h2>Web-presence scorecards side by side</h2>',
        side_by_side_html(screen),
        "</section>",
        '<section id="grantees" class="long"><h2>Each grantee</h2>',
        grantees_html(screen) or "<p>The portfolio has no grantees.</p>",
        "</section>",
    ]
    trend = screen.trend
    assert trend is not None
    if not trend.empty:
        parts += [
            '<section id="trend" class="keep"><h2>Score per quarter</h2>',
            figures.html(trend_chart(trend), "Each quarter scored on its own days, with the same weights."),
            "</section>",
        ]
    if not screen.weekly.empty:
        weekly = "The posts published each week on every platform; every grantee on the same scale."
        parts += [
            '<section id="weeks" class="long"><h2>Weekly impressions and engagement rate</h2>',
            figures.html(small_multiples(screen.weekly, "impressions", "Impressions per week")),
            figures.html(
                small_multiples(screen.weekly, "engagement_rate", "Engagement rate per week", rate=True), weekly
            ),
            "</section>",
        ]
    parts += [
        '<section id="benchmarks" class="keep"><h2>Benchmarks</h2>',
        benchmarks_html(screen),
        "<h3>Weights</h3>",
        weights_html(screen.weights),
        "</section>",
        '<section id="appendix" class="appendix long"><h2>Data appendix</h2>',
        "<p>Every figure above is computed from these imports, per grantee, each on the grantee's local days.</p>",
    ]
    for name in screen.cards:
        org_id = organisation_id(con, name)
        if org_id is not None:
            parts += [f"<h3>{text(name)}</h3>", sources_html(con, org_id)]
    if screen.benchmarks:
        sources = "".join(
            f"<li>{text(COMPONENTS[b.component].name if b.component in COMPONENTS else b.component)}: "
            f"{text(b.source)}{', as of ' + day(b.as_of) if b.as_of else ''}</li>"
            for b in screen.benchmarks
        )
        parts.append(f"<h3>Benchmark sources</h3><ul>{sources}</ul>")
    parts += [
        "<h3>Definitions used</h3>",
        definitions_html(["posts", "impressions", "engagements", "engagement_rate", "local_day"]),
        "</section>",
    ]
    title = f"{text(portfolio.name)} · portfolio report {start:%d %b %Y} – {end:%d %b %Y}"
    return document(title, "".join(parts), figures)


def latest_day(con: duckdb.DuckDBPyConnection, portfolio: Portfolio) -> date | None:
    """The latest day with data of any grantee (the end of a portfolio report's default period)."""
    ends = []
    for name in portfolio.members:
        org_id = organisation_id(con, name)
        span = data_range(con, org_id) if org_id is not None else None
        if span:
            ends.append(span[1])
    return max(ends) if ends else None
