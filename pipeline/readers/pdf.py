"""PDF with a text layer, via pdfium.

Official documents put two columns side by side twice: the header (issuer and number left,
national heading and date right) and the closing (Nơi nhận left, signature right). Reading such a
page line by line interleaves the columns. We rebuild reading order from word positions instead:
a visual line is cut into segments at wide gaps; a run of lines whose segments all stay on one
side of the page's middle is a two-column region, read left column first, then right.
"""
from __future__ import annotations

import ctypes
import io
import operator
import re
import threading
from dataclasses import dataclass

from pipeline import limits
from pipeline.readers import signatures, textlayer
from pipeline.text import Text

# Text this close to the top or bottom edge (fractions of the page height) sits in the margins:
# page numbers and running headers or footers, kept apart from the body.
HEADER_BAND = 0.055
FOOTER_BAND = 0.935
PAGE_NUMBER_BAND = 0.12


def _visual_lines(words: list[dict]) -> list[list[dict]]:
    """Group words whose vertical positions overlap into lines, top to bottom."""
    lines: list[list[dict]] = []
    references: list[tuple[float, float]] = []  # each line's first top, and how far off a word
    for word in sorted(words, key=_TOP_LEFT):     # may sit: half that word's height
        top = word["top"]
        # A word can only belong to one of the last lines.
        for n in range(len(lines) - 1, max(len(lines) - 4, -1), -1):
            if abs(top - references[n][0]) < references[n][1]:
                lines[n].append(word)
                break
        else:
            lines.append([word])
            references.append((top, max(word["bottom"] - top, 1.0) * 0.5))
    for line in lines:
        line.sort(key=_LEFT)
    return lines


_TOP_LEFT = operator.itemgetter("top", "x0")
_LEFT = operator.itemgetter("x0")


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


# A line drawn with characters: "-----", "–––––", "_____".
_RULE = re.compile(r"^[-–—_=~]{3,}$")


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
    dicts with text, x0, x1, top and bottom (points from the page's top left); extent is the span of
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
                if _RULE.match(out[-1]) and n + 1 < len(run):
                    out.append("")  # a rule under a title ends its block, like a blank line
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


def _words(textpage, own_chars: int | None = None) -> list[dict]:
    """Words of a pdfium text page, in content order: runs of characters between spaces and
    line ends (pdfium adds a space wherever characters stand apart). Characters from
    `own_chars` on were drawn in from annotations: their words are marked `annotation`. A word's box is its first
    and last characters' loose boxes (the font's ascent to descent, the same for every letter
    of a line, where ink boxes would make "-" a sliver mid-line); asking pdfium for two boxes
    a word, not one a character, is most of the reader's speed."""
    import pypdfium2.raw as pdfium_c

    count = pdfium_c.FPDFText_CountChars(textpage)
    if count <= 0:
        return []
    buffer = ctypes.create_string_buffer(2 * (count + 1))
    written = pdfium_c.FPDFText_GetText(textpage, 0, count,
                                        ctypes.cast(buffer, ctypes.POINTER(ctypes.c_ushort)))
    chars = buffer.raw[:2 * max(written - 1, 0)].decode("utf-16-le", "replace")
    if len(chars) != count:  # characters outside the BMP: one index each, two UTF-16 units
        chars = "".join(chr(pdfium_c.FPDFText_GetUnicode(textpage, n)) for n in range(count))
    box = pdfium_c.FS_RECTF()
    get_box = pdfium_c.FPDFText_GetLooseCharBox
    words = []
    for match in _WORD.finditer(chars):
        get_box(textpage, match.start(), box)
        x0, top, bottom = box.left, box.top, box.bottom
        get_box(textpage, match.end() - 1, box)
        word = {"text": match.group().translate(_HYPHEN), "x0": x0, "x1": max(box.right, x0),
                "top": top, "bottom": bottom}
        if own_chars is not None and match.start() >= own_chars:
            word["annotation"] = True
        words.append(word)
    return words


# A word: characters between white space and what pdfium marks as no character. pdfium gives
# a hyphen that ends a line as \ufffe (\x02 one character at a time) and joins the next line's
# word to it: the word ends with its hyphen, as printed ("1234/QĐ-" before "TTg").
_WORD = re.compile(r"[^\s\x00-\x02\ufffe\uffff]+[\x02\ufffe]?|[\x02\ufffe]")
_HYPHEN = str.maketrans("\x02\ufffe", "--")


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


def _page_words(document, index: int) -> tuple[float, list[dict], bool]:
    """(height, words, scanned) of a page, with what its annotations show drawn in: the number
    and the day of a signed document are often the appearance of a signature field placed over
    "Số:   /…" and "ngày   tháng" (the e-office stamps them when the văn thư signs), so they
    join the line they sit on like any printed word. `scanned`: the page is to be read by OCR
    (a text layer of fewer than MIN_LAYER_LETTERS letters of its own, and either no text at all
    or a picture to read: a page with only its number printed is not a scan)."""
    import pypdfium2.raw as pdfium_c

    page = document[index]
    stamps, own_chars = [], None
    try:
        if pdfium_c.FPDFPage_GetAnnotCount(page.raw) > 0:
            own_chars = _char_count(page)
            # The stamps drawn without their appearance: what is under them on the page.
            stamps = [(box, _render(page, box, draw_annots=False)) for box in _stamp_boxes(page)]
            # Flattening writes the appearances into the page's content; the page object
            # must be loaded again to see them.
            if pdfium_c.FPDFPage_Flatten(page.raw, pdfium_c.FLAT_PRINT) == \
                    pdfium_c.FLATTEN_SUCCESS:
                page.close()
                page = document[index]
        width, height = page.get_size()
        textpage = page.get_textpage()
        try:
            words = _words(textpage.raw, own_chars)
        finally:
            textpage.close()
        words += _pictured_stamps(page, stamps, words)
        words = _stamped_over([box for box, _ in stamps], words)
        # What annotations show is not the page's own text: a scan that a portal signed has
        # its signature box as its only text, and must still be read by OCR.
        own = [w for w in words if not w.get("annotation")]
        scanned = not _has_letters(own, MIN_LAYER_LETTERS) and (
            not own or _has_picture(page))
    finally:
        page.close()
    # pdfium measures from the bottom of the page; the column logic, from the top.
    for word in words:
        word["top"], word["bottom"] = height - word["top"], height - word["bottom"]
    return height, words, scanned


def _has_picture(page) -> bool:
    import pypdfium2.raw as pdfium_c

    return next(page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE], max_depth=2),
                None) is not None


