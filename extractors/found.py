"""What an extractor returns: a value, where in the text it came from, and how sure we are."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass
class Found:
    value: Any
    span: tuple[int, int] | None = None
    confidence: float = 0.95
    warning: str | None = None  # set when the value was guessed or repaired

    def evidence(self) -> dict:
        return {"span": list(self.span) if self.span else None,
                "confidence": round(self.confidence, 2)}
