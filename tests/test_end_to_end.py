"""snakemake end to end on a copy of the repository: reproducible, incremental, safe on bad input."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest
from repo_copy import snakemake, tree_digest

pytestmark = pytest.mark.slow

# A text of our own, in none of the seeds' words: one fact of each kind, plus a trap.
NEW_SOURCE = """Facts About Myasthenia Gravis

Myasthenia gravis (MG) is an autoimmune disease of the junction between nerve and muscle.
It affects roughly 20 in 100,000 people in the United Kingdom.
MG is not inherited, although a rare congenital form is passed on in an autosomal recessive pattern.
Doctors confirm the diagnosis with an EMG that records how muscles respond to repeated nerve stimulation.
"""


def test_fresh_build_matches_committed_release(built_copy: Path):
    assert tree_digest(built_copy / "dist") == tree_digest(built_copy / "committed-dist")


def test_second_run_has_nothing_to_do(built_copy: Path):
    result = snakemake(built_copy)
    assert result.returncode == 0
    assert "Nothing to be done" in result.stdout + result.stderr


def planned_jobs(workdir: Path) -> dict[str, int]:
    """Jobs per rule that snakemake would run now."""
    plan = snakemake(workdir, "--dry-run", "--quiet", "rules")
    counts = {}
    for line in plan.stdout.splitlines():
        parts = line.split()
        if len(parts) == 2 and parts[1].isdigit():
            counts[parts[0]] = int(parts[1])
    return counts


def test_editing_one_text_reruns_only_its_shard(built_copy: Path):
    text = built_copy / "raw" / "001_849026bb6cd079b3.txt"
    original = text.read_bytes()
    text.write_bytes(original + b"\nAn added line.\n")
    try:
        jobs = planned_jobs(built_copy)
        assert (jobs["ingest"], jobs["extract"]) == (1, 1)
        assert "lexicon" not in jobs
    finally:
        text.write_bytes(original)
    # Same bytes again: Snakemake sees the checksum unchanged and plans nothing.
    assert planned_jobs(built_copy) == {}


def test_new_source_reruns_only_its_shard_and_ships_its_facts(built_copy: Path):
    (built_copy / "raw" / "zz_myasthenia.txt").write_text(NEW_SOURCE, encoding="utf-8")
    try:
        assert planned_jobs(built_copy)["extract"] == 1
        result = snakemake(built_copy)
        assert result.returncode == 0, result.stderr[-4000:]
        dist = built_copy / "dist"
        epidemiology = pl.read_parquet(dist / "epidemiology.parquet").filter(
            pl.col("source_id") == "zz_myasthenia"
        )
        assert epidemiology.select(
            "condition_id", "measure", "value_low", "unit", "approximate", "population"
        ).rows() == [("ORPHA:589", "prevalence", pytest.approx(2e-4), "proportion", True, "UK")]
        tests = pl.read_parquet(dist / "diagnostic_tests.parquet").filter(
            pl.col("source_id") == "zz_myasthenia"
        )
        assert tests.select("condition_id", "modality").rows() == [
            ("ORPHA:589", "electromyography")
        ]
        inheritance = pl.read_parquet(dist / "inheritance.parquet").filter(
            pl.col("source_id") == "zz_myasthenia"
        )
        assert inheritance["mode"].to_list() == ["autosomal_recessive"]
        for table in ("epidemiology", "inheritance", "diagnostic_tests"):
            for row in (
                pl.read_parquet(dist / f"{table}.parquet")
                .filter(pl.col("source_id") == "zz_myasthenia")
                .iter_rows(named=True)
            ):
                assert NEW_SOURCE[row["start"] : row["end"]] == row["quote"]
    finally:
        (built_copy / "raw" / "zz_myasthenia.txt").unlink(missing_ok=True)
        assert snakemake(built_copy).returncode == 0


BAD_INPUTS = [
    ("empty.txt", b"", "raw/empty.txt: is empty"),
    (
        "latin1.txt",
        "Caf\u00e9 au lait".encode("latin-1"),
        "raw/latin1.txt: byte 3 (line 1, column 4): is not valid UTF-8",
    ),
    ("Bad Name.txt", b"A text.", "raw/Bad Name.txt: file name 'Bad Name' is not a valid source_id"),
    (
        "sources.yaml",
        b"000_344888a0673adde0:\n  title: [oops\n",
        "raw/sources.yaml: line 3, column 1: is not valid YAML",
    ),
]


@pytest.mark.parametrize(("name", "content", "message"), BAD_INPUTS, ids=[b[0] for b in BAD_INPUTS])
def test_bad_input_stops_the_build_and_keeps_dist(
    built_copy: Path, name: str, content: bytes, message: str
):
    target = built_copy / "raw" / name
    saved = target.read_bytes() if target.exists() else None
    before = tree_digest(built_copy / "dist")
    target.write_bytes(content)
    try:
        result = snakemake(built_copy)
        assert result.returncode != 0
        assert message in result.stdout + result.stderr
        assert tree_digest(built_copy / "dist") == before
    finally:
        if saved is None:
            target.unlink()
        else:
            target.write_bytes(saved)
