"""Hostile and broken files, made on the spot from a real document: what tests/test_hostile.py
and bench/robustness.py feed vanthu.

Each `Hostile` says what the file is and what vanthu must answer: a one-line error containing
`refusal`, or (refusal None) a record — made without reaching outside the file: several files
point to /etc/passwd, and no output may ever hold its PASSWD_LINE.
"""
from __future__ import annotations

import io
import os
import struct
import subprocess
import sys
import tempfile
import time
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from PIL import Image

# A line every Linux /etc/passwd has: a file that reached it would show it.
PASSWD_LINE = "root:x:0:0"


@dataclass
class Hostile:
    name: str  # the file's name, its extension included
    what: str
    refusal: str | None  # a piece of the one-line error expected; None: it parses
    make: Callable[[Path, bytes], None]  # writes the file, given a real .docx's bytes


# --- .docx: a real document's package with one part replaced or added


def repack(docx: bytes, replace: dict[str, bytes], compress=zipfile.ZIP_DEFLATED) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(docx)) as source, zipfile.ZipFile(out, "w", compress) as to:
        for item in source.infolist():
            to.writestr(item.filename, replace.pop(item.filename, source.read(item.filename)))
        for name, data in replace.items():
            to.writestr(name, data)
    return out.getvalue()


def _document_xml(body: str, doctype: str = "") -> bytes:
    return (f'<?xml version="1.0" encoding="UTF-8"?>{doctype}<w:document xmlns:w='
            f'"http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{body}'
            f'</w:body></w:document>').encode()


def _paragraph(text: str) -> str:
    return f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>"


def _zip_bomb(path: Path, docx: bytes) -> None:
    # 40 MB of spaces in the main part (within the part limit), packed a thousand times smaller.
    path.write_bytes(repack(docx, {"word/document.xml": _document_xml(
        _paragraph("Số: 12-CV/TU") + " " * 40_000_000)}))


def _lying_zip_bomb(path: Path, docx: bytes) -> None:
    """The main part's headers claim 2 kB; its data unpack to 60 MB."""
    data = bytearray(repack(docx, {"word/document.xml": _document_xml(
        _paragraph("Số: 12-CV/TU") + " " * 60_000_000)}))
    name = b"word/document.xml"
    for signature, size_at in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        at = data.find(signature)
        while at >= 0:
            name_at = at + (30 if signature == b"PK\x03\x04" else 46)
            if data[name_at:name_at + len(name)] == name:
                data[at + size_at:at + size_at + 4] = struct.pack("<I", 2048)
            at = data.find(signature, at + 4)
    path.write_bytes(bytes(data))


def _entity_expansion(path: Path, docx: bytes) -> None:
    """A billion laughs: ten levels of entities, each ten of the one below."""
    entities = '<!ENTITY lol0 "lol">' + "".join(
        f'<!ENTITY lol{i} "{("&lol%d;" % (i - 1)) * 10}">' for i in range(1, 10))
    path.write_bytes(repack(docx, {"word/document.xml": _document_xml(
        _paragraph("Số: 12-CV/TU") + _paragraph("&lol9;"),
        f"<!DOCTYPE w:document [{entities}]>")}))


def _external_entity(path: Path, docx: bytes) -> None:
    path.write_bytes(repack(docx, {"word/document.xml": _document_xml(
        _paragraph("Số: 12-CV/TU") + _paragraph("&xxe;"),
        '<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>')}))


def _parts_outside(path: Path, docx: bytes) -> None:
    """Footnotes, header and a sub-document said to be outside the package."""
    with zipfile.ZipFile(io.BytesIO(docx)) as source:
        rels = source.read("word/_rels/document.xml.rels").decode()
    kinds = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    extra = "".join(
        f'<Relationship Id="rX{n}" Type="{kinds}/{kind}" Target="{target}"{mode}/>'
        for n, (kind, target, mode) in enumerate([
            ("footnotes", "../../../../../../etc/passwd", ""),
            ("header", "/etc/passwd", ""),
            ("subDocument", "file:///etc/passwd", ' TargetMode="External"'),
            ("endnotes", "../" * 30 + "etc/passwd", "")]))
    path.write_bytes(repack(docx, {"word/_rels/document.xml.rels":
                                    rels.replace("</Relationships>",
                                                 extra + "</Relationships>").encode()}))


