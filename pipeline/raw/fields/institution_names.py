"""What identifies one institution name: its key and its acronym.

The key is what two spellings of one body share, so that `Ministry of Finance (MoF)`,
`MINISTRY OF FINANCE`, `The Ministry of Finance` and `Ministry of Finance.` are one
institution of their member: case, accents, punctuation, a leading article and a trailing
acronym in brackets (or slashes: `Ministry of E-Government /MEG/`) do not count. The
acronym lets a name written only as one (`MoF`) join the body that spells it out, within
the same member (pipeline/core/sql/commitment_institutions.sql).
"""

from __future__ import annotations

import hashlib
import re
from functools import lru_cache

from pipeline.raw.fields.institution_kinds import institution_kind, international_body
from pipeline.textutil import slug, squash

# A trailing `(MoF)`, `[MoF]` or `/MEG/`: 2 to 12 letters, digits, `&`, `-` or `.`.
_TRAILING_ACRONYM = re.compile(r"\s*(?:\(([^()]{2,15})\)|\[([^\[\]]{2,15})\]|/([^/ ]{2,12})/)\s*$")
# Bracketed words that are notes, not acronyms (`Parliamentary Budget Officer (TBC)`).
_NOT_ACRONYMS = frozenset({"tbc", "tbd", "na", "n/a", "etc", "tba", "tv"})
_LEADING_ARTICLE = re.compile(r"^(?:the|el|la|los|las|le|les|l['’]\s*)\s*(?=\w)", re.IGNORECASE)


def is_acronym(text: str) -> bool:
    """One word of 2-12 letters (or digits, `&`, `-`, `.`) with two capitals or more:
    `MoF`, `IPFK`, `CoG`, `U.N.`; not `Senate`, `Knesset` or `TBC`-like notes."""
    text = text.strip()
    return (
        2 <= len(text) <= 12
        and " " not in text
        and bool(re.fullmatch(r"[\w&.\-]+", text))
        and sum(c.isupper() for c in text) >= 2
        and any(c.isalpha() for c in text)
        and text.lower() not in _NOT_ACRONYMS
    )


@lru_cache(maxsize=65536)
def split_acronym(name: str) -> tuple[str, str | None]:
    """`Council of Governors (CoG)` → (`Council of Governors`, `CoG`); a name that is an
    acronym alone (`MoF`) → (`MoF`, `MoF`); otherwise (name, None). Cached: the key, the
    acronym, the raw columns and the splitter all ask, name after name."""
    name = squash(name)
    match = _TRAILING_ACRONYM.search(name)
    if match and match.start() > 0:
        acronym = next(group for group in match.groups() if group is not None).strip()
        if is_acronym(acronym):
            return name[: match.start()].strip(), acronym
    if is_acronym(name):
        return name, name
    return name, None


def name_key(name: str) -> str:
    """The key two spellings of one body share (slug of the name less a leading article
    and a trailing acronym). A name with no Latin letter or digit to spell one from
    (`Министерство финансов`) gets `institution-` and a digest of the name. Never empty."""
    base, _ = split_acronym(name)
    key = slug(_LEADING_ARTICLE.sub("", base)) or slug(base)
    return key or "institution-" + hashlib.sha256(base.encode("utf-8")).hexdigest()[:12]


def acronym_key(name: str) -> str | None:
    """Key of the name's acronym (`Ministry of Finance (MoF)` → `mof`), if it has one."""
    _, acronym = split_acronym(name)
    return (slug(acronym) or None) if acronym else None


def institution_columns(name: str) -> dict[str, str | None]:
    """The raw institution columns describing one name (pipeline/raw/tables.py): its key,
    the name less its trailing acronym, the acronym, its kind, and the international body
    it is, if one."""
    base, acronym = split_acronym(name)
    return {
        "name": name,
        "name_key": name_key(name),
        "base_name": base,
        "acronym": acronym,
        "acronym_key": acronym_key(name),
        "kind": institution_kind(name),
        "international_key": international_body(name),
    }
