"""Which condition a statement is about: topic, sections, list items, plural subjects, objects."""

import polars as pl
import pytest

from pipeline.extract.focus import Focus
from pipeline.mentions import Matcher
from pipeline.text.structure import segment

NAMES = pl.DataFrame(
    {
        "name": [
            "facioscapulohumeral dystrophy",
            "limb-girdle muscular dystrophy",
            "Duchenne muscular dystrophy",
            "Becker muscular dystrophy",
            "MELAS",
            "Leigh syndrome",
            "peripheral neuropathy",
            "cancer",
            "dermatomyositis",
        ],
        "match": ["name"] * 4 + ["abbreviation"] + ["name"] * 4,
        "condition_id": [
            "ORPHA:269",
            "ORPHA:263",
            "ORPHA:98896",
            "ORPHA:98895",
            "ORPHA:550",
            "ORPHA:506",
            "HP:0009830",
            "HP:0002664",
            "ORPHA:221",
        ],
    }
)


@pytest.fixture(scope="module")
def matcher():
    return Matcher(NAMES)


def focus_of(matcher, text, sentence_opening):
    """The conditions of the first sentence that opens with `sentence_opening`."""
    document = segment(text)
    focus = Focus(document, matcher.find(text))
    for index, sentence in enumerate(document.sentences):
        if text[sentence.start : sentence.end].startswith(sentence_opening):
            return focus.conditions(index)
    raise AssertionError(f"no sentence opens with {sentence_opening!r}")


def test_a_section_returns_to_the_page_topic_after_a_differential_diagnosis(matcher):
    text = (
        "Facioscapulohumeral dystrophy\n\nDifferential diagnosis\n\n"
        "The differential diagnosis includes limb-girdle muscular dystrophy.\n\n"
        "Genetic counseling\n\nTransmission is autosomal dominant.\n"
    )
    assert focus_of(matcher, text, "Transmission") == ("ORPHA:269",)


def test_a_title_naming_two_conditions_makes_both_the_topic(matcher):
    text = (
        "Duchenne muscular dystrophy and Becker muscular dystrophy\n\nOverview\n\n"
        "Duchenne muscular dystrophy is severe.\n\nGenetics\n\n"
        "They are inherited in an X-linked recessive pattern.\n"
    )
    assert focus_of(matcher, text, "They are") == ("ORPHA:98896", "ORPHA:98895")


def test_each_list_item_starts_from_the_lead_in(matcher):
    text = (
        "Tests\n\nFor MELAS and Leigh syndrome, doctors may order:\n\n"
        "- Brain MRI, which can show lesions in MELAS\n"
        "- Muscle biopsy\n\n"
        "Most people need several of these.\n"
    )
    assert focus_of(matcher, text, "- Muscle biopsy") == ("ORPHA:550", "ORPHA:506")
    assert focus_of(matcher, text, "Most people") == ("ORPHA:550", "ORPHA:506")


def test_both_copies_of_a_gene_is_not_a_plural_subject(matcher):
    text = (
        "Leigh syndrome\n\nSome people have weakness (peripheral neuropathy).\n\n"
        "Inheritance\n\nLeigh syndrome has several patterns. "
        "It is most often inherited in an autosomal recessive pattern, which means both copies "
        "of the gene have variants.\n"
    )
    assert focus_of(matcher, text, "It is most often") == ("ORPHA:506",)


def test_what_a_test_screens_for_is_not_the_subject(matcher):
    text = (
        "Dermatomyositis\n\nDiagnosis\n\nTests for dermatomyositis include:\n\n"
        "- Cancer screening: such as a CT scan of the chest\n"
    )
    assert focus_of(matcher, text, "- Cancer screening") == ("ORPHA:221",)


