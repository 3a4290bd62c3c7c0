"""Ingest refuses bad inputs with the file, the position and the problem, and keeps offsets exact."""

import codecs
from pathlib import Path

import pytest

from pipeline.errors import InputError
from pipeline.ingest import decode_source, discover_sources, read_metadata


def test_decodes_utf8_and_drops_a_bom_keeping_crlf():
    assert (
        decode_source(codecs.BOM_UTF8 + "Héllo\r\nworld".encode(), "raw/a.txt") == "Héllo\r\nworld"
    )


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (b"", "is empty"),
        (b" \n\t\r\n", "holds only whitespace"),
        (b"ok\n\xffbad", "byte 3 (line 2, column 1): is not valid UTF-8"),
        ("text".encode("utf-16"), "UTF-16"),
        (b"PK\x03\x04\x00\x00binary", "byte 4: contains a NUL byte"),
    ],
)
def test_refuses_unreadable_text(raw, expected):
    with pytest.raises(InputError) as error:
        decode_source(raw, "raw/bad.txt")
    assert str(error.value).startswith("raw/bad.txt")
    assert expected in str(error.value)


def test_discovery_refuses_invalid_names_and_links(tmp_path: Path):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "good_1.txt").write_text("x")
    (raw / "sources.yaml").write_text("")
    assert discover_sources(raw) == ["good_1"]
    (raw / "Bad Name.txt").write_text("x")
    with pytest.raises(InputError, match=r"raw/Bad Name\.txt: file name 'Bad Name' is not a valid"):
        discover_sources(raw)
    (raw / "Bad Name.txt").unlink()
    (tmp_path / "outside.txt").write_text("x")
    (raw / "linked.txt").symlink_to(tmp_path / "outside.txt")
    with pytest.raises(InputError, match="symbolic link"):
        discover_sources(raw)


@pytest.mark.parametrize(
    ("yaml_text", "expected"),
    [
        ("a:\n  title: [unclosed\n", "line 3, column 1: is not valid YAML"),
        ("a:\n  published: 2023-02-30\n", "line 2, column 14: is not valid YAML: impossible date"),
        ("a:\n  colour: red\n", "entry 'a', key 'colour': unknown key 'colour'"),
        ("a:\n  commercial_interest: yes please\n", "commercial_interest must be bool"),
        ("a:\n  published: last year\n", "published must be a date written YYYY-MM-DD"),
        ("a:\n  kind: tabloid\n", "kind 'tabloid' is not in the vocabulary"),
        ("ghost:\n  title: x\n", "has an entry for 'ghost', but raw/ghost.txt does not exist"),
        ("- a\n- b\n", "must be a mapping"),
    ],
)
def test_refuses_malformed_metadata(tmp_path: Path, yaml_text, expected):
    path = tmp_path / "sources.yaml"
    path.write_text(yaml_text)
    with pytest.raises(InputError) as error:
        read_metadata(path, ["a"])
    assert str(error.value).startswith("raw/sources.yaml")
    assert expected in str(error.value)


def test_reads_metadata_of_known_sources(tmp_path: Path):
    path = tmp_path / "sources.yaml"
    path.write_text("a:\n  title: T\n  published: 2020-01-31\n  commercial_interest: false\nb:\n")
    metadata = read_metadata(path, ["a", "b"])
    assert metadata["a"]["title"] == "T"
    assert str(metadata["a"]["published"]) == "2020-01-31"
    assert metadata["b"] == {}
