"""A seeded synthetic news corpus: JSONL files of articles with quotes, speakers and named parties.

    /work/venv/bin/python benchmarks/gen_corpus.py --docs 10000 --out benchmarks/work/corpus-10000 --seed 1

Each record has id, headline, body (~350 words), date (ISO, spread over 2015–2024), source, and the
generator's own labels: ``people`` (everyone quoted or named), ``orgs`` and ``places`` (named parties).
Newsearch ignores the label keys; the plain engines use them as facet fields.

What makes it news-like enough to exercise a news search engine:
- Vocabulary drawn from a Zipf distribution (s=1.05): function words and common news words first, then
  a long tail of made-up words with English suffixes (-s, -ed, -ing, -ation, …) so stemmers have work to do.
- Quotes with named speakers in the forms newswires use: ``"…," Foreign Minister Anna Kovacs said.``,
  ``Kovacs told reporters that …``, ``According to Kovacs, …``, ``said Kovacs, the …``.
- Named parties (people, organisations such as "UN Security Council", countries) with Zipfian popularity.
- A controlled share (default 3%) of near-duplicates: copies of an earlier article with a few words
  changed, a new id and a later date, as syndicated rewrites are.

Deterministic for a seed; 100k articles take about 25 s.
"""

from __future__ import annotations

import argparse
import itertools
import json
import random
import sys
import time
from bisect import bisect
from datetime import datetime, timedelta
from pathlib import Path


def _words(text: str) -> list[str]:
    return text.split()


NEWS_WORDS = _words(
    """
government minister president officials people country police security military forces election party
year week month day time report statement talks deal agreement plan policy law court judge case trial
vote voters campaign leader leaders parliament opposition protest protesters crisis war peace troops
attack attacks killed wounded border region city capital state states national international foreign
economy economic market markets prices inflation growth bank banks interest rates budget spending tax
taxes trade exports imports oil energy company companies shares investors profit losses jobs workers
union strike health hospital patients vaccine virus outbreak climate emissions weather storm flood
fire water food farmers schools students children families women men community village residents
minister spokesman spokeswoman ministry department agency council committee commission investigation
sanctions negotiations ceasefire refugees humanitarian aid support funding reform reforms program
project industry technology internet data privacy network service services system systems million
billion percent record level levels number figures official announced announcement decision decisions
meeting summit visit delegation diplomats embassy relations cooperation treaty nuclear weapons missile
defence army navy soldiers officers prison prisoners release released charges arrested arrest crime
victims evidence witnesses lawyers prosecutors ruling appeal constitution rights freedom media press
journalists newspaper television radio online social public private sector banks currency debt loans
deficit recovery recession unemployment wages housing rents construction transport airport railway
road roads ships port coast island mountains river drought harvest crops exports rising falling higher
lower early late former current future senior deputy chief general director executive chairman board
members member group groups movement alliance coalition rebels militants fighters insurgents violence
clashes tensions dispute disputes claims demands concerns warning warnings threat threats risk risks
"""
)

MADE_UP_ONSETS = _words("b br c ch cl d dr f fl g gr h j k kl l m n p pl pr r s sh st t tr v w z")
MADE_UP_VOWELS = _words("a e i o u ai ea io ou")
MADE_UP_CODAS = _words("n r l s t nd rt st m k")
SUFFIXES = ["", "", "", "s", "ed", "ing", "er", "ation", "ment", "ity", "ness", "ly"]
FUNCTION_WORDS = _words(
    "the of to and a in that for on is was with by as at from it be has have are were an its this after "
    "over but not which will would their who they also been more than had about into under"
)

FIRST_NAMES = _words(
    """Anna Maria John David Michael Sarah Ahmed Fatima Li Wei Carlos Ana Pierre Sophie Hans Ingrid
Olga Ivan Yuki Kenji Amir Leila Kwame Amara Raj Priya Diego Lucia Tomas Eva Omar Nadia Samuel Grace Mehmet
Elif Jakub Zofia Liam Emma Noah Olivia Mateo Chloe Hiroshi Aiko Sipho Thandiwe Arjun Meera Viktor Katarina
Jonas Freya Rafael Beatriz Kofi Abena Dmitri Irina Paolo Giulia"""
)
LAST_NAMES = _words(
    """Kovacs Smith Johnson Garcia Martinez Muller Schmidt Rossi Bianchi Dubois Laurent Novak Horvat
Nowak Kowalski Ivanova Petrov Tanaka Sato Kim Park Chen Wang Nguyen Tran Haddad Khalil Mensah Okafor Sharma
Patel Silva Santos Fernandez Lopez Andersson Nielsen Virtanen Papadopoulos Yilmaz Demir Cohen Levi Mwangi
Otieno Dlamini Nkosi Gonzalez Romero Moreau Fischer Weber Wagner Jansen Visser Kuznetsov Popescu Ionescu
Horvath Szabo Ahmadi Hosseini Rahman Chowdhury Ferrari Esposito Costa Pereira Kaur Singh Abe Mori"""
)
TITLES = """Foreign Minister|Prime Minister|President|Finance Minister|Defence Minister|Health Minister|
Interior Minister|central bank governor|opposition leader|Senator|Mayor|police chief|army spokesman|
chief executive|economist|union leader|Secretary-General|ambassador|analyst|professor|
government spokeswoman|Environment Minister|Trade Minister|Justice Minister""".replace("\n", "").split("|")

