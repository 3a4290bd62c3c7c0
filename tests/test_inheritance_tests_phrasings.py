"""Phrasing families of inheritance and diagnostic-test statements on health pages (fact sheets,
consumer pages, encyclopedias), each on a short text written for the test."""

import polars as pl
import pytest

from pipeline.extract.document import extract_document
from pipeline.mentions import Matcher

NAMES = pl.DataFrame(
    {
        "name": [
            "Leigh syndrome",
            "Kearns-Sayre syndrome",
            "myotonic dystrophy type 1",
            "Duchenne muscular dystrophy",
            "GNE myopathy",
            "hereditary neuropathy with liability to pressure palsies",
            "sarcopenia",
            "Lambert-Eaton myasthenic syndrome",
            "McArdle disease",
            "muscle atrophy",
        ],
        "match": ["name"] * 10,
        "condition_id": [
            "ORPHA:506",
            "ORPHA:480",
            "ORPHA:273",
            "ORPHA:98896",
            "ORPHA:602",
            "ORPHA:640",
            "local:sarcopenia",
            "ORPHA:43393",
            "ORPHA:368",
            "HP:0003202",
        ],
    }
)


@pytest.fixture(scope="module")
def matcher():
    return Matcher(NAMES)


def rows(matcher, text, table, *fields):
    found = extract_document("t", text, matcher)[table]
    for row in found:
        assert text[row["start"] : row["end"]] == row["quote"]
    return [tuple(row[f] for f in ("condition_id", *fields)) for row in found]


# --- inheritance ------------------------------------------------------------------------------


def test_a_fact_sheet_label_line_states_the_mode_with_its_label(matcher):
    text = (
        "Leigh syndrome\n\nSynonym(s): LS\nInheritance: Autosomal recessive\nAge of onset: Infancy\n\n"
        "Disease definition\n\nLeigh syndrome is a severe neurological disorder that typically "
        "arises in the first year of life and leads to the progressive loss of mental and "
        "movement abilities.\n"
    )
    assert rows(matcher, text, "inheritance", "mode", "quote") == [
        ("ORPHA:506", "autosomal_recessive", "Inheritance: Autosomal recessive")
    ]


def test_a_label_line_may_give_a_bare_mode_word(matcher):
    text = "Kearns-Sayre syndrome\n\nMode of inheritance: Mitochondrial\nPrevalence: Unknown\n"
    assert rows(matcher, text, "inheritance", "mode") == [("ORPHA:480", "mitochondrial")]


def test_a_mode_as_an_adjective_of_the_conditions_class_despite_a_share_nearby(matcher):
    text = (
        "Myotonic dystrophy type 1 is an autosomal dominant multisystem muscular dystrophy, "
        "accounting for about 90% of cases of myotonic dystrophy."
    )
    assert rows(matcher, text, "inheritance", "mode") == [("ORPHA:273", "autosomal_dominant")]


def test_a_mode_stated_for_a_share_of_people_is_still_a_mode(matcher):
    text = (
        "In approximately 20 to 25 percent of people with Leigh syndrome, the condition is "
        "inherited in a mitochondrial pattern, which is also known as maternal inheritance."
    )
    assert rows(matcher, text, "inheritance", "mode") == [("ORPHA:506", "mitochondrial")]


def test_a_share_of_cases_by_origin_is_not_a_mode(matcher):
    text = (
        "Kearns-Sayre syndrome is rare. Roughly two in three cases are inherited from the mother; "
        "up to ninety-five percent are sporadic in other series."
    )
    assert rows(matcher, text, "inheritance", "mode") == []


def test_a_negation_does_not_reach_into_a_relative_clause(matcher):
    text = (
        "It should not be confused with GNE myopathy, which is inherited in an autosomal "
        "recessive pattern."
    )
    assert rows(matcher, text, "inheritance", "mode") == [("ORPHA:602", "autosomal_recessive")]


