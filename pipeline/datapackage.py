"""The release's Frictionless descriptor and the README's data dictionary, made from the models.

The pandera models in `schemas.models` are the only place where tables, columns, vocabularies,
patterns, ranges and keys are written down; this module translates them, it adds no rules.

Every table is published twice, and so has two resources in `datapackage.json`:

- `<table>` is `<table>.csv` (list columns hold JSON arrays, typed `array`);
- `<table>-parquet` is `<table>.parquet` (list columns typed `any`, see below).

The CSV resource takes the bare table name because CSV is what every Data Package reader can load;
foreign keys point to the resource of the same format.

Two limits of frictionless 5.21 shape the Parquet resources. It reads Parquet through pandas, so a
list column arrives as numpy arrays that fail type `array`: such fields are typed `any` and their
description says the real type. It also never counts the bytes of a Parquet file, so a `bytes`
property there would always fail validation (`byte-count`): Parquet resources carry the `hash`
only. Frictionless does not verify a Parquet hash either; `verify_files` checks both formats.
"""

from __future__ import annotations

import hashlib
import inspect
import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import polars as pl

from schemas.models import TABLES

DESCRIPTOR_NAME = "datapackage.json"
PACKAGE_NAME = "muscle-atrophy-facts"
TITLE = "Muscle-atrophy facts"
DESCRIPTION = (
    "Facts about muscle-atrophy conditions (epidemiology, inheritance, diagnostic tests) extracted "
    "from health texts, each row with its evidence: source, character offsets and the exact quote."
)
KEYWORDS = ["muscle atrophy", "neuromuscular disease", "text mining", "provenance"]
LICENSE = {
    "name": "CC-BY-4.0",
    "title": "Creative Commons Attribution 4.0 International",
    "path": "https://creativecommons.org/licenses/by/4.0/",
}
FORMATS = ("csv", "parquet")
MEDIATYPES = {"csv": "text/csv", "parquet": "application/vnd.apache.parquet"}
CSV_DIALECT = {
    "delimiter": ",",
    "doubleQuote": True,
    "header": True,
    "lineTerminator": "\n",
    "quoteChar": '"',
}
_CHUNK = 1 << 20


def resource_name(table: str, file_format: str) -> str:
    """Name of a table's resource: the table name for CSV, `<table>-parquet` for Parquet."""
    if file_format not in FORMATS:
        raise ValueError(f"unknown format {file_format!r}; expected one of {FORMATS}")
    return table if file_format == "csv" else f"{table}-{file_format}"


def file_stats(path: Path) -> tuple[int, str]:
    """Size in bytes and SHA-256 hex digest of a file, read in chunks."""
    digest = hashlib.sha256()
    size = 0
    with path.open("rb") as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
            size += len(chunk)
    return size, digest.hexdigest()


# --- introspection of the pandera models -------------------------------------------------------


def _polars_dtype(column: Any) -> pl.DataType:
    """The polars dtype of a pandera column (pandera wraps it in its own DataType)."""
    dtype = column.dtype.type
    return dtype() if isinstance(dtype, type) else dtype


def column_dtypes(table: str) -> dict[str, pl.DataType]:
    """The contract's polars dtype of each column of a table, in column order."""
    columns = TABLES[table].to_schema().columns
    return {name: _polars_dtype(column) for name, column in columns.items()}


def _frictionless_type(dtype: pl.DataType, file_format: str) -> str:
    """Table Schema type of a polars dtype in the given file format."""
    if isinstance(dtype, pl.List):
        return "array" if file_format == "csv" else "any"
    if dtype == pl.String:
        return "string"
    if dtype == pl.Boolean:
        return "boolean"
    if dtype == pl.Date:
        return "date"
    if isinstance(dtype, pl.Datetime):
        return "datetime"
    if dtype.is_integer():
        return "integer"
    if dtype.is_float():
        return "number"
    raise TypeError(f"no Table Schema type for polars dtype {dtype}")


def _type_label(dtype: pl.DataType) -> str:
    """Human-readable type for the data dictionary and for descriptions."""
    if isinstance(dtype, pl.List):
        return f"list[{_type_label(dtype.inner)}]"
    return _frictionless_type(dtype, "csv")


def _unanchored(pattern: str) -> str:
    """A regex without its ^...$ anchors: Table Schema patterns are implicitly anchored."""
    if pattern.startswith("^") and pattern.endswith("$") and not pattern.endswith("\\$"):
        return pattern[1:-1]
    return pattern


