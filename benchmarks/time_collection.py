"""The TIME test collection (SMART, 1963): parsing and the ranked-retrieval measures used to score it.

Kept free of newsearch and of any search engine so the tests can check it on hand-made snippets.
Format notes and pitfalls: ../shared/data/time/SOURCE.md (the data itself stays there, never copied).

>>> ap([3, 1, 9], {1, 3, 4})            # relevant at ranks 1 and 2, one relevant never retrieved
0.6666666666666666
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

# The qrels cite ordinal positions 424 and 425, past the 423 records: counted as relevant but
# unretrievable (the conservative reading: it can only lower every engine's score equally).
_HEADER = re.compile(r"^\*TEXT\s+(\d+)\s+(.*?)\s*PAGE\s+(\d+)\s*$")
_FIND = re.compile(r"^\*FIND\s+(\d+)\s*$")
_SENTENCE_END = re.compile(r" [.?!] ")


@dataclass(frozen=True, slots=True)
class TimeDoc:
    ordinal: int  # 1-based position in TIME.ALL: what the qrels cite
    text_number: int  # the *TEXT number (with gaps)
    date: date | None
    page: int
    text: str  # lines joined with single spaces (the file is double-spaced)

    @property
    def lead(self) -> str:
        """The first sentence: TIME's section label and headline run straight into it."""
        m = _SENTENCE_END.search(self.text + " ")
        return self.text[: m.start()].strip() if m else self.text


def _date(raw: str) -> date | None:
    """'01/04/63', '08/30 63' or '11/15/63' with odd spacing: month, day, two-digit 19xx year."""
    parts = re.findall(r"\d+", raw)
    if len(parts) != 3:
        return None
    month, day, year = (int(p) for p in parts)
    try:
        return date(1900 + year, month, day)
    except ValueError:
        return None


def _records(lines: Iterable[str], marker: re.Pattern[str]) -> Iterable[tuple[re.Match[str], list[str]]]:
    head: re.Match[str] | None = None
    body: list[str] = []
    for line in lines:
        line = line.rstrip("\n")
        if line.strip() == "*STOP":
            break
        m = marker.match(line.strip())
        if m:
            if head is not None:
                yield head, body
            head, body = m, []
        elif head is not None and line.strip():
            body.append(line.strip())
    if head is not None:
        yield head, body


def parse_docs(text: str) -> list[TimeDoc]:
    """TIME.ALL records in file order (ordinal = position, 1-based)."""
    docs = []
    for i, (m, body) in enumerate(_records(text.splitlines(), _HEADER), start=1):
        docs.append(TimeDoc(i, int(m.group(1)), _date(m.group(2)), int(m.group(3)), " ".join(body)))
    return docs


def parse_queries(text: str) -> dict[int, str]:
    """TIME.QUE: query id -> query text (its lines joined with single spaces)."""
    return {int(m.group(1)): " ".join(body) for m, body in _records(text.splitlines(), _FIND)}


def parse_qrels(text: str) -> dict[int, set[int]]:
    """TIME.REL: query id -> the ordinal positions of its relevant documents."""
    qrels: dict[int, set[int]] = {}
    for line in text.splitlines():
        numbers = [int(n) for n in line.split()]
        if len(numbers) >= 2:
            qrels.setdefault(numbers[0], set()).update(numbers[1:])
    return qrels


@dataclass(frozen=True, slots=True)
class Collection:
    docs: list[TimeDoc]
    queries: dict[int, str]
    qrels: dict[int, set[int]]


def load(folder: Path) -> Collection:
    """The collection in ``folder``; queries without judgments are dropped."""
    read = lambda name: (folder / name).read_text(encoding="ascii")  # noqa: E731
    docs = parse_docs(read("TIME.ALL"))
    queries = parse_queries(read("TIME.QUE"))
    qrels = parse_qrels(read("TIME.REL"))
    return Collection(docs, {q: t for q, t in queries.items() if q in qrels}, qrels)


# ------------------------------------------------------------------------------------------ measures


def ap(ranking: Sequence[int], relevant: set[int]) -> float:
    """Average precision: mean of precision at each relevant hit, over all relevant documents."""
    if not relevant:
        return 0.0
    found = total = 0.0
    for rank, doc in enumerate(ranking, start=1):
        if doc in relevant:
            found += 1
            total += found / rank
    return total / len(relevant)


def precision_at(ranking: Sequence[int], relevant: set[int], k: int = 10) -> float:
    return sum(1 for doc in ranking[:k] if doc in relevant) / k


def ndcg_at(ranking: Sequence[int], relevant: set[int], k: int = 10) -> float:
    """Binary-gain nDCG@k: DCG = sum 1/log2(rank+1) over relevant hits, over the best possible DCG."""
    dcg = sum(1 / math.log2(rank + 1) for rank, doc in enumerate(ranking[:k], start=1) if doc in relevant)
    ideal = sum(1 / math.log2(rank + 1) for rank in range(1, min(len(relevant), k) + 1))
    return dcg / ideal if ideal else 0.0


def evaluate(
    runs: Mapping[int, Sequence[int]], qrels: Mapping[int, set[int]], queries: Iterable[int] | None = None
) -> dict[str, float]:
    """MAP, P@10 and nDCG@10 over ``queries`` (default: every judged query; a missing run scores 0)."""
    ids = sorted(qrels if queries is None else queries)
    if not ids:
        return {"map": 0.0, "p@10": 0.0, "ndcg@10": 0.0}
    n = len(ids)
    return {
        "map": sum(ap(runs.get(q, ()), qrels[q]) for q in ids) / n,
        "p@10": sum(precision_at(runs.get(q, ()), qrels[q]) for q in ids) / n,
        "ndcg@10": sum(ndcg_at(runs.get(q, ()), qrels[q]) for q in ids) / n,
    }


def per_query(
    runs: Mapping[int, Sequence[int]], qrels: Mapping[int, set[int]], measure: str = "map"
) -> dict[int, float]:
    """One figure per judged query (AP for "map", else P@10 or nDCG@10): what significance tests pair up."""
    score = {"map": ap, "p@10": precision_at, "ndcg@10": ndcg_at}[measure]
    return {q: score(runs.get(q, ()), qrels[q]) for q in sorted(qrels)}


def randomization_test(
    a: Sequence[float], b: Sequence[float], *, rounds: int = 10_000, seed: int = 0
) -> float:
    """Two-sided paired randomization test (Fisher; Smucker et al. 2007): the p-value of mean(a) != mean(b).

    Each round flips the sign of every per-query difference with probability 1/2; p is the share of rounds
    whose |mean difference| reaches the observed one (the observed arrangement counted as one round).

    >>> randomization_test([0.5, 0.6, 0.7], [0.5, 0.6, 0.7])
    1.0
    """
    if len(a) != len(b):
        raise ValueError("paired figures need the same queries")
    diffs = [x - y for x, y in zip(a, b, strict=True)]
    if not diffs:
        return 1.0
    import numpy as np

    d = np.asarray(diffs, dtype=float)
    observed = abs(d.mean()) - 1e-12  # ties count as "at least as extreme"
    rng = np.random.default_rng(seed)
    hits = 0
    for start in range(0, rounds, 1000):
        n = min(1000, rounds - start)
        signs = rng.integers(0, 2, size=(n, d.size)) * 2 - 1
        hits += int((np.abs((signs * d).mean(axis=1)) >= observed).sum())
    return (hits + 1) / (rounds + 1)
