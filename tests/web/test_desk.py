"""The văn thư's day in a real browser: receive a scanned PDF and a .docx (made here), watch
their progress, correct a field on the review page and see its highlight move, register both,
find them by words without diacritics, export the register and open it with openpyxl. The
pages are photographed for the README on the way (docs/web/)."""
from __future__ import annotations

import time

import openpyxl
import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as seen
from selenium.webdriver.support.ui import WebDriverWait

import docmaker
import scanmaker
from conftest import CORPUS
from pipeline.text import collapse, fold
from webserver import browser, chromium, screenshot, start_server  # noqa: F401 (fixtures)

OCR_SECONDS = 400  # a scanned page is read by tesseract in a worker; the machine is shared
DONE = {"parsed", "stored"}  # stored: the same bytes were in the archive already


@pytest.fixture(scope="module")
def received_files(tmp_path_factory):
    """A .docx and a scanned PDF (picture pages, no text layer) of two real documents."""
    out = tmp_path_factory.mktemp("received")
    word = docmaker.make_docx(CORPUS / "seeds/000_6e539438116efc78.txt", out / "cong-van.docx")
    other = docmaker.make_docx(CORPUS / "dev/022.txt", out / "other.docx")
    pdf = docmaker.to_pdf([other], out / "pdf")[0]
    scan = scanmaker.make_scan(pdf, "scan", out / "ban-quet.pdf")
    return [scan, word]


def drop(driver, paths) -> None:
    """Drop files on the drop zone as a file manager would: the files go through a file input
    of the test's own (the only way a script gets real files), then a real drop event."""
    driver.execute_script(
        "const input = document.createElement('input'); input.type = 'file';"
        "input.multiple = true; input.id = 'test-files'; document.body.append(input);")
    driver.find_element(By.ID, "test-files").send_keys("\n".join(str(p) for p in paths))
    driver.execute_script(
        "const files = document.getElementById('test-files').files;"
        "const carried = new DataTransfer(); for (const f of files) carried.items.add(f);"
        "document.getElementById('drop').dispatchEvent(new DragEvent('drop', "
        "{dataTransfer: carried, bubbles: true, cancelable: true}));"
        "document.getElementById('test-files').remove();")


def three_words(text: str) -> str:
    """Three words of a text (the longer ones: they tell documents apart), without
    diacritics, as a clerk types them."""
    words = [w for w in fold(text).split() if len(w) >= 4 and w.isalpha()]
    return " ".join(words[:3])


