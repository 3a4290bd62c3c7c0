"""Stable fact ids: the same statement in the same place keeps its id across rebuilds."""

from __future__ import annotations

import hashlib

# Fields besides source_id, start and end that tell two facts of a table apart.
KEY_FIELDS = {
    "epidemiology": ("condition_id", "measure", "unit", "value_low", "value_high"),
    "inheritance": ("condition_id", "mode"),
    "diagnostic_tests": ("condition_id", "modality"),
}


def _canonical(value: object) -> str:
    return format(value, ".12g") if isinstance(value, float) else str(value)


def fact_id(table: str, row: dict[str, object]) -> str:
    """First 16 hex digits of SHA-256 over table, source_id, start, end and the table's key fields."""
    parts = [
        table,
        row["source_id"],
        row["start"],
        row["end"],
        *(row[k] for k in KEY_FIELDS[table]),
    ]
    return hashlib.sha256("\x1f".join(map(_canonical, parts)).encode()).hexdigest()[:16]
