"""Proper names of people and organizations: the word lists and the rules that split a name into
title and name, guess its kind and gender, and decide whether a short form can refer to it.

Everything here is pure string work on token lists; offsets are kept by the callers (mentions.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

# Honorifics that carry gender; "Dr." and the like are titles without gender.
HONORIFIC_GENDER = {
    "mr": "male",
    "mr.": "male",
    "sir": "male",
    "mrs": "female",
    "mrs.": "female",
    "ms": "female",
    "ms.": "female",
    "miss": "female",
    "madam": "female",
    "dame": "female",
    "lady": "female",
    "baroness": "female",
    "lord": "male",
    "alhaji": "male",  # Nigerian honorifics for one who has made the hajj
    "alhaja": "female",
}

# Abbreviated titles and the role word a later description ("the senator") would use.
ABBREVIATED_TITLES = {
    "sen.": "senator",
    "rep.": "representative",
    "gov.": "governor",
    "lt.": "lieutenant",
    "gen.": "general",
    "col.": "colonel",
    "maj.": "major",
    "adm.": "admiral",
    "sgt.": "sergeant",
    "capt.": "captain",
    "cmdr.": "commander",
    "cpl.": "corporal",
    "pvt.": "private",
    "rev.": "reverend",
    "dr.": "doctor",
    "prof.": "professor",
    "pres.": "president",
    "sec.": "secretary",
    "atty.": "attorney",
    "supt.": "superintendent",
    "det.": "detective",
    "insp.": "inspector",
    "amb.": "ambassador",
    "gov": "governor",
    "sen": "senator",
    "rep": "representative",
    "gen": "general",
    "lt": "lieutenant",
    "st.": "saint",
    "mr.": "mr",
    "mrs.": "mrs",
    "ms.": "ms",
    "mr": "mr",
    "mrs": "mrs",
    "ms": "ms",
    "fr.": "father",
    "dr": "doctor",
    "prof": "professor",
    "cllr": "councillor",
    "mp": "mp",
}

# Capitalised words that are titles or parts of a title when they stand before a name.
TITLE_WORDS = frozenset(
    """
president vice secretary senator governor general admiral colonel lieutenant sergeant captain
commander chairman chairwoman chair director ambassador mayor judge justice chief speaker leader
minister prime premier chancellor king queen prince princess pope sheriff commissioner attorney
deputy assistant acting former retired army navy marine marines air representative congressman
congresswoman councilman councilwoman councilor treasurer comptroller superintendent officer
detective inspector professor reverend bishop cardinal rabbi imam dean president-elect nominee
candidate house senate majority minority whip first lady gop republican democratic democrat
independent federal special counsel press spokesman spokeswoman sir dame lord doctor coach
ceo cfo founder executive senior state u.s. us
mr mrs ms miss mr. mrs. ms. dr. prof. rev. fr. sen. rep. gov. gen. lt. col. maj. adm. sgt. capt.
cmdr. cpl. pvt. pres. sec. atty. supt. det. insp. amb. gen lt sen rep gov sgt col senators
sens. reps. representatives governors presidents generals secretaries
dr prof cllr councillor mp msp mep lady baroness baron alhaji alhaja
""".split()
)
# Letters written after a member's or honour-holder's name ("Eoin Cassidy TD", "Jane Roe MSP", "Sir John
# Smith QC"): the office or honour, not part of the name.
POST_NOMINALS = frozenset("td mp msp ms mla mep qc kc obe mbe cbe frs".split())

# Lower-case words inside a personal name ("Osama bin Laden", "Bill de Blasio", "José Ortega y Gasset"):
# the one list the name chunker, the surname rule and the quote bylines share.
NAME_PARTICLES = frozenset("bin ibn al el de da das di do dos del della van von der den la le du st. st y e".split())
SURNAME_TITLES = frozenset("dean king bishop judge justice marshal major chief lord dame coach".split())
NAME_SUFFIXES = frozenset("jr jr. sr sr. ii iii iv v phd ph.d. md m.d. esq esq.".split())

# Organization words that are also surnames ("Liam Fox", "Michael Bloomberg", "Emily Post"): after a known
# first name that is not also a place ("the Virginia Post" is a newspaper) they end a person's name.
SURNAME_ORG_WORDS = frozenset("fox bloomberg post press".split())
# Words that make a capitalised sequence an organization.
ORG_WORDS = frozenset(
    """
