"""Regenerate `pipeline/vocab/member_names.csv` from `members.csv` and pycountry's locales.

Why a script: the Spanish and French names of national members come from pycountry's
gettext catalogues (domain `iso3166-1`), which are long and versioned with pycountry; the
few OGP-style spellings that differ from them are listed below. Local members
(`City, Country`) get the city as written plus the country in each language. Rerun after
editing `members.csv` or this file: `.venv/bin/python scripts/build_member_names.py`.
"""

from __future__ import annotations

import csv
import gettext
from collections.abc import Iterator
from pathlib import Path

import pycountry

from pipeline.textutil import fold

VOCAB = Path(__file__).resolve().parents[1] / "pipeline" / "vocab"
LANGUAGES = ("es", "fr")

# OGP-style spellings beside pycountry's, first in each list (member_id → language → names).
EXTRA: dict[str, dict[str, list[str]]] = {
    "burkina-faso": {"es": ["Burkina Faso"]},
    "cote-d'ivoire": {
        "en": ["Côte d'Ivoire"],
        "es": ["Costa de Marfil", "Côte d'Ivoire"],
    },
    "czech-republic": {"es": ["República Checa"], "fr": ["République tchèque"]},
    "el-salvador": {"fr": ["El Salvador"]},
    "kyrgyz-republic": {
        "es": ["República Kirguisa", "Kirguistán"],
        "fr": ["République kirghize", "Kirghizistan"],
    },
    "moldova": {"es": ["Moldavia", "Moldova"], "fr": ["Moldavie", "Moldova"]},
    "north-macedonia": {"en": ["Macedonia"], "es": ["Macedonia"], "fr": ["Macédoine"]},
    "republic-of-korea": {
        "es": ["República de Corea", "Corea del Sur"],
        "fr": ["République de Corée", "Corée du Sud"],
    },
    "slovakia": {
        "en": ["Slovak Republic"],
        "es": ["Eslovaquia", "República Eslovaca"],
        "fr": ["Slovaquie", "République slovaque"],
    },
    "tanzania": {"es": ["Tanzania"], "fr": ["Tanzanie"]},
    "tunisia": {"es": ["Túnez"]},
    "united-kingdom": {"es": ["Reino Unido"], "fr": ["Royaume-Uni"]},
    "united-states": {"es": ["Estados Unidos"], "fr": ["États-Unis"]},
}


def read_members() -> list[dict[str, str]]:
    """The reference members, as `members.csv` lists them."""
    with (VOCAB / "members.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def pycountry_names(alpha_3: str, language: str) -> list[str]:
    """A country's short and common name translated; `Name, Republic of` inversions left out."""
    country = pycountry.countries.get(alpha_3=alpha_3)
    if country is None:
        return []
    catalogue = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[language])
    english = [country.name, getattr(country, "common_name", None)]
    names = [catalogue.gettext(name) for name in english if name]
    return [name for name in names if "," not in name]


def national_names(member: dict[str, str]) -> Iterator[tuple[str, str]]:
    """(language, name) pairs of a national member: OGP's name, extras, pycountry's."""
    extra = EXTRA.get(member["member_id"], {})
    yield "en", member["name"]
    for name in extra.get("en", []):
        yield "en", name
    for language in LANGUAGES:
        for name in extra.get(language, []) + pycountry_names(member["country_code"], language):
            yield language, name


def local_names(
    member: dict[str, str], country_names: dict[tuple[str, str], str]
) -> Iterator[tuple[str, str]]:
    """(language, name) pairs of a local member: `City, Country` per language, and the city."""
    city = member["name"].rsplit(",", 1)[0].strip()
    yield "en", member["name"]
    yield "en", city
    for language in LANGUAGES:
        country = country_names.get((member["country_code"], language))
        if country:
            yield language, f"{city}, {country}"


def name_rows(members: list[dict[str, str]]) -> list[dict[str, str]]:
    """Every (member, language, name), one spelling per folded name within a member/language."""
    country_names: dict[tuple[str, str], str] = {}
    for member in members:
        if member["member_type"] == "national":
            for language, name in national_names(member):
                country_names.setdefault((member["country_code"], language), name)
    rows: list[dict[str, str]] = []
    seen: set[tuple[str, str, str]] = set()
    for member in members:
        if member["member_type"] == "national":
            pairs = national_names(member)
        else:
            pairs = local_names(member, country_names)
        for language, name in pairs:
            key = (member["member_id"], language, fold(name))
            if key not in seen:
                seen.add(key)
                rows.append({"member_id": member["member_id"], "language": language, "name": name})
    return rows


def write_member_names(path: Path) -> int:
    """Write the names to `path`, sorted by member and language, OGP's spelling first."""
    order = {"en": 0, "es": 1, "fr": 2}
    rows = name_rows(read_members())
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, ["member_id", "language", "name"], lineterminator="\n")
        writer.writeheader()
        writer.writerows(sorted(rows, key=lambda r: (r["member_id"], order[r["language"]])))
    return len(rows)


def main() -> None:
    path = VOCAB / "member_names.csv"
    print(f"{path}: {write_member_names(path)} names")


if __name__ == "__main__":
    main()
