"""Small helpers shared by tests."""
from pipeline.parse import extract
from pipeline.record import Record
from pipeline.text import Text


def parse_text(text: str, fmt: str = "txt") -> Record:
    """Run the extractors over a text as a reader of `fmt` would hand it over."""
    return extract(Text.from_lines([(text, None, "body")], format=fmt), {"path": "snippet"})
