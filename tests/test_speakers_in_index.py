"""Speakers, parties and quotes through the index: facet fields, alias files, quote search, CLI."""

from __future__ import annotations

import json
from collections import Counter

import pytest

import newsearch
from newsearch.cli import cli

TALKS = "ceasefire/talks.txt"


def test_stored_article_carries_speakers_parties_and_quotes(ix):
    article = ix.get(TALKS)
    assert "Amara Okonjo" in article.speakers
    kinds = {p.name: p.kind for p in article.parties}
    assert kinds.get("Amara Okonjo") == "person" and kinds.get("Qatar") == "country"
    assert "United States" in kinds
    (quote,) = [q for q in article.quotes if "closer than we have been" in q.text]
    assert quote.speaker == "Amara Okonjo"
    assert article.body[quote.position : quote.position + len(quote.text)] == quote.text


def test_speaker_and_party_queries_match_short_forms_and_aliases(ix):
    assert [h.id for h in ix.search("speaker:Okonjo").hits] == [TALKS]
    assert [h.id for h in ix.search('speaker:"amara okonjo"').hits] == [TALKS]
    assert TALKS in [h.id for h in ix.search("party:US").hits]
    assert TALKS in [h.id for h in ix.search('party:"United States"').hits]
    assert ix.search("speaker:Nobody").total == 0
    assert ix.search("prisoner speaker:Nobody").total == 0  # a filter that matches nothing empties the result


def test_hit_lists_speakers(ix):
    hit = ix.search("prisoner exchange").hits[0]
    assert hit.id == TALKS and "Amara Okonjo" in hit.speakers and "Qatar" in {p.name for p in hit.parties}


def test_quotes_api(ix):
    res = ix.quotes("closer")
    assert res.total == 1 and res.hits[0].speaker == "Amara Okonjo" and res.hits[0].article_id == TALKS
    assert ix.quotes("closer", speaker="Brandt").total == 0
    by_speaker = ix.quotes(speaker="Okonjo")
    assert by_speaker.total >= 1 and all(h.speaker == "Amara Okonjo" for h in by_speaker.hits)
    assert ix.quotes('"closer months"').total == 1 and ix.quotes('"months closer"').total == 0
    with pytest.raises(ValueError):
        ix.quotes()


def test_quotes_cli(runner, built):
    result = runner.invoke(cli, ["quotes", "patient", "--index", str(built[1])])
    assert result.exit_code == 0 and "Tomas Brandt" in result.stdout
    data = json.loads(
        runner.invoke(cli, ["quotes", "--speaker", "Brandt", "--json", "--index", str(built[1])]).stdout
    )
    assert data["total"] == 1 and data["hits"][0]["speaker"] == "Tomas Brandt"
    assert runner.invoke(cli, ["quotes", "--index", str(built[1])]).exit_code == 2


def test_show_prints_speakers_parties_and_quotes(runner, built):
    out = runner.invoke(cli, ["show", TALKS, "--index", str(built[1])]).stdout
    assert "speakers: Amara Okonjo" in out and "Qatar (country)" in out and "Quotes:" in out


ALIASES = """
[aliases]
"Sarvanian Foreign Ministry" = ["Okonjo"]
[kinds]
"Harbour Courier" = "outlet"
"""


def test_alias_file_beside_the_corpus_and_re_extraction_when_it_changes(corpus_dir, tmp_path, engine):
    with newsearch.create_index(tmp_path / "ix", engine=engine) as ix:
        ix.add([corpus_dir])
        assert ix.search("speaker:Okonjo").total == 1
        (corpus_dir / "newsearch-aliases.toml").write_text(
            '[aliases]\n"Amara Okonjo" = ["Minister Okonjo"]\n'
        )
        report = ix.add([corpus_dir])
        assert report.updated == 7 and report.unchanged == 0  # a new alias table re-extracts everything
        assert ix.add([corpus_dir]).unchanged == 7
        assert (tmp_path / "ix" / "aliases.toml").exists()


def test_explicit_alias_file_and_a_bad_one(corpus_dir, tmp_path, runner):
    good = tmp_path / "good.toml"
    good.write_text(ALIASES)
    bad = tmp_path / "bad.toml"
    bad.write_text("[aliases\n")
    result = runner.invoke(
        cli, ["index", str(corpus_dir), "--index", str(tmp_path / "ix"), "--aliases", str(bad)]
    )
    assert result.exit_code == 1 and "bad.toml" in result.stderr and "Traceback" not in result.output
    result = runner.invoke(
        cli, ["index", str(corpus_dir), "--index", str(tmp_path / "ix"), "--aliases", str(good)]
    )
    assert result.exit_code == 0
    with newsearch.open_index(tmp_path / "ix") as ix:
        assert ix.search('speaker:"Sarvanian Foreign Ministry"').total == 1


