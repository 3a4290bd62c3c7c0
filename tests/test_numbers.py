"""Numeric figures: forms, normalized values, ranges, hedges and bounds, non-cases, exact offsets."""

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.text.numbers import Figure, find_figures, parse_number


def only(text: str) -> Figure:
    """The one figure in text."""
    figures = find_figures(text)
    assert len(figures) == 1, [text[f.start : f.end] for f in figures]
    return figures[0]


def check(text: str, span: str, form: str, low: float, high: float) -> Figure:
    figure = only(text)
    assert text[figure.start : figure.end] == span
    assert figure.form == form
    assert (figure.low, figure.high) == (pytest.approx(low), pytest.approx(high))
    return figure


# --- parse_number -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("0", 0),
        ("1,500", 1500),
        ("1000", 1000),
        ("1.5", 1.5),
        ("1,234,567.5", 1234567.5),
        ("100\u2009000", 100_000),
        ("100\u00a0000", 100_000),
        ("100\u202f000", 100_000),
        ("1.5 million", 1_500_000),
        ("2 billion", 2e9),
        ("3 thousand", 3000),
        ("5 hundred thousand", 500_000),
        ("zero", 0),
        ("seven", 7),
        ("Twelve", 12),
        ("ninety-five", 95),
        ("ninety five", 95),
        ("a hundred", 100),
        ("one hundred and fifty", 150),
        ("a hundred thousand", 100_000),
        ("fifteen hundred", 1500),
        ("two million five hundred thousand", 2_500_000),
        ("one thousand and five", 1005),
        ("a dozen", 12),
        ("two dozen", 24),
        ("half", 0.5),
        ("one-half", 0.5),
        ("a third", 1 / 3),
        ("one-third", 1 / 3),
        ("two-thirds", 2 / 3),
        ("three quarters", 0.75),
        ("a quarter", 0.25),
        ("  forty-two  ", 42),
        ("one and a half", 1.5),
        ("2 and a half", 2.5),
        ("one and a quarter", 1.25),
        ("one and three quarters", 1.75),
        ("one and a half million", 1_500_000),
        ("half a million", 500_000),
        ("a half million", 500_000),
        ("a quarter of a million", 250_000),
        ("three quarters of a million", 750_000),
        ("a million and a half", 1_500_000),
        ("half a dozen", 6),
    ],
)
def test_parse_number(text, value):
    assert parse_number(text) == pytest.approx(value)


@pytest.mark.parametrize(
    "text",
    ["", "  ", "abc", "five six", "twenty hundred", "one hundred and", "a", "5%", "1 in 3",
     "SMA1", "1st", "1.2.3", "hundred", "three halves", "-5", "tens of thousands",
     "one and a third", "one and a"],
)  # fmt: skip
def test_parse_number_rejects(text):
    assert parse_number(text) is None


# --- percent ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "span", "low", "high"),
    [
        ("5% of cases", "5%", 0.05, 0.05),
        ("5 % of cases", "5 %", 0.05, 0.05),
        ("5\u00a0% of cases", "5\u00a0%", 0.05, 0.05),
        ("5 percent of cases", "5 percent", 0.05, 0.05),
        ("five per cent of cases", "five per cent", 0.05, 0.05),
        ("FIVE PERCENT", "FIVE PERCENT", 0.05, 0.05),
        ("1.5% of cases", "1.5%", 0.015, 0.015),
        ("150% more", "150%", 1.5, 1.5),
        ("5-10% of cases", "5-10%", 0.05, 0.10),
        ("5\u201310 percent of cases", "5\u201310 percent", 0.05, 0.10),
        ("5\u201410% of cases", "5\u201410%", 0.05, 0.10),
        ("5 to 10% of cases", "5 to 10%", 0.05, 0.10),
        ("5% to 10% of cases", "5% to 10%", 0.05, 0.10),
        ("5 % \u2013 10 % of cases", "5 % \u2013 10 %", 0.05, 0.10),
        ("90 to 95% are sporadic", "90 to 95%", 0.90, 0.95),
        ("90-95% are sporadic", "90-95%", 0.90, 0.95),
        ("five to ten percent of cases", "five to ten percent", 0.05, 0.10),
        ("ninety to ninety-five percent of cases", "ninety to ninety-five percent", 0.90, 0.95),
        ("between 5 and 10 percent of cases", "between 5 and 10 percent", 0.05, 0.10),
        ("Between 5% and 10% of cases", "Between 5% and 10%", 0.05, 0.10),
        ("from 5 to 10% of cases", "from 5 to 10%", 0.05, 0.10),
        ("half of patients", "half", 0.5, 0.5),
        ("one-half of patients", "one-half", 0.5, 0.5),
        ("a third of patients", "a third", 1 / 3, 1 / 3),
        ("one-third of patients", "one-third", 1 / 3, 1 / 3),
        ("two-thirds of patients", "two-thirds", 2 / 3, 2 / 3),
        ("three quarters of patients", "three quarters", 0.75, 0.75),
        ("a quarter of patients", "a quarter", 0.25, 0.25),
        ("one-third to one-half of cases", "one-third to one-half", 1 / 3, 0.5),
        ("two in three adults", "two in three", 2 / 3, 2 / 3),
        ("two people in three", "two people in three", 2 / 3, 2 / 3),
        ("nine out of ten doctors", "nine out of ten", 0.9, 0.9),
        ("one and a half percent of cases", "one and a half percent", 0.015, 0.015),
        ("5 and a half percent of cases", "5 and a half percent", 0.055, 0.055),
        ("between about 5 and 10 percent of cases", "between about 5 and 10 percent", 0.05, 0.10),
        ("approximately 5 to 10 percent of cases", "approximately 5 to 10 percent", 0.05, 0.10),
        ("from around 5 to 10% of cases", "from around 5 to 10%", 0.05, 0.10),
    ],
)
def test_percent(text, span, low, high):
    check(text, span, "percent", low, high)


