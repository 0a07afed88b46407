"""newsearch serve: the HTTP JSON API and the pages, through Starlette's test client and a live server."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import newsearch
from newsearch import shapes
from newsearch.cli import cli

pytest.importorskip("starlette", reason="the web extra is not installed: pip install '.[web]'")
testclient = pytest.importorskip(
    "starlette.testclient", reason="Starlette's test client needs httpx2 (test extra)", exc_type=ImportError
)
TestClient = testclient.TestClient
from newsearch.web import create_app  # noqa: E402
from webserver import (  # noqa: E402
    ATTR,
    EVIL_NAME,
    PROJECT_CORPUS,
    SCRIPT,
    injected,
    live_server,
    write_hostile_corpus,
)


@pytest.fixture(scope="module")
def sample_index(tmp_path_factory) -> Path:
    """The project's own sample corpus (45 articles, the prisoner-exchange stories), indexed once."""
    index = tmp_path_factory.mktemp("web") / "ix"
    newsearch.create_index(index).add([PROJECT_CORPUS])
    return index


@pytest.fixture(scope="module")
def client(sample_index):
    with newsearch.open_index(sample_index) as ix, TestClient(create_app(ix)) as c:
        yield c


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    base = tmp_path_factory.mktemp("hostile")
    corpus, aliases = write_hostile_corpus(base / "corpus")
    index = base / "ix"
    newsearch.create_index(index).add([corpus], aliases=aliases)
    with newsearch.open_index(index) as ix, TestClient(create_app(ix)) as c:
        yield c


def api(client, path, status=200, **params):
    response = client.get(path, params=params)
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    data = response.json()
    assert data["shape_version"] == shapes.SHAPE_VERSION
    return data


def comparable(data):
    """A search answer without its timing (snippets are deterministic: compared too)."""
    return {k: v for k, v in data.items() if k != "elapsed_ms"}


# ------------------------------------------------------------------------------------- the JSON API
def test_api_search_is_the_python_api_in_the_one_json_shape(client, sample_index):
    data = api(client, "/api/search", q="prisoner exchange", limit=3, facet=["speakers", "date:week"])
    with newsearch.open_index(sample_index) as ix:
        expected = shapes.envelope(
            "search", ix.search("prisoner exchange", limit=3, facets=["speakers", "date:week"])
        )
    assert comparable(data) == comparable(shapes.to_data(expected))
    assert data["kind"] == "search" and data["total"] == 10 and len(data["hits"]) == 3
    assert data["hits"][0]["date"].endswith("Z")
    assert all({"name", "kind"} <= set(p) for p in data["hits"][0]["parties"])
    assert [v["value"] for v in data["facets"]["date:week"]] == sorted(
        v["value"] for v in data["facets"]["date:week"]
    )


def test_api_search_filters_paging_and_sort(client):
    everything = api(client, "/api/search", q="talks", limit=100, all="true")
    qatar = api(client, "/api/search", q="talks", party="Qatar", limit=100, all="true")
    both = api(client, "/api/search", q="talks", party=["Qatar", "Egypt"], limit=100, all="true")
    assert 0 < qatar["total"] < everything["total"] and qatar["total"] <= both["total"]
    assert all("Qatar" in {p["name"] for p in h["parties"]} for h in qatar["hits"])
    newest = api(client, "/api/search", q="talks", sort="-date", limit=5, all="1")
    dates = [h["date"] for h in newest["hits"] if h["date"]]
    assert dates == sorted(dates, reverse=True)
    page2 = api(client, "/api/search", q="talks", sort="-date", limit=5, page=2, all="1")
    assert page2["page"] == 2 and not {h["id"] for h in page2["hits"]} & {h["id"] for h in newest["hits"]}
    bounded = api(client, "/api/search", q="talks", since="2025-11-01", until="2025-11-30", limit=100)
    assert bounded["hits"] and all("2025-11-01" <= h["date"][:10] <= "2025-11-30" for h in bounded["hits"])


