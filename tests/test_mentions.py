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


def test_a_numbered_type_written_onto_a_short_form():
    names = pl.DataFrame(
        {
            "name": ["FSHD", "CMT", "CMT1A", "ALS"],
            "match": ["abbreviation"] * 4,
            "condition_id": ["ORPHA:269", "ORPHA:166", "ORPHA:101081", "ORPHA:803"],
        }
    )
    text = "FSHD1 and FSHD2 differ; CMT1A is common, CMT4B2x is not a name. The ALS2 gene."
    # A type with no entry of its own is a mention of its parent; genes named alike are not.
    assert found(Matcher(names), text) == [
        ("FSHD1", "ORPHA:269"),
        ("FSHD2", "ORPHA:269"),
        ("CMT1A", "ORPHA:101081"),
    ]


def test_names_split_by_a_line_break_double_space_or_invisible_character(matcher):
    text = "Spinal muscular\r\natrophy, spinal  muscular atrophy and Guillain-Bar\u200bré\u00a0 syndrome."
    assert found(matcher, text) == [
        ("Spinal muscular\r\natrophy", "ORPHA:70"),
        ("spinal  muscular atrophy", "ORPHA:70"),
        ("Guillain-Bar\u200bré\u00a0 syndrome", "ORPHA:2103"),
    ]


def test_a_name_the_text_aliases_to_an_orphanet_name_takes_its_id():
    names = pl.DataFrame(
        {
            "name": ["Machado-Joseph disease", "spinocerebellar ataxia type 3", "ataxia"],
            "match": ["name"] * 3,
            "condition_id": ["OMIM:109150", "ORPHA:98757", "HP:0001251"],
        }
    )
    text = (
        "Machado-Joseph disease (MJD), also known as spinocerebellar ataxia type 3, causes "
        "ataxia. Machado-Joseph disease is rare."
    )
    assert [m.condition_id for m in Matcher(names).find(text)] == [
        "ORPHA:98757",
        "ORPHA:98757",
        "ORPHA:98757",
        "HP:0001251",
        "ORPHA:98757",
    ]


def test_an_ambiguous_short_form_binds_after_its_condition_is_named_in_full(matcher):
    assert found(matcher, "MS can look like many things.") == []
    text = "Multiple sclerosis is a disease of the brain. Most people with MS are women."
    assert found(matcher, text)[-1] == ("MS", "local:multiple_sclerosis")
    assert found(matcher, "MS came first. Then multiple sclerosis.")[0][0] == "multiple sclerosis"


def test_a_defined_short_form_may_hold_a_hyphen(matcher):
    text = "Guillain-Barré syndrome (G-BS) is rare. Most people with G-BS recover."
    assert [t for t, _ in found(matcher, text)] == ["Guillain-Barré syndrome", "G-BS", "G-BS"]


def test_a_word_before_a_short_form_can_make_a_longer_known_name():
    names = pl.DataFrame(
        {
            "name": [
                "congenital muscular dystrophy",
                "CMD",
                "Ullrich congenital muscular dystrophy",
            ],
            "match": ["name", "abbreviation", "name"],
            "condition_id": ["local:cmd", "local:cmd", "ORPHA:75840"],
        }
    )
    text = "Ullrich CMD is severe; other CMD types are milder."
    assert [(text[m.start : m.end], m.condition_id) for m in Matcher(names).find(text)] == [
        ("Ullrich CMD", "ORPHA:75840"),
        ("CMD", "local:cmd"),
    ]
