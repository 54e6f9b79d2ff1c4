"""Scans and photos through real tesseract: the real documents printed, rendered and degraded
(tests/scanmaker.py), then read back."""
from __future__ import annotations

import io

import pytest
from PIL import Image
from pypdf import PdfReader, PdfWriter

import scanmaker
from conftest import gold_of
from pipeline.errors import ReadError
from pipeline.parse import parse_file
from pipeline.readers import ocr, read_text

HEADER = ["doc_type", "number", "date", "place"]


@pytest.fixture(scope="module")
def scans(generated, tmp_path_factory):
    """{(document, kind): scanned PDF} for two real documents, Party and State."""
    out = tmp_path_factory.mktemp("scans")
    return {(doc, kind): scanmaker.make_scan(generated["pdf"][doc], kind,
                                             out / f"{doc.replace('/', '_')}.{kind}.pdf")
            for doc in ("seeds/000_6e539438116efc78", "dev/022") for kind in scanmaker.KINDS}


@pytest.mark.parametrize("kind", list(scanmaker.KINDS))
@pytest.mark.parametrize("doc", ["seeds/000_6e539438116efc78", "dev/022"])
def test_scanned_pdfs_give_the_header_fields(scans, generated, doc, kind):
    record = parse_file(scans[doc, kind]).to_dict()
    gold = gold_of(generated["txt"][doc])
    assert {k: record[k] for k in HEADER} == {k: gold[k] for k in HEADER}
    assert record["source"]["ocr"] is True and record["source"]["format"] == "pdf"
    assert record["source"]["ocr_confidence"] > 80
    assert record["source"]["pages"] == len(PdfReader(scans[doc, kind]).pages)


def test_a_pdf_is_routed_page_by_page(scans, generated, tmp_path):
    """The first page from the text layer, the second from OCR."""
    doc = "seeds/000_6e539438116efc78"
    writer = PdfWriter()
    writer.add_page(PdfReader(generated["pdf"][doc]).pages[0])
    writer.add_page(PdfReader(scans[doc, "scan"]).pages[1])
    mixed = tmp_path / "mixed.pdf"
    writer.write(mixed)
    text = read_text(mixed, mixed.read_bytes())
    layer = read_text(generated["pdf"][doc], generated["pdf"][doc].read_bytes())
    assert text.ocr
    first = [line.text for line in text.lines if line.page == 1]
    assert first == [line.text for line in layer.lines if line.page == 1]  # not OCRed
    record = parse_file(mixed).to_dict()
    assert record["signer"]["name"] == gold_of(generated["txt"][doc])["signer"]["name"]


def test_photos_and_multipage_tiffs(scans, generated, tmp_path):
    doc = "dev/022"
    pages = scanmaker.pages(scans[doc, "photo"], 250)
    photo = tmp_path / "photo.jpg"
    pages[0].save(photo, quality=80)  # a phone's JPEG carries no resolution
    record = parse_file(photo).to_dict()
    assert record["number"] == "06/2024/QĐ-UBND" and record["date"] == "2024-01-25"
    assert record["source"]["format"] == "image" and record["source"]["ocr"]
    tiff = tmp_path / "scan.tif"
    pages[0].save(tiff, save_all=True, append_images=pages[1:], dpi=(250, 250))
    text = read_text(tiff, tiff.read_bytes())
    assert text.pages == len(pages) and {line.page for line in text.lines} == \
        set(range(1, len(pages) + 1))


def test_skew_is_measured(generated):
    page = scanmaker.pages(generated["pdf"]["dev/022"], 150)[0]
    tilted = page.rotate(1.5, resample=Image.Resampling.BICUBIC, expand=True, fillcolor=255)
    assert ocr.skew_angle(tilted) == pytest.approx(-1.5, abs=0.3)
    assert ocr.skew_angle(page) == pytest.approx(0.0, abs=0.3)


