"""The Upload page's mapping form: an unknown table is mapped once, imported, and recognised next time."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from connectors import known_formats
from impact.store.connection import open_store
from pages.ui import plain
from tests.conftest import FIXTURES

APP = str(Path(__file__).resolve().parent.parent / "app.py")
JETPACK = FIXTURES / "custom" / "jetpack_postviews.csv"


def test_mapping_an_unknown_file_on_the_upload_page(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "mapping.duckdb"
    monkeypatch.setenv("IMPACT_DB", str(db))
    at = AppTest.from_file(APP, default_timeout=60)
    at.switch_page("pages/upload/upload.py")
    at.run()
    at.text_input[0].set_value("Pune Education Trust")
    at.file_uploader[0].set_value((JETPACK.name, JETPACK.read_bytes(), "text/csv")).run()
    assert not at.exception
    assert [e.value for e in at.error] == [
        "jetpack\\_postviews\\.csv\\: not an export this product recognises \\(its first columns are 'post\\_id', "
        f"'post\\_title', 'post\\_permalink', 'views'\\)\\. Known formats\\: {plain(known_formats())}\\. If it is a "
        "table of your own \\(site stats, a donation form\\), map its columns once on the Upload page \\(or with "
        "\\`python \\-m impact map\\`\\), and files like it will import\\."
    ]
    boxes = {s.label: s for s in at.selectbox}
    boxes["Platform"].select("blog")
    boxes["Post id or URL (needed)"].select("post_permalink")
    boxes["Title or text"].select("post_title")
    boxes["Impressions or views"].select("views")
    next(b for b in at.button if b.label == "Save this mapping and import the file").click().run()
    assert not at.exception
    assert [s.value for s in at.success] == [
        "**jetpack\\_postviews\\.csv** — imported as jetpack\\_postviews \\(your mapping\\) "
        "\\(3 new, 0 updated, 0 unchanged\\)"
    ]
    with open_store(db) as con:
        assert con.execute("SELECT platform, count(*), sum(impressions) FROM post GROUP BY 1").fetchall() == [
            ("blog", 3, 1722)
        ]
        assert con.execute("SELECT label, target FROM column_mapping").fetchall() == [("jetpack_postviews", "post")]
    # The same kind of file is now recognised in the preview, without the form.
    at.file_uploader[0].set_value(("next_month.csv", JETPACK.read_bytes(), "text/csv")).run()
    assert not at.exception
    assert [c.value for c in at.main.caption] == ["jetpack\\_postviews \\(your mapping\\) · platform: blog"]
    assert [e.value for e in at.error] == []
    assert not [b for b in at.button if b.label == "Save this mapping and import the file"]
