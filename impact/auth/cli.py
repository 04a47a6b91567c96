"""The commands for serving many people: users, share, audit and backup.

    python -m impact users add EMAIL --role admin|editor|viewer|funder [--org NAME]... [--portfolio NAME]...
                                     [--password-stdin]
    python -m impact users list [--json] | users remove EMAIL
    python -m impact share create --org NAME [--days N] [--from DAY --to DAY] [--json] | share list [--json]
    python -m impact share revoke ID
    python -m impact audit [--limit N] [--json]
    python -m impact backup --out FILE

The command line acts as an administrator (whoever can run it can read the store's file anyway); the
audit log names it "command line". Bad input gets a sentence on stderr and exit status 1 or 2.
"""

from __future__ import annotations

import argparse
import importlib
import json
import sys
from collections.abc import Iterator, Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from impact.auth import COMMAND_LINE, ROLES

# The store's modules (DuckDB) are imported by the command that runs, not here: `python -m impact --help`
# builds every command's parser and should start fast.
if TYPE_CHECKING:
    import duckdb

ACTOR = COMMAND_LINE.label
SHARE_DAYS = 30  # impact.auth.shares.DEFAULT_DAYS, written out so the parser need not import the store


class LazyChoices(Sequence[str]):
    """An option's choices read from a module when argparse first needs them (checking a value, a command's help).

    Give the option a metavar too, else argparse lists the choices as it builds the parser.
    """

    def __init__(self, module: str, name: str, *, keys: bool = False) -> None:
        self._where = (module, name, keys)
        self._values: tuple[str, ...] | None = None

    def _all(self) -> tuple[str, ...]:
        if self._values is None:
            module, name, keys = self._where
            found = getattr(importlib.import_module(module), name)
            self._values = tuple(sorted(found) if keys else found)
        return self._values

    def __getitem__(self, index: int) -> str:  # type: ignore[override]
        return self._all()[index]

    def __len__(self) -> int:
        return len(self._all())

    def __iter__(self) -> Iterator[str]:
        return iter(self._all())

    def __contains__(self, value: object) -> bool:
        return value in self._all()


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a day written YYYY-MM-DD") from None


def add_people_commands(commands: Any, common: argparse.ArgumentParser) -> None:
    """Register users, share, audit and backup on the sub-command parsers."""
    users = commands.add_parser("users", help="accounts for served mode (IMPACT_AUTH=password or oidc)")
    user_actions = users.add_subparsers(dest="action", required=True)
    add = user_actions.add_parser("add", parents=[common], help="add an account")
    add.add_argument("email")
    add.add_argument("--role", required=True, choices=ROLES)
    add.add_argument("--org", action="append", default=[], help="an organisation (editor, viewer); repeatable")
    add.add_argument("--portfolio", action="append", default=[], help="a portfolio (funder); repeatable")
    add.add_argument("--password-stdin", action="store_true", help="read the password from standard input (first line)")
    user_actions.add_parser("list", parents=[common], help="list the accounts")
    remove = user_actions.add_parser("remove", parents=[common], help="remove an account")
    remove.add_argument("email")

    share = commands.add_parser("share", help="read-only links to one organisation's pages")
    share_actions = share.add_subparsers(dest="action", required=True)
    create = share_actions.add_parser("create", parents=[common], help="make a link; prints its path")
    create.add_argument("--org", required=True)
    create.add_argument("--days", type=int, default=SHARE_DAYS, help=f"days until it expires (default {SHARE_DAYS})")
    create.add_argument("--from", dest="start", type=_day, default=None, help="a fixed period's first day")
    create.add_argument("--to", dest="end", type=_day, default=None, help="a fixed period's last day")
    share_actions.add_parser("list", parents=[common], help="every link, with its expiry and last use")
    revoke = share_actions.add_parser("revoke", parents=[common], help="revoke a link by its id")
    revoke.add_argument("id", type=int)

    audit = commands.add_parser("audit", parents=[common], help="the audit log, newest first")
    audit.add_argument("--limit", type=int, default=None, help="only the newest N events")
    backup = commands.add_parser("backup", parents=[common], help="a consistent copy of the store, while it runs")
    backup.add_argument("--out", type=Path, required=True, help="the backup file to write (must not exist)")


