"""Facebook and Instagram: the posts of the year, the two post exports and the page-level insights."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime

from sample_data.story.captions import make_caption, meta_caption
from sample_data.story.orgs import Campaign, Org
from sample_data.story.period import EXPORT_AT, START, days_between, exported_at
from sample_data.story.year import (
    B58,
    B64URL,
    Year,
    accrual_meta,
    campaign_for_post,
    daily_accrual,
    poisson,
    post_reach,
    schedule,
)
from sample_data.writers import meta_insights, meta_posts


@dataclass(frozen=True)
class MetaPost:
    """A Facebook or Instagram post and its eventual figures (`avg_secs` is a duration, not a count)."""

    post_id: str
    dt: datetime
    caption: str
    post_type: str
    dur: int
    permalink: str
    final: dict[str, int]
    campaign: Campaign | None
    crosspost: bool = False


@dataclass(frozen=True)
class InsightStats:
    fb_follows: int
    fb_zero_follow_days: int


def lifetime(post: MetaPost, at: datetime = EXPORT_AT) -> dict[str, int]:
    """The post's figures as downloaded at `at`."""
    f = accrual_meta(days_between(post.dt, at))
    return {k: (int(v * f) if k != "avg_secs" else v) for k, v in post.final.items()}


def build_fb(org: Org, year: Year) -> list[MetaPost]:
    rng = random.Random(org.folder + "/fb")
    posts: list[MetaPost] = []
    recent: list[int] = []
    counter = 122140000000 + rng.randrange(10**9)
    for dt in schedule(rng, year, org.rates["fb"]):
        d = dt.date()
        camp = campaign_for_post(rng, year, d)
        lines, has_link, tags = make_caption(rng, org, d, camp, "fb", recent)
        ptype = (
            "Links" if has_link and rng.random() < 0.6 else rng.choices(["Photos", "Videos", "Reels"], [62, 12, 26])[0]
        )
        counter += rng.randint(60000, 420000)
        boost = 1.3 if ptype == "Reels" else 1.0
        reach = post_reach(rng, year, dt, camp, org.base["fb_reach"], 0.5, 8000, 200, 90, boost)
        views = round(reach * rng.uniform(1.2, 1.8))
        appeal = camp is not None and camp.tag == "AssamFloodAppeal"
        u = {
            "Views": views,
            "Reach": reach,
            "Reactions": round(reach * rng.uniform(0.015, 0.05)),
            "Comments": round(reach * rng.uniform(0.001, 0.008) * org.comments),
            "Shares": round(reach * rng.uniform(0.004, 0.02 if appeal else 0.008)),
            "Total clicks": round(reach * rng.uniform(0.01, 0.05)),
            "Negative": 1 if rng.random() < 0.08 else 0,
        }
        dur = 0
        if ptype == "Videos":
            dur = rng.randint(35, 300)
        elif ptype == "Reels":
            dur = rng.randint(12, 90)
        if ptype in ("Videos", "Reels"):
            u["3s"] = round(views * rng.uniform(0.35, 0.6))
            u["1m"] = round(u["3s"] * rng.uniform(0.1, 0.3)) if dur > 60 else 0
            u["avg_secs"] = max(3, round(dur * rng.uniform(0.15, 0.4)))
        post_id = f"{counter}{org.fb_post_suffix}"
        if ptype == "Videos":
            permalink = f"https://www.facebook.com/{org.fb_page_id}/videos/{rng.randrange(10**15, 2 * 10**15)}/"
        elif ptype == "Reels":
            permalink = f"https://www.facebook.com/reel/{rng.randrange(5 * 10**14, 10**15)}/"
        else:
            token = "pfbid0" + ("2" if rng.random() < 0.6 else "") + "".join(rng.choices(B58, k=64))
            permalink = f"https://www.facebook.com/permalink.php?story_fbid={token}&id={org.fb_page_id}"
        crosspost = ptype == "Reels" and rng.random() < 0.3
        posts.append(MetaPost(post_id, dt, meta_caption(lines, tags), ptype, dur, permalink, u, camp, crosspost))
    return posts


def facebook_row(p: MetaPost, at: datetime = EXPORT_AT) -> meta_posts.FacebookPost:
    """The export's row for a post, downloaded at `at`: lifetime figures and the ones Meta derives from them."""
    life = lifetime(p, at)
    t = p.post_type
    clicks = life["Total clicks"]
    rcs = life["Reactions"] + life["Comments"] + life["Shares"]
    video, long_video = t in ("Videos", "Reels"), t == "Videos"
    views_3s = life["3s"] if video else 0
    views_1m = life["1m"] if long_video else 0
    avg = life["avg_secs"] if video else 0
    other = None
    if not video and clicks > 0:
        other = clicks if t == "Photos" else round(clicks * 0.3)
    return meta_posts.FacebookPost(
        post_id=p.post_id,
        caption=p.caption,
        duration=p.dur,
        published=p.dt,
        permalink=p.permalink,
        crosspost=p.crosspost,
        post_type=t,
        views=life["Views"],
        reach=life["Reach"],
        reactions=life["Reactions"],
        comments=life["Comments"],
        shares=life["Shares"],
        total_clicks=clicks,
        negative=life["Negative"],
        engaged=min(life["Reach"], round((rcs + clicks) * 0.85)),
        other_clicks=other,
        video_views_3s=views_3s,
        video_views_1m=views_1m,
        viewers_3s=round(views_3s * 0.82) if long_video else 0,
        viewers_1m=round(views_1m * 0.88) if long_video else 0,
        seconds_viewed=views_3s * avg,
        average_seconds=avg,
    )


