"""One polite HTTP GET: the host's turn waited, retries with backoff, redirects kept on
the allowed hosts, the body capped and checked complete.

httpx makes the requests (timeouts on connect and read, no automatic redirects, so each
hop is checked); tenacity retries what may pass: 429 and 503 after their Retry-After,
other 5xx, timeouts, dropped connections and bodies cut short after an exponential
backoff with jitter, a bounded number of times. Requests to one host are spaced at the
crawl's rate (robots.txt's Crawl-delay when slower); the crawl makes one at a time.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from urllib.parse import urljoin, urlsplit

import httpx
from tenacity import (
    RetryCallState,
    Retrying,
    retry_if_exception_type,
    stop_after_attempt,
    wait_exponential_jitter,
)

from pipeline.fetch.settings import USER_AGENT, FetchSettings


@dataclass(frozen=True)
class Response:
    """What a fetch got: a 200 with its whole body, or a 304."""

    url: str
    final_url: str
    status: int
    headers: dict[str, str]
    body: bytes = b""


@dataclass(frozen=True)
class Failure:
    """Why a fetch failed (a reason of the summary) and the last HTTP status, if any."""

    reason: str
    status: int | None = None


class _Again(Exception):
    """A try that may pass on the next one; `wait` is the server's Retry-After."""

    def __init__(self, reason: str, status: int | None = None, wait: float | None = None):
        super().__init__(reason)
        self.reason, self.status, self.wait = reason, status, wait


@dataclass
class _Hop:
    location: str
    status: int


@dataclass
class Pacer:
    """Spaces requests to each host: at most one per `interval` seconds."""

    interval: float
    clock: Callable[[], float] = time.monotonic
    sleep: Callable[[float], None] = time.sleep
    _next: dict[str, float] = field(default_factory=dict)

    def wait_turn(self, host: str) -> None:
        now = self.clock()
        due = self._next.get(host, now)
        if due > now:
            self.sleep(due - now)
            now = due
        self._next[host] = now + self.interval

    def slow_down(self, host: str, interval: float) -> None:
        """Space this host's requests at least `interval` apart (robots.txt Crawl-delay)."""
        self.interval = max(self.interval, interval)
        self._next.setdefault(host, self.clock())


class Client:
    """GETs for one crawl: one connection pool, one pacer, the allowed hosts."""

    def __init__(self, settings: FetchSettings, allowed: Callable[[str], bool]) -> None:
        self.settings = settings
        self.allowed = allowed
        self.pacer = Pacer(1.0 / settings.rate)
        self.requests = 0
        timeout = httpx.Timeout(settings.timeout, connect=settings.timeout)
        self._http = httpx.Client(
            timeout=timeout, follow_redirects=False, headers={"User-Agent": USER_AGENT}
        )

    def close(self) -> None:
        self._http.close()

    def get(self, url: str, headers: dict[str, str] | None = None) -> Response | Failure:
        """GET `url`, following redirects on allowed hosts (each hop its own request)."""
        current = url
        for _ in range(self.settings.max_redirects + 1):
            result = self._with_retries(current, headers or {})
            if not isinstance(result, _Hop):
                if isinstance(result, Response):
                    return Response(url, current, result.status, result.headers, result.body)
                return result
            target = urljoin(current, result.location)
            if urlsplit(target).scheme not in ("http", "https") or not self.allowed(target):
                return Failure("redirect off-site", result.status)
            current = target
        return Failure("too many redirects")

    def _with_retries(self, url: str, headers: dict[str, str]) -> Response | Failure | _Hop:
        retrying = Retrying(
            stop=stop_after_attempt(self.settings.retries + 1),
            wait=self._wait,
            retry=retry_if_exception_type(_Again),
            reraise=True,
        )
        try:
            for attempt in retrying:
                with attempt:
                    return self._once(url, headers)
        except _Again as again:
            return Failure(again.reason, again.status)
        raise AssertionError("unreachable")  # pragma: no cover

    def _wait(self, state: RetryCallState) -> float:
        error = state.outcome.exception() if state.outcome else None
        if isinstance(error, _Again) and error.wait is not None:
            return error.wait
        backoff = wait_exponential_jitter(
            initial=self.settings.backoff,
            max=60 * self.settings.backoff,
            jitter=self.settings.backoff,
        )
        return backoff(state)

    def _once(self, url: str, headers: dict[str, str]) -> Response | Failure | _Hop:
        host = urlsplit(url).netloc.lower()
        self.pacer.wait_turn(host)
        self.requests += 1
        try:
            with self._http.stream("GET", url, headers=headers) as response:
                return self._read(url, response)
        except httpx.TimeoutException as error:
            raise _Again("timeout") from error
        except httpx.RemoteProtocolError as error:
            raise _Again("incomplete body") from error
        except httpx.TransportError as error:
            raise _Again("connection error") from error

    def _read(self, url: str, response: httpx.Response) -> Response | Failure | _Hop:
        status = response.status_code
        headers = {k.lower(): v for k, v in response.headers.items()}
        if status >= 300:  # no body wanted: read it off so the connection serves the next
            _drain(response)
        if headers.get("cf-mitigated", "").lower() == "challenge":
            return Failure("bot challenge", status)
        if status in (429, 503):
            wait = retry_after(headers.get("retry-after"))
            if wait is not None and wait > self.settings.max_retry_after:
                return Failure(f"http {status}", status)
            raise _Again(f"http {status}", status, wait)
        if status >= 500:
            raise _Again(f"http {status}", status)
        if status == 304:
            return Response(url, url, 304, headers)
        if 300 <= status < 400:
            location = headers.get("location")
            return _Hop(location, status) if location else Failure(f"http {status}", status)
        if status >= 400:
            return Failure(f"http {status}", status)
        return self._body(url, response, headers)

    def _body(
        self, url: str, response: httpx.Response, headers: dict[str, str]
    ) -> Response | Failure:
        """The whole body, refused past the size cap, failed when shorter than announced."""
        cap = self.settings.max_bytes
        declared = headers.get("content-length")
        length = int(declared) if declared and declared.isdigit() else None
        if length is not None and length > cap:
            return Failure("too large", response.status_code)
        chunks, size = [], 0
        for chunk in response.iter_bytes():
            size += len(chunk)
            if size > cap:
                return Failure("too large", response.status_code)
            chunks.append(chunk)
        encoded = "content-encoding" in headers
        if length is not None and not encoded and size < length:
            raise _Again("incomplete body", response.status_code)
        if length is not None and encoded and response.num_bytes_downloaded < length:
            raise _Again("incomplete body", response.status_code)
        return Response(url, url, response.status_code, headers, b"".join(chunks))


#: An answer without a body we keep (304, redirect, error page) is read up to this much, so
#: its connection can serve the next request; a longer one is dropped with its connection.
_DRAIN_BYTES = 1 << 16


def _drain(response: httpx.Response) -> None:
    """Read a short unwanted body to its end: httpx reuses a connection only then (a
    re-check of an unchanged site is thousands of 304s, each a new TCP and TLS
    handshake otherwise)."""
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > _DRAIN_BYTES:
        return
    read = 0
    for chunk in response.iter_raw():
        read += len(chunk)
        if read > _DRAIN_BYTES:
            return


def retry_after(value: str | None) -> float | None:
    """Seconds a Retry-After asks for (a number or an HTTP date); None when absent/bad."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        moment = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, moment.timestamp() - time.time())
