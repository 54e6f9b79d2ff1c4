"""Digital signatures a PDF carries: who signed, for which body, when, with whose certificate,
whether the signed bytes still match, and where the signature sits on the page.

Vietnamese offices sign through their e-office systems: the signer first, then the văn thư,
whose signatures stamp the number and the day (pipeline/readers/pdf.py reads those stamps as
text). Every signature adds a revision to the file; a revision that adds no signature after the
first one was signed means the document was changed after signing. pyHanko checks the
cryptography: the digest of the signed byte ranges against the one the signer signed, and the
signature over it with the certificate's key. Nothing is fetched and no trust roots are
consulted, so whether the certificate chains to the government CA is not judged here.
"""
from __future__ import annotations

import io
import logging
from datetime import datetime

# A page tree deeper than this is not walked further (a hostile file's loop is cut anyway).
MAX_TREE_DEPTH = 64


def read_signatures(data: bytes) -> tuple[list[dict], list[str]]:
    """([signature], [warning]) of a PDF's bytes; ([], []) when it carries none."""
    if b"/ByteRange" not in data:  # every signature dictionary has one: the cheap test first
        return [], []
    logging.getLogger("pyhanko").setLevel(logging.CRITICAL)
    try:
        return _signatures(data)
    except Exception:
        # pyHanko signals a malformed signature or file with many exception types (its own,
        # asn1crypto's, key and type errors from a broken object graph); for a clerk they all
        # mean the same thing, and the text is still read.
        return [], ["Văn bản có chữ ký số nhưng không đọc được chữ ký (tệp hỏng): cần đối "
                    "chiếu với bản gốc"]


def _signatures(data: bytes) -> tuple[list[dict], list[str]]:
    from pyhanko.pdf_utils.reader import PdfFileReader

    reader = PdfFileReader(io.BytesIO(data), strict=False)
    embedded = list(reader.embedded_signatures)
    if not embedded:
        return [], []
    pages = _page_numbers(reader)
    signatures = [_signature(sig, pages) for sig in embedded]
    warnings = []
    for signature, sig in zip(signatures, embedded):
        who = signature["signer"] or "người ký"
        if signature["intact"] is False and not _digest_matches(sig):
            warnings.append(f"Chữ ký số của {who} không còn khớp với nội dung: văn bản đã bị "
                            "sửa sau khi ký")
        elif signature["intact"] is False:
            warnings.append(f"Chữ ký số của {who} không hợp lệ: chữ ký không khớp với khóa "
                            "của chứng thư số")
    signed = {sig.signed_revision for sig in embedded}
    later = range(min(signed) + 1, reader.xrefs.total_revisions)
    if any(revision not in signed for revision in later):
        warnings.append("Văn bản đã bị thay đổi sau khi ký số (có phần thêm vào sau chữ ký "
                        "mà không kèm chữ ký nào): cần đối chiếu với bản gốc")
    return signatures, warnings


def _signature(sig, pages: dict) -> dict:
    cert = _certificate(sig)
    subject = cert.subject.native if cert else {}
    issuer = cert.issuer.native if cert else {}
    unit, body = _one(subject.get("organizational_unit_name")), _one(
        subject.get("organization_name"))
    return {
        "signer": _one(subject.get("common_name")),
        # A unit's name is often repeated inside the body's ("VĂN PHÒNG", "VĂN PHÒNG UBND …").
        "organisation": body if unit and body and unit in body else (
            ", ".join(x for x in (unit, body) if x) or None),
        "time": _time(sig),
        "issuer": _one(issuer.get("common_name")) or _one(issuer.get("organization_name")),
        "intact": _intact(sig, cert),
        **_place(sig, pages),
    }


def _certificate(sig):
    try:
        return sig.signer_cert
    except Exception:  # a signature without its certificate: asn1crypto and pyHanko raise
        return None   # several kinds for it; the signature is still listed, unchecked


