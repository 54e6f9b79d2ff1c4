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
import re
import threading
from dataclasses import dataclass

from pipeline import limits
from pipeline.text import Text

# Text this close to the top or bottom edge (fractions of the page height) sits in the margins:
# page numbers and running headers or footers, kept apart from the body.
HEADER_BAND = 0.055
FOOTER_BAND = 0.935
PAGE_NUMBER_BAND = 0.12
WORD_GAP = 1.5  # points between two characters of one word, at most


def _visual_lines(words: list[dict]) -> list[list[dict]]:
    """Group words whose vertical positions overlap into lines, top to bottom."""
    lines: list[list[dict]] = []
    for word in sorted(words, key=lambda w: (w["top"], w["x0"])):
        for line in reversed(lines[-3:]):  # a word can only belong to one of the last lines
            ref = line[0]
            height = max(ref["bottom"] - ref["top"], 1.0)
            if abs(word["top"] - ref["top"]) < height * 0.5:
                line.append(word)
                break
        else:
            lines.append([word])
    for line in lines:
        line.sort(key=lambda w: w["x0"])
    return lines


def _free(line: list[dict], lo: float, hi: float, units: "Units") -> list[tuple[float, float]]:
    """The parts of [lo, hi] where a column gutter could run through this line: outside its
    words, or inside a gap much wider than the line's ordinary word spacing (justified text
    stretches every space alike, so none of its gaps qualifies)."""
    gaps = [(a["x1"], b["x0"]) for a, b in zip(line, line[1:])]
    widths = sorted(b - a for a, b in gaps)
    if len(widths) >= 3:
        wide = max(units.min_gutter, 2.0 * widths[len(widths) // 2])
    else:
        wide = units.few_gaps_gutter
    free = [(lo, min(hi, line[0]["x0"]))] + [g for g in gaps if g[1] - g[0] >= wide] + [
        (max(lo, line[-1]["x1"]), hi)]
    return [(max(a, lo), min(b, hi)) for a, b in free if min(b, hi) > max(a, lo)]


def _intersect(a: list[tuple[float, float]], b: list[tuple[float, float]]):
    return [(max(x0, y0), min(x1, y1)) for x0, x1 in a for y0, y1 in b
            if min(x1, y1) > max(x0, y0)]


def _text(words: list[dict], wide_gap: float = float("inf")) -> str:
    """The words of a line joined by spaces; a gap wider than wide_gap stays wide (three
    spaces), so that extractors still see two elements printed side by side in one column
    region ("- TT. Tỉnh ủy, HĐND tỉnh;      CHỦ TỊCH")."""
    parts = [words[0]["text"]] if words else []
    for before, word in zip(words, words[1:]):
        parts.append("   " if word["x0"] - before["x1"] >= wide_gap else " ")
        parts.append(word["text"])
    return "".join(parts)


@dataclass(frozen=True)
class Units:
    """Gap widths that can separate two columns: the narrowest at all, and the narrowest in a
    line with too few word gaps to compare with (in points for PDF, characters for text)."""
    min_gutter: float
    few_gaps_gutter: float
    # Whether a blank line ends a two-column region. Plain text centres nothing, so a title
    # after the header would otherwise be taken for part of its left column; PDF cells do hold
    # blank paragraphs, and a PDF's titles are centred across the gutter anyway.
    gap_ends_columns: bool
    wide_gap: float  # a gap between two words of a line that sets them apart as elements


POINTS = Units(min_gutter=4.0, few_gaps_gutter=12.0, gap_ends_columns=False, wide_gap=24.0)
CHARACTERS = Units(min_gutter=3.0, few_gaps_gutter=3.0, gap_ends_columns=True, wide_gap=3.0)


def page_lines(words: list[dict], units: Units = POINTS,
               extent: tuple[float, float] | None = None) -> list[str]:
    """The page's text lines in reading order, blank lines between paragraphs. Words are
    dicts with text, x0, x1, top and bottom, as pdfplumber gives them; extent is the span of
    x where columns lie (default: all the words)."""
    if not words:
        return []
    left, right = extent or (min(w["x0"] for w in words), max(w["x1"] for w in words))
    width = right - left
    lo, hi = left + 0.2 * width, left + 0.8 * width  # where a column gutter can lie
    lines = _visual_lines(words)
    out: list[str] = []
    pitches = sorted(b[0]["top"] - a[0]["top"] for a, b in zip(lines, lines[1:]))
    pitch = pitches[len(pitches) // 2] if pitches else 0

    def emit(run: list[list[dict]], gutter):
        two_columns = gutter is not None and len(run) > 1 and any(
            line[0]["x1"] <= gutter[0] and line[-1]["x0"] >= gutter[1] for line in run)
        if not two_columns:
            for n, line in enumerate(run):
                if n and pitch and line[0]["top"] - run[n - 1][0]["top"] > 1.6 * pitch \
                        and out and out[-1]:
                    out.append("")  # a wider gap between lines: a new paragraph
                out.append(_text(line, units.wide_gap))
            return
        if out and out[-1]:
            out.append("")
        left_col = [_text([w for w in line if w["x1"] <= gutter[0]], units.wide_gap)
                    for line in run]
        right_col = [_text([w for w in line if w["x0"] >= gutter[1]], units.wide_gap)
                     for line in run]
        out.extend(t for t in left_col if t)
        out.extend(t for t in right_col if t)
        out.append("")

    def close(run, free):
        gutter = max(free, key=lambda f: f[1] - f[0], default=None)
        if gutter and gutter[1] - gutter[0] < units.min_gutter:
            gutter = None
        if gutter is not None:
            # One-sided lines after the region's last two-sided line belong to it only while
            # they follow closely: "Kính gửi:" after the header, or a name after the blank
            # lines of a signature, start text of their own.
            two_sided = [n for n, line in enumerate(run)
                         if line[0]["x1"] <= gutter[0] and line[-1]["x0"] >= gutter[1]]
            if two_sided:
                for n in range(two_sided[-1] + 1, len(run)):
                    if pitch and run[n][0]["top"] - run[n - 1][0]["top"] > 1.6 * pitch:
                        emit(run[:n], gutter)
                        emit(run[n:], None)
                        return
        emit(run, gutter)

    run: list[list[dict]] = []
    free: list[tuple[float, float]] = []
    middle = (left + right) / 2
    for line in lines:
        line_free = _free(line, lo, hi, units)
        joined = _intersect(free, line_free) if run else line_free
        gap = bool(run) and pitch and line[0]["top"] - run[-1][0]["top"] > 1.6 * pitch
        # A line of one piece centred on the page ("Kính gửi:", a title) is in no column.
        inside = [f for f in line_free if f[0] > line[0]["x0"] and f[1] < line[-1]["x1"]]
        centred = not inside and abs((line[0]["x0"] + line[-1]["x1"]) / 2 - middle) < 0.06 * width
        if run and (not any(b - a >= units.min_gutter for a, b in joined) or centred
                    or (gap and units.gap_ends_columns)):
            close(run, free)
            run, joined = [], line_free
        run.append(line)
        free = joined
    if run:
        close(run, free)
    return out


def _words(layout) -> list[dict]:
    """Words from pdfminer's characters, in content order, split at spaces and jumps.

    pdfplumber turns every character into a dict of twenty attributes before grouping words;
    we only need text and box, and reading the characters directly halves the time a page
    takes."""
    from pdfminer.layout import LTChar, LTContainer

    page_top = layout.y1
    words: list[dict] = []
    current: dict | None = None

    def walk(container):
        nonlocal current
        for obj in container:
            if isinstance(obj, LTChar):
                text = obj.get_text()
                top, bottom = page_top - obj.y1, page_top - obj.y0
                if not text.strip():
                    current = None
                    continue
                height = max(bottom - top, 1.0)
                if (current is not None and abs(top - current["top"]) < 0.5 * height
                        and -0.5 * height <= obj.x0 - current["x1"] <= WORD_GAP):
                    current["text"] += text
                    current["x1"] = max(current["x1"], obj.x1)
                    current["bottom"] = max(current["bottom"], bottom)
                else:
                    current = {"text": text, "x0": obj.x0, "x1": obj.x1, "top": top,
                               "bottom": bottom}
                    words.append(current)
            elif isinstance(obj, LTContainer):
                walk(obj)

    walk(layout)
    return words


TABLE_RULES = 6  # ruling lines a page needs before it is searched for a table
TABLE_COLUMNS = 12  # more columns than a task table or statistics table has: rulings


def _ruling_count(layout) -> int:
    from pdfminer.layout import LTContainer, LTCurve

    count = 0
    for obj in layout:
        if isinstance(obj, LTCurve):  # lines and rectangles are curves to pdfminer
            count += 1
        elif isinstance(obj, LTContainer) and count < TABLE_RULES:
            count += _ruling_count(obj)
    return count


def _inside(word: dict, box) -> bool:
    x, y = (word["x0"] + word["x1"]) / 2, (word["top"] + word["bottom"]) / 2
    return box[0] <= x <= box[2] and box[1] <= y <= box[3]


def _with_table_rows(page, words: list[dict]) -> list[dict]:
    """The words of a ruled table of three columns or more gathered into one word a row, its
    cells joined by " | " as the Word reader writes a data table: read line by line, a row's
    cells would interleave (a task table's "Nội dung | Cơ quan chủ trì | Thời gian")."""
    if _ruling_count(page.layout) < TABLE_RULES:
        return words
    try:
        tables = page.find_tables()
    except Exception:  # a table finder's failure leaves the page as its lines read
        return words
    for table in tables:
        rows = table.rows
        if len(rows) < 2 or not 3 <= max(len(row.cells) for row in rows) <= TABLE_COLUMNS:
            continue  # a layout table (the header's or closing's two columns), or rulings
        within = [w for w in words if _inside(w, table.bbox)]
        cells = [[w for w in within if _inside(w, box)] for row in rows for box in row.cells
                 if box is not None]
        filled = [cell for cell in cells if cell]
        if not filled or sum(len(cell) > 1 for cell in filled) < 0.3 * len(filled):
            continue  # lines drawn under single words (a signing tool's boxes), not a table
        words = [w for w in words if not _inside(w, table.bbox)]
        for row in rows:
            cells = []
            for box in row.cells:
                cell = [w for w in within if box is not None and _inside(w, box)]
                cells.append(" ".join(w["text"] for line in _visual_lines(cell) for w in line))
            if any(cells):
                top = row.bbox[1] + 1
                words.append({"text": " | ".join(cells), "x0": table.bbox[0],
                              "x1": table.bbox[2], "top": top, "bottom": top + 8})
    return words


_PAGE_NUMBER = re.compile(r"^\W*(?:trang\s*)?\d{1,4}(?:\s*/\s*\d{1,4})?\W*$", re.I)


def _margins(words: list[dict], height: float):
    """(zone, words) for the page header, body and page footer: text in the top or bottom
    margin band, and a lone page number near either edge, is not body text."""
    header, body, footer = [], [], []
    for line in _visual_lines(words):
        top, bottom = line[0]["top"], line[0]["bottom"]
        number = _PAGE_NUMBER.match(_text(line))
        if bottom < HEADER_BAND * height or (number and top < PAGE_NUMBER_BAND * height):
            header.extend(line)
        elif top > FOOTER_BAND * height or (number and top > (1 - PAGE_NUMBER_BAND) * height):
            footer.extend(line)
        else:
            body.extend(line)
    return ("page-header", header), ("body", body), ("page-footer", footer)


# An object whose whole body is a reference to another object.
_BARE_REFERENCE = re.compile(rb"(?<![0-9])(\d{1,10}) \d{1,5} obj\s*(\d{1,10}) \d{1,5} R\s*endobj")


def _reference_ring(data: bytes) -> bool:
    """Whether objects refer only to each other in a ring: pdfminer follows such a ring forever
    (the file time limit would end it, but only after minutes). Objects packed in object
    streams are not seen here; the time limit stays their guard."""
    target = {int(a): int(b) for a, b in _BARE_REFERENCE.findall(data)}
    for start in target:
        seen = {start}
        at = target[start]
        while at in target:
            if at in seen:
                return True
            seen.add(at)
            at = target[at]
    return False


def _pages_words(data: bytes) -> tuple[int, list[tuple[float, list[dict]]]]:
    """(page count, [(page height, words)]): everything the PDF library has to do."""
    import pdfplumber  # heavy: imported only when a PDF is read
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    from pdfplumber.utils.exceptions import PdfminerException

    if _reference_ring(data):
        raise ValueError("damaged PDF (objects that only refer to each other, in a ring)")
    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    pages = []
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            count = len(pdf.pages)
            if count > limits.PDF_PAGES.value:
                raise ValueError(limits.PDF_PAGES.exceeded(count))
            for page in pdf.pages:
                pages.append((float(page.height), _with_table_rows(page, _words(page.layout))))
                page.flush_cache()
    except (PDFPasswordIncorrect, PDFEncryptionError):
        raise ValueError("the PDF is encrypted (password-protected)")
    except PdfminerException as err:
        cause = err.args[0] if err.args else err
        if isinstance(cause, (PDFPasswordIncorrect, PDFEncryptionError)):
            raise ValueError("the PDF is encrypted (password-protected)")
        raise ValueError(f"damaged or truncated PDF ({type(cause).__name__})")
    except ValueError:
        raise
    except Exception as err:
        # pdfminer and pdfplumber signal damaged files with many exception types (syntax
        # errors, malformed boxes, type and key errors from broken object graphs); for a clerk
        # all of them mean the same thing. Only library calls are inside this try.
        raise ValueError(f"damaged or truncated PDF ({type(err).__name__})")
    return count, pages


# A page with fewer letters than this in its text layer is taken for a scan and OCRed.
MIN_LAYER_LETTERS = 30


def read_pdf(data: bytes) -> Text:
    count, pages = _pages_words(data)
    scanned = [n for n, (_, words) in enumerate(pages)
               if sum(c.isalpha() for w in words for c in w["text"]) < MIN_LAYER_LETTERS]
    read = None
    if scanned:
        from pipeline.readers import ocr
        read = ocr.read_pages([_page_image(data, n) for n in scanned], [n + 1 for n in scanned])
        for n, page in zip(scanned, read.pages):
            pages[n] = (page.height, page.words)
    text = text_of_pages(pages, "pdf", read)
    if text.is_blank():
        raise ValueError("no text in the PDF, neither a text layer nor anything OCR can read")
    return text


def _page_image(data: bytes, index: int):
    """A loader of the page's picture at OCR resolution (made when OCR gets to the page, so a
    long scan is not held in memory whole)."""
    def load():
        import pypdfium2

        from pipeline.readers import ocr
        with _PDFIUM:  # pdfium is not thread-safe
            try:  # pdfminer may read a file that pdfium, stricter, will not draw
                document = pypdfium2.PdfDocument(data)
                try:
                    page = document[index]
                    # A coarse scan is rendered enlarged (pdfium smooths it better than a
                    # resize of a coarse rendering would), any other page at 300 dpi.
                    scanned = _scan_dpi(page) or ocr.DPI
                    dpi = ocr.LOW_RESOLUTION_DPI if scanned < ocr.DPI - 10 else ocr.DPI
                    # A page can claim to be metres wide: its size is checked before rendering.
                    width, height = (round(side * dpi / 72) for side in page.get_size())
                    ocr.check_size(width, height)
                    return page.render(scale=dpi / 72).to_pil(), dpi
                finally:
                    document.close()
            except pypdfium2.PdfiumError as err:
                raise ValueError(f"damaged PDF: page {index + 1} cannot be drawn for OCR "
                                 f"({err})")
    return load


_PDFIUM = threading.Lock()


def _scan_dpi(page) -> float | None:
    """The resolution the page's largest picture was scanned at (rendering finer adds no
    detail; OCR enlarges coarse scans its own way)."""
    import pypdfium2.raw as pdfium_c

    best = None
    for image in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE], max_depth=2):
        width_pixels, _ = image.get_px_size()
        left, _, right, _ = image.get_bounds()
        if right > left and (best is None or width_pixels > best[0]):
            best = (width_pixels, width_pixels / ((right - left) / 72))
    return best[1] if best else None


def text_of_pages(pages: list[tuple[float, list[dict]]], format: str, read=None) -> Text:
    """Text of pages given as (height, words), margins apart; `read` is the OCR's report on
    the pages it read (ocr.Reading), if any."""
    raw: list[tuple[str, int | None, str]] = []
    for number, (height, words) in enumerate(pages, start=1):
        for zone, zone_words in _margins(words, height):
            for text in page_lines(zone_words):
                raw.append((text, number, zone))
        raw.append(("", number, "body"))
    text = Text.from_lines(raw, format=format, pages=len(pages))
    if read is not None:
        text.ocr, text.ocr_confidence = True, read.confidence
        text.warnings.extend(read.warnings)
    return text
