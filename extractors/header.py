"""Header fields: number, issuer and its parent, place and date, type, trích yếu, system."""
from __future__ import annotations

import re

from extractors.dates import find_place_date, place_start
from extractors.found import Found
from extractors.numbers import Number, find_numbers, labelled_number
from extractors.parties import authority_line
from extractors.vocab import heading_system, starts_with_any, vocabulary
from extractors.zones import (UNFINISHED, VV_LINE, Layout, Piece, is_prose, is_upper,
                              number_label, strip_marks)
from pipeline.text import collapse

def number(layout: Layout) -> tuple[Found, Number] | None:
    """The document's own số và ký hiệu, from the header's "Số" line (or the line after it,
    when the label stands alone). None when the template leaves it blank ("Số:    /TTr-SCT")."""
    for n, piece in enumerate(layout.header):
        if piece.kind != "number":
            continue
        label = number_label().match(piece.text)
        found = labelled_number(piece.text[label.end():], piece.start + label.end())
        if found is None and not piece.text[label.end():].strip(" :."):
            following = layout.header[n + 1:n + 2]
            if following:
                found = labelled_number(following[0].text, following[0].start)
        if found is None:
            numbers = find_numbers(piece.text[label.end():], piece.start + label.end())
            found = (numbers[0], 0) if numbers else None
        if found is None or found[0] is None:
            return None
        number_found = found[0]
        warning = (f"Số, ký hiệu in là '{number_found.raw}', đã đọc thành '{number_found.text}'"
                   if number_found.repaired else None)
        return Found(number_found.text, (number_found.start, number_found.end),
                     0.8 if number_found.repaired else 0.97, warning), number_found
    return None


def issuer(layout: Layout) -> Found | None:
    """{"name", "parent"} from the upper-case lines of the header's left column."""
    lines: list[Piece] = []
    for piece in layout.header:
        if piece.kind == "number":
            break
        if piece.kind == "upper" and not heading_system(piece.text):
            lines.append(piece)
    if not lines:
        return None
    heads = vocabulary()["headings"]["org_heads"]
    incomplete = vocabulary()["headings"]["incomplete_names"]
    units: list[list[Piece]] = []
    for piece in lines:
        text = collapse(strip_marks(piece.text))
        previous = " ".join(collapse(p.text) for p in units[-1]) if units else ""
        # A new body starts with a body word and has at least two words: a lone word is what a
        # narrow column wrapped ("SỞ TÀI NGUYÊN VÀ MÔI" / "TRƯỜNG").
        new_body = starts_with_any(text, heads) and len(text.split()) >= 2
        lone_word = len(previous.split()) == 1  # "ỦY" / "BAN NHÂN DÂN": a wrapped name
        if units and (not new_body or previous.upper() in incomplete or lone_word):
            units[-1].append(piece)
        else:
            units.append([piece])
    name_pieces = units[-1]
    name = collapse(" ".join(strip_marks(p.text) for p in name_pieces))
    parent = collapse(" ".join(strip_marks(p.text) for unit in units[:-1] for p in unit)) or None
    return Found({"name": name, "parent": parent},
                 (lines[0].start, name_pieces[-1].end), 0.9)


def place_date(layout: Layout) -> tuple[Found, Found | None, str | None] | None:
    """(place, date, partial date) from the header's place-date line, which a narrow column
    may break over two or three lines ("Sơn" / "La, ngày 16 tháng 11" / "năm 2018"). The date
    is None when the line leaves it blank for the văn thư ("ngày    tháng 5 năm 2026":
    partial "2026-05") or prints an impossible one (said in a warning)."""
    pieces = layout.header or []
    for n, piece in enumerate(pieces):
        if piece.kind != "place-date":
            continue
        following = [p.text for p in pieces[n + 1:n + 3]]
        for extra in range(len(following) + 1):
            text = "\n".join([piece.text] + following[:extra])
            found = find_place_date(text, piece.start)
            if found and (found.date or extra == len(following)):
                break
        if not found:
            continue
        place, place_span = collapse(found.place), found.place_span
        above = pieces[n - 1] if n else None
        if above is not None and above.index == piece.index - 1 and place_start(above.text) \
                and found.place_span[0] == piece.start:
            place, place_span = collapse(above.text + " " + place), (above.start, place_span[1])
        return (Found(place, place_span, 0.95),
                _date_found(found, text[found.start - piece.start:found.end - piece.start]),
                found.partial)
    return None


def _date_found(found, printed: str) -> Found | None:
    if found.date:
        return Found(found.date, (found.start, found.end), 0.97)
    blank = re.search(r"ngày[ \t._…]*tháng", printed)
    return Found(None, (found.start, found.end), 0.5,
                 None if blank else f"Ngày tháng in là '{collapse(printed)}' không phải ngày có "
                                    f"thật; cần đối chiếu bản gốc")


