"""Near-duplicate detection for syndicated and re-published copy: MinHash signatures and LSH band keys.

Engine-free. Each article gets a 64-value one-permutation MinHash of its word 3-shingles, stored with it.
Among ranked hits, 16 bands of 4 values find the candidate pairs (hits sharing a band), and the fraction
of equal signature values estimates the Jaccard similarity of their shingle sets.

>>> a = signature("Troops withdrew from the border town on Monday after talks in Doha.")
>>> similarity(a, signature("Troops withdrew from the border town on Monday after talks in Doha!"))
1.0
"""

from __future__ import annotations

import operator
import re
import zlib
from collections import Counter
from collections.abc import Collection, Sequence
from itertools import chain

BINS = 64
BANDS = 16
ROWS = BINS // BANDS
SHINGLE = 3
# Estimated Jaccard similarity at or above which two articles are collapsed as near-duplicates. Measured
# with benchmarks/dedupe_eval.py: at 0.8 all exact-duplicate pairs of bbc_news (136) and Reuters (347) are
# found and no pair of true Jaccard < 0.5 is flagged; at 0.7 Reuters has 10 such false alarms (templates).
THRESHOLD = 0.8
_WORD = re.compile(r"\w+")
_EMPTY = 0xFFFFFFFF


def signature(text: str) -> tuple[int, ...]:
    """The MinHash signature of ``text`` (empty for texts shorter than one shingle)."""
    words = _WORD.findall(text.lower())
    if len(words) < SHINGLE:
        return ()
    mins = [_EMPTY] * BINS
    crc = zlib.crc32
    hashes = [crc(w.encode("utf-8")) for w in words]
    # A shingle's hash mixes its three word hashes (odd multipliers, 32 bits): no string joins per shingle.
    for h1, h2, h3 in zip(hashes, hashes[1:], hashes[2:], strict=False):
        h = (h1 * 0x9E3779B1 + h2 * 0x85EBCA77 + h3 * 0xC2B2AE3D) & 0xFFFFFFFF
        h ^= h >> 15
        b = h & (BINS - 1)
        v = h >> 6
        if v < mins[b]:
            mins[b] = v
    return _densify(mins)


def _densify(mins: list[int]) -> tuple[int, ...]:
    """Fill empty bins from the next filled one (rotation), so short texts still compare bin by bin."""
    if all(m == _EMPTY for m in mins):
        return ()
    out = list(mins)
    for b in range(BINS):
        if out[b] == _EMPTY:
            step = 1
            while mins[(b + step) % BINS] == _EMPTY:
                step += 1
            out[b] = mins[(b + step) % BINS] + step * 0x4000000
    return tuple(out)


def band_keys(sig: Sequence[int]) -> tuple[int, ...]:
    """LSH band keys, one int per band (band number in the high bits): articles sharing one are
    near-duplicate candidates."""
    if not sig:
        return ()
    keys = []
    for band in range(BANDS):
        chunk = ",".join(str(v) for v in sig[band * ROWS : (band + 1) * ROWS])
        keys.append((band << 32) | zlib.crc32(chunk.encode()))
    return tuple(keys)


def similarity(a: Sequence[int], b: Sequence[int]) -> float:
    """Estimated Jaccard similarity of two signatures (0 when either is empty)."""
    if not a or not b:
        return 0.0
    if len(a) != len(b):
        raise ValueError("signatures of different lengths")
    return sum(map(operator.eq, a, b)) / BINS


class Duplicates:
    """Near-duplicate groups among any set of an index's documents, from per-document band keys and
    signatures (``keys[doc]``, ``sigs[doc]``, as :meth:`Reader.column` gives them).

    Built once per index state: the documents sharing a band key with some other document (a few percent)
    are found with C-speed counting, and each of them gets the list of documents it shares a key with.
    Grouping a result set then only looks at its candidates and their listed neighbours, never at band
    keys again, and compares a pair's signatures once per index state (measured at 100k synthetic
    articles: 0.2-0.7 ms instead of 2.5-4.4 ms for a 3,000-10,000 article result set).

    >>> sig = signature("Troops withdrew from the border town on Monday after talks in Doha.")
    >>> other = signature("A quite different story about wheat prices in Canada and grain.")
    >>> dups = Duplicates([band_keys(sig), band_keys(sig), band_keys(other)], [sig, sig, other])
    >>> dups.groups({0, 1, 2})
    {0: 0, 1: 0}
    """

    def __init__(self, keys: Sequence[Sequence[int]], sigs: Sequence[Sequence[int]]) -> None:
        self._sigs = sigs
        counts = Counter(chain.from_iterable(keys))
        holders: dict[int, list[int]] = {k: [] for k, c in counts.items() if c > 1}
        for doc, ks in enumerate(keys):
            for key in ks:
                held = holders.get(key)
                if held is not None:
                    held.append(doc)
        neighbours: dict[int, set[int]] = {}
        for held in holders.values():
            for doc in held:
                neighbours.setdefault(doc, set()).update(held)
        # doc -> the documents sharing at least one band key with it, in document order, itself excluded
        self._neighbours = {doc: sorted(near - {doc}) for doc, near in neighbours.items()}
        self.candidates = set(self._neighbours)
        # doc -> its neighbours similar enough to fold with it: worked out on a document's first grouping
        # and kept (a signature comparison per pair once per index state, not once per query).
        self._similar: dict[int, list[int]] = {}

    def neighbours(self, doc: int) -> Sequence[int]:
        """The documents sharing at least one band key with ``doc`` (its only possible near-duplicates)."""
        return self._neighbours.get(doc, ())

    def _similar_to(self, doc: int) -> list[int]:
        sigs = self._sigs
        sig = sigs[doc]
        return [other for other in self._neighbours[doc] if similarity(sig, sigs[other]) >= THRESHOLD]

    def groups(self, docs: Collection[int]) -> dict[int, int]:
        """doc -> the smallest document number of its group, for the documents of ``docs`` that have a
        near-duplicate among ``docs`` (similarity >= THRESHOLD, transitively); the rest are alone."""
        pool = self.candidates.intersection(docs)
        if len(pool) < 2:
            return {}
        # Union by size without a root-finding walk (a dict look-up per document of a pair): doc -> its
        # group's representative, representative -> the group's documents.
        rep: dict[int, int] = {}
        members: dict[int, list[int]] = {}
        similar = self._similar
        for doc in pool:
            near = similar.get(doc)
            if near is None:
                near = similar[doc] = self._similar_to(doc)
            for other in near:
                if other < doc and other in pool:
                    a, b = rep.get(doc), rep.get(other)
                    if a is None:
                        if b is None:
                            rep[doc] = rep[other] = doc
                            members[doc] = [doc, other]
                        else:
                            rep[doc] = b
                            members[b].append(doc)
                    elif b is None:
                        rep[other] = a
                        members[a].append(other)
                    elif a != b:
                        big, small = (a, b) if len(members[a]) >= len(members[b]) else (b, a)
                        moved = members.pop(small)
                        for d in moved:
                            rep[d] = big
                        members[big].extend(moved)
        smallest = {r: min(docs_) for r, docs_ in members.items()}
        return {d: smallest[rep[d]] for d in sorted(rep)}
