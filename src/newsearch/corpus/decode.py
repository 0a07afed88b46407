"""Bytes to text: gzip, BOMs, UTF-8 with a Windows-1252/Latin-1 fallback, binary detection."""

from __future__ import annotations

import codecs
import gzip
import io
import re
import zlib

# Larger inputs are refused rather than read into memory whole; a single article is never this big.
MAX_FILE_BYTES = 64 * 1024 * 1024


class DecodeError(ValueError):
    """The bytes are not text newsearch can read; the message is the reason."""


def gunzip(data: bytes) -> bytes:
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as fh:
            out = fh.read(MAX_FILE_BYTES + 1)
    except (OSError, EOFError, zlib.error) as exc:
        raise DecodeError(f"corrupt or truncated gzip data ({exc})") from None
    if len(out) > MAX_FILE_BYTES:
        raise DecodeError(f"decompressed size over {MAX_FILE_BYTES // (1024 * 1024)} MiB")
    return out


def decode(data: bytes) -> str:
    """Decode article bytes; raise DecodeError for binary data.

    UTF-8 first (with or without BOM), UTF-16 when it has a BOM, then Windows-1252 and finally Latin-1, which
    accepts any byte: a mis-decoded character or two beats losing a whole article.
    """
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return _clean(data.decode("utf-16"))
        except UnicodeDecodeError as exc:
            raise DecodeError(f"invalid UTF-16 ({exc.reason})") from None
    if b"\x00" in data[:8192]:
        raise DecodeError("binary file (contains NUL bytes)")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            text = data.decode("latin-1")
    if _looks_binary(text):
        raise DecodeError("binary file (mostly control characters)")
    return _clean(text)


_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f]")  # control characters other than \t \n \f \r


def _looks_binary(text: str) -> bool:
    sample = text[:4096]
    if not sample:
        return False
    return len(_CONTROL_CHARS.findall(sample)) / len(sample) > 0.1


def _clean(text: str) -> str:
    """Normalise line ends to LF and drop NULs and a leading BOM."""
    if text.startswith("\ufeff"):
        text = text[1:]
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text.replace("\x00", "")
