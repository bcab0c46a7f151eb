"""The seeded synthetic sources (bench/synthetic.py): readable, deterministic, realistic."""

from __future__ import annotations

import csv
import hashlib
import importlib.util
import sys
from collections import Counter
from pathlib import Path

import pytest

from pipeline.raw.readers.export import policy_area_headers, read_export
from pipeline.raw.readers.page import read_page
from pipeline.vocabulary import read_vocab

ROOT = Path(__file__).resolve().parents[2]
N = 200


def _load_synthetic():
    spec = importlib.util.spec_from_file_location(
        "bench_synthetic", ROOT / "bench" / "synthetic.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("bench_synthetic", module)
    spec.loader.exec_module(module)
    return module


synthetic = _load_synthetic()


def _digests(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("synthetic") / "seed7"
    synthetic.generate(out, N, seed=7, pages=5)
    return out


def _rows(folder: Path) -> tuple[list[str], list[list[str]]]:
    with (folder / "ogp-export" / synthetic.EXPORT_NAME).open(newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    return rows[0], rows[1:]


def test_export_is_read_without_errors(generated: Path) -> None:
    result = read_export((generated / "ogp-export" / synthetic.EXPORT_NAME).read_bytes())
    errors = [r for r in result.rejects if r.severity == "error"]
    assert errors == []
    assert len(result.rows) == N
    # Every column of the header is an export column the reader knows: no column warnings.
    assert not [r for r in result.rejects if r.location.startswith("column")]
    assert result.policy_areas and result.institutions


def test_header_is_the_samples(generated: Path) -> None:
    header, rows = _rows(generated)
    with synthetic.SAMPLE_CSV.open(newline="", encoding="utf-8") as f:
        assert header == next(csv.reader(f))
    assert len(header) == 171
    assert all(len(row) == 171 for row in rows)
    raw = (generated / "ogp-export" / synthetic.EXPORT_NAME).read_bytes()
    assert raw.count(b"\r\n") >= N + 1  # CRLF rows, like OGP's export


def test_ids_unique_and_valid(generated: Path) -> None:
    _, rows = _rows(generated)
    ids = [row[0] for row in rows]
    assert len(set(ids)) == N
    assert all(synthetic.ID_RE.match(i) for i in ids)


def test_ids_past_9999_per_member_change_prefix() -> None:
    gen = synthetic.Generator(seed=1)
    member = next(m for m in gen.m.members if m.member_id == "united-kingdom")
    ids = [gen.commitment_id(member) for _ in range(2 * 9999 + 5)]
    assert len(set(ids)) == len(ids)
    assert all(synthetic.ID_RE.match(i) for i in ids)
    assert ids[0] == "UK0001" and ids[9998] == "UK9999"
    assert ids[9999] != "UK0001" and ids[9999].startswith("UK") and len(ids[9999]) == 7
    own = {m.prefix for m in gen.m.members if m is not member}
    assert not {i[:-4] for i in ids} & own


def test_pages_are_read_and_match_export(generated: Path) -> None:
    _, rows = _rows(generated)
    by_id = {row[0]: row for row in rows}
    pages = sorted((generated / "ogp-pages").glob("*.txt"))
    assert len(pages) == 5
    for page in pages:
        assert page.with_name(page.name + ".meta.json").is_file()
        result = read_page(page.read_text(encoding="utf-8"))
        assert [r for r in result.rejects if r.severity == "error"] == []
        assert result.commitment is not None
        cid = result.commitment.commitment_id
        assert cid == page.stem and cid in by_id
        assert result.commitment.title == by_id[cid][13]  # the export's Short Title
        assert 2 <= len(result.commitment.milestones) <= 6  # the IRM summary's milestones


def test_same_seed_same_bytes(generated: Path, tmp_path: Path) -> None:
    synthetic.generate(tmp_path / "again", N, seed=7, pages=5)
    assert _digests(tmp_path / "again") == _digests(generated)


def test_different_seed_different_bytes(generated: Path, tmp_path: Path) -> None:
    synthetic.generate(tmp_path / "other", N, seed=8, pages=5)
    ours = _digests(generated)
    other = _digests(tmp_path / "other")
    name = f"ogp-export/{synthetic.EXPORT_NAME}"
    assert ours[name] != other[name]


def test_distributions_follow_the_sample(generated: Path) -> None:
    header, rows = _rows(generated)
    at = {name: i for i, name in enumerate(header)}
    members = {r["name"] for r in read_vocab("members")}
    assert {row[at["Country/Locality"]] for row in rows} <= members
    # IRM codes are the rating vocabulary's, or its placeholders, or what the sample holds.
    ratings = {r["label"] for r in read_vocab("ratings")}
    placeholders = {r["label"] for r in read_vocab("placeholders")}
    sample_header, sample_rows = _rows_of(synthetic.SAMPLE_CSV)
    for column in ("Specificity", "Potential Impact", "Completion (End Of Term)", "Verifiable"):
        values = {row[at[column]] for row in rows}
        assert values <= ratings | placeholders, column
        assert values <= {row[sample_header.index(column)] for row in sample_rows}
    # Policy-area flags: 0 / 1 / ND only, and the most common area of the sample leads.
    areas = policy_area_headers()
    flags = Counter(row[at[h]] for row in rows for h in areas)
    assert set(flags) <= {"0", "1", "ND"}
    ones = Counter(h for row in rows for h in areas if row[at[h]] == "1")
    sample_ones = Counter(
        h for row in sample_rows for h in areas if row[sample_header.index(h)] == "1"
    )
    assert ones.most_common(1)[0][0] in [h for h, _ in sample_ones.most_common(3)]
    # Years drawn from the sample's.
    assert {row[at["Year Of Submission"]] for row in rows} <= {
        row[sample_header.index("Year Of Submission")] for row in sample_rows
    }

    # Full Text lengths of the same order as the sample's (median within a factor 2).
    def median(values: list[int]) -> float:
        return sorted(values)[len(values) // 2]

    ours = median([len(row[at["Full Text"]]) for row in rows])
    theirs = median([len(row[sample_header.index("Full Text")]) for row in sample_rows])
    assert theirs / 2 < ours < theirs * 2


def _rows_of(path: Path) -> tuple[list[str], list[list[str]]]:
    with path.open(newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    return rows[0], rows[1:]
