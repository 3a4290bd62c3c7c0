"""Extraction throughput and peak memory on a synthetic corpus built from the development texts.

    python benchmarks/throughput.py --texts 400 --repeat 3

Prints characters per second for the lexicon compile, the matcher build and the extraction, and
the peak resident memory. No assertions: this measures, the tests judge correctness.
"""

from __future__ import annotations

import argparse
import random
import resource
import time
from pathlib import Path

from pipeline.extract.document import extract_document
from pipeline.lexicon_build import build_tables, load_curated, load_hpo_release
from pipeline.mentions import Matcher

REPO = Path(__file__).resolve().parent.parent


def synthetic_corpus(count: int, seed: int = 7) -> list[str]:
    """Texts made by shuffling the paragraphs of the seeds and the development corpus."""
    sources = [
        *sorted((REPO / "raw").glob("*.txt")),
        *sorted((REPO / "tests/corpus/texts").glob("*.txt")),
    ]
    paragraphs = [
        p for path in sources for p in path.read_text(encoding="utf-8").split("\n\n") if p.strip()
    ]
    rng = random.Random(seed)
    return ["\n\n".join(rng.sample(paragraphs, k=min(12, len(paragraphs)))) for _ in range(count)]


def main() -> None:
    """Run the measurements and print them."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--texts", type=int, default=400)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    started = time.perf_counter()
    curated = load_curated(REPO / "pipeline/lexicon/conditions.yaml")
    _, names = build_tables(curated, load_hpo_release())
    compiled = time.perf_counter()
    matcher = Matcher(names)
    built = time.perf_counter()
    corpus = synthetic_corpus(args.texts)
    characters = sum(map(len, corpus))
    best = float("inf")
    facts = 0
    for _ in range(args.repeat):
        begin = time.perf_counter()
        facts = 0
        for number, text in enumerate(corpus):
            rows = extract_document(f"bench_{number}", text, matcher)
            facts += sum(len(rows[k]) for k in ("epidemiology", "inheritance", "diagnostic_tests"))
        best = min(best, time.perf_counter() - begin)
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"lexicon compile (hpo3 + curated): {compiled - started:.2f} s, {len(names)} names")
    print(f"matcher build: {built - compiled:.2f} s")
    print(
        f"extraction: {len(corpus)} texts, {characters / 1e6:.2f} M chars, {facts} facts, "
        f"best of {args.repeat}: {best:.2f} s = {characters / best / 1e6:.3f} M chars/s per core"
    )
    print(f"peak resident memory: {peak_mib:.0f} MiB")


if __name__ == "__main__":
    main()
