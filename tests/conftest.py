"""Shared fixtures: a copy of the repository where snakemake can run without touching the original."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from repo_copy import REPO, copy_repository, snakemake


@pytest.fixture(scope="session")
def built_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the repository (with the committed dist/) on which snakemake has run once."""
    copy = tmp_path_factory.mktemp("repo")
    copy_repository(copy)
    (copy / "committed-dist").mkdir()
    shutil.copytree(REPO / "dist", copy / "committed-dist", dirs_exist_ok=True)
    result = snakemake(copy)
    assert result.returncode == 0, result.stderr[-4000:]
    return copy
