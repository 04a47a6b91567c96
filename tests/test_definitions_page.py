"""The Definitions page shows every definition and each export's engagement rule; definitions are complete."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from connectors import REGISTRY
from connectors.meta_posts_csv import INSTAGRAM_POSTS
from impact.definitions import DEFINITIONS, GROUPS
from impact.store.connection import open_store
from impact.store.orgs import ensure_organisation

APP = str(Path(__file__).resolve().parent.parent / "app.py")


def test_every_definition_has_text_and_a_known_group() -> None:
    for key, d in DEFINITIONS.items():
        assert d.key == key
        assert d.label.strip(), key
        # A sentence of its own: no stray spaces, a full stop at the end, more than its label repeated.
        assert d.text == " ".join(d.text.split()), key
        assert d.text.endswith("."), key
        assert d.text.rstrip(".").lower() != d.label.lower(), key
        assert d.group in GROUPS, f"{key}: group {d.group!r} is not one of {GROUPS}"


def test_definitions_page_lists_every_definition_and_engagement_rule(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "impact.duckdb"
    monkeypatch.setenv("IMPACT_DB", str(path))
    with open_store(path) as con:
        ensure_organisation(con, "Clean River Trust")
    at = AppTest.from_file(APP, default_timeout=60)
    at.switch_page("pages/definitions/definitions.py")
    at.run()
    assert not at.exception
    text = "\n".join(m.value for m in at.markdown)
    for d in DEFINITIONS.values():
        assert f"**{d.label}**: {d.text}" in text, d.key
    headers = [h.value for h in at.subheader]
    assert headers.index("Outputs") < headers.index("Outtakes") < headers.index("How each export counts engagements")
    # One engagement rule, under its export's name: Instagram has no total of its own.
    assert f"- *{INSTAGRAM_POSTS.label}*: Instagram gives no total: likes + comments + shares + saves." in text
    assert all(c.engagement_note in text for c in REGISTRY)
    assert len(at.get("download_button")) == 2