def test_a_description_counts_beside_a_mode_named_in_the_sentence(matcher):
    text = (
        "Most cases of Kearns-Sayre syndrome are sporadic: the large deletion arises "
        "spontaneously in the egg or early embryo."
    )
    assert rows(matcher, text, "inheritance", "mode") == [
        ("ORPHA:480", "sporadic"),
        ("ORPHA:480", "de_novo"),
    ]


def test_one_copy_being_enough_to_cause_the_disease_is_dominance(matcher):
    text = (
        "Myotonic dystrophy type 1 is caused by a repeat in the DMPK gene, and one copy of the "
        "altered gene is enough to cause the disease."
    )
    assert rows(matcher, text, "inheritance", "mode") == [("ORPHA:273", "autosomal_dominant")]


def test_copies_counted_on_the_x_chromosome_explain_x_linked_inheritance(matcher):
    text = (
        "Duchenne muscular dystrophy is inherited in an X-linked recessive pattern. In males "
        "(who have only one X chromosome), one altered copy of the gene in each cell is "
        "sufficient to cause the condition."
    )
    assert rows(matcher, text, "inheritance", "mode") == [("ORPHA:98896", "x_linked_recessive")]


def test_a_subtype_referred_to_by_its_mode_is_not_a_statement(matcher):
    text = (
        "In general, people with GNE myopathy of the autosomal recessive type tend to have an "
        "earlier onset than those with the dominant type."
    )
    assert rows(matcher, text, "inheritance", "mode") == []


# --- diagnostic tests -------------------------------------------------------------------------


def test_a_test_no_longer_required_is_denied_past_a_relative_clause(matcher):
    text = (
        "McArdle disease\n\nMuscle biopsy, which shows glycogen buildup, is no longer required "
        "for diagnosis. Nerve biopsy, which shows demyelination, is now seldom necessary."
    )
    assert rows(matcher, text, "diagnostic_tests", "modality") == [("ORPHA:368", "nerve_biopsy")]


def test_measuring_something_in_the_blood_is_a_blood_test(matcher):
    text = (
        "Leigh syndrome\n\nMeasuring lactate in the blood and in cerebrospinal fluid obtained by "
        "lumbar puncture can also support the diagnosis."
    )
    assert rows(matcher, text, "diagnostic_tests", "modality") == [
        ("ORPHA:506", "blood_test"),
        ("ORPHA:506", "lumbar_puncture"),
    ]


def test_a_blood_test_for_a_gene_change_is_a_genetic_test(matcher):
    text = (
        "Hereditary neuropathy with liability to pressure palsies\n\n"
        "A blood test can look for the PMP22 deletion."
    )
    assert rows(matcher, text, "diagnostic_tests", "modality") == [("ORPHA:640", "genetic_testing")]


def test_a_change_in_the_blood_seen_during_another_test_is_not_a_blood_test(matcher):
    text = (
        "McArdle disease\n\nA forearm exercise test checks whether lactate rises in the blood "
        "after hand-gripping exercise."
    )
    assert rows(matcher, text, "diagnostic_tests", "modality") == [("ORPHA:368", "other")]


def test_named_tests_of_strength_walking_and_body_composition_are_each_other(matcher):
    text = (
        "How is sarcopenia diagnosed?\n\nYour GP may start with a simple grip strength test "
        "using a handheld dynamometer. A DEXA scan (a type of low-dose X-ray) can measure muscle "
        "mass. Bioelectrical impedance analysis is another way to estimate muscle mass. A gait "
        "speed test, timing how fast you walk four metres, measures physical performance."
    )
    assert rows(matcher, text, "diagnostic_tests", "modality") == [
        ("local:sarcopenia", "other"),
        ("local:sarcopenia", "x_ray"),
        ("local:sarcopenia", "other"),
        ("local:sarcopenia", "other"),
    ]


def test_a_physical_assessment_is_a_physical_examination(matcher):
    text = (
        "Muscle atrophy\n\nYour physiotherapist will carry out a thorough physical assessment, "
        "testing the strength of each muscle group."
    )
    assert rows(matcher, text, "diagnostic_tests", "modality") == [
        ("HP:0003202", "physical_examination")
    ]


