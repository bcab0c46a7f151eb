"""Commitment pages (a text rendition, or HTML rendered to text) → one PageReadResult.

Labels are found by a known list (vocab/page_labels.csv), never by the first colon:
titles and labels contain colons (`Ambición (consulta: definición):`). The page is read
in three parts: the header (title, at-a-glance fields, institutions, policy areas, IRM
review), the description, and the IRM status-summary sections (milestones, completion,
"Did it open government?"); inline `[Note N: ...]` footnotes are read anywhere and the
member's list of commitments at the foot by `member_list`. Chrome varies independently
of content (full, stripped headings, no at-a-glance block, compact with headings glued
to values, a banner line first), so nothing depends on a heading being there.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache

from pipeline.lists import split_institutions, split_ogp_values, split_policy_areas
from pipeline.readers.member_list import TextLine, find_heading, read_entries
from pipeline.records import Milestone, Note, PageCommitment, PageReadResult, Reject
from pipeline.textutil import COMMITMENT_ID, fold, fold_keep_length, squash, tidy_lines, undouble
from pipeline.vocabulary import (
    Label,
    page_headings,
    page_labels,
    placeholder_reasons,
    policy_area_names,
    read_vocab,
)

TITLE_RE = re.compile(rf"^(?P<title>.*?\S)\s*\((?P<id>{COMMITMENT_ID})\)(?P<rest>.{{0,40}})$", re.I)
HEADER_HEADINGS = frozenset(
    {
        "overview",
        "at_a_glance",
        "institutions",
        "policy_areas",
        "irm_review",
        "design",
        "implementation",
    }
)
SUMMARY_HEADINGS = frozenset({"status_summary_midterm", "status_summary_end_of_term"})
SHORT_FIELDS = frozenset(
    {
        "action_plan_cycle",
        "status",
        "starred",
        "early_results",
        "verifiable",
        "relevant_to_ogp_values",
        "potential_impact",
        "ambition",
        "completion",
        "completion_midterm",
        "completion_end_of_term",
        "did_it_open_government_access_to_information",
        "did_it_open_government_civic_participation",
        "did_it_open_government_public_accountability",
    }
)
DIOG_FIELDS = frozenset(f for f in SHORT_FIELDS if f.startswith("did_it_open_government_"))
SINGLE_LINE_FIELDS = frozenset({"start_date", "end_date"})
LAYOUT_2024_FIELDS = frozenset(
    {
        "inception_report",
        "commitment_start",
        "commitment_end",
        "institutions_involved",
        "primary_policy_area",
        "ogp_value",
    }
)
AT_A_GLANCE_CORE = frozenset(
    {"action_plan", "action_plan_cycle", "status", "lead_institution", "support_institution"}
)
_BULLET = re.compile(r"^(?:[*•·▪◦●‣-])\s+")
_NUMBERED = re.compile(r"^(?P<number>\d{1,3})[.)]\s+(?P<text>.+)$")
_NOTE = re.compile(r"\[\s*Note\s+(?P<number>\d+)\s*:\s*(?P<body>.*?)\s*\]", re.S | re.I)
_URL = re.compile(r"https?://\S+")
_DECORATION = re.compile(r"[✪★☆]")
_LOOKAHEAD_LINES = 12
_MAX_LIST_LINE = 300
_MAX_DATE = 40
_YEAR = re.compile(r"\b(?:19|20)\d{2}\b")


@dataclass(frozen=True)
class LabelHit:
    label: Label
    value: str


@cache
def _label_patterns() -> tuple[tuple[re.Pattern[str], Label], ...]:
    """One regex per known label, matching the folded line at its start (bullet allowed)."""
    patterns = []
    for label in page_labels():
        body = fold(label.text).rstrip(":").strip()
        spaced = r"\s*".join(re.escape(part) for part in body.split(" "))
        patterns.append((re.compile(rf"^(?:[*•-]\s*)?{spaced}\s*:\s*"), label))
    return tuple(patterns)


def match_label(text: str, sections: frozenset[str]) -> LabelHit | None:
    """The known label a line starts with (in one of `sections`) and the value after it."""
    folded = fold_keep_length(text)
    for pattern, label in _label_patterns():
        if label.section not in sections:
            continue
        match = pattern.match(folded)
        if match:
            return LabelHit(label, text[match.end() :].strip())
    return None


def heading_kind(text: str) -> str | None:
    """Kind of a known heading line (`IRM Review` → `irm_review`), else None."""
    return page_headings().get(fold(_DECORATION.sub("", text)).rstrip(":").strip())


@cache
def _value_words() -> frozenset[str]:
    """Folded rating values and placeholders: what a value on the line after its label may be."""
    ratings = {fold(row["label"]) for row in read_vocab("ratings")}
    return frozenset(ratings | set(placeholder_reasons()))


def is_rating_value(text: str) -> bool:
    """True when a line is a rating value or placeholder (doubled or decorated forms too)."""
    return fold(undouble(clean_value(text))) in _value_words()


def clean_value(text: str) -> str:
    """A field value without decoration marks or surrounding white space."""
    return squash(_DECORATION.sub("", text))


# What a value can end with right before a glued heading or label: a letter, a digit,
# a closing parenthesis, bracket (an inline note) or quote, or a full stop.
_GLUE_AFTER = r"(?<=[a-z0-9).\]’”'\"])"


@cache
def _glue_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Headings glued to the end of a value, and labels glued after a value.

    Compact captures lose the break between any two blocks, so the status-summary
    headings and labels (`...[Note 4: ...]Did It Open Government?`) glue like the
    at-a-glance ones. Short headings (`Status`) and labels are left out: as words they
    end too many ordinary lines.
    """
    headings = sorted(
        (h for h, kind in _heading_texts() if kind not in {"status"} and len(h) >= 8),
        key=len,
        reverse=True,
    )
    heading_re = re.compile(rf"{_GLUE_AFTER}(?P<heading>{'|'.join(map(re.escape, headings))})$")
    labels = sorted(
        {lab.text for lab in page_labels() if len(lab.text) >= 7}, key=len, reverse=True
    )
    label_re = re.compile(rf"{_GLUE_AFTER}(?=(?:{'|'.join(map(re.escape, labels))}))")
    return heading_re, label_re


