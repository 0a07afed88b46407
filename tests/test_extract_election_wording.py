"""Wording of an election's last weeks and its aftermath, and the same constructions in other sections
(issue 10, session 10): an office won or named but not yet taken ("President-elect", "Leader-elect",
"Secretary of State-designate") is a title, stripped like the office itself; "the president-elect said" is
the article's one holder of that pending office; staff of a principal with a word saying what kind of staff
they are ("X's transition team", "the X campaign spokesman", "X's legal team") speak for X. Texts are our own."""

from __future__ import annotations

import pytest

from newsearch.extract import extract
from newsearch.models import Article


def run(body: str) -> tuple[list[str], list[str], list[tuple[str, str | None]]]:
    ex = extract(Article(id="t", headline="", body=body))
    return list(ex.speakers), [p.name for p in ex.parties], [(q.text, q.speaker) for q in ex.quotes]


# ----------------------------------------------------------------------------- pending titles
@pytest.mark.parametrize(
    ("body", "who"),
    [
        ("President-elect Anna Berg said on Tuesday that she would keep the harbour plan.", "Anna Berg"),
        ("President-Elect Anna Berg said on Tuesday that she would keep the harbour plan.", "Anna Berg"),
        ("Vice President-elect Tomas Brandt said the talks had gone well.", "Tomas Brandt"),
        ("Senate Minority Leader-elect Karl Holm said his party would fight the bill.", "Karl Holm"),
        ("Governor-elect Ines Moreau said she would sign the budget in January.", "Ines Moreau"),
        ("Mayor-elect Ana Lind told reporters the ferry would keep running.", "Ana Lind"),
        (
            "Secretary of State-designate Olaf Strand said he would leave the board of the firm.",
            "Olaf Strand",
        ),
        ("Prime Minister-designate Lena Vik said the cabinet would be named next week.", "Lena Vik"),
        ("The bank will grow this year, said chairman-elect Pavel Novak.", "Pavel Novak"),
        ("President Elect Anna Berg said on Tuesday that she would keep the harbour plan.", "Anna Berg"),
        ("Prime Minister Designate Lena Vik said the cabinet would be named next week.", "Lena Vik"),
        ("President–elect Anna Berg said on Tuesday that she would keep the harbour plan.", "Anna Berg"),
    ],
)
def test_an_elect_or_designate_title_is_stripped_like_the_office(body: str, who: str) -> None:
    speakers, parties, _ = run(body)
    assert speakers == [who]
    assert who in parties
    assert not any("elect" in p.lower() or "designate" in p.lower() for p in parties)


def test_a_quote_after_a_pending_title_goes_to_the_person() -> None:
    _, _, quotes = run('"We will keep the plan," said President-elect Anna Berg.')
    assert quotes == [("We will keep the plan,", "Anna Berg")]


def test_the_president_elect_is_the_one_holder_of_that_pending_office() -> None:
    body = (
        "President-elect Anna Berg met President Karl Holm at the palace on Monday. "
        "The president said the talks had gone well. The president-elect said she would keep the plan."
    )
    speakers, _, _ = run(body)
    assert speakers == ["Karl Holm", "Anna Berg"]


def test_the_president_elect_inverted_and_the_vice_president_elect() -> None:
    body = (
        "Vice President-elect Tomas Brandt met President-elect Anna Berg in the capital. "
        '"We agree on the budget," said the president-elect. The vice president-elect said the talks went well.'
    )
    speakers, _, quotes = run(body)
    assert sorted(speakers) == ["Anna Berg", "Tomas Brandt"]
    assert quotes == [("We agree on the budget,", "Anna Berg")]


def test_the_president_elect_with_no_holder_named_is_no_one() -> None:
    body = "Anna Berg met the board on Monday. The president-elect said she would keep the plan."
    assert run(body)[0] == []


