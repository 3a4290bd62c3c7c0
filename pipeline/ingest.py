"""Ingest: find the source texts in raw/, decode them strictly, read their metadata.

Every problem raises InputError naming the file, the position and the fix, so a bad input stops
the build before anything is published. Only regular files inside raw/ are read, never through a
symbolic link: the build reads nothing outside the repository.
"""

from __future__ import annotations

import codecs
import datetime as dt
import errno
import hashlib
import os
import re
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from pipeline.errors import InputError
from schemas.vocabularies import SOURCE_ID_PATTERN, SOURCE_KINDS

METADATA_FILE = "sources.yaml"
_SOURCE_ID = re.compile(SOURCE_ID_PATTERN)
_URL = re.compile(r"^https?://\S+$")
_METADATA_KEYS = {
    "title": str,
    "publisher": str,
    "url": str,
    "kind": str,
    "published": dt.date,
    "commercial_interest": bool,
}
_TYPE_HINTS = {
    str: "text (quote it if it looks like a number, a date or yes/no)",
    dt.date: "a date written YYYY-MM-DD",
    bool: "true or false",
}
_FOREIGN_BOMS = (
    (codecs.BOM_UTF32_LE, "UTF-32"),
    (codecs.BOM_UTF32_BE, "UTF-32"),
    (codecs.BOM_UTF16_LE, "UTF-16"),
    (codecs.BOM_UTF16_BE, "UTF-16"),
)


class _ImpossibleDate(yaml.YAMLError):
    """A date-shaped YAML value that is no calendar date (2023-02-30)."""

    def __init__(self, value: str, reason: str, mark: yaml.Mark) -> None:
        super().__init__(f"impossible date {value!r} ({reason})")
        self.mark = mark


class _MetadataLoader(yaml.SafeLoader):
    """SafeLoader that reports an impossible date with its line and column."""

    def construct_yaml_timestamp(self, node: yaml.Node) -> Any:
        try:
            return super().construct_yaml_timestamp(node)
        except ValueError as error:
            raise _ImpossibleDate(node.value, str(error), node.start_mark) from None


_MetadataLoader.add_constructor(
    "tag:yaml.org,2002:timestamp", _MetadataLoader.construct_yaml_timestamp
)


@dataclass(frozen=True)
class SourceText:
    """A decoded source: offsets in every table count code points of `text`."""

    source_id: str
    path: str
    sha256: str
    text: str


@dataclass(frozen=True)
class _Field:
    """One key of one entry of raw/sources.yaml, with where it is written."""

    key: str
    value: Any
    position: str


def _printable(name: str) -> str:
    """A file name fit for a message: undecodable bytes and control characters escaped."""
    return name if name.isprintable() else repr(name)[1:-1]


def _refuse_link_or_special(entry: Path, shown: str) -> None:
    """Refuse a symbolic link, or anything but a regular file."""
    if entry.is_symlink():
        raise InputError(
            shown,
            f"is a symbolic link (to {_printable(os.readlink(entry))}); the build reads only "
            "regular files inside raw/, never through links",
            fix="copy the file into raw/ instead of linking it",
        )
    if not entry.is_file():
        raise InputError(
            shown,
            "is not a regular file",
            fix="raw/ holds only <source_id>.txt files and sources.yaml; move it elsewhere",
        )


def discover_sources(raw_dir: Path, repository: Path | None = None) -> list[str]:
    """Source ids of raw_dir's texts, sorted; refuse anything in raw/ that is not a valid source.

    raw_dir must resolve inside `repository` (default: the working directory). Hidden files
    (a leading dot) are ignored.
    """
    raw_dir = Path(raw_dir)
    if not raw_dir.is_dir():
        raise InputError(str(raw_dir), "the raw/ directory does not exist", fix="create it")
    root = raw_dir.resolve()
    inside = (repository or Path.cwd()).resolve()
    if not root.is_relative_to(inside):
        raise InputError(
            str(raw_dir),
            f"resolves to {root}, outside the repository {inside}; the build reads only files "
            "inside the repository",
            fix="make raw/ a real folder of the repository, not a link to another place",
        )
    source_ids = []
    for entry in sorted(raw_dir.iterdir()):
        shown = f"{raw_dir.name}/{_printable(entry.name)}"
        if entry.name.startswith("."):
            continue
        _refuse_link_or_special(entry, shown)
        if entry.name == METADATA_FILE:
            continue
        if entry.suffix != ".txt":
            raise InputError(
                shown, "is not a .txt file", fix="save the text as raw/<source_id>.txt, UTF-8"
            )
        if not _SOURCE_ID.match(entry.stem):
            raise InputError(
                shown,
                f"file name {entry.stem!r} is not a valid source_id ({SOURCE_ID_PATTERN})",
                fix="rename it with lower-case letters, digits, '_' and '-', starting with a "
                "letter or digit",
            )
        source_ids.append(entry.stem)
    return source_ids


