"""Accounts, sign-in and lockout, share links, the audit log and backups (impact/auth, impact/store/backup)."""

from __future__ import annotations

import io
import json
import shutil
from datetime import date, datetime, timedelta
from pathlib import Path

import duckdb
import pytest

from impact.__main__ import main
from impact.auth.accounts import WRONG, accounts, add_account, person_for_user, remove_account, sign_in
from impact.auth.audit import events
from impact.auth.shares import create_link, links, open_link, revoke_link
from impact.presence.portfolio import portfolio_named
from impact.store.access import Readable
from impact.store.connection import connect, open_store
from impact.store.orgs import organisation_id

PUNE, BRAHMAPUTRA = "Pune Education Trust", "Brahmaputra Flood Relief Network"
COHORT = "Digital skills cohort 2026"
PASSWORD = "correct horse battery"
NOON = datetime(2026, 12, 3, 12, 0)


@pytest.fixture
def store(sample_store: Path, tmp_path: Path):
    path = tmp_path / "people.duckdb"
    shutil.copy(sample_store, path)
    con = connect(path)
    yield con
    con.close()


def org(con: duckdb.DuckDBPyConnection, name: str) -> int:
    found = organisation_id(con, name)
    assert found is not None
    return found


def test_an_account_keeps_an_argon2_hash_never_the_password(store: duckdb.DuckDBPyConnection) -> None:
    add_account(store, "  Asha@Example.ORG ", "viewer", [PUNE], password=PASSWORD)
    (stored,) = store.execute("SELECT password_hash FROM app_user WHERE email = 'asha@example.org'").fetchone()
    assert stored.startswith("$argon2id$") and PASSWORD not in stored
    assert [(a.email, a.role, a.organisations, a.portfolios) for a in accounts(store)] == [
        ("asha@example.org", "viewer", (PUNE,), ())
    ]


@pytest.mark.parametrize(
    ("email", "role", "orgs", "portfolios", "password", "message"),
    [
        ("not an address", "viewer", [PUNE], [], PASSWORD, "is not an e-mail address"),
        ("a@example.org", "owner", [PUNE], [], PASSWORD, "the role must be one of admin, editor, viewer, funder"),
        ("a@example.org", "viewer", [], [], PASSWORD, "an viewer needs one or more organisations"),
        ("a@example.org", "editor", ["Nobody Trust"], [], PASSWORD, "there is no organisation named 'Nobody Trust'"),
        ("a@example.org", "funder", [PUNE], [], PASSWORD, "a funder needs one or more portfolios"),
        ("a@example.org", "funder", [], ["No such cohort"], PASSWORD, "there is no portfolio named 'No such cohort'"),
        ("a@example.org", "admin", [PUNE], [], PASSWORD, "an admin has every organisation"),
        ("a@example.org", "viewer", [PUNE], [], "short", "at least 10 characters"),
        ("a@example.org", "viewer", [PUNE], [], "x" * 1025, "at most 1024 characters"),
    ],
)
def test_a_request_that_makes_no_sense_adds_nothing(
    store: duckdb.DuckDBPyConnection, email: str, role: str, orgs: list[str], portfolios: list[str], password: str,
    message: str,
) -> None:  # fmt: skip
    with pytest.raises(ValueError, match=message):
        add_account(store, email, role, orgs, portfolios, password)
    assert accounts(store) == []
    assert events(store) == []


def test_the_same_email_twice_is_refused(store: duckdb.DuckDBPyConnection) -> None:
    add_account(store, "a@example.org", "viewer", [PUNE], password=PASSWORD)
    with pytest.raises(ValueError, match="a@example.org already has an account"):
        add_account(store, "A@example.org", "admin", password=PASSWORD)
    assert [a.role for a in accounts(store)] == ["viewer"]