def test_naming_the_page_condition_as_an_object_brings_the_focus_back(matcher):
    text = (
        "Leigh syndrome\n\nDiagnosis\n\nPeripheral neuropathy is diagnosed by a neurologist. "
        "Routine tests cannot tell Leigh syndrome from other disorders, so more are needed:\n\n"
        "- Muscle biopsy\n"
    )
    assert focus_of(matcher, text, "- Muscle biopsy") == ("ORPHA:506",)


def test_a_pronoun_subject_keeps_the_focus_over_a_complement(matcher):
    text = (
        "Leigh syndrome\n\nLeigh syndrome is a disorder of energy production. It is one of the "
        "most severe causes of peripheral neuropathy in children. It affects 1 in 40,000 babies.\n"
    )
    assert focus_of(matcher, text, "It affects") == ("ORPHA:506",)


def test_a_title_is_about_what_follows_its_colon(matcher):
    text = (
        "Duchenne muscular dystrophy and Becker muscular dystrophy: Becker muscular dystrophy\n\n"
        "Frequency\n\nIt affects about 1 in 18,000 males.\n"
    )
    assert focus_of(matcher, text, "It affects") == ("ORPHA:98895",)


def test_both_conditions_are_the_last_pair_named_together(matcher):
    text = (
        "Mitochondrial diseases\n\nMELAS and Leigh syndrome are energy disorders.\n\n"
        "Nerves\n\nPeripheral neuropathy is common in MELAS.\n\n"
        "Diagnosis\n\nDoctors use the same tests for both conditions:\n\n- Muscle biopsy\n"
    )
    assert focus_of(matcher, text, "Doctors use") == ("ORPHA:550", "ORPHA:506")
    assert focus_of(matcher, text, "- Muscle biopsy") == ("ORPHA:550", "ORPHA:506")


def test_later_items_of_a_list_of_objects_are_objects_too(matcher):
    text = (
        "Leigh syndrome\n\nDiagnosis\n\n"
        "Doctors first exclude disorders such as peripheral neuropathy, a stroke, or "
        "dermatomyositis.\n\nAn MRI of the brain is usually done.\n"
    )
    assert focus_of(matcher, text, "An MRI") == ("ORPHA:506",)


def test_what_a_condition_is_mistaken_for_does_not_take_the_focus(matcher):
    text = (
        "Leigh syndrome\n\nDiagnosis\n\n"
        "Some children are first told they have a muscle cramp disorder or dermatomyositis. "
        "A lactate level in the blood helps.\n"
    )
    assert focus_of(matcher, text, "A lactate") == ("ORPHA:506",)


def test_an_object_after_a_quantifier_is_still_an_object(matcher):
    text = (
        "MELAS\n\nTests\n\nA normal lactate level helps tell it apart from many cancers. "
        "A muscle biopsy is then done.\n"
    )
    assert focus_of(matcher, text, "A muscle biopsy") == ("ORPHA:550",)


def test_what_a_test_screens_for_late_in_a_sentence_is_not_the_topic(matcher):
    text = (
        "Leigh syndrome\n\nDiagnosis\n\n"
        "Blood tests should include screening for cancer and other problems. "
        "A brain MRI is also done.\n"
    )
    assert focus_of(matcher, text, "A brain MRI") == ("ORPHA:506",)
    assert focus_of(matcher, "Tests for cancer include a scan. It helps.", "It helps") == (
        "HP:0002664",
    )


def test_a_condition_that_only_sets_a_case_up_or_names_a_service_is_not_the_subject(matcher):
    text = (
        "Peripheral neuropathy\n\nChecks\n\n"
        "If you have cancer, ask for a nerve check at your dermatomyositis clinic. "
        "A doctor tests the reflexes.\n"
    )
    assert focus_of(matcher, text, "If you have") == ("HP:0009830",)
    assert focus_of(matcher, text, "A doctor") == ("HP:0009830",)


def test_a_condition_including_another_is_one_plural_subject(matcher):
    text = "Leigh syndrome, including MELAS, is covered here. Both are rare."
    assert focus_of(matcher, text, "Leigh syndrome") == ("ORPHA:506", "ORPHA:550")
