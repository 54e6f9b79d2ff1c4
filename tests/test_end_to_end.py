"""Every corpus document, in every input format, parsed and compared with its gold labels.

The texts are real documents (seeds/, dev/) and hand-written ones in forms the real ones lack
(handmade/, handmade2/); the other formats are made from them with real layouts (see
docmaker.py). Every judged field must come out right: scoring.py says what "right" means.
"""
from __future__ import annotations

import pytest
from conftest import CORPUS_TEXTS, gold_of
from scoring import Score

from pipeline.parse import parse_file

IDS = [f"{t.parent.name}/{t.stem}" for t in CORPUS_TEXTS]


@pytest.mark.parametrize("fmt", ["txt", "docx", "pdf", "html"])
@pytest.mark.parametrize("doc", IDS)
def test_record_matches_gold(generated, fmt, doc):
    path = generated[fmt][doc]
    record = parse_file(path).to_dict()
    score = Score()
    score.add(doc, record, gold_of(generated["txt"][doc]))
    # Gold task lists name the main assignments only: every one must be found, and a task the
    # labels leave out may be extra.
    assert [miss for miss in score.misses if ": tasks:" not in miss] == []
    assert score.fn["tasks"] == 0
    assert record["source"]["format"] == fmt
    assert len(record["source"]["sha256"]) == 64


def test_pdf_records_count_pages(generated):
    record = parse_file(generated["pdf"]["seeds/002_6e91a7f6b37773c7"]).to_dict()
    assert record["source"]["pages"] >= 2  # the Sao lục starts a page of its own
    assert record["source"]["ocr"] is False
