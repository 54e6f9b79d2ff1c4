"""Diacritics OCR gets wrong on the fixed words of a document.

Type titles, the national and Party headings, the motto, "Kính gửi" and "Nơi nhận" are known
phrases. A line of OCRed text that is one of them with other diacritics (tesseract's "KÉT LUẬN"
for "KẾT LUẬN") is given the phrase's own, and the repair is listed in the warnings. Only whole
phrases are repaired (a line, or what stands before its colon): running text is left as read.
"""
from __future__ import annotations

from dataclasses import replace
from functools import lru_cache

from extractors.vocab import headings, vocabulary
from pipeline.text import Text, canonical_tones, fold


@lru_cache(maxsize=1)
def _phrases() -> dict[str, list[str]]:
    """folded phrase -> its accepted spellings (the first is used for repairs)."""
    known = [*(name.upper() for name in vocabulary()["types"]), "QUYẾT ĐỊNH",
             *(h for kind in ("party", "state", "union") for h in headings(kind)),
             *headings("mottos"), "Kính gửi", "Nơi nhận"]
    phrases: dict[str, list[str]] = {}
    for phrase in known:
        phrases.setdefault(fold(phrase), []).append(phrase)
    return phrases


def _repaired(piece: str) -> str | None:
    """The known phrase `piece` was meant to be, if it is one misspelt; else None."""
    spellings = _phrases().get(fold(piece))
    if not spellings or any(canonical_tones(piece).casefold() == canonical_tones(s).casefold()
                            for s in spellings):
        return None
    meant = spellings[0]
    meant = meant.upper() if piece.isupper() else meant
    # Same letters, other marks: the length is kept, so every offset stays true.
    return meant if len(meant) == len(piece) else None


def repair_fixed_phrases(text: Text) -> tuple[Text, list[str]]:
    """The text with misread fixed phrases corrected, and a warning for each."""
    lines, warnings = [], []
    for line in text.lines:
        head = line.text.partition(":")[0].strip()
        meant = _repaired(head) if head else None
        if meant:
            start = line.text.index(head)
            fixed = line.text[:start] + meant + line.text[start + len(meant):]
            warnings.append(f"Sửa lỗi nhận dạng chữ: \"{head}\" → \"{meant}\"")
            line = replace(line, text=fixed)
        lines.append(line)
    return replace(text, lines=lines), warnings