@pytest.mark.parametrize(
    ("params", "fragment"),
    [
        ({"q": "talks", "limit": "1001"}, "'limit' must be between 1 and 1000"),
        ({"q": "talks", "limit": "ten"}, "'limit' must be a whole number"),
        ({"q": "talks", "page": "0"}, "'page' must be between"),
        ({"q": "talks", "sort": "random"}, "'sort' must be one of"),
        ({"q": "talks", "facet": "colour"}, "unknown facet"),
        ({"q": "talks", "lmit": "5"}, "unknown parameter 'lmit'"),
        ({"q": "talks", "since": "someday"}, "'since' is not a date"),
        ({"q": "talks", "since": "2025-12-01", "until": "2025-01-01"}, "before 'since'"),
        ({"q": "talks", "all": "maybe"}, "'all' must be true or false"),
        ({"q": ["talks", "strike"]}, "'q' given 2 times"),
        ({}, "'q' is required"),
        ({"q": "   "}, "'q' is required"),
        ({"q": "x" * 10_001}, "longer than 10000"),
        ({"q": '"unbalanced'}, "unbalanced quote"),
        ({"q": "nosuchfield:x"}, "unknown field"),
        ({"q": "(" * 40 + "word" + ")" * 40}, "nested more than 32"),
    ],
)
def test_malformed_search_requests_get_a_400_json_error(client, params, fragment):
    data = api(client, "/api/search", 400, **params)
    assert data["kind"] == "error" and set(data["error"]) == {"type", "message"}
    assert fragment in data["error"]["message"]
    assert "Traceback" not in json.dumps(data)


def test_articles_similar_facets_stats(client):
    hit = api(client, "/api/search", q='"prisoner exchange"', limit=1)["hits"][0]
    article = api(client, f"/api/articles/{hit['id']}")
    assert article["kind"] == "article" and article["id"] == hit["id"] and article["body"]
    assert article["quotes"] and {"text", "speaker", "position"} <= set(article["quotes"][0])
    similar = api(client, f"/api/similar/{hit['id']}", limit=3)
    assert similar["kind"] == "similar" and 0 < len(similar["hits"]) <= 3
    assert hit["id"] not in {h["id"] for h in similar["hits"]}
    facet = api(client, "/api/facets/parties:country", top=3)
    assert facet["kind"] == "facet" and facet["facet"] == "parties:country" and len(facet["values"]) == 3
    stats = api(client, "/api/stats")
    assert stats["kind"] == "stats" and stats["articles"] == 45 and stats["first_date"].endswith("Z")


def test_not_found_and_bad_paths_are_json(client):
    missing = api(client, "/api/articles/no/such/article.txt", 404)
    assert missing["error"]["type"] == "ArticleNotFound"
    assert api(client, "/api/similar/nope", 404)["error"]["type"] == "ArticleNotFound"
    assert api(client, "/api/facets/colour", 400)["error"]["type"] == "BadRequest"
    assert api(client, "/api/nothing-here", 404)["error"]["type"] == "NotFound"
    assert api(client, "/api/stats", 400, verbose="1")["error"]["type"] == "BadRequest"


def test_ids_with_hash_and_slash_round_trip(tmp_path):
    corpus = tmp_path / "corpus" / "wire"
    corpus.mkdir(parents=True)
    (corpus / "day.jsonl").write_text(
        json.dumps(
            {"headline": "Port strike spreads", "body": "Dock workers struck again.", "date": "2025-01-02"}
        )
        + "\n",
        encoding="utf-8",
    )
    ix = newsearch.create_index(tmp_path / "ix")
    ix.add([tmp_path / "corpus"])
    with TestClient(create_app(ix)) as c:
        (hit,) = api(c, "/api/search", q="strike")["hits"]
        assert "#" in hit["id"] and "/" in hit["id"]
        encoded = hit["id"].replace("#", "%23")
        assert api(c, f"/api/articles/{encoded}")["id"] == hit["id"]
        page = c.get(f"/article/{encoded}")
        assert page.status_code == 200 and "Port strike spreads" in page.text


