"""HTML pages → the plain-text rendition the page reader parses.

A commitment page arrives either as served (HTML) or as a text rendition of the same
page; both must give the same record, so HTML is rendered to text the way a browser
lays it out (block elements on their own lines, via inscriptis) and then read by the
one text parser. The page's canonical address and language come from its markup.
"""

from __future__ import annotations

from dataclasses import dataclass

import lxml.html
from inscriptis import get_text
from inscriptis.model.config import ParserConfig

_CONFIG = ParserConfig(display_links=False, display_images=False)


@dataclass(frozen=True)
class RenderedPage:
    text: str
    canonical_url: str | None
    language: str | None


def _first(values: list[str]) -> str | None:
    for value in values:
        if value and value.strip():
            return value.strip()
    return None


def render_html(html: str) -> RenderedPage:
    """Text of an HTML page as a browser shows it, plus its canonical URL and `lang`."""
    text = get_text(html, _CONFIG)
    try:
        tree = lxml.html.document_fromstring(html.encode("utf-8"))
    except (lxml.etree.ParserError, ValueError):
        return RenderedPage(text=text, canonical_url=None, language=None)
    canonical = _first(
        tree.xpath("//link[translate(@rel,'CANONICAL','canonical')='canonical']/@href")
        + tree.xpath("//meta[@property='og:url']/@content")
    )
    language = _first(tree.xpath("/html/@lang"))
    return RenderedPage(
        text=text,
        canonical_url=canonical,
        language=language.split("-")[0].lower() if language else None,
    )
