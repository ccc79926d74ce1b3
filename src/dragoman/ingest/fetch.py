"""The polite, safe HTTP fetcher: robots.txt, per-host pacing, retries, size and time caps, and an SSRF guard.

Every hop of a request (each redirect is followed here, not by httpx) is resolved, checked against private and
local address ranges, and then connected to *the address that was checked* (the URL is rewritten to the IP with
the original Host header and TLS server name), so a DNS answer that changes between check and connect cannot
smuggle a request into the local network.
"""

from __future__ import annotations

import ipaddress
import json
import socket
import time
from dataclasses import dataclass, field
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime
from typing import Any, Callable
from urllib.parse import urljoin
from urllib.robotparser import RobotFileParser

import httpx

from ..errors import InputError
from ..settings import Settings
from .decode import html_charset, parse_content_type
from .items import Item

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
Resolver = Callable[..., list[tuple[Any, ...]]]

REDIRECTS = {301, 302, 303, 307, 308}
HTML_TYPES = {"text/html", "application/xhtml+xml"}
ROBOTS_MAX_CHARS = 500_000           # RFC 9309: parse at least the first 500 KiB
# The first matching category names the refusal; `not is_global` catches the rest (e.g. 100.64.0.0/10).
_FORBIDDEN = [("is_unspecified", "an unspecified"), ("is_loopback", "a loopback"), ("is_link_local", "a link-local"),
              ("is_multicast", "a multicast"), ("is_private", "a private"), ("is_reserved", "a reserved")]


_NAT64 = [ipaddress.ip_network("64:ff9b::/96"), ipaddress.ip_network("64:ff9b:1::/48")]


def embedded_ipv4(ip: IPAddress) -> list[ipaddress.IPv4Address]:
    """IPv4 addresses an IPv6 address routes to: 6to4 (2002::/16), Teredo (2001::/32, server and client),
    NAT64 (64:ff9b::/96 and 64:ff9b:1::/48) and the old IPv4-compatible form (::a.b.c.d)."""
    if not isinstance(ip, ipaddress.IPv6Address):
        return []
    found = []
    if ip.sixtofour:
        found.append(ip.sixtofour)
    if ip.teredo:
        found.extend(ip.teredo)
    low32 = ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    if any(ip in net for net in _NAT64) or (int(ip) >> 32 == 0 and int(ip) > 0xFFFF):
        found.append(low32)
    return found


class FetchError(InputError):
    """A URL could not be fetched; the message names the URL and the reason."""

    def __init__(self, item: str, reason: str, *, retry_after: float | None = None) -> None:
        super().__init__(item, reason)
        self.retry_after = retry_after     # what the server asked us to wait, so schedulers can honour it


@dataclass
class Response:
    url: str                          # final URL, after redirects
    status: int
    headers: dict[str, str]           # names lower-cased
    body: bytes
    content_type: str                 # without parameters, lower-cased
    charset: str | None               # as the Content-Type header states it
    etag: str | None
    last_modified: str | None
    not_modified: bool = False        # 304: the caller's copy is current; body is empty


@dataclass
class _Target:
    """One checked hop: the URL as asked and the addresses it may be fetched from."""
    url: httpx.URL
    host: str
    port: int
    addresses: list[str]


@dataclass
class _Budget:
    """Time left for one `get`; waits we choose (pacing, back-off) move the deadline, server time uses it up."""
    clock: Callable[[], float]
    sleep: Callable[[float], None]
    total_s: float
    deadline: float = field(init=False)

    def __post_init__(self) -> None:
        self.deadline = self.clock() + self.total_s

    def left(self) -> float:
        return self.deadline - self.clock()

    def pause(self, seconds: float) -> None:
        if seconds > 0:
            self.sleep(seconds)
            self.deadline += seconds


