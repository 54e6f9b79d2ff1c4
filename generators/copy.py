"""Bản sao: Sao y, Sao lục, Trích sao of a received document, laid out as the profile says.

A .docx source keeps its content untouched, the copy block is appended after it; a PDF source
gets a page with the copy block appended (rendered by LibreOffice, merged with pypdf).
"""
from __future__ import annotations

import datetime as dt
import io
import tempfile
from pathlib import Path

from docx import Document

from generators.docx_writer import copy_block, format_number, page_only, text_width_mm
from pipeline.errors import VanthuError
from pipeline.text import collapse, normalize_line

KINDS = ("sao-y", "sao-luc", "trich-sao")
COPYABLE = {".docx": "docx", ".pdf": "pdf"}  # the source's suffix → the copy's


def copy_docx(source: bytes, copy: dict, profile: dict) -> bytes:
    try:
        document = Document(io.BytesIO(source))
    except Exception as err:  # python-docx raises many kinds for a damaged package
        raise VanthuError(f"the source is not a readable .docx ({type(err).__name__})") from None
    copy_block(document, copy, profile, text_width_mm(document))
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def copy_pdf(source: bytes, copy: dict, profile: dict) -> bytes:
    from pypdf import PdfReader, PdfWriter
    from pypdf.errors import PdfReadError

    from pipeline.libreoffice import convert

    document, width = page_only(profile)
    copy_block(document, copy, profile, width)
    with tempfile.TemporaryDirectory() as tmp:
        page = Path(tmp) / "copy-page.docx"
        document.save(page)
        (rendered,) = convert([page], "pdf", Path(tmp))
        writer = PdfWriter()
        try:
            reader = PdfReader(io.BytesIO(source))
            if reader.is_encrypted:
                raise VanthuError("the source PDF is encrypted (password-protected)")
            for original in reader.pages:
                writer.add_page(original)
        except (PdfReadError, ValueError, KeyError) as err:
            raise VanthuError(f"the source PDF cannot be read ({type(err).__name__})") from None
        for added in PdfReader(rendered).pages:
            writer.add_page(added)
        out = io.BytesIO()
        writer.write(out)
        return out.getvalue()


def copy_request(kind: str, issuer: str, number: str, place: str, date: dt.date,
                 position: str, name: str, recipients: list[str], parent: str | None = None,
                 authority: str | None = None) -> dict:
    """What make_copy needs, from the CLI's options or the web form's fields, each NFC on one
    line; VanthuError naming the first field missing or wrong."""
    if kind not in KINDS:
        raise VanthuError(f"kind is '{kind}'; expected one of {', '.join(KINDS)}")
    given = {"issuer": issuer, "number": number, "place": place, "position": position,
             "name": name}
    missing = [key for key, value in given.items() if not _field(value)]
    recipients = [_field(r) for r in recipients if _field(r)]
    if missing or not recipients:
        raise VanthuError(f"the copy needs '{(missing or ['recipients'])[0]}'")
    return {"kind": kind, "issuer": _field(issuer), "parent": _field(parent) or None,
            "number": _field(number), "place": _field(place), "date": date,
            "signer": {"authority": _field(authority) or None, "position": _field(position),
                       "name": _field(name)},
            "recipients": recipients}


def _field(value: str | None) -> str:
    """A typed value as the document prints it: NFC (a keyboard may send combining tone
    marks), no control characters, one line."""
    return collapse(normalize_line(value or ""))


def request_from_form(values: dict[str, str], today: dt.date) -> dict:
    """copy_request from the web form's fields (strings; `date` YYYY-MM-DD or blank for
    today, `recipients` one a line)."""
    date_text = (values.get("date") or "").strip()
    try:
        date = dt.date.fromisoformat(date_text) if date_text else today
    except ValueError:
        raise VanthuError(f"'date': '{date_text}' is not a date as YYYY-MM-DD") from None
    given = {key: values.get(key) or "" for key in (
        "kind", "issuer", "number", "place", "position", "name", "parent", "authority")}
    return copy_request(date=date, recipients=(values.get("recipients") or "").splitlines(),
                        **given)


def can_copy(name: str) -> bool:
    return Path(name).suffix.lower() in COPYABLE


def copyable(name: str) -> None:
    """VanthuError unless a copy can be made of a file of this name."""
    if not can_copy(name):
        raise VanthuError(f"{name}: copies are made of .docx and .pdf files")


def make_copy(name: str, data: bytes, copy: dict, profile: dict) -> bytes:
    """The copy of the file `name` holding `data`: a .docx for a .docx, a PDF for a PDF."""
    copyable(name)
    copy = dict(copy, number=format_number(copy["number"]))
    if Path(name).suffix.lower() == ".docx":
        return copy_docx(data, copy, profile)
    return copy_pdf(data, copy, profile)
