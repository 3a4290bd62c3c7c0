"""Everything the package extracts from one text: mentions and the three kinds of facts."""

from __future__ import annotations

from pipeline.extract.diagnostic_tests import extract_diagnostic_tests
from pipeline.extract.epidemiology import extract_epidemiology
from pipeline.extract.focus import Focus
from pipeline.extract.inheritance import extract_inheritance
from pipeline.mentions import Matcher
from pipeline.text.normalize import fold
from pipeline.text.structure import segment

FACT_EXTRACTORS = {
    "epidemiology": extract_epidemiology,
    "inheritance": extract_inheritance,
    "diagnostic_tests": extract_diagnostic_tests,
}


def extract_document(
    source_id: str, text: str, matcher: Matcher
) -> dict[str, list[dict[str, object]]]:
    """Rows per table (mentions and facts) for one text, each with source_id, offsets and quote."""
    document = segment(text)
    folded = fold(text)
    mentions = matcher.find(text)
    focus = Focus(document, mentions)
    rows: dict[str, list[dict[str, object]]] = {
        "mentions": [
            {
                "source_id": source_id,
                "condition_id": m.condition_id,
                "start": m.start,
                "end": m.end,
                "text": text[m.start : m.end],
            }
            for m in mentions
        ]
    }
    for table, extractor in FACT_EXTRACTORS.items():
        rows[table] = [
            {"source_id": source_id, **row, "quote": text[row["start"] : row["end"]]}
            for row in extractor(document, folded, focus)
        ]
    return rows
