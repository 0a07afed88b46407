"""The tantivy engine (the ``newsearch[tantivy]`` extra): a compiled index behind newsearch's API.

Nothing outside this package imports tantivy, and importing this package does not either: the modules that
need it import it through :func:`require`, which names the extra to install when it is missing.

``BACKEND`` (in :mod:`.engine`, registered as "tantivy" in :data:`newsearch.backends.REGISTRY`) is the
Backend protocol. Layout: ``terms`` feeds newsearch's own analysis to tantivy (the same terms and
positions as the Whoosh path); ``fields`` maps a stored record to a tantivy document and back; ``store``
opens, locks, writes and reloads an index folder; ``compile`` turns the search plan's nodes into tantivy
queries; ``reader`` runs them (the Reader protocol, plus fast paths); ``scoring`` says how Ranking maps.
"""

from __future__ import annotations

from types import ModuleType

from .. import EngineUnavailable

ENGINE = "tantivy"
EXTRA = "newsearch[tantivy]"
# The tested range (pyproject's ``tantivy`` extra and the test extra): 0.27 is the version the tests and the
# measurements in the issue-15 note ran on.
SUPPORTED = ">=0.27,<0.28"


def require() -> ModuleType:
    """The ``tantivy`` module, or EngineUnavailable saying how to install it."""
    try:
        import tantivy
    except ImportError as exc:
        raise EngineUnavailable(
            f"the tantivy engine needs the tantivy package, which is not installed ({exc}); "
            f'install it with: pip install "{EXTRA}"'
        ) from None
    return tantivy


def available() -> bool:
    """Whether the tantivy package can be imported."""
    try:
        require()
    except EngineUnavailable:
        return False
    return True
