"""Make the README's screenshots: the project's corpus/ served by newsearch, shot in Debian's Chromium.

    python docs/screenshots.py            # writes docs/search.png and docs/timeline.png

Needs the web and test extras (Playwright) and /usr/bin/chromium (apt-get install -y chromium).
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests"))

import newsearch  # noqa: E402
from newsearch.web import create_app  # noqa: E402
from test_web_browser import FLAGS, chromium  # noqa: E402
from webserver import live_server  # noqa: E402

SHOTS = {
    "search.png": "/?q=prisoner+exchange&party=Qatar",
    "timeline.png": "/timeline?q=prisoner+exchange&q=ceasefire&q=election&granularity=month",
}


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        index = Path(tmp) / "index"
        newsearch.create_index(index).add([HERE.parent / "corpus"])
        with newsearch.open_index(index) as ix, live_server(create_app(ix)) as base, sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium(), args=FLAGS)
            page = browser.new_page(viewport={"width": 1280, "height": 860}, device_scale_factor=1)
            for name, path in SHOTS.items():
                page.goto(base + path)
                if name == "timeline.png":
                    page.click("details.table summary")
                page.screenshot(path=str(HERE / name))
                print(f"wrote docs/{name}")
            browser.close()


if __name__ == "__main__":
    main()
