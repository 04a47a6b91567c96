"""Served mode (IMPACT_AUTH=password) in the app itself (AppTest): sign-in, each role's pages, share links.

For a viewer of one organisation, every page it can open, with the URL parameters a curious person
would try, shows no other organisation's name anywhere: not in the text, the selectors, the tables or
the charts' data.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from impact.auth.accounts import add_account
from impact.auth.shares import create_link, revoke_link
from impact.store.connection import open_store
from impact.store.orgs import organisation_id, organisations

APP = str(Path(__file__).resolve().parent.parent / "app.py")
PUNE = "Pune Education Trust"
COHORT = "Digital skills cohort 2026"
PASSWORD = "correct horse battery"
REVIEW = ["overview", "reach", "content", "website", "listening", "campaigns", "time", "people", "presence",
          "definitions"]  # fmt: skip
# A funder and a share link's visitor see no People page: it names members of the public.
FUNDER_REVIEW = [p for p in REVIEW if p != "people"]


@pytest.fixture
def served(sample_copy: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The demo store served with passwords, with one account of each role."""
    monkeypatch.setenv("IMPACT_AUTH", "password")
    with open_store(sample_copy) as con:
        add_account(con, "admin@example.org", "admin", password=PASSWORD)
        add_account(con, "editor@example.org", "editor", [PUNE], password=PASSWORD)
        add_account(con, "viewer@example.org", "viewer", [PUNE], password=PASSWORD)
        add_account(con, "funder@example.org", "funder", portfolios=[COHORT], password=PASSWORD)
    return sample_copy


def others(store: Path, *readable: str) -> list[str]:
    with open_store(store) as con:
        return [name for name in organisations(con) if name not in readable]


def shown(at: AppTest) -> str:
    """Everything the page sent to the browser, as text (element protos include tables' and charts' data)."""
    parts: list[str] = []

    def walk(node: object) -> None:
        proto = getattr(node, "proto", None)
        if proto is not None:
            parts.append(str(proto))
        for child in getattr(node, "children", {}).values():
            walk(child)

    walk(at._tree)
    return "\n".join(parts)


def pages_of(at: AppTest) -> list[str]:
    """The pages navigation offers this session (AppTest names them when asked for one it does not know)."""
    with pytest.raises(ValueError, match="Known pages") as refused:
        at.switch_page("pages/ui/gate.py")  # a file, never a page
    return [Path(p).stem for p in re.findall(r"'([^']+\.py)'", str(refused.value).split("Known pages:")[1])]


def signed_in(email: str, password: str = PASSWORD) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60).run()
    return sign_in(at, email, password)


def sign_in(at: AppTest, email: str, password: str = PASSWORD) -> AppTest:
    fields = {field.label: field for field in at.text_input}
    fields["Email"].input(email)
    fields["Password"].input(password)
    next(b for b in at.button if b.label == "Sign in").click()
    return at.run()


def test_nothing_of_any_organisation_is_shown_before_sign_in(served: Path) -> None:
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert not at.exception
    assert [f.label for f in at.text_input] == ["Email", "Password"]
    assert [b.label for b in at.button] == ["Sign in"]
    text = shown(at)
    assert all(name not in text for name in others(served))
    assert pages_of(at) == []  # the sign-in screen is a page of its own, not a file: no page file can be reached
    # An address of a page, or an organisation in the URL, still shows only the form.
    at.query_params["org"] = PUNE
    at.run()
    assert PUNE not in shown(at) and [f.label for f in at.text_input] == ["Email", "Password"]


def test_a_wrong_password_is_told_and_five_lock_the_account(served: Path) -> None:
    at = AppTest.from_file(APP, default_timeout=60).run()
    for _ in range(4):
        sign_in(at, "viewer@example.org", "not the password")
        assert [e.value for e in at.error] == ["The email or password is not right."]
    sign_in(at, "viewer@example.org", "not the password")
    assert [e.value for e in at.error] == ["Too many wrong passwords: this account is locked for 15 minutes."]
    sign_in(at, "viewer@example.org", PASSWORD)  # the right one, too late
    assert [e.value for e in at.error] == ["Too many wrong passwords: this account is locked for 15 more minutes."]
    assert not at.sidebar.selectbox


