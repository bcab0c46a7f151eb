"""ISO 3166 country codes for OGP members, from the export's `Code` or the member's name.

National members' export codes are ISO alpha-3 already (`GBR`); local members' codes are
the country's alpha-2 plus a place code (`GETB` = Georgia, Tbilisi). A page gives only
the name (`United Kingdom`, `Tbilisi, Georgia`), looked up in pycountry's ISO data.
"""

from __future__ import annotations

from functools import cache

import pycountry

from pipeline.textutil import fold


@cache
def _by_folded_name() -> dict[str, str]:
    names: dict[str, str] = {}
    for country in pycountry.countries:
        for attribute in ("name", "official_name", "common_name"):
            value = getattr(country, attribute, None)
            if value:
                names.setdefault(fold(value), country.alpha_3)
    return names


def code_for_name(name: str | None) -> str | None:
    """Alpha-3 of a country name, accents and case ignored; for `City, Country` the country part."""
    if not name:
        return None
    candidates = [name, name.rsplit(",", 1)[-1]] if "," in name else [name]
    for candidate in candidates:
        code = _by_folded_name().get(fold(candidate))
        if code:
            return code
    return None


def code_for_ogp_code(ogp_code: str | None) -> str | None:
    """Alpha-3 of OGP's member code: itself for an ISO alpha-3, the country of a local code."""
    if not ogp_code:
        return None
    ogp_code = ogp_code.strip().upper()
    if len(ogp_code) == 3 and pycountry.countries.get(alpha_3=ogp_code):
        return ogp_code
    if len(ogp_code) > 3:
        country = pycountry.countries.get(alpha_2=ogp_code[:2])
        if country:
            return str(country.alpha_3)
    return None
