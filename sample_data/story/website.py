"""Website traffic: Google Analytics 4 sessions by source / medium and by day, key events from the donations."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date

from sample_data.story.donations import Payment
from sample_data.story.orgs import Org
from sample_data.story.period import DAYS, END, START, month_key
from sample_data.story.time_log import day_shape
from sample_data.story.year import Year, poisson
from sample_data.writers import ga4

# Social and other sources: (source / medium, weight within its group).
GA4_SOCIAL = [
    ("l.facebook.com / referral", 0.26),
    ("m.facebook.com / referral", 0.14),
    ("facebook.com / referral", 0.08),
    ("instagram.com / referral", 0.12),
    ("l.instagram.com / referral", 0.1),
    ("t.co / referral", 0.1),
    ("youtube.com / referral", 0.09),
    ("whatsapp / social", 0.11),
]
GA4_OTHER = [
    ("google / organic", 0.52),
    ("(direct) / (none)", 0.33),
    ("bing / organic", 0.03),
    ("razorpay.com / referral", 0.02),
    ("duckduckgo / organic", 0.01),
    ("(not set) / (not set)", 0.01),
]


@dataclass(frozen=True)
class WebsiteStats:
    sessions_by_month: dict[str, int]
    social_share: float
    sessions: int


def build_ga4(
    org: Org, year: Year, payments: list[Payment], newsletter_days: dict[date, float]
) -> tuple[tuple[bytes, int], tuple[bytes, int], WebsiteStats]:
    """GA4 traffic acquisition reports: ((bytes, rows) by session source / medium for the whole period,
    (bytes, rows) by date, the figures the README quotes)."""
    rng = random.Random(org.folder + "/ga4")
    conf = org.outcomes
    attempts: dict[date, int] = {}
    for p in payments:
        attempts[p.dt.date()] = attempts.get(p.dt.date(), 0) + 1
    totals: dict[str, list[int]] = {}  # source -> [sessions, engaged, key events]
    date_rows: list[list[ga4.Cell]] = []
    sessions_by_month: dict[str, int] = {}
    for d in DAYS:
        c, _camp, shape, bad, winter = day_shape(year, d)
        base = conf.sessions_per_day * year.growth(d) * (0.75 if d.weekday() >= 5 else 1.0)
        base *= rng.uniform(0.85, 1.15)
        social = base * conf.social_share * (0.55 if bad else 1.0) * (0.75 if winter else 1.0)
        if c:
            social *= 1 + (c.eng - 1) * 0.9 * shape
        other = base * (1 - conf.social_share) * (1 + (0.4 * shape if c else 0)) * (0.9 if bad else 1.0)
        day_sources = {}
        for group, amount in ((GA4_SOCIAL, social), (GA4_OTHER, other)):
            for src, w in group:
                day_sources[src] = poisson(rng, amount * w)
        if d in newsletter_days:
            day_sources["newsletter / email"] = poisson(rng, newsletter_days[d])
        sessions = sum(day_sources.values())
        keys = attempts.get(d, 0) + poisson(rng, 0.3)
        engaged_total = 0
        social_keys = round(keys * (0.55 if c else 0.3))
        for src, n in day_sources.items():
            rate = 0.45 if src.endswith("/ referral") or "social" in src else 0.62
            if src == "(direct) / (none)":
                rate = 0.4
            engaged = sum(1 for _ in range(n) if rng.random() < rate)
            engaged_total += engaged
            t = totals.setdefault(src, [0, 0, 0])
            t[0] += n
            t[1] += engaged
        # key events: the social share of a day's checkouts, the rest to search and direct
        totals.setdefault("_social_keys", [0, 0, 0])[2] += social_keys
        totals.setdefault("_other_keys", [0, 0, 0])[2] += keys - social_keys
        users = round(sessions * rng.uniform(0.8, 0.88))
        new_users = round(users * rng.uniform(0.62, 0.72))
        day_rate = engaged_total / sessions if sessions else 0
        date_rows.append([ga4.day(d), users, new_users, sessions, engaged_total, day_rate, keys])
        sessions_by_month[month_key(d)] = sessions_by_month.get(month_key(d), 0) + sessions
    social_keys = totals.pop("_social_keys")[2]
    other_keys = totals.pop("_other_keys")[2]
    # Spread the period's key events over the sources in proportion to their sessions.
    for group, pool in ((GA4_SOCIAL, social_keys), (GA4_OTHER, other_keys)):
        names = [s for s, _ in group]
        share = sum(totals[s][0] for s in names)
        left = pool
        for i, s in enumerate(names):
            n = left if i == len(names) - 1 else round(pool * totals[s][0] / share)
            n = min(n, left)
            totals[s][2] = n
            left -= n
    src_rows: list[list[ga4.Cell]] = []
    for src, (sessions, engaged, keys) in sorted(totals.items(), key=lambda kv: (-kv[1][0], kv[0])):
        users = round(sessions * rng.uniform(0.68, 0.8))
        events = round(sessions * rng.uniform(3.2, 4.6))
        src_rows.append(
            [
                src, users, sessions, engaged, engaged / sessions * rng.uniform(55, 80), engaged / users,
                events / sessions, engaged / sessions, events, keys, keys / sessions, 0,
            ]
        )  # fmt: skip
    property_name = f"{org.name} - GA4"
    by_source = ga4.source_medium_report(org.name, property_name, START, END, src_rows)
    by_date = ga4.date_report(org.name, property_name, START, END, date_rows)
    social_total = sum(totals[s][0] for s, _ in GA4_SOCIAL)
    all_total = sum(t[0] for t in totals.values())
    stats = WebsiteStats(sessions_by_month, social_total / all_total, all_total)
    return (by_source, len(src_rows)), (by_date, len(date_rows)), stats
