"""Dates in every written form, and the "địa danh, ngày … tháng … năm …" line."""
import pytest

from extractors.dates import find_dates, find_place_date


@pytest.mark.parametrize("text, expected", [
    ("ngày 18 tháng 10 năm 2023", "2023-10-18"),
    ("trước ngày 31/10/2023 để", "2023-10-31"),
    ("trước ngày 05-12-2022;", "2022-12-05"),
    ("Ngày 29 tháng 12/2020  Ban Thường vụ", "2020-12-29"),
    ("ngày 25\ntháng 01 năm 2024", "2024-01-25"),
    ("ngày 16.4.2020", "2020-04-16"),
])
def test_full_dates(text, expected):
    assert [d.iso() for d in find_dates(text)] == [expected]


@pytest.mark.parametrize("text, month, day", [
    ("Ngày 24/2, UBND tỉnh ban hành", 2, 24),
    ("ngày 7 tháng 2 để", 2, 7),
])
def test_dates_without_year_take_the_year_given(text, month, day):
    (found,) = find_dates(text)
    assert found.year is None and (found.month, found.day) == (month, day)
    assert found.iso(2021) == f"2021-{month:02d}-{day:02d}"
    assert find_dates(text, short=False) == []


@pytest.mark.parametrize("text", ["16/7/20 21", "31/02/2023", "năm 2019 - 2021", "11:02"])
def test_impossible_or_partial_dates_are_ignored(text):
    assert find_dates(text, short=False) == []


@pytest.mark.parametrize("line, place, date", [
    ("Quảng Ngãi, ngày 18 tháng 10 năm 2023", "Quảng Ngãi", "2023-10-18"),
    ("Số: 454/UBND-NCTH Vị Thanh, ngày 6 tháng 4 năm 2011", "Vị Thanh", "2011-04-06"),
    ("Sóc Trăng, ngày\n27 tháng 09 năm 2022", "Sóc Trăng", "2022-09-27"),
    ("Thừa Thiên Huế, ngày 13 tháng 5 năm 2022", "Thừa Thiên Huế", "2022-05-13"),
    ("Hà Nội, thứ Hai, ngày 5 tháng 3 năm 2024", "Hà Nội", "2024-03-05"),
    ("TP. Hồ Chí Minh, ngày 01/02/2024", "TP. Hồ Chí Minh", "2024-02-01"),
    ("Phan Rang - Tháp Chàm, ngày 1 tháng 2 năm 2020", "Phan Rang - Tháp Chàm", "2020-02-01"),
])
def test_place_and_date_line(line, place, date):
    found = find_place_date(line)
    assert (found.place, found.date) == (place, date)
    assert line[found.place_span[0]:found.place_span[1]] == place


def test_a_date_in_running_text_is_not_a_place_date_line():
    assert find_place_date("hoàn thành trước ngày 31/10/2023 để tiếp thu") is None