def test_read_only_every_other_method_is_405_json(client):
    for method in ("POST", "PUT", "DELETE", "PATCH"):
        for path in ("/api/search", "/", "/api/stats"):
            response = client.request(method, path)
            assert response.status_code == 405
            assert response.json()["error"]["type"] == "MethodNotAllowed"
    assert client.head("/api/stats").status_code == 200


def test_an_unexpected_failure_is_a_500_json_error_without_a_traceback(sample_index, monkeypatch):
    ix = newsearch.open_index(sample_index)

    def broken(*args, **kwargs):
        raise RuntimeError("secret internals /home/user/.ssh")

    monkeypatch.setattr(ix, "search", broken)
    with TestClient(create_app(ix), raise_server_exceptions=False) as c:
        response = c.get("/api/search", params={"q": "talks"})
        assert response.status_code == 500
        body = response.json()
        assert body["error"]["type"] == "InternalError" and "secret" not in response.text
        page = c.get("/", params={"q": "talks"})
        assert page.status_code == 500 and "Traceback" not in page.text and "secret" not in page.text


def test_reported_speech_is_marked_and_can_be_left_out(client):
    every = api(client, "/api/quotes", q="ceasefire", limit=100)
    reported = [h for h in every["hits"] if not h["direct"]]
    assert reported and any(h["direct"] for h in every["hits"])
    own = api(client, "/api/quotes", q="ceasefire", limit=100, direct="1")
    assert own["total"] == every["total"] - len(reported) and all(h["direct"] for h in own["hits"])
    page = client.get("/quotes", params={"q": "ceasefire", "limit": 100}).text
    assert page.count('<blockquote class="reported"><span class="label">reported:</span>') == len(reported)
    assert f"“{reported[0]['text']}”" not in page  # never inside quotation marks
    narrowed = client.get("/quotes", params={"q": "ceasefire", "direct": "1"}).text
    assert 'class="reported"' not in narrowed and 'name="direct" value="1" checked' in narrowed
    assert "direct=1" in narrowed  # the speaker links keep the choice


def test_quotes_count_quotes_whose_text_matches_not_speakers_of_matching_articles(client, sample_index):
    data = api(client, "/api/quotes", q="prisoner exchange", limit=100)
    assert data["kind"] == "quotes" and data["total"] == len(data["hits"]) > 0
    counted = {fv["value"]: fv["count"] for fv in data["speakers"]}
    by_hand: dict[str, int] = {}
    for h in data["hits"]:
        assert "prisoner" in h["text"].lower() and "exchang" in h["text"].lower()
        if h["speaker"]:
            by_hand[h["speaker"]] = by_hand.get(h["speaker"], 0) + 1
    assert counted == by_hand
    # Speakers of the matching articles who did not say the words are not counted.
    with newsearch.open_index(sample_index) as ix:
        article_speakers = {s for h in ix.search('"prisoner exchange"', limit=100).hits for s in h.speakers}
    assert set(counted) < article_speakers
    one = api(client, "/api/quotes", q="prisoner exchange", speaker=next(iter(counted)))
    assert {h["speaker"] for h in one["hits"]} == {next(iter(counted))}
    assert api(client, "/api/quotes", 400)["error"]["message"].startswith("give q")


