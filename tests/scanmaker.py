"""Scanned and photographed copies of the corpus documents, made the way paper comes back.

A document's PDF (tests/docmaker.py, through LibreOffice) is rendered to page pictures and
degraded as scanners and phones degrade pages:

- `clean`: 300 dpi greyscale, straight, as a good flatbed scanner gives it;
- `scan`: 200 dpi, tilted 0.5–2°, sensor noise;
- `photo`: ~250 dpi, tilted 0.5–2°, a shadow falling across the page, noise, a little blur and
  JPEG compression, as a phone photographs a page on a desk.

Each becomes a PDF of page pictures (as scanners and phone apps save them), without a text
layer. The tilt and noise come from a seeded generator: the same document always degrades the
same way.
"""
from __future__ import annotations

import io
import random
from pathlib import Path

import numpy as np
from PIL import Image, ImageFilter

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
