"""Scanned and photographed copies of the corpus documents, made the way paper comes back.

A document's PDF (tests/docmaker.py, through LibreOffice) is rendered to page pictures and
degraded as scanners and phones degrade pages:

- `clean`: 300 dpi greyscale, straight, as a good flatbed scanner gives it;
- `scan`: 200 dpi, tilted 0.5–2°, sensor noise;
- `photo`: ~250 dpi, tilted 0.5–2°, a shadow falling across the page, noise, a little blur and
  JPEG compression, as a phone photographs a page on a desk.

Each becomes a PDF of page pictures (as scanners and phone apps save them), without a text
layer. `make_fax` makes what a fax machine or a 1-bit office scanner sends: 200 dpi, black and
white only, a "HỎA TỐC" stamp in the top margin, the red seal over the signature (black once
thresholded), then a page holding only a seal and a blank page, as a stack fed through leaves
them. The tilt and noise come from a seeded generator: the same document always degrades the
same way.
"""
from __future__ import annotations

import io
import random
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont

KINDS = {"clean": 300, "scan": 200, "photo": 250}


def pages(pdf: Path, dpi: int) -> list[Image.Image]:
    import pypdfium2

    document = pypdfium2.PdfDocument(str(pdf))
    try:
        return [page.render(scale=dpi / 72, grayscale=True).to_pil().convert("L")
                for page in document]
    finally:
        document.close()


def degrade(page: Image.Image, kind: str, rng: random.Random) -> Image.Image:
    if kind == "clean":
        return page
    angle = rng.uniform(0.5, 2.0) * rng.choice([-1, 1])
    page = page.rotate(angle, resample=Image.Resampling.BICUBIC, expand=True, fillcolor=255)
    pixels = np.asarray(page, dtype=np.float32)
    noise = np.random.default_rng(rng.randrange(2**32))
    if kind == "photo":
        # Light falls off towards one side and a corner: from full to about half.
        height, width = pixels.shape
        x = np.linspace(0.0, 1.0, width)[None, :]
        y = np.linspace(0.0, 1.0, height)[:, None]
        if rng.random() < 0.5:
            x = 1.0 - x
        pixels *= 1.0 - 0.5 * np.clip(0.7 * x + 0.3 * y, 0, 1) ** 1.5
        pixels = pixels * 0.9 + 10  # paper is never white in a photo
    pixels += noise.normal(0.0, 10.0 if kind == "scan" else 8.0, pixels.shape)
    page = Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8))
    if kind == "photo":
        page = page.filter(ImageFilter.GaussianBlur(0.7))
        buffer = io.BytesIO()
        page.save(buffer, format="JPEG", quality=70)
        page = Image.open(io.BytesIO(buffer.getvalue()))
    return page


def make_scan(pdf: Path, kind: str, out: Path) -> Path:
    """The document as a picture-only PDF of the given kind."""
    dpi = KINDS[kind]
    rng = random.Random(f"{pdf.stem}/{kind}")
    pictures = [degrade(page, kind, rng) for page in pages(pdf, dpi)]
    pictures[0].save(out, format="PDF", save_all=True, append_images=pictures[1:],
                     resolution=dpi)
    return out


A4 = (8.27, 11.69)  # inches
A6 = (5.83, 4.13)  # landscape: a slip, quick to OCR, for tests


def typeset_page(lines: list[str], dpi: int = 200, size=A4) -> Image.Image:
    """A page of text lines in a Times-like face, drawn directly (no LibreOffice): the quick
    way to many distinct scanned pages, for the workers' tests and bench/scale.py."""
    from PIL import ImageDraw, ImageFont

    width, height = int(size[0] * dpi), int(size[1] * dpi)
    page = Image.new("L", (width, height), 255)
    draw = ImageDraw.Draw(page)
    font = ImageFont.truetype("/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf",
                              int(13 / 72 * dpi))
    step, y = int(20 / 72 * dpi), int(0.8 * dpi)
    for line in lines:
        if y > height - int(0.8 * dpi):
            break
        draw.text((int(0.9 * dpi), y), line[:85], font=font, fill=0)
        y += step
    return page


