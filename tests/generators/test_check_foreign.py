"""vanthu check on documents others wrote (tests/checkmaker.py builds them as they do): every
part found wherever it is, every rule of format-spec §7 applied, and for each document the
findings a careful reviewer of NĐ30 / HD36 would write — no more, no fewer."""
from __future__ import annotations

import datetime as dt
import io
import zipfile

import pytest
from docx.shared import Mm

import checkmaker as cm
from generators.checker import check, detect_profile, fix
from generators.docx_model import TWIPS_PER_MM, read_model
from generators.profile import load_profile

TODAY = dt.date(2026, 3, 6)


def findings(data: bytes, profile: str | None = None, **options) -> set:
    rules = load_profile(profile or detect_profile(data))
    return {(f.rule, f.severity) for f in check(data, rules, today=TODAY, **options).findings}


def report(data: bytes, profile: str | None = None):
    return check(data, load_profile(profile or detect_profile(data)), today=TODAY).findings


# --- every part found, wherever it is -----------------------------------------------------
def test_a_header_typed_as_paragraphs_is_found_and_checked():
    """No table: issuer and Quốc hiệu on one line kept apart by a tab, number and date too, the
    lines drawn as VML shapes, Nơi nhận typed with the signature beside it after a tab. The
    V/v typed flush left under the number is the one thing a reviewer notes."""
    data = cm.state_cong_van(header="typed", closing="typed").bytes()
    assert findings(data) == {("TT-4", "warning")}


def test_a_number_outside_the_table_has_its_form_and_size_checked():
    data = cm.state_cong_van(header="typed", number="Số 125/SNV-VP", number_size=14).bytes()
    found = report(data)
    nb1 = [f for f in found if f.rule == "NB-1"]
    assert {f.message.split(":")[0] for f in nb1} == {"Số, ký hiệu viết chưa đúng quy định",
                                                     "Số, ký hiệu"}
    assert all(f.severity == "error" for f in nb1)
    assert "<số>" in nb1[0].expected and "125" not in nb1[0].expected  # a pattern, not an example


