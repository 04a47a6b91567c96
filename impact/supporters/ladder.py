"""The supporter ladder (Kanter and Paine's engagement ladder): how far up each person came, month by month.

The steps, lowest first, each a person's highest in a month:
- **follower**: follows an account. Followers are counted, not named: the step shows the accounts'
  followers at the month's end (the last figure of each account in the month, added up);
- **engager**: liked, favourited or replied to / commented on a post that month;
- **amplifier**: shared, reposted, boosted, quoted or wrote about the organisation that month;
- **contributor**: gave (a donation whose donor is confirmed to be this person, by the hash of the
  e-mail the donation files keep) or volunteered (hours in the time log under the name confirmed to be
  theirs) that month;
- **evangelist**: active that month, and in the 90 days up to the month's end amplified at least 3
  different posts, or amplified on at least 2 platforms.

Movement compares a person's step with their step the month before: *new* (no step then), *up*,
*same*, *down*. The people who moved up in the period's last month are the ones to thank.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import duckdb
import pandas as pd

from impact.definitions.sql import organisation_timezone
from impact.supporters import interactions_between

STEPS = ("follower", "engager", "amplifier", "contributor", "evangelist")
EVANGELIST_WINDOW_DAYS = 90
EVANGELIST_POSTS = 3
EVANGELIST_PLATFORMS = 2


@dataclass(frozen=True)
class Ladder:
    steps: pd.DataFrame  # month, step, people (followers: the accounts' followers at the month's end)
    movement: pd.DataFrame  # month, new, up, same, down
    moved_up: pd.DataFrame  # person, name, before, now: who climbed in the last month, highest first


def _months(start: date, end: date) -> list[date]:
    first = date(start.year, start.month, 1)
    months = []
    while first <= end:
        months.append(first)
        first = date(first.year + (first.month == 12), first.month % 12 + 1, 1)
    return months


def ladder(con: duckdb.DuckDBPyConnection, org: int, start: date, end: date) -> Ladder:
    """Steps per month of the period (whole months from the one holding `start` to the one holding `end`)."""
    months = _months(start, end)
    if not months:
        empty = pd.DataFrame()
        return Ladder(empty, empty, empty)
    month_end = "(date_trunc('month', m.month) + INTERVAL 1 MONTH - INTERVAL 1 DAY)::DATE"
    params = {"org": org, "tz": organisation_timezone(con, org), "months": months}
    per_person = con.execute(
        f"""WITH everything AS (SELECT * FROM {interactions_between(whole_history=True)}),
            m AS (SELECT unnest($months::DATE[]) AS month),
            activity AS (
                SELECT m.month, i.person,
                       count(*) FILTER (WHERE i.class <> 'amplify') AS engaged,
                       count(*) FILTER (WHERE i.class = 'amplify') AS amplified
                FROM everything i JOIN m ON date_trunc('month', i.day) = m.month
                GROUP BY ALL
            ),
            gave AS (
                SELECT DISTINCT m.month, 's' || s.id AS person
                FROM supporter s JOIN outcome o ON o.organisation_id = $org AND o.donor = s.donor AND o.kind = 'donation'
                JOIN m ON date_trunc('month', o.occurred_at) = m.month
                WHERE s.organisation_id = $org
                UNION
                SELECT DISTINCT m.month, 's' || s.id
                FROM supporter s JOIN time_entry t ON t.organisation_id = $org AND t.person = s.volunteer
                JOIN m ON date_trunc('month', t.day) = m.month
                WHERE s.organisation_id = $org
            ),
            window_ AS (
                SELECT m.month, i.person, count(DISTINCT i.platform || ' ' || i.post_id) AS posts,
                       count(DISTINCT i.platform) AS platforms
                FROM everything i JOIN m ON i.class = 'amplify'
                     AND i.day BETWEEN {month_end} - INTERVAL {EVANGELIST_WINDOW_DAYS - 1} DAY AND {month_end}
                GROUP BY ALL
            )
            SELECT month, person, coalesce(a.engaged, 0) AS engaged, coalesce(a.amplified, 0) AS amplified,
                   g.person IS NOT NULL AS contributed,
                   coalesce(w.posts, 0) >= {EVANGELIST_POSTS} OR coalesce(w.platforms, 0) >= {EVANGELIST_PLATFORMS}
                       AS evangelising
            FROM activity a FULL JOIN gave g USING (month, person) LEFT JOIN window_ w USING (month, person)""",
        params,
    ).df()
    followers = con.execute(
        """WITH m AS (SELECT unnest($months::DATE[]) AS month)
            SELECT m.month, sum(last) AS people FROM m JOIN (
                SELECT date_trunc('month', day) AS month, account_id,
                       arg_max(followers, day) AS last
                FROM account_day WHERE organisation_id = $org AND followers IS NOT NULL GROUP BY ALL
            ) f ON f.month = m.month GROUP BY m.month""",
        {"org": org, "months": months},
    ).df()
    steps = _steps(per_person)
    return Ladder(_counts(steps, followers, months), _movement(steps, months), _moved_up(con, org, steps, months))


def _steps(per_person: pd.DataFrame) -> pd.DataFrame:
    """Each person's step (an index into STEPS) in each month they did something."""
    if per_person.empty:
        return pd.DataFrame(columns=["month", "person", "step"])
    step = pd.Series(STEPS.index("engager"), index=per_person.index)
    step[per_person["amplified"] > 0] = STEPS.index("amplifier")
    step[per_person["contributed"].astype(bool)] = STEPS.index("contributor")
    active = (per_person["engaged"] + per_person["amplified"] > 0) | per_person["contributed"].astype(bool)
    step[active & per_person["evangelising"].astype(bool)] = STEPS.index("evangelist")
    frame = per_person[["month", "person"]].copy()
    frame["month"] = pd.to_datetime(frame["month"]).dt.date
    frame["step"] = step.astype(int)
    return frame


