"""Evaluate speaker, quote and party extraction against the hand-annotated data in ../shared/data.

    python benchmarks/eval_extraction.py [--data ../shared/data] [--splits train,dev] [--verbose]
                                         [--errors OUT.jsonl] [--no-write]

Prints, per data set, precision / recall / F1:
- PolNeAR train and dev (overall and per publisher) scored exactly as ``../shared/eval/polnear_eval.py``
  scores them (its matching is imported from there; the articles are read with the same reader the index
  uses), plus direct-quote attribution, parties with the shipped aliases applied to both sides, the
  precision of every extraction rule (train) and counts of error kinds;
- Wikinews speakers, GUM entities, the seed article and the project's sample corpus;
- the CPU time of extraction per bbc_news article (median and mean);
and writes benchmarks/results/extraction.json. The data is research-licensed: it is read in place and never
copied into the project. Missing data sets are skipped with a message.
"""

from __future__ import annotations

import argparse
import csv
import importlib.util
import json
import os
import platform
import re
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from newsearch.extract import default_aliases, extract  # noqa: E402
from newsearch.models import Article  # noqa: E402

TITLES_RE = re.compile(
    r"^(?:(?:mr|mrs|ms|dr|prof|professor|president|prime minister|minister|senator|sen|pope|king|queen|"
    r"sir|general|gen|admiral|governor|mayor)\s+)+"
)


# --------------------------------------------------------------------------- reading
def read_plain(path: Path) -> Article:
    """The project's plain-text article: headline, standfirst, then one paragraph a line."""
    try:
        from newsearch.corpus import discover, read_file  # the project's reader, when it can read this file

        for source in discover([path]):
            for item in read_file(source):  # type: ignore[arg-type]
                if isinstance(item, Article):
                    return item
    except Exception:
        pass
    lines = path.read_text(encoding="utf-8").splitlines()
    headline, standfirst = lines[0].strip(), lines[1].strip() if len(lines) > 1 else ""
    paras, links, subheads = [], [], []
    for line in lines[2:]:
        line = line.strip()
        if not line:
            continue
        if line.startswith("Read more:"):
            links.append(line[len("Read more:") :].strip())
        elif len(line.split()) <= 8 and line[-1] not in ".!?\"”’'":
            subheads.append(line)
        else:
            paras.append(line)
    return Article(
        id=path.stem,
        headline=headline,
        standfirst=standfirst,
        body="\n\n".join(paras),
        links=tuple(links),
        subheads=tuple(subheads),
    )


def paragraphs(text: str) -> str:
    return "\n\n".join(p.strip() for p in re.split(r"\n\s*\n", text) if p.strip())


def read_bbc(path: Path) -> Article:
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        text = raw.decode("latin-1")
    head, _, rest = text.partition("\n")
    return Article(id=path.stem, headline=head.strip(), body=paragraphs(rest))


# --------------------------------------------------------------------------- matching
def norm(name: str) -> str:
    text = name.replace("’", "'").replace(".", "").replace("-", " ").casefold()
    text = re.sub(r"'s?\b", "", text)
    text = re.sub(r"^(?:the|a|an)\s+", "", text.strip())
    text = TITLES_RE.sub("", text)
    return " ".join(text.split())


def same_speaker(pred: str, gold: str) -> bool:
    """Equal names, names the alias table unites, or one the short form (surname) of the other."""
    a, b = norm(pred), norm(gold)
    if not a or not b:
        return False
    if a == b:
        return True
    table = default_aliases()
    ca, cb = table.canonical(pred), table.canonical(gold)
    if (ca is not None and ca in (cb, gold)) or (cb is not None and cb == pred):
        return True
    ta, tb = a.split(), b.split()
    short, long = (ta, tb) if len(ta) < len(tb) else (tb, ta)
    return short[-1] == long[-1] and all(t in long for t in short)


def matches_form(party: str, form: str) -> bool:
    """A party matches an annotated form: equal, the name at the form's end, or (2+ words) inside it."""
    p, f = norm(party), norm(form)
    if not p or not f:
        return False
    if p == f or f.endswith(" " + p):
        return True
    if " " in p and f" {p} " in f" {f} ":
        return True
    table = default_aliases()
    return table.canonical(form) == party


def prf(tp_p: int, n_pred: int, tp_r: int, n_gold: int) -> dict[str, float]:
    p = tp_p / n_pred if n_pred else 1.0
    r = tp_r / n_gold if n_gold else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)}


