"""Drafting and checking in a real browser: a Công văn through the form, previewed as
LibreOffice lays it out, downloads as a .docx that LibreOffice opens and `vanthu check` passes,
and is issued with numbers 1 and 2 of the outgoing register; "Trả lời" on a received directive
starts the report pre-filled with its tasks; a .docx dropped on the check page lists its findings,
boxed on its pages as LibreOffice lays them out, and "Sửa tự động" downloads the repaired file;
"Tải PDF" downloads the draft as PDF. Pages photographed for the README (docs/web/)."""
from __future__ import annotations

import datetime as dt
import subprocess
import sys
import time
from pathlib import Path

import docx
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from conftest import ROOT
from corpus import open_archive, review
from directive import directive
from pipeline.libreoffice import convert
from pipeline.parse import parse_file
from webserver import browser, chromium, screenshot, start_server  # noqa: F401 (fixtures)

SUBJECT = "kiểm tra công tác văn thư, lưu trữ năm 2026"


def downloaded(driver, name: str, timeout: float = 60) -> Path:
    path = driver.downloads / name
    deadline = time.monotonic() + timeout
    while not (path.exists() and path.stat().st_size):
        assert time.monotonic() < deadline, f"{name} was not downloaded"
        time.sleep(0.2)
    return path


def pdf_text(path: Path) -> str:
    """Every page's text, as pdfium reads it."""
    import pypdfium2

    document = pypdfium2.PdfDocument(path.read_bytes())
    try:
        return "\n".join(page.get_textpage().get_text_range() for page in document)
    finally:
        document.close()


def vanthu_check(path: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pipeline", "check", str(path)], cwd=ROOT,
                          capture_output=True, text=True)


