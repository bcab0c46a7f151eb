"""How an institution field lists its bodies: which line breaks, commas, stops, slashes
and `and`s separate two bodies and which are inside one name.

Real fields (docs/sources.md §1, "Institution-list separators") are mostly `, ` lists,
often hard-wrapped at a fixed width by the PDF or form they were copied from, sometimes
with no separator at all. A reader tells a separator from a break inside a name by these
signals, used here:

- **line breaks.** A break is a hard wrap when the line ends in a connector (`of`,
  `the`, `de`, `y`, `&`, ...) or inside an open bracket, when the next line starts in
  lower case or with a bracketed acronym, or when the text on either side (up to the
  nearest comma) is no name on its own (`Tbilisi` ⏎ `Municipal Legal Department`,
  `... District` ⏎ `Administration`). A block with no such wrap at all is a list of one
  name per line, and every break in it separates. A line ending in `,` or `;` lists on.
- **commas** separate, outside matched brackets, except inside a portfolio list: after a
  name built as head word + preposition (`Ministry of Trade`, `Department for
  Business`), a run of short comma items with no head word that ends in `and`/`&`/`y`/
  `et` continues that name (`Ministry of Trade, Tourism and Telecommunications`);
  `Partners Albania, Media, Businesses` is three items.
- **full stops** before a capital separate two names unless the word before is an
  initial or an abbreviation (`U.S.`, `Mr.`, `Ltd.`).
- **names run together** with no separator are cut where one name visibly ends and the
  next begins: after a bracketed or slashed acronym (`Ministry of E-Government /MEG/
  Bulgarian Center ...`), before `Ministry of`/`Office of`/... when the text before names
  a body, between two all-capital acronyms (`KNCCI CIPE`), at a capital glued to the
  previous word (`Ministry of FinanceNational Audit Office`); in a long run of several
  head words, after a head word that ends English names (`... Affairs Department
  Anti-Corruption Bureau`), after `<Head> of <Word>` when capitalised words ending in
  such a head follow (`Department of Forestry Environmental Affairs Department`), and
  before a Spanish or French head word, which opens names (`Fundación Balmaceda ...`).
- **linking phrases** (`including`, `with the participation of`, `por medio de`) and
  `and all/other ...` separate; what a body is to do (`Parliament to enact ...`) is no
  part of its name.
- **known whole names** (vocab/institution_whole_names.csv) are never cut: `Office of
  the Attorney General and Ministry of Justice` is one Ghanaian body.
- **` / `** and **` and `/`&`/`y`/`et`** separate when each side names a body on its own
  (`Cabinet Office and Office of National Statistics`), but not a portfolio
  (`Ministry of Culture and Media`, `Ministerio de Hacienda y Crédito Público`).

Words are data: head words in vocab/institution_headwords.csv (and their plurals);
portfolio phrases (vocab/institution_portfolios.csv) do not count as head words; the part
a word plays in a list, per language (connector, abbreviation, preposition, a head word
that opens or closes a name, a one-word body, ...), in vocab/institution_word_roles.csv.
Not here: labels, bullets and `;` (pipeline/raw/fields/institutions.py), contact details
(pipeline/raw/fields/contacts.py).
"""

from __future__ import annotations

import re
from functools import cache
from itertools import pairwise

from pipeline.raw.fields.institution_names import is_acronym, split_acronym
from pipeline.textutil import fold
from pipeline.vocabulary import (
    institution_headwords,
    institution_word_roles,
    portfolio_phrases,
    whole_names,
)