def test_low_confidence_is_a_warning(tmp_path, monkeypatch, generated):
    page = scanmaker.pages(generated["pdf"]["dev/022"], 100)[0]
    blurred = page.resize((page.width // 3, page.height // 3)).resize(page.size)
    path = tmp_path / "blurred.png"
    blurred.save(path, dpi=(100, 100))
    record = parse_file(path).to_dict()
    assert record["source"]["ocr_confidence"] < ocr.LOW_CONFIDENCE
    assert any("Trang 1" in w and "OCR" in w for w in record["warnings"])


def test_pictures_past_the_limit_and_broken_ones_are_one_line_errors(tmp_path, monkeypatch):
    monkeypatch.setenv("VANTHU_MAX_IMAGE_MEGAPIXELS", "1")
    big = tmp_path / "big.png"
    Image.new("L", (3000, 3000), 255).save(big)
    with pytest.raises(ReadError, match="megapixels"):
        parse_file(big)
    broken = tmp_path / "broken.jpg"
    buffer = io.BytesIO()
    Image.new("L", (400, 400), 255).save(buffer, format="JPEG")
    broken.write_bytes(buffer.getvalue()[:200])
    with pytest.raises(ReadError) as caught:
        parse_file(broken)
    assert "broken.jpg" in str(caught.value) and "\n" not in str(caught.value)


def test_too_many_pages_to_ocr_is_a_one_line_error(tmp_path, monkeypatch):
    monkeypatch.setenv("VANTHU_MAX_OCR_PAGES", "2")
    pages = [Image.new("L", (200, 200), 255) for _ in range(3)]
    tiff = tmp_path / "many.tif"
    pages[0].save(tiff, save_all=True, append_images=pages[1:])
    with pytest.raises(ReadError, match="in one file: 3, more than the limit of 2 pages"):
        parse_file(tiff)


def test_a_one_bit_fax_with_stamps_and_seal_only_pages(generated, tmp_path):
    """200 dpi black and white, "HỎA TỐC" stamped in the margin, the seal over the text, a
    page with only a seal and a blank page behind: the header as printed, the empty pages
    skipped and said so."""
    doc = "dev/022"
    fax = scanmaker.make_fax(generated["pdf"][doc], tmp_path / "fax.pdf")
    assert Image.open(io.BytesIO(PdfReader(fax).pages[0].images[0].data)).mode == "1"
    record = parse_file(fax).to_dict()
    gold = gold_of(generated["txt"][doc])
    assert {k: record[k] for k in HEADER} == {k: gold[k] for k in HEADER}
    assert record["issuer"]["name"] == gold["issuer"]  # the stamp is not part of it
    pages = len(PdfReader(fax).pages)
    skipped = [w for w in record["warnings"] if "đã bỏ qua khi đọc" in w]
    assert [w.split(":")[0] for w in skipped] == [f"Trang {pages - 1}", f"Trang {pages}"]
    assert record["source"]["ocr_confidence"] > 80


def test_number_and_date_digits_that_change_between_readings_are_unsteady():
    """Digits written by hand read differently each time; printed ones, up to the marks OCR
    reads for digits ("l1", "O1"), the same."""
    first = "Số: 422 /CĐ-TTg Hà Nội, ngày 23 tháng 11 năm 2024"
    again = ["Số: 4233 /CĐ-TTg Hà Nội, ngày 29 tháng l] năm 2024",
             "Số: 423 /CĐĐ-TTg Hà Nội, ngày 22 tháng lÌ năm 2024"]
    assert ocr.unsteady_fields(first, again) == {"số văn bản": ["422", "4233", "423"],
                                                 "ngày": ["23", "29", "22"]}
    assert ocr.unsteady_fields("Kon Tum, ngày 25 tháng 01 năm 2024",
                               ["Kon Tum, ngày 25 tháng O1 năm 2O24"]) == {}
    assert ocr.unsteady_fields("Số: Á3/KH-DCT", ["Số: 753/KH-DCT"]) == {}  # no digits first
