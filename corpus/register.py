"""The incoming register (sổ đăng ký văn bản đến, Nghị định 30/2020/NĐ-CP, Phụ lục IV): each
received document gets the next số đến of the year it arrives in, from 1, with no gap and no
double even when two clerks register at once (one writer at a time takes a number, and the
table's keys refuse a double), on SQLite and PostgreSQL alike.

    entry = register.register(archive, 12, recipient="Phòng Tổng hợp")
    rows = register.entries(archive, year=2026)
    data = register.to_xlsx(rows, "Sổ đăng ký văn bản đến năm 2026")
"""
from __future__ import annotations

import io
from copy import copy
import json
from datetime import date

from corpus.archive import Archive, ArchiveError
from corpus.review import settings
from pipeline.summary import display_date

URGENCY = ("", "Khẩn", "Thượng khẩn", "Hỏa tốc")
SECRECY = ("", "Mật", "Tối mật", "Tuyệt mật")


def columns() -> list[dict]:
    """The register's columns as the paper book prints them (pipeline/data/review.toml)."""
    return settings()["register"]


def _row(record: dict) -> dict:
    """The register's columns that the document's record fills."""
    issuer = record.get("issuer") or {}
    kind_subject = " ".join(p for p in (record.get("doc_type"), record.get("subject")) if p)
    if record.get("doc_type") and record.get("subject"):
        kind_subject = f"{record['doc_type']}: {record['subject']}"
    return {"tac_gia": issuer.get("name"), "so_ky_hieu": record.get("number"),
            "ngay_thang": record.get("date"), "ten_loai_trich_yeu": kind_subject or None}


def _choice(value: str | None, allowed: tuple[str, ...], what: str) -> str | None:
    value = (value or "").strip()
    if value not in allowed:
        raise ArchiveError(f"{what}: '{value}' is not one of {', '.join(a for a in allowed if a)}")
    return value or None


def register(archive: Archive, doc_id: int, received: date | str | None = None,
             recipient: str | None = None, note: str | None = None,
             secrecy: str | None = None, urgency: str | None = None) -> dict:
    """Enter a stored document in the register (its confirmed record, else the parser's) and
    return its entry; a document entered already keeps its number."""
    received = date.fromisoformat(str(received)) if received else date.today()
    secrecy = _choice(secrecy, SECRECY, "độ mật")
    urgency = _choice(urgency, URGENCY, "độ khẩn")
    with archive.transaction():
        archive._serialize("register")
        existing = entry(archive, doc_id)
        if existing:
            return existing
        record = archive.record(doc_id)  # ArchiveError when there is no such document
        year = received.year
        number = archive._rows("SELECT coalesce(max(so_den), 0) + 1 FROM register "
                               "WHERE year = ?", (year,))[0][0]
        fields = {**_row(record), "don_vi_nhan": (recipient or "").strip() or None,
                  "ky_nhan": None, "ghi_chu": (note or "").strip() or None,
                  "do_mat": secrecy, "do_khan": urgency}
        archive._execute("INSERT INTO register (year, so_den, doc_id, ngay_den, entry) "
                         "VALUES (?, ?, ?, ?, ?)", (year, number, doc_id, received.isoformat(),
                                                    json.dumps(fields, ensure_ascii=False)))
    return entry(archive, doc_id)


def _entry(year, so_den, doc_id, ngay_den, fields) -> dict:
    return {"so_den": so_den, "ngay_den": ngay_den, "year": year, "id": doc_id,
            **json.loads(fields)}


def entry(archive: Archive, doc_id: int) -> dict | None:
    rows = archive._rows("SELECT year, so_den, doc_id, ngay_den, entry FROM register "
                         "WHERE doc_id = ?", (doc_id,))
    return _entry(*rows[0]) if rows else None


def entries(archive: Archive, year: int | None = None, date_from: str | None = None,
            date_to: str | None = None) -> list[dict]:
    """The register's rows in order of số đến, of a year and/or arrival dates (ISO, inclusive)."""
    clauses, values = [], []
    if year:
        clauses.append("year = ?")
        values.append(int(year))
    if date_from:
        clauses.append("ngay_den >= ?")
        values.append(date_from)
    if date_to:
        clauses.append("ngay_den <= ?")
        values.append(date_to)
    where = " WHERE " + " AND ".join(clauses) if clauses else ""
    return [_entry(*row) for row in archive._rows(
        f"SELECT year, so_den, doc_id, ngay_den, entry FROM register{where} "
        f"ORDER BY year, so_den", values)]


def years(archive: Archive) -> list[int]:
    return [row[0] for row in archive._rows("SELECT DISTINCT year FROM register ORDER BY 1")]


def cell(row: dict, key: str) -> str:
    """A column's value as the book writes it (dates as dd/mm/yyyy)."""
    value = row.get(key)
    if key in ("ngay_den", "ngay_thang"):
        return display_date(value) if value else ""
    return "" if value is None else str(value)


def to_xlsx(rows: list[dict], title: str) -> bytes:
    """The register as a workbook laid out like the paper book: its title, the column
    headings, their numbers (1), (2), … and a row a document, in số đến order."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Border, Font, Side
    from openpyxl.utils import get_column_letter

    book = Workbook(write_only=True)  # streams rows: thousands in well under a second
    sheet = book.create_sheet("Sổ văn bản đến")
    cols = columns()
    for number, column in enumerate(cols, start=1):
        sheet.column_dimensions[get_column_letter(number)].width = column["width"]
    sheet.freeze_panes = "A4"
    thin = Side(style="thin")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    wrap = Alignment(wrap_text=True, vertical="top")

    def styled(value, bold=False, center=False):
        cell_ = WriteOnlyCell(sheet, value=value)
        cell_.font = Font(name="Times New Roman", size=12 if bold else 11, bold=bold)
        cell_.alignment = Alignment(wrap_text=True, vertical="center" if center else "top",
                                    horizontal="center" if center else None)
        cell_.border = box
        return cell_

    heading = WriteOnlyCell(sheet, value=title.upper())
    heading.font = Font(name="Times New Roman", size=14, bold=True)
    sheet.append([heading])
    sheet.append([])
    sheet.append([styled(c["heading"], bold=True, center=True) for c in cols])
    sheet.append([styled(f"({n})", center=True) for n in range(1, len(cols) + 1)])
    # Styles are registered once and their index copied into each cell: setting a style on
    # every cell hashes it every time, which makes 5,000 rows take seconds.
    prototype = WriteOnlyCell(sheet)
    prototype.alignment = wrap
    prototype.border = box
    style = prototype._style
    for row in rows:
        line = []
        for column in cols:
            value = row.get(column["key"]) if column["key"] == "so_den" else cell(row, column["key"])
            item = WriteOnlyCell(sheet, value=value)
            item._style = copy(style)
            line.append(item)
        sheet.append(line)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
