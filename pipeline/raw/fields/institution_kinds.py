"""What kind of body an institution name names, and which international body, if any.

Names come as split out of the lead / supporting institution fields, in English, Spanish
or French (sometimes other languages). The words are data: kind words and phrases in
`pipeline/vocab/institution_kinds.csv`, international bodies and their aliases in
`pipeline/vocab/international_bodies.csv`. Both are compared on the name's words: folded
(case and accents ignored) with punctuation as a word break, whole words and phrases only.

`institution_kind` — the rule, in order:
1. The name's words are scanned left to right, the longest phrase at each place first, so
   `Court of Audit` is one executive phrase, not `Court`. Bracketed text (an acronym or
   a remark) is left out unless nothing else matches. Portfolio phrases
   (`pipeline/vocab/institution_portfolios.csv`: `open government`) name what a body works
   on, not the body: they are passed over unless the same phrase is a kind word
   (`local government`). The first match is the head word.
2. `international` when the name IS an international body (`international_body`): always.
3. `executive` when the head word is a ministry word (`MINISTRY_HEADS`), whatever
   follows: `Ministry of Local Government`, `Ministry of Parliamentary Reforms`,
   `Ministry for European Union Affairs`.
4. `international` when an `international` word is anywhere: a country office, project
   or programme of an international body (`UNDP Kenya Country Office`, `GIZ Eastern
   Partnership Parliamentary Project`), or multilaterals in general.
5. No match at all: `other`. Otherwise the head word's kind decides (`City of Milan`
   subnational, `Association of Auditors` civil society), except that when the head word
   is a (non-ministry) executive word (`Office`, `Committee`, `Unidad`), a legislature
   word anywhere, else a judiciary word anywhere, wins: `Parliamentary Budget Office` and
   `Committee on Finance of the National Assembly` are legislature, `Registrar of the
   High Court` judiciary. Nothing else outranks a head word: `Council for Civil Society
   Development` stays executive, `Companies holding licences ... Parliament` private.
So `PRECEDENCE` (international, legislature, judiciary, ..., executive) is the order of
strength where a kind may outrank the head word; among the other kinds the head decides,
since a name is about its head.

Decisions kept here: public prosecutors, ombudsmen and audit institutions (`Fiscalía`,
`Court of Audit`, `Tribunal de Cuentas`, `Cour des comptes`) are executive; a
country office, project or programme of an international body is not that body
(`international_body` is None) but is of kind `international`; a national chapter of an
international NGO (`Transparency International Georgia`) is civil society.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

from pipeline.textutil import TRAILING_PUNCTUATION, fold, squash
from pipeline.vocabulary import (
    institution_kind_words,
    international_bodies,
    portfolio_phrases,
)

# The published order of kinds (datapackage enum order), not the precedence.
KINDS: tuple[str, ...] = (
    "executive",
    "legislature",
    "judiciary",
    "subnational",
    "civil_society",
    "private_sector",
    "academia",
    "international",
    "other",
)
# Strongest first; see the module docstring for where each step of it applies.
PRECEDENCE: tuple[str, ...] = (
    "international",
    "legislature",
    "judiciary",
    "subnational",
    "academia",
    "private_sector",
    "civil_society",
    "executive",
)
# Executive words that, as the first head word, make the whole name executive: a
# ministry's portfolio may be named with other kinds' words (`Local Government`).
MINISTRY_HEADS = frozenset(
    {
        "ministry",
        "ministries",
        "minister",
        "ministerio",
        "ministerios",
        "ministro",
        "ministra",
        "ministère",
        "ministères",
        "ministre",
        "secretaría de estado",
        "secretarías de estado",
        "secrétariat d'État",
    }
)
# Overrides of an executive head word, strongest first.
_OVER_EXECUTIVE = ("legislature", "judiciary")

_WORD = re.compile(r"[^\W_]+")
# A bracketed part of a name (one level of nesting inside is allowed).
_BRACKETED = re.compile(r"\((?:[^()]|\([^()]*\))*\)|\[[^\[\]]*\]")
# A name's trailing bracketed acronym: `United Nations Development Programme (UNDP)`.
_TRAILING_BRACKETS = re.compile(r"^(?P<base>.*?)\s*[(\[]\s*(?P<inner>[^()\[\]]*?)\s*[)\]]$")
# Articles before a body's name: `The World Bank`, `La Banque mondiale`, `L'Union européenne`.
_ARTICLES = frozenset({"the", "el", "la", "los", "las", "le", "les", "l"})
# A name this short (in letters) is also a word (`un`, `bid`, `aga`): it names an
# international body only written in capitals.
_SHORT = 3


def _words(text: str) -> tuple[str, ...]:
    """Folded words of a text; punctuation breaks words (`Co-operation` → `co`, `operation`)."""
    return tuple(_WORD.findall(fold(text)))


@cache
def _ministry_heads() -> frozenset[str]:
    """`MINISTRY_HEADS` as `kind_matches` writes a phrase (folded words, one space apart)."""
    return frozenset(" ".join(_words(head)) for head in MINISTRY_HEADS)


@cache
def _phrase_table() -> dict[str, tuple[tuple[tuple[str, ...], str | None], ...]]:
    """First word → (phrase words, kind; None for a portfolio phrase), longest first.

    Indexed by first word so a name costs one look-up per word, not one per phrase.
    """
    phrases: dict[tuple[str, ...], str | None] = {_words(p): None for p in portfolio_phrases()}
    phrases.update((_words(word), kind) for word, kind in institution_kind_words())
    by_first: dict[str, list[tuple[tuple[str, ...], str | None]]] = {}
    for words, kind in phrases.items():
        if words:
            by_first.setdefault(words[0], []).append((words, kind))
    return {
        first: tuple(sorted(entries, key=lambda entry: -len(entry[0])))
        for first, entries in by_first.items()
    }


def kind_matches(name: str) -> list[tuple[str, str]]:
    """(phrase, kind) of every kind word in a name, left to right, longest at each place.

    Bracketed text is an acronym or a remark (`Conflict of Interest Commission (... for
    parliament members)`), so it is left out, unless nothing else matches (`CIABOC
    (Independent Commission)`).
    """
    outside = _BRACKETED.sub(" ", name) if "(" in name or "[" in name else name
    found = _scan(outside)
    return found if found or outside is name else _scan(name)


def _scan(name: str) -> list[tuple[str, str]]:
    table = _phrase_table()
    words = _words(name)
    found: list[tuple[str, str]] = []
    index = 0
    while index < len(words):
        for phrase, kind in table.get(words[index], ()):
            if words[index : index + len(phrase)] == phrase:
                if kind is not None:
                    found.append((" ".join(phrase), kind))
                index += len(phrase)
                break
        else:
            index += 1
    return found


@cache
def _aliases() -> dict[tuple[str, ...], str]:
    """Alias words → body key (an alias of two bodies once punctuation is gone: an error)."""
    aliases: dict[tuple[str, ...], str] = {}
    for alias, key in international_bodies().items():
        words = _words(alias)
        if aliases.setdefault(words, key) != key:
            raise ValueError(f"international body alias {alias!r} names {aliases[words]} and {key}")
    return aliases


@cache
def _alias_words() -> dict[str, frozenset[str]]:
    """Body key → every word of its aliases (a spelling variant uses only these)."""
    words: dict[str, set[str]] = {}
    for alias, key in _aliases().items():
        words.setdefault(key, set()).update(alias)
    return {key: frozenset(found) for key, found in words.items()}


def _alias_key(text: str) -> str | None:
    """The body a text is exactly an alias of (articles before it ignored), or None."""
    words = _words(text)
    while len(words) > 1 and words[0] in _ARTICLES:
        words = words[1:]
    key = _aliases().get(words)
    if key is None:
        return None
    if sum(map(len, words)) <= _SHORT and not squash(text).isupper():
        return None  # `Un`, `Bid`: a word, not `UN`, `BID`
    return key


@lru_cache(maxsize=1 << 16)  # the same names come back in every record of a plan
def international_body(name: str) -> str | None:
    """Key of the international body a name IS (`PNUD` → `undp`), else None.

    The whole name, a trailing bracketed acronym ignored, must be an alias; or that
    bracketed acronym is one, and every word before it is a word of the same body's
    aliases (a spelling variant: `Organisation for Economic Co-operation & Development
    (OECD)`). A name that only contains an alias names a project, a programme, a country
    office or a national chapter, not the body: `UNDP Kenya Country Office`, `GIZ
    Programme "Public Financial Management"`, `Transparency International Georgia` → None.
    """
    text = squash(name).strip(TRAILING_PUNCTUATION)
    brackets = _TRAILING_BRACKETS.match(text)
    if brackets and not brackets["base"]:  # `(UNDP)`: the whole name in brackets
        text, brackets = brackets["inner"], None
    base = brackets["base"] if brackets else text
    key = _alias_key(base)
    if key is not None or brackets is None:
        return key
    key = _alias_key(brackets["inner"])
    if key is not None and set(_words(base)) <= _alias_words()[key] | _ARTICLES | {"and"}:
        return key
    return None


@lru_cache(maxsize=1 << 16)
def institution_kind(name: str) -> str:
    """The kind of body a name names, one of `KINDS` (rule: the module docstring).

    `Parliamentary Budget Office` → legislature, `Ministry of Local Government` →
    executive, `Municipalidad de Lima` → subnational, `UNDP` → international.
    """
    if international_body(name) is not None:
        return "international"
    matches = kind_matches(name)
    if not matches:
        return "other"
    head, kind = matches[0]
    if head in _ministry_heads():
        return "executive"
    kinds = {kind for _, kind in matches}
    if "international" in kinds:
        return "international"
    if kind != "executive":
        return kind
    return next((k for k in _OVER_EXECUTIVE if k in kinds), "executive")
