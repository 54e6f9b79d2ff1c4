"""Scans and photos: each page image is cleaned, read by tesseract with its Vietnamese data, and
its words (with their boxes) go through the same column logic as a PDF's text layer.

Pages run side by side, one tesseract process per core, each single-threaded
(OMP_THREAD_LIMIT=1: tesseract's own threads only fight each other on a small machine).
Cleaning keeps what the OCR benchmark (bench/ocr_accuracy.py) showed to pay off: resolution
brought to 300 dpi (400 for coarser scans and photos), the page background flattened (a
phone's shadow, a scanner's grey), and the skew measured and undone, which tesseract tolerates
but our line grouping does not.
"""
from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

from pipeline import limits

# The resolution pages are read at: a page scanned at 300 dpi or more is read at 300; one
# scanned or photographed coarser is enlarged to 400, since tesseract misreads small letters
# less once they are larger (bench/ocr_accuracy.py: 200 dpi scans and photos gain several
# points of field accuracy; clean 300 dpi pages lose when enlarged).
DPI = 300
LOW_RESOLUTION_DPI = 400
# A page whose words tesseract is on average less sure of than this (percent) gets a warning.
LOW_CONFIDENCE = float(os.environ.get("VANTHU_OCR_MIN_CONFIDENCE", "75"))
MAX_SKEW_DEGREES = 5.0
# Ink no taller than this at 300 dpi (about 1 mm) is a rule or a dash, never a letter.
FLAT_WORD_PIXELS = 12
# A page with fewer letters than this read with some confidence holds no text: a blank back,
# or only a seal or a signature, whose ink tesseract turns into stray marks. A signer's printed
# name alone has more.
BLANK_PAGE_LETTERS = 10
SURE_WORD = 60  # percent: a word tesseract is this sure of is taken for text
# The number and date lines ("Số: 12/UBND-VP", "Hà Nội, ngày 05 tháng 3 năm 2024") are read
# again, enlarged as one line and as a block: printed digits read the same each time, digits
# written or stamped by hand do not ("23", "22", "29"), and those are left for the clerk.
REREADS = (("7", 2), ("6", 1))  # (tesseract page segmentation mode, enlargement)
_FIELD_LINE = re.compile(r"^(?:Số|SỐ|Sổ)\b|\bngày\b.*\btháng\b")
FIELD_LINE_WORDS = 14
_FIELD_TOKENS = (("số văn bản", r"(?:Số|SỐ|Sổ)\s*[:.]?\s*([^\s/]+)\s*/"),
                 ("ngày", r"\bngày\s+(\S+)"), ("tháng", r"\btháng\s+(\S+)"),
                 ("năm", r"\bnăm\s+(\S+)"))
_ETH = str.maketrans("Ðð", "Đđ")


@dataclass
class Page:
    """One page read by OCR: its height and words in points (as the PDF reader has them)."""
    height: float
    words: list[dict]
    confidence: float  # tesseract's mean word confidence, weighted by length, 0–100
    sure_letters: int = 0  # letters in words read with at least SURE_WORD confidence
    notes: list[str] = field(default_factory=list)  # what the clerk must check on this page

    @property
    def blank(self) -> bool:
        return self.sure_letters < BLANK_PAGE_LETTERS


def tesseract() -> str:
    program = shutil.which("tesseract")
    if program is None:
        raise ValueError("a scan needs OCR, and tesseract is not installed "
                         "(run scripts/setup.sh)")
    return program


@dataclass
class Reading:
    """What OCR made of a document's scanned pages."""
    pages: list[Page]
    confidence: float  # over all pages, 0–100
    warnings: list[str]


def read_pages(loaders: list, numbers: list[int]) -> Reading:
    """OCR pages in parallel; each loader gives (PIL image, its dpi or None) when its turn
    comes, `numbers` are the pages' numbers in the document, for the warnings."""
    program = tesseract()
    if len(loaders) > limits.OCR_PAGES.value:
        raise ValueError(limits.OCR_PAGES.exceeded(len(loaders)))
    with limits.untimed(), ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        pages = list(pool.map(lambda load: _read_page(program, *load()), loaders))
    warnings = []
    for number, page in zip(numbers, pages):
        if page.blank:  # its stray marks would only break the lines of the pages around it
            if page.words:
                warnings.append(f"Trang {number}: trang trắng hoặc chỉ có dấu, chữ ký; "
                                "đã bỏ qua khi đọc")
            else:
                warnings.append(f"Trang {number}: trang trắng, đã bỏ qua khi đọc")
            page.words, page.confidence = [], 0.0
            continue
        if page.confidence < LOW_CONFIDENCE:
            warnings.append(f"Trang {number}: nhận dạng chữ (OCR) kém tin cậy "
                            f"({page.confidence:.0f}%), cần đối chiếu với bản gốc")
        warnings += [f"Trang {number}: {note}" for note in page.notes]
    letters = [sum(len(w["text"]) for w in page.words) for page in pages]
    confidence = (sum(p.confidence * n for p, n in zip(pages, letters)) / sum(letters)
                  if sum(letters) else 0.0)
    return Reading(pages, round(confidence, 1), warnings)


