"""HTML in: the article's main text, paragraphs as blank lines, no markup, no entities, no page furniture."""

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quotes.html import NoArticleText, extract_article_text

# A news page written for these tests: navigation, an aside and a footer around the article, and the
# entity spellings CMSs produce (named, numeric, double-escaped).
PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Bridge to reopen next week, mayor says</title>
<script>var tracking = "&quot;do not show&quot;";</script><style>p { color: red }</style></head>
<body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/politics">Politics</a></li><li><a href="/sport">Sport</a></li></ul></nav>
<article>
<h1>Bridge to reopen next week, mayor says</h1>
<p>The mayor said on Tuesday that the Elm Street bridge would reopen next week after months of repairs.</p>
<p>&quot;We are doing everything we can,&quot; Mayor Alice Brown told reporters at City Hall. &ldquo;The crews have worked through the night.&rdquo;</p>
<p>Residents have complained about the detour for months. &#8220;It added half an hour to my commute,&#x201D; said Tom&nbsp;Green, who lives on Oak Avenue.</p>
<p>The city&#39;s transport director, Maria Lopez, said the final inspection would take place on Friday &amp; that the bridge was &amp;quot;safe&amp;quot;.</p>
</article>
<aside><h2>Most read</h2><ul><li><a href="/a">Council votes on budget</a></li><li><a href="/b">Storm warning for the weekend</a></li></ul></aside>
<footer><p>&copy; 2026 The Daily Ledger. All rights reserved.</p><p>Contact us | Privacy | Terms</p></footer>
</body></html>
"""

ENTITY = re.compile(r"&(#\d+|#x[0-9a-fA-F]+|[A-Za-z]+);")


def test_main_text_keeps_the_article_and_drops_the_furniture():
    text = extract_article_text(PAGE)
    assert "the Elm Street bridge would reopen next week" in text
    assert "said Tom Green, who lives on Oak Avenue" in text
    for furniture in ("Home", "Most read", "Storm warning", "All rights reserved", "Privacy", "do not show", "color"):
        assert furniture not in text


def test_entities_are_decoded_and_never_reach_the_text():
    text = extract_article_text(PAGE)
    assert '"We are doing everything we can," Mayor Alice Brown' in text
    assert "“The crews have worked through the night.”" in text
    assert "“It added half an hour to my commute,”" in text
    assert "The city's transport director" in text and "Friday & that" in text
    assert '"safe"' in text  # double-escaped by the CMS
    assert not ENTITY.search(text) and "<" not in text


def test_paragraphs_are_separated_by_blank_lines():
    paragraphs = extract_article_text(PAGE).split("\n\n")
    assert all(p.strip() == p and p and "\n" not in p for p in paragraphs)
    assert any(p.startswith("The mayor said on Tuesday") for p in paragraphs)
    assert any(p.startswith('"We are doing everything we can,"') for p in paragraphs)


def test_a_short_fragment_is_kept_whole():
    text = extract_article_text("<p>&quot;Hi,&quot; he said.</p><p>She did not answer.</p>")
    assert text == '"Hi," he said.\n\nShe did not answer.'


@pytest.mark.parametrize(
    "fragment",
    [
        "<article><p>&quot;We will not back down,&quot; the senator said.</p></article>",
        "<p>&quot;We will not back down,&quot; the senator said.</p>",
    ],
)
def test_a_lone_fragment_is_read(fragment):
    assert extract_article_text(fragment) == '"We will not back down," the senator said.'


@pytest.mark.parametrize("html", ["", "   ", "<html><body></body></html>", "<script>alert(1)</script>"])
def test_a_page_without_text_is_an_error(html):
    with pytest.raises(NoArticleText):
        extract_article_text(html)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1), min_size=1))
def test_escaped_text_comes_back_without_markup_or_entities(paragraphs):
    import html

    page = "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
    try:
        text = extract_article_text(page)
    except NoArticleText:
        return  # whitespace-only paragraphs
    assert not ENTITY.search(text) or any(ENTITY.search(p) for p in paragraphs)
