"""Bad input through a real snakemake run on a copy of the repository.

Every refused input stops the build with a message naming the file, the position and the fix, and
leaves dist/ byte-identical; the accepted oddities (BOM, CRLF, Unicode spaces, dashes and quotes,
very long lines) build with exact offsets; a figure that breaks its schema is quarantined; the
`on_unreadable: skip` switch leaves unreadable texts out and lists them in the release.
"""

from __future__ import annotations

import codecs
import json
import os
import shutil
from collections.abc import Callable
from pathlib import Path

import polars as pl
import pytest
from repo_copy import snakemake, tree_digest

pytestmark = pytest.mark.slow

SOURCE = "000_344888a0673adde0"  # a seed text of the repository
PARSE = "InputError in file"  # refused while snakemake reads the Snakefile (discovery)
STEP = "exit status 2"  # refused by a pipeline step: input errors exit with status 2


@pytest.fixture(scope="module")
def repo(built_copy: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A private copy of the built repository, so the session's copy stays as it was."""
    copy = tmp_path_factory.mktemp("bad_input") / "repo"
    shutil.copytree(built_copy, copy, symlinks=True)
    shutil.copytree(copy / "raw", copy.parent / "pristine-raw")
    return copy


@pytest.fixture
def pristine(repo: Path):
    """Restore raw/ and the config after each test, byte for byte and with their times."""
    config = (repo / "config" / "config.yaml").read_bytes()
    yield repo
    raw = repo / "raw"
    if raw.is_symlink():
        raw.unlink()
    else:
        shutil.rmtree(raw)
    shutil.copytree(repo.parent / "pristine-raw", raw)
    (repo / "config" / "config.yaml").write_bytes(config)


def writes(name: str, content: bytes) -> Callable[[Path], object]:
    return lambda repo: (repo / "raw" / name).write_bytes(content)


def links(name: str, target: Callable[[Path], Path]) -> Callable[[Path], object]:
    def make(repo: Path) -> None:
        (repo / "raw" / name).unlink(missing_ok=True)
        (repo / "raw" / name).symlink_to(target(repo))

    return make


def outside_file(repo: Path) -> Path:
    outside = repo.parent / "outside.txt"
    outside.write_text("A text that lives outside the repository.\n")
    return outside


def raw_outside(repo: Path) -> None:
    elsewhere = repo.parent / "elsewhere"
    shutil.copytree(repo / "raw", elsewhere, dirs_exist_ok=True)
    shutil.rmtree(repo / "raw")
    (repo / "raw").symlink_to(elsewhere)


def metadata(text: str) -> Callable[[Path], object]:
    return writes("sources.yaml", text.encode())


CASES = {
    "empty text": (writes("zz.txt", b""), STEP, "raw/zz.txt: is empty. Fix: add the text"),
    "whitespace only": (
        writes("zz.txt", " \r\n\t\u00a0\u3000\n".encode()),
        STEP,
        "raw/zz.txt: holds only whitespace. Fix: add the text, or remove the file",
    ),
    "invalid UTF-8": (
        writes("zz.txt", "Amyotrophic\nCafé au lait".encode("latin-1")),
        STEP,
        "raw/zz.txt: byte 15 (line 2, column 4): is not valid UTF-8 (invalid continuation byte, "
        "bytes e9). Fix: re-save the file as UTF-8",
    ),
    "UTF-16": (
        writes("zz.txt", "ALS is rare.".encode("utf-16")),
        STEP,
        "raw/zz.txt: byte 0: the text is UTF-16-encoded (byte-order mark at byte 0). Fix: "
        "re-save the file as UTF-8",
    ),
    "UTF-16 without BOM": (
        writes("zz.txt", "ALS is rare.".encode("utf-16-le")),
        STEP,
        "raw/zz.txt: byte 1 (line 1, column 2): contains a NUL byte: binary content or UTF-16/32 "
        "text. Fix: re-save the file as plain UTF-8 text",
    ),
    "binary": (
        writes("zz.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"),
        STEP,
        "raw/zz.txt: byte 8 (line 3, column 1): contains a NUL byte",
    ),
    "name with a space": (
        writes("Bad Name.txt", b"ALS is rare."),
        PARSE,
        "raw/Bad Name.txt: file name 'Bad Name' is not a valid source_id "
        "(^[a-z0-9][a-z0-9_-]*$). Fix: rename it with lower-case letters, digits",
    ),
    "name not UTF-8": (
        writes(os.fsdecode(b"caf\xe9.txt"), b"ALS is rare."),
        PARSE,
        r"raw/caf\udce9.txt: file name 'caf\udce9' is not a valid source_id",
    ),
    "not a .txt file": (
        writes("notes.md", b"ALS is rare."),
        PARSE,
        "raw/notes.md: is not a .txt file. Fix: save the text as raw/<source_id>.txt, UTF-8",
    ),
    "a folder": (
        lambda repo: (repo / "raw" / "zz.txt").mkdir(),
        PARSE,
        "raw/zz.txt: is not a regular file. Fix: raw/ holds only <source_id>.txt files",
    ),
    "link to a file outside": (
        links("zz.txt", outside_file),
        PARSE,
        "raw/zz.txt: is a symbolic link (to ",
    ),
    "linked sources.yaml": (
        links("sources.yaml", outside_file),
        PARSE,
        "raw/sources.yaml: is a symbolic link (to ",
    ),
    "raw/ outside the repository": (raw_outside, PARSE, "outside the repository"),
    "metadata not YAML": (
        metadata(f"{SOURCE}:\n  title: [unclosed\n"),
        STEP,
        "raw/sources.yaml: line 3, column 1: is not valid YAML: expected ',' or ']', but got "
        "'<stream end>'. Fix: correct the YAML syntax at that position",
    ),
    "metadata unknown key": (
        metadata(f"{SOURCE}:\n  title: T\n  colour: red\n"),
        STEP,
        f"raw/sources.yaml: line 3, column 3 (entry '{SOURCE}', key 'colour'): unknown key "
        "'colour'. Fix: use only title, publisher, url, kind, published, commercial_interest",
    ),
    "metadata wrong type": (
        metadata(f"{SOURCE}:\n  commercial_interest: sometimes\n"),
        STEP,
        f"line 2, column 3 (entry '{SOURCE}', key 'commercial_interest'): commercial_interest "
        "must be true or false, not 'sometimes'",
    ),
    "metadata impossible date": (
        metadata(f"{SOURCE}:\n  published: 2023-02-30\n"),
        STEP,
        "raw/sources.yaml: line 2, column 14: impossible date '2023-02-30' (day is out of range "
        "for month). Fix: write a real date as YYYY-MM-DD",
    ),
    "metadata for a missing text": (
        metadata("ghost:\n  title: Nobody\n"),
        STEP,
        "raw/sources.yaml: line 1, column 1 (entry 'ghost'): has an entry for 'ghost', but "
        "raw/ghost.txt does not exist. Fix: remove the entry",
    ),
    "metadata twice for a text": (
        metadata(f"{SOURCE}:\n  title: A\n{SOURCE}:\n  title: B\n"),
        STEP,
        f"line 3, column 1 (the list of sources): '{SOURCE}' is written twice (first on line 1)",
    ),
    "metadata not UTF-8": (
        writes("sources.yaml", f"{SOURCE}:\n  title: Café\n".encode("latin-1")),
        STEP,
        "raw/sources.yaml: byte 34 (line 2, column 13): is not valid UTF-8",
    ),
}


@pytest.mark.parametrize("case", CASES)
def test_bad_input_stops_the_build_naming_file_position_and_fix(pristine: Path, case: str):
    make, where, message = CASES[case]
    before = tree_digest(pristine / "dist")
    make(pristine)
    result = snakemake(pristine)
    output = result.stdout + result.stderr
    assert result.returncode == 1, output[-3000:]
    assert where in output, output[-3000:]
    assert message in output, output[-3000:]
    assert tree_digest(pristine / "dist") == before


# --- accepted: odd but valid texts build, offsets exact; a broken figure is quarantined ---------

LONG_LINE = "Muscle tissue changes slowly over many years. " * 25_000  # ~1.2 MB, no line break
ODD_TEXT = (
    "\u201cMotor neuron disease\u201d \u2014 an overview\r\n\r\n"
    f"{LONG_LINE}\r\n"
    "Amyotrophic lateral sclerosis (ALS) affects motor neurons\u00a0in the brain 𝑥🙂.\r\n"
    "Around five\u2009to\u2009ten percent of ALS cases are familial.\r\n"
    "Guillain\u2013Barr\u00e9 syndrome affects about 1 in 100,000\u202fpeople each year in the "
    "U.S.\r\n"
)
OVERFLOW_TEXT = (
    "Amyotrophic lateral sclerosis (ALS) is rare.\nAbout 150% of ALS cases are familial.\n"
)


@pytest.fixture(scope="module")
def odd_build(repo: Path) -> tuple[Path, str]:
    """The copy built with an odd-but-valid text and a text stating an impossible share."""
    build = repo.parent / "odd"
    shutil.copytree(repo, build, symlinks=True)
    (build / "raw" / "zz_odd.txt").write_bytes(codecs.BOM_UTF8 + ODD_TEXT.encode())
    (build / "raw" / "zz_overflow.txt").write_text(OVERFLOW_TEXT, encoding="utf-8")
    result = snakemake(build)
    assert result.returncode == 0, result.stderr[-4000:]
    return build, result.stdout + result.stderr


def rows_of(dist: Path, table: str, source_id: str) -> list[dict[str, object]]:
    frame = pl.read_parquet(dist / f"{table}.parquet")
    return frame.filter(pl.col("source_id") == source_id).to_dicts()


def test_bom_crlf_unicode_spaces_and_long_lines_build_with_exact_offsets(odd_build):
    build, _ = odd_build
    dist = build / "dist"
    (source,) = rows_of(dist, "sources", "zz_odd")
    assert source["n_chars"] == len(ODD_TEXT)  # code points after the BOM, CRLF kept
    figures = sorted(
        (row["condition_id"], row["measure"], row["value_low"], row["value_high"])
        for row in rows_of(dist, "epidemiology", "zz_odd")
    )
    assert figures == [
        ("ORPHA:2103", "incidence", pytest.approx(1e-5), pytest.approx(1e-5)),
        ("ORPHA:803", "familial_fraction", 0.05, 0.1),
    ]
    for table in ("mentions", "epidemiology"):
        evidence = "text" if table == "mentions" else "quote"
        for row in rows_of(dist, table, "zz_odd"):
            assert ODD_TEXT[row["start"] : row["end"]] == row[evidence]
    familial = next(
        r for r in rows_of(dist, "epidemiology", "zz_odd") if r["measure"].startswith("fam")
    )
    assert familial["quote"] == "Around five\u2009to\u2009ten percent of ALS cases are familial."


def test_a_figure_that_breaks_its_schema_is_quarantined_logged_and_reported(odd_build):
    build, output = odd_build
    dist = build / "dist"
    assert rows_of(dist, "epidemiology", "zz_overflow") == []
    (held,) = rows_of(dist, "quarantine", "zz_overflow")
    assert (held["table"], held["failed_column"], held["failed_check"]) == (
        "epidemiology",
        "unit,value_low,value_high",
        "proportion_within_0_1",
    )
    assert OVERFLOW_TEXT[held["start"] : held["end"]] == held["quote"]
    assert json.loads(held["row"])["value_high"] == 1.5
    assert "quarantined 1 fact rows that failed their table's schema" in output
    assert "epidemiology proportion_within_0_1: 1" in output
    assert "1 extracted rows failed their table's schema" in (dist / "README.md").read_text()


# --- the switch: on_unreadable: skip ---------------------------------------------------------------


def test_skip_mode_leaves_out_unreadable_texts_and_lists_them_in_the_release(pristine: Path):
    raw = pristine / "raw"
    (raw / "zz_empty.txt").write_bytes(b"")
    (raw / "zz_latin1.txt").write_bytes("Café au lait".encode("latin-1"))
    (raw / "zz_good.txt").write_text("Amyotrophic lateral sclerosis is rare.\n", encoding="utf-8")
    skip = ("--config", "on_unreadable=skip")

    result = snakemake(pristine, *skip)
    assert result.returncode == 0, result.stderr[-4000:]
    output = result.stdout + result.stderr
    assert "skipped (on_unreadable: skip): raw/zz_latin1.txt: byte 3 (line 1, column 4)" in output
    assert "2 unreadable source texts skipped" in output
    dist = pristine / "dist"
    listed = json.loads((dist / "validation" / "skipped_inputs.json").read_text())
    assert [(s["source_id"], s["problem"]) for s in listed] == [
        ("zz_empty", "is empty"),
        ("zz_latin1", "is not valid UTF-8 (invalid continuation byte, bytes e9)"),
    ]
    sources = set(pl.read_parquet(dist / "sources.parquet")["source_id"])
    assert "zz_good" in sources and not {"zz_empty", "zz_latin1"} & sources
    assert "validation/skipped_inputs.json" in (dist / "SHA256SUMS").read_text()
    card = (dist / "README.md").read_text(encoding="utf-8")
    assert "2 source texts could not be read and were skipped" in card
    assert "- `raw/zz_latin1.txt`: is not valid UTF-8" in card

    (raw / "zz_empty.txt").unlink()  # a text removed from raw/ leaves the list and the release
    (raw / "zz_good.txt").unlink()
    assert snakemake(pristine, *skip).returncode == 0
    listed = json.loads((dist / "validation" / "skipped_inputs.json").read_text())
    assert [s["source_id"] for s in listed] == ["zz_latin1"]
    assert "zz_good" not in set(pl.read_parquet(dist / "sources.parquet")["source_id"])

    before = tree_digest(dist)
    result = snakemake(pristine)  # the default again: the same text stops the build
    assert result.returncode == 1
    assert "raw/zz_latin1.txt: byte 3 (line 1, column 4): is not valid UTF-8" in result.stderr
    assert tree_digest(dist) == before
