"""Epidemiology phrasings of public health pages (Orphanet, NINDS, MedlinePlus/GARD, NHS, MDA,
Wikipedia): what each states, with values worked out by reading the sentence."""

import polars as pl
import pytest

from pipeline.extract.document import extract_document
from pipeline.mentions import Matcher

CONDITIONS = [
    ("facioscapulohumeral muscular dystrophy", "name", "ORPHA:269"),
    ("dermatomyositis", "name", "ORPHA:221"),
    ("post-polio syndrome", "name", "ORPHA:2942"),
    ("PPS", "abbreviation", "ORPHA:2942"),
    ("polio", "name", "ORPHA:2912"),
    ("myasthenia gravis", "name", "ORPHA:589"),
    ("cancer", "name", "HP:0002664"),
    ("Guillain-Barre syndrome", "name", "ORPHA:2103"),
    ("GBS", "abbreviation", "ORPHA:2103"),
    ("Friedreich ataxia", "name", "ORPHA:95"),
    ("amyotrophic lateral sclerosis", "name", "ORPHA:803"),
    ("ALS", "abbreviation", "ORPHA:803"),
    ("motor neurone disease", "name", "ORPHA:803"),
    ("MND", "abbreviation", "ORPHA:803"),
    ("Duchenne muscular dystrophy", "name", "ORPHA:98896"),
    ("DMD", "abbreviation", "ORPHA:98896"),
    ("spinal muscular atrophy", "name", "ORPHA:70"),
]


@pytest.fixture(scope="module")
def matcher():
    names, matches, ids = zip(*CONDITIONS, strict=True)
    return Matcher(pl.DataFrame({"name": names, "match": matches, "condition_id": ids}))


def rows(matcher, text):
    found = extract_document("t", text, matcher)["epidemiology"]
    for row in found:
        assert text[row["start"] : row["end"]] == row["quote"]
    return found


def facts(matcher, text):
    """(condition, measure, unit, low, high, approximate, population) of each row."""
    return [
        (
            row["condition_id"],
            row["measure"],
            row["unit"],
            pytest.approx(row["value_low"]),
            pytest.approx(row["value_high"]),
            row["approximate"],
            row["population"],
        )
        for row in rows(matcher, text)
    ]


# --- Orphanet: labels and slash fractions ------------------------------------------------------


def test_an_orphanet_prevalence_class_is_a_range_over_a_spaced_denominator(matcher):
    text = "Facioscapulohumeral muscular dystrophy\n\nPrevalence: 1-9 / 100 000\n"
    # 1/100,000 to 9/100,000, stated as a class, not hedged.
    assert facts(matcher, text) == [
        ("ORPHA:269", "prevalence", "proportion", 1e-5, 9e-5, False, None)
    ]
    assert rows(matcher, text)[0]["quote"] == "Prevalence: 1-9 / 100 000"


@pytest.mark.parametrize(
    ("line", "measure", "unit", "low", "high"),
    [
        ("Annual incidence: 1-9 / 1 000 000", "incidence", "per_person_year", 1e-6, 9e-6),
        ("Birth prevalence: 1-5 / 10 000", "birth_incidence", "per_live_birth", 1e-4, 5e-4),
    ],
)
def test_the_label_names_the_measure(matcher, line, measure, unit, low, high):
    text = f"Facioscapulohumeral muscular dystrophy\n\n{line}\n"
    assert facts(matcher, text) == [("ORPHA:269", measure, unit, low, high, False, None)]


def test_a_range_of_slash_fractions_runs_from_the_rarer_end(matcher):
    text = (
        "Facioscapulohumeral muscular dystrophy is a muscle disease. "
        "Prevalence is estimated at between 1/8,000 and 1/20,000 in Europe."
    )
    # 1/20,000 = 5e-5 is the low end, 1/8,000 = 1.25e-4 the high one; "estimated" hedges it.
    assert facts(matcher, text) == [
        ("ORPHA:269", "prevalence", "proportion", 5e-5, 1.25e-4, True, "Europe")
    ]


# --- incidence: new cases per N each year --------------------------------------------------------


def test_new_cases_diagnosed_per_million_each_year_are_an_incidence(matcher):
    text = (
        "Dermatomyositis is rare. "
        "Each year, approximately 1 to 10 new cases are diagnosed per million adults."
    )
    assert facts(matcher, text) == [
        ("ORPHA:221", "incidence", "per_person_year", 1e-6, 1e-5, True, "adults")
    ]


