"""Facets over the whole result set, drill-down filters, sorting, did-you-mean, similar, near-duplicates."""

from __future__ import annotations

import json
from collections import Counter
from datetime import UTC, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

import newsearch
from newsearch.cli import cli
from newsearch.dedupe import signature, similarity
from newsearch.extract import Merges, default_aliases, index_values
from newsearch.facets import top_values

LITERAL = newsearch.Ranking(expansion=False)


@pytest.fixture(scope="module")
def sample(tmp_path_factory, engine):
    """The project's own sample corpus (45 articles), indexed once."""
    from pathlib import Path

    corpus = Path(__file__).resolve().parents[1] / "corpus"
    index = tmp_path_factory.mktemp("sample") / "ix"
    newsearch.create_index(index, engine=engine).add([corpus])
    with newsearch.open_index(index, ranking=LITERAL) as ix:
        yield ix


def index_merges(ix):
    """The index-wide name merges, computed the slow way: from every stored article."""
    articles = [ix.get(h.id) for h in ix.search("*", limit=1000, collapse=False).hits]
    rows = index_values(
        [[f"{p.kind}:{p.name}" for p in a.parties] for a in articles], [a.speakers for a in articles]
    )
    return Merges.of(rows, default_aliases())


def brute_force(ix, text, field, **filters):
    """Facet counts computed the slow way: every hit's stored article, names merged across the index."""
    res = ix.search(text, limit=1000, collapse=False, **filters)
    merges = index_merges(ix)
    counts: Counter = Counter()
    for hit in res.hits:
        article = ix.get(hit.id)
        if field == "speakers":
            counts.update(merges.values(article.speakers))
        elif field == "parties":
            counts.update(merges.values([p.name for p in article.parties]))
        elif field == "parties:country":
            keys = merges.keys([f"{p.kind}:{p.name}" for p in article.parties])
            counts.update(k.partition(":")[2] for k in keys if k.startswith("country:"))
        elif field == "source" and article.source:
            counts[article.source] += 1
        elif field == "date:month" and article.date:
            counts[article.date.strftime("%Y-%m")] += 1
    return res.total, counts


@pytest.mark.parametrize("facet", ["speakers", "parties", "parties:country", "source", "date:month"])
@pytest.mark.parametrize("text", ["ceasefire", "election OR strike", '"prisoner exchange"', "talks"])
def test_facet_counts_match_a_brute_force_count(sample, facet, text):
    res = sample.search(text, facets=[facet], facet_top=1000, limit=1, collapse=False)
    total, expected = brute_force(sample, text, facet)
    assert res.total == total
    got = {fv.value: fv.count for fv in res.facets[facet]}
    assert got == dict(expected)


def test_facets_with_filters_and_phrases(sample):
    res = sample.search(
        '"prisoner exchange"', facets=["parties"], parties=["Qatar"], facet_top=1000, collapse=False
    )
    total, expected = brute_force(sample, '"prisoner exchange"', "parties", parties=["Qatar"])
    assert res.total == total and total > 0
    assert {fv.value: fv.count for fv in res.facets["parties"]} == dict(expected)
    assert all(fv.count == total for fv in res.facets["parties"] if fv.value == "Qatar")
    for hit in res.hits:
        assert "Qatar" in {p.name for p in hit.parties}


def test_facet_order_top_and_date_histogram(sample):
    res = sample.search("talks", facets=["parties", "date"], facet_top=3)
    counts = [fv.count for fv in res.facets["parties"]]
    assert len(counts) == 3 and counts == sorted(counts, reverse=True)
    buckets = [fv.value for fv in res.facets["date"]]
    assert buckets == sorted(buckets)


def test_filters_or_within_and_across_fields(sample):
    qatar = {h.id for h in sample.search("talks", parties=["Qatar"], limit=100).hits}
    egypt = {h.id for h in sample.search("talks", parties=["Egypt"], limit=100).hits}
    either = {h.id for h in sample.search("talks", parties=["Qatar", "Egypt"], limit=100).hits}
    assert either == qatar | egypt and qatar and egypt
    narrowed = sample.search("talks", parties=["Qatar"], since="2025-10-01", until="2025-10-29", limit=100)
    assert narrowed.hits and all(
        datetime(2025, 10, 1, tzinfo=UTC) <= h.date <= datetime(2025, 10, 29, 23, 59, tzinfo=UTC)
        for h in narrowed.hits
    )
    assert "ceasefire/2025-10-29-cairo-technical-talks.txt" in {
        h.id for h in narrowed.hits
    }  # until is inclusive
    assert {h.id for h in narrowed.hits} <= qatar
    assert sample.search("talks", speakers=["Nobody At All"]).total == 0


def test_filters_do_not_change_scores(sample):
    plain = {h.id: h.score for h in sample.search("talks", limit=100, collapse=False).hits}
    for hit in sample.search("talks", parties=["Qatar"], limit=100, collapse=False).hits:
        assert hit.score == plain[hit.id]


def test_sort_by_date_with_stable_paging(sample):
    newest = sample.search("talks", sort="-date", limit=100, collapse=False)
    dated = [h.date for h in newest.hits if h.date]
    assert dated == sorted(dated, reverse=True)
    assert newest.hits[-1].date is None or all(h.date for h in newest.hits)
    pages = [
        h.id
        for p in (1, 2, 3)
        for h in sample.search("talks", sort="-date", limit=3, page=p, collapse=False).hits
    ]
    assert pages == [h.id for h in newest.hits[:9]]
    oldest = [h.date for h in sample.search("talks", sort="date", limit=100).hits if h.date]
    assert oldest == sorted(oldest)


