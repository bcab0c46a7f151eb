"""Seeded synthetic raw sources at any size: an OGP export CSV and commitment pages.

Writes a sources folder the pipeline reads like a real one:

    OUT/ogp-export/ogp_commitments_export_synthetic.csv (+ .meta.json sidecar)
    OUT/ogp-pages/<ID>.txt (+ .meta.json sidecar), K of them

Everything is drawn from the real material in the repository, never invented:

- header: the 171-column header of samples/ogp-export (copied cell for cell);
- member: vocab/members.csv, weighted by each member's row count in the sample (members
  absent from the sample get weight 0.5, so every reference member occurs at scale);
  Country/Locality, Code, Region, National Or Local from members.csv;
- commitment ID: the member's prefix as the sample writes it (`UK` for the United
  Kingdom, `TB` for Tbilisi), else derived (2 letters for a national member, 3 for a
  local one), then 4 digits counted per member; past 9,999 the prefix grows a letter
  (`UK` → `UKA` → ... → `UKAA`), skipping any prefix another member uses, so IDs stay
  unique and match `^[A-Z]{2,4}[0-9]{4}$`;
- plan block (Action Plan Number, Year Of Submission, End Year, Duration, Start Date,
  End Date): drawn jointly from one sample row, so years and the mixed date formats
  (`1/1/2023`, `April 2012`, `8/1/18`, `NA`, even `43525`) keep the sample's mix and
  stay consistent with one another; Commitment Number counts within (member, plan);
- policy-area flags: each of the 86 columns drawn on its own from that column's
  distribution of `0` / `1` / `ND` in the sample;
- IRM block (Report Publication Year ... Binding constraint, Latest IRM Report,
  Subnational in NAPs): drawn jointly from one sample row, so every column has the
  sample's frequencies of codes and placeholders (ND / NR / NA) and each coded column
  agrees with its `_` numeric twin; cluster ID lists are rewritten to this member's IDs;
- text: Commitment Title, Short Title and Full Text lengths drawn from the sample's
  lengths; the words from a seeded pick of the sample's own words (English and
  Spanish, punctuation kept), Full Text in paragraphs (bare LF inside quoted cells);
- institutions: Lead / Supporting cells drawn from the sample's cells, or (half of the
  leads) a generated body named with a headword of vocab/institution_headwords.csv;
- Theme: drawn from the sample's themes.

Deterministic: one `random.Random(seed)` drives everything and every vocabulary is read
in file order, so the same N, seed and K give byte-identical files. Rows are streamed to
disk one at a time; memory does not grow with N (beyond one counter per member/plan).

    PYTHONPATH=. .venv/bin/python bench/synthetic.py OUT_DIR --commitments N --seed S [--pages K]
"""

from __future__ import annotations

import argparse
import bisect
import csv
import itertools
import json
import random
import re
import string
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from pipeline.vocabulary import read_vocab

ROOT = Path(__file__).resolve().parent.parent
SAMPLE_CSV = ROOT / "samples" / "ogp-export" / "ogp_commitments_export_sample.csv"
EXPORT_NAME = "ogp_commitments_export_synthetic.csv"
ID_RE = re.compile(r"^[A-Z]{2,4}[0-9]{4}$")
_CLUSTER_IDS = re.compile(r"[A-Z]{2,4}\d{4}")
RETRIEVED_AT = "2026-01-01T00:00:00Z"  # fixed: sidecars must not depend on the clock
WORD_POOL = 4000  # distinct words the generator writes with
URL_BASE = "https://opengovpartnership.org/members"
ORDINALS = ("First", "Second", "Third", "Fourth", "Fifth", "Sixth", "Seventh", "Eighth")

# Column groups of the export, by header (positions checked against the sample's header).
PLAN_COLUMNS = (
    "Action Plan Number",
    "Year Of Submission",
    "Action Plan End Year",
    "Action Plan Duration (Years)",
    "Start Date",
    "End Date",
)
IRM_FIRST, IRM_LAST = "Report Publication Year (Progress Report)", "Binding constraint"
IRM_EXTRA = ("Latest IRM Report", "Subnational in NAPs")


@dataclass(frozen=True)
class Member:
    member_id: str
    name: str
    code: str
    region: str
    national_or_local: str
    prefix: str


