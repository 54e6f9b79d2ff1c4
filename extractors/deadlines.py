"""Deadlines: the dates by which someone must act, each with the phrase that sets it.

A date is a deadline only when a deadline word introduces it ("trước ngày", "chậm nhất",
"xong trước", "trong tháng …", "trong quý …", "trong N ngày kể từ …", "hằng tháng"); the dates
of meetings and events, effective dates, terms and periods, posting dates and the dates of
cited documents are not introduced that way, and a few explicit exclusions catch the rest.

Forms and what they resolve to:
- a date: `trước ngày 31/10/2023`, `chậm nhất ngày 05-12-2022`, `trước 30/6` (year of the
  document, or the next one when that would fall before it);
- a period's last day: `trong tháng 12/2023`, `trong quý II năm 2024`, `6 tháng đầu năm`,
  `trong năm 2024` after a deadline verb;
- relative: `trong 15 ngày kể từ ngày ký` (from the document's date), kind "relative";
- recurring: `trước ngày 15 hằng tháng`, `định kỳ 6 tháng`, `hằng quý`: the rule is kept and
  the next date after the document's date given, kind "recurring";
- event-relative: `trước khi tổ chức kiểm điểm năm 2023`: no date, the phrase kept.
"""
from __future__ import annotations

import bisect
import calendar
import datetime as dt
import re
from dataclasses import dataclass

from extractors.dates import DateMatch, find_dates
from extractors.zones import strip_marks

_S = r"[ \t\n]+"
_ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4, "1": 1, "2": 2, "3": 3, "4": 4}


@dataclass
class Deadline:
    date: str | None          # ISO date, or None for an event-relative deadline
    text: str                 # the phrase, as the document writes it
    span: tuple[int, int]     # of the phrase in the document text
    kind: str = "date"        # date | period | relative | recurring | event
    rule: str | None = None   # for recurring deadlines: "monthly:15", "every:6 months", …

    def to_dict(self) -> dict:
        found = {"date": self.date, "text": self.text}
        if self.kind != "date":
            found["kind"] = self.kind
        if self.rule:
            found["rule"] = self.rule
        return found