def test_screening_of_hearing_and_of_the_retina_is_one_other_test(matcher):
    text = (
        "Myotonic dystrophy type 1\n\nRegular screening of hearing and of the retina is "
        "recommended in early-onset cases."
    )
    assert rows(matcher, text, "diagnostic_tests", "modality") == [("ORPHA:273", "other")]


def test_a_negation_inside_a_fronted_if_clause_does_not_deny_the_test(matcher):
    text = (
        "Lambert-Eaton myasthenic syndrome\n\nIf no tumor is found, a PET scan may be "
        "recommended. Because the syndrome is not inherited, the diagnosis relies on EMG findings."
    )
    assert rows(matcher, text, "diagnostic_tests", "modality") == [
        ("ORPHA:43393", "other"),
        ("ORPHA:43393", "electromyography"),
    ]


def test_a_sentence_naming_only_the_test_is_a_label_for_the_next_one(matcher):
    text = (
        "McArdle disease\n\n- Blood tests. Creatine kinase (CK) levels are high in most people, "
        "even at rest.\n- Muscle or nerve biopsy, in which a small sample of tissue is removed.\n"
    )
    assert rows(matcher, text, "diagnostic_tests", "modality", "quote") == [
        (
            "ORPHA:368",
            "creatine_kinase_test",
            "Blood tests. Creatine kinase (CK) levels are high in most people, even at rest",
        ),
        (
            "ORPHA:368",
            "muscle_biopsy",
            "Muscle or nerve biopsy, in which a small sample of tissue is removed",
        ),
        (
            "ORPHA:368",
            "nerve_biopsy",
            "Muscle or nerve biopsy, in which a small sample of tissue is removed",
        ),
    ]


def test_a_serum_level_measured_is_a_blood_test(matcher):
    text = "McArdle disease\n\n- Serum potassium measured during an attack is normal."
    assert rows(matcher, text, "diagnostic_tests", "modality") == [("ORPHA:368", "blood_test")]


# --- reference lists --------------------------------------------------------------------------


def test_a_reference_section_states_nothing(matcher):
    text = (
        "Kearns-Sayre syndrome\n\nKearns-Sayre syndrome usually begins before age 20.\n\n"
        "References\n\n"
        "1. Smith AB, et al. Autosomal recessive forms of Kearns-Sayre syndrome. J Neurol. 2001.\n"
        "2. Ortiz C. Muscle biopsy findings in Kearns-Sayre syndrome. Brain. 1999.\n"
    )
    found = extract_document("t", text, matcher)
    assert found["inheritance"] == [] and found["diagnostic_tests"] == []


def test_a_citation_line_outside_a_reference_section_states_nothing(matcher):
    text = (
        "Myotonic dystrophy type 1 is inherited in an autosomal dominant pattern.\n"
        "Brown T, Green K (2010). An X-linked family with myotonic dystrophy type 1. Neurology.\n"
        '3. ^ Lee J. "Recessive inheritance in myotonic dystrophy type 1". Muscle Nerve.\n'
    )
    assert rows(matcher, text, "inheritance", "mode") == [("ORPHA:273", "autosomal_dominant")]


def test_a_title_cited_in_quotes_is_not_a_statement(matcher):
    text = (
        "Notes on GNE myopathy\n\n"
        '- "An autosomal dominant distal myopathy resembling GNE myopathy". Neurology.\n'
        '- "GNE myopathy is inherited in an autosomal recessive pattern."\n'
    )
    assert rows(matcher, text, "inheritance", "mode") == [("ORPHA:602", "autosomal_recessive")]


# --- negation scope ---------------------------------------------------------------------------


def test_a_negated_noun_phrase_does_not_deny_what_follows_it(matcher):
    text = (
        "Occasionally Duchenne muscular dystrophy occurs in a boy without any family history "
        "as a result of a new (de novo) genetic change."
    )
    assert rows(matcher, text, "inheritance", "mode") == [("ORPHA:98896", "de_novo")]


def test_a_negated_verb_still_denies_past_a_negated_noun_phrase(matcher):
    text = "GNE myopathy does not arise from a de novo mutation in people with no family history."
    assert rows(matcher, text, "inheritance", "mode") == []


