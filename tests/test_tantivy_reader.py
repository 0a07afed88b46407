"""The tantivy reader (the Reader protocol plus tantivy's fast paths), checked against brute force over the
stored records and against the Whoosh backend holding the same records (same terms and document
frequencies, values, facet counts, stored articles, phrase matches, similar terms)."""

from __future__ import annotations

import functools
import itertools
from collections import Counter
from datetime import datetime
from pathlib import Path

import pytest

from newsearch import Ranking, analysis, backends, corpus, dedupe, documents, facets
from newsearch.backends.tantivy import available
from newsearch.extract import default_aliases
from newsearch.extract import extract as extract_article
from newsearch.models import Article, Skipped

pytestmark = pytest.mark.skipif(not available(), reason="tantivy is not installed (newsearch[tantivy])")

TEXT_FIELDS = documents.TEXT_FIELDS


def corpus_records(root: Path) -> list[dict]:
    """The records newsearch stores for a corpus (extraction on, as ``newsearch index`` does)."""
    extractor = functools.partial(extract_article, aliases=default_aliases())
    out = []
    for source in corpus.discover([root]):
        if isinstance(source, Skipped):
            continue
        for item in corpus.read_file(source, corpus.load(source)):
            if isinstance(item, Article):  # not a Skipped record or a reader's Note
                out.append(documents.record(item, source.key, "k", extractor(item)))
    return out


def new_engine(folder: Path, name: str):
    folder.mkdir(parents=True)
    backend = backends.get(name)
    with backend.creation_lock(folder):
        backend.create(folder, stemmer="snowball")
    return backend.open(folder, stemmer="snowball")


@pytest.fixture(scope="module")
def engines(tmp_path_factory):
    """(tantivy reader, Whoosh reader, records) over the test corpus; tantivy's written in three commits
    (three segments: document numbers must map across them) plus an update and a delete."""
    from conftest import write_corpus

    base = tmp_path_factory.mktemp("tantivy-vs-whoosh")
    records = corpus_records(write_corpus(base / "corpus"))
    whoosh = new_engine(base / "whoosh", "whoosh")
    write(whoosh, records)
    engine = new_engine(base / "tantivy", "tantivy")
    for part in (records[::3], records[1::3], records[2::3]):
        write(engine, part)
    # An update (delete + add) and an added document deleted again: the same content in the end.
    write(engine, [records[0], {"id": "gone", "body": "deleted again"}], deletes=[records[0]["id"]])
    write(engine, [], deletes=["gone"])
    yield engine.reader(Ranking()), whoosh.reader(Ranking()), records
    engine.close()
    whoosh.close()


def write(engine, records, deletes=()) -> None:
    """One commit through the Writer protocol (deletes first, as the sync does for an update)."""
    writer = engine.writer(timeout=5)
    for aid in deletes:
        writer.delete(aid)
    for rec in records:
        writer.add(rec)
    writer.commit()


def analysed(rec: dict, field: str) -> list[str]:
    return analysis.terms(documents.text(rec, field))


def ids(reader, ranked) -> list[str]:
    return [reader.stored(doc)["id"] for doc, _ in ranked]


# ------------------------------------------------------------------------------------- same as Whoosh
def test_same_terms_and_doc_frequencies_as_whoosh(engines):
    reader, whoosh, records = engines
    assert reader.doc_count() == whoosh.doc_count() == len(records)
    gone = set(analysis.terms("deleted again"))  # the deleted document's terms stay until a merge
    for field in TEXT_FIELDS:
        mine = {t: df for t, df in reader.terms_with_prefix(field, "", 10**6) if t not in gone}
        assert mine == dict(whoosh.terms_with_prefix(field, "", 10**6)), field


