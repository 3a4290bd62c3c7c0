"""Fetch a whole published release into a directory, every file checked as it arrives.

Files are downloaded with pooch into a staging directory beside the target, each against its
sha256 in the release's SHA256SUMS, then the staging directory is verified (pipeline.verify) and
renamed to the target: the target ends up complete and verified, or is not created.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from pipeline.checksums import SUMS_NAME, parse_sums
from pipeline.load import Release, ReleaseError, download_bytes, open_release
from pipeline.verify import Verification, verify_release


def fetch_release(url: str, directory: Path, *, version: str | None = None) -> Verification:
    """Download the release at base URL `url` into the new or empty `directory` and verify it."""
    directory = directory.resolve()
    if directory.exists() and (not directory.is_dir() or any(directory.iterdir())):
        raise ReleaseError(f"{directory}: exists and is not an empty directory")
    remote = open_release(url, version=version)
    sums_url = remote.location + SUMS_NAME
    sums_bytes = download_bytes(sums_url)
    try:
        sums = parse_sums(sums_bytes.decode("utf-8"), sums_url)
    except (UnicodeDecodeError, ValueError) as error:
        raise ReleaseError(f"{sums_url}: not a checksum list ({error})") from error
    staged = directory.with_name(f".{directory.name}-fetching-{os.getpid()}")
    shutil.rmtree(staged, ignore_errors=True)
    try:
        into = Release(remote.location, remote.descriptor, staged)
        for name, digest in sums.items():
            into.file(name, digest)
        (staged / SUMS_NAME).write_bytes(sums_bytes)
        verification = verify_release(staged, version)
        if not verification.ok:
            raise ReleaseError(
                f"{remote.location}: the fetched release does not verify:\n  "
                + "\n  ".join(verification.problems)
            )
        if directory.exists():
            directory.rmdir()
        directory.parent.mkdir(parents=True, exist_ok=True)
        os.rename(staged, directory)
    except BaseException:
        shutil.rmtree(staged, ignore_errors=True)
        raise
    return Verification(directory, verification.version, verification.files, [])