def read_digits(image) -> str | None:
    """The digits a small picture shows (a number or a day stamped by an e-office signature),
    read as one line; None when tesseract is not there or reads none."""
    if shutil.which("tesseract") is None:
        return None
    buffer = io.BytesIO()
    image.convert("L").save(buffer, format="PNG")
    try:
        done = subprocess.run(
            [tesseract(), "stdin", "stdout", "--psm", "7", "-c",
             "tessedit_char_whitelist=0123456789"], input=buffer.getvalue(),
            capture_output=True, timeout=limits.OCR_PAGE_SECONDS.value,
            env={**os.environ, "OMP_THREAD_LIMIT": "1"})
    except subprocess.TimeoutExpired:
        return None
    digits = "".join(done.stdout.decode("ascii", "ignore").split())
    return digits if done.returncode == 0 and digits.isdigit() else None


def read_image(data: bytes):
    """A photo or scan (PNG, JPEG, TIFF with one page or many) as Text."""
    from PIL import Image, ImageSequence

    from pipeline.readers.pdf import text_of_pages

    Image.MAX_IMAGE_PIXELS = None  # our own limit is checked below, in our own words
    try:
        picture = Image.open(io.BytesIO(data))
        count = getattr(picture, "n_frames", 1)
        if count > limits.OCR_PAGES.value:
            raise ValueError(limits.OCR_PAGES.exceeded(count))
        frames = []
        for frame in ImageSequence.Iterator(picture):
            # Checked on the header's size, before a pixel is decoded: a 30,000 × 30,000 PNG
            # is a few kilobytes of file and gigabytes of memory.
            check_size(*frame.size)
            frames.append(frame.copy())
    except (OSError, SyntaxError) as err:
        raise ValueError(f"damaged or unreadable picture ({err})")

    def loader(frame):
        dpi = frame.info.get("dpi")
        return lambda: (frame, float(dpi[0]) if dpi and dpi[0] > 1 else None)

    read = read_pages([loader(f) for f in frames], list(range(1, len(frames) + 1)))
    return text_of_pages([(p.height, p.words) for p in read.pages], "image", read)


def _read_page(program: str, image, dpi: float | None) -> Page:
    cleaned, dpi = clean(image, dpi)
    buffer = io.BytesIO()
    cleaned.save(buffer, format="PNG", compress_level=1)
    try:
        done = subprocess.run(
            [program, "stdin", "stdout", "-l", "vie", "--psm", "3", "--dpi", str(dpi), "tsv"],
            input=buffer.getvalue(), capture_output=True,
            timeout=limits.OCR_PAGE_SECONDS.value,
            env={**os.environ, "OMP_THREAD_LIMIT": "1"})
    except subprocess.TimeoutExpired:
        raise ValueError(f"OCR of a page took longer than the limit of "
                         f"{limits.OCR_PAGE_SECONDS.value} s ({limits.OCR_PAGE_SECONDS.variable})")
    if done.returncode != 0:
        reason = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise ValueError(f"tesseract failed ({reason[-1] if reason else done.returncode})")
    return _page(done.stdout.decode("utf-8", "replace"), cleaned.height, dpi,
                 lambda box: _reread(program, cleaned, box, dpi))


def _reread(program: str, page, box: tuple[int, int, int, int], dpi: int) -> list[str]:
    """The line in `box` (left, top, width, height in pixels) read again in each REREADS way."""
    from PIL import Image

    left, top, width, height = box
    pad = height // 2
    line = page.crop((max(0, left - pad), max(0, top - pad), left + width + pad,
                      top + height + pad))
    readings = []
    for mode, scale in REREADS:
        picture = line.resize((line.width * scale, line.height * scale),
                              Image.Resampling.LANCZOS) if scale != 1 else line
        buffer = io.BytesIO()
        picture.save(buffer, format="PNG", compress_level=1)
        try:
            done = subprocess.run(
                [program, "stdin", "stdout", "-l", "vie", "--psm", mode, "--dpi",
                 str(dpi * scale)], input=buffer.getvalue(), capture_output=True,
                timeout=limits.OCR_PAGE_SECONDS.value, env={**os.environ, "OMP_THREAD_LIMIT": "1"})
        except subprocess.TimeoutExpired:
            continue
        if done.returncode == 0:
            readings.append(" ".join(done.stdout.decode("utf-8", "replace").split()))
    return readings


