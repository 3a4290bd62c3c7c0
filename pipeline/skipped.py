"""Unreadable source texts that a build skipped instead of stopping, listed in the release.

With `on_unreadable: skip` in config/config.yaml, the ingest job of each shard leaves out the texts
it cannot read (empty, not UTF-8, binary, ...) and lists them beside its docs; assemble merges the
lists into `validation/skipped_inputs.json`, which the release ships. With `stop` (the default) such
a text stops the build instead, and the list is empty.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

SKIPPED_NAME = "skipped_inputs.json"
MODES = ("stop", "skip")


def check_mode(mode: str) -> str:
    """`mode` if it is one of MODES."""
    if mode not in MODES:
        raise ValueError(f"on_unreadable must be one of {', '.join(MODES)}, not {mode!r}")
    return mode


def shard_list_path(docs_path: Path) -> Path:
    """Where the ingest job writing `docs_path` lists the texts it skipped."""
    return docs_path.with_suffix(".skipped.json")


def write_skipped(
    records: Iterable[dict[str, str | None]], path: Path
) -> list[dict[str, str | None]]:
    """Write skipped-input records as deterministic JSON, sorted by path; returns them sorted."""
    ordered = sorted(records, key=lambda record: str(record["path"]))
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        json.dumps(ordered, indent=2, sort_keys=True, ensure_ascii=False) + "\n",
        encoding="utf-8",
        newline="\n",
    )
    return ordered


def read_skipped(path: Path) -> list[dict[str, str | None]]:
    """Records written by write_skipped."""
    return json.loads(path.read_text(encoding="utf-8"))


def merge_skipped(
    paths: Iterable[Path], current: Iterable[str], out: Path
) -> list[dict[str, str | None]]:
    """Merge the shards' lists into one file, keeping the sources still in raw/ (`current`)."""
    keep = set(current)
    return write_skipped(
        (record for path in paths for record in read_skipped(path) if record["source_id"] in keep),
        out,
    )


def skipped_card_section(records: list[dict[str, str | None]]) -> list[str]:
    """Markdown lines for the data card: how many texts were skipped, which, and why."""
    if not records:
        return ["No source text was skipped: every text in raw/ was read."]
    lines = [
        f"{len(records)} source texts could not be read and were skipped (`on_unreadable: skip`); "
        f"they have no rows in any table and are listed in `validation/{SKIPPED_NAME}`:",
        "",
    ]
    lines += [f"- `{record['path']}`: {record['problem']}" for record in records]
    return lines
