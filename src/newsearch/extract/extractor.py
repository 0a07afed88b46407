"""Speakers, quotes and named parties of one article, with regular expressions and word lists.

The pipeline, per article:

1. capitalised runs ("US Secretary of Defense Lloyd Austin's") are found with one regex and split
   into pieces (cached per run): gazetteer names, titles (dropped), demonyms, people, organisations;
2. pieces get canonical names: the alias table first, then the article itself (a surname or a title
   resolves to the fullest name it belongs to, "Name (ACRONYM)" defines an acronym);
3. quotes are found per paragraph and masked, so that names inside quotes are parties but never
   subjects of a saying verb;
4. speech events are a named piece, a pronoun or an unnamed noun phrase next to a verb of saying;
   each quote takes the event in its own sentence, else continues the previous quote's speaker.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import NamedTuple

from newsearch.extract.aliases import AliasTable, effective
from newsearch.extract.headings import HEADING_HINT, lower_headings
from newsearch.extract.layout import embed_events, has_label, interview_events, label_events
from newsearch.extract.lexicon import Lexicon, lexicon
from newsearch.models import Article, Evidence, Extraction, Party, Quote

__all__ = ["extract"]

_UPPER = "".join(re.escape(c) for c in map(chr, range(0x41, 0x2B0)) if c.isupper() and c.isalpha())
_SP = r"[ \t\u00a0]+"
_OSP = r"[ \t\u00a0]*"


def _words(text: str) -> list[str]:
    return text.split()


_ABBR = "|".join(
    f"(?<=\\b{a})"
    for a in _words("Mr Ms Dr St Mrs Gen Sen Rep Gov Prof Rev Jr Sr Lt Col Capt Sgt Maj Adm Sens Reps Govs ")
)
# Every token starts with a capital, so ``re`` can skip ahead with its first-character scan. Its optional
# end (an abbreviation's full stop, a plural's apostrophe) is tried only before a stop or an apostrophe: the
# lookahead spares the ~20 lookbehinds at every other token's end (same matches; tests/test_extract_speed.py).
_TOK = (
    rf"[{_UPPER}]\w*(?:(?:['’](?![sS]\b)|[-.&])\w+)*"
    rf"(?:(?=[.'’])(?:(?:{_ABBR}|(?<=\b[{_UPPER}]))\.(?=[ ][{_UPPER}])|(?<=\bJr|\bSr)\.(?=[ ][a-z(]|,)"  # Jr.
    rf"|(?<=s)['’](?=[ ][{_UPPER}])))?"
)
# A family noun after a possessive, then a comma: "her husband, ", "the mayor's younger son, ".
_KIN_BEFORE_RE = re.compile(
    r"(?:['’]s|\b[Hh]is|\b[Hh]er|\b[Tt]heir|\b[Mm]y|\b[Oo]ur)(?:[ ][a-z-]+)?[ ]"
    r"(?:son|daughter|wife|husband|father|mother|brother|sister|uncle|aunt|cousin|nephew|niece|grandson|"
    r"granddaughter|grandfather|grandmother|stepson|stepdaughter|stepfather|stepmother|widow|widower|"
    r"spouse|fianc[eé]e?|partner),[ ]$"
)
_CONN = r"(?:of|for|and|&|de|del|della|da|di|du|dos|das|van|von|der|den|la|le|bin|ibn|ben|al|el|dela|y)"
# A body named for its aim keeps its "to": "Committee to Protect Fishermen", "Campaign to Stop Tolls".
_AIM_HEADS = _words(
    "Committee Campaign Coalition Alliance Movement Fund Foundation Commission Council Project"
)
_TO_AIM = "(?:" + "|".join(rf"(?<=\b{w})" for w in _AIM_HEADS) + rf"){_SP}to(?={_SP}[A-Z])"
# A body named for its subject keeps its "on": "Commission on Rural Water Safety", "Council on Trade Policy"
# (not a day or month after it: "the Council on Monday said").
_ON_HEADS = _words("Commission Committee Council Conference Forum Panel Convention Institute Center Centre")
_ON_TOPIC = (
    "(?:"
    + "|".join(rf"(?<=\b{w})" for w in _ON_HEADS)
    + rf"){_SP}on(?={_SP}(?!(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|"
    r"March|April|May|June|July|August|September|October|November|December)\b)[A-Z])"
)


def _ascii_twin(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """``pattern`` compiled with ``re.ASCII``, for a text of ASCII characters only (``str.isascii()``, which
    costs nothing): there ``\\w``, ``\\b`` and ``\\d`` mean what they mean in Unicode, so the matches are the
    same, found faster (``\\b`` and ``\\w`` read a table instead of Unicode's character database: ~25-35%
    less time for the whole-text scans of ``SPAN_RE`` and ``saying``). Not for a pattern with ``\\s``/``\\S``
    (Unicode counts four ASCII control characters as spaces) or with case folding."""
    source = pattern.pattern
    if "\\s" in source or "\\S" in source or "(?i" in source or pattern.flags & re.IGNORECASE:
        raise ValueError("no ASCII twin for a pattern with \\s, \\S or IGNORECASE")
    return re.compile(pattern.pattern, (pattern.flags & ~re.UNICODE) | re.ASCII)


# (Each lookbehind list waits behind a lookahead for its word: after most tokens neither "to" nor "on"
# follows, and ten lookbehinds are tried for nothing. Same matches, ~45% less time; test_extract_speed.py.)
SPAN_RE = re.compile(
    rf"{_TOK}(?:(?:{_SP}{_CONN}(?:{_SP}the)?|(?={_SP}to){_TO_AIM}|(?={_SP}on){_ON_TOPIC})?{_SP}"
    rf"(?:(?:al|el|ad|as|ash|ar)-)?{_TOK})*"
)  # never from inside a word: "iPod" is not "Pod"
_SPAN_ASCII_RE = _ascii_twin(SPAN_RE)  # (for an ASCII text: the same matches, faster)
_CONNECTORS = frozenset(_CONN[3:-1].split("|")) | {"the", "to", "on"}


def _connector(token: str) -> bool:
    """A joining word inside a run: "of", "and", "the" in any case (Title Case headlines), name particles
    ("bin", "de", "van") only in lower case: "Ben Cardin" keeps "Ben"."""
    return token in _CONNECTORS or token.lower() in ("the", "of", "for", "and", "&")


# What an outlet is ("the Harbour Echo newspaper said"): the name before it speaks when it is the outlet's own
# name, not where the outlet is or who owns it ("a Dawson newspaper reported", "a Berg-owned tabloid").
_VIA_OUTLET_NOUNS = (
    "newspaper",
    "magazine",
    "tabloid",
    "news agency",
    "radio station",
    "news channel",
    "TV channel",
    "television channel",
    "news website",
    "wire service",
)
_VIA = (
    r"office|spokes(?:man|woman|person|people|men|women)|press (?:office|secretary)|administration|"
    r"government|campaign|transition|camp|aides?|advisers?|advisors?|staff|staffers|team|lawyers?|attorneys?|"
    r"representatives?|officials|executives|embassy|consulate|reporters?|correspondents?|journalists?|"
    # an outlet named with what it is: "the Kestrel Times newspaper said", "Velnet news agency reported"
    + "|".join(noun.replace(" ", "[ ]+") for noun in _VIA_OUTLET_NOUNS)
    + "|"
    r"(?:foreign|interior|defen[cs]e|health|finance|justice|education|trade|economy|home)[ ]+ministry|"
    # the words a body or a person put out: "a Harbour Council statement said", "X's lawsuit accused"
    r"statement|(?:press[ ]+)?release|report|memo|letter|ad|advert|lawsuit|editorial|manifesto"
)
# What kind of staff (or which part of the principal's organisation) speaks: "the Berg campaign spokesman",
# "Berg's transition team", "Acme's legal team", "Berg's senior aides".
_VIA_MODS = (
    r"(?:campaign|transition|presidential|re-?election|election|legal|defen[cs]e|press|communications|"
    r"senior|top|policy|security|negotiating|medical|incoming|new|outgoing)"
)
_VIA_PRESS = frozenset(_words("reporter reporters correspondent correspondents journalist journalists"))
# "a Dawson newspaper", "a leading Velmoran daily": one paper of that place, not its name
_ONE_OF_RE = re.compile(r"\b(?:[Aa]n?|[Oo]ne)(?:[ ]+[a-z]+){0,2}[ ]+$")
# "published by the official Velnet news agency said": the name sits in a phrase behind the subject
_PREP_ADJ_BEFORE_RE = re.compile(r"\b(?:by|in|to|from|of|with|for|on)[ ]+(?:the[ ]+)?(?:[a-z]+[ ]+){0,2}$")
_OUTLET_OWNERS = frozenset(_words("Party Government Ministry Army Church Council"))
# A title after a possessive ("Oxfam's Paying the Price report"): the owner is the name before it.
_OWNED_TITLE_RE = re.compile(r"['’]s(?:[ ]+(?:[A-Z][\w'’-]*|the|of|a|an|and|to|in|for|on)){1,6}$")
_HYPHEN_ADJ_RE = re.compile(r"-[a-z]+$")
_LIST_END_RE = re.compile(r",[ ]+(?:and|or)[ ]+(?:the[ ]+|a[ ]+)?$")


def _not_document_owner(masked: str, mt: Mention, m: re.Match[str]) -> bool:
    """A name before "statement/report/letter ..." that does not own the words: a city where it was issued
    ("the Paris statement said": a meeting's, not the country's), a name with an adjective suffix ("a White
    House-ordered report"), or the last of a list after a comma ("..., and the US statement spoke")."""
    return (
        mt.piece.kind == "capital"
        or m.group("verb").startswith("quot")  # "the X statement quoted its chairman as saying": his words
        or _HYPHEN_ADJ_RE.search(masked, max(0, mt.end - 20), mt.end) is not None
        or _LIST_END_RE.search(masked, max(0, mt.start - 12), mt.start) is not None
    )


_VIA_DOCUMENTS = frozenset(
    _words("statement release report memo letter ad advert lawsuit editorial manifesto")
) | {"press release"}
_FILLER = (
    r"(?:also|later|previously|then|has|had|have|was|were|is|are|would|will|earlier|further|again|both|all|long|"
    r"each|since|now|still|already|once|too|even|often|itself|himself|herself|themselves|[a-z]{3,}ly|"
    r"had earlier|quoted as|cited as|who|which|"
    # "Anna Berg and others said": she is one of those who said it
    r"and others(?: (?:in|of|from|at) (?:the )?[A-Z][\w'’-]*(?: [A-Z][\w'’-]*){0,4})?|"
    r"went on to|(?:went|goes|going) so far as to|on \w+day(?: (?:morning|afternoon|evening|night))?|"
    # "X went on Twitter to applaud", "X took to television to denounce": the medium, then the verb
    r"(?:took|takes|taking|went|goes|going) (?:to|on) (?:Twitter|Facebook|Instagram|social media|television|"
    r"TV|the airwaves|radio|the radio)(?: on \w+day| \w+day| again| late| early)? to|"
    # "X used his speech to warn", "X used part of the address to call", "X went on CNN to defend": the
    # occasion or the outlet, then the verb of saying
    r"(?:used|uses|using) (?:part of )?(?:his|her|their|its|the|a|an|this|that) (?:[\w'’-]+ ){0,3}?to|"
    r"(?:went|goes|going) on (?:[A-Z][\w'’.-]* ){1,4}to|"
    r"(?:last|this) (?:week|month|year|morning|night)|yesterday|today|tonight)"
)
_QUOTE_MARKS = '"“”'
_QUOTE_OPENERS = frozenset("\"“‘'")
# The unnamed sources of wire and business copy ("one senior dealer said", "said a trader in London",
# "bankers said"): their words are theirs, not the last-named person's. (Names inside what they report stay
# speakers: "dealers said the Budget, in which the chancellor announced ..." still names the chancellor.)
_WIRE_HEADS = frozenset(
    _words(
        "dealer dealers trader traders banker bankers broker brokers strategist strategists delegate "
        "delegates underwriter underwriters arbitrageur arbitrageurs specialist specialists consultant "
        "consultants forecaster forecasters participant participants businessman businessmen lawmaker "
        "lawmakers legislator legislators investor investors journalist journalists eyewitness eyewitnesses "
        "onlooker onlookers passenger passengers spokesmen spokeswomen employee employees staffer staffers "
        "manager managers "
    )
)
_HEAD_NOUNS = _WIRE_HEADS | frozenset(
    _words(
        "official officials source sources spokesman spokeswoman spokesperson spokespeople adviser "
        "advisers advisor advisors aide aides diplomat diplomats analyst analysts expert experts witness "
        "witnesses resident residents police authorities investigator investigators officer officers "
        "minister ministers member members insider insiders negotiator negotiators statement report "
        "reports government army military ministry organiser organisers organizer organizers doctor "
        "doctors lawyer lawyers relative relatives neighbour neighbours neighbor neighbors observer "
        "observers activist activists critic critics representative representatives leader leaders "
        "executive executives economist economists scientist scientists researcher researchers people "
        "person "
    )
)
_DETERMINERS = frozenset(_words("a an the one another two three four several some many other "))
# Heads that describe one person the article names more often than an unnamed source: "the businessman said"
# is the article's businessman (as "the senator said"), "one investor said" an unnamed one.
_ANAPHOR_HEADS = frozenset(_words("businessman investor employee journalist"))
# A preposition before an unnamed head makes it an object, not the speaker of the participle after it ("in
# a memo to employees explaining", "a suit filed by a former staffer alleging"). (Before a finite verb the
# unnamed label stays: "the letter signed by the panel members said" has no named speaker to fall back to.)
_OBJECT_PREPS = frozenset(
    _words("to by for from with on at against about into toward towards including like upon among")
)


def _object_of(before: list[str]) -> bool:
    """Whether the words before an unnamed head's phrase end in a preposition that makes it an object (but
    "according to a senior official who spoke": the source)."""
    if not before or before[-1].lower() not in _OBJECT_PREPS:
        return False
    return not (before[-1].lower() == "to" and len(before) > 1 and before[-2].lower() == "according")


def _named_one(label_words: list[str]) -> bool:
    """An unnamed label that is an anaphor for a named person: "the businessman", "the New York investor"."""
    return label_words[0].lower() == "the" and label_words[-1].lower() in _ANAPHOR_HEADS


_HEAD_WORDS = frozenset(_words("official officials source sources spokesman spokeswoman spokesperson "))
_LABEL_TRIM = frozenset(
    _words(
        "with and but that as to of in by for from while after when where because since so then also "
        "said told according stating saying "
    )
)


@dataclass(frozen=True, slots=True)
class Piece:
    """One name-like part of a capitalised run."""

    text: str
    kind: str  # person, organisation, country, place, group, outlet, demonym, title, unknown
    key: str = ""  # for "title": the title phrase, for "demonym": the country
    modifier: bool = False  # after "of" in "Owen Brightwater of Calder Securities": never the subject
    conj: bool = False  # the name before "and" in a run split there ("A Committee and the B Service")


@dataclass(slots=True)
class Mention:
    start: int
    end: int
    piece: Piece
    canonical: str | None = None
    kind: str = ""
    initial: bool = False
    quoted: bool = False
    headline: bool = False
    sentence: int = -1  # index of its sentence, set by _subjects
    subject_ok: bool | None = None  # may be a sentence's subject (no preposition before, no title after)


@dataclass(slots=True)
class Event:
    pos: int
    canonical: str | None
    label: str
    end: int
    rule: str = ""
    cue: str = ""
    at: int = -1  # where the speaker is named (-1: at ``pos``)
    nested: bool = False  # named inside another speaker's reported words: not a speaker of its own


# A "*" in a phrase of saying stands for one or two lower-case words, not a negation: "issued a *statement"
# reads "issued a brief statement", "made *allegations" reads "made these same allegations".
_SLOT = r"(?:(?!(?:no|not|never|little|few|any)[ ])[a-z][a-z-]*[ ]){1,2}"


def _trie(words: list[str] | tuple[str, ...]) -> str:
    """A regex alternation of ``words`` factored into a trie: ``re`` tries branches one by one, so a
    flat alternation of 200 verbs is ~9x slower to scan with than the same words as a trie."""
    root: dict[str, dict] = {}
    for word in words:
        node = root
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict[str, dict]) -> str:
        node_items = sorted(node.items())
        alts = [(_SLOT if ch == "*" else re.escape(ch)) + build(sub) for ch, sub in node_items if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return f"(?:{body})?" if "" in node else body

    return build(root)


# "said by telephone" is no passive ("was told by officials").
_BY_MEANS = r"(?:phone|telephone|email|e-mail|text|video|videolink|satellite|letter)\b"
# A full stop inside an appositive: an abbreviation ("R-Fla.,", "Calif., who", "Mr. Smith", "U.S. official").
# (a full stop inside a word, as in a web address "Harbour.com.au", ends nothing)
_ABBR_DOT = (
    r"\.(?=[,)-]|[ ][a-z0-9]|[A-Z]\.)|(?<=Mr|Ms|Dr|St|Jr|Sr)\.|(?<=Mrs)\.|(?<=\b[A-Z])\.(?=[ ][A-Z])"
    r"|(?<=\w)\.(?=[a-z])"
)


# Abbreviations whose full stop does not end a sentence ("Ohio Gov. John Kasich", "Nov. 19").
_NOT_SENTENCE_END = _words(
    "Mr Ms Dr St Mrs Gov Sen Sens Rep Reps Gen Col Lt Sgt Capt Cmdr Adm Maj Prof Rev Jr Sr Mt Ft Inc Co Corp "
    "Ltd No vs Jan Feb Aug Sept Sep Oct Nov Dec Calif Fla Ariz Ky Mo Mass Wis Ore Pa Va Wash Ill Ind Mich "
    "Minn Conn Tenn Okla Nev Colo Ala Ga La Miss Md Del Neb Kan Vt"
)


_NOT_END_WORDS = frozenset(_NOT_SENTENCE_END)
_NOT_END_LONGEST = max(map(len, _NOT_END_WORDS))  # a longer word before a full stop is none of them


def _sentence_ends(text: str, end_re: re.Pattern[str]) -> list[int]:
    """Offsets just after each sentence's final mark, skipping abbreviations ("Gov.", "Nov.") and initials
    ("U.S.", "J. Smith")."""
    out = []
    for m in end_re.finditer(text):
        i = m.start()
        if text[i] == ".":
            j = i
            stop = max(0, i - _NOT_END_LONGEST - 1)  # (a word cut at one letter longer is still too long)
            while j > stop and text[j - 1].isalpha():
                j -= 1
            word = text[j:i]
            if word in _NOT_END_WORDS or (len(word) == 1 and word.isupper()):
                continue
        out.append(m.end())
    return out


class _Patterns(NamedTuple):
    """The lexicon's patterns, compiled once per process (see :func:`_regexes`)."""

    after: re.Pattern[str]  # what may follow a name up to its verb of saying
    saying: re.Pattern[str]  # every verb of saying and inverted-attribution anchor
    unnamed: re.Pattern[str]  # what may sit between an unnamed subject and its verb
    unnamed_inv: re.Pattern[str]  # '"...," said a spokesman'
    actor_after: re.Pattern[str]  # the word after a demonym that makes it an actor ("Israeli forces")
    locative: re.Pattern[str]  # the word before a capital that makes it a place ("in Kabul"), not an actor
    sentence_end: re.Pattern[str]
    saying_ascii: re.Pattern[str]  # ``saying`` for an ASCII text (see _ascii_twin)


# A short quote's opening mark (the quote closes within 40 characters) and a closing mark after a word.
_SHORT_QUOTE = r"[^\"“”\x00\n]{1,40}[\"”]"
_APPOS_QUOTE = rf"[\"“](?={_SHORT_QUOTE})|(?<=\w)[\"”](?=[ ])"


def _regexes() -> _Patterns:
    lex = lexicon()
    # A short quoted name or title may stand inside an appositive ("the author of "Salt and Iron," said").
    appos_group = rf"(?:[^,\"“”\x00.;:\n]|{_ABBR_DOT}|{_APPOS_QUOTE}){{1,160}}"
    verbs = _trie(lex.verbs)
    after = re.compile(
        rf"(?P<poss>['’]s?)?(?:{_OSP}\([A-Z][\w.-]{{0,12}}\))?(?:{_SP}(?:{_VIA_MODS}{_SP}){{0,2}}(?P<via>{_VIA}))?"
        r"[\"”']?"
        # (", however, said" is an aside, "X, however much ..." a clause)
        rf"(?P<appos>(?:{_OSP},"
        rf"(?![ ]+(?:also(?![ ]+(?:a|an|the)[ ])|then|still|however(?!,)|and|but|or|so|yet)\b)"
        rf"{appos_group}){{1,4}}"
        # A list inside the appositive may end with "and" and a few common words ("secretary for
        # population, refugees, and migration, said"), never another name ("X, a lawyer, and Y said").
        rf"(?:,[ ]+and(?:[ ]+[a-z][\w'’-]*){{1,4}})?(?:,(?:(?<=[\w.],)[\"”](?=[ ]))?|{_OSP}(?:—|–|--)))?"
        # An aside between dashes ("A, B and C — three former officials — have said").
        # ... or in parentheses ("Brandt (whose crew lost the final last year) said").
        rf"(?P<dash>{_OSP}(?:—|–|--|(?<=[ ])-(?=[ ]))[^—–\n\x00;:\"“”]{{1,160}}?(?:—|–|--|(?<=[ ])-(?=[ ]))"
        rf"|{_OSP}\([^()\n\x00;:]{{1,100}}\))?"
        rf"(?P<post>{_SP}(?:of|from|at|for|with|in){_SP}[^,.;:\"“”\x00\n]{{1,60}}?)?(?P<comma>,)?"
        rf"(?:{_SP}{_FILLER})*(?:{_SP}|(?<=[—–]))(?P<verb>{verbs})\b(?P<by>{_SP}by\b(?![ ]{_BY_MEANS}))?"
    )
    # Every verb of saying and every inverted-attribution anchor, found in one pass over the text. (The
    # lookahead for their first letters turns away a word's end at once, not after a literal test per branch.)
    said = sorted(set(lex.verbs) | _INV_ANCHORS | _INV_PRESENT)
    saying = re.compile(rf"\b(?=[{re.escape(''.join(sorted({w[0] for w in said})))}]){_trie(said)}\b")
    heads = _trie(sorted(_HEAD_NOUNS))
    unnamed = re.compile(rf"(?:{_SP}(?:{_FILLER}))*[\"”']?{_SP}$")  # what may sit between subject and verb
    unnamed_inv = re.compile(
        rf"(?:,|\x00[\"”]?){_OSP}(?:said|says|added|continued|explained){_SP}"
        rf"(?P<label>(?:[Hh]e|[Ss]he)\b|(?:[Aa]n?|[Tt]he|[Oo]ne|[Aa]nother|[Tt]wo|[Tt]hree|[Ss]everal|[Ss]ome)\b"
        rf"(?:{_SP}[\w'’-]+){{0,3}}?{_SP}(?:{heads})\b)"
    )
    actor_after = re.compile(
        rf"{_SP}(?:officials?|government|army|military|forces|troops|delegation|team|authorities|police|"
        r"negotiators|diplomats|leaders?|ministry|intelligence|side|navy|air force|embassy|envoy|"
        r"spokes(?:man|woman|person)|occupation|regime|president|prime minister|foreign minister|"
        r"defen[cs]e minister|cabinet|parliament|media|statement|"
        r"(?:foreign|interior|defen[cs]e|health|finance|justice|education|trade|economy|home)[ ]+ministry)\b"
    )
    locative = re.compile(
        r"(?:\b(?:in|at|to|from|near|outside|into|across|around|of|visit|visited|visiting|via|toward|towards"
        r"|between|and|through|left|reached|arrived|flew|travelled|traveled)[ ]+$)"
    )
    sentence_end = re.compile(r"[.!?](?=[\"”’')\x00]*(?:\s|$))")
    return _Patterns(
        after, saying, unnamed, unnamed_inv, actor_after, locative, sentence_end, _ascii_twin(saying)
    )


@lru_cache(maxsize=1)
def _compiled() -> _Patterns:
    return _regexes()


def _inverted_forms(flat: bool = False) -> tuple[str, ...]:
    """The forms of an inverted attribution, each ending where the name starts: '"...," said X' (after a
    comma or quote), '"...," scoffed X' (straight after a quote), "according to X" / "a statement from X",
    and "Said X" opening a sentence. ``flat`` writes the third as an alternation whose every branch starts
    with a plain letter (the same strings, tried in the same order), which ``re`` can skip ahead with."""
    said = (
        rf"(?:[,\x00\"”]{_OSP}|^)(?:{_FILLER}{_SP})?"
        rf"(?:said|says|added|adds|wrote|writes|explained|continued|"
        rf"stated|noted|argued|told reporters|told journalists|warned|insisted|claimed|reported|"
        rf"asked|replied|explains|notes|argues|warns|insists|predicts|observes)(?:{_SP}[\w.'’-]+){{0,4}}?,?"
    )
    # (a short quote stays unmasked: its closing mark comes straight before the verb, '"We agree," vowed A')
    scoffed = (
        rf"(?:\x00[\"”]?|(?<=[\w,.!?])[\"”]),?{_OSP}(?:{_trie(sorted(_POST_QUOTE))})"
        rf"(?:{_SP}[\w.'’-]+){{0,4}}?,?"
    )
    np_tail = rf"(?:{_SP}{_NP_FILL}){{0,4}}?{_SP}(?:from|by)"
    if flat:
        nouns = [
            f"{c}{w[1:]}{'' if w == 'criticism' else 's?'}{np_tail}"
            for w in _NP_NOUN_WORDS
            for c in (w[0], w[0].upper())
        ]
        words = "According to|according to|told by|quoted by|cited by|reported by|Asked by|asked by"
        anchors = "|".join([words, *nouns])
    else:
        anchors = (
            rf"[Aa]ccording to|told by|quoted by|cited by|reported by|[Aa]sked by|(?:{_NP_NOUNS}){np_tail}"
        )
    according = rf"(?:{anchors})(?:{_SP}[\w'’()-]+){{0,8}}?,?"
    opening = (
        rf"(?:(?<=[.!?\n\x00])|(?<=[.!?][\"”]))[ ]*(?:Said|Added|Remarked|Wrote|Explained|Noted|Continued)"
        rf"(?:{_SP}[\w'’-]+){{0,6}}?"
    )
    return said, scoffed, according, opening


@lru_cache(maxsize=1)
def _inverted_alternation() -> re.Pattern[str]:
    """The inverted attribution as one alternation: what :func:`_inverted_search` finds faster (the tests'
    reference; not used in extraction)."""
    return re.compile("(?:" + "|".join(_inverted_forms()) + rf"){_SP}$")


@lru_cache(maxsize=1)
def _inverted_patterns() -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(rf"(?:{form}){_SP}$") for form in _inverted_forms(flat=True))


# Text each form of ``_inverted_forms`` consumes, one of which a match holds between ``pos`` and ``endpos``
# (empty: no test). The scoffed form opens at a quote's end (\x00); every anchor of the third ends in "by" or
# "from" or is "according to"; the fourth opens with its capitalised verb. A form whose window holds none of
# its texts cannot match there and is not searched (tests/test_extract_speed.py pins both).
_INVERTED_NEEDS: tuple[tuple[str, ...], ...] = (
    (),
    ("\x00", '"', "”"),
    ("by", "from", "ccording to"),
    ("Said", "Added", "Remarked", "Wrote", "Explained", "Noted", "Continued"),
)


def _inverted_search(masked: str, pos: int, endpos: int) -> re.Match[str] | None:
    """``_inverted_alternation().search(masked, pos, endpos)``, about twice as fast: each form searched on
    its own, the leftmost match kept, the earlier form on a tie: at each position the alternation tries the
    forms in that order, so it finds the same match."""
    found: re.Match[str] | None = None
    window = masked[pos:endpos]
    for pattern, needs in zip(_inverted_patterns(), _INVERTED_NEEDS, strict=True):
        if needs and not any(n in window for n in needs):
            continue
        m = pattern.search(masked, pos, endpos)
        if m is not None and (found is None or m.start() < found.start()):
            found = m
    return found


# Nouns of a statement that name their speaker after "from"/"by": "Statements of condemnation have come
# from X", "a tweet on Monday by X", "an order by X".
_NP_NOUN_WORDS = _words(
    "statement tweet post letter interview comment remark message condemnation criticism order warning "
    "appeal "
)
_NP_NOUNS = "|".join(
    f"[{w[0]}{w[0].upper()}]{w[1:]}s?" if w != "criticism" else "[cC]riticism" for w in _NP_NOUN_WORDS
)
_NP_FILL = (
    r"(?:of|have|has|had|come|came|also|been|were|was|issued|made|[a-z]+ion|support|sympathy|concern|"
    r"thanks|praise|outrage|protest|grief)"
)
# Words that may open an inverted attribution ("..., said X", "according to X", "Remarked X").
_INV_ANCHORS = frozenset(
    _words(
        "said says added adds wrote writes explained continued stated noted argued told warned insisted "
        "claimed reported asked replied according quoted cited remarked According Said Added Remarked Asked "
        "Wrote Explained Noted Continued "
    )
) | {f"{w}{s}" for n in _NP_NOUN_WORDS for w in (n, n.capitalize()) for s in ("", "s")}
# The present tense of features and columns ("..., argues analyst Anna Berg"): an inverted anchor, but not
# read inverted after an appositive ("Anna Berg, a lawyer, warns Tomas Brandt about ...": Brandt is warned).
_INV_PRESENT = frozenset(_words("explains notes argues warns insists predicts observes"))
_INV_CLAIMABLE = frozenset(_words("said says told added"))
# Verbs that invert only straight after a quote ('"...," scoffed Arianna Gil'): elsewhere a name after them
# may be their object.
_POST_QUOTE = frozenset(
    _words(
        "scoffed quipped joked recalled observed conceded acknowledged admitted countered responded declared "
        "exclaimed mused retorted recounted reasoned snapped lamented complained boasted cautioned predicted "
        "answered offered agreed explained stressed emphasized emphasised concluded "
        "tweeted posted reports wondered pleaded urged vowed promised pledged interjected charged "
        # the present tense of features and columns ('"...," warns Anna Berg')
        "warns argues notes insists claims explains admits concedes recalls predicts suggests stresses "
        "jokes cautions observes replies responds counters complains acknowledges declares asks "
    )
)
_DATELINE_RE = re.compile(
    r"^(?P<place>[A-Z][A-Z .'-]{2,40}?|[A-Z][a-z]+(?:[ ][A-Z][a-z]+){0,2}(?=(?:,[ ][\w .]{2,30})?[ ]*\())"
    r"(?:,[ ][A-Za-z0-9 .]{2,30})?[ ]*(?:\((?P<agency>[^)\n]{2,40})\)[ ]*)?(?:[-–—]+|(?<=\))[ ]*:)[ ]*"
)
_ACRONYM_RE = re.compile(r"[ ]*\([ ]*([A-Z][A-Za-z]{1,9}|(?:[A-Z]\.){2,})[ ]*\)")
_WORK_WORDS = frozenset(
    _words(
        "book novel film movie album song single memoir documentary comic sitcom musical robot vessel ship "
        "titled entitled dubbed comedy thriller drama biopic blockbuster sequel game games videogame "
        "programme show series opera track tune anthem ballad soap cartoon franchise spin-off trilogy "
        "romcom films movies books novels songs singles albums chart-topper remake prequel serial "
    )
)
# "starred in X", "a cameo in X": what follows "in" is a work.
_WORK_AFTER = frozenset(_words("starred starring appeared appears appearing cameo role roles"))
# Capitalised function words and pronouns never stand inside a person's name: "Take Your Mama", "Live And
# Let Die", "Love Will Tear Us Apart" are titles of works (a song, a film), not people.
_TITLE_INNER = frozenset(
    _words(
        "To And Your My Our Their His Her Its Will Be Us As With In On At For Let Is Are It It's Me "
        "You We I I'm Not No Never Ain't Don't Can't Won't Gotta Into Than When What How Why Shall "
        "Must Can Do Does Did Was Were Has Have Had Been Am Or But If Up Out Off Away All Every Nobody "
        "Something Nothing Everything Somebody Everybody "
    )
)
# A common noun for an organisation just before a name makes it one ("the games firm Lateral Visions").
_ORG_NOUNS = frozenset(
    _words(
        "firm company group band club team label studio agency developer publisher retailer bank carrier "
        "airline broadcaster network charity portal website site operator maker manufacturer insurer lender "
        "carmaker chain supermarket brewer distributor startup start-up conglomerate giant auditor auditors "
        "lenders banks"
    )
)
_WORD_RE = re.compile(r"\w+")
_OUTLET_AFTER_RE = re.compile(r"[ ]+(?:magazine|newspaper|tabloid)\b")


def _acronym_whole(
    pieces: tuple[Piece, ...], span: str, text: str, end: int, table: AliasTable
) -> tuple[Piece, ...]:
    """ "National Institute of Fisheries and Marine Studies (NIFMS)": a run the scanner split at "and" is one
    body when the acronym in brackets after it spells the run's capitals from some word on (the words before
    that word, a country say, are read on their own as a qualifier)."""
    acr = _ACRONYM_RE.match(text, end)
    if (
        acr is None
        or not acr.group(1).isupper()
        or len(acr.group(1)) < 3
        or (len(pieces) < 2 and " and " not in span)  # (one body across "and" may still lead with a place)
    ):
        return pieces
    short = acr.group(1)
    tokens = span.split()
    for k in range(len(tokens) - 1):
        if not tokens[k][:1].isupper() or _connector(tokens[k]) or "and" not in tokens[k + 1 :]:
            continue
        if _initials(" ".join(tokens[k:])) == short:
            while k >= 2 and tokens[k - 1] in ("of", "for", "on") and tokens[k - 2] in lexicon().org_words:
                k -= 2  # "Department of Harbours and Coastal Works (HCW)": the body's head word too
            head = tokens[:k]
            while head and (_connector(head[-1]) or head[-1] in ("the", "The")):
                head = head[:-1]  # "the Harbour Office and the Securities and Exchange Board (SEB)"
            lead = " ".join(head[1:] if head[:1] == ["The"] else head)
            before = tuple(
                Piece(p.text, p.kind, p.key, p.modifier or table.kind(p.text) in ("country", "place"), p.conj)
                for p in (_analyse(lead, False, table) if lead else ())
            )
            # "Anna Berg of the X Institute of A and B (XIAB)": the body is the object of "of", no subject.
            of_object = any(t in ("of", "for", "at") for t in tokens[:k])
            return (*before, Piece(" ".join(tokens[k:]), "organisation", "", of_object))
    return pieces


def _lower_in(word: str, text: str) -> bool:
    """Whether ``word`` (lower case) occurs in ``text`` as a word: plain substring tests, no regex."""
    i = text.find(" " + word)
    while i != -1:
        end = text[i + 1 + len(word) : i + 2 + len(word)]
        if not end or end in " ,.;:\n":
            return True
        i = text.find(" " + word, i + 1)
    return False


# What opens a new sentence after a quote that ends with a full stop (not '"..." Clinton said').
_NEW_SENTENCE_RE = re.compile(
    r"[ ]+(?:The|A|An|But|And|In|On|At|It|This|That|These|Those|However|Meanwhile|Last|Earlier|Later|When|"
    r"While|If|As|After|Before|Since|Some|Many|Most|Other|Another|There|Its|Their|His|Her)[ ]"
)
# What stands before a hyphen and a title without being part of a word ("then-Gov.", "ex-Mayor").
_TIME_PREFIX_RE = re.compile(r"(?:^|(?<=[\s(]))(?:then|ex)-$")
_KEEP_DOT = frozenset(_words("Jr. Sr. Inc. Co. Corp. Ltd. Bros."))
_SUBHEAD_SKIP = re.compile(r"^\s*Read more:", re.IGNORECASE)


def _is_acronym(token: str) -> bool:
    letters = token.replace(".", "").replace("-", "").replace("&", "")
    return len(letters) >= 2 and letters.isupper()


def _span_facts(run: str, table: AliasTable) -> tuple[str, bool, bool]:
    """A capitalised run as a name: without a sentence's full stop, whether the table does not know it,
    whether it is shouted (three words or more in capitals the table does not know). Pure (memoised by
    its one caller, :func:`_run_facts`, through ``_runs_seen``)."""
    span = run
    if span.endswith(".") and not _is_acronym(span.split()[-1]) and span.split()[-1] not in _KEEP_DOT:
        span = span[:-1]
    unknown = table.canonical(span) is None
    return span, unknown, span.count(" ") >= 2 and span.isupper() and unknown


