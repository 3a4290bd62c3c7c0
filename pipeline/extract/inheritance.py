"""Inheritance modes a text states for a condition ("SBMA is X-linked")."""

from __future__ import annotations

import re
from collections.abc import Iterator

from pipeline.extract.context import (
    Cues,
    clause_span,
    hypothetical,
    negated,
    negation_scope,
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
    r"inherit|parent|pass|carr|transmi|famil|child|offspring|mother|father|"
    r"(?:enough|sufficient) to cause"
)
# Copies counted on the X chromosome ("In males (who have only one X chromosome), one altered copy
# ... is sufficient") explain X-linked inheritance, not an autosomal one.
_X_CHROMOSOME = re.compile(r"\bx chromosomes?\b")
_AUTOSOMAL = {"autosomal_dominant", "autosomal_recessive"}
# A share of cases by origin ("one-third of cases are sporadic", "two in three cases are inherited
# from the mother") is a sporadic or familial fraction, an epidemiology fact. A share stated with a
# named pattern ("in 20 percent of people with it, the condition is inherited in a mitochondrial
# pattern") still gives the condition that mode: epidemiology has no measure for it.
_SHARE = re.compile(r"\bcases?\b|\bof (?:all )?(?:patients|people|individuals|those|families)\b")
_NAMED_PATTERN = re.compile(r"autosomal|linked|recessive|dominant|mitochondrial|multifactorial")
# A mode used as an adjective of a class ("an autosomal recessive condition", "X-linked traits")
# states nothing about a particular condition unless the sentence names or points to one.
_CLASS_NOUN = re.compile(r"\s*(?:inheritance|traits?|conditions?|disorders?|diseases?|genes?)\b")
_POINTS_TO_ONE = re.compile(
    r"^\W*(?:it|this (?:condition|disorder|disease)|the (?:condition|disorder|disease))\b"
)
# "This is how recessive inheritance works": an explanation of a pattern, not a statement of one.
_HOW_IT_WORKS = re.compile(r"\bhow\b[^.;]{0,40}\bworks\b")
# "For many years Ullrich CMD was thought to be a recessive disease": a belief given up.
_SUPERSEDED = re.compile(
    r"\b(?:was|were) (?:once |long |previously |originally |formerly |wrongly )?"
    r"(?:thought|believed|considered|assumed) to be\b|\bused to be (?:thought|considered)\b"
)
# "Centronuclear myopathy, X-linked": a line that only names a variant of a condition.
_NAME_VARIANT = re.compile(r"^,\s*$")
# "Inheritance: Autosomal dominant", "Mode of inheritance: Mitochondrial": a fact sheet's label line,
# whose value may be a bare mode word that prose never uses alone.
_LABEL = re.compile(
    r"[^a-z0-9]*(?P<label>(?:(?:mode|pattern|type) of )?inheritance(?: (?:pattern|mode|type))?)"
    r"\s*:\s*"
)
_BARE_VALUES = (
    ("mitochondrial", re.compile(r"\bmitochondrial\b")),
    ("sporadic", re.compile(r"\bsporadic\b")),
    ("multifactorial", re.compile(r"\bmultigenic\b")),
)
# "people with the autosomal recessive type", "in the X-linked form": a subtype named by its mode,
# referred to rather than said to have it.
_REFERS_TO_SUBTYPE = re.compile(r"\b(?:with|in|of|for|than) (?:the|this|that) $")
_SUBTYPE_NOUN = re.compile(r"\s*(?:sub)?(?:types?|forms?|variants?)\b")
# A general mode stated beside a specific one in the same sentence adds nothing.
_GENERAL = {
    "x_linked": {"x_linked_recessive", "x_linked_dominant"},
    "autosomal": {"autosomal_dominant", "autosomal_recessive"},
}


def _states_a_share(text: str, folded: str, start: int, end: int, cue: str) -> bool:
    """The clause gives the share of cases of an origin (sporadic, new mutation, from the mother):
    a percentage or fraction ("up to ninety-five percent are sporadic"), or any figure of cases."""
    if _NAMED_PATTERN.search(cue):
        return False
    figures = find_figures(text[start:end])
    return any(figure.form == "percent" for figure in figures) or bool(
        figures and _SHARE.search(folded[start:end])
    )


