"""Helpers for the web tests: a hostile corpus, a live uvicorn server in a thread, HTML checks."""

from __future__ import annotations

import contextlib
import json
import threading
import time
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import pytest

uvicorn = pytest.importorskip("uvicorn", reason="the web extra is not installed: pip install '.[web]'")

from newsearch.web import bind  # noqa: E402

PROJECT_CORPUS = Path(__file__).resolve().parents[1] / "corpus"

# Untrusted text as it may arrive in a corpus: a script element, an attribute break-out, an event handler.
SCRIPT = '<script>alert("xss")</script>'
ATTR = '" onmouseover="alert(1)" data-x="'
IMG = "<img src=x onerror=alert(2)>"
EVIL_NAME = f"Amara {ATTR}{SCRIPT}"

HOSTILE_RECORDS = [
    {
        "id": 'evil-1"><script>alert(3)</script>',
        "headline": f"Ceasefire {SCRIPT} talks resume {ATTR} in Doha {IMG}",
        "body": (
            f"Ceasefire talks resumed in Doha on Monday {IMG}. "
            f'"We want peace, {SCRIPT} and nothing less," Foreign Minister Amara Okonjo said. '
            f"Mediators from Qatar {ATTR} were present.\n\nThe talks will go on."
        ),
        "date": "2025-11-03",
        "source": f"Courier {ATTR}",
        "author": f"Writer {SCRIPT}",
        "url": "javascript:alert(4)",
    },
    {
        "id": "calm-1",
        "headline": "Ceasefire holds for a second week",
        "body": '"It is holding," Foreign Minister Amara Okonjo said of the ceasefire on Tuesday.',
        "date": "2025-11-18",
        "source": "Northgate Wire",
    },
]
# The speaker's canonical name comes from the alias table: a way for markup to reach a speaker name.
HOSTILE_ALIASES = (
    f'[aliases]\n"{EVIL_NAME.replace(chr(34), chr(92) + chr(34))}" = ["Amara Okonjo", "Okonjo"]\n'
)


def write_hostile_corpus(root: Path) -> tuple[Path, Path]:
    root.mkdir(parents=True, exist_ok=True)
    (root / "hostile.jsonl").write_text(
        "\n".join(json.dumps(r) for r in HOSTILE_RECORDS) + "\n", encoding="utf-8"
    )
    aliases = root.parent / "hostile-aliases.toml"
    aliases.write_text(HOSTILE_ALIASES, encoding="utf-8")
    return root, aliases


class Tags(HTMLParser):
    """Every start tag of a page with its attributes, as a browser's tokenizer would see them."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_startendtag(self, tag, attrs) -> None:
        self.tags.append((tag, dict(attrs)))


def injected(html: str) -> list[str]:
    """What in ``html`` would run or load something the app did not put there (empty: nothing)."""
    problems = []
    for tag, attrs in Tags(html).tags:
        if tag == "script" and attrs.get("src") != "/static/app.js":
            problems.append(f"<script {attrs}>")
        if tag == "img":
            problems.append(f"<img {attrs}>")
        handlers = [a for a in attrs if a.startswith("on")]
        if handlers:
            problems.append(f"<{tag}> with {handlers}")
        if any(a.startswith("data-x") for a in attrs):
            problems.append(f"<{tag}> with an injected attribute")
        for name in ("href", "src", "action"):
            value = (attrs.get(name) or "").strip().lower()
            if value.startswith("javascript:"):
                problems.append(f"<{tag} {name}={value!r}>")
    return problems


@contextlib.contextmanager
def live_server(app) -> Iterator[str]:
    """Serve ``app`` with uvicorn on a free loopback port in a thread; yields the base URL."""
    sock = bind("127.0.0.1", 0)
    port = sock.getsockname()[1]
    config = uvicorn.Config(app, log_level="warning", access_log=False, lifespan="off")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 120  # generous: a loaded machine can take long to start a thread's loop
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the test server did not start")
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(10)
        sock.close()
