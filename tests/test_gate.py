"""The Great Expectations release gate: good tables pass, each kind of defect fails by name."""

from __future__ import annotations

import json
from pathlib import Path

import polars as pl
import pytest

from pipeline.gate import (
    failed_expectations,
    render_report_html,
    result_json,
    run_gate,
    write_gate_outputs,
)
from schemas.models import TABLES

TEXT = "SMA is rare. It affects about 1 in 10,000 babies; 1 to 2 per 100,000 per year. Recessive."
BOUNDS = {table: (0, 100) for table in TABLES}


def _schema(table: str) -> dict[str, pl.DataType]:
    return {name: column.dtype.type for name, column in TABLES[table].to_schema().columns.items()}


def _fact(fact_id: str, start: int, end: int) -> dict[str, object]:
    return {
        "fact_id": fact_id,
        "source_id": "sma",
        "condition_id": "ORPHA:70",
        "start": start,
        "end": end,
        "quote": TEXT[start:end],
        "extractor": "test.rule@1",
    }


def _figure(
    fact_id: str, start: int, end: int, measure: str, low: float, high: float, unit: str
) -> dict[str, object]:
    return {
        **_fact(fact_id, start, end),
        "measure": measure,
        "value_low": low,
        "value_high": high,
        "unit": unit,
        "approximate": False,
        "population": None,
    }


def good_tables() -> dict[str, pl.DataFrame]:
    """A small, consistent release: every table, a few rows each (quarantine empty)."""
    rows: dict[str, list[dict[str, object]]] = {
        "sources": [
            {
                "source_id": "sma",
                "path": "raw/sma.txt",
                "sha256": "a" * 64,
                "n_chars": len(TEXT),
                "title": None,
                "publisher": None,
                "url": None,
                "kind": None,
                "published": None,
                "commercial_interest": None,
            }
        ],
        "conditions": [
            {
                "condition_id": "ORPHA:70",
                "label": "Spinal muscular atrophy",
                "synonyms": ["SMA"],
                "xrefs": [],
                "reference_inheritance": [],
            }
        ],
        "mentions": [
            {"source_id": "sma", "condition_id": "ORPHA:70", "start": 0, "end": 3, "text": "SMA"},
            {"source_id": "sma", "condition_id": "ORPHA:70", "start": 13, "end": 15, "text": "It"},
        ],
        "epidemiology": [
            _figure("0000000000000001", 13, 49, "prevalence", 1e-4, 1e-4, "proportion"),
            _figure("0000000000000002", 51, 79, "incidence", 1e-5, 2e-5, "per_person_year"),
        ],
        "inheritance": [
            {
                **_fact("0000000000000003", 81, 90),
                "mode": "autosomal_recessive",
                "hpo_id": "HP:0000007",
                "agrees_with_reference": None,
            }
        ],
        "diagnostic_tests": [
            {**_fact("0000000000000004", 0, 12), "modality": "genetic_testing", "purpose": None}
        ],
        "quarantine": [],
    }
    return {table: pl.DataFrame(rows[table], schema=_schema(table)) for table in TABLES}


@pytest.fixture(scope="module")
def good_result() -> dict:
    """The gate on the good tables (pays the GX import once for the module)."""
    return run_gate(good_tables(), BOUNDS)


def test_good_tables_pass_and_the_result_is_deterministic(
    good_result: dict, tmp_path: Path
) -> None:
    assert failed_expectations(good_result) == []
    assert good_result["success"] is True
    assert list(good_result["tables"]) == list(TABLES)
    epidemiology = good_result["tables"]["epidemiology"]["expectations"]
    assert epidemiology[0] == {
        "expectation": "expect_table_columns_to_match_ordered_list",
        "kwargs": {"column_list": list(TABLES["epidemiology"].to_schema().columns)},
        "success": True,
        "observed": list(TABLES["epidemiology"].to_schema().columns),
        "unexpected_count": None,
        "unexpected_sample": [],
        "exception": None,
    }
    units = [e for e in epidemiology if e["expectation"] == "expect_column_values_to_be_in_set"]
    assert len(units) == 6  # one per measure in MEASURE_UNITS

    again = run_gate(good_tables(), BOUNDS)
    assert result_json(again) == result_json(good_result)
    assert render_report_html(again) == render_report_html(good_result)
    text = result_json(good_result)
    for noise in ("batch_id", "run_id", "run_time", "great_expectations_version", str(Path.cwd())):
        assert noise not in text

    write_gate_outputs(good_result, tmp_path / "validation")
    assert json.loads((tmp_path / "validation" / "result.json").read_text()) == good_result
    page = (tmp_path / "validation" / "report.html").read_text()
    assert "<script" not in page and "Release gate" in page


def _with(table: str, frame: pl.DataFrame) -> dict[str, pl.DataFrame]:
    return {**good_tables(), table: frame}


def _epidemiology(**changes: object) -> pl.DataFrame:
    frame = good_tables()["epidemiology"]
    return frame.with_columns(
        **{
            column: pl.when(pl.col("measure") == "incidence")
            .then(pl.lit(value))
            .otherwise(pl.col(column))
            for column, value in changes.items()
        }
    )


def _duplicate_statement() -> pl.DataFrame:
    frame = good_tables()["inheritance"]
    return pl.concat([frame, frame.with_columns(fact_id=pl.lit("00000000000000ff"))])


CASES = {
    "wrong unit": (
        _with("epidemiology", _epidemiology(unit="persons")),
        BOUNDS,
        ("epidemiology", "expect_column_values_to_be_in_set"),
    ),
    "low above high": (
        _with("epidemiology", _epidemiology(value_low=3e-5)),
        BOUNDS,
        ("epidemiology", "expect_column_pair_values_a_to_be_greater_than_b"),
    ),
    "duplicate statement": (
        _with("inheritance", _duplicate_statement()),
        BOUNDS,
        ("inheritance", "expect_compound_columns_to_be_unique"),
    ),
    "row count": (
        good_tables(),
        {**BOUNDS, "mentions": (0, 1)},
        ("mentions", "expect_table_row_count_to_be_between"),
    ),
}


@pytest.mark.parametrize("case", list(CASES))
def test_each_defect_fails_by_name(good_result: dict, case: str) -> None:
    tables, bounds, expected = CASES[case]
    result = run_gate(tables, bounds)
    assert result["success"] is False
    assert failed_expectations(result) == [expected]
    table, kind = expected
    failed = next(e for e in result["tables"][table]["expectations"] if not e["success"])
    if case == "wrong unit":
        assert failed["kwargs"]["row_condition"]["parameter"] == "incidence"
        assert failed["unexpected_sample"] == ["persons"]
    if case == "low above high":
        assert failed["kwargs"] == {
            "column_A": "value_high",
            "column_B": "value_low",
            "or_equal": True,
        }
        assert failed["unexpected_count"] == 1
    if case == "row count":
        assert failed["observed"] == 2
    assert kind in render_report_html(result)


def test_tables_need_bounds() -> None:
    with pytest.raises(ValueError, match="mentions"):
        run_gate(good_tables(), {table: b for table, b in BOUNDS.items() if table != "mentions"})