def _analyse(span: str, initial: bool, table: AliasTable) -> tuple[Piece, ...]:
    """Split one capitalised run into pieces. Pure, not cached: a whole run comes here once per memo of
    :meth:`_Article.scan` (``_runs_seen``), so an lru_cache here mostly missed (its recursive calls on parts
    of a run included: measured over a cold pass of Reuters, issue 15k) and its entries cost time to build
    and to collect."""
    lex = lexicon()
    tokens = span.split()
    # A full-run gazetteer hit wins before anything is stripped ("The Hague", "New York Times").
    whole = table.canonical(span)
    if whole is not None and not (initial and len(tokens) == 1 and span in lex.nonnames):
        return (Piece(whole, "known"),)
    if len(tokens) in (2, 3) and tokens[0] in _given_words() and _surname_shaped(tokens[1:], table):
        # "Bill Rennard", "Will Ostrander": a given name that is also a common word, then a surname, is the
        # whole person (not the surname alone, which could name another person of the article).
        return (Piece(" ".join(tokens), "person"),)
    if len(tokens) == 1 and tokens[0] in lex.function_words and not initial:
        return (Piece(tokens[0], "common"),)  # '"...," May said': a surname only if the article names one
    if _weekday_paper(tokens):
        return (Piece(" ".join(tokens[-2:]), "outlet"),)  # "the Sunday Courier": a newspaper's title
    based = next((k for k, t in enumerate(tokens) if t.endswith(_BASED_SUFFIXES)), -1)
    if based >= 0:
        # "London-based Harbour Capital", "Hong Kong-based X", "Anna Berg of Dover-based Y": where a body sits
        # qualifies its name, never opens it (and the adjective alone names no party). The place starts after
        # the last connector before it.
        place = max((k + 1 for k in range(based) if _connector(tokens[k])), default=0)
        rest = " ".join(tokens[:place] + tokens[based + 1 :])
        return _analyse(rest, initial and place > 0, table) if rest else ()
    while tokens and (tokens[0] in lex.function_words or _connector(tokens[0])):
        tokens = tokens[1:]
        if tokens:
            rest = " ".join(tokens)
            hit = table.canonical(rest)
            if hit is not None:
                return (Piece(hit, "known"),)
    if tokens and tokens[0] in _SHIP_PREFIXES:
        return ()  # "HMS Belfast", "USS Cole": a ship
    if len(tokens) > 2 and tokens[0] in _GROUP_HEADS and tokens[1] in ("of", "for"):
        # "Supporters of Sanders would argue": the supporters speak; the name only qualifies them.
        qualifiers = _analyse(" ".join(tokens[2:]), False, table)
        return tuple(Piece(p.text, p.kind, p.key, True) for p in qualifiers)
    if "I" in tokens[1:]:
        tokens = tokens[: tokens.index("I", 1)]  # "Prompted I think": the pronoun ends a name
    for k in range(1, len(tokens)):
        if tokens[k] in _RUN_PRONOUNS and tokens[k - 1].endswith("."):
            tokens = tokens[:k]  # "Ohio and Washington, D.C. They also said": a sentence ends after the stop
            break
    if not tokens:
        return ()
    if " ".join(tokens[-2:]) in lex.products or tokens[-1] in lex.products:
        return ()  # "Mozilla Firefox", "Internet Explorer", "Google Chrome": software, not a party
    # Runs joined by "and" are two names unless the whole is known or ends in an org word
    # ("Department of Trade and Industry"); two organisation names split all the same.
    if "and" in tokens:
        i = tokens.index("and")
        pair = _persons_of(tokens, i, initial, table)
        if pair:
            return pair
        if _one_named_body(tokens, i, table):
            return (Piece(" ".join(tokens), "organisation"),)
        left_hit = table.canonical(" ".join(tokens[:i])) if i else None
        if (
            tokens[-1] not in lex.org_words
            or (i >= 2 and tokens[i - 1] in lex.org_words)
            or tokens[i + 1 : i + 2] == ["the"]  # "Sarvania and the Dalmir Liberation Movement"
            or (left_hit is not None and table.kind(left_hit) in ("country", "place"))
        ):
            left, right = " ".join(tokens[:i]), " ".join(tokens[i + 1 :])
            first = _analyse(left, initial, table) if left else ()
            # The name before "and" is the last piece that is no modifier: "A of Ohio and B of Maine said".
            k = next((k for k in range(len(first) - 1, -1, -1) if not first[k].modifier), len(first) - 1)
            if first:
                named = first[k]
                joined = Piece(named.text, named.kind, named.key, named.modifier, True)
                first = (*first[:k], joined, *first[k + 1 :])
            return first + (_analyse(right, False, table) if right else ())
    pieces = _pieces(tokens, initial, table)
    if (
        len(tokens) == 2
        and len(pieces) == 2
        and pieces[0].kind == "known"
        and pieces[1].kind in ("unknown", "initial")
        and tokens[0] in _given_names()
    ):
        # "Georgia Rennard": a given name that is also a place; the article's other Rennard decides (resolve).
        return (pieces[0], Piece(pieces[1].text, pieces[1].kind, f"given:{tokens[0]}"))
    return pieces


_BASED_SUFFIXES = ("-based", "-headquartered")
_RUN_PRONOUNS = frozenset(_words("He She They We It"))
# A newspaper's Sunday (or Saturday) edition is a title of its own: "Sunday Times", "Sunday Express". The
# weekday is otherwise dropped from a run's front ("Sunday Times" read as "The Times", "Sunday Express" as
# "Express").
_PAPER_DAYS = frozenset(_words("Sunday Saturday"))
_PAPER_WORDS = frozenset(
    _words(
        "Times Telegraph Express Mirror Mail People Post Herald Star Sport Independent Observer Tribune Sun "
        "Record Journal Chronicle Standard Examiner"
    )
)


def _weekday_paper(tokens: list[str]) -> bool:
    """ "Sunday Times", "the Sunday Express" (a leading "The" aside)."""
    words = tokens[1:] if tokens[:1] == ["The"] else tokens
    return len(words) == 2 and words[0] in _PAPER_DAYS and words[1] in _PAPER_WORDS


_MONTHS = frozenset(
    _words("January February March April May June July August September October November December")
)


@lru_cache(maxsize=1)
def _given_words() -> frozenset[str]:
    """Shipped given names that are also common words ("Bill", "Will", "Christian"): months left out."""
    return _given_names() & lexicon().nonnames - _MONTHS


def _given_surname(name: str) -> bool:
    """A shipped given name, then one word: "Dana Will", "Anna May"."""
    first, _, rest = name.partition(" ")
    return bool(rest) and " " not in rest and first in _given_names()


def _written_mid_sentence(text: str, run: str, at: int) -> bool:
    """Whether the article writes ``run`` again where no sentence starts (its first word is then part of
    the name)."""
    i = text.find(run)
    while i >= 0:
        if i != at:
            before = text[max(0, i - 3) : i].rstrip(" \t\"“'‘(")
            end = i + len(run)
            if before and before[-1] not in ".!?:\n\x00" and not text[end : end + 1].isalnum():
                return True
        i = text.find(run, i + 1)
    return False


_DATE_BEFORE_RE = re.compile(
    r"(?:\d|\b(?:in|on|since|until|till|by|from|through|during|before|after|of|last|next|this|early|late|mid|"
    r"end|to))[ ,]*$",
    re.IGNORECASE,
)


def _dated(text: str, start: int, end: int) -> bool:
    """A month written as a date: after a number or a time preposition ("on 5 May", "in May"), or before a
    number ("May 5")."""
    return (
        _DATE_BEFORE_RE.search(text, max(0, start - 12), start) is not None
        or text[end : end + 3].strip(" ,")[:1].isdigit()
    )


_NEXT_WORD_AFTER_RE = re.compile(r"(?:(,)[ ]|[ ]([a-z]+))")
_SENTENCE_MARK_RE = re.compile(r"[.!?\n]")


def _asks(text: str, at: int) -> bool:
    """Whether the sentence going on at ``at`` ends in a question mark."""
    m = _SENTENCE_MARK_RE.search(text, at, at + 300)
    return m is not None and m.group() == "?"


def _surname_shaped(tokens: list[str], table: AliasTable) -> bool:
    """One or two words after a given name that can be its surname: person-shaped, no party word
    ("Christian Democrats"), nothing the gazetteer knows."""
    return (
        _person_shaped(tokens)
        and not any(t in _PARTY_LABELS or t[:-1] in _PARTY_LABELS for t in tokens)
        and table.canonical(" ".join(tokens)) is None
    )


# Titles that only a person carries (lexicon titles also hold office words: "Health" of "Health Secretary").
_PERSON_TITLES = frozenset(
    _words("Professor Prof Dr Mr Mrs Ms Miss Sir Dame Lord Lady Senator Sen Rep Gov Judge Rev Father Sister")
)


def _one_named_body(tokens: list[str], i: int, table: AliasTable) -> bool:
    """ "Organisation for Economic Cooperation and Development", "Committee on Credit and Savings": one word
    after "and" ends the subject of a body's "of"/"for"/"on" (a name, an acronym or a place after it is a
    second party: "Ministry of Defence and FBI")."""
    lex = lexicon()
    # (two words after "and" too: "Department of Health and Social Care", "Ministry of Labour and Social
    # Affairs", neither of them a name of its own)
    if (
        len(tokens) not in (i + 2, i + 3)
        or tokens[0] in lex.titles
        or not any(tokens[k] in lex.org_words and tokens[k + 1] in ("of", "for", "on") for k in range(i - 1))
    ):
        return False
    if len(tokens) == i + 3:
        # (not "A of the Harbour Institute and Professor B", "Bank of Norway and Credit Velmor": a person
        # first, a title after "and", a place before it)
        of = max(k for k in range(i) if tokens[k] in ("of", "for", "on"))
        place = table.canonical(" ".join(tokens[of + 1 : i]))
        if (
            any(t in _given_names() for t in tokens[:of])
            or tokens[i + 1].rstrip(".") in _PERSON_TITLES
            or (place is not None and table.kind(place) in ("country", "place"))
            or tokens[i - 1] in lex.capitals
        ):
            return False
    return not any(
        _is_acronym(last)
        or table.canonical(last) is not None
        or last in lex.demonyms
        or last in lex.capitals
        or last in lex.org_words
        or last in _given_names()
        or last in ("the", "The")
        for last in tokens[i + 1 :]
    )


def _persons_of(tokens: list[str], i: int, initial: bool, table: AliasTable) -> tuple[Piece, ...]:
    """ "Anna Berg and Tomas Brandt of the Harbour Institute": two persons joined by "and" (token ``i``),
    the second followed by where both are from; not one organisation named by the whole run. Each side
    must read as one person (two or three name words, or a title and a name); empty otherwise."""
    left, right = tokens[:i], tokens[i + 1 :]
    if not left or any(t in ("of", "for", "at", "and") for t in left) or "and" in right:
        return ()
    split = _split_of(right, table)
    if len(split) < 2 or split[0].kind != "person" or not _person_shaped(split[0].text.split()):
        return ()
    first = _pieces(left, initial, table)
    if len(first) != 1 or first[0].kind != "person":
        return ()
    named = first[0]
    words = named.text.split()
    if not (2 <= len(words) <= 4 or named.key) or not _person_shaped(words):
        return ()
    return (Piece(named.text, "person", named.key, False, True), *split)


def _run_facts(run: str, initial: bool, table: AliasTable) -> tuple[str, bool, tuple[Piece, ...]]:
    """What :meth:`_Article.scan` needs of one capitalised run: the span (without a sentence's full stop),
    whether the table does not know it, and its pieces (none for a shouted run). Pure."""
    span, unknown, shouted = _span_facts(run, table)
    if shouted:
        return span, unknown, ()  # "AUSTRALIAN OLYMPIC TEAM REFUSES TO STAY": a shouted headline, not a name
    tokens = span.split()
    if len(tokens) > 3 and all(t.isupper() and t.isalpha() and len(t) > 1 for t in tokens[:3]):
        # "HARBOUR FERRY SERVICE CUT The Harbour Board said ...": a shouted heading run into the sentence
        # after it (three words of capitals first, no initials: not "J. R. R. Tolkien"); only the sentence's
        # words can name a party, as no word of a shouted line does.
        k = next((k for k, t in enumerate(tokens) if not t.isupper()), len(tokens))
        if (
            k < len(tokens)
            and tokens[k][:1].isupper()  # a sentence opens after the capitals (not "IBM PC AT and the ...")
            and any(len(t) > 3 for t in tokens[:k])  # words, not a row of acronyms
            and table.canonical(" ".join(tokens[:k])) is None
        ):
            return span, unknown, _analyse(" ".join(tokens[k:]), True, table)
    return span, unknown, _analyse(span, initial, table)


# How many (run, sentence-initial) facts each alias table keeps: names repeat across articles, and a
# plain dict lookup is several times cheaper than two lru_cache calls that hash the table each time
# (twice the size of the lru_cache it replaces: Reuters-21578 holds ~90,000 distinct runs).
_RUNS_KEPT = 131072


@lru_cache(maxsize=4)
def _runs_seen(table: AliasTable) -> dict[tuple[str, bool], tuple[str, bool, tuple[Piece, ...]]]:
    """The memo of :func:`_run_facts` for one alias table (at most ``_RUNS_KEPT`` entries)."""
    return {}


_GROUP_HEADS = frozenset(
    _words(
        "Supporters Critics Opponents Members Officials Residents Voters Fans Friends Allies Aides Advisers "
        "Experts Analysts Workers Leaders Lawmakers Backers Defenders Spokesmen Representatives Staff "
        "Followers"
    )
)
_SHIP_PREFIXES = frozenset(_words("HMS HMC HMCS HMAS HMNZS USS RMS USNS "))
_CAMEL_RE = re.compile(r"[a-z]{3}[A-Z]|\d")


def _product_like(token: str) -> bool:
    """ "PlayStation", "IStandWithAhmed", "IE9", "Cloud9": not the shape of a person's name."""
    return _CAMEL_RE.search(token) is not None or (
        token.startswith("I") and token[1:2].isupper() and (not token.isupper())
    )


_STAFF_WORDS = frozenset(
    _words(
        "aides aide advisers adviser advisors advisor lawyers lawyer attorneys attorney spokesman "
        "spokeswoman spokesperson spokesmen spokeswomen allies"
    )
)


def _given_first(tokens: list[str], lex: Lexicon) -> bool:
    """A person's name despite a camel-cased word: a known given name first ("Frank VanderSloot"), or one
    written as two given names ("RoseAnn DeMoro")."""
    if len(tokens) not in (2, 3) or any(_CAMEL_RE.search(t) and any(c.isdigit() for c in t) for t in tokens):
        return False
    given = lex.male_names | lex.female_names
    first = tokens[0]
    if first in given:
        return True
    parts = re.findall(r"[A-Z][a-z]+", first)
    return len(parts) == 2 and "".join(parts) == first and all(p in given for p in parts)


_OCCUPATION_ENDS = ("er", "or", "ist", "ian", "naut", "ent", "ers", "ors", "ists", "ians", "nauts", "ents")
# (not "-ner", "-ler", "-der": place adjectives such as "Berliner" open company names)
_OCCUPATION_LONG_ENDS = ("ist", "ian", "or", "ter", "ger", "ker", "ser", "rer", "her", "yer", "eer")
_OCCUPATION_PLURALS = ("ers", "ors", "ists", "ians", "nauts", "ents")


def _occupation_first(tokens: list[str], lex: Lexicon) -> bool:
    """ "Conductor Anna Berg", "Singers Anna Berg and ...", "Cosmonaut Ivan Petrov", "Agent Ivo Marsh"
    opening a sentence: an occupation noun (by its ending; the title list names the common ones) capitalised
    only because the sentence starts there, then a known given name and a surname. Not when the first word
    is itself a given name ("Christian", "Victor", "Vincent"). A plural occupation ("Rowers Jaan Tamm and")
    needs no known given name: a plural noun is nobody's given name or surname in front of another name."""
    first = tokens[0]
    return (
        len(tokens) >= 3
        and first[1:].islower()
        and first.endswith(_OCCUPATION_ENDS)
        and (
            tokens[1] in lex.male_names
            or tokens[1] in lex.female_names
            or (first.endswith(_OCCUPATION_PLURALS) and len(tokens) == 3)
            # a long occupation word ("Immunologist", "Photographer") before two name words: the given name
            # need not be a known one (short ones may be given names themselves: "Lilian", "Hunter")
            or (
                len(first) >= 8
                and len(tokens) == 3
                and first.endswith(_OCCUPATION_LONG_ENDS)
                and not any("'" in t or "’" in t for t in tokens)  # ("Computer Associates' Wang")
            )
        )
        and first not in lex.male_names
        and first not in lex.female_names
        and _person_shaped(tokens[1:])
    )


def _pieces(tokens: list[str], initial: bool, table: AliasTable) -> tuple[Piece, ...]:
    lex = lexicon()
    out: list[Piece] = []
    if len(tokens) > 2 and tokens[-1] in _GENERATIONS:
        # "Martin Luther King Jr.": the suffix belongs to the person before it ("King" is no title here).
        inner = _pieces(tokens[:-1], initial, table)
        if len(inner) == 1 and inner[0].kind == "person" and not inner[0].key:
            return (Piece(f"{inner[0].text} {tokens[-1]}", "person"),)
    while len(tokens) > 1 and tokens[-1] in lex.captions:
        tokens = tokens[:-1]  # "Ahmed Mohamed Image": a picture caption
        hit = table.canonical(" ".join(tokens))
        if hit is not None:
            return (Piece(hit, "known"),)
    if (
        len(tokens) == 2
        and tokens[0] in _COMPASS
        and (tokens[1] in lex.demonyms or tokens[1] in _CONTINENTAL)
        and " ".join(tokens) not in lex.demonyms
    ):
        return ()  # "North American box office", "Latin American voters": an adjective
    for k, tok in enumerate(tokens[:-1]):
        if tok.endswith(("s'", "s’")) and 2 <= len(tokens) - k - 1 <= 3 and _person_shaped(tokens[k + 1 :]):
            # "Sky Networks' Sophie Turner Laing": the owner qualifies the name after it.
            owner = _analyse(" ".join(tokens[: k + 1])[:-1], initial, table)
            named = _pieces(tokens[k + 1 :], False, table)
            return (*out, *(Piece(p.text, p.kind, p.key, True) for p in owner), *named)
    while len(tokens) > 1 and tokens[-1] in _POST_NOMINALS:
        tokens = tokens[:-1]  # "Tom McCabe MSP", "Jane Doe QC": letters after a name
    if len(tokens) > 2 and tokens[0].lower() in _STAFF_WORDS and tokens[1] in ("for", "to", "of"):
        # "Lawyers for Anna Berg" opening a sentence: the principal, not an organisation of that name.
        return _pieces(tokens[2:], False, table)
    if (
        len(tokens) > 2
        and tokens[0] in lex.titles
        and tokens[1] in ("of", "for")
        and tokens[-1] in lex.org_words
    ):
        body = tokens[2:]  # "Director of the Scottish Local Authority Management Centre" → the centre
        while body and _connector(body[0]):
            body = body[1:]
        return _analyse(" ".join(body), False, table) if body else ()
    org_head = tokens[-1] in lex.org_words
    if not org_head:
        # "Massachusetts Institute of Technology", "Ministry of Defence": the head word before "of".
        for i, tok in enumerate(tokens[1:-1], 1):
            if tok in ("of", "for", "on"):
                org_head = tokens[i - 1] in lex.org_words and tokens[i - 1] not in lex.titles
                if org_head and i >= 3 and i == len(tokens) - 2:
                    # "National Transportation Safety Committee of Indonesia": the country qualifies.
                    hit = table.canonical(tokens[-1])
                    if hit is not None and table.kind(hit) == "country":
                        return (Piece(" ".join(tokens[:i]), "organisation"), Piece(hit, "known", "", True))
                break
    if not org_head:
        if len(tokens) > 2 and tokens[0] in lex.demonyms:
            hit = table.canonical(" ".join(tokens[1:]))
            if hit is not None and table.kind(hit) in (None, "organisation"):
                return (Piece(" ".join(tokens), "organisation"),)  # "British Red Cross"
        # Known names at the front ("US Secretary ...", "Israeli Security Minister ...").
        while len(tokens) > 1:
            found = 0
            for n in range(min(5, len(tokens) - 1), 0, -1):
                head = " ".join(tokens[:n])
                hit = table.canonical(head) if n > 1 or head not in lex.titles else None
                if hit is not None and n == 1 and hit.startswith("The ") and not head.startswith("The"):
                    hit = None  # "Independent Senator Bernie Sanders": an adjective, not The Independent
                if hit is not None:
                    out.append(Piece(hit, "known"))
                    found = n
                    break
                if n == 1 and head in lex.demonyms:
                    out.append(Piece(head, "demonym", lex.demonyms[head]))
                    found = 1
            if not found:
                break
            tokens = tokens[found:]
            # "U.S. While Clinton ...": a sentence can end inside a run after an abbreviation.
            while tokens and (_connector(tokens[0]) or tokens[0] in lex.function_words):
                tokens = tokens[1:]
        of_at = next((j for j in (1, 2, 3) if tokens[j : j + 1] in (["of"], ["for"])), 0)
        if len(tokens) > of_at + 1 and of_at and all(t in lex.titles for t in tokens[:of_at]):
            # "President of the European Council" → the council; "Vice President of the Republic of
            # Sarvania Anna Berg" (two title words) → the republic, then the person.
            title, connector = " ".join(tokens[:of_at]), tokens[of_at]
            tokens = tokens[of_at + 1 :]
            while tokens and _connector(tokens[0]):
                tokens = tokens[1:]
            holder = _title_of_holder(tokens, table)
            if holder:
                return (*out, *holder)
            seat = _analyse(" ".join(tokens), False, table)
            if (
                len(seat) == 1
                and seat[0].kind in ("known", "capital", "unknown")
                and (seat[0].kind != "known" or table.kind(seat[0].text) in ("country", "place"))
            ):
                # "the Archbishop of Kentmere wrote", "the Mayor of Dover said": the holder of a seat speaks,
                # not the place (a party still): the article's named holder of the title, else the seat.
                seat_name = f"{title} {connector} {' '.join(tokens)}"
                place = Piece(seat[0].text, seat[0].kind, seat[0].key, True)
                return (*out, place, Piece(seat_name, "title", title))
            return (*out, *seat)
        if any(t in lex.events for t in tokens) and not any(t in lex.org_words for t in tokens[-1:]):
            return tuple(out)  # "Democratic National Convention", "Super Tuesday primary": an event
        if tokens and tokens[0] in _PARTY_LABELS and table.canonical(" ".join(tokens)) is None:
            if len(tokens) == 1:
                return tuple(out)  # "Republican", "Democratic": an adjective, no party by itself
            if len(tokens) <= 4 and _person_shaped(tokens[1:]):
                # "Tory David Heathcoat-Amory", "Republican Trump": a party label, then the person.
                if len(tokens) == 2:
                    return (*out, *_pieces(tokens[1:], False, table))
                return (*out, Piece(" ".join(tokens[1:]), "person", tokens[0]))
        # Titles: strip through the last title word that has a name after it.
        last_title = -1
        with_name = -1  # the last title word that has a name after it
        for i, tok in enumerate(tokens):
            if tok in lex.titles or tok.rstrip(".") in lex.titles:
                last_title = i
            elif _connector(tok) and last_title == i - 1:
                continue
            elif last_title >= 0 and i == last_title + 1 and _connector(tokens[i - 1]):
                last_title = i  # "Secretary of Defense": the word after "of" is part of the title
            else:
                with_name = last_title
        if (
            0 < last_title < len(tokens) - 2
            and tokens[last_title] in _TITLE_SURNAMES
            and tokens[last_title] not in _ROYAL_TITLES  # "Charles Prince of Wales" holds the title
            and tokens[last_title + 1] in ("of", "for", "at")
            and (
                tokens[last_title - 1] in lex.male_names
                or tokens[last_title - 1] in lex.female_names
                or _INITIAL_RE.fullmatch(tokens[last_title - 1]) is not None
            )
        ):
            # "Peter T. King of New York", "Angus King of Maine": a surname that is also a title, then where
            # the person is from; the title before the given name (if any) is the last one.
            before = range(last_title - 1)
            last_title = max((i for i in before if tokens[i].rstrip(".") in lex.titles), default=-1)
        if len(tokens) >= 2 and last_title == len(tokens) - 1 and not _is_acronym(tokens[-2]):
            if tokens[-2].rstrip(".") in _HONORIFICS:
                last_title = len(tokens) - 2  # "Mr. Prince", "Mr. Singer": the honorific, then the surname
            elif (tokens[-1] in _TITLE_SURNAMES and tokens[-2].rstrip(".") not in lex.titles) or (
                tokens[-2] in _given_names() and tokens[-2] not in lex.nonnames
            ):
                # "Dana Prince", "Anna King", "Karl Singer": a surname that is also a title
                last_title = with_name
        of_at = next((j for j in (2, 3) if j < last_title and tokens[j] in ("of", "at")), 0)
        if of_at and _person_shaped(tokens[:of_at]) and (split := _split_of(tokens, table)):
            # "Anna Berg of Harbour National Bank of Velmora": a person, then where they work (a title word
            # inside the body's name is no title of the person's)
            return (*out, *split)
        if last_title >= 0:
            title = " ".join(t for t in tokens[: last_title + 1] if not _connector(t))
            tokens = tokens[last_title + 1 :]
            while tokens and _connector(tokens[0]):
                tokens = tokens[1:]
            if not tokens:
                return (*out, Piece(title, "title", title))
            rest = " ".join(tokens)
            hit = table.canonical(rest)
            if hit is not None:
                return (*out, Piece(hit, "known"))
            if len(tokens) > 1 and tokens[0] in lex.demonyms:
                out.append(Piece(tokens[0], "demonym", lex.demonyms[tokens[0]]))
                tokens = tokens[1:]
            if len(tokens) == 1 and _is_acronym(tokens[0]):
                return (*out, Piece(tokens[0], "organisation"))  # "National LGBT": no person is all capitals
            split = _split_of(tokens, table, title)
            if split:
                return (*out, *split)
            return (*out, Piece(" ".join(tokens), "person", title))
    if not tokens:
        return tuple(out)
    name = " ".join(tokens)
    hit = table.canonical(name)
    if hit is not None:
        return (*out, Piece(hit, "known"))
    if name in lex.capitals:
        return (*out, Piece(name, "capital", lex.capitals[name]))
    if name in lex.demonyms:
        return (*out, Piece(name, "demonym", lex.demonyms[name]))  # "South Korean"
    if len(tokens) > 1 and tokens[0] in lex.nonnames:
        hit = table.canonical(" ".join(tokens[1:]))
        if hit is not None:
            return (*out, Piece(hit, "known"))
    if len(tokens) == 1:
        tok = tokens[0]
        if _STATE_ABBR_RE.fullmatch(tok):
            return tuple(out)  # "Portsmouth, N.H.", "Washington, D.C.": a place's abbreviated state
        if tok in lex.demonyms:
            return (*out, Piece(tok, "demonym", lex.demonyms[tok]))
        if tok.endswith("s") and tok[:-1] in lex.demonyms:
            return (*out, Piece(tok, "demonym", lex.demonyms[tok[:-1]]))
        last = tok.rpartition("-")[2]
        if last != tok and (last in lex.demonyms or (last.endswith("s") and last[:-1] in lex.demonyms)):
            # "African-Americans", "Irish-American": a group of people, like "Americans"
            return (*out, Piece(tok, "demonym", lex.demonyms.get(last) or lex.demonyms[last[:-1]]))
        if tok in lex.capitals:
            return (*out, Piece(tok, "capital", lex.capitals[tok]))
        if tok in lex.nonnames and tok[1:].islower() and len(tok) > 2 and not out:
            return (*out, Piece(tok, "common"))  # "West said": the article's "Dana West", if it names one
        if tok in lex.nonnames or tok in lex.titles or len(tok) < 2:
            return tuple(out)
        if _product_like(tok):
            return (*out, Piece(tok, "organisation"))  # "TVN24": a party only when it speaks
        if initial and not _is_acronym(tok):
            return (*out, Piece(tok, "initial"))
        return (*out, Piece(tok, "organisation" if _is_acronym(tok) else "unknown"))
    kind = lex.org_words.get(tokens[-1])
    if kind is None and tokens[0] in _CLUB_PREFIXES:
        kind = "organisation"  # "Real Madrid", "Inter Milan", "Borussia Dortmund": a club
    if kind is None and any(t in lex.events for t in tokens):
        return tuple(out)  # "Fan Expo Canada", "Clean Air Act": an event, a law, a work
    split = _split_of(tokens, table, initial=initial)
    if split:
        return (*out, *split)
    if kind is None:
        if any(t in lex.org_words for t in tokens) or any(t in ("of", "for") for t in tokens):
            kind = "organisation"
        elif all(t in lex.nonnames for t in tokens):
            return tuple(out)
        elif initial and _occupation_first(tokens, lex):
            return (*out, *_pieces(tokens[1:], False, table))  # "Conductor Anna Berg said": her occupation
        elif initial and (
            tokens[0] in lex.nonnames
            or (
                len(tokens[0]) > 4
                and tokens[0].endswith(("ed", "ing"))
                and tokens[0] not in lex.male_names
                and tokens[0] not in lex.female_names
            )
        ):
            return (*out, *_pieces(tokens[1:], False, table))  # "Injured Chelsea winger": an adjective
        elif any(_product_like(t) for t in tokens) and not _given_first(tokens, lex):
            return tuple(out)  # "PlayStation VR", "Windows 10": products, not people
        elif any(_is_acronym(t) and t not in _ROMAN for t in tokens):
            kind = "organisation"  # "PC World"
        else:
            kind = "person"
    return (*out, Piece(name, kind))


_GENERATIONS = frozenset(_words("Jr Jr. Sr Sr."))
_ROMAN = frozenset(_words("II III IV VI VII VIII"))
_STATE_ABBR_RE = re.compile(r"[A-Z]\.[A-Z]\.?")
_COMPASS = frozenset(_words("North South East West Central Latin Northern Southern Eastern Western"))
_CONTINENTAL = frozenset(_words("American African Asian European"))
_POST_NOMINALS = frozenset(_words("MP MSP MEP AM MLA MHK QC KC OBE MBE CBE KBE DBE PhD Esq"))
_CLUB_PREFIXES = frozenset(
    _words(
        "Real Atletico Atlético Inter Sporting Olympique Borussia Bayern Dynamo Dinamo Spartak Lokomotiv CSKA"
    )
)
# Title words that are also common surnames ("Matthew Prince", "Stephen King", "John Major").
_HONORIFICS = frozenset(_words("Mr Mrs Ms Miss Dr Mx"))
_INITIAL_RE = re.compile(r"[A-Z]\.")
_ROYAL_TITLES = frozenset(_words("Prince Pope Abbot"))
_TITLE_SURNAMES = frozenset(
    _words("Prince King Bishop Judge Major Marshal Chancellor Dean Sheriff Pope Abbot")
)
_PARTY_LABELS = frozenset(
    _words("Republican Democrat Democratic Tory Conservative Labour Liberal Independent GOP Green SNP UKIP")
)


def _person_shaped(tokens: list[str]) -> bool:
    """Two or three capitalised words that can be a person's name: no title, organisation word, place or
    non-name among them."""
    lex = lexicon()
    return all(
        t[:1].isupper()
        and t not in lex.titles
        and t not in lex.org_words
        and t not in lex.nonnames
        and t not in lex.demonyms
        and not _is_acronym(t)
        for t in tokens
    )


_PERSON_HEADS: dict[str, bool] = {}  # a token → _person_shaped([token]), across articles (never collected)


def _person_head(token: str) -> bool:
    """``_person_shaped([token])``, memoised (the lexicon it reads is fixed)."""
    found = _PERSON_HEADS.get(token)
    if found is None:
        if len(_PERSON_HEADS) >= _RUNS_KEPT:
            _PERSON_HEADS.clear()
        found = _PERSON_HEADS[token] = _person_shaped([token])
    return found


def _title_of_holder(tokens: list[str], table: AliasTable) -> tuple[Piece, ...]:
    """ "(Mayor of) Koszalin Piotr Jedlinski", "(President of the) European Council Charles Michel": the
    place or body the title is of, then the person who holds it."""
    lex = lexicon()
    if len(tokens) < 3 or table.canonical(" ".join(tokens)) is not None or "of" in tokens or "for" in tokens:
        return ()
    person = tokens[-2:]
    if any(t in lex.titles or t in lex.org_words or t in lex.nonnames or _is_acronym(t) for t in person):
        return ()
    if tokens[-3] in lex.titles:
        return ()
    body = " ".join(tokens[:-2])
    hit = table.canonical(body)
    kind = table.kind(hit) if hit is not None else None
    if hit is None:
        kind = "organisation" if tokens[-3] in lex.org_words else "place"
    return (Piece(hit or body, kind or "place", "", True), Piece(" ".join(person), "person", ""))


def _split_of(
    tokens: list[str], table: AliasTable, title: str = "", initial: bool = False
) -> tuple[Piece, ...]:
    """ "Owen Brightwater of Calder Securities": a person, then where they are from (a modifier). Opening a
    sentence, an occupation before the person is no part of the name ("Geologist Ana Lind of ...")."""
    lex = lexicon()
    for conn in ("of", "for", "at"):
        if conn in tokens:
            i = tokens.index(conn)
            head = tokens[:i]
            if initial and not title and len(head) == 3 and _occupation_first(head, lex):
                head = head[1:]
            while len(head) > 1 and (head[0] in lex.titles or head[0].rstrip(".") in lex.titles):
                title = title or head[0]  # "Mr. Burman of the Tax Policy Center"
                head = head[1:]
            if (
                1 <= len(head) <= 3
                and not any(t in lex.org_words or t in lex.nonnames for t in head)
                and (len(head) > 1 or title)
            ):
                rest = " ".join(tokens[i + 1 :])
                tail = tuple(
                    Piece(p.text, p.kind, p.key, True) for p in (_analyse(rest, False, table) if rest else ())
                )
                return (Piece(" ".join(head), "person", title), *tail)
            break
    return ()


@dataclass(slots=True)
class _Doc:
    text: str
    masked: str
    mentions: list[Mention]


_TWO_APOSTROPHES = re.compile(r"'''|''|\n")


def _double_apostrophes(text: str) -> str:
    """Quotation marks written as two apostrophes (``''We will win,'' she said``, the New York Times' style)
    become a double quote and a space, in place: an opening pair ' "', a closing pair '" ', so that every
    offset stays valid. Pairs alternate within a paragraph."""
    if "''" not in text:
        return text
    out = list(text)
    opening = True
    for m in _TWO_APOSTROPHES.finditer(text):
        if m.group() == "\n":
            opening = True
            continue
        i = m.start()
        if len(m.group()) == 3 and not opening:
            i += 1  # "''... 'We'll bomb them,''' said": the inner quote closes, then the outer one
        out[i : i + 2] = (" ", '"') if opening else ('"', " ")
        opening = not opening
    return "".join(out)


def _mask_quotes(body: str, short: list[tuple[int, int]] | None = None) -> tuple[str, list[tuple[int, int]]]:
    """Quote spans (content start, content end) per paragraph, and the body with quotes masked.

    Quotes of one to three words stay running text (a scare-quoted word or name: "Israel", "pause"); when
    ``short`` is given, their spans are put there (a partial quote: he was "outraged")."""
    spans: list[tuple[int, int]] = []
    parts: list[str] = []  # the body cut at masked quotes (cheaper than a list of its characters)
    done = 0
    for start, end, closed in _quote_spans(body):
        content = body[start:end]
        if len(content.split()) < 4:
            if short is not None and content.strip() and closed:
                short.append((start, end))
            continue
        spans.append((start, end))
        parts += (body[done:start], "\x00" * (end - start))
        done = end
        if closed and body[end : end + 1] == "“":
            parts.append("”")  # an opening mark that closes (see _quote_spans) reads as a closing one
            done = end + 1
    parts.append(body[done:])
    return "".join(parts), spans


_MARK_RE = re.compile(r'[“”"]')
_OPENS_AFTER = frozenset(" \t\u00a0([{—–-/\x00:")


