"""The outgoing register (sổ đăng ký văn bản đi, Nghị định 30/2020/NĐ-CP, Phụ lục IV): a draft
is issued with the next number of its book for the year, from 1, with no gap and no double even
when two clerks issue at once (one writer at a time takes a number; the table's key refuses a
double). The number goes into the spec's số và ký hiệu, so the issued .docx carries it.

A bản sao (Sao y, Sao lục, Trích sao) of a received document is made here too, from its
original in the archive; issued, it takes its number from a book the same way (by default
"ban-sao") and is made again from the original and the copy block's fields kept with it.

    entry = outgoing.issue(archive, user, spec, book="chung")
    name, data = outgoing.document(archive, entry["year"], entry["book"], entry["so"])
    name, data = outgoing.copy_of(archive, user, doc_id, copy_request(…))
"""
from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from urllib.parse import quote

from corpus import office
from corpus.archive import Archive, ArchiveError
from generators.copy import COPYABLE, copyable, make_copy
from generators.draft import draft, profile_for
from generators.profile import FOR_SYSTEM, load_profile
from generators.spec import Spec, parse_spec

DEFAULT_BOOK = "chung"
COPY_BOOK = "ban-sao"
COPY_TYPES = {"sao-y": "Bản sao y", "sao-luc": "Bản sao lục", "trich-sao": "Bản trích sao"}


def numbered(number: str, so: int) -> str:
    """The spec's số và ký hiệu with the register's number in front ("…/UBND-VP" → "7/UBND-VP";
    below 10 the draft pads it)."""
    symbol = re.sub(r"^\s*(?:số\s*)?[\d…\.]*\s*", "", str(number or ""), flags=re.IGNORECASE)
    return f"{so}{symbol if symbol.startswith(('/', '-')) else '/' + symbol if symbol else ''}"


def issue(archive: Archive, user: office.User | None, spec: Spec, book: str = DEFAULT_BOOK,
          on: dt.date | None = None) -> dict:
    """Give the draft the next number of its book for the year and enter it; văn thư only."""
    office.require(user, "register", "issue numbers")
    on = on or dt.date.today()

    def entered(so: int) -> tuple[str, str, str, dict]:
        data = {**spec.data, "number": numbered(spec["number"], so), "date": on.isoformat()}
        issued = parse_spec(data, "issue")
        return data["number"], issued.type_name, issued["subject"], data

    return _enter(archive, user, (book or "").strip() or DEFAULT_BOOK, on, entered)


def copy_of(archive: Archive, user: office.User | None, doc_id: int,
            request: dict) -> tuple[str, bytes]:
    """A bản sao of received document `doc_id` (request: generators.copy.copy_request), not
    entered in any book: (file name, bytes), a .docx of a .docx, a PDF of a PDF; văn thư only."""
    office.require(user, "register", "make copies")
    office.require_visible(archive, user, doc_id)
    return _made_copy(archive, doc_id, request)


def issue_copy(archive: Archive, user: office.User | None, doc_id: int, request: dict,
               book: str = COPY_BOOK, on: dt.date | None = None) -> dict:
    """Give a bản sao of document `doc_id` the next number of its book and enter it, dated
    `on`; the number's symbol is the request's ("…/SY-VP" → "7/SY-VP"); văn thư only."""
    office.require(user, "register", "issue numbers")
    office.require_visible(archive, user, doc_id)
    name, _ = archive.original(doc_id)
    copyable(name)  # before a number is taken: a number given to no document is a gap
    subject = archive.record(doc_id).get("subject") or name
    on = on or dt.date.today()

    def entered(so: int) -> tuple[str, str, str, dict]:
        copy = {**request, "number": numbered(request["number"], so), "date": on.isoformat(),
                "extension": _extension(name)}
        return copy["number"], COPY_TYPES[request["kind"]], subject, {
            "copy": copy, "source": doc_id}

    return _enter(archive, user, (book or "").strip() or COPY_BOOK, on, entered)


def _enter(archive: Archive, user: office.User | None, book: str, on: dt.date,
           entered) -> dict:
    """Take the next number of the book for `on`'s year and enter what `entered(so)` gives for
    it: (số và ký hiệu, type, subject, what the document is made again from)."""
    with archive.transaction():
        archive._serialize("outgoing")
        so = archive._rows("SELECT coalesce(max(so), 0) + 1 FROM outgoing WHERE year = ? AND "
                           "book = ?", (on.year, book))[0][0]
        number, doc_type, subject, kept = entered(so)
        archive._execute(
            "INSERT INTO outgoing (year, book, so, number, issued, doc_type, subject, spec, "
            "issued_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (on.year, book, so, number, on.isoformat(), doc_type, subject,
             json.dumps(kept, ensure_ascii=False, default=str), user.name if user else None))
    return entry(archive, on.year, book, so)


def _made_copy(archive: Archive, doc_id: int, request: dict) -> tuple[str, bytes]:
    name, data = archive.original(doc_id)
    system = archive.record(doc_id).get("system")
    rules = load_profile(FOR_SYSTEM.get(system, FOR_SYSTEM["state"]))
    made = make_copy(name, data, request, rules)
    return f"{request['kind']}-{Path(name).stem}.{_extension(name)}", made


def _extension(source_name: str) -> str:
    return COPYABLE[Path(source_name).suffix.lower()]


_COLUMNS = ("year", "book", "so", "number", "issued", "doc_type", "subject", "issued_by")


def _entry(row: tuple) -> dict:
    """A row of the register, with the address of its file (a copy of a PDF is a PDF)."""
    found = dict(zip(_COLUMNS, row))
    kept = json.loads(row[len(_COLUMNS)])
    found["file"] = (f"/outgoing/{found['year']}/{quote(found['book'])}/{found['so']}."
                     f"{kept['copy']['extension'] if 'copy' in kept else 'docx'}")
    return found


def entry(archive: Archive, year: int, book: str, so: int) -> dict:
    rows = archive._rows(f"SELECT {', '.join(_COLUMNS)}, spec FROM outgoing WHERE year = ? AND "
                         f"book = ? AND so = ?", (year, book, so))
    if not rows:
        raise ArchiveError(f"no number {so} in the book '{book}' of {year}")
    return _entry(rows[0])


def entries(archive: Archive, year: int | None = None, book: str | None = None) -> list[dict]:
    clauses, values = [], []
    for column, value in (("year", year), ("book", book)):
        if value:
            clauses.append(f"{column} = ?")
            values.append(value)
    where = " WHERE " + " AND ".join(clauses) if clauses else ""
    return [_entry(row) for row in archive._rows(
        f"SELECT {', '.join(_COLUMNS)}, spec FROM outgoing{where} ORDER BY year, book, so",
        values)]


def document(archive: Archive, year: int, book: str, so: int) -> tuple[str, bytes]:
    """The issued document, (file name, bytes): a draft drafted again from the spec kept with
    its number, a copy made again from its source's original."""
    rows = archive._rows("SELECT spec FROM outgoing WHERE year = ? AND book = ? AND so = ?",
                         (year, book, so))
    if not rows:
        raise ArchiveError(f"no number {so} in the book '{book}' of {year}")
    kept = json.loads(rows[0][0])
    if "copy" in kept:
        copy = kept["copy"]
        _, data = _made_copy(archive, kept["source"], {
            **copy, "date": dt.date.fromisoformat(copy["date"])})
        return f"{so}-{book}-{year}.{copy['extension']}", data
    spec = parse_spec(kept, "issued")
    return f"{so}-{book}-{year}.docx", draft(spec, profile_for(spec))
