"""The formats newsrooms hold: Reuters-21578 SGML, saved HTML pages, NITF and NewsML-G2.

Every fixture here is a small file written for these tests, following the public layouts (Reuters-21578's
lewis.dtd, NITF 3.6, NewsML-G2 2.x); none is copied from a real feed.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

import newsearch
from newsearch.corpus import discover, read_file
from newsearch.corpus.markup import read_news_xml
from newsearch.corpus.sgml import read_sgml
from newsearch.models import Article, Skipped

CET = timezone(timedelta(hours=1))  # the offset the NITF, NewsML-G2 and HTML samples give

REUTERS_SGM = """<!DOCTYPE lewis SYSTEM "lewis.dtd">
<REUTERS TOPICS="YES" LEWISSPLIT="TRAIN" CGISPLIT="TRAINING-SET" OLDID="5001" NEWID="101">
<DATE>  3-MAR-1987 09:15:05.40&#5;&#5;&#5;RM</DATE>
<TOPICS><D>grain</D><D>wheat</D></TOPICS>
<PLACES><D>usa</D><D>ussr</D></PLACES>
<PEOPLE><D>lyng</D></PEOPLE>
<ORGS></ORGS>
<EXCHANGES></EXCHANGES>
<COMPANIES></COMPANIES>
<UNKNOWN>
&#5;&#5;&#5;C T
&#22;&#22;&#1;f0704&#31;reute
u f BC-GRAIN-OFFER   03-03 0105</UNKNOWN>
<TEXT>&#2;
<TITLE>U.S. OFFERS WHEAT TO &lt;SOVIET> BUYERS</TITLE>
<AUTHOR>    By Jane Doe, Reuters</AUTHOR>
<DATELINE>    WASHINGTON, March 3 - </DATELINE><BODY>The Agriculture Department offered subsidized
wheat to Soviet buyers on Tuesday, officials said.
    Agriculture Secretary Richard Lyng said the offer covered
four mln tonnes of wheat for delivery this year.
    Shr 10 cts vs 12 cts
 Reuter
&#3;</BODY></TEXT>
</REUTERS>
<REUTERS TOPICS="NO" LEWISSPLIT="TRAIN" CGISPLIT="TRAINING-SET" OLDID="5002" NEWID="102">
<DATE> 3-MAR-1987 09:16:00.00</DATE>
<TOPICS></TOPICS>
<PLACES><D>usa</D></PLACES>
<PEOPLE></PEOPLE>
<ORGS></ORGS>
<EXCHANGES></EXCHANGES>
<COMPANIES></COMPANIES>
<TEXT TYPE="BRIEF">&#2;
******<TITLE>MONEY FUND ASSETS ROSE IN LATEST WEEK
</TITLE>Blah blah blah.
&#3;

</TEXT>
</REUTERS>
<REUTERS TOPICS="NO" LEWISSPLIT="TEST" CGISPLIT="TRAINING-SET" OLDID="5003" NEWID="103">
<DATE> 3-MAR-1987 09:17:00.00</DATE>
<TOPICS></TOPICS>
<PLACES></PLACES>
<PEOPLE></PEOPLE>
<ORGS></ORGS>
<EXCHANGES></EXCHANGES>
<COMPANIES></COMPANIES>
<TEXT TYPE="UNPROC">&#2;
 FOREX RATES   1.8350  1.8360
