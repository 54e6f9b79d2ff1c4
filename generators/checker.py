"""Check a .docx against a format profile (the one the drafts use): `vanthu check`.

Each component is found first, wherever the writer put it (a layout table, typed paragraphs
above or beside a table, a text box, the page header), then checked: its wording against the
rule's pattern, its resolved formatting (generators/docx_model.py) against the profile. The
parser's record names the issuer, the type, the signer and the citations. A document has
parts: the document itself, its appendices (a phụ lục has no Quốc hiệu or Nơi nhận of its own)
and copy blocks (Sao y, Sao lục, Trích sao), each checked with its own rules.

Rule ids follow shared/spec/format-spec.md §7. Severity: a rule the profile's `[checker] warn`
names is a warning; a rule on a value the profile lists as `uncertain` warns, unless the value
is outside what any source allows (`[allowed]`): then it is an error whatever the system.
A draft (blank number, blank day) is noted as one, not reported as malformed.
"""
from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from dataclasses import dataclass, field, replace

from generators.docx_model import TWIPS_PER_MM, Para, read_model
from generators.profile import uncertain
from pipeline.readers.docx import read_docx
from pipeline.text import canonical_tones, collapse, is_upper

CENTER, LEFT, RIGHT, JUSTIFY = 1, 0, 2, 3
MM_TOLERANCE = 0.3
ALIGN_NAMES = {CENTER: "căn giữa", LEFT: "căn trái", JUSTIFY: "căn đều hai bên", RIGHT: "căn phải"}
QUOC_HIEU = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
PARTY = "ĐẢNG CỘNG SẢN VIỆT NAM"
NUMBER_LINE = re.compile(r"^Số\s*:?\s*(\d|[/\-.…_]|$)", re.I)
DATE_LINE = re.compile(r"^(?P<place>[^\d,:;]{2,60}?)\s*(?P<comma>,?)\s*ngày(?P<d>[\s\d.…_]*?)"
                       r"\s*tháng(?P<m>[\s\d.…_]*?)\s*năm\s*(?P<y>\d{4}|[.…_\s]*)\s*$")
COPY_HEADING = re.compile(r"^(SAO Y( BẢN CHÍNH)?|SAO LỤC|TRÍCH SAO)$")
APPENDIX = re.compile(r"^(PHỤ LỤC|Phụ lục)(\s+[IVXLC\d]+)?\s*[.:]?(\s|$)")
SYMBOL_FONTS = re.compile(r"^(Wingdings|Webdings|Symbol|MT Extra|Marlett)", re.I)
DEGREE = re.compile(r"^(GS|PGS|TS|ThS|KS|BS|CN|TSKH|Đại tá|Thượng tá|Trung tá|Thiếu tá|"
                    r"Đại úy|Thượng úy)\.?\s")


@dataclass
class Finding:
    rule: str
    severity: str          # "error" | "warning" | "note"
    message: str           # for a clerk, in Vietnamese
    expected: str
    found: str
    paragraph: int | None = None
    excerpt: str | None = None

    def to_dict(self) -> dict:
        return {"rule": self.rule, "severity": self.severity, "message": self.message,
                "expected": self.expected, "found": self.found,
                "where": {"paragraph": self.paragraph, "excerpt": self.excerpt}}


@dataclass
class Report:
    path: str
    profile: str
    findings: list[Finding] = field(default_factory=list)

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "error"]


def _shown(value) -> str:
    """A rule's value as a clerk reads it: 14, 13–14, có, không."""
    if isinstance(value, (tuple, list)):
        low, high = value
        return f"{low:g}" if low == high else f"{low:g}–{high:g}"
    if isinstance(value, bool):
        return "có" if value else "không"
    if isinstance(value, float):
        return f"{value:g}"
    return "không rõ" if value is None else str(value)


def _key(text: str) -> str:
    return canonical_tones(collapse(text)).casefold()


def _same(a: str, b: str) -> bool:
    return _key(a) == _key(b)


def _black(colour: str | None) -> bool:
    """Black, automatic, or a grey too dark to tell from black on paper (1B1C1D)."""
    if colour in (None, "auto"):
        return True
    try:
        return all(int(colour[i:i + 2], 16) < 0x40 for i in (0, 2, 4))
    except ValueError:
        return True


def _all_caps(para: Para) -> bool:
    shown = para.shown()
    return shown == shown.upper()


@dataclass
class _Parts:
    """Where the document's parts lie: indexes into the pieces."""
    front_end: int          # header components lie before it
    main_end: int           # the document itself (body, signature, Nơi nhận) before it
    appendices: list[int]   # where each appendix starts
    copy_start: int | None  # where the copy block starts


