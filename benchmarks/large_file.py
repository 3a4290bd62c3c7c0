"""One large source text (about 20 MB) through a real snakemake build on a copy of the repository.

    python benchmarks/large_file.py --megabytes 20

Builds the copy once as it is, adds raw/zz_large.txt (paragraphs of the seeds and the development
corpus, shuffled, CRLF line ends and a BOM), builds again and prints the wall time of that build,
the extract job's time and peak memory (Snakemake's benchmark file) and the rows it produced. It
also checks that every quote is the text at its offsets. Too slow for the test suite (about a
minute per 20 MB on one core), so it lives here; the tests cover long lines at about 1 MB.
"""

from __future__ import annotations

import argparse
import codecs
import csv
import sys
import tempfile
import time
from pathlib import Path

import polars as pl
from throughput import synthetic_corpus

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))
from repo_copy import copy_repository, snakemake  # noqa: E402

SOURCE_ID = "zz_large"


def large_text(megabytes: float) -> str:
    """Shuffled paragraphs of the seeds and the corpus, CRLF line ends, about `megabytes` MB."""
    texts, size, count = [], 0, 0
    while size < megabytes * 1e6:
        batch = synthetic_corpus(200, seed=count)
        texts += batch
        size += sum(len(text.encode()) for text in batch)
        count += 1
    return "\r\n\r\n".join(texts).replace("\n", "\r\n").replace("\r\r\n", "\r\n")


def main() -> None:
    """Build, add the large text, build again, and print the measurements."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--megabytes", type=float, default=20)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        copy = Path(folder)
        copy_repository(copy)
        first = snakemake(copy)
        if first.returncode != 0:
            raise SystemExit(first.stderr[-3000:])
        text = large_text(args.megabytes)
        (copy / "raw" / f"{SOURCE_ID}.txt").write_bytes(codecs.BOM_UTF8 + text.encode())
        started = time.perf_counter()
        build = snakemake(copy)
        elapsed = time.perf_counter() - started
        if build.returncode != 0:
            raise SystemExit(build.stderr[-3000:])
        extract = max(
            (copy / "work" / "benchmarks" / "extract").glob("*.tsv"),
            key=lambda p: p.stat().st_mtime,
        )
        with extract.open() as handle:
            measured = next(csv.DictReader(handle, delimiter="\t"))
        counts = {}
        for table in ("mentions", "epidemiology", "inheritance", "diagnostic_tests"):
            rows = pl.read_parquet(copy / "dist" / f"{table}.parquet").filter(
                pl.col("source_id") == SOURCE_ID
            )
            evidence = "text" if table == "mentions" else "quote"
            wrong = sum(
                text[start:end] != quote
                for start, end, quote in rows.select("start", "end", evidence).iter_rows()
            )
            if wrong:
                raise SystemExit(f"{table}: {wrong} rows whose {evidence} is not the text there")
            counts[table] = rows.height
        print(f"text: {len(text.encode()) / 1e6:.1f} MB, {len(text) / 1e6:.1f} M characters")
        print(f"build with the large text: {elapsed:.1f} s wall")
        print(
            f"extract job: {float(measured['s']):.1f} s, peak resident memory "
            f"{float(measured['max_rss']):.0f} MiB"
        )
        print(f"rows from the large text (every quote checked against its offsets): {counts}")


if __name__ == "__main__":
    main()