# --------------------------------------------------------------------------- data sets
def eval_seed(data: Path, verbose: bool) -> dict | None:
    folder = data / "seed"
    if not (folder / "expected.json").exists():
        print("seed: ../shared/data/seed not found, skipped")
        return None
    expected = json.loads((folder / "expected.json").read_text(encoding="utf-8"))
    ex = extract(read_plain(folder / expected["file"]))
    names = {p.name for p in ex.parties}
    required_s = [s["name"] for s in expected["speakers"]["required"]]
    allowed_s = set(required_s) | set(expected["speakers"]["acceptable"])
    result = {
        "missing_speakers": [s for s in required_s if s not in ex.speakers],
        "unexpected_speakers": [s for s in ex.speakers if s not in allowed_s],
        "missing_parties": [p for p in expected["parties"]["required"] if p not in names],
        "forbidden_parties": [p for p in expected["parties"]["forbidden"] if p in names],
    }
    result["pass"] = not any(result.values())
    print(f"seed: {'PASS' if result['pass'] else 'FAIL'}  speakers={list(ex.speakers)}")
    if not result["pass"] or verbose:
        print("  ", {k: v for k, v in result.items() if k != "pass"})
    return result


def eval_wikinews(data: Path, verbose: bool) -> dict | None:
    gold_path = data / "wikinews_speakers" / "gold.jsonl"
    csv_path = data / "wikinews_2019_2020" / "wikinews_2019.csv"
    if not gold_path.exists() or not csv_path.exists():
        print("wikinews: ../shared/data/wikinews_speakers or wikinews_2019_2020 not found, skipped")
        return None
    csv.field_size_limit(1 << 24)
    with csv_path.open(encoding="utf-8", newline="") as fh:
        texts = {row["url"]: row for row in csv.DictReader(fh)}
    rows = []
    tp_p = n_pred = tp_r = n_gold = 0
    print(f"\n{'wikinews article':50} {'P':>6} {'R':>6}  pred/gold")
    for line in gold_path.read_text(encoding="utf-8").splitlines():
        gold = json.loads(line)
        row = texts.get(gold["url"])
        if row is None:
            print(f"  no text for {gold['url']}")
            continue
        art = Article(id=gold["url"], headline=row["title"], body=paragraphs(row["text"]))
        ex = extract(art)
        gnames = [s["name"] for s in gold["speakers"]]
        pred = list(ex.speakers)
        ok_p = sum(any(same_speaker(p, g) for g in gnames) for p in pred)
        ok_r = sum(any(same_speaker(p, g) for p in pred) for g in gnames)
        tp_p, n_pred, tp_r, n_gold = tp_p + ok_p, n_pred + len(pred), tp_r + ok_r, n_gold + len(gnames)
        score = prf(ok_p, len(pred), ok_r, len(gnames))
        rows.append({"headline": gold["headline"], **score, "predicted": pred, "gold": gnames})
        print(
            f"{gold['headline'][:50]:50} {score['precision']:6.2f} {score['recall']:6.2f}  "
            f"{len(pred)}/{len(gnames)}"
        )
        if verbose:
            print("   false:", [p for p in pred if not any(same_speaker(p, g) for g in gnames)])
            print("   missed:", [g for g in gnames if not any(same_speaker(p, g) for p in pred)])
    overall = prf(tp_p, n_pred, tp_r, n_gold)
    per_article = {
        "precision_mean": round(statistics.mean(r["precision"] for r in rows), 4),
        "recall_mean": round(statistics.mean(r["recall"] for r in rows), 4),
        "precision_min": min(r["precision"] for r in rows),
        "recall_min": min(r["recall"] for r in rows),
    }
    return {"overall": overall, "per_article": per_article, "articles": rows}


def eval_gum(data: Path, verbose: bool) -> dict | None:
    gold_path = data / "gum_news_entities" / "gold.jsonl"
    if not gold_path.exists():
        print("gum: ../shared/data/gum_news_entities not found, skipped")
        return None
    tp_p = n_pred = tp_r = n_gold = 0
    rows = []
    print(f"\n{'GUM article':28} {'P':>6} {'R':>6}  parties/linked per+org")
    for line in gold_path.read_text(encoding="utf-8").splitlines():
        doc = json.loads(line)
        ex = extract(Article(id=doc["id"], headline=doc["headline"], body=doc["body"]))
        parties = [p.name for p in ex.parties]
        entities = doc["entities"]
        forms = [(e, [e["name"], *e["forms"]]) for e in entities]
        targets = [e for e in entities if e["linked"] and e["type"] in ("person", "organization")]
        ok_p = [p for p in parties if any(matches_form(p, f) for _, fs in forms for f in fs)]
        found = [
            e for e in targets if any(matches_form(p, f) for p in parties for f in [e["name"], *e["forms"]])
        ]
        tp_p, n_pred = tp_p + len(ok_p), n_pred + len(parties)
        tp_r, n_gold = tp_r + len(found), n_gold + len(targets)
        score = prf(len(ok_p), len(parties), len(found), len(targets))
        rows.append({"id": doc["id"], **score})
        print(
            f"{doc['id']:28} {score['precision']:6.2f} {score['recall']:6.2f}  {len(parties)}/{len(targets)}"
        )
        if verbose:
            print("   false:", [p for p in parties if p not in ok_p])
            print("   missed:", [(e["name"], e["forms"][:3]) for e in targets if e not in found])
    return {"overall": prf(tp_p, n_pred, tp_r, n_gold), "articles": rows}


