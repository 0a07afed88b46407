"""tantivy's fold_search (near-duplicate marks written with each document) gives exactly the answers of the
generic route (every match listed, then grouped), across runs that add copies, update and delete; on
indexes of layout 2 (marks on both members of a pair) and of layout 1 (issue 15 stage C: on the later
member), which an index made before layout 2 keeps."""

from __future__ import annotations

import functools
import json
import random
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import newsearch
from newsearch import dedupe
from newsearch.query.nodes import Boolean, MatchAll, Occur, Phrase, Term, should

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


def old_layout(monkeypatch, layout: int) -> None:
    """New indexes made with the schema of an earlier layout (as an index made before it has)."""
    if layout != fields.SCHEMA_VERSION:
        monkeypatch.setattr(fields, "build_schema", functools.partial(fields.build_schema, layout=layout))


@pytest.mark.parametrize(("layout", "listed"), [(2, 4096), (1, 4096), (1, 2)])
def test_fold_search_equals_the_generic_route_across_runs(tmp_path, monkeypatch, layout, listed):
    """``listed``: how many matches layout 1's fold_search lists before it turns to the marks (2: always
    the marks)."""
    monkeypatch.setattr(reader_module, "ALL_FIRST", listed)
    old_layout(monkeypatch, layout)
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
        assert fields.marks_layout(reader._schema) == layout
        if layout == 2:
            assert unmarked_pairs(reader) == set()
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


def marked(reader) -> set[int]:
    query = reader._tantivy.Query.term_query(reader._schema, fields.DUP_MARK, 1)
    return reader._numbers(reader._searcher.search(query, max(reader._snap.size, 1)).hits)


def unmarked_pairs(reader) -> set[int]:
    """Live documents sharing a band key with another live document but carrying no mark (layout 2 allows
    none: the reader's pool would miss them)."""
    keys = reader.column("dup_keys")
    live = reader.all_docs()
    sharing = dedupe.Duplicates([keys[d] if d in live else () for d in range(len(keys))], []).candidates
    return sharing - marked(reader)


TEXTS = [" ".join(random.Random(seed).choice(WORDS) for _ in range(30)) for seed in range(5)]
# (op, article, text, variant): add/update the article with a text (variant > 0: a near copy of it),
# delete it, commit, or let the writer work ahead ``article`` times (idle: what the sync does while it waits)
OPS = st.lists(
    st.tuples(
        st.sampled_from(["write", "write", "write", "delete", "commit", "idle"]),
        st.integers(0, 5),
        st.integers(0, len(TEXTS) - 1),
        st.integers(0, 2),
    ),
    max_size=30,
)


def story(article: int, text: int, variant: int) -> dict:
    words = TEXTS[text].split()
    if variant:
        words[variant * 7] = "variant"  # one word of 30 changed: most band keys still shared
        words += ["update"] * variant  # and a length of its own: fewer tied scores
    body = " ".join(words)
    return {"id": f"a{article}", "headline": f"Story {article}", "body": body,
            "dup_sig": list(dedupe.signature(body))}  # fmt: skip


@settings(max_examples=100, deadline=None)
@given(ops=OPS, limit=st.integers(1, 6), room=st.sampled_from([1, 3, reader_module.TIE_ROOM]))
def test_every_pair_is_marked_and_fold_search_agrees_after_any_writes(ops, limit, room):
    """Any sequence of adds, updates (delete + add, as the sync does), deletes, commits and idle calls
    (held-back documents analysed ahead of the commit): every live document sharing a band key with
    another is marked, each article's last version is what is stored, and fold_search's page and total
    are the generic route's, its pool the matches that may fold."""
    from newsearch.backends.tantivy.engine import TantivyEngine
    from newsearch.backends.tantivy.store import TantivyStore

    default_room, reader_module.TIE_ROOM = reader_module.TIE_ROOM, room  # small: the marks search runs
    with tempfile.TemporaryDirectory() as tmp:
        store = TantivyStore.create(Path(tmp))
        engine = TantivyEngine(store)
        expected: dict[str, dict] = {}
        writer = store.writer()
        for op, article, text, variant in [*ops, ("commit", 0, 0, 0)]:
            if op == "commit":
                writer.commit()
                check(engine.reader(), expected, limit)
                writer = store.writer()
            elif op == "delete":
                writer.delete(f"a{article}")
                expected.pop(f"a{article}", None)
            elif op == "idle":
                for _ in range(article):
                    writer.idle()
            else:
                rec = story(article, text, variant)
                writer.delete(rec["id"])
                writer.add(rec)
                expected[rec["id"]] = rec
        writer.cancel()
    reader_module.TIE_ROOM = default_room


