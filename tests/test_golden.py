"""Extraction against hand-written gold: the seeds (>= 0.95), the development corpus and the
held-out sets (reported, with regression floors)."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.evaluate import extract_texts, format_report, load_gold, score_all
from pipeline.lexicon_build import build_tables, load_curated, load_hpo_release

TESTS = Path(__file__).resolve().parent
REPO = TESTS.parent
# The development corpus was written after the rules, and each held-out set before the rules were
# tuned on it (its blind figures are in the README); these floors guard against regressions.
CORPUS_FLOOR = {"epidemiology": 0.85, "inheritance": 0.8, "diagnostic_tests": 0.8}


@pytest.fixture(scope="module")
def names():
    curated = load_curated(REPO / "pipeline" / "lexicon" / "conditions.yaml")
    _, names = build_tables(curated, load_hpo_release())
    return names


def test_seeds_match_gold(names):
    scores = score_all(load_gold(TESTS / "gold"), extract_texts(REPO / "raw", names))
    print("\nseeds\n" + format_report(scores))
    for kind, result in scores.items():
        assert result.precision >= 0.95, kind
        assert result.recall >= 0.95, kind


@pytest.mark.parametrize(
    "corpus", ["corpus", "heldout", "heldout2", "heldout3", "heldout4", "heldout5"]
)
def test_annotated_corpus(names, corpus):
    folder = TESTS / corpus
    scores = score_all(load_gold(folder / "gold"), extract_texts(folder / "texts", names))
    print(f"\n{corpus}\n" + format_report(scores, show_errors=False))
    for kind, result in scores.items():
        assert result.f1 >= CORPUS_FLOOR[kind], kind