def eval_corpus(verbose: bool) -> dict | None:
    """Speakers of the project's sample corpus against tests/fixtures/corpus_annotations.jsonl."""
    annotations = ROOT / "tests" / "fixtures" / "corpus_annotations.jsonl"
    if not annotations.exists() or not (ROOT / "corpus").is_dir():
        print("corpus: sample corpus or its annotations not present, skipped")
        return None
    from newsearch.corpus import discover, read_file

    articles = {}
    for source in discover([ROOT / "corpus"]):
        if not hasattr(source, "rel"):
            continue
        for item in read_file(source):  # type: ignore[arg-type]
            if isinstance(item, Article):
                articles[(item.path, item.record)] = item
    tp_p = n_pred = tp_r = n_gold = 0
    worst = []
    for line in annotations.read_text(encoding="utf-8").splitlines():
        gold = json.loads(line)
        article = articles.get((gold["path"], gold["record"]))
        if article is None:
            continue
        pred = list(extract(article).speakers)
        names = [s["name"] for s in gold["speakers"]]
        ok_p = sum(any(same_speaker(p, g) for g in names) for p in pred)
        ok_r = sum(any(same_speaker(p, g) for p in pred) for g in names)
        tp_p, n_pred, tp_r, n_gold = tp_p + ok_p, n_pred + len(pred), tp_r + ok_r, n_gold + len(names)
        score = prf(ok_p, len(pred), ok_r, len(names))
        worst.append((score["f1"], gold["path"]))
        if verbose and (ok_p < len(pred) or ok_r < len(names)):
            print(f"corpus {gold['path']} record={gold['record']}")
            print("   false:", [p for p in pred if not any(same_speaker(p, g) for g in names)])
            print("   missed:", [g for g in names if not any(same_speaker(p, g) for p in pred)])
    overall = prf(tp_p, n_pred, tp_r, n_gold)
    return {"overall": overall, "articles": len(worst), "worst_f1": min(worst)[0] if worst else None}


# --------------------------------------------------------------------------- PolNeAR
def load_scorer(data: Path):
    """``polnear_eval.py`` beside the data (``../shared/eval``): its matching is the definition we report."""
    path = data.parent / "eval" / "polnear_eval.py"
    if not path.exists():
        return None
    spec = importlib.util.spec_from_file_location("polnear_eval", path)
    if spec is None or spec.loader is None:
        return None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def polnear_articles(records: list[dict]) -> dict[str, Article]:
    """The split's articles as the index reads them: the scorer's JSONL records, through the reader."""
    from newsearch.corpus.formats import read_jsonl

    text = "\n".join(
        json.dumps(
            {
                "id": r["id"],
                "headline": r["headline"],
                "body": r["body"],
                "date": r["date"],
                "source": r["publisher"],
            },
            ensure_ascii=False,
        )
        for r in records
    )
    return {a.id: a for a in read_jsonl(text, "articles.jsonl") if isinstance(a, Article)}


_QWORD = re.compile(r"\w+")


class RuleTally:
    """Right / wrong / ignored counts per extraction rule."""

    def __init__(self) -> None:
        self.counts: dict[str, list[int]] = {}

    def add(self, rule: str, outcome: int) -> None:  # 0 right, 1 wrong, 2 neither
        self.counts.setdefault(rule or "-", [0, 0, 0])[outcome] += 1

    def rows(self) -> list[dict]:
        out = []
        for rule, (right, wrong, ignored) in self.counts.items():
            n = right + wrong
            out.append(
                {
                    "rule": rule,
                    "right": right,
                    "wrong": wrong,
                    "ignored": ignored,
                    "precision": round(right / n, 4) if n else None,
                }
            )
        return sorted(out, key=lambda r: -(r["right"] + r["wrong"] + r["ignored"]))


