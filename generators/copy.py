"""Bản sao: Sao y, Sao lục, Trích sao of a received document, laid out as the profile says.

A .docx source keeps its content untouched, the copy block is appended after it; a PDF source
gets a page with the copy block appended (rendered by LibreOffice, merged with pypdf).
"""
from __future__ import annotations

import io
import tempfile
from pathlib import Path

from docx import Document

from generators.docx_writer import copy_block, format_number, page_only, text_width_mm
from pipeline.errors import VanthuError

KINDS = ("sao-y", "sao-luc", "trich-sao")


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


def make_copy(source: Path, copy: dict, profile: dict) -> bytes:
    if copy["kind"] not in KINDS:
        raise VanthuError(f"--kind is '{copy['kind']}'; expected one of {', '.join(KINDS)}")
    copy = dict(copy, number=format_number(copy["number"]))
    data = source.read_bytes()
    if source.suffix.lower() == ".docx":
        return copy_docx(data, copy, profile)
    if source.suffix.lower() == ".pdf":
        return copy_pdf(data, copy, profile)
    raise VanthuError(f"{source}: copies are made of .docx and .pdf files")
