"""A long occupation word opening a sentence before a two-word name is no part of the name, also when the
given name is not one the name list knows ("Immunologist Kristof Andersen of ... said") (issue 10). Texts
are our own."""

from __future__ import annotations

import pytest

from newsearch.extract import extract
from newsearch.models import Article


def speakers(body: str) -> list[str]:
    return list(extract(Article(id="t", headline="", body=body)).speakers)


@pytest.mark.parametrize(
    ("body", "who"),
    [
        ("Broadcaster Piran Morgan commented on the match, calling it dull.", "Piran Morgan"),
        ("Photographer Ilvo Dantes said the storm had flattened the pier.", "Ilvo Dantes"),
        ("Immunologist Kristof Andersen of the Velmora Institute said the virus spreads fast.", "Kristof Andersen"),
    ],
)
def test_an_occupation_before_an_unknown_given_name_is_dropped(body: str, who: str) -> None:
    assert speakers(body) == [who]


@pytest.mark.parametrize(
    ("body", "who"),
    [
        ("Berliner Kestrel Holdings said its profit rose.", "Berliner Kestrel Holdings"),  # a place adjective
        ("Computer Associates' Wang said sales rose.", None),  # a possessive: no occupation there
    ],
)
def test_a_place_adjective_or_a_possessive_is_not_an_occupation(body: str, who: str | None) -> None:
    names = speakers(body)
    if who is not None:
        assert names == [who]
    assert not any(n.startswith("Associates") for n in names)