def _last_day(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _after(base: dt.date | None, candidate: dt.date) -> dt.date:
    """A year-less date moves to the next year when it would fall before the document."""
    if base is not None and candidate < base:
        try:
            return candidate.replace(year=candidate.year + 1)
        except ValueError:  # 29 February
            return candidate + dt.timedelta(days=365)
    return candidate


# The words that make the date after them a deadline.
_BEFORE = rf"(?:trước|chậm{_S}nhất(?:{_S}là)?(?:{_S}vào)?|hạn{_S}chót(?:{_S}là)?|hạn{_S}cuối|" \
          rf"không{_S}quá|muộn{_S}nhất(?:{_S}là)?)"
# "… Hội đồng nhân dânchậm nhất là ngày …": a page that lost the space still sets the date.
_DATE_AFTER = re.compile(rf"(?:\b{_BEFORE}|(?<=\w)chậm{_S}nhất(?:{_S}là)?){_S}[*_]*"
                         rf"(?=(?:ngày{_S})?\d)", re.I)
_MONTH = re.compile(rf"\b(?:trong|hoàn{_S}thành{_S}trong|trước|chậm{_S}nhất{_S}trong|"
                    rf"xong{_S}trong|cuối){_S}tháng{_S}(\d{{1,2}})(?:{_S}năm{_S}|[ ]?/[ ]?)"
                    rf"(\d{{4}})", re.I)
_QUARTER = re.compile(rf"\b(?:trong|trước|hoàn{_S}thành{_S}trong|cuối){_S}quý{_S}"
                      rf"(IV|III|II|I|[1-4])\b(?:(?:{_S}(?:năm{_S})?|[ ]?/[ ]?)(\d{{4}}))?", re.I)
_HALF = re.compile(rf"\b(?:trong|trước|hoàn{_S}thành{_S}trong|xong{_S}trong){_S}"
                   rf"(?:06|6|sáu){_S}tháng{_S}(đầu|cuối){_S}năm(?:{_S}(\d{{4}}))?", re.I)
_YEAR = re.compile(rf"\b(?:hoàn{_S}thành|xong)(?:{_S}\S+){{0,6}}?{_S}(?:trong|trước){_S}năm"
                   rf"{_S}(\d{{4}})|\bđến(?:{_S}hết)?{_S}năm{_S}(\d{{4}}),?{_S}(?:phải{_S})?"
                   rf"hoàn{_S}thành", re.I)
_RELATIVE = re.compile(rf"\b(?:trong|trong{_S}vòng|trong{_S}thời{_S}hạn|chậm{_S}nhất|"
                       rf"không{_S}quá){_S}(\d{{1,3}}|\w+){_S}ngày(?:{_S}làm{_S}việc)?(?:,)?{_S}(?:kể{_S})?từ{_S}(?:ngày|khi)"
                       rf"{_S}([^.;\n,]{{0,60}})", re.I)
_MONTHLY = re.compile(rf"\b(?:(?:trước|chậm{_S}nhất|vào){_S})?ngày{_S}(\d{{1,2}}){_S}"
                      rf"(?:hằng|hàng|mỗi){_S}tháng", re.I)
# Recurring reports: "định kỳ 6 tháng", "báo cáo hằng quý". A bare "hằng năm" qualifies far
# more than deadlines ("đánh giá chất lượng hằng năm"), so a reporting verb must come first.
_PERIODIC = re.compile(rf"\b(?:định{_S}kỳ{_S}(?:(\d{{1,2}}|sáu|ba){_S}tháng|(hằng|hàng){_S}"
                       rf"(tháng|quý|năm))|(?:báo{_S}cáo|gửi|tổng{_S}hợp)(?:{_S}\S+){{0,3}}?{_S}"
                       rf"(hằng|hàng){_S}(quý|năm)|(?:sáu|6){_S}tháng{_S}một{_S}lần)", re.I)
_EVENT = re.compile(rf"\btrước{_S}khi{_S}([^.;\n]{{3,120}})", re.I)
_NUMBER_WORDS = {"một": 1, "hai": 2, "ba": 3, "năm": 5, "bảy": 7, "mười": 10}
# What a deadline never is: a cited document's date, an effective date, a meeting.
_NOT_DEADLINE = re.compile(r"(?:có\s+hiệu\s+lực|hiệu\s+lực\s+thi\s+hành|ban\s+hành\s+ngày)\s*"
                           r"(?:kể\s+)?(?:từ\s+)?$", re.I)
_NOT_DEADLINE_REACH = 80  # characters: the longest of those phrases, with room for spacing
# An action someone must take: event-relative phrases ("trước khi …") count only after one.
_ACTION = re.compile(r"\b(hoàn thành|xong|báo cáo|gửi|nộp|thực hiện|tổ chức|triển khai|"
                     r"quán triệt|rà soát|kiểm tra|xây dựng|tham mưu|đăng ký|cập nhật|trình|"
                     r"ban hành|phê duyệt|tổng kết|sơ kết|đánh giá|hoàn thiện|lập|chuẩn bị|"
                     r"phát động|kiện toàn|xử lý|giải quyết|khắc phục|bố trí|sắp xếp|trả lời|"
                     r"cung cấp|góp ý|tổng hợp|đề xuất|công bố|tập huấn|khảo sát|giám sát|"
                     r"tuyên truyền|hướng dẫn|ký|phân bổ|bàn giao|đưa vào|khởi công|thi công|"
                     r"nghiệm thu|quyết toán|giải ngân|sửa đổi|bổ sung|chấm dứt|di dời)\b", re.I)


_CLAUSE_REACH = 1000  # characters: longer than any clause that sets a deadline


def _clause(text: str, start: int, end: int) -> tuple[int, int]:
    """The clause around [start, end): back to the previous ';', sentence end or line."""
    # Looked for within a window: a long text without one of these marks would otherwise be
    # searched back to its start for every deadline.
    floor = max(0, start - _CLAUSE_REACH)
    left = max(max(text.rfind(c, floor, start) for c in (";", "\n", ". ", ": ")) + 1, floor)
    while left < start and text[left] in " .:":
        left += 1
    return left, end


def find_deadlines(text: str, doc_date: str | None, offset: int = 0) -> list[Deadline]:
    """Every deadline in text (the body of a document), in order of position."""
    base = dt.date.fromisoformat(doc_date) if doc_date else None
    found: list[Deadline] = []
    taken: list[tuple[int, int]] = []  # spans already a deadline's, in order, none overlapping

    def add(date: dt.date | None, start: int, end: int, kind: str, rule: str | None = None):
        at = bisect.bisect_right(taken, (start, len(text) + 1))
        if (at and start < taken[at - 1][1]) or (at < len(taken) and taken[at][0] < end):
            return  # overlaps a phrase already read as a deadline
        taken.insert(at, (start, end))
        left, right = _clause(text, start, end)
        phrase = strip_marks(" ".join(text[left:right].split()))
        found.append(Deadline(date.isoformat() if date else None, phrase,
                              (offset + left, offset + right), kind, rule))

    for match in _MONTHLY.finditer(text):  # before plain dates: "trước ngày 15 hằng tháng"
        day = int(match.group(1))
        if base and 1 <= day <= 31:
            month_start = base.replace(day=1)
            candidate = month_start.replace(day=min(day, calendar.monthrange(
                base.year, base.month)[1]))
            if candidate <= base:
                nxt = _last_day(base.year, base.month) + dt.timedelta(days=1)
                candidate = nxt.replace(day=min(day, calendar.monthrange(nxt.year,
                                                                          nxt.month)[1]))
            add(candidate, match.start(), match.end(), "recurring", f"monthly:{day}")
    for match in _DATE_AFTER.finditer(text):
        dates = find_dates(text[match.end():match.end() + 40], short=True)
        if not dates or dates[0].start > 6:  # right after the word, "ngày" aside
            dates = _day_month(text, match.end())
            if not dates:
                continue
        first = dates[0]
        date_end = match.end() + first.end
        try:
            when = dt.date(first.year or (base.year if base else 0), first.month, first.day)
        except ValueError:
            continue
        if first.year is None:
            if base is None:
                continue
            when = _after(base, when)
        add(when, match.start(), date_end, "date")
    for match in _MONTH.finditer(text):
        month, year = int(match.group(1)), int(match.group(2))
        if 1 <= month <= 12 and _acted(text, match):
            add(_last_day(year, month), match.start(), match.end(), "period")
    for match in _QUARTER.finditer(text):
        quarter = _ROMAN[match.group(1).upper()]
        year = int(match.group(2)) if match.group(2) else (base.year if base else None)
        if year and _acted(text, match):
            add(_last_day(year, 3 * quarter), match.start(), match.end(), "period")
    for match in _HALF.finditer(text):
        year = int(match.group(2)) if match.group(2) else (base.year if base else None)
        if year and _acted(text, match):
            month = 6 if match.group(1).lower() == "đầu" else 12
            add(_last_day(year, month), match.start(), match.end(), "period")
    for match in _YEAR.finditer(text):
        add(dt.date(int(match.group(1) or match.group(2)), 12, 31), match.start(), match.end(),
            "period")
    for match in _RELATIVE.finditer(text):
        count = match.group(1)
        days = int(count) if count.isdigit() else _NUMBER_WORDS.get(count.lower())
        if days and base:
            add(base + dt.timedelta(days=days), match.start(), match.end(), "relative")
    for match in _PERIODIC.finditer(text):
        if base is None:
            continue
        months = _period_months(match)
        if months:
            add(_next_period_end(base, months), match.start(), match.end(), "recurring",
                f"every:{months} months")
    for match in _EVENT.finditer(text):
        left, _ = _clause(text, match.start(), match.end())
        if _ACTION.search(text[left:match.start()]):
            add(None, match.start(), match.end(), "event")
    # Only the words just before a date can make it an effective date; looking further back
    # would make long texts quadratic.
    found = [d for d in found if not _NOT_DEADLINE.search(
        text[max(0, d.span[0] - offset - _NOT_DEADLINE_REACH):d.span[0] - offset])]
    return sorted(found, key=lambda d: d.span)  # each occurrence: tasks take theirs by span


def _acted(text: str, match: re.Match) -> bool:
    """A bare period ("trong tháng 5/2019", "cuối quý II") is a deadline only after an action
    in its clause: "nắng nóng tiếp tục kéo dài trong tháng 5 năm 2019" sets none. "Hoàn thành
    trong", "trước", "xong trong" are actions themselves."""
    if not re.match(rf"(?:trong|cuối){_S}", match.group(0), re.I):
        return True
    left, _ = _clause(text, match.start(), match.end())
    return bool(_ACTION.search(text[left:match.start()]))


def _day_month(text: str, pos: int):
    """'trước 30/6': a day and month without 'ngày' and without a year."""
    match = re.match(r"(\d{1,2})\s*/\s*(\d{1,2})(?![\d/])", text[pos:pos + 8])
    if not match:
        return []
    return [DateMatch(None, int(match.group(2)), int(match.group(1)), 0, match.end())]


def _period_months(match: re.Match) -> int | None:
    words = {"sáu": 6, "ba": 3}
    if match.group(1):
        value = match.group(1).lower()
        return int(value) if value.isdigit() else words.get(value)
    unit = (match.group(3) or match.group(5) or "").lower()
    if unit:
        return {"tháng": 1, "quý": 3, "năm": 12}[unit]
    return 6  # "6 tháng một lần"


def _next_period_end(base: dt.date, months: int) -> dt.date:
    """The first end of a calendar period of that many months after the document's date."""
    month = ((base.month - 1) // months + 1) * months
    year = base.year
    if month > 12:
        month, year = month - 12, year + 1
    end = _last_day(year, month)
    return end if end >= base else _next_period_end(end + dt.timedelta(days=1), months)


# A task table's time cell says when by itself, without a deadline word: "Quý II/2025",
# "Tháng 6/2025", "Trước 30/6", "Năm 2025", "29/6/2026 - 09/7/2026" (the end of the range).
_CELL_QUARTER = re.compile(r"\bquý\s+(IV|III|II|I|[1-4])\b(?:\s*(?:/|năm)\s*(\d{4}))?", re.I)
_CELL_MONTH = re.compile(r"\btháng\s+(\d{1,2})\s*(?:/|năm)\s*(\d{4})", re.I)
_CELL_HALF = re.compile(r"\b(?:06|6|sáu)\s+tháng\s+(đầu|cuối)\s+năm(?:\s+(\d{4}))?", re.I)
_CELL_YEAR = re.compile(r"\bnăm\s+(?:\d{4}\s*[-–]\s*)?(\d{4})\b", re.I)
_CELL_MONTH_YEAR = re.compile(r"(?<![\d/])(\d{1,2})\s*/\s*(\d{4})\b")
# Cells that give a recurrence, not a date: the task has no deadline but a rhythm.
_CELL_RECURRING = re.compile(r"\b(thường\s+xuyên|liên\s+tục|hằng\s+(?:năm|quý|tháng|tuần|ngày)|"
                             r"hàng\s+(?:năm|quý|tháng|tuần|ngày)|định\s+kỳ[^,;.]*)", re.I)


def cell_deadline(cell: str, doc_date: str | None, start: int) -> Deadline | None:
    """The deadline a task table's time cell gives, its span starting at start; a recurrence
    ("Thường xuyên", "Hằng năm") is a deadline without a date, its rule the words."""
    text = " ".join(cell.split())
    if not text:
        return None
    base = dt.date.fromisoformat(doc_date) if doc_date else None
    span = (start, start + len(cell))
    dates = find_dates(text, short=True)
    if dates:
        last = dates[-1]  # a range ends on its last date
        year = last.year or (base.year if base else None)
        if year is None:
            return None
        try:
            when = dt.date(year, last.month, last.day)
        except ValueError:
            return None
        return Deadline((_after(base, when) if last.year is None else when).isoformat(), text,
                        span, "date")
    day_month = re.search(r"(?<![\d/])(\d{1,2})\s*/\s*(\d{1,2})(?![\d/])", text)
    if day_month and base and not _CELL_MONTH_YEAR.search(text):
        try:
            when = dt.date(base.year, int(day_month.group(2)), int(day_month.group(1)))
        except ValueError:
            when = None
        if when:
            return Deadline(_after(base, when).isoformat(), text, span, "date")
    ends = []
    for match in _CELL_QUARTER.finditer(text):
        year = int(match.group(2)) if match.group(2) else (base.year if base else None)
        if year:
            ends.append(_last_day(year, 3 * _ROMAN[match.group(1).upper()]))
    for match in _CELL_HALF.finditer(text):
        year = int(match.group(2)) if match.group(2) else (base.year if base else None)
        if year:
            ends.append(_last_day(year, 6 if match.group(1).lower() == "đầu" else 12))
    for match in list(_CELL_MONTH.finditer(text)) + list(_CELL_MONTH_YEAR.finditer(text)):
        month, year = int(match.group(1)), int(match.group(2))
        if 1 <= month <= 12:
            ends.append(_last_day(year, month))
    if not ends:
        ends = [dt.date(int(m.group(1)), 12, 31) for m in _CELL_YEAR.finditer(text)]
    if ends:
        return Deadline(max(ends).isoformat(), text, span, "period")
    recurring = _CELL_RECURRING.search(text)
    if recurring:
        return Deadline(None, text, span, "recurring", " ".join(recurring.group(1).split()))


def next_date(rule: str, on_or_after: dt.date) -> dt.date | None:
    """The first date a recurring deadline's rule ("monthly:15", "every:6 months") falls on, on
    or after a day; None for a rule this module does not write."""
    kind, _, value = (rule or "").partition(":")
    if kind == "monthly" and value.isdigit():
        day = int(value)
        month_start = on_or_after.replace(day=1)
        for _ in range(2):
            candidate = month_start.replace(day=min(day, calendar.monthrange(
                month_start.year, month_start.month)[1]))
            if candidate >= on_or_after:
                return candidate
            month_start = _last_day(month_start.year, month_start.month) + dt.timedelta(days=1)
    if kind == "every" and value.split()[:1] and value.split()[0].isdigit():
        return _next_period_end(on_or_after, int(value.split()[0]))
    return None
