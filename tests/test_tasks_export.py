"""`vanthu tasks`: the list, the filter by unit, and each export read back by a real reader
(LibreOffice for the workbook, the icalendar library for the calendar)."""
from __future__ import annotations

import csv
import datetime as dt
import io
import json
import subprocess
import tempfile

import icalendar
import openpyxl
import pytest

import docmaker
from conftest import CORPUS
from pipeline.exporters import to_csv, to_ics, to_markdown, to_xlsx
from pipeline.parse import parse_file
from pipeline.tasklist import concerns, load_groups, name_key, rows_of
from test_cli import vanthu

SEEDS = sorted((CORPUS / "seeds").glob("*.txt"))


@pytest.fixture(scope="module")
def rows():
    return rows_of([parse_file(path).to_dict() for path in SEEDS])


def test_rows_grouped_by_unit_each_by_deadline_with_their_source(rows):
    units = [row.unit for row in rows]
    assert [name_key(u) for u in units] == sorted(name_key(u) for u in units)
    for unit in set(units):
        mine = [r.deadline for r in rows if r.unit == unit]
        dated = [d for d in mine if d]
        assert mine == sorted(dated) + [None] * (len(mine) - len(dated))  # undated last
    first = next(r for r in rows if r.deadline == "2022-12-05")
    assert first.assignees == ["Cấp cơ sở"] and first.number == "72-KH/TU"
    assert first.document == "Kế hoạch số 72-KH/TU ngày 03/11/2022"
    assert "trước ngày 05-12-2022" in first.sentence
    assert first.when == "05/12/2022"


def test_a_duty_without_a_date_shows_its_rhythm():
    plan = {"doc_type": "Kế hoạch", "number": "45/KH-UBND", "date": "2025-03-10",
            "tasks": [{"assignees": ["Sở Nội vụ"], "text": "Bồi dưỡng kỹ năng số",
                       "deadline": None, "recurrence": "Hằng năm"},
                      {"assignees": ["Sở Nội vụ"], "text": "Theo dõi", "deadline": None},
                      {"assignees": ["Sở Nội vụ"], "text": "Báo cáo", "deadline": "2025-06-30"}]}
    listed = rows_of([plan])
    assert [r.when for r in listed] == ["30/06/2025", "Hằng năm", "thường xuyên"]
    assert "| Hằng năm | Sở Nội vụ | Bồi dưỡng kỹ năng số |" in to_markdown(listed).decode()


def test_a_unit_found_however_it_is_written(tmp_path):
    groups = load_groups()
    record = {"tasks": [{"assignees": ["STC", "UBND các huyện"], "text": "Bố trí kinh phí"},
                        {"assignees": ["Các sở, ban, ngành tỉnh"], "text": "Rà soát"},
                        {"assignees": ["Sở Tài chính"], "text": "Thẩm định"},
                        {"assignees": ["Công an tỉnh"], "text": "Tuần tra"}]}
    listed = rows_of([record])
    for unit in ("Sở Tài chính", "STC", "sở tài chính", "SO TAI CHINH"):
        assert sorted(r.action for r in listed if concerns(r, unit, groups)) == [
            "Bố trí kinh phí", "Rà soát", "Thẩm định"]
    assert [r.action for r in listed if concerns(r, "Ủy ban nhân dân huyện Bảo Thắng",
                                                 groups)] == ["Bố trí kinh phí"]
    custom = tmp_path / "groups.toml"
    custom.write_text('[abbreviations]\nCAT = "Công an tỉnh"\n', encoding="utf-8")
    assert [r.action for r in listed if concerns(r, "CAT", load_groups(custom))] == ["Tuần tra"]


def test_for_unit_includes_the_groups_it_belongs_to(rows):
    groups = load_groups()
    mine = [r for r in rows if concerns(r, "Ban Tổ chức Tỉnh ủy", groups)]
    assert any(r.assignees == ["Ban Tổ chức Tỉnh ủy"] for r in mine)
    # 001 asks "Các cơ quan chuyên trách tham mưu, giúp việc Tỉnh ủy", a group Ban Tổ chức is in
    assert any(r.deadline == "2023-10-31" for r in mine)
    assert not any(r.assignees == ["Cấp cơ sở"] for r in mine)
    department = [r for r in rows if concerns(r, "Sở Nội vụ", groups)]
    assert any(r.deadline == "2023-10-31" for r in department)  # "Các sở, ban, ngành, …"
    assert not any(r.assignees in (["Cấp cơ sở"], ["Ban Tổ chức Tỉnh ủy"]) for r in department)


def test_groups_file_is_the_users_to_edit(tmp_path, rows):
    custom = tmp_path / "groups.toml"
    custom.write_text('[[group]]\nnames = ["cấp cơ sở"]\nmembers = ["Đảng ủy xã *"]\n',
                      encoding="utf-8")
    groups = load_groups(custom)
    assert [r.assignees for r in rows if concerns(r, "Đảng ủy xã Phổ Thạnh", groups)][:1] == [
        ["Cấp cơ sở"]]


