"""Drafts: every type in both systems parses back to what its spec said, is laid out as its
profile says, renders in LibreOffice, and a bad spec is refused by field."""
from __future__ import annotations

import datetime as dt

import pytest
import yaml
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm

from generators.docx_writer import format_date, format_number
from generators.draft import draft, profile_for
from generators.profile import load_profile
from generators.render import first_page_png
from pipeline.libreoffice import convert
from generators.scaffold import scaffold
from generators.spec import TYPES, SpecError, _loader, parse_spec
from pipeline.parse import parse_file
from pipeline.text import collapse
from test_cli import vanthu

CASES = [(slug, system) for slug in TYPES for system in ("party", "state")]


def spec_of(slug: str, system: str):
    return parse_spec(yaml.load(scaffold(slug, system), Loader=_loader()), f"{slug}-{system}")


@pytest.fixture(scope="module")
def drafts(tmp_path_factory):
    out = tmp_path_factory.mktemp("drafts")
    made = {}
    for slug, system in CASES:
        spec = spec_of(slug, system)
        path = out / f"{slug}-{system}.docx"
        path.write_bytes(draft(spec, profile_for(spec)))
        made[slug, system] = (spec, path)
    return made


@pytest.mark.parametrize("slug, system", CASES)
def test_round_trip_through_the_parser(drafts, slug, system):
    spec, path = drafts[slug, system]
    record = parse_file(path)
    assert record.system == system
    assert record.doc_type == TYPES[slug][0]
    assert record.number == format_number(spec["number"])
    assert record.date == spec.date.isoformat()
    assert record.place == spec["place"]
    assert record.issuer["name"] == spec["issuer"]["name"]
    # the trích yếu's first letter is written as the rule set says ("Về …" / "về …")
    assert record.subject[1:] == spec["subject"][1:]
    assert record.subject[0].casefold() == spec["subject"][0].casefold()
    assert record.signer == {"authority": spec["signer"]["authority"],
                             "position": spec["signer"]["position"],
                             "name": spec["signer"]["name"]}
    assert record.recipients == [r.rstrip(".;,") for r in spec["recipients"]]
    assert record.addressees == list(spec["addressees"] or [])
    assert record.warnings == []


def _runs(document):
    for paragraph in document.paragraphs:
        yield paragraph, paragraph.runs
    for table in document.tables:
        for cell in table._cells:
            for paragraph in cell.paragraphs:
                yield paragraph, paragraph.runs


def _find(document, text):
    return next(p for p, _ in _runs(document) if collapse(p.text) == text)


@pytest.mark.parametrize("system", ["party", "state"])
def test_layout_follows_the_profile(drafts, system):
    spec, path = drafts["cong-van", system]
    profile = load_profile("hd36" if system == "party" else "nd30")
    document = Document(path)
    section = document.sections[0]
    page = profile["page"]
    assert abs(section.page_width - Mm(210)) < Mm(0.3)
    assert abs(section.page_height - Mm(297)) < Mm(0.3)
    for side in ("top", "bottom", "left", "right"):
        assert abs(getattr(section, f"{side}_margin") - Mm(page[f"margin_{side}_mm"])) < Mm(0.3)
    assert section.different_first_page_header_footer  # no page number on page 1
    assert "PAGE" in section.header._element.xml
    for _, runs in _runs(document):
        for run in runs:
            fonts = run._r.rPr.rFonts
            assert {fonts.get(f"{{http://schemas.openxmlformats.org/wordprocessingml/2006/main}}{a}")
                    for a in ("ascii", "hAnsi", "eastAsia", "cs")} == {"Times New Roman"}
    heading = profile["heading"]
    for line, size, bold in zip(heading["lines"], heading["sizes"], heading["bold"]):
        run = _find(document, line).runs[0]
        assert (run.font.size.pt, run.font.bold) == (size, bold)
    issuer = _find(document, spec["issuer"]["name"]).runs[0]
    assert (issuer.font.size.pt, issuer.font.bold) == (profile["issuer"]["size"], True)
    number = _find(document, profile["number"]["label"] + spec["number"])
    assert number.runs[0].font.size.pt == profile["number"]["size"]
    date = _find(document, format_date(spec.date, spec["place"], profile)).runs[0]
    assert date.font.italic and date.font.size.pt == profile["date"]["size"]
    label = _find(document, profile["recipients"]["label"]).runs[0]
    rules = profile["recipients"]
    assert (label.font.size.pt, bool(label.font.bold), bool(label.font.italic),
            bool(label.font.underline)) == (rules["label_size"], rules["label_bold"],
                                            rules["label_italic"], rules["label_underline"])
    items = [p for p, _ in _runs(document) if p.text.startswith("- ")
             and any(r in p.text for r in spec["recipients"])]
    assert [p.text[-1] for p in items] == [rules["item_end"]] * (len(items) - 1) + [
        rules["last_end"]]
    assert all(p.runs[0].font.size.pt == rules["size"] for p in items)
    body = [p for p in document.paragraphs if p.alignment == WD_ALIGN_PARAGRAPH.JUSTIFY]
    assert body and all(r.font.size.pt == profile["body"]["size"] for p in body for r in p.runs)
    assert body[-1].text.endswith("./.")
    separator = "*" if system == "party" else None
    if separator:
        assert _find(document, "*")
    authority = _find(document, spec["signer"]["authority"]).runs[0]
    assert authority.font.bold and authority.font.size.pt == profile["signature"]["size"]
    center, left = WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.LEFT
    for text in (spec["issuer"]["name"], heading["lines"][0], spec["signer"]["authority"],
                 spec["signer"]["position"], spec["signer"]["name"],
                 format_date(spec.date, spec["place"], profile)):
        assert _find(document, text).alignment == center, text
    assert _find(document, rules["label"]).alignment == left
    assert all(p.alignment == left for p in items)


