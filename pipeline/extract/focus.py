"""Which conditions a statement is about: the sentence's subject, else the conditions in focus.

Focus follows the document: a heading naming a condition sets it for its section; a sentence
whose subject is a condition moves it; "it", "this disease", "of cases" then refer to it. A
subject may be plural ("DMD and BMD are ...", "Both disorders are ..."). A heading that names no
condition returns the focus to the document's topic (the condition the page is about); on a page
without one, a sub-topic heading ("Diagnosis", "Inheritance") keeps the focus and any other
heading clears it, so a fact is never attached to a condition from an unrelated section.
"""

from __future__ import annotations

import bisect
import re

from pipeline.mentions import Mention
from pipeline.text.normalize import fold
from pipeline.text.structure import Document

# A mention right after these words is an object of the sentence, not what it is about.
_OBJECT_MARKER = re.compile(
    r"(?:such as|like|including|e\.g\.,?|for example,?|than|from|into|by|due to|to|for|"
    r"rule out|ruling out|identify|detect|detecting|distinguish|vs\.?|versus|unlike|mimic|mimics|"
    r"resemble|resembles|other|those of other|these|those|such|includes?|include:|"
    # A condition that only sets a case up: "If you have diabetes, you should be offered ...".
    r"if (?:you|they|he|she|your child) (?:have|has|had|get|develop))\s+"
    r"(?:the |a |an |many |most |some |several |certain |various |all )?$"
)
# "Cancer screening: ...", "Pompe disease testing": what a test looks for, not what is diagnosed;
# "your cancer care", "the ALS clinic": a service named for a condition.
_TEST_WORDS = r"(?:screening|screen|tests?|testing)"
_TESTED_FOR = re.compile(
    rf"\s*(?:{_TEST_WORDS}|care|clinics?|cent(?:er|re)s?|teams?|services?|nurses?|reviews?|"
    r"specialists?|charit(?:y|ies)|associations?|societ(?:y|ies)|foundations?|helplines?)\b"
)
# A fronted phrase names the topic: "For muscle atrophy in general, ...", "In both GBS and CIDP, ...".
_FRONTED_TOPIC = re.compile(
    r"^\W*(?:for|in|among|with)\s+(?:the |a |an |both |people with |patients with )?$"
)
# "Tests for myasthenia gravis include ...": a sentence that opens on what tests are for is about
# it; later in a sentence ("should include screening for diabetes") it is what is looked for.
_TOPIC_MARKER = re.compile(
    rf"^\W*(?:[\w-]+\s+){{0,3}}(?:{_TEST_WORDS}|diagnos\w*|treat\w*)\s+for\s+(?:the |a |an )?$"
)
# A sentence whose subject is a pronoun or a definite description refers back to the focus: its
# condition mentions are complements ("It is one of the most severe forms of muscular dystrophy").
_ANAPHORIC_SUBJECT = re.compile(
    r"^\W*(?:it|they|this (?:condition|disorder|disease|syndrome|form|type)|the (?:condition|"
    r"disorder|disease|syndrome)|these (?:conditions|disorders|diseases))\s+(?:is|are|was|were|"
    r"has|have|can|may|affects?|occurs?|causes?|results?|belongs?|remains?)\b"
)
# Two mentions joined like this form one plural subject: "DMD and BMD", "GBS or CIDP".
_COORDINATED = re.compile(
    r"^\s*(?:,|and|or|, and|, or|as well as|/|, including)\s*(?:the |a |an )?$"
)
# A misdiagnosis names what the condition is taken for, and everything it lists is an object:
# "People may be told they have long QT syndrome or hypokalemic periodic paralysis".
_MISTAKEN_FOR = re.compile(
    r"\b(?:told (?:that )?(?:they|you|he|she) (?:have|has|had)|misdiagnos\w* (?:as|with)|"
    r"mistaken for|confused with)\s[^.;]{0,60}$"
)
# A later item of a list that an object marker opened is an object too: "such as multiple
# sclerosis, a trapped nerve in the neck, or Kennedy's disease".
_LIST_ITEM_AFTER = re.compile(r"^[^.;:()]{0,60}(?:,|\bor|\band)\s+(?:the |a |an )?$")
# "Both disorders are ...": the two conditions last in focus.
_PLURAL_ANAPHOR = re.compile(
    r"\b(?:both (?:disorders|conditions|diseases|forms|types)|(?:these|the) two "
    r"(?:disorders|conditions|diseases|forms|types)|both of (?:these|them)|"
    r"both (?:are|have|can|may|cause|affect)|^\W*in both\W)"
)
_SUBTOPIC_HEADING = re.compile(
    r"\b(?:diagnos\w*|symptom\w*|signs?|causes?|treat\w*|therap\w*|inherit\w*|genetic\w*|"
    r"genes?|test\w*|prevalence|incidence|common|outlook|prognosis|risks?|who|how|what|"
    r"frequency|epidemiology|management|overview|facts?|statistics|types?|forms?|living|"
    r"research|faq|questions?|about|key|summary|complications?|onset|causes|get|happen)\b"
)