def _deep_xml(path: Path, docx: bytes) -> None:
    depth = 100_000
    path.write_bytes(repack(docx, {"word/document.xml": _document_xml(
        _paragraph("Số: 12-CV/TU") + "<w:sdt><w:sdtContent>" * depth
        + _paragraph("sâu") + "</w:sdtContent></w:sdt>" * depth)}))


def _encrypted_office(path: Path, docx: bytes) -> None:
    """What Word saves with a password: an OLE container holding an EncryptedPackage stream."""
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)
                     + "EncryptedPackage".encode("utf-16-le") + os.urandom(4000))


# --- PDF written by hand: objects numbered from 1, with a correct cross-reference table


def _pdf(objects: list[bytes], root: int = 1, extra_trailer: bytes = b"") -> bytes:
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n%s\nendobj\n" % (number, body))
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    out.write(b"".join(b"%010d 00000 n \n" % offset for offset in offsets))
    out.write(b"trailer\n<< /Size %d /Root %d 0 R %s>>\nstartxref\n%d\n%%%%EOF\n"
              % (len(objects) + 1, root, extra_trailer, xref))
    return out.getvalue()


def _text_page(parent: int, contents: int, size=(595, 842)) -> bytes:
    return (b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 %d %d] /Contents %d 0 R "
            b"/Resources << /Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica "
            b">> >> >> >>" % (parent, size[0], size[1], contents))


def _stream(data: bytes) -> bytes:
    return b"<< /Length %d >>\nstream\n%s\nendstream" % (len(data), data)


_SAY = _stream(b"BT /F1 12 Tf 72 760 Td (So: 12-CV/TU. Kinh gui cac co quan, don vi.) Tj ET")


def _pdf_kids_loop(path: Path, docx: bytes) -> None:
    """The page tree lists itself among its own pages."""
    path.write_bytes(_pdf([b"<< /Type /Catalog /Pages 2 0 R >>",
                           b"<< /Type /Pages /Kids [3 0 R 2 0 R] /Count 2 >>",
                           _text_page(2, 4), _SAY]))


def _pdf_parent_loop(path: Path, docx: bytes) -> None:
    """Two page-tree nodes each the other's parent and child; the page inherits through them."""
    path.write_bytes(_pdf([b"<< /Type /Catalog /Pages 2 0 R >>",
                           b"<< /Type /Pages /Kids [3 0 R] /Parent 3 0 R /Count 1 >>",
                           b"<< /Type /Pages /Kids [2 0 R 4 0 R] /Parent 2 0 R /Count 1 >>",
                           b"<< /Type /Page /Parent 3 0 R /Contents 5 0 R >>", _SAY]))


def _pdf_reference_loop(path: Path, docx: bytes) -> None:
    """Objects that are only references to each other, where the page's contents should be."""
    path.write_bytes(_pdf([b"<< /Type /Catalog /Pages 2 0 R >>",
                           b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                           _text_page(2, 4), b"5 0 R", b"4 0 R"]))


def _pdf_xobject_loop(path: Path, docx: bytes) -> None:
    """A form that draws itself, forever."""
    form = (b"<< /Type /XObject /Subtype /Form /BBox [0 0 595 842] /Resources << /XObject "
            b"<< /X1 5 0 R >> >> /Length 8 >>\nstream\n/X1 Do \nendstream")
    path.write_bytes(_pdf([b"<< /Type /Catalog /Pages 2 0 R >>",
                           b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                           b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents "
                           b"4 0 R /Resources << /XObject << /X1 5 0 R >> >> >>",
                           _stream(b"/X1 Do"), form]))


