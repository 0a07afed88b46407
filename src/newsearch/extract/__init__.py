"""Speakers, quotes and named parties of news articles: regular expressions and shipped word lists.

>>> from newsearch.extract import extract, match_names
"""

from newsearch.extract.aliases import AliasFileError, AliasTable, default_aliases, load_aliases, merge
from newsearch.extract.extractor import extract
from newsearch.extract.match import match_names
from newsearch.extract.merges import (
    AliasSuggestions,
    AmbiguousForm,
    Merges,
    MergeSuggestion,
    alias_file,
    canonical_map,
    canonicalise,
    index_values,
    suggest_merges,
)

__all__ = [
    "AliasFileError",
    "AliasSuggestions",
    "AliasTable",
    "AmbiguousForm",
    "MergeSuggestion",
    "Merges",
    "alias_file",
    "canonical_map",
    "canonicalise",
    "default_aliases",
    "extract",
    "index_values",
    "load_aliases",
    "match_names",
    "merge",
    "suggest_merges",
]