def test_a_hedge_on_the_upper_end_of_a_range(matcher):
    text = (
        "Guillain-Barre syndrome is rare. Estimates of its incidence vary, "
        "from about 1 to more than 2 cases per 100,000 people per year."
    )
    assert facts(matcher, text) == [
        ("ORPHA:2103", "incidence", "per_person_year", 1e-5, 2e-5, True, None)
    ]


def test_how_many_are_diagnosed_each_year_is_a_case_count(matcher):
    # The contract has no measure for a yearly count of people, and annotators record it as the
    # count it is; the quote says "each year".
    text = "Motor neurone disease is rare. About 1,100 people are diagnosed with MND each year."
    assert facts(matcher, text) == [("ORPHA:803", "case_count", "persons", 1100, 1100, True, None)]


# --- a share of an at-risk group that develops the condition -----------------------------------


def test_a_share_of_survivors_who_develop_the_condition_is_its_prevalence(matcher):
    text = (
        "Post-polio syndrome (PPS) can appear decades after polio. It's estimated that between "
        "25 and 40 percent of polio survivors will develop PPS."
    )
    assert facts(matcher, text) == [
        ("ORPHA:2942", "prevalence", "proportion", 0.25, 0.40, True, None)
    ]


def test_a_ratio_of_a_group_that_develops_the_condition(matcher):
    text = "Polio can return as a new illness. About 1 in 3 polio survivors develop post-polio syndrome."
    assert facts(matcher, text) == [
        ("ORPHA:2942", "prevalence", "proportion", 1 / 3, 1 / 3, True, None)
    ]


def test_a_group_defined_by_what_it_went_through_is_at_risk(matcher):
    text = (
        "Guillain-Barré syndrome is an autoimmune disease. Roughly two people in three who "
        "received the vaccine were fine, and about 1 in 5 people who had a Campylobacter "
        "infection may later develop Guillain-Barré syndrome."
    )
    assert facts(matcher, text) == [
        ("ORPHA:2103", "prevalence", "proportion", 0.2, 0.2, True, None)
    ]


def test_a_share_of_the_conditions_own_patients_in_a_relative_clause_is_a_feature(matcher):
    text = (
        "Myasthenia gravis is rare. About 15% of people who have myasthenia gravis develop cancer."
    )
    assert facts(matcher, text) == []


def test_a_share_of_patients_with_another_condition_is_a_feature(matcher):
    text = (
        "Myasthenia gravis is rare. Up to 30% of adults with myasthenia gravis also develop cancer."
    )
    assert facts(matcher, text) == []


# --- not how common a condition is -------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "About 1 in 5 people recover completely.",
        "Around 80% of people make a full recovery.",
        "Roughly 1 in 4 patients relapse.",
        "About 1 in 10 people with GBS have long-term weakness.",
    ],
)
def test_an_outcome_share_is_not_prevalence(matcher, sentence):
    assert facts(matcher, f"Guillain-Barre syndrome is an autoimmune disease. {sentence}") == []


@pytest.mark.parametrize(
    "sentence",
    [
        "You can join the Patient Registry, which already includes more than 800 people.",
        "More than 2,000 people have signed up to the registry.",
        "Over 500 people took part in the national survey.",
    ],
)
def test_members_of_a_registry_or_survey_are_not_cases(matcher, sentence):
    assert facts(matcher, f"Myasthenia gravis is rare. {sentence}") == []


# --- familial and sporadic shares: the group named is not the share ---------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "It is the most common inherited ataxia, accounting for about half of all cases of "
        "hereditary ataxia.",
        "It is the most common hereditary ataxia, accounting for about half of all cases.",
        "It accounts for about half of hereditary ataxia cases.",
    ],
)
def test_a_share_of_a_hereditary_group_is_not_a_familial_fraction(matcher, sentence):
    assert facts(matcher, f"Friedreich ataxia is a rare disease. {sentence}") == []


def test_a_share_of_familial_cases_is_not_a_familial_fraction(matcher):
    text = "ALS is rare. Mutations in SOD1 account for 20 percent of familial ALS cases."
    assert facts(matcher, text) == []


