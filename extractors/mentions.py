"""How prose names a document: "Ngày 03/11/2022, Ban Thường vụ Tỉnh ủy đã ban hành Kế hoạch số
72-KH/TU về …", "Quy định số 124-QĐ/TW ngày 04/10/2023 của Bộ Chính trị về …".

One parser for both uses: the references a document cites, and the directive a news article
reports on (or a reposted document's own number in its editor's lead).
"""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache

from extractors.dates import DateMatch, find_dates
from extractors.numbers import Number, find_numbers, labelled_number
from extractors.vocab import vocabulary
from pipeline.text import VIET_LOWER, VIET_UPPER, collapse

# Words that end an issuer's name in "… của <issuer> về …": verbs and linking words, lower case.
_ISSUER_STOP = re.compile(
    r"\s(?:về|thực hiện|thi hành|quy định|hướng dẫn|sửa đổi|ban hành|đã|để|tại|gửi|yêu cầu|"
    r"đề nghị|trong|theo|nhằm|phê duyệt|triển khai|gắn|và các|đến|cho|với|khóa [IVXL]+ về|"
    r"v/v|V/v|V/V|là|nêu)(?=[\s,.;:]|$)|[,;:(“”\"'.]|\s-\s(?=[a-zđ])")


@lru_cache(maxsize=1)
def _type_before_re() -> re.Pattern:
    """A type name (and "số") right before a number: "Quy định số ", "Nghị quyết "."""
    names = sorted(vocabulary()["types"], key=len, reverse=True)
    alternation = "|".join(r"\s+".join(map(re.escape, n.split())) for n in names)
    return re.compile(rf"\b(?P<type>{alternation})\b(?:[^.;\n]{{0,80}}?\bsố)?\s*:?\s*$", re.I)


@dataclass
class Mention:
    number: Number
    doc_type: str | None
    date: DateMatch | None
    issuer: str | None
    issuer_span: tuple[int, int] | None
    subject: str | None
    start: int  # where the type word (or the number) starts
    end: int    # where what it says of the document ends
    cited_from: int  # where the citation starts: the type word, or "Ngày …, X ban hành"


def _type_name(raw: str) -> str:
    squashed = collapse(raw).lower()
    return next(n for n in vocabulary()["types"] if n.lower() == squashed)


def _issuer_after(text: str, pos: int) -> tuple[str, int, int] | None:
    match = re.match(r"\s*,?\s*của\s+", text[pos:pos + 12])
    if not match:
        return None
    begin = pos + match.end()
    window = text[begin:begin + 160].replace("\n", " ")
    stop = _ISSUER_STOP.search(window)
    name = window[:stop.start()] if stop else window
    name = collapse(name)
    words = name.split()
    if not words or len(words) > 14:
        return None
    return name, begin, begin + len(window[:stop.start()] if stop else window)


def subject_after(text: str, pos: int, *, bare: bool = False) -> str | None:
    """What a citation says the document is about: "về (việc) …" or "V/v …" after it, to the
    end of its sentence; with bare=True also a clause that starts right after it in lower case
    ("Quyết định số 1234/QĐ-TTg ngày 10/10/2024 phê duyệt …")."""
    match = re.match(r"\s*,?\s*(?:về\s+việc|v/v|về)\s+[\"“]?", text[pos:pos + 20], re.I)
    if not match and bare:
        match = re.match(rf"\s+(?=[{VIET_LOWER}])", text[pos:pos + 5])
    if not match:
        return None
    rest = text[pos + match.end():pos + match.end() + 400]
    # The subject runs to the end of the sentence (a full stop before a capital) or of the
    # paragraph; wrapped lines inside it are joined.
    end = re.search(rf"[.;](?=\s+[{VIET_UPPER}]|\s*$)|[\"”](?=\s*[,.;]|\s*$)|\n\s*\n", rest)
    subject = rest[:end.start()] if end else rest
    subject = collapse(subject).strip(" ,;.\"“”")
    return subject or None


_BAN_HANH = re.compile(r"\s+(?:đã\s+|vừa\s+)?(?:ký\s+ban hành|ban hành|ký)\s*$")
# Where the sentence naming the issuer begins: after a full stop, a line break, or a news
# dateline such as "(Chinhphu.vn) - ".
_SENTENCE_START = re.compile(r"(?:^|[.;:!?]\s+|\n|\)\s*[-–—]\s*)")


