"""The shapes in which real directives give work, each tried on snippets of several documents
(a few lines each, shortened): bodies as headings with their duties below, lead-ins, decisions,
requests in prose, task tables, and what is not a task."""
import pytest
from tests_helpers import parse_text

from extractors.deadlines import cell_deadline
from extractors.tasks import heading_body

STATE = ("ỦY BAN NHÂN DÂN\nTỈNH LÀO CAI\nSố: 120/UBND-KT\nV/v tăng cường quản lý\n"
         "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nLào Cai, ngày 10 tháng 3 năm 2026\n\n")
CLOSING = "\nNơi nhận:\n- Như trên;\n- Lưu: VT.\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nNguyễn Văn A\n"


def found(body: str, header: str = STATE, fmt: str = "txt"):
    return [(t["assignees"], t["deadline"]) for t in parse_text(header + body + CLOSING,
                                                                 fmt).tasks]


# --- a body as a heading, its duties below ---------------------------------------------------

@pytest.mark.parametrize("fmt", ["txt", "docx"])
def test_numbered_bodies_with_their_bullets(fmt):
    # A provincial letter on unexploited minerals; a Government resolution's "Các Bộ" items.
    body = ("Chủ tịch Ủy ban nhân dân tỉnh yêu cầu và đề nghị các cơ quan, đơn vị thực hiện "
            "một số nội dung như sau:\n"
            "1. Sở Nông nghiệp và Môi trường\n"
            "- Tiếp tục chủ động tham mưu công tác quản lý, bảo vệ khoáng sản chưa khai thác.\n"
            "- Thường xuyên đôn đốc, hướng dẫn UBND các xã, phường thực hiện đầy đủ trách nhiệm.\n"
            "2. Sở Xây dựng\n"
            "- Chủ trì, phối hợp với Sở Nông nghiệp và Môi trường, Công an tỉnh rà soát các bến "
            "thủy nội địa, bãi tập kết vật liệu xây dựng.\n"
            "- Là đơn vị đầu mối tổng hợp, xong trong quý II/2026.\n")
    tasks = parse_text(STATE + body + CLOSING, fmt).tasks
    assert [(t["assignees"], t["deadline"]) for t in tasks] == [
        (["Sở Nông nghiệp và Môi trường"], None), (["Sở Nông nghiệp và Môi trường"], None),
        (["Sở Xây dựng", "Sở Nông nghiệp và Môi trường", "Công an tỉnh"], None),
        (["Sở Xây dựng"], "2026-06-30")]
    assert tasks[2]["lead"] == "Sở Xây dựng"
    assert tasks[2]["support"] == ["Sở Nông nghiệp và Môi trường", "Công an tỉnh"]
    assert tasks[0]["text"].startswith("Tiếp tục chủ động tham mưu")  # the whole item


def test_labelled_headings_and_nested_items_inherit():
    body = ("Trách nhiệm của Công an tỉnh:\n"
            "a) Tập trung đấu tranh, triệt phá các đường dây khai thác trái phép.\n"
            "b) Chỉ đạo lực lượng Công an xã, phường tăng cường tuần tra:\n"
            "- Tuần tra các bến bãi ven sông;\n"
            "- Báo cáo kết quả trước ngày 30/6/2026.\n"
            "Đối với UBND cấp huyện:\n"
            "a) Ban hành kế hoạch bảo vệ khoáng sản chưa khai thác.\n")
    assert found(body) == [(["Công an tỉnh"], None), (["Công an tỉnh"], None),
                           (["Công an tỉnh"], "2026-06-30"), (["UBND cấp huyện"], None)]


@pytest.mark.parametrize("line, bodies", [
    ("2. Sở Tài chính", ["Sở Tài chính"]),
    ("Trách nhiệm của Công an tỉnh:", ["Công an tỉnh"]),
    ("Đối với UBND cấp huyện:", ["UBND cấp huyện"]),
    ("3. Các sở, ban, ngành, đoàn thể tỉnh:", ["Các sở, ban, ngành, đoàn thể tỉnh"]),
    ("1. Các Bộ: Công Thương, Giao thông vận tải, Xây dựng:",
     ["Các Bộ: Công Thương, Giao thông vận tải, Xây dựng"]),
])
def test_headings_that_name_a_body(line, bodies):
    numbered = line[0].isdigit()
    assert heading_body(line.split(". ", 1)[-1] if numbered else line, numbered) == bodies


