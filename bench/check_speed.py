"""Checking speed: milliseconds per .docx for `vanthu check` (parsing included).

    python bench/check_speed.py [--rounds 10]

The documents are drafts of every type in both systems and the corpus documents rebuilt as
.docx by tests/docmaker.py. Target: <= 50 ms per document (median).
"""
from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests"), str(ROOT / "bench")]

import yaml  # noqa: E402
from accuracy import DEFAULT_CORPUS, documents, make_files  # noqa: E402

from generators.checker import check, detect_profile  # noqa: E402
from generators.draft import draft, profile_for  # noqa: E402
from generators.profile import load_profile  # noqa: E402
from generators.scaffold import scaffold  # noqa: E402
from generators.spec import TYPES, _loader, parse_spec  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=10)
    args = parser.parse_args()
    files = []
    for slug in TYPES:
        for system in ("party", "state"):
            spec = parse_spec(yaml.load(scaffold(slug, system), Loader=_loader()))
            files.append(draft(spec, profile_for(spec)))
    with tempfile.TemporaryDirectory() as tmp:
        made = make_files(documents(DEFAULT_CORPUS), ["docx"], Path(tmp))
        files += [path.read_bytes() for path in made["docx"]]
    profiles = [load_profile(detect_profile(data)) for data in files]
    for data, profile in zip(files, profiles):  # warm up
        check(data, profile)
    times, cpu = [], []
    for _ in range(args.rounds):
        for data, profile in zip(files, profiles):
            start, start_cpu = time.perf_counter(), time.process_time()
            check(data, load_profile(detect_profile(data)))
            times.append((time.perf_counter() - start) * 1000)
            cpu.append((time.process_time() - start_cpu) * 1000)
    times.sort()
    # CPU time too: on a machine other jobs share, the wall clock measures them as well
    print(f"{len(times)} checks of {len(files)} documents: median "
          f"{statistics.median(times):.1f} ms, p95 {times[int(0.95 * len(times))]:.1f} ms, "
          f"max {times[-1]:.1f} ms per document (target <= 50 ms); CPU median "
          f"{statistics.median(cpu):.1f} ms")


if __name__ == "__main__":
    main()