@dataclass(frozen=True)
class Model:
    """Everything the generator draws from, read once from the sample and vocabularies."""

    header: list[str]
    members: list[Member]
    member_cum: list[float]
    plan_rows: list[tuple[str, ...]]  # PLAN_COLUMNS cells per sample row
    irm_columns: list[int]  # header positions of the IRM block
    irm_rows: list[tuple[str, ...]]
    area_columns: list[int]
    area_draws: list[tuple[list[str], list[float]]]  # per area column: values, cum weights
    area_names: dict[str, str]  # export column -> page name
    themes: list[str]
    leads: list[str]
    supports: list[str]
    headwords: list[str]
    title_lengths: list[int]
    short_lengths: list[int]
    text_lengths: list[int]
    words: list[str]


def _cumulative(weights: Sequence[float]) -> list[float]:
    return list(itertools.accumulate(weights))


def _prefixes(members: list[dict[str, str]], seen: dict[str, str]) -> dict[str, str]:
    """member_id -> ID prefix: the sample's where it has one, else derived and unique."""
    taken = set(seen.values())
    out: dict[str, str] = {}
    for row in members:
        member_id = row["member_id"]
        if member_id in seen:
            out[member_id] = seen[member_id]
            continue
        letters = re.sub(r"[^A-Z]", "", (row["ogp_code"] or row["member_id"]).upper())
        width = 2 if row["member_type"] == "national" else 3
        candidates = [letters[:width]]
        candidates += [letters[0] + c for c in letters[1:]] if width == 2 else []
        candidates += [
            letters[0] + "".join(p)
            for p in itertools.product(string.ascii_uppercase, repeat=width - 1)
        ]
        prefix = next(c for c in candidates if len(c) == width and c not in taken)
        taken.add(prefix)
        out[member_id] = prefix
    return out


@cache
def model() -> Model:
    """The distributions of the sample export and the reference vocabularies."""
    with SAMPLE_CSV.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    header, data = rows[0], rows[1:]
    at = {name: i for i, name in enumerate(header)}
    members_vocab = read_vocab("members")
    by_name = {r["name"]: r for r in members_vocab}
    sample_counts = Counter(row[at["Country/Locality"]] for row in data)
    seen_prefix = {
        by_name[row[at["Country/Locality"]]]["member_id"]: row[at["Commitment Unique Identifier"]][
            :-4
        ]
        for row in data
    }
    prefixes = _prefixes(members_vocab, seen_prefix)
    members = [
        Member(
            member_id=r["member_id"],
            name=r["name"],
            code=r["ogp_code"] or r["country_code"],
            region=r["region"],
            national_or_local="National" if r["member_type"] == "national" else "Legacy Local",
            prefix=prefixes[r["member_id"]],
        )
        for r in members_vocab
    ]
    weights = [float(sample_counts.get(m.name, 0)) or 0.5 for m in members]
    area_vocab = read_vocab("policy_areas")
    area_headers = [r["export_column"] for r in area_vocab if r["export_column"]]
    area_columns = [at[h] for h in area_headers]
    area_draws = []
    for column in area_columns:
        counts = Counter(row[column] for row in data)
        values = sorted(counts)
        area_draws.append((values, _cumulative([counts[v] for v in values])))
    irm_columns = list(range(at[IRM_FIRST], at[IRM_LAST] + 1)) + [at[h] for h in IRM_EXTRA]
    plan_at = [at[h] for h in PLAN_COLUMNS]
    words = Counter(
        word
        for row in data
        for column in ("Commitment Title", "Short Title", "Full Text")
        for word in row[at[column]].split()
        if "@" not in word and "http" not in word and not any(ch.isdigit() for ch in word)
    )
    # The most frequent words, ties in alphabetical order: deterministic, realistic mix.
    pool = [w for w, _ in sorted(words.items(), key=lambda item: (-item[1], item[0]))][:WORD_POOL]
    return Model(
        header=header,
        members=members,
        member_cum=_cumulative(weights),
        plan_rows=[tuple(row[i] for i in plan_at) for row in data],
        irm_columns=irm_columns,
        irm_rows=[tuple(row[i] for i in irm_columns) for row in data],
        area_columns=area_columns,
        area_draws=area_draws,
        area_names={r["export_column"]: r["name"] for r in area_vocab if r["export_column"]},
        themes=[row[at["Theme"]] for row in data],
        leads=[row[at["Lead Institution"]] for row in data],
        supports=[row[at["Supporting Institution(s)"]] for row in data],
        headwords=[r["word"] for r in read_vocab("institution_headwords")],
        title_lengths=[len(row[at["Commitment Title"]]) for row in data],
        short_lengths=[len(row[at["Short Title"]]) for row in data],
        text_lengths=[len(row[at["Full Text"]]) for row in data],
        words=pool,
    )


