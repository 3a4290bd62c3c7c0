"""SHA256SUMS: the checksum list every release carries, in `sha256sum -c` format."""

from __future__ import annotations

import hashlib
from pathlib import Path

SUMS_NAME = "SHA256SUMS"
_CHUNK = 1 << 20


def sha256_of(path: Path) -> str:
    """Hex SHA-256 of a file's bytes, read in chunks."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def release_files(directory: Path) -> list[str]:
    """Every file under directory except SHA256SUMS itself, as sorted POSIX relative paths."""
    return sorted(
        p.relative_to(directory).as_posix()
        for p in directory.rglob("*")
        if p.is_file() and p.relative_to(directory).as_posix() != SUMS_NAME
    )


def sums_text(directory: Path) -> str:
    """SHA256SUMS text for every file under directory: `<hex>  <path>` lines, sorted by path."""
    return "".join(f"{sha256_of(directory / name)}  {name}\n" for name in release_files(directory))


def parse_sums(text: str, source: str = SUMS_NAME) -> dict[str, str]:
    """Hex digest by relative path from SHA256SUMS text; ValueError naming a malformed line."""
    sums: dict[str, str] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        digest, separator, name = line.partition("  ")
        if (
            not separator
            or len(digest) != 64
            or not name
            or name.startswith("/")
            or ".." in name.split("/")
        ):
            raise ValueError(
                f"{source}: line {number} is not '<sha256>  <relative path>': {line!r}"
            )
        sums[name] = digest.lower()
    return sums


def sums_problems(directory: Path) -> list[str]:
    """What in directory disagrees with its SHA256SUMS: missing, altered or unlisted files."""
    sums_path = directory / SUMS_NAME
    if not sums_path.is_file():
        return [f"{sums_path}: missing"]
    try:
        sums = parse_sums(sums_path.read_text(encoding="utf-8"), str(sums_path))
    except ValueError as error:
        return [str(error)]
    problems = []
    for name, expected in sums.items():
        path = directory / name
        if not path.is_file():
            problems.append(f"{name}: listed in {SUMS_NAME} but missing")
        elif (found := sha256_of(path)) != expected:
            problems.append(f"{name}: sha256 {found} differs from {SUMS_NAME} {expected}")
    problems += [
        f"{name}: not listed in {SUMS_NAME}"
        for name in release_files(directory)
        if name not in sums
    ]
    return problems