def subject(layout: Layout) -> Found | None:
    """The trích yếu: under the title, or the header's V/v lines, or a Party công văn's lines
    under its number."""
    if layout.title is not None:
        return _title_subject(layout.title_block)
    pieces: list[Piece] = []
    started = False
    for piece in layout.header:
        if piece.kind == "vv":
            started, pieces = True, [piece]
        elif started and piece.kind in ("other", "upper") and not is_prose(piece.text):
            pieces.append(piece)
        elif started:
            break
    if not pieces:  # Party công văn: the trích yếu sits under the number, without "V/v"
        after_number = False
        for piece in layout.header:
            if piece.kind == "number":
                after_number = True
            elif after_number and piece.kind == "other":
                pieces.append(piece)
            elif after_number and pieces:
                break
    if not pieces and layout.header:  # a title word the source lost: its trích yếu in capitals
        first = next((p for p in layout.body if p.text), None)
        if first is not None and is_upper(first.text) and len(first.text.split()) >= 3:
            pieces = [first]
    if not pieces:
        return None
    text = collapse(" ".join(strip_marks(p.text) for p in pieces))
    text = VV_LINE.sub("", text).strip(" .:;“”\"")
    return Found(text, (pieces[0].start, pieces[-1].end), 0.9) if text else None


_AUTHORITY_REPEAT = ("ỦY BAN NHÂN DÂN", "UBND", "HỘI ĐỒNG NHÂN DÂN", "CHỦ TỊCH", "BỘ TRƯỞNG",
                     "GIÁM ĐỐC", "THỦ TƯỚNG", "CHÍNH PHỦ", "BAN THƯỜNG VỤ", "ỦY BAN THƯỜNG VỤ",
                     "TỔNG CỤC TRƯỞNG", "CỤC TRƯỞNG")


def _title_subject(block: list[Piece]) -> Found | None:
    """The trích yếu under a title: upper-case lines ("RÀ SOÁT HỘ NGHÈO …"), or sentence-case
    ones ("về …", "Về việc …", "Ban hành …") continued by their wrapped lines. Upper-case lines
    above a sentence-case trích yếu only qualify the title ("CỦA BAN THƯỜNG VỤ …")."""
    upper: list[Piece] = []
    lower: list[Piece] = []
    for piece in block:
        text = strip_marks(piece.text)
        if not text or authority_line(text):
            break
        if lower:
            previous = strip_marks(lower[-1].text)
            if (text[0].islower() or text[0].isdigit() or previous.endswith(",")
                    or UNFINISHED.search(previous)) and not is_upper(text):
                lower.append(piece)
                continue
            break
        if is_upper(text):
            if upper and starts_with_any(text, list(_AUTHORITY_REPEAT)):
                break  # the Quyết định's authority line ("ỦY BAN NHÂN DÂN TỈNH …")
            upper.append(piece)
        elif not re.search(r"[.;:]$", text):
            lower.append(piece)
        else:
            break
    # Capitals that open with "VỀ" are the trích yếu itself, not a qualifier of the title.
    about = bool(upper) and strip_marks(upper[0].text).startswith(("VỀ ", "V/V"))
    chosen = (upper if about else lower) or [
        p for p in upper if not strip_marks(p.text).upper().startswith("CỦA ")]
    if not chosen:
        return None
    text = collapse(" ".join(strip_marks(p.text) for p in chosen)).strip(" .;")
    text = re.sub(r"^(?:V/v|v/v|V/V|Về việc|VỀ VIỆC)\s*:?\s*", "", text)
    return Found(text, (chosen[0].start, chosen[-1].end), 0.9) if text else None


def headline_type(layout: Layout) -> tuple[Found, Found] | None:
    """(type, trích yếu) from a page whose first line names the document in sentence case
    ("Báo cáo công tác chỉ đạo điều hành … tháng 5/2017"): a report reposted without its
    header or title block."""
    first = next((p for p in layout.pieces if p.text.strip()), None)
    if first is None or len(first.text) > 250:
        return None
    text = strip_marks(first.text)
    for name in sorted(vocabulary()["types"], key=len, reverse=True):
        if text.startswith(name + " ") and text[len(name) + 1:][:1].islower():
            subject = text[len(name) + 1:].strip(" .")
            if re.match(r"(?:số|ngày)\b", subject):
                return None  # "Kế hoạch số 12-KH/TU …" cites a document
            start = first.start + first.text.find(text)
            return (Found(name, (start, start + len(name)), 0.6),
                    Found(subject, (start + len(name) + 1, start + len(text)), 0.6))
    return None


def system_from_header(layout: Layout) -> str | None:
    for piece in layout.header:
        if piece.kind == "heading":
            kind = heading_system(piece.text) or heading_system(
                " ".join(p.text for p in layout.header if p.kind == "heading"))
            if kind:
                return kind
    return None
