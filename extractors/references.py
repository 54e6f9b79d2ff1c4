"""References: every other document the text cites by number, each once, in order of first
mention, with the type, date and issuer its citation gives. Footnotes are read too."""
from __future__ import annotations

from extractors.found import Found
from extractors.mentions import mentions
from extractors.numbers import same_number
from extractors.zones import is_upper
from pipeline.text import Text, collapse


def references(text: Text, exclude: list[str],
               own_spans: list[tuple[int, int]] = ()) -> list[Found]:
    """exclude: the document's own numbers; own_spans: where its own number is printed, so that
    a part of it read as a number ("0/BCT-KHCN" in "Số:8 5 2 0/BCT-KHCN") is not cited."""
    content = text.content
    kept: dict[str, tuple[Found, dict]] = {}
    for mention in mentions(content):
        number = mention.number
        if any(same_number(number.text, own) for own in exclude if own) or any(
                start < number.end and number.start < end for start, end in own_spans):
            continue
        key = number.text.casefold()
        line_start = content.rfind("\n", 0, number.start) + 1
        line_end = content.find("\n", number.end)
        shouting = is_upper(content[line_start:line_end if line_end >= 0 else None])
        entry = {
            "number": number.text,
            "doc_type": mention.doc_type,
            "date": mention.date.iso() if mention.date else None,
            "issuer": mention.issuer,
            "text": collapse(content[mention.cited_from:mention.end]).strip(" ,;."),
        }
        if key not in kept:
            kept[key] = (Found(entry, (mention.cited_from, mention.end), 0.95),
                         {"shouting": shouting})
            continue
        found, meta = kept[key]
        # A later mention fills what the first did not say; a mixed-case one replaces the
        # upper-cased spelling of a title line ("07-QĐI/TW" -> "07-QĐi/TW").
        for field in ("doc_type", "date", "issuer"):
            if found.value[field] is None and entry[field] is not None:
                found.value[field] = entry[field]
        if meta["shouting"] and not shouting:
            found.value["number"] = number.text
            found.value["text"] = entry["text"]
            meta["shouting"] = False
    return [found for found, _ in kept.values()]