def _quote_spans(text: str) -> list[tuple[int, int, bool]]:
    """(content start, content end, closed) of each quotation. A straight mark opens after a space or a
    bracket and before a word, and closes after a word; an opening mark inside an open quote closes it
    first ('... in Scotland. "That's a 5.5% increase' is a new paragraph of the same speaker's words whose
    paragraph break was lost); a quote left open ends with its paragraph."""
    out: list[tuple[int, int, bool]] = []
    if '"' not in text and "“" not in text and "”" not in text:
        return out  # (most texts quote no one: three substring tests cost less than the regex's scan)
    open_at = -1
    # Only quotation marks are visited, not every line break (most paragraphs quote no one): the first line
    # break after an opening mark ends that quote.
    for m in _MARK_RE.finditer(text):
        i = m.start()
        mark = m.group()
        if open_at >= 0 and (line_end := text.find("\n", open_at, i)) != -1:
            out.append((open_at, line_end, False))
            open_at = -1
        before = text[i - 1] if i else " "
        after = text[i + 1 : i + 2] or " "
        if mark == "“":
            # An opening mark typed for a closing one ('... problems for her here,“ said Jim Clyburn'): it
            # closes an open quote when it stands after a word and before a space or punctuation.
            opening = not (open_at >= 0 and not before.isspace() and (after.isspace() or after in ".,;:!?"))
        elif mark == "”":
            opening = False
        elif before in _OPENS_AFTER and not after.isspace():
            opening = True
        elif not before.isspace() and (after.isspace() or after in ".,;:!?)]—–-"):
            opening = False
        else:
            opening = open_at < 0
        if opening:
            if open_at >= 0:
                end = i
                while end > open_at and text[end - 1].isspace():
                    end -= 1
                out.append((open_at, end, True))
            open_at = i + 1
        elif open_at >= 0:
            out.append((open_at, i, True))
            open_at = -1
    if open_at >= 0:
        line_end = text.find("\n", open_at)
        out.append((open_at, len(text) if line_end == -1 else line_end, False))
    return out


class _Article:
    """The working state of one extraction."""

    def __init__(self, article: Article, table: AliasTable) -> None:
        self.table = table
        self.lex = lexicon()
        self.rx = _compiled()
        self.mentions: list[Mention] = []
        self.acronyms: dict[str, str] = {}
        self.title_holder: dict[str, str] = {}
        self.genders: dict[str, str] = {}  # person → "m", "f" or "?" (conflicting cues)
        self.text = article.body
        self.org_heads = _org_heads()
        self.verbs = _verb_set()

    def scan(self, text: str, masked: str, offset_ok: bool) -> list[Mention]:
        """Every mention in ``text`` (a body or standfirst); ``masked`` has quotes blanked."""
        lex = self.lex
        runs = _runs_seen(self.table)
        out: list[Mention] = []
        for m in (_SPAN_ASCII_RE if text.isascii() else SPAN_RE).finditer(text):
            start = m.start()  # (its end is the span's, worked out below)
            if (
                start
                and (text[start - 1].isalnum() or text[start - 1] in "-_")
                # ("then-Gov. Anna Berg", "ex-Mayor Anna Berg": a time prefix before a title, then the name)
                and not (
                    text[start - 1] == "-"
                    and _TIME_PREFIX_RE.search(text, max(0, start - 6), start)
                    and any(w in lex.titles or w.rstrip(".") in lex.titles for w in m.group().split()[:-1])
                )  # (not "ex-Muslim Zara Kay", "ex-Wallaby coach": no title in the run)
            ):
                continue  # from inside a word: "iPod" is not "Pod", "trans-Atlantic" not "Atlantic"
            before = text[max(0, start - 3) : start].rstrip(" \t\"“'‘(")
            initial = not before or before[-1] in ".!?:\n\x00" or (start < 3 and not before.strip())
            if initial and masked[start - 1 : start] == "\x00":
                initial = False
            run = m.group()
            if initial:  # (both tests below read only a sentence's first run)
                first = run.partition(" ")[0]
                if first in lex.function_words and first in _given_words() and _asks(text, m.end()):
                    # "Will Ostrander resign?": the modal verb of a question, then the name.
                    start += len(first) + 1
                    run = run[len(first) + 1 :]
                if (
                    first in lex.nonnames
                    and first not in lex.function_words
                    and " and " not in run
                    and " " in run
                    and _written_mid_sentence(text, run, start)
                ):
                    initial = False  # "Harbour Insider" opening a sentence, written mid-sentence elsewhere
            key = (run, initial)
            facts = runs.get(key)
            if facts is None:
                if len(runs) >= _RUNS_KEPT:
                    # Start afresh (popping the oldest entry of a dict instead slows down as its deleted
                    # slots pile up at the front: +18% CPU over Reuters once the memo is full).
                    runs.clear()
                facts = runs[key] = _run_facts(key[0], initial, self.table)
            span, unknown, pieces = facts
            if not pieces and initial and run in lex.function_words and self._speaks_next(text, m.end()):
                pieces = (Piece(run, "common"),)  # "May told MPs" opening a sentence: a surname, if one
            if (
                text.startswith(",", start + len(key[0]))  # (the rarest test first; all four are pure)
                and " " not in key[0]
                and (not pieces or (len(pieces) == 1 and pieces[0].kind in ("unknown", "common")))
                and _KIN_BEFORE_RE.search(text, max(0, start - 40), start)
            ):
                # "her husband, Will, said", "the mayor's son, Grant, wrote": a given name that is also a
                # word, in apposition to a family noun
                span, unknown, pieces = key[0], False, (Piece(key[0], "person"),)
            if not pieces:
                continue  # a shouted headline, a ship, software, or nothing that names a party
            end = start + len(span)
            quoted = masked[start : start + 1] == "\x00"
            before_words = text[max(0, start - 24) : start].split()[-2:]
            before_word = before_words[-1:]
            if pieces[0].kind == "common" and (
                (before_word and before_word[0].lower() in _DETERMINERS)
                or (pieces[0].text in _MONTHS and _dated(text, start, end))
            ):
                pieces = pieces[1:]  # "the West", "a Will", "on 5 May": the common word, never a surname
                if not pieces:
                    continue
            if (
                before_word
                and unknown
                and (
                    before_word[0] in _WORK_WORDS
                    or (before_word[0] == "in" and before_words[0] in _WORK_AFTER)
                )
                and text[end : end + 1] not in ("'", "’")  # "a role in Bernardo Bertolucci's film"
            ):
                continue  # "the book Blown for Good", "the hit Dry Your Eyes", "starred in X": a work's title
            if (
                offset_ok
                and pieces[-1].kind == "person"
                and not _TITLE_INNER.isdisjoint(pieces[-1].text.split()[1:])
                and not _given_surname(pieces[-1].text)  # "Dana Will" is a person
            ):
                continue  # "Take Your Mama", "Live And Let Die": a title, not a person
            # "the Chemical Brothers", "the Foo Fighters", "the Holy Grail" (also "and the X" in a run): no
            # person's name follows "the" directly (unless it qualifies a noun: "the Chaka Khan hit"); a
            # band, a club, a work or a place does.
            the_before = bool(before_word) and before_word[0] in ("the", "The")
            if the_before or " and the " in span:
                pieces = tuple(
                    Piece(pc.text, "organisation", pc.key, pc.modifier, pc.conj)
                    if pc.kind == "person"
                    and ((span.startswith(pc.text) and the_before) or f" and the {pc.text}" in span)
                    and _band_like(pc, lex)
                    and not (pc is pieces[-1] and _qualifies_noun(text, end, lex))
                    else pc
                    for pc in pieces
                )
            if before_word and before_word[0] in _ORG_NOUNS and pieces[-1].kind == "person":
                last = pieces[-1]  # "games firm Lateral Visions", "internet portal Lycos": an organisation
                pieces = (*pieces[:-1], Piece(last.text, "organisation", last.key, last.modifier, last.conj))
            if pieces[-1].kind == "person" and _OUTLET_AFTER_RE.match(text, end):
                last = pieces[-1]  # "a reviewer in Harbour Stone magazine": a publication, not a person
                pieces = (*pieces[:-1], Piece(last.text, "outlet", last.key, last.modifier, last.conj))
            if "(" in text[end : end + 3] and " and " in span:
                pieces = _acronym_whole(pieces, span, text, end, self.table)
            for piece in pieces:
                out.append(Mention(start, end, piece, None, "", initial, quoted))
            last = pieces[-1]
            acr = _ACRONYM_RE.match(text, end) if "(" in text[end : end + 3] else None
            if acr and last.kind != "title":
                short = acr.group(1).replace(".", "")
                if self.table.canonical(short) is None or last.kind == "known":
                    # "Internet Corporation for Assigned Names and Numbers (Icann)": the whole run, not
                    # the part after "and".
                    whole = (
                        len(pieces) > 1
                        and " and " in span
                        and last.kind not in ("person", "title")
                        and " and " not in last.text  # (already the whole body: _acronym_whole)
                    )
                    self.acronyms[short] = span.removeprefix("The ") if whole else last.text
            if (
                last.kind in ("demonym",)
                and "-" not in last.text
                and (  # "African-Americans": no country
                    last.text in lex.plural_demonyms
                    or last.text.endswith("s")
                    or self.rx.actor_after.match(text, end) is not None
                )
            ):
                out[-1].kind = "actor-demonym"
            elif last.kind == "capital" and self.rx.locative.search(text, max(0, start - 25), start) is None:
                out[-1].kind = "actor-capital"
        return out

    def _says_next(self, at: int) -> bool:
        """Whether a verb of saying follows ``at`` in the body directly."""
        m = _NEXT_WORD_AFTER_RE.match(self.text, at)
        return m is not None and m.group(2) in self.verbs

    def _speaks_next(self, text: str, at: int) -> bool:
        """Whether a verb of saying (or an appositive's comma) follows ``at`` directly."""
        m = _NEXT_WORD_AFTER_RE.match(text, at)
        return m is not None and (m.group(1) is not None or m.group(2) in self.verbs)

    def gender(self, name: str) -> str:
        """ "m", "f" or "" (unknown) for a person's canonical name: a gendered title, else the given name."""
        g = self.genders.get(name)
        if g is not None:
            return "" if g == "?" else g
        first = name.split()[0] if name else ""
        if first in self.lex.male_names:
            return "m"
        if first in self.lex.female_names:
            return "f"
        return ""

    def resolve(self, mentions: list[Mention]) -> None:
        """Give every mention its canonical name and kind, using the whole article."""
        table, lex = self.table, self.lex
        persons: dict[str, str] = {}  # token → fullest person name (None when ambiguous)
        full_names: list[str] = []
        for mt in mentions:
            p = mt.piece
            if p.kind == "person" and " " in p.text:
                full_names.append(p.text)
        full_names.sort(key=lambda n: -len(n.split()))
        ambiguous: set[str] = set()
        for name in full_names:
            toks = name.split()
            for tok in (toks[-1], toks[0]) if len(toks) > 1 else (toks[-1],):
                if tok in lex.nonnames or tok in lex.titles:
                    continue
                have = persons.get(tok)
                if have is None:
                    persons[tok] = name
                elif have != name and not have.endswith(name) and " " + " ".join(toks[-2:]) not in " " + have:
                    ambiguous.add(tok)
        for tok in ambiguous:
            persons.pop(tok, None)
        # A surname that is also a common word ("West", "Will", "Singer") names a person only through the
        # article's one full name that ends in it.
        surnames: dict[str, str | None] = {}
        for name in full_names:
            toks = name.split()
            if not _person_head(toks[0]) or table.canonical(toks[0]) is not None:
                continue  # "House Democrat", "Salafist Muslim" are no one's full name
            last = toks[-2] if toks[-1] in _GENERATIONS and len(toks) > 2 else toks[-1]
            have = surnames.setdefault(last, name)
            if have is not None and have != name and not have.endswith(name):
                surnames[last] = None
        for tok, name in list(persons.items()):
            if tok[:3] in ("al-", "el-") and tok[3:] not in persons:
                persons[tok[3:]] = name
        for mt in mentions:
            p = mt.piece
            if p.kind in ("organisation", "known", "group") and " " in p.text:
                initials = _initials(p.text)
                if len(initials) >= 2:
                    self.acronyms.setdefault(initials, p.text)
        longer: dict[str, str] = {}
        distinct = list(dict.fromkeys(full_names))  # (in order: the first longer form wins)
        for name in distinct:
            tail = " " + name
            for other in distinct:
                if len(other) > len(name) and other.endswith(tail):
                    longer[name] = other
                    break
            else:
                longer[name] = name
        given = _given_names()
        given_runs: set[int] = set()
        for mt in mentions:
            p = mt.piece
            kind = p.kind
            full = persons.get(p.text) if kind in ("capital", "known") and " " not in p.text else None
            if (
                full is not None
                and full.endswith(" " + p.text)
                and full.split()[0] in given
                and self.text[mt.start : mt.end] == p.text
            ):
                # "Jeremy Paris ... Paris, who used to work on Capitol Hill, said": the article's person, not
                # the capital (or country) the surname also names.
                mt.canonical, mt.kind = full, "person"
                continue
            if kind == "known":
                surface = self.text[mt.start : mt.end] if mt.start < len(self.text) else ""
                if (
                    mt.initial
                    and " " not in surface
                    and surface[1:].islower()
                    and _lower_in(surface.lower(), self.text)
                ):
                    continue  # "Labour is too costly" opening a sentence, "low skilled labour" elsewhere
                mt.canonical = p.text
                mt.kind = table.kind(p.text) or "organisation"
            elif kind == "person":
                name = longer.get(p.text, p.text)
                if " " not in name:
                    name = persons.get(name, name)
                mt.canonical = name
                mt.kind = table.kind(name) or "person"
                if p.key:
                    self.title_holder[_title_key(p.key)] = name
                    g = _TITLE_GENDER.get(p.key.split()[0].rstrip("."))
                    if g is not None and self.genders.get(name, g) != g:
                        g = "?"
                    if g is not None:
                        self.genders[name] = g
            elif kind in ("unknown", "initial", "organisation"):
                full = persons.get(p.text)
                if (
                    full is not None
                    and p.key.startswith("given:")
                    and not full.startswith(p.key[6:] + " ")
                    and full.split()[0] in given
                ):
                    # "Georgia Rennard" where the article also names "Mary Rennard": a third person, not Mary.
                    mt.canonical, mt.kind = f"{p.key[6:]} {p.text}", "person"
                    given_runs.add(mt.start)
                elif full is not None:
                    mt.canonical, mt.kind = full, "person"
                elif p.text in self.acronyms:
                    long = self.acronyms[p.text]
                    mt.canonical = long
                    mt.kind = table.kind(long) or "organisation"
                elif kind == "organisation" or kind == "unknown":
                    mt.canonical = p.text
                    mt.kind = table.kind(p.text) or ("organisation" if kind == "organisation" else "unknown")
            elif kind == "title":
                holder = self.title_holder.get(_title_key(p.key))
                if holder is None and " " not in p.text:
                    holder = surnames.get(p.text)  # "Singer said": the article's "Karl Singer"
                if holder is not None:
                    mt.canonical, mt.kind = holder, "person"
                elif (
                    p.text != p.key
                    and self._says_next(mt.end)
                    and self.text.endswith(p.text.rpartition(" ")[2], mt.start, mt.end)  # (the run's end)
                ):
                    # "the Archbishop of Kentmere said": the seat's holder, named by the seat (not when a name
                    # or a possessive follows: "the Bishop of Kentmere, Tom Hale, said", "the Chairman of
                    # Sarvania's largest bank said")
                    mt.canonical, mt.kind = p.text, "person"
            elif kind == "common":
                full = surnames.get(p.text)
                if full is not None:
                    mt.canonical, mt.kind = full, "person"
            elif kind in ("organisation", "outlet", "place", "group", "country"):
                mt.canonical, mt.kind = p.text, table.kind(p.text) or kind
            elif mt.kind == "actor-demonym" or mt.kind == "actor-capital":
                mt.canonical, mt.kind = p.key, "country"
            elif kind == "capital":
                mt.canonical, mt.kind = p.text, "place"
            elif kind == "demonym":
                mt.canonical, mt.kind = None, ""
            if mt.canonical is not None and p.kind not in ("known",) and mt.kind in ("", "unknown"):
                mt.kind = table.kind(mt.canonical) or mt.kind
        for mt in mentions:
            if mt.start in given_runs and mt.piece.kind == "known":
                mt.canonical, mt.kind = None, ""  # (the place the given name also names is no party here)
        # A long organisation name whose acronym is known resolves to the gazetteer's name.
        for mt in mentions:
            if mt.canonical is not None and mt.kind != "person":
                hit = table.canonical(mt.canonical)
                if hit is not None and hit != mt.canonical:
                    mt.canonical = hit
                    mt.kind = table.kind(hit) or mt.kind


_INITIALS: dict[str, str] = {}  # a name → its capitals' initials, across articles (strings: never collected)


def _initials(name: str) -> str:
    """The initials of a name's capitalised words ("Ferry Users Group" → "FUG"), memoised."""
    found = _INITIALS.get(name)
    if found is None:
        if len(_INITIALS) >= _RUNS_KEPT:
            _INITIALS.clear()
        found = _INITIALS[name] = "".join(t[0] for t in name.split() if t[0].isupper())
    return found


@lru_cache(maxsize=1)
def _verb_set() -> frozenset[str]:
    return frozenset(lexicon().verbs)


@lru_cache(maxsize=1)
def _verb_bases() -> frozenset[str]:
    return lexicon().verb_bases


@lru_cache(maxsize=1)
def _given_names() -> frozenset[str]:
    """The shipped given names, male and female (one union, not one per article)."""
    lex = lexicon()
    return lex.male_names | lex.female_names


@lru_cache(maxsize=1)
def _org_heads() -> frozenset[str]:
    return frozenset(w.lower() for w, kind in lexicon().org_words.items() if kind == "organisation")


_TITLE_GENDER = {
    **dict.fromkeys(
        _words(
            "Mr Sir Lord King Prince Duke Baron Count Emperor Sheikh Congressman Chairman Spokesman Father "
            "Brother"
        ),
        "m",
    ),
    **dict.fromkeys(
        _words(
            "Mrs Ms Miss Madam Madame Dame Lady Queen Princess Duchess Baroness Countess Empress "
            "Congresswoman "
            "Chairwoman Spokeswoman Sister Mother"
        ),
        "f",
    ),
}


def _title_key(title: str) -> str:
    return " ".join(t for t in title.split() if t[:1].isupper() and t not in ("The",)).lower()


# No part of ``after_re`` between a name and its verb matches one of these characters (the appositive,
# "of ..." and the parenthesis exclude them; the rest are words, spaces, a possessive and one quote mark),
# so a verb after the first of them cannot be the name's.
# (Written with one character class first, so that ``re`` skips ahead to a candidate; the plain alternation
# "[;:\n\x00]|“(?!...)" tried every position. tests/test_extract_speed.py pins the two as equal.)
_AFTER_STOP_RE = re.compile(f"[;:\n\x00“](?:(?<!“)|(?!{_SHORT_QUOTE}))")


def _verb_before_stop(masked: str, at: int, verb_at: list[int], verb_end: list[int]) -> bool:
    """Whether ``after_re`` can match at ``at``: some verb of saying (a ``saying_re`` match: every place an
    ``after_re`` verb can start is one, or lies inside one that finditer started earlier) ends after
    ``at`` with no stop character between ``at`` and its start."""
    k = bisect_right(verb_end, at)
    if k == len(verb_at):
        return False
    return verb_at[k] <= at or _AFTER_STOP_RE.search(masked, at, verb_at[k]) is None


# The verbs of ``unnamed_inv_re`` ('"...," said a spokesman'): each is a word of ``saying_re`` and in none of
# its phrases (tests/test_extract_speed.py checks both).
_UNNAMED_INV_VERBS = frozenset(("said", "says", "added", "continued", "explained"))


def _unnamed_inv_matches(
    masked: str, saying: list[re.Match[str]], unnamed_inv_re: re.Pattern[str]
) -> list[re.Match[str]]:
    """``unnamed_inv_re.finditer(masked)``, found from the verbs ``saying_re`` found instead of a scan that
    stops at every comma (~2% of extraction). A match is a comma, or a masked quote and perhaps its mark,
    then spaces, then one of its verbs: that start is read back from the verb, so each verb has at most
    one match, and matches cannot overlap (a label holds no comma or masked quote)."""
    out = []
    for m in saying:
        if m.group() not in _UNNAMED_INV_VERBS:
            continue
        i = m.start()
        while i > 0 and masked[i - 1] in " \t\u00a0":
            i -= 1
        if i > 1 and masked[i - 1] in '"”' and masked[i - 2] == "\x00":
            i -= 1
        if i == 0 or masked[i - 1] not in ",\x00":
            continue
        inv = unnamed_inv_re.match(masked, i - 1)
        if inv is not None:
            out.append(inv)
    return out


# A passive of a verb that is only ever words, its agent named after "by": "the plan was described by the
# Harbour Courier as ...", "the call was echoed by Anna Berg", "a route described by the Courier as ...".
# (Not verbs that are also acts of a body: "confirmed by the Senate", "denied by the court", "rejected by".)
_PASSIVE_SPEECH = frozenset(
    _words(
        "described announced echoed criticised criticized condemned denounced praised lauded characterised "
        "characterized branded disputed derided ridiculed lambasted decried touted hailed dubbed labelled "
        "labeled"
    )
)
_LOWER_ROLE_RE = re.compile(r"(?:[a-z][a-z-]+[ ]){1,2}(?=[A-Z])")
_PASSIVE_AUX_RE = re.compile(r"\b(?:was|were|been|being|is|are)[ ]+(?:[a-z]+ly[ ]+)?$")
# The verb's quoted complement between it and "by": 'branded "reckless" by the Courier' (the quote's opening
# mark right after the verb, within a sentence's length).
_QUOTED_COMPLEMENT_RE = re.compile(r"[ ](?P<verb>[a-z]+)[ ][\"“][^\"“”\n]{1,200}[\"”]$")
# Verbs that name what they are said of only with a quoted name after them: 'was called "a farce" by A'
# ("was called by A" is a telephone call or a summons).
_QUOTED_NAMING = frozenset(_words("called termed"))
# Agents one of a list after a common noun: "criticised by unions and the Harbour Party".
_GROUP_AND_RE = re.compile(r"(?:[a-z][a-z-]+[ ]){1,3}and[ ]+(?:the[ ]+)?(?=[A-Z])")
# A role of "X of Y" form between a body and its person: "by Velmora director of football Anna Berg".
_ROLE_OF_RE = re.compile(r"[ ]+(?P<role>[a-z-]+)[ ]+(?:of|for)[ ]+[a-z-]+[ ]+(?=[A-Z])")


def _passive_agents(
    masked: str, by_start: dict[int, Mention], claimed: set[int], kinds: tuple[str, ...]
) -> list[Event]:
    """Speakers named as the agent of a passive verb of saying (see ``_PASSIVE_SPEECH``); the verb must not
    already have a speaker. (A scan for " by " and the word before it: a regex over the whole text for the
    verbs costs more than the rest of this.)"""
    out: list[Event] = []
    i = masked.find(" by ")
    while i != -1:
        at = i + 4
        i = masked.find(" by ", at)
        v = masked.rfind(" ", 0, at - 4) + 1
        verb = masked[v : at - 4]
        naming = False
        if verb not in _PASSIVE_SPEECH and masked[at - 5 : at - 4] in '"”':
            quoted = _QUOTED_COMPLEMENT_RE.search(masked, max(0, at - 240), at - 4)
            if quoted is not None:
                v, verb = quoted.start("verb"), quoted.group("verb")
                naming = verb in _QUOTED_NAMING
        if not (naming or verb in _PASSIVE_SPEECH) or v in claimed:
            continue
        agent = by_start.get(at)
        if agent is None and masked.startswith(("the ", "The "), at):
            agent = by_start.get(at + 4)
        if agent is None and (group := _GROUP_AND_RE.match(masked, at)) is not None:
            agent = by_start.get(group.end())
        if agent is None and (role := _LOWER_ROLE_RE.match(masked, at)) is not None:
            # "criticised by archbishop Anna Berg", "praised by former minister A": a role in lower case
            agent = by_start.get(role.end())
            roles = role.group().split()
            if agent is not None and (agent.kind != "person" or not all(map(_role_like, roles))):
                continue
        if agent is None or not agent.canonical or agent.kind not in kinds:
            continue
        aux = _PASSIVE_AUX_RE.search(masked, max(0, v - 30), v)
        if aux is None and not masked.startswith(" as ", agent.end) and masked[max(0, v - 3) : v] != "as ":
            continue  # (no auxiliary: only "a pattern described by the Courier as ...", "as described by A")
        title = _NAME_BEFORE_TITLE_RE.match(masked, agent.end) or _ROLE_OF_RE.match(masked, agent.end)
        if title is not None and _role_like(title.group("role")):
            # "criticised by Velmora coach Anna Berg": the person after the title, not the place before it
            agent = by_start.get(title.end())
            if agent is None or agent.kind != "person" or not agent.canonical:
                continue
        elif masked.startswith(("'s", "’s"), agent.end):
            continue  # "described by Anna Berg's lawyer": the lawyer's words
        claimed.add(v)
        name = agent.canonical or ""
        out.append(Event(v, name, name, agent.end, "passive-by", verb, agent.start))
    return out


_THE_MODIFIER_RE = re.compile(r"(?:^|[ \n])[Tt]he[ ]+([a-z]{3,})[ ]+$")


def _org_head(name: str) -> str:
    """The head word of a body's name, lower case: its last word, or the word before "on" ("Commission on
    Rural Water Safety": "the commission")."""
    head, on, _ = name.partition(" on ")
    return (head if on else name).rsplit(" ", 1)[-1].lower()


def _paragraph_bounds(body: str) -> list[int]:
    starts = [0]
    i = body.find("\n\n")
    while i != -1:
        starts.append(i + 2)
        i = body.find("\n\n", i + 2)
    return starts


def _outlet_noun_owner(masked: str, mt: Mention, m: re.Match[str]) -> bool:
    """Whether the name before "newspaper" / "news agency" / ... (the verb's ``via``) is not the outlet's own
    name: a place, a people, a person or a party that owns or hosts it ("a Dawson newspaper", "a leading
    Velmoran daily", "the Workers Party newspaper", "the Berg family's tabloid"); a name behind a
    preposition ("published in the Kestrel Sun newspaper, showing", "a notice issued by the state Velnet
    news agency said"); a name after a common word's possessive ("the People's Daily": cut short).
    "The Harbour Echo newspaper said", "Velnet news agency reported" name the outlet."""
    if " ".join((m.group("via") or "").split()) not in _VIA_OUTLET_NOUNS:
        return False
    return (
        mt.kind in ("country", "place", "person")
        or mt.piece.kind == "demonym"
        or (mt.canonical or "").rpartition(" ")[2] in _OUTLET_OWNERS
        or bool(m.group("poss"))
        or _prep_before(masked, mt.start)
        or _PREP_ADJ_BEFORE_RE.search(masked, max(0, mt.start - 40), mt.start) is not None
        or (
            masked.endswith(("'s ", "’s "), 0, mt.start)
            and masked[max(0, mt.start - 24) : mt.start - 3].rpartition(" ")[2] in lexicon().nonnames
        )  # ("Velmora's Harbour Echo newspaper said" names the Echo)
        or _ONE_OF_RE.search(masked, max(0, mt.start - 24), mt.start) is not None
        or masked.startswith(("A ", "An ", "One "), mt.start)  # (a run opening a sentence holds its "A")
    )


