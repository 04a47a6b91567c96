"""Accounts for served mode: e-mail, role, the organisations or portfolios granted, an argon2 password.

Passwords are hashed with argon2id (argon2-cffi, the maintained binding of the reference code, at its
RFC 9106 defaults); the store never holds one in clear. Five wrong passwords in a row lock the account
for 15 minutes, whoever tries them, so guessing from many places is as slow as from one.
"""

from __future__ import annotations

import re
import threading
from collections import OrderedDict
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cache
from typing import NamedTuple

import duckdb
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from impact.auth import ROLES, Person
from impact.auth.audit import record, utc_now
from impact.store.access import Readable
from impact.store.connection import WRITE_LOCK, transaction

MAX_FAILED = 5
LOCK_MINUTES = 15
MIN_PASSWORD = 10
MAX_PASSWORD = 1_024  # hashing a megabyte "password" would be work for nothing
_EMAIL = re.compile(r"[^@\s]{1,64}@[^@\s]+\.[^@\s]+")
WRONG = "The email or password is not right."


@cache
def _hasher() -> PasswordHasher:
    return PasswordHasher()


@cache
def _decoy_hash() -> str:
    """Checked against when no account has the e-mail, so an unknown address takes as long as a known one."""
    return _hasher().hash("decoy password that no account has")


def clean_email(email: str) -> str:
    """An e-mail address as stored (trimmed, lower case); ValueError when it is not one."""
    cleaned = (email or "").strip().lower()
    if len(cleaned) > 254 or not _EMAIL.fullmatch(cleaned):
        raise ValueError(f"{cleaned[:80]!r} is not an e-mail address")
    return cleaned


def check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD:
        raise ValueError(f"the password must have at least {MIN_PASSWORD} characters")
    if len(password) > MAX_PASSWORD:
        raise ValueError(f"the password must have at most {MAX_PASSWORD} characters")


@dataclass(frozen=True)
class Account:
    email: str
    role: str
    organisations: tuple[str, ...]
    portfolios: tuple[str, ...]
    has_password: bool
    locked_until: datetime | None
    created_at: datetime

    def as_json(self) -> dict[str, object]:
        return {
            "email": self.email,
            "role": self.role,
            "organisations": list(self.organisations),
            "portfolios": list(self.portfolios),
            "password": self.has_password,
            "locked_until": self.locked_until.isoformat(timespec="seconds") + "Z" if self.locked_until else None,
            "created_at": self.created_at.isoformat(timespec="seconds") + "Z",
        }


def _ids(con: duckdb.DuckDBPyConnection, table: str, names: list[str]) -> list[int]:
    """The ids of organisations or portfolios by name; ValueError naming those that do not exist."""
    if table not in ("organisation", "portfolio"):  # the table name is SQL, not a parameter: two allowed
        raise ValueError(f"no names to look up in {table!r}")
    found = dict(con.execute(f"SELECT name, id FROM {table} WHERE name IN (SELECT unnest(?))", [names]).fetchall())
    missing = [n for n in names if n not in found]
    if missing:
        word = "organisation" if table == "organisation" else "portfolio"
        raise ValueError(f"there is no {word} named {', '.join(repr(m) for m in missing)}")
    return [int(found[n]) for n in dict.fromkeys(names)]


def add_account(
    con: duckdb.DuckDBPyConnection,
    email: str,
    role: str,
    organisations: list[str] | tuple[str, ...] = (),
    portfolios: list[str] | tuple[str, ...] = (),
    password: str | None = None,
    actor: str = "command line",
) -> int:
    """Create an account; ValueError with the reason when the request does not make sense."""
    email = clean_email(email)
    if role not in ROLES:
        raise ValueError(f"the role must be one of {', '.join(ROLES)}, not {role!r}")
    if role in ("editor", "viewer") and (not organisations or portfolios):
        raise ValueError(f"an {role} needs one or more organisations (--org), and no portfolio")
    if role == "funder" and (not portfolios or organisations):
        raise ValueError("a funder needs one or more portfolios (--portfolio), and no organisation")
    if role == "admin" and (organisations or portfolios):
        raise ValueError("an admin has every organisation; give no --org or --portfolio")
    if password is not None:
        check_password(password)
    org_ids = _ids(con, "organisation", list(organisations))
    portfolio_ids = _ids(con, "portfolio", list(portfolios))
    hashed = _hasher().hash(password) if password is not None else None
    with WRITE_LOCK, transaction(con):
        if con.execute("SELECT 1 FROM app_user WHERE email = ?", [email]).fetchone():
            raise ValueError(f"{email} already has an account; remove it first to change it")
        user_id = int(
            con.execute(
                "INSERT INTO app_user (email, role, password_hash) VALUES (?, ?, ?) RETURNING id",
                [email, role, hashed],
            ).fetchone()[0]  # type: ignore[index]
        )
        for org_id in org_ids:
            con.execute("INSERT INTO app_user_organisation VALUES (?, ?)", [user_id, org_id])
        for portfolio_id in portfolio_ids:
            con.execute("INSERT INTO app_user_portfolio VALUES (?, ?)", [user_id, portfolio_id])
        granted = ", ".join([*organisations, *portfolios])
        record(con, actor, "account added", None, f"{email} as {role}" + (f" of {granted}" if granted else ""))
    return user_id


