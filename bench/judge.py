"""Scoring by the rules the project is judged with (the shared evaluation scorer's): each field
scored only where the gold label has the key and does not list it under "uncertain".

- scalars are right or wrong: the number compared as its letters and digits (TƯ = TW), the
  trích yếu without its "V/v" and punctuation and right at 85 % similarity, the issuer right
  at 90 % against the name, the parent or both, the system "youth_union" right as "party";
- Kính gửi and Nơi nhận items matched one to one at 85 % similarity; references and deadline
  dates as sets (dates the label calls optional are neither right nor wrong); lists give micro
  precision, recall and F1 over all documents;
- a task counts when a predicted task has the same deadline and its assignees contain, are
  contained in, or are 60 % similar to the gold ones;
- the header macro is the mean of system, type, number, issuer, place, date and trích yếu.

bench/scoring.py holds the stricter exact rules the repository's own corpus is tested with.
"""
from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass, field

HEADER = ["system", "doc_type", "number", "issuer", "place", "date", "subject"]
SIGNER = ["signer.authority", "signer.position", "signer.name"]
LISTS = ["addressees", "recipients", "references", "deadlines", "tasks", "copies"]
FIELDS = HEADER + ["addressees", "recipients"] + SIGNER + ["references", "deadlines", "tasks",
                                                           "copies"]
ITEM_SIMILARITY = 0.85
ISSUER_SIMILARITY = 0.9
SUBJECT_SIMILARITY = 0.85
ASSIGNEE_SIMILARITY = 0.6


def norm(value) -> str:
    if value is None:
        return ""
    text = unicodedata.normalize("NFC", str(value)).casefold()
    text = re.sub(r"^[\s\-–+•*]+", "", text)
    text = re.sub(r"[\s.,;:]+$", "", text)
    text = text.replace("ủy", "uỷ").replace("uỷ", "ủy")
    text = text.replace("hoà", "hòa").replace("hoá", "hóa").replace("thuỷ", "thủy")
    return re.sub(r"\s+", " ", text).strip()


def norm_subject(value) -> str:
    text = re.sub(r"^(v/v|về việc|v\.v)\s*[:.]?\s*", "", norm(value))
    return re.sub(r"[^\w\s]", "", text)


def canon_number(value) -> str:
    if not value:
        return ""
    text = unicodedata.normalize("NFC", str(value)).upper().replace("TƯ", "TW")
    text = re.sub(r"^SỐ\s*:?", "", text)
    return re.sub(r"[^0-9A-ZĐÀ-Ỹ]", "", text)


def canon_authority(value) -> str:
    return re.sub(r"[\s./]", "", norm(value)) if value else ""


def similarity(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, a, b).ratio()


def _empty(value) -> bool:
    return value is None or value == "" or value == [] or value == {}


def matched_items(gold: list, predicted: list, key=norm) -> tuple[int, int, int]:
    """(matched, predicted, gold): each gold item takes the most similar unused prediction at
    ITEM_SIMILARITY or more."""
    want = [k for k in map(key, gold) if k]
    got = [k for k in map(key, predicted) if k]
    used: set[int] = set()
    matched = 0
    for item in want:
        best, best_at = 0.0, None
        for n, candidate in enumerate(got):
            if n in used:
                continue
            ratio = 1.0 if item == candidate else similarity(item, candidate)
            if ratio > best:
                best, best_at = ratio, n
        if best_at is not None and best >= ITEM_SIMILARITY:
            used.add(best_at)
            matched += 1
    return matched, len(got), len(want)


def _set_counts(gold: list, predicted: list) -> tuple[int, int, int]:
    want, got = {x for x in gold if x}, {x for x in predicted if x}
    return len(want & got), len(got), len(want)


def _issuer_strings(record: dict) -> list[str]:
    issuer = record.get("issuer")
    if isinstance(issuer, str):
        return [issuer]
    if not isinstance(issuer, dict):
        return []
    name, parent = issuer.get("name"), issuer.get("parent")
    strings = [x for x in (name, parent) if x]
    return strings + ([f"{parent} {name}"] if name and parent else [])


def _deadline(task: dict):
    deadline = task.get("deadline")
    return deadline.get("date") if isinstance(deadline, dict) else deadline


def matched_tasks(gold: list[dict], predicted: list[dict]) -> tuple[int, int, int]:
    """(matched, predicted, gold): same deadline, assignees that overlap."""
    def assignees(task):
        return " ; ".join(norm(a) for a in task.get("assignees") or [])

    used: set[int] = set()
    matched = 0
    for want in gold:
        wanted = assignees(want)
        for n, task in enumerate(predicted):
            if n in used or _deadline(task) != _deadline(want):
                continue
            got = assignees(task)
            if wanted and got and (wanted in got or got in wanted
                                   or similarity(wanted, got) >= ASSIGNEE_SIMILARITY):
                used.add(n)
                matched += 1
                break
    return matched, len(predicted), len(gold)