# --------------------------------------------------------------------------- error kinds (heuristic)
def _words(text: str, sep: str | None = None) -> list[str]:
    return text.split(sep)


_SAY_TELL = frozenset(_words("say says said saying tell tells told telling"))
_AUX = frozenset(
    _words(
        "also later then has had have was were is are would will could may might can did does do earlier "
        "again repeatedly publicly reportedly recently once previously often long already just never not"
    )
)
_STAFF = re.compile(
    r"^(?:['’]s?\s+)?(?:\w+\s+)?(?:campaign|spokes\w+|office|aides?|advisers?|staff|team|administration|"
    r"officials?|lawyers?|attorneys?|representatives?|press secretary|communications director|manager)\b",
    re.I,
)
_STAFF_OF = re.compile(
    r"\b(?:spokes\w+|aides?|adviser|campaign|lawyer|attorney|representative)\s+(?:for|of|to)\s+[\w.\s]{0,30}$"
)
_SPEECH_NOUN = re.compile(
    r"^['’]s?\s+(?:\w+\s+)?(?:statement|remarks?|comments?|interview|speech|tweets?|letter|testimony|"
    r"announcement|claims?|assertion|allegations?|accusations?|message|e-?mail|memo|op-ed|essay|column|post|"
    r"release|words|declaration|pledge|promise|vow|warning|argument|explanation|response|reply|answer|"
    r"questions?|criticism|attack|address)\b",
    re.I,
)
_VERB_BEFORE = re.compile(
    r"\b(?:said|says|told|added|wrote|asked|according to|writes|adds|explained|noted|argued|continued|"
    r"tweeted|recalled|warned|insisted|replied|responded|cautioned|acknowledged|agreed|stated)\s+"
    r"(?:[\w.’'-]+\s+){0,5}$",
    re.I,
)
_TITLE_WORDS = frozenset(
    _words(
        "Mr Mrs Ms Dr Sen Rep Gov Gen President Senator Governor Secretary Former Chairman Chairwoman "
        "Judge Justice Attorney General Director Mayor Speaker Leader Professor Prof Rev Actor Actress "
        "Singer "
        "Tory Labour Republican Democrat Democratic Minister Chancellor Candidate Nominee Ambassador Adm Lt "
        "Col Capt Chief Vice Host Commissioner"
    )
)
_GROUP_NAMES = frozenset(
    _words(
        "republican party|democratic party|republicans|democrats|gop|conservatives|liberals|tories|hispanic|"
        "hispanics|latinos|evangelicals|independents|americans|muslims|christians|catholics|millennials",
        "|",
    )
)


def _cue_after(text: str) -> str:
    for word in re.findall(r"[A-Za-z’'-]+|[:—–]", text)[:6]:
        low = word.lower()
        if low in _AUX or low.endswith("ly"):
            continue
        return low
    return ""


def miss_kind(name: str, evidence: str, via: str, rule_verbs: frozenset[str]) -> str:
    """Why a gold speaker may have been missed, read off its evidence snippet (a heuristic)."""
    if via == "coref":
        return "pronoun not resolved"
    words = [w for w in re.findall(r"\w+", name) if len(w) > 1]
    pos = -1
    for w in reversed(words):
        hits = list(re.finditer(rf"\b{re.escape(w)}\b", evidence))
        if hits:
            m = hits[-1]
            pos, end = m.start(), m.end()
            break
    if pos < 0:
        return "name not in the source span"
    before, after = evidence[:pos], re.sub(r"^\s*\([^)]*\)", "", evidence[end:])
    if re.search(r"^\s*\(?@\w+\)?|—\s*$|–\s*$|-\s*$", after) or re.search(r"[—–-]\s*$", before[-4:]):
        return "tweet or roundup dash/colon line"
    if after.lstrip().startswith(":"):
        return "tweet or roundup dash/colon line"
    if _VERB_BEFORE.search(before):
        return "speaker after the verb (title/appositive)"
    if _STAFF.match(after) or _STAFF_OF.search(before[-60:]):
        return "principal behind staff"
    if _SPEECH_NOUN.match(after):
        return "speech noun"
    if re.match(r"^\s*(?:,|(?:of|from|at|with)\s)", after):
        return "appositive or relative clause"
    if re.match(r"^\s*(?:and|&|or)\s", after):
        return "conjoined subject"
    if re.match(r"^['’]s?\b", after):
        return "possessive (other)"
    cue = _cue_after(after)
    if cue and cue not in _SAY_TELL:
        return "speech verb other than say/tell" if cue not in rule_verbs else "other (verb known)"
    return "other"


