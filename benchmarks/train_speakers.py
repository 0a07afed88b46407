"""Does a trained candidate scorer beat the extractor's speaker rules? (issue 10; an experiment, not shipped)

    python benchmarks/train_speakers.py [--data ../shared/data] [--gbt] [--dev] [--no-write]
                                        [--variants ruled,near-features,near-candidates]

Speaker candidates are what the extractor's rules already produce, read from inside one ``extract()`` call
(its mentions, speech events, quote attributions and headline speaker are captured as it runs, so the
extractor stays as it is): every name a rule reads as speaking (its speakers), names a rule reads as speaking
inside someone else's reported words ("nested"), names a quote is attributed to without a speech event of
their own, and, in the widest variant, every name within 120 characters of a speech verb of the shipped list
in its sentence. Each candidate gets GENERAL features only: which rules and cue classes found it, quotes
attributed to it, its entity kind and gender (word lists), mention counts and places, headline, how many
candidates share its sentences and the article, and (variants ``near-*``) the shape of the text between the
name and its nearest speech verb. No feature is a word of the name or of the article.

Labels follow ``../shared/eval/polnear_eval.py``'s matching against PolNeAR train's gold speakers: right,
wrong, or neither (matches only an optional name; left out of training). A logistic regression (or, with
``--gbt``, small gradient-boosted trees; scikit-learn, the ``bench`` extra) is chosen by article-grouped
5-fold cross-validation on train: the regularisation and decision threshold with the best held-out speaker
F1 (the scorer's own P and R, per article). The chosen setting is then scored leave-one-publisher-out, and
compared with the rules alone by a paired bootstrap over articles. ``--dev`` also fits on all of train and
reports PolNeAR dev (look at it only to choose between finished alternatives).
Writes benchmarks/results/speaker_scorer.json (figures and the learned weights; never the data).
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import math
import platform
import random
import re
import sys
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))

import newsearch.extract  # noqa: E402
from eval_extraction import _commit, load_scorer, polnear_articles  # noqa: E402
from newsearch.extract.lexicon import Lexicon, lexicon  # noqa: E402
from newsearch.models import Article, Extraction  # noqa: E402


def _readable_extractor() -> ModuleType:
    """The extractor module, as pure Python. ``extract_seen`` wraps its functions to read its working
    values; in a compiled install (mypyc) its functions call each other directly and would never see the
    wrappers, so its source, installed beside it, is loaded as a module of its own (same output:
    tests/test_compiled.py)."""
    compiled = newsearch.extract.extractor
    if not newsearch.extract.COMPILED:
        return compiled
    name = "newsearch.extract._extractor_as_python"
    source = Path(compiled.__file__ or "").with_name("extractor.py")
    spec = importlib.util.spec_from_file_location(name, source)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up while the source runs
    spec.loader.exec_module(module)
    return module


X = _readable_extractor()

SEED = 20261130
VARIANTS = ("ruled", "near-features", "near-candidates")
CS = (0.03, 0.1, 0.3, 1.0, 3.0)
THRESHOLDS = tuple(round(0.20 + 0.02 * i, 2) for i in range(31))
RESULTS = ROOT / "benchmarks" / "results" / "speaker_scorer.json"


# --------------------------------------------------------------------------- what one extract() call saw
@dataclass
class Seen:
    """The extractor's working values for one article, captured while ``extract`` runs."""

    scans: list[list] = field(default_factory=list)  # body, standfirst, headline mentions (call order)
    events: list[tuple] = field(default_factory=list)  # (state, text, masked, mentions, ends, events)
    attributed: list = field(default_factory=list)
    headline: list[tuple[str, str]] = field(default_factory=list)


