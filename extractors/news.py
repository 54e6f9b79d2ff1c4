"""Articles that report on a directive: which document, issued by whom, when, about what.

The directive is the one the lead names: "Ngày 03/11/2022, Ban Thường vụ Tỉnh ủy đã ban hành
Kế hoạch số 72-KH/TU về …", "UBND tỉnh có văn bản gửi các sở về việc …" (often without a
number), "Đó là nội dung Chỉ thị số 02-CT/TU của …", "tại Văn bản số 2945/UBND-NNMT, ngày
22/8/2025, UBND tỉnh đề nghị …", a title line "Chỉ thị số 05/CT-UBND ngày … của … về việc …",
or a closing "(Theo Công văn số 6202/UBND-KT, ngày 23/11/2023)". Dates of the page, the posting
and the events reported are not the issue date; an article has no place-date line, so no place.
A document reposted without its header is read the same way from its lead.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from extractors.dates import DateMatch, find_dates
from extractors.found import Found
from extractors.mentions import Mention, mentions, subject_after
from extractors.numbers import Number, find_numbers
from extractors.parties import person_name
from extractors.vocab import vocabulary
from extractors.zones import Layout, is_prose, is_upper, paragraphs, strip_marks
from pipeline.text import VIET_LOWER, VIET_UPPER, collapse

LEAD_PARAGRAPHS = 3


@dataclass
class Lead:
    """What an article says of the directive it reports on; any part may be missing."""
    number: Number | None
    doc_type: str | None
    date: DateMatch | None
    issuer: str | None
    issuer_span: tuple[int, int] | None
    subject: str | None
    start: int  # where the sentence naming the directive starts


# The time of issue opening a lead: "Ngày 9/11, ", "Đêm 22/9, ", "Chiều ngày 13/11/2023, ".
_WHEN = (r"(?:(?i:ngày|đêm|sáng|chiều|tối|trưa)(?:\s+ngày)?\s+(?P<when>\d{1,2}\s*[/.-]\s*\d{1,2}"
         r"(?:\s*[/.-]\s*\d{4})?|\d{1,2}\s+tháng\s+\d{1,2}(?:\s*(?:năm|/)\s*\d{4})?)\s*,?\s*)")
_ISSUE_VERB = (r"(?:(?:đã|vừa|mới|cũng)\s+)*(?:ký\s+ban\s+hành|ban\s+hành|phát\s+hành|ký|có|"
               r"gửi|ra)")
# Bodies that issue directives, as articles name them ("UBND tỉnh", "Bộ GD&ĐT", "Tỉnh ủy").
_ISSUER_HEADS = ("Chủ tịch", "Thủ tướng", "Thường trực", "Văn phòng", "Phó Chủ tịch")


@lru_cache(maxsize=1)
def _lead_re() -> re.Pattern:
    names = sorted(vocabulary()["types"], key=len, reverse=True)
    types = "|".join(r"\s+".join(map(re.escape, n.split())) for n in names)
    return re.compile(
        rf"{_WHEN}?(?P<issuer>[{VIET_UPPER}][^.;:!?\n]{{1,100}}?)\s+{_ISSUE_VERB}\s+"
        rf"(?P<doc>(?i:{types}|văn\s+bản))\b", re.S)


def _issuing_body(name: str) -> bool:
    """Does the phrase before "ban hành" name a body (or its head), not an event or a person?"""
    words = name.split()
    if not 1 <= len(words) <= 14:
        return False
    heads = vocabulary()["headings"]["org_heads"]
    upper = name.upper()
    return any(upper.startswith(h) for h in heads) or name.startswith(_ISSUER_HEADS) or \
        upper.startswith(("UBND", "HĐND", "BCH", "BTV"))


# Words before a cited document that make it the basis of what is reported, not the report's
# subject ("Thực hiện Chỉ thị số 04/CT-TTg …").
_BACKGROUND = re.compile(r"(?:Căn cứ|căn cứ|Thực hiện|thực hiện|Triển khai|triển khai|quán triệt|"
                         r"theo quy định tại|Theo đề nghị|theo đề nghị|tại)\s*(?:\S+\s*){0,3}$")
# The verb or phrase that introduces the reported document right before its type word.
_INTRODUCED = re.compile(r"(?:ban hành|phát hành|giới thiệu|toàn văn|công bố|ký|nội dung|^Theo|"
                         r"\(Theo|^tại|[Tt]ại|là)\s*$")


def read_lead(layout: Layout, content: str) -> Lead | None:
    """The directive the article's title and lead name, if they name one. A lead that names it
    without its number ("… vừa ký văn bản về việc …") lends what it says to the first mention
    of a number that follows ("Theo Công văn số 460-CV/TU, …")."""
    unnumbered = None
    for piece in _lead_paragraphs(layout):
        mention = _introduced_mention(piece.text, piece.start, content)
        for found in (_lead_sentence(piece.text, piece.start, content),
                      _from_mention(mention, content) if mention else None):
            if found is None:
                continue
            if found.number is not None:
                return _completed(found, unnumbered)
            unnumbered = unnumbered or found
    last = [p for p in paragraphs(layout.pieces, layout.wrapped) if strip_marks(p.text)][-1:]
    for piece in last:  # "(Theo Công văn số 6202/UBND-KT, ngày 23/11/2023)"
        if re.match(r"\(?\s*Theo\s", strip_marks(piece.text)):
            found = [m for m in mentions(piece.text, piece.start) if m.doc_type]
            if found:
                return _completed(_from_mention(found[0], content), unnumbered)
    return unnumbered


def _completed(lead: Lead, other: Lead | None) -> Lead:
    """lead, its missing parts taken from what an earlier sentence said of the same document."""
    if other is None:
        return lead
    return Lead(lead.number, lead.doc_type or other.doc_type, lead.date or other.date,
                lead.issuer or other.issuer, lead.issuer_span or other.issuer_span,
                lead.subject or other.subject, lead.start)


def _lead_paragraphs(layout: Layout) -> list:
    """The title lines and the first paragraphs of running text."""
    out, prose = [], 0
    for piece in paragraphs(layout.pieces, layout.wrapped):
        if not strip_marks(piece.text):
            continue
        out.append(piece)
        if is_prose(piece.text.split("\n")[0]):
            prose += 1
            if prose >= LEAD_PARAGRAPHS:
                break
        if len(out) > 12:
            break
    return out


def _lead_sentence(text: str, offset: int, content: str) -> Lead | None:
    """ "[Ngày D,] <body> [đã] ban hành|có <type|văn bản> [số N] [ngày …] [gửi …] về việc …"."""
    for match in _lead_re().finditer(text):
        issuer = _trim_issuer(match.group("issuer"))
        # "Phó Thủ tướng Trần Hồng Hà vừa ký …": the article names the signer, as it names him.
        if not (_issuing_body(issuer) or _ends_with_name(issuer)):
            continue
        issuer_start = match.group("issuer").rfind(issuer)  # within the group
        # "thay mặt Ban Thường vụ Tỉnh ủy, Phó Bí thư … Bùi Thanh Hà đã ký …": the body the
        # signer signs for issues the document, not the signer.
        before = text[:match.start("issuer") + issuer_start]
        if behalf := _ON_BEHALF.search(before, max(0, len(before) - 120)):
            issuer, issuer_start = behalf.group("body"), behalf.start("body") - match.start("issuer")
        doc_word = collapse(match.group("doc")).lower()
        doc_type = None if doc_word == "văn bản" else _type_name(doc_word)
        pos = match.end()
        number = None
        numbered = re.match(r"\s*(?:số\s*:?\s*)?", text[pos:pos + 12])
        following = find_numbers(text[pos + numbered.end():pos + numbered.end() + 60],
                                 offset + pos + numbered.end())
        if following and following[0].start == offset + pos + numbered.end():
            number = following[0]
            pos = number.end - offset
            doc_type = doc_type or number.doc_type
        date = None
        when = match if match.group("when") else re.search(  # "GiadinhNet - Ngày 14/10, …"
            _WHEN, text[match.start("issuer"):match.start("issuer") + issuer_start])
        if when:  # read as "ngày …", the form find_dates knows without a year
            at = offset + when.start("when") + (0 if when is match else match.start("issuer"))
            dates = find_dates("ngày " + when.group("when"), at - 5)
            date = dates[0] if dates else None
        after_date = re.match(r"\s*,?\s*(?:ban hành\s+)?ngày\s", text[pos:pos + 25], re.I)
        if after_date:
            dates = find_dates(text[pos:pos + 60], offset + pos, short=True)
            if dates and dates[0].start - offset - pos <= after_date.end():
                date = date or dates[0]
                pos = dates[0].end - offset
        subject = _subject_in(text, pos) or _purpose_before(text, match.start())
        span = (offset + match.start("issuer") + issuer_start,
                offset + match.start("issuer") + issuer_start + len(issuer))
        return Lead(number, doc_type or ("Công văn" if doc_word == "văn bản" else None), date,
                    issuer, span, subject, offset + match.start())
    return None


# Whom a signer signs for, right before the signer: "thay mặt X, ", "T/M X, ", "thừa lệnh X, ".
_ON_BEHALF = re.compile(r"(?:(?i:thay\s+mặt)|T/M|TM\.|(?i:thừa\s+lệnh|thừa\s+[uủ]y\s+quyền))\s+"
                        r"(?P<body>[^,;\n]{3,80}?)\s*,\s*$")


def _ends_with_name(phrase: str) -> bool:
    """Does the phrase end with a person's name ("… Thành ủy Hà Nội Nguyễn Công Soái")?"""
    words = phrase.split()
    return any(person_name(" ".join(words[-n:])) for n in (2, 3, 4) if len(words) > n)