def _events(state: _Article, body: str, masked: str, mentions: list[Mention], ends: list[int]) -> list[Event]:
    rx = state.rx
    after_re, saying_re, unnamed_re, unnamed_inv_re = rx.after, rx.saying, rx.unnamed, rx.unnamed_inv
    events: list[Event] = []
    by_end: dict[int, Mention] = {}
    for mt in mentions:
        if mt.quoted:
            continue
        if not mt.piece.modifier:
            by_end[mt.end] = mt
    speaking_kinds = ("person", "organisation", "country", "group", "outlet", "unknown")
    by_start_end: dict[int, list[Mention]] = {}
    for mt in mentions:
        if not mt.quoted and not mt.piece.modifier:
            by_start_end.setdefault(mt.end, []).append(mt)
    claimed: set[int] = set()
    by_start = {mt.start: mt for mt in mentions if not mt.quoted}
    named = {mt.piece.text for mt in mentions if not mt.initial and " " not in mt.piece.text}
    saying = list((rx.saying_ascii if masked.isascii() else saying_re).finditer(masked))
    verb_at = [m.start() for m in saying]
    verb_end = [m.end() for m in saying]
    inv_anchors = [
        m.start()
        for m in saying
        if (
            m.group() in _INV_ANCHORS
            or m.group() in _INV_PRESENT
            or (m.group() in _POST_QUOTE and _after_quote(masked, m.start()))
        )
        and (
            m.group().lower() not in _NP_NOUN_SET
            or " by " in masked[m.end() : m.end() + 60]
            or " from " in masked[m.end() : m.end() + 60]
        )
    ]
    verbs = state.verbs
    # (a dash, then "including", "such as", ...; the substring tests first, as most texts hold none of the
    # dashes that open a match: the regex's scan stops at every hyphen)
    if _any_dash(masked) and _DASH_LEAD_RE.search(masked):
        for e in _dashed_examples(masked, mentions, verbs):
            events.append(e)
            claimed.add(e.pos)
    anchors: dict[int, int] = {}  # "according to" position → index of its event
    last_inv: tuple[int, str, int] | None = None  # end of the last inverted speaker, its anchor, its event
    for mt in mentions:
        if mt.quoted:
            continue
        if mt.canonical is None:
            if mt.piece.kind != "initial" or by_end.get(mt.end) is not mt:
                continue
            m = after_re.match(masked, mt.end)
            if m is None or m.group("post") or m.start("verb") in claimed:
                continue
            if (
                mt.piece.text.endswith("s")
                and not mt.piece.text.endswith("ss")
                and mt.piece.text not in named
            ):
                continue  # "Hauliers said": a plural common noun, unless mid-sentence elsewhere ("Acas")
            if _lower_in(mt.piece.text.lower(), masked) or (
                len(mt.piece.text) > 4 and mt.piece.text.endswith(("ing", "ed"))
            ):
                continue  # "Research suggests", "Sticking points to": a common word at a sentence start
            # A sentence-initial word that speaks ("Rudaw reports ...") is a name after all.
            mt.canonical, mt.kind = mt.piece.text, "organisation"
        if mt.kind not in speaking_kinds and not (mt.kind == "place" and _seat_of(masked, mt.start)):
            continue  # (a place speaks only through its government: "the city of X announced")
        if (
            mt.kind == "country"
            and _PARTY_MEMBER_END_RE.search(masked, mt.start, mt.end) is not None
            and masked[max(0, mt.start - 4) : mt.start].lower() == "the "
        ):
            continue  # "the Georgia Democrat said": a member of a party from there, not the country
        if by_end.get(mt.end) is not mt:
            continue  # only the last piece of a run can be the subject
        k = bisect_left(verb_at, mt.end)
        # A verb of saying follows within reach (an appositive is at most four 120-character groups) and
        # before the next character ``after_re`` cannot cross (see _AFTER_STOP_RE).
        m = (
            after_re.match(masked, mt.end)
            if k < len(verb_at)
            and verb_at[k] - mt.end < 500
            and _verb_before_stop(masked, mt.end, verb_at, verb_end)
            else None
        )
        if m is None and mt.kind == "person" and (owned := _owned_body(masked, mt, by_start)) is not None:
            # "Anna Berg of Norway's Bergen University explained": the body after the possessive belongs to a
            # place named in the person's "of" phrase; the person speaks, not the body.
            after_owned = after_re.match(masked, owned)
            if (
                after_owned is not None
                and not (after_owned.group("comma") or after_owned.group("appos"))
                and after_owned.start("verb") - owned <= 40
                and after_owned.start("verb") not in claimed
                and not _not_speaking(after_owned)
                and not _prep_before(masked, mt.start)  # (not "a study by A of Norway's B University said")
            ):
                v = after_owned.start("verb")
                claimed.add(v)
                for speaker in (mt, *_listed_before(masked, mt, by_start_end, speaking_kinds)):
                    name = speaker.canonical or ""  # "A and B of Norway's Bergen University wrote": both
                    rule = "name-verb" if speaker is mt else "listed"
                    cue = after_owned.group("verb")
                    events.append(Event(v, name, name, after_owned.end(), rule, cue, speaker.start))
                continue
        if (
            m is not None
            and (quoted_of := _QUOTED_OF_RE.search(masked, max(0, mt.start - 8), mt.start)) is not None
            and (holder := by_end.get(quoted_of.start())) is not None
            and holder.kind == "person"
            and holder.canonical
        ):
            # 'Anna Berg of "Safe Harbours", a charity, told ...': the body in quotation marks is where the
            # person is from; the person speaks.
            v = m.start("verb")
            if v not in claimed and not _not_speaking(m):
                claimed.add(v)
                name = holder.canonical
                events.append(Event(v, name, name, m.end(), "name-verb", m.group("verb"), holder.start))
            m = None
        if (
            m is None
            and mt.kind == "person"
            and (of_quoted := _OF_QUOTED_AFTER_RE.match(masked, mt.end)) is not None
            and (m_after := after_re.match(masked, of_quoted.end())) is not None
            and m_after.start("verb") not in claimed
            and not _not_speaking(m_after)
        ):
            # 'Anna Berg of "Keep the Pier", a campaign group, said': the quoted name (no name of a party
            # when it is a phrase) sits between the person and the verb.
            v = m_after.start("verb")
            claimed.add(v)
            name = mt.canonical or ""
            events.append(Event(v, name, name, m_after.end(), "name-verb", m_after.group("verb"), mt.start))
            continue
        group = m is not None and _group_not_speaker(mt, masked)
        prep = None
        staff_of = False
        seat: re.Match[str] | None = None
        first_piece = m is not None and by_start_end[mt.end][0] is mt  # a preposition before the run
        if m is not None and (first_piece or _run_opener(by_start_end[mt.end], mt)):
            prep = _prep_before(masked, mt.start) or _opens_with_prep(masked, mt) or None
            if prep and not first_piece and _AGENT_PREP_RE.search(masked, max(0, mt.start - 30), mt.start):
                prep = None  # "a group including A and B told", "a team from A and B said": B may speak
            if prep and _EXAMPLES_LEAD_RE.search(masked[max(0, mt.start - 160) : mt.start]) is not None:
                prep = None  # "Six newspapers, including the Kingsmouth Press, said": an example speaks
            staff_of = _STAFF_OF_RE.search(masked, max(0, mt.start - 60), mt.start) is not None
            seat = _seat_of(masked, mt.start)
            staff_of = staff_of or seat is not None
            if prep is not None:
                # A preposition's object is not the subject ("the CEO of Hewlett-Packard added") but may close
                # an appositive left open: "Marc Ostwald, a strategist at Monument Securities told Reuters",
                # "Sam Lau, the communications director for the Iowa Democratic Party said" (the person
                # speaks, not the party the role is of).
                opened = _OPEN_APPOS_RE.search(masked, max(0, mt.start - 90), mt.start)
                holder = by_end.get(opened.start()) if opened is not None else None
                if (
                    holder is not None
                    and holder.kind == "person"
                    and not m.group("comma")
                    and not _not_speaking(m)
                    and m.start("verb") not in claimed
                ):
                    v = m.start("verb")
                    claimed.add(v)
                    events.append(
                        Event(
                            v,
                            holder.canonical,
                            holder.canonical or "",
                            m.end(),
                            "appos-open",
                            m.group("verb"),
                            holder.start,
                        )
                    )
                    m = None
                elif not staff_of:
                    m = None
        if m is not None and m.start("verb") not in claimed and (rel := _relative_object(masked, mt, m)):
            # "A, who endorsed B in May and said ...": B is the object inside A's relative clause; the
            # clause's second verb is A's.
            holder = by_end.get(rel)
            if holder is not None and holder.kind in speaking_kinds and holder.canonical:
                v = m.start("verb")
                claimed.add(v)
                events.append(
                    Event(
                        v,
                        holder.canonical,
                        holder.canonical,
                        m.end(),
                        "coordinated",
                        m.group("verb"),
                        holder.start,
                    )
                )
            m = None
        if m is not None and m.group("via") in _VIA_DOCUMENTS and _not_document_owner(masked, mt, m):
            m = None
        if m is not None and (
            _not_a_subject(mt, m, masked, ends) or _NEGATED_RE.search(masked, max(0, mt.start - 16), mt.start)
        ):
            m = None  # ... or "None of the Murdochs would comment", "Neither Maples nor Trump responded"
        if (
            m is not None
            and mt.kind in ("country", "place")
            and (seated := _IN_CITY_BEFORE_RE.search(masked, max(0, mt.start - 50), mt.start)) is not None
            and (seat_body := by_end.get(seated.start())) is not None
            and seat_body.kind in ("person", "organisation", "outlet", "unknown")
            and seat_body.canonical
        ):
            # "The Harbour Board in Velmora, Norway said": the country closes where the named body sits; the
            # body speaks. (Without a name right before "in" the comma may end an opening phrase: "At talks
            # in Oslo, Norway said".)
            v = m.start("verb")
            if (
                v not in claimed
                and not (m.group("comma") or m.group("appos") or m.group("post"))
                and not _not_speaking(m)
            ):
                claimed.add(v)
                for speaker in (seat_body, *_listed_before(masked, seat_body, by_start_end, speaking_kinds)):
                    name = speaker.canonical or ""  # ("A and B in Velmora, Norway said": both, as without)
                    rule = "name-verb" if speaker is seat_body else "listed"
                    events.append(Event(v, name, name, m.end(), rule, m.group("verb"), speaker.start))
            m = None
        if (
            m is not None
            and m.group("post")
            and (other := by_end.get(m.end("post"))) not in (None, mt)
            and other.kind == "person"
        ):
            m = None  # "Sirius XM Vice President for news Dave Gorab called": the name by the verb speaks
        if (
            m is not None
            and (m.group("comma") or m.group("appos"))
            and _inverted_follows(m, masked, by_start)
        ):
            m = None  # "Congress, whom he has alienated, said Larry Sabato": the name after the verb speaks
        plural = False  # (read only while ``m`` holds a match: not worked out for the rest)
        if m is not None:
            plural = (
                mt.piece.text.endswith("s")
                and not mt.piece.text.endswith("ss")
                and not (mt.kind == "person" and " " in (mt.canonical or ""))  # "the Rhodes rail link"
            ) or mt.piece.conj
            plural = plural or any(o.piece.conj for o in by_start_end.get(mt.end, ()))  # "A and B plead"
            sep = None if plural else _LIST_SEP_RE.search(masked, max(0, mt.start - 12), mt.start)
            if sep is not None:
                # "A, B and C said": a name before the separator makes a list; "Her chief aide, Lena Marsh,
                # calls" is one person in apposition to a common noun.
                plural = (
                    _label_start(masked, sep.start()) in by_start_end
                    or " and " in sep.group()
                    or " or " in sep.group()
                )
        if m is not None and m.group("verb").startswith("attack") and mt.kind != "person":
            m = None  # "France attacked", "ISIS attacked": an assault; a person who attacks a rival speaks
        if m is not None and not _not_speaking(m, plural, masked[max(0, mt.start - 24) : mt.start]):
            v = m.start("verb")
            if v in claimed:
                continue  # "Arnel dela Vega of the Western Mindanao Command said": the first name speaks
            appos = m.group("appos")
            examples = []
            if appos and _EXAMPLES_RE.match(appos):
                # "some Democrats, such as Beto O'Rourke, have expressed": the named examples speak.
                # (not a name in a dashed aside after them: "like A and B ― two former Bush aides ―")
                dash = _DASH_IN_RE.search(appos)
                cut = m.start("appos") + dash.start() if dash is not None else m.end("appos")
                examples = [
                    o
                    for o in mentions
                    if m.start("appos") <= o.start < cut
                    and o.canonical
                    and o.kind in speaking_kinds
                    # (every name of a run split at "and": "like A, B and C")
                    and (by_end.get(o.end) is o or o.piece.conj)
                ]
            elif appos and group:
                # "Two Democrats on the committee, A and Senator B, said": names alone in apposition to a
                # group's members are those members.
                examples = _names_only(appos, m.start("appos"), mentions, speaking_kinds)
            appos_person = bool(
                m.group("via")
                and not m.group("poss")  # "Merkel's spokesperson, Steffen Seibert, said": both speak
                and appos
                and any(o.kind == "person" and m.start("appos") <= o.start < m.end("appos") for o in mentions)
            )  # "the White House press secretary, Josh Earnest, said": Earnest speaks, not the White House
            # "One sailor backing Mr. X, Y of Z Church, said": the name inside a description is its object;
            # the person the appositive names speaks.
            appos_person = appos_person or (
                prep is None
                and bool(appos)
                and not examples
                and _described_object(masked, mt, m, ends)
                and any(
                    o.kind == "person" and o.start == m.start("appos") + 2 and o.canonical for o in mentions
                )
            )
            # "German officials said", "Moscow officials have dismissed": unnamed officials of a country or a
            # place speak, not the country ("Labor Department officials said": the department speaks).
            officials_of_place = m.group("via") in ("officials", "executives") and mt.kind in (
                "country",
                "place",
            )
            # "X's Paris embassy said": the city is where the embassy is; X, before it, speaks.
            officials_of_place = officials_of_place or (
                m.group("via") in ("embassy", "consulate")
                and masked[max(0, mt.start - 3) : mt.start] in ("'s ", "’s ")
            )
            # "a Courier reporter noted": an outlet speaks through its reporters; anything else's reporter
            # ("a Velmora reporter") is a reporter from there.
            officials_of_place = officials_of_place or (m.group("via") in _VIA_PRESS and mt.kind != "outlet")
            # "a Dawson newspaper said": a paper from there; "the Harbour Echo newspaper said" names it
            officials_of_place = officials_of_place or _outlet_noun_owner(masked, mt, m)
            if not appos_person:
                claimed.add(v)  # (the person in the appositive still claims the verb for itself)
            if not examples and not group and not appos_person and not officials_of_place:
                name = mt.canonical
                if mt.kind == "country" and m.group("via") == "government" and not m.group("poss"):
                    name = f"{name} government"  # "The United States government claims": the organisation
                if seat is not None and prep is not None and mt.kind == "country" and seat.group("gov"):
                    name = f"{name} government"  # "the government of X said", as "the X government said"
                rule = "name-verb" if prep is None else "principal-of"
                events.append(Event(v, name, name, m.end(), rule, m.group("verb"), mt.start))
            if appos and (along := _ALONG_RE.match(appos)) is not None:
                # "A, along with B and C, have announced": the companions speak with the subject.
                stretch = appos[along.end() :].split(",", 1)[0]
                if any(w[:1].islower() and w not in ("and", "the") for w in stretch.split()):
                    stretch = ""  # names only ("along with Judge A of the B Court and C": a description)
                examples_at = m.start("appos") + along.end()
                for other in _names_only(stretch, examples_at, mentions, speaking_kinds, any_kind=True):
                    name = other.canonical or ""
                    events.append(Event(v, name, name, m.end(), "along", m.group("verb"), other.start))
            for other in examples:
                events.append(
                    Event(
                        v,
                        other.canonical,
                        other.canonical or "",
                        m.end(),
                        "examples",
                        m.group("verb"),
                        other.start,
                    )
                )
            listed = _listed_before(masked, mt, by_start_end, speaking_kinds)
            leftmost = min((o.start for o in listed), default=0)
            if (
                listed
                and _prep_before(masked, leftmost)
                and not _EXAMPLES_BEFORE_RE.search(masked, max(0, leftmost - 30), leftmost)
                # ("Advisers to Sens. A and B said": the staff speak for both persons; "a spokesman for the
                # Union of Dockers and Pilots" is one organisation)
                and not (
                    _STAFF_TO_RE.search(masked, max(0, leftmost - 30), leftmost)
                    and mt.kind == "person"
                    and all(o.kind == "person" for o in listed)
                )
            ):
                # "a study by A and B concluded", "a campaign for A or B said", "producers of A, B and C": the
                # list is an object ("candidates, including A and B, criticized" still lists speakers)
                listed = []
            for other in listed:
                events.append(
                    Event(
                        v,
                        other.canonical,
                        other.canonical or "",
                        m.end(),
                        "listed",
                        m.group("verb"),
                        other.start,
                    )
                )
            spokes: list[Mention] = []
            if prep is not None and staff_of and appos:
                # "A spokesman for the Harbour Board, Tomas Brandt, said": the person in apposition to the
                # staff speaks (the principal too, as for "Berg's spokesman, Tomas Brandt, said")
                spokes = _names_only(appos, m.start("appos"), mentions, speaking_kinds)
            elif appos and ("spokes" in appos or (m.group("via") or "").startswith("spokes")):
                spokes = [
                    o for o in mentions if m.start("appos") <= o.start < m.end("appos") and o.kind == "person"
                ]
            for other in spokes:
                events.append(
                    Event(v, other.canonical, other.canonical or "", m.end(), "appos-spokes", m.group("verb"))
                )
            if mt.kind == "person":
                # "Duterte's spokesperson Salvador Panelo said": the principal speaks too.
                pre = masked[max(0, mt.start - 40) : mt.start]
                k = max(pre.rfind("'s spokes"), pre.rfind("’s spokes"))
                if k != -1 and pre[k:].count(" ") <= 2:
                    principal = by_end.get(mt.start - len(pre) + k)
                    if principal is not None and principal.canonical:
                        events.append(
                            Event(v, principal.canonical, principal.canonical, m.end(), "principal", "spokes")
                        )
            continue
        if last_inv is not None and by_end.get(mt.end) is mt and mt.start - last_inv[0] < 120:
            # The list goes on after an inverted attribution: "Statements have come from A, B, and a
            # spokesperson for C", "reported by A as ... and by B"; "OIC head Yousef" is the person.
            gap = masked[last_inv[0] : mt.start]
            idx, anchor_text = last_inv[2], last_inv[1]
            if (
                _ROLE_GAP_RE.fullmatch(gap)
                and (mt.kind == "person" or (mt.kind == "outlet" and gap in ("'s ", "’s ")))
                and events[idx].canonical != mt.canonical
                and _role_gap_words(gap)
            ):
                events[idx] = Event(mt.start, mt.canonical, mt.canonical, mt.end, "inv-role", anchor_text)
                last_inv = (mt.end, anchor_text, idx)
                continue
            if (
                _LIST_GAP_RE.fullmatch(gap)
                and ("and" in gap or anchor_text.split()[0].lower() in _NP_NOUN_SET)
            ) or (" by" in anchor_text and _AND_BY_GAP_RE.fullmatch(gap)):
                events.append(Event(mt.start, mt.canonical, mt.canonical, mt.end, "inv-list", anchor_text))
                last_inv = (mt.end, anchor_text, len(events) - 1)
                continue
        opener = _OPENING_ANCHOR_RE.match(masked, mt.start)
        if (
            opener is not None
            and not mt.piece.text.startswith(opener.group(1))
            and not _describes_next(masked, mt.end)  # "Said Wales assistant coach Scott Johnson:"
            and masked[max(0, mt.start - 3) : mt.start].rstrip(" ")[-1:]
            in ("", ".", "!", "?", "\n", '"', "”", "\x00")
        ):
            # "Said Dorothy Poynter, who grew up with Ali, “We were ...”": the run holds the opening verb.
            events.append(
                Event(mt.start, mt.canonical, mt.canonical, mt.end, "inverted", opener.group(1).lower())
            )
            continue
        a = bisect_left(inv_anchors, mt.start - 110)
        if a >= len(inv_anchors) or inv_anchors[a] >= mt.start:
            continue
        # The anchor's own words ("..., also said") start at most ~40 characters before it.
        inv = _inverted_search(masked, max(0, mt.start - 110, inv_anchors[a] - 40), mt.start)
        if inv is not None and not _inverted_ok(inv, mt, masked):
            inv = None
        if inv is not None and _ASKED_WHO_RE.match(inv.group()) and _ASKED_WHAT_RE.match(masked, mt.end):
            inv = None  # "X, a harbour official, asked Y whether ...": Y is asked, X asks
        inv_text = inv.group() if inv is not None else ""
        inv_word = inv_text.lstrip(',\x00"” ').split(" ", 1)[0]
        if (
            inv is not None
            and (inv_word in _INV_PRESENT or (inv_word in _INV_CLAIMABLE and not _ends_after(masked, mt.end)))
            and inv.start() + inv_text.index(inv_word) in claimed
        ):
            # "Anna Berg, a lawyer, warns Tomas Brandt about ...", "Ivo Marsh, a pollster, said Ms. Lind and
            # her party had failed": the verb has its subject before it; the name after it opens the reported
            # words (a name ending the sentence is its own: "The sale ruined the bank, said founder X.")
            inv = None
        if inv is not None:
            anchor = inv.start()
            anchor_text = inv.group().lstrip(',\x00"” ')
            if anchor in anchors:
                if mt.kind == "person" or events[anchors[anchor]].canonical is None:
                    events[anchors[anchor]] = Event(
                        mt.start, mt.canonical, mt.canonical, mt.end, "inverted", _cue_of(anchor_text)
                    )
                    last_inv = (mt.end, anchor_text, anchors[anchor])
            else:
                anchors[anchor] = len(events)
                events.append(
                    Event(mt.start, mt.canonical, mt.canonical, mt.end, "inverted", _cue_of(anchor_text))
                )
                last_inv = (mt.end, anchor_text, anchors[anchor])
                if anchor_text[:9].lower() == "according" and not _BY_FROM_RE.search(anchor_text):
                    # "according to the Courier and Radio Norte": every source of the run (not the authors
                    # of a study "by A and B", or places "from A and B": the last one alone, as before)
                    for other in _conjuncts(masked, mt, mentions, speaking_kinds):
                        if (
                            other.start == mt.start
                            and other is not mt
                            and " for the " not in (other.canonical or "")  # (one body split at "and")
                            and " of the " not in (other.canonical or "")
                        ):
                            name = other.canonical or ""
                            events.append(Event(mt.start, name, name, mt.end, "inv-list", "according to"))
            if anchor_text[:9].lower() == "asked by ":
                last_inv = None  # the asker is one person: no list or role goes on from it
    if " by " in masked:
        events.extend(_passive_agents(masked, by_start, claimed, speaking_kinds))
    staff_verbs = [
        m.end()
        for m in saying
        if (m.group() in _INV_STAFF_VERBS and masked.startswith(_UNNAMED_OPENERS, m.end()))
        or (m.group() in ("according", "According") and masked.startswith(" to ", m.end()))
    ]  # "..., said a ...", "according to (a) ...": where unnamed staff may follow
    principals = (
        _inverted_principals(masked, mentions, {e.pos for e in events}, staff_verbs) if staff_verbs else []
    )
    events.extend(e for e, _ in principals)
    claimed |= {e.pos for e in events}
    antecedent = _antecedents(state, masked, mentions, events, ends)
    _more_events(state, masked, mentions, events, ends, saying, claimed, antecedent)
    claimed |= {e.pos for e in events}
    org_heads = state.org_heads
    orgs = [
        (mt.start, mt.canonical)
        for mt in mentions
        if mt.canonical and mt.kind in ("organisation", "group") and " " in mt.canonical
    ]
    describe = _describer(state, masked, mentions, ends, events)
    described_at: set[int] = set()
    for m in saying:
        v = m.start()
        if v in claimed or m.group() not in verbs:
            continue
        if masked[v - 1 : v] not in (" ", "\u00a0", "\t", '"', "”", "'"):
            continue
        lo = max(0, v - 60)
        # No match of ``unnamed_re`` holds a comma, full stop or line break: none starts before the last one.
        lo = max(
            lo, masked.rfind(",", lo, v) + 1, masked.rfind(".", lo, v) + 1, masked.rfind("\n", lo, v) + 1
        )
        tail = unnamed_re.search(masked, lo, v)
        if tail is None or masked.startswith(" by ", m.end()):
            continue  # "he was told by the minister": the minister speaks
        if _PASSIVE_RE.search(tail.group()) is not None and "quoted" not in tail.group():
            continue
        p = tail.start()
        w = p - 1
        while w >= 0 and (masked[w].isalpha() or masked[w] in "'’-"):
            w -= 1
        word = masked[w + 1 : p]
        low = word.lower()
        if low[-2:] in ("'s", "’s") and low[:-2] in ("he", "she"):
            word, low = word[:-2], low[:-2]  # "He's suggesting that ...", "she's said": he is, she has
        k = _before_staff_kind(masked, w) if low in _STAFF_NOUNS else w  # ("her transition team")
        if low in _STAFF_NOUNS and (own := _own_pronoun(masked, k)) is not None:
            # "his campaign said", "her advisers say": the person the pronoun stands for speaks through them
            # (but "an adviser to his campaign acknowledging ...": the adviser's words).
            # Otherwise (or with no one to refer to) the staff stay an unnamed speaker, as below.
            at = k - len(own)
            if not _prep_before(masked, at) and not _act_not_speech(m.group(), masked, m.end()):
                owner = antecedent(at, "he" if own == "his" else "she")
                if owner is not None:
                    events.append(Event(v, owner, f"{own} {word}", m.end(), "pronoun-of", m.group()))
                    continue
        if low in _STAFF_NOUNS and (title_of := _described_owner(masked, k)) is not None:
            # "the president-elect's team said", "the governor's office said": the staff speak for the one
            # holder of the title the article names
            head, od = title_of
            lead = masked[max(0, od.start(1) - 12) : od.start(1)].split()
            if not (lead and lead[-1].lower() in _OBJECT_PREPS | _LOCATIVE_PREPS) and not _act_not_speech(
                m.group(), masked, m.end()
            ):
                described = describe(v, od.start(1), head, od.group(2))
                if described is not None:
                    label = masked[od.start(1) : p]
                    events.append(Event(v, described, label, m.end(), "description", m.group(), od.start(1)))
                    continue
        if (
            low in _STAFF_NOUNS
            and (ds := _OWNED_STAFF_RE.search(masked, max(0, w - 20), w + 1)) is not None
            and not _act_not_speech(m.group(), masked, m.end())
            and (described := describe(v, ds.start(1), ds.group(2), "")) is not None
        ):
            # "the transition team said", "the campaign staff say": the one person whose campaign it is
            label = masked[ds.start(1) : p]
            events.append(Event(v, described, label, m.end(), "description", m.group(), ds.start(1)))
            continue
        if _described_head(low) and (d := _DESCRIPTION_RE.search(masked, max(0, w - 50), w + 1)):
            # "The governor said", "the former senator told", "the company added": the article's one holder
            # ("A spokesman for the governor said": the governor, through the staff)
            lead = masked[max(0, d.start(1) - 12) : d.start(1)].split()
            staff = _STAFF_OF_RE.search(masked, max(0, d.start(1) - 60), d.start(1))
            if not (
                lead and lead[-1].lower() in _OBJECT_PREPS | _LOCATIVE_PREPS and staff is None
            ) and not _act_not_speech(m.group(), masked, m.end()):
                described = describe(v, d.start(1), low, d.group(2))
                if described is not None:
                    label = f"{d.group(1)} {d.group(2)}{word}"
                    events.append(Event(v, described, label, m.end(), "description", m.group(), d.start(1)))
                    continue
        if low in ("latter", "former") and masked[max(0, w - 4) : w + 1].strip().lower() == "the":
            # "A met B on Monday. The latter said ...": the second of the two names before it ("the former":
            # the first); no one when the sentences before hold fewer or more than two.
            pair = _latter_former(masked, mentions, ends, w - 3)
            if (
                len(pair) == 2
                and m.group() not in _verb_bases()  # ("the latter post": a noun)
                and not _act_not_speech(m.group(), masked, m.end())
            ):
                who = pair[1] if low == "latter" else pair[0]
                label = f"the {low}"
                events.append(Event(v, who.canonical, label, m.end(), "the-latter", m.group(), who.start))
            continue
        if low in org_heads and (mod := _THE_MODIFIER_RE.search(masked, max(0, w - 30), w + 1)) is not None:
            # "The fire service said" → the nearest "... Fire and Rescue Service" before it (the modifier, in
            # capitals, is a word of the name)
            cap = mod.group(1).capitalize()
            hit = next(
                (
                    name
                    for pos, name in reversed(orgs)
                    if v - 800 < pos < v
                    and _org_head(name) == low
                    and cap in name.split()
                    # ("Bank and Finance Ministry": two bodies, the modifier in the second)
                    and "and" not in name.partition(f" {cap} ")[0].split()
                ),
                None,
            )
            if hit is not None:
                events.append(Event(v, hit, hit, m.end(), "the-org", m.group()))
                continue
        if (
            low in org_heads
            and masked[max(0, w - 4) : w + 1].strip().lower() == "the"
            and not (m.group() in _CONTENT_VERBS and _act_not_speech(m.group(), masked, m.end()))
        ):
            # "The union said" → the nearest organisation named "... Union" before it ("how the caucus
            # reacts to the call": no words, no speaker)
            for pos, name in reversed(orgs):
                if v - 800 < pos < v and _org_head(name) == low:
                    events.append(Event(v, name, name, m.end(), "the-org", m.group()))
                    break
            else:
                named = {name for _, name in orgs if _org_head(name) == low}
                if len(named) == 1:  # the only "... Party" of the article, named later
                    name = named.pop()
                    events.append(Event(v, name, name, m.end(), "the-org", m.group()))
                elif not named:
                    # "the department said": the article's one "(...) Department of ..." named before it (not
                    # "the exchange": a "Harbour and Exchange Commission" is a commission)
                    described = describe(v, w + 1 - len(word) - 4, low, "", True)
                    if described is not None:
                        events.append(Event(v, described, f"the {word}", m.end(), "description", m.group()))
            continue
        if low in ("he", "she"):
            if _act_not_speech(m.group(), masked, m.end()):
                continue  # "she insisted on finishing the race", "he called off the talks"
            aside = masked[m.end() : m.end() + 1] in (",", ".", ";")
            events.append(Event(v, antecedent(w + 1, low, aside), word, m.end(), "pronoun", m.group()))
        elif low == "they":
            if _act_not_speech(m.group(), masked, m.end()):
                continue
            for mt in _listed_subjects(masked, mentions, ends, w + 1):
                events.append(Event(v, mt.canonical, word, m.end(), "they-list", m.group(), mt.start))
        elif word == "It":
            if _act_not_speech(m.group(), masked, m.end()) or _IT_ACT_RE.match(m.group() + masked[m.end() :]):
                continue
            it_body = _it_subject(masked, mentions, ends, w + 1)
            if it_body is not None and not any(
                e.canonical != it_body.canonical and it_body.end < e.pos < w for e in events
            ):  # ("IPTV could be used too, says BT. It suggests ...": the sentence before reports BT)
                events.append(Event(v, it_body.canonical, word, m.end(), "it-body", m.group(), it_body.start))
        elif (
            low in _LIST_ROLES
            and (the := _THE_ROLE_RE.search(masked, max(0, w - 16), w + 1)) is not None
            and (listed := _listed_subjects(masked, mentions, ends, the.start(), ("person",)))
        ):
            # "A, B and C met on Monday. The ministers agreed that ...": the people just listed
            label = the.group() + word
            for mt in listed:
                events.append(Event(v, mt.canonical, label, m.end(), "they-list", m.group(), mt.start))
        elif low in _HEAD_NOUNS:
            if low in _VIA_DOCUMENTS and any(e.end == p and e.canonical for e in events):
                # "Anna Berg issued a statement saying ...": the statement is hers (the event of issuing
                # it, ending at "statement", names her), so its words are no unnamed source's
                continue
            label_words = [word]
            words = masked[max(0, w - 70) : w + 1].split()[-5:]
            for prev in reversed(words[-3:]):
                if prev[-1:] in ',.;:\x00"”)' or prev.lower() in _LABEL_TRIM or prev.lower() in _OBJECT_PREPS:
                    break
                label_words.append(prev)
                if prev.lower() in _DETERMINERS:
                    break
            if m.group().endswith("ing") and _object_of(words[: len(words) + 1 - len(label_words)]):
                continue  # "a memo to employees explaining", "filed by a trader alleging": not the subject
            label_words.reverse()
            if _named_one(label_words):
                continue
            first = label_words[0]
            if first.lower() not in _DETERMINERS and first[:1].isupper():
                k = w + 1 - len(" ".join(label_words[:-1])) - (1 if len(label_words) > 1 else 0)
                before = masked[max(0, k - 4) : k].strip()
                if before and before[-1] not in '.!?\x00"”':
                    continue  # a capitalised head inside a name ("Federal Police said") is not unnamed
            events.append(Event(v, None, " ".join(label_words), m.end(), "unnamed", m.group()))
    for m in saying:
        # '"...," said the governor.': the one governor of the article ('said a spokesman for the governor':
        # the governor, through the staff)
        if m.group() not in _UNNAMED_INV_VERBS:
            continue
        staff = _INV_STAFF_FOR_THE_RE.match(masked, m.end())
        if not masked.startswith(" the ", staff.end() if staff else m.end()):
            continue
        i = m.start()
        while i > 0 and masked[i - 1] in " \t\u00a0":
            i -= 1
        if i > 1 and masked[i - 1] in '"”' and masked[i - 2] in ",\x00":
            i -= 1
        if i == 0 or masked[i - 1] not in ",\x00":
            continue
        d = _DESCRIBED_INV_RE.match(masked, staff.end() if staff else m.end())
        if d is None:
            continue
        head = d.group(2)
        if _described_head(head):
            at = d.start() + d.group().index("the")
            described = describe(at, at, head, d.group(1))
            if described is not None:
                described_at.add(staff.start("det") if staff else at)
                label = f"the {d.group(1)}{head}"
                events.append(Event(at, described, label, d.end(), "description", m.group()))
    staff_at = {at for _, at in principals}  # "said a spokesman for X": X speaks, not an unnamed spokesman
    named_at = {e.at if e.at >= 0 else e.pos for e in events if e.canonical is not None}
    for m in _unnamed_inv_matches(masked, saying, unnamed_inv_re):
        label = m.group("label")
        at = m.start("label")  # after the quote the ", said ..." closes
        if at in staff_at or at in described_at:
            continue
        if (comma := _APPOSED_NAME_RE.match(masked, m.end())) is not None and comma.end() in named_at:
            continue  # '"...," said a bond trader, Anna Berg': the person named in apposition speaks
        if label.split()[0].lower() in ("he", "she"):
            resolved = antecedent(at, label.split()[0].lower())
            events.append(Event(at, resolved, label.split()[0], m.end(), "pronoun-inv", "said"))
        elif (label.split()[-1] in _HEAD_WORDS or len(label.split()) > 1) and not _named_one(label.split()):
            events.append(Event(at, None, label, m.end(), "unnamed-inv", "said"))
    for mt in mentions:
        # "Sanders's attacks on her", "Mrs. Clinton's statements", "Trump's announcement Friday that":
        # the owner of a speech noun speaks (a speaker only: such nouns attribute no quote).
        if mt.quoted or not mt.canonical or mt.kind not in ("person", "organisation", "outlet"):
            continue
        if by_end.get(mt.end) is not mt or mt.end >= len(masked) or masked[mt.end] not in "'’":
            continue
        n = _SPEECH_NOUN_RE.match(masked, mt.end)
        if n is not None:
            noun = n.group("noun") or n.group("noun2")
            events.append(
                Event(n.start("noun"), mt.canonical, mt.canonical, n.end(), "speech-noun", noun, mt.start)
            )
    events += _with_absolute(masked, saying, by_end, by_start_end, claimed, state.verbs, ends)
    events.sort(key=lambda e: e.pos)
    _mark_nested(events, saying, masked, ends, state.verbs)
    return events


# "..., with Gov. Anna Berg calling it a disaster", "with the union and the party saying ...": the name after
# "with" is the subject of the participle that follows it (an absolute clause), so it speaks. The clause opens
# after a comma, semicolon or dash, or opens the sentence ("stuck with X talking" is a verb's object); titles
# and "former" may stand between "with" and the name.
_WITH_LEAD_RE = re.compile(
    r"(?:[,;—–][ ]+|(?:^|[\n.!?])[\"”’\x00]?[ ]*)[Ww]ith[ ]+(?:the[ ]+)?"
    r"(?:(?:former|then|ex|outgoing)-?[ ]*)?(?:[A-Z][\w.'’-]*[ ]+){0,4}$"
)
_WITH_OPENS_RE = re.compile(r"(?:^|[\n.!?][\"”’\x00]?[ ]*)$")
_WITH_KINDS = ("person", "organisation", "outlet", "country")


def _with_absolute(
    masked: str,
    saying: list[re.Match[str]],
    by_end: dict[int, Mention],
    by_start_end: dict[int, list[Mention]],
    claimed: set[int],
    verbs: frozenset[str],
    ends: list[int],
) -> list[Event]:
    """Speakers of "with X saying/calling/accusing ..." (rule ``with-absolute``)."""
    out: list[Event] = []
    for m in saying:
        verb = m.group()
        v = m.start()
        first = verb.split(" ", 1)[0]
        if v in claimed or not first.endswith("ing") or verb not in verbs or first in _PROGRESSIVE_ACTS:
            continue
        mt = by_end.get(v - 1)
        if mt is None or masked[v - 1] != " ":
            continue
        if masked.startswith("With ", mt.start):  # (a sentence's capitalised "With" opens the run)
            if _WITH_OPENS_RE.search(masked, max(0, mt.start - 4), mt.start) is None:
                continue
        elif _WITH_LEAD_RE.search(masked, max(0, mt.start - 60), mt.start) is None:
            continue
        # every name of a run split at "and" ("with A and B calling")
        names = [
            o
            for o in by_start_end.get(mt.end, ())
            if (o is mt or o.piece.conj) and o.canonical and o.kind in _WITH_KINDS
        ]
        if not names:
            continue
        j = bisect_left(ends, v)
        sent_end = ends[j] if j < len(ends) else len(masked)
        rest = masked[m.end() : min(sent_end, m.end() + 120)]
        if _act_not_speech(first, masked, m.end()) or not (
            rest.startswith((" that ", ":", ","))
            or any(c in rest for c in '"“\x00')
            or _THAT_SOON_RE.match(rest) is not None
            or _clause_follows(first, rest)
            or first in _OBJECT_SPEECH
            or " " in verb
        ):
            continue  # "with China adding 178 million new PCs": no words reported
        claimed.add(v)
        for o in names:
            out.append(Event(v, o.canonical, o.canonical or "", m.end(), "with-absolute", verb, o.start))
    return out


# Roles a sentence may call the people it has just listed by ("A, B and C met. The ministers agreed ..."); not
# bystanders ("The residents said": others, most likely).
_LIST_ROLES = frozenset(
    _words(
        "ministers leaders negotiators diplomats representatives researchers scientists executives economists"
    )
)
_THE_ROLE_RE = re.compile(r"\bThe[ ]+(?:(?:two|three|four|five|six)[ ]+)?$")
_LIST_JOIN_RE = re.compile(r"(?:,[ ]+and|,|[ ]+and|[ ]+&)[ ]+")
_LIST_VERB_RE = re.compile(
    r"[ ]+(?:(?:also|all|both|then|later|had|have|were|will|would)[ ]+)?"
    r"(?!(?:of|for|from|in|at|on|with|to|by|who|whose|which|that|and|or)\b)[a-z]+\b"
)


def _latter_former(masked: str, mentions: list[Mention], ends: list[int], at: int) -> list[Mention]:
    """The distinct named persons and bodies of the sentence before ``at``'s (and of its own sentence before
    ``at``), in order; "the latter"/"the former" choose between them when there are exactly two."""
    start = _sentence_start(ends, at)
    prev = _sentence_start(ends, start - 1) if start > 0 else start
    out: list[Mention] = []
    for mt in mentions:
        if (
            prev <= mt.start < at
            and not mt.quoted
            and not mt.piece.modifier
            and mt.canonical
            and mt.kind in ("person", "organisation", "outlet", "country")
            and all(o.canonical != mt.canonical for o in out)
        ):
            out.append(mt)
    return out


def _it_subject(masked: str, mentions: list[Mention], ends: list[int], at: int) -> Mention | None:
    """The organisation or outlet "It" stands for when it opens the sentence right after one that opens
    with that body's name as its subject, in the same paragraph ("The Harbour Board closed the pier on
    Monday. It said repairs would take a month."). None for anything else: a person or a place opening the
    sentence before, a possessive or a list there, a paragraph break between."""
    start = _sentence_start(ends, at)
    if start <= 0 or masked[start:at].strip(' \x00"“”') or "\n" in masked[start:at]:
        return None
    prev = _sentence_start(ends, start - 1)
    while prev < start and masked[prev] in ' \n\x00"“”':
        prev += 1
    if "\n" in masked[prev:start].strip():
        return None
    at_name = (prev, prev + 4) if masked.startswith(("The ", "the "), prev) else (prev,)
    run = [mt for mt in mentions if mt.start in at_name and not mt.quoted and not mt.piece.modifier]
    if not run:
        return None
    body = max(run, key=lambda mt: mt.end)
    if (
        body.kind not in ("organisation", "outlet")
        or not body.canonical
        or not _IT_VERB_NEXT_RE.match(masked, body.end)
        or _INVERTED_IN_RE.search(masked, body.end, start) is not None
    ):
        return None  # (", says the Courier." in the sentence before: "It" may be the one who says)
    return body


_INVERTED_IN_RE = re.compile(
    r"[ ](?:says|said|added|according[ ]+to)[ ]+(?:the[ ]+)?(?!(?:Monday|Tuesday|Wednesday|Thursday|Friday|"
    r"Saturday|Sunday)\b)[A-Z]"
)
# "It had agreed to lend", "It continued to trade": an act, not words.
_IT_ACT_RE = re.compile(r"(?:(?:agree[sd]?|continue[sd]?)[ ]+to[ ]|quoted[ ]|cited[ ])")
# After a body's name, the start of its own verb phrase: a lower-case word, not a possessive, a list, a
# relative clause or an appositive ("The Harbour Board closed", "The Board has long said").
_IT_VERB_NEXT_RE = re.compile(r"[ ](?!(?:and|or|of|for|in|at|who|which|that)\b)[a-z]")


def _listed_subjects(
    masked: str,
    mentions: list[Mention],
    ends: list[int],
    at: int,
    kinds: tuple[str, ...] = ("person", "organisation"),
) -> list[Mention]:
    """The names "they" stands for when it opens the sentence right after one whose subject is a list of two
    or more named persons or organisations and whose verb follows the list ("A, B, C and D met on Monday.
    They concluded that ..."): each of them speaks. Nothing when "they" does not open its sentence, when
    a paragraph break or another sentence stands between, or when the list is not the subject."""
    start = _sentence_start(ends, at)
    if masked[start:at].strip(' \n\x00"“”') or "\n" in masked[start:at].strip(" "):
        return []
    if start <= 0:
        return []
    prev = _sentence_start(ends, start - 1)  # the sentence before runs from here to ``start``
    while prev < start and masked[prev] in ' \n\x00"“”':
        prev += 1
    runs: dict[int, list[Mention]] = {}  # (the pieces of one run share its span: "A and B")
    for mt in mentions:
        if not mt.quoted and not mt.piece.modifier and prev <= mt.start < start:
            runs.setdefault(mt.start, []).append(mt)
    names: list[Mention] = []
    pos = prev
    while (run := runs.get(pos)) is not None:
        if not all(mt.canonical and mt.kind in kinds for mt in run):
            return []
        names += run
        pos = run[-1].end
        join = _LIST_JOIN_RE.match(masked, pos)
        if join is None:
            break
        pos = join.end()
    else:
        return []
    if len(names) < 2 or _LIST_VERB_RE.match(masked, pos) is None:
        return []
    return names


# A speech noun after a possessive, perhaps behind a few lower-case words or a weekday ("effusive praise",
# "Tuesday speech", "fire-breathing vows"), and not where a clause ends ("Following the UNSC's announcement,":
# an event referred to, not words reported); "attacks" only straight after the name and before "on".
_SPEECH_NOUN_RE = re.compile(
    r"['’]s?[ ]+(?:(?:[a-z][a-z-]*|[A-Z][a-z]+day)[ ]+){0,2}?"
    r"(?P<noun>statements?|remarks|comments|claims|announcement|tweets?|promises|vows|pledges|"
    r"criticism|accusations?|assertions?|insistence|op-ed|warnings?)\b(?![,.;:)])"
    r"|['’]s?[ ]+(?P<noun2>attacks)[ ]+on\b"
)


_NESTED_RULES = frozenset(("name-verb", "listed", "participle", "speech-noun"))
_REPORTING = _words(
    "say tell state claim report write add note argue insist acknowledge admit announce confirm deny warn "
    "explain suggest allege assert contend maintain reveal predict declare tweet testify recall concede "
    "stress emphasize emphasise reiterate indicate point"
)


@lru_cache(maxsize=1)
def _reporting_forms() -> frozenset[str]:
    """Forms of the verbs that report words ("said that", "stating that"): a name after one, in the same
    clause, is inside what someone else says."""
    from newsearch.extract.lexicon import _inflect

    forms: set[str] = set()
    for base in _REPORTING:
        forms |= _inflect(base)
    return frozenset(
        forms | {"said", "says", "told", "wrote", "written", "denied", "denies", "admitted", "pointed out"}
    )


