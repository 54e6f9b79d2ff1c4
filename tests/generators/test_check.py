"""vanthu check: drafts pass; each rule, broken alone in a good document, fires alone; --fix
repairs what is mechanical; documents written by LibreOffice are checked as well as ours."""
from __future__ import annotations

import io
import re

import pytest
import yaml
from docx import Document
from docx.shared import Mm, Pt

from generators.checker import check, detect_profile, fix
from generators.draft import draft, profile_for
from generators.profile import load_profile
from pipeline.libreoffice import convert
from generators.scaffold import scaffold
from generators.spec import TYPES, _loader, parse_spec
from test_cli import vanthu


def drafted(slug: str, system: str) -> bytes:
    spec = parse_spec(yaml.load(scaffold(slug, system), Loader=_loader()))
    return draft(spec, profile_for(spec))


@pytest.mark.parametrize("slug", list(TYPES))
@pytest.mark.parametrize("system", ["party", "state"])
def test_every_draft_passes_with_no_error(slug, system):
    data = drafted(slug, system)
    profile = load_profile(detect_profile(data))
    assert profile["system"] == system
    assert check(data, profile).findings == []


def _mutate(data: bytes, change) -> bytes:
    document = Document(io.BytesIO(data))
    change(document)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _paragraph(document, pattern: str):
    cells = [p for t in document.tables for c in t._cells for p in c.paragraphs]
    return next(p for p in list(document.paragraphs) + cells if re.search(pattern, p.text))


def _set(pattern, **props):
    def change(document):
        for run in _paragraph(document, pattern).runs:
            for key, value in props.items():
                if key == "text":
                    run.text = value
                elif key == "size":
                    run.font.size = Pt(value)
                elif key == "font":
                    run.font.name = value
                    run._r.rPr.rFonts.set(
                        "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}ascii", value)
                else:
                    setattr(run.font, key, value)
    return change


def _margin(document):
    document.sections[0].left_margin = Mm(20)


def _page(document):
    document.sections[0].page_width = Mm(216)


# (system, mutation, the only rule expected, severity)
MUTATIONS = [
    ("state", _page, "PG-1"),
    ("state", _margin, "PG-5"),
    ("state", _set(r"^Quảng Ngãi, ngày", font="Arial"), "FN-1"),
    ("state", _set(r"^CỘNG HÒA", bold=False), "HD-1"),
    ("state", _set(r"^Độc lập", bold=False), "HD-2"),
    ("party", _set(r"^ĐẢNG CỘNG SẢN", bold=False), "HD-3"),
    ("state", _set(r"^ỦY BAN NHÂN DÂN TỈNH", bold=False), "HD-4"),
    ("party", _set(r"^\*$", text="-----"), "HD-5"),
    ("state", _set(r"^Số:", text="Số 12/UBND-VP"), "NB-1"),
    ("party", _set(r"^Số ", text="Số: 1823-CV/TU"), "NB-3"),
    ("state", _set(r"ngày 02 tháng 12", text="Quảng Ngãi, ngày 2 tháng 12 năm 2024"), "DT-2"),
    ("state", _set(r"ngày 02 tháng 12", italic=False), "DT-3"),
    ("state", _set(r"^V/v", bold=True), "TT-4"),
    ("state", _set(r"^Thực hiện chỉ đạo", size=11), "BD-1"),
    ("state", _set(r"^Nơi nhận", italic=False), "NN-2"),
    ("state", _set(r"^- Như trên", text="- Như trên,"), "NN-4"),
    ("state", _set(r"^- Lưu", text="- Lưu: VT, VX"), "NN-5"),
    ("state", _set(r"^KT\. CHỦ TỊCH", text="K/T CHỦ TỊCH"), "SG-1"),
    ("party", _set(r"^T/M BAN", text="TM. BAN THƯỜNG VỤ"), "SG-2"),
    ("state", _set(r"^Trần Phước Hiền", text="TRẦN PHƯỚC HIỀN"), "SG-3"),
]


def _align(pattern, alignment):
    def change(document):
        _paragraph(document, pattern).alignment = alignment
    return change


def _top(document):
    document.sections[0].top_margin = Mm(30)


# The same with a Kế hoạch, for the rules of documents that print their type name.
TITLED = [
    ("state", _set(r"^KẾ HOẠCH$", bold=False), "TT-1"),
    ("state", _align(r"^Tổ chức hội nghị tổng kết", 0), "TT-2"),
    ("state", _set(r"Bảo đảm kinh phí", text="Bảo đảm kinh phí, cơ sở vật chất"), "BD-9"),
    ("state", _top, "PG-3"),
    ("party", _set(r"^Nơi nhận", underline=False), "NN-3"),
]


@pytest.mark.parametrize("system, change, rule", TITLED, ids=[m[2] + "-" + m[0] for m in TITLED])
def test_rules_of_titled_documents(system, change, rule):
    profile = load_profile("hd36" if system == "party" else "nd30")
    broken = _mutate(drafted("ke-hoach", system), change)
    assert {f.rule for f in check(broken, profile).findings} == {rule}


