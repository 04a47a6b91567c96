"""`python -m impact people --org NAME [--from DAY] [--to DAY] [--json]`: the ranked evangelists.

Without --from and --to, the organisation's whole history (its first to its last local day with data).
--json prints one array: [{person, key, handles, platforms, interactions, shares, replies, likes, posts,
first, last, score}], best first (impact.supporters.ranking says how the score is made).
"""

from __future__ import annotations

import argparse
import json
from datetime import date
from typing import TYPE_CHECKING, Any

from impact.auth.cli import fail

if TYPE_CHECKING:  # the store's modules are imported when the command runs: --help starts fast
    import duckdb


def add_supporter_commands(commands: Any, common: argparse.ArgumentParser, day: Any) -> None:
    people = commands.add_parser("people", parents=[common], help="who interacted most: the ranked evangelists")
    people.add_argument("--org", required=True)
    people.add_argument("--from", dest="start", type=day, default=None, help="first local day, YYYY-MM-DD")
    people.add_argument("--to", dest="end", type=day, default=None, help="last local day, YYYY-MM-DD")


def run_supporter_command(con: duckdb.DuckDBPyConnection, args: argparse.Namespace) -> int:
    from impact.figures.overview import data_range  # pandas, only when the command runs
    from impact.store.orgs import organisation_id

    org = organisation_id(con, args.org)
    if org is None:
        return fail(f"there is no organisation called {args.org!r}")
    span = data_range(con, org)
    start: date | None = args.start or (span[0] if span else None)
    end: date | None = args.end or (span[1] if span else None)
    if start and end and start > end:
        return fail(f"--from {start} is after --to {end}", 2)
    ranked = [] if start is None or end is None else _rows(con, org, start, end)
    if args.json:
        print(json.dumps(ranked, ensure_ascii=False))
        return 0
    if not ranked:
        print("Nobody interacted in that period (or no interactions were synced or imported).")
    for rank, row in enumerate(ranked, start=1):
        print(f"{rank:>3}. {row['person']}  score {row['score']:.2f}  {row['interactions']} interactions "
              f"({row['shares']} shares, {row['replies']} replies, {row['likes']} likes)  "
              f"{', '.join(row['handles'])}  {row['first']} to {row['last']}")  # type: ignore[arg-type]  # fmt: skip
    return 0


def _rows(con: duckdb.DuckDBPyConnection, org: int, start: date, end: date) -> list[dict[str, object]]:
    from impact.supporters.ranking import evangelists

    frame = evangelists(con, org, start, end)
    return [
        {
            "person": str(r.name),
            "key": str(r.person),
            "handles": [str(h) for h in r.handles],
            "platforms": sorted({str(h).split(":", 1)[0] for h in r.handles}),
            "interactions": int(r.interactions),
            "shares": int(r.shares),
            "replies": int(r.replies),
            "likes": int(r.likes),
            "posts": int(r.posts),
            "first": r.first.isoformat(),
            "last": r.last.isoformat(),
            "score": float(r.score),
        }
        for r in frame.itertuples()
    ]
