"""Title Case lines inside a body (issue 10, task 10tc): a listicle's item headings, a feature's subheads.
Their names stand alone; the rest of the heading is never read as part of a name. Texts and names are our own.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from newsearch.extract import extract
from newsearch.extract.aliases import effective
from newsearch.extract.extractor import _gazetteer, _given_names, _heading_common
from newsearch.extract.headings import lower_headings
from newsearch.models import Article, Extraction


def _extract(*paragraphs: str, headline: str = "") -> Extraction:
    return extract(Article(id="t", headline=headline, body="\n\n".join(paragraphs)))


def _lowered(text: str) -> str:
    return lower_headings(text, _heading_common, _given_names().__contains__, _gazetteer(effective(None)))


def _party_names(ex: Extraction) -> set[str]:
    return {p.name for p in ex.parties}


_LISTICLE = (
    "Six harbour towns made the news this year, and a few of their people made it twice.",
    "1\nGreta Lindqvist Sent The Ferry Board A Letter About Winter Fares.",
    "The ferry captain Greta Lindqvist wrote to the board in March, and the board answered in May.",
    "2\nOwen Marsh Explained Why The Lighthouse Stays Dark.",
    "The lighthouse keeper Owen Marsh has kept the lamp off since the storm damaged its lens.",
    "3\nHalvard Quist On How Small Ports Keep Their Schools Open.",
    "Halvard Quist, a teacher on the island, spoke to a radio station about the two pupils left in his class.",
)


def test_a_listicle_heading_is_never_one_long_name() -> None:
    ex = _extract(*_LISTICLE)
    names = _party_names(ex) | set(ex.speakers)
    assert {"Greta Lindqvist", "Owen Marsh", "Halvard Quist"} <= _party_names(ex)
    for name in names:
        for word in ("Sent", "Letter", "Explained", "Lighthouse", "Schools", "Ports"):
            assert word not in name.split(), name


def test_a_heading_with_a_verb_of_saying_names_its_speaker() -> None:
    ex = _extract(*_LISTICLE)
    assert "Owen Marsh" in ex.speakers
    assert all(len(s.split()) <= 2 for s in ex.speakers)
    rules = {e.rule for e in ex.evidence if e.facet == "speakers" and e.name == "Owen Marsh"}
    assert "name-verb" in rules


def test_heading_words_change_case_only() -> None:
    body = "\n\n".join(_LISTICLE)
    low = _lowered(body)
    assert len(low) == len(body) and low.lower() == body.lower()
    assert "Greta Lindqvist sent the ferry board a letter about winter fares." in low
    assert "Owen Marsh explained why the lighthouse stays dark." in low
    # Prose is never touched.
    assert low.split("\n\n")[0] == _LISTICLE[0]


def test_a_surname_the_prose_never_writes_follows_its_given_name() -> None:
    body = (
        "The council met on Tuesday to settle the harbour budget.\n\n"
        "Harbour Board Thanks Janet Okafor For Her Years Of Service\n\n"
        "The board's chair read a short letter of thanks before the vote."
    )
    low = _lowered(body)
    assert "Janet Okafor" in low
    assert "Janet Okafor" in _party_names(_extract(*body.split("\n\n")))


def test_a_name_alone_between_small_words_keeps_its_capital() -> None:
    body = (
        "Tomas Brandt spoke for an hour at the harbour hall.\n\n"
        "Tomas Brandt: I Am No Radical Compared To Wendeborg.\n\n"
        "He said the town had always paid for its own ferries."
    )
    assert "Compared to Wendeborg" not in _lowered(body)
    assert "Wendeborg" in _lowered(body)


def test_a_team_sheet_or_credit_line_is_no_heading() -> None:
    sheet = "The visitors held on for a draw.\n\nSubs Not Used: Marsh, Okafor, Quist.\n\nMarsh came on late."
    assert _lowered(sheet) == sheet
    credit = "Nominees:\n\nAnna Berg (The Anna Berg Hour, Channel Nine)\n\nThe winner is named in May."
    assert _lowered(credit) == credit


def test_prose_with_names_is_no_heading() -> None:
    body = (
        "Anna Berg of the Harbour Institute and Tomas Brandt of Calder Securities met on Monday, "
        "and both said the ferry would run."
    )
    assert _lowered(body) == body


_FIRST = ["Greta", "Owen", "Ines", "Tobias", "Marta", "Jonas"]
_LAST = ["Lindqvist", "Marsh", "Okafor", "Quist", "Brandvold", "Halloran"]
_VERBS = ["Sent", "Opened", "Took", "Handed", "Won", "Lost", "Built", "Sold", "Painted", "Rescued"]
_SMALL = ["A", "The", "On", "About", "For", "With", "To", "Of", "In"]
_NOUNS = ["Letter", "Ferry", "Prize", "Bridge", "Boat", "Harbour", "Lamp", "School", "Market", "Winter"]


@settings(max_examples=150, deadline=None)
@given(
    st.sampled_from(_FIRST),
    st.sampled_from(_LAST),
    st.sampled_from(_VERBS),
    st.lists(st.tuples(st.sampled_from(_SMALL), st.sampled_from(_NOUNS)), min_size=1, max_size=4),
    st.booleans(),
)
def test_a_heading_never_yields_a_party_longer_than_its_name(
    first: str, last: str, verb: str, rest: list[tuple[str, str]], numbered: bool
) -> None:
    name = f"{first} {last}"
    heading = " ".join([name, verb, *(f"{s} {n}" for s, n in rest)]) + "."
    ex = _extract(
        "A short round-up of the week on the coast.",
        ("4\n" if numbered else "") + heading,
        f"The islander {name} was seen at the quay on Friday, and neighbours cheered.",
    )
    for party in _party_names(ex) | set(ex.speakers):
        assert len(party.split()) == 1 or party == name, (heading, party)
    assert name in _party_names(ex)


def test_headlines_under_a_related_label_are_links_not_text() -> None:
    ex = _extract(
        "The ferry vote was delayed again on Thursday, the third delay this winter.",
        "Related:",
        "Councillor Dana Rusk Says The Ferry Deal Is Dead.",
        "Harbour Capital Pulls Out Of The Bridge Tender.",
        "The council will meet again in March.",
    )
    assert "Dana Rusk" not in ex.speakers
    assert not {"Dana Rusk", "Harbour Capital"} & _party_names(ex)
    # Without the label the same heading is text of the article, and its speaker speaks.
    ex = _extract(
        "The ferry vote was delayed again on Thursday, the third delay this winter.",
        "Councillor Dana Rusk Says The Ferry Deal Is Dead.",
        "Rusk, who chairs the transport panel, spoke outside the town hall.",
    )
    assert "Dana Rusk" in ex.speakers


def test_a_shouted_heading_run_into_its_sentence_names_no_party() -> None:
    ex = _extract(
        "HARBOUR FERRY TIMETABLE CUT AGAIN The Kentmere Ferry Company said on Friday that the night crossing "
        "would stop in May.",
        "STORM CLOSES THE COAST ROAD Anna Berg, the county engineer, told drivers to stay at home.",
    )
    names = _party_names(ex) | set(ex.speakers)
    assert "Anna Berg" in ex.speakers
    assert not [n for n in names if any(w.isupper() and len(w) > 3 for w in n.split())], names
    # Initials in capitals, or a row of acronyms, are no shouted heading.
    ex = _extract("The novelist J. R. R. Talbot wrote three books about the coast.")
    assert "J. R. R. Talbot" in _party_names(ex)
    ex = _extract("The scanner is built on the KVX DT MR and the LGA standard, the maker said.")
    assert "KVX DT MR" in _party_names(ex)
