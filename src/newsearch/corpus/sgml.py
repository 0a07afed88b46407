"""Reuters-21578 SGML (``.sgm``): ``<REUTERS>`` stories as laid out by ``lewis.dtd`` (v1.1).

The files are SGML, not XML: no root element, a DOCTYPE per file, references to control characters
(``&#2;``, ``&#3;``, ``&#5;`` …) that XML forbids, ``&lt;`` and ``&amp;`` in text and a bare ``>``. So the
stories are cut out with patterns that follow the DTD's element names rather than parsed as XML.

Each story becomes an article: its own id is the ``NEWID`` attribute; headline ``TITLE``; body ``BODY``
(hard-wrapped lines joined, a paragraph per indented line, the closing "Reuter" sign-off dropped); date
``DATE``; author ``AUTHOR`` ("By Name, Reuters" → "Name"); source "Reuters"; and as metadata the
``DATELINE`` and the category sets TOPICS, PLACES, PEOPLE, ORGS, EXCHANGES and COMPANIES. A story without
a ``BODY`` — ``TYPE="BRIEF"`` (a headline only, the text "Blah blah blah.") or ``TYPE="UNPROC"`` (tables
Reuters did not process) — is reported as skipped, with its type.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator

from ..models import Article, Skipped
from .fields import build_article
from .notes import Note
from .settings import DEFAULT, ReadSettings

_STORY = re.compile(r"<REUTERS\b([^>]*)>(.*?)</REUTERS>", re.S | re.I)
_ATTR = re.compile(r'([A-Za-z-]+)="([^"]*)"')
_CONTROL_REF = re.compile(r"&#(?:[0-8]|1[1-9]|2\d|3[01]|127);")  # control characters, not text
_TRAILER = re.compile(r"\s*\breuter\b\s*$", re.I)
_D = re.compile(r"<D>(.*?)</D>", re.S | re.I)
_TAGS = re.compile(r"<[^>]{1,40}>")
CATEGORY_SETS = ("topics", "places", "people", "orgs", "exchanges", "companies")


def _element(story: str, name: str) -> str | None:
    m = re.search(rf"<{name}\b[^>]*>(.*?)</{name}>", story, re.S | re.I)
    return m.group(1) if m else None


def _text(raw: str) -> str:
    return html.unescape(_CONTROL_REF.sub("", raw))


def _line(raw: str | None) -> str:
    return " ".join(_text(raw).split()) if raw else ""


def _paragraphs(raw: str) -> str:
    """Hard-wrapped lines joined; a line indented by spaces or a tab starts a new paragraph."""
    text = _TRAILER.sub("", _text(raw).rstrip())
    paragraphs: list[list[str]] = []
    for line in text.split("\n"):
        if not line.strip():
            if paragraphs and paragraphs[-1]:
                paragraphs.append([])
            continue
        if line[:1] in (" ", "\t") or not paragraphs:
            paragraphs.append([])
        paragraphs[-1].append(line.strip())
    return "\n\n".join(" ".join(p) for p in paragraphs if p)


def _author(raw: str | None) -> str:
    name = _line(raw)
    name = re.sub(r"^by\s+", "", name, flags=re.I)
    return re.sub(r",\s*reuters?$", "", name, flags=re.I).strip()


def read_sgml(
    text: str, rel_path: str, settings: ReadSettings = DEFAULT
) -> Iterator[Article | Skipped | Note]:
    """Every ``<REUTERS>`` story of a file, in order; record numbers count stories from 1."""
    found = False
    for n, m in enumerate(_STORY.finditer(text), start=1):
        found = True
        attrs = dict((k.upper(), v) for k, v in _ATTR.findall(m.group(1)))
        story = m.group(2)
        body = _element(story, "BODY")
        text_type = re.search(r'<TEXT\b[^>]*TYPE="([^"]+)"', story, re.I)
        if body is None or not body.strip():
            kind = text_type.group(1).upper() if text_type else ""
            why = {
                "BRIEF": 'no BODY: a TYPE="BRIEF" story (a headline only)',
                "UNPROC": 'no BODY: a TYPE="UNPROC" story (text Reuters did not process)',
            }.get(kind, "no BODY")
            yield Skipped(rel_path, why, n)
            continue
        meta: dict[str, object] = {}
        if dateline := _line(_element(story, "DATELINE")).rstrip(" -"):
            meta["dateline"] = dateline
        for name in CATEGORY_SETS:
            inner = _element(story, name.upper())
            if inner:
                values = tuple(v for d in _D.findall(inner) if (v := _line(d)))
                if values:
                    meta[name] = values
        fields = {
            "id": attrs.get("NEWID", ""),
            "headline": _line(_TAGS.sub(" ", _element(story, "TITLE") or "")),
            "date": _line(_element(story, "DATE")),
            "author": _author(_element(story, "AUTHOR")),
            "source": "Reuters",
        }
        try:
            article = build_article(
                {k: v for k, v in fields.items() if v},
                rel_path=rel_path,
                record=n,
                body_text=_paragraphs(body),
                date_format=settings.date_format,
                meta=meta,
                find_subheads=False,
            )
        except ValueError as exc:
            yield Skipped(rel_path, str(exc), n)
            continue
        yield article
        if fields["date"] and article.date is None:
            yield Note(rel_path, n, "dates-unparsed", fields["date"][:60])
    if not found:
        yield Skipped(
            rel_path, "no <REUTERS> stories in this SGML file (only Reuters-21578's layout is read)"
        )
