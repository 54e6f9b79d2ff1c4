"""The shapes real documents from many offices take, each class tried on snippets of several
documents (a few lines each, shortened): how converters print header tables, how narrow
columns wrap, how numbers are typed, how closings interleave."""
import pytest
from tests_helpers import parse_text

from extractors.zones import split_columns


def header(record):
    return (record.number, record.place, record.date, (record.issuer or {}).get("name"))


# --- numbers written without their hyphen, with spaces, spaced by OCR, or left blank ---------

@pytest.mark.parametrize("line, number", [
    ("Số: 226 CV/TWĐTNVP", "226-CV/TWĐTNVP"),
    ("Số: 1494  CV/TWĐTNBTC", "1494-CV/TWĐTNBTC"),
    ("Số 318 -CV/HU", "318-CV/HU"),
    ("Số:1234 /UBND-VX", "1234/UBND-VX"),
    ("Số 77KH/ĐU", "77-KH/ĐU"),
    ("Số: 7    /QĐ-BQLCKCN", "7/QĐ-BQLCKCN"),
    ("Số:8 5 2 0/BCT-KHCN", "8520/BCT-KHCN"),
    ("Số : 2917 /SGDĐT-VP", "2917/SGDĐT-VP"),
])
def test_numbers_as_typed_and_scanned(line, number):
    record = parse_text(f"ỦY BAN NHÂN DÂN\nTỈNH LÀO CAI\n{line}\nV/v triển khai nhiệm vụ\n\n"
                        "Kính gửi: Các sở, ban, ngành\n\nThực hiện chỉ đạo của Ủy ban nhân dân "
                        "tỉnh, đề nghị các đơn vị triển khai thực hiện nghiêm túc.")
    assert record.number == number


@pytest.mark.parametrize("line", ["Số:      /TTr-SCT", "Số: \t     /BC-UBND", "Số: ......./KH-UBND",
                                  "Số:        - KH/ĐTN"])
def test_a_blank_number_in_a_template_gives_none_not_the_next_line(line):
    record = parse_text(f"UBND TỈNH LÀO CAI\nSỞ CÔNG THƯƠNG\n{line}\nLào Cai, ngày      tháng 5 "
                        "năm 2026\n\nTỜ TRÌNH\nVề việc phê duyệt phương án nổ mìn")
    assert record.number is None
    assert (record.place, record.date, record.date_partial) == ("Lào Cai", None, "2026-05")


def test_standard_codes_are_not_cited_documents():
    record = parse_text("Căn cứ QCVN 02:2022/BXD, TCVN 6909:2001 và QCVN 01:2019/BCT; Thông tư "
                        "số 10/2023/TT-BXD ngày 01/6/2023 của Bộ Xây dựng.")
    assert [r["number"] for r in record.references] == ["10/2023/TT-BXD"]


# --- places of several words, wrapped by a narrow column -------------------------------------

@pytest.mark.parametrize("text, place, date", [
    ("Lạng Sơn, ngày 12 tháng 3 năm 2024", "Lạng Sơn", "2024-03-12"),
    ("Buôn Ma Thuột, ngày 05 tháng 01 năm 2023", "Buôn Ma Thuột", "2023-01-05"),
    ("Phan Rang-Tháp Chàm, ngày 05 tháng11 năm 2010", "Phan Rang-Tháp Chàm", "2010-11-05"),
    ("Thành phố Hồ Chí Minh, ngày 23 tháng 6 năm 2026", "Thành phố Hồ Chí Minh", "2026-06-23"),
    ("TP.\nHồ Chí Minh, ngày 24 tháng 12 năm 2021", "TP. Hồ Chí Minh", "2021-12-24"),
    ("Sơn\nLa, ngày 16 tháng 11\nnăm 2018", "Sơn La", "2018-11-16"),
    ("Thừa Thiên Huế, ngày 13 tháng 05 năm\n2022", "Thừa Thiên Huế", "2022-05-13"),
    ("Hà Nội, ngày 3Ù tháng 4Ä năm 4034", "Hà Nội", None),
])
def test_places_of_several_words_and_wrapped_dates(text, place, date):
    record = parse_text(f"ỦY BAN NHÂN DÂN TỈNH\n-------\nSố: 12/KH-UBND\n{text}\n\nKẾ HOẠCH\n"
                        "Triển khai chuyển đổi số năm 2024\n\nThực hiện chỉ đạo của tỉnh, Ủy "
                        "ban nhân dân ban hành kế hoạch như sau:")
    assert (record.place, record.date) == (place, date)


