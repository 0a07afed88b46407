"""Analysis parity for the tantivy engine: which way of getting newsearch's terms into tantivy, measured.

    python benchmarks/engine_parity.py            # bbc_news + Reuters-21578 from ../shared/data

Two candidates, on real text (every BBC article: headline + body; every Reuters story with a body):

- ``native``: a tantivy analyzer built from its own parts to imitate newsearch's analysis — the regex
  tokenizer with analysis.TOKEN_RE minus its look-arounds (Rust's regex has none), lowercase, ASCII folding,
  newsearch's stop list, tantivy's Snowball English stemmer;
- ``feed``: newsearch's analysis in Python (``backends.tantivy.terms``), its terms joined by spaces and
  split by tantivy's whitespace tokenizer (a PreTokenizedString where a term holds whitespace).

Reported: the share of documents whose term sequence (terms and positions) equals newsearch's analysis
(``analysis.analyze``, what the Whoosh path indexes), the share of tokens that differ, the most frequent
differences; then, through real indexes, whether every term's document frequency equals the brute-force
count and whether every document matches a phrase query of its whole term sequence (positions); and the
indexing speed of both side by side in one run (plus per-token PreTokenizedStrings, the other way to feed).
Writes benchmarks/results/engine-parity.json.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import common
import reuters

BBC = common.ROOT.parent / "shared" / "data" / "bbc_news"
# analysis.TOKEN_RE without its look-arounds, which Rust's regex crate does not support.
NATIVE_PATTERN = r"[^\W\d_](?:\.[^\W\d_])+\.?|\d+(?:[.,]\d+)*|\w+(?:['’]\w+)*"


def collections() -> dict[str, list[tuple[str, str]]]:
    """name -> [(headline, body)]; a collection whose data is absent is left out."""
    out: dict[str, list[tuple[str, str]]] = {}
    if BBC.is_dir():
        docs = []
        for path in sorted(BBC.rglob("*.txt")):
            if path.name.upper() == "README.TXT":
                continue
            headline, _, body = path.read_text(encoding="latin-1").partition("\n")
            docs.append((headline.strip(), body.strip()))
        out["bbc_news"] = docs
    if reuters.available():
        out["reuters21578"] = [(r["headline"], r["body"]) for _, r in reuters.stories()]
    return out


def native_analyzer(tantivy):
    from newsearch import analysis

    return (
        tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.regex(NATIVE_PATTERN))
        .filter(tantivy.Filter.lowercase())
        .filter(tantivy.Filter.ascii_fold())
        .filter(tantivy.Filter.custom_stopword(sorted(analysis.STOPWORDS)))
        .filter(tantivy.Filter.stemmer("english"))
        .build()
    )


def term_parity(docs: list[tuple[str, str]], analyzer) -> dict:
    """How often the native analyzer's terms equal newsearch's (per document and per token)."""
    from newsearch import analysis

    same_docs = tokens = differing = 0
    differences: Counter[str] = Counter()
    for headline, body in docs:
        text = f"{headline}\n{body}"
        ours = analysis.terms(text)
        theirs = analyzer.analyze(text)
        tokens += len(ours)
        if ours == theirs:
            same_docs += 1
            continue
        a, b = Counter(ours), Counter(theirs)
        differing += sum(((a - b) + (b - a)).values())
        for term in set(a) ^ set(b):
            differences[f"{term} ({'newsearch' if term in a else 'tantivy'} only)"] += 1
    return {
        "docs": len(docs),
        "same_term_sequence": round(same_docs / len(docs), 4),
        "tokens": tokens,
        "differing_tokens": round(differing / max(tokens, 1), 4),
        "top_differences": differences.most_common(12),
    }


def stop_gaps(analyzer, text: str = "Bank of England talks") -> dict:
    """Positions: newsearch's analysis leaves no gap for a stop word; tantivy's stop filter does."""
    from newsearch import analysis

    tokens = analyzer.pre_tokenize(text).tokens
    return {
        "text": text,
        "newsearch": [(t.term, t.position) for t in analysis.analyze(text)],
        "native": [(t.text, t.position) for t in tokens],
    }


def build(tantivy, docs, mode: str, folder: Path) -> dict:
    """Index headline + body of every document one way; time it; the store for the checks below."""
    from newsearch.analysis import DEFAULT_STEMMER
    from newsearch.backends.tantivy import terms

    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    sb = tantivy.SchemaBuilder()
    tokenizer = "native" if mode == "native" else terms.TOKENIZER
    sb.add_text_field("headline", tokenizer_name=tokenizer)
    sb.add_text_field("body", tokenizer_name=tokenizer)
    sb.add_integer_field("n", stored=True, indexed=True)
    index = tantivy.Index(sb.build(), path=str(folder))
    index.register_tokenizer("native", native_analyzer(tantivy))
    terms.register(index)
    terms._caches.clear()  # every mode starts with a cold term cache
    started, cpu = time.perf_counter(), time.process_time()
    writer = index.writer()
    for n, (headline, body) in enumerate(docs):
        doc = tantivy.Document()
        doc.add_integer("n", n)
        for name, text in (("headline", headline), ("body", body)):
            if mode == "native":
                doc.add_text(name, text)
            elif mode == "feed":
                value = terms.indexed_value(text, DEFAULT_STEMMER)
                if isinstance(value, str):
                    doc.add_text(name, value)
                else:
                    doc.add_pre_tokenized_text(name, value)
            else:  # "pretokenized": a Token object per token
                doc.add_pre_tokenized_text(name, terms.pretokenized(text, DEFAULT_STEMMER))
        writer.add_document(doc)
    writer.commit()
    writer.wait_merging_threads()
    wall = time.perf_counter() - started
    index.reload()
    return {"index": index, "seconds": wall, "cpu_s": time.process_time() - cpu}


def index_checks(tantivy, index, docs) -> dict:
    """Every term's document frequency equals the brute-force count; every document matches a phrase of its
    whole term sequence at its analysis positions (so no term moved, split or merged)."""
    from newsearch import analysis

    searcher = index.searcher()
    df: Counter[str] = Counter()
    sequences = []
    for _, body in docs:
        seq = analysis.terms(body)
        df.update(set(seq))
        sequences.append(seq)
    indexed = dict(searcher.terms_with_prefix("body", ""))
    df_equal = indexed == dict(df)
    phrase_ok = checked = 0
    for seq in sequences[:: max(1, len(sequences) // 1000)]:
        if len(seq) < 2:
            continue
        checked += 1
        words = list(enumerate(seq))
        q = tantivy.Query.phrase_query(index.schema, "body", words)
        phrase_ok += searcher.search(q, 1, count=True).count >= 1
    return {
        "terms": len(df),
        "doc_frequencies_equal": df_equal,
        "terms_differing": len(set(indexed.items()) ^ set(df.items())),
        "docs_phrase_checked": checked,
        "docs_phrase_matched": phrase_ok,
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=common.RESULTS / "engine-parity.json")
    ap.add_argument("--rounds", type=int, default=2, help="indexing timings per mode (interleaved)")
    args = ap.parse_args(argv)
    import tantivy

    data = collections()
    if not data:
        print(f"skipped: neither {BBC} nor Reuters-21578 is there", file=sys.stderr)
        return 0
    record: dict = {"benchmark": "engine-parity", **common.run_meta(), "collections": {}}
    analyzer = native_analyzer(tantivy)
    record["stop_word_positions"] = stop_gaps(analyzer)
    for name, docs in data.items():
        print(f"== {name}: {len(docs)} documents", file=sys.stderr)
        entry: dict = {"native_terms": term_parity(docs, analyzer)}
        timings: dict[str, list] = {"native": [], "feed": [], "pretokenized": []}
        checks = {}
        for _ in range(args.rounds):
            for mode in timings:
                built = build(tantivy, docs, mode, common.WORK / "parity" / f"{name}-{mode}")
                timings[mode].append((built["seconds"], built["cpu_s"]))
                if mode == "feed" and "feed" not in checks:
                    checks["feed"] = index_checks(tantivy, built["index"], docs)
        speed = {}
        for mode, runs in timings.items():
            best = min(runs)
            speed[mode] = {"docs_per_s": round(len(docs) / best[0]),
                           "seconds": [round(s, 2) for s, _ in runs],
                           "cpu_s": [round(c, 2) for _, c in runs]}  # fmt: skip
        for mode in speed:
            speed[mode]["vs_native"] = round(speed[mode]["docs_per_s"] / speed["native"]["docs_per_s"], 3)
        entry["speed"] = speed
        entry["feed_index"] = checks["feed"]
        record["collections"][name] = entry
        nt = entry["native_terms"]
        print(
            f"  native analyzer: same term sequence in {nt['same_term_sequence']:.1%} of documents, "
            f"{nt['differing_tokens']:.2%} of tokens differ; top: {nt['top_differences'][:5]}",
            file=sys.stderr,
        )
        print(f"  feed index: {checks['feed']}", file=sys.stderr)
        print("  speed: " + ", ".join(f"{m} {s['docs_per_s']} docs/s ({s['vs_native']}×)"
                                      for m, s in speed.items()), file=sys.stderr)  # fmt: skip
    common.write_json(args.out, record)
    rows = []
    for name, e in record["collections"].items():
        s = e["speed"]
        rows.append([name, e["native_terms"]["docs"], f"{e['native_terms']['same_term_sequence']:.1%}",
                     f"{e['native_terms']['differing_tokens']:.2%}",
                     "yes" if e["feed_index"]["doc_frequencies_equal"] else "NO",
                     f"{e['feed_index']['docs_phrase_matched']}/{e['feed_index']['docs_phrase_checked']}",
                     s["native"]["docs_per_s"], s["feed"]["docs_per_s"], s["pretokenized"]["docs_per_s"],
                     s["feed"]["vs_native"]])  # fmt: skip
    print(common.table(["collection", "docs", "native: same terms", "native: tokens differing",
                        "feed: all dfs equal", "feed: phrase of whole doc", "native docs/s", "feed docs/s",
                        "pretokenized docs/s", "feed × native"], rows))  # fmt: skip
    print(f"stop-word positions: {record['stop_word_positions']}")
    print(f"wrote {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
