"""Speakers given by layout, not by a verb of saying: transcript and interview labels, embedded posts.

- **label**: a paragraph that opens with a speaker's label and a colon ("BERG: ...", "Anna Berg: ...",
  "Berg: ..."): the label speaks the paragraph. A surname or an all-capitals label resolves to the article's
  full name; a label that names no person of the article (and is no full name itself) speaks for no one
  ("UPDATE:", "Note:", "Replacements:").
- **interview**: a question-and-answer piece, "Q: ... / A: ..." (the answers are the interviewee's, the person
  the introduction names most) or Wikinews' "((WN)) ... / ((Anna Berg)) ..." and initials ("AB: ...").
- **interview** also: a sentence that opens "In an interview with <outlet>, Anna Berg ..." (the name right
  after the phrase, then its verb; not a passive: "..., Berg was asked").
- **embed**: an embedded post left in the text as markup, ``<tweet author="@AnnaBerg">``, whose handle
  spells the name of one person the article names.

A label whose every paragraph is a question is the interviewer's: no speaker (nor is "Q" or "((WN))").
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TypeVar

# A label at a paragraph's start: "((Anna Berg))" (a colon optional), or up to four capitalised words and a
# colon, then the paragraph's text on the same line.
_LABEL_RE = re.compile(
    r"^[ \t\"“]*(?:\(\((?P<wiki>[^()\n]{1,40})\)\)[ \t]*:?"
    r"|(?P<label>[A-Z][\w.'’-]*(?:[ ][A-Z][\w.'’-]*){0,3})[ \t]*:)[ \t\u00a0]+(?=\S)",
    re.M,
)
# Labels that head a note or a section, never a speaker (checked before any name is looked up).
_NOT_SPEAKERS = frozenset(
    (
        *("update", "updated", "note", "editor's note", "editor’s note", "correction", "clarification"),
        *("photo", "photos", "image", "video", "watch", "read", "read more", "related", "source", "sources"),
        *("email", "listen", "transcript", "partial transcript", "q"),
    )
)


# The same test after a line break only: ``re`` skips ahead to each "\n" (a search of ``_LABEL_RE`` itself
# tries every position of the text against "^").
_LABEL_AFTER_BREAK_RE = re.compile("\n" + _LABEL_RE.pattern[1:])


def has_label(body: str) -> bool:
    """Whether any paragraph of ``body`` opens with a label (the cheap test before the article's persons)."""
    return _LABEL_RE.match(body) is not None or _LABEL_AFTER_BREAK_RE.search(body) is not None


_HANDLE_RE = re.compile(r"<tweet\b[^>\n]*?\bauthor=\"@?(?P<handle>\w{3,30})\"[^>\n]*>(?P<text>[^<\n]*)")
_SIGNED_RE = re.compile(r"\(@\w+\)\s*\w+\s+\d")  # "— Anna Berg (@AnnaBerg) May 4, 2016": the dash rule's


# A sentence opening with an interview phrase, up to the comma before its subject: "In an interview with the
# Courier on Monday, ", "But during a radio interview with a local station, ".
_INTERVIEW_RE = re.compile(
    r"(?:^|(?<=[.!?][ ])|(?<=[.!?][\"”\x00][ ])|(?<=\n))"
    r"(?:(?:But|And|Yet|Later|Earlier)[ ,]+(?:in|during)|In|During)"
    r"[ ](?:an?|the|his|her|their|its|one)[ ](?:[\w’'-]+[ ]){0,4}?interview[ ]"
    r"(?:with|on|to)[ ][^,;:.\n\x00]{1,80}?,[ ]"
)
# What may follow the subject: a verb in the past or the present ("refused", "says"), an adverb and one, or an
# auxiliary ("did not", "has", "would"); not a passive ("was asked") nor a noun ("the Courier's expert Anna").
_AFTER_SUBJECT_RE = re.compile(
    r"(?:,[^,\n]{1,60},)?[ ](?:[a-z]+ly[ ])?"
    r"(?:(?!(?:was|is|has|does|this|his|its|us|news|bus|gas|plus|thus|yes)\b)[a-z]{2,}(?:ed|[^s]s)"
    r"|did|does|do|has|had|have|would|will|could|can|may|might|must|should|also|later|then|went|told|gave"
    r"|made|took|spoke|said|says|wrote|sought|stood|hit|put|set|left|kept|held|came|became|got|saw|felt)\b"
)


# A name as a Wikinews "((...))" label writes it: one to four capitalised words, each with a lower-case letter
# (not the reporter's initials, "((WN))").
_WIKI_NAME_RE = re.compile(r"[A-Z][a-z][\w.'’-]*(?:[ ][A-Z][\w.'’-]*[a-z][\w.'’-]*){0,3}")
_Event = TypeVar("_Event")  # the extractor's event, built by the ``make`` it passes


def _question_only(texts: list[str]) -> bool:
    """Whether every paragraph a label opens is a question: the interviewer's."""
    return all(t.rstrip(" \"”'’)").endswith("?") for t in texts)


def _resolve(
    label: str, persons: list[str] | set[str], given: frozenset[str], initials: Callable[[str], str]
) -> str | None:
    """The article's person a label names: the full name, a surname, initials of one person ("AB"); else a
    label that is a full name itself ("ANNA BERG" → "Anna Berg"); else None."""
    words = label.split()
    upper = label.isupper()
    if upper and len(words) == 1 and 2 <= len(label) <= 3:
        named = {p for p in persons if initials(p) == label and " " in p}
        return named.pop() if len(named) == 1 else None
    low = [w.lower() for w in words]
    # (a surname first: "TRUMP" is the article's "Anna Trump", not a short form it also uses)
    named = {
        p
        for p in persons
        if " " in p and p.lower().split()[-1] == low[-1] and (len(low) == 1 or p.lower().split()[0] == low[0])
    }
    if len(named) == 1:
        return named.pop()
    for p in persons:
        if p.lower().split() == low:
            return p
    if len(words) >= 2 and words[0].title() in given and all(w.replace("-", "").isalpha() for w in words):
        return " ".join(w.title() if upper else w for w in words)
    return None


def label_events(
    body: str,
    persons: list[tuple[int, str]],
    taken: set[int],
    given: frozenset[str],
    initials: Callable[[str], str],
    short_line: Callable[[str, int], bool],
    make: Callable[[int, str, str, int, str, str], _Event],
) -> list[_Event]:
    """The label and interview events of ``body`` (``persons``: (position, canonical name) of the article's
    person mentions; ``taken``: positions where another rule already names a speaker)."""
    found = list(_LABEL_RE.finditer(body))
    if not found:
        return []
    names = {p for _, p in persons}
    for m in found:  # a label that is a full name names a person for later labels ("ANNA BERG" … "BERG")
        label = (m.group("wiki") or m.group("label")).strip()
        if " " in label and (full := _resolve(label, [], given, initials)) is not None:
            names.add(full)
    answers = [m for m in found if m.group("label") == "A"]
    interviewee = None
    if len(answers) >= 2:
        # Q&A: the answers are the person the introduction (the text before the first label) names most.
        first = found[0].start()
        counts: dict[str, int] = {}
        for at, p in persons:
            if at < first and " " in p:
                counts[p] = counts.get(p, 0) + 1
        if counts:
            interviewee = max(counts, key=lambda p: (counts[p], -min(a for a, q in persons if q == p)))
    spoken: dict[str, list[tuple[re.Match[str], str, str]]] = {}  # name → (label, rule, paragraph text)
    for m in found:
        line_end = body.find("\n", m.end())
        text = body[m.end() : line_end if line_end != -1 else len(body)]
        wiki = m.group("wiki")
        label = (wiki or m.group("label")).strip()
        if label.lower() in _NOT_SPEAKERS or label.lower().startswith(("wikinews", "wn", "wss")):
            continue
        if label == "A":
            who, rule = interviewee, "interview"
        elif wiki is not None or (label.isupper() and len(label) <= 3):
            who, rule = _resolve(label, names, given, initials), "interview"
            if who is None and wiki is not None and _WIKI_NAME_RE.fullmatch(label):
                who = label  # "((Jaya))", "((Dorsa Berg))": Wikinews labels only its speakers so
        elif label.isupper() and len(label) > 1:
            who, rule = _resolve(label, names, given, initials), "label"
        else:
            # A Title Case label: one word that is an article person's surname, or the person's name; a
            # short line is a section's head ("Berg: The long game"), no one speaking.
            if short_line(body, m.end()):
                continue
            who, rule = _resolve(label, names, given, initials), "label"
            if who is not None and " " in label and who.lower() != label.lower():
                continue  # "Anna Berg" named only so: the colon rule's, or a different person
        if who is None or any(m.start() <= t < m.end() for t in taken):
            continue
        spoken.setdefault(who, []).append((m, rule, text))
    out: list[_Event] = []
    spans = [(m.start(), m.end()) for m in found]
    known = {p for at, p in persons if not any(a <= at < b for a, b in spans)}  # named outside the labels
    dialogue = sum(map(len, spoken.values())) >= 2
    for who, items in spoken.items():
        if _question_only([text for _, _, text in items]):
            continue
        if who not in known and len(items) < 2:
            continue  # a name only one label gives, nowhere else in the article: a typing slip as likely
        for m, rule, _ in items:
            wiki = m.group("wiki")
            label = (wiki or m.group("label")).strip()
            if not dialogue and wiki is None and " " not in label:
                continue  # one word before a colon, once in the article: a dateline ("BERG:") as likely
            out.append(make(m.start(), who, label, m.end(), rule, ":" if wiki is None else "(( ))"))
    if any(m.group("wiki") for m in found):
        out += _initials_events(body, known, taken, initials, make)
    return out


# An answer in a "((WN))" interview that opens with the interviewee's initials and no colon: "AB We looked at
# ..." (two or three capitals, then a capitalised word).
_INITIALS_LINE_RE = re.compile(r"^(?P<init>[A-Z]{2,3})[ \t]+(?=[A-Z])", re.M)


def _initials_events(
    body: str,
    known: set[str],
    taken: set[int],
    initials: Callable[[str], str],
    make: Callable[[int, str, str, int, str, str], _Event],
) -> list[_Event]:
    """The answers of a "((WN))" interview labelled with initials and no colon: the one person of the article
    (named outside the labels) with those initials speaks them, when two or more such answers do not all end
    in a question mark."""
    found: dict[str, list[re.Match[str]]] = {}
    for m in _INITIALS_LINE_RE.finditer(body):
        if any(m.start() <= t < m.end() for t in taken):
            continue
        found.setdefault(m.group("init"), []).append(m)
    out: list[_Event] = []
    for label, items in found.items():
        named = {p for p in known if " " in p and initials(p) == label}
        if len(named) != 1 or len(items) < 2:
            continue
        texts = [body[m.end() : (body.find("\n", m.end()) + 1 or len(body) + 1) - 1] for m in items]
        if _question_only(texts):
            continue
        who = named.pop()
        out += [make(m.start(), who, label, m.end(), "interview", "(( ))") for m in items]
    return out


def embed_events(
    raw: str,
    persons: list[tuple[int, str]],
    make: Callable[[int, str, str, int, str, str], _Event],
) -> list[_Event]:
    """A post embedded as markup whose author's handle spells the name of one person of the article
    ('<tweet author="@AnnaBerg">', '<tweet author="realAnnaBerg">'); signed posts are the dash rule's."""
    names = {p for _, p in persons if " " in p}
    out: list[_Event] = []
    for m in _HANDLE_RE.finditer(raw):
        if _SIGNED_RE.search(m.group("text")):
            continue
        handle = m.group("handle").lower()
        named = {p for p in names if re.sub(r"[\W_]", "", p.lower()) in handle}
        if len(named) == 1:
            out.append(make(m.start(), named.pop(), m.group("handle"), m.start("text"), "embed", "tweet"))
    return out


def interview_events(
    masked: str,
    subjects: dict[int, tuple[int, str]],
    make: Callable[[int, str, str, int, str, str], _Event],
) -> list[_Event]:
    """The named subject of a sentence that opens with an interview phrase ("In an interview with the Courier,
    Anna Berg dismissed the plan"): the interviewee (``subjects``: start → (end, canonical) of the article's
    person and organisation mentions)."""
    out: list[_Event] = []
    for m in _INTERVIEW_RE.finditer(masked):
        subject = subjects.get(m.end())
        if subject is None or _AFTER_SUBJECT_RE.match(masked, subject[0]) is None:
            continue
        out.append(make(m.end(), subject[1], subject[1], subject[0], "interview", "interview"))
    return out
