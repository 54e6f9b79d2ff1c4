"""The outgoing register (corpus/outgoing.py) on both backends: numbers from 1 a year in each
book, none doubled or skipped when two clerks issue at once, the number in the issued .docx,
which passes the checker; only văn thư issue numbers."""
from __future__ import annotations

import datetime as dt
import threading

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
        data = outgoing.document(archive, 2027, "chung", 1)
    text = read_docx(data).content
    assert "Số: 01/UBND-VP" in text and "ngày 02 tháng 01 năm 2027" in text
    assert not check(data, load_profile("nd30"), "1.docx").errors
