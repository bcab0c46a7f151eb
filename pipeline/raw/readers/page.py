"""Commitment pages (a text rendition, or HTML rendered to text) → one PageReadResult.

The page is read in parts: the title line and the member line above it (here), the
header (page_header), the description up to the IRM status summaries (page_summary),
inline notes anywhere (page_notes) and the member's list of commitments at the foot
(member_list). Chrome varies independently of content (full, stripped headings, no
at-a-glance block, compact with headings glued to values, a banner line first), so
nothing depends on a heading being there.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from pipeline.raw.fields.institutions import contact_details, split_institutions, split_roles
from pipeline.raw.fields.lists import split_policy_areas
from pipeline.raw.readers.member_list import TextLine, find_heading, heading_language, read_entries
from pipeline.raw.readers.page_header import Header, read_header
from pipeline.raw.readers.page_lines import (
    BULLET,
    DECORATION,
    clean_value,
    heading_kind,
    is_rating_value,
    match_label,
    ogp_value_list,
    page_heading_language,
    split_glued,
)
from pipeline.raw.readers.page_notes import read_notes
from pipeline.raw.readers.page_summary import read_summaries, section_end
from pipeline.raw.source_records import Milestone, PageCommitment, PageReadResult, Reject
from pipeline.textutil import COMMITMENT_ID, fold, squash, tidy_lines

__all__ = ["is_rating_value", "read_notes", "read_page"]

TITLE_RE = re.compile(rf"^(?P<title>.*?\S)\s*\((?P<id>{COMMITMENT_ID})\)(?P<rest>.{{0,40}})$", re.I)
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
# Fields only an at-a-glance block shows (of every generation): none read = no block.
AT_A_GLANCE_CORE = frozenset(
    {"action_plan", "action_plan_cycle", "status", "lead_institution", "support_institution"}
    | LAYOUT_2024_FIELDS
    | {"primary_sector"}
)


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


# Words of the survey banner some captures show first (English, Spanish, French).
BANNER_WORDS = frozenset({"survey", "encuesta", "enquete", "sondage"})


def _member_line(lines: Sequence[TextLine], title_index: int) -> str | None:
    """The member name shown just above the title, unless that line is chrome or a banner."""
    if title_index == 0:
        return None
    text = lines[title_index - 1].text
    if heading_kind(text) or BULLET.match(text) or ":" in text or "http" in text.lower():
        return None
    if len(text) > 80 or len(text.split()) > 8 or text[-1] in ".!?":
        return None
    if any(word in BANNER_WORDS for word in re.findall(r"\w+", fold(text))):
        return None
    return text


OGP_VALUE_NAMES = (
    "access_to_information",
    "civic_participation",
    "public_accountability",
    "technology",
)


def _split_relevance(
    fields: dict[str, str], rejects: list[Reject], location: str, cid: str
) -> None:
    """OGP values a page names, as one Yes/No flag per value.

    `Relevant to OGP Values:` is Yes/No (2020–2023) or a list of values (before 2020);
    2024+ pages list them as `OGP Value:` bullets (and may rate relevance Yes/No in the
    inception report summary). A list sets every value's flag: named Yes, others No.
    """
    for name in ("relevant_to_ogp_values", "ogp_value"):
        value = fields.get(name)
        if not value or is_rating_value(value):
            continue
        values = ogp_value_list(value)
        if values is None:
            label = "Relevant to OGP Values" if name != "ogp_value" else "OGP Value"
            rejects.append(
                Reject(
                    location,
                    "warning",
                    f"'{label}' value {value!r} is neither Yes/No "
                    "nor a list of OGP values; not read",
                    cid,
                )
            )
            del fields[name]
            continue
        if name == "relevant_to_ogp_values":
            fields["relevant_to_ogp_values_list"] = value
            fields["relevant_to_ogp_values"] = "Yes"
        for value_name in OGP_VALUE_NAMES:
            fields[f"relevant_{value_name}"] = "Yes" if value_name in values else "No"


def _layout(fields: dict[str, str], labels: set[str], headings: set[str]) -> str:
    """The generation of the page's IRM fields, from the labels it shows (values may be empty).

    `Early Results:` and `Verifiable:` are on pre-2020 and 2020–2023 pages alike, so
    only labels of one generation decide: an empty `Ambition` graphic still marks 2020–2023.
    A 2024+ page without its at-a-glance block still has its inception report summary
    (the heading, or `Potential for Results:` when headings are stripped); that counts
    after `Ambition`, which no 2024+ page shows.
    """
    if LAYOUT_2024_FIELDS & labels:
        return "2024"
    if "ambition" in labels:
        return "2020_2023"
    if "inception_report_summary" in headings or "potential_for_results" in labels:
        return "2024"
    if {"starred", "potential_impact"} & labels or "relevant_to_ogp_values_list" in fields:
        return "pre2020"
    return "unknown"


def _chrome(header: Header, glued: bool, blank_lines: bool) -> str:
    if glued or not blank_lines:
        return "compact"
    if not AT_A_GLANCE_CORE & header.fields.keys():
        return "no_at_a_glance"
    if not {"overview", "at_a_glance", "institutions", "policy_areas"} & header.headings:
        return "stripped"
    return "full"


def _title(match: re.Match[str], location: str, rejects: list[Reject]) -> str:
    title = squash(DECORATION.sub("", match.group("title"))).rstrip(" .")
    rest = squash(DECORATION.sub("", match.group("rest"))).strip(" .")
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


INSTITUTION_FIELDS = {
    "lead_institution": "Lead Institution",
    "support_institution": "Support Institution(s)",
    "institutions_involved": "Institutions involved",
}


def _flag_contacts(fields: dict[str, str], rejects: list[Reject], location: str, cid: str) -> None:
    """A warning for each institution field holding a person's contact details (left out
    of the institution names; the reason never repeats them)."""
    for name, label in INSTITUTION_FIELDS.items():
        if contact_details(fields.get(name)):
            reason = (
                f"'{label}' holds a person's contact details (e-mail or phone); "
                "left out of the institution names"
            )
            rejects.append(Reject(location, "warning", reason, cid))


def _policy_areas(policy_lines: list[str], primary: str | None) -> list[str]:
    """The page's policy areas: its list, with the 2024+ primary area first if not listed."""
    areas = split_policy_areas("\n".join(policy_lines))
    return areas if not primary or primary in areas else [primary, *areas]