def test_same_values_and_facet_counts_as_whoosh(engines):
    from newsearch.backends.tantivy.compile import MatchAll

    reader, whoosh, _ = engines
    fields_ = ("speakers", "parties", "source", "author", "party_keys")
    counts = reader.value_counts(MatchAll(), fields_)
    for field in fields_:
        assert list(reader.field_values(field)) == list(whoosh.field_values(field)), field
        column = whoosh.column(field)
        expected = Counter(v for d in whoosh.all_docs() for v in column[d])
        assert counts[field] == expected, field
        mine = reader.column(field)
        assert Counter(v for d in reader.all_docs() for v in mine[d]) == expected, field


def test_same_stored_articles_as_whoosh(engines):
    reader, whoosh, records = engines
    for rec in records:
        mine = reader.stored(reader.find(rec["id"]))
        theirs = whoosh.stored(whoosh.find(rec["id"]))
        assert documents.article(mine) == documents.article(theirs)


def test_same_day_counts_as_the_date_column(engines):
    from newsearch.backends.tantivy.compile import MatchAll

    reader, whoosh, records = engines
    dated = [r["date"] for r in records if r.get("date")]
    assert reader.day_counts(MatchAll()) == Counter(d.date() for d in dated)
    column = whoosh.column("date")
    assert Counter(column[d].date() for d in whoosh.all_docs() if column[d]) == Counter(
        d.date() for d in dated
    )
    first, last = reader.date_span()
    assert (first, last) == (min(dated), max(dated))
    histogram = facets.date_histogram(
        (
            datetime(d.year, d.month, d.day)
            for d, n in reader.day_counts(MatchAll()).items()
            for _ in range(n)
        ),
        "month",
    )
    assert histogram == facets.date_histogram(dated, "month")


def test_phrases_match_what_whoosh_phrases_match(engines):
    from newsearch.backends.tantivy.compile import Phrase

    reader, whoosh, records = engines
    bodies = [analysed(r, "body") for r in records]
    pairs = sorted({(a, b) for terms in bodies for a, b in itertools.pairwise(terms)})[::7][:40]
    pairs += sorted({(t[i], t[i + k]) for t in bodies for k in (2, 3) for i in range(len(t) - k)})[::9][:40]
    triples = sorted({tuple(t[i : i + 3]) for t in bodies for i in range(0, len(t) - 2, 5)})[::5][:20]
    loose = 0
    for words in [*pairs, *triples]:
        for slop in (0, 1, 3):
            phrase = Phrase("body", tuple(words), slop=slop)
            mine = reader.count(phrase)
            assert mine == len(reader.matching(phrase)) == len(whoosh.matching(phrase)), (words, slop)
            loose += mine > reader.count(Phrase("body", tuple(words)))
    assert loose  # some phrases match more loosely than exactly: the slop cases were exercised


def test_similar_terms_are_whooshs(engines):
    reader, whoosh, _ = engines
    for typo in ("prisonr", "exchnge", "negotiaters", "talkz", "qatr", "inflaton"):
        term = analysis.normalize(typo)
        expected = whoosh.similar_terms("body", term, 2, 1, 8)
        assert expected and reader.similar_terms("body", term, 2, 1, 8) == expected, typo


# ------------------------------------------------------------------------------------- primitives
def test_term_totals_and_doc_frequency_are_exact(engines):
    from newsearch.backends.tantivy.compile import Term

    reader, _, records = engines
    for term in ("talk", "prison", "us", "strike", "coal"):
        expected = sum(term in analysed(r, "body") for r in records)
        total, ranked = reader.page(Term("body", term), limit=1)
        assert (
            total
            == reader.doc_frequency("body", term)
            == len(reader.matching(Term("body", term)))
            == expected
        )
        assert len(ranked) == min(1, expected)


def test_boolean_must_should_must_not(engines):
    from newsearch.backends.tantivy.compile import Boolean, MatchAll, Occur, Term, must, should

    reader, _, records = engines

    def having(term):
        return {r["id"] for r in records if term in analysed(r, "body")}

    def found(node):
        return set(ids(reader, reader.search(node, limit=100)))

    talk, doha = Term("body", "talk"), Term("body", "doha")
    assert found(should(talk, Term("body", "strike"))) == having("talk") | having("strike")
    assert found(must(talk, Term("body", "said"))) == having("talk") & having("said")
    assert found(Boolean(((Occur.SHOULD, talk), (Occur.MUST_NOT, doha)))) == having("talk") - having("doha")
    everything = {r["id"] for r in records}
    assert found(Boolean(((Occur.MUST, MatchAll()), (Occur.MUST_NOT, talk)))) == everything - having("talk")
    assert found(Boolean(((Occur.MUST_NOT, talk),))) == set()  # Lucene: MUST_NOT alone matches nothing


