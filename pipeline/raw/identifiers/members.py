"""The reference OGP members: one canonical English vocabulary, keyed by OGP's address slug.

Pages show a member's name translated (`Reino Unido`, `Royaume-Uni`, `Tbilisi, Géorgie`),
so a slug spelled from the shown name differs by language. `members.csv` names each member
once, in English as OGP writes it, under the slug of its OGP address (`united-kingdom`);
`member_names.csv` lists every spelling a source may show (English, Spanish, French) so
any of them resolves to that one member. When a source gives an OGP address, the slug in
the address wins over a name; the name lookup here is the fallback.

Plain CSV reading only (no Dagster or DuckDB), cached: the files never change in a run.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from pipeline.raw.identifiers.countries import code_for_name
from pipeline.raw.identifiers.ogp_urls import parse_ogp_url
from pipeline.textutil import fold, member_slug
from pipeline.vocabulary import read_vocab


@dataclass(frozen=True)
class Member:
    member_id: str
    name: str
    country_code: str | None
    member_type: str
    region: str | None
    ogp_code: str | None


def name_key(name: str) -> str:
    """Comparison form of a member name: folded, one apostrophe, no trailing period."""
    return fold(name).rstrip(". ")


@cache
def members() -> tuple[Member, ...]:
    """Every reference member, sorted by member_id as the file is."""
    return tuple(
        Member(
            member_id=row["member_id"],
            name=row["name"],
            country_code=row["country_code"] or None,
            member_type=row["member_type"],
            region=row["region"] or None,
            ogp_code=row["ogp_code"] or None,
        )
        for row in read_vocab("members")
    )


@cache
def _by_id() -> dict[str, Member]:
    return {member.member_id: member for member in members()}


@cache
def _by_name() -> dict[str, Member]:
    """Name key → member, from the English names and every listed spelling."""
    index = {name_key(member.name): member for member in members()}
    for row in read_vocab("member_names"):
        index.setdefault(name_key(row["name"]), _by_id()[row["member_id"]])
    return index


def member_by_id(member_id: str) -> Member | None:
    """The reference member with this OGP slug, or None."""
    return _by_id().get(member_id)


def member_for_name(name: str | None) -> Member | None:
    """The member a shown name (any language, accents/case/apostrophes ignored) denotes, or None."""
    if not name:
        return None
    return _by_name().get(name_key(name))


def member_key(url: str | None, name: str | None) -> str | None:
    """Member slug of a record: from an OGP address when there is one, else the reference
    member the name (in any language) names, else spelled from the name as shown."""
    address = parse_ogp_url(url)
    if address:
        return address.member_id
    known = member_for_name(name)
    if known:
        return known.member_id
    return member_slug(name) if name else None


def country_of(member_id: str | None, name: str | None) -> str | None:
    """ISO alpha-3 of a member's country: the reference table's, else from the name."""
    known = member_by_id(member_id) if member_id else None
    return (known.country_code if known else None) or code_for_name(name)
