"""Running snakemake on a copy of the repository, and comparing directory trees."""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
COPIED = ["Snakefile", "config", "raw", "pipeline", "schemas", "dist", "pyproject.toml"]


def snakemake(workdir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run snakemake from this interpreter's environment in workdir."""
    return subprocess.run(
        [sys.executable, "-m", "snakemake", "--cores", "2", *args],
        cwd=workdir,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )


def tree_digest(directory: Path) -> dict[str, str]:
    """sha256 of every file under directory, by relative path."""
    return {
        p.relative_to(directory).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(directory.rglob("*"))
        if p.is_file()
    }


def copy_repository(destination: Path) -> None:
    """Copy what a build needs (sources, code, config, the committed dist/) to destination."""
    for name in COPIED:
        source = REPO / name
        if source.is_dir():
            shutil.copytree(
                source, destination / name, ignore=shutil.ignore_patterns("__pycache__")
            )
        else:
            shutil.copy2(source, destination / name)
