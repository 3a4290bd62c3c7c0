"""Score a release against gold annotations: precision, recall and F1 per kind of fact.

Gold is one YAML file per source (tests/gold/FORMAT.md). A predicted fact matches a gold fact
of the same source, condition and key (measure, unit and values within 0.5%; mode; modality);
matching is one to one. Only sources that have a gold file are scored, so a curator can annotate
a few texts and measure the release on those.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import polars as pl
import yaml

KINDS = ("epidemiology", "inheritance", "diagnostic_tests")


def fact_key(kind: str, fact: dict[str, Any]) -> tuple[Any, ...]:
    """What must be equal for a predicted fact to match a gold one (values are compared apart,
    see `_values_agree`)."""
    base = (fact["source_id"], fact["condition_id"])
    if kind == "epidemiology":
        return (*base, fact["measure"], fact["unit"])
    if kind == "inheritance":
        return (*base, fact["mode"])
    return (*base, fact["modality"])


# Annotators round what they compute by hand: two-thirds is written 0.667 or 0.6667.
_VALUE_TOLERANCE = 5e-3


def _values_agree(kind: str, gold: dict[str, Any], predicted: dict[str, Any]) -> bool:
    if kind != "epidemiology":
        return True
    return all(
        math.isclose(float(gold[k]), float(predicted[k]), rel_tol=_VALUE_TOLERANCE)
        for k in ("value_low", "value_high")
    )


@dataclass
class KindScore:
    """Counts and errors for one kind of fact."""

    true_positives: int = 0
    gold: int = 0
    predicted: int = 0
    misses: list[str] = field(default_factory=list)
    false_positives: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.true_positives / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.true_positives / self.gold if self.gold else 1.0

    @property
    def f1(self) -> float:
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0


def load_gold(gold_dir: Path) -> dict[str, list[dict[str, Any]]]:
    """Gold facts per kind, each with its source_id, from every <source_id>.yaml in gold_dir."""
    gold: dict[str, list[dict[str, Any]]] = {kind: [] for kind in KINDS}
    for path in sorted(Path(gold_dir).glob("*.yaml")):
        document = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        source_id = document.get("source_id", path.stem)
        for kind in KINDS:
            for fact in document.get(kind) or []:
                gold[kind].append({**fact, "source_id": source_id})
    return gold


def score(gold: list[dict[str, Any]], predicted: list[dict[str, Any]], kind: str) -> KindScore:
    """One-to-one matching of predicted to gold facts by key."""
    result = KindScore(gold=len(gold), predicted=len(predicted))
    unmatched: dict[tuple[Any, ...], list[dict[str, Any]]] = defaultdict(list)
    for fact in gold:
        unmatched[fact_key(kind, fact)].append(fact)
    for fact in predicted:
        waiting = unmatched.get(fact_key(kind, fact), [])
        match = next((g for g in waiting if _values_agree(kind, g, fact)), None)
        if match is not None:
            waiting.remove(match)
            result.true_positives += 1
        else:
            result.false_positives.append(_describe(kind, fact, fact.get("quote")))
    for facts in unmatched.values():
        result.misses.extend(_describe(kind, fact, fact.get("evidence")) for fact in facts)
    return result


def _describe(kind: str, fact: dict[str, Any], evidence: str | None) -> str:
    key = fact_key(kind, fact)
    if kind == "epidemiology":
        key = (*key, f"{float(fact['value_low']):.6g}", f"{float(fact['value_high']):.6g}")
    return f"{' '.join(map(str, key))}  «{evidence or ''}»"


def evaluate_release(release_dir: Path, gold_dir: Path) -> dict[str, KindScore]:
    """Scores per kind of a release directory (Parquet tables) against gold_dir."""
    annotated = sorted(path.stem for path in Path(gold_dir).glob("*.yaml"))
    predicted = {
        kind: pl.read_parquet(Path(release_dir) / f"{kind}.parquet")
        .filter(pl.col("source_id").is_in(annotated))
        .to_dicts()
        for kind in KINDS
    }
    return score_all(load_gold(gold_dir), predicted)


def extract_texts(texts_dir: Path, names: pl.DataFrame) -> dict[str, list[dict[str, Any]]]:
    """Facts per kind extracted in-process from every <source_id>.txt in texts_dir."""
    from pipeline.extract.document import extract_document
    from pipeline.ingest import decode_source
    from pipeline.mentions import Matcher

    matcher = Matcher(names)
    predicted: dict[str, list[dict[str, Any]]] = {kind: [] for kind in KINDS}
    for path in sorted(Path(texts_dir).glob("*.txt")):
        text = decode_source(path.read_bytes(), str(path))
        rows = extract_document(path.stem, text, matcher)
        for kind in KINDS:
            predicted[kind].extend(rows[kind])
    return predicted


def score_all(
    gold: dict[str, list[dict[str, Any]]], predicted: dict[str, list[dict[str, Any]]]
) -> dict[str, KindScore]:
    """Scores per kind."""
    return {kind: score(gold[kind], predicted[kind], kind) for kind in KINDS}


def format_report(scores: dict[str, KindScore], show_errors: bool = True) -> str:
    """Figures per kind, then the misses and false positives to look at."""
    lines = [
        f"{'kind':<18}{'gold':>6}{'found':>7}{'match':>7}{'precision':>11}{'recall':>8}{'F1':>7}"
    ]
    for kind, s in scores.items():
        lines.append(
            f"{kind:<18}{s.gold:>6}{s.predicted:>7}{s.true_positives:>7}"
            f"{s.precision:>11.3f}{s.recall:>8.3f}{s.f1:>7.3f}"
        )
    if show_errors:
        for kind, s in scores.items():
            lines += [f"\n{kind}: missed {len(s.misses)}", *(f"  - {m}" for m in sorted(s.misses))]
            lines += [f"{kind}: false positives {len(s.false_positives)}"]
            lines += [f"  + {f}" for f in sorted(s.false_positives)]
    return "\n".join(lines)