# A signature widget no larger than this (points) is a stamp of a few characters, the number or
# the day, not the signature's picture with its seal.
STAMP_WIDTH, STAMP_HEIGHT = 80.0, 40.0
STAMP_DPI = 600


def _stamped_over(boxes, words: list[dict]) -> list[dict]:
    """The words without those a stamp covers: a value the văn thư stamps over a template's
    draft ("tháng 4" left in the draft, the month 5 stamped on the 4) is what the page says."""
    stamped = [w for w in words if w.get("annotation") and _inside(w, boxes)]
    if not stamped:
        return words

    def covered(word: dict) -> bool:
        width = max(word["x1"] - word["x0"], 0.1)
        height = max(word["top"] - word["bottom"], 1.0)
        return any(abs(word["top"] - s["top"]) < height
                   and min(word["x1"], s["x1"]) - max(word["x0"], s["x0"]) > 0.5 * width
                   for s in stamped)

    return [w for w in words if w.get("annotation") or not covered(w)]


def _char_count(page) -> int:
    """How many characters the page's own content gives, before annotations are drawn in
    (pdfium puts theirs after)."""
    textpage = page.get_textpage()
    try:
        return textpage.count_chars()
    finally:
        textpage.close()


def _inside(word: dict, boxes) -> bool:
    """Whether the word's middle lies in one of the boxes (left, bottom, right, top), in
    pdfium's coordinates (from the page's bottom)."""
    x, y = (word["x0"] + word["x1"]) / 2, (word["top"] + word["bottom"]) / 2
    return any(left <= x <= right and bottom <= y <= top for left, bottom, right, top in boxes)


