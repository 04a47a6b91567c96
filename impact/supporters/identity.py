"""Who is who: handles merged into one person only when someone confirms it, split again, erased.

A handle is a person of its own. Handles on several platforms become one supporter only by a person of
the organisation confirming it (merge), which is suggested when their display names match; a split
puts them back. A supporter is linked to a donor only by the e-mail someone types in, hashed as the
donation files' donors are (the e-mail itself is not stored), and to a volunteer by the time log's name.

Erasing a person (at their request) deletes every interaction of their handles, takes their name off
the listening feeds' mentions, and keeps only a hash of each handle, so that no later import of the
same files brings them back (impact.store.erasure runs after every import).
"""

from __future__ import annotations

import hashlib
import re

import duckdb

from impact.auth.audit import utc_now
from impact.definitions.sql import organisation_timezone
from impact.store.connection import WRITE_LOCK, transaction
from impact.store.erasure import forget_erased, handle_hash
from impact.supporters import PERSON_NAME, interactions_between

_SPACE = re.compile(r"\s+")
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")


def names_of(con: duckdb.DuckDBPyConnection, org: int, people: list[str]) -> dict[str, str]:
    """What to call each person key: a supporter's name, else the newest name their handle gave, else the handle."""
    if not people:
        return {}
    rows = con.execute(
        f"""SELECT i.person, {PERSON_NAME}
            FROM {interactions_between(whole_history=True)} i
            LEFT JOIN supporter s ON 's' || s.id = i.person AND s.organisation_id = $org
            WHERE i.person IN (SELECT unnest($people::VARCHAR[])) GROUP BY i.person""",
        {"org": org, "tz": organisation_timezone(con, org), "people": people},
    ).fetchall()
    return {str(person): str(name) for person, name in rows}


def handles(con: duckdb.DuckDBPyConnection, org: int) -> list[tuple[str, str, str | None, str]]:
    """Every handle that interacted: (platform, handle, newest name, person key), by platform and handle."""
    rows = con.execute(
        f"""SELECT platform, handle, arg_max(name, day) FILTER (WHERE name IS NOT NULL), any_value(person)
            FROM {interactions_between(whole_history=True)} GROUP BY platform, handle ORDER BY platform, handle""",
        {"org": org, "tz": organisation_timezone(con, org)},
    ).fetchall()
    return [(str(p), str(h), None if n is None else str(n), str(k)) for p, h, n, k in rows]


def _normalised(name: str | None) -> str:
    return _SPACE.sub(" ", (name or "").strip().lower())


def suggestions(con: duckdb.DuckDBPyConnection, org: int) -> list[list[tuple[str, str]]]:
    """Handles on different platforms whose display names match and that are not one person yet.

    Each suggestion is a list of (platform, handle), two platforms at least; a name shared by two
    handles of one platform is no suggestion (two people can share a name on one platform).
    """
    groups: dict[str, list[tuple[str, str, str]]] = {}
    for platform, handle, name, person in handles(con, org):
        key = _normalised(name)
        if len(key) >= 3:
            groups.setdefault(key, []).append((platform, handle, person))
    found = []
    for members in groups.values():
        platforms = [p for p, _, _ in members]
        people = {person for _, _, person in members}
        if len(set(platforms)) >= 2 and len(platforms) == len(set(platforms)) and len(people) > 1:
            found.append([(p, h) for p, h, _ in members])
    return sorted(found)


def merge(con: duckdb.DuckDBPyConnection, org: int, chosen: list[tuple[str, str]], name: str, by: str) -> int:
    """Confirm that these handles are one person (a new supporter, or the one some of them belong to).

    One handle confirms who it is (to link a donor or a volunteer); several merge. ValueError when no
    handle is chosen or the name is empty.
    """
    chosen = sorted(set(chosen))
    name = _SPACE.sub(" ", name.strip())[:200]
    if not chosen:
        raise ValueError("choose the handles that are this person")
    if not name:
        raise ValueError("give the person a name")
    with WRITE_LOCK, transaction(con):
        existing = con.execute(
            """SELECT DISTINCT supporter_id FROM supporter_handle
               WHERE organisation_id = ? AND list_contains(?::VARCHAR[], platform || ':' || handle)""",
            [org, [f"{p}:{h}" for p, h in chosen]],
        ).fetchall()
        if existing:
            keep = min(int(r[0]) for r in existing)
            others = [int(r[0]) for r in existing if int(r[0]) != keep]
            con.execute("UPDATE supporter SET name = ? WHERE id = ?", [name, keep])
            for other in others:  # two people merged into one: the other's handles and links move over
                con.execute("UPDATE supporter_handle SET supporter_id = ? WHERE supporter_id = ?", [keep, other])
                con.execute(
                    """UPDATE supporter SET donor = coalesce(donor, (SELECT donor FROM supporter WHERE id = ?)),
                              volunteer = coalesce(volunteer, (SELECT volunteer FROM supporter WHERE id = ?))
                       WHERE id = ?""",
                    [other, other, keep],
                )
                con.execute("DELETE FROM supporter WHERE id = ?", [other])
        else:
            keep = int(
                con.execute(
                    "INSERT INTO supporter (organisation_id, name, confirmed_by, confirmed_at) VALUES (?, ?, ?, ?) "
                    "RETURNING id",
                    [org, name, by, utc_now()],
                ).fetchone()[0]  # type: ignore[index]
            )
        for platform, handle in chosen:
            con.execute(
                """INSERT INTO supporter_handle VALUES (?, ?, ?, ?)
                   ON CONFLICT (organisation_id, platform, handle) DO UPDATE SET supporter_id = excluded.supporter_id""",
                [org, platform, handle, keep],
            )
    return keep


