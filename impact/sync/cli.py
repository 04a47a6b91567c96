"""The commands for pulled sources: sources add|list|remove, and sync (for cron).

    python -m impact sources add --org NAME --kind rss --url URL --as blog|mentions
    python -m impact sources add --org NAME --kind mastodon|bluesky --account ACCOUNT [--base-url URL]
    python -m impact sources add --org NAME --kind youtube --channel ID --secret-stdin   (the API key)
    python -m impact sources add --org NAME --kind facebook|instagram --account ID --secret-stdin   (the token)
    python -m impact sources list [--json] | sources remove ID
    python -m impact sync [--org NAME] [--source ID] [--json]

Keys and tokens (kinds that need one) are best read with --secret-stdin: --key and --token work too, but
a command line can be seen by other users of the machine (ps) and is kept in the shell's history, which
the command says. sync exits 1 when a source failed.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING, Any

from impact.auth import COMMAND_LINE
from impact.auth.cli import LazyChoices, fail

if TYPE_CHECKING:  # the store's modules are imported when a command runs: --help starts fast
    import duckdb

# The option that names a source's target, per kind (the others take --account).
TARGET_OPTIONS = {"rss": "url", "youtube": "channel"}


def add_sync_commands(commands: Any, common: argparse.ArgumentParser) -> None:
    found = commands.add_parser("sources", help="feeds and accounts to pull from (python -m impact sync)")
    actions = found.add_subparsers(dest="action", required=True)
    add = actions.add_parser("add", parents=[common], help="add a source to an organisation")
    add.add_argument("--org", required=True)
    add.add_argument(
        "--kind",
        required=True,
        choices=LazyChoices("impact.sync.sources", "KINDS"),
        metavar="KIND",
        help="one of %(choices)s",
    )
    add.add_argument("--url", help="rss: the feed's address")
    add.add_argument(
        "--as",
        dest="role",
        choices=LazyChoices("impact.sync.sources", "ROLES"),
        metavar="ROLE",
        help="rss: the organisation's blog, or a listening feed (%(choices)s)",
    )
    add.add_argument("--account", help="mastodon: user@server; bluesky: the handle; facebook, instagram: the id")
    add.add_argument("--channel", help="youtube: the channel id (UC...)")
    given = add.add_mutually_exclusive_group()
    given.add_argument("--key", dest="secret", help="youtube: the API key (--secret-stdin keeps it out of ps)")
    given.add_argument("--token", dest="secret", help="facebook, instagram: the token (better: --secret-stdin)")
    add.add_argument("--base-url", help="another server than the API's own (http only for this machine)")
    given.add_argument("--secret-stdin", action="store_true", help="read the key or token from standard input")
    actions.add_parser("list", parents=[common], help="every source, with its last pull")
    remove = actions.add_parser("remove", parents=[common], help="remove a source (what it pulled stays)")
    remove.add_argument("id", type=int)
    pull = commands.add_parser("sync", parents=[common], help="pull every source now (for cron)")
    pull.add_argument("--org", default=None)
    pull.add_argument("--source", type=int, default=None)


def run_sync_command(con: duckdb.DuckDBPyConnection, args: argparse.Namespace) -> int:
    from impact.auth.audit import record
    from impact.store.orgs import organisation_id
    from impact.sync.sources import add_source, remove_source, sources

    try:
        if args.command == "sync":
            return _sync(con, args)
        if args.action == "add":
            org_id = organisation_id(con, args.org)
            if org_id is None:
                return fail(f"there is no organisation called {args.org!r}")
            option = TARGET_OPTIONS.get(args.kind, "account")
            target = getattr(args, option)
            if not target:
                return fail(f"a {args.kind} source needs --{option}", 2)
            secret = sys.stdin.readline().strip() if args.secret_stdin else args.secret
            if args.secret:
                print(
                    "Note: a key or token given on the command line can be seen by other users of this machine "
                    "and stays in the shell's history; --secret-stdin reads it from standard input instead.",
                    file=sys.stderr,
                )
            made = add_source(con, org_id, args.kind, target, args.role or "", args.base_url, secret)
            record(con, COMMAND_LINE.label, "edit", org_id, f"source {made.id} added: {made.label}")
            print(json.dumps(made.as_json()) if args.json else f"Added source {made.id}: {made.label}.")
            return 0
        if args.action == "list":
            found = sources(con)
            if args.json:
                print(json.dumps([s.as_json() for s in found], ensure_ascii=False))
            for s in [] if args.json else found:
                last = f"{s.last_status} {s.last_synced_at:%Y-%m-%d %H:%M} UTC" if s.last_synced_at else "never pulled"
                print(f"{s.id}  {s.organisation}  {s.label}  {last}")
            return 0
        gone = remove_source(con, args.id)
        record(con, COMMAND_LINE.label, "edit", gone.organisation_id, f"source {gone.id} removed: {gone.label}")
        print(f"Removed source {gone.id}: {gone.label}.")
        return 0
    except (ValueError, LookupError) as error:
        return fail(error)


def _sync(con: duckdb.DuckDBPyConnection, args: argparse.Namespace) -> int:
    from impact.auth.audit import record
    from impact.store.orgs import organisation_id
    from impact.sync.run import sync  # the pullers (requests, feedparser) only when pulling

    org_id = None
    if args.org:
        org_id = organisation_id(con, args.org)
        if org_id is None:
            return fail(f"there is no organisation called {args.org!r}")
    results = sync(con, org_id, args.source)
    for result in results:
        action = "import refused" if result.status == "failed" else "import"
        record(con, COMMAND_LINE.label, action, None, result.sentence())
    if args.json:
        print(json.dumps([r.as_json() for r in results], ensure_ascii=False))
    for result in [] if args.json else results:
        print(result.sentence())
    if not results and not args.json:
        print("No source to pull.")
    return 1 if any(r.status == "failed" for r in results) else 0