&#3;</TEXT>
</REUTERS>
"""


def test_reuters_sgml_story_fields_and_metadata():
    items = list(read_sgml(REUTERS_SGM, "reut2-900.sgm"))
    (story,) = [i for i in items if isinstance(i, Article)]
    assert story.id == "101" and story.record == 1
    assert story.headline == "U.S. OFFERS WHEAT TO <SOVIET> BUYERS"
    assert story.date == datetime(1987, 3, 3, 9, 15, 5, tzinfo=UTC)
    assert (story.author, story.source) == ("Jane Doe", "Reuters")
    assert story.body.split("\n\n") == [
        "The Agriculture Department offered subsidized wheat to Soviet buyers on Tuesday, officials said.",
        "Agriculture Secretary Richard Lyng said the offer covered four mln tonnes of wheat for delivery this year.",
        "Shr 10 cts vs 12 cts",  # a table row stays in the body, not a subhead
    ]
    assert story.meta == {
        "dateline": "WASHINGTON, March 3",
        "topics": ("grain", "wheat"),
        "places": ("usa", "ussr"),
        "people": ("lyng",),
    }
    brief, unproc = [i for i in items if isinstance(i, Skipped)]
    assert (brief.record, unproc.record) == (2, 3)
    assert "BRIEF" in brief.reason and "UNPROC" in unproc.reason


def test_sgml_without_reuters_stories_is_reported():
    (item,) = read_sgml("<!DOCTYPE x><DOC><P>text</P></DOC>", "other.sgm")
    assert isinstance(item, Skipped) and "no <REUTERS> stories" in item.reason


def test_reuters_sgml_through_the_index_keeps_metadata(tmp_path):
    corpus = tmp_path / "reuters"
    corpus.mkdir()
    (corpus / "reut2-900.sgm").write_bytes(REUTERS_SGM.replace("Tuesday", "Tuesday\xfc").encode("latin-1"))
    (corpus / "lewis.dtd").write_text("<!ELEMENT LEWIS O O (REUTERS+)>\n")
    (corpus / "README.txt").write_text("Reuters-21578 text categorization collection\n\nNotes.\n")
    with newsearch.create_index(tmp_path / "ix") as ix:
        report = ix.add([corpus])
        assert report.added == 1 and len(report.skipped) == 2
        assert {g.kind for g in report.not_read} == {".dtd", "README*"}
        stored = ix.get("101")
        assert stored.meta["places"] == ("usa", "ussr") and stored.meta["dateline"] == "WASHINGTON, March 3"
        assert ix.search("wheat").hits[0].id == "101"


# ------------------------------------------------------------------------------------------------- NITF

NITF = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE nitf SYSTEM "nitf-3-6.dtd">
<nitf version="-//IPTC//DTD NITF 3.6//EN" change.date="October 18, 2006" change.time="19:30">
  <head>
    <title>Harbour strike ends</title>
    <tobject tobject.type="news">
      <tobject.subject tobject.subject.refnum="09000000" tobject.subject.matter="labour dispute"/>
    </tobject>
    <docdata>
      <doc-id id-string="HC-2025-1105-001"/>
      <urgency ed-urg="4"/>
      <date.issue norm="20251105T093000+0100"/>
      <doc.copyright holder="Harbour Courier" year="2025"/>
      <key-list><keyword key="strike"/><keyword key="port"/></key-list>
      <identified-content>
        <person>Tomas Brandt</person><org>Port Authority</org><location>Marenburg</location>
      </identified-content>
    </docdata>
    <pubdata type="web" name="Harbour Courier" date.publication="20251105T093000+0100"/>
  </head>
  <body>
    <body.head>
      <hedline><hl1>Dock workers end three-week strike</hl1><hl2>Pay rises by seven percent</hl2></hedline>
      <byline>By <person>Lena Marsh</person>, <byttl>Labour correspondent</byttl></byline>
      <dateline><location><city>Marenburg</city></location>, <story.date norm="20251105">Nov. 5</story.date></dateline>
      <abstract><p>Dock workers voted to return to work on Monday.</p></abstract>
    </body.head>
    <body.content>
      <p>Dock workers voted on Sunday to end a three&nbsp;week strike over pay.</p>
      <hl2>What the deal says</hl2>
      <p>"Our members have been patient," union leader Tomas Brandt said.</p>
      <media media-type="image"><media-caption><p>Cranes stand idle at the port.</p></media-caption></media>
      <block><p>The deal covers 4,000 workers and runs for two years.</p></block>
    </body.content>
    <body.end><tagline>Reporting by Lena Marsh</tagline></body.end>
  </body>
</nitf>
"""


def test_nitf_fields_body_and_metadata():
    (a,) = read_news_xml(NITF.encode("utf-8"), "hc/strike.xml")
    assert isinstance(a, Article)
    assert (a.id, a.headline) == ("HC-2025-1105-001", "Dock workers end three-week strike")
    assert a.standfirst == "Dock workers voted to return to work on Monday."
    assert (a.author, a.source) == ("Lena Marsh", "Harbour Courier")
    assert a.date == datetime(2025, 11, 5, 9, 30, tzinfo=CET) and a.date.utcoffset() == CET.utcoffset(None)
    assert a.body.split("\n\n") == [
        "Dock workers voted on Sunday to end a three week strike over pay.",  # &nbsp; read, spaces folded
        '"Our members have been patient," union leader Tomas Brandt said.',
        "The deal covers 4,000 workers and runs for two years.",
    ]  # the photo caption is not the story
    assert a.subheads == ("What the deal says",)
    assert a.meta["keywords"] == ("strike", "port") and a.meta["people"] == ("Tomas Brandt",)
    assert a.meta["places"] == ("Marenburg",) and a.meta["subjects"] == ("labour dispute",)
    assert a.meta["dateline"] == "Marenburg, Nov. 5"


# ------------------------------------------------------------------------------------------- NewsML-G2

