"""The Frictionless descriptor: made from the models, accepted by frictionless, hash-checked."""

from __future__ import annotations

import datetime
import json
import subprocess
import sys
from pathlib import Path

import polars as pl
import pytest

from pipeline.datapackage import (
    build_descriptor,
    data_dictionary_markdown,
    resource_name,
    verify_files,
    write_descriptor,
)
from pipeline.tableio import write_csv, write_parquet
from schemas import vocabularies as v
from schemas.models import TABLES

SOURCES = [{"title": "Seed texts", "path": "raw/"}]
TEXT = "ALS is rare. About 5-10% of ALS cases are familial."


def _schema(table: str) -> dict[str, pl.DataType]:
    return {name: column.dtype.type for name, column in TABLES[table].to_schema().columns.items()}


def _fact(fact_id: str, start: int, end: int) -> dict[str, object]:
    return {
        "fact_id": fact_id,
        "source_id": "als",
        "condition_id": "ORPHA:803",
        "start": start,
        "end": end,
        "quote": TEXT[start:end],
        "extractor": "test.rule@1",
    }


def tiny_tables() -> dict[str, pl.DataFrame]:
    """One or two valid rows per table (quarantine empty), typed by the models."""
    rows: dict[str, list[dict[str, object]]] = {
        "sources": [
            {
                "source_id": "als",
                "path": "raw/als.txt",
                "sha256": "0" * 64,
                "n_chars": len(TEXT),
                "title": "ALS",
                "publisher": None,
                "url": "https://example.org/als",
                "kind": "patient_org",
                "published": datetime.date(2024, 5, 1),
                "commercial_interest": None,
            }
        ],
        "conditions": [
            {
                "condition_id": "ORPHA:803",
                "label": "Amyotrophic lateral sclerosis",
                "synonyms": ["ALS", "Lou Gehrig's disease"],
                "xrefs": ["OMIM:105400"],
                "reference_inheritance": [],
            }
        ],
        "mentions": [
            {"source_id": "als", "condition_id": "ORPHA:803", "start": 0, "end": 3, "text": "ALS"},
            {
                "source_id": "als",
                "condition_id": "ORPHA:803",
                "start": 28,
                "end": 31,
                "text": "ALS",
            },
        ],
        "epidemiology": [
            {
                **_fact("00000000000000a1", 13, 51),
                "measure": "familial_fraction",
                "value_low": 0.05,
                "value_high": 0.1,
                "unit": "proportion",
                "approximate": True,
                "population": None,
            },
            {
                **_fact("00000000000000a2", 0, 12),
                "measure": "incidence",
                "value_low": 1e-5,
                "value_high": 2.5e-5,
                "unit": "per_person_year",
                "approximate": False,
                "population": "US",
            },
        ],
        "inheritance": [
            {
                **_fact("00000000000000b1", 13, 51),
                "mode": "autosomal_dominant",
                "hpo_id": "HP:0000006",
                "agrees_with_reference": None,
            }
        ],
        "diagnostic_tests": [
            {**_fact("00000000000000c1", 0, 12), "modality": "electromyography", "purpose": None}
        ],
        "quarantine": [],
    }
    assert set(rows) == set(TABLES)
    return {table: pl.DataFrame(rows[table], schema=_schema(table)) for table in TABLES}


@pytest.fixture
def dist(tmp_path: Path) -> Path:
    """A release directory with every table as Parquet and CSV and its datapackage.json."""
    for table, frame in tiny_tables().items():
        TABLES[table].validate(frame, lazy=True)
        write_parquet(frame, tmp_path / f"{table}.parquet")
        write_csv(frame, tmp_path / f"{table}.csv")
    write_descriptor(build_descriptor(tmp_path, "0.1.0", SOURCES), tmp_path / "datapackage.json")
    return tmp_path


def _frictionless(descriptor: Path) -> dict:
    """Run the real frictionless CLI on a descriptor and return its JSON report."""
    command = [sys.executable, "-m", "frictionless", "validate", "--json", descriptor.name]
    done = subprocess.run(
        command, cwd=descriptor.parent, capture_output=True, text=True, check=False
    )
    assert done.stdout, done.stderr
    return json.loads(done.stdout)


def _errors(report: dict) -> list[tuple[str, str]]:
    return [
        (task["name"], error["type"]) for task in report["tasks"] for error in task["errors"]
    ] + [("package", error["type"]) for error in report.get("errors", [])]