class _Checker:
    def __init__(self, data: bytes, profile: dict, today: dt.date | None = None,
                 archive=None, editable: bool = False):
        from pipeline.parse import extract
        self.profile = profile
        self.system = profile["system"]
        self.model = read_model(data, editable)
        self.document, self.paras = self.model.document, self.model.paras
        self.record = extract(_text(data), {"path": ""})
        settings = profile.get("checker", {})
        self.warn, self.off = set(settings.get("warn", [])), set(settings.get("off", []))
        self.today = today or dt.date.today()
        self.archive = archive
        self.findings: list[Finding] = []
        self.parts = self._parts()
        self.number_para = self._number()
        self.date_para = self._date()
        # A Đoàn, Hội or Mặt trận document writes in the Party's layout under its own heading
        # and its own guideline: the Party's rules are shown for reference, as warnings.
        self.other_body = next((o for o in profile["heading"].get("others", [])
                                if self.find(o, self.front())), None)

    # --- reporting ------------------------------------------------------------------------
    def add(self, rule: str, message: str, expected, found, para: Para | None = None,
            keys: tuple[str, ...] = (), got=None, severity: str | None = None) -> None:
        """One finding. `keys` name the profile values the rule rests on: an uncertain one
        softens it to a warning, unless `got` is outside what any source allows."""
        if rule in self.off:
            return
        if severity is None:
            soft = rule in self.warn or any(uncertain(self.profile, k) for k in keys if k)
            if soft and rule not in self.warn and got is not None and any(
                    self._disallowed(k, got) for k in keys if k):
                soft = False
            severity = "warning" if soft or self.other_body else "error"
        self.findings.append(Finding(rule, severity, message, _shown(expected), _shown(found),
                                     para.index if para else None,
                                     para.text[:80] if para else None))

    def _disallowed(self, key: str, got) -> bool:
        allowed = self.profile.get("allowed", {}).get(key)
        if allowed is None or not isinstance(got, (int, float)):
            return False
        return not allowed[0] - MM_TOLERANCE <= got <= allowed[1] + MM_TOLERANCE

    def style(self, rule: str, para: Para | None, what: str, *, size=None, bold=None,
              italic=None, underline=None, align=None, keys: tuple = ()) -> None:
        """Compare a piece's main formatting with what the profile wants; `keys` name the
        profile values of size, bold, italic, underline (for uncertainty)."""
        if para is None or (run := para.main()) is None:
            return
        keys = tuple(keys) + ("",) * 4
        for (name, want, got), key in zip((("cỡ chữ", size, run.size),
                                           ("chữ đậm", bold, run.bold),
                                           ("chữ nghiêng", italic, run.italic),
                                           ("gạch chân", underline, run.underline)), keys):
            if want is None:
                continue
            if isinstance(want, (tuple, list)):
                ok = got is not None and want[0] <= got <= want[1]
            else:
                ok = bool(got) == want
            if not ok:
                self.add(rule, f"{what}: {name} chưa đúng quy định", want, got, para,
                         (key,), got=got if name == "cỡ chữ" else None)
        if align is not None and para.whole and para.alignment != align:
            by_hand = para.lead_spaces >= 3 and para.alignment == LEFT
            self.add(rule, f"{what}: cần {ALIGN_NAMES[align]}" + (
                " (đang đẩy vào bằng dấu cách)" if by_hand else ""), ALIGN_NAMES[align],
                ALIGN_NAMES.get(para.alignment, para.alignment), para,
                severity="warning" if by_hand else None)

    def size_range(self, section: str, key: str = "size") -> tuple:
        """The sizes a component may have: the profile's range, or its one value."""
        rules = self.profile[section]
        if f"{key}_range" in rules:
            return tuple(rules[f"{key}_range"])
        return (rules[key], rules[key])

    # --- finding the parts ----------------------------------------------------------------
    def _parts(self) -> _Parts:
        paras = self.paras
        title = self._title_para(0, len(paras))
        if title is not None:
            front_end = title.index
        else:
            front_end = next((p.index for p in paras if len(p.text) > 160
                              or p.text.startswith(("Kính gửi", "Kính trình"))), len(paras))
            front_end = min(front_end, 40)
        label = next((p for p in paras[front_end:] if re.match(r"^Nơi nhận\s*:", p.text)), None)
        after = label.index if label else front_end
        copy_head = next((p for p in paras[after + 1:] if COPY_HEADING.match(_key(
            p.shown()).upper()) and len(p.text) < 20), None)
        copy_start = None
        if copy_head is not None:
            copy_start = copy_head.index
            if copy_head.cell:
                copy_start = next(p.index for p in paras if p.cell and p.cell[0] ==
                                  copy_head.cell[0])
        end = copy_start if copy_start is not None else len(paras)
        appendices = [p.index for p in paras[after + 1:end]
                      if APPENDIX.match(p.text) and len(p.text) < 60 and p.part == 0]
        main_end = min([end, *appendices])
        return _Parts(front_end, main_end, appendices, copy_start)

    def front(self) -> list[Para]:
        return self.paras[:self.parts.front_end]

    def main_part(self) -> list[Para]:
        return self.paras[:self.parts.main_end]

    def find(self, text: str | None, paras: list[Para] | None = None) -> Para | None:
        if not text:
            return None
        key = _key(text)
        for para in paras if paras is not None else self.main_part():
            if _key(para.text) == key:
                return para
        return None

    def _title_para(self, start: int, end: int) -> Para | None:
        doc_type = self.record.doc_type
        if doc_type in (None, "Công văn"):
            return None
        key = _key(doc_type)
        return next((p for p in self.paras[start:end][:80] if _key(p.text) == key
                     and p.where != "page-header"), None)

    def _number(self) -> Para | None:
        para = next((p for p in self.front() if NUMBER_LINE.match(p.text)
                     and len(p.text) < 60), None)
        if para is not None and re.fullmatch(r"Số\s*:?", para.text) and \
                para.index + 1 < len(self.paras):
            # "Số:" and its number on the next line of the same cell: one component
            rest = self.paras[para.index + 1]
            if rest.cell == para.cell and rest.where == para.where and re.match(
                    r"^[\d/.…_-]", rest.text):
                para = replace(para, text=f"{para.text} {rest.text}", runs=para.runs + rest.runs,
                               whole=False)
        return para

    def _date(self) -> Para | None:
        return next((p for p in self.front() if DATE_LINE.match(p.text)), None)

    def line_after(self, para: Para, stop: int | None = None) -> bool:
        """A line under the piece: its bottom border, a line shape anchored in it or in the
        pieces after it (up to `stop`), a paragraph of "____", or the top border of the next."""
        run = para.main()
        if para.has_bottom_border or para.line_shape or (run is not None and run.underline):
            return True  # an underlined line draws its own line, as long as the text
        limit = stop if stop is not None else para.index + 3
        for other in self.paras[para.index + 1:limit + 1]:
            if other.line_shape or (not other.text and other.has_bottom_border) or (
                    other.has_top_border and other.index == para.index + 1):
                return True
            if other.text and other.index > para.index + 1 and not other.line_shape:
                break
        return False

    # --- page and fonts -------------------------------------------------------------------
    def page(self) -> None:
        rules = self.profile["page"]
        names = {"top": "trên", "bottom": "dưới", "left": "trái", "right": "phải"}
        several = len(self.model.sections) > 1
        found: dict = {}  # the same finding in several sections is reported once, naming them
        for section in self.model.sections:
            if section.width_mm is None or section.height_mm is None:
                continue
            short, long_ = sorted((section.width_mm, section.height_mm))
            if abs(short - rules["width_mm"]) > MM_TOLERANCE or abs(
                    long_ - rules["height_mm"]) > MM_TOLERANCE:
                found.setdefault(("PG-1", "Khổ giấy phải là A4 (210 × 297 mm)",
                                  f"{rules['width_mm']} × {rules['height_mm']} mm",
                                  f"{section.width_mm:.1f} × {section.height_mm:.1f} mm", None,
                                  ()), []).append(section.number)
            if section.landscape:
                table = section.table_share >= 0.5
                found.setdefault(("PG-2", "Trang nằm ngang: " + (
                    "chỉ dùng khi nội dung là bảng rộng (hoặc tách thành phụ lục)" if table
                    else "văn bản trình bày theo chiều dài khổ A4"), "khổ dọc",
                    "khổ ngang" + (", nội dung là bảng" if table else ""), None, ()),
                    []).append(section.number)
            for side, rule in (("top", "PG-3"), ("bottom", "PG-4"), ("left", "PG-5"),
                               ("right", "PG-6")):
                got = section.margins_mm.get(side)
                if got is None:
                    continue
                low, high = rules[f"margin_{side}_range"]
                if not low - MM_TOLERANCE <= got <= high + MM_TOLERANCE:
                    found.setdefault((rule, f"Lề {names[side]} chưa đúng quy định",
                                      f"{_shown((low, high))} mm", f"{got:.1f} mm", round(got, 1),
                                      (f"page.margin_{side}_mm",)), []).append(section.number)
        for (rule, message, expected, got_text, got, keys), numbers in found.items():
            at = f" (phần {', '.join(map(str, numbers))})" if several else ""
            self.add(rule, message + at, expected, got_text, keys=keys, got=got)

    def fonts(self) -> None:
        wanted = self.profile["page"]["font"]
        wrong_font: dict = {}
        colours: list[Para] = []
        for para in self.paras:
            for run in para.runs:
                if not run.text.strip():
                    continue
                if run.font != wanted and not (run.font or "").startswith(wanted + " (") and \
                        not SYMBOL_FONTS.match(run.font or ""):
                    wrong_font.setdefault(run.font or "không rõ (mặc định của Word)", para)
                if not _black(run.color) or run.highlight not in (None, "none"):
                    colours.append(para)
        for font, para in wrong_font.items():
            count = sum(1 for p in self.paras for r in p.runs if r.text.strip() and
                        (r.font or "không rõ (mặc định của Word)") == font)
            self.add("FN-1", f"Phông chữ phải là {wanted} ({count} đoạn chữ dùng {font})",
                     wanted, font, para)
        if colours:
            self.add("FN-2", f"Chữ màu đen, không tô nền ({len(colours)} đoạn có màu)",
                     "đen, không tô", "có màu hoặc tô nền", colours[0])
        for chunk in self.model.alt_chunks:
            self.add("NC-1", "Phần nhúng (altChunk) chỉ hiện khi Word mở tệp: chưa kiểm tra "
                     "được, hãy chép nội dung vào văn bản", "nội dung trong văn bản", chunk,
                     severity="warning")

    def page_numbers(self) -> None:
        section = self.model.sections[0]
        long_document = len(self.paras) > 45 or len(self.model.sections) > 1
        if not long_document:
            return
        header = section.header_xml
        if "PAGE" not in header or not section.title_page:
            self.add("PN-1", "Số trang đặt ở lề trên, giữa, không đánh số trang đầu",
                     "trường PAGE ở đầu trang, trang đầu không số",
                     "không có số trang" if "PAGE" not in header else "trang đầu có số")
            return
        # the sizes set in the paragraph that holds the PAGE field
        numbered = [p for p in re.findall(r"<w:p[ >].*?</w:p>", header, re.S) if "PAGE" in p]
        sizes = [int(v) / 2 for p in numbered for v in re.findall(r'<w:sz w:val="(\d+)"', p)]
        low, high = self.size_range("page_number")
        wrong = [size for size in sizes if not low <= size <= high]
        if wrong:
            self.add("PN-2", "Cỡ chữ số trang chưa đúng quy định", (low, high), wrong[0],
                     keys=("page_number.size",), got=wrong[0])

    # --- header ---------------------------------------------------------------------------
    def header(self) -> None:
        heading = self.profile["heading"]
        front = self.front()
        first_rule = "HD-3" if self.system == "party" else "HD-1"
        found = []
        for n, (line, size, bold) in enumerate(zip(heading["lines"], heading["sizes"],
                                                    heading["bold"])):
            rule = first_rule if n == 0 else "HD-2"
            para = self.find(line, front)
            if para is None and n == 1:
                para = next((p for p in front if _key(p.text.replace("–", "-")) == _key(line)),
                            None)
                if para is not None:
                    self.add("HD-2", "Tiêu ngữ dùng dấu gạch nối “-” có cách chữ, không dùng "
                             "“–”", line, para.text, para, severity="warning")
            found.append(para)
            if para is None:
                others = [o for o in heading.get("others", []) if self.find(o, front)]
                if others:
                    self.add(rule, f"Tiêu đề “{others[0]}”: văn bản của tổ chức chính trị - "
                             f"xã hội, theo hướng dẫn riêng; dòng tiêu đề không kiểm tra",
                             line, others[0], severity="note")
                    return
                self.add(rule, f"Thiếu dòng “{line}” ở đầu văn bản", line, "không có")
                continue
            if n == 0 and not _all_caps(para):
                self.add(rule, "Dòng tiêu đề viết in hoa", line, para.text, para)
            sizes = (size - 1, size) if self.system == "state" else (size, size)
            self.style(rule, para, f"Dòng “{line}”", size=sizes, bold=bold, align=CENTER,
                       keys=("heading.sizes", "heading.bold"))
        last = found[-1] if found else None
        if last is not None and not self.line_after(last, self.date_para.index if
                                                   self.date_para else None):
            self.add("HD-2" if self.system == "state" else "HD-3",
                     f"Dưới dòng “{last.text}” phải có đường kẻ ngang", "đường kẻ", "không có",
                     last)
        if self.system == "state" and len(found) == 2 and all(found):
            self._size_consistency(*found)
        self.issuer()
        self.order(found)

    def _size_consistency(self, quoc_hieu: Para, motto: Para) -> None:
        sizes = [p.main().size if p and p.main() else None
                 for p in (quoc_hieu, motto, self.date_para)]
        pairs = self.profile["heading"].get("consistent", {})
        want = pairs.get(_shown(sizes[0]))
        if want and sizes[1] is not None and (sizes[1] != want[0] or (
                sizes[2] is not None and sizes[2] != want[1])):
            self.add("HD-7", "Cỡ chữ Quốc hiệu, Tiêu ngữ và ngày tháng phải tương ứng (13/14/14 "
                     "hoặc 12/13/13)", f"{_shown(sizes[0])}/{want[0]}/{want[1]}",
                     "/".join(_shown(s) for s in sizes), quoc_hieu)

    def issuer_paras(self) -> tuple[list[Para], Para | None]:
        """The issuer's lines (the name last) and its parent's line. From the record; when the
        parser named none, the capitals of the number's column that are no heading."""
        issuer = self.record.issuer or {}
        front = self.front()
        if issuer.get("name"):
            names = [p for p in front if _key(p.text) in _key(issuer["name"])
                     and len(p.text) > 2 and not NUMBER_LINE.match(p.text)]
            return names, self.find(issuer.get("parent"), front)
        number = self.number_para
        if number is None:
            return [], None
        headings = {_key(line) for line in self.profile["heading"]["lines"] + self.profile[
            "heading"].get("others", [])} | {_key(QUOC_HIEU), _key(PARTY)}
        column = [p for p in front if p.text and p.cell == number.cell and p is not number
                  and is_upper(p.shown()) and _key(p.text) not in headings
                  and len(p.text) < 80 and p.text != "*"]
        return column[-1:], (column[-2] if len(column) > 1 else None)

    def issuer(self) -> None:
        rules = self.profile["issuer"]
        front = self.front()
        names, parent = self.issuer_paras()
        name = names[-1] if names else None
        if name is None:
            return
        keys = ("issuer.size", "issuer.bold")
        for para in names:
            if not is_upper(para.shown()) and not _all_caps(para):
                self.add("HD-4", "Tên cơ quan ban hành viết in hoa", para.text.upper(),
                         para.text, para)
        self.style("HD-4", name, "Tên cơ quan ban hành", size=self.size_range("issuer"),
                   bold=rules["bold"], keys=keys)
        if parent is not None:
            self.style("HD-4", parent, "Tên cơ quan chủ quản",
                       size=self.size_range("issuer", "parent_size"), bold=rules["parent_bold"],
                       keys=("issuer.parent_size", "issuer.parent_bold"))
        star = next((p for p in front[name.index + 1:name.index + 3] if p.text), None) \
            if name.index + 1 < len(front) else None
        has_star = star is not None and star.text == "*"
        stop = self.number_para.index if self.number_para and \
            self.number_para.index > name.index else None
        if rules["separator"] == "*":
            if not has_star:
                self.add("HD-5", "Dưới tên cơ quan ban hành phải có dấu sao (*)", "*",
                         star.text[:20] if star else "không có", name)
        elif has_star or not self.line_after(name, stop):
            self.add("HD-5", "Dưới tên cơ quan ban hành phải có đường kẻ ngang", "đường kẻ",
                     "*" if has_star else "không có", name)

    def order(self, headings: list) -> None:
        """Left: issuer, then number; right: heading, then date — in the same column."""
        names = self.issuer_paras()[0]
        name = names[-1] if names else None
        pairs = [(name, self.number_para, "tên cơ quan ban hành ở trên số, ký hiệu"),
                 (headings[0] if headings else None, self.date_para,
                  "tiêu đề ở trên địa danh, ngày tháng")]
        for upper, lower, what in pairs:
            if upper is None or lower is None or upper.where != lower.where:
                continue
            same_column = (upper.cell and lower.cell and upper.cell[0] == lower.cell[0]
                           and upper.cell[2] == lower.cell[2]) or upper.cell is None
            if same_column and lower.index < upper.index:
                self.add("HD-6", f"Thứ tự các thành phần: {what}", what, "ngược lại", lower)

    # --- number and date ------------------------------------------------------------------
    def number(self) -> None:
        para = self.number_para
        party = self.system == "party"
        rule = "NB-3" if party else "NB-1"
        if party:
            pattern = r"^Số (0[1-9]|[1-9]\d+)-([A-ZĐ][A-Za-zĐđ]*)/([A-ZĐƯ][A-ZĐƯ0-9]*)$"
            blank = r"^Số\s*-\s*([A-ZĐ][A-Za-zĐđ]*)/([A-ZĐƯ][A-ZĐƯ0-9]*)$"
            expected = "Số <số>-<tên loại>/<cơ quan> (không có dấu hai chấm)"
        else:
            pattern = (r"^Số: (0[1-9]|[1-9]\d+)/(\d{4}/)?([A-ZĐ][A-Za-zĐđ]*)"
                       r"(-[A-ZĐ0-9][A-Za-zĐđ0-9&.]*)+$")
            blank = r"^Số:\s*/([A-ZĐ][A-Za-zĐđ]*)(-[A-ZĐ0-9][A-Za-zĐđ0-9&.]*)+$"
            expected = "Số: <số>/<tên loại>-<cơ quan>[-<đơn vị>]"
        if para is None:
            self.add(rule, "Thiếu số, ký hiệu văn bản", expected, "không có")
            return
        text = para.text
        if re.match(blank, text):
            self.add(rule, "Dự thảo: số văn bản chưa cấp", expected, text, para,
                     severity="note")
        elif not re.match(pattern, text):
            self.add(rule, "Số, ký hiệu viết chưa đúng quy định", expected, text, para)
        else:
            self._type_group(para)
        self.style(rule, para, "Số, ký hiệu", size=self.size_range("number"), bold=False,
                   italic=False, keys=("number.size",))

    def _type_group(self, para: Para) -> None:
        """The type's abbreviation is a known one: NB-2, Phụ lục III (a State công văn has
        none: its first group is the issuer's); NB-3, the Party's table (§4.3, partly from
        secondary sources, so a warning)."""
        codes = set(self.profile["number"].get("type_codes", []))
        if self.system == "party":
            code = re.match(r"^Số \d+-([^/]+)/", para.text).group(1)
            if codes and code not in codes:
                self.add("NB-3", f"Ký hiệu tên loại “{code}” không có trong bảng viết tắt",
                         "tên loại viết tắt (NQ, QĐ, CT, KL, HD, KH, CV, BC, TB …)", code, para,
                         severity="warning")
            return
        code = re.sub(r"^Số: \d+/(\d{4}/)?", "", para.text).split("-")[0]
        if self.record.doc_type in (None, "Công văn") or not codes:
            return
        if code not in codes:
            self.add("NB-2", f"Ký hiệu tên loại “{code}” không có trong Phụ lục III",
                     "tên loại viết tắt theo Phụ lục III", code, para)

    def date(self) -> None:
        para = self.date_para
        rules = self.profile["date"]
        expected = "<Địa danh>, ngày <DD> tháng <M> năm <YYYY>"
        if para is None:
            self.add("DT-1", "Thiếu địa danh, ngày tháng năm ban hành", expected, "không có")
            return
        match = DATE_LINE.match(para.text)
        day, month, year = (match.group(g).strip(" .…_") for g in ("d", "m", "y"))
        strict = re.fullmatch(r"[^\d,][^,]*, ngày \d{1,2} tháng \d{1,2} năm \d{4}", para.text)
        if not day or not month:
            self.add("DT-1", "Dự thảo: ngày ban hành chưa điền", expected, para.text, para,
                     severity="note")
        elif not strict:
            self.add("DT-1", "Địa danh, ngày tháng viết chưa đúng quy định", expected,
                     para.text, para)
        if day.isdigit() and month.isdigit():
            if rules["pad_day"] and len(day) == 1 and int(day) < 10 or (
                    int(month) in rules["pad_months"] and len(month) == 1):
                self.add("DT-2", "Ngày dưới 10 và tháng 1, 2 phải thêm số 0 ở trước",
                         "ngày 05, tháng 01, tháng 02", f"ngày {day} tháng {month}", para)
            elif len(month) == 2 and month.startswith("0") and int(month) not in rules[
                    "pad_months"]:
                self.add("DT-2", "Tháng từ 3 đến 9 không cần số 0 ở trước", "tháng 6",
                         f"tháng {month}", para, severity="warning")
            if year.isdigit():
                try:
                    issued = dt.date(int(year), int(month), int(day))
                except ValueError:
                    self.add("DT-5", "Ngày tháng không có thật", "ngày có thật",
                             f"{day}/{month}/{year}", para)
                else:
                    ahead = self.profile["date"].get("max_days_ahead", 30)
                    if issued > self.today + dt.timedelta(days=ahead):
                        self.add("DT-5", f"Ngày ban hành muộn hơn hôm nay quá {ahead} ngày",
                                 f"trước {self.today + dt.timedelta(days=ahead)}",
                                 issued.isoformat(), para)
        place = match.group("place").strip()
        words = [w for w in re.split(r"[\s-]+", place) if w and w[0].isalpha()]
        # "Thành phố Hồ Chí Minh" (NĐ30's own example): a generic noun after the first word
        small = {"và", "phố", "xã", "thị", "trấn", "huyện", "quận", "tỉnh"}
        if not match.group("comma") or re.search(r"\s,", para.text) or any(
                not w[0].isupper() for w in words if w not in small):
            self.add("DT-4", "Địa danh viết hoa chữ cái đầu mỗi tiếng, dấu phẩy liền sau địa "
                     "danh", "Địa Danh, ngày …", para.text.split("ngày")[0].strip(), para)
        low, high = self.size_range("date")
        self.style("DT-3", para, "Dòng địa danh, ngày tháng", size=(low, high),
                   italic=rules["italic"], bold=False)

    # --- title, trích yếu, Kính gửi -------------------------------------------------------
    def title(self) -> None:
        record = self.record
        if record.doc_type in (None, "Công văn"):
            self.cong_van_subject()
            return
        para = self._title_para(0, self.parts.main_end)
        if para is None:
            self.add("TT-1", "Thiếu tên loại văn bản", record.doc_type.upper(), "không có")
            return
        if not _all_caps(para):
            self.add("TT-1", "Tên loại văn bản viết in hoa", para.text.upper(), para.text, para)
        self.style("TT-1", para, "Tên loại văn bản", size=self.size_range("title"),
                   bold=True, align=CENTER, keys=("title.size",))
        subject_lines = []
        for other in self.paras[para.index + 1:para.index + 6]:
            if not other.text:
                if subject_lines:
                    break
                continue
            if other.line_shape or re.fullmatch(r"-{3,}|_{3,}|\*+", other.text) or \
                    other.text.startswith(("Căn cứ", "- Căn cứ", "Kính gửi")) or (
                    subject_lines and (other.alignment != CENTER or not other.runs[0].bold)):
                break
            subject_lines.append(other)
            if other.has_bottom_border:
                break
        if not subject_lines:
            return
        subject = subject_lines[0]
        subject_rules = self.profile["subject"]
        self.style("TT-2", subject, "Trích yếu", size=self.size_range("subject"), bold=True,
                   align=CENTER, keys=("subject.size",))
        first = subject.text[:1]
        want_upper = subject_rules.get("first_upper", True)
        if first.isalpha() and first.isupper() != want_upper and not is_upper(subject.text):
            self.add("TT-2", "Trích yếu " + ("viết hoa chữ cái đầu" if want_upper
                                             else "bắt đầu bằng chữ thường (“về …”)"),
                     "Về …" if want_upper else "về …", subject.text[:20], subject,
                     severity="warning")
        last = subject_lines[-1]
        following = next((p for p in self.paras[last.index + 1:last.index + 4]
                          if p.text or p.line_shape), None)
        separator = subject_rules["separator"]
        ok = self.line_after(last) or (separator != "line" and following is not None and
                                       re.fullmatch(r"-{3,}", following.text or ""))
        if not ok:
            self.add("TT-3", "Dưới trích yếu có đường kẻ ngang" + (
                " hoặc “-----”" if separator != "line" else ""),
                "đường kẻ" if separator == "line" else "----- hoặc đường kẻ", "không có", last,
                keys=("subject.separator",))

    def cong_van_subject(self) -> None:
        rules = self.profile["subject"]
        rule = "TT-5" if self.system == "party" else "TT-4"
        prefix = rules["cong_van_prefix"].strip()
        subject = self.record.subject
        para = next((p for p in self.front() if re.match(r"^(V/v|Về việc|V/V)\b", p.text)),
                    None)
        if para is None and subject:
            para = next((p for p in self.front() if collapse(subject)[:20] in p.text
                         and not NUMBER_LINE.match(p.text)), None)
        if para is None:
            return
        if prefix and not para.text.startswith(prefix):
            self.add(rule, f"Trích yếu công văn bắt đầu bằng “{prefix}”", prefix, para.text[:10],
                     para, ("subject.cong_van_prefix",))
        self.style(rule, para, "Trích yếu công văn", size=self.size_range(
            "subject", "cong_van_size"), bold=False, italic=rules["cong_van_italic"],
            keys=("subject.cong_van_size", "", "subject.cong_van_italic"))
        number = self.number_para
        if number is not None:
            beside = number.cell and para.cell and number.cell[0] == para.cell[0] and \
                number.cell[2] == para.cell[2]
            below = para.index > number.index and (beside or (number.cell is None and
                                                              para.cell is None))
            if not below:
                self.add(rule, "Trích yếu công văn đặt dưới số, ký hiệu", "dưới số, ký hiệu",
                         "chỗ khác", para)
            elif para.whole and para.alignment != CENTER:
                # PL I §II.5.b places it "canh giữa"; §7's TT-4 leaves alignment out: a warning
                self.add(rule, "Trích yếu công văn căn giữa dưới số, ký hiệu", "căn giữa",
                         ALIGN_NAMES.get(para.alignment, para.alignment), para,
                         severity="warning")

    def addressees(self) -> None:
        rules = self.profile["addressees"]
        label = next((p for p in self.main_part()[self.parts.front_end:][:12]
                      if p.text.startswith(("Kính gửi", "Kính trình"))), None)
        if label is None:
            label = next((p for p in self.front() if p.text.startswith("Kính gửi")), None)
        if label is None:
            return
        if not re.match(r"^Kính (gửi|trình):", label.text):
            self.add("KG-1", "“Kính gửi” có dấu hai chấm", "Kính gửi: …", label.text[:15],
                     label)
        rest = re.sub(r"^Kính (gửi|trình)\s*:?\s*", "", label.text)
        items = []
        for other in self.paras[label.index + 1:label.index + 15]:
            listed = re.match(r"^[-–+•]", other.text) or (
                items and len(other.text) < 80 and other.alignment != JUSTIFY)
            if not other.text or other.where != label.where or not listed:
                break
            items.append(other)
        if rest.startswith(("-", "–")):
            items.insert(0, label)
        self.style("KG-1", label, "Kính gửi", size=self.size_range("addressees"),
                   keys=("addressees.size",))
        for n, item in enumerate(items):
            text = re.sub(r"^Kính (gửi|trình)\s*:?\s*", "", item.text)
            last = n == len(items) - 1
            end = rules["last_end"] if last else rules["item_end"]
            if len(items) > 1 and (not text.startswith("- ") or not text.endswith(end)):
                self.add("KG-1", "Nhiều nơi nhận: mỗi nơi một dòng “- …;”, nơi cuối “- ….”",
                         f"- …{end}", text[:2] + "…" + text[-1:], item,
                         ("addressees.item_end",))

    # --- body ------------------------------------------------------------------------------
    def body_paras(self) -> list[Para]:
        """The body's own paragraphs: after the header, before the closing, outside tables."""
        start = self.parts.front_end
        label = next((p.index for p in self.paras[start:self.parts.main_end]
                      if re.match(r"^Nơi nhận\s*:", p.text)), self.parts.main_end)
        signer = self.record.signer or {}
        authority = self.find(signer.get("authority"), self.paras[start:label + 1])
        end = min(label, authority.index if authority else label)
        return [p for p in self.paras[start:end] if p.where == "body" and p.text and
                p.part == 0 and not p.cell]

    def body(self) -> None:
        rules = self.profile["body"]
        low, high = self.size_range("body")
        paras = self.body_paras()
        prose = [p for p in paras if len(p.text) > 60 and not is_upper(p.text)]
        keys = ("body.size",)
        def sized(para):  # a stray letter (a subscript, a symbol) is not the body's size
            return [r for r in para.runs if len(r.text.strip()) >= 3]

        wrong_size = [p for p in prose if any(not low <= (r.size or 0) <= high
                                              for r in sized(p))]
        if wrong_size:
            sizes = sorted({r.size or 0 for p in wrong_size for r in sized(p)})
            worst = max(sizes, key=lambda s: abs(s - (low + high) / 2))
            self.add("BD-1", f"Cỡ chữ phần nội dung chưa đúng quy định ({len(wrong_size)} "
                     "đoạn)", (low, high), ", ".join(_shown(s) for s in sizes), wrong_size[0],
                     keys, got=worst)
        not_justified = [p for p in prose if p.alignment != JUSTIFY]
        if not_justified and len(not_justified) > len(prose) // 5:
            self.add("BD-1", f"Nội dung căn đều hai bên ({len(not_justified)} đoạn chưa)",
                     "căn đều hai bên", ALIGN_NAMES.get(not_justified[0].alignment, "?"),
                     not_justified[0], keys)
        main_sizes = {p.main().size for p in prose if p.main()}
        if len(main_sizes) > 1:
            self.add("BD-1", "Các đoạn nội dung cùng một cỡ chữ", "một cỡ",
                     ", ".join(_shown(s) for s in sorted(s or 0 for s in main_sizes)),
                     prose[0], keys, severity="warning" if rules.get(
                         "size_mixed_warns", True) else None)
        self._indent(prose)
        self._spacing(prose)
        self._articles(paras)
        self._can_cu(paras)
        if self.system == "state" and paras:
            last = next((p for p in reversed(paras) if len(p.text) > 3), None)
            if last is not None and not last.text.endswith(rules["end_mark"]):
                self.add("BD-9", "Nội dung văn bản kết thúc bằng “./.”", rules["end_mark"],
                         last.text[-3:], last, ("body.end_mark",))

    def _indent(self, prose: list[Para]) -> None:
        allowed = self.profile["body"]["first_line_indent_range_mm"]
        wrong = [p for p in prose if p.first_line_indent_mm is None
                 or not any(abs(p.first_line_indent_mm - v) <= 0.5 for v in allowed)]
        # A paragraph that indents with a leading tab or spaces has no indent property.
        if wrong and len(wrong) > len(prose) // 5:
            got = wrong[0].first_line_indent_mm
            self.add("BD-2", f"Lùi đầu dòng đoạn văn ({len(wrong)}/{len(prose)} đoạn chưa "
                     "đúng)", " hoặc ".join(f"{v / 10:g} cm" for v in allowed),
                     "không lùi" if not got else f"{got / 10:.2f} cm", wrong[0],
                     ("body.first_line_indent_mm",))

    def _spacing(self, prose: list[Para]) -> None:
        rules = self.profile["body"]
        minimum = rules["space_min_pt"]
        tight = [p for p in prose if max(p.space_before_pt or 0, p.space_after_pt or 0)
                 < minimum - 0.1]
        if tight and len(tight) > len(prose) // 5:
            self.add("BD-3", f"Khoảng cách giữa các đoạn văn tối thiểu {minimum:g} pt "
                     f"({len(tight)} đoạn chưa đủ)", f"≥ {minimum:g} pt",
                     f"{max(tight[0].space_before_pt or 0, tight[0].space_after_pt or 0):g} pt",
                     tight[0], ("body.space_after_pt",))
        auto_low, auto_high = rules["line_spacing_range"]
        exact_low, exact_high = rules["line_spacing_exact_pt_range"]
        wrong = []
        for para in prose:
            value = para.line_value
            if value is None:
                continue
            ok = (auto_low - 0.01 <= value <= auto_high + 0.01) if para.line_rule == "auto" \
                else (exact_low - 0.1 <= value <= exact_high + 0.1 if para.line_rule == "exact"
                      else value <= exact_high + 0.1)
            if not ok:
                wrong.append(para)
        if wrong:
            para = wrong[0]
            found = (f"{para.line_value:g} dòng" if para.line_rule == "auto"
                     else f"{para.line_value:g} pt ({'chính xác' if para.line_rule == 'exact' else 'tối thiểu'})")
            self.add("BD-4", f"Giãn dòng từ một dòng đến 1,5 dòng ({len(wrong)} đoạn chưa "
                     "đúng)", f"{auto_low:g}–{auto_high:g} dòng, hoặc {exact_low:g}–"
                     f"{exact_high:g} pt chính xác", found, para, ("body.line_spacing",))

    def _articles(self, paras: list[Para]) -> None:
        for para in paras:
            match = re.match(r"^Điều\s+(\S+?)\s*([.:]?)(\s|$)", para.text)
            if match and re.fullmatch(r"\d+|[IVXLC]+", match.group(1)):
                number, mark = match.group(1), match.group(2)
                head = next((r for r in para.runs if r.text.strip()), None)
                if not number.isdigit() or mark != "." or not re.match(
                        r"^Điều \d+\. ", para.text + " "):
                    self.add("BD-6", "“Điều” + số Ả Rập + dấu chấm, rồi tên điều",
                             "Điều 1. …", para.text[:12], para)
                elif head is not None and not head.bold:
                    self.add("BD-6", "“Điều …” in đậm", "đậm", "không đậm", para)
            chapter = re.match(r"^(Chương|Phần|CHƯƠNG|PHẦN)\s+(\S+)$", para.text)
            if chapter:
                roman = re.fullmatch(r"[IVXLC]+", chapter.group(2))
                run = para.main()
                if not roman and self.system == "state":
                    self.add("BD-7", f"{chapter.group(1)} đánh số La Mã", "Chương I",
                             para.text, para)
                if para.alignment != CENTER or (run is not None and not run.bold):
                    self.add("BD-7", f"Dòng “{para.text}” căn giữa, in đậm", "căn giữa, đậm",
                             f"{ALIGN_NAMES.get(para.alignment)}, "
                             f"{'đậm' if run and run.bold else 'không đậm'}", para)
                following = next((p for p in self.paras[para.index + 1:para.index + 3]
                                  if p.text), None)
                if following is not None and (not is_upper(following.shown()) or not (
                        following.main() and following.main().bold)):
                    self.add("BD-7", "Tên chương, phần viết in hoa, in đậm", "IN HOA, đậm",
                             following.text[:30], following)
            if re.match(r"^(\([a-hđ]\)|[a-hđ]\.)\s", para.text):
                self.add("BD-8", "Điểm ghi bằng chữ cái và dấu đóng ngoặc: a), b), c), d), đ)",
                         "a)", para.text[:3], para)

    def _can_cu(self, paras: list[Para]) -> None:
        """BD-5: the căn cứ lines before an enacting line ("QUYẾT ĐỊNH:")."""
        if self.system != "state":
            return
        for n, para in enumerate(paras):
            if not (para.text.endswith(":") and len(para.text) < 30 and is_upper(para.text)):
                continue
            block = []
            for other in reversed(paras[:n]):
                if re.match(r"^(Căn cứ|Theo đề nghị|Xét)\b", other.text):
                    block.insert(0, other)
                elif block:
                    break
            for m, line in enumerate(block):
                last = m == len(block) - 1
                end = "." if last else ";"
                if not line.text.endswith(end):
                    self.add("BD-5", "Căn cứ ban hành: mỗi dòng kết thúc “;”, dòng cuối “.”",
                             end, line.text[-1:], line)
                run = line.main()
                if run is not None and not run.italic and self.profile["body"]["can_cu_italic"]:
                    self.add("BD-5", "Căn cứ ban hành in nghiêng", "nghiêng", "đứng", line)
            return

    # --- signature and Nơi nhận -----------------------------------------------------------
    def recipients(self, start: int = 0, end: int | None = None) -> tuple:
        """The “Nơi nhận:” piece and the items under it in the same place (None and [] when
        there is no label): what the closing rules check and --fix repairs."""
        end = self.parts.main_end if end is None else end
        label = next((p for p in self.paras[start:end] if re.match(r"^Nơi nhận\s*:?", p.text)
                      and len(p.text) < 40), None)
        if label is None:
            return None, []
        items = []
        for para in self.paras[label.index + 1:end]:
            if para.after_tab and not label.cell:
                continue  # the signature typed beside the list, after a tab
            if para.where != label.where or (label.cell and para.cell and (
                    para.cell[0], para.cell[2]) != (label.cell[0], label.cell[2])):
                break
            if not para.text:
                if items and not label.cell:
                    break
                continue
            if not label.cell and not re.match(r"^[-–+•]|^Lưu\b", para.text) and (
                    para.alignment in (CENTER, RIGHT) or len(para.text) > 120
                    or is_upper(para.text)):
                break  # the signature typed under the list, or the text going on
            items.append(para)
        return label, items

    def closing(self) -> None:
        rules = self.profile["recipients"]
        label, items = self.recipients()
        if label is None:
            self.add("NN-1", "Thiếu phần “Nơi nhận”", rules["label"], "không có")
            return
        self._closing(label, items, rules)

    def _closing(self, label: Para, items: list[Para], rules: dict, copy: bool = False) -> None:
        party = self.system == "party"
        rule = "NN-3" if party else "NN-2"
        if not re.match(r"^Nơi nhận:", label.text):
            self.add("NN-1", "Chữ “Nơi nhận” có dấu hai chấm", "Nơi nhận:", label.text[:12],
                     label)
        self.style(rule, label, "Chữ “Nơi nhận:”", size=self.size_range(
            "recipients", "label_size"), bold=rules["label_bold"], italic=rules["label_italic"],
            underline=rules["label_underline"],
            keys=("recipients.label_size", "recipients.label_bold",
                  "recipients.label_italic", "recipients.label_underline"))
        archive = rules["archive"]
        for n, para in enumerate(items):
            last = n == len(items) - 1
            end = rules["last_end"] if last else rules["item_end"]
            if not para.text.startswith("- "):
                self.add("NN-4", "Mỗi nơi nhận một dòng, bắt đầu bằng “- ”", "- …",
                         para.text[:12], para)
            if not last and not para.text.endswith(end) and not para.text.endswith(
                    tuple(rules.get("item_end_also", []))):
                self.add("NN-4", f"Mỗi nơi nhận (trừ nơi cuối) kết thúc bằng “{end}”", end,
                         para.text[-1:], para, ("recipients.item_end",))
            if last and not para.text.endswith(end):
                self.add("NN-5", f"Nơi nhận cuối cùng kết thúc bằng “{end}”", end,
                         para.text[-1:], para, ("recipients.last_end",))
            if re.match(r"^[A-Z]{1,4}\.?\s*\(\d+\)\.?$", para.text.lstrip("- ")):
                self.style("NN-7", para, "Ký hiệu người soạn thảo, số bản",
                           size=self.size_range("recipients"), keys=("recipients.size",))
        low, high = self.size_range("recipients")
        sized = [(p, p.main().size) for p in items if p.main() and not re.match(
            r"^[A-Z]{1,4}\.?\s*\(\d+\)\.?$", p.text.lstrip("- "))]
        wrong = [(p, size) for p, size in sized if size is None or not low <= size <= high]
        if wrong:  # one finding for the list: the clerk fixes the list at once
            self.add("NN-4", f"Cỡ chữ các nơi nhận ({len(wrong)}/{len(sized)} dòng chưa đúng)",
                     (low, high), ", ".join(sorted({_shown(s) for _, s in wrong})), wrong[0][0],
                     ("recipients.size",), got=wrong[0][1])
        archived = [p for p in items if re.match(r"^-?\s*Lưu\b", p.text)]
        if not items:
            self.add("NN-4", "Dưới “Nơi nhận:” liệt kê các nơi nhận", "- …", "không có", label)
        elif not archived:
            self.add("NN-5", f"Nơi nhận cuối cùng là “- {archive} …”", f"- {archive} …",
                     items[-1].text[:30], items[-1])
        else:
            pattern = rules["archive_pattern"]
            text = archived[-1].text
            if not text.startswith("- "):
                text = "- " + text  # reported by NN-4 already
            if not re.match(pattern, text):
                self.add("NN-5", f"Dòng lưu viết theo mẫu “- {archive}, ….”",
                         f"- {archive}[, <đơn vị soạn thảo>].", text, archived[-1],
                         ("recipients.archive_pattern",))
        if not party and not copy and items and self.record.doc_type in (
                None, "Công văn", "Tờ trình", "Báo cáo") and self._addressed():
            if not re.match(r"^- Như trên", items[0].text):
                self.add("NN-6", "Văn bản có “Kính gửi”: nơi nhận đầu tiên là “- Như trên;”",
                         "- Như trên;", items[0].text[:20], items[0])

    def _addressed(self) -> bool:
        return any(p.text.startswith("Kính gửi") for p in self.main_part()[:60])

    def signature(self, start: int = 0, end: int | None = None, signer: dict | None = None,
                  copy: bool = False) -> None:
        signer = signer if signer is not None else (self.record.signer or {})
        region = self.paras[start:self.parts.main_end if end is None else end]
        party = self.system == "party"
        prefixes = self.profile["signature"]["prefixes"]
        other = ["TM.", "KT.", "TL.", "TUQ."] if party else ["T/M", "K/T", "T/L"]
        rule = "SG-2" if party else "SG-1"
        rules = self.profile["signature"]
        size = self.size_range("signature")
        authority = self.find(signer.get("authority"), region)
        if authority is not None:
            first = authority.text.split(" ")[0]
            if any(authority.text.startswith(p) for p in other) or (
                    first not in [p.strip() for p in prefixes] and not is_upper(
                        authority.text)):
                self.add(rule, "Quyền hạn ký viết chưa đúng quy định", " ".join(prefixes),
                         first, authority)
            if not _all_caps(authority):
                self.add("SG-3", "Quyền hạn, chức vụ người ký viết in hoa",
                         authority.text.upper(), authority.text, authority)
            self.style("SG-3", authority, "Quyền hạn ký", size=size,
                       bold=rules["authority_bold"], align=CENTER, keys=("signature.size",))
        position = self.find(signer.get("position"), region)
        if position is not None and position is not authority:
            self.style("SG-3", position, "Chức vụ người ký", size=size,
                       bold=rules["position_bold"], align=CENTER,
                       keys=("signature.size", "signature.position_bold"))
        name = self.find(signer.get("name"), region)
        if name is None and signer.get("name"):  # "TS. Nguyễn Văn A": the name after a title
            key = _key(signer["name"])
            name = next((p for p in region if _key(p.text).endswith(key)
                         and len(p.text) < len(key) + 20), None)
        if name is not None:
            if name.shown() == name.shown().upper():
                self.add("SG-3", "Họ tên người ký viết chữ thường, không in hoa",
                         "chữ thường, viết hoa chữ đầu", name.text, name)
            self.style("SG-3", name, "Họ tên người ký", size=size, bold=rules["name_bold"],
                       align=CENTER, keys=("signature.size",))
            if DEGREE.match(name.text):
                self.add("SG-4", "Không ghi học hàm, học vị, cấp bậc trước họ tên người ký",
                         "Nguyễn Văn A", name.text, name)

    # --- copies, appendices, optional components -----------------------------------------
    def copies(self) -> None:
        start = self.parts.copy_start
        if start is None:
            return
        rules = self.profile["copy"]
        party = self.system == "party"
        region = self.paras[start:]
        before = [p for p in self.paras[max(0, start - 4):start]]
        first = self.paras[start]
        ruled = any(p.line_shape or p.has_bottom_border for p in before) or first.has_top_border \
            or first.line_shape
        if not ruled:
            self.add("CP-1", "Phần bản sao ngăn với văn bản bằng một đường kẻ suốt chiều ngang",
                     "đường kẻ suốt chiều ngang", "không có", first)
        heading = next(p for p in region if COPY_HEADING.match(_key(p.shown()).upper()))
        headings = list(rules["headings"].values())
        if heading.text not in headings:
            self.add("CP-2", "Tên hình thức sao viết đúng: " + ", ".join(headings),
                     " / ".join(headings), heading.text, heading, ("copy.headings",))
        self.style("CP-2", heading, "Hình thức sao", size=self.size_range("copy",
                   "heading_size"), bold=True, keys=("copy.heading_size",))
        number = next((p for p in region if NUMBER_LINE.match(p.text)), None)
        pattern = rules["number_pattern"]
        if number is None or not re.match(pattern, number.text):
            self.add("CP-3", "Số, ký hiệu bản sao chưa đúng quy định",
                     "Số <số>-BS/<cơ quan>" if party else "Số: <số>/<SY|SL|TrS>-<cơ quan>",
                     number.text if number else "không có", number)
        date = next((p for p in region if DATE_LINE.match(p.text)), None)
        label, items = self.recipients(start, len(self.paras))
        copy = (self.record.copies or [{}])[0]
        # What the parser did not name is looked for in the block itself: the copying body in
        # capitals above the number, a name (not capitals) closing the right column.
        body = copy.get("issuer") or (number is not None and any(
            is_upper(p.shown()) and p.text != heading.text for p in region[:number.index - start]
            if p.text))
        right = [p for p in region if p.text and p.cell and heading.cell and p.cell[0] ==
                 heading.cell[0] and p.cell[2] == heading.cell[2]]
        signed = (copy.get("signer") or {}).get("name") or (
            right and not is_upper(right[-1].text) and right[-1] is not date)
        missing = [what for what, there in (("tên cơ quan sao", body),
                                            ("địa danh, ngày tháng", date),
                                            ("chức vụ, họ tên người ký", signed),
                                            ("nơi nhận", label)) if not there]
        if missing:
            self.add("CP-4", "Bản sao thiếu: " + ", ".join(missing), "đủ thành phần bản sao",
                     ", ".join(missing), heading)
        if date is not None:
            self.style("CP-4", date, "Ngày sao", size=self.size_range("date"), italic=True,
                       bold=False)
        if label is not None:
            self._closing(label, items, self.profile["recipients"], copy=True)
        if copy.get("signer"):
            self.signature(start, len(self.paras), copy["signer"], copy=True)

    def appendices(self) -> None:
        for n, start in enumerate(self.parts.appendices):
            para = self.paras[start]
            end = (self.parts.appendices[n + 1:] + [self.parts.copy_start or len(self.paras)])[0]
            run = para.main()
            number = re.sub(r"^(PHỤ LỤC|Phụ lục)\s*", "", para.text).strip(" .:")
            if self.system == "state" and len(self.parts.appendices) > 1 and number and \
                    not re.fullmatch(r"[IVXLC]+", number.split()[0]):
                self.add("OP-3", "Số thứ tự phụ lục bằng chữ số La Mã", "Phụ lục I",
                         para.text[:20], para, severity="warning")
            if para.alignment != CENTER or (run is not None and not run.bold):
                self.add("OP-3", "Dòng “Phụ lục” căn giữa, in đậm", "căn giữa, đậm",
                         ALIGN_NAMES.get(para.alignment, "?"), para, severity="warning")
            note = next((p for p in self.paras[start + 1:min(end, start + 8)]
                         if p.text.startswith("(Kèm theo")), None)
            if note is None:
                self.add("OP-3", "Dưới tên phụ lục ghi “(Kèm theo … số … ngày … của …)”",
                         "(Kèm theo …)", "không có", para, severity="warning")
            elif not (note.main() and note.main().italic) or note.alignment != CENTER:
                self.add("OP-3", "Dòng “(Kèm theo …)” căn giữa, in nghiêng", "nghiêng, căn giữa",
                         "khác", note, severity="warning")

    def optional(self) -> None:
        front = self.front()
        for para in front:
            text = _key(para.shown()).upper()
            if text in ("HỎA TỐC", "THƯỢNG KHẨN", "KHẨN", "HOẢ TỐC"):
                run = para.main()
                if not _all_caps(para) or (run and not run.bold) or not para.boxed:
                    self.add("OP-1", "Dấu độ khẩn in hoa, đậm, trong khung", "IN HOA, đậm, khung",
                             para.text, para, severity="warning")
            if text in ("LƯU HÀNH NỘI BỘ", "XEM XONG TRẢ LẠI", "TÀI LIỆU HỘI NGHỊ"):
                run = para.main()
                if (run and (not run.bold or not 13 <= (run.size or 0) <= 14)) or \
                        not para.boxed:
                    self.add("OP-2", "Chỉ dẫn phạm vi lưu hành in hoa, đậm, 13–14, trong khung",
                             "IN HOA, đậm, khung", para.text, para, severity="warning")
        contact = next((p for p in self.paras[self.parts.front_end:self.parts.main_end]
                        if re.match(r"^(Địa chỉ|ĐT|Điện thoại)\s*:", p.text) and (
                            "Email" in p.text or "Fax" in p.text or "ĐT" in p.text)), None)
        if contact is not None:
            run = contact.main()
            if run and not 11 <= (run.size or 0) <= 12:
                self.add("OP-4", "Địa chỉ, điện thoại, thư điện tử cỡ chữ 11–12", "11–12",
                         run.size, contact, severity="warning")

    def citations(self) -> None:
        """With an archive: each cited document is looked up; a date, type or issuer that
        disagrees with the archived record is a warning."""
        if self.archive is None:
            return
        from pipeline.text import fold
        for ref in self.record.references:
            number = ref.get("number")
            ids = self.archive.numbered(number) if number else []
            if not ids:
                continue
            known = self.archive.record(ids[0])
            issuer = (known.get("issuer") or {}).get("name") or ""
            wrong = []
            if ref.get("date") and known.get("date") and ref["date"] != known["date"]:
                wrong.append(("ngày", ref["date"], known["date"]))
            if ref.get("doc_type") and known.get("doc_type") and \
                    ref["doc_type"] != known["doc_type"]:
                wrong.append(("loại", ref["doc_type"], known["doc_type"]))
            if ref.get("issuer") and issuer and not (fold(ref["issuer"]) in fold(issuer) or
                                                     fold(issuer) in fold(ref["issuer"])):
                wrong.append(("cơ quan ban hành", ref["issuer"], issuer))
            for what, cited, archived in wrong:
                self.add("CT-1", f"Văn bản dẫn chiếu {number}: {what} khác với văn bản lưu "
                         f"trong kho (#{ids[0]})", archived, cited, severity="warning")

    def run(self) -> list[Finding]:
        for rule in (self.page, self.fonts, self.page_numbers, self.header, self.number,
                     self.date, self.title, self.addressees, self.body, self.closing,
                     self.signature, self.appendices, self.copies, self.optional,
                     self.citations):
            rule()
        return self.findings


