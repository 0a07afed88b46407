"""Organisations as speakers in short wire-style news: a body placed "in City, Country", "reports" with a
count or an article after it, and "It" standing for the body that opens the sentence before (issue 10).
Texts are our own."""

from __future__ import annotations

import pytest

from newsearch.extract import extract
from newsearch.models import Article


def speakers(body: str) -> list[str]:
    return list(extract(Article(id="t", headline="", body=body)).speakers)


# ----------------------------------------------------------------------------- "X in City, Country said"
@pytest.mark.parametrize(
    ("body", "who"),
    [
        ("The Tarnow Water Board in Krakow, Poland confirmed a second leak on Monday.", "Tarnow Water Board"),
        ("The Velmora Rowing Club in Oslo, Norway said the regatta would go ahead.", "Velmora Rowing Club"),
        ("Anna Berg in Lyon, France said the strike would go on.", "Anna Berg"),
    ],
)
def test_the_named_body_before_in_city_country_speaks_not_the_country(body: str, who: str) -> None:
    assert speakers(body) == [who]


def test_a_country_after_an_opening_phrase_still_speaks() -> None:
    # the comma closes "At the talks in Geneva", so Norway is the subject: no body sits "in Geneva"
    body = "At the talks among the six nations in Geneva, Norway promised to cut its quota."
    assert speakers(body) == ["Norway"]


# ----------------------------------------------------------------------------- "X reports a ..."
@pytest.mark.parametrize(
    "body",
    [
        "Tallies differ, while The Harbour Courier reports a pilot and six passengers on board.",
        "The Harbour Courier reports 14 new cases in the port district.",
    ],
)
def test_reports_before_an_article_or_a_count_is_a_verb(body: str) -> None:
    assert speakers(body) == ["Harbour Courier"]


def test_reports_as_a_plural_noun_is_still_no_speaker() -> None:
    assert speakers("The Harbour Board reports show a fall in traffic.") == []


# ----------------------------------------------------------------------------- "It said" for a body
def test_it_after_a_sentence_opened_by_a_body_is_that_body() -> None:
    body = "The Kelso Rail Trust closed the old line on Friday. It said repairs would take a year."
    ex = extract(Article(id="t", headline="", body=body))
    assert list(ex.speakers) == ["Kelso Rail Trust"]
    rules = {(e.name, e.rule, e.cue) for e in ex.evidence if e.facet == "speakers"}
    assert ("Kelso Rail Trust", "it-body", "said") in rules


def test_it_opening_a_sentence_with_a_participle_of_saying() -> None:
    body = (
        "The Northern Ferry Company cancelled all sailings. It thanked its crews, adding: "
        '"We will be back when the storm has passed."'
    )
    ex = extract(Article(id="t", headline="", body=body))
    assert list(ex.speakers) == ["Northern Ferry Company"]
    assert [q.speaker for q in ex.quotes] == ["Northern Ferry Company"]


@pytest.mark.parametrize(
    "body",
    [
        # a person opens the sentence before: "It" is no person
        "Anna Berg closed the old line on Friday. It said nothing about the cost.",
        # a paragraph break between
        "The Kelso Rail Trust closed the old line on Friday.\n\nIt said repairs would take a year.",
        # an act, not words
        "The Kelso Rail Trust is part of the dispute. It had agreed to lend the council the money.",
        # the sentence before reports someone else, who may be the "It"
        "Fares could rise too, says Velmora Transit. It suggests that the line may close.",
        # the body is only the owner of what opens the sentence
        "The Kelso Rail Trust's report came out on Friday. It said repairs would take a year.",
    ],
)
def test_it_is_left_unresolved_where_the_body_is_not_its_antecedent(body: str) -> None:
    assert "Kelso Rail Trust" not in speakers(body)
    assert "Anna Berg" not in speakers(body)


# ----------------------------------------------------------------------------- passive agents of saying
@pytest.mark.parametrize(
    ("body", "who"),
    [
        ('The new ferry timetable was described by the Harbour Courier as "a mess".', "Harbour Courier"),
        ('Tracking data showed a course described by Ship Watch Weekly as "erratic".', "Ship Watch Weekly"),
        ("Her warning was echoed by Tomas Brandt, who runs the lifeboat station.", "Tomas Brandt"),
        ("The referee was sharply criticised by Velmora coach Anna Berg after the final.", "Anna Berg"),
        ("The closure of the pier was announced by the Kelso Rail Trust on Monday.", "Kelso Rail Trust"),
        # a quoted complement between the verb and "by"; more verbs that are only words
        ('The toll rise has been branded "a tax on islanders" by the Kelso Rail Trust.', "Kelso Rail Trust"),
        ("The young keeper was touted by Anna Berg as a future captain.", "Anna Berg"),
        ("His plan was derided by Tomas Brandt in a radio debate.", "Tomas Brandt"),
        # the named agent after a common-noun agent; a role of "X of Y" form; "as described by"
        ("The fare rise was condemned by commuters and the Kelso Rail Trust.", "Kelso Rail Trust"),
        ("The striker was hailed by Velmora director of football Anna Berg as the find of the year.", "Anna Berg"),
        ("The ferry left an hour late, as described by Tomas Brandt.", "Tomas Brandt"),
        ('The pact has been called "a truce on paper" by Anna Berg, a lecturer in law.', "Anna Berg"),
    ],
)
def test_the_named_agent_of_a_passive_verb_of_saying_speaks(body: str, who: str) -> None:
    ex = extract(Article(id="t", headline="", body=body))
    assert list(ex.speakers) == [who]
    assert any(e.rule == "passive-by" and e.name == who for e in ex.evidence if e.facet == "speakers")