def test_frictionless_accepts_the_release_and_catches_a_tampered_csv(dist: Path) -> None:
    report = _frictionless(dist / "datapackage.json")
    assert _errors(report) == []
    assert report["valid"] is True
    assert len(report["tasks"]) == 2 * len(TABLES)

    descriptor = json.loads((dist / "datapackage.json").read_text(encoding="utf-8"))
    assert verify_files(descriptor, dist) == []

    csv = dist / "epidemiology.csv"
    csv.write_bytes(csv.read_bytes().replace(b"0.05", b"0.06"))  # same size, other bytes
    errors = _errors(_frictionless(dist / "datapackage.json"))
    assert ("epidemiology", "hash-count") in errors
    assert [name for name, _ in errors] == ["epidemiology"]
    assert [problem.split(":")[0] for problem in verify_files(descriptor, dist)] == ["epidemiology"]


def test_frictionless_catches_a_value_outside_the_vocabulary(dist: Path) -> None:
    descriptor = json.loads((dist / "datapackage.json").read_text(encoding="utf-8"))
    csv = dist / "inheritance.csv"
    csv.write_text(csv.read_text(encoding="utf-8").replace("autosomal_dominant", "dominant"))
    for resource in descriptor["resources"]:  # keep the hash right: the enum must catch it
        resource.pop("hash", None)
        resource.pop("bytes", None)
    write_descriptor(descriptor, dist / "datapackage.json")
    assert _errors(_frictionless(dist / "datapackage.json")) == [
        ("inheritance", "constraint-error")
    ]


def test_descriptor_comes_from_the_models(dist: Path) -> None:
    text = (dist / "datapackage.json").read_text(encoding="utf-8")
    descriptor = json.loads(text)
    assert text == json.dumps(descriptor, indent=2, ensure_ascii=False) + "\n"
    assert text == json.dumps(build_descriptor(dist, "0.1.0", SOURCES), indent=2) + "\n"
    assert descriptor["name"] == "muscle-atrophy-facts"
    assert descriptor["version"] == "0.1.0"
    assert descriptor["licenses"][0]["name"] == "CC-BY-4.0"
    assert descriptor["sources"] == SOURCES
    resources = {resource["name"]: resource for resource in descriptor["resources"]}
    assert set(resources) == {resource_name(t, f) for t in TABLES for f in ("csv", "parquet")}

    epidemiology = resources["epidemiology"]
    assert epidemiology["path"] == "epidemiology.csv"
    assert epidemiology["hash"].startswith("sha256:") and len(epidemiology["hash"]) == 71
    assert epidemiology["bytes"] == (dist / "epidemiology.csv").stat().st_size
    fields = {field["name"]: field for field in epidemiology["schema"]["fields"]}
    assert list(fields) == list(TABLES["epidemiology"].to_schema().columns)
    assert fields["measure"]["constraints"]["enum"] == list(v.MEASURES)
    assert fields["unit"]["constraints"]["enum"] == list(v.UNITS)
    assert fields["population"]["constraints"] == {"enum": list(v.POPULATIONS)}
    assert fields["fact_id"]["constraints"] == {
        "required": True,
        "unique": True,
        "pattern": v.FACT_ID_PATTERN.strip("^$"),
    }
    assert fields["value_low"] == {
        "name": "value_low",
        "type": "number",
        "description": TABLES["epidemiology"].to_schema().columns["value_low"].description,
        "constraints": {"required": True, "minimum": 0},
    }
    assert epidemiology["schema"]["primaryKey"] == ["fact_id"]
    assert epidemiology["schema"]["foreignKeys"] == [
        {"fields": ["source_id"], "reference": {"resource": "sources", "fields": ["source_id"]}},
        {
            "fields": ["condition_id"],
            "reference": {"resource": "conditions", "fields": ["condition_id"]},
        },
    ]
    parquet_keys = resources["epidemiology-parquet"]["schema"]["foreignKeys"]
    assert {key["reference"]["resource"] for key in parquet_keys} == {
        "sources-parquet",
        "conditions-parquet",
    }
    assert resources["mentions"]["schema"]["primaryKey"] == ["source_id", "start", "end"]

    csv_lists = {f["name"]: f for f in resources["conditions"]["schema"]["fields"]}
    parquet_lists = {f["name"]: f for f in resources["conditions-parquet"]["schema"]["fields"]}
    assert csv_lists["synonyms"]["type"] == "array"
    assert parquet_lists["synonyms"]["type"] == "any"
    assert "list[string]" in parquet_lists["synonyms"]["description"]
    assert "bytes" not in resources["conditions-parquet"]


def test_missing_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match=r"sources\.csv"):
        build_descriptor(tmp_path, "0.1.0", SOURCES)


def test_data_dictionary_covers_every_column() -> None:
    text = data_dictionary_markdown()
    for table, model in TABLES.items():
        assert f"### {table}\n" in text
        for name in model.to_schema().columns:
            assert f"| `{name}` |" in text
    assert "`familial_fraction`, `sporadic_fraction`" in text
    assert "HP:[0-9]{7}\\|local:" in text  # pipes inside a cell are escaped
    assert "Primary key: `source_id`, `start`, `end`." in text
    assert text == data_dictionary_markdown()