def _stamp_boxes(page) -> list[tuple[float, float, float, float]]:
    """Boxes (left, bottom, right, top) of the page's stamp-sized signature widgets."""
    import pypdfium2.raw as pdfium_c

    boxes = []
    for n in range(pdfium_c.FPDFPage_GetAnnotCount(page.raw)):
        annotation = pdfium_c.FPDFPage_GetAnnot(page.raw, n)
        try:
            if pdfium_c.FPDFAnnot_GetSubtype(annotation) != pdfium_c.FPDF_ANNOT_WIDGET:
                continue
            size = pdfium_c.FPDFAnnot_GetStringValue(annotation, b"FT", None, 0)
            buffer = ctypes.create_string_buffer(max(size, 2))
            pdfium_c.FPDFAnnot_GetStringValue(
                annotation, b"FT", ctypes.cast(buffer, ctypes.POINTER(pdfium_c.FPDF_WCHAR)), size)
            rect = pdfium_c.FS_RECTF()
            if buffer.raw[:max(size - 2, 0)].decode("utf-16-le", "replace") == "Sig" and \
                    pdfium_c.FPDFAnnot_GetRect(annotation, rect):
                left, right = sorted((rect.left, rect.right))
                bottom, top = sorted((rect.bottom, rect.top))
                if 0 < right - left <= STAMP_WIDTH and 0 < top - bottom <= STAMP_HEIGHT:
                    boxes.append((left, bottom, right, top))
        finally:
            pdfium_c.FPDFPage_CloseAnnot(annotation)
    return boxes


def _render(page, box: tuple[float, float, float, float], **options):
    """The part of the page in box (left, bottom, right, top), at STAMP_DPI, greyscale."""
    width, height = page.get_size()
    left, bottom, right, top = box
    return page.render(scale=STAMP_DPI / 72, crop=(left, bottom, width - right, height - top),
                       grayscale=True, **options).to_pil().convert("L")


def _pictured_stamps(page, stamps, words: list[dict]) -> list[dict]:
    """Words for the stamps whose appearance is a picture of digits, not text (some e-office
    systems stamp the number and the day as tiny images): the stamp's own ink (where the page
    drawn with it differs from the page drawn without it) is read by tesseract restricted to
    digits; `ocr` on the word says where it came from."""
    from PIL import Image, ImageChops

    found = []
    for box, under in stamps:
        left, bottom, right, top = box
        if any(w.get("annotation") and _inside(w, [box]) for w in words):
            continue  # the stamp is text: read with the page
        drawn = _render(page, box)
        if drawn.size != under.size:
            continue
        changed = ImageChops.difference(drawn, under).point(lambda v: 255 if v > 24 else 0)
        ink = Image.composite(drawn, Image.new("L", drawn.size, 255), changed)
        from pipeline.readers import ocr
        digits = ocr.read_digits(ink)
        if digits:
            found.append({"text": digits, "x0": left, "x1": right, "top": top,
                          "bottom": bottom, "ocr": True, "annotation": True})
    return found


def _loaded(document, index: int) -> tuple[float, list[dict], bool] | None:
    """The page's (height, words, scanned), or None for a page pdfium cannot load (a page tree that
    lists itself among its pages): the others are still read."""
    import pypdfium2

    try:
        return _page_words(document, index)
    except pypdfium2.PdfiumError:
        return None


TABLE_RULES = 6  # ruling lines a page needs before it is searched for a table
TABLE_COLUMNS = 12  # more columns than a task table or statistics table has: rulings


def _in_box(word: dict, box) -> bool:
    """Whether the word's middle lies in box (x0, top, x1, bottom), from the page's top."""
    x, y = (word["x0"] + word["x1"]) / 2, (word["top"] + word["bottom"]) / 2
    return box[0] <= x <= box[2] and box[1] <= y <= box[3]


def _with_table_rows(page, words: list[dict]) -> list[dict]:
    """The words of a ruled table of three columns or more gathered into one word a row, its
    cells joined by " | " as the Word reader writes a data table: read line by line, a row's
    cells would interleave (a task table's "Nội dung | Cơ quan chủ trì | Thời gian")."""
    try:
        tables = page.find_tables()
    except Exception:  # a table finder's failure leaves the page as its lines read
        return words
    for table in tables:
        rows = table.rows
        if len(rows) < 2 or not 3 <= max(len(row.cells) for row in rows) <= TABLE_COLUMNS:
            continue  # a layout table (the header's or closing's two columns), or rulings
        within = [w for w in words if _in_box(w, table.bbox)]
        cells = [[w for w in within if _in_box(w, box)] for row in rows for box in row.cells
                 if box is not None]
        filled = [cell for cell in cells if cell]
        if not filled or sum(len(cell) > 1 for cell in filled) < 0.3 * len(filled):
            continue  # lines drawn under single words (a signing tool's boxes), not a table
        words = [w for w in words if not _in_box(w, table.bbox)]
        for row in rows:
            cells = []
            for box in row.cells:
                cell = [w for w in within if box is not None and _in_box(w, box)]
                cells.append(" ".join(w["text"] for line in _visual_lines(cell) for w in line))
            if any(cells):
                top = row.bbox[1] + 1
                words.append({"text": " | ".join(cells), "x0": table.bbox[0],
                              "x1": table.bbox[2], "top": top, "bottom": top + 8})
    return words


