"""Epidemiology figures: shares of familial and sporadic cases, incidence, prevalence, counts.

A figure (pipeline.text.numbers) becomes a fact when its clause says what it measures: a share of
cases that is familial or sporadic, new cases per year, births, or how many people have the
condition. Figures about anything else (chances, costs, trials, registries, outcomes such as
recovery) are left alone. A share of a group that is said to have or develop a named condition is
that condition's prevalence in the group.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from pipeline.extract.context import (
    clause_span,
    hypothetical,
    negated,
    statements,
)
from pipeline.extract.focus import Focus
from pipeline.mentions import Mention
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
# The group whose cases are shared out ("half of all cases of hereditary ataxia", "10% of familial
# ALS cases"), and a class a condition belongs to ("the most common hereditary ataxia"): a familial
# or sporadic word there names the group, not the share.
_AUX = r"(?:are|is|were|was|have|has|had|can|may|will|would|do|does|result|arise|occur|run|show)"
_GROUP_OF_CASES = re.compile(
    rf"\bof (?:all |the |these )?(?:(?:[\w'-]+ ){{1,4}}cases\b|cases (?:of|with) "
    rf"(?:(?!{_AUX}\b)[\w'-]+ ?){{1,5}})"
)
_CLASS_NAME = re.compile(
    r"\b(?:familial|hereditary|inherited|genetic) (?:(?:neurological|neuromuscular|muscle|muscular|"
    r"nerve|metabolic|mitochondrial|motor|sensory|peripheral|movement|spinal|cerebellar) )*"
    r"(?:ataxias?|neuropath(?:y|ies)|diseases?|disorders?|conditions?|myopath(?:y|ies)|"
    r"dystroph(?:y|ies)|syndromes?|paraplegias?|illness(?:es)?)\b"
)
_SHARE_OF_CASES = re.compile(
    r"\bcases?\b|\b(?:of|among) (?:all )?(?:the )?(?:patients|people|individuals|those|affected|"
    r"boys|girls|children|men|women|families)\b"
)
# "found in about 40 percent of familial cases": a share of a subset of cases, not of all of them.
_SHARE_OF_A_SUBSET = re.compile(
    r"\s*(?:of )?(?:all |the )?(?:familial|sporadic|inherited|hereditary|severe|early[- ]onset|"
    r"late[- ]onset) (?:cases|patients|forms?)\b"
)
# "In about 1 in 5 people, the weakness only affects the eyes": a fronted share of people says how
# often a feature goes one way, not how common the condition is.
_FRONTED_IN = re.compile(r"^\W*(?:but |and |yet )?in\s+$")
_FRONTED_GROUP_END = re.compile(r"^[^,;.]{0,40},")
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
    r"[\s,]*(?:of )?(?:all |the )?(?:people|patients|individuals|those|children|adults|men|women|"
    r"persons|boys|girls|males|females|infants|babies) (?:with|who have)\b"
)
_PREVALENCE_WORD = re.compile(r"\bprevalen\w*")
# "5% to 15% of people with heart failure develop cardiac cachexia": prevalence in a group at risk
# (of the condition in focus; see _conditions).
_GO_ON_TO_DEVELOP = re.compile(r"\b(?:develops?|go(?:es)? on to (?:develop|have|get))\b")
_IN_FOCUS_DEVELOPED = re.compile(
    rf"{_GO_ON_TO_DEVELOP.pattern}|\b(?:have|has|get)\b[^.;]{{0,30}}\b(?:it|this condition)\b"
)
_COUNT_PEOPLE = re.compile(
    rf"^\s*(?:(?:new|more|other|living|diagnosed|affected|u\.?s\.?)\s+)?"
    rf"(?:\w+\s+)?{_PEOPLE}\b"
)
_PER_YEAR = re.compile(
    r"\b(?:each|every|per|a|an)\s+year\b|\bannual(?:ly)?\b|\byearly\b|\bper annum\b|"
    r"\bincidence\b|\bnew cases\b|\bnewly diagnosed\b|\bare diagnosed\b"
)
_PREVALENCE = re.compile(
    r"\bprevalen\w*\b|\baffect\w*\b|\bhave\b|\bhas\b|\bliving with\b|\blive with\b|"
    r"\bthere are\b|\bestimated\b|\boccur\w*\b|\bis seen\b|\bsuffer\w*\b|\bdiagnosed\b"
)
# Figures about something other than how common a condition is.
_OTHER_QUANTITY = re.compile(
    # "survivors" is a group of people ("polio survivors"), "survival" a quantity.
    r"\b(?:chance|risk|likelihood|probability|odds|surviv(?:al|e|es|ed|ing)|mortality|die|dies|"
    r"died|death|improv\w*|reduc\w*|increas\w*|decreas\w*|declin\w*|loss|lose|loses|effective\w*|"
    r"respon(?:se|ses|d|ds|ded|ders?)|success\w*|accura\w*|sensitivity|specificity|enrol\w*|"
    # Research that reports a figure ("studies suggest that 25 to 40 percent ...") is no study
    # quantity, nor is an age group ("people aged 55 or over").
    r"trial|stud(?:y|ies)(?! (?:suggest|show|estimate|indicate|report|have (?:shown|found)))|"
    r"participants|muscle mass|weight|strength|pure|purity|dose|years? old|"
    r"aged?(?! \d+ (?:or|and) (?:over|older|above))|"
    r"minutes|hours|days|weeks|months|times|percentile|carriers?|lasting|"
    r"wheelchairs?|off|discount)\b"
    # Units only after a number: "MG" is also myasthenia gravis.
    r"|\d\s?(?:mg|mcg|g|kg|ml|mmol)\b"
)
# People counted as members of a registry, a study or a charity, or followed or examined by one,
# are not the condition's cases.
_MEMBERSHIP = re.compile(
    r"\b(?:registr(?:y|ies)|register(?:s|ed)?|databases?|cohorts?|includ(?:es|ed|e)|enrol\w*|"
    r"recruit\w*|signed up|took part|take part|taking part|particip\w*|volunteers?|respondents|"
    r"followed|surveyed|studied|examined|analy[sz]ed|reviewed)\b"
)
# "between 25 and 40 percent of polio survivors will develop PPS": a share of a group that goes on
# to have a named condition; the group is never the condition's own patients ("of patients",
# "of people with LEMS", "of people who have ALS"), whose share with another condition is a
# feature of theirs.
_DEVELOPS = re.compile(
    r"[\s,]*(?:of )?(?:all |the )?(?:(?!with\b|who\b)[\w'-]+ ){1,4}?"
    # A group defined by what it went through: "of people who had polio go on to develop PPS".
    r"(?:who (?:had|have had|survived|received|underwent) (?:[\w'-]+ ){1,3}?)?"
    r"(?:(?:will|would|may|might|can|could|eventually|later|also|ultimately|go on to|then) ){0,3}"
    r"(?:develop|get|have|has|acquire|(?:are|is) (?:affected by|diagnosed with)|suffer from) "
    r"(?:the |a |an )?"
)
# Estimating and reporting verbs hedge a figure as much as "about" does: "is estimated to affect",
# "is thought to occur", "researchers estimate that".
_ESTIMATED = re.compile(r"\b(?:estimat\w*|thought|believed|reckoned|appears? to|seems? to)\b")
# "ICU-AW develops in 25% to 50% of patients who receive mechanical ventilation": the condition
# occurs in a share of a group at risk, defined by what is done to them or what they do.
_OCCURS_IN = re.compile(
    r"\b(?:develops?|occurs?|arises?|is seen|is found|(?:is|was|were|has been|have been) "
    r"(?:reported|seen|found|observed|described))\s+in\s+(?:\w+\s+){0,3}$"
)
_AT_RISK_GROUP = re.compile(
    r"\s*(?:to \S+\s+)?of (?:all )?(?:the )?(?:patients|people|individuals|adults|children|"
    r"infants|men|women|those)\s+(?:who|treated|receiving|admitted|undergoing|given|taking|"
    r"on (?:mechanical|long-term|prolonged)|in (?:the )?(?:icu|intensive care))\b"
)
_RESTATED = re.compile(r"\s*[(\[]\s*")
_OF_CONDITION = re.compile(r"[\s,]*of (?:all |the )?")
_COUNT_PLACE = re.compile(
    r"^\s*(?:worldwide|globally|around the world|in the (?:u\.?s|united states|uk|world))"
)
# A short label before a colon names what the figure after it measures: "Prevalence: 1-9 / 100 000".
_LABEL = re.compile(r"[^\w\n]*([\w' -]{1,40}):\s*")
_BIRTH_MEASURE = re.compile(
    r"\bbirth (?:prevalence|incidence)\b|\b(?:prevalence|incidence) at birth\b"
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


@dataclass(frozen=True, slots=True)
class Surroundings:
    """What is known around a figure besides its clause's words."""

    near: str  # the figure's own stretch of its clause, where a word like "chance" rules it out
    develops: bool = False  # a share of a group has or goes on to have a named condition
    share_of_condition: int | None = None  # clause offset where "of <condition>" after it ends