def _check_constraints(check: Any, dtype: pl.DataType) -> dict[str, Any]:
    """Table Schema constraints for one pandera check; {} for checks it cannot express."""
    name, stats = check.name, check.statistics or {}
    integer = dtype.is_integer()
    if name == "isin":
        return {"enum": list(stats["allowed_values"])}
    if name == "equal_to":
        return {"enum": [stats["value"]]}
    if name == "str_matches":
        return {"pattern": _unanchored(stats["pattern"])}
    if name == "greater_than_or_equal_to":
        return {"minimum": stats["min_value"]}
    if name == "less_than_or_equal_to":
        return {"maximum": stats["max_value"]}
    if name == "greater_than" and integer:
        return {"minimum": stats["min_value"] + 1}
    if name == "less_than" and integer:
        return {"maximum": stats["max_value"] - 1}
    if name == "in_range":
        bounds: dict[str, Any] = {}
        if stats.get("min_value") is not None and (stats.get("include_min", True) or integer):
            shift = 0 if stats.get("include_min", True) else 1
            bounds["minimum"] = stats["min_value"] + shift
        if stats.get("max_value") is not None and (stats.get("include_max", True) or integer):
            shift = 0 if stats.get("include_max", True) else 1
            bounds["maximum"] = stats["max_value"] - shift
        return bounds
    if name == "str_length":
        if stats.get("exact_value") is not None:
            return {"minLength": stats["exact_value"], "maxLength": stats["exact_value"]}
        lengths = {}
        if stats.get("min_value") is not None:
            lengths["minLength"] = stats["min_value"]
        if stats.get("max_value") is not None:
            lengths["maxLength"] = stats["max_value"]
        return lengths
    return {}


def _check_rule(check: Any) -> str:
    """One check as a short rule for the data dictionary."""
    name, stats = check.name, check.statistics or {}
    if name == "isin":
        return "one of " + ", ".join(f"`{value}`" for value in stats["allowed_values"])
    if name == "equal_to":
        return f"= {stats['value']}"
    if name == "str_matches":
        return f"matches `{stats['pattern']}`"
    if name in ("greater_than_or_equal_to", "greater_than"):
        return f"{'>=' if name.endswith('equal_to') else '>'} {stats['min_value']}"
    if name in ("less_than_or_equal_to", "less_than"):
        return f"{'<=' if name.endswith('equal_to') else '<'} {stats['max_value']}"
    if name == "in_range":
        low = "[" if stats.get("include_min", True) else "("
        high = "]" if stats.get("include_max", True) else ")"
        return f"in {low}{stats.get('min_value')}, {stats.get('max_value')}{high}"
    if name == "str_length":
        if stats.get("exact_value") is not None:
            return f"length = {stats['exact_value']}"
        parts = []
        if stats.get("min_value") is not None:
            parts.append(f"length >= {stats['min_value']}")
        if stats.get("max_value") is not None:
            parts.append(f"length <= {stats['max_value']}")
        return ", ".join(parts)
    details = ", ".join(f"{key}={value}" for key, value in sorted(stats.items()))
    return f"{name}({details})"


def _metadata(table: str) -> dict[str, Any]:
    """The model's Config.metadata: primary_key, sort_by and foreign_keys."""
    return dict(getattr(TABLES[table].Config, "metadata", None) or {})


def _field(name: str, column: Any, file_format: str) -> dict[str, Any]:
    """Table Schema field of one model column in the given format."""
    dtype = _polars_dtype(column)
    description = " ".join((column.description or "").split())
    if isinstance(dtype, pl.List):
        if file_format == "csv":
            description += f" A JSON array in the cell ({_type_label(dtype)})."
        else:
            description += (
                f" Parquet list column ({_type_label(dtype)}); declared `any` because "
                "Frictionless cannot check Parquet lists as `array`."
            )
    field: dict[str, Any] = {
        "name": name,
        "type": _frictionless_type(dtype, file_format),
        "description": description.strip(),
    }
    constraints: dict[str, Any] = {}
    if not column.nullable:
        constraints["required"] = True
    if column.unique:
        constraints["unique"] = True
    for check in column.checks:
        constraints.update(_check_constraints(check, dtype))
    if constraints:
        field["constraints"] = constraints
    return field


def table_schema(table: str, file_format: str) -> dict[str, Any]:
    """Table Schema of one table in one format, from its pandera model."""
    schema = TABLES[table].to_schema()
    metadata = _metadata(table)
    descriptor: dict[str, Any] = {
        "fields": [_field(name, column, file_format) for name, column in schema.columns.items()],
        "missingValues": [""],
    }
    if metadata.get("primary_key"):
        descriptor["primaryKey"] = list(metadata["primary_key"])
    foreign_keys = []
    for column, target in metadata.get("foreign_keys", {}).items():
        if target not in TABLES or column not in TABLES[target].to_schema().columns:
            raise ValueError(f"{table}.{column}: foreign key to unknown {target}.{column}")
        foreign_keys.append(
            {
                "fields": [column],
                "reference": {"resource": resource_name(target, file_format), "fields": [column]},
            }
        )
    if foreign_keys:
        descriptor["foreignKeys"] = foreign_keys
    return descriptor


def _doc(table: str) -> str:
    """The model's docstring, cleaned."""
    return inspect.cleandoc(TABLES[table].__doc__ or "")


# --- the descriptor ------------------------------------------------------------------------------


