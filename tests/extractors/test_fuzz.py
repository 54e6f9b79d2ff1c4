"""Every extractor family fed arbitrary and adversarial text (tests/fuzzing.py): no exception,
and what each returns points inside the text it was given. `pytest --long` for the long run."""
from __future__ import annotations

import datetime as dt
import time

from hypothesis import given
from hypothesis import strategies as st

from extractors import header, news, parties, vocab, zones
from extractors.dates import find_dates, find_place_date
from extractors.deadlines import find_deadlines
from extractors.mentions import mentions, subject_after
from extractors.numbers import find_numbers, normalise, repair_code, same_number
from extractors.ocr_repair import repair_fixed_phrases
from extractors.references import references
from extractors.tasks import find_tasks, split_assignees
from fuzzing import ADVERSARIAL, documentish
from pipeline.text import Text

OFFSET = 17  # every span must come back shifted by the offset given


def inside(span, text: str, offset: int = 0) -> bool:
    start, end = span
    return offset <= start <= end <= offset + len(text)


@given(documentish, st.booleans())
def test_dates(text, short):
    for date in find_dates(text, OFFSET, short=short):
        assert inside((date.start, date.end), text, OFFSET)
        assert 1 <= date.month <= 12 and 1 <= date.day <= 31
    found = find_place_date(text, OFFSET)
    if found:
        assert inside((found.start, found.end), text, OFFSET)
        dt.date.fromisoformat(found.date)


@given(documentish)
def test_numbers(text):
    for number in find_numbers(text, OFFSET):
        assert inside((number.start, number.end), text, OFFSET)
        assert text[number.start - OFFSET:].startswith(number.raw[:1])
        assert same_number(number.text, number.text)
        repair_code(number.text.rsplit("/", 1)[-1])
    normalise(text[:60])


@given(documentish, st.sampled_from([None, "2024-02-29", "2023-12-31"]))
def test_deadlines(text, doc_date):
    found = find_deadlines(text, doc_date, OFFSET)
    assert [d.span for d in found] == sorted(d.span for d in found)
    for deadline in found:
        assert inside(deadline.span, text, OFFSET)
        if deadline.date:
            dt.date.fromisoformat(deadline.date)


@given(documentish)
def test_mentions(text):
    for mention in mentions(text, OFFSET):
        assert inside((mention.number.start, mention.number.end), text, OFFSET)
        assert mention.start <= mention.number.start
        if mention.issuer_span:
            assert inside(mention.issuer_span, text, OFFSET)
    for position in (0, len(text) // 2, len(text)):
        subject_after(text, position)
        subject_after(text, position, bare=True)


@given(documentish)
def test_layout_header_parties_tasks_and_references(text):
    """The extractors over a layout, the way the pipeline calls them."""
    as_read = Text.from_lines([(text, None, "body")], format="txt")
    content = as_read.content
    layout = zones.lay_out(as_read)
    for piece in [*layout.pieces, *layout.body, *layout.closing]:
        assert inside((piece.start, piece.end), content)
    founds = [header.number(layout), header.issuer(layout), header.place_date(layout),
              header.subject(layout)]
    header.system_from_header(layout)
    addressees = parties.addressees(layout.addressees)
    founds += [*addressees, *parties.recipients(layout.closing)]
    signer = parties.signer(layout.closing)
    founds += list(signer.values()) if signer else []
    for found in founds:
        found = found[0] if isinstance(found, tuple) else found
        if found is not None and found.span:
            assert inside(found.span, content)
    deadlines = find_deadlines(content, "2024-05-01")
    for task in find_tasks(layout.body, layout.wrapped, [a.value for a in addressees],
                           deadlines):
        assert inside(task.span, content) and task.assignees
        assert task.deadline is None or task.deadline in deadlines
    for reference in references(as_read, []):
        assert reference.span is None or inside(reference.span, content)
    lead = news.read_lead(layout, content)
    if lead:
        news.issue_date(lead, content)
        if lead.issuer:
            assert inside(news.issuer(lead, content).span, content)
    news.title_subject(layout)
    repaired, notes = repair_fixed_phrases(as_read)
    assert all(isinstance(note, str) for note in notes)
    assert len(repaired.lines) == len(as_read.lines)


@given(documentish)
def test_line_tests_and_item_cleaning(text):
    for line in text.splitlines() or [text]:
        for test in (parties.authority_line, parties.position_line, zones.is_separator,
                     zones.is_upper, zones.is_prose, vocab.is_motto):
            assert isinstance(test(line), bool)
        zones.title_type(line), zones.copy_kind(line), vocab.heading_system(line)
        zones.strip_marks(line), parties.clean_item(line), vocab.squash(line)
        assert all(name in line for name in split_assignees(line))


def test_each_family_on_adversarial_text_in_bounded_time():
    # CPU time of this process: other work on a busy machine does not count against it.
    for name, text in ADVERSARIAL.items():
        for family, run in (("dates", lambda: find_dates(text)),
                            ("place and date", lambda: find_place_date(text)),
                            ("numbers", lambda: find_numbers(text)),
                            ("deadlines", lambda: find_deadlines(text, "2024-05-01")),
                            ("mentions", lambda: mentions(text)),
                            ("assignees", lambda: split_assignees(text)),
                            ("layout", lambda: zones.lay_out(
                                Text.from_lines([(text, None, "body")], format="txt")))):
            started = time.process_time()
            run()
            elapsed = time.process_time() - started
            assert elapsed < 5, f"{family} on {name}: {elapsed:.1f} s"
