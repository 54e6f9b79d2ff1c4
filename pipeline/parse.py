"""The spine: file -> Text -> layout -> fields -> Record.

`parse_file` reads a file; `extract` runs the extractors over a Text, in order: the layout
first, then header fields, parties, the type and system (which need the others), the lead of a
news article or reposted document, copies, and references last (they exclude the document's own
number and its copies' numbers).
"""
from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections import Counter
from pathlib import Path

from extractors import header, news, parties, plausibility
from extractors.dates import find_place_date
from extractors.deadlines import find_deadlines
from extractors.task_tables import table_tasks
from extractors.tasks import find_tasks, restates_rules
from extractors.found import Found
from extractors.mentions import mentions
from extractors.ocr_repair import repair_fixed_phrases
from extractors.references import references
from extractors.zones import Layout, lay_out, title_type
from pipeline.limits import time_limit
from pipeline.readers import read_bytes, read_text
from pipeline.record import Record
from pipeline.text import Text


class _Builder:
    """Collects Found values into a Record: value, evidence and any warning, in one place."""

    def __init__(self, record: Record):
        self.record = record

    def put(self, field: str, found: Found | None, value=None) -> None:
        if found is None:
            return
        setattr(self.record, field, found.value if value is None else value)
        self.record.evidence[field] = found.evidence()
        if found.warning:
            self.record.warnings.append(found.warning)


def _signer(pieces) -> tuple[dict | None, dict]:
    found = parties.signer(pieces)
    if not found:
        return None, {}
    value = {key: (f.value if f else None) for key, f in found.items()}
    evidence = {key: f.evidence() for key, f in found.items() if f}
    return value, evidence


def _doc_type(layout: Layout, own_number) -> Found | None:
    if layout.title is not None:
        return Found(title_type(layout.title.text), (layout.title.start, layout.title.end), 0.97)
    if own_number is not None and own_number.doc_type:
        return Found(own_number.doc_type, (own_number.start, own_number.end), 0.85)
    if any(p.kind == "vv" for p in layout.header):
        return Found("Công văn", None, 0.85)
    if layout.formal:
        return Found("Công văn", None, 0.6,
                     "Văn bản không in tên loại; đã coi là công văn")
    return None


def _system(layout: Layout, own_number, content: str, lead: news.Lead | None) -> Found:
    heading = header.system_from_header(layout)
    if heading:
        return Found(heading, None, 0.97)
    if not layout.formal:
        return Found("news" if lead or mentions(content) else "unknown", None, 0.7)
    if own_number is not None:
        return Found(own_number.system, (own_number.start, own_number.end), 0.85)
    # A formal document that lost its header: go by how the numbers it carries are written.
    styles = Counter(m.number.system for m in mentions(content))
    if styles:
        kind = styles.most_common(1)[0][0]
        system = "văn bản của Đảng" if kind == "party" else "văn bản hành chính nhà nước"
        return Found(kind, None, 0.6, f"Văn bản mất phần đầu (quốc hiệu, số, ký hiệu); đã coi "
                                      f"là {system} theo cách ghi số của các văn bản được dẫn")
    return Found("unknown", None, 0.3)


def _copies(layout: Layout) -> list[dict]:
    copy = layout.copy
    if copy is None:
        return []
    own = header.number(copy)
    issuer = header.issuer(copy)
    place_date = header.place_date(copy)
    if place_date is None:  # the copy's date line may sit below its heading, outside the header
        for piece in copy.pieces:
            found = find_place_date(piece.text, piece.start)
            if found:
                place_date = (Found(found.place), Found(found.date), found.partial)
                break
    signer, _ = _signer(copy.pieces)
    recipients = parties.recipients(copy.pieces)
    return [{
        "kind": layout.copy_kind,
        "number": own[0].value if own else None,
        "issuer": issuer.value["name"] if issuer else None,
        "place": place_date[0].value if place_date else None,
        "date": place_date[1].value if place_date and place_date[1] else None,
        "signer": signer,
        "recipients": [r.value for r in recipients],
    }]


def _body_span(layout: Layout, length: int) -> tuple[int, int]:
    """Where the body runs in the document text: after header, title and Kính gửi, before the
    closing (an article is all body)."""
    body = [p for p in layout.body if p.text]
    if not body:
        return 0, 0
    return body[0].start, body[-1].end


def _lead(layout: Layout, content: str, doc_type: str | None) -> news.Lead | None:
    """The directive an article reports on, or a reposted document's own number in its lead."""
    lead = news.read_lead(layout, content)
    if lead is None:
        return None
    if layout.formal and (lead.number is None or doc_type is None or lead.doc_type != doc_type):
        return None
    return lead


