"""Ingest refuses bad inputs with the file, the position and the fix, and keeps offsets exact."""

import codecs
import json
import os
from pathlib import Path

import polars as pl
import pytest

from pipeline.errors import InputError
from pipeline.ingest import decode_source, discover_sources, read_metadata, read_source
from pipeline.skipped import read_skipped, shard_list_path
from pipeline.steps import write_docs


def test_decodes_utf8_and_drops_a_bom_keeping_crlf():
    assert (
        decode_source(codecs.BOM_UTF8 + "Héllo\r\nworld".encode(), "raw/a.txt") == "Héllo\r\nworld"
    )


def test_keeps_every_code_point_so_offsets_stay_exact():
    text = "ALS\u00a0affects\u2009about 1\u202fin 50,000 \u2014 \u201cnearly\u201d all\u3000adults.\r\n𝑥🙂"
    assert decode_source(text.encode(), "raw/a.txt") == text
    assert decode_source(codecs.BOM_UTF8 + text.encode(), "raw/a.txt") == text


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (b"", "raw/bad.txt: is empty. Fix: add the text"),
        (b" \n\t\r\n", "raw/bad.txt: holds only whitespace"),
        ("\u00a0\u3000\n".encode(), "raw/bad.txt: holds only whitespace"),
        (codecs.BOM_UTF8, "raw/bad.txt: is empty"),
        (b"ok\n\xffbad", "raw/bad.txt: byte 3 (line 2, column 1): is not valid UTF-8"),
        ("é\nçà".encode() + b"\xc3(", "byte 7 (line 2, column 3): is not valid UTF-8"),
        ("text".encode("utf-16"), "raw/bad.txt: byte 0: the text is UTF-16-encoded"),
        ("text".encode("utf-32"), "raw/bad.txt: byte 0: the text is UTF-32-encoded"),
        ("text".encode("utf-16-le"), "byte 1 (line 1, column 2): contains a NUL byte"),
        (b"PK\x03\x04\x00\x00binary", "byte 4 (line 1, column 5): contains a NUL byte"),
    ],
)
def test_refuses_unreadable_text(raw, expected):
    with pytest.raises(InputError) as error:
        decode_source(raw, "raw/bad.txt")
    assert expected in str(error.value)
    assert "Fix: " in str(error.value)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A repository folder with raw/ holding one good text and an empty sources.yaml."""
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "good_1.txt").write_text("x")
    (raw / "sources.yaml").write_text("")
    (raw / ".gitkeep").write_text("")
    return tmp_path


def test_discovery_lists_valid_texts_and_ignores_hidden_files(repo: Path):
    assert discover_sources(repo / "raw", repo) == ["good_1"]


@pytest.mark.parametrize(
    ("make", "expected"),
    [
        (
            lambda raw: (raw / "Bad Name.txt").write_text("x"),
            "raw/Bad Name.txt: file name 'Bad Name' is not a valid source_id",
        ),
        (lambda raw: (raw / "notes.md").write_text("x"), "raw/notes.md: is not a .txt file"),
        (lambda raw: (raw / "sub.txt").mkdir(), "raw/sub.txt: is not a regular file"),
        (lambda raw: os.mkfifo(raw / "pipe.txt"), "raw/pipe.txt: is not a regular file"),
        (
            lambda raw: (raw / "linked.txt").symlink_to(raw.parent / "outside.txt"),
            "raw/linked.txt: is a symbolic link (to ",
        ),
        (
            lambda raw: (raw / "alias.txt").symlink_to(raw / "good_1.txt"),
            "raw/alias.txt: is a symbolic link",
        ),
        (
            lambda raw: os.mkfifo(raw / os.fsdecode(b"caf\xe9.txt")),
            r"raw/caf\udce9.txt: is not a regular file",
        ),
    ],
)
def test_discovery_refuses_what_is_not_a_source_text(repo: Path, make, expected):
    (repo / "outside.txt").write_text("secret")
    make(repo / "raw")
    with pytest.raises(InputError) as error:
        discover_sources(repo / "raw", repo)
    assert str(error.value).startswith(expected)
    assert "Fix: " in str(error.value)


def test_discovery_refuses_a_linked_sources_yaml(repo: Path):
    (repo / "elsewhere.yaml").write_text("")
    (repo / "raw" / "sources.yaml").unlink()
    (repo / "raw" / "sources.yaml").symlink_to(repo / "elsewhere.yaml")
    with pytest.raises(InputError, match=r"^raw/sources\.yaml: is a symbolic link"):
        discover_sources(repo / "raw", repo)


def test_discovery_refuses_a_raw_folder_outside_the_repository(tmp_path: Path, repo: Path):
    inside = tmp_path / "checkout"
    inside.mkdir()
    (inside / "raw").symlink_to(repo / "raw")
    with pytest.raises(InputError, match="outside the repository"):
        discover_sources(inside / "raw", inside)


def test_reading_refuses_a_link_swapped_in_after_discovery(repo: Path):
    (repo / "outside.txt").write_text("secret")
    (repo / "raw" / "good_1.txt").unlink()
    (repo / "raw" / "good_1.txt").symlink_to(repo / "outside.txt")
    with pytest.raises(InputError, match=r"^raw/good_1\.txt: is a symbolic link"):
        read_source(repo / "raw", "good_1")


def test_reading_a_vanished_text_names_it(repo: Path):
    with pytest.raises(InputError, match=r"^raw/gone\.txt: cannot be opened \(No such file"):
        read_source(repo / "raw", "gone")


@pytest.mark.parametrize(
    ("yaml_text", "expected"),
    [
        ("a:\n  title: [unclosed\n", "line 3, column 1: is not valid YAML"),
        (
            "a:\n  published: 2023-02-30\n",
            "line 2, column 14: impossible date '2023-02-30' (day is out of range for month)",
        ),
        ("a:\n  published: 2023-13-01\n", "line 2, column 14: impossible date '2023-13-01'"),
        (
            "a:\n  colour: red\n",
            "line 2, column 3 (entry 'a', key 'colour'): unknown key 'colour'",
        ),
        ("a:\n  commercial_interest: yes please\n", "commercial_interest must be true or false"),
        ("a:\n  commercial_interest: 1\n", "commercial_interest must be true or false, not 1"),
        ("a:\n  published: last year\n", "published must be a date written YYYY-MM-DD"),
        ("a:\n  published: 2020-01-02 10:00:00\n", "published must be a date written YYYY-MM-DD"),
        ("a:\n  title: 2020\n", "line 2, column 3 (entry 'a', key 'title'): title must be text"),
        ("a:\n  kind: tabloid\n", "kind 'tabloid' is not in the vocabulary"),
        ("a:\n  url: www.example.org\n", "url 'www.example.org' is not an http(s) URL"),
        (
            "ghost:\n  title: x\n",
            "line 1, column 1 (entry 'ghost'): has an entry for 'ghost', but raw/ghost.txt does "
            "not exist",
        ),
        ("007:\n  title: x\n", "has an entry for '007'"),
        ("a:\n  title: x\na:\n  title: y\n", "line 3, column 1 (the list of sources): 'a' is"),
        ("a:\n  title: x\n  title: y\n", "line 3, column 3 (entry 'a'): 'title' is written twice"),
        ("a: just a title\n", "line 1, column 4 (entry 'a'): entry 'a' must be a mapping"),
        ("? [a, b]\n: x\n", "a key must be a plain name"),
        ("- a\n- b\n", "line 1, column 1 (the whole file): must be a mapping"),
        (
            "a:\n  title: \x07\n",
            "line 2, column 10: is not valid YAML: character U+0007 is not allowed",
        ),
        ("a:\n  title: \x00\n", "byte 12 (line 2, column 10): contains a NUL byte"),
    ],
)
def test_refuses_malformed_metadata(tmp_path: Path, yaml_text, expected):
    path = tmp_path / "sources.yaml"
    path.write_text(yaml_text)
    with pytest.raises(InputError) as error:
        read_metadata(path, ["a"])
    assert str(error.value).startswith("raw/sources.yaml: ")
    assert expected in str(error.value)
    assert "Fix: " in str(error.value)


def test_refuses_metadata_that_is_not_utf8(tmp_path: Path):
    path = tmp_path / "sources.yaml"
    path.write_bytes(b"a:\n  title: Caf\xe9\n")
    with pytest.raises(InputError, match=r"byte 15 \(line 2, column 13\): is not valid UTF-8"):
        read_metadata(path, ["a"])


def test_reads_metadata_of_known_sources(tmp_path: Path):
    path = tmp_path / "sources.yaml"
    path.write_bytes(
        codecs.BOM_UTF8
        + b"a:\r\n  title: T\r\n  published: 2020-01-31\r\n  commercial_interest: false\r\nb:\r\n"
    )
    metadata = read_metadata(path, ["a", "b"])
    assert metadata["a"]["title"] == "T"
    assert str(metadata["a"]["published"]) == "2020-01-31"
    assert metadata["a"]["commercial_interest"] is False
    assert metadata["b"] == {}
    assert read_metadata(tmp_path / "absent.yaml", ["a"]) == {}


def write_shard(repo: Path, *mode: str) -> tuple[pl.DataFrame, list[dict]]:
    out = repo / "work" / "docs" / "s000.parquet"
    write_docs(repo / "raw", ["good_1", "latin1"], out, *mode)
    return pl.read_parquet(out), read_skipped(shard_list_path(out))


def test_unreadable_text_stops_the_ingest_step_by_default(repo: Path):
    (repo / "raw" / "latin1.txt").write_bytes("Café".encode("latin-1"))
    with pytest.raises(InputError, match=r"^raw/latin1\.txt: byte 3 \(line 1, column 4\)"):
        write_shard(repo)


def test_skip_mode_leaves_out_and_lists_unreadable_texts(repo: Path):
    (repo / "raw" / "latin1.txt").write_bytes("Café".encode("latin-1"))
    docs, skipped = write_shard(repo, "skip")
    assert docs["source_id"].to_list() == ["good_1"]
    assert [(s["source_id"], s["path"], s["position"]) for s in skipped] == [
        ("latin1", "raw/latin1.txt", "byte 3 (line 1, column 4)")
    ]
    assert skipped[0]["message"].startswith("raw/latin1.txt: byte 3")
    assert json.loads(shard_list_path(repo / "work/docs/s000.parquet").read_text()) == skipped


def test_readable_shard_lists_nothing_and_unknown_modes_are_refused(repo: Path):
    (repo / "raw" / "latin1.txt").write_text("Café", encoding="utf-8")
    docs, skipped = write_shard(repo, "skip")
    assert (docs.height, skipped) == (2, [])
    with pytest.raises(ValueError, match="on_unreadable must be one of stop, skip, not 'ignore'"):
        write_shard(repo, "ignore")