def instagram_row(p: MetaPost, at: datetime = EXPORT_AT) -> meta_posts.InstagramPost:
    life = lifetime(p, at)
    return meta_posts.InstagramPost(
        post_id=p.post_id,
        caption=p.caption,
        duration=p.dur,
        published=p.dt,
        permalink=p.permalink,
        post_type=p.post_type,
        views=life["Views"],
        reach=life["Reach"],
        likes=life["Likes"],
        shares=life["Shares"],
        follows=life["Follows"],
        comments=life["Comments"],
        saves=life["Saves"],
    )


def facebook_file(org: Org, posts: list[MetaPost]) -> tuple[str, bytes, int]:
    """(name, bytes, rows) of the Facebook posts export, up to the organisation's last day."""
    at = exported_at(org.last_day)
    data = meta_posts.facebook_posts(org.fb_page_id, org.name, [facebook_row(p, at) for p in posts])
    return meta_posts.export_name(START, org.last_day, org.fb_file_id), data, len(posts)


def build_ig(org: Org, year: Year) -> list[MetaPost]:
    rng = random.Random(org.folder + "/ig")
    posts: list[MetaPost] = []
    used: set[str] = set()
    recent: list[int] = []
    times = schedule(rng, year, org.rates["ig"])
    for n, dt in enumerate(times):
        d = dt.date()
        camp = campaign_for_post(rng, year, d)
        lines, _, tags = make_caption(rng, org, d, camp, "ig", recent)
        ptype = rng.choices(["IG image", "IG reel", "IG carousel"], [48, 32, 20])[0]
        boost = 1.4 if ptype == "IG reel" else 1.0
        reach = post_reach(rng, year, dt, camp, org.base["ig_reach"], 0.5, 6000, 150, 70, boost)
        views = round(reach * (rng.uniform(1.5, 3.0) if ptype == "IG reel" else rng.uniform(1.3, 2.2)))
        u = {
            "Views": views,
            "Reach": reach,
            "Likes": round(reach * rng.uniform(0.03, 0.07)),
            "Shares": round(reach * rng.uniform(0.002, 0.015)),
            "Follows": poisson(rng, reach * (0.0015 if camp else 0.0006)),
            "Comments": round(reach * rng.uniform(0.002, 0.01) * org.comments),
            "Saves": round(reach * rng.uniform(0.002, 0.02)),
        }
        while True:
            pid = str(rng.choice([179, 180, 181, 182])) + str(rng.randrange(10**13, 10**14))
            if pid not in used:
                used.add(pid)
                break
        # Shortcodes roughly increase with time, like real ones.
        second = "RSTUVWXYZa"[min(9, n * 10 // max(1, len(times)))]
        code = "D" + second + "".join(rng.choices(B64URL, k=9))
        kind = "reel" if ptype == "IG reel" else "p"
        dur = rng.randint(12, 90) if ptype == "IG reel" else 0
        permalink = f"https://www.instagram.com/{kind}/{code}/"
        posts.append(MetaPost(pid, dt, meta_caption(lines, tags), ptype, dur, permalink, u, camp))
    return posts


def instagram_file(org: Org, posts: list[MetaPost]) -> tuple[str, bytes, int]:
    """(name, bytes, rows) of the Instagram posts export, up to the organisation's last day."""
    at = exported_at(org.last_day)
    rows = [instagram_row(p, at) for p in posts]
    data = meta_posts.instagram_posts(org.ig_account_id, org.ig_username, org.name, rows)
    return meta_posts.export_name(START, org.last_day, org.ig_file_id), data, len(posts)


def build_insights(org: Org, year: Year, fb_posts: list[MetaPost]) -> tuple[dict[str, tuple[bytes, int]], InsightStats]:
    """meta_insights/{Follows,Views,Visits}.csv as {name: (bytes, rows)}, and the follows the README quotes."""
    rng = random.Random(org.folder + "/meta-insights")
    acc = daily_accrual([(p.dt, p.final) for p in fb_posts], accrual_meta, ["Views"])
    views: list[tuple[date, int]] = []
    visits: list[tuple[date, int]] = []
    for i, d in enumerate(year.days):
        base = org.base["fb_reach"] * 0.12 * year.eng_mult(d, False) * rng.lognormvariate(0, 0.3)
        v = round(acc["Views"][i] + base)
        views.append((d, v))
        visits.append((d, round(v * rng.uniform(0.015, 0.04)) + poisson(rng, 2)))
    start, growth = org.fb_followers
    w = [year.eng_mult(d) ** 0.85 for d in year.days]
    k = start * growth / sum(w)
    follows = [(d, poisson(rng, k * wi)) for d, wi in zip(year.days, w, strict=True)]
    nonzero = [(d, v) for d, v in follows if v > 0]  # Follows.csv lists only days with a new follow
    files = {
        "Follows.csv": (meta_insights.page_insight("Facebook follows", nonzero), len(nonzero)),
        "Views.csv": (meta_insights.page_insight("Facebook views", views), len(views)),
        "Visits.csv": (meta_insights.page_insight("Facebook visits", visits), len(visits)),
    }
    stats = InsightStats(sum(v for _, v in follows), len(follows) - len(nonzero))
    return files, stats
