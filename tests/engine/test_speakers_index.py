"""The speaker stage's lookups by position and by word (issue 11's scaling note): each returns what a plain scan
of every chunk or entity would, on texts written for it, so the indexes change the cost and not the answers."""

from hypothesis import given, settings
from hypothesis import strategies as st

from quotes.document import Document
from quotes.speakers.entities import EntityTable, name_parts
from quotes.speakers.mentions import read_article
from quotes.speakers.references import (
    _APPOSED_BEFORE,
    _COPULA_BEFORE,
    ReferenceResolver,
    _apposition_reach,
)
from quotes.speakers.resolver import AttributionMentions, _Resolution
from quotes.speakers.source import analyse_source

ARTICLE = (
    "Barbarcel Holdings, one of the largest employers in Leeds, said on Monday it would cut 100 jobs. "
    "“We have looked at every option,” the company said.\n\n"
    "Helen Celbarcel, the finance minister, told reporters the plan was sound. The Office of Fair Trading "
    "(OFT), the regulator, said Sen. Mark Reid and Anna Kovacs of the Vienna Policy Forum would meet. "
    "Kovacs is the chair of Dorbarcel Bank Inc.\n\n"
    "Mr Reid, who was the senator, and Ms Kovacs said the talks would go on. Reid and Kovacs met the "
    "IMF, the International Monetary Fund, and TimeWarner, which said Time Warner Inc. would pay."
)


def _table(text: str = ARTICLE) -> EntityTable:
    return EntityTable(read_article(Document.read(text)))


def test_the_article_has_chunks_sorted_and_apart():
    article = read_article(Document.read(ARTICLE))
    assert len(article.chunks) > 10
    assert all(a.end <= b.start for a, b in zip(article.chunks, article.chunks[1:]))


@settings(max_examples=200, deadline=None)
@given(st.integers(0, len(ARTICLE)), st.integers(0, len(ARTICLE)))
def test_chunk_lookups_by_position_are_the_scans(start, end):
    article = read_article(Document.read(ARTICLE))
    chunks = article.chunks
    assert article.chunks_in(start, end) == [c for c in chunks if c.start >= start and c.end <= end]
    assert article.chunks_over(start, end) == [c for c in chunks if c.end > start and c.start < end]
    assert article.chunks_ending_in(start, end) == [c for c in chunks if start <= c.end <= end]
    assert list(article.chunks_back_from(end)) == [c for c in reversed(chunks) if c.end <= end]
    if start < end:  # asked of a token, never of an empty span
        covering = [c for c in chunks if c.start <= start and end <= c.end]
        assert article.chunk_covering(start, end) == (covering[0] if covering else None)


PIECES = [" ", "  ", "\n", ",", "(", ")", "a", "Reid", "Jr.", "7", "Montgomerywood", "who", "is", "has been", "the"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=14))
def test_no_apposition_starts_before_its_reach(pieces):
    text = "".join(pieces)
    pos = len(text)
    reach = _apposition_reach(text, pos)
    for p in range(pos + 1):
        if _APPOSED_BEFORE.fullmatch(text, p, pos) or _COPULA_BEFORE.fullmatch(text, p, pos):
            assert p >= reach, (text, p, reach)


def test_the_reach_stops_at_words_and_at_the_bracket_before():
    text = "Jones said (the OFT), "
    assert _apposition_reach(text, len(text)) == len("Jones said")  # a name right before the bracket
    text = "(a) Jones (OFT (in London), "
    assert _apposition_reach(text, len(text)) == len("(a) Jones")  # the first "(" after the ")" before
    text = "Jones (OFT, "
    assert _apposition_reach(text, len(text)) == len("Jones (")  # no bracket closes: only the few letters
    text = "Sir Montgomerywood, "
    assert len("Sir ") < _apposition_reach(text, len(text)) <= len("Sir Montgomerywood")  # a few letters back
    text = "Jones, who has been "
    assert _apposition_reach(text, len(text)) == len("Jones")


def test_the_index_holds_every_entity_a_window_or_a_word_can_reach():
    table = _table()
    index = table.index
    assert [e.order for e in table.entities] == list(range(len(table.entities)))
    for sentence in range(len(table.article.sentence_starts)):
        for window in (0, 3, 8):
            scan = [e for e in table.entities if any(sentence - window <= s <= sentence for _, s, _ in e.salience)]
            within = table.within(sentence, window)
            assert set(map(id, scan)) <= set(map(id, within))
            assert [e.order for e in within] == sorted(e.order for e in within)
    for entity in table.entities:
        words = set(entity.roles) | {w.casefold() for n in entity.names for w in n.name}
        for word in words:
            assert entity in index.with_words([word])
        for name in entity.names:
            for part in name_parts(name):
                assert entity in index.named(part)
    assert [e.order for e in index.named(("last", "kovacs"), newest_first=True)] == sorted(
        (e.order for e in index.named(("last", "kovacs"))), reverse=True
    )


