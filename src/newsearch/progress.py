"""Progress of an indexing run, as the indexer reports it to ``Index.add(progress=…)``.

A callback that takes two arguments is called as before, ``progress(files_done, files_total)``, once per
file. One that takes a third also gets an :class:`IndexProgress` with the articles read so far and the
stage, including a last call with ``stage="committing"`` before the final commit (which can take a while on
a large index):

>>> def show(done, total, event=None):
...     print(done, total, event and event.stage)
>>> tell = reporter(show)
>>> tell(IndexProgress(1, 2, 40))
1 2 reading
>>> tell(IndexProgress(2, 2, 75, "committing"))
2 2 committing
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from dataclasses import dataclass

STAGES = ("reading", "committing")


@dataclass(frozen=True, slots=True)
class IndexProgress:
    """Where an indexing run is: files started of the total, articles read so far, and the stage."""

    files_done: int
    files_total: int
    articles: int = 0  # articles read so far in this run: new, changed and unchanged
    stage: str = "reading"  # "reading" the files, then "committing" the one final commit
    # While committing, where the engine says: documents written of those the commit has to write (tantivy
    # writes the stories it held back until the commit: tens of seconds at 100k). 0 of 0 otherwise.
    written: int = 0
    to_write: int = 0


def reporter(progress: Callable[..., None] | None) -> Callable[[IndexProgress], None]:
    """One function the indexer calls with an IndexProgress, whatever form the user's callback takes."""
    if progress is None:
        return _ignore
    if _takes_event(progress):
        return lambda event: progress(event.files_done, event.files_total, event)

    def files_only(event: IndexProgress) -> None:
        if event.stage == "reading":  # a (done, total) callback has no way to hear about the commit
            progress(event.files_done, event.files_total)

    return files_only


def _ignore(event: IndexProgress) -> None:
    return None


def _takes_event(fn: Callable[..., None]) -> bool:
    try:
        inspect.signature(fn).bind(0, 0, None)
    except (TypeError, ValueError):  # two arguments only, or no signature (some builtins): the old way
        return False
    return True
