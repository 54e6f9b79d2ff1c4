"""Articles about directives: the reported document, not the page's own dates."""
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


def test_place_named_in_the_issuer_or_once_in_the_article():
    record = parse_text("Ngày 29 tháng 12/2020  Ban Thường vụ Tỉnh ủy Đắk Lắk đã ban hành Chỉ thị "
                        "số 04 -CT/TU về việc tổ chức đón Tết Nguyên đán Tân Sửu năm 2021.")
    assert (record.place, record.number) == ("Đắk Lắk", "04-CT/TU")
    record = parse_text("Ngày 04/7/2018, Quận ủy ban hành Kế hoạch số 149-KH/QU v/v tổ chức Lễ kỷ "
                        "niệm 15 năm ngày thành lập Quận\n\nVới mục đích tuyên truyền về quá "
                        "trình 15 năm xây dựng và phát triển quận Long Biên.")
    assert record.place == "Long Biên"
    assert record.subject == "tổ chức Lễ kỷ niệm 15 năm ngày thành lập Quận"


def test_an_article_citing_documents_without_issuing_one_names_none():
    record = parse_text("Huyện ủy Thường Tín triển khai các văn bản về công tác kiểm điểm năm 2023"
                        "\n\nChiều ngày 13/11/2023, Huyện ủy Thường Tín triển khai các văn bản về "
                        "công tác kiểm điểm.\n\nViệc đánh giá thực hiện theo Quy định số 124QĐ/TW,"
                        " ngày 04/10/2023 của Bộ Chính trị.")
    assert (record.system, record.number, record.doc_type, record.date) == ("news", None, None, None)
    assert [r["number"] for r in record.references] == ["124-QĐ/TW"]
