"""Articles that report on a directive: which document, issued by whom, when, about what.

The directive is the one the lead names ("Ngày 03/11/2022, Ban Thường vụ Tỉnh ủy đã ban hành
Kế hoạch số 72-KH/TU về …"). Dates of the page, the posting and the events reported are not
the issue date. A document reposted without its header is read the same way from its lead.
"""
from __future__ import annotations

import re
from collections import Counter

from extractors.dates import find_dates
from extractors.found import Found
from extractors.mentions import Mention, mentions, subject_after
from extractors.zones import Layout, is_prose, paragraphs
from pipeline.text import VIET_UPPER, collapse

LEAD_PARAGRAPHS = 3


def lead_mention(layout: Layout, content: str) -> Mention | None:
    """The directive the article's lead names, if it names one."""
    prose = [p for p in paragraphs(layout.pieces, layout.wrapped)
             if is_prose(p.text.split("\n")[0])]
    prose = prose[:LEAD_PARAGRAPHS]
    for piece in prose:
        for mention in mentions(piece.text, piece.start):
            before = content[max(piece.start, mention.start - 60):mention.start]
            if mention.doc_type and _INTRODUCED.search(before):
                return mention
    return None


# The verb that introduces the reported document, right before its type word.
_INTRODUCED = re.compile(r"(?:ban hành|giới thiệu|toàn văn|công bố|ký)\s*$")


def issue_date(mention: Mention, content: str) -> Found | None:
    """The mention's date; without a year, the year most dates after it have."""
    if mention.date is None:
        return None
    span = (mention.date.start, mention.date.end)
    if mention.date.year:
        return Found(mention.date.iso(), span, 0.9)
    years = Counter(d.year for d in find_dates(content[mention.number.end:], short=False))
    if not years:
        return None
    year = years.most_common(1)[0][0]
    iso = mention.date.iso(year)
    return Found(iso, span, 0.6, f"Ngày ban hành không ghi năm; đã lấy năm {year} theo các "
                                 "ngày khác trong bài") if iso else None


_LEVELS = {"tỉnh ủy": "tỉnh", "thành ủy": "thành phố", "huyện ủy": "huyện", "quận ủy": "quận",
           "thị ủy": "thị xã", "tỉnh": "tỉnh", "huyện": "huyện", "quận": "quận",
           "thành phố": "thành phố", "thị xã": "thị xã"}


def place(issuer: str | None, content: str) -> Found | None:
    """The locality the issuer belongs to: named in the issuer ("Tỉnh ủy Đắk Lắk"), or the one
    place of the issuer's level the article names ("Quận ủy" and "quận Long Biên")."""
    if not issuer:
        return None
    name = rf"((?:[{VIET_UPPER}][^\s,.;:()]*)(?:\s+[{VIET_UPPER}][^\s,.;:()]*){{0,3}})"
    level_re = "|".join(sorted(_LEVELS, key=len, reverse=True))
    match = re.search(rf"\b(?i:{level_re})\s+{name}\s*$", issuer)
    if match:
        return Found(match.group(1), None, 0.8)
    level = re.search(rf"\b(?i:({level_re}))\b", issuer)
    if not level:
        return None
    word = _LEVELS[level.group(1).lower()]
    names = {m.group(1): m for m in re.finditer(rf"\b{word}[ ]+{name}", content)}
    if len(names) == 1:
        value, match = next(iter(names.items()))
        return Found(value, match.span(1), 0.6,
                     f"Địa danh '{value}' được suy ra từ nội dung bài viết")
    return None


def subject(mention: Mention, content: str) -> str | None:
    """What the lead says the directive is about, "về" or not."""
    found = mention.subject or subject_after(content, mention.end, bare=True)
    return collapse(found) if found else None


# A Party number names a Party body as its issuer ("106-CV/ĐU": a Đảng ủy). When the lead
# credits a State body instead, the text usually names the Party body acting on the matter.
_STATE_BODY = re.compile(r"^(?:UBND|Ủy ban|Uỷ ban|Sở|Bộ|HĐND|Hội đồng nhân dân)\b")
_PARTY_ACTOR = re.compile(r"((?:Ban Thường vụ\s+|Ban Chấp hành\s+)?(?:Đảng|Tỉnh|Thành|Huyện|Quận|Thị)"
                          r"\s+(?:ủy|uỷ)(?:\s+[^\s.,;:]+){0,6}?)\s+(?:đề nghị|yêu cầu|chỉ đạo|"
                          r"đã ban hành|ban hành)\b")


def issuer(mention: Mention, content: str) -> Found:
    """The issuer the lead names, checked against what the ký hiệu says the issuer is."""
    found = Found({"name": mention.issuer, "parent": None}, mention.issuer_span, 0.75)
    if mention.number.system == "party" and _STATE_BODY.match(mention.issuer or ""):
        actor = _PARTY_ACTOR.search(content, mention.number.end)
        if actor:
            name = collapse(actor.group(1))
            return Found({"name": name, "parent": None}, actor.span(1), 0.6,
                         f"Bài viết ghi '{mention.issuer}' ban hành, nhưng số "
                         f"{mention.number.text} là số văn bản của Đảng; đã lấy cơ quan ban "
                         f"hành là '{name}'")
    return found
