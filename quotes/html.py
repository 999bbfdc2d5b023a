"""The article's main text from an HTML page (a CMS export, a saved web page), as the engine reads it.

trafilatura finds the article among navigation, asides and footers and decodes every entity; the
result has one paragraph per block, separated by blank lines as in a plain-text article, so that the
paragraph-aware stages (quotes over several paragraphs, transcripts, interviews) read it the same way.
"""

from __future__ import annotations

import re

PARAGRAPH_BREAK = "\n\n"
_LINE_BREAKS = re.compile(r"\s*\n\s*")


class NoArticleText(ValueError):
    """The page holds no text that could be an article (empty, markup only, scripts only)."""


def extract_article_text(html: str) -> str:
    """The main text of `html`, paragraphs separated by blank lines, with no markup or entity left."""
    import trafilatura  # lxml and its friends load only when HTML actually arrives

    options = dict(output_format="txt", include_comments=False, include_tables=True, include_images=False)
    text = trafilatura.extract(html, **options)
    if not text:
        # Below trafilatura's minimum article size (a fragment, a short wire item) its precise
        # extractor gives up; the recall setting keeps every text block instead.
        text = trafilatura.extract(html, favor_recall=True, **options)
    if not text and "<body" not in html.lower():
        # A lone fragment (`<article><p>…</p></article>`) parses as a document with no body.
        text = trafilatura.extract(f"<html><body>{html}</body></html>", favor_recall=True, **options)
    text = _LINE_BREAKS.sub(PARAGRAPH_BREAK, (text or "").strip())
    if not text:
        raise NoArticleText("the HTML holds no article text")
    return text