class Fetcher:
    """Fetches http(s) URLs politely and safely; use as a context manager or call `close()`."""

    def __init__(self, settings: Settings, *, sleep: Callable[[float], None] = time.sleep,
                 clock: Callable[[], float] = time.monotonic, resolver: Resolver = socket.getaddrinfo,
                 allow: tuple[str, ...] = ()) -> None:
        self.user_agent: str = settings["fetch.user_agent"]
        self.timeout_s: float = settings["fetch.timeout_s"]
        self.max_bytes: int = settings["fetch.max_bytes"]
        self.interval_s: float = settings["fetch.per_host_interval_s"]
        self.retries: int = settings["fetch.retries"]
        self.backoff_s: float = settings["fetch.backoff_s"]
        self.max_retry_after_s: float = settings["fetch.max_retry_after_s"]
        self.max_redirects: int = settings["fetch.max_redirects"]
        self.respect_robots: bool = settings["fetch.respect_robots"]
        # `allow` widens the allow list for one caller (the webhook sender's explicit loopback setting).
        self._allowed_hosts, self._allowed_nets = _parse_allow_list([*settings["fetch.allow_private"], *allow])
        self._sleep, self._clock, self._resolver = sleep, clock, resolver
        self._last_request: dict[str, float] = {}                    # host -> clock() of the last request
        self._robots: dict[str, RobotFileParser | None] = {}          # scheme://host:port -> rules; None allows all
        # No keep-alive: connections are keyed by IP, and one IP may serve many names (CDNs); trust_env=False
        # so that a proxy from the environment cannot sidestep the address check.
        self._client = httpx.Client(headers={"User-Agent": self.user_agent}, follow_redirects=False,
                                    trust_env=False, limits=httpx.Limits(max_keepalive_connections=0))

    def __enter__(self) -> "Fetcher":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._client.close()

    def get(self, url: str, *, etag: str | None = None, last_modified: str | None = None,
            accept: set[str] | None = None) -> Response:
        """Fetch one URL, following redirects; raises FetchError with the reason when it cannot."""
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        budget = _Budget(self._clock, self._sleep, 3 * self.timeout_s)
        return self._follow(url, headers, accept, budget, check_robots=self.respect_robots, retries=self.retries)

    def post_json(self, url: str, payload: Any) -> int:
        """POST `payload` as JSON to `url` once, through the same address check as every GET (redirects are not
        followed: a webhook address is the analyst's to fix); the 2xx status, or FetchError with the reason."""
        target = self._check(url)
        body = json.dumps(payload, ensure_ascii=False).encode("utf-8")
        send = {"Host": target.url.netloc.decode("ascii"), "Content-Type": "application/json"}
        try:
            answer = self._client.post(target.url.copy_with(host=target.addresses[0]), content=body, headers=send,
                                       timeout=self.timeout_s, extensions={"sni_hostname": target.host})
        except httpx.TimeoutException:
            raise FetchError(url, f"no answer within {self.timeout_s:g} s") from None
        except httpx.HTTPError as exc:
            raise FetchError(url, f"cannot connect ({exc or type(exc).__name__})") from None
        if not 200 <= answer.status_code < 300:
            reason = f"HTTP {answer.status_code} {httpx.codes.get_reason_phrase(answer.status_code)}".strip()
            raise FetchError(url, reason, retry_after=retry_after(answer.headers.get("retry-after")))
        return answer.status_code

    # -- hops -----------------------------------------------------------------------------------------------

    def _follow(self, url: str, headers: dict[str, str], accept: set[str] | None, budget: _Budget, *,
                check_robots: bool, retries: int) -> Response:
        current, seen = url, {url}
        for hop in range(self.max_redirects + 1):
            try:
                target = self._check(current)
                if check_robots and not self._robots_allow(target, budget):
                    raise FetchError(url, "disallowed by robots.txt")
                response = self._with_retries(target, headers, accept, budget, retries)
            except FetchError as exc:
                raise FetchError(url, exc.reason if hop == 0 else f"redirected to {current}: {exc.reason}") from None
            location = response.headers.get("location")
            if response.status not in REDIRECTS or not location:
                return _final(url, response)
            current = urljoin(current, location.strip())
            if current in seen:
                raise FetchError(url, f"too many redirects (a loop back to {current})")
            seen.add(current)
        raise FetchError(url, f"too many redirects (more than {self.max_redirects}, setting fetch.max_redirects)")

    def _check(self, url: str) -> _Target:
        """Parse, resolve and vet one hop; every address the name resolves to must be allowed."""
        try:
            parsed = httpx.URL(url)
        except httpx.InvalidURL as exc:
            raise FetchError(url, f"not a valid URL ({exc})") from None
        if parsed.scheme not in ("http", "https"):
            raise FetchError(url, f"unsupported scheme {parsed.scheme or '(none)'!r} (only http and https)")
        host = parsed.raw_host.decode("ascii").lower()
        if not host:
            raise FetchError(url, "no host in the URL")
        port = parsed.port or (443 if parsed.scheme == "https" else 80)
        addresses = self._resolve(url, host, port)
        if host not in self._allowed_hosts:
            for address in addresses:
                problem = self._forbidden(address)
                if problem:
                    raise FetchError(url, f"refused: {address} is {problem} address "
                                          "(add it to fetch.allow_private to allow)")
        return _Target(parsed, host, port, addresses)

    def _resolve(self, url: str, host: str, port: int) -> list[str]:
        try:
            return [str(ipaddress.ip_address(host.strip("[]")))]
        except ValueError:
            pass
        try:
            infos = self._resolver(host, port, type=socket.SOCK_STREAM)
        except (socket.gaierror, UnicodeError) as exc:
            raise FetchError(url, f"cannot resolve {host} ({exc})") from None
        addresses = list(dict.fromkeys(str(info[4][0]).split("%")[0] for info in infos))
        if not addresses:
            raise FetchError(url, f"cannot resolve {host} (no addresses)")
        return addresses

    def _forbidden(self, address: str) -> str | None:
        """Why an address may not be fetched, or None when it is public or allow-listed. An IPv6 address that
        carries an IPv4 one (mapped, compatible, 6to4, NAT64, Teredo) is judged by the IPv4 address too."""
        ip: IPAddress = ipaddress.ip_address(address)
        if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
            ip = ip.ipv4_mapped                   # ::ffff:127.0.0.1 is 127.0.0.1
        if any(ip in net for net in self._allowed_nets):
            return None
        for attribute, label in _FORBIDDEN:
            if getattr(ip, attribute):
                return label
        for inner in embedded_ipv4(ip):
            problem = self._forbidden(str(inner))
            if problem:
                return f"{problem} (carried inside {ip})"
        return None if ip.is_global else "a non-public"

    # -- robots.txt -----------------------------------------------------------------------------------------

    def _robots_allow(self, target: _Target, budget: _Budget) -> bool:
        key = f"{target.url.scheme}://{target.host}:{target.port}"
        if key not in self._robots:
            self._robots[key] = self._read_robots(str(target.url.copy_with(path="/robots.txt", query=None,
                                                                             fragment=None)), budget)
        rules = self._robots[key]
        return rules is None or rules.can_fetch(self.user_agent, str(target.url))

    def _read_robots(self, url: str, budget: _Budget) -> RobotFileParser | None:
        """The host's rules; a missing file or one that cannot be fetched allows everything."""
        try:
            response = self._follow(url, {}, None, budget, check_robots=False, retries=0)
        except FetchError:
            return None
        if response.not_modified or not 200 <= response.status < 300:
            return None
        rules = RobotFileParser(url)
        rules.parse(response.body.decode("utf-8", "replace")[:ROBOTS_MAX_CHARS].splitlines())
        return rules

    # -- one request, with retries --------------------------------------------------------------------------

    def _with_retries(self, target: _Target, headers: dict[str, str], accept: set[str] | None,
                      budget: _Budget, retries: int) -> Response:
        asked: float | None = None
        for attempt in range(retries + 1):
            address = target.addresses[attempt % len(target.addresses)]    # a retry tries the next address
            wait = self.backoff_s * 2 ** attempt
            try:
                response = self._once(target, address, headers, accept, budget)
            except httpx.TimeoutException:
                failure = f"no answer within {self.timeout_s:g} s"
            except httpx.TransportError as exc:
                failure = f"cannot connect ({exc or type(exc).__name__})"
            except httpx.HTTPError as exc:                 # e.g. a body that claims gzip but is not
                raise FetchError(str(target.url), f"unreadable response ({exc})") from None
            else:
                if response.status != 429 and not 500 <= response.status < 600:
                    return response
                failure = f"HTTP {response.status}"
                asked = retry_after(response.headers.get("retry-after"))
                if asked is not None:
                    if asked > self.max_retry_after_s:
                        raise FetchError(str(target.url), f"{failure}; the server asks to wait {asked:.0f} s, more "
                                                          f"than fetch.max_retry_after_s ({self.max_retry_after_s:g})",
                                         retry_after=asked)
                    wait = max(asked, 0.0)
            if budget.left() <= 0:
                raise FetchError(str(target.url), f"no answer within {budget.total_s:g} s ({failure})")
            if attempt < retries:
                budget.pause(wait)
        raise FetchError(str(target.url), f"{failure} after {retries} retries" if retries else failure,
                         retry_after=asked if failure.startswith("HTTP 429") else None)

    def _once(self, target: _Target, address: str, headers: dict[str, str], accept: set[str] | None,
              budget: _Budget) -> Response:
        """One request to one checked address; reads the body only for a successful answer."""
        self._pace(target.host, budget)
        left = budget.left()
        if left <= 0:
            raise FetchError(str(target.url), f"no answer within {budget.total_s:g} s")
        pinned = target.url.copy_with(host=address)
        send = {**headers, "Host": target.url.netloc.decode("ascii")}
        with self._client.stream("GET", pinned, headers=send, timeout=min(self.timeout_s, left),
                                 extensions={"sni_hostname": target.host}) as raw:
            response = _response(str(target.url), raw)
            if not 200 <= raw.status_code < 300:
                return response
            if accept is not None and response.content_type not in accept:
                raise FetchError(str(target.url), f"unexpected content type {response.content_type or '(none)'}")
            declared = response.headers.get("content-length", "")
            if declared.isdigit() and int(declared) > self.max_bytes:
                raise FetchError(str(target.url), self._too_large())
            chunks, size = [], 0
            for chunk in raw.iter_bytes():
                size += len(chunk)
                if size > self.max_bytes:
                    raise FetchError(str(target.url), self._too_large())
                if budget.left() <= 0:
                    raise FetchError(str(target.url), f"no answer within {budget.total_s:g} s")
                chunks.append(chunk)
            response.body = b"".join(chunks)
            return response

    def _pace(self, host: str, budget: _Budget) -> None:
        """Keep at least `fetch.per_host_interval_s` between two requests to one host."""
        last = self._last_request.get(host)
        if last is not None:
            budget.pause(last + self.interval_s - self._clock())
        self._last_request[host] = self._clock()

    def _too_large(self) -> str:
        return f"response larger than {_size(self.max_bytes)} (setting fetch.max_bytes)"