def split(con: duckdb.DuckDBPyConnection, org: int, supporter_id: int) -> None:
    """Undo a merge: the handles are people of their own again (and the donor or volunteer link goes)."""
    with WRITE_LOCK, transaction(con):
        found = con.execute("SELECT 1 FROM supporter WHERE id = ? AND organisation_id = ?", [supporter_id, org])
        if not found.fetchone():
            raise LookupError(f"there is no person {supporter_id}")
        con.execute("DELETE FROM supporter_handle WHERE supporter_id = ? AND organisation_id = ?", [supporter_id, org])
        con.execute("DELETE FROM supporter WHERE id = ?", [supporter_id])


def supporters(con: duckdb.DuckDBPyConnection, org: int) -> list[tuple[int, str, list[str], bool, str | None]]:
    """Confirmed people: (id, name, their handles as platform:handle, linked to a donor, volunteer name)."""
    rows = con.execute(
        """SELECT s.id, s.name, list(h.platform || ':' || h.handle ORDER BY h.platform, h.handle), s.donor IS NOT NULL,
                  s.volunteer
           FROM supporter s LEFT JOIN supporter_handle h ON h.supporter_id = s.id
           WHERE s.organisation_id = ? GROUP BY ALL ORDER BY s.name, s.id""",
        [org],
    ).fetchall()
    return [(int(i), str(n), [str(x) for x in hs if x], bool(d), v) for i, n, hs, d, v in rows]


def donor_hash(email: str) -> str:
    """An e-mail as the donation connectors keep a donor: the first 16 hex digits of SHA-256 of it, lower-cased."""
    return hashlib.sha256(email.strip().lower().encode()).hexdigest()[:16]


def link_donor(con: duckdb.DuckDBPyConnection, org: int, supporter_id: int, email: str) -> bool:
    """Link a supporter to the donor with this e-mail (only its hash is kept); True when donations match it."""
    if not _EMAIL.fullmatch(email.strip()):
        raise ValueError("that is not an e-mail address")
    donor = donor_hash(email)
    with WRITE_LOCK, transaction(con):
        updated = con.execute(
            "UPDATE supporter SET donor = ? WHERE id = ? AND organisation_id = ? RETURNING id",
            [donor, supporter_id, org],
        ).fetchall()
        if not updated:
            raise LookupError(f"there is no person {supporter_id}")
    found = con.execute("SELECT 1 FROM outcome WHERE organisation_id = ? AND donor = ? LIMIT 1", [org, donor])
    return found.fetchone() is not None


def link_volunteer(con: duckdb.DuckDBPyConnection, org: int, supporter_id: int, name: str | None) -> None:
    """Link a supporter to a name of the time log (None: no link)."""
    with WRITE_LOCK, transaction(con):
        updated = con.execute(
            "UPDATE supporter SET volunteer = ? WHERE id = ? AND organisation_id = ? RETURNING id",
            [name, supporter_id, org],
        ).fetchall()
        if not updated:
            raise LookupError(f"there is no person {supporter_id}")


def erase(con: duckdb.DuckDBPyConnection, org: int, person: str) -> int:
    """Erase a person (a key: "s12" or "platform:handle"): their interactions, their name on mentions, their
    supporter row; only hashes of their handles stay, so re-imports leave them out. Returns the rows erased.
    """
    if person.startswith("s") and person[1:].isdigit():
        chosen = [(str(p), str(h)) for p, h in con.execute(
            "SELECT platform, handle FROM supporter_handle WHERE organisation_id = ? AND supporter_id = ?",
            [org, int(person[1:])],
        ).fetchall()]  # fmt: skip
    else:
        platform, _, handle = person.partition(":")
        chosen = [(platform, handle)] if handle else []
    if not chosen:
        raise LookupError(f"there is no person {person!r}")
    with WRITE_LOCK, transaction(con):
        for platform, handle in chosen:
            con.execute(
                "INSERT INTO supporter_erased VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
                [org, platform, handle_hash(handle), utc_now()],
            )
        if person.startswith("s") and person[1:].isdigit():
            con.execute(
                "DELETE FROM supporter_handle WHERE organisation_id = ? AND supporter_id = ?", [org, int(person[1:])]
            )
            con.execute("DELETE FROM supporter WHERE organisation_id = ? AND id = ?", [org, int(person[1:])])
        for platform, handle in chosen:
            con.execute("DELETE FROM supporter_handle WHERE organisation_id = ? AND platform = ? AND handle = ?",
                        [org, platform, handle])  # fmt: skip
        return forget_erased(con, org)
