"""Copies of received documents and replies to them, read back by the parser."""
from __future__ import annotations

import zipfile

from docx import Document

from conftest import CORPUS
from pipeline.parse import parse_file
from test_cli import vanthu

EXAMPLES = CORPUS.parents[2] / "examples"
COPY_ARGS = ["--kind", "sao-luc", "--issuer", "HUYỆN ỦY TUY PHƯỚC", "--number", "106-BS/HU",
             "--place", "Tuy Phước", "--date", "2022-11-04", "--authority", "T/L BAN THƯỜNG VỤ",
             "--position", "CHÁNH VĂN PHÒNG", "--name", "Đặng Thị Bích Dâng",
             "--recipient", "Các đồng chí UV BTV Huyện ủy", "--recipient",
             "Lưu Văn phòng Huyện ủy"]
EXPECTED_COPY = {"kind": "Sao lục", "number": "106-BS/HU", "issuer": "HUYỆN ỦY TUY PHƯỚC",
                 "place": "Tuy Phước", "date": "2022-11-04",
                 "signer": {"authority": "T/L BAN THƯỜNG VỤ", "position": "CHÁNH VĂN PHÒNG",
                            "name": "Đặng Thị Bích Dâng"},
                 "recipients": ["Các đồng chí UV BTV Huyện ủy", "Lưu Văn phòng Huyện ủy"]}


def test_copy_of_a_docx_keeps_the_original_untouched(tmp_path):
    source = EXAMPLES / "1823-CV-TU_tinh-uy-quang-ngai.docx"
    out = tmp_path / "copy.docx"
    result = vanthu("copy", str(source), *COPY_ARGS, "-o", str(out))
    assert result.returncode == 0, result.stderr
    original, copied = Document(source), Document(out)
    body = original.element.body
    assert [e.xml for e in copied.element.body[:len(body) - 1]] == [
        e.xml for e in body[:len(body) - 1]]  # everything before the section settings
    record = parse_file(out)
    assert record.number == "1823-CV/TU" and record.copies == [EXPECTED_COPY]
    assert record.recipients == parse_file(source).recipients
    with zipfile.ZipFile(out) as package:
        assert "SAO LỤC" in package.read("word/document.xml").decode()


def test_copy_of_a_pdf_appends_a_page(tmp_path):
    source = EXAMPLES / "454-UBND-NCTH_ubnd-hau-giang.pdf"
    out = tmp_path / "copy.pdf"
    args = [a.replace("106-BS/HU", "15/SL-VP") for a in COPY_ARGS]
    result = vanthu("copy", str(source), *args, "--profile", "nd30", "-o", str(out))
    assert result.returncode == 0, result.stderr
    record = parse_file(out)
    assert record.source["pages"] == parse_file(source).source["pages"] + 1
    assert record.number == "454/UBND-NCTH"
    assert record.copies[0]["number"] == "15/SL-VP" and record.copies[0]["kind"] == "Sao lục"


def test_copy_of_an_unsupported_or_broken_source_is_refused(tmp_path):
    text = tmp_path / "a.txt"
    text.write_text("Số 1-CV/TU", encoding="utf-8")
    result = vanthu("copy", str(text), *COPY_ARGS, "-o", str(tmp_path / "x.docx"))
    assert result.returncode == 1 and ".docx and .pdf" in result.stderr
    broken = tmp_path / "b.pdf"
    broken.write_bytes(b"%PDF-1.4 broken")
    result = vanthu("copy", str(broken), *COPY_ARGS, "-o", str(tmp_path / "y.pdf"))
    assert result.returncode == 1 and "cannot be read" in result.stderr
    assert "Traceback" not in result.stderr and not (tmp_path / "y.pdf").exists()


def test_reply_cites_addresses_and_answers_each_task(tmp_path):
    directive = EXAMPLES / "1823-CV-TU_tinh-uy-quang-ngai.docx"
    out = tmp_path / "reply.docx"
    result = vanthu("reply", str(directive), "--as", "Ban Tổ chức Tỉnh ủy", "--parent",
                    "TỈNH ỦY QUẢNG NGÃI", "--place", "Quảng Ngãi", "--authority",
                    "K/T TRƯỞNG BAN", "--position", "PHÓ TRƯỞNG BAN", "--name", "Nguyễn Văn An",
                    "-o", str(out))
    assert result.returncode == 0, result.stderr
    record = parse_file(out)
    assert (record.system, record.doc_type) == ("party", "Báo cáo")
    assert record.issuer == {"name": "BAN TỔ CHỨC TỈNH ỦY", "parent": "TỈNH ỦY QUẢNG NGÃI"}
    assert record.addressees == ["Tỉnh ủy Quảng Ngãi"]
    assert [r["number"] for r in record.references] == ["1823-CV/TU"]
    text = "\n".join(p.text for p in Document(out).paragraphs)
    assert ("Thực hiện Công văn số 1823-CV/TU ngày 18/10/2023 của Tỉnh ủy Quảng Ngãi về triển "
            "khai thực hiện Quy định") in text
    assert "I. NHIỆM VỤ 1: NGAY SAU KHI BAN TỔ CHỨC TRUNG ƯƠNG" in text
    # A unit the directive gives nothing gets no task section.
    other = vanthu("reply", str(directive), "--type", "cong-van", "--as", "Sở Y tế", "--place",
                   "Quảng Ngãi", "--position", "GIÁM ĐỐC", "--name", "Lê Văn A", "--system",
                   "state", "--spec-only")
    assert other.returncode == 0 and "Về nhiệm vụ" not in other.stdout
