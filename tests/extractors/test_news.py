"""Articles about directives: the reported document, not the page's own dates."""
import pytest
from tests_helpers import parse_text


def test_page_and_posting_dates_are_not_the_issue_date():
    record = parse_text("Thứ 3, Ngày 25/06/2024 -\nHoàn thành việc đánh giá xếp loại chất lượng "
                        "tổ chức đảng\nNgày đăng: 07/11/2022  16:18\nNgày 03/11/2022, Ban "
                        "Thường vụ Tỉnh ủy đã ban hành Kế hoạch số 72-KH/TU về kiểm điểm, đánh "
                        "giá, xếp loại chất lượng năm 2022.\n\nTheo đó, các cấp ủy thực hiện.")
    assert (record.system, record.doc_type, record.number) == ("news", "Kế hoạch", "72-KH/TU")
    assert record.date == "2022-11-03"
    assert record.issuer == {"name": "Ban Thường vụ Tỉnh ủy", "parent": None}
    assert record.subject == "kiểm điểm, đánh giá, xếp loại chất lượng năm 2022"
    assert record.signer is None and record.recipients == []


def test_a_date_without_year_takes_the_year_of_the_dates_after_it():
    record = parse_text("Thứ tư 5/10/2022\nTuyên truyền kết quả Đại hội\n\nNgày 24/2, UBND tỉnh "
                        "ban hành Công văn số 106-CV/VP về việc tuyên truyền kết quả Đại hội.\n\n"
                        "Các chi bộ báo cáo trước ngày 26/02/2021; theo Công văn ngày 22/02/2021.")
    assert record.date == "2021-02-24"
    assert any("không ghi năm" in w for w in record.warnings)


def test_an_article_has_no_place_date_line_so_no_place():
    record = parse_text("Ngày 29 tháng 12/2020  Ban Thường vụ Tỉnh ủy Đắk Lắk đã ban hành Chỉ thị "
                        "số 04 -CT/TU về việc tổ chức đón Tết Nguyên đán Tân Sửu năm 2021.")
    assert (record.place, record.number, record.date) == (None, "04-CT/TU", "2020-12-29")
    record = parse_text("Ngày 04/7/2018, Quận ủy ban hành Kế hoạch số 149-KH/QU v/v tổ chức Lễ kỷ "
                        "niệm 15 năm ngày thành lập Quận\n\nVới mục đích tuyên truyền về quá "
                        "trình 15 năm xây dựng và phát triển quận Long Biên.")
    assert record.place is None
    assert record.subject == "tổ chức Lễ kỷ niệm 15 năm ngày thành lập Quận"