forum exchange museum gallery watch band plc
department committee party commission council agency administration institute university college
school center centre foundation association bureau corp corp. corporation inc inc. co co. llc ltd
ltd. group company bank fund organization organisation network news times post journal tribune
herald observer press service services office court congress senate parliament ministry union
league club church coalition alliance board authority federation society team campaign project
chiefs staff police army navy forces force guard reserve academy hospital clinic trust partners
industries airlines motors media broadcasting television radio magazine review gazette telegraph
guardian daily weekly institution laboratory laboratories lab labs caucus assembly legislature
cabinet commonwealth republic fbi cia nsa nato un eu imf gop dnc rnc epa irs pentagon kremlin
reuters ap afp bloomberg politifact google apple facebook twitter microsoft amazon cnn nbc abc cbs
fox msnbc npr bbc holdings capital systems technologies pharmaceuticals solutions
enterprises ventures brands stores foods communications securities investments insurance airways records
studios entertainment software electronics telecom
""".split()
)

# Last words of football and sports clubs' names ("Kelmscott United", "Wrexford Athletic"); only last, as
# "United States" and "United Nations" open with one.
CLUB_SUFFIXES = frozenset("united athletic rovers wanderers albion fc afc hotspur".split())
# Words before a place that make it no one's name: "FORMER England striker Danny Kettering".
PLACE_MODIFIERS = frozenset("former ex retired acting".split())

# Multi-word organization names that carry no organization word.
ORG_NAMES = frozenset(
    {
        "white house",
        "pentagon",
        "kremlin",
        "reuters",
        "associated press",
        "secret service",
        "capitol hill",
        "planned parenthood",
        "human rights watch",
        "amnesty international",
        "greenpeace",
        "politifact",
        "factcheck.org",
        "wikileaks",
        "hamas",
        "hezbollah",
        "taliban",
        "al qaeda",
        "isis",
        "islamic state",
        "nasa",
        "the onion",
    }
)

# Places: not entities that speak as people do; a country that "says" something is an organization.
PLACES = frozenset(
    """
washington america u.s. us usa u.s.a. united states britain uk u.k. england scotland wales ireland
russia ukraine poland germany france italy spain china japan korea north south iran iraq syria
israel palestine gaza egypt turkey india pakistan afghanistan mexico canada cuba brazil venezuela
europe asia africa moscow kyiv kiev warsaw berlin paris london beijing tokyo tehran baghdad
jerusalem kherson crimea donbas new york york los angeles chicago boston philadelphia houston
dallas miami atlanta detroit seattle denver phoenix charlotte cleveland ohio texas florida
california virginia pennsylvania michigan wisconsin iowa nevada arizona colorado georgia carolina
alabama kentucky tennessee indiana illinois missouri minnesota massachusetts maryland oregon
louisiana arkansas oklahoma kansas nebraska utah idaho montana wyoming dakota alaska hawaii maine
vermont connecticut delaware jersey hampshire mississippi manhattan brooklyn queens bronx
baltimore st. louis nato-member middle east west east district columbia d.c. dc nyc la
""".split()
)

# Last words that make a capitalised sequence a place ("New York City", "Capitol Hill").
PLACE_WORDS = frozenset(
    """
city county state island islands river mountain mountains street avenue road park valley beach bay
lake hill hills square airport station bridge plaza heights village township borough province
region coast peninsula ocean sea
""".split()
)

# The calendar's names written out, which open a capitalised phrase of time ("Last Tuesday", "Early May").
WEEKDAYS_AND_MONTHS = frozenset(
    """
monday tuesday wednesday thursday friday saturday sunday january february march april may june
july august september october november december
""".split()
)
CALENDAR_WORDS = WEEKDAYS_AND_MONTHS | frozenset(
    """
jan. feb. mar. apr. jun. jul. aug. sep. sept. oct. nov. dec. christmas easter thanksgiving today tonight day week
weekend
""".split()
)

# Capitalised adjectives and group nouns ("Russian", "Democrats") that are not names.
DEMONYMS = frozenset(
    """
