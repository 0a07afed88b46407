"""Index-wide merging of facet values (newsearch.extract.merges): pure functions over (value, kind, count)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from newsearch.extract import load_aliases
from newsearch.extract.merges import alias_file, ambiguous_forms, canonical_map, canonicalise, suggest_merges

VALUES = [
    ("Amara Okonjo", "person", 17),
    ("Okonjo", "person", 9),
    ("Amara N. Okonjo", "person", 4),
    ("Tomas Brandt", "person", 6),
    ("Lena Brandt", "person", 2),
    ("Brandt", "person", 3),
    ("Harbour Workers Union", "organisation", 5),
    ("HWU", "organisation", 2),
    ("Green Alliance", "organisation", 1),
    ("Green Alliances", "organisation", 4),
    ("Jordan", "country", 3),
    ("Michael Jordan", "person", 2),
]


def test_a_short_form_merges_into_the_one_full_name_it_names() -> None:
    merges = {s.short: (s.target, s.reason, s.short_count, s.target_count) for s in suggest_merges(VALUES)}
    assert merges["Okonjo"] == ("Amara Okonjo", "short form", 9, 17)


def test_a_short_form_of_two_people_stays() -> None:
    assert "Brandt" not in canonical_map(VALUES)


def test_spellings_merge_into_the_most_frequent() -> None:
    mapping = canonical_map(VALUES)
    assert mapping["Amara N. Okonjo"] == "Amara Okonjo"
    assert mapping["Green Alliance"] == "Green Alliances"
    assert "Green Alliances" not in mapping and "Amara Okonjo" not in mapping


def test_initials_merge_into_the_organisation() -> None:
    assert canonical_map(VALUES)["HWU"] == "Harbour Workers Union"


def test_kinds_never_merge_across() -> None:
    assert "Jordan" not in canonical_map(VALUES)  # the country is no short form of a person
    values = [("Jordan", "person", 3), ("Michael Jordan", "person", 2)]
    assert canonical_map(values) == {"Jordan": "Michael Jordan"}


def test_the_alias_table_merges_forms_it_knows() -> None:
    values = [("Tories", "organisation", 2), ("Conservative Party", "organisation", 5)]
    [s] = suggest_merges(values)
    assert (s.short, s.target, s.reason) == ("Tories", "Conservative Party", "alias")


def test_canonicalise_counts_an_article_once() -> None:
    mapping = {"Okonjo": "Amara Okonjo"}
    assert canonicalise(["Okonjo", "Tomas Brandt", "Amara Okonjo"], mapping) == (
        "Amara Okonjo",
        "Tomas Brandt",
    )


def test_the_alias_file_reads_back_as_the_merges(tmp_path) -> None:
    suggestions = suggest_merges(VALUES)
    path = tmp_path / "suggested.toml"
    path.write_text(alias_file(suggestions), encoding="utf-8")
    table = load_aliases(path)
    for s in suggestions:
        assert table.canonical(s.short) == s.target
    assert "Okonjo 9 (short form)" in path.read_text(encoding="utf-8")


NAMES = st.lists(st.sampled_from(["Ann", "Bo", "Cy", "Dee", "Ed", "Fay"]), min_size=1, max_size=3).map(
    " ".join
)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.tuples(NAMES, st.sampled_from(["person", "organisation"]), st.integers(min_value=1, max_value=50)),
        max_size=12,
    )
)
def test_merges_are_well_formed(values) -> None:
    present = {(v, k) for v, k, _ in values}
    suggestions = suggest_merges(values)
    shorts = {(s.short, s.kind) for s in suggestions}
    for s in suggestions:
        assert s.short != s.target
        assert (s.target, s.kind) in present  # into a value of the same kind that exists
        assert (s.target, s.kind) not in shorts  # no chains: every merge ends at a name that stays
    assert len(shorts) == len(suggestions)  # one target per value


def test_words_before_a_more_frequent_name_describe_it() -> None:
    values = [
        ("Tomas Brandt", "person", 12),
        ("Union leader Tomas Brandt", "person", 1),
        ("Brandt", "person", 3),
    ]
    merges = {s.short: (s.target, s.reason) for s in suggest_merges(values)}
    assert merges["Union leader Tomas Brandt"] == ("Tomas Brandt", "descriptor")
    assert merges["Brandt"] == ("Tomas Brandt", "short form")  # one person, not two
    rare = [("Tomas Brandt", "person", 1), ("Anna Tomas Brandt", "person", 5)]
    assert canonical_map(rare) == {"Tomas Brandt": "Anna Tomas Brandt"}


def test_a_given_name_or_two_letters_are_no_short_form() -> None:
    assert canonical_map([("Harry", "person", 3), ("Dirty Harry", "person", 1)]) == {}
    assert canonical_map([("EA", "organisation", 2), ("Eastern Alliance", "organisation", 4)]) == {}


def test_ambiguous_forms_list_their_candidates() -> None:
    [brandt] = [a for a in ambiguous_forms(VALUES) if a.short == "Brandt"]
    assert (brandt.count, [(c.value, c.count) for c in brandt.candidates]) == (
        3,
        [("Tomas Brandt", 6), ("Lena Brandt", 2)],
    )
    text = alias_file(suggest_merges(VALUES), ambiguous_forms(VALUES))
    assert '# "Brandt" 3 (person): "Tomas Brandt" 6, "Lena Brandt" 2' in text


def test_a_company_without_its_suffix_merges_into_the_company() -> None:
    values = [("Harbour Ferries", "organisation", 3), ("Harbour Ferries Group", "organisation", 7)]
    assert canonical_map(values) == {"Harbour Ferries": "Harbour Ferries Group"}
    two = [*values, ("Harbour Ferries Holdings", "organisation", 2)]
    assert "Harbour Ferries" not in canonical_map(two)  # two companies: it stays
    assert canonical_map([("Harbour", "organisation", 3), ("Harbour Council", "organisation", 5)]) == {}


def test_a_short_form_goes_to_a_name_five_times_as_frequent_as_the_others() -> None:
    values = [("Amara Okonjo", "person", 40), ("Okonjo", "person", 9), ("Kofi Okonjo", "person", 3)]
    [s] = suggest_merges(values)
    assert (s.short, s.target, s.reason) == ("Okonjo", "Amara Okonjo", "most frequent")
    close = [("Amara Okonjo", "person", 40), ("Okonjo", "person", 9), ("Kofi Okonjo", "person", 9)]
    assert canonical_map(close) == {} and [a.short for a in ambiguous_forms(close)] == ["Okonjo"]
    few = [
        ("Amara Okonjo", "person", 4),
        ("Okonjo", "person", 9),
    ]  # one full name: merges whatever the counts
    assert canonical_map(few) == {"Okonjo": "Amara Okonjo"}
