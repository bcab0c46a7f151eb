"""HTML pages → the plain-text rendition the page reader parses.

A commitment page arrives either as served (HTML) or as a text rendition of the same
page; both must give the same record, so HTML is rendered to text the way a browser
lays it out (block elements on their own lines, via inscriptis) and then read by the
one text parser. Site navigation menus and the page footer are left out, as a text
rendition of the page leaves them out: their links would otherwise be read as part of
the member line, the description or the last status-summary section. The page's
canonical address and language come from its markup.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import lxml.etree
import lxml.html
from inscriptis import Inscriptis
from inscriptis.model.config import ParserConfig

_CONFIG = ParserConfig(display_links=False, display_images=False)
_XML_DECLARATION = re.compile(r"^<\?xml [^>]+?\?>")
# Site chrome that is not part of the page's content (menus, footer, no-script notices).
_CHROME_XPATH = (
    "//nav | //footer | //noscript | //template"
    " | //*[@role='navigation'] | //*[@role='contentinfo']"
)


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


def _parse(html: str) -> lxml.html.HtmlElement | None:
    """The document tree of `html`, parsed from the str (no encoding guessed) like inscriptis."""
    html = _XML_DECLARATION.sub("", html.strip(), count=1)
    if not html:
        return None
    try:
        return lxml.html.document_fromstring(html)
    except (lxml.etree.ParserError, ValueError):
        return lxml.html.document_fromstring("<pre>" + html + "</pre>")


def _drop_site_chrome(tree: lxml.html.HtmlElement) -> None:
    """Remove menus and the footer in place (text after them, their `tail`, is kept)."""
    for element in tree.xpath(_CHROME_XPATH):
        if element.getparent() is not None:
            element.drop_tree()


def render_html(html: str) -> RenderedPage:
    """Text of an HTML page as a browser shows its content, plus its canonical URL and `lang`."""
    tree = _parse(html)
    if tree is None:
        return RenderedPage(text="", canonical_url=None, language=None)
    canonical = _first(
        tree.xpath("//link[translate(@rel,'CANONICAL','canonical')='canonical']/@href")
        + tree.xpath("//meta[@property='og:url']/@content")
    )
    language = _first(tree.xpath("/html/@lang"))
    _drop_site_chrome(tree)
    return RenderedPage(
        text=Inscriptis(tree, _CONFIG).get_text(),
        canonical_url=canonical,
        language=language.split("-")[0].lower() if language else None,
    )
