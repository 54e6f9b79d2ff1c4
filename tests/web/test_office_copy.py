"""Sao y, Sao lục, Trích sao in a real browser: a văn thư fills the copy form on a received
.docx's page and downloads the copy `vanthu copy` makes (the original untouched, the copy block
read back by the parser), then numbers one in the outgoing register; a PDF's copy through the
API is the original's pages and one more; a missing field is named; a lãnh đạo gets no form
and is refused by the API, the refusal in the audit log. The page is photographed for the
README (docs/web/)."""
from __future__ import annotations

import datetime as dt
import json

import pypdfium2
from docx import Document
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

from conftest import CORPUS
from corpus import office, open_archive
from pipeline.parse import parse_file
from test_office_drafts import downloaded
from test_office_tasks import sign_in
from webserver import browser, chromium, screenshot, start_server  # noqa: F401 (fixtures)

PASSWORD = "một mật khẩu dài"
EXAMPLES = CORPUS.parents[2] / "examples"
SOURCE = EXAMPLES / "1823-CV-TU_tinh-uy-quang-ngai.docx"
SCAN = EXAMPLES / "454-UBND-NCTH_ubnd-hau-giang.pdf"
FORM = {"copy-number": "12-SL/VPTU", "copy-issuer": "VĂN PHÒNG TỈNH ỦY",
        "copy-parent": "TỈNH ỦY QUẢNG NGÃI", "copy-place": "Quảng Ngãi",
        "copy-authority": "T/L BAN THƯỜNG VỤ", "copy-position": "CHÁNH VĂN PHÒNG",
        "copy-name": "Đặng Thị Bích Dâng"}


def fill(driver, values: dict) -> None:
    for key, value in values.items():
        field = driver.find_element(By.ID, key)
        field.clear()
        field.send_keys(value)


def test_a_clerk_copies_a_received_document(start_server, browser, tmp_path):
    server = start_server("sqlite")
    with open_archive(server.db) as archive:
        received = archive.add_file(SOURCE).id
        scanned = archive.add_file(SCAN).id
        office.add_user(archive, "vt", "van-thu", PASSWORD)
        office.add_user(archive, "ld", "lanh-dao", PASSWORD)
    assert sign_in(browser, server.base, "vt", PASSWORD) == ""
    wait = WebDriverWait(browser, 120)

    # Sao lục, downloaded: the original's paragraphs untouched, then the copy block.
    browser.get(f"{server.base}/documents/{received}")
    Select(browser.find_element(By.ID, "copy-kind")).select_by_value("sao-luc")
    fill(browser, FORM)
    fill(browser, {"copy-recipients": "Ban Tổ chức Tỉnh ủy\nLưu Văn phòng Tỉnh ủy"})
    browser.find_element(By.ID, "copy").click()
    made = downloaded(browser, "sao-luc-1823-CV-TU_tinh-uy-quang-ngai.docx")
    original = [p.text for p in Document(SOURCE).paragraphs]
    assert [p.text for p in Document(made).paragraphs][:len(original)] == original
    (copied,) = parse_file(made).copies
    assert (copied["kind"], copied["number"], copied["issuer"], copied["date"]) == (
        "Sao lục", "12-SL/VPTU", "VĂN PHÒNG TỈNH ỦY", dt.date.today().isoformat())
    assert copied["signer"]["name"] == "Đặng Thị Bích Dâng"
    assert copied["recipients"] == ["Ban Tổ chức Tỉnh ủy", "Lưu Văn phòng Tỉnh ủy"]

    # Numbered: number 1 of the book "ban-sao" this year, in the copy and in the register.
    browser.find_element(By.ID, "copy-issue").click()
    browser.find_element(By.ID, "copy").click()
    wait.until(lambda d: d.find_elements(By.ID, "copy-issued"))
    assert browser.find_element(By.ID, "copy-issued").text == "1-SL/VPTU"
    year = dt.date.today().year
    issued = downloaded(browser, f"1-ban-sao-{year}.docx")
    assert parse_file(issued).copies[0]["number"] == "01-SL/VPTU"
    screenshot(browser, "sao-van-ban")
    browser.get(server.base + "/outgoing")
    row = browser.find_element(By.CSS_SELECTOR, "#outgoing tbody tr").text
    assert "Bản sao lục" in row and "1-SL/VPTU" in row

    # A missing field is named on the page; nothing downloaded, no number taken.
    browser.get(f"{server.base}/documents/{received}")
    fill(browser, {**FORM, "copy-name": " "})
    browser.find_element(By.ID, "copy").click()
    wait.until(lambda d: "'name'" in d.find_element(By.ID, "copy-result").text)

    # A PDF's copy, through the API: the original's pages, then the copy block's page.
    assert server.login("vt", PASSWORD) == 200
    status, pdf = server.post_json(f"/api/documents/{scanned}/copy", {
        "kind": "sao-y", "issuer": "VĂN PHÒNG UBND TỈNH", "number": "15/SY-VP",
        "place": "Hậu Giang", "date": "2026-03-02", "position": "CHÁNH VĂN PHÒNG",
        "name": "Lê Văn Bình", "recipients": "Sở Nội vụ\nLưu: VT"})
    assert status == 200 and pdf.startswith(b"%PDF"), pdf[:300]
    pages = len(pypdfium2.PdfDocument(SCAN.read_bytes()))
    copy_pdf = pypdfium2.PdfDocument(pdf)
    assert len(copy_pdf) == pages + 1
    last = copy_pdf[pages].get_textpage().get_text_range()
    assert "SAO Y" in last and "15/SY-VP" in last and "Lê Văn Bình" in last
    status, raw = server.post_json(f"/api/documents/{scanned}/copy", {"kind": "sao-y",
                                                                     "date": "2026-02-30"})
    assert status == 400 and "'date'" in json.loads(raw)["error"]

    # A lãnh đạo sees no copy form and may not make one.
    assert server.login("ld", PASSWORD) == 200
    status, page = server.request("GET", f"/documents/{received}", csrf=False)
    assert status == 200 and b"copy-form" not in page
    status, raw = server.post_json(f"/api/documents/{received}/copy", {
        "kind": "sao-y", "issuer": "X", "number": "1/SY", "place": "Y", "position": "Z",
        "name": "W", "recipients": "Lưu"})
    assert status == 403 and "may not make copies" in json.loads(raw)["error"]
    with open_archive(server.db) as archive:
        assert [r["target"] for r in office.audit_log(archive, 100, name="ld",
                                                      outcome="refused")] == [
            f"/api/documents/{received}/copy"]
        assert len(archive._rows("SELECT * FROM outgoing")) == 1
