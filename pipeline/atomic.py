"""Replace a directory in one step, and refuse a second writer while one is at work."""

from __future__ import annotations

import ctypes
import errno
import fcntl
import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from pipeline.errors import ReleaseInvalid

_AT_FDCWD = -100
_RENAME_EXCHANGE = 2


class Busy(ReleaseInvalid):
    """Another build holds the lock: this one is refused (the command line exits with status 3)."""


def _exchange(first: Path, second: Path) -> bool:
    """Atomically swap two paths with Linux renameat2; False where the system lacks it."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    result = renameat2(
        _AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE
    )
    if result == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.EOPNOTSUPP):
        return False
    raise OSError(code, os.strerror(code), str(first))


def _fsync(path: Path) -> None:
    """Flush one file or directory to disk."""
    descriptor = os.open(path, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _sync_tree(directory: Path) -> None:
    """Flush every file and folder under directory to disk, so a swap never exposes empty files."""
    for path in sorted(directory.rglob("*"), reverse=True):
        _fsync(path)
    _fsync(directory)


def replace_directory(staged: Path, target: Path) -> None:
    """Make `staged` the new `target` in one step; the old content is deleted afterwards.

    The staged tree is flushed to disk first, and the parent folder after the swap, so that a
    crash or power loss leaves `target` either the old release or the new one, complete.
    """
    _sync_tree(staged)
    retired: Path | None = None
    if target.exists() and _exchange(staged, target):
        retired = staged
    elif target.exists():
        # Without renameat2: two renames, with a window where target is absent but never partial.
        retired = target.with_name(f".{target.name}-retired-{os.getpid()}")
        os.rename(target, retired)
        os.rename(staged, target)
    else:
        os.rename(staged, target)
    _fsync(target.parent)
    if retired is not None:
        shutil.rmtree(retired)


@contextmanager
def exclusive(lock_path: Path) -> Iterator[None]:
    """Hold an exclusive lock for the duration, or raise Busy at once."""
    lock_path.parent.mkdir(parents=True, exist_ok=True)
    with open(lock_path, "w") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise Busy(
                f"{lock_path}: another build is publishing this release folder; nothing was "
                "changed. Fix: wait for it to end, then run the build again"
            ) from None
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
