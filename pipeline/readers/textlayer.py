"""Whether a PDF page's text layer is Vietnamese a person could have typed, and the repair of
known wrong glyph mappings.

Two kinds of broken layers reach offices. Fonts with a wrong ToUnicode map give letters of other
alphabets and stray symbols inside words ('UBND 7ӌ1+ LÀO CAI', '3+,ӂ8 &+8<ӆ1' for 'PHIẾU
CHUYỂN', 'trƣờng' for 'trường'); a scan's invisible OCR layer made without Vietnamese gives
words with no diacritics at all ('vAN PHONG cnixn pnu'). The page itself looks right in both, so
a page whose layer is broken is read again from its picture, unless a substitution from
pipeline/data/glyphs.toml makes it Vietnamese.
"""
from __future__ import annotations

import functools
import re
import tomllib
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from pipeline import legacy

GLYPHS = Path(__file__).resolve().parents[1] / "data" / "glyphs.toml"
# The marks Vietnamese writes with: the five tones, circumflex, breve, horn.
_VIETNAMESE_MARKS = set("\u0300\u0301\u0303\u0309\u0323\u0302\u0306\u031b")
# Symbols that stand inside well-formed words: "V/v", "đ/c", "Lưu:VT", "(2)", "1.2,3", "Sở-Ban".
_INNER = set("/-.,:;()'’–_%&@+\"“”")
# A page judged on fewer words than this is left alone: a signature box, a page number.
MIN_WORDS = 20
# More malformed words than this share (and at least MIN_MALFORMED) make a layer broken; a
# formula or a foreign name stays well below it.
MALFORMED_SHARE = 0.04
MIN_MALFORMED = 3
# Vietnamese prose puts a diacritic on most syllables; a layer with fewer than this share of
# toned words over MIN_WORDS words was written without them (an OCR layer made for English).
TONED_SHARE = 0.08


@functools.cache
def _substitutions() -> dict[int, str]:
    with GLYPHS.open("rb") as handle:
        return str.maketrans(tomllib.load(handle)["substitutions"])


def _vietnamese_letters() -> str:
    """Every letter Vietnamese (or a foreign name in Latin letters) is written with."""
    letters = [chr(c) for c in range(0x41, 0x1EFA) if chr(c).isalpha()]
    return "".join(c for c in letters if c in "đĐ" or (
        unicodedata.normalize("NFD", c)[0].isascii()
        and set(unicodedata.normalize("NFD", c)[1:]) <= _VIETNAMESE_MARKS))


# A letter of another alphabet, or a symbol standing between two letters: one a word is enough.
_MALFORMED = re.compile(
    rf"[^\W\d_{_vietnamese_letters()}]|(?<=[^\W\d_])[^\w\s{re.escape(''.join(_INNER))}](?=[^\W_])")


def malformed(word: str) -> bool:
    """A word with a letter of another alphabet, or a symbol between its letters."""
    return _MALFORMED.search(word) is not None


_LETTER = re.compile(r"[^\W\d_]")
_SUBSTITUTES = re.compile("[" + re.escape("".join(map(chr, _substitutions()))) + "]")


@dataclass
class Verdict:
    """What the check made of a page: `fault` is None for a good layer; `words` are the
    words to read (repaired, when a substitution made the layer good)."""
    words: list[dict]
    fault: str | None = None
    repaired: bool = False


def check(words: list[dict]) -> Verdict:
    """Judge a page's words (dicts with "text") and repair what a known mapping can."""
    texts = [w["text"] for w in words if _LETTER.search(w["text"])]
    table = _substitutions()
    # A substitute from the glyph map is never in Vietnamese: one is enough to repair.
    mapped = _SUBSTITUTES.search(" ".join(texts)) is not None
    if mapped:
        repaired = [{**w, "text": w["text"].translate(table)} for w in words]
        texts = [text.translate(table) for text in texts]
    fault = _fault(texts) if len(texts) >= MIN_WORDS else None
    # Text typed in TCVN3 or VNI is Latin-1 letters in the layer: Text converts it, whole.
    if (fault or mapped) and legacy.detect(" ".join(t["text"] for t in words)):
        return Verdict(words)
    if fault is not None:
        return Verdict(words, fault)
    if mapped:
        return Verdict(repaired, "glyphs", repaired=True)
    return Verdict(words)


def _fault(texts: list[str]) -> str | None:
    bad = sum(map(malformed, texts))
    if bad >= MIN_MALFORMED and bad > MALFORMED_SHARE * len(texts):
        return "glyphs"
    # A word of letters that is not all ASCII carries a diacritic.
    if len(texts) - sum(map(str.isascii, texts)) < TONED_SHARE * len(texts):
        return "no diacritics"
    return None


def warning(page: int, verdict: Verdict) -> str:
    """What a clerk is told about a page whose layer was broken."""
    what = ("phông chữ ánh xạ sai ký tự" if verdict.fault == "glyphs"
            else "lớp chữ không có dấu tiếng Việt")
    if verdict.repaired:
        return f"Trang {page}: lớp chữ của PDF hỏng ({what}), đã sửa theo bảng ký tự đã biết"
    return f"Trang {page}: lớp chữ của PDF hỏng ({what}), đã đọc lại trang bằng OCR"
