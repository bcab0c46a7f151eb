"""Addresses a fetched document points to: `<a href>` links of an HTML page (lxml), and
`<loc>` entries of a sitemap or sitemap index (defusedxml: a sitemap is untrusted XML)."""

from __future__ import annotations

import lxml.html
from defusedxml import ElementTree
from lxml.etree import ParserError

_SITEMAP_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def page_links(body: bytes) -> list[str]:
    """Every `href` of an `<a>` in an HTML page, in page order (none if unparseable)."""
    if not body.strip():
        return []
    try:
        document = lxml.html.fromstring(body)
    except (ParserError, ValueError):
        return []
    return [href for href in document.xpath("//a/@href") if isinstance(href, str)]


def sitemap_locations(body: bytes) -> tuple[list[str], list[str]]:
    """(pages, nested sitemaps) a sitemap lists; both empty when it is not one."""
    try:
        root = ElementTree.fromstring(body)
    except Exception:  # defusedxml's refusals and any parse error: not a usable sitemap
        return [], []
    tag = root.tag.removeprefix(_SITEMAP_NS)
    locations = [
        (loc.text or "").strip()
        for loc in root.iter()
        if loc.tag.removeprefix(_SITEMAP_NS) == "loc" and (loc.text or "").strip()
    ]
    if tag == "sitemapindex":
        return [], locations
    if tag == "urlset":
        return locations, []
    return [], []
