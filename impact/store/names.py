"""Names from files and archives, made safe to show: no terminal escapes, no hidden reordering."""

from __future__ import annotations

import re

# C0 controls, DEL, C1 controls (CSI is U+009B), and the bidirectional formatting characters that
# reorder what a terminal or browser shows (U+202E makes "gpj.exe" look like "exe.jpg").
_CONTROLS = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def _spelled(match: re.Match[str]) -> str:
    code = ord(match.group(0))
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def shown_name(name: object) -> str:
    """The text with every control character spelled out: 'evil\\x1b[31m.csv' shows as 'evil\\\\x1b[31m.csv'."""
    return _CONTROLS.sub(_spelled, str(name))


def has_controls(text: str) -> bool:
    """Whether shown_name would change the text."""
    return _CONTROLS.search(text) is not None
