"""What each extraction rule means, in words a reader of ``newsearch show`` understands.

Every speaker, quote and party the extractor finds carries the rule that found it and its cue word
(:class:`newsearch.models.Evidence`); this table explains the rule names.

>>> describe("name-verb")
'a name before a speech verb ("X said")'
>>> describe("no-such-rule")
'no-such-rule'
"""

from __future__ import annotations

__all__ = ["RULES", "describe"]

RULES: dict[str, str] = {
    # speakers and quotes
    "name-verb": 'a name before a speech verb ("X said")',
    "inverted": 'a speech verb before the name ("…, said X")',
    "inv-role": 'a speech verb before a role and the name ("…, said the party\'s chairman, X")',
    "inv-list": 'a speech verb before several names ("…, said X and Y")',
    "pronoun": '"he/she/they said", resolved to the last name that fits',
    "pronoun-inv": '"…, said he/she", resolved to the last name that fits',
    "participle": '"X said, adding …" or "X, speaking at …"',
    "coordinated": 'a second speech verb of the same subject ("X said … and argued …")',
    "listed": '"X and Y said"',
    "with-absolute": '"…, with X saying/calling …" (X is the subject of the participle)',
    "headline": 'a headline "X: …" or "X says …" (X named in the body)',
    "colon": 'a line "X: "…""',
    "dash": 'a signature "… — X" (a tweet, a reader\'s quote)',
    "label": 'a transcript label opening a paragraph ("SMITH: …", "Jane Smith: …")',
    "interview": 'an interview: a Q&A\'s answers ("A: …"), a "((Name))" label, "In an interview with …, X …"',
    "embed": 'an embedded post whose author\'s handle spells X (<tweet author="@…">)',
    "principal-of": 'staff speaking for X ("X\'s spokesman said", "a spokesman for X")',
    "principal": 'staff speaking for X ("X\'s spokesman said", "a spokesman for X")',
    "the-org": '"the X said" (an organisation named before)',
    "description": '"the governor said", "the company said": the one holder of the title (or company) named',
    "subject": "the subject of the quote's sentence or paragraph",
    "paragraph": "the speaker of the paragraph's speech verb",
    "continued": "the speaker of the quote just before",
    "unnamed": 'an unnamed source ("a senior official said")',
    "unnamed-inv": 'an unnamed source after the verb ("…, said a senior official")',
    # parties
    "person-run": "capitalised words shaped like a person's name",
    "organisation-run": "capitalised words with an organisation word (Party, Union, Council …)",
    "place-run": "capitalised words with a place word",
    "outlet-run": "capitalised words with a news outlet word",
    "demonym-run": "a nationality or group word",
    "capital-run": "a capital city (the shipped list)",
    "gazetteer": "the shipped or your alias table (countries, places, organisations, outlets)",
    "surname": "the surname of a person named in full in the article",
    "unknown-word": "a capitalised word that recurs or speaks",
    "initial-word": "a word opening a sentence, capitalised elsewhere too",
    "organisation-word": "an abbreviation the article spells out",
    "acronym": "an abbreviation the article spells out",
    "dateline": "the dateline (place, agency)",
    "speaker": "a speaker",
}


def describe(rule: str) -> str:
    """The meaning of a rule name (the name itself when it is not in the table)."""
    return RULES.get(rule, rule)
