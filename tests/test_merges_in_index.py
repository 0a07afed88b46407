"""Names merged across the index (facets, filters, quotes' speakers), `newsearch aliases suggest`, the
quotes' speaker facet and the extraction evidence `newsearch show` prints — on every engine."""

from __future__ import annotations

import json

import pytest

import newsearch
from newsearch.cli import cli
from newsearch.extract import load_aliases

# Our own text. "Okonjo" alone names one full name in the index ("Amara Okonjo"); "Brandt" names two.
ARTICLES = {
    "a1.txt": (
        "Okonjo presses for harbour deal",
        "Foreign Minister Amara Okonjo said on Monday that talks on the harbour would resume. "
        '"We are close to a deal," Okonjo told reporters in Lagos.',
    ),
    "a2.txt": (
        "Harbour deal within reach",
        'Minister Okonjo said on Tuesday that a harbour deal was within reach. "The last questions on '
        'the harbour are technical," she said.',
    ),
    "a3.txt": (
        "Dock strike goes on",
        "Union leader Tomas Brandt said the dock strike would go on until wages rose.",
    ),
    "a4.txt": (
        "Port authority answers",
        "Port director Lena Brandt said the authority had made its final offer on wages.",
    ),
    "a5.txt": ("Strike vote", "Mr Brandt said the members would vote on the offer on Friday."),
    "a6.txt": ("Union ballot", "The Harbour Workers Union said its members would vote on Friday."),
    "a7.txt": ("Union ballot result", "The HWU said its members had rejected the offer by a wide margin."),
}


def write(folder, articles):
    folder.mkdir(parents=True, exist_ok=True)
    for name, (headline, body) in articles.items():
        (folder / name).write_text(f"{headline}\n\n{body}\n", encoding="utf-8")
    return folder


@pytest.fixture()
def merged(tmp_path, engine):
    corpus = write(tmp_path / "corpus", ARTICLES)
    index = tmp_path / "index"
    newsearch.create_index(index, engine=engine).add([corpus])
    with newsearch.open_index(index) as ix:
        yield ix, corpus


def counts(ix, facet, **filters):
    res = ix.search("*", facets=[facet], facet_top=None, limit=0, **filters)
    return {fv.value: fv.count for fv in res.facets[facet]}


def ids(ix, text="*", **filters):
    return sorted(h.id for h in ix.search(text, limit=100, **filters).hits)


def test_the_stored_values_differ(merged):
    ix, _ = merged
    assert ix.get("a1.txt").speakers == ("Amara Okonjo",) and ix.get("a2.txt").speakers == ("Okonjo",)


def test_a_short_form_of_one_name_counts_as_that_name_in_every_facet(merged):
    ix, _ = merged
    speakers = counts(ix, "speakers")
    assert speakers["Amara Okonjo"] == 2 and "Okonjo" not in speakers
    assert counts(ix, "parties")["Amara Okonjo"] == 2
    assert counts(ix, "parties:person")["Amara Okonjo"] == 2
    assert counts(ix, "parties:organisation")["Harbour Workers Union"] == 2 and "HWU" not in speakers
    assert ix.facet_values("speakers", top=None)[0] == newsearch.FacetValue("Amara Okonjo", 2)


def test_an_ambiguous_short_form_stays(merged):
    ix, _ = merged
    speakers = counts(ix, "speakers")
    assert speakers["Brandt"] == 1 and speakers["Tomas Brandt"] == 1 and speakers["Lena Brandt"] == 1
    assert ids(ix, speakers=["Tomas Brandt"]) == ["a3.txt"]


def test_filters_match_what_the_facet_counts(merged):
    ix, _ = merged
    assert ids(ix, speakers=["Amara Okonjo"]) == ["a1.txt", "a2.txt"]
    assert ids(ix, 'speaker:"Amara Okonjo"') == ["a1.txt", "a2.txt"]
    assert ids(ix, parties=["Harbour Workers Union"]) == ["a6.txt", "a7.txt"]
    assert ids(ix, "party:HWU") == ["a6.txt", "a7.txt"]
    assert ids(ix, "harbour", speakers=["Okonjo"]) == ["a1.txt", "a2.txt"]
    # Drilling down on a facet value finds as many articles as the facet counted, and it counts itself.
    for value, count in counts(ix, "speakers").items():
        res = ix.search("*", speakers=[value], facets=["speakers"], facet_top=None, limit=0)
        assert res.total >= count
        assert {fv.value: fv.count for fv in res.facets["speakers"]}[value] == count


