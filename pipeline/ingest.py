"""Ingest: find the source texts in raw/, decode them strictly, read their metadata.

Every problem raises InputError naming the file, the position and the fix, so a bad input stops
the build before anything is published.
"""

from __future__ import annotations

import codecs
import datetime as dt
import hashlib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from pipeline.errors import InputError
from schemas.vocabularies import SOURCE_ID_PATTERN, SOURCE_KINDS

METADATA_FILE = "sources.yaml"
_SOURCE_ID = re.compile(SOURCE_ID_PATTERN)
_METADATA_KEYS = {
    "title": str,
    "publisher": str,
    "url": str,
    "kind": str,
    "published": dt.date,
    "commercial_interest": bool,
}
_FOREIGN_BOMS = (
    (codecs.BOM_UTF32_LE, "UTF-32"),
    (codecs.BOM_UTF32_BE, "UTF-32"),
    (codecs.BOM_UTF16_LE, "UTF-16"),
    (codecs.BOM_UTF16_BE, "UTF-16"),
)


class _MetadataLoader(yaml.SafeLoader):
    """SafeLoader that reports an impossible date (2023-02-30) with its line and column."""

    def construct_yaml_timestamp(self, node: yaml.Node) -> Any:
        try:
            return super().construct_yaml_timestamp(node)
        except ValueError as error:
            raise yaml.constructor.ConstructorError(
                None, None, f"impossible date {node.value!r} ({error})", node.start_mark
            ) from None


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


def discover_sources(raw_dir: Path) -> list[str]:
    """Source ids of raw_dir's texts, sorted; refuse anything in raw/ that is not a valid source."""
    raw_dir = Path(raw_dir)
    if not raw_dir.is_dir():
        raise InputError(str(raw_dir), "the raw/ directory does not exist", fix="create it")
    source_ids = []
    root = raw_dir.resolve()
    for entry in sorted(raw_dir.iterdir()):
        shown = f"{raw_dir.name}/{entry.name}"
        if entry.name.startswith(".") or entry.name == METADATA_FILE:
            continue
        if entry.is_symlink() or not entry.resolve().is_relative_to(root):
            raise InputError(
                shown,
                "is a symbolic link; the build reads only regular files inside raw/",
                fix="copy the text into raw/ instead of linking it",
            )
        if not entry.is_file():
            raise InputError(
                shown, "is not a regular file", fix="raw/ holds only <source_id>.txt files"
            )
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


def decode_source(raw: bytes, path: str) -> str:
    """Decode raw bytes as strict UTF-8 (a leading BOM is dropped); refuse empty or binary text."""
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
            position=f"byte {nul}",
            fix="re-save the file as plain UTF-8 text",
        )
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        column = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        bad = raw[error.start : error.end].hex(" ")
        raise InputError(
            path,
            f"is not valid UTF-8 ({error.reason}, bytes {bad})",
            position=f"byte {error.start} (line {line}, column {column})",
            fix="re-save the file as UTF-8",
        ) from None
    text = text.removeprefix("\ufeff")
    if not text.strip():
        raise InputError(
            path,
            "is empty" if not text else "holds only whitespace",
            fix="add the text, or remove the file",
        )
    return text


def read_source(raw_dir: Path, source_id: str) -> SourceText:
    """Read and decode raw/<source_id>.txt."""
    file = Path(raw_dir) / f"{source_id}.txt"
    shown = f"{Path(raw_dir).name}/{file.name}"
    raw = file.read_bytes()
    return SourceText(
        source_id=source_id,
        path=f"raw/{source_id}.txt",
        sha256=hashlib.sha256(raw).hexdigest(),
        text=decode_source(raw, shown),
    )


def read_metadata(path: Path, source_ids: list[str]) -> dict[str, dict[str, Any]]:
    """Validated metadata from raw/sources.yaml, keyed by source_id ({} when the file is absent)."""
    path = Path(path)
    shown = f"raw/{path.name}"
    if not path.exists():
        return {}
    try:
        document = yaml.load(path.read_text(encoding="utf-8"), Loader=_MetadataLoader)
    except UnicodeDecodeError as error:
        raise InputError(
            shown,
            f"is not valid UTF-8 ({error.reason})",
            position=f"byte {error.start}",
            fix="re-save the file as UTF-8",
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
    if document is None:
        return {}
    if not isinstance(document, dict):
        raise InputError(
            shown, "must be a mapping of source_id to metadata", fix="see raw/sources.yaml's header"
        )
    known = set(source_ids)
    return {
        str(source_id): _check_entry(shown, str(source_id), entry, known)
        for source_id, entry in sorted(document.items(), key=lambda item: str(item[0]))
    }


def _check_entry(shown: str, source_id: str, entry: Any, known: set[str]) -> dict[str, Any]:
    if source_id not in known:
        raise InputError(
            shown,
            f"has an entry for {source_id!r}, but raw/{source_id}.txt does not exist",
            position=f"entry {source_id!r}",
            fix="remove the entry or add the text",
        )
    if entry is None:
        return {}
    if not isinstance(entry, dict):
        raise InputError(
            shown, "must be a mapping of keys to values", position=f"entry {source_id!r}"
        )
    checked = {}
    for key, value in entry.items():
        where = f"entry {source_id!r}, key {key!r}"
        if key not in _METADATA_KEYS:
            raise InputError(
                shown,
                f"unknown key {key!r}",
                position=where,
                fix=f"use only {', '.join(_METADATA_KEYS)}",
            )
        expected = _METADATA_KEYS[key]
        if value is not None and (
            not isinstance(value, expected) or (expected is not bool and isinstance(value, bool))
        ):
            hint = "a date written YYYY-MM-DD" if expected is dt.date else expected.__name__
            raise InputError(
                shown,
                f"{key} must be {hint}, not {value!r}",
                position=where,
                fix=f"write {key} as {hint}",
            )
        if key == "kind" and value is not None and value not in SOURCE_KINDS:
            raise InputError(
                shown,
                f"kind {value!r} is not in the vocabulary",
                position=where,
                fix=f"use one of {', '.join(SOURCE_KINDS)}",
            )
        if key == "url" and value is not None and not re.match(r"^https?://\S+$", value):
            raise InputError(shown, f"url {value!r} is not an http(s) URL", position=where)
        checked[key] = value
    return checked
