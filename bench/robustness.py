"""Robustness: hostile files and kill -9, through the real `vanthu` command.

    python bench/robustness.py [--rounds 20] [--postgres | --db URL]

1. Every hostile file of tests/hostile.py (zip bombs, entity expansion, parts outside the
   package, PDF loops, 10,000 pages, 30,000 × 30,000 pixels, misnamed, empty, links…), each
   parsed by `vanthu parse` in a process of its own: handled cleanly means the expected one-line
   error naming the file (or, for the ones that are safe to read, a record that reached nothing
   outside the file), no traceback, and the right exit code. Time and memory peak for each.
2. Large ordinary files (a 300-page PDF, a 50 MB .docx, a 2,000-page PDF): time and memory
   peak, against the documented ceiling.
3. kill -9 at random points of `vanthu corpus add`, round after round, each round followed by
   the archive's check; then the batch finishes and every file must be found once, whole.

Made from a real document (tests/data/corpus), printed to PDF by LibreOffice.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

import docmaker  # noqa: E402
from crashes import filed_batch, finish_and_verify, kill_rounds  # noqa: E402
from hostile import (CEILING_MB, HOSTILE, LARGE, PASSWD_LINE, make_all,  # noqa: E402
                     pdf_repeated, run_measured)

CORPUS = ROOT / "tests" / "data" / "corpus"
DOCUMENT = CORPUS / "seeds" / "000_6e539438116efc78.txt"


def hostile_files(out: Path, docx: bytes) -> None:
    folder = out / "hostile"
    folder.mkdir()
    clean = 0
    print(f"{'hostile file':<22} {'clean':<6} {'s':>6} {'MB':>6}  what vanthu said")
    for hostile, path in make_all(folder, docx):
        # A link is only hostile in a folder being walked: the folder holds it alone.
        target = str(path)
        if path.is_symlink():
            alone = out / f"folder-of-{path.name}"
            alone.mkdir()
            path.rename(alone / path.name)
            path, target = alone / path.name, str(alone)
        run = run_measured(["parse", "--json", target])
        said = [line for line in run.stderr.splitlines() if line.startswith("error: ")]
        if hostile.refusal is None:
            ok = run.returncode == 0 and not said and PASSWD_LINE not in run.stdout
            shown = "read: " + (run.stdout[:60].strip() or "(nothing)")
        else:
            ok = (run.returncode == 1 and len(said) == 1 and said[0].startswith(
                f"error: {path}: ") and hostile.refusal in said[0])
            shown = said[0].split(": ", 2)[-1] if said else run.stderr.strip()[:80]
        ok = ok and "Traceback" not in run.stderr
        clean += ok
        print(f"{hostile.name:<22} {'yes' if ok else 'NO':<6} {run.seconds:6.2f} "
              f"{run.peak_mb:6.0f}  {shown[:110]}")
    print(f"hostile files tried: {len(HOSTILE)}, handled cleanly: {clean}")


def large_files(out: Path, docx: bytes, pdf: bytes) -> None:
    print(f"\n{'large file':<22} {'MB':>6} {'s':>6} {'peak MB':>8}")
    # The files the memory test measures, and a PDF at the pages limit.
    for name, make in {**LARGE, "2000-pages.pdf": lambda docx, pdf: pdf_repeated(pdf, 2000)
                       }.items():
        data = make(docx, pdf)
        path = out / name
        path.write_bytes(data)
        run = run_measured(["parse", "--json", str(path)])
        state = "" if run.returncode == 0 else f"  failed: {run.stderr.strip()[:80]}"
        print(f"{name:<22} {len(data) / 1024 / 1024:6.1f} {run.seconds:6.1f} "
              f"{run.peak_mb:8.0f}{state}")
    print(f"memory ceiling: {CEILING_MB} MB")


def crashes(out: Path, rounds: int, url: str | None) -> None:
    url = url or str(out / "archive.sqlite")
    batch = filed_batch(out, 20 * rounds, sorted(CORPUS.glob("*/*.txt")))
    print(f"\nkill -9 during `vanthu corpus add` of {20 * rounds} files into {url}")
    started = time.perf_counter()
    done = kill_rounds(batch, url, rounds, seed=rounds)
    for number, round_ in enumerate(done, start=1):
        print(f"round {number:>2}: killed after {round_.killed_after:.2f} s "
              f"({round_.added_before_kill} added before), {round_.stored} stored, "
              + ("archive intact" if not round_.problems else "; ".join(round_.problems)))
    survived = sum(not r.problems for r in done)
    problems = finish_and_verify(batch, url)
    print(f"kill -9 rounds survived with the archive intact: {survived}/{rounds}; "
          f"after the last run: " + ("every file stored once, whole" if not problems
                                     else "; ".join(problems[:5]))
          + f" ({time.perf_counter() - started:.0f} s)")


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    options.add_argument("--rounds", type=int, default=20, help="kill -9 rounds")
    options.add_argument("--db", help="archive for the kill -9 rounds (default: a new SQLite "
                                      "file; a postgresql:// URL for a server)")
    options.add_argument("--postgres", action="store_true",
                         help="the kill -9 rounds on a throwaway PostgreSQL server")
    args = options.parse_args()
    if args.postgres:
        from corpus.scratch_server import ScratchPostgres

        with ScratchPostgres() as server:
            run(args, server.new_database("robustness"))
    else:
        run(args, args.db)


def run(args, url: str | None) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        docx_path = docmaker.make_docx(DOCUMENT, out / "document.docx")
        [pdf_path] = docmaker.to_pdf([docx_path], out)
        docx, pdf = docx_path.read_bytes(), pdf_path.read_bytes()
        hostile_files(out, docx)
        large_files(out, docx, pdf)
        crashes(out, args.rounds, url)


if __name__ == "__main__":
    main()
