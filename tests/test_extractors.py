"""The three extractors on short texts written for these tests, one behaviour per case."""

import polars as pl
import pytest

from pipeline.extract.document import extract_document
from pipeline.mentions import Matcher

NAMES = pl.DataFrame(
    {
        "name": [
            "spinal muscular atrophy",
            "Duchenne muscular dystrophy",
            "Becker muscular dystrophy",
            "myasthenia gravis",
            "muscle atrophy",
            "Pompe disease",
            "SMA",
        ],
        "match": ["name"] * 6 + ["abbreviation"],
        "condition_id": [
            "ORPHA:70",
            "ORPHA:98896",
            "ORPHA:98895",
            "ORPHA:589",
            "HP:0003202",
            "ORPHA:365",
            "ORPHA:70",
        ],
    }
)


@pytest.fixture(scope="module")
def matcher():
    return Matcher(NAMES)


def facts(matcher, text, table, *fields):
    rows = extract_document("t", text, matcher)[table]
    for row in rows:
        assert text[row["start"] : row["end"]] == row["quote"]
    return [tuple(row[f] for f in ("condition_id", *fields)) for row in rows]


def test_anaphora_resolves_to_the_condition_in_focus(matcher):
    text = "Spinal muscular atrophy is a genetic disease.\nIt affects about 1 in 10,000 people each year."
    assert facts(matcher, text, "epidemiology", "measure", "value_low", "approximate") == [
        ("ORPHA:70", "incidence", pytest.approx(1e-4), True)
    ]


def test_births_males_and_ranges(matcher):
    text = "Duchenne muscular dystrophy affects 1 in 3,500 to 1 in 5,000 male births."
    assert facts(
        matcher, text, "epidemiology", "measure", "value_low", "value_high", "population"
    ) == [("ORPHA:98896", "birth_incidence", pytest.approx(2e-4), pytest.approx(1 / 3500), "males")]


def test_counts_and_shares_of_cases(matcher):
    text = "About 30,000 Americans have myasthenia gravis. Around 10 percent of cases are familial."
    assert facts(matcher, text, "epidemiology", "measure", "value_low", "population") == [
        ("ORPHA:589", "case_count", 30000.0, "US"),
        ("ORPHA:589", "familial_fraction", pytest.approx(0.1), None),
    ]


def test_figures_about_other_things_are_not_facts(matcher):
    text = (
        "Pompe disease is rare. A child of two carriers has a 25 percent chance of being affected. "
        "About 1 in 100 people is a carrier. The trial enrolled 300 patients. Is it common?"
    )
    assert facts(matcher, text, "epidemiology", "measure") == []


def test_inheritance_phrasings_and_negation(matcher):
    text = (
        "Spinal muscular atrophy is inherited in an autosomal recessive pattern.\n\n"
        "Myasthenia gravis is not inherited.\n\n"
        "Duchenne muscular dystrophy and Becker muscular dystrophy are X-linked recessive disorders."
    )
    assert facts(matcher, text, "inheritance", "mode") == [
        ("ORPHA:70", "autosomal_recessive"),
        ("ORPHA:98896", "x_linked_recessive"),
        ("ORPHA:98895", "x_linked_recessive"),
    ]


def test_a_share_of_sporadic_cases_is_epidemiology_not_a_mode(matcher):
    text = "Pompe disease is rare. Most cases are sporadic. About one-third of cases are sporadic."
    assert facts(matcher, text, "inheritance", "mode") == [("ORPHA:365", "sporadic")]
    assert facts(matcher, text, "epidemiology", "measure") == [("ORPHA:365", "sporadic_fraction")]


def test_tests_with_purpose_and_the_condition_being_diagnosed(matcher):
    text = (
        "Testing for muscle atrophy depends on the cause. Blood tests can evaluate for myasthenia "
        "gravis, while an EMG and a spinal tap may also help. No blood test can diagnose SMA."
    )
    assert facts(matcher, text, "diagnostic_tests", "modality", "purpose") == [
        ("HP:0003202", "blood_test", "evaluate for myasthenia gravis"),
        ("HP:0003202", "electromyography", None),
        ("HP:0003202", "lumbar_puncture", None),
    ]


def test_marketing_is_not_a_fact(matcher):
    text = "Spinal muscular atrophy is rare. Our supplement helped 90% of users; buy a blood test kit now."
    assert extract_document("t", text, matcher)["epidemiology"] == []
    assert extract_document("t", text, matcher)["diagnostic_tests"] == []


def test_a_share_of_patients_is_not_prevalence(matcher):
    text = "Myasthenia gravis is rare. Roughly half of people with myasthenia gravis have a thymus problem."
    assert facts(matcher, text, "epidemiology", "measure") == []


def test_an_inclusion_is_one_statement_and_quotes_drop_bullets(matcher):
    text = "Pompe disease\nTests include:\n• Blood tests, including a creatine kinase (CK) level\n"
    # A blood test that measures creatine kinase is one CK-test row, not a blood test besides.
    assert facts(matcher, text, "diagnostic_tests", "modality", "quote") == [
        (
            "ORPHA:365",
            "creatine_kinase_test",
            "Blood tests, including a creatine kinase (CK) level",
        ),
    ]


def test_focus_does_not_cross_into_an_unrelated_section(matcher):
    text = (
        "Spinal muscular atrophy\nSpinal muscular atrophy is a genetic disease of motor neurons.\n"
        "Pompe disease\nPompe disease is a storage disorder.\n"
        "Inheritance\nIt is inherited in an autosomal recessive pattern.\n"
        "Healthy Eating Tips\nIt affects about 1 in 40 people each year.\n"
    )
    assert facts(matcher, text, "inheritance", "mode") == [("ORPHA:365", "autosomal_recessive")]
    assert facts(matcher, text, "epidemiology", "measure") == []


def test_mode_words_in_names_risks_and_class_remarks_are_not_statements():
    names = pl.DataFrame(
        {
            "name": ["X-linked myotubular myopathy", "Pompe disease"],
            "match": ["name", "name"],
            "condition_id": ["ORPHA:596", "ORPHA:365"],
        }
    )
    text = (
        "X-linked myotubular myopathy affects boys. It is caused by MTM1 mutations.\n\n"
        "Pompe disease is inherited in an autosomal recessive pattern. The parents of a person "
        "with an autosomal recessive condition each carry one copy. When both parents are "
        "carriers, each child has a 25 percent chance of being affected."
    )
    assert facts(Matcher(names), text, "inheritance", "mode") == [
        ("ORPHA:365", "autosomal_recessive")
    ]


def test_mg_the_abbreviation_is_not_milligrams():
    names = pl.DataFrame(
        {
            "name": ["myasthenia gravis", "MG"],
            "match": ["name", "ambiguous_abbreviation"],
            "condition_id": ["ORPHA:589", "ORPHA:589"],
        }
    )
    text = "Myasthenia gravis (MG) is rare. Between 14 and 20 out of every 100,000 people have MG."
    assert facts(Matcher(names), text, "epidemiology", "measure", "value_low", "value_high") == [
        ("ORPHA:589", "prevalence", pytest.approx(1.4e-4), pytest.approx(2e-4))
    ]
