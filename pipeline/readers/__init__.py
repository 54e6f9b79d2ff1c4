"""Readers: a file's bytes in, a `Text` out. One module per format; `read` picks the reader."""
from __future__ import annotations

from pathlib import Path

from pipeline import limits
from pipeline.errors import ReadError
from pipeline.text import Text

READERS = {".txt": "txt", ".docx": "docx", ".pdf": "pdf", ".html": "html", ".htm": "html",
           ".doc": "doc", ".odt": "odt", ".png": "image", ".jpg": "image", ".jpeg": "image",
           ".tif": "image", ".tiff": "image"}

# What a format's first bytes look like, to catch files whose extension lies.
_MAGIC = {"docx": (b"PK\x03\x04",), "pdf": (b"%PDF",), "odt": (b"PK\x03\x04",),
          "doc": (b"\xd0\xcf\x11\xe0", b"{\\rtf"),  # Word 97–2003, or RTF saved as .doc
          "image": (b"\x89PNG", b"\xff\xd8\xff", b"II*\x00", b"MM\x00*")}


def supported(path: Path) -> bool:
    return path.suffix.lower() in READERS


def read_bytes(path: str | Path) -> bytes:
    path = Path(path)
    try:
        size = path.stat().st_size
        if not path.is_file():
            raise ReadError(str(path), "not a regular file")
        if refusal := limits.FILE_MB.refuses_bytes(size):
            raise ReadError(str(path), refusal)
        return path.read_bytes()
    except FileNotFoundError:
        raise ReadError(str(path), "no such file")
    except PermissionError:
        raise ReadError(str(path), "permission denied")
    except IsADirectoryError:
        raise ReadError(str(path), "is a directory")


# What Word and LibreOffice save when a document is given a password: an OLE container
# holding the encrypted package.
_ENCRYPTED_PACKAGE = "EncryptedPackage".encode("utf-16-le")
_NAMES = {"docx": "zip package (.docx, .odt…)", "pdf": ".pdf", "doc": ".doc (Word 97–2003)", "image": "picture"}


def _misnamed(path: Path, data: bytes) -> str:
    """Why a file whose first bytes do not match its extension cannot be read as named."""
    head = data.lstrip()[:8]
    if head.startswith(_MAGIC["doc"][0]) and _ENCRYPTED_PACKAGE in data:
        return "the document is encrypted (password-protected)"
    actual = next((kind for kind, magics in _MAGIC.items() if kind != "odt"
                   and head.startswith(magics)), None)
    named = path.suffix.lstrip(".").upper()
    if actual is None:
        return f"not a {named} file despite its extension"
    return f"not a {named} file despite its extension: it is a {_NAMES[actual]} file"


def read_text(path: str | Path, data: bytes) -> Text:
    """Turn bytes that came from `path` into Text, or raise ReadError naming the file."""
    path = Path(path)
    kind = READERS.get(path.suffix.lower())
    if kind is None:
        raise ReadError(str(path), f"unsupported file type '{path.suffix or '(none)'}' "
                        f"(supported: {', '.join(sorted(READERS))})")
    if not data.strip():
        raise ReadError(str(path), "empty file")
    magic = _MAGIC.get(kind)
    if magic and not data.lstrip()[:8].startswith(magic):
        raise ReadError(str(path), _misnamed(path, data))
    try:
        if kind == "txt":
            from pipeline.readers.txt import read_txt as reader
        elif kind == "docx":
            from pipeline.readers.docx import read_docx as reader
        elif kind == "pdf":
            from pipeline.readers.pdf import read_pdf as reader
        elif kind == "image":
            from pipeline.readers.ocr import read_image as reader
        elif kind in ("doc", "odt"):
            from pipeline.readers.office import reader_for
            reader = reader_for(kind)
        else:
            from pipeline.readers.html import read_html as reader
        text = reader(data)
    except ValueError as err:
        raise ReadError(str(path), str(err))
    if text.is_blank():
        raise ReadError(str(path), "no text in the file")
    if refusal := limits.TEXT_MB.refuses_bytes(len(text.content.encode())):
        raise ReadError(str(path), refusal)
    return text
