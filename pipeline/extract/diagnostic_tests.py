"""Diagnostic test modalities a text names for a condition ("nerve conduction studies test ...")."""

from __future__ import annotations

import re
from collections.abc import Iterator

from pipeline.extract.context import (
    Cues,
    clause_span,
    hypothetical,
    negated,
    statements,
)
from pipeline.extract.focus import Focus
from pipeline.text.structure import Document

EXTRACTOR = "diagnostic_tests.modality@1"
_PURPOSE = re.compile(
    r"(?:\b(?:to|can|may|might|will|could|which|that|helps?|used to|is used to|are used to)\s+)?"
    r"(?P<purpose>\b(?:evaluat|identif|detect|check|look|measur|show|reveal|confirm|rule|"
    r"assess|determin|find|test|see|diagnos|examin|distinguish|record|estimat|screen|search)"
    r"\w*\b.*)",
    re.DOTALL,
)
_COORDINATION = re.compile(
    r"^\s*(?:,|/|\(|and|or|, and|, or|as well as|plus|,? including|,? such as|,? like|"
    r",? e\.g\.,?|,? especially|,? particularly)?\s*(?:an? |the )?$"
)
# "Muscle biopsy is no longer required": the statement denies the test.
_DENIED_AFTER = re.compile(
    r"[^.;,]{0,30}?\b(?:is|are|was|were|does|do|can|will)\s+(?:not|no longer|never|rarely|seldom)\b"
)
# Words that cannot end a statement ("... blood tests for antibodies and with").
_TRAILING = re.compile(
    r"(?:[\s,]*\b(?:and|or|while|but|as well as|with|by|including|such as|like|a|an|the|of|for)\b)*"
    r"[\s,.]*$"
)
# Statements about a test's cost, availability or treatment are not diagnostic statements.
_NOT_DIAGNOSTIC = re.compile(
    r"\$|\bcosts?\b|\bprice|\binsurance|\bcounsel\w*|\btreat\w*\b|"
    r"\b(?:is|are|was|were|became|become) (?:\w+ )?available\b"
)


def _groups(cues: list[tuple[int, int, str]], folded: str) -> list[list[tuple[int, int, str]]]:
    """Cues joined by 'and', 'or' or commas ("MRI and CT scans") share one statement."""
    groups: list[list[tuple[int, int, str]]] = []
    for cue in cues:
        if groups and _COORDINATION.match(folded[groups[-1][-1][1] : cue[0]]):
            groups[-1].append(cue)
        else:
            groups.append([cue])
    return groups


_CREATINE_KINASE = re.compile(r"\bcreatine (?:phospho)?kinase\b|\bc(?:p)?k\b")


def _modalities(group: list[tuple[int, int, str]], folded_clause: str) -> list[str]:
    """The group's modalities; a blood test that measures creatine kinase is a CK test only."""
    modalities = list(dict.fromkeys(cue[2] for cue in group))
    if "blood_test" in modalities and _CREATINE_KINASE.search(folded_clause):
        modalities = [m for m in modalities if m != "blood_test"]
        if "creatine_kinase_test" not in modalities:
            modalities.append("creatine_kinase_test")
    return modalities


def extract_diagnostic_tests(
    document: Document, folded: str, focus: Focus
) -> Iterator[dict[str, object]]:
    """One row per (statement, condition, modality) the text names as a test."""
    text = document.text
    cues = Cues("modalities", folded)
    # "Muscle biopsy. A small piece of muscle is removed ...": one test per block, stated once.
    stated: set[tuple[int, str, str]] = set()
    for index, sentence, folded_sentence in statements(document, folded):
        groups = _groups(cues.within(sentence.start, sentence.end), folded)
        for number, group in enumerate(groups):
            first, last = group[0][0], group[-1][1]
            clause_start, clause_end = clause_span(text, sentence.start, sentence.end, first, last)
            following = groups[number + 1][0][0] if number + 1 < len(groups) else clause_end
            region_end = min(clause_end, following) if following > last else clause_end
            start = clause_start
            if number > 0 and groups[number - 1][-1][1] > clause_start:
                start = first
            end = (
                start
                + len(text[start:region_end])
                - len(_TRAILING.search(text[start:region_end]).group())
            )
            if end <= last:
                end = last
            if negated(folded[clause_start:last]) or _DENIED_AFTER.match(folded, last, end):
                continue
            if _NOT_DIAGNOSTIC.search(folded[start:end]):
                continue
            if hypothetical(folded_sentence, first - sentence.start):
                continue
            purpose_match = _PURPOSE.search(folded, last, end) if end > last else None
            purpose_span = purpose_match.span("purpose") if purpose_match else None
            purpose = text[purpose_span[0] : purpose_span[1]].strip() if purpose_span else None
            modalities = _modalities(group, folded[clause_start:clause_end])
            for condition_id in focus.conditions(index, exclude=purpose_span):
                for modality in modalities:
                    if (sentence.block, condition_id, modality) in stated:
                        continue
                    stated.add((sentence.block, condition_id, modality))
                    yield {
                        "condition_id": condition_id,
                        "start": start,
                        "end": end,
                        "extractor": EXTRACTOR,
                        "modality": modality,
                        "purpose": purpose or None,
                    }
