"""Workers: a batch through `corpus add --queue` and `vanthu worker`s, on a scratch PostgreSQL
this script starts (procrastinate keeps its jobs there too: no other server).

    python bench/scale.py [--docs DIR] [--kill-rounds N] [--pages N] [--texts N]

Prints, each on its own line:
- `stored N of N, each once` and `corpus check: clean`: DIR (default: the examples and a
  generated batch of one-page scans) ingested by two workers;
- `kill -9 rounds survived: K of K`: rounds of three scans, one worker killed with -9 in the
  middle of a document and replaced; a round survives when `corpus check` is clean and every
  document is stored once;
- `speedup with 2 workers: X.XX`: the scans alone, by one worker and then by two (target
  >= 1.8 on 2 cores; the machine's other load shows in it);
- `queue overhead per document: N ms`: what each more short text document costs through the
  queue and one worker, against `corpus add` without a queue (target <= 10 ms); batches of
  N/2 and N, so the cost of starting commands and connections, paid once a batch, cancels.
"""
from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests"), str(ROOT / "bench")]

from fleet import CORPUS, Fleet, add, kill_round, make_scans, verify  # noqa: E402
from hostile import ENV, VANTHU  # noqa: E402
import scanmaker  # noqa: E402

from corpus.scratch_server import ScratchPostgres  # noqa: E402
from pipeline.commandline import expand_paths  # noqa: E402

WARM_UP = 2  # documents for each worker before the timed batch


def make_texts(out: Path, count: int, tag: str) -> list[Path]:
    """`count` short, distinct .txt documents (real ones, each with a line naming it)."""
    out.mkdir(parents=True, exist_ok=True)
    texts = sorted([*CORPUS.glob("seeds/*.txt"), *CORPUS.glob("dev/*.txt")])
    made = []
    for index in range(count):
        path = out / f"text-{index:04d}.txt"
        path.write_text(texts[index % len(texts)].read_text(encoding="utf-8")
                        + f"\nBản lưu {tag}-{index}\n", encoding="utf-8")
        made.append(path)
    return made


def cpu_seconds() -> float:
    """CPU time of this script's finished child processes and theirs (the commands, the
    workers and their parser processes; not the database server, which runs apart)."""
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def queued(url: str, files: list[Path], workers: int, logs: Path) -> float:
    """Seconds for `corpus add --queue` to store `files` with `workers` workers started
    beforehand (each with its parser process warmed up by one document)."""
    with Fleet(url, logs=logs) as fleet:
        warm = make_texts(logs / f"warm-{workers}", WARM_UP * workers, "warm")
        for index in range(workers):
            fleet.start(f"bench{index}")
        fleet.wait_ready()
        done = add(url, warm)  # their parser processes started, with luck each one
        assert done.returncode == 0, done.stderr
        began = time.perf_counter()
        done = add(url, files)
        elapsed = time.perf_counter() - began
        if done.returncode:
            print(done.stderr, file=sys.stderr)
        return elapsed


def direct(url: str, files: list[Path]) -> float:
    began = time.perf_counter()
    done = subprocess.run([*VANTHU, "corpus", "add", *map(str, files), "--db", url],
                          capture_output=True, text=True, env=ENV)
    elapsed = time.perf_counter() - began
    assert done.returncode == 0, done.stderr
    return elapsed


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    options.add_argument("--docs", type=Path, help="the documents (default: the examples "
                                                   "and a generated batch of scans)")
    options.add_argument("--kill-rounds", type=int, default=3)
    options.add_argument("--pages", type=int, default=16, help="scans in the generated batch")
    options.add_argument("--texts", type=int, default=200,
                         help="short texts for the queue's overhead")
    args = options.parse_args()
    with tempfile.TemporaryDirectory() as tmp, ScratchPostgres() as server:
        work = Path(tmp)
        scans = make_scans(work / "scans", args.pages, "bench", lines=40, size=scanmaker.A4)
        if args.docs:
            docs = expand_paths((str(args.docs),)).files
        else:
            docs = [*expand_paths((str(ROOT / "examples"),)).files, *scans]

        url = server.new_database("batch")
        queued(url, docs, 2, work)
        problems, stored, missing = verify(url, docs)
        stored -= WARM_UP * 2  # the workers' first documents, before the batch
        print(f"stored {len(docs) - len(missing)} of {len(docs)}"
              + (", each once" if stored == len(docs) - len(missing) else
                 f", in {stored} documents"), flush=True)
        print("corpus check: " + ("clean" if not problems else "; ".join(problems[:5])),
              flush=True)

        url = server.new_database("kills")
        survived, files = 0, []
        with Fleet(url, logs=work) as fleet:
            fleet.start("v0")
            fleet.start("steady")
            for round_ in range(args.kill_rounds):
                batch = make_scans(work / f"round{round_}", 3, f"round{round_}")
                files += batch
                kill_round(url, fleet, batch, f"v{round_}", f"v{round_ + 1}")
                problems, stored, missing = verify(url, files)
                survived += not problems and not missing and stored == len(files)
        print(f"kill -9 rounds survived: {survived} of {args.kill_rounds}", flush=True)

        one = queued(server.new_database("one"), scans, 1, work)
        two = queued(server.new_database("two"), scans, 2, work)
        print(f"speedup with 2 workers: {one / two:.2f}  ({len(scans)} one-page scans: "
              f"{one:.1f} s with one worker, {two:.1f} s with two; {os.cpu_count()} cores, "
              f"load average {os.getloadavg()[0]:.1f})", flush=True)

        # Per document, what each more document costs: batches of N/2 and N, on fresh
        # databases, so starting the commands and the connections (paid once a batch) cancels.
        texts = make_texts(work / "texts", args.texts, "text")
        half = texts[:len(texts) // 2]
        plain, through, cpu = [], [], []
        for batch in (half, texts):
            began = cpu_seconds()
            plain.append(direct(server.new_database(f"plain{len(batch)}"), batch))
            middle = cpu_seconds()
            through.append(queued(server.new_database(f"through{len(batch)}"), batch, 1, work))
            cpu.append((cpu_seconds() - middle) - (middle - began))
        extra = len(texts) - len(half)
        overhead = ((through[1] - through[0]) - (plain[1] - plain[0])) / extra
        print(f"queue overhead per document: {overhead * 1000:.0f} ms  (each of {extra} more "
              f"texts: {(plain[1] - plain[0]) / extra * 1000:.0f} ms by corpus add, "
              f"{(through[1] - through[0]) / extra * 1000:.0f} ms through the queue and one "
              f"worker; whole batches of {len(texts)}: {plain[1]:.1f} s and {through[1]:.1f} s; "
              f"load average {os.getloadavg()[0]:.1f}; CPU time, the database's apart: "
              f"{(cpu[1] - cpu[0]) / extra * 1000:.1f} ms a document more)", flush=True)


if __name__ == "__main__":
    main()
