"""Speech cues other than a plain "said"/"told" (issue 10, round 10l): phrases of saying used as a
participle, present-tense verbs after a quote. Texts are our own."""

from __future__ import annotations

import pytest

from newsearch.extract import extract
from newsearch.models import Article


def _extract(body: str):  # type: ignore[no-untyped-def]
    return extract(Article(id="t", headline="", body=body))


_CUES = [
    # A phrase of saying after a comma goes on from the sentence's subject, like a one-word participle
    # ("..., citing"): its particle or noun is the speech, no reported words need follow.
    pytest.param(
        "Anna Berg closed the harbour office on Friday, calling for an inquiry into the repairs.",
        ("Anna Berg",),
        id="a_phrase_participle_calling_for",
    ),
    pytest.param(
        "The Harbour Board kept the fees unchanged, pointing out that the pier had been repaired.",
        ("Harbour Board",),
        id="a_phrase_participle_pointing_out",
    ),
    pytest.param(
        "Tomas Brandt showed no sign of giving way, releasing a statement that blamed the council.",
        ("Tomas Brandt",),
        id="a_phrase_participle_releasing_a_statement",
    ),
    pytest.param(
        "Eva Lind joined the campaign this week, publishing an op-ed in the Courier against the plan.",
        ("Eva Lind",),
        id="a_phrase_participle_publishing_an_op_ed",
    ),
    pytest.param(
        "Eva Lind won the seat by calling for lower ferry fares.",
        ("Eva Lind",),
        id="a_phrase_participle_after_by",
    ),
    pytest.param(
        "After Anna Berg left the hall, the crowd cheered, calling for an encore.",
        (),
        id="a_phrase_participle_must_not_reach_into_an_opening_clause",
    ),
    pytest.param(
        "Tomas Brandt walked along the pier, pointing the way to the ferry.",
        (),
        id="a_phrase_participle_must_not_match_another_phrase",
    ),
]


@pytest.mark.parametrize(("body", "expected"), _CUES)
def test_speech_cues(body: str, expected: tuple[str, ...]) -> None:
    assert _extract(body).speakers == expected