def _language_votes(lines: Sequence[TextLine], heading: tuple[int, str] | None) -> list[str]:
    """Languages the page's headings speak: chrome headings of one language only
    (`Saltar navegación`, `Áreas de política`; not `Description`, French as well as
    English) and the member-list heading. They decide for a page that shows few labels
    or none (title, `Descripción`, text)."""
    body = lines[: heading[0]] if heading else lines
    votes = [lang for line in body if (lang := page_heading_language(line.text))]
    return votes + ([heading_language(lines[heading[0]].text)] if heading else [])


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
        votes = _language_votes(lines, heading)
        commitment = _read_commitment(
            body, title_index, (glued, blank_lines), url, language or votes, rejects
        )
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
    if commitment:
        page_language = commitment.language
    elif heading:
        page_language = language or heading_language(lines[heading[0]].text)
    else:
        page_language = language or "en"
    return PageReadResult(
        commitment=commitment,
        member_name=member_name or (heading[1] if heading else None),
        member_list=entries,
        rejects=rejects,
        language=page_language,
    )


def _read_commitment(
    lines: Sequence[TextLine],
    title_index: int,
    compact: tuple[bool, bool],
    url: str | None,
    language: str | list[str],
    rejects: list[Reject],
) -> PageCommitment:
    """The commitment of a page whose title line is `lines[title_index]`.

    `compact` says whether headings were glued and whether the page had blank lines;
    `language` is the page's language when known (HTML `lang`), else the votes of its
    headings, which are added to the votes of the labels read.
    """
    title_line = lines[title_index]
    match = TITLE_RE.match(title_line.text)
    assert match is not None
    commitment_id = match.group("id").upper()
    location = f"line {title_line.number}"
    header = read_header(lines, title_index + 1)
    summary_start = section_end(lines, header.next_index)
    description_lines = [line.text for line in lines[header.next_index : summary_start]]
    summary = read_summaries(lines, summary_start)
    fields = {
        **header.fields,
        **{k: v for k, v in summary.fields.items() if k not in header.fields},
    }
    _split_relevance(fields, rejects, location, commitment_id)
    for name in list(fields):
        fields[name] = fields[name].strip()
    primary = clean_value(fields.get("primary_policy_area", "")) or None
    lead, support = split_roles(fields.get("lead_institution"), fields.get("support_institution"))
    _flag_contacts(fields, rejects, location, commitment_id)
    if isinstance(language, str):
        page_language = language
    else:
        languages = Counter(header.languages + summary.languages + language)
        page_language = languages.most_common(1)[0][0] if languages else "en"
    return PageCommitment(
        commitment_id=commitment_id,
        location=location,
        title=_title(match, location, rejects),
        member_name=_member_line(lines, title_index),
        url=url,
        language=page_language,
        layout=_layout(fields, header.labels, header.headings),
        chrome=_chrome(header, *compact),
        fields=fields,
        description="\n".join(description_lines) or None,
        policy_areas=_policy_areas(header.policy_lines, primary),
        lead_institutions=lead,
        support_institutions=support,
        involved_institutions=split_institutions(fields.get("institutions_involved")),
        primary_policy_area=primary,
        milestones=[Milestone(n, t) for n, t in sorted(summary.milestones.items())],
        notes=read_notes("\n".join(line.text for line in lines)),
    )