ORGS = """UN Security Council|United Nations|European Union|NATO|World Health Organization|
International Monetary Fund|World Bank|African Union|European Commission|European Central Bank|
Federal Reserve|World Trade Organization|Red Cross|Amnesty International|Human Rights Watch|
International Criminal Court|OPEC|G20|G7|Arab League|ASEAN|UNICEF|UN Refugee Agency|Interpol|
Greenpeace|International Atomic Energy Agency|Supreme Court|Constitutional Court|Electoral Commission|
Finance Ministry|Foreign Ministry|Defence Ministry|Health Ministry|Central Bank|National Assembly|
Social Democrats|Green Party|Labour Party|Conservative Party|Liberal Democrats|People's Party|
Workers' Union|Teachers' Union|Chamber of Commerce|Stock Exchange|Norvath Holdings|Kelmar Energy|
Tristan Motors|Belcour Bank|Vantis Pharmaceuticals|Orlan Airlines|Meridian Telecom|Astra Mining""".replace(
    "\n", ""
).split("|")

COUNTRIES = """United States|China|Russia|Ukraine|Germany|France|United Kingdom|Italy|Spain|Poland|Hungary|
Turkey|Iran|Israel|Egypt|Saudi Arabia|Qatar|India|Pakistan|Japan|South Korea|North Korea|Brazil|Mexico|
Argentina|Canada|Australia|Nigeria|Kenya|South Africa|Ethiopia|Sudan|Syria|Iraq|Afghanistan|Indonesia|
Philippines|Vietnam|Thailand|Greece|Sweden|Norway|Finland|Denmark|Netherlands|Belgium|Austria|Switzerland|
Czech Republic|Romania|Serbia|Colombia|Venezuela|Chile|Peru|Morocco|Algeria|Libya|Lebanon|Jordan|Yemen|
Bangladesh|Myanmar|Malaysia|New Zealand|Ireland|Portugal|Ghana|Senegal|Mali|Somalia""".replace(
    "\n", ""
).split("|")

SOURCES = """Daily Ledger|Northern Courier|Global Wire|Evening Standard Post|Capital Times|Metro Herald|
Continental News Agency|The Observer Review|Harbour Gazette|Pacific Dispatch|Valley Tribune|
Morning Chronicle""".replace("\n", "").split("|")

SAY_VERBS = ["said", "said", "said", "told reporters", "added", "warned", "said in a statement"]


def zipf_cum(n: int, s: float = 1.1) -> list[float]:
    """Cumulative Zipf weights for ranks 1..n (for random.choices / bisect)."""
    return list(itertools.accumulate(1.0 / (r**s) for r in range(1, n + 1)))


