"""The shape of an organisation's year, posting times, and the random draws every file shares."""

from __future__ import annotations

import math
import random
from collections.abc import Callable, Mapping, Sequence
from datetime import date, datetime, time, timedelta

from sample_data.story.orgs import Campaign, Org
from sample_data.story.period import DAYS, END, IST, START, days_between

ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
B58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
B64URL = ALNUM + "-_"

# Posting rhythm: more on Tue-Thu, fewer at the weekend, fewest on Sunday.
WEEKDAY_POST_W = [1.0, 1.45, 1.5, 1.4, 1.0, 0.65, 0.3]
# Posting hour (IST), 09:00-21:59, leaning towards the evening.
HOUR_W = [
    (9, 0.8), (10, 1.1), (11, 1.1), (12, 0.9), (13, 0.7), (14, 0.7), (15, 0.8), (16, 0.9), (17, 1.1), (18, 1.5),
    (19, 1.8), (20, 1.6), (21, 1.0),
]  # fmt: skip


class Year:
    """One organisation's year: growth, campaigns, the bad month, a quiet winter."""

    def __init__(self, org: Org) -> None:
        self.org = org
        self.days = [d for d in DAYS if d <= org.last_day]  # the days its exports cover

    def growth(self, d: date) -> float:
        g0, g1 = self.org.growth
        return g0 + (g1 - g0) * (d - START).days / (END - START).days

    def campaign(self, d: date) -> tuple[Campaign | None, float]:
        """(campaign, shape 0..1) for the campaign running on d, else (None, 0)."""
        for c in self.org.campaigns:
            if c.start <= d <= c.end:
                if d < c.peak_from:
                    shape = 0.25 + 0.75 * (d - c.start).days / max(1, (c.peak_from - c.start).days)
                elif d <= c.peak_to:
                    shape = 1.0
                else:
                    shape = 0.25 + 0.75 * (c.end - d).days / max(1, (c.end - c.peak_to).days)
                return c, shape
        return None, 0.0

    def is_bad(self, d: date) -> bool:
        a, b = self.org.bad
        return a <= d <= b

    def winter(self, d: date) -> bool:
        return self.org.winter_quiet and d.month in (12, 1, 2)

    def eng_mult(self, d: date, campaign_post: bool = True) -> float:
        c, shape = self.campaign(d)
        m = self.growth(d)
        if c:
            amp = c.eng if campaign_post else 1 + (c.eng - 1) * 0.35
            m *= 1 + (amp - 1) * shape
        if self.is_bad(d):
            m *= 0.45
        if self.winter(d):
            m *= 0.75
        return m

    def post_mult(self, d: date) -> float:
        c, shape = self.campaign(d)
        m = math.sqrt(self.growth(d))
        if c:
            m *= 1 + (c.posts - 1) * shape
        if self.is_bad(d):
            m *= 0.22
        if self.winter(d):
            m *= 0.6
        return m


def poisson(rng: random.Random, lam: float) -> int:
    if lam <= 0:
        return 0
    if lam > 30:
        return max(0, round(rng.gauss(lam, math.sqrt(lam))))
    limit, k, p = math.exp(-lam), 0, 1.0
    while True:
        p *= rng.random()
        if p <= limit:
            return k
        k += 1


def soft_cap(x: float, cap: float) -> float:
    """Roughly x for x << cap, saturating smoothly at cap."""
    return cap * math.tanh(x / cap)


def inr(n: float) -> str:
    """Indian digit grouping: 250000 -> ₹2,50,000."""
    s = str(int(n))
    if len(s) > 3:
        head, tail = s[:-3], s[-3:]
        parts: list[str] = []
        while len(head) > 2:
            parts.insert(0, head[-2:])
            head = head[:-2]
        if head:
            parts.insert(0, head)
        s = ",".join(parts) + "," + tail
    return "₹" + s


def fake_id(rng: random.Random, prefix: str, n: int) -> str:
    return prefix + "".join(rng.choice(ALNUM) for _ in range(n))


def pick_time(rng: random.Random, d: date) -> datetime:
    hours, weights = zip(*HOUR_W, strict=True)
    h = rng.choices(hours, weights)[0]
    return datetime.combine(d, time(h, rng.randrange(60), rng.randrange(60), rng.randrange(1000) * 1000), IST)


