"""People: who shared, replied to and liked the organisation's posts, as a volunteer noted them from the
platforms' notifications (the interactions file, in this product's template).

The people are texts/people/<folder>.json (an organisation without one keeps no such sheet): each with a
name (the display name on every handle), their handles, and what each handle `does` to the organisation's
posts on its platform (`what`: share, comment or like, with the words the volunteer writes for it, and `p`,
how likely on a typical post). Every post of that platform is drawn for every handle, more likely on a
campaign's posts and less in the bad month (the day's engagement, year.Year.eng_mult, raised to the person's
`steady`: 1 for most people, less for the evangelists, who come back whatever the month), noted on the day
of the post or a few days later, never after the last export. `once` adds what a handle did once: the
campaign's most seen post (`when` a campaign's tag) or the newest post on or before a day (`when` a day);
a `monthly` habit (the evangelists' sharing) misses no month: a month the draws left out gets one, on the
month's most seen post.
`from` and `until` bound when someone followed the organisation.

The story, which build_interactions checks: the evangelists share again and again across the year, on two
platforms each, with one display name on both (the People page suggests merging them); an influencer, a large
account, shared once; everyone else likes and comments now and then and shares rarely (never three posts
within 90 days: that would make them evangelists), so that the supporter ladder has engagers and amplifiers
every month and someone moves up in the period's last month. The post column holds the post's id as its
export gives it (X's status id, Meta's Post ID), so the People page can link and date it.

What the People page should show is computed here from the lines, by the definitions the app documents
(impact.supporters: the evangelist score, influence, the ladder), for the README; the tests compare it
with the app's own figures.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

from sample_data.story.orgs import Org
from sample_data.story.period import START, month_key, period_name
from sample_data.story.texts import TEXTS, load_json
from sample_data.story.year import Year
from sample_data.writers.interactions import InteractionLine, interactions

# The People page's definitions (impact.supporters, impact.supporters.ranking, impact.supporters.ladder).
WEIGHT = {"share": 3, "comment": 2, "like": 1}
HALF_LIFE_DAYS = 30
PLATFORM_BONUS = 0.5
EVANGELIST_WINDOW_DAYS = 90
EVANGELIST_POSTS = 3
EVANGELIST_PLATFORMS = 2
STEPS = ("follower", "engager", "amplifier", "contributor", "evangelist")

PLATFORM_LABEL = {"x": "X", "facebook": "Facebook", "instagram": "Instagram"}
# Now and then the volunteer writes the platform their own way, or an X handle without its @.
PLATFORM_BY_HAND = {"x": "Twitter", "facebook": "FB", "instagram": "Insta"}
# Days between a post and the notification the volunteer noted.
LAG_W = [(0, 6.0), (1, 3.0), (2, 1.5), (3, 0.7), (5, 0.3)]
# An ordinary person shares at most this many posts within any window of the ladder's 90 days.
ORDINARY_SHARES_IN_WINDOW = EVANGELIST_POSTS - 1


def interactions_name(org: Org) -> str:
    return f"interactions_{period_name(org.last_day)}.csv"


@dataclass(frozen=True)
class Post:
    """One of the organisation's posts, as the interactions file refers to it."""

    platform: str  # x, facebook, instagram
    post_id: str
    day: date  # its local day (IST)
    campaign: str | None  # its campaign's tag
    seen: int  # impressions (X) or reach (Meta), eventual


@dataclass(frozen=True)
class Interaction:
    day: date
    platform: str
    handle: str  # without its @
    name: str
    what: str  # share, comment, like
    words: tuple[str, ...]  # how the volunteer writes it (one of them, drawn when written)
    post: Post
    followers: int | None


@dataclass(frozen=True)
class Ranked:
    """A row of the People page's evangelists: who (a handle, or a confirmed person's name) and their score."""

    name: str
    handles: tuple[str, ...]  # platform:handle
    interactions: int
    shares: int
    score: float