@cache
def _heading_texts() -> tuple[tuple[str, str], ...]:
    return tuple((row["heading"], row["kind"]) for row in read_vocab("page_headings"))


def split_glued(lines: Sequence[TextLine]) -> tuple[list[TextLine], bool]:
    """Lines with glued headings and labels put back on lines of their own; whether any were."""
    heading_re, label_re = _glue_patterns()
    result: list[TextLine] = []
    glued = False
    for line in lines:
        pieces = [p for p in label_re.split(line.text) if p]
        if len(pieces) > 1:
            glued = True
        for piece in pieces:
            match = heading_re.search(piece)
            if match and match.start() > 0:
                glued = True
                result.append(TextLine(line.number, piece[: match.start()].strip()))
                result.append(TextLine(line.number, match.group("heading")))
            else:
                result.append(TextLine(line.number, piece))
    return result, glued


def _find_title(lines: Sequence[TextLine]) -> int | None:
    """Index of the `Title (ID)` line: the first, before any label or section heading."""
    for index, line in enumerate(lines):
        if TITLE_RE.match(line.text):
            return index
        kind = heading_kind(line.text)
        if match_label(line.text, frozenset({"at_a_glance"})) or (
            kind and kind not in {"skip_navigation"}
        ):
            return None
    return None


def _member_line(lines: Sequence[TextLine], title_index: int) -> str | None:
    """The member name shown just above the title, unless that line is chrome or a banner."""
    if title_index == 0:
        return None
    text = lines[title_index - 1].text
    if heading_kind(text) or _BULLET.match(text) or ":" in text or "http" in text.lower():
        return None
    if len(text) > 80 or len(text.split()) > 8 or text[-1] in ".!?" or "survey" in text.lower():
        return None
    return text


