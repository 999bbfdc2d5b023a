"""Articles written for the tests (not taken from any publication): news in other languages, and one
English article both as plain text and as the HTML page a CMS would serve for it."""

GERMAN = (
    "Der Bürgermeister kündigte am Dienstag an, dass die Brücke in der Elmstraße nächste Woche wieder "
    "geöffnet werde. „Wir tun alles, was wir können“, sagte er vor Journalisten im Rathaus. Die Anwohner "
    "hatten sich monatelang über die Umleitung beschwert."
)
SPANISH = (
    "El alcalde anunció el martes que el puente de la calle Olmo volverá a abrir la próxima semana. "
    "«Estamos haciendo todo lo posible», dijo a los periodistas en el ayuntamiento. Los vecinos se habían "
    "quejado durante meses del desvío."
)
FRENCH = (
    "Le maire a annoncé mardi que le pont de la rue des Ormes rouvrirait la semaine prochaine. "
    "« Nous faisons tout ce que nous pouvons », a-t-il déclaré aux journalistes à l'hôtel de ville. Les "
    "riverains se plaignaient depuis des mois de la déviation."
)
ENGLISH = (
    "The mayor said on Tuesday that the Elm Street bridge would reopen next week. "
    '"We are doing everything we can," he told reporters at City Hall.'
)

# The article as its text: paragraphs separated by blank lines.
ARTICLE_PARAGRAPHS = [
    "The mayor said on Tuesday that the Elm Street bridge would reopen next week after four months of repairs.",
    "“We are doing everything we can,” Mayor Alice Brown told reporters at City Hall. “The crews have "
    "worked through the night, and I am grateful to every one of them.”",
    "Residents have complained about the detour for months. “It added half an hour to my commute,” said "
    "Tom Green, who lives on Oak Avenue.",
    "The city's transport director, Maria Lopez, said the final inspection would take place on Friday & "
    "that the bridge was safe.",
    "Council member David Park said the repairs had cost more than planned but that the money was well spent.",
]
ARTICLE_TEXT = "\n\n".join(ARTICLE_PARAGRAPHS)

# The same article as a news site's page: navigation, a headline, an aside and a footer around it, and
# the entity spellings CMSs produce (named, decimal, hexadecimal, a non-breaking space).
ARTICLE_PAGE = """<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>Elm Street bridge to reopen next week | The Daily Ledger</title>
<script>window.dataLayer = [{"page": "&quot;news&quot;"}];</script></head>
<body>
<nav><a href="/">Home</a> | <a href="/news">News</a> | <a href="/sport">Sport</a> | <a href="/weather">Weather</a></nav>
<main>
<article>
<p>The mayor said on Tuesday that the Elm Street bridge would reopen next week after four months of repairs.</p>
<p>&ldquo;We are doing everything we can,&rdquo; Mayor Alice Brown told reporters at City Hall. &#8220;The crews have
worked through the night, and I am grateful to every one of them.&#x201D;</p>
<p>Residents have complained about the detour for months. &ldquo;It added half an hour to my commute,&rdquo; said
Tom&nbsp;Green, who lives on Oak Avenue.</p>
<p>The city&#39;s transport director, Maria Lopez, said the final inspection would take place on Friday &amp;
that the bridge was safe.</p>
<p>Council member David Park said the repairs had cost more than planned but that the money was well spent.</p>
</article>
</main>
<aside><h2>Most read</h2><ul><li><a href="/a">Council votes on the budget</a></li><li><a href="/b">Storm warning for the weekend</a></li></ul></aside>
<footer><p>&copy; 2026 The Daily Ledger. All rights reserved.</p><p>Contact us | Privacy | Terms</p></footer>
</body>
</html>
"""