def extract_seen(article: Article) -> tuple[Extraction, Seen]:
    """``extract(article)`` and what it saw on the way (the module's functions wrapped for one call)."""
    seen = Seen()
    wrapped = ("_events", "_attribute", "_partial_quotes", "_headline_speakers")
    saved = {name: getattr(X, name) for name in wrapped}
    saved_scan = X._Article.scan

    def scan(self, text, masked, offset_ok):
        out = saved_scan(self, text, masked, offset_ok)
        seen.scans.append(out)
        return out

    def events(state, text, masked, mentions, ends):
        out = saved["_events"](state, text, masked, mentions, ends)
        seen.events.append((state, text, masked, mentions, ends, out))
        return out

    def attribute(*args):
        out = saved["_attribute"](*args)
        seen.attributed.extend(out)
        return out

    def partial(*args):
        out = saved["_partial_quotes"](*args)
        seen.attributed.extend(out)
        return out

    def headline(*args):
        out = saved["_headline_speakers"](*args)
        seen.headline = list(out)
        return out

    try:
        X._Article.scan = scan  # type: ignore[method-assign]
        for name, fn in zip(wrapped, (events, attribute, partial, headline), strict=True):
            setattr(X, name, fn)
        ex = X.extract(article)
    finally:
        X._Article.scan = saved_scan  # type: ignore[method-assign]
        for name, fn in saved.items():
            setattr(X, name, fn)
    if len(seen.scans) != 3 or not 1 <= len(seen.events) <= 2:
        raise RuntimeError("the extractor's passes changed: update benchmarks/train_speakers.py")
    return ex, seen


# --------------------------------------------------------------------------- candidates and features
@dataclass
class Candidate:
    name: str
    rules: set[str] = field(default_factory=set)
    cues: set[str] = field(default_factory=set)
    events: int = 0
    pronouns: int = 0
    nested: int = 0
    quotes: dict[str, int] = field(default_factory=dict)
    gap: int = -1  # smallest distance between the name and its cue over its events
    sentences: set[int] = field(default_factory=set)
    near: int = -1  # smallest distance from an unquoted mention to a speech verb in its sentence
    near_features: dict[str, float] = field(default_factory=dict)


_SAY = frozenset(("say", "says", "said", "saying"))
_TELL = frozenset(("tell", "tells", "told", "telling"))
_PRONOUN_RULES = frozenset(("pronoun", "pronoun-inv"))
_NEAR_KINDS = frozenset(("person", "organisation", "group", "outlet", "unknown", "country"))
_NEAR_REACH = 120
_CAPITAL_WORD_RE = re.compile(r"(?<![\w.])[A-Z][a-z]")
_WORD_RE = re.compile(r"\w+")


def cue_class(cue: str) -> str:
    low = cue.lower()
    if low in _SAY:
        return "say"
    if low in _TELL:
        return "tell"
    if low.startswith("according"):
        return "according"
    return "mark" if not low[:1].isalpha() else "other"


def candidates(article: Article, variant: str) -> tuple[Extraction, list[tuple[str, dict[str, float]]]]:
    """The article's extraction and its speaker candidates with their features (see the module doc)."""
    ex, seen = extract_seen(article)
    lex = lexicon()
    state, _, masked, mentions, ends, body_events = seen.events[0]
    stand_events = seen.events[1][5] if len(seen.events) > 1 else []
    stand_mentions, head_mentions = seen.scans[1], seen.scans[2]
    cands: dict[str, Candidate] = {}

    def get(name: str) -> Candidate:
        if name not in cands:
            cands[name] = Candidate(name)
        return cands[name]

    for said_by, cue in seen.headline:
        c = get(said_by)
        c.rules.add("headline")
        c.cues.add(cue)
        c.events += 1
    for in_body, e in [(False, e) for e in stand_events] + [(True, e) for e in body_events]:
        if e.canonical is None or X._members_word(e.canonical, lex):
            continue
        c = get(e.canonical)
        where = -1 if not in_body else e.pos if e.at < 0 else e.at
        if in_body:
            c.sentences.add(bisect_right(ends, where))
        if e.nested:
            c.nested += 1
            continue
        c.rules.add(e.rule)
        c.cues.add(e.cue)
        c.events += 1
        c.pronouns += e.rule in _PRONOUN_RULES
        if e.at >= 0:
            c.gap = abs(e.pos - e.at) if c.gap < 0 else min(c.gap, abs(e.pos - e.at))
    for q, rule, _ in seen.attributed:
        if q.speaker:
            c = get(q.speaker)
            c.quotes[rule] = c.quotes.get(rule, 0) + 1
    if variant != "ruled":
        _near(cands, get, state, masked, mentions, ends, body_events, widen=variant == "near-candidates")
    if variant != "near-candidates":
        cands = {n: c for n, c in cands.items() if c.events or c.nested or c.quotes}
    return ex, [
        (c.name, f)
        for c, f in _features(
            cands, lex, state.gender, mentions, stand_mentions, head_mentions, len(article.body)
        )
    ]


