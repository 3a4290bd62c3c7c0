"""Epidemiology figures: shares of familial and sporadic cases, incidence, prevalence, counts.

A figure (pipeline.text.numbers) becomes a fact when its clause says what it measures: a share of
cases that is familial or sporadic, new cases per year, births, or how many people have the
condition. Figures about anything else (chances, costs, trials, products) are left alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from pipeline.extract.context import (
    clause_span,
    hypothetical,
    negated,
    statements,
)
from pipeline.extract.focus import Focus
from pipeline.text.numbers import Figure, find_figures
from pipeline.text.structure import Document

EXTRACTOR = "epidemiology.figure@1"

# "inherited in a recessive manner" states a mode, not that a share of cases is familial.
_FAMILIAL = re.compile(
    r"\b(?:familial|hereditary|runs? in (?:the )?famil\w+|(?:a )?family history|"
    r"(?:is|are|were|be) inherited\b(?! in| as| through)|inherited (?:forms?|cases)|"
    r"inherits? (?:the |a |an )?(?:mutation|variant|gene|condition|disease|disorder)s? from|"
    r"genetic (?:forms?|causes?))\b"
)
# A share of cases with no affected relative: sporadic, whether said so or told by its cause.
_SPORADIC = re.compile(
    r"\bsporadic(?:ally)?\b|\bno (?:known )?family history\b|\bwithout (?:a |any )?family history\b|"
    r"\bnew (?:spontaneous )?(?:mutations?|variants?)\b|\bde novo\b|\bspontaneous (?:mutations?|variants?)\b"
)
_SHARE_OF_CASES = re.compile(
    r"\bcases?\b|\b(?:of|among) (?:all )?(?:the )?(?:patients|people|individuals|those|affected|"
    r"boys|girls|children|men|women|families)\b"
)
# "..., while up to 95 percent are sporadic": the cases were named earlier in the sentence.
_ELLIPTIC_SHARE = re.compile(r"\s*(?:are|were|is|have been)\b")
_BIRTHS = re.compile(
    r"^[\s,]*(?:of\s+)?(?:all\s+)?(?:(?:live|male|female)\s+)?(?:births|newborns?|babies|infants|"
    r"(?:boys|girls|males|females|children)\s+(?:are\s+)?born)\b"
)
_PEOPLE = (
    r"(?:people|persons|individuals|americans|britons|canadians|australians|europeans|patients|"
    r"adults|children|kids|men|women|boys|girls|males|females|cases|newborns|babies|infants|"
    r"residents|population|seniors|older adults|the population|the general population)"
)
_PEOPLE_AFTER = re.compile(rf"^[\s,]*(?:of\s+)?(?:all\s+|the\s+)?(?:\w+\s+){{0,2}}?{_PEOPLE}\b")
# "two-thirds of cases", "half of people with LEMS": a share of the condition's cases or
# patients, never a share of a population.
_CASES_AFTER = re.compile(
    r"[\s,]*of (?:all |the |these )?(?:cases|patients|those affected|"
    r"affected (?:individuals|people|persons|patients|males|females|children))\b"
)
# "up to 80 percent of people with advanced cancer": a subgroup; when the subgroup has the very
# condition the figure is about ("half of people with LEMS have cancer") it is no prevalence.
_PEOPLE_WITH = re.compile(
    r"[\s,]*of (?:all |the )?(?:people|patients|individuals|those|children|adults|men|women|"
    r"persons) (?:with|who have)\b"
)
_PREVALENCE_WORD = re.compile(r"\bprevalen\w*")
_COUNT_PEOPLE = re.compile(
    rf"^\s*(?:(?:new|more|other|living|diagnosed|affected|u\.?s\.?)\s+)?"
    rf"(?:\w+\s+)?{_PEOPLE}\b"
)
_PER_YEAR = re.compile(
    r"\b(?:each|every|per|a|an)\s+year\b|\bannual(?:ly)?\b|\byearly\b|\bper annum\b|"
    r"\bincidence\b|\bnew cases\b|\bnewly diagnosed\b|\bare diagnosed\b|\bdevelop\w*\b"
)
_PREVALENCE = re.compile(
    r"\bprevalen\w*\b|\baffect\w*\b|\bhave\b|\bhas\b|\bliving with\b|\blive with\b|"
    r"\bthere are\b|\bestimated\b|\boccur\w*\b|\bis seen\b|\bsuffer\w*\b|\bdiagnosed\b"
)
# Figures about something other than how common a condition is.
_OTHER_QUANTITY = re.compile(
    r"\b(?:chance|risk|likelihood|probability|odds|surviv\w*|mortality|die|dies|died|death|"
    r"improv\w*|reduc\w*|increas\w*|decreas\w*|declin\w*|loss|lose|loses|effective\w*|"
    r"respon(?:se|ses|d|ds|ded|ders?)|success\w*|accura\w*|sensitivity|specificity|enrol\w*|"
    r"trial|study|studies|participants|muscle mass|weight|strength|pure|purity|dose|"
    r"years? old|aged?|minutes|hours|days|weeks|months|times|percentile|carriers?|lasting|"
    r"wheelchairs?|off|discount)\b"
    # Units only after a number: "MG" is also myasthenia gravis.
    r"|\d\s?(?:mg|mcg|g|kg|ml|mmol)\b"
)
_COUNT_PLACE = re.compile(
    r"^\s*(?:worldwide|globally|around the world|in the (?:u\.?s|united states|uk|world))"
)
_POPULATIONS = (
    ("US", r"\bu\.?\s?s\.?a?\b\.?|\bunited states\b|\bamerica\b|\bamericans?\b|\bnationwide\b"),
    ("UK", r"\bu\.?k\.?\b|\bunited kingdom\b|\bbritain\b|\bbritons?\b|\bbritish\b|\bengland\b"),
    ("Europe", r"\beurope\b|\beuropeans?\b"),
    ("Canada", r"\bcanada\b|\bcanadians?\b"),
    ("Australia", r"\baustralia\b|\baustralians?\b"),
    (
        "worldwide",
        r"\bworld\s?wide\b|\bglobal(?:ly)?\b|\b(?:around|across|in) the world\b|\bworld's\b",
    ),
)
_DEMOGRAPHICS = (
    ("males", r"\bmales?\b|\bboys\b|\bmen\b|\bmale births\b"),
    ("females", r"\bfemales?\b|\bgirls\b|\bwomen\b|\bfemale births\b"),
    ("newborns", r"\bnewborns?\b|\binfants?\b|\bbabies\b"),
    ("children", r"\bchildren\b|\bkids\b|\bchildhood\b"),
    (
        "older_adults",
        r"\bolder (?:adults|people)\b|\belderly\b|\bseniors\b|\bover (?:the age of )?[6-9]\d\b",
    ),
    ("adults", r"\badults\b"),
)


def _first(patterns: tuple[tuple[str, str], ...], text: str) -> str | None:
    for value, pattern in patterns:
        if re.search(pattern, text):
            return value
    return None


def _population(folded_clause: str, measure: str) -> str | None:
    """The population a figure is about, normalized; demographics first for births."""
    geography = _first(_POPULATIONS, folded_clause)
    demographic = _first(_DEMOGRAPHICS, folded_clause)
    if measure == "birth_incidence":
        return demographic if demographic != "newborns" or "newborn" in folded_clause else None
    return geography or demographic


def _distance(pattern: re.Pattern[str], text: str, start: int, end: int) -> float:
    """How far the nearest match of pattern lies from text[start:end] (inf when none)."""
    gaps = [max(match.start() - end, start - match.end(), 0) for match in pattern.finditer(text)]
    return min(gaps, default=float("inf"))


def _rate_measure(folded_clause: str, figure_start: int, figure_end: int) -> str | None:
    """Incidence or prevalence for a ratio or rate. A measure word before the figure ("its
    prevalence is estimated at ...") wins, the nearer one first; else one after it ("... each year")."""
    before = folded_clause[:figure_start]
    left = {
        measure: _distance(pattern, before, figure_start, figure_start)
        for measure, pattern in (("incidence", _PER_YEAR), ("prevalence", _PREVALENCE_WORD))
    }
    if min(left.values()) < float("inf"):
        return min(left, key=left.__getitem__)
    after = folded_clause[figure_end:]
    if _PER_YEAR.search(after):
        return "incidence"
    if _PREVALENCE_WORD.search(after) or _PREVALENCE.search(folded_clause):
        return "prevalence"
    return None


def classify(
    figure: Figure, folded_clause: str, span: tuple[int, int], near: str
) -> tuple[str, str] | None:
    """(measure, unit) of a figure from its clause, or None when it measures something else;
    `span` is the figure within the clause, `near` its own stretch of it, where a word like
    "chance" rules it out."""
    after = folded_clause[span[1] :]
    if _OTHER_QUANTITY.search(near):
        return None
    shared = _SHARE_OF_CASES.search(folded_clause) or _ELLIPTIC_SHARE.match(after)
    if figure.form in ("percent", "ratio") and shared:
        if _SPORADIC.search(folded_clause):
            return "sporadic_fraction", "proportion"
        if _FAMILIAL.search(folded_clause):
            return "familial_fraction", "proportion"
    if figure.form in ("ratio", "rate"):
        if _BIRTHS.search(after):
            return "birth_incidence", "per_live_birth"
        measure = _rate_measure(folded_clause, *span)
        if measure == "incidence":
            return "incidence", "per_person_year"
        if measure == "prevalence" or _PEOPLE_AFTER.search(after):
            return "prevalence", "proportion"
        return None
    if figure.form == "percent":
        if _CASES_AFTER.match(after):
            return None
        if (_PEOPLE_AFTER.search(after) or _PEOPLE_WITH.match(after)) and _PREVALENCE.search(
            folded_clause
        ):
            return "prevalence", "proportion"
        return None
    if (
        figure.form == "count"
        and figure.low >= 1
        and (_COUNT_PEOPLE.search(after) or _COUNT_PLACE.search(after))
    ):
        return "case_count", "persons"
    return None


def _subgroup(focus: Focus, folded: str, figure_end: int, clause_end: int) -> str | None:
    """The condition of "of people with <condition>" right after a figure, if any."""
    if not _PEOPLE_WITH.match(folded, figure_end):
        return None
    named = focus.mentions_in(figure_end, clause_end)
    return named[0].condition_id if named else None


def extract_epidemiology(
    document: Document, folded: str, focus: Focus
) -> Iterator[dict[str, object]]:
    """One row per figure that states how common a condition is."""
    text = document.text
    for index, sentence, folded_sentence in statements(document, folded):
        figures = find_figures(text[sentence.start : sentence.end])
        for number, figure in enumerate(figures):
            fig_start, fig_end = sentence.start + figure.start, sentence.start + figure.end
            start, end = clause_span(text, sentence.start, sentence.end, fig_start, fig_end)
            folded_clause = folded[start:end]
            if negated(folded[start:fig_start]) or hypothetical(folded_sentence, figure.start):
                continue
            following = (
                sentence.start + figures[number + 1].start if number + 1 < len(figures) else end
            )
            near = folded[max(start, fig_start - 25) : min(end, following, fig_end + 60)]
            kind = classify(figure, folded_clause, (fig_start - start, fig_end - start), near)
            if kind is None:
                continue
            measure, unit = kind
            subgroup = _subgroup(focus, folded, fig_end, end) if figure.form == "percent" else None
            for condition_id in focus.conditions(index):
                if subgroup == condition_id:
                    continue
                yield {
                    "condition_id": condition_id,
                    "start": start,
                    "end": end,
                    "extractor": EXTRACTOR,
                    "measure": measure,
                    "value_low": float(figure.low),
                    "value_high": float(figure.high),
                    "unit": unit,
                    "approximate": figure.hedge is not None,
                    "population": _population(folded_sentence, measure),
                }
