"""The text data under data/: read once, kept for the run."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

DATA = Path(__file__).resolve().parent / "data"


@cache
def load_json(relative: str) -> Any:
    """data/<relative>, parsed once: callers may rely on the same objects every time."""
    return json.loads((DATA / relative).read_text(encoding="utf-8"))


def load_text(relative: str) -> str:
    """data/<relative> without its final line end."""
    return (DATA / relative).read_text(encoding="utf-8").removesuffix("\n")