@dataclass
class _Header:
    """What the header part of a page yielded, and where the description starts."""

    fields: dict[str, str] = field(default_factory=dict)
    labels: set[str] = field(default_factory=set)
    policy_lines: list[str] = field(default_factory=list)
    headings: set[str] = field(default_factory=set)
    languages: list[str] = field(default_factory=list)
    next_index: int = 0
    description_heading: bool = False

    def append(self, name: str, text: str) -> None:
        """Add a line to a field's value (multi-line values keep one item per line)."""
        previous = self.fields.get(name)
        self.fields[name] = f"{previous}\n{text}" if previous else text


def _looks_like_policy_areas(text: str) -> bool:
    """A line listing mostly known policy-area names (the stripped layout has no heading)."""
    if len(text) > _MAX_LIST_LINE:
        return False
    names = split_policy_areas(text)
    known = {fold(name) for name in policy_area_names().values()}
    return bool(names) and sum(fold(n) in known for n in names) * 2 >= len(names)


def _header_continues(lines: Sequence[TextLine], index: int) -> bool:
    """True when a header label or heading follows soon: the line before is inside the header.

    The `Description` heading counts too: whatever stands before it is header, not prose.
    """
    for later in lines[index : index + _LOOKAHEAD_LINES]:
        if len(later.text) > _MAX_LIST_LINE * 2:
            return False
        if match_label(later.text, frozenset({"at_a_glance"})):
            return True
        kind = heading_kind(later.text)
        if kind in HEADER_HEADINGS or kind == "description":
            return True
        if kind:
            return False
    return False


def _accepts_next_line(field_name: str, text: str) -> bool:
    """Whether a line may be the value of `field_name` whose label line had none."""
    if field_name == "relevant_to_ogp_values":
        return is_rating_value(text) or split_ogp_values(text) is not None
    if field_name == "action_plan_cycle":
        return bool(re.fullmatch(r"\d{4}", text))
    if field_name in SHORT_FIELDS:
        return is_rating_value(text)
    return not heading_kind(text)


def _continues_value(header: _Header, current: str | None, item: str) -> bool:
    """Whether an unlabelled line adds to the value of the field read last.

    Long fields (plan, institutions) run on over several lines; of the short ones only a
    list of OGP values does (one value per line or bullet), and only with OGP values.
    """
    if current == "relevant_to_ogp_values":
        value = header.fields.get(current, "")
        return not is_rating_value(value) and split_ogp_values(item) is not None
    return current is not None and current not in SHORT_FIELDS


def _read_header(lines: Sequence[TextLine], start: int) -> _Header:
    """Fields, headings and policy areas from the title to the description.

    Bullet marks are taken off unlabelled lines (`• Ministry of ...`): a text capture
    shows `•` where rendered HTML shows `*`, and both must give the same field text.
    A label seen a second time is the description quoting it (stripped chrome has no
    `Description` heading), so the header ends there.
    """
    header = _Header()
    current: str | None = None
    pending: str | None = None
    for index in range(start, len(lines)):
        text = lines[index].text
        item = _BULLET.sub("", text)
        hit = match_label(text, frozenset({"at_a_glance"}))
        kind = None if hit else heading_kind(text)
        if hit and hit.label.field in header.labels:
            header.next_index = index
            return header
        if hit:
            header.labels.add(hit.label.field)
            header.languages.append(hit.label.language)
            if hit.value:
                header.fields[hit.label.field] = hit.value
            pending = None if hit.value else hit.label.field
            current = hit.label.field
        elif kind in {"description", *SUMMARY_HEADINGS}:
            header.description_heading = kind == "description"
            header.next_index = index + 1 if kind == "description" else index
            return header
        elif kind:
            header.headings.add(kind)
            current = "policy_areas" if kind == "policy_areas" else None
            pending = None
        elif pending and _accepts_next_line(pending, item):
            header.fields[pending] = item
            pending = None
        elif current == "policy_areas" and (
            _looks_like_policy_areas(item) or _header_continues(lines, index + 1)
        ):
            header.policy_lines.append(item)
        elif (
            not header.policy_lines
            and _looks_like_policy_areas(item)
            and _header_continues(lines, index + 1)
        ):
            header.policy_lines.append(item)
            current = "policy_areas"
        elif _continues_value(header, current, item) and (
            current == "relevant_to_ogp_values" or _header_continues(lines, index + 1)
        ):
            header.append(str(current), item)
            pending = None
        else:
            header.next_index = index
            return header
    header.next_index = len(lines)
    return header