# The words that play a part in reading a list, folded, per role: vocab/institution_word_roles.csv.
_ROLES = institution_word_roles()
# Words a name cannot end in: a line ending in one is hard-wrapped (en/es/fr).
CONNECTORS = _ROLES["connector"]
# Words a full stop ends without ending a name (`Mr.`, `Ltd.`).
_ABBREVIATIONS = _ROLES["abbreviation"]
# After a head word, these make it a portfolio holder (`Ministry of Trade, Tourism and ...`).
_PREPOSITIONS = _ROLES["preposition"]
_AND_WORD = re.compile(r"(?:^|\s)(?:and|&|y|e|et)\s", re.IGNORECASE)
_AND = re.compile(r"\s+(?:and|&|y|et)\s+")
# Adjectives that may come before the head word of a Spanish or French body (folded).
_LEADING_ADJECTIVES = _ROLES["leading_adjective"]
# Head words that open a name when followed by `of`/`de`/...: a new name starts there.
_OPENING_HEADS = _ROLES["opens_with_of"]
# Bodies named by one word (`Central Bank and Treasury`).
_SINGLE_WORD_BODIES = _ROLES["single_word_body"]


def _plural(word: str) -> str:
    return word[:-1] + "ies" if word.endswith("y") else word + "s"


@cache
def _body_words() -> frozenset[str]:
    """Folded single words that mark a phrase as naming an organisation."""
    heads = institution_headwords()
    return frozenset(heads | {_plural(word) for word in heads})


@cache
def _portfolio_pattern() -> re.Pattern[str]:
    phrases = sorted(portfolio_phrases(), key=lambda p: (-len(p), p))
    return re.compile(r"\b(?:" + "|".join(re.escape(p) for p in phrases) + r")\b")


def _words(phrase: str) -> list[str]:
    """Folded words of a phrase outside brackets, portfolio phrases left out."""
    outside = re.sub(r"\([^()]*\)|\[[^\[\]]*\]", " ", phrase)
    folded = _portfolio_pattern().sub(" ", re.sub(r"[^\w&']+", " ", fold(outside)))
    return folded.split()


def has_head_word(phrase: str) -> bool:
    """A word naming a kind of organisation, outside brackets (`Office`, `Fundación`)."""
    return bool(set(_words(phrase)) & _body_words())


def _letters(phrase: str) -> str:
    """The phrase from its first letter, a lower-case leading article skipped (`the State
    Agency` in running text names a body as `The State Agency` does)."""
    letters = re.sub(r"^[^\w]+", "", phrase.strip(" \t,.;:"))
    return re.sub(r"^(?:the|el|la|los|las|le|les)\s+(?=[A-ZÀ-Ý])", "", letters)


def names_a_body(phrase: str) -> bool:
    """Whether a phrase can stand as a body's name: a head word and a capital first
    letter (`National Audit Office`), or an acronym (`GIZ`), or a bracketed acronym."""
    letters = _letters(phrase)
    if not letters:
        return False
    words = letters.split()
    if is_acronym(words[0]) and len(words) <= 2:
        return True
    if letters[:1].isupper() and split_acronym(letters)[1] and len(words) > 1:
        return True
    return has_head_word(letters) and letters[:1].isupper()


def _starts_a_body(phrase: str) -> bool:
    """A head word first (after `Alta`, `Haute`, ...): `Oficina Nacional de Estadística`.

    Spanish and French names start with their head word, so `Transparencia del Senado`
    after ` y ` is the end of `Comisión de Ética y Transparencia`, not a second body.
    """
    words = _letters(phrase).split()
    while len(words) > 1 and fold(words[0]) in _LEADING_ADJECTIVES and words[0][:1].isupper():
        words = words[1:]
    first = words[0] if words else ""
    return first[:1].isupper() and fold(first) in _body_words() and names_a_body(phrase)


def _stands_alone(piece: str) -> bool:
    """After ` and `: a name of its own (`Office of National Statistics`, `National Audit
    Office`, `GIZ`), not a portfolio word left alone (`Media`, `Public Administration`);
    an acronym in brackets does not make one (`Ministry of Mahaweli Development and
    Environment (MMDE)`: the acronym is the whole name's)."""
    letters = _letters(piece)
    words = letters.split()
    if not words:
        return False
    if len(words) == 1:
        return is_acronym(words[0]) or fold(words[0]) in _SINGLE_WORD_BODIES
    return has_head_word(letters) and letters[:1].isupper()


