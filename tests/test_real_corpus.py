"""The parser on the shared corpus of real documents, read in place: the figures bench/accuracy.py
prints must not fall below the floors measured when the work on each batch ended.

The shared corpus (public documents, never copied into the repository) lies beside the checkout
or where VANTHU_SHARED_CORPUS points; without it these tests are skipped. The kept-back third of
each batch is not checked here: it is scored once, when the work on the batch ends.
"""
from __future__ import annotations

from functools import lru_cache

import pytest

import accuracy

# {batch: {form: {summary figure: floor}}}: the figures when the work on the batch ended, less
# a point for the noise of OCR and LibreOffice versions (PDFs rendered by another LibreOffice
# build lose up to three points more: CI read 0.908 where this machine reads 0.932).
FLOORS = {
    "real: working part": {
        "txt": {"header": 0.96, "addressees": 0.99, "recipients": 0.99, "signer": 0.99,
                "references": 0.98},
        "docx": {"header": 0.96, "addressees": 0.91, "recipients": 0.99, "signer": 0.99,
                 "references": 0.99},
        "pdf": {"header": 0.88, "addressees": 0.87, "recipients": 0.88, "signer": 0.82,
                "references": 0.99},
        "html": {"header": 0.96, "addressees": 0.91, "recipients": 0.99, "signer": 0.99,
                 "references": 0.99},
    },
    "originals: working part": {
        "as text": {"header": 0.84, "addressees": 0.84, "recipients": 0.91, "signer": 0.8,
                    "references": 0.87},
        "Word": {"header": 0.99, "addressees": 0.99, "recipients": 0.99, "signer": 0.9,
                 "references": 0.87},
        # Scans: 0.667 when the work of issue 16 on Word files and scans ended.
        # (after issue 16 the PDFs whose text layer is broken are read by OCR, so count as scans)
        "scan": {"header": 0.64, "recipients": 0.58, "references": 0.7},
        # Text-layer PDFs (pipeline/readers/pdf.py): signed ones with their stamps, and others.
        "signed PDF": {"header": 0.95, "addressees": 0.99, "recipients": 0.99, "signer": 0.99,
                       "references": 0.94},
        "other text PDF": {"header": 0.95, "addressees": 0.95, "recipients": 0.95,
                           "references": 0.75},
    },
}


def _batch(name: str) -> dict:
    found = [b for b in accuracy.batches(name, [], None) if b["name"] == name]
    if not found:
        pytest.skip(f"the shared corpus is not here ({accuracy.SHARED})")
    return found[0]


@lru_cache(maxsize=None)
def _scores(name: str) -> dict:
    """A batch scored once for the tests that read it (its scans take minutes to OCR)."""
    return accuracy.score_batch(_batch(name), accuracy.TEXT_FORMATS)


# How far each kind of original file may fall below the text of the same documents (header
# macro), as issue 16 asks; scans are held to what they reached (see FLOORS) until they get there.
WITHIN_TEXT = {"Word": 0.02}


@pytest.mark.parametrize("kind", list(WITHIN_TEXT))
def test_original_files_read_within_reach_of_their_text(kind):
    scores = _scores("originals: working part")
    if kind not in scores:
        pytest.skip(f"no {kind} file among the originals")
    got = scores[kind].header_macro()
    text = scores[f"{kind}: text"].header_macro()
    assert got >= text - WITHIN_TEXT[kind], "\n".join(
        [f"{kind} {got:.3f} < text {text:.3f} - {WITHIN_TEXT[kind]}"] + scores[kind].misses[:30])


@pytest.mark.parametrize("name", list(FLOORS))
def test_figures_hold_on_the_real_corpus(name):
    scores = _scores(name)
    low = []
    for form, floors in FLOORS[name].items():
        figures = accuracy.summary(scores[form])
        low += [f"{form} {key}: {figures.get(key)} < {floor}" for key, floor in floors.items()
                if figures.get(key, 0.0) < floor]
    assert low == [], "\n".join(low + scores[next(iter(FLOORS[name]))].misses[:40])


def test_kept_back_documents_are_a_third_of_each_batch():
    batch = _batch("real: working part")
    kept = _batch("real: kept back")
    assert not {t.stem for t in batch["texts"]} & {t.stem for t in kept["texts"]}
    assert len(kept["texts"]) * 3 >= len(batch["texts"] + kept["texts"]) - 2