def test_filters_narrow_without_changing_scores(engines):
    from newsearch.backends.tantivy.compile import Term, TermSet, should

    reader, _, _ = engines
    words = should(Term("headline", "talk", 2.5), Term("body", "talk"))
    plain = dict(reader.search(words, limit=100))
    source = "Harbour Courier"
    total, ranked = reader.page(words, filter=TermSet("source", (source,)), limit=100)
    assert total == len(ranked) > 0
    for doc, score in ranked:
        assert reader.stored(doc)["source"] == source
        assert score == pytest.approx(plain[doc])
    within = {doc for doc, _ in ranked}
    assert reader.search(words, within=within, limit=100) == ranked  # the protocol's filter: a doc set
    assert reader.search(words, within=set(), limit=100) == []


def test_field_boosts_reorder(engines):
    from newsearch.backends.tantivy.compile import Term, should

    reader, _, records = engines
    in_headline = {r["id"] for r in records if "talk" in analysed(r, "headline")}

    def top(boost):
        return reader.search(
            should(Term("headline", "talk", boost), Term("body", "talk")), limit=len(in_headline)
        )

    assert in_headline and set(ids(reader, top(10.0))) == in_headline
    assert top(10.0)[0][1] > top(0.1)[0][1]


def test_relevance_ties_go_by_document_number(engines):
    from newsearch.backends.tantivy.compile import MatchAll

    reader, _, _ = engines
    ranked = reader.search(MatchAll(), limit=100)
    assert [s for _, s in ranked] == [0.0] * len(ranked)  # MatchAll is unscored
    assert [d for d, _ in ranked] == sorted(reader.all_docs())


def test_date_ranges_are_inclusive_and_may_be_open(engines):
    from newsearch.backends.tantivy.compile import DateRange

    reader, _, records = engines
    dated = sorted(r["date"] for r in records if r.get("date"))
    lo, hi = dated[1], dated[-2]
    for start, end in ((lo, hi), (lo, None), (None, hi), (None, None)):
        expected = sum((start is None or d >= start) and (end is None or d <= end) for d in dated)
        assert reader.count(DateRange("date", start, end)) == expected


def test_sort_by_date_puts_undated_last_both_ways(engines):
    from newsearch.backends.tantivy.compile import MatchAll

    reader, _, records = engines
    undated = sum(1 for r in records if not r.get("date"))
    assert undated  # the fixture corpus has some
    dates_column = reader.column("date")
    for sort, reverse in (("date", False), ("-date", True)):
        ranked = reader.search(MatchAll(), limit=100, sort=sort)
        dates = [reader.stored(doc).get("date") for doc, _ in ranked]
        assert dates == [dates_column[doc] for doc, _ in ranked]
        assert all(d is None for d in dates[-undated:])
        head = dates[:-undated]
        assert head == sorted(head, reverse=reverse) and None not in head
        assert all(score == 0.0 for _, score in ranked)
        tail = [doc for doc, _ in ranked[-undated:]]
        assert tail == sorted(tail)  # undated: by document number


def test_pages_are_slices_of_one_ranking(engines):
    from newsearch.backends.tantivy.compile import Term, should

    reader, _, _ = engines
    query = should(Term("body", "said"), Term("body", "talk"))
    total, whole = reader.page(query, limit=100)
    pages = [reader.page(query, limit=3, offset=k) for k in range(0, total, 3)]
    assert all(t == total for t, _ in pages)
    assert [d for _, p in pages for d, _ in p] == [d for d, _ in whole]


