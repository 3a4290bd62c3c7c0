"""Property tests (hypothesis): extraction on any text, and the validators on rows that must fail.

Bounded to keep the suite quick: at most 150 examples per property, no deadline.
"""

from __future__ import annotations

import math
import string
from pathlib import Path
from typing import NamedTuple

import polars as pl
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from pipeline.assemble import ordered, split_quarantine, with_fact_ids
from pipeline.extract.document import extract_document
from pipeline.ids import fact_id
from pipeline.lexicon_build import HpoRelease, build_tables, load_curated
from pipeline.mentions import Matcher
from pipeline.steps import fact_schema
from schemas import vocabularies as v
from schemas.models import FACT_TABLES, TABLES

REPO = Path(__file__).resolve().parent.parent
BOUNDED = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def curated_matcher() -> Matcher:
    """The curated lexicon alone (no hpo3 load): hpo3's names are stood in by the curated labels."""
    curated = load_curated(REPO / "pipeline/lexicon/conditions.yaml")
    labels = {entry["id"]: entry["label"] for entry in curated}
    terms = {curie: label for curie, label in labels.items() if curie.startswith("HP:")}
    diseases = {curie: label for curie, label in labels.items() if curie not in terms}
    _, names = build_tables(curated, HpoRelease("curated only", diseases, {}, terms))
    return Matcher(names)


MATCHER = curated_matcher()


def polars_schema(table: str) -> dict[str, pl.DataType]:
    """The polars dtypes of a table's columns, in contract order."""
    return {name: column.dtype.type for name, column in TABLES[table].to_schema().columns.items()}


def release_frame(table: str, rows: list[dict[str, object]]) -> pl.DataFrame:
    """Extracted rows as assemble shapes them: typed, with fact ids, in contract order."""
    frame = with_fact_ids(table, pl.DataFrame(rows, schema=fact_schema(table), orient="row"))
    if table == "inheritance":
        frame = frame.with_columns(pl.lit(None, dtype=pl.Boolean).alias("agrees_with_reference"))
    return ordered(table, frame)


# --- extraction on arbitrary text ----------------------------------------------------------------

WORDS = [
    *("ALS", "amyotrophic lateral sclerosis", "SMA", "Spinal muscular atrophy", "Pompe disease"),
    *("Guillain-Barré syndrome", "Duchenne muscular dystrophy", "DMD", "muscle atrophy", "it"),
    *("1 in", "per", "100,000", "5", "0", "12.5", "1/2", "five", "ten", "half", "one third"),
    *("percent", "%", "per cent", "about", "around", "up to", "more than", "an estimated"),
    *("cases", "people", "births", "each year", "in the US", "worldwide", "males", "Americans"),
    *("are familial", "are sporadic", "is inherited", "autosomal", "recessive", "X-linked"),
    *("dominant", "mitochondrial", "de novo", "not", "no", "if", "MRI", "EMG", "muscle biopsy"),
    *("blood test", "genetic testing", "diagnose", "to", "of", "and", "or", "is", "are", "?"),
    *(".", ",", ";", "(", ")", "-", "\u2013", "\u201c", "\u201d", "\n", "\r\n", "\n\n", "#"),
    *("Diagnosis", "Inheritance", "\u00a0", "\u2009", "\u200b", "\u0301", "\ufeff", "🙂", "𝑥"),
]
texts = st.one_of(
    st.text(max_size=400),
    st.lists(st.one_of(st.sampled_from(WORDS), st.text(max_size=4)), max_size=80).map(" ".join),
)


@BOUNDED
@given(text=texts)
def test_extraction_never_raises_and_every_row_satisfies_its_schema_and_quote(text: str):
    found = extract_document("src_1", text, MATCHER)
    for table, rows in found.items():
        evidence = "text" if table == "mentions" else "quote"
        for row in rows:
            assert 0 <= row["start"] < row["end"] <= len(text), (table, row)
            assert row[evidence] == text[row["start"] : row["end"]]
            assert row[evidence].strip(), (table, row)
            assert row["source_id"] == "src_1"
        if not rows:
            continue
        if table == "mentions":
            TABLES[table].validate(pl.DataFrame(rows, schema=fact_schema(table)))
        else:
            TABLES[table].validate(release_frame(table, rows), lazy=True)


