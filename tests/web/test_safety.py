"""A hostile document in a real browser, and the server's other guards: CSRF, upload limits,
paths, the host it may listen on."""
from __future__ import annotations

import http.client
import json
import subprocess
import sys

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as seen
from selenium.webdriver.support.ui import WebDriverWait

from conftest import ROOT
from webserver import browser, chromium, start_server  # noqa: F401 (fixtures)

# What a hostile sender puts where the app shows text: a script, an image whose error handler
# runs script, markup closing the JSON the review page carries.
ATTACK = ('<script>window.pwned = "script"</script><img src=x onerror="window.pwned=\'img\'">'
          '</script><script>window.pwned = "json"</script>')
HOSTILE_NAME = '<img src=x onerror="window.pwned=\'name\'">.txt'
HOSTILE_TEXT = f"""ỦY BAN NHÂN DÂN TỈNH KON TUM
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Số: 15/UBND-VP
Kon Tum, ngày 12 tháng 3 năm 2024
V/v {ATTACK} kiểm tra công vụ
Kính gửi: {ATTACK}
Ủy ban nhân dân tỉnh đề nghị các sở thực hiện kiểm tra công vụ {ATTACK} trước ngày 30/3/2024.
Nơi nhận:
- Như trên;
- Lưu: VT.
CHỦ TỊCH
Nguyễn Văn A
"""


def test_a_hostile_document_runs_nothing_on_any_page(start_server, browser):
    server = start_server("sqlite")
    status, answer = server.upload([(HOSTILE_NAME, HOSTILE_TEXT.encode())])
    assert status == 202
    doc_id = answer["documents"][0]["id"]
    state = server.wait_parsed(doc_id)
    assert state["status"] == "parsed", state
    assert "<script>" in state["record"]["subject"]  # kept as written: it is the document's
    status, entry = server.post_json(f"/api/documents/{doc_id}/register", {
        "ghi_chu": ATTACK, "don_vi_nhan": ATTACK})
    assert status == 200
    pages = ["/", "/review", f"/documents/{doc_id}", "/register", "/search?q=kiem+tra+cong+vu",
             f"/search?q={ATTACK}"]
    for page in pages:
        browser.get(server.base + page)
        WebDriverWait(browser, 20).until(
            lambda d: d.execute_script("return document.readyState") == "complete")
        assert browser.execute_script("return window.pwned === undefined"), page
        if page != "/review":  # the waiting list no longer holds a registered document
            # The hostile text is on the page, as text a clerk can read.
            assert "window.pwned" in browser.find_element(By.TAG_NAME, "main").text, page
    # The review page still works: its field shows the subject as written.
    browser.get(f"{server.base}/documents/{doc_id}")
    subject = browser.find_element(By.ID, "f-subject")
    subject.click()
    WebDriverWait(browser, 20).until(seen.presence_of_element_located((By.ID, "highlight")))
    assert "<script>" in subject.get_attribute("value")
    assert browser.execute_script("return window.pwned === undefined")
    # The original downloads under an inert name, as bytes, not a page.
    status, data = server.request("GET", f"/documents/{doc_id}/original", csrf=False)
    assert status == 200 and data == HOSTILE_TEXT.encode()


def test_state_changing_calls_need_the_csrf_token(start_server):
    server = start_server("sqlite")
    status, answer = server.upload([("a.txt", b"Something")], csrf=False)
    assert status == 403 and "X-CSRF-Token" in answer["error"]
    status, answer = server.upload([("a.txt", HOSTILE_TEXT.encode())])
    doc_id = answer["documents"][0]["id"]
    server.wait_parsed(doc_id)
    for method, path, body in (("PUT", f"/api/documents/{doc_id}/record", {"fields": {}}),
                               ("POST", f"/api/documents/{doc_id}/register", {})):
        status, raw = server.request(method, path, json.dumps(body).encode(), csrf=False)
        assert status == 403, (path, raw)
        status, raw = server.request(method, path, json.dumps(body).encode(),
                                     {"X-CSRF-Token": "guessed"}, csrf=False)
        assert status == 403, (path, raw)
    # A page of another site cannot use the token either: its Origin is refused.
    status, raw = server.request("POST", f"/api/documents/{doc_id}/register", b"{}",
                                 {"Origin": "http://evil.example"})
    assert status == 403
    assert server.get(f"/api/documents/{doc_id}")["register"] is None