def test_each_role_reads_and_edits_what_it_is_granted(store: duckdb.DuckDBPyConnection) -> None:
    pune, brahmaputra = org(store, PUNE), org(store, BRAHMAPUTRA)
    cohort = portfolio_named(store, COHORT)
    assert cohort is not None
    admin = person_for_user(store, add_account(store, "boss@example.org", "admin", password=PASSWORD))
    editor = person_for_user(store, add_account(store, "ed@example.org", "editor", [PUNE], password=PASSWORD))
    viewer = person_for_user(store, add_account(store, "vi@example.org", "viewer", [PUNE, BRAHMAPUTRA]))
    funder = person_for_user(store, add_account(store, "fu@example.org", "funder", portfolios=[COHORT]))
    assert admin is not None and editor is not None and viewer is not None and funder is not None
    assert admin.readable is None and admin.can_edit(None) and admin.can_edit(brahmaputra)
    assert editor.readable == Readable(frozenset({pune}))
    assert editor.can_edit(pune) and not editor.can_edit(brahmaputra) and not editor.can_edit(None)
    assert not editor.read_only
    assert viewer.readable == Readable(frozenset({pune, brahmaputra}))
    assert viewer.read_only and not viewer.can_edit(pune)
    members = {org(store, name) for name in cohort.members}
    assert funder.readable == Readable(frozenset(members), frozenset({cohort.id}))
    assert funder.read_only and funder.can_edit_portfolio(cohort.id) and not funder.can_edit_portfolio(cohort.id + 1)
    assert not editor.can_edit_portfolio(cohort.id)


def test_removing_an_account_ends_it(store: duckdb.DuckDBPyConnection) -> None:
    user_id = add_account(store, "vi@example.org", "viewer", [PUNE], password=PASSWORD)
    remove_account(store, "VI@example.org")
    assert person_for_user(store, user_id) is None  # a session still holding the id finds no one
    assert store.execute("SELECT count(*) FROM app_user_organisation").fetchone() == (0,)
    with pytest.raises(LookupError, match="there is no account for vi@example.org"):
        remove_account(store, "vi@example.org")


def test_sign_in_and_five_wrong_passwords_lock_the_account_for_15_minutes(store: duckdb.DuckDBPyConnection) -> None:
    user_id = add_account(store, "vi@example.org", "viewer", [PUNE], password=PASSWORD)
    assert sign_in(store, "Vi@Example.org", PASSWORD, NOON).user_id == user_id
    for attempt in range(4):
        assert sign_in(store, "vi@example.org", "wrong password!", NOON) == (None, WRONG), attempt
    locked = sign_in(store, "vi@example.org", "wrong password!", NOON)
    assert locked.message == "Too many wrong passwords: this account is locked for 15 minutes."
    # Locked: even the right password is refused, until 15 minutes have passed.
    still = sign_in(store, "vi@example.org", PASSWORD, NOON + timedelta(minutes=14))
    assert (still.user_id, still.message) == (
        None,
        "Too many wrong passwords: this account is locked for 1 more minutes.",
    )
    assert sign_in(store, "vi@example.org", PASSWORD, NOON + timedelta(minutes=15, seconds=1)).user_id == user_id
    # A right password resets the count: four wrong ones after it do not lock.
    for _ in range(4):
        sign_in(store, "vi@example.org", "wrong password!", NOON + timedelta(minutes=20))
    assert sign_in(store, "vi@example.org", PASSWORD, NOON + timedelta(minutes=20)).user_id == user_id
    actions = [(e.actor, e.action, e.detail) for e in reversed(events(store))]
    assert actions[1] == ("vi@example.org", "sign-in", "password")
    assert actions[6] == ("vi@example.org", "sign-in failed", "wrong password 5 times in a row: locked")
    assert actions[7] == ("vi@example.org", "sign-in failed", "account locked")


def test_an_unknown_email_gets_the_same_sentence_as_a_wrong_password(store: duckdb.DuckDBPyConnection) -> None:
    assert sign_in(store, "nobody@example.org", PASSWORD, NOON) == (None, WRONG)
    assert sign_in(store, "", "", NOON) == (None, WRONG)
    add_account(store, "sso@example.org", "viewer", [PUNE])  # identity provider only: no password to match
    assert sign_in(store, "sso@example.org", "", NOON) == (None, WRONG)


