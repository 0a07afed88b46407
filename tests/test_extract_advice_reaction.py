"""Two verbs that report only with their words: "advised/reminded X to ..." (the advice is what is
reported) and "reacted" straight before a quote or a colon (issue 10). Texts are our own."""

from __future__ import annotations

import pytest

from newsearch.extract import extract
from newsearch.models import Article


def speakers(body: str) -> list[str]:
    return list(extract(Article(id="t", headline="", body=body)).speakers)


@pytest.mark.parametrize(
    "body",
    [
        "Rina Marsh advised residents to stay indoors.",
        "The mayor of Dawson, Rina Marsh, advised residents of her town to stay indoors.",
        "Rina Marsh reminded voters to bring their cards.",
        'Rina Marsh reacted on Twitter, "A sad day for every drummer."',
        'Rina Marsh reacted: "We are shocked."',
    ],
)
def test_advice_or_a_reaction_with_its_words_is_speech(body: str) -> None:
    assert speakers(body) == ["Rina Marsh"]


@pytest.mark.parametrize(
    "body",
    [
        "The Kestrel Bank advised the harbour board on the sale.",  # a deal advised on, nothing said
        "Rina Marsh advised the company for years.",
        "Rina Marsh would advise residents to stay indoors if the storm came.",  # not said yet
        "Rina Marsh reacted angrily to the ruling.",
        "Rina Marsh reacted badly to the news that she had lost.",  # the news's clause, not hers
        "The Harbour Union met on Monday. It is unclear how the union reacts to the call.",
    ],
)
def test_advice_or_a_reaction_without_words_is_no_speech(body: str) -> None:
    assert speakers(body) == []
