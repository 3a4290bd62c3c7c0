"""Semantic versions of the release: what a schema change requires, checked before publishing.

The version has one source, `release_version` in config/config.yaml: Snakemake passes it to
`publish`, which writes it into datapackage.json, the data card and the changelog; the loader reads
it from datapackage.json. The rules follow the data contract and the Frictionless versioning recipe,
comparing Table Schemas (the previous release's datapackage.json against the models' schemas now):

- major: a table, column or vocabulary value removed or renamed (a rename is a removal plus an
  addition), a column's type changed, columns reordered, keys changed, a constraint tightened
  (a new constraint, required or unique added, a higher minimum, a lower maximum, another pattern);
- minor: a table, column or vocabulary value added, a constraint loosened or dropped;
- patch: the same schema with other data.

Descriptions are documentation: changing one is not a schema change.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from enum import IntEnum
from typing import Any

from pipeline.datapackage import table_schema
from pipeline.errors import ReleaseInvalid
from schemas.models import TABLES

_VERSION = re.compile(r"^(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)$")
_TIGHTER_WHEN_HIGHER = ("minimum", "minLength")
_TIGHTER_WHEN_LOWER = ("maximum", "maxLength")


class Level(IntEnum):
    """How much a change is: the version part it requires to grow."""

    NONE = 0
    PATCH = 1
    MINOR = 2
    MAJOR = 3


@dataclass(frozen=True)
class SchemaChange:
    """One difference between two releases' schemas and the version bump it needs."""

    level: Level
    what: str

    def __str__(self) -> str:
        return f"{self.level.name.lower()}: {self.what}"


class VersionNotBumped(ReleaseInvalid):
    """The configured version does not grow enough for the changes since the previous release."""


def parse_version(version: str) -> tuple[int, int, int]:
    """(major, minor, patch) of a MAJOR.MINOR.PATCH version; ValueError otherwise."""
    match = _VERSION.match(version)
    if not match:
        raise ValueError(f"version {version!r} is not MAJOR.MINOR.PATCH (for example 1.4.0)")
    major, minor, patch = (int(part) for part in match.groups())
    return major, minor, patch


def version_bump(previous: str, version: str) -> Level:
    """The part that grows from previous to version; VersionNotBumped when version is lower."""
    old, new = parse_version(previous), parse_version(version)
    if new < old:
        raise VersionNotBumped(
            f"release version {version} is lower than the previous release {previous}; "
            "set release_version in config/config.yaml above it"
        )
    if new[0] > old[0]:
        return Level.MAJOR
    if new[1] > old[1]:
        return Level.MINOR
    return Level.PATCH if new[2] > old[2] else Level.NONE


def package_schemas(descriptor: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Table Schema of each table in a datapackage.json (its CSV resource), by table name."""
    return {
        resource["name"]: resource["schema"]
        for resource in descriptor.get("resources", [])
        if resource.get("format") == "csv"
    }


def model_schemas() -> dict[str, dict[str, Any]]:
    """Table Schema of each table as the pandera models define it now, by table name."""
    return {table: table_schema(table, "csv") for table in TABLES}


def _enum_changes(where: str, before: list[Any], after: list[Any]) -> list[SchemaChange]:
    removed = [value for value in before if value not in after]
    added = [value for value in after if value not in before]
    return [
        *(SchemaChange(Level.MAJOR, f"value `{value}` removed from {where}") for value in removed),
        *(SchemaChange(Level.MINOR, f"value `{value}` added to {where}") for value in added),
    ]


def _constraint_changes(where: str, old: dict[str, Any], new: dict[str, Any]) -> list[SchemaChange]:
    """Changes of one column's constraints: tightened ones are major, loosened ones minor."""
    changes = []
    for name in [*old, *(name for name in new if name not in old)]:
        before, after = old.get(name), new.get(name)
        if before == after:
            continue
        if before is None:
            changes.append(
                SchemaChange(Level.MAJOR, f"constraint {name}={after!r} added to {where}")
            )
        elif after is None:
            changes.append(SchemaChange(Level.MINOR, f"constraint {name} dropped from {where}"))
        elif name == "enum":
            changes += _enum_changes(where, before, after)
        else:
            tighter = (
                (name in _TIGHTER_WHEN_HIGHER and after > before)
                or (name in _TIGHTER_WHEN_LOWER and after < before)
                or name not in (*_TIGHTER_WHEN_HIGHER, *_TIGHTER_WHEN_LOWER)
            )
            level = Level.MAJOR if tighter else Level.MINOR
            changes.append(
                SchemaChange(level, f"constraint {name} of {where}: {before!r} -> {after!r}")
            )
    return changes


def _table_changes(table: str, old: dict[str, Any], new: dict[str, Any]) -> list[SchemaChange]:
    """Changes of one table's columns, their order, types, constraints and keys."""
    old_fields = {field["name"]: field for field in old.get("fields", [])}
    new_fields = {field["name"]: field for field in new.get("fields", [])}
    changes = [
        SchemaChange(Level.MAJOR, f"column `{table}.{name}` removed")
        for name in old_fields
        if name not in new_fields
    ]
    changes += [
        SchemaChange(Level.MINOR, f"column `{table}.{name}` added")
        for name in new_fields
        if name not in old_fields
    ]
    kept = [name for name in new_fields if name in old_fields]
    if kept != [name for name in old_fields if name in new_fields]:
        changes.append(SchemaChange(Level.MAJOR, f"columns of `{table}` reordered"))
    for name in kept:
        where = f"`{table}.{name}`"
        before, after = old_fields[name], new_fields[name]
        if before["type"] != after["type"]:
            changes.append(
                SchemaChange(Level.MAJOR, f"type of {where}: {before['type']} -> {after['type']}")
            )
        changes += _constraint_changes(
            where, before.get("constraints", {}), after.get("constraints", {})
        )
    for key in ("primaryKey", "foreignKeys"):
        if old.get(key) != new.get(key):
            changes.append(SchemaChange(Level.MAJOR, f"{key} of `{table}` changed"))
    return changes


def schema_changes(
    old: dict[str, dict[str, Any]], new: dict[str, dict[str, Any]]
) -> list[SchemaChange]:
    """Every difference between two sets of Table Schemas (by table name), in table order."""
    changes = [
        SchemaChange(Level.MAJOR, f"table `{table}` removed") for table in old if table not in new
    ]
    changes += [
        SchemaChange(Level.MINOR, f"table `{table}` added") for table in new if table not in old
    ]
    for table in (table for table in new if table in old):
        changes += _table_changes(table, old[table], new[table])
    return changes


def required_level(changes: Iterable[SchemaChange]) -> Level:
    """The bump a new release needs: the largest change, and at least a patch."""
    return max([Level.PATCH, *(change.level for change in changes)])


def check_version(previous: str | None, version: str, changes: list[SchemaChange]) -> Level:
    """The bump from previous to version; VersionNotBumped when it is less than the changes need.

    `previous` is None for the first release, which any valid version may start.
    """
    parse_version(version)
    if previous is None:
        return Level.NONE
    bump, needed = version_bump(previous, version), required_level(changes)
    if bump < needed:
        step = f"a {bump.name.lower()} step" if bump else "no step"
        listed = "".join(f"\n  {change}" for change in changes if change.level > bump)
        raise VersionNotBumped(
            f"release version {version} is {step} from the previous release {previous}, but the "
            f"changes since {previous} need a {needed.name.lower()} release; raise "
            f"release_version in config/config.yaml{':' if listed else ''}{listed}"
        )
    return bump