def _counts(steps: pd.DataFrame, followers: pd.DataFrame, months: list[date]) -> pd.DataFrame:
    rows = []
    known = {pd.Timestamp(m).date(): int(n) for m, n in zip(followers["month"], followers["people"], strict=True)}
    for month in months:
        in_month = steps[steps["month"] == month]
        rows.append({"month": month, "step": "follower", "people": known.get(month)})
        for index, name in enumerate(STEPS[1:], start=1):
            rows.append({"month": month, "step": name, "people": int((in_month["step"] == index).sum())})
    frame = pd.DataFrame(rows)
    frame["people"] = frame["people"].astype("Int64")  # the followers of a month without figures: unknown
    return frame


def _movement(steps: pd.DataFrame, months: list[date]) -> pd.DataFrame:
    rows = []
    for before, month in zip([None, *months], months, strict=False):
        now = steps[steps["month"] == month].set_index("person")["step"]
        then = steps[steps["month"] == before].set_index("person")["step"] if before else pd.Series(dtype=int)
        was = then.reindex(now.index)
        rows.append({
            "month": month,
            "new": int(was.isna().sum()),
            "up": int((now > was).sum()),
            "same": int((now == was).sum()),
            "down": int((now < was).sum()),
        })  # fmt: skip
    return pd.DataFrame(rows)


def _moved_up(con: duckdb.DuckDBPyConnection, org: int, steps: pd.DataFrame, months: list[date]) -> pd.DataFrame:
    """Who climbed in the last month: a higher step than the month before (or a first step above engager)."""
    last, before = months[-1], months[-2] if len(months) > 1 else None
    now = steps[steps["month"] == last].set_index("person")["step"]
    then = steps[steps["month"] == before].set_index("person")["step"] if before else pd.Series(dtype=int)
    was = then.reindex(now.index)
    climbed = now[(now > was) | (was.isna() & (now > STEPS.index("engager")))]
    if climbed.empty:
        return pd.DataFrame(columns=["person", "name", "before", "now"])
    from impact.supporters.identity import names_of

    names = names_of(con, org, list(climbed.index))
    frame = pd.DataFrame({
        "person": climbed.index,
        "name": [names.get(p, p) for p in climbed.index],
        "before": [STEPS[int(s)] if pd.notna(s) else "follower" for s in was[climbed.index]],
        "now": [STEPS[int(s)] for s in climbed],
        "rank": climbed.values,
    })  # fmt: skip
    return frame.sort_values(["rank", "person"], ascending=[False, True]).drop(columns="rank").reset_index(drop=True)
