"""From a validated request document to the text the engine reads: HTML to its main text, the language check,
then the token budget.

The steps are the engine's (quotes.html, quotes.language, Attributor.tokenize); here they become the
HTTP answers: a page without article text or an extracted text over the limit is a 422 on `html`, text
that is confidently not English a 422 `unsupported-language` unless the client says `"language": "en"`,
and text that needs more encoder tokens than the budget a 413 `too-many-tokens`. The tokens counted go on
with the document to the engine, which then does not tokenize the text again.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from flask import current_app

from quotes.html import NoArticleText, extract_article_text
from quotes.language import SUPPORTED_LANGUAGES, detect_language
from service.config import limits_from_config
from service.engine_holder import current_engine
from service.errors import InvalidRequest, TooManyTokens, UnsupportedLanguage

if TYPE_CHECKING:
    from quotes.model.inputs import TokenizedText


@dataclass(frozen=True)
class PreparedDocument:
    id: str | None
    text: str
    from_html: bool  # the answer then carries `text`, which its offsets index into
    tokenized: TokenizedText  # the text's tokens, counted against the budget, for the engine to use


def prepare_document(document: dict, field_path: str = "") -> PreparedDocument:
    """`field_path` ("documents.3.") names the document in a batch's error messages."""
    text = document.get("text")
    from_html = text is None
    if from_html:
        text = html_text(document["html"], field_path)
    if document.get("language") is None:
        guess = detect_language(text)
        if guess.confidently_unsupported:
            supported = ", ".join(SUPPORTED_LANGUAGES)
            message = (
                f"the text looks like {guess.name} ({guess.code}, confidence {guess.confidence:.2f}); the model "
                f'reads English news only (supported: {supported}). Send "language": "en" to attribute it anyway.'
            )
            where = f"{field_path}text" if field_path else "text"
            raise UnsupportedLanguage(f"{where}: {message}", errors={where: [message]})
    tokenized = require_token_budget(text, f"{field_path}{'html' if from_html else 'text'}")
    return PreparedDocument(id=document.get("id"), text=text, from_html=from_html, tokenized=tokenized)


def require_token_budget(text: str, where: str) -> TokenizedText:
    """The text's tokens; 413 for an article whose encoder tokens exceed the budget, counted before inference
    (as Hugging Face's text-embeddings-inference limits input tokens): its time would pass that of the longest
    allowed article."""
    limit = limits_from_config(current_app.config).max_tokens
    tokenized = current_engine().tokenize(text)
    tokens = tokenized.encoder_tokens
    if tokens > limit:
        message = f"text needs {tokens} encoder tokens > maximum allowed {limit} tokens (QUOTES_MAX_TOKENS)"
        raise TooManyTokens(
            f"{where}: {message}", errors={where: [message]}, extensions={"tokens": tokens, "max_tokens": limit}
        )
    return tokenized


def html_text(html: str, field_path: str) -> str:
    where = f"{field_path}html"
    try:
        text = extract_article_text(html)
    except NoArticleText as error:
        raise InvalidRequest(f"{where}: {error}", errors={where: [str(error)]}) from None
    limit = limits_from_config(current_app.config).max_text_chars
    if len(text) > limit:
        message = f"extracted text length {len(text)} > maximum allowed text length {limit} characters"
        raise InvalidRequest(f"{where}: {message}", errors={where: [message]})
    return text