_CLAUSE_BREAK_RE = re.compile(
    r",[ ]+(?:and|but|while|whereas)[ ]|;|[ ]but[ ]|\x00|"
    r"\b(?:after|before|when|while|because|although|though|since|until|unless|whereas|as)[ ]"
)  # "Trump said in August after Nabisco announced ...": a clause of its own
_CUE_RULES = frozenset(
    ("name-verb", "pronoun", "unnamed", "participle", "coordinated", "listed", "principal-of")
)


# A time or place that ends a reporting clause: "..., the Courier reported in 1999." / "on Monday."
_AFTER_WORDS_RE = re.compile(r",[\"”\x00]?[ ](?:the[ ])?$")  # "...," the Courier / "..., Anna Berg
_TIME_TAIL_RE = re.compile(r"[ ]+(?:in|on|at|last|this|earlier|late)(?:[ ]+[\w.'’-]+){1,3}?[.;]")


def _mark_nested(
    events: list[Event], saying: list[re.Match[str]], masked: str, ends: list[int], verbs: frozenset[str]
) -> None:
    """A speaker named inside what someone else is reported to say ("officials said it had angered the White
    House, which described it as ...") is reported second-hand: the event keeps its quote attribution but
    names no speaker of its own (``nested``)."""
    # A cue opens reported words when it is finite ("said", "told") or followed by "that" ("stating that");
    # "With the US encouraging firms to ..." is a clause of its own.
    reporting = _reporting_forms()
    # Only verbs read as speech events open reported words ("In TV interviews and tweets, Trump has argued":
    # "tweets" is a noun).
    cues = sorted(
        e.pos
        for e in events
        if e.rule in _CUE_RULES
        and e.cue in reporting
        and not (e.rule == "unnamed" and e.label.rsplit(" ", 1)[-1].lower() in _WIRE_HEADS)
        and (not e.cue.endswith("ing") or masked.startswith(" that ", e.end))
    )
    for e in events:
        if e.rule not in _NESTED_RULES or e.at < 0 or e.canonical is None:
            continue
        if (
            masked[e.end : e.end + 1] in ".,;" or _TIME_TAIL_RE.match(masked, e.end)
        ) and _AFTER_WORDS_RE.search(masked, max(0, e.at - 8), e.at):
            continue  # "..., the Harbour Courier reported (in 1999).": the reported words come first
        sent = _sentence_start(ends, e.at)
        k = bisect_left(cues, e.at) - 1  # the nearest cue before the name, in its sentence
        if k >= 0 and cues[k] >= sent and _CLAUSE_BREAK_RE.search(masked, cues[k], e.at) is None:
            e.nested = True


def _sentence_start(ends: list[int], pos: int) -> int:
    k = bisect_right(ends, pos) - 1
    return ends[k] if k >= 0 else 0


def _subjects(masked: str, mentions: list[Mention], ends: list[int], kinds: tuple[str, ...]) -> list[Mention]:
    """The first name of each sentence that stands in subject position: not inside a quote, not a modifier,
    not after a preposition ("According to Trump, ..."), not a name before a title ("Obama consultant
    Cornell Belcher": Belcher)."""
    if mentions and mentions[0].sentence < 0:
        for mt in mentions:
            mt.sentence = bisect_right(ends, mt.start)
    starts: set[int] | None = None
    out: list[Mention] = []
    last_sentence = -2
    for mt in mentions:
        if mt.quoted or mt.piece.modifier or not mt.canonical:
            continue
        if mt.sentence == last_sentence or mt.kind not in kinds:
            continue
        ok = mt.subject_ok
        if ok is None:  # worked out once, for the mentions a call gets this far with (a list keeps its text)
            if starts is None:
                starts = {o.start for o in mentions}
            title = _NAME_BEFORE_TITLE_RE.match(masked, mt.end)
            ok = mt.subject_ok = not (
                title is not None and title.end() in starts and _role_like(title.group("role"))
            ) and not _prep_before(masked, mt.start)
        if not ok and not _prep_before(masked, mt.start):
            continue  # a name before a title: the next name of the sentence may be its subject
        last_sentence = mt.sentence
        if ok:
            out.append(mt)
    return out


_ROLE_RUN_RE = re.compile(r"[ ]+(?:[a-z-]+[ ]+)?([A-Za-z-]+)[ ]+[A-Z]")


def _before_a_role(masked: str, end: int) -> bool:
    """A name that ends where a title or role, then another name, begins ("Lind campaign Chairman Eva Holm",
    "Lind spokesman Karl Berg"): it modifies that name."""
    m = _ROLE_RUN_RE.match(masked, end)
    return m is not None and _role_like(m.group(1).lower())


_NAME_BEFORE_TITLE_RE = re.compile(r"(?:['’]s)?(?:[ ]+[a-z-]+)?[ ]+(?P<role>[a-z-]+)[ ]+(?=[A-Z])")
_AUX_AFTER_RE = re.compile(
    r"(?:[ ]+(?:also|still|then|later|now|never|already))?[ ]+"
    r"(?:has|had|have|is|was|were|will|would|could|can|did|does|might|may|must|should)\b"
)


def _antecedents(
    state: _Article, masked: str, mentions: list[Mention], events: list[Event], ends: list[int]
) -> Callable[..., str | None]:
    """:func:`_resolver`, built from the events found so far on its first use: most articles resolve no
    pronoun. Nothing it reads changes after this call but ``events``, which grows (hence the copy)."""
    found = list(events)
    built: list[Callable[..., str | None]] = []

    def resolve(v: int, pronoun: str, parenthetical: bool = False) -> str | None:
        if not built:
            built.append(_resolver(state, masked, mentions, found, ends))
        return built[0](v, pronoun, parenthetical)

    return resolve


def _resolver(
    state: _Article, masked: str, mentions: list[Mention], events: list[Event], ends: list[int]
) -> Callable[..., str | None]:
    """A resolver for "he"/"she" at a position: the nearest earlier person in subject position (a named
    speaker, a sentence's first name, a name before an auxiliary, a pronoun already resolved) whose gender
    is not known to differ, within this and the two paragraphs before."""
    persons = {mt.canonical for mt in mentions if mt.kind in ("person", "unknown") and mt.canonical}
    # A single word that speaks at a sentence's start ("Brandt admitted ...") was read as an organisation
    # (see _events); it may as well be a surname the article gives no first name to.
    persons |= {
        mt.canonical
        for mt in mentions
        if mt.piece.kind == "initial" and mt.kind == "organisation" and mt.canonical == mt.piece.text
    }
    plural = {
        name for name in persons if name.endswith("s") and any(p.endswith(" " + name[:-1]) for p in persons)
    }
    speaking = {e.canonical for e in events if e.canonical is not None}
    cands: list[tuple[int, str]] = [
        (e.at if e.at >= 0 else e.pos, e.canonical)
        for e in events
        if e.canonical is not None and e.canonical in persons
    ]
    # A surname opening a sentence gets no name of its own when the article gives it two full names ("Lind,
    # 61, declined ..." beside Anna and Karl Lind), or is read as an organisation where it speaks there
    # ("Lind agrees."); where the article writes it alone elsewhere, it is that name (of unknown kind) here
    # too, and the sentence's subject.
    surnames = {name.rpartition(" ")[2] for name in persons if " " in name}
    alone = {
        mt.piece.text
        for mt in mentions
        if mt.kind == "unknown"
        and not mt.initial
        and mt.canonical == mt.piece.text
        and mt.canonical in surnames
    }
    if alone:
        mentions = [
            replace(mt, canonical=mt.piece.text, kind="unknown", subject_ok=None)
            if (mt.canonical is None or (mt.canonical == mt.piece.text and mt.kind == "organisation"))
            and mt.piece.kind == "initial"
            and mt.piece.text in alone
            and masked[mt.end : mt.end + 1] not in ("'", "’")  # (not "Lind's sister Eva ...")
            and not _before_a_role(masked, mt.end)  # (nor "Lind campaign chairman Eva Holm ...")
            else mt
            for mt in mentions
        ]
    cands += [
        (mt.start, mt.canonical)
        for mt in _subjects(masked, mentions, ends, ("person", "unknown"))
        if mt.canonical
        # "Bob agreed to talk."; a surname alone that speaks elsewhere ("Brandt said ...") is a person too
        and (mt.kind == "person" or state.gender(mt.canonical) or mt.canonical in speaking)
        and not _pronoun_opens(masked, _sentence_start(ends, mt.start), mt.start)
    ]
    # A name followed by an auxiliary is a clause's subject ("..., and since then Anna Berg has seen ..."),
    # but not one to refer back to when the clause is reported or subordinate ("Berg said that Brandt had
    # ...", "just as Brandt did").
    cands += [
        (mt.start, mt.canonical)
        for mt in mentions
        if mt.canonical is not None
        and mt.kind == "person"
        and not mt.quoted
        and not mt.piece.modifier
        and _AUX_AFTER_RE.match(masked, mt.end) is not None
        and not _prep_before(masked, mt.start)
        and state.gender(mt.canonical)
        and not _reported_clause(masked, mt.start)
    ]
    lex = state.lex
    # Not a person to refer back to: a name in quotation marks (''Senator Cruz'', "Good Morning America"),
    # after "the" ("The Boeing, built in 1991, ..."), or a group ("Muslim-Americans").
    unlikely = {
        mt.start
        for mt in mentions
        if masked[mt.start - 1 : mt.start] in _QUOTE_OPENERS
        or masked[max(0, mt.start - 4) : mt.start].lower() == "the "
    }
    groups = {
        name
        for name in persons
        if any(part in lex.plural_demonyms for token in name.split() for part in token.split("-"))
    }
    # A name whose last word the article also writes in lower case and that opens with no given name is
    # likely a thing ("Boeing Business Jet", "Asawitri Media", "Customs Enforcement"), not a person; so is
    # one that opens with such a word ("Great Wall", "Young Latinos" beside "a great deal", "young voters").
    given = _given_names()
    groups |= {
        name
        for name in persons
        if " " in name
        and (first := name.split()[0]) not in given
        and len(name.split()[-1]) > 2
        and (
            _lower_in(name.split()[-1].lower(), masked)
            or (len(first) > 2 and _lower_in(first.lower(), masked))
        )
    }
    cands = sorted(c for c in cands if c[1] not in plural and c[1] not in groups and c[0] not in unlikely)
    positions = [c[0] for c in cands]
    paras = _paragraph_bounds(masked)
    # "Mrs. Berg" is "she" even where the article's other Berg, "Mr. Berg", leaves the name's gender open.
    titled = {
        mt.start: g
        for mt in mentions
        if mt.piece.key
        and mt.kind == "person"
        and (g := _TITLE_GENDER.get(mt.piece.key.split()[0].rstrip("."), ""))
    }

    def nearest(v: int, want: str, reported: int = -1) -> str | None:
        """The nearest earlier candidate whose gender is not known to differ from ``want``; None when none
        is in reach."""
        here = bisect_right(paras, v)
        i = bisect_left(positions, v) - 1
        while i >= 0:
            pos, name = cands[i]
            if bisect_right(paras, pos) < here - 2 or v - pos > 2500:
                break
            if pos >= reported >= 0:
                i -= 1
                continue
            g = titled.get(pos) or state.gender(name)
            if not g or g == want:
                return name
            i -= 1
        return None

    def resolve(v: int, pronoun: str, parenthetical: bool = False) -> str | None:
        want = "m" if pronoun == "he" else "f"
        here = bisect_right(paras, v)
        # "Mr Blair has failed to tackle these problems, he claimed, ...": a pronoun in a reporting clause
        # set off after the words it reports is not a name of those words (but "As for Trump, he said he
        # is not worried" and "When Trump spoke, he said ..." are no such clause: words follow the verb).
        reported = -1
        if parenthetical and masked[max(0, v - 3) : v].rstrip().endswith(","):
            comma = masked.rindex(",", 0, v)
            start = max(_sentence_start(ends, v - 1), paras[here - 1] if here else 0)
            clause = max(masked.rfind(c, start, comma) for c in ",;:(—")  # only the clause before it
            start = max(start, clause + 1)
            if masked[start:comma].strip(' ,\n"“”\x00'):
                reported = start
        found = nearest(v, want, reported)
        if found is not None:
            titled[v] = want  # later pronouns can go on from this one
            k = bisect_left(positions, v)
            positions.insert(k, v)
            cands.insert(k, (v, found))
        return found

    return resolve


# --------------------------------------------------------------------------- descriptions
# "The governor said", "the company added", "said the senator": a speaker named only by a title, a role or
# the kind of organisation, resolved when the article gives exactly one holder of it (else nobody).
# Title words (of the shipped titles list) that a description may stand for; words that stand only for unnamed
# sources ("analyst", "lawyer", "official") or for kin ("father", "sister") are left out.
_DESCRIBED_TITLES = frozenset(
    _words(
        "president governor senator mayor minister secretary chancellor premier congressman congresswoman "
        "ambassador envoy commissioner chairman chairwoman director judge justice prosecutor general admiral "
        "colonel commander king queen prince princess emperor cardinal archbishop bishop rabbi imam "
        "ayatollah coach manager leader founder spokesman spokeswoman spokesperson actor actress singer "
        "rapper comedian filmmaker novelist businessman businesswoman billionaire councillor councilman "
        "councilwoman assemblyman assemblywoman superintendent"
    )
)
# Abbreviated titles, as a person's title is written before the name ("Sen. Anna Berg", "Gov. Karl Holm").
_TITLE_ABBREVIATIONS = {
    "sen": "senator",
    "sens": "senator",
    "gov": "governor",
    "govs": "governor",
    "gen": "general",
    "adm": "admiral",
    "col": "colonel",
    "lt": "lieutenant",
    "atty": "attorney",
    "rep": "congressman",
    "reps": "congressman",
    "representative": "congressman",
    "congresswoman": "congressman",
    "chairwoman": "chairman",
    "spokeswoman": "spokesman",
    "spokesperson": "spokesman",
    "businesswoman": "businessman",
    "councilwoman": "councilman",
    "assemblywoman": "assemblyman",
    "actress": "actor",
}
# A word before the title that makes it another office: "the president" is not "Vice President X", "the
# minister" not "Prime Minister X" (but may be "Foreign Minister X").
_OTHER_OFFICE = frozenset(
    _words("vice prime deputy lieutenant assistant attorney associate under acting interim co shadow junior")
)
_FORMER = frozenset(_words("former ex then late"))
# An office won or named but not yet taken ("the president-elect", "the secretary-designate"): another office.
_PENDING = frozenset(("", "elect", "designate"))
# The organisation a description stands for: "the company"/"the firm" is the one "... Corp"/"... Inc" (the
# shipped company suffixes); "the campaign" the one person whose campaign the article names.
_COMPANY_SUFFIXES = frozenset(_words("Company Co Corp Corporation Inc Ltd Plc PLC LLC"))
_COMPANY_WORDS = frozenset(_words("company firm"))
_CAMPAIGN_RE = re.compile(r"(?:['’]s?)?[ ]+(?:presidential[ ]+|election[ ]+|re-election[ ]+)?campaign\b")
# "the transition (team) said": the one person whose transition the article names ("Berg's transition team")
_TRANSITION_RE = re.compile(r"(?:['’]s?)?[ ]+(?:presidential[ ]+)?transition\b")
_OWNED_HEADS = {"campaign": _CAMPAIGN_RE, "transition": _TRANSITION_RE}
# "the campaign team", "the transition team said": the staff of one of those
_OWNED_STAFF_RE = re.compile(r"(?:^|(?<=[^\w.]))([Tt]he)[ ]+(campaign|transition)[ ]+$")
_APPOS_TITLE_RE = re.compile(r",[ ]+((?:[\w.’'-]+[ ]+){0,4}[\w.’'-]+)")
_APPOS_OPENERS = frozenset(_words("the a an former"))
_DESCRIPTION_RE = re.compile(r"(?:^|(?<=[^\w.]))([Tt]he)[ ]+((?:[\w.’'-]+[ ]+){0,3}?)$")
_DESCRIPTION_HEADS = (
    _DESCRIBED_TITLES | _COMPANY_WORDS | frozenset(_TITLE_ABBREVIATIONS) | frozenset(_OWNED_HEADS)
)
_DESCRIBED_INV_RE = re.compile(
    r"[ ]+the[ ]+((?:[\w.’'-]+[ ]+){0,3}?)([a-z]+(?:-elect|-designate)?)(?=[ ]*(?:[,.;]|$|\n))"
)


def _described_head(word: str) -> bool:
    """Whether a lower-case word can head a description: a title ("the governor"), also one won but not yet
    taken ("the president-elect", "the secretary-designate"), a company word or "campaign"."""
    title, _, pending = word.partition("-")
    return word in _DESCRIPTION_HEADS or (
        bool(pending) and pending in _PENDING and title in _DESCRIBED_TITLES
    )


def _office(words: list[str]) -> tuple[str, str, bool] | None:
    """The office words name ("Deputy Prime Minister" → ("minister", "deputy prime", False); "former Gov." →
    ("governor", "", True)): its title, the words before it that make it another office, whether it is held
    no more."""
    low = [_TITLE_ABBREVIATIONS.get(w, w) for w in (t.lower().rstrip(".") for t in words)]
    for i in range(len(low) - 1, -1, -1):
        # ("president-elect": the office of "president", not yet held)
        title, _, pending = low[i].partition("-")
        if title in _DESCRIBED_TITLES and pending in _PENDING:
            return (
                title,
                " ".join([*(w for w in low[:i] if w in _OTHER_OFFICE), *([pending] if pending else [])]),
                any(w in _FORMER or w.startswith("ex-") for w in low[:i]),
            )
    return None


def _appositive_office(tokens: list[str]) -> tuple[str, str, bool] | None:
    """The office an appositive gives a name ("X, the former governor of Y", "X, a spokesman for Y"): the
    first title word among its first five words, after only an article, "former", other titles or names."""
    if not tokens or not (tokens[0] in _APPOS_OPENERS or tokens[0][:1].isupper() or _office(tokens[:1])):
        return None
    for i, tok in enumerate(tokens):
        low = tok.lower().rstrip(".")
        if _TITLE_ABBREVIATIONS.get(low, low) in _DESCRIBED_TITLES or _described_head(low):
            return _office(tokens[: i + 1])
        if not (tok[:1].isupper() or low in _APPOS_OPENERS or low in _OTHER_OFFICE or low in _FORMER):
            return None  # "X, who met the governor", "X, whose wife is a senator"
    return None


class _Holder(NamedTuple):
    """A person the article gives an office: where, who, the office (see :func:`_office`), the words of the
    title as written ("treasury", "secretary") and the text around the name (for "the French president")."""

    at: int
    name: str
    office: tuple[str, str, bool]
    words: frozenset[str]
    around: tuple[int, int]


_Named = list[tuple[int, str]]  # (where, who)
_LOCATIVE_PREPS = frozenset(_words("of at in"))
# Words before "the" that make the description no subject: "Nothing the president said will ...", "what the
# company announced".
_FORMER_BEFORE_RE = re.compile(r"\b(?:[Ff]ormer|[Ee]x-)[ ]*(?:[A-Z][\w.-]*[ ]+){0,3}$")
_NOT_BEFORE_DESCRIPTION = frozenset(
    _words("nothing anything everything something what whatever all much little that which whom")
)


def _named_where(mentions: list[Mention], kind: str, keep: Callable[[Mention], bool]) -> _Named:
    """(where, who) of the named mentions of a kind, outside quotes, that ``keep`` keeps."""
    return [
        (mt.start, mt.canonical)
        for mt in mentions
        if mt.canonical and not mt.quoted and mt.kind == kind and keep(mt)
    ]


def _company_named(mt: Mention) -> bool:
    """A name that ends in a company suffix ("Velmora Corp", "Acme Widget Inc")."""
    return (mt.canonical or "").rsplit(" ", 1)[-1].rstrip(".") in _COMPANY_SUFFIXES


def _same_company(short: str, full: str) -> bool:
    """Whether ``short`` is a short form of the company ``full`` ("Dome", "Acme Widget" of "Acme Widget Inc"):
    one of its words, or it without its suffix ("Velmora Motors" is not "Velmora Motors Credit Corp")."""
    words = full.split()
    return short == full or (" " not in short and short in words) or short == " ".join(words[:-1])


def _describer(
    state: _Article, masked: str, mentions: list[Mention], ends: list[int], events: list[Event]
) -> Callable[..., str | None]:
    """A resolver for descriptions: ``(v, at, head, modifiers[, body])`` → the one person holding the title,
    the one organisation of the kind that "the <modifiers> <head>" (at ``at``, its verb at ``v``) names, or
    (``body``) the one "<Head> of ...", else None. Its tables are built on first use (most articles describe
    nobody)."""
    holder_table: list[list[_Holder]] = []  # each table built on first use
    company_table: list[tuple[_Named, _Named, set[str]]] = []

    def holders() -> list[_Holder]:
        if holder_table:
            return holder_table[0]
        found: list[_Holder] = []
        holder_table.append(found)
        for mt in mentions:
            if mt.quoted or mt.kind != "person" or not mt.canonical:
                continue
            office = None
            words: list[str] = []
            if mt.piece.key:
                words = mt.piece.key.split()
                office = _office(words)
                if (
                    office is not None
                    and not office[2]
                    and (
                        _FORMER_BEFORE_RE.search(masked, max(0, mt.start - 40), mt.start) is not None
                        or masked[mt.start : mt.start + 7].lower() == "former "  # (the run's own word)
                    )
                ):
                    office = (office[0], office[1], True)
            if office is None and (ap := _APPOS_TITLE_RE.match(masked, mt.end)) is not None:
                words = ap.group(1).split()
                if not any(w.rstrip(".,") in state.verbs for w in words):  # "for X, a spokesman said."
                    office = _appositive_office(words)
            if office is not None:
                around = (max(0, mt.start - 40), mt.end + 80)
                low = frozenset(w.lower().rstrip(".") for w in words)
                found.append(_Holder(mt.start, mt.canonical, office, low, around))
        return found

    def companies() -> tuple[_Named, _Named, set[str]]:
        if not company_table:
            suffixed = _named_where(mentions, "organisation", _company_named)
            # Organisations that are a sentence's subject: another company "the company" may stand for
            # ("Acme said it would buy Widget Corp. The company said ...": Acme).
            subjects = [
                (mt.start, mt.canonical or "") for mt in _subjects(masked, mentions, ends, ("organisation",))
            ]
            organisations = {mt.canonical for mt in mentions if mt.kind == "organisation" and mt.canonical}
            company_table.append((suffixed, subjects, organisations))
        return company_table[0]

    def acts_alone(one: str, at: int, v: int) -> bool:
        """Whether no organisation but ``one`` (or a short form of it) is a subject or speaks before."""
        _, subjects, organisations = companies()
        acting = {name for pos, name in subjects if pos < at}
        acting |= {e.canonical for e in events if e.pos < v and e.canonical in organisations}
        return all(not name or _same_company(name, one) for name in acting)

    def resolve(v: int, at: int, head: str, mods: str, body: bool = False) -> str | None:
        before = masked[max(0, at - 12) : at].split()
        if before and before[-1].lower() in _NOT_BEFORE_DESCRIPTION:
            return None
        words = mods.split()
        if any(w.endswith("ly") or w in state.verbs for w in words if w.islower()):
            return None  # "the dollar remained relatively firm suggests": no description
        if any(w[:1].isupper() for w in words) and (head in _COMPANY_WORDS or head in _OWNED_HEADS):
            return None  # "the Acme company said", "the Berg campaign said": the name speaks (other rules)
        if body:
            # "the department said": the one "(...) Department of ..." named before it, when no other
            # organisation has spoken since ("Ostara said ... the bank said": not the bank named before)
            title = head.capitalize()
            bodies = [
                (pos, name)
                for pos, name in _named_where(mentions, "organisation", lambda mt: True)
                if pos < at and (f"{title} of " in name or f"{title} for " in name)
            ]
            found = {name for _, name in bodies}
            if len(found) != 1:
                return None
            one = found.pop()
            last = max(pos for pos, _ in bodies)
            organisations = companies()[2]
            if any(
                last < e.pos < v and e.canonical in organisations and not _same_company(e.canonical, one)
                for e in events
                if e.canonical
            ):
                return None  # another organisation spoke since ("Ostara said ... the bank said")
            return one
        if head in _COMPANY_WORDS:
            # The company the article is about: one "... Corp" that is a subject or speaks before, and no
            # other organisation that does ("Acme said it would buy Widget Corp. The company said ...": Acme).
            suffixed, subjects, organisations = companies()
            acting = {name for pos, name in subjects if pos < at}
            acting |= {e.canonical for e in events if e.pos < v and e.canonical in organisations}
            found = {name for pos, name in suffixed if pos < at and name in acting}
            if len(found) == 1 and not acts_alone(next(iter(found)), at, v):
                return None
            first = min((pos for pos, name in suffixed if name in found), default=v)
        elif head in _OWNED_HEADS:
            owned = _OWNED_HEADS[head]
            campaigns = _named_where(mentions, "person", lambda mt: owned.match(masked, mt.end) is not None)
            found = {name for _, name in campaigns}
            first = min((pos for pos, _ in campaigns), default=v)
        else:
            want = _office([*words, head])
            if want is None:
                return None
            lex = state.lex
            # "the health minister": the office's own words must be the holder's; "the French president": the
            # country must stand by the holder's name.
            portfolio = {w.lower() for w in words if w in lex.titles or w.capitalize() in lex.titles}
            portfolio -= _FORMER | _OTHER_OFFICE
            table = state.table
            countries = {
                w: lex.demonyms.get(w) or table.canonical(w) or w
                for w in words
                if w in lex.demonyms or table.kind(table.canonical(w) or "") == "country"
            }
            hits = [
                h
                for h in holders()
                if h.office == want
                and portfolio <= h.words
                and all(
                    w in (near := masked[h.around[0] : min(h.around[1], at)]) or country in near
                    for w, country in countries.items()
                )
            ]
            found = {h.name for h in hits}
            first = min((h.at for h in hits), default=v)
        if len(found) != 1 or first >= at:
            return None
        return found.pop()

    return resolve


_SUBJECT_PRONOUNS = frozenset(_words("he she they we i"))


def _pronoun_opens(masked: str, start: int, at: int) -> bool:
    """Whether the sentence from ``start`` opens with a subject pronoun before ``at`` ("She said she would
    rather see the money go to Anna Berg"): its first name is then no subject to refer back to."""
    for m in _QUOTE_THEN_SENTENCE_RE.finditer(masked, start, at + 1):
        start = m.end()  # 'She added: "... for sale." Anna Berg's future ...': a new sentence after the quote
    words = _ALPHA_WORD_RE.findall(masked, start, at)
    if not words:
        return False
    # (the words are letters only, so joined with spaces each is one space-delimited token: one lower())
    low = f" {' '.join(words).lower()} "
    return words[0].lower() in _SUBJECT_PRONOUNS or " he " in low or " she " in low


_ALPHA_WORD_RE = re.compile(r"[A-Za-z]+")
# The word before a clause's subject that makes the clause reported or subordinate.
_CLAUSE_INTRO_RE = re.compile(
    r"\b(?:that|whether|if|as|than|because|said|says|say|told|tells)[ ]+(?:[A-Z][\w.'’-]*[ ]+){0,3}$"
)


def _reported_clause(masked: str, at: int) -> bool:
    """Whether the name at ``at`` (perhaps behind a title: "that Mr. Brandt had") opens a reported or
    subordinate clause."""
    return _CLAUSE_INTRO_RE.search(masked, max(0, at - 60), at) is not None


_QUOTE_THEN_SENTENCE_RE = re.compile(r":[ ]*[\"“][\x00]+[\"”][ ]+(?=[A-Z])")


# Who speaks for a person ("his campaign said", "her lawyers say").
_STAFF_NOUNS = frozenset(
    _words(
        "campaign spokesman spokeswoman spokesperson aide aides adviser advisers advisor advisors office "
        "staff staffers lawyer lawyers attorney attorneys team"
    )
)


_STAFF_KIND_BEFORE_RE = re.compile(rf"[ ](?:{_VIA_MODS}[ ]){{1,2}}$")


def _before_staff_kind(masked: str, w: int) -> int:
    """Where the words saying what kind of staff a staff noun (its space before at ``w``) is start ("her
    transition team", "the governor's legal team"): the space before them, else ``w``."""
    kind = _STAFF_KIND_BEFORE_RE.search(masked, max(0, w - 40), w + 1)
    return w if kind is None else kind.start()


def _described_owner(masked: str, w: int) -> tuple[str, re.Match[str]] | None:
    """ "the governor's" (ending at the space ``w``) before a staff noun: the description's head word
    ("governor") and its match of ``_DESCRIPTION_RE`` ("the", the words between), else None."""
    j = w - 1
    while j >= 0 and (masked[j].isalpha() or masked[j] in "'’-"):
        j -= 1
    word = masked[j + 1 : w].lower()
    if word[-2:] not in ("'s", "’s") or not _described_head(word[:-2]):
        return None
    d = _DESCRIPTION_RE.search(masked, max(0, j - 50), j + 1)
    return None if d is None else (word[:-2], d)


def _own_pronoun(masked: str, w: int) -> str | None:
    """ "his" or "her" (lower-cased) when it is the word right before the space at ``w``."""
    own = masked[max(0, w - 3) : w].lower()
    if own in ("his", "her") and masked[w : w + 1] == " " and (w == 3 or not masked[w - 4].isalnum()):
        return own
    return None


def _signed(masked: str, line_start: int, at: int) -> bool:
    """A dash and a name that sign words before them on the same line: a quote ('"..." — Clinton') or a
    tweet ('... https://t.co/x — Paul Ryan (@SpeakerRyan)'); not a byline alone on its line, not a list."""
    before = masked[line_start:at].rstrip(" —–-")
    if not before.strip():
        # A signature alone on its line under a paragraph that is one quote ('"..."¶- Hillary Clinton.').
        prev = masked[: max(0, line_start - 1)].rstrip(" \n")
        prev = prev[prev.rfind("\n") + 1 :].strip()
        return prev[:1] in '"“\x00' and prev[-1:] in '"”\x00' and at - line_start <= 3
    if (
        "tweet" in masked[line_start : line_start + 8]
        or "http" in before[-40:]
        or "twitter.com/" in before[-40:]
    ):
        return True
    # A quote that is its whole line ('"..." - Bernie Sanders'); after a quote inside a narrative sentence
    # ('Rajoy said he will "try ...".--Kim Hjelmgaard') the name signs the report: a byline.
    return before[-1:] in '"”\x00' and before.lstrip()[:1] in '"“\x00'


_THAT_SOON_RE = re.compile(r"(?:[ ][\w'’]+){1,4}[ ]that\b")
# Participles that take a clause as their object: "..., saying he lacks the temperament", "..., arguing
# they had lost". A subject pronoun (or, after saying/adding, "the"/"a" and a noun) opens the reported words.
_CLAUSE_VERBS = frozenset(
    _words(
        "saying adding arguing insisting claiming noting warning contending asserting explaining suggesting "
        "predicting acknowledging admitting stressing complaining declaring"
    )
)
_CLAUSE_SOON_RE = re.compile(r"[ ](?:he|she|they|we|I|it|there)[ ][a-z’']+")
_NOUN_CLAUSE_SOON_RE = re.compile(r"[ ](?:the|a|an|his|her|their|its)[ ]")


def _clause_follows(verb: str, rest: str) -> bool:
    """Reported words after a participle with no quote, colon or "that" ("..., saying he would run")."""
    if verb not in _CLAUSE_VERBS:
        return verb == "telling"  # "..., telling reporters he ...": a listener, then the words
    return _CLAUSE_SOON_RE.match(rest) is not None or (
        verb in ("saying", "adding") and _NOUN_CLAUSE_SOON_RE.match(rest) is not None
    )


# Participles that are speech with a noun for object, after any verb of the subject ("X closed the office,
# citing a shortage of staff"); other participles need reported words after them ("..., observing the pier").
_OBJECT_SPEECH = frozenset(
    _words(
        "accusing blaming criticizing criticising praising denouncing condemning attacking mocking "
        "ridiculing touting citing urging promising pledging vowing announcing railing advising tweeting "
        "calling questioning thanking apologizing apologising lambasting blasting slamming"
    )
)
_DASH_PARTICIPLE_RE = re.compile(r"\w[ ](—|–|--|-)[ ]$")
_HE_SHE = ("he", "she")
_DESCRIPTION_WORDS = frozenset(_words("the a an of for former then top chief senior longtime presidential"))


def _describes_subject(lead: str) -> bool:
    """Words before a sentence's subject that only describe it: "Party chairman", "Senate Majority Leader",
    "Former U.S. Attorney"; not a clause ("After the vote", "In Ohio")."""
    words = lead.split()
    first = words[0].lower() if words else ""
    if not words or len(words) > 6 or first in _PREPOSITIONS or first in _CONJUNCTION_PREPOSITIONS:
        return False
    return all(
        w[0].isupper()
        or w in _DESCRIPTION_WORDS
        or _role_like(w)
        or w.endswith(("'s", "’s"))
        or _AGE_RE.fullmatch(w) is not None  # "31-year-old Anna Berg, ..., closed ..., citing"
        for w in words
    )


_AGE_RE = re.compile(r"\d{1,3}-year-old")


_PASSIVE_BY_RE = re.compile(r"\b(?:is|was|were|are|been|being)[ ]+(?:being[ ]+)?[a-z]+(?:ed|en)[ ]+by\b")
_NEXT_WORD_RE = re.compile(r"[ ]([A-Za-z][\w.-]*)")


def _modifies_next(masked: str, mt: Mention) -> bool:
    """A name that describes the noun after it, not a subject: "FBI Director Jane Roe", "Tory Shadow
    Chancellor X", and a role word after a name inside a noun phrase ("the Tory leader", "the GOP
    candidates", "other former CIA officers"; not "Anna Berg went")."""
    m = _NEXT_WORD_RE.match(masked, mt.end)
    if m is None:
        return False
    word = m.group(1)
    if word[0].isupper():
        return True
    if re.search(r"(?:^|[ ])[Tt]he[ ]", masked[mt.start : mt.end]):  # "All of the GOP candidates"
        inside = True
    else:
        before = _PREV_WORD_RE.search(masked, max(0, mt.start - 30), mt.start)
        inside = before is not None and (before.group(1).islower() or before.group(1) == "The")
    return inside and (_role_like(word) or _role_like(word.removesuffix("s")))


_PREV_WORD_RE = re.compile(r"([A-Za-z]+)[ ]$")


def _head_noun_next(masked: str, mt: Mention) -> bool:
    """A name before the noun that speaks for it ("the union's members", "Harbour Board officials")."""
    m = _NEXT_WORD_RE.match(masked, mt.end)
    return m is not None and m.group(1) in _HEAD_NOUNS


_BY_MEANS_BEFORE_RE = re.compile(r"(?:\b(?:was|were|is|are|be|been|being)(?:[ ]+\w+ly)?[ ]+\w+)?[ ]by[ ]$")


# Participles that are speech whatever their object ("by claiming victory", "by encouraging people to
# volunteer" are not).
_BY_SPEECH = frozenset(
    _words(
        "saying telling asking arguing promising pledging vowing denouncing condemning criticizing "
        "criticising attacking accusing blaming praising touting declaring announcing insisting suggesting "
        "warning questioning calling mocking ridiculing interjecting tweeting speaking talking"
    )
)


def _by_means(masked: str, v: int) -> bool:
    """A speech participle after "by" that names how the subject did something ("won the race by promising
    ...", "surprised the room by asking ..."), not the agent of a passive ("was hurt by saying" is rare,
    "was criticized by ..." names someone else)."""
    if masked[v - 4 : v] != " by " or masked[v : masked.find(" ", v)].rstrip(",.;") not in _BY_SPEECH:
        return False
    m = _BY_MEANS_BEFORE_RE.search(masked, max(0, v - 40), v)
    return m is not None and not m.group().lstrip().startswith(("was", "were", "is", "are", "be"))


# "X proposed ... and said", "X put off the vote but said", "X ..., and on Monday announced", "but now said"
_COORDINATED_RE = re.compile(
    r"[ ](?:and|but)(?:[ ]+(?:then|also|later|now|has|have|had|on[ ]\w+day|last[ ]week|this[ ]week))?[ ]+$"
)


def _opening_phrase(lead: str) -> bool:
    """Whether the words before a sentence's subject are a short opening phrase set off by a comma ("On
    Monday,", "In a statement,"), or a longer one that opens with a preposition ("At a rally in Portsmouth,
    N.H., on Tuesday,")."""
    if not lead.endswith(","):
        return False
    words = lead.split()
    return len(words) <= 6 or (len(words) <= 14 and words[0].lower() in _PREPOSITIONS)