def fp_kind(
    name: str, rule: str, cue: str, position: int, body: str, quote_spans: list[tuple[int, int]]
) -> str:
    """What kind of false speaker this is (a heuristic on the evidence the extractor gives)."""
    low = name.lower()
    if low in _GROUP_NAMES or (low.endswith(("party", "ans", "ics")) and " " not in name):
        return "party or group word"
    first = name.split()[0].rstrip(".")
    if first in _TITLE_WORDS:
        return "title kept"
    if rule.startswith("pronoun"):
        return "pronoun to the wrong person"
    if position >= 0:
        if any(a <= position < b for a, b in quote_spans):
            return "name inside a quote"
        before = body[max(0, position - 40) : position]
        if re.search(
            r"\b(?:told|tells|telling|accused|accuses|asked|urged|thanked|praised|criticized|"
            r"blamed|attacked|called on)\s+(?:[\w.’'-]+\s+){0,3}$",
            before,
        ):
            return "listener or object taken as speaker"
        if position < 200 and re.search(r"(?:^|\n)(?:By|BY)\s", body[:200]):
            return "byline or dateline"
        if re.search(r"reported from\s*$|contributed\s*(?:reporting)?", body[position : position + 60]):
            return "byline or dateline"
    if rule in ("name-verb", "inverted", "listed") and cue:
        return "other (wrong subject or non-speech use)"
    return "other"


def score_polnear(scorer, records: list[dict], articles: dict[str, Article]) -> dict:
    """Speakers, parties, aliased parties and quotes of one PolNeAR split, overall and per publisher."""
    table = default_aliases()

    def canon(name: str) -> str:
        return table.canonical(name) or name

    pubs: dict[str, dict] = {}
    rules = {"speakers": RuleTally(), "parties": RuleTally(), "quotes": RuleTally()}
    kinds: dict[str, dict[str, int]] = {"missed speakers": {}, "false speakers": {}, "quotes": {}}
    from newsearch.extract.lexicon import lexicon

    known_verbs = frozenset(v for v in lexicon().verbs if " " not in v)

    def count(group: str, kind: str) -> None:
        kinds[group][kind] = kinds[group].get(kind, 0) + 1

    errors = []

    def bucket(pub: str) -> dict:
        if pub not in pubs:
            pubs[pub] = {
                "speakers": scorer.Score(),
                "parties": scorer.Score(),
                "parties_aliased": scorer.Score(),
                "quotes": [0, 0, 0],
            }
        return pubs[pub]

    for r in records:
        article = articles[r["id"]]
        ex = extract(article)
        gold_sp = [s["name"] for s in r["speakers"]]
        optional = r.get("speakers_optional", [])
        gold_pa = [p["name"] for p in r["parties"]]
        pred_pa = [p.name for p in ex.parties]
        rows = [bucket(r["publisher"]), bucket("all")]
        for b in rows:
            fp, fn = b["speakers"].add(list(ex.speakers), gold_sp, optional)
            pfp, pfn = b["parties"].add(pred_pa, gold_pa)
            b["parties_aliased"].add(
                list(dict.fromkeys(canon(p) for p in pred_pa)), list(dict.fromkeys(canon(g) for g in gold_pa))
            )
        for ev in {(e.facet, e.name, e.rule): e for e in ex.evidence}.values():  # once per article
            if ev.facet == "speakers":
                ok = any(scorer.match(ev.name, g) for g in gold_sp)
                rules["speakers"].add(
                    f"{ev.rule}", 0 if ok else 2 if any(scorer.match(ev.name, o) for o in optional) else 1
                )
            elif ev.facet == "parties":
                rules["parties"].add(ev.rule, 0 if any(scorer.match(ev.name, g) for g in gold_pa) else 1)
        by_name = {s["name"]: s for s in r["speakers"]}
        for g in fn:
            s = by_name.get(g)
            if s is not None:
                count("missed speakers", miss_kind(g, s["evidence"], s["via"], known_verbs))
        spans = [(q.position, q.position + len(q.text)) for q in ex.quotes]
        for p in fp:
            ev = next((e for e in ex.evidence if e.facet == "speakers" and e.name == p), None)
            if ev is not None:
                count("false speakers", fp_kind(p, ev.rule, ev.cue, ev.position, article.body, spans))
        preds = [(set(_QWORD.findall(q.text.lower())), q) for q in ex.quotes]
        quote_rule = {e.position: e.rule for e in ex.evidence if e.facet == "quotes"}
        quote_rows = []
        for gq in r.get("quotes", []):
            if not gq["speaker"]:
                continue
            words = set(_QWORD.findall(gq["text"].lower()))
            best = max(
                preds, key=lambda p: len(words & p[0]) / max(min(len(words), len(p[0])), 1), default=None
            )
            found = best is not None and len(words & best[0]) >= 0.5 * max(min(len(words), len(best[0])), 1)
            right = bool(
                found and best[1].speaker and any(scorer.match(best[1].speaker, g) for g in gq["speaker"])
            )
            for b in rows:
                b["quotes"][0] += 1
                b["quotes"][1] += found
                b["quotes"][2] += right
            if found:
                rules["quotes"].add(quote_rule.get(best[1].position, ""), 0 if right else 1)
            q_kind = (
                "right"
                if right
                else "not found"
                if not found
                else "no speaker"
                if not best[1].speaker
                else "wrong person"
            )
            count("quotes", q_kind)
            quote_rows.append(
                {
                    "gold": gq["speaker"],
                    "text": gq["text"][:160],
                    "found": found,
                    "right": right,
                    "pred": best[1].speaker if found else None,
                    "rule": quote_rule.get(best[1].position) if found else None,
                }
            )
        errors.append(
            {
                "id": r["id"],
                "publisher": r["publisher"],
                "speaker_fp": fp,
                "speaker_fn": fn,
                "party_fp": pfp,
                "party_fn": pfn,
                "quotes": quote_rows,
                "evidence": [[e.facet, e.name, e.rule, e.cue, e.position] for e in ex.evidence],
            }
        )

    def figures(b: dict) -> dict:
        sp, pa, pal = b["speakers"], b["parties"], b["parties_aliased"]
        qg, qf, qr = b["quotes"]
        return {
            "speakers": dict(
                zip(("precision", "recall", "f1"), map(lambda x: round(x, 4), sp.prf()), strict=True)
            )
            | {"tp": sp.tp, "fp": sp.fp, "fn": sp.gold - sp.found, "ignored": sp.ignored},
            "parties": dict(
                zip(("precision", "recall", "f1"), map(lambda x: round(x, 4), pa.prf()), strict=True)
            ),
            "parties_aliased": dict(
                zip(("precision", "recall", "f1"), map(lambda x: round(x, 4), pal.prf()), strict=True)
            ),
            "quotes": {
                "gold": qg,
                "found": round(qf / max(qg, 1), 4),
                "right_of_found": round(qr / max(qf, 1), 4),
                "right_of_all": round(qr / max(qg, 1), 4),
            },
        }

    return {
        "articles": len(records),
        "overall": figures(pubs["all"]),
        "publishers": {p: figures(b) for p, b in sorted(pubs.items()) if p != "all"},
        "rules": {k: v.rows() for k, v in rules.items()},
        "error_kinds": {k: dict(sorted(v.items(), key=lambda kv: -kv[1])) for k, v in kinds.items()},
        "errors": errors,
    }


