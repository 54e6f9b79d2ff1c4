"""OCR accuracy: character error rate and field accuracy on scanned copies of the corpus, next
to the same documents read from their PDF text layer.

    python bench/ocr_accuracy.py [--corpus DIR ...] [--kinds clean,scan,photo] [--misses]

Each document is laid out as .docx, printed to PDF by LibreOffice (tests/docmaker.py), then
rendered and degraded as tests/scanmaker.py describes (clean 300 dpi; 200 dpi scan with tilt
and noise; phone photo with tilt, shadow, blur and JPEG). CER is the edit distance between the
OCR text and the text-layer text of the same PDF (whitespace collapsed), over the latter's
length. Field accuracy is the mean of the header fields' accuracy and the F1 of addressees,
recipients and references against the gold labels, as bench/accuracy.py scores them.
Targets: CER <= 2% on clean 300 dpi pages; field accuracy on scans within 5 points of the
text layer's.

Dates and numbers are reported on their own, since they are what OCR gets wrong where it
matters (a month `62`, a year `2623`): the share right, and how many dates the checks of
extractors/plausibility.py repaired or flagged for the clerk. The `fax` kind is a 1-bit
200 dpi fax with an urgency stamp, a seal over the text and seal-only and blank pages
(tests/scanmaker.py make_fax).
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests"), str(ROOT / "bench")]

import scanmaker  # noqa: E402
from accuracy import documents, make_files, score  # noqa: E402
from rapidfuzz.distance import Levenshtein  # noqa: E402
from scoring import HEADER_FIELDS, Score  # noqa: E402

from pipeline.parse import parse_bytes  # noqa: E402
from pipeline.readers import read_bytes  # noqa: E402

CORPUS = ROOT / "tests/data/corpus"
LIST_FIELDS = ("addressees", "recipients", "references")


def field_accuracy(result) -> float:
    values = [result.accuracy(k) for k in HEADER_FIELDS if result.judged[k]]
    values += [v for v in (result.f1(k) for k in LIST_FIELDS) if v is not None]
    return sum(values) / len(values)


def _share(result, key: str) -> str:
    """Share of documents whose value is right, as "right/judged (percent)"."""
    judged = result.judged[key]
    return f"{result.right[key]}/{judged} ({result.accuracy(key):.0%})" if judged else "—"


def flat(text) -> str:
    return " ".join(text.content.split())


def read(path: Path):
    record, text = parse_bytes(path, read_bytes(path))
    return text, record.to_dict()


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    options.add_argument("--corpus", action="append", type=Path,
                         help="folder of NAME.txt + NAME.json (default: the real documents)")
    options.add_argument("--kinds", default=",".join([*scanmaker.KINDS, "fax"]))
    options.add_argument("--misses", action="store_true", help="list every wrong value")
    args = options.parse_args()
    texts = documents(args.corpus or [CORPUS / "seeds", CORPUS / "dev"])
    kinds = [k for k in args.kinds.split(",") if k]
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        pdfs = make_files(texts, ["pdf"], out)["pdf"]
        layer = score(pdfs, texts)
        print(f"{len(texts)} documents; text layer: field accuracy {field_accuracy(layer):.3f}")
        references = [flat(read(pdf)[0]) for pdf in pdfs]
        for kind in kinds:
            scans = [scanmaker.make_fax(pdf, out / f"{pdf.stem}.fax.pdf") if kind == "fax"
                     else scanmaker.make_scan(pdf, kind, out / f"{pdf.stem}.{kind}.pdf")
                     for pdf in pdfs]
            began = time.perf_counter()
            result, errors, said = Score(), 0, {"repaired": 0, "flagged": 0}
            for scan, reference, gold_text in zip(scans, references, texts):
                text, record = read(scan)
                result.add(f"{gold_text.parent.name}/{gold_text.stem} [{kind}]", record,
                           json.loads(gold_text.with_suffix(".json").read_text("utf-8")))
                errors += Levenshtein.distance(flat(text), reference)
                for warning in record["warnings"]:
                    if warning.startswith(("Ngày ban hành", "Số văn bản đọc được")):
                        said["repaired" if "đã sửa" in warning else "flagged"] += 1
            elapsed = time.perf_counter() - began
            cer = errors / sum(len(r) for r in references)
            accuracy = field_accuracy(result)
            dpi = scanmaker.FAX_DPI if kind == "fax" else scanmaker.KINDS[kind]
            print(f"{kind:6} ({dpi} dpi): CER {cer:6.2%}   field accuracy "
                  f"{accuracy:.3f} ({100 * (accuracy - field_accuracy(layer)):+.1f} points)   "
                  f"{elapsed:.0f} s", flush=True)
            print(f"{'':6} dates {_share(result, 'date')} (text layer {_share(layer, 'date')}), "
                  f"numbers {_share(result, 'number')} (text layer {_share(layer, 'number')}); "
                  f"dates and numbers repaired {said['repaired']}, flagged for the clerk "
                  f"{said['flagged']}", flush=True)
            if args.misses:
                for miss in result.misses:
                    print("   ", miss)


if __name__ == "__main__":
    main()