def test_uploads_are_bounded(start_server):
    server = start_server("sqlite", env={"VANTHU_MAX_FILE_MB": "1", "VANTHU_MAX_UPLOAD_FILES": "3",
                                         "VANTHU_MAX_UPLOAD_MB": "3"})
    big = b"x" * (1024 * 1024 + 10)
    # A file past the file limit gets its reason; the others in the upload go on.
    status, answer = server.upload([("big.txt", big), ("ok.txt", HOSTILE_TEXT.encode())])
    assert status == 202
    refused, accepted = answer["documents"]
    assert refused["status"] == "failed"
    assert "VANTHU_MAX_FILE_MB" in refused["reason"] and "big.txt" in refused["reason"]
    assert server.wait_parsed(accepted["id"])["status"] == "parsed"
    # Too many files, or too much in one request, is refused whole, with the variable named.
    status, answer = server.upload([(f"{i}.txt", b"a") for i in range(4)])
    assert status == 400 and "3" in answer["error"]
    # Past the total, the answer comes before the body is read: the client sends headers only.
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
    connection.putrequest("POST", "/api/documents")
    for header, value in (("X-CSRF-Token", server.csrf), ("Content-Length", str(4 * 1024 ** 2)),
                          ("Content-Type", "multipart/form-data; boundary=b")):
        connection.putheader(header, value)
    connection.endheaders()
    response = connection.getresponse()
    assert response.status == 413
    assert "VANTHU_MAX_UPLOAD_MB" in json.loads(response.read())["error"]
    connection.close()
    # A bad file fails with its one-line reason; the server goes on.
    status, answer = server.upload([("empty.docx", b"not a zip")])
    state = server.wait_parsed(answer["documents"][0]["id"])
    assert state["status"] == "failed" and state["reason"].startswith("empty.docx: ")
    assert "Traceback" not in server.logged()


def test_no_request_reaches_outside_the_archive(start_server, tmp_path):
    server = start_server("sqlite")
    for path in ("/static/../../../etc/passwd", "/static/..%2f..%2f..%2fetc%2fpasswd",
                 "/documents/..%2f..%2fetc%2fpasswd/original", "/static/%2e%2e/app.py"):
        status, body = server.request("GET", path, csrf=False)
        assert status == 404 and b"root:" not in body and b"import" not in body, path
    # A file name with folders in it names the document only, never a place on disk.
    status, answer = server.upload([("../../../tmp/escaped.txt", HOSTILE_TEXT.encode())])
    doc_id = answer["documents"][0]["id"]
    assert server.wait_parsed(doc_id)["name"] == "escaped.txt"
    # The gold export names files by id only.
    status, _ = server.post_json(f"/api/documents/{doc_id}/record", {"fields": {}}, "PUT")
    assert status == 200
    out = tmp_path / "gold"
    subprocess.run([sys.executable, "-m", "pipeline", "corpus", "export", "--db", server.db,
                    "--gold", str(out)], check=True, cwd=ROOT, capture_output=True)
    assert sorted(p.name for p in out.iterdir()) == [f"vb{doc_id:05d}.json",
                                                     f"vb{doc_id:05d}.txt"]


@pytest.mark.parametrize("host", ["0.0.0.0", "192.168.1.10", "::"])
def test_other_hosts_are_refused_until_accounts_exist(host, tmp_path):
    result = subprocess.run([sys.executable, "-m", "pipeline", "serve", "--db",
                             str(tmp_path / "a.sqlite"), "--host", host, "--port", "1"],
                            cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert result.returncode != 0
    message = [line for line in result.stderr.splitlines() if line.startswith("Error")]
    assert len(message) == 1 and "accounts" in message[0], result.stderr
    assert "Traceback" not in result.stderr
