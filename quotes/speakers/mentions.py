"""Reading an article for the speaker stage, once: tokens and sentences (article.py), the name
chunks (chunks.py) and the roles given next to names (roles.py).
"""

from __future__ import annotations

from collections.abc import Callable

from ..document import Document
from .article import Article, sentence_starts, tokenize
from .chunks import find_name_chunks
from .roles import find_appositions


def read_article(document: Document, revise_chunks: Callable[[Article], None] | None = None) -> Article:
    """revise_chunks: an optional signal's say on the name chunks before roles are read (ner.py)."""
    text = document.text
    tokens = tokenize(text)
    paragraph_starts = list(document.paragraph_starts)
    article = Article(
        document=document,
        tokens=tokens,
        token_starts=[t.start for t in tokens],
        sentence_starts=sentence_starts(tokens, paragraph_starts),
        paragraph_starts=paragraph_starts,
    )
    find_name_chunks(article)
    if revise_chunks is not None:
        revise_chunks(article)
    article.index_chunks()
    find_appositions(article)
    return article