def test_a_share_link_keeps_only_the_hash_and_opens_one_organisation_read_only(
    store: duckdb.DuckDBPyConnection,
) -> None:
    pune = org(store, PUNE)
    token, link = create_link(store, pune, "ed@example.org", days=7, now=NOON)
    assert len(token) == 43  # 32 random bytes, URL-safe base64
    assert token not in str(store.execute("SELECT * FROM share_link").fetchall())
    assert (link.organisation, link.expires_at, link.last_used_at) == (PUNE, NOON + timedelta(days=7), None)
    opened = open_link(store, token, NOON + timedelta(hours=1))
    assert opened.person is not None
    assert opened.person.readable == Readable(frozenset({pune}))
    assert opened.person.read_only and opened.person.role == "share"
    assert links(store)[0].last_used_at == NOON + timedelta(hours=1)
    # A second visit within ten minutes is not written down again (no store write on every click).
    open_link(store, token, NOON + timedelta(hours=1, minutes=5))
    assert links(store)[0].last_used_at == NOON + timedelta(hours=1)
    assert open_link(store, token, NOON + timedelta(days=7)).message.startswith(
        "This share link expired on 10 Dec 2026"
    )
    revoke_link(store, link.id, "ed@example.org", NOON)
    assert open_link(store, token, NOON + timedelta(hours=2)).message.startswith("This share link has been revoked")
    for bad in ("", "x" * 43, token[:-1], token + "A", "../../etc/passwd", "' OR 1=1 --"):
        assert open_link(store, bad, NOON).message == "This share link is not valid. Ask whoever sent it for a new one."


def test_a_share_link_can_fix_its_period(store: duckdb.DuckDBPyConnection) -> None:
    token, _ = create_link(store, org(store, PUNE), "cli", period=(date(2026, 1, 1), date(2026, 3, 31)), now=NOON)
    opened = open_link(store, token, NOON)
    assert opened.person is not None and opened.person.period == (date(2026, 1, 1), date(2026, 3, 31))
    with pytest.raises(ValueError, match="a link lasts 1 to 366 days, not 0"):
        create_link(store, org(store, PUNE), "cli", days=0)
    with pytest.raises(ValueError, match="the period ends before it starts"):
        create_link(store, org(store, PUNE), "cli", period=(date(2026, 3, 1), date(2026, 1, 1)))


def cli(db: Path, *args: str, stdin: str = "", monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]):
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    status = main([*args, "--db", str(db)])
    out, err = capsys.readouterr()
    return status, out, err


@pytest.fixture
def store_path(sample_store: Path, tmp_path: Path) -> Path:
    path = tmp_path / "cli.duckdb"
    shutil.copy(sample_store, path)
    return path


