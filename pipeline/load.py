"""Load a table of a release as a DataFrame, from a local dist/ directory or a release's base URL.

    from pipeline.load import load
    facts = load("epidemiology", "https://example.org/muscle-atrophy-facts/0.2.0/")

Every file is checked against the sha256 that the release's datapackage.json gives before it is
read. Remote files are downloaded with pooch into a cache, one folder per release version (the
`cache` argument, else $MUSCLE_ATROPHY_FACTS_CACHE, else the user's cache folder); a download
whose checksum does not match is refused and nothing of it stays in the cache. The descriptor
itself is fetched afresh each time, so a republished release is seen at once.
"""

from __future__ import annotations

import io
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import polars as pl
import pooch
import requests

from pipeline.checksums import sha256_of
from pipeline.datapackage import DESCRIPTOR_NAME, column_dtypes, resource_name
from pipeline.errors import ReleaseInvalid
from schemas.models import TABLES

if TYPE_CHECKING:
    import pandas as pd

CACHE_ENV = "MUSCLE_ATROPHY_FACTS_CACHE"
Backend = Literal["polars", "pandas"]


class ReleaseError(ReleaseInvalid):
    """A release that cannot be used as asked: unreachable, incomplete, altered or another version."""


def is_url(release: str | Path) -> bool:
    """True when release names an HTTP(S) location rather than a local directory."""
    return str(release).startswith(("http://", "https://"))


def download_bytes(url: str) -> bytes:
    """The body of a URL (for the small, unhashed root files); ReleaseError when unreachable."""
    buffer = io.BytesIO()
    try:
        pooch.HTTPDownloader()(url, buffer, None)
    except requests.exceptions.RequestException as error:
        raise ReleaseError(f"{url}: could not download ({error})") from error
    return buffer.getvalue()


@dataclass(frozen=True)
class Release:
    """A release at a location (a directory, or a base URL ending in '/') and its descriptor.

    `cache` is where remote files are downloaded to (unused for a local release).
    """

    location: str
    descriptor: dict[str, Any]
    cache: Path

    @property
    def version(self) -> str:
        """The release's semantic version, from its datapackage.json."""
        return str(self.descriptor["version"])

    @property
    def tables(self) -> list[str]:
        """Names of the tables the release publishes."""
        return [r["name"] for r in self.descriptor["resources"] if r.get("format") == "csv"]

    def file(self, name: str, sha256: str) -> Path:
        """A local copy of the release's file `name` whose SHA-256 is `sha256`; ReleaseError if not."""
        if not is_url(self.location):
            path = Path(self.location) / name
            if not path.is_file():
                raise ReleaseError(f"{path}: missing from the release")
            if (found := sha256_of(path)) != sha256:
                raise ReleaseError(
                    f"{path}: sha256 {found} does not match {sha256} in the release's "
                    f"{DESCRIPTOR_NAME}; the file was altered or belongs to another release"
                )
            return path
        fetcher = pooch.create(
            path=self.cache, base_url=self.location, registry={name: f"sha256:{sha256}"}
        )
        url = self.location + name
        try:
            return Path(fetcher.fetch(name))
        except ValueError as error:  # pooch: hash mismatch, download already deleted
            (self.cache / name).unlink(missing_ok=True)
            raise ReleaseError(
                f"{url}: refused, its sha256 does not match {sha256} in the release's "
                f"{DESCRIPTOR_NAME} (nothing was kept in {self.cache}): {error}"
            ) from error
        except requests.exceptions.RequestException as error:
            (self.cache / name).unlink(missing_ok=True)
            raise ReleaseError(f"{url}: could not download ({error})") from error

    def table_file(self, table: str) -> Path:
        """A verified local copy of the table's Parquet file."""
        resources = {r["name"]: r for r in self.descriptor["resources"]}
        resource = resources.get(resource_name(table, "parquet"))
        if resource is None:
            raise ReleaseError(
                f"{self.location}: release {self.version} has no table {table!r}; "
                f"it has {', '.join(self.tables)}"
            )
        return self.file(resource["path"], str(resource["hash"]).removeprefix("sha256:"))

    def load(self, table: str, backend: Backend = "polars") -> pl.DataFrame | pd.DataFrame:
        """The table with the contract's dtypes, as a polars or pandas (Arrow-backed) DataFrame."""
        if backend not in ("polars", "pandas"):
            raise ValueError(f"backend must be 'polars' or 'pandas', not {backend!r}")
        frame = conform(pl.read_parquet(self.table_file(table)), table, self.location)
        if backend == "polars":
            return frame
        result = frame.to_pandas(use_pyarrow_extension_array=True)
        result.attrs.update({"table": table, "release_version": self.version})
        return result


def conform(frame: pl.DataFrame, table: str, location: str) -> pl.DataFrame:
    """The frame with the contract's columns first, in order and dtype; later columns kept as read.

    A table the installed contract does not know (from a newer release) is returned as read.
    """
    if table not in TABLES:
        return frame
    dtypes = column_dtypes(table)
    missing = [name for name in dtypes if name not in frame.columns]
    if missing:
        raise ReleaseError(
            f"{location}: table {table} lacks the columns {', '.join(missing)} of the installed "
            "data contract; load it with the package version that matches the release"
        )
    extra = [name for name in frame.columns if name not in dtypes]
    try:
        return frame.select(*(pl.col(name).cast(dtype) for name, dtype in dtypes.items()), *extra)
    except pl.exceptions.PolarsError as error:
        raise ReleaseError(
            f"{location}: table {table} does not fit the contract: {error}"
        ) from error


def _default_cache() -> Path:
    return Path(os.environ.get(CACHE_ENV) or pooch.os_cache("muscle-atrophy-facts"))


def open_release(
    release: str | Path, *, version: str | None = None, cache: str | Path | None = None
) -> Release:
    """The release at a directory or base URL; ReleaseError when its version is not `version`."""
    location = str(release)
    if is_url(location):
        location = location.rstrip("/") + "/"
        source = location + DESCRIPTOR_NAME
        raw = download_bytes(source)
    else:
        source = str(Path(location) / DESCRIPTOR_NAME)
        if not Path(source).is_file():
            raise ReleaseError(f"{source}: missing; {location} is not a release directory")
        raw = Path(source).read_bytes()
    try:
        descriptor = json.loads(raw)
        found = str(descriptor["version"])
    except (ValueError, KeyError, TypeError) as error:
        raise ReleaseError(f"{source}: not a release descriptor ({error})") from error
    if version is not None and found != version:
        raise ReleaseError(f"{location}: release version is {found}, not the {version} asked for")
    return Release(location, descriptor, Path(cache or _default_cache()) / found)


def load(
    table: str,
    release: str | Path,
    backend: Backend = "polars",
    *,
    version: str | None = None,
    cache: str | Path | None = None,
) -> pl.DataFrame | pd.DataFrame:
    """One table of the release at a directory or base URL, checksum-verified, contract dtypes.

    With `version`, a release of any other version is refused. The pandas frame is Arrow-backed
    (nullable booleans, dates and lists kept) and carries the version in `attrs`.
    """
    return open_release(release, version=version, cache=cache).load(table, backend)