def field_tokens(text: str) -> dict[str, str]:
    """The tokens of a number or date line that carry fields: the number's digits, the day,
    the month, the year."""
    found = {}
    for name, pattern in _FIELD_TOKENS:
        if match := re.search(pattern, text):
            found[name] = match.group(1).strip(".,;:")
    return found


def unsteady_fields(first: str, again: list[str]) -> dict[str, list[str]]:
    """{field: its readings} for the fields of a line whose digits differ from one reading to
    the next, once the marks OCR reads for digits are taken as those digits ("l1" is "11")."""
    from extractors.plausibility import as_digits

    tokens = [field_tokens(first)] + [field_tokens(text) for text in again]
    unsteady = {}
    for name, token in tokens[0].items():
        if not any(c.isdigit() for c in token):
            continue  # no digits read: the date and number checks say so
        readings = [found[name] for found in tokens if name in found]
        # A reading with marks no digit is read as ("lÌ") says nothing either way.
        if len({as_digits(r) for r in readings} - {None}) > 1:
            unsteady[name] = readings
    return unsteady


def _page(tsv: str, height_pixels: int, dpi: int, reread=None) -> Page:
    """Words and confidence out of tesseract's TSV (level 4 rows are lines, level 5 words).
    A word gets its line's top and bottom: ink boxes are as tall as the ink ("-" is a sliver
    mid-line), and the column logic groups words into lines by their boxes, as a PDF's text
    layer gives them, a font's height each. `reread(box)` reads a line again (see REREADS)."""
    scale = 72.0 / dpi
    words, weighted, letters = [], 0.0, 0
    lines: dict[tuple[str, ...], tuple[int, int, int, int]] = {}
    for row in tsv.splitlines()[1:]:
        cells = row.split("\t")
        if len(cells) < 12 or cells[0] not in "45":
            continue
        left, top, width, height = (int(c) for c in cells[6:10])
        if cells[0] == "4":
            lines[tuple(cells[1:5])] = (left, top, width, height)
            continue
        # Vietnamese has no eth: tesseract's Ð and ð are Đ and đ.
        text, confidence = cells[11].strip().translate(_ETH), float(cells[10])
        if text:
            _, line_top, _, line_height = lines.get(tuple(cells[1:5]), (left, top, width, height))
            words.append({"text": text, "x0": left * scale, "x1": (left + width) * scale,
                          "top": line_top * scale, "bottom": (line_top + line_height) * scale,
                          "ink": height, "confidence": confidence, "line": tuple(cells[1:5])})
    words = _without_specks(words)
    notes = _unsteady_fields_left_blank(words, lines, height_pixels, reread) if reread else []
    sure = 0
    for word in words:  # the page's confidence; the words leave as the PDF reader's are
        del word["ink"], word["line"]
        confidence = word.pop("confidence")
        weighted += confidence * len(word["text"])
        letters += len(word["text"])
        if confidence >= SURE_WORD:
            sure += sum(c.isalpha() for c in word["text"])
    return Page(height_pixels * scale, words, weighted / letters if letters else 0.0, sure, notes)


def _unsteady_fields_left_blank(words: list[dict], lines: dict, height_pixels: int,
                                reread) -> list[str]:
    """Read the number and date lines of the page's upper part again. A day, month, year or
    number whose digits change from one reading to the next (written or stamped by hand, or
    damaged) takes the digits most readings give, said in a note when they are not the first
    reading's; where no two readings agree it is left blank ("…"), as a template leaves it:
    flagged, not guessed."""
    from extractors.plausibility import as_digits

    notes = []
    for key, box in lines.items():
        line_words = [w for w in words if w["line"] == key]
        text = " ".join(w["text"] for w in line_words)
        if not line_words or len(line_words) > FIELD_LINE_WORDS or box[1] > 0.45 * height_pixels \
                or not _FIELD_LINE.search(text):
            continue
        for name, readings in unsteady_fields(text, reread(box)).items():
            token = readings[0]
            word = next((w for w in line_words if w["text"].strip(".,;:/") == token
                         or w["text"].startswith(token)), None)
            if word is None:
                continue
            counts = Counter(d for d in map(as_digits, readings) if d is not None)
            value, times = counts.most_common(1)[0]
            shown = ", ".join(readings)
            if times * 2 > len(readings):
                if value == as_digits(token):
                    continue  # one stray reading of printed digits: nothing to repair
                word["text"] = word["text"].replace(token, value, 1)
                notes.append(f"{name} đọc lại nhiều lần ({shown}), lấy {value} theo số lần đọc "
                             f"nhiều nhất; có thể viết tay hay đóng dấu, nên đối chiếu bản giấy")
            else:
                word["text"] = word["text"].replace(token, "…", 1)
                notes.append(f"{name} đọc mỗi lần một khác ({shown}): có thể viết tay hay đóng "
                             f"dấu, đã để trống, cần kiểm tra bằng tay với bản giấy")
    return notes


