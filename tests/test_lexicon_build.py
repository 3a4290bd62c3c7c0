"""Lexicon compile: curated entries checked against the HPO release, hpo3 diseases added."""

import pytest

from pipeline.errors import InputError
from pipeline.lexicon_build import HpoRelease, build_tables

RELEASE = HpoRelease(
    version="test",
    disease_names={
        "ORPHA:481": "Kennedy disease",
        "OMIM:313200": "Spinal and bulbar muscular atrophy, X-linked 1",
        "ORPHA:999": "Made-up rare myopathy",
        "OMIM:100000": "Made-up rare myopathy",
        "OMIM:200000": "Something, susceptibility to",
    },
    disease_modes={
        "OMIM:313200": ["x_linked_recessive"],
        "ORPHA:999": [],
        "OMIM:100000": ["autosomal_dominant"],
    },
    term_names={"HP:0003202": "Skeletal muscle atrophy"},
)
KENNEDY = {
    "id": "ORPHA:481",
    "label": "Kennedy disease",
    "synonyms": ["spinal and bulbar muscular atrophy"],
    "abbreviations": ["SBMA"],
    "xrefs": ["OMIM:313200"],
}


def test_reference_inheritance_comes_from_xrefs():
    conditions, _ = build_tables([KENNEDY], RELEASE)
    kennedy = conditions.filter(conditions["condition_id"] == "ORPHA:481").row(0, named=True)
    assert kennedy["reference_inheritance"] == ["x_linked_recessive"]
    assert kennedy["xrefs"] == ["OMIM:313200"]
    assert "OMIM:313200" not in conditions["condition_id"].to_list()


def test_hpo3_diseases_are_named_and_orphanet_wins_a_shared_name():
    _, names = build_tables([KENNEDY], RELEASE)
    by_name = {row["name"]: row for row in names.iter_rows(named=True)}
    assert by_name["made up rare myopathy"]["condition_id"] == "ORPHA:999"
    assert by_name["SBMA"]["match"] == "abbreviation"
    assert not any("susceptibility" in name for name in by_name)


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ({**KENNEDY, "label": "Kennedy's disease"}, "differs from hpo3's name 'Kennedy disease'"),
        ({"id": "HP:0000000", "label": "Nothing"}, "is not an HPO term in hpo3"),
    ],
)
def test_curated_ids_are_checked_against_hpo3(entry, message):
    with pytest.raises(InputError, match=message):
        build_tables([entry], RELEASE)


def test_numbered_types_get_the_parents_short_form():
    release = HpoRelease(
        version="test",
        disease_names={"ORPHA:101081": "Charcot-Marie-Tooth disease type 1A"},
        disease_modes={},
        term_names={},
    )
    cmt = {
        "id": "local:cmt",
        "label": "Charcot-Marie-Tooth disease",
        "synonyms": [],
        "abbreviations": ["CMT"],
    }
    _, names = build_tables([cmt], release)
    short = names.filter(names["match"] == "abbreviation")
    assert dict(zip(short["name"], short["condition_id"], strict=True)) == {
        "CMT": "local:cmt",
        "CMT1A": "ORPHA:101081",
    }