def _issued_by(text: str, start: int):
    """(date, issuer, issuer span, citation start) from "[Ngày D,] <issuer> [đã] ban hành"
    just before start."""
    window_start = max(0, start - 240)
    window = text[window_start:start]
    verb = _BAN_HANH.search(window)
    if not verb:
        return None
    clause = window[:verb.start()]
    sentence = max((m.end() for m in _SENTENCE_START.finditer(clause)), default=0)
    date = None
    issuer_from = cited_from = sentence
    for match in re.finditer(r"ngày\s", clause[sentence:], re.I):
        dates = find_dates(clause[sentence + match.start():], short=True)
        if dates and dates[0].start <= match.end() - match.start():
            found = dates[0]
            begin = sentence + match.start()
            date = DateMatch(found.year, found.month, found.day, window_start + begin + found.start,
                             window_start + begin + found.end)
            issuer_from, cited_from = begin + found.end, begin
    issuer = clause[issuer_from:].lstrip(" ,")
    lead = len(clause[issuer_from:]) - len(issuer)
    issuer = collapse(issuer)
    if not issuer or len(issuer.split()) > 12 or not issuer[0].isupper():
        return None
    begin = window_start + issuer_from + lead
    if date is None:
        cited_from = issuer_from + lead
    return date, issuer, (begin, window_start + verb.start()), window_start + cited_from


# "số" before a number: there a number may be typed as a "Số" label's is ("Hướng dẫn số 148 HD/TWH").
_NUMBER_WORD = re.compile(r"\bsố\s*:?[ \t]*")


def _cited_numbers(text: str) -> list[Number]:
    """The numbers find_numbers sees, and those typed without their hyphen after "số"."""
    numbers = find_numbers(text)
    starts = [n.start for n in numbers]
    typed = []
    for word in _NUMBER_WORD.finditer(text):
        got = labelled_number(text[word.end():word.end() + 40], word.end())
        if not (got and got[0]):
            continue
        at = bisect_left(starts, got[0].end)  # the numbers that start before this one ends
        if at and numbers[at - 1].end > got[0].start:
            continue  # find_numbers read it (or one that overlaps it)
        typed.append(got[0])
    return sorted(numbers + typed, key=lambda n: n.start) if typed else numbers


def mentions(text: str, offset: int = 0) -> list[Mention]:
    """Every number cited in text, with what its citation says about it."""
    found = []
    for number in _cited_numbers(text):
        local_start = number.start
        before = text[max(0, local_start - 110):local_start]
        type_match = _type_before_re().search(before)
        doc_type = _type_name(type_match.group("type")) if type_match else None
        start = local_start - len(before) + type_match.start() if type_match else local_start
        if doc_type is None:
            doc_type = number.doc_type
        pos = number.end
        date = None
        date_match = re.match(r"\s*,?\s*(?:ban hành\s+)?ngày\s", text[pos:pos + 20], re.I)
        if date_match:
            dates = find_dates(text[pos:pos + 50], short=True)
            if dates and dates[0].start <= date_match.end():
                date = dates[0]
                pos += date.end
                date = DateMatch(date.year, date.month, date.day,
                                 offset + number.end + date.start, offset + number.end + date.end)
        issuer = issuer_span = None
        cited_from = start
        after_issuer = _issuer_after(text, pos)
        if after_issuer:
            issuer, s, e = after_issuer
            issuer_span = (offset + s, offset + e)
            pos = e
        else:
            # "Ngày 04/10/2023, Bộ Chính trị ban hành Quy định số 124-QĐ/TW"
            issued = _issued_by(text, start)
            if issued:
                issued_on, issuer, issuer_span, _ = issued
                if date is None and issued_on is not None:
                    date = DateMatch(issued_on.year, issued_on.month, issued_on.day,
                                     offset + issued_on.start, offset + issued_on.end)
                issuer_span = (offset + issuer_span[0], offset + issuer_span[1])
                # The citation then reads "Ngày 04/10/2023, Bộ Chính trị ban hành Quy định …".
                cited_from = issued[3]
        subject = subject_after(text, pos)
        found.append(Mention(
            Number(number.text, number.raw, offset + number.start, offset + number.end,
                   number.repaired),
            doc_type, date, issuer, issuer_span, subject, offset + start, offset + pos,
            offset + cited_from))
    return found