def _section_end(lines: Sequence[TextLine], start: int) -> int:
    """Index of the next IRM status-summary heading at or after `start` (or the end)."""
    for index in range(start, len(lines)):
        if heading_kind(lines[index].text) in SUMMARY_HEADINGS:
            return index
    return len(lines)


@dataclass
class _Summary:
    fields: dict[str, str] = field(default_factory=dict)
    milestones: dict[int, str] = field(default_factory=dict)
    languages: list[str] = field(default_factory=list)


@dataclass
class _Section:
    """The IRM status-summary section being read, and where in it the reader is."""

    fields: dict[str, str] = field(default_factory=dict)
    milestones: list[tuple[int, list[str]]] = field(default_factory=list)
    current: str | None = None  # a long field whose text runs on over the next lines
    pending: str | None = None  # a one-line field whose label line had no value
    in_milestones: bool = False
    last_heading: str | None = None
    started: bool = False  # a line other than a heading has been read


def _read_summaries(lines: Sequence[TextLine], start: int) -> _Summary:
    """The IRM midterm / end-of-term status summaries.

    A field read in a later section overrides the earlier one (the end-of-term rating
    is the newer); a milestone number keeps the text of the section it first came in.
    """
    summary = _Summary()
    section = _Section()
    for line in lines[start:]:
        text = line.text
        kind = heading_kind(text)
        if kind in SUMMARY_HEADINGS:
            _close_section(summary, section)
            section = _Section()
            continue
        hit = _summary_label(text, section.last_heading)
        if kind and not hit:
            section.last_heading, section.current, section.pending = kind, None, None
            section.in_milestones = False
            continue
        if hit:
            summary.languages.append(hit.label.language)
            _read_summary_label(section, hit)
        else:
            _read_summary_line(section, text)
        section.started = True
    _close_section(summary, section)
    return summary


def _summary_label(text: str, last_heading: str | None) -> LabelHit | None:
    """A status-summary label, if the line has one that counts where it stands.

    A per-value rating (`Access to Information: Major`) counts only under `Did It Open
    Government?` and only with a rating value: the same words open ordinary sentences
    (`Access to Information: the portal will ...`) in the commitment text and elsewhere.
    """
    hit = match_label(text, frozenset({"status_summary"}))
    if hit and hit.label.field in DIOG_FIELDS:
        if last_heading != "did_it_open_government":
            return None
        if hit.value and not is_rating_value(hit.value):
            return None
    return hit


def _read_summary_label(section: _Section, hit: LabelHit) -> None:
    """A labelled line: what the lines after it belong to (milestones, a running text, or
    the value of a one-line field whose label line had none)."""
    name = hit.label.field
    one_line = name in SHORT_FIELDS or name in SINGLE_LINE_FIELDS
    section.in_milestones = name == "milestones"
    section.current = None if one_line or section.in_milestones else name
    section.pending = name if one_line and not hit.value else None
    if section.in_milestones:
        if hit.value:
            _add_milestone_line(section.milestones, hit.value)
    elif hit.value:
        section.fields[name] = hit.value


def _read_summary_line(section: _Section, text: str) -> None:
    """An unlabelled line: the `N. Title` line opening a section, a milestone, or a value."""
    numbered = _NUMBERED.match(clean_value(text))
    if numbered and not section.started:
        section.fields["commitment_number"] = numbered.group("number")
    elif section.in_milestones:
        _add_milestone_line(section.milestones, text)
    elif section.pending and _accepts_summary_value(section.pending, text):
        section.fields[section.pending] = text
        section.pending = None
    elif section.current:
        previous = section.fields.get(section.current)
        section.fields[section.current] = f"{previous}\n{text}" if previous else text


