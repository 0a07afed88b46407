"""Names that stand before a verb of saying without being its subject, and a person named with the body
they work for: the object inside a relative clause whose head is a common noun, a plural noun "brands"
after a list of brand names, a title word inside the body's name after "Anna Berg of ..."."""

from __future__ import annotations

import pytest

from newsearch.extract import extract
from newsearch.models import Article


def speakers(body: str) -> list[str]:
    return list(extract(Article(id="t", headline="", body=body)).speakers)


# ----------------------------------------------------------------------------- relative clause objects
@pytest.mark.parametrize(
    "body",
    [
        "The solicitor who had advised Tomas Brandt had said the lease was void.",
        "The consortium, which includes Harbour Holdings Ltd, said it had bought the pier.",
        "The fund, whose backers include Harbour Holdings Ltd, said it would sell the stake.",
        "The trust, which comprises Harbour Holdings and Kelso Estates, said it wanted the land.",
        "A man who had accused former Mayor Tomas Brandt of fraud said he was owed money.",
    ],
)
def test_the_object_of_a_relative_clause_after_a_common_noun_does_not_speak(body: str) -> None:
    assert speakers(body) == []


@pytest.mark.parametrize(
    ("body", "who"),
    [
        # the clause's subject right after the pronoun and its article still speaks
        ("Fares rose after the strike, which the Kelso Rail Trust said was over pay.", "Kelso Rail Trust"),
        ("At the rally, which newspaper The Kelso Courier described as rowdy, fares rose.", "Kelso Courier"),
        # a named head: the head speaks, as before
        ("Anna Berg, who had advised Tomas Brandt, said the lease was void.", "Anna Berg"),
    ],
)
def test_a_named_head_or_a_subject_inside_the_clause_still_speaks(body: str, who: str) -> None:
    assert speakers(body) == [who]


# ----------------------------------------------------------------------------- "brands" as a noun
@pytest.mark.parametrize(
    "body",
    [
        "Velmora Foods owns the Harbour Gold and Kelso Farm brands among others.",
        "Velmora Foods brands include Harbour Gold, Kelso Farm and Bright Dairy.",
    ],
)
def test_brand_names_before_the_noun_brands_do_not_speak(body: str) -> None:
    assert speakers(body) == []


def test_the_verb_brands_still_names_a_speaker() -> None:
    assert speakers("Anna Berg brands the new toll a tax on islanders.") == ["Anna Berg"]


# ----------------------------------------------------------------------------- person of a body with a title word
@pytest.mark.parametrize(
    ("body", "who"),
    [
        ('Anna Berg of Harbour National Bank of Velmora said: "Rates will stay where they are."', "Anna Berg"),
        ('"Rates will stay where they are," said Tomas Brandt of First National Bank of Kelso.', "Tomas Brandt"),
    ],
)
def test_a_person_of_a_body_whose_name_holds_a_title_word_speaks(body: str, who: str) -> None:
    assert speakers(body) == [who]
