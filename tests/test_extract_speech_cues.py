"""Speech cues other than a plain "said"/"told" (issue 10, round 10l): phrases of saying used as a
participle, present-tense verbs after a quote. Texts are our own."""

from __future__ import annotations

import pytest

from newsearch.extract import extract
from newsearch.models import Article, Extraction


def _extract(body: str) -> Extraction:
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
        "Anna Berg changed her vote on the spot – saying she would now back the harbour plan.",
        ("Anna Berg",),
        id="a_dash_for_the_comma_before_a_participle",
    ),
    pytest.param(
        "In Kingsmouth, Harbour Ltd -- responding to a letter from the union that it had ignored -- agreed to talk.",
        (),
        id="a_dash_participle_must_not_open_an_aside_closed_by_a_second_dash",
    ),
    pytest.param(
        "After Anna Berg left the hall, the crowd cheered, calling for an encore.",
        (),
        id="a_phrase_participle_must_not_reach_into_an_opening_clause",
    ),
    # "publish a report" reports like "issue a report".
    pytest.param(
        "Last spring the Harbour Board published a report blaming the storms for the losses.",
        ("Harbour Board",),
        id="published_a_report_like_issued_a_report",
    ),
    # A light verb and a speech noun may have one or two words between them ("*" in verbs.txt).
    pytest.param(
        "Tomas Brandt issued a defiant statement on Monday about the harbour fees.",
        ("Tomas Brandt",),
        id="a_modifier_inside_a_phrase_of_saying_issued_a_defiant_statement",
    ),
    pytest.param(
        "The Harbour Board has made these same allegations against the union before.",
        ("Harbour Board",),
        id="a_modifier_inside_a_phrase_of_saying_after_has_made",
    ),
    pytest.param(
        "Eva Lind unleashed withering attacks against the council in the debate.",
        ("Eva Lind",),
        id="unleashed_attacks",
    ),
    pytest.param(
        "Eva Lind made no comments about the fees at the meeting.",
        (),
        id="a_modifier_slot_must_not_take_a_negation",
    ),
    # "went so far as to" before a verb of saying, like "went on to".
    pytest.param(
        "The columnist Eva Lind went so far as to say the pier was finished.",
        ("Eva Lind",),
        id="went_so_far_as_to_say",
    ),
    # Feature writing reports in the present tense: a verb straight after a quote inverts like "said".
    pytest.param(
        'Tomas Brandt spoke first. "The pier will not last another winter," warns Eva Lind. The board met.',
        ("Eva Lind",),
        id="a_present_tense_verb_after_a_quote_warns",
    ),
    pytest.param(
        '"A map is something you write on," explains Anna Berg of the Harbour Board.',
        ("Anna Berg",),
        id="a_present_tense_verb_after_a_quote_explains",
    ),
    pytest.param(
        "Ferry traffic will halve within a decade, predicts Eva Lind, an engineer at the Harbour Board.",
        ("Eva Lind",),
        id="a_present_tense_verb_after_a_comma_inverts_like_said",
    ),
    pytest.param(
        "Anna Berg, a lawyer, warns Tomas Brandt about the fees.",
        ("Anna Berg",),
        id="a_present_tense_verb_with_its_own_subject_must_not_invert_after_an_appositive",
    ),
    pytest.param(
        "Tomas Brandt argues Eva Lind was wrong about the fees.",
        ("Tomas Brandt",),
        id="a_present_tense_verb_must_not_invert_without_a_quote",
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


def test_a_present_tense_verb_after_a_quote_names_its_speaker() -> None:
    body = (
        'Anna Berg opened the meeting. "The fees pay for the repairs," she said.\n\n'
        '"Nobody has shown us the accounts," insists Tomas Brandt.'
    )
    assert [q.speaker for q in _extract(body).quotes] == ["Anna Berg", "Tomas Brandt"]
