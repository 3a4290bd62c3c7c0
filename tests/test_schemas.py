"""Each model rejects a bad row of each kind with a message naming the column and the check."""

from __future__ import annotations

import datetime as dt

import pandera.polars as pa
import polars as pl
import pytest

from schemas.models import TABLES

FACT = {
    "fact_id": "0123456789abcdef",
    "source_id": "src_1",
    "condition_id": "ORPHA:803",
    "start": 0,
    "end": 10,
    "quote": "ALS is rare",
    "extractor": "epidemiology.figure@1",
}
GOOD = {
    "sources": {
        "source_id": "src_1",
        "path": "raw/src_1.txt",
        "sha256": "a" * 64,
        "n_chars": 10,
        "title": None,
        "publisher": None,
        "url": None,
        "kind": "government",
        "published": dt.date(2024, 1, 2),
        "commercial_interest": False,
    },
    "conditions": {
        "condition_id": "ORPHA:803",
        "label": "Amyotrophic lateral sclerosis",
        "synonyms": ["ALS"],
        "xrefs": [],
        "reference_inheritance": [],
    },
    "mentions": {
        "source_id": "src_1",
        "condition_id": "ORPHA:803",
        "start": 0,
        "end": 3,
        "text": "ALS",
    },
    "epidemiology": {
        **FACT,
        "measure": "incidence",
        "value_low": 1e-5,
        "value_high": 2e-5,
        "unit": "per_person_year",
        "approximate": True,
        "population": "US",
    },
    "inheritance": {
        **FACT,
        "mode": "x_linked",
        "hpo_id": "HP:0001417",
        "agrees_with_reference": None,
    },
    "diagnostic_tests": {**FACT, "modality": "mri", "purpose": None},
}
BAD = [
    ("sources", "source_id", "Bad Id", "str_matches"),
    ("sources", "n_chars", 0, "greater_than_or_equal_to"),
    ("sources", "kind", "tabloid", "isin"),
    ("conditions", "condition_id", "MONDO:1", "str_matches"),
    ("mentions", "start", -1, "greater_than_or_equal_to"),
    ("epidemiology", "measure", "mortality", "isin"),
    ("epidemiology", "unit", "per_decade", "isin"),
    ("epidemiology", "value_low", -0.1, "greater_than_or_equal_to"),
    ("epidemiology", "population", "Mars", "isin"),
    ("epidemiology", "fact_id", "XYZ", "str_matches"),
    ("inheritance", "mode", "maternal", "isin"),
    ("inheritance", "hpo_id", "HP:9999999", "isin"),
    ("diagnostic_tests", "modality", "tarot", "isin"),
    ("diagnostic_tests", "extractor", "no version", "str_matches"),
]


def frame(table: str, row: dict) -> pl.DataFrame:
    columns = TABLES[table].to_schema().columns
    return pl.DataFrame([row], schema={name: column.dtype.type for name, column in columns.items()})


@pytest.mark.parametrize("table", list(GOOD))
def test_good_row_passes(table):
    TABLES[table].validate(frame(table, GOOD[table]), lazy=True)


@pytest.mark.parametrize(("table", "column", "value", "check"), BAD)
def test_bad_row_is_rejected_naming_column_and_check(table, column, value, check):
    with pytest.raises(pa.errors.SchemaErrors) as error:
        TABLES[table].validate(frame(table, {**GOOD[table], column: value}), lazy=True)
    cases = error.value.failure_cases
    assert (cases["column"] == column).any()
    assert cases.filter(pl.col("column") == column)["check"].str.contains(check).any()


@pytest.mark.parametrize("table", ["sources", "epidemiology"])
def test_unknown_column_is_rejected(table):
    with pytest.raises(pa.errors.SchemaErrors, match="extra"):
        TABLES[table].validate(frame(table, GOOD[table]).with_columns(extra=pl.lit(1)), lazy=True)


def test_duplicate_fact_id_is_rejected():
    rows = frame("diagnostic_tests", GOOD["diagnostic_tests"])
    with pytest.raises(pa.errors.SchemaErrors) as error:
        TABLES["diagnostic_tests"].validate(pl.concat([rows, rows]), lazy=True)
    assert "unique" in str(error.value.failure_cases["check"].to_list())