def test_document_numbers_columns_and_records_agree(engines):
    """Across segments and a deletion: every live number finds its record, its id finds it back, and every
    column holds what the record holds."""
    reader, _, records = engines
    docs = reader.all_docs()
    assert len(docs) == len(records) == reader.doc_count()
    by_id = {r["id"]: r for r in records}
    for doc in docs:
        rec = reader.stored(doc)
        assert reader.find(rec["id"]) == doc
        assert reader.column("date")[doc] == rec.get("date")
        for field in ("speakers", "parties", "party_keys", "source", "author"):
            from newsearch.backends.tantivy.fields import values

            assert sorted(reader.column(field)[doc]) == sorted(values(by_id[rec["id"]], field)), field
    assert reader.find("gone") is None and reader.find("never") is None
    listed = list(reader.documents(["id", "content_hash"]))
    assert sorted(d["id"] for d in listed) == sorted(by_id)


def test_duplicate_columns_find_every_near_duplicate_pair(tmp_path):
    from newsearch.backends.tantivy.compile import MatchAll
    from newsearch.backends.tantivy.engine import BACKEND

    BACKEND.create(tmp_path)
    engine = BACKEND.open(tmp_path)
    story = (
        "Troops withdrew from the border town on Monday after three days of talks in Doha, officials said."
    )
    bodies = {"a": story, "b": story.replace("Monday", "Tuesday"), "c": "Wheat prices fell in Canada as the "
              "harvest beat forecasts for a second year running.", "d": story}  # fmt: skip
    with engine.writer() as w:
        for aid, body in bodies.items():
            sig = dedupe.signature(body)
            w.add({"id": aid, "body": body, "dup_sig": list(sig)})
    reader = engine.reader()
    keys, sigs = reader.column("dup_keys"), reader.column("dup_sig")
    docs = {reader.stored(d)["id"]: d for d in reader.all_docs()}
    assert keys[docs["a"]] == tuple(dedupe.band_keys(dedupe.signature(story)))
    assert len(keys[docs["c"]]) == dedupe.BANDS
    assert dedupe.similarity(sigs[docs["a"]], sigs[docs["d"]]) == 1.0
    assert {reader.stored(d)["id"] for d in reader.duplicate_candidates(MatchAll())} >= {"a", "d"}
    assert "c" not in {reader.stored(d)["id"] for d in reader.duplicate_candidates(MatchAll())}
    from newsearch.backends.tantivy.compile import Term, TermSet

    assert reader.duplicate_candidates(Term("body", "wheat")) == set()  # c has no copy among its matches
    only_a = reader.duplicate_candidates(Term("body", "troop"), filter=TermSet("id", ("a",)))
    assert only_a == set()  # within the matches a has no copy: d is filtered out
    both = {reader.stored(d)["id"] for d in reader.duplicate_candidates(Term("body", "troop"))}
    assert both >= {"a", "d"}


def test_prefix_and_fuzzy_match_the_term_dictionary(engines):
    from newsearch.backends.tantivy.compile import Fuzzy, Prefix
    from newsearch.backends.tantivy.reader import edit_distance

    reader, _, records = engines
    vocabulary = dict(reader.terms_with_prefix("body", "", 10**6))
    for prefix in ("pri", "ta", "q", "2"):
        terms = {t for t in vocabulary if t.startswith(prefix)}
        expected = sum(bool(terms & set(analysed(r, "body"))) for r in records)
        assert reader.count(Prefix("body", prefix)) == expected
    for word, distance in (("prisn", 1), ("tlak", 1), ("strke", 2)):
        terms = {t for t in vocabulary if edit_distance(word, t, 2) <= distance or _transposed(word, t)}
        expected = sum(bool(terms & set(analysed(r, "body"))) for r in records)
        assert reader.count(Fuzzy("body", word, distance)) == expected


def _transposed(a: str, b: str) -> bool:
    return len(a) == len(b) and any(a[:i] + a[i + 1] + a[i] + a[i + 2 :] == b for i in range(len(a) - 1))


