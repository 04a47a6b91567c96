"""HTTP for sources: timeouts, a size cap, retries with backoff, and errors said in a sentence.

Every request has a connect and a read timeout and an overall deadline (a server that trickles bytes
is cut off), answers over 20 MB are refused, and 429 or 5xx answers are retried with backoff, waiting
what `Retry-After` or the rate-limit headers ask (up to a minute a wait, and up to 5 minutes of waits
for one source's pull, however many requests it makes). Redirects are followed by hand so
every hop is checked like the first URL: https, or http to this machine only. Error sentences name the
server and the path, never the query string, where keys and tokens travel.
"""

from __future__ import annotations

import ipaddress
import os
import re
import socket
import threading
import time
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from urllib.parse import urljoin, urlsplit

import requests

MAX_BYTES = 20 * 1024 * 1024
CONNECT_SECONDS = 5.0
READ_SECONDS = 20.0
DEADLINE_SECONDS = 60.0
RETRIES = 3  # after the first try
MAX_WAIT_SECONDS = 60.0
# All the waits of one source's pull: a server asking every request to wait a minute three times would
# otherwise hold a pull of 200 requests for hours (and every source after it).
WAIT_BUDGET_SECONDS = 300.0
MAX_REDIRECTS = 5
RETRIED = (429, 500, 502, 503, 504)
CREDENTIAL_HEADERS = ("authorization", "x-goog-api-key")  # how sources send their tokens and keys
USER_AGENT = "impact-dashboard/1 (+https://github.com; non-profit impact measurement)"


# ASCII digits only: str.isdigit() also takes "²", which float() refuses.
_WHOLE_NUMBER = re.compile(r"[0-9]{1,20}")


class SyncError(RuntimeError):
    """A pull that could not be made; the message is the sentence to show (it holds no secret)."""


def where(url: str) -> str:
    """A URL as errors may show it: scheme, host and path, without the query (keys and tokens)."""
    parts = urlsplit(url)
    port = f":{parts.port}" if parts.port else ""
    return f"{parts.scheme}://{parts.hostname or ''}{port}{parts.path}"


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def check_url(url: str) -> str:
    """The URL if a source may be pulled from it: https, or http to this machine; ValueError otherwise."""
    parts = urlsplit((url or "").strip())
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError(f"{url[:200]!r} is not a web address (it must start with https://)")
    if parts.username or parts.password:
        raise ValueError("a web address with a user name or password in it is not taken; give a token instead")
    if parts.scheme == "http" and not _is_loopback(parts.hostname):
        raise ValueError(f"{where(url)} is not https; plain http is allowed only for this machine (tests)")
    if _is_private(parts.hostname) and _served():
        # Served to many, the server must not be made to ask its own machine or network for anyone.
        raise ValueError(f"{where(url)} is an address on the server's own machine or network; not pulled when served")
    return url.strip()


def _is_private(host: str) -> bool:
    """An address of this machine or a private network, written as such (names are resolved at request time)."""
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return False
    return _private_address(address)


def _private_address(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        address = address.ipv4_mapped
    return (address.is_loopback or address.is_private or address.is_link_local or address.is_unspecified
            or address.is_reserved or address.is_multicast)  # fmt: skip


def check_resolved(url: str) -> None:
    """Served to many, a SyncError for a name that resolves inside the server's network (a DNS record
    pointing at 169.254.169.254 or 10.x), refused like the address itself.

    Asked again just before every request and every redirect hop. A name that changes its answer
    between this check and the request (DNS rebinding) remains possible; the cloud's metadata
    endpoints should also be closed to the app's process by the host's firewall (README).
    """
    if not _served():
        return
    host = urlsplit(url).hostname or ""
    try:
        found = socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)
    except (OSError, UnicodeError):
        return  # the request itself then says the server could not be reached
    for *_, sockaddr in found:
        try:
            address = ipaddress.ip_address(str(sockaddr[0]).split("%")[0])
        except ValueError:
            continue
        if _private_address(address):
            raise SyncError(f"{where(url)} leads to an address on the server's own network; not pulled when served.")


def _served() -> bool:
    from impact.auth import AuthConfigError, auth_mode

    try:
        return auth_mode() != "local"
    except AuthConfigError:  # a mistyped mode is treated as served: the safer reading
        return True


