"""Who a direct quote belongs to (issue 10, round 10z): constructions where the quote's own speaker stands
right beside it but was passed over. Texts are our own."""

from __future__ import annotations

import pytest

from newsearch.extract import extract
from newsearch.models import Article


def _speakers(body: str) -> list[tuple[str, str | None]]:
    return [(q.text, q.speaker) for q in extract(Article(id="t", headline="", body=body)).quotes]


_QUESTION = [
    pytest.param(
        'The pier has been shut since March. "Why would anyone wait another year for a repair?" Ivo Marsh '
        'asked the harbour council. "The boats are already leaving."',
        "Why would anyone wait another year for a repair?",
        "Ivo Marsh",
        id="a_question_then_the_asker_and_a_listener",
    ),
    pytest.param(
        'Fares went up again. "What a disgrace this whole thing is!" Eva Lind told reporters on Monday.',
        "What a disgrace this whole thing is!",
        "Eva Lind",
        id="an_exclamation_then_told_and_a_time",
    ),
    pytest.param(
        'The mayor stayed silent. "Is anyone in charge of this budget?" Tomas Brandt asked quietly, shaking his head.',
        "Is anyone in charge of this budget?",
        "Tomas Brandt",
        id="a_question_then_a_participle_after_the_verb",
    ),
    pytest.param(
        'The vote was close. "This is the story the board keeps telling itself," Tomas Brandt said: the '
        "ferry has never paid its way.",
        "This is the story the board keeps telling itself,",
        "Tomas Brandt",
        id="a_quote_ending_in_a_comma_runs_into_its_attribution_before_a_colon",
    ),
    pytest.param(
        'Nobody knew the cost. "Who is going to pay for all of this?" Eva Lind said the council would decide '
        "later.",
        "Who is going to pay for all of this?",
        None,
        id="must_not_a_question_before_a_clause_of_the_next_speakers_own",
    ),
    pytest.param(
        'The meeting ran late. "Does the timetable work for anyone?" Anna Berg said, "Not for me."',
        "Does the timetable work for anyone?",
        None,
        id="must_not_a_question_before_a_verb_that_opens_its_own_quote",
    ),
]


_ISSUED = [
    pytest.param(
        'The festival was called off. The Harbour Trust issued a statement saying the quay was "not safe for '
        'crowds of this size at all." Nobody disagreed.',
        "not safe for crowds of this size at all.",
        "Harbour Trust",
        id="an_organisation_issued_a_statement_saying",
    ),
    pytest.param(
        'After the vote, Eva Lind released a statement describing the deal as "a fair price for everyone on '
        'the island."',
        "a fair price for everyone on the island.",
        "Eva Lind",
        id="a_person_released_a_statement_describing",
    ),
    pytest.param(
        'Tomas Brandt put out a statement calling the closure "a blow to every family on the coast."',
        "a blow to every family on the coast.",
        "Tomas Brandt",
        id="put_out_a_statement_calling",
    ),
]


_SUBJECT = [
    pytest.param(
        'Ever since she backed Eva Lind in March, Anna Berg has carried one message to voters: "Keep the ferry '
        'running for all of us."',
        "Keep the ferry running for all of us.",
        "Anna Berg",
        id="the_name_after_an_opening_clause_not_the_one_inside_it",
    ),
    pytest.param(
        'As she walked into the Harbour Hall on Friday, Eva Lind told the waiting crowd: "Nothing is decided '
        'yet, not even the date."',
        "Nothing is decided yet, not even the date.",
        "Eva Lind",
        id="a_place_in_the_opening_clause_is_not_the_speaker",
    ),
    pytest.param(
        'Anna Berg spoke at the rally. She has declared Tomas Brandt to be "chosen" and "a man who was raised '
        'for this very moment" by the voters.',
        "a man who was raised for this very moment",
        None,
        id="no_speaker_for_the_object_of_a_sentence_opened_by_she",
    ),
    pytest.param(
        "Anna Berg spoke at the rally. She was defending the harbour board against attacks from candidate "
        'Tomas Brandt, but admitted "one or two small mistakes" were made.',
        "one or two small mistakes",
        None,
        id="no_speaker_for_a_name_after_a_preposition_in_a_sentence_opened_by_she",
    ),
    pytest.param(
        'Last month, when I asked Eva Lind about the pier, she looked at me and said, "We will fix it this '
        'year."',
        "We will fix it this year.",
        "Eva Lind",
        id="an_opening_clause_followed_by_a_pronoun_keeps_its_name",
    ),
]


_GOES_ON = [
    pytest.param(
        'On the stump, Anna Berg describes the harbour plan as "a road straight through the middle of the '
        'town," and Tomas Brandt talks about what a new pier could bring.',
        "a road straight through the middle of the town,",
        "Anna Berg",
        id="the_sentence_goes_on_with_and_another_speaker",
    ),
    pytest.param(
        'Anna Berg said the port would "keep the night ferry running all year," and Tomas Brandt said the same '
        "of the buses.",
        "keep the night ferry running all year,",
        "Anna Berg",
        id="a_partial_quote_in_the_first_speakers_words",
    ),
    pytest.param(
        '"We will keep the pier open all winter long," Anna Berg said, and Tomas Brandt agreed.',
        "We will keep the pier open all winter long,",
        "Anna Berg",
        id="a_quote_before_its_attribution_keeps_it",
    ),
]


@pytest.mark.parametrize(
    ("body", "quote", "speaker"),
    # a question or exclamation belongs to the one named after it; the words of a statement are its issuer's;
    # the subject a quote falls back to is the main clause's; a quote inside a speaker's sentence is not the
    # next clause's
    _QUESTION + _ISSUED + _SUBJECT + _GOES_ON,
)
def test_the_quote_goes_to_the_speaker_beside_it(body: str, quote: str, speaker: str | None) -> None:
    assert (quote, speaker) in _speakers(body)


def test_issued_the_following_statement_speaks_for_the_quote_under_it() -> None:
    body = (
        "The storm closed the coast road.\n\nIn response, Harbour Trust chair Anna Berg issued the following "
        'statement:\n\n"Our thoughts are with all those affected by the storm tonight."'
    )
    assert ("Our thoughts are with all those affected by the storm tonight.", "Anna Berg") in _speakers(body)


@pytest.mark.parametrize(
    "body",
    [
        "Calls rose all week. Anna Berg Jr., the director of the Harbour Authority, said the radio was to blame.",
        "Calls rose all week. Anna Berg Jr., who runs the port, said the radio was to blame.",
        'Calls rose. "Radio works as a way to sell soap, and as a way to spread panic," Anna Berg Jr., the '
        "director of the Harbour Authority, said on Monday.",
    ],
)
def test_a_generational_suffix_before_an_appositive_keeps_the_speaker(body: str) -> None:
    ex = extract(Article(id="t", headline="", body=body))
    assert ex.speakers == ("Anna Berg Jr.",)
    assert all(q.speaker == "Anna Berg Jr." for q in ex.quotes)


def test_shot_back_is_a_verb_of_saying() -> None:
    body = 'The row went on. "The ferry was never late under my watch, not once," Anna Berg shot back with a laugh.'
    assert ("The ferry was never late under my watch, not once,", "Anna Berg") in _speakers(body)


def test_a_country_before_a_party_members_word_is_a_person_from_there_not_the_country() -> None:
    ex = extract(
        Article(
            id="t",
            headline="",
            body='Senator Sam Nunn spoke first. Asked about the vote, the Georgia Democrat said: "I would not '
            'bet any money on it at all."',
        )
    )
    assert "Georgia" not in ex.speakers
    assert [q.speaker for q in ex.quotes] == [None]
