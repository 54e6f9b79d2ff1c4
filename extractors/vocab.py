"""The vocabulary file (data/vocabulary.toml), loaded once, with the look-ups extractors share."""
from __future__ import annotations

import re
import tomllib
from functools import lru_cache
from pathlib import Path

from pipeline.text import fold, fold_aligned, is_upper

DATA = Path(__file__).with_name("data") / "vocabulary.toml"
CONFUSIONS = Path(__file__).with_name("data") / "ocr_confusions.toml"


def squash(text: str) -> str:
    """Folded and without spaces or punctuation: 'K ÉT LUẬN' and 'Kết luận' both give 'ketluan'."""
    return re.sub(r"[\W_]+", "", fold(text))


@lru_cache(maxsize=1)
def vocabulary() -> dict:
    with DATA.open("rb") as handle:
        return tomllib.load(handle)


@lru_cache(maxsize=1)
def ocr_confusions() -> dict:
    """The characters OCR reads in place of others (extractors/data/ocr_confusions.toml)."""
    with CONFUSIONS.open("rb") as handle:
        return tomllib.load(handle)


@lru_cache(maxsize=1)
def type_by_title() -> dict[str, str]:
    """squashed title word -> type name."""
    return {squash(name): name for name in vocabulary()["types"]}


@lru_cache(maxsize=1)
def types_by_code() -> dict[str, list[str]]:
    """upper-case ký hiệu type code -> type names using it."""
    found: dict[str, list[str]] = {}
    for name, codes in vocabulary()["types"].items():
        for code in codes:
            found.setdefault(code.upper(), []).append(name)
    return found


def type_for_code(code: str, system: str | None = None) -> str | None:
    """The type a ký hiệu code stands for, when only one type uses it in that system."""
    if system == "state" and code in vocabulary()["state_codes"]:
        return vocabulary()["state_codes"][code]
    names = types_by_code().get(code.upper(), [])
    return names[0] if len(names) == 1 else None


def headings(kind: str) -> list[str]:
    return vocabulary()["headings"][kind]


@lru_cache(maxsize=1)
def _heading_re() -> re.Pattern:
    """National, Party and union headings and mottos, folded (no diacritics, lower case), so
    that OCR's wrong tone marks ("VIẾT NAM", "ĐÁNG CỘNG SẢN") still match; spaces flexible."""
    spaced = lambda w: r"\s*".join(map(re.escape, fold(w).split()))  # noqa: E731
    names = sorted((spaced(h) for kind in ("party", "state", "union") for h in headings(kind)),
                   key=len, reverse=True)
    mottos = [spaced(m) for m in headings("mottos")]
    return re.compile(f"(?P<heading>{'|'.join(names)})|(?P<motto>{'|'.join(mottos)})")


def find_heading(line: str, after: int = 0) -> tuple[int, int] | None:
    """Span of the first heading (printed in capitals: "Mặt trận Tổ quốc Việt Nam" in a
    sentence is no heading) or motto (any case) in line starting at `after` or later."""
    folded = fold_aligned(line)
    for match in _heading_re().finditer(folded, after):
        if match.lastgroup == "motto" or is_upper(line[match.start():match.end()]):
            return match.span()
    return None


@lru_cache(maxsize=1)
def _squashed_headings() -> dict[str, list[str]]:
    return {kind: [squash(h) for h in headings(kind)] for kind in ("party", "state", "union")}


def heading_system(line: str) -> str | None:
    squashed = squash(line)
    for kind, names in _squashed_headings().items():
        if any(name in squashed for name in names):
            return kind
    return None


@lru_cache(maxsize=1)
def _mottos() -> list[str]:
    return [squash(m) for m in headings("mottos")]


@lru_cache(maxsize=1)
def _marks() -> frozenset[str]:
    return frozenset(squash(mark) for mark in headings("marks"))


def is_mark(line: str) -> bool:
    """An urgency or secrecy mark alone on its line ("HỎA TỐC", "THƯỢNG KHẨN", "MẬT")."""
    return len(line) <= 20 and squash(line) in _marks()


def is_motto(line: str) -> bool:
    if len(line) > 80:
        return False
    squashed = squash(line)
    return any(m in squashed for m in _mottos())


def starts_with_any(line: str, words: list[str]) -> bool:
    upper = line.upper()
    return any(upper == w or upper.startswith(w + " ") for w in words)