def make_page_scan(lines: list[str], out: Path, seed: str, size=A4) -> Path:
    """`lines` typeset on one page, degraded as a 200 dpi scanner does, saved as a picture-only
    PDF."""
    page = degrade(typeset_page(lines, KINDS["scan"], size), "scan", random.Random(seed))
    page.save(out, format="PDF", resolution=KINDS["scan"])
    return out


FAX_DPI = 200


def _font(size: int):
    return ImageFont.truetype("DejaVuSans-Bold.ttf", size)


def _urgency_stamp(page: Image.Image, text: str) -> None:
    """A boxed stamp in the top margin, left, as the văn thư stamps an urgent document."""
    draw, size = ImageDraw.Draw(page), page.width // 40
    left, top = page.width // 10, page.height // 60
    box = draw.textbbox((left, top), text, font=_font(size))
    pad = size // 3
    draw.rectangle((box[0] - pad, box[1] - pad, box[2] + pad, box[3] + pad), outline=40,
                   width=max(2, size // 10))
    draw.text((left, top), text, fill=40, font=_font(size))


def _seal(page: Image.Image, centre: tuple[int, int], radius: int) -> None:
    """An office's round seal: two rings, a star in the middle, the name between the rings
    (marks along the ring), in the grey a red seal gives on a black and white scan."""
    draw, (x, y) = ImageDraw.Draw(page), centre
    for r, width in ((radius, radius // 12), (radius * 7 // 10, radius // 25)):
        draw.ellipse((x - r, y - r, x + r, y + r), outline=90, width=max(2, width))
    star = [(x + radius * 0.3 * np.cos(np.pi / 2 + k * 4 * np.pi / 5),
             y - radius * 0.3 * np.sin(np.pi / 2 + k * 4 * np.pi / 5)) for k in range(5)]
    draw.polygon(star, fill=90)
    for k in range(28):  # letters of the name, turned along the ring: ink, not text
        angle = k * 2 * np.pi / 28
        cx, cy = x + radius * 0.85 * np.cos(angle), y + radius * 0.85 * np.sin(angle)
        draw.rectangle((cx - radius // 25, cy - radius // 18, cx + radius // 25,
                        cy + radius // 18), fill=90)


def _one_bit(page: Image.Image, rng: random.Random) -> Image.Image:
    """Tilted a little, with sensor noise, thresholded to black and white as a fax sends it."""
    page = page.rotate(rng.uniform(0.3, 1.2) * rng.choice([-1, 1]),
                       resample=Image.Resampling.BICUBIC, expand=True, fillcolor=255)
    pixels = np.asarray(page, dtype=np.float32)
    pixels += np.random.default_rng(rng.randrange(2**32)).normal(0.0, 18.0, pixels.shape)
    return Image.fromarray(((pixels > 150) * 255).astype(np.uint8)).convert(
        "1", dither=Image.Dither.NONE)


def make_fax(pdf: Path, out: Path) -> Path:
    """The document as a 1-bit 200 dpi fax with an urgency stamp and a seal over the signature,
    followed by a seal-only page and a blank page."""
    rng = random.Random(f"{pdf.stem}/fax")
    pictures = pages(pdf, FAX_DPI)
    _urgency_stamp(pictures[0], "HỎA TỐC")
    last = pictures[-1]
    rows = np.nonzero((np.asarray(last) < 128).any(axis=1))[0]
    bottom = int(rows[-1]) if len(rows) else last.height * 2 // 3
    radius = last.width // 11
    _seal(last, (last.width * 2 // 3, max(radius, bottom - radius)), radius)
    seal_only = Image.new("L", last.size, 255)
    _seal(seal_only, (last.width // 2, last.height // 3), radius)
    pictures += [seal_only, Image.new("L", last.size, 255)]
    faxed = [_one_bit(page, rng) for page in pictures]
    faxed[0].save(out, format="PDF", save_all=True, append_images=faxed[1:],
                  resolution=FAX_DPI)
    return out
