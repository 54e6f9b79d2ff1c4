"""Shared fixtures: the corpus (real documents and their gold labels) in every input format.

The .docx, .html and .pdf forms are built once per test session by docmaker.py; PDFs are
rendered by a real LibreOffice, installed by scripts/setup.sh.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parent
ROOT = TESTS.parent
sys.path[:0] = [str(TESTS), str(ROOT / "bench")]

import docmaker  # noqa: E402

CORPUS = TESTS / "data" / "corpus"
CORPUS_TEXTS = sorted(CORPUS.glob("*/*.txt"))


def gold_of(text: Path) -> dict:
    return json.loads(text.with_suffix(".json").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def generated(tmp_path_factory) -> dict[str, dict[str, Path]]:
    """{format: {document id: path}} for txt, docx, html and pdf."""
    if docmaker.soffice() is None:
        pytest.fail("LibreOffice (soffice) is not installed: run scripts/setup.sh")
    out = tmp_path_factory.mktemp("generated")
    ids = [f"{t.parent.name}/{t.stem}" for t in CORPUS_TEXTS]
    docx = {i: docmaker.make_docx(t, out / f"{i.replace('/', '__')}.docx")
            for i, t in zip(ids, CORPUS_TEXTS)}
    pdfs = docmaker.to_pdf(list(docx.values()), out)
    return {
        "txt": dict(zip(ids, CORPUS_TEXTS)),
        "docx": docx,
        "pdf": dict(zip(ids, pdfs)),
        "html": {i: docmaker.make_html(t, out / f"{i.replace('/', '__')}.html")
                 for i, t in zip(ids, CORPUS_TEXTS)},
    }
