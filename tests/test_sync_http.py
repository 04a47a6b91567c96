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
