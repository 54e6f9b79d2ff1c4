"""Unicode text written the old ways, to test the readers on documents typed before Unicode."""
from __future__ import annotations

import unicodedata

from pipeline.legacy import TCVN3, VNI

_TO_TCVN3 = {letter: code for code, letter in TCVN3.items()}
_TO_VNI = {letter: code for code, letter in VNI.items()}
_TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"


def to_tcvn3(text: str) -> str:
    """TCVN3 as a .VnTime typist wrote it: a capital with a tone mark has no code, so it takes
    the small letter's code (what the .VnTimeH capitals font draws as a capital)."""
    return "".join(_TO_TCVN3.get(c) or _TO_TCVN3.get(c.lower(), c) for c in text)


def to_vni(text: str) -> str:
    return "".join(_TO_VNI.get(c, c) for c in text)


def to_windows_1258(text: str) -> bytes:
    """Windows-1258 has the hatted and horned letters but writes tone marks as combining
    characters after them."""
    out = []
    for char in text:
        parts = unicodedata.normalize("NFD", char)
        tones = "".join(c for c in parts if c in _TONE_MARKS)
        base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in _TONE_MARKS))
        out.append(base + tones)
    return "".join(out).encode("cp1258")
