"""Documents typed before Unicode: TCVN3 and VNI (in .txt, .docx runs and a PDF text layer),
Windows-1258 and decomposed Unicode, each made by encoding the real documents' text; and a
real .doc and .odt made by LibreOffice from a real document."""
from __future__ import annotations

import unicodedata

import pytest
from docx import Document

from conftest import REAL
from legacy_encoding import to_tcvn3, to_vni, to_windows_1258
from pipeline.legacy import convert, detect
from pipeline.libreoffice import convert as office_convert
from pipeline.parse import parse_file
from pipeline.readers import read_text

FIELDS = ["doc_type", "number", "date", "place", "issuer", "subject", "signer", "addressees",
          "recipients", "references"]
SAMPLE = [p for p in REAL if p.stem in ("022", "008") or p.stem.startswith("000_")]


def same_record(got: dict, want: dict, ignore_case: bool = False) -> None:
    for key in FIELDS:
        a, b = got[key], want[key]
        if ignore_case:  # TCVN3 has no capitals with tone marks: "Ủy" comes back "ủy"
            a, b = str(a).lower(), str(b).lower()
        assert a == b, key


def test_the_issue_example():
    assert convert("Uû ban nh©n d©n", "tcvn3") == "Uỷ ban nhân dân"  # tone kept where typed
    assert convert("UÛy ban nhaân daân", "vni") == "Ủy ban nhân dân"
    assert convert("ñY BAN NH¢N D¢N TØNH", "tcvn3") == "ỦY BAN NHÂN DÂN TỈNH"


@pytest.mark.parametrize("text", [
    "Ủy ban nhân dân tỉnh Kon Tum", "hoà bình, các cơ quan", "Công văn số 12", "cafe résumé",
    "Ý\nÝ\nÀ"])  # Vietnamese capitals that Latin-1 has are no sign of TCVN3
def test_unicode_and_foreign_text_is_not_taken_for_legacy(text):
    assert detect(text) is None


@pytest.mark.parametrize("path", SAMPLE, ids=lambda p: p.stem[:3])
@pytest.mark.parametrize("encoding,encode,ignore_case", [
    ("TCVN3", lambda t: to_tcvn3(t).encode("latin-1"), True),
    ("VNI", lambda t: to_vni(t).encode("latin-1"), False),
    ("Windows-1258", to_windows_1258, False),
    ("NFD", lambda t: unicodedata.normalize("NFD", t).encode("utf-8"), False)])
def test_legacy_text_files_parse_as_the_unicode_ones(tmp_path, path, encoding, encode,
                                                     ignore_case):
    legacy = tmp_path / path.name
    legacy.write_bytes(encode(path.read_text(encoding="utf-8")))
    got = parse_file(legacy).to_dict()
    same_record(got, parse_file(path).to_dict(), ignore_case)
    if encoding in ("TCVN3", "VNI"):
        assert any(encoding in w for w in got["warnings"])


def test_a_tcvn3_header_in_a_unicode_body_is_converted_alone(tmp_path):
    path = next(p for p in REAL if p.stem == "022")
    lines = path.read_text(encoding="utf-8").split("\n")
    mixed = [to_tcvn3(line) if n < 12 else line for n, line in enumerate(lines)]
    target = tmp_path / "mixed.txt"
    target.write_text("\n".join(mixed), encoding="utf-8")
    same_record(parse_file(target).to_dict(), parse_file(path).to_dict(), ignore_case=True)
    read = [line.text for line in read_text(target, target.read_bytes()).lines]
    assert read[12:] == [unicodedata.normalize("NFC", line).strip() for line in lines[12:]]


def _legacy_docx(path, out, encoder, font):
    """The document in Word, every line a paragraph: odd lines in the legacy font (encoded),
    even lines in Times New Roman (Unicode): runs of both kinds in one document."""
    document = Document()
    for n, line in enumerate(path.read_text(encoding="utf-8").split("\n")):
        paragraph = document.add_paragraph()
        if n % 2:
            capitals = font.startswith(".Vn") and line.strip() and line == line.upper()
            run = paragraph.add_run(encoder(line))
            run.font.name = font + ("H" if capitals else "")
        else:
            paragraph.add_run(line).font.name = "Times New Roman"
    document.save(out)
    return out


@pytest.mark.parametrize("encoder,font", [(to_tcvn3, ".VnTime"), (to_vni, "VNI-Times")])
def test_docx_runs_in_legacy_fonts_are_converted_run_by_run(tmp_path, encoder, font):
    path = next(p for p in REAL if p.stem == "022")
    docx = _legacy_docx(path, tmp_path / "legacy.docx", encoder, font)
    plain = Document()
    for line in path.read_text(encoding="utf-8").split("\n"):
        plain.add_paragraph(line)
    plain.save(tmp_path / "plain.docx")
    same_record(parse_file(docx).to_dict(), parse_file(tmp_path / "plain.docx").to_dict(),
                ignore_case=True)


def test_a_pdf_text_layer_in_tcvn3_is_converted(tmp_path):
    """A PDF printed from a .VnTime document without its font keeps the codes as Latin-1."""
    path = next(p for p in REAL if p.stem == "022")
    document = Document()
    for line in path.read_text(encoding="utf-8").split("\n"):
        document.add_paragraph(to_tcvn3(line))
    document.save(tmp_path / "tcvn3.docx")
    [pdf] = office_convert([tmp_path / "tcvn3.docx"], "pdf", tmp_path)
    got = parse_file(pdf).to_dict()
    same_record(got, parse_file(path).to_dict(), ignore_case=True)
    assert any("TCVN3" in w for w in got["warnings"])


@pytest.mark.parametrize("target", ["doc", "odt"])
def test_doc_and_odt_made_by_libreoffice_read_like_the_docx(generated, tmp_path, target):
    docx = generated["docx"]["dev/022"]
    [converted] = office_convert([docx], target, tmp_path)
    got = parse_file(converted).to_dict()
    assert got["source"]["format"] == target
    same_record(got, parse_file(docx).to_dict())


def test_a_damaged_doc_is_a_one_line_error(tmp_path):
    from pipeline.errors import ReadError
    bad = tmp_path / "bad.doc"
    bad.write_bytes(b"\xd0\xcf\x11\xe0" + b"\x00garbage" * 100)
    with pytest.raises(ReadError) as caught:
        parse_file(bad)
    assert "bad.doc" in str(caught.value) and "\n" not in str(caught.value)