def _trim_issuer(name: str) -> str:
    """The body's name without what opens the sentence before it ("CTTĐT - ", "Trước đó, ")."""
    name = collapse(name)
    name = re.split(r"\s[-–—]\s|,\s", name)[-1]
    return name.strip(" ,")


def _subject_in(text: str, pos: int) -> str | None:
    """What the lead sentence says the document is about, after its number and date: "về (việc)
    …" after any "gửi …" addressees, or a clause in lower case (", yêu cầu báo cáo …")."""
    end = re.search(rf"[.](?=\s+[{VIET_UPPER}]|\s*$)|\n\s*\n", text[pos:])
    sentence = text[pos:pos + end.start()] if end else text[pos:]
    about = re.search(r"(?:^|\s|,)(?:về\s+việc|V/v|v/v|về)\s+", sentence)
    if about and not re.match(r"\s*,?\s*(?:của|ngày)\b", sentence):
        return _clean_subject(sentence[about.end():])
    clause = re.match(rf"\s*,\s*(?:(?:yêu cầu|đề nghị|chỉ đạo)\s+)?(?=[{VIET_LOWER}])", sentence)
    if clause:
        return _clean_subject(sentence[clause.end():])
    # "… ngày 10/10/2024 phê duyệt Quy hoạch …": the clause right after it says what it does.
    bare = re.match(rf"\s+(?!(?:gửi|của|ngày|tại|đến|cho|và|yêu cầu|đề nghị)\b)(?=[{VIET_LOWER}])",
                    sentence)
    return _clean_subject(sentence[bare.end():]) if bare else None


