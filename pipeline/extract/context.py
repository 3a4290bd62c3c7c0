"""What the fact extractors share: clauses, and the statements that are not facts."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import yaml

from pipeline.text.structure import Document, Sentence

LEXICON_DIR = Path(__file__).resolve().parent.parent / "lexicon"

_CLAUSE_BREAK = re.compile(
    r";|:(?=\s)|\s[–—]\s|\s-\s|,\s+(?=(?:while|whereas|but|so|meaning|although|though|however|"
    r"yet)\b)|\s(?=(?:while|whereas)\b)"
)
# Punctuation and list bullets that never open a quote.
_TRIMMED_LEFT = ",;:-*•·‣◦▪–—"
_NEGATION = re.compile(
    r"\b(?:not|no|never|neither|nor|cannot|without|none|nothing|unlikely to|rather than|"
    r"instead of|isn't|aren't|doesn't|don't|didn't|won't|wasn't|weren't|can't)\b|n't\b",
)
# A non-restrictive relative clause asserts on its own: in "It should not be confused with GNE
# myopathy, which is inherited in an autosomal recessive pattern" the negation stops at the comma;
# so does a fronted subordinate clause's ("If no tumor is found, a PET scan may be recommended").
_RELATIVE_CLAUSE = re.compile(r",\s+(?=(?:which|who|whose)\b)")
# A fronted clause may coordinate conditions ("If it recurs, or without an obvious cause, ...").
_FRONTED_CLAUSE = re.compile(
    r"[^a-z0-9]*(?:if|when|once|after|before|because|since|although|though|while|as)\b[^,]*,\s*"
    r"(?:(?:or|and)\b[^,]*,\s*)*"
)
# "with no family history", "without a known cause": a negated noun phrase, which denies nothing
# past its own end ("appears in a child with no family history because of a new mutation").
_NEGATED_PHRASE = re.compile(r"\b(?:with no|without)\b")
_PHRASE_END = re.compile(
    r",|\b(?:because|due to|owing to|as a result|caused by|through|from|by|since|but|when|after)\b"
)
_HYPOTHETICAL = re.compile(
    r"\b(?:if|when|suppose|supposing|imagine|whether|unless|hypothetically)\b"
)
# Selling language; "our" alone is not ("our specialists use EMG" on a hospital page is a fact).
_MARKETING = re.compile(
    r"\b(?:buy|order now|shop|supplements?|customers?|users|discount|subscribe|purchase|"
    r"our (?:\w+ )?(?:products?|formulas?|blend|capsules?|kits?)|guarantee\w*|testimonial\w*|"
    r"clinically proven|money back|free shipping|% off)\b"
)

# A section listing works cited ("References", "Further reading"): its lines name articles.
_REFERENCE_HEADING = re.compile(
    r"\W*(?:(?:selected|key|suggested|additional) )?(?:references?(?: list)?|sources?|"
    r"bibliography|further reading|additional reading|suggested reading|citations|works cited|"
    r"literature(?: cited)?|external links)(?: and (?:further reading|sources|notes|citations))?"
    r"\W*",
    re.IGNORECASE,
)
# A citation line: "1. ^ Paulson H (2012).", "Parry SM, et al. Ultrasonography in ...". An author
# list alone ("Vitamin D, ...") can open prose, so outside a reference section it needs a mark of
# a citation too.
_CARET = re.compile(r"\s*(?:\d{1,3}[.)]\s*)?\^\s")
_AUTHORS = re.compile(r"\s*(?:\d{1,3}[.)]\s*)?(?:[A-Z][\w'’-]+ ){1,3}[A-Z]{1,3}(?:[,.]|\s*\()")
_CITATION_MARK = re.compile(
    r"\bet al\b|\((?:19|20)\d{2}[a-z]?\)|\bdoi\b|\bPMID\b|\b(?:19|20)\d{2}\s*;\s*\d"
)
# '"Autosomal dominant degeneration in Azorean families".': a title cited, closed before its full
# stop (a quoted statement closes after it).
_QUOTED_TITLE = re.compile(
    r'\s*(?:(?:[-*•·‣◦▪–—]|\d{1,3}[.)])\s+)?["“][^"”]*[^"”.!?\s]\s*["”]\s*[.,]\s*'
)


def clause_span(text: str, start: int, end: int, cue_start: int, cue_end: int) -> tuple[int, int]:
    """The clause of sentence text[start:end] around the cue, trimmed of spaces and end marks."""
    left, right = start, end
    for match in _CLAUSE_BREAK.finditer(text, start, end):
        if match.end() <= cue_start:
            left = match.end()
        elif match.start() >= cue_end:
            right = match.start()
            break
    while left < right and (text[left].isspace() or text[left] in _TRIMMED_LEFT):
        left += 1
    while right > left and (text[right - 1].isspace() or text[right - 1] in ",;:"):
        right -= 1
    return left, right


def statements(document: Document, folded: str) -> Iterator[tuple[int, Sentence, str]]:
    """(index, sentence, folded sentence) of the sentences that can state facts: not questions,
    not sales talk, not reference lists or titles cited."""
    references = reference_blocks(document)
    for index, sentence in enumerate(document.sentences):
        raw = document.text[sentence.start : sentence.end]
        folded_sentence = folded[sentence.start : sentence.end]
        if (
            sentence.block not in references
            and not _QUOTED_TITLE.fullmatch(raw)
            and not is_question(raw)
            and not marketing(folded_sentence)
        ):
            yield index, sentence, folded_sentence


def reference_blocks(document: Document) -> frozenset[int]:
    """The blocks of reference lists: a reference section (up to the next heading that is not
    itself a citation), and citation lines anywhere."""
    found: set[int] = set()
    in_list = False
    for number, block in enumerate(document.blocks):
        line = document.text[block.start : block.end]
        if block.kind == "heading" and not (in_list and _AUTHORS.match(line)):
            in_list = bool(_REFERENCE_HEADING.fullmatch(line))
        if in_list or _cites(line):
            found.add(number)
    return frozenset(found)


def _cites(line: str) -> bool:
    """The line is a citation: a footnote caret, or authors with a citation's marks."""
    return bool(_CARET.match(line) or (_AUTHORS.match(line) and _CITATION_MARK.search(line)))


