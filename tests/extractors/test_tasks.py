"""Tasks in the forms directives write them, with real sentences."""
from tests_helpers import parse_text

HEADER = ("ỦY BAN NHÂN DÂN\nTỈNH X\nSố: 12/UBND-VP\nV/v triển khai nhiệm vụ\n"
          "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nX, ngày 18 tháng 10 năm 2023\n\n")


def tasks(body: str, header: str = HEADER):
    return parse_text(header + body).tasks


def test_giao_lead_and_supporting():
    (task,) = tasks("Giao Ban Tổ chức Tỉnh ủy chủ trì, phối hợp với Văn phòng Tỉnh ủy, Ủy ban "
                    "Kiểm tra Tỉnh ủy tham mưu Thường trực Tỉnh ủy về nội dung kiểm điểm, "
                    "báo cáo trước ngày 30/11/2023.")
    assert task["assignees"] == ["Ban Tổ chức Tỉnh ủy", "Văn phòng Tỉnh ủy",
                                 "Ủy ban Kiểm tra Tỉnh ủy"]
    assert task["lead"] == "Ban Tổ chức Tỉnh ủy"
    assert task["support"] == ["Văn phòng Tỉnh ủy", "Ủy ban Kiểm tra Tỉnh ủy"]
    assert task["text"].startswith("tham mưu Thường trực Tỉnh ủy")
    assert task["deadline"] == "2023-11-30"


def test_giao_without_lead_names_everyone_alike():
    (task,) = tasks("Giao Ban Tổ chức Tỉnh ủy phối hợp với Ủy ban Kiểm tra Tỉnh ủy thường xuyên "
                    "theo dõi, đôn đốc việc thực hiện.")
    assert task["assignees"] == ["Ban Tổ chức Tỉnh ủy", "Ủy ban Kiểm tra Tỉnh ủy"]
    assert task["lead"] is None and task["text"].startswith("thường xuyên theo dõi")


def test_numbered_items_and_sub_items_inherit_their_parent():
    found = tasks("1. Sở Nội vụ:\na) Chủ trì rà soát vị trí việc làm, xong trước ngày 15/12/2023.\n"
                  "b) Tổng hợp kết quả, báo cáo UBND tỉnh trong tháng 01/2024.\n"
                  "2. Các sở, ban, ngành tỉnh cử cán bộ tham gia Tổ công tác.")
    assert [(t["assignees"], t["deadline"]) for t in found] == [
        (["Sở Nội vụ"], "2023-12-15"), (["Sở Nội vụ"], "2024-01-31"),
        (["Các sở, ban, ngành tỉnh"], None)]
    assert found[2]["id"] == "2" and found[2]["text"].startswith("cử cán bộ")


def test_unit_followed_by_its_duties():
    (task,) = tasks("Cấp cơ sở: Hoàn thành trước ngày 05-12-2022; tổng hợp báo cáo kết quả về "
                    "Ban Tổ chức Tỉnh ủy trước ngày 25-12-2022.")
    assert task["assignees"] == ["Cấp cơ sở"] and task["deadline"] == "2022-12-05"
    assert tasks("Thời gian: 7 giờ 30 phút, ngày 20/6/2024.") == []


def test_de_nghi_and_yeu_cau():
    found = tasks("Sở Y tế đề nghị Trung tâm Y tế các huyện triển khai ngay các biện pháp "
                  "phòng dịch và báo cáo kết quả trước ngày 15/10/2023.\n\n"
                  "Yêu cầu Thủ trưởng các cơ quan, đơn vị nghiêm túc thực hiện.")
    assert [(t["assignees"], t["deadline"]) for t in found] == [
        (["Trung tâm Y tế các huyện"], "2023-10-15"),
        (["Thủ trưởng các cơ quan, đơn vị"], None)]


def test_a_request_to_all_addressees_names_them():
    header = HEADER + "Kính gửi:\n- Sở Nội vụ;\n- Sở Tài chính.\n\n"
    found = tasks("Đề nghị các cơ quan, đơn vị tham gia góp ý dự thảo Quy chế. Ý kiến góp ý gửi "
                  "về Văn phòng UBND tỉnh trước ngày 31/10/2023.", header)
    assert [(t["assignees"], t["deadline"]) for t in found] == [
        (["Sở Nội vụ", "Sở Tài chính"], "2023-10-31")]


def test_event_relative_deadline_is_kept_without_a_date():
    (task,) = tasks("1. Các cấp ủy tổ chức quán triệt Quy định, hoàn thành trước khi tổ chức kiểm "
                    "điểm năm 2023.")
    assert task["deadline"] is None
    assert task["deadline_text"].endswith("trước khi tổ chức kiểm điểm năm 2023")


def test_reporting_sentences_and_passives_assign_nothing():
    assert tasks("Ủy ban nhân dân tỉnh nhận được Công văn số 847/UBND-VX1 của UBND tỉnh Quảng "
                 "Ninh về việc tham gia bầu chọn.") == []
    assert tasks("Việc kiểm điểm được tiến hành trước khi tổng kết năm.") == []
    (task,) = tasks("1. Các hội được Đảng và Nhà nước giao nhiệm vụ cụ thể hóa Quy định này.")
    assert task["assignees"] == ["Các hội được Đảng và Nhà nước giao nhiệm vụ"]
    assert task["text"].startswith("cụ thể hóa")


def test_task_span_and_sentence():
    record = parse_text(HEADER + "2. Các sở gửi báo cáo trước ngày 31/10/2023.")
    (task,) = record.tasks
    start, end = task["span"]
    content = HEADER + "2. Các sở gửi báo cáo trước ngày 31/10/2023."
    assert content[start:end].startswith("Các sở gửi báo cáo")
    assert task["sentence"] == "Các sở gửi báo cáo trước ngày 31/10/2023"