def _clause_subject(
    masked: str, mentions: list[Mention], subject: Mention, sent: int, v: int, kinds: tuple[str, ...]
) -> tuple[Mention, int]:
    """The subject of the clause ``v`` stands in, and where that clause starts: "A signed an order ..., while
    B, the former governor, proposed ... and said": the clause after "while" (or "; ", ", but") has a
    subject of its own, nearer the verb than the sentence's."""
    for o in mentions:
        if o.start >= v:
            break
        if (
            subject.end < o.start
            and o.canonical
            and o.kind in kinds
            and not o.piece.modifier
            and _NEW_CLAUSE_RE.search(masked, max(0, o.start - 14), o.start) is not None
        ):
            subject, sent = o, o.start
    return subject, sent


def _clause_opens(masked: str, at: int, subordinate: bool = False) -> bool:
    """Whether a clause of its own opens right before ``at`` ("..., and the Harbour Union has sued ...";
    with ``subordinate`` also "once X answered it by listing": a "by" phrase stays in its clause)."""
    if _NEW_CLAUSE_RE.search(masked, max(0, at - 14), at) is not None:
        return True
    return subordinate and _SUBORDINATE_RE.search(masked, max(0, at - 12), at) is not None


_SUBORDINATORS = frozenset(
    _words("after when as because since before until although though if while once unless")
)
_SUBORDINATE_RE = re.compile(
    r"[ ](?:after|when|as|because|since|before|until|although|though|if)[ ]+(?:the[ ]+)?$"
)
_NEW_CLAUSE_RE = re.compile(r"(?:,[ ]+(?:while|whereas|but|and)|;|[ ]while|[ ]whereas)[ ]+(?:the[ ]+)?$")
_COLON_AFTER_RE = re.compile(r"(?:,[ ]+[A-Z][\w.&' -]{1,40})?(?:[ ]+\(@?[\w.-]{1,14}\))?[ ]*:[ ]*[\"“\x00]")
# Where a "Name: "..."" line may also start inside a paragraph: after a sentence's end or a dash.
_COLON_OPENS_RE = re.compile(r"(?:[.!?…\x00][\"”\x00]?|[ ](?:—|–|-|--))[ ]+$")
_COLON_TEXT_RE = re.compile(
    r"(?:[ ]+\([\w.-]{1,12}\))?[ ]*:[ ]+[A-Z\x00\"“]"
)  # "Jeb Bush: Student loans ..."


def _short_line(masked: str, at: int) -> bool:
    """A line that ends within a few words of ``at``: a section heading ("Cruz: Just hang on."), no speech."""
    end = masked.find("\n", at)
    return len(masked[at : end if end != -1 else len(masked)].split()) < 8


_DASH_BEFORE_RE = re.compile(r"(?:^|[\x00\"”.!?\n)]|\w)[ ]*(?:—|–|--|(?<=[ \"”\x00\n])-)[ ]*$")
_DASH_AFTER_RE = re.compile(r"[ ]*(?:\(@?\w+\)|[.]?(?:$|\n|<)|[ ]+[A-Z][a-z]+[ ]+\d)")


_REPORTED_BEFORE_RE = re.compile(
    r",[ ](?P<who>[^,;:\x00\"“”]{2,60}?)[ ](?:said|says|added|reported|told[ ][a-z]+),[ ]$"
)
_ASIDE_BEFORE_RE = re.compile(r",[ ](?P<pronoun>[Hh]e|[Ss]he)[ ](?P<verb>[a-z]+),[ ]$")


def _has_dash(text: str) -> bool:
    return "—" in text or "–" in text or "-" in text


def _more_events(
    state: _Article,
    masked: str,
    mentions: list[Mention],
    events: list[Event],
    ends: list[int],
    saying: list[re.Match[str]],
    claimed: set[int],
    antecedent: Callable[..., str | None],
) -> None:
    """Speech events that are not "name + verb" or "verb + name": a participle after the sentence's
    subject ("Trump defended the remarks, calling them ..."), a name and a colon before a quote
    ("Bush: \"The mission ...\""), a dash and a name after a tweet ("... — Paul Ryan (@SpeakerRyan)")."""
    speaking = ("person", "organisation", "outlet", "group")
    found: list[tuple[list[Mention], list[int]]] = []

    def subject_of(sent: int, v: int) -> Mention | None:
        """The sentence's subject before ``v``; the subjects worked out on first need (most calls need none,
        and nothing they read changes during this call)."""
        if not found:
            subjects = _subjects(masked, mentions, ends, (*speaking, "country"))
            found.append((subjects, [mt.start for mt in subjects]))
        subjects, starts = found[0]
        i = bisect_left(starts, sent)
        subject = subjects[i] if i < len(subjects) and starts[i] < v else None
        if subject is not None and subject.kind != "person":
            # "Tory Shadow Chancellor Tom Ash ... but said": the run's person speaks, not its party
            person = [
                o for o in mentions if (o.start, o.end) == (subject.start, subject.end) and o.kind == "person"
            ]
            if person and person[-1].canonical:
                return person[-1]
        return subject

    for m in saying:
        verb = m.group()
        v = m.start()
        # A phrase of saying counts by its first word: "..., calling for an inquiry", "..., releasing a
        # statement that ..." (its noun or particle is the speech; no reported words needed).
        phrase = " " in verb
        if v in claimed or not verb.split(" ", 1)[0].endswith("ing") or verb not in state.verbs:
            continue
        by = _by_means(masked, v)  # "... won the nomination by promising ...": the subject's means is speech
        # A dash may stand for the comma ("X changed sides on the spot – saying ..."), unless a second dash
        # closes an aside ("Harbour Ltd -- responding to a letter -- agreed").
        comma = masked[v - 2 : v] == ", "
        dash = None if by or comma else _DASH_PARTICIPLE_RE.search(masked, max(0, v - 5), v)
        if not comma and not by and dash is None:
            continue
        rule = "by-participle" if by else "participle"
        j = bisect_left(ends, v)
        sent_end = ends[j] if j < len(ends) else len(masked)
        rest = masked[m.end() : min(sent_end, m.end() + 120)]
        if dash is not None and dash.group(1) in masked[m.end() : sent_end]:
            continue
        if not by and not (
            rest.startswith((" that ", ":", ","))
            or any(c in rest for c in '"“\x00')
            or _THAT_SOON_RE.match(rest) is not None
            or _clause_follows(verb, rest)
            or verb in _OBJECT_SPEECH
            or phrase
        ):
            continue  # "flew to the city, observing the rescue": no reported words
        sent = _sentence_start(ends, v)
        subject = subject_of(sent, v)
        if subject is not None and not by:
            subject, sent = _clause_subject(masked, mentions, subject, sent, v, speaking)
        head = masked[sent:v].lstrip(' \n\x00"”')
        lead = masked[sent : subject.start].strip(' \n\x00"“”') if subject is not None else ""
        lead = "" if _describes_subject(lead) else lead
        if (
            subject is not None
            and not by
            and masked[sent : subject.end].lstrip(' \n\x00"“”').split(" ", 1)[0].lower() in _SUBORDINATORS
            and "," not in masked[sent : subject.start]
            and "," in masked[subject.end : v]
        ):
            subject = None  # "After Anna Berg left, the crowd cheered, saying": the main clause's words
        if subject is not None and masked.startswith(("'s ", "’s "), subject.end):
            # "Trump's row with the Khan family triggered ..., calling": not Trump's words; "the mayor's
            # husband, Will, closed ..., citing": the person in apposition to what the name owns
            subject = _owned_appositive(masked, subject, mentions)
        aside = None if by else _ASIDE_BEFORE_RE.search(masked, max(sent, v - 40), v)
        if aside is not None and aside.group("verb") in state.verbs:
            # "Mr Blair has failed ..., he claimed, saying ...": the participle goes on from the reporting
            # clause just before it, not from the sentence's subject.
            pronoun = aside.group("pronoun").lower()
            at = aside.start("pronoun")
            events.append(Event(v, antecedent(at, pronoun, True), pronoun, m.end(), "participle", verb))
            claimed.add(v)
        elif not by and (told := _REPORTED_BEFORE_RE.search(masked, max(sent, v - 80), v)) is not None:
            # "A closed the pier, the council said, adding ...", "..., Tomas Brandt said, adding ...": the
            # participle goes on from the reporting clause just before it: its name, or no one named.
            reporter = [
                o for o in mentions if o.end == told.end("who") and o.canonical and o.kind in speaking
            ]
            if reporter:
                events.append(
                    Event(
                        v,
                        reporter[-1].canonical,
                        reporter[-1].canonical or "",
                        m.end(),
                        rule,
                        verb,
                        reporter[-1].start,
                    )
                )
            claimed.add(v)
        elif (
            subject is not None
            and (
                (not by and (not lead or _opening_phrase(lead) or _clause_opens(masked, subject.start)))
                # after "by", one clause from the sentence's first word: "X won the seat by promising ..."
                or (
                    by
                    and (not lead or _opening_phrase(lead) or _clause_opens(masked, subject.start, by))
                    and "," not in masked[subject.end : v]
                )
            )
        ):
            if (
                subject.kind == "country"
                or _group_not_speaker(subject, masked)  # "Republicans ... blocked the bill, saying": members
                or _modifies_next(masked, subject)  # "the RNC member said, adding": not the RNC
                or _head_noun_next(masked, subject)  # "Several Opec members said ..., citing": the members
                or _PASSIVE_BY_RE.search(masked, subject.end, v) is not None  # "X was sued by Y, claiming"
            ):
                continue
            # (the subject last: a quote goes to the subject)
            for who in (*_conjuncts(masked, subject, mentions, speaking), subject):
                events.append(Event(v, who.canonical, who.canonical or "", m.end(), rule, verb, who.start))
            claimed.add(v)
        elif not by and head[:3] in ("He ", "She") and (pronoun := head.split(" ", 1)[0].lower()) in _HE_SHE:
            events.append(Event(v, antecedent(sent, pronoun), pronoun, m.end(), rule, verb))
            claimed.add(v)
        elif (
            not by
            and head.startswith("It ")
            and "," not in head[:-2]  # ("It closed, and the board, saying ...": another subject)
            and (it_body := _it_subject(masked, mentions, ends, v - len(head))) is not None
        ):
            # "The Harbour Board closed the pier. It thanked the crews, saying ...": the body "It" stands for
            events.append(Event(v, it_body.canonical, "It", m.end(), "it-body", verb, it_body.start))
            claimed.add(v)
    for m in saying:
        # "Mike Huckabee, the former governor, proposed ... and said ...": the subject's second verb.
        v = m.start()
        verb = m.group()
        if v in claimed or verb not in state.verbs or verb.endswith("ing") or verb in _verb_bases():
            continue  # a bare form after "and" follows a modal: "X could take a gamble and call Y into ..."
        if _COORDINATED_RE.search(masked, max(0, v - 24), v) is None:
            continue
        if verb.startswith(("admit", "pledg")) and _act_not_speech(verb, masked, m.end()):
            continue  # "was elected in 1981 and admitted to the Academy in 1992": let in, no words
        sent = _sentence_start(ends, v)
        subject = subject_of(sent, v)
        if subject is None or subject.kind == "country":
            continue
        subject, sent = _clause_subject(masked, mentions, subject, sent, v, speaking)
        lead = masked[sent : subject.start].strip(' \n\x00"“”')
        if lead and not _opening_phrase(lead) and not _describes_subject(lead):
            continue
        if masked.startswith(("'s", "’s"), subject.end):
            owned = _owned_appositive(masked, subject, mentions)  # "Berg's son, Grant, ... and said"
            if owned is None:
                continue  # "The FBI's program ... and alleged"
            subject = owned
        if _RELATIVE_RE.search(masked, subject.end, v) is not None or _modifies_next(masked, subject):
            continue  # "a boy who stared at a painting and asked"
        for who in (*_conjuncts(masked, subject, mentions, speaking), subject):  # (a quote: the subject's)
            events.append(
                Event(v, who.canonical, who.canonical or "", m.end(), "coordinated", verb, who.start)
            )
        claimed.add(v)
    for mt in mentions:
        if mt.quoted or mt.piece.modifier or not mt.canonical or mt.kind not in speaking:
            continue
        if mt.piece.text in _PLATFORMS:
            continue  # 'On Twitter, Ana Lind wrote: "..."': where the words went up, not a roundup line
        # Every colon form has its colon later on the name's line (none of their patterns crosses a line
        # break) and the dash form a dash just before the name: with neither, nothing below can match.
        line_end = masked.find("\n", mt.end)
        if masked.find(":", mt.end, len(masked) if line_end == -1 else line_end) == -1 and not _has_dash(
            masked[max(0, mt.start - 6) : mt.start]
        ):
            continue
        line_start = masked.rfind("\n", 0, mt.start) + 1
        at_line_start = masked[line_start : mt.start].strip(' \x00"“') == ""
        if (
            at_line_start
            and (
                _COLON_AFTER_RE.match(masked, mt.end)
                or (
                    mt.kind == "person"
                    and _COLON_TEXT_RE.match(masked, mt.end)
                    and " " in mt.canonical
                    and not _short_line(masked, mt.end)
                )
            )
        ) or (
            # 'Pollsters agree - Carl Bialik: "..."', '... ISIS." Bush: "The mission ..."'
            not at_line_start
            and _COLON_AFTER_RE.match(masked, mt.end)
            and _COLON_OPENS_RE.search(masked, max(line_start, mt.start - 8), mt.start)
        ):
            events.append(Event(mt.end, mt.canonical, mt.canonical, mt.end + 1, "colon", ":", mt.start))
        elif (
            _has_dash(masked[max(0, mt.start - 6) : mt.start])
            and _DASH_BEFORE_RE.search(masked, max(0, mt.start - 6), mt.start)
            and _DASH_AFTER_RE.match(masked, mt.end)
            and _signed(masked, line_start, mt.start)
        ):
            events.append(Event(mt.start, mt.canonical, mt.canonical, mt.end, "dash", "—", mt.start))
    events.sort(key=lambda e: e.pos)


_NP_NOUN_SET = frozenset(w + s for w in _NP_NOUN_WORDS for s in ("", "s"))
_LIST_GAP_RE = re.compile(
    r"(?:,[ ]*|[ ]+)(?:(?:and|or)[ ]+)?"
    r"(?:(?:the|a|an)[ ]+(?:spokes(?:man|woman|person)|representative|office)[ ]+(?:for|of)[ ]+)?"
)
_ROLE_GAP_RE = re.compile(
    r"(?:[ ]*\([A-Z][\w.]{1,10}\))?(?:['’]s[ ]+|(?:['’]s)?(?:[ ]+[0-9]*[a-z-]+){1,4},?[ ]+)"
)  # "OIC head Yousef", "CNN's Jake Tapper"
_AND_BY_GAP_RE = re.compile(r"[ ]+[^.;:!?\x00\n]{0,80}?[ ]and[ ]+by[ ]+(?:the[ ]+)?")
_PASSIVE_RE = re.compile(
    r"\b(?:was|were|is|are|been|being|be)(?:[ ]+(?:\w+ly|often|also|even|still|now))?[ ]+$"
)
_PROGRESSIVE_RE = re.compile(r"\b(?:was|were|is|are|been|be|am)\b")
_AUX_BEFORE_RE = re.compile(
    r"\b(?:will|would|could|can|may|might|must|should|shall|did|do|does|to|also|often)\b"
)
# A name directly after an inverted "said" that is followed by its own verb is the content's subject
# ("..., said Obama failed to"), not the speaker.
_CONTENT_SUBJECT_RE = re.compile(
    r"[ ]+(?:(?:also|still|never|not|now|then|just|already|only|recently|previously|had)[ ]+)?"
    r"(?:was|were|is|are|has|have|had|would|will|could|can|should|must|may|might|did|does|do|wants|needs|"
    r"[a-z]+ed|(?!news\b)[a-z]{3,}[^s]s)\b"
)
# More ways the name after an inverted "said" opens the reported words: a quote straight after it (no
# comma), a possessive with a common noun, an adverb and a verb ("said Obamacare so far has been ...").
_CONTENT_OPENS_RE = re.compile(
    r"(?:[ ]+[\"“]?\x00"
    r"|['’]s[ ]+[a-z]{3,}\b(?!(?:[ ]+(?!(?:to|in|at|on|for|with|from|by)\b)[a-z-]+){0,3}[ ]+(?:[A-Z]|of\b))"
    r"|[ ]+(?:so[ ]+far|[a-z]+ly)[ ]+(?:was|were|is|are|has|have|had|would|will|could|can|should|[a-z]+ed)\b)"
)
# A name after a preposition is not a subject ("the former CEO of Hewlett-Packard added"), unless the
# preposition hangs off a staff noun: then its principal speaks ("a spokeswoman for YouTube said").
_PREPOSITIONS = frozenset(
    _words(
        "of for at from by in with on to about against than into over under between among during toward "
        "towards behind despite via within without through around near inside outside across beside past "
        "throughout alongside beyond upon onto amid unlike including regarding versus"
    )
)
_CONJUNCTION_PREPOSITIONS = frozenset(_words("after before since until"))


_AGENT_PREP_RE = re.compile(r"\b(?:by|from|including|with|alongside|like|among)[ ]+(?:the[ ]+)?$")


def _run_opener(run: list[Mention], mt: Mention) -> bool:
    """Whether what stands before a run stands before ``mt`` too: its first piece, or a piece joined to the
    one before by "and" ("the board in Kingsmouth and Eastport said": both towns are the preposition's
    objects), unless a person follows what is no person ("the head of Harbour Board and Anna Berg said")."""
    i = next((k for k, o in enumerate(run) if o is mt), -1)
    while i > 0 and run[i - 1].piece.conj and (mt.kind != "person" or run[i - 1].kind == "person"):
        i -= 1
    return i == 0


# " in Velmora, " right before a country or region: the place a body before "in" sits in.
_IN_CITY_BEFORE_RE = re.compile(r"[ ]in[ ](?:[A-Z][\w'’.-]*[ ]){0,2}[A-Z][\w'’.-]*,[ ]$")


_QUOTED_OF_RE = re.compile(r"[ ](?:of|at|from|for|with)[ ][\"“]$")
_OF_QUOTED_AFTER_RE = re.compile(r"[ ](?:of|at|from|for|with)[ ][\"“][^\"“”\x00\n]{1,40}[\"”]")


def _prep_before(text: str, at: int) -> bool:
    """Whether a preposition (then perhaps "the") stands right before ``at``: "the CEO of [Hewlett-Packard]",
    "before the [Supreme Court]" (but "after [Sanders] said": a conjunction). Plain string work: this runs
    for most names of an article."""
    if 0 < at <= len(text) and text[at - 1] != " ":
        return False  # (what the slice's test below finds, without the slice)
    before = text[max(0, at - 30) : at]
    if not before.endswith(" "):
        return False
    words = before.split()
    if not words:
        return False
    last = words[-1].lower()
    if last == "the" and len(words) >= 2:
        previous = words[-2].lower()
        if previous in _CONJUNCTION_PREPOSITIONS:
            return True
        last = previous
    return last in _PREPOSITIONS


_OF_OWNER_RE = re.compile(r"[ ](?:of|at|from|with)[ ]+(?:the[ ]+)?[A-Z][\w.&-]*(?:[ ]+[A-Z][\w.&-]*){0,3}$")


def _owned_body(masked: str, mt: Mention, by_start: dict[int, Mention]) -> int | None:
    """Where the capitalised run after a person's "of"/"at"/"from"/"with" phrase ending in a possessive
    ends ("Anna Berg of Norway's [Bergen University]"); None when ``mt`` is not followed so."""
    at = mt.end
    if masked[at : at + 3] not in ("'s ", "’s "):
        return None
    of = _OF_OWNER_RE.search(masked, max(mt.start, at - 60), at)
    if of is None or not masked[mt.start : of.start()].endswith(mt.piece.text.split()[-1]):
        return None
    body = by_start.get(at + 3)
    return body.end if body is not None else None


def _opens_with_prep(masked: str, mt: Mention) -> bool:
    """A run that opens a sentence with a capitalised preposition the name drops ("At Harbour West, where ...,
    X, the club's president, suggested"): the name is that preposition's object."""
    first = masked[mt.start : mt.start + 8].split(" ", 1)[0]
    if first.lower() not in _PREPOSITIONS or not first[:1].isupper() or mt.piece.text.startswith(first):
        return False
    rest = masked[mt.start + len(first) + 1 : mt.end]
    # (the name straight after it: "On Tuesday Rangers said" is a time, then the subject)
    return rest.startswith(mt.piece.text) or rest.startswith(f"the {mt.piece.text}")


_STAFF_OF_RE = re.compile(
    r"\b(?:(?:[Ss]pokes(?:man|woman|person|people|men|women)|[Rr]epresentatives?|[Aa]ides?|[Aa]dvisers?|[Aa]dvisors?|"
    r"lawyers?|attorneys?|campaign|office|staff|staffers|team|officials?|press secretary|"
    r"communications director)[ ]+(?:for|of|to|with|from|at)|"
    r"(?:statement|letter|tweet|message)[ ]+(?:from|by))"
    r"[ ]+(?:the[ ]+)?$"
)
_LIST_SEP_RE = re.compile(
    r"(?:,(?:[ ]+(?:and|or))?|[ ]+(?:and|or))[ ]+(?:(?:the|some|other|several|many)[ ]+(?:more[ ]+)?)?$"
)
_OPENING_ANCHOR_RE = re.compile(r"(Said|Added|Wrote|Explained|Noted|Continued|Remarked)[ ]+[A-Z]")
# A lower-case word (not "including", "like", "as") right before a name: the name is an object ("thanked A").
_OBJECT_LEAD_RE = re.compile(r"\b(?!(?:including|like|as|and)\b)[a-z]+[ ]+$")
# ", a pilot, and ", ", the ferry's skipper, and ": a person's appositive, then "and" and the next person.
_APPOS_AND_RES = (
    re.compile(r",[ ]+(?:(?:an?|the)[ ]+)?[a-z][^,;:\"“”\x00()\n]{2,80},[ ]+and[ ]+$"),
    # (", head of the Pilots Union, a small group, and ")
    re.compile(
        r",[ ]+(?:(?:an?|the)[ ]+)?[a-z][^,;:\"“”\x00()\n]{2,80}"
        r",[ ]+(?:an?|the)[ ]+[^,;:\"“”\x00()\n]{2,60},[ ]+and[ ]+$"
    ),
)
_LIST_SEP_TITLE_RE = re.compile(
    r"(?:[ ]+\([A-Z][\w.-]{0,12}\))?[ ]+and[ ]+"
    r"(?:(?:former|then|late|retired|state|[A-Z][\w.'’-]*|of)[ ]+){1,5}$"
)
_ALLEGED_ADJ_RE = re.compile(r"[ ]+[a-z]+s[ ]+(?:to|with|between|in)\b")
# The opening of a list of examples inside an appositive, up to a name: ", including the", ", like A and".
_DASH_IN_RE = re.compile(r"[ ](?:—|–|--)[ ]")
_EXAMPLES_LEAD_RE = re.compile(
    r",[ ]+(?:including|like|such[ ]+as|among[ ]+them|notably)[ ]+(?:the[ ]+)?"
    r"(?:[A-Z][^,;:\x00]{0,60}(?:,[ ]+|[ ]+and[ ]+|[ ]+or[ ]+)(?:the[ ]+)?)*$"
)
_STAFF_TO_RE = re.compile(
    r"\b(?:[Aa]ides?|[Aa]dvis[eo]rs?|[Ss]pokes(?:man|woman|person|people|men|women)|[Ll]awyers?|[Aa]ttorneys?)"
    r"[ ]+(?:to|for)[ ]+(?:the[ ]+)?$"
)
_EXAMPLES_BEFORE_RE = re.compile(r"\b(?:including|with|like|among|as)[ ]+(?:the[ ]+)?$")
_EXAMPLES_RE = re.compile(r"[ ]*,[ ]*(?:such[ ]+as|including|among[ ]+them|notably|like)\b")


def _role_gap_words(gap: str) -> bool:
    """Words between two names that can be a role before the second ("Pentagon spokesman Navy Capt.",
    "BA director of commercial planning,", "CNN's"), not the first name's employer or a clause ("said analyst
    X at Y", "X of the non-partisan Y Report", "said the senator's visit to Iowa", "an FBI summary of its
    investigation, Ann Vale")."""
    words = gap.replace(",", " ").split()
    if not words or words[0] in _INV_GAP_STOP:
        return False
    return not any((w in _INV_GAP_STOP and w != "of") or w in _GAP_FUNCTION_WORDS for w in words)


_GAP_FUNCTION_WORDS = frozenset(_words("a an the its his her their our my your"))
_ASKED_WHO_RE = re.compile(r"[,\x00\"”]?[ ]*asked\b(?![ ]+by\b)")  # "was asked by X whether": X asks
_ASKED_WHAT_RE = re.compile(r"[ ]+(?:whether|if|to|about|for|how|why|what|when|where|who)\b")
_INV_GAP_STOP = frozenset(
    _words(
        "of at in on to with about during after before from for into over under by against than him them us "
        "me it this that these those"
    )
)
_POLL_WORDS = frozenset(_words("poll polls polling survey surveys"))
# A body's own report, straight after its name ("according to the Harbour Times website", "according to a
# Radio Kestrel report"): its words, unlike its data or a poll it ran.
_OWN_REPORT_RE = re.compile(r"(?:['’]s?)?[ ]+(?:report|reports|article|story|website|statement)\b")
_REPORTING_KINDS = frozenset(("outlet", "organisation", "government", "unknown"))
_SEEN_BY = frozenset(_words("obtained reviewed seen viewed examined"))
_RETURNED_RE = re.compile(
    r"\breturn(?:ed|s|ing)?[ ]+(?:(?:a|an|the|his|her|its|their|several|repeated|multiple)[ ]+)?"
    r"(?:(?:phone|telephone|voice|e-?mail)[ ]+)?$"
)
_DATA_NOUN_RE = re.compile(
    r"(?:['’]s?)?(?:[ /-]*[\w.&-]+){0,3}?[ ]+(?:poll|polls|polling|survey|surveys|data|figures|numbers|"
    r"estimates?|analysis|"
    r"study|studies|research|records?|filings?|documents?|count|tally|tracker|profile|page|website|site|"
    r"index|database|calculations?|projections?|models?|rankings?|ratings?|report|reports|article|story|"
    r"results?|statistics|census|tracking|map|posts?|summary|summaries|playbook|lawsuits?|listings?)\b"
)


# A government, city or mission named by the place it is of ("the government of X said", "the city of X
# announced", "the embassy of X said"): the place speaks through it, as for "X's government said".
# Only as a subject: "in the northern city of X reported" is a place the reporters are in (_seat_of).
_SEAT_OF_RE = re.compile(
    r"\b[Tt]he[ ]+"
    r"(?:(?P<seat>[Ee]mbassy|[Cc]onsulate|[Cc]ity|[Tt]own|[Mm]unicipality)"
    r"|(?:[a-z]+[ ]+)?(?P<gov>[Gg]overnment))"
    r"[ ]+of[ ]+(?:the[ ]+)?$"
)


def _seat_of(masked: str, at: int) -> re.Match[str] | None:
    """ "The government of" (city, embassy ...) right before ``at``, itself no preposition's object."""
    seat = _SEAT_OF_RE.search(masked, max(0, at - 40), at)
    return None if seat is None or _prep_before(masked, seat.start()) else seat


_ROLE_AFTER_PREP_RE = re.compile(
    r"\b(?:of|for|at|from|by|in|with|to|about|against)[ ]+(?:the|a|an)[ ]+(?:[a-z-]+[ ]+){0,2}?"
    r"(?P<role>[a-z-]+)[ ]+$"
)
_OPEN_APPOS_RE = re.compile(
    r",[ ]+(?:who[ ]+(?:is|was|has[ ]+been)[ ]+)?(?:(?:an?|the)[ ]+)?(?:[a-z-]+[ ]+){1,4}"
    r"(?:at|of|for|with)[ ]+(?:the[ ]+)?$"
)
_NEGATED_RE = re.compile(r"\b(?:[Nn]one[ ]+of(?:[ ]+the)?|[Nn]either|[Nn]or|[Nn]o)[ ]+$")
_SAID = frozenset(_words("said says"))
_TITLE_OF_RE = re.compile(r"[ ](?:of|for|at)[ ]+(?:the[ ]+)?$")
_AS_A_RE = re.compile(r"\bas[ ]+(?:a|an|the)[ ]+(?:[\w-]+[ ]+){0,2}$")
_RELATIVE_RE = re.compile(r"\b(?:who|whom|whose|which|that)\b")
_PRONOUN_IN_POST_RE = re.compile(r"\b(?:which|who|whom|he|she|they|it|we|I)\b")


def _described_object(masked: str, mt: Mention, m: re.Match[str], ends: list[int]) -> bool:
    """Whether ``mt`` stands inside a description of someone named after it: a lower-case word before it in
    its sentence ("One sailor backing Mr. X, Y, said"), not a list ("A, B and C said")."""
    appos = m.group("appos")
    if " and " in appos or " or " in appos:
        return False
    lead = masked[_sentence_start(ends, mt.start) : mt.start].rstrip()
    if not lead or lead.endswith((",", " and", " or")):
        return False
    return any(w[:1].islower() for w in lead.split())


# ", who endorsed ", ", who has long backed the ": a relative clause's verb (and a determiner) before a name.
_RELATIVE_VERB_RE = re.compile(
    r",[ ]+(?:who|which)[ ]+(?:(?:has|had|have)[ ]+)?(?:[a-z]+ly[ ]+)?[a-z]+(?:[ ]+(?:the|a|an))?[ ]+$"
)


# A name that is the object inside a relative clause whose head is a common noun: the head (unnamed) is
# the subject of the verb after the clause ("the lawyer who had represented A said", "the group, which
# includes A, said", "the fund, whose backers include A, said"). Not a name right after the pronoun and its
# article: that is the clause's subject ("the action, which the Harbour Board said was ...").
_UNNAMED_HEAD_RELATIVE_RE = re.compile(
    r"(?:^|[ ])[a-z]+,?[ ]+(?:who|which|whose[ ]+[a-z]+)[ ]+(?!(?:the|a|an)[ ])(?:[a-z]+[ ]+){1,3}$"
)


def _describes_name(words: str) -> bool:
    """Whether the word before a name describes it ("which newspaper The Courier described", "whom
    economist Anna Berg quoted"): then the name is the clause's subject, not an object."""
    last = words.split()[-1]
    if last.endswith("ed") or last in ("for", "or", "former", "late"):
        # a verb ("who had accused A"), a preposition ("who voted for A"), an adjective of the name's title
        # ("who had accused former Senator A"): A is the object
        return False
    return _role_like(last) or last in _ORG_NOUNS or last in _VIA_OUTLET_WORDS or last == "magazine"


def _relative_object(masked: str, mt: Mention, m: re.Match[str]) -> int | None:
    """Where the relative clause's head ends when ``mt`` is the object of a verb inside it and the verb of
    saying after it is the clause's second verb ("A, who endorsed B in May and said"); else None."""
    rel = _RELATIVE_VERB_RE.search(masked, max(0, mt.start - 50), mt.start)
    if rel is None or " and " not in masked[mt.end : m.start("verb") + 1]:
        return None
    return rel.start()


def _not_a_subject(mt: Mention, m: re.Match[str], masked: str, ends: list[int]) -> bool:
    """Positions where a name before a verb of saying is not that verb's subject: a country as an
    adjective ("a U.S. law enforcement official said"), a complement ("as a former Census-taker who has
    written"), the object of a preposition behind a role noun ("from the cartoonist Garry Trudeau called"),
    a name closing someone else's appositive ("with Muslim aide Huma Abedin, cited"), a post-modifier that
    holds its own subject ("The Associated Press in which he hinted")."""
    title = masked[mt.start : mt.end - len(mt.piece.text)]
    if (
        masked.startswith(mt.piece.text, mt.end - len(mt.piece.text))
        and _TITLE_OF_RE.search(title) is not None
        and _STAFF_OF_RE.search(title.lower()) is None  # ("Lawyers for Anna Berg said": the principal speaks)
    ):
        return True  # "the former CEO of Harbour Bank added": the run's title speaks, the bank is its object
    before = masked[max(0, mt.start - 50) : mt.start]
    if (rel := _UNNAMED_HEAD_RELATIVE_RE.search(before)) is not None and not _describes_name(rel.group()):
        return True  # "The lawyer who had represented A said", "the fund, whose backers include A, said"
    said_next = m.start("verb") == mt.end + 1 and m.group("verb") in _SAID  # "as the host X said": a clause
    if _AS_A_RE.search(before) is not None and not said_next:
        return True
    role = _ROLE_AFTER_PREP_RE.search(before)
    if (
        role is not None
        and (_role_like(role.group("role")) or _kind_apposed(mt, before, role))
        and _STAFF_OF_RE.search(before) is None
    ):
        return True
    if m.group("comma") and not m.group("appos"):
        lead = masked[_sentence_start(ends, mt.start) : mt.start].strip(' \n\x00"“”')
        if _EXAMPLES_LEAD_RE.search(lead) is not None:
            return False  # "Six newspapers, including the X Press, said", "others, like A, said": examples
        # "The new finance minister, economist Teresa Vidal, told": an appositive to the subject speaks.
        opened = lead.rsplit(",", 1)[-1].split() if "," in lead else None
        words = lead.split()
        if (
            lead
            and not lead.endswith(",")
            and len(words) > 1
            and (opened is None or len(opened) > 3 or any(w[:1].isupper() for w in opened))
            and not (
                len(words) <= 5 and words[0].lower() in ("the", "a", "an")
            )  # "The security firm X, has said"
        ):
            return True
    appos = m.group("appos")
    if appos and ")" in appos and "(" not in appos[: appos.index(")")]:
        return True  # "(like aide X, who called him "a psychopath"), has emphasized": X is in a parenthesis
    post = m.group("post")
    return bool(post) and _PRONOUN_IN_POST_RE.search(post) is not None


_VIA_OUTLET_WORDS = frozenset(_words("agency newspaper broadcaster paper channel wire"))
# Platforms that carry someone's words ("according to police via Twitter"), never their speaker.
_PLATFORMS = frozenset(
    _words("Twitter Facebook Instagram YouTube WhatsApp Telegram Weibo WeChat TikTok Snapchat")
)