def _near(cands, get, state, masked, mentions, ends, events, widen: bool) -> None:
    """Names within reach of a speech verb of their sentence: features of the nearest such verb and of the
    text between."""
    saying_at = [m.start() for m in state.rx.saying.finditer(masked)]
    claimed = {e.pos: e.canonical for e in events}
    after_re = state.rx.after
    for mt in mentions:
        name = mt.canonical
        if name is None or mt.quoted or mt.piece.modifier or mt.kind not in _NEAR_KINDS or not saying_at:
            continue
        if not widen and name not in cands:
            continue
        j = bisect_right(ends, mt.start)
        s0 = ends[j - 1] if j > 0 else 0
        s1 = ends[j] if j < len(ends) else len(masked)
        k = bisect_left(saying_at, mt.end)
        dist, verb = _NEAR_REACH + 1, -1
        if k < len(saying_at) and saying_at[k] < s1 and saying_at[k] - mt.end < dist:
            dist, verb = saying_at[k] - mt.end, saying_at[k]
        if k > 0 and s0 <= saying_at[k - 1] < mt.start and mt.start - saying_at[k - 1] < dist:
            dist, verb = mt.start - saying_at[k - 1], saying_at[k - 1]
        if dist > _NEAR_REACH:
            continue
        c = get(name)
        c.sentences.add(j)
        if c.near >= 0 and dist >= c.near:
            continue
        c.near = dist
        word = _WORD_RE.match(masked, verb)
        before = verb > mt.start
        gap = masked[mt.end : verb] if before else masked[verb : mt.start]
        nf = c.near_features = {
            "near-dist": math.log1p(dist) / 5.0,
            "near-words": math.log1p(gap.count(" ")),
            "near-verb:" + cue_class(word.group() if word else ""): 1.0,
            "near-before" if before else "near-after": 1.0,
        }
        if before:
            m = after_re.match(masked, mt.end)
            if m is not None and m.start("verb") == verb:
                # The rules' own "X, ..., said" shape, refused by one of their tests.
                nf["near-structure"] = 1.0
                for part in ("by", "post", "appos"):
                    if m.group(part):
                        nf["near-" + part] = 1.0
        for flag, test in (
            ("near-quote", "\x00" in masked[s0:s1]),
            ("near-comma", "," in gap),
            ("near-quote-between", "\x00" in gap),
            ("near-capital-between", _CAPITAL_WORD_RE.search(gap) is not None),
            ("near-verb-claimed", claimed.get(verb, name) != name),
            ("near-prep", X._prep_before(masked, mt.start)),
            ("near-initial", not masked[s0 : mt.start].strip(" \t\"“”'\x00\n")),
            ("near-possessive", masked.startswith(("'s", "’s"), mt.end)),
            ("near-subject", bool(mt.subject_ok)),
        ):
            if test:
                nf[flag] = 1.0


