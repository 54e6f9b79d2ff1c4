"""How archived text is keyed for search: folded words, exact words, document numbers, queries
and snippets. Pure functions shared by both storage backends, so they match the same way."""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from pipeline.text import canonical_tones, fold

_WORD = re.compile(r"[^\W_]+")
# A number token written "TƯ" means Trung ương, as "TW" does; folded it would read "tu"
# (Tỉnh ủy's "TU"), so it is mapped before folding.
_CENTRAL = re.compile(r"(?<![^\W_])TƯ(?![^\W_])", re.I)


def exact_text(text: str) -> str:
    """What the exact index holds: lower case with diacritics, one tone placement (hoà = hòa)."""
    return canonical_tones(text).lower()


_NOT_WORD = re.compile(r"[\W_]+")


def words(text: str) -> str:
    """Text as the indexes are fed it: its words, separated by single spaces."""
    return _NOT_WORD.sub(" ", text).strip()


def number_key(number: str) -> str:
    """A document number as a sequence of tokens, so that spacing, case, separators and
    diacritics do not matter: "124 QĐ/TW", "124-qd/tw" → "/124/qd/tw/". Leading zeros go
    ("06/2024" = "6/2024"). The slashes around let a partial number match whole tokens only."""
    tokens = _WORD.findall(fold(_CENTRAL.sub("TW", unicodedata.normalize("NFC", number))))
    tokens = [t.lstrip("0") or "0" if t.isdigit() else t for t in tokens]
    return "/" + "/".join(tokens) + "/" if tokens else ""


def looks_like_number(query: str) -> bool:
    """Whether a query may be a document number or part of one: "1823", "1823-CV/TU",
    "cv/tu", "124 QĐ/TW", "06/2024/QĐ-UBND" (but not "kiểm điểm")."""
    query = query.strip()
    if not query or '"' in query:
        return False
    query = re.sub(r"\s*([-/.])\s*", r"\1", query)  # "06 / 2024" is one piece
    has_digit = any(c.isdigit() for c in query)
    has_separator = bool(re.search(r"\w[-/]\w", query))
    return (has_digit or has_separator) and len(query.split()) <= 3


@dataclass
class Query:
    """A search typed by a person: loose words and quoted phrases, each a list of words."""
    text: str
    words: list[str] = field(default_factory=list)
    phrases: list[list[str]] = field(default_factory=list)

    @property
    def has_diacritics(self) -> bool:
        return fold(self.text) != unicodedata.normalize("NFC", self.text).lower()

    @property
    def terms(self) -> list[list[str]]:
        """Every word and phrase, as lists of words: what must all match."""
        return [[w] for w in self.words] + self.phrases

    def is_empty(self) -> bool:
        return not self.words and not self.phrases


def parse_query(text: str, keyed=exact_text) -> Query:
    """Split a query into words and "quoted phrases", each keyed (exact or folded)."""
    text = unicodedata.normalize("NFC", text)
    query = Query(text)
    for quoted, loose in re.findall(r'"([^"]*)"?|([^"\s]+)', text):
        if quoted:
            words = _WORD.findall(keyed(quoted))
            if len(words) == 1:
                query.words.extend(words)
            elif words:
                query.phrases.append(words)
        else:
            query.words.extend(_WORD.findall(keyed(loose)))
    return query


class _OneCharFolds(dict):
    """A translate table folding each character to exactly one, so offsets carry over."""

    def __missing__(self, code: int) -> str:
        folded = fold(chr(code))
        one = self[code] = folded[0] if folded else chr(code)
        return one


_ONE_CHAR_FOLDS = _OneCharFolds()


def snippet(text: str, query: Query, width: int = 160, mark=("[", "]")) -> str:
    """A piece of the original text around the first place the query's words meet, each
    matched word marked. Matching is on folded text, mapped back character by character, so
    the snippet keeps the document's own spelling."""
    folded = text.translate(_ONE_CHAR_FOLDS)  # same length as text: offsets carry over
    words = {fold(w) for term in query.terms for w in term}
    if not words:
        return _shorten(text[:width])
    pattern = re.compile(r"(?<![^\W_])(?:" + "|".join(
        re.escape(w) for w in sorted(words, key=len, reverse=True)) + r")(?![^\W_])")
    hits = list(pattern.finditer(folded))
    if not hits:
        return _shorten(text[:width])
    # The window with the most distinct words matched, starting at a hit.
    best_start, best_count = hits[0].start(), 0
    for hit in hits:
        inside = {folded[h.start():h.end()] for h in hits
                  if hit.start() <= h.start() and h.end() <= hit.start() + width}
        if len(inside) > best_count:
            best_start, best_count = hit.start(), len(inside)
    start = max(0, best_start - width // 4)
    start = text.rfind(" ", 0, start) + 1 if start else 0
    end = min(len(text), start + width)
    if end < len(text):
        end = text.rfind(" ", start, end) if text.rfind(" ", start, end) > start else end
    pieces, position = [], start
    for hit in hits:
        if hit.start() < start or hit.end() > end:
            continue
        pieces += [text[position:hit.start()], mark[0], text[hit.start():hit.end()], mark[1]]
        position = hit.end()
    pieces.append(text[position:end])
    body = _shorten("".join(pieces))
    return ("…" if start else "") + body + ("…" if end < len(text) else "")


def _shorten(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()
