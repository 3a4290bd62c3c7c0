"""The changelog: rows compared by key, history kept, rebuilds reproduce it byte for byte."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import polars as pl
import pytest
import yaml
from repo_copy import REPO, copy_repository, snakemake, tree_digest

from pipeline.baseline import Baseline, keyed_rows, read_baseline
from pipeline.changelog import changelog_markdown, diff_rows, release_section, sections
from pipeline.publish import publish
from pipeline.versioning import VersionNotBumped, model_schemas, schema_changes
from schemas.models import FACT_TABLES, TABLES

SCHEMAS = {"facts": {"fields": [], "primaryKey": ["fact_id"]}}


def _facts(*rows: tuple[str, float, str]) -> pl.DataFrame:
    frame = pl.DataFrame(
        [{"fact_id": i, "value": v, "quote": q} for i, v, q in rows],
        schema={"fact_id": pl.String, "value": pl.Float64, "quote": pl.String},
    )
    return keyed_rows({"facts": frame}, SCHEMAS)


def test_rows_are_compared_by_key() -> None:
    old = _facts(("a", 1.0, "kept"), ("b", 2.0, "edited"), ("c", 3.0, "dropped"))
    new = _facts(("a", 1.0, "kept"), ("b", 2.5, "edited"), ("d", 4.0, "new *one*"))
    [diff] = diff_rows(old, new, ["facts"])
    assert (diff.before, diff.after) == (3, 3)
    assert [c.new["fact_id"] for c in diff.added] == ["d"]
    assert [c.old["fact_id"] for c in diff.removed] == ["c"]
    assert [(c.old["value"], c.new["value"]) for c in diff.changed] == [(2.0, 2.5)]


def test_section_lists_changes_and_history_is_kept() -> None:
    schemas = model_schemas()
    tables = {
        table: pl.read_parquet(REPO / "dist" / f"{table}.parquet").filter(
            pl.col("source_id") != "003_ee9505d04e93a5df"
        )
        if "source_id" in TABLES[table].to_schema().columns
        else pl.read_parquet(REPO / "dist" / f"{table}.parquet")
        for table in TABLES
    }
    everything = {table: pl.read_parquet(REPO / "dist" / f"{table}.parquet") for table in TABLES}
    baseline = Baseline("0.1.0", schemas, keyed_rows(tables, schemas))
    diffs = diff_rows(baseline.rows, keyed_rows(everything, schemas), list(schemas))
    section = release_section("0.2.0", baseline, diffs, [])
    assert section.startswith("<!-- release 0.2.0 -->\n## 0.2.0\n\nCompared with release 0.1.0.")
    assert "| sources | 3 | 4 | 1 | 0 | 0 |" in section
    added = everything["epidemiology"].filter(pl.col("source_id") == "003_ee9505d04e93a5df")
    for fact_id in added["fact_id"]:
        assert f"- `{fact_id}` source_id `003_ee9505d04e93a5df`" in section
    assert "### mentions" not in section  # counted, not listed

    older = "# Changelog\n\n<!-- release 0.1.0 -->\n## 0.1.0\n\nFirst.\n"
    text = changelog_markdown("0.2.0", section, older)
    assert [version for version, _ in sections(text)] == ["0.2.0", "0.1.0"]
    rebuilt = changelog_markdown("0.2.0", section, text)  # same version again: section replaced
    assert rebuilt == text


def _work_from(dist: Path, work: Path, drop_source: str | None = None) -> Path:
    """A work/ directory (tables and validation) holding a release's tables, minus one source."""
    (work / "tables").mkdir(parents=True)
    for table in TABLES:
        frame = pl.read_parquet(dist / f"{table}.parquet")
        if drop_source and "source_id" in frame.columns:
            frame = frame.filter(pl.col("source_id") != drop_source)
        frame.write_parquet(work / "tables" / f"{table}.parquet")
    shutil.copytree(dist / "validation", work / "validation")
    return work