def test_name_parts_are_what_name_matching_compares():
    table = _table()
    (org,) = [e for e in table.entities if any(n.text == "International Monetary Fund" for n in e.names)]
    assert any(n.text == "IMF" for n in org.names)  # "IMF" found the fund by its initials
    reid = [e for e in table.entities if e.last == "reid"]
    assert len(reid) == 1 and {n.text for n in reid[0].names} >= {"Mark Reid", "Reid"}


def test_the_salient_referent_is_a_lookup_and_the_table_records_the_kind():
    text = (
        "Phone makers met in Lisbon last week. At the fair, Velmora showed off a folding handset. "
        "The Swedish company said the phone would be ready."
    )
    table = _table(text)
    references = ReferenceResolver(table)
    start = text.index("The Swedish company")
    analysed = analyse_source(table.article, start, start + len("The Swedish company"))
    found = references._salient_referent(analysed)
    assert found is not None and found.names[0].text == "Velmora"
    assert found.kind == "unknown"  # looking it up changed nothing
    table.referred_to_as_organization(found)
    assert found.kind == "organization"
    person = table.new("person")  # a description of an organization never makes a person one
    table.referred_to_as_organization(person)
    assert person.kind == "person"


ORGANIZATIONS = (
    "The U.S. Supreme Court said the International Monetary Fund and the Federal Bureau of Investigation met. "
    "Time Warner Inc. and the New York Post said MG Rover and Vale Ratepayers' Association would not.\n\n"
    "The Securities and Exchange Commission and the Center for Arms Control and Non-Proliferation agreed. "
    "Officials at the Post Office and Rover Group said the IEA would meet. "
    "The Committee to Protect Bloggers and security firm KTV met."
)
# short forms and longer forms the text above never writes
OTHER_NAMES = (
    "IMF, I.M.F., FBI, Supreme Court, Post, Rover, TimeWarner, SEC, CACNP, Investigation, Exchange Commission, "
    "Group, Office, International Energy Agency, The New York Post Co, U.S. Federal Bureau of Investigation, "
    "Committee, KTV Systems, U.S. Courts"
)


def _scan_organization(table: EntityTable, parsed):
    """EntityTable._match_organization as a plain scan of every entity, newest first: the index must find what
    the scan finds, with the same test of two names (one_organization)."""
    from quotes.speakers.article import ORG_CONNECTORS
    from quotes.speakers.entities import one_organization
    from quotes.speakers.names import ORG_WORDS

    key, squeezed = parsed.key, parsed.squeezed
    for entity in reversed(table.entities):
        if entity.kind in ("organization", "unknown", "place"):
            for n in entity.names:
                if n.key == key or (entity.kind == "organization" and n.squeezed == squeezed):
                    return entity
    if len(key) == 1 and key[0] in ORG_WORDS:  # "the Committee": the one organization that word heads
        headed = {
            id(e): e
            for e in table.entities
            if e.kind == "organization"
            for n in e.names
            if len(n.key) > 2 and n.key[0] == key[0] and n.key[1] in ORG_CONNECTORS
        }
        if len(headed) == 1:
            return next(iter(headed.values()))
    for entity in reversed(table.entities):
        if entity.kind == "organization" or (len(key) >= 2 and entity.kind == "unknown"):
            if any(one_organization(parsed, n, entity) for n in entity.names):
                return entity
    return None


def test_organization_names_are_matched_as_a_scan_of_every_entity_would():
    from quotes.speakers.names import parse_name

    table = _table(ORGANIZATIONS)
    queries = [parse_name(name.split()) for name in OTHER_NAMES.split(", ")]
    found = [table._match_organization(parsed) for parsed in queries]
    assert sum(e is not None for e in found) >= 8  # most short forms find their organization
    for parsed, entity in zip(queries, found):
        assert entity is _scan_organization(table, parsed), parsed.text


QUOTED = (
    '"One," she said. "Two." "Three," he added. "Four."\n\n'
    '"Five." Ana Ruiz said it would rain. "Six," said Tom Reid. "Seven."\n\n'
    '"Eight," they said, and "nine."'
)


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.tuples(st.integers(0, len(QUOTED)), st.integers(0, 30), st.booleans()),
        min_size=1,
        max_size=10,
    )
)
def test_the_quote_a_quotation_continues_is_what_a_scan_of_its_paragraph_finds(spans):

    attributions = [
        AttributionMentions((s, min(len(QUOTED), s + n)), None, None, unmarked=unmarked) for s, n, unmarked in spans
    ]
    resolution = _Resolution(Document.read(QUOTED), attributions)
    article = resolution.article
    for i, attribution in enumerate(attributions):
        start = attribution.content[0]
        paragraph = article.paragraph_of(start)
        scan = [  # every marked attribution of the paragraph that ends by start, in list order
            j
            for j, a in enumerate(attributions)
            if a.content[1] <= start and article.paragraph_of(a.content[0]) == paragraph and not a.unmarked
        ]
        expected = max(scan, key=lambda j: attributions[j].content[1]) if scan else None
        assert resolution._ended_last_before(start, paragraph) == expected
