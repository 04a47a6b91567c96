"""impact.sync.http details: a token never follows a redirect to another host."""

from __future__ import annotations

from test_sync import Replay, Waits

from impact.sync.http import Http


def test_a_token_is_not_sent_on_to_another_host() -> None:
    replay = Replay()
    try:
        port = replay.url.rsplit(":", 1)[1]
        # 127.0.0.1 and localhost are the same server, but not the same host for a token.
        replay.on("/moved", (302, {"Location": f"http://localhost:{port}/here"}, b""))
        replay.on("/here", (200, {}, b"ok"))
        replay.on("/same", (302, {"Location": "/here"}, b""))
        http = Http(sleep=Waits())
        assert http.get(replay.url + "/moved", headers={"Authorization": "Bearer secret"}).body == b"ok"
        assert http.get(replay.url + "/same", headers={"Authorization": "Bearer secret"}).body == b"ok"
    finally:
        replay.server.shutdown()
    sent = [(path, headers.get("Authorization")) for path, headers in replay.seen]
    assert sent == [
        ("/moved", "Bearer secret"),
        ("/here", None),
        ("/same", "Bearer secret"),
        ("/here", "Bearer secret"),
    ]


def test_served_the_server_asks_nothing_of_its_own_machine_or_network(monkeypatch) -> None:
    import pytest

    from impact.sync.http import check_url

    assert check_url("http://127.0.0.1:8000/feed") == "http://127.0.0.1:8000/feed"  # locally: tests, a local feed
    monkeypatch.setenv("IMPACT_AUTH", "password")
    for url in ("http://127.0.0.1:8000/feed", "https://localhost/feed", "https://10.0.0.5/feed",
                "https://169.254.169.254/latest/meta-data", "https://[::1]/feed", "https://192.168.1.1/x"):  # fmt: skip
        with pytest.raises(ValueError, match="an address on the server's own machine or network"):
            check_url(url)
    assert check_url("https://example.org/feed") == "https://example.org/feed"


def test_served_a_name_that_resolves_inside_the_network_is_refused(monkeypatch) -> None:
    import socket

    import pytest

    from impact.sync.http import SyncError, check_resolved

    answers = {"metadata.example.org": "169.254.169.254", "mapped.example.org": "::ffff:10.0.0.5",
               "public.example.org": "93.184.215.14"}  # fmt: skip

    def resolve(host: str, *_: object, **__: object) -> list[tuple[object, ...]]:
        family = socket.AF_INET6 if ":" in answers[host] else socket.AF_INET
        return [(family, socket.SOCK_STREAM, 6, "", (answers[host], 443))]

    monkeypatch.setattr("socket.getaddrinfo", resolve)
    check_resolved("https://metadata.example.org/latest")  # locally: not checked
    monkeypatch.setenv("IMPACT_AUTH", "password")
    for host in ("metadata.example.org", "mapped.example.org"):
        with pytest.raises(SyncError, match="leads to an address on the server's own network"):
            check_resolved(f"https://{host}/feed?key=SECRET")
    check_resolved("https://public.example.org/feed")


def test_a_redirect_to_plain_http_elsewhere_is_a_sentence() -> None:
    import pytest

    from impact.sync.http import SyncError

    replay = Replay()
    try:
        replay.on("/moved", (302, {"Location": "http://example.org/feed"}, b""))
        with pytest.raises(SyncError, match="is not https"):
            Http(sleep=Waits()).get(replay.url + "/moved")
    finally:
        replay.server.shutdown()
