"""Plain text in the encodings offices save it in; columns printed side by side."""
import unicodedata

import pytest

from pipeline.readers.txt import read_txt

SAMPLE = "ỦY BAN NHÂN DÂN TỈNH KON TUM\nSố: 06/2024/QĐ-UBND\nKon Tum, ngày 25 tháng 01 năm 2024"


@pytest.mark.parametrize("encode", [
    lambda s: s.encode("utf-8"),
    lambda s: b"\xef\xbb\xbf" + s.encode("utf-8"),
    lambda s: s.encode("utf-16"),            # with BOM
    lambda s: s.encode("utf-16-le"),         # without BOM
    lambda s: s.encode("utf-16-be"),
    lambda s: s.replace("\n", "\r\n").encode("utf-8"),
])
def test_encodings(encode):
    assert read_txt(encode(SAMPLE)).content == SAMPLE


def test_decomposed_unicode_becomes_nfc():
    text = read_txt(unicodedata.normalize("NFD", SAMPLE).encode("utf-8")).content
    assert text == SAMPLE and unicodedata.is_normalized("NFC", text)


def test_invisible_and_no_break_characters_are_removed():
    text = read_txt("Số:\u00a006/2024/QĐ\u200b-UBND\ufeff".encode("utf-8")).content
    assert text == "Số: 06/2024/QĐ-UBND"


def test_binary_is_refused_with_a_reason_and_legacy_bytes_are_read():
    with pytest.raises(ValueError, match="binary"):
        read_txt(b"\x00\x01\x02\x03" * 100 + b"\x00\x00")
    assert read_txt("Uû ban nh©n d©n".encode("latin-1")).content == "Uỷ ban nhân dân"


def test_columns_printed_side_by_side_are_read_one_after_the_other():
    text = read_txt((
        "ỦY BAN NHÂN DÂN               CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "HUYỆN CHÂU THÀNH                   Độc lập - Tự do - Hạnh phúc\n\n"
        "Nội dung văn bản.\n\n"
        "Nơi nhận:                                   KT. CHỦ TỊCH\n"
        "- Như trên;                                 PHÓ CHỦ TỊCH\n"
        "- Lưu: VT.\n"
        "                                            Nguyễn Văn Hải\n").encode("utf-8"))
    assert text.content.split("\n") == [
        "ỦY BAN NHÂN DÂN", "HUYỆN CHÂU THÀNH", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc", "", "Nội dung văn bản.", "", "Nơi nhận:", "- Như trên;",
        "- Lưu: VT.", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Nguyễn Văn Hải", ""]