def _pdf_many_pages(path: Path, docx: bytes, count: int = 10_000) -> None:
    kids = b" ".join(b"%d 0 R" % (3 + i) for i in range(count))
    pages = [b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>"] * count
    path.write_bytes(_pdf([b"<< /Type /Catalog /Pages 2 0 R >>",
                           b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, count), *pages]))


def _pdf_huge_page(path: Path, docx: bytes) -> None:
    """A page without text (so a scan, for OCR) 200 inches square: 60,000 pixels a side."""
    path.write_bytes(_pdf([b"<< /Type /Catalog /Pages 2 0 R >>",
                           b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                           b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 14400 14400] "
                           b"/Contents 4 0 R >>", _stream(b"0 0 m 100 100 l S")]))


def _pdf_encrypted(path: Path, docx: bytes) -> None:
    """Encrypted with a user password (standard security handler, RC4 40-bit)."""
    pdf = _pdf([b"<< /Type /Catalog /Pages 2 0 R >>",
                b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>", _text_page(2, 4), _SAY,
                b"<< /Filter /Standard /V 1 /R 2 /O <%s> /U <%s> /P -44 >>"
                % (b"11" * 32, b"22" * 32)],
               extra_trailer=b"/Encrypt 5 0 R /ID [<%s> <%s>] " % (b"ab" * 16, b"ab" * 16))
    path.write_bytes(pdf)