def test_a_clerks_day(start_server, browser, received_files):
    server = start_server("sqlite")
    wait = WebDriverWait(browser, OCR_SECONDS, poll_frequency=0.2)
    browser.get(server.base + "/")
    drop(browser, received_files)

    # Each file gets a row of its own with its progress; the states each went through are
    # watched as they change.
    rows = wait.until(lambda d: len(d.find_elements(By.CSS_SELECTOR, "#received-rows tr")) == 2
                      and d.find_elements(By.CSS_SELECTOR, "#received-rows tr"))
    seen_states = set()
    deadline = time.monotonic() + OCR_SECONDS
    while time.monotonic() < deadline:
        states = [r.get_attribute("data-status") for r in rows]
        seen_states.update(s for s in states if s)
        if all(s in DONE for s in states):
            break
        time.sleep(0.2)
    assert all(r.get_attribute("data-status") in DONE for r in rows), (seen_states,
                                                                        server.logged())
    assert seen_states & {"queued", "parsing"}, seen_states  # progress was shown on the way
    assert all(r.find_element(By.TAG_NAME, "progress").get_attribute("value") == "100"
               for r in rows)
    ids = {r.find_element(By.CSS_SELECTOR, "td.name").text: int(r.get_attribute("data-id"))
           for r in rows}
    screenshot(browser, "nhan-van-ban")

    # Review the .docx: the subject's highlight is where the parser read it.
    word_id = ids["cong-van.docx"]
    state = server.get(f"/api/documents/{word_id}")
    parsed_subject = state["record"]["subject"]
    browser.get(f"{server.base}/documents/{word_id}")
    subject = browser.find_element(By.ID, "f-subject")
    subject.click()
    mark = wait.until(seen.presence_of_element_located((By.ID, "highlight")))
    before = int(mark.get_attribute("data-start"))
    assert fold(collapse(mark.text)) == fold(parsed_subject)

    # Correct it with a sentence the document holds further down: the highlight follows.
    body = browser.execute_script(
        "return JSON.parse(document.getElementById('page-data').textContent).body")
    line = max(body.splitlines(), key=len)
    corrected = " ".join(line.split()[:9])
    subject.clear()
    subject.send_keys(corrected)
    wait.until(lambda d: d.find_elements(By.ID, "highlight") and int(
        d.find_element(By.ID, "highlight").get_attribute("data-start")) != before)
    mark = browser.find_element(By.ID, "highlight")
    assert collapse(mark.text) == corrected
    moved_to = [int(mark.get_attribute("data-start")), int(mark.get_attribute("data-end"))]
    screenshot(browser, "soat-van-ban")
    browser.find_element(By.ID, "confirm").click()
    wait.until(seen.text_to_be_present_in_element((By.ID, "confirm-result"), "Đã xác nhận"))
    state = server.get(f"/api/documents/{word_id}")
    assert state["status"] == "confirmed"
    assert state["confirmed"]["subject"] == corrected
    assert state["record"]["subject"] == parsed_subject  # the parser's record is kept
    assert state["confirmed"]["evidence"]["subject"]["span"] == moved_to

    # Register both, in the order a clerk opens them: số đến 1 and 2.
    for expected, doc_id in enumerate([word_id, ids["ban-quet.pdf"]], start=1):
        browser.get(f"{server.base}/documents/{doc_id}")
        browser.find_element(By.ID, "register").click()
        number = wait.until(seen.presence_of_element_located((By.ID, "so-den")))
        assert number.text == str(expected)
        assert server.get(f"/api/documents/{doc_id}")["register"]["so_den"] == expected

    # Find each by three words of its trích yếu typed without diacritics.
    scan_record = server.get(f"/api/documents/{ids['ban-quet.pdf']}")["record"]
    assert scan_record["source"]["ocr"] is True
    for doc_id, text in ((word_id, corrected),
                         (ids["ban-quet.pdf"], scan_record["subject"] or body)):
        browser.get(server.base + "/search")
        box = browser.find_element(By.ID, "q")
        box.send_keys(three_words(text))
        box.submit()
        hits = wait.until(seen.presence_of_element_located((By.ID, "hits")))
        links = [a.get_attribute("href") for a in hits.find_elements(By.CSS_SELECTOR, "li > a")]
        assert f"{server.base}/documents/{doc_id}" in links[:5], (three_words(text), links)
    screenshot(browser, "tra-cuu")

    # The register: shown, exported as XLSX through the browser, opened with openpyxl.
    year = server.get(f"/api/documents/{word_id}")["register"]["year"]
    browser.get(f"{server.base}/register?year={year}")
    screenshot(browser, "so-van-ban-den")
    browser.find_element(By.ID, "xlsx").click()
    deadline = time.monotonic() + 30
    while not list(browser.downloads.glob("*.xlsx")) and time.monotonic() < deadline:
        time.sleep(0.2)
    workbook = openpyxl.load_workbook(next(browser.downloads.glob("*.xlsx")))
    sheet = workbook.active
    values = [list(row) for row in sheet.iter_rows(values_only=True)]
    headings = next(i for i, row in enumerate(values) if row[0] == "Ngày đến")
    assert values[headings + 1][:3] == ["(1)", "(2)", "(3)"]
    entries = server.get(f"/api/register?year={year}")["rows"]
    data = values[headings + 2:]
    assert [row[1] for row in data] == [1, 2]
    assert [row[3] for row in data] == [e["so_ky_hieu"] for e in entries]
    assert data[0][5].endswith(corrected)  # the confirmed trích yếu went into the book
