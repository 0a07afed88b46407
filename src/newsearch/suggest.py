"""Did you mean: the query with each word that is in no article replaced by a close, frequent word that is.

Engine-free: it reads the plan's typed words and asks the index (a backend Reader) for document
frequencies and close terms. A suggestion is shown, never applied.

Close means close as typed, not as stemmed: "elecion" is one letter from "election" (stem "elect") but,
stemmed, two from "electron" (the stem of "electronics"). So the word's one-letter edits are tried first
(each analysed and looked up: the edit itself is the suggestion, in a form people write); only when none is
in the index are the stems within two edits considered, each shown as it is written in an article and
kept only if that written form is itself within the allowed distance of what was typed.
"""

from __future__ import annotations

import string
from collections.abc import Iterable

from .analysis import _fold
from .backends.base import Reader
from .documents import TEXT_FIELDS
from .query.nodes import Term
from .query.plan import SearchPlan, TypedWord

_LETTERS = string.ascii_lowercase
MAX_CORRECTED = 8  # unknown words looked at per query (each costs a few hundred look-ups)


def suggestion(plan: SearchPlan, reader: Reader) -> str | None:
    """The query with its unknown words corrected, or None when every word is in the index (or none has a
    close, frequent replacement)."""
    text = plan.text
    out: list[str] = []
    last = 0
    changed = False
    corrections: dict[str, str | None] = {}  # term -> its replacement: the same for every occurrence
    for word in sorted(set(plan.words), key=lambda w: w.start):
        if word.start < last:
            continue
        if word.term not in corrections:
            if len(corrections) >= MAX_CORRECTED or _df(reader, word.term):
                continue
            corrections[word.term] = correct(word, reader)
        better = corrections[word.term]
        if better is None:
            continue
        out.append(text[last : word.start])
        out.append(better.capitalize() if word.surface[:1].isupper() else better)
        last = word.end
        changed = True
    if not changed:
        return None
    out.append(text[last:])
    return " ".join("".join(out).split())


def correct(word: TypedWord, reader: Reader) -> str | None:
    """The best replacement for one unknown word, or None."""
    typed = _fold(word.surface.lower())
    if not typed.isalpha() or len(typed) < 3:
        return None
    allowed = 1 if len(typed) <= 5 else 2
    best: tuple[int, int, str] | None = None  # (distance, -df, written form)
    by_term: dict[str, list[str]] = {}
    for edit in _edits(typed):
        terms = reader.analyze(edit)
        if len(terms) == 1 and terms[0] != word.term:
            by_term.setdefault(terms[0], []).append(edit)
    frequent = sorted(((_df(reader, t), t) for t in by_term), reverse=True)
    if frequent and frequent[0][0]:
        df, term = frequent[0]
        forms = by_term[term]
        written = _written(term, reader)
        # Several edits can share the term ("prisoneer", "prisoner"): the form articles use, else the
        # simplest edit (a deletion, then a swap or replacement, then an insertion).
        form = written if written in forms else min(forms, key=lambda f: (_kind(f, typed), f))
        best = (1, -df, form)
    if best is None:
        for term, df in reader.similar_terms("body", word.term, 2, 1, 8):
            written = _written(term, reader)
            if written is None:
                continue
            distance = edit_distance(typed, written, allowed)
            if distance > allowed or (distance == 2 and df < 2):
                continue
            if best is None or (distance, -df, written) < best:
                best = (distance, -df, written)
    return best[2] if best else None


def _kind(edit: str, typed: str) -> int:
    return 0 if len(edit) < len(typed) else 1 if len(edit) == len(typed) else 2


def _df(reader: Reader, term: str) -> int:
    return max(reader.doc_frequency(f, term) for f in TEXT_FIELDS)


def _edits(word: str) -> Iterable[str]:
    """Every string one deletion, transposition, replacement or insertion away (Norvig)."""
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    seen: set[str] = set()
    for left, right in splits:
        candidates = []
        if right:
            candidates.append(left + right[1:])
            candidates += [left + c + right[1:] for c in _LETTERS if c != right[0]]
        if len(right) > 1:
            candidates.append(left + right[1] + right[0] + right[2:])
        candidates += [left + c + right for c in _LETTERS]
        for candidate in candidates:
            if candidate not in seen:
                seen.add(candidate)
                yield candidate


def _written(term: str, reader: Reader) -> str | None:
    """A word as written in an article whose index term is ``term``."""
    from .analysis import TOKEN_RE, normalize

    hits = reader.search(Term("body", term), limit=1)
    if not hits:
        return None
    body = reader.stored(hits[0][0]).get("body") or ""
    for match in TOKEN_RE.finditer(body):
        if normalize(match.group(), reader.stemmer) == term:
            return match.group().lower()
    return None


def edit_distance(a: str, b: str, cap: int) -> int:
    """Levenshtein distance (cap + 1 as soon as it is certainly larger)."""
    if abs(len(a) - len(b)) > cap:
        return cap + 1
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        if min(current) > cap:
            return cap + 1
        previous = current
    return previous[-1]
