"""The crawl: robots.txt, sitemaps, then links from the members directory to member pages
to commitment pages in each language, and the bulk files; every response recorded in the
snapshot store; a report of what happened and whether it is good enough.

Only addresses on the site's host (and the bulk files' hosts) are requested; a member or
commitment page found in one language is also fetched in the others. Each address is
fetched once per crawl, conditionally when a snapshot of it exists.
"""

from __future__ import annotations

import re
from collections import Counter, deque
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from urllib.parse import urlsplit

from pipeline.fetch.addresses import (
    Address,
    Site,
    export_address,
    in_language,
    member_page,
    normalise,
    page,
)
from pipeline.fetch.client import Client, Failure, Response
from pipeline.fetch.links import page_links, sitemap_locations
from pipeline.fetch.robots import Robots, read_robots
from pipeline.fetch.settings import FetchSettings
from pipeline.fetch.snapshots import SnapshotStore

#: Sitemaps read at most (an index may list more): enough for any site of OGP's size.
MAX_SITEMAPS = 50
FOLLOWED = ("directory", "member", "sitemap")


@dataclass
class CrawlReport:
    """What a crawl did, for the summary, the exit code and the Dagster metadata."""

    site: str
    snapshots: str
    seen: int = 0
    fetched: int = 0
    new: int = 0
    unchanged: int = 0
    not_modified: int = 0
    failed: Counter[str] = field(default_factory=Counter)
    skipped_robots: int = 0
    offsite_ignored: int = 0
    bytes_written: int = 0
    requests: int = 0
    stopped: str | None = None  # why nothing could be crawled at all
    failures: list[tuple[str, str]] = field(default_factory=list)  # (url, reason)

    @property
    def attempted(self) -> int:
        return self.fetched + self.not_modified + sum(self.failed.values())

    def ok(self, max_failures: float) -> bool:
        """Good enough: something fetched, and failures within the allowed share."""
        if self.stopped or self.fetched + self.not_modified == 0:
            return False
        return sum(self.failed.values()) <= max_failures * self.attempted

    def summary(self) -> str:
        failed = sum(self.failed.values())
        reasons = ", ".join(f"{r} {n}" for r, n in sorted(self.failed.items()))
        lines = [
            f"fetch {'stopped' if self.stopped else 'complete'}: {self.site} -> {self.snapshots}",
            f"  addresses seen {self.seen}; fetched (200) {self.fetched} (new {self.new}, "
            f"unchanged {self.unchanged}); not modified (304) {self.not_modified}",
            f"  failed {failed}{': ' + reasons if reasons else ''}; skipped by robots.txt "
            f"{self.skipped_robots}; off-site links ignored {self.offsite_ignored}",
        ]
        if self.stopped:
            lines.append(f"  {self.stopped}")
        return "\n".join(lines)


def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


