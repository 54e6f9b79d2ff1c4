"""Cutting the page into parts: interleaved header columns, titles, copies."""
from extractors.zones import copy_kind, lay_out, split_columns, title_type
from pipeline.text import Text


def layout_of(text: str, fmt: str = "txt"):
    return lay_out(Text.from_lines([(text, None, "body")], format=fmt))


def test_interleaved_header_line_is_cut_at_the_right_column():
    pieces = split_columns("ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 0, 0)
    assert [p.text for p in pieces] == ["ỦY BAN NHÂN DÂN", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"]
    pieces = split_columns("TỈNH HẬU GIANG Độc Lập - Tự Do - Hạnh Phúc", 0, 0)
    assert [p.text for p in pieces] == ["TỈNH HẬU GIANG", "Độc Lập - Tự Do - Hạnh Phúc"]
    pieces = split_columns("Số: 454/UBND-NCTH Vị Thanh, ngày 6 tháng 4 năm 2011", 10, 0)
    assert [(p.text, p.start) for p in pieces] == [
        ("Số: 454/UBND-NCTH", 10), ("Vị Thanh, ngày 6 tháng 4 năm 2011", 28)]


def test_titles_even_ocr_damaged():
    assert title_type("KẾ HOẠCH") == "Kế hoạch"
    assert title_type("K ÉT LUẬN") == "Kết luận"
    assert title_type("**QUYẾT ĐỊNH**") == "Quyết định"
    assert title_type("Kế hoạch") is None  # a title is printed in capitals
    assert title_type("KẾ HOẠCH TỔ CHỨC LỄ KỶ NIỆM 15 NĂM NGÀY THÀNH LẬP") is None


def test_copy_headings():
    assert copy_kind("SAO LỤC") == "Sao lục"
    assert copy_kind("SAO Y BẢN CHÍNH") == "Sao y"
    assert copy_kind("TRÍCH SAO") == "Trích sao"
    assert copy_kind("Sao lục") is None


HEADER_LOST = """
Kính gửi: - Các ban của Tỉnh ủy,
- Các huyện ủy, thị ủy, thành ủy,
đảng ủy trực thuộc Tỉnh ủy,

Thực hiện Quy định số 132-QĐ/TW ngày 08/3/2018 của Bộ Chính trị về việc kiểm điểm và đánh giá, Ban Thường vụ Tỉnh ủy yêu cầu các cấp ủy thực hiện nghiêm túc./.

Nơi nhận:
- Như kính gửi,
- Lưu Văn phòng Tỉnh ủy.

T/M BAN THƯỜNG VỤ
BÍ THƯ



HUYỆN ỦY TUY PHƯỚC
*
Số 106-BS/HU
Nơi nhận:
- Các TCCSD trực thuộc,
- Lưu Văn phòng Huyện ủy.

SAO LỤC

Tuy Phước, ngày 04 tháng 11 năm 2022
T/L BAN THƯỜNG VỤ
CHÁNH VĂN PHÒNG

Đặng Thị Bích Dâng
"""


def test_a_copy_after_the_signature_is_its_own_part():
    layout = layout_of(HEADER_LOST)
    assert layout.header == []  # the original lost its header
    assert layout.copy_kind == "Sao lục"
    assert layout.copy.pieces[0].text == "HUYỆN ỦY TUY PHƯỚC"
    assert all("TUY PHƯỚC" not in p.text for p in layout.closing)
    assert [p.text for p in layout.addressees][:2] == ["Kính gửi: - Các ban của Tỉnh ủy,",
                                                       "- Các huyện ủy, thị ủy, thành ủy,"]
    assert layout.formal


def test_a_news_article_is_not_formal():
    layout = layout_of("Ngày 16/4/2020 Ủy ban nhân dân tỉnh ban hành Chỉ thị số 11/CT-CTUBND "
                       "về việc tiếp tục thực hiện quyết liệt công tác phòng, chống dịch.\n\n"
                       "Văn phòng HĐND-UBND")
    assert not layout.formal
