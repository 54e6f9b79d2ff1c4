"""The record: the contract between parsing and everything after it (see README, "The record").

Keys and their order follow the record specification; our additions come after them, so a reader
of the contract's keys finds them where it expects: `date_partial` (the part of a date a signed
template left filled in) and `evidence` (for each field found, the character span in the document
text it came from and a confidence).
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

SCHEMA_VERSION = 1


@dataclass
class Record:
    source: dict
    system: str = "unknown"
    doc_type: str | None = None
    number: str | None = None
    issuer: dict | None = None
    place: str | None = None
    date: str | None = None
    date_partial: str | None = None  # what a partly blank date gives: "2026-05", "2026"
    subject: str | None = None
    addressees: list[str] = field(default_factory=list)
    recipients: list[str] = field(default_factory=list)
    signer: dict | None = None
    references: list[dict] = field(default_factory=list)
    deadlines: list[dict] = field(default_factory=list)
    tasks: list[dict] = field(default_factory=list)
    copies: list[dict] = field(default_factory=list)
    signatures: list[dict] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    evidence: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict:
        return {
            "schema_version": SCHEMA_VERSION,
            "source": self.source,
            "system": self.system,
            "doc_type": self.doc_type,
            "number": self.number,
            "issuer": self.issuer,
            "place": self.place,
            "date": self.date,
            "subject": self.subject,
            "addressees": self.addressees,
            "recipients": self.recipients,
            "signer": self.signer,
            "references": self.references,
            "deadlines": self.deadlines,
            "tasks": self.tasks,
            "copies": self.copies,
            "signatures": self.signatures,
            "warnings": self.warnings,
            "date_partial": self.date_partial,
            "evidence": self.evidence,
        }

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False)
