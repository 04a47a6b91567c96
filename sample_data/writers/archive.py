"""Zip archives with the same bytes on every run: fixed member times, modes and order."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Sequence

DateTime = tuple[int, int, int, int, int, int]


def deterministic_zip(members: Sequence[tuple[str, bytes]], date_time: DateTime, mode: int | None = 0o644) -> bytes:
    """A deflated zip of `members` (name, bytes) in that order, every member dated `date_time`; with `mode`,
    marked as made on Unix with those permissions, else with zipfile's defaults for a ZipInfo."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for name, data in members:
            info = zipfile.ZipInfo(name, date_time=date_time)
            info.compress_type = zipfile.ZIP_DEFLATED
            if mode is not None:
                info.create_system = 3
                info.external_attr = mode << 16
            zf.writestr(info, data)
    return buf.getvalue()