# --- figures: nothing lost ---------------------------------------------------------------------

numbers = st.one_of(
    st.integers(0, 10**7).map(str),
    st.integers(1000, 10**7).map("{:,}".format),
    st.decimals(0, 1000, places=2).map(str),
    st.sampled_from(["0", "one", "five", "ten", "a hundred", "half", "a third"]),
)
conditions = st.sampled_from(["ALS", "Spinal muscular atrophy", "Guillain-Barré syndrome"])
hedges = st.sampled_from(["", "about ", "around ", "up to ", "more than ", "nearly "])
figures = st.one_of(
    st.builds(
        "{}{} to {} percent of {} cases are familial.".format, hedges, numbers, numbers, conditions
    ),
    st.builds("{}{}% of {} cases are sporadic.".format, hedges, numbers, conditions),
    st.builds(
        "{} affects {}{} in {} people each year.".format, conditions, hedges, numbers, numbers
    ),
    st.builds("{} occurs in {}{} in {} births.".format, conditions, hedges, numbers, numbers),
    st.builds("{}{} Americans have {}.".format, hedges, numbers, conditions),
    st.builds("{} affects {}{} per 100,000 people.".format, conditions, hedges, numbers),
)


@BOUNDED
@given(text=figures)
@example(text="nearly 1.5 to 384 percent of ALS cases are familial.")  # 0.015..3.84 is no share
def test_every_extracted_figure_is_shipped_or_quarantined_never_dropped(text: str):
    rows = extract_document("src_1", text, MATCHER)["epidemiology"]
    if not rows:
        return
    frame = release_frame("epidemiology", rows)
    kept, quarantined = split_quarantine("epidemiology", frame)
    TABLES["epidemiology"].validate(kept)
    assert set(kept["fact_id"]) | {q["fact_id"] for q in quarantined} == set(frame["fact_id"])
    assert not set(kept["fact_id"]) & {q["fact_id"] for q in quarantined}
    for row in kept.iter_rows(named=True):
        assert math.isfinite(row["value_high"]) and row["value_low"] <= row["value_high"]
        assert row["unit"] != "proportion" or row["value_high"] <= 1
        assert row["unit"] in v.MEASURE_UNITS[row["measure"]]


# --- Unicode that must change nothing ----------------------------------------------------------

FACT_TEXT = (
    "Amyotrophic lateral sclerosis (ALS) is a disease of motor neurons.\n"
    "Around five to ten percent of ALS cases are familial.\n"
    "Guillain-Barré syndrome affects about 1 in 100,000 people each year in the U.S.\n"
    "Spinal and bulbar muscular atrophy is inherited in an X-linked recessive pattern.\n"
    "Doctors use nerve conduction studies to diagnose Guillain-Barré syndrome.\n"
)
SPACES = [chr(c) for c in (0xA0, 0x1680, *range(0x2000, 0x200B), 0x202F, 0x205F, 0x3000)]
DASHES = ["\u2010", "\u2011", "\u2012", "\u2013", "\u2014", "\u2212", "\ufe63", "\uff0d"]
QUOTES = [("\u201c", "\u201d"), ("\u2018", "\u2019"), ("\u00ab", "\u00bb"), ("\u300c", "\u300d")]
PREFIX_CHARACTERS = " \t\n\u00a0\u3000*#=-_~.:;!🙂𝑥\u200b\ufeff\u0301" + string.digits


def facts_of(text: str) -> list[tuple[object, ...]]:
    found = extract_document("src_1", text, MATCHER)
    return sorted(
        (
            table,
            row["condition_id"],
            *(row.get(key) for key in ("measure", "mode", "modality", "value_low", "value_high")),
            *(row["start"], row["end"], row["quote"]),
        )
        for table in FACT_TABLES
        for row in found[table]
    )