# --- the header as converters and narrow columns print it ------------------------------------

def test_a_header_printed_as_pipe_table_rows():
    record = parse_text(
        "| VĂN PHÒNG CHÍNH PHỦ ------- | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - "
        "Hạnh phúc  --------------- |\n| --- | --- |\n| Số: 3479/VPCP-NN *V/v xây dựng Đề án "
        "thí điểm kinh doanh tín chỉ các - bon rừng* | *Hà Nội, ngày 26 tháng 5 năm 2021* |\n"
        "| Kính gửi: | - Bộ Nông nghiệp và Phát triển nông thôn; - Ủy ban nhân dân tỉnh Quảng "
        "Nam. |\n| --- | --- |\nVề đề nghị của Ủy ban nhân dân tỉnh Quảng Nam, Phó Thủ tướng "
        "Chính phủ có ý kiến như sau:\n| *Nơi nhận:* - Như trên; - TTgCP, Phó TTg Lê Văn Thành;"
        " - Lưu: VT, NN (2). | KT. BỘ TRƯỞNG, CHỦ NHIỆM PHÓ CHỦ NHIỆM     Nguyễn Cao Lục |\n"
        "| --- | --- |")
    assert (record.system, record.doc_type) == ("state", "Công văn")
    assert header(record) == ("3479/VPCP-NN", "Hà Nội", "2021-05-26", "VĂN PHÒNG CHÍNH PHỦ")
    assert record.subject == "xây dựng Đề án thí điểm kinh doanh tín chỉ các - bon rừng"
    assert record.addressees == ["Bộ Nông nghiệp và Phát triển nông thôn",
                                 "Ủy ban nhân dân tỉnh Quảng Nam"]
    assert record.recipients == ["Như trên", "TTgCP, Phó TTg Lê Văn Thành", "Lưu: VT, NN (2)"]
    assert record.signer == {"authority": "KT. BỘ TRƯỞNG, CHỦ NHIỆM",
                             "position": "PHÓ CHỦ NHIỆM", "name": "Nguyễn Cao Lục"}


def test_a_header_table_exported_with_inner_pipes():
    record = parse_text("ỦY BAN NHÂN DÂN |  | CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM\nTỈNH LÀO CAI |"
                        "  | Độc lập - Tự do - Hạnh phúc\nSố: 	     /BC-UBND |  |           Lào "
                        "Cai, ngày        tháng       năm 2026\n\nBÁO CÁO\nVề tình hình hoạt động "
                        "vật liệu nổ công nghiệp năm 2025\n\nThực hiện Thông tư số 23/2024/TT-BCT "
                        "của Bộ Công Thương, UBND tỉnh báo cáo như sau:")
    assert header(record) == (None, "Lào Cai", None, "ỦY BAN NHÂN DÂN TỈNH LÀO CAI")
    assert record.date_partial == "2026"


