"""Who is using the dashboard, and what they may read and change.

Local mode (the default, IMPACT_AUTH unset) has one person who may do everything, as before sign-in
existed. Served mode (IMPACT_AUTH=password or oidc) has accounts with roles, and read-only share
links. Whatever the mode, pages and the command line ask a Person; queries run on a cursor restricted
to `person.readable` (impact.store.access), and writes check `person.can_edit` first.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the store (DuckDB) is imported by what reads it: the command line's --help stays fast
    from impact.store.access import Readable

ROLES = ("admin", "editor", "viewer", "funder")
ROLE_WORDS = {
    "admin": "everything, including accounts and the audit log",
    "editor": "upload, undo, campaigns, time log and evidence of their organisations",
    "viewer": "read their organisations' pages",
    "funder": "read the organisations of their portfolios and the portfolio page",
}
MODES = ("local", "password", "oidc")


class AuthConfigError(RuntimeError):
    """IMPACT_AUTH names no mode we know."""


def auth_mode() -> str:
    """IMPACT_AUTH: local (the default), password or oidc."""
    mode = (os.environ.get("IMPACT_AUTH") or "local").strip().lower()
    if mode not in MODES:
        raise AuthConfigError(f"IMPACT_AUTH={mode!r} is not a mode; use one of {', '.join(MODES)}.")
    return mode


@dataclass(frozen=True)
class Person:
    """Someone using the dashboard: a signed-in account, a share link's visitor, or the local user.

    readable None means every organisation (an admin, or local mode); editable the organisations they
    may change; portfolios the funder's portfolios (None: all, for an admin).
    """

    label: str  # what the audit log calls them: an e-mail, "share link 3", "local"
    role: str  # admin, editor, viewer, funder, or "share" (a link's visitor)
    readable: Readable | None
    editable: frozenset[int] = frozenset()
    user_id: int | None = None
    share_id: int | None = None
    period: tuple[object, object] | None = field(default=None)  # a share link's fixed (start, end)

    @property
    def is_admin(self) -> bool:
        return self.role == "admin"

    @property
    def read_only(self) -> bool:
        """Nothing to change anywhere: no Upload page, no forms."""
        return not self.is_admin and not self.editable

    def may_read(self, organisation_id: int) -> bool:
        return self.readable is None or organisation_id in self.readable.organisations

    def can_edit(self, organisation_id: int | None) -> bool:
        """May change this organisation's data (None: a new organisation, which only an admin makes)."""
        if self.is_admin:
            return True
        return organisation_id is not None and organisation_id in self.editable

    def can_edit_portfolio(self, portfolio_id: int) -> bool:
        """Weights and benchmarks: an admin, or the portfolio's funder."""
        if self.is_admin:
            return True
        return self.role == "funder" and self.readable is not None and portfolio_id in self.readable.portfolios


LOCAL = Person(label="local", role="admin", readable=None)
COMMAND_LINE = Person(label="command line", role="admin", readable=None)


@cache
def nobody() -> Person:
    """Served mode's answer when no one has been established (code running outside a page run): reads nothing."""
    from impact.store.access import Readable

    return Person(label="nobody", role="viewer", readable=Readable(frozenset()))


def default_person() -> Person:
    """Who code outside a page run acts for: the local user locally, no one when served."""
    try:
        return LOCAL if auth_mode() == "local" else nobody()
    except AuthConfigError:
        return nobody()