def test_dates_are_padded_as_the_rules_say():
    profile = load_profile("nd30")
    assert format_date(dt.date(2020, 1, 5), "Hà Nội", profile) == "Hà Nội, ngày 05 tháng 01 năm 2020"
    assert format_date(dt.date(2019, 6, 29), "Hà Nội", profile) == "Hà Nội, ngày 29 tháng 6 năm 2019"
    assert format_number("5-CV/TU") == "05-CV/TU" and format_number("12/UBND-VP") == "12/UBND-VP"


def test_a_user_profile_overrides_only_what_it_names(tmp_path, drafts):
    custom = tmp_path / "quang-ngai.toml"
    custom.write_text('extends = "hd36"\n[recipients]\nitem_end = ";"\n', encoding="utf-8")
    profile = load_profile(str(custom))
    assert profile["recipients"]["item_end"] == ";" and profile["recipients"]["last_end"] == "."
    assert profile["heading"]["lines"] == ["ĐẢNG CỘNG SẢN VIỆT NAM"]


def test_rendered_through_libreoffice_to_pdf_and_png(drafts, tmp_path):
    paths = [drafts["cong-van", "party"][1], drafts["quyet-dinh", "state"][1]]
    pdfs = convert(paths, "pdf", tmp_path)
    for pdf in pdfs:
        record = parse_file(pdf)
        assert record.number and record.signer["name"]
    png = first_page_png(pdfs[0], tmp_path / "page.png")
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


@pytest.mark.parametrize("change, message", [
    (lambda d: d.pop("subject"), "field 'subject' is missing"),
    (lambda d: d.update(date="2024-02-30"), "field 'date' is '2024-02-30'"),
    (lambda d: d.update(type="cong-thu"), "field 'type' is 'cong-thu'"),
    (lambda d: d["signer"].pop("name"), "field 'name' is missing"),
    (lambda d: d.update(recipients=["Như trên", {"Lưu": "VT"}]), "item 2 of 'recipients'"),
])
def test_bad_specs_name_the_field(change, message):
    data = yaml.load(scaffold("cong-van", "state"), Loader=_loader())
    change(data)
    with pytest.raises(SpecError, match=message):
        parse_spec(data)


def test_new_and_draft_commands(tmp_path):
    spec = tmp_path / "d.yaml"
    result = vanthu("new", "cong-van", "--system", "party")
    assert result.returncode == 0 and "type: cong-van" in result.stdout
    spec.write_text(result.stdout, encoding="utf-8")
    out = tmp_path / "d.docx"
    assert vanthu("draft", str(spec), "-o", str(out)).returncode == 0
    assert parse_file(out).number == "1823-CV/TU"
    broken = tmp_path / "broken.yaml"
    broken.write_text(result.stdout.replace("date: 2024-12-02", "date: 2024-13-01"), "utf-8")
    failed = vanthu("draft", str(broken), "-o", str(tmp_path / "x.docx"))
    assert failed.returncode == 1 and "field 'date'" in failed.stderr
    assert "Traceback" not in failed.stderr and not (tmp_path / "x.docx").exists()
