"""Post captions and video titles: templates from texts/captions/<org>.json, filled in at random.

Each caption template is a list of paragraphs with {placeholders}. Facebook and Instagram keep the
paragraphs on lines of their own; X flattens them to spaces.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import cache

from sample_data.story.orgs import Campaign, Org
from sample_data.story.texts import load_json
from sample_data.story.year import ALNUM, inr

Template = list[str]


@dataclass(frozen=True)
class Vocabulary:
    """One organisation's words: places, people, hashtags, caption templates, video titles."""

    areas: list[str]
    places: list[str]
    names: list[str]
    donors: list[str]
    hashtags: list[str]
    doctors: list[str]
    general: list[Template]  # captions outside campaigns
    campaign: dict[str, list[Template]]  # captions by campaign tag
    yt_general: list[str]
    yt_campaign: dict[str, list[str]]  # video titles by campaign tag
    yt_private: str  # the one private (internal) video


def vocabulary(org: Org) -> Vocabulary:
    """The organisation's captions file, read once: templates are told apart by identity, so they must stay the same
    objects for the whole run."""
    return _vocabulary(org.folder)


@cache
def _vocabulary(folder: str) -> Vocabulary:
    data = load_json(f"captions/{folder}.json")
    yt = dict(data.get("yt", {"general": [], "private": ""}))  # only organisations on YouTube have titles
    return Vocabulary(
        areas=data["areas"],
        places=data["places"],
        names=data["names"],
        donors=data["donors"],
        hashtags=data["hashtags"],
        doctors=data.get("doctors", ["Anita Rao"]),  # only Sakhi's captions name a doctor; the draw is made anyway
        general=data["general"],
        campaign=data["campaign"],
        yt_general=yt.pop("general"),
        yt_private=yt.pop("private"),
        yt_campaign=yt,
    )


def fill(rng: random.Random, tpl_lines: Template, org: Org, vocab: Vocabulary, link: str, day_no: int) -> list[str]:
    names = rng.sample(vocab.names, 2)
    amount = rng.choice([500, 750, 1000, 1200, 1500, 2000, 2500])
    values = {
        "area": rng.choice(vocab.areas),
        "place": rng.choice(vocab.places),
        "name": names[0],
        "name2": names[1],
        "donor": rng.choice(vocab.donors),
        "doc": rng.choice(vocab.doctors),
        "n": rng.choice([12, 18, 24, 25, 30, 36, 40, 45, 52, 60, 75, 80, 96, 120, 140, 160, 200, 250]),
        "m": rng.choice([3, 4, 5, 6, 8, 9, 11, 12, 15, 18, 21, 27]),
        "k": day_no,
        "cls": rng.choice([4, 5, 6, 7, 8, 9]),
        "age": rng.choice([17, 19, 23, 28, 34, 38, 41, 46, 52, 58, 63]),
        "pct": rng.choice([18, 23, 27, 31, 38, 42, 55, 61]),
        "pct2": rng.choice([74, 79, 83, 86, 88, 91]),
        "hours": rng.choice([14, 20, 26, 32, 40, 48]),
        "amt": inr(amount),
        "amt2": inr(rng.choice([184500, 262750, 348200, 415900, 587300])),
        "goal": inr(rng.choice([800000, 1000000, 1500000]))
        if org.folder == "brahmaputra-flood-relief"
        else str(rng.choice([1000, 1500, 2000])),
        "link": link,
    }
    return [line.format(**values) for line in tpl_lines]


