"""Length-preserving folding, so a match in folded text has the same offsets in the original."""

from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d-"
_APOSTROPHES = "\u2019\u2018\u02bc\u2032`\u00b4"


@lru_cache(maxsize=4096)
def _fold_char(char: str) -> str:
    if char in _DASHES:
        return " "
    if char in _APOSTROPHES:
        return "'"
    if char.isspace():
        return " "
    lower = char.lower()
    if len(lower) != 1:
        return char
    base = unicodedata.normalize("NFKD", lower)[0]
    return base if base.isascii() or base.isalpha() else lower


def fold(text: str) -> str:
    """Lower-case, strip diacritics, map dashes and spaces to ' ' and apostrophes to "'",
    one character for one character, so offsets are unchanged."""
    return "".join(map(_fold_char, text))


def fold_name(name: str) -> str:
    """Fold a lexicon name and collapse runs of spaces (names, unlike texts, may be reshaped)."""
    return " ".join(fold(name).split())


# Characters that web pages put inside or between words and that mean nothing: zero-width spaces
# and joiners, word joiners, stray byte-order marks, soft hyphens.
_INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
_SQUEEZABLE = re.compile(f"[ {_INVISIBLE}]*[{_INVISIBLE}][ {_INVISIBLE}]*| {{2,}}")


@dataclass(frozen=True)
class Squeezed:
    """Folded text with runs of spaces made one and invisible characters removed, for matching
    names written across a CRLF line break or with a zero-width space; maps offsets back."""

    text: str
    _points: tuple[int, ...]  # squeezed offsets from which...
    _shifts: tuple[int, ...]  # ...this many characters were removed before them

    def start_in_original(self, offset: int) -> int:
        """Where the character at squeezed `offset` is in the folded text."""
        index = bisect.bisect_right(self._points, offset) - 1
        return offset + (self._shifts[index] if index >= 0 else 0)

    def end_in_original(self, offset: int) -> int:
        """Where a span ending (exclusive) at squeezed `offset` ends in the folded text."""
        return self.start_in_original(offset - 1) + 1


def squeeze(folded: str) -> Squeezed:
    """`folded` (see fold) with runs of spaces and invisible characters squeezed."""
    pieces: list[str] = []
    points: list[int] = []
    shifts: list[int] = []
    cursor = removed = 0
    for match in _SQUEEZABLE.finditer(folded):
        pieces.append(folded[cursor : match.start()])
        kept = " " if " " in match.group() else ""
        pieces.append(kept)
        removed += len(match.group()) - len(kept)
        points.append(match.start() - removed + len(match.group()))
        shifts.append(removed)
        cursor = match.end()
    if not points:
        return Squeezed(folded, (), ())
    pieces.append(folded[cursor:])
    return Squeezed("".join(pieces), tuple(points), tuple(shifts))