@dataclass(frozen=True)
class Response:
    status: int
    headers: Mapping[str, str]
    body: bytes
    url: str

    def json(self) -> object:
        import json

        try:
            return json.loads(self.body)
        except ValueError as error:
            raise SyncError(f"{where(self.url)} did not answer with JSON ({error}).") from None
        except RecursionError:  # a few kB of "[[[[..." nest deeper than Python's parser goes
            raise SyncError(f"{where(self.url)} answered with JSON nested too deeply to read; refused.") from None


def _wait_asked(headers: Mapping[str, str], now: float) -> float | None:
    """Seconds a server asks to wait: Retry-After (seconds or a date), else X-RateLimit-Reset at zero left."""
    after = headers.get("Retry-After")
    if after:
        if _WHOLE_NUMBER.fullmatch(after.strip()):
            return float(after.strip())
        try:
            return max(0.0, parsedate_to_datetime(after).timestamp() - now)
        except (TypeError, ValueError, OverflowError):
            return None
    if headers.get("X-RateLimit-Remaining", "").strip() == "0" and headers.get("X-RateLimit-Reset"):
        reset = headers["X-RateLimit-Reset"].strip()
        try:
            moment = (
                float(reset)
                if reset.replace(".", "", 1).isdigit()
                else datetime.fromisoformat(reset.replace("Z", "+00:00")).astimezone(UTC).timestamp()
            )
        except (ValueError, OverflowError):
            return None
        return max(0.0, moment - now)
    return None


def _shut_at(answer: requests.Response, seconds: float) -> tuple[Callable[[], None], threading.Event]:
    """Shut the answer's connection in `seconds` (the Event says it was), unless the function returned is
    called first: a read waiting on the connection then ends at once.

    A server that trickles its body, a byte within every read timeout, would hold a read of a chunk
    for days; the clock, looked at between chunks, cannot stop that.
    """
    fired = threading.Event()
    try:
        # A socket of our own on the answer's connection (a duplicate descriptor): shutting it shuts the
        # connection, and closing it leaves the answer's own descriptor alone.
        sock: socket.socket | None = socket.socket(fileno=os.dup(answer.raw.fileno()))
    except (OSError, ValueError, AttributeError):
        sock = None  # no socket under the answer: the clock between chunks still stops the read

    def shut() -> None:
        fired.set()
        if sock is not None:
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass  # the server has closed it already

    def done() -> None:
        timer.cancel()
        if sock is not None:
            sock.close()

    timer = threading.Timer(max(seconds, 0.0), shut)
    timer.daemon = True
    timer.start()
    return done, fired


def _content_length(header: str | None) -> int:
    """The size a response announces, 0 when it announces none it can be held to. The same length sent
    twice is joined by requests ("152, 152"); a length that is no number is not trusted: either way the
    body is still counted as it comes (MAX_BYTES)."""
    lengths = {part.strip() for part in (header or "").split(",")}
    if len(lengths) != 1:
        return 0
    (length,) = lengths
    return int(length) if _WHOLE_NUMBER.fullmatch(length) else 0