def eval_polnear(data: Path, splits: list[str], verbose: bool) -> dict | None:
    folder = data / "polnear"
    scorer = load_scorer(data)
    if scorer is None or not folder.is_dir():
        print("polnear: ../shared/data/polnear or ../shared/eval/polnear_eval.py not found, skipped")
        return None
    out = {}
    for split in splits:
        path = folder / f"{split}.jsonl"
        if not path.exists():
            print(f"polnear: {path} not found, skipped")
            continue
        records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        out[split] = score_polnear(scorer, records, polnear_articles(records))
    print_polnear(out, verbose)
    return out


def _f(x: float | None) -> str:
    return "  -  " if x is None else f"{x:.3f}"


def print_polnear(result: dict, verbose: bool) -> None:
    print(
        f"\n{'PolNeAR':22} {'speakers P':>10} {'R':>6} {'F1':>6}   {'parties P':>9} {'R':>6}   "
        f"{'aliased P':>9} {'R':>6}   {'quotes found':>12} {'right':>6} {'of all':>6}"
    )
    for split, res in result.items():
        for label, fig in [(f"{split} ({res['articles']})", res["overall"])] + [
            (f"  {split} {pub}", f) for pub, f in res["publishers"].items()
        ]:
            s, p, pa, q = fig["speakers"], fig["parties"], fig["parties_aliased"], fig["quotes"]
            print(
                f"{label:22} {s['precision']:10.3f} {s['recall']:6.3f} {s['f1']:6.3f}   "
                f"{p['precision']:9.3f} {p['recall']:6.3f}   {pa['precision']:9.3f} {pa['recall']:6.3f}   "
                f"{q['found']:12.3f} {q['right_of_found']:6.3f} {q['right_of_all']:6.3f}"
            )
    if "train" in result:
        for group, counts in result["train"]["error_kinds"].items():
            print(
                f"\nerror kinds, train {group} (heuristic): "
                + "; ".join(f"{k} {n}" for k, n in counts.items())
            )
        for facet in ("speakers", "quotes", "parties"):
            rows = result["train"]["rules"][facet]
            print(f"\nrules, train {facet}: {'rule':16} {'right':>6} {'wrong':>6} {'ignored':>7} {'P':>6}")
            for row in rows if verbose else rows[:12]:
                print(
                    f"{'':21}{row['rule']:16} {row['right']:6} {row['wrong']:6} {row['ignored']:7} "
                    f"{_f(row['precision']):>6}"
                )


