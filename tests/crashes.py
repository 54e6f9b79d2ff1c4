"""kill -9 at random points of `vanthu corpus add`, round after round, and what the archive must
be after each round: what tests/corpus/test_corpus_cli.py and bench/robustness.py run.

After every kill the archive must pass `corpus check`, hold at least what it held before
(nothing lost) and each file once (nothing doubled); a last, uninterrupted run then stores the
rest, and every document is found whole.
"""
from __future__ import annotations

import random
import signal
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

from corpus import open_archive
from hostile import ENV, VANTHU


def filed_batch(directory: Path, count: int, sources: list[Path]) -> Path:
    """`count` distinct files in directory/batch: real texts, each with its own filing mark
    LT000, LT001… (so each is found by one search)."""
    batch = directory / "batch"
    batch.mkdir()
    for i in range(count):
        source = sources[i % len(sources)]
        (batch / f"{i:03d}-{source.name}").write_text(
            source.read_text(encoding="utf-8") + f"\nMã lưu trữ: LT{i:03d}\n", encoding="utf-8")
    return batch


def add_command(batch: Path, url: str) -> list[str]:
    return [*VANTHU, "corpus", "add", str(batch), "--db", url]


@dataclass
class Round:
    killed_after: float  # seconds after the process started
    added_before_kill: int  # "added" lines it had printed
    stored: int  # documents in the archive afterwards
    problems: list[str]  # what the archive's check found, or what was lost or doubled


def _stored(url: str) -> tuple[int, list[str]]:
    with open_archive(url) as archive:
        problems = archive.check()
        stored = archive.count()
        distinct = len({sha for (sha,) in archive._rows("SELECT sha256 FROM documents")})
    if distinct != stored:
        problems.append(f"{stored - distinct} document(s) stored twice")
    return stored, problems


def kill_rounds(batch: Path, url: str, rounds: int, seed: int) -> list[Round]:
    """Start `corpus add` over the batch and kill -9 it at a random point, `rounds` times: one
    kill in five while the program starts, the others after a random share of what is left was
    added and a pause of up to 50 ms, so most land while a document is being written."""
    rng = random.Random(seed)
    total = len(list(batch.iterdir()))
    done: list[Round] = []
    before = 0
    for left in range(rounds, 0, -1):
        starting = rng.random() < 0.2
        wanted = 0 if starting else rng.randint(0, (total - before) // (left + 1))
        started = time.perf_counter()
        process = subprocess.Popen(add_command(batch, url), stdout=subprocess.PIPE,
                                   stderr=subprocess.DEVNULL, env=ENV, text=True)
        added = 0
        while added < wanted:
            line = process.stdout.readline()
            if not line:
                break
            added += line.startswith("added")
        time.sleep(rng.uniform(0, 0.2) if starting else rng.uniform(0, 0.05))
        killed_after = time.perf_counter() - started
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
        process.stdout.close()
        stored, problems = _stored(url)
        if stored < before:
            problems.append(f"{before - stored} document(s) lost")
        before = stored
        done.append(Round(killed_after, added, stored, problems))
    return done


def finish_and_verify(batch: Path, url: str) -> list[str]:
    """Run `corpus add` to its end, then everything that is wrong ([] for an archive that holds
    each file of the batch once, whole: record, original and index)."""
    files = sorted(batch.iterdir())
    run = subprocess.run(add_command(batch, url), capture_output=True, text=True, env=ENV,
                         timeout=600)
    problems = [f"the last run failed: {run.stderr.strip()}"] if run.returncode else []
    stored, found = _stored(url)
    problems += found
    if stored != len(files):
        problems.append(f"{stored} document(s) stored, not {len(files)}")
    with open_archive(url) as archive:
        for i, path in enumerate(files):
            mark = f"LT{i:03d}"
            hits = archive.search(mark)
            if len(hits) != 1 or not hits[0].record["source"]["path"].endswith(path.name):
                problems.append(f"{mark}: found {len(hits)} time(s)")
            elif archive.original(hits[0].id)[1] != path.read_bytes():
                problems.append(f"{mark}: its original differs from the file")
    return problems