class Generator:
    """One seeded stream of synthetic commitments (rows of the export, in order)."""

    def __init__(self, seed: int) -> None:
        self.m = model()
        self.rng = random.Random(seed)
        self.next_number: dict[str, int] = {}  # member_id -> commitments so far
        self.plan_numbers: dict[tuple[str, str], int] = {}
        self.taken = {m.prefix for m in self.m.members}
        self.extra_prefixes: dict[tuple[str, int], str] = {}
        self.at = {name: i for i, name in enumerate(self.m.header)}

    # --- text ---------------------------------------------------------------------
    def words(self, length: int) -> str:
        """About `length` characters of the sample's words (at least one word)."""
        count = max(1, round(length / 7.2))
        return " ".join(self.rng.choices(self.m.words, k=count))

    def title(self, lengths: list[int]) -> str:
        text = self.words(self.rng.choice(lengths)).strip(" ,;:")
        return (text[:1].upper() + text[1:]) or "Commitment"

    def full_text(self) -> str:
        words = self.rng.choices(
            self.m.words, k=max(8, round(self.rng.choice(self.m.text_lengths) / 7.2))
        )
        paragraphs = [" ".join(words[i : i + 90]) for i in range(0, len(words), 90)]
        return "\n\n".join(paragraphs)

    def lead(self) -> str:
        if self.rng.random() < 0.5:
            return self.rng.choice(self.m.leads)
        head = self.rng.choice(self.m.headwords)
        topic = " ".join(w.strip(".,;:()\"'“”") for w in self.rng.choices(self.m.words, k=2))
        return f"{head} of {topic.title()}".strip()

    # --- identifiers --------------------------------------------------------------
    def prefix(self, member: Member, block: int) -> str:
        """The prefix of a member's `block`-th run of 9,999 IDs (0: its own prefix)."""
        if block == 0:
            return member.prefix
        key = (member.member_id, block)
        if key not in self.extra_prefixes:
            for size in (1, 2):
                found = None
                for letters in itertools.product(string.ascii_uppercase, repeat=size):
                    candidate = member.prefix + "".join(letters)
                    if len(candidate) <= 4 and candidate not in self.taken:
                        found = candidate
                        break
                if found:
                    break
            if found is None:
                raise ValueError(f"no prefix left for {member.member_id}")
            self.taken.add(found)
            self.extra_prefixes[key] = found
        return self.extra_prefixes[key]

    def commitment_id(self, member: Member) -> str:
        n = self.next_number.get(member.member_id, 0)
        self.next_number[member.member_id] = n + 1
        block, serial = divmod(n, 9999)
        return f"{self.prefix(member, block)}{serial + 1:04d}"

    # --- rows -----------------------------------------------------------------------
    def row(self, index: int) -> tuple[list[str], Member]:
        m, rng, at = self.m, self.rng, self.at
        member = m.members[bisect.bisect_right(m.member_cum, rng.random() * m.member_cum[-1])]
        cid = self.commitment_id(member)
        cells = [""] * len(m.header)
        plan = rng.choice(m.plan_rows)
        for name, value in zip(PLAN_COLUMNS, plan, strict=True):
            cells[at[name]] = value
        plan_key = (member.member_id, plan[0])
        number = self.plan_numbers.get(plan_key, 0) + 1
        self.plan_numbers[plan_key] = number
        cells[at["Commitment Unique Identifier"]] = cid
        cells[at["Country/Locality"]] = member.name
        cells[at["Commitment Number"]] = str(number)
        cells[at["Code"]] = member.code
        cells[at["Region"]] = member.region
        cells[at["National Or Local"]] = member.national_or_local
        cells[at["Commitment Dummy"]] = "1"
        cells[at["Theme"]] = rng.choice(m.themes)
        cells[at["Commitment Title"]] = self.title(m.title_lengths)
        cells[at["Short Title"]] = self.title(m.short_lengths)
        cells[at["Full Text"]] = self.full_text()
        cells[at["Lead Institution"]] = self.lead()
        cells[at["Supporting Institution(s)"]] = rng.choice(m.supports)
        for column, (values, cum) in zip(m.area_columns, m.area_draws, strict=True):
            cells[column] = values[bisect.bisect_right(cum, rng.random() * cum[-1])]
        irm = rng.choice(m.irm_rows)
        for column, value in zip(m.irm_columns, irm, strict=True):
            cells[column] = value
        cluster = at["Cluster Commitment ID(s)"]
        if _CLUSTER_IDS.search(cells[cluster]):
            n = self.next_number[member.member_id]
            other = (
                f"{self.prefix(member, (n - 2) // 9999)}{(n - 2) % 9999 + 1:04d}" if n > 1 else cid
            )
            cells[cluster] = ", ".join(dict.fromkeys([other, cid]))
        cells[at["URL"]] = f"{URL_BASE}/{member.member_id}/commitments/{cid.lower()}/"
        cells[at["Action Plan ID"]] = f"AP_{member.code}{int(plan[0] or 1):02d}"
        cells[at["id"]] = str(10_000 + index)
        return cells, member


