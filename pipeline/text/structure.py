"""Document structure: headings, paragraphs, list items and sentences, with exact offsets.

Health pages arrive as plain text copied from the web, so structure is inferred from lines:
a short line without closing punctuation that is followed by more text is a heading, a line
opening with a bullet or a number is a list item, a blank line ends a paragraph.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_BULLET = re.compile(r"^[ \t\u00a0]*(?:[-*•·‣◦▪–—]|\d{1,2}[.)]|[a-z][.)])[ \t\u00a0]+")
# A sentence ends at . ! ? … with any closing quotes or brackets and reference markers
# ("people.[8] A study ...") before the next sentence's capital.
_CLOSERS = r"(?:[\"'”’)\]]|\[\d{1,3}(?:[,–-]\d{1,3})*\])*"
_SENTENCE_END = re.compile(rf"[.!?…]+{_CLOSERS}(?=\s+[\"'“‘(\[]?[A-Z0-9¿¡(–—-])|[.!?…]+{_CLOSERS}$")
# Unicode line and paragraph separators, NEL, VT and FF end a line like \n does.
_LINE = re.compile(r"[^\r\n\u2028\u2029\u0085\x0b\x0c]+")
_LINE_BREAK = re.compile(r"\r\n|[\r\n\u2028\u2029\u0085\x0b\x0c]")
# Abbreviations whose full stop does not end a sentence.
_NO_BREAK_BEFORE = re.compile(
    r"(?:\b(?:[A-Z]\.){1,3}[A-Z]?|\b(?:e\.g|i\.e|etc|vs|Dr|Mr|Mrs|Ms|Prof|St|approx|no|Fig|al|"
    r"incl|ca|cf|Jr|Sr|Inc|Ltd|Co|mg|kg|ml|U\.S|U\.K)\.)$"
)
_HEADING_MAX_WORDS = 12


@dataclass(frozen=True, slots=True)
class Block:
    """A heading, a paragraph line or a list item, as a character span of the text."""

    start: int
    end: int
    kind: str  # "heading" | "paragraph" | "list_item"
    section: int  # index of the heading block that governs it (-1 before the first heading)


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence inside one block."""

    start: int
    end: int
    block: int


@dataclass(frozen=True)
class Document:
    """A text with its blocks and sentences, in reading order."""

    text: str
    blocks: tuple[Block, ...]
    sentences: tuple[Sentence, ...]


def _lines(text: str) -> list[tuple[int, int]]:
    """Spans of non-blank lines, without surrounding whitespace."""
    spans = []
    for match in _LINE.finditer(text):
        line = match.group()
        stripped = line.strip()
        if stripped:
            lead = len(line) - len(line.lstrip())
            spans.append((match.start() + lead, match.start() + lead + len(stripped)))
    return spans


# Text wrapped at a fixed width: its longest line is short, and most lines come close to it.
_WRAP_WIDTHS = range(60, 101)
_FULL_LINE_SLACK = 25
# "Inheritance: Autosomal dominant", a line of a fact sheet, starts a line of its own.
_LABEL = re.compile(r"[A-Z][\w()/' -]{0,30}:\s")
_ENDS_SENTENCE = re.compile(r"[.!?:;…][\"'”’)\]]*$")


def _wrap_width(lines: list[tuple[int, int]]) -> int | None:
    """The width the text was wrapped at, if it was hard-wrapped."""
    lengths = [end - start for start, end in lines]
    width = max(lengths, default=0)
    full = sum(length >= width - _FULL_LINE_SLACK for length in lengths)
    return width if width in _WRAP_WIDTHS and full * 2 >= len(lengths) >= 4 else None


def _join_wrapped(text: str, lines: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Spans of logical lines: each physical line with the lines that carry it on.

    A line carries on the one before it, with no blank line between, when that one ends no
    sentence and either this one opens in lower case or the text is hard-wrapped and that one is
    full (it was cut at the wrap width)."""
    width = _wrap_width(lines)
    joined: list[tuple[int, int]] = []
    previous = ""
    for start, end in lines:
        line = text[start:end]
        adjacent = bool(joined) and len(_LINE_BREAK.findall(text, joined[-1][1], start)) == 1
        full = width is not None and len(previous) >= width - _FULL_LINE_SLACK
        if (
            adjacent
            and not _BULLET.match(line)
            and not _LABEL.match(line)
            and not _ENDS_SENTENCE.search(previous)
            and (line[:1].islower() or full)
        ):
            joined[-1] = (joined[-1][0], end)
        else:
            joined.append((start, end))
        previous = line
    return joined


def _is_heading(line: str, next_line: str | None) -> bool:
    words = line.split()
    if not words or len(words) > _HEADING_MAX_WORDS or next_line is None or _BULLET.match(line):
        return False
    if line[-1] in ".,;:!" or line[-1] == "…":
        return False
    if line.endswith("?"):
        return len(words) <= _HEADING_MAX_WORDS and next_line[:1].isupper()
    # Captions ("ALS funky-data / Getty Images") and date lines are not headings.
    return "/" not in line and not re.search(r"\d{4}$", line)


def _sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    spans = []
    cursor = start
    chunk = text[start:end]
    for match in _SENTENCE_END.finditer(chunk):
        stop = start + match.end()
        if _NO_BREAK_BEFORE.search(text[cursor : start + match.start() + 1]) and stop < end:
            continue
        if text[cursor:stop].strip():
            spans.append((cursor, stop))
        cursor = stop
        while cursor < end and text[cursor].isspace():
            cursor += 1
    if cursor < end and text[cursor:end].strip():
        spans.append((cursor, end))
    return spans


def segment(text: str) -> Document:
    """Split text into blocks and sentences; every span indexes `text` exactly."""
    lines = _join_wrapped(text, _lines(text))
    blocks: list[Block] = []
    sentences: list[Sentence] = []
    section = -1
    for index, (start, end) in enumerate(lines):
        line = text[start:end]
        next_line = (
            text[lines[index + 1][0] : lines[index + 1][1]] if index + 1 < len(lines) else None
        )
        if _BULLET.match(line):
            kind = "list_item"
        elif _is_heading(line, next_line):
            kind = "heading"
            section = len(blocks)
        else:
            kind = "paragraph"
        blocks.append(Block(start, end, kind, section))
        for sentence_start, sentence_end in _sentences(text, start, end):
            sentences.append(Sentence(sentence_start, sentence_end, len(blocks) - 1))
    return Document(text, tuple(blocks), tuple(sentences))