def check(reader, expected: dict[str, dict], limit: int) -> None:
    stored = {reader.stored(d)["id"]: reader.stored(d) for d in reader.all_docs()}
    assert stored == expected
    assert unmarked_pairs(reader) == set()
    dups = dedupe.Duplicates(reader.column("dup_keys"), reader.column("dup_sig"))
    # Only the marked documents' keys (what a search groups with): the same neighbours for every document.
    shared = dedupe.Duplicates(reader.shared_keys(), reader.column("dup_sig"))
    assert shared.candidates == dups.candidates
    assert all(shared.neighbours(d) == dups.neighbours(d) for d in reader.all_docs())
    first, second = (reader.analyze(w)[0] for w in TEXTS[0].split()[:2])
    word, phrase = Term("body", first), Phrase("body", (first, second))
    queries = (
        MatchAll(),
        Term("body", "variant"),
        word,
        should(phrase, Phrase("headline", ("stori",)), should(Term("body", "variant"), word)),  # pushed down
        Boolean(((Occur.MUST, phrase), (Occur.SHOULD, Term("body", "variant")))),
        Boolean(((Occur.SHOULD, word), (Occur.MUST_NOT, Term("body", "variant")))),
    )
    for query in queries:
        ranked, matched = reader.search_all(query, limit=limit)
        restricted: list = []
        fast = watching_within(restricted, functools.partial(reader.fold_search, query, limit=limit,
                                                             neighbours=dups.neighbours))  # fmt: skip
        assert fast is not None
        page, total, pool = fast
        assert (page, total) == (ranked, len(matched))
        assert dups.candidates & matched <= pool <= matched
        # every match when tantivy's search for the page held them all, else the marked ones (one search)
        assert pool == (matched & marked(reader) if restricted else matched)
        assert dups.groups(pool) == dups.groups(matched)


def watching_within(calls: list, run):
    """``run()`` with the reader's calls of compile.within recorded in ``calls``."""
    within = reader_module.within
    reader_module.within = lambda *args: calls.append(args) or within(*args)
    try:
        return run()
    finally:
        reader_module.within = within


def test_within_is_the_matches_the_restriction_also_matches(tmp_path):
    """compile.within pushes the restriction into all-SHOULD Booleans only: MUST, MUST_NOT and mixed
    Booleans, phrases and nesting give exactly ``matching(node) & restriction``."""
    from newsearch.backends.tantivy.compile import to_query, within
    from newsearch.backends.tantivy.engine import TantivyEngine
    from newsearch.backends.tantivy.store import TantivyStore

    store = TantivyStore.create(tmp_path)
    with store.writer() as writer:
        for article in range(24):
            writer.add(story(article, article % len(TEXTS), article % 3))
    reader = TantivyEngine(store).reader()
    first, second = (reader.analyze(w)[0] for w in TEXTS[0].split()[:2])
    word, phrase, variant = Term("body", first), Phrase("body", (first, second)), Term("body", "variant")
    update = Term("body", "updat")
    nodes = [
        should(phrase, variant),
        should(should(word, update), Phrase("headline", ("stori", "1"))),
        Boolean(((Occur.MUST, phrase), (Occur.SHOULD, variant))),
        Boolean(((Occur.SHOULD, word), (Occur.SHOULD, phrase), (Occur.MUST_NOT, variant))),
        should(Boolean(((Occur.MUST, word), (Occur.MUST_NOT, update))), variant),
    ]
    restriction = to_query(update, reader._schema)
    restricted = reader.matching(update)
    assert 0 < len(restricted) < len(reader.all_docs())
    for node in nodes:
        found = reader._numbers(reader._all(within(node, reader._schema, restriction)))
        assert found == reader.matching(node) & restricted, node