_TIMER = """
import json, sys, time
sys.path.insert(0, sys.argv[1])
from newsearch.extract import extract
from newsearch.models import Article
texts = json.load(open(sys.argv[2], encoding="utf-8"))
articles = [Article(id=str(i), headline=h, body=b) for i, (h, b) in enumerate(texts)]
for a in articles:
    extract(a)  # warm the caches, as an indexing run is after its first articles
times = []
for a in articles:
    t0 = time.thread_time()
    extract(a)
    times.append(time.thread_time() - t0)
json.dump(times, open(sys.argv[3], "w"))
"""


def _snapshot(ref: str, into: Path) -> Path | None:
    """``src/`` of a git commit, unpacked under ``into`` (for a side-by-side timing)."""
    import subprocess
    import tarfile

    archive = into / "src.tar"
    r = subprocess.run(
        ["git", "-C", str(ROOT), "archive", "-o", str(archive), ref, "src"], capture_output=True
    )
    if r.returncode:
        return None
    with tarfile.open(archive) as tar:
        tar.extractall(into, filter="data")
    return into / "src"


def time_bbc(data: Path, baseline: str | None, rounds: int = 2) -> dict | None:
    """CPU time of ``extract`` per bbc_news article (thread CPU time: the machine is shared and wall time
    swings with other jobs), this tree next to ``baseline`` (a git ref) in alternating child processes; each
    article's time is the least disturbed of ``rounds`` runs. The ratio is what to trust across machines."""
    import subprocess
    import tempfile

    files = sorted((data / "bbc_news").glob("*/*.txt"))
    if not files:
        print("bbc_news: ../shared/data/bbc_news not found, skipped")
        return None
    articles = [read_bbc(f) for f in files]
    with tempfile.TemporaryDirectory(prefix="ns-timing-") as tmp:
        work = Path(tmp)
        texts = work / "texts.json"
        texts.write_text(json.dumps([[a.headline, a.body] for a in articles]), encoding="utf-8")
        sources = {"this": ROOT / "src"}
        if baseline:
            snap = _snapshot(baseline, work)
            if snap is None:
                print(f"bbc_news timing: cannot read git ref {baseline!r}; timing this tree only")
            else:
                sources[baseline] = snap
        best: dict[str, list[float]] = {}
        for _ in range(rounds):
            for name, src in sources.items():
                out = work / "times.json"
                subprocess.run([sys.executable, "-c", _TIMER, str(src), str(texts), str(out)], check=True)
                times = json.loads(out.read_text())
                best[name] = (
                    [min(a, b) for a, b in zip(best[name], times, strict=True)] if name in best else times
                )

    def summary(times: list[float]) -> dict:
        return {
            "median_ms_cpu": round(statistics.median(times) * 1000, 4),
            "mean_ms_cpu": round(statistics.mean(times) * 1000, 4),
            "p90_ms_cpu": round(sorted(times)[int(0.9 * len(times))] * 1000, 4),
        }

    out = {"articles": len(articles), "mean_chars": round(statistics.mean(len(a.body) for a in articles))}
    out |= summary(best["this"])
    if baseline and baseline in best:
        base = summary(best[baseline])
        out["baseline"] = {"ref": baseline, **base}
        out["median_ratio"] = round(out["median_ms_cpu"] / base["median_ms_cpu"], 3)
    return out


