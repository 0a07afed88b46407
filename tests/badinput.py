"""A generator of malformed corpus input, each kind paired with good records, for the reliability tests.

>>> cases = generate(tmp_path / "corpus")     # doctest: +SKIP

Every :class:`Case` says which files/records must be reported as skipped (exactly once, with a reason) and
which articles must be indexed and findable by a unique word. Kinds that cannot be built here (e.g. an
unreadable file when running as root) carry ``skip_reason`` instead of silently passing.
"""

from __future__ import annotations

import codecs
import gzip
import json
import os
import string
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

BIG_FILE_BYTES = 200 * 1024 * 1024  # sparse: created instantly, never read
HUGE_LINE_CHARS = 2_000_000


@dataclass
class Case:
    kind: str
    good: dict[str, str] = field(default_factory=dict)  # unique word -> id of the article holding it
    bad: list[tuple[str, int | None]] = field(default_factory=list)  # (path, record) reported as skipped
    reason: str = ""  # a word the skip reason must contain (lower case), when it matters
    skip_reason: str = ""  # why this kind could not be built here


def token(n: int) -> str:
    """A unique, alphabetic, unstemmable-looking word: 'zqab', 'zqac', …"""
    letters = string.ascii_lowercase
    return f"zq{letters[n // 26 % 26]}{letters[n % 26]}vox"


class _Maker:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.n = 0
        self.cases: list[Case] = []

    def tok(self) -> str:
        self.n += 1
        return token(self.n)

    def write(self, rel: str, data: bytes | str) -> Path:
        path = self.root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
        return path

    def good_txt(self, case: Case, rel: str, *, encoding: str = "utf-8", newline: str = "\n") -> None:
        word = self.tok()
        text = f"Good article beside {case.kind}\n\nThe word {word} appears in this body.\nSecond line.\n"
        self.write(rel, text.replace("\n", newline).encode(encoding))
        case.good[word] = rel

    def record(self, case: Case, rid: str) -> dict:
        word = self.tok()
        case.good[word] = rid
        return {"id": rid, "headline": f"Record {rid}", "body": f"Body with {word} in it."}

    def add(self, kind: str, build: Callable[[Case], None]) -> None:
        case = Case(kind)
        try:
            build(case)
        except _CannotBuild as exc:
            case = Case(kind, skip_reason=str(exc))
        self.cases.append(case)


class _CannotBuild(Exception):
    pass


