"""Diagnostic test modalities a text names for a condition ("nerve conduction studies test ...")."""

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
from pipeline.text.structure import Document, Sentence

EXTRACTOR = "diagnostic_tests.modality@1"
Cue = tuple[int, int, str]
_PURPOSE = re.compile(
    r"(?:\b(?:to|can|may|might|will|could|which|that|helps?|used to|is used to|are used to)\s+)?"
    r"(?P<purpose>\b(?:evaluat|identif|detect|check|look|measur|show|reveal|confirm|rule|"
    r"assess|determin|find|test|see|diagnos|examin|distinguish|record|estimat|screen|search)"
    r"\w*\b.*)",
    re.DOTALL,
)
_COORDINATION = re.compile(
    r"^\s*\)?\s*(?:,|/|\(|and|or|, and|, or|as well as|plus|,? including|,? such as|,? like|"
    r",? e\.g\.,?|,? especially|,? particularly)?\s*(?:an? |the )?$"
    # "an electrocardiogram (ECG) and 24-hour Holter monitoring": a gloss and a modifier between.
    r"|^\s*\)?\s*(?:,|and|or|, and|, or)\s+(?:an? |the )?(?:[\w-]+\s+){1,2}$"
)
# "Muscle biopsy, which shows nonspecific changes, is no longer required": the statement denies the
# test, past a gloss or a relative clause. A hedged negation of a result ("is not always abnormal")
# still names a test that is used; a hedged negation of its use is `_USE_DENIED`.
_DENIED_AFTER = re.compile(
    r"(?:\s*\([^)]*\))?(?:\s*,\s*(?:which|who|where|in which)\b[^.;]*?,)?[^.;,]{0,30}?"
    r"(?:\b(?:is|are|was|were|does|do|can|will|may|should)\s+(?:no longer|never|"
    r"not(?! (?:only|always|usually|necessarily|routinely|generally)\b))|"
    r"\b(?:isn't|aren't|wasn't|weren't|doesn't|don't|can't|cannot|won't))\b"
)
# Anywhere later in the statement, a predicate that denies the test's use, hedged or not ("is not
# usually needed", "is usually not needed", "Serum CK may be normal and is not a reliable marker",
# "is being studied but is not yet part of routine diagnosis"; "is seldom necessary" does not deny
# it), unless a relative clause says it of something else.
_USE_DENIED = re.compile(
    r"\b(?:is|are|does|do|will|would|should)\s+(?:(?:usually|often|generally|typically)\s+)?"
    r"not\s+"
    r"(?:(?:usually|always|routinely|necessarily|generally|yet)\s+)?"
    r"(?:needed|necessary|required|used|recommended|indicated|performed|done|(?:a )?reliable|"
    r"part of|need|require|have to)\b"
)
_RELATIVE = re.compile(r"\b(?:that|which|who|where)\b")
# Words that cannot end a statement ("... blood tests for antibodies and with").
_TRAILING = re.compile(
    r"(?:[\s,]*\b(?:and|or|while|but|as well as|with|by|including|such as|like|a|an|the|of|for|"
    r"on|in|at|to|from|through|via|using)\b)*"
    r"[\s,.]*$"
)
# Statements about a test's cost, availability or treatment are not diagnostic statements.
# Not about diagnosing the condition: cost, counselling, treatment, availability, a relative's
# carrier status, or the name of a resource ("Genetic Testing Registry").
_NOT_DIAGNOSTIC = re.compile(
    r"\$|\bcosts?\b|\bprice|\binsurance|\bcounsel\w*|\btreat\w*\b|"
    r"\b(?:is|are|was|were|became|become) (?:\w+ )?available\b|"
    r"\bwhether (?:they|she|he|you) (?:is|are) (?:a )?carriers?\b|\bcarrier (?:testing|tests?|"
    r"screening)\b|\btesting registry\b"
)


def _groups(cues: list[Cue], folded: str) -> list[list[Cue]]:
    """Cues joined by 'and', 'or' or commas ("MRI and CT scans") share one statement."""
    groups: list[list[Cue]] = []
    for cue in cues:
        if groups and _COORDINATION.match(folded[groups[-1][-1][1] : cue[0]]):
            groups[-1].append(cue)
        else:
            groups.append([cue])
    return groups


_LABEL_COLON = re.compile(r"\s*:")
_CREATINE_KINASE = re.compile(r"\bcreatine (?:phospho)?kinase\b|\bc(?:p)?k\b")
# "muscle enzymes, like creatine kinase (CK) and aldolase": creatine kinase coordinated with
# another measure, so the blood test measures more than CK.
_ANOTHER_MEASURE = re.compile(
    r"(?:\s*\((?:ck|cpk)\))?(?:\s+levels?)?(?:\s*,\s*(?:and |or )?|\s+(?:and|or|as well as|plus)\s+)"
    r"(?!(?:a|an|the|only|slightly|mildly|moderately|very|often|usually|sometimes|may|can|is|are|"
    r"which|who|that|whose|its|their|and|or|but)\b)[a-z]"
)
# "including thyroid function and creatine kinase levels": another measure listed before CK.
_MEASURE_BEFORE = re.compile(
    r"\b(?:including|such as|like|for|of|measure|measuring|check|checking)\s+"
    r"(?!(?:a|an|the|your|their|its)\b)[a-z][a-z0-9]*(?: [a-z][a-z0-9]*)?"
    r"(?:\s*,\s*(?:and |or )?|\s+(?:and|or|as well as|plus)\s+)$"
)
_GENETIC_TARGET = re.compile(
    r"\b(?:genes?|mutations?|variants?|deletions?|duplications?|dna|repeat expansions?)\b"
)