def classify(
    figure: Figure, folded_clause: str, span: tuple[int, int], around: Surroundings
) -> tuple[str, str] | None:
    """(measure, unit) of a figure from its clause, or None when it measures something else;
    `span` is the figure within the clause."""
    after = folded_clause[span[1] :]
    if _OTHER_QUANTITY.search(around.near) or _SHARE_OF_A_SUBSET.match(after):
        return None
    shares = figure.form in ("percent", "ratio")
    if shares and _OCCURS_IN.search(folded_clause[: span[0]]) and _AT_RISK_GROUP.match(after):
        return "prevalence", "proportion"
    if shares and (share := _share_of_cases(folded_clause, span[1], around.share_of_condition)):
        return share, "proportion"
    if _FRONTED_IN.match(folded_clause[: span[0]]) and _FRONTED_GROUP_END.match(after):
        return None
    if shares and _PEOPLE_WITH.match(after) and _GO_ON_TO_DEVELOP.search(after):
        return "prevalence", "proportion"
    if figure.form in ("ratio", "rate"):
        return _rate_kind(folded_clause, span, around.develops)
    if figure.form == "percent":
        return _percent_kind(folded_clause, span, around.develops)
    if (
        figure.form == "count"
        and figure.low >= 1
        and (_COUNT_PEOPLE.search(after) or _COUNT_PLACE.search(after))
        and not _MEMBERSHIP.search(around.near)
    ):
        return "case_count", "persons"
    return None


