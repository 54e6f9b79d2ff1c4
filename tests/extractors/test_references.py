"""References: each cited number once, with its type, date and issuer; footnotes included."""
from extractors.references import references
from pipeline.readers.txt import read_txt
from pipeline.text import Text
from conftest import CORPUS


def refs(text: str, exclude=()):
    return [f.value for f in references(Text.from_lines([(text, None, "body")], format="txt"),
                                        list(exclude))]


def test_citation_gives_type_date_and_issuer():
    (ref,) = refs("Thực hiện Hướng dẫn số 21-HD/BTCTW ngày 18/10/2019 của Ban Tổ chức Trung ương "
                  "về kiểm điểm, đánh giá")
    assert ref == {"number": "21-HD/BTCTW", "doc_type": "Hướng dẫn", "date": "2019-10-18",
                   "issuer": "Ban Tổ chức Trung ương",
                   "text": "Hướng dẫn số 21-HD/BTCTW ngày 18/10/2019 của Ban Tổ chức Trung ương"}


def test_issuer_and_date_before_the_verb():
    (ref,) = refs("Ngày 04/10/2023, Bộ Chính trị ban hành Quy định số 124-QĐ/TW về việc kiểm điểm")
    assert (ref["date"], ref["issuer"], ref["doc_type"]) == ("2023-10-04", "Bộ Chính trị", "Quy định")


def test_wrapped_citation_and_issuer_with_a_dash():
    (ref,) = refs("Căn cứ Thông tư số\n02/2022/TT-BLĐTBXH ngày 30/3/2022 của Bộ Lao động - Thương "
                  "binh và Xã hội sửa đổi, bổ sung")
    assert ref["number"] == "02/2022/TT-BLĐTBXH"
    assert ref["issuer"] == "Bộ Lao động - Thương binh và Xã hội"


def test_each_number_once_and_not_the_documents_own():
    found = refs("Số 1823-CV/TU\nQuy định số 124-QĐ/TW ... Quy định số 124-QĐ/TW, ngày 04/10/2023 "
                 "của Bộ Chính trị; Hướng dẫn số 04-HD/TU", exclude=["1823-CV/TU"])
    assert [r["number"] for r in found] == ["124-QĐ/TW", "04-HD/TU"]
    assert found[0]["date"] == "2023-10-04"  # a later mention fills what the first lacked


def test_upper_case_title_spelling_gives_way_to_the_body_spelling():
    found = refs("THỰC HIỆN MỘT SỐ ĐIỀU TRONG QUY ĐỊNH SỐ 07-QĐI/TW, NGÀY 28/8/2018\n"
                 "- Căn cứ Quy định số 07-QĐi/TW, ngày 28/8/2018 của Bộ Chính trị;")
    assert [r["number"] for r in found] == ["07-QĐi/TW"]


def test_footnotes_count_in_order_of_first_mention():
    text = read_txt((CORPUS / "seeds" / "002_6e91a7f6b37773c7.txt").read_bytes())
    numbers = [r.value["number"] for r in references(text, ["106-BS/HU"])]
    assert numbers == ["132-QĐ/TW", "21-HD/BTCTW", "4628-CV/VPTW", "4264-CV/BTCTW", "21-KL/TW",
                       "03-KH/TW", "21-NQ/TW", "07-KH/TW"]


def test_laws_cited_by_name_only_are_not_references():
    assert refs("Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;") == []
