"""Ranking on the TIME collection: newsearch's queries scored by Whoosh and by tantivy, side by side.

    python benchmarks/relevance_engines.py    # ../shared/data/time -> results/relevance-engines.json

Stage A of issue 15 (the engine seam has not landed): both engines run the very same query trees — the
Whoosh path's own parse and shape of each query (``Searcher.parse`` + ``_shape``: words over the four text
fields with the Ranking's boosts), translated node for node to the tantivy adapter's vocabulary — so the
difference measured is the engines' scoring (Whoosh's BM25F with idf log(N/(n+1))+1, tantivy's BM25 with
idf ln(1+(N-n+0.5)/(n+0.5))), nothing else. With expansion, RM3 feedback runs the same way on each engine
(top 3 of the first pass, ``feedback.expansion_terms`` with the engine's own document frequencies).
The issue's target: tantivy's MAP within 0.01 of the Whoosh backend's.
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import common
import newsearch
import relevance
import time_collection as tc
from newsearch import Ranking, feedback
from newsearch.schema import TEXT_FIELDS


def convert(q):
    """A Whoosh query tree as the tantivy adapter's nodes (the subset newsearch's word queries use)."""
    from whoosh import query as wq

    from newsearch.backends.tantivy import compile as c

    if isinstance(q, wq.Term):
        return c.Term(q.fieldname, q.text, q.boost)
    if isinstance(q, wq.Phrase):
        return c.Phrase(q.fieldname, tuple(q.words), max(0, q.slop - 1), q.boost)
    if isinstance(q, wq.Every):
        return c.MatchAll()
    if isinstance(q, wq.AndNot):
        return c.Boolean(((c.Occur.MUST, convert(q.a)), (c.Occur.MUST_NOT, convert(q.b))), q.boost)
    if isinstance(q, wq.AndMaybe):
        return c.Boolean(((c.Occur.MUST, convert(q.a)), (c.Occur.SHOULD, convert(q.b))), q.boost)
    if type(q) is wq.Or:
        return c.Boolean(tuple((c.Occur.SHOULD, convert(s)) for s in q.subqueries), q.boost)
    if type(q) is wq.And:
        return c.Boolean(tuple((c.Occur.MUST, convert(s)) for s in q.subqueries), q.boost)
    raise TypeError(f"no translation for {q!r}")


class Tantivy:
    """The tantivy adapter over the same stored records as the Whoosh index, running Whoosh's query trees."""

    def __init__(self, whoosh_index: Path, folder: Path, ranking: Ranking) -> None:
        from newsearch.backends.tantivy.engine import BACKEND

        self.ranking = ranking
        self.whoosh = newsearch.open_index(whoosh_index, ranking=ranking)
        searcher = self.whoosh._searcher._searcher()
        folder.mkdir()
        BACKEND.create(folder)
        self.engine = BACKEND.open(folder)
        with self.engine.writer() as w:
            for stored in searcher.all_stored_fields():
                w.add(dict(stored))
        self.reader = self.engine.reader()

    def shaped(self, text: str):
        s = self.whoosh._searcher
        searcher = s._searcher()
        q = s._expand_facet_terms(s.parse(text), searcher)
        q, narrowing = s._shape(q, all_required=False)
        assert narrowing is None
        return q.normalize()

    def search(self, text: str) -> list[int]:
        from whoosh import query as wq

        from newsearch.backends.tantivy import compile as c

        q = self.shaped(text)
        node = convert(q)
        r = self.ranking
        words = {t for f, t in q.iter_all_terms() if f in TEXT_FIELDS}
        if r.expansion and type(q) is wq.Or and len(words) >= max(1, r.expansion_min_words):
            node = self._expand(node, len(words), c)
        ranked = self.reader.search(node, limit=relevance.LIMIT)
        return [int(self.reader.stored(doc)["id"].rsplit("-", 1)[1]) for doc, _ in ranked]

    def _expand(self, node, n_words: int, c):
        """search._expand on tantivy: feedback words from the top articles add score, never matches."""
        r = self.ranking
        top = self.reader.search(node, limit=r.expansion_docs)
        if self.reader.count(node) <= 2 * r.expansion_docs:
            return node
        docs = []
        for doc, score in top:
            rec = self.reader.stored(doc)
            docs.append((score, "\n".join(rec.get(f) or "" for f in ("headline", "standfirst", "body"))))
        chosen = feedback.expansion_terms(
            docs,
            limit=r.expansion_terms,
            stemmer="snowball",
            doc_frequency=lambda w: self.reader.doc_frequency("body", w),
            doc_count=self.reader.doc_count(),
        )
        if not chosen:
            return node
        boosts = self.whoosh._searcher.field_boosts
        scale = r.expansion_weight * n_words
        extra = [c.Term(f, w, boosts[f] * p * scale) for w, p in chosen for f in TEXT_FIELDS]
        base = dataclasses.replace(node, boost=node.boost * (1 - r.expansion_weight))
        return c.Boolean(((c.Occur.MUST, base), (c.Occur.SHOULD, c.should(*extra))))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=relevance.DATA)
    ap.add_argument("--out", type=Path, default=common.RESULTS / "relevance-engines.json")
    args = ap.parse_args(argv)
    if not (args.data / "TIME.ALL").exists():
        print(f"TIME collection not found at {args.data}: nothing to measure.", file=sys.stderr)
        return 0
    col = tc.load(args.data)
    record: dict = {"benchmark": "relevance-engines", **common.run_meta(), "figures": {}}
    with tempfile.TemporaryDirectory(prefix="newsearch-time-engines-") as tmpdir:
        tmp = Path(tmpdir)
        whoosh = relevance.NewsearchEngine(col.docs, tmp)
        index = whoosh.index("snowball")
        for label, ranking in (("expansion off", Ranking(expansion=False)), ("default", Ranking())):
            started = time.perf_counter()
            run_w = whoosh.run(col.queries, ranking)
            w_s = time.perf_counter() - started
            engine = Tantivy(index, tmp / f"tantivy-{label.replace(' ', '-')}", ranking)
            started = time.perf_counter()
            run_t = {q: engine.search(relevance.query_text(t)) for q, t in col.queries.items()}
            t_s = time.perf_counter() - started
            mw, mt = tc.evaluate(run_w, col.qrels), tc.evaluate(run_t, col.qrels)
            same_top10 = sum(run_w[q][:10] == run_t[q][:10] for q in col.queries) / len(col.queries)
            record["figures"][label] = {"whoosh": mw, "tantivy": mt, "map_difference": mt["map"] - mw["map"],
                                        "same_top10_share": same_top10, "seconds": {"whoosh": w_s,
                                        "tantivy": t_s}}  # fmt: skip
            print(f"{label:14s} Whoosh MAP {mw['map']:.4f} P@10 {mw['p@10']:.4f} nDCG@10 {mw['ndcg@10']:.4f}"
                  f" | tantivy MAP {mt['map']:.4f} P@10 {mt['p@10']:.4f} nDCG@10 {mt['ndcg@10']:.4f}"
                  f" | ΔMAP {mt['map'] - mw['map']:+.4f}; same top 10: {same_top10:.0%}")  # fmt: skip
    common.write_json(args.out, record)
    print(f"wrote {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