def _one(value) -> str | None:
    """A name attribute as text: certificates may repeat an attribute (a list)."""
    if isinstance(value, (list, tuple)):
        value = ", ".join(str(v) for v in value)
    return " ".join(str(value).split()) if value else None


def _time(sig) -> str | None:
    """The signing time the signer's software recorded, ISO 8601 with its offset."""
    try:
        when = sig.self_reported_timestamp
    except Exception:
        when = None
    if when is None:
        from pyhanko.pdf_utils.misc import PdfReadError
        try:
            from pyhanko.pdf_utils.generic import pdf_date
            when = pdf_date(sig.sig_object["/M"])
        except (KeyError, PdfReadError, ValueError, TypeError):
            return None
    return when.isoformat() if isinstance(when, datetime) else None


def _intact(sig, cert) -> bool | None:
    """True when the signed bytes hash to the digest the signer signed and the signature over
    it is the certificate key's; False when either fails; None when it cannot be checked."""
    if cert is None:
        return None
    from pyhanko.sign.validation.generic_cms import validate_sig_integrity

    try:
        content_type = sig.signed_data["encap_content_info"]["content_type"].native
        digest_ok, signature_ok = validate_sig_integrity(
            sig.signer_info, cert, expected_content_type=content_type,
            actual_digest=sig.compute_digest())
    except Exception:  # an algorithm pyHanko does not know, a malformed container
        return None
    return digest_ok and signature_ok


def _digest_matches(sig) -> bool:
    from pyhanko.sign.validation.utils import extract_message_digest

    try:
        return extract_message_digest(sig.signer_info) == sig.compute_digest()
    except Exception:
        return False


def _page_numbers(reader) -> dict:
    """{page object's (id, generation): page number}: where each widget's /P points."""
    numbers: dict = {}
    seen: set = set()

    def walk(node, depth: int) -> None:
        if depth > MAX_TREE_DEPTH:
            return
        for kid in node.get_object().get("/Kids", []):
            key = (kid.idnum, kid.generation) if hasattr(kid, "idnum") else id(kid)
            if key in seen:
                continue
            seen.add(key)
            target = kid.get_object()
            if target.get("/Type") == "/Pages" or "/Kids" in target:
                walk(kid, depth + 1)
            else:
                numbers[key] = len(numbers) + 1

    try:
        walk(reader.root.raw_get("/Pages"), 0)
    except Exception:  # a broken page tree: signatures are listed without their page
        return {}
    return numbers


def _place(sig, pages: dict) -> dict:
    """{"page": n, "box": [x0, top, x1, bottom]} of the signature's widget, in points from the
    page's top left like the text's words; nulls for an invisible signature."""
    field = sig.sig_field
    widget = field if "/Rect" in field else next(
        (k.get_object() for k in field.get("/Kids", []) if "/Rect" in k.get_object()), None)
    try:
        page_ref = widget.raw_get("/P")
        number = pages.get((page_ref.idnum, page_ref.generation))
        x0, y0, x1, y1 = (float(v) for v in widget["/Rect"])
        height = _page_height(page_ref.get_object())
    except Exception:  # no widget, no /P, a malformed rectangle
        return {"page": None, "box": None}
    if number is None or height is None or (x0 == x1 and y0 == y1):
        return {"page": number, "box": None}
    x0, x1 = sorted((x0, x1))
    y0, y1 = sorted((y0, y1))
    return {"page": number, "box": [round(x0, 1), round(height - y1, 1), round(x1, 1),
                                    round(height - y0, 1)]}


def _page_height(page) -> float | None:
    """The page's height from its media box, inherited from the page tree if need be."""
    node, depth = page, 0
    while node is not None and depth <= MAX_TREE_DEPTH:
        if "/MediaBox" in node:
            box = [float(v) for v in node["/MediaBox"]]
            return abs(box[3] - box[1])
        node = node.get("/Parent")
        node = node.get_object() if node is not None else None
        depth += 1
    return None