# Leads of real articles from several portals (shortened), each naming the directive its own way.
LEADS = [
    # a State letter named "văn bản", with its number, addressees, then "về việc"
    ("Tăng cường các biện pháp cấp bách phòng cháy, chữa cháy rừng\n\nNgày 6/5/2019, UBND tỉnh "
     "đã có văn bản số 1889/UBND-NN gửi các Sở, ban ngành, đoàn thể cấp tỉnh; UBND các huyện, "
     "thành phố về việc tăng cường các biện pháp cấp bách phòng cháy, chữa cháy rừng.\n\nCông "
     "văn nêu rõ: nắng nóng kéo dài trong tháng 5 năm 2019.",
     ("Công văn", "1889/UBND-NN", "UBND tỉnh", "2019-05-06",
      "tăng cường các biện pháp cấp bách phòng cháy, chữa cháy rừng")),
    # the directive after "Đó là nội dung", its issuer after "của", its date after the issuer
    ("Đó là nội dung Chỉ thị số 02-CT/TU của Ban Thường vụ Tỉnh ủy ban hành ngày 14.12.2020. "
     "Theo đó, Ban Thường vụ Tỉnh ủy yêu cầu các cấp ủy đảng tiếp tục chỉ đạo triển khai.",
     ("Chỉ thị", "02-CT/TU", "Ban Thường vụ Tỉnh ủy", "2020-12-14", None)),
    # a purpose clause before "tại Văn bản số …", the issuer acting after it
    ("Nhằm chủ động ứng phó với mưa lớn, lũ, ngập lụt trên địa bàn tỉnh, tại Văn bản số 2945/"
     "UBND- NNMT, ngày 22/8/2025, UBND tỉnh đề nghị các cơ quan, đơn vị tiếp tục thực hiện "
     "nghiêm chỉ đạo của Thủ tướng Chính phủ.",
     ("Công văn", "2945/UBND-NNMT", "UBND tỉnh", "2025-08-22",
      "chủ động ứng phó với mưa lớn, lũ, ngập lụt trên địa bàn tỉnh")),
    # a signer named instead of a body, the number in the next paragraph
    ("Phó Bí thư Thường trực Thành ủy Hà Nội Nguyễn Công Soái vừa ký văn bản về việc tập trung "
     "thực hiện nhiệm vụ chính trị.\n\nTheo Công văn số 460-CV/TU, để đảm bảo thực hiện nhiệm "
     "vụ chính trị của Thành phố năm 2012 đạt kết quả, các cấp ủy cần làm ngay.",
     ("Công văn", "460-CV/TU", "Phó Bí thư Thường trực Thành ủy Hà Nội Nguyễn Công Soái", None,
      "tập trung thực hiện nhiệm vụ chính trị")),
    # a clause after the number instead of "về việc"
    ("Ngày 24/5/2017, UBND tỉnh ban hành Công văn số 1536/UBND-TH, yêu cầu báo cáo kết quả thực "
     "hiện ý kiến kiến nghị của cử tri.\n\nTheo đó, các sở, ngành báo cáo trước ngày 30/5/2017.",
     ("Công văn", "1536/UBND-TH", "UBND tỉnh", "2017-05-24",
      "báo cáo kết quả thực hiện ý kiến kiến nghị của cử tri")),
    # the source named at the article's end
    ("UBND tỉnh có ý kiến như sau:\nGiao Sở Tài nguyên và Môi trường chủ trì nghiên cứu, đề xuất"
     " UBND tỉnh xem xét; hoàn thành trước ngày 10/12/2023./.\n(Theo Công văn số 6202/UBND-KT, "
     "ngày 23/11/2023)",
     ("Công văn", "6202/UBND-KT", None, "2023-11-23", None)),
]


def test_leads_as_portals_write_them():
    for text, (doc_type, number, issuer, date, subject) in LEADS:
        record = parse_text(text)
        assert record.system == "news", text[:40]
        assert (record.doc_type, record.number, record.date) == (doc_type, number, date), text[:40]
        assert (record.issuer or {}).get("name") == issuer, text[:40]
        if subject:
            assert record.subject == subject, text[:40]
        assert record.place is None


def test_a_lead_without_a_number_still_gives_type_issuer_date_and_subject():
    record = parse_text("GiadinhNet - Ngày 14/10/2010, Bộ GD&ĐT có văn bản gửi các Sở GD&ĐT về "
                        "việc báo cáo tình hình biến động sĩ số học sinh đầu năm học 2010- 2011."
                        "\n\nĐể có cơ sở tổng hợp chung, Bộ GD&ĐT đề nghị các sở báo cáo nhanh.")
    assert (record.system, record.number, record.doc_type) == ("news", None, "Công văn")
    assert (record.issuer["name"], record.date) == ("Bộ GD&ĐT", "2010-10-14")
    assert record.subject == ("báo cáo tình hình biến động sĩ số học sinh đầu năm học "
                              "2010- 2011")


def test_an_article_title_is_the_subject_when_the_lead_gives_none():
    record = parse_text("TIN NỔI BẬT\n\nChủ động ứng phó với cơn bão số 6\ncms-publish-date "
                        "10/11/2019 | 10:44\n\nNgày 9/11/2019, UBND tỉnh ban hành văn bản yêu cầu"
                        " các sở, ban, ngành chủ động ứng phó với cơn bão số 6 năm 2019:\n\n1. "
                        "Khẩn trương triển khai thực hiện nghiêm các nội dung chỉ đạo.")
    assert (record.issuer["name"], record.date) == ("UBND tỉnh", "2019-11-09")
    assert record.subject == "Chủ động ứng phó với cơn bão số 6"