def test_sporadic_after_two_hedging_words_is_a_mode(matcher):
    text = "Lambert-Eaton myasthenic syndrome is almost always sporadic; familial cases are rare."
    assert rows(matcher, text, "inheritance", "mode") == [("ORPHA:43393", "sporadic")]


def test_a_negation_in_a_fronted_clause_with_coordinated_conditions(matcher):
    text = (
        "If you have had McArdle disease symptoms more than once, or without an obvious trigger, "
        "your doctor may arrange genetic testing."
    )
    assert rows(matcher, text, "diagnostic_tests", "modality") == [("ORPHA:368", "genetic_testing")]


# --- tests denied, hedged, or named by other words ----------------------------------------------


def test_a_test_not_usually_needed_or_not_reliable_is_not_a_fact_but_a_rare_one_is(matcher):
    text = (
        "McArdle disease\n\nA muscle biopsy is not usually required. A nerve conduction study is "
        "rarely needed. Serum creatine kinase can be raised but is not a reliable guide to "
        "severity. Muscle ultrasound is under study but is not yet part of standard care. An EMG "
        "may be used to detect myotonia, but it is not always necessary. A forearm exercise test "
        "does not usually need to be done. An MRI is not always abnormal early on."
    )
    assert rows(matcher, text, "diagnostic_tests", "modality") == [
        ("ORPHA:368", "nerve_conduction_study"),
        ("ORPHA:368", "electromyography"),
        ("ORPHA:368", "mri"),
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        "Your doctor will examine your child, for instance by watching them rise from the floor.",
        "They'll examine you, for instance by asking you to squeeze their fingers hard.",
        "The neurologist will begin with a thorough examination of the reflexes.",
        "Weakness is graded at the bedside using the MRC scale.",
        "Strength is scored by manual muscle strength testing.",
    ],
)
def test_ways_of_saying_physical_examination(matcher, sentence):
    text = f"Muscle atrophy\n\n{sentence}"
    assert rows(matcher, text, "diagnostic_tests", "modality") == [
        ("HP:0003202", "physical_examination")
    ]


def test_a_thorough_examination_of_a_sample_is_not_a_physical_examination(matcher):
    text = (
        "Muscle atrophy\n\nA thorough examination of the tissue under the microscope shows "
        "small fibres."
    )
    assert rows(matcher, text, "diagnostic_tests", "modality") == []


def test_direct_muscle_stimulation_is_another_test(matcher):
    text = (
        "Muscle atrophy\n\nDirect muscle stimulation can tell an inexcitable muscle membrane "
        "from a nerve lesion."
    )
    assert rows(matcher, text, "diagnostic_tests", "modality") == [("HP:0003202", "other")]


def test_a_blood_test_label_line_about_creatine_kinase_is_a_ck_test(matcher):
    text = "McArdle disease\n\nBlood test: Creatine kinase (CK) is raised in most people.\n"
    assert rows(matcher, text, "diagnostic_tests", "modality", "quote") == [
        (
            "ORPHA:368",
            "creatine_kinase_test",
            "Blood test: Creatine kinase (CK) is raised in most people",
        )
    ]


def test_a_blood_test_label_line_measuring_ck_among_others_is_both(matcher):
    text = (
        "McArdle disease\n\nBlood tests: to look for raised muscle enzymes such as creatine "
        "kinase (CK) and aldolase.\n"
    )
    assert rows(matcher, text, "diagnostic_tests", "modality") == [
        ("ORPHA:368", "blood_test"),
        ("ORPHA:368", "creatine_kinase_test"),
    ]


def test_serum_levels_of_several_things_are_a_blood_test(matcher):
    text = "Muscle atrophy\n\nSerum vitamin B12 and folate levels can point to a nutritional cause."
    assert rows(matcher, text, "diagnostic_tests", "modality") == [("HP:0003202", "blood_test")]


