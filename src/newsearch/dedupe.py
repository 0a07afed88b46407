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
from typing import Any

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
_MIX1, _MIX2, _MIX3 = 0x9E3779B1, 0x85EBCA77, 0xC2B2AE3D
# bytes.translate table for ASCII text: word bytes kept (A-Z lowered), every other byte a space.
_ASCII_WORDS = bytes(
    c + 32 if 65 <= c <= 90 else c if (97 <= c <= 122 or 48 <= c <= 57 or c == 95) else 32 for c in range(256)
)
# Below this many words the numpy path's fixed cost outweighs the loop it replaces (measured on Reuters).
_VECTOR_MIN_WORDS = 64
_BAND_TEXT = ",".join(["%d"] * ROWS).encode()
_BAND_NUMBERS = range(BANDS)
_np: list[Any] = []


def signature(text: str) -> tuple[int, ...]:
    """The MinHash signature of ``text`` (empty for texts shorter than one shingle)."""
    hashes = word_hashes(text)
    if len(hashes) < SHINGLE:
        return ()
    if len(hashes) >= _VECTOR_MIN_WORDS and (np := _numpy()) is not None:
        mins = _bins_numpy(np, hashes)
    else:
        mins = _bins(hashes)
    return _densify(mins)


def word_hashes(text: str) -> list[int]:
    """The crc32 of each ``\\w+`` word of ``text`` lower-cased, in order (what the shingles are made of).

    ASCII text (most news copy) is cut with one ``bytes.translate`` and ``split`` instead of a regex and a
    ``str.encode`` per word: among ASCII characters ``\\w`` is exactly ``[A-Za-z0-9_]``, which the table
    keeps (upper case lowered) while every other byte becomes a space. Same words, same bytes, ~2x faster.
    """
    if text.isascii():  # str.lower() changes only A-Z here, which the table lowers itself
        return list(map(zlib.crc32, text.encode("ascii").translate(_ASCII_WORDS).split()))
    low = text.lower()
    if low.isascii():  # "K" (the Kelvin sign) lowers to "k"
        return list(map(zlib.crc32, low.encode("ascii").translate(_ASCII_WORDS).split()))
    crc = zlib.crc32
    return [crc(w.encode("utf-8")) for w in _WORD.findall(low)]


def _bins(hashes: list[int]) -> list[int]:
    """The smallest value of each of the BINS bins (``_EMPTY`` when none falls in it): the reference loop."""
    mins = [_EMPTY] * BINS
    # A shingle's hash mixes its three word hashes (odd multipliers, 32 bits): no string joins per shingle.
    for h1, h2, h3 in zip(hashes, hashes[1:], hashes[2:], strict=False):
        h = (h1 * _MIX1 + h2 * _MIX2 + h3 * _MIX3) & 0xFFFFFFFF
        h ^= h >> 15
        b = h & (BINS - 1)
        v = h >> 6
        if v < mins[b]:
            mins[b] = v
    return mins


def _bins_numpy(np: Any, hashes: list[int]) -> list[int]:
    """:func:`_bins` with numpy (an optional speed-up: ~2.5x less CPU for a news story). Same values: the
    products wrap modulo 2**64 in uint64, which leaves their low 32 bits, all the hash keeps, as they are."""
    u64 = np.uint64
    x = np.array(hashes, dtype=u64)
    h = (x[:-2] * u64(_MIX1) + x[1:-1] * u64(_MIX2) + x[2:] * u64(_MIX3)) & u64(0xFFFFFFFF)
    h ^= h >> u64(15)
    mins = np.full(BINS, _EMPTY, dtype=u64)
    np.minimum.at(mins, (h & u64(BINS - 1)).astype(np.intp), h >> u64(6))
    return mins.tolist()


def load_numpy() -> None:
    """Import numpy now if it is installed (otherwise the first long text does): a process about to fork
    workers that make signatures calls this, so that they share its one import (issue 15s)."""
    _numpy()


def _numpy() -> Any:
    """numpy if it is installed (imported on the first long text, not with this module), else None."""
    if not _np:
        try:
            import numpy
        except ImportError:
            _np.append(None)
        else:
            _np.append(numpy)
    return _np[0]


def _densify(mins: list[int]) -> tuple[int, ...]:
    """Fill empty bins from the next filled one (rotation), so short texts still compare bin by bin."""
    if _EMPTY not in mins:
        return tuple(mins)
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
    crc = zlib.crc32
    if len(sig) == BINS:
        # crc32 of the band's values written as "v1,v2,v3,v4" (bytes %-formatting writes ints as str does)
        return tuple(
            (band << 32) | crc(_BAND_TEXT % tuple(sig[band * ROWS : band * ROWS + ROWS]))
            for band in _BAND_NUMBERS
        )
    return tuple(
        (band << 32) | crc(",".join(str(v) for v in sig[band * ROWS : (band + 1) * ROWS]).encode())
        for band in range(BANDS)
    )


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
