"""Shared helpers for the speed benchmarks: run metadata, corpora on disk, child processes, tables.

Kept free of newsearch and of every engine, so importing it costs nothing and works without them.
"""

from __future__ import annotations

import itertools
import json
import os
import platform
import random
import re
import shutil
import statistics
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
WORK = BENCH / "work"  # git-ignored: corpora and indexes live here
RESULTS = BENCH / "results"
PYTHON = sys.executable

# Whoosh's default English stop list (so the query words we draw are words every engine indexes).
STOP = frozenset(
    str.split(
        "a an and are as at be by can for from have if in is it may not of on or tbd that the this to us we "
        "when will with yet you your said says told its was were has had been but would also which their he "
        "she his her they them than there who what more after over into about"
    )
)
_WORD = re.compile(r"[a-z]+")


# ------------------------------------------------------------------------------------- metadata
def git_commit() -> str | None:
    try:
        out = subprocess.run(
            ["git", "-C", str(ROOT), "rev-parse", "HEAD"], capture_output=True, text=True, check=True
        )
        dirty = subprocess.run(
            ["git", "--no-optional-locks", "-C", str(ROOT), "status", "--porcelain", "-uno", "src"],
            capture_output=True,
            text=True,
            check=True,
        )
    except (OSError, subprocess.CalledProcessError):
        return None
    return out.stdout.strip() + ("+dirty-src" if dirty.stdout.strip() else "")


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def versions() -> dict[str, str | None]:
    out: dict[str, str | None] = {}
    from importlib import metadata

    for name in ("newsearch", "whoosh", "nltk", "tantivy"):
        try:
            out[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            out[name] = None
    import sqlite3

    out["sqlite"] = sqlite3.sqlite_version
    return out


def run_meta() -> dict:
    mem = None
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                mem = round(int(line.split()[1]) / 1024 / 1024, 1)
    except OSError:
        pass
    return {
        "commit": git_commit(),
        "when": datetime.now().isoformat(timespec="seconds"),
        "python": platform.python_version(),
        "cpu_count": os.cpu_count(),
        "cpu": cpu_model(),
        "memory_gib": mem,
        "machine": f"{platform.system()} {platform.release()} {platform.machine()}",
        "load_at_start": os.getloadavg(),
        "versions": versions(),
    }


# ------------------------------------------------------------------------------------- the code under test
def snapshot_source(mode: str = "head") -> tuple[Path | None, str]:
    """A frozen copy of newsearch to benchmark, so edits made to src/ during a run cannot mix versions.

    ``head``: the committed tree (``git archive HEAD src``, read-only for the repository), or the tree of a
    given commit; ``worktree``: the files as they are now; ``installed``: no copy, the newsearch installed
    for this interpreter (a regular install's extractor is compiled with mypyc: run the benchmark with that
    venv's python; the label says which extractor runs).
    Returns (the folder to put first on sys.path / PYTHONPATH, None for ``installed``, and a label).
    """
    if mode == "installed":
        found = subprocess.run(
            [PYTHON, "-c", "import newsearch.extract as e; print(e.extractor.__file__, e.COMPILED)"],
            capture_output=True,
            text=True,
            check=True,
            cwd=WORK.parent,
        ).stdout.split()
        return None, f"installed {found[0]} ({'compiled' if found[1] == 'True' else 'pure Python'})"
    if mode != "worktree":
        rev = "HEAD" if mode == "head" else mode  # or a commit, to repeat an earlier run's code exactly
        commit = subprocess.run(
            ["git", "-C", str(ROOT), "rev-parse", "--verify", f"{rev}^{{commit}}"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        dest = WORK / "src-snapshots" / commit
        if not (dest / "src" / "newsearch" / "__init__.py").exists():
            dest.mkdir(parents=True, exist_ok=True)
            archive = subprocess.run(
                ["git", "-C", str(ROOT), "archive", "--format=tar", commit, "src/newsearch"],
                capture_output=True,
                check=True,
            )
            subprocess.run(["tar", "-x", "-C", str(dest)], input=archive.stdout, check=True)
        return dest / "src", f"{rev} {commit}" if rev == "HEAD" else f"commit {commit}"
    if mode == "worktree":
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        dest = WORK / "src-snapshots" / f"worktree-{stamp}"
        shutil.copytree(
            ROOT / "src" / "newsearch",
            dest / "src" / "newsearch",
            ignore=shutil.ignore_patterns("__pycache__"),
        )
        return dest / "src", f"work tree of {git_commit()} copied at {stamp}"
    raise AssertionError("unreachable")


def use_source(folder: Path | None) -> None:
    """Import newsearch from ``folder`` in this process and in every child process started after this
    (None: the installed one)."""
    if folder is None:
        return
    sys.path.insert(0, str(folder))
    os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [str(folder), os.environ.get("PYTHONPATH")]))


# ------------------------------------------------------------------------------------- corpora
def jsonl_files(folder: Path) -> list[Path]:
    return sorted(Path(folder).rglob("*.jsonl"))


def read_records(folder: Path) -> Iterator[dict]:
    """Every record of every JSONL file under ``folder``, in file order."""
    for path in jsonl_files(folder):
        with open(path, encoding="utf-8") as fh:
            for line in fh:
                if line.strip():
                    yield json.loads(line)


def count_records(folder: Path) -> int:
    n = 0
    for path in jsonl_files(folder):
        with open(path, "rb") as fh:
            n += sum(1 for line in fh if line.strip())
    return n


def copy_corpus(src: Path, dst: Path) -> Path:
    if dst.exists():
        shutil.rmtree(dst)
    shutil.copytree(src, dst)
    return dst


def change_share(folder: Path, share: float, *, seed: int = 1) -> int:
    """Rewrite ``share`` of the records (spread over all files) with changed text, in place.

    Each chosen record gets a sentence appended to its body and one body word replaced, so its content hash
    changes while its id stays: an update, as when a publisher corrects a story.
    """
    rng = random.Random(seed)
    changed = 0
    for path in jsonl_files(folder):
        lines = path.read_text(encoding="utf-8").splitlines()
        out = []
        for line in lines:
            if line.strip() and rng.random() < share:
                rec = json.loads(line)
                words = rec["body"].split(" ")
                if len(words) > 5:
                    words[rng.randrange(len(words))] = "revised"
                note = f" This story was updated (correction {rng.randrange(10**6)})."
                rec["body"] = " ".join(words) + note
                line = json.dumps(rec, ensure_ascii=False)
                changed += 1
            out.append(line)
        path.write_text("\n".join(out) + "\n", encoding="utf-8")
    return changed


def dir_bytes(folder: Path) -> int:
    return sum(f.stat().st_size for f in Path(folder).rglob("*") if f.is_file())


# ------------------------------------------------------------------------------------- query words
@dataclass(frozen=True)
class QuerySet:
    """Fixed query words drawn from a corpus: every engine runs exactly these."""

    terms: list[str]
    pairs: list[tuple[str, str]]
    phrases: list[tuple[str, str]]
    date_from: str  # YYYY-MM-DD, inclusive: the filter range
    date_to: str
    date_min: str  # the sample's first and last dates: the histogram's range
    date_max: str

    def as_dict(self) -> dict:
        return {
            "terms": self.terms,
            "pairs": [list(p) for p in self.pairs],
            "phrases": [list(p) for p in self.phrases],
            "date_filter": [self.date_from, self.date_to],
            "date_span": [self.date_min, self.date_max],
        }


def _words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def draw_queries(folder: Path, *, n: int = 10, sample: int = 3000, seed: int = 7) -> QuerySet:
    """Mid-frequency words (in 0.5–5% of articles), word pairs from one article, frequent bigrams.

    Drawn from ``sample`` articles spread evenly over the corpus (Reuters is in date order) with a fixed
    seed, so the same corpus always gives the same queries. Words are alphabetic, 4+ letters and not stop
    words, so no engine drops them.
    """
    rng = random.Random(seed)
    df: Counter[str] = Counter()
    bigram_df: Counter[tuple[str, str]] = Counter()
    docs: list[list[str]] = []
    dates: list[str] = []
    stride = max(1, count_records(folder) // sample)
    for i, rec in enumerate(read_records(folder)):
        if i % stride:
            continue
        words = _words(f"{rec.get('headline', '')} {rec.get('body', '')}")
        docs.append(words)
        df.update(set(words))
        bigram_df.update({(a, b) for a, b in itertools.pairwise(words) if a not in STOP and b not in STOP})
        if rec.get("date"):
            dates.append(str(rec["date"])[:10])
    total = len(docs)
    lo, hi = max(2, int(0.005 * total)), int(0.05 * total)
    mid = sorted(w for w, c in df.items() if lo <= c <= hi and len(w) >= 4 and w not in STOP)
    terms = rng.sample(mid, min(n, len(mid)))
    midset = set(mid)
    pairs: list[tuple[str, str]] = []
    for words in rng.sample(docs, len(docs)):
        cands = sorted({w for w in words if w in midset})
        if len(cands) >= 2:
            a, b = rng.sample(cands, 2)
            if (a, b) not in pairs:
                pairs.append((a, b))
        if len(pairs) >= n:
            break
    plo = max(3, int(0.002 * total))
    frequent = sorted(
        (bg for bg, c in bigram_df.items() if plo <= c <= 0.2 * total and min(map(len, bg)) >= 4),
        key=lambda bg: (-bigram_df[bg], bg),
    )
    phrases = frequent[: 4 * n]
    phrases = rng.sample(phrases, min(n, len(phrases)))
    dates.sort()
    # A slice of the date range holding ~20% of the articles (the middle one).
    date_from = dates[int(0.4 * len(dates))] if dates else "1900-01-01"
    date_to = dates[int(0.6 * len(dates))] if dates else "2100-01-01"
    first = dates[0] if dates else "1900-01-01"
    last = dates[-1] if dates else "2100-01-01"
    return QuerySet(terms, pairs, phrases, date_from, date_to, first, last)


# ------------------------------------------------------------------------------------- processes
def _tree_rss_bytes(pid: int) -> tuple[int, int]:
    """Resident memory of a process and all its descendants (from /proc): (sum, largest one)."""
    total, largest, todo = 0, 0, [pid]
    while todo:
        p = todo.pop()
        try:
            with open(f"/proc/{p}/statm") as fh:
                rss = int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
            total += rss
            largest = max(largest, rss)
            for task in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{task}/children") as fh:
                    todo += [int(c) for c in fh.read().split()]
        except (OSError, ValueError):
            continue
    return total, largest


@dataclass
class ChildRun:
    result: dict
    wall: float
    max_rss_mib: float  # peak RSS of the largest single process in the tree, sampled every 0.1 s
    tree_rss_mib: float  # peak sum over the process tree, sampled every 0.1 s
    cpu_s: float  # user + system CPU seconds of the child and its reaped descendants
    load: tuple[float, float]  # 1-minute load average before and after: other jobs on the machine


def run_child(args: Sequence[str], *, timeout: float | None = None) -> ChildRun:
    """Run ``python args…`` (which prints one JSON object as its last stdout line); measure its memory."""
    started = time.perf_counter()
    load_before = os.getloadavg()[0]
    proc = subprocess.Popen([PYTHON, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    # Sampled, not the kernel's ru_maxrss: a forked child starts with its parent's high-water mark, so
    # ru_maxrss would report this (large) benchmark process for small engines.
    peak = [0, 0]
    done = threading.Event()

    def sample() -> None:
        while not done.is_set():
            total, largest = _tree_rss_bytes(proc.pid)
            peak[0], peak[1] = max(peak[0], total), max(peak[1], largest)
            done.wait(0.1)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    # Read pipes in threads so a chatty child never blocks; wait4 gives this child's own rusage.
    out: list[str] = []
    err: list[str] = []
    readers = [
        threading.Thread(target=lambda: out.append(proc.stdout.read()), daemon=True),  # type: ignore[union-attr]
        threading.Thread(target=lambda: err.append(proc.stderr.read()), daemon=True),  # type: ignore[union-attr]
    ]
    for t in readers:
        t.start()
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    done.set()
    for t in readers:
        t.join()
    sampler.join()
    wall = time.perf_counter() - started
    stdout, stderr = "".join(out), "".join(err)
    if proc.returncode != 0:
        raise RuntimeError(f"child {' '.join(args)} failed ({proc.returncode}):\n{stderr[-3000:]}")
    lines = [line for line in stdout.splitlines() if line.strip()]
    result = json.loads(lines[-1])
    return ChildRun(
        result,
        wall,
        peak[1] / 1024 / 1024,
        peak[0] / 1024 / 1024,
        usage.ru_utime + usage.ru_stime,
        (load_before, os.getloadavg()[0]),
    )


# ------------------------------------------------------------------------------------- figures
def median(xs: Sequence[float]) -> float:
    return statistics.median(xs)


def p95(xs: Sequence[float]) -> float:
    s = sorted(xs)
    return s[min(len(s) - 1, round(0.95 * (len(s) - 1)))]


def ratio(a: float | None, b: float | None) -> float | None:
    if a is None or b is None or b == 0:
        return None
    return round(a / b, 3)


def fmt(x, digits: int = 2) -> str:
    if x is None:
        return "—"
    if isinstance(x, float):
        if abs(x) >= 1000:
            return f"{x:,.0f}"
        return f"{x:.{digits}f}"
    if isinstance(x, int):
        return f"{x:,}"
    return str(x)


def table(headers: Sequence[str], rows: Iterable[Sequence]) -> str:
    """A GitHub-flavoured Markdown table (reads fine in a terminal too)."""
    rows = [[fmt(c) for c in r] for r in rows]
    widths = [max(len(h), *(len(r[i]) for r in rows)) if rows else len(h) for i, h in enumerate(headers)]
    line = "| " + " | ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True)) + " |"
    sep = "| " + " | ".join("-" * w for w in widths) + " |"
    body = [
        "| "
        + " | ".join(
            c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(r, widths, strict=True))
        )
        + " |"
        for r in rows
    ]
    return "\n".join([line, sep, *body])


def write_json(path: Path, record: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(record, indent=2, ensure_ascii=False, default=str) + "\n", encoding="utf-8")
