"""X: the posts of the year, the two content exports (overlapping in June 2026) and the daily overview."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import UTC, date, datetime

from sample_data.story.captions import make_caption, x_text
from sample_data.story.orgs import Campaign, Org
from sample_data.story.period import DAYS, days_between, month_key, ms_since_epoch
from sample_data.story.year import (
    Year,
    accrual_x,
    campaign_for_post,
    daily_accrual,
    follower_series,
    poisson,
    post_reach,
    schedule,
    split_counts,
    time_factor,
)
from sample_data.writers import x as writer

TWEPOCH_MS = 1288834974657  # X snowflake epoch
# Put one junk row (",,,https://x.com/<handle>/status/undefined,0,...") in the
# second X content file, as seen in a real export.  Importers must drop it.
X_JUNK_ROW = True

# What an engagement is: every figure but impressions, engagements and follows.
COMPONENTS = [k for k in writer.CONTENT_FIGURES if k not in ("Impressions", "Engagements", "New follows")]


@dataclass(frozen=True)
class XPost:
    """A post and its eventual (lifetime) figures, keyed as writers.x.CONTENT_FIGURES."""

    post_id: int
    dt: datetime
    text: str
    final: dict[str, int]
    campaign: Campaign | None


@dataclass(frozen=True)
class OverviewStats:
    new_follows: int
    unfollows: int
    impressions_by_month: dict[str, int]


def build_x(org: Org, year: Year) -> list[XPost]:
    rng = random.Random(org.folder + "/x")
    posts: list[XPost] = []
    used_ids: set[int] = set()
    recent: list[int] = []
    for dt in schedule(rng, year, org.rates["x"]):
        d = dt.date()
        camp = campaign_for_post(rng, year, d)
        lines, has_link, tags = make_caption(rng, org, d, camp, "x", recent)
        text = x_text(lines, tags, rng)
        ms = ms_since_epoch(dt.astimezone(UTC))
        while True:
            pid = ((ms - TWEPOCH_MS) << 22) | rng.getrandbits(22)
            if pid not in used_ids:
                used_ids.add(pid)
                break
        imp = post_reach(rng, year, dt, camp, org.base["x_imp"], 0.55, 30000 if camp else 5000, 100, 60)
        rate = rng.triangular(0.01, 0.06, 0.022) * (1.2 if time_factor(dt) > 1.1 else 1.0)
        if camp:
            rate *= 1.15
        eng = max(1, round(imp * min(rate, 0.06)))
        weights = {
            "Likes": 34,
            "Detail expands": 22,
            "Profile visits": 9,
            "Replies": 5,
            "Reposts": 7,
            "Bookmarks": 4,
            "Shares": 1,
            "Permalink clicks": 1,
            "Url clicks": 10 if has_link else 0.3,
            "Hashtag clicks": 4 if tags else 0,
            "other": 3,
        }
        if camp:
            weights["Reposts"] += 6
            weights["Shares"] += 2
        comp = split_counts(rng, eng, weights)
        u = {"Impressions": imp, "Engagements": eng}
        for k in COMPONENTS:
            u[k] = comp[k]
        u["New follows"] = poisson(rng, imp * (0.0012 if camp else 0.0006))
        posts.append(XPost(pid, dt, text, u, camp))
    return posts


def lifetime(post: XPost, at: datetime) -> dict[str, int]:
    """The post's figures as downloaded at `at`."""
    f = accrual_x(days_between(post.dt, at))
    return {k: int(v * f) for k, v in post.final.items()}


def content_file(
    org: Org, posts: list[XPost], rng: random.Random, period: tuple[date, date], export_at: datetime, vintage: str
) -> tuple[bytes, int]:
    """One content export of the posts published in `period`, as downloaded at `export_at`: (bytes, rows)."""
    a, b = period
    sel = [p for p in posts if a <= p.dt.date() <= b]
    sel.sort(key=lambda p: p.dt, reverse=True)
    # "Rows are not sorted by date": newest first, with local disorder.
    for _ in range(len(sel) // 3):
        i = rng.randrange(len(sel) - 1)
        j = min(len(sel) - 1, i + rng.randint(1, 4))
        sel[i], sel[j] = sel[j], sel[i]
    rows = [writer.ContentRow(p.post_id, p.dt.date(), p.text, lifetime(p, export_at)) for p in sel]
    if vintage == "old":
        return writer.content_feb_2025(org.x_handle, rows), len(rows)
    junk_after = len(sel) * 2 // 3 if X_JUNK_ROW else None
    return writer.content_late_2025(org.x_handle, rows, junk_after), len(rows) + (1 if X_JUNK_ROW else 0)


def build_overview(org: Org, year: Year, posts: list[XPost]) -> tuple[bytes, int, OverviewStats]:
    rng = random.Random(org.folder + "/x-overview")
    keys = [
        "Impressions", "Likes", "Engagements", "Bookmarks", "Shares", "Replies", "Reposts", "Profile visits",
        "New follows",
    ]  # fmt: skip
    acc = daily_accrual([(p.dt, p.final) for p in posts], accrual_x, keys)
    start, growth, unf_lam = org.x_followers
    new, unf = follower_series(rng, year, start, growth, unf_lam)
    created: dict[date, int] = {}
    for p in posts:
        created[p.dt.date()] = created.get(p.dt.date(), 0) + 1
    days = []
    for i, d in enumerate(DAYS):
        base = org.base["x_imp"] * 0.22 * year.eng_mult(d, False) * rng.lognormvariate(0, 0.35)
        imp = round(acc["Impressions"][i] + base)
        likes = round(acc["Likes"][i] + base * 0.008)
        bm = round(acc["Bookmarks"][i])
        sh = round(acc["Shares"][i])
        rep = round(acc["Replies"][i] + base * 0.002)
        rp = round(acc["Reposts"][i])
        pv = round(acc["Profile visits"][i] + base * 0.01)
        eng = max(round(acc["Engagements"][i] + base * 0.025), likes + bm + sh + rep + rp + pv)
        nf = max(new[i], round(acc["New follows"][i]))
        media = round(imp * rng.uniform(0.02, 0.06))
        video = round(imp * rng.uniform(0.0, 0.01))
        days.append(
            writer.OverviewDay(d, imp, likes, eng, bm, sh, nf, unf[i], rep, rp, pv, created.get(d, 0), video, media)
        )
    by_month: dict[str, int] = {}
    for row in days:
        by_month[month_key(row.day)] = by_month.get(month_key(row.day), 0) + row.impressions
    stats = OverviewStats(
        new_follows=sum(r.new_follows for r in days),
        unfollows=sum(r.unfollows for r in days),
        impressions_by_month=by_month,
    )
    return writer.overview(days), len(days), stats