def _singular_head_at_edge(piece: str) -> bool:
    """`National Statistics Office`, `Office of ...`: a singular head word first or last."""
    words = _words(_letters(piece))
    heads = institution_headwords()
    return bool(words) and (words[0] in heads or words[-1] in heads)


def joins_a_body(joiner: str, piece: str, after_portfolio: bool = False) -> bool:
    """Whether `piece`, after ` and `/`&` (or ` y `/` et `), names a body of its own.

    After a portfolio (`Ministry in charge of Labour`) a piece must also have a singular
    head word at one end: `Trade Union Relations`, `Childcare Services` and `Medium
    Enterprises` are more portfolio, `National Statistics Office` is a body.
    """
    if joiner.strip() in {"y", "et"}:
        return _starts_a_body(piece)
    return _stands_alone(piece) and (not after_portfolio or _singular_head_at_edge(piece))


def _ends_in_acronym(text: str) -> bool:
    """`Central Environmental Authority (CEA)`: a name closed by its acronym."""
    return bool(split_acronym(text.strip())[1]) and len(text.split()) > 1


# --- line breaks --------------------------------------------------------------------------


def _last_word(text: str) -> str:
    words = fold(text).split()
    return words[-1] if words else ""


def _open_bracket(text: str) -> bool:
    """A bracket opened and not closed by the end of `text` (`Cabinet Office (Digital`)."""
    return text.count("(") > text.count(")")


def clear_wrap(before: str, after: str) -> bool:
    """A break no list would make: after a connector or inside a bracket, before a lower
    case word or a bracketed acronym."""
    before, after = before.rstrip(), after.lstrip()
    if _last_word(before) in CONNECTORS or _open_bracket(before):
        return True
    if after[:1].islower():  # `... Research Center` ⏎ `of the Parliament`, not ⏎ `ministry of`
        return fold(after.split()[0]) not in _body_words()
    return bool(re.match(r"\([^()\s]{2,12}\)", after))


def is_hard_wrap(before: str, after: str, wrapped_block: bool = True) -> bool:
    """Whether the line break between `before` and `after` is inside a name.

    Never when `before` ends in a list mark (`,` `;` `:`) or `after` starts with one; in
    a block with no clear wrap (`wrapped_block` false) only a clear wrap is one.
    """
    before, after = before.rstrip(), after.lstrip()
    if not before or not after or before[-1] in ",;:•" or after[0] in "•▪-–*":
        return False
    if clear_wrap(before, after):
        return True
    if not wrapped_block:
        return False
    left = re.split(r"[,;]", before)[-1].strip()
    right = re.split(r"[,;]", after)[0].strip()
    if not names_a_body(left):
        return True
    return len(right.split()) == 1 and not is_acronym(right)


def join_wrapped_lines(lines: list[str]) -> list[str]:
    """Lines with the hard-wrapped ones joined back (a line ending in `,` or `;` joins
    the next too: the list goes on and its separator is already there)."""
    wrapped = any(clear_wrap(a, b) for a, b in pairwise(lines))
    joined: list[str] = []
    for line in lines:
        if joined and (
            joined[-1].rstrip()[-1:] in {",", ";"} or is_hard_wrap(joined[-1], line, wrapped)
        ):
            joined[-1] = joined[-1].rstrip() + " " + line.lstrip()
        else:
            joined.append(line)
    return joined


# --- commas -------------------------------------------------------------------------------


def _matched_brackets(text: str) -> list[tuple[int, int]]:
    """Spans of matched (...) and [...] pairs; a stray bracket matches nothing."""
    if "(" not in text and "[" not in text:
        return []
    spans, stack = [], []
    for index, char in enumerate(text):
        if char in "([":
            stack.append((char, index))
        elif char in ")]" and stack:
            opener, start = stack[-1]
            if (opener, char) in {("(", ")"), ("[", "]")}:
                stack.pop()
                spans.append((start, index))
    return spans


def _inside(spans: list[tuple[int, int]], position: int) -> bool:
    return any(a < position < b for a, b in spans)