american mexican republican democratic korean cuban african asian european dominican puerto
rican chilean peruvian venezuelan kenyan nigerian muslim jewish arab catholic christian
protestant evangelical latino hispanic black white democrat conservative liberal progressive
islamic sunni shiite kurdish israeli iraqi pakistani afghan saudi yemeni qatari thai dutch swiss
greek french german chinese japanese vietnamese british irish scottish welsh canadian
russian ukrainian italian australian indian iranian syrian egyptian brazilian argentine palestinian
norwegian belgian hungarian austrian polish turkish spanish swedish danish finnish portuguese ghanaian
ethiopian colombian english
""".split()
)
# The words of political leaning among DEMONYMS: two of them capitalised, the second a plural ("Liberal
# Democrats", "Progressive Conservatives"), name a party, where one alone ("Democrats") is its members.
POLITICAL_WORDS = frozenset("republican democratic democrat conservative liberal progressive".split())
# Nouns for one person of a nationality that no adjective ending gives ("the Briton", "the Dane", "the New
# Zealander"): a closed class, the sports desk's way to avoid repeating a name.
NATIONALITY_NOUNS = frozenset("briton brit dane swede spaniard scot zealander icelander filipino".split())
# Cardinal numbers written as words: none opens a person's name ("Six Nations", "Five Live").
NUMBER_WORDS = frozenset("one two three four five six seven eight nine ten eleven twelve twenty hundred".split())
GROUP_NAMES = frozenset(
    """
republicans democrats americans conservatives liberals progressives evangelicals russians
ukrainians europeans muslims christians jews catholics latinos hispanics independents voters
""".split()
)

MALE_NAMES = frozenset(
    """
aaron adam adrian al alan albert alex alexander alfred andrew andy anthony antonio arnold arthur
barack barry ben benjamin bernard bernie bill billy bob bobby boris brad bradley brandon brent
brett brian bruce bryan carl carlos charles charlie chris christopher chuck clarence clark craig
curtis dale dan daniel danny darrell dave david dean dennis denis derek dick don donald doug
douglas duncan dwight earl ed eddie edward eli elijah emmanuel eric ernest eugene evan frank
franklin fred frederick gary gavin george gerald glenn gordon greg gregory hank harold harry
harvey henry herbert howard hugh ian isaac jack jacob jake james jared jason jay jeb jeff
jeffrey jeremy jerome jerry jesse jim jimmy joe joel john johnny jon jonathan jose joseph josh
joshua juan julian justin keith ken kenneth kevin kurt larry lawrence lee leon leonard lewis
lindsay lloyd louis luis luke marco marcus mario mark martin matt matthew max michael mike mitch
mitt mohammed muhammad nathan neil newt nicholas nick nigel noah norman oliver oscar patrick paul
pete peter phil philip ralph rand randy ray raymond reince richard rick rob robert robby rodney
roger ron ronald roy rudy rupert russell ryan sam samuel scott sean sergei sergey seth stanley
stephen steve steven stuart ted terry thomas tim timothy todd tom tommy tony travis trey tyler
valery vernon victor vincent vladimir walter warren wayne wesley william willie xi zach zachary
abdullah ahmed ali hassan ibrahim omar recep benjamin bibi shinzo narendra emmanuel francois
jean pierre jacques angelo giuseppe hans klaus dmitry dmitri alexei andrei yuri igor volodymyr
petro lech andrzej mateusz jens ashton mick reid rahm elijah kareem lebron colin
""".split()
)

FEMALE_NAMES = frozenset(
    """
