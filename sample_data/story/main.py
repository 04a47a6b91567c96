"""Write every sample file: each organisation's folder, orgs.json, portfolios.json and README.md, and list them."""

from __future__ import annotations

import json
import random
from collections.abc import Callable, Iterable
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import Protocol, TypeVar

from sample_data.story import blog, listening, meta, people, x, youtube
from sample_data.story.orgs import ORGS, PORTFOLIOS, VOLUNTEER_VALUE_SOURCE, Org, Portfolio
from sample_data.story.outcomes import build_outcomes
from sample_data.story.period import EXPORT_AT, X1_EXPORT_AT, X1_RANGE, X2_RANGE, exported_at, month_key
from sample_data.story.readme import Summary, readme
from sample_data.story.year import Year
from sample_data.writers import x as x_writer

OUT = Path(__file__).resolve().parents[1]


class Dated(Protocol):
    @property
    def dt(self) -> datetime: ...


T = TypeVar("T", bound=Dated)


def by_month(items: Iterable[T], value: Callable[[T], int]) -> dict[str, int]:
    out: dict[str, int] = {}
    for it in items:
        out[month_key(it.dt)] = out.get(month_key(it.dt), 0) + value(it)
    return out


def write_bytes(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def org_files(org: Org) -> tuple[dict[str, tuple[bytes, int]], dict[str, int], Summary]:
    """One organisation's files as {relative path: (bytes, rows)}, the rows in each CSV of the YouTube zip,
    and what the files add up to. Only the channels it posts on have exports."""
    year = Year(org)
    files: dict[str, tuple[bytes, int]] = {}
    outcome_files, outcomes = build_outcomes(org, year)  # every file has its own seed: the order does not matter
    summary = Summary(org=org, outcomes=outcomes)
    posts: dict[str, list[people.Post]] = {"x": [], "facebook": [], "instagram": []}  # what people interact with

    if "x" in org.channels:
        x_posts = x.build_x(org, year)
        posts["x"] = [
            people.Post(
                "x", str(p.post_id), p.dt.date(), p.campaign.tag if p.campaign else None, p.final["Impressions"]
            )
            for p in x_posts
        ]
        shuffle_rng = random.Random(org.folder + "/x-order")
        files[x_writer.content_name(*X1_RANGE)] = x.content_file(
            org, x_posts, shuffle_rng, X1_RANGE, X1_EXPORT_AT, "old"
        )
        files[x_writer.content_name(*X2_RANGE)] = x.content_file(org, x_posts, shuffle_rng, X2_RANGE, EXPORT_AT, "new")
        data, n, x_stats = x.build_overview(org, year, x_posts)
        files["account_overview_analytics.csv"] = (data, n)
        top = max(x_posts, key=lambda p: x.lifetime(p, EXPORT_AT)["Impressions"])
        summary = replace(
            summary,
            x_posts=by_month(x_posts, lambda p: 1),
            x_imp=x_stats.impressions_by_month,
            x_new=x_stats.new_follows,
            x_unf=x_stats.unfollows,
            x_top_imp=x.lifetime(top, EXPORT_AT)["Impressions"],
            x_top_date=top.dt.date().isoformat(),
            x_top_id=str(top.post_id),
        )

    at = exported_at(org.last_day)
    if "fb" in org.channels:
        fb_posts = meta.build_fb(org, year)
        posts["facebook"] = [
            people.Post("facebook", p.post_id, p.dt.date(), p.campaign.tag if p.campaign else None, p.final["Reach"])
            for p in fb_posts
        ]
        name, data, n = meta.facebook_file(org, fb_posts)
        files[name] = (data, n)
        insights, mi_stats = meta.build_insights(org, year, fb_posts)
        for name, (data, n) in insights.items():
            if name in org.page_insights:
                files[f"meta_insights/{name}"] = (data, n)
        summary = replace(
            summary,
            fb_posts=by_month(fb_posts, lambda p: 1),
            fb_reach=by_month(fb_posts, lambda p: meta.lifetime(p, at)["Reach"]),
            fb_follows=mi_stats.fb_follows,
            fb_zero_days=mi_stats.fb_zero_follow_days,
        )
    if "ig" in org.channels:
        ig_posts = meta.build_ig(org, year)
        posts["instagram"] = [
            people.Post("instagram", p.post_id, p.dt.date(), p.campaign.tag if p.campaign else None, p.final["Reach"])
            for p in ig_posts
        ]
        name, data, n = meta.instagram_file(org, ig_posts)
        files[name] = (data, n)
        summary = replace(
            summary,
            ig_posts=by_month(ig_posts, lambda p: 1),
            ig_reach=by_month(ig_posts, lambda p: meta.lifetime(p, at)["Reach"]),
        )

    zip_members: dict[str, int] = {}
    if "yt" in org.channels:
        zip_name, data, yt_stats = youtube.build_youtube(org, year)
        files[zip_name] = (data, sum(yt_stats.members.values()))
        zip_members = yt_stats.members
        summary = replace(
            summary,
            yt_uploads=yt_stats.uploads,
            yt_views=yt_stats.views_by_month,
            yt_total=yt_stats.total_views,
            yt_subs=yt_stats.subscribers,
            yt_top_title=yt_stats.top_title,
            yt_top_views=yt_stats.top_views,
        )

    files.update(outcome_files)

    # Everyone set up a Google Alert on its name: what others wrote about it (mentions).
    data, n, listening_stats = listening.build_alerts(org, year)
    files[listening.ALERTS_NAME] = (data, n)
    summary = replace(summary, listening=listening_stats)

    # An organisation with a website writes a blog on it: its WordPress feed, saved with the other exports.
    if org.base_url is not None:
        data, n, blog_stats = blog.build_blog(org, year, listening_stats.own_pages)
        files[blog.BLOG_NAME] = (data, n)
        summary = replace(summary, blog=blog_stats)

    # A volunteer noted who shared, replied and liked, from the platforms' notifications (where the story has them).
    noted = people.build_interactions(org, year, posts)
    if noted is not None:
        data, n, people_stats = noted
        files[people.interactions_name(org)] = (data, n)
        summary = replace(summary, people=people_stats)
    return files, zip_members, replace(summary, files=tuple(files))


def orgs_json(orgs: list[Org]) -> bytes:
    """orgs.json: what the app reads to set each organisation up (impact/sample.py)."""
    entries = [
        {
            "folder": o.folder,
            "name": o.name,
            "timezone": "Asia/Kolkata",
            "base_url": o.base_url,
            "currency": "INR",
            "daily_budget_minutes": o.daily_budget_minutes,
            # The organisation's own (fictional) settings for costing time on the Time & ROI page.
            "hourly_value": o.hourly_value,
            "volunteer_value": {
                "value": o.volunteer_value,
                "currency": "INR",
                "source": VOLUNTEER_VALUE_SOURCE,
                "year": 2026,
            },
            "people": [{"name": o.volunteer, "role": "volunteer"}],
        }
        for o in orgs
    ]
    return (json.dumps(entries, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def portfolios_json(portfolios: list[Portfolio]) -> bytes:
    """portfolios.json: the demo portfolios the app creates with the organisations (impact/sample.py)."""
    entries = [
        {"name": p.name, "description": p.description, "tags": list(p.tags), "organisations": list(p.organisations)}
        for p in portfolios
    ]
    return (json.dumps(entries, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def main(out: Path = OUT) -> None:
    manifest: list[tuple[str, int, int]] = []
    summaries = []
    for org in ORGS:
        files, zip_members, summary = org_files(org)
        for rel, (data, rows) in files.items():
            write_bytes(out / org.folder / rel, data)
            manifest.append((f"{org.folder}/{rel}", len(data), rows))
        if zip_members:
            manifest.append((f"  (zip members: {zip_members})", 0, 0))
        summaries.append(summary)

    data = orgs_json(ORGS)
    write_bytes(out / "orgs.json", data)
    manifest.append(("orgs.json", len(data), len(ORGS)))
    data = portfolios_json(PORTFOLIOS)
    write_bytes(out / "portfolios.json", data)
    manifest.append(("portfolios.json", len(data), len(PORTFOLIOS)))
    data = readme(summaries, PORTFOLIOS).encode("utf-8")
    write_bytes(out / "README.md", data)
    manifest.append(("README.md", len(data), 0))

    for path, size, rows in manifest:
        if size:
            print(f"{size:>9,}  {rows:>6}  {path}")
        else:
            print(f"{'':>9}  {'':>6}  {path}")
