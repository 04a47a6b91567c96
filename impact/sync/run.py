"""Sync: pull every source (or one), and import what it gave like any export.

Each pull runs in two steps. First the network, outside any transaction: the puller of the source's
kind asks the server (incrementally: ETag and Last-Modified, since-ids, cursors) and turns the answer
into canonical CSV tables, the same tables a feed file or an export becomes. Then each table is
imported through impact.store.ingest as one import batch named after the source and the moment: the
same guarantees as an upload (undo, no double counting; the same rows again are "unchanged"), and every
figure traced to the pull it came from. The tables of one pull share one transaction, with the pull's
new state: a pull lands whole, or (one table refused) not at all.
"""

from __future__ import annotations

import logging
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from connectors.feed import blog_posts_table, is_feed, mentions_table
from impact.auth.audit import utc_now
from impact.store.connection import WRITE_LOCK, checkpoint, transaction
from impact.store.ingest import ImportResult, import_source
from impact.sync.bluesky import pull_bluesky
from impact.sync.graph import pull_facebook, pull_instagram
from impact.sync.http import Http, SyncError, where
from impact.sync.mastodon import pull_mastodon
from impact.sync.secrets import SecretError
from impact.sync.sources import Source, note_pull, secret_of, sources
from impact.sync.youtube import pull_youtube


@dataclass(frozen=True)
class Pull:
    """What a puller got: canonical CSV tables (name, text), the next pull's state, refused metrics."""

    tables: list[tuple[str, str]]
    state: dict[str, object]
    not_modified: bool = False
    refused: tuple[str, ...] | None = None
    notes: list[str] = field(default_factory=list)


Puller = Callable[[Http, Source, str | None], Pull]

_log = logging.getLogger(__name__)


@dataclass(frozen=True)
class SyncResult:
    source: int
    kind: str
    status: str  # synced | unchanged | failed
    items_new: int = 0
    items_updated: int = 0
    error: str | None = None
    label: str = ""
    rows_left_out: int = 0  # rows of the pull the import refused (a post dated in the future), as an upload's
    left_out_because: str = ""  # why the first of them was

    def as_json(self) -> dict[str, object]:
        return {
            "source": self.source,
            "kind": self.kind,
            "status": self.status,
            "items_new": self.items_new,
            "items_updated": self.items_updated,
            "rows_left_out": self.rows_left_out,
            "error": self.error,
        }

    def sentence(self) -> str:
        if self.status == "failed":
            return f"{self.label}: {self.error}"
        return f"{self.label}: {self.summary()}."

    def summary(self) -> str:
        """What a pull that went through brought, and what of it the import left out (the first reason)."""
        said = "nothing new" if self.status == "unchanged" else f"{self.items_new} new, {self.items_updated} updated"
        if not self.rows_left_out:
            return said
        because = self.left_out_because.rstrip(".")
        if self.rows_left_out == 1:
            return f"{said}; 1 row left out ({because})"
        return f"{said}; {self.rows_left_out} rows left out (first, {because})"


def pull_rss(http: Http, source: Source, _secret: str | None) -> Pull:
    """A feed, asked with its ETag and Last-Modified: 304 means nothing new."""
    headers = {}
    if source.state.get("etag"):
        headers["If-None-Match"] = str(source.state["etag"])
    if source.state.get("last_modified"):
        headers["If-Modified-Since"] = str(source.state["last_modified"])
    answer = http.get(source.target, headers=headers)
    if answer.status == 304:
        return Pull([], source.state, not_modified=True)
    text = answer.body.decode("utf-8", errors="replace")
    if not is_feed(text):
        raise SyncError(f"{where(answer.url)} did not answer with an RSS or Atom feed (a web page, perhaps).")
    try:
        table = blog_posts_table(answer.body) if source.role == "blog" else mentions_table(answer.body)
    except ValueError as error:
        raise SyncError(f"{where(answer.url)}: {error}") from None
    state: dict[str, object] = {key: value for key, value in (("etag", answer.headers.get("ETag")),
                                           ("last_modified", answer.headers.get("Last-Modified"))) if value}  # fmt: skip
    return Pull([(f"{source.kind} {source.role} {where(source.target)}", table)], state)


PULLERS: dict[str, Puller] = {
    "rss": pull_rss,
    "mastodon": pull_mastodon,
    "bluesky": pull_bluesky,
    "youtube": pull_youtube,
    "facebook": pull_facebook,
    "instagram": pull_instagram,
}


