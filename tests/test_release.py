"""The committed release in dist/: what a downloader gets is complete, valid and consistent."""

from __future__ import annotations

import json
import subprocess
import sys

import yaml
from repo_copy import REPO

from pipeline.changelog import sections
from pipeline.checksums import sums_problems
from pipeline.datapackage import verify_files
from pipeline.verify import verify_release

DIST = REPO / "dist"


def test_frictionless_accepts_the_release() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "frictionless", "validate", "--json", "datapackage.json"],
        cwd=DIST,
        capture_output=True,
        text=True,
        check=False,
    )
    report = json.loads(done.stdout)
    assert report["valid"], [e for task in report["tasks"] for e in task["errors"]][:5]


def test_every_hash_matches_and_the_release_verifies() -> None:
    descriptor = json.loads((DIST / "datapackage.json").read_text(encoding="utf-8"))
    assert verify_files(descriptor, DIST) == []
    assert sums_problems(DIST) == []
    assert verify_release(DIST).problems == []


def test_changelog_data_card_and_validation_report_are_shipped() -> None:
    for name in ("CHANGELOG.md", "README.md", "validation/report.html", "validation/result.json"):
        assert (DIST / name).is_file(), name
    card = (DIST / "README.md").read_text(encoding="utf-8")
    for needle in ("CC-BY-4.0", "value_low = value_high = X", "approximate = true", "Quarantine"):
        assert needle in card


def test_version_has_one_source() -> None:
    """config/config.yaml's release_version is the one in datapackage.json, card and changelog."""
    config = yaml.safe_load((REPO / "config" / "config.yaml").read_text(encoding="utf-8"))
    version = config["release_version"]
    descriptor = json.loads((DIST / "datapackage.json").read_text(encoding="utf-8"))
    assert descriptor["version"] == version
    card = (DIST / "README.md").read_text(encoding="utf-8")
    assert card.startswith(f"# Muscle-atrophy facts {version}\n")
    assert f"release {version}." in card
    changelog = (DIST / "CHANGELOG.md").read_text(encoding="utf-8")
    assert sections(changelog)[0][0] == version
