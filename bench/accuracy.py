"""Parsing accuracy against gold labels, by the judging scorer's rules (bench/judge.py), per
batch of documents, per field and per input format, first run beside now.

    python bench/accuracy.py                       # every batch there is
    python bench/accuracy.py --batch real --formats txt --misses
    python bench/accuracy.py --corpus DIR --name "Sở X, 2026"   # an office's own labelled files

Batches: the repository's corpus (tests/data/corpus: the real seeds and dev documents, then the
hand-written rounds) and, where the shared corpus lies beside the checkout (or where
VANTHU_SHARED_CORPUS points), its real/ texts and originals/ files, read in place. A folder
holds NAME.txt (or a PDF, Word or image file) with NAME.json gold labels. Texts are also scored
as .docx, .pdf and .html made by tests/docmaker.py (PDF through LibreOffice), as the end-to-end
tests make them; original files are scored as they are and by their kind (digitally signed
PDF, other text PDF, Word, scan), each kind beside the text of the same documents ("Word:
text", "scan: text").

A third of each new batch is kept back (the documents whose number is divisible by three): it
is scored apart, and its figures are what the next office can expect. FIRST_RUN keeps each
batch's figures from before the work on it; the "now" column only shows nothing went back.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests"), str(ROOT / "bench")]

import docmaker  # noqa: E402
from judge import FIELDS, SIGNER, Judged  # noqa: E402
from scoring import Score  # noqa: E402

from pipeline.parse import parse_file  # noqa: E402
from pipeline.readers import ReadError  # noqa: E402

CORPUS = ROOT / "tests/data/corpus"
OWN = {"repository: seeds and dev": ["seeds", "dev"],
       "repository: hand-written": ["handmade", "handmade2", "handmade3"]}
DEFAULT_CORPUS = [CORPUS / folder for folders in OWN.values() for folder in folders]
SHARED = Path(os.environ.get("VANTHU_SHARED_CORPUS", ROOT.parent / "shared" / "corpus"))
TEXT_FORMATS = ["txt", "docx", "pdf", "html"]
FILE_SUFFIXES = {".pdf", ".docx", ".doc", ".odt", ".png", ".jpg", ".jpeg", ".tif", ".tiff"}
SUMMARY = ["header", "addressees", "recipients", "signer", "references", "deadlines", "tasks"]

# Figures of each batch before any work on it (the parser at commit 6ca22ff, 2026-12-02, with
# this commit's tests/docmaker.py, which rebuilds pipe-table layouts as real tables), by these
# rules: {batch: {form: {summary figure: value}}}; --json prints the same keys. A "public batch"
# is public documents labelled outside the repository (never committed): --corpus DIR --name
# "public batch N" --formats txt scores one.
FIRST_RUN: dict[str, dict[str, dict[str, float]]] = {
    "repository: seeds and dev": {
        "txt": {"header": 1.0, "addressees": 1.0, "recipients": 1.0, "references": 1.0,
                "deadlines": 1.0, "tasks": 0.8, "signer": 1.0},
        "docx": {"header": 1.0, "addressees": 1.0, "recipients": 1.0, "references": 1.0,
                 "deadlines": 1.0, "tasks": 0.8, "signer": 1.0},
        "pdf": {"header": 1.0, "addressees": 1.0, "recipients": 1.0, "references": 1.0,
                "deadlines": 1.0, "tasks": 0.783, "signer": 1.0},
        "html": {"header": 1.0, "addressees": 1.0, "recipients": 1.0, "references": 1.0,
                 "deadlines": 1.0, "tasks": 0.8, "signer": 1.0},
    },
    "repository: hand-written": {
        "txt": {"header": 1.0, "addressees": 1.0, "recipients": 1.0, "references": 1.0,
                "deadlines": 1.0, "tasks": 1.0, "signer": 1.0},
        "docx": {"header": 1.0, "addressees": 1.0, "recipients": 1.0, "references": 1.0,
                 "deadlines": 1.0, "tasks": 1.0, "signer": 1.0},
        "pdf": {"header": 1.0, "addressees": 1.0, "recipients": 1.0, "references": 1.0,
                "deadlines": 1.0, "tasks": 1.0, "signer": 1.0},
        "html": {"header": 1.0, "addressees": 1.0, "recipients": 1.0, "references": 1.0,
                 "deadlines": 1.0, "tasks": 1.0, "signer": 1.0},
    },
    "real: working part": {
        "txt": {"header": 0.712, "addressees": 0.703, "recipients": 0.282, "references": 0.923,
                "deadlines": 0.778, "tasks": 0.637, "signer": 0.597},
        "docx": {"header": 0.751, "addressees": 0.865, "recipients": 0.898, "references": 0.95,
                 "deadlines": 0.842, "tasks": 0.667, "signer": 0.644},
        "pdf": {"header": 0.717, "addressees": 0.8, "recipients": 0.647, "references": 0.95,
                "deadlines": 0.778, "tasks": 0.636, "signer": 0.644},
        "html": {"header": 0.765, "addressees": 0.923, "recipients": 0.898, "references": 0.95,
                 "deadlines": 0.842, "tasks": 0.667, "signer": 0.644},
    },
    "real: kept back": {
        "txt": {"header": 0.73, "addressees": 0.571, "recipients": 0.4, "references": 0.885,
                "deadlines": 0.545, "tasks": 0.44, "signer": 0.623},
        "docx": {"header": 0.71, "addressees": 0.75, "recipients": 0.836, "references": 0.92,
                 "deadlines": 0.545, "tasks": 0.44, "signer": 0.749},
        "pdf": {"header": 0.71, "addressees": 0.909, "recipients": 0.762, "references": 0.92,
                "deadlines": 0.545, "tasks": 0.449, "signer": 0.749},
        "html": {"header": 0.73, "addressees": 1.0, "recipients": 0.836, "references": 0.92,
                 "deadlines": 0.545, "tasks": 0.48, "signer": 0.749},
    },
    "originals: working part": {
        "as text": {"header": 0.68, "addressees": 0.8, "recipients": 0.787, "references": 0.885,
                    "deadlines": 0.375, "tasks": 0.224, "signer": 0.54},
        "Word": {"header": 0.589, "addressees": 0.952, "recipients": 0.836, "references": 0.885,
                 "deadlines": 0.0, "tasks": 0.222, "signer": 0.292},
        "every file": {"header": 0.49, "addressees": 0.769, "recipients": 0.756,
                       "references": 0.829,
                       "deadlines": 0.375, "tasks": 0.203, "signer": 0.317},
        "scan": {"header": 0.524, "addressees": 0.727, "recipients": 0.76, "references": 0.8,
                 "deadlines": 0.667, "tasks": 0.222, "signer": 0.167},
        "signed PDF": {"header": 0.286, "addressees": 0.333, "recipients": 0.784,
                       "references": 0.857,
                       "deadlines": 0.5, "tasks": 0.522, "signer": 0.667},
        "other text PDF": {"header": 0.5, "addressees": 0.0, "recipients": 0.167,
                           "references": 0.667,
                           "deadlines": 0.0, "tasks": 0.0, "signer": 0.0},
    },
    "originals: kept back": {
        "as text": {"header": 0.818, "addressees": 0.727, "recipients": 0.884, "references": 0.962,
                    "deadlines": 0.556, "tasks": 0.061, "signer": 0.667},
        "signed PDF": {"header": 0.314, "addressees": 0.5, "recipients": 0.824, "references": 0.895,
                       "deadlines": 0.0, "tasks": 0.033, "signer": 0.8},
        "every file": {"header": 0.519, "addressees": 0.8, "recipients": 0.805, "references": 0.923,
                       "deadlines": 0.471, "tasks": 0.062, "signer": 0.606},
        "Word": {"header": 0.643, "addressees": 1.0, "recipients": 0.867, "references": 1.0,
                 "deadlines": 1.0, "tasks": 0.8, "signer": 0.333},
        "other text PDF": {"header": 1.0, "addressees": 1.0, "recipients": 1.0, "references": 1.0,
                           "deadlines": 0.0, "tasks": 0.021, "signer": 1.0},
        "scan": {"header": 0.571, "addressees": 1.0, "recipients": 0.0, "references": 1.0,
                 "deadlines": 1.0, "tasks": 1.0, "signer": 0.333},
    },
    "public batch 2: working part": {
        "txt": {"header": 0.718, "addressees": 0.917, "recipients": 0.947, "references": 0.974,
                "deadlines": 0.727, "tasks": 0.417, "signer": 0.917},
    },
    "public batch 2: kept back": {
        "txt": {"header": 0.634, "addressees": 1.0, "recipients": 1.0, "references": 0.938,
                "deadlines": 1.0, "tasks": 0.471, "signer": 1.0},
    },
    "public batch 3: working part": {
        "txt": {"header": 0.845, "addressees": 1.0, "recipients": 1.0, "references": 0.947,
                "deadlines": 1.0, "tasks": 0.783, "signer": 0.903},
    },
    "public batch 3: kept back": {
        "txt": {"header": 0.776, "addressees": 1.0, "recipients": 1.0, "references": 0.929,
                "deadlines": 0.0, "tasks": 0.5, "signer": 0.702},
    },
    # 24 portal copies labelled in the stop after issues 14–20 (17 cut by the page before their
    # duties: a header batch, 12 tasks); first run with the parser at 9d341bf.
    "public batch 4: working part": {
        "txt": {"header": 0.933, "addressees": 1.0, "recipients": 0.727, "references": 0.98,
                "deadlines": 1.0, "tasks": 1.0, "signer": 1.0},
    },
    "public batch 4: kept back": {
        "txt": {"header": 0.906, "addressees": 1.0, "recipients": 1.0, "references": 0.929,
                "deadlines": 1.0, "tasks": 0.8, "signer": 1.0},
    },
    # 22 youth-union documents from a public repository, labelled for their tasks (168) in the
    # same stop; first run with the parser at 9d341bf.
    "public batch 5: working part": {
        "txt": {"header": 0.895, "addressees": 1.0, "recipients": 0.853, "references": 0.811,
                "deadlines": 0.923, "tasks": 0.522, "signer": 0.911},
    },
    "public batch 5: kept back": {
        "txt": {"header": 0.898, "addressees": 1.0, "recipients": 0.927, "references": 0.769,
                "deadlines": 0.667, "tasks": 0.377, "signer": 1.0},
    },
}


# Tasks and deadlines of each batch before the work on task lists (issue 15; the parser at
# commit 6015a30, 2026-12-02), by the same rules: {batch: {form: (tasks precision, tasks
# recall, tasks F1, deadlines F1)}}. Only working parts: the kept-back part is not looked at.
FIRST_RUN_TASKS: dict[str, dict[str, tuple[float, float, float, float]]] = {
    "repository: seeds and dev": {
        "txt": (0.67, 1.0, 0.8, 1.0), "docx": (0.67, 1.0, 0.8, 1.0),
        "pdf": (0.64, 1.0, 0.783, 1.0), "html": (0.67, 1.0, 0.8, 1.0),
    },
    "repository: hand-written": {form: (1.0, 1.0, 1.0, 1.0) for form in TEXT_FORMATS},
    "real: working part": {
        "txt": (0.78, 0.56, 0.655, 0.778), "docx": (0.79, 0.58, 0.667, 0.842),
        "pdf": (0.79, 0.53, 0.636, 0.778), "html": (0.79, 0.58, 0.667, 0.842),
    },
    # Public batch 5 at 9d341bf, before this stop's task work (its kept back: 0.83 / 0.24 /
    # 0.377, 0.667).
    "public batch 5: working part": {"txt": (0.73, 0.41, 0.522, 0.923)},
    "originals: working part": {
        "as text": (0.19, 0.28, 0.230, 0.375), "Word": (0.41, 0.17, 0.237, 0.0),
        "every file": (0.18, 0.25, 0.206, 0.375), "scan": (0.50, 0.14, 0.222, 0.667),
        "signed PDF": (0.48, 0.57, 0.522, 0.5), "other text PDF": (0.0, 0.0, 0.0, 0.0),
    },
}


def held_back(stem: str) -> bool:
    """The third of a batch kept back: documents whose number is divisible by three."""
    digits = re.sub(r"\D", "", stem)
    return bool(digits) and int(digits) % 3 == 0


def labelled(folder: Path) -> list[Path]:
    """The documents of a folder that have gold labels: texts, or original files."""
    return sorted(p for p in folder.iterdir() if p.suffix != ".json"
                  and p.with_suffix(".json").exists() and (p.suffix == ".txt" or p.suffix.lower()
                                                           in FILE_SUFFIXES))


def batches(only: str | None, corpus: list[Path], name: str | None) -> list[dict]:
    """[{name, texts: [Path], files: [Path]}] of the batches to score."""
    found = []
    if corpus:
        for folder in corpus:
            docs = labelled(folder)
            texts = [p for p in docs if p.suffix == ".txt"]
            files = [p for p in docs if p.suffix != ".txt"]
            label = name or str(folder)
            if any(held_back(p.stem) for p in docs):
                found.append({"name": f"{label}: working part",
                              "texts": [t for t in texts if not held_back(t.stem)],
                              "files": [f for f in files if not held_back(f.stem)]})
                found.append({"name": f"{label}: kept back",
                              "texts": [t for t in texts if held_back(t.stem)],
                              "files": [f for f in files if held_back(f.stem)]})
            else:
                found.append({"name": label, "texts": texts, "files": files})
        return [b for b in found if only is None or only in b["name"]]
    for label, folders in OWN.items():
        texts = [p for f in folders if (CORPUS / f).is_dir() for p in labelled(CORPUS / f)]
        found.append({"name": label, "texts": texts, "files": []})
    for sub in ("real", "originals"):
        folder = SHARED / sub
        if not folder.is_dir():
            continue
        docs = labelled(folder)
        for part, keep in (("working part", False), ("kept back", True)):
            chosen = [p for p in docs if held_back(p.stem) == keep]
            found.append({"name": f"{sub}: {part}",
                          "texts": [p for p in chosen if p.suffix == ".txt"],
                          "files": [p for p in chosen if p.suffix != ".txt"]})
    return [b for b in found if only is None or only in b["name"]]


def kind_of(path: Path, record: dict) -> str:
    """What kind of file an original is: Word, scan, digitally signed PDF, other text PDF."""
    if path.suffix.lower() in (".docx", ".doc", ".odt"):
        return "Word"
    if record["source"].get("ocr"):
        return "scan"
    if path.suffix.lower() == ".pdf" and b"/ByteRange" in path.read_bytes():
        return "signed PDF"
    return "other text PDF"


def gold_of(path: Path) -> dict:
    return json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))


def parsed(path: Path) -> dict:
    """The record of a file; a file that cannot be read scores as an empty record."""
    try:
        return parse_file(path).to_dict()
    except ReadError as error:
        print(f"{path}: {error}", file=sys.stderr)
        return {}


def score_batch(batch: dict, formats: list[str]) -> dict[str, Judged]:
    """{form: Judged}: one form per text format, one per kind of original file, "as text" for
    the texts that stand beside original files."""
    scores: dict[str, Judged] = {}
    texts, files = batch["texts"], batch["files"]
    with tempfile.TemporaryDirectory() as tmp:
        made = make_files(texts if not files else [], formats, Path(tmp))
        for form, paths in made.items():
            judged = scores.setdefault(form if not files else "as text", Judged())
            for path, text in zip(paths, texts):
                judged.add(f"{text.stem} [{form}]", parsed(path), gold_of(text))
    if files:
        judged_text = scores.setdefault("as text", Judged())
        for text in texts:
            judged_text.add(f"{text.stem} [txt]", parsed(text), gold_of(text))
        text_of = {text.stem: text for text in texts}
        for path in files:
            record = parsed(path)
            kind = kind_of(path, record) if record else "unreadable"
            for form in (kind, "every file"):
                scores.setdefault(form, Judged()).add(f"{path.name}", record, gold_of(path))
            if path.stem in text_of:  # the same documents' text: what each kind is held to
                scores.setdefault(f"{kind}: text", Judged()).add(
                    f"{path.stem} [txt]", parsed(text_of[path.stem]), gold_of(path))
    return scores


def make_files(texts: list[Path], formats: list[str], out: Path) -> dict[str, list[Path]]:
    """The texts in each format the test setup makes from them (the other benchmarks use it)."""
    if not texts:
        return {}
    files: dict[str, list[Path]] = {"txt": texts}
    names = [f"{t.parent.name}__{t.stem}" for t in texts]
    if {"docx", "pdf"} & set(formats):
        files["docx"] = [docmaker.make_docx(t, out / f"{n}.docx") for t, n in zip(texts, names)]
    if "pdf" in formats:
        files["pdf"] = docmaker.to_pdf(files["docx"], out)
    if "html" in formats:
        files["html"] = [docmaker.make_html(t, out / f"{n}.html") for t, n in zip(texts, names)]
    return {form: files[form] for form in formats if form in files}


def documents(folders: list[Path]) -> list[Path]:
    """The labelled texts of the folders (the other benchmarks use it)."""
    return [p for folder in folders for p in labelled(folder) if p.suffix == ".txt"]


def score(files: list[Path], texts: list[Path]) -> Score:
    """The repository's exact scores (bench/scoring.py) of files made from texts."""
    result = Score()
    for path, text in zip(files, texts):
        result.add(f"{text.parent.name}/{text.stem} [{path.suffix[1:]}]", parsed(path),
                   gold_of(text))
    return result


