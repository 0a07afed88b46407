"""Speakers of constructions that recur across publishers (issue 10, round 10y): the subject of an absolute
clause ("..., with X calling ..."), a verb of saying after the occasion or outlet it was said on ("X used
the speech to warn ...", "X went on the News Hour to defend ..."), and the owner of a statement or report
that says something ("a Harbour Council statement said ..."). Texts are our own."""

from __future__ import annotations

import pytest

from newsearch.extract import extract
from newsearch.models import Article


def _extract(body: str):
    return extract(Article(id="t", headline="", body=body))


_WITH = [
    pytest.param(
        "The toll plan drew fire from all sides, with Mayor Ivo Marsh calling it a tax on commuters.",
        ("Ivo Marsh",),
        id="with_a_titled_person_calling",
    ),
    pytest.param(
        "Talks broke down on Friday, with the Kingsmouth Dockers Union saying the offer was an insult.",
        ("Kingsmouth Dockers Union",),
        id="with_an_organisation_saying",
    ),
    pytest.param(
        "With Eva Lind and Tomas Brandt accusing each other of lying, the debate ended early.",
        ("Eva Lind", "Tomas Brandt"),
        id="with_two_names_opening_the_sentence",
    ),
    pytest.param(
        "The ferry vote was close, with former Harbour Board Chair Lena Varg warning that fares would rise.",
        ("Lena Varg",),
        id="with_former_and_a_title_before_the_name",
    ),
    pytest.param(
        "Exports rose again, with Norway adding 40 new tankers to its fleet.",
        (),
        id="a_participle_that_reports_no_words_is_no_speech",
    ),
    pytest.param(
        "The council was stuck with Ivo Marsh talking about his own record for an hour.",
        (),
        id="with_as_the_object_of_a_verb_is_no_absolute_clause",
    ),
    pytest.param(
        "Critics met with Eva Lind, saying the pier could not wait.",
        (),
        id="a_name_after_with_and_a_comma_is_an_object",
    ),
    pytest.param(
        "Prices fell, with Harbour Ferries calling off the summer timetable.",
        (),
        id="calling_off_is_an_act",
    ),
]


def test_a_with_clause_carries_its_rule_and_its_quote() -> None:
    ex = _extract('The review was harsh, with the Kingsmouth Courier calling the film "a slow, grey sea".')
    assert [(e.name, e.rule, e.cue) for e in ex.evidence if e.facet == "speakers"] == [
        ("Kingsmouth Courier", "with-absolute", "calling")
    ]
    assert [q.speaker for q in ex.quotes] == ["Kingsmouth Courier"]


_OCCASION = [
    pytest.param(
        "Councillor Ivo Marsh used his speech to warn that the ferry would close.",
        ("Ivo Marsh",),
        id="used_his_speech_to_warn",
    ),
    pytest.param(
        "The Kingsmouth Dockers Union, which backs the strike, used the rally to urge members to stay out.",
        ("Kingsmouth Dockers Union",),
        id="a_relative_clause_then_used_the_occasion",
    ),
    pytest.param(
        "Eva Lind, a chemist who ran the harbour lab, used part of her address to call the plan reckless.",
        ("Eva Lind",),
        id="used_part_of_the_address_to_call",
    ),
    pytest.param(
        "Tomas Brandt went on Harbour Radio's Morning Show to defend the new fares.",
        ("Tomas Brandt",),
        id="went_on_an_outlet_to_defend",
    ),
    pytest.param(
        "Eva Lind used the grant to pay for a new lab.",
        (),
        id="used_for_an_act_is_no_speech",
    ),
    pytest.param(
        "Eva Lind used the meeting to call a vote on the budget.",
        (),
        id="used_the_meeting_to_call_a_vote_convenes",
    ),
]


_DOCUMENT = [
    pytest.param(
        "A Harbour Council statement said the pier would reopen in May.",
        ("Harbour Council",),
        id="a_body_statement_said",
    ),
    pytest.param(
        "Fares will rise by a tenth next year, the Kingsmouth Courier report said.",
        ("Kingsmouth Courier",),
        id="an_outlet_report_said_after_the_words",
    ),
    pytest.param(
        "One Harbour Party ad declared that the ferry would stay public.",
        ("Harbour Party",),
        id="a_party_ad_declared",
    ),
    pytest.param(
        "Ministers met in Oslo on Friday. The Oslo statement said rates would hold.",
        (),
        id="a_city_where_the_statement_was_issued_does_not_speak",
    ),
    pytest.param(
        "A Harbour Council-ordered report said fares would fall.",
        (),
        id="a_name_with_an_adjective_suffix_owns_no_report",
    ),
    pytest.param(
        "Harbour Aid's Paying the Toll report said fares would fall.",
        (),
        id="a_title_after_a_possessive_is_no_owner",
    ),
    pytest.param(
        "The Harbour Party manifesto will stress lower fares.",
        (),
        id="what_a_document_will_say_is_not_said",
    ),
    pytest.param(
        'The Harbour Ferries statement quoted chairman Ivo Marsh as saying: "We will sail on."',
        (),
        id="a_statement_quoting_someone_gives_the_body_no_words",
    ),
]


def test_the_owner_of_a_statement_takes_its_quote() -> None:
    ex = _extract('A Harbour Council statement said: "The pier is safe."')
    assert [q.speaker for q in ex.quotes] == ["Harbour Council"]


@pytest.mark.parametrize(("body", "expected"), _WITH + _OCCASION + _DOCUMENT)
def test_speakers_of_constructions_across_publishers(body: str, expected: tuple[str, ...]) -> None:
    assert _extract(body).speakers == expected