def sync(
    con: duckdb.DuckDBPyConnection,
    organisation_id: int | None = None,
    source_id: int | None = None,
    http: Http | None = None,
) -> list[SyncResult]:
    """Pull every source of the store (or of one organisation, or one source), one after another."""
    http = http or Http()
    return [sync_source(con, source, http) for source in sources(con, organisation_id, source_id)]


def sync_source(con: duckdb.DuckDBPyConnection, source: Source, http: Http) -> SyncResult:
    """One source's pull and import; a failure is a sentence, and leaves the figures as they were.

    Never raises (but for an interruption): an error nobody foresaw fails this source only, so the
    sources after it are still pulled. Its text is neither shown nor logged, since errors of the HTTP
    layers quote the URL, and with it a key or token; its type names it.
    """
    try:
        return _sync_source(con, source, http)
    except Exception as error:
        kind = type(error).__name__
        _log.error("sync of source %s stopped by an unexpected %s", source.id, kind)
        message = (
            f"the pull stopped on an unexpected error ({kind}); nothing of it was stored. Please report "
            "this to the project."
        )
        try:
            note_pull(con, source.id, "failed", message)
        except duckdb.Error:
            pass  # the store itself refuses: the sentence still says what happened
        return SyncResult(source.id, source.kind, "failed", error=message, label=source.label)


def _sync_source(con: duckdb.DuckDBPyConnection, source: Source, http: Http) -> SyncResult:
    http.new_pull()
    puller = PULLERS.get(source.kind)
    try:
        if puller is None:
            raise SyncError(f"this version cannot pull {source.kind} sources.")
        pull = puller(http, source, secret_of(con, source.id))
    except (SyncError, SecretError) as error:
        note_pull(con, source.id, "failed", str(error))
        return SyncResult(source.id, source.kind, "failed", error=str(error), label=source.label)
    if pull.not_modified:
        note_pull(con, source.id, "unchanged", "nothing new (the server said so)", pull.state, pull.refused)
        return SyncResult(source.id, source.kind, "unchanged", label=source.label)
    try:
        # One transaction for the whole pull: each table's import joins it (impact.store.connection.transaction),
        # so a table refused after others were imported takes them back with it.
        with WRITE_LOCK, transaction(con):
            results = _import_tables(con, source, pull.tables)
            new = sum(r.rows_new for r in results)
            updated = sum(r.rows_updated for r in results)
            left_out = sum(r.rows_rejected for r in results)
            reasons = [reason for r in results for _, reason in r.rejections] or ["a row could not be read"]
            result = SyncResult(
                source.id, source.kind, "synced" if new or updated else "unchanged", new, updated,
                label=source.label, rows_left_out=left_out, left_out_because=reasons[0][:300] if left_out else "",
            )  # fmt: skip
            note_pull(con, source.id, result.status, result.summary(), pull.state, pull.refused)
    except _Refused as refused:
        note_pull(con, source.id, "failed", str(refused), refused=pull.refused)
        return SyncResult(source.id, source.kind, "failed", error=str(refused), label=source.label)
    checkpoint(con)  # DuckDB refuses it inside a transaction, so the imports left it to the end of the pull
    return result


class _Refused(Exception):
    """A table of the pull the import refused: the pull's transaction rolls back; the message is the sentence."""


def _import_tables(con: duckdb.DuckDBPyConnection, source: Source, tables: list[tuple[str, str]]) -> list[ImportResult]:
    """Each table as one import batch, named after the source and the moment of the pull; _Refused at the
    first table the import refuses (what it wrote is in the pull's transaction, which must roll back)."""
    moment = f"{utc_now():%Y-%m-%d %H:%M} UTC"
    results: list[ImportResult] = []
    with tempfile.TemporaryDirectory(prefix="impact-sync-") as folder:
        for index, (name, text) in enumerate(tables):
            path = Path(folder) / f"table-{index}.csv"
            # Half a UTF-16 pair cannot be written as UTF-8: replaced, as connectors.synced.writable does.
            path.write_text(text, encoding="utf-8", errors="replace", newline="")
            for result in import_source(con, path, f"{name} (pulled {moment})", source.organisation):
                if result.status == "rejected":
                    error = (result.error or f"{name}: refused").rstrip(".")
                    raise _Refused(f"{error}. Nothing of this pull was stored.")
                results.append(result)
    return results