def is_question(sentence: str) -> bool:
    """A question states nothing."""
    return sentence.rstrip(" \"'”’)").endswith("?")


def negated(folded_clause_prefix: str) -> bool:
    """A negation cue in the clause before (or around) the fact's cue, other than one of a
    negated noun phrase that ends before the cue."""
    closed = [
        phrase.span()
        for phrase in _NEGATED_PHRASE.finditer(folded_clause_prefix)
        if _PHRASE_END.search(folded_clause_prefix, phrase.end())
    ]
    return any(
        not any(start <= match.start() < end for start, end in closed)
        for match in _NEGATION.finditer(folded_clause_prefix)
    )


def negation_scope(folded: str, clause_start: int, cue_start: int) -> int:
    """Where a negation can start to deny the cue at cue_start: the clause start, or past a
    fronted subordinate clause or the last non-restrictive relative clause opened before it."""
    fronted = _FRONTED_CLAUSE.match(folded, clause_start, cue_start)
    scope = fronted.end() if fronted else clause_start
    for match in _RELATIVE_CLAUSE.finditer(folded, scope, cue_start):
        scope = match.end()
    return scope


def hypothetical(folded_sentence: str, cue_offset: int) -> bool:
    """The cue sits in an if-clause (up to the comma that closes it)."""
    for match in _HYPOTHETICAL.finditer(folded_sentence, 0, cue_offset):
        if "," not in folded_sentence[match.end() : cue_offset]:
            return True
    return False


def marketing(folded_sentence: str) -> bool:
    """The sentence sells something."""
    return bool(_MARKETING.search(folded_sentence))


@cache
def load_patterns(name: str) -> tuple[tuple[str, re.Pattern[str]], ...]:
    """(value, compiled pattern) pairs from a lexicon YAML of value -> list of regexes, in order."""
    table = yaml.safe_load((LEXICON_DIR / f"{name}.yaml").read_text(encoding="utf-8"))
    return tuple(
        (value, re.compile(rf"(?<![a-z0-9]){pattern}(?![a-z0-9])"))
        for value, patterns in table.items()
        for pattern in patterns
    )


class Cues:
    """Non-overlapping cues of one lexicon in a whole folded text, earlier patterns first.

    Each pattern scans the document once (not once per sentence), and overlaps are resolved
    against a sorted list of accepted spans, so the cost grows linearly with the text.
    """

    def __init__(self, name: str, folded: str) -> None:
        starts: list[int] = []
        accepted: list[tuple[int, int, str]] = []
        for value, pattern in load_patterns(name):
            for match in pattern.finditer(folded):
                start, end = match.span()
                position = bisect.bisect_left(starts, start)
                clear_before = position == 0 or accepted[position - 1][1] <= start
                clear_after = position == len(starts) or accepted[position][0] >= end
                if clear_before and clear_after:
                    starts.insert(position, start)
                    accepted.insert(position, (start, end, value))
        self._starts = starts
        self._cues = accepted

    def within(self, start: int, end: int) -> list[tuple[int, int, str]]:
        """(start, end, value) of the cues inside folded[start:end], in order."""
        low = bisect.bisect_left(self._starts, start)
        high = bisect.bisect_left(self._starts, end)
        return [cue for cue in self._cues[low:high] if cue[1] <= end]
