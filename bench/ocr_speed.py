"""OCR speed: pages per second through `vanthu parse`'s reader, on all the machine's cores.

    python bench/ocr_speed.py [--pages 24] [--kind clean|scan|photo]

Pages are the real documents printed to PDF by LibreOffice, rendered and degraded by
tests/scanmaker.py (default: clean 300 dpi pages), bound into one scanned PDF, then read as
`vanthu parse` reads a scan: pages cleaned and OCRed side by side, one single-threaded tesseract
per core. Target: >= 1 page/s on 2 cores at 300 dpi.
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests"), str(ROOT / "bench")]

import scanmaker  # noqa: E402
from accuracy import documents, make_files  # noqa: E402
from pypdf import PdfReader, PdfWriter  # noqa: E402

from pipeline.readers import read_text  # noqa: E402


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    options.add_argument("--pages", type=int, default=24)
    options.add_argument("--kind", choices=list(scanmaker.KINDS), default="clean")
    args = options.parse_args()
    texts = documents([ROOT / "tests/data/corpus/seeds", ROOT / "tests/data/corpus/dev"])
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        writer = PdfWriter()
        for pdf in make_files(texts, ["pdf"], out)["pdf"]:
            scan = scanmaker.make_scan(pdf, args.kind, out / f"{pdf.stem}.scan.pdf")
            for page in PdfReader(scan).pages:
                if len(writer.pages) < args.pages:
                    writer.add_page(page)
        bound = out / "bound.pdf"
        writer.write(bound)
        data = bound.read_bytes()
        began = time.perf_counter()
        text = read_text(bound, data)
        elapsed = time.perf_counter() - began
    print(f"{text.pages} {args.kind} pages ({scanmaker.KINDS[args.kind]} dpi) on "
          f"{os.cpu_count()} cores: {elapsed:.1f} s, {text.pages / elapsed:.2f} pages/s "
          f"(OCR confidence {text.ocr_confidence}%)")


if __name__ == "__main__":
    main()
