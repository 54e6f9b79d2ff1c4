"""Archive speed at scale: records added per second and search latency per query kind, on
SQLite and on PostgreSQL.

    python bench/corpus_bench.py [--records 100000] [--queries 200] [--backend sqlite|postgresql]

The archive is filled with synthetic records made by recombining the repository's real
documents: their sentences (bodies of 15–45 of them), subjects, issuers, numbers' suffixes,
types and dates, so word frequencies stay those of real documents. Records are added one a
transaction, as `vanthu corpus add` does, then through `Archive.add_records` (500 a
transaction), as an import of parsed records does. Parsing is not timed: see parse_speed.py.
PostgreSQL runs as a scratch server (corpus/scratch_server.py) with fsync on.
Targets on SQLite: >= 1,000 records/s added; p95 <= 50 ms for every query kind at 100,000
records; PostgreSQL in the same range.
"""
from __future__ import annotations

import argparse
import random
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT)]

from corpus import Filters, open_archive  # noqa: E402
from pipeline.text import fold  # noqa: E402
from pipeline.parse import parse_file  # noqa: E402
from pipeline.readers import read_bytes, read_text  # noqa: E402

CORPUS = ROOT / "tests" / "data" / "corpus"


class Recombiner:
    """Synthetic records from the pieces of real ones."""

    def __init__(self, seed: int = 7):
        self.random = random.Random(seed)
        self.records, self.sentences = [], []
        for path in sorted(CORPUS.glob("*/*.txt")):
            self.records.append(parse_file(path).to_dict())
            text = read_text(path, read_bytes(path)).content
            self.sentences += [s.strip() for s in re.split(r"(?<=[.;:])\s+|\n", text)
                               if len(s.split()) >= 5]
        self.suffixes = sorted({re.sub(r"^\d+", "", r["number"]) for r in self.records
                                if r["number"] and r["number"][0].isdigit()})
        self.numbers: list[str] = []

    def record(self, index: int) -> tuple[dict, str, bytes]:
        pick = self.random.choice
        template = pick(self.records)
        number = f"{self.random.randint(1, 4000)}{pick(self.suffixes)}"
        self.numbers.append(number)
        year = self.random.randint(2005, 2026)
        date = f"{year}-{self.random.randint(1, 12):02d}-{self.random.randint(1, 28):02d}"
        body = "\n".join(self.random.choices(self.sentences, k=self.random.randint(15, 45)))
        cited = self.random.sample(self.numbers[:-1], min(len(self.numbers) - 1,
                                                          self.random.randint(0, 3)))
        record = {**template, "number": number, "date": date,
                  "subject": pick(self.records)["subject"],
                  "issuer": pick(self.records)["issuer"],
                  "references": [{"number": n, "doc_type": None, "date": None, "issuer": None,
                                  "text": n} for n in cited],
                  "source": {**template["source"], "path": f"synthetic/{index}.txt"}}
        body = f"Số: {number}\n{record['subject'] or ''}\n{body}"
        return record, body, f"{index}\n{body}".encode()

    def queries(self, kind: str, count: int) -> list[tuple[str, Filters | None]]:
        pick, out = self.random.choice, []
        while len(out) < count:
            words = re.findall(r"[^\W\d_]+", pick(self.sentences))
            if len(words) < 4:
                continue
            start = self.random.randrange(len(words) - 2)
            some = " ".join(words[start:start + self.random.randint(2, 3)])
            if kind == "folded words":
                out.append((fold(some), None))
            elif kind == "exact words":
                out.append((some, None))
            elif kind == "phrase":
                out.append((f'"{some}"', None))
            elif kind == "number":
                number = pick(self.numbers)
                out.append((pick([number, number.lower(), number.replace("-", " ")]), None))
            elif kind == "partial number":
                out.append((pick(self.numbers).split("/", 1)[-1].lower(), None))
            elif kind == "filtered":
                year = self.random.randint(2005, 2026)
                out.append((fold(some), Filters(
                    doc_type=pick(self.records)["doc_type"], date_from=f"{year}-01-01",
                    date_to=f"{year + 3}-12-31")))
        return out


KINDS = ["folded words", "exact words", "phrase", "number", "partial number", "filtered"]


def run(url: str, name: str, records: int, queries: int) -> None:
    maker = Recombiner()
    made = [maker.record(i) for i in range(records)]
    with open_archive(url) as archive:
        # First one transaction a record, as `vanthu corpus add` stores them; then the rest
        # through add_records, as an import of already parsed records goes.
        single = made[:records // 10]
        start = time.perf_counter()
        for i, (record, body, data) in enumerate(single):
            archive.add_record(record, body, data, f"{i}.txt")
        elapsed = time.perf_counter() - start
        print(f"{name}: {len(single):,} records added one a transaction: "
              f"{len(single) / elapsed:,.0f} records/s", flush=True)
        start = time.perf_counter()
        for _ in archive.add_records((*made[i], f"{i}.txt") for i in range(len(single), records)):
            pass
        elapsed = time.perf_counter() - start
        print(f"{name}: {records - len(single):,} records added by add_records: "
              f"{(records - len(single)) / elapsed:,.0f} records/s", flush=True)
        for kind in KINDS:
            timings, found = [], 0
            for text, filters in maker.queries(kind, queries):
                began = time.perf_counter()
                found += bool(archive.search(text, filters, limit=10))
                timings.append((time.perf_counter() - began) * 1000)
            timings.sort()
            p95 = timings[int(len(timings) * 0.95) - 1]
            print(f"{name}: {kind:15s} p50 {statistics.median(timings):6.1f} ms  "
                  f"p95 {p95:6.1f} ms  ({found}/{len(timings)} with hits)", flush=True)


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--records", type=int, default=100_000)
    options.add_argument("--queries", type=int, default=200)
    options.add_argument("--backend", choices=["sqlite", "postgresql"], action="append")
    args = options.parse_args()
    for backend in args.backend or ["sqlite", "postgresql"]:
        if backend == "sqlite":
            with tempfile.TemporaryDirectory() as directory:
                run(str(Path(directory) / "bench.sqlite"), backend, args.records, args.queries)
        else:
            from corpus.scratch_server import ScratchPostgres
            with ScratchPostgres(durable=True) as server:
                run(server.new_database("bench"), backend, args.records, args.queries)


if __name__ == "__main__":
    main()
