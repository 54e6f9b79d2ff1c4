"""Tasks found by the rules against the same pipeline with a trained component in their place,
scored by the judging rules on the working parts of the labelled real documents (as text).

    python bench/task_components.py

The one decision a trained component could take over is where the body that acts ends and the
action starts ("Sở Nông nghiệp và Môi trường | chủ trì, phối hợp với …"): the rules look for
an action word from data/tasks.toml; underthesea's part-of-speech tagger (a CRF shipped with
the package, nothing downloaded) takes the first word it tags as a verb. spaCy ships no
Vietnamese tagger or entity model (its "vi" pipeline is a tokenizer; trained ones are
downloads), so it has nothing to offer here. underthesea is not a dependency: install it
beside the project to run this comparison (pip install underthesea).
"""
from __future__ import annotations

import json
import sys
import time
from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "bench"), str(ROOT / "tests")]

from accuracy import FIRST_RUN_TASKS, SHARED, held_back, labelled  # noqa: E402
from judge import Judged  # noqa: E402

import extractors.tasks as tasks  # noqa: E402
from pipeline.parse import parse_file  # noqa: E402


class _Verb:
    """The part of re.Match the task extractor reads."""

    def __init__(self, start: int, end: int, text: str):
        self._start, self._end, self._text = start, end, text

    def start(self) -> int:
        return self._start

    def end(self) -> int:
        return self._end

    def group(self, *_):
        return self._text


def tagger_action_start():
    """_action_start as underthesea's tagger would decide it: the first word tagged V."""
    from underthesea import pos_tag

    @lru_cache(maxsize=20000)
    def verbs(text: str) -> tuple[tuple[int, int], ...]:
        found, at = [], 0
        for word, tag in pos_tag(text):
            where = text.find(word, at)
            if where < 0:
                continue
            at = where + len(word)
            if tag == "V":
                found.append((where, at))
        return tuple(found)

    def action_start(text: str, start: int = 0):
        for begin, end in verbs(text):
            if begin >= start:
                return _Verb(begin, end, text[begin:end])
        return None

    return action_start


def documents() -> list[Path]:
    return [p for sub in ("real", "originals") if (SHARED / sub).is_dir()
            for p in labelled(SHARED / sub) if p.suffix == ".txt" and not held_back(p.stem)]


def score(paths: list[Path]) -> tuple[Judged, float]:
    judged = Judged()
    started = time.perf_counter()
    for path in paths:
        gold = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
        judged.add(path.stem, parse_file(path).to_dict(), gold)
    return judged, time.perf_counter() - started


def main() -> None:
    paths = documents()
    if not paths:
        sys.exit(f"no labelled documents under {SHARED}")
    variants = {"rules (data/tasks.toml)": None}
    try:
        variants["underthesea pos_tag"] = tagger_action_start()
    except ImportError:
        print("underthesea is not installed: only the rules are measured", file=sys.stderr)
    rules = tasks._action_start
    print(f"{len(paths)} working-part texts (real/, originals/); tasks P / R / F1, deadlines F1")
    for name, replacement in variants.items():
        tasks._action_start = replacement or rules
        try:
            judged, seconds = score(paths)
        finally:
            tasks._action_start = rules
        precision, recall, f1 = judged.prf("tasks")
        print(f"  {name:26} {precision:.2f} / {recall:.2f} / {f1:.3f}, "
              f"{judged.value('deadlines'):.3f}   ({seconds:.1f} s)")
    for batch, forms in FIRST_RUN_TASKS.items():
        form, figures = next(iter(forms.items()))
        print(f"  first run, {batch} [{form}]: {figures[0]:.2f} / {figures[1]:.2f} / "
              f"{figures[2]:.3f}, {figures[3]:.3f}")


if __name__ == "__main__":
    main()
