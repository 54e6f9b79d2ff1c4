"""PDF with a text layer, via pdfplumber.

Official documents put two columns side by side twice: the header (issuer and number left,
national heading and date right) and the closing (Nơi nhận left, signature right). Reading such a
page line by line interleaves the columns. We rebuild reading order from word positions instead:
a visual line is cut into segments at wide gaps; a run of lines whose segments all stay on one
side of the page's middle is a two-column region, read left column first, then right.
"""
from __future__ import annotations

import io
import logging
from dataclasses import dataclass

from pipeline.text import Text

MAX_PAGES = 2000


@dataclass
class _Segment:
    x0: float
    x1: float
    text: str


def _visual_lines(words: list[dict]) -> list[list[dict]]:
    """Group words whose vertical positions overlap into lines, top to bottom."""
    lines: list[list[dict]] = []
    for word in sorted(words, key=lambda w: (round(w["top"]), w["x0"])):
        if lines:
            last = lines[-1]
            ref = last[0]
            height = max(ref["bottom"] - ref["top"], 1.0)
            if abs(word["top"] - ref["top"]) < height * 0.5:
                last.append(word)
                continue
        lines.append([word])
    for line in lines:
        line.sort(key=lambda w: w["x0"])
    return lines


def _segments(line: list[dict]) -> list[_Segment]:
    """Cut a visual line at gaps much wider than a space."""
    height = max(line[0]["bottom"] - line[0]["top"], 1.0)
    gap_limit = max(2.5 * height, 18.0)
    segments: list[_Segment] = []
    for word in line:
        if segments and word["x0"] - segments[-1].x1 < gap_limit:
            seg = segments[-1]
            seg.text += " " + word["text"]
            seg.x1 = max(seg.x1, word["x1"])
        else:
            segments.append(_Segment(word["x0"], word["x1"], word["text"]))
    return segments


def page_lines(words: list[dict]) -> list[str]:
    """The page's text lines in reading order (exposed for tests)."""
    if not words:
        return []
    left = min(w["x0"] for w in words)
    right = max(w["x1"] for w in words)
    middle = (left + right) / 2
    out: list[str] = []
    region_left: list[str] = []
    region_right: list[str] = []

    def flush():
        out.extend(region_left)
        out.extend(region_right)
        region_left.clear()
        region_right.clear()

    for line in _visual_lines(words):
        segments = _segments(line)
        if any(seg.x0 < middle - 2 < middle + 2 < seg.x1 for seg in segments):
            flush()  # a line across the middle: ordinary full-width text
            out.append(" ".join(seg.text for seg in segments))
            continue
        for seg in segments:
            (region_left if seg.x1 <= middle + 2 else region_right).append(seg.text)
    flush()
    return out


def read_pdf(data: bytes) -> Text:
    import pdfplumber  # heavy: imported only when a PDF is read
    from pdfminer.pdfdocument import PDFPasswordIncorrect, PDFEncryptionError
    from pdfminer.psparser import PSException
    from pdfplumber.utils.exceptions import PdfminerException

    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    raw: list[tuple[str, int | None, str]] = []
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            count = len(pdf.pages)
            if count > MAX_PAGES:
                raise ValueError(f"{count} pages, more than the limit of {MAX_PAGES}")
            for number, page in enumerate(pdf.pages, start=1):
                words = page.extract_words(x_tolerance=1.5, y_tolerance=2,
                                           keep_blank_chars=False)
                for text in page_lines(words):
                    raw.append((text, number, "body"))
                raw.append(("", number, "body"))
                page.flush_cache()
    except (PDFPasswordIncorrect, PDFEncryptionError):
        raise ValueError("the PDF is encrypted (password-protected)")
    except PdfminerException as err:
        cause = err.args[0] if err.args else err
        if isinstance(cause, (PDFPasswordIncorrect, PDFEncryptionError)):
            raise ValueError("the PDF is encrypted (password-protected)")
        raise ValueError(f"damaged or truncated PDF ({type(cause).__name__})")
    except PSException as err:
        raise ValueError(f"damaged or truncated PDF ({type(err).__name__})")
    text = Text.from_lines(raw, format="pdf", pages=count)
    if text.is_blank():
        raise ValueError("the PDF has no text layer (a scan?); scanned documents are not "
                         "read yet")
    return text