def _accepts_summary_value(field_name: str, text: str) -> bool:
    """Whether a line may be the value of a one-line summary field whose label had none."""
    if field_name in SINGLE_LINE_FIELDS:
        return len(text) <= _MAX_DATE and bool(_YEAR.search(text))
    return is_rating_value(text)


def _close_section(summary: _Summary, section: _Section) -> None:
    """Fold a finished section into the summary (its fields override earlier sections')."""
    summary.fields.update(section.fields)
    _keep_milestones(summary, section.milestones)


def _add_milestone_line(milestones: list[tuple[int, list[str]]], text: str) -> None:
    """A numbered or bulleted line starts a milestone; any other line continues the last."""
    numbered = _NUMBERED.match(text)
    if numbered:
        milestones.append((int(numbered.group("number")), [numbered.group("text")]))
    elif _BULLET.match(text):
        milestones.append((len(milestones) + 1, [_BULLET.sub("", text)]))
    elif milestones:
        milestones[-1][1].append(text)


def _keep_milestones(summary: _Summary, milestones: list[tuple[int, list[str]]]) -> None:
    """Milestones of one section; a number already read from an earlier section keeps its text."""
    for number, parts in milestones:
        summary.milestones.setdefault(number, squash(" ".join(parts)))


def _clean_url(url: str) -> str:
    """A URL without the punctuation of the sentence around it (a `)` it opened stays)."""
    url = url.rstrip(".,;:'\"’”")
    while url.endswith(")") and url.count(")") > url.count("("):
        url = url[:-1].rstrip(".,;:'\"’”")
    return url


def read_notes(text: str) -> list[Note]:
    """Inline footnotes `[Note N: text, URL ]`, first occurrence of each number.

    The URL is the last one in the note; when the note ends with it, it is taken out of
    the text (an earlier URL, as in a note citing two sources, stays in the text).
    """
    notes: dict[int, Note] = {}
    for match in _NOTE.finditer(text):
        number = int(match.group("number"))
        if number in notes or number < 1:
            continue
        body = squash(match.group("body"))
        found = list(_URL.finditer(body))
        url = _clean_url(found[-1].group()) if found else None
        if found and not body[found[-1].end() :].strip(" .,;)"):
            body = body[: found[-1].start()].rstrip(" ,;")
        notes[number] = Note(number=number, text=body or (url or ""), url=url)
    return [notes[n] for n in sorted(notes)]


def _split_relevance(
    fields: dict[str, str], rejects: list[Reject], location: str, cid: str
) -> None:
    """`Relevant to OGP Values:` is Yes/No (2020–2023) or a list of values (before 2020)."""
    value = fields.get("relevant_to_ogp_values")
    if not value or is_rating_value(value):
        return
    values = split_ogp_values(clean_value(value))
    if values is None:
        rejects.append(
            Reject(
                location,
                "warning",
                f"'Relevant to OGP Values' value {value!r} is neither Yes/No "
                "nor a list of OGP values; not read",
                cid,
            )
        )
        del fields["relevant_to_ogp_values"]
        return
    fields["relevant_to_ogp_values_list"] = value
    fields["relevant_to_ogp_values"] = "Yes"
    for name in (
        "access_to_information",
        "civic_participation",
        "public_accountability",
        "technology",
    ):
        fields[f"relevant_{name}"] = "Yes" if name in values else "No"


def _layout(fields: dict[str, str], labels: set[str]) -> str:
    """The generation of the page's IRM fields, from the labels it shows (values may be empty).

    `Early Results:` and `Verifiable:` are on pre-2020 and 2020–2023 pages alike, so
    only labels of one generation decide: an empty `Ambition` graphic still marks 2020–2023.
    """
    if LAYOUT_2024_FIELDS & labels:
        return "2024"
    if "ambition" in labels:
        return "2020_2023"
    if {"starred", "potential_impact"} & labels or "relevant_to_ogp_values_list" in fields:
        return "pre2020"
    return "unknown"