@pytest.mark.parametrize("line", ["III. TỔ CHỨC THỰC HIỆN", "Tổng khối lượng VLNCN sử dụng:",
                                  "Các nội dung cần lưu ý:", "Tổ chức tuyên truyền:",
                                  "UBND tỉnh đề nghị Bộ Công Thương một số nội dung sau:"])
def test_headings_that_name_no_body(line):
    assert heading_body(line, False) is None


def test_a_lead_in_is_not_a_task_its_items_are():
    # An annual report's proposals to a ministry.
    body = ("5. Đề xuất, kiến nghị\n"
            "Ủy ban nhân dân tỉnh Lào Cai đề nghị Bộ Công Thương một số nội dung như sau:\n"
            "- Tham mưu cho Chính phủ sửa đổi thành phần hồ sơ đất đai.\n"
            "- Sớm đưa cơ sở dữ liệu về vật liệu nổ công nghiệp vào hoạt động.\n")
    header = STATE.replace("V/v tăng cường quản lý\n", "").replace("\n\n", "\n\nBÁO CÁO\n"
                                                                   "Kết quả năm 2025\n\n")
    assert found(body, header) == [(["Bộ Công Thương"], None), (["Bộ Công Thương"], None)]


# --- decisions ---------------------------------------------------------------------------------

def test_the_article_that_names_who_carries_out_the_decision():
    header = ("ỦY BAN NHÂN DÂN\nTỈNH HÀ GIANG\nSố: 958/QĐ-UBND\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT "
              "NAM\nHà Giang, ngày 23 tháng 5 năm 2013\n\nQUYẾT ĐỊNH\nBan hành Quy chế hoạt "
              "động của Ban Chỉ đạo\n\nQUYẾT ĐỊNH:\n")
    body = ("Điều 1. Ban hành kèm theo Quyết định này Quy chế hoạt động của Ban Chỉ đạo.\n"
            "Điều 2. Chánh Văn phòng Ủy ban nhân dân tỉnh, Giám đốc các Sở, Ban, ngành, đoàn "
            "thể có liên quan; Chủ tịch Ủy ban nhân dân các huyện/thành phố; Các thành viên Ban "
            "Chỉ đạo và các đơn vị, tổ chức, cá nhân có liên quan căn cứ Quyết định thi hành.\n")
    (task,) = parse_text(header + body + CLOSING).tasks
    assert task["assignees"][0].startswith("Chánh Văn phòng Ủy ban nhân dân tỉnh")
    assert task["assignees"][1:3] == ["Giám đốc các Sở, Ban, ngành, đoàn thể có liên quan",
                                      "Chủ tịch Ủy ban nhân dân các huyện/thành phố"]
    assert task["text"].startswith("thi hành")


# --- requests in prose -------------------------------------------------------------------------

def test_requests_in_prose():
    # A Government notice, a ministry's answer, a department's request to many bodies.
    assert found("Bộ Tài nguyên và Môi trường chủ trì, phối hợp với các cơ quan liên quan "
                 "khẩn trương trao đổi, thống nhất với phía Singapore.\n") == [
        (["Bộ Tài nguyên và Môi trường"], None)]
    assert found("Trên đây là ý kiến của Bộ Công Thương, đề nghị UBND tỉnh Bình Định chỉ đạo "
                 "đơn vị chức năng thực hiện.\n") == [(["UBND tỉnh Bình Định"], None)]
    (task,) = parse_text(STATE + (
        "Sở Nông nghiệp và Môi trường đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh; các Sở, "
        "ban, ngành của tỉnh; Công an tỉnh; Hiệp hội Doanh nghiệp tỉnh và các tổ chức, cá nhân "
        "có liên quan tổ chức nghiên cứu, quán triệt các quy định.\n") + CLOSING).tasks
    assert task["assignees"][:3] == ["Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh",
                                     "các Sở, ban, ngành của tỉnh", "Công an tỉnh"]


# --- not tasks -----------------------------------------------------------------------------

