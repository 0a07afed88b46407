"""Speakers given by layout, not by a verb of saying (issue 10, round 10s): transcript labels, interview
pieces (Q/A and Wikinews' "((Name))" labels). Texts and names are our own."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from newsearch.extract import extract
from newsearch.extract.layout import _LABEL_RE, has_label
from newsearch.models import Article, Extraction


def _extract(body: str, headline: str = "") -> Extraction:
    return extract(Article(id="t", headline=headline, body=body))


def _paragraphs(*paragraphs: str) -> Extraction:
    return _extract("\n\n".join(paragraphs))


def _rules(ex: Extraction, name: str) -> set[str]:
    return {e.rule for e in ex.evidence if e.facet == "speakers" and e.name == name}


_TRANSCRIPT = "\n\n".join(
    [
        "On Sunday's programme the harbour master, Ingrid Solberg, was asked about the ferry timetable.",
        "Partial transcript:",
        "KAREN VOSS: The council says the ferries will run at a loss this winter. Take a look.",
        "SOLBERG: The ferries have never paid for themselves, and they were never meant to.",
        "VOSS: Would you close the night crossing?",
        "SOLBERG: No. The night crossing is the one the hospital staff depend on.",
    ]
)


def test_transcript_labels_speak_their_paragraphs() -> None:
    ex = _extract(_TRANSCRIPT)
    assert "Ingrid Solberg" in ex.speakers  # the surname label resolves to the article's full name
    assert "label" in _rules(ex, "Ingrid Solberg")
    # An all-capitals full name is a speaker of its own, and its surname label after it is the same person.
    assert "Karen Voss" in ex.speakers
    assert "Voss" not in ex.speakers
    assert "Partial transcript" not in ex.speakers


def test_a_label_whose_every_paragraph_is_a_question_is_the_interviewer() -> None:
    ex = _paragraphs(
        "The harbour master, Ingrid Solberg, spoke about the timetable.",
        "KAREN VOSS: Why not run the ferries at night?",
        "SOLBERG: Because nobody takes them after ten.",
        "VOSS: Not even the hospital staff?",
        "SOLBERG: They drive.",
    )
    assert "Ingrid Solberg" in ex.speakers
    assert "Karen Voss" not in ex.speakers


def test_a_label_does_not_speak_the_quotes_inside_its_paragraph() -> None:
    # Quotation marks inside an answer hold what others said to the speaker, not the speaker's words.
    ex = _paragraphs(
        "The harbour master, Ingrid Solberg, talked to our reporter, Karen Voss, on Monday.",
        'SOLBERG: The crews stopped me on the quay every morning. "When do we get paid?" they asked.',
        "VOSS: So the summer season is safe?",
    )
    assert "Ingrid Solberg" in ex.speakers
    quote = next(q for q in ex.quotes if "When do we get paid" in q.text)
    assert quote.speaker != "Ingrid Solberg"


def test_labels_that_name_no_person_speak_for_no_one() -> None:
    ex = _paragraphs(
        "Ingrid Solberg said the pier would reopen in April.",
        "UPDATE: The council confirmed the date on Tuesday evening after a long meeting of its board.",
        "Note: An earlier version of this story gave the wrong month for the reopening of the pier.",
        "Replacements: Berg, Lind, Falk, Moen, Dahl, Strand, Holm, Vik.",
        "Harbour: Work on the north wall continues through the winter while the ferries keep running.",
    )
    assert ex.speakers == ("Ingrid Solberg",)


def test_a_title_case_label_on_a_short_line_is_a_section_head() -> None:
    ex = _paragraphs(
        "Ingrid Solberg and Tomas Brandt both want the harbour seat.",
        "Solberg: The long game.",
        "Brandt: A quick win.",
    )
    assert "label" not in _rules(ex, "Ingrid Solberg")
    assert "label" not in _rules(ex, "Tomas Brandt")


def test_question_and_answer_pieces_give_the_answers_to_the_interviewee() -> None:
    ex = _paragraphs(
        "Novelist Marit Lunde has written about the island for thirty years. Lunde talked to us about "
        "her new book and the ferry strike.",
        "Q: Why the island again?",
        "A: Because I never finished with it. Every book leaves something out.",
        "Q: And the strike?",
        'A: I sympathise with the crews. One of them told me, "We are the road," and he is right.',
    )
    assert "Marit Lunde" in ex.speakers
    assert "interview" in _rules(ex, "Marit Lunde")
    assert "Q" not in ex.speakers and "A" not in ex.speakers
    # (the words the interviewee quotes are someone else's)
    assert next(q for q in ex.quotes if "We are the road" in q.text).speaker != "Marit Lunde"


def test_wikinews_double_parenthesis_labels() -> None:
    ex = _paragraphs(
        "Wikinews spoke to the geologist Oskar Halvorsen about the landslide.",
        "((WN))  What caused the slide?",
        "((Oskar Halvorsen))  Three weeks of rain on clay. The slope had been moving for years.",
        "((WN))  Could it happen again?",
        "((Oskar Halvorsen))  It will happen again, unless the drainage is rebuilt.",
    )
    assert "Oskar Halvorsen" in ex.speakers
    assert "interview" in _rules(ex, "Oskar Halvorsen")
    assert "WN" not in ex.speakers


def test_initials_label_resolves_to_the_one_person_with_those_initials() -> None:
    ex = _paragraphs(
        "The biologist Sunniva Aas answered questions from our correspondent.",
        "((WN))  How many birds came back this year?",
        "SA: Fewer than last year. The colony has lost a third of its pairs since the survey began.",
        "((WN))  Why?",
        "SA: Food. The sand eels have moved further out.",
    )
    assert "Sunniva Aas" in ex.speakers
    assert "interview" in _rules(ex, "Sunniva Aas")


def test_a_full_name_label_used_once_and_named_nowhere_else_is_not_a_speaker() -> None:
    ex = _paragraphs(
        "Wikinews spoke to the geologist Oskar Halvorsen about the landslide.",
        "((WN))  What caused the slide?",
        "((Oskar Halvorsen))  Three weeks of rain on clay.",
        "((WN))  And the road?",
        "((Oskar Halverson))  The road will stay closed until the drainage is rebuilt.",
    )
    assert "Oskar Halvorsen" in ex.speakers
    assert "Oskar Halverson" not in ex.speakers  # a slip of the typist, not a second geologist


def test_an_embedded_post_speaks_for_the_person_its_handle_spells() -> None:
    ex = _paragraphs(
        "Councillor Henrik Dahl answered the mayor within the hour.",
        '<tweet author="@CllrHenrikDahl" datetime="2021-03-02">The pier was never closed for safety. '
        "It was closed for money.</tweet>",
    )
    assert "Henrik Dahl" in ex.speakers
    assert "embed" in _rules(ex, "Henrik Dahl")


def test_an_embedded_post_whose_handle_names_no_person_of_the_article_speaks_for_no_one() -> None:
    ex = _paragraphs(
        "Councillor Henrik Dahl answered the mayor within the hour, and others joined in.",
        '<tweet author="@harbourwatcher" datetime="2021-03-02">Closed for money, not safety.</tweet>',
    )
    assert not any(e.rule == "embed" for e in ex.evidence)


def test_the_named_subject_after_an_interview_phrase_speaks() -> None:
    ex = _extract(
        "The vote is set for May. But in an interview with the Courier on Monday, Councillor Henrik Dahl "
        "refused to rule out a second ballot."
    )
    assert "Henrik Dahl" in ex.speakers
    assert "interview" in _rules(ex, "Henrik Dahl")


def test_an_interview_phrase_before_a_passive_or_a_noun_names_no_speaker() -> None:
    passive = _extract("In an interview with the Courier, Henrik Dahl was asked about the second ballot.")
    assert "Henrik Dahl" not in passive.speakers
    noun = _extract(
        "In an interview with the Courier, Harbour Trust finance adviser Henrik Dahl said the fees would rise."
    )
    assert "Harbour Trust" not in noun.speakers
    assert "Henrik Dahl" in noun.speakers


def test_a_lone_one_word_label_is_no_transcript() -> None:
    # A place written as a dateline with a colon, in an article that names a person of the same surname.
    ex = _paragraphs(
        "The new bridge is named after the engineer Ingrid Lindesnes, who died last year.",
        "LINDESNES: The town council met on Monday and approved the budget for the bridge's second span.",
    )
    assert "Ingrid Lindesnes" not in ex.speakers


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet='AB ab:(\n"“.-’', max_size=60))
def test_the_label_pretest_agrees_with_the_label_pattern(text: str) -> None:
    # has_label searches after line breaks only (for speed); it must find what the line-start pattern finds.
    assert has_label(text) == (_LABEL_RE.search(text) is not None)


def test_a_wikinews_label_names_its_speaker_even_by_a_first_name_alone() -> None:
    ex = _paragraphs(
        "Our correspondent met the chess coach at the club's spring tournament.",
        "((WN))  When did you start playing?",
        "((Tiva))  At six. My grandmother taught me on a board with two missing pawns.",
        "((WN))  And coaching?",
        "((Tiva))  Much later, after university, when the club needed someone for the juniors.",
    )
    assert "Tiva" in ex.speakers
    assert "WN" not in ex.speakers
