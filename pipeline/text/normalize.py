"""Length-preserving folding, so a match in folded text has the same offsets in the original."""

from __future__ import annotations

import unicodedata
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
