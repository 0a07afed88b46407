"""Search engines behind newsearch's API: the registry of adapters (see :mod:`.base` for the contract).

Adding an engine is one line in :data:`REGISTRY` (its module path); the contract suite then runs on it
(``tests/conftest.py`` parametrises over :func:`names`). Adapters are imported only when used, so
``import newsearch`` never needs an optional engine package.

>>> names()[:2]
('whoosh', 'memory')
"""

from __future__ import annotations

import importlib

from ..errors import NewsearchError
from .base import Backend, Engine, Reader, Writer

DEFAULT = "whoosh"
REGISTRY: dict[str, str] = {
    "whoosh": "newsearch.backends.whoosh:BACKEND",
    "memory": "newsearch.backends.memory:BACKEND",
    "tantivy": "newsearch.backends.tantivy.engine:BACKEND",  # the newsearch[tantivy] extra
}


# Engines that keep an index on disk (what ``newsearch index --engine`` and ``migrate`` offer).
PERSISTENT = ("whoosh", "tantivy")


class EngineUnavailable(NewsearchError):
    """An engine was asked for that is unknown or whose package is not installed."""


def names() -> tuple[str, ...]:
    return tuple(REGISTRY)


def get(name: str) -> Backend:
    """The backend registered as ``name``; EngineUnavailable naming the engines known."""
    target = REGISTRY.get(name)
    if target is None:
        raise EngineUnavailable(f"unknown engine {name!r} (engines: {', '.join(REGISTRY)})")
    module, _, attribute = target.partition(":")
    try:
        return getattr(importlib.import_module(module), attribute)
    except ImportError as exc:
        raise EngineUnavailable(f"the {name} engine cannot be loaded ({exc})") from None


__all__ = [
    "DEFAULT",
    "REGISTRY",
    "Backend",
    "Engine",
    "EngineUnavailable",
    "Reader",
    "Writer",
    "get",
    "names",
]