def _features(
    cands: dict[str, Candidate],
    lex: Lexicon,
    gender: Callable[[str], str],
    mentions: list,
    stand_mentions: list,
    head_mentions: list,
    size: int,
) -> list[tuple[Candidate, dict[str, float]]]:
    counts: dict[str, list[int]] = {}
    kinds: dict[str, str] = {}
    for i, mt in enumerate(stand_mentions + mentions):
        if mt.canonical is not None and mt.canonical in cands:
            row = counts.setdefault(mt.canonical, [0, 0, mt.start if i >= len(stand_mentions) else 0])
            row[0] += 1
            row[1] += mt.quoted
            kinds.setdefault(mt.canonical, mt.kind)
    in_head = {mt.canonical for mt in head_mentions if mt.canonical is not None}
    per_sentence: dict[int, int] = {}
    for c in cands.values():
        for sent in c.sentences:
            per_sentence[sent] = per_sentence.get(sent, 0) + 1
    persons: dict[str, set[str]] = {}
    for mt in mentions:
        if mt.kind == "person" and mt.canonical is not None:
            persons.setdefault(gender(mt.canonical), set()).add(mt.canonical)
    most = max((row[0] for row in counts.values()), default=1)
    n_cands = math.log1p(len(cands))
    all_events = sum(c.events for c in cands.values())
    out = []
    for c in cands.values():
        f: dict[str, float] = {f"rule:{r}": 1.0 for r in c.rules}
        for cue in c.cues:
            f["cue:" + cue_class(cue)] = 1.0
        for rule in c.quotes:
            f["quote:" + rule] = 1.0
        n_quotes = sum(c.quotes.values())
        f["quotes"] = math.log1p(n_quotes)
        f["events"] = math.log1p(c.events)
        f["rules"] = float(len(c.rules))
        if not c.events:
            f["no-event"] = 1.0
            f["nested-only" if c.nested else "quote-only" if n_quotes else "near-only"] = 1.0
        elif c.rules <= _PRONOUN_RULES:
            f["pronoun-only"] = 1.0
        if c.nested:
            f["nested"] = math.log1p(c.nested)
        if c.gap >= 0:
            f["gap"] = math.log1p(c.gap) / 5.0
        if c.near >= 0:
            f["near"] = 1.0
            f.update(c.near_features)
        row = counts.get(c.name)
        if row is not None:
            f["mentions"] = math.log1p(row[0])
            f["mention-share"] = row[0] / most
            if row[1]:
                f["quoted-share"] = row[1] / row[0]
            f["first-at"] = min(row[2] / max(size, 1), 1.0)
        else:
            f["unmentioned"] = 1.0
        kind = kinds.get(c.name) or "none"
        f["kind:" + kind] = 1.0
        if kind == "person":
            g = gender(c.name)
            f["gender:" + (g or "none")] = 1.0
            f["same-gender"] = math.log1p(len(persons.get(g, ())) - 1)
        if c.pronouns:
            f["pronoun-share"] = c.pronouns / c.events
        if c.name in in_head:
            f["in-headline"] = 1.0
        words = c.name.split()
        f["one-word" if len(words) == 1 else "two-words" if len(words) == 2 else "more-words"] = 1.0
        if words[0] in lex.male_names or words[0] in lex.female_names:
            f["given-name"] = 1.0
        if any(w in lex.org_words for w in words):
            f["org-word"] = 1.0
        if any(w in lex.titles for w in words):
            f["title-word"] = 1.0
        if c.sentences:
            f["sentence-others"] = math.log1p(min(per_sentence[s] for s in c.sentences) - 1)
        f["candidates"] = n_cands
        f["event-share"] = c.events / max(all_events, 1)
        out.append((c, f))
    return out


# --------------------------------------------------------------------------- training and scoring
def labelled(scorer, records: list[dict], variant: str) -> list[dict]:
    """One row per article: gold, optional names, candidates (name, features, label: 1 right, 0 wrong,
    -1 matches only an optional name), and the extractor's own speakers."""
    articles = polnear_articles(records)
    rows = []
    for r in records:
        gold = [s["name"] for s in r["speakers"]]
        optional = r.get("speakers_optional", [])
        ex, cands = candidates(articles[r["id"]], variant)
        out = []
        for name, feats in cands:
            label = (
                1
                if any(scorer.match(name, g) for g in gold)
                else -1
                if any(scorer.match(name, o) for o in optional)
                else 0
            )
            out.append((name, feats, label))
        rows.append(
            {
                "publisher": r["publisher"],
                "gold": gold,
                "optional": optional,
                "cands": out,
                "speakers": ex.speakers,
            }
        )
    return rows


def counts(scorer, rows: list[dict], keep) -> list[tuple[int, int, int, int]]:
    """Per article (tp, fp, gold found, gold) when ``keep(article, candidate)`` decides."""
    out = []
    for i, row in enumerate(rows):
        s = scorer.Score()
        s.add([c[0] for j, c in enumerate(row["cands"]) if keep(i, j)], row["gold"], row["optional"])
        out.append((s.tp, s.fp, s.found, s.gold))
    return out


def prf(cs: list[tuple[int, int, int, int]], idx=None) -> tuple[float, float, float]:
    idx = range(len(cs)) if idx is None else idx
    tp = sum(cs[i][0] for i in idx)
    fp = sum(cs[i][1] for i in idx)
    found = sum(cs[i][2] for i in idx)
    gold = sum(cs[i][3] for i in idx)
    p, r = tp / max(tp + fp, 1), found / max(gold, 1)
    return p, r, 2 * p * r / max(p + r, 1e-9)


def rules_keep(rows: list[dict]):
    """The extractor as it is: a candidate some rule names as speaking."""
    return lambda i, j: "no-event" not in rows[i]["cands"][j][1]