def remove_account(con: duckdb.DuckDBPyConnection, email: str, actor: str = "command line") -> None:
    """Delete an account and its grants; LookupError when there is none. Its sessions end on their next click."""
    email = clean_email(email)
    with WRITE_LOCK, transaction(con):
        row = con.execute("SELECT id FROM app_user WHERE email = ?", [email]).fetchone()
        if not row:
            raise LookupError(f"there is no account for {email}")
        for table in ("app_user_organisation", "app_user_portfolio"):
            con.execute(f"DELETE FROM {table} WHERE user_id = ?", [row[0]])
        con.execute("DELETE FROM app_user WHERE id = ?", [row[0]])
        record(con, actor, "account removed", None, email)


def accounts(con: duckdb.DuckDBPyConnection) -> list[Account]:
    rows = con.execute(
        """SELECT u.email, u.role,
                  list(DISTINCT o.name ORDER BY o.name) FILTER (WHERE o.name IS NOT NULL),
                  list(DISTINCT p.name ORDER BY p.name) FILTER (WHERE p.name IS NOT NULL),
                  u.password_hash IS NOT NULL, u.locked_until, u.created_at
           FROM app_user u
           LEFT JOIN app_user_organisation uo ON uo.user_id = u.id
           LEFT JOIN organisation o ON o.id = uo.organisation_id
           LEFT JOIN app_user_portfolio up ON up.user_id = u.id
           LEFT JOIN portfolio p ON p.id = up.portfolio_id
           GROUP BY ALL ORDER BY u.email"""
    ).fetchall()
    return [
        Account(email, role, tuple(orgs or ()), tuple(ports or ()), bool(has), locked, created)
        for email, role, orgs, ports, has, locked, created in rows
    ]


def person_for_user(con: duckdb.DuckDBPyConnection, user_id: int) -> Person | None:
    """The account as it is now (read on every page run, so a removed account or grant ends at once)."""
    row = con.execute("SELECT email, role FROM app_user WHERE id = ?", [user_id]).fetchone()
    if not row:
        return None
    email, role = row
    if role == "admin":
        return Person(label=email, role=role, readable=None, user_id=user_id)
    if role == "funder":
        portfolios = frozenset(
            int(r[0])
            for r in con.execute(
                "SELECT portfolio_id FROM app_user_portfolio WHERE user_id = ? "
                "AND portfolio_id IN (SELECT id FROM portfolio)",
                [user_id],
            ).fetchall()
        )
        orgs = frozenset(
            int(r[0])
            for r in con.execute(
                "SELECT DISTINCT organisation_id FROM portfolio_member WHERE portfolio_id IN (SELECT unnest(?))",
                [sorted(portfolios)],
            ).fetchall()
        )
        return Person(label=email, role=role, readable=Readable(orgs, portfolios), user_id=user_id)
    orgs = frozenset(
        int(r[0])
        for r in con.execute(
            "SELECT organisation_id FROM app_user_organisation WHERE user_id = ? "
            "AND organisation_id IN (SELECT id FROM organisation)",
            [user_id],
        ).fetchall()
    )
    return Person(
        label=email,
        role=role,
        readable=Readable(orgs),
        editable=orgs if role == "editor" else frozenset(),
        user_id=user_id,
    )


def user_id_for_email(con: duckdb.DuckDBPyConnection, email: str) -> int | None:
    """The account of an e-mail an identity provider vouched for (oidc mode), if we have one."""
    try:
        email = clean_email(email)
    except ValueError:
        return None
    row = con.execute("SELECT id FROM app_user WHERE email = ?", [email]).fetchone()
    return int(row[0]) if row else None


class SignIn(NamedTuple):
    """The outcome of a sign-in: the account's id, or the sentence to show."""

    user_id: int | None
    message: str


# One password check at a time in this process (DuckDB lets one process hold the store): parallel
# guesses from many browser tabs cannot all be checked before the fifth wrong one locks the account.
_SIGN_IN_LOCK = threading.Lock()
# Wrong tries of addresses that have no account, kept in memory, so that they lock exactly like real
# ones: whether an address has an account cannot be learnt from the answers.
_UNKNOWN_TRIES: OrderedDict[str, tuple[int, datetime | None]] = OrderedDict()
_UNKNOWN_KEPT = 10_000


