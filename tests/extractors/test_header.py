"""Header fields: issuer over two lines, trích yếu in each of its forms, system, type."""
import pytest

from tests_helpers import parse_text


@pytest.mark.parametrize("lines, name, parent", [
    (["ỦY BAN NHÂN DÂN", "TỈNH SÓC TRĂNG"], "ỦY BAN NHÂN DÂN TỈNH SÓC TRĂNG", None),
    (["ỦY BAN THƯỜNG VỤ", "QUỐC HỘI"], "ỦY BAN THƯỜNG VỤ QUỐC HỘI", None),
    (["BAN CHẤP HÀNH TRUNG ƯƠNG", "ỦY BAN KIỂM TRA"], "ỦY BAN KIỂM TRA", "BAN CHẤP HÀNH TRUNG ƯƠNG"),
    (["BỘ NỘI VỤ", "BAN CHỈ ĐẠO ĐIỀU TRA CƠ SỞ HÀNH CHÍNH TRUNG ƯƠNG"],
     "BAN CHỈ ĐẠO ĐIỀU TRA CƠ SỞ HÀNH CHÍNH TRUNG ƯƠNG", "BỘ NỘI VỤ"),
    (["TỈNH ỦY QUẢNG NGÃI", "BAN TỔ CHỨC"], "BAN TỔ CHỨC", "TỈNH ỦY QUẢNG NGÃI"),
    (["TỈNH ỦY THỪA THIÊN HUẾ"], "TỈNH ỦY THỪA THIÊN HUẾ", None),
])
def test_issuer_and_parent(lines, name, parent):
    header = "\n".join(lines) + "\n*\nSố 12-CV/TU\nĐẢNG CỘNG SẢN VIỆT NAM\nHuế, ngày 1 tháng 2 năm 2024\n"
    record = parse_text(header + "\nKính gửi: Các ban.\n\nNội dung công văn đề nghị các cơ quan thực hiện nghiêm túc các yêu cầu sau đây.")
    assert record.issuer == {"name": name, "parent": parent}


@pytest.mark.parametrize("mark", ["HỎA TỐC", "THƯỢNG KHẨN", "MẬT", "HOẢ TỐC"])
@pytest.mark.parametrize("lines, name, parent", [
    (["ỦY BAN NHÂN DÂN", "TỈNH SÓC TRĂNG"], "ỦY BAN NHÂN DÂN TỈNH SÓC TRĂNG", None),
    (["BỘ NỘI VỤ", "BAN CHỈ ĐẠO ĐIỀU TRA CƠ SỞ HÀNH CHÍNH TRUNG ƯƠNG"],
     "BAN CHỈ ĐẠO ĐIỀU TRA CƠ SỞ HÀNH CHÍNH TRUNG ƯƠNG", "BỘ NỘI VỤ"),
])
def test_urgency_and_secrecy_marks_above_the_issuer_are_not_its_name(mark, lines, name, parent):
    """A text box or stamp "HỎA TỐC" at the top of the page is read before the header."""
    header = f"{mark}\n" + "\n".join(lines) + ("\nSố: 12/UBND-VP\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
                                             "\nĐộc lập - Tự do - Hạnh phúc\nSóc Trăng, ngày 1 "
                                             "tháng 2 năm 2024\n")
    record = parse_text(header + "\nKính gửi: Các sở.\n\nNội dung công văn đề nghị các cơ quan "
                        "thực hiện nghiêm túc các yêu cầu sau đây.")
    assert record.issuer == {"name": name, "parent": parent}
    assert record.number == "12/UBND-VP"


def test_party_cong_van_subject_under_the_number_without_vv():
    record = parse_text("TỈNH ỦY QUẢNG NGÃI\n*\nSố 1823-CV/TU\nTriển khai thực hiện Quy định của\n"
                        "Bộ Chính trị về kiểm điểm\n\nĐẢNG CỘNG SẢN VIỆT NAM\n\n"
                        "Quảng Ngãi, ngày 18 tháng 10 năm 2023\n\nKính gửi: Các ban.")
    assert record.subject == "Triển khai thực hiện Quy định của Bộ Chính trị về kiểm điểm"
    assert (record.system, record.doc_type, record.number) == ("party", "Công văn", "1823-CV/TU")
    assert record.warnings == []


