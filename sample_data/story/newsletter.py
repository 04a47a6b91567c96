"""Sakhi's newsletter: a monthly issue on the second Tuesday (none in the bad month) and two appeals."""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta

from sample_data.story.orgs import Org
from sample_data.story.period import MONTHS_FULL, START, month_key
from sample_data.story.texts import load_json
from sample_data.story.year import Year
from sample_data.writers.mailchimp import CampaignReport, campaigns_export

SUPPORTERS, DONORS = "Sakhi supporters", "Sakhi donors"
APPEALS = [
    (datetime(2026, 5, 26, 18, 0), "Appeal: Period friendly India 2026",
     "Rs 500 keeps a school pad bank stocked for a month", DONORS, 1.6),
    (datetime(2026, 10, 13, 18, 0), "Appeal: Pink October 2026",
     "One screening camp, 200 women: will you help?", DONORS, 1.4),
]  # fmt: skip


def build_mailchimp(
    org: Org, year: Year
) -> tuple[bytes, int, dict[date, float], list[tuple[datetime, str, str, str, float]]]:
    """Mailchimp campaigns export: (bytes, rows, sessions the newsletter brings by day, the sends)."""
    rng = random.Random(org.folder + "/mailchimp")
    subjects: dict[str, str] = load_json("newsletter_subjects.json")
    sends = []
    for month in [12, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]:
        y = 2025 if month == 12 else 2026
        if year.is_bad(date(y, month, 1)):
            continue  # no newsletter in January: the team was away
        d = date(y, month, 1)
        while d.weekday() != 1:  # first Tuesday
            d += timedelta(days=1)
        d += timedelta(days=7)  # second Tuesday
        title = f"{MONTHS_FULL[month - 1]} {y} newsletter"
        sends.append((datetime.combine(d, time(10, 30)), title, subjects[month_key(d)], SUPPORTERS, 1.0))
    sends += APPEALS
    sends.sort()
    reports = []
    newsletter_days: dict[date, float] = {}
    for when, title, subject, audience, pull in sends:
        months_in = (when.date() - START).days / 30.4
        if audience == DONORS:
            recipients = round(1150 + 14 * months_in + rng.randrange(-10, 10))
        else:
            recipients = round(2380 + 58 * months_in + rng.randrange(-20, 20))
        soft, hard = rng.randrange(2, 12), rng.randrange(0, 6)
        delivered = recipients - soft - hard
        opens = round(delivered * rng.uniform(0.29, 0.37) * (1.1 if pull > 1 else 1))
        total_opens = round(opens * rng.uniform(1.4, 1.8))
        clicks = round(delivered * rng.uniform(0.025, 0.045) * pull)
        total_clicks = round(clicks * rng.uniform(1.25, 1.6))
        fwd = rng.randrange(0, 4)
        fwd_opens = fwd * rng.randrange(0, 3)
        unsubscribes = rng.randrange(1, 9)
        unique_id = "".join(rng.choice("0123456789abcdef") for _ in range(10))
        reports.append(
            CampaignReport(
                title, subject, audience, when, recipients, delivered, soft, hard, fwd, fwd_opens, opens, total_opens,
                clicks, total_clicks, unsubscribes, unique_id,
            )
        )  # fmt: skip
        newsletter_days[when.date()] = clicks * 1.1
        newsletter_days[when.date() + timedelta(days=1)] = clicks * 0.35
    return campaigns_export(reports), len(sends), newsletter_days, sends
