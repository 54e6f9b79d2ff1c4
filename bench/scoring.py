"""Score records against gold labels, field by field.

Scalars are right or wrong (exact after the normalisation below); lists are scored by item:
precision, recall and F1 over all documents. Deadlines are scored by their dates (each date
once per document; event-relative deadlines have none). A task counts as found when a
predicted task has the same deadline and assignees sharing at least half their words (folded)
with the gold ones; each gold task matches at most one predicted task. Keys a gold file lists under "uncertain", and
keys it does not have, are not judged.

Normalisation, the same for record and gold: Unicode NFC, one tone-mark placement ("uỷ" =
"ủy"), inner whitespace collapsed, trailing ",;." dropped. Numbers compare without spaces and
case. A trích yếu compares without a leading "V/v" or "Về việc" (the record drops it; some gold
files keep it).
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from pipeline.text import canonical_tones, collapse

TASK_ASSIGNEE_OVERLAP = 0.5  # share of words two first assignees must share to be the same

SCALARS = ["system", "doc_type", "number", "issuer", "issuer_parent", "place", "date", "subject",
           "signer.authority", "signer.position", "signer.name"]
LISTS = ["addressees", "recipients", "references", "copies", "deadlines", "tasks"]
HEADER_FIELDS = ["system", "doc_type", "number", "issuer", "issuer_parent", "place", "date",
                 "subject"]


def norm(value):
    if value is None:
        return None
    text = collapse(canonical_tones(str(value))).strip(" ,;.")
    return text or None


def norm_number(value):
    return re.sub(r"\s+", "", value).replace("–", "-").casefold() if value else None


def norm_subject(value):
    text = norm(value)
    if text is None:
        return None
    return re.sub(r"^(?:v/v|về việc)\s*:?\s*", "", text, flags=re.I) or None


def _record_value(record: dict, key: str):
    if key == "issuer":
        return (record.get("issuer") or {}).get("name")
    if key == "issuer_parent":
        return (record.get("issuer") or {}).get("parent")
    if key.startswith("signer."):
        return (record.get("signer") or {}).get(key.split(".")[1])
    return record.get(key)


def _gold_value(gold: dict, key: str):
    if key.startswith("signer."):
        return (gold.get("signer") or {}).get(key.split(".")[1])
    return gold.get(key)


def _judged(gold: dict, key: str) -> bool:
    top = key.split(".")[0]
    uncertain = set(gold.get("uncertain") or [])
    return top in gold and top not in uncertain and key not in uncertain


def _scalar_equal(key: str, got, want) -> bool:
    if key == "number":
        return norm_number(got) == norm_number(want)
    if key == "subject":
        return norm_subject(got) == norm_subject(want)
    return norm(got) == norm(want)


def _words(text: str | None) -> set[str]:
    from pipeline.text import fold
    return set(fold(canonical_tones(text or "")).replace(",", " ").split())


def _task_matches(got: list[dict], want: list[dict]) -> int:
    """How many gold tasks a predicted task matches one to one: same deadline, and assignees
    sharing at least TASK_ASSIGNEE_OVERLAP of their words (all assignees together, so that
    one phrase and the same bodies listed apart compare equal)."""
    used = set()
    matched = 0
    for gold in want:
        gold_words = _words(" ".join(gold.get("assignees") or []))
        for n, task in enumerate(got):
            if n in used or task.get("deadline") != gold.get("deadline"):
                continue
            words = _words(" ".join(task.get("assignees") or []))
            if gold_words and len(gold_words & words) / len(gold_words | words) >= \
                    TASK_ASSIGNEE_OVERLAP:
                used.add(n)
                matched += 1
                break
    return matched


def _items(key: str, values) -> list[str]:
    if not values:
        return []
    if key == "deadlines":  # the dates by which someone must act, each once
        return sorted({d["date"] for d in values if d.get("date")})
    if key == "references":
        return [norm_number(v["number"] if isinstance(v, dict) else v) for v in values]
    if key == "copies":
        return [f"{c.get('kind')}|{norm_number(c.get('number'))}|{norm(c.get('issuer'))}|"
                f"{c.get('date')}|{norm(c.get('place'))}|"
                f"{norm((c.get('signer') or {}).get('name'))}|"
                f"{'/'.join(norm(r) or '' for r in c.get('recipients') or [])}" for c in values]
    return [norm(v) for v in values]


@dataclass
class Score:
    right: Counter = field(default_factory=Counter)
    judged: Counter = field(default_factory=Counter)
    tp: Counter = field(default_factory=Counter)
    fp: Counter = field(default_factory=Counter)
    fn: Counter = field(default_factory=Counter)
    misses: list[str] = field(default_factory=list)

    def add(self, name: str, record: dict, gold: dict) -> None:
        for key in SCALARS:
            if not _judged(gold, key):
                continue
            got, want = _record_value(record, key), _gold_value(gold, key)
            self.judged[key] += 1
            if _scalar_equal(key, got, want):
                self.right[key] += 1
            else:
                self.misses.append(f"{name}: {key}: got {got!r}, want {want!r}")
        for key in LISTS:
            if not _judged(gold, key):
                continue
            if key == "tasks":
                got_tasks, want_tasks = record.get("tasks") or [], gold.get("tasks") or []
                matched = _task_matches(got_tasks, want_tasks)
                self.tp[key] += matched
                self.fp[key] += len(got_tasks) - matched
                self.fn[key] += len(want_tasks) - matched
                if matched < len(want_tasks) or matched < len(got_tasks):
                    self.misses.append(f"{name}: tasks: {matched} of {len(want_tasks)} gold "
                                       f"matched, {len(got_tasks)} found")
                continue
            got, want = Counter(_items(key, record.get(key))), Counter(_items(key, gold.get(key)))
            self.tp[key] += sum((got & want).values())
            self.fp[key] += sum((got - want).values())
            self.fn[key] += sum((want - got).values())
            for item in (got - want):
                self.misses.append(f"{name}: {key}: extra {item!r}")
            for item in (want - got):
                self.misses.append(f"{name}: {key}: missing {item!r}")

    def accuracy(self, key: str) -> float | None:
        return self.right[key] / self.judged[key] if self.judged[key] else None

    def f1(self, key: str) -> float | None:
        tp, fp, fn = self.tp[key], self.fp[key], self.fn[key]
        if tp + fp + fn == 0:
            return None
        return 2 * tp / (2 * tp + fp + fn)

    def table(self) -> dict[str, float | None]:
        figures = {key: self.accuracy(key) for key in SCALARS}
        figures.update({f"{key} F1": self.f1(key) for key in LISTS})
        return figures
