"""Word 97–2003 (.doc) and OpenDocument (.odt): LibreOffice headless turns them into .docx in
a private directory (and a private user profile, so conversions run side by side), and the
.docx reader reads that."""
from __future__ import annotations

import tempfile
from pathlib import Path

from pipeline import limits
from pipeline.errors import VanthuError

_OLE = b"\xd0\xcf\x11\xe0"
_WORD_STREAM = "WordDocument".encode("utf-16-le")  # its name in the container's directory


def to_docx(data: bytes, kind: str) -> bytes:
    """The .docx LibreOffice makes of a .doc or .odt file (ValueError when it cannot)."""
    from pipeline.libreoffice import convert

    # LibreOffice opens anything, as plain text if need be: a Word file is checked first.
    if data.startswith(_OLE) and _WORD_STREAM not in data:
        raise ValueError("damaged Word file (an OLE container without a WordDocument stream)")
    with tempfile.TemporaryDirectory(prefix="vanthu-office-") as directory:
        source = Path(directory) / f"document.{kind}"
        source.write_bytes(data)
        try:
            [docx] = convert([source], "docx:MS Word 2007 XML", Path(directory) / "out",
                             timeout=limits.CONVERT_SECONDS.value)
        except VanthuError as err:
            raise ValueError(f"LibreOffice cannot open it as a .{kind} file "
                             f"({str(err).split(': ', 1)[-1][:120]})")
        return docx.read_bytes()


def reader_for(kind: str):
    def read(data: bytes):
        from pipeline.readers.docx import read_docx

        text = read_docx(to_docx(data, kind))
        text.format = kind
        return text
    return read
