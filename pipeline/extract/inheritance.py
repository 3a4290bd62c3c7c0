"""Inheritance modes a text states for a condition ("SBMA is X-linked")."""

from __future__ import annotations

import re
from collections.abc import Iterator

from pipeline.extract.context import (
    clause_span,
    find_cues,
    hypothetical,
    is_question,
    marketing,
    negated,
)
from pipeline.extract.focus import Focus
from pipeline.text.structure import Document
from schemas.vocabularies import INHERITANCE_HPO

EXTRACTOR = "inheritance.pattern@1"
# A figure in the clause makes "sporadic" a share of cases (epidemiology), not a mode.
_FIGURE = re.compile(r"\d|percent|per cent|\bhalf\b|\bmost\b|\bmajority\b")


def extract_inheritance(
    document: Document, folded: str, focus: Focus
) -> Iterator[dict[str, object]]:
    """One row per (sentence, condition, mode) the text states."""
    text = document.text
    for index, sentence in enumerate(document.sentences):
        if is_question(text[sentence.start : sentence.end]):
            continue
        folded_sentence = folded[sentence.start : sentence.end]
        if marketing(folded_sentence):
            continue
        seen: set[tuple[str, str]] = set()
        for cue_start, cue_end, mode in find_cues(
            "inheritance", folded, sentence.start, sentence.end
        ):
            start, end = clause_span(text, sentence.start, sentence.end, cue_start, cue_end)
            if negated(folded[start:cue_end]) or hypothetical(
                folded_sentence, cue_start - sentence.start
            ):
                continue
            if mode == "sporadic" and _FIGURE.search(folded[start:end]):
                continue
            condition_id = focus.condition(index)
            if condition_id is None or (condition_id, mode) in seen:
                continue
            seen.add((condition_id, mode))
            yield {
                "condition_id": condition_id,
                "start": start,
                "end": end,
                "extractor": EXTRACTOR,
                "mode": mode,
                "hpo_id": INHERITANCE_HPO[mode],
            }
