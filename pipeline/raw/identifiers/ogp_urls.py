"""OGP web addresses: reading member and commitment keys out of them.

Commitment pages live at `https://www.opengovpartnership.org/[es/|fr/]members/<member>/
commitments/<ID>/`; sources write them with or without `www.`, the language prefix and
the trailing slash, and with the ID in either case.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import unquote

from pipeline.textutil import COMMITMENT_ID, MEMBER_ID_RE, member_slug

_COMMITMENT_URL = re.compile(
    r"^https?://(?:www\.)?opengovpartnership\.org/(?:(?P<lang>[a-z]{2})/)?"
    rf"members/(?P<member>[^/?#]+)/commitments/(?P<id>{COMMITMENT_ID})/?(?:[?#].*)?$",
    re.IGNORECASE,
)
_MEMBER_URL = re.compile(
    r"^https?://(?:www\.)?opengovpartnership\.org/(?:(?P<lang>[a-z]{2})/)?"
    r"members/(?P<member>[^/?#]+)/?",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class OgpAddress:
    member_id: str
    commitment_id: str | None
    language: str | None


def parse_ogp_url(url: str | None) -> OgpAddress | None:
    """Member slug (and commitment ID, language) of an OGP member or commitment address."""
    if not url:
        return None
    url = url.strip()
    match = _COMMITMENT_URL.match(url) or _MEMBER_URL.match(url)
    if not match:
        return None
    member = _member_id(match.group("member"))
    if member is None:
        return None
    found = match.groupdict().get("id")
    return OgpAddress(
        member_id=member,
        commitment_id=found.upper() if found else None,
        language=(match.group("lang") or "en").lower(),
    )


def _member_id(segment: str) -> str | None:
    """The member slug of an address' path segment, held to the contract's pattern: a
    segment that is no slug (`c%C3%B4te-d%27ivoire`, `..%2F..%2Fx`) is spelled as one
    (`cote-d'ivoire`, `x`), or, when nothing of it is left, none."""
    member = unquote(segment).lower()
    if MEMBER_ID_RE.match(member):
        return member
    spelled = member_slug(member)
    return spelled if MEMBER_ID_RE.match(spelled) else None
