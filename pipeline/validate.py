"""Validate: strict schemas, cross-table checks and the Great Expectations release gate.

Any failure stops the build before publish, so dist/ keeps the previous release.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pandera.polars as pa
import polars as pl

from pipeline.errors import ReleaseInvalid
from pipeline.ids import fact_id
from pipeline.tableio import read_parquet
from schemas.models import FACT_TABLES, TABLES
from schemas.vocabularies import INHERITANCE_HPO

log = logging.getLogger(__name__)


def schema_failures(tables: dict[str, pl.DataFrame]) -> list[str]:
    """Every pandera failure of every table, as 'table.column: check: case'."""
    failures = []
    for name, frame in tables.items():
        try:
            TABLES[name].validate(frame, lazy=True)
        except pa.errors.SchemaErrors as errors:
            for case in errors.failure_cases.iter_rows(named=True):
                failures.append(
                    f"{name}.{case['column']}: {case['check']}: {case['failure_case']!r}"
                )
    return failures


def cross_table_failures(tables: dict[str, pl.DataFrame], texts: dict[str, str]) -> list[str]:
    """Foreign keys, provenance (quote == text[start:end]), value order, ids and HPO terms."""
    failures = []
    source_ids = set(tables["sources"]["source_id"])
    condition_ids = set(tables["conditions"]["condition_id"])
    for row in tables["sources"].iter_rows(named=True):
        if texts.get(row["source_id"]) is None or len(texts[row["source_id"]]) != row["n_chars"]:
            failures.append(f"sources: n_chars of {row['source_id']} does not match its text")
    for name in ("mentions", *FACT_TABLES):
        evidence = "text" if name == "mentions" else "quote"
        for row in tables[name].iter_rows(named=True):
            where = f"{name} {row.get('fact_id') or (row['source_id'], row['start'])}"
            if row["source_id"] not in source_ids:
                failures.append(f"{where}: source_id {row['source_id']} is not in sources")
                continue
            if row["condition_id"] not in condition_ids:
                failures.append(f"{where}: condition_id {row['condition_id']} is not in conditions")
            text = texts[row["source_id"]]
            if not 0 <= row["start"] < row["end"] <= len(text):
                failures.append(f"{where}: offsets {row['start']}..{row['end']} outside the text")
            elif text[row["start"] : row["end"]] != row[evidence]:
                failures.append(f"{where}: {evidence} is not the source text at [start:end]")
            if name != "mentions" and fact_id(name, row) != row["fact_id"]:
                failures.append(f"{where}: fact_id does not match its content")
            if name == "epidemiology" and row["value_low"] > row["value_high"]:
                failures.append(f"{where}: value_low > value_high")
            if name == "inheritance" and INHERITANCE_HPO[row["mode"]] != row["hpo_id"]:
                failures.append(f"{where}: hpo_id {row['hpo_id']} is not the term of {row['mode']}")
    return failures


def read_texts(work: Path) -> dict[str, str]:
    """Decoded texts by source_id, from the ingest step's shards."""
    texts: dict[str, str] = {}
    for path in sorted((work / "docs").glob("*.parquet")):
        texts.update(read_parquet(path).select("source_id", "text").iter_rows())
    return texts


def validate_release(work: Path, out: Path, bounds: dict[str, list[int]]) -> dict[str, object]:
    """Check work/tables; write out/result.json and out/report.html; raise if anything fails."""
    from pipeline.gate import render_report_html, run_gate

    tables = {name: read_parquet(work / "tables" / f"{name}.parquet") for name in TABLES}
    schema = schema_failures(tables)
    cross = cross_table_failures(tables, read_texts(work))
    gate = run_gate(tables, {name: (low, high) for name, (low, high) in bounds.items()})
    result = {
        **gate,
        "success": not schema and not cross and gate["success"],
        "row_counts": {name: len(frame) for name, frame in tables.items()},
        "schema_failures": schema,
        "cross_table_failures": cross,
    }
    out.mkdir(parents=True, exist_ok=True)
    (out / "result.json").write_text(
        json.dumps(result, indent=2, sort_keys=True) + "\n", encoding="utf-8"
    )
    (out / "report.html").write_text(render_report_html(result), encoding="utf-8")
    if not result["success"]:
        failed_gate = [
            f"gate {table}: {e['expectation']} {e.get('kwargs')}"
            for table, outcome in result["tables"].items()
            for e in outcome["expectations"]
            if not e["success"]
        ]
        raise ReleaseInvalid(
            "release checks failed:\n  " + "\n  ".join([*schema, *cross, *failed_gate])
        )
    log.info("release valid: %s", result["row_counts"])
    return result