@pytest.mark.parametrize(
    ("email", "pages"),
    [
        ("viewer@example.org", REVIEW),
        ("editor@example.org", [*REVIEW[:9], "upload", "sources", "sharing", "definitions"]),
        ("funder@example.org", [*FUNDER_REVIEW[:8], "portfolio", "definitions"]),
        ("admin@example.org", [*REVIEW[:9], "portfolio", "upload", "sources", "sharing", "accounts", "definitions"]),
    ],
)
def test_each_role_is_offered_its_pages_only(served: Path, email: str, pages: list[str]) -> None:
    at = signed_in(email)
    assert not at.exception
    assert pages_of(at) == pages
    assert at.sidebar.caption[0].value.startswith(f"Signed in as {email.replace('.', chr(92) + '.')}")


def test_a_viewer_sees_only_their_organisation_on_every_page_whatever_the_url(served: Path) -> None:
    hidden = others(served, PUNE)
    other = hidden[0]
    at = signed_in("viewer@example.org")
    assert at.sidebar.selectbox[0].options == [PUNE]
    tries = [
        {"org": other},
        {"org": other, "period": "all"},
        {"org": other, "period": "custom", "from": "2000-01-01", "to": "2030-12-31"},
        {"org": other, "platforms": "x,facebook,instagram,youtube,linkedin,website"},
        {"portfolio": COHORT, "org": other},
    ]
    for index, page in enumerate(REVIEW):
        at.query_params.clear()
        for key, value in tries[index % len(tries)].items():
            at.query_params[key] = value
        at.switch_page(f"pages/{page}/{page}.py")
        at.run()
        assert not at.exception, page
        text = shown(at)
        assert PUNE in text or page == "definitions", page
        leaked = [name for name in hidden if name in text]
        assert leaked == [], f"{page} shows {leaked}"
        assert not at.get("file_uploader"), page


def test_a_funder_reads_the_portfolio_and_its_grantees_only(served: Path) -> None:
    at = signed_in("funder@example.org")
    with open_store(served) as con:
        con_names = organisations(con)
    assert sorted(at.sidebar.selectbox[0].options) == sorted(con_names)  # the demo cohort holds every organisation
    at.switch_page("pages/portfolio/portfolio.py")
    at.run()
    assert not at.exception
    assert [s.options for s in at.selectbox if s.label == "Portfolio"] == [[f"{COHORT} (5 grantees)"]]
    # A funder changes their portfolio's weights and benchmarks, not its grantees, and uploads nothing.
    labels = [b.label for b in at.button]
    assert "Save the benchmark" in labels and "Save these weights" in labels
    assert "Delete the portfolio" not in labels and "Create the portfolio" not in labels


def test_a_share_link_opens_one_organisation_read_only_until_revoked(served: Path) -> None:
    with open_store(served) as con:
        pune = organisation_id(con, PUNE)
        token, link = create_link(con, pune, "editor@example.org")
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["share"] = token
    at.run()
    assert not at.exception
    assert not at.text_input  # no sign-in form: the link is enough
    assert pages_of(at) == FUNDER_REVIEW
    assert at.sidebar.selectbox[0].options == [PUNE]
    assert at.sidebar.caption[0].value == "Read-only view, through a share link."
    assert at.query_params["share"] == token  # kept in the address, so a reload still works
    assert all(name not in shown(at) for name in others(served, PUNE))
    with open_store(served) as con:
        revoke_link(con, link.id, "editor@example.org")
    at.run()  # the same session's next click
    assert [w.value for w in at.warning] == [
        "This share link has been revoked, so it shows nothing. Ask whoever sent it for a new one."
    ]
    assert PUNE not in shown(at) and not at.sidebar.selectbox


def test_an_expired_or_made_up_link_shows_a_sentence_and_no_data(served: Path) -> None:
    with open_store(served) as con:
        token, _ = create_link(con, organisation_id(con, PUNE), "cli", now=datetime.utcnow() - timedelta(days=31))  # noqa: DTZ003
    for used, sentence in [(token, "This share link expired on"), ("A" * 43, "This share link is not valid.")]:
        at = AppTest.from_file(APP, default_timeout=60)
        at.query_params["share"] = used
        at.run()
        assert [w.value[: len(sentence)] for w in at.warning] == [sentence]
        assert PUNE not in shown(at)


