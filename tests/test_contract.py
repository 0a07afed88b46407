"""The engine seam's contract (newsearch.backends.base), checked on every registered engine.

The behaviour tests (test_search, test_facets, test_indexer, test_query_language, …) run on every engine
too, through the `engine` fixture; these check the Reader/Writer protocol directly, so an adapter that
passes them behaves as the engine-free layers expect.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from itertools import pairwise

import pytest

from newsearch import Ranking, backends, documents
from newsearch.errors import IndexLocked
from newsearch.models import Article, Party
from newsearch.query.nodes import (
    Boolean,
    DateRange,
    MatchAll,
    MatchNone,
    Occur,
    Phrase,
    Term,
    TermSet,
    must,
    should,
)

ARTICLES = [
    Article(
        "a1",
        "Ceasefire talks resume",
        "Mediators met in Doha. The prisoner exchange was discussed at length.",
        date=datetime(2025, 11, 3, 9, 30),
        source="Harbour Courier",
        speakers=("Amara Okonjo",),
        parties=(Party("Qatar", "country"), Party("Amara Okonjo", "person")),
    ),
    Article(
        "a2",
        "Prisoner swap agreed",
        "The swap of prisoners will happen on Friday, officials said.",
        date=datetime(2025, 11, 4),
        source="Northgate Wire",
        parties=(Party("Qatar", "country"),),
    ),
    Article("a3", "Dock strike", "Dock workers began a strike over wages.", source="Northgate Wire"),
    Article("a4", "Exchange rates", "The exchange rate of the pound fell.", date=datetime(2024, 1, 1)),
]


@pytest.fixture
def store(tmp_path, engine):
    backend = backends.get(engine)
    folder = tmp_path / "ix"
    folder.mkdir()
    with backend.creation_lock(folder):
        backend.create(folder, stemmer="snowball")
    eng = backend.open(folder, stemmer="snowball")
    writer = eng.writer(timeout=5)
    for article in ARTICLES:
        writer.add(documents.record(article, file_key=f"/corpus/{article.id}", extraction_key="k"))
    writer.commit()
    yield eng
    eng.close()


def ids(reader, docs):
    return {reader.stored(d)["id"] for d in docs}


def word(term):
    return should(*(Term(f, term) for f in documents.TEXT_FIELDS))


def test_records_round_trip(store):
    reader = store.reader(Ranking())
    rec = reader.stored(reader.find("a1"))
    assert documents.article(rec) == documents.article(documents.record(ARTICLES[0], "/corpus/a1", "k"))
    assert rec["file"] == "/corpus/a1" and rec["extraction"] == "k"
    assert reader.find("nope") is None and reader.doc_count() == 4 and len(reader.all_docs()) == 4


def test_terms_statistics_and_lexicon(store):
    reader = store.reader(Ranking())
    assert reader.analyze("The prisoners") == ["prison"]
    assert reader.doc_frequency("body", "prison") == 2 and reader.doc_frequency("body", "zebra") == 0
    assert reader.terms_with_prefix("body", "exch", 5) == [("exchang", 2)]
    assert ("swap", 1) in reader.similar_terms("body", "swab", 1, 1, 5)
    assert list(reader.field_values("source")) == ["Harbour Courier", "Northgate Wire"]
    assert list(reader.field_values("parties")) == ["Amara Okonjo", "Qatar"]


def test_matching_follows_boolean_semantics(store):
    reader = store.reader(Ranking())
    assert ids(reader, reader.matching(word("prison"))) == {"a1", "a2"}
    assert ids(reader, reader.matching(must(word("prison"), word("swap")))) == {"a2"}
    assert ids(reader, reader.matching(should(word("strike"), word("swap")))) == {"a2", "a3"}
    excluded = Boolean(((Occur.SHOULD, word("exchang")), (Occur.MUST_NOT, word("prison"))))
    assert ids(reader, reader.matching(excluded)) == {"a4"}
    optional = Boolean(((Occur.MUST, word("prison")), (Occur.SHOULD, word("doha"))))
    assert ids(reader, reader.matching(optional)) == {"a1", "a2"}
    assert ids(reader, reader.matching(MatchAll())) == {"a1", "a2", "a3", "a4"}
    assert reader.matching(MatchNone()) == set()


def test_phrases_with_slop(store):
    reader = store.reader(Ranking())
    assert ids(reader, reader.matching(Phrase("body", ("prison", "exchang")))) == {"a1"}
    assert reader.matching(Phrase("body", ("exchang", "prison"))) == set()
    assert ids(reader, reader.matching(Phrase("body", ("dock", "strike"), slop=2))) == {"a3"}
    assert reader.matching(Phrase("body", ("dock", "strike"), slop=1)) == set()


def test_unscored_filters(store):
    reader = store.reader(Ranking())
    assert ids(reader, reader.matching(TermSet("parties", ("Qatar",)))) == {"a1", "a2"}
    assert ids(reader, reader.matching(TermSet("source", ("Northgate Wire", "Harbour Courier")))) == {
        "a1",
        "a2",
        "a3",
    }
    nov = DateRange("date", datetime(2025, 11, 1), datetime(2025, 11, 3, 23, 59))
    assert ids(reader, reader.matching(nov)) == {"a1"}
    assert ids(reader, reader.matching(DateRange("date", None, datetime(2025, 1, 1)))) == {"a4"}
    assert ids(reader, reader.matching(TermSet("id", ("a3",)))) == {"a3"}
    scored = {d: s for d, s in reader.search(word("prison"))}
    filtered = {d: s for d, s in reader.search(must(word("prison"), TermSet("source", ("Northgate Wire",))))}
    assert filtered == {d: s for d, s in scored.items() if d in filtered} and len(filtered) == 1


def test_search_ranks_limits_and_restricts(store):
    reader = store.reader(Ranking())
    ranked = reader.search(word("exchang"), limit=10)
    assert reader.stored(ranked[0][0])["id"] == "a4"  # a short body with the word ranks first
    assert all(a[1] >= b[1] > 0 for a, b in pairwise(ranked))
    assert len(reader.search(word("exchang"), limit=1)) == 1
    a2 = reader.find("a2")
    assert reader.search(word("prison"), within={a2}) == [
        (a2, reader.search(word("prison"), within={a2})[0][1])
    ]
    assert reader.search(word("prison"), within=set()) == []
    boosted = reader.search(Term("body", "prison", boost=2.0))
    plain = reader.search(Term("body", "prison"))
    assert [d for d, _ in boosted] == [d for d, _ in plain]
    assert all(b == pytest.approx(2 * p) for (_, b), (_, p) in zip(boosted, plain, strict=True))


@pytest.mark.parametrize(
    "query",
    [
        word("prison"),
        must(word("prison"), word("swap")),
        Phrase("body", ("prison", "exchang")),
        Boolean(((Occur.SHOULD, word("exchang")), (Occur.MUST_NOT, word("prison")))),
        Boolean(((Occur.MUST, word("prison")), (Occur.SHOULD, word("doha")))),
        MatchAll(),
        MatchNone(),
    ],
    ids=["word", "and", "phrase", "not", "must+should", "all", "none"],
)
@pytest.mark.parametrize("sort", ["relevance", "-date"])
def test_search_all_is_search_and_matching_in_one(store, query, sort):
    reader = store.reader(Ranking())
    within = {reader.find("a1"), reader.find("a2"), reader.find("a4")}
    for allowed in (None, within):
        hits, matched = reader.search_all(query, within=allowed, limit=2, sort=sort)
        assert hits == reader.search(query, within=allowed, limit=2, sort=sort)
        assert matched == (
            reader.matching(query) & allowed if allowed is not None else reader.matching(query)
        )


def test_date_sort_puts_undated_last(store):
    reader = store.reader(Ranking())
    assert {s for _, s in reader.search(MatchAll())} == {0.0}  # unscored nodes add nothing
    oldest = [reader.stored(d)["id"] for d, s in reader.search(MatchAll(), sort="date")]
    newest = [reader.stored(d)["id"] for d, s in reader.search(MatchAll(), sort="-date")]
    assert oldest == ["a4", "a1", "a2", "a3"] and newest == ["a2", "a1", "a4", "a3"]


def test_columns(store):
    reader = store.reader(Ranking())
    a1 = reader.find("a1")
    assert reader.column("speakers")[a1] == ("Amara Okonjo",)
    assert reader.column("parties")[a1] == ("Qatar", "Amara Okonjo")
    assert set(reader.column("party_keys")[a1]) == {"country:Qatar", "person:Amara Okonjo"}
    assert reader.column("source")[a1] == ("Harbour Courier",) and reader.column("author")[a1] == ()
    assert (
        reader.column("date")[a1] == datetime(2025, 11, 3, 9, 30)
        and reader.column("date")[reader.find("a3")] is None
    )
    record = documents.record(ARTICLES[0])
    assert reader.column("dup_sig")[a1] == tuple(record["dup_sig"])
    assert reader.column("dup_keys")[a1] == tuple(record["dup_keys"])


def test_a_date_keeps_its_own_clock_and_offset(store):
    """A date with an offset is stored on its own clock (its calendar day) with the offset beside it."""
    eastern = timezone(timedelta(hours=-5))
    late = Article(
        "a7", "Late count", "The count ran late.", date=datetime(2025, 11, 3, 23, 30, tzinfo=eastern)
    )
    writer = store.writer(timeout=5)
    writer.add(documents.record(late))
    writer.commit()
    reader = store.reader(Ranking())
    doc = reader.find("a7")
    assert reader.column("date")[doc] == datetime(2025, 11, 3, 23, 30)  # not 4 November 04:30 UTC
    stored = documents.date(reader.stored(doc))
    assert stored == late.date and stored.utcoffset() == timedelta(hours=-5)
    third = DateRange("date", datetime(2025, 11, 3), datetime(2025, 11, 3, 23, 59, 59))
    assert "a7" in ids(reader, reader.matching(third))
    assert "a7" not in ids(reader, reader.matching(DateRange("date", datetime(2025, 11, 4), None)))


def test_a_snapshot_keeps_reading_its_commit(store):
    with store.snapshot(Ranking()) as snapshot:
        before = snapshot.generation
        writer = store.writer(timeout=5)
        writer.delete("a1")
        writer.add(documents.record(Article("a5", "Prisoner release", "The prisoner was released.")))
        writer.commit()
        assert store.reader(Ranking()).find("a5") is not None  # the latest commit for everyone else
        assert snapshot.generation == before and snapshot.find("a5") is None
        assert snapshot.doc_count() == 4 and snapshot.stored(snapshot.find("a1"))["id"] == "a1"
        assert ids(snapshot, snapshot.matching(word("prison"))) == {"a1", "a2"}


def test_writes_are_invisible_until_commit_and_cancel_drops_them(store):
    generation = store.generation()
    writer = store.writer(timeout=5)
    assert writer.recovered == []  # nothing was killed here: nothing to remove
    writer.delete("a1")
    writer.add(documents.record(Article("a5", "Glacier", "The glacier retreated.")))
    assert store.reader(Ranking()).find("a5") is None and store.reader(Ranking()).find("a1") is not None
    writer.commit()
    after = store.reader(Ranking())
    assert store.generation() > generation and after.generation == store.generation()
    assert after.find("a5") is not None and after.find("a1") is None and after.doc_count() == 4
    writer = store.writer(timeout=5)
    writer.add(documents.record(Article("a6", "Dropped", "Never committed.")))
    writer.cancel()
    assert writer.closed and store.reader(Ranking()).find("a6") is None


def test_one_writer_at_a_time(store):
    writer = store.writer(timeout=5)
    try:
        with pytest.raises(IndexLocked):
            store.writer(timeout=0.2)
    finally:
        writer.cancel()
    store.writer(timeout=1).cancel()


def test_manifest_rebuild_reads_every_document(store):
    rows = list(store.reader(Ranking()).documents(("id", "file", "content_hash", "extraction")))
    assert sorted(r["id"] for r in rows) == ["a1", "a2", "a3", "a4"]
    assert all(r["file"] == f"/corpus/{r['id']}" and r["extraction"] == "k" for r in rows)


def test_the_registry_names_every_engine_and_refuses_unknown_ones():
    assert set(backends.names()) >= {"whoosh", "memory"}
    with pytest.raises(backends.EngineUnavailable, match="unknown engine 'nope'"):
        backends.get("nope")
