"""newsearch serve in a real browser: Debian's Chromium, headless, driven by Playwright.

Skipped, with the reason, where Playwright or a Chromium cannot be had (`.ci/run` installs both:
`apt-get install -y chromium`, and playwright from the test extra). NEWSEARCH_CHROMIUM names another binary.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest

import newsearch

sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (test extra)")
pytest.importorskip("starlette", reason="the web extra is not installed: pip install '.[web]'")

from newsearch.web import create_app  # noqa: E402
from webserver import PROJECT_CORPUS, live_server  # noqa: E402

# What lets Chromium run headless as root on a machine with no network but loopback.
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
]


def chromium() -> str | None:
    for candidate in (
        os.environ.get("NEWSEARCH_CHROMIUM"),
        shutil.which("chromium"),
        shutil.which("chromium-browser"),
        "/usr/bin/chromium",
    ):
        if candidate and Path(candidate).is_file() and os.access(candidate, os.X_OK):
            return candidate
    return None


def skip_or_fail(reason: str):
    """Skip with the reason; but where .ci/run installed a browser (NEWSEARCH_REQUIRE_BROWSER=1), fail."""
    if os.environ.get("NEWSEARCH_REQUIRE_BROWSER") == "1":
        pytest.fail(reason)
    pytest.skip(reason)


@pytest.fixture(scope="module")
def browser():
    path = chromium()
    if path is None:
        skip_or_fail("no Chromium found (apt-get install -y chromium, or set NEWSEARCH_CHROMIUM)")
    with sync_api.sync_playwright() as p:
        try:
            b = p.chromium.launch(executable_path=path, args=FLAGS, timeout=60_000)
        except sync_api.Error as exc:
            skip_or_fail(f"Chromium at {path} did not start: {str(exc).splitlines()[0]}")
        yield b
        b.close()


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    index = tmp_path_factory.mktemp("browser") / "ix"
    newsearch.create_index(index).add([PROJECT_CORPUS])
    with newsearch.open_index(index) as ix, live_server(create_app(ix)) as base:
        yield base, ix


@pytest.fixture()
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    pg.set_default_timeout(20_000)
    problems: list[str] = []
    pg.on("console", lambda m: problems.append(m.text) if m.type in ("error", "warning") else None)
    pg.on("pageerror", lambda e: problems.append(str(e)))
    yield pg
    context.close()
    # No failed asset, no script error, no blocked resource (the CSP allows only our own files).
    assert problems == []


def total(pg) -> int:
    return int(pg.get_attribute("#total", "data-total"))


def test_type_a_query_click_a_facet_see_the_chip_and_the_narrowed_count(page, server):
    base, ix = server
    page.goto(base + "/")
    page.fill("input[name=q]", "prisoner exchange")
    page.press("input[name=q]", "Enter")
    page.wait_for_url(re.compile(r"q=prisoner\+exchange"))
    assert total(page) == ix.search("prisoner exchange").total == 10
    assert page.locator("ol.hits li.hit").count() == 10
    assert "First Prisoner Exchange Completed" in page.inner_text("ol.hits")

    facet = page.locator('[data-facet="parties:country"] li a').first
    value = facet.get_attribute("data-value")
    count = int(facet.locator(".count").inner_text())
    facet.click()
    page.wait_for_url(re.compile(r"party="))
    chip = page.locator(".chips .chip")
    assert chip.count() == 1 and value in chip.inner_text()
    assert total(page) == count == ix.search("prisoner exchange", parties=[value]).total < 10
    assert page.locator(f'[data-facet="parties:country"] li.active a[data-value="{value}"]').count() == 1

    page.click(".chips .chip-remove")
    page.wait_for_url(lambda url: "party=" not in url)
    assert page.locator(".chips .chip").count() == 0 and total(page) == 10


def test_open_an_article_with_its_quotes_and_filter_by_its_speaker(page, server):
    base, ix = server
    page.goto(base + "/?q=%22prisoner+exchange%22")
    first = page.locator("ol.hits li.hit h3 a").first
    headline = first.inner_text()
    first.click()
    page.wait_for_url(re.compile(r"/article/"))
    assert page.inner_text("article h1") == headline
    assert page.locator(".body .quote").count() > 0 and page.locator(".body .said-by").count() > 0
    speaker = page.locator("section.speakers li a").first
    name = speaker.inner_text()
    speaker.click()
    page.wait_for_url(re.compile(r"q=speaker"))
    assert total(page) == ix.search(f'speaker:"{name}"').total > 0


def test_the_chart_bars_hold_the_counts_and_open_their_period(page, server):
    base, ix = server
    page.goto(base + "/?q=prisoner+exchange")
    bars = page.locator("figure.timeline svg.chart rect.bar")
    counts = [int(bars.nth(i).get_attribute("data-count")) for i in range(bars.count())]
    periods = [bars.nth(i).get_attribute("data-period") for i in range(bars.count())]
    expected = ix.timeline(["prisoner exchange"])
    assert periods == [p.label for p in expected.periods]
    assert counts == list(expected.series[0].counts)
    assert 0 in counts and sum(counts) == 10 - expected.series[0].undated
    tallest = max(range(len(counts)), key=counts.__getitem__)
    heights = [float(bars.nth(i).get_attribute("height")) for i in range(bars.count())]
    assert heights[tallest] == max(heights) and all(
        h == 0 for h, c in zip(heights, counts, strict=True) if c == 0
    )
    bars.nth(tallest).click()
    page.wait_for_url(re.compile(r"since=.*until="))
    assert total(page) == counts[tallest]
    assert {c.split(":")[0] for c in page.locator(".chips .chip").all_inner_texts()} == {"since", "until"}


def test_compare_three_queries_in_counts_and_shares(page, server):
    base, _ = server
    page.goto(base + "/timeline")
    boxes = page.locator("form.compare input[name=q]")
    for i, q in enumerate(["prisoner exchange", "ceasefire", "election"]):
        boxes.nth(i).fill(q)
    page.click("form.compare button")
    page.wait_for_url(re.compile(r"q=election"))
    for i, q in enumerate(["prisoner exchange", "ceasefire", "election"]):
        bars = page.locator(f"svg.chart rect.bar.series-{i}")
        assert bars.count() > 0 and bars.first.get_attribute("data-query") == q
    page.click("text=share of all articles")
    page.wait_for_url(re.compile(r"measure=share"))
    assert page.get_attribute("svg.chart", "data-measure") == "share"
    shares = [
        float(s)
        for s in page.locator("svg.chart rect.bar.series-2").evaluate_all(
            "bars => bars.map(b => b.dataset.share)"
        )
    ]
    assert all(0 <= s <= 1 for s in shares) and any(s > 0 for s in shares)


def test_quotes_view_counts_who_said_it(page, server):
    base, ix = server
    page.goto(base + "/quotes?q=prisoner+exchange")
    result = ix.quotes("prisoner exchange")
    rows = page.locator('[data-facet="quoted"] li a')
    assert rows.count() == len(result.speakers) > 0
    assert rows.first.locator(".value").inner_text() == result.speakers[0].value
    rows.first.click()
    page.wait_for_url(re.compile(r"speaker="))
    assert page.locator("li.quote-hit").count() == result.speakers[0].count


def test_sort_is_applied_on_change_with_javascript(page, server):
    base, _ = server
    page.goto(base + "/?q=ceasefire")
    page.select_option("select[name=sort]", "-date")
    page.wait_for_url(re.compile(r"sort=-date"))
    dates = page.locator("ol.hits time").evaluate_all("ts => ts.map(t => t.getAttribute('datetime'))")
    assert dates == sorted(dates, reverse=True)


def test_the_page_works_without_javascript(browser, server):
    base, ix = server
    context = browser.new_context(java_script_enabled=False)
    try:
        pg = context.new_page()
        pg.goto(base + "/")
        pg.fill("input[name=q]", "ceasefire")
        pg.click("form.search button")
        pg.wait_for_url(re.compile(r"q=ceasefire"))
        facet = pg.locator('[data-facet="speakers"] li a').first
        name = facet.get_attribute("data-value")
        facet.click()
        pg.wait_for_url(re.compile(r"speaker="))
        assert pg.locator(".chips .chip").count() == 1
        assert total(pg) == ix.search("ceasefire", speakers=[name]).total
        details = pg.locator("details.similar")
        if details.count():
            details.first.locator("summary").click()  # native <details>: no script needed
            assert details.first.locator("ul li").first.is_visible()
    finally:
        context.close()
