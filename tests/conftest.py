"""Shared fixtures: a copy of the repository where snakemake can run without touching the original."""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
_COPIED = ["Snakefile", "config", "raw", "pipeline", "schemas", "dist", "pyproject.toml"]


def snakemake(workdir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run snakemake from this interpreter's environment in workdir."""
    return subprocess.run(
        [sys.executable, "-m", "snakemake", "--cores", "2", *args],
        cwd=workdir, capture_output=True, text=True, timeout=900, check=False,
    )


def tree_digest(directory: Path) -> dict[str, str]:
    """sha256 of every file under directory, by relative path."""
    return {
        p.relative_to(directory).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(directory.rglob("*"))
        if p.is_file()
    }


@pytest.fixture(scope="session")
def built_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the repository (with the committed dist/) on which snakemake has run once."""
    copy = tmp_path_factory.mktemp("repo")
    for name in _COPIED:
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, copy / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, copy / name)
    (copy / "committed-dist").mkdir()
    shutil.copytree(REPO / "dist", copy / "committed-dist", dirs_exist_ok=True)
    result = snakemake(copy)
    assert result.returncode == 0, result.stderr[-4000:]
    return copy
