"""The PDF reader on the shared corpus's real PDFs (the working part only), read in place:
signatures as the e-office systems make them, and text layers judged before they are used.
Without the shared corpus these tests are skipped; bench/accuracy.py scores the same files'
fields against their labels (tests/test_real_corpus.py holds the floors)."""
from __future__ import annotations

import pytest

import accuracy
from pipeline.readers import textlayer
from pipeline.readers.pdf import _pages_words, read_pdf
from pipeline.readers.signatures import read_signatures

FOLDER = accuracy.SHARED / "originals"
PDFS = sorted(p for p in FOLDER.glob("*.pdf") if not accuracy.held_back(p.stem)) \
    if FOLDER.is_dir() else []
SIGNED = [p for p in PDFS if b"/ByteRange" in p.read_bytes()]


def _layered(path) -> bool:
    """Whether a page of the PDF has a text layer (the scans are the OCR checks' business)."""
    return any(page and not page[2] for page in _pages_words(path.read_bytes())[1])


LAYERED = [p for p in PDFS if _layered(p)]

pytestmark = pytest.mark.skipif(not PDFS, reason=f"the shared corpus is not here ({FOLDER})")


@pytest.mark.parametrize("path", SIGNED, ids=[p.stem for p in SIGNED])
def test_each_signature_says_who_when_whose_certificate_and_where(path):
    signatures, warnings = read_signatures(path.read_bytes())
    assert signatures
    for signature in signatures:
        assert signature["signer"] and signature["issuer"]
        assert signature["time"][:2] == "20" and signature["time"][19] in "+-Z"
        assert signature["intact"] in (True, False)
        assert signature["page"] >= 1 and len(signature["box"]) == 4
        if signature["intact"] is False:
            assert any(signature["signer"] in w for w in warnings)


def test_e_office_signatures_added_one_after_another_are_not_a_change_after_signing():
    """The signer signs, then the văn thư's signatures stamp the number and the day, each in a
    revision of its own: that is no change after signing."""
    several = [p for p in SIGNED if len(read_signatures(p.read_bytes())[0]) > 1]
    assert several
    for path in several:
        assert not any("sau khi ký số" in w for w in read_signatures(path.read_bytes())[1])


@pytest.mark.parametrize("path", LAYERED, ids=[p.stem for p in LAYERED])
def test_what_the_reader_hands_on_is_vietnamese_or_said_to_be_repaired(path):
    text = read_pdf(path.read_bytes())
    for page in range(1, (text.pages or 0) + 1):
        words = [{"text": w} for line in text.lines if line.page == page
                 for w in line.text.split()]
        verdict = textlayer.check(words)
        said = any(w.startswith(f"Trang {page}:") for w in text.warnings)
        assert verdict.fault is None or said or text.ocr, (path.name, page, verdict.fault)
