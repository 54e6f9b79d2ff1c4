"""Số và ký hiệu: the forms real texts write, and the damage they carry."""
import pytest

from extractors.numbers import find_numbers, same_number


@pytest.mark.parametrize("text, number, system, doc_type, repaired", [
    ("Số 1823-CV/TU", "1823-CV/TU", "party", "Công văn", False),
    ("Kế hoạch số 72-KH/TU về kiểm điểm", "72-KH/TU", "party", "Kế hoạch", False),
    ("Số: 73/UBND-TH Hà Nội, ngày", "73/UBND-TH", "state", "Công văn", False),
    ("Số: 454/UBND-NCTH Vị Thanh, ngày 6 tháng 4 năm 2011", "454/UBND-NCTH", "state", "Công văn", False),
    ("06/2024/QĐ-UBND", "06/2024/QĐ-UBND", "state", "Quyết định", False),
    ("Nghị quyết số: 653/2019/UBTVQH14", "653/2019/UBTVQH14", "state", None, False),
    ("theo Quy định số 124QĐ/TW, ngày 04/10/2023", "124-QĐ/TW", "party", None, True),
    ("Kết luận 12- KL/T W của", "12-KL/TW", "party", "Kết luận", True),
    ("Số:1234 /UBND-VX", "1234/UBND-VX", "state", "Công văn", True),
    ("Chỉ thị số 04 -CT/TU về việc", "04-CT/TU", "party", "Chỉ thị", True),
    ("Quy định số 07-QĐi/TW, ngày 28/8/2018", "07-QĐi/TW", "party", "Quy định", False),
    ("Số 106-BS/HU", "106-BS/HU", "party", "Sao lục", False),
    ("Thông tư số 07/2021/TT-BLĐTBXH ngày", "07/2021/TT-BLĐTBXH", "state", "Thông tư", False),
    ("Chỉ thị số 11/CT-CTUBND về việc", "11/CT-CTUBND", "state", "Chỉ thị", False),
    ("Công văn số 15-CV/BTGĐUK ngày 22/02/2021", "15-CV/BTGĐUK", "party", "Công văn", False),
    ("Chỉ thị số 48\n-CT/TW, ngày 09/12/2020", "48-CT/TW", "party", "Chỉ thị", True),
])
def test_numbers_in_real_forms(text, number, system, doc_type, repaired):
    found = find_numbers(text)
    assert [n.text for n in found] == [number]
    assert found[0].system == system
    assert found[0].doc_type == doc_type
    assert found[0].repaired is repaired


@pytest.mark.parametrize("text", [
    "ngày 22/02/2021 của", "16/7/20 21", "V/v tiếp tục", "COVID-19", "tỷ lệ 1/2 số hộ",
    "giai đoạn 2019 - 2021", "8h30p ngày 06/11/2018", "Điều 3, khoản 2",
])
def test_dates_and_counts_are_not_numbers(text):
    assert find_numbers(text) == []


def test_a_spaced_code_is_rebuilt_only_when_it_is_a_known_one():
    assert [n.text for n in find_numbers("Số 12/UBND-VP V/v báo cáo")] == ["12/UBND-VP"]


def test_spans_point_at_the_raw_text():
    text = "Thực hiện Công văn số 4628-CV/VPTW ngày 29/8/2022"
    number = find_numbers(text, offset=100)[0]
    assert text[number.start - 100:number.end - 100] == "4628-CV/VPTW"


def test_same_number_ignores_spacing_and_case():
    assert same_number("124-QĐ/TW", "124 - qđ/tw")
    assert not same_number("124-QĐ/TW", "125-QĐ/TW")


@pytest.mark.parametrize("raw,repaired", [
    ("Số: 1823-GV/TU", "1823-CV/TU"),      # G read for C
    ("Quy định số 07-QĐ1/TW", "07-QĐI/TW"),  # 1 for I: a misread beats a stray character
    ("Nghị quyết số 10-NÑQ/TU", "10-NQ/TU"),  # a stray mark OCR added
    ("Chỉ thị số 12-CT/HƯ", "12-CT/HU"),    # Ư for U
    ("Công văn số 106-CV/ĐĐU", "106-CV/ĐU"),  # a letter read twice
    ("Nghị quyết số 02-NQ/TUỦ", "02-NQ/TU"),
])
def test_ocr_damaged_codes_are_repaired_with_a_flag(raw, repaired):
    [found] = find_numbers(raw)
    assert (found.text, found.repaired) == (repaired, True)


@pytest.mark.parametrize("number", [
    "345/SYT-NVY",      # an issuer code the vocabulary lacks stays, though SY is Sao y
    "12/TB-CCT",        # a doubled letter in a code the vocabulary lacks stays (CT: Chỉ thị)
    "445-KL/TƯ",        # TƯ is how some write TW
    "07-QĐi/TW", "454/UBND-NCTH", "06/2024/QĐ-UBND", "12/KH-UBND", "88/QĐ-BNV",
])
def test_codes_that_are_not_damaged_stay(number):
    [found] = find_numbers(f"Số: {number}")
    assert (found.text, found.repaired) == (number, False)
