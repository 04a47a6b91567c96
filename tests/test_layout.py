"""Imports run one way: pages -> impact (figures, campaigns, time, charts) -> store; connectors stand alone.

Read from the source (ast), so a late import inside a function counts as much as one at the top.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


def imported_modules(path: Path) -> set[str]:
    """Every module a file imports, absolute names (this project uses no relative imports)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            assert node.level == 0, f"{path}: relative import"
            module = node.module or ""
            found.add(module)
            found.update(f"{module}.{alias.name}" for alias in node.names)
    return found


def files(folder: str) -> list[Path]:
    return sorted((REPO / folder).rglob("*.py"))


def offending(folder: str, forbidden: tuple[str, ...]) -> list[str]:
    """'file: module' for each import of a forbidden module (or anything inside it) under folder."""
    return [
        f"{path.relative_to(REPO)}: {module}"
        for path in files(folder)
        for module in sorted(imported_modules(path))
        if any(module == f or module.startswith(f + ".") for f in forbidden)
    ]


@pytest.mark.parametrize(
    ("folder", "forbidden"),
    [
        # Connectors turn bytes into canonical rows: no database, no web page, nothing of impact/.
        ("connectors", ("streamlit", "duckdb", "impact", "pages")),
        # The domain core never draws a page.
        ("impact", ("streamlit", "pages")),
        # The store is the bottom: it knows nothing of the figures, campaigns, time or charts above it.
        ("impact/store", ("impact.figures", "impact.campaigns", "impact.time", "impact.charts", "impact.sample")),
        # Figures, campaigns and time never draw; charts never query.
        ("impact/figures", ("impact.charts", "plotly")),
        ("impact/campaigns", ("impact.charts", "plotly")),
        ("impact/time", ("impact.charts", "plotly")),
        ("impact/presence", ("impact.charts", "plotly", "impact.report")),
        ("impact/charts", ("duckdb", "impact.store", "impact.definitions.sql")),
        # SQL definitions are the bottom of the figures: they import no figure module.
        ("impact/definitions", ("impact.figures", "impact.campaigns", "impact.time", "impact.charts", "impact.store")),
        # Pages lay out results: they never open the database themselves or write SQL.
        ("pages", ("duckdb.connect", "impact.definitions.sql")),
    ],
)
def test_imports_run_with_the_flow(folder: str, forbidden: tuple[str, ...]) -> None:
    assert offending(folder, forbidden) == []


def test_pages_holds_only_screens_and_the_shared_ui() -> None:
    """Every .py directly in pages/ would be a page in Streamlit's legacy mode: there are none but __init__."""
    assert [p.name for p in (REPO / "pages").glob("*.py")] == ["__init__.py"]
    screens = sorted(p.name for p in (REPO / "pages").iterdir() if p.is_dir() and p.name != "__pycache__")
    assert screens == [
        "accounts",
        "campaigns",
        "content",
        "definitions",
        "listening",
        "overview",
        "people",
        "portfolio",
        "presence",
        "reach",
        "sharing",
        "sources",
        "time",
        "ui",
        "upload",
        "website",
    ]
    for screen in screens:
        if screen != "ui":
            assert (REPO / "pages" / screen / f"{screen}.py").is_file(), f"pages/{screen}/ has no {screen}.py"


def test_no_query_outside_impact() -> None:
    """SQL lives in impact/: pages and app.py only call it (no .execute on a connection)."""
    callers = [REPO / "app.py", *files("pages")]
    executing = [str(p.relative_to(REPO)) for p in callers if ".execute(" in p.read_text(encoding="utf-8")]
    assert executing == []


def test_pages_show_tables_only_with_formulas_neutralised() -> None:
    """A table's toolbar downloads it as CSV: text a spreadsheet would run ('=HYPERLINK(...)', a name from a
    time log, a mention's text) must be neutralised first, so pages show tables through ui.dataframe."""
    shared = REPO / "pages" / "ui" / "__init__.py"
    direct = [
        f"{path.relative_to(REPO)}:{node.lineno}"
        for path in [REPO / "app.py", *files("pages")]
        if path != shared
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.Call) and ast.unparse(node.func) in ("st.dataframe", "st.table")
    ]
    assert direct == []


def test_the_offending_check_sees_a_forbidden_import(tmp_path: Path) -> None:
    """The check above can fail: a module that imports streamlit late, inside a function, is caught."""
    module = tmp_path / "late.py"
    module.write_text("def draw():\n    import streamlit as st\n    from impact.charts import look\n")
    assert imported_modules(module) >= {"streamlit", "impact.charts", "impact.charts.look"}


def test_formula_text_is_neutralised_and_signed_figures_are_not() -> None:
    import pandas as pd

    from pages.ui import neutralise_formulas

    frame = pd.DataFrame(
        {
            "text": [
                '=HYPERLINK("http://x")',
                "+cmd|' /C calc'!A0",
                "-2+3",
                "@SUM(A1)",
                "plain",
                "+1,102",
                "-5.2%",
                "- 3",
            ],
            "n": [1, -2, 3, 4, 5, 6, 7, 8],
        }
    )
    out = neutralise_formulas(frame)
    assert out["text"].tolist() == [
        '\'=HYPERLINK("http://x")',
        "'+cmd|' /C calc'!A0",
        "'-2+3",
        "'@SUM(A1)",
        "plain",
        "+1,102",  # a change in followers as the Reach page writes it: runs nothing
        "-5.2%",
        "- 3",
    ]
    assert out["n"].tolist() == [1, -2, 3, 4, 5, 6, 7, 8]  # numbers are not text