def test_timeline_api_zero_filled_with_shares(client, sample_index):
    data = api(client, "/api/timeline", q=["prisoner exchange", "ceasefire"], granularity="month")
    assert data["kind"] == "timeline" and data["granularity"] == "month"
    labels = [p["label"] for p in data["periods"]]
    assert labels == sorted(labels) and len(set(labels)) == len(labels)
    assert any(c == 0 for c in data["series"][0]["counts"])  # empty months are there, as zeros
    with newsearch.open_index(sample_index) as ix:
        result = ix.search("prisoner exchange", limit=1, facets=["date:month"], collapse=False)
    nonzero = {fv.value: fv.count for fv in result.facets["date:month"]}
    series = data["series"][0]
    assert {p["label"]: c for p, c in zip(data["periods"], series["counts"], strict=True) if c} == nonzero
    for p, c, s in zip(data["periods"], series["counts"], series["shares"], strict=True):
        assert s == pytest.approx(c / p["articles"] if p["articles"] else 0.0, abs=1e-6)
    assert series["total"] == result.total and series["undated"] == result.total - sum(series["counts"])
    assert api(client, "/api/timeline", 400, q=["a", "b", "c", "d"])["error"]["message"].endswith("at most 3")
    assert api(client, "/api/timeline", 400)["error"]["type"] == "BadRequest"
    assert (
        api(client, "/api/timeline", 400, q="talks", granularity="fortnight")["error"]["type"] == "BadRequest"
    )


def test_openapi_documents_every_api_route_and_its_parameters(client):
    doc = client.get("/openapi.json").json()
    assert doc["openapi"].startswith("3.1") and doc["info"]["title"] == "newsearch"
    app_paths = {
        r.path.replace(":path", "") for r in client.app.routes if getattr(r, "path", "").startswith("/api/")
    }
    assert set(doc["paths"]) == app_paths
    samples = {
        "q": "talks",
        "limit": "2",
        "page": "1",
        "sort": "date",
        "facet": "speakers",
        "top": "2",
        "all": "false",
        "speaker": "Okonjo",
        "party": "Qatar",
        "source": "Harbour Courier",
        "author": "x",
        "since": "2025-01-01",
        "until": "2026-12-31",
        "granularity": "month",
        "direct": "true",
    }
    article = client.get("/api/search", params={"q": "talks", "limit": 1}).json()["hits"][0]["id"]
    for path, item in doc["paths"].items():
        url = path.replace("{id}", article).replace("{facet}", "speakers")
        params = {p["name"]: samples[p["name"]] for p in item["get"]["parameters"] if p["in"] == "query"}
        response = client.get(url, params=params)
        assert response.status_code == 200, (path, response.text)
        ref = item["get"]["responses"]["200"]["content"]["application/json"]["schema"]["$ref"]
        assert ref == "#/components/schemas/" + response.json()["kind"]
    assert set(doc["components"]["schemas"]) >= {"search", "timeline", "error", "quotes", "facet_value"}
    assert "#/$defs/" not in json.dumps(doc)


def test_every_api_answer_validates_against_the_schema_of_its_kind(client):
    jsonschema = pytest.importorskip("jsonschema")
    article = client.get("/api/search", params={"q": "talks", "limit": 1}).json()["hits"][0]["id"]
    calls = [
        ("/api/search", {"q": "prisoner exchange", "facet": ["speakers", "parties:country", "date:week"]}),
        ("/api/search", {"q": "talks", "sort": "date"}),  # with a notice
        ("/api/search", {"q": "nosuchwordanywhere"}),
        (f"/api/articles/{article}", {}),
        (f"/api/similar/{article}", {"limit": 2}),
        ("/api/facets/date:week", {}),
        ("/api/quotes", {"q": "government"}),
        ("/api/quotes", {"speaker": "nobody-at-all"}),
        ("/api/timeline", {"q": ["prisoner exchange", "ceasefire", "nosuchwordanywhere"]}),
        ("/api/stats", {}),
        ("/api/search", {"q": '"broken'}),
        ("/api/articles/nope", {}),
    ]
    for path, params in calls:
        data = client.get(path, params=params).json()
        jsonschema.Draft202012Validator(shapes.schema(data["kind"])).validate(data)


