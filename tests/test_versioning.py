"""Semantic versioning: schema changes classified, versions that do not grow enough refused."""

from __future__ import annotations

import copy

import pytest

from pipeline.versioning import (
    Level,
    VersionNotBumped,
    check_version,
    model_schemas,
    parse_version,
    required_level,
    schema_changes,
    version_bump,
)


def _levels(old: dict, new: dict) -> list[tuple[str, str]]:
    return [(change.level.name, change.what) for change in schema_changes(old, new)]


def _field(schemas: dict, table: str, column: str) -> dict:
    return next(f for f in schemas[table]["fields"] if f["name"] == column)


@pytest.fixture
def schemas() -> dict:
    return model_schemas()


def test_same_schema_has_no_changes_and_needs_a_patch(schemas: dict) -> None:
    assert schema_changes(schemas, copy.deepcopy(schemas)) == []
    assert required_level([]) is Level.PATCH


def test_removed_or_renamed_column_is_major_added_one_minor(schemas: dict) -> None:
    new = copy.deepcopy(schemas)
    _field(new, "epidemiology", "population")["name"] = "population_group"
    assert _levels(schemas, new) == [
        ("MAJOR", "column `epidemiology.population` removed"),
        ("MINOR", "column `epidemiology.population_group` added"),
    ]
    added = copy.deepcopy(schemas)
    added["inheritance"]["fields"].append({"name": "evidence", "type": "string"})
    assert _levels(schemas, added) == [("MINOR", "column `inheritance.evidence` added")]


def test_vocabulary_values(schemas: dict) -> None:
    new = copy.deepcopy(schemas)
    constraints = _field(new, "inheritance", "mode")["constraints"]
    constraints["enum"] = [m for m in constraints["enum"] if m != "y_linked"] + ["digenic"]
    assert _levels(schemas, new) == [
        ("MAJOR", "value `y_linked` removed from `inheritance.mode`"),
        ("MINOR", "value `digenic` added to `inheritance.mode`"),
    ]


def test_types_constraints_keys_and_tables(schemas: dict) -> None:
    new = copy.deepcopy(schemas)
    _field(new, "sources", "n_chars")["type"] = "number"
    _field(new, "epidemiology", "value_low")["constraints"]["minimum"] = 1  # tightened
    del _field(new, "epidemiology", "value_high")["constraints"]["required"]  # loosened
    new["mentions"]["primaryKey"] = ["source_id", "start"]
    del new["quarantine"]
    new["treatments"] = {"fields": []}
    assert _levels(schemas, new) == [
        ("MAJOR", "table `quarantine` removed"),
        ("MINOR", "table `treatments` added"),
        ("MAJOR", "type of `sources.n_chars`: integer -> number"),
        ("MAJOR", "primaryKey of `mentions` changed"),
        ("MAJOR", "constraint minimum of `epidemiology.value_low`: 0 -> 1"),
        ("MINOR", "constraint required dropped from `epidemiology.value_high`"),
    ]


def test_versions_must_grow_enough() -> None:
    assert parse_version("1.20.3") == (1, 20, 3)
    with pytest.raises(ValueError, match=r"MAJOR\.MINOR\.PATCH"):
        parse_version("1.2")
    assert version_bump("0.1.9", "0.2.0") is Level.MINOR
    assert version_bump("0.9.0", "1.0.0") is Level.MAJOR
    with pytest.raises(VersionNotBumped, match=r"lower than the previous release 0\.2\.0"):
        version_bump("0.2.0", "0.1.5")

    assert check_version(None, "0.1.0", []) is Level.NONE  # a first release starts anywhere
    assert check_version("0.1.0", "0.1.1", []) is Level.PATCH
    minor = schema_changes({"t": {"fields": []}}, {"t": {"fields": [{"name": "c", "type": "x"}]}})
    assert check_version("0.1.0", "0.2.0", minor) is Level.MINOR
    with pytest.raises(VersionNotBumped, match=r"needs? a minor release[\s\S]*column `t.c` added"):
        check_version("0.1.0", "0.1.1", minor)
    with pytest.raises(VersionNotBumped, match=r"no step from the previous release 0\.1\.0"):
        check_version("0.1.0", "0.1.0", [])