def test_the_users_commands(store_path: Path, monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    run = lambda *a, stdin="": cli(store_path, *a, stdin=stdin, monkeypatch=monkeypatch, capsys=capsys)  # noqa: E731
    assert run("users", "add", "Ed@Example.org", "--role", "editor", "--org", PUNE, "--password-stdin",
               stdin=PASSWORD + "\n") == (0, "Added ed@example.org as editor.\n", "")  # fmt: skip
    assert run("users", "add", "fu@example.org", "--role", "funder", "--portfolio", COHORT) == (
        0, "Added fu@example.org as funder.\n", "",
    )  # fmt: skip
    status, out, err = run("users", "add", "x@example.org", "--role", "viewer", "--org", "Nobody")
    assert (status, out, err) == (1, "", "There is no organisation named 'Nobody'.\n")
    status, out, _ = run("users", "list", "--json")
    listed = json.loads(out)
    assert [(a["email"], a["role"], a["organisations"], a["portfolios"], a["password"]) for a in listed] == [
        ("ed@example.org", "editor", [PUNE], [], True),
        ("fu@example.org", "funder", [], [COHORT], False),
    ]
    assert "argon2" not in out and PASSWORD not in out
    with open_store(store_path) as con:
        assert sign_in(con, "ed@example.org", PASSWORD).user_id is not None
    assert run("users", "remove", "ed@example.org") == (0, "Removed ed@example.org.\n", "")
    assert run("users", "remove", "ed@example.org") == (1, "", "There is no account for ed@example.org.\n")


def test_the_share_commands(store_path: Path, monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    run = lambda *a: cli(store_path, *a, monkeypatch=monkeypatch, capsys=capsys)  # noqa: E731
    status, out, _ = run("share", "create", "--org", PUNE, "--days", "3", "--json")
    made = json.loads(out)
    assert status == 0 and set(made) == {"id", "path", "expires"}
    assert made["path"].startswith("/?share=") and len(made["path"]) == len("/?share=") + 43
    expires = datetime.fromisoformat(made["expires"].rstrip("Z"))
    assert timedelta(days=2, hours=23) < expires - datetime.utcnow() <= timedelta(days=3)  # noqa: DTZ003
    status, out, _ = run("share", "list", "--json")
    (listed,) = json.loads(out)
    assert (listed["id"], listed["organisation"], listed["state"], listed["last_used"]) == (
        made["id"],
        PUNE,
        "active",
        None,
    )
    assert made["path"].split("=", 1)[1] not in out
    assert run("share", "revoke", str(made["id"])) == (0, f"Revoked link {made['id']} to {PUNE}.\n", "")
    assert json.loads(run("share", "list", "--json")[1])[0]["state"] == "revoked"
    assert run("share", "create", "--org", "Nobody") == (1, "", "There is no organisation called 'Nobody'.\n")
    assert run("share", "revoke", "999") == (1, "", "There is no share link 999.\n")
    assert run("share", "create", "--org", PUNE, "--days", "400")[2] == "A link lasts 1 to 366 days, not 400.\n"


def test_the_audit_command_lists_what_happened(store_path: Path, monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    run = lambda *a: cli(store_path, *a, monkeypatch=monkeypatch, capsys=capsys)  # noqa: E731
    run("share", "create", "--org", PUNE)
    run("undo", "1")
    status, out, _ = run("audit", "--json")
    logged = json.loads(out)
    assert status == 0
    assert [(e["actor"], e["action"]) for e in logged] == [
        ("command line", "undo"), ("command line", "share link created"),
    ]  # fmt: skip
    assert logged[1]["organisation"] == PUNE and logged[1]["detail"] == "link 1, 30 days"
    assert set(logged[0]) == {"id", "at", "actor", "action", "organisation", "detail"}


def test_a_backup_is_a_whole_store_that_opens(store_path: Path, tmp_path: Path, monkeypatch, capsys) -> None:
    run = lambda *a: cli(store_path, *a, monkeypatch=monkeypatch, capsys=capsys)  # noqa: E731
    with open_store(store_path) as con:  # something committed only to the write-ahead log so far
        add_account(con, "vi@example.org", "viewer", [PUNE], password=PASSWORD)
    target = tmp_path / "backup.duckdb"
    status, out, _ = run("backup", "--out", str(target))
    assert status == 0 and out.startswith(f"Wrote {target} (")
    with duckdb.connect(str(target), read_only=True) as copy, open_store(store_path) as con:
        for table in ("post", "app_user", "organisation", "campaign"):
            query = f"SELECT * FROM {table} ORDER BY ALL"
            assert copy.execute(query).fetchall() == con.execute(query).fetchall(), table
    assert run("backup", "--out", str(target))[2] == (
        f"{target} already exists; choose a new file name (a backup never overwrites one).\n"
    )
    assert run("backup", "--out", str(tmp_path / "no" / "such" / "x.duckdb"))[0] == 1
    assert list(tmp_path.glob(".backup-*")) == []


def test_an_address_without_an_account_locks_like_one_with_an_account(store: duckdb.DuckDBPyConnection) -> None:
    for _ in range(4):
        assert sign_in(store, "ghost@example.org", "a guess at it", NOON) == (None, WRONG)
    assert sign_in(store, "ghost@example.org", "a guess at it", NOON).message == (
        "Too many wrong passwords: this account is locked for 15 minutes."
    )
    assert sign_in(store, "ghost@example.org", "a guess at it", NOON + timedelta(minutes=5)).message == (
        "Too many wrong passwords: this account is locked for 10 more minutes."
    )


def test_a_password_typed_as_the_email_never_reaches_the_audit_log(store: duckdb.DuckDBPyConnection) -> None:
    sign_in(store, "My Secret Passphrase", "", NOON)
    assert [(e.actor, e.action) for e in events(store)] == [("(not an e-mail address)", "sign-in failed")]
    assert "secret" not in str(store.execute("SELECT * FROM audit_event").fetchall()).lower()


def test_work_that_outlives_its_page_run_checks_the_person_again(store: duckdb.DuckDBPyConnection) -> None:
    from impact.auth.accounts import still_valid

    user_id = add_account(store, "vi@example.org", "viewer", [PUNE], password=PASSWORD)
    viewer = person_for_user(store, user_id)
    token, link = create_link(store, org(store, PUNE), "cli")
    visitor = open_link(store, token).person
    assert viewer is not None and visitor is not None
    assert still_valid(store, viewer) == viewer and still_valid(store, visitor) == visitor
    remove_account(store, "vi@example.org")
    revoke_link(store, link.id, "cli")
    assert still_valid(store, viewer) is None and still_valid(store, visitor) is None
