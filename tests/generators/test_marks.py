"""Each finding's paragraph boxed on the page LibreOffice lays out (generators/marks.py): the
box holds the paragraph's text, a paragraph repeated is boxed where it stands, and a finding
on the whole document gets no box."""
from __future__ import annotations

import pypdfium2

from generators.checker import Finding, check
from generators.marks import locate
from generators.profile import load_profile
from generators.render import pdf_of
from test_check import _margin, _mutate, _set, drafted


def boxed_text(pdf: bytes, mark) -> str:
    """The text pdfium finds inside the mark's box."""
    document = pypdfium2.PdfDocument(pdf)
    try:
        page = document[mark.page]
        width, height = page.get_size()
        return page.get_textpage().get_text_bounded(
            mark.left * width, height * (1 - mark.top - mark.height),
            (mark.left + mark.width) * width, height * (1 - mark.top))
    finally:
        document.close()


def test_findings_are_boxed_on_their_paragraphs():
    data = drafted("cong-van", "state")
    for change in (_set(r"^Quảng Ngãi, ngày", font="Arial"), _set(r"^CỘNG HÒA", bold=False),
                   _margin):
        data = _mutate(data, change)
    findings = check(data, load_profile("nd30")).findings
    assert {f.rule for f in findings} == {"FN-1", "HD-1", "PG-5"}
    pdf = pdf_of(data)
    marks = locate(data, pdf, findings)
    whole = [n for n, f in enumerate(findings) if f.paragraph is None]
    assert whole and not {m.finding for m in marks} & set(whole)  # the margin: no box
    assert len(marks) == len(findings) - len(whole)
    for mark in marks:
        finding = findings[mark.finding]
        assert 0 <= mark.left < mark.left + mark.width <= 1
        assert 0 <= mark.top < mark.top + mark.height <= 1
        assert " ".join(boxed_text(pdf, mark).split()) == finding.excerpt, finding.rule
    # Near the top of page 1: the Quốc hiệu above the date.
    (quoc_hieu,) = [m for m in marks if findings[m.finding].rule == "HD-1"]
    (date,) = [m for m in marks if findings[m.finding].rule == "FN-1"]
    assert quoc_hieu.page == date.page == 0 and quoc_hieu.top < date.top < 0.3


def test_a_paragraph_written_twice_is_boxed_where_it_stands():
    def repeat_last(document):  # the closing line written again lower down, in Arial
        last = [p for p in document.paragraphs if p.text.strip()][-1]
        copy = document.add_paragraph(last.text)
        for run in copy.runs:
            run.font.name = "Arial"
        return last.text

    data = drafted("cong-van", "state")
    data = _mutate(data, repeat_last)
    findings = [f for f in check(data, load_profile("nd30")).findings if f.rule == "FN-1"]
    assert findings
    pdf = pdf_of(data)
    marks = locate(data, pdf, findings)
    first_time = locate(data, pdf, [Finding("FN-1", "error", "", "", "", _first_index(
        data, findings[0].excerpt), findings[0].excerpt)])
    assert marks and first_time
    assert (marks[0].page, marks[0].top) > (first_time[0].page, first_time[0].top)


def _first_index(data: bytes, text: str) -> int:
    from generators.docx_model import read_model
    return next(p.index for p in read_model(data).paras if p.text == text)


def test_the_check_page_gets_pictures_and_boxes():
    import base64
    import io

    from PIL import Image

    from pipeline.web.pictures import WIDTH, checked_pages

    data = _mutate(drafted("cong-van", "party"), _set(r"^ĐẢNG CỘNG SẢN", bold=False))
    findings = check(data, load_profile("hd36")).findings
    shown = checked_pages(data, findings)
    assert len(shown["pages"]) == 1
    prefix = "data:image/png;base64,"
    assert shown["pages"][0].startswith(prefix)
    with Image.open(io.BytesIO(base64.b64decode(shown["pages"][0][len(prefix):]))) as page:
        assert page.width == WIDTH and page.height > WIDTH  # a portrait A4 page
    (mark,) = shown["marks"]
    assert findings[mark["finding"]].rule == "HD-3" and mark["page"] == 0
    assert set(mark) == {"finding", "page", "left", "top", "width", "height"}
