"""Title Case lines inside an article's body: list headings, subheads, roundup items.

A listicle numbers its items with a heading each ("4 Anna Berg Told The Council About Her Plans"), a feature
breaks its text with Title Case subheads. Read as prose, such a line is one long capitalised run, and the
extractor takes the whole of it for one name ("Berg Told The Council About Her Plans" as a person). This
module finds those lines and writes their common words in lower case (same length, so every offset of the
text holds): the line then reads as the sentence it abbreviates ("4 Anna Berg told the council about her
plans"), its names stand alone and the ordinary rules read it.

A word stays capitalised when it can be part of a name: a word the article writes capitalised in its own
prose, a given name and the surname after it, a word of a name the gazetteer knows ("Middle East"), an
acronym, an item of a list. Headings under a "Related:" label are other stories' headlines and are blanked.
Pure; only :func:`lower_headings` is public, called on the rare text that :data:`HEADING_HINT` finds.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from itertools import pairwise

__all__ = ["HEADING_HINT", "lower_headings"]

# Small words that Title Case capitalises and prose never does in the middle of a sentence.
_SMALL = (
    "Of|To|In|On|At|For|And|Or|But|By|With|From|About|As|Into|Over|After|Is|Are|Was|Were|Be|Has|Have|Had|"
    "Did|Does|Do|Its|His|Her|Their|Not|Than|How|Why|What|The|A|An|Against|Up"
)
_SMALL_WORDS = frozenset(_SMALL.split("|"))
# Words a noun follows, never a name: "A Letter", "His Hair", "Their Daughter".
_DETERMINERS = frozenset(("A", "An", "The", "His", "Her", "Its", "Their", "Our", "My", "Your"))
_JOINERS = frozenset(("Of", "For", "And", "On", "To"))  # words a capitalised run reads through
# The cheap test over a whole body: a capitalised word (not a sentence's last), a capitalised small word, a
# capitalised word. (The small words' alternation written factored: ~15% less time per body.)
HEADING_HINT = re.compile(
    r"[A-Z][\w'’-]*[ ](?:A(?:bout|fter|gainst|nd|re|s|t|n)?|B(?:ut|y|e)|D(?:id|oes|o)|F(?:or|rom)|"
    r"H(?:a[sd]|ave|er|is|ow)|I(?:n(?:to)?|ts|s)|O(?:[fnr]|ver)|T(?:he(?:ir)?|o|han)|Up|W(?:ith|as|ere|hat|hy)|"
    r"Not)[ ][\"“‘']?[A-Z]"
)
_WORD_RE = re.compile(r"[^\W\d_][\w'’.-]*")
_OPEN_WORDS = 4  # fewer words: a caption, a label, "Letter From America"
_MAX_WORDS = 25
_MAX_CHARS = 240  # a longer line is prose (no heading of 25 words is longer)
# A label that introduces links to other stories ("Related:", "See also:"), alone on its line.
_RELATED_RE = re.compile(
    r"[\"“'‘]?(?i:related(?:[ ](?:stories|coverage|articles|links|content|reading))?|see[ ]also|also[ ]read|"
    r"more[ ]on[ ]this(?:[ ]story)?)[ ]?:?[\"”'’]?:?[ \t]*$"
)
_MAX_COMMAS = 2  # more: a team sheet or a list of names, not a heading


def _heading(words: list[str], line: str) -> bool:
    """Whether a line's words read as a Title Case heading: every word capitalised but small ones and at most
    one other, a capitalised small word after the first, not shouted, no list of names."""
    if not _OPEN_WORDS <= len(words) <= _MAX_WORDS or line.count(",") > _MAX_COMMAS:
        return False
    if "(" in line or (":" in line and "," in line.rpartition(":")[2]):
        return False  # an interview's label, a credit "(The Show, Channel)", a label's list "Subs: A, B"
    lower = [w for w in words[1:] if w[0].islower()]
    if (
        sum(1 for w in lower if w.title() not in _SMALL_WORDS and w != "a") > 1
        or len(lower) * 5 > len(words) * 2
    ):
        return False  # prose: lower-case words other than small ones ("in", "the": AP style keeps them)
    upper = sum(1 for w in words if w.isupper())
    if upper * 2 > len(words):
        return False  # a shouted line: the extractor already reads no name in it
    return any(w in _SMALL_WORDS for w in words[1:])


def _has_word(word: str, text: str) -> bool:
    """Whether ``text`` holds ``word`` (as written: case counts) as a whole word."""
    i = text.find(word)
    while i != -1:
        end = i + len(word)
        if (i == 0 or not text[i - 1].isalpha()) and not text[end : end + 1].isalpha():
            return True
        i = text.find(word, end)
    return False


def lower_headings(
    text: str,
    common: Callable[[str], bool],
    given: Callable[[str], bool],
    known: Callable[[str], bool],
) -> str:
    """``text`` with the common words of its Title Case lines in lower case (same length).

    ``common(word)``: a function word or a verb of the shipped lists; ``given(word)``: a shipped given name;
    ``known(span)``: a name the gazetteer knows. Any other capitalised word of a heading is lowered unless
    the article's prose (its text outside the headings) writes it capitalised too: a name recurs in the text
    the heading introduces, a heading's verbs and nouns do not. Headings under a "Related:" label (and the
    ones after them) are other stories' headlines: blanked."""
    headings: list[tuple[int, list[re.Match[str]], list[str]]] = []
    end = 0
    for hint in HEADING_HINT.finditer(text):
        if hint.start() < end:
            continue  # a line already read
        at = text.rfind("\n", 0, hint.start()) + 1
        end = text.find("\n", hint.end())
        end = len(text) if end < 0 else end
        if end - at > _MAX_CHARS:
            continue
        line = text[at:end]
        found = list(_WORD_RE.finditer(line))
        words = [m.group().rstrip(".") or m.group() for m in found]
        if _heading(words, line):
            headings.append((at, found, words))
    if not headings:
        return text
    out = list(text)
    for at, found, _ in headings:
        for m in found:
            for i in range(at + m.start(), at + m.end()):
                out[i] = " "
    prose = "".join(out)
    out = list(text)
    links: set[int] = set()
    for at, found, words in headings:
        line = text[at : at + found[-1].end()]
        before = text[:at].rstrip()
        start = before.rfind("\n") + 1
        if _RELATED_RE.match(before, start) is not None or start in links:
            # "Related:" and the headlines of other stories under it: links, not this article's text
            links.add(at)
            out[at : at + len(line)] = " " * len(line)
            continue
        listing = [
            k > 0 and any(c in ",:;/" for c in line[found[k - 1].end() : found[k].start()])
            for k in range(len(found))
        ]
        keep = _capitals(words, listing, text, prose, common, given, known)
        for k, m in enumerate(found):
            if keep[k]:
                continue
            i = at + m.start()
            low = text[i].lower()
            if len(low) == 1:
                out[i] = low
    return "".join(out)


