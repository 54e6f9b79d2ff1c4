"""The outgoing register (sổ đăng ký văn bản đi, Nghị định 30/2020/NĐ-CP, Phụ lục IV): a draft
is issued with the next number of its book for the year, from 1, with no gap and no double even
when two clerks issue at once (one writer at a time takes a number; the table's key refuses a
double). The number goes into the spec's số và ký hiệu, so the issued .docx carries it.

    entry = outgoing.issue(archive, user, spec, book="chung")
    data = outgoing.document(archive, entry["year"], entry["book"], entry["so"])
"""
from __future__ import annotations

import datetime as dt
import json
import re

from corpus import office
from corpus.archive import Archive, ArchiveError
from generators.draft import draft, profile_for
from generators.spec import Spec, parse_spec

DEFAULT_BOOK = "chung"


def numbered(number: str, so: int) -> str:
    """The spec's số và ký hiệu with the register's number in front ("…/UBND-VP" → "7/UBND-VP";
    below 10 the draft pads it)."""
    symbol = re.sub(r"^\s*(?:số\s*)?[\d…\.]*\s*", "", str(number or ""), flags=re.IGNORECASE)
    return f"{so}{symbol if symbol.startswith(('/', '-')) else '/' + symbol if symbol else ''}"


def issue(archive: Archive, user: office.User | None, spec: Spec, book: str = DEFAULT_BOOK,
          on: dt.date | None = None) -> dict:
    """Give the draft the next number of its book for the year and enter it; văn thư only."""
    office.require(user, "register", "issue numbers")
    book = (book or DEFAULT_BOOK).strip()
    on = on or dt.date.today()
    with archive.transaction():
        archive._serialize("outgoing")
        so = archive._rows("SELECT coalesce(max(so), 0) + 1 FROM outgoing WHERE year = ? AND "
                           "book = ?", (on.year, book))[0][0]
        data = {**spec.data, "number": numbered(spec["number"], so), "date": on.isoformat()}
        issued = parse_spec(data, "issue")
        archive._execute(
            "INSERT INTO outgoing (year, book, so, number, issued, doc_type, subject, spec, "
            "issued_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (on.year, book, so, data["number"], on.isoformat(), issued.type_name,
             issued["subject"], json.dumps(data, ensure_ascii=False, default=str),
             user.name if user else None))
    return entry(archive, on.year, book, so)


_COLUMNS = ("year", "book", "so", "number", "issued", "doc_type", "subject", "issued_by")


def entry(archive: Archive, year: int, book: str, so: int) -> dict:
    rows = archive._rows(f"SELECT {', '.join(_COLUMNS)} FROM outgoing WHERE year = ? AND "
                         f"book = ? AND so = ?", (year, book, so))
    if not rows:
        raise ArchiveError(f"no number {so} in the book '{book}' of {year}")
    return dict(zip(_COLUMNS, rows[0]))


def entries(archive: Archive, year: int | None = None, book: str | None = None) -> list[dict]:
    clauses, values = [], []
    for column, value in (("year", year), ("book", book)):
        if value:
            clauses.append(f"{column} = ?")
            values.append(value)
    where = " WHERE " + " AND ".join(clauses) if clauses else ""
    return [dict(zip(_COLUMNS, row)) for row in archive._rows(
        f"SELECT {', '.join(_COLUMNS)} FROM outgoing{where} ORDER BY year, book, so", values)]


def document(archive: Archive, year: int, book: str, so: int) -> bytes:
    """The issued .docx, drafted again from the spec kept with its number."""
    rows = archive._rows("SELECT spec FROM outgoing WHERE year = ? AND book = ? AND so = ?",
                         (year, book, so))
    if not rows:
        raise ArchiveError(f"no number {so} in the book '{book}' of {year}")
    spec = parse_spec(json.loads(rows[0][0]), "issued")
    return draft(spec, profile_for(spec))
