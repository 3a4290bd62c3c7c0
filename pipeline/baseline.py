"""The baseline: what a release is compared with, kept inside the release for reproducible builds.

A release's baseline is the previous release of a *different* version: its version, its table
schemas and its rows (by primary key). `publish` takes it from the dist/ it replaces:

- when dist/ holds another version, that release becomes the baseline;
- when dist/ holds the same version (a rebuild), dist/'s own baseline is carried forward;
- when there is no earlier release, the baseline is empty.

Each release stores its baseline in `changelog/baseline.json` (version and Table Schemas) and
`changelog/baseline.parquet` (columns `table`, `key`, `row`: primary key and whole row as JSON),
so the changelog and the version check of a rebuild see the same baseline as the first build.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import polars as pl

from pipeline.datapackage import DESCRIPTOR_NAME
from pipeline.tableio import read_parquet, write_parquet
from pipeline.versioning import package_schemas

BASELINE_DIR = "changelog"
JSON_NAME = "baseline.json"
ROWS_NAME = "baseline.parquet"
ROWS_SCHEMA = {"table": pl.String, "key": pl.String, "row": pl.String}


@dataclass(frozen=True)
class Baseline:
    """A release to compare with: version (None when there is none), schemas and keyed rows."""

    version: str | None
    schemas: dict[str, dict[str, Any]]
    rows: pl.DataFrame


def empty_baseline() -> Baseline:
    """The baseline of a first release: nothing before it."""
    return Baseline(None, {}, pl.DataFrame(schema=ROWS_SCHEMA))


def keyed_rows(tables: dict[str, pl.DataFrame], schemas: dict[str, dict[str, Any]]) -> pl.DataFrame:
    """One row per table row: table name, its primary key and the whole row, both as JSON.

    The key is the table's `primaryKey` in its schema (fact_id for fact tables). Tables come in
    the order given, rows sorted by key, so the same tables always give the same frame.
    """
    frames = []
    for table, frame in tables.items():
        key = schemas[table].get("primaryKey") or frame.columns
        frames.append(
            frame.select(
                pl.lit(table, dtype=pl.String).alias("table"),
                pl.struct(key).struct.json_encode().alias("key"),
                pl.struct(frame.columns).struct.json_encode().alias("row"),
            ).sort("key")
        )
    if not frames:
        return pl.DataFrame(schema=ROWS_SCHEMA)
    return pl.concat(frames)


def release_as_baseline(dist: Path, descriptor: dict[str, Any]) -> Baseline:
    """A published release (its datapackage.json and Parquet tables) as a baseline."""
    schemas = package_schemas(descriptor)
    paths = {resource["name"]: resource["path"] for resource in descriptor["resources"]}
    tables = {table: read_parquet(dist / paths[f"{table}-parquet"]) for table in schemas}
    return Baseline(descriptor["version"], schemas, keyed_rows(tables, schemas))


def read_baseline(release: Path) -> Baseline:
    """The baseline stored in a release directory; empty when it stores none."""
    directory = release / BASELINE_DIR
    if not (directory / JSON_NAME).is_file():
        return empty_baseline()
    stored = json.loads((directory / JSON_NAME).read_text(encoding="utf-8"))
    return Baseline(stored["version"], stored["schemas"], read_parquet(directory / ROWS_NAME))


def write_baseline(baseline: Baseline, release: Path) -> None:
    """Store the baseline in a release directory (deterministic JSON and Parquet)."""
    directory = release / BASELINE_DIR
    directory.mkdir(parents=True, exist_ok=True)
    stored = {"version": baseline.version, "schemas": baseline.schemas}
    (directory / JSON_NAME).write_text(
        json.dumps(stored, indent=2, ensure_ascii=False) + "\n", encoding="utf-8", newline="\n"
    )
    write_parquet(baseline.rows, directory / ROWS_NAME)


def baseline_for(dist: Path, version: str) -> Baseline:
    """The baseline of release `version` that is about to replace `dist` (see the module doc)."""
    descriptor_path = dist / DESCRIPTOR_NAME
    if not descriptor_path.is_file():
        return empty_baseline()
    descriptor = json.loads(descriptor_path.read_text(encoding="utf-8"))
    if descriptor.get("version") == version:
        return read_baseline(dist)
    return release_as_baseline(dist, descriptor)
