"""Cut a document's text into the parts of a page, once, so field extractors stay simple.

Parts: the header (issuer and number on the left, heading and date on the right, the công văn's
trích yếu), the title block (type name and trích yếu), the Kính gửi list, the body, the closing
(Nơi nhận and signature) and an appended copy (Sao lục, Sao y, Trích sao) with its own parts.

Real texts interleave the two header columns on one line ("ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI…"),
put one column after the other, split a heading over two lines, or lose the header entirely;
`split_columns` and the anchor search below handle these, whatever order the pieces come in.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from extractors.dates import find_place_date, place_start
from extractors.numbers import find_numbers, labelled_number
from extractors.vocab import (find_heading, heading_system, is_mark, is_motto, squash,
                              type_by_title, vocabulary)
from pipeline.text import VIET_LOWER, VIET_UPPER, Text, is_upper

HEADER_SEARCH_LINES = 45  # how far down the page a header may start (web pages add a lead)
HEADER_TABLE_LINES = 20  # lines at the top where a table is the header's own
CLASSIFIED_LINES = 120  # lines of a part (the document, an appended copy) read for their kind


@dataclass
class Piece:
    """A line, or the part of a line that belongs to one header column."""
    text: str
    start: int
    index: int  # position of the line it came from
    kind: str = "other"
    column: int = 0  # 0: a whole line; 1, 2: the left or right part of a line cut in two
    indent: int = 0  # spaces the line opened with (a bullet a PDF lost leaves one or two)

    @property
    def end(self) -> int:
        return self.start + len(self.text)


@dataclass
class Layout:
    pieces: list[Piece]                 # every line of this part, header lines split by column
    header: list[Piece] = field(default_factory=list)
    title: Piece | None = None          # the type name line ("KẾ HOẠCH")
    title_block: list[Piece] = field(default_factory=list)  # lines after the title, before body
    addressees: list[Piece] = field(default_factory=list)   # Kính gửi line and its items
    body: list[Piece] = field(default_factory=list)
    closing: list[Piece] = field(default_factory=list)
    appendix: list[Piece] = field(default_factory=list)  # what follows the signature block
    copy: "Layout | None" = None
    copy_kind: str | None = None
    wrapped: bool = True  # lines may be wrapped parts of paragraphs (PDF, plain text)

    @property
    def formal(self) -> bool:
        """Has the parts of an official document rather than an article about one."""
        kinds = {p.kind for p in self.header}
        return bool(kinds & {"heading", "number"}) or self.title is not None or bool(
            self.addressees) or any(p.kind in ("noi-nhan", "authority") for p in self.closing)


def is_separator(text: str) -> bool:
    """A rule or the Party star, or what OCR makes of them: symbols only (">", "+", "———")."""
    return not re.search(r"[^\W_]", text) and len(text) <= 40
VV_LINE = re.compile(r"^[“\"']?(?:V/v|V/V|v/v|Về việc|VỀ VIỆC|về việc)\b\s*:?\s*")
# "Kính gửi:", and the công điện's "THỦ TƯỚNG CHÍNH PHỦ điện:" before the list it is sent to.
KINH_GUI = re.compile(rf"^[-*\s]*(?:(?i:Kính\s+gửi)\s*[:.]?|[{VIET_UPPER}][{VIET_UPPER}\s]+\s"
                      rf"(?:điện|ĐIỆN)\s*:)\s*\**\s*")
NOI_NHAN = re.compile(r"^[-*\s]*Nơi\s+nhận\s*[:.]?\s*\**\s*", re.I)
# Words a list item opens with, which a wrapped line of the item above does not: how items are
# told apart where a converter dropped their bullets.
ITEM_OPENER = re.compile(r"^(?:Các|Như|Lưu|Đồng chí|Đ/c|Thường trực|TT|BTV|Ban|Sở|Bộ|UBND|"
                          r"Ủy ban|Uỷ ban|HĐND|Văn phòng|VP|Lãnh đạo|Chủ tịch|PCT|Phó|Trưởng|"
                          r"Giám đốc|Cổng|Website|Trung tâm|Cục|Vụ|Đảng ủy|Huyện ủy|Tỉnh ủy)\b")


_BODY_OPENERS = re.compile(r"^[-*\s]*(Căn cứ|Thực hiện|Triển khai|Theo đề nghị|Xét đề nghị|"
                           r"Ngày \d|Để |Nhằm|Trong |Qua |Sau |Hội nghị)")


@lru_cache(maxsize=1)
def number_label() -> re.Pattern:
    """The label before a document's own number: "Số", "Số:", "Nghị quyết số:"."""
    names = "|".join(re.escape(n) for n in sorted(vocabulary()["types"], key=len, reverse=True))
    return re.compile(rf"^(?:Số|SỐ|(?i:{names})\s+(?:số|SỐ))\s*[:.]?\s*(?=\d|$|[.…_/-]+)")