def _read_regular_file(path: Path, shown: str) -> bytes:
    """The bytes of a regular file, opened without following a symbolic link.

    Checked again at reading, not only at discovery: a link swapped in meanwhile is refused too.
    """
    try:
        descriptor = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError as error:
        if error.errno == errno.ELOOP:
            raise InputError(
                shown,
                "is a symbolic link; the build reads only regular files inside raw/",
                fix="copy the file into raw/ instead of linking it",
            ) from None
        raise InputError(
            shown,
            f"cannot be opened ({error.strerror})",
            fix="check that it exists and is readable",
        ) from None
    with os.fdopen(descriptor, "rb") as handle:
        if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
            raise InputError(shown, "is not a regular file", fix="replace it with a text file")
        try:
            return handle.read()
        except OSError as error:
            raise InputError(
                shown, f"cannot be read ({error.strerror})", fix="check the file and the disk"
            ) from None


def _byte_position(raw: bytes, offset: int) -> str:
    """'byte N (line L, column C)': lines and columns count from 1, columns in characters."""
    line = raw.count(b"\n", 0, offset) + 1
    line_start = raw.rfind(b"\n", 0, offset) + 1
    column = len(raw[line_start:offset].decode("utf-8", errors="replace")) + 1
    return f"byte {offset} (line {line}, column {column})"


def _decode_utf8(raw: bytes, path: str) -> str:
    """Strict UTF-8 (a leading byte-order mark dropped); refuse UTF-16/32 and binary content."""
    for bom, encoding in _FOREIGN_BOMS:
        if raw.startswith(bom):
            raise InputError(
                path,
                f"the text is {encoding}-encoded (byte-order mark at byte 0)",
                position="byte 0",
                fix="re-save the file as UTF-8",
            )
    nul = raw.find(b"\x00")
    if nul >= 0:
        raise InputError(
            path,
            "contains a NUL byte: binary content or UTF-16/32 text",
            position=_byte_position(raw, nul),
            fix="re-save the file as plain UTF-8 text",
        )
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        bad = raw[error.start : error.end].hex(" ")
        raise InputError(
            path,
            f"is not valid UTF-8 ({error.reason}, bytes {bad})",
            position=_byte_position(raw, error.start),
            fix="re-save the file as UTF-8",
        ) from None
    return text.removeprefix("\ufeff")


def decode_source(raw: bytes, path: str) -> str:
    """A source's text: strict UTF-8 (see _decode_utf8), and not empty or only whitespace."""
    text = _decode_utf8(raw, path)
    if not text.strip():
        raise InputError(
            path,
            "is empty" if not text else "holds only whitespace",
            fix="add the text, or remove the file",
        )
    return text


def read_source(raw_dir: Path, source_id: str) -> SourceText:
    """Read and decode raw/<source_id>.txt; offsets count code points after a dropped BOM."""
    shown = f"{Path(raw_dir).name}/{source_id}.txt"
    raw = _read_regular_file(Path(raw_dir) / f"{source_id}.txt", shown)
    return SourceText(
        source_id=source_id,
        path=f"raw/{source_id}.txt",
        sha256=hashlib.sha256(raw).hexdigest(),
        text=decode_source(raw, shown),
    )


def _where(mark: yaml.Mark, detail: str) -> str:
    return f"line {mark.line + 1}, column {mark.column + 1} ({detail})"


def _pairs(
    node: yaml.MappingNode, shown: str, within: str
) -> Iterator[tuple[yaml.ScalarNode, yaml.Node]]:
    """A mapping's (key, value) nodes; refuse a key that is not a plain name or is repeated."""
    seen: dict[str, int] = {}
    for key, value in node.value:
        if not isinstance(key, yaml.ScalarNode):
            raise InputError(
                shown,
                "a key must be a plain name",
                position=_where(key.start_mark, within),
                fix="write the source_id or the key name as plain text",
            )
        if key.value in seen:
            raise InputError(
                shown,
                f"{key.value!r} is written twice (first on line {seen[key.value]})",
                position=_where(key.start_mark, within),
                fix="keep one of the two and merge what they say",
            )
        seen[key.value] = key.start_mark.line + 1
        yield key, value


