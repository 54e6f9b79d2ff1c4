"""PDFs with the traits of real files from offices, made at test time from the repository's
real texts: the number and day stamped as signature-widget appearances by the văn thư's
signature, a signed file altered after signing, and fonts whose ToUnicode maps give the wrong
characters. Signatures use a certificate made here, never a real one.
"""
from __future__ import annotations

import datetime
import io
import re
from pathlib import Path

import docx

import docmaker

SIGNER = "Nguyễn Văn Thư"
ORGANISATION = "VĂN PHÒNG ỦY BAN NHÂN DÂN TỈNH THỬ NGHIỆM"
ISSUER = "CA thử nghiệm vanthu"


def certificate(folder: Path) -> tuple[Path, Path]:
    """(key, certificate) PEM files of a self-made CA and a signer's certificate it issued:
    the shape of the government CA's, with nothing real in it."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import rsa
    from cryptography.x509.oid import NameOID

    def name(**parts) -> x509.Name:
        oids = {"cn": NameOID.COMMON_NAME, "o": NameOID.ORGANIZATION_NAME,
                "ou": NameOID.ORGANIZATIONAL_UNIT_NAME, "c": NameOID.COUNTRY_NAME}
        return x509.Name([x509.NameAttribute(oids[k], v) for k, v in parts.items()])

    now = datetime.datetime.now(datetime.timezone.utc)
    ca_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    ca_name = name(cn=ISSUER, o="Thử nghiệm", c="VN")
    cert = (x509.CertificateBuilder()
            .subject_name(name(cn=SIGNER, ou="VĂN PHÒNG", o=ORGANISATION, c="VN"))
            .issuer_name(ca_name).public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - datetime.timedelta(days=1))
            .not_valid_after(now + datetime.timedelta(days=30))
            .add_extension(x509.KeyUsage(True, True, False, False, False, False, False, False,
                                         False), critical=True)
            .sign(ca_key, hashes.SHA256()))
    key_path, cert_path = folder / "signer.key.pem", folder / "signer.cert.pem"
    key_path.write_bytes(key.private_bytes(serialization.Encoding.PEM,
                                           serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    return key_path, cert_path


def sign(data: bytes, keys: tuple[Path, Path], field: str, page: int = 0,
         box: tuple[float, float, float, float] | None = None, stamp: str | None = None,
         pictured: bool = False) -> bytes:
    """The PDF signed in a new revision; with a box, the signature is a widget there whose
    appearance shows `stamp` (the e-office's number and day), without border: as text, or
    `pictured` as a small image of the digits, as some e-office systems stamp them."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.pdf_utils.text import TextBoxStyle
    from pyhanko.sign import fields, signers
    from pyhanko.stamp import TextStampStyle

    signer = signers.SimpleSigner.load(str(keys[0]), str(keys[1]))
    writer = IncrementalPdfFileWriter(io.BytesIO(data), strict=False)
    if box is not None:
        fields.append_signature_field(writer, fields.SigFieldSpec(field, on_page=page, box=box))
    style = TextStampStyle(stamp_text=stamp or "", border_width=0, background=None,
                           text_box_style=TextBoxStyle(font_size=12, border_width=0))
    if pictured:
        from pyhanko.pdf_utils.images import PdfImage
        from pyhanko.pdf_utils.layout import (AxisAlignment, InnerScaling, Margins,
                                              SimpleBoxLayoutRule)
        from pyhanko.stamp import StaticStampStyle
        fit = SimpleBoxLayoutRule(x_align=AxisAlignment.ALIGN_MIN,
                                  y_align=AxisAlignment.ALIGN_MID, margins=Margins(0, 0, 0, 0),
                                  inner_content_scaling=InnerScaling.SHRINK_TO_FIT)
        style = StaticStampStyle(border_width=0, background_opacity=1, background_layout=fit,
                                 background=PdfImage(_digits_picture(stamp or "")))
    pdf_signer = signers.PdfSigner(signers.PdfSignatureMetadata(field_name=field),
                                   signer=signer, stamp_style=style)
    return pdf_signer.sign_pdf(writer).getvalue()


def _digits_picture(digits: str):
    """Digits drawn black on white in a serif font, about 13 pt at 150 dpi."""
    from PIL import Image, ImageDraw, ImageFont

    font = ImageFont.truetype(FONT, 27)
    left, top, right, bottom = font.getbbox(digits)
    image = Image.new("RGB", (right - left + 8, bottom - top + 8), "white")
    ImageDraw.Draw(image).text((4 - left, 4 - top), digits, font=font, fill="black")
    return image


# Liberation Serif comes with scripts/setup.sh (fonts-liberation2).
FONT = "/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf"


def _blank(paragraph, pattern: str) -> str | None:
    """Blank the first group of `pattern` in the paragraph's text (in place); what it was."""
    match = re.search(pattern, paragraph.text)
    if not match:
        return None
    blanked = paragraph.text[:match.start(1)] + " " * 6 + paragraph.text[match.end(1):]
    for run in paragraph.runs[1:]:
        run.text = ""
    paragraph.runs[0].text = blanked
    return match.group(1)


def unstamped(txt: Path, out: Path) -> tuple[Path, str, str]:
    """The document as a PDF whose number and day are left blank for the e-office's stamps:
    (pdf, the number's digits, the day)."""
    made = docmaker.make_docx(txt, out / f"{txt.stem}.docx")
    document = docx.Document(made)
    number = day = None
    for table in document.tables:
        for cell in (c for row in table.rows for c in row.cells):
            for paragraph in cell.paragraphs:
                number = number or _blank(paragraph, r"^Số:? (\d+)")
                day = day or _blank(paragraph, r"ngày (\d+) tháng")
    assert number and day, f"{txt}: no number or day in the header to blank"
    document.save(made)
    [pdf] = docmaker.to_pdf([made], out)
    return pdf, number, day


def _spot(data: bytes, word: str) -> tuple[int, tuple[float, float, float, float]]:
    """(page, box) just right of the first `word` on a page: where the stamp goes."""
    import pypdfium2

    document = pypdfium2.PdfDocument(data)
    try:
        for index in range(len(document)):
            textpage = document[index].get_textpage()
            searcher = textpage.search(word, match_case=True, match_whole_word=True)
            found = searcher.get_next()
            if found:
                start, count = found
                left, bottom, right, top = textpage.get_charbox(start + count - 1, loose=True)
                return index, (right + 8, bottom, right + 34, top)
    finally:
        document.close()
    raise AssertionError(f"no '{word}' in the PDF")


def stamped(txt: Path, out: Path, keys: tuple[Path, Path],
            pictured: bool = False) -> tuple[Path, str, str]:
    """The document signed as an e-office does it: its number and day left blank on the
    page, then stamped there by two signatures of the văn thư, as text or as pictures of
    the digits. (pdf, number, day)."""
    pdf, number, day = unstamped(txt, out)
    data = pdf.read_bytes()
    for field, word, value in (("So", "Số", number), ("Ngay", "ngày", day)):
        page, box = _spot(data, word)
        data = sign(data, keys, field, page, box, value, pictured)
    path = out / f"{txt.stem}-{'pictured' if pictured else 'stamped'}.pdf"
    path.write_bytes(data)
    return path, number, day


def altered_after_signing(data: bytes, keys: tuple[Path, Path]) -> bytes:
    """The PDF signed, then a line of text added to its first page in a revision of its own,
    unsigned: what a forger appending to a signed file makes."""
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    signed = sign(data, keys, "Signature1")
    writer = IncrementalPdfFileWriter(io.BytesIO(signed), strict=False)
    font = writer.add_object(generic.DictionaryObject({
        generic.NameObject("/Type"): generic.NameObject("/Font"),
        generic.NameObject("/Subtype"): generic.NameObject("/Type1"),
        generic.NameObject("/BaseFont"): generic.NameObject("/Helvetica")}))
    content = writer.add_object(generic.StreamObject(
        stream_data=b"BT /Forged 12 Tf 300 40 Td (Da sua sau khi ky) Tj ET"))
    resources = generic.DictionaryObject({generic.NameObject("/Font"): generic.DictionaryObject(
        {generic.NameObject("/Forged"): font})})
    writer.add_stream_to_page(0, content, resources=resources)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def tampered_inside(data: bytes, keys: tuple[Path, Path]) -> bytes:
    """The PDF signed, then bytes inside the signed range changed in place (no new revision):
    the signature no longer matches."""
    signed = bytearray(sign(data, keys, "Signature1"))
    at = signed.index(b"/Producer")
    signed[at + 1:at + 9] = b"Producex"  # same length: offsets and the byte range stay valid
    return bytes(signed)


def remapped(data: bytes, mapping) -> bytes:
    """The PDF with every font's ToUnicode map rewritten by `mapping` (a code point to the
    code point the broken font claims): the page looks the same, its text layer does not."""
    import pypdf

    reader = pypdf.PdfReader(io.BytesIO(data))
    writer = pypdf.PdfWriter(clone_from=reader)

    def rewrite(match: re.Match) -> bytes:
        return b"<%04X>" % mapping(int(match.group(1), 16))

    seen = set()
    for page in writer.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            cmap = font.get("/ToUnicode")
            if cmap is None or id(cmap.get_object()) in seen:
                continue
            stream = cmap.get_object()
            seen.add(id(stream))
            text = stream.get_data()
            head, _, body = text.partition(b"beginbfchar")
            body = re.sub(rb"(?<=> )<([0-9A-Fa-f]{4})>", rewrite, body)
            stream.set_data(head + b"beginbfchar" + body)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def oi_for_u_horn(code: int) -> int:
    """Old Vietnamese fonts: the 'oi' letters ƣ Ƣ where ư Ư stand."""
    return {0x01B0: 0x01A3, 0x01AF: 0x01A2}.get(code, code)


def glyph_order(code: int) -> int:
    """A font subset whose map gives glyph numbers plus 29 (as a PDF printer does when it loses
    the font's map): Latin letters become digits and symbols, Vietnamese ones Cyrillic."""
    if chr(code).isascii() and chr(code).isalpha():
        return code - 29
    if 0x1EA0 <= code <= 0x1EF9:
        return code - 6652
    return code