def test_an_article_citing_documents_without_issuing_one_names_none():
    record = parse_text("Huyện ủy Thường Tín triển khai các văn bản về công tác kiểm điểm năm 2023"
                        "\n\nChiều ngày 13/11/2023, Huyện ủy Thường Tín triển khai các văn bản về "
                        "công tác kiểm điểm.\n\nViệc đánh giá thực hiện theo Quy định số 124QĐ/TW,"
                        " ngày 04/10/2023 của Bộ Chính trị.")
    assert (record.system, record.number, record.doc_type, record.date) == ("news", None, None, None)
    assert [r["number"] for r in record.references] == ["124-QĐ/TW"]


def test_a_report_reposted_under_its_sentence_case_name():
    record = parse_text("Báo cáo công tác chỉ đạo điều hành của UBND tỉnh, tình hình KT-XH tháng "
                        "5 năm 2017\n\n          I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CỦA UBND TỈNH\n\n"
                        "Trong tháng 5/2017, UBND tỉnh tập trung chỉ đạo các Sở, ngành, địa "
                        "phương tiếp tục tháo gỡ các khó khăn, vướng mắc.")
    assert record.doc_type == "Báo cáo"
    assert record.subject == ("công tác chỉ đạo điều hành của UBND tỉnh, tình hình KT-XH tháng 5 "
                              "năm 2017")


@pytest.mark.parametrize("lead, issuer", [
    ("Chiều nay ngày 26/3/2020, thay mặt Ban Thường vụ Tỉnh ủy, Phó Bí thư Thường trực Tỉnh ủy "
     "Bùi Thanh Hà đã ký công văn hỏa tốc gửi các huyện ủy về việc tạm dừng đại hội.",
     "Ban Thường vụ Tỉnh ủy"),
    ("Ngày 12/5/2024, T/M Ủy ban nhân dân tỉnh, Phó Chủ tịch Nguyễn Văn Sơn đã ký ban hành "
     "Kế hoạch số 88/KH-UBND về việc phòng, chống thiên tai.", "Ủy ban nhân dân tỉnh"),
    ("Ngày 23/11/2018, thừa lệnh Chủ tịch UBND tỉnh Tuyên Quang, Phó Chánh Văn phòng UBND tỉnh "
     "Nguyễn Thanh đã ký ban hành văn bản số 3653/UBND-TNMT về việc đề xuất của Sở.",
     "Chủ tịch UBND tỉnh Tuyên Quang"),
])
def test_the_body_a_signer_signs_for_issues_the_reported_document(lead, issuer):
    record = parse_text(f"Tin hoạt động\n\n{lead}\n\nTheo đó, các đơn vị triển khai thực hiện.")
    assert record.system == "news"
    assert record.issuer == {"name": issuer, "parent": None}


@pytest.mark.parametrize("lead, then, issuer", [
    ("Phó Bí thư Thường trực Thành ủy Hà Nội Nguyễn Công Soái vừa ký văn bản về việc tạm dừng "
     "các đoàn đi công tác nước ngoài.",
     "Theo Công văn số 460-CV/TU, để đảm bảo thực hiện nhiệm vụ chính trị năm 2012 đạt kết quả, "
     "Thường trực Thành ủy yêu cầu:", "Thường trực Thành ủy"),
    ("Chủ tịch UBND tỉnh Nguyễn Văn Sơn vừa ký văn bản về việc phòng, chống dịch bệnh.",
     "Theo Công văn số 1234/UBND-VX, nhằm chủ động phòng, chống dịch, UBND tỉnh đề nghị các "
     "sở, ngành thực hiện:", "UBND tỉnh"),
])
def test_the_body_that_asks_in_the_cited_letter_issues_it(lead, then, issuer):
    record = parse_text(f"Tin hoạt động\n\n{lead}\n\n{then}\n\nCác cấp ủy triển khai thực hiện.")
    assert record.issuer == {"name": issuer, "parent": None}
