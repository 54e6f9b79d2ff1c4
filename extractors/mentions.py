"""How prose names a document: "Ngày 03/11/2022, Ban Thường vụ Tỉnh ủy đã ban hành Kế hoạch số
72-KH/TU về …", "Quy định số 124-QĐ/TW ngày 04/10/2023 của Bộ Chính trị về …".

One parser for both uses: the references a document cites, and the directive a news article
reports on (or a reposted document's own number in its editor's lead).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from extractors.dates import DateMatch, find_dates
from extractors.numbers import Number, find_numbers
from extractors.vocab import type_for_code, vocabulary
from pipeline.text import collapse

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
    start: int  # where the citation starts (the type word, or the number)
    end: int    # where what it says of the document ends


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


def _subject_after(text: str, pos: int) -> str | None:
    match = re.match(r"\s*,?\s*(?:về việc|v/v|V/v|V/V|về)\s+[\"“]?", text[pos:pos + 20], re.I)
    if not match:
        return None
    rest = text[pos + match.end():pos + match.end() + 400]
    # The subject runs to the end of the sentence: a full stop before a capital, or the line.
    end = re.search(r"[.;](?=\s+[A-ZĐÀ-Ỹ]|\s*$)|[\"”](?=\s*[,.;]|\s*$)|\n", rest)
    subject = rest[:end.start()] if end else rest
    subject = collapse(subject).strip(" ,;.\"“”")
    return subject or None


def mentions(text: str, offset: int = 0) -> list[Mention]:
    """Every number cited in text, with what its citation says about it."""
    found = []
    for number in find_numbers(text):
        local_start = number.start
        before = text[max(0, local_start - 110):local_start]
        type_match = _type_before_re().search(before)
        doc_type = _type_name(type_match.group("type")) if type_match else None
        start = local_start - len(before) + type_match.start() if type_match else local_start
        if doc_type is None:
            doc_type = type_for_code(number.type_code or "")
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
        after_issuer = _issuer_after(text, pos)
        if after_issuer:
            issuer, s, e = after_issuer
            issuer_span = (offset + s, offset + e)
            pos = e
        else:
            # "Ngày 04/10/2023, Bộ Chính trị ban hành Quy định số 124-QĐ/TW"
            lead = re.search(r"(?:^|[.;]\s+|\n)(?:[^.;\n]{0,15}?)ngày\s+([\d/ -]{3,12}|\d{1,2}\s+"
                             r"tháng\s+\d{1,2}(?:\s+năm\s+\d{4}|/\d{4})?),?\s+(?P<issuer>[^.;\n]{3,120}?)"
                             r"\s+(?:đã\s+|vừa\s+)?ban hành\s*$",
                             text[max(0, start - 220):start], re.I)
            if lead:
                base = max(0, start - 220)
                lead_dates = find_dates(lead.group(0), short=True)
                if lead_dates:
                    d = lead_dates[0]
                    date = DateMatch(d.year, d.month, d.day, offset + base + lead.start() + d.start,
                                     offset + base + lead.start() + d.end)
                issuer = collapse(lead.group("issuer"))
                issuer_span = (offset + base + lead.start("issuer"),
                               offset + base + lead.end("issuer"))
        subject = _subject_after(text, pos)
        found.append(Mention(
            Number(number.text, number.raw, offset + number.start, offset + number.end,
                   number.repaired),
            doc_type, date, issuer, issuer_span, subject, offset + start, offset + pos))
    return found