def _ascii(text: str, space: str, dash: str, quotes: tuple[str, str]) -> str:
    return (
        text.replace("\r\n", "\n")
        .replace(space, " ")
        .replace(dash, "-")
        .replace(quotes[0], "(")
        .replace(quotes[1], ")")
    )


@BOUNDED
@given(
    space=st.sampled_from(SPACES),
    dash=st.sampled_from(DASHES),
    quotes=st.sampled_from(QUOTES),
    newline=st.sampled_from(["\n", "\r\n", "\r"]),
    prefix=st.lists(st.text(PREFIX_CHARACTERS, max_size=12), max_size=3).map(
        lambda lines: "".join(line + "\n" for line in lines)
    ),
)
def test_unicode_spaces_dashes_quotes_and_line_ends_keep_facts_and_exact_offsets(
    space: str, dash: str, quotes: tuple[str, str], newline: str, prefix: str
):
    variant = prefix + (
        FACT_TEXT.replace(" ", space)
        .replace("-", dash)
        .replace("(ALS)", f"{quotes[0]}ALS{quotes[1]}")
        .replace("\n", newline)
    )
    expected = facts_of(FACT_TEXT)
    found = facts_of(variant)
    assert [fact[:-3] for fact in found] == [fact[:-3] for fact in expected]
    for fact, original in zip(found, expected, strict=True):
        start, end, quote = fact[-3:]
        assert variant[start:end] == quote
        if newline == "\r":
            quote = quote.replace("\r", "\n")
        assert _ascii(quote, space, dash, quotes) == original[-1]


@pytest.mark.parametrize("separator", ["\u2028", "\u2029", "\u0085", "\x0b", "\x0c"])
def test_unicode_line_separators_end_lines(separator: str):
    expected = [fact[:-3] for fact in facts_of(FACT_TEXT)]
    assert [fact[:-3] for fact in facts_of(FACT_TEXT.replace("\n", separator))] == expected


# --- validators: rows that must be rejected ----------------------------------------------------

provenance = {
    "source_id": st.from_regex(r"[a-z0-9][a-z0-9_-]{0,30}", fullmatch=True),
    "condition_id": st.sampled_from(["ORPHA:803", "OMIM:105400", "HP:0003202", "local:x_y"]),
    "start": st.integers(0, 10**6),
    "length": st.integers(1, 500),
    "quote": st.text(min_size=1, max_size=40),
    "extractor": st.sampled_from(["epidemiology.figure@1", "inheritance.mode@2", "tests.named@1"]),
}


@st.composite
def valid_rows(draw: st.DrawFn, table: str) -> dict[str, object]:
    """A row of a fact table that satisfies its model."""
    row: dict[str, object] = {key: draw(strategy) for key, strategy in provenance.items()}
    row["end"] = row["start"] + row.pop("length")
    if table == "epidemiology":
        measure = draw(st.sampled_from(v.MEASURES))
        unit = v.MEASURE_UNITS[measure][0]
        top = 1.0 if unit == "proportion" else 1e9
        low, high = sorted(draw(st.lists(st.floats(0, top), min_size=2, max_size=2)))
        row |= {
            "measure": measure,
            "value_low": low,
            "value_high": high,
            "unit": unit,
            "approximate": draw(st.booleans()),
            "population": draw(st.none() | st.sampled_from(v.POPULATIONS)),
        }
    elif table == "inheritance":
        mode = draw(st.sampled_from(v.INHERITANCE_MODES))
        row |= {"mode": mode, "hpo_id": v.INHERITANCE_HPO[mode], "agrees_with_reference": None}
    else:
        row |= {
            "modality": draw(st.sampled_from(v.MODALITIES)),
            "purpose": draw(st.none() | st.text()),
        }
    return row | {"fact_id": fact_id(table, row)}


class Breakage(NamedTuple):
    """A way to break a row: the tables it applies to, the column and check quarantine names."""

    tables: tuple[str, ...]
    column: str
    check: str
    change: st.SearchStrategy[dict[str, object]]