def test_quote_totals_and_speaker_counts_are_exact_past_a_thousand_articles(tmp_path, engine):
    """Every candidate article's quotes are read: no bound on totals or speaker counts (it was 1,000)."""
    speakers = ("Mayor Ana Ruiz", "Minister Tomas Brandt", "Governor Ines Duarte")
    rows = []
    for n in range(1050):
        who = speakers[0] if n % 6 < 3 else speakers[1] if n % 6 < 5 else speakers[2]
        quote = f"We will rebuild the harbour by spring {n}" if n % 10 else f"The budget is tight, year {n}"
        rows.append({"id": f"q{n}", "title": f"Harbour update {n}", "text": f'"{quote}," {who} said.'})
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "q.jsonl").write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    ix = newsearch.create_index(tmp_path / "ix", engine=engine)
    ix.add([corpus], workers=1)
    quoted = [(q.speaker, q.text) for hit in ix.iter_hits("*", collapse=False) for q in ix.get(hit.id).quotes]
    assert len(quoted) == 1050  # the truth, article by article
    by_ruiz = ix.quotes(speaker="Ruiz", limit=None)
    assert by_ruiz.total == len(by_ruiz.hits) == sum(1 for who, _ in quoted if who == "Ana Ruiz") == 525
    harbour = ix.quotes("harbour", limit=3)
    assert harbour.total == 945 and len(harbour.hits) == 3 and not harbour.notices  # not the budget quotes
    expected = Counter(who for who, text in quoted if "harbour" in text)
    assert {v.value: v.count for v in harbour.speakers} == dict(expected) and len(expected) == 3


REPORTED = """\
Date: 2026-02-02
Source: Valley Gazette

Harbour pilots vote to end strike
The pilots return on Friday after a month away.
Union leader Marta Kessel said that the pilots would go back to the harbour "proud and paid" on Friday.
"We won what we asked for at this harbour, and more," Kessel told reporters at the gate.
"""


def test_quotes_say_which_are_own_words_and_which_reported_speech(tmp_path, engine, runner):
    # Reported speech around a partial quote ('said that ... "proud and paid" ...') is the article's wording:
    # a fact-checker must never see it in quotation marks as the speaker's own.
    (tmp_path / "corpus").mkdir()
    (tmp_path / "corpus" / "pilots.txt").write_text(REPORTED)
    folder = tmp_path / "ix"
    with newsearch.create_index(folder, engine=engine) as ix:
        ix.add([tmp_path / "corpus"])
        every = ix.quotes("harbour")
        flags = {h.direct: h for h in every.hits}
        assert set(flags) == {True, False} and every.total == 2
        assert (
            flags[True].text.startswith("We won what we asked for") and flags[True].speaker == "Marta Kessel"
        )
        assert (
            flags[False].text.startswith("the pilots would go back")
            and flags[False].speaker == "Marta Kessel"
        )
        own = ix.quotes("harbour", direct_only=True)
        assert [h.direct for h in own.hits] == [True] and own.total == 1
        assert [(v.value, v.count) for v in own.speakers] == [("Marta Kessel", 1)]

    shown = runner.invoke(cli, ["quotes", "harbour", "--index", str(folder)])
    assert shown.exit_code == 0, shown.output
    assert "\u201cWe won what we asked for" in shown.stdout
    reported = next(line for line in shown.stdout.splitlines() if "pilots would go back" in line)
    assert reported.startswith("reported: ") and "\u201c" not in reported
    only = runner.invoke(cli, ["quotes", "harbour", "--direct-only", "--index", str(folder), "--json"])
    assert [h["direct"] for h in json.loads(only.stdout)["hits"]] == [True]
    article = runner.invoke(cli, ["show", "pilots.txt", "--index", str(folder)]).stdout
    assert "Marta Kessel: reported: the pilots would go back" in article
    assert "Marta Kessel: \u201cWe won what we asked for" in article
    rows = runner.invoke(cli, ["quotes", "harbour", "--format", "csv", "--index", str(folder)])
    header, *lines = rows.stdout.splitlines()
    assert "direct" in header.split(",") and len(lines) == 2
