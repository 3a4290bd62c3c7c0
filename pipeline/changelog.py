"""CHANGELOG.md of a release: what changed since the previous release, table by table.

Rows are compared by primary key (`fact_id` for the fact tables): a key only in the new release is
added, one only in the previous release is removed, and one in both whose values differ (in the
columns both releases have) is changed. Each release's section gives the schema changes with the
version bump they need, the row counts, and lists the added, removed and changed rows of every
table but `mentions` (counted only: mentions are the evidence for facts, not facts).

Reproducibility. "The previous release" is the baseline (pipeline.baseline): the last release
of a *different* version, stored inside every release. So the section of a version depends only
on the baseline and the new tables, and a rebuild of identical inputs writes an identical
CHANGELOG instead of "no changes since itself"; a rebuild with new data under the same version
rewrites that version's section against the same baseline. Older sections are carried forward
verbatim from the CHANGELOG being replaced (each starts with a `<!-- release X.Y.Z -->` marker);
the section of the version being built is always regenerated, and no section holds a date.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

import polars as pl

from pipeline.baseline import Baseline
from pipeline.versioning import SchemaChange, required_level

CHANGELOG_NAME = "CHANGELOG.md"
MARKER = "<!-- release {version} -->"
_MARKER = re.compile(r"^<!-- release (\S+) -->$", re.MULTILINE)

HEADER = """# Changelog

Releases of muscle-atrophy-facts, newest first. Each release is compared with the previous release
of another version: rows by primary key (`fact_id` for facts), schemas column by column. Mentions
are counted, not listed.
"""

# Per listed table: columns shown as `name value` and the column shown as text (quote, title).
SUMMARY: dict[str, tuple[tuple[str, ...], str | None]] = {
    "sources": (("kind", "publisher", "commercial_interest"), "title"),
    "conditions": ((), "label"),
    "epidemiology": (
        ("source_id", "condition_id", "measure", "value_low", "value_high", "unit", "population"),
        "quote",
    ),
    "inheritance": (("source_id", "condition_id", "mode"), "quote"),
    "diagnostic_tests": (("source_id", "condition_id", "modality"), "quote"),
    "quarantine": (("source_id",), "quote"),
}


@dataclass(frozen=True)
class RowChange:
    """One added (old None), removed (new None) or changed row of a table."""

    key: str
    old: dict[str, Any] | None
    new: dict[str, Any] | None


@dataclass(frozen=True)
class TableDiff:
    """Row counts and row changes of one table between the baseline and the new release."""

    table: str
    before: int
    after: int
    added: list[RowChange]
    removed: list[RowChange]
    changed: list[RowChange]


def _changed_columns(old: dict[str, Any], new: dict[str, Any]) -> list[str]:
    """Columns present in both rows whose values differ, in the new row's order."""
    return [name for name in new if name in old and old[name] != new[name]]


def diff_rows(old: pl.DataFrame, new: pl.DataFrame, tables: list[str]) -> list[TableDiff]:
    """Per table, in the order given: row counts and added, removed and changed rows.

    Both frames have the columns `table`, `key`, `row` of pipeline.baseline.keyed_rows.
    """
    joined = old.join(new, on=["table", "key"], how="full", coalesce=True, suffix="_new")
    differing = joined.filter(
        pl.col("row").is_null() | pl.col("row_new").is_null() | (pl.col("row") != pl.col("row_new"))
    ).sort("table", "key")
    diffs = {
        table: TableDiff(
            table,
            old.filter(pl.col("table") == table).height,
            new.filter(pl.col("table") == table).height,
            [],
            [],
            [],
        )
        for table in tables
    }
    for table, key, row, row_new in differing.iter_rows():
        before = None if row is None else json.loads(row)
        after = None if row_new is None else json.loads(row_new)
        change = RowChange(key, before, after)
        if before is None:
            diffs[table].added.append(change)
        elif after is None:
            diffs[table].removed.append(change)
        elif _changed_columns(before, after):
            diffs[table].changed.append(change)
    return list(diffs.values())


