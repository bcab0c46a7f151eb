"""Links of a page and entries of a sitemap; a hostile sitemap yields nothing."""

from __future__ import annotations

from pipeline.fetch.links import page_links, sitemap_locations

NS = 'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"'


def test_page_links_are_every_anchor_href_in_order() -> None:
    html = b'<html><body><a href="/a/">A</a><p><a href="b?x=1#y">B</a><a>no href</a></body></html>'
    assert page_links(html) == ["/a/", "b?x=1#y"]
    assert page_links(b"") == [] and page_links(b"plain text, no markup") == []


def test_a_sitemap_lists_pages_and_an_index_lists_sitemaps() -> None:
    urlset = f"<urlset {NS}><url><loc> https://h.org/a/ </loc></url><url><loc>https://h.org/b/</loc></url></urlset>"
    index = f"<sitemapindex {NS}><sitemap><loc>https://h.org/s1.xml</loc></sitemap></sitemapindex>"
    assert sitemap_locations(urlset.encode()) == (["https://h.org/a/", "https://h.org/b/"], [])
    assert sitemap_locations(index.encode()) == ([], ["https://h.org/s1.xml"])
    assert sitemap_locations(b"<html><body>not a sitemap</body></html>") == ([], [])


def test_a_hostile_sitemap_is_refused_not_expanded() -> None:
    laughs = (
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>'
        b"<urlset><url><loc>&lol2;</loc></url></urlset>"
    )
    assert sitemap_locations(laughs) == ([], [])
