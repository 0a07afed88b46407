"""Names that stand before a verb of saying without being its subject, and a person named with the body
they work for: the object inside a relative clause whose head is a common noun, a plural noun "brands"
after a list of brand names, a title word inside the body's name after "Anna Berg of ..."."""

from __future__ import annotations

import pytest

from newsearch.extract import extract
from newsearch.models import Article


def speakers(body: str) -> list[str]:
    return list(extract(Article(id="t", headline="", body=body)).speakers)


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