def fit(rows: list[dict], c: float, gbt: bool = False):
    from sklearn.ensemble import HistGradientBoostingClassifier
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    feats = [f for row in rows for (_, f, lab) in row["cands"] if lab >= 0]
    labels = [lab for row in rows for (_, _, lab) in row["cands"] if lab >= 0]
    vec = DictVectorizer(sparse=False)
    x = vec.fit_transform(feats)
    if gbt:
        model = HistGradientBoostingClassifier(
            max_depth=3, max_iter=int(c), learning_rate=0.1, random_state=SEED
        )
    else:
        model = LogisticRegression(C=c, max_iter=5000)
    model.fit(x, labels)
    return vec, model


def predict(vec, model, rows: list[dict]) -> list[list[float]]:
    return [
        list(model.predict_proba(vec.transform([f for _, f, _ in row["cands"]]))[:, 1])
        if row["cands"]
        else []
        for row in rows
    ]


def cross_val(rows: list[dict], folds: list[list[int]], c: float, gbt: bool = False) -> list[list[float]]:
    """Held-out probabilities for every candidate, each fold's model fitted on the other folds."""
    probs: list[list[float]] = [[] for _ in rows]
    for held in folds:
        held_set = set(held)
        vec, model = fit([r for i, r in enumerate(rows) if i not in held_set], c, gbt)
        for i, p in zip(held, predict(vec, model, [rows[i] for i in held]), strict=True):
            probs[i] = p
    return probs


def article_folds(n: int, k: int = 5) -> list[list[int]]:
    order = list(range(n))
    random.Random(SEED).shuffle(order)
    return [order[f::k] for f in range(k)]


def publisher_folds(rows: list[dict]) -> list[list[int]]:
    pubs: dict[str, list[int]] = {}
    for i, row in enumerate(rows):
        pubs.setdefault(row["publisher"], []).append(i)
    return [pubs[p] for p in sorted(pubs)]


def best_threshold(scorer, rows, probs) -> tuple[float, tuple[float, float, float]]:
    best = (-1.0, 0.5, (0.0, 0.0, 0.0))
    for t in THRESHOLDS:
        figures = prf(counts(scorer, rows, lambda i, j, t=t: probs[i][j] >= t))
        if figures[2] > best[0]:
            best = (figures[2], t, figures)
    return best[1], best[2]


def bootstrap(a, b, rounds: int = 2000) -> dict[str, list[float]]:
    """95% intervals of (b − a) in P, R, F1 over articles resampled with replacement (paired)."""
    rng = random.Random(SEED)
    n = len(a)
    diffs = []
    for _ in range(rounds):
        idx = [rng.randrange(n) for _ in range(n)]
        pa, pb = prf(a, idx), prf(b, idx)
        diffs.append([pb[k] - pa[k] for k in range(3)])
    out = {}
    for k, name in enumerate(("P", "R", "F1")):
        v = sorted(d[k] for d in diffs)
        out[name] = [round(v[int(0.025 * rounds)], 4), round(v[int(0.975 * rounds)], 4)]
    return out


def _f(figures) -> str:
    return " / ".join(f"{v:.3f}" for v in figures)