def test_quotes_count_merged_speakers_and_filter_through_merges(merged):
    ix, _ = merged
    res = ix.quotes("harbour")
    assert {h.speaker for h in res.hits} == {"Okonjo"}  # the quote keeps its article's own name
    assert [(fv.value, fv.count) for fv in res.speakers] == [("Amara Okonjo", 1)]
    assert ix.quotes(speaker="Amara Okonjo").total == 2


def test_merges_follow_the_index_after_a_commit(merged, tmp_path):
    ix, corpus = merged
    write(corpus, {"a8.txt": ("Trade envoy", "Trade envoy Kofi Okonjo said the port tariffs would fall.")})
    ix.add([corpus])
    speakers = counts(ix, "speakers")
    assert speakers["Okonjo"] == 1 and speakers["Amara Okonjo"] == 1 and speakers["Kofi Okonjo"] == 1
    assert ids(ix, speakers=["Amara Okonjo"]) == ["a1.txt"]
    [form] = [a for a in ix.suggest_aliases().ambiguous if a.short == "Okonjo"]
    assert {c.value for c in form.candidates} == {"Amara Okonjo", "Kofi Okonjo"}


def test_suggest_aliases_api(merged):
    ix, _ = merged
    found = ix.suggest_aliases()
    merges = {(s.short, s.target, s.reason, s.short_count, s.target_count) for s in found.merges}
    assert ("Okonjo", "Amara Okonjo", "short form", 1, 1) in merges
    assert ("HWU", "Harbour Workers Union", "initials", 1, 1) in merges
    [brandt] = [a for a in found.ambiguous if a.short == "Brandt"]
    assert [c.value for c in brandt.candidates] == ["Lena Brandt", "Tomas Brandt"]
    assert ix.suggest_aliases(min_count=2).merges == ()
    with pytest.raises(ValueError):
        ix.suggest_aliases(min_count=0)


def test_aliases_suggest_cli_writes_a_file_that_indexes(merged, runner, tmp_path):
    ix, corpus = merged
    args = ["aliases", "suggest", "--index", str(ix.path)]
    text = runner.invoke(cli, args)
    assert text.exit_code == 0, text.output
    assert "Okonjo (1) → Amara Okonjo (1)  short form, person" in text.stdout
    assert "Brandt (1, person): Lena Brandt (1), Tomas Brandt (1)" in text.stdout
    data = json.loads(runner.invoke(cli, [*args, "--json"]).stdout)
    assert data["kind"] == "aliases" and {m["short"] for m in data["merges"]} >= {"Okonjo", "HWU"}
    out = tmp_path / "suggested.toml"
    wrote = runner.invoke(cli, [*args, "--output", str(out)])
    assert wrote.exit_code == 0 and "wrote" in wrote.stderr
    table = load_aliases(out)
    assert table.canonical("Okonjo") == "Amara Okonjo" and table.canonical("Brandt") is None
    assert runner.invoke(cli, [*args, "--output", "-"]).stdout == out.read_text(encoding="utf-8")
    # Indexed with the reviewed file, the short form is stored under the full name.
    ix.add([corpus], aliases=out)
    assert ix.get("a2.txt").speakers == ("Amara Okonjo",)
    assert runner.invoke(cli, [*args, "--min-count", "0"]).exit_code == 2


def test_quotes_facet_speaker_cli(merged, runner):
    ix, _ = merged
    args = ["quotes", "harbour", "--index", str(ix.path)]
    out = runner.invoke(cli, [*args, "--facet", "speaker"])
    assert out.exit_code == 0, out.output
    assert out.stdout.rstrip().endswith("speakers:\n  1  Amara Okonjo")
    assert "speakers:" not in runner.invoke(cli, args).stdout
    data = json.loads(runner.invoke(cli, [*args, "-f", "speakers", "--json", "--top", "0"]).stdout)
    assert data["speakers"] == [{"value": "Amara Okonjo", "count": 1}]
    assert runner.invoke(cli, [*args, "--facet", "speaker", "--format", "csv"]).exit_code == 2
    assert runner.invoke(cli, [*args, "--facet", "party"]).exit_code == 2


