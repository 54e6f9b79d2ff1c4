"""Where the checker's findings are on the page: the paragraph a finding names, found in the
PDF that LibreOffice makes of the checked .docx (pdfium's text search), as a box in fractions
of its page, so a picture of the page can be marked where the clerk should look.

A finding carries its paragraph's index in the document model (generators/docx_model.py) and
the start of its text; the PDF knows only text and where it is drawn. So the paragraph's first
words are searched, skipping as many matches as earlier paragraphs hold the same words, and
its last words after them close the box. Findings on the whole document (margins, paper size)
and paragraphs without text have no box.

    marks = locate(docx, pdf_of(docx), report.findings)
"""
from __future__ import annotations

from dataclasses import asdict, dataclass

from generators.checker import Finding
from generators.docx_model import Para, read_model

# Words searched at a paragraph's start (then fewer, when a line break splits them in the
# PDF): few enough to fit on a narrow line, enough not to match everywhere.
START_WORDS = (6, 3, 1)
END_WORDS = 2
PAD_POINTS = 2.0  # around the text, so the mark does not cover its letters' edges
# Past how many characters after its start a paragraph's last words are someone else's.
SLACK_CHARS = 40


@dataclass(frozen=True)
class Mark:
    finding: int  # its index in the report's findings
    page: int     # from 0
    left: float   # the box, in fractions of the page's width and height, from the top left
    top: float
    width: float
    height: float

    def to_dict(self) -> dict:
        return asdict(self)


def locate(docx: bytes, pdf: bytes, findings: list[Finding]) -> list[Mark]:
    """A box for each finding whose paragraph is found in the PDF, in the findings' order."""
    import pypdfium2

    from pipeline.readers.pdf import _PDFIUM

    paras = read_model(docx).paras
    with _PDFIUM:  # pdfium is not thread-safe
        document = pypdfium2.PdfDocument(pdf)
        try:
            pages = [(page, page.get_textpage()) for page in document]
            marks = []
            for number, finding in enumerate(findings):
                if finding.paragraph is None or not 0 <= finding.paragraph < len(paras):
                    continue
                box = _paragraph_box(pages, paras, paras[finding.paragraph])
                if box is not None:
                    marks.append(Mark(number, *box))
            return marks
        finally:
            document.close()


def _paragraph_box(pages, paras: list[Para], para: Para) -> tuple | None:
    """(page, left, top, width, height) of the paragraph's text, or None when not found."""
    words = para.text.split()
    if not words:
        return None
    for count in START_WORDS:
        start = " ".join(words[:count])
        before = sum(start.casefold() in p.text.casefold() for p in paras[:para.index]
                     if p.where != "page-header")
        found = _nth_match(pages, start, before)
        if found is not None:
            break
    else:
        return None
    page_number, at, length = found
    page, text = pages[page_number]
    rects = _rects(text, at, length)
    end = " ".join(words[-END_WORDS:])
    if len(words) > count:  # a longer paragraph: its last words close the box
        searcher = text.search(end, index=at + length)
        match = searcher.get_next()
        if match and match[0] - at <= len(para.text) + SLACK_CHARS:
            rects += _rects(text, *match)
    return (page_number, *_fractions(page, rects))


def _nth_match(pages, needle: str, skip: int) -> tuple[int, int, int] | None:
    """(page, char index, char count) of the needle's match number `skip` (from 0) through
    the pages; the first match when there are fewer."""
    first = None
    for number, (_, text) in enumerate(pages):
        searcher = text.search(needle)
        while (match := searcher.get_next()) is not None:
            first = first or (number, *match)
            if skip == 0:
                return number, *match
            skip -= 1
    return first


def _rects(text, at: int, length: int) -> list[tuple[float, float, float, float]]:
    return [text.get_rect(n) for n in range(text.count_rects(at, length))]


def _fractions(page, rects) -> tuple[float, float, float, float]:
    """The rectangles' union, padded, as (left, top, width, height) fractions of the page
    (PDF points run up from the bottom; pictures run down from the top)."""
    width, height = page.get_size()
    left = max(min(r[0] for r in rects) - PAD_POINTS, 0)
    right = min(max(r[2] for r in rects) + PAD_POINTS, width)
    bottom = max(min(r[1] for r in rects) - PAD_POINTS, 0)
    top = min(max(r[3] for r in rects) + PAD_POINTS, height)
    return left / width, (height - top) / height, (right - left) / width, (top - bottom) / height
