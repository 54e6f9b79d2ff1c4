"""Search recall as a clerk searches: three words of a document's trích yếu, typed without
diacritics, find it among the first five hits (target ≥ 97%).

    python bench/search_recall.py [--backend sqlite|postgresql] [--trials 3] [--misses]

The archive holds the shared corpus's real/ and originals/ texts, working part (bench/accuracy.py's SHARED;
the kept-back third is never read), each parsed and stored as `vanthu corpus add` stores it,
beside the repository's own corpus as other documents to tell them from. Each document is
searched `--trials` times, each time with three words of its trích yếu as its label gives it
(what the clerk reads off the paper) picked at random (seeded by the document's name), kept in
their order and folded (no diacritics, lower case); and once with three consecutive words.
"""
from __future__ import annotations

import argparse
import random
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]

from accuracy import CORPUS, SHARED, documents, gold_of, held_back  # noqa: E402
from corpus import open_archive  # noqa: E402
from corpus.keys import words  # noqa: E402
from pipeline.text import fold  # noqa: E402

TOP = 5


def queries(subject: str, name: str, trials: int) -> list[tuple[str, str]]:
    """(kind, query) pairs: `trials` random three-word picks and one consecutive run."""
    found = [w for w in words(fold(subject)).split() if len(w) >= 2]
    if len(found) < 3:
        return [("random", " ".join(found))] * trials + [("consecutive", " ".join(found))]
    pick = random.Random(name)
    out = []
    for _ in range(trials):
        chosen = sorted(pick.sample(range(len(found)), 3))
        out.append(("random", " ".join(found[i] for i in chosen)))
    start = pick.randrange(len(found) - 2)
    out.append(("consecutive", " ".join(found[start:start + 3])))
    return out


def run(url: str, name: str, trials: int, misses: bool) -> None:
    real = [p for p in documents([SHARED / "real", SHARED / "originals"])
            if not held_back(p.stem)]
    if not real:
        sys.exit(f"no shared corpus at {SHARED} (set VANTHU_SHARED_CORPUS)")
    others = sorted(CORPUS.glob("*/*.txt"))
    with open_archive(url) as archive:
        ids = {}
        for path in [*others, *real]:
            ids[path] = archive.add_file(path).id
        tally: dict[str, list[int]] = {}
        skipped = 0
        for path in real:
            subject = gold_of(path).get("subject")
            if not subject:
                skipped += 1
                continue
            for kind, query in queries(subject, path.stem, trials):
                hits = [hit.id for hit in archive.search(query, limit=TOP)]
                found = ids[path] in hits
                counts = tally.setdefault((path.parent.name, kind), [0, 0])
                counts[0] += found
                counts[1] += 1
                if misses and not found:
                    print(f"  miss {path.stem} [{kind}] {query!r}")
        stored = archive.count()
    print(f"{name}: {len(real) - skipped} real documents with a trích yếu (of {len(real)}, "
          f"working part), {stored} in the archive")
    for (folder, kind), (hit, total) in tally.items():
        print(f"{name}: {folder}/: three {kind} words, no diacritics: found in the top {TOP} "
              f"for {hit}/{total} = {100 * hit / total:.1f}%")


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--backend", choices=["sqlite", "postgresql"], action="append")
    options.add_argument("--trials", type=int, default=3)
    options.add_argument("--misses", action="store_true", help="print each query that missed")
    args = options.parse_args()
    for backend in args.backend or ["sqlite"]:
        if backend == "sqlite":
            with tempfile.TemporaryDirectory() as directory:
                run(str(Path(directory) / "recall.sqlite"), backend, args.trials, args.misses)
        else:
            from corpus.scratch_server import ScratchPostgres
            with ScratchPostgres() as server:
                run(server.new_database("recall"), backend, args.trials, args.misses)


if __name__ == "__main__":
    main()