def _purpose_before(text: str, start: int) -> str | None:
    """ "Nhằm …, tại Văn bản số …": the purpose that opens the sentence is its subject."""
    sentence_start = max(text.rfind(". ", 0, start) + 1, text.rfind("\n", 0, start) + 1, 0)
    purpose = re.match(r"\s*(?:Nhằm|Để)\s+(.+),\s", text[sentence_start:start + 1])
    return _clean_subject(purpose.group(1)) if purpose else None


def _clean_subject(text: str) -> str | None:
    text = collapse(text).strip(" ,;.:\"“”")
    return text or None


def _introduced_mention(text: str, offset: int, content: str) -> Mention | None:
    """A document the lead introduces as its news ("Đó là nội dung Chỉ thị số …", "Theo Công
    văn số …", "tại Văn bản số …, UBND tỉnh đề nghị", a title that starts with one)."""
    for mention in mentions(text, offset):
        if not mention.doc_type and not mention.number.system == "state":
            continue
        before = content[max(offset, mention.start - 60):mention.start]
        before = re.sub(r"(?:[Vv]ăn bản|[Cc]ông văn)\s+(?:số\s*:?\s*)?$", "", before)
        at_start = not content[offset:mention.start].strip()
        if (at_start or _INTRODUCED.search(before)) and not _BACKGROUND.search(before) or (
                re.search(r"[Tt]ại\s*$", before) and _acting_after(content, mention.end)):
            return mention
    return None


def _acting_after(content: str, pos: int) -> tuple[str, int, int] | None:
    """ "…, UBND tỉnh đề nghị": the body acting in the clause right after a citation, or after
    the purpose that clause opens with ("…, để đảm bảo …, Thường trực Thành ủy yêu cầu")."""
    match = re.match(rf"\s*,\s*(?:(?:để|nhằm)\s[^.;:]{{0,160}}?,\s*)?"
                     rf"(?P<body>[{VIET_UPPER}][^,.;:]{{1,60}}?)\s+(?:đã\s+)?"
                     r"(?:đề nghị|yêu cầu|chỉ đạo|giao|thông báo|có ý kiến)\b",
                     content[pos:pos + 300])
    if match and _issuing_body(collapse(match.group("body"))):
        return collapse(match.group("body")), pos + match.start("body"), pos + match.end("body")
    return None