def split_outside_brackets(text: str, pattern: re.Pattern[str]) -> list[str]:
    """Pieces between matches of `pattern` outside matched brackets."""
    matches = list(pattern.finditer(text))
    if not matches:
        return [text]
    spans = _matched_brackets(text)
    pieces, start = [], 0
    for match in matches:
        if not _inside(spans, match.start()):
            pieces.append(text[start : match.start()])
            start = match.end()
    return [*pieces, text[start:]]


def _holds_portfolio(name: str) -> bool:
    """`Ministry of Trade`, `Department for Business`: a head word, then a preposition."""
    words = _words(name)
    heads = [i for i, w in enumerate(words) if w in _body_words()]
    return bool(heads) and any(w in _PREPOSITIONS for w in words[heads[0] + 1 :])


def _continues_portfolio(item: str) -> bool:
    """A comma item that can only be part of a portfolio: short, no head word."""
    item = item.strip()
    return (
        0 < len(item.split()) <= 8
        and not has_head_word(item)
        and not is_acronym(item)
        and not re.match(r"(?:and|&|y|et)\s", item)  # `, and X`: the list's last item
    )


# A description of kinds of body, not a name: a short phrase ending in a plural
# (`Agencies`, `Associations`), followed by lower-case comma items ending in `and ...`.
_GENERIC_PLURAL = re.compile(r"[A-ZÀ-Ý][\w-]*(?:\s+[\w-]+){0,3}s")
_LOWER_ITEM = re.compile(r"\s*[a-zà-ÿ]")
# A capitalised adjective (`Economic`, `Social`, `Environmental`), as a word of its own.
_ADJECTIVE = re.compile(r"[A-ZÀ-Ý][a-zà-ÿ]+(?:al|ic|ical|ive|ous|ary|ian)\b")


def comma_items(text: str) -> list[str]:
    """The comma-separated items of a text, portfolio lists kept in their name."""
    pieces = split_outside_brackets(text, re.compile(r",(?!\d)"))
    items: list[str] = []
    index = 0
    while index < len(pieces):
        if items and _holds_portfolio(items[-1]):
            end = index  # plain portfolio words, then one with `and` ends the list
            while (
                end < len(pieces)
                and _continues_portfolio(pieces[end])
                and not _AND_WORD.search(pieces[end])
            ):
                end += 1
            if (
                end < len(pieces)
                and _continues_portfolio(pieces[end])
                and _AND_WORD.search(pieces[end])
            ):
                items[-1] = ",".join([items[-1], *pieces[index : end + 1]])
                index = end + 1
                continue
        if items and _GENERIC_PLURAL.fullmatch(items[-1].strip()):
            end = index  # `Agencies, institutes, funds and other legal persons ...`: one
            while end < len(pieces) and _LOWER_ITEM.match(pieces[end]):
                if _AND_WORD.search(pieces[end]):
                    break
                end += 1
            if (
                end < len(pieces)
                and _LOWER_ITEM.match(pieces[end])
                and _AND_WORD.search(pieces[end])
            ):
                items[-1] = ",".join([items[-1], *pieces[index : end + 1]])
                index = end + 1
                continue
        end = index  # `Economic, Social, Environmental and Cultural Council`: one name
        while end < len(pieces) and _ADJECTIVE.fullmatch(pieces[end].strip()):
            end += 1
        if (
            end > index
            and end < len(pieces)
            and _AND_WORD.search(pieces[end])
            and has_head_word(pieces[end])
            and _ADJECTIVE.match(pieces[end].strip())
        ):
            items.append(",".join(pieces[index : end + 1]))
            index = end + 1
            continue
        items.append(pieces[index])
        index += 1
    return [item for item in items if item.strip(" \t,.;:")]


# --- within one comma item ----------------------------------------------------------------

_STOP = re.compile(r"\.\s+(?=[\"“'‘(]?[A-ZÀ-Ý])")