class Http:
    """One session for one sync; `sleep` and `clock` are replaceable so tests need not wait."""

    def __init__(
        self,
        session: requests.Session | None = None,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.time,
        max_bytes: int = MAX_BYTES,
        deadline: float = DEADLINE_SECONDS,
    ) -> None:
        self.session = session or requests.Session()
        self.session.headers["User-Agent"] = USER_AGENT
        self.sleep, self.clock = sleep, clock
        self.max_bytes, self.deadline = max_bytes, deadline
        self.requests = 0
        self.waited = 0.0  # seconds waited for the server in this source's pull (see new_pull)

    def new_pull(self) -> None:
        """Start a source's pull: its waits for the server are counted from nothing (WAIT_BUDGET_SECONDS)."""
        self.waited = 0.0

    def get(
        self,
        url: str,
        params: Mapping[str, object] | None = None,
        headers: Mapping[str, str] | None = None,
        returned: Collection[int] = (),
    ) -> Response:
        """GET with retries; a 304 or any 2xx is returned, anything else is a SyncError saying what happened.

        Statuses in `returned` are returned too, for APIs whose error answers say what went wrong in JSON
        (Graph's error #100, YouTube's quotaExceeded): the caller reads the body and says it.
        """
        for attempt in range(RETRIES + 1):
            answer = self._get_following(url, params, headers)
            if answer.status in RETRIED and attempt < RETRIES:
                wait = _wait_asked(answer.headers, self.clock())
                wait = 2.0**attempt if wait is None else wait
                if wait > MAX_WAIT_SECONDS:
                    raise SyncError(f"{where(url)} asks to wait {wait / 60:.0f} minutes (rate limit); try again later.")
                if self.waited + wait > WAIT_BUDGET_SECONDS:
                    raise SyncError(
                        f"{where(url)} keeps asking to wait (rate limit): this pull has waited {self.waited / 60:.0f} "
                        "minutes already; try again later."
                    )
                self.waited += wait
                self.sleep(wait)
                continue
            return answer if answer.status in returned else self._checked(answer)
        raise AssertionError("unreachable")

    def _checked(self, answer: Response) -> Response:
        if answer.status == 304 or 200 <= answer.status < 300:
            return answer
        place = where(answer.url)
        if answer.status in (401, 403):
            raise SyncError(
                f"{place} refused the request ({answer.status}): the server needs a valid token, or this "
                "account's data is not public."
            )
        if answer.status == 404:
            raise SyncError(f"{place} says there is no such feed or account (404).")
        if answer.status == 429:
            raise SyncError(f"{place} still limits requests (429) after {RETRIES} retries; try again later.")
        if answer.status >= 500:
            raise SyncError(f"{place} failed ({answer.status}) {RETRIES + 1} times; try again later.")
        raise SyncError(f"{place} answered {answer.status}.")

    def _get_following(
        self, url: str, params: Mapping[str, object] | None, headers: Mapping[str, str] | None
    ) -> Response:
        for _ in range(MAX_REDIRECTS + 1):
            try:
                checked = check_url(url)
            except ValueError as error:  # a redirect to a place no source may point at
                raise SyncError(str(error)) from None
            check_resolved(checked)
            answer = self._get_once(checked, params, headers)
            if answer.status in (301, 302, 303, 307, 308) and answer.headers.get("Location"):
                target = urljoin(url, answer.headers["Location"])
                if urlsplit(target).netloc != urlsplit(url).netloc and headers:
                    # A token or key is for the server it was given for: never sent on to another host.
                    headers = {k: v for k, v in headers.items() if k.lower() not in CREDENTIAL_HEADERS}
                url, params = target, None
                continue
            return answer
        raise SyncError(f"{where(url)} redirects more than {MAX_REDIRECTS} times.")

    def _get_once(self, url: str, params: Mapping[str, object] | None, headers: Mapping[str, str] | None) -> Response:
        started, began = self.clock(), time.monotonic()
        self.requests += 1
        try:
            with self.session.get(
                url,
                params=params,  # type: ignore[arg-type]
                headers=dict(headers or {}),
                timeout=(CONNECT_SECONDS, READ_SECONDS),
                stream=True,
                allow_redirects=False,
            ) as answer:
                size = _content_length(answer.headers.get("Content-Length"))
                if size > self.max_bytes:
                    raise SyncError(f"{where(url)} answered with {size / 1e6:.0f} MB; over 20 MB is refused.")
                body = bytearray()
                late = SyncError(f"{where(url)} took over {self.deadline:.0f} s to answer; stopped.")
                done, fired = _shut_at(answer, self.deadline - (time.monotonic() - began))
                try:
                    for chunk in answer.iter_content(64 * 1024):
                        body += chunk
                        if len(body) > self.max_bytes:
                            raise SyncError(f"{where(url)} answered with more than 20 MB; refused.")
                        if self.clock() - started > self.deadline:
                            raise late
                except requests.RequestException:
                    if not fired.is_set():
                        raise
                finally:
                    done()
                if fired.is_set():  # the read ended because the connection was shut, not because the body did
                    raise late
                return Response(answer.status_code, dict(answer.headers), bytes(body), url)
        except requests.Timeout:
            raise SyncError(f"{where(url)} did not answer within {READ_SECONDS:.0f} s.") from None
        except requests.ConnectionError:
            raise SyncError(f"could not reach {urlsplit(url).hostname} (no network, or the server is down).") from None
        except requests.RequestException as error:
            raise SyncError(f"{where(url)}: the request failed ({type(error).__name__}).") from None