# ----------------------------------------------------------------------------- staff with a modifier
@pytest.mark.parametrize(
    "body",
    [
        "Anna Berg won the state. Berg's transition team said in a statement that the call was routine.",
        "Anna Berg won the state. The Berg transition team said the list was not final.",
        "Anna Berg won the state. Berg's presidential transition team said the meeting was productive.",
        "Anna Berg won the state. A Berg campaign spokesman said the count was over.",
        "Anna Berg won the state. Berg campaign aides said the count was over.",
        "Anna Berg won the state. Berg campaign officials said the count was over.",
        "Anna Berg lost the state. Berg's re-election team said it would ask for a recount.",
        "Anna Berg sought a recount. Berg's legal team said the count was flawed.",
        "Anna Berg won the state. Berg's senior aides said she would speak on Wednesday.",
        "Anna Berg won the state. A spokesman for Berg's transition team said the meeting was productive.",
        'Anna Berg won the state. "The meeting was productive," a Berg transition spokesman said.',
        'Anna Berg won the state. "The meeting was productive," said a Berg transition spokeswoman.',
        "Anna Berg won the state. The meeting was productive, according to a Berg transition spokeswoman.",
        "Anna Berg won the final. Berg's medical team said the knee was fine.",
        "Anna Berg won the state. Berg's incoming press secretary said the deal would be reviewed.",
        "Anna Berg won the state. Berg's new spokesman said the deal would be reviewed.",
        "Anna Berg won the state. The incoming Berg administration said it would review the deal.",
    ],
)
def test_staff_of_a_kind_speak_for_their_principal(body: str) -> None:
    assert run(body)[0] == ["Anna Berg"]


def test_a_company_legal_team_speaks_for_the_company() -> None:
    assert run("Velmora Corp lost the case. Velmora's legal team said the ruling was wrong.")[0] == [
        "Velmora"
    ]


def test_a_named_staff_member_still_speaks_himself() -> None:
    assert run("Berg campaign chairman Tomas Brandt said the count was over.")[0] == ["Tomas Brandt"]


@pytest.mark.parametrize(
    ("body", "who"),
    [
        (
            "President-elect Anna Berg won the state. The president-elect's team said the meeting was productive.",
            "Anna Berg",
        ),
        (
            "President-elect Anna Berg won the state. The president-elect's transition team said the talks went well.",
            "Anna Berg",
        ),
        ("Governor Anna Berg vetoed the bill. The governor's office said the bill was flawed.", "Anna Berg"),
        (
            "Governor Anna Berg vetoed the bill. The governor's spokesman said the bill was flawed.",
            "Anna Berg",
        ),
        ("Anna Berg won the state. Her transition team said the meeting was productive.", "Anna Berg"),
    ],
)
def test_staff_of_a_described_holder_or_a_pronoun_speak_for_them(body: str, who: str) -> None:
    assert run(body)[0] == [who]


def test_staff_of_a_description_nobody_holds_have_no_speaker() -> None:
    assert (
        run("Anna Berg won the state. The president-elect's team said the meeting was productive.")[0] == []
    )
    assert run("Anna Berg won the state. His transition team said the meeting was productive.")[0] == []


# ----------------------------------------------------------------------------- "declared" after a quote
@pytest.mark.parametrize(
    "body",
    [
        '"We have won," Anna Berg declared in a victory speech shortly before 3 a.m.',
        '"We have won," Anna Berg declared on Wednesday.',
        'The plan would "ruin the harbour," Anna Berg declared in an interview on Thursday.',
    ],
)
def test_declared_after_a_closed_quote_reports_it(body: str) -> None:
    speakers, _, quotes = run(body)
    assert speakers == ["Anna Berg"]
    assert quotes and quotes[0][1] == "Anna Berg"


@pytest.mark.parametrize(
    "body",
    [
        "Anna Berg declared victory shortly before 3 a.m.",
        "Anna Berg declared a state of emergency in the county.",
        'The fans sang.\n\n"Velmora declares war on the harbour and will lose it, said one banner.',
    ],
)
def test_declared_as_an_act_is_no_speech(body: str) -> None:
    assert "Anna Berg" not in run(body)[0] and "Velmora" not in run(body)[0]