def generate(root: Path) -> list[Case]:
    """Write every kind of bad input (with its good partners) under ``root``; return the cases."""
    root.mkdir(parents=True, exist_ok=True)
    m = _Maker(root)
    d = "k"  # every kind gets its own folder k/<kind>/ so names never collide

    def file_kind(kind: str, name: str, data: bytes | str, reason: str = "") -> None:
        """A bad file refused as a whole, beside a good file."""

        def build(case: Case) -> None:
            m.write(f"{d}/{kind}/{name}", data)
            case.bad.append((f"{d}/{kind}/{name}", None))
            case.reason = reason
            m.good_txt(case, f"{d}/{kind}/good.txt")

        m.add(kind, build)

    def ok_kind(kind: str, name: str, make: Callable[[str], bytes], headline: str | None = None) -> None:
        """Awkward but readable input: the file itself must be indexed and findable."""

        def build(case: Case) -> None:
            word = m.tok()
            m.write(f"{d}/{kind}/{name}", make(word))
            rel = f"{d}/{kind}/{name}"
            case.good[word] = rel if not name.endswith((".json", ".jsonl", ".csv", ".gz")) else f"{kind}-1"
            m.good_txt(case, f"{d}/{kind}/good.txt")

        m.add(kind, build)

    def records_kind(
        kind: str, name: str, make: Callable[[Case], bytes | str], bad: list[int | None]
    ) -> None:
        def build(case: Case) -> None:
            m.write(f"{d}/{kind}/{name}", make(case))
            case.bad += [(f"{d}/{kind}/{name}", r) for r in bad]

        m.add(kind, build)

    txt = "Headline about {w}\n\nA body that mentions {w} twice: {w}.\n"
    rec = '{{"id": "{k}-1", "headline": "Headline {w}", "body": "Body text {w}."}}'

    # ---- binary and encodings
    file_kind("binary_png", "image.txt", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40, "binary")
    file_kind("random_bytes_json", "noise.json", bytes((i * 7919) % 256 for i in range(50_000)), "binary")
    file_kind("nul_bytes_early", "nul.txt", b"Headline\x00\x00\x00\n\nBody\x00 text\n", "binary")
    ok_kind(
        "nul_bytes_late", "late-nul.txt", lambda w: txt.format(w=w).encode() + b"x" * 9000 + b"\x00 tail\n"
    )
    ok_kind("invalid_utf8", "latin.txt", lambda w: txt.format(w=w).encode() + b"caf\xe9 \xff\xfe end\n")
    ok_kind(
        "mixed_encodings",
        "mixed.txt",
        lambda w: f"Caf\u00e9 headline {w}\n\n".encode() + b"cp1252 quote \x93here\x94 " + w.encode(),
    )
    ok_kind("cp1252_smart_quotes", "smart.txt", lambda w: txt.format(w=w).encode("cp1252") + b"\x93q\x94\n")
    ok_kind("latin1_undefined_cp1252", "latin1.txt", lambda w: txt.format(w=w).encode() + b"\x81\x8d\n")
    ok_kind("utf8_bom_txt", "bom.txt", lambda w: codecs.BOM_UTF8 + txt.format(w=w).encode())
    ok_kind(
        "utf8_bom_json", "bom.json", lambda w: codecs.BOM_UTF8 + rec.format(k="utf8_bom_json", w=w).encode()
    )
    ok_kind(
        "utf16le_bom_txt", "u16le.txt", lambda w: codecs.BOM_UTF16_LE + txt.format(w=w).encode("utf-16-le")
    )
    ok_kind(
        "utf16be_bom_jsonl",
        "u16be.jsonl",
        lambda w: codecs.BOM_UTF16_BE + rec.format(k="utf16be_bom_jsonl", w=w).encode("utf-16-be"),
    )
    file_kind("utf16_no_bom", "nobom.txt", "Headline\n\nBody text here.\n".encode("utf-16-le"), "binary")
    file_kind(
        "utf16_truncated", "u16trunc.txt", codecs.BOM_UTF16_LE + "Headline\n".encode("utf-16-le") + b"\x41"
    )
    file_kind("control_chars", "ctrl.txt", bytes(range(1, 9)) * 500, "binary")
    ok_kind("some_control_chars", "esc.txt", lambda w: txt.format(w=w).encode() + b"\x1b[31mred\x1b[0m\n")
    ok_kind(
        "lone_surrogate_json",
        "surrogate.json",
        lambda w: rec.format(k="lone_surrogate_json", w=w).replace("Body text", "Body \\ud800 text").encode(),
    )

    # ---- line ends
    ok_kind("crlf_txt", "crlf.txt", lambda w: txt.format(w=w).replace("\n", "\r\n").encode())
    ok_kind("cr_only_txt", "cr.txt", lambda w: txt.format(w=w).replace("\n", "\r").encode())
    ok_kind(
        "crlf_csv_embedded_newline",
        "crlf.csv",
        lambda w: (
            f'id,title,text\r\ncrlf_csv_embedded_newline-1,Headline {w},"Line one {w}.\r\n\r\nLine two."\r\n'.encode()
        ),
    )

    # ---- empty and oversized
    file_kind("zero_bytes", "empty.txt", b"", "empty")
    file_kind("whitespace_only_json", "blank.json", b" \n\t\n ", "empty")
    file_kind("header_block_only_txt", "header.txt", "Date: 2025-01-01\nSource: Wire\n\n", "no text")

    def big_file(case: Case) -> None:
        path = m.root / d / "big_200mb" / "big.jsonl"
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "wb") as fh:
            fh.truncate(BIG_FILE_BYTES)  # sparse: no blocks written
        case.bad.append((f"{d}/big_200mb/big.jsonl", None))
        case.reason = "64 mib"
        m.good_txt(case, f"{d}/big_200mb/good.txt")

    m.add("big_200mb", big_file)

    def huge_line(case: Case) -> None:
        word = m.tok()
        body = ("lorem ipsum dolor " * (HUGE_LINE_CHARS // 18)) + word
        m.write(
            f"{d}/huge_single_line/huge.jsonl", json.dumps({"id": "huge-1", "headline": "Huge", "body": body})
        )
        case.good[word] = "huge-1"
        m.good_txt(case, f"{d}/huge_single_line/good.txt")

    m.add("huge_single_line", huge_line)

    def huge_headline(case: Case) -> None:
        word = m.tok()
        m.write(f"{d}/huge_headline/long.txt", f"{word} " + "very " * 200_000 + "\n\nBody.\n")
        case.good[word] = f"{d}/huge_headline/long.txt"

    m.add("huge_headline_txt", huge_headline)

    # ---- JSON shapes
    file_kind("json_number", "number.json", "42", "int")
    file_kind("json_string", "string.json", '"just a string"', "str")
    file_kind("json_null", "null.json", "null", "nonetype")
    file_kind("json_bool", "bool.json", "true", "bool")
    file_kind("json_truncated", "trunc.json", '[{"headline": "Cut off", "body": "in the mid', "invalid json")
    file_kind("json_empty_list", "emptylist.json", "[]", "empty")
    file_kind("json_deeply_nested", "deep.json", "[" * 200_000 + "]" * 200_000, "nested")

    def json_mixed_list(case: Case) -> None:
        data = [m.record(case, "mixed-1"), 5, "text", None, [1, 2], m.record(case, "mixed-2")]
        m.write(f"{d}/json_mixed_list/list.json", json.dumps(data))
        case.bad += [(f"{d}/json_mixed_list/list.json", r) for r in (2, 3, 4, 5)]

    m.add("json_mixed_list", json_mixed_list)

    def json_odd_types(case: Case) -> None:
        word = m.tok()
        data = {
            "id": "odd-1",
            "headline": 12345,
            "body": ["para one", f"para {word}"],
            "date": [2025],
            "source": {"nested": True},
            "author": None,
        }
        m.write(f"{d}/json_odd_types/odd.json", json.dumps(data))
        case.good[word] = "odd-1"

    m.add("json_odd_field_types", json_odd_types)

    def json_deep_value(case: Case) -> None:
        data = m.record(case, "deepval-1")
        m.write(f"{d}/json_deep_value/ok.json", json.dumps(data))
        deep = '{"headline": "x", "body": "y", "meta": ' + "[" * 100_000 + "]" * 100_000 + "}"
        m.write(f"{d}/json_deep_value/deep.json", deep)
        case.bad.append((f"{d}/json_deep_value/deep.json", None))

    m.add("json_deeply_nested_value", json_deep_value)

    records_kind(
        "json_missing_text",
        "notext.json",
        lambda c: json.dumps([{"date": "2025-01-01", "source": "Wire"}, m.record(c, "notext-2")]),
        [1],
    )

    def missing_headline(case: Case) -> None:
        word = m.tok()
        m.write(
            f"{d}/missing_headline/nohead.json",
            json.dumps({"id": "nohead-1", "body": f"Only a body {word}."}),
        )
        case.good[word] = "nohead-1"

    m.add("missing_headline", missing_headline)

    def bad_dates(case: Case) -> None:
        rows = [
            {**m.record(case, "date-1"), "date": "yesterday-ish"},
            {**m.record(case, "date-2"), "date": "99999-99-99"},
            {**m.record(case, "date-3"), "date": 1e300},
            {**m.record(case, "date-4"), "date": "x" * 5000},
        ]
        m.write(f"{d}/bad_dates/dates.jsonl", "\n".join(json.dumps(r) for r in rows))

    m.add("unparseable_dates", bad_dates)

    def odd_ids(case: Case) -> None:
        rows = [
            m.record(case, "id with\nnewline"),
            m.record(case, "i" * 3000),
            m.record(case, "ünïcødé-id ✓"),
        ]
        # ids are one line: the newline becomes a space
        case.good = {w: aid.replace("\n", " ") for w, aid in case.good.items()}
        m.write(f"{d}/odd_ids/ids.jsonl", "\n".join(json.dumps(r) for r in rows))

    m.add("odd_ids", odd_ids)

    def duplicate_ids(case: Case) -> None:
        # Both records are kept: the first holds the id, the second is kept under its place (a conflict).
        m.write(f"{d}/dup_ids/a.jsonl", json.dumps(m.record(case, "dup-1")))
        word = m.tok()
        m.write(
            f"{d}/dup_ids/b.jsonl",
            json.dumps({"id": "dup-1", "headline": "Second copy", "body": f"Copy with {word}."}),
        )
        case.good[word] = f"{d}/dup_ids/b.jsonl#1"

    m.add("duplicate_ids", duplicate_ids)

    # ---- JSONL
    records_kind(
        "jsonl_broken_middle_line",
        "broken.jsonl",
        lambda c: "\n".join(
            [
                json.dumps(m.record(c, "jb-1")),
                '{"id": "jb-2", "headline": "cut',
                json.dumps(m.record(c, "jb-3")),
            ]
        ),
        [2],
    )
    records_kind(
        "jsonl_non_object_lines",
        "nonobj.jsonl",
        lambda c: "\n".join(
            [json.dumps(m.record(c, "jn-1")), "[1, 2]", "7", '"s"', json.dumps(m.record(c, "jn-5"))]
        ),
        [2, 3, 4],
    )
    records_kind(
        "jsonl_deep_line",
        "deep.jsonl",
        lambda c: "\n".join(
            [json.dumps(m.record(c, "jd-1")), "[" * 100_000 + "]" * 100_000, json.dumps(m.record(c, "jd-3"))]
        ),
        [2],
    )
    records_kind(
        "jsonl_blank_and_crlf_lines",
        "blank.jsonl",
        lambda c: (
            "\r\n\r\n".join([json.dumps(m.record(c, "jl-1")), json.dumps(m.record(c, "jl-3"))]) + "\r\n"
        ),
        [],
    )

    # ---- CSV
    def csv_ragged(case: Case) -> None:
        w1, w2, w3 = m.tok(), m.tok(), m.tok()
        m.write(
            f"{d}/csv_ragged/ragged.csv",
            f"id,title,text,source\nr-1,Head {w1},Body {w1},Wire\nr-2,Short row\n"
            f"r-3,Head {w2},Body {w2},Wire,EXTRA,MORE\nr-4,Head {w3},Body {w3},Wire\n",
        )
        case.good.update({w1: "r-1", w2: "r-3", w3: "r-4"})
        case.bad.append((f"{d}/csv_ragged/ragged.csv", 2))

    m.add("csv_ragged_rows", csv_ragged)

    def csv_newlines(case: Case) -> None:
        w1, w2 = m.tok(), m.tok()
        m.write(
            f"{d}/csv_newlines/nl.csv",
            f'id,title,text\nn-1,"Head\nsplit {w1}","Para one.\n\nPara two {w1}."\nn-2,Head {w2},"x\ny {w2}"\n',
        )
        case.good.update({w1: "n-1", w2: "n-2"})

    m.add("csv_embedded_newlines", csv_newlines)

    def csv_huge_field(case: Case) -> None:
        w1, w2, w3 = m.tok(), m.tok(), m.tok()
        big = "word " * 60_000 + w3  # 300 kB in one field: over the csv module's default field limit
        m.write(
            f"{d}/csv_huge_field/big.csv",
            f'id,title,text\nh-1,Head {w1},Body {w1}\nh-2,Big,"{big}"\nh-3,Head {w2},Body {w2}\n',
        )
        case.good.update({w1: "h-1", w2: "h-3", w3: "h-2"})

    m.add("csv_huge_field", csv_huge_field)

    file_kind("csv_no_text_column", "cols.csv", "id,date,source\n1,2025-01-01,Wire\n", "no text column")
    file_kind("csv_header_only", "header.csv", "id,title,text\n", "no rows")
    file_kind("csv_nul_bytes", "nul.csv", b"id,title,text\n1,a\x00b,c\n", "binary")

    def csv_unterminated(case: Case) -> None:
        w1, w2 = m.tok(), m.tok()
        m.write(
            f"{d}/csv_unterminated/open.csv",
            f'id,title,text\nu-1,Head {w1},Body {w1}\nu-2,Open,"never {w2}\n',
        )
        case.good.update({w1: "u-1", w2: "u-2"})  # the open quote runs to the end of the file

    m.add("csv_unterminated_quote", csv_unterminated)

    # ---- gzip
    def gz_truncated(case: Case) -> None:
        data = gzip.compress(
            (
                "\n".join(
                    json.dumps({"id": f"g-{i}", "headline": "x", "body": "y" * 500}) for i in range(200)
                )
            ).encode()
        )
        m.write(f"{d}/gz_truncated/cut.jsonl.gz", data[: len(data) // 2])
        case.bad.append((f"{d}/gz_truncated/cut.jsonl.gz", None))
        case.reason = "gzip"
        m.good_txt(case, f"{d}/gz_truncated/good.txt")

    m.add("gzip_truncated", gz_truncated)
    file_kind("gzip_not_gzip", "fake.json.gz", b"this is not gzip at all", "gzip")
    file_kind("gzip_empty_content", "empty.txt.gz", gzip.compress(b""), "empty")

    def gz_bomb(case: Case) -> None:
        path = m.root / d / "gzip_bomb" / "bomb.txt.gz"
        path.parent.mkdir(parents=True, exist_ok=True)
        with gzip.open(path, "wb", compresslevel=1) as fh:
            chunk = b"a" * (1024 * 1024)
            for _ in range(65):
                fh.write(chunk)
        case.bad.append((f"{d}/gzip_bomb/bomb.txt.gz", None))
        case.reason = "mib"
        m.good_txt(case, f"{d}/gzip_bomb/good.txt")

    m.add("gzip_bomb", gz_bomb)
    ok_kind(
        "gzip_good_jsonl",
        "ok.jsonl.gz",
        lambda w: gzip.compress(rec.format(k="gzip_good_jsonl", w=w).encode()),
    )

    # ---- file system oddities
    def symlink_loop(case: Case) -> None:
        folder = m.root / d / "symlink_loop"
        folder.mkdir(parents=True)
        os.symlink("loop-b.txt", folder / "loop-a.txt")
        os.symlink("loop-a.txt", folder / "loop-b.txt")
        case.bad += [(f"{d}/symlink_loop/loop-a.txt", None), (f"{d}/symlink_loop/loop-b.txt", None)]
        m.good_txt(case, f"{d}/symlink_loop/good.txt")

    m.add("symlink_loop", symlink_loop)

    def dir_symlink_loop(case: Case) -> None:
        folder = m.root / d / "dir_symlink_loop" / "sub"
        folder.mkdir(parents=True)
        os.symlink("..", folder / "up")  # a folder link back up: must not be followed
        m.good_txt(case, f"{d}/dir_symlink_loop/sub/good.txt")

    m.add("dir_symlink_loop", dir_symlink_loop)

    def dangling(case: Case) -> None:
        folder = m.root / d / "dangling_symlink"
        folder.mkdir(parents=True)
        os.symlink("does-not-exist.txt", folder / "gone.txt")
        case.bad.append((f"{d}/dangling_symlink/gone.txt", None))
        m.good_txt(case, f"{d}/dangling_symlink/good.txt")

    m.add("dangling_symlink", dangling)

    def fifo(case: Case) -> None:
        if not hasattr(os, "mkfifo"):
            raise _CannotBuild("no named pipes on this platform")
        folder = m.root / d / "fifo"
        folder.mkdir(parents=True)
        os.mkfifo(folder / "pipe.txt")  # opening it for reading would block forever
        case.bad.append((f"{d}/fifo/pipe.txt", None))
        case.reason = "not a regular file"
        m.good_txt(case, f"{d}/fifo/good.txt")

    m.add("fifo_named_pipe", fifo)

    def dir_named_like_file(case: Case) -> None:
        m.good_txt(case, f"{d}/dir_as_file/folder.json/good.txt")  # a folder called *.json is walked into

    m.add("directory_named_like_a_file", dir_named_like_file)

    def unreadable(case: Case) -> None:
        if os.geteuid() == 0:
            raise _CannotBuild(
                "running as root: chmod 000 does not stop root (fifo_named_pipe covers 'cannot open')"
            )
        path = m.write(f"{d}/unreadable/secret.txt", "Headline\n\nBody.\n")
        path.chmod(0)
        case.bad.append((f"{d}/unreadable/secret.txt", None))
        case.reason = "permission"
        m.good_txt(case, f"{d}/unreadable/good.txt")

    m.add("unreadable_permissions", unreadable)

    def odd_names(case: Case) -> None:
        for name in (
            "with space.txt",
            "ünï cødé 中文 ✓.txt",
            "new\nline.txt",
            "tab\there.txt",
            "quote'\"s.txt",
            "-leading-dash.txt",
            "#hash%20.txt",
        ):
            word = m.tok()
            rel = f"{d}/odd_names/{name}"
            m.write(rel, txt.format(w=word))
            case.good[word] = rel

    m.add("odd_file_names", odd_names)

    def undecodable_name(case: Case) -> None:
        folder = m.root / d / "undecodable_name"
        folder.mkdir(parents=True)
        word = "unused"
        raw = os.fsencode(folder) + b"/bad-\xff-name.txt"
        try:
            with open(raw, "wb") as fh:
                fh.write(txt.format(w=word).encode())
        except OSError as exc:
            raise _CannotBuild(f"file system refuses non-UTF-8 names ({exc})") from None
        case.bad.append((f"{d}/undecodable_name/bad-\\xff-name.txt", None))  # shown escaped, refused
        case.reason = "utf-8"
        m.good_txt(case, f"{d}/undecodable_name/good.txt")

    m.add("undecodable_file_name", undecodable_name)

    def hidden_and_unsupported(case: Case) -> None:
        m.write(f"{d}/ignored/.hidden.txt", "Hidden\n\nNever indexed.\n")
        m.write(f"{d}/ignored/report.pdf", b"%PDF-1.4 not an article")
        m.good_txt(case, f"{d}/ignored/good.txt")

    m.add("hidden_and_unsupported_files", hidden_and_unsupported)
    return m.cases