@lru_cache(maxsize=2)
def _text(data: bytes):
    """The reader's text of a .docx: read once for detect_profile() and check() of one file."""
    return read_docx(data)


def detect_profile(data: bytes) -> str:
    """hd36 or nd30, from the heading of the document's header — never from a mention in the
    body: the Quốc hiệu or the Party heading among the first lines, else the number's form."""
    lines = _text(data).lines
    head = []
    for line in lines:
        if line.zone == "page-header" or len(head) < 30:
            head.append(_key(line.text))
    text = "\n".join(head).upper()
    state, party = text.find(_key(QUOC_HIEU).upper()), text.find(_key(PARTY).upper())
    if state >= 0 and (party < 0 or state < party):
        return "nd30"
    if party >= 0:
        return "hd36"
    if re.search(r"(?m)^SỐ \d*\s*-\s*[A-ZĐ]+[a-zđ]*/", text) or "ĐOÀN TNCS" in text:
        return "hd36"
    return "nd30"


def check(data: bytes, profile: dict, path: str = "", archive=None,
          today: dt.date | None = None) -> Report:
    report = Report(path, profile["name"])
    report.findings = _Checker(data, profile, today, archive).run()
    return report


def _twips_inside(mm: float, low: float, high: float) -> int:
    """mm as whole twips that stay inside [low, high] mm (Word stores twips: 15 mm is 850.4,
    and 850 twips is 14.99 mm); a range narrower than a twip gets the nearest one."""
    nearest = round(mm * TWIPS_PER_MM)
    return next((t for t in (nearest, nearest + 1, nearest - 1)
                 if low <= t / TWIPS_PER_MM <= high), nearest)


