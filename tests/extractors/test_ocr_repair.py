"""Fixed phrases OCR misreads get their diacritics back, and only those."""
from __future__ import annotations

import pytest

from extractors.ocr_repair import repair_fixed_phrases
from pipeline.parse import extract
from pipeline.text import Text


def ocr_text(body: str) -> Text:
    text = Text.from_lines([(body, 1, "body")], format="pdf")
    text.ocr = True
    return text


@pytest.mark.parametrize("read,meant", [
    ("KÉT LUẬN", "KẾT LUẬN"),
    ("CỘNG HOÀ XÃ HỘI CHỦ NGHỈA VIỆT NAM", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
    ("Độc lập - Tự đo - Hạnh phúc", "Độc lập - Tự do - Hạnh phúc"),
    ("Kinh gửi: Sở Tài chính", "Kính gửi: Sở Tài chính"),
    ("ĐẢNG CỘNG SÀN VIỆT NAM", "ĐẢNG CỘNG SẢN VIỆT NAM"),
])
def test_misread_fixed_phrases_are_repaired_with_a_warning(read, meant):
    text, warnings = repair_fixed_phrases(ocr_text(read))
    assert text.lines[0].text == meant
    assert warnings == [f'Sửa lỗi nhận dạng chữ: "{read.split(":")[0]}" → "{meant.split(":")[0]}"']


@pytest.mark.parametrize("line", [
    "KẾT LUẬN", "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM",  # both tone placements are right
    "Kết luận của Hội nghị", "Các cơ quan, đơn vị kết luận",  # running text is not a phrase
])
def test_right_phrases_and_running_text_stay(line):
    text, warnings = repair_fixed_phrases(ocr_text(line))
    assert text.lines[0].text == line and warnings == []


def test_only_ocr_text_is_repaired():
    body = "TỈNH ỦY HÀ TĨNH\nSố: 12-KL/TU\nKÉT LUẬN\nvề công tác cán bộ\nNội dung.\n"
    typed = Text.from_lines([(body, 1, "body")], format="pdf")
    assert not any("nhận dạng" in w for w in extract(typed, {}).to_dict()["warnings"])
    record = extract(ocr_text(body), {}).to_dict()
    assert record["doc_type"] == "Kết luận"
    assert any("KÉT LUẬN" in w for w in record["warnings"])
