"""Import Whoosh without its stale warnings.

Whoosh 2.7.4 has invalid escape sequences in five modules: compiling them (no .pyc, e.g. with
PYTHONDONTWRITEBYTECODE=1) warns, and under ``-W error`` the import fails. The filters below match only
warnings raised from Whoosh's own files, so users' ``-W error`` keeps its meaning everywhere else.
"""

from __future__ import annotations

import warnings

_WHOOSH_FILES = r"(.*[\\/])?whoosh([\\/.].*)?$"
warnings.filterwarnings("ignore", category=SyntaxWarning, module=_WHOOSH_FILES)
warnings.filterwarnings("ignore", category=DeprecationWarning, module=_WHOOSH_FILES)

import whoosh  # noqa: E402,F401  (after the filters on purpose)
