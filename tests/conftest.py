"""Shared fixtures: a small hand-written corpus in several formats, a built index, a CLI runner."""

from __future__ import annotations

import gzip
import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import settings

import newsearch
from newsearch import backends

# The contract suite: every test that takes `engine` (directly, or through `built` / `ix`) runs once per
# registered engine. Registering an engine in newsearch.backends.REGISTRY adds it here.
ENGINES = backends.names()

# Property tests: the suite (and so CI) runs the same examples every time — a red CI names a change, never a
# random draw. NEWSEARCH_HYPOTHESIS=explore draws fresh examples (and prints the blob that replays a
# failure): run it when hunting bugs, then pin what it finds as a plain test.
settings.register_profile("gate", derandomize=True, database=None)
settings.register_profile("explore", derandomize=False, print_blob=True)
settings.load_profile(os.environ.get("NEWSEARCH_HYPOTHESIS", "gate"))
SHARED_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"

CEASEFIRE_TXT = """\
Date: 2025-11-03
Source: Harbour Courier
Author: Lena Marsh

Mediators push prisoner exchange as ceasefire talks resume in Doha
Negotiators from both sides returned to Qatar on Monday for a fresh round of talks.
Qatari and Egyptian mediators presented a draft prisoner exchange that would free 300 detainees.
"We are closer than we have been in months," Foreign Minister Amara Okonjo said.
Read more: Election commission certifies results in record time
Talks stall over sequencing
The sticking point remains the order in which captives are released, diplomats said.
Okonjo told reporters the United States had offered guarantees.
"""

STRIKE_TXT = """\
Dock workers walk out as port talks collapse

Thousands of dock workers began an indefinite strike on Tuesday after wage talks with the port authority broke down.

"Our members have been patient for two years," union leader Tomas Brandt said.

The port authority said it regretted the decision and urged a return to negotiations.
"""

ELECTION_JSONL = [
    {
        "id": "elec-1",
        "title": "Polls open in tight national election",
        "text": "Voters queued before dawn as polls opened.\n\nThe electoral commission expects turnout "
        "above 70 percent, its chair Rosa Imbert said.",
        "published": "2025-06-01T07:00:00Z",
        "publication": "Meridian Post",
    },
    {
        "id": "elec-2",
        "title": "Opposition claims early lead",
        "text": "The opposition claimed an early lead in the count on Sunday night.\n\n"
        '"The people have spoken," candidate Ilya Varga told supporters.',
        "published": "Sun, 01 Jun 2025 22:15:00 +0000",
        "publication": "Meridian Post",
    },
]

CLIMATE_JSON = [
    {
        "headline": "Climate summit ends with pledge on coal",
        "body": "Delegates agreed a phased exit from coal after talks ran overnight.\n\nSmall island states "
        "said the deal fell short. The US delegation welcomed the text.",
        "date": "March 26, 2025",
        "source": "Atlas Daily",
    }
]


def write_corpus(root: Path) -> Path:
    """The small test corpus: txt (with header, standfirst, link, subhead), jsonl, json, csv and gzip."""
    (root / "ceasefire").mkdir(parents=True)
    (root / "ceasefire" / "talks.txt").write_text(CEASEFIRE_TXT, encoding="utf-8")
    (root / "strike.txt").write_text(STRIKE_TXT, encoding="utf-8")
    (root / "election.jsonl").write_text(
        "\n".join(json.dumps(r) for r in ELECTION_JSONL) + "\n", encoding="utf-8"
    )
    (root / "climate.json").write_text(json.dumps(CLIMATE_JSON), encoding="utf-8")
    (root / "markets.csv").write_text(
        'id,Title,Content,Publish_Date,Outlet\nmk-1,Central bank holds rates,"The central bank held its '
        'main rate at 4 percent.\n\nGovernor Ines Duarte said inflation was easing.",2025-09-18,Northgate Wire\n',
        encoding="utf-8",
    )
    with gzip.open(root / "wire.jsonl.gz", "wt", encoding="utf-8") as fh:
        fh.write(
            json.dumps(
                {
                    "id": "wire-1",
                    "headline": "Red Cross ready to oversee prisoner swap",
                    "body": "The Red Cross said it stood ready to oversee any prisoner swap agreed in Doha.",
                    "date": "2025-11-04",
                    "source": "Northgate Wire",
                }
            )
            + "\n"
        )
    return root


@pytest.fixture(scope="session", autouse=True)
def newsearch_key(tmp_path_factory) -> Path:
    """A signing key of the test run's own (never the user's real one); subprocesses inherit it."""
    path = tmp_path_factory.mktemp("key") / "newsearch-key"
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("NEWSEARCH_KEY_FILE", str(path))
        yield path


@pytest.fixture()
def corpus_dir(tmp_path: Path) -> Path:
    return write_corpus(tmp_path / "corpus")


@pytest.fixture(scope="session", params=ENGINES)
def engine(request) -> str:
    """The engine a contract-suite test runs on (each registered engine in turn)."""
    if request.param == "tantivy":
        from newsearch.backends.tantivy import available

        if not available():
            pytest.skip('the tantivy engine is not installed (pip install "newsearch[tantivy]")')
    return request.param


def _build(tmp_path_factory, engine: str) -> tuple[Path, Path]:
    base = tmp_path_factory.mktemp(f"built-{engine}")
    corpus = write_corpus(base / "corpus")
    index = base / "index"
    newsearch.create_index(index, engine=engine).add([corpus])
    return corpus, index


@pytest.fixture(scope="session")
def built(tmp_path_factory, engine) -> tuple[Path, Path]:
    """(corpus folder, index folder) on each engine, built once for the session. Tests must not modify them."""
    return _build(tmp_path_factory, engine)


@pytest.fixture(scope="session")
def built_whoosh(tmp_path_factory) -> tuple[Path, Path]:
    """The same on the Whoosh engine only (tests of Whoosh's own files and processes)."""
    return _build(tmp_path_factory, "whoosh")


@pytest.fixture()
def ix(built):
    index = newsearch.open_index(built[1])
    yield index
    index.close()


@pytest.fixture()
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture()
def shared_data() -> Path:
    if not SHARED_DATA.is_dir():
        pytest.skip(f"{SHARED_DATA} is absent (research data kept beside the project, not in it)")
    return SHARED_DATA