def test_a_header_in_web_cells_wrapped_word_by_word():
    record = parse_text("ỦY\nBAN NHÂN DÂN\nTỈNH SƠN LA\n-------\n|\nCỘNG\nHÒA XÃ HỘI CHỦ NGHĨA VIỆT"
                        " NAM\nĐộc lập - Tự do - Hạnh phúc\n---------------\n|\nSố: 2862/QĐ-UBND\n|"
                        "\nSơn\nLa, ngày 16 tháng 11\nnăm 2018\n|\nQUYẾT ĐỊNH\nVỀ\nVIỆC BAN HÀNH QUY"
                        " CHẾ TIẾP NHẬN PHẢN ÁNH, KIẾN NGHỊ\nCHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH SƠN LA\n"
                        "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;")
    assert (record.system, record.doc_type) == ("state", "Quyết định")
    assert header(record) == ("2862/QĐ-UBND", "Sơn La", "2018-11-16",
                              "ỦY BAN NHÂN DÂN TỈNH SƠN LA")
    assert record.subject == "BAN HÀNH QUY CHẾ TIẾP NHẬN PHẢN ÁNH, KIẾN NGHỊ"


def test_a_union_header_run_together_in_one_cell():
    record = parse_text("|  |  |\n| BAN CHẤP HÀNH TRUNG ƯƠNG  \\\\\\  Số: 7470  CV/TWĐTNBTG  “V/v tổ "
                        "chức tuyên truyền kỷ niệm 130 năm Ngày sinh đồng chí Võ Văn Tần” | ĐOÀN "
                        "TNCS HỒ CHÍ MINH  Hà Nội, ngày 06 tháng 7 năm 2021 |\n\n| Kính gửi: |  "
                        "Các ban, đơn vị khối phong trào Trung ương Đoàn;   Các tỉnh, thành đoàn, "
                        "đoàn trực thuộc |\n\nThực hiện Hướng dẫn số 12-HD/BTGTW ngày 29/6/2021 của"
                        " Ban Tuyên giáo Trung ương, Ban Bí thư Trung ương Đoàn đề nghị như sau:")
    assert record.system == "union"
    assert header(record) == ("7470-CV/TWĐTNBTG", "Hà Nội", "2021-07-06",
                              "BAN CHẤP HÀNH TRUNG ƯƠNG")
    assert record.subject.startswith("tổ chức tuyên truyền kỷ niệm 130 năm")
    assert record.addressees == ["Các ban, đơn vị khối phong trào Trung ương Đoàn",
                                 "Các tỉnh, thành đoàn, đoàn trực thuộc"]


@pytest.mark.parametrize("heading, system", [
    ("CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIẾT NAM", "state"),   # OCR put the wrong tone on VIỆT
    ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT", "state"),       # a converter lost the last word
    ("ĐÁNG CỘNG SẢN VIỆT NAM", "party"),               # ĐẢNG read as ĐÁNG
])
def test_ocr_damaged_headings_are_still_headings(heading, system):
    record = parse_text(f"SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG {heading}\nSố: 3320/SNNMT-CCMT\nLào Cai, "
                        "ngày 23 tháng 4 năm 2026\nV/v triển khai thực hiện các quy định\n\nKính "
                        "gửi: Các Sở, ban, ngành\n\nBộ Nông nghiệp và Môi trường đã ban hành các văn"
                        " bản hợp nhất về bảo vệ tầng ô-dôn, đề nghị các đơn vị thực hiện.")
    assert record.system == system
    assert record.issuer["name"] == "SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG"


