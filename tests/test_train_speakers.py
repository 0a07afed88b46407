"""benchmarks/train_speakers.py, the speaker-scorer experiment of issue 10: its candidates are the extractor's
own speakers plus wider ones, its features are general (never a word of the name or the article), and reading
the extractor's working values leaves the extractor as it was. Texts are our own."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))

import train_speakers as ts
from newsearch.extract import extract
from newsearch.models import Article

BODY = (
    '"The harbour will stay open all winter," Anna Berg said on Monday. '
    "Officials at the port authority said Maria Holm had signed the order. "
    'Tomas Lund, who chairs the board, added: "We expect no delays at all this year."\n\n'
    'He said: "Nothing will change for the ferries, whatever the council decides."'
)
GENERAL = re.compile(r"^(?:(?:rule|cue|quote|kind|gender|near-verb):)?[a-z-]+$")


def art(body: str = BODY) -> Article:
    return Article(id="t", headline="", body=body)


def test_the_rules_candidates_are_the_extractors_speakers() -> None:
    ex, cands = ts.candidates(art(), "ruled")
    assert ex == extract(art())
    assert (
        {name for name, f in cands if "no-event" not in f} == set(ex.speakers) == {"Anna Berg", "Tomas Lund"}
    )
    features = dict(cands)
    assert features["Anna Berg"]["rule:name-verb"] == 1.0
    assert features["Tomas Lund"]["rule:pronoun"] == 1.0  # "He said" resolved to him
    assert "Maria Holm" not in features


def test_the_widest_variant_adds_names_near_a_speech_verb() -> None:
    _, cands = ts.candidates(art(), "near-candidates")
    features = dict(cands)
    assert features["Maria Holm"]["near-only"] == 1.0
    assert features["Maria Holm"]["near-after"] == 1.0  # the verb stands before the name
    assert "near" in features["Anna Berg"] and "near-only" not in features["Anna Berg"]


@pytest.mark.parametrize("variant", ts.VARIANTS)
def test_features_are_general(variant: str) -> None:
    _, cands = ts.candidates(art(), variant)
    names = {w.lower() for w in re.findall(r"[A-Z]\w+", BODY)}  # every capitalised word of the text
    for _, features in cands:
        assert all(GENERAL.match(name) for name in features), sorted(features)
        assert not {w for name in features for w in re.findall(r"[a-z]+", name)} & names


def test_reading_the_extractor_leaves_it_as_it_was() -> None:
    extractor = ts.X  # the installed module, or its source as a module where the installed one is compiled
    before = {name: getattr(extractor, name) for name in ("_events", "_attribute", "_partial_quotes")}
    scan = extractor._Article.scan
    ts.extract_seen(art())
    with pytest.raises(AttributeError):
        ts.extract_seen(None)  # type: ignore[arg-type]
    assert {name: getattr(extractor, name) for name in before} == before
    assert extractor._Article.scan is scan


def test_scores_and_intervals() -> None:
    cs = [(2, 1, 2, 3), (1, 0, 1, 1)]
    assert ts.prf(cs) == pytest.approx((0.75, 0.75, 0.75))
    assert ts.bootstrap(cs, cs, rounds=50) == {"P": [0.0, 0.0], "R": [0.0, 0.0], "F1": [0.0, 0.0]}
    assert ts.article_folds(10) == ts.article_folds(10)
    assert sorted(i for fold in ts.article_folds(10) for i in fold) == list(range(10))


def test_training_is_deterministic() -> None:
    pytest.importorskip("sklearn")
    rows = [
        {"cands": [("a", {"rule:x": 1.0, "events": float(i % 3)}, i % 2), ("b", {"rule:y": 1.0}, 0)]}
        for i in range(20)
    ]
    folds = ts.article_folds(len(rows))
    assert ts.cross_val(rows, folds, 1.0) == ts.cross_val(rows, folds, 1.0)