G2 = """<?xml version="1.0" encoding="UTF-8"?>
<newsMessage xmlns="http://iptc.org/std/nar/2006-10-01/">
  <header><sent>2025-11-05T09:50:00Z</sent></header>
  <itemSet>
    <newsItem guid="urn:newsml:northgate.example:20251105:port-strike" version="2" standard="NewsML-G2"
        standardversion="2.33" conformance="power" xml:lang="en">
      <catalogRef href="http://www.iptc.org/std/catalog/catalog.IPTC-G2-Standards_38.xml"/>
      <itemMeta>
        <itemClass qcode="ninat:text"/>
        <provider literal="Northgate Wire"/>
        <versionCreated>2025-11-05T09:45:00Z</versionCreated>
        <firstCreated>2025-11-05T09:30:00Z</firstCreated>
        <pubStatus qcode="stat:usable"/>
      </itemMeta>
      <contentMeta>
        <contentCreated>2025-11-05T09:30:00+01:00</contentCreated>
        <located qcode="geo:marenburg"><name>Marenburg</name></located>
        <creator literal="Lena Marsh"/>
        <subject type="cpnat:abstract" qcode="medtop:09000000"><name>labour</name></subject>
        <keyword>strike</keyword>
        <headline>Dock workers end three-week strike</headline>
        <slugline>PORT-STRIKE</slugline>
        <description role="drol:summary">Pay rises by seven percent over two years.</description>
      </contentMeta>
      <contentSet>
        <inlineXML contenttype="application/xhtml+xml">
          <html xmlns="http://www.w3.org/1999/xhtml">
            <head><title>Dock workers end three-week strike</title></head>
            <body>
              <h1>Dock workers end three-week strike</h1>
              <p>Dock workers in Marenburg voted on Sunday to end their strike.</p>
              <h2>Backlog</h2>
              <p>Shipping lines said the container backlog would take a fortnight to clear.</p>
            </body>
          </html>
        </inlineXML>
      </contentSet>
    </newsItem>
    <newsItem guid="urn:newsml:northgate.example:20251105:port-photo" version="1" standard="NewsML-G2"
        standardversion="2.33">
      <itemMeta><itemClass qcode="ninat:picture"/><provider literal="Northgate Wire"/>
        <versionCreated>2025-11-05T09:40:00Z</versionCreated></itemMeta>
      <contentSet><remoteContent href="port.jpg" contenttype="image/jpeg"/></contentSet>
    </newsItem>
  </itemSet>
</newsMessage>
"""


def test_newsml_g2_message_text_items_and_the_rest_reported():
    first, second = read_news_xml(G2.encode("utf-8"), "wire/message.xml")
    assert isinstance(first, Article) and isinstance(second, Skipped)
    assert first.id == "urn:newsml:northgate.example:20251105:port-strike" and first.record == 1
    assert first.headline == "Dock workers end three-week strike"
    assert first.standfirst == "Pay rises by seven percent over two years."
    assert (first.author, first.source) == ("Lena Marsh", "Northgate Wire")
    assert first.date == datetime(2025, 11, 5, 9, 30, tzinfo=CET) and first.date.utcoffset() == CET.utcoffset(
        None
    )
    assert first.body.split("\n\n") == [
        "Dock workers in Marenburg voted on Sunday to end their strike.",
        "Shipping lines said the container backlog would take a fortnight to clear.",
    ]
    assert first.subheads == ("Backlog",)
    assert first.meta == {
        "places": ("Marenburg",),
        "subjects": ("labour",),
        "keywords": ("strike",),
        "slugline": "PORT-STRIKE",
    }
    assert second.record == 2 and "ninat:picture" in second.reason


def test_a_single_newsitem_with_inline_nitf_body():
    item = G2.split("<itemSet>")[1].split("</newsItem>")[0] + "</newsItem>"
    item = item.replace("<newsItem ", '<newsItem xmlns="http://iptc.org/std/nar/2006-10-01/" ', 1)
    nitf_body = (
        '<inlineXML contenttype="application/nitf+xml"><nitf xmlns="http://iptc.org/std/NITF/2006-10-18/">'
        "<body><body.content><p>One paragraph of NITF.</p></body.content></body></nitf></inlineXML>"
    )
    start, end = item.index("<inlineXML"), item.index("</inlineXML>") + len("</inlineXML>")
    (a,) = read_news_xml((item[:start] + nitf_body + item[end:]).encode(), "one.xml")
    assert a.body == "One paragraph of NITF." and a.record is None


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"<rss version='2.0'><channel/></rss>", "neither NITF nor NewsML-G2"),
        (b"<nitf><head>", "invalid XML"),
        (b'<!DOCTYPE x [<!ENTITY a "aaaa">]><nitf>&a;</nitf>', "declares its own entities"),
        (b"<packageItem xmlns='http://iptc.org/std/nar/2006-10-01/'/>", "packageItem"),
        (b"<nitf><head><title>T</title></head><body/></nitf>", None),  # a headline alone is an article
    ],
)
def test_xml_that_is_not_a_news_article_is_reported(data, reason):
    (item,) = read_news_xml(data, "x.xml")
    if reason is None:
        assert isinstance(item, Article) and item.headline == "T"
    else:
        assert isinstance(item, Skipped) and reason in item.reason


