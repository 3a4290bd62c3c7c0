"""Inheritance modes a text states for a condition ("SBMA is X-linked")."""

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
from pipeline.text.numbers import find_figures
from pipeline.text.structure import Document, Sentence
from schemas.vocabularies import INHERITANCE_HPO

EXTRACTOR = "inheritance.pattern@1"
# Cues that name a mode outright; the others ("both copies of the gene") describe one, and count
# only where the sentence talks about inheritance at all.
_EXPLICIT = re.compile(
    r"autosomal|linked|recessive|dominant|mitochondrial|de novo|sporadic|multifactorial"
)
_INHERITANCE_TALK = re.compile(
    r"inherit|parent|pass|carr|transmi|famil|child|offspring|mother|father"
)
# A share of cases ("one-third of cases are sporadic") is epidemiology, not a mode.
_SHARE = re.compile(r"\bcases?\b|\bof (?:all )?(?:patients|people|individuals|those|families)\b")
# A mode used as an adjective of a class ("an autosomal recessive condition", "X-linked traits")
# states nothing about a particular condition unless the sentence names or points to one.
_CLASS_NOUN = re.compile(r"\s*(?:inheritance|traits?|conditions?|disorders?|diseases?|genes?)\b")
_POINTS_TO_ONE = re.compile(
    r"^\W*(?:it|this (?:condition|disorder|disease)|the (?:condition|disorder|disease))\b"
)
# "Centronuclear myopathy, X-linked": a line that only names a variant of a condition.
_NAME_VARIANT = re.compile(r"^,\s*$")
# A general mode stated beside a specific one in the same sentence adds nothing.
_GENERAL = {
    "x_linked": {"x_linked_recessive", "x_linked_dominant"},
    "autosomal": {"autosomal_dominant", "autosomal_recessive"},
}


def _states_a_share(text: str, folded: str, start: int, end: int) -> bool:
    return bool(find_figures(text[start:end])) and bool(_SHARE.search(folded[start:end]))


def _names_or_generic(
    focus: Focus, text: str, folded: str, sentence: Sentence, cue_start: int, cue_end: int
) -> bool:
    """The cue is part of a condition's name, a name variant, or a remark about a class."""
    around = focus.mentions_in(max(0, cue_start - 80), cue_end + 80)
    if any(m.start <= cue_start and cue_end <= m.end for m in around):
        return True
    before = focus.mentions_in(sentence.start, cue_start)
    if (
        before
        and _NAME_VARIANT.match(text[before[-1].end : cue_start])
        and not text[cue_end : sentence.end].strip(" .;")
    ):
        return True
    if _CLASS_NOUN.match(folded, cue_end):
        has_subject = bool(focus.subject(sentence.start, sentence.end))
        return not has_subject and not _POINTS_TO_ONE.match(folded[sentence.start : cue_start])
    return False


def extract_inheritance(
    document: Document, folded: str, focus: Focus
) -> Iterator[dict[str, object]]:
    """One row per (sentence, condition, mode) the text states."""
    text = document.text
    cues = Cues("inheritance", folded)
    for index, sentence, folded_sentence in statements(document, folded):
        found: dict[str, tuple[int, int]] = {}
        for cue_start, cue_end, mode in cues.within(sentence.start, sentence.end):
            start, end = clause_span(text, sentence.start, sentence.end, cue_start, cue_end)
            if negated(folded[start:cue_end]) or hypothetical(
                folded_sentence, cue_start - sentence.start
            ):
                continue
            if not _EXPLICIT.search(folded[cue_start:cue_end]) and not _INHERITANCE_TALK.search(
                folded_sentence
            ):
                continue
            if _states_a_share(text, folded, start, end):
                continue
            if _names_or_generic(focus, text, folded, sentence, cue_start, cue_end):
                continue
            found.setdefault(mode, (start, end))
        modes = [m for m in found if not (_GENERAL.get(m, set()) & found.keys())]
        for condition_id in focus.conditions(index) if modes else ():
            for mode in modes:
                start, end = found[mode]
                yield {
                    "condition_id": condition_id,
                    "start": start,
                    "end": end,
                    "extractor": EXTRACTOR,
                    "mode": mode,
                    "hpo_id": INHERITANCE_HPO[mode],
                }