def test_security_headers_and_host_check(sample_index):
    ix = newsearch.open_index(sample_index)
    with TestClient(
        create_app(ix, allowed_hosts=["127.0.0.1", "localhost"]), base_url="http://127.0.0.1"
    ) as c:
        ok = c.get("/api/stats")
        assert ok.status_code == 200
        assert "script-src 'self'" in ok.headers["content-security-policy"]
        assert ok.headers["x-content-type-options"] == "nosniff"
        rebinding = c.get("/api/stats", headers={"host": "attacker.example:8765"})
        assert rebinding.status_code == 400 and rebinding.json()["error"]["type"] == "BadRequest"


# ------------------------------------------------------------------------------------- exports
BROAD = "talks OR election OR strike OR climate OR markets"


def test_csv_and_jsonl_exports_hold_every_hit(client):
    total = api(client, "/api/search", q=BROAD, all="1")["total"]
    assert total > 20  # more than one page of the page view
    response = client.get("/export.csv", params={"q": BROAD, "all": "1"})
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/csv")
    assert "attachment" in response.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert len(rows) == total and len({r["id"] for r in rows}) == total
    lines = client.get("/export.jsonl", params={"q": BROAD, "all": "1"}).text.splitlines()
    records = [json.loads(line) for line in lines]
    assert len(records) == total and all(r["kind"] == "hit" for r in records)
    assert [r["id"] for r in records] == [r["id"] for r in rows]
    narrowed = list(
        csv.DictReader(io.StringIO(client.get("/export.csv", params={"q": BROAD, "party": "Qatar"}).text))
    )
    assert 0 < len(narrowed) < total
    assert api(client, "/export.csv", 400, q='"broken')["error"]["type"] == "QueryError"


def test_csv_cells_that_look_like_formulas_are_made_text():
    from newsearch.models import Hit, Party
    from newsearch.web.export import csv_lines

    hit = Hit(
        "id-1",
        1.0,
        '=HYPERLINK("http://x")',
        None,
        "+source",
        "p",
        ("@who", "Ann"),
        (Party("-x", "person"),),
        "-snippet",
    )
    header, line = "".join(csv_lines([hit])).splitlines()
    row = dict(zip(next(csv.reader([header])), next(csv.reader([line])), strict=True))
    assert row["headline"] == '\'=HYPERLINK("http://x")' and row["source"] == "'+source"
    assert row["speakers"] == "'@who; Ann" and row["parties"] == "'-x" and row["snippet"] == "'-snippet"
    assert "".join(csv_lines([])).strip() == ",".join(
        ("id", "score", "date", "source", "headline", "speakers", "parties", "url", "path", "snippet")
    )


# ------------------------------------------------------------------------------------- the pages
def test_search_page_works_without_javascript(client):
    page = client.get("/", params={"q": "prisoner exchange"})
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    html = page.text
    assert 'data-total="10"' in html and "First Prisoner Exchange Completed" in html
    assert "<mark>" in html and 'class="facet-group" data-facet="speakers"' in html
    assert "<svg" in html and 'class="bar series-0"' in html
    assert "/export.csv?q=prisoner+exchange" in html


def test_facet_links_drill_down_and_chips_remove_them(client):
    html = client.get("/", params={"q": "talks"}).text
    start = html.index('data-facet="parties:country"')
    link = html[html.index('href="', start) + 6 : html.index('"', html.index('href="', start) + 6)]
    link = link.replace("&amp;", "&")
    assert "party=" in link
    narrowed = client.get(link)
    assert narrowed.status_code == 200 and 'class="chip"' in narrowed.text
    total = int(narrowed.text.split('data-total="')[1].split('"')[0])
    assert 0 < total < int(html.split('data-total="')[1].split('"')[0])
    chip = narrowed.text.split('class="chip-remove" href="')[1].split('"')[0].replace("&amp;", "&")
    assert "party=" not in chip and client.get(chip).text.count('class="chip"') == 0