def test_unnamed_doers_and_restated_rules_are_not_tasks():
    assert found("Các tổ chức, cá nhân được cấp giấy phép khai thác khoáng sản có trách nhiệm "
                 "bảo vệ khoáng sản trong diện tích được cấp phép.\n") == []
    guidance = STATE.replace("V/v tăng cường quản lý\n", "").replace(
        "\n\n", "\n\nHƯỚNG DẪN\nMột số vấn đề về nghiệp vụ công tác đảng viên\n\n")
    record = parse_text(guidance + (
        "1. Kết nạp đảng viên\n"
        "a) Chi bộ giao nhiệm vụ cho cảm tình Đảng để thử thách trước ngày 30/9/2025.\n"
        "b) Đảng ủy cơ sở kiểm tra, thu nhận hồ sơ đảng viên để quản lý.\n"
        "II. TỔ CHỨC THỰC HIỆN\n"
        "1. Các cấp ủy trực thuộc Thành ủy chỉ đạo các cấp ủy cơ sở triển khai Hướng dẫn.\n")
        + CLOSING)
    assert [t["assignees"] for t in record.tasks] == [["Các cấp ủy trực thuộc Thành ủy"]]
    assert record.deadlines == []  # a rule's date is no one's deadline


# --- task tables -------------------------------------------------------------------------------

PLAN = ("ỦY BAN NHÂN DÂN\nTỈNH LÀO CAI\nSố: 45/KH-UBND\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "Lào Cai, ngày 10 tháng 3 năm 2025\n\nKẾ HOẠCH\nTriển khai chuyển đổi số năm 2025\n\n"
        "I. MỤC ĐÍCH, YÊU CẦU\nBảo đảm các nhiệm vụ được triển khai đồng bộ, hiệu quả, đúng "
        "tiến độ đề ra trong năm.\nII. NHIỆM VỤ CỤ THỂ\n")


def test_a_plan_table_as_pipe_rows():
    table = ("| TT | Nội dung | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian hoàn thành | "
             "Sản phẩm |\n"
             "| I | Nhiệm vụ chung | | | | |\n"
             "| 1 | Xây dựng kho dữ liệu dùng chung | Sở Khoa học và Công nghệ | Sở Tài chính | "
             "Quý II/2025 | Kho dữ liệu |\n"
             "| 2 | Bồi dưỡng kỹ năng số | Sở Nội vụ | UBND các huyện | Thường xuyên | Lớp |\n")
    record = parse_text(PLAN + table + CLOSING)
    assert [(t["assignees"], t["lead"], t["deadline"], t["recurrence"]) for t in record.tasks] \
        == [(["Sở Khoa học và Công nghệ", "Sở Tài chính"], "Sở Khoa học và Công nghệ",
             "2025-06-30", None),
            (["Sở Nội vụ", "UBND các huyện"], "Sở Nội vụ", None, "Thường xuyên")]
    assert [d["date"] for d in record.deadlines] == ["2025-06-30"]


def test_a_scanned_table_whose_cells_wrap_over_rows():
    # A university's survey plan, read by OCR: a row's cells go on in rows without a number.
    table = ("| TT | Nội dung công việc | Thời gian thực hiện | Đơn vị chủ trì/phối hợp |\n"
             "| 1  | Ban hành kế hoạch; rà soát danh sách | Trước ngày | Phòng Đào tạo; Trung |\n"
             "|    | sinh viên được chọn | 27/6/2026 | tâm QLCL |\n"
             "| 2  | Triển khai khảo sát trực tuyến | 29/6/2026 - | Trung tâm QLCL; các |\n"
             "|    |  | 09/7/2026 | khoa |\n")
    tasks = parse_text(PLAN.replace("2025\n\nKẾ", "2026\n\nKẾ") + table + CLOSING).tasks
    assert [(t["assignees"], t["deadline"]) for t in tasks] == [
        (["Phòng Đào tạo", "Trung tâm QLCL"], "2026-06-27"),
        (["Trung tâm QLCL", "các khoa"], "2026-07-09")]
    assert tasks[0]["text"] == "Ban hành kế hoạch; rà soát danh sách sinh viên được chọn"


def test_a_report_table_without_a_doer_column_gives_no_tasks():
    table = ("| TT | Loại hình hoạt động | Số lượng | Cơ quan cấp phép |\n"
             "| 1 | Khai thác khoáng sản | 11 | Bộ Công Thương |\n")
    assert parse_text(PLAN + table + CLOSING).tasks == []