# --- pages ----------------------------------------------------------------------------
_PAGE_VALUES = {
    "Verifiable": {"Yes", "No"},
    "Potential Impact": {"None", "Minor", "Moderate", "Transformative"},
    "Completion": {"Not Started", "Limited", "Substantial", "Complete"},
    "Did It Open Government (Overall)": {
        "Worsens",
        "Did Not Change",
        "Marginal",
        "Major",
        "Outstanding",
    },
}


OVERALL = "Did It Open Government (Overall)"


def page_text(
    cells: list[str],
    member: Member,
    at: dict[str, str | int],
    area_names: dict[str, str],
    gen: Generator | None = None,
) -> str:
    """A commitment page in the pre-2020 layout of samples/ogp-pages/UK0073.txt."""

    def cell(name: str) -> str:
        return cells[at[name]]  # type: ignore[index]

    def rating(name: str, value: str) -> str:
        return value if value in _PAGE_VALUES[name] else ""

    year = cell("Year Of Submission")
    end = cell("Action Plan End Year")
    plan_number = int(cell("Action Plan Number") or 1)
    ordinal = ORDINALS[min(plan_number, len(ORDINALS)) - 1]
    plan_title = f"{member.name} – {ordinal} National Action Plan {year}-{end[-2:]}"
    areas = [area_names[h] for h in area_names if cells[at[h]] == "1"]  # type: ignore[index]
    starred = {"1": "Yes", "0": "No"}.get(cell("Starred (2015 Only)"), "")
    completion = cell("Completion (End Of Term)")
    if completion not in _PAGE_VALUES["Completion"]:
        completion = cell("Completion (Progress Report)")
    values = [
        label
        for label, header in (
            ("Access to Information", "OGP Value Access To Information"),
            ("Civic Participation", "OGP Value Civic Participation"),
            ("Public Accountability", "OGP Value Public Accountability"),
            ("Technology", "OGP Value Technology"),
        )
        if cell(header) == "1"
    ]
    one_line = lambda text: " ".join(text.split())  # noqa: E731
    lines = [
        "Skip Navigation",
        member.name,
        "",
        f"{cell('Short Title')} ({cell('Commitment Unique Identifier')})",
        "",
        "Overview",
        "",
        "At-a-Glance",
        "",
        f"Action Plan: {plan_title}",
        "",
        f"Action Plan Cycle: {year}",
        "",
        f"Status: {'Inactive' if end and end < '2024' else 'Active'}",
        "",
        "Institutions",
        "",
        f"Lead Institution: {one_line(cell('Lead Institution'))}",
        "",
        f"Support Institution(s): {one_line(cell('Supporting Institution(s)'))}",
        "",
        "Policy Areas",
        "",
        ", ".join(areas),
        "",
        "IRM Review",
        "",
        f"IRM Report: {member.name} End-of-Term Report {year}-{end}, "
        f"{member.name} Mid-Term Report {year}-{end}",
        "",
        f"Starred: {starred}",
        "",
        f"Early Results: {rating(OVERALL, cell(OVERALL))}",
        "",
        "Design i",
        "",
        f"Verifiable: {rating('Verifiable', cell('Verifiable'))}",
        "",
        f"Relevant to OGP Values: {' '.join(values)}",
        "",
        f"Potential Impact: {rating('Potential Impact', cell('Potential Impact'))}",
        "",
        "Implementation i",
        "",
        f"Completion: {rating('Completion', completion)}",
        "",
        "Description",
        "",
        cell("Full Text"),
        "",
    ]
    if gen is not None:
        lines += irm_summary(cells, at, gen, cell("Short Title"), completion)
    return "\n".join(line.rstrip() for line in lines)