def strip_marks(text: str) -> str:
    """Remove emphasis markers a text export leaves around words ("**T/M BAN**", "*sau*")."""
    if "*" in text:
        text = re.sub(r"\*{1,2}(?=\S)|(?<=\S)\*{1,2}", "", text)
    return text.strip()


_LOWER_LETTER = re.compile(f"[{VIET_LOWER}]")


def is_prose(text: str) -> bool:
    """A line of running text: long, mixed case, not a list item."""
    return (len(text) >= 60 and not is_upper(text)
            and not re.match(r"^[-+•–]\s", text) and not NOI_NHAN.match(text))


def title_type(text: str) -> str | None:
    """The type name if the line is a title ("KẾ HOẠCH", OCR-damaged "K ÉT LUẬN" too)."""
    clean = strip_marks(text)
    if not is_upper(clean) or len(clean) > 30:
        return None
    return type_by_title().get(squash(clean))


@lru_cache(maxsize=1)
def _copy_kinds() -> dict[str, str]:
    return {squash(heading): kind for heading, kind in vocabulary()["copies"]["kinds"].items()}


def copy_kind(text: str) -> str | None:
    """The kind of copy a heading line announces ("SAO LỤC" -> "Sao lục"), else None."""
    if len(text) > 40:
        return None
    clean = strip_marks(text)
    return _copy_kinds().get(squash(clean)) if is_upper(clean) else None


# A numbered or lettered item, or a bullet, opens a paragraph of its own.
_ITEM_START = re.compile(r"^(?:\d{1,2}(?:\.\d{1,2}){0,3}[.)]\s|[a-zđ]\)\s|[IVX]+\.\s|[-+•–—‒−●▪◦○*]\s)")


# A line ending in a joining word or a comma ends no paragraph ("… Đài Phát thanh và").
_OPEN_END = re.compile(r"(?:\s(?:và|của|với|cho|các|những|về|tại|trên|để|hoặc|theo)|,)$")


# Words a justified line was stretched apart with: it is full, not a paragraph's last line.
_JUSTIFIED = re.compile(r"(?<=\S)  (?=\S)")