def _read(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def run_variant(scorer, records, dev_records, variant: str, gbt: bool) -> dict:
    rows = labelled(scorer, records, variant)
    for row in rows:  # the capture reads the extractor right: the rules' candidates are its speakers
        assert {c[0] for c in row["cands"] if "no-event" not in c[1]} == set(row["speakers"]), row["speakers"]
    labels = [lab for r in rows for (_, _, lab) in r["cands"]]
    rules = counts(scorer, rows, rules_keep(rows))
    ceiling = prf(counts(scorer, rows, lambda i, j: True))
    print(
        f"\n[{variant}] train: {len(rows)} articles, {len(labels)} candidates ({labels.count(1)} right, "
        f"{labels.count(0)} wrong, {labels.count(-1)} optional only)"
    )
    print(f"  rules alone (the extractor)  P / R / F1 {_f(prf(rules))}")
    print(f"  every candidate              P / R / F1 {_f(ceiling)}  (recall ceiling)")
    folds = article_folds(len(rows))
    settings = []
    for c in CS:
        probs = cross_val(rows, folds, c)
        t, figures = best_threshold(scorer, rows, probs)
        settings.append((figures[2], "logistic", c, t, figures, probs))
        print(f"  logistic C={c:<5} 5-fold by article: threshold {t:.2f}  P / R / F1 {_f(figures)}")
    if gbt:
        for trees in (100, 200):
            probs = cross_val(rows, folds, trees, gbt=True)
            t, figures = best_threshold(scorer, rows, probs)
            settings.append((figures[2], "gbt", trees, t, figures, probs))
            print(f"  gbt {trees} trees, depth 3, 5-fold by article: threshold {t:.2f}  P/R/F1 {_f(figures)}")
    _, kind, c, t, figures, probs = max(settings, key=lambda s: s[0])
    model_counts = counts(scorer, rows, lambda i, j: probs[i][j] >= t)
    boot = bootstrap(rules, model_counts)
    print(
        f"  chosen: {kind} {c}, threshold {t:.2f}; model − rules, 95% bootstrap over articles: "
        + ", ".join(f"{k} [{lo:+.4f}, {hi:+.4f}]" for k, (lo, hi) in boot.items())
    )
    lopo = cross_val(rows, publisher_folds(rows), c, kind == "gbt")
    lopo_counts = counts(scorer, rows, lambda i, j: lopo[i][j] >= t)
    print(f"  leave one publisher out: model {_f(prf(lopo_counts))}  rules {_f(prf(rules))}")
    per_pub = {}
    for held in publisher_folds(rows):
        pub = rows[held[0]]["publisher"]
        per_pub[pub] = {
            "model": [round(v, 4) for v in prf(lopo_counts, held)],
            "rules": [round(v, 4) for v in prf(rules, held)],
        }
        print(f"    {pub:<13} model {_f(prf(lopo_counts, held))}   rules {_f(prf(rules, held))}")
    vec, model = fit(rows, c, kind == "gbt")
    record: dict = {
        "variant": variant,
        "candidates": {"right": labels.count(1), "wrong": labels.count(0), "optional": labels.count(-1)},
        "rules": [round(v, 4) for v in prf(rules)],
        "ceiling": [round(v, 4) for v in ceiling],
        "chosen": {"model": kind, "C_or_trees": c, "threshold": t},
        "cv_article_5fold": [round(v, 4) for v in figures],
        "bootstrap_model_minus_rules": boot,
        "leave_one_publisher_out": [round(v, 4) for v in prf(lopo_counts)],
        "per_publisher": per_pub,
    }
    if kind == "logistic":
        names = vec.get_feature_names_out()
        weights = zip(names, model.coef_[0], strict=True)
        record["weights"] = {str(n): round(float(w), 4) for n, w in sorted(weights)}
        record["bias"] = round(float(model.intercept_[0]), 4)
    if dev_records is not None:
        dev_rows = labelled(scorer, dev_records, variant)
        dev_probs = predict(vec, model, dev_rows)
        dev_rules = prf(counts(scorer, dev_rows, rules_keep(dev_rows)))
        dev_model = prf(counts(scorer, dev_rows, lambda i, j: dev_probs[i][j] >= t))
        print(f"  dev: rules {_f(dev_rules)}; model (fitted on all of train) {_f(dev_model)}")
        record["dev"] = {"rules": [round(v, 4) for v in dev_rules], "model": [round(v, 4) for v in dev_model]}
    return record


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--variants", default=",".join(VARIANTS), help=f"any of {', '.join(VARIANTS)}")
    parser.add_argument("--gbt", action="store_true", help="also cross-validate small gradient-boosted trees")
    parser.add_argument("--dev", action="store_true", help="also report PolNeAR dev (finished models only)")
    parser.add_argument("--no-write", action="store_true", help="do not write the JSON record")
    args = parser.parse_args()
    scorer = load_scorer(args.data)
    path = args.data / "polnear" / "train.jsonl"
    if scorer is None or not path.exists():
        print(f"PolNeAR or its scorer not found under {args.data}: nothing to train", file=sys.stderr)
        return 1
    records = _read(path)
    dev_records = _read(args.data / "polnear" / "dev.jsonl") if args.dev else None
    variants = [v for v in args.variants.split(",") if v]
    unknown = set(variants) - set(VARIANTS)
    if unknown:
        parser.error(f"unknown variants: {', '.join(sorted(unknown))}")
    results = [run_variant(scorer, records, dev_records, v, args.gbt) for v in variants]
    if not args.no_write:
        RESULTS.parent.mkdir(exist_ok=True)
        record = {"commit": _commit(), "python": platform.python_version(), "seed": SEED, "variants": results}
        RESULTS.write_text(json.dumps(record, indent=1) + "\n", encoding="utf-8")
        print(f"wrote {RESULTS.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
