"""The command line's import: a progress bar on a terminal (none in a pipe), and a start that imports no store."""

from __future__ import annotations

import fcntl
import io
import os
import pty
import re
import shutil
import struct
import subprocess
import sys
import termios
from pathlib import Path

import pytest

from impact.__main__ import ProgressBar, main
from impact.store.ingest import ImportResult

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
CLEAR = "\r\x1b[K"


class Terminal(io.StringIO):
    """A stream that says it is a terminal."""

    def isatty(self) -> bool:
        return True


def workshop(tmp_path: Path) -> Path:
    """Two organisations' folders (three files) and a file beside them."""
    folder = tmp_path / "workshop"
    for name, fixture in (("Asha NGO", "x/account_overview_analytics.csv"),
                          ("Asha NGO", "interactions/interactions_template.csv"),
                          ("Lake Volunteers", "x/account_overview_analytics.csv")):  # fmt: skip
        (folder / name).mkdir(parents=True, exist_ok=True)
        shutil.copy(FIXTURES / fixture, folder / name)
    shutil.copy(FIXTURES / "x" / "account_overview_analytics.csv", folder / "stray.csv")
    return folder


def in_a_terminal(*args: str, columns: int) -> str:
    """Run `python -m impact ARGS` with stdout and stderr on a pseudo-terminal `columns` wide; what it wrote."""
    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 24, columns, 0, 0))
    process = subprocess.Popen([sys.executable, "-m", "impact", *args], cwd=ROOT, stdout=follower, stderr=follower)
    os.close(follower)
    written = b""
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the program ended and closed the terminal
            break
        if not chunk:
            break
        written += chunk
    process.wait(timeout=60)
    os.close(leader)
    return written.decode()


def test_a_terminal_sees_the_bar_redrawn_between_the_lines(tmp_path: Path) -> None:
    folder, db = str(workshop(tmp_path)), str(tmp_path / "s.duckdb")
    written = in_a_terminal("import", folder, "--org-per-folder", "--db", db, columns=120)
    bars = re.findall(r"\r(\[[#.]{20}\] [^\x1b]*)\x1b\[K", written)
    assert bars == [
        "[....................] 0/4 files · Asha NGO/account_overview_analytics.csv",
        "[#####...............] 1/4 files · Asha NGO/interactions_template.csv",
        "[##########..........] 2/4 files · Lake Volunteers/account_overview_analytics.csv",
        "[###############.....] 3/4 files · stray.csv",
        "[####################] 4/4 files",
    ]
    # Each line is printed on a wiped line, so bar and line never share one; the bar is wiped at the end.
    lines = [line for line in written.split("\r\n") if line]
    assert [line.rsplit(CLEAR, 1)[-1].split(": ", 1)[0] for line in lines] == [
        "Asha NGO/account_overview_analytics.csv",
        "Asha NGO/interactions_template.csv",
        "Lake Volunteers/account_overview_analytics.csv",
        "stray.csv",
        "2 organisations imported into, 4 files.",
    ]
    assert all(CLEAR in line and not line.endswith(CLEAR) for line in lines)
    # On a narrow terminal the bar is cut short rather than wrapped (a wrapped line cannot be redrawn).
    narrow = in_a_terminal("import", folder, "--org-per-folder", "--db", db, columns=50)
    cut = re.findall(r"\r(\[[#.]{20}\] [^\x1b]*)\x1b\[K", narrow)
    assert cut[2] == "[##########..........] 2/4 files · Lake Volunteer"  # 49 characters: one column spare
    assert max(len(bar) for bar in cut) == 49


def test_no_terminal_no_bar(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["import", str(workshop(tmp_path)), "--org-per-folder", "--db", str(tmp_path / "s.duckdb")]) == 1
    out, err = capsys.readouterr()
    assert "\r" not in out + err and "\x1b" not in out + err and "[" not in err
    assert out.splitlines()[0].startswith("Asha NGO/account_overview_analytics.csv: imported as X account analytics")


def test_json_gets_no_bar_even_on_a_terminal(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    stderr = Terminal()
    monkeypatch.setattr(sys, "stderr", stderr)
    main(["import", str(workshop(tmp_path)), "--org-per-folder", "--json", "--db", str(tmp_path / "s.duckdb")])
    assert stderr.getvalue() == ""


def test_the_bar_counts_a_zip_once_whatever_its_members_and_passes_over_what_the_import_skipped(
    capsys: pytest.CaptureFixture[str],
) -> None:
    stream = Terminal()
    bar = ProgressBar(["export.zip", ".skipped-by-the-import.csv", "b.csv"], stream)
    done = []
    for name in ("export.zip/Table data.csv", "export.zip/Totals.csv", "b.csv"):
        bar.landed(ImportResult(name, "skipped", error="already imported"))
        done.append(bar.done)
    assert done == [1, 1, 3]
    assert stream.getvalue().endswith("\r[####################] 3/3 files\x1b[K")
    assert capsys.readouterr().out.splitlines()[0] == "export.zip/Table data.csv: skipped: already imported"


def test_the_parser_and_help_import_no_store_connector_or_pandas() -> None:
    """`--help` and a mistyped option answer before DuckDB, the connectors or pandas are imported."""
    probe = (
        "import sys\n"
        "from impact.__main__ import build_parser\n"
        "build_parser().format_help()\n"
        "print(sorted(m for m in ('duckdb', 'pandas', 'connectors', 'impact.store.connection') if m in sys.modules))"
    )
    answer = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, check=True)
    assert answer.stdout.strip() == "[]"


def test_the_share_commands_default_is_the_share_links_own() -> None:
    from impact.auth.cli import SHARE_DAYS
    from impact.auth.shares import DEFAULT_DAYS

    assert SHARE_DAYS == DEFAULT_DAYS