def test_state_vv_subject_over_two_lines():
    record = parse_text("BỘ NỘI VỤ\nSố: 641/BNV-BCĐ\nV/v hướng dẫn triển khai cuộc Điều tra\n"
                        "cơ sở hành chính năm 2021\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
                        "Hà Nội, ngày 10 tháng 02 năm 2021\n\nKính gửi: Sở Nội vụ các tỉnh.")
    assert record.subject == "hướng dẫn triển khai cuộc Điều tra cơ sở hành chính năm 2021"
    assert (record.system, record.doc_type, record.place) == ("state", "Công văn", "Hà Nội")


@pytest.mark.parametrize("block, subject", [
    ("KẾ HOẠCH\nRÀ SOÁT HỘ NGHÈO, HỘ CẬN NGHÈO\nNĂM 2022\nCăn cứ Nghị định số 07/2021/NĐ-CP;",
     "RÀ SOÁT HỘ NGHÈO, HỘ CẬN NGHÈO NĂM 2022"),
    ("NGHỊ QUYẾT\nCỦA BAN THƯỜNG VỤ TỈNH ỦY\nvề lãnh đạo xây dựng thị xã Sông Cầu\n"
     "lên thành phố vào năm 2025\n—–\nThực hiện Nghị quyết Đại hội,",
     "về lãnh đạo xây dựng thị xã Sông Cầu lên thành phố vào năm 2025"),
    ("QUYẾT ĐỊNH\nVề việc thành lập Tổ công tác rà soát\nvăn bản năm 2023\n\n"
     "CHỦ TỊCH ỦY BAN NHÂN DÂN HUYỆN\n\nCăn cứ Luật Tổ chức chính quyền địa phương;",
     "thành lập Tổ công tác rà soát văn bản năm 2023"),
    ("QUYẾT ĐỊNH\nQUY ĐỊNH CHẾ ĐỘ BÁO CÁO ĐỊNH KỲ\nTRÊN ĐỊA BÀN TỈNH KON TUM\n"
     "ỦY BAN NHÂN DÂN TỈNH KON TUM\nCăn cứ Luật Tổ chức chính",
     "QUY ĐỊNH CHẾ ĐỘ BÁO CÁO ĐỊNH KỲ TRÊN ĐỊA BÀN TỈNH KON TUM"),
    ("K ÉT LUẬN\nHỘI NGHỊ LÂN THỨ BẢY\nvề xây dựng hệ thống kết cấu hạ tầng đến năm 2025,\n"
     "định hướng đến năm 2030\nHội nghị lần thứ bảy Ban Chấp hành Đảng bộ tỉnh họp ngày 26/4/2022",
     "về xây dựng hệ thống kết cấu hạ tầng đến năm 2025, định hướng đến năm 2030"),
])
def test_subject_under_a_title(block, subject):
    header = ("ỦY BAN NHÂN DÂN\nTỈNH X\nSố: 1/KH-UBND\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
              "X, ngày 1 tháng 1 năm 2024\n")
    assert parse_text(header + block).subject == subject


def test_header_lost_means_null_fields_not_guesses():
    record = parse_text("Kính gửi: - Các ban của Tỉnh ủy,\n\nThực hiện Quy định số 132-QĐ/TW "
                        "ngày 08/3/2018 của Bộ Chính trị, Ban Thường vụ Tỉnh ủy yêu cầu các cấp "
                        "ủy thực hiện.\n\nNơi nhận:\n- Lưu VP.\n\nT/M BAN THƯỜNG VỤ\nBÍ THƯ")
    assert (record.number, record.issuer, record.date, record.place) == (None, None, None, None)
    assert record.system == "party" and record.doc_type == "Công văn"
    assert len(record.warnings) == 2  # both guesses are said


def test_union_heading():
    record = parse_text("BCH ĐOÀN TỈNH BÌNH DƯƠNG\nĐOÀN TNCS HỒ CHÍ MINH\nSố: 84-KH/TĐTN-PT\n"
                        "Bình Dương, ngày 20 tháng 02 năm 2024\nKẾ HOẠCH\nTổ chức Chiến dịch "
                        "Thanh niên tình nguyện hè năm 2024\n-----\nThực hiện Chương trình,")
    assert (record.system, record.doc_type) == ("union", "Kế hoạch")
    assert record.subject == "Tổ chức Chiến dịch Thanh niên tình nguyện hè năm 2024"


def test_repaired_number_is_warned():
    record = parse_text("TỈNH ỦY X\n*\nSố 45- KL/T U\nĐẢNG CỘNG SẢN VIỆT NAM\n"
                        "X, ngày 1 tháng 2 năm 2024\nKẾT LUẬN\nvề công tác cán bộ\nNội dung")
    assert record.number == "45-KL/TU"
    assert any("45- KL/T U" in w for w in record.warnings)
