"""The analyzer: news tokens survive, stop words go, stems match, and any text analyses."""

from __future__ import annotations

import pickle
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import newsearch
from newsearch.analysis import STOPWORDS, analyze, terms
from newsearch.backends.whoosh.schema import NewsTokenizer


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("U.S. officials", ["us", "offici"]),
        ("US officials", ["us", "offici"]),
        ("THE U.S . FIRST", ["us", "first"]),  # TIME-style tokenised text
        ("al-Thani", ["al", "thani"]),
        ("COVID-19 cases", ["covid", "19", "case"]),
        ("Hamas's stance", ["hama", "stanc"]),
        ("Hamas' stance", ["hama", "stanc"]),
        ("Qatar’s mediators", ["qatar", "mediat"]),
        ("O'Brien", ["o'brien"]),
        ("Zürich Genève", ["zurich", "genev"]),
        ("2,000 prisoners", ["2,000", "prison"]),
        ("The talks and the war", ["talk", "war"]),
    ],
)
def test_news_tokens(text, expected):
    assert terms(text) == expected


def test_us_is_not_a_stop_word():
    assert "us" not in STOPWORDS
    assert "the" in STOPWORDS


def test_positions_skip_stop_words_and_spans_point_at_the_words():
    text = "Talks in Doha stalled"
    toks = list(analyze(text))
    assert [t.position for t in toks] == [0, 1, 2]
    assert [text[t.start : t.end] for t in toks] == ["Talks", "Doha", "stalled"]


def test_stemmers_differ_and_none_keeps_words():
    assert terms("generously", stemmer="porter") != terms("generously", stemmer="snowball")
    assert terms("running talks", stemmer="none") == ["running", "talks"]
    with pytest.raises(ValueError):
        terms("x", stemmer="lancaster")


def test_tokenizer_pickles_for_the_whoosh_schema():
    tok = NewsTokenizer("porter")
    again = pickle.loads(pickle.dumps(tok))
    assert again == tok and again.stemmer == "porter"
    assert [t.text for t in again("Prisoners exchanged")] == ["prison", "exchang"]


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300))
def test_any_text_analyses(text):
    toks = list(analyze(text))
    for t in toks:
        assert t.term and t.term == t.term.lower()
        assert 0 <= t.start < t.end <= len(text)
    assert [t.position for t in toks] == list(range(len(toks)))


_word = st.text(alphabet=st.characters(categories=("Lu", "Ll")), min_size=3, max_size=12)


@settings(max_examples=15, deadline=None)
@given(word=_word)
def test_a_word_in_a_headline_finds_the_article(tmp_path_factory, word):
    if not terms(word):
        return  # a stop word: nothing to search for
    base = tmp_path_factory.mktemp("w")
    (base / "c").mkdir()
    (base / "c" / "a.txt").write_text(
        f"Report on {word} today\n\nA plain body without it.\n", encoding="utf-8"
    )
    (base / "c" / "b.txt").write_text("Another story\n\nNothing relevant here.\n", encoding="utf-8")
    with newsearch.create_index(base / "ix") as ix:
        ix.add([base / "c"], extract=False)
        hits = ix.search(f'"{word}"').hits
    assert [h.id for h in hits][:1] == ["a.txt"]


# ---------------------------------------------------------------------------------- speed paths (issue 15e)
# Pieces that exercise every tokenizer rule on ASCII text (the fast path of joined_terms), stop words, and
# separators of every kind (joined_terms cuts ASCII text at every byte that is not a word character or . , ').
_ASCII_PIECES = [
    "U.S.", "U.N", "e.g.", "a.b.c", "al-Thani", "COVID-19", "Hamas's", "Hamas'", "it's", "O'Brien", "o'",
    "1.5", "2,000", "3.5bn", "1980s", "5.93.", ",5", "1,,2", "x.1", "_", "__init__", "x_y", "'", "''s", "-",
    ".", "...", "U.S.-Soviet", "talks.", "Talks!", "The", "US", "us", "WHO", "international", "dying", "a",
    "s's", "K", "i.e.,", "A.", "ab.", "\t", "\n", "(", ")", '"', "$", "%", "&", "/", ":", ";", "?", "@",
]  # fmt: skip
_ASCII_SEPARATORS = ["", " ", "  ", "\n", "\t", "\r\n", " - ", ", ", ". ", "/", "'", ".", ","]
ASCII_TEXTS = st.one_of(
    st.lists(st.tuples(st.sampled_from(_ASCII_PIECES), st.sampled_from(_ASCII_SEPARATORS)), max_size=40).map(
        lambda pairs: "".join(w + s for w, s in pairs)
    ),
    st.text(alphabet=st.characters(max_codepoint=127), max_size=200),
)


@settings(max_examples=300, deadline=None)
@given(text=ASCII_TEXTS, stemmer=st.sampled_from(["snowball", "porter", "none"]))
def test_joined_terms_are_the_terms_joined(text, stemmer):
    from newsearch.analysis import joined_terms

    expected = " ".join(terms(text, stemmer))
    assert joined_terms(text, stemmer) == expected
    assert joined_terms(text, stemmer) == expected  # again, from the chunk cache


@given(text=st.text(max_size=100))
def test_joined_terms_of_any_text(text):
    from newsearch.analysis import joined_terms

    assert joined_terms(text) == " ".join(terms(text))


@settings(max_examples=200, deadline=None)
@given(
    text=st.one_of(
        st.lists(
            st.sampled_from(
                [*_ASCII_PIECES, "Bahia", "BAHIA", "bahia's", "Zürich", "ZÜRICH", "fairly", "Generously"]
            ),
            max_size=30,
        ).map(" ".join),
        st.text(max_size=80),
    )
)
def test_stems_cached_by_folded_word_are_nltks(text):
    # normalize caches stems by the folded word and leaves numbers unstemmed: the terms are NLTK's own.
    from nltk.stem.porter import PorterStemmer
    from nltk.stem.snowball import EnglishStemmer

    from newsearch.analysis import TOKEN_RE, _fold, normalize

    stemmers = {"snowball": EnglishStemmer(), "porter": PorterStemmer()}
    for raw in TOKEN_RE.findall(text):
        word = raw.replace(".", "") if "." in raw else raw
        if "." not in raw and ("'" in raw or "’" in raw):
            word = re.sub(r"['’]s$", "", word, flags=re.IGNORECASE).replace("’", "'")
        word = _fold(word)
        for name, stemmer in stemmers.items():
            expected = None if word in STOPWORDS else stemmer.stem(word)
            assert normalize(raw, name) == expected


@given(number=st.from_regex(r"[0-9,]{1,12}", fullmatch=True))
def test_snowball_leaves_digits_and_commas_as_they_are(number):
    from nltk.stem.snowball import EnglishStemmer

    assert EnglishStemmer().stem(number) == number
