"""OCR-read dates and numbers checked against what they can be, repaired only with the
confusions OCR really makes, flagged where the clerk must look."""
import datetime as dt

import pytest

from extractors.plausibility import as_digits, check_date, cited_dates, number_doubt
from pipeline.parse import extract
from pipeline.text import Text

TODAY = dt.date(2026, 12, 2)


@pytest.mark.parametrize("printed, cited, date", [
    ("Huế, ngày 05 tháng 62 năm 2024", [], "2024-02-05"),          # month 62: 6 for 0
    ("Quảng Ngãi, ngày 18 tháng 10 năm 2623", [dt.date(2023, 9, 1)], "2023-10-18"),
    ("Hà Nội, ngày 22 tháng 1] năm 2024", [], "2024-11-22"),       # "]" read for 1
    ("Sóc Trăng, ngày 3O tháng 6 năm 2O25", [], "2025-06-30"),     # O for 0
    ("Hà Nội, thứ Hai, ngày 18 tháng 3 năm 2026", [], "2026-03-16"),  # the weekday decides
])
def test_dates_that_cannot_be_are_repaired_when_one_reading_alone_fits(printed, cited, date):
    checked = check_date(printed, cited, TODAY)
    assert checked.date == date and checked.repaired
    assert "đã sửa thành" in checked.warning


@pytest.mark.parametrize("printed", [
    "Hà Nội, ngày 1} tháng h năm 2026",   # hand-written day and month
    "Kon Tum, ngày 3Ù tháng 4Ä năm 4034",
    "Huế, ngày 30 tháng 02 năm 2026",      # no such day, and no single repair gives one
])
def test_dates_no_single_repair_explains_are_flagged_not_guessed(printed):
    checked = check_date(printed, [], TODAY)
    assert checked.date is None and "cần kiểm tra bằng tay" in checked.warning


def test_a_real_date_before_a_cited_document_is_kept_and_flagged():
    checked = check_date("Huế, ngày 15 tháng 3 năm 2024", [dt.date(2024, 5, 1)], TODAY)
    assert checked.date == "2024-03-15" and not checked.repaired
    assert "01/05/2024" in checked.warning


def test_plausible_and_blank_dates_pass_untouched():
    assert check_date("Huế, ngày 15 tháng 3 năm 2024", [dt.date(2024, 3, 1)], TODAY) == \
        check_date("Huế, ngày 15 tháng 3 năm 2024", [], TODAY)
    assert check_date("Huế, ngày 15 tháng 3 năm 2024", [], TODAY).warning is None
    assert check_date("Lào Cai, ngày      tháng 5 năm 2026", [], TODAY) is None
    assert check_date("Lào Cai, ngày ..... tháng ..... năm 2026", [], TODAY) is None


def test_digits_and_numbers():
    assert as_digits("1]") == "11" and as_digits("2O2S") == "2025" and as_digits("h") is None
    assert number_doubt("Á3/KH-DCT") and number_doubt("2 6 95©T-ATMT")
    assert number_doubt("12/UBND-VP") is None and number_doubt("     /TTr-SCT") is None
    assert cited_dates("theo Công văn số 12/UBND-VP ngày 05/3/2024 và Kế hoạch số 7-KH/TU "
                       "ngày 1 tháng 2 năm 2025, trước ngày 30/6/2026") == [
        dt.date(2024, 3, 5), dt.date(2025, 2, 1)]


def _ocr_text(content: str) -> Text:
    text = Text.from_lines([(line, 1, "body") for line in content.split("\n")], format="pdf")
    text.ocr = True
    return text


STATE = ("ỦY BAN NHÂN DÂN\nTỈNH SÓC TRĂNG\nSố: 45/UBND-VP\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
         "Độc lập - Tự do - Hạnh phúc\nSóc Trăng, ngày {date}\n\nKính gửi: Sở Tài chính\n\n"
         "Thực hiện Công văn số 12/STC-NS ngày 05/3/2025 của Sở Tài chính, Ủy ban nhân dân "
         "tỉnh đề nghị Sở Tài chính báo cáo trước ngày 30/6/2025.")
PARTY = ("TỈNH ỦY QUẢNG NGÃI\n*\nSố {number}\nĐẢNG CỘNG SẢN VIỆT NAM\n"
         "Quảng Ngãi, ngày {date}\n\nKẾ HOẠCH\nthực hiện Chỉ thị số 35-CT/TW ngày 14/6/2024\n\n"
         "Các cấp ủy, tổ chức đảng triển khai thực hiện nghiêm túc kế hoạch này.")


@pytest.mark.parametrize("layout, fields, date, repaired", [
    (STATE, {"date": "12 tháng 64 năm 2025"}, "2025-04-12", True),
    (STATE, {"date": "12 tháng 62 năm 2025"}, None, False),  # 12/02 is before the cited 05/3
    (STATE, {"date": "12 tháng 04 năm 2625"}, "2025-04-12", True),
    (STATE, {"date": "12 tháng 4 năm 2025"}, "2025-04-12", False),
    (PARTY, {"number": "07-KH/TU", "date": "1} tháng h năm 2025"}, None, False),
    (PARTY, {"number": "07-KH/TU", "date": "08 tháng 7 năm 2O25"}, "2025-07-08", True),
])
def test_ocr_records_carry_checked_dates(layout, fields, date, repaired):
    record = extract(_ocr_text(layout.format(**{"number": "", **fields})), {"path": "scan"})
    assert record.date == date
    said = [w for w in record.warnings if w.startswith("Ngày ban hành")]
    assert bool(said) == (date is None or repaired)


def test_the_same_text_not_from_ocr_is_left_as_printed():
    text = Text.from_lines([(line, 1, "body") for line in
                            STATE.format(date="12 tháng 04 năm 2625").split("\n")], format="pdf")
    record = extract(text, {"path": "pdf"})
    assert record.date is None and not any("đã sửa" in w for w in record.warnings)


def test_a_hand_written_number_is_flagged():
    record = extract(_ocr_text(PARTY.format(number="Á3-KH/TU", date="08 tháng 7 năm 2025")),
                     {"path": "scan"})
    assert record.number is None
    assert any(w.startswith("Số văn bản đọc được") for w in record.warnings)
