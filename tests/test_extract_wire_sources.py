"""Sources that wire-style and community news name in ways the plain "X said" rules miss: an outlet's own
report or website, a name with a number in it, a lower-case role before a passive agent, a body named for
its subject ("Commission on ..."), a verb right after a short quote, a web address inside an appositive;
and verbs of saying used for acts ("admitted to", "pledged funds") (issue 10). Texts are our own."""

from __future__ import annotations

import pytest

from newsearch.extract import extract
from newsearch.models import Article


def speakers(body: str) -> list[str]:
    return list(extract(Article(id="t", headline="", body=body)).speakers)


# ----------------------------------------------------------------------------- an outlet's own report
@pytest.mark.parametrize(
    ("body", "who"),
    [
        ("Nine people were hurt, according to the Harbour Times website.", "Harbour Times"),
        ("Ferry fares rose by a third, according to the Lakeside Gazette report.", "Lakeside Gazette"),
    ],
)
def test_according_to_a_bodys_own_report_or_website_names_the_body(body: str, who: str) -> None:
    assert speakers(body) == [who]


def test_according_to_a_poll_still_names_no_pollster() -> None:
    assert speakers("Turnout will fall, according to a Kestrel Courier poll.") == []


# ----------------------------------------------------------------------------- a number inside a name
@pytest.mark.parametrize(
    ("body", "who"),
    [
        ("Channel 9 reported that the bridge had closed.", "Channel 9"),
        ("The ferry sank on Monday. Metro 7 News reported that no one was hurt.", "Metro 7 News"),
        ("The Harbour 40 Trust said on Friday that the wreck had been found.", "Harbour 40 Trust"),
        ("The road reopened at noon. Indeed, Radio 5 reported, only two houses were still dry.", "Radio 5"),
    ],
)
def test_a_name_with_a_number_before_a_speech_verb_speaks(body: str, who: str) -> None:
    assert speakers(body) == [who]


@pytest.mark.parametrize(
    "body",
    [
        "The rules are plain. Chapter 3 says the fee is due each spring.",
        "The tolls rose. Article 12 states that no toll may double in a year.",
    ],
)
def test_a_numbered_part_of_a_text_is_no_speaker(body: str) -> None:
    assert speakers(body) == []


# ----------------------------------------------------------------------------- passive agent after a role
@pytest.mark.parametrize("role", ["bishop", "former minister"])
def test_a_lower_case_role_before_the_passive_agent(role: str) -> None:
    body = f"The ferry plan was criticised by {role} Tomas Arreola Vidal on Sunday."
    assert speakers(body) == ["Tomas Arreola Vidal"]


# ----------------------------------------------------------------------------- "Commission on ..."
def test_a_body_named_for_its_subject_keeps_its_on() -> None:
    body = "The Federal Commission on Rural Water Safety criticized the move, saying the plan was unsafe."
    assert speakers(body) == ["Federal Commission on Rural Water Safety"]


def test_the_commission_finds_a_body_named_for_its_subject() -> None:
    body = (
        "The Federal Commission on Rural Water Safety met on Tuesday. Later the commission said the pumps "
        "would be replaced."
    )
    assert speakers(body) == ["Federal Commission on Rural Water Safety"]


def test_a_day_after_on_is_not_part_of_the_name() -> None:
    ex = extract(
        Article(id="t", headline="", body="The Harbour Council on Monday said the pier would close.")
    )
    assert all("Monday" not in p.name for p in ex.parties)


# ----------------------------------------------------------------------------- after a short quote
@pytest.mark.parametrize(
    "body",
    [
        'Premier Anna Holloway backed the call. "We stand ready," tweeted Holloway, "to help in any way."',
        'Premier Anna Holloway backed the call. "We stand ready" tweeted Holloway "to help in any way."',
    ],
)
def test_a_verb_straight_after_a_short_quote_names_its_speaker(body: str) -> None:
    assert speakers(body) == ["Anna Holloway"]


# ----------------------------------------------------------------------------- web address in an appositive
def test_a_web_address_inside_an_appositive_does_not_end_the_sentence() -> None:
    body = 'River Institute head Mara Okonjo, in remarks to Kestrel.com.br, said, "The river is lower."'
    assert speakers(body) == ["Mara Okonjo"]


# ----------------------------------------------------------------------------- acts, not speech
@pytest.mark.parametrize(
    "body",
    [
        "Kelda Marsh was elected to the board in 1981 and admitted to the Royal Academy of Music in 1990.",
        "Tolvania, Brenmark and Ostia have pledged funds for the new bridge.",
        "Brenmark pledged emergency aid to the flooded towns.",
    ],
)
def test_admitted_to_and_pledged_funds_are_acts(body: str) -> None:
    assert speakers(body) == []


@pytest.mark.parametrize(
    "body",
    [
        "Anna Lind admitted to reporters that the plan had failed.",
        "Brenmark pledged that the bridge would reopen by spring.",
    ],
)
def test_admitted_and_pledged_with_words_still_speak(body: str) -> None:
    assert len(speakers(body)) == 1


# ----------------------------------------------------------------------------- "the fire service said"
@pytest.mark.parametrize(
    ("body", "who"),
    [
        (
            "Crews from Lakeshore Fire and Rescue Service reached the mill at nine. The fire service said an "
            "inquiry was under way.",
            "Lakeshore Fire and Rescue Service",
        ),
        (
            "The Tarnow Water Board shut two pumps. Later the water board said the leak was fixed.",
            "Tarnow Water Board",
        ),
    ],
)
def test_the_modifier_and_head_word_find_the_named_body(body: str, who: str) -> None:
    assert speakers(body) == [who]


def test_a_modifier_that_is_no_word_of_the_name_finds_nothing() -> None:
    body = "The Tarnow Water Board shut two pumps. Later the harbour board said the leak was fixed."
    assert speakers(body) == []