def _parse_metadata(text: str, shown: str) -> dict[str, tuple[str, list[_Field]]]:
    """Entries of raw/sources.yaml by source_id (the key as written): position and fields."""
    try:
        loader = _MetadataLoader(text)
    except yaml.reader.ReaderError as error:
        line = text.count("\n", 0, error.position) + 1
        column = error.position - (text.rfind("\n", 0, error.position) + 1) + 1
        raise InputError(
            shown,
            f"is not valid YAML: character U+{error.character:04X} is not allowed in YAML",
            position=f"line {line}, column {column}",
            fix="remove that character",
        ) from None
    try:
        root = loader.get_single_node()
        if root is None:
            return {}
        if not isinstance(root, yaml.MappingNode):
            raise InputError(
                shown,
                "must be a mapping of source_id to metadata",
                position=_where(root.start_mark, "the whole file"),
                fix="write one `<source_id>:` line per text, with its keys indented below",
            )
        entries = {}
        for key, value in _pairs(root, shown, "the list of sources"):
            where = f"entry {key.value!r}"
            fields = []
            if isinstance(value, yaml.MappingNode):
                for field, field_value in _pairs(value, shown, where):
                    fields.append(
                        _Field(
                            field.value,
                            loader.construct_object(field_value, deep=True),
                            _where(field.start_mark, f"{where}, key {field.value!r}"),
                        )
                    )
            elif loader.construct_object(value, deep=True) is not None:
                raise InputError(
                    shown,
                    f"{where} must be a mapping of keys to values",
                    position=_where(value.start_mark, where),
                    fix=f"indent the keys ({', '.join(_METADATA_KEYS)}) below the source_id",
                )
            entries[key.value] = (_where(key.start_mark, where), fields)
        return entries
    except _ImpossibleDate as error:
        raise InputError(
            shown,
            str(error),
            position=f"line {error.mark.line + 1}, column {error.mark.column + 1}",
            fix="write a real date as YYYY-MM-DD",
        ) from None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        position = f"line {mark.line + 1}, column {mark.column + 1}" if mark else None
        problem = getattr(error, "problem", None) or str(error)
        raise InputError(
            shown,
            f"is not valid YAML: {problem}",
            position=position,
            fix="correct the YAML syntax at that position",
        ) from None
    finally:
        loader.dispose()


def read_metadata(path: Path, source_ids: list[str]) -> dict[str, dict[str, Any]]:
    """Validated metadata from raw/sources.yaml, keyed by source_id ({} when the file is absent)."""
    path = Path(path)
    shown = f"raw/{path.name}"
    if not path.exists() and not path.is_symlink():
        return {}
    entries = _parse_metadata(_decode_utf8(_read_regular_file(path, shown), shown), shown)
    known = set(source_ids)
    metadata = {}
    for source_id, (position, fields) in sorted(entries.items()):
        if source_id not in known:
            raise InputError(
                shown,
                f"has an entry for {source_id!r}, but raw/{source_id}.txt does not exist",
                position=position,
                fix="remove the entry, correct the source_id or add the text",
            )
        metadata[source_id] = {field.key: _checked(shown, field) for field in fields}
    return metadata


def _checked(shown: str, field: _Field) -> Any:
    """A field's value once its key, type and vocabulary are known to be right."""
    key, value = field.key, field.value
    if key not in _METADATA_KEYS:
        raise InputError(
            shown,
            f"unknown key {key!r}",
            position=field.position,
            fix=f"use only {', '.join(_METADATA_KEYS)}",
        )
    if value is None:
        return None
    expected = _METADATA_KEYS[key]
    # The exact type: in Python a bool is an int and a datetime is a date; neither may pass.
    if type(value) is not expected:
        raise InputError(
            shown,
            f"{key} must be {_TYPE_HINTS[expected]}, not {value!r}",
            position=field.position,
            fix=f"write {key} as {_TYPE_HINTS[expected]}",
        )
    if key == "kind" and value not in SOURCE_KINDS:
        raise InputError(
            shown,
            f"kind {value!r} is not in the vocabulary",
            position=field.position,
            fix=f"use one of {', '.join(SOURCE_KINDS)}",
        )
    if key == "url" and not _URL.match(value):
        raise InputError(
            shown,
            f"url {value!r} is not an http(s) URL",
            position=field.position,
            fix="write the full address, starting with https:// or http://",
        )
    return value