def _from_mention(mention: Mention, content: str) -> Lead:
    issuer, span = mention.issuer, mention.issuer_span
    date = mention.date
    if issuer is None and (acting := _acting_after(content, mention.end)):
        issuer, span = acting[0], (acting[1], acting[2])
    if issuer is not None and date is None:  # "… của Ban Thường vụ Tỉnh ủy ban hành ngày …"
        after = re.match(r"\s*(?:ban hành|ký)?\s*(?:ngày|vào ngày)\s", content[span[1]:span[1] + 25])
        if after:
            dates = find_dates(content[span[1]:span[1] + 60], span[1], short=True)
            date = dates[0] if dates else None
    subject = mention.subject or subject_after(content, mention.end, bare=True)
    subject = collapse(subject) if subject else _purpose_before(content, mention.start)
    doc_type = mention.doc_type or mention.number.doc_type
    return Lead(mention.number, doc_type, date, issuer, span, subject, mention.cited_from)


def _type_name(raw: str) -> str | None:
    squashed = collapse(raw).lower()
    return next((n for n in vocabulary()["types"] if n.lower() == squashed), None)


def issue_date(lead: Lead, content: str) -> Found | None:
    """The lead's date; without a year, the year most dates after it have."""
    if lead.date is None:
        return None
    span = (lead.date.start, lead.date.end)
    if lead.date.year:
        iso = lead.date.iso()
        return Found(iso, span, 0.9) if iso else None
    years = Counter(d.year for d in find_dates(content[lead.date.end:], short=False))
    if not years:
        return None
    year = years.most_common(1)[0][0]
    iso = lead.date.iso(year)
    return Found(iso, span, 0.6, f"Ngày ban hành không ghi năm; đã lấy năm {year} theo các "
                                 "ngày khác trong bài") if iso else None


def title_subject(layout: Layout) -> str | None:
    """The article's title: the first line of a few words above the lead, when it reads as what
    the directive is about (not a section name such as "TIN NỔI BẬT", nor a dateline)."""
    for piece in layout.pieces[:12]:
        text = collapse(strip_marks(piece.text))
        if not text or _DATELINE.search(text):
            continue
        if is_prose(text) and len(text) > 200:
            return None
        if len(text.split()) >= 5:
            return None if is_upper(text) or text.endswith(":") else text.rstrip(" .")
    return None


# Page furniture above an article: posting dates and times, view counters.
_DATELINE = re.compile(r"\d{1,2}:\d{2}|\d{4}-\d{2}|cms-|lượt xem|\|")


# A Party number names a Party body as its issuer ("106-CV/ĐU": a Đảng ủy). When the lead
# credits a State body instead, the text usually names the Party body acting on the matter.
_STATE_BODY = re.compile(r"^(?:UBND|Ủy ban|Uỷ ban|Sở|Bộ|HĐND|Hội đồng nhân dân)\b")
_PARTY_ACTOR = re.compile(r"((?:Ban Thường vụ\s+|Ban Chấp hành\s+)?(?:Đảng|Tỉnh|Thành|Huyện|Quận|Thị)"
                          r"\s+(?:ủy|uỷ)(?:\s+[^\s.,;:]+){0,6}?)\s+(?:đề nghị|yêu cầu|chỉ đạo|"
                          r"đã ban hành|ban hành)\b")


def issuer(lead: Lead, content: str) -> Found:
    """The issuer the lead names, checked against what the ký hiệu says the issuer is."""
    found = Found({"name": lead.issuer, "parent": None}, lead.issuer_span, 0.75)
    if lead.number and lead.number.system == "party" and _STATE_BODY.match(lead.issuer or ""):
        actor = _PARTY_ACTOR.search(content, lead.number.end)
        if actor:
            name = collapse(actor.group(1))
            return Found({"name": name, "parent": None}, actor.span(1), 0.6,
                         f"Bài viết ghi '{lead.issuer}' ban hành, nhưng số "
                         f"{lead.number.text} là số văn bản của Đảng; đã lấy cơ quan ban "
                         f"hành là '{name}'")
    return found
