"""Effort and outcomes for one organisation: time log, donations, website traffic, newsletter.

Each file has its own random.Random seed, so the social exports keep their bytes whatever happens here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from sample_data.story.donations import Payment, build_paypal, build_razorpay
from sample_data.story.newsletter import build_mailchimp
from sample_data.story.orgs import Org
from sample_data.story.period import PERIOD, month_key, period_name
from sample_data.story.time_log import build_time_log
from sample_data.story.website import WebsiteStats, build_ga4
from sample_data.story.year import Year
from sample_data.writers import ga4

TIME_LOG_NAME = f"time_log_{PERIOD}.csv"
RAZORPAY_NAME = f"razorpay_payments_{PERIOD}.csv"
GA4_SOURCE_NAME = ga4.SOURCE_MEDIUM_NAME
GA4_DATE_NAME = ga4.DATE_NAME
PAYPAL_NAME = "Download.CSV"
MAILCHIMP_NAME = "campaigns.csv"


@dataclass
class OutcomeStats:
    """The figures the README quotes, by month ("2026-03") where it says so."""

    days_logged: int
    gifts: dict[str, int] = field(default_factory=dict)
    inr: dict[str, int] = field(default_factory=dict)
    minutes: dict[str, int] = field(default_factory=dict)
    over: dict[str, int] = field(default_factory=dict)  # days over the daily budget
    days: dict[str, int] = field(default_factory=dict)
    failed: int = 0
    refunded: int = 0
    paypal: list[tuple[datetime, int]] = field(default_factory=list)
    sessions: dict[str, int] = field(default_factory=dict)
    social_share: float = 0.0
    sessions_total: int = 0
    sends: int = 0


def build_outcomes(org: Org, year: Year) -> tuple[dict[str, tuple[bytes, int]], OutcomeStats]:
    """The organisation's effort and outcome files as {name: (bytes, rows)}, and the figures the README quotes."""
    files: dict[str, tuple[bytes, int]] = {}
    period = period_name(org.last_day)
    minutes: dict[date, int] = {}
    if "time_log" in org.outcomes.files:
        data, n, minutes = build_time_log(org, year)
        files[f"time_log_{period}.csv"] = (data, n)
    payments: list[Payment] = []
    if "razorpay" in org.outcomes.files:
        data, n, payments = build_razorpay(org, year)
        files[f"razorpay_payments_{period}.csv"] = (data, n)
    paypal: list[tuple[datetime, int]] = []
    if org.folder == "brahmaputra-flood-relief":
        data, n, paypal = build_paypal(org)
        files[PAYPAL_NAME] = (data, n)
    newsletter_days: dict[date, float] = {}
    sends = 0
    if org.folder == "sakhi-health-collective":
        data, n, newsletter_days, sent = build_mailchimp(org, year)
        files[MAILCHIMP_NAME] = (data, n)
        sends = len(sent)
    website = WebsiteStats({}, 0.0, 0)
    if "ga4" in org.outcomes.files:
        by_source, by_date, website = build_ga4(org, year, payments, newsletter_days)
        files[GA4_SOURCE_NAME] = by_source
        files[GA4_DATE_NAME] = by_date

    stats = OutcomeStats(days_logged=len(minutes))
    for p in payments:
        if p.counted:
            k = month_key(p.dt)
            if p.status != "refunded":  # refunded in full: a refund, not a gift
                stats.gifts[k] = stats.gifts.get(k, 0) + 1
            stats.inr[k] = stats.inr.get(k, 0) + p.net
    for d, m in minutes.items():
        k = month_key(d)
        stats.minutes[k] = stats.minutes.get(k, 0) + m
        stats.days[k] = stats.days.get(k, 0) + 1
        if m > org.daily_budget_minutes:
            stats.over[k] = stats.over.get(k, 0) + 1
    stats.failed = sum(1 for p in payments if not p.counted)
    stats.refunded = sum(1 for p in payments if p.status in ("refunded", "partial"))
    stats.paypal = paypal
    stats.sessions = website.sessions_by_month
    stats.social_share = website.social_share
    stats.sessions_total = website.sessions
    stats.sends = sends
    return files, stats