def test_page_errors_are_pages_with_a_message(client):
    bad = client.get("/", params={"q": '"unbalanced'})
    assert bad.status_code == 400 and "unbalanced quote" in bad.text and "<form" in bad.text
    missing = client.get("/article/no-such-article")
    assert missing.status_code == 404 and "no article with id" in missing.text
    assert client.get("/nowhere").status_code == 404
    assert client.get("/", params={"q": "talks", "limit": "5000"}).status_code == 400


def test_landing_article_quotes_and_timeline_pages(client):
    landing = client.get("/").text
    assert "45 articles" in landing and "Most quoted" in landing
    article = client.get("/article/ceasefire/2025-11-20-ceasefire-takes-hold.txt").text
    assert 'class="quote"' in article and 'class="said-by"' in article and "More like this" in article
    assert "/?q=party%3A%22Qatar%22" in article
    quotes = client.get("/quotes", params={"q": "prisoner exchange"}).text
    assert "Who is quoted most" in quotes and 'class="quote-hit"' in quotes
    timeline = client.get("/timeline", params={"q": ["prisoner exchange", "ceasefire", "election"]}).text
    assert timeline.count('class="bar series-2"') > 0 and "<table>" in timeline


# ------------------------------------------------------------------------------------- escaping
def test_hostile_text_is_escaped_on_every_page(hostile):
    ids = [h["id"] for h in api(hostile, "/api/search", q="ceasefire")["hits"]]
    assert any("<script>" in i for i in ids)
    pages = [
        hostile.get("/", params={"q": "ceasefire"}),
        hostile.get("/", params={"q": f"ceasefire {ATTR}"}),
        hostile.get("/", params={"q": f"{SCRIPT}"}),
        hostile.get("/", params={"q": "ceasefire", "speaker": EVIL_NAME, "source": ATTR}),
        hostile.get("/quotes", params={"q": "peace"}),
        hostile.get("/quotes", params={"speaker": EVIL_NAME}),
        hostile.get("/timeline", params={"q": ["ceasefire", SCRIPT, ATTR]}),
        hostile.get("/"),
        *(hostile.get("/article/" + i.replace("#", "%23").replace('"', "%22")) for i in ids),
    ]
    for response in pages:
        assert response.status_code in (200, 400), response.text[:300]
        assert injected(response.text) == [], response.url
    article = pages[-1].text if "evil" in str(pages[-1].url) else pages[-2].text
    assert "&lt;script&gt;" in article and "javascript:alert" in article  # shown as text, never as a link
    speaker_page = pages[0].text
    assert "Amara &#34; onmouseover=" in speaker_page or "Amara &quot; onmouseover=" in speaker_page


def test_hostile_text_is_plain_json_in_the_api(hostile):
    data = api(hostile, "/api/search", q="ceasefire", facet="speakers")
    assert EVIL_NAME in {fv["value"] for fv in data["facets"]["speakers"]}
    response = hostile.get("/api/search", params={"q": "ceasefire"})
    assert response.headers["content-type"] == "application/json"
    assert response.headers["x-content-type-options"] == "nosniff"


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(alphabet=st.sampled_from(list("<>\"'&=/ abcsript:onerrolad()")), min_size=1, max_size=60))
def test_any_query_string_is_escaped(hostile, text):
    for path in ("/", "/quotes", "/timeline"):
        response = hostile.get(path, params={"q": text})
        assert response.status_code in (200, 400)
        assert injected(response.text) == []