@dataclass(frozen=True)
class Influential:
    name: str
    handles: tuple[str, ...]
    audience: int
    interactions: int
    shares: int
    influence: int


@dataclass(frozen=True)
class Mover:
    name: str
    handle: str
    before: str
    now: str


@dataclass(frozen=True)
class PeopleStats:
    """What the interactions file adds up to on the People page, over the whole period."""

    kept_by: str  # the volunteer who noted them
    lines: int
    people: int  # distinct display names
    handles: int
    by_month: dict[str, int]  # lines by month
    evangelists: tuple[tuple[str, str, tuple[str, ...]], ...]  # (name, about, handles as platform:handle), in order
    influencer: tuple[str, str, int]  # (name, about, followers)
    influencer_share: tuple[date, Post]  # the one share of the influencer
    suggestions: tuple[tuple[str, tuple[str, ...]], ...]  # names on several platforms, with their handles
    ranking: tuple[Ranked, ...]  # every handle a person of its own, best first
    merged: tuple[Ranked, ...]  # the suggestions confirmed, best first
    influencers: tuple[Influential, ...]  # largest first
    merged_influencers: tuple[Influential, ...]
    steps: dict[str, dict[str, int]]  # month -> step -> people (engager, amplifier, evangelist)
    moved_up: tuple[Mover, ...]  # in the last month, highest step first
    last_month: str


def _lag(rng: random.Random) -> int:
    days, weights = zip(*LAG_W, strict=True)
    return rng.choices(days, weights)[0]


def _written_handle(rng: random.Random, platform: str, handle: str) -> str:
    if platform == "x":
        return handle if rng.random() < 0.12 else "@" + handle
    return handle


def _ordinary_may_share(shared: list[date], day: date) -> bool:
    """Whether an ordinary person's share on `day` keeps them below the evangelist's posts in each of the ladder's
    windows (the 90 days up to a month's end) that holds the day."""
    month = date(day.year, day.month, 1)
    while True:
        end = _month_end(month)
        start = end - timedelta(days=EVANGELIST_WINDOW_DAYS - 1)
        if start > day:
            return True
        if sum(1 for d in shared if start <= d <= end) >= ORDINARY_SHARES_IN_WINDOW:
            return False
        month = end + timedelta(days=1)


def _once_post(year: Year, posts: list[Post], spec: dict) -> tuple[Post, date]:
    """The post a one-off is on, and its day: a campaign's most seen post (on its day), or the newest post on or
    before a day (on that day)."""
    when: str = spec["when"]
    tags = {c.tag for c in year.org.campaigns}
    if when in tags:
        if spec["post"] != "most seen":
            raise ValueError(f"{year.org.folder}: a campaign's one-off is on its most seen post, not {spec['post']}")
        chosen = max((p for p in posts if p.campaign == when), key=lambda p: (p.seen, p.post_id))
        return chosen, chosen.day
    day = date.fromisoformat(when)
    if spec["post"] != "latest":
        raise ValueError(f"{year.org.folder}: a day's one-off is on the latest post, not {spec['post']}")
    before = [p for p in posts if p.day <= day]
    campaign = [p for p in before if p.campaign]
    newest = max(before, key=lambda p: (p.day, p.post_id))
    # A campaign's post of the same week comes first: people share what the organisation pushes.
    if campaign and (day - max(p.day for p in campaign)).days < 7:
        newest = max(campaign, key=lambda p: (p.day, p.post_id))
    return newest, day


def _noted(person: dict, handle: dict, what: str, words: list[str], post: Post, day: date) -> Interaction:
    return Interaction(
        day, handle["platform"], handle["handle"], person["name"], what, tuple(words), post, handle.get("followers")
    )