def _response(url: str, raw: httpx.Response) -> Response:
    headers = {name.lower(): value for name, value in raw.headers.items()}
    kind, charset = parse_content_type(headers.get("content-type"))
    return Response(url=url, status=raw.status_code, headers=headers, body=b"", content_type=kind, charset=charset,
                    etag=headers.get("etag"), last_modified=headers.get("last-modified"),
                    not_modified=raw.status_code == 304)


def _final(requested: str, response: Response) -> Response:
    """A 2xx or 304 is an answer; any other status is a named failure."""
    if response.not_modified or 200 <= response.status < 300:
        return response
    raise FetchError(requested, f"HTTP {response.status} {httpx.codes.get_reason_phrase(response.status)}".strip())


def _parse_allow_list(entries: list[str]) -> tuple[set[str], list[ipaddress.IPv4Network | ipaddress.IPv6Network]]:
    hosts, nets = set(), []
    for entry in entries:
        try:
            nets.append(ipaddress.ip_network(entry.strip(), strict=False))
        except ValueError:
            hosts.add(entry.strip().lower())
    return hosts, nets


def retry_after(value: str | None, now: datetime | None = None) -> float | None:
    """Seconds a Retry-After header asks for (delta-seconds or an HTTP-date), or None when absent or unreadable."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    return (when - (now or datetime.now(timezone.utc))).total_seconds()


def _size(n: int) -> str:
    if n >= 1_000_000:
        return f"{n / 1e6:.1f} MB"
    return f"{n / 1e3:.1f} kB" if n >= 1_000 else f"{n} bytes"


def fetch_item(fetcher: Fetcher, url: str, **kw: Any) -> Item | None:
    """Fetch a URL into an Item for `store_item`; None when the server says our copy is current (304)."""
    response = fetcher.get(url, **kw)
    if response.not_modified:
        return None
    charset = response.charset
    if response.content_type in HTML_TYPES:
        charset = html_charset(response.url, response.body, declared=charset)
    meta = {"http_status": str(response.status),
            "fetched_at": datetime.now(timezone.utc).isoformat(timespec="seconds")}
    if response.etag:
        meta["etag"] = response.etag
    if response.last_modified:
        meta["last_modified"] = response.last_modified
    return Item(raw=response.body, content_type=response.content_type or "application/octet-stream",
                origin=url, url=response.url, charset=charset, meta=meta)
