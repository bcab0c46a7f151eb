"""OGP web addresses as the crawler meets them: every form of one page normalised to one
address, and told apart (members directory, member page, commitment page).

Links write the same page many ways (docs/sources.md §4): with or without `www.`, http or
https, with or without the final slash, the ID in either case, with a query or fragment.
One address per page is what makes "fetch again only what changed" and "never twice"
possible. The host is the site's (any host for tests), never hard-coded.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal
from urllib.parse import quote, unquote, urljoin, urlsplit, urlunsplit

from pipeline.textutil import COMMITMENT_ID, MEMBER_ID_RE

Kind = Literal["directory", "member", "commitment", "export", "other"]
DIRECTORY_PATH = "our-members/"
_LANGUAGE = r"(?:(?P<lang>es|fr)/)?"
_COMMITMENT = re.compile(
    rf"^/{_LANGUAGE}members/(?P<member>[^/]+)/commitments/(?P<id>{COMMITMENT_ID})/?$",
    re.IGNORECASE,
)
_MEMBER = re.compile(rf"^/{_LANGUAGE}members/(?P<member>[^/]+)/?$", re.IGNORECASE)
_DIRECTORY = re.compile(rf"^/{_LANGUAGE}our-members/?$", re.IGNORECASE)


@dataclass(frozen=True)
class Site:
    """The crawled site: its scheme and host (with port); `www.` and bare host are one."""

    scheme: str
    host: str

    @classmethod
    def of(cls, url: str) -> Site:
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise ValueError(f"not an http(s) address: {url!r}")
        return cls(parts.scheme, parts.netloc.lower())

    @property
    def root(self) -> str:
        return f"{self.scheme}://{self.host}"

    def same_host(self, netloc: str) -> bool:
        """Whether a link's host is the site's, `www.` or not."""
        return _bare(netloc.lower()) == _bare(self.host)


def _bare(netloc: str) -> str:
    return netloc[4:] if netloc.startswith("www.") else netloc


@dataclass(frozen=True)
class Address:
    """One page, normalised: its URL, what it is, its language, member and commitment."""

    url: str
    kind: Kind
    language: str = "en"
    member: str | None = None
    commitment_id: str | None = None


def classify(site: Site, path: str) -> Address:
    """The address of a path on the site (already normalised by `normalise`)."""
    url = site.root + path
    if match := _COMMITMENT.match(path):
        language = (match.group("lang") or "en").lower()
        member, found = match.group("member"), match.group("id").upper()
        return Address(url, "commitment", language, member, found)
    if match := _MEMBER.match(path):
        return Address(url, "member", (match.group("lang") or "en").lower(), match.group("member"))
    if match := _DIRECTORY.match(path):
        return Address(url, "directory", (match.group("lang") or "en").lower())
    return Address(url, "other")


def page(
    site: Site,
    kind: Kind,
    language: str,
    member: str | None = None,
    commitment_id: str | None = None,
) -> Address:
    """The one address of a directory, member or commitment page in a language: the
    language prefix (none for English), the member slug in lower case, the ID in upper
    case, the final slash."""
    prefix = "" if language == "en" else f"{language}/"
    if kind == "commitment":
        path = f"/{prefix}members/{(member or '').lower()}/commitments/{commitment_id}/"
    elif kind == "member":
        path = f"/{prefix}members/{(member or '').lower()}/"
    elif kind == "directory":
        path = f"/{prefix}{DIRECTORY_PATH}"
    else:
        raise ValueError(f"no page address of kind {kind!r}")
    return classify(site, path)


def normalise(site: Site, link: str, base: str | None = None) -> Address | None:
    """The one address of a link on the site; None for a link to another host or scheme.

    Relative links resolve against `base`; the query and fragment go; a page address gets
    its final slash, its commitment ID in upper case and its member slug in lower case.
    """
    absolute = urljoin(base or site.root + "/", link.strip())
    parts = urlsplit(absolute)
    if parts.scheme not in ("http", "https") or not site.same_host(parts.netloc):
        return None
    path = re.sub(r"/{2,}", "/", quote(unquote(parts.path or "/"), safe="/-._~%!$&'()*+,;=:@"))
    found = classify(site, path)
    if found.kind == "other":
        return found
    return page(site, found.kind, found.language, found.member, found.commitment_id)


def in_language(site: Site, address: Address, language: str) -> Address:
    """The same member or commitment page (or the directory) in another language."""
    if address.kind not in ("directory", "member", "commitment"):
        return address
    return page(site, address.kind, language, address.member, address.commitment_id)


def member_page(site: Site, slug: str, language: str) -> Address:
    """A member's page, from its slug (`--members`)."""
    return page(site, "member", language, slug)


def is_member_slug(slug: str) -> bool:
    return bool(MEMBER_ID_RE.match(slug))


def export_address(url: str) -> Address:
    """A bulk file's address, kept as given but for the fragment."""
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ValueError(f"not an http(s) address: {url!r}")
    return Address(
        urlunsplit((parts.scheme, parts.netloc.lower(), parts.path or "/", parts.query, "")),
        "export",
    )