def test_signing_out_ends_the_session(served: Path) -> None:
    at = signed_in("viewer@example.org")
    next(b for b in at.sidebar.button if b.label == "Sign out").click()
    at.run()
    assert [f.label for f in at.text_input] == ["Email", "Password"] and PUNE not in shown(at)
    with open_store(served) as con:
        actions = [
            r[0]
            for r in con.execute(
                "SELECT action FROM audit_event WHERE actor = 'viewer@example.org' ORDER BY id"
            ).fetchall()
        ]
    assert actions == ["sign-in", "sign-out"]


def test_a_removed_account_is_signed_out_at_its_next_click(served: Path) -> None:
    at = signed_in("viewer@example.org")
    assert at.sidebar.selectbox[0].options == [PUNE]
    with open_store(served) as con:
        from impact.auth.accounts import remove_account

        remove_account(con, "viewer@example.org")
    at.run()
    assert [f.label for f in at.text_input] == ["Email", "Password"] and PUNE not in shown(at)


def test_the_local_mode_has_no_sign_in_and_every_page(sample_copy: Path) -> None:
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert not at.exception and not at.text_input
    assert pages_of(at) == [*REVIEW[:9], "portfolio", "upload", "sources", "definitions"]


def test_an_admin_adds_an_account_and_reads_the_audit_log(served: Path) -> None:
    at = signed_in("admin@example.org")
    at.switch_page("pages/accounts/accounts.py")
    at.run()
    assert not at.exception
    form = {field.label: field for field in at.text_input}
    form["Email"].input("New.Viewer@example.org")
    form["Password"].input("another long passphrase")
    next(m for m in at.multiselect if m.label.startswith("Organisations")).select(PUNE)
    next(b for b in at.button if b.label == "Add the account").click()
    at.run()
    assert not at.exception and not at.error
    with open_store(served) as con:
        assert con.execute("SELECT role FROM app_user WHERE email = 'new.viewer@example.org'").fetchall() == [
            ("viewer",)
        ]
    log = next(d for d in at.dataframe if "action" in d.value.columns).value
    assert list(log[["who", "action"]].head(2).itertuples(index=False, name=None)) == [
        ("admin@example.org", "account added"),
        ("admin@example.org", "sign-in"),
    ]
    assert "argon2" not in shown(at) and PASSWORD not in shown(at)


def test_an_editor_makes_a_link_sees_it_once_and_revokes_it(served: Path) -> None:
    at = signed_in("editor@example.org")
    at.switch_page("pages/upload/upload.py")
    at.run()
    # An editor imports into their own organisation only: a list of one, no field to name a new one.
    assert [s.options for s in at.selectbox if s.label == "Organisation these exports belong to"] == [[PUNE]]
    assert not [t for t in at.text_input if t.label == "Organisation these exports belong to"]
    at.switch_page("pages/sharing/sharing.py")
    at.run()
    assert [s.options for s in at.selectbox if s.label == "Organisation"][-1] == [PUNE]
    next(b for b in at.button if b.label == "Create the link").click()
    at.run()
    (code,) = at.code
    token = code.value.split("/?share=")[1]
    assert re.fullmatch(r"[A-Za-z0-9_-]{43}", token)
    table = next(d for d in at.dataframe if "state" in d.value.columns).value
    assert list(table[["organisation", "state", "created by"]].itertuples(index=False, name=None)) == [
        (PUNE, "active", "editor@example.org")
    ]
    at.run()  # shown once: the next run no longer has it
    assert not at.code and token not in shown(at)
    next(b for b in at.button if b.label == "Revoke").click()
    at.run()
    table = next(d for d in at.dataframe if "state" in d.value.columns).value
    assert list(table["state"]) == ["revoked"]
    with open_store(served) as con:
        assert [r[0] for r in con.execute("SELECT action FROM audit_event WHERE actor = 'editor@example.org' "
                                          "ORDER BY id").fetchall()] == [
            "sign-in", "share link created", "share link revoked"
        ]  # fmt: skip


