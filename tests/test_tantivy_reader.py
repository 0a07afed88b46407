"""The tantivy reader's primitives, checked against brute force over the stored records and against the
Whoosh index newsearch builds from the same corpus (same terms, values, facet counts, stored articles,
phrase matches)."""

from __future__ import annotations

import functools
import itertools
from collections import Counter
from datetime import datetime
from pathlib import Path

import pytest

from newsearch import analysis, corpus, facets
from newsearch.backends.tantivy import available
from newsearch.extract import default_aliases
from newsearch.extract import extract as extract_article
from newsearch.indexer import prepared
from newsearch.models import Skipped

pytestmark = pytest.mark.skipif(not available(), reason="tantivy is not installed (newsearch[tantivy])")

TEXT_FIELDS = ("headline", "standfirst", "body", "subheads")


def corpus_records(root: Path) -> list[dict]:
    """The stored records newsearch's indexer makes for a corpus (extraction on, as in the Whoosh build)."""
    extractor = functools.partial(extract_article, aliases=default_aliases())
    out = []
    for source in corpus.discover([root]):
        if isinstance(source, Skipped):
            continue
        for item in corpus.read_file(source, corpus.load(source)):
            if not isinstance(item, Skipped):
                out.append(prepared(item, source.key, extractor, "k"))
    return out


@pytest.fixture(scope="module")
def engines(built, tmp_path_factory):
    """(tantivy reader, Whoosh searcher, records) over the session's test corpus."""
    from whoosh import index as whoosh_index

    from newsearch.backends.tantivy.reader import TantivyReader
    from newsearch.backends.tantivy.store import TantivyStore

    corpus_dir, whoosh_dir = built
    records = corpus_records(corpus_dir)
    folder = tmp_path_factory.mktemp("tantivy") / "ix"
    folder.mkdir()
    store = TantivyStore.create(folder)
    with store.writer() as w:
        for rec in records:
            w.add(rec)
    ix = whoosh_index.open_dir(str(whoosh_dir))
    with ix.searcher() as searcher:
        yield TantivyReader(store), searcher, records


def analysed(rec: dict, field: str) -> list[str]:
    return analysis.terms(rec.get(field) or "")


# ------------------------------------------------------------------------------------- same as Whoosh
def test_same_terms_and_doc_frequencies_as_whoosh(engines):
    reader, searcher, records = engines
    assert len(reader) == searcher.doc_count() == len(records)
    for field in TEXT_FIELDS:
        whoosh_terms = {t.decode() if isinstance(t, bytes) else t: searcher.doc_frequency(field, t)
                        for t in searcher.lexicon(field)}  # fmt: skip
        assert dict(reader.field_terms(field)) == whoosh_terms, field


def test_same_values_and_facet_counts_as_whoosh(engines):
    from newsearch.backends.tantivy.compile import MatchAll

    reader, searcher, _ = engines
    counts = reader.value_counts(MatchAll(), ["speakers", "parties", "source", "author", "party_keys"])
    for field in ("speakers", "parties", "source", "author", "party_keys"):
        values = sorted(t.decode() if isinstance(t, bytes) else t for t in searcher.lexicon(field))
        assert reader.values(field) == values, field
        assert counts[field] == Counter({v: searcher.doc_frequency(field, v) for v in values}), field


def test_same_stored_articles_as_whoosh(engines):
    from newsearch.search import article_from_stored

    reader, searcher, records = engines
    for rec in records:
        mine = reader.document(rec["id"])
        theirs = searcher.document(id=rec["id"])
        assert article_from_stored(mine) == article_from_stored(theirs)


def test_same_day_counts_as_the_whoosh_date_column(engines):
    from newsearch.backends.tantivy.compile import MatchAll

    reader, _, records = engines
    dated = [r["date"] for r in records if r.get("date")]
    assert reader.day_counts(MatchAll()) == Counter(d.date() for d in dated)
    first, last = reader.date_span()
    assert (first, last) == (min(dated), max(dated))
    histogram = facets.date_histogram(
        (datetime(d.year, d.month, d.day) for d, n in reader.day_counts(MatchAll()).items() for _ in range(n)),
        "month",
    )
    assert histogram == facets.date_histogram(dated, "month")


def test_phrases_match_what_whoosh_phrases_match(engines):
    from whoosh import query

    from newsearch.backends.tantivy.compile import Phrase

    reader, searcher, records = engines
    bodies = [analysed(r, "body") for r in records]
    pairs = sorted({(a, b) for terms in bodies for a, b in itertools.pairwise(terms)})[::7][:40]
    pairs += sorted({(t[i], t[i + k]) for t in bodies for k in (2, 3) for i in range(len(t) - k)})[::9][:40]
    triples = sorted({tuple(t[i : i + 3]) for t in bodies for i in range(0, len(t) - 2, 5)})[::5][:20]
    loose = 0
    for words in [*pairs, *triples]:
        for slop in (0, 1, 3):
            mine = reader.count(Phrase("body", tuple(words), slop=slop))
            theirs = len(searcher.search(query.Phrase("body", list(words), slop=slop + 1), limit=None))
            assert mine == theirs, (words, slop)
            loose += mine > reader.count(Phrase("body", tuple(words)))
    assert loose  # some phrases match more loosely than exactly: the slop cases were exercised


def test_suggestions_match_whoosh_corrector(engines):
    reader, searcher, _ = engines
    corrector = searcher.corrector("body")
    for typo in ("prisonr", "exchnge", "negotiaters", "talkz", "qatr", "inflaton"):
        term = analysis.normalize(typo)
        expected = [c for c in corrector.suggest(term, limit=3, maxdist=2, prefix=1) if c != term]
        assert expected and reader.suggestions(term)[:1] == expected[:1], typo


