"""Kính gửi, Nơi nhận and the signature block."""
import pytest

from extractors.parties import addressees, recipients, signer
from extractors.zones import Piece


def pieces(text: str) -> list[Piece]:
    out, offset = [], 0
    for n, line in enumerate(text.split("\n")):
        out.append(Piece(line.strip(), offset, n, "other" if line.strip() else "blank"))
        offset += len(line.strip()) + 1
    return out


def values(found):
    return [f.value for f in found]


def test_addressees_inline_then_one_per_line_with_a_wrapped_item():
    found = addressees(pieces("Kính gửi: - Các ban của Tỉnh ủy,\n- Các đảng đoàn, ban cán sự đảng,\n"
                              "- Các huyện ủy, thị ủy, thành ủy,\nđảng ủy trực thuộc Tỉnh ủy,"))
    assert values(found) == ["Các ban của Tỉnh ủy", "Các đảng đoàn, ban cán sự đảng",
                             "Các huyện ủy, thị ủy, thành ủy, đảng ủy trực thuộc Tỉnh ủy"]


def test_addressees_separated_by_blank_lines_and_a_single_inline_one():
    found = addressees(pieces("Kính gửi:\n\n- Giám đốc Sở Văn hóa, Thể thao và Du lịch;\n\n"
                              "- Chủ tịch UBND huyện, thị xã, thành phố."))
    assert values(found) == ["Giám đốc Sở Văn hóa, Thể thao và Du lịch",
                             "Chủ tịch UBND huyện, thị xã, thành phố"]
    assert values(addressees(pieces("Kính gửi: Hội đồng nhân dân tỉnh."))) == [
        "Hội đồng nhân dân tỉnh"]


def test_addressee_spans_cover_the_item():
    text = "Kính gửi: - Các ban của Tỉnh ủy,"
    (found,) = addressees(pieces(text))
    assert text[found.span[0]:found.span[1]].strip(" -,") == "Các ban của Tỉnh ủy"


def test_recipients_stop_at_the_signature_and_keep_wrapped_items_whole():
    closing = pieces("Nơi nhận:\n- Như trên;\n- Các cơ quan chuyên trách tham mưu, giúp việc\n"
                     "Tỉnh ủy, các ban cán sự đảng;\n- Lưu: VT, NCTH.HH\n"
                     "d:\\2011\\CV\\SVH\\T4\\Bau cho\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\nTrần Thành Lập\n;")
    assert values(recipients(closing)) == [
        "Như trên", "Các cơ quan chuyên trách tham mưu, giúp việc Tỉnh ủy, các ban cán sự đảng",
        "Lưu: VT, NCTH.HH"]
    assert {k: v.value for k, v in signer(closing).items() if v} == {
        "authority": "KT. CHỦ TỊCH", "position": "PHÓ CHỦ TỊCH", "name": "Trần Thành Lập"}


@pytest.mark.parametrize("block, authority, position, name", [
    ("**T/M BAN THƯỜNG VỤ\nPHÓ BÍ THƯ**\n\nĐặng Ngọc Huy", "T/M BAN THƯỜNG VỤ", "PHÓ BÍ THƯ",
     "Đặng Ngọc Huy"),
    ("TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\n(Đã ký)\nLê Văn Tám", "TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH",
     "Lê Văn Tám"),
    ("T/L BAN THƯỜNG VỤ\nCHÁNH VĂN PHÒNG\n\n\nĐặng Thị Bích Dâng", "T/L BAN THƯỜNG VỤ",
     "CHÁNH VĂN PHÒNG", "Đặng Thị Bích Dâng"),
    ("TL. BỘ TRƯỞNG\nVỤ TRƯỞNG VỤ PHÁP CHẾ\nNguyễn Văn Bình", "TL. BỘ TRƯỞNG",
     "VỤ TRƯỞNG VỤ PHÁP CHẾ", "Nguyễn Văn Bình"),
    ("TUQ. CHỦ TỊCH\nGIÁM ĐỐC SỞ NỘI VỤ\nPhan Văn Mãi", "TUQ. CHỦ TỊCH", "GIÁM ĐỐC SỞ NỘI VỤ",
     "Phan Văn Mãi"),
    ("Q. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC\nLâm Văn Tư", "Q. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Lâm Văn Tư"),
    ("TRƯỞNG BAN\n\n\nLữ Ngọc Bình", None, "TRƯỞNG BAN", "Lữ Ngọc Bình"),
    ("T/M BAN THƯỜNG VỤ\nBÍ THƯ\n\n\nHUYỆN ỦY TUY PHƯỚC", "T/M BAN THƯỜNG VỤ", "BÍ THƯ", None),
    ("TL. CHỦ TỊCH\nKT. CHÁNH VĂN PHÒNG\nPHÓ CHÁNH VĂN PHÒNG\nLý Minh Khoa",
     "TL. CHỦ TỊCH KT. CHÁNH VĂN PHÒNG", "PHÓ CHÁNH VĂN PHÒNG", "Lý Minh Khoa"),
    ("TM. ỦY BAN NHÂN DÂN\nKT. CHỦ\nTỊCH\nPHÓ CHỦ TỊCH\nTrần Tuệ Hiền",
     "TM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Trần Tuệ Hiền"),
])
def test_signature_blocks(block, authority, position, name):
    found = signer(pieces(block))
    got = {k: (v.value if v else None) for k, v in found.items()}
    assert got == {"authority": authority, "position": position, "name": name}


def test_no_signature_in_an_article_byline():
    assert signer(pieces("Đảng ủy đề nghị các chi bộ thực hiện./.\n\nThu Hoài")) is None
