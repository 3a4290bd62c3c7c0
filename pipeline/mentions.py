"""Recognize condition mentions: lexicon names, curated abbreviations, abbreviations a text defines.

Names are found with one Aho-Corasick automaton over case- and diacritic-folded text with runs of
spaces and invisible characters squeezed (offsets are mapped back), filtered to whole words,
longest match first. Short forms are matched case-sensitively; an ambiguous short form ("MS")
counts only after the text defines it ("multiple sclerosis (MS)"), and a text may define new ones
for any condition it names.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

import ahocorasick_rs
import polars as pl

from pipeline.text.normalize import fold, fold_name, squeeze


@dataclass(frozen=True, slots=True)
class Mention:
    """A condition named at text[start:end]."""

    start: int
    end: int
    condition_id: str


_DEFINITION = re.compile(
    r"\s*(?:\(\s*(?P<paren>[A-Z](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){1,9})\s*[)/,;]"
    r"|,?\s+or\s+(?P<or>[A-Z][A-Z0-9]{1,9})\b)"
)
_PLURALS = ((r"y$", "ies"), (r"(?<=[^s])$", "s"))


def _variants(name: str) -> set[str]:
    """Folded forms a name may take in prose: as written, plural, possessive without apostrophe."""
    folded = fold_name(name)
    forms = {folded, folded.replace("'", ""), folded.replace("'s ", " ").replace("'s", "")}
    for pattern, plural in _PLURALS:
        forms.add(re.sub(pattern, plural, folded, count=1))
    return {form for form in forms if form}


# "stroke-like lesions", "myositis-specific antibodies": the name modifies something else.
_MODIFIER_SUFFIX = re.compile(
    r"[-\u2010\u2011 ](?:like|specific|related|associated|type|free)\b", re.IGNORECASE
)


_WORD_BEFORE = re.compile(r"(?<![\w'-])([A-Za-z][\w'-]*?(?:'s)?)\s+$")
# The number (and letter) of a type written onto a short form: "FSHD1", "LGMD2A".
_TYPE_SUFFIX = re.compile(r"[0-9]{1,2}[A-Z]?")
# Genes are often named like numbered types ("the ALS2 gene").
_GENE = re.compile(r"\s+(?:genes?|proteins?|mutations?|variants?)\b")


def _type_end(text: str, start: int, end: int) -> int | None:
    """Where a type number written onto the short form text[start:end] ends ("FSHD1"), if any."""
    suffix = _TYPE_SUFFIX.match(text, end)
    if (
        suffix
        and _is_word_boundary(text, start, suffix.end())
        and not _GENE.match(text, suffix.end())
    ):
        return suffix.end()
    return None


def _is_word_boundary(text: str, start: int, end: int) -> bool:
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    return not before.isalnum() and not after.isalnum()


def _longest_first(candidates: list[Mention]) -> list[Mention]:
    """Non-overlapping mentions, preferring the earliest start, then the longest."""
    chosen: list[Mention] = []
    last_end = -1
    for mention in sorted(candidates, key=lambda m: (m.start, -(m.end - m.start))):
        if mention.start >= last_end:
            chosen.append(mention)
            last_end = mention.end
    return chosen


class Matcher:
    """Condition mention recognizer built from the compiled lexicon's names table."""

    def __init__(self, names: pl.DataFrame) -> None:
        by_name: dict[str, str] = {}
        self._abbreviations: dict[str, str] = {}
        self._ambiguous: dict[str, str] = {}
        self._names_of: dict[str, list[str]] = {}
        for name, match, condition_id in names.select("name", "match", "condition_id").iter_rows():
            if match == "name":
                self._names_of.setdefault(condition_id, []).append(fold_name(name))
                for form in _variants(name):
                    by_name.setdefault(form, condition_id)
            elif match == "abbreviation":
                self._abbreviations[name] = condition_id
            else:
                self._ambiguous[name] = condition_id
        self._by_name = by_name
        self._names = sorted(by_name)
        self._name_ids = [by_name[name] for name in self._names]
        self._name_automaton = ahocorasick_rs.AhoCorasick(self._names)
        short_forms = sorted({*self._abbreviations, *self._ambiguous})
        self._short_forms = short_forms
        self._short_automaton = ahocorasick_rs.AhoCorasick(short_forms) if short_forms else None

    def find(self, text: str) -> list[Mention]:
        """All mentions in text, in order, non-overlapping, longest first."""
        squeezed = squeeze(fold(text))
        folded = squeezed.text
        candidates = [
            Mention(
                squeezed.start_in_original(start),
                squeezed.end_in_original(end),
                self._name_ids[index],
            )
            for index, start, end in self._name_automaton.find_matches_as_indexes(
                folded, overlapping=True
            )
            if _is_word_boundary(folded, start, end) and not _MODIFIER_SUFFIX.match(folded, end)
        ]
        names = _longest_first(candidates)
        defined = self._definitions(text, names)
        short = self._short_mentions(text, defined, _first_named(names))
        short += self._qualified_short_forms(text, short)
        return _unify_aliases(text, _longest_first(names + short))

    def _qualified_short_forms(self, text: str, short: list[Mention]) -> list[Mention]:
        """A word before a short form that, put before the form's full name, makes another known
        name: "Ullrich CMD" is Ullrich congenital muscular dystrophy."""
        found = []
        for mention in short:
            word = _WORD_BEFORE.search(text, max(0, mention.start - 30), mention.start)
            if word is None:
                continue
            qualifier = fold_name(word.group(1))
            for name in self._names_of.get(mention.condition_id, []):
                condition_id = self._by_name.get(f"{qualifier} {name}")
                if condition_id and condition_id != mention.condition_id:
                    found.append(Mention(word.start(1), mention.end, condition_id))
                    break
        return found

    def _definitions(self, text: str, names: list[Mention]) -> list[tuple[int, str, str]]:
        """(position, short form, condition) for each "Long Name (LN)" or "Long Name or LN"."""
        found = []
        for mention in names:
            match = _DEFINITION.match(text, mention.end)
            if not match:
                continue
            short = match.group("paren") or match.group("or")
            if _abbreviates(short, fold(text[mention.start : mention.end])):
                found.append((mention.end, short, mention.condition_id))
        return found

    def _short_mentions(
        self, text: str, defined: list[tuple[int, str, str]], first_named: dict[str, int]
    ) -> list[Mention]:
        mentions = []
        numbered = []
        if self._short_automaton is not None:
            for index, start, end in self._short_automaton.find_matches_as_indexes(
                text, overlapping=True
            ):
                short = self._short_forms[index]
                condition_id = (
                    self._abbreviations.get(short)
                    or _bound(defined, short, start)
                    or self._curated_after_full_name(short, first_named, start)
                )
                if condition_id and _is_word_boundary(text, start, end):
                    mentions.append(Mention(start, end, condition_id))
                elif short in self._abbreviations and (type_end := _type_end(text, start, end)):
                    numbered.append(Mention(start, type_end, condition_id))
        # "FSHD1" with no entry of its own is a type of FSHD; "CMT1A" with one is that type.
        exact_starts = {mention.start for mention in mentions}
        mentions += [m for m in numbered if m.start not in exact_starts]
        for position, short, condition_id in defined:
            if short in self._abbreviations or short in self._ambiguous:
                continue
            for match in re.finditer(rf"(?<![A-Za-z0-9]){re.escape(short)}(?![A-Za-z0-9])", text):
                if match.start() >= position:
                    mentions.append(Mention(match.start(), match.end(), condition_id))
        return mentions

    def _curated_after_full_name(
        self, short: str, first_named: dict[str, int], start: int
    ) -> str | None:
        """An ambiguous curated short form binds once the text has named its condition in full:
        after "Becker muscular dystrophy", "Becker" and "BMD" mean it."""
        condition_id = self._ambiguous.get(short)
        if condition_id and condition_id in first_named and first_named[condition_id] <= start:
            return condition_id
        return None