@pytest.mark.parametrize("cell, date, rule", [
    ("Quý II/2025", "2025-06-30", None), ("Tháng 6/2025", "2025-06-30", None),
    ("Trước 30/6", "2025-06-30", None), ("Năm 2025", "2025-12-31", None),
    ("Năm 2025 - 2026", "2026-12-31", None), ("Trước ngày 27/6/2026", "2026-06-27", None),
    ("6 tháng đầu năm 2025", "2025-06-30", None), ("Thường xuyên", None, "Thường xuyên"),
    ("Hằng năm", None, "Hằng năm"), ("Trước 15/01", "2026-01-15", None),
])
def test_time_cells(cell, date, rule):
    deadline = cell_deadline(cell, "2025-03-10", 0)
    assert (deadline.date, deadline.rule) == (date, rule)


# --- deadlines in the last line and in forms pages write -------------------------------------

def test_a_short_last_line_keeps_its_deadline():
    # A youth union's call: the last line, short, closes the sentence above before Nơi nhận.
    record = parse_text(STATE + "Đề nghị các tỉnh đoàn gửi danh sách đại biểu về Ban Thanh niên "
                        "Công nhân và Đô thị (đầu mối: đồng chí Văn Thị\nXuân) trước ngày "
                        "09/5/2026.\n" + CLOSING)
    assert [d["date"] for d in record.deadlines] == ["2026-05-09"]


@pytest.mark.parametrize("sentence, date", [
    ("Các huyện rà soát, xong trong quý II/2026.", "2026-06-30"),
    ("Đến năm 2027, hoàn thành chuyển đổi số tại 12 huyện.", "2027-12-31"),
    ("Ủy ban bầu cử ở tỉnh công bố danh sách theo Luật bầu cử đại biểu Hội đồng nhân "
     "dânchậm nhất là ngày 4 tháng 3 năm 2026.", "2026-03-04"),
])
def test_deadline_forms(sentence, date):
    intro = ("Trong thời gian qua, công tác quản lý nhà nước trên địa bàn tỉnh đã đạt được "
             "nhiều kết quả tích cực.\n")
    record = parse_text(STATE + intro + sentence + "\n" + CLOSING)
    assert [d["date"] for d in record.deadlines] == [date]


def test_paragraphs_that_go_on_with_a_request():
    # A province's storm warning and a city party committee's letter.
    body = ("Để chủ động ứng phó với mưa lớn, lũ quét, sạt lở đất trên địa bàn tỉnh, UBND tỉnh "
            "đề nghị các đồng chí thành viên Ban Chỉ huy Phòng thủ dân sự tỉnh tiếp tục thực "
            "hiện nghiêm chỉ đạo của Thủ tướng Chính phủ.\n"
            "Triển khai lực lượng xung kích kiểm tra, rà soát các khu dân cư ven sông, suối để "
            "chỉ đạo di dời.\n"
            "Sẵn sàng lực lượng, vật tư, phương tiện để cứu hộ, cứu nạn khi có yêu cầu.\n")
    assert found(body) == [(["các đồng chí thành viên Ban Chỉ huy Phòng thủ dân sự tỉnh"],
                            None)] * 3
    letter = ("Để bảo đảm thực hiện nhiệm vụ chính trị của Thành phố năm 2012 đạt kết quả, "
              "Thường trực Thành ủy yêu cầu:\n"
              "Các cấp ủy đảng trực thuộc Thành ủy đẩy mạnh triển khai thực hiện Nghị quyết "
              "Hội nghị lần thứ 4 Ban Chấp hành Trung ương Đảng.\n")
    assert found(letter) == [(["Các cấp ủy đảng trực thuộc Thành ủy"], None)]


# --- damage a PDF's text layer does ---------------------------------------------------------