# --- markdown ----------------------------------------------------------------------------------


def _code(value: Any) -> str:
    """A value as an inline code span: strings as they are, others as JSON."""
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    return "`" + " ".join(text.split()).replace("`", "'") + "`"


def _prose(text: str) -> str:
    """Source text safe on one markdown line: whitespace collapsed, markup characters escaped."""
    text = " ".join(text.split())
    return re.sub(r"([\\`*_\[\]<>|#])", r"\\\1", text)


def _key(key: str) -> str:
    """A JSON key object as its values, space separated, in a code span."""
    return _code(" ".join(str(value) for value in json.loads(key).values()))


def _summary(table: str, row: dict[str, Any]) -> str:
    """A row in a few words: its salient columns and its quote (or title, label)."""
    columns, text_column = SUMMARY[table]
    parts = [f"{name} {_code(row[name])}" for name in columns if row.get(name) is not None]
    text = row.get(text_column) if text_column else None
    summary = ", ".join(parts)
    if text:
        summary += f"{': ' if summary else ''}“{_prose(str(text))}”"
    return summary


def _change_lines(table: str, diff: TableDiff) -> list[str]:
    """The markdown list of one table's added, removed and changed rows."""
    lines: list[str] = []
    groups = (("Added", diff.added), ("Removed", diff.removed), ("Changed", diff.changed))
    for title, changes in groups:
        if not changes:
            continue
        lines += ["", f"{title} ({len(changes)}):", ""]
        for change in changes:
            if change.old is not None and change.new is not None:
                values = "; ".join(
                    f"{name} {_code(change.old[name])} → {_code(change.new[name])}"
                    for name in _changed_columns(change.old, change.new)
                )
                lines.append(f"- {_key(change.key)}: {values} ({_summary(table, change.new)})")
            else:
                row = change.new if change.new is not None else change.old
                lines.append(f"- {_key(change.key)} {_summary(table, row or {})}")
    return lines


def release_section(
    version: str, baseline: Baseline, diffs: list[TableDiff], changes: list[SchemaChange]
) -> str:
    """The changelog section of one release, starting with its marker line."""
    lines = [MARKER.format(version=version), f"## {version}", ""]
    if baseline.version is None:
        lines.append("First release: there is no earlier release to compare with.")
    else:
        lines.append(
            f"Compared with release {baseline.version}. This needs at least a "
            f"{required_level(changes).name.lower()} release."
        )
        lines.append("")
        if changes:
            lines += ["Schema changes:", ""] + [f"- {change}" for change in changes]
        else:
            lines.append("Schema: unchanged.")
    lines += [
        "",
        "| table | rows before | rows after | added | removed | changed |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    lines += [
        f"| {d.table} | {d.before} | {d.after} | {len(d.added)} | {len(d.removed)} "
        f"| {len(d.changed)} |"
        for d in diffs
    ]
    if baseline.version is not None:
        for diff in diffs:
            listed = _change_lines(diff.table, diff) if diff.table in SUMMARY else []
            if listed:
                lines += ["", f"### {diff.table}", *listed]
    return "\n".join(lines) + "\n"


def sections(changelog: str) -> list[tuple[str, str]]:
    """(version, text) of each release section of a changelog, in order."""
    marks = list(_MARKER.finditer(changelog))
    return [
        (
            mark.group(1),
            changelog[mark.start() : marks[i + 1].start() if i + 1 < len(marks) else None],
        )
        for i, mark in enumerate(marks)
    ]


def changelog_markdown(version: str, section: str, previous: str | None) -> str:
    """The whole CHANGELOG: header, this release's section, then the other releases' sections."""
    kept = [text for other, text in sections(previous or "") if other != version]
    return "\n".join(
        [HEADER, section.rstrip("\n") + "\n", *(text.rstrip("\n") + "\n" for text in kept)]
    )
