"""The MinHash signature and band keys stay exactly what they were (they are stored in every index and decide
folding): the fast paths of ``dedupe.signature`` (ASCII words by ``bytes.translate``, numpy bins) and
``dedupe.band_keys`` against the reference implementation they replaced, kept here."""

from __future__ import annotations

import re
import zlib

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsearch import dedupe

_WORD = re.compile(r"\w+")


def reference_signature(text: str) -> tuple[int, ...]:
    """dedupe.signature as it was before issue 15e (regex words, a str.encode per word, one loop)."""
    words = _WORD.findall(text.lower())
    if len(words) < 3:
        return ()
    mins = [0xFFFFFFFF] * 64
    hashes = [zlib.crc32(w.encode("utf-8")) for w in words]
    for h1, h2, h3 in zip(hashes, hashes[1:], hashes[2:], strict=False):
        h = (h1 * 0x9E3779B1 + h2 * 0x85EBCA77 + h3 * 0xC2B2AE3D) & 0xFFFFFFFF
        h ^= h >> 15
        b = h & 63
        v = h >> 6
        if v < mins[b]:
            mins[b] = v
    if all(m == 0xFFFFFFFF for m in mins):
        return ()
    out = list(mins)
    for b in range(64):
        if out[b] == 0xFFFFFFFF:
            step = 1
            while mins[(b + step) % 64] == 0xFFFFFFFF:
                step += 1
            out[b] = mins[(b + step) % 64] + step * 0x4000000
    return tuple(out)


def reference_band_keys(sig: tuple[int, ...]) -> tuple[int, ...]:
    if not sig:
        return ()
    keys = []
    for band in range(16):
        chunk = ",".join(str(v) for v in sig[band * 4 : (band + 1) * 4])
        keys.append((band << 32) | zlib.crc32(chunk.encode()))
    return tuple(keys)


# Words and separators that exercise every branch: ASCII words (translate path), upper case, digits and
# underscores (word characters), punctuation and controls (separators), non-ASCII letters and marks (regex
# path), the Kelvin sign and dotted capital I (lower() changes them to ASCII / to two characters).
_PIECES = st.sampled_from(
    ["talks", "Doha", "US", "u.s.", "2,000", "al-Thani", "snake_case", "O'Brien", "Zürich", "ﬁnance", "K",
     "\u212a", "İstanbul", "é", "e\u0301", "ß", "Δ", "中国", "٣", "\t", "\n", "  ", "—", "!", "_", "x"]
)  # fmt: skip
TEXTS = st.one_of(
    st.text(max_size=300),
    st.lists(_PIECES, max_size=400).map(" ".join),
    st.lists(_PIECES, max_size=400).map("".join),
    st.lists(st.text(alphabet="abcdefgh ABC.,_0123", min_size=1, max_size=6), max_size=300).map(" ".join),
)


@pytest.fixture(params=["numpy", "pure"])
def path(request, monkeypatch):
    """Run a test with the numpy bins (when installed) and with the pure-Python loop."""
    if request.param == "numpy":
        pytest.importorskip("numpy")
        monkeypatch.setattr(dedupe, "_np", [])
        monkeypatch.setattr(dedupe, "_VECTOR_MIN_WORDS", 3)
    else:
        monkeypatch.setattr(dedupe, "_np", [None])
    return request.param


# The fixture only switches the path, the same for every example.
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=TEXTS)
def test_signature_and_band_keys_are_the_reference_ones(path, text):
    sig = dedupe.signature(text)
    assert sig == reference_signature(text)
    assert dedupe.band_keys(sig) == reference_band_keys(sig)


@given(sig=st.lists(st.integers(min_value=0, max_value=2**40), max_size=70))
def test_band_keys_of_any_list_are_the_reference_ones(sig):
    # Stored records and tests hand band_keys lists of other lengths than a signature's 64 values.
    assert dedupe.band_keys(tuple(sig)) == reference_band_keys(tuple(sig))


def test_the_numpy_path_is_taken_for_long_texts_and_agrees():
    np = pytest.importorskip("numpy")
    hashes = dedupe.word_hashes(" ".join(f"word{i} Common" for i in range(200)))
    assert dedupe._bins_numpy(np, hashes) == dedupe._bins(hashes)
    assert dedupe._numpy() is np


def test_ascii_and_non_ascii_words_hash_the_same_way():
    # The translate path (ASCII) and the regex path (non-ASCII) agree on the ASCII words of a text.
    assert dedupe.word_hashes("Troops_1 withdrew, K9!") == dedupe.word_hashes("Troops_1 withdrew, K9! é")[:-1]
    assert dedupe.word_hashes("\u212aelvin") == [zlib.crc32(b"kelvin")]