def summary(judged: Judged) -> dict[str, float]:
    """The figures the README's Measured table gives for a batch and form."""
    out = {"header": judged.header_macro()}
    for key in ("addressees", "recipients", "references", "deadlines", "tasks"):
        out[key] = judged.value(key)
    signer = [v for v in (judged.value(k) for k in SIGNER) if v is not None]
    out["signer"] = sum(signer) / len(signer) if signer else None
    return {k: round(v, 3) for k, v in out.items() if v is not None}


def _cell(value) -> str:
    return f"{value:6.3f}" if value is not None else f"{'—':>6}"


def report(batch: dict, scores: dict[str, Judged], misses: bool) -> None:
    forms = list(scores)
    count = len(batch["files"]) or len(batch["texts"])
    print(f"== {batch['name']}: {count} documents; scalar fields: share right; lists: item F1 "
          f"(judging rules, bench/judge.py)\n")
    print(f"{'field':18}" + "".join(f"{form[:14]:>15}" for form in forms))
    for key in FIELDS:
        values = [scores[f].value(key) for f in forms]
        if all(v is None for v in values):
            continue
        judged = max(scores[f].judged(key) for f in forms)
        print(f"{key:18}" + "".join(f"{_cell(v):>15}" for v in values) + f"   (n={judged})")
    print(f"{'header macro':18}" + "".join(f"{_cell(scores[f].header_macro()):>15}"
                                            for f in forms))
    for key in ("tasks", "deadlines"):
        if any(scores[f].judged(key) for f in forms):
            print(f"{key + ' P/R':18}" + "".join(
                f"{'%.2f / %.2f' % scores[f].prf(key)[:2]:>15}" for f in forms))
    first = FIRST_RUN.get(batch["name"], {})
    if first:
        print(f"\nfirst run → now ({', '.join(SUMMARY)}):")
        for form in forms:
            before, now = first.get(form, {}), summary(scores[form])
            print(f"  {form:16}" + "  ".join(
                f"{k} {_cell(before.get(k)).strip()}→{_cell(now.get(k)).strip()}"
                for k in SUMMARY if k in now))
    first_tasks = FIRST_RUN_TASKS.get(batch["name"], {})
    if first_tasks:
        print("\ntasks precision / recall / F1, deadlines F1: first run → now")
        for form in forms:
            before = first_tasks.get(form)
            precision, recall, f1 = scores[form].prf("tasks")
            deadlines = _cell(scores[form].value("deadlines")).strip()
            now = f"{precision:.2f} / {recall:.2f} / {f1:.3f}, {deadlines}"
            was = (f"{before[0]:.2f} / {before[1]:.2f} / {before[2]:.3f}, {before[3]:.3f}"
                   if before else "—")
            print(f"  {form:16}{was} → {now}")
    if misses:
        print()
        for form in forms:
            for miss in scores[form].misses:
                print(f"  {miss}")
    print()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--batch", help="only the batches whose name contains this")
    parser.add_argument("--corpus", action="append", type=Path, default=[],
                        help="a folder of labelled documents (repeatable) instead of the batches")
    parser.add_argument("--name", help="what to call the --corpus batch")
    parser.add_argument("--formats", default=",".join(TEXT_FORMATS),
                        help="formats to make texts into (default: %(default)s)")
    parser.add_argument("--misses", action="store_true", help="list every wrong value")
    parser.add_argument("--json", action="store_true",
                        help="print {batch: {form: summary figures}} instead of tables")
    args = parser.parse_args()
    formats = [f for f in args.formats.split(",") if f]
    figures = {}
    for batch in batches(args.batch, args.corpus, args.name):
        if not batch["texts"] and not batch["files"]:
            continue
        scores = score_batch(batch, formats)
        if args.json:
            figures[batch["name"]] = {form: summary(j) for form, j in scores.items()}
        else:
            report(batch, scores, args.misses)
    if args.json:
        print(json.dumps(figures, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
