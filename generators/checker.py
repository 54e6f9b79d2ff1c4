"""Check a .docx against a format profile (the one the drafts use): `vanthu check`.

The parser reads the document first, so the checker knows which paragraph is the issuer, the
number, the date, the trích yếu, Nơi nhận, the signature; each rule then compares that
paragraph's resolved formatting (generators/docx_model.py) with the profile. Rule ids follow
shared/spec/format-spec.md §7. A rule on a value the profile lists as `uncertain`, or that the
profile's `[checker] warn` names, is a warning; `[checker] off` turns rules off.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from docx.oxml.ns import qn

from generators.docx_model import Para, read_model
from generators.profile import uncertain
from pipeline.readers.docx import read_docx
from pipeline.text import canonical_tones, collapse

CENTER, LEFT, JUSTIFY = 1, 0, 3
MM_TOLERANCE = 0.3


@dataclass
class Finding:
    rule: str
    severity: str          # "error" | "warning"
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
    if isinstance(value, tuple):
        low, high = value
        return f"{low:g}" if low == high else f"{low:g}–{high:g}"
    if isinstance(value, bool):
        return "có" if value else "không"
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def _same(a: str, b: str) -> bool:
    return canonical_tones(collapse(a)).casefold() == canonical_tones(collapse(b)).casefold()


class _Checker:
    def __init__(self, data: bytes, profile: dict):
        from pipeline.parse import extract
        self.profile = profile
        self.document, self.paras = read_model(data)
        self.record = extract(read_docx(data), {"path": ""})
        settings = profile.get("checker", {})
        self.warn, self.off = set(settings.get("warn", [])), set(settings.get("off", []))
        self.findings: list[Finding] = []

    # --- helpers --------------------------------------------------------------------------
    def add(self, rule: str, message: str, expected, found, para: Para | None = None,
            keys: tuple[str, ...] = ()) -> None:
        if rule in self.off:
            return
        soft = rule in self.warn or any(uncertain(self.profile, key) for key in keys)
        self.findings.append(Finding(rule, "warning" if soft else "error", message,
                                     str(expected), str(found),
                                     para.index if para else None,
                                     para.text[:80] if para else None))

    def find(self, text: str | None, where: str | None = None) -> Para | None:
        if not text:
            return None
        return next((p for p in self.paras if _same(p.text, text)
                     and (where is None or p.where.startswith(where))), None)

    def style(self, rule: str, para: Para | None, what: str, *, size=None, bold=None,
              italic=None, underline=None, align=None, keys: tuple[str, ...] = ()) -> None:
        """Compare a paragraph's main formatting with what the profile wants."""
        if para is None:
            return
        run = para.main()
        if run is None:
            return
        checks = [("cỡ chữ", size, run.size, keys[0] if keys else ""),
                  ("chữ đậm", bold, run.bold, keys[1] if len(keys) > 1 else ""),
                  ("chữ nghiêng", italic, run.italic, keys[2] if len(keys) > 2 else ""),
                  ("gạch chân", underline, run.underline, keys[3] if len(keys) > 3 else "")]
        for name, want, got, key in checks:
            if want is None:
                continue
            ok = (want[0] <= (got or 0) <= want[1]) if isinstance(want, tuple) else got == want
            if not ok:
                self.add(rule, f"{what}: {name} chưa đúng quy định", _shown(want), _shown(got),
                         para, (key,) if key else ())
        if align is not None and para.alignment != align:
            names = {CENTER: "căn giữa", LEFT: "căn trái", JUSTIFY: "căn đều hai bên", 2: "căn phải"}
            self.add(rule, f"{what}: cần {names[align]}", names[align],
                     names.get(para.alignment, para.alignment), para)

    def size(self, section: str, key: str = "size"):
        value = self.profile[section][key]
        return value

    # --- rules ------------------------------------------------------------------------------
    def page(self) -> None:
        rules = self.profile["page"]
        section = self.document.sections[0]
        width, height = section.page_width.mm, section.page_height.mm
        if abs(width - rules["width_mm"]) > MM_TOLERANCE or abs(
                height - rules["height_mm"]) > MM_TOLERANCE:
            self.add("PG-1", "Khổ giấy phải là A4 (210 × 297 mm)",
                     f"{rules['width_mm']} × {rules['height_mm']} mm", f"{width:.1f} × {height:.1f} mm")
        for side, rule in (("top", "PG-3"), ("bottom", "PG-4"), ("left", "PG-5"),
                           ("right", "PG-6")):
            got = getattr(section, f"{side}_margin").mm
            low, high = rules[f"margin_{side}_range"]
            if not low - MM_TOLERANCE <= got <= high + MM_TOLERANCE:
                label = {"top": "trên", "bottom": "dưới", "left": "trái", "right": "phải"}[side]
                self.add(rule, f"Lề {label} chưa đúng quy định", f"{low}–{high} mm",
                         f"{got:.1f} mm", keys=(f"page.margin_{side}_mm",))

    def fonts(self) -> None:
        wanted = self.profile["page"]["font"]
        for para in self.paras:
            wrong = {r.font for r in para.runs if r.text.strip() and r.font != wanted}
            if wrong:
                self.add("FN-1", f"Phông chữ phải là {wanted}", wanted, ", ".join(
                    sorted(str(w) for w in wrong)), para)

    def page_numbers(self) -> None:
        section = self.document.sections[0]
        if len(self.paras) > 40 and ("PAGE" not in section.header._element.xml
                                     or not section.different_first_page_header_footer):
            self.add("PN-1", "Số trang đặt ở lề trên, giữa, không đánh số trang đầu",
                     "trường PAGE, trang đầu không số", "không có")

    def header(self) -> None:
        heading = self.profile["heading"]
        first_rule = "HD-3" if self.profile["system"] == "party" else "HD-1"
        for n, (line, size, bold) in enumerate(zip(heading["lines"], heading["sizes"],
                                                    heading["bold"])):
            rule = first_rule if n == 0 else "HD-2"
            para = self.find(line)
            if para is None:
                self.add(rule, f"Thiếu dòng “{line}” ở đầu văn bản", line, "không có")
                continue
            tolerance = (size - 1, size) if self.profile["system"] == "state" else (size, size)
            self.style(rule, para, f"Dòng “{line}”", size=tolerance, bold=bold, align=CENTER,
                       keys=("heading.sizes",))
        issuer = self.record.issuer or {}
        rules = self.profile["issuer"]
        name = self.find(issuer.get("name"), "header") or self.find(issuer.get("name"))
        if name is not None:
            if name.text != name.text.upper():
                self.add("HD-4", "Tên cơ quan ban hành viết in hoa", name.text.upper(), name.text,
                         name)
            self.style("HD-4", name, "Tên cơ quan ban hành", size=(rules["size"] - (
                1 if self.profile["system"] == "state" else 0), rules["size"]),
                bold=rules["bold"], align=CENTER, keys=("issuer.size",))
            self.separator(name)
        parent = self.find(issuer.get("parent"), "header")
        if parent is not None:
            self.style("HD-4", parent, "Tên cơ quan chủ quản", bold=rules["parent_bold"])

    def separator(self, name: Para) -> None:
        following = next((p for p in self.paras[name.index + 1:] if p.where == name.where), None)
        wants_star = self.profile["issuer"]["separator"] == "*"
        has_star = following is not None and following.text == "*"
        has_line = name.has_bottom_border or (following is not None and following.text == ""
                                              and following.has_bottom_border)
        if wants_star and not has_star:
            self.add("HD-5", "Dưới tên cơ quan ban hành phải có dấu sao (*)", "*",
                     following.text if following else "không có", name)
        if not wants_star and (has_star or not has_line):
            self.add("HD-5", "Dưới tên cơ quan ban hành phải có đường kẻ ngang",
                     "đường kẻ", "dấu *" if has_star else "không có", name)

    def number(self) -> None:
        para = next((p for p in self.paras if p.where.startswith("header")
                     and re.match(r"^Số\b", p.text)), None)
        if para is None:
            self.add("NB-1", "Thiếu số, ký hiệu văn bản", "Số …", "không có")
            return
        if self.profile["system"] == "party":
            ok = re.match(r"^Số (0[1-9]|[1-9]\d+)-[A-ZĐ][A-Za-zĐđ]*/[A-ZĐƯ][A-ZĐƯ0-9-]*$",
                          para.text)
            rule, expected = "NB-3", "Số 05-CV/TU (không có dấu hai chấm)"
        else:
            ok = re.match(r"^Số: (0[1-9]|[1-9]\d+)/(\d{4}/)?[A-ZĐ][A-Za-zĐđ]*(-[A-ZĐ0-9]"
                          r"[A-Za-zĐđ0-9&.]*)*$", para.text)
            rule, expected = "NB-1", "Số: 05/UBND-VP"
        if not ok:
            self.add(rule, "Số, ký hiệu viết chưa đúng quy định", expected, para.text, para)
        self.style(rule, para, "Số, ký hiệu", size=(self.profile["number"]["size"],) * 2,
                   bold=False)

    def date(self) -> None:
        para = next((p for p in self.paras if re.search(r", ngày \S+ tháng \S+ năm \d{4}$", p.text)
                     and p.where.startswith("header")), None)
        if para is None:
            self.add("DT-1", "Thiếu địa danh, ngày tháng năm ban hành",
                     "Địa danh, ngày … tháng … năm …", "không có")
            return
        match = re.search(r"ngày (\d{1,2}) tháng (\d{1,2}) năm \d{4}$", para.text)
        rules = self.profile["date"]
        if match:
            day, month = match.group(1), match.group(2)
            if rules["pad_day"] and len(day) == 1 or int(month) in rules["pad_months"] and len(
                    month) == 1:
                self.add("DT-2", "Ngày dưới 10 và tháng 1, 2 phải thêm số 0 ở trước",
                         "ngày 05 tháng 01", f"ngày {day} tháng {month}", para)
        self.style("DT-3", para, "Dòng địa danh, ngày tháng", size=(rules["size"] - (
            1 if self.profile["system"] == "state" else 0), rules["size"]),
            italic=rules["italic"], bold=False)

    def title(self) -> None:
        record = self.record
        if record.doc_type in (None, "Công văn"):
            self.cong_van_subject()
            return
        para = self.find(record.doc_type.upper(), "body")
        if para is None:
            self.add("TT-1", "Thiếu tên loại văn bản", record.doc_type.upper(), "không có")
            return
        rules = self.profile["title"]
        self.style("TT-1", para, "Tên loại văn bản", size=(rules["size"] - 1, rules["size"]),
                   bold=True, align=CENTER, keys=("title.size",))
        subject = next((p for p in self.paras[para.index + 1:] if p.text), None)
        if subject is not None:
            self.style("TT-2", subject, "Trích yếu", bold=True, align=CENTER)

    def cong_van_subject(self) -> None:
        subject = self.record.subject
        para = next((p for p in self.paras if p.where.startswith("header") and subject
                     and collapse(subject)[:20] in p.text), None)
        if para is None:
            return
        rules = self.profile["subject"]
        rule = "TT-5" if self.profile["system"] == "party" else "TT-4"
        prefix = rules["cong_van_prefix"]
        if prefix and not para.text.startswith(prefix.strip()):
            self.add(rule, f"Trích yếu công văn bắt đầu bằng “{prefix.strip()}”", prefix.strip(),
                     para.text[:10], para, ("subject.cong_van_prefix",))
        self.style(rule, para, "Trích yếu công văn", size=(rules["cong_van_size"],) * 2,
                   bold=False, italic=rules["cong_van_italic"],
                   keys=("subject.cong_van_size", "", "subject.cong_van_italic"))

    def recipients(self) -> tuple:
        """The “Nơi nhận:” paragraph and the “- …” items under it in the same place (None and
        [] when there is no label): what the closing rules check and --fix repairs."""
        label = next((p for p in self.paras if re.match(r"^Nơi nhận\s*:", p.text)), None)
        if label is None:
            return None, []
        items = []
        for para in self.paras[label.index + 1:]:
            if para.where != label.where or not para.text.startswith("-"):
                break
            items.append(para)
        return label, items

    def closing(self) -> None:
        rules = self.profile["recipients"]
        label, items = self.recipients()
        if label is None:
            self.add("NN-1", "Thiếu phần “Nơi nhận”", rules["label"], "không có")
            return
        rule = "NN-3" if self.profile["system"] == "party" else "NN-2"
        self.style(rule, label, "Chữ “Nơi nhận:”", size=(rules["label_size"],) * 2,
                   bold=rules["label_bold"], italic=rules["label_italic"],
                   underline=rules["label_underline"],
                   keys=("recipients.label_size", "recipients.label_bold",
                         "recipients.label_italic", "recipients.label_underline"))
        for n, para in enumerate(items):
            last = n == len(items) - 1
            end = rules["last_end"] if last else rules["item_end"]
            if not para.text.startswith("- "):
                self.add("NN-4", "Mỗi nơi nhận bắt đầu bằng “- ”", "- …", para.text[:10], para)
            if not para.text.endswith(end):
                self.add("NN-5" if last else "NN-4",
                         f"Nơi nhận {'cuối cùng' if last else 'này'} phải kết thúc bằng “{end}”",
                         end, para.text[-1:], para,
                         ("recipients.last_end" if last else "recipients.item_end",))
            self.style("NN-4", para, "Nơi nhận", size=(rules["size"],) * 2,
                       keys=("recipients.size",))
        if items and not items[-1].text[2:].startswith(rules["archive"]):
            self.add("NN-5", f"Nơi nhận cuối cùng là “{rules['archive']} …”",
                     f"- {rules['archive']} …", items[-1].text, items[-1])

    def signature(self) -> None:
        signer = self.record.signer or {}
        prefixes = self.profile["signature"]["prefixes"]
        other = ["TM.", "KT.", "TL.", "TUQ."] if self.profile["system"] == "party" else [
            "T/M", "K/T", "T/L"]
        rule = "SG-2" if self.profile["system"] == "party" else "SG-1"
        rules = self.profile["signature"]
        authority = self.find(signer.get("authority"))
        if authority is not None:
            first = authority.text.split(" ")[0]
            if any(authority.text.startswith(p) for p in other) or first not in [
                    p.strip() for p in prefixes]:
                self.add(rule, "Quyền hạn ký viết chưa đúng quy định (T/M, K/T, T/L với văn "
                               "bản của Đảng; TM., KT., TL., TUQ., Q. với văn bản hành chính)",
                         " ".join(prefixes), first, authority)
            self.style("SG-3", authority, "Quyền hạn ký", bold=rules["authority_bold"],
                       align=CENTER)
        position = self.find(signer.get("position"))
        self.style("SG-3", position, "Chức vụ người ký", bold=rules["position_bold"],
                   align=CENTER, keys=("", "signature.position_bold"))
        name = self.find(signer.get("name"))
        if name is not None:
            if name.text == name.text.upper():
                self.add("SG-3", "Họ tên người ký viết chữ thường, không in hoa", "Nguyễn Văn A",
                         name.text, name)
            self.style("SG-3", name, "Họ tên người ký", bold=rules["name_bold"], align=CENTER)

    def body(self) -> None:
        rules = self.profile["body"]
        low, high = rules["size_range"]
        body = [p for p in self.paras if p.where == "body" and p.alignment == JUSTIFY and p.text]
        for para in body:
            sizes = {r.size for r in para.runs if r.text.strip()}
            if any(not low <= (s or 0) <= high for s in sizes):
                self.add("BD-1", "Cỡ chữ phần nội dung chưa đúng quy định", f"{low}–{high}",
                         ", ".join(str(s) for s in sorted(sizes, key=lambda v: v or 0)), para,
                         ("body.size",))
        if body and not body[-1].text.endswith("./."):
            self.add("BD-9", "Nội dung văn bản kết thúc bằng “./.”", "./.", body[-1].text[-3:],
                     body[-1], ("body.end_mark",))

    def copies(self) -> None:
        for copy in self.record.copies:
            headings = list(self.profile["copy"]["headings"].values())
            heading = next((p for p in self.paras if p.text in headings), None)
            if heading is None:
                self.add("CP-2", "Tên hình thức sao chưa đúng quy định", " / ".join(headings),
                         copy["kind"], keys=("copy.headings",))
            number = copy.get("number") or ""
            code_ok = re.search(r"-BS/" if self.profile["system"] == "party" else
                                r"/(SY|SL|TrS)-", number)
            if not code_ok:
                self.add("CP-3", "Số, ký hiệu bản sao chưa đúng quy định",
                         "Số 05-BS/TU" if self.profile["system"] == "party" else "Số: 05/SY-VP",
                         number)

    def run(self) -> list[Finding]:
        for rule in (self.page, self.fonts, self.page_numbers, self.header, self.number,
                     self.date, self.title, self.body, self.closing, self.signature,
                     self.copies):
            rule()
        return self.findings