def test_bullets_a_text_layer_lost_are_items_of_their_heading():
    # A youth union's plan and a provincial union's letter, their "•" glyphs read as nothing:
    # the numbered lines open flush, the bulleted ones with the space that followed the glyph.
    body = ("III. TỔ CHỨC THỰC HIỆN\n"
            "1. Các tỉnh, thành đoàn, đoàn trực thuộc\n\n"
            " Căn cứ kế hoạch xây dựng phương án tuyên truyền chi tiết phù hợp với điều kiện "
            "thực tiễn.\n\n"
            " Định kỳ gửi tin, bài, hình ảnh về các hoạt động trong khuôn khổ Chiến dịch.\n\n"
            "2. Ban Tuyên giáo Tỉnh đoàn\n\n"
            "  Tổng hợp các hình ảnh, video clip tiêu biểu phục vụ công tác tuyên truyền.\n")
    assert found(body) == [(["Các tỉnh, thành đoàn, đoàn trực thuộc"], None)] * 2 + [
        (["Ban Tuyên giáo Tỉnh đoàn"], None)]
    # Indented paragraphs of a text whose numbered items are indented too are layout, not lost
    # bullets: nothing is given to the heading's body.
    layout = ("    1. Sở Tài chính\n\n"
              "  Năm 2025, ngân sách tỉnh được bố trí theo dự toán đã giao.\n")
    assert found(layout) == []


def test_a_sentence_a_blank_line_cuts_goes_on():
    # Page breaks and justified lines in two plans' text layers.
    body = ("2. Sở Văn hóa, Thể thao và Du lịch\n"
            "- Chủ trì tổ chức các hoạt động tuyên truyền về Chiến dịch trên địa bàn\n\n"
            "tỉnh, báo cáo kết quả trước ngày 30/6/2026.\n"
            "- Các  huyện,  thị  xã  phối  hợp  với  Đài  Phát  thanh  và  Truyền  hình  tỉnh\n"
            "Đài truyền thanh các xã thực hiện các phóng sự tuyên truyền.\n")
    tasks = parse_text(STATE + body + CLOSING, "txt").tasks
    assert [(t["assignees"][0], t["deadline"]) for t in tasks] == [
        ("Sở Văn hóa, Thể thao và Du lịch", "2026-06-30"), ("Các huyện, thị xã", None)]
    assert tasks[0]["text"].endswith("báo cáo kết quả trước ngày 30/6/2026")
    assert "Đài truyền thanh các xã" in tasks[1]["sentence"]


def test_a_titled_item_names_its_doers_after_the_colon():
    body = ("- Mở chuyên mục “Chiến dịch Thanh niên tình nguyện hè”: Báo Tiền Phong, Báo Thanh "
            "niên mở chuyên mục trên báo giấy, báo điện tử.\n"
            "- Tuyên truyền trên báo chí: Sở Thông tin và Truyền thông chủ trì, phối hợp với "
            "Báo Lào Cai đăng tải tin, bài về các mô hình hay.\n")
    assert found(body) == [(["Báo Tiền Phong", "Báo Thanh niên"], None),
                           (["Sở Thông tin và Truyền thông", "Báo Lào Cai"], None)]


def test_what_was_done_and_who_is_informed_are_not_tasks():
    # A ministry's letter reporting what it issued, a department's notice, the Government
    # Office's closing line, a plan's passive clause.
    assert found("Bộ Nông nghiệp và Môi trường đã ban hành các Văn bản hợp nhất, cụ thể:\n"
                 "- Văn bản hợp nhất số 48/VBHN-BNNMT về giảm nhẹ phát thải khí nhà kính.\n") == []
    assert found("Sở Công Thương nhận được Văn bản số 11/VT ngày 29/5/2026 của Hợp tác xã "
                 "Văn Thịnh, báo cáo hoàn thành thi công.\n") == []
    assert found("1. Bộ Tài nguyên và Môi trường khẩn trương trao đổi với phía Singapore.\n"
                 "Văn phòng Chính phủ thông báo Bộ Tài nguyên và Môi trường biết, thực hiện./.\n"
                 ) == [(["Bộ Tài nguyên và Môi trường"], None)]
    assert found("- Tuyên truyền về các thôn, bản khó khăn đã được các tỉnh, thành đoàn lựa "
                 "chọn trong Tháng Thanh niên.\n") == []


def test_a_council_named_by_its_work_is_one_body():
    body = ("Điều 2. Nhiệm vụ của Hội đồng thẩm định:\n"
            "1. Hội đồng thẩm định làm việc theo chế độ tập thể và chịu trách nhiệm thẩm định "
            "đồ án quy hoạch.\n"
            "2. Tổ kiểm tra liên ngành có trách nhiệm kiểm tra các cơ sở kinh doanh.\n")
    assert found(body) == [(["Hội đồng thẩm định"], None), (["Tổ kiểm tra liên ngành"], None)]


