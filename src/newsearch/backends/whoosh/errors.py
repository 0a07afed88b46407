"""The one place Whoosh's exceptions become newsearch's (httpx's map_httpcore_exceptions)."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

from whoosh.index import EmptyIndexError, LockError

from ...errors import IndexLocked, NewsearchError


@contextlib.contextmanager
def map_engine_errors(path: Path, *, timeout: float | None = None) -> Iterator[None]:
    """Run Whoosh code; what it raises leaves as IndexLocked or NewsearchError naming the index folder."""
    try:
        yield
    except NewsearchError:
        raise
    except LockError:
        waited = f" (waited {timeout:g}s)" if timeout is not None else ""
        raise IndexLocked(f"{path} is locked by another newsearch process{waited}; try again later") from None
    except (EmptyIndexError, OSError, EOFError) as exc:
        raise NewsearchError(f"{path}: the index files cannot be read ({type(exc).__name__}: {exc})") from exc
    except Exception as exc:  # Whoosh raises assorted builtins from deep inside (pickles, structs, codecs)
        raise NewsearchError(f"{path}: the search engine failed ({type(exc).__name__}: {exc})") from exc