def test_draft_reply_and_check(start_server, browser, tmp_path):
    server = start_server("sqlite")
    with open_archive(server.db) as archive:
        path = tmp_path / "cv-215.txt"
        path.write_text(directive(dt.date.today()), encoding="utf-8")
        received = archive.add_file(path).id
        review.confirm(archive, received, values={})
    wait = WebDriverWait(browser, 30)

    # A Công văn from the form: the scaffold's fields, the subject changed.
    browser.get(server.base + "/drafts?type=cong-van&system=state")
    subject = browser.find_element(By.ID, "f-subject")
    subject.clear()
    subject.send_keys(SUBJECT)
    browser.find_element(By.ID, "draft-preview-button").click()  # LibreOffice's first page
    WebDriverWait(browser, 180).until(lambda d: d.execute_script(
        "const p = document.getElementById('draft-preview'); return p.complete && p.naturalWidth"))
    assert browser.execute_script(
        "return document.getElementById('draft-preview').src").startswith("data:image/png")
    screenshot(browser, "soan-thao")
    browser.find_element(By.ID, "draft-download").click()
    made = downloaded(browser, "cong-van.docx")
    assert SUBJECT in (parse_file(made).to_dict()["subject"] or "")  # read back by vanthu
    checked = vanthu_check(made)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    (pdf,) = convert([made], "pdf", tmp_path / "pdf")  # LibreOffice opens it
    assert pdf.read_bytes().startswith(b"%PDF")

    # "Tải PDF": the same draft as LibreOffice lays it out, its text the draft's.
    browser.find_element(By.ID, "draft-pdf").click()
    printed = pdf_text(downloaded(browser, "cong-van.pdf"))
    assert " ".join(SUBJECT.split()[:4]) in " ".join(printed.split())
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in printed

    # Issued twice: numbers 1 and 2 of the year in the outgoing register, each in its .docx.
    year = dt.date.today().year
    for so in (1, 2):
        browser.find_element(By.ID, "draft-issue").click()
        # Read in the page: the number shown before is replaced meanwhile (no stale element).
        wait.until(lambda d: d.execute_script(
            "const n = document.getElementById('issued-number'); return n && n.textContent")
            == f"{so}/UBND-VP")
        issued = downloaded(browser, f"{so}-chung-{year}.docx")
        assert parse_file(issued).to_dict()["number"] == f"{so:02d}/UBND-VP"
        assert vanthu_check(issued).returncode == 0
    browser.get(server.base + "/outgoing")
    numbers = [td.text for td in browser.find_elements(By.CSS_SELECTOR, "#outgoing td.c-so")]
    assert numbers == ["1", "2"]
    screenshot(browser, "so-van-ban-di")
    browser.get(server.base + "/drafts?type=cong-van&system=state")

    # A wrong field is named on the page, nothing downloaded.
    date = browser.find_element(By.ID, "f-date")
    date.clear()
    date.send_keys("31/02/2026")
    browser.find_element(By.ID, "draft-download").click()
    wait.until(lambda d: "'date'" in d.find_element(By.ID, "draft-result").text)

    # Trả lời: the report to the received directive, its tasks for the unit pre-filled.
    browser.get(f"{server.base}/documents/{received}")
    browser.find_element(By.ID, "reply").click()
    wait.until(lambda d: d.find_elements(By.ID, "draft-form"))
    browser.get(browser.current_url + "&unit=" + "Sở Tài chính")
    sections = browser.find_element(By.ID, "f-sections").get_attribute("value")
    assert "bố trí kinh phí kiểm tra" in sections
    assert "215/UBND-VP" in browser.find_element(By.ID, "f-subject").get_attribute("value") + \
        browser.find_element(By.ID, "f-intro").get_attribute("value")
    browser.find_element(By.ID, "draft-download").click()
    answer = downloaded(browser, "bao-cao.docx")
    assert vanthu_check(answer).returncode == 0

    # The check page: a clean draft, then one in the wrong font, fixed with a click.
    wrong = docx.Document(made)
    for paragraph in wrong.paragraphs:
        for run in paragraph.runs:
            run.font.name = "Arial"
    for paragraph in (p for t in wrong.tables for c in t._cells for p in c.paragraphs):
        for run in paragraph.runs:  # the Quốc hiệu not bold, the date not italic
            if paragraph.text.startswith("CỘNG HÒA"):
                run.font.bold = False
            if ", ngày" in paragraph.text:
                run.font.italic = False
    arial = tmp_path / "sai-phong.docx"
    wrong.save(arial)
    browser.get(server.base + "/check")
    browser.find_element(By.ID, "check-file").send_keys(str(made))
    wait.until(lambda d: d.find_element(By.ID, "check-summary").get_attribute("data-errors"))
    assert browser.find_element(By.ID, "check-summary").get_attribute("data-errors") == "0"
    browser.execute_script(
        "document.getElementById('check-summary').removeAttribute('data-errors')")
    browser.find_element(By.ID, "check-file").send_keys(str(arial))
    wait.until(lambda d: d.find_element(By.ID, "check-summary").get_attribute("data-errors"))
    assert int(browser.find_element(By.ID, "check-summary").get_attribute("data-errors")) > 0
    rows = browser.find_elements(By.CSS_SELECTOR, "#findings tbody tr")
    assert rows and any("Arial" in r.text for r in rows)
    # Each finding's paragraph boxed on the pages LibreOffice lays out, linked to its row.
    WebDriverWait(browser, 180).until(lambda d: d.find_elements(By.CSS_SELECTOR,
                                                                "#check-pages .mark"))
    marks = browser.find_elements(By.CSS_SELECTOR, "#check-pages .mark")
    located = [r for r in rows if "đoạn" in r.text]
    assert len(marks) == len(located) == 3
    assert {r.text.split()[1] for r in located} == {"FN-1", "HD-1", "DT-3"}
    for mark in marks:
        row = browser.find_element(By.ID, mark.get_attribute("href").split("#")[1])
        assert mark.text == row.text.split()[0]
        sheet = mark.find_element(By.XPATH, "..").rect
        assert sheet["y"] <= mark.rect["y"] < mark.rect["y"] + mark.rect["height"] <= \
            sheet["y"] + sheet["height"]
    assert browser.find_elements(By.CSS_SELECTOR, "#findings a.to-mark")
    screenshot(browser, "kiem-tra")
    browser.find_element(By.ID, "check-fix").click()
    fixed = downloaded(browser, "sua-sai-phong.docx")
    assert vanthu_check(arial).returncode == 1
    assert vanthu_check(fixed).returncode == 0