def extract(text: Text, source: dict) -> Record:
    repairs: list[str] = []
    if text.ocr:
        text, repairs = repair_fixed_phrases(text)
    record = Record(source=source, signatures=text.signatures,
                    warnings=[*text.warnings, *repairs])
    put = _Builder(record).put
    content = text.content
    layout = lay_out(text)

    number = header.number(layout)
    own_number = number[1] if number else None
    put("number", number[0] if number else None)
    issuer = header.issuer(layout)
    put("issuer", issuer)
    place_date = header.place_date(layout)
    if place_date:
        put("place", place_date[0])
        put("date", _checked_ocr_date(place_date[1], content) if text.ocr else place_date[1])
        record.date_partial = place_date[2]
    if text.ocr and number is None:
        record.warnings += _doubtful_number(layout)
    doc_type = _doc_type(layout, own_number)
    put("doc_type", doc_type)
    put("subject", header.subject(layout))

    for field, found in (("addressees", parties.addressees(layout.addressees)),
                         ("recipients", parties.recipients(layout.closing))):
        setattr(record, field, [f.value for f in found])
        if found:
            record.evidence[field] = [f.evidence() for f in found]
    record.signer, signer_evidence = _signer(layout.closing)
    if signer_evidence:
        record.evidence["signer"] = signer_evidence

    lead = _lead(layout, content, record.doc_type) if record.number is None else None
    if lead is not None and lead.number is not None:
        own_number = lead.number
    put("system", _system(layout, own_number, content, lead))
    if lead is not None:
        _from_lead(lead, content, put, record, layout)
    if record.doc_type is None and (headline := header.headline_type(layout)):
        put("doc_type", headline[0])
        if record.subject is None:
            put("subject", headline[1])

    body_start, body_end = _body_span(layout, len(content))
    deadlines = find_deadlines(content[body_start:body_end], record.date, body_start)
    # Task tables in the body or a phụ lục: one task a row; the rest of the body is prose.
    rows, table_lines = table_tasks(layout.body + layout.appendix, content,
                                   record.date)
    prose = [p for p in layout.body if p.index not in table_lines]
    tasks = find_tasks(prose, layout.wrapped, record.addressees, deadlines, record.doc_type)
    record.tasks = [t.to_dict() for t in sorted(tasks + rows, key=lambda t: t.span)]
    if restates_rules(record.doc_type):  # a rule's dates are no one's deadline
        given = {t.deadline.span for t in tasks if t.deadline}
        deadlines = [d for d in deadlines if d.span in given]
    # A time cell the body's reading did not already take as a deadline is one too.
    deadlines += [row.deadline for row in rows if row.deadline and row.deadline.date and not any(
        d.span[0] < row.deadline.span[1] and row.deadline.span[0] < d.span[1] for d in deadlines)]
    record.deadlines = [d.to_dict() for d in deadlines]
    if deadlines:
        record.evidence["deadlines"] = [{"span": list(d.span), "confidence": 0.9}
                                        for d in deadlines]

    record.copies = _copies(layout)
    own = [record.number] + [c["number"] for c in record.copies]
    own_span = (record.evidence.get("number") or {}).get("span")
    refs = references(text, own, [tuple(own_span)] if own_span else [])
    record.references = [f.value for f in refs]
    return record


def _checked_ocr_date(found: Found | None, content: str) -> Found | None:
    """A date OCR read, checked against what the document's date can be, repaired where one
    reading alone passes, flagged where the clerk must look (extractors/plausibility.py)."""
    if found is None or found.span is None:
        return found
    line_end = content.find("\n", found.span[1])  # a damaged year may lie past the match
    printed = content[found.span[0]:line_end if line_end >= 0 else len(content)]
    checked = plausibility.check_date(printed,
                                      plausibility.cited_dates(content), dt.date.today())
    if checked is None or (checked.date == found.value and not checked.warning):
        return found
    confidence = 0.6 if checked.repaired else 0.3 if checked.warning else found.confidence
    return Found(checked.date, found.span, confidence, checked.warning)


_SO_LINE = re.compile(r"(?:^|\s)(?:Số|SỐ)\s*[:.]?\s*(\S{1,8}\s*[-/]\s*\S.*)")


def _doubtful_number(layout: Layout) -> list[str]:
    """Why the "Số" line OCR read gave no number, when its digits are hand-written or stamped
    ("Số: Á3/KH-DCT", which the column logic may even have left inside another line)."""
    for piece in layout.header:
        if match := _SO_LINE.search(piece.text):
            doubt = plausibility.number_doubt(match.group(1))
            return [doubt] if doubt else []
    return []


def _from_lead(lead: news.Lead, content: str, put, record: Record, layout: Layout) -> None:
    if lead.number is not None:
        put("number", Found(lead.number.text, (lead.number.start, lead.number.end), 0.85))
    if record.doc_type is None and lead.doc_type:
        put("doc_type", Found(lead.doc_type, None, 0.8))
    if record.issuer is None and lead.issuer:
        put("issuer", news.issuer(lead, content))
    if record.date is None:
        put("date", news.issue_date(lead, content))
    subject = lead.subject or (news.title_subject(layout) if record.system == "news" else None)
    if record.subject is None and subject:
        subject = re.sub(r"^(?:về việc|v/v|về)\s+", "", subject, flags=re.I)
        put("subject", Found(subject, None, 0.8))


def source_of(path: str | Path, data: bytes, text: Text) -> dict:
    return {"path": str(path), "sha256": hashlib.sha256(data).hexdigest(),
            "format": text.format, "pages": text.pages, "ocr": text.ocr,
            "ocr_confidence": text.ocr_confidence}


def parse_file(path: str | Path) -> Record:
    """Read and extract one file; raises ReadError with a one-line reason when it cannot."""
    return parse_bytes(path, read_bytes(path))[0]


def parse_bytes(path: str | Path, data: bytes) -> tuple[Record, Text]:
    """The record and text of bytes that came from `path`, within the time allowed for one
    file (limits.FILE_SECONDS)."""
    with time_limit(path):
        text = read_text(path, data)
        return extract(text, source_of(path, data, text)), text