def test_prefix_with_regex_characters_is_literal(engines):
    from newsearch.backends.tantivy.compile import Prefix

    reader, _, _ = engines
    assert reader.count(Prefix("body", ".*")) == 0
    assert reader.count(Prefix("body", "2,0")) == reader.count(Prefix("body", "2,000"))


def test_too_loose_a_phrase_is_refused():
    from newsearch.backends.tantivy import compile as c

    with pytest.raises(c.PhraseTooLoose, match="spacings"):
        c.to_query(c.Phrase("body", tuple("abcdefgh"), slop=3), None)


def test_more_like_this_excludes_the_article_itself(tmp_path):
    from newsearch.backends.tantivy.engine import BACKEND

    BACKEND.create(tmp_path)
    engine = BACKEND.open(tmp_path)
    texts = {
        "a": "Wheat exports from Canada rose as the harvest beat forecasts and prices fell",
        "b": "Canada wheat exports rose; the harvest beat forecasts, and wheat prices fell again",
        "c": "The central bank held interest rates and said inflation was easing",
        "d": "Football club signs striker after long transfer saga",
    }
    with engine.writer() as w:
        for aid, body in texts.items():
            w.add({"id": aid, "headline": aid, "body": body})
    reader = engine.reader()
    total, ranked = reader.more_like_this("a", limit=3)
    found = ids(reader, ranked)
    assert "a" not in found and found[0] == "b" and total >= len(found)
    assert reader.more_like_this("missing") is None


def test_terms_with_prefix_and_similar_terms_are_most_frequent_first(engines):
    from newsearch.backends.tantivy.reader import edit_distance

    reader, whoosh, _ = engines
    listed = reader.terms_with_prefix("body", "pr", 5)
    assert len(listed) <= 5 and all(t.startswith("pr") for t, _ in listed)
    assert [df for _, df in listed] == sorted((df for _, df in listed), reverse=True)
    assert all(reader.doc_frequency("body", t) == df for t, df in listed)
    similar = reader.similar_terms("body", "prisn", 2, 1, 10)
    assert similar and all(edit_distance("prisn", t, 2) <= 2 and t[0] == "p" for t, _ in similar)
    assert reader.similar_terms("body", "prisn", 2, 1, 10**6) == whoosh.similar_terms(
        "body", "prisn", 2, 1, 10**6
    )


def test_value_counts_are_exact_and_survive_hash_collisions(engines, monkeypatch):
    from newsearch.backends.tantivy import fields as tfields
    from newsearch.backends.tantivy.compile import Term

    reader, _, records = engines
    query = Term("body", "said")
    expected = Counter(
        v for r in records if "said" in analysed(r, "body") for v in tfields.values(r, "parties")
    )
    assert expected and reader.value_counts(query, ["parties"])["parties"] == expected
    fresh = type(reader)(reader.store, reader._snap)  # a reader with no hash maps built yet
    monkeypatch.setattr(tfields, "value_hash", lambda value: 7)  # every value collides
    assert fresh.value_counts(query, ["parties"])["parties"] == expected


@pytest.mark.parametrize("words", [("talk",), ("said",), ("prison", "strike"), ()])
def test_facets_by_aggregation_equal_facets_from_columns(engines, words):
    """The engine-side facet path (tantivy's aggregations) gives what the per-document columns give."""
    from newsearch.backends.tantivy.compile import MatchAll, Term, TermSet, should
    from newsearch.search import facet_counts

    reader, _, _ = engines
    query = should(*(Term("body", w) for w in words)) if words else MatchAll()
    narrowed = should(query) if words else query
    specs = [facets.parse_spec(s) for s in ("speakers", "parties", "parties:country", "source", "author",
                                            "date", "date:day", "date:week", "date:month", "date:year")]  # fmt: skip
    for node in (narrowed, should(query, TermSet("source", ("Harbour Courier",)))):
        docs = reader.matching(node)
        assert facet_counts(reader, docs, specs, 50, query=node) == facet_counts(reader, docs, specs, 50)
