"""newsearch's query parser: query text -> syntax tree, with every refusal naming the construct and its
character position.

The language (the README's table is the user's view of it):

- words: ``prisoner exchange``; a bracketed group ``( … )``; ``*`` alone matches every article;
- ``"a phrase"``, ``"a phrase"~3`` (up to 3 other words between), ``"a phrase"^2`` (boost);
- ``word^2`` boost, ``word*`` prefix (2+ letters), ``word~``/``word~1`` fuzzy (edit distance 2 or 1);
- ``+word`` required; ``-word``, ``!word``, ``NOT word`` excluded (``NOT NOT x`` is ``x``);
- ``a OR b``, ``a || b``: either; ``a AND b``, ``a && b``: both — an AND anywhere in a group makes every
  member of that group required. OR binds tighter than AND: ``a AND b OR c`` is ``a AND (b OR c)``;
- ``field:value``, ``field:"two words"``, ``field:(a OR b)`` with the public fields and their aliases
  (:mod:`newsearch.documents`); ``date:`` takes ``2025``, ``2025-11``, ``2025-11-03``, relative values
  (``now-30d``, ``today``, ``yesterday``), comparisons (``>``, ``>=``, ``<``, ``<=``) and ranges
  (``[a TO b]`` inclusive, ``{a TO b}`` exclusive, either end open or ``*``).

The tree records what was typed and where; meaning (analysis, fields, scores) is :mod:`.plan`'s job.

>>> parse('"prisoner exchange"~2 Qatar OR Egypt -hostages').items[1]
AnyOf(items=(Word(text='Qatar', pos=22, end=27, field=None, boost=None, prefix=False, fuzzy=None), \
Word(text='Egypt', pos=31, end=36, field=None, boost=None, prefix=False, fuzzy=None)), pos=22)
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from ..documents import BY_NAME, PUBLIC_FIELDS, resolve_field
from ..errors import QueryError
from . import dates

# Queries are capped by the work they cause (see plan.MAX_FREE_TERMS), not by their length; this only
# keeps absurd input (megabytes of text) from being read at all.
MAX_QUERY_CHARS = 100_000
MAX_QUERY_DEPTH = 32  # brackets nested deeper than this only ever come from generated input
MIN_PREFIX = 2  # letters before a trailing *: "a*" would expand to a large share of the vocabulary
MAX_BOOST = 1000.0


@dataclass(frozen=True, slots=True)
class Word:
    text: str
    pos: int
    end: int
    field: str | None = None
    boost: float | None = None
    prefix: bool = False
    fuzzy: int | None = None  # edit distance


@dataclass(frozen=True, slots=True)
class Quoted:
    text: str
    pos: int
    end: int
    field: str | None = None
    slop: int = 0
    boost: float | None = None


@dataclass(frozen=True, slots=True)
class DateQuery:
    field: str
    text: str
    pos: int
    low: dates.DateValue | None = None
    high: dates.DateValue | None = None
    low_inclusive: bool = True
    high_inclusive: bool = True


@dataclass(frozen=True, slots=True)
class Everything:
    pos: int


@dataclass(frozen=True, slots=True)
class Group:
    items: tuple[Item, ...]
    pos: int
    all_required: bool = False  # an AND / && joined members of this group
    boost: float | None = None


@dataclass(frozen=True, slots=True)
class AnyOf:
    items: tuple[Item, ...]
    pos: int


@dataclass(frozen=True, slots=True)
class Excluded:
    item: Item
    pos: int


@dataclass(frozen=True, slots=True)
class Required:
    item: Item
    pos: int


Item = Word | Quoted | DateQuery | Everything | Group | AnyOf | Excluded | Required


# ------------------------------------------------------------------------------------------ scanning
@dataclass(frozen=True, slots=True)
class _Token:
    kind: str  # word phrase lparen rparen and or not plus minus field range
    text: str
    pos: int
    end: int
    boost: float | None = None  # rparen: ")^2"


_FIELD = re.compile(r"([A-Za-z_]+):(?=[^\s])")
_NUMBER = re.compile(r"^\d+(?:\.\d+)?$|^\.\d+$")
# A surrogate code point alone is no character (what a JSON "\\ud800" escape or an undecodable byte of a
# command line gives): no index can hold it, and engines cannot encode it.
_SURROGATE = re.compile("[\ud800-\udfff]")
_STOP = set(' \t\n\r\f\v()"')


def _scan(text: str) -> Iterator[_Token]:
    i, n = 0, len(text)
    after_field = False
    while i < n:
        c = text[i]
        if c.isspace():
            i += 1
            after_field = False
            continue
        if c == '"':
            close = text.find('"', i + 1)
            if close < 0:
                raise QueryError(text, 'unbalanced quote: this " is never closed', i)
            end = close + 1
            while end < n and not text[end].isspace() and text[end] not in '()"':
                end += 1
            yield _Token("phrase", text[i:end], i, end)
            i, after_field = end, False
            continue
        if c == "(":
            yield _Token("lparen", c, i, i + 1)
            i, after_field = i + 1, False
            continue
        if c == ")":
            end = i + 1
            boost = None
            if end < n and text[end] == "^":
                stop = end + 1
                while stop < n and not text[stop].isspace() and text[stop] not in '()"':
                    stop += 1
                boost = _boost(text, text[end + 1 : stop], end)
                end = stop
            yield _Token("rparen", c, i, end, boost)
            i, after_field = end, False
            continue
        if after_field and c in "[{":
            close = next((j for j in range(i + 1, n) if text[j] in "]}"), -1)
            if close < 0:
                raise QueryError(text, f"unclosed range: this {c} has no closing ] or }}", i)
            yield _Token("range", text[i : close + 1], i, close + 1)
            i, after_field = close + 1, False
            continue
        if not after_field:
            m = _FIELD.match(text, i)
            if m and not text.startswith("//", m.end()):
                yield _Token("field", m.group(1), i, m.end())
                i, after_field = m.end(), True
                continue
        prefix = not after_field and c in "+-!" and i + 1 < n and not text[i + 1].isspace()
        if prefix and text[i + 1] != ")" and not text.startswith("!=", i):
            yield _Token({"+": "plus", "-": "minus", "!": "not"}[c], c, i, i + 1)
            i += 1
            continue
        end = i
        while end < n and text[end] not in _STOP:
            end += 1
        word = text[i:end]
        if after_field:
            kind = "word"
        else:
            kind = {"AND": "and", "&&": "and", "OR": "or", "||": "or", "NOT": "not", "!": "not"}.get(
                word, "word"
            )
        yield _Token(kind, word, i, end)
        i, after_field = end, False


def _boost(text: str, value: str, pos: int) -> float:
    if not _NUMBER.match(value) or not 0 < float(value) <= MAX_BOOST:
        raise QueryError(text, f"boost ^{value} must be a number above 0 and at most {MAX_BOOST:g}", pos)
    return float(value)


# ------------------------------------------------------------------------------------------ parsing
def parse(text: str) -> Group:
    """The syntax tree of a query: its top-level Group; QueryError (with a position) when it cannot parse."""
    if not isinstance(text, str):
        raise TypeError("query text must be a string")
    if len(text) > MAX_QUERY_CHARS:
        raise QueryError(text, f"query longer than {MAX_QUERY_CHARS:,} characters")
    if not text.strip():
        raise QueryError(text, "empty query")
    if broken := _SURROGATE.search(text):
        reason = "not valid text: a broken character (an unpaired surrogate); remove it"
        raise QueryError(text, reason, broken.start())
    return _Parser(text).parse()


class _Parser:
    def __init__(self, text: str) -> None:
        self.text = text
        self.tokens = list(_scan(text))
        self.i = 0

    def peek(self) -> _Token | None:
        return self.tokens[self.i] if self.i < len(self.tokens) else None

    def take(self) -> _Token:
        tok = self.tokens[self.i]
        self.i += 1
        return tok

    def error(self, reason: str, pos: int | None) -> QueryError:
        return QueryError(self.text, reason, pos)

    def parse(self) -> Group:
        return self.group(0, None)

    def group(self, depth: int, opened: _Token | None, field: str | None = None) -> Group:
        items: list[Item] = []
        required = False
        boost = None
        while True:
            tok = self.peek()
            if tok is None:
                if opened is not None:
                    raise self.error("unbalanced bracket: this ( is never closed", opened.pos)
                break
            if tok.kind == "rparen":
                if opened is None:
                    raise self.error("unbalanced bracket: this ) has no matching (", tok.pos)
                self.take()
                boost = tok.boost
                break
            if tok.kind == "and":
                self.take()
                nxt = self.peek()
                if not items or nxt is None or nxt.kind in ("rparen", "and", "or"):
                    raise self.error(f"{tok.text} needs a term on each side", tok.pos)
                required = True
                continue
            if tok.kind == "or":
                raise self.error(f"{tok.text} needs a term before it", tok.pos)
            items.append(self.either(depth, field))
        pos = opened.pos if opened is not None else 0
        return Group(tuple(items), pos, required, boost)

    def either(self, depth: int, field: str | None) -> Item:
        first = self.unary(depth, field)
        alternatives = [first]
        while (tok := self.peek()) is not None and tok.kind == "or":
            self.take()
            nxt = self.peek()
            if nxt is None or nxt.kind in ("rparen", "and", "or"):
                raise self.error(f"{tok.text} needs a term after it", tok.pos)
            alternatives.append(self.unary(depth, field))
        return first if len(alternatives) == 1 else AnyOf(tuple(alternatives), _pos(first))

    def unary(self, depth: int, field: str | None) -> Item:
        negations, required, first = 0, False, None
        while (tok := self.peek()) is not None and tok.kind in ("not", "minus", "plus"):
            self.take()
            first = first or tok
            if tok.kind == "plus":
                required = True
            else:
                negations += 1
        if first is not None:
            nxt = self.peek()
            if nxt is None or nxt.kind in ("rparen", "and", "or"):
                raise self.error(f"{first.text} needs a term after it", first.pos)
        item = self.primary(depth, field)
        if negations % 2:
            return Excluded(item, first.pos if first else _pos(item))
        if required:
            return Required(item, first.pos if first else _pos(item))
        return item

    def primary(self, depth: int, field: str | None) -> Item:
        tok = self.take()
        if tok.kind == "lparen":
            if depth + 1 > MAX_QUERY_DEPTH:
                raise self.error(f"brackets nested more than {MAX_QUERY_DEPTH} deep", tok.pos)
            return self.group(depth + 1, tok, field)
        if tok.kind == "field":
            return self.fielded(tok, depth, field)
        if tok.kind == "phrase":
            return self.quoted(tok, field)
        if tok.kind == "range":
            raise self.error("a range [a TO b] needs a field, e.g. date:[2025-01 TO 2025-03]", tok.pos)
        return self.word(tok, field)

    def fielded(self, tok: _Token, depth: int, outer: str | None) -> Item:
        name = resolve_field(tok.text)
        if name is None:
            known = ", ".join(PUBLIC_FIELDS)
            raise self.error(f"unknown field {tok.text!r} (fields: {known})", tok.pos)
        if outer is not None:
            raise self.error(f"field {tok.text}: inside another field's brackets", tok.pos)
        value = self.peek()
        if value is None or value.kind in ("rparen", "and", "or", "not", "plus", "minus"):
            raise self.error(f"field {tok.text}: needs a value", tok.pos)
        if BY_NAME[name].kind == "date":
            return self.date(name, self.take())
        if value.kind == "lparen":
            self.take()
            if depth + 1 > MAX_QUERY_DEPTH:
                raise self.error(f"brackets nested more than {MAX_QUERY_DEPTH} deep", value.pos)
            return self.group(depth + 1, value, name)
        value = self.take()
        if value.kind == "range":
            raise self.error(f"ranges only work on date:, not {tok.text}:", value.pos)
        if value.kind == "phrase":
            return self.quoted(value, name)
        return self.word(value, name)

    def word(self, tok: _Token, field: str | None) -> Item:
        text, pos = tok.text, tok.pos
        if field is None and text.strip("*") == "":
            return Everything(pos)
        boost = None
        if "^" in text:
            cut = text.rindex("^")
            boost = _boost(self.text, text[cut + 1 :], pos + cut)
            text = text[:cut]
            if not text:
                raise self.error("a boost ^ needs a word before it", pos)
        fuzzy = None
        if "~" in text:
            cut = text.rindex("~")
            distance = text[cut + 1 :]
            if distance not in ("", "0", "1", "2"):
                raise self.error(f"fuzzy distance ~{distance} must be 0, 1 or 2 (word~ means 2)", pos + cut)
            fuzzy = int(distance or 2)
            text = text[:cut]
        prefix = text.endswith("*")
        if prefix:
            text = text.rstrip("*")
        for j, c in enumerate(text):
            if c in "*?":
                raise self.error(
                    f"wildcard {c} inside a word is not supported (a trailing * is: word*)", pos + j
                )
        kind = BY_NAME[field].kind if field else "text"
        if (prefix or fuzzy is not None) and kind != "text":
            what = "prefix *" if prefix else "fuzzy ~"
            raise self.error(f"a {what} only works on words of the article text, not on {field}:", pos)
        if prefix and fuzzy is not None:
            raise self.error("a word can be a prefix (*) or fuzzy (~), not both", pos)
        if prefix and sum(c.isalnum() for c in text) < MIN_PREFIX:
            raise self.error(f"prefix {text}* too short: give at least {MIN_PREFIX} letters before *", pos)
        if not text:
            raise self.error("empty word", pos)
        return Word(text, pos, pos + len(text), field, boost, prefix, fuzzy)

    def quoted(self, tok: _Token, field: str | None) -> Quoted:
        close = tok.text.rindex('"')
        inner, suffix = tok.text[1:close], tok.text[close + 1 :]
        star = re.search(r"\w\*", inner)
        if star:
            raise self.error("wildcards are not supported inside a phrase", tok.pos + 2 + star.start())
        slop, boost = 0, None
        m = re.fullmatch(r"(~[^\^]*)?(\^.*)?", suffix)
        if m is None:
            raise self.error(f"unexpected {suffix!r} after a phrase", tok.pos + close + 1)
        if m.group(1) is not None:
            digits = m.group(1)[1:]
            if not digits.isdigit() or int(digits) > 100:
                raise self.error(
                    f"phrase slop ~{digits} must be a whole number from 0 to 100", tok.pos + close + 1
                )
            slop = int(digits)
        if m.group(2) is not None:
            boost = _boost(self.text, m.group(2)[1:], tok.pos + close + 1 + len(m.group(1) or ""))
        return Quoted(inner, tok.pos + 1, tok.pos + close, field, slop, boost)

    def date(self, field: str, tok: _Token) -> DateQuery:
        text, pos = tok.text, tok.pos
        if tok.kind == "range":
            inner = text[1:-1]
            parts = re.split(r"\s+TO\s+|\s+TO$|^TO\s+|^TO$", inner.strip())
            if len(parts) != 2:
                raise self.error(f"range {text} must read [start TO end] (either end may be left out)", pos)
            low = self._date_value(parts[0], pos + 1)
            high = self._date_value(parts[1], pos + 1)
            return DateQuery(field, text, pos, low, high, text[0] == "[", text[-1] == "]")
        if tok.kind != "word":
            raise self.error(f"{field}: takes a date ({dates.FORMS}), a comparison or a range", pos)
        m = re.match(r"(>=|<=|>|<)?(.*)$", text)
        assert m is not None
        op, raw = m.group(1), m.group(2)
        value = self._date_value(raw, pos + len(op or ""))
        if value is None:
            raise self.error(f"not a date: {raw!r} (use {dates.FORMS})", pos)
        if op is None:
            return DateQuery(field, text, pos, value, value)
        if op.startswith(">"):
            return DateQuery(field, text, pos, low=value, low_inclusive=op == ">=")
        return DateQuery(field, text, pos, high=value, high_inclusive=op == "<=")

    def _date_value(self, raw: str, pos: int) -> dates.DateValue | None:
        raw = raw.strip()
        if raw in ("", "*"):
            return None
        value = dates.parse_value(raw)
        if value is None:
            raise self.error(f"not a date: {raw!r} (use {dates.FORMS})", pos)
        return value


def _pos(item: Item) -> int:
    return item.pos
