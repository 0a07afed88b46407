"""Evaluate speaker and party extraction against the hand-annotated data in ../shared/data.

    PYTHONPATH=src python benchmarks/eval_extraction.py [--data ../shared/data] [--verbose]

Prints precision, recall and F1 per data set (seed article, Wikinews speakers, GUM entities), the
mean extraction time per BBC article, and writes benchmarks/results/extraction.json. The data is
research-licensed: it is read in place and never copied into the project. Missing data sets are
skipped with a message.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import platform
import re
import statistics
import sys
import time
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


def time_bbc(data: Path) -> dict | None:
    files = sorted((data / "bbc_news").glob("*/*.txt"))
    if not files:
        print("bbc_news: ../shared/data/bbc_news not found, skipped")
        return None
    articles = [read_bbc(f) for f in files]
    start = time.perf_counter()
    for art in articles:
        extract(art)
    first = time.perf_counter() - start
    start = time.perf_counter()
    for art in articles:
        extract(art)
    second = time.perf_counter() - start
    cpu = time.process_time()  # CPU time: the machine is shared, wall time swings with other jobs
    for art in articles:
        extract(art)
    cpu = time.process_time() - cpu
    return {
        "mean_ms_cpu_warm": round(cpu / len(articles) * 1000, 4),
        "articles": len(articles),
        "mean_ms_first_pass": round(first / len(articles) * 1000, 4),
        "mean_ms_warm": round(second / len(articles) * 1000, 4),
        "mean_chars": round(statistics.mean(len(a.body) for a in articles)),
    }


def _commit() -> str | None:
    head = ROOT / ".git" / "HEAD"
    try:
        ref = head.read_text().strip()
        if ref.startswith("ref: "):
            return (ROOT / ".git" / ref[5:]).read_text().strip()
        return ref
    except OSError:
        return None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--verbose", "-v", action="store_true")
    parser.add_argument("--no-write", action="store_true", help="do not write the JSON record")
    args = parser.parse_args()
    if not args.data.is_dir():
        print(f"no data at {args.data}: nothing to evaluate (the data is not part of the project)")
        return 0
    seed = eval_seed(args.data, args.verbose)
    wikinews = eval_wikinews(args.data, args.verbose)
    gum = eval_gum(args.data, args.verbose)
    corpus = eval_corpus(args.verbose)
    bbc = time_bbc(args.data)
    print("\n| data set | measure | P | R | F1 |\n| --- | --- | --- | --- | --- |")
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
        print(
            f"\nBBC news: {bbc['articles']} articles, {bbc['mean_ms_first_pass']:.3f} ms/article first pass, "
            f"{bbc['mean_ms_warm']:.3f} ms warm, {bbc['mean_ms_cpu_warm']:.3f} ms CPU warm"
        )
    record = {
        "benchmark": "eval_extraction",
        "commit": _commit(),
        "python": platform.python_version(),
        "cpu_count": os.cpu_count(),
        "platform": platform.platform(),
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
