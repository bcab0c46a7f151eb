"""robots.txt, read first and honoured: Disallow, Crawl-delay and Sitemap lines (protego).

As RFC 9309 says: a robots.txt that is missing (4xx) allows everything; one the server
fails to give (5xx, unreachable) allows nothing, since its rules are unknown.
"""

from __future__ import annotations

from dataclasses import dataclass

from protego import Protego

from pipeline.fetch.client import Client, Failure
from pipeline.fetch.settings import ROBOTS_AGENT


@dataclass
class Robots:
    """The site's rules for this crawler."""

    parsed: Protego | None
    allow_all: bool = False
    reason: str | None = None  # why nothing is allowed

    def allows(self, url: str) -> bool:
        if self.parsed is None:
            return self.allow_all
        return bool(self.parsed.can_fetch(url, ROBOTS_AGENT))

    @property
    def crawl_delay(self) -> float | None:
        delay = self.parsed.crawl_delay(ROBOTS_AGENT) if self.parsed else None
        return float(delay) if delay is not None else None

    @property
    def sitemaps(self) -> list[str]:
        return list(self.parsed.sitemaps) if self.parsed else []


def read_robots(client: Client, root: str) -> Robots:
    """The rules at `<root>/robots.txt`."""
    got = client.get(f"{root}/robots.txt")
    if isinstance(got, Failure):
        if got.status is not None and 400 <= got.status < 500:
            return Robots(None, allow_all=True)
        return Robots(None, reason=f"robots.txt could not be read ({got.reason})")
    text = got.body.decode("utf-8", errors="replace")
    return Robots(Protego.parse(text))