@pytest.mark.parametrize(
    ("sentence", "measure", "low", "high"),
    [
        ("Familial ALS accounts for 5-10% of cases.", "familial_fraction", 0.05, 0.10),
        ("About 5 to 10 percent of ALS is familial.", "familial_fraction", 0.05, 0.10),
        ("Familial ALS makes up about 10 percent of all ALS.", "familial_fraction", 0.10, 0.10),
        ("About 90 percent of ALS cases are sporadic.", "sporadic_fraction", 0.90, 0.90),
        (
            "Roughly 10-20% of ALS cases are caused by de novo variants.",
            "sporadic_fraction",
            0.10,
            0.20,
        ),
    ],
)
def test_shares_of_the_condition_that_are_familial_or_sporadic(
    matcher, sentence, measure, low, high
):
    found = facts(matcher, f"Amyotrophic lateral sclerosis is rare. {sentence}")
    assert [row[:5] for row in found] == [("ORPHA:803", measure, "proportion", low, high)]


def test_a_share_of_boys_with_the_condition_is_still_a_share_of_its_cases(matcher):
    text = (
        "Duchenne muscular dystrophy affects boys. "
        "Around one-third of boys with DMD have no family history of the condition."
    )
    found = facts(matcher, text)
    assert [row[:5] for row in found] == [
        ("ORPHA:98896", "sporadic_fraction", "proportion", 1 / 3, 1 / 3)
    ]


# --- hedges ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "Friedreich ataxia is estimated to affect 1 in 40,000 people.",
        "Researchers estimate that it affects 1 in 40,000 people.",
        "It is thought to affect 1 in 40,000 people.",
    ],
)
def test_estimating_verbs_hedge_the_figure(matcher, sentence):
    assert facts(matcher, f"Friedreich ataxia is a rare disease. {sentence}") == [
        ("ORPHA:95", "prevalence", "proportion", 2.5e-5, 2.5e-5, True, None)
    ]


def test_a_chance_restated_in_brackets_is_still_a_chance(matcher):
    text = (
        "Spinal muscular atrophy\n\nSpinal muscular atrophy affects about 1 in 10,000 people. "
        "When both parents are carriers, each child has a 1 in 4 (25%) chance of being affected.\n"
    )
    assert facts(matcher, text) == [
        ("ORPHA:70", "prevalence", "proportion", 1e-4, 1e-4, True, None)
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        "Post-polio syndrome develops in 25% to 40% of people who had paralytic polio.",
        "Post-polio syndrome has been reported in 25 to 40 percent of patients treated for polio.",
    ],
)
def test_a_condition_occurring_in_a_share_of_a_group_at_risk_is_prevalence(matcher, sentence):
    assert facts(matcher, f"Post-polio syndrome\n\n{sentence}\n") == [
        ("ORPHA:2942", "prevalence", "proportion", 0.25, 0.40, False, None)
    ]


def test_a_feature_in_a_share_of_the_conditions_own_patients_is_not_its_prevalence(matcher):
    text = "Dermatomyositis\n\nCancer occurs in 15% of patients with dermatomyositis.\n"
    assert facts(matcher, text) == []


# --- groups defined by another condition, and figures about features -------------------------


def test_a_share_of_a_group_with_another_condition_that_develops_the_one_in_focus(matcher):
    text = (
        "Post-polio syndrome is a late effect. Around 30 percent of people with "
        "myasthenia gravis go on to develop it, a small study says."
    )
    assert facts(matcher, text) == [
        ("ORPHA:2942", "prevalence", "proportion", 0.3, 0.3, True, None)
    ]


def test_a_share_of_people_with_the_condition_who_have_its_sporadic_form(matcher):
    text = "Friedreich ataxia is rare. Eight out of ten people with ALS have sporadic ALS."
    assert facts(matcher, text) == [
        ("ORPHA:803", "sporadic_fraction", "proportion", 0.8, 0.8, False, None)
    ]


def test_research_that_reports_a_figure_is_not_a_study_quantity(matcher):
    text = "Dermatomyositis is rare. Studies show that 2 in 100,000 people have dermatomyositis."
    assert facts(matcher, text) == [
        ("ORPHA:221", "prevalence", "proportion", 2e-5, 2e-5, False, None)
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        "In about 1 in 4 people, the rash appears before the weakness.",
        "Muscle pain, which affects around 1 in 3 adults, is common too.",
        "A gene change is found in about 30 percent of familial cases.",
        "The study followed 120 patients for two years.",
    ],
)
def test_figures_about_features_subsets_or_studies_are_not_facts(matcher, sentence):
    assert facts(matcher, "Dermatomyositis is an inflammatory disease. " + sentence) == []


def test_people_a_study_followed_are_not_a_case_count(matcher):
    text = "Dermatomyositis is rare. Researchers in Leeds followed 240 adults for five years."
    assert facts(matcher, text) == []
