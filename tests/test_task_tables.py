"""Plans with task tables, end to end: a labelled text made into a real Word file whose table
is a Word table (docmaker, tables=True), and that file rendered to PDF by LibreOffice, each
parsed as a clerk's file would be; the task list of every form must be the same, one task a
row, with the row's lead, partners, deadline or rhythm."""
from __future__ import annotations

import json

import docmaker
import pytest

from pipeline.parse import parse_file

PLAN = """ỦY BAN NHÂN DÂN
TỈNH LÀO CAI
Số: 45/KH-UBND
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Lào Cai, ngày 10 tháng 3 năm 2025

KẾ HOẠCH
Triển khai chuyển đổi số năm 2025

I. MỤC ĐÍCH, YÊU CẦU
Bảo đảm các nhiệm vụ chuyển đổi số được triển khai đồng bộ, hiệu quả, đúng tiến độ đề ra.
II. NHIỆM VỤ CỤ THỂ
| TT | Nội dung | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian hoàn thành | Sản phẩm |
| I | Hạ tầng số | | | | |
| 1 | Xây dựng kho dữ liệu dùng chung của tỉnh | Sở Khoa học và Công nghệ | Sở Tài chính | Quý II/2025 | Kho dữ liệu |
| 2 | Rà soát thủ tục hành chính trực tuyến | Văn phòng UBND tỉnh | Các sở, ban, ngành | Tháng 6/2025 | Báo cáo |
| 3 | Bồi dưỡng kỹ năng số cho cán bộ, công chức | Sở Nội vụ | UBND các huyện | Thường xuyên | Lớp bồi dưỡng |
| 4 | Tổng kết, báo cáo kết quả thực hiện Kế hoạch | Sở Khoa học và Công nghệ | | Trước 15/12 | Báo cáo |
III. TỔ CHỨC THỰC HIỆN
Giao Sở Khoa học và Công nghệ chủ trì, phối hợp với Sở Tài chính theo dõi, đôn đốc việc thực hiện Kế hoạch này.

Nơi nhận:
- Các sở, ban, ngành;
- Lưu: VT.
TM. ỦY BAN NHÂN DÂN
KT. CHỦ TỊCH
PHÓ CHỦ TỊCH
Nguyễn Văn An
"""
LABEL = {"system": "state", "doc_type": "Kế hoạch", "number": "45/KH-UBND",
         "issuer": "ỦY BAN NHÂN DÂN TỈNH LÀO CAI", "place": "Lào Cai", "date": "2025-03-10",
         "subject": "Triển khai chuyển đổi số năm 2025", "addressees": [],
         "recipients": ["Các sở, ban, ngành", "Lưu: VT"],
         "signer": {"authority": "TM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH", "position": "PHÓ CHỦ TỊCH",
                    "name": "Nguyễn Văn An"}, "copies": []}
ROWS = [
    (["Sở Khoa học và Công nghệ", "Sở Tài chính"], "Sở Khoa học và Công nghệ", "2025-06-30",
     None),
    (["Văn phòng UBND tỉnh", "Các sở, ban, ngành"], "Văn phòng UBND tỉnh", "2025-06-30", None),
    (["Sở Nội vụ", "UBND các huyện"], "Sở Nội vụ", None, "Thường xuyên"),
    (["Sở Khoa học và Công nghệ"], "Sở Khoa học và Công nghệ", "2025-12-15", None),
]


@pytest.fixture(scope="module")
def plan_files(tmp_path_factory):
    folder = tmp_path_factory.mktemp("plan")
    text = folder / "plan.txt"
    text.write_text(PLAN, encoding="utf-8")
    text.with_suffix(".json").write_text(json.dumps(LABEL, ensure_ascii=False), "utf-8")
    docx = docmaker.make_docx(text, folder / "plan.docx", tables=True)
    (pdf,) = docmaker.to_pdf([docx], folder)
    return {"txt": text, "docx": docx, "pdf": pdf}


@pytest.mark.parametrize("fmt", ["txt", "docx", "pdf"])
def test_each_row_is_a_task_in_every_form(plan_files, fmt):
    record = parse_file(plan_files[fmt]).to_dict()
    rows = [t for t in record["tasks"] if t["id"].isdigit()]
    assert [(t["assignees"], t["lead"], t["deadline"], t["recurrence"]) for t in rows] == ROWS
    assert rows[0]["text"] == "Xây dựng kho dữ liệu dùng chung của tỉnh"
    assert rows[0]["support"] == ["Sở Tài chính"] and rows[0]["deadline_text"] == "Quý II/2025"
    # The prose after the table gives its own task; the group row (I. Hạ tầng số) gives none.
    (follow_up,) = [t for t in record["tasks"] if not t["id"].isdigit()]
    assert follow_up["lead"] == "Sở Khoa học và Công nghệ"
    assert sorted({d["date"] for d in record["deadlines"]}) == ["2025-06-30", "2025-12-15"]
    assert record["number"] == "45/KH-UBND" and record["doc_type"] == "Kế hoạch"


def test_the_word_file_holds_a_real_table(plan_files):
    from docx import Document

    # Between the header's and the closing's layout tables.
    (table,) = [t for t in Document(str(plan_files["docx"])).tables if len(t.columns) > 2]
    assert [cell.text for cell in table.rows[0].cells][:3] == ["TT", "Nội dung",
                                                              "Cơ quan chủ trì"]
    assert len(table.rows) == 6
