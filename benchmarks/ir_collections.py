"""The classic ranked-retrieval collections (SMART format: ADI, CISI, MED, CRAN; and TIME) in one shape.

Kept free of newsearch and of any search engine so the tests can check the readers on hand-made snippets.
Format notes and pitfalls: ../shared/data/ir_collections/SOURCE.md and ../shared/data/time/SOURCE.md (the
data stays there, never copied). What each reader does with the pitfalls:

- SMART records (``*.ALL``, ``*.QRY``): ``.I n`` starts a record, ``.T`` title, ``.W`` text; ``.A`` authors,
  ``.B`` publication, ``.X`` citations, ``.K`` keywords and ``.C`` classes are not text and are dropped
  (counted in ``Collection.dropped``). Markers may carry trailing spaces (CISI ``.T ``).
- Query text is the ``.W`` of the query (CISI's 55 "query by document" abstracts also carry ``.T``/``.A``/
  ``.B``, left out as in the published figures: CISI's longest query is then 335 words).
- Qrels: ADI/CISI ``query doc 0 0.0``, MED ``query 0 doc 1`` (TREC order: a second column that is always 0),
  CRAN ``query doc code``. Only queries with at least one relevant document are scored (CISI: 76 of 112).
- CRAN: ``cran.qry`` numbers its queries 1..365 with gaps, ``cranqrel`` numbers them 1..225 in file order:
  queries are renumbered by position. Code -1 means "no information" and is not relevant; 1-4 are.
  Documents 471 and 995 have no text: they are left out; 995 is judged relevant (code 3) for query 125, so
  it stays in that query's relevant set, unretrievable by every engine alike.
- TIME: see time_collection.py (qrels are ordinal positions; 424/425 count as relevant and unretrievable).
  TIME has no headline: ``Doc.title`` is empty.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import time_collection as tc

_MARKER = re.compile(r"^\.([A-Z])(?:\s+(.*?))?\s*$")
TEXT_MARKERS = ("T", "W")
FIELD_MARKERS = frozenset("TWABXKC")


@dataclass(frozen=True, slots=True)
class Doc:
    id: int  # what the qrels cite
    title: str  # "" when the collection has none
    text: str  # the abstract / article body, lines joined with single spaces

    @property
    def full_text(self) -> str:
        """Title and text, as one field, for engines indexed with a single field."""
        return f"{self.title}\n\n{self.text}" if self.title else self.text


@dataclass(frozen=True, slots=True)
class Collection:
    name: str
    docs: list[Doc]
    queries: dict[int, str]  # judged queries only
    qrels: dict[int, set[int]]
    unjudged_queries: int = 0  # queries in the file with no relevant document
    dropped: dict[str, int] = field(default_factory=dict)  # what the reader left out, by reason

    def counts(self) -> dict[str, int]:
        return {
            "docs": len(self.docs),
            "docs_with_title": sum(1 for d in self.docs if d.title),
            "queries_judged": len(self.queries),
            "queries_unjudged": self.unjudged_queries,
            "relevant_pairs": sum(len(r) for r in self.qrels.values()),
            "max_query_words": max((len(q.split()) for q in self.queries.values()), default=0),
            **{f"dropped_{k}": v for k, v in sorted(self.dropped.items())},
        }


def smart_records(text: str) -> Iterator[tuple[str, dict[str, list[str]]]]:
    """(the ``.I`` value, {marker letter: its lines}) for each record of a SMART file."""
    ident: str | None = None
    parts: dict[str, list[str]] = {}
    current: str | None = None
    for line in text.splitlines():
        m = _MARKER.match(line)
        if m and m.group(1) == "I":
            if ident is not None:
                yield ident, parts
            ident, parts, current = (m.group(2) or "").strip(), {}, None
        elif m and m.group(1) in FIELD_MARKERS:
            current = m.group(1)
            parts.setdefault(current, [])
            if m.group(2):
                parts[current].append(m.group(2))
        elif current is not None and ident is not None:
            stripped = line.strip()
            if stripped:
                parts[current].append(stripped)
    if ident is not None:
        yield ident, parts


def _joined(parts: dict[str, list[str]], marker: str) -> str:
    return " ".join(parts.get(marker, []))


def parse_smart_docs(text: str, dropped: dict[str, int] | None = None) -> list[Doc]:
    """Documents of a SMART ``*.ALL`` file; records with neither title nor text are left out (counted)."""
    docs = []
    for ident, parts in smart_records(text):
        for marker in parts:
            if marker not in TEXT_MARKERS and dropped is not None:
                key = f"field_{marker}"
                dropped[key] = dropped.get(key, 0) + 1
        doc = Doc(int(ident), _joined(parts, "T"), _joined(parts, "W"))
        if not (doc.title or doc.text):
            if dropped is not None:
                dropped["empty_docs"] = dropped.get("empty_docs", 0) + 1
            continue
        docs.append(doc)
    return docs


def parse_smart_queries(text: str, renumber: bool = False) -> dict[int, str]:
    """Query id -> its ``.W`` text; ``renumber`` numbers them 1, 2, … in file order (CRAN)."""
    out = {}
    for position, (ident, parts) in enumerate(smart_records(text), start=1):
        out[position if renumber else int(ident)] = _joined(parts, "W")
    return out


def parse_qrels(text: str) -> dict[int, set[int]]:
    """Relevant (query, doc) pairs from ``q doc …`` lines, ``q 0 doc rel`` (TREC) or CRAN's ``q doc code``.

    A TREC file is recognised by a second column that is 0 on every line. A third column of -1 (CRAN's
    "no information") is not relevant; neither is a TREC relevance of 0.
    """
    rows = [line.split() for line in text.splitlines() if line.split()]
    trec = bool(rows) and all(len(r) == 4 and r[1] == "0" for r in rows)
    qrels: dict[int, set[int]] = {}
    for r in rows:
        if trec:
            query, doc, relevant = int(r[0]), int(r[2]), float(r[3]) > 0
        else:
            query, doc = int(r[0]), int(r[1])
            relevant = not (len(r) == 3 and int(r[2]) < 0)
        if relevant:
            qrels.setdefault(query, set()).add(doc)
    return qrels


def _read(path: Path) -> str:
    return path.read_text(encoding="ascii")


def _judged(name: str, docs: list[Doc], queries: dict[int, str], qrels, dropped) -> Collection:
    judged = {q: t for q, t in queries.items() if q in qrels}
    unknown = sorted(set(qrels) - set(queries))
    if unknown:
        raise ValueError(f"{name}: qrels cite queries that are not in the query file: {unknown[:5]}")
    return Collection(name, docs, judged, {q: qrels[q] for q in judged}, len(queries) - len(judged), dropped)


def load_smart(folder: Path, name: str | None = None) -> Collection:
    """A SMART collection folder holding ``X.ALL``, ``X.QRY`` and ``X.REL`` (ADI, CISI, MED, …)."""
    (all_file,) = sorted(folder.glob("*.ALL"))
    stem = all_file.stem
    dropped: dict[str, int] = {}
    docs = parse_smart_docs(_read(all_file), dropped)
    queries = parse_smart_queries(_read(folder / f"{stem}.QRY"))
    qrels = parse_qrels(_read(folder / f"{stem}.REL"))
    return _judged(name or stem.upper(), docs, queries, qrels, dropped)


def load_cran(folder: Path, name: str = "CRAN") -> Collection:
    """Cranfield 1400: queries renumbered in file order, -1 judgments dropped (see the module docstring)."""
    dropped: dict[str, int] = {}
    docs = parse_smart_docs(_read(folder / "cran.all.1400"), dropped)
    queries = parse_smart_queries(_read(folder / "cran.qry"), renumber=True)
    raw = _read(folder / "cranqrel")
    dropped["qrels_no_information"] = sum(1 for line in raw.splitlines() if line.split()[2:3] == ["-1"])
    return _judged(name, docs, queries, parse_qrels(raw), dropped)


def load_time(folder: Path, name: str = "TIME") -> Collection:
    """TIME (no headline field: titles are empty; ids are ordinal positions, as its qrels cite them)."""
    col = tc.load(folder)
    docs = [Doc(d.ordinal, "", d.text) for d in col.docs]
    missing = sum(1 for rel in col.qrels.values() for d in rel if d > len(docs))
    return Collection(name, docs, col.queries, col.qrels, 0, {"qrels_past_the_end": missing})


def load(folder: Path, name: str | None = None) -> Collection:
    """Whichever collection ``folder`` holds, recognised by its file names."""
    if (folder / "TIME.ALL").exists():
        return load_time(folder, name or "TIME")
    if (folder / "cran.all.1400").exists():
        return load_cran(folder, name or "CRAN")
    if list(folder.glob("*.ALL")):
        return load_smart(folder, name)
    raise ValueError(f"{folder}: no TIME.ALL, cran.all.1400 or SMART *.ALL file")