class Crawl:
    """One crawl of one site into one snapshots folder."""

    def __init__(self, settings: FetchSettings, clock: Callable[[], str] = _now) -> None:
        self.settings = settings
        self.site = Site.of(settings.site)
        self.exports = [export_address(url) for url in settings.export_urls]
        self.hosts = {urlsplit(e.url).netloc for e in self.exports}
        self.store = SnapshotStore(settings.snapshots)
        self.clock = clock
        self.report = CrawlReport(settings.site, str(settings.snapshots))
        self.queue: deque[Address] = deque()
        self.seen: set[str] = set()
        self.offsite: set[str] = set()

    def allowed_host(self, url: str) -> bool:
        netloc = urlsplit(url).netloc.lower()
        return self.site.same_host(netloc) or netloc in self.hosts

    def run(self) -> CrawlReport:
        client = Client(self.settings, self.allowed_host)
        try:
            robots = read_robots(client, self.site.root)
            if robots.reason:
                self.report.stopped = robots.reason
                return self.report
            if robots.crawl_delay:
                client.pacer.slow_down(self.site.host, robots.crawl_delay)
            self._seed(client, robots)
            while self.queue:
                self._visit(client, robots, self.queue.popleft())
        finally:
            self.report.requests = client.requests
            client.close()
        return self.report

    def _seed(self, client: Client, robots: Robots) -> None:
        for sitemap in robots.sitemaps[:MAX_SITEMAPS]:
            self._read_sitemap(client, robots, sitemap, depth=0)
        if self.settings.members:
            for slug in self.settings.members:
                for language in self.settings.languages:
                    self._enqueue(member_page(self.site, slug, language))
        else:
            for language in self.settings.languages:
                self._enqueue(page(self.site, "directory", language))
        for export in self.exports:
            self._enqueue(export)

    def _read_sitemap(self, client: Client, robots: Robots, url: str, depth: int) -> None:
        """Queue the pages a sitemap lists (an index's sitemaps too, two levels deep)."""
        if depth > 2 or not self.allowed_host(url) or not robots.allows(url):
            return
        got = client.get(url)
        if isinstance(got, Failure):
            self.report.failed[f"sitemap {got.reason}"] += 1
            return
        listed, nested = sitemap_locations(got.body)
        for location in listed:
            self._link(location, url)
        for child in nested[:MAX_SITEMAPS]:
            self._read_sitemap(client, robots, child, depth + 1)

    def _in_scope(self, address: Address) -> bool:
        if address.kind == "export":
            return True
        if address.kind not in ("directory", "member", "commitment"):
            return False
        if address.language not in self.settings.languages:
            return False
        members = self.settings.members
        return not (members and address.kind != "directory" and address.member not in members)

    def _enqueue(self, address: Address) -> None:
        if address.url in self.seen or not self._in_scope(address):
            return
        self.seen.add(address.url)
        self.report.seen += 1
        self.queue.append(address)
        if address.kind == "commitment":
            for language in self.settings.languages:
                self._enqueue(in_language(self.site, address, language))

    def _link(self, link: str, base: str) -> None:
        address = normalise(self.site, link, base)
        if address is None:
            target = urlsplit(link.strip())
            elsewhere = target.scheme in ("http", "https") and bool(target.netloc)
            if elsewhere and target.geturl() not in self.offsite:
                self.offsite.add(target.geturl())
                self.report.offsite_ignored += 1
            return
        self._enqueue(address)

    def _visit(self, client: Client, robots: Robots, address: Address) -> None:
        if not robots.allows(address.url):
            self.report.skipped_robots += 1
            return
        last = self.store.last_good(address.url)
        headers = {}
        if last and last.get("etag"):
            headers["If-None-Match"] = str(last["etag"])
        if last and last.get("last_modified"):
            headers["If-Modified-Since"] = str(last["last_modified"])
        checked_at = self.clock()
        got = client.get(address.url, headers)
        if isinstance(got, Failure):
            self._failed(address, got.reason, got.status, checked_at)
            return
        if got.status == 304:
            if not last:  # a 304 to an unconditional request: nothing to keep
                self._failed(address, "http 304 without a snapshot", 304, checked_at)
                return
            self.store.not_modified(
                address.url, final_url=got.final_url, headers=got.headers, checked_at=checked_at
            )
            self.report.not_modified += 1
            if address.kind not in FOLLOWED:
                return  # a commitment page or a bulk file: no links to read again
            body = self.store.body_of(address.url, last)
        else:
            problem = soft_error(address, got)
            if problem:
                self._failed(address, problem, got.status, checked_at)
                return
            entry = self.store.store(
                address.url, final_url=got.final_url, status=got.status,
                headers=got.headers, body=got.body, checked_at=checked_at, kind=address.kind,
            )  # fmt: skip
            self.report.fetched += 1
            if entry["outcome"] == "new":
                self.report.new += 1
                self.report.bytes_written += len(got.body)
            else:
                self.report.unchanged += 1
            body = got.body
        if address.kind in FOLLOWED:
            for link in page_links(body):
                self._link(link, got.final_url)

    def _failed(self, address: Address, reason: str, status: int | None, at: str) -> None:
        self.store.failed(address.url, reason=reason, status=status, checked_at=at)
        self.report.failed[reason] += 1
        self.report.failures.append((address.url, reason))


def soft_error(address: Address, response: Response) -> str | None:
    """Why a 200 is an error in disguise, or None: a commitment address must hold its
    `Title (ID)` line (a "page not found" page or a login wall served as 200 does not)."""
    if address.kind != "commitment":
        return None
    text = response.body.decode("utf-8", errors="replace")
    if re.search(rf"\(\s*{re.escape(address.commitment_id or '')}\s*\)", text, re.IGNORECASE):
        return None
    return "soft 404"


def crawl(settings: FetchSettings) -> CrawlReport:
    """Crawl the site into the snapshots folder; the report says what happened."""
    return Crawl(settings).run()
