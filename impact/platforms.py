"""Platforms as people know them, and the one rule for the time of a post.

A post's time counts on the organisation's local day. X and LinkedIn exports state publish times
in UTC, which are moved to the organisation's time zone; Meta (Facebook, Instagram) writes the
page's local time, kept as written; YouTube, TikTok, Mailchimp and LinkedIn's date-only vintage
give a day without a time of day (stored at 00:00), which is that local day. The SQL that applies
the rule is impact.definitions.sql.LOCAL_TIME.
"""

from __future__ import annotations

from connectors import PLATFORM_LABELS

# Exports whose publish times are in UTC; the others are local time already, or a date only.
UTC_PLATFORMS = ("x", "linkedin", "blog", "mastodon", "bluesky", "web")
# Exports that may give a day without a time of day, stored at 00:00:00: such a post has no hour.
DATE_ONLY_PLATFORMS = ("youtube", "tiktok", "linkedin", "email")


def platform_label(platform: str) -> str:
    """The name people know a platform by."""
    return PLATFORM_LABELS.get(platform, platform)
