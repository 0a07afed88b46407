"""Who said what on news the extractor was not tuned to: quote marks, verbs, appositives, pronouns,
nesting, provenance, entity names and kinds (newsearch.extract, issue 10). Texts are our own."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsearch.extract import extract
from newsearch.models import Article, Extraction


def art(body: str, headline: str = "") -> Article:
    return Article(id="t", headline=headline, body=body)


def speakers(body: str, headline: str = "") -> tuple[str, ...]:
    return extract(art(body, headline)).speakers


def quote_speakers(ex: Extraction) -> list[str | None]:
    return [q.speaker for q in ex.quotes]


# ----------------------------------------------------------------------------- quotation marks
def test_two_apostrophes_are_quotation_marks() -> None:
    body = "''We will not sign this deal,'' said Anna Berg, the harbour master. ''Not this year, not ever.''"
    ex = extract(art(body))
    assert [q.text for q in ex.quotes] == ["We will not sign this deal,", "Not this year, not ever."]
    assert quote_speakers(ex) == ["Anna Berg", "Anna Berg"]
    for q in ex.quotes:
        assert body[q.position : q.position + len(q.text)] == q.text


def test_horizontal_bar_is_a_dash() -> None:
    body = '"The harbour will stay open all winter, whatever the council decides." \u2015 Anna Berg'
    ex = extract(art(body))
    assert quote_speakers(ex) == ["Anna Berg"]
    assert ex.quotes[0].text == body[ex.quotes[0].position : ex.quotes[0].position + len(ex.quotes[0].text)]


def test_mixed_opening_and_closing_marks() -> None:
    ex = extract(art('"The port will reopen on Friday,” Anna Berg said.'))
    assert [(q.text, q.speaker) for q in ex.quotes] == [("The port will reopen on Friday,", "Anna Berg")]


def test_partly_quoted_speech_is_a_quote_of_its_clause() -> None:
    body = "Anna Berg said she was “deeply troubled” by the vote in the harbour council."
    ex = extract(art(body))
    [q] = ex.quotes
    assert q.speaker == "Anna Berg" and not q.direct
    assert "deeply troubled" in q.text and body[q.position : q.position + len(q.text)] == q.text


@pytest.mark.parametrize(
    ("body", "starts"),
    [
        (
            'Anna Berg warned on Tuesday that the truce was "fragile and reversible" after the clashes.',
            "the truce",
        ),
        ('Anna Berg told reporters at the quay that the cranes were "never inspected" at all.', "the cranes"),
        ('Anna Berg said repeatedly that the port was "perfectly safe" for ferries.', "the port"),
        (
            'Anna Berg said in a statement on Sunday that the vote was "a betrayal" of the dockers.',
            "the vote",
        ),
        # a lead with a verb, or ending in a noun that takes "that", is part of the reported words
        (
            'Anna Berg said her biggest worry is that the port is "simply unsafe" for ferries.',
            "her biggest worry",
        ),
        ('Anna Berg called for reforms to ensure that dockers are "paid first" next time.', "reforms to"),
    ],
)
def test_reported_words_start_after_what_stands_between_the_verb_and_that(body: str, starts: str) -> None:
    [q] = extract(art(body)).quotes
    assert q.speaker == "Anna Berg" and not q.direct
    assert q.text.startswith(starts) and body[q.position : q.position + len(q.text)] == q.text


def test_scare_quoted_title_is_no_partial_quote() -> None:
    ex = extract(art('Anna Berg said she had watched "Harbour Lights" twice.'))
    assert ex.quotes == ()


# ----------------------------------------------------------------------------- verbs and positions
@pytest.mark.parametrize(
    "body",
    [
        "Anna Berg denounced the harbour council's vote as a betrayal.",
        "Anna Berg testified that the cranes had never been inspected.",
        "Anna Berg attacked the council's plan as reckless, saying the port would close.",
        "Anna Berg continued to insist that the port was safe.",
        "Anna Berg sent out a statement reassuring the dockers.",
        "Anna Berg has hit out at the council for stalling over the strike.",
        "Anna Berg went after the council on Monday, calling its plan reckless.",
        "Anna Berg published an op-ed in the Kingsmouth Herald about the strike.",
        'In what Anna Berg calls a "harbour for the few", the ferries will stop in May.',
        '"You have sold the harbour to the highest bidder," Anna Berg charged in her reply to the council.',
        "Anna Berg, 54, of Kingsmouth, Vale., who chairs the dockers' committee, said the strike would go on.",
        '"The strike goes on," said Democratic councillor Anna Berg.',
        '"The strike goes on," said Anna Berg, a spokeswoman for the dockers.',
        "Anna Berg (D-Vale.) said the strike would go on.",
        "After Anna Berg said the strike would go on, the council met again.",
        # A long appositive still reaches its verb; one left open gives the verb to the person.
        "Anna Berg, a former harbour master who now studies the shipping routes of the northern ports at the "
        "Institute for Coastal and Maritime Transport Studies, said the strike would go on.",
        "Anna Berg, the communications director for the Harbour Workers Union said the strike would go on.",
        "Anna Berg, who is chairman of the Harbour Workers Union said the strike would go on.",
        "Anna Berg, head of the U.S.-based Harbour Institute, said the strike would go on.",
        # A list that ends with "and" inside the appositive.
        "Anna Berg, minister for ports, ferries, and fisheries, said the strike would go on.",
    ],
)
def test_named_speaker_in_many_positions(body: str) -> None:
    assert speakers(body) == ("Anna Berg",)


@pytest.mark.parametrize(
    "body",
    [
        "Anna Berg told Tomas Brandt that the strike would go on.",
        "Anna Berg accused Tomas Brandt of lying about the cranes.",
    ],
)
def test_listener_and_object_are_not_speakers(body: str) -> None:
    assert speakers(body) == ("Anna Berg",)


def test_a_country_that_attacks_is_no_speaker() -> None:
    assert speakers("France attacked the rebels' positions at dawn.") == ()
    assert speakers("Anna Berg asked about her response to the attack on the port.") == ("Anna Berg",)


def test_a_thing_named_like_a_person_is_no_antecedent() -> None:
    body = 'Harbour Business Jet seats 200 people, and a business jet is costly.\n\n"It is my favourite," she said.'
    assert speakers(body) == ()


def test_the_owner_of_a_speech_noun_speaks() -> None:
    assert speakers("Anna Berg's remarks about the port angered the dockers.") == ("Anna Berg",)
    assert speakers("The council rejected Anna Berg's repeated claims that the cranes were unsafe.") == (
        "Anna Berg",
    )
    assert speakers("The vote strengthened Anna Berg's claim to the harbour seat.") == ()
    assert speakers("Following the Harbour Board's announcement, the dockers went home.") == ()
    # Inside someone else's reported words it is second-hand, and it attributes no quote.
    assert speakers("Tomas Brandt said Anna Berg's comments were false.") == ("Tomas Brandt",)
    ex = extract(art('Anna Berg\'s comments angered the dockers.\n\n"We will not move," one docker said.'))
    assert [q.speaker for q in ex.quotes] == [None]


@pytest.mark.parametrize(
    ("body", "present", "absent"),
    [
        # The asker after "asked by" speaks; not a name inside the question, nor an outlet before a role.
        (
            "Asked by host Tomas Brandt whether the port would close, Anna Berg said no.",
            {"Tomas Brandt"},
            set(),
        ),
        (
            "Asked by a reporter whether the plan differed from Kingsmouth Harbour's, Anna Berg said no.",
            {"Anna Berg"},
            {"Kingsmouth Harbour"},
        ),
        (
            "Anna Berg was asked by Harbour Radio presenter Tomas Brandt whether the port would close.",
            set(),
            {"Harbour Radio"},
        ),
        # A name heading a section is no speaker; a "Name: ..." line of real length is.
        (
            "Here is what each candidate needs.\n\nAnna Berg: Win in a walk.\n\nThe former mayor leads every poll.",
            set(),
            {"Anna Berg"},
        ),
        (
            "Anna Berg: The harbour will stay open all winter, whatever the council decides on Monday.",
            {"Anna Berg"},
            set(),
        ),
        # A sentence that opens with "Said X"; not a place that qualifies the role after it.
        (
            "The crowd cheered. Said Anna Berg, who grew up by the harbour, \u201cWe were all so proud of him.\u201d",
            {"Anna Berg"},
            set(),
        ),
        (
            'The crowd cheered. Said Vale assistant coach Anna Berg: "We are positive about the ferry."',
            set(),
            {"Vale"},
        ),
        # A listed subject with a title before the second name.
        (
            "Former Vale Gov. Anna Berg (D) and former Harbour Board Chairman Tomas Brandt announced the port "
            "would close.",
            {"Anna Berg", "Tomas Brandt"},
            set(),
        ),
        # An appositive's list does not run into another name.
        (
            "Anna Berg, who backed Tomas Brandt, Vale., and strongly opposed the port, said the strike would go on.",
            {"Anna Berg"},
            {"Tomas Brandt"},
        ),
    ],
)
def test_speakers_present_and_absent(body: str, present: set[str], absent: set[str]) -> None:
    found = set(speakers(body))
    assert present <= found and not absent & found, found


def test_a_pollster_behind_according_to_is_no_speaker() -> None:
    assert speakers("Berg leads by six points, according to a new poll by Kingsmouth Research.") == ()
    assert speakers("Berg leads, according to exit polls conducted by Kingsmouth Research.") == ()
    assert speakers("Berg leads by six points, according to Kingsmouth Research.") == ("Kingsmouth Research",)


def test_the_principal_behind_a_spokeswoman_speaks() -> None:
    assert speakers("A spokeswoman for the Kingsmouth Port Authority said the cranes were safe.") == (
        "Kingsmouth Port Authority",
    )


def test_staff_opening_a_sentence_speak_for_their_principal() -> None:
    body = "The port closed. Lawyers for Anna Berg said the harbour account was private."
    ex = extract(art(body))
    assert ex.speakers == ("Anna Berg",) and "Lawyers for Anna Berg" not in {p.name for p in ex.parties}


def test_staff_in_apposition_speak_for_themselves() -> None:
    body = '"We are ready," the Port Authority spokesman, Tomas Brandt, said on Monday.'
    assert speakers(body) == ("Tomas Brandt",)


def test_a_speaker_inside_reported_words_is_not_a_speaker_of_its_own() -> None:
    body = (
        "Anna Berg said officials had warned that the council, which described the deal as final, would vote."
    )
    assert "Anna Berg" in speakers(body)
    body = "Officials said the plan had angered the Harbour Council, which described it as an insult."
    assert "Harbour Council" not in speakers(body)


@pytest.mark.parametrize(
    "body",
    [
        "Republicans said the vote was rigged.",
        "Many Americans say the port should stay open.",
        "Many Irish-Americans say the port should stay open.",
        "None of the Brandts would comment on the vote.",
        "Anna Berg reported from Kingsmouth.",
        "KINGSMOUTH, Vale. — Port workers walked out on Monday.",
        "Anna Berg spoke with Tomas Brandt for an hour.",
        "Anna Berg continued to maintain a lead in the polls.",
        "Anna Berg published a book about the port.",
        "The Harbour Board has written off the debt.",
        "The firm Acme Logistics advised on three of the deals.",
        # An unnamed speaker behind an inverted verb, and groups.
        '"The harbour is finished," said one former Harbour Party campaign aide.',
        '"The harbour is finished," said a Kingsmouth Council official.',
        "The plan drew sharp criticism from Democrats and Republicans alike.",
        "The port will close, according to Republicans who read the plan.",
    ],
)
def test_not_speakers(body: str) -> None:
    assert speakers(body) == ()


@pytest.mark.parametrize(
    "body",
    [
        "Marta Lindqvist claimed her second national sprint title in Bergen on Sunday.",
        "The Harbour Rovers have conceded nine goals in their last three away games.",
        "Later that evening Tomas Brandt claimed the runners-up spot with a late burst.",
        "Anna Berg missed out again as she claimed the bronze medal behind two Dutch riders.",
    ],
)
def test_claiming_a_prize_or_conceding_goals_is_no_speech(body: str) -> None:
    assert speakers(body) == ()


def test_claiming_or_conceding_words_still_speaks() -> None:
    assert speakers("Marta Lindqvist claimed the title race was fixed from the start.") == (
        "Marta Lindqvist",
    )
    assert speakers("Tomas Brandt conceded that the harbour plan had failed.") == ("Tomas Brandt",)
    assert speakers("Anna Berg claimed the vote had been rigged.") == ("Anna Berg",)


def test_a_participle_after_the_subject_reports_with_words() -> None:
    body = 'Anna Berg defended the vote on Monday, calling it "the only fair outcome for the dockers."'
    assert speakers(body) == ("Anna Berg",)
    assert speakers("Anna Berg flew to Kingsmouth on Monday, observing the cranes at work.") == ()


def test_headline_speaker_named_in_the_body() -> None:
    body = "The harbour master Anna Berg spoke to dockers on Monday about the cranes."
    assert "Anna Berg" in speakers(body, headline="Berg: The Cranes Are Safe")
    assert "Anna Berg" in speakers(body, headline="Anna Berg Says Cranes Are Safe")


def test_tweet_signature_names_its_author() -> None:
    body = "The cranes are finally moving again. pic.twitter.com/abc123 — Anna Berg (@annaberg) June 3, 2016"
    assert speakers(body) == ("Anna Berg",)


# ----------------------------------------------------------------------------- pronouns
@pytest.mark.parametrize(
    ("body", "text"),
    [
        ('Tomas Brandt won the vote on Monday. "We are thrilled," he said.', "We are thrilled,"),
        ("Anna Berg spoke. \u201cIt is awesome,\u201d said Anna Berg.", "It is awesome,"),
        (  # a partial quote keeps its closing mark, and no more
            'Anna Berg spoke on Monday. The plan was "wholly unfounded", she said.',
            'The plan was "wholly unfounded"',
        ),
        (  # also where the sentence holds another short quote before it
            'Anna Berg spoke. Despite the "late start," the ferry was "ready to sail," she said.',
            'Despite the "late start," the ferry was "ready to sail,"',
        ),
    ],
)
def test_a_short_quote_ends_before_the_words_that_attribute_it(body: str, text: str) -> None:
    ex = extract(art(body))
    assert [q.text for q in ex.quotes] == [text]
    assert body[ex.quotes[0].position :].startswith(text)


def test_pronoun_goes_to_the_person_of_its_gender() -> None:
    body = (
        "Maria Lopez met Tomas Brandt at the harbour on Monday.\n\n"
        '"The cranes are safe," she said. "Nobody has been hurt."'
    )
    ex = extract(art(body))
    assert quote_speakers(ex) == ["Maria Lopez", "Maria Lopez"]


def test_pronoun_after_a_name_before_a_title() -> None:
    body = (
        "Maria Lopez opened the meeting. Council adviser Tomas Brandt disagreed with the plan.\n\n"
        '"It cannot work," he said.'
    )
    assert quote_speakers(extract(art(body))) == ["Tomas Brandt"]


@pytest.mark.parametrize(
    ("body", "speaker"),
    [
        (  # the person a possessive pronoun stands for speaks through their campaign or staff
            "Maria Lopez toured the harbour on Monday. Her campaign said she would return in June.",
            "Maria Lopez",
        ),
        (
            "Tomas Brandt left the meeting early. His lawyers say the contract was never signed.",
            "Tomas Brandt",
        ),
        (  # "he's" is "he is" / "he has"
            "Tomas Brandt spoke after the vote. He's suggesting that the cranes be sold.",
            "Tomas Brandt",
        ),
    ],
)
def test_possessive_and_contracted_pronouns_speak(body: str, speaker: str) -> None:
    ex = extract(art(body))
    assert ex.speakers == (speaker,)
    rules = {e.rule for e in ex.evidence if e.facet == "speakers"}
    assert rules <= {"pronoun", "pronoun-of"}


def test_staff_of_a_possessive_after_a_preposition_is_not_the_principal() -> None:
    # The adviser speaks, not the person whose campaign it is; and "his office continued to" is no speech.
    body = (
        "Tomas Brandt had led the polls. Then an adviser to his campaign acknowledged that the money ran out. "
        "His office continued to process the claims."
    )
    assert speakers(body) == ()
    # ... and the staff after a preposition stay an unnamed speaker: their words are kept, unattributed.
    body = 'Maria Lopez lost the case. A spokesman for her lawyers called the ruling "deeply disappointing".'
    quotes = extract(art(body)).quotes
    assert len(quotes) == 1 and "deeply disappointing" in quotes[0].text and quotes[0].speaker is None


@pytest.mark.parametrize(
    "middle",
    [
        "Then Great Harbour played to a great crowd.",  # an opening word the article writes in lower case
        "Young Sailors gathered at the pier with young families.",
    ],
)
def test_pronoun_skips_a_name_that_opens_with_a_common_word(middle: str) -> None:
    body = f'Maria Lopez flew home on Monday. {middle}\n\n"We will win," she said.'
    assert quote_speakers(extract(art(body))) == ["Maria Lopez"]


# ----------------------------------------------------------------------------- provenance
@pytest.mark.parametrize(
    "middle",
    [
        # the sentence's subject is a pronoun: the first name in it is an object, not someone to refer to
        "He said he would rather hire Hans Brandt than anyone from the council.",
        "Later he told the board that Hans Brandt had been right about the cranes.",
        # a name that opens a reported or subordinate clause is no one to refer back to either
        "Erik Holm said that Hans Brandt had signed the lease too early.",
        "Holm wanted a fair deal, just as Hans Brandt did in the spring.",
    ],
)
def test_pronoun_skips_a_name_in_a_reported_or_object_position(middle: str) -> None:
    body = f'Erik Holm chairs the harbour board. {middle}\n\n"We will not sell," he said.'
    ex = extract(art(body))
    assert quote_speakers(ex) == ["Erik Holm"]
    assert "Hans Brandt" not in ex.speakers


def test_a_new_sentence_after_a_quote_opens_with_its_own_subject() -> None:
    # 'She added: "..."' and then a sentence with a name of its own: that name is the new sentence's subject.
    body = (
        'Maria Lopez runs the ferry line. She added: "The boats are full." Anna Berg, her deputy, '
        'has run the timetable for years.\n\n"We need two more boats," she said.'
    )
    assert quote_speakers(extract(art(body)))[-1] == "Anna Berg"


@pytest.mark.parametrize(
    ("body", "speaker"),
    [
        (  # a surname alone, never given a first name, that speaks elsewhere is a person to refer to
            "Kessler said on Monday that the port would open.\n\nThe board praised Erik Holm for the new "
            'cranes. After the vote, Kessler met the ferry crews on the pier.\n\n"We are ready," he said.',
            "Kessler",
        ),
        (  # ... and so is one that speaks at a sentence's start
            "The fares went up in May. Holm said the crews were tired. Brandt agreed with the harbour board."
            '\n\n"We are ready," he said.',
            "Brandt",
        ),
        (  # "Mrs. Berg" is "she", though the article's other Berg is a man
            "Karl Berg and Anna Berg run the ferry. Mr. Berg sold the tickets. Erik Holm praised them on "
            'Monday. But Mrs. Berg was not pleased.\n\n"It was far too short," he said.',
            "Erik Holm",
        ),
    ],
)
def test_pronoun_finds_a_surname_alone_and_a_titled_gender(body: str, speaker: str) -> None:
    assert quote_speakers(extract(art(body))) == [speaker]


# Two full names share a surname (a married couple), so the surname alone names neither: where it opens a
# sentence it is still that sentence's subject, and a "she"/"he" after it refers to it, not to the woman
# named before it.
_COUPLE = (
    "Ines Varga runs the river ferry. Her husband, Pavel Varga, keeps its books. The fares will stay as they "
    "are, Varga said.\n\nAnna Holm, a pilot, praised the crews on Monday.\n\n"
)


@pytest.mark.parametrize(
    ("middle", "pronoun", "speaker"),
    [
        ("Varga, 58, turned down our request. Asked why, she defended the fares.", "she", "Varga"),
        ("Varga did not see the problem.", "she", "Varga"),
        ("But Varga, who had sold the old boats a year before, was not worried.", "she", "Varga"),
        # (and where it speaks there, which reads a single word opening a sentence as an organisation)
        ("Varga agrees.", "she", "Varga"),
        # not where it modifies the name after it: a possessive, or the name of a campaign or firm before a
        # title
        ("Varga's old friend Peter Brandt came to the pier on Tuesday.", "he", "Peter Brandt"),
        ("And Varga campaign Chairman Peter Brandt met the press on Tuesday.", "he", "Peter Brandt"),
    ],
)
def test_pronoun_and_a_shared_surname_opening_a_sentence(middle: str, pronoun: str, speaker: str) -> None:
    body = _COUPLE + middle + f'\n\n"The boats are full every day," {pronoun} said.'
    assert quote_speakers(extract(art(body))) == [speaker]


def test_every_speaker_quote_and_party_has_evidence() -> None:
    body = (
        "KINGSMOUTH (Harbour Wire) — Anna Berg said on Monday that the cranes were safe.\n\n"
        '"Nobody has been hurt," she added. The Harbour Courier reported the vote first.'
    )
    ex = extract(art(body))
    by_facet: dict[str, set[str]] = {}
    for e in ex.evidence:
        assert e.rule, e
        by_facet.setdefault(e.facet, set()).add(e.name)
    assert set(ex.speakers) <= by_facet["speakers"]
    assert {p.name for p in ex.parties} <= by_facet["parties"]
    quote_rules = {e.position: e.rule for e in ex.evidence if e.facet == "quotes"}
    assert {q.position for q in ex.quotes} <= set(quote_rules)
    speaker_rules = {(e.name, e.rule, e.cue) for e in ex.evidence if e.facet == "speakers"}
    assert ("Anna Berg", "name-verb", "said") in speaker_rules
    assert ("Anna Berg", "pronoun", "added") in speaker_rules


# ----------------------------------------------------------------------------- entities
@pytest.mark.parametrize(
    ("run", "name"),
    [
        ("Actor Tomas Brandt said the film was finished.", "Tomas Brandt"),
        ("Tory Tomas Brandt said the vote was lost.", "Tomas Brandt"),
        ("Ohio Gov. Tomas Brandt said the vote was lost.", "Tomas Brandt"),
        ("Representative Peter T. King said the vote was lost.", "Peter T. King"),
        ("Harbour Board Counsel Anna M. Berg said the vote was lost.", "Anna M. Berg"),
        ("Political Correspondent Anna Berg said the vote was lost.", "Anna Berg"),
        ("Harbour executive Frank VanderBerg said the vote was lost.", "Frank VanderBerg"),
        ("RoseAnn Kettering said the vote was lost.", "RoseAnn Kettering"),
    ],
)
def test_titles_and_party_labels_are_stripped(run: str, name: str) -> None:
    assert speakers(run) == (name,)


@pytest.mark.parametrize("outlet", ["Leeds Globe", "Glasgow Inquirer", "Glasgow Observer", "Scotland Today"])
def test_a_newspaper_named_after_its_city_keeps_its_city(outlet: str) -> None:
    ex = extract(art(f"The {outlet} reported that the port would close."))
    assert ex.speakers == (outlet,)
    assert {p.name: p.kind for p in ex.parties}[outlet] == "outlet"


def test_a_surname_that_names_a_place_is_the_articles_person() -> None:
    body = 'Paul Lisbon sent two players off. "It was a foul," Lisbon, 41, said after the game.'
    ex = extract(art(body))
    assert ex.speakers == ("Paul Lisbon",) and "Portugal" not in {p.name for p in ex.parties}
    assert speakers("Lisbon said the talks would resume on Monday.") == ("Portugal",)


def test_non_names_are_never_parties() -> None:
    ex = extract(art("Sales of the iPod rose again. I'm sure MPs will ask, the Nations Cup organisers said."))
    names = {p.name for p in ex.parties}
    assert not names & {"Pod", "I'm", "MPs", "Nations", "Nations Cup"}


def test_clubs_and_companies_are_organisations() -> None:
    body = "Real Madrid beat Blackburn Rovers 3-1 on Saturday, and Acme Logistics Ltd said it would sponsor both."
    kinds = {p.name: p.kind for p in extract(art(body)).parties}
    assert kinds["Real Madrid"] == kinds["Blackburn Rovers"] == "organisation"
    assert "Acme Logistics Ltd" in kinds and "Ltd" not in kinds


def test_party_forms_file_under_one_name() -> None:
    body = "Tory leader Tomas Brandt said the Liberal Democrat plan would fail, and the Conservatives agreed."
    names = {p.name for p in extract(art(body)).parties}
    assert {"Conservative Party", "Liberal Democrats"} <= names
    assert not names & {"Tory", "Liberal Democrat", "Conservatives"}


# ----------------------------------------------------------------------------- robustness
_NEWSY = st.lists(
    st.sampled_from(
        [
            "''",
            "“",
            "”",
            '"',
            " said ",
            " told ",
            "Anna Berg",
            " he ",
            " she ",
            ", ",
            ". ",
            "\n\n",
            " — ",
            "Mr. ",
            "(D-Vale.)",
            " of ",
            " the ",
            "Kingsmouth",
            "@x",
            "<tweet>",
            "'s",
            " and ",
            " that ",
        ]
    ),
    max_size=60,
).map("".join)


@settings(max_examples=200, deadline=None)
@given(body=_NEWSY, headline=_NEWSY)
def test_any_newsy_text_extracts_with_valid_offsets(body: str, headline: str) -> None:
    ex = extract(art(body, headline))
    for q in ex.quotes:
        assert body[q.position : q.position + len(q.text)] == q.text
    assert set(ex.speakers) <= {p.name for p in ex.parties}
    assert len(set(ex.speakers)) == len(ex.speakers)


# ----------------------------------------------------------------------------- round 2: kinds and cues
def parties_of(body: str) -> dict[str, str]:
    return {p.name: p.kind for p in extract(art(body)).parties}


@pytest.mark.parametrize(
    "body",
    [
        "The band opened the night with their hit Take Your Mama and closed with a ballad.",
        "She sang Stand By Your Harbour, then Live And Let Sail, to a full hall.",
        "He starred in Midnight Ferry Crossing before moving to television.",
        "The quiz show Win It All Tonight returns to the harbour channel in May.",
    ],
)
def test_titles_of_works_are_not_people(body: str) -> None:
    kinds = parties_of(body)
    assert not [n for n, k in kinds.items() if k == "person"], kinds


def test_a_name_after_the_is_a_band_or_a_place_not_a_person() -> None:
    kinds = parties_of("The crowd sang along with the Harbour Lights and the Salt Sisters all evening.")
    assert kinds.get("Salt Sisters") == "organisation" and "person" not in kinds.values()
    # A person's name that qualifies a noun after "the" stays a person: "the Anna Berg song".
    assert (
        parties_of("They played the Anna Berg song twice, and Anna Berg waved.").get("Anna Berg") == "person"
    )
    assert parties_of("The final is at White Hart Lane on Sunday.").get("White Hart Lane") == "place"


def test_a_role_in_a_persons_film_keeps_the_person() -> None:
    kinds = parties_of(
        "She won praise for her role in Tomas Brandt's harbour drama, and Tomas Brandt agreed."
    )
    assert kinds.get("Tomas Brandt") == "person"


def test_time_and_adverbs_between_speaker_and_verb() -> None:
    assert speakers("Anna Berg on Wednesday morning also called on the council to act.") == ("Anna Berg",)
    assert speakers("Tomas Brandt even suggested that the strike could end.") == ("Tomas Brandt",)
    assert speakers("Anna Berg last week warned that the port would close.") == ("Anna Berg",)


def test_officials_of_an_organisation_speak_for_it_but_not_for_a_country() -> None:
    assert speakers("Harbour Authority officials said the port would reopen.") == ("Harbour Authority",)
    assert speakers("German officials said the port would reopen.") == ()
    assert speakers("Angry Labour MPs this week warned the minister about the port.") == ()


def test_an_acronym_after_a_name_with_and_stands_for_the_whole_name() -> None:
    body = "The Harbour Board for Ships and Ferries (HBSF) met on Monday. HBSF officials warned that fees would rise."
    assert speakers(body) == ("Harbour Board for Ships and Ferries",)


QUOTE = '"The biggest worry for the harbour is the winter storms this year," '


@pytest.mark.parametrize(
    ("tail", "speaker"),
    [
        ("scoffed Anna Berg, 22, who runs the ferry.", "Anna Berg"),  # a verb that inverts after a quote
        ("said former secretary of state Anna Berg.", "Anna Berg"),  # a role "of" a domain
        ("Mr. Prince said.", "Prince"),  # a surname that is also a title word, after an honorific
        ("said a friend of Anna Berg.", None),  # the name after "of" is not the speaker
    ],
)
def test_inverted_attributions_after_a_quote(tail: str, speaker: str | None) -> None:
    assert quote_speakers(extract(art(QUOTE + tail))) == [speaker]


def test_a_verb_that_inverts_only_after_a_quote_keeps_its_object_elsewhere() -> None:
    assert speakers("Anna Berg recalled Tomas Brandt as a friend of the harbour.") == ("Anna Berg",)


def test_a_paragraph_that_is_only_a_quote_goes_on_with_the_last_speaker() -> None:
    body = '"We will reopen the harbour in May," Anna Berg said.\n\n"Nobody will stop the ferries this time."'
    assert quote_speakers(extract(art(body))) == ["Anna Berg", "Anna Berg"]


def test_a_paragraph_that_is_only_a_quote_goes_to_who_spoke_since_the_last_quote() -> None:
    body = (
        '"We will reopen the harbour in May," Anna Berg said. Tomas Brandt, the ferry operator, said the plan '
        'was "too late".\n\n"Our boats have been waiting since the autumn and the crews are still unpaid."'
    )
    assert quote_speakers(extract(art(body)))[-1] == "Tomas Brandt"


def test_a_paragraph_that_is_only_a_quote_goes_to_the_speaker_the_paragraph_before_ends_with() -> None:
    body = (
        "The harbour will reopen in May, the harbour master Anna Berg said on Monday.\n\n"
        '"Nobody will stop the ferries this time, and the crews will be paid before the summer."'
    )
    assert quote_speakers(extract(art(body))) == ["Anna Berg"]


@pytest.mark.parametrize(
    ("body", "speaker"),
    [
        # A verb that inverts after a quote: the name after it posted the words.
        ('"The ferries will run again in May!" tweeted Anna Berg.', "Anna Berg"),
        ('"The ferries will run again in May," reports Harbour Weekly.', "Harbour Weekly"),
        # After an honorific the last word is a surname even when it is also a role word.
        ("''The ferries will run again in May,'' Mr. Singer said.", "Singer"),
        # A person in the appositive of an organisation's role speaks (and keeps the verb for themselves).
        (
            '"The ferries will run again in May," the Harbour Board press secretary, Tomas Brandt, said.',
            "Tomas Brandt",
        ),
        # A signature alone on its line under a paragraph that is one quote.
        (
            'Anna Berg spoke on Monday.\n\n"The harbour will stay open all winter, whatever happens."\n\n- Anna Berg.\n\n'
            "The council met later.",
            "Anna Berg",
        ),
        # Two apostrophes as quotation marks around a nested single quote: the inner one closes first.
        ("''Nobody here will accept 'a harbour for the few,''' said Anna Berg.", "Anna Berg"),
        # An opening mark typed where a closing one belongs.
        ("“The harbour will stay open all winter, whatever happens,“ said Anna Berg.", "Anna Berg"),
        # An outlet's reporter: the reporter speaks.
        (
            '"The harbour will stay open all winter, whatever happens," said Harbour Radio\'s Anna Berg.',
            "Anna Berg",
        ),
        # A possessive before a role and a name still leads to the speaker.
        (
            '"The ferries will run again in May," said Tomas Brandt\'s top harbour adviser Anna Berg.',
            "Anna Berg",
        ),
        # A capitalised description before a role word is not the pronoun's antecedent.
        (
            "Double Olympic champion Kelly Holmes was back to her best.\n\nThe 34-year-old was undecided. "
            '"I will probably be entered and make up my mind later," she said.',
            "Kelly Holmes",
        ),
    ],
)
def test_attributions_of_quote_marks_verbs_and_signatures(body: str, speaker: str) -> None:
    assert quote_speakers(extract(art(body))) == [speaker]


def test_a_pronoun_reporting_the_clause_before_it_is_not_a_name_in_that_clause() -> None:
    body = (
        "Anna Berg opened the harbour debate on Monday. Tomas Brandt has failed the ferry crews, she said, "
        'adding: "We need new boats."'
    )
    assert quote_speakers(extract(art(body))) == ["Anna Berg"]
    # Words after the verb: the name before the comma is the pronoun's antecedent.
    body = 'Anna Berg opened the debate. As for Tomas Brandt, he said he was "not worried about the ferries at all".'
    assert quote_speakers(extract(art(body))) == ["Tomas Brandt"]


def test_roundup_lines_inside_a_paragraph_and_party_labels_before_the_colon() -> None:
    body = (
        'Forecasters disagree - Anna Berg: "The storms will pass before the ferries sail." '
        'Tomas Brandt: "They will not pass before the end of the month."'
    )
    assert quote_speakers(extract(art(body))) == ["Anna Berg", "Tomas Brandt"]
    body = 'Rep. Anna Berg (D-N.Y.):"Nobody has shown me the ferry figures, not once this year."'
    assert extract(art(body)).speakers == ("Anna Berg",)


def test_a_signature_line_alone_is_no_speaker_without_a_quote_above() -> None:
    assert speakers("The harbour reopened on Monday.\n\n- Anna Berg\n\nThe council met later.") == ()


def test_plural_titles_are_stripped() -> None:
    ex = extract(
        art("Senators Anna Berg and Tomas Brandt met on Monday. Ms. Berg said the harbour would reopen.")
    )
    assert ex.speakers == ("Anna Berg",)
    assert "Senators Anna Berg" not in {p.name for p in ex.parties}


@pytest.mark.parametrize(
    "body",
    [
        'Anna Berg, a former adviser, said Tomas Brandt "understood he could not win the harbour vote alone."',
        "Anna Berg, who chairs the board, said Mr. Brandt's plans ''call into question the harbour's future''.",
        'Anna Berg, a pilot, said Tomas Brandt so far has been "a success by any measure of the harbour".',
    ],
)
def test_the_name_that_opens_the_reported_words_after_said_is_not_the_speaker(body: str) -> None:
    assert quote_speakers(extract(art(body))) == ["Anna Berg"]


# ----------------------------------------------------------------------------- round 5 constructions
@pytest.mark.parametrize(
    ("body", "speaker"),
    [
        ("Anna Berg withdrew the harbour plan, saying she had changed her mind.", "Anna Berg"),
        (
            "Councillor Anna Berg, who faces a hard vote in May, dropped the plan on Monday, saying the port "
            "could not pay for it.",
            "Anna Berg",
        ),
        ("The pilot, Tomas Brandt, backed the plan, arguing they had waited long enough.", "Tomas Brandt"),
        ("Anna Berg left the meeting early, telling reporters it had gone on too long.", "Anna Berg"),
    ],
)
def test_a_participle_with_a_clause_after_another_verb_reports_the_subject(body: str, speaker: str) -> None:
    assert speakers(body) == (speaker,)


@pytest.mark.parametrize(
    "body",
    [
        # No reported words after the participle.
        "Anna Berg flew to the harbour, observing the rescue from the pier.",
        "Anna Berg closed the harbour, adding to the anger of the fishermen.",
        "Anna Berg sold the boat, noting its age in the logbook.",
        # Members of a party are not the party.
        "Republicans, who hold a majority in the chamber, have blocked the harbour bill, saying it goes too far.",
        'Democrats in the chamber seized on the memo, arguing that it showed "intent" to mislead.',
    ],
)
def test_no_speaker_behind_these_participles(body: str) -> None:
    assert speakers(body) == ()


@pytest.mark.parametrize(
    "body",
    [
        "Sens. Anna Berg (D-Ore.), Tomas Brandt (R-Ind.) and Lena Holm (I-Vt.) criticized the harbour bill.",
        "Several senators, including Anna Berg (Ore.), Tomas Brandt (Ind.) and Lena Holm (Vt.) have denounced it.",
    ],
)
def test_a_listed_subject_keeps_every_name_behind_its_party_or_state_label(body: str) -> None:
    assert set(speakers(body)) == {"Anna Berg", "Tomas Brandt", "Lena Holm"}


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("Anna Berg won the harbour seat by promising lower fees for the fishermen.", ("Anna Berg",)),
        ("Anna Berg broke a long silence on Monday by asking questions about the port.", ("Anna Berg",)),
        # Not speech whatever the "by": an act, a passive's agent, another clause's subject.
        ("Anna Berg crowned a great day for the club by claiming victory in the final.", ()),
        ("The council wants to help the port by encouraging young people to volunteer.", ()),
        ("The harbour plan was hurt by saying too little about the fees.", ()),
        ("Although Anna Berg is no candidate, the mayor answered her by saying she was wrong.", ()),
    ],
)
def test_a_speech_participle_after_by_is_the_subjects_means(body: str, expected: tuple[str, ...]) -> None:
    ex = extract(art(body))
    assert ex.speakers == expected
    assert all(e.rule == "by-participle" for e in ex.evidence if e.facet == "speakers")


def test_an_appositive_may_open_with_also() -> None:
    body = 'Sen. Anna Berg (D-Ore.), also a harbour commissioner, called the plan "a disgrace."'
    assert speakers(body) == ("Anna Berg",)
    assert speakers("Anna Berg, also said the plan was a disgrace.") == ("Anna Berg",)


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("Anna Berg took to Facebook on Monday to denounce the harbour plan.", {"Anna Berg"}),
        (
            "Anna Berg, Lena Holm and Tomas Brandt went on Twitter to applaud the vote.",
            {"Anna Berg", "Lena Holm", "Tomas Brandt"},
        ),
        ("Anna Berg went on television to watch the final.", set()),
    ],
)
def test_a_medium_between_the_speaker_and_the_verb(body: str, expected: set[str]) -> None:
    assert set(speakers(body)) == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("Anna Berg is talking about closing the harbour for the winter.", ("Anna Berg",)),
        ("Anna Berg talks about a harbour open all winter.", ("Anna Berg",)),
        ("The harbour talks about the ferry fees failed.", ()),
        ("Anna Berg was referring to the ferry fees when she spoke.", ("Anna Berg",)),
        ("The Harbour Safety Agency is warning that the pier may collapse.", ("Harbour Safety Agency",)),
        # A passive is no speech; nor a progressive that names an activity.
        ("Anna Berg was told the harbour would close.", ()),
        ("Anna Berg is writing a second book about the harbour.", ()),
        ("The Harbour Board is encouraging firms to sell their shares.", ()),
    ],
)
def test_a_progressive_verb_of_saying_speaks(body: str, expected: tuple[str, ...]) -> None:
    assert speakers(body) == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # A second verb of the same subject after "but", "and on Monday", "and has".
        ("Anna Berg put off the vote but said the board could return later.", ("Anna Berg",)),
        ("Anna Berg freed up money for the harbour and on Monday announced more was coming.", ("Anna Berg",)),
        ("Anna Berg gave money to the fund, and has spoken out in favor of the port.", ("Anna Berg",)),
        # The subject is the run's person, not the party or office that describes it.
        (
            "Harbour Party Shadow Chancellor Tomas Brandt called the plan a sham but said it might pass.",
            ("Tomas Brandt",),
        ),
        # A description before the subject still lets it open the sentence.
        ("Harbour Party chairman Tomas Brandt ended the talks, saying they had failed.", ("Tomas Brandt",)),
        # Fillers between subject and verb: reflexives, "often".
        ("The Harbour Board itself said the deal was on.", ("Harbour Board",)),
        ("Anna Berg often attacked Tomas Brandt during the race.", ("Anna Berg",)),
        # Not the speaker: a name inside a noun phrase before a role, a passive, a bare verb after a modal.
        ("All of the Harbour Party candidates oppose the plan, and have pledged to end it.", ()),
        ("Other former Harbour Police officers chafed at the plan and said it was wrong.", ()),
        ("Anna Berg is being sued by her neighbour, claiming she broke a promise.", ()),
        ("The Harbour Board is often described as slow.", ()),
        ("Anna Berg could take a gamble and call Tomas Brandt into the crew.", ()),
    ],
)
def test_second_verbs_and_the_subject_of_a_sentence(body: str, expected: tuple[str, ...]) -> None:
    assert speakers(body) == expected


@pytest.mark.parametrize(
    "tail",
    [
        "said Air Force 1st Lt. Anna Berg.",  # an ordinal rank
        "said Harbour Board director of ferry planning, Anna Berg.",  # a role with "of" inside it
        "said analyst Anna Berg at Harbour Brothers.",  # the name's employer after "at" does not speak
        "says Anna Berg of the non-partisan Harbour Report.",
        "said Harbour Board constituent Anna Berg.",  # a role word between the names
    ],
)
def test_the_person_after_said_keeps_the_quote_whatever_stands_around_the_name(tail: str) -> None:
    ex = extract(art(f'"The pier will hold," {tail} "We checked it twice."'))
    assert ex.speakers == ("Anna Berg",)
    assert quote_speakers(ex) == ["Anna Berg", "Anna Berg"]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "Anna Berg, a harbour official, asked former Mayor Tomas Brandt whether the port would close.",
            {"Anna Berg"},
        ),
        ("Anna Berg was asked by host Tomas Brandt whether the port would close.", {"Tomas Brandt"}),
        ('"Will the port close?" asked Tomas Brandt, a harbour official.', {"Tomas Brandt"}),
        # The one asked is named earlier in the article: the asker still speaks.
        (
            "Tomas Brandt spoke first. Anna Berg, editor of The Harbour Post, asked Brandt if the port would close.",
            {"Anna Berg"},
        ),
    ],
)
def test_the_person_asked_is_not_the_one_asking(body: str, expected: set[str]) -> None:
    assert set(speakers(body)) == expected


# Round 10g (issue 10): the constructions this round reads, one row each (own sentences; the id names the
# construction). Rows whose names come out in a fixed order compare the tuple, lists compare the set.
_CONSTRUCTIONS_10G = [
    pytest.param(
        'Tomas Brandt, the author of "Salt and Iron," said the fees were fair.',
        ("Tomas Brandt",),
        id="short-quote-in-appositive-1",
    ),
    pytest.param(
        "Tomas Brandt, the diver known as “Gull,” stated that the pier was safe.",
        ("Tomas Brandt",),
        id="short-quote-in-appositive-2",
    ),
    pytest.param(
        'Anna Berg, who wrote "Harbour Lights" in 2010, said the fees were fair.',
        ("Anna Berg",),
        id="short-quote-in-appositive-3",
    ),
    pytest.param(
        "Tomas Brandt, however, said the fees were fair.",
        ("Tomas Brandt",),
        id="however-between-commas",
    ),
    pytest.param(
        "Anna Berg's advisers have long insisted that the race would tighten.",
        ("Anna Berg",),
        id="have-long-insisted",
    ),
    pytest.param(
        "Rival Anna Berg, however, has indicated she would not back the plan.",
        ("Anna Berg",),
        id="role-word-rival-stripped",
    ),
    pytest.param(
        (
            "The board, pushing the plan (like harbour aide Tomas Brandt, who called it “a steal” "
            "on Monday), has repeatedly emphasized that the port is safe."
        ),
        (),
        id="name-in-parenthesis-no-subject",
    ),
    pytest.param(
        (
            'Reporters noted the change.\n\n<tweet id="1" author="@annaberg" '
            'datetime="2016-09-01">The pier is shut again. — Anna Berg (@annaberg) September 1, '
            "2016</tweet>.\n\nThe rally went on."
        ),
        ("Anna Berg",),
        id="a_tweet_signed_with_a_dash_inside_markup_keeps_its_author-1",
    ),
    pytest.param(
        (
            "In Norden Vale, a town of ferries and fog, Tomas Brandt, the harbour board's "
            "chairman since spring, suggested that the tolls would stay as they are."
        ),
        ("Tomas Brandt",),
        id="a_name_after_a_sentence_opening_preposition-1",
    ),
    pytest.param(
        "On Harbour Radio on Tuesday, his wife, Anna Berg, called for calm.",
        ("Anna Berg",),
        id="a_name_after_a_sentence_opening_preposition-2",
    ),
    pytest.param(
        "On Tuesday Harbour Rovers said they would not raise their offer.",
        ("Harbour Rovers",),
        id="a_name_after_a_sentence_opening_preposition-3",
    ),
    pytest.param(
        (
            "Harbour Gov. Anna Berg on Monday signed an order to close the pier, while Tomas "
            'Brandt, the former mayor, proposed we "wait and see" and said the council should '
            "resign."
        ),
        ("Tomas Brandt",),
        id="a_second_verb_belongs_to_its_own_clauses_subject-1",
    ),
    pytest.param(
        (
            "Anna Berg closed the pier on Monday, while Tomas Brandt kept the ferry running, "
            "saying it was safe."
        ),
        ("Tomas Brandt",),
        id="a_second_verb_belongs_to_its_own_clauses_subject-2",
    ),
    pytest.param(
        (
            "Tomas Brandt was at fault for two goals, and Anna Berg conceded the side had "
            "struggled, adding that it would recover."
        ),
        ("Anna Berg",),
        id="a_second_verb_belongs_to_its_own_clauses_subject-3",
    ),
    pytest.param(
        "Anna Berg signed an order to close the pier and said the council should resign.",
        ("Anna Berg",),
        id="a_second_verb_belongs_to_its_own_clauses_subject-4",
    ),
    pytest.param(
        (
            "One sailor backing Mr. Brandt, Eva Lind of the Harbour Rowing Club in Norden, said she had "
            "made many calls."
        ),
        ("Eva Lind",),
        id="the_person_an_appositive_names_after_a_description_speaks-1",
    ),
    pytest.param(
        "A pastor who backs Mr. Brandt, Eva Lind, told the crowd the pier was safe.",
        ("Eva Lind",),
        id="the_person_an_appositive_names_after_a_description_speaks-2",
    ),
    pytest.param(
        "Anna Berg, Tomas Brandt and Eva Lind said the pier was safe.",
        ("Eva Lind", "Tomas Brandt", "Anna Berg"),
        id="the_person_an_appositive_names_after_a_description_speaks-3",
    ),
    pytest.param(
        "After the vote Anna Berg, the harbour master, said the pier was safe.",
        ("Anna Berg",),
        id="the_person_an_appositive_names_after_a_description_speaks-4",
    ),
    pytest.param(
        (
            "At a rally in Kingsmouth, Maine, on Tuesday, Senator Anna Berg endorsed Mr. Brandt, "
            'saying he would "make an outstanding mayor."'
        ),
        ("Anna Berg",),
        id="a_long_opening_phrase_with_a_preposition_keeps_the_subject-1",
    ),
    pytest.param(
        (
            "During a long debate on the harbour budget on Monday, Anna Berg closed the session "
            "and said the port was safe."
        ),
        ("Anna Berg",),
        id="a_long_opening_phrase_with_a_preposition_keeps_the_subject-2",
    ),
    pytest.param(
        (
            "Harbour Party chairman Anna Berg, for example, said Brandt's visit to Kingsmouth last "
            "Friday would earn the party attention."
        ),
        ("Anna Berg",),
        id="a_possessive_after_said_that_opens_the_reported_words-1",
    ),
    pytest.param(
        "Eva Lind, chief executive of the Harbour Trust, said Tomas Brandt's comment was ill-advised.",
        ("Eva Lind",),
        id="a_possessive_after_said_that_opens_the_reported_words-2",
    ),
    pytest.param(
        '"We won," said Brandt\'s spokesman Jason Miller.',
        ("Jason Miller",),
        id="a_possessive_after_said_that_opens_the_reported_words-3",
    ),
    pytest.param(
        "Anna Rhodes met the mayor in May. Later the Rhodes rail link was reopened.",
        (),
        id="a_persons_surname_ending_in_s_is_no_plural_before_a_bare_verb_form-1",
    ),
    pytest.param(
        "Six harbour newspapers in Maine, including the Kingsmouth Press, said he is unfit.",
        ("Kingsmouth Press",),
        id="examples_in_an_appositive_to_a_common_noun_speak-1",
    ),
    pytest.param(
        "Several fact checkers, including The Harbour Post, have pointed out that the figure was wrong.",
        ("Harbour Post",),
        id="examples_in_an_appositive_to_a_common_noun_speak-2",
    ),
    pytest.param(
        "Other candidates, including Anna Berg and Tomas Brandt, have said the tax is unfair.",
        ("Tomas Brandt", "Anna Berg"),
        id="examples_in_an_appositive_to_a_common_noun_speak-3",
    ),
    pytest.param(
        "According to the statement, Anna Berg met the mayor to discuss plans.",
        (),
        id="a_name_after_according_to_and_a_comma-1",
    ),
    pytest.param(
        "According to recent figures, Harbour Bank's profits tripled in the third quarter.",
        (),
        id="a_name_after_according_to_and_a_comma-2",
    ),
    pytest.param(
        "According to its chairman, Tomas Brandt, the pier is safe.",
        ("Tomas Brandt",),
        id="a_name_after_according_to_and_a_comma-3",
    ),
    pytest.param(
        "But later on Saturday, according to The Harbour Post, Anna Berg spoke to reporters.",
        ("Harbour Post",),
        id="a_name_after_according_to_and_a_comma-4",
    ),
    pytest.param(
        "Anna Berg Jr. said the pier was safe.",
        ("Anna Berg Jr.",),
        id="a_name_ending_in_jr_before_its_verb-1",
    ),
    pytest.param(
        "Sen. Tomas Brandt Jr. (D-Maine) said the pier was safe.",
        ("Tomas Brandt Jr.",),
        id="a_name_ending_in_jr_before_its_verb-2",
    ),
    pytest.param(
        "Martin Luther King Jr. said the dream was alive.",
        ("Martin Luther King Jr.",),
        id="a_name_ending_in_jr_before_its_verb-3",
    ),
    pytest.param(
        "His son Tomas Jr. announced that the delegates had voted.",
        ("Tomas Jr.",),
        id="a_name_ending_in_jr_before_its_verb-4",
    ),
    pytest.param(
        '"There is no doubt," said Representative Peter T. King of Maine.',
        ("Peter T. King",),
        id="a_surname_that_is_a_title_before_of-1",
    ),
    pytest.param(
        "Tomas Judge of the Harbour Board said the pier was safe.",
        ("Tomas Judge",),
        id="a_surname_that_is_a_title_before_of-2",
    ),
    pytest.param(
        "The pier was safe, as the host Anna Berg said on Monday.",
        ("Anna Berg",),
        id="as_the_role_name_said_is_a_clause-1",
    ),
]


_LISTS_10G = [
    pytest.param(
        "Anna Berg of Ohio and Tomas Brandt of Maine said they would back the bill.",
        {"Anna Berg", "Tomas Brandt"},
        id="listed_names_each_with_of_and_a_place_all_speak-1",
    ),
    pytest.param(
        (
            "Sens. Anna Berg of Ohio and Tomas Brandt of Maine, both up for reelection, also said "
            "they would back it."
        ),
        {"Anna Berg", "Tomas Brandt"},
        id="listed_names_each_with_of_and_a_place_all_speak-2",
    ),
    pytest.param(
        "The rivals, Anna Berg of Ohio and Tomas Brandt of Maine, have both urged the board to act.",
        {"Anna Berg", "Tomas Brandt"},
        id="listed_names_each_with_of_and_a_place_all_speak-3",
    ),
    pytest.param(
        'The side has been training in Kingsmouth and Tomas Brandt said: "We are ready for the final."',
        {"Tomas Brandt"},
        id="a_listed_subject_after_a_preposition-1",
    ),
    pytest.param(
        (
            "A study by Anna Berg and Eva Lind of Harbour University and Professor Tomas Brandt "
            "concluded that the pier was safe."
        ),
        {"Tomas Brandt"},
        id="a_listed_subject_after_a_preposition-2",
    ),
    pytest.param(
        "Several harbour leaders, including Anna Berg and Tomas Brandt, criticized the plan.",
        {"Anna Berg", "Tomas Brandt"},
        id="a_listed_subject_after_a_preposition-3",
    ),
    pytest.param(
        (
            "Other leaders, like Anna Berg and Tomas Brandt — two former harbour officials — have "
            "also said they back the plan."
        ),
        {"Anna Berg", "Tomas Brandt"},
        id="an_aside_between_dashes_before_the_verb-1",
    ),
    pytest.param(
        (
            "A former candidate -- Tomas Brandt, who lost the 2008 race to Berg -- said the mayor "
            '"offered no changes."'
        ),
        {"Tomas Brandt"},
        id="an_aside_between_dashes_before_the_verb-2",
    ),
    pytest.param(
        "The Harbour Post—even the devil can quote statistics—observed that the port runs at a loss.",
        {"Harbour Post"},
        id="an_aside_between_dashes_before_the_verb-3",
    ),
    pytest.param(
        "Tomas Brandt (whose crew lost the final last year) said the boat is faster now.",
        {"Tomas Brandt"},
        id="an_aside_between_dashes_before_the_verb-4",
    ),
    pytest.param(
        "Harbour Bank - itself a target of a lawsuit - said the papers had been backdated.",
        {"Harbour Bank"},
        id="an_aside_between_dashes_before_the_verb-5",
    ),
    pytest.param(
        (
            "Other leaders, like Anna Berg and Tomas Brandt — two former Eva Lind administration "
            "aides — have also said they back the plan."
        ),
        {"Anna Berg", "Tomas Brandt"},
        id="an_aside_between_dashes_before_the_verb-6",
    ),
    pytest.param(
        'Her chief aide, Jake Lind, calls her record a "blueprint" for growth.',
        {"Jake Lind"},
        id="plural_and_singular_subjects_before_a_bare_verb_form-1",
    ),
    pytest.param(
        "His parents, Graham and Sherry, plead for calm.",
        {"Graham", "Sherry"},
        id="plural_and_singular_subjects_before_a_bare_verb_form-2",
    ),
    pytest.param(
        "The Harbour Board and the Ferry Union say the fees must rise.",
        {"Ferry Union", "Harbour Board"},
        id="plural_and_singular_subjects_before_a_bare_verb_form-3",
    ),
    pytest.param(
        "The coach singled out Tom Lind and Eva Berg for special praise.",
        set(),
        id="plural_and_singular_subjects_before_a_bare_verb_form-4",
    ),
    pytest.param(
        "Professors Anna Berg and Tomas Brandt suggest the harbour is safe.",
        {"Anna Berg", "Tomas Brandt"},
        id="plural_and_singular_subjects_before_a_bare_verb_form-5",
    ),
]


@pytest.mark.parametrize(("body", "expected"), _CONSTRUCTIONS_10G)
def test_round_10g_constructions(body: str, expected: tuple[str, ...]) -> None:
    assert speakers(body) == expected


@pytest.mark.parametrize(("body", "expected"), _LISTS_10G)
def test_round_10g_listed_speakers(body: str, expected: set[str]) -> None:
    assert set(speakers(body)) == expected


def test_markup_left_in_the_text_names_no_speaker() -> None:
    body = (
        "One resident wrote about the pier.\n\n"
        '<tweet tweet-author="@HarbourNews" tweet-date="March 4, 2016">.@AnnaBerg promises to shut the pier '
        "https://t.co/x<tweet/>.\n\n"
        'Anna Berg said the repairs would take a week. "We are on it," she said.'
    )
    ex = extract(art(body))
    assert ex.speakers == ("Anna Berg",)
    assert quote_speakers(ex) == ["Anna Berg"]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            'Tomas Brandt, the No. 2 in the harbour leadership, put it: "This person will not be confirmed."',
            "put it",
        ),
        ("Anna Berg forecast that the pier would close within a year.", "forecast"),
    ],
)
def test_a_verb_whose_past_is_its_base_form_speaks_after_a_name(body: str, expected: str) -> None:
    ex = extract(art(body))
    assert [(e.name, e.cue) for e in ex.evidence if e.facet == "speakers"] == [(ex.speakers[0], expected)]


# Round 10h: one row per construction (own sentences); "must not" rows pin what a widening must not do.
_CONSTRUCTIONS_10H = [
    pytest.param(
        "Anna Berg closed the harbour office on Friday, citing a shortage of staff.",
        ("Anna Berg",),
        id="a_speech_participle_with_a_noun_object_after_any_verb-1",
    ),
    pytest.param(
        "The Harbour Board raised the mooring fees twice last year, blaming the cost of repairs.",
        ("Harbour Board",),
        id="a_speech_participle_with_a_noun_object_after_any_verb-2",
    ),
    pytest.param(
        "Tomas Brandt also joined the debate on the pier, announcing on Monday a review of its budget.",
        ("Tomas Brandt",),
        id="a_speech_participle_with_a_noun_object_after_any_verb-3",
    ),
    pytest.param(
        "Several Harbour Board members left the meeting early, citing the late hour.",
        (),
        id="a_speech_participle_after_members_is_not_the_body_speaking",
    ),
    pytest.param(
        "Anna Berg walked along the pier, observing the repairs.",
        (),
        id="a_participle_of_seeing_with_a_noun_object_is_no_speech",
    ),
    pytest.param(
        "Anna Berg, who endorsed Tomas Brandt in May and said the pier must close, spoke at the quay.",
        ("Anna Berg",),
        id="a_relative_clause_second_verb_belongs_to_its_head_not_its_object-1",
    ),
    pytest.param(
        "The mayor came too. Eva Lind, who has backed Tomas Brandt for years and argued that the fees were fair, left.",
        ("Eva Lind",),
        id="a_relative_clause_second_verb_belongs_to_its_head_not_its_object-2",
    ),
    pytest.param(
        "Anna Berg referenced the harbour fees twice in her speech on Monday.",
        ("Anna Berg",),
        id="referenced_is_a_verb_of_saying",
    ),
    pytest.param(
        "Fares rose twice this winter, and the Harbour Union took the ferry company to court, saying the rises were illegal.",
        ("Harbour Union",),
        id="a_participle_after_a_clause_that_opens_with_and_belongs_to_that_clause",
    ),
    pytest.param(
        "His pitch to the council went badly, especially once Anna Berg answered it by listing every broken promise.",
        ("Anna Berg",),
        id="a_by_participle_in_a_subordinate_clause_belongs_to_its_subject",
    ),
    pytest.param(
        "On the last day of the hearing, Judge Anna Berg surprised the room by asking who had signed the accounts.",
        ("Anna Berg",),
        id="a_by_participle_after_an_opening_phrase",
    ),
    pytest.param(
        "After Anna Berg left the quay, the crowd cheered, saying the pier was saved.",
        (),
        id="a_comma_participle_is_not_the_subordinate_clauses_subjects",
    ),
    pytest.param(
        "Reading list. [HT.]  -Anna Berg explains why the pier closed. [HT.]  -Tomas Brandt asks who pays. [KT]",
        ("Anna Berg", "Tomas Brandt"),
        id="a_roundup_item_after_a_glued_hyphen_bullet",
    ),
    pytest.param(
        "~ The ferry was late again.  ~ Eva Lind complained about the timetable for an hour and then admitted she liked the boat.",
        ("Eva Lind",),
        id="a_roundup_item_after_a_tilde_bullet",
    ),
    pytest.param(
        'The board met.\n\n"The ferries will run again in May, whatever the weather."\n\n- Tomas Brandt.\n\nIt rained.',
        ("Tomas Brandt",),
        id="a_spaced_hyphen_before_a_name_still_signs_a_line",
    ),
    pytest.param(
        'Eva Lind conceded the fees could be called "far too high," the Kingsmouth Courier reported in 1998.',
        ("Eva Lind", "Kingsmouth Courier"),
        id="a_name_after_a_closing_quote_and_comma_reports_the_whole_not_nested",
    ),
    pytest.param(
        'Eva Lind conceded the fees could be called "far too high," Tomas Brandt said on Monday.',
        ("Eva Lind", "Tomas Brandt"),
        id="a_name_after_a_closing_quote_and_comma_with_a_time_after_its_verb",
    ),
]


_CONSTRUCTIONS_10I = [
    pytest.param(
        "The archive holds 4,000 Harbour Board emails that nobody has read, Anna Berg said.",
        ("Anna Berg",),
        id="a_count_before_the_name_makes_a_plural_form_a_noun-1",
    ),
    pytest.param(
        "The council read those Harbour Board reports that reached it late, Anna Berg said.",
        ("Anna Berg",),
        id="a_count_before_the_name_makes_a_plural_form_a_noun-2",
    ),
    pytest.param(
        "Critics derided Harbour Board claims that the pier was safe.",
        ("Harbour Board",),
        id="a_count_before_the_name_makes_a_plural_form_a_noun-must_not_after_a_verb",
    ),
]


@pytest.mark.parametrize(("body", "expected"), _CONSTRUCTIONS_10H + _CONSTRUCTIONS_10I)
def test_round_10h_constructions(body: str, expected: tuple[str, ...]) -> None:
    assert speakers(body) == expected


# Round 10k: names of a list that the rules did not reach (own sentences); "must not" rows pin the limits.
_CONSTRUCTIONS_10K = [
    pytest.param(
        "Two harbour rivals, Sens. Anna Berg and Tomas Brandt, said the fees were too high.",
        ("Tomas Brandt", "Anna Berg"),
        id="a_plural_title_after_a_comma_stays_with_its_names",
    ),
    pytest.param(
        "The two Democrats, Anna Berg and Senator Tomas Brandt, said the harbour fees were too high.",
        ("Anna Berg", "Tomas Brandt"),
        id="names_alone_in_apposition_to_a_group_are_its_members",
    ),
    pytest.param(
        "Democrats, a group of former harbour pilots, said the fees were too high.",
        (),
        id="names_alone_in_apposition_to_a_group-must_not_other_words",
    ),
    pytest.param(
        "Several Democrats, like Anna Berg, Tomas Brandt and Eva Lind — all on the harbour committee — told "
        "the council the fees were too high.",
        ("Anna Berg", "Tomas Brandt", "Eva Lind"),
        id="every_example_of_a_run_split_at_and_speaks",
    ),
    pytest.param(
        "Harbour pilots Anna Berg and Tomas Brandt, and Mayor Eva Lind, criticised the new fees.",
        ("Eva Lind", "Anna Berg", "Tomas Brandt"),
        id="a_list_of_lists_gives_every_name",
    ),
    pytest.param(
        "The Harbour Board, which runs the Pier Cafe and the Beach Kiosk, the Dock Union and the Ferry Company "
        "have all announced new fees.",
        ("Ferry Company", "Dock Union", "Beach Kiosk"),  # (not the Pier Cafe; the Kiosk is an older error)
        id="a_list_of_lists_gives_every_name-must_not_after_a_plain_comma",
    ),
    pytest.param(
        "Anna Berg and Tomas Brandt closed the harbour office on Friday, citing a shortage of staff.",
        ("Tomas Brandt", "Anna Berg"),
        id="a_participle_after_a_listed_subject_is_every_name_s",
    ),
    pytest.param(
        "Anna Berg, Tomas Brandt and Eva Lind proposed a new pier and said the old one was unsafe.",
        ("Tomas Brandt", "Eva Lind", "Anna Berg"),
        id="a_second_verb_after_a_listed_subject_is_every_name_s",
    ),
    pytest.param(
        "Anna Berg, Harbour Board chair, closed the harbour office on Friday, citing a shortage of staff.",
        ("Anna Berg",),
        id="a_participle_after_a_listed_subject-must_not_without_and",
    ),
    pytest.param(
        "Anna Berg and Tomas Brandt's company closed the harbour office, citing a shortage of staff.",
        (),
        id="a_participle_after_a_listed_subject-must_not_an_owner",
    ),
    pytest.param(
        "Harbour Board Director Anna Berg closed the office on Monday and said it was unsafe.",
        ("Anna Berg",),
        id="a_second_verb_after_a_listed_subject-must_not_a_title_run",
    ),
    pytest.param(
        '"The pier is not safe for anyone," said a spokesman for the Harbour Board.',
        ("Harbour Board",),
        id="the_principal_of_staff_after_the_verb_speaks-for",
    ),
    pytest.param(
        '"The pier is not safe for anyone," said a Harbour Board spokeswoman.',
        ("Harbour Board",),
        id="the_principal_of_staff_after_the_verb_speaks-compound",
    ),
    pytest.param(
        '"The pier is not safe for anyone," said a longtime aide to Governor Anna Berg.',
        ("Anna Berg",),
        id="the_principal_of_staff_after_the_verb_speaks-aide_to",
    ),
    pytest.param(
        'Anna Berg toured the pier. "It is not safe for anyone," said the Berg campaign.',
        ("Anna Berg",),
        id="the_principal_of_staff_after_the_verb_speaks-campaign",
    ),
    pytest.param(
        '"The pier is not safe for anyone," said a spokesman for the Harbour Board, Tomas Brandt.',
        ("Tomas Brandt",),
        id="the_principal_of_staff_after_the_verb-a_person_in_apposition_speaks",
    ),
    pytest.param(
        '"The pier is not safe for anyone," said a Swedish official.',
        (),
        id="the_principal_of_staff_after_the_verb-must_not_a_nationality",
    ),
    pytest.param(
        '"The pier is not safe for anyone," said a Democratic strategist.',
        (),
        id="the_principal_of_staff_after_the_verb-must_not_a_party_word",
    ),
    pytest.param(
        '"The pier is not safe for anyone," said a Harbour Board member.',
        (),
        id="the_principal_of_staff_after_the_verb-must_not_a_member",
    ),
    pytest.param(
        "Advisers to Sen. Anna Berg and Rep. Tomas Brandt said the pier was closed.",
        ("Anna Berg", "Tomas Brandt"),
        id="staff_for_a_list_speak_for_every_name",
    ),
    pytest.param(
        "Her husband, Will, said the pier was closed.",
        ("Will",),
        id="a_given_name_that_is_also_a_word_in_apposition_to_a_family_noun",
    ),
    pytest.param(
        "The board gave her a Grant, and she said thanks.",
        (),
        id="a_given_name_that_is_also_a_word-must_not_elsewhere",
    ),
    pytest.param(
        "Anna Berg toured the pier. Berg's daughter, Hope, wrote to the pilots, saying the pier would reopen.",
        ("Hope",),
        id="the_person_in_apposition_to_what_a_name_owns_takes_the_participle",
    ),
    pytest.param(
        "Anna Berg toured the pier. Berg's campaign manager, Tomas Brandt, closed the office and said it was "
        "unsafe.",
        ("Tomas Brandt",),
        id="the_person_in_apposition_to_what_a_name_owns_takes_the_second_verb",
    ),
    pytest.param(
        "Anna Berg toured the pier. Berg's row with the Harbour Board grew, calling the fees into question.",
        (),
        id="the_person_in_apposition_to_what_a_name_owns-must_not_without_one",
    ),
    pytest.param(
        "Anna Berg, Tomas Brandt and many more Swedes said the pier was closed.",
        ("Anna Berg", "Tomas Brandt"),
        id="a_list_that_ends_with_many_more_of_a_group",
    ),
    pytest.param(
        "Anna Berg and others have said the pier was closed.",
        ("Anna Berg",),
        id="a_name_and_others",
    ),
    pytest.param(
        "Harbour pilots — including Fleet Commander Adm. Anna Berg and Tomas Brandt — warned the council "
        "that the pier is unsafe.",
        ("Anna Berg", "Tomas Brandt"),
        id="named_examples_in_an_aside_between_dashes_speak",
    ),
    pytest.param(
        "Several pilots - including Anna Berg and Tomas Brandt - have promised to stay until May.",
        (),
        id="named_examples_in_an_aside_between_dashes-must_not_an_undertaking",
    ),
    pytest.param(
        "Pilots — like Anna Berg — who say the pier is unsafe have stopped using it.",
        (),
        id="named_examples_in_an_aside_between_dashes-must_not_a_relative_clause",
    ),
    pytest.param(
        '"The pier is closed," said the Harbour Board\'s Anna Berg.',
        ("Anna Berg",),
        id="after_the_verb_an_organisation_s_person_speaks",
    ),
    pytest.param(
        '"The pier is closed," says the Kingsmouth Courier\'s Anna Berg in Harwich.',
        ("Anna Berg",),
        id="after_the_verb_an_organisation_s_person_speaks-with_a_place",
    ),
    pytest.param(
        "Anna Berg toured the pier. Berg's Harbour Board deputy, Tomas Brandt, shut the office on Friday, "
        "citing storm damage.",
        ("Tomas Brandt",),
        id="the_person_in_apposition_to_what_a_name_owns-a_capitalised_role",
    ),
    pytest.param(
        "31-year-old Anna Berg, a harbour pilot, shut the office on Friday, citing storm damage.",
        ("Anna Berg",),
        id="an_age_before_the_subject_only_describes_it",
    ),
    pytest.param(
        "Anna Berg closed the pier yesterday, the council said, adding that it would reopen in May.",
        (),
        id="a_participle_after_a_reporting_clause_is_the_reporter_s-unnamed",
    ),
    pytest.param(
        "Anna Berg closed the pier yesterday, Tomas Brandt said, adding that it would reopen in May.",
        ("Tomas Brandt",),
        id="a_participle_after_a_reporting_clause_is_the_reporter_s-named",
    ),
    pytest.param(
        "A spokesman for the Harbour Board, Tomas Brandt, said the pier was closed.",
        ("Harbour Board", "Tomas Brandt"),
        id="the_person_in_apposition_to_staff_before_the_verb_speaks",
    ),
    pytest.param(
        "A spokesman for the Harbour Board, a public body, said the pier was closed.",
        ("Harbour Board",),
        id="the_person_in_apposition_to_staff_before_the_verb-must_not_a_description",
    ),
    pytest.param(
        "Aides to Anna Berg said the pier was closed.",
        ("Anna Berg",),
        id="staff_at_the_start_of_a_sentence_speak_for_their_principal",
    ),
    pytest.param(
        "The pier is closed, according to a spokeswoman for the Harbour Board.",
        ("Harbour Board",),
        id="the_principal_of_staff_after_according_to_speaks",
    ),
    pytest.param(
        "The pier is closed, according to shipping and IT consultant Tomas Brandt.",
        ("Tomas Brandt",),
        id="the_principal_of_staff_after_according_to-must_not_without_a_determiner",
    ),
]


@pytest.mark.parametrize(("body", "expected"), _CONSTRUCTIONS_10K)
def test_round_10k_constructions(body: str, expected: tuple[str, ...]) -> None:
    assert sorted(speakers(body)) == sorted(expected)  # (which names, not their order)


def test_the_principal_after_the_verb_takes_the_quote_before_it() -> None:
    ex = extract(art('"The pier is not safe for anyone," said a spokesman for the Harbour Board.'))
    assert quote_speakers(ex) == ["Harbour Board"]


# ----------------------------------------------------------------------------- given names and surnames that are words
@pytest.mark.parametrize("first", ["Bill", "Will", "Christian", "Oscar"])
def test_given_name_that_is_a_word_opens_a_full_name(first: str) -> None:
    # At a sentence's start or after another person of the same surname: the full name, never the other person.
    assert speakers(f"{first} Hallorand attacked the harbour budget on Tuesday.") == (f"{first} Hallorand",)
    body = f"Mary Hallorand praised the harbour budget. {first} Hallorand attacked it on Tuesday, saying it was waste."
    ex = extract(art(body))
    assert set(ex.speakers) == {"Mary Hallorand", f"{first} Hallorand"}
    later = [e.name for e in ex.evidence if e.facet == "speakers" and e.position >= body.index(f"{first} ")]
    assert later and set(later) == {f"{first} Hallorand"}


def test_modal_will_before_a_name_in_a_question_is_no_given_name() -> None:
    ex = extract(
        art("Anna Berg met the board. Will Berg resign before the vote? Nobody knows, a clerk said.")
    )
    assert "Will Berg" not in ex.speakers and "Will Berg" not in [p.name for p in ex.parties]


def test_given_name_then_a_title_word_is_a_person() -> None:
    # "Singer", "King", "Major" are titles or jobs too; after a given name they are a surname.
    assert speakers("The fund manager Karl Singer said the levy was unfair.") == ("Karl Singer",)


@pytest.mark.parametrize("surname", ["West", "Will", "May", "Page", "Best", "King", "Major", "Singer"])
def test_common_word_surname_resolves_to_the_article_full_name(surname: str) -> None:
    body = (
        f"Councillor Dana {surname} spoke to farmers in the valley on Monday. "
        f'"We will not give up on the dam," {surname} said.'
    )
    ex = extract(art(body))
    assert ex.speakers == (f"Dana {surname}",)
    assert quote_speakers(ex) == [f"Dana {surname}"]


@pytest.mark.parametrize("surname", ["West", "Will", "May", "Page"])
def test_common_word_surname_without_a_full_name_stays_a_word(surname: str) -> None:
    ex = extract(art(f'"We will not give up on the dam," {surname} said. The valley waited.'))
    assert ex.speakers == ()
    assert surname not in [p.name for p in ex.parties]


def test_common_word_after_a_determiner_is_no_surname() -> None:
    body = 'Dana West opened the fair. "It is a good year," the West said in its own view, a clerk added.'
    ex = extract(art(body))
    west = [e for e in ex.evidence if e.facet == "speakers" and e.name == "Dana West"]
    assert all(e.position < body.index("the West") for e in west)


# ----------------------------------------------------------------------------- conjuncts of a preposition's object
@pytest.mark.parametrize(
    "body",
    [
        "The head of the Harbour Board in Kingsmouth and Eastport said the fees would rise.",
        "Shop owners in Kingsmouth and Eastport said the fees would rise.",
        "The star of Harbour Lights and Dry Dock said the fees would rise.",
    ],
)
def test_second_conjunct_of_a_prepositions_object_is_no_subject(body: str) -> None:
    assert speakers(body) == ()


@pytest.mark.parametrize(
    ("body", "who"),
    [
        # After "including", "from", "by": the names may speak, as before.
        (
            "A buyers' group including Kingsmouth Ferries Ltd and Eastport Tugs Inc told the board it would bid.",
            "Eastport Tugs Inc",
        ),
        # A person after a place is a new subject.
        ("The talks were held at Kingsmouth and Anna Berg said the fees would rise.", "Anna Berg"),
    ],
)
def test_conjunct_after_an_agent_or_a_person_still_speaks(body: str, who: str) -> None:
    assert who in speakers(body)


@pytest.mark.parametrize(
    ("body", "who"),
    [
        (
            "The Council for Harbour Planning and Development said fees would rise.",
            "Council for Harbour Planning and Development",
        ),
        (
            "A spokesman for the Ministry of Ferries and Tourism said fees would rise.",
            "Ministry of Ferries and Tourism",
        ),
    ],
)
def test_one_word_after_and_ends_a_bodys_name(body: str, who: str) -> None:
    # Not "Development" or "Tourism" alone as a second speaker.
    assert speakers(body) == (who,)


def test_a_name_or_acronym_after_and_is_a_second_party() -> None:
    assert set(speakers("The Ministry of Ferries and Anna Berg said fees would rise.")) >= {"Anna Berg"}
    assert "FBI" in speakers("The Department of Harbours and FBI said fees would rise.")


def test_a_run_written_mid_sentence_keeps_its_first_word_at_a_sentence_start() -> None:
    body = "Global Kestrelwatch praised the plan. The plan was covered by Global Kestrelwatch too."
    assert speakers(body) == ("Global Kestrelwatch",)
    # Written only at sentence starts, a common first word still reads as a word ("Global sales").
    assert speakers("Global Kestrelwatch praised the plan. Nobody else did.") == ("Kestrelwatch",)


def test_a_given_name_that_is_also_a_place_never_gives_another_person() -> None:
    # The shipped given names include some places; the surname alone must not become the article's other person.
    from newsearch.extract.aliases import default_aliases
    from newsearch.extract.lexicon import lexicon

    table = default_aliases()
    placed = sorted(
        n for n in lexicon().female_names | lexicon().male_names if table.canonical(n) is not None
    )
    assert placed, "the test needs a given name that the gazetteer also knows"
    for first in placed:
        body = f"Mary Hallorand praised the harbour plan. Later, {first} Hallorand said it was waste."
        ex = extract(art(body))
        said = [e.name for e in ex.evidence if e.facet == "speakers" and e.cue == "said"]
        assert said == [f"{first} Hallorand"], first


def test_a_month_is_no_surname() -> None:
    body = "Theresa Mayhew-Berg spoke. Dana May left. Anna Berg waited. The vote was held on 5 May and she said it was lost."
    ex = extract(art(body))
    said = [e.name for e in ex.evidence if e.facet == "speakers" and e.position > body.index("5 May")]
    assert "Dana May" not in said
    assert speakers('Dana May spoke on Monday. "No," May said.') == ("Dana May",)


@pytest.mark.parametrize("surname", ["Will", "May"])
def test_function_word_surname_opening_a_sentence_before_a_verb_of_saying(surname: str) -> None:
    assert speakers(f"Dana {surname} spoke on Monday. {surname} told the council the dam would hold.") == (
        f"Dana {surname}",
    )
    # Without the full name, the word stays a word.
    assert speakers(f"Anna Berg spoke on Monday. {surname} told the council nothing.") == ()


# Wire and business copy's unnamed sources (round 10n): a quote of "one senior dealer", "a trader in
# London", "bankers" carries no named speaker (the label is kept), never the last-named person's.
_UNNAMED_WIRE = [
    pytest.param(
        "Tomas Brandt of Harbour Securities expects a rate cut in May.\n\n"
        '"Nobody wants long paper this week," one senior dealer said.',
        "one senior dealer",
        id="dealer_before_the_verb",
    ),
    pytest.param(
        "Eva Lind, the Northgate Bank economist, was cautious.\n\n"
        '"The market has priced in two cuts," said a trader in London.',
        "a trader",
        id="trader_after_the_verb",
    ),
    pytest.param(
        'Anna Berg said the loan talks would resume.\n\n"We are close to a deal," bankers said.',
        "bankers",
        id="plural_bankers",
    ),
    pytest.param(
        'Grain prices rose, said Tomas Brandt.\n\n"Buyers are nervous," a Chicago broker told reporters.',
        "a Chicago broker",
        id="broker_told",
    ),
    pytest.param(
        'Eva Lind chaired the meeting.\n\n"Nothing was agreed," one delegate said.',
        "one delegate",
        id="delegate",
    ),
    pytest.param(
        'The fund was led by Tomas Brandt.\n\n"He will raise the bid," said one arbitrageur.',
        "one arbitrageur",
        id="arbitrageur",
    ),
]


@pytest.mark.parametrize("body, label", _UNNAMED_WIRE)
def test_a_wire_unnamed_source_keeps_its_quote_from_the_last_named_person(body: str, label: str) -> None:
    ex = extract(art(body))
    last = ex.quotes[-1]
    assert last.speaker is None
    assert last.speaker_label == label


@pytest.mark.parametrize(
    "body",
    [
        'A trader, Anna Berg, said: "Nobody wants long paper."',
        '"Nobody wants long paper," said Anna Berg, a trader at Harbour Securities.',
        '"Nobody wants long paper," said a bond trader, Anna Berg.',
        '"Nobody wants long paper," said one dealer, Anna Berg of Harbour Securities.',
        'Harbour Securities strategist Anna Berg said: "Nobody wants long paper."',
        '"Nobody wants long paper," said a spokesman, Anna Berg.',
    ],
)
def test_a_named_person_in_apposition_to_a_wire_source_keeps_the_quote(body: str) -> None:
    ex = extract(art(body))
    assert ex.speakers == ("Anna Berg",)
    assert quote_speakers(ex) == ["Anna Berg"]


def test_the_businessman_is_the_article_s_businessman_not_an_unnamed_source() -> None:
    # "the businessman" refers back to a named person; no unnamed speaker takes his words.
    body = 'Tomas Brandt built a shipping fortune. "I never sell," the businessman said.'
    assert all(q.speaker_label != "the businessman" for q in extract(art(body)).quotes)
    # ... but "one investor" is an unnamed source.
    body = 'Tomas Brandt built a shipping fortune.\n\n"He never sells," one investor said.'
    ex = extract(art(body))
    assert [(q.speaker, q.speaker_label) for q in ex.quotes] == [(None, "one investor")]


def test_a_participle_after_a_preposition_s_object_is_not_the_object_s_speech() -> None:
    body = 'Anna Berg wrote in a memo to employees explaining the sale, "We will grow."'
    assert quote_speakers(extract(art(body))) == ["Anna Berg"]


def test_a_name_inside_what_dealers_report_stays_a_speaker() -> None:
    body = "Dealers said the cut was expected after Finance Minister Eva Lind announced a smaller deficit."
    assert "Eva Lind" in extract(art(body)).speakers


# ----------------------------------------------------------------------------- a place speaks through its seat
def test_the_government_of_a_country_speaks_as_the_country_government() -> None:
    body = "On Friday the government of Portugal said the new ferry line would open in spring."
    assert speakers(body) == ("Portugal government",)


def test_the_city_of_a_place_speaks_for_the_place() -> None:
    assert speakers("The city of Lisbon announced that the old tram line would close for repairs.") == (
        "Lisbon",
    )


def test_a_city_a_witness_stands_in_does_not_speak() -> None:
    assert (
        speakers("Witnesses in the coastal city of Lisbon reported long queues at the petrol stations.") == ()
    )


def test_an_embassy_speaks_for_its_country() -> None:
    assert speakers("The Portuguese embassy said the consul had left the capital.") == ("Portugal",)
    assert speakers("The embassy of Portugal said the consul had left the capital.") == ("Portugal",)


def test_the_city_an_embassy_stands_in_is_not_its_owner() -> None:
    assert "Spain" not in speakers("Portugal's Madrid embassy said the consul had left the capital.")


# ----------------------------------------------------------------------------- "they" after a list of names
def test_they_after_a_listed_subject_names_everyone_listed() -> None:
    body = (
        "Lena Marsh, Oskar Vind, Petra Holm and Ivo Sand met in the old mill on Monday. "
        "They concluded that the river path should stay open."
    )
    assert speakers(body) == ("Lena Marsh", "Oskar Vind", "Petra Holm", "Ivo Sand")
    ex = extract(art(body))
    assert {e.rule for e in ex.evidence if e.facet == "speakers"} == {"they-list"}


def test_the_ministers_after_a_listed_subject_names_them() -> None:
    body = "Lena Marsh and Oskar Vind talked for six hours. The ministers said a deal was close."
    assert speakers(body) == ("Lena Marsh", "Oskar Vind")
    body = "Lena Marsh and Oskar Vind talked for six hours. The two ministers said a deal was close."
    assert speakers(body) == ("Lena Marsh", "Oskar Vind")


@pytest.mark.parametrize(
    "body",
    [
        # the list is an object, not the subject
        "The council thanked Lena Marsh and Oskar Vind on Monday. They said the path should stay open.",
        # one name is no list
        "Lena Marsh met the mayor on Monday. They said the path should stay open.",
        # "they" does not open the sentence right after the list
        "Lena Marsh and Oskar Vind met on Monday. The mayor was away. They said the path should stay open.",
        # a paragraph break between
        "Lena Marsh and Oskar Vind met on Monday.\n\nThey said the path should stay open.",
        # bystanders are not the people listed
        "Lena Marsh and Oskar Vind walked the path on Monday. The residents said it should stay open.",
    ],
)
def test_they_names_no_list_that_is_not_the_subject_just_before(body: str) -> None:
    assert speakers(body) == ()


# ----------------------------------------------------------------------------- bodies named for their aim
def test_a_body_named_for_its_aim_keeps_its_to() -> None:
    body = "The Committee to Protect Ferrymen said two crews were held at the border."
    assert speakers(body) == ("Committee to Protect Ferrymen",)
    assert [p.kind for p in extract(art(body)).parties] == ["organisation"]


def test_to_between_places_joins_nothing() -> None:
    ex = extract(art("Anna Berg flew from Lisbon to Madrid and said the talks went well."))
    assert not any(" to " in p.name for p in ex.parties)


# ----------------------------------------------------------------------------- "A, along with B, said"
def test_companions_along_with_the_subject_speak_too() -> None:
    body = "Velmora Ferries, along with Tomas Kerr and the Harbour Board, said the pier was safe."
    assert speakers(body) == ("Velmora Ferries", "Tomas Kerr", "Harbour Board")
    assert speakers("Anna Berg, together with Tomas Kerr, announced a new timetable.") == (
        "Anna Berg",
        "Tomas Kerr",
    )


def test_a_described_companion_is_not_listed() -> None:
    assert speakers("Anna Berg, along with her lawyer, said the pier was safe.") == ("Anna Berg",)
    body = "Anna Berg, along with Judge Tomas Kerr of the Harbour Court, said the pier was safe."
    assert "Tomas Kerr" not in speakers(body)


# ----------------------------------------------------------------------------- an outlet's reporter
def test_an_outlet_speaks_through_its_reporter() -> None:
    assert speakers("A Velmora Times reporter noted that the queue stretched for a mile.") == (
        "Velmora Times",
    )


def test_a_reporter_from_a_place_or_a_named_reporter() -> None:
    assert speakers("A Velmora reporter said the crowd was calm.") == ()
    assert speakers("Velmora Times reporter Anna Berg said the crowd was calm.") == ("Anna Berg",)


def test_a_named_ministry_speaks_for_its_country() -> None:
    assert speakers("Portugal's interior ministry said the border would stay open.") == ("Portugal",)
    assert speakers("The Portuguese finance ministry said the budget would balance.") == ("Portugal",)


def test_a_seat_that_is_a_prepositions_object_does_not_speak() -> None:
    assert speakers("Crowds gathered in the city of Lisbon and said nothing at all.") == ()
    assert speakers("Rain fell on the city of Lisbon, reported the weather service.") == ()


# ----------------------------------------------------------------------------- descriptions
@pytest.mark.parametrize(
    ("body", "speaker"),
    [
        (  # a title before the name, then "the governor" for the one governor
            "Gov. Tomas Varga of Eldmark toured the flooded valley on Monday.\n\n"
            '"We will rebuild every bridge," the governor said.',
            "Tomas Varga",
        ),
        (  # an abbreviated title, and a place before the description
            "Sen. Ilse Marten voted against the harbour bill. Later the Eldmark senator told "
            "reporters the vote had been rushed.",
            "Ilse Marten",
        ),
        (  # the office given in an appositive, and the description after the verb
            "Piet Oster, the mayor of Lindau, opened the bridge.\n\n"
            '"It took us nine years to build it," said the mayor.',
            "Piet Oster",
        ),
        (  # a spokeswoman named once, then "the spokeswoman"
            "Rita Holm, a spokeswoman for the ferry line, confirmed the strike. The spokeswoman "
            "added that no boats would sail before Friday.",
            "Rita Holm",
        ),
        (  # "former" on both sides
            "Former President Anton Brisk spoke first. President Lena Kask spoke after him. The former "
            "president said the talks had gone well.",
            "Anton Brisk",
        ),
        (  # the company the article is about, named with its suffix
            "Velmora Corp said on Tuesday its sales fell by a third. The company said it would close "
            "two plants in the spring.",
            "Velmora Corp",
        ),
        (  # the one "Department of ..." for "the department"
            "Inspectors from the Eldmark Department of Harbours visited the quay. The department said the "
            "cranes were unsafe.",
            "Eldmark Department of Harbours",
        ),
        (  # the one person whose campaign the article names
            "Jonas Fell's campaign opened an office in Tarn. The campaign said it had raised three "
            "million dollars.",
            "Jonas Fell",
        ),
    ],
)
def test_a_description_names_the_one_holder_of_its_title(body: str, speaker: str) -> None:
    ex = extract(art(body))
    assert speaker in ex.speakers
    assert any(e.rule == "description" and e.name == speaker for e in ex.evidence if e.facet == "speakers")


@pytest.mark.parametrize(
    "body",
    [
        # two holders of the title: no one
        "Sen. Ilse Marten and Sen. Karl Dahl met on Monday. The senator said the bill would pass.",
        # another office: "the president" is not the vice-president
        "Vice President Anton Brisk spoke in Tarn. The president said the budget was balanced.",
        # "the minister" of health is not a minister of another portfolio
        "Transport Minister Karl Dahl visited the port. The health minister said the clinics were full.",
        # a country in the description that the holder's name does not stand by
        "President Lena Kask met reporters in Tarn. The Portuguese president said the deal was fair.",
        # "former" on one side only
        "President Lena Kask spoke first. The former president said he would not run again.",
        # not the subject: the words of a relative clause
        "President Lena Kask spoke at noon. Nothing the president said will calm the markets, "
        "Karl Dahl wrote.",
        # another organisation is the subject: "the company" may be it, not the company it bought
        "Ostara said it had bought Velmora Corp for two million dollars. The company said the deal "
        "would close in May.",
        # a company whose name holds another's is another company
        "Velmora Motors said its sales would fall. Velmora Motors Credit Corp lent more than before. "
        "The company said the fall would be brief.",
        # "the exchange" is not a commission with "Exchange" inside its name
        "The Eldmark Securities and Exchange Commission met. The exchange said trading would resume.",
        # another organisation spoke since the one "Bank of ..." was named: "the bank" may be that one
        "The Bank of Eldmark held rates on Monday. Ostara said house prices fell in May. The bank said "
        "prices would fall further.",
        # "Deputy Prime Minister X" is not "the prime minister"
        "Deputy Prime Minister Karl Dahl opened the port. The prime minister said the port would grow.",
        # the company is only an object
        "The shares were sold through Velmora Inc on Tuesday. The company said the sale was complete.",
    ],
)
def test_a_description_with_no_single_holder_names_no_one(body: str) -> None:
    ex = extract(art(body))
    assert not any(e.rule == "description" for e in ex.evidence), ex.evidence


def test_a_described_speaker_takes_the_quote() -> None:
    body = (
        "Gov. Tomas Varga of Eldmark met the farmers on Monday.\n\n"
        '"The dams will hold through the spring rains and the summer after," said the governor.'
    )
    assert quote_speakers(extract(art(body))) == ["Tomas Varga"]


def test_description_words_come_from_the_shipped_lists() -> None:
    from newsearch.extract import extractor
    from newsearch.extract.lexicon import lexicon

    titles = {w.lower() for w in lexicon().titles}
    assert not extractor._DESCRIBED_TITLES - titles
    assert not extractor._COMPANY_SUFFIXES - set(lexicon().org_words)


# Round 10w: a speaker separated from the verb by the place or body they come from (own sentences).
_CONSTRUCTIONS_10W = [
    pytest.param(
        "Lead author Anna Berg of Norway's Bergen University explained that the dunes were moving.",
        ("Anna Berg",),
        id="the_person_whose_of_phrase_owns_the_body_speaks",
    ),
    pytest.param(
        "Coastal experts Anna Berg and Tomas Brandt of Oslo's Institute for Harbour Studies wrote in May "
        "that the dunes were moving.",
        ("Anna Berg", "Tomas Brandt"),
        id="both_persons_whose_of_phrase_owns_the_body_speak",
    ),
    pytest.param(
        "Anna Berg and Tomas Brandt of the Harbour Institute said the dunes were moving.",
        ("Anna Berg", "Tomas Brandt"),
        id="two_persons_of_one_body_are_two_speakers_not_one_organisation",
    ),
    pytest.param(
        "A study by Anna Berg of Oslo's Institute for Harbour Studies said the dunes were moving.",
        ("Institute for Harbour Studies",),
        id="the_person_of_a_possessive_body-must_not_after_a_preposition",
    ),
    pytest.param(
        "The mayor of Oslo's office said the dunes were moving.",
        (),
        id="the_person_of_a_possessive_body-must_not_without_a_named_person",
    ),
    pytest.param(
        "The Department of Harbours and Fisheries said the dunes were moving.",
        ("Department of Harbours and Fisheries",),
        id="two_persons_of_one_body-must_not_split_an_organisation_name",
    ),
    pytest.param(
        "Anna Berg and Tomas Brandt are urging the council to close the pier.",
        ("Anna Berg", "Tomas Brandt"),
        id="a_listed_subject_with_are_and_a_progressive_verb",
    ),
    pytest.param(
        "Several skippers, including Anna Berg and Tomas Brandt, are urging the council to close the pier.",
        ("Anna Berg", "Tomas Brandt"),
        id="a_progressive_verb_after_the_appositive_of_examples",
    ),
    pytest.param(
        "The harbour's deputy director, Eva Lind, was quoted as saying the pier would close.",
        ("Eva Lind",),
        id="a_progressive_verb_after_a_person_in_apposition",
    ),
    pytest.param(
        "Gov. Anna Berg, who is challenging Tomas Brandt for his seat, also backed the pier.",
        (),
        id="a_progressive_verb-must_not_inside_a_relative_clause",
    ),
    pytest.param(
        "The council wrote to Anna Berg, urging her to close the pier.",
        (),
        id="a_progressive_verb-must_not_as_a_participle_after_a_comma",
    ),
    pytest.param(
        "Anna Berg, a harbour pilot, and Tomas Brandt, the ferry's skipper, said the pier was unsafe.",
        ("Anna Berg", "Tomas Brandt"),
        id="two_persons_each_with_an_appositive_before_the_verb",
    ),
    pytest.param(
        "Several skippers, including Anna Berg, a pilot, and Tomas Brandt, a ferryman, said the pier was unsafe.",
        ("Anna Berg", "Tomas Brandt"),
        id="two_examples_each_with_an_appositive_before_the_verb",
    ),
    pytest.param(
        "The council thanked Anna Berg, a pilot, and Tomas Brandt, a ferryman, said Eva Lind.",
        ("Eva Lind",),
        id="two_persons_each_with_an_appositive-must_not_add_an_object",
    ),
    pytest.param(
        "Anna Berg, head of the Pilots Union, a small group, and Tomas Brandt, a ferryman, praised the mayor.",
        ("Anna Berg", "Tomas Brandt"),
        id="two_persons_the_first_appositive_naming_a_body_with_a_comma_inside",
    ),
    pytest.param(
        "Voters may ask whether skippers like Anna Berg, who bought the pier, and Tomas Brandt, who "
        "suggested it could close, are wise.",
        ("Tomas Brandt",),
        id="two_persons_each_with_an_appositive-must_not_share_a_relative_clause_verb",
    ),
]


@pytest.mark.parametrize(("body", "expected"), _CONSTRUCTIONS_10W)
def test_round_10w_constructions(body: str, expected: tuple[str, ...]) -> None:
    assert sorted(speakers(body)) == sorted(expected)  # (which names, not their order)


def test_two_persons_of_one_body_are_persons_among_the_parties() -> None:
    ex = extract(art("Anna Berg and Tomas Brandt of the Harbour Institute said the dunes were moving."))
    kinds = {p.name: p.kind for p in ex.parties}
    assert kinds.get("Anna Berg") == kinds.get("Tomas Brandt") == "person", kinds


def test_a_common_noun_opening_the_headline_is_no_part_of_the_name() -> None:
    body = (
        "Young prodigy Tomas Varils beat the champion in the first round on Monday.\n\n"
        "Anna Berg plays Eva Lind in the second round on Wednesday. Varils, who was given a late entry into "
        'the race, said: "This is my first win over a champion." "I sailed my own race," he said.'
    )
    ex = extract(art(body, headline="Prodigy Varils stuns the champion"))
    assert list(ex.speakers) == ["Tomas Varils"]
    assert quote_speakers(ex) == ["Tomas Varils", "Tomas Varils"]
    assert "Prodigy Varils" not in {p.name for p in ex.parties}


@pytest.mark.parametrize(
    "body",
    [
        "In 2004, then-Gov. Anna Berg sharply criticized the harbour board.",
        "In 2004, then-Secretary of Harbours Anna Berg sharply criticized the harbour board.",
    ],
)
def test_a_time_prefix_before_the_title_keeps_the_name(body: str) -> None:
    assert list(speakers(body)) == ["Anna Berg"]


def test_a_time_prefix_before_the_title_keeps_the_party() -> None:
    ex = extract(art("The pier was sold by ex-Mayor Anna Berg in 2004. Eva Lind said it was a mistake."))
    assert "Anna Berg" in {p.name for p in ex.parties}
