"""Score the institution splitter against the hand-read truth set.

    python scripts/score_institutions.py [--misses] [--truth PATH]

Each line of the truth set (tests/data/institutions_truth.jsonl, rules in
tests/data/README.md) is one institution field and the bodies a careful reader finds in
it. The splitter (`pipeline.raw.fields.institutions.split_institutions`) reads the same
text; a body it finds counts as right when a body of the truth has the same comparison
key (case, accents and every character that is not a letter or digit ignored). Prints
precision, recall and F1 over all bodies (micro-averaged), per source, and with
`--misses` every field where the two differ.
"""

from __future__ import annotations

import argparse
import json
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from pipeline.raw.fields.institutions import split_institutions
from pipeline.textutil import fold

TRUTH = Path(__file__).resolve().parent.parent / "tests" / "data" / "institutions_truth.jsonl"


# A name ending in a connector (`Economy, The National Agency of`, `Dirección General de`)
# or a connector alone is a fragment of a hard-wrapped or cut line, not a body.
FRAGMENT = re.compile(
    r"(?:^|\s)(?:of|for|the|and|on|to|de|del|la|las|los|el|y|e|et|des|du|le|les|&)$",
    re.IGNORECASE,
)


def is_fragment(name: str) -> bool:
    """Whether a name read is a piece of one (ends in a connector, or has no letter)."""
    return bool(FRAGMENT.search(name)) or not any(ch.isalpha() for ch in name)


_ARTICLE = re.compile(r"^(?:the|el|la|los|las|le|les|l) ")


def body_key(name: str) -> str:
    """What two writings of one body share for scoring: letters and digits, folded, less
    a leading article (`the Auditor General` in running text is `Auditor General`)."""
    return _ARTICLE.sub("", " ".join(re.sub(r"[\W_]+", " ", fold(name)).split()))


@dataclass(frozen=True)
class FieldScore:
    """One field: the truth's bodies, the splitter's, and how many of them agree."""

    line: dict
    found: tuple[str, ...]
    right: int

    @property
    def missed(self) -> list[str]:
        keys = Counter(body_key(b) for b in self.found)
        return [b for b in self.line["bodies"] if not _take(keys, body_key(b))]

    @property
    def wrong(self) -> list[str]:
        keys = Counter(body_key(b) for b in self.line["bodies"])
        return [b for b in self.found if not _take(keys, body_key(b))]


def _take(keys: Counter, key: str) -> bool:
    if keys[key] > 0:
        keys[key] -= 1
        return True
    return False


@dataclass(frozen=True)
class Score:
    """Micro-averaged precision, recall and F1 of bodies over a set of fields."""

    truth: int
    found: int
    right: int

    @property
    def precision(self) -> float:
        return self.right / self.found if self.found else 1.0

    @property
    def recall(self) -> float:
        return self.right / self.truth if self.truth else 1.0

    @property
    def f1(self) -> float:
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0

    def __str__(self) -> str:
        return (
            f"precision {self.precision:.1%} ({self.right}/{self.found}), "
            f"recall {self.recall:.1%} ({self.right}/{self.truth}), F1 {self.f1:.1%}"
        )


def read_truth(path: Path = TRUTH) -> list[dict]:
    """The truth set's lines, in file order."""
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def score_field(line: dict) -> FieldScore:
    """The splitter's reading of one truth line's text, compared with the truth's bodies."""
    found = tuple(split_institutions(line["text"]))
    keys = Counter(body_key(b) for b in line["bodies"])
    right = sum(_take(keys, body_key(name)) for name in found)
    return FieldScore(line, found, right)


def total(scores: list[FieldScore]) -> Score:
    """Sum of a set of field scores."""
    return Score(
        truth=sum(len(s.line["bodies"]) for s in scores),
        found=sum(len(s.found) for s in scores),
        right=sum(s.right for s in scores),
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--truth", type=Path, default=TRUTH)
    parser.add_argument("--misses", action="store_true", help="print every field that differs")
    args = parser.parse_args(argv)
    scores = [score_field(line) for line in read_truth(args.truth)]
    if args.misses:
        for s in scores:
            if s.missed or s.wrong:
                print(f"{s.line['record']} {s.line['field']}: {s.line['text']!r}")
                print(f"  missed: {s.missed}")
                print(f"  wrong:  {s.wrong}")
    by_source: dict[str, list[FieldScore]] = {}
    for s in scores:
        by_source.setdefault(s.line["source"], []).append(s)
    for source, group in sorted(by_source.items()):
        print(f"{source} ({len(group)} fields): {total(group)}")
    print(f"all ({len(scores)} fields): {total(scores)}")
    fragments = [name for s in scores for name in s.found if is_fragment(name)]
    print(f"fragment names read: {len(fragments)}" + (f" ({fragments})" if fragments else ""))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