def draw(org: Org, year: Year, posts: dict[str, list[Post]]) -> list[Interaction]:
    """Every interaction the volunteer noted, by day (then platform, handle, kind and post)."""
    story = load_json(f"people/{org.folder}.json")
    rng = random.Random(org.folder + "/interactions")
    found: list[Interaction] = []
    for person in story["people"]:
        first = date.fromisoformat(person.get("from", START.isoformat()))
        last = min(org.last_day, date.fromisoformat(person.get("until", org.last_day.isoformat())))
        ordinary = person.get("role") is None
        steady = person.get("steady", 1.0)
        for handle in person["handles"]:
            own = [p for p in posts[handle["platform"]] if first <= p.day <= last]  # the posts they followed
            mine: list[Interaction] = []
            shared: list[date] = []
            for post in own:
                for does in handle.get("does", []):
                    p = min(0.95, does["p"] * year.eng_mult(post.day, post.campaign is not None) ** steady)
                    if rng.random() >= p:
                        continue
                    day = min(last, post.day + timedelta(days=_lag(rng)))
                    if does["what"] == "share" and ordinary:
                        if not _ordinary_may_share(shared, day):
                            continue
                        shared.append(day)
                    mine.append(_noted(person, handle, does["what"], does["written"], post, day))
            for does in handle.get("does", []):
                if not does.get("monthly"):
                    continue
                # A loyal habit: a month the draws missed gets one, on the month's most seen post.
                done = {(i.day.year, i.day.month) for i in mine if i.what == does["what"]}
                for month in sorted({(p.day.year, p.day.month) for p in own} - done):
                    post = max(
                        (p for p in own if (p.day.year, p.day.month) == month), key=lambda p: (p.seen, p.post_id)
                    )
                    day = min(last, post.day + timedelta(days=_lag(rng)))
                    mine.append(_noted(person, handle, does["what"], does["written"], post, day))
            for spec in handle.get("once", []):
                post, day = _once_post(year, own, spec)
                if spec["what"] == "share" and ordinary:
                    if not _ordinary_may_share(shared, day):
                        raise ValueError(f"{org.folder}: {person['name']} would share like an evangelist")
                    shared.append(day)
                mine.append(_noted(person, handle, spec["what"], [spec["written"]], post, day))
            done_twice = [(i.what, i.post.post_id) for i in mine]
            if len(set(done_twice)) != len(done_twice):
                raise ValueError(f"{org.folder}: {handle['handle']} did one thing twice to one post")
            found.extend(mine)
    order = list(PLATFORM_LABEL)
    found.sort(key=lambda i: (i.day, order.index(i.platform), i.handle.lower(), i.what, i.post.post_id))
    return found


def written(org: Org, found: list[Interaction]) -> list[InteractionLine]:
    """The lines as the volunteer typed them: the platform and the kind in their words, followers where known."""
    rng = random.Random(org.folder + "/interactions-written")
    return [
        InteractionLine(
            date=i.day.isoformat(),
            platform=PLATFORM_BY_HAND[i.platform] if rng.random() < 0.05 else PLATFORM_LABEL[i.platform],
            person=_written_handle(rng, i.platform, i.handle),
            name=i.name,
            kind=rng.choice(i.words),
            post=i.post.post_id,
            followers="" if i.followers is None else str(i.followers),
        )
        for i in found
    ]


# What the People page shows, by its definitions.


def _key(i: Interaction, merged: frozenset[str]) -> str:
    """Who did it: a handle, or (its merge confirmed) the person's name."""
    return i.name if i.name in merged else f"{i.platform}:{i.handle}"


def _rank(found: list[Interaction], start: date, end: date, merged: frozenset[str]) -> list[Ranked]:
    people: dict[str, list[Interaction]] = {}
    for i in found:
        if start <= i.day <= end:
            people.setdefault(_key(i, merged), []).append(i)
    rows = []
    for key, done in people.items():
        total = sum(WEIGHT[i.what] * 0.5 ** ((end - i.day).days / HALF_LIFE_DAYS) for i in done)
        platforms = len({i.platform for i in done})
        score = round(total * (1 + PLATFORM_BONUS * (platforms - 1)), 2)
        handles = tuple(sorted({f"{i.platform}:{i.handle}" for i in done}))
        newest = max(done, key=lambda i: i.day)
        ranked = Ranked(newest.name, handles, len(done), sum(i.what == "share" for i in done), score)
        rows.append((-score, -max(i.day for i in done).toordinal(), key, ranked))
    return [row[-1] for row in sorted(rows, key=lambda r: r[:3])]