def _pdf_truncated(path: Path, docx: bytes) -> None:
    pdf = _pdf([b"<< /Type /Catalog /Pages 2 0 R >>",
                b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>", _text_page(2, 4), _SAY])
    path.write_bytes(pdf[:len(pdf) // 3])


# --- pictures


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    return (struct.pack(">I", len(data)) + kind + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))


def _png_huge(path: Path, docx: bytes, side: int = 30_000) -> None:
    """30,000 × 30,000 white pixels (900 megapixels) in about 100 kB: one bit a pixel."""
    packer = zlib.compressobj(9)
    row = b"\x00" + b"\xff" * ((side + 7) // 8)
    rows = b"".join(packer.compress(row) for _ in range(side)) + packer.flush()
    path.write_bytes(b"\x89PNG\r\n\x1a\n"
                     + _png_chunk(b"IHDR", struct.pack(">IIBBBBB", side, side, 1, 0, 0, 0, 0))
                     + _png_chunk(b"IDAT", rows) + _png_chunk(b"IEND", b""))


def _tiff_many_pages(path: Path, docx: bytes) -> None:
    page = Image.new("1", (50, 50), 1)
    page.save(path, format="TIFF", save_all=True, append_images=[page] * 400)


# --- files that are not what their names say, or not files


def _pdf_named_docx(path: Path, docx: bytes) -> None:
    _pdf_truncated(path, docx)


def _docx_named_pdf(path: Path, docx: bytes) -> None:
    path.write_bytes(docx)


def _program_named_txt(path: Path, docx: bytes) -> None:
    path.write_bytes(b"\x7fELF\x02\x01\x01" + bytes(range(256)) * 40)


def _png_named_jpg(path: Path, docx: bytes) -> None:
    _png_huge(path, docx, side=100)


def _html_huge(path: Path, docx: bytes) -> None:
    path.write_text("<html><body>" + "<div><span>Số</span></div>" * 500_000 + "</body></html>",
                    encoding="utf-8")


def _text_huge(path: Path, docx: bytes) -> None:
    """21 MB of text, fast to write: the same line over and over."""
    line = "Giao Sở Nội vụ chủ trì, hoàn thành trước ngày 31/12/2024.\n"
    path.write_text(line * (21 * 1024 * 1024 // len(line.encode()) + 1), encoding="utf-8")


def _html_deep(path: Path, docx: bytes) -> None:
    depth = 50_000
    path.write_text("<html><body>" + "<div>" * depth + "<p>Số: 12-CV/TU</p>"
                    + "</div>" * depth + "</body></html>", encoding="utf-8")


def _empty(path: Path, docx: bytes) -> None:
    path.write_bytes(b"")


def _blank_text(path: Path, docx: bytes) -> None:
    path.write_bytes(b" \r\n\t\n" * 1000)


def _link_outside(path: Path, docx: bytes) -> None:
    path.symlink_to("/etc/passwd")


def _link_dangling(path: Path, docx: bytes) -> None:
    path.symlink_to(path.with_name("no-such-file.txt"))


def _link_loop(path: Path, docx: bytes) -> None:
    path.symlink_to(path.name)


def _device_link(path: Path, docx: bytes) -> None:
    path.symlink_to("/dev/zero")


HOSTILE = [
    Hostile("zip-bomb.docx", ".docx whose text unpacks a thousand times larger",
            "zip bomb", _zip_bomb),
    Hostile("zip-bomb-lying.docx", ".docx whose part claims 2 kB and unpacks to 60 MB",
            "damaged", _lying_zip_bomb),
    Hostile("billion-laughs.docx", ".docx with XML entity expansion (a billion laughs)",
            "damaged XML", _entity_expansion),
    Hostile("external-entity.docx", ".docx with an external XML entity naming /etc/passwd",
            None, _external_entity),
    Hostile("parts-outside.docx", ".docx whose parts point outside the package",
            None, _parts_outside),
    Hostile("deep-xml.docx", ".docx nested 100,000 elements deep", "damaged XML", _deep_xml),
    Hostile("encrypted.docx", ".docx protected by a password", "encrypted",
            _encrypted_office),
    Hostile("kids-loop.pdf", "PDF whose page tree contains itself", None, _pdf_kids_loop),
    Hostile("parent-loop.pdf", "PDF whose page-tree nodes are each other's parents",
            "PDF", _pdf_parent_loop),
    Hostile("reference-loop.pdf", "PDF whose objects refer to each other in a ring", "PDF",
            _pdf_reference_loop),
    Hostile("xobject-loop.pdf", "PDF whose form draws itself", "PDF", _pdf_xobject_loop),
    Hostile("10000-pages.pdf", "PDF of 10,000 pages", "10000, more than the limit",
            _pdf_many_pages),
    Hostile("huge-page.pdf", "PDF scan page 200 inches square (3,600 megapixels for OCR)",
            "megapixels", _pdf_huge_page),
    Hostile("encrypted.pdf", "PDF protected by a password", "encrypted", _pdf_encrypted),
    Hostile("truncated.pdf", "PDF cut off at a third", "PDF", _pdf_truncated),
    Hostile("30000x30000.png", "PNG of 30,000 × 30,000 pixels", "megapixels", _png_huge),
    Hostile("401-pages.tif", "TIFF of 401 pages", "401, more than the limit",
            _tiff_many_pages),
    Hostile("pdf-named.docx", "a PDF named .docx", "not a DOCX file", _pdf_named_docx),
    Hostile("docx-named.pdf", "a .docx named .pdf", "not a PDF file", _docx_named_pdf),
    Hostile("program-named.txt", "a program named .txt", "not text", _program_named_txt),
    Hostile("png-named.jpg", "a blank PNG named .jpg", "no text", _png_named_jpg),
    Hostile("huge.html", "web page of 13 MB, half a million elements", "web page size",
            _html_huge),
    Hostile("huge.txt", "21 MB of text", "text of one document", _text_huge),
    Hostile("deep.html", "web page nested 50,000 elements deep", "no text", _html_deep),
    Hostile("empty.pdf", "0-byte .pdf", "empty file", _empty),
    Hostile("empty.docx", "0-byte .docx", "empty file", _empty),
    Hostile("blank.txt", ".txt of blank lines", "empty file", _blank_text),
    Hostile("link-outside.txt", "link to /etc/passwd inside a folder", "outside",
            _link_outside),
    Hostile("link-dangling.txt", "link to nothing", "does not exist", _link_dangling),
    Hostile("link-loop.txt", "link to itself", "loops", _link_loop),
    Hostile("link-device.txt", "link to /dev/zero", "outside", _device_link),
]


# --- large but ordinary files: what the memory ceiling is measured on


def docx_repeated(docx: bytes, copies: int, pictures_mb: int = 0) -> bytes:
    """The real .docx with its text `copies` times over, and `pictures_mb` of pictures (random
    bytes, which no packing shrinks, as scans are)."""
    with zipfile.ZipFile(io.BytesIO(docx)) as package:
        xml = package.read("word/document.xml").decode()
    head, body = xml.split("<w:body>", 1)
    body, tail = body.rsplit("<w:sectPr", 1)
    parts = {"word/document.xml": (head + "<w:body>" + body * copies + "<w:sectPr"
                                   + tail).encode()}
    if pictures_mb:
        parts["word/media/scans.png"] = os.urandom(pictures_mb * 1024 * 1024)
    return repack(docx, parts)


def pdf_repeated(pdf: bytes, pages: int) -> bytes:
    """The real PDF's pages over and over, `pages` in all."""
    import pypdfium2

    source, out = pypdfium2.PdfDocument(pdf), pypdfium2.PdfDocument.new()
    while len(out) < pages:
        out.import_pages(source, list(range(min(len(source), pages - len(out)))))
    buffer = io.BytesIO()
    out.save(buffer)
    return buffer.getvalue()


# The memory ceiling README's "Limits and safety" documents for one file within the limits, and
# the large files it is measured on: name -> how to make it from a real .docx's and PDF's bytes.
CEILING_MB = 1024
LARGE = {
    "300-pages.pdf": lambda docx, pdf: pdf_repeated(pdf, 300),
    "50-MB.docx": lambda docx, pdf: docx_repeated(docx, 1000, pictures_mb=50),
}


# --- vanthu in a process of its own, measured

VANTHU = [sys.executable, "-m", "pipeline"]
ENV = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1])}


@dataclass
class Run:
    returncode: int
    seconds: float
    peak_mb: float  # the process's largest resident memory
    stdout: str
    stderr: str


# `python -m pipeline ARGS` that writes its memory peak to a file as it exits. The peak is the
# kernel's VmHWM: the resident-size high-water mark of this program alone (a child's
# ru_maxrss would start from the size of the process that started it).
_MEASURED = """
import atexit, runpy, sys
peak_file = sys.argv.pop(1)
def write_peak():
    with open("/proc/self/status") as status, open(peak_file, "w") as out:
        out.write(next(line.split()[1] for line in status if line.startswith("VmHWM:")))
atexit.register(write_peak)
sys.argv[0] = "vanthu"
runpy.run_module("pipeline", run_name="__main__", alter_sys=True)
"""


def run_measured(args: list[str], env: dict[str, str] | None = None) -> Run:
    """`vanthu ARGS`, with its time and memory peak."""
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        peak, stdout, stderr = (Path(tmp) / name for name in ("peak", "stdout", "stderr"))
        with stdout.open("wb") as out, stderr.open("wb") as err:
            returncode = subprocess.run([sys.executable, "-c", _MEASURED, str(peak), *args],
                                        stdout=out, stderr=err, env={**ENV, **(env or {})}
                                        ).returncode
        peak_mb = int(peak.read_text()) / 1024 if peak.exists() else float("nan")
        return Run(returncode, time.perf_counter() - started, peak_mb,
                   stdout.read_text(errors="replace"), stderr.read_text(errors="replace"))


def make_all(directory: Path, docx: bytes) -> list[tuple[Hostile, Path]]:
    """Write every hostile file into `directory`."""
    made = []
    for hostile in HOSTILE:
        path = directory / hostile.name
        hostile.make(path, docx)
        made.append((hostile, path))
    return made
