"""Số và ký hiệu: finding them in text and repairing the damage real texts carry.

Party numbers read `1823-CV/TU` (number, type, issuer); State numbers `73/UBND-TH`,
`12/KH-UBND` or `06/2024/QĐ-UBND`. Every ký hiệu has a slash after the first code, which tells
a number from a date or a count. Repairs are made only where the intended form is certain:
spaces around separators (`Số:1234 /UBND-VX`, `04 -CT/TU`), a missing hyphen between the number
and a Party type code (`124QĐ/TW`), a known issuer code split by a space (`12- KL/T W`).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from extractors.vocab import ocr_confusions, type_for_code, types_by_code, vocabulary
from pipeline.text import VIET_LOWER, VIET_UPPER

_UP = VIET_UPPER
_CODE = rf"[{_UP}][{_UP}{VIET_LOWER}0-9]*"
# number, optional year, then codes joined by - / . with optional spaces around the joiners.
NUMBER_RE = re.compile(
    rf"(?<![\w/.-])(?<!\d:)(?P<num>\d{{1,6}}(?:[a-z](?=/))?)"  # "QCVN 02:2022/BXD" is a standard;
    # a letter may follow the digits of a number ("Nghị quyết số 30c/NQ-CP").
    rf"(?P<body>(?:[ \n]?[-–/] ?(?:\d{{4}} ?/ ?)?|(?=[{_UP}]))"
    # A word in title case after the joiner starts a sentence: "06-HD/TW.Định kỳ …", and so
    # does any word after a dot and a space: "06-HD/TW. Cụ thể …", "NĐ-CP. Khối …".
    # After "-" or "/", a short code typed in title case stays ("104-CTr/Tu").
    rf"{_CODE}(?: ?[-–/.](?!(?<=\.)[{_UP}][{VIET_LOWER}]|[{_UP}][{VIET_LOWER}]{{2}})"
    rf"(?!(?<=\.) )(?: ?{_CODE}|\n[{_UP}]{{2,}}[{VIET_LOWER}]?"
    rf"(?![{VIET_LOWER}]))"
    rf"|(?: (?=[{_UP}]{{1,2}}\b)[{_UP}]{{1,2}}))*)")


@dataclass(frozen=True)
class Number:
    text: str          # normalised form
    raw: str           # as written
    start: int
    end: int
    repaired: bool

    @property
    def system(self) -> str:
        """'party' for 12-KH/TU, 'state' for 12/KH-UBND."""
        return "party" if re.match(r"\d+-", self.text) else "state"

    @property
    def type_code(self) -> str | None:
        if self.system == "party":
            match = re.match(r"\d+-([^/]+)/", self.text)
            return match.group(1) if match else None
        parts = re.sub(r"^\d+/(\d{4}/)?", "", self.text).split("-")
        return parts[0] if len(parts) > 1 else None

    @property
    def doc_type(self) -> str | None:
        """The type its code names; a State number whose first code names no type but its
        issuer ("3479/VPCP-NN", "1889/UBND-NN") is a công văn's (Nghị định 30/2020, Phụ lục
        III)."""
        code = self.type_code
        named = type_for_code(code, self.system) if code else None
        if named is None and self.system == "state" and code and not types_by_code().get(
                code.upper()):
            return "Công văn"
        return named


def _known_codes() -> set[str]:
    return set(vocabulary()["codes"]["issuers"])


@lru_cache(maxsize=1)
def _confused_with() -> dict[str, set[str]]:
    """Characters OCR takes for one another in upper-case codes (both ways), from the data of
    confusions OCR really makes (extractors/data/ocr_confusions.toml)."""
    confused: dict[str, set[str]] = {}
    for a, b in ocr_confusions()["code_pairs"]["pairs"]:
        confused.setdefault(a, set()).add(b)
        confused.setdefault(b, set()).add(a)
    return confused


@lru_cache(maxsize=1)
def _all_codes() -> frozenset[str]:
    """Every type and issuer code the vocabulary knows."""
    known = vocabulary()
    return frozenset([*_known_codes(), *known["state_codes"],
                      *(code for codes in known["types"].values() for code in codes)])


def repair_code(code: str) -> str:
    """A code as it was meant, when it is unknown and one OCR confusion (a swapped or a stray
    character) from exactly one known code; otherwise as it is."""
    known = _all_codes()
    if code.upper() in known or len(code) < 2:  # "QĐi" is how some write QĐI
        return code
    swapped = {code[:i] + other + code[i + 1:]
               for i, char in enumerate(code) for other in _confused_with().get(char, ())}
    # Only a character no code is made of goes as stray: dropping a letter would turn a code
    # the vocabulary lacks (SYT, Sở Y tế) into one it has (SY, Sao y).
    # So does a Đ or Ư read twice ("ĐĐU"); not a doubled Latin letter, which codes have (CCT).
    stray = {code[:i] + code[i + 1:] for i, char in enumerate(code)
             if not re.match(r"[A-Z0-9ĐƯ]", char) or (i and char in "ĐƯ" and code[i - 1] == char)
             } if len(code) >= 3 else set()
    for variants in (swapped, stray):  # a misread character is likelier than an extra one
        matches = variants & known
        if matches:
            return matches.pop() if len(matches) == 1 else code
    return code


def normalise(raw: str) -> tuple[str, bool] | None:
    """The repaired form of a raw match, and whether anything was repaired; None if not a number."""
    text = re.sub(r"\s*\n\s*", "", raw).replace("–", "-").strip(" ")
    # Fragments after a space are kept only when they rebuild a known code: "T W" -> "TW".
    pieces = text.split(" ")
    kept = pieces[0]
    for piece in pieces[1:]:
        if kept[-1] in "-/." or piece[:1] in "-/.":
            kept += piece
        elif re.fullmatch(rf"[{_UP}]{{1,2}}", piece):
            head = re.split(r"[-/.]", kept)[-1]
            if head + piece in _known_codes():
                kept += piece
            else:
                break
        else:
            break
    text = kept.rstrip("-/.")
    if "/" not in text:
        return None
    text = re.sub(r"^(\d+)(?=[^\d\s/-])(?![a-z]/)", r"\1-", text)  # 124QĐ/TW -> 124-QĐ/TW
    text = re.sub(r"(?<=[-/.])[^\W_]+", lambda m: repair_code(m.group(0)), text)
    if not re.search(r"[^\W\d_]", text.split("/", 1)[1] if "/" in text else ""):
        return None
    return text, text != raw


def find_numbers(text: str, offset: int = 0) -> list[Number]:
    """Every ký hiệu in text, in order, with spans shifted by offset."""
    found = []
    for match in NUMBER_RE.finditer(text):
        result = normalise(match.group(0))
        if result is None:
            continue
        value, repaired = result
        raw = match.group(0)
        # The match may be longer than what normalise kept (a dropped trailing fragment).
        kept_len = len(raw)
        if not repaired and value != raw:
            kept_len = len(value)
        found.append(Number(value, raw, offset + match.start(), offset + match.start() + kept_len,
                            repaired))
    return found


# After a "Số" label the number may be spaced as typists and OCR space it: "7    /QĐ-BQLCKCN",
# "226 CV/TWĐTNVP", "8 5 2 0/BCT-KHCN"; or left blank in a template: "      /TTr-SCT".
_LABELLED_CODE = (rf"(?:\d{{4}}[ \t]*/[ \t]*)?{_CODE}(?:[ \t]*[-–/.][ \t]*(?:\d{{4}}[ \t]*/[ \t]*)?"
                  rf"{_CODE}|[ ][{_UP}]{{1,2}}(?![\w/]))*")
_LABELLED = re.compile(
    rf"^[ \t]*(?P<num>\d(?:[ \t]?\d){{0,5}})[ \t]*(?P<code>(?:[-–/][ \t]*)?{_LABELLED_CODE})")
_BLANK = re.compile(rf"^[ \t._…]*[-–/][ \t]*{_LABELLED_CODE}")


def labelled_number(text: str, offset: int = 0) -> tuple[Number | None, int] | None:
    """The number that follows a "Số" label, and how far it runs: (None, length) when the
    template leaves it blank for the văn thư to fill; None when no number is there."""
    blank = _BLANK.match(text)
    if blank and "/" in blank.group(0):
        return None, blank.end()
    match = _LABELLED.match(text)
    if not match or "/" not in match.group("code"):
        return None
    raw = match.group(0).strip()
    result = normalise(re.sub(r"\s+", "", match.group("num")) + match.group("code"))
    if result is None:
        return None
    value, _ = result
    return Number(value, raw, offset + match.start("num"), offset + match.end(),
                  value != raw), match.end()


def same_number(a: str, b: str) -> bool:
    """Equal up to case and separators' spacing: how two mentions of one document compare."""
    key = lambda s: re.sub(r"\s+", "", s).replace("–", "-").casefold()  # noqa: E731
    return key(a) == key(b)