def _capitals(
    words: list[str],
    listing: list[bool],
    text: str,
    prose: str,
    common: Callable[[str], bool],
    given: Callable[[str], bool],
    known: Callable[[str], bool],
) -> list[bool]:
    """Which words of one heading keep their capital.

    A listed word (function word, verb) does not after the first, unless it is a given name before a name
    word ("... With Will Ostrander"). A name word does: one the prose writes capitalised, a given name, an
    acronym, an initial, a word of a name the gazetteer knows, an item after a comma or a colon. Any other
    word is lowered when the article writes it in lower case, when it follows a name word (the verb of "Anna
    Berg Sent ..."), when it stands beside another such word ("... A Size Zero In ...") or after an
    article, when it ends in "-ed" (a participle); but the surname after a given name that opens a name
    stays ("Janet Yellen"), and so does a word alone between small words ("Compared To Eisenhower": a name
    only the heading gives)."""
    n = len(words)
    stems = [w.removesuffix("’s").removesuffix("'s") for w in words]
    listed = [False] * n
    name = [False] * n
    unknown = [False] * n  # capitalised, neither listed nor a name word
    for k, word in enumerate(stems):
        if not word[:1].isupper() or word == "I" or word.startswith(("I’", "I'")):
            continue
        if word == "A":
            name[k] = k > 0 and given(stems[k - 1])  # "Anna A Berg": an initial
            listed[k] = not name[k]
        elif common(word):
            listed[k] = True
        elif word.isupper() or given(word) or listing[k] or _has_word(word, prose):
            name[k] = True
        else:
            unknown[k] = True
    for a, b in _known_spans(stems, words, known):
        for j in range(a, b):
            name[j], listed[j], unknown[j] = True, False, False
    for k in range(n - 1):
        if listed[k] and given(stems[k]) and name[k + 1] and not listed[k + 1]:
            name[k], listed[k] = True, False
    keep = [True] * n
    for k in range(n):
        if listed[k]:
            keep[k] = k == 0
        elif not unknown[k]:
            continue
        elif _has_word(stems[k].lower(), text):
            keep[k] = False  # "... Hike", "Minority Outreach ...": the article writes "hike", "minority"
        elif k == 0:
            continue
        elif given(stems[k - 1]) and (k == 1 or not keep[k - 2] or not (name[k - 2] or unknown[k - 2])):
            continue  # "Janet Yellen": a given name opens the name, its surname follows
        elif name[k - 1] and len(stems[k - 1]) > 1:
            keep[k] = False  # "Anna Berg Sent": the verb after the name
        elif unknown[k - 1] or (k + 1 < n and unknown[k + 1]) or stems[k - 1] in _DETERMINERS:
            keep[k] = False  # "Sexist Wife Joke": common words together; "A Letter", "His Hair": a noun
        elif len(stems[k]) > 4 and stems[k].endswith("ed"):
            keep[k] = False  # "Not Used", "Being Called": a participle
    alone = [k for k in range(1, n) if unknown[k] and keep[k]]
    for a, b in pairwise(alone):
        if b - a == 2 and stems[a + 1] in _JOINERS:
            keep[a] = keep[b] = False  # "... On Letter Of Notice": two nouns a small word joins, no name
    return keep


def _known_spans(stems: list[str], words: list[str], known: Callable[[str], bool]) -> list[tuple[int, int]]:
    """The word ranges of a heading that the gazetteer knows as one name (two to four capitalised words,
    longest first, left to right): "Middle East", "Supreme Court"."""
    out: list[tuple[int, int]] = []
    k, n = 0, len(words)
    while k < n:
        size = next(
            (
                size
                for size in (4, 3, 2)
                if k + size <= n
                and all(stems[j][:1].isupper() for j in range(k, k + size))
                and known(" ".join(words[k : k + size]))
            ),
            1,
        )
        if size > 1:
            out.append((k, k + size))
        k += size
    return out