class Generator:
    """Holds the seeded vocabularies and draws articles from them."""

    def __init__(self, seed: int, vocab_size: int = 40_000) -> None:
        self.rng = random.Random(seed)
        rng = self.rng
        made_up: set[str] = set()
        while len(made_up) < vocab_size:
            syllables = rng.choice((1, 2, 2, 3))
            stem = "".join(
                rng.choice(MADE_UP_ONSETS) + rng.choice(MADE_UP_VOWELS) for _ in range(syllables)
            ) + rng.choice(MADE_UP_CODAS)
            made_up.add(stem + rng.choice(SUFFIXES))
        tail = sorted(made_up)
        rng.shuffle(tail)
        news = list(dict.fromkeys(NEWS_WORDS))
        rng.shuffle(news)
        # Function words head the ranking and content words interleave after them, as in real text: with
        # s=1.05 the 40 function words make up ~40% of the running words.
        self.vocab = FUNCTION_WORDS + news[:40] + tail[:200] + news[40:] + tail[200:]
        self.vocab_cum = zipf_cum(len(self.vocab), 1.05)
        self._pool: list[str] = []
        people = [(f, last) for f in FIRST_NAMES for last in LAST_NAMES]
        rng.shuffle(people)
        self.people = [(f"{f} {last}", rng.choice(TITLES)) for f, last in people[:3000]]
        self.people_cum = zipf_cum(len(self.people), 1.0)
        self.orgs = ORGS[:]
        rng.shuffle(self.orgs)
        self.orgs_cum = zipf_cum(len(self.orgs), 1.0)
        self.countries = COUNTRIES[:]
        rng.shuffle(self.countries)
        self.countries_cum = zipf_cum(len(self.countries), 1.0)
        self.sources_cum = zipf_cum(len(SOURCES), 0.8)
        self.start = datetime(2015, 1, 1)
        self.span_minutes = 10 * 365 * 24 * 60

    def pick(self, items: list, cum: list[float]):
        return items[bisect(cum, self.rng.random() * cum[-1])]

    def words(self, k: int) -> list[str]:
        # Drawn in large batches: one random.choices call per batch is most of the generator's speed.
        if len(self._pool) < k:
            self._pool += self.rng.choices(self.vocab, cum_weights=self.vocab_cum, k=max(k, 65536))
        out = self._pool[-k:]
        del self._pool[-k:]
        return out

    def sentence(self, parties: list[str]) -> str:
        rng = self.rng
        n = rng.randint(8, 24)
        ws = self.words(n)
        if parties and rng.random() < 0.35:
            ws.insert(rng.randrange(1, n), rng.choice(("the ", "")) + rng.choice(parties))
        text = " ".join(ws)
        return text[0].upper() + text[1:] + "."

    def article(self, number: int) -> dict:
        rng = self.rng
        # dict.fromkeys, not a set: set order varies with string hashing, and the output must not.
        orgs = list(dict.fromkeys(self.pick(self.orgs, self.orgs_cum) for _ in range(rng.randint(0, 3))))
        places = list(
            dict.fromkeys(self.pick(self.countries, self.countries_cum) for _ in range(rng.randint(1, 3)))
        )
        speakers = list(
            dict.fromkeys(self.pick(self.people, self.people_cum) for _ in range(rng.randint(0, 3)))
        )
        parties = orgs + places
        sentences: list[str] = []
        target = rng.randint(260, 440)
        count = 0
        quote_every = max(3, 10 // (len(speakers) or 1))
        i = 0
        while count < target:
            i += 1
            if speakers and i % quote_every == 0:
                s = self.quote(rng.choice(speakers), parties)
            else:
                s = self.sentence(parties)
            sentences.append(s)
            count += s.count(" ") + 1
        paragraphs = [" ".join(sentences[j : j + 3]) for j in range(0, len(sentences), 3)]
        head = self.words(rng.randint(4, 8))
        if parties:
            head.insert(rng.randrange(len(head)), rng.choice(parties))
        headline = " ".join(head)
        headline = headline[0].upper() + headline[1:]
        when = self.start + timedelta(minutes=rng.randrange(self.span_minutes))
        return {
            "id": f"syn-{number:07d}",
            "headline": headline,
            "body": "\n\n".join(paragraphs),
            "date": when.isoformat(),
            "source": self.pick(SOURCES, self.sources_cum),
            "people": sorted(name for name, _ in speakers),
            "orgs": sorted(orgs),
            "places": sorted(places),
        }

    def quote(self, speaker: tuple[str, str], parties: list[str]) -> str:
        rng = self.rng
        name, title = speaker
        last = name.split()[-1]
        said = self.sentence(parties)[:-1]
        form = rng.random()
        if form < 0.45:
            return f'"{said}," {title} {name} {rng.choice(SAY_VERBS)}.'
        if form < 0.7:
            return f"{last} told reporters that {said[0].lower()}{said[1:]}."
        if form < 0.85:
            return f"According to {name}, {said[0].lower()}{said[1:]}."
        return f'"{said}," said {last}, the {title.lower()}.'

    def near_duplicate(self, original: dict, number: int) -> dict:
        """A copy with a few words changed, a new id and a date a few hours later."""
        rng = self.rng
        words = original["body"].split(" ")
        for _ in range(rng.randint(2, 6)):
            words[rng.randrange(len(words))] = rng.choice(self.vocab[:2000])
        when = datetime.fromisoformat(original["date"]) + timedelta(minutes=rng.randint(30, 2000))
        return {
            **original,
            "id": f"syn-{number:07d}",
            "body": " ".join(words),
            "date": when.isoformat(),
            "source": self.pick(SOURCES, self.sources_cum),
        }


def generate(docs: int, out: Path, *, seed: int = 1, per_file: int = 5000, dup_share: float = 0.03) -> int:
    """Write ``docs`` articles to ``out``/news-NNNNN.jsonl; returns the number of near-duplicates."""
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("news-*.jsonl"):
        old.unlink()
    gen = Generator(seed)
    recent: list[dict] = []
    dups = 0
    fh = None
    for n in range(docs):
        if n % per_file == 0:
            if fh:
                fh.close()
            fh = open(out / f"news-{n // per_file:05d}.jsonl", "w", encoding="utf-8")  # noqa: SIM115
        if recent and gen.rng.random() < dup_share:
            rec = gen.near_duplicate(gen.rng.choice(recent), n)
            dups += 1
        else:
            rec = gen.article(n)
            if len(recent) < 500:
                recent.append(rec)
            else:
                recent[gen.rng.randrange(500)] = rec
        fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    if fh:
        fh.close()
    return dups


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, required=True)
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--per-file", type=int, default=5000)
    ap.add_argument("--dup-share", type=float, default=0.03)
    args = ap.parse_args(argv)
    started = time.perf_counter()
    dups = generate(args.docs, args.out, seed=args.seed, per_file=args.per_file, dup_share=args.dup_share)
    took = time.perf_counter() - started
    print(f"{args.docs} articles ({dups} near-duplicates) in {args.out} in {took:.1f}s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
