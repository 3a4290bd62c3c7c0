"""Extraction against hand-written gold: the seeds (>= 0.95) and the development corpus (reported)."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.evaluate import extract_texts, format_report, load_gold, score_all
from pipeline.lexicon_build import build_tables, load_curated, load_hpo_release

TESTS = Path(__file__).resolve().parent
REPO = TESTS.parent
# The development corpus was written after the rules; these floors guard against regressions.
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


def test_development_corpus(names):
    corpus = TESTS / "corpus"
    scores = score_all(load_gold(corpus / "gold"), extract_texts(corpus / "texts", names))
    print("\ndevelopment corpus\n" + format_report(scores, show_errors=False))
    for kind, result in scores.items():
        assert result.f1 >= CORPUS_FLOOR[kind], kind