def _ruled_pages(data: bytes, indices: list[int]) -> list[int]:
    """Which of the pages draw at least TABLE_RULES lines or boxes (counted by pdfium, fast):
    only these are worth pdfplumber's slower table finder."""
    import pypdfium2
    import pypdfium2.raw as pdfium_c

    ruled = []
    with _PDFIUM:
        document = pypdfium2.PdfDocument(data)
        try:
            for index in indices:
                page = document[index]
                try:
                    paths = page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_PATH], max_depth=2)
                    if sum(1 for _, _ in zip(range(TABLE_RULES), paths)) >= TABLE_RULES:
                        ruled.append(index)
                finally:
                    page.close()
        finally:
            document.close()
    return ruled


def _with_tables(data: bytes, pages: list[tuple[float, list[dict]]], indices: list[int]) -> None:
    """Gather the rows of ruled tables on the given text pages into one line each (in place)."""
    ruled = _ruled_pages(data, indices)
    if not ruled:
        return
    import pdfplumber

    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            for index in ruled:
                height, words = pages[index]
                pages[index] = (height, _with_table_rows(pdf.pages[index], words))
    except Exception:  # pdfplumber failing on a file pdfium reads leaves its pages as read
        return


def _pages_words(data: bytes) -> tuple[int, list[tuple[float, list[dict], bool] | None]]:
    """(page count, [(page height, words, scanned) or None]): everything the PDF library has
    to do."""
    import pypdfium2
    import pypdfium2.raw as pdfium_c

    with _PDFIUM:
        try:
            document = pypdfium2.PdfDocument(data)
        except pypdfium2.PdfiumError as err:
            if err.err_code == pdfium_c.FPDF_ERR_PASSWORD:
                raise ValueError("the PDF is encrypted (password-protected)")
            raise ValueError(f"damaged or truncated PDF ({err})")
        try:
            count = len(document)
            if count > limits.PDF_PAGES.value:
                raise ValueError(limits.PDF_PAGES.exceeded(count))
            return count, [_loaded(document, n) for n in range(count)]
        finally:
            document.close()


# A page with fewer letters than this in its text layer is taken for a scan and OCRed.
MIN_LAYER_LETTERS = 30


def _has_letters(words: list[dict], wanted: int) -> bool:
    """Whether the words hold at least `wanted` letters (counted only that far)."""
    count = 0
    for word in words:
        count += sum(map(str.isalpha, word["text"]))
        if count >= wanted:
            return True
    return False


def read_pdf(data: bytes) -> Text:
    count, loaded = _pages_words(data)
    unreadable = [n for n, page in enumerate(loaded) if page is None]
    if len(unreadable) == count:
        raise ValueError("damaged PDF: no page can be read")
    warnings = [f"Trang {n + 1}: hỏng, không đọc được" for n in unreadable]
    pages = [page[:2] if page else (0.0, []) for page in loaded]
    again = []  # pages read by OCR: scans, and text layers too broken to repair
    for n, (height, words) in enumerate(pages):
        if n in unreadable:
            continue
        if loaded[n][2]:
            again.append(n)
            continue
        read_stamps = [w["text"] for w in words if w.get("ocr")]
        if read_stamps:
            warnings.append(f"Trang {n + 1}: số trên dấu của chữ ký số là hình ảnh, đã đọc bằng "
                            f"OCR ({', '.join(read_stamps)}): cần đối chiếu với bản gốc")
        verdict = textlayer.check(words)
        if verdict.fault:
            warnings.append(textlayer.warning(n + 1, verdict))
            if verdict.repaired:
                pages[n] = (height, verdict.words)
            else:
                again.append(n)
    _with_tables(data, pages, [n for n in range(count) if n not in unreadable and n not in again])
    read = None
    if again:
        from pipeline.readers import ocr
        read = ocr.read_pages([_page_image(data, n) for n in again], [n + 1 for n in again])
        for n, page in zip(again, read.pages):
            pages[n] = (page.height, page.words)
    text = text_of_pages(pages, "pdf", read)
    text.signatures, signing = signatures.read_signatures(data)
    text.warnings[:0] = warnings + signing
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
            try:
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