def _inverted_ok(inv: re.Match[str], mt: Mention, masked: str) -> bool:
    """Whether the name after an inverted anchor ("said X", "according to X") is its speaker: not the
    subject of the reported clause ("said Obama failed"), not a name behind a preposition or a determiner
    ("according to his Facebook profile", "according to a CNN poll"), not a document's owner."""
    words = inv.group().lstrip(',\x00"” ').split()
    if words and words[-1] == "via" and mt.piece.text in _PLATFORMS:
        return False  # "according to police via Twitter": the platform carries the words, says nothing
    # Connectors inside a name ("Center for Biological Diversity scientist") are not the gap's own words.
    low = [
        ""
        if 0 < i < len(words) - 1 and words[i - 1][:1].isupper() and words[i + 1][:1].isupper()
        else w.lower()
        if w != "US"  # "said US lawyer Anna Berg": the country, not the pronoun "us"
        else "u.s."
        for i, w in enumerate(words)
    ]
    low = [w.strip(",") for w in low]
    if low[:2] == ["asked", "by"]:
        # "Asked by host John Dickerson whether ...": the asker stands right after "by" (a role may come
        # first); "asked by a reporter whether this differed from Nazi Germany" names no asker.
        return not _describes_next(masked, mt.end) and all(
            _role_like(w) and w not in _UNNAMED_DETERMINERS for w in low[2:]
        )
    if low[0] in ("message", "call", "calls", "messages") and _RETURNED_RE.search(
        masked, max(0, inv.start() - 40), inv.start() + len(inv.group()) - len(inv.group().lstrip(',\x00"” '))
    ):
        return False  # "did not return a phone message from X": X asked for comment, said nothing reported
    according = low[:2] == ["according", "to"]
    if according and inv.group().rstrip().endswith(",") and not masked.startswith(",", mt.end):
        return False  # "According to the statement, Brandt met ...": the name opens the clause after it
    # The words between the anchor's last word ("to", "by", "from", the verb) and the name.
    cut = 1
    for i, w in enumerate(low):
        if w in ("by", "from") or (i == 1 and according):
            cut = i + 1
        elif according and w == "via" and any(x in _VIA_OUTLET_WORDS for x in low[i + 1 : i + 4]):
            cut = i + 1  # "according to the mayor of X via news agency Y": the agency relays, and speaks
    if according and cut > 2 and any(w in _POLL_WORDS for w in low[2:cut]):
        return False  # "according to a new poll by X", "polling by X": a pollster's figures, not its words
    if according and cut > 3 and low[cut - 2] in _SEEN_BY:
        return False  # "according to a copy of the letter obtained by X": X has the document, not its words
    if according and "and" in low[cut:]:
        # "according to witness videos and Radio Norte": a second source joined to the first by "and"
        cut = len(low) - low[::-1].index("and")
    gap = low[cut:]
    # "said former secretary of state Hillary Clinton": one "of" inside a role is no preposition before the
    # name ("said a friend of Hillary Clinton" still is).
    role_of = -1
    if "of" in gap:
        j = len(gap) - 1 - gap[::-1].index("of")
        if j > 0 and 1 <= len(gap) - j - 1 <= 2 and _role_like(gap[j - 1]) and gap[j - 1]:
            role_of = j
    if any(w in _INV_GAP_STOP and i != role_of for i, w in enumerate(gap)):
        return False
    if (
        gap
        and cut == 1
        and not according
        and mt.kind == "person"
        and _OWNER_GAP_RE.fullmatch(" ".join(words[cut:]))
        and not masked.startswith(("'s", "’s"), mt.end)
    ):
        return True  # '"...," said the Harbour Board's Anna Berg': the person (the owner is no speaker)
    if (
        mt.kind in ("country", "place")
        and masked[mt.end : mt.end + 1] == " "
        and masked[mt.end + 1 : mt.end + 2].islower()
    ):
        return False  # "said a former U.S. law enforcement official": the country describes the speaker
    if (
        cut == 1
        and not according
        and gap[:1]
        and gap[0] in _UNNAMED_DETERMINERS
        and _describes_next(masked, mt.end)
    ):
        return False  # "said one former GOP leadership aide", "said a Clinton aide": an unnamed speaker
    if _group_not_speaker(mt, masked):
        return False  # "criticism from Democrats and Republicans", "according to Republicans who ..."
    if gap and cut == 1 and not according and low[0] not in ("by", "from"):
        # "said Democratic pollster Stan Greenberg", "said former Utah governor Michael Leavitt": the words
        # between "said" and the name describe the speaker; "said the measure would help Trump" does not.
        last = [gap[role_of - 1]] if role_of > 0 else [w for w in gap if w][-1:] or [""]
        if any(
            w in _GAP_VERBISH or (w.endswith("ed") and not w.endswith(_BASED_SUFFIXES)) for w in gap
        ) or not _role_like(last[0]):  # ("said Dover-based analyst Anna Berg": where she works)
            return False
    if _CONTENT_SUBJECT_RE.match(masked, mt.end) is not None and not masked.startswith(",", mt.end):
        return False
    if (
        not according
        and low[0] not in _NP_NOUN_SET
        and inv.group()[:1] not in ("\x00", '"', "”")  # ('"We agree" vowed A "to act"': the quote goes on)
        and _CONTENT_OPENS_RE.match(masked, mt.end) is not None
    ):
        return False  # 'said Obama "understood ..."', "said Ms. Brainard's donations ''call ...''"
    if according and _OWN_REPORT_RE.match(masked, mt.end) is not None and mt.kind in _REPORTING_KINDS:
        return True  # "according to the Coast Courier website / a Radio Kestrel report": the body's own words
    return not (according and _DATA_NOUN_RE.match(masked, mt.end) is not None)


_OWNER_GAP_RE = re.compile(rf"(?:the[ ])?(?:[{_UPPER}][\w.&-]*[ ]){{0,3}}[{_UPPER}][\w.&-]*['’]s")
# The comma and space between an unnamed speaker after the verb and a name in apposition to it.
_APPOSED_NAME_RE = re.compile(r",[ ]+")
_UNNAMED_DETERMINERS = frozenset(_words("a an one another two three several some many"))
_NEXT_WORD_RE = re.compile(r"\.?[ ]+([a-z][a-z-]*)\b")
_FUNCTION_AFTER_NAME = frozenset(
    _words(
        "of who whose which that in at from on with for and or to as by about after before during whether if "
        "why how what when where while"
    )
)


def _describes_next(masked: str, end: int) -> bool:
    """Whether a name qualifies the common noun after it ("a Clinton aide", "Wales assistant coach")."""
    nxt = _NEXT_WORD_RE.match(masked, end)
    return nxt is not None and nxt.group(1) not in _FUNCTION_AFTER_NAME


_GAP_VERBISH = frozenset(
    _words(
        "would will could can may might must should is was are were has have had be been that which who not"
    )
)
_ROLE_SUFFIXES = ("er", "or", "ist", "ian", "man", "woman", "ant", "ent", "ive", "ee", "ary", "ate")


# Role nouns the suffixes miss ("Olympic champion Kelly Holmes", "party chief X", "Obama ally X").
_ROLE_WORDS = frozenset(
    _words("champion star boss chief head legend hopeful rival ally aide hero icon veteran great favourite")
)


def _kind_apposed(mt: Mention, before: str, role: re.Match[str]) -> bool:
    """Whether ``mt`` stands in apposition to a kind of organisation behind a preposition ("a columnist for
    the tech news site X said"), not to a noun a relative clause can follow ("in a way X slammed", "the
    strategy X trumpeted"), not a person after it ("of the union Unison Dave Prentis"), not the principal of
    staff ("a spokesman for the state-run oil company X said": X speaks through them)."""
    word = role.group("role")
    if mt.kind == "person" or (word not in _org_heads() and word not in _OUTLET_NOUNS):
        return False
    prep = before[: role.start()] + role.group().split(" ", 1)[0] + " "
    return _STAFF_OF_RE.search(prep) is None


_OUTLET_NOUNS = frozenset(
    _words("site website magazine newspaper paper channel outlet blog publication station firm journal")
)


def _role_like(word: str) -> bool:
    """A word that can end a description of a person ("pollster", "governor", "spokeswoman", "senior")."""
    return (
        word.capitalize() in lexicon().titles
        or word.endswith(_ROLE_SUFFIXES)
        or word in _ROLE_WORDS
        or word == ""
    )


def _inverted_follows(m: re.Match[str], masked: str, by_start: dict[int, Mention]) -> bool:
    """After "..., said" a name stands that speaks ("..., said Larry Sabato"): the inverted reading wins."""
    if m.group("verb") not in _INV_ANCHORS or m.group("verb").startswith("told"):
        return False  # "X, a spokesman, told AFP": the name after "told" listens
    i = m.end("verb")
    if masked[i : i + 1] != " ":
        return False
    other = by_start.get(i + 1)
    if other is None or other.kind not in ("person", "organisation", "outlet", "group"):
        return False
    # ("..., said Brandt's visit to Norden would ...": the name opens the reported words)
    if m.group("verb").startswith("ask") and _ASKED_WHAT_RE.match(masked, other.end):
        return False  # "X, a columnist, asked Y if ...": Y is asked
    opens = _CONTENT_SUBJECT_RE.match(masked, other.end) or _CONTENT_OPENS_RE.match(masked, other.end)
    return opens is None


def _owned_appositive(masked: str, owner: Mention, mentions: list[Mention]) -> Mention | None:
    """The person in apposition to what a name owns: "Berg's husband, Will," → Will; "Berg's campaign
    manager, Tomas Brandt," → Brandt; None when no person follows ("Berg's row with the council ...")."""
    m = _OWNED_RE.match(masked, owner.end)
    if m is None:
        return None
    for o in mentions:
        if o.start == m.end() and o.kind == "person" and o.canonical and masked.startswith(",", o.end):
            return o
    return None


_OWNED_RE = re.compile(r"['’]s(?:[ ][\w.-]+){1,4},[ ]")


def _dashed_examples(masked: str, mentions: list[Mention], verbs: frozenset[str]) -> list[Event]:
    """Named examples in an aside between dashes before the verb speak: "Harbour officials — including
    Anna Berg and Tomas Brandt — have said", "Several ferry firms - including A, B and C - reported" (the
    group before the aside is no speaker: its verb is claimed for the examples)."""
    out = []
    for m in _DASHED_EXAMPLES_RE.finditer(masked):
        verb = _VERB_AFTER_RE.match(masked, m.end())
        if verb is None or verb.group(1) not in verbs or _act_not_speech(verb.group(1), masked, verb.end()):
            continue
        if masked.startswith(" to ", verb.end()):
            continue  # "have agreed to serve": an undertaking
        v = verb.start(1)
        last = {o.end: o for o in mentions if m.start("names") <= o.start < m.end("names")}
        for o in mentions:
            if (
                m.start("names") <= o.start < m.end("names")
                and (last[o.end] is o or o.piece.conj)  # the run's name, not its title or employer
                and o.canonical
                and not o.quoted
                and not o.piece.modifier
                and o.kind in ("person", "organisation", "outlet")
                and not masked.startswith(("'s", "’s"), o.end)
            ):
                out.append(Event(v, o.canonical, o.canonical, verb.end(), "examples", verb.group(1), o.start))
    return out


_DASH = r"(?:—|–|--|(?<=[ ])-(?=[ ]))"
_DASH_LEADS = ("including ", "such as ", "like ", "among them ", "notably ")
_DASH_MARKS = ("— ", "—", "– ", " - ", "-- ")
# Some dash of _DASH_MARKS written right before some word of _DASH_LEADS: one search of the text instead of
# one substring test per (dash, word) pair. Each branch opens with its dash (" - " as the hyphen, then a
# look back for its space), so the search skips to dashes instead of stopping at every space.
_DASH_LEAD_RE = re.compile(f"(?:—[ ]?|–[ ]|--[ ]|-(?<=[ ]-)[ ])(?:{'|'.join(map(re.escape, _DASH_LEADS))})")


def _any_dash(text: str) -> bool:
    """Whether ``text`` holds a dash one of ``_DASH_LEAD_RE``'s branches opens with (a necessary condition for
    a match: a substring test is a memchr, and a non-Latin-1 dash in a Latin-1 text is rejected at once)."""
    return any(mark in text for mark in _DASH_MARKS)


_DASHED_EXAMPLES_RE = re.compile(
    rf"{_DASH}{_OSP}(?:including|such[ ]+as|like|among[ ]+them|notably)[ ]+"
    rf"(?P<names>[^—–\n\x00;:\"“”]{{1,160}}?){_OSP}{_DASH}"
)
_VERB_AFTER_RE = re.compile(r"(?:[ ]+(?:also|long|all|both|have|has|had|[a-z]{3,}ly))*[ ]+([a-z]+)\b")


def _conjuncts(
    masked: str, subject: Mention, mentions: list[Mention], kinds: tuple[str, ...]
) -> list[Mention]:
    """The other names of a listed subject, for a verb found from the subject alone (a participle, a second
    verb): "A and B closed the pier, saying ...", "A, B and C ...". The run's other names, then each name
    that a comma or "and" joins straight after it; a list needs its "and" ("A, Harbour Board chair, ...":
    no list), and a possessive after it makes it an owner ("A and B's company closed ..., saying")."""
    out = [
        o
        for o in mentions
        if (o.start, o.end) == (subject.start, subject.end)
        and o is not subject
        and (o.piece.conj or subject.piece.conj)  # (not "Harbour Board" of "Harbour Board Director A")
        and o.canonical
        and o.kind in kinds
    ]
    joined, end = bool(out), subject.end
    while (sep := _LIST_NEXT_RE.match(masked, end)) is not None:
        nxt = [o for o in mentions if o.start == sep.end() and o.canonical and o.kind in kinds]
        if not nxt:
            break
        out.extend(nxt)
        joined = joined or (sep.group(1) or sep.group(2)) is not None or any(o.piece.conj for o in nxt)
        end = nxt[0].end
    if not joined or masked.startswith(("'s", "’s", "'", "’"), end):
        return []
    return out


def _inverted_principals(
    masked: str, mentions: list[Mention], taken: set[int], verb_ends: list[int]
) -> list[tuple[Event, int]]:
    """'"...," said a spokesman for the Harbour Board', '..., said a Harbour Board spokesman', '..., said the
    Berg campaign', '..., said an aide to Anna Berg': the staff are unnamed; the name they speak for is the
    speaker, as when the staff come before the verb. Not with a name in apposition ('said a spokesman for
    the Board, Tomas Brandt': the person), a place or a party word ('said a Swedish diplomat', 'said a
    Democratic strategist': they describe an unnamed speaker), a possessive after the name ('for the
    Board's chairman'), or one official ('said a Harbour Board official': unnamed, as before the verb).
    Each event comes with where the staff's words start ("a spokesman ...")."""
    out: list[tuple[Event, int]] = []
    by_start: dict[int, Mention] = {}
    for mt in mentions:
        k = bisect_left(verb_ends, mt.start)
        if k == 0 or mt.start - verb_ends[k - 1] > 80:
            continue  # no "said" / "says" / "added" just before the name
        if (
            mt.quoted
            or not mt.canonical
            or mt.start in taken
            or mt.kind not in ("person", "organisation", "outlet")
        ):
            continue
        if mt.piece.kind in ("demonym", "title") or mt.canonical.endswith(" Party"):
            continue
        base = max(0, mt.start - 90)
        pre = masked[base : mt.start]
        inv = _INV_STAFF_FOR_RE.search(pre)
        if inv is not None:
            end = mt.end
            if masked.startswith(("'s", "’s"), end):
                # ("for the Board's chairman": another person; "for Berg's transition team": Berg's staff)
                if (own := _OWN_STAFF_RE.match(masked, end)) is None:
                    continue
                end = own.end()
        else:
            inv = _INV_DET_RE.search(pre)
            staff = _STAFF_AFTER_RE.match(masked, mt.end) if inv is not None else None
            if inv is None or staff is None or not (inv.group("det") or inv.group("det2")):
                continue  # ("according to shipping and IT consultant X": no determiner, no unnamed staff)
            end = staff.end()
        cue = inv.group("verb") or "according to"
        if (appos := _APPOS_NAME_RE.match(masked, end)) is not None:
            # "said a spokesman for the Board, Tomas Brandt": the person in apposition to the staff speaks
            by_start = by_start or {o.start: o for o in mentions if not o.quoted}
            person = by_start.get(appos.end() - 1)
            if (
                person is not None
                and person.kind == "person"
                and person.canonical
                and person.start not in taken
            ):
                event = Event(person.start, person.canonical, person.canonical, person.end, "inv-role", cue)
                out.append((event, base + inv.start("det") if inv.group("det") else base + inv.end()))
            continue
        event = Event(mt.start, mt.canonical, mt.canonical, end, "principal-of", cue)
        out.append((event, base + inv.start("det") if inv.group("det") else base + inv.end()))
    return out


_BY_FROM_RE = re.compile(r"[ ](?:by|from)[ ]")
_INV_STAFF_VERBS = frozenset(("said", "says", "added"))
_UNNAMED_OPENERS = (" a ", " an ", " the ", " one ", " another ")
_INV_STAFF = (
    r"(?:spokes(?:man|woman|person|people|men|women)|aides?|advis[eo]rs?|lawyers?|attorneys?|strategists?|"
    r"officials|representatives?|campaign|transition|camp|press[ ]+secretary)"
)
_INV_OPEN = (
    r"(?:(?:,|\x00[\"”]?,?)[ ]+(?P<verb>said|says|added)[ ]+(?P<det>a|an|the|one|another)[ ]+"
    r"|\b[Aa]ccording[ ]+to[ ]+(?:(?P<det2>a|an|the|one|another)[ ]+)?)"
)
# '..., said a former spokesman for (the) ' just before the name
_INV_STAFF_FOR_RE = re.compile(
    rf"{_INV_OPEN}(?:[a-z-]+[ ]+){{0,2}}?{_INV_STAFF}[ ]+(?:for|to)[ ]+(?:the[ ]+)?$"
)
# " a spokesman for" (after "said"), then "the governor": the staff of a description
_INV_STAFF_FOR_THE_RE = re.compile(
    rf"[ ]+(?P<det>a|an|the|one|another)[ ]+(?:[a-z-]+[ ]+){{0,2}}?{_INV_STAFF}[ ]+(?:for|to)(?=[ ]the[ ])"
)
# '..., said a senior ' just before the name, then "('s) (campaign) spokesman" after it
_INV_DET_RE = re.compile(rf"{_INV_OPEN}(?:[a-z-]+[ ]+){{0,2}}$")
_STAFF_AFTER_RE = re.compile(rf"(?:['’]s)?[ ]+(?:(?:{_VIA_MODS}|chief)[ ]+){{0,2}}{_INV_STAFF}\b")
_APPOS_NAME_RE = re.compile(rf",[ ]+[{_UPPER}]")
# "'s (transition) team", "'s campaign": the principal's own staff, after "a spokesman for"
_OWN_STAFF_RE = re.compile(
    rf"['’]s[ ]+(?:{_VIA_MODS}[ ]+){{0,2}}(?:team|campaign|transition|office|staff|camp)\b"
)


_LIST_NEXT_RE = re.compile(r"(?:,[ ]+(?:(and|or)[ ]+)?|[ ]+(and|or)[ ]+)(?:the[ ]+)?")


def _names_only(
    appos: str, at: int, mentions: list[Mention], kinds: tuple[str, ...], any_kind: bool = False
) -> list[Mention]:
    """The names of an appositive that holds nothing but names and the commas and "and" between them
    (", A, B and C,"); empty when it holds any other word (", a group of former aides,"). Persons only,
    unless ``any_kind`` (then of any of ``kinds``, and "the" may stand before each: "A and the B")."""
    names = [o for o in mentions if at <= o.start and o.end <= at + len(appos) and o.canonical]
    rest = list(appos)
    for o in names:
        rest[o.start - at : o.end - at] = " " * (o.end - o.start)
    if not names or not (_ALONG_REST_RE if any_kind else _LIST_REST_RE).fullmatch("".join(rest)):
        return []
    return [o for o in names if o.kind in kinds and (any_kind or o.kind == "person")]


_LIST_REST_RE = re.compile(r"[ ,]*(?:(?:and|or)[ ]+)?[ ,]*")
_ALONG_REST_RE = re.compile(r"(?:[ ,]|and[ ]|the[ ])*")  # (one way to read each character: linear)
_ALONG_RE = re.compile(r"[ ]*,[ ]*(?:along|together)[ ]+with[ ]+")


def _group_not_speaker(mt: Mention, masked: str) -> bool:
    """Members of a group are not the group: "Americans say", "Republicans said", "the Democrats stressed"
    (a party speaks in the singular: "Labour said", "the Republican Party said")."""
    text = masked[mt.start : mt.end]
    if mt.piece.kind == "demonym":
        return text.endswith("s") and _ACTOR_NEXT_RE.match(masked, mt.end) is None
    if not text.endswith("s") or mt.canonical is None or mt.canonical == text:
        return False
    return mt.canonical.endswith(" Party")


_ACTOR_NEXT_RE = re.compile(r"[ ]+(?:officials?|government|authorities|leaders?|ministry|military|army)\b")


def _cue_of(anchor_text: str) -> str:
    """The cue word of an inverted anchor ("according to", "said", "statement")."""
    words = anchor_text.split()
    if not words:
        return ""
    first = words[0].lower()
    return "according to" if first == "according" else first


# -s forms that are more often plural nouns: speech only with reported words after them ("claims that").
_NOUNY = frozenset(
    _words(
        "states claims comments remarks posts emails messages requests demands tweets questions attacks "
        "promises pledges vows answers charges counters objects protests quotes cites statements responses "
        "reports calls brands"
    )
)
_REPORTS_WHAT_RE = re.compile(r"[ ](?:an?[ ]|\d)")
_HAVE_RE = re.compile(r"\b(?:have|has|had)(?:[ ]+\w+ly)?[ ]+$")
# A count or a plural determiner straight before the name makes the name a noun's modifier ("those Tory
# claims"); an -ed word does not ("derided Tory claims": the Tories claimed).
_MODIFIER_BEFORE_RE = re.compile(r"(?:\b\d[\d,.]*|\b(?:these|those|many|several))[ ]$")
_NOUN_NEXT_RE = re.compile(
    r"[ ]+(?:show|shows|showed|suggest|suggests|indicate|indicates|say|said|says|found|find|finds|are|were|"
    r"is|was|have|has|had|will|would|can|could|may|might|[a-z]+ed)\b"
)


# "Sanders calls himself a socialist", "Rivera calls a screaming rival a fascist": a verb, not "calls for".
_CALLS_OBJECT_RE = re.compile(
    r"[ ]+(?:himself|herself|themselves|itself|him|her|them|it|this|that|a|an|the)\b"
)
_SPEAK_FORMS = frozenset(_words("speak speaks spoke spoken speaking talked talking"))
_CALL_FORMS = frozenset(_words("call calls called calling"))
# Verbs that report only with the words they report: "advised that", not "advised on three deals".
_CONTENT_VERBS = frozenset(
    _words(
        "advise advises advised advising maintain maintains maintained charge charges charged remind reminds "
        "reminded react reacts reacted reacting"
    )
)
# "advised residents to stay indoors", "reminded voters to bring ID": the advice is the reported words
_ADVISED_TO_RE = re.compile(
    r"[ ]+(?!(?:on|about|in|at|for|against|over|with|to)\b)[a-z]+(?:[ ]+[a-z]+){0,5}?[ ]+to[ ]+[a-z]+\b"
)
# 'reacted on Twitter, "..."', "reacted: ...": the words straight after the verb (a short place or channel
# first), masked or not
_REACTED_WITH_RE = re.compile(
    r"(?:[ ]+(?:on|in|via|with)[ ]+[^,.:;\x00\n\"“]{1,30})?[ ]*[,:]?[ ]*(?:\x00|[\"“])"
)
_MODAL_RE = re.compile(r"\b(?:would|could|might|may|should|will|must|can)\b")
_PHRASAL_CALL_RE = re.compile(r"[ ]+(?:off|in|up|out|back|around|home|it quits)\b")
# "called an emergency session", "called a snap election": convened, not said ("called for a vote" is said)
_CONVENE_RE = re.compile(
    r"[ ]+(?:an?|the)[ ]+(?:[a-z-]+[ ]+){0,2}(?:session|meeting|elections?|vote|strike|summit|referendum|"
    r"hearing|recess)\b"
)
_SENTENCE_STOP_RE = re.compile(r"[.!?](?:[ ]|$)|\n")


def _ends_after(text: str, i: int) -> bool:
    """Whether the sentence ends right after ``i`` ("..., said founder X.")."""
    return text[i : i + 1] in ("", ".", "!", "?", "\n", ";")


def _words_follow(text: str, i: int) -> bool:
    """Whether reported words follow in the sentence: a quote (masked), a colon or "that"."""
    stop = _SENTENCE_STOP_RE.search(text, i, i + 300)
    rest = text[i : stop.start() if stop else i + 300]
    return (
        "\x00" in rest
        or ":" in rest
        or " that " in rest
        or " of " in rest[:5]
        or " about " in rest[:40]
        or " to discuss " in rest[:60]  # "spoke with the Courier to discuss his campaign": the topic
    )


def _to_speech_verb(text: str, end: int) -> bool:
    """Whether "to" and a verb of saying follow: "continued to question", "continued to insist"."""
    m = _TO_VERB_RE.match(text, end)
    return (
        m is not None and m.group(1) in _verb_bases() and m.group(1) not in _CONTENT_VERBS
    )  # "to maintain a lead"


_TO_VERB_RE = re.compile(r"[ ]+to[ ]+([a-z]+)\b")


def _act_not_speech(verb: str, text: str, end: int) -> bool:
    """A verb of saying used for an act, read from the words after it alone."""
    if verb.startswith("insist") and text.startswith(" on ", end):
        return True
    if verb.startswith("hail") and text.startswith(" from ", end):
        return True  # "who hails from Oslo": where one comes from
    if verb == "thanks" and text.startswith(" to ", end):
        return True  # "won the seat thanks to the family name": a preposition, no thanks given
    if verb.startswith(("writ", "wrote")) and text.startswith(" off", end):
        return True  # "has written off the debt"
    if verb.startswith(("pledg", "promis")) and (
        _MONEY_NEXT_RE.match(text, end) or _GIFT_NEXT_RE.match(text, end)
    ):
        return True  # "pledged $750m of his own money", "have pledged funds for ...": a gift
    if verb.startswith("admit") and _ADMITTED_TO_RE.match(text, end) and not _words_follow(text, end):
        return True  # "admitted to the Academy in 1992", "admitted to hospital": let in, not owning up
    if verb.startswith("call") and _PHRASAL_CALL_RE.match(text, end):
        return True
    if verb.startswith(("claim", "conced")) and _PRIZE_NEXT_RE.match(text, end):
        return True  # "claimed the relay title", "conceded two goals": won or let in, nothing said
    if verb in _CALL_FORMS and _CONVENE_RE.match(text, end):
        return True
    if verb.startswith("declar") and not text.startswith((",", ".", " that", ":", ' "', " “"), end):
        return True
    if (
        verb.startswith("continu")
        and not text.startswith((",", ".", ":", ' "', " “", "\x00"), end)
        and not _to_speech_verb(text, end)
    ):
        return True
    return (verb in _CONTENT_VERBS or verb in _SPEAK_FORMS) and not _advice_or_words(verb, text, end)


def _advice_or_words(verb: str, text: str, end: int) -> bool:
    """Reported words after a verb that needs them: a quote, a colon, "that" (see :func:`_words_follow`), or
    the advice itself after "advised/reminded": "advised residents to stay indoors" ("advised the bank on
    the sale" reports nothing). "Reacted" needs its words at once ('reacted on Twitter: "..."'): "reacted
    badly to the news that ...", "how the board reacts to the call" report nothing."""
    if verb.startswith("react"):
        return _REACTED_WITH_RE.match(text, end) is not None
    return _words_follow(text, end) or (
        verb[:5] in ("advis", "remin") and _ADVISED_TO_RE.match(text, end) is not None
    )


def _not_speaking(m: re.Match[str], plural: bool = False, lead: str = "") -> bool:
    """A saying verb whose subject is not its speaker: passive ("was told by", "was reported missing"),
    a participle ("police arrested Ana Lind, saying ...", "Trump calling for"), a noun after a possessive
    ("North Korea's claim") or a bare base form after a singular name ("the Kachin state", "an Act request").
    """
    if m.group("by"):
        return True
    verb = m.group("verb")
    between = m.string[m.start() : m.start("verb")]
    if verb in ("asked", "told") and _SUBJECTLESS_RE.search(between) is not None:
        return True  # "told the Courier in an interview when asked if ...": "asked" has no subject of its own
    if verb.endswith("ing") and (
        # ("A, urging": a participle; "A and B, two senators, are urging": the verb after its appositive)
        (
            m.group("comma")
            and (
                _PROGRESSIVE_RE.search(m.string, m.end("comma"), m.start("verb")) is None
                or _RELATIVE_RE.search(m.string, m.end("comma"), m.start("verb")) is not None
            )
        )
        or _PROGRESSIVE_RE.search(between) is None
    ):
        return True
    if m.group("poss") and not m.group("via"):
        return True  # "Trump's tweet", "North Korea's claim": a noun
    if m.group("via") in _VIA_DOCUMENTS and (
        _OWNED_TITLE_RE.search(m.string, max(0, m.start() - 60), m.start()) is not None
        or _MODAL_RE.search(between) is not None
    ):
        # "Oxfam's Paying the Price report said": the name is the document's title, its owner stands before
        # it; "the party manifesto will stress": what it is expected to say, not what it said
        return True
    if (
        verb in _verb_bases()
        and verb not in _PAST_AS_BASE
        and not plural
        and not m.group("via")
        and _AUX_BEFORE_RE.search(between) is None
    ):
        return True  # "Combat-level stress", "the Palmetto state": a noun after a singular name
    if (
        verb in _verb_bases()
        and _ARTICLE_RUN_RE.search(lead) is not None
        and not _words_follow(m.string, m.end())
        and m.string.find("ccording to ", max(0, m.start() - 60), m.start()) == -1
    ):
        # "a Facebook or Twitter post could go unnoticed", "a Kingsmouth lecture tour": a noun after "a" and
        # names ("a Courier report that ...", "according to a Courier report, ..." still name the source)
        return True
    if verb in _verb_bases() and (m.group("post") or "").startswith(" for "):
        return True  # "singled out A and B for special praise": a noun after "for ..."
    rest = m.string[m.end() : m.end() + 4]
    # Reported words after the verb ("claims that", "reports Mahan's director ...") or, at a sentence's end
    # after a comma, before it ("..., the Daily Caller reports.").
    content = (
        rest.startswith((" th", ":", ",", ' "', " “", " \x00", "\x00"))
        # "the Courier reports a death", "the ministry reports 21 new cases": no plural noun runs into an
        # article or a count
        or (verb == "reports" and _REPORTS_WHAT_RE.match(m.string, m.end()) is not None)
        or (rest[:1] == " " and rest[1:2].isupper())
        or (rest[:1] in (".", "\n", "") and lead.endswith((", ", ", the ", '" ', "” ", "\x00 ")))
    )
    if verb in _NOUNY and _MODIFIER_BEFORE_RE.search(lead) is not None:
        return True  # "the 3,000 Harbour Board emails that", "those Tax Office reports that": a noun
    if (
        verb in _NOUNY
        and not content
        and not (verb == "calls" and not plural and _CALLS_OBJECT_RE.match(m.string, m.end()))
    ):
        return True  # "Trump's claims were", "FEC reports show": a plural noun
    # "Taiwan have claims in the area": not a verb after "have" (a phrase is: "has made comments")
    if " " not in verb and _HAVE_RE.search(between) and (verb.endswith("s") or verb in _verb_bases()):
        return True
    if verb.endswith("s") and _NOUN_NEXT_RE.match(m.string, m.end()) is not None:
        return True  # "Rust Belt states underscored", "FEC reports show"
    fill_at = max(m.start(), m.end("appos"), m.end("dash"), m.end("post"), m.end("comma"), m.end("via"))
    fill = m.string[fill_at : m.start("verb")]
    # '"...," Kelly charged.': the reported words stand before the name.
    after_quote = lead.rstrip(" ").endswith(('"', "”"))
    # ('"We have won," X declared in a speech': a quote closed by its comma, not one opening before the name)
    words_before = after_quote and lead.rstrip(" ")[-2:-1] in (",", "!", "?", "\x00")
    modal = _MODAL_RE.search(fill) is not None
    if ((verb in _CONTENT_VERBS and not after_quote) or modal) and not (
        _words_follow(m.string, m.end()) if modal else _advice_or_words(verb, m.string, m.end())
    ):
        return True  # "Centerview advised on three", "Lynch would announce", "Kasich reminds us of": no words
    if _act_not_speech(verb, m.string, m.end()) and not (
        (after_quote and verb in _CONTENT_VERBS) or (words_before and verb.startswith("declar"))
    ):
        # "insisted on finishing the race", "pledged $750m": an act ('"...," X declared in a speech': words)
        return True
    if verb.startswith("call") and _PHRASAL_CALL_RE.match(m.string, m.end()):
        return True  # "called off a deal", "called in the police"
    if verb in _SPEAK_FORMS and not _words_follow(m.string, m.end()):
        return True  # "Wikinews spoke with a cosplayer", "Clinton spoke for 30 minutes": no reported words
    if verb == "reported" and m.string.startswith(" from ", m.end()):
        return True  # "Costa reported from Washington.": a byline
    if verb == "alleged" and _ALLEGED_ADJ_RE.match(m.string, m.end()):
        return True  # "X has alleged ties to Y": an adjective
    if (
        verb.startswith("declar")
        and not words_before
        and not m.string.startswith((",", ".", " that", ":", ' "', " “"), m.end())
    ):
        return True  # "declared a day of mourning" is an act; "declared that ..." reports
    if (
        verb.startswith("continu")
        and not m.string.startswith((",", ".", ":", ' "', " “", "\x00"), m.end())
        and not _to_speech_verb(m.string, m.end())
    ):
        return (
            True  # "continued to lead" is not speech; '"...," Clinton continued.', "continued to argue" are
        )
    if verb == "written" and _HAVE_RE.search(between) is None:
        return True  # "continued to lead" is not speech; '"...," Clinton continued.' is
    if verb.startswith("agree") and not m.string.startswith((",", " that", ":", " with"), m.end()):
        return True  # "agreed to a truce" is an act; "agreed, saying ..." and "agreed that ..." report
    if verb.endswith("ing"):  # the progressive speaks ("is saying", "was referring to"), unless an activity
        return verb in _PROGRESSIVE_ACTS  # "is writing a book", "is encouraging firms to sell"
    return "quoted" not in between and _PASSIVE_RE.search(between) is not None  # "was told", "is called"


# Verbs of saying whose progressive mostly names an activity, not words said.
# Bases whose past tense is the same word: "X put it: ..." is a verb, not a noun after a name.
_PAST_AS_BASE = frozenset(("put it", "forecast"))
_SUBJECTLESS_RE = re.compile(r"\b(?:when|if|while|after|before|unless|until)[ ]+$")
_ARTICLE_RUN_RE = re.compile(r"\b(?:[Aa]n?)[ ]+(?:[A-Z][\w.&'’-]*[ ]+(?:(?:or|and)[ ]+)?)*$")
_PROGRESSIVE_ACTS = frozenset(_words("writing encouraging discussing posting reporting"))


_LIST_LABEL_RE = re.compile(r"[ ]+\([A-Z][\w.-]{0,12}\)$")


def _label_start(masked: str, at: int) -> int:
    """Where a listed name ends when a party or state label stands after it: "Ann Parker (D-Ohio), Tom Reed
    and ..." (the separator starts after the label)."""
    if masked[at - 1 : at] != ")":
        return at
    label = _LIST_LABEL_RE.search(masked, max(0, at - 16), at)
    return at if label is None else label.start()


def _listed_before(
    masked: str, mt: Mention, by_end: dict[int, list[Mention]], kinds: tuple[str, ...]
) -> list[Mention]:
    """The other names of a listed subject: "Deutsche Bahn, Daimler and Siemens have announced", and
    "The Investigative Committee and the Federal Security Service said" (one run split at "and")."""
    out = [
        other
        for other in by_end.get(mt.end, ())
        if other is not mt and other.piece.conj and other.canonical and other.kind in kinds
    ]
    start, first = mt.start, not out  # "A, B and C": the run "B and C" already holds the "and"
    while True:
        sep = _LIST_SEP_RE.search(masked, max(0, start - 20), start)
        if sep is None and first:
            # "Rep. A (R-Ind.) and state House Speaker B have stated": a title before the second name.
            sep = _LIST_SEP_TITLE_RE.search(masked, max(0, start - 60), start)
        if sep is None or (first and "and" not in sep.group() and "or" not in sep.group()):
            break
        at = _label_start(masked, sep.start())
        found = [o for o in by_end.get(at, ()) if o.canonical and o.kind in kinds]
        if (
            first
            and mt.kind == "person"
            and (not found or _prep_before(masked, found[0].start))
            and not masked.startswith((", who ", " who "), mt.end)  # (", and B, who said": B's own clause)
        ):
            # "A, a pilot, and B, a skipper, said": the first person's appositive stands before the "and"
            # (", head of the Pilots Union, and B": the name before the "and" is the appositive's object)
            holders: list[Mention] = []
            for appos_re in _APPOS_AND_RES:  # (one chunk first: ", including A, a pilot, and" is not two)
                appos = appos_re.search(masked, max(0, start - 100), start)
                holders = [
                    o
                    for o in by_end.get(appos.start() if appos is not None else -1, ())
                    if o.canonical
                    and o.kind == "person"
                    and not _OBJECT_LEAD_RE.search(masked, max(0, o.start - 30), o.start)
                ]
                if holders:
                    break
            if holders or not found:
                found = holders
        if not found:
            break
        # (a run split at "and" gives all its names: "A and B, and Mayor C, said")
        if " and " in sep.group() or " or " in sep.group():
            out.extend(o for o in found[:-1] if o.piece.conj and o not in out)
        out.append(found[-1])
        start, first = min(o.start for o in found), False
    return out