# ----------------------------------------------------------------------------- "the X transition", "the X camp"
@pytest.mark.parametrize(
    "body",
    [
        "Anna Berg won. The Berg transition said in a statement that the list was not final.",
        "Anna Berg won. Berg's transition said in a statement that the list was not final.",
        'Anna Berg won. "The list is not final," the Berg transition said in a statement.',
        "Anna Berg won. A spokesman for the Berg transition said the meeting was productive.",
        "Anna Berg won. The Berg camp said the list was not final.",
        'Anna Berg won. "The list is not final," said the Berg camp.',
    ],
)
def test_the_transition_or_camp_of_a_person_speaks_for_them(body: str) -> None:
    assert run(body)[0] == ["Anna Berg"]


# ----------------------------------------------------------------------------- staff of a description
@pytest.mark.parametrize(
    "body",
    [
        'President-elect Karl Holm won. "The list is not final," a spokeswoman for the president-elect said.',
        'President-elect Karl Holm won. "The list is not final," said a spokeswoman for the president-elect.',
        "President-elect Karl Holm won. A spokeswoman for the president-elect said the list was not final.",
        "Governor Karl Holm signed the bill. A spokesman for the governor said the list was not final.",
        'Governor Karl Holm signed the bill. "The list is not final," said an aide to the governor.',
    ],
)
def test_staff_of_a_described_holder_speak_for_the_holder(body: str) -> None:
    speakers, _, quotes = run(body)
    assert speakers == ["Karl Holm"]
    assert all(speaker == "Karl Holm" for _, speaker in quotes)


def test_staff_of_a_description_no_one_holds_stay_unnamed() -> None:
    speakers, _, quotes = run('Karl Holm won. "The list is not final," said a spokeswoman for the governor.')
    assert speakers == []
    assert quotes == [("The list is not final,", None)]


@pytest.mark.parametrize(
    "body",
    [
        'Anna Berg won. "The talks lasted an hour," said a spokesman for Berg\'s transition team.',
        "Anna Berg won. The talks lasted an hour, according to a spokesman for Berg's transition team.",
        'Anna Berg won. "The talks lasted an hour," said a spokeswoman for Berg\'s campaign.',
    ],
)
def test_staff_for_a_principals_own_team_after_the_verb_speak_for_the_principal(body: str) -> None:
    assert run(body)[0] == ["Anna Berg"]


def test_staff_for_another_persons_post_stay_unnamed() -> None:
    body = 'The Harbour Board met. "The talks lasted an hour," said a spokesman for the Board\'s chairman.'
    assert run(body)[0] == []


def test_a_president_elect_named_in_an_appositive_holds_the_pending_office() -> None:
    body = (
        "Karl Holm, the Republican president-elect, met the board on Monday. "
        "Later the president-elect said he would keep the plan."
    )
    assert run(body)[0] == ["Karl Holm"]


def test_the_governor_is_not_the_governor_elect() -> None:
    body = "Karl Holm, the governor-elect, met Governor Ana Lind on Monday. Later the governor said she would stay."
    assert run(body)[0] == ["Ana Lind"]


# ----------------------------------------------------------------------------- "the transition (team) said"
@pytest.mark.parametrize(
    "body",
    [
        "Anna Berg won. Berg's transition team began work on Monday. The transition team said the list was not final.",
        "Anna Berg won. The Berg transition began work on Monday. The transition said the list was not final.",
        'Anna Berg won. The Berg transition began work on Monday. "The list is not final," said the transition.',
        "Anna Berg's campaign ended in victory. The campaign team said it would hold a party.",
    ],
)
def test_the_transition_is_the_one_persons_transition_the_article_names(body: str) -> None:
    assert run(body)[0] == ["Anna Berg"]


@pytest.mark.parametrize(
    "body",
    [
        "Karl Holm's transition began. Anna Berg's transition began on Monday. The transition team said it was over.",
        "The board began the transition on Monday. The transition team said the list was not final.",
    ],
)
def test_the_transition_of_no_one_or_of_two_is_no_speaker(body: str) -> None:
    assert run(body)[0] == []
