"""What a crawl is asked to do, and how politely: one value object the command, the
Dagster asset and the tests build, so every caller gets the same defaults."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

DEFAULT_SITE = "https://www.opengovpartnership.org"
LANGUAGES = ("en", "es", "fr")
#: Names the project and where to reach its maintainers, as a polite crawler does.
USER_AGENT = "ogp-commitments-fetch/0.1 (+https://github.com/ogp-commitments/ogp-commitments)"
#: The robots.txt group name the crawler answers to.
ROBOTS_AGENT = "ogp-commitments-fetch"


def _backoff() -> float:
    """Base of the exponential backoff, in seconds (tests shorten it)."""
    return float(os.environ.get("OGP_FETCH_BACKOFF", "1"))


@dataclass(frozen=True)
class FetchSettings:
    """One crawl: where from, where to, which members and languages, how fast."""

    site: str = DEFAULT_SITE
    snapshots: Path = Path("snapshots")
    export_urls: tuple[str, ...] = ()
    members: tuple[str, ...] = ()  # empty: every member the directory lists
    languages: tuple[str, ...] = LANGUAGES
    rate: float = 1.0  # requests per second to one host (robots.txt Crawl-delay wins if slower)
    max_failures: float = 0.05  # of the addresses attempted
    timeout: float = 30.0  # seconds, to connect and between reads
    max_bytes: int = 20_000_000
    retries: int = 3  # extra tries on 429, 5xx, timeouts and connection errors
    max_retry_after: float = 300.0  # a longer Retry-After is a failure, not a wait
    backoff: float = field(default_factory=_backoff)
    max_redirects: int = 5

    def __post_init__(self) -> None:
        if self.rate <= 0:
            raise ValueError(f"rate must be above 0 requests per second, not {self.rate}")
        if not 0 <= self.max_failures <= 1:
            raise ValueError(
                f"max failures must be a fraction from 0 to 1, not {self.max_failures}"
            )
        unknown = sorted(set(self.languages) - set(LANGUAGES))
        if unknown or not self.languages:
            raise ValueError(f"languages must be among {', '.join(LANGUAGES)}: {unknown}")
        if self.timeout <= 0 or self.max_bytes <= 0 or self.retries < 0:
            raise ValueError("timeout and max bytes must be above 0, retries 0 or more")