def _sentences(text: str) -> list[str]:
    """`Kenya – Network of CSOs. Ushahidi` → two names; `U.S. Agency` stays whole."""
    spans = _matched_brackets(text)
    pieces, start = [], 0
    for match in _STOP.finditer(text):
        word = re.split(r"[\s(]", text[start : match.start()])[-1]
        if (
            len(word.rstrip(".")) <= 1
            or "." in word
            or fold(word).rstrip(".") in _ABBREVIATIONS
            or _inside(spans, match.start())
        ):
            continue
        pieces.append(text[start : match.start()])
        start = match.end()
    return [*pieces, text[start:]]


_ACRONYM_END = re.compile(r"(?:\([^()\s]{2,12}\)|/[^/\s]{2,12}/)(?=\s+[\"“A-ZÀ-Ý])")
_OPENING = re.compile(r"(?<=\S)\s+(?=([A-ZÀ-Ý][\w’'-]+)\s+(?:of|for|de|del|des|du|d’|d')\s)")
_TWO_ACRONYMS = re.compile(r"\b([A-Z]{3,})\s+(?=[A-Z]{3,}\b)")


def _opening_cuts(text: str, cuts: list[int] | None = None) -> list[int]:
    """`cuts`, and a cut before each `Ministry of`/`Office of`/... that follows a whole
    name (`... Public Service Ministry of Science`): such a head word opens a name."""
    cuts = list(cuts or [])
    for match in _OPENING.finditer(text):
        if fold(match.group(1)) in _OPENING_HEADS:
            before = text[max([0, *[c for c in cuts if c < match.start()]]) : match.start()]
            bare = before.strip()  # an acronym, not a body word (`NGO`) nor `U.S.`
            acronym = is_acronym(bare) and "." not in bare and fold(bare) not in _body_words()
            whole = len(_letters(before).split()) >= 2 or acronym
            if whole and names_a_body(before) and _last_word(before) not in CONNECTORS:
                cuts.append(match.start())
    return cuts


def list_items(text: str) -> list[str]:
    """The items of a part: cut where `and all/other ...` begins a group of its own, then
    at commas (`comma_items`)."""
    return [
        item for chunk in split_outside_brackets(text, _AND_OTHERS) for item in comma_items(chunk)
    ]


# `X and other interested NGOs`, `... and all other administrations`: a group of its own.
_AND_OTHERS = re.compile(r"\s+(?:and|y|et)\s+(?=(?:all|other|any|todas|otras|otros|autres)\s)")


def _run_together_cuts(text: str) -> list[int]:
    """Where one name ends and the next begins with no separator between them."""
    cuts = [
        m.end()
        for m in _ACRONYM_END.finditer(text)
        if names_a_body(text[m.end() :]) or len(text[m.end() :].split()) >= 2
    ]
    cuts = _opening_cuts(text, cuts)
    words = text.split()
    if len(words) >= 7 and sum(fold(w) in _body_words() for w in words) >= 2:
        cuts += _long_run_cuts(text)
    shouted = any(
        fold(word) in _body_words() or fold(word) in CONNECTORS
        for word in re.findall(r"\b[A-Z]{2,}\b", text)
    )
    if not shouted:  # `STATE ELECTORAL COMMISSION` is a name in capitals, not acronyms
        cuts += [m.end(1) for m in _TWO_ACRONYMS.finditer(text)]
    spans = _matched_brackets(text)
    return sorted({c for c in cuts if not _inside(spans, c) and 0 < c < len(text)})


# Spanish and French names start with their head word: in a long run of names with no
# separator, a capitalised one after a capitalised word starts a new name (`Fundación
# Balmaceda Ciudadanía Inteligente Espacio Público Observatorio Fiscal`).
_ROMANCE_OPENERS = _ROLES["opens"]
# English names end with theirs: in such a run, a capitalised word after one of these
# starts a new name (`... Transparency Initiative National Secretariat Malawi Revenue
# Authority` → `Malawi Revenue Authority`).
_CLOSING_HEADS = _ROLES["closes"]