def _resource(table: str, file_format: str, dist_dir: Path) -> dict[str, Any]:
    """Resource of dist/<table>.<format> with its size, hash and schema."""
    path = dist_dir / f"{table}.{file_format}"
    if not path.is_file():
        raise FileNotFoundError(f"{path}: missing; the descriptor needs each table in both formats")
    size, sha256 = file_stats(path)
    resource: dict[str, Any] = {
        "name": resource_name(table, file_format),
        "title": f"{table} ({file_format.upper() if file_format == 'csv' else 'Parquet'})",
        "description": _doc(table),
        "profile": "tabular-data-resource",
        "path": path.name,
        "format": file_format,
        "mediatype": MEDIATYPES[file_format],
    }
    if file_format == "csv":
        resource["encoding"] = "utf-8"
        resource["dialect"] = dict(CSV_DIALECT)
        resource["bytes"] = size
    resource["hash"] = f"sha256:{sha256}"
    resource["schema"] = table_schema(table, file_format)
    return resource


def build_descriptor(dist_dir: Path, version: str, sources: list[dict]) -> dict:
    """Data Package (v1) descriptor of a release directory: one resource per table and format.

    `sources` are Data Package source objects (each needs a `title`), copied as given.
    Raises FileNotFoundError when a table file is missing from dist_dir.
    """
    if not version:
        raise ValueError("the release version must not be empty")
    for index, source in enumerate(sources):
        if not isinstance(source, dict) or not source.get("title"):
            raise ValueError(f"sources[{index}] needs a title: {source!r}")
    return {
        "profile": "tabular-data-package",
        "name": PACKAGE_NAME,
        "title": TITLE,
        "description": DESCRIPTION,
        "version": version,
        "keywords": list(KEYWORDS),
        "licenses": [dict(LICENSE)],
        "sources": json.loads(json.dumps(sources)),
        "resources": [
            _resource(table, file_format, dist_dir) for table in TABLES for file_format in FORMATS
        ],
    }


def descriptor_json(descriptor: dict) -> str:
    """The descriptor as deterministic JSON text: key order as built, indent 2, final newline."""
    return json.dumps(descriptor, indent=2, ensure_ascii=False) + "\n"


def write_descriptor(descriptor: dict, path: Path) -> None:
    """Write the descriptor as deterministic UTF-8 JSON (see descriptor_json)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(descriptor_json(descriptor), encoding="utf-8", newline="\n")


def verify_files(descriptor: dict, base_dir: Path) -> list[str]:
    """Problems with the resources' files (missing, bytes or sha256 differ); [] when all match.

    Frictionless checks neither the bytes nor the hash of a Parquet file; this checks both formats.
    """
    problems = []
    for resource in descriptor["resources"]:
        path = base_dir / resource["path"]
        if not path.is_file():
            problems.append(f"{resource['name']}: {resource['path']} is missing")
            continue
        size, sha256 = file_stats(path)
        if "bytes" in resource and resource["bytes"] != size:
            problems.append(f"{resource['name']}: {resource['bytes']} bytes expected, found {size}")
        if resource.get("hash") != f"sha256:{sha256}":
            expected = resource.get("hash")
            problems.append(f"{resource['name']}: {expected} expected, found sha256:{sha256}")
    return problems


# --- data dictionary -----------------------------------------------------------------------------


def _cell(text: str, *, prose: bool = False) -> str:
    """Text safe inside a markdown table cell: one line, pipes escaped; `<` too in prose."""
    text = " ".join(text.split()).replace("|", "\\|")
    return text.replace("<", "&lt;") if prose else text


def _codes(names: Iterable[str]) -> str:
    return ", ".join(f"`{name}`" for name in names)


def data_dictionary_markdown() -> str:
    """The README's data dictionary: per table its docstring, keys and a table of its columns.

    Each table is a `###` section, so the text fits under a `## Data dictionary` heading.
    """
    sections = []
    for table, model in TABLES.items():
        schema = model.to_schema()
        metadata = _metadata(table)
        lines = [f"### {table}", "", _doc(table), ""]
        if metadata.get("primary_key"):
            lines.append(f"Primary key: {_codes(metadata['primary_key'])}.")
        for column, target in metadata.get("foreign_keys", {}).items():
            lines.append(f"Foreign key: `{column}` references `{target}.{column}`.")
        if schema.unique:
            lines.append(f"Unique together: {_codes(schema.unique)}.")
        if metadata.get("sort_by"):
            lines.append(f"Rows sorted by: {_codes(metadata['sort_by'])}.")
        if schema.checks:
            lines += ["", "Rules across columns (a row that breaks one goes to `quarantine`):", ""]
            lines += [
                f"- `{check.name}`: {_cell(check.description or '', prose=True)}"
                for check in schema.checks
            ]
        lines += ["", "| column | type | nullable | rule | description |", "|---|---|---|---|---|"]
        for name, column in schema.columns.items():
            rules = ["unique"] if column.unique else []
            rules += [rule for rule in (_check_rule(check) for check in column.checks) if rule]
            lines.append(
                "| "
                + " | ".join(
                    [
                        f"`{name}`",
                        _type_label(_polars_dtype(column)),
                        "yes" if column.nullable else "no",
                        _cell("; ".join(rules)),
                        _cell(column.description or "", prose=True),
                    ]
                )
                + " |"
            )
        sections.append("\n".join(lines))
    return "\n\n".join(sections) + "\n"
