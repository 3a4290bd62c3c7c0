"""Nothing lost: rows breaking a rule across columns are quarantined and counted; skipped texts listed."""

import logging
from pathlib import Path

import polars as pl
import pytest

from pipeline.assemble import failed_column, log_quarantine
from pipeline.errors import InputError
from pipeline.skipped import merge_skipped, read_skipped, skipped_card_section, write_skipped
from schemas.models import ROW_RULES, TABLES


def test_every_row_rule_is_a_check_of_its_model_and_names_its_columns():
    for table, rules in ROW_RULES.items():
        checks = {check.name for check in TABLES[table].to_schema().checks}
        assert checks == set(rules)
    assert failed_column("epidemiology", "DataFrameSchema", "epidemiology", "unit_of_measure") == (
        "measure,unit"
    )
    assert failed_column("epidemiology", "Column", "measure", "isin") == "measure"


def test_the_log_counts_quarantined_rows_per_table_and_check(caplog: pytest.LogCaptureFixture):
    quarantine = pl.DataFrame(
        {
            "table": ["epidemiology", "epidemiology", "epidemiology", "inheritance"],
            "fact_id": ["a" * 16, "a" * 16, "b" * 16, "c" * 16],
            "failed_check": ["proportion_within_0_1", "values_finite", "values_finite", "isin"],
        }
    )
    with caplog.at_level(logging.WARNING):
        log_quarantine(quarantine)
        log_quarantine(quarantine.clear())
    assert caplog.messages == [
        "quarantined 3 fact rows that failed their table's schema (epidemiology "
        "proportion_within_0_1: 1; epidemiology values_finite: 2; inheritance isin: 1); they are "
        "published in the quarantine table, not as facts"
    ]


def record(source_id: str, problem: str) -> dict[str, str | None]:
    error = InputError(f"raw/{source_id}.txt", problem, fix="re-save the file as UTF-8")
    return {"source_id": source_id, **error.record()}


def test_shard_lists_merge_into_one_sorted_list_of_current_sources(tmp_path: Path):
    write_skipped([record("b", "is empty")], tmp_path / "s001.skipped.json")
    write_skipped(
        [record("a", "is not valid UTF-8"), record("gone", "is empty")],
        tmp_path / "s000.skipped.json",
    )
    out = tmp_path / "validation" / "skipped_inputs.json"
    merged = merge_skipped(sorted(tmp_path.glob("*.skipped.json")), ["a", "b"], out)
    assert [r["source_id"] for r in merged] == ["a", "b"]
    assert read_skipped(out) == merged
    assert merged[0]["message"] == "raw/a.txt: is not valid UTF-8. Fix: re-save the file as UTF-8"


def test_the_data_card_section_says_what_was_skipped_and_why():
    assert skipped_card_section([]) == ["No source text was skipped: every text in raw/ was read."]
    lines = skipped_card_section([record("a", "is empty")])
    assert lines[0].startswith("1 source texts could not be read and were skipped")
    assert lines[-1] == "- `raw/a.txt`: is empty"
