"""An outlet named together with what it is ("the Harbour Echo newspaper said", "Velnet news agency
reported"), which the plain "X said" rules missed, and the quotes such outlets pass on from someone else
("... quoted Ana Lind as saying"), which went to the outlet; and "according to A and B", which kept B
alone (issue 10). Texts are our own."""

from __future__ import annotations

import pytest

from newsearch.extract import extract
from newsearch.models import Article


def run(body: str) -> tuple[list[str], list[tuple[str, str | None]]]:
    ex = extract(Article(id="t", headline="", body=body))
    return list(ex.speakers), [(q.text, q.speaker) for q in ex.quotes]


# ----------------------------------------------------------------------------- the outlet speaks
@pytest.mark.parametrize(
    ("body", "who"),
    [
        ("Velnet news agency reported that the harbour board had sold the old ferry.", "Velnet"),
        ("The old ferry was sold on Monday, the Kestrel Times newspaper reported.", "Kestrel Times"),
        ("But the Harbour Echo newspaper has said the board will keep the ferry.", "Harbour Echo"),
        ("The Lakeside Weekly magazine said the ferry had been sold twice.", "Lakeside Weekly"),
        ("Velmora's Kestrel Vision newspaper reports that the play was banned.", "Kestrel Vision"),
    ],
)
def test_an_outlet_named_with_what_it_is_speaks(body: str, who: str) -> None:
    assert run(body)[0] == [who]


# ----------------------------------------------------------------------------- the name only describes it
@pytest.mark.parametrize(
    "body",
    [
        "The old ferry was sold, a Dawson newspaper reported.",  # one paper of a place
        "The old ferry was sold, a leading Velmoran newspaper said.",  # a people's paper
        "The Velmoran Workers Party newspaper said the ferry was sold.",  # the owner, not the title
        "A notice published by the official Velnet news agency said the ferry was sold.",  # the notice
        "The poll, printed in the Kestrel Sun newspaper, showed the mayor ahead, pointing to a landslide.",
        "The ferry was sold, the People's Harbour newspaper said.",  # a name cut short
    ],
)
def test_a_place_owner_or_phrase_before_the_outlet_noun_is_no_speaker(body: str) -> None:
    assert run(body)[0] == []


# ----------------------------------------------------------------------------- relayed quotes
def test_a_quote_an_outlet_relays_from_a_named_person_is_that_persons() -> None:
    speakers, quotes = run('"The ferry is sold," the Velnet news agency quoted harbour master Ana Lind as saying.')
    assert speakers == ["Velnet"]
    assert quotes == [("The ferry is sold,", "Ana Lind")]


def test_a_quote_an_outlet_relays_from_an_unnamed_source_has_no_speaker() -> None:
    for body in (
        '"The ferry is sold," Velnet quoted one dock worker as saying.',
        '"The ferry is sold," the Velnet news agency reports a union source as saying.',
        '"The ferry is sold," Velnet quoted a friend of Ana Lind as saying.',
    ):
        assert run(body)[1] == [("The ferry is sold,", None)], body


def test_a_quote_relayed_from_him_or_her_goes_to_who_spoke_before() -> None:
    body = 'Ana Lind said the ferry was late. "The ferry is sold," the Velnet news agency quoted her as saying.'
    assert run(body)[1] == [("The ferry is sold,", "Ana Lind")]


def test_a_quote_after_the_relaying_verb_is_the_named_persons() -> None:
    assert run('Velnet quoted Tomas Brandt as saying: "The ferry is sold."')[1] == [
        ("The ferry is sold.", "Tomas Brandt")
    ]


def test_an_outlets_own_words_stay_the_outlets() -> None:
    body = '"The harbour deserves better," the Kestrel Times newspaper said of the sale.'
    assert run(body) == (["Kestrel Times"], [("The harbour deserves better,", "Kestrel Times")])


# ----------------------------------------------------------------------------- "according to A and B"
@pytest.mark.parametrize(
    ("body", "who"),
    [
        ("According to Reuters and the BBC, the ferry sank near the pier.", {"Reuters", "BBC"}),
        ("The ferry sank, according to Anna Berg and Tomas Brandt.", {"Anna Berg", "Tomas Brandt"}),
        # a common-noun source first, then a named one: the named one speaks
        ("According to phone videos and Radio Norte, the crowd then ran.", {"Radio Norte"}),
        ("According to these reports and the Harbour Echo, the crowd then ran.", {"Harbour Echo"}),
    ],
)
def test_according_to_two_sources_names_each(body: str, who: set[str]) -> None:
    assert set(run(body)[0]) == who


def test_a_study_by_two_authors_keeps_the_last_name_only_as_before() -> None:
    # (authors of a study, places "from A and B": unchanged, the last name alone)
    assert run("According to a study by economists Ana Lind and Tomas Brandt, wages fell.")[0] == [
        "Tomas Brandt"
    ]


def test_a_platform_before_a_writer_and_a_colon_is_no_roundup_source() -> None:
    # 'On Twitter, A wrote: "..."' looked like the roundup line 'A, Outlet: "..."' with the platform first
    assert run('On Twitter, Ana Lind wrote: "The pier is unsafe."') == (
        ["Ana Lind"],
        [("The pier is unsafe.", "Ana Lind")],
    )
