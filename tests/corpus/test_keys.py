"""The keys both backends index and query by: folded and exact words, numbers, snippets."""
import unicodedata

import pytest

from corpus.keys import exact_text, looks_like_number, number_key, parse_query, snippet
from pipeline.text import fold


@pytest.mark.parametrize("written", ["124-QĐ/TW", "124 QĐ/TW", "124 - qđ / tw", "124-QD/TW",
                                     "124-QĐ/TƯ", unicodedata.normalize("NFD", "124-QĐ/TW")])
def test_number_key_ignores_spacing_case_diacritics_and_form(written):
    assert number_key(written) == "/124/qd/tw/"


def test_number_key_drops_leading_zeros_and_keeps_token_bounds():
    assert number_key("06/2024/QĐ-UBND") == number_key("6/2024/qđ-ubnd") == "/6/2024/qd/ubnd/"
    # Partial numbers are matched as whole tokens inside the slashes.
    assert number_key("cv/tu") in number_key("1823-CV/TU")
    assert number_key("182") not in number_key("1823-CV/TU")


def test_central_tu_is_tw_but_tinh_uy_tu_is_not():
    assert number_key("445-KL/TƯ") == number_key("445-KL/TW")
    assert number_key("445-KL/TU") != number_key("445-KL/TW")


@pytest.mark.parametrize("query,expected", [
    ("1823", True), ("1823-CV/TU", True), ("cv/tu", True), ("124 QĐ/TW", True),
    ("06/2024/QĐ-UBND", True), ("kiểm điểm", False), ("công văn về kiểm điểm năm 2023", False),
    ('"1823"', False)])
def test_looks_like_number(query, expected):
    assert looks_like_number(query) is expected


def test_fold_is_the_same_for_every_spelling():
    spellings = ["Hoà", "hòa", "HOÀ", unicodedata.normalize("NFD", "hoà"), "hoa"]
    assert {fold(s) for s in spellings} == {"hoa"}
    assert fold("Đảng ủy") == "dang uy"


def test_exact_text_unifies_tone_placement_only():
    assert exact_text("Uỷ ban Hoà") == exact_text("ủy ban hòa") == "ủy ban hòa"
    assert exact_text(unicodedata.normalize("NFD", "Khoá")) == "khóa"
    assert exact_text("hóa") != exact_text("hòa")


def test_parse_query_words_and_phrases():
    query = parse_query('"kiểm điểm" tập thể "Tỉnh uỷ" 2023')
    assert query.words == ["tập", "thể", "2023"]
    assert query.phrases == [["kiểm", "điểm"], ["tỉnh", "ủy"]]
    assert query.has_diacritics
    assert not parse_query("kiem diem", fold).has_diacritics
    # A quote left open still counts as a phrase; punctuation is not a word.
    assert parse_query('"đánh giá xếp', fold).phrases == [["danh", "gia", "xep"]]
    assert parse_query("-- / ;").is_empty()


def test_snippet_marks_words_in_the_documents_own_spelling():
    text = ("Ban Thường vụ Tỉnh uỷ yêu cầu các cấp ủy tổ chức kiểm điểm, đánh giá, xếp loại "
            "chất lượng năm 2023 theo Quy định số 124-QĐ/TW.")
    marked = snippet(text, parse_query("kiem diem tinh uy", fold))
    assert "[Tỉnh] [uỷ]" in marked and "[kiểm] [điểm]" in marked and "cấp [ủy]" in marked
    assert snippet(text, parse_query("124 qd tw", fold)).endswith("[124]-[QĐ]/[TW].")


def test_snippet_windows_a_long_text_around_the_matches():
    text = "mở đầu " * 100 + "nội dung kiểm điểm tập thể" + " kết thúc" * 100
    marked = snippet(text, parse_query("kiểm điểm"), width=80)
    assert marked.startswith("…") and marked.endswith("…")
    assert "[kiểm] [điểm]" in marked and len(marked) < 110