def _names_or_generic(
    focus: Focus, text: str, folded: str, sentence: Sentence, cue_start: int, cue_end: int
) -> bool:
    """The cue is part of a condition's name, a name variant, a subtype referred to, or a remark
    about a class."""
    around = focus.mentions_in(max(0, cue_start - 80), cue_end + 80)
    if any(m.start <= cue_start and cue_end <= m.end for m in around):
        return True
    if _SUBTYPE_NOUN.match(folded, cue_end) and _REFERS_TO_SUBTYPE.search(
        folded, max(sentence.start, cue_start - 20), cue_start
    ):
        return True
    before = focus.mentions_in(sentence.start, cue_start)
    if (
        before
        and _NAME_VARIANT.match(text[before[-1].end : cue_start])
        and not text[cue_end : sentence.end].strip(" .;")
    ):
        return True
    if _HOW_IT_WORKS.search(folded, sentence.start, sentence.end):
        return True
    if _CLASS_NOUN.match(folded, cue_end):
        has_subject = bool(focus.subject(sentence.start, sentence.end))
        return not has_subject and not _POINTS_TO_ONE.match(folded[sentence.start : cue_start])
    return False


def _label_cues(
    folded: str, sentence: Sentence, cues: list[tuple[int, int, str]]
) -> tuple[int | None, list[tuple[int, int, str]]]:
    """Where a label line's label starts ("Inheritance: Mitochondrial"), and its cues with the
    bare mode words of its value; (None, cues) for any other sentence."""
    label = _LABEL.match(folded, sentence.start, sentence.end)
    if not label:
        return None, cues
    found = list(cues)
    for mode, pattern in _BARE_VALUES:
        for match in pattern.finditer(folded, label.end(), sentence.end):
            if not any(s < match.end() and match.start() < e for s, e, _ in found):
                found.append((match.start(), match.end(), mode))
    return label.start("label"), sorted(found)


def _talks_inheritance(folded: str, sentence: Sentence, cues: list[tuple[int, int, str]]) -> bool:
    """The sentence is about inheritance: an inheritance word, or a mode named outright."""
    return bool(_INHERITANCE_TALK.search(folded, sentence.start, sentence.end)) or any(
        _EXPLICIT.search(folded[start:end]) for start, end, _ in cues
    )


def _states_a_mode(
    focus: Focus,
    text: str,
    folded: str,
    sentence: Sentence,
    cue: tuple[int, int, str],
    talks_inheritance: bool,
) -> tuple[int, int] | None:
    """The clause in which the cue states a mode, or None when it does not (negated,
    hypothetical, a description outside talk of inheritance, a share of cases, part of a name,
    a remark about a class)."""
    cue_start, cue_end, mode = cue
    folded_sentence = folded[sentence.start : sentence.end]
    start, end = clause_span(text, sentence.start, sentence.end, cue_start, cue_end)
    if (
        negated(folded[negation_scope(folded, start, cue_start) : cue_end])
        or hypothetical(folded_sentence, cue_start - sentence.start)
        or _SUPERSEDED.search(folded, start, cue_start)
    ):
        return None
    if not _EXPLICIT.search(folded[cue_start:cue_end]) and (
        not talks_inheritance or (mode in _AUTOSOMAL and _X_CHROMOSOME.search(folded_sentence))
    ):
        return None
    if _states_a_share(text, folded, start, end, folded[cue_start:cue_end]):
        return None
    if _names_or_generic(focus, text, folded, sentence, cue_start, cue_end):
        return None
    return start, end


def extract_inheritance(
    document: Document, folded: str, focus: Focus
) -> Iterator[dict[str, object]]:
    """One row per (sentence, condition, mode) the text states."""
    text = document.text
    cues = Cues("inheritance", folded)
    for index, sentence, _ in statements(document, folded):
        label_start, sentence_cues = _label_cues(
            folded, sentence, cues.within(sentence.start, sentence.end)
        )
        talks = _talks_inheritance(folded, sentence, sentence_cues)
        found: dict[str, tuple[int, int, int]] = {}  # mode -> statement start, end, cue start
        for cue in sentence_cues:
            clause = _states_a_mode(focus, text, folded, sentence, cue, talks)
            if clause:
                # A label line's value says nothing without its label.
                start = label_start if label_start is not None else clause[0]
                found.setdefault(cue[2], (start, clause[1], cue[0]))
        modes = [m for m in found if not (_GENERAL.get(m, set()) & found.keys())]
        for mode in modes:
            start, end, cue_start = found[mode]
            # A mode stated in a relative clause is the mode of the condition the clause follows.
            _, head = focus.relative_head(folded, sentence.start, cue_start)
            for condition_id in (head,) if head else focus.conditions(index):
                yield {
                    "condition_id": condition_id,
                    "start": start,
                    "end": end,
                    "extractor": EXTRACTOR,
                    "mode": mode,
                    "hpo_id": INHERITANCE_HPO[mode],
                }