def detect_profile(data: bytes) -> str:
    """hd36 or nd30, from the document's national or Party heading."""
    text = read_docx(data).content.upper()
    return "hd36" if "ĐẢNG CỘNG SẢN VIỆT NAM" in text else "nd30"


def check(data: bytes, profile: dict, path: str = "") -> Report:
    report = Report(path, profile["name"])
    report.findings = _Checker(data, profile).run()
    return report


def fix(data: bytes, profile: dict) -> bytes:
    """Repair what is mechanical — page and margins, fonts, sizes and styles of the components,
    date padding, Nơi nhận punctuation — and never the wording."""
    import io

    from docx.shared import Mm, Pt

    checker = _Checker(data, profile)
    document = checker.document
    page = profile["page"]
    for section in document.sections:
        section.page_width, section.page_height = Mm(page["width_mm"]), Mm(page["height_mm"])
        for side in ("top", "bottom", "left", "right"):
            low, high = page[f"margin_{side}_range"]
            if not low - MM_TOLERANCE <= getattr(section, f"{side}_margin").mm <= high + \
                    MM_TOLERANCE:
                setattr(section, f"{side}_margin", Mm(page[f"margin_{side}_mm"]))
    font = page["font"]

    def restyle(para: Para | None, size=None, bold=None, italic=None, underline=None):
        if para is None:
            return
        for run in para.paragraph.runs:
            if size is not None:
                run.font.size = Pt(size)
            for attr, value in (("bold", bold), ("italic", italic), ("underline", underline)):
                if value is not None:
                    setattr(run.font, attr, value)

    for para in checker.paras:
        for run in para.paragraph.runs:
            fonts = run._r.get_or_add_rPr().get_or_add_rFonts()
            for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
                fonts.set(qn(attr), font)
    heading = profile["heading"]
    for line, size, bold in zip(heading["lines"], heading["sizes"], heading["bold"]):
        restyle(checker.find(line), size, bold)
    issuer = checker.record.issuer or {}
    rules = profile["issuer"]
    restyle(checker.find(issuer.get("name"), "header"), rules["size"], rules["bold"])
    restyle(checker.find(issuer.get("parent"), "header"), rules["parent_size"],
            rules["parent_bold"])
    number = next((p for p in checker.paras if p.where.startswith("header")
                   and re.match(r"^Số\b", p.text)), None)
    restyle(number, profile["number"]["size"], False)
    _fix_date(checker, profile, restyle)
    subject_rules = profile["subject"]
    record = checker.record
    if record.doc_type in (None, "Công văn") and record.subject:
        subject = next((p for p in checker.paras if p.where.startswith("header")
                        and collapse(record.subject)[:20] in p.text), None)
        restyle(subject, subject_rules["cong_van_size"], False, subject_rules["cong_van_italic"])
    elif record.doc_type:
        title = checker.find(record.doc_type.upper(), "body")
        restyle(title, profile["title"]["size"], True)
    _fix_closing(checker, profile, restyle)
    sign = profile["signature"]
    signer = checker.record.signer or {}
    restyle(checker.find(signer.get("authority")), sign["size"], sign["authority_bold"])
    restyle(checker.find(signer.get("position")), sign["size"], sign["position_bold"])
    restyle(checker.find(signer.get("name")), sign["size"], sign["name_bold"])
    low, high = profile["body"]["size_range"]
    for para in checker.paras:
        if para.where == "body" and para.alignment == JUSTIFY and any(
                not low <= (r.size or 0) <= high for r in para.runs if r.text.strip()):
            restyle(para, profile["body"]["size"])
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _set_text(para: Para, text: str) -> None:
    """Replace a paragraph's text, keeping its first run's formatting."""
    runs = para.paragraph.runs
    if not runs:
        return
    runs[0].text = text
    for run in runs[1:]:
        run._r.getparent().remove(run._r)


def _fix_date(checker: _Checker, profile: dict, restyle) -> None:
    para = next((p for p in checker.paras if p.where.startswith("header")
                 and re.search(r", ngày \d{1,2} tháng \d{1,2} năm \d{4}$", p.text)), None)
    if para is None:
        return
    rules = profile["date"]

    def pad(match):
        day, month = match.group(1), match.group(2)
        day = day.zfill(2) if rules["pad_day"] else day
        month = month.zfill(2) if int(month) in rules["pad_months"] else month
        return f"ngày {day} tháng {month} năm"

    padded = re.sub(r"ngày (\d{1,2}) tháng (\d{1,2}) năm", pad, para.text)
    if padded != para.text:
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
        text = re.sub(r"^-\s*", "- ", para.text).rstrip(" ,;.") + end
        if text != para.text:
            _set_text(para, text)
        restyle(para, rules["size"])