def score_document(gold: dict, record: dict) -> dict:
    """{field: 0..1 for a scalar, (matched, predicted, gold) for a list}."""
    uncertain = set(gold.get("uncertain") or [])
    out: dict = {}

    def judged(key: str) -> bool:
        return key in gold and key not in uncertain

    if judged("system"):
        want = norm(gold["system"])
        allowed = {"party", "union", "youth_union"} if want == "youth_union" else {want}
        out["system"] = float(norm(record.get("system")) in allowed)
    if judged("doc_type"):
        out["doc_type"] = float(norm(gold["doc_type"]) == norm(record.get("doc_type")))
    if judged("number"):
        out["number"] = float(canon_number(gold["number"]) == canon_number(record.get("number")))
    if judged("date"):
        out["date"] = float((gold["date"] or "") == (record.get("date") or ""))
    if judged("place"):
        out["place"] = float(norm(gold["place"]) == norm(record.get("place")))
    if judged("issuer"):
        want = norm(gold["issuer"])
        got = [norm(x) for x in _issuer_strings(record)]
        out["issuer"] = float(any(g == want or similarity(g, want) >= ISSUER_SIMILARITY
                                  for g in got)) if want else float(not got)
    if judged("subject"):
        want, got = norm_subject(gold["subject"]), norm_subject(record.get("subject"))
        out["subject"] = float((not want and not got) or (
            bool(want) and bool(got) and similarity(want, got) >= SUBJECT_SIMILARITY))
    for key in ("addressees", "recipients"):
        if judged(key):
            out[key] = matched_items(gold[key] or [], record.get(key) or [])
    if judged("signer"):
        want, got = gold["signer"] or {}, record.get("signer") or {}
        if not want:
            out["signer.name"] = float(_empty(got) or not got.get("name"))
        else:
            if "name" in want:
                out["signer.name"] = float(norm(want.get("name")) == norm(got.get("name")))
            if "position" in want:
                out["signer.position"] = float(norm(want.get("position"))
                                               == norm(got.get("position")))
            if "authority" in want:
                out["signer.authority"] = float(canon_authority(want.get("authority"))
                                                == canon_authority(got.get("authority")))
    if judged("references"):
        got = [canon_number(r.get("number") if isinstance(r, dict) else r)
               for r in record.get("references") or []]
        out["references"] = _set_counts([canon_number(x) for x in gold["references"] or []], got)
    if judged("deadlines"):
        optional = {d.get("date") for d in gold.get("deadlines_optional") or []}
        got = [d.get("date") if isinstance(d, dict) else d for d in record.get("deadlines") or []]
        out["deadlines"] = _set_counts([d["date"] for d in gold["deadlines"] or [] if d.get("date")],
                                       [d for d in got if d not in optional])
    if judged("tasks"):
        out["tasks"] = matched_tasks(gold["tasks"] or [], record.get("tasks") or [])
    if judged("copies"):
        want, got = gold["copies"] or [], record.get("copies") or []
        if want:
            first, predicted = want[0], (got[0] if got else {})
            out["copies"] = (float(canon_number(first.get("number"))
                                   == canon_number(predicted.get("number")))
                             + float((first.get("date") or "") == (predicted.get("date") or ""))
                             ) / 2
        else:
            out["copies"] = float(not got)
    return out


def _shown(values: dict, key: str):
    """A field's value in a record or a label, as a miss shows it."""
    if key.startswith("signer."):
        return (values.get("signer") or {}).get(key.split(".")[1])
    value = values.get(key)
    if key == "issuer" and isinstance(value, dict):
        return [x for x in (value.get("name"), value.get("parent")) if x]
    if key in ("references", "deadlines") and isinstance(value, list):
        return [v.get("number") or v.get("date") if isinstance(v, dict) else v for v in value]
    if key == "tasks" and isinstance(value, list):
        return [(t.get("assignees"), _deadline(t)) for t in value]
    return value


@dataclass
class Judged:
    """Scores gathered over documents; figures as the judging scorer prints them."""
    scores: dict[str, list] = field(default_factory=dict)
    misses: list[str] = field(default_factory=list)

    def add(self, name: str, record: dict, gold: dict) -> None:
        for key, value in score_document(gold, record).items():
            self.scores.setdefault(key, []).append(value)
            wrong = value[0] != value[1] or value[0] != value[2] if isinstance(value, tuple) \
                else value < 0.999
            if wrong:
                self.misses.append(f"{name}: {key}: {value}: got {_shown(record, key)!r}, "
                                   f"want {_shown(gold, key)!r}")

    def counts(self, key: str) -> tuple[int, int, int]:
        values = self.scores.get(key) or []
        return tuple(sum(v[i] for v in values) for i in range(3)) if values else (0, 0, 0)

    def prf(self, key: str) -> tuple[float, float, float]:
        matched, predicted, gold = self.counts(key)
        precision = matched / predicted if predicted else 0.0
        recall = matched / gold if gold else 0.0
        if precision + recall:
            return precision, recall, 2 * precision * recall / (precision + recall)
        return precision, recall, 1.0 if not predicted and not gold else 0.0

    def value(self, key: str) -> float | None:
        values = self.scores.get(key)
        if not values:
            return None
        if isinstance(values[0], tuple):
            return self.prf(key)[2]
        return sum(values) / len(values)

    def judged(self, key: str) -> int:
        return len(self.scores.get(key) or [])

    def header_macro(self) -> float | None:
        values = [v for v in (self.value(k) for k in HEADER) if v is not None]
        return sum(values) / len(values) if values else None