def _chrome(header: _Header, glued: bool, blank_lines: bool) -> str:
    if glued or not blank_lines:
        return "compact"
    if not AT_A_GLANCE_CORE & header.fields.keys():
        return "no_at_a_glance"
    if not {"overview", "at_a_glance", "institutions", "policy_areas"} & header.headings:
        return "stripped"
    return "full"


def _title(match: re.Match[str], location: str, rejects: list[Reject]) -> str:
    title = squash(_DECORATION.sub("", match.group("title"))).rstrip(" .")
    rest = squash(_DECORATION.sub("", match.group("rest"))).strip(" .")
    if rest:
        rejects.append(
            Reject(
                location,
                "warning",
                f"text {rest!r} after the ID in the title line was left out",
                match.group("id").upper(),
            )
        )
    return title


def read_page(text: str, *, url: str | None = None, language: str | None = None) -> PageReadResult:
    """Parse one page's text: its commitment (if it is a commitment page) and its member list."""
    raw_lines = tidy_lines(text)
    lines, glued = split_glued([TextLine(n, t) for n, t in enumerate(raw_lines, 1) if t])
    blank_lines = any(not t for t in raw_lines[1:-1])
    heading = find_heading(lines)
    body = lines[: heading[0]] if heading else lines
    rejects: list[Reject] = []
    title_index = _find_title(body)
    commitment = None
    if title_index is not None:
        commitment = _read_commitment(body, title_index, glued, blank_lines, url, language, rejects)
    list_lines = lines[heading[0] + 1 :] if heading else (lines if commitment is None else [])
    entries, list_rejects = read_entries(list_lines, list_started=heading is not None)
    rejects.extend(list_rejects)
    member_name = commitment.member_name if commitment else None
    if heading and member_name and fold(heading[1]) != fold(member_name):
        rejects.append(
            Reject(
                f"line {lines[heading[0]].number}",
                "warning",
                f"member list heading names {heading[1]!r} but the page names {member_name!r}",
            )
        )
    return PageReadResult(
        commitment=commitment,
        member_name=member_name or (heading[1] if heading else None),
        member_list=entries,
        rejects=rejects,
    )


def _read_commitment(
    lines: Sequence[TextLine],
    title_index: int,
    glued: bool,
    blank_lines: bool,
    url: str | None,
    language: str | None,
    rejects: list[Reject],
) -> PageCommitment:
    title_line = lines[title_index]
    match = TITLE_RE.match(title_line.text)
    assert match is not None
    commitment_id = match.group("id").upper()
    location = f"line {title_line.number}"
    header = _read_header(lines, title_index + 1)
    summary_start = _section_end(lines, header.next_index)
    description_lines = [line.text for line in lines[header.next_index : summary_start]]
    summary = _read_summaries(lines, summary_start)
    fields = {
        **header.fields,
        **{k: v for k, v in summary.fields.items() if k not in header.fields},
    }
    _split_relevance(fields, rejects, location, commitment_id)
    for name in list(fields):
        fields[name] = fields[name].strip()
    languages = Counter(header.languages + summary.languages)
    page_language = language or (languages.most_common(1)[0][0] if languages else "en")
    return PageCommitment(
        commitment_id=commitment_id,
        location=location,
        title=_title(match, location, rejects),
        member_name=_member_line(lines, title_index),
        url=url,
        language=page_language,
        layout=_layout(fields, header.labels),
        chrome=_chrome(header, glued, blank_lines),
        fields=fields,
        description="\n".join(description_lines) or None,
        policy_areas=split_policy_areas("\n".join(header.policy_lines)),
        lead_institutions=split_institutions(fields.get("lead_institution")),
        support_institutions=split_institutions(fields.get("support_institution")),
        milestones=[Milestone(n, t) for n, t in sorted(summary.milestones.items())],
        notes=read_notes("\n".join(line.text for line in lines)),
    )