def _influence(found: list[Interaction], start: date, end: date, merged: frozenset[str]) -> list[Influential]:
    people: dict[str, list[Interaction]] = {}
    for i in found:
        people.setdefault(_key(i, merged), []).append(i)
    rows = []
    for key, done in people.items():
        known = [i for i in done if i.followers is not None and i.day <= end]
        within = [i for i in done if start <= i.day <= end]
        if not known or not within:
            continue
        audience = max(known, key=lambda i: i.day).followers
        assert audience is not None
        influence = audience * sum(WEIGHT[i.what] for i in within)
        handles = tuple(sorted({f"{i.platform}:{i.handle}" for i in within}))
        newest = max(within, key=lambda i: i.day)
        row = Influential(
            newest.name, handles, audience, len(within), sum(i.what == "share" for i in within), influence
        )
        rows.append((-influence, -audience, key, row))
    return [row[-1] for row in sorted(rows, key=lambda r: r[:3])]


def _month_end(month: date) -> date:
    following = date(month.year + (month.month == 12), month.month % 12 + 1, 1)
    return following - timedelta(days=1)


def _ladder(found: list[Interaction], months: list[date]) -> dict[date, dict[str, int]]:
    """Each person's (handle's) step in each month they did something: an index into STEPS."""
    steps: dict[date, dict[str, int]] = {}
    for month in months:
        end = _month_end(month)
        window = [i for i in found if i.what == "share" and end - timedelta(EVANGELIST_WINDOW_DAYS - 1) <= i.day <= end]
        active: dict[str, list[Interaction]] = {}
        for i in found:
            if (i.day.year, i.day.month) == (month.year, month.month):
                active.setdefault(_key(i, frozenset()), []).append(i)
        steps[month] = {}
        for key, done in active.items():
            mine = [i for i in window if _key(i, frozenset()) == key]
            evangelising = (
                len({(i.platform, i.post.post_id) for i in mine}) >= EVANGELIST_POSTS
                or len({i.platform for i in mine}) >= EVANGELIST_PLATFORMS
            )
            if evangelising:
                steps[month][key] = STEPS.index("evangelist")
            elif any(i.what == "share" for i in done):
                steps[month][key] = STEPS.index("amplifier")
            else:
                steps[month][key] = STEPS.index("engager")
    return steps


def _moved_up(found: list[Interaction], steps: dict[date, dict[str, int]], months: list[date]) -> list[Mover]:
    now, before = steps[months[-1]], steps[months[-2]] if len(months) > 1 else {}
    names = {_key(i, frozenset()): i.name for i in sorted(found, key=lambda i: i.day)}  # the newest name
    climbed = [
        (-step, key)
        for key, step in now.items()
        if (key in before and step > before[key]) or (key not in before and step > STEPS.index("engager"))
    ]
    return [
        Mover(names[key], key, STEPS[before[key]] if key in before else "follower", STEPS[-rank])
        for rank, key in sorted(climbed)
    ]


def _suggestions(found: list[Interaction]) -> list[tuple[str, tuple[str, ...]]]:
    """Names on several platforms, one handle on each (the People page's suggested merges)."""
    by_name: dict[str, set[tuple[str, str]]] = {}
    for i in found:
        by_name.setdefault(" ".join(i.name.lower().split()), set()).add((i.platform, i.handle))
    out = []
    for members in by_name.values():
        platforms = [p for p, _ in members]
        if len(set(platforms)) >= 2 and len(platforms) == len(set(platforms)):
            name = next(i.name for i in found if (i.platform, i.handle) in members)
            out.append((name, tuple(sorted(f"{p}:{h}" for p, h in members))))
    return sorted(out, key=lambda s: s[1])