def _long_run_cuts(text: str) -> list[int]:
    """Cuts in a long comma-free run that names several bodies one after the other."""
    cuts: list[int] = []
    tokens = list(re.finditer(r"\S+", text))
    for index in range(len(tokens) - 3):  # `Department of Forestry | Environmental Affairs
        head, of, what = (t.group() for t in tokens[index : index + 3])  # Department`
        rest = [t.group() for t in tokens[index + 3 :]]
        tail = next((i for i, w in enumerate(rest) if fold(w) in _CLOSING_HEADS), None)
        if (
            fold(head) in _OPENING_HEADS
            and fold(of) in {"of", "for"}
            and what[:1].isupper()
            and tail
            and all(w[:1].isupper() and fold(w) not in CONNECTORS for w in rest[: tail + 1])
        ):
            cuts.append(tokens[index + 3].start())
    for before, word in pairwise(tokens):
        first, previous = word.group(), before.group()
        if first in {"The", "Other", "All"} and fold(previous) not in CONNECTORS:
            cuts.append(word.start())  # `Line ministries The General Secretariat ...`
            continue
        if not first[:1].isupper() or not previous[:1].isupper():
            continue
        if fold(previous) in CONNECTORS or fold(first) in CONNECTORS:
            continue
        last = word is tokens[-1]
        if last and re.fullmatch(r"[A-Z]{3,}", first) and re.search(r"[a-z]", previous):
            cuts.append(word.start())  # `... Derecho y Tecnologías PNUD`
        elif (fold(first) in _ROMANCE_OPENERS and fold(previous) not in _body_words()) or (
            fold(previous) in _CLOSING_HEADS
            and fold(first) not in _body_words()
            and not is_acronym(first)
        ):
            cuts.append(word.start())
    return cuts


def _glued_cuts(text: str) -> list[int]:
    """Positions where a capitalised word runs into the next (`FinanceNational`).

    Only a word of exactly two capitalised parts, the first of three letters or more and
    not `Mac`, the second ending the word (not `Service4Germany`): `McDonald`, `MoF`,
    `eGovernment`, `iCloud` never qualify; and only between two phrases naming a body.
    """
    cuts: list[int] = []
    for word in re.finditer(r"[^\W\d_]+", text):
        letters = word.group()
        inner = [i for i in range(1, len(letters)) if letters[i].isupper()]
        if len(inner) != 1 or text[word.end() : word.end() + 1].isdigit():
            continue
        head, tail = letters[: inner[0]], letters[inner[0] :]
        if (
            len(head) >= 3
            and len(tail) >= 2
            and head[0].isupper()
            and head[1:].islower()
            and tail[1:].islower()
            and head.lower() != "mac"
            and not _open_bracket(text[: word.start()])
            and names_a_body(text[: word.start() + inner[0]])
            and names_a_body(text[word.start() + inner[0] :])
        ):
            cuts.append(word.start() + inner[0])
    return cuts


def _cut(text: str, cuts: list[int]) -> list[str]:
    bounds = [0, *cuts, len(text)]
    return [text[a:b] for a, b in pairwise(bounds)]


def _split_slash(text: str) -> list[str]:
    """`MINISTRY OF EMPLOYMENT / Executive Management of Labor (DGT)` → two bodies."""
    pieces = split_outside_brackets(text, re.compile(r"\s+/\s+"))
    if len(pieces) > 1 and all(names_a_body(p) for p in pieces):
        return pieces
    return [text]


def _initials(text: str) -> str:
    return "".join(w[0] for w in re.findall(r"[^\W\d_][\w'’-]*", text) if w[0].isupper())


def _acronym_covers(left: str, piece: str) -> bool:
    """Whether the acronym closing `piece` spells the initials of `left` and `piece`
    together, so the two are one name: `Coast Conservation` + `Coastal Resource
    Management Department (CCCRMD)`."""
    base, acronym = split_acronym(piece.strip())
    if not acronym or acronym == base:
        return False
    letters = re.sub(r"[^A-Z]", "", acronym.upper())
    whole = _initials(_letters(left) + " " + base)
    return len(letters) > len(_initials(base)) and whole.upper().startswith(letters)


def _spells_itself(piece: str) -> bool:
    """`Public Interest Law Foundation (PILF)`: a name whose acronym is its initials."""
    base, acronym = split_acronym(piece.strip())
    if not acronym or acronym == base:
        return False
    return _initials(base).upper() == re.sub(r"[^A-Z]", "", acronym.upper())


