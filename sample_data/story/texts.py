"""The long texts under texts/ (captions, titles, names, notes, stories): read once, kept for the run."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

TEXTS = Path(__file__).resolve().parent / "texts"


@cache
def load_json(relative: str) -> Any:
    """texts/<relative>, parsed once: callers may rely on the same objects every time."""
    return json.loads((TEXTS / relative).read_text(encoding="utf-8"))


def load_text(relative: str) -> str:
    """texts/<relative> without its final line end."""
    return (TEXTS / relative).read_text(encoding="utf-8").removesuffix("\n")