abigail alice alicia allison amanda amy andrea angela ann anna anne annie barbara betsy betty
beth beverly brenda carly carol caroline carolyn catherine cathy cheryl chelsea christina
christine cindy claire condoleezza connie cynthia debbie deborah debra denise diana diane
donna doris dorothy elaine elena elizabeth ellen emily emma erin eva evelyn florence frances
gina gloria grace hannah heather heidi helen hillary holly huma irene ivanka jacqueline
jane janet janice jean jeanne jennifer jessica jill joan joanne joyce judith judy julia julie
karen katherine kathleen kathy katie kay kayleigh kellyanne kimberly kirsten kristen laura
lauren linda lisa loretta lori louise lucy lynn maggie margaret maria marie marilyn martha mary
maxine megan melania melanie melissa michelle mika nancy natalie nicole nikki nina olivia pamela
patricia paula peggy penny rachel rebecca rita rose ruth sally samantha sandra sara sarah sharon
sheila shirley sophia stephanie sue susan suzanne tammy teresa theresa tiffany tina tulsi valerie
victoria virginia wendy whitney yvonne angelique ava debbie elaine hope kamala kirstjen liz
madeleine marsha meghan june april mia michele nina oprah samantha sonia tamara ursula zoe quina gennifer
""".split()
)

PRONOUN_GENDER = {
    "he": "male",
    "him": "male",
    "his": "male",
    "himself": "male",
    "she": "female",
    "her": "female",
    "hers": "female",
    "herself": "female",
}


def fold(word: str) -> str:
    """The form names are compared in: case-folded, curly apostrophes straightened."""
    return word.casefold().replace("’", "'")


def is_title_word(word: str) -> bool:
    return fold(word) in TITLE_WORDS


def first_name_gender(word: str) -> str | None:
    w = fold(word)
    male, female = w in MALE_NAMES, w in FEMALE_NAMES
    if male != female:
        return "male" if male else "female"
    return None


def is_known_first_name(word: str) -> bool:
    w = fold(word)
    return w in MALE_NAMES or w in FEMALE_NAMES


# An organization's letters as the article writes them ("IMF", "U.N."): two to six capitals, bare or each with
# its period; the one definition that the name kinds below narrow or extend
ACRONYM_CAPITALS = "[A-Z]{2,6}"
ACRONYM_INITIALS = r"(?:[A-Z]\.){2,6}"
ACRONYM = re.compile(f"{ACRONYM_CAPITALS}|{ACRONYM_INITIALS}")
ACRONYM_PLURAL = re.compile(f"{ACRONYM_CAPITALS}s")
# Initials opening a longer name ("U.N. Women", "NBC Universal"): bare capitals up to five only, since a word of
# six capitals before another capitalised word is more often shouted ("STRONG WORDS", "ANDREW ...") than initials
OPENING_ACRONYM = re.compile(f"{ACRONYM_INITIALS}|[A-Z]{{2,5}}")


def is_initial(word: str) -> bool:
    return bool(re.fullmatch(r"[A-Z]\.?", word))


@dataclass(frozen=True)
class ParsedName:
    """A capitalised sequence split into its title prefix and the name proper."""

    title: tuple[str, ...]  # ("Army", "Gen.") — as written
    name: tuple[str, ...]  # ("Mark", "Milley")
    kind: str  # person, organization, group, place, other, unknown
    confident: bool  # the kind comes from a title, a known first name or an organization word
    gender: str | None

    @cached_property
    def _surname_start(self) -> int:
        words = [w for w in self.name if fold(w) not in NAME_SUFFIXES]
        k = len(words) - 1
        while k > 0 and fold(words[k - 1]) in NAME_PARTICLES:  # "bin Laden", "de Blasio"
            k -= 1
        return k

    @cached_property
    def first(self) -> str | None:
        k = self._surname_start
        words = [w for w in self.name[:k] if not is_initial(w)]
        return words[0] if words else None

    @cached_property
    def last(self) -> str | None:
        words = [w for w in self.name if fold(w) not in NAME_SUFFIXES]
        return " ".join(words[self._surname_start :]) if words else None

    @property
    def text(self) -> str:
        return " ".join(self.name)

    @cached_property
    def key(self) -> tuple[str, ...]:
        """The folded words without "the": what two mentions of one organization share."""
        return tuple(fold(w) for w in self.name if fold(w) != "the")

    @cached_property
    def squeezed(self) -> str:
        """The key without spaces: "TimeWarner" and "Time Warner" are one name."""
        return "".join(self.key)


def _title_split(words: list[str]) -> int:
    """Index where the name starts after a title prefix, 0 when there is no title.

    The last title word that still leaves a real name after it wins ("Republican Indiana Gov. Mike
    Pence", but "Rep. Steve King"); "of" phrases belong to the title ("Secretary of Defense Lloyd
    Austin"): the name is then the first known first name, else the last two words.
    """
    best = 0
    for j, word in enumerate(words):
        if not is_title_word(word) or (len(words) == 2 and j == 0 and is_known_first_name(word)):
            continue  # "Dean Ashworth": a first name, as a title would leave a bare surname
        k = j + 1
        connector = words[k] if k < len(words) else None
        if connector in ("of", "for"):  # "Minister for Housing Declan Furlong"
            k += 1
            if k < len(words) and fold(words[k]) == "the":
                k += 1
            rest = words[k:]
            starts = [i for i, w in enumerate(rest) if is_known_first_name(w)]
            if connector == "for" and not starts and len(rest) < 3:
                # "The Minister for Housing has defended", "Secretary of State for the Family, Theresa May":
                # a portfolio with no name after it, so the whole run is a title
                return len(words)
            k += starts[0] if starts else max(0, len(rest) - 2)
        rest = [w for w in words[k:] if fold(w) not in NAME_SUFFIXES]
        if rest and (any(not is_title_word(w) for w in rest) or words[k - 1].endswith(".")):
            best = k  # "Retired General" is a title alone; "Mr. King" is a name
    return best


def honorific_gender(title: tuple[str, ...]) -> str | None:
    """The gender an honorific in a title gives; "MS" in capitals is a Senedd member's letters ("Mid and
    West Wales MS Geraint Tudur"), not "Ms"."""
    return next(
        (HONORIFIC_GENDER[fold(w)] for w in title if fold(w) in HONORIFIC_GENDER and not (len(w) > 1 and w.isupper())),
        None,
    )


_MAN_OF = r"(?:wo)?m[ae]n"  # "Irishman", "Frenchwomen": a person of the nationality before it


def is_demonym(word: str) -> bool:
    if is_known_first_name(word):
        return False
    w = re.sub(rf"(?<=[a-z]{{4}}){_MAN_OF}$", "", fold(word))  # the nationality
    stem = w.rstrip("s")
    return stem in NATIONALITY_NOUNS or stem in DEMONYMS or bool(re.fullmatch(r"[a-z]+(?:ian|ese|ish)s?", w))


def is_nationality_noun(word: str) -> bool:
    """ "Briton", "Danes", "Welshman": a noun that can only be a person (or people) of a nationality."""
    folded = fold(word)
    if folded.rstrip("s") in NATIONALITY_NOUNS:
        return True
    return bool(re.fullmatch(rf"[a-z]{{4,}}{_MAN_OF}", folded)) and is_demonym(word)  # not "chairman"


def parse_name(words: list[str]) -> ParsedName:
    """Split a capitalised sequence into title and name and guess what it names."""
    if len(words) >= 3 and words[-1].isupper() and fold(words[-1]) in POST_NOMINALS:
        person = parse_name(words[:-1])  # "Eoin Cassidy TD"; "the Dublin Mid-West TD" is chunks.py's business
        if person.kind in ("person", "unknown") and person.name:
            return ParsedName(person.title + (words[-1],), person.name, "person", True, person.gender)
    folded = [fold(w) for w in words]
    joined = " ".join(folded)
    if joined in ORG_NAMES or joined.removeprefix("the ") in ORG_NAMES:
        return ParsedName((), tuple(words), "organization", True, None)
    if all(is_title_word(w) for w in words) and not (len(words) == 1 and fold(words[0]) in SURNAME_TITLES):
        # "Retired General", "President": a title alone
        return ParsedName(tuple(words), (), "other", False, None)
    if len(words) >= 2 and is_title_word(words[-1]) and fold(words[-1]) not in SURNAME_TITLES:
        if not any(is_known_first_name(w) for w in words) and not any(fold(w) in ORG_WORDS for w in words):
            return ParsedName(tuple(words), (), "other", False, None)  # "Industry Secretary": a title alone
    if re.search(r"-(?:based|born|bred|owned|led|run|backed|listed)$", words[-1]):
        return ParsedName((), tuple(words), "other", False, None)  # "The San Jose-based company": a description
    start = _title_split(words)
    if (
        start == 0
        and len(words) >= 3
        and (
            folded[0] in DEMONYMS
            or (is_demonym(words[0]) and (is_known_first_name(words[1]) or is_nationality_noun(words[0])))
        )  # not "Meridian"; "Welshman Idris Powell" is
        and not is_title_word(words[0])
        and not any(w in ORG_WORDS or is_demonym(w) for w in folded[1:])
    ):
        start = 1  # "Russian Dmitriy Bogdanov": a nationality before a full name describes the person
    if start == 0 and len(words) >= 3:
        # "Activist Angela Davis": a known first name after other words starts the name
        k = next(
            (
                i
                for i, w in enumerate(words[:-1])
                if i > 0 and is_known_first_name(w) and not is_known_first_name(words[i - 1])
            ),
            0,
        )
        if k and not any(fold(w) in ORG_WORDS for w in words[:k]):
            start = k
    title, name = tuple(words[:start]), tuple(words[start:])
    honorific = honorific_gender(title)
    surname_like = (
        len(name) == 2
        and is_known_first_name(name[0])
        and fold(name[0]) not in PLACES
        and fold(name[1]) in SURNAME_ORG_WORDS
    )
    club = len(words) >= 2 and folded[-1] in CLUB_SUFFIXES
    if (any(fold(w) in ORG_WORDS for w in name) or "&" in name or club) and honorific is None and not surname_like:
        return ParsedName((), tuple(words), "organization", True, None)  # "&" joins firms and acts, never one person
    if not name:
        return ParsedName(title, name, "other", False, None)
    named_first = next((w for w in name if not is_initial(w)), name[0])
    gender = honorific
    if gender is None and len(name) > 1:
        gender = first_name_gender(named_first)
    if title and all(fold(w) in PLACE_MODIFIERS for w in title) and all(fold(w) in PLACES for w in name):
        return ParsedName(title, name, "place", True, None)  # "Former England": the country a player was capped by
    if title and not all(fold(w) in PLACES for w in title):
        return ParsedName(title, name, "person", True, gender)
    if len(name) > 1 and is_known_first_name(named_first):
        return ParsedName(title, name, "person", True, gender)
    if len(name) >= 3 and name[1] in NAME_PARTICLES and name[1].islower() and name[0][:1].isupper():
        return ParsedName(title, name, "person", True, gender)  # "Anneke de Groot": a lower-case particle in a name
    if joined in PLACES or all(w in PLACES for w in folded) or folded[-1] in PLACE_WORDS:
        return ParsedName((), tuple(words), "place", True, None)
    if len(words) > 1 and is_nationality_noun(words[-1]) and all(w in PLACES for w in folded[:-1]):
        return ParsedName((), tuple(words), "other", False, None)  # "New Zealander": who, not a name
    if len(words) > 1 and (folded[0] in PLACES or OPENING_ACRONYM.fullmatch(words[0])):
        # "U.N. Women", "Texas Rangers", "NBC Universal": a place or initials first is an organization
        return ParsedName((), tuple(words), "organization", False, None)
    if any(w in CALENDAR_WORDS for w in folded):
        return ParsedName((), tuple(words), "other", True, None)
    if len(words) > 1 and folded[0] in NUMBER_WORDS:
        return ParsedName((), tuple(words), "unknown", False, None)  # "Six Nations": no one's first name
    if len(words) == 1:
        word = words[0]
        if fold(word) in GROUP_NAMES or ACRONYM_PLURAL.fullmatch(word):
            return ParsedName((), name, "group", True, None)  # "PACs", "MPs": an acronym's plural is a set
        if ACRONYM.fullmatch(word):
            return ParsedName((), name, "organization", False, None)
        if re.search(r"^\w{3,}[a-z][A-Z]", word):  # PolitiFact, WikiLeaks; not McClenney, DuVernay
            return ParsedName((), name, "organization", False, None)
        if is_demonym(word):
            return ParsedName((), name, "other", False, None)
        return ParsedName((), name, "unknown", False, None)
    if len(words) == 2 and folded[0] in POLITICAL_WORDS and folded[1].rstrip("s") in POLITICAL_WORDS:
        if folded[1].endswith("s") and folded[0] != folded[1].rstrip("s"):
            return ParsedName((), tuple(words), "organization", True, None)  # "the Liberal Democrats": a party
    if all(is_demonym(w) or w in PLACES for w in folded):
        return ParsedName((), tuple(words), "other", False, None)
    return ParsedName(title, name, "person", False, gender)


def role_words(title: tuple[str, ...] | list[str]) -> set[str]:
    """The lower-case role words a later description could use for this title ("Sen." -> senator)."""
    out = set()
    for word in title:
        w = fold(word)
        out.add(ABBREVIATED_TITLES.get(w, w))
    return out


def same_full_name(a: ParsedName, b: ParsedName) -> bool:
    """Two full names of one person: same last name and compatible first names."""
    if fold(a.last or "") != fold(b.last or ""):
        return False
    fa, fb = a.first, b.first
    if fa is None or fb is None:
        return True
    fa, fb = fold(fa), fold(fb)
    return fa == fb or fa.startswith(fb) or fb.startswith(fa)