def _first_named(names: list[Mention]) -> dict[str, int]:
    """Where each condition is first named in full."""
    first: dict[str, int] = {}
    for mention in names:
        first.setdefault(mention.condition_id, mention.end)
    return first


# "Machado-Joseph disease (MJD), also known as spinocerebellar ataxia type 3": the text says two
# names are one condition.
_ALIAS = re.compile(
    r"\s*(?:\([^()]{1,15})?\)?\s*,?\s*(?:also|sometimes|formerly|previously|otherwise)?\s*"
    r"(?:known as|called|referred to as|named)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
_PRIORITY = ("ORPHA:", "OMIM:", "HP:", "local:")


def _rank(condition_id: str) -> int:
    return next(i for i, prefix in enumerate(_PRIORITY) if condition_id.startswith(prefix))


def _unify_aliases(text: str, mentions: list[Mention]) -> list[Mention]:
    """Where the text says two names are one condition, every mention of the one whose id comes
    later in the contract's CURIE priority takes the other's id (an OMIM name aliased to an
    Orphanet one is the Orphanet condition throughout the text)."""
    same: dict[str, str] = {}
    for first, second in itertools.pairwise(mentions):
        if first.condition_id != second.condition_id and _ALIAS.fullmatch(
            text, first.end, second.start
        ):
            kept, replaced = sorted((first.condition_id, second.condition_id), key=_rank)
            if _rank(kept) < _rank(replaced):
                same.setdefault(replaced, kept)
    if not same:
        return mentions
    return [Mention(m.start, m.end, same.get(m.condition_id, m.condition_id)) for m in mentions]


def _abbreviates(short: str, folded_name: str) -> bool:
    """Plausibly a short form of the name: its first letter, or all its letters among the
    initials of the name's words ("DM1" for "myotonic dystrophy type 1")."""
    letters = [c.lower() for c in short if c.isalpha()]
    initials = {word[0] for word in folded_name.split()}
    return letters[0] == folded_name[0] or all(letter in initials for letter in letters)


def _bound(defined: list[tuple[int, str, str]], short: str, start: int) -> str | None:
    """The condition a text bound `short` to before `start`, if it did."""
    bound = None
    for position, form, condition_id in defined:
        if form == short and position <= start:
            bound = condition_id
    return bound
