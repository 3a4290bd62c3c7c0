"""Publish: write the release beside dist/, then swap it in at once.

A build killed at any moment leaves the previous dist/ byte-identical; a second build publishing
at the same time is refused. The release replacing dist/ is compared with its baseline
(pipeline.baseline): its version must grow enough for the schema changes (pipeline.versioning),
and its CHANGELOG lists the changes (pipeline.changelog).
"""

from __future__ import annotations

import json
import logging
import os
import shutil
from pathlib import Path

from pipeline.atomic import exclusive, replace_directory
from pipeline.baseline import baseline_for, keyed_rows, write_baseline
from pipeline.changelog import CHANGELOG_NAME, changelog_markdown, diff_rows, release_section
from pipeline.checksums import SUMS_NAME, sha256_of, sums_text
from pipeline.datacard import DATACARD_NAME, data_card_markdown
from pipeline.datapackage import DESCRIPTOR_NAME, build_descriptor, write_descriptor
from pipeline.skipped import SKIPPED_NAME, read_skipped
from pipeline.tableio import read_parquet, write_csv, write_parquet
from pipeline.versioning import check_version, model_schemas, schema_changes
from schemas.models import TABLES

log = logging.getLogger(__name__)


def package_sources(sources: list[dict[str, object]]) -> list[dict[str, str]]:
    """The descriptor's `sources`: one entry per text, titled and linked where known."""
    entries = []
    for source in sources:
        entry = {"title": str(source["title"] or source["source_id"]), "path": str(source["path"])}
        if source.get("url"):
            entry["path"] = str(source["url"])
        entries.append(entry)
    return entries


def write_release(work: Path, staged: Path, version: str, previous: Path) -> None:
    """Every release file into `staged`: tables, validation, changelog, data card, descriptor, sums.

    `previous` is the release being replaced (it may not exist). Raises VersionNotBumped, before
    writing anything, when `version` does not grow enough from the baseline's version.
    """
    baseline = baseline_for(previous, version)
    schemas = model_schemas()
    changes = [] if baseline.version is None else schema_changes(baseline.schemas, schemas)
    check_version(baseline.version, version, changes)

    tables = {table: read_parquet(work / "tables" / f"{table}.parquet") for table in TABLES}
    for table, frame in tables.items():
        write_parquet(frame, staged / f"{table}.parquet")
        write_csv(frame, staged / f"{table}.csv")
    shutil.copytree(work / "validation", staged / "validation")

    write_baseline(baseline, staged)
    order = [*schemas, *(table for table in baseline.schemas if table not in schemas)]
    diffs = diff_rows(baseline.rows, keyed_rows(tables, schemas), order)
    old_changelog = previous / CHANGELOG_NAME
    changelog = changelog_markdown(
        version,
        release_section(version, baseline, diffs, changes),
        old_changelog.read_text(encoding="utf-8") if old_changelog.is_file() else None,
    )
    (staged / CHANGELOG_NAME).write_text(changelog, encoding="utf-8", newline="\n")
    (staged / DATACARD_NAME).write_text(
        data_card_markdown(version, tables, read_skipped(work / "validation" / SKIPPED_NAME)),
        encoding="utf-8",
        newline="\n",
    )

    write_descriptor(
        build_descriptor(staged, version, package_sources(tables["sources"].to_dicts())),
        staged / DESCRIPTOR_NAME,
    )
    (staged / SUMS_NAME).write_text(sums_text(staged), encoding="utf-8", newline="\n")


def publish(work: Path, dist: Path, version: str, stamp: Path) -> None:
    """Build the release in a staging directory beside dist/ and swap it in atomically."""
    dist = dist.resolve()
    with exclusive(dist.with_name(f".{dist.name}.lock")):
        # Under the lock no other build is staging: any staging directory left is from a build
        # that was killed before it could clean up.
        for stale in dist.parent.glob(f".{dist.name}-staging-*"):
            shutil.rmtree(stale)
        staged = dist.with_name(f".{dist.name}-staging-{os.getpid()}")
        staged.mkdir(parents=True)
        try:
            write_release(work, staged, version, dist)
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
