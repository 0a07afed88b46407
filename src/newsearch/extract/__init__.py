"""Speakers, quotes and named parties of news articles: regular expressions and shipped word lists.

>>> from newsearch.extract import extract, match_names

``COMPILED`` says whether the extractor in use is the mypyc-compiled build (a regular ``pip install`` with a C
compiler present) or pure Python (an editable install, ``NEWSEARCH_PURE_PYTHON=1``, or a compile that failed);
both give the same output, the compiled one with less CPU per article.
"""

from importlib.machinery import EXTENSION_SUFFIXES

from newsearch.extract import extractor as _extractor
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

#: True when the extractor's module was loaded from a compiled extension (mypyc), not from its .py source.
COMPILED: bool = (_extractor.__file__ or "").endswith(tuple(EXTENSION_SUFFIXES))

__all__ = [
    "COMPILED",
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