def test_facet_values_over_the_index(sample):
    sources = sample.facet_values("source", top=100)
    assert sum(fv.count for fv in sources) == 43  # every sample article has a source, except two
    with pytest.raises(ValueError, match="unknown facet"):
        sample.facet_values("colour")


def test_did_you_mean(sample):
    res = sample.search("prisonner exchange")
    assert res.suggestion == "prisoner exchange"
    assert sample.search("prisoner exchange").suggestion is None
    assert res.query == "prisonner exchange"  # never applied to the query


def test_similar(sample):
    target = "ceasefire/2025-11-27-first-prisoner-exchange-completed.txt"
    res = sample.similar(target, limit=5)
    assert target not in [h.id for h in res.hits] and len(res.hits) == 5
    assert any("ceasefire/" in h.id for h in res.hits[:3])
    with pytest.raises(newsearch.ArticleNotFound):
        sample.similar("nope")


def test_signature_similarity():
    text = " ".join(f"word{i}" for i in range(300))
    near = text.replace("word150", "changed")
    other = " ".join(f"term{i}" for i in range(300))
    assert similarity(signature(text), signature(text)) == 1.0
    assert similarity(signature(text), signature(near)) >= 0.9
    assert similarity(signature(text), signature(other)) < 0.1
    assert signature("too short") == ()


def test_near_duplicates_are_collapsed(tmp_path, engine):
    corpus = tmp_path / "c"
    corpus.mkdir()
    body = (
        "Rescue teams reached the flooded village of Marren on Friday after three days of rain cut the "
        "only road. Officials said forty families had been moved to a school on higher ground, and that "
        "the river was expected to fall by Sunday if the weather held. "
    ) * 3
    (corpus / "wire.txt").write_text(f"Floods cut off Marren village\n\n{body}\n")
    (corpus / "reprint.txt").write_text(f"Marren cut off by floods\n\n{body.replace('Sunday', 'Monday')}\n")
    (corpus / "other.txt").write_text(
        "Floods elsewhere\n\nA different story about floods in another region.\n"
    )
    with newsearch.create_index(tmp_path / "ix", engine=engine) as ix:
        ix.add([corpus])
        folded = ix.search("floods Marren")
        # The total counts each group of copies once, so it agrees with the pages; collapsed says how many.
        assert folded.total == 2 and len(folded.hits) == 2 and folded.collapsed == 1
        assert set(folded.hits[0].similar) == {"wire.txt", "reprint.txt"} - {folded.hits[0].id}
        everything = ix.search("floods Marren", collapse=False)
        assert len(everything.hits) == 3 and everything.collapsed == 0


def test_cli_facets_filters_and_commands(runner, tmp_path):
    from pathlib import Path

    corpus = Path(__file__).resolve().parents[1] / "corpus"
    index = str(tmp_path / "ix")
    assert runner.invoke(cli, ["index", str(corpus), "--index", index]).exit_code == 0
    out = runner.invoke(
        cli,
        [
            "query",
            "talks",
            "--facet",
            "parties:country",
            "--facet",
            "date:month",
            "--party",
            "Qatar",
            "--index",
            index,
        ],
    )
    assert out.exit_code == 0 and "parties:country:" in out.stdout and "date:month:" in out.stdout
    data = json.loads(
        runner.invoke(cli, ["query", "talks", "-f", "source", "--json", "--index", index]).stdout
    )
    assert all(set(v) == {"value", "count"} for v in data["facets"]["source"])
    listing = runner.invoke(cli, ["facets", "source", "--index", index])
    assert listing.exit_code == 0 and "Harbour Courier" in listing.stdout
    bad = runner.invoke(cli, ["query", "talks", "--facet", "colour", "--index", index])
    assert bad.exit_code == 2 and "unknown facet" in bad.stderr
    bad_date = runner.invoke(cli, ["query", "talks", "--since", "someday", "--index", index])
    assert bad_date.exit_code == 2 and "not a date" in bad_date.stderr
    sim = runner.invoke(cli, ["similar", "el-2026-0001", "--index", index, "-n", "3"])
    assert sim.exit_code == 0 and "1-3 of 3 articles" in sim.stdout
    assert runner.invoke(cli, ["similar", "nope", "--index", index]).exit_code == 1


def test_total_counts_only_what_filters_let_through(sample):
    everything = sample.search("talks", limit=1000, collapse=False)
    undated = sum(1 for h in everything.hits if h.date is None)
    assert undated > 0
    dated = sample.search("talks", since="2000-01-01", limit=1000, collapse=False)
    assert dated.total == len(dated.hits) == everything.total - undated
    none = sample.search("talks", since="1990-01-01", until="1990-02-01")
    assert (none.total, none.hits) == (0, ())


def test_a_last_name_finds_the_full_name(sample):
    full = {h.id for h in sample.search('speaker:"Amara Okonjo"', limit=100).hits}
    assert full and full <= {h.id for h in sample.search("speaker:okonjo", limit=100).hits}


@given(
    counts=st.dictionaries(st.text("abc", max_size=3), st.integers(1, 5), max_size=30),
    top=st.integers(-2, 35),
)
def test_top_values_is_the_head_of_the_whole_order(counts, top):
    """Most frequent first, ties alphabetical: whatever shortcut ``top_values`` takes, the head of every
    value sorted so (many ties at the cut, ``top`` past the end, zero, negative)."""
    ranked = sorted(counts.items(), key=lambda vc: (-vc[1], vc[0]))[:top]
    assert top_values(Counter(counts), top) == tuple(newsearch.FacetValue(v, c) for v, c in ranked)
