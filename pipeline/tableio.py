"""Deterministic Parquet and CSV writing: same frame in, same bytes out."""

from __future__ import annotations

import json
from pathlib import Path

import polars as pl
import pyarrow.parquet as pq


def write_parquet(frame: pl.DataFrame, path: Path) -> None:
    """Zstd Parquet written by pyarrow with one row group and no pandas/polars metadata blobs."""
    path.parent.mkdir(parents=True, exist_ok=True)
    table = frame.to_arrow().replace_schema_metadata(None)
    pq.write_table(
        table,
        path,
        compression="zstd",
        compression_level=9,
        row_group_size=max(len(frame), 1),
        use_dictionary=False,
        write_statistics=True,
        store_schema=False,
    )


def write_csv(frame: pl.DataFrame, path: Path) -> None:
    """RFC 4180 CSV, UTF-8 with a header; list columns become JSON arrays."""
    path.parent.mkdir(parents=True, exist_ok=True)
    lists = [name for name, dtype in frame.schema.items() if isinstance(dtype, pl.List)]
    frame = frame.with_columns(
        pl.col(name).map_elements(
            lambda items: json.dumps(list(items), ensure_ascii=False), return_dtype=pl.String
        )
        for name in lists
    )
    frame.write_csv(path, line_terminator="\n", quote_style="necessary", null_value="")


def read_parquet(path: Path) -> pl.DataFrame:
    """Read a Parquet file written by write_parquet."""
    return pl.read_parquet(path)