def _commit() -> str | None:
    import subprocess

    r = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "HEAD"], capture_output=True, text=True)
    return r.stdout.strip() or None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--splits", default="train,dev", help="PolNeAR splits to score (default train,dev)")
    parser.add_argument(
        "--errors", type=Path, help="write PolNeAR per-article errors here (JSONL, outside the repo)"
    )
    parser.add_argument(
        "--baseline", default="main", help="git ref whose extractor is timed side by side (none: skip)"
    )
    parser.add_argument("--verbose", "-v", action="store_true")
    parser.add_argument("--no-write", action="store_true", help="do not write the JSON record")
    args = parser.parse_args()
    if not args.data.is_dir():
        print(f"no data at {args.data}: nothing to evaluate (the data is not part of the project)")
        return 0
    splits = [s for s in args.splits.split(",") if s]
    polnear = eval_polnear(args.data, splits, args.verbose) if splits else None
    seed = eval_seed(args.data, args.verbose)
    wikinews = eval_wikinews(args.data, args.verbose)
    gum = eval_gum(args.data, args.verbose)
    corpus = eval_corpus(args.verbose)
    bbc = time_bbc(args.data, None if args.baseline == "none" else args.baseline)
    print("\n| data set | measure | P | R | F1 |\n| --- | --- | --- | --- | --- |")
    for split, res in (polnear or {}).items():
        o = res["overall"]
        s, pa, q = o["speakers"], o["parties_aliased"], o["quotes"]
        name = f"PolNeAR {split} ({res['articles']})"
        print(f"| {name} | named speakers | {s['precision']:.3f} | {s['recall']:.3f} | {s['f1']:.3f} |")
        print(
            f"| {name} | direct quotes with a named speaker: right of all (found {q['found']:.3f}, "
            f"right of found {q['right_of_found']:.3f}) | | | {q['right_of_all']:.3f} |"
        )
        print(
            f"| PolNeAR {split} ({res['articles']}) | parties vs silver, aliases applied (raw P/R "
            f"{o['parties']['precision']:.3f}/{o['parties']['recall']:.3f}) | {pa['precision']:.3f} "
            f"| {pa['recall']:.3f} | {pa['f1']:.3f} |"
        )
    if wikinews:
        o, pa = wikinews["overall"], wikinews["per_article"]
        print(
            f"| Wikinews (12) | named speakers, overall | {o['precision']:.3f} | {o['recall']:.3f} "
            f"| {o['f1']:.3f} |"
        )
        print(
            f"| Wikinews (12) | named speakers, per-article mean (min) | {pa['precision_mean']:.3f} "
            f"({pa['precision_min']:.2f}) | {pa['recall_mean']:.3f} ({pa['recall_min']:.2f}) | |"
        )
    if gum:
        o = gum["overall"]
        print(
            f"| GUM news (12) | parties (R: linked per+org) | {o['precision']:.3f} | {o['recall']:.3f} "
            f"| {o['f1']:.3f} |"
        )
    if corpus:
        o = corpus["overall"]
        print(
            f"| sample corpus ({corpus['articles']}) | named speakers | {o['precision']:.3f} | "
            f"{o['recall']:.3f} | {o['f1']:.3f} |"
        )
    if seed:
        print(f"| seed | required found, nothing forbidden | {'pass' if seed['pass'] else 'FAIL'} | | |")
    if bbc:
        line = (
            f"\nbbc_news: {bbc['articles']} articles, extraction CPU per article: "
            f"median {bbc['median_ms_cpu']:.3f} ms, mean {bbc['mean_ms_cpu']:.3f} ms, "
            f"p90 {bbc['p90_ms_cpu']:.3f} ms"
        )
        if "baseline" in bbc:
            line += (
                f"; {bbc['baseline']['ref']} side by side: median {bbc['baseline']['median_ms_cpu']:.3f} ms "
                f"(ratio {bbc['median_ratio']:.2f})"
            )
        print(line)
    if args.errors and polnear:
        with args.errors.open("w", encoding="utf-8") as fh:
            for split, res in polnear.items():
                for row in res["errors"]:
                    fh.write(json.dumps({"split": split, **row}, ensure_ascii=False) + "\n")
        print(f"wrote {args.errors}")
    record = {
        "benchmark": "eval_extraction",
        "commit": _commit(),
        "python": platform.python_version(),
        "cpu_count": os.cpu_count(),
        "platform": platform.platform(),
        "polnear": {
            split: {k: v for k, v in res.items() if k != "errors"} for split, res in (polnear or {}).items()
        },
        "seed": seed,
        "wikinews_speakers": wikinews,
        "gum_entities": gum,
        "sample_corpus_speakers": corpus,
        "bbc_timing": bbc,
    }
    if not args.no_write:
        out = ROOT / "benchmarks" / "results" / "extraction.json"
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(json.dumps(record, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        print(f"wrote {out.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