def fix(data: bytes, profile: dict) -> bytes:
    """Repair what is mechanical — page and margins of every section, fonts, sizes and styles of
    the components, date padding, Nơi nhận punctuation — and never the wording. Every value
    written stays inside the allowed range once rounded to Word's units."""
    import io

    from docx.oxml.ns import qn
    from docx.shared import Pt, Twips
    from docx.text.run import Run

    checker = _Checker(data, profile, editable=True)
    document = checker.document
    page = profile["page"]
    for section in document.sections:
        landscape = section.page_width > section.page_height
        short, long_ = (Twips(_twips_inside(page["width_mm"], page["width_mm"] - 0.2,
                                            page["width_mm"] + 0.2)),
                        Twips(_twips_inside(page["height_mm"], page["height_mm"] - 0.2,
                                            page["height_mm"] + 0.2)))
        section.page_width, section.page_height = (long_, short) if landscape else (short, long_)
        for side in ("top", "bottom", "left", "right"):
            low, high = page[f"margin_{side}_range"]
            current = getattr(section, f"{side}_margin")
            if current is None or not low - MM_TOLERANCE <= current.mm <= high + MM_TOLERANCE:
                target = min(max(page[f"margin_{side}_mm"], low), high)
                setattr(section, f"{side}_margin", Twips(_twips_inside(target, low, high)))
    font = page["font"]

    def restyle(para: Para | None, size=None, bold=None, italic=None, underline=None):
        if para is None:
            return
        for run_format in para.runs:
            if run_format.element is None:
                continue
            run = Run(run_format.element, None)
            if size is not None:
                run.font.size = Pt(size)
            for attr, value in (("bold", bold), ("italic", italic), ("underline", underline)):
                if value is not None:
                    setattr(run.font, attr, value)

    for para in checker.paras:
        for run_format in para.runs:
            if run_format.element is None:
                continue
            fonts = run_format.element.get_or_add_rPr().get_or_add_rFonts()
            for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
                fonts.set(qn(attr), font)
            for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
                fonts.attrib.pop(qn(attr), None)
    front = checker.front()
    heading = profile["heading"]
    for line, size, bold in zip(heading["lines"], heading["sizes"], heading["bold"]):
        restyle(checker.find(line, front), size, bold)
    rules = profile["issuer"]
    names, parent = checker.issuer_paras()
    for name in names:
        restyle(name, rules["size"], rules["bold"])
    restyle(parent, rules["parent_size"], rules["parent_bold"])
    restyle(checker.number_para, profile["number"]["size"], False, False)
    _fix_date(checker, profile, restyle)
    subject_rules = profile["subject"]
    record = checker.record
    if record.doc_type in (None, "Công văn"):
        subject = next((p for p in front if re.match(r"^(V/v|Về việc)\b", p.text)), None)
        if subject is None and record.subject:
            subject = next((p for p in front if collapse(record.subject)[:20] in p.text
                            and not NUMBER_LINE.match(p.text)), None)
        restyle(subject, subject_rules["cong_van_size"], False, subject_rules["cong_van_italic"])
    else:
        restyle(checker._title_para(0, checker.parts.main_end), profile["title"]["size"], True)
    _fix_closing(checker, profile, restyle)
    sign = profile["signature"]
    signer = checker.record.signer or {}
    main = checker.main_part()
    restyle(checker.find(signer.get("authority"), main), sign["size"], sign["authority_bold"])
    restyle(checker.find(signer.get("position"), main), sign["size"], sign["position_bold"])
    restyle(checker.find(signer.get("name"), main), sign["size"], sign["name_bold"])
    low, high = checker.size_range("body")
    for para in checker.body_paras():
        if any(not low <= (r.size or 0) <= high for r in para.runs if r.text.strip()):
            restyle(para, profile["body"]["size"])
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _set_text(para: Para, text: str) -> None:
    """Replace a piece's text, keeping its first run's formatting."""
    from docx.text.run import Run
    runs = [r.element for r in para.runs if r.element is not None]
    if not runs:
        return
    Run(runs[0], None).text = text
    for run in runs[1:]:
        if run.getparent() is not None:
            run.getparent().remove(run)


def _fix_date(checker: _Checker, profile: dict, restyle) -> None:
    para = checker.date_para
    if para is None:
        return
    rules = profile["date"]

    def pad(match):
        day, month = match.group(1), match.group(2)
        day = day.zfill(2) if rules["pad_day"] else day
        month = month.zfill(2) if int(month) in rules["pad_months"] else month
        return f"ngày {day} tháng {month} năm"

    padded = re.sub(r"ngày (\d{1,2}) tháng (\d{1,2}) năm", pad, para.text)
    if padded != para.text and para.whole:
        _set_text(para, padded)
    restyle(para, rules["size"], False, rules["italic"])


def _fix_closing(checker: _Checker, profile: dict, restyle) -> None:
    rules = profile["recipients"]
    label, items = checker.recipients()
    if label is None:
        return
    restyle(label, rules["label_size"], rules["label_bold"], rules["label_italic"],
            rules["label_underline"])
    for n, para in enumerate(items):
        end = rules["last_end"] if n == len(items) - 1 else rules["item_end"]
        text = re.sub(r"^[-–]?\s*", "- ", para.text).rstrip(" ,;.") + end
        if text != para.text and para.whole:
            _set_text(para, text)
        restyle(para, rules["size"])