# --- ratio ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "span", "low", "high"),
    [
        ("1 in 100,000 people", "1 in 100,000", 1e-5, 1e-5),
        ("1 in 40,000 births", "1 in 40,000", 2.5e-5, 2.5e-5),
        ("one in every 3,500 boys", "one in every 3,500", 1 / 3500, 1 / 3500),
        ("1 out of 10 people", "1 out of 10", 0.1, 0.1),
        ("2 in 3 adults", "2 in 3", 2 / 3, 2 / 3),
        ("5 in every 1,000 births", "5 in every 1,000", 0.005, 0.005),
        ("1 in 2000 births", "1 in 2000", 5e-4, 5e-4),
        ("one in a million", "one in a million", 1e-6, 1e-6),
        ("1 in 100\u00a0000 people", "1 in 100\u00a0000", 1e-5, 1e-5),
        ("1 in 100 000 people", "1 in 100 000", 1e-5, 1e-5),
        ("1 in 5,000 to 1 in 10,000 births", "1 in 5,000 to 1 in 10,000", 1e-4, 2e-4),
        ("1 in 5,000 to 10,000 births", "1 in 5,000 to 10,000", 1e-4, 2e-4),
        ("1 in 5,000-10,000 births", "1 in 5,000-10,000", 1e-4, 2e-4),
        (
            "between 1 in 5,000 and 1 in 10,000 births",
            "between 1 in 5,000 and 1 in 10,000",
            1e-4,
            2e-4,
        ),
        ("1 in 8,000 to 10,000 births", "1 in 8,000 to 10,000", 1e-4, 1.25e-4),
        # 25 / 1,000,000 = 2.5e-5, with the counted noun inside the span.
        (
            "twenty-five people in every million",
            "twenty-five people in every million",
            2.5e-5,
            2.5e-5,
        ),
        ("25 in a million people", "25 in a million", 2.5e-5, 2.5e-5),
        ("25 people in every 1 million", "25 people in every 1 million", 2.5e-5, 2.5e-5),
        ("25 people in 1 million", "25 people in 1 million", 2.5e-5, 2.5e-5),
        ("2 new cases in every 100,000", "2 new cases in every 100,000", 2e-5, 2e-5),
        ("1 person in every 10,000 adults", "1 person in every 10,000", 1e-4, 1e-4),
        ("1 baby in 5,000", "1 baby in 5,000", 2e-4, 2e-4),
        ("3 of every 10 people", "3 of every 10", 0.3, 0.3),
        ("3 out of 10", "3 out of 10", 0.3, 0.3),
        ("3 out of every 10 patients", "3 out of every 10", 0.3, 0.3),
        ("3 patients out of 10", "3 patients out of 10", 0.3, 0.3),
        ("one in half a million", "one in half a million", 2e-6, 2e-6),
        ("1 in 2 and a half million", "1 in 2 and a half million", 4e-7, 4e-7),
        ("1 to 2 people in every 1,000", "1 to 2 people in every 1,000", 1e-3, 2e-3),
        # A slash before a denominator of a thousand or more reads as "in".
        ("1/8,000 people", "1/8,000", 1.25e-4, 1.25e-4),
        ("1/1000 births", "1/1000", 1e-3, 1e-3),
        ("a prevalence of 1:20,000", "1:20,000", 5e-5, 5e-5),
        ("between 1/8,000 and 1/20,000", "between 1/8,000 and 1/20,000", 5e-5, 1.25e-4),
        # Orphanet prevalence classes: a range over a spaced denominator.
        ("Prevalence: 1-9 / 100 000", "1-9 / 100 000", 1e-5, 9e-5),
        ("Prevalence: 1-5 / 10 000", "1-5 / 10 000", 1e-4, 5e-4),
        ("Annual incidence: 1-9 / 1 000 000", "1-9 / 1 000 000", 1e-6, 9e-6),
    ],
)
def test_ratio(text, span, low, high):
    check(text, span, "ratio", low, high)