# "Huntington's disease, another movement disorder, which is passed on ...": a relative clause
# that holds a position, and what may stand between it and the condition it follows (a gloss,
# an appositive).
_RELATIVE_OPENING = re.compile(r"\b(?:which|who)\b[^,;:.()]{0,60}$")
_AFTER_HEAD = re.compile(r"(?:\s*\([^()]*\))?(?:\s*,[^,;:.()]{1,60})?\s*,?\s*")

Conditions = tuple[str, ...]


class Focus:
    """Resolves the conditions of statements in one document."""

    def __init__(self, document: Document, mentions: list[Mention]) -> None:
        self._document = document
        self._mentions = mentions
        self._starts = [mention.start for mention in mentions]
        self._resolved = self._carry()

    def mentions_in(self, start: int, end: int) -> list[Mention]:
        """Mentions inside text[start:end]."""
        low = bisect.bisect_left(self._starts, start)
        high = bisect.bisect_left(self._starts, end)
        return [m for m in self._mentions[low:high] if m.end <= end]

    def subject(self, sentence_start: int, sentence_end: int) -> list[Mention]:
        """The sentence's subject: its first mention that is not an object of another word,
        with the mentions coordinated with it ("DMD and BMD")."""
        text = self._document.text
        mentions = self.mentions_in(sentence_start, sentence_end)
        if mentions and _ANAPHORIC_SUBJECT.match(fold(text[sentence_start : mentions[0].start])):
            return []
        number = 0
        object_end = -1
        while number < len(mentions):
            mention = mentions[number]
            chain = [mention]
            for following in mentions[number + 1 :]:
                if not _COORDINATED.match(fold(text[chain[-1].end : following.start])):
                    break
                chain.append(following)
            before = fold(text[max(sentence_start, mention.start - 40) : mention.start])
            fronted = _FRONTED_TOPIC.match(fold(text[sentence_start : mention.start]))
            glossed = before.endswith("(")
            tested_for = _TESTED_FOR.match(text, chain[-1].end)
            listed = (
                object_end >= 0 and _LIST_ITEM_AFTER.match(fold(text[object_end : mention.start]))
            ) or _MISTAKEN_FOR.search(fold(text[sentence_start : mention.start]))
            if (
                fronted
                or _TOPIC_MARKER.match(fold(text[sentence_start : mention.start]))
                or not (glossed or tested_for or listed or _OBJECT_MARKER.search(before))
            ):
                return chain
            # The mentions coordinated with an object are objects too ("check for B12 deficiency,
            # HIV and HTLV-1").
            number += len(chain)
            object_end = chain[-1].end
        return []

    def _carry(self) -> list[Conditions]:
        """What each sentence is about when it has no subject of its own: the focus when it
        starts, or for "both conditions" the last pair named together (else the last two named)."""
        text = self._document.text
        blocks = self._document.blocks
        resolved: list[Conditions] = []
        focus: Conditions = ()
        recent: list[str] = []
        topic = self._document_topic()
        pair: Conditions = topic if len(topic) == 2 else ()
        last_block = -1
        list_lead: Conditions | None = None
        for sentence in self._document.sentences:
            block = blocks[sentence.block]
            new_block = sentence.block != last_block
            # Each item of a list starts from the focus of the list's lead-in, not from the
            # item before it; after the list, the lead-in's focus holds again.
            if new_block and list_lead is not None:
                focus = list_lead
            if block.kind != "list_item":
                list_lead = None
            elif list_lead is None:
                list_lead = focus
            if new_block and block.kind == "heading":
                named = self.mentions_in(block.start, block.end)
                heading = fold(text[block.start : block.end])
                if named:
                    focus = (named[0].condition_id,)
                elif topic or not _SUBTOPIC_HEADING.search(heading):
                    # A section of a page about one condition is about it again, whatever
                    # the section before it ended on ("Differential diagnosis").
                    focus = topic
                    recent = list(topic)
            last_block = sentence.block
            both = pair or tuple(recent[-2:])
            plural = len(both) == 2 and _PLURAL_ANAPHOR.search(
                fold(text[sentence.start : sentence.end])
            )
            resolved.append(both if plural else focus)
            subject = _ids(self.subject(sentence.start, sentence.end))
            named_here = self.mentions_in(sentence.start, sentence.end)
            if subject:
                focus = subject
                pair = subject if len(subject) == 2 else pair
            elif plural:
                focus = both
            elif {m.condition_id for m in named_here} & set(topic):
                # "Tests cannot distinguish CIM from CIP": the page's condition, even as an object,
                # brings the focus back to it.
                focus = topic
            for mention in named_here:
                if mention.condition_id in recent:
                    recent.remove(mention.condition_id)
                recent.append(mention.condition_id)
        return resolved

    def _document_topic(self) -> Conditions:
        """The conditions the whole text is about: those its title names ("Duchenne and Becker
        muscular dystrophy"), unless other headings name other conditions, else the one with a
        strict majority of the mentions."""
        if not self._mentions:
            return ()
        headed = {
            named[0].condition_id
            for block in self._document.blocks
            if block.kind == "heading" and (named := self.mentions_in(block.start, block.end))
        }
        first_block = self._document.blocks[0]
        in_title = self.mentions_in(first_block.start, first_block.end)
        if in_title and first_block.kind == "heading" and len(headed) == 1:
            # "Duchenne and Becker muscular dystrophy: Duchenne muscular dystrophy" is a page
            # about what follows the colon.
            colon = self._document.text.rfind(":", first_block.start, first_block.end)
            start = colon + 1 if colon >= 0 and in_title[-1].start > colon else first_block.start
            return _ids(self.subject(start, first_block.end) or in_title[:1])
        counts: dict[str, int] = {}
        for mention in self._mentions:
            counts[mention.condition_id] = counts.get(mention.condition_id, 0) + 1
        best = max(sorted(counts), key=counts.__getitem__)
        return (best,) if counts[best] * 2 > len(self._mentions) else ()

    def conditions(self, sentence_index: int, exclude: tuple[int, int] | None = None) -> Conditions:
        """The conditions sentence `sentence_index` is about (none when unresolvable); `exclude`
        drops mentions in a span (a test's purpose names what is looked for, not what is diagnosed)."""
        sentence = self._document.sentences[sentence_index]
        subject = [
            m
            for m in self.subject(sentence.start, sentence.end)
            if not (exclude and exclude[0] <= m.start < exclude[1])
        ]
        if subject:
            return _ids(subject)
        return self._resolved[sentence_index]

    def relative_head(self, folded: str, start: int, position: int) -> tuple[bool, str | None]:
        """Whether `position` sits in a relative clause opened after `start`, and the condition
        named right before that clause, if one is."""
        opening = _RELATIVE_OPENING.search(folded, start, position)
        if opening is None:
            return False, None
        named = self.mentions_in(start, opening.start())
        if named and _AFTER_HEAD.fullmatch(folded, named[-1].end, opening.start()):
            return True, named[-1].condition_id
        return True, None

    def carried(self, sentence_index: int) -> Conditions:
        """The conditions in focus when sentence `sentence_index` starts, whatever it names."""
        return self._resolved[sentence_index]


def _ids(mentions: list[Mention]) -> Conditions:
    return tuple(dict.fromkeys(m.condition_id for m in mentions))
