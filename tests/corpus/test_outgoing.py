"""The outgoing register (corpus/outgoing.py) on both backends: numbers from 1 a year in each
book, none doubled or skipped when two clerks issue at once, the number in the issued .docx,
which passes the checker; only văn thư issue numbers."""
from __future__ import annotations

import datetime as dt
import threading
import unicodedata

import pytest

from corpus import office, open_archive, outgoing
from generators import form
from generators.checker import check
from generators.profile import load_profile
from pipeline.readers.docx import read_docx

PASSWORD = "một mật khẩu dài"
EACH = 6


def spec(slug="cong-van"):
    return form.spec_from(slug, "state", {f["key"]: f["value"]
                                          for f in form.fields(slug, "state")})


def test_numbers_without_gaps_or_doubles(archive_url):
    with open_archive(archive_url) as archive:
        clerk = office.add_user(archive, "vt", "van-thu", PASSWORD)
        staff = office.add_user(archive, "cv", "chuyen-vien", PASSWORD, "Phòng Tổng hợp")
        with pytest.raises(office.Forbidden):
            outgoing.issue(archive, staff, spec())
    barrier = threading.Barrier(2)
    failures = []

    def clerk_issuing():
        try:
            with open_archive(archive_url) as own:  # each clerk their own connection
                barrier.wait()
                for _ in range(EACH):
                    outgoing.issue(own, clerk, spec(), on=dt.date(2026, 3, 2))
        except Exception as err:  # reported below
            failures.append(err)

    threads = [threading.Thread(target=clerk_issuing) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not failures
    with open_archive(archive_url) as archive:
        rows = outgoing.entries(archive, 2026, "chung")
        assert [r["so"] for r in rows] == list(range(1, 2 * EACH + 1))
        assert len({r["number"] for r in rows}) == 2 * EACH
        # Another book and another year start from 1.
        assert outgoing.issue(archive, clerk, spec("quyet-dinh"), "quyet-dinh",
                              dt.date(2026, 3, 3))["so"] == 1
        first = outgoing.issue(archive, clerk, spec(), on=dt.date(2027, 1, 2))
        assert (first["so"], first["number"], first["issued_by"]) == (1, "1/UBND-VP", "vt")
        name, data = outgoing.document(archive, 2027, "chung", 1)
        assert name == "1-chung-2027.docx" and first["file"] == "/outgoing/2027/chung/1.docx"
    text = read_docx(data).content
    assert "Số: 01/UBND-VP" in text and "ngày 02 tháng 01 năm 2027" in text
    assert not check(data, load_profile("nd30"), "1.docx").errors


def test_copies_of_received_documents(archive_url, tmp_path):
    from conftest import CORPUS
    from generators.copy import copy_request
    from pipeline.parse import parse_file

    source = CORPUS.parents[2] / "examples" / "1823-CV-TU_tinh-uy-quang-ngai.docx"
    text = tmp_path / "a.txt"
    text.write_text(source.with_suffix(".docx").name, encoding="utf-8")
    # The place typed with combining tone marks, as some keyboards send it: printed NFC.
    request = copy_request("sao-y", "VĂN PHÒNG TỈNH ỦY", "…/SY-VPTU",
                           unicodedata.normalize("NFD", "Quảng  Ngãi"),
                           dt.date(2026, 3, 2), "CHÁNH VĂN PHÒNG", "Lê Văn Bình",
                           ["Ban Tổ chức Tỉnh ủy", "Lưu Văn phòng Tỉnh ủy"],
                           authority="T/L BAN THƯỜNG VỤ")
    with open_archive(archive_url) as archive:
        clerk = office.add_user(archive, "vt", "van-thu", PASSWORD)
        leader = office.add_user(archive, "ld", "lanh-dao", PASSWORD)
        doc_id = archive.add_file(source).id
        with pytest.raises(office.Forbidden):
            outgoing.copy_of(archive, leader, doc_id, request)
        with pytest.raises(office.Forbidden):
            outgoing.issue_copy(archive, leader, doc_id, request)
        name, data = outgoing.copy_of(archive, clerk, doc_id, request)
        assert name == "sao-y-1823-CV-TU_tinh-uy-quang-ngai.docx"
        assert outgoing.entries(archive) == []  # a copy downloaded is in no book

        first = outgoing.issue_copy(archive, clerk, doc_id, request, on=dt.date(2026, 3, 2))
        second = outgoing.issue_copy(archive, clerk, doc_id, request, on=dt.date(2026, 3, 3))
        assert [(e["book"], e["so"], e["number"], e["doc_type"]) for e in (first, second)] == [
            ("ban-sao", 1, "1/SY-VPTU", "Bản sao y"), ("ban-sao", 2, "2/SY-VPTU", "Bản sao y")]
        assert first["file"] == "/outgoing/2026/ban-sao/1.docx"
        name, issued = outgoing.document(archive, 2026, "ban-sao", 2)
        # A .txt cannot be copied: refused before a number is taken.
        unreadable = archive.add_file(text).id
        with pytest.raises(Exception, match=".docx and .pdf"):
            outgoing.issue_copy(archive, clerk, unreadable, request)
        assert len(outgoing.entries(archive)) == 2
    (tmp_path / name).write_bytes(issued)
    copied = parse_file(tmp_path / name).copies[0]
    assert (copied["kind"], copied["number"], copied["date"]) == ("Sao y", "02/SY-VPTU",
                                                                 "2026-03-03")
    assert copied["signer"]["name"] == "Lê Văn Bình"
    plain = read_docx(data).content  # the number as the clerk typed it, no register's
    assert "Số …/SY-VPTU" in plain and "SAO Y BẢN CHÍNH" in plain and "Lê Văn Bình" in plain
    assert "Quảng Ngãi, ngày 02 tháng 3 năm 2026" in plain
