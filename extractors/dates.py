"""Dates as Vietnamese documents write them, and the "địa danh, ngày … tháng … năm …" line.

Forms: `ngày 18 tháng 10 năm 2023`, `ngày 29 tháng 12/2020`, `18/10/2023`, `18-10-2023`,
`18.10.2023`, `ngày 7/2` and `ngày 7 tháng 2` (no year: the caller supplies one), with or
without a weekday before them. Line breaks inside a date are allowed (PDF and web texts wrap).
"""
from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import dataclass

from pipeline.text import VIET_LOWER, VIET_UPPER

_S = r"[ \t\n]*"  # spacing inside a date, line breaks included
_FULL_WORDS = re.compile(rf"ngày{_S}(\d{{1,2}}){_S}tháng{_S}(\d{{1,2}}){_S}"
                         rf"(?:năm{_S}|/{_S})(\d{{4}})", re.I)
_NUMERIC = re.compile(r"(?<![\d/.-])(\d{1,2})[ \t]*([/.-])[ \t]*(\d{1,2})[ \t]*\2[ \t]*"
                      r"(\d{4})(?![\d/])")
_SHORT = re.compile(rf"ngày{_S}(\d{{1,2}}){_S}(?:/{_S}(\d{{1,2}})|tháng{_S}(\d{{1,2}}))"
                    rf"(?![ \t]*(?:/|năm|\d|-\d))", re.I)
_WEEKDAY = rf"(?i:(?:thứ{_S}(?:hai|ba|tư|năm|sáu|bảy|[2-7])|chủ{_S}nhật){_S},?{_S})"


@dataclass(frozen=True)
class DateMatch:
    year: int | None
    month: int
    day: int
    start: int
    end: int

    def iso(self, default_year: int | None = None) -> str | None:
        year = self.year or default_year
        if year is None:
            return None
        try:
            return dt.date(year, self.month, self.day).isoformat()
        except ValueError:
            return None


def _valid(day: int, month: int, year: int | None) -> bool:
    try:
        dt.date(year or 2000, month, day)
    except ValueError:
        return False
    return year is None or 1945 <= year <= 2100


def find_dates(text: str, offset: int = 0, *, short: bool = True) -> list[DateMatch]:
    """Every date in text, in order of position; short forms (no year) only when asked."""
    found: list[DateMatch] = []
    taken: list[tuple[int, int]] = []  # spans already read, sorted; they never overlap

    def add(day, month, year, match):
        s, e = match.span()
        at = bisect.bisect_left(taken, (s, e))
        if (at < len(taken) and taken[at][0] < e) or (at and taken[at - 1][1] > s):
            return
        day, month = int(day), int(month)
        year = int(year) if year else None
        if _valid(day, month, year):
            taken.insert(at, (s, e))
            found.append(DateMatch(year, month, day, offset + s, offset + e))

    for m in _FULL_WORDS.finditer(text):
        add(m.group(1), m.group(2), m.group(3), m)
    for m in _NUMERIC.finditer(text):
        add(m.group(1), m.group(3), m.group(4), m)
    if short:
        for m in _SHORT.finditer(text):
            add(m.group(1), m.group(2) or m.group(3), None, m)
    return sorted(found, key=lambda d: d.start)


# "Quảng Ngãi, ngày 18 tháng 10 năm 2023": the place is the run of capitalised words before the
# comma ("Thừa Thiên Huế", "TP. Hồ Chí Minh", "Phan Rang - Tháp Chàm"). A template waiting for
# its registration leaves the day, or day and month, blank ("ngày      tháng 5 năm 2026").
_PLACE_WORD = rf"(?:[{VIET_UPPER}][{VIET_LOWER}]+(?:-[{VIET_UPPER}][{VIET_LOWER}]+)*|T[Pp]\.|-)"
_BLANK = r"[ \t\n._…]*"
PLACE_DATE_RE = re.compile(
    rf"(?P<place>(?:Thành phố|Thị xã|Thị trấn)?[ \t]*{_PLACE_WORD}(?:[ \t]+{_PLACE_WORD}){{0,5}})"
    rf"[ \t]*,{_S}{_WEEKDAY}?"
    rf"(?P<date>ngày{_BLANK}(?P<day>\d{{1,2}})?{_BLANK}tháng{_BLANK}(?P<month>\d{{1,3}})?{_BLANK}"
    rf"(?:năm|/){_BLANK}(?P<year>\d{{4}})?"
    rf"|ngày{_S}\d{{1,2}}{_S}[/.-]{_S}\d{{1,2}}{_S}[/.-]{_S}\d{{4}}|\d{{1,2}}[/.-]\d{{1,2}}[/.-]\d{{4}}"
    # A date OCR damaged past reading ("ngày 3Ù tháng 4Ä năm 4034"): the place still counts.
    rf"|ngày[ \t]+\S{{1,3}}[ \t]+tháng[ \t]+\S{{1,3}}[ \t]+năm[ \t]+\S{{4,5}})")


@dataclass(frozen=True)
class PlaceDate:
    place: str
    date: str | None  # None when the line leaves it blank or prints an impossible date
    start: int
    end: int
    place_span: tuple[int, int]
    partial: str | None = None  # "2026-05" or "2026": what a partly blank date does give


def _partial(match: re.Match) -> str | None:
    year, month = match.group("year"), match.group("month")
    if not year or not _valid(1, 1, int(year)):
        return None
    return f"{year}-{int(month):02d}" if month and 1 <= int(month) <= 12 else year


_PLACE_START = re.compile(rf"{_PLACE_WORD}(?:[ \t]+{_PLACE_WORD}){{0,3}}")


def place_start(text: str) -> bool:
    """Can text be the first words of a place a narrow column wrapped ("TP." over "Hồ Chí
    Minh, ngày …", "Sơn" over "La, ngày …")?"""
    return bool(_PLACE_START.fullmatch(text.strip()))


_DATE_HINT = re.compile(r"ngày|\d[/.-]\d")


def find_place_date(text: str, offset: int = 0) -> PlaceDate | None:
    if not _DATE_HINT.search(text):  # most lines: no date word, no numeric date
        return None
    for match in PLACE_DATE_RE.finditer(text):
        place = match.group("place").strip(" -")
        if not place or place.upper() in ("NGÀY", "SỐ"):
            continue
        dates = find_dates(match.group("date"), short=False)
        iso = dates[0].iso() if dates else None
        if iso is None and match.group("day") is None and match.group("month") is None \
                and match.group("year") is None and "tháng" not in match.group("date"):
            continue
        # A place never starts with the word "Số" or a ký hiệu fragment left of it.
        place = re.sub(r"^(?:Số:?\s*)", "", place)
        start = offset + match.start("place") + match.group("place").find(place)
        return PlaceDate(place, iso, offset + match.start(), offset + match.end(),
                         (start, start + len(place)), None if iso else _partial(match))
    return None
