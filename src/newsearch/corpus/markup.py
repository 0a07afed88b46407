"""Marked-up news: saved web pages (HTML, via trafilatura) and the news industry's XML formats.

- **HTML** (``.html``/``.htm``): the page's main text, extracted by ``trafilatura`` (the optional extra
  ``newsearch[html]``), with headline, date, author, description and site name from the page's metadata
  (``<title>``, Open Graph, ``article:published_time``, schema.org) where present.
- **NITF** 3.x (root ``<nitf>``): ``hedline/hl1`` headline, ``hl2`` or ``abstract`` standfirst, ``byline``,
  ``dateline``, ``docdata`` (``doc-id`` as the id, ``date.issue`` as the date, keywords, identified people,
  organisations and places), ``pubdata`` name as the source, ``body.content`` paragraphs.
- **NewsML-G2** (root ``<newsItem>`` or a ``<newsMessage>`` of several, namespace
  ``http://iptc.org/std/nar/2006-10-01/``): text items (``ninat:text``) with ``guid`` as the id,
  ``contentMeta`` headline, description, ``by``, ``contentCreated``, subjects, keywords, ``located``, and the
  body from ``inlineXML`` (NITF or XHTML) or ``inlineData``.

XML is parsed with the standard library (expat: no external entities or DTDs are fetched); a document
that declares entities of its own is refused (the classic entity bomb), and HTML named entities that a
missing DTD would define (``&nbsp;``) are replaced before parsing.
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from html.entities import html5
from typing import Any

from ..models import Article, Skipped
from .decode import DecodeError, decode
from .fields import build_article
from .notes import Note
from .settings import DEFAULT, ReadSettings

Item = Article | Skipped | Note
G2_NS = "http://iptc.org/std/nar/2006-10-01/"

# --------------------------------------------------------------------------------------------- HTML


def read_html(data: bytes, rel_path: str, settings: ReadSettings = DEFAULT) -> Iterator[Item]:
    """One saved web page: its main text and metadata (needs ``pip install 'newsearch[html]'``)."""
    try:
        import trafilatura
    except ImportError:
        yield Skipped(rel_path, "HTML needs the html extra: pip install 'newsearch[html]'")
        return
    doc: Any
    try:
        doc = trafilatura.bare_extraction(
            data,
            with_metadata=True,
            include_comments=False,
            include_tables=True,
            favor_precision=True,
            # Only dates the page states; no guessing from its text or URL.
            date_extraction_params={
                "extensive_search": False,
                "original_date": True,
                "outputformat": "%Y-%m-%dT%H:%M:%S%z",
            },
        )
    except Exception as exc:  # trafilatura/lxml raise many types on broken pages
        yield Skipped(rel_path, f"HTML page cannot be read ({type(exc).__name__}: {exc})")
        return
    text = (getattr(doc, "text", None) or "").strip() if doc is not None else ""
    if not text:
        yield Skipped(rel_path, "no article text found in the HTML page")
        return
    title = (doc.title or "").strip()
    lines = [line for line in text.split("\n") if line.strip()]
    if title and lines and lines[0].strip() == title:
        lines = lines[1:]  # the page's own <h1>, repeated at the top of the text
    if not lines:
        yield Skipped(rel_path, "no article text found in the HTML page")
        return
    fields = {
        "headline": title,
        "standfirst": doc.description,
        "date": doc.date,
        "author": doc.author,
        "source": doc.sitename,
        "url": doc.url,
    }
    meta = {k: tuple(v) for k, v in (("categories", doc.categories), ("tags", doc.tags)) if v}
    try:
        article = build_article(
            {k: v for k, v in fields.items() if v},
            rel_path=rel_path,
            record=None,
            body_text="\n\n".join(lines),
            date_format=settings.date_format,
            meta=meta,
        )
    except ValueError:
        yield Skipped(rel_path, "no article text found in the HTML page (only menus or links)")
        return
    yield article
    if doc.date and article.date is None:
        yield Note(rel_path, None, "dates-unparsed", str(doc.date))


# ---------------------------------------------------------------------------------------------- XML


def read_news_xml(data: bytes, rel_path: str, settings: ReadSettings = DEFAULT) -> Iterator[Item]:
    """NITF or NewsML-G2, told apart by the root element."""
    root = _parse(data)
    if isinstance(root, str):
        yield Skipped(rel_path, root)
        return
    tag = _local(root.tag)
    if tag == "nitf":
        yield from _one(_nitf(root), rel_path, None, settings)
    elif tag == "newsItem":
        yield from _g2_item(root, rel_path, None, settings)
    elif tag == "newsMessage":
        items = [el for el in root.iter() if _local(el.tag) == "newsItem"]
        if not items:
            yield Skipped(rel_path, "NewsML-G2 newsMessage without a newsItem")
        for n, item in enumerate(items, start=1):
            yield from _g2_item(item, rel_path, n, settings)
    elif tag in ("packageItem", "conceptItem", "knowledgeItem", "planningItem", "catalog"):
        yield Skipped(rel_path, f"a NewsML-G2 {tag}, not an article")
    else:
        yield Skipped(rel_path, f"XML whose root is <{tag}>: neither NITF nor NewsML-G2")


_ENTITY_DECL = re.compile(rb"<!ENTITY", re.I)
_NAMED_ENTITY = re.compile(r"&([A-Za-z][A-Za-z0-9]{1,31});")
_XML_ENTITIES = {"lt", "gt", "amp", "quot", "apos"}


def _parse(data: bytes) -> ET.Element | str:
    """The root element, or the reason the bytes are not XML newsearch reads."""
    if _ENTITY_DECL.search(data[:65536]):
        return "XML that declares its own entities is refused (an entity bomb cannot be told apart)"
    try:
        return ET.fromstring(data)
    except ET.ParseError as exc:
        if "undefined entity" not in str(exc):
            return f"invalid XML: {exc}"
    # Entities a DTD would define (NITF uses HTML's): replace them with their characters.
    try:
        text = decode(data)
    except DecodeError as exc:
        return str(exc)
    text = re.sub(r"^\s*<\?xml[^>]*\?>", "", text)
    text = _NAMED_ENTITY.sub(_entity, text)
    try:
        return ET.fromstring(text)
    except ET.ParseError as exc:
        return f"invalid XML: {exc}"


def _entity(m: re.Match[str]) -> str:
    name = m.group(1)
    if name in _XML_ENTITIES:
        return m.group(0)
    char = html5.get(name + ";")
    return html.escape(char, quote=False) if char else m.group(0)


def _local(tag: Any) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _children(el: ET.Element | None, name: str) -> list[ET.Element]:
    return [c for c in el if _local(c.tag) == name] if el is not None else []


def _child(el: ET.Element | None, *path: str) -> ET.Element | None:
    for name in path:
        found = _children(el, name)
        el = found[0] if found else None
    return el


def _find(el: ET.Element | None, name: str) -> ET.Element | None:
    """The first descendant with this local name."""
    if el is None:
        return None
    return next((d for d in el.iter() if _local(d.tag) == name and d is not el), None)


def _text(el: ET.Element | None) -> str:
    return " ".join("".join(el.itertext()).split()) if el is not None else ""


def _one(parsed: tuple[dict, list[str], list[str], dict] | str, rel_path, record, settings) -> Iterator[Item]:
    if isinstance(parsed, str):
        yield Skipped(rel_path, parsed, record)
        return
    fields, paragraphs, subheads, meta = parsed
    try:
        article = build_article(
            {k: v for k, v in fields.items() if v},
            rel_path=rel_path,
            record=record,
            body_text="\n\n".join(paragraphs),
            date_format=settings.date_format,
            meta={k: v for k, v in meta.items() if v},
            find_subheads=False,
            subheads=tuple(subheads),
        )
    except ValueError as exc:
        yield Skipped(rel_path, str(exc), record)
        return
    yield article
    if fields.get("date") and article.date is None:
        yield Note(rel_path, record, "dates-unparsed", str(fields["date"])[:60])


def _blocks(el: ET.Element | None, paragraphs: list[str], subheads: list[str]) -> None:
    """Paragraphs and subheads of a NITF body.content or an XHTML body, in document order."""
    if el is None:
        return
    for child in el:
        tag = _local(child.tag)
        if tag in ("p", "pre", "li", "bq"):
            if text := _text(child):
                paragraphs.append(text)
        elif tag in ("hl1", "hl2", "h2", "h3", "h4", "h5", "h6"):
            if text := _text(child):
                subheads.append(text)
        elif tag in ("media", "table", "note", "fn", "script", "style", "figure", "img", "h1", "head"):
            continue  # captions, tables and notes are not the story's prose
        else:
            _blocks(child, paragraphs, subheads)


def _norm_date(value: str | None) -> str:
    """NITF/G2 dates are ISO 8601, often in the basic format (20240305T093000+0000)."""
    if not value:
        return ""
    m = re.fullmatch(r"(\d{4})(\d\d)(\d\d)(?:T(\d\d)(\d\d)(\d\d)?)?(Z|[+-]\d\d:?\d\d)?", value.strip())
    if not m:
        return value.strip()
    y, mo, d, hh, mm, ss, tz = m.groups()
    out = f"{y}-{mo}-{d}"
    if hh:
        out += f"T{hh}:{mm}:{ss or '00'}"
        if tz:
            out += "+00:00" if tz == "Z" else f"{tz[:3]}:{tz[-2:]}"
    return out


def _nitf(root: ET.Element) -> tuple[dict, list[str], list[str], dict] | str:
    head, body = _child(root, "head"), _child(root, "body")
    docdata = _child(head, "docdata")
    body_head = _child(body, "body.head")
    hedline = _child(body_head, "hedline")
    headline = _text(_child(hedline, "hl1")) or _text(_child(head, "title"))
    standfirst = _text(_child(body_head, "abstract")) or " ".join(_text(h) for h in _children(hedline, "hl2"))
    byline = _child(body_head, "byline")
    person = _find(byline, "person")
    author = _text(person) if person is not None else re.sub(r"^by\s+", "", _text(byline), flags=re.I)
    dateline = _child(body_head, "dateline")
    story_date = _find(dateline, "story.date")
    date = ""
    for el, attr in (
        (_child(docdata, "date.issue"), "norm"),
        (_child(docdata, "date.release"), "norm"),
        (_child(head, "pubdata"), "date.publication"),
        (story_date, "norm"),
    ):
        if el is not None and el.get(attr):
            date = _norm_date(el.get(attr))
            break
    pubdata = _child(head, "pubdata")
    source = (pubdata.get("name") if pubdata is not None else "") or _text(_child(body_head, "distributor"))
    doc_id = _child(docdata, "doc-id")
    identified = _child(docdata, "identified-content")
    meta = {
        "dateline": _text(dateline),
        "keywords": tuple(
            k.get("key", "") for k in _children(_child(docdata, "key-list"), "keyword") if k.get("key")
        ),
        "people": tuple(_text(e) for e in _children(identified, "person") if _text(e)),
        "orgs": tuple(_text(e) for e in _children(identified, "org") if _text(e)),
        "places": tuple(_text(e) for e in _children(identified, "location") if _text(e)),
        "subjects": tuple(
            s.get("tobject.subject.matter") or s.get("tobject.subject.refnum") or ""
            for s in _children(_child(head, "tobject"), "tobject.subject")
        ),
    }
    meta["subjects"] = tuple(s for s in meta["subjects"] if s)
    paragraphs: list[str] = []
    subheads: list[str] = []
    _blocks(_child(body, "body.content"), paragraphs, subheads)
    fields = {
        "id": doc_id.get("id-string", "") if doc_id is not None else "",
        "headline": headline,
        "standfirst": standfirst,
        "author": author,
        "date": date,
        "source": source,
    }
    return fields, paragraphs, subheads, meta


def _g2_item(item: ET.Element, rel_path: str, record: int | None, settings: ReadSettings) -> Iterator[Item]:
    item_meta = _child(item, "itemMeta")
    item_class = _child(item_meta, "itemClass")
    qcode = item_class.get("qcode", "") if item_class is not None else ""
    if qcode and qcode.split(":")[-1] != "text":
        yield Skipped(rel_path, f"a NewsML-G2 {qcode} item, not text", record)
        return
    content = _child(item, "contentMeta")
    paragraphs: list[str] = []
    subheads: list[str] = []
    content_set = _child(item, "contentSet")
    for inline in _children(content_set, "inlineXML"):
        nitf_body = _find(inline, "body.content")
        _blocks(nitf_body if nitf_body is not None else _find(inline, "body"), paragraphs, subheads)
        if paragraphs:
            break
    if not paragraphs:
        for inline in _children(content_set, "inlineData"):
            paragraphs += [p.strip() for p in re.split(r"\n\s*\n", inline.text or "") if p.strip()]
    if not paragraphs and _children(content_set, "remoteContent"):
        yield Skipped(rel_path, "NewsML-G2 item whose text is remote (remoteContent only)", record)
        return
    descriptions = _children(content, "description")
    summary = next(
        (d for d in descriptions if "summary" in d.get("role", "")), descriptions[0] if descriptions else None
    )
    source_el = _child(content, "infoSource")
    provider = _child(item_meta, "provider")
    source = _text(_child(source_el, "name")) or (
        source_el.get("literal", "") if source_el is not None else ""
    )
    if not source and provider is not None:
        source = (
            provider.get("literal")
            or _text(_child(provider, "name"))
            or provider.get("qcode", "").split(":")[-1]
        )
    by = _children(content, "by")
    creator = _child(content, "creator")
    date = ""
    for el in (
        _child(content, "contentCreated"),
        _child(item_meta, "firstCreated"),
        _child(item_meta, "versionCreated"),
    ):
        if el is not None and _text(el):
            date = _text(el)
            break
    meta = {
        "dateline": _text(_child(content, "dateline")),
        "places": tuple(
            _text(_child(loc, "name")) for loc in _children(content, "located") if _text(_child(loc, "name"))
        ),
        "subjects": tuple(
            _text(_child(s, "name")) or s.get("qcode", "") for s in _children(content, "subject")
        ),
        "keywords": tuple(_text(k) for k in _children(content, "keyword") if _text(k)),
        "slugline": _text(_child(content, "slugline")),
    }
    meta["subjects"] = tuple(s for s in meta["subjects"] if s)
    fields = {
        "id": item.get("guid", ""),
        "headline": _text(_child(content, "headline")) or _text(_child(item_meta, "title")),
        "standfirst": _text(summary),
        "author": _text(by[0])
        if by
        else _text(_child(creator, "name")) or (creator.get("literal", "") if creator is not None else ""),
        "date": date,
        "source": source,
    }
    fields["author"] = re.sub(r"^by\s+", "", fields["author"], flags=re.I)
    yield from _one((fields, paragraphs, subheads, meta), rel_path, record, settings)


BYTE_READERS = (read_html, read_news_xml)