def test_schema_change_needs_its_version(tmp_path: Path) -> None:
    """A previous release with one more column: publishing it away needs a major version."""
    work = _work_from(REPO / "dist", tmp_path / "work")
    dist = tmp_path / "dist"
    publish(work, dist, "1.0.0", tmp_path / "stamp.json")
    descriptor = json.loads((dist / "datapackage.json").read_text(encoding="utf-8"))
    for resource in descriptor["resources"]:
        if resource["name"] == "sources":
            resource["schema"]["fields"].append({"name": "language", "type": "string"})
    (dist / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")
    before = tree_digest(dist)

    with pytest.raises(VersionNotBumped, match=r"column `sources\.language` removed"):
        publish(work, dist, "1.1.0", tmp_path / "stamp.json")
    assert tree_digest(dist) == before

    publish(work, dist, "2.0.0", tmp_path / "stamp.json")
    changelog = (dist / "CHANGELOG.md").read_text(encoding="utf-8")
    assert "## 2.0.0\n\nCompared with release 1.0.0. This needs at least a major release." in (
        changelog
    )
    assert "- major: column `sources.language` removed" in changelog
    assert read_baseline(dist).version == "1.0.0"
    assert schema_changes(read_baseline(dist).schemas, model_schemas())  # the old schema kept


@pytest.mark.slow
def test_two_builds_differing_by_one_source(tmp_path: Path) -> None:
    """Build without one source, then with it under a new version: the changelog says what came."""
    copy_repository(tmp_path)
    held_back = "003_ee9505d04e93a5df"
    metadata_path = tmp_path / "raw" / "sources.yaml"
    metadata = metadata_path.read_text(encoding="utf-8")
    shutil.move(tmp_path / "raw" / f"{held_back}.txt", tmp_path / f"{held_back}.txt")
    without = {k: v for k, v in yaml.safe_load(metadata).items() if k != held_back}
    metadata_path.write_text(yaml.safe_dump(without), encoding="utf-8")
    first = snakemake(tmp_path)
    assert first.returncode == 0, first.stderr[-4000:]
    shutil.move(tmp_path / f"{held_back}.txt", tmp_path / "raw" / f"{held_back}.txt")
    metadata_path.write_text(metadata, encoding="utf-8")
    config_path = tmp_path / "config" / "config.yaml"
    config = config_path.read_text(encoding="utf-8")
    version = yaml.safe_load(config)["release_version"]
    major, minor, patch = (int(part) for part in version.split("."))
    bumped = f"{major}.{minor}.{patch + 1}"
    config_path.write_text(config.replace(f'"{version}"', f'"{bumped}"'), encoding="utf-8")
    second = snakemake(tmp_path)
    assert second.returncode == 0, second.stderr[-4000:]

    dist = tmp_path / "dist"
    changelog = (dist / "CHANGELOG.md").read_text(encoding="utf-8")
    assert [v for v, _ in sections(changelog)] == [bumped, version]
    new_section = dict(sections(changelog))[bumped]
    assert f"Compared with release {version}." in new_section
    assert "Schema: unchanged." in new_section
    assert "| sources | 3 | 4 | 1 | 0 | 0 |" in new_section
    assert f"- `{held_back}` kind `consumer_health`" in new_section
    for table in FACT_TABLES:
        for fact_id in (
            pl.read_parquet(dist / f"{table}.parquet")
            .filter(pl.col("source_id") == held_back)["fact_id"]
            .to_list()
        ):
            assert f"- `{fact_id}` source_id `{held_back}`" in new_section
    assert read_baseline(dist).version == version

    # Rebuilding the same inputs reproduces every byte, the changelog included.
    released = tree_digest(dist)
    again = snakemake(tmp_path, "--forcerun", "publish")
    assert again.returncode == 0, again.stderr[-4000:]
    assert tree_digest(dist) == released

    # Going back to the older version is refused, and dist/ stays as it was.
    config_path.write_text(config, encoding="utf-8")
    refused = snakemake(tmp_path)
    assert refused.returncode != 0
    assert f"release version {version} is lower than the previous release {bumped}" in (
        refused.stdout + refused.stderr
    )
    assert tree_digest(dist) == released
