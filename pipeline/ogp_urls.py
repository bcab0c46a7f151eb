"""OGP web addresses: reading member and commitment keys out of them.

Commitment pages live at `https://www.opengovpartnership.org/[es/|fr/]members/<member>/
commitments/<ID>/`; sources write them with or without `www.`, the language prefix and
the trailing slash, and with the ID in either case.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import unquote

from pipeline.textutil import COMMITMENT_ID

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
    match = _COMMITMENT_URL.match(url)
    if match:
        return OgpAddress(
            member_id=unquote(match.group("member")).lower(),
            commitment_id=match.group("id").upper(),
            language=(match.group("lang") or "en").lower(),
        )
    match = _MEMBER_URL.match(url)
    if match:
        return OgpAddress(
            member_id=unquote(match.group("member")).lower(),
            commitment_id=None,
            language=(match.group("lang") or "en").lower(),
        )
    return None
