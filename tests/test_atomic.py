"""Atomic publishing: dist/ is the old release or the new one, never a mix; one writer at a time."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from repo_copy import snakemake, tree_digest

import pipeline.atomic
from pipeline.atomic import Busy, exclusive, replace_directory
from pipeline.errors import ReleaseInvalid


def make_tree(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text)
    return root


@pytest.mark.parametrize("renameat2", [True, False], ids=["renameat2", "two-renames"])
def test_replace_directory_swaps_in_the_new_tree_and_removes_the_old(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, renameat2: bool
):
    if not renameat2:
        monkeypatch.setattr(pipeline.atomic, "_exchange", lambda first, second: False)
    target = make_tree(tmp_path / "dist", {"a.csv": "old", "gone.csv": "old"})
    staged = make_tree(tmp_path / ".dist-staging", {"a.csv": "new", "sub/b.csv": "new"})
    replace_directory(staged, target)
    assert tree_digest(target) == tree_digest(
        make_tree(tmp_path / "want", {"a.csv": "new", "sub/b.csv": "new"})
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == ["dist", "want"]


def test_replace_directory_creates_a_missing_target(tmp_path: Path):
    staged = make_tree(tmp_path / ".dist-staging", {"a.csv": "new"})
    replace_directory(staged, tmp_path / "dist")
    assert (tmp_path / "dist" / "a.csv").read_text() == "new"
    assert not staged.exists()


def test_a_second_writer_is_refused_at_once_and_may_try_again_later(tmp_path: Path):
    lock = tmp_path / ".dist.lock"
    with (
        exclusive(lock),
        pytest.raises(Busy, match="another build is publishing") as refused,
        exclusive(lock),
    ):
        pass
    assert isinstance(refused.value, ReleaseInvalid)  # the command line exits with 3
    with exclusive(lock):
        pass


# --- the publish step of a built copy of the repository, in a process of its own ---------------


@pytest.fixture
def repo(built_copy: Path, tmp_path: Path) -> Path:
    """A private copy of the built repository (work/ and dist/ included)."""
    copy = tmp_path / "repo"
    shutil.copytree(built_copy, copy, symlinks=True)
    return copy


def publish_command(version: str) -> list[str]:
    return [
        sys.executable,
        *("-m", "pipeline", "publish", "--work", "work", "--dist", "dist"),
        *("--version", version, "--stamp", "work/published.json"),
    ]


@pytest.mark.slow
@pytest.mark.parametrize("files_written", [0, 1, 8])
def test_publish_killed_midway_leaves_the_previous_release_byte_identical(
    repo: Path, files_written: int
):
    before = tree_digest(repo / "dist")
    process = subprocess.Popen(
        publish_command("0.2.0"), cwd=repo, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    deadline = time.monotonic() + 120
    while process.poll() is None and time.monotonic() < deadline:
        staged = list(repo.glob(".dist-staging-*"))
        if staged and sum(1 for p in staged[0].rglob("*") if p.is_file()) >= files_written:
            process.send_signal(signal.SIGKILL)
            break
        time.sleep(0.0005)
    assert process.wait() == -signal.SIGKILL, "publish ended before it could be killed"
    (staged,) = repo.glob(".dist-staging-*")
    assert not (staged / "SHA256SUMS").exists()  # killed while the new release was half written
    assert tree_digest(repo / "dist") == before

    finished = subprocess.run(publish_command("0.2.0"), cwd=repo, capture_output=True, text=True)
    assert finished.returncode == 0, finished.stderr
    assert list(repo.glob(".dist-staging-*")) == []  # the next publish removed the killed one's
    verified = subprocess.run(
        [sys.executable, "-m", "pipeline", "verify", "dist", "--version", "0.2.0"],
        cwd=repo,
        capture_output=True,
        text=True,
    )
    assert verified.returncode == 0, verified.stderr + verified.stdout


@pytest.mark.slow
def test_publish_while_another_build_publishes_is_refused_and_changes_nothing(repo: Path):
    before = tree_digest(repo / "dist")
    with exclusive(repo / ".dist.lock"):
        refused = subprocess.run(publish_command("0.2.0"), cwd=repo, capture_output=True, text=True)
    assert refused.returncode == 3
    assert "another build is publishing this release folder; nothing was changed" in refused.stderr
    assert "Traceback" not in refused.stderr
    assert tree_digest(repo / "dist") == before
    assert not list(repo.glob(".dist-staging-*"))


@pytest.mark.slow
def test_a_second_snakemake_in_the_same_folder_is_refused(repo: Path):
    before = tree_digest(repo / "dist")
    first = subprocess.Popen(
        [sys.executable, "-m", "snakemake", "--cores", "2", "--forcerun", "publish"],
        cwd=repo,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 120
        while not list((repo / ".snakemake" / "locks").glob("*.lock")):
            assert first.poll() is None and time.monotonic() < deadline, "first build never locked"
            time.sleep(0.01)
        os.killpg(first.pid, signal.SIGSTOP)  # hold the first build while it has the folder
        second = snakemake(repo)
        assert second.returncode == 1
        assert "Directory cannot be locked" in second.stdout + second.stderr
    finally:
        os.killpg(first.pid, signal.SIGCONT)
    assert first.wait(timeout=300) == 0
    assert tree_digest(repo / "dist") == before
