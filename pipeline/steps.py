"""File-level entry points of the ingest and extract steps (the language work is pure, elsewhere)."""

from __future__ import annotations

import logging
from pathlib import Path

import polars as pl

from pipeline.errors import InputError
from pipeline.ingest import discover_sources, read_metadata, read_source
from pipeline.skipped import check_mode, shard_list_path, write_skipped
from pipeline.tableio import read_parquet, write_parquet

log = logging.getLogger(__name__)

DOC_SCHEMA = {"source_id": pl.String, "path": pl.String, "sha256": pl.String, "text": pl.String}
METADATA_SCHEMA = {
    "source_id": pl.String,
    "title": pl.String,
    "publisher": pl.String,
    "url": pl.String,
    "kind": pl.String,
    "published": pl.Date,
    "commercial_interest": pl.Boolean,
}
# Extracted rows lack fact_id and agrees_with_reference: assemble adds them.
_ADDED_LATER = {"fact_id", "agrees_with_reference"}


def write_metadata(raw_dir: Path, out: Path) -> None:
    """Validate raw/sources.yaml against the texts present and store it as a table."""
    source_ids = discover_sources(raw_dir)
    metadata = read_metadata(raw_dir / "sources.yaml", source_ids)
    for source_id in source_ids:
        if source_id not in metadata:
            log.warning(
                "raw/%s.txt has no entry in raw/sources.yaml: its metadata stay null", source_id
            )
    rows = [{"source_id": source_id, **metadata.get(source_id, {})} for source_id in source_ids]
    write_parquet(pl.DataFrame(rows, schema=METADATA_SCHEMA), out)


def write_docs(
    raw_dir: Path, source_ids: list[str], out: Path, on_unreadable: str = "stop"
) -> None:
    """Decode one shard's texts strictly and store them with their hashes.

    A text that cannot be read stops the step (InputError) when `on_unreadable` is "stop"; with
    "skip" it is left out and listed, with the reason, in the shard's skipped list beside `out`.
    """
    mode = check_mode(on_unreadable)
    docs, skipped = [], []
    for source_id in sorted(source_ids):
        try:
            docs.append(read_source(raw_dir, source_id))
        except InputError as error:
            if mode == "stop":
                raise
            log.warning("skipped (on_unreadable: skip): %s", error)
            skipped.append({"source_id": source_id, **error.record()})
    frame = pl.DataFrame(
        [
            {"source_id": d.source_id, "path": d.path, "sha256": d.sha256, "text": d.text}
            for d in docs
        ],
        schema=DOC_SCHEMA,
    )
    write_parquet(frame, out)
    write_skipped(skipped, shard_list_path(out))
    log.info("ingested %d texts, %d characters", len(docs), sum(len(d.text) for d in docs))


def fact_schema(table: str) -> dict[str, pl.DataType]:
    """Polars schema of a table's rows as the extract step writes them."""
    from schemas.models import TABLES  # pandera takes 0.5 s to import: only extract needs it

    columns = TABLES[table].to_schema().columns
    return {name: column.dtype.type for name, column in columns.items() if name not in _ADDED_LATER}


def write_facts(docs_path: Path, names_path: Path, out_dir: Path) -> None:
    """Extract mentions and facts from one shard of texts into out_dir/<table>.parquet."""
    from pipeline.extract.document import FACT_EXTRACTORS, extract_document
    from pipeline.mentions import Matcher

    matcher = Matcher(read_parquet(names_path))
    tables = ["mentions", *FACT_EXTRACTORS]
    rows: dict[str, list[dict[str, object]]] = {table: [] for table in tables}
    for source_id, text in read_parquet(docs_path).select("source_id", "text").iter_rows():
        for table, found in extract_document(source_id, text, matcher).items():
            rows[table].extend(found)
    for table in tables:
        schema = fact_schema(table)
        write_parquet(
            pl.DataFrame(rows[table], schema=schema, orient="row"), out_dir / f"{table}.parquet"
        )
    log.info("extracted %s", ", ".join(f"{len(rows[t])} {t}" for t in tables))