def test_requests_after_a_linking_phrase_or_a_closing_summary():
    # Two departments' comments on investment files and a ministry's reply.
    assert found("Một số căn cứ pháp lý viện dẫn đã được thay thế, do vậy đề nghị Chủ đầu tư "
                 "cập nhật đầy đủ các văn bản quy phạm pháp luật hiện hành.\n") == [
        (["Chủ đầu tư"], None)]
    assert found("Trên đây là ý kiến tham gia của Sở Nông nghiệp và Môi trường đề nghị Sở Công "
                 "Thương tổng hợp, báo cáo theo quy định./.\n") == [(["Sở Công Thương"], None)]


def test_a_conditional_lead_in_gives_its_bullets_until_the_next_numbered_item():
    body = ("2.5. Lĩnh vực thủy lợi\n"
            "Trong quá trình triển khai dự án nếu được cấp có thẩm quyền phê duyệt, đề nghị "
            "Chủ đầu tư:\n"
            "- Phối hợp với Sở Nông nghiệp và Môi trường, Công ty TNHH Tân Phú\n"
            "(đơn vị khai thác công trình thủy lợi) kiểm tra ảnh hưởng của dự án;\n"
            "- Chịu trách nhiệm bảo đảm an toàn cho tính mạng, tài sản của người dân.\n"
            "2.6. Ý kiến khác\n"
            "Các căn cứ pháp lý của hồ sơ cần được cập nhật.\n")
    tasks = parse_text(STATE + body + CLOSING, "txt").tasks
    assert [t["assignees"][0] for t in tasks] == ["Chủ đầu tư", "Chủ đầu tư"]
    assert "(đơn vị khai thác công trình thủy lợi)" in tasks[0]["text"]  # one paragraph


def test_bodies_that_act_on_what_a_closing_sentence_names():
    # A department's closing line, a province's directive lead-in without a modal word, and a
    # council's member in a decision.
    assert found("Căn cứ nội dung văn bản, Sở Công Thương tổ chức thực hiện./.\n") == [
        (["Sở Công Thương"], None)]
    assert found("Căn cứ Khoản 6 Điều 21 Nghị định số 26/2026/NĐ-CP, các hóa chất cần kiểm "
                 "soát đặc biệt phải được khai báo.\n") == []
    assert found("Căn cứ Kế hoạch này, các cơ quan, đơn vị liên quan triển khai thực hiện.\n"
                 ) == []
    lead_in = ("I. Nhiệm vụ chung\n"
               "Thủ trưởng các sở, ban, ngành tỉnh, Chủ tịch UBND các huyện tập trung thực hiện "
               "một số công việc sau:\n"
               "- Khẩn trương hoàn thành tổng kết công tác phòng chống thiên tai trước ngày "
               "20/4/2026.\n")
    assert found(lead_in) == [(["Thủ trưởng các sở, ban, ngành tỉnh", "Chủ tịch UBND các huyện"],
                               "2026-04-20")]
    assert found("3. Thành viên Hội đồng thẩm định có trách nhiệm nghiên cứu hồ sơ, cho ý "
                 "kiến về đồ án quy hoạch.\n") == [(["Thành viên Hội đồng thẩm định"], None)]


def test_a_proportional_fonts_shorter_full_line_goes_on():
    # A province's storm letter as a PDF's text layer: lines of one paragraph differ in length
    # by a tenth; a line ending in "Bộ" before "Nông nghiệp" still goes on.
    body = ("Tại Văn bản số 2945/UBND-NNMT ngày 22/8/2025, UBND tỉnh đề nghị các Sở, ban,\n"
            "ngành tỉnh tiếp tục thực hiện nghiêm chỉ đạo của Thủ tướng, Bộ\n"
            "Nông nghiệp và Môi trường, UBND tỉnh. Trong đó, tập trung vào một số nhiệm vụ\n"
            "trọng tâm sau:\n"
            "Triển khai lực lượng xung kích kiểm tra, rà soát các khu dân cư ven sông, suối,\n"
            "khu vực thấp trũng để chủ động di dời dân đến nơi an toàn.\n")
    tasks = parse_text(STATE + body + CLOSING, "pdf").tasks
    assert len(tasks) == 2
    assert "Bộ Nông nghiệp và Môi trường" in tasks[0]["text"]


