"""Stable assignment of sources to shards, so adding one text reruns only its shard."""

from __future__ import annotations

import hashlib


def shard_of(source_id: str, shards: int) -> str:
    """The shard name ("s003") that source_id belongs to among `shards` shards."""
    bucket = int(hashlib.sha256(source_id.encode()).hexdigest()[:8], 16) % shards
    return f"s{bucket:03d}"


def group_by_shard(source_ids: list[str], shards: int) -> dict[str, list[str]]:
    """Non-empty shards with their sorted members."""
    groups: dict[str, list[str]] = {}
    for source_id in sorted(source_ids):
        groups.setdefault(shard_of(source_id, shards), []).append(source_id)
    return dict(sorted(groups.items()))