def _actor(email: str) -> str:
    """What the audit log calls someone who tried to sign in: never a password typed in the wrong field."""
    try:
        return clean_email(email)
    except ValueError:
        return "(not an e-mail address)"


def _check_decoy(password: str) -> None:
    """As long as a real check, whatever the outcome."""
    try:
        _hasher().verify(_decoy_hash(), password[:MAX_PASSWORD])
    except VerificationError:
        pass


def sign_in(con: duckdb.DuckDBPyConnection, email: str, password: str, now: datetime | None = None) -> SignIn:
    """Check an e-mail and password, counting wrong passwords towards the lock; every attempt is audited."""
    now = now or utc_now()
    actor = _actor(email)
    key = (email or "").strip().lower()[:254]
    with _SIGN_IN_LOCK:
        row = con.execute("SELECT id, password_hash, locked_until FROM app_user WHERE email = ?", [key]).fetchone()
        locked_until = row[2] if row else _UNKNOWN_TRIES.get(key, (0, None))[1]
        if locked_until is not None and locked_until > now:
            _check_decoy(password)
            minutes = max(1, round((locked_until - now).total_seconds() / 60))
            record(con, actor, "sign-in failed", None, "account locked")
            return SignIn(None, f"Too many wrong passwords: this account is locked for {minutes} more minutes.")
        if not row:
            _check_decoy(password)
            return _unknown_address(con, key, actor, now)
        user_id, hashed = int(row[0]), row[1]
        try:
            if hashed is None or len(password) > MAX_PASSWORD:  # an account that signs in with its provider only
                _check_decoy(password)
                raise VerificationError
            _hasher().verify(str(hashed), password)
        except (VerificationError, InvalidHashError):
            return _wrong_password(con, user_id, actor, now)
        with WRITE_LOCK:
            new_hash = _hasher().hash(password) if _hasher().check_needs_rehash(str(hashed)) else hashed
            con.execute(
                "UPDATE app_user SET failed_sign_ins = 0, locked_until = NULL, password_hash = ? WHERE id = ?",
                [new_hash, user_id],
            )
    record(con, actor, "sign-in", None, "password")
    return SignIn(user_id, "")


def _unknown_address(con: duckdb.DuckDBPyConnection, key: str, actor: str, now: datetime) -> SignIn:
    """Count a wrong try of an address without an account, and answer as for one with an account."""
    tries = _UNKNOWN_TRIES.pop(key, (0, None))[0] + 1
    locked = tries >= MAX_FAILED
    _UNKNOWN_TRIES[key] = (0, now + timedelta(minutes=LOCK_MINUTES)) if locked else (tries, None)
    while len(_UNKNOWN_TRIES) > _UNKNOWN_KEPT:
        _UNKNOWN_TRIES.popitem(last=False)
    record(con, actor, "sign-in failed", None, "no such account")
    if locked:
        return SignIn(None, f"Too many wrong passwords: this account is locked for {LOCK_MINUTES} minutes.")
    return SignIn(None, WRONG)


def _wrong_password(con: duckdb.DuckDBPyConnection, user_id: int, email: str, now: datetime) -> SignIn:
    with WRITE_LOCK:
        failed = int(
            con.execute(
                "UPDATE app_user SET failed_sign_ins = failed_sign_ins + 1 WHERE id = ? RETURNING failed_sign_ins",
                [user_id],
            ).fetchone()[0]  # type: ignore[index]
        )
        if failed >= MAX_FAILED:
            con.execute(
                "UPDATE app_user SET failed_sign_ins = 0, locked_until = ? WHERE id = ?",
                [now + timedelta(minutes=LOCK_MINUTES), user_id],
            )
    if failed >= MAX_FAILED:
        record(con, email, "sign-in failed", None, f"wrong password {failed} times in a row: locked")
        return SignIn(None, f"Too many wrong passwords: this account is locked for {LOCK_MINUTES} minutes.")
    record(con, email, "sign-in failed", None, "wrong password")
    return SignIn(None, WRONG)


def still_valid(con: duckdb.DuckDBPyConnection, who: Person) -> Person | None:
    """The person as the store says now (a removed account or a revoked or expired link: None).

    For work that outlives the page run that started it, such as a report built when its download
    button is clicked.
    """
    if who.share_id is not None:
        row = con.execute(
            "SELECT 1 FROM share_link WHERE id = ? AND revoked_at IS NULL AND expires_at > ?", [who.share_id, utc_now()]
        ).fetchone()
        return who if row else None
    if who.user_id is not None:
        return person_for_user(con, who.user_id)
    return who