# ------------------------------------------------------------------------------------- primitives
def test_term_totals_and_doc_frequency_are_exact(engines):
    from newsearch.backends.tantivy.compile import Term

    reader, _, records = engines
    for term in ("talk", "prison", "us", "strike", "coal"):
        expected = sum(term in analysed(r, "body") for r in records)
        page = reader.search(Term("body", term), limit=1)
        assert page.total == reader.doc_frequency("body", term) == expected
        assert len(page.hits) == min(1, expected)


def test_boolean_must_should_must_not(engines):
    from newsearch.backends.tantivy.compile import Boolean, MatchAll, Occur, Term, must, should

    reader, _, records = engines

    def having(term):
        return {r["id"] for r in records if term in analysed(r, "body")}

    def ids(node):
        return {h.record["id"] for h in reader.search(node, limit=100).hits}

    talk, doha = Term("body", "talk"), Term("body", "doha")
    assert ids(should(talk, Term("body", "strike"))) == having("talk") | having("strike")
    assert ids(must(talk, Term("body", "said"))) == having("talk") & having("said")
    assert ids(Boolean(((Occur.SHOULD, talk), (Occur.MUST_NOT, doha)))) == having("talk") - having("doha")
    everything = {r["id"] for r in records}
    assert ids(Boolean(((Occur.MUST, MatchAll()), (Occur.MUST_NOT, talk)))) == everything - having("talk")
    assert ids(Boolean(((Occur.MUST_NOT, talk),))) == set()  # Lucene: MUST_NOT alone matches nothing


def test_filters_narrow_without_changing_scores(engines):
    from newsearch.backends.tantivy.compile import Term, TermSet, should

    reader, _, _ = engines
    words = should(Term("headline", "talk", 2.5), Term("body", "talk"))
    plain = {h.record["id"]: h.score for h in reader.search(words, limit=100).hits}
    source = "Harbour Courier"
    filtered = reader.search(words, filter=TermSet("source", (source,)), limit=100)
    assert filtered.total == len(filtered.hits) > 0
    for hit in filtered.hits:
        assert hit.record["source"] == source
        assert hit.score == pytest.approx(plain[hit.record["id"]])


def test_field_boosts_reorder(engines):
    from newsearch.backends.tantivy.compile import Term, should

    reader, _, records = engines
    in_headline = {r["id"] for r in records if "talk" in analysed(r, "headline")}

    def top(boost):
        query = should(Term("headline", "talk", boost), Term("body", "talk"))
        return reader.search(query, limit=len(in_headline))

    assert in_headline and {h.record["id"] for h in top(10.0).hits} == in_headline
    assert top(10.0).hits[0].score > top(0.1).hits[0].score


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
    for sort, reverse in (("date", False), ("-date", True)):
        page = reader.search(MatchAll(), limit=100, sort=sort)
        dates = [h.record.get("date") for h in page.hits]
        assert all(d is None for d in dates[-undated:])
        head = dates[:-undated]
        assert head == sorted(head, reverse=reverse) and None not in head
        assert all(h.score == 0.0 for h in page.hits)


def test_pages_are_slices_of_one_ranking(engines):
    from newsearch.backends.tantivy.compile import Term, should

    reader, _, _ = engines
    query = should(Term("body", "said"), Term("body", "talk"))
    whole = reader.search(query, limit=100)
    pages = [reader.search(query, limit=3, offset=k) for k in range(0, whole.total, 3)]
    assert all(p.total == whole.total for p in pages)
    assert [h.record["id"] for p in pages for h in p.hits] == [h.record["id"] for h in whole.hits]


def test_prefix_and_fuzzy_match_the_term_dictionary(engines):
    from newsearch.backends.tantivy.compile import Fuzzy, Prefix
    from newsearch.backends.tantivy.reader import edit_distance

    reader, _, records = engines
    vocabulary = dict(reader.field_terms("body"))
    for prefix in ("pri", "ta", "q", "2"):
        terms = {t for t in vocabulary if t.startswith(prefix)}
        expected = sum(bool(terms & set(analysed(r, "body"))) for r in records)
        assert reader.count(Prefix("body", prefix)) == expected
    for word, distance in (("prisn", 1), ("tlak", 1), ("strke", 2)):
        terms = {t for t in vocabulary if edit_distance(word, t, 2) <= distance or _transposed(word, t)}
        expected = sum(bool(terms & set(analysed(r, "body"))) for r in records)
        assert reader.count(Fuzzy("body", word, distance)) == expected


def _transposed(a: str, b: str) -> bool:
    return len(a) == len(b) and any(
        a[:i] + a[i + 1] + a[i] + a[i + 2 :] == b for i in range(len(a) - 1)
    )


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
    from newsearch.backends.tantivy.reader import TantivyReader
    from newsearch.backends.tantivy.store import TantivyStore

    store = TantivyStore.create(tmp_path)
    texts = {
        "a": "Wheat exports from Canada rose as the harvest beat forecasts and prices fell",
        "b": "Canada wheat exports rose; the harvest beat forecasts, and wheat prices fell again",
        "c": "The central bank held interest rates and said inflation was easing",
        "d": "Football club signs striker after long transfer saga",
    }
    with store.writer() as w:
        for aid, body in texts.items():
            w.add({"id": aid, "headline": aid, "body": body})
    reader = TantivyReader(store)
    page = reader.more_like_this("a", limit=3)
    ids = [h.record["id"] for h in page.hits]
    assert "a" not in ids and ids[0] == "b"
    assert reader.more_like_this("missing") is None
