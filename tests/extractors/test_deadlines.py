"""Deadlines in every form real directives use, and dates that are not deadlines."""
import datetime as dt

import pytest

from extractors.deadlines import find_deadlines, next_date

DOC_DATE = "2023-10-18"


def dates(text, doc_date=DOC_DATE):
    return [(d.date, d.kind) for d in find_deadlines(text, doc_date)]


@pytest.mark.parametrize("text, expected", [
    ("Ý kiến góp ý gửi về Ban Tổ chức Tỉnh ủy trước ngày 31/10/2023 để tổng hợp.",
     [("2023-10-31", "date")]),
    ("Cấp cơ sở: Hoàn thành trước ngày 05-12-2022; tổng hợp báo cáo trước ngày 25-12-2022.",
     [("2022-12-05", "date"), ("2022-12-25", "date")]),
    ("Các đơn vị gửi báo cáo chậm nhất ngày 20/11/2023.", [("2023-11-20", "date")]),
    ("Các đơn vị gửi báo cáo chậm nhất là ngày 20.11.2023.", [("2023-11-20", "date")]),
    ("cấp huyện xong trước ngày 20/12/2023.", [("2023-12-20", "date")]),
    ("báo cáo UBND tỉnh trước ngày 15 tháng 12 năm 2024.", [("2024-12-15", "date")]),
    ("Các sở gửi dự toán về Sở Tài chính trước 30/6.", [("2024-06-30", "date")]),
    ("Các sở gửi dự toán về Sở Tài chính trước 30/11.", [("2023-11-30", "date")]),
    ("Các huyện hoàn thành việc rà soát trong tháng 12/2023.", [("2023-12-31", "period")]),
    ("Sở Nội vụ trình đề án trong quý II năm 2024.", [("2024-06-30", "period")]),
    # A bare period without anyone acting in its clause: a forecast, an event's time.
    ("Theo dự báo, nắng nóng tiếp tục kéo dài trong tháng 5 năm 2024.", []),
    ("Mùa mưa bão thường tập trung vào cuối quý III năm 2024.", []),
    ("Hoàn thành việc sắp xếp trong 6 tháng đầu năm 2024.", [("2024-06-30", "period")]),
    ("Các đơn vị báo cáo trong 15 ngày kể từ ngày ký.", [("2023-11-02", "relative")]),
    ("Trong thời hạn 10 ngày làm việc kể từ ngày nhận được văn bản, các sở có ý kiến.",
     [("2023-10-28", "relative")]),
    ("Các sở gửi ý kiến trong vòng năm ngày kể từ ngày nhận được văn bản.",
     [("2023-10-23", "relative")]),
    ("Phòng Nội vụ báo cáo UBND thành phố trước ngày 15 hằng tháng.",
     [("2023-11-15", "recurring")]),
    ("Các đơn vị định kỳ 6 tháng báo cáo kết quả về Sở Nội vụ.", [("2023-12-31", "recurring")]),
    ("Hoàn thành trước khi tổ chức kiểm điểm và đánh giá xếp loại chất lượng năm 2023.",
     [(None, "event")]),
])
def test_deadline_forms(text, expected):
    assert dates(text) == expected


def test_recurring_keeps_its_rule_and_the_phrase():
    (found,) = find_deadlines("báo cáo trước ngày 15 hằng tháng.", DOC_DATE)
    assert found.rule == "monthly:15"
    assert found.to_dict() == {"date": "2023-11-15", "text": "báo cáo trước ngày 15 hằng tháng",
                               "kind": "recurring", "rule": "monthly:15"}


@pytest.mark.parametrize("text", [
    "Hội nghị lần thứ bảy Ban Chấp hành Đảng bộ tỉnh họp ngày 26/4/2022 đã thảo luận.",
    "Quyết định này có hiệu lực thi hành kể từ ngày 01/01/2024.",
    "Thực hiện Quy định số 124-QĐ/TW ngày 04/10/2023 của Bộ Chính trị.",
    "Lễ kỷ niệm sẽ được tổ chức vào 8h30p ngày 06/11/2018 tại hội trường.",
    "Đại hội được tổ chức từ ngày 25/01/2021 đến ngày 01/02/2021 tại Thủ đô Hà Nội.",
    "Thực hiện chuẩn nghèo đa chiều giai đoạn 2021 - 2025 và nhiệm kỳ 2020 - 2025.",
    "Ngày đăng: 07/11/2022 16:18",
    "phát triển thị xã lên thành phố trực thuộc tỉnh vào năm 2025",
    "đánh giá, xếp loại chất lượng hằng năm đối với tập thể, cá nhân",
    "Việc kiểm điểm được tiến hành trước khi tổng kết năm của tổ chức.",
    "Sau 15 ngày kể từ ngày ký, Quyết định này có hiệu lực.",
])
def test_not_deadlines(text):
    assert find_deadlines(text, DOC_DATE) == []


def test_spans_cover_the_phrase():
    text = "1. Nội dung.\n2. Các sở gửi báo cáo trước ngày 31/10/2023."
    (found,) = find_deadlines(text, DOC_DATE, offset=10)
    assert text[found.span[0] - 10:found.span[1] - 10] == found.text
    assert found.text == "Các sở gửi báo cáo trước ngày 31/10/2023"


@pytest.mark.parametrize("rule, day, expected", [
    ("monthly:15", "2026-12-02", "2026-12-15"),
    ("monthly:15", "2026-12-15", "2026-12-15"),   # due today is still this one
    ("monthly:15", "2026-12-16", "2027-01-15"),
    ("monthly:31", "2027-02-03", "2027-02-28"),   # a short month's last day
    ("every:3 months", "2026-11-02", "2026-12-31"),
    ("every:6 months", "2027-01-01", "2027-06-30"),
    ("weekly:2", "2026-12-02", None),
])
def test_the_next_date_of_a_recurring_deadline(rule, day, expected):
    found = next_date(rule, dt.date.fromisoformat(day))
    assert (found.isoformat() if found else None) == expected


def test_a_recurring_deadline_found_in_text_follows_its_rule():
    text = "Các sở báo cáo kết quả thực hiện trước ngày 20 hằng tháng."
    found = find_deadlines(text, "2026-03-25")
    (deadline,) = [d for d in found if d.kind == "recurring"]
    assert deadline.rule == "monthly:20"
    # The first date after the document's (the extractor's), on or after the next day.
    assert next_date(deadline.rule, dt.date(2026, 3, 26)).isoformat() == deadline.date
