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

_AT_FDCWD = -100
_RENAME_EXCHANGE = 2


class Busy(Exception):
    """Another build holds the lock."""


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


def replace_directory(staged: Path, target: Path) -> None:
    """Make `staged` the new `target` in one step; the old content is deleted afterwards."""
    if target.exists() and _exchange(staged, target):
        shutil.rmtree(staged)
        return
    if target.exists():
        # Without renameat2: two renames, with a window where target is absent but never partial.
        retired = target.with_name(f".{target.name}-retired-{os.getpid()}")
        os.rename(target, retired)
        os.rename(staged, target)
        shutil.rmtree(retired)
    else:
        os.rename(staged, target)


@contextmanager
def exclusive(lock_path: Path) -> Iterator[None]:
    """Hold an exclusive lock for the duration, or raise Busy at once."""
    lock_path.parent.mkdir(parents=True, exist_ok=True)
    with open(lock_path, "w") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise Busy(
                f"{lock_path}: another build is publishing; try again when it ends"
            ) from None
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
