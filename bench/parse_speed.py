"""Parsing speed on one core: documents per second for .txt and .docx, pages per second for
text PDFs, and how fast `vanthu --help` answers.

    python bench/parse_speed.py [--seconds 3]

The documents are the repository's corpus texts and the .docx/.pdf made from them by
tests/docmaker.py, parsed in this one process (no parallelism) until --seconds have passed.
Targets: >= 200 txt documents/s, >= 30 docx documents/s, >= 100 PDF pages/s, --help < 0.3 s.
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests"), str(ROOT / "bench")]

from accuracy import DEFAULT_CORPUS, documents, make_files  # noqa: E402

from pipeline.parse import parse_file  # noqa: E402


def rate(files: list[Path], seconds: float) -> tuple[float, float]:
    """(documents per second, pages per second) parsing the files round-robin."""
    for path in files:  # warm up: imports, caches
        parse_file(path)
    done = pages = 0
    start = time.perf_counter()
    while time.perf_counter() - start < seconds:
        for path in files:
            record = parse_file(path)
            done += 1
            pages += record.source["pages"] or 1
    elapsed = time.perf_counter() - start
    return done / elapsed, pages / elapsed


def help_time() -> float:
    exe = Path(sys.executable).with_name("vanthu")
    command = [str(exe)] if exe.exists() else [sys.executable, "-m", "pipeline"]
    best = float("inf")
    for _ in range(5):
        start = time.perf_counter()
        subprocess.run(command + ["--help"], check=True, capture_output=True)
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=float, default=3.0)
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})  # one core
    texts = documents(DEFAULT_CORPUS)
    with tempfile.TemporaryDirectory() as tmp:
        files = make_files(texts, ["txt", "docx", "pdf"], Path(tmp))
        txt_docs, _ = rate(files["txt"], args.seconds)
        docx_docs, _ = rate(files["docx"], args.seconds)
        pdf_docs, pdf_pages = rate(files["pdf"], args.seconds)
    print(f"txt : {txt_docs:7.1f} documents/s   (target >= 200)")
    print(f"docx: {docx_docs:7.1f} documents/s   (target >= 30)")
    print(f"pdf : {pdf_pages:7.1f} pages/s       (target >= 100; {pdf_docs:.1f} documents/s)")
    print(f"vanthu --help: {help_time():.3f} s   (target < 0.3)")


if __name__ == "__main__":
    main()
