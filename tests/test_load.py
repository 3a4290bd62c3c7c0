"""The loader and the fetch/verify commands, against the committed release served on loopback."""

from __future__ import annotations

import http.server
import shutil
import threading
from collections.abc import Iterator
from functools import partial
from pathlib import Path

import pandas as pd
import polars as pl
import pytest
from repo_copy import REPO

from pipeline.checksums import sums_text
from pipeline.cli import main
from pipeline.datapackage import build_descriptor, column_dtypes, write_descriptor
from pipeline.load import ReleaseError, load, open_release
from pipeline.publish import package_sources
from pipeline.tableio import write_parquet
from pipeline.verify import verify_release
from schemas.models import TABLES

DIST = REPO / "dist"


class _Quiet(http.server.SimpleHTTPRequestHandler):
    """Serves a directory, records the paths asked for, logs nothing."""

    requested: list[str]

    def log_message(self, format: str, *args: object) -> None:
        self.requested.append(self.path)


@pytest.fixture
def release(tmp_path: Path) -> Path:
    """A copy of the committed release, to serve and to tamper with."""
    shutil.copytree(DIST, tmp_path / "release")
    return tmp_path / "release"


@pytest.fixture
def served(release: Path) -> Iterator[tuple[str, list[str]]]:
    """The release copy over HTTP on 127.0.0.1 (port chosen by the system): base URL, requests."""
    requested: list[str] = []
    handler = type("Handler", (_Quiet,), {"requested": requested})
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), partial(handler, directory=str(release))
    )
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/", requested
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def _tamper(path: Path) -> None:
    """Flip one byte in the middle of the file (same size)."""
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0x01
    path.write_bytes(bytes(data))


def test_every_table_loads_over_http_with_both_backends(
    served: tuple[str, list[str]], tmp_path: Path
) -> None:
    url, requested = served
    cache = tmp_path / "cache"
    release = open_release(url, cache=cache)
    assert release.tables == list(TABLES)
    for table in TABLES:
        expected = pl.read_parquet(DIST / f"{table}.parquet")
        frame = load(table, url, cache=cache)
        assert isinstance(frame, pl.DataFrame)
        assert frame.schema == column_dtypes(table)
        assert frame.equals(expected)
        pandas = load(table, url, "pandas", cache=cache, version=release.version)
        assert isinstance(pandas, pd.DataFrame)
        assert list(pandas.columns) == list(column_dtypes(table))
        assert pandas.attrs == {"table": table, "release_version": release.version}
        assert pl.from_pandas(pandas).equals(expected)
    # Each table was downloaded once; later loads read the verified cache.
    parquet = [path for path in requested if path.endswith(".parquet")]
    assert sorted(parquet) == sorted(f"/{table}.parquet" for table in TABLES)
    assert (cache / release.version / "epidemiology.parquet").is_file()


def test_pandas_keeps_the_contract_types() -> None:
    sources = load("sources", DIST, "pandas")
    assert str(sources["published"].dtype) == "date32[day][pyarrow]"
    assert str(sources["commercial_interest"].dtype) == "bool[pyarrow]"
    conditions = load("conditions", DIST, "pandas")
    assert "list<" in str(conditions["synonyms"].dtype)


def test_tampered_byte_is_refused_and_not_cached(
    served: tuple[str, list[str]], release: Path, tmp_path: Path
) -> None:
    url, _ = served
    _tamper(release / "epidemiology.parquet")
    cache = tmp_path / "cache"
    with pytest.raises(ReleaseError, match=r"epidemiology\.parquet: refused, its sha256 does not"):
        load("epidemiology", url, cache=cache)
    assert [p for p in cache.rglob("*") if p.is_file()] == []
    assert load("inheritance", url, cache=cache).height > 0  # the other tables still load
    with pytest.raises(ReleaseError, match=r"epidemiology\.parquet: sha256 [0-9a-f]+ does not"):
        load("epidemiology", release)  # a local directory is checked the same way


def test_missing_file_and_wrong_version_are_named(
    served: tuple[str, list[str]], release: Path, tmp_path: Path
) -> None:
    url, _ = served
    (release / "diagnostic_tests.parquet").unlink()
    with pytest.raises(ReleaseError, match=r"diagnostic_tests\.parquet: could not download.*404"):
        load("diagnostic_tests", url, cache=tmp_path)
    with pytest.raises(ReleaseError, match=r"diagnostic_tests\.parquet: missing from the release"):
        load("diagnostic_tests", release)
    version = open_release(release).version
    with pytest.raises(ReleaseError, match=f"release version is {version}, not the 9.9.9 asked"):
        load("epidemiology", url, version="9.9.9", cache=tmp_path)
    with pytest.raises(ReleaseError, match="has no table 'treatments'; it has sources, "):
        load("treatments", release)
    with pytest.raises(ReleaseError, match="could not download"):
        load("sources", url + "no-such-release/", cache=tmp_path)


def test_fetch_and_verify_commands(
    served: tuple[str, list[str]], release: Path, tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    url, _ = served
    target = tmp_path / "fetched"
    assert main(["fetch", url, str(target)]) == 0
    version = open_release(release).version
    assert f"fetched release {version}" in capsys.readouterr().out
    assert sums_text(target) == (release / "SHA256SUMS").read_text(encoding="utf-8")
    assert main(["verify", str(target), "--version", version]) == 0

    _tamper(target / "validation" / "report.html")
    assert main(["verify", str(target)]) == 3
    assert "validation/report.html: sha256" in capsys.readouterr().err

    _tamper(release / "mentions.csv")
    assert main(["fetch", url, str(tmp_path / "second")]) == 3
    assert "mentions.csv: refused" in capsys.readouterr().err
    assert not (tmp_path / "second").exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_verify_checks_the_schemas(release: Path) -> None:
    """A table with a value outside its vocabulary fails even with consistent checksums."""
    inheritance = pl.read_parquet(release / "inheritance.parquet")
    write_parquet(
        inheritance.with_columns(pl.lit("dominant").alias("mode")), release / "inheritance.parquet"
    )
    sources = pl.read_parquet(release / "sources.parquet").to_dicts()
    version = open_release(release).version
    write_descriptor(
        build_descriptor(release, version, package_sources(sources)),
        release / "datapackage.json",
    )
    (release / "SHA256SUMS").write_text(sums_text(release), encoding="utf-8")
    problems = verify_release(release).problems
    assert problems and all(p.startswith("inheritance.parquet: inheritance.mode") for p in problems)