def test_workbook_opens_in_libreoffice(rows, tmp_path):
    path = tmp_path / "tasks.xlsx"
    path.write_bytes(to_xlsx(rows))
    sheet = openpyxl.load_workbook(path).active
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref.startswith("A1:")
    assert [c.value for c in sheet[1]][:2] == ["Đơn vị", "Hạn"]
    for row, cells in zip(rows, sheet.iter_rows(min_row=2)):
        assert cells[0].value == row.unit
        assert isinstance(cells[1].value, dt.datetime if row.deadline else str)
        assert cells[1].number_format == "DD/MM/YYYY"
    assert sheet["A1"].font.bold and sheet.column_dimensions["F"].width == 50
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run([docmaker.soffice(), f"-env:UserInstallation=file://{profile}",
                        "--headless", "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76",
                        "--outdir", str(tmp_path), str(path)], check=True, capture_output=True,
                       timeout=300)
    converted = list(csv.reader(io.StringIO((tmp_path / "tasks.csv").read_text("utf-8"))))
    ours = list(csv.reader(io.StringIO(to_csv(rows).decode("utf-8-sig"))))
    assert converted[0] == ours[0]
    assert len(converted) == len(ours) == len(rows) + 1
    for mine, theirs in zip(ours[1:], converted[1:], strict=True):
        # LibreOffice shows the date in the cell's format, as the CSV writes it.
        assert theirs == mine


def test_csv_has_a_bom_for_excel(rows):
    data = to_csv(rows)
    assert data.startswith(b"\xef\xbb\xbf")
    header = data.decode("utf-8-sig").splitlines()[0]
    assert header.startswith("Đơn vị,Hạn,Đơn vị thực hiện")


def test_calendar_is_valid_rfc5545_with_reminders(rows):
    data = to_ics(rows, now=dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc))
    assert all(len(line.encode()) <= 75 for line in data.decode().split("\r\n"))
    calendar = icalendar.Calendar.from_ical(data)
    events = [c for c in calendar.walk("VEVENT")]
    assert len(events) == len([r for r in rows if r.deadline])
    first = next(e for e in events if e.decoded("DTSTART") == dt.date(2022, 12, 5))
    assert str(first["CATEGORIES"].cats[0]) == "Cấp cơ sở"
    assert first.decoded("DTEND") == dt.date(2022, 12, 6)
    assert "Cấp cơ sở" in str(first["SUMMARY"])
    assert "Kế hoạch số 72-KH/TU" in str(first["DESCRIPTION"])
    triggers = sorted(alarm.decoded("TRIGGER") for alarm in first.walk("VALARM"))
    assert triggers == [dt.timedelta(days=-7), dt.timedelta(days=-3), dt.timedelta(days=-1)]
    assert len({str(e["UID"]) for e in events}) == len(events)


def test_markdown_table(rows):
    text = to_markdown(rows).decode()
    lines = text.splitlines()
    assert lines[0] == f"## {rows[0].unit}"
    assert lines[2] == "| Hạn | Đơn vị thực hiện | Nội dung công việc | Văn bản |"
    assert [line[3:] for line in lines if line.startswith("## ")] == list(
        dict.fromkeys(r.unit for r in rows))  # each unit once, in the list's order
    assert "## Cấp cơ sở\n\n| Hạn | Đơn vị thực hiện | Nội dung công việc | Văn bản |\n" \
           "|---|---|---|---|\n| 05/12/2022 | Cấp cơ sở |" in text


def test_command_reads_documents_and_saved_records(tmp_path):
    records = tmp_path / "records.jsonl"
    assert vanthu("parse", "--json", "-o", str(records), *map(str, SEEDS)).returncode == 0
    from_records = vanthu("tasks", "--format", "json", str(records))
    from_files = vanthu("tasks", "--format", "json", *map(str, SEEDS))
    assert from_records.returncode == from_files.returncode == 0
    assert from_records.stdout == from_files.stdout
    listed = [json.loads(line) for line in from_records.stdout.splitlines()]
    first = next(t for t in listed if t["deadline"] == "2022-12-05")
    assert first["document"]["number"] == "72-KH/TU" and first["unit"] == "Cấp cơ sở"
    out = tmp_path / "ban-to-chuc.xlsx"
    result = vanthu("tasks", "--for", "Ban Tổ chức Tỉnh ủy", "-o", str(out), *map(str, SEEDS))
    assert result.returncode == 0 and "task(s) for Ban Tổ chức Tỉnh ủy" in result.stderr
    assert openpyxl.load_workbook(out).active.max_row > 1
    assert vanthu("tasks", "--format", "xlsx", str(SEEDS[0])).returncode == 2
