"""The document text every reader produces and every extractor reads.

A `Text` is a list of lines, each knowing where it sits in the joined text (so extractors can
report spans), which page it came from and which part of the file it was read from (`zone`:
body, footnote, textbox, page-header, page-footer). Readers normalise here, once: NFC, no
zero-width or no-break spaces, no trailing blanks.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

# Characters that real files carry and that break matching: zero-width marks, soft hyphens,
# BOMs left inside the text, and the many kinds of space.
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
_SPACES = dict.fromkeys(map(ord, "\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007"
                                 "\u2008\u2009\u200a\u202f\u205f\u3000\t\x0b\x0c"), " ")
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")


def _latin_letters(upper: bool) -> str:
    """Every letter Vietnamese writes with, precomposed, in one case: for regex classes."""
    letters = [chr(c) for c in range(0x41, 0x1EFA)
               if chr(c).isalpha() and chr(c).isupper() == upper
               and (unicodedata.normalize("NFD", chr(c))[0].isascii() or chr(c) in "Đđ")]
    return "".join(letters)


VIET_UPPER = _latin_letters(upper=True)
VIET_LOWER = _latin_letters(upper=False)


# Tables that drop the capitals, or the small letters: counting what translate() removes is the
# fastest way to count them, and extractors ask of every line whether it is in capitals.
_NO_UPPER = dict.fromkeys(map(ord, VIET_UPPER), None)
_NO_LOWER = dict.fromkeys(map(ord, VIET_LOWER), None)


def is_upper(text: str) -> bool:
    """Mostly capital letters (a stray lower-case OCR letter allowed)."""
    if len(text) > 400:
        return False
    lower = len(text) - len(text.translate(_NO_LOWER))
    if lower > 0.2 * len(text):
        return False
    upper = len(text) - len(text.translate(_NO_UPPER))
    return upper + lower >= 2 and upper >= 0.85 * (upper + lower)


def normalize_line(line: str) -> str:
    """One physical line as extractors want it: NFC, plain spaces, no control characters."""
    return _cleaned(line).strip()


def _cleaned(line: str) -> str:
    line = unicodedata.normalize("NFC", line).translate(_INVISIBLE).translate(_SPACES)
    return _CONTROL.sub("", line)


# Tone placement: "hoà", "uỷ", "khoá" and "hòa", "ủy", "khóa" are the same words. The canonical
# form puts the mark on the first vowel of oa, oe, uy when no consonant ends the syllable
# ("qu" is a consonant: "quý" stays).
_TONES = "\u0300\u0301\u0303\u0309\u0323"
# The second vowels that can carry the misplaced mark, precomposed: {"à": ("a", "\u0300"), …}.
_TONED_SECOND = {c: (unicodedata.normalize("NFD", c)[0], unicodedata.normalize("NFD", c)[1])
                 for c in map(chr, range(0xC0, 0x1EFA))
                 if len(unicodedata.normalize("NFD", c)) == 2
                 and unicodedata.normalize("NFD", c)[0] in "aAeEyY"
                 and unicodedata.normalize("NFD", c)[1] in _TONES}
_SECOND_VOWEL_TONE = re.compile(
    rf"(?<![qQ])([oOuU])([{''.join(_TONED_SECOND)}])(?![^\W\d_])")


def _move_tone(match: re.Match) -> str:
    base, tone = _TONED_SECOND[match.group(2)]
    return unicodedata.normalize("NFC", match.group(1) + tone) + base


def canonical_tones(text: str) -> str:
    """The same words with one tone placement, for comparing and searching; records keep the
    spelling the document used. Works on precomposed text: one pass, as the archive runs it
    over whole documents."""
    return _SECOND_VOWEL_TONE.sub(_move_tone, unicodedata.normalize("NFC", text))


class _FoldTable(dict):
    """str.translate's table for fold(), each character's entry worked out on first use."""

    def __missing__(self, code: int) -> str:
        decomposed = unicodedata.normalize("NFD", chr(code).lower().replace("đ", "d"))
        folded = self[code] = "".join(c for c in decomposed if not unicodedata.combining(c))
        return folded


_FOLDS = _FoldTable()


class _AlignedFoldTable(dict):
    """fold(), one character for one: a mark standing alone becomes a space, so that offsets in
    the folded text are offsets in the text."""

    def __missing__(self, code: int) -> str:
        folded = self[code] = (_FOLDS[code] or " ")[0]
        return folded


_ALIGNED_FOLDS = _AlignedFoldTable()


def fold(text: str) -> str:
    """Lower case without diacritics, đ as d: what a person typing without accents writes.
    Any Unicode form: a decomposed mark folds to nothing. One table lookup a character, since
    the archive folds whole documents."""
    return text.translate(_FOLDS)


def fold_aligned(text: str) -> str:
    """fold() keeping every character's place: for finding spans by their folded form."""
    return text.translate(_ALIGNED_FOLDS)


def collapse(text: str) -> str:
    """Inner whitespace (line breaks included) collapsed to single spaces."""
    return " ".join(text.split())


@dataclass(frozen=True)
class Line:
    text: str
    start: int  # offset of the first character in Text.content
    page: int | None = None
    zone: str = "body"
    indent: int = 0  # spaces before the text (a bullet a text layer lost leaves one or two)

    @property
    def end(self) -> int:
        return self.start + len(self.text)


@dataclass
class Text:
    """What a reader hands to the extractors."""
    lines: list[Line]
    format: str
    pages: int | None = None
    ocr: bool = False
    ocr_confidence: float | None = None  # tesseract's mean word confidence, 0–100
    warnings: list[str] = field(default_factory=list)
    # Digital signatures the file carries (pipeline/readers/signatures.py), for the record.
    signatures: list[dict] = field(default_factory=list)

    @property
    def content(self) -> str:
        return "\n".join(line.text for line in self.lines)

    @classmethod
    def from_lines(cls, raw: list[tuple[str, int | None, str]], *, format: str,
                   pages: int | None = None) -> "Text":
        """Build from (text, page, zone) triples; each raw text may hold several lines. Lines
        typed in TCVN3 or VNI (whatever format carried them) become Unicode here, each on its
        own, so a legacy header in a Unicode body is converted alone (pipeline/legacy.py)."""
        from pipeline import legacy

        encoding = legacy.detect("\n".join(chunk for chunk, _, _ in raw))
        lines: list[Line] = []
        offset = 0
        for chunk, page, zone in raw:
            for piece in chunk.split("\n"):
                cleaned = _cleaned(legacy.convert(piece, encoding) if encoding else piece)
                text = cleaned.strip()
                lines.append(Line(text, offset, page, zone, len(cleaned) - len(cleaned.lstrip())))
                offset += len(text) + 1
        warnings = [f"Văn bản gõ bằng bảng mã {encoding.upper()}, đã chuyển sang Unicode: "
                    "cần soát lại dấu"] if encoding else []
        return cls(lines=lines, format=format, pages=pages, warnings=warnings)

    def is_blank(self) -> bool:
        return not any(line.text for line in self.lines)