def irm_summary(
    cells: list[str], at: dict[str, str | int], gen: Generator, title: str, completion: str
) -> list[str]:
    """An `IRM End of Term Status Summary` like UK0073's: commitment text, 2-6 numbered
    milestones, dates, status text with 0-4 inline `[Note N: text, URL ]` footnotes."""
    rng = gen.rng
    milestones = [gen.title(gen.m.title_lengths) for _ in range(rng.randint(2, 6))]
    first_note = rng.randint(1, 150)
    notes = [
        f"[Note {first_note + i}: {gen.title(gen.m.short_lengths)}, "
        f"https://www.example.org/{gen.rng.randrange(10**6)}/report.pdf ]"
        for i in range(rng.randint(0, 4))
    ]
    status = gen.words(rng.choice(gen.m.text_lengths) // 4) + " " + " ".join(notes)
    lines = [
        "IRM End of Term Status Summary",
        "",
        f"{cells[at['Commitment Number']]}. {title}",  # type: ignore[index]
        "",
        f"Commitment Text: {gen.words(rng.choice(gen.m.title_lengths) * 2)}",
        "",
        "Milestones:",
        "",
    ]
    for number, text in enumerate(milestones, start=1):
        lines += [f"{number}. {text}", ""]
    lines += [
        f"Start date: {cells[at['Start Date']]}",  # type: ignore[index]
        "",
        f"End date: {cells[at['End Date']]}",  # type: ignore[index]
        "",
        "Status",
        "",
        f"End of term: {completion if completion in _PAGE_VALUES['Completion'] else ''}",
        "",
        status.strip(),
        "",
    ]
    return lines


def page_sidecar(cid: str, member: Member, title: str) -> str:
    return (
        json.dumps(
            {
                "url": f"https://www.opengovpartnership.org/members/{member.member_id}/commitments/{cid}/",
                "publisher": "Open Government Partnership",
                "title": f"Commitment page {cid}, {title} (synthetic text rendition)",
                "license": "CC-BY-4.0",
                "retrieved_at": RETRIEVED_AT,
                "notes": "Synthetic page generated by bench/synthetic.py; older page layout.",
            },
            indent=2,
            ensure_ascii=False,
        )
        + "\n"
    )


def default_pages(n: int) -> int:
    return min(n // 100, 1000)


@dataclass(frozen=True)
class Written:
    export: Path
    pages: list[Path]
    commitments: int
    bytes: int


def generate(out: Path | str, commitments: int, seed: int, pages: int | None = None) -> Written:
    """Write the sources folder; returns what was written. Same arguments → same bytes."""
    out = Path(out)
    pages = default_pages(commitments) if pages is None else min(pages, commitments)
    export_dir, pages_dir = out / "ogp-export", out / "ogp-pages"
    export_dir.mkdir(parents=True, exist_ok=True)
    if pages:
        pages_dir.mkdir(parents=True, exist_ok=True)
    gen = Generator(seed)
    step = commitments // pages if pages else 0
    export = export_dir / EXPORT_NAME
    page_paths: list[Path] = []
    with export.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\r\n")
        writer.writerow(gen.m.header)
        for index in range(commitments):
            cells, member = gen.row(index)
            writer.writerow(cells)
            if step and index % step == 0 and len(page_paths) < pages:
                cid = cells[gen.at["Commitment Unique Identifier"]]
                path = pages_dir / f"{cid}.txt"
                path.write_text(
                    page_text(cells, member, gen.at, gen.m.area_names, gen), encoding="utf-8"
                )
                sidecar = path.with_name(path.name + ".meta.json")
                sidecar.write_text(
                    page_sidecar(cid, member, cells[gen.at["Short Title"]]), encoding="utf-8"
                )
                page_paths.append(path)
    meta = {
        "url": "https://example.invalid/ogp-commitments/synthetic-export.csv",
        "publisher": "Open Government Partnership",
        "title": f"Synthetic OGP commitments export, {commitments} rows (seed {seed})",
        "license": "CC-BY-4.0",
        "retrieved_at": RETRIEVED_AT,
        "notes": "Generated by bench/synthetic.py from the distributions of samples/ogp-export.",
    }
    (export_dir / f"{EXPORT_NAME}.meta.json").write_text(
        json.dumps(meta, indent=2) + "\n", encoding="utf-8"
    )
    return Written(export, page_paths, commitments, export.stat().st_size)


def iter_ids(path: Path) -> Iterator[str]:
    """Commitment IDs of a generated export, in order (for checks)."""
    with path.open(newline="", encoding="utf-8") as handle:
        reader = csv.reader(handle)
        next(reader)
        for row in reader:
            yield row[0]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, help="sources folder to write")
    parser.add_argument("--commitments", type=int, required=True, metavar="N")
    parser.add_argument("--seed", type=int, default=0, metavar="S")
    parser.add_argument(
        "--pages", type=int, default=None, metavar="K", help="default min(N/100, 1000)"
    )
    args = parser.parse_args(argv)
    written = generate(args.out, args.commitments, args.seed, args.pages)
    print(f"{written.export}: {written.commitments:,} rows, {written.bytes:,} bytes; ", end="")
    print(f"{len(written.pages)} pages")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