def _modalities(group: list[Cue], folded_clause: str, folded_statement: str) -> list[str]:
    """The group's modalities. A blood test is named for what it measures: one that measures
    creatine kinase alone is a CK test only, one that looks for a gene change a genetic test only."""
    modalities = list(dict.fromkeys(cue[2] for cue in group))
    if "blood_test" not in modalities:
        return modalities
    measured = _measured(folded_clause, folded_statement)
    if measured is None:
        return modalities
    if measured == "creatine_kinase_test" and any(
        _ANOTHER_MEASURE.match(folded_clause, match.end())
        or _MEASURE_BEFORE.search(folded_clause, 0, match.start())
        for match in _CREATINE_KINASE.finditer(folded_clause)
    ):
        return list(dict.fromkeys([*modalities, measured]))
    return [m for m in modalities if m not in ("blood_test", measured)] + [measured]


def _measured(folded_clause: str, folded_statement: str) -> str | None:
    """The modality a blood test is for what it measures, if it names one."""
    if _CREATINE_KINASE.search(folded_clause):
        return "creatine_kinase_test"
    if _GENETIC_TARGET.search(folded_statement):
        return "genetic_testing"
    return None


def _label_end(document: Document, index: int, group: list[Cue], folded: str, end: int) -> int:
    """Where the statement of sentence `index` ends. Tests named as a label are stated by what
    follows: the rest of a label line ("Blood test: Creatine kinase levels are ..."), or the next
    sentence of the block after a sentence that only names them ("Blood tests. CK levels are ...")."""
    sentence = document.sentences[index]
    if re.search(r"[a-z0-9]", folded[sentence.start : group[0][0]]):
        return end
    if _LABEL_COLON.match(folded, group[-1][1]):
        return len(document.text[: sentence.end].rstrip(" .;:"))
    following = document.sentences[index + 1] if index + 1 < len(document.sentences) else None
    if (
        re.search(r"[a-z0-9]", folded[group[-1][1] : sentence.end])
        or not following
        or following.block != sentence.block
    ):
        return end
    return len(document.text[: following.end].rstrip(" .;:"))


def _statement_span(
    text: str, sentence: Sentence, groups: list[list[Cue]], number: int
) -> tuple[int, int, int, int]:
    """(clause start, clause end, start, end) of group `number`'s statement: its clause, cut
    before the next group's cues and of words that cannot end a statement."""
    group = groups[number]
    first, last = group[0][0], group[-1][1]
    clause_start, clause_end = clause_span(text, sentence.start, sentence.end, first, last)
    following = groups[number + 1][0][0] if number + 1 < len(groups) else clause_end
    region_end = min(clause_end, following) if following > last else clause_end
    start = clause_start
    if number > 0 and groups[number - 1][-1][1] > clause_start:
        start = first
    end = (
        start + len(text[start:region_end]) - len(_TRAILING.search(text[start:region_end]).group())
    )
    return clause_start, clause_end, start, max(end, last)


def _not_a_fact(
    folded: str, sentence: Sentence, group: list[Cue], clause_start: int, start: int, end: int
) -> bool:
    """The statement denies the test, is not about diagnosis, or is hypothetical."""
    first, last = group[0][0], group[-1][1]
    scope = negation_scope(folded, clause_start, first)
    return (
        negated(folded[scope:last])
        or bool(_DENIED_AFTER.match(folded, last, end))
        or _use_denied(folded[last:end])
        or bool(_NOT_DIAGNOSTIC.search(folded[start:end]))
        or hypothetical(folded[sentence.start : sentence.end], first - sentence.start)
    )


def _use_denied(folded_rest: str) -> bool:
    """The rest of the statement, after the test, denies that it is used."""
    denial = _USE_DENIED.search(folded_rest)
    return bool(denial) and not _RELATIVE.search(folded_rest, 0, denial.start())


def _test(group: list[Cue], modality: str, folded: str) -> str:
    """What a block states once: the modality, or for 'other' the tests named ("grip strength
    test", "gait speed test" are two tests)."""
    if modality != "other":
        return modality
    return " ".join(folded[start:end] for start, end, value in group if value == "other")


def extract_diagnostic_tests(
    document: Document, folded: str, focus: Focus
) -> Iterator[dict[str, object]]:
    """One row per (statement, condition, modality) the text names as a test."""
    text = document.text
    cues = Cues("modalities", folded)
    # "Muscle biopsy. A small piece of muscle is removed ...": one test per block, stated once.
    stated: set[tuple[int, str, str]] = set()
    for index, sentence, _ in statements(document, folded):
        groups = _groups(cues.within(sentence.start, sentence.end), folded)
        for number, group in enumerate(groups):
            clause_start, clause_end, start, end = _statement_span(text, sentence, groups, number)
            end = _label_end(document, index, group, folded, end)
            if _not_a_fact(folded, sentence, group, clause_start, start, end):
                continue
            last = group[-1][1]
            purpose_match = _PURPOSE.search(folded, last, end) if end > last else None
            purpose_span = purpose_match.span("purpose") if purpose_match else None
            purpose = text[purpose_span[0] : purpose_span[1]].strip() if purpose_span else None
            modalities = _modalities(
                group, folded[clause_start : max(clause_end, end)], folded[start:end]
            )
            for condition_id in focus.conditions(index, exclude=purpose_span):
                for modality in modalities:
                    key = (sentence.block, condition_id, _test(group, modality, folded))
                    if key in stated:
                        continue
                    stated.add(key)
                    yield {
                        "condition_id": condition_id,
                        "start": start,
                        "end": end,
                        "extractor": EXTRACTOR,
                        "modality": modality,
                        "purpose": purpose or None,
                    }
