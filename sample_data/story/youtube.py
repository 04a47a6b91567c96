"""YouTube: the channel's videos (a few older ones, 2-4 uploads a month, one private), their daily
views, and the YouTube Studio content export."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from sample_data.story.captions import vocabulary
from sample_data.story.orgs import Campaign, Org
from sample_data.story.period import DAYS, END, IST, MONTHS_FULL, START, ZIP_DATE_TIME, days_between, month_key
from sample_data.story.year import B64URL, Year, accrual_yt, pick_time, poisson, soft_cap
from sample_data.writers import youtube as writer


@dataclass
class Video:
    video_id: str
    dt: datetime
    title: str
    dur: int
    short: bool
    target: float  # views expected over its life
    private: bool
    campaign: Campaign | None
    views: int = 0  # in the period


@dataclass(frozen=True)
class Figures:
    """A video's figures over the period (Table data), before formatting."""

    video: Video
    likes: int
    dislikes: int
    shares: int
    premium: int
    stayed: float | None
    avd: int
    engaged: int
    views: int
    wt: float
    subs: int
    impr: int
    ctr: float | None


@dataclass(frozen=True)
class YouTubeStats:
    uploads: dict[str, int]
    views_by_month: dict[str, int]
    total_views: int
    subscribers: int
    top_title: str
    top_views: int
    members: dict[str, int] = field(default_factory=dict)  # rows in each CSV of the zip


def yt_id(rng: random.Random, used: set[str]) -> str:
    while True:
        vid = "".join(rng.choices(B64URL, k=10)) + rng.choice("AEIMQUYcgkosw048")
        if vid not in used:
            used.add(vid)
            return vid


def build_videos(org: Org, year: Year, rng: random.Random) -> list[Video]:
    vocab = vocabulary(org)
    used: set[str] = set()
    videos: list[Video] = []
    titles: set[str] = set()

    def title_for(d: date, camp: Campaign | None) -> str:
        pools = ([vocab.yt_campaign[camp.tag]] if camp and camp.tag in vocab.yt_campaign else []) + [vocab.yt_general]
        for attempt in range(90):
            pool = pools[0] if attempt < 30 else pools[-1]
            t = rng.choice(pool).format(
                area=rng.choice(vocab.areas),
                name=rng.choice(vocab.names),
                place=rng.choice(vocab.places),
                cls=rng.choice([5, 6, 7]),
                doc=rng.choice(vocab.doctors),
                month=f"{MONTHS_FULL[d.month - 1]} {d.year}",
            )
            if t not in titles:
                break
        else:
            t += " (part 2)"
        titles.add(t)
        return t

    def add_video(dt: datetime, camp: Campaign | None, private: bool = False) -> None:
        title = vocab.yt_private if private else title_for(dt.date(), camp)
        short = "#Shorts" in title
        dur = rng.randint(20, 59) if short else rng.randint(150, 900)
        target = org.base["yt_views"] * year.eng_mult(dt.date(), bool(camp)) * rng.lognormvariate(0, 0.75)
        if short:
            target *= 1.6
        target = soft_cap(target, 20000)
        if private:
            target = rng.uniform(90, 160)
        videos.append(Video(yt_id(rng, used), dt, title, dur, short, max(110.0, target), private, camp))

    # A few older videos that still get views during the year.
    for d in (date(2025, 8, 14), date(2025, 9, 23), date(2025, 10, 30)):
        add_video(pick_time(rng, d), None)
    # 2-4 uploads a month; more in campaign months, at most one in the bad month.
    month_starts = sorted({date(d.year, d.month, 1) for d in DAYS})
    for m0 in month_starts:
        mdays = [d for d in DAYS if d.year == m0.year and d.month == m0.month]
        camp_days = [d for d in mdays if year.campaign(d)[0]]
        n = rng.choice([2, 2, 3, 3, 4])
        if len(camp_days) >= 10:
            n += 1 if len(camp_days) < 20 else 2
        if year.is_bad(mdays[0]):
            n = rng.choice([0, 1])
        if year.winter(mdays[0]):
            n = min(n, 2)
        # Uploads favour weekdays and, in campaign months, the campaign's peak.
        weights = {d: (0.4 if d.weekday() > 4 else 1.0) * (0.3 + 3 * year.campaign(d)[1] ** 2) for d in mdays}
        chosen: list[date] = []
        for _ in range(min(n, len(mdays))):
            cand = [d for d in mdays if d not in chosen]
            chosen.append(rng.choices(cand, [weights[d] for d in cand])[0])
        for d in sorted(chosen):
            camp, _ = year.campaign(d)
            add_video(pick_time(rng, d), camp if camp and rng.random() < 0.8 else None)
    # One private (unlisted) internal video, no publish time in the export.
    priv_day = date(2026, 4, 16)
    add_video(pick_time(rng, priv_day), None, private=True)
    return videos