def split_on_and(name: str) -> list[str]:
    """`Cabinet Office and Office of National Statistics` → two bodies (also `&`, `y`, `et`).

    The name is cut at each ` and ` outside brackets; a piece starts a new body only when
    it names one itself (`joins_a_body`) and so does the body before it, otherwise it
    belongs to the body before: `Ministry of Culture and Sport` stays whole, and
    `Ministry of Health and Social Services and National Audit Office` gives two bodies.
    After a body closed by its acronym (`Central Environmental Authority (CEA) and Coast
    Conservation and ... Department`), the rest is a body when it names one as a whole.
    """
    spans = _matched_brackets(name)
    cuts = [m for m in _AND.finditer(name) if not _inside(spans, m.start())]
    bodies: list[str] = []
    start = 0
    for index, cut in enumerate(cuts):
        end = cuts[index + 1].start() if index + 1 < len(cuts) else len(name)
        left, piece = name[start : cut.start()], name[cut.end() : end]
        rest = name[cut.end() :]
        closed = _ends_in_acronym(left) and has_head_word(rest)
        joined = joins_a_body(cut.group(), piece, after_portfolio=_holds_portfolio(left))
        if _acronym_covers(left, piece):
            continue  # `Coast Conservation and Coastal Resource Management Department (CCCRMD)`
        # a short fragment before a body spelled by its own acronym (`(Sri Lanka and
        # Public Interest Law Foundation (PILF)`) is not part of that body
        fragment = len(_letters(left).split()) <= 3 and _spells_itself(piece)
        if (names_a_body(left) or fragment) and (joined or closed):
            bodies.append(left.strip())
            start = cut.end()
    return [*bodies, name[start:].strip()]


# Phrases that join two bodies in running text (`Ministry of Finance including Malawi
# Revenue Authority`, `... with the participation of civil society`).
_LINKING = re.compile(
    r"\s+(?:including|with the participation of|in cooperation with|in collaboration with"
    r"|together with|con la participación de|en colaboración con|incluyendo"
    r"|avec la participation de|en collaboration avec|y sus miembros|and its members"
    r"|and their members|por medio de|a través de|upon (?:the )?proposal (?:of|by))(?:\s+|$)",
    re.IGNORECASE,
)


def names_in_item(item: str) -> list[str]:
    """The names in one comma item: cut at linking phrases, full stops, where names run
    together, at ` / ` and at ` and ` between two bodies."""
    if fold(item.strip(" \t,.;:")) in whole_names():
        return [item]
    names: list[str] = []
    for linked in split_outside_brackets(item, _LINKING):
        names.extend(_names_in_phrase(linked))
    return names


# What a body is to do, after its name (`Parliament to enact amendments to ...`).
_PURPOSE = re.compile(r"\s+to\s+(?!the\b|a\b|an\b|all\b|its\b|their\b)[a-z]\w*\b.*$", re.DOTALL)
# A footnote number between two names (`... y Probidad 54 Consejo para la Transparencia`).
_FOOTNOTE = re.compile(r"(?<=[a-zà-ÿ])\s+\d{1,3}\s+(?=[A-ZÀ-Ý][a-zà-ÿ])")


def _without_purpose(item: str) -> str:
    """A body's name less what it is to do, when that is outside brackets."""
    match = _PURPOSE.search(item)
    outside = match and not _inside(_matched_brackets(item), match.start())
    if match and outside and names_a_body(item[: match.start()]):
        return item[: match.start()]
    return item


def _names_in_phrase(item: str) -> list[str]:
    names: list[str] = []
    for sentence in (s for f in split_outside_brackets(item, _FOOTNOTE) for s in _sentences(f)):
        sentence = _without_purpose(sentence)
        for run in _cut(sentence, _run_together_cuts(sentence)):
            for glued in _cut(run, _glued_cuts(run)):
                for part in _split_slash(glued):
                    names.extend(split_on_and(part))
    return names
