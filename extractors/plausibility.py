"""Is a date or a number OCR read the one printed? Checks, and repairs that are certain.

OCR reads a page well on average and still gets the few characters that carry the fields
wrong: a month `62`, a year `2623`, a day `1]`. A date is checked against what a document's
date can be: a real day and month; a year no later than the present and no earlier than the
latest document it cites (a document is issued after what it cites); the weekday, when one is
printed. A date that cannot be (no such day, a year to come, another weekday) is repaired only
with the confusions OCR really makes (extractors/data/ocr_confusions.toml), and only when
exactly one repair passes every check; otherwise it is flagged for the clerk, never guessed. A
real date earlier than a document it cites is kept and flagged: the cited date may be the
misread one. A day or month with marks that no
confusion turns into a digit ("ngày 1} tháng h") is a hand-written one: flagged.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from extractors.dates import find_dates
from extractors.numbers import find_numbers
from extractors.vocab import ocr_confusions
from pipeline.text import collapse

_WEEKDAYS = {"hai": 0, "2": 0, "ba": 1, "3": 1, "tư": 2, "4": 2, "năm": 3, "5": 3, "sáu": 4,
             "6": 4, "bảy": 5, "7": 5}
_PRINTED = re.compile(r"(?:(?P<weekday>thứ\s+(?:hai|ba|tư|năm|sáu|bảy|[2-7])|chủ\s+nhật)\s*,?\s*)?"
                      r"ngày\s*(?P<day>[^\s/]{1,3})\s*(?:/|tháng)\s*(?P<month>[^\s/]{1,3})\s*"
                      r"(?:/|năm)\s*(?P<year>[^\s/.,]{4,5})", re.I)


@dataclass(frozen=True)
class Checked:
    """A date after the checks: its value (None when it cannot be told), what the clerk is
    told about it, and whether the value was repaired."""
    date: str | None
    warning: str | None
    repaired: bool = False


@lru_cache(maxsize=1)
def _as_digit() -> dict[str, str]:
    return ocr_confusions()["as_digit"]


@lru_cache(maxsize=1)
def _digit_for_digit() -> dict[str, list[str]]:
    return ocr_confusions()["digit_for_digit"]


def as_digits(token: str) -> str | None:
    """The digits a token was printed as, through the marks OCR reads for digits ("1]" → "11");
    None when a mark is no digit's (a hand-written day read as letters)."""
    digits = "".join(c if c.isdigit() else _as_digit().get(c, "?") for c in token)
    return None if "?" in digits else digits


def _one_digit_off(digits: str) -> list[str]:
    """Readings one confused digit away: "62" → "02", "82", "52"."""
    return [digits[:i] + other + digits[i + 1:] for i, c in enumerate(digits)
            for other in _digit_for_digit().get(c, [])]


def _date(day: str, month: str, year: str) -> dt.date | None:
    try:
        return dt.date(int(year), int(month), int(day))
    except ValueError:
        return None


def cited_dates(content: str) -> list[dt.date]:
    """The dates of the documents a text cites: a full date just after a ký hiệu
    ("Công văn số 12/UBND-VP ngày 05/3/2024")."""
    found = []
    for number in find_numbers(content):
        after = content[number.end:number.end + 40]
        if not re.match(r"\s*(?:,\s*)?(?:ngày|ban hành ngày)", after):
            continue
        dates = find_dates(after, short=False)
        if dates and (iso := dates[0].iso()):
            found.append(dt.date.fromisoformat(iso))
    return found


def check_date(printed: str, cited: list[dt.date], today: dt.date) -> Checked | None:
    """The date of a place-date line read by OCR, checked and, where certain, repaired; None
    when the line holds no date to check (blank in a template)."""
    match = _PRINTED.search(printed)
    if not match:
        return None
    shown = collapse(match.group(0))
    tokens = [match.group(k) for k in ("day", "month", "year")]
    if any(re.fullmatch(r"[._…]+", t) for t in tokens):
        return None  # left blank for the văn thư
    latest_cited = max((d for d in cited if d <= today), default=None)
    weekday = match.group("weekday")
    weekday = _WEEKDAYS.get(weekday.split()[-1].lower()) if weekday and \
        not weekday.lower().startswith("chủ") else (6 if weekday else None)

    def possible(value: dt.date | None) -> bool:
        """A real day, not yet to come, on the weekday printed beside it."""
        return value is not None and value <= today and (weekday is None
                                                         or value.weekday() == weekday)

    def after_cited(value: dt.date) -> bool:
        return latest_cited is None or value >= latest_cited

    digits = [as_digits(t) for t in tokens]
    if None in digits:
        return Checked(None, f"Ngày ban hành đọc được '{shown}': ngày hoặc tháng viết tay hay "
                             f"không đọc được, cần kiểm tra bằng tay với bản giấy")
    read = _date(*digits)
    if possible(read):
        if not after_cited(read):  # the cited date may be the misread one: said, not repaired
            return Checked(read.isoformat(), f"Ngày ban hành đọc được '{shown}' trước ngày của "
                                             f"văn bản được dẫn ({latest_cited:%d/%m/%Y}); cần "
                                             f"kiểm tra bằng tay với bản giấy")
        if digits == tokens:
            return Checked(read.isoformat(), None)
        candidates = {read}
    else:
        candidates = set()
        for k in range(3):
            for other in _one_digit_off(digits[k]):
                trial = _date(*(other if i == k else d for i, d in enumerate(digits)))
                if possible(trial) and after_cited(trial):
                    candidates.add(trial)
    if len(candidates) == 1:
        value = candidates.pop()
        return Checked(value.isoformat(),
                       f"Ngày ban hành đọc được '{shown}', đã sửa thành "
                       f"{value.day:02d}/{value.month:02d}/{value.year} theo lỗi nhận dạng chữ "
                       f"thường gặp; nên đối chiếu bản giấy", repaired=True)
    why = "nhiều cách đọc đều có thể" if candidates else "không phải ngày có thể có"
    return Checked(None, f"Ngày ban hành đọc được '{shown}': {why}; cần kiểm tra bằng tay với "
                         f"bản giấy")


def number_doubt(raw: str) -> str | None:
    """Why a number read by OCR after "Số" cannot be trusted, or None: its digits hold marks
    no digit is read as ("Á3/KH-DCT": a hand-written or stamped number)."""
    head = re.split(r"[/-]", raw.strip(), maxsplit=1)[0].replace(" ", "")
    if not head or re.fullmatch(r"[._…]*", head) or head.isdigit():
        return None
    if as_digits(head) is None:
        return (f"Số văn bản đọc được 'Số: {collapse(raw)}': chữ số viết tay, đóng dấu hay không "
                f"đọc được, cần kiểm tra bằng tay với bản giấy")
    return None
