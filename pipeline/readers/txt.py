"""Plain text: UTF-8 with or without BOM, UTF-16 with a BOM or recognisably without one, and
the encodings before Unicode (pipeline/legacy.py)."""
from __future__ import annotations

import codecs
import re
import unicodedata

from pipeline import limits
from pipeline.legacy import decode_legacy_bytes
from pipeline.readers.pdf import CHARACTERS, page_lines
from pipeline.text import Text

# Two cells of a line set apart by a run of spaces or a tab: text printed with its layout
# (pdftotext -layout, copies out of Word tables), where the header and closing columns share
# lines.
# Control characters (but line breaks and tabs), private-use and surrogate code points, and the
# replacement character: what text is not made of.
_NOT_TEXT = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f\ud800-\udfff\ue000-\uf8ff\ufffd]")
_COLUMN_GAP = re.compile(r"\S(?: {3,}|\t+)\S")
_TABLE_ROW = re.compile(r"^\s*\||\s\|\s")


def decode(data: bytes) -> str:
    """Bytes to str, or ValueError saying why not."""
    text = _decode(data)
    sample = text[:4000]
    if sample and len(_NOT_TEXT.findall(sample)) > 0.02 * len(sample):
        raise ValueError("binary data, not text")
    return text


def _decode(data: bytes) -> str:
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8):].decode("utf-8")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16")
    # UTF-16 without a BOM: ASCII letters leave a zero byte in every other position.
    sample = data[:4000]
    if len(sample) >= 4:
        even_zeros = sample[0::2].count(0) / (len(sample) / 2)
        odd_zeros = sample[1::2].count(0) / (len(sample) / 2)
        if odd_zeros > 0.3 and even_zeros < 0.05:
            return data.decode("utf-16-le")
        if even_zeros > 0.3 and odd_zeros < 0.05:
            return data.decode("utf-16-be")
    if b"\x00" in sample:
        raise ValueError("binary data, not text")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        # Not UTF-8: a file saved before Unicode (Windows-1258, or TCVN3/VNI bytes).
        return decode_legacy_bytes(data)


def reading_order(text: str) -> str:
    """Put side-by-side columns one after the other, the way the PDF reader does from word
    positions, here from character columns. Text without such lines is returned as it is."""
    lines = text.split("\n")
    if sum(1 for line in lines if _COLUMN_GAP.search(line)) < 2:
        return text
    # A converter that prints table rows with pipes ("| a | b |", "a |  | b") set the columns
    # apart itself: its runs of spaces are inside cells, not between columns.
    if sum(1 for line in lines if _TABLE_ROW.search(line)) >= 2:
        return text
    # Columns lie within the width of the lines that show them; running text may be longer.
    widths = sorted(len(line.expandtabs(8).rstrip()) for line in lines if _COLUMN_GAP.search(line))
    extent = (0.0, float(widths[(3 * len(widths)) // 4]))
    words = []
    for row, line in enumerate(lines):
        for match in re.finditer(r"\S+", line.expandtabs(8)):
            words.append({"text": match.group(), "x0": match.start(), "x1": match.end(),
                          "top": float(row), "bottom": row + 0.8})
    return "\n".join(page_lines(words, CHARACTERS, extent))


def read_txt(data: bytes) -> Text:
    text = decode(data)
    if len(text) > limits.TEXT_MB.bytes:  # characters never outnumber UTF-8 bytes: refuse
        raise ValueError(limits.TEXT_MB.refuses_bytes(len(text.encode())))  # before copying
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = reading_order(unicodedata.normalize("NFC", text))
    return Text.from_lines([(text, None, "body")], format="txt")
