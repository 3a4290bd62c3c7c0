"""Figures in English health text (percentages, ratios, rates, counts), with exact offsets.

One scan finds anchors (a digit run or a number word); a small recursive-descent reader then tries
every reading at the anchor with patterns compiled once at import and matched at fixed positions,
so the cost stays linear in the length of the text.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace

__all__ = ["Figure", "find_figures", "parse_number"]


@dataclass(frozen=True, slots=True)
class Figure:
    """A figure read from a text; ``text[start:end]`` covers hedge, number(s) and unit words."""

    start: int
    end: int
    form: str  # "percent" | "ratio" | "rate" | "count"
    low: float  # percent, ratio and rate as a fraction (5% -> 0.05); count as an absolute number
    high: float
    hedge: str | None
    bound: str | None  # "upper" | "lower" | None


# --- vocabulary -----------------------------------------------------------------------------

_SMALL_WORDS = (
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
    "nineteen",
)  # fmt: skip
_SMALL = {word: value for value, word in enumerate(_SMALL_WORDS)}
_TENS_WORDS = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
_TENS = {word: 10 * (index + 2) for index, word in enumerate(_TENS_WORDS)}
_SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9}
_SCALE_VALUES = {**_SCALES, "hundred": 100.0, "dozen": 12.0}
_FRACTION_DENOMINATORS = {
    "half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4,
    "fourth": 4, "fourths": 4, "fifth": 5, "fifths": 5, "sixth": 6, "sixths": 6,
    "seventh": 7, "sevenths": 7, "eighth": 8, "eighths": 8, "ninth": 9, "ninths": 9,
    "tenth": 10, "tenths": 10,
}  # fmt: skip

_UPPER_HEDGES = frozenset(
    {"up to", "as many as", "fewer than", "less than", "under", "no more than", "at most"}
)
_LOWER_HEDGES = frozenset({"more than", "over", "at least", "greater than"})
_SYMBOL_HEDGES = {
    "~": "approximately", "≈": "approximately", "approx": "approximately",
    "approx.": "approximately", "<": "less than", ">": "more than", "≤": "at most",
    "≥": "at least", "<=": "at most", ">=": "at least",
}  # fmt: skip

# --- patterns -------------------------------------------------------------------------------

# Whitespace inside a figure: any run, at most one line break; possessive, so never backtracks.
_OSP = r"[^\S\n]*+(?:\n[^\S\n]*+)?+"
_SP = r"(?=\s)" + _OSP
_NOT_LETTER_AFTER = r"(?![^\W\d_])"
_NOT_LETTER_BEFORE = r"(?<![^\W\d_])"
_GROUP_SPACES = "\u00a0\u2007\u2009\u202f"


def _alternation(words: Iterable[str]) -> str:
    """Regex alternation of words, longest first so a prefix never shadows a longer word."""
    return "|".join(sorted(map(re.escape, words), key=len, reverse=True))


_NUMBER_WORDS = _alternation([*_SMALL, *_TENS])
_FRACTION_WORDS = _alternation(_FRACTION_DENOMINATORS)


def _trie(words: Iterable[str]) -> str:
    """Regex for a set of words as a prefix tree (a flat IGNORECASE alternation scans slowly)."""
    tree: dict[str, dict] = {}
    for word in words:
        node = tree
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def emit(node: dict[str, dict]) -> str:
        branches = [re.escape(char) + emit(child) for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        if len(branches) == 1 and "" not in node:
            return branches[0]
        body = "(?:" + "|".join(branches) + ")"
        return body + "?" if "" in node else body

    return emit(tree)


def _anchor_pattern() -> str:
    """A digit-run start, a number word or an article before a scale or fraction ("a hundred").

    The pattern opens with one character class and checks what precedes by lookbehind, so the
    regex engine can skip through the text by that class; this keeps a 5 MB scan fast.
    """
    words = [*_SMALL, *_TENS, "half"]
    firsts = sorted({word[0] for word in words})
    branches = [f"(?<={first}){_trie(w[1:] for w in words if w[0] == first)}" for first in firsts]
    targets = ["hundred", *_SCALES, "dozen", *(w for w in _FRACTION_DENOMINATORS if w[-1] != "s")]
    branches.append(rf"(?<=a)(?=\s){_OSP}(?:{_trie(targets)})")
    return (
        rf"[0-9a{''.join(firsts)}]"
        rf"(?:(?<=[0-9])(?<![0-9].)|(?<![^\W\d_].)(?:{'|'.join(branches)})\b)"
    )


_ANCHOR = re.compile(_anchor_pattern(), re.IGNORECASE)
_DIGITS = re.compile(
    rf"[0-9]{{1,3}}(?:(?:,[0-9]{{3}})++|(?:[{_GROUP_SPACES}][0-9]{{3}})++)(?![0-9])(?:\.[0-9]+)?"
    r"|[0-9]++(?:\.[0-9]+)?"
)
# In a denominator ("per 100 000") a plain space also groups thousands.
_DIGITS_SPACED = re.compile(rf"[0-9]{{1,3}}(?:[ {_GROUP_SPACES}][0-9]{{3}})++(?![0-9])")
_DIGIT_SCALE = re.compile(
    rf"(?:{_SP}|-)(?:(hundred)(?:(?:{_SP}|-)(thousand|million|billion))?|(thousand|million|billion))"
    + _NOT_LETTER_AFTER,
    re.IGNORECASE,
)
# "100 000" with a plain space is one number only in a denominator; elsewhere it is ambiguous.
_SPACE_GROUP_AFTER = re.compile(r" [0-9]{3}(?![0-9])")
_NOT_DIGIT = re.compile(r"[^0-9.]")
_LETTERS = re.compile(r"[^\W\d_]+")
_WORD_GAP = re.compile(rf"-(?=[^\W\d_])|{_SP}")
_FRACTION = re.compile(
    rf"(?:(a|{_NUMBER_WORDS})(?:-|{_SP}))?({_FRACTION_WORDS}){_NOT_LETTER_AFTER}", re.IGNORECASE
)
_BIG_SCALE = rf"(thousand|million|billion){_NOT_LETTER_AFTER}"
# A fraction of a scale is a number: "half a million", "a quarter of a million", "a half million";
# "half a dozen" (6) is one too, so that it is not read as a share "half".
_FRACTION_OF_SCALE = re.compile(
    rf"(?:(a|{_NUMBER_WORDS})(?:-|{_SP}))?({_FRACTION_WORDS})"
    rf"(?:(?:(?:{_SP}|-)of)?(?:{_SP}|-)a)?(?:{_SP}|-)(thousand|million|billion|hundred|dozen)"
    rf"{_NOT_LETTER_AFTER}",
    re.IGNORECASE,
)
# A whole number and a half or quarter: "one and a half", "2 and three quarters", then a scale.
_AND_A_FRACTION = re.compile(
    rf"{_SP}and{_SP}(?:(?:a|one)(?:{_SP}|-)(half|quarter)|(three)(?:{_SP}|-)quarters)"
    rf"{_NOT_LETTER_AFTER}",
    re.IGNORECASE,
)
_SCALE_AFTER = re.compile(rf"(?:{_SP}|-){_BIG_SCALE}", re.IGNORECASE)
_OF_AFTER = re.compile(rf"{_SP}of\b", re.IGNORECASE)
_HALF_EXCLUDED_BEFORE = re.compile(
    rf"{_NOT_LETTER_BEFORE}(?:the|a|an|and|first|second|other|latter|last|each|every|this|that)"
    rf"{_SP}\Z",
    re.IGNORECASE,
)
_PERCENT_MARK = re.compile(
    rf"{_OSP}[%\uff05]|{_SP}(?:per(?:{_SP}|-)?cent|pct){_NOT_LETTER_AFTER}", re.IGNORECASE
)
_RATIO_WORDS = re.compile(
    rf"{_SP}(?:in(?:{_SP}every)?|out{_SP}of(?:{_SP}every)?|of{_SP}every){_SP}|-in-",
    re.IGNORECASE,
)
# Who or what is counted, between a numerator and "per" or "in every" ("2 cases per 100,000").
_RATE_NOUNS = (
    rf"(?:new{_SP})?(?:cases?|deaths?|(?:live{_SP})?births?|people|persons?|individuals?"
    r"|patients?|child(?:ren)?|adults?|m[ae]n|wom[ae]n|males?|females?|infants?|newborns?"
    r"|bab(?:y|ies)|boys?|girls?)"
)
# What happens to the counted ones, and when, may sit before "per": "10 new cases are diagnosed
# per million", "2 cases a year per 100,000".
_RATE_VERB = (
    rf"(?:{_SP}(?:(?:are|is|were|was|get|gets|being){_SP})?(?:newly{_SP})?"
    r"(?:diagnosed|reported|recorded|registered|identified|detected|confirmed|seen|born"
    r"|occur(?:s|red)?|arise|appear|develop))"
)
_RATE_YEAR = rf"(?:{_SP}(?:a|per|each|every){_SP}year)"
_RATE_WORDS = re.compile(
    rf"(?:{_SP}{_RATE_NOUNS}{_RATE_VERB}?{_RATE_YEAR}?)?{_SP}per{_SP}", re.IGNORECASE
)
# "1/8,000", "1:8,000" and Orphanet's "1-9 / 100 000" read as "1 in 8,000".
_SLASH = re.compile(rf"{_OSP}[/:]{_OSP}")
# "25 people in every million", "3 patients out of 10"; a bare "in" after a noun (group 1) reads
# as a ratio only in "1 person in 3" or before a round denominator ("20 patients in 3 centres").
_NOUN_RATIO_WORDS = re.compile(
    rf"{_SP}{_RATE_NOUNS}{_SP}(?:in{_SP}every|out{_SP}of(?:{_SP}every)?|of{_SP}every|(in)){_SP}",
    re.IGNORECASE,
)
_RANGE_SEP = re.compile(
    rf"{_OSP}([\-\u2010\u2011\u2013\u2014]){_OSP}|{_SP}(to|and){_SP}", re.IGNORECASE
)
# The second end of a range may carry its own hedge: "from about 5 to more than 70 per million".
_SECOND_HEDGE = re.compile(
    rf"(about|around|approximately|roughly|nearly|almost|over|more{_SP}than|up{_SP}to"
    rf"|as{_SP}many{_SP}as|fewer{_SP}than|less{_SP}than){_SP}",
    re.IGNORECASE,
)
# "between about 5 and 10 percent": a hedge (group 2) may sit between the prefix and the range.
_RANGE_PREFIX = re.compile(
    rf"{_NOT_LETTER_BEFORE}(between|from){_SP}(?:(an{_SP}estimated|estimated|approximately"
    rf"|approx\.?|about|around|roughly|some){_SP})?\Z",
    re.IGNORECASE,
)
_HEDGE_BEFORE = re.compile(
    rf"{_NOT_LETTER_BEFORE}(an{_SP}estimated|estimated|approximately|approx\.?|about|around"
    rf"|roughly|nearly|almost|up{_SP}to|as{_SP}many{_SP}as|no{_SP}more{_SP}than|fewer{_SP}than"
    rf"|less{_SP}than|more{_SP}than|greater{_SP}than|at{_SP}least|at{_SP}most|over|under|some)"
    rf"{_SP}\Z"
    rf"|(?<![^\s(\[])([~≈]|[<>]=?|[≤≥]){_OSP}\Z",
    re.IGNORECASE,
)
_CURRENCY_BEFORE = re.compile(
    rf"(?:[$€£¥₹]|{_NOT_LETTER_BEFORE}(?:usd|eur|gbp|inr|rs\.?)){_OSP}\Z", re.IGNORECASE
)
# Words after which a number names a thing (type 2, stage 3, OMIM 253300) rather than counting.
_LABEL_BEFORE = re.compile(
    rf"(?:{_NOT_LETTER_BEFORE}(?:types?|grades?|stages?|class|phases?|levels?|chapters?|steps?"
    r"|pages?|pp?|fig(?:ure)?s?|tables?|sections?|versions?|chromosomes?|exons?|introns?|codons?"
    r"|items?|aged?|ages|omim|orpha|orphanet|pmid|pmcid|doi|isbn|issn|hp|id|refs?)\.?"
    rf"|{_NOT_LETTER_BEFORE}nos?\.|#){_OSP}[#:]?{_OSP}\Z",
    re.IGNORECASE,
)
# Units and currencies after which a quantity is not a count of people or cases.
_NOT_A_COUNT_AFTER = re.compile(
    rf"{_OSP}(?:°|(?:mg|mcg|µg|μg|ug|ng|g|kg|ml|dl|l|mmol|µmol|μmol|nmol|mol|iu|units?|u/l"
    r"|mm|cm|m|km|mi|miles?|meters?|metres?|kilometers?|kilometres?|feet|foot|ft|inch(?:es)?"
    r"|lbs?|pounds?|ounces?|oz|kcal|calories|cal|hz|khz|mhz|bpm|mmhg|ms|seconds?|secs?"
    r"|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?|yrs?|times|fold|steps|reps"
    r"|dollars?|euros?|usd|eur|gbp|cents?|yen|rupees?|bc|bce|ad|ce)"
    rf"{_NOT_LETTER_AFTER})",
    re.IGNORECASE,
)
# Characters that join a number to a neighbouring token (IL-6, HP:0003202, 1.2.3, 1990's).
_JOINERS = "-\u2010\u2011\u2013/:.,_'\u2019+"


_TIGHT_DASHES = frozenset("-\u2010\u2011\u2013")

# --- single numbers -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Num:
    value: float
    end: int
    scale: float | None  # multiplier word the number ends with ("2 million" -> 1e6)
    words: bool
    yearlike: bool  # a bare 4-digit integer 1000-2099, read as a year unless hedged


def _touches_word(text: str, index: int) -> bool:
    """True when text[index] continues a word (a letter, digit or underscore)."""
    return index < len(text) and (text[index].isalnum() or text[index] == "_")


def _digit_numbers(text: str, pos: int, spaced: bool) -> Iterator[_Num]:
    matches = [_DIGITS.match(text, pos)]
    if spaced:
        matches.append(_DIGITS_SPACED.match(text, pos))
    for match in filter(None, matches):
        raw = match.group()
        value = float(_NOT_DIGIT.sub("", raw))
        yearlike = len(raw) == 4 and raw.isdigit() and 1000 <= value <= 2099
        yield _Num(value, match.end(), None, False, yearlike)
        scale = _DIGIT_SCALE.match(text, match.end())
        if scale:
            hundred, big = scale.group(1), scale.group(2) or scale.group(3)
            factor = (100.0 if hundred else 1.0) * (_SCALES[big.casefold()] if big else 1.0)
            last = _SCALES[big.casefold()] if big else 100.0
            yield _Num(value * factor, scale.end(), last, False, False)


_WORD_NEXT = {
    None: {"zero", "unit", "teen", "tens", "a"},
    "a": {"hundred", "scale", "dozen"},
    "unit": {"hundred", "scale", "dozen"},
    "teen": {"hundred", "scale"},
    "tens": {"unit", "scale"},
    "hundred": {"unit", "teen", "tens", "and", "scale"},
    "scale": {"unit", "teen", "tens", "and"},
    "and": {"unit", "teen", "tens"},
    "zero": set(),
    "dozen": set(),
}


_OTHER_WORDS = {"hundred": 100.0, "dozen": 12.0, "and": 0.0, "a": 1.0}


def _word_kind(word: str) -> tuple[str, float] | None:
    word = word.casefold()
    if word in _SMALL:
        value = _SMALL[word]
        return ("zero" if value == 0 else "unit" if value < 10 else "teen"), value
    if word in _TENS:
        return "tens", _TENS[word]
    if word in _SCALES:
        return "scale", _SCALES[word]
    return (word, _OTHER_WORDS[word]) if word in _OTHER_WORDS else None


class _WordState:
    """Running value of a number in words, fed one word at a time (standard total/group method)."""

    def __init__(self) -> None:
        self.total = 0.0
        self.group = 0.0
        self.has_hundred = False
        self.last_scale = math.inf
        self.scale: float | None = None

    def feed(self, kind: str, value: float) -> bool:
        """Apply one word; False when it cannot continue the number."""
        if kind == "hundred":
            if self.has_hundred:
                return False
            self.group, self.has_hundred, self.scale = (self.group or 1) * 100, True, 100.0
        elif kind == "scale":
            if value >= self.last_scale:
                return False
            self.total += (self.group or 1) * value
            self.group, self.has_hundred, self.last_scale, self.scale = 0.0, False, value, value
        elif kind == "dozen":
            self.group, self.scale = (self.group or 1) * 12, None
        elif kind == "a":
            self.group = 1.0
        elif kind != "and":
            self.group, self.scale = self.group + value, None
        return True


def _word_numbers(text: str, pos: int, bare_scale: bool) -> Iterator[_Num]:
    """Every number in words that starts at pos, one per place where it could stop."""
    state, last, index = _WordState(), None, pos
    while (match := _LETTERS.match(text, index)) is not None:
        kind_value = _word_kind(match.group())
        if kind_value is None:
            return
        kind, value = kind_value
        allowed = _WORD_NEXT[last]
        if bare_scale and last is None:
            allowed = allowed | {"hundred", "scale"}  # "per million", "in every thousand"
        if kind not in allowed or not state.feed(kind, value):
            return
        last = kind
        if kind not in ("a", "and"):
            yield _Num(state.total + state.group, match.end(), state.scale, True, False)
        gap = _WORD_GAP.match(text, match.end())
        if gap is None:
            return
        index = gap.end()


def _fraction_of_scale(text: str, pos: int) -> Iterator[_Num]:
    """'half a million', 'a quarter of a million', 'three quarters of a million' as counts."""
    match = _FRACTION_OF_SCALE.match(text, pos)
    if match is None:
        return
    numerator_word, denominator_word = match.group(1), match.group(2).casefold()
    numerator = 1
    if numerator_word is not None and numerator_word.casefold() != "a":
        numerator = _SMALL.get(numerator_word.casefold(), 0)
    denominator = _FRACTION_DENOMINATORS[denominator_word]
    if numerator_word is None and denominator != 2:
        return  # "third of a million" needs "a" or a number before it
    if 0 < numerator <= denominator:
        scale = _SCALE_VALUES[match.group(3).casefold()]
        yield _Num(numerator / denominator * scale, match.end(), scale, True, False)


def _and_a_fraction(text: str, num: _Num) -> Iterator[_Num]:
    """'one and a half' (1.5), 'one and a half million' (1.5e6), 'a million and a half' (1.5e6)."""
    if not num.value.is_integer() or (num.scale is not None and num.scale < 1e3):
        return
    match = _AND_A_FRACTION.match(text, num.end)
    if match is None:
        return
    part = 0.75 if match.group(2) else 1 / _FRACTION_DENOMINATORS[match.group(1).casefold()]
    if num.scale is not None:
        yield _Num(num.value + part * num.scale, match.end(), None, num.words, False)
        return
    yield _Num(num.value + part, match.end(), None, num.words, False)
    if scale_match := _SCALE_AFTER.match(text, match.end()):
        scale = _SCALES[scale_match.group(1).casefold()]
        yield _Num((num.value + part) * scale, scale_match.end(), scale, num.words, False)


def _numbers_at(
    text: str, pos: int, *, bare_scale: bool = False, spaced: bool = False
) -> list[_Num]:
    """All readings of one number starting at pos (digits or words), not glued to a word after."""
    if pos >= len(text):
        return []
    if text[pos].isdigit() and text[pos].isascii():
        found = list(_digit_numbers(text, pos, spaced))
    else:
        found = [*_word_numbers(text, pos, bare_scale), *_fraction_of_scale(text, pos)]
    found += [mixed for num in found for mixed in _and_a_fraction(text, num)]
    return [n for n in found if math.isfinite(n.value) and not _touches_word(text, n.end)]


def _fractions_at(text: str, pos: int, strict: bool) -> list[tuple[float, int]]:
    """A fraction in words at pos ("half", "a third", "two-thirds") as (value, end).

    strict (for running text): "a third" must be followed by "of" (else "a third dose"), and a
    bare "half" must not follow "the", "first" and the like ("the first half of the year").
    """
    match = _FRACTION.match(text, pos)
    if match is None:
        return []
    numerator_word, denominator_word = match.group(1), match.group(2).casefold()
    denominator = _FRACTION_DENOMINATORS[denominator_word]
    if numerator_word is None:
        if denominator != 2:
            return []
        if strict and _HALF_EXCLUDED_BEFORE.search(text, max(0, pos - 12), pos):
            return []
        numerator = 1
    elif numerator_word.casefold() == "a":
        if strict and not _OF_AFTER.match(text, match.end()):
            return []
        numerator = 1
    else:
        numerator = _SMALL.get(numerator_word.casefold(), 0)
    if not 0 < numerator <= denominator:
        return []
    return [(numerator / denominator, match.end())]


# --- terms and readings ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Term:
    kind: str  # "num" | "pct" | "frac" | "ratio" | "rate"
    end: int
    value: float
    num: _Num | None = None
    den: _Num | None = None


@dataclass(frozen=True, slots=True)
class _Reading:
    form: str
    low: float
    high: float
    end: int
    ranged_by: str | None  # the range separator ("to", "and", "-", " -" when spaced) or None
    nums: tuple[_Num, ...]  # the numbers read, for the year check on counts
    inner_hedge: str | None = None  # a hedge on the second end ("5 to more than 70")


def _terms_at(text: str, pos: int) -> list[_Term]:
    """Every number-with-unit that starts at pos."""
    numbers = _numbers_at(text, pos)
    terms = []
    if not any(n.words and n.scale is not None and n.end > pos for n in numbers):
        terms = [_Term("frac", end, v) for v, end in _fractions_at(text, pos, strict=True)]
    for num in numbers:
        terms.append(_Term("num", num.end, num.value, num))
        if mark := _PERCENT_MARK.match(text, num.end):
            terms.append(_Term("pct", mark.end(), num.value, num))
        for kind, words in _LINKS:
            if link := words.match(text, num.end):
                for den in _numbers_at(text, link.end(), bare_scale=True, spaced=True):
                    if den.value > 0 and _denominator_ok(link, num, den):
                        terms.append(_Term(kind, den.end, num.value, num, den))
    return terms


_LINKS = (
    ("ratio", _RATIO_WORDS),
    ("ratio", _NOUN_RATIO_WORDS),
    ("rate", _RATE_WORDS),
    ("ratio", _SLASH),
)


def _denominator_ok(link: re.Match[str], num: _Num, den: _Num) -> bool:
    """Whether den can close the figure that link opened after num."""
    if link.re is _SLASH:
        return _slash_ok(den)
    return not link.groups() or _bare_in_ok(link, num, den)


def _slash_ok(den: _Num) -> bool:
    """A slash reads as 'in' only before a denominator of a thousand or more: a smaller one is
    more often a date, a score or a dose ("3/4", "20/200", "140/90"), and a four-digit one that
    is not round more often a year ("3/2021")."""
    return den.value >= 1000 and not (den.yearlike and den.value % 1000)


def _bare_in_ok(link: re.Match[str], num: _Num, den: _Num) -> bool:
    """After a noun, a bare 'in' links a ratio only for 1 ('1 person in 3'), small words ('two
    people in three') or a round denominator ('5 people in 1,000', 'in a million'), not in
    '20 patients in 3 centres'."""
    if link.group(1) is None or num.value == 1 or den.scale is not None:
        return True
    if num.words and den.words and den.value <= 10:
        return True
    power = math.log10(den.value)
    return power >= 1 and abs(power - round(power)) < 1e-9


def _ratio_form(term: _Term) -> str:
    """'two in three' said in small words is a plain proportion; '1 in 40,000' is a ratio."""
    assert term.num is not None and term.den is not None
    small_words = term.num.words and term.den.words and term.den.value <= 10
    return "percent" if small_words else "ratio"


def _single(term: _Term) -> _Reading | None:
    nums = tuple(n for n in (term.num, term.den) if n is not None)
    if term.kind == "num":
        return _Reading("count", term.value, term.value, term.end, None, nums)
    if term.kind == "pct":
        return _Reading("percent", term.value / 100, term.value / 100, term.end, None, nums)
    if term.kind == "frac":
        return _Reading("percent", term.value, term.value, term.end, None, nums)
    assert term.den is not None
    value = term.value / term.den.value
    if term.kind == "rate":
        return _Reading("rate", value, value, term.end, None, nums)
    # "5 in 2019" is a year, but "1 in 2000" is a ratio.
    if term.value > term.den.value or (term.den.yearlike and term.value != 1):
        return None
    return _Reading(_ratio_form(term), value, value, term.end, None, nums)


def _scaled_low(first: _Num, second: _Num) -> float:
    """'1.5 to 2 million': the multiplier of the second end applies to a bare first end."""
    if first.scale is None and second.scale is not None:
        scaled = first.value * second.scale
        if scaled <= second.value:
            return scaled
    return first.value


def _combine(first: _Term, second: _Term, sep: str) -> _Reading | None:
    """A range 'first sep second', when the two ends fit together."""
    kinds = (first.kind, second.kind)
    nums = tuple(n for t in (first, second) for n in (t.num, t.den) if n is not None)
    if kinds in (("num", "pct"), ("pct", "pct")):
        low, high, form = first.value / 100, second.value / 100, "percent"
    elif kinds == ("frac", "frac"):
        low, high, form = first.value, second.value, "percent"
    elif kinds == ("num", "rate"):
        assert second.den is not None
        low, high, form = first.value / second.den.value, second.value / second.den.value, "rate"
    elif kinds == ("rate", "rate"):
        assert first.den is not None and second.den is not None
        low, high, form = first.value / first.den.value, second.value / second.den.value, "rate"
    elif kinds == ("num", "num"):
        assert first.num is not None and second.num is not None
        if first.num.yearlike != second.num.yearlike and sep not in _TIGHT_DASHES:
            return None  # "in 2019 - 30,000 people" is a year and a count, not a range
        low, high, form = _scaled_low(first.num, second.num), second.value, "count"
    else:
        return _combine_ratio(first, second, sep, nums)
    if low > high:
        return None
    return _Reading(form, low, high, second.end, sep, nums)


def _combine_ratio(
    first: _Term, second: _Term, sep: str, nums: tuple[_Num, ...]
) -> _Reading | None:
    """Ratio ranges: '1 in 5,000 to 1 in 10,000', '1 in 5,000 to 10,000', '1 to 2 in 1,000'."""
    kinds = (first.kind, second.kind)
    if kinds == ("ratio", "ratio"):
        assert first.den is not None and second.den is not None
        if first.value > first.den.value or second.value > second.den.value:
            return None
        ends = (first.value / first.den.value, second.value / second.den.value)
        form = _ratio_form(first)
    elif kinds == ("ratio", "num"):
        assert first.den is not None
        if second.value <= first.den.value:
            return None
        ends = (first.value / first.den.value, first.value / second.value)
        form = "ratio"
    elif kinds == ("num", "ratio"):
        assert second.den is not None
        if not first.value <= second.value <= second.den.value:
            return None
        ends = (first.value / second.den.value, second.value / second.den.value)
        form = _ratio_form(second)
    else:
        return None
    return _Reading(form, min(ends), max(ends), second.end, sep, nums)


def _readings(text: str, pos: int) -> Iterator[_Reading]:
    """Every reading of a figure whose first number starts at pos."""
    # "one-half million" is one number, not a range "one" to "half million".
    whole = _FRACTION_OF_SCALE.match(text, pos)
    for first in _terms_at(text, pos):
        single = _single(first)
        if single is not None:
            yield single
        sep = _RANGE_SEP.match(text, first.end)
        if sep is None or (whole is not None and sep.start() < whole.end()):
            continue
        word = sep.group(2).casefold() if sep.group(2) else sep.group(1)
        if word in _TIGHT_DASHES and sep.end() - sep.start() > 1:
            word = " " + word  # a spaced dash may be punctuation rather than a range
        yield from _ranges(text, first, sep.end(), word)


def _ranges(text: str, first: _Term, pos: int, sep: str) -> Iterator[_Reading]:
    """Readings of a range whose second end starts at pos, perhaps after its own hedge."""
    for second in _terms_at(text, pos):
        if (reading := _combine(first, second, sep)) is not None:
            yield reading
    if hedge := _SECOND_HEDGE.match(text, pos):
        for second in _terms_at(text, hedge.end()):
            if (reading := _combine(first, second, sep)) is not None:
                yield replace(reading, inner_hedge=_normal_hedge(hedge.group(1)))


# --- figures --------------------------------------------------------------------------------


def _glued_before(text: str, pos: int) -> bool:
    """True when the number at pos is part of a token (SMA1, IL-6, HP:0003202, 2026-04-07)."""
    if pos == 0:
        return False
    before = text[pos - 1]
    if before.isalnum() or before == "_":
        return True
    return before in _JOINERS and pos >= 2 and text[pos - 2].isalnum()


def _glued_after(text: str, end: int) -> bool:
    """True when a figure ending at end runs on into a token (1st, 100-fold, 1.2.3, 1990's)."""
    if _touches_word(text, end):
        return True
    return end < len(text) and text[end] in _JOINERS and _touches_word(text, end + 1)


def _hedge_before(text: str, start: int, floor: int) -> tuple[str | None, int]:
    """The hedge right before start, normalized, and where it begins."""
    match = _HEDGE_BEFORE.search(text, max(floor, start - 30), start)
    if match is None:
        return None, start
    return _normal_hedge(match.group(1) or match.group(2)), match.start()


def _normal_hedge(hedge: str) -> str:
    """A hedge in lower case with single spaces; symbols and 'approx.' as words."""
    words = " ".join(hedge.casefold().split())
    return _SYMBOL_HEDGES.get(words, words)


def _bound(hedge: str | None) -> str | None:
    if hedge in _UPPER_HEDGES:
        return "upper"
    if hedge in _LOWER_HEDGES:
        return "lower"
    return None


def _plausible(text: str, reading: _Reading) -> bool:
    """Checks on the reading and what follows it; counts must be >= 100 and not measurements."""
    if _glued_after(text, reading.end):
        return False
    if not (math.isfinite(reading.low) and math.isfinite(reading.high)):
        return False
    if reading.form != "count":
        return True
    return reading.high >= 100 and _SPACE_GROUP_AFTER.match(text, reading.end) is None


def _figure(
    text: str, pos: int, reading: _Reading, prefix: re.Match[str] | None, floor: int
) -> Figure | None:
    """The reading as a Figure with its hedge, or None when the context before rules it out."""
    if reading.ranged_by is not None and prefix is not None:
        start = prefix.start()
    elif reading.ranged_by == "and":
        return None  # "5 and 10%" without "between" is a list, not a range
    else:
        start = pos
    hedge, hedge_start = _hedge_before(text, start, floor)
    if hedge is None and start != pos and prefix is not None and prefix.group(2):
        hedge = _normal_hedge(prefix.group(2))  # "between about 5 and 10%"
    if hedge is None:
        if _LABEL_BEFORE.search(text, max(floor, start - 16), start):
            return None
        if reading.form == "count" and all(n.yearlike for n in reading.nums):
            return None
    bound = _bound(hedge)
    hedge = hedge or reading.inner_hedge  # an inner hedge bounds one end, not the figure
    return Figure(hedge_start, reading.end, reading.form, reading.low, reading.high, hedge, bound)


def _best_figure(text: str, pos: int, floor: int) -> Figure | None:
    """The longest acceptable figure whose first number starts at pos; nothing before floor."""
    if _glued_before(text, pos) or _CURRENCY_BEFORE.search(text, max(floor, pos - 6), pos):
        return None
    readings = list(_readings(text, pos))
    if any(r.form == "count" and _NOT_A_COUNT_AFTER.match(text, r.end) for r in readings):
        # "1,000 to 2,000 mg": a measurement, so no part of it is a count either.
        readings = [r for r in readings if r.form != "count"]
    readings = [r for r in readings if _plausible(text, r)]
    prefix = None
    if any(r.ranged_by is not None for r in readings):
        prefix = _RANGE_PREFIX.search(text, max(floor, pos - 40), pos)
        if prefix is not None and prefix.group(1).casefold() == "from":
            readings = [r for r in readings if r.ranged_by != "and"]
    # Longest first; at equal ends a range may start earlier, at its "between" or "from".
    for reading in sorted(readings, key=lambda r: (r.end, r.ranged_by is not None), reverse=True):
        figure = _figure(text, pos, reading, prefix, floor)
        if figure is not None:
            return figure
    return None


def find_figures(text: str) -> list[Figure]:
    """All figures in text, left to right, non-overlapping (longest reading wins)."""
    figures: list[Figure] = []
    floor = 0
    for anchor in _ANCHOR.finditer(text):
        if anchor.start() < floor:
            continue
        figure = _best_figure(text, anchor.start(), floor)
        if figure is not None:
            figures.append(figure)
            floor = figure.end
    return figures


def parse_number(text: str) -> float | None:
    """Value of one number expression in digits or words ("1,500", "1.5 million", "ninety-five",
    "a hundred thousand", "one-third"), else None."""
    stripped = text.strip()
    candidates = [(n.value, n.end) for n in _numbers_at(stripped, 0, spaced=True)]
    candidates += _fractions_at(stripped, 0, strict=False)
    for value, end in candidates:
        if end == len(stripped):
            return value
    return None