# ------------------------------------------------------------------------------------- serving and the CLI
def test_import_newsearch_does_not_import_the_web_stack():
    code = (
        "import sys, newsearch, newsearch.cli; "
        "print(sorted(m for m in ('starlette', 'uvicorn', 'jinja2', 'newsearch.web') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_serve_without_the_web_extra_says_what_to_install(runner, sample_index, monkeypatch):
    # As if Starlette were not installed: the next import of newsearch.web fails on it.
    for name in [m for m in sys.modules if m.startswith(("newsearch.web", "starlette"))]:
        monkeypatch.delitem(sys.modules, name)
    monkeypatch.delattr(newsearch, "web", raising=False)
    monkeypatch.setitem(sys.modules, "starlette", None)
    result = runner.invoke(cli, ["serve", "--index", str(sample_index)])
    assert result.exit_code == 1 and "pip install 'newsearch[web]'" in result.stderr
    assert "starlette is missing" in result.stderr


def test_serve_warns_for_a_non_loopback_host_and_fails_cleanly_when_it_cannot_listen(runner, sample_index):
    # 192.0.2.1 is TEST-NET-1: never an address of this machine, so nothing is ever exposed.
    result = runner.invoke(
        cli, ["serve", "--index", str(sample_index), "--host", "192.0.2.1", "--port", "8765"]
    )
    assert result.exit_code == 1
    assert "Warning: listening on 192.0.2.1, not on loopback" in result.stderr
    assert "cannot listen on 192.0.2.1:8765" in result.stderr
    missing = runner.invoke(cli, ["serve", "--index", str(sample_index.parent / "nope")])
    assert missing.exit_code == 1 and "no index at" in missing.stderr


def test_newsearch_serve_command_serves_the_api(sample_index, tmp_path):
    command = [sys.executable, "-m", "newsearch", "serve", "--index", str(sample_index), "--port", "0"]
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) as proc:
        try:
            line = proc.stdout.readline()
            assert "serving" in line and "http://127.0.0.1:" in line
            url = line.split(" at ")[1].split(" ")[0]
            with urllib.request.urlopen(url + "api/search?q=prisoner+exchange&limit=1", timeout=30) as r:
                data = json.loads(r.read())
            assert data["total"] == 10
        finally:
            proc.terminate()
            proc.wait(20)


def test_searches_see_new_commits_while_the_index_is_written(tmp_path):
    """One process serves while another runs newsearch index: no failed request, new articles appear."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for i in range(30):
        (corpus / f"a{i}.txt").write_text(f"Harbour story {i}\n\nThe harbour reopened on day {i}.\n")
    index = tmp_path / "ix"
    newsearch.create_index(index).add([corpus])
    ix = newsearch.open_index(index)
    failures: list[str] = []
    totals: list[int] = []
    stop = threading.Event()
    with live_server(create_app(ix)) as base:

        def hammer() -> None:
            while not stop.is_set():
                try:
                    # all=1: the stories differ by one number, so folded they would count as a few groups
                    url = base + "/api/search?q=harbour&limit=5&all=1"
                    with urllib.request.urlopen(url, timeout=30) as r:
                        totals.append(json.loads(r.read())["total"])
                except Exception as exc:  # any failure at all is what this test looks for
                    failures.append(repr(exc))

        threads = [threading.Thread(target=hammer) for _ in range(3)]
        for t in threads:
            t.start()
        deadline = time.monotonic() + 120
        while not totals and not failures and time.monotonic() < deadline:
            time.sleep(0.01)  # the state before the run is seen first, however slowly the threads start
        for i in range(30, 60):
            (corpus / f"a{i}.txt").write_text(f"Harbour story {i}\n\nThe harbour reopened on day {i}.\n")
        subprocess.run(
            [sys.executable, "-m", "newsearch", "index", str(corpus), "--index", str(index), "-q"],
            check=True,
            capture_output=True,
        )
        deadline = time.monotonic() + 120
        while (not totals or totals[-1] != 60) and time.monotonic() < deadline:
            time.sleep(0.05)
        stop.set()
        for t in threads:
            t.join(30)
    ix.close()
    assert failures == []
    assert totals[0] == 30 and totals[-1] == 60 and set(totals) <= {30, 60}