@pytest.mark.parametrize(
    "body",
    [
        "The nominee was confirmed by the Velmora Senate on Tuesday.",  # a vote, not words
        "The appeal was denied by the Kelso High Court in May.",  # a ruling
        "The plan was criticised by Anna Berg's lawyer.",  # the lawyer's words, unnamed
        "The method described by Anna Berg in her thesis is slow.",  # no auxiliary and no "as"
        'The lane was "closed for good" by the Kelso Rail Trust.',  # a quote after a verb that is no saying
        "The pier was described in a leaflet by the Kelso Rail Trust.",  # the verb is not next to "by"
        "The skipper was called by the Kelso Rail Trust on Monday.",  # a call, no quoted name
    ],
)
def test_no_agent_speaks_for_acts_owners_or_bare_participles(body: str) -> None:
    assert speakers(body) == []


# ----------------------------------------------------------------------------- one body across "and"
@pytest.mark.parametrize(
    "name",
    [
        "Department of Health and Social Care",
        "Velmora Institute for Applied Economic and Social Research",
        "Ministry of Water and Forests",
    ],
)
def test_a_body_of_two_subjects_joined_by_and_stays_one_name(name: str) -> None:
    ex = extract(Article(id="t", headline="", body=f"The {name} said the figures were wrong."))
    assert list(ex.speakers) == [name]
    assert name in {p.name for p in ex.parties}


@pytest.mark.parametrize(
    ("body", "parts"),
    [
        # a country before "and": two banks
        ("The loan was led by the Harbour Bank of Norway and Credit Velmor on Monday.", {"Credit Velmor"}),
        # a person first, then the body: the person speaks
        ("Anna Berg of the Center for Coastal and Marine Studies said the reef was dying.", {"Anna Berg"}),
        # a title after "and": a second person
        ("Tomas Brandt of the University of Kelso and Professor Anna Berg said it works.", {"Anna Berg"}),
    ],
)
def test_and_still_joins_two_parties_where_the_run_is_not_one_body(body: str, parts: set[str]) -> None:
    ex = extract(Article(id="t", headline="", body=body))
    names = {p.name for p in ex.parties} | set(ex.speakers)
    assert parts <= names, names


# ----------------------------------------------------------------------------- interview leads, origins
def test_spoke_with_an_outlet_to_discuss_is_an_interview() -> None:
    assert speakers("Karl Brandt spoke with the Harbour Courier to discuss his campaign.") == ["Karl Brandt"]


def test_hails_from_is_where_one_comes_from_not_words() -> None:
    assert speakers("Karl Brandt, who hails from Oslo, joined the race in May.") == []


# ----------------------------------------------------------------------------- 'A of "Body"'
@pytest.mark.parametrize(
    "body",
    [
        'Calling it "too late", Mary Stone of "Safe Harbours", a tenants\' charity, told the Courier it failed.',
        'Mary Stone of "Safe Harbours" told the Courier the plan had failed.',
        # a quoted name that is a phrase, no party of its own
        'Calling it "a sham", Mary Stone of "Keep the pier", a campaign group, told the Courier "it failed".',
    ],
)
def test_the_person_before_a_quoted_body_name_speaks(body: str) -> None:
    assert speakers(body) == ["Mary Stone"]


# ----------------------------------------------------------------------------- "the latter", "and others in"
@pytest.mark.parametrize(
    ("body", "who"),
    [
        ("Anna Berg met Tomas Brandt on Monday. The latter said the talks had failed.", ["Tomas Brandt"]),
        ("Anna Berg met Tomas Brandt on Monday. The former said the talks had failed.", ["Anna Berg"]),
        (
            "The Velmora Port Authority sued Kelso Shipping, and the latter said the suit was baseless.",
            ["Kelso Shipping"],
        ),
        # three names before: "the latter" is not worked out
        ("Anna Berg met Tomas Brandt and Eva Lind on Monday. The latter said the talks had failed.", []),
        # a noun after "the latter"
        ("Anna Berg was named president, sharing power in the latter post with Tomas Brandt.", []),
    ],
)
def test_the_latter_and_the_former_choose_between_two_names(body: str, who: list[str]) -> None:
    assert speakers(body) == who


def test_a_speaker_and_others_in_a_party_speaks() -> None:
    assert speakers("Anna Berg and others in the Harbour Party said the vote was rigged.") == ["Anna Berg"]


# ----------------------------------------------------------------------------- initials answering "((WN))"
def test_initials_without_a_colon_answer_a_wiki_interview() -> None:
    body = (
        "Professor Anna Berg of Kelso University led a study of harbour silt. She agreed to answer our questions."
        "\n\n((WN)) What did you find?\n\nAB We found lead in every sample we took from the old docks."
        "\n\n((WN)) What happens next?\n\nAB The council will test the water again in spring."
    )
    ex = extract(Article(id="t", headline="", body=body))
    assert ex.speakers == ("Anna Berg",)
    assert sum(e.rule == "interview" for e in ex.evidence if e.facet == "speakers") == 2


def test_initials_opening_paragraphs_outside_a_wiki_interview_are_no_label() -> None:
    body = (
        "Anna Berg runs the harbour board.\n\nAB Shipping said on Monday it would leave the port."
        "\n\nAB Shipping also cut forty jobs."
    )
    assert "Anna Berg" not in speakers(body)


# ----------------------------------------------------------------------------- "according to A via B"
def test_a_news_agency_relaying_an_unnamed_official_speaks() -> None:
    body = "The riders were bound for a fair, according to the mayor of Elmton via news agency Velmor Press."
    assert speakers(body) == ["Velmor Press"]


@pytest.mark.parametrize("platform", ["Twitter", "Facebook"])
def test_a_platform_after_via_is_no_speaker(platform: str) -> None:
    assert speakers(f"The coast road was closed, according to police via {platform}.") == []