# ------------------------------------------------------------------------------------------------- HTML

PAGE = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>Port strike ends after pay deal | Harbour Courier</title>
<meta property="og:title" content="Port strike ends after pay deal">
<meta property="og:site_name" content="Harbour Courier">
<meta name="author" content="Lena Marsh">
<meta property="article:published_time" content="2025-11-05T09:30:00+01:00">
<meta name="description" content="Dock workers return on Monday after three weeks out.">
<link rel="canonical" href="https://harbour.example/news/port-strike-ends">
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav>
<article><h1>Port strike ends after pay deal</h1>
<p>Dock workers voted on Sunday to end a three-week strike after the port authority raised its pay offer.</p>
<p>"Our members have been patient," union leader Tomas Brandt said of the seven percent rise.</p>
<p>Shipping lines said the backlog of containers would take a fortnight to clear.</p>
</article>
<footer>Copyright Harbour Courier. All rights reserved. Subscribe to our newsletter.</footer>
</body></html>"""


def test_html_page_main_text_and_metadata(tmp_path):
    pytest.importorskip(
        "trafilatura", reason="the html extra (pip install 'newsearch[html]') is not installed"
    )
    (tmp_path / "strike.html").write_text(PAGE, encoding="utf-8")
    (a,) = list(
        read_file(next(s for s in discover([tmp_path / "strike.html"]) if not isinstance(s, Skipped)))
    )
    assert isinstance(a, Article)
    assert a.headline == "Port strike ends after pay deal"
    assert (a.author, a.source, a.url) == (
        "Lena Marsh",
        "Harbour Courier",
        "https://harbour.example/news/port-strike-ends",
    )
    assert a.standfirst == "Dock workers return on Monday after three weeks out."
    assert a.date == datetime(2025, 11, 5, 9, 30, tzinfo=CET) and a.date.utcoffset() == CET.utcoffset(None)
    assert a.body.startswith("Dock workers voted on Sunday") and a.body.count("\n\n") == 2
    assert "Subscribe" not in a.body and "Home" not in a.body and "Port strike ends" not in a.body


def test_a_page_without_article_text_is_reported():
    pytest.importorskip(
        "trafilatura", reason="the html extra (pip install 'newsearch[html]') is not installed"
    )
    from newsearch.corpus.markup import read_html

    (item,) = read_html(b"<html><body><nav><a href='/'>Home</a></nav></body></html>", "empty.html")
    assert isinstance(item, Skipped) and "no article text" in item.reason


def test_without_the_html_extra_pages_are_reported_not_read(tmp_path, monkeypatch):
    import newsearch.corpus as corpus

    monkeypatch.setattr(corpus, "html_available", lambda: False)
    folder = tmp_path / "pages"
    folder.mkdir()
    (folder / "strike.html").write_text(PAGE)
    (folder / "note.txt").write_text("A note\n\nSome text.\n")
    with newsearch.create_index(tmp_path / "ix") as ix:
        report = ix.add([folder])
    (group,) = report.not_read
    assert group.kind == ".html" and "pip install 'newsearch[html]'" in group.reason


def test_html_reader_says_what_to_install_when_trafilatura_is_missing(monkeypatch):
    import sys

    from newsearch.corpus.markup import read_html

    monkeypatch.setitem(sys.modules, "trafilatura", None)  # import fails as if not installed
    (item,) = read_html(PAGE.encode(), "page.html")
    assert isinstance(item, Skipped) and "pip install 'newsearch[html]'" in item.reason


def test_every_format_through_one_index(tmp_path):
    pytest.importorskip(
        "trafilatura", reason="the html extra (pip install 'newsearch[html]') is not installed"
    )
    corpus = tmp_path / "mixed"
    corpus.mkdir()
    (corpus / "reut2-900.sgm").write_text(REUTERS_SGM, encoding="latin-1")
    (corpus / "strike.nitf").write_text(NITF)
    (corpus / "wire.xml").write_text(G2)
    (corpus / "page.htm").write_text(PAGE)
    with newsearch.create_index(tmp_path / "ix") as ix:
        report = ix.add([corpus])
        assert report.added == 4 and report.dates_unparsed == 0
        assert {h.id for h in ix.search("strike OR wheat", limit=10).hits} == {
            "101",
            "HC-2025-1105-001",
            "urn:newsml:northgate.example:20251105:port-strike",
            "page.htm",
        }
        assert Path(ix.get("101").path).name == "reut2-900.sgm"