def test_show_says_why_someone_is_a_speaker(merged, runner):
    ix, _ = merged
    article = ix.get("a2.txt")
    rules = {(e.facet, e.name, e.rule) for e in article.evidence}
    assert ("speakers", "Okonjo", "name-verb") in rules
    assert ("quotes", "Okonjo", "pronoun") in rules  # "..., she said"
    assert ("parties", "Okonjo", "person-run") in rules  # "Minister Okonjo": a title before a name
    text = runner.invoke(cli, ["show", "a2.txt", "--index", str(ix.path)]).stdout
    assert "technical,”  [pronoun “said”]" in text
    assert "  - Okonjo: name-verb “said”, a name before a speech verb" in text
    data = json.loads(runner.invoke(cli, ["show", "a2.txt", "--json", "--index", str(ix.path)]).stdout)
    assert {"facet": "speakers", "name": "Okonjo", "rule": "name-verb", "cue": "said", "position": 0} in data[
        "evidence"
    ]


def test_the_writer_keeps_the_merges_for_readers(merged, monkeypatch):
    from newsearch import search

    ix, _ = merged
    saved = json.loads((ix.path / search.MERGES_FILE).read_text(encoding="utf-8"))
    assert ["Okonjo", "person", 1, "Amara Okonjo", 1, "short form"] in saved["merges"]

    def not_again(*args, **kwargs):
        raise AssertionError("merges worked out again though the index keeps them")

    with monkeypatch.context() as patch:
        patch.setattr(search.MergedNames, "of", not_again)
        with newsearch.open_index(ix.path) as again:
            assert counts(again, "speakers")["Amara Okonjo"] == 2
    # Saved merges of another commit are not used: they are worked out from the index instead.
    saved["generation"] = -1
    saved["merges"] = []
    (ix.path / search.MERGES_FILE).write_text(json.dumps(saved), encoding="utf-8")
    with newsearch.open_index(ix.path) as again:
        assert counts(again, "speakers")["Amara Okonjo"] == 2


def _saved_and_worked_out(path):
    from newsearch import search

    saved = json.loads((path / search.MERGES_FILE).read_text(encoding="utf-8"))
    with newsearch.open_index(path) as ix:
        reader = ix._searcher.reader()
        fresh = search.MergedNames.of(reader, ix._searcher._aliases).to_json(
            reader.generation, ix._searcher._merges_key()
        )
    return saved, fresh


def test_a_first_run_saves_the_merges_from_what_it_wrote(tmp_path, engine, monkeypatch):
    """A run on an empty index works the merges out from the values it wrote, not from every stored
    document read back; they equal the ones worked out from the index. Later runs (updates, deletes) read
    the index."""
    import shutil
    from pathlib import Path

    from newsearch import search

    corpus = write(tmp_path / "corpus", ARTICLES)
    shutil.copytree(Path(__file__).resolve().parent.parent / "corpus", corpus / "project")
    index = tmp_path / "index"

    def not_read(reader):
        raise AssertionError("the stored documents were read back for the merges")

    with monkeypatch.context() as patch:
        patch.setattr(search, "name_rows", not_read)
        newsearch.create_index(index, engine=engine).add([corpus])
    saved, fresh = _saved_and_worked_out(index)
    assert saved == fresh
    assert ("Okonjo", "Amara Okonjo") in {(m[0], m[3]) for m in saved["merges"]}
    assert len(saved["rows"]) > 20

    (corpus / "a2.txt").unlink()
    (corpus / "a1.txt").write_text("Okonjo out\n\nAmara Okonjo said she would step down.\n", encoding="utf-8")
    read = []
    rows = search.name_rows
    with monkeypatch.context() as patch:
        patch.setattr(search, "name_rows", lambda reader: read.append(1) or rows(reader))
        with newsearch.open_index(index) as ix:
            ix.add([corpus])
    assert read, "an update run must read the index's names back"
    saved, fresh = _saved_and_worked_out(index)
    assert saved == fresh