def _share_of_cases(folded_clause: str, figure_end: int, condition_end: int | None) -> str | None:
    """familial_fraction or sporadic_fraction when the clause shares out cases (or a condition,
    "10% of ALS is familial"), else None."""
    after = folded_clause[figure_end:]
    shared = (
        _SHARE_OF_CASES.search(folded_clause)
        or _ELLIPTIC_SHARE.match(after)
        or _PEOPLE_WITH.match(after)
    )
    if not (shared or condition_end is not None):
        return None
    scope = folded_clause
    if condition_end is not None:
        scope = scope[:figure_end] + " " * (condition_end - figure_end) + scope[condition_end:]
    for pattern in (_GROUP_OF_CASES, _CLASS_NAME):
        scope = pattern.sub(lambda match: " " * len(match.group()), scope)
    if _SPORADIC.search(scope):
        return "sporadic_fraction"
    if _FAMILIAL.search(scope):
        return "familial_fraction"
    return None


def _rate_kind(folded_clause: str, span: tuple[int, int], develops: bool) -> tuple[str, str] | None:
    """(measure, unit) of a ratio or rate: births, incidence or prevalence, when the clause says
    which; "about 1 in 5 people recover completely" says none of them."""
    if _BIRTHS.search(folded_clause[span[1] :]) or _BIRTH_MEASURE.search(folded_clause[: span[0]]):
        return "birth_incidence", "per_live_birth"
    measure = _rate_measure(folded_clause, *span) or ("prevalence" if develops else None)
    if measure == "incidence":
        return "incidence", "per_person_year"
    if measure == "prevalence":
        return "prevalence", "proportion"
    return None


def _percent_kind(
    folded_clause: str, span: tuple[int, int], develops: bool
) -> tuple[str, str] | None:
    """(measure, unit) of a percent that is not a share of cases: prevalence in a group."""
    after = folded_clause[span[1] :]
    if develops:
        return _rate_kind(folded_clause, span, develops)
    if _CASES_AFTER.match(after):
        return None
    if (_PEOPLE_AFTER.search(after) or _PEOPLE_WITH.match(after)) and _PREVALENCE.search(
        folded_clause
    ):
        return "prevalence", "proportion"
    return None


def _subgroup(focus: Focus, folded: str, figure_end: int, clause_end: int) -> str | None:
    """The condition of "of people with <condition>" right after a figure, if any."""
    if not _PEOPLE_WITH.match(folded, figure_end):
        return None
    named = focus.mentions_in(figure_end, clause_end)
    return named[0].condition_id if named else None


