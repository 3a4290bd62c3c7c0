"""The release's data card, dist/README.md: what is inside, where it comes from, how to cite it.

Made from the tables and the models only, with no dates, so the same release gives the same bytes.
"""

from __future__ import annotations

import inspect
from typing import Any

import polars as pl

from pipeline.datapackage import DESCRIPTION, LICENSE, PACKAGE_NAME, TITLE
from pipeline.skipped import skipped_card_section
from schemas.models import FACT_TABLES, TABLES

DATACARD_NAME = "README.md"

BOUNDS = """\
A range ("5 to 10 percent") gives both ends in `value_low` and `value_high`; a single figure gives
the same number in both. A one-sided bound ("up to 1 in 3,000", "more than 20,000 people", "at
least", "fewer than") is encoded as `value_low = value_high = X` with `approximate = true`, like
the other hedges (about, around, nearly, an estimated): the direction of the bound is not kept, so
read an approximate figure as "of the order of X". Values are in base units: proportions in
[0, 1], rates per person-year or per live birth, counts in persons. A `case_count` is the number
of people the text counts: usually those living with the condition, but also a yearly number of
new diagnoses or births when that is what the text gives ("about 100 boys are born with it each
year"); the quote says which."""

LIMITATIONS = """\
- Facts are extracted by rules from the texts and are not reviewed by a person; precision and
  recall measured on annotated texts are in the project's README, and texts unlike those can fare
  worse.
- A figure is what its source states, not a verified estimate: sources disagree, some are
  consumer or commercial pages, and a source with commercial interest promotes a product.
- Only what a sentence states about a condition in focus is kept; negated statements, questions
  and marketing claims are not facts, so absence of a row is not evidence of absence.
- Conditions without an Orphanet, OMIM or HPO identifier have `local:` ids.
- Rows that fail their table's schema are kept in `quarantine`, not in the fact tables.
- Quotes are short excerpts of the sources, whose copyright stays with their publishers."""


def _cell(value: Any) -> str:
    """A value in a markdown table cell: one line, pipes escaped, empty for null."""
    if value is None:
        return ""
    text = str(value).lower() if isinstance(value, bool) else str(value)
    return " ".join(text.split()).replace("|", "\\|")


def _tables_section(tables: dict[str, pl.DataFrame]) -> list[str]:
    lines = ["| table | rows | what |", "|---|---:|---|"]
    for table, frame in tables.items():
        about = inspect.cleandoc(TABLES[table].__doc__ or "").splitlines()[0]
        lines.append(f"| `{table}` | {frame.height} | {_cell(about)} |")
    return lines


def _sources_section(sources: pl.DataFrame) -> list[str]:
    lines = [
        "| source_id | title | publisher | kind | commercial interest | published |",
        "|---|---|---|---|---|---|",
    ]
    for row in sources.iter_rows(named=True):
        cells = [row[name] for name in ("title", "publisher", "kind", "commercial_interest")]
        lines.append(
            f"| `{row['source_id']}` | "
            + " | ".join(_cell(cell) for cell in [*cells, row["published"]])
            + " |"
        )
    commercial = sources.filter(pl.col("commercial_interest")).height
    unknown = sources.filter(pl.col("commercial_interest").is_null()).height
    lines += [
        "",
        f"{commercial} of {sources.height} sources have a commercial interest in what they write "
        f"about; for {unknown} it is not recorded.",
    ]
    return lines


def _quarantine_section(quarantine: pl.DataFrame) -> list[str]:
    counts = dict(quarantine.group_by("table").len().iter_rows())
    per_table = ", ".join(f"{table} {counts.get(table, 0)}" for table in FACT_TABLES)
    return [
        f"{quarantine.height} extracted rows failed their table's schema and are published in "
        f"`quarantine` with the failed column and check instead of as facts ({per_table}).",
    ]


def data_card_markdown(
    version: str, tables: dict[str, pl.DataFrame], skipped: list[dict[str, str | None]]
) -> str:
    """The data card of a release of `version` holding `tables` (every table of the contract),
    built without the texts listed in `skipped` (unreadable, skipped on request)."""
    citation = (
        f"{PACKAGE_NAME} contributors. {TITLE}, release {version}. Data package, {LICENSE['name']}."
    )
    lines = [
        f"# {TITLE} {version}",
        "",
        DESCRIPTION,
        "",
        "## What is inside",
        "",
        "Each table is published as `<table>.parquet` and `<table>.csv` (list columns as JSON "
        "arrays). `datapackage.json` describes every file (Frictionless Data Package: types, "
        "vocabularies, keys, sha256), `SHA256SUMS` lists the checksum of every file, "
        "`CHANGELOG.md` says what changed since the previous release (`changelog/` holds what it "
        "compares with), and `validation/` holds the release gate's report (HTML and JSON).",
        "",
        *_tables_section(tables),
        "",
        "## Sources",
        "",
        *_sources_section(tables["sources"]),
        "",
        "## Quarantine",
        "",
        *_quarantine_section(tables["quarantine"]),
        "",
        "## Skipped inputs",
        "",
        *skipped_card_section(skipped),
        "",
        "## How figures and bounds are encoded",
        "",
        BOUNDS,
        "",
        "## Known limitations",
        "",
        LIMITATIONS,
        "",
        "## Licence and citation",
        "",
        f"The tables are licensed under {LICENSE['title']} ({LICENSE['name']}, {LICENSE['path']}). "
        "Cite the release with its version:",
        "",
        f"> {citation}",
        "",
        "## Check the files",
        "",
        "```bash",
        "sha256sum -c SHA256SUMS",
        "python -m pipeline verify .   # checksums, datapackage.json hashes and schemas",
        "```",
    ]
    return "\n".join(lines) + "\n"