def daily_views(year: Year, videos: list[Video], rng: random.Random) -> dict[tuple[date, str], int]:
    """Views per (day, video id) inside the period; only days with views. Sets each video's `views`."""
    daily: dict[tuple[date, str], int] = {}
    for v in videos:
        prev = accrual_yt(days_between(v.dt, datetime.combine(START, time(0), IST)))
        total_share = 1 - prev
        for d in DAYS:
            if d < v.dt.date():
                continue
            f = accrual_yt(days_between(v.dt, datetime.combine(d + timedelta(days=1), time(0), IST)))
            lam = v.target * (f - prev) / max(total_share, 1e-9) * 0.97
            prev = f
            wd = d.weekday()
            lam *= 1.1 if wd < 5 else 0.85
            if year.is_bad(d):
                lam *= 0.7
            n = poisson(rng, lam)
            if n > 0:
                daily[(d, v.video_id)] = n
    for v in videos:
        v.views = sum(n for (d, vid), n in daily.items() if vid == v.video_id)
    return daily


def figures(v: Video, rng: random.Random) -> Figures:
    views = v.views
    pct = rng.uniform(0.3, 0.75) if v.short else rng.uniform(0.18, 0.45)
    avd = max(2, round(v.dur * pct))
    wt = round(views * avd / 3600, 4)
    # Long videos are found through thumbnails; Shorts mostly through the feed.
    ctr: float | None
    if v.short:
        ctr = rng.uniform(1.5, 5.0)
        impressions = round(views * rng.uniform(0.1, 0.5))
    else:
        ctr = rng.uniform(2.0, 8.0)
        impressions = round(views * rng.uniform(0.35, 0.7) / (ctr / 100))
    if v.private:
        impressions = 0
    if v.private or impressions == 0:
        ctr = None
    subs = round(views * rng.uniform(0.0, 0.006)) - (rng.choice([1, 2, 3]) if rng.random() < 0.15 else 0)
    likes = round(views * rng.uniform(0.02, 0.06))
    return Figures(
        video=v,
        likes=likes,
        dislikes=round(likes * rng.uniform(0.0, 0.05)),
        shares=round(views * rng.uniform(0.002, 0.012)),
        premium=round(views * rng.uniform(0.005, 0.03)),
        stayed=round(rng.uniform(35, 78), 2) if v.short and not v.private else None,
        avd=avd,
        engaged=round(views * rng.uniform(0.8, 0.97)) if v.short else views,
        views=views,
        wt=wt,
        subs=subs,
        impr=impressions,
        ctr=round(ctr, 2) if ctr is not None else None,
    )


