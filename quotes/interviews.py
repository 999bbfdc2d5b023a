"""Q&A interviews: paragraphs that open `Q:` and `A:`. Each answer is a direct quote by the
interviewee; the questions are the interviewer's (usually the newsroom's own reporter) and are not
reported as quotes.

The interviewee is the person the introduction (the text before the first question) names most often,
by surname: "Q&A with Vice President Joe Biden. … Biden complained …" -> Joe Biden. When no name
recurs, the answers are still reported, with no speaker. A turn runs over the unlabelled paragraphs
that follow it up to the next label; the last turn ends with its paragraph, so that a closing note
("Questions have been edited for length") is not read as part of the last answer. PolNeAR train has two
such interviews and dev none; the model, which never learnt the convention, reports fragments of the
answers with no speaker.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from .document import Document
from .marks import NOT_APOSTROPHES

ROLE = re.compile(r"^[ \t]*[" + NOT_APOSTROPHES + r"]?[ \t]*(Q|A|QUESTION|ANSWER)[ \t]*(:)[ \t\u00a0]+(?=\S)", re.M)
QUESTION_LABELS = frozenset({"Q", "QUESTION"})
MIN_EACH = 2  # questions and answers: a lone "A:" is not an interview
# A personal name as an introduction writes it: two to four capitalised words ("Vice President Joe Biden",
# "Dr. H. Smith"); a full stop only after an abbreviation or an initial, never a sentence's end.
NAME = re.compile(r"\b(?:(?:[A-Z][a-z]{0,2}\.|[A-Z][a-z]+)[ \t]+){1,3}[A-Z][a-z]+(?:[-'’][A-Z]?[a-z]+)?\b")
MIN_NAME_MENTIONS = 2
# (right + 1) / (answers + 2): on PolNeAR train, 28 of 28 answers are the interviewee's whole answer with
# the interviewee as speaker, by reading (PolNeAR's own annotation of one of the two interviews names
# the labels "A" and "Q" as sources, the other does not annotate the turns).
PROBABILITY = 0.97


@dataclass(frozen=True)
class Turn:
    question: bool
    colon: tuple[int, int]
    start: int  # the words of the turn
    end: int


def find_turns(document: Document) -> list[Turn]:
    """The question and answer turns of the interview in the document, or [] when it is not one."""
    text = document.text
    labels = list(ROLE.finditer(text))
    questions = sum(m.group(1) in QUESTION_LABELS for m in labels)
    if questions < MIN_EACH or len(labels) - questions < MIN_EACH:
        return []
    turns = []
    for k, m in enumerate(labels):
        if k + 1 < len(labels):  # the turn goes on up to the next label
            end = labels[k + 1].start()
        else:  # the last one ends with its paragraph
            end = document.paragraphs[document.paragraph_of(m.end())][1]
        while end > m.end() and text[end - 1].isspace():
            end -= 1
        if end > m.end():
            turns.append(Turn(m.group(1) in QUESTION_LABELS, m.span(2), m.end(), end))
    return turns


def interviewee(text: str, turns: list[Turn]) -> tuple[int, int] | None:
    """Offsets of the interviewee's name in the introduction: the name whose surname recurs most there."""
    intro = text[: turns[0].colon[0]] if turns else ""
    names = list(NAME.finditer(intro))
    counts = Counter(re.findall(r"\b[A-Z][a-z]+(?:[-'’][A-Z]?[a-z]+)?\b", intro))
    best = max(names, key=lambda m: (counts[m.group().split()[-1]], -m.start()), default=None)
    if best is None or counts[best.group().split()[-1]] < MIN_NAME_MENTIONS:
        return None
    return best.span()