def test_a_scanned_plan_its_dashes_and_numbers_as_ocr_reads_them():
    # A university's survey plan and a district's plan, scanned: OCR writes the bullets as em
    # dashes and reads "5.2." as "$.2."; the issuer's "ban hành Kế hoạch … như sau:" and the
    # plan's own parts ("1. Mục đích") give no one work.
    body = ("Trường Đại học Công Thương ban hành Kế hoạch khảo sát sự hài lòng, cụ thể như sau:\n"
            "1. Mục đích\n"
            "— Ghi nhận ý kiến đánh giá của sinh viên về chất lượng dịch vụ giáo dục.\n"
            "2. Yêu cầu thực hiện\n"
            "— Các đơn vị, cá nhân được phân công phối hợp chặt chẽ, theo dõi tiến độ.\n"
            "5. Phân công trách nhiệm\n"
            "5.1. Trung tâm Quản lý chất lượng\n"
            "— Là đơn vị đầu mối tham mưu tổ chức triển khai khảo sát.\n"
            "$.2. Phòng Đào tạo\n"
            "— Phối hợp cung cấp, rà soát thông tin sinh viên thuộc các khoa.\n"
            "● Hỗ trợ các khoa đôn đốc sinh viên tham gia khảo sát.\n")
    assert found(body) == [(["Trung tâm Quản lý chất lượng"], None)] + [
        (["Phòng Đào tạo"], None)] * 2
    assert found("1. Hội đồng thẩm định bao gồm: Chủ tịch Hội đồng; các Phó Chủ tịch Hội đồng; "
                 "các Thành viên.\n") == []


@pytest.mark.parametrize("fmt", ["txt", "docx"])
def test_duties_as_plain_paragraphs_under_a_numbered_body(fmt):
    # A youth union's letter (its bullets lost) and a province's plan written without bullets;
    # the letter's "1. Nội dung tuyên truyền" lists topics, not work.
    body = ("Ban Bí thư Trung ương Đoàn đề nghị các tỉnh, thành đoàn triển khai một số nội dung "
            "sau:\n"
            "1. Nội dung tuyên truyền\n"
            "1.1. Cuộc đời hoạt động cách mạng của đồng chí Võ Văn Tần.\n"
            "2. Phân công thực hiện\n"
            "2.1. Các tỉnh, thành đoàn, đoàn trực thuộc\n"
            "Căn cứ tình hình địa phương, lựa chọn phương án tổ chức phù hợp.\n"
            "Tổ chức các buổi sinh hoạt chính trị theo chuyên đề.\n"
            "2.2. Sở Tài chính\n"
            "Tham mưu bố trí kinh phí thực hiện Kế hoạch.\n"
            "Trong năm 2026, ngân sách tỉnh đã bố trí 2 tỷ đồng.\n")
    assert found(body, fmt=fmt) == [(["Các tỉnh, thành đoàn, đoàn trực thuộc"], None)] * 2 + [
        (["Sở Tài chính"], None)]


def test_doers_must_name_a_body_unless_a_request_names_them():
    # A contest's rules and a festival plan: parts, teams and members are not bodies.
    body = ("- Các phần thi được chấm theo thang điểm 100.\n"
            "- Các đội thi có tối đa 12 phút để trình bày phần thi của mình.\n"
            "- Đoàn viên, thanh niên tích cực tham gia trồng cây xanh trong tháng 3/2026.\n"
            "- Đơn vị đăng ký tham gia trước ngày 20/3/2026.\n"
            "- Các cấp bộ Đoàn đồng loạt đăng tải banner của Chiến dịch.\n")
    assert found(body) == [(["Các cấp bộ Đoàn"], None)]
    # What the requested bodies go by is not part of their name.
    assert found("Ban Bí thư Trung ương Đoàn đề nghị các tỉnh, thành đoàn căn cứ Thông báo "
                 "triển khai thực hiện.\n") == [(["các tỉnh, thành đoàn"], None)]