def _check(org: Org, found: list[Interaction], stats: PeopleStats) -> None:
    """The story's rules (see the module's docstring); a text file that breaks one is an error."""
    for i in found:
        if not i.post.day <= i.day or not START <= i.day <= org.last_day:
            raise ValueError(f"{org.folder}: {i.handle} on {i.day} on a post of {i.post.day}")
    evangelists = {name for name, _, _ in stats.evangelists}
    if {name for name, _ in stats.suggestions} != evangelists:
        raise ValueError(f"{org.folder}: the suggested merges are {stats.suggestions}, not the evangelists")
    if {r.name for r in stats.merged[: len(evangelists)]} != evangelists:
        raise ValueError(f"{org.folder}: the evangelists are not first once merged: {stats.merged[:3]}")
    if not stats.influencers or stats.influencers[0].name != stats.influencer[0]:
        raise ValueError(f"{org.folder}: the influencer is not the most influential: {stats.influencers[:2]}")
    influencer = [i for i in found if i.name == stats.influencer[0]]
    if len(influencer) != 1 or influencer[0].what != "share":
        raise ValueError(f"{org.folder}: the influencer shared {len(influencer)} times")
    bad = month_key(org.bad[0])
    for month, counts in stats.steps.items():
        if not counts["engager"] or not counts["amplifier"]:
            raise ValueError(f"{org.folder}: no engager or no amplifier in {month}: {counts}")
        if month != bad and stats.by_month[month] <= stats.by_month[bad]:
            raise ValueError(f"{org.folder}: {month} is no busier than the bad month")
    if not stats.moved_up:
        raise ValueError(f"{org.folder}: nobody moved up in {stats.last_month}")


def build_interactions(org: Org, year: Year, posts: dict[str, list[Post]]) -> tuple[bytes, int, PeopleStats] | None:
    """The interactions file the volunteer kept, (bytes, lines, what the People page shows); None for an
    organisation whose people are not in the story (no texts/people/<folder>.json)."""
    if not (TEXTS / "people" / f"{org.folder}.json").exists():
        return None
    story = load_json(f"people/{org.folder}.json")
    found = draw(org, year, posts)
    lines = written(org, found)
    months = sorted({date(i.day.year, i.day.month, 1) for i in found} | {date(d.year, d.month, 1) for d in year.days})
    suggestions = _suggestions(found)
    merged = frozenset(name for name, _ in suggestions)
    ladder = _ladder(found, months)
    by_month: dict[str, int] = {}
    for i in found:
        by_month[month_key(i.day)] = by_month.get(month_key(i.day), 0) + 1
    influencer = next(p for p in story["people"] if p.get("role") == "influencer")
    share = next(i for i in found if i.name == influencer["name"])
    stats = PeopleStats(
        kept_by=story["kept_by"],
        lines=len(lines),
        people=len({i.name for i in found}),
        handles=len({(i.platform, i.handle) for i in found}),
        by_month=by_month,
        evangelists=tuple(
            (p["name"], p["about"], tuple(f"{h['platform']}:{h['handle']}" for h in p["handles"]))
            for p in story["people"]
            if p.get("role") == "evangelist"
        ),
        influencer=(influencer["name"], influencer["about"], influencer["handles"][0]["followers"]),
        influencer_share=(share.day, share.post),
        suggestions=tuple(suggestions),
        ranking=tuple(_rank(found, START, org.last_day, frozenset())),
        merged=tuple(_rank(found, START, org.last_day, merged)),
        influencers=tuple(_influence(found, START, org.last_day, frozenset())),
        merged_influencers=tuple(_influence(found, START, org.last_day, merged)),
        steps={
            month_key(m): {step: sum(1 for s in ladder[m].values() if s == STEPS.index(step)) for step in STEPS[1:]}
            for m in months
        },
        moved_up=tuple(_moved_up(found, ladder, months)),
        last_month=month_key(months[-1]),
    )
    _check(org, found, stats)
    return interactions(lines), len(lines), stats
