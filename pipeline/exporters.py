"""Task lists where clerks work: Excel, CSV, calendar, JSON Lines, Markdown.

Each exporter takes TaskRows (pipeline/tasklist.py) and writes one format; the columns are the
same everywhere, with Vietnamese headings.
"""
from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
import math

from pipeline.tasklist import TaskRow

COLUMNS = [  # (heading, width in characters, value); rows come grouped by unit
    ("Đơn vị", 28, lambda r: r.unit),
    # A date where there is one, else the duty's rhythm ("Hằng năm", "thường xuyên").
    ("Hạn", 12, lambda r: dt.date.fromisoformat(r.deadline) if r.deadline else r.when),
    ("Đơn vị thực hiện", 34, lambda r: "; ".join(r.assignees)),
    ("Chủ trì", 22, lambda r: r.lead or ""),
    ("Phối hợp", 22, lambda r: "; ".join(r.support)),
    ("Nội dung công việc", 50, lambda r: r.action),
    ("Văn bản", 28, lambda r: r.document),
    ("Trích yếu", 40, lambda r: r.subject or ""),
    ("Cơ quan ban hành", 24, lambda r: r.issuer or ""),
    ("Câu gốc", 60, lambda r: r.sentence),
    ("Tệp", 24, lambda r: r.source),
]
DEADLINE_COLUMN = [heading for heading, _, _ in COLUMNS].index("Hạn")
ALARM_DAYS = (7, 3, 1)


def _cell(value) -> str:
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    return str(value) if value is not None else ""


def to_csv(rows: list[TaskRow]) -> bytes:
    """UTF-8 with a BOM, so Excel opens the Vietnamese correctly."""
    out = io.StringIO(newline="")
    writer = csv.writer(out)
    writer.writerow([heading for heading, _, _ in COLUMNS])
    for row in rows:
        writer.writerow([_cell(value(row)) for _, _, value in COLUMNS])
    return out.getvalue().encode("utf-8-sig")


def to_xlsx(rows: list[TaskRow]) -> bytes:
    """A real workbook: a bold header row that stays in view, filters, widths, wrapped text,
    deadlines as dates."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    book = Workbook()
    sheet = book.active
    sheet.title = "Nhiệm vụ"
    sheet.append([heading for heading, _, _ in COLUMNS])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDEBF7")
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    for row in rows:
        sheet.append([value(row) for _, _, value in COLUMNS])
    for index, (_, width, _) in enumerate(COLUMNS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    for number, (row, cells) in enumerate(zip(rows, sheet.iter_rows(min_row=2)), start=2):
        for cell in cells:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        cells[DEADLINE_COLUMN].number_format = "DD/MM/YYYY"
        # Wrapped text needs its height set: not every program computes it on opening.
        lines = max(math.ceil(len(_cell(value(row))) / (width * 1.1)) or 1
                    for _, width, value in COLUMNS)
        sheet.row_dimensions[number].height = 15 * min(lines, 30)
    sheet.freeze_panes = "A2"
    # Printed, the list fits the width of a landscape A4 page, its header row on every page.
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = "1:1"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(COLUMNS))}{max(1, len(rows) + 1)}"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _ics_text(value: str) -> str:
    return (value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
            .replace("\n", "\\n"))


def _fold(line: str) -> str:
    """RFC 5545 §3.1: lines of at most 75 octets, continued with a leading space, never
    splitting a UTF-8 character."""
    encoded = line.encode("utf-8")
    if len(encoded) <= 75:
        return line
    parts, current = [], b""
    for char in line:
        piece = char.encode("utf-8")
        if len(current) + len(piece) > (75 if not parts else 74):
            parts.append(current.decode("utf-8"))
            current = b""
        current += piece
    parts.append(current.decode("utf-8"))
    return "\r\n ".join(parts)


def to_ics(rows: list[TaskRow], now: dt.datetime | None = None) -> bytes:
    """An RFC 5545 calendar: an all-day event on each dated task's deadline, with reminders
    7, 3 and 1 days before."""
    stamp = (now or dt.datetime.now(dt.timezone.utc)).strftime("%Y%m%dT%H%M%SZ")
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//vanthu//task list//VI",
             "CALSCALE:GREGORIAN", "METHOD:PUBLISH", "X-WR-CALNAME:Nhiệm vụ văn bản"]
    for row in rows:
        if not row.deadline:
            continue
        day = dt.date.fromisoformat(row.deadline)
        uid = hashlib.sha1(f"{row.source}|{row.number}|{row.task_id}|{row.action}".encode())
        summary = f"{'; '.join(row.assignees)}: {row.action}"
        description = f"{row.document}" + (f" — {row.subject}" if row.subject else "") + \
            f"\n{row.sentence}"
        lines += ["BEGIN:VEVENT", f"UID:{uid.hexdigest()}@vanthu", f"DTSTAMP:{stamp}",
                  f"DTSTART;VALUE=DATE:{day:%Y%m%d}",
                  f"DTEND;VALUE=DATE:{day + dt.timedelta(days=1):%Y%m%d}",
                  f"SUMMARY:{_ics_text(summary)}", f"DESCRIPTION:{_ics_text(description)}",
                  f"CATEGORIES:{_ics_text(row.unit)}", "TRANSP:TRANSPARENT"]
        for days in ALARM_DAYS:
            lines += ["BEGIN:VALARM", "ACTION:DISPLAY", f"TRIGGER:-P{days}D",
                      f"DESCRIPTION:{_ics_text(f'Còn {days} ngày: {summary}')}", "END:VALARM"]
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    return ("\r\n".join(_fold(line) for line in lines) + "\r\n").encode("utf-8")


def to_json(rows: list[TaskRow]) -> bytes:
    return "".join(json.dumps(r.to_dict(), ensure_ascii=False) + "\n" for r in rows).encode()


def to_markdown(rows: list[TaskRow]) -> bytes:
    """A heading for each unit, its tasks below in a table, by deadline."""
    shown = ["Hạn", "Đơn vị thực hiện", "Nội dung công việc", "Văn bản"]
    picks = [c for c in COLUMNS if c[0] in shown]
    escape = lambda text: text.replace("|", "\\|").replace("\n", " ")  # noqa: E731
    lines: list[str] = []
    unit = None
    for row in rows:
        if row.unit != unit or not lines:
            unit = row.unit
            lines += ([""] if lines else []) + [f"## {escape(unit or 'Chưa rõ đơn vị')}", "",
                                                "| " + " | ".join(shown) + " |",
                                                "|" + "---|" * len(shown)]
        lines.append("| " + " | ".join(escape(_cell(value(row)) or "—")
                                       for _, _, value in picks) + " |")
    return ("\n".join(lines) + "\n").encode("utf-8")


FORMATS = {"xlsx": to_xlsx, "csv": to_csv, "ics": to_ics, "json": to_json, "md": to_markdown}