def _developed(focus: Focus, folded: str, figure_end: int, clause_end: int) -> str | None:
    """The condition that a share of a group has or goes on to have, named right after the verb
    ("... percent of polio survivors will develop PPS"), if any."""
    if _CASES_AFTER.match(folded, figure_end) or _PEOPLE_WITH.match(folded, figure_end):
        return None
    named = _mention_after(focus, _DEVELOPS, folded, figure_end, clause_end)
    return named.condition_id if named else None


def _mention_after(
    focus: Focus, pattern: re.Pattern[str], folded: str, figure_end: int, clause_end: int
) -> Mention | None:
    """The mention that starts right where `pattern`, matched at the end of a figure, ends."""
    match = pattern.match(folded, figure_end, clause_end)
    if match is None:
        return None
    named = focus.mentions_in(match.end(), clause_end)
    return named[0] if named and named[0].start == match.end() else None


def _surroundings(
    focus: Focus, folded: str, form: str, figure_end: int, clause: tuple[int, int], near: str
) -> tuple[Surroundings, str | None]:
    """What classify needs to know beyond the words of a figure's clause, and the condition that
    a share of a group is said to develop."""
    if form not in ("percent", "ratio"):
        return Surroundings(near), None
    start, end = clause
    developed = _developed(focus, folded, figure_end, end)
    of_condition = _mention_after(focus, _OF_CONDITION, folded, figure_end, end)
    share_of_condition = of_condition.end - start if of_condition else None
    return Surroundings(near, developed is not None, share_of_condition), developed


def _labelled_start(folded: str, sentence_start: int, clause_start: int) -> int:
    """The clause start, moved back over a short label that the sentence opens with and that
    names what the figure measures ("Prevalence: 1-9 / 100 000")."""
    label = _LABEL.fullmatch(folded, sentence_start, clause_start)
    return label.start(1) if label else clause_start


def _next_figure_start(text: str, offset: int, figures: list[Figure], number: int, end: int) -> int:
    """Where the figure after figures[number] starts (a figure's own words stop there), skipping
    one that restates it in brackets: "a 1 in 4 (25%) chance"."""
    for following in figures[number + 1 :]:
        if not _RESTATED.fullmatch(text, offset + figures[number].end, offset + following.start):
            return offset + following.start
        number += 1
    return end


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
            start = _labelled_start(folded, sentence.start, start)
            folded_clause = folded[start:end]
            if negated(folded[start:fig_start]) or hypothetical(folded_sentence, figure.start):
                continue
            following = _next_figure_start(text, sentence.start, figures, number, end)
            near = folded[max(start, fig_start - 25) : min(end, following, fig_end + 60)]
            around, developed = _surroundings(
                focus, folded, figure.form, fig_end, (start, end), near
            )
            # "difficulties, which affect around 1 in 3 boys": a relative clause on something
            # other than a condition gives a feature's figure.
            relative, head = focus.relative_head(folded, start, fig_start)
            if relative and head is None:
                continue
            kind = classify(figure, folded_clause, (fig_start - start, fig_end - start), around)
            if kind is None:
                continue
            measure, unit = kind
            share = measure == "prevalence" and figure.form in ("percent", "ratio")
            approximate = figure.hedge is not None or bool(
                _ESTIMATED.search(folded, start, fig_start)
            )
            for condition_id in _conditions(focus, index, folded, (fig_end, end), share, developed):
                yield {
                    "condition_id": condition_id,
                    "start": start,
                    "end": end,
                    "extractor": EXTRACTOR,
                    "measure": measure,
                    "value_low": float(figure.low),
                    "value_high": float(figure.high),
                    "unit": unit,
                    "approximate": approximate,
                    "population": _population(folded_sentence, measure),
                }


def _conditions(
    focus: Focus, index: int, folded: str, span: tuple[int, int], share: bool, developed: str | None
) -> tuple[str, ...]:
    """The conditions a figure ending at span[0] in sentence `index` is about, its clause ending
    at span[1]: the one a group is said to develop, else those in focus, less, for a share of
    people, the one that defines the group ("half of people with LEMS have cancer" states
    nothing on a LEMS page)."""
    if developed is not None:
        return (developed,)
    subgroup = _subgroup(focus, folded, *span) if share else None
    conditions = focus.conditions(index)
    if subgroup is not None and _IN_FOCUS_DEVELOPED.search(folded, span[0], span[1]):
        # What the group develops or has is the condition in focus: cachexia on a cachexia page,
        # nothing on the page of the group's condition.
        conditions = focus.carried(index)
    return tuple(c for c in conditions if c != subgroup)
