"""PDFs as offices send them, made at test time (tests/pdfmaker.py): the number and day
stamped by signature widgets, signatures in the record, files changed after signing, fonts
that map glyphs to the wrong characters."""
from __future__ import annotations

from pathlib import Path

import pytest

import pdfmaker
from pipeline.parse import parse_file
from pipeline.readers.pdf import _pages_words, read_pdf
from pipeline.readers.signatures import read_signatures

CORPUS = Path(__file__).resolve().parents[1] / "data" / "corpus"
# Real documents of both systems, a party letter and a state one.
DOCUMENTS = [CORPUS / "seeds/000_6e539438116efc78.txt", CORPUS / "dev/017.txt"]


@pytest.fixture(scope="module")
def keys(tmp_path_factory):
    return pdfmaker.certificate(tmp_path_factory.mktemp("keys"))


@pytest.fixture(scope="module")
def stamped(keys, tmp_path_factory):
    """{document: (stamped pdf, number digits, day)} and the unstamped PDFs beside them."""
    out = tmp_path_factory.mktemp("stamped")
    return {txt: pdfmaker.stamped(txt, out, keys) for txt in DOCUMENTS}


@pytest.mark.parametrize("txt", DOCUMENTS, ids=[t.stem for t in DOCUMENTS])
def test_number_and_day_stamped_by_signature_widgets_are_read(txt, stamped):
    pdf, number, day = stamped[txt]
    want = parse_file(txt).to_dict()
    unstamped = parse_file(pdf.with_name(f"{txt.stem}.pdf")).to_dict()
    assert unstamped["number"] is None and unstamped["date"] is None  # the blanks are blank
    got = parse_file(pdf).to_dict()
    assert number in want["number"] and want["date"].endswith(f"-{int(day):02d}")
    assert (got["number"], got["date"]) == (want["number"], want["date"])
    assert got["issuer"] == want["issuer"] and got["subject"] == want["subject"]


@pytest.fixture(scope="module")
def pictured(keys, tmp_path_factory):
    out = tmp_path_factory.mktemp("pictured")
    return {txt: pdfmaker.stamped(txt, out, keys, pictured=True) for txt in DOCUMENTS}


@pytest.mark.parametrize("txt", DOCUMENTS, ids=[t.stem for t in DOCUMENTS])
def test_stamps_that_are_pictures_of_digits_are_read_and_said_so(txt, pictured):
    pdf, number, day = pictured[txt]
    want = parse_file(txt).to_dict()
    got = parse_file(pdf).to_dict()
    assert (got["number"], got["date"]) == (want["number"], want["date"])
    assert got["source"]["ocr"] is False  # the page itself is read from its text layer
    said = [w for w in got["warnings"] if "là hình ảnh, đã đọc bằng OCR" in w]
    assert len(said) == 1 and number in said[0] and day in said[0]


def test_the_stamps_join_the_line_they_sit_on(stamped):
    pdf, number, day = stamped[DOCUMENTS[1]]
    lines = [line.text for line in read_pdf(pdf.read_bytes()).lines]
    assert any(line.startswith("Số") and number in line for line in lines)
    assert any(f"ngày {day} tháng" in line for line in lines)


def test_signatures_are_in_the_record_with_their_place(stamped):
    pdf, _, _ = stamped[DOCUMENTS[0]]
    record = parse_file(pdf).to_dict()
    keys = list(record)
    assert keys.index("copies") < keys.index("signatures") < keys.index("warnings")
    signatures = record["signatures"]
    assert len(signatures) == 2
    for signature in signatures:
        assert signature["signer"] == pdfmaker.SIGNER
        assert signature["organisation"] == pdfmaker.ORGANISATION
        assert signature["issuer"] == pdfmaker.ISSUER
        assert signature["intact"] is True and signature["time"][:4].isdigit()
        assert signature["page"] == 1
    # The number's widget sits in the left column's "Số" line, the day's in the right one.
    number_box, day_box = (s["box"] for s in signatures)
    assert number_box[2] < 300 < day_box[0] and number_box[1] < 150 and day_box[1] < 150
    assert not any("ký số" in w for w in record["warnings"])


