"""Assemble: merge shards into the release tables, ground conditions, assign fact ids.

Fact rows that fail their table's schema go to the quarantine table with the failed check;
they are counted in the log and never silently dropped. The shards' lists of skipped unreadable
texts (pipeline.skipped) are merged into work/validation/, which the release ships.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pandera.polars as pa
import polars as pl

from pipeline.ids import fact_id
from pipeline.skipped import SKIPPED_NAME, merge_skipped
from pipeline.tableio import read_parquet, write_parquet
from schemas.models import FACT_TABLES, ROW_RULES, TABLES

log = logging.getLogger(__name__)

# Modes that agree although not equal: a general mode agrees with its specific forms.
_COMPATIBLE = {
    "x_linked": {"x_linked_recessive", "x_linked_dominant"},
    "x_linked_recessive": {"x_linked"},
    "x_linked_dominant": {"x_linked"},
    "autosomal": {"autosomal_dominant", "autosomal_recessive"},
}


def agrees(mode: str, reference: list[str]) -> bool | None:
    """Is a stated mode compatible with the reference modes? None without a reference."""
    if not reference:
        return None
    return mode in reference or bool(_COMPATIBLE.get(mode, set()) & set(reference))


def _current_rows(paths: list[Path], current: list[str]) -> pl.DataFrame:
    """Rows of these shard files whose source is still in raw/.

    Removing the last text of a shard leaves that shard's old files in work/; the metadata table,
    rebuilt whenever the list of texts changes, says which sources are current.
    """
    frames = [read_parquet(path) for path in paths]
    if not frames:
        return pl.DataFrame()
    return pl.concat(frames, how="vertical").filter(pl.col("source_id").is_in(current))


def ordered(table: str, frame: pl.DataFrame) -> pl.DataFrame:
    """Columns in contract order, rows sorted by the table's key."""
    model = TABLES[table]
    columns = list(model.to_schema().columns)
    return frame.select(columns).sort(model.Config.metadata["sort_by"], maintain_order=True)


def build_sources(docs: pl.DataFrame, metadata: pl.DataFrame) -> pl.DataFrame:
    """The sources table: hashes and lengths of the texts joined with their metadata."""
    sources = docs.select(
        "source_id",
        "path",
        "sha256",
        pl.col("text").str.len_chars().cast(pl.Int64).alias("n_chars"),
    ).join(metadata, on="source_id", how="left")
    return ordered("sources", sources)


def with_fact_ids(table: str, frame: pl.DataFrame) -> pl.DataFrame:
    """Add fact_id; identical statements extracted twice collapse into one row."""
    ids = [fact_id(table, row) for row in frame.iter_rows(named=True)]
    return frame.with_columns(pl.Series("fact_id", ids, dtype=pl.String)).unique(
        "fact_id", keep="first", maintain_order=True
    )


def failed_column(table: str, context: str, column: str, check: str) -> str:
    """The column a failure names; for a rule across columns (ROW_RULES), those columns."""
    if context == "DataFrameSchema":
        return ",".join(dict.fromkeys(ROW_RULES[table][check].meta.root_names()))
    return column


def split_quarantine(
    table: str, frame: pl.DataFrame
) -> tuple[pl.DataFrame, list[dict[str, object]]]:
    """Rows that pass the table's schema, and one quarantine record per failed check of the rest."""
    try:
        TABLES[table].validate(frame, lazy=True)
        return frame, []
    except pa.errors.SchemaErrors as errors:
        cases = errors.failure_cases
    failed = cases.filter(pl.col("index").is_not_null())
    unplaced = cases.filter(pl.col("index").is_null())
    if len(unplaced):
        raise ValueError(f"{table}: schema failures not tied to rows:\n{unplaced}")
    rows = frame.to_dicts()
    records = []
    for index, context, column, check in (
        failed.select("index", "schema_context", "column", "check")
        .unique()
        .sort("index", "column", "check")
        .iter_rows()
    ):
        row = rows[index]
        records.append(
            {
                "table": table,
                "fact_id": row["fact_id"],
                "source_id": row["source_id"],
                "start": row["start"],
                "end": row["end"],
                "quote": row["quote"],
                "failed_column": failed_column(table, context, column, check),
                "failed_check": check,
                "row": json.dumps(row, sort_keys=True, ensure_ascii=False, default=str),
            }
        )
    bad = sorted(set(failed["index"].to_list()))
    kept = frame.with_row_index("_row").filter(~pl.col("_row").is_in(bad)).drop("_row")
    return kept, records


