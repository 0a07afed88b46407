"""CPU time of ``extract()`` per Reuters-21578 story, this tree next to a git ref, side by side.

    python benchmarks/time_extraction.py [--ref main] [--rounds 2] [--every 1] [--collection bbc_news]
                                         [--python VENV/bin/python]

The Reuters counterpart of ``eval_extraction.py``'s bbc_news timing (same timer: a warm pass over every
story, then thread CPU time per story; the trees alternate in child processes, each story's time is the
least disturbed of ``--rounds``). Reads the stories with newsearch's SGML reader from
../shared/data/reuters21578 in place. Prints median and mean per story and the ratios (this / ref).

``--collection bbc_news`` times bbc_news (read as eval_extraction.py reads it) instead. ``--python`` runs
this side with another interpreter and the newsearch installed there instead of this tree's src/: e.g. a
regular (compiled, mypyc) install of this tree against ``--ref HEAD`` as pure Python, both from one commit.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

import reuters  # noqa: E402
from eval_extraction import _TIMER, _snapshot, read_bbc  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ref", default="main", help="git ref timed side by side (default main)")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--every", type=int, default=1, help="time every Nth story (default all)")
    parser.add_argument("--collection", choices=("reuters", "bbc_news"), default="reuters")
    parser.add_argument(
        "--python",
        default="",
        help="time this side with this interpreter's installed newsearch (e.g. a compiled install), not src/",
    )
    args = parser.parse_args()
    if args.collection == "bbc_news":
        files = sorted((ROOT.parent / "shared" / "data" / "bbc_news").glob("*/*.txt"))
        texts = [[a.headline, a.body] for a in map(read_bbc, files)][:: args.every]
    elif reuters.available():
        texts = [[r["headline"], r["body"]] for _, r in reuters.stories()][:: args.every]
    else:
        texts = []
    if not texts:
        print(f"{args.collection}: not found under ../shared/data, skipped")
        return 0
    best: dict[str, list[float]] = {}
    with tempfile.TemporaryDirectory(prefix="ns-timing-") as tmp:
        work = Path(tmp)
        (work / "texts.json").write_text(json.dumps(texts), encoding="utf-8")
        ref = _snapshot(args.ref, work)
        if ref is None:
            print(f"cannot read git ref {args.ref!r}", file=sys.stderr)
            return 2
        this_src, this_python = ROOT / "src", sys.executable
        if args.python:  # the timer puts a folder first on sys.path: an empty one keeps the installed one
            this_src, this_python = work / "installed", args.python
            this_src.mkdir()
        for _ in range(args.rounds):
            for name, src, python in (("this", this_src, this_python), (args.ref, ref, sys.executable)):
                out = work / "times.json"
                cmd = [python, "-c", _TIMER, str(src), str(work / "texts.json"), str(out)]
                subprocess.run(cmd, check=True)
                times = json.loads(out.read_text())
                best[name] = (
                    [min(a, b) for a, b in zip(best[name], times, strict=True)] if name in best else times
                )
    print(f"{args.collection}: this = {args.python or 'src/'}", file=sys.stderr)
    for name, times in best.items():
        print(
            f"{name:>6}: {len(times)} stories, median {statistics.median(times) * 1e6:.1f} µs, "
            f"mean {statistics.mean(times) * 1e6:.1f} µs CPU per story"
        )
    this, base = best["this"], best[args.ref]
    print(
        f"this / {args.ref}: median {statistics.median(this) / statistics.median(base):.3f}, "
        f"mean {statistics.mean(this) / statistics.mean(base):.3f}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