def fail(message: object, status: int = 1) -> int:
    """Print a refusal on stderr as a sentence (capital first letter, one full stop); the exit status."""
    sentence = str(message).rstrip(".")
    print(sentence[:1].upper() + sentence[1:] + ".", file=sys.stderr)
    return status


def run_people(con: duckdb.DuckDBPyConnection, args: argparse.Namespace) -> int:
    """Run users, share, audit or backup; the exit status."""
    from impact.auth.audit import events, record
    from impact.store.backup import BackupError, backup_store

    try:
        if args.command == "users":
            return _users(con, args)
        if args.command == "share":
            return _share(con, args)
        if args.command == "audit":
            found = events(con, args.limit)
            if args.json:
                print(json.dumps([e.as_json() for e in found], ensure_ascii=False))
            for e in [] if args.json else found:
                where = f" [{e.organisation}]" if e.organisation else ""
                print(f"{e.at:%Y-%m-%d %H:%M:%S}Z  {e.actor}  {e.action}{where}  {e.detail}".rstrip())
            return 0
        if args.command == "backup":
            record(con, ACTOR, "backup", None, str(args.out))
            size = backup_store(con, args.out)
            print(
                json.dumps({"path": str(args.out), "bytes": size})
                if args.json
                else f"Wrote {args.out} ({size:,} bytes)."
            )
            return 0
    except (ValueError, LookupError, BackupError) as error:
        return fail(error)
    return 2


def _users(con: duckdb.DuckDBPyConnection, args: argparse.Namespace) -> int:
    from impact.auth.accounts import accounts, add_account, remove_account

    if args.action == "add":
        password = None
        if args.password_stdin:
            password = sys.stdin.readline().rstrip("\r\n")
        add_account(con, args.email, args.role, args.org, args.portfolio, password, actor=ACTOR)
        email = args.email.strip().lower()
        print(json.dumps({"email": email, "role": args.role}) if args.json else f"Added {email} as {args.role}.")
        return 0
    if args.action == "list":
        found = accounts(con)
        if args.json:
            print(json.dumps([a.as_json() for a in found], ensure_ascii=False))
        for a in [] if args.json else found:
            granted = ", ".join([*a.organisations, *a.portfolios])
            locked = f" (locked until {a.locked_until:%H:%M} UTC)" if a.locked_until else ""
            print(f"{a.email}  {a.role}{'  ' + granted if granted else ''}{locked}")
        return 0
    remove_account(con, args.email, actor=ACTOR)
    print(f"Removed {args.email.strip().lower()}.")
    return 0


def _share(con: duckdb.DuckDBPyConnection, args: argparse.Namespace) -> int:
    from impact.auth.shares import create_link, links, revoke_link
    from impact.store.orgs import organisation_id

    if args.action == "create":
        org_id = organisation_id(con, args.org)
        if org_id is None:
            return fail(f"There is no organisation called {args.org!r}.")
        if (args.start is None) != (args.end is None):
            return fail("Give both --from and --to for a fixed period, or neither.", 2)
        period = (args.start, args.end) if args.start else None
        token, link = create_link(con, org_id, ACTOR, args.days, period)
        path = f"/?share={token}"
        if args.json:
            print(json.dumps({"id": link.id, "path": path, "expires": link.as_json()["expires"]}))
        else:
            print(f"Link {link.id} to {link.organisation}, until {link.expires_at:%d %b %Y %H:%M} UTC:")
            print(f"  {path}")
            print("Put the dashboard's address in front of it. It is shown only this once.")
        return 0
    if args.action == "list":
        found = links(con)
        if args.json:
            print(json.dumps([link.as_json() for link in found], ensure_ascii=False))
        for link in [] if args.json else found:
            used = f"last used {link.last_used_at:%Y-%m-%d %H:%M}" if link.last_used_at else "never used"
            print(f"{link.id}  {link.organisation}  {link.state()}  expires {link.expires_at:%Y-%m-%d %H:%M}  {used}")
        return 0
    link = revoke_link(con, args.id, ACTOR)
    print(json.dumps(link.as_json()) if args.json else f"Revoked link {link.id} to {link.organisation}.")
    return 0