def _attribute(
    state: _Article,
    body: str,
    masked: str,
    spans: list[tuple[int, int]],
    events: list[Event],
    ends: list[int],
    mentions: list[Mention],
) -> list[_Attributed]:
    """Each quote's speaker: the speech event next to it in its sentence ("...," X said / X said: "..."),
    else the quote before it in the paragraph ("...," X said. "More ..."), else the last speech event earlier
    in the paragraph, else (a paragraph that opens with the quote) the speaker of the paragraph before,
    else the name the paragraph opens with ("Trump defended the remarks. \"...\"")."""
    quotes: list[_Attributed] = []
    positions = [e.pos for e in events]
    para_starts = _paragraph_bounds(body)
    found: list[tuple[list[Mention], list[int]]] = []  # the sentences' subjects, on first need
    prev: _Attributed | None = None
    last_speaker: dict[int, _Attributed] = {}  # paragraph index → its last attributed quote
    for qi, (start, end) in enumerate(spans):
        next_start = spans[qi + 1][0] if qi + 1 < len(spans) else len(body)
        j = bisect_left(ends, end)
        sent_end = ends[j] if j < len(ends) else len(body)
        p = bisect_right(para_starts, start) - 1
        para = para_starts[p]
        sent_start = max(_sentence_start(ends, start - 1), para)
        chosen: Event | None = None
        i = bisect_right(positions, end)
        b = bisect_left(positions, start) - 1
        if (
            i < len(events)
            and events[i].pos <= min(sent_end, next_start)
            and not _introduces_more(events[i], body, masked, end)
            and not (
                b >= 0
                and events[b].pos >= sent_start
                and not events[b].nested
                and _sentence_goes_on(body, end)
            )
        ):
            chosen = events[i]
        else:
            i = b
            if i >= 0 and events[i].pos >= sent_start:
                chosen = events[i]
        after = bisect_right(positions, end)
        if (
            chosen is None
            and after < len(events)
            and events[after].rule == "dash"
            and masked[end : events[after].pos].strip(" \"”'’\x00\n—–-") == ""
        ):
            chosen = events[after]  # '"..."¶- Hillary Clinton.': a signature straight under the quote
        relayed: str | None = None
        if chosen is not None and _relays(masked, chosen) is not None:
            # '"...," the Velnet agency quoted Ana Lind as saying': Lind's words, the agency passes them on;
            # "... quoted him as saying", "reports a union source as saying": as if the outlet were not there
            relayed = _relayed(masked, chosen, mentions)
            if relayed is None and _PRONOUN_SOURCE_RE.match(masked, chosen.end):
                i = min(b, events.index(chosen) - 1)  # ("quoted him as saying": who spoke before)
                chosen = None
        text = body[start:end]
        q: _Attributed
        if chosen is not None and _relays(masked, chosen) is not None:
            q = (Quote(text, relayed, relayed or "", start), "relayed", chosen.cue)  # (unnamed: no one)
        elif chosen is not None:
            q = (Quote(text, chosen.canonical, chosen.label, start), chosen.rule, chosen.cue)
        elif (
            prev is not None
            and bisect_right(para_starts, prev[0].position) - 1 == p
            and not (
                i >= 0 and events[i].pos > prev[0].position + len(prev[0].text) and events[i].pos >= para
            )
        ):
            q = (Quote(text, prev[0].speaker, prev[0].speaker_label, start), "continued", prev[1])
        elif i >= 0 and events[i].pos >= para and events[i].canonical is not None:
            e = events[i]  # "Clinton touted her record. \"We need ...\"": the paragraph's speaker
            q = (Quote(text, e.canonical, e.label, start), "paragraph", e.rule)
        elif (
            masked[para:start].strip(" \"“'‘\x00") == ""
            and p > 0
            and i >= 0
            and events[i].canonical is not None
            and events[i].pos >= para_starts[p - 1]
            and (p - 1 not in last_speaker or _spoken_since(last_speaker[p - 1][0], events[i]))
        ):
            e = events[i]  # "..., Mr Howard said.¶\"We watched ...\"": who the paragraph before ends with
            q = (Quote(text, e.canonical, e.label, start), "paragraph-before", e.rule)
        elif (
            masked[para:start].strip(" \"“'‘\x00") == ""
            and p > 0
            and p - 1 in last_speaker
            and not _spoken_since(last_speaker[p - 1][0], events[i] if i >= 0 else None)
        ):
            # A paragraph that is a quote goes on with the last speaker, unless someone else has been
            # reported speaking since ('"...," X said. Y said the plan "...".¶"We would ..."').
            before = last_speaker[p - 1]
            q = (Quote(text, before[0].speaker, before[0].speaker_label, start), "continued", before[1])
        else:
            if not found:  # (most quotes find their speaker before this: nothing it reads has changed)
                subjects = _subjects(masked, mentions, ends, ("person", "organisation", "outlet", "group"))
                found.append((subjects, [mt.start for mt in subjects]))
            subjects, subject_at = found[0]
            # The quote's sentence's subject ("X told Reuters that ...").
            k = bisect_left(subject_at, sent_start)
            subject = subjects[k] if k < len(subjects) and subject_at[k] < start else None
            if subject is not None:
                subject = _main_subject(masked, mentions, sent_start, subject, start)
            if subject is not None:
                q = (Quote(text, subject.canonical, subject.canonical or "", start), "subject", "")
            else:
                q = (Quote(text, None, "", start), "", "")
        quotes.append(q)
        if q[0].speaker is not None or q[1]:
            last_speaker[p] = q
        prev = q
    return quotes


def _relays(masked: str, e: Event) -> re.Match[str] | None:
    """' ... quoted Ana Lind as saying', '... reports a union source as saying': the outlet passes on
    another's words (then the quote is not the outlet's: the person named, else whoever spoke before)."""
    return _AS_SAYING_RE.match(masked, e.end) if e.cue in _RELAY_VERBS else None


def _relayed(masked: str, e: Event, mentions: list[Mention]) -> str | None:
    """The person an outlet quotes ('... quoted Ana Lind as saying' → "Ana Lind"), else None."""
    m = _relays(masked, e)
    if m is None:
        return None
    for mt in mentions:  # (the name ends the phrase: "quoted prosecutor Ana Lind as saying")
        if m.start(1) <= mt.start and mt.end == m.end(1) and mt.kind == "person" and mt.canonical:
            return None if _prep_before(masked, mt.start) else mt.canonical  # ("a friend of Ana Lind")
    return None


_PRONOUN_SOURCE_RE = re.compile(r"[ ]+(?:him|her|them)[ ]+as[ ]")
_RELAY_VERBS = frozenset(_words("quoted quotes quoting reported reports cited cites"))
# " Ana Lind as saying", " a union source as telling": whose words the outlet passes on
_AS_SAYING_RE = re.compile(r"[ ]+([^.;:!?\x00\n]{1,80}?)[ ]+as[ ]+(?:saying|telling|having[ ]+said)\b")


_GOES_ON_RE = re.compile(
    r"[\"”'’]*[ ]*,?[ ]+(?:and|but|in|on|to|for|if|because|while|as|when|which|from|of|with|at|over|than|"
    r"into|about|against|since|until|unless|though|although|so|or|nor)[ ]"
)
_NEW_SENTENCE_AFTER_RE = re.compile(r"[\"”'’]+[ ]+[A-Z]")


def _sentence_goes_on(body: str, end: int) -> bool:
    """Whether the sentence a quote stands in goes on after it with words that are not its attribution: a
    conjunction or preposition ('... as "a highway down the middle," and Ivo Marsh talks about ...', '...
    against "a betrayal of our values" in the way the city responds'), or a new sentence after a quote that
    ended its own ('... will "fight for every vote." The move was first reported by X.'). Used only when a
    speech event of the quote's own sentence comes before it."""
    if body[end - 1 : end] in (".", "!", "?") and _NEW_SENTENCE_AFTER_RE.match(body, end) is not None:
        return True
    return _GOES_ON_RE.match(body, end) is not None


# A party member's word closing a run that names a country ("the Georgia Democrat"): a person from there.
_PARTY_MEMBER_END_RE = re.compile(r"[ ](?:Democrat|Republican|Tory|Conservative|Socialist)$")
_SUBJECT_KINDS = ("person", "organisation", "outlet", "group")
# What opens a sentence with a clause or phrase of its own before the main clause's subject.
_OPENING_CLAUSE_RE = re.compile(
    r"[ \"“\x00]*(?:(?:shortly|soon|just|long|even|ever|days|hours|weeks|months|years|moments|minutes)[ ]+)?"
    r"(?:after|before|since|when|while|although|though|because|once|until|unless|as|if|whereas|despite)[ ]",
    re.IGNORECASE,
)


def _main_subject(
    masked: str, mentions: list[Mention], sent_start: int, subject: Mention, quote: int
) -> Mention | None:
    """The subject a quote's sentence gives it (see ``_attribute``), or None: no name when the sentence opens
    with "he" or "she" ("He called Anna Berg "..."": Berg is the object; who "he" is was for the pronoun
    rule to say); the name after an opening clause rather than the one inside it ("Ever since she backed
    Eva Lind, Anna Berg has carried one message: "..."")."""
    first = _ALPHA_WORD_RE.search(masked, sent_start, subject.start)
    if first is not None and first.group().lower() in ("he", "she"):
        return None
    if _OPENING_CLAUSE_RE.match(masked, sent_start) is None:
        return subject
    comma = masked.find(",", subject.end, quote)
    if comma == -1 or "\n" in masked[sent_start:comma]:
        return subject
    for mt in mentions:
        if mt.start <= comma:
            continue
        if mt.start >= quote or len(masked[comma + 1 : mt.start].split()) > 2:
            break
        if (
            mt.canonical
            and mt.kind in _SUBJECT_KINDS
            and not mt.quoted
            and (not mt.piece.modifier or masked.startswith(("'s ", "’s "), mt.end))
        ):
            return mt  # (a possessive speaks through its own: "..., Anna Berg's office said")
    return subject


_MONEY_NEXT_RE = re.compile(r"[ ]+(?:[$£€¥]|US\$|\d)")
_GIFT_NEXT_RE = re.compile(
    r"[ ]+(?:(?:more|new|further|additional|extra|emergency)[ ]+)?(?:funds|funding|money|cash|aid|donations|"
    r"loans|grants)\b"
)
# What a contest gives or lets in, after "claim"/"concede": "claimed her second national title", "conceded
# three late goals", "claimed the runners-up spot in ..." (an act); the prize word ends its noun phrase, so
# "claimed the title race was fixed" and "claimed the count was wrong" still report words
_PRIZE_NEXT_RE = re.compile(
    r"[ ]+(?:(?!that\b)[\w'-]+[ ]+){0,4}?(?:titles?|spots?|places?|medals?|crowns?|trophy|trophies|goals?|"
    r"wickets?|tries|berths?|gold|silver|bronze|seats?|pole|podium)"
    r"(?=[ ]*(?:[.,;:!?)]|$)|[ ]+(?:in|at|on|with|behind|over|for|after|ahead|before|since|of|by|"
    r"from|to|and|as|while|when|this|last)\b)"
)
_ADMITTED_TO_RE = re.compile(
    r"[ ]+to[ ]+(?:(?:the|a|an)[ ]+)?"
    r"(?:[A-Z]|hospital|university|college|school|academy|the[ ]+bar|membership)"
)
_OPENS_NEXT_QUOTE_RE = re.compile(r"[ ]*,[ ]*[\"“\x00]")
_NO_CONTENT_NEXT_RE = re.compile(
    r"[ ]*(?:[.,;!?\n]|$|(?:on|in|at|to|during|after|before|earlier|later|yesterday|today|tonight|last|this|"
    r"adding|when|while|as|of|about|by|from|with|afterwards|recently|again|too)\b)"
)
# After the verb that follows a question or exclamation: no more than a listener, an adverb or a phrase of
# time or place up to the end of the sentence (a comma may open a participle: "asked, shaking his head") —
# no "that", no verb of a clause of its own, no quotation mark.
_QUESTION_ANSWERED_RE = re.compile(
    r"(?:[ ]+(?!(?:that|whether|if|how|why|what|who|is|was|are|were|has|had|have|will|would|could|can|should|"
    r"may|might|must|did|does|do)\b)[\w'’.-]+){0,10}?[ ]*(?:[.;\n]|,[ ]+[a-z]+ing\b|$)"
)


def _introduces_more(e: Event, body: str, masked: str, quote_end: int) -> bool:
    """A speech event after a quote that does not attribute it: the quote ended its sentence and the event
    reports words of its own ('"... quality." Gerhard Florin, head of EA, said gamers should ...') or
    opens the next quote ('"..." Mr Gardner agreed: "..."')."""
    mark = body[quote_end - 1 : quote_end]
    if masked.startswith((":", " :"), e.end):
        # (but '"... the lie of his campaign," Ed Marsh said: that ...': a quote that ends in a comma runs on
        # into its attribution, whatever the verb opens next)
        return mark != ","
    if mark not in (".", "!", "?"):
        return False
    if _OPENS_NEXT_QUOTE_RE.match(masked, e.end) is not None:
        return True  # '"... listeners." Saumil Nanavati, president of Sydus, said, "This radio player ..."'
    if mark != "." and _QUESTION_ANSWERED_RE.match(masked, e.end) is not None:
        # '"Why now?" Anna Berg asked the room.', '"Who knows?" he told reporters rhetorically on Monday.':
        # a question or exclamation is the words of the one asking, unless the sentence goes on with words
        # of their own (a clause, "that", a quote of its own)
        return False
    return _NO_CONTENT_NEXT_RE.match(masked, e.end) is None


# A quote and the rule and cue that attributed it (the rule goes into ``Extraction.evidence``).
_Attributed = tuple[Quote, str, str]


# What may stand between a verb of saying and the "that" of its reported words: a phrase of time or place
# ("warned on Tuesday that", "said in a statement that"), an adverb ("said repeatedly that") or, after a
# verb of telling, the listener ("told a TV interviewer that"). Never a quotation mark: "called it
# "insane" that" is the content itself.
_LEAD_TO_THAT_RE = re.compile(r"(?P<first>[\w’'-]+)(?:[ ,]+[\w’'.-]+){0,7}?,?[ ]+that[ ]")
_LEAD_WORDS = frozenset(
    _words("this last earlier later yesterday today tonight again also then recently previously once")
    + _words("Monday Tuesday Wednesday Thursday Friday Saturday Sunday")
)
_TELLING = frozenset(
    _words("told tell tells telling informed informs assured assures reminded reminds promised promises")
    + _words("warned warns notified advised convinced reassured")
)
# A lead holding a verb is a clause of the reported words ("said his biggest worry is that"); one ending in a
# noun that takes "that" is part of them ("called for an inquiry into claims that").
_LEAD_VERBS = frozenset(
    _words("is was are were be been being has have had would will can could should may might must")
    + _words("do does did said says")
)
_THAT_NOUNS = frozenset(
    _words("claim claims risk fact fear fears hope hopes belief view idea evidence sign signs news report")
    + _words("reports suggestion suggestions notion argument possibility chance concern concerns allegation")
    + _words("allegations assertion warning promise proof rumour rumours rumor rumors impression assurance")
    + _words("assurances point danger doubt doubts")
    + _words("ensure sure so such given now except provided")  # "reforms to ensure that": a purpose clause
)


def _content_start(body: str, a: int, quote: int, cue: str) -> int:
    """Where the reported words after a verb of saying begin (``a``: just after the verb): past "that",
    and past what may stand before it (see ``_LEAD_TO_THAT_RE``), if that all comes before the quote at
    ``quote``."""
    if body.startswith("that ", a):
        return a + 5
    lead = _LEAD_TO_THAT_RE.match(body, a, quote)
    if lead is None:
        return a
    first = lead.group("first")
    words = lead.group().lower().replace(",", " ").split()[:-1]
    if _LEAD_VERBS.intersection(words) or words[-1] in _THAT_NOUNS:
        return a
    if (
        first.lower() in _PREPOSITIONS
        or first.lower() in _CONJUNCTION_PREPOSITIONS
        or first in _LEAD_WORDS
        or first.lower() in _LEAD_WORDS
        or (first.endswith("ly") and first.islower())
        or cue.lower() in _TELLING
    ):
        return lead.end()
    return a


def _partial_quotes(
    body: str, short: list[tuple[int, int]], events: list[Event], ends: list[int]
) -> list[_Attributed]:
    """Partly quoted speech: a short quote (one to three words) in the content of a speech event of its own
    sentence ("Butterfield said he was “outraged” to hear about it"). The quote's text is that content."""
    out: list[_Attributed] = []
    positions = [e.pos for e in events]
    para_starts = _paragraph_bounds(body)
    for start, end in short:
        words = body[start:end].split()
        if all(w[:1].isupper() for w in words):
            continue  # "Star Wars", "Bill Maher": a title or a name in quotation marks
        para = para_starts[bisect_right(para_starts, start) - 1]
        sent_start = max(_sentence_start(ends, start - 1), para)
        j = bisect_left(ends, end)
        sent_end = ends[j] if j < len(ends) else len(body)
        i = bisect_left(positions, start) - 1
        if i >= 0 and events[i].pos >= sent_start and events[i].end <= start:
            e = events[i]
            a, b = e.end, sent_end
            after = True
        else:
            i = bisect_right(positions, end)
            if i >= len(events) or events[i].pos > sent_end:
                continue
            e = events[i]
            a, b = sent_start, min(e.pos, e.at) if e.at >= 0 else e.pos
            after = False
        while a < b and body[a] in ' ,:\n"“”':
            a += 1
        if after:  # the reported words follow the verb
            a = _content_start(body, a, start, e.cue)
        while b > a and body[b - 1] in " ,\n":
            b -= 1
        b = _before_attribution(body, a, b, e)
        if b - a < end - start or not (a <= start and end <= b):
            continue
        if e.cue.lower() in _NP_NOUN_SET or e.rule in ("dash", "colon", "headline"):
            continue  # '... rebuttal of a warning from X': a noun's owner, not the words' speaker
        if out and out[-1][0].position == a and len(out[-1][0].text) == b - a:
            continue  # a second short quote of the same words ('the "late start," was "ready," she said')
        out.append((Quote(body[a:b], e.canonical, e.label, a, False), e.rule, e.cue))
    return out


# Events that name a speaker but attribute no quote: a speech noun's owner, a label or a post's author (see
# ``layout``: the quotation marks inside hold others' words).
_NOT_QUOTING = frozenset(("speech-noun", "label", "interview", "embed"))

# A broadcaster's or a project's name with a number in it, opening a sentence before a speech verb ("Channel
# 9 reported", "The Harbour 40 Trust said"): the name scan stops at a number, so these have their own rule.
_NUMBERED_VERBS = r"(?:reported|reports|said|says|announced|stated|confirmed)"
_NUMBERED_CUE_RE = re.compile(rf"[ ][0-9]{{1,3}}(?:[ ][A-Z][a-z]+){{0,2}}[ ](?:also[ ])?{_NUMBERED_VERBS}\b")
_NUMBERED_RE = re.compile(
    r"(?:^|(?<=[.!?,][ ])|(?<=\n))(?:The[ ])?"
    r"(?P<name>(?:[A-Z][a-z]+[ ]){1,3}[0-9]{1,3}(?:[ ][A-Z][a-z]+){0,2})"
    rf"[ ](?:also[ ])?(?P<verb>{_NUMBERED_VERBS[3:-1]})\b(?![ ]by\b)",
    re.MULTILINE,
)
# Words before a number that make it a date, a count or a part, not a name ("On March 12 said" never opens a
# statement, but "Chapter 3 says", "Article 50 states" do, and are no speakers).
_NOT_NUMBERED = frozenset(
    _words(
        "January February March April May June July August September October November December Monday "
        "Tuesday Wednesday Thursday Friday Saturday Sunday On In By At Since From Until Chapter Article "
        "Section Clause Rule Figure Table Page Category Level Stage Round Game Day Week Year Room Flight "
        "Route Highway Interstate Volume Part Paragraph Schedule Amendment Proposition Resolution Bill Act "
        "About Some Only Nearly Almost Over Under All Another Just Of Those These Top"
    )
)


def _numbered_events(masked: str, events: list[Event]) -> list[Event]:
    """``events`` with a numbered name before its speech verb ("Channel 9 reported ..."), rule
    "numbered-name"; not when another event already speaks there."""
    extra: list[Event] = []
    for m in _NUMBERED_RE.finditer(masked):
        name = m.group("name")
        words = name.split()
        if words[0] in _NOT_NUMBERED or any(w in _NOT_NUMBERED for w in words[:-1] if not w[0].isdigit()):
            continue
        start, end = m.start("name"), m.end("name")
        # "The Harbour 40 Trust said": the scan's "Trust" after the number is the same speaker, cut short.
        cut = [
            e
            for e in events
            if start < (e.at if e.at >= 0 else e.pos) < end and e.canonical and name.endswith(e.canonical)
        ]
        taken = {e.pos for e in events if e not in cut} | {e.at for e in events if e.at >= 0 and e not in cut}
        if start in taken or m.start("verb") in taken:
            continue
        events = [e for e in events if e not in cut]
        extra.append(Event(m.start("verb"), name, name, end, "numbered-name", m.group("verb"), start))
    return sorted(events + extra, key=lambda e: e.pos) if extra else events


def _before_attribution(body: str, a: int, b: int, e: Event) -> int:
    """Where a partial quote's text ends when the words before its speech event end with the event's own
    label or cue after a closing mark ('“We are thrilled,” he said.', 'called it “stupid”, he said',
    '… plans to reassure them," said Mr Davis'): at the quote's closing mark, kept only when the text
    opens the quote."""
    own = set(e.label.lower().split()) | {e.cue.lower()}
    k = b
    while True:
        w = body.rfind(" ", a, k)
        if w < a or body[w + 1 : k].lower() not in own:
            break
        k = w
        while k > a and body[k - 1] in " ,\n":
            k -= 1
    if k == b or body[k - 1 : k] not in "\"”'’":
        return b
    return k if _opens_quote(body[a : k - 1]) else k - 1


def _opens_quote(text: str) -> bool:
    """Whether ``text`` holds a quotation mark it does not close."""
    return text.count('"') % 2 == 1 or text.count("“") > text.count("”")


# An HTML/XML tag: a name, attributes (quoted or bare values), perhaps self-closing; or a closing tag.
_MARKUP_RE = re.compile(
    r"<(?:[A-Za-z][\w-]*(?:[ \t\n]+[\w-]+(?:=(?:\"[^\"\n]*\"|'[^'\n]*'|[^\s>]+))?)*[ \t]*/?"
    r"|/[A-Za-z][\w-]*[ \t]*)>"
)


def _blank(m: re.Match[str]) -> str:
    """The tag's attributes blanked; its name and brackets stay ('<tweet' opens a signed line)."""
    tag = m.group()
    name = _TAG_NAME_RE.match(tag)
    keep = name.end() if name is not None else 1
    return tag[:keep] + " " * (len(tag) - keep - 1) + ">"


_TAG_NAME_RE = re.compile(r"</?[\w-]+")
# A bullet before an item: a hyphen glued to a capitalised word, or a tilde, at a line start or after a space.
# (The mark comes first and the "line start or space" test after it, so that ``re`` skips ahead to a "-" or
# "~" instead of trying every position; tests/test_extract_speed.py pins it equal to
# "(?:(?<=^)|(?<=\s))(?:-(?=[A-Z][a-z])|~(?=[ ]*[A-Z]))" with re.MULTILINE.)
_BULLET_RE = re.compile(r"-(?<!\S-)(?=[A-Z][a-z])|~(?<!\S~)(?=[ ]*[A-Z])")


def extract(article: Article, aliases: AliasTable | None = None) -> Extraction:
    """Speakers, named parties and quotes of one article. Pure; never raises on odd text.

    ``aliases`` is laid over the shipped table. Speakers are canonical names in order of first
    appearance, each also among the parties.

    >>> ex = extract(Article(id="1", headline="", body='"We will win," Gallant said.'))
    """
    table = effective(aliases)
    state = _Article(article, table)
    body = article.body
    subheads = {s.strip() for s in article.subheads}
    if subheads or "Read more:" in body:
        # Blank subhead and link paragraphs in place so that body offsets stay valid.
        pieces = []
        for para in body.split("\n\n"):
            if para.strip() in subheads or _SUBHEAD_SKIP.match(para):
                pieces.append(" " * len(para))
            else:
                pieces.append(para)
        body_scan = "\n\n".join(pieces)
    else:
        body_scan = body
    # HuffPost writes its dashes as a horizontal bar (U+2015): "WASHINGTON ― The ...", '"..." ― Name'.
    body_scan = _double_apostrophes(body_scan).replace("\u2015", "\u2014")
    if "<" in body_scan:
        # Markup left in the text ('<tweet author="@Name">', '</a>') is no prose: its attributes are blanked
        # in place, so that a handle is no speaker and an attribute's quotation marks pair with no quote.
        body_scan = _MARKUP_RE.sub(_blank, body_scan)
    if "-" in body_scan or "~" in body_scan:
        # A roundup's bullets ("-Anna Berg explains why ...", "~ Anna Berg hinted ...") open an item, not a
        # signature or a compound: blanked in place.
        body_scan = _BULLET_RE.sub(" ", body_scan)
    if HEADING_HINT.search(body_scan) is not None:
        # A listicle's item headings, a feature's subheads: their common words in lower case, so that the
        # names inside a Title Case line stand alone (never the whole heading as one name).
        body_scan = lower_headings(body_scan, _heading_common, _given_names().__contains__, _gazetteer(table))
    dateline_end = 0
    parties: dict[str, str] = {}
    d = _DATELINE_RE.match(body_scan)
    if d is not None:
        dateline_end = d.end()
        place = d.group("place").strip().title()
        agency = (d.group("agency") or "").strip()
        hit = table.canonical(place)
        parties[place if hit is None or table.kind(hit) != "country" else hit] = (
            "place" if hit is None else table.kind(hit) or "place"
        )
        if agency:
            a = table.canonical(agency) or agency
            parties.setdefault(a, table.kind(a) or "outlet")
        body_scan = " " * dateline_end + body_scan[dateline_end:]
    short_spans: list[tuple[int, int]] = []
    masked, spans = _mask_quotes(body_scan, short_spans)
    mentions = state.scan(body_scan, masked, True)
    stand = article.standfirst or ""
    stand_masked, _ = _mask_quotes(stand)
    stand_mentions = state.scan(stand, stand_masked, False)
    head_mentions = state.scan(article.headline or "", article.headline or "", False)
    for mt in head_mentions:
        mt.headline = True
        words = mt.piece.text.split()
        if (
            mt.start == 0
            and mt.piece.kind == "person"
            and not mt.piece.key
            and len(words) >= 2
            and _lower_in(words[0].lower(), body)
            and _person_shaped(words[1:])
        ):
            # "Prodigy Varils stuns champion" over "... young prodigy Tomas Varils ...": the headline's first
            # word, written in lower case in the body, is a common noun before the name (not a given name).
            mt.piece = replace(mt.piece, text=" ".join(words[1:]))
            mt.start += len(words[0]) + 1
    state.resolve(stand_mentions + mentions + head_mentions)
    # A common word that names no person of the article ("West" with no "... West") is no mention at all.
    mentions = [mt for mt in mentions if mt.canonical is not None or mt.piece.kind != "common"]
    stand_mentions = [mt for mt in stand_mentions if mt.canonical is not None or mt.piece.kind != "common"]
    head_mentions = [mt for mt in head_mentions if mt.canonical is not None or mt.piece.kind != "common"]
    lex = state.lex
    # A quote that ends its sentence ('... services." The councils ...') ends it in the masked text too.
    quote_ends = {
        e + 1
        for _, e in spans
        if body_scan[e - 1 : e] in (".", "!", "?") and _NEW_SENTENCE_RE.match(body_scan, e + 1) is not None
    }
    ends_re = state.rx.sentence_end
    ends = sorted(
        set(_sentence_ends(masked, ends_re)) | {i - 2 for i in _paragraph_bounds(masked)[1:]} | quote_ends
    )
    events = _events(state, body_scan, masked, mentions, ends)
    if _NUMBERED_CUE_RE.search(masked) is not None:
        events = _numbered_events(masked, events)
    labelled = (":" in body_scan or "((" in body_scan) and has_label(body_scan)
    if labelled or "<tweet" in body or "nterview " in masked:
        events = _layout_events(body, body_scan, masked, mentions, events)
    # (a label speaks its paragraph, not the quotation marks inside it: in an answer they hold what others
    # said to the speaker, on Wikinews interviews 49 of 49 such quotes)
    quoting = [e for e in events if e.rule not in _NOT_QUOTING]
    attributed = _attribute(state, body_scan, masked, spans, quoting, ends, mentions)
    attributed += _partial_quotes(body_scan, short_spans, quoting, ends)
    attributed.sort(key=lambda a: a[0].position)
    # The text as the article writes it (the scan text has ''…'' turned into "…" and datelines blanked).
    quotes = [replace(q, text=body[q.position : q.position + len(q.text)]) for q, _, _ in attributed]
    stand_events = (
        _events(state, stand, stand_masked, stand_mentions, _sentence_ends(stand_masked, ends_re))
        if stand
        else []  # (no text, no event: most articles have no standfirst)
    )
    speakers: dict[str, None] = {}
    evidence: list[Evidence] = [
        Evidence("quotes", q.speaker or "", rule, cue, q.position) for q, rule, cue in attributed
    ]
    for said_by, cue in _headline_speakers(article.headline or "", mentions):
        speakers.setdefault(said_by, None)
        evidence.append(Evidence("speakers", said_by, "headline", cue))
    for in_body, e in [(False, e) for e in stand_events] + [(True, e) for e in events]:
        if e.canonical is not None and not e.nested and not _members_word(e.canonical, lex):
            speakers.setdefault(e.canonical, None)
            where = -1 if not in_body else e.pos if e.at < 0 else e.at
            evidence.append(Evidence("speakers", e.canonical, e.rule, e.cue, where))
    # A quote attributed without a speech event of its own (continued, the paragraph's subject) names no
    # new speaker: on PolNeAR train such names were right 41 times and wrong 134.
    # Parties: every resolved mention; single unknown words only when they recur or speak.
    counts: dict[str, int] = {}
    for mt in stand_mentions + mentions:
        if mt.canonical is not None:
            counts[mt.canonical] = counts.get(mt.canonical, 0) + 1
    body_names = set(counts)
    kinds: dict[str, str] = {}
    order: list[str] = []
    for mt in stand_mentions + mentions + head_mentions:
        name = mt.canonical
        if name is None:
            continue
        if mt.headline and name not in body_names and mt.piece.kind != "known":
            continue
        if name not in speakers and (
            (mt.kind == "unknown" and counts.get(name, 0) < 2)
            or (mt.piece.kind == "organisation" and name == mt.piece.text and " " not in name)
        ):
            continue  # a lone capitalised word once, or an acronym the article never spells out
        if name in lex.nonnames:
            continue
        if (
            mt.piece.kind == "person"
            and name not in speakers
            and name not in kinds
            and all(_lower_in(t.lower(), body_scan) for t in name.split())
        ):
            continue  # "Better Idea", "Animated Series": common words in Title Case
        if name not in kinds:
            order.append(name)
            evidence.append(
                Evidence("parties", name, _party_rule(mt), mt.piece.text, -1 if mt.headline else mt.start)
            )
        kind = mt.kind if mt.kind in _KINDS else "organisation" if mt.kind == "unknown" else "person"
        kinds.setdefault(name, kind)
    for name, kind in parties.items():
        if name not in kinds:
            order.append(name)
            kinds[name] = kind
            evidence.append(Evidence("parties", name, "dateline", name, 0))
    for name in speakers:
        if name not in kinds:
            order.append(name)
            evidence.append(Evidence("parties", name, "speaker", name))
            kinds[name] = table.kind(name) or ("organisation" if name.endswith(" government") else "person")
    final_parties = tuple(Party(name, table.kind(name) or kinds[name]) for name in order)
    return Extraction(tuple(speakers), final_parties, tuple(quotes), tuple(evidence))


def _heading_common(word: str) -> bool:
    """A word of a Title Case heading that is no name's: a function word or a verb of the shipped lists."""
    return word in lexicon().function_words or word.lower() in _verb_set()


def _gazetteer(table: AliasTable) -> Callable[[str], bool]:
    """Whether the alias table knows a span."""

    def known(span: str) -> bool:
        return table.canonical(span) is not None

    return known


def _layout_events(
    body: str, body_scan: str, masked: str, mentions: list[Mention], events: list[Event]
) -> list[Event]:
    """``events`` with the speakers that layout gives (transcript and interview labels, embedded posts; see
    ``layout``), in order. (``body``: the text as written, its markup's attributes not yet blanked.)"""
    persons = [
        (mt.start, mt.canonical) for mt in mentions if mt.kind == "person" and mt.canonical and not mt.quoted
    ]
    taken = {e.pos for e in events} | {e.at for e in events if e.at >= 0}

    def make(pos: int, who: str, label: str, end: int, rule: str, cue: str) -> Event:
        return Event(pos, who, label, end, rule, cue, pos)

    extra = label_events(body_scan, persons, taken, _given_names(), _initials, _short_line, make)
    if "<tweet" in body:
        extra += embed_events(body, persons, make)
    if "nterview " in masked:
        subjects = {
            mt.start: (mt.end, mt.canonical)
            for mt in mentions
            if mt.kind in ("person", "organisation", "outlet") and mt.canonical and not mt.quoted
        }
        extra += [e for e in interview_events(masked, subjects, make) if e.pos not in taken]
    return sorted(events + extra, key=lambda e: e.pos) if extra else events


def _spoken_since(quote: Quote, event: Event | None) -> bool:
    """Whether ``event`` (the last speech event before a quote) reports someone other than ``quote``'s speaker
    speaking after ``quote``."""
    return (
        event is not None
        and event.pos > quote.position + len(quote.text)
        and event.canonical != quote.speaker
    )


def _after_quote(masked: str, at: int) -> bool:
    """Whether ``at`` follows a closing quotation mark ('"...," scoffed X')."""
    return masked[max(0, at - 3) : at].rstrip(" ,")[-1:] in ('"', "”")


def _band_like(piece: Piece, lex: Lexicon) -> bool:
    """A person-shaped name of two words or more that starts with no given name and carries no title."""
    first = piece.text.split()[0]
    given = first in lex.male_names or first in lex.female_names
    return " " in piece.text and not piece.key and not given


def _qualifies_noun(text: str, end: int, lex: Lexicon) -> bool:
    """Whether the name ending at ``end`` stands before a common noun it qualifies ("the Anna Berg song")."""
    if text[end : end + 1] != " ":
        return False
    word = text[end + 1 : end + 20].split(" ", 1)[0].rstrip(".,;:!?")
    if not (word.isalpha() and word.islower()) or word.endswith("ed"):
        return False
    return word.title() not in lex.function_words


def _members_word(name: str, lex: Lexicon) -> bool:
    """ "MPs", "MEPs", "CEOs": the members of a body, never one speaker ("Labour MPs warned")."""
    return name.endswith("s") and name[:-1].isupper() and name in lex.nonnames


_HEADLINE_SPEAKER_RE = re.compile(
    r"^(?:[A-Z][\w.'’-]*[ ]){0,2}?(?P<name>[A-Z][\w.'’&-]*(?:[ ][A-Z][\w.'’&-]*){0,3}?)"
    r"(?::[ ]|[ ](?P<verb>(?i:says|said|tells|told|warns|slams|calls|urges|claims|blasts|insists|vows|"
    r"accuses|denies|defends|admits|announces|responds|rips|mocks|praises|explains|argues|predicts|thanks|apologizes|"
    r"apologises|hits back|jabs|criticizes|criticises|condemns|pledges|promises|questions|tweets|writes))\b)"
)


def _headline_speakers(headline: str, mentions: list[Mention]) -> list[tuple[str, str]]:
    """ "Rubio: I Still Believe ...", "Lindsey Graham Says ...": a headline's speaker, named in the body too
    (the body's mention gives the canonical name; a Title Case headline's words alone are not enough)."""
    m = _HEADLINE_SPEAKER_RE.match(headline)
    if m is None:
        return []
    words = m.group("name").split()
    cue = (m.group("verb") or ":").lower()
    for n in range(len(words)):
        tail = " ".join(words[n:])
        last = words[-1].rstrip("'’s").rstrip("'’")
        found = {
            mt.canonical
            for mt in mentions
            if mt.canonical
            and not mt.quoted
            and mt.kind in ("person", "organisation", "outlet", "group")
            and (mt.canonical == tail or mt.canonical.endswith(" " + last) or mt.canonical == last)
        }
        if len(found) == 1:
            return [(found.pop(), cue)]
        if found:
            return []
    return []


def _party_rule(mt: Mention) -> str:
    """The rule behind a party: how its mention was read."""
    kind = mt.piece.kind
    if kind == "known":
        return "gazetteer"
    if kind in ("unknown", "initial", "organisation") and mt.kind == "person":
        return "surname"
    if kind in ("unknown", "initial") or (kind == "organisation" and mt.canonical != mt.piece.text):
        return "acronym" if mt.canonical != mt.piece.text else f"{kind}-word"
    return f"{kind}-run"


_KINDS = frozenset(("person", "organisation", "country", "place", "group", "outlet"))
