"""Arbitrary and damaged input through the whole parser: it answers or refuses cleanly, and
quickly. `pytest --long` runs the long version of each test (tests/fuzzing.py)."""
from __future__ import annotations

import gc
import random
import time
from pathlib import Path

import pytest
from hypothesis import given

from fuzzing import ADVERSARIAL, SCALABLE, documentish, repeated_pieces
from pipeline.errors import ReadError
from pipeline.readers import read_text
from tests_helpers import parse_text


@given(documentish)
def test_any_text_gives_a_record(text):
    started = time.process_time()
    record = parse_text(text)
    assert time.process_time() - started < 2.0
    assert record.system in ("party", "state", "union", "news", "unknown")
    record.to_json()


def test_mutated_real_files_are_read_or_refused(generated, long_run):
    """Real .docx, .pdf and .html bytes with 1–20 bytes changed, or cut short."""
    rng = random.Random(20261122)
    documents = sorted(generated["docx"])[:8 if long_run else 1]
    for fmt in ("docx", "pdf", "html"):
        for document in documents:
            data = Path(generated[fmt][document]).read_bytes()
            for _ in range(300 if long_run else 40):
                mutated = bytearray(data)
                if rng.random() < 0.1:
                    del mutated[rng.randrange(len(mutated)):]
                for _ in range(rng.randint(1, 20)):
                    if mutated:
                        mutated[rng.randrange(len(mutated))] = rng.randrange(256)
                try:
                    read_text(f"mutated.{fmt}", bytes(mutated))
                except ReadError as err:
                    assert "mutated" in str(err) and "\n" not in str(err)


def test_adversarial_text_is_parsed_in_bounded_time(long_run):
    texts = dict(ADVERSARIAL)
    pieces = repeated_pieces()
    chosen = sorted(pieces) if long_run else random.Random(len(pieces)).sample(sorted(pieces), 24)
    texts.update((name, pieces[name]) for name in chosen)
    for name, text in texts.items():
        started = time.process_time()
        parse_text(text).to_json()
        elapsed = time.process_time() - started
        assert elapsed < 10, f"{name}: {elapsed:.1f} s"


REAL = Path(__file__).parent / "data" / "corpus" / "seeds" / "000_6e539438116efc78.txt"


@pytest.mark.parametrize("shape", ["a real document", *SCALABLE])
def test_time_grows_in_proportion_to_the_text(shape):
    """Eight times the text takes about eight times as long, not sixty-four: no extractor looks
    at the whole text again for each thing it finds (a 10 MB .docx once took 73 s this way,
    and 90,000 number lines more than 180 s). Times are this process's CPU time, which other work
    on a busy machine does not change."""
    piece = REAL.read_text(encoding="utf-8") + "\n" if shape == "a real document" else \
        SCALABLE[shape]

    def seconds(copies: int) -> float:
        # The collector's passes over a heap eight times larger are not the parser's work.
        text = piece * copies
        gc.collect()
        gc.disable()
        try:
            started = time.process_time()
            parse_text(text)
            return time.process_time() - started
        finally:
            gc.enable()

    seconds(1)  # imports and caches
    small = min(seconds(25) for _ in range(3))
    large = min(seconds(200) for _ in range(2))  # quadratic code took 20 times as long as for 25 copies, or more
    assert large < 13 * small, f"25 copies: {small:.2f} s, 200 copies: {large:.2f} s"
