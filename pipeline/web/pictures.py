"""Pictures of an original's pages for the review page: PDF pages drawn by pdfium, scans and
photos as they are, each scaled to a screen's width and sent as PNG. And the pages of a
checked .docx as LibreOffice lays them out, with where each finding is on them."""
from __future__ import annotations

import base64
import io
from pathlib import Path

WIDTH = 900  # pixels: a page beside the form on an office screen
CHECKED_PAGES = 20  # a checked document's pages drawn at most (findings sit on the first)


def page_count(name: str, data: bytes) -> int:
    """How many page pictures the original has (0 for text formats)."""
    kind = Path(name).suffix.lower()
    try:
        if kind == ".pdf":
            import pypdfium2

            from pipeline.readers.pdf import _PDFIUM
            with _PDFIUM:
                document = pypdfium2.PdfDocument(data)
                try:
                    return len(document)
                finally:
                    document.close()
        if kind in (".png", ".jpg", ".jpeg", ".tif", ".tiff"):
            from PIL import Image
            with Image.open(io.BytesIO(data)) as image:
                return getattr(image, "n_frames", 1)
    except Exception:  # a damaged original still has its text and record to review
        return 0
    return 0


def page_png(name: str, data: bytes, index: int) -> bytes | None:
    """Page `index` (from 0) as a PNG WIDTH pixels wide, or None when there is no such page."""
    if not 0 <= index < page_count(name, data):
        return None
    if Path(name).suffix.lower() == ".pdf":
        import pypdfium2

        from pipeline.readers.pdf import _PDFIUM
        with _PDFIUM:  # pdfium is not thread-safe
            document = pypdfium2.PdfDocument(data)
            try:
                page = document[index]
                width, height = page.get_size()
                if height / max(width, 1) > 10:  # a strip claiming to be a page: not drawn
                    return None
                image = page.render(scale=WIDTH / width).to_pil()
            finally:
                document.close()
    else:
        from PIL import Image
        with Image.open(io.BytesIO(data)) as source:
            source.seek(index)
            image = source.convert("RGB")
            image.thumbnail((WIDTH, WIDTH * 3))
    out = io.BytesIO()
    image.convert("RGB").save(out, "PNG", optimize=False, compress_level=3)
    return out.getvalue()


def checked_pages(docx: bytes, findings: list) -> dict:
    """The checked .docx's pages as LibreOffice lays them out ("pages": PNG data: addresses,
    as the page's policy allows no blob: picture) and a box on them for each finding whose
    paragraph was found ("marks", generators.marks.Mark); seconds of LibreOffice."""
    from generators.marks import locate
    from generators.render import pdf_of

    pdf = pdf_of(docx)
    shown = min(page_count("checked.pdf", pdf), CHECKED_PAGES)
    pages = ["data:image/png;base64," + base64.b64encode(page_png("checked.pdf", pdf, n)).decode()
             for n in range(shown)]
    return {"pages": pages, "marks": [m.to_dict() for m in locate(docx, pdf, findings)
                                      if m.page < shown]}