def assemble(work: Path, out: Path) -> None:
    """Build every release table from work/{docs,facts,metadata,lexicon} into out/."""
    metadata = read_parquet(work / "metadata.parquet")
    current = metadata["source_id"].to_list()
    docs = _current_rows(sorted((work / "docs").glob("*.parquet")), current)
    sources = build_sources(docs, metadata)
    shards = sorted(p for p in (work / "facts").iterdir() if p.is_dir())
    lexicon = read_parquet(work / "lexicon" / "conditions.parquet")
    references = dict(
        zip(lexicon["condition_id"], lexicon["reference_inheritance"].to_list(), strict=True)
    )

    tables: dict[str, pl.DataFrame] = {"sources": sources}
    tables["mentions"] = ordered(
        "mentions", _current_rows([s / "mentions.parquet" for s in shards], current)
    )
    quarantine: list[dict[str, object]] = []
    for table in FACT_TABLES:
        frame = with_fact_ids(
            table, _current_rows([s / f"{table}.parquet" for s in shards], current)
        )
        if table == "inheritance":
            frame = frame.with_columns(
                pl.Series(
                    "agrees_with_reference",
                    [
                        agrees(m, references.get(c, []))
                        for m, c in zip(frame["mode"], frame["condition_id"], strict=True)
                    ],
                    dtype=pl.Boolean,
                )
            )
        kept, rejected = split_quarantine(table, ordered(table, frame))
        tables[table] = kept
        quarantine.extend(rejected)
    used = set(tables["mentions"]["condition_id"])
    for table in FACT_TABLES:
        used |= set(tables[table]["condition_id"])
    tables["conditions"] = ordered(
        "conditions", lexicon.filter(pl.col("condition_id").is_in(sorted(used)))
    )
    quarantine_schema = {
        n: c.dtype.type for n, c in TABLES["quarantine"].to_schema().columns.items()
    }
    tables["quarantine"] = ordered("quarantine", pl.DataFrame(quarantine, schema=quarantine_schema))
    log_quarantine(tables["quarantine"])
    for table, frame in tables.items():
        write_parquet(frame, out / f"{table}.parquet")
        log.info("%s: %d rows", table, len(frame))
    skipped = merge_skipped(
        sorted((work / "docs").glob("*.skipped.json")), current, work / "validation" / SKIPPED_NAME
    )
    if skipped:
        log.warning(
            "%d unreadable source texts skipped (on_unreadable: skip), listed in validation/%s: %s",
            len(skipped),
            SKIPPED_NAME,
            ", ".join(str(record["path"]) for record in skipped),
        )


def log_quarantine(quarantine: pl.DataFrame) -> None:
    """Say in the build log how many fact rows were quarantined, per table and failed check."""
    if quarantine.is_empty():
        return
    counts = (
        quarantine.group_by("table", "failed_check")
        .agg(pl.col("fact_id").n_unique().alias("rows"))
        .sort("table", "failed_check")
    )
    log.warning(
        "quarantined %d fact rows that failed their table's schema (%s); they are published in "
        "the quarantine table, not as facts",
        quarantine["fact_id"].n_unique(),
        "; ".join(f"{table} {check}: {rows}" for table, check, rows in counts.iter_rows()),
    )