def test_the_summary_shows_who_signed_when_and_whether_intact(stamped):
    from pipeline.summary import summary

    pdf, _, _ = stamped[DOCUMENTS[0]]
    shown = summary(parse_file(pdf).to_dict())
    lines = [line for line in shown.splitlines() if "Chữ ký số" in line]
    assert len(lines) == 2
    assert all(pdfmaker.SIGNER in line and "còn nguyên vẹn" in line for line in lines)


def test_a_file_changed_after_signing_is_flagged(stamped, keys):
    pdf, _, _ = stamped[DOCUMENTS[1]]
    altered = pdfmaker.altered_after_signing(pdf.with_name(f"{DOCUMENTS[1].stem}.pdf")
                                             .read_bytes(), keys)
    signatures, warnings = read_signatures(altered)
    assert [s["intact"] for s in signatures] == [True]  # its own revision is untouched
    assert any("thay đổi sau khi ký" in w for w in warnings)
    text = read_pdf(altered)
    assert "Da sua sau khi ky" in text.content and any("sau khi ký" in w for w in text.warnings)


def test_bytes_changed_inside_the_signed_range_break_the_signature(stamped, keys):
    pdf, _, _ = stamped[DOCUMENTS[1]]
    tampered = pdfmaker.tampered_inside(pdf.with_name(f"{DOCUMENTS[1].stem}.pdf").read_bytes(),
                                        keys)
    signatures, warnings = read_signatures(tampered)
    assert [s["intact"] for s in signatures] == [False]
    assert any("không còn khớp" in w for w in warnings)


def test_an_unsigned_pdf_has_no_signatures(stamped):
    pdf, _, _ = stamped[DOCUMENTS[1]]
    assert parse_file(pdf.with_name(f"{DOCUMENTS[1].stem}.pdf")).to_dict()["signatures"] == []


def test_a_font_giving_oi_for_u_horn_is_repaired_from_the_glyph_map(generated):
    data = generated["pdf"]["dev/017"].read_bytes()
    good = read_pdf(data)
    broken = pdfmaker.remapped(data, pdfmaker.oi_for_u_horn)
    layer = [w["text"] for page in _pages_words(broken)[1] for w in page[1]]
    assert any("ƣ" in word for word in layer)  # the layer is broken as the font says
    text = read_pdf(broken)
    assert "ư" in good.content and "ƣ" not in text.content
    assert text.content == good.content
    assert any("đã sửa theo bảng ký tự" in w for w in text.warnings)


def test_a_font_mapping_glyph_numbers_is_read_again_by_ocr(generated, tmp_path):
    data = generated["pdf"]["dev/017"].read_bytes()
    want = parse_file(generated["txt"]["dev/017"]).to_dict()
    broken = pdfmaker.remapped(data, pdfmaker.glyph_order)
    path = tmp_path / "glyph-numbers.pdf"
    path.write_bytes(broken)
    record = parse_file(path).to_dict()
    assert record["source"]["ocr"] is True
    assert any("đọc lại trang bằng OCR" in w for w in record["warnings"])
    # What the page shows comes back (the number's few characters are OCR's to get right or
    # not: the scan checks judge them).
    for key in ("issuer", "date", "subject", "signer"):
        assert record[key] == want[key], key



def test_a_signature_that_cannot_be_read_is_said_and_the_text_still_read(stamped):
    pdf, number, _ = stamped[DOCUMENTS[1]]
    data = pdf.read_bytes()
    at = data.rindex(b"/Contents <") + len(b"/Contents <")
    broken = data[:at] + b"00" * 64 + data[at + 128:]  # the signature container zeroed
    signatures, warnings = read_signatures(broken)
    assert signatures == [] or all(s["intact"] is not True for s in signatures)
    assert warnings
    assert number in read_pdf(broken).content