def test_copy_rules():
    from generators.copy import make_copy
    import datetime as dt
    source = drafted("cong-van", "state")
    profile = load_profile("nd30")
    copy = {"kind": "sao-y", "issuer": "VĂN PHÒNG UBND TỈNH", "parent": None, "number": "15/SY-VP",
            "place": "Quảng Ngãi", "date": dt.date(2024, 12, 5),
            "signer": {"authority": "TL. CHỦ TỊCH", "position": "CHÁNH VĂN PHÒNG",
                       "name": "Lê Văn Bình"}, "recipients": ["Sở Nội vụ", "Lưu: VT"]}
    good = make_copy("cv.docx", source, copy, profile)
    assert check(good, profile).findings == []
    wrong = make_copy("cv.docx", source, dict(copy, number="15/BS-VP"), profile)
    assert {f.rule for f in check(wrong, profile).findings} == {"CP-3"}


@pytest.mark.parametrize("system, change, rule", MUTATIONS,
                         ids=[m[2] + "-" + m[0] for m in MUTATIONS])
def test_each_rule_fires_alone_and_fix_repairs_what_is_mechanical(system, change, rule):
    good = drafted("cong-van", system)
    profile = load_profile("hd36" if system == "party" else "nd30")
    broken = _mutate(good, change)
    fired = {f.rule for f in check(broken, profile).findings}
    assert fired == {rule}
    repaired = check(fix(broken, profile), profile)
    mechanical = {"PG-1", "PG-5", "FN-1", "HD-1", "HD-2", "HD-3", "HD-4", "DT-2", "DT-3",
                  "TT-4", "BD-1", "NN-2", "NN-4"}
    if rule in mechanical:
        assert repaired.errors == []


def test_fix_never_changes_wording():
    broken = _mutate(drafted("cong-van", "state"), _set(r"^- Như trên", text="- Như trên,"))
    profile = load_profile("nd30")
    before = [p.text for p in Document(io.BytesIO(broken)).paragraphs]
    after = [p.text for p in Document(io.BytesIO(fix(broken, profile))).paragraphs]
    assert before == after  # body paragraphs untouched; only the Nơi nhận item's end changed


def _wide_margin(document):
    document.sections[0].left_margin = Mm(35)


def test_uncertain_rules_are_warnings_and_profiles_can_change_them(tmp_path):
    """HD36's 30 mm left margin is a secondary source's: 35 mm (NĐ30 allows it) warns, 20 mm
    (no source allows it) is an error for either system."""
    broken = _mutate(drafted("cong-van", "party"), _wide_margin)
    findings = check(broken, load_profile("hd36")).findings
    assert [(f.rule, f.severity) for f in findings] == [("PG-5", "warning")]
    too_narrow = _mutate(drafted("cong-van", "party"), _margin)
    assert [(f.rule, f.severity) for f in check(too_narrow, load_profile("hd36")).findings] == [
        ("PG-5", "error")]
    strict = tmp_path / "strict.toml"
    strict.write_text('extends = "hd36"\nuncertain = []\n[checker]\nwarn = []\noff = []\n',
                      encoding="utf-8")
    assert [(f.rule, f.severity) for f in check(broken, load_profile(str(strict))).findings] == [
        ("PG-5", "error")]


@pytest.mark.parametrize("system", ["party", "state"])
def test_documents_saved_by_libreoffice_are_checked_as_well(tmp_path, system):
    """A draft opened in LibreOffice, saved as .odt, then as .docx again: LibreOffice's own
    styles and direct formatting replace ours, and the document must still pass."""
    source = tmp_path / f"cong-van-{system}.docx"
    source.write_bytes(drafted("cong-van", system))
    (odt,) = convert([source], "odt", tmp_path / "odt")
    (back,) = convert([odt], "docx:MS Word 2007 XML", tmp_path / "docx")
    data = back.read_bytes()
    profile = load_profile(detect_profile(data))
    assert check(data, profile).errors == []


def test_command_exit_codes_and_json(tmp_path):
    good = tmp_path / "good.docx"
    good.write_bytes(drafted("ke-hoach", "state"))
    bad = tmp_path / "bad.docx"
    bad.write_bytes(_mutate(good.read_bytes(), _margin))
    broken = tmp_path / "broken.docx"
    broken.write_bytes(b"PK\x03\x04 not a package")
    assert vanthu("check", str(good)).returncode == 0
    result = vanthu("check", "--json", str(bad))
    assert result.returncode == 1
    import json
    report = json.loads(result.stdout)
    assert report["errors"] == 1 and report["findings"][0]["rule"] == "PG-5"
    assert report["findings"][0]["message"].startswith("Lề trái")
    result = vanthu("check", str(broken))
    assert result.returncode == 2 and "Traceback" not in result.stderr
    fixed = tmp_path / "fixed.docx"
    assert vanthu("check", str(bad), "--fix", "-o", str(fixed)).returncode == 0
    assert check(fixed.read_bytes(), load_profile("nd30")).errors == []
