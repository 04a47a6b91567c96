"""The team's time log: who spent how long on which platform, doing what, for which campaign."""

from __future__ import annotations

import random
from datetime import date

from sample_data.story.captions import vocabulary
from sample_data.story.orgs import Campaign, Org
from sample_data.story.texts import load_json
from sample_data.story.year import Year
from sample_data.writers.time_log import TimeEntry, time_log

ACTIVITY_LABEL = {
    "create": "create content",
    "engage": "engage and reply",
    "listen": "listen and monitor",
    "measure": "measure and report",
}
ACTIVITY_W = {"create": 0.46, "engage": 0.30, "listen": 0.12, "measure": 0.12}
PLATFORM_LABEL = {"x": "X", "fb": "Facebook", "ig": "Instagram", "yt": "YouTube", "wa": "WhatsApp"}
# Now and then someone writes the platform their own way.
PLATFORM_BY_HAND = {"x": "Twitter", "fb": "FB", "ig": "Insta", "yt": "YT", "wa": "Whatsapp"}


def day_shape(year: Year, d: date) -> tuple[Campaign | None, str | None, float, bool, bool]:
    """(campaign, its name as the team writes it, shape 0..1, bad month?, quiet winter?) for d."""
    c, shape = year.campaign(d)
    name = year.org.outcomes.campaign_names[c.tag] if c else None
    return c, name, shape, year.is_bad(d), year.winter(d)


def build_time_log(org: Org, year: Year) -> tuple[bytes, int, dict[date, int]]:
    """The team's time log in the product's template: (bytes, rows, minutes per day)."""
    rng = random.Random(org.folder + "/time-log")
    conf = org.outcomes
    notes: dict[str, list[str]] = load_json("time_log_notes.json")["general"]
    campaign_notes: dict[str, list[str]] = load_json("time_log_notes.json")["campaign"]
    areas = vocabulary(org).areas
    budget = org.daily_budget_minutes
    entries: list[TimeEntry] = []
    per_day: dict[date, int] = {}
    for d in year.days:
        c, camp, shape, bad, winter = day_shape(year, d)
        wd = d.weekday()
        p = [0.95, 0.96, 0.96, 0.95, 0.92, 0.5, 0.2][wd]
        if c:
            p = max(p, 0.55 + 0.45 * shape)
        if bad:
            p *= 0.4
        if winter:
            p *= 0.85
        if rng.random() >= p:
            continue
        level = rng.gauss(0.82, 0.2) * (0.6 if wd >= 5 else 1.0)
        if c:
            level *= 1 + (c.posts - 1) * 0.6 * shape
        if bad:
            level *= 0.45
        if winter:
            level *= 0.8
        total = max(15, 5 * round(budget * level / 5))
        n = 1 + (total >= 45) + (total >= 90) + (total >= 140)
        weights = [rng.uniform(0.6, 1.4) for _ in range(n)]
        parts = [max(10, 5 * round(total * w / sum(weights) / 5)) for w in weights]
        first_days = d.day <= 3 and wd < 5
        for minutes in parts:
            aw = dict(ACTIVITY_W)
            if first_days or wd == 0:
                aw["measure"] *= 2.5
            if c:
                aw["create"] *= 1.2
                aw["engage"] *= 1.3
            activity = rng.choices(list(aw), list(aw.values()))[0]
            person = rng.choices(conf.people, [pp.share for pp in conf.people])[0]
            pw = list(person.platforms)
            if activity == "measure":
                pw[4] = 0  # nobody measures WhatsApp
            platform = rng.choices(list(PLATFORM_LABEL), pw)[0]
            label = PLATFORM_LABEL[platform]
            if rng.random() < 0.04:
                label = PLATFORM_BY_HAND[platform]
            named = camp if c and camp and activity != "listen" and rng.random() < 0.55 + 0.4 * shape else ""
            if c and named:
                note = rng.choice(campaign_notes[activity]).format(camp=camp, tag=c.tag)
            elif c and activity == "listen" and rng.random() < 0.5:
                note = campaign_notes["listen"][0].format(tag=c.tag)
            else:
                note = rng.choice(notes[activity]).format(area=rng.choice(areas))
            if rng.random() < 0.08:
                note = ""
            written = f"{minutes // 60}:{minutes % 60:02d}" if minutes >= 60 and rng.random() < 0.2 else str(minutes)
            entries.append(TimeEntry(d.isoformat(), person.name, label, ACTIVITY_LABEL[activity], written, named, note))
            per_day[d] = per_day.get(d, 0) + minutes
    return time_log(entries, excel=conf.crlf_time_log), len(entries), per_day
