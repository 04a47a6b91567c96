"""The canonical tables that imports fill, each through its `<name>_observation` twin.

Every file's rows are kept as observations; the current table holds, per natural key, the newest
export's non-empty value of each column (impact/store/ingest.py derives it).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class TableSpec:
    """A canonical table: its natural key, the part of the key a file supplies, its values."""

    name: str
    key: tuple[str, ...]
    values: tuple[str, ...]
    # The key columns a file supplies (organisation, platform and account come from the import).
    own_key: tuple[str, ...]
    # The column whose latest value dates the export when its file name gives no date.
    time_column: str
    # Identical keys within one file are distinct rows (two equal lines in a time log), not copies.
    number_duplicates: bool = False

    @property
    def measures(self) -> tuple[str, ...]:
        """The figures a row carries: its numeric values (not the account it belongs to)."""
        return tuple(c for c in self.values if c != "account_id" and sql_type(c) in _MEASURE_TYPES)


POST = TableSpec(
    name="post",
    key=("organisation_id", "platform", "post_id"),
    values=(
        "account_id",
        "published_at",
        "kind",
        "text",
        "url",
        "impressions",
        "reach",
        "engagements",
        "likes",
        "comments",
        "shares",
        "saves",
        "clicks",
        "video_views",
        "watch_time_hours",
        "extra",
        "sends",
        "opens",
    ),
    own_key=("post_id",),
    time_column="published_at",
)
ACCOUNT_DAY = TableSpec(
    name="account_day",
    key=("organisation_id", "platform", "account_id", "day"),
    values=(
        "followers",
        "followers_gained",
        "followers_lost",
        "impressions",
        "reach",
        "engagements",
        "profile_views",
        "video_views",
        "watch_time_hours",
        "posts_published",
        "extra",
    ),
    own_key=("day",),
    time_column="day",
)
OUTCOME = TableSpec(
    name="outcome",
    key=("organisation_id", "platform", "reference"),
    values=(
        "account_id",
        "occurred_at",
        "kind",
        "amount",
        "currency",
        "quantity",
        "donor",
        "campaign",
        "channel",
        "note",
        "extra",
    ),
    own_key=("reference",),
    time_column="occurred_at",
)
TIME_ENTRY = TableSpec(
    name="time_entry",
    key=("organisation_id", "platform", "account_id", "entry_key"),
    values=("day", "started_at", "person", "channel", "activity", "minutes", "campaign", "note", "extra"),
    own_key=("entry_key",),
    time_column="day",
    number_duplicates=True,
)
WEB_TRAFFIC = TableSpec(
    name="web_traffic",
    key=("organisation_id", "platform", "account_id", "period_start", "period_end", "dimension", "dimension_value"),
    values=("sessions", "users", "new_users", "views", "engaged_sessions", "key_events", "extra"),
    own_key=("period_start", "period_end", "dimension", "dimension_value"),
    time_column="period_end",
)
MENTION = TableSpec(
    name="mention",
    key=("organisation_id", "platform", "mention_id"),
    values=("account_id", "published_at", "url", "title", "text", "author", "keywords", "extra"),
    own_key=("mention_id",),
    time_column="published_at",
)
INTERACTION = TableSpec(
    name="interaction",
    key=("organisation_id", "platform", "interaction_id"),
    values=(
        "account_id",
        "post_id",
        "person_handle",
        "person_name",
        "kind",
        "occurred_at",
        "extra",
        "person_followers",
        "occurred_on",
    ),
    own_key=("interaction_id",),
    time_column="occurred_at",
)
TABLES = {t.name: t for t in (POST, ACCOUNT_DAY, OUTCOME, TIME_ENTRY, WEB_TRAFFIC, MENTION, INTERACTION)}

# SQL types of canonical columns that are not BIGINT counts (for a column a file lacks).
SQL_TYPES = {
    "published_at": "TIMESTAMP",
    "occurred_at": "TIMESTAMP",
    "started_at": "TIMESTAMP",
    "day": "DATE",
    "occurred_on": "DATE",
    "period_start": "DATE",
    "period_end": "DATE",
    "watch_time_hours": "DOUBLE",
    "minutes": "DOUBLE",
    "amount": "DECIMAL(18, 2)",
    "extra": "JSON",
}
TEXT_COLUMNS = {
    "post_id",
    "kind",
    "text",
    "url",
    "reference",
    "currency",
    "donor",
    "campaign",
    "channel",
    "note",
    "entry_key",
    "person",
    "mention_id",
    "title",
    "author",
    "keywords",
    "interaction_id",
    "person_handle",
    "person_name",
    "activity",
    "dimension",
    "dimension_value",
}


_MEASURE_TYPES = ("BIGINT", "DOUBLE", "DECIMAL(18, 2)")


def sql_type(column: str) -> str:
    """The SQL type of a canonical column."""
    return "VARCHAR" if column in TEXT_COLUMNS else SQL_TYPES.get(column, "BIGINT")
