"""Drafting speed: milliseconds per .docx for every type in both systems, without --pdf.

    python bench/draft_speed.py [--rounds 20]

Target: <= 50 ms per document.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import yaml  # noqa: E402

from generators.draft import draft, profile_for  # noqa: E402
from generators.scaffold import scaffold  # noqa: E402
from generators.spec import TYPES, _loader, parse_spec  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=20)
    args = parser.parse_args()
    specs = [parse_spec(yaml.load(scaffold(slug, system), Loader=_loader()))
             for slug in TYPES for system in ("party", "state")]
    for spec in specs:  # warm up: templates, profiles, python-docx's default template
        draft(spec, profile_for(spec))
    times = []
    for _ in range(args.rounds):
        for spec in specs:
            start = time.perf_counter()
            draft(spec, profile_for(spec))
            times.append((time.perf_counter() - start) * 1000)
    times.sort()
    print(f"{len(times)} drafts: median {statistics.median(times):.1f} ms, "
          f"p95 {times[int(0.95 * len(times))]:.1f} ms, max {times[-1]:.1f} ms per document "
          "(target <= 50 ms)")


if __name__ == "__main__":
    main()
