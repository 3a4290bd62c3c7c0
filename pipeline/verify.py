"""Verify a release directory: SHA256SUMS, the datapackage.json hashes, the version, the schemas.

Meant for a consumer's CI (`python -m pipeline verify DIR`) as much as for the fetch command:
every problem is listed, none stops the others from being found.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import polars as pl

from pipeline.checksums import SUMS_NAME, release_files, sums_problems
from pipeline.datapackage import DESCRIPTOR_NAME, resource_name, verify_files
from pipeline.validate import schema_failures
from schemas.models import TABLES


@dataclass(frozen=True)
class Verification:
    """What verifying a release directory found: its version, how many files, the problems."""

    directory: Path
    version: str | None
    files: int
    problems: list[str]

    @property
    def ok(self) -> bool:
        """True when nothing is wrong."""
        return not self.problems


def _table_problems(directory: Path, descriptor: dict) -> list[str]:
    """Every contract table present as Parquet and valid against its pandera model."""
    paths = {resource["name"]: resource["path"] for resource in descriptor["resources"]}
    problems = []
    for table in TABLES:
        name = resource_name(table, "parquet")
        if name not in paths:
            problems.append(f"{DESCRIPTOR_NAME}: no resource {name} for table {table}")
            continue
        try:
            frame = pl.read_parquet(directory / paths[name])
        except (OSError, pl.exceptions.PolarsError) as error:
            problems.append(f"{paths[name]}: cannot be read as Parquet ({error})")
            continue
        problems += [f"{paths[name]}: {failure}" for failure in schema_failures({table: frame})]
    return problems


def verify_release(directory: Path, version: str | None = None) -> Verification:
    """Check a release directory; with `version`, a release of another version is a problem."""
    descriptor_path = directory / DESCRIPTOR_NAME
    if not descriptor_path.is_file():
        return Verification(directory, None, 0, [f"{descriptor_path}: missing"])
    try:
        descriptor = json.loads(descriptor_path.read_text(encoding="utf-8"))
        found = str(descriptor["version"])
    except (ValueError, KeyError, TypeError) as error:
        return Verification(directory, None, 0, [f"{descriptor_path}: unreadable ({error})"])
    problems = []
    if version is not None and found != version:
        problems.append(f"{DESCRIPTOR_NAME}: release version is {found}, not {version}")
    problems += sums_problems(directory)
    problems += verify_files(descriptor, directory)
    problems += _table_problems(directory, descriptor)
    files = len(release_files(directory)) + (directory / SUMS_NAME).is_file()
    return Verification(directory, found, files, problems)