def test_a_line_cut_at_a_rule_and_a_heading_but_not_inside_a_sentence():
    assert [p.text for p in split_columns("VĂN PHÒNG CHÍNH PHỦ ------- CỘNG HÒA XÃ HỘI CHỦ NGHĨA "
                                          "VIỆT NAM", 0, 0)] == [
        "VĂN PHÒNG CHÍNH PHỦ", "-------", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"]
    sentence = "Ngày 04/7/2018, Quận ủy ban hành Kế hoạch số 149-KH/QU v/v tổ chức Lễ kỷ niệm"
    assert [p.text for p in split_columns(sentence, 0, 0)] == [sentence]
    title = "THỰC HIỆN MỘT SỐ ĐIỀU TRONG QUY ĐỊNH SỐ 07-QĐI/TW, NGÀY 28/8/2018"
    assert [p.text for p in split_columns(title, 0, 0)] == [title]


# --- trích yếu over several lines ------------------------------------------------------------

def test_a_title_that_stops_on_a_linking_word_goes_on():
    record = parse_text("BAN CHẤP HÀNH TRUNG ƯƠNG ĐẢNG CỘNG SẢN VIỆT NAM\nVĂN PHÒNG\nSố: 21-HD/VPTW"
                        "\nHà Nội, ngày 04 tháng 03 năm 2013\n\nHƯỚNG DẪN\nmột số điểm Quy định cụ "
                        "thể ban hành kèm theo\nQuyết định số 99-QĐ/TW ngày 30-5-2012 của Ban Bí thư "
                        "Trung ương Đảng về chế độ chi hoạt động công tác đảng của tổ chức cơ sở "
                        "đảng\n-----------\nThực hiện Quyết định số 99-QĐ/TW, Văn phòng Trung ương "
                        "Đảng hướng dẫn như sau:")
    assert record.subject.startswith("một số điểm Quy định cụ thể ban hành kèm theo Quyết định "
                                     "số 99-QĐ/TW ngày 30-5-2012")
    assert record.subject.endswith("của tổ chức cơ sở đảng")


def test_a_title_in_capitals_opening_with_ve_and_a_title_lost_by_the_source():
    record = parse_text("ỦY BAN NHÂN DÂN\nTỈNH VĨNH LONG\n-------\nCỘNG HÒA XÃ HỘI\nCHỦ NGHĨA VIỆT "
                        "NAM\nSố: 07/CT-UBND\nVĩnh Long, ngày\n30 tháng 3 năm 2015\nCHỈ THỊ\nVỀ TĂNG"
                        " CƯỜNG CÔNG\nTÁC PHÒNG, CHỐNG THIÊN TAI\nDo tác động của biến đổi khí hậu "
                        "toàn cầu, diễn\nbiến thời tiết ngày càng phức tạp, khó lường.")
    assert record.subject == "VỀ TĂNG CƯỜNG CÔNG TÁC PHÒNG, CHỐNG THIÊN TAI"
    assert (record.place, record.date) == ("Vĩnh Long", "2015-03-30")
    record = parse_text("ỦY BAN NHÂN DÂN |\nCỘNG HÒA XÃ HỘI\nCHỦ NGHĨA VIỆT NAM |\n|\nSố: "
                        "0155/KH-UBND |\nĐắk Lắk, ngày 24 tháng 12 năm 2025 |\nCHUYỂN ĐỔI SỐ TỈNH "
                        "ĐẮK LẮK NĂM 2026\n- Luật Công nghệ thông tin ngày 29/6/2006;")
    assert record.subject == "CHUYỂN ĐỔI SỐ TỈNH ĐẮK LẮK NĂM 2026"


# --- Nơi nhận and the signature --------------------------------------------------------------

def test_closing_columns_interleaved_line_by_line():
    record = parse_text(
        "ỦY BAN NHÂN DÂN TỈNH LÀO CAI\nSố: 1696/QĐ-UBND\nLào Cai, ngày 15 tháng 5 năm 2026\n\n"
        "QUYẾT ĐỊNH\nVề việc ủy quyền cho Giám đốc Sở Công Thương\n\nĐiều 1. Ủy quyền cho Giám "
        "đốc Sở Công Thương thực hiện các nhiệm vụ tại Phụ lục kèm theo Quyết định này.\n"
        "Nơi nhận:                                           TM. ỦY BAN NHÂN DÂN\n"
        "- Như Điều 4;\n- TT. Tỉnh ủy, HĐND tỉnh;                                CHỦ TỊCH\n"
        "- Các sở, ban, ngành tỉnh;\n- Lưu: VT, KT (Long).\n\n"
        "                                                       Nguyễn Tuấn Anh\n"
        "PHỤ LỤC:\nDANH MỤC NHIỆM VỤ ỦY QUYỀN\n1. Cấp giấy phép vận chuyển hàng nguy hiểm theo "
        "quy định của pháp luật hiện hành trên địa bàn tỉnh.")
    assert record.recipients == ["Như Điều 4", "TT. Tỉnh ủy, HĐND tỉnh", "Các sở, ban, ngành tỉnh",
                                 "Lưu: VT, KT (Long)"]
    assert record.signer == {"authority": "TM. ỦY BAN NHÂN DÂN", "position": "CHỦ TỊCH",
                             "name": "Nguyễn Tuấn Anh"}


def test_items_whose_bullets_a_converter_dropped():
    for closing in ("Nơi nhận:\n Như trên;\n TT BBT TW Đoàn (để báo cáo);\n Lưu VP.\n\n",
                    "| Nơi nhận:   Như trên;   TT BBT TW Đoàn (để báo cáo);   Lưu VP. | "):
        record = parse_text("Văn bản đề nghị gửi về Ban Bí thư Trung ương Đoàn qua Văn phòng "
                            "Trung ương Đoàn trước ngày 20/02/2023 để tổng hợp.\n\nTrân trọng.\n\n"
                            + closing + "TL. BAN BÍ THƯ TRUNG ƯƠNG ĐOÀN\nCHÁNH VĂN PHÒNG\n\n"
                            "Nguyễn Quốc Huy" + (" |" if closing.startswith("|") else ""))
        assert record.recipients == ["Như trên", "TT BBT TW Đoàn (để báo cáo)", "Lưu VP"]
        assert record.signer == {"authority": "TL. BAN BÍ THƯ TRUNG ƯƠNG ĐOÀN",
                                 "position": "CHÁNH VĂN PHÒNG", "name": "Nguyễn Quốc Huy"}


def test_a_signature_run_together_in_a_cell_and_a_single_item_without_its_label():
    record = parse_text("ỦY BAN NHÂN DÂN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |\nSố: 41/2019/QĐ-"
                        "UBND | Quảng Trị, ngày 22 tháng 10 năm 2019 |\nBAN HÀNH QUY ĐỊNH CHẾ ĐỘ "
                        "BÁO CÁO ĐỊNH KỲ\nĐiều 1. Ban hành kèm theo Quyết định này Quy định chế độ "
                        "báo cáo định kỳ.\n- Như Điều 3; | TM. ỦY BAN NHÂN DÂN |\nQUY ĐỊNH\n1. "
                        "Quy định này quy định về chế độ báo cáo định kỳ phục vụ mục tiêu quản lý "
                        "của Ủy ban nhân dân tỉnh.")
    assert record.recipients == ["Như Điều 3"]
    assert record.signer["authority"] == "TM. ỦY BAN NHÂN DÂN"
    record = parse_text("Văn phòng Chính phủ thông báo để các cơ quan biết, thực hiện./.\n| Nơi "
                        "nhận:   Như điều 4;   Lưu TNTH,VP. | TM. BAN BÍ THƯ TRUNG ƯƠNG ĐOÀN  BÍ "
                        "THƯ THỨ NHẤT  (đã ký)  Lê Quốc Phong |")
    assert record.signer == {"authority": "TM. BAN BÍ THƯ TRUNG ƯƠNG ĐOÀN",
                             "position": "BÍ THƯ THỨ NHẤT", "name": "Lê Quốc Phong"}


def test_an_authority_over_two_lines_and_a_position_wrapped_after_pho():
    record = parse_text("Văn phòng Chính phủ thông báo để các cơ quan biết, thực hiện./.\n\nNơi "
                        "nhận:\n- Như trên;\n- Lưu: VT, KTN (3).\nKT. BỘ TRƯỞNG,\nCHỦ NHIỆM\nPHÓ "
                        "CHỦ NHIỆM\nNguyễn Sỹ Hiệp")
    assert record.signer == {"authority": "KT. BỘ TRƯỞNG, CHỦ NHIỆM", "position": "PHÓ CHỦ NHIỆM",
                             "name": "Nguyễn Sỹ Hiệp"}
    record = parse_text("Ban Tổ chức Trung ương hướng dẫn để các cấp ủy thực hiện./.\n\nNơi nhận:\n"
                        "- Ban Bí thư (để báo cáo),\n- Lưu VP.\nK/T TRƯỞNG BAN\nPHÓ\nTRƯỞNG BAN\n\n"
                        "Nguyễn Thanh Bình")
    assert record.signer == {"authority": "K/T TRƯỞNG BAN", "position": "PHÓ TRƯỞNG BAN",
                             "name": "Nguyễn Thanh Bình"}


# --- text copied from digitally signed PDFs: the signature's appearance among the header -----

@pytest.mark.parametrize("stamp", [
    "Ký bởi: Bộ Công Thương\nCơ quan: Bộ Công thương\nThời gian ký: 02.04.2026 14:24:26 +07:00",
    "Người ký: Sở Tài chính\nEmail: stc@laocai.gov.vn\nCơ quan: Tỉnh Lào Cai\n"
    "Thời gian ký: 15.05.2026 09:10:05 +07:00",
    "Ký bởi: Văn phòng Ủy ban nhân dân\nNgày ký: 12-03-2025 16:02:11 +07:00",
])
def test_an_e_signature_appearance_above_the_header_is_not_the_header(stamp):
    record = parse_text(f"BỘ CÔNG THƯƠNG\n{stamp}\nCỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
                        "Số: 2265/BCT-ATMT\nĐộc lập - Tự do - Hạnh phúc\n"
                        "Hà Nội, ngày 02 tháng 4 năm 2026\nV/v triển khai thủ tục cấp phép\n\n"
                        "Kính gửi: Ủy ban nhân dân các tỉnh, thành phố\n\n"
                        "Bộ Công Thương đề nghị các địa phương triển khai thực hiện.")
    assert record.issuer == {"name": "BỘ CÔNG THƯƠNG", "parent": None}
    assert (record.number, record.date, record.subject) == (
        "2265/BCT-ATMT", "2026-04-02", "triển khai thủ tục cấp phép")


# --- a trích yếu that opens like a sentence, alone under its title ---------------------------

@pytest.mark.parametrize("title, subject", [
    ("HƯỚNG DẪN", "Thực hiện quy trình, thủ tục, tổ chức trao tặng Huy hiệu Đảng"),
    ("KẾ HOẠCH", "Triển khai công tác phòng, chống thiên tai năm 2026"),
    ("CHƯƠNG TRÌNH", "Thực hiện Nghị quyết Đại hội Đảng bộ tỉnh, nhiệm kỳ 2025 - 2030"),
])
def test_a_short_first_line_under_a_title_is_its_subject(title, subject):
    record = parse_text(f"THÀNH UỶ HÀ NỘI          ĐẢNG CỘNG SẢN VIỆT NAM\nBAN TỔ CHỨC\n*\n"
                        f"Số 21-HD/BTCTU          Hà Nội, ngày 21 tháng 8 năm 2025\n\n{title}\n"
                        f"{subject}\n-----\n\nCăn cứ Điều lệ Đảng Cộng sản Việt Nam; các quy định "
                        "của Trung ương, nội dung cụ thể như sau:")
    assert record.subject == subject


def test_a_title_followed_by_its_body_sentence_has_no_subject():
    record = parse_text("ỦY BAN NHÂN DÂN\nTỈNH LÀO CAI\nSố: 12/TB-UBND\n\nTHÔNG BÁO\n"
                        "Thực hiện Kế hoạch số 45/KH-UBND, Ủy ban nhân dân tỉnh thông báo lịch "
                        "tiếp công dân như sau:\n1. Thời gian: ngày 15/6/2026.")
    assert record.subject is None


# --- a number at a sentence's end, before the next sentence -----------------------------------

@pytest.mark.parametrize("text, number", [
    ("theo Tiết đ Hướng dẫn 06-HD/TW. Cụ thể như sau", "06-HD/TW"),
    ("quy định tại Nghị định số 161/2024/NĐ-CP. Khối lượng hàng", "161/2024/NĐ-CP"),
    ("theo Kế hoạch số 12/KH-UBND. Tổ chức đảng các cấp", "12/KH-UBND"),
])
def test_a_number_ends_at_its_sentence(text, number):
    assert [r["number"] for r in parse_text(f"Căn cứ {text}.").references] == [number]


# --- a công điện names those it is sent to after "<SENDER> điện:" -----------------------------

@pytest.mark.parametrize("sender, items", [
    ("THỦ TƯỚNG CHÍNH PHỦ điện:", ["Bộ trưởng các Bộ, Thủ trưởng cơ quan ngang bộ",
                                   "Chủ tịch Ủy ban nhân dân các tỉnh, thành phố"]),
    ("CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH điện:", ["Giám đốc các Sở: Nông nghiệp và Môi trường, Xây dựng",
                                             "Chủ tịch UBND các xã, phường"]),
    ("BỘ TRƯỞNG BỘ Y TẾ ĐIỆN:", ["Giám đốc Sở Y tế các tỉnh, thành phố"]),
])
def test_a_cong_dien_sender_line_opens_its_list(sender, items):
    listed = "\n".join(f"- {item};" for item in items)
    record = parse_text(f"THỦ TƯỚNG CHÍNH PHỦ\nSố: 123/CĐ-TTg\nHà Nội, ngày 29 tháng 11 năm 2024\n\n"
                        f"CÔNG ĐIỆN\nVề việc chủ động ứng phó với bão số 15\n\n{sender}\n{listed}\n\n"
                        "Để chủ động ứng phó với bão, yêu cầu các cơ quan triển khai ngay.")
    assert record.addressees == items
    assert record.subject == "chủ động ứng phó với bão số 15"


# --- a note in brackets where the seal and signature stand does not end the closing ----------

@pytest.mark.parametrize("note", ["[red seal: CỤC HÓA CHẤT - BỘ CÔNG THƯƠNG; signature in blue]",
                                  "(Đã ký và đóng dấu, có chữ ký số của cơ quan)",
                                  "[Chữ ký, đóng dấu của Ủy ban nhân dân tỉnh theo quy định]"])
def test_a_seal_note_between_position_and_name_keeps_the_name(note):
    record = parse_text("BỘ CÔNG THƯƠNG\nCỤC HÓA CHẤT\nSố: 512/HC-QLHC\nV/v báo cáo tình hình\n\n"
                        "Kính gửi: Sở Công Thương các tỉnh\n\nĐề nghị các Sở báo cáo trước ngày "
                        "30/6/2026.\nTrân trọng./.\n\nNơi nhận:\n- Như trên;\n- Lưu: VT, QLHC.\n"
                        f"KT. CỤC TRƯỞNG\nPHÓ CỤC TRƯỞNG\n{note}\nPhạm Huy Nam Sơn\n")
    assert record.signer == {"authority": "KT. CỤC TRƯỞNG", "position": "PHÓ CỤC TRƯỞNG",
                             "name": "Phạm Huy Nam Sơn"}
    assert record.recipients == ["Như trên", "Lưu: VT, QLHC"]


# --- a V/v that goes on with the type and number of the document it concerns ----------------

@pytest.mark.parametrize("vv, cited, rest", [
    ("V/v tổ chức triển khai thực hiện", "Nghị định số 180/2026/NĐ-CP",
     "ngày 21/5/2026 của Chính phủ\nquy định về dịch vụ hấp thụ các-bon"),
    ("V/v triển khai", "Quyết định số 1012/QĐ-TTg", "của Thủ tướng Chính phủ"),
    ("V/v góp ý dự thảo", "Nghị quyết số: 12/NQ-HĐND", "về chính sách hỗ trợ"),
])
def test_a_vv_going_on_with_a_cited_number_is_not_the_number_line(vv, cited, rest):
    record = parse_text(f"ỦY BAN NHÂN DÂN\nTỈNH LÀO CAI\nSố: 4390/UBND-NLN\n{vv}\n{cited}\n{rest}\n"
                        "Kính gửi: Các sở, ban, ngành tỉnh\n\nĐề nghị các đơn vị thực hiện.")
    assert record.number == "4390/UBND-NLN"
    assert record.subject == " ".join([vv[4:], cited, rest.replace("\n", " ")])


# --- cited numbers typed without their hyphen after "số", or with a letter after the digits ---

@pytest.mark.parametrize("text, number", [
    ("và Hướng dẫn số 148 HD/TWH ngày 16/9/2008 của Trung ương Hội", "148-HD/TWH"),
    ("thực hiện Công văn số 318 CV/HU ngày 02/3/2021 của Huyện ủy", "318-CV/HU"),
    ("Căn cứ Nghị quyết số 30c/NQCP ngày 08 tháng 11 năm 2011 của Chính phủ", "30c/NQCP"),
    ("theo Nghị quyết 30a/2008/NQ-CP của Chính phủ", "30a/2008/NQ-CP"),
    ("thực hiện Chương trình hành động số 104-CTr/Tu của Tỉnh ủy", "104-CTr/Tu"),
])
def test_cited_numbers_as_typed(text, number):
    assert [r["number"] for r in parse_text(f"{text}.").references] == [number]


# --- a title naming the meeting, then its matter in lower case over several lines: the
# meeting's name qualifies the title (as in the repository's labels); the matter is the trích yếu

@pytest.mark.parametrize("title, lines, subject", [
    ("KẾT LUẬN", ["HỘI NGHỊ LẦN THỨ BA", "BAN CHẤP HÀNH TRUNG ƯƠNG ĐẢNG KHOÁ XIV",
                  "về bảo vệ môi trường và chủ động ứng phó với biến đổi khí hậu",
                  "trong thời kỳ mới"],
     "về bảo vệ môi trường và chủ động ứng phó với biến đổi khí hậu trong thời kỳ mới"),
    ("NGHỊ QUYẾT", ["HỘI NGHỊ LẦN THỨ TÁM BAN CHẤP HÀNH ĐẢNG BỘ TỈNH KHÓA XVII",
                    "về chuyển đổi số tỉnh Lào Cai đến năm 2025", "định hướng đến năm 2030"],
     "về chuyển đổi số tỉnh Lào Cai đến năm 2025 định hướng đến năm 2030"),
    ("NGHỊ QUYẾT", ["CỦA BAN THƯỜNG VỤ TỈNH ỦY", "về phát triển du lịch",
                    "giai đoạn 2026 - 2030"], "về phát triển du lịch giai đoạn 2026 - 2030"),
])
def test_a_meeting_title_and_its_matter_over_lines(title, lines, subject):
    block = "\n".join(lines)
    record = parse_text(f"BAN CHẤP HÀNH TRUNG ƯƠNG          ĐẢNG CỘNG SẢN VIỆT NAM\n*\n"
                        f"Số 75-KL/TW          Hà Nội, ngày 28 tháng 7 năm 2026\n\n{title}\n{block}"
                        "\n-----\n\nI- BỐI CẢNH, TÌNH HÌNH\n\nTrong những năm qua, công tác bảo vệ "
                        "môi trường đã đạt kết quả quan trọng.")
    assert record.subject == subject