# --- rate -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "span", "low", "high"),
    [
        ("1 per 100,000 per year", "1 per 100,000", 1e-5, 1e-5),
        ("1 to 2 per 100,000 per year", "1 to 2 per 100,000", 1e-5, 2e-5),
        ("1-2 per 100,000 per year", "1-2 per 100,000", 1e-5, 2e-5),
        ("between 1 and 2 per 100,000", "between 1 and 2 per 100,000", 1e-5, 2e-5),
        ("3.5 per 10,000 people", "3.5 per 10,000", 3.5e-4, 3.5e-4),
        ("2 cases per 100,000 people", "2 cases per 100,000", 2e-5, 2e-5),
        ("2 new cases per 100,000", "2 new cases per 100,000", 2e-5, 2e-5),
        ("5 per million", "5 per million", 5e-6, 5e-6),
        ("5.2 per 100 000 person-years", "5.2 per 100 000", 5.2e-5, 5.2e-5),
        ("1 per 100,000 to 2 per 100,000", "1 per 100,000 to 2 per 100,000", 1e-5, 2e-5),
        ("2 per 1,000 births", "2 per 1,000", 0.002, 0.002),
        ("1 case per 100,000", "1 case per 100,000", 1e-5, 1e-5),
        ("2 and a half per 1,000", "2 and a half per 1,000", 0.0025, 0.0025),
        # What happens to the counted ones, and when, may come before "per".
        (
            "1 to 10 new cases are diagnosed per million adults",
            "1 to 10 new cases are diagnosed per million",
            1e-6,
            1e-5,
        ),
        ("3 cases occur per 100,000", "3 cases occur per 100,000", 3e-5, 3e-5),
        ("1 to 2 cases per year per 100,000", "1 to 2 cases per year per 100,000", 1e-5, 2e-5),
        ("4 new cases a year per million", "4 new cases a year per million", 4e-6, 4e-6),
        # The second end may carry its own hedge.
        (
            "from 5 to more than 70 cases per million",
            "from 5 to more than 70 cases per million",
            5e-6,
            7e-5,
        ),
    ],
)
def test_rate(text, span, low, high):
    check(text, span, "rate", low, high)


# --- count ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "span", "low", "high"),
    [
        ("30,000 Americans", "30,000", 30_000, 30_000),
        ("1.5 million people", "1.5 million", 1.5e6, 1.5e6),
        ("2 billion people", "2 billion", 2e9, 2e9),
        ("a hundred thousand people", "a hundred thousand", 1e5, 1e5),
        ("two hundred thousand people", "two hundred thousand", 2e5, 2e5),
        ("one hundred and fifty families", "one hundred and fifty", 150, 150),
        ("100 patients", "100", 100, 100),
        ("30,000-50,000 Americans", "30,000-50,000", 30_000, 50_000),
        ("between 30,000 and 50,000 people", "between 30,000 and 50,000", 30_000, 50_000),
        ("1.5 to 2 million people", "1.5 to 2 million", 1.5e6, 2e6),
        ("five to ten thousand people", "five to ten thousand", 5000, 10_000),
        (
            "between one hundred and two hundred people",
            "between one hundred and two hundred",
            100,
            200,
        ),
        ("half a million people", "half a million", 500_000, 500_000),
        ("half-a-million people", "half-a-million", 500_000, 500_000),
        ("a half million people", "a half million", 500_000, 500_000),
        ("a quarter of a million people", "a quarter of a million", 250_000, 250_000),
        ("three quarters of a million", "three quarters of a million", 750_000, 750_000),
        ("two-thirds of a billion", "two-thirds of a billion", 2e9 / 3, 2e9 / 3),
        ("one-half million people", "one-half million", 500_000, 500_000),
        ("half a million-1 million people", "half a million-1 million", 500_000, 1e6),
        ("one and a half million people", "one and a half million", 1.5e6, 1.5e6),
        ("2 and a half million people", "2 and a half million", 2.5e6, 2.5e6),
        ("a million and a half people", "a million and a half", 1.5e6, 1.5e6),
        ("one and a half to two million people", "one and a half to two million", 1.5e6, 2e6),
        (
            "between half a million and a million people",
            "between half a million and a million",
            500_000,
            1e6,
        ),
        (
            "between an estimated 30,000 and 50,000 people",
            "between an estimated 30,000 and 50,000",
            30_000,
            50_000,
        ),
    ],
)
def test_count(text, span, low, high):
    check(text, span, "count", low, high)