def total_row(rows: list[Figures], rng: random.Random) -> writer.TableTotal:
    tot_views = sum(r.views for r in rows)
    tot_wt = round(sum(r.wt for r in rows), 4)
    stayed_rows = [(r.stayed, r.views) for r in rows if r.stayed is not None]
    stayed = sum(pct * n for pct, n in stayed_rows) / max(1, sum(n for _, n in stayed_rows))
    tot_impr = sum(r.impr for r in rows)
    ctr_rows = [(r.ctr, r.impr) for r in rows if r.ctr is not None]
    ctr = sum(pct * n for pct, n in ctr_rows) / max(1, tot_impr)
    unique = round(tot_views / rng.uniform(1.3, 1.6))
    new_v = round(unique * rng.uniform(0.65, 0.8))
    regular = round(unique * rng.uniform(0.03, 0.07))
    return writer.TableTotal(
        likes=sum(r.likes for r in rows),
        dislikes=sum(r.dislikes for r in rows),
        shares=sum(r.shares for r in rows),
        premium_views=sum(r.premium for r in rows),
        regular_viewers=regular,
        casual_viewers=unique - new_v - regular,
        views_per_viewer=tot_views / unique,
        new_viewers=new_v,
        unique_viewers=unique,
        stayed_pct=stayed,
        average_view_seconds=tot_wt * 3600 / tot_views,
        engaged_views=sum(r.engaged for r in rows),
        views=tot_views,
        watch_hours=tot_wt,
        subscribers=sum(r.subs for r in rows),
        impressions=tot_impr,
        ctr_pct=ctr,
    )


def table_video(r: Figures) -> writer.TableVideo:
    v = r.video
    return writer.TableVideo(
        video_id=v.video_id,
        title=v.title,
        published=None if v.private else v.dt.date(),
        duration=v.dur,
        likes=r.likes,
        dislikes=r.dislikes,
        shares=r.shares,
        premium_views=r.premium,
        stayed_pct=r.stayed,
        average_view_seconds=r.avd,
        engaged_views=r.engaged,
        views=r.views,
        watch_hours=r.wt,
        subscribers=r.subs,
        impressions=r.impr,
        ctr_pct=r.ctr,
    )


def build_youtube(org: Org, year: Year) -> tuple[str, bytes, YouTubeStats]:
    """(zip name, zip bytes, the figures the README quotes)."""
    rng = random.Random(org.folder + "/yt")
    videos = build_videos(org, year, rng)
    daily = daily_views(year, videos, rng)

    rows = [figures(v, rng) for v in videos]
    rows.sort(key=lambda r: r.wt, reverse=True)
    rows = [r for r in rows if r.views > 0]
    total = total_row(rows, rng)

    by_id = {v.video_id: v for v in videos}
    chart: list[writer.ChartRow] = []
    per_day = dict.fromkeys(DAYS, 0)
    for (d, vid), n in sorted(daily.items(), key=lambda kv: (kv[0][0], -kv[1], kv[0][1])):
        v = by_id[vid]
        published = None if v.private else v.dt.date()
        chart.append(writer.ChartRow(d, vid, v.title, published, v.dur, n))
        per_day[d] += n

    folder = writer.content_folder(START, END, org.name)
    data = writer.content_zip(
        folder, total, [table_video(r) for r in rows], chart, list(per_day.items()), ZIP_DATE_TIME
    )
    uploads: dict[str, int] = {}
    for v in videos:
        if v.dt.date() >= START:
            uploads[month_key(v.dt)] = uploads.get(month_key(v.dt), 0) + 1
    views_by_month: dict[str, int] = {}
    for d, n in per_day.items():
        views_by_month[month_key(d)] = views_by_month.get(month_key(d), 0) + n
    top = max(rows, key=lambda r: r.views)
    stats = YouTubeStats(
        uploads=uploads,
        views_by_month=views_by_month,
        total_views=total.views,
        subscribers=total.subscribers,
        top_title=top.video.title,
        top_views=top.views,
        members={"Table data.csv": len(rows), "Chart data.csv": len(chart), "Totals.csv": len(per_day)},
    )
    return folder + ".zip", data, stats
