"""Benchmark: institution fields split per second, cache cleared (the worst case).

    python bench/institutions.py [--rounds N]

Reads every field of the hand-read truth set (tests/data/institutions_truth.jsonl: the
sample export's lead and support fields, the sample page's and the fixtures') and splits
each once per round with `read_institutions`' cache cleared, so every field is read
afresh. Real exports repeat the same fields row after row, and the cache serves those.
"""

from __future__ import annotations

import argparse
import json
import platform
import time
from pathlib import Path

from pipeline.raw.fields import institutions

TRUTH = Path(__file__).resolve().parent.parent / "tests" / "data" / "institutions_truth.jsonl"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=20)
    args = parser.parse_args()
    texts = [json.loads(line)["text"] for line in TRUTH.open(encoding="utf-8")]
    characters = sum(map(len, texts)) * args.rounds
    start = time.perf_counter()
    for _ in range(args.rounds):
        institutions.read_institutions.cache_clear()
        for text in texts:
            institutions.split_institutions(text)
    seconds = time.perf_counter() - start
    fields = len(texts) * args.rounds
    print(f"{platform.python_implementation()} {platform.python_version()}, {platform.machine()}")
    print(
        f"{fields} fields ({characters:,} characters) in {seconds:.2f} s: "
        f"{fields / seconds:,.0f} fields/s, {characters / seconds / 1e6:.2f} MB/s"
    )


if __name__ == "__main__":
    main()
