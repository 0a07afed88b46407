"""Near-duplicate detection for syndicated and re-published copy: MinHash signatures and LSH band keys.

Engine-free. Each article gets a 64-value one-permutation MinHash of its word 3-shingles, stored with it.
Among ranked hits, 16 bands of 4 values find the candidate pairs (hits sharing a band), and the fraction
of equal signature values estimates the Jaccard similarity of their shingle sets.

>>> a = signature("Troops withdrew from the border town on Monday after talks in Doha.")
>>> similarity(a, signature("Troops withdrew from the border town on Monday after talks in Doha!"))
1.0
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Sequence

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


def band_keys(sig: Sequence[int]) -> list[str]:
    """LSH band keys: articles that share one are near-duplicate candidates."""
    if not sig:
        return []
    keys = []
    for band in range(BANDS):
        chunk = ",".join(str(v) for v in sig[band * ROWS : (band + 1) * ROWS])
        keys.append(f"{band:x}{zlib.crc32(chunk.encode()):08x}")
    return keys


def similarity(a: Sequence[int], b: Sequence[int]) -> float:
    """Estimated Jaccard similarity of two signatures (0 when either is empty)."""
    if not a or not b:
        return 0.0
    return sum(x == y for x, y in zip(a, b, strict=True)) / BINS
