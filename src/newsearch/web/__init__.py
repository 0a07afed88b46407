"""``newsearch serve``: a local web page and HTTP JSON API over an index (needs the ``web`` extra).

Not imported by ``import newsearch``; the CLI imports it only for ``serve``. To embed the app (an ASGI app,
Starlette) elsewhere:

>>> from newsearch.web import create_app          # doctest: +SKIP
>>> app = create_app("index/")                    # doctest: +SKIP
"""

from .app import create_app
from .server import DEFAULT_HOST, DEFAULT_PORT, bind, is_loopback, loopback_names, run

__all__ = ["DEFAULT_HOST", "DEFAULT_PORT", "bind", "create_app", "is_loopback", "loopback_names", "run"]
