"""Text PDFs rendered by LibreOffice from real layouts, and broken ones."""
import subprocess
import tempfile

import pytest

import docmaker
from pipeline.readers.pdf import read_pdf


def test_header_and_closing_columns_come_one_after_the_other(generated):
    text = read_pdf(generated["pdf"]["seeds/000_6e539438116efc78"].read_bytes())
    lines = [line.text for line in text.lines if line.zone == "body"]
    start = lines.index("TỈNH ỦY QUẢNG NGÃI")
    assert lines[start:start + 3] == ["TỈNH ỦY QUẢNG NGÃI", "*", "Số 1823-CV/TU"]
    assert lines.index("ĐẢNG CỘNG SẢN VIỆT NAM") > lines.index("Số 1823-CV/TU")
    closing = lines[lines.index("Nơi nhận:"):]
    assert closing.index("- Lưu Văn phòng Tỉnh ủy.") < closing.index("T/M BAN THƯỜNG VỤ")
    assert [l.text for l in text.lines if l.zone == "page-footer"][:1] == ["Trang"]


def test_justified_body_lines_are_never_split(generated):
    text = read_pdf(generated["pdf"]["seeds/002_6e91a7f6b37773c7"].read_bytes())
    body = " ".join(line.text for line in text.lines)
    assert "Thực hiện Quy định số 132-QĐ/TW ngày 08/3/2018 của Bộ Chính trị" in body


def _minimal_pdf(content: bytes) -> bytes:
    """A one-page PDF with the given content stream, xref offsets computed."""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>",
               b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
               b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream"]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for n, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1, xref)
    return bytes(out)


def test_a_page_with_neither_text_layer_nor_readable_picture_is_refused():
    """The page is OCRed (it has no text layer) and OCR finds nothing either."""
    with pytest.raises(ValueError, match="neither a text layer nor anything OCR can read"):
        read_pdf(_minimal_pdf(b"0 0 m 100 100 l S"))


def test_truncated_pdf_is_refused(generated):
    data = generated["pdf"]["dev/017"].read_bytes()
    with pytest.raises(ValueError, match="damaged or truncated"):
        read_pdf(data[: len(data) // 3])


def test_encrypted_pdf_is_refused(generated, tmp_path):
    options = ('pdf:writer_pdf_Export:{"EncryptFile":{"type":"boolean","value":"true"},'
               '"DocumentOpenPassword":{"type":"string","value":"secret"}}')
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run([docmaker.soffice(), f"-env:UserInstallation=file://{profile}",
                        "--headless", "--convert-to", options, "--outdir", str(tmp_path),
                        str(generated["docx"]["dev/017"])], check=True, capture_output=True,
                       timeout=300)
    with pytest.raises(ValueError, match="encrypted"):
        read_pdf((tmp_path / "dev__017.pdf").read_bytes())
