"""Theo dõi nhiệm vụ (corpus/tracking.py) on both backends: the tasks of confirmed documents by
due date, recurring ones on their next date, the unit filter of `vanthu tasks --for`,
assigning, marking done, reopening, who may see and change which, and the calendar export."""
from __future__ import annotations

import datetime as dt

import icalendar
import pytest

from corpus import office, open_archive, register, review, tracking
from directive import UNITS, directive
from extractors.deadlines import next_date
from pipeline import exporters
from pipeline.tasklist import Groups, concerns

NO_GROUPS = Groups([], {})  # units matched by their names only

PASSWORD = "một mật khẩu dài"


def confirmed_directive(archive, tmp_path, today, number, secret=False) -> int:
    path = tmp_path / f"cong-van-{number}.txt"
    path.write_text(directive(today, number), encoding="utf-8")
    doc_id = archive.add_file(path).id
    review.confirm(archive, doc_id, values={})
    if secret:
        register.register(archive, doc_id, today, secrecy="Mật")
    return doc_id


def test_following_up_tasks(archive_url, tmp_path):
    today = dt.date.today()
    with open_archive(archive_url) as archive:
        path = tmp_path / "waiting.txt"  # parsed but not confirmed: its tasks are not followed
        path.write_text(directive(today, 300), encoding="utf-8")
        archive.add_file(path)
        plain = confirmed_directive(archive, tmp_path, today, 215)
        secret = confirmed_directive(archive, tmp_path, today, 216, secret=True)
        lead = office.add_user(archive, "ld", "lanh-dao", PASSWORD)
        finance = office.add_user(archive, "cv", "chuyen-vien", PASSWORD, "Sở Tài chính")
        health = office.add_user(archive, "yt", "chuyen-vien", PASSWORD, "sở y tế")

        every = tracking.tasks(archive, lead, today=today, groups=NO_GROUPS)
        assert [t.doc_id for t in every].count(plain) == 4 and len(every) == 8
        assert [t.due for t in every] == sorted(t.due for t in every)
        by_unit = {t.row.assignees[0]: t for t in every if t.doc_id == plain}
        assert set(by_unit) == set(UNITS)
        assert by_unit[UNITS[0]].urgency(today) == "overdue"
        assert by_unit[UNITS[1]].urgency(today) == "soon"
        assert by_unit[UNITS[3]].urgency(today) is None
        monthly = by_unit[UNITS[2]]
        assert (monthly.rule, monthly.recurrence) == ("monthly:15", "ngày 15 hằng tháng")
        assert monthly.due == next_date("monthly:15", today).isoformat() >= today.isoformat()
        # The unit filter is `vanthu tasks --for`'s matching.
        of_finance = tracking.tasks(archive, lead, unit="so tai chinh", today=today, groups=NO_GROUPS)
        assert of_finance and all(concerns(t.row, "so tai chinh", NO_GROUPS) for t in of_finance)
        assert len(of_finance) == 2
        assert [t.key for t in tracking.tasks(archive, lead, status="overdue", today=today,
                                              groups=NO_GROUPS)] == [f"{plain}/1", f"{secret}/1"]

        # A chuyên viên sees their unit's tasks, never a mật document's.
        assert [t.key for t in tracking.tasks(archive, finance, today=today, groups=NO_GROUPS)] == [
            f"{plain}/2"]
        with pytest.raises(office.Forbidden):
            tracking.task(archive, finance, secret, "2", groups=NO_GROUPS)
        with pytest.raises(office.Forbidden):
            tracking.complete(archive, finance, plain, "4", "xong")
        with pytest.raises(office.Forbidden):  # only lãnh đạo assign
            tracking.assign(archive, finance, plain, "2", unit="Sở Tài chính")

        # Lãnh đạo gives the Nội vụ task to Sở Y tế, and the recurring one to cv by name.
        tracking.assign(archive, lead, plain, "1", unit="Sở Y tế")
        tracking.assign(archive, lead, plain, "3", person="cv")
        with pytest.raises(office.ArchiveError):
            tracking.assign(archive, lead, plain, "3", person="không-có")
        assert [t.key for t in tracking.tasks(archive, health, today=today, groups=NO_GROUPS)] == [
            f"{plain}/1", f"{plain}/4"]
        assert [t.key for t in tracking.tasks(archive, finance, today=today, groups=NO_GROUPS)] == [
            f"{plain}/2", f"{plain}/3"]

        done = tracking.complete(archive, finance, plain, "2", "Đã bố trí", "45/STC-NS")
        assert (done.status, done.note, done.reply_number, done.updated_by) == (
            "done", "Đã bố trí", "45/STC-NS", "cv")
        assert done.urgency(today) is None
        assert [t.key for t in tracking.tasks(archive, lead, status="done", today=today,
                                              groups=NO_GROUPS)] == [f"{plain}/2"]
        assert tracking.reopen(archive, finance, plain, "2").status == "open"
        with pytest.raises(office.ArchiveError):
            tracking.task(archive, lead, plain, "99")

        # The calendar of what cv sees: one event a dated task, on its due date.
        mine = tracking.tasks(archive, finance, today=today, groups=NO_GROUPS)
        calendar = icalendar.Calendar.from_ical(
            exporters.to_ics([t.for_export() for t in mine]))
        starts = sorted(e.get("dtstart").dt for e in calendar.walk("VEVENT"))
        assert starts == sorted(dt.date.fromisoformat(t.due) for t in mine)