# Templates that only make sense on some dates (matched on their text).
TEMPLATE_DATES: list[tuple[str, Callable[[date], bool]]] = [
    ("days to Menstrual Hygiene Day", lambda d: d < date(2026, 5, 28)),
    ("Happy Menstrual Hygiene Day", lambda d: date(2026, 5, 28) <= d <= date(2026, 5, 29)),
    ("before schools reopen on 15 June", lambda d: d < date(2026, 6, 15)),
    ("Shala suru zali", lambda d: d >= date(2026, 6, 10)),
    ("Board exams are {k} weeks away", lambda d: d <= date(2026, 3, 6)),
    ("Pink October, week", lambda d: d.month == 10),
    ("above the danger mark", lambda d: d <= date(2026, 7, 31)),
    ("Water is receding", lambda d: d >= date(2026, 7, 24)),
    ("Winter on the river", lambda d: d.month in (11, 12, 1, 2)),
    ("before the monsoon", lambda d: 3 <= d.month <= 6),
    ("Mahila Divas", lambda d: date(2026, 3, 1) <= d <= date(2026, 3, 8)),
    ("Rann Utsav", lambda d: d.month in (12, 1, 2)),
    ("School khul gaya", lambda d: d >= date(2026, 6, 15)),
    ("hostel opens on 15 June", lambda d: d < date(2026, 6, 15)),
    ("Sohrai", lambda d: d.month in (10, 11)),
    ("dhaan ropa", lambda d: 6 <= d.month <= 8),
]


def template_ok(tpl: Template, d: date) -> bool:
    text = " ".join(tpl)
    return all(pred(d) for key, pred in TEMPLATE_DATES if key in text)


def pick_template(rng: random.Random, pool: list[Template], d: date, recent: list[int]) -> Template:
    """A template valid on d, avoiding the last few used on this platform."""
    ok = [t for t in pool if template_ok(t, d)] or pool
    fresh = [t for t in ok if id(t) not in recent] or ok
    tpl = rng.choice(fresh)
    recent.append(id(tpl))
    del recent[:-4]
    return tpl


def make_caption(
    rng: random.Random, org: Org, d: date, camp: Campaign | None, platform: str, recent: list[int]
) -> tuple[list[str], bool, list[str]]:
    """Returns (paragraphs, has_link, hashtags list)."""
    vocab = vocabulary(org)
    if camp:
        tpl = pick_template(rng, vocab.campaign[camp.tag], d, recent)
        day_no = max(1, (d - camp.start).days + 1)
        if camp.tag == "ExamReadyPune":
            day_no = max(1, (date(2026, 3, 20) - d).days // 7)
        if camp.tag == "PeriodFriendlyIndia":
            day_no = max(1, (date(2026, 5, 28) - d).days)
        if camp.tag == "PinkOctober":
            day_no = (d.day - 1) // 7 + 1 if d.month == 10 else 1
    else:
        tpl = pick_template(rng, vocab.general, d, recent)
        day_no = rng.choice([2, 3, 4, 5, 6, 7, 8])
    has_link = any("{link}" in line for line in tpl)
    if platform == "x":
        link = "https://t.co/" + "".join(rng.choices(ALNUM, k=10))
    elif platform == "ig":
        link = "link in bio 🔗"
    else:
        link = (org.base_url or "") + rng.choice(["/donate", "/volunteer", "/reports", "/campaign"])
    lines = fill(rng, tpl, org, vocab, link, day_no)
    tags = []
    if camp:
        tags.append("#" + camp.tag)
    tags += rng.sample(vocab.hashtags, rng.choice([0, 1, 1, 2, 2, 3]))
    return lines, has_link, tags


def meta_caption(lines: list[str], tags: list[str]) -> str:
    """Facebook and Instagram: paragraphs apart, hashtags last."""
    body = "\n\n".join(lines)
    if tags:
        body += "\n\n" + " ".join(tags)
    return body


def x_text(lines: list[str], tags: list[str], rng: random.Random) -> str:
    """X: one line, HTML-escaped as the export writes it, long posts cut with a t.co link, some with a photo link."""
    text = " ".join(lines)
    if tags:
        text += " " + " ".join(tags)
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    if len(text) > 275:  # long posts are cut, ending in a t.co link
        cut = text[:250].rsplit(" ", 1)[0]
        text = cut + " https://t.co/" + "".join(rng.choices(ALNUM, k=10))
    if rng.random() < 0.3:  # attached photo
        text += " https://t.co/" + "".join(rng.choices(ALNUM, k=10))
    return text
