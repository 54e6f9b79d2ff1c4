"""Parsing accuracy against gold labels, per field and per input format.

    python bench/accuracy.py                       # the repository's corpus, every format
    python bench/accuracy.py --corpus DIR --formats txt --misses

A corpus is a folder of NAME.txt documents each with a NAME.json of gold labels (keys of the
record, see bench/scoring.py). The .docx, .pdf and .html forms are made from the texts by
tests/docmaker.py (PDF through LibreOffice), as the end-to-end tests make them.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests"), str(ROOT / "bench")]

import docmaker  # noqa: E402
from scoring import HEADER_FIELDS, LISTS, SCALARS, Score  # noqa: E402

from pipeline.parse import parse_file  # noqa: E402

CORPUS = ROOT / "tests/data/corpus"
# Real documents (the shared corpus), then the hand-written rounds, each scored on its own.
GROUPS = {"real documents (seeds, dev)": [CORPUS / "seeds", CORPUS / "dev"],
          "hand-written, round 1": [CORPUS / "handmade"],
          "hand-written, round 2": [CORPUS / "handmade2"],
          "hand-written, round 3 (tasks and deadlines)": [CORPUS / "handmade3"]}
DEFAULT_CORPUS = [folder for folders in GROUPS.values() for folder in folders]
FORMATS = ["txt", "docx", "pdf", "html"]


def documents(corpora: list[Path]) -> list[Path]:
    return sorted(p for corpus in corpora for p in corpus.glob("*.txt")
                  if p.with_suffix(".json").exists())


def make_files(texts: list[Path], formats: list[str], out: Path) -> dict[str, list[Path]]:
    files: dict[str, list[Path]] = {"txt": texts}
    names = [f"{t.parent.name}__{t.stem}" for t in texts]
    if {"docx", "pdf"} & set(formats):
        files["docx"] = [docmaker.make_docx(t, out / f"{n}.docx") for t, n in zip(texts, names)]
    if "pdf" in formats:
        files["pdf"] = docmaker.to_pdf(files["docx"], out)
    if "html" in formats:
        files["html"] = [docmaker.make_html(t, out / f"{n}.html") for t, n in zip(texts, names)]
    return files


def score(files: list[Path], texts: list[Path]) -> Score:
    import json
    result = Score()
    for path, text in zip(files, texts):
        gold = json.loads(text.with_suffix(".json").read_text(encoding="utf-8"))
        record = parse_file(path).to_dict()
        result.add(f"{text.parent.name}/{text.stem} [{path.suffix[1:]}]", record, gold)
    return result


def report(name: str, texts: list[Path], formats: list[str], misses: bool) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        files = make_files(texts, formats, Path(tmp))
        scores = {fmt: score(files[fmt], texts) for fmt in formats}
    print(f"== {name}: {len(texts)} documents; scalar fields: share right; lists: item F1\n")
    print(f"{'field':22}" + "".join(f"{fmt:>8}" for fmt in formats))
    for key in SCALARS + [f"{k} F1" for k in LISTS]:
        cells = []
        for fmt in formats:
            value = scores[fmt].table()[key]
            cells.append(f"{value:8.3f}" if value is not None else f"{'—':>8}")
        judged = max(scores[fmt].judged[key] for fmt in formats) if key in SCALARS else ""
        print(f"{key:22}" + "".join(cells) + (f"   (n={judged})" if judged != "" else ""))
    print()
    for fmt in formats:
        header = [scores[fmt].accuracy(k) for k in HEADER_FIELDS if scores[fmt].judged[k]]
        lists = [v for v in (scores[fmt].f1(k) for k in ("addressees", "recipients",
                                                         "references")) if v is not None]
        if header and lists:
            print(f"{fmt}: lowest header field {min(header):.3f}; lowest of addressees/"
                  f"recipients/references F1 {min(lists):.3f}")
    if misses:
        print()
        for fmt in formats:
            for miss in scores[fmt].misses:
                print(miss)
    print()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", action="append", type=Path,
                        help="folder of NAME.txt + NAME.json (repeatable); default: the "
                             "repository's corpus, group by group")
    parser.add_argument("--formats", default=",".join(FORMATS))
    parser.add_argument("--misses", action="store_true", help="list every wrong value")
    args = parser.parse_args()
    formats = [f for f in args.formats.split(",") if f]
    groups = {", ".join(map(str, args.corpus)): args.corpus} if args.corpus else GROUPS
    for name, folders in groups.items():
        report(name, documents(folders), formats, args.misses)


if __name__ == "__main__":
    main()