def unknown(vocabulary: tuple[str, ...]) -> st.SearchStrategy[str]:
    """Words outside a vocabulary."""
    words = st.text(string.ascii_lowercase + "_", min_size=1, max_size=12)
    return words.filter(lambda word: word not in vocabulary)


EPI = ("epidemiology",)
BREAKAGES = [
    Breakage(EPI, "unit,value_low,value_high", "proportion_within_0_1",
             st.floats(1, 1e6, exclude_min=True).map(lambda x: {
                 "measure": "prevalence", "unit": "proportion", "value_low": 0.5, "value_high": x})),
    Breakage(EPI, "value_low,value_high", "values_finite", st.just({"value_high": math.inf})),
    Breakage(EPI, "value_low,value_high", "value_low_at_most_value_high",
             st.floats(0.5, 1).map(lambda x: {"value_low": x, "value_high": x / 4})),
    Breakage(EPI, "measure,unit", "unit_of_measure", st.just(
        {"measure": "case_count", "unit": "proportion", "value_low": 0.1, "value_high": 0.2})),
    Breakage(EPI, "value_low", "greater_than_or_equal_to",
             st.floats(-1e6, 0, exclude_max=True).map(lambda x: {"value_low": x})),
    Breakage(EPI, "measure", "isin", unknown(v.MEASURES).map(lambda w: {"measure": w})),
    Breakage(EPI, "unit", "isin", unknown(v.UNITS).map(lambda w: {"unit": w})),
    Breakage(EPI, "population", "isin", unknown(v.POPULATIONS).map(lambda w: {"population": w})),
    Breakage(("inheritance",), "mode", "isin",
             unknown(v.INHERITANCE_MODES).map(lambda w: {"mode": w})),
    Breakage(("inheritance",), "hpo_id", "isin", st.just({"hpo_id": "HP:0000001"})),
    Breakage(("diagnostic_tests",), "modality", "isin",
             unknown(v.MODALITIES).map(lambda w: {"modality": w})),
    Breakage(FACT_TABLES, "quote", "str_length", st.just({"quote": ""})),
    Breakage(FACT_TABLES, "condition_id", "str_matches",
             st.sampled_from(["ALS", "orpha:1", "ORPHA:", "HP:123"]).map(
                 lambda c: {"condition_id": c})),
    Breakage(FACT_TABLES, "extractor", "str_matches", st.just({"extractor": "figure"})),
]  # fmt: skip


@st.composite
def table_with_one_bad_row(draw: st.DrawFn) -> tuple[str, pl.DataFrame, int, Breakage]:
    """A fact table's frame of valid rows plus one broken row: table, frame, its index, how."""
    breakage = draw(st.sampled_from(BREAKAGES))
    table = draw(st.sampled_from(breakage.tables))
    bad = draw(valid_rows(table)) | draw(breakage.change)
    bad["fact_id"] = fact_id(table, bad)
    rows = draw(st.lists(valid_rows(table), max_size=5, unique_by=lambda row: row["fact_id"]))
    rows = [row for row in rows if row["fact_id"] != bad["fact_id"]]
    index = draw(st.integers(0, len(rows)))
    rows.insert(index, bad)
    return table, pl.DataFrame(rows, schema=polars_schema(table), orient="row"), index, breakage


@BOUNDED
@given(case=table_with_one_bad_row())
def test_validators_reject_bad_rows_and_quarantine_only_them(case):
    table, frame, index, breakage = case
    kept, quarantined = split_quarantine(table, frame)
    bad_id = frame["fact_id"][index]
    assert kept["fact_id"].to_list() == [f for f in frame["fact_id"] if f != bad_id]
    TABLES[table].validate(kept)
    assert {q["fact_id"] for q in quarantined} == {bad_id}
    failed = [(q["failed_column"], q["failed_check"]) for q in quarantined]
    assert any(c == breakage.column and breakage.check in check for c, check in failed), failed
    TABLES["quarantine"].validate(pl.DataFrame(quarantined, schema=polars_schema("quarantine")))
