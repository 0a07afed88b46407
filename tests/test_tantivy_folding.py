"""tantivy's fold_search (near-duplicate marks written with each document) gives exactly the answers of the
generic route (every match listed, then grouped), across runs that add copies, update and delete."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

import newsearch

pytest.importorskip("tantivy")

from newsearch.backends.tantivy import fields
from newsearch.backends.tantivy import reader as reader_module
from newsearch.backends.tantivy.reader import TantivyReader

WORDS = ["ceasefire", "talks", "minister", "port", "strike", "election", "coal", "summit", "harbour", "wage", "union", "court", "ruling", "inflation", "bank", "governor", "border", "envoy", "treaty", "vote", "council", "budget", "drought", "flood"]  # fmt: skip
QUERIES = (
    "talks",
    "minister OR port",
    '"port strike"',
    "union court",
    "*",
    "ceasefire NOT talks",
    "zzz",
    "Story",
)


def body(rng: random.Random) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(80)) + "."


def near_copy(rng: random.Random, text: str) -> str:
    words = text.split()
    for _ in range(rng.randint(0, 4)):
        words[rng.randrange(len(words))] = rng.choice(WORDS)
    return " ".join(words)


def write(folder: Path, name: str, stories: dict[str, str]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    lines = [json.dumps({"id": i, "headline": f"Story {i}", "body": b}) for i, b in stories.items()]
    (folder / f"{name}.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")


def answers(ix, monkeypatch, generic: bool) -> list:
    with monkeypatch.context() as m:
        if generic:
            m.setattr(TantivyReader, "fold_search", lambda self, *a, **k: None)
        out = []
        for text in QUERIES:
            for page in (1, 2, 3):
                res = ix.search(text, limit=4, page=page, facets=["speakers"])
                out.append(
                    (text, page, res.total, res.collapsed, [(h.id, h.score, h.similar) for h in res.hits])
                )
        return out


@pytest.mark.parametrize("listed", [4096, 2])
def test_fold_search_equals_the_generic_route_across_runs(tmp_path, monkeypatch, listed):
    """``listed``: how many matches fold_search lists before it turns to the marks (2: always the marks)."""
    monkeypatch.setattr(reader_module, "ALL_FIRST", listed)
    rng = random.Random(7)
    corpus = tmp_path / "corpus"
    originals = {f"o{i}": body(rng) for i in range(40)}
    write(corpus, "originals", originals)
    ix = newsearch.create_index(tmp_path / "ix", engine="tantivy")
    ix.add([corpus], extract=False)
    runs = []
    # 2: copies and near copies of some originals, in another file (marks against committed documents)
    copies = {f"c{i}": near_copy(rng, originals[f"o{i}"]) for i in range(0, 40, 3)}
    # and copies of each other within one run (marks against documents written in the same run)
    copies.update({f"d{i}": near_copy(rng, copies[f"c{i}"]) for i in range(0, 40, 9)})
    fresh = {f"n{i}": body(rng) for i in range(6)}
    copies.update(fresh)
    copies.update({f"m{i}": near_copy(rng, fresh[f"n{i}"]) for i in range(6)})
    write(corpus, "copies", copies)
    runs.append("copies")
    # 3: originals deleted and updated (an update is written after its copies: marked then)
    changed = dict(originals)
    for i in range(0, 40, 6):
        del changed[f"o{i}"]
    for i in range(1, 40, 5):
        changed[f"o{i}"] = near_copy(rng, copies.get(f"c{i - 1}", body(rng)))
    runs.append(changed)
    for step in runs:
        if isinstance(step, dict):
            write(corpus, "originals", step)
        ix.add([corpus], extract=False)
        reader = ix._searcher.reader()
        assert reader.fold_search is not None and reader._marked()
        fast, generic = answers(ix, monkeypatch, False), answers(ix, monkeypatch, True)
        assert fast == generic
        assert any(collapsed for _, _, _, collapsed, _ in fast), "the corpus must have folded copies"


def test_an_index_without_marks_takes_the_generic_route(tmp_path, monkeypatch):
    """An index made before the marks existed (no dup_mark field): fold_search declines, answers stay."""
    rng = random.Random(3)
    corpus = tmp_path / "corpus"
    stories = {f"o{i}": body(rng) for i in range(20)}
    stories.update({f"c{i}": near_copy(rng, stories[f"o{i}"]) for i in range(0, 20, 4)})
    write(corpus, "all", stories)
    monkeypatch.setattr(fields, "has_field", lambda schema, name: False)
    ix = newsearch.create_index(tmp_path / "ix", engine="tantivy")
    ix.add([corpus], extract=False)
    reader = ix._searcher.reader()
    assert reader.fold_search(newsearch.query.nodes.MatchAll(), limit=3, neighbours=lambda d: ()) is None
    res = ix.search("*", limit=30)
    assert res.collapsed == 5 and res.total == 20
