"""Connectors built from a mapping a person made for a file no built-in connector knows.

WordPress or Jetpack stats, a Wix report, a local platform, a donation form: the Upload page asks
which column holds the date, the post id, the text and each figure, and for which platform. The
mapping is saved under the file's header signature and becomes a Connector like the built-in
ones, so the next file with the same header imports without asking.
"""

from __future__ import annotations

from dataclasses import dataclass

from connectors.base import Connector, Field, Kind, col, normalise_header

# Dates in the forms spreadsheets and web tools write them; a file is read one way throughout.
DATE_FORMATS = (
    "%Y-%m-%d",
    "%d/%m/%Y",
    "%m/%d/%Y",
    "%d-%m-%Y",
    "%d.%m.%Y",
    "%b %d, %Y",
    "%d %b %Y",
    "%B %d, %Y",
    "%d %B %Y",
    "%Y%m%d",
)
TIME_FORMATS = tuple(f"{d} {t}" for d in DATE_FORMATS for t in ("%H:%M", "%H:%M:%S", "%I:%M %p")) + DATE_FORMATS


@dataclass(frozen=True)
class Target:
    """A table a mapping can fill: the columns a person can map, with the kind each is read as."""

    table: str
    label: str
    columns: dict[str, tuple[str, Kind]]  # canonical -> (what people call it, parse kind)
    required: tuple[str, ...]  # at least these must be mapped


TARGETS: dict[str, Target] = {
    "post": Target(
        "post",
        "Posts or pages (one row per post, article or page)",
        {
            "published_at": ("Date published", "timestamp"),
            "post_id": ("Post id or URL", "id"),
            "text": ("Title or text", "text"),
            "url": ("Link", "text"),
            "kind": ("Type", "text"),
            "impressions": ("Impressions or views", "count"),
            "reach": ("Reach (unique people)", "count"),
            "engagements": ("Engagements (total)", "count"),
            "likes": ("Likes", "count"),
            "comments": ("Comments", "count"),
            "shares": ("Shares", "count"),
            "clicks": ("Clicks", "count"),
            "video_views": ("Video views", "count"),
        },
        required=("post_id",),
    ),
    "account_day": Target(
        "account_day",
        "Daily figures for the whole account or site (one row per day)",
        {
            "day": ("Day", "date"),
            "impressions": ("Impressions or views", "count"),
            "reach": ("Reach or visitors", "count"),
            "engagements": ("Engagements", "count"),
            "followers": ("Followers (running total)", "count"),
            "followers_gained": ("New followers", "count"),
            "followers_lost": ("Lost followers", "count"),
            "profile_views": ("Profile or page views", "count"),
            "video_views": ("Video views", "count"),
        },
        required=("day",),
    ),
    "outcome": Target(
        "outcome",
        "Donations (one row per donation)",
        {
            "occurred_at": ("Date", "timestamp"),
            "amount": ("Amount", "money"),
            "currency": ("Currency", "text"),
            "reference": ("Transaction or receipt id", "id"),
            "donor": ("Donor e-mail or name (kept only as a hash)", "hash"),
            "campaign": ("Campaign or fund", "text"),
            "note": ("Note", "text"),
        },
        required=("occurred_at", "amount"),
    ),
    "interaction": Target(
        "interaction",
        "Interactions (one row per person's share, reply, comment or like)",
        {
            "person_handle": ("Person's handle or profile", "text"),
            "kind": ("What they did (share, reply, like, ...)", "category"),
            "occurred_on": ("Date", "date"),
            "person_name": ("Person's name", "text"),
            "post_id": ("Post id or URL", "text"),
            "person_followers": ("Their followers", "count"),
            "row_platform": ("Platform, if the file mixes platforms", "category"),
        },
        required=("person_handle", "kind"),
    ),
}


def header_signature(header: list[str]) -> str:
    """The key a mapping is saved under: the file's normalised column names, in order."""
    return "|".join(normalise_header(h) for h in header if h.strip())


def _field(canonical: str, source: str, kind: Kind) -> Field:
    if kind == "timestamp":
        return col(source, kind="timestamp", formats=TIME_FORMATS, one_format=True, required=True)
    if kind == "date":
        return col(source, kind="date", formats=DATE_FORMATS, one_format=True, required=True)
    if kind == "category":  # classified by the table's own rules (connector_from_mapping)
        kind = "text"
    return col(source, kind=kind, required=canonical in ("post_id", "amount", "person_handle"))


def connector_from_mapping(signature: str, label: str, platform: str, table: str, columns: dict[str, str]) -> Connector:
    """A Connector for files whose header matches `signature`, reading `columns` (canonical -> header)."""
    target = TARGETS[table]
    unknown = set(columns) - set(target.columns)
    if unknown:
        raise ValueError(f"not columns of {target.label}: {', '.join(sorted(unknown))}")
    missing = [target.columns[c][0] for c in target.required if c not in columns]
    if missing:
        raise ValueError(f"say which column holds: {', '.join(missing)}")
    fields = {c: _field(c, source, target.columns[c][1]) for c, source in columns.items()}
    platform_field = None
    if table == "interaction":
        from connectors.interactions_csv import KINDS
        from connectors.time_log_csv import CHANNELS

        # Kinds and platforms are free text, classified as the interactions template does.
        fields["kind"] = col(columns["kind"], kind="category", categories=KINDS, default="other", required=True)
        fields["person_handle"] = col(columns["person_handle"], kind="text", pattern=r"^@?\s*(.+)$", required=True)
        if "row_platform" in columns:
            # A platform the rules do not know rejects the row, rather than filing it under the file's platform.
            fields["row_platform"] = col(columns["row_platform"], kind="category", categories=CHANNELS, required=True)
            platform_field = "row_platform"
        if "post_id" not in fields:
            fields["post_id"] = col("post", kind="text", constant="")
        # No id: the same person, kind, post and day in a later export is the same interaction.
        sources = [
            columns[c] for c in ("row_platform", "person_handle", "kind", "post_id", "occurred_on") if c in columns
        ]
        fields["interaction_id"] = Field(sources=tuple(sources), kind="hash", required=True)
    if table == "outcome":
        fields["kind"] = col("kind", kind="text", constant="donation")
        if "reference" not in fields:
            # No transaction id: the same date, amount and donor in a later export is the same donation.
            sources = [columns[c] for c in ("occurred_at", "amount", "donor") if c in columns]
            fields["reference"] = Field(sources=tuple(sources), kind="hash", required=True)
    names = tuple(dict.fromkeys(n for n in signature.split("|") if n))
    return Connector(
        name=f"custom:{signature[:80]}",
        label=f"{label} (your mapping)",
        platform=platform,
        table=table,  # type: ignore[arg-type]
        signature=names,
        fields=fields,
        platform_field=platform_field,
        hint="the same export as the file you mapped",
    )


def guess_header(head: bytes) -> list[str]:
    """The column names of an unknown CSV: its first row with two or more filled cells."""
    from connectors.sniff import decode_head, head_rows, sniff_delimiter, sniff_encoding

    text = decode_head(head, sniff_encoding(head))
    for row in head_rows(text, delimiter=sniff_delimiter(text)):
        if sum(1 for c in row.cells if c.strip()) >= 2:
            return [c.strip() for c in row.cells]
    return []
