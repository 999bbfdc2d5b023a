"""Interview transcripts: `PENCE: Well, look, …`, each turn a quote by the speaker its label names.

A turn runs from its label to the end of the paragraph, and on over the next paragraphs that open the
way it did (Breitbart-style quoted blocks, every paragraph opening with `"`) until the next label or a
stage direction such as `(CROSSTALK.)`. The label is the speaker and the colon the cue. A document is
read as a transcript only when at least two speakers take turns (two labels, three labelled
paragraphs), so a lone `UPDATE:` or `CORRECTION:` never starts one. PolNeAR annotators disagree on
transcripts (one dev annotator marks each turn, one train annotator the whole block), and the model,
seeing one long unclosed quotation, reports the block; the turns are what a reader needs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .document import Document
from .marks import NOT_APOSTROPHES

_LABEL_WORD = r"[A-Z][A-Z.'’-]*[A-Z.]"
LABEL = re.compile(
    r"^([ \t]*["
    + NOT_APOSTROPHES
    + r"]?)[ \t]*("
    + _LABEL_WORD
    + r"(?:[ \t]+"
    + _LABEL_WORD
    + r"){0,3})[ \t]*(:)[ \t\u00a0]+(?=\S)",
    re.M,
)
# Labels of newsroom furniture, not of speakers.
NOT_SPEAKERS = frozenset(
    "UPDATE UPDATED CORRECTION CLARIFICATION NOTE VIDEO PHOTO PHOTOS WATCH READ RELATED SOURCE SOURCES BYLINE "
    "EMAIL PREVIOUSLY BREAKING EXCLUSIVE LOOK BOOM BUSTED ADVERTISEMENT DATELINE SUMMARY BACKGROUND ANALYSIS "
    "OPINION CONTACT QUESTION ANSWER".split()  # QUESTION/ANSWER: a Q&A interview (interviews.py)
) | {"EDITOR'S NOTE", "EDITOR’S NOTE", "READ MORE", "FULL TEXT", "FIX IS IN"}
MIN_SPEAKERS = 2
MIN_TURNS = 3
# (right + 1) / (turns + 2) on PolNeAR train and dev: 21 of 24 turns match a gold attribution of that
# speaker; the other 3 are a transcript its annotator marked as one block.
PROBABILITY = 0.85


@dataclass(frozen=True)
class Turn:
    label: tuple[int, int]  # the speaker's name as the transcript gives it ("PENCE")
    colon: tuple[int, int]
    start: int  # the words of the turn
    end: int


def _stage_direction(text: str, start: int) -> bool:
    return start < len(text) and text[start] in "(["


def find_turns(document: Document) -> list[Turn]:
    """The turns of the transcript in the document, or [] when it is not one."""
    text = document.text
    labels = [m for m in LABEL.finditer(text) if m.group(2) not in NOT_SPEAKERS]
    if len(labels) < MIN_TURNS or len({m.group(2) for m in labels}) < MIN_SPEAKERS:
        return []
    turns = []
    for m in labels:
        prefix = m.group(1).strip()
        k = document.paragraph_of(m.end())
        end = document.paragraphs[k][1]
        for body, paragraph_end in document.paragraphs[k + 1 :]:
            if LABEL.match(text, text.rfind("\n", 0, body) + 1):  # LABEL reads a paragraph from its line start
                break  # the next turn, or a newsroom label
            if not prefix or not text.startswith(prefix, body) or _stage_direction(text, body + len(prefix)):
                break
            end = paragraph_end
        while end > m.end() and text[end - 1].isspace():
            end -= 1
        if end > m.end():
            turns.append(Turn(m.span(2), m.span(3), m.end(), end))
    return turns