def _boxed(motto: str) -> bytes:
    m = cm.Maker()
    anchor = m.para()
    m.textbox(anchor, [("UBND TỈNH QUẢNG NGÃI", 13, False, False), ("SỞ NỘI VỤ", 13, True, False),
                       ("---", 13, False, False), ("Số: 125/SNV-VP", 13, False, False),
                       ("V/v rà soát thủ tục hành chính năm 2026", 12, False, False)])
    m.textbox(anchor, [("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 13, True, False),
                       (motto, 14, True, False), ("---", 13, False, False),
                       ("Quảng Ngãi, ngày 05 tháng 3 năm 2026", 14, False, True)])
    cm.addressed(m)
    m.body()
    cm.state_closing_table(m)
    return m.bytes()


def test_components_in_text_boxes_are_found():
    assert findings(_boxed("Độc lập - Tự do - Hạnh phúc")) == set()
    assert findings(_boxed("Độc lập – Tự do – Hạnh phúc")) == {("HD-2", "warning")}


def test_a_part_of_a_table_cell_and_its_number_on_two_lines():
    m = cm.Maker()
    left, right = m.table()
    m.para(("SỞ NỘI VỤ", 13, True), align=cm.CENTER, container=left)
    m.para(align=cm.CENTER, container=left, border_bottom=True, left_mm=25)
    m.para(("Số:\n125/SNV-VP", 13), align=cm.CENTER, container=left)
    m.para(("V/v rà soát thủ tục hành chính", 12), align=cm.CENTER, container=left)
    m.para(("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 13, True), align=cm.CENTER, container=right)
    m.para(("Độc lập - Tự do - Hạnh phúc", 14, True), align=cm.CENTER, container=right,
           border_bottom=True)
    m.para(("Quảng Ngãi, ngày 05 tháng 3 năm 2026", 14, False, True), align=cm.CENTER,
           container=right)
    cm.addressed(m)
    m.body()
    cm.state_closing_table(m)
    assert findings(m.bytes()) == set()


# --- the profile comes from the header -----------------------------------------------------
def test_the_profile_is_chosen_from_the_header_never_from_the_body():
    m = cm.state_cong_van()
    m.body(["Quán triệt Nghị quyết của ĐẢNG CỘNG SẢN VIỆT NAM và chủ trương của Đảng Cộng sản "
            "Việt Nam về cải cách hành chính, các cơ quan thực hiện nghiêm túc./."])
    assert detect_profile(m.bytes()) == "nd30"
    assert detect_profile(cm.party_cong_van().bytes()) == "hd36"
    assert findings(cm.party_cong_van().bytes()) == set()


# --- rules applied -------------------------------------------------------------------------
def test_capitals_of_the_party_heading_and_the_quoc_hieu():
    party = cm.party_cong_van(heading=("Đảng Cộng sản Việt Nam", 15, True)).bytes()
    assert findings(party) == {("HD-3", "error")}
    state = cm.state_cong_van(header="typed", quoc_hieu=(
        "Cộng hòa xã hội chủ nghĩa Việt Nam", 13, True)).bytes()
    assert ("HD-1", "error") in findings(state)


def test_caps_set_by_formatting_count_as_capitals():
    m = cm.party_cong_van(heading=("Đảng Cộng sản Việt Nam", 15, True))
    for paragraph in m.document.tables[0].rows[0].cells[1].paragraphs:
        for run in paragraph.runs:
            run.font.all_caps = True
    assert findings(m.bytes()) == set()


def _body_changed(**options) -> bytes:
    m = cm.Maker()
    cm.state_header_table(m)
    cm.addressed(m)
    m.body(**options)
    cm.state_closing_table(m)
    return m.bytes()


@pytest.mark.parametrize("options, expected", [
    ({"indent_mm": None}, {("BD-2", "warning")}),
    ({"indent_mm": 20}, {("BD-2", "warning")}),
    ({"line": 2.0}, {("BD-4", "warning")}),
    ({"line": 1.5}, set()),
    ({"after": 0}, {("BD-3", "warning")}),
    ({"align": cm.LEFT}, {("BD-1", "error")}),
    ({"size": 12}, {("BD-1", "error")}),
], ids=["no-indent", "2cm-indent", "double-spacing", "1.5-lines", "no-paragraph-space",
        "left-aligned", "12pt"])
def test_body_rules(options, expected):
    assert findings(_body_changed(**options)) == expected


def test_articles_chapters_and_points():
    data = _body_changed(texts=[
        "Điều 1: Phạm vi điều chỉnh của quy chế này gồm các cơ quan, đơn vị thuộc Sở.",
        "a. Các phòng chuyên môn thực hiện rà soát thủ tục hành chính theo kế hoạch.",
        "b) Văn phòng Sở tổng hợp kết quả rà soát, báo cáo Giám đốc Sở theo quy định./."])
    assert findings(data) == {("BD-6", "error"), ("BD-8", "warning")}


def test_kinh_gui_with_several_recipients():
    m = cm.Maker()
    cm.state_header_table(m)
    m.para(("Kính gửi:", 14), align=cm.CENTER)
    for item in ("- Sở Tài chính;", "- Sở Kế hoạch và Đầu tư;", "Sở Tư pháp"):
        m.para((item, 14), left_mm=40)
    m.body()
    cm.state_closing_table(m)
    found = [f for f in report(m.bytes()) if f.rule == "KG-1"]
    assert [(f.rule, f.severity, f.excerpt) for f in found] == [("KG-1", "error", "Sở Tư pháp")]


def test_luu_without_its_dash_is_an_item_format_error_not_a_missing_luu():
    m = cm.Maker()
    cm.state_header_table(m)
    cm.addressed(m)
    m.body()
    cm.state_closing_table(m, items=("- Như trên;", "- Giám đốc Sở;", "Lưu: VT, VP."))
    assert findings(m.bytes()) == {("NN-4", "error")}


def test_nhu_tren_first_for_a_cong_van_with_kinh_gui():
    m = cm.Maker()
    cm.state_header_table(m)
    cm.addressed(m)
    m.body()
    cm.state_closing_table(m, items=("- Giám đốc Sở;", "- Lưu: VT, VP."))
    assert findings(m.bytes()) == {("NN-6", "warning")}


def test_signer_with_a_degree_and_the_other_systems_prefix():
    m = cm.Maker()
    cm.state_header_table(m)
    cm.addressed(m)
    m.body()
    cm.state_closing_table(m, authority="K/T GIÁM ĐỐC", name="TS. Nguyễn Văn An")
    assert findings(m.bytes()) == {("SG-1", "error"), ("SG-4", "warning")}


def test_place_and_date_rules():
    assert findings(cm.state_cong_van(date="quảng Ngãi , ngày 05 tháng 3 năm 2026").bytes()) \
        >= {("DT-4", "warning")}
    assert findings(cm.state_cong_van(date="Quảng Ngãi, ngày 31 tháng 02 năm 2026").bytes()) \
        == {("DT-5", "warning")}  # §7: DT-5 is a warning in both systems
    assert findings(cm.state_cong_van(date="Quảng Ngãi, ngày 05 tháng 3 năm 2027").bytes()) \
        == {("DT-5", "warning")}
    assert findings(cm.state_cong_van(date="Quảng Ngãi, ngày 5 tháng 3 năm 2026").bytes()) \
        == {("DT-2", "error")}


def test_size_consistency_of_quoc_hieu_tieu_ngu_and_date():
    data = cm.state_cong_van(header="typed", quoc_hieu=(
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 12, True)).bytes()
    assert findings(data) == {("TT-4", "warning"), ("HD-7", "warning")}


# --- drafts and severity -------------------------------------------------------------------
def test_a_draft_waiting_for_its_number_and_day_is_noted_not_wrong():
    data = cm.state_cong_van(number="Số:      /SNV-VP",
                             date="Quảng Ngãi, ngày      tháng 3 năm 2026").bytes()
    found = report(data)
    assert {(f.rule, f.severity) for f in found} == {("NB-1", "note"), ("DT-1", "note")}
    assert all("Dự thảo" in f.message for f in found)


@pytest.mark.parametrize("profile", ["nd30", "hd36"])
def test_a_value_no_source_allows_is_an_error_for_either_system(profile):
    make = cm.party_cong_van if profile == "hd36" else cm.state_cong_van
    m = make()
    m.document.sections[0].left_margin = Mm(12)
    assert ("PG-5", "error") in findings(m.bytes(), profile)
    m = make()
    m.document.sections[0].left_margin = Mm(35)  # NĐ30's range; HD36's secondary sources say 30
    assert findings(m.bytes(), profile) == ({("PG-5", "warning")} if profile == "hd36"
                                            else set())


@pytest.mark.parametrize("size, severity", [(10, "error"), (13, "warning"), (14, None)])
def test_party_body_size_warns_near_the_expected_value_and_errs_beyond(size, severity):
    m = cm.party_cong_van()
    for paragraph in m.document.paragraphs:
        if len(paragraph.text) > 60:
            for run in paragraph.runs:
                run.font.size = cm.Pt(size)
    found = {f for f in findings(m.bytes()) if f[0] == "BD-1"}
    assert found == ({("BD-1", severity)} if severity else set())


# --- sections, appendices, copies ----------------------------------------------------------
def test_every_section_is_checked():
    m = cm.state_cong_van()
    m.section(215.9, 279.4)  # US Letter
    m.body()
    found = report(m.bytes())
    pg1 = [f for f in found if f.rule == "PG-1"]
    assert len(pg1) == 1 and pg1[0].severity == "error" and "phần 2" in pg1[0].message


def test_a_landscape_section_holding_a_wide_table_is_a_warning_not_a_wrong_paper_size():
    m = cm.state_cong_van()
    cm.appendix(m, wide=True)
    found = findings(m.bytes())
    assert ("PG-2", "warning") in found and not any(r == "PG-1" for r, _ in found)
    assert not any(s == "error" for _, s in found)


def test_an_appendix_has_no_quoc_hieu_or_noi_nhan_of_its_own():
    m = cm.state_cong_van()
    cm.appendix(m)
    assert findings(m.bytes()) == set()
    m = cm.state_cong_van()
    cm.appendix(m, note=False)
    assert findings(m.bytes()) == {("OP-3", "warning")}


def test_a_copy_block_is_checked_with_the_copy_rules():
    m = cm.state_cong_van()
    cm.copy_block(m)
    assert findings(m.bytes()) == set()
    m = cm.state_cong_van()
    cm.copy_block(m, heading="SAO Y BẢN CHÍNH", rule=False, number="Số: 07/BS-UBND")
    assert findings(m.bytes()) == {("CP-1", "error"), ("CP-2", "error"), ("CP-3", "error")}


def test_a_party_copy_block():
    m = cm.party_cong_van()
    cm.party_copy_block(m)
    assert findings(m.bytes()) == set()
    m = cm.party_cong_van()
    cm.party_copy_block(m, heading="SAO Y", number="Số: 24/SY-TU")
    assert findings(m.bytes()) == {("CP-2", "warning"), ("CP-3", "error")}


# --- robustness -----------------------------------------------------------------------------
def test_a_style_cycle_does_not_crash():
    m = cm.state_cong_van()
    cm.style_cycle(m)
    assert findings(m.bytes()) == set()


def test_theme_fonts_are_resolved_and_named():
    good = cm.theme_fonts(cm.state_cong_van().bytes(), "Times New Roman")
    assert findings(good) == set()
    wrong = cm.theme_fonts(cm.state_cong_van().bytes(), "Calibri")
    fn1 = [f for f in report(wrong) if f.rule == "FN-1"]
    assert len(fn1) == 1 and "Calibri" in fn1[0].found and "minorHAnsi" in fn1[0].found


def test_an_alt_chunk_is_reported_as_not_checked():
    m = cm.state_cong_van()
    cm.alt_chunk(m)
    found = report(m.bytes())
    assert [(f.rule, f.severity) for f in found] == [("NC-1", "warning")]
    assert "afchunk" in found[0].found


# --- fix -----------------------------------------------------------------------------------
@pytest.mark.parametrize("profile", ["nd30", "hd36"])
def test_fix_writes_values_inside_the_allowed_range_after_rounding(profile):
    m = cm.party_cong_van() if profile == "hd36" else cm.state_cong_van()
    section = m.document.sections[0]
    section.left_margin, section.right_margin, section.top_margin = Mm(12), Mm(40), Mm(14.99)
    fixed = fix(m.bytes(), load_profile(profile))
    rules = load_profile(profile)["page"]
    for section in read_model(fixed).sections:
        for side, got in section.margins_mm.items():
            low, high = rules[f"margin_{side}_range"]
            if high - low > 0.1:
                assert low <= got <= high, (side, got)  # no tolerance: exact after rounding
            else:  # a single value: the nearest twip
                assert abs(got - low) <= 0.5 / TWIPS_PER_MM, (side, got)
    assert not any(r.startswith("PG") for r, _ in findings(fixed, profile))


# --- citations against the archive ---------------------------------------------------------
def test_citations_that_disagree_with_the_archive_are_warnings(tmp_path):
    import yaml

    from corpus import open_archive
    from generators.draft import draft, profile_for
    from generators.scaffold import scaffold
    from generators.spec import _loader, parse_spec

    data = yaml.load(scaffold("ke-hoach", "state"), Loader=_loader())
    data.update(number="15/KH-UBND", date="2026-02-12",
                issuer={"name": "ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI"})
    spec = parse_spec(data)
    cited = tmp_path / "ke-hoach-15.docx"
    cited.write_bytes(draft(spec, profile_for(spec)))
    with open_archive(tmp_path / "archive.sqlite") as archive:
        archive.add_file(cited)
        found = check(cm.state_cong_van().bytes(), load_profile("nd30"), archive=archive,
                      today=TODAY).findings
    citations = [(f.rule, f.severity, f.found, f.expected) for f in found if f.rule == "CT-1"]
    assert citations == [("CT-1", "warning", "2026-02-10", "2026-02-12")]
    assert not [f for f in check(cm.state_cong_van().bytes(), load_profile("nd30"),
                                 today=TODAY).findings if f.rule == "CT-1"]


def test_the_package_is_never_changed_by_checking():
    data = cm.state_cong_van().bytes()
    before = zipfile.ZipFile(io.BytesIO(data)).namelist()
    check(data, load_profile("nd30"))
    assert zipfile.ZipFile(io.BytesIO(data)).namelist() == before


# --- documents with a type name --------------------------------------------------------------
def test_a_titled_document_and_the_line_under_its_trich_yeu():
    assert findings(cm.state_titled().bytes()) == set()
    assert findings(cm.state_titled(separator=False).bytes()) == {("TT-3", "warning")}


def _decision(last_basis: str, articles) -> bytes:
    lead = [("GIÁM ĐỐC SỞ NỘI VỤ TỈNH QUẢNG NGÃI", False, cm.CENTER),
            ("Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05 tháng 3 năm 2020 của Chính phủ về "
             "công tác văn thư;", True, cm.JUSTIFY),
            (last_basis, True, cm.JUSTIFY), ("QUYẾT ĐỊNH:", False, cm.CENTER)]
    return cm.state_titled(title="QUYẾT ĐỊNH", number="Số: 20/QĐ-SNV",
                           subject="Về việc ban hành Quy chế rà soát thủ tục hành chính",
                           lead=lead, texts=articles, authority="GIÁM ĐỐC").bytes()


ARTICLES = [("Điều 1.", " Ban hành kèm theo Quyết định này Quy chế rà soát thủ tục hành chính "
             "của Sở Nội vụ."), ("Điều 2.", " Quyết định này có hiệu lực kể từ ngày ký./.")]


def test_can_cu_lines_and_articles_of_a_decision():
    assert findings(_decision("Theo đề nghị của Chánh Văn phòng Sở.", ARTICLES)) == set()
    assert findings(_decision("Theo đề nghị của Chánh Văn phòng Sở;", ARTICLES)) == {
        ("BD-5", "error")}
    plain = [label + rest for label, rest in ARTICLES]
    assert findings(_decision("Theo đề nghị của Chánh Văn phòng Sở.", plain)) == {
        ("BD-6", "error")}


def test_chapters_numbered_in_roman_on_their_own_centred_bold_line():
    m = cm.state_titled(title="QUY CHẾ", number="Số: 21/QC-SNV",
                        subject="Rà soát thủ tục hành chính của Sở Nội vụ", texts=[])
    closing = m.document.tables[-1]._tbl  # the chapter goes before the closing
    for text, bold in (("Chương 1", True), ("QUY ĐỊNH CHUNG", True)):
        paragraph = m.para((text, 14, bold), align=cm.CENTER)
        closing.addprevious(paragraph._p)
    for text in cm.BODY:
        paragraph = m.para((text, 14), align=cm.JUSTIFY, indent_mm=12.7, after=6, line=1.15)
        closing.addprevious(paragraph._p)
    assert findings(m.bytes()) == {("BD-7", "error")}


# --- the Party's công văn summary, the header's order, an urgency stamp ----------------------
def test_party_summary_position_and_style():
    m = cm.party_cong_van()
    left = m.document.tables[0].rows[0].cells[0]
    summary = left.paragraphs[-1]
    for run in summary.runs:
        run.font.italic = False
    assert findings(m.bytes()) == {("TT-5", "warning")}


def test_the_header_order_number_under_the_issuer():
    m = cm.state_cong_van()
    left = m.document.tables[0].rows[0].cells[0]
    number = next(p for p in left.paragraphs if p.text.startswith("Số:"))
    left.paragraphs[0]._p.addprevious(number._p)
    assert ("HD-6", "error") in findings(m.bytes())


def test_an_urgency_stamp_is_in_capitals_bold_and_framed():
    m = cm.state_cong_van()
    left = m.document.tables[0].rows[0].cells[0]
    stamp = m.para(("HỎA TỐC", 14, True), align=cm.CENTER, container=left)
    assert findings(m.bytes()) == {("OP-1", "warning")}
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls
    stamp._p.get_or_add_pPr().append(parse_xml(
        f'<w:pBdr {nsdecls("w")}>' + "".join(f'<w:{side} w:val="single" w:sz="6"/>' for side in
                                             ("top", "left", "bottom", "right")) + "</w:pBdr>"))
    assert findings(m.bytes()) == set()


# --- the command ----------------------------------------------------------------------------
def test_the_command_checks_a_doc_and_looks_citations_up_with_db(tmp_path):
    """A Word 97–2003 file (made by LibreOffice from a good .docx) is checked as the .docx
    LibreOffice makes of it; --db opens the archive; a bad file is one line and exit code 2."""
    import json

    from pipeline.libreoffice import convert
    from test_cli import vanthu

    source = tmp_path / "cong-van.docx"
    source.write_bytes(cm.state_cong_van().bytes())
    (doc,) = convert([source], "doc", tmp_path / "doc")
    result = vanthu("check", "--json", "--db", str(tmp_path / "archive.sqlite"), str(doc))
    assert result.returncode == 0, result.stdout + result.stderr
    report = json.loads(result.stdout)
    assert report["profile"] == "nd30" and report["errors"] == 0
    broken = tmp_path / "broken.doc"
    broken.write_bytes(b"\xd0\xcf\x11\xe0" + b"\0" * 600)
    result = vanthu("check", str(broken))
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert result.stderr.count("\n") == 1 and "broken.doc" in result.stderr


def test_a_city_named_as_the_decree_writes_it_and_an_underlined_motto():
    data = cm.state_cong_van(date="Thành phố Hồ Chí Minh, ngày 05 tháng 3 năm 2026").bytes()
    assert findings(data) == set()
    m = cm.Maker()
    left, right = m.table()
    m.para(("SỞ NỘI VỤ", 13, True, False, True), align=cm.CENTER, container=left)
    m.para(("Số: 125/SNV-VP", 13), align=cm.CENTER, container=left, before=6)
    m.para(("V/v rà soát thủ tục hành chính", 12), align=cm.CENTER, container=left, before=6)
    m.para(("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 13, True), align=cm.CENTER, container=right)
    m.para(("Độc lập - Tự do - Hạnh phúc", 14, True, False, True), align=cm.CENTER,
           container=right)
    m.para(("Quảng Ngãi, ngày 05 tháng 3 năm 2026", 14, False, True), align=cm.CENTER,
           container=right, before=6)
    cm.addressed(m)
    m.body()
    cm.state_closing_table(m)
    assert findings(m.bytes()) == set()


def test_the_type_abbreviation_is_a_known_one():
    assert findings(cm.state_titled(number="Số: 15/KHo-SNV").bytes()) == {("NB-2", "error")}
