"""Publish: write the release beside dist/, then swap it in at once.

A build killed at any moment leaves the previous dist/ byte-identical; a second build publishing
at the same time is refused.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
from pathlib import Path

from pipeline.atomic import exclusive, replace_directory
from pipeline.tableio import read_parquet, write_csv, write_parquet
from schemas.models import TABLES

log = logging.getLogger(__name__)


def sha256_of(path: Path) -> str:
    """Hex SHA-256 of a file's bytes."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def package_sources(sources: list[dict[str, object]]) -> list[dict[str, str]]:
    """The descriptor's `sources`: one entry per text, titled and linked where known."""
    entries = []
    for source in sources:
        entry = {"title": str(source["title"] or source["source_id"]), "path": str(source["path"])}
        if source.get("url"):
            entry["path"] = str(source["url"])
        entries.append(entry)
    return entries


def write_release(work: Path, staged: Path, version: str) -> None:
    """Every release file into `staged`: tables as Parquet and CSV, validation, descriptor, sums."""
    from pipeline.datapackage import build_descriptor, write_descriptor

    for table in TABLES:
        frame = read_parquet(work / "tables" / f"{table}.parquet")
        write_parquet(frame, staged / f"{table}.parquet")
        write_csv(frame, staged / f"{table}.csv")
    shutil.copytree(work / "validation", staged / "validation")
    sources = read_parquet(work / "tables" / "sources.parquet").to_dicts()
    write_descriptor(
        build_descriptor(staged, version, package_sources(sources)), staged / "datapackage.json"
    )
    files = sorted(p for p in staged.rglob("*") if p.is_file())
    sums = "".join(f"{sha256_of(p)}  {p.relative_to(staged).as_posix()}\n" for p in files)
    (staged / "SHA256SUMS").write_text(sums, encoding="utf-8")


def publish(work: Path, dist: Path, version: str, stamp: Path) -> None:
    """Build the release in a staging directory beside dist/ and swap it in atomically."""
    dist = dist.resolve()
    with exclusive(dist.with_name(f".{dist.name}.lock")):
        staged = dist.with_name(f".{dist.name}-staging-{os.getpid()}")
        if staged.exists():
            shutil.rmtree(staged)
        staged.mkdir(parents=True)
        try:
            write_release(work, staged, version)
        except BaseException:
            shutil.rmtree(staged, ignore_errors=True)
            raise
        replace_directory(staged, dist)
    manifest = {
        p.relative_to(dist).as_posix(): sha256_of(p) for p in sorted(dist.rglob("*")) if p.is_file()
    }
    stamp.write_text(
        json.dumps({"version": version, "files": manifest}, indent=2) + "\n", encoding="utf-8"
    )
    log.info("published release %s to %s: %d files", version, dist.name, len(manifest))