def test_a_numbered_heading_ends_what_a_request_above_it_reached():
    body = ("1. Trung ương Đoàn\n"
            "Giao Ban Thanh niên Trường học Trung ương Đoàn là đơn vị thường trực tham mưu tổ "
            "chức ngày hội.\n"
            "2. Trung tâm Hỗ trợ và Phát triển sinh viên Việt Nam\n"
            "Tham gia hỗ trợ các hoạt động trong ngày hội theo phân công của Ban Tổ chức.\n")
    assert found(body) == [(["Ban Thanh niên Trường học Trung ương Đoàn"], None),
                           (["Trung tâm Hỗ trợ và Phát triển sinh viên Việt Nam"], None)]


def test_a_heading_that_lists_bodies_with_semicolons():
    body = ("4. Các tỉnh, thành đoàn trực thuộc; Hội Sinh viên các tỉnh, thành phố\n"
            "- Huy động đông đảo học sinh, sinh viên tham gia ngày hội.\n"
            "- Phụ trách kết nối các câu lạc bộ âm nhạc, nghệ thuật.\n")
    assert found(body) == [(["Các tỉnh, thành đoàn trực thuộc",
                             "Hội Sinh viên các tỉnh, thành phố"], None)] * 2
    # A newspaper presenting a text is no task of the newspaper.
    assert found("Báo Ninh Thuận trân trọng giới thiệu toàn văn Nghị quyết.\n") == []


def test_what_the_issuers_own_bodies_will_do_and_events_they_organise():
    # A contest's rules: the jury and the organisers "sẽ" do their part (no task); a plan's
    # provincial unions organise a "Hội nghị" with a central board (a task, both named).
    assert found("- Hội đồng Ban giám khảo sẽ chấm điểm các đội thi dựa trên các tiêu chí.\n"
                 "- Ban Tổ chức sẽ cộng tổng điểm sau 02 phần thi.\n") == []
    tasks = parse_text(STATE + "- Tỉnh đoàn Hà Giang phối hợp với Ban Tuyên giáo Trung ương "
                       "Đoàn tổ chức Hội nghị tập huấn cho cán bộ tuyên truyền.\n" + CLOSING,
                       "txt").tasks
    assert tasks[0]["assignees"] == ["Tỉnh đoàn Hà Giang", "Ban Tuyên giáo Trung ương Đoàn"]
    assert tasks[0]["text"].startswith("tổ chức Hội nghị tập huấn")
    assert found("4. Học viện Thanh thiếu niên Việt Nam chủ trì tham mưu triển khai Đề án "
                 "đào tạo cán bộ Đoàn.\n") == [(["Học viện Thanh thiếu niên Việt Nam"], None)]


def test_a_decisions_preamble_and_an_office_conveying_an_opinion_give_no_task():
    decision = ("Theo đề nghị tại Tờ trình số 42/TTr-VPUB ngày 06/11/2018 của Chánh Văn phòng\n"
                "Ủy ban nhân dân tỉnh,\n"
                "QUYẾT ĐỊNH:\n"
                "Điều 1. Chánh Văn phòng Ủy ban nhân dân tỉnh chịu trách nhiệm thi hành Quyết "
                "định này.\n")
    assert found(decision) == [(["Chánh Văn phòng Ủy ban nhân dân tỉnh"], None)]
    assert found("Văn phòng Ủy ban nhân dân tỉnh truyền đạt ý kiến chỉ đạo của Phó Chủ tịch "
                 "như sau:\n- Sở Văn hóa, Thể thao và Du lịch kiểm tra, báo cáo.\n") == [
        (["Sở Văn hóa, Thể thao và Du lịch"], None)]


def test_an_unnumbered_heading_body_gives_the_duty_paragraphs_below_it():
    # A province's party review plan as a PDF's text: "X:" alone on its line, its duty below.
    body = ("Đối với các huyện, thành phố, đảng bộ trực thuộc Tỉnh ủy\n"
            "Cấp cơ sở: Hoàn thành trước ngày 05-12-2022.\n"
            "Cấp trên trực tiếp cơ sở (các huyện, thành phố, đảng bộ trực thuộc Tỉnh ủy):\n"
            "Hoàn thành trước ngày 20-12-2022; báo cáo kết quả về Ban Thường vụ Tỉnh ủy.\n"
            "Đối với cấp tỉnh\n")
    assert found(body) == [(["Cấp cơ sở"], "2022-12-05"), ([
        "Cấp trên trực tiếp cơ sở (các huyện, thành phố, đảng bộ trực thuộc Tỉnh ủy)"],
        "2022-12-20")]
