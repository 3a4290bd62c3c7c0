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
_FRONTED_CLAUSE = re.compile(
    r"[^a-z0-9]*(?:if|when|once|after|before|because|since|although|though|while|as)\b[^,]*,\s*"
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
    not sales talk."""
    for index, sentence in enumerate(document.sentences):
        folded_sentence = folded[sentence.start : sentence.end]
        if not is_question(document.text[sentence.start : sentence.end]) and not marketing(
            folded_sentence
        ):
            yield index, sentence, folded_sentence


def is_question(sentence: str) -> bool:
    """A question states nothing."""
    return sentence.rstrip(" \"'”’)").endswith("?")


def negated(folded_clause_prefix: str) -> bool:
    """A negation cue in the clause before (or around) the fact's cue."""
    return bool(_NEGATION.search(folded_clause_prefix))


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
