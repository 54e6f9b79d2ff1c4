"""The web app's speed (vanthu serve), measured through a real server process over HTTP:

- the review page of a 10-page PDF after parsing (its HTML, script and style; and in
  Chromium, when installed, from navigation to the page's load event): target ≤ 300 ms;
- the search page (Tra cứu) at many archived documents, words without diacritics: p95 ≤ 100 ms
  at 100,000;
- the incoming register of 5,000 rows exported to XLSX: ≤ 2 s.

    python bench/web.py [--documents 100000] [--rows 5000] [--queries 200]
                        [--backend sqlite|postgresql]

The archive is filled with bench/corpus_bench.py's synthetic records (real documents'
sentences, subjects, issuers recombined); --documents 5000 runs in a minute or two.
"""
from __future__ import annotations

import argparse
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]

from corpus import intake, open_archive, register  # noqa: E402
from corpus_bench import Recombiner  # noqa: E402
from pipeline.libreoffice import convert  # noqa: E402

CORPUS = ROOT / "tests" / "data" / "corpus"
PAGES = 10


def ten_page_pdf(out: Path) -> Path:
    """A real document's text, its body repeated until LibreOffice lays it out on 10 pages."""
    import pypdfium2

    text = (CORPUS / "seeds" / "000_6e539438116efc78.txt").read_text(encoding="utf-8")
    head, body = text[:len(text) // 3], text[len(text) // 3:]
    for copies in range(4, 40):
        source = out / "muoi-trang.txt"
        source.write_text(head + body * copies, encoding="utf-8")
        pdf = convert([source], "pdf", out)[0]
        pages = len(pypdfium2.PdfDocument(str(pdf)))
        if pages >= PAGES:
            return pdf
    raise RuntimeError("could not make a 10-page document")


def fill(url: str, documents: int, rows: int, tmp: Path) -> tuple[int, Recombiner]:
    maker = Recombiner()
    with open_archive(url) as archive:
        started = time.perf_counter()
        for _ in archive.add_records((*maker.record(i), f"{i}.txt") for i in range(documents)):
            pass
        print(f"{documents:,} documents archived in {time.perf_counter() - started:.0f} s",
              flush=True)
        pdf = ten_page_pdf(tmp)
        doc_id = intake.receive(archive, pdf.name)
        started = time.perf_counter()
        assert intake.store_received(archive, doc_id, pdf.name, pdf.read_bytes()) == "stored"
        print(f"10-page PDF parsed in {time.perf_counter() - started:.1f} s", flush=True)
        first = date(2026, 1, 2)
        for i in range(1, rows + 1):
            register.register(archive, i, first + timedelta(days=i * 360 // rows))
    return doc_id, maker


def timed(url: str) -> float:
    started = time.perf_counter()
    with urllib.request.urlopen(url, timeout=120) as response:
        response.read()
    return (time.perf_counter() - started) * 1000


def p95(values: list[float]) -> float:
    values = sorted(values)
    return values[max(0, int(len(values) * 0.95) - 1)]


def browser_load(base: str, path: str, runs: int) -> list[float] | None:
    """Navigation to load event in Chromium, per run (None when no Chromium is installed)."""
    import shutil
    if not (shutil.which("chromium") and shutil.which("chromedriver")):
        return None
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium")
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1400,1000"):
        options.add_argument(argument)
    driver = webdriver.Chrome(service=Service(shutil.which("chromedriver")), options=options)
    try:
        driver.get(base + path)  # once to warm the cache of the app's own script and style
        out = []
        for _ in range(runs):
            driver.get(base + path)
            out.append(driver.execute_script(
                "const t = performance.getEntriesByType('navigation')[0];"
                "return t.loadEventEnd - t.startTime;"))
        return out
    finally:
        driver.quit()


def measure(url: str, name: str, documents: int, rows: int, queries: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        doc_id, maker = fill(url, documents, rows, Path(tmp))
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        server = subprocess.Popen([sys.executable, "-m", "pipeline", "serve", "--db", url,
                                   "--port", str(port)], cwd=ROOT, stderr=subprocess.DEVNULL)
        base = f"http://127.0.0.1:{port}"
        try:
            for _ in range(200):
                try:
                    timed(base + "/api/session")
                    break
                except OSError:
                    time.sleep(0.2)
            review = [sum(timed(base + p) for p in (f"/documents/{doc_id}", "/static/app.js",
                                                    "/static/app.css")) for _ in range(30)]
            print(f"{name}: review page of a {PAGES}-page PDF (HTML, script, style): "
                  f"median {statistics.median(review):.0f} ms, p95 {p95(review):.0f} ms "
                  f"(target ≤ 300 ms)", flush=True)
            loads = browser_load(base, f"/documents/{doc_id}", 10)
            if loads:
                print(f"{name}: review page in Chromium, navigation to load event: median "
                      f"{statistics.median(loads):.0f} ms, worst {max(loads):.0f} ms", flush=True)
            from urllib.parse import quote
            searches = [timed(f"{base}/search?q={quote(text)}")
                        for text, _ in maker.queries("folded words", queries)]
            print(f"{name}: search page at {documents:,} documents: median "
                  f"{statistics.median(searches):.0f} ms, p95 {p95(searches):.0f} ms "
                  f"(target p95 ≤ 100 ms at 100,000)", flush=True)
            exports = [timed(f"{base}/register.xlsx?year=2026") for _ in range(3)]
            print(f"{name}: register of {rows:,} rows exported to XLSX: "
                  f"{min(exports) / 1000:.2f} s best, {max(exports) / 1000:.2f} s worst of 3 "
                  f"(target ≤ 2 s)", flush=True)
        finally:
            server.terminate()
            server.wait(30)


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--documents", type=int, default=100_000)
    options.add_argument("--rows", type=int, default=5000)
    options.add_argument("--queries", type=int, default=200)
    options.add_argument("--backend", choices=["sqlite", "postgresql"], action="append")
    args = options.parse_args()
    rows = min(args.rows, args.documents)
    for backend in args.backend or ["sqlite"]:
        if backend == "sqlite":
            with tempfile.TemporaryDirectory() as directory:
                measure(str(Path(directory) / "bench.sqlite"), backend, args.documents, rows,
                        args.queries)
        else:
            from corpus.scratch_server import ScratchPostgres
            with ScratchPostgres(durable=True) as server:
                measure(server.new_database("bench"), backend, args.documents, rows,
                        args.queries)


if __name__ == "__main__":
    main()