def paragraphs(pieces: list[Piece], wrapped: bool) -> list[Piece]:
    """One Piece per paragraph, its lines joined with their line breaks, so offsets still
    point into the document text. With wrapped=False every line is a paragraph (Word, web
    pages); otherwise a line continues the one above when that one does not end a sentence and
    either it starts in lower case or the line above is full."""
    out: list[Piece] = []
    # A full line: near the length of most long lines (a proportional font's lines vary).
    lengths = sorted(len(p.text) for p in pieces if p.text)
    full = 0.8 * lengths[len(lengths) * 3 // 4] if lengths else 0
    lines: list[Piece] = []  # the paragraph being gathered, joined once it ends

    def close():
        if lines:
            out.append(Piece("\n".join(p.text for p in lines), lines[0].start, lines[0].index,
                             indent=lines[0].indent))

    for piece in pieces:
        if not piece.text:
            continue
        tail = lines[-1].text if lines else ""
        # A text layer may put a blank line inside a sentence (a page's end, a lost line): a
        # line in lower case after a line that ends no sentence still goes on with it.
        gap = piece.start - lines[-1].end if lines else 0
        joins = (wrapped and lines and (gap == 1 or gap <= 6 and piece.text[0].islower())
                 and not re.search(r"[.:;!?]\s*$", tail) and not is_upper(tail)
                 and not _ITEM_START.match(piece.text) and not is_upper(piece.text)
                 and (piece.text[0].islower() or piece.text[0].isdigit() or len(tail) >= full
                      or piece.text[:2].startswith("(") and piece.text[1:2].islower()
                      or _OPEN_END.search(tail) or len(_JUSTIFIED.findall(tail)) >= 2))
        if joins:
            lines.append(piece)
        else:
            close()
            lines = [piece]
    close()
    return out


_SEPARATOR_RUN = re.compile(r"(?<!\S)(?:[-–—_=*~]{3,}|\\{2,})(?!\S)")
# Where a new header or closing element starts inside a line that holds several: the label of
# a number, a V/v line (quoted or in emphasis), the Kính gửi and Nơi nhận labels, a thẩm quyền
# prefix. Each must follow a space: a line's own start is no cut.
_ELEMENT_START = re.compile(
    r"(?<=\s)(?:(?:Số|SỐ)\s*[:.]?\s*(?=\d|[/…_.]|\s+/)"
    r"|[“\"*]*(?:V/v|V/V|v/v)\b"
    r"|(?:Kính\s+gửi|Nơi\s+nhận)\s*:"
    rf"|(?:T/M|TM\.|KT\.|K/T|TL\.|T/L|TUQ\.)\s*[{VIET_UPPER}])")
_WIDE_GAP = re.compile(r"\s{3,}")


def _cut_at(text: str, start: int, index: int, cut: int, column: int, cell: bool) -> list[Piece]:
    """A line cut in two: its left part, then the right part cut further. The parts of a line
    are its columns (1, 2); the parts of a table cell keep the cell's column."""
    left, right = text[:cut].rstrip(), text[cut:].lstrip()
    right_start = start + len(text) - len(right)
    return [Piece(left, start, index, column=column if cell else column or 1)] + split_columns(
        right, right_start, index, column=column if cell else 2, cell=cell)


def split_columns(text: str, start: int, index: int, *, column: int = 0,
                  cell: bool = False) -> list[Piece]:
    """Cut a line where another element begins inside it: a right-column element of the header
    (heading, motto, place-date), a rule between a name and what follows it, a number label, a
    V/v line, a Kính gửi or Nơi nhận label, a thẩm quyền line. A table cell (cell=True) packs
    its lines into one: wide gaps there separate them too (the signer's name)."""
    if not text.strip():
        return []
    rule = _SEPARATOR_RUN.search(text)
    if rule and (rule.start() > 0 or rule.end() < len(text)):
        pieces = []
        if text[:rule.start()].strip():
            pieces += split_columns(text[:rule.start()].rstrip(), start, index, column=column,
                                    cell=cell)
        pieces.append(Piece(rule.group(0), start + rule.start(), index, column=column))
        rest = text[rule.end():]
        if rest.strip():
            rest_start = start + rule.end() + len(rest) - len(rest.lstrip())
            pieces += split_columns(rest.strip(), rest_start, index, column=column, cell=cell)
        return pieces
    cut = None
    label = number_label().match(text)
    # Wide gaps inside a number or a date at the start are no cut ("Số: 7    /QĐ-BQLCKCN").
    protected = number_extent(text) if label else 0
    place_date = find_place_date(text)
    if place_date and not text[:place_date.place_span[0]].strip():
        protected = place_date.end
    elif not cell and not label and _opens_sentence(text):
        return [Piece(text, start, index, column=column)]  # a sentence: nothing to cut
    heading = find_heading(text)
    if heading and heading[0] > 0:
        cut = heading[0]
    elif heading and len(text[heading[1]:].strip(" -–:").split()) > 2:
        cut = heading[1]  # what a converter ran on after the heading: the motto, a name
    elif label:  # "Số: 454/UBND-NCTH Vị Thanh, ngày 6 tháng 4 năm 2011"
        numbers = find_numbers(text)
        if numbers and find_place_date(text[numbers[0].end:]):
            cut = numbers[0].end
    if cut is None:
        if place_date and place_date.place_span[0] > 0 and text[:place_date.place_span[0]].strip():
            cut = place_date.place_span[0]
    if cut is None:
        element = _ELEMENT_START.search(text, protected)
        if element and not _cites_type(text[:element.start()]):
            cut = element.start()
    if cut is None:
        gap = _WIDE_GAP.search(text, protected)
        if gap and (cell or _signature_element(text[gap.end():])):
            cut = gap.start()
    if not cut or not text[:cut].strip() or (not cell and _running_text(text[:cut])):
        return [Piece(text, start, index, column=column)]
    return _cut_at(text, start, index, cut, column, cell)


def _cites_type(text: str) -> bool:
    """Does text end with a type name, so that a "số" after it cites a document ("QUY ĐỊNH
    SỐ 07-QĐI/TW") instead of starting the header's number line?"""
    words = text.split()
    return any(squash(" ".join(words[-n:])) in type_by_title() for n in (1, 2, 3) if words)


def _running_text(text: str) -> bool:
    """A sentence, which a header element found inside it does not cut ("… ban hành Kế hoạch
    số 149-KH/QU v/v …"): lower-case words, not a label's line or a list item."""
    text = strip_marks(text)
    return bool(_LOWER_LETTER.search(text)) and not (
        number_label().match(text) or VV_LINE.match(text) or KINH_GUI.match(text)
        or NOI_NHAN.match(text) or re.match(r"[-+•–]\s", text) or is_motto(text)
        or _starts_with_place_date(text))


def _opens_sentence(text: str) -> bool:
    """Does the line start as running text, so that any cut would leave a sentence's words on
    its left? (Every cut keeps at least the first word on the left.)"""
    return bool(_LOWER_LETTER.search(text.split(None, 1)[0])) and _running_text(text[:60])


def _starts_with_place_date(text: str) -> bool:
    found = find_place_date(text)
    return found is not None and not text[:found.place_span[0]].strip()


def _signature_element(text: str) -> bool:
    """A thẩm quyền or position line standing right of a wide gap (the closing's columns)."""
    from extractors.parties import authority_line, position_line  # parties reads zones

    return authority_line(text) or position_line(text)


def number_extent(text: str) -> int:
    """Where the number after a "Số" label ends, spaces inside it included."""
    label = number_label().match(text)
    if not label:
        return 0
    found = labelled_number(text[label.end():])
    return label.end() + (found[1] if found else 0)


_TABLE_RULE_CELL = re.compile(r"^:?-{3,}:?$")


def table_cells(text: str, start: int) -> list[tuple[str, int]] | None:
    """The cells of a table row as converters print it ("| a | b |", "a |  | b"), with their
    offsets; None when the line is not such a row."""
    if not (text.startswith("|") or re.search(r"\s\|(?:\s|$)", text)):
        return None
    cells, offset = [], 0
    for part in text.split("|"):
        stripped = part.strip()
        if stripped:
            cells.append((stripped, start + offset + part.index(stripped)))
        offset += len(part) + 1
    return cells


def _layout_cell(text: str) -> bool:
    """Does a table cell hold a part of the page layout (header, Kính gửi, closing) rather than
    content (a task table's row)?"""
    text = strip_marks(text)
    return bool(find_heading(text) or number_label().match(text)
                or KINH_GUI.match(text) or NOI_NHAN.match(text) or find_place_date(text)
                or VV_LINE.match(text) or _ELEMENT_START.search(" " + text))


# Emphasis a converter wrote as Markdown ("*Hà Nội, ngày 02 tháng* *5 năm 2024*"): blanked,
# not removed, so that offsets into the document text hold.
_EMPHASIS = re.compile(r"\*{1,2}(?=\w)|(?<=[\w.,;:)])\*{1,2}")


def line_pieces(text: str, start: int, index: int, *, header_zone: bool,
                indent: int = 0) -> list[Piece]:
    """The pieces of one line: a layout table row cut into its cells, each cut further into
    its elements; a header line cut into its columns' elements; any other line whole."""
    if "*" in text:
        text = _EMPHASIS.sub(lambda m: " " * len(m.group(0)), text)
    if text[:1] == " ":
        stripped = text.lstrip()
        start, text = start + len(text) - len(stripped), stripped
    cells = table_cells(text, start)
    if cells is not None:
        if not cells:
            return [Piece("", start, index, "blank")]
        if all(_TABLE_RULE_CELL.match(c) for c, _ in cells):
            return [Piece(text, start, index, "separator")]
        if len(cells) == 1 and header_zone:  # a cell's edge: "ỦY BAN NHÂN DÂN |"
            return split_columns(*cells[0], index, column=0)
        # The header's own table: a cell holding a layout element, or, at the page's top, a
        # name in capitals ("TỈNH LÀO CAI |  | CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT").
        if any(_layout_cell(c) for c, _ in cells) or (
                index < HEADER_TABLE_LINES and any(is_upper(c) for c, _ in cells)):
            pieces = []
            for n, (cell, cell_start) in enumerate(cells):
                pieces += split_columns(cell, cell_start, index, column=1 if n == 0 else 2,
                                        cell=True)
            return pieces
    if header_zone:
        pieces = split_columns(text, start, index)
        if pieces and pieces[0].start == start:
            pieces[0].indent = indent
        return pieces
    return [Piece(text, start, index, "other" if text else "blank", indent=indent)]


def _number_line(text: str) -> bool:
    """The header's number line: "Số …", or "Nghị quyết số: …" holding nothing but the number
    (a body sentence may start "Nghị quyết số 81/2023/QH15 của Quốc hội")."""
    label = number_label().match(text)
    if not label:
        return False
    if re.match(r"(?i)số", text):
        return True
    numbers = find_numbers(text[label.end():])
    return len(numbers) == 1 and not text[label.end() + numbers[0].end:].strip(" .")


def _carries_on_vv(pieces: list[Piece], i: int, text: str) -> bool:
    """A cited document's type and number under a V/v line ("V/v tổ chức triển khai thực hiện" /
    "Nghị định số 180/2026/NĐ-CP"): the trích yếu goes on; it is not the number line."""
    above = next((p for p in reversed(pieces[:i]) if p.kind != "blank"), None)
    return not re.match(r"(?i)số", text) and above is not None and above.kind in ("vv", "other") \
        and bool(UNFINISHED.search(strip_marks(above.text)) or above.kind == "vv"
                 and not above.text.rstrip().endswith((".", ":")))


def _place_date_across(text: str, following: list[str]) -> int:
    """How many lines a place-date broken over two or three lines takes (0: none); the match
    must start in the first."""
    if not (re.search(r",[\s\d]*(?:ngày[\s\d]*(?:tháng[\s\d]*(?:năm[\s\d]*)?)?)?$", text)
            or place_start(text)):
        return 0  # the first line ends neither in "Place," nor in the place's first words
    for extra in (1, 2):
        if len(following) < extra or not following[extra - 1]:
            return 0
        joined = "\n".join([text] + following[:extra])
        found = find_place_date(joined)
        if found and found.date and found.place_span[0] < len(text) and found.end > len(
                joined) - len(following[extra - 1]):
            return extra + 1
    return 0


def _heading_goes_on(text: str, following: str) -> bool:
    """Does the heading in text carry on into the next line?"""
    if not following or not is_upper(following) or heading_system(following):
        return False
    span = find_heading(text + " " + following)
    return span is not None and span[1] > len(text) + 1


def _classify(pieces: list[Piece]) -> None:
    texts = [strip_marks(p.text) for p in pieces] + [""]
    for i, piece in enumerate(pieces):
        if piece.kind in ("heading", "place-date"):
            continue  # the second half of a heading or date line broken over two lines
        text, following = texts[i], texts[i + 1]
        if not text:
            piece.kind = "blank"
        elif E_SIGNATURE.match(text) or (
                i and pieces[i - 1].kind == "e-signature" and E_SIGNATURE_MORE.match(text)):
            piece.kind = "e-signature"
        elif is_separator(text):
            piece.kind = "separator"
        elif is_mark(text):
            piece.kind = "mark"  # above the issuer, never part of it
        elif is_motto(text):
            piece.kind = "motto"
        elif len(text) < 60 and is_upper(text) and heading_system(text):
            piece.kind = "heading"
            if _heading_goes_on(text, following):  # "CỘNG HÒA XÃ HỘI" / "CHỦ NGHĨA VIỆT NAM"
                pieces[i + 1].kind = "heading"
        elif is_upper(text) and is_upper(following) and heading_system(text + " " + following) \
                and not heading_system(following):
            piece.kind = pieces[i + 1].kind = "heading"  # a heading broken over two lines
        elif _number_line(text) and not _carries_on_vv(pieces, i, text):
            piece.kind = "number"
        elif (place_date := find_place_date(text)) and place_date.date:
            piece.kind = "place-date"
        elif taken := _place_date_across(text, texts[i + 1:i + 3]):
            for part in pieces[i:i + taken]:  # "Sóc Trăng, ngày" / "27 tháng …"
                part.kind = "place-date"
        elif place_date:
            piece.kind = "place-date"  # a date the template leaves blank
        elif VV_LINE.match(text):
            piece.kind = "vv"
        elif KINH_GUI.match(text):
            piece.kind = "kinh-gui"
        elif title_type(text):
            piece.kind = "title"
        elif is_upper(text):
            piece.kind = "upper"


_ANCHORS = {"heading", "motto", "number", "place-date", "vv"}
# What a digital signature's appearance prints ("Ký bởi: Sở Tài chính", "Cơ quan: …", "Thời gian
# ký: 02.04.2026 14:24:26 +07:00"): text copied from a signed PDF carries it, often among the
# header lines; it belongs to no part of the document.
E_SIGNATURE = re.compile(r"(?:Ký\s+bởi|Người\s+ký|Thời\s+gian\s+ký|Ngày\s+ký)\s*:", re.I)
E_SIGNATURE_MORE = re.compile(r"(?:Cơ\s+quan|Tổ\s+chức|Chức\s+vụ|Email|Thời\s+gian)\s*:", re.I)


def _find_header(pieces: list[Piece]) -> tuple[int, int] | None:
    """Index range [first, last] of the header pieces, or None when the page has no header."""
    anchors = []
    non_blank = 0
    for i, piece in enumerate(pieces):
        if piece.kind in ("title", "kinh-gui"):
            break
        if piece.kind == "e-signature":
            continue
        if piece.kind != "blank":
            non_blank += 1
        if non_blank > HEADER_SEARCH_LINES:
            break
        if piece.kind in _ANCHORS:
            anchors.append(i)
        elif anchors and is_prose(piece.text) and piece.kind != "vv":
            break  # running text: the header is over
    strong = [i for i in anchors if pieces[i].kind in ("heading", "motto", "number", "place-date")]
    if not strong:
        return None
    first, last = anchors[0], anchors[-1]
    # The issuer lines stand above the first anchor: climb over upper-case lines and separators.
    while first > 0 and pieces[first - 1].kind in ("upper", "separator", "blank", "e-signature"):
        first -= 1
    while pieces[first].kind in ("blank", "separator", "e-signature"):
        first += 1
    # The trích yếu of a công văn continues below its V/v line or below the number.
    j = last + 1
    while j < len(pieces) and pieces[j].kind in ("other", "blank", "upper", "separator") \
            and not is_prose(pieces[j].text) and not _BODY_OPENERS.match(pieces[j].text) \
            and pieces[j - 1].kind in ("vv", "other", "blank") and _continues_subject(pieces, j):
        j += 1
    return first, max(last, j - 1)


def _continues_subject(pieces: list[Piece], j: int) -> bool:
    """Does the piece at j carry on a trích yếu that started above it?"""
    previous = [p for p in pieces[:j] if p.kind != "blank"]
    if not previous or previous[-1].kind not in ("vv", "other", "number"):
        return False
    text = strip_marks(pieces[j].text)
    return bool(text) and (text[0].islower() or not previous[-1].text.rstrip().endswith((".", ":")))


def _title_block(pieces: list[Piece], start: int) -> tuple[int | None, int]:
    """The title's index (searching a few lines below start) and where its block ends."""
    non_blank = 0
    for i in range(start, len(pieces)):
        piece = pieces[i]
        if piece.kind == "blank":
            continue
        non_blank += 1
        if piece.kind == "title":
            end = i + 1
            while end < len(pieces) and (pieces[end].kind in ("blank", "separator") or (
                    (not is_prose(pieces[end].text)
                     or (_subject_start(pieces[end].text) and _first_after(pieces, i, end))
                     or _short_subject(pieces, i, end)
                     or _continues_line_above(pieces, i, end)
                     or _goes_on_in_lower_case(pieces, i, end))
                    and pieces[end].kind not in ("kinh-gui",)
                    and not (_BODY_OPENERS.match(pieces[end].text)
                             and not _short_subject(pieces, i, end))
                    and not _is_body_item(pieces[end].text))):
                if pieces[end].kind == "separator" and end > i + 1:
                    break
                end += 1
            return i, end
        # A page without header may open with an editor's lead before the title.
        lead_allowed = start == 0 and non_blank <= 3
        if non_blank > 8 or (is_prose(piece.text) and not lead_allowed) or \
                piece.kind == "kinh-gui":
            break
    return None, start


# A trích yếu line that stops on a linking word or a comma goes on in the next line.
UNFINISHED = re.compile(r"(?:\b(?:của|về|và|cho|tại|trên|với|các|đối với|giai đoạn|năm|trong|đến|"
                        r"theo|thuộc|từ)|,)\s*$")


def _continues_line_above(pieces: list[Piece], title: int, index: int) -> bool:
    """Does the line at index carry on a trích yếu line above it that stopped mid-phrase
    ("… ban hành kèm theo" / "Quyết định số 99-QĐ/TW ngày … của Ban Bí thư …")?"""
    above = [p for p in pieces[title + 1:index] if p.text]
    return bool(above) and not is_upper(above[-1].text) and bool(
        UNFINISHED.search(strip_marks(above[-1].text)))


def _goes_on_in_lower_case(pieces: list[Piece], title: int, index: int) -> bool:
    """A line in lower case under title lines carries them on: no sentence opens in lower case
    ("NGHỊ QUYẾT HỘI NGHỊ LẦN THỨ BA BAN CHẤP HÀNH TRUNG ƯƠNG KHÓA XIV" / "về bảo vệ môi
    trường …" / "trong thời kỳ mới")."""
    text = strip_marks(pieces[index].text)
    return bool(text) and text[0].islower() and any(
        p.text for p in pieces[max(title + 1, index - 4):index])  # bounded: no rescan per line


def _short_subject(pieces: list[Piece], title: int, index: int) -> bool:
    """The first line under a title reads as a trích yếu even when it opens like a sentence
    ("Triển khai công tác …", "Thực hiện Chỉ thị số …"): short, with no sentence end."""
    text = strip_marks(pieces[index].text)
    return (_first_after(pieces, title, index) and len(text) < 120
            and not re.search(r"[.:;]$", text) and not re.match(r"(?:-\s*)?Căn cứ", text))


def _first_after(pieces: list[Piece], title: int, index: int) -> bool:
    """Is pieces[index] the first line with text after the title (separators aside)?"""
    return index - title <= 8 and all(p.kind in ("blank", "separator") for p in pieces[title + 1:index])


def _subject_start(text: str) -> bool:
    """A trích yếu line right under a title, however long: "về …", "V/v …", upper case, any
    line starting in lower case (a Party trích yếu does), or a name of the matter that ends
    without a sentence's stop ("Tổ chức đêm nhạc giao lưu nhằm gây quỹ từ thiện “…”")."""
    text = strip_marks(text)
    return bool(re.match(r"^(?:Về|V/v|v/v)\s", text)) or text[:1].islower() or is_upper(text) \
        or (len(text) < 160 and not re.search(r"[.;:,]\s*$", text)
            and not _BODY_OPENERS.match(text))


def _is_body_item(text: str) -> bool:
    return bool(re.match(r"^(?:[IVX]+\.|\d+\.|[a-zđ]\)|Điều \d|Chương [IVX]|Phần)", text))


def _addressee_block(pieces: list[Piece], start: int) -> tuple[int | None, int]:
    """The Kính gửi line's index at or after start, and the index after its last item. Items
    are bulleted lines, their wrapped second lines, or (with the label alone on its line) the
    one addressee below it; a rule, a paragraph or a body opener ends the list."""
    for i in range(start, min(len(pieces), start + 40)):
        label = KINH_GUI.match(pieces[i].text)
        if label:
            inline = strip_marks(pieces[i].text[label.end():])
            end = i + 1
            seen_blank = False
            while end < len(pieces):
                piece = pieces[end]
                text = strip_marks(piece.text)
                if piece.kind in _HEADER_KINDS:
                    pass  # a header column emitted after the label: gathered back later
                elif piece.kind == "separator":
                    if pieces[end - 1].kind not in _HEADER_KINDS:
                        break  # a table row's end, a rule under the list
                elif not text:
                    seen_blank = True
                elif re.match(r"^[-+•–]\s*", text):
                    seen_blank = False
                elif _BODY_OPENERS.match(text) or is_prose(text):
                    break
                elif end == i + 1 and (not inline or (
                        len(text) < 80 and not inline.endswith(".")
                        and (text[0].islower() or ITEM_OPENER.match(text)))):
                    pass  # the addressees below "Kính gửi:", or the inline one's next line
                elif (not seen_blank and len(text) < 80 and end > i + 1
                      and not re.search(r"[.]\s*$", strip_marks(pieces[end - 1].text))):
                    pass  # the wrapped second line of an item, or an item without its bullet
                else:
                    break
                end += 1
            while end > i + 1 and not pieces[end - 1].text:
                end -= 1
            return i, end
        if is_prose(pieces[i].text) and i > start + 3:
            break
    return None, start


def _closing_start(pieces: list[Piece], end: int) -> int:
    """Where the closing (Nơi nhận, signature) begins when there is no Nơi nhận label: at the
    first signature line after the last line of running text; the end when there is none (an
    article, a document cut short), so that short last items stay in the body."""
    from extractors.parties import authority_line, position_line  # parties reads zones

    last_prose = -1
    for i in range(end):
        if is_prose(pieces[i].text):
            last_prose = i
    for i in range(last_prose + 1, end):
        if authority_line(pieces[i].text) or position_line(pieces[i].text):
            return i
    return end


# What follows a signature block and is not part of it: an appendix and its heading.
_APPENDIX = re.compile(r"^(?:PHỤ LỤC|Phụ lục|DANH MỤC|DANH SÁCH|BẢNG|Biểu|BIỂU)\b")


# A note in brackets on its own line where a seal or signature stands ("[Đã ký]", "(đã ký và
# đóng dấu)", a transcriber's "[red seal: …; signature]"): it is not running text.
_EDITOR_NOTE = re.compile(r"^\s*(?:\[[^\]]*\]|\([^)]*\))\s*$")


def _closing_span(pieces: list[Piece], cursor: int) -> tuple[int, int]:
    """[start, end) of the closing. It starts at the Nơi nhận label, or earlier where the
    signature block stands between the last paragraph and the label; it ends before an
    appendix (phụ lục, danh sách …) or any running text that follows the signature block."""
    from extractors.parties import signature_piece  # parties reads zones

    end = len(pieces)
    label = next((i for i in range(cursor, end) if NOI_NHAN.match(pieces[i].text)), None)
    if label is None:
        label = _signature_row(pieces, cursor)
    if label is None:
        return max(cursor, _closing_start(pieces, end)), end
    last_prose = _paragraph_end(pieces, max(
        (i for i in range(cursor, label) if is_prose(pieces[i].text)), default=cursor - 1),
        label)
    start = max(cursor, min(label, last_prose + 1))
    signed = False
    for i in range(start, end):
        text = pieces[i].text
        if signature_piece(text):
            signed = True
        elif signed and i > label and not _EDITOR_NOTE.match(text) and (
                is_prose(text) or _APPENDIX.match(strip_marks(text))):
            return start, i
    return start, end


def _paragraph_end(pieces: list[Piece], last_prose: int, label: int) -> int:
    """The body's last line, given its last long line: the short lines after it that end the
    sentence left open above ("đồng chí X) trước ngày 09/5/2023."), are items of its list
    ("- Báo cáo kết quả trước ngày 30/6.") or short sentences and headings of their own are
    still the body's, up to a signature line."""
    from extractors.parties import signature_piece  # parties reads zones

    last = last_prose
    for i in range(last_prose + 1, label):
        text = pieces[i].text.strip()
        if not text:
            continue
        above = pieces[last].text.rstrip() if last >= 0 else ""
        ends_open = last >= 0 and not re.search(r"[.:;!?]$", above)
        item = _ITEM_START.match(text)
        sentence = re.search(r"[.;:!]$", text) and len(text.split()) > 2  # or a heading
        if signature_piece(text) or is_upper(text) or not (item or sentence or ends_open):
            break
        last = i
    return last


def _signature_row(pieces: list[Piece], cursor: int) -> int | None:
    """Where the closing starts when its Nơi nhận label was lost: the first piece of the line
    that holds a thẩm quyền cut from what stood beside it ("- Như Điều 3; | TM. ỦY BAN NHÂN
    DÂN |"), if such a line exists."""
    from extractors.parties import authority_line

    for i in range(cursor, len(pieces)):
        if pieces[i].column == 2 and authority_line(pieces[i].text):
            row = pieces[i].index
            first = i
            while first > cursor and pieces[first - 1].index == row:
                first -= 1
            return first
    return None


def _closing_order(closing: list[Piece]) -> list[Piece]:
    """The Nơi nhận list first, then the signature block: text that prints the two columns
    side by side interleaves them line by line ("Nơi nhận:      KT. GIÁM ĐỐC"). What stood
    right of a cut, and signature lines standing alone, are the signature's column."""
    from extractors.parties import continuation, signature_piece, split_signature_run

    left, right = [], []
    follows_right = False  # the last line with text went to the signature's column
    for piece in closing:
        if not piece.text:
            continue
        goes_right = piece.column == 2 or signature_piece(piece.text) or (
            follows_right and continuation(piece.text))  # "TM. BAN THƯỜNG VỤ TỈNH" / "ĐOÀN"
        (right if goes_right else left).append(piece)
        follows_right = goes_right
    return left + [part for piece in right for part in split_signature_run(piece)]


def _copy_split(pieces: list[Piece]) -> tuple[int, str] | None:
    """(first line of the copy, its kind) when a bản sao follows the original."""
    from extractors.parties import signature_lines  # the signature block tells where to cut

    headings = [(i, kind) for i, p in enumerate(pieces) if (kind := copy_kind(p.text))]
    if not headings:
        return None
    index, kind = headings[-1]
    original = pieces[:index]
    if not any(NOI_NHAN.match(p.text) for p in original) and not any(
            is_prose(p.text) for p in original):
        return None  # the heading is at the top: the whole file is a copy of something else
    closing = _closing_span(original, 0)[0]
    block = signature_lines(original[closing:], first=True)
    start = index
    if block:
        start = closing + block[-1] + 1
        while start < index and not pieces[start].text:
            start += 1
    return start, kind


_HEADER_KINDS = ("heading", "motto", "place-date", "number")


def _gather_header(layout: Layout) -> None:
    """Header elements that a reader put after the title or the Kính gửi list (a right column
    emitted after the left one, "Kính gửi:" included) go back to the header."""
    for part in ("title_block", "addressees"):
        pieces = getattr(layout, part)
        stray = [p for p in pieces if p.kind in _HEADER_KINDS]
        if stray:
            layout.header += stray
            setattr(layout, part, [p for p in pieces if p.kind not in _HEADER_KINDS
                                   and p.kind != "separator"])


def _lay_out(pieces: list[Piece], wrapped: bool, *, copy_allowed: bool = True) -> Layout:
    layout = Layout(pieces=pieces, wrapped=wrapped)
    # Kinds matter where header, title and Kính gửi can be; the rest is read by text alone.
    _classify(pieces[:CLASSIFIED_LINES])
    if copy_allowed and (split := _copy_split(pieces)):
        start, kind = split
        copy_pieces = pieces[start:]
        layout.copy = _lay_out(copy_pieces, wrapped, copy_allowed=False)
        layout.copy_kind = kind
        pieces = pieces[:start]
        layout.pieces = pieces
    header = _find_header(pieces)
    cursor = 0
    if header:
        first, last = header
        layout.header = [p for p in pieces[first:last + 1] if p.kind not in ("blank", "e-signature")]
        cursor = last + 1
    title, after_title = _title_block(pieces, cursor)
    if title is not None:
        layout.title = pieces[title]
        layout.title_block = [p for p in pieces[title + 1:after_title] if p.kind != "blank"]
        cursor = after_title
    kinh_gui, after_list = _addressee_block(pieces, cursor)
    if kinh_gui is not None:
        layout.addressees = pieces[kinh_gui:after_list]
        cursor = after_list
    _gather_header(layout)
    closing, appendix = _closing_span(pieces, cursor)
    layout.body = pieces[cursor:closing]
    layout.closing = _closing_order(pieces[closing:appendix])
    layout.appendix = pieces[appendix:]
    for piece in layout.closing:
        if NOI_NHAN.match(piece.text):
            piece.kind = "noi-nhan"
    return layout


# A line past the header zone that may hold the closing's two columns or one of its labels.
_CLOSING_HINT = re.compile(r"\S\s{3,}\S|Nơi\s+nhận|(?:T/M|TM\.|KT\.|K/T|TL\.|T/L|TUQ\.)\s")


def lay_out(text: Text) -> Layout:
    """The layout of a document's main text (footnotes, page headers and footers left out)."""
    pieces: list[Piece] = []
    for index, line in enumerate(text.lines):
        if line.zone not in ("body", "textbox"):
            continue
        pieces.extend(line_pieces(line.text, line.start, index,
                                  header_zone=index < CLASSIFIED_LINES
                                  or bool(_CLOSING_HINT.search(line.text)), indent=line.indent))
    return _lay_out(pieces, wrapped=text.format not in ("docx", "html"))
