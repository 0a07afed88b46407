"""The tantivy engine indexes exactly the terms and positions of newsearch's analysis (the Whoosh path's).

A property test over random text: the term dictionary tantivy builds for a document equals the set of
``analysis.analyze`` terms, and one phrase query holding every term at its analysis position matches
(so no term was split, merged or moved, and stop words left no gap).
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsearch import analysis
from newsearch.backends.tantivy import available

pytestmark = pytest.mark.skipif(not available(), reason="tantivy is not installed (newsearch[tantivy])")

# Words that exercise every tokenizer and normaliser rule, plus stop words and whitespace of all kinds.
TRICKY = [
    "U.S.", "U.N", "e.g.", "al-Thani", "COVID-19", "Hamas's", "Hamas'", "Qatar’s", "it's", "O'Brien",
    "1.5", "2,000", "3.5bn", "Zürich", "Genève", "straße", "ǅemal", "ﬁnance", "Ⅻ", "²", "ﷺ", "a\u0301",
    "The", "US", "us", "WHO", "who", "international", "adding", "evening", "news", "skis", "dying",
    "_", "__init__", "x_y", "'", "’", "-", ".", "...", "U.S.-Soviet", "talks.", "Talks!", "œuvre",
]  # fmt: skip
SPACES = [" ", "  ", "\n", "\t", "\u00a0", "\u2003", "\u3000", "\r\n", " — ", ", ", ". "]

texts = st.one_of(
    st.lists(st.tuples(st.sampled_from(TRICKY), st.sampled_from(SPACES)), max_size=40).map(
        lambda pairs: "".join(w + s for w, s in pairs)
    ),
    st.text(max_size=300),
    st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=200),
)


@pytest.fixture(scope="module")
def engine():
    import tantivy

    from newsearch.backends.tantivy import fields, terms

    schema = fields.build_schema()

    def index_one(text: str, stemmer: str):
        index = tantivy.Index(schema)  # in memory
        terms.register(index)
        writer = index.writer(15_000_000, 1)
        doc = tantivy.Document()
        value = terms.indexed_value(text, stemmer)
        if isinstance(value, str):
            doc.add_text("body", value)
        else:
            doc.add_pre_tokenized_text("body", value)
        writer.add_document(doc)
        writer.commit()
        writer.wait_merging_threads()
        index.reload()
        return index.searcher(), schema

    return index_one


def check_parity(index_one, text: str, stemmer: str) -> None:
    import tantivy

    expected = list(analysis.analyze(text, stemmer))
    searcher, schema = index_one(text, stemmer)
    indexed = {t for t, _ in searcher.terms_with_prefix("body", "")}
    assert indexed == {t.term for t in expected}
    if len(expected) >= 2:
        words = [(t.position, t.term) for t in expected]
        assert [p for p, _ in words] == list(range(len(words)))  # stop words leave no gap
        phrase = tantivy.Query.phrase_query(schema, "body", words)
        assert searcher.search(phrase, 1).count == 1


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=texts, stemmer=st.sampled_from(analysis.STEMMERS))
def test_tantivy_indexes_the_analysis_terms(engine, text, stemmer):
    check_parity(engine, text, stemmer)


@pytest.mark.parametrize(
    "text",
    [
        "The U.S. and al-Thani's COVID-19 talks",  # acronym dots, hyphen split, possessive
        "Bank of England talks: the Bank of the Republic",  # stop words inside a phrase
        "\ufdfa is one word that NFKD folds into four",  # a term with spaces: the pre-tokenized path
        "1.5 and 2,000 and 3.5",  # "1.5" is indexed as "15" by newsearch's analysis, so here too
        "",
    ],
)
def test_known_cases(engine, text):
    for stemmer in analysis.STEMMERS:
        check_parity(engine, text, stemmer)


def test_a_term_with_spaces_goes_in_pretokenized():
    from newsearch.backends.tantivy import terms

    assert any(" " in t for t in analysis.terms("\ufdfa"))
    assert not isinstance(terms.indexed_value("\ufdfa and more"), str)
    assert terms.indexed_value("The U.S. talks") == "us talk"


@given(text=texts)
@settings(max_examples=200, deadline=None)
def test_index_terms_equals_analysis_terms(text):
    from newsearch.backends.tantivy import terms

    for stemmer in analysis.STEMMERS:
        assert terms.index_terms(text, stemmer) == analysis.terms(text, stemmer)