@pytest.mark.parametrize("email", ["editor@example.org", "funder@example.org", "admin@example.org"])
def test_every_page_of_each_role_draws(served: Path, email: str) -> None:
    at = signed_in(email)
    for page in pages_of(at):
        at.switch_page(f"pages/{page}/{page}.py")
        at.run()
        assert not at.exception, (email, page)
        assert not [e.value for e in at.error], (email, page)
        if email == "editor@example.org":
            assert all(name not in shown(at) for name in others(served, PUNE)), page


def test_a_link_for_one_period_keeps_every_page_to_it(served: Path) -> None:
    from datetime import date

    with open_store(served) as con:
        token, _ = create_link(con, organisation_id(con, PUNE), "cli", period=(date(2026, 3, 1), date(2026, 3, 31)))
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["share"] = token
    at.run()
    assert "01 Mar 2026 – 31 Mar 2026, the period this link shows." in [c.value for c in at.sidebar.caption]
    assert not [s for s in at.sidebar.selectbox if s.label == "Period"]  # no period to choose
    at.switch_page("pages/time/time.py")
    at.run()
    assert not at.exception
    assert at.caption[0].value.endswith("01 Mar 2026 – 31 Mar 2026")
    at.switch_page("pages/campaigns/campaigns.py")
    at.run()
    assert not at.exception
    # Of Pune's two campaigns (Exam ready, 9 Feb – 20 Mar; Back to school, 25 May – 30 Jun) one ran in March.
    (box,) = [s for s in at.selectbox if s.label == "Campaign"]
    assert box.options == ["Exam ready 2026"]
    assert "Back to school 2026" not in shown(at)


def test_a_report_download_reads_as_its_person_and_stops_when_the_link_is_revoked(served: Path) -> None:
    from datetime import date

    from impact.auth.shares import open_link
    from impact.report import organisation_report
    from pages import ui

    with open_store(served) as con:
        pune = organisation_id(con, PUNE)
        other = organisation_id(con, others(served, PUNE)[0])
        token, link = create_link(con, pune, "cli")
        visitor = open_link(con, token).person
    assert visitor is not None and pune is not None and other is not None
    with ui.acting_as(visitor):
        own = ui.deferred(lambda con: organisation_report(con, pune, date(2026, 1, 1), date(2026, 6, 30)).encode())
        theirs = ui.deferred(lambda con: organisation_report(con, other, date(2026, 1, 1), date(2026, 6, 30)).encode())
    # Clicked later, outside the page run: Pune's report, and none of another organisation.
    report = own().decode()
    assert PUNE in report and all(name not in report for name in others(served, PUNE))
    with pytest.raises(ValueError, match=f"there is no organisation {other}"):
        theirs()
    with open_store(served) as con:
        revoke_link(con, link.id, "cli")
    assert own() == b"This account or share link is no longer valid, so there is nothing to download."


def test_oidc_mode_shows_only_the_sign_in_button_before_the_provider_vouches(
    sample_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("IMPACT_AUTH", "oidc")
    at = AppTest.from_file(APP, default_timeout=60)
    at.secrets["auth"] = {"redirect_uri": "http://localhost:8501/oauth2callback", "cookie_secret": "x" * 32}
    at.run()
    assert not at.exception
    assert [b.label for b in at.button] == ["Sign in"] and not at.text_input
    assert all(name not in shown(at) for name in others(sample_copy))


def test_oidc_mode_without_its_secrets_says_what_is_missing(sample_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("IMPACT_AUTH", "oidc")
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert not at.exception
    assert [e.value for e in at.error] == [
        "The dashboard is not set up right: IMPACT_AUTH=oidc needs an [auth] section in .streamlit/secrets.toml "
        "(see the README, “Serving it to several people”)."
    ]


def test_a_mistyped_mode_is_said_and_shows_nothing(sample_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("IMPACT_AUTH", "passwords")
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert [e.value for e in at.error] == [
        "The dashboard is not set up right: IMPACT_AUTH='passwords' is not a mode; use one of local, password, oidc."
    ]
    assert all(name not in shown(at) for name in others(sample_copy))


def test_every_page_address_shows_the_sign_in_screen_before_sign_in() -> None:
    from pages.ui.gate import ADDRESSES

    app = Path(APP).read_text(encoding="utf-8")
    assert sorted(ADDRESSES) == sorted(set(re.findall(r'url_path="([a-z-]+)"', app)))
