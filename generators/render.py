"""Pictures of rendered documents, for the README and the layout tests."""
from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from pipeline.errors import VanthuError
from pipeline.libreoffice import TIMEOUT_SECONDS, convert


def first_page_png(pdf: Path, out: Path, dpi: int = 80) -> Path:
    """The PDF's first page as a PNG picture (poppler's pdftoppm, installed by setup.sh)."""
    program = shutil.which("pdftoppm")
    if program is None:
        raise VanthuError("pdftoppm is not installed (run scripts/setup.sh)")
    subprocess.run([program, "-png", "-r", str(dpi), "-f", "1", "-l", "1", "-singlefile",
                    str(pdf), str(out.with_suffix(""))], check=True, capture_output=True,
                   timeout=TIMEOUT_SECONDS)
    return out.with_suffix(".png")


def pdf_of(docx: bytes) -> bytes:
    """A .docx as LibreOffice lays it out, as PDF (the drafting form's PDF, the checked
    document's pages)."""
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "draft.docx"
        source.write_bytes(docx)
        (pdf,) = convert([source], "pdf", Path(tmp) / "pdf")
        return pdf.read_bytes()


def preview_png(docx: bytes, dpi: int = 80) -> bytes:
    """A .docx's first page as LibreOffice lays it out (the drafting form's preview)."""
    with tempfile.TemporaryDirectory() as tmp:
        pdf = Path(tmp) / "draft.pdf"
        pdf.write_bytes(pdf_of(docx))
        return first_page_png(pdf, Path(tmp) / "page.png", dpi).read_bytes()