# --- hedges and bounds ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "span", "hedge", "bound"),
    [
        ("about 1 in 100,000 people", "about 1 in 100,000", "about", None),
        ("Around five to ten percent", "Around five to ten percent", "around", None),
        ("approximately 5%", "approximately 5%", "approximately", None),
        ("approx. 5%", "approx. 5%", "approximately", None),
        ("roughly 30,000 people", "roughly 30,000", "roughly", None),
        ("nearly half of all cases", "nearly half", "nearly", None),
        ("almost 40%", "almost 40%", "almost", None),
        ("an estimated 5.6 million people", "an estimated 5.6 million", "an estimated", None),
        ("An  Estimated 1 in 5,000", "An  Estimated 1 in 5,000", "an estimated", None),
        ("estimated 30,000 people", "estimated 30,000", "estimated", None),
        ("some 300 families", "some 300", "some", None),
        ("up to 10% of cases", "up to 10%", "up to", "upper"),
        ("as many as 1 in 3", "as many as 1 in 3", "as many as", "upper"),
        ("fewer than 200,000 people", "fewer than 200,000", "fewer than", "upper"),
        ("less than 1%", "less than 1%", "less than", "upper"),
        ("under 5%", "under 5%", "under", "upper"),
        ("no more than 5%", "no more than 5%", "no more than", "upper"),
        ("at most 10 per 100,000", "at most 10 per 100,000", "at most", "upper"),
        ("more than half", "more than half", "more than", "lower"),
        ("over 1,000 people", "over 1,000", "over", "lower"),
        ("at least 30,000 people", "at least 30,000", "at least", "lower"),
        ("greater than 50%", "greater than 50%", "greater than", "lower"),
        ("roughly between 5 and 10 percent", "roughly between 5 and 10 percent", "roughly", None),
        ("(~5%)", "~5%", "approximately", None),
        ("(<5%)", "<5%", "less than", "upper"),
        ("5% of cases", "5%", None, None),
        ("between about 5 and 10 percent", "between about 5 and 10 percent", "about", None),
        ("roughly between about 5 and 10%", "roughly between about 5 and 10%", "roughly", None),
        ("from approx. 1 to 2 per 1,000", "from approx. 1 to 2 per 1,000", "approximately", None),
        ("More than half a million people", "More than half a million", "more than", "lower"),
        ("about half a million", "about half a million", "about", None),
        (
            "about twenty-five people in every million",
            "about twenty-five people in every million",
            "about",
            None,
        ),
    ],
)
def test_hedges_and_bounds(text, span, hedge, bound):
    figure = only(text)
    assert text[figure.start : figure.end] == span
    assert (figure.hedge, figure.bound) == (hedge, bound)


def test_a_hedge_on_the_second_end_of_a_range_marks_it_but_bounds_neither():
    figure = only("between 10 and about 20 percent")
    assert (figure.low, figure.high) == (pytest.approx(0.1), pytest.approx(0.2))
    assert (figure.hedge, figure.bound) == ("about", None)
    figure = only("from about 5 to more than 70 per million")
    assert (figure.hedge, figure.bound) == ("about", None)


def test_hedge_only_right_before_the_figure():
    text = "about the same: 5% of cases"
    assert only(text).hedge is None
    assert find_figures("some people") == []


