"""Mention matching: longest match, folding, plurals, curated and defined abbreviations."""

import polars as pl
import pytest

from pipeline.mentions import Matcher

NAMES = pl.DataFrame(
    {
        "name": [
            "Spinal muscular atrophy",
            "muscular atrophy",
            "Guillain-Barré syndrome",
            "Lou Gehrig's disease",
            "muscular dystrophy",
            "multiple sclerosis",
            "MS",
            "ALS",
        ],
        "match": ["name"] * 6 + ["ambiguous_abbreviation", "abbreviation"],
        "condition_id": [
            "ORPHA:70",
            "HP:0003202",
            "ORPHA:2103",
            "ORPHA:803",
            "local:md",
            "local:multiple_sclerosis",
            "local:multiple_sclerosis",
            "ORPHA:803",
        ],
    }
)


@pytest.fixture(scope="module")
def matcher():
    return Matcher(NAMES)


def found(matcher, text):
    return [(text[m.start : m.end], m.condition_id) for m in matcher.find(text)]


def test_longest_match_wins(matcher):
    assert found(matcher, "Spinal muscular atrophy (SMA) is rare.") == [
        ("Spinal muscular atrophy", "ORPHA:70"),
        ("SMA", "ORPHA:70"),
    ]


def test_folding_plurals_and_possessives(matcher):
    text = "Guillain–Barre Syndrome, muscular dystrophies and Lou Gehrigs disease."
    assert found(matcher, text) == [
        ("Guillain–Barre Syndrome", "ORPHA:2103"),
        ("muscular dystrophies", "local:md"),
        ("Lou Gehrigs disease", "ORPHA:803"),
    ]


def test_whole_words_only(matcher):
    assert found(matcher, "ALSO the falls were PALS.") == []


def test_ambiguous_abbreviation_needs_a_definition(matcher):
    assert found(matcher, "MS was mentioned.") == []
    text = "Multiple sclerosis (MS) is common. MS affects the brain."
    assert [c for _, c in found(matcher, text)] == ["local:multiple_sclerosis"] * 3


def test_text_defines_new_abbreviations(matcher):
    text = "Guillain-Barré syndrome or GBS is rare. GBS affects nerves."
    assert found(matcher, text)[-1] == ("GBS", "ORPHA:2103")
    assert len(found(matcher, text)) == 3
    assert found(matcher, "GBS before any definition.") == []