@pytest.mark.parametrize(
    ("sentence", "mode"),
    [
        ("In most families, Leigh syndrome behaves in a recessive way.", "autosomal_recessive"),
        ("Leigh syndrome can also be passed on through the X chromosome.", "x_linked"),
        ("Children with Leigh syndrome inherit two recessive variants.", "autosomal_recessive"),
        (
            "Both parents of an affected child with Leigh syndrome are carriers.",
            "autosomal_recessive",
        ),
        (
            "Leigh syndrome can be transmitted from an affected mother to her children.",
            "mitochondrial",
        ),
        ("In some children with Leigh syndrome the change happened spontaneously.", "de_novo"),
    ],
)
def test_more_ways_of_stating_a_mode(matcher, sentence, mode):
    assert rows(matcher, sentence, "inheritance", "mode") == [("ORPHA:506", mode)]


def test_a_dominant_de_novo_variant_states_both_modes(matcher):
    text = "Most people with GNE myopathy carry a dominant de novo variant."
    assert sorted(rows(matcher, text, "inheritance", "mode")) == [
        ("ORPHA:602", "autosomal_dominant"),
        ("ORPHA:602", "de_novo"),
    ]


def test_a_mode_in_a_relative_clause_belongs_to_the_condition_it_follows(matcher):
    text = (
        "Leigh syndrome is usually autosomal recessive. It differs from myotonic dystrophy type 1, a "
        "muscle disease, which is inherited in an autosomal dominant pattern."
    )
    assert rows(matcher, text, "inheritance", "mode") == [
        ("ORPHA:506", "autosomal_recessive"),
        ("ORPHA:273", "autosomal_dominant"),
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        "For decades Leigh syndrome was thought to be an X-linked disorder.",
        "Leigh syndrome: this is how recessive inheritance works in a family.",
    ],
)
def test_a_belief_given_up_or_an_explanation_of_a_pattern_is_not_a_mode(matcher, sentence):
    assert rows(matcher, sentence, "inheritance", "mode") == []


def test_a_gloss_and_a_modifier_between_two_tests_keep_them_one_statement(matcher):
    text = "For Kearns-Sayre syndrome: an electrocardiogram (ECG) and 24-hour Holter monitoring."
    assert rows(matcher, text, "diagnostic_tests", "modality") == [("ORPHA:480", "other")]


@pytest.mark.parametrize(
    "sentence",
    [
        "For McArdle disease, a muscle biopsy is usually not needed.",
        "Sisters of boys with Duchenne muscular dystrophy can have a blood test to learn "
        "whether they are carriers.",
        "McArdle disease: see the Genetic Testing Registry.",
    ],
)
def test_tests_not_needed_for_carriers_or_named_as_a_resource_are_not_facts(matcher, sentence):
    assert rows(matcher, sentence, "diagnostic_tests", "modality") == []


@pytest.mark.parametrize(
    ("sentence", "condition_id", "modality"),
    [
        (
            "For McArdle disease, a nurse will test the feeling in your feet.",
            "ORPHA:368",
            "physical_examination",
        ),
        (
            "For McArdle disease, the doctor uses a tuning fork on your ankle.",
            "ORPHA:368",
            "physical_examination",
        ),
        (
            "For Lambert-Eaton myasthenic syndrome, you may get an injection of a medicine called "
            "edrophonium.",
            "ORPHA:43393",
            "other",
        ),
    ],
)
def test_bedside_checks_of_sensation_and_a_drug_given_as_a_test(
    matcher, sentence, condition_id, modality
):
    assert rows(matcher, sentence, "diagnostic_tests", "modality") == [(condition_id, modality)]


def test_a_blood_test_listing_another_measure_before_ck_is_both(matcher):
    text = "For McArdle disease, blood tests, including lactate and creatine kinase levels."
    assert sorted(rows(matcher, text, "diagnostic_tests", "modality")) == [
        ("ORPHA:368", "blood_test"),
        ("ORPHA:368", "creatine_kinase_test"),
    ]
    text = "For McArdle disease, a blood test for creatine kinase."
    assert rows(matcher, text, "diagnostic_tests", "modality") == [
        ("ORPHA:368", "creatine_kinase_test")
    ]
