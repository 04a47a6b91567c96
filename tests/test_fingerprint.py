"""The one read of a whole file before import: hash, UTF-8 check, NUL line and irregular line endings.

Small chunks make every boundary case (a CRLF or a UTF-8 character cut between two reads) happen in a
few bytes; each case is checked against a plain computation over the whole file.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from impact.store import ingest


@pytest.fixture(params=[1, 2, 3, 7, 1 << 22], ids=lambda n: f"chunk{n}")
def chunk(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> int:
    monkeypatch.setattr(ingest, "READ_CHUNK", request.param)
    return int(request.param)


CASES = {
    "ascii, LF": (b"a,b\n1,2\n", True, None, False),
    "ascii, CRLF": (b"a,b\r\n1,2\r\n", True, None, False),
    "CRLF then a bare LF": (b"a,b\r\n1,2\n3,4\r\n", True, None, True),
    "a bare LF then CRLF": (b"a,b\n1,2\r\n", True, None, True),
    # DuckDB's reader fails on a CR without its LF outside quotes: such a file is copied with LF line ends.
    "a lone CR": (b"a\rb\n1,2\n", True, None, True),
    "CR CR LF": (b"a,b\r\r\n1,2\r\r\n", True, None, True),
    "CR only": (b"a,b\r1,2\r", True, None, True),
    "emoji and accents": ("a,b\n🙂,é\n".encode(), True, None, False),
    "cp1252 after ASCII": (b"a,b\n1,2\ncaf\xe9,3\n", False, None, False),
    "a cut UTF-8 character at the end": ("a,é".encode()[:-1], False, None, False),
    "NUL on line 3": (b"a,b\n1,2\nx\x00y\n", True, 3, False),
    "NUL on line 1": (b"\x00", True, 1, False),
}


@pytest.mark.parametrize("case", CASES, ids=list(CASES))
def test_fingerprint_matches_a_whole_file_reading(tmp_path: Path, chunk: int, case: str) -> None:
    data, is_utf8, nul_line, mixed = CASES[case]
    path = tmp_path / "export.csv"
    path.write_bytes(data)
    found = ingest._fingerprint(path)
    assert found == ingest.Fingerprint(hashlib.sha256(data).hexdigest(), is_utf8, nul_line, mixed)


def test_an_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.csv"
    path.write_bytes(b"")
    assert ingest._fingerprint(path) == ingest.Fingerprint(hashlib.sha256(b"").hexdigest(), True, None, False)