def time_factor(dt: datetime) -> float:
    wd, h = dt.weekday(), dt.hour
    if wd < 5 and 18 <= h <= 21:
        return 1.4  # weekday evening
    if wd < 5 and h == 17:
        return 1.15
    if wd >= 5:
        return 0.85
    return 1.0


def post_reach(
    rng: random.Random,
    year: Year,
    dt: datetime,
    camp: Campaign | None,
    typical: float,
    spread: float,
    cap: float,
    floor: int,
    floor_jitter: int,
    boost: float = 1.0,
) -> int:
    """A post's eventual reach (or impressions): the organisation's typical figure times the day's engagement,
    the hour's and chance (log-normal, `spread`) and `boost`; saturating at `cap`; below `floor`, the floor
    plus up to `floor_jitter`."""
    reach = typical * year.eng_mult(dt.date(), bool(camp)) * time_factor(dt) * rng.lognormvariate(0, spread)
    reach *= boost
    n = int(soft_cap(reach, cap))
    if n < floor:
        n = floor + rng.randrange(floor_jitter)
    return n


def schedule(rng: random.Random, year: Year, rate: float) -> list[datetime]:
    """Publish datetimes (IST) for one platform over the year."""
    # Expected posts per day, jittered, then emitted whenever the running sum
    # crosses a whole number: daily counts vary, monthly totals stay close to
    # the plan (pure Poisson gave accidental "bad months").
    times = []
    carry = rng.random()
    for d in year.days:
        carry += rate * WEEKDAY_POST_W[d.weekday()] * year.post_mult(d) * rng.uniform(0.3, 1.7)
        while carry >= 1:
            carry -= 1
            times.append(pick_time(rng, d))
    times.sort()
    return times


def campaign_for_post(rng: random.Random, year: Year, d: date) -> Campaign | None:
    c, shape = year.campaign(d)
    if c and rng.random() < 0.35 + 0.6 * shape:
        return c
    return None


def split_counts(rng: random.Random, total: int, weights: Mapping[str, float]) -> dict[str, int]:
    """Multinomial split of `total` units over named weights."""
    names = list(weights)
    counts = dict.fromkeys(names, 0)
    if total > 0:
        for n in rng.choices(names, [weights[k] for k in names], k=total):
            counts[n] += 1
    return counts


# Cumulative share of a post's eventual lifetime figures after t days.
def accrual_x(t: float) -> float:
    if t <= 0:
        return 0.0
    return 1 - 0.92 * math.exp(-t / 0.8) - 0.08 * math.exp(-t / 20)


def accrual_meta(t: float) -> float:
    if t <= 0:
        return 0.0
    return 1 - 0.85 * math.exp(-t / 1.1) - 0.15 * math.exp(-t / 15)


def accrual_yt(t: float) -> float:
    if t <= 0:
        return 0.0
    return 1 - 0.7 * math.exp(-t / 2.5) - 0.3 * math.exp(-t / 45)


def daily_accrual(
    posts: Sequence[tuple[datetime, Mapping[str, int]]], curve: Callable[[float], float], keys: Sequence[str]
) -> dict[str, list[float]]:
    """Spread every post's eventual figures (published, figures) over IST calendar days."""
    idx = {d: i for i, d in enumerate(DAYS)}
    acc = {k: [0.0] * len(DAYS) for k in keys}
    for published, vals in posts:
        i = idx[published.date()]
        prev = 0.0
        for j in range(i, len(DAYS)):
            day_end = datetime.combine(DAYS[j] + timedelta(days=1), time(0), IST)
            f = curve(days_between(published, day_end))
            step = f - prev
            prev = f
            for k in keys:
                acc[k][j] += vals[k] * step
            if f > 0.9995:
                break
    return acc


def follower_series(
    rng: random.Random, year: Year, start: float, growth: float, unf_lambda: float
) -> tuple[list[int], list[int]]:
    """Daily (new follows, unfollows): net growth ~= start*growth over the year."""
    unf = [poisson(rng, unf_lambda * (0.7 if year.is_bad(d) else 1.0)) for d in DAYS]
    w = [year.eng_mult(d) ** 0.85 for d in DAYS]
    k = (start * growth + sum(unf)) / sum(w)
    new = [poisson(rng, k * wi) for wi in w]
    return new, unf
