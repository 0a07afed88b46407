"""Near-duplicate grouping (dedupe.Duplicates) against a brute-force reference over random documents."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from newsearch import dedupe


def brute_groups(keys, sigs, docs) -> dict[int, int]:
    """Every pair of ``docs`` sharing a band key and similar enough is joined; groups of two or more,
    each doc mapped to the smallest doc of its group."""
    docs = sorted(set(docs))
    group = {d: {d} for d in docs}
    for i, a in enumerate(docs):
        for b in docs[i + 1 :]:
            if set(keys[a]) & set(keys[b]) and dedupe.similarity(sigs[a], sigs[b]) >= dedupe.THRESHOLD:
                merged = group[a] | group[b]
                for d in merged:
                    group[d] = merged
    return {d: min(g) for d, g in group.items() if len(g) > 1}


# Signatures drawn from a few templates with some bins changed: copies, near copies and strangers, and
# band keys that collide without the signatures being similar (a few random keys of a small range).
_templates = st.lists(st.lists(st.integers(0, 3), min_size=dedupe.BINS, max_size=dedupe.BINS), min_size=1,
                      max_size=3)  # fmt: skip


@st.composite
def corpora(draw):
    templates = draw(_templates)
    n = draw(st.integers(0, 14))
    keys, sigs = [], []
    for _ in range(n):
        if draw(st.booleans()):
            keys.append(()), sigs.append(())  # too short to have a signature
            continue
        sig = list(draw(st.sampled_from(templates)))
        for _ in range(draw(st.integers(0, 20))):
            sig[draw(st.integers(0, dedupe.BINS - 1))] = draw(st.integers(0, 3))
        sig_t = tuple(sig)
        extra = tuple(draw(st.lists(st.integers(0, 5), max_size=2)))
        keys.append(dedupe.band_keys(sig_t) + extra)
        sigs.append(sig_t)
    subset = draw(st.sets(st.integers(0, max(n - 1, 0)))) if n else set()
    return keys, sigs, subset


@settings(max_examples=300, deadline=None)
@given(corpora())
def test_groups_equal_brute_force(corpus):
    keys, sigs, subset = corpus
    dups = dedupe.Duplicates(keys, sigs)
    assert dups.groups(subset) == brute_groups(keys, sigs, subset)
    assert dups.groups(range(len(keys))) == brute_groups(keys, sigs, range(len(keys)))


def test_a_chain_folds_only_through_members_of_the_result_set():
    base = tuple(range(dedupe.BINS))
    near = base[:56] + (999,) * 8  # 0.875 like base
    far = base[:48] + (888,) * 8 + (999,) * 8  # 0.875 like near, 0.75 like base
    sigs = [base, near, far]
    keys = [dedupe.band_keys(s) for s in sigs]
    dups = dedupe.Duplicates(keys, sigs)
    assert dups.groups({0, 1, 2}) == {0: 0, 1: 0, 2: 0}
    assert dups.groups({0, 2}) == {}
    assert dups.groups({1, 2}) == {1: 1, 2: 1}
