"""The splitter against the hand-read truth set (tests/data/institutions_truth.jsonl).

The truth was written down by reading every lead and support field of the sample export,
the sample page and the fixtures (rules: tests/data/README.md), not by running the
splitter. `python scripts/score_institutions.py --misses` shows every disagreement.
"""

from __future__ import annotations

import pytest

from pipeline.raw.fields.institutions import split_institutions
from scripts.score_institutions import body_key, is_fragment, read_truth, score_field, total

TRUTH = read_truth()


def test_the_truth_set_covers_every_sample_and_fixture_field() -> None:
    sources = {line["source"] for line in TRUTH}
    assert "samples/ogp-export/ogp_commitments_export_sample.csv" in sources
    assert "samples/ogp-pages/UK0073.txt" in sources
    export = [line for line in TRUTH if line["source"].startswith("samples/ogp-export")]
    assert len(export) == 2 * 153  # lead and support of every row
    assert all({"record", "member", "field", "text", "bodies"} <= set(line) for line in TRUTH)
    # Each body is written as the field writes it (hard wraps joined): its words are there.
    for line in TRUTH:
        text = body_key(line["text"].replace("&#39;", "'"))
        for body in line["bodies"]:
            assert body_key(body) in text, (line["record"], body)


def test_the_splitter_scores_f1_of_95_percent_or_more_on_the_truth_set() -> None:
    score = total([score_field(line) for line in TRUTH])
    print(f"institution splitter on the truth set: {score}")
    assert score.f1 >= 0.95, str(score)


@pytest.mark.parametrize("line", TRUTH, ids=lambda line: f"{line['record']}-{line['field']}")
def test_no_name_read_is_a_fragment(line: dict) -> None:
    for name in split_institutions(line["text"]):
        assert not is_fragment(name), name
        # no list mark, separator or stray punctuation left at either end
        assert name[:1].isalnum() or name[:1] in "\"“«'(", name
        assert name[-1:].isalnum() or name[-1:] in "\"”»'.)/", name