def _without_specks(words: list[dict]) -> list[dict]:
    """Words read from what is not text: a rule under a heading (ink a millimetre high) or the
    Party star (small, and read with little confidence), when read as letters ("Tỉ“", "zk").
    Dashes stay: they carry no letters."""
    inks = sorted(w["ink"] for w in words)
    median = inks[len(inks) // 2] if inks else 0
    return [w for w in words if not re.search(r"[^\W\d_]", w["text"]) or not (
        w["ink"] < FLAT_WORD_PIXELS or (w["ink"] < 0.6 * median and w["confidence"] < 50))]


def check_size(width: int, height: int) -> None:
    """Refuse a picture too large to hold in memory, from its size alone."""
    megapixels = width * height / 1_000_000
    if megapixels > limits.IMAGE_MEGAPIXELS.value:
        shown = f"{megapixels:.1f}".removesuffix(".0")
        raise ValueError(limits.IMAGE_MEGAPIXELS.exceeded(
            f"{width} × {height} pixels ({shown} megapixels)", "picture size"))


def clean(image, dpi: float | None):
    """(A greyscale page with a flat white background, straightened, at the resolution OCR
    reads it; that resolution)."""
    from PIL import Image, ImageOps

    check_size(*image.size)
    gray = ImageOps.exif_transpose(image).convert("L")
    # A photo has no resolution of its own: take the page as A4-wide (21 cm).
    dpi = dpi or gray.width / (21 / 2.54)
    # Coarse pages are enlarged, very fine ones reduced; 300–400 dpi are read as they are.
    target = LOW_RESOLUTION_DPI if dpi < DPI - 10 else DPI if dpi > LOW_RESOLUTION_DPI + 10 \
        else round(dpi)
    if abs(dpi - target) > 10:
        factor = target / dpi
        gray = gray.resize((round(gray.width * factor), round(gray.height * factor)),
                           Image.Resampling.LANCZOS)
    gray = _flatten_background(gray)
    angle = skew_angle(gray)
    if abs(angle) >= 0.1:
        gray = gray.rotate(angle, resample=Image.Resampling.BICUBIC, expand=True, fillcolor=255)
    return gray, target


def _flatten_background(gray):
    """Divide the page by its own background (text removed by a max filter on a small copy,
    then blurred): shadows and uneven lighting go, ink stays dark."""
    import numpy as np
    from PIL import Image, ImageFilter

    small = gray.resize((max(1, gray.width // 8), max(1, gray.height // 8)),
                        Image.Resampling.BILINEAR)
    background = small.filter(ImageFilter.MaxFilter(7)).filter(ImageFilter.GaussianBlur(4))
    background = np.asarray(background.resize(gray.size, Image.Resampling.BILINEAR),
                            dtype=np.float32)
    page = np.asarray(gray, dtype=np.float32)
    flat = np.clip(page / np.maximum(background, 1.0) * 255.0, 0, 255)
    return Image.fromarray(flat.astype(np.uint8))


def skew_angle(gray) -> float:
    """The rotation (degrees, counter-clockwise) that makes text lines horizontal: the angle
    whose row profile of ink is sharpest, tried on a small binarised copy."""
    import numpy as np
    from PIL import Image

    width = min(gray.width, 800)
    small = gray.resize((width, max(1, round(gray.height * width / gray.width))),
                        Image.Resampling.BILINEAR)
    ink = Image.fromarray(((np.asarray(small) < 160) * 255).astype(np.uint8))

    def sharpness(angle: float) -> float:
        rows = np.asarray(ink.rotate(angle, resample=Image.Resampling.NEAREST),
                          dtype=np.float32).sum(axis=1)
        return float(np.square(np.diff(rows)).sum())

    best = max(np.arange(-MAX_SKEW_DEGREES, MAX_SKEW_DEGREES + 0.01, 0.5), key=sharpness)
    return float(max(np.arange(best - 0.4, best + 0.41, 0.1), key=sharpness))