# --- non-cases --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "received an ALS diagnosis in 1939, this condition",  # a year
        "from 1990 to 2000",  # a range of years
        "Last updated: 2026-04-07",  # a date
        "September 10, 2023",
        "on 10/12/2020 at 10:30",
        "$300 a month",  # money
        "$1.5 million in funding",
        "300 dollars",
        "USD 300",
        "\u20ac300",
        "SMA1 and SMA2",  # glued to letters
        "IL-6 and COVID-19",
        "HP:0003202",
        "CAG repeats; mtDNA",
        "1st, 2nd and 3rd",  # ordinals
        "the first and second",
        "type 2 diabetes",
        "Type 300 fibres",
        "OMIM #253300",
        "version 1.2.3",
        "the 1990s",
        "20 minutes three times a week",  # small bare integers
        "at least twenty minutes",
        "children under 5",
        "tens of thousands of people",  # vague
        "hundreds of thousands",
        "dozens of studies; a dozen studies",
        "300 mg daily",  # measurements
        "1,000 to 2,000 mg",
        "over 100 years",
        "a 100-fold increase",
        "a third dose",  # ordinal, not a fraction
        "in the first half of 2020",
        "a half-life of six hours",
        "5 percentage points",
        "2 in 2019",  # a year, not a ratio
        "3 out of 2",
        "5 and 10 patients",
        "1,5 million",  # decimal comma: ambiguous
        "30 000 people",  # a plain space groups digits only in a denominator
        "half a dozen studies",  # 6, too small to count, and not a share "half"
        "one and a half times",
        "two and a half years",
        "20 patients in 3 centres",  # "in" after a noun needs 1 or a round denominator
        "2 people in 3 studies",
        "a 50/50 chance",  # a slash before a small denominator is no ratio
        "blood pressure of 140/90",
        "at 10:30 in the morning",  # a time, not a ratio
        "a 1:1 ratio",
        "20/200 vision",
        "reviewed 3/2021",  # a year after a slash
        "3 cases per year",  # "per" needs a denominator
    ],
)
def test_non_cases(text):
    assert find_figures(text) == []


def test_hedged_year_like_number_is_a_count():
    check("over 1500 people", "over 1500", "count", 1500, 1500)


def test_list_with_and_is_not_a_range():
    text = "5 and 10% respectively"
    check(text, "10%", "percent", 0.1, 0.1)


def test_year_then_count_across_a_spaced_dash():
    check("in 2019 \u2013 30,000 people", "30,000", "count", 30_000, 30_000)


# --- several figures and offsets --------------------------------------------------------------


def test_sentences_from_the_seed_texts():
    text = (
        "Around five to ten percent of cases are classified as familial. However, ninety to "
        "ninety-five percent of cases are sporadic and no cause is known. It affects about "
        "1 in 100,000 people each year in the U.S., and about 30,000 Americans live with it."
    )
    spans = [(text[f.start : f.end], f.form) for f in find_figures(text)]
    assert spans == [
        ("Around five to ten percent", "percent"),
        ("ninety to ninety-five percent", "percent"),
        ("about 1 in 100,000", "ratio"),
        ("about 30,000", "count"),
    ]


def test_figures_do_not_overlap_and_run_left_to_right():
    text = "5% to 10%, 1 in 3, 2 per 1,000 and 300 people"
    figures = find_figures(text)
    assert [text[f.start : f.end] for f in figures] == [
        "5% to 10%", "1 in 3", "2 per 1,000", "300",
    ]  # fmt: skip
    assert all(a.end <= b.start for a, b in itertools.pairwise(figures))


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("Ça touche 🙂 environ: about 5% des élèves", "about 5%"),
        ("e\u0301te\u0301 \U0001f9ec about 1 in 40,000 births", "about 1 in 40,000"),
        ("İstanbul ſ 𝔘 — nearly 2 million people", "nearly 2 million"),
        ("日本では約 30,000 人", "30,000"),
    ],
)
def test_offsets_on_non_ascii_text(text, span):
    figure = only(text)
    assert text[figure.start : figure.end] == span
    assert figure.start == text.index(span)


_PIECES = st.sampled_from(
    [*"0123456789 ,.-%$:/~<\u2013\u00a0\u2009\n", "one", "in", "to", "per", "and", "between",
     "about", "a", "hundred", "half", "third", "of", "percent", "million", "every", "cases",
     "type", "mg", "é", "🙂", "\u0301", "İ", "ſ"]
)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, max_size=25).map("".join))
def test_spans_round_trip_on_number_like_text(text):
    figures = find_figures(text)
    previous_end = 0
    for figure in figures:
        assert previous_end <= figure.start < figure.end <= len(text)
        assert figure.low <= figure.high
        assert figure.form in {"percent", "ratio", "rate", "count"}
        assert figure.bound in {None, "upper", "lower"}
        previous_end = figure.end
    # Offsets are code points: text after astral and combining characters shifts by their count.
    prefix = "🧬 é.\n\n"
    shifted = find_figures(prefix + text)
    assert [(f.start - len(prefix), f.end - len(prefix)) for f in shifted] == [
        (f.start, f.end) for f in figures
    ]
    assert [(prefix + text)[f.start : f.end] for f in shifted] == [
        text[f.start : f.end] for f in figures
    ]


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_never_raises(text):
    find_figures(text)
    parse_number(text)
