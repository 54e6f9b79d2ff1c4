"""Office mode through the API, without a browser: every state-changing call without a session,
without the CSRF token, with another user's token or on what the role may not touch is refused,
changes nothing, and is in the audit log; the login locks after repeated failures."""
from __future__ import annotations

import datetime as dt
import json
from urllib.parse import quote

import pytest

from conftest import BACKENDS, REAL
from corpus import office, open_archive, register, review
from directive import directive
from generators import form
from pipeline.web.app import Refused, check_host
from webserver import start_server  # noqa: F401 (fixture)

PASSWORD = "một mật khẩu dài"
USERS = {"vt": ("van-thu", None), "ld": ("lanh-dao", None),
         "cv": ("chuyen-vien", "Phòng Tổng hợp")}
# A bản sao numbered in the outgoing register: a change the snapshot would see.
COPY = {"kind": "sao-y", "issuer": "VĂN PHÒNG", "number": "…/SY-VP", "place": "Hà Nội",
        "position": "CHÁNH VĂN PHÒNG", "name": "Lê Văn Bình", "recipients": "Lưu: VT",
        "book": "ban-sao"}


def state_changing(doc_id: int, directive_id: int) -> list[tuple[str, str, bytes, dict]]:
    """(method, path, body, headers) of every call that changes something (or makes a file);
    the first eight are refused to a chuyên viên of another unit even with a right token."""
    boundary = "b0undary"
    upload = (f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.txt"'
              f'\r\n\r\n{REAL[3].read_text(encoding="utf-8")}\r\n--{boundary}--\r\n').encode()
    as_json = {"Content-Type": "application/json"}
    draft = {f["key"]: f["value"] for f in form.fields("cong-van", "state")}
    return [
        ("POST", "/api/documents", upload,
         {"Content-Type": f"multipart/form-data; boundary={boundary}"}),
        ("PUT", f"/api/documents/{doc_id}/record",
         json.dumps({"fields": {"subject": "Đã sửa"}}).encode(), as_json),
        ("POST", f"/api/documents/{doc_id}/register", b"{}", as_json),
        ("POST", f"/api/tasks/{directive_id}/1/assign",
         json.dumps({"unit": "Phòng Tổng hợp"}).encode(), as_json),
        ("POST", f"/api/tasks/{directive_id}/2/done", json.dumps({"note": "xong"}).encode(),
         as_json),
        ("POST", f"/api/tasks/{directive_id}/3/reopen", b"", as_json),
        ("POST", "/api/outgoing", json.dumps({"type": "cong-van", "fields": draft}).encode(),
         as_json),
        ("POST", f"/api/documents/{doc_id}/copy", json.dumps(COPY).encode(), as_json),
        ("POST", "/api/drafts", json.dumps({"type": "cong-van", "fields": {}}).encode(), as_json),
        ("POST", "/api/check", upload.replace(b"a.txt", b"a.docx"),
         {"Content-Type": f"multipart/form-data; boundary={boundary}"}),
        ("POST", "/api/logout", b"", {}),
    ]


def snapshot(url: str) -> tuple:
    with open_archive(url) as archive:
        return (archive._rows("SELECT id, record FROM contents ORDER BY id"),
                archive._rows("SELECT doc_id, so_den FROM register ORDER BY doc_id"),
                archive._rows("SELECT count(*) FROM intake"),
                archive._rows("SELECT count(*) FROM task_tracking"),
                archive._rows("SELECT count(*) FROM outgoing"),
                archive._rows("SELECT count(*) FROM sessions"))


def refusals(url: str) -> list[dict]:
    with open_archive(url) as archive:
        return office.audit_log(archive, 1000, outcome="refused")


@pytest.mark.parametrize("backend", BACKENDS)
def test_every_change_is_refused_without_a_session_a_token_or_the_right(backend, start_server,
                                                                       tmp_path):
    first = start_server(backend)
    with open_archive(first.db) as archive:
        plain, secret = (archive.add_file(path).id for path in REAL[:2])
        register.register(archive, secret, "2026-03-02", secrecy="Mật")
        text = tmp_path / "chi-thi.txt"
        text.write_text(directive(dt.date.today()), encoding="utf-8")
        tasks_of = archive.add_file(text).id
        review.confirm(archive, tasks_of, values={})
        for name, (role, unit) in USERS.items():
            office.add_user(archive, name, role, PASSWORD, unit)
    calls = state_changing(plain, tasks_of)
    before = snapshot(first.db)

    # No session: 401 on the API, the login page for a page, whatever the call.
    assert first.request("GET", "/api/session", csrf=False)[0] == 401
    assert first.request("GET", f"/api/documents/{plain}", csrf=False)[0] == 401
    for method, path, body, headers in calls:
        assert first.request(method, path, body, headers, csrf=False)[0] == 401, path
    status, _ = first.request("GET", f"/documents/{plain}", csrf=False)
    assert status == 200  # followed to the login page
    assert snapshot(first.db) == before
    logged = refusals(first.db)
    for method, path, _, _ in calls:
        assert any(r["action"] == method and r["target"] == path and r["user"] is None
                   and r["detail"] == "no session" for r in logged), path

    # A clerk's session, but no CSRF token, or the token of another user's session.
    second = start_server(first.db)
    assert first.login("vt", PASSWORD) == 200 and second.login("cv", PASSWORD) == 200
    own = first.csrf
    for token in ("", second.csrf):
        first.csrf = token
        for method, path, body, headers in calls:
            status, raw = first.request(method, path, body, headers)
            assert status == 403, (path, raw)
    first.csrf = own
    # The right token from another site's page.
    method, path, body, headers = calls[1]
    assert first.request(method, path, body, {**headers, "Origin": "http://evil.example"}
                         )[0] == 403
    assert snapshot(first.db)[:5] == before[:5]
    assert snapshot(first.db)[5] == [(2,)]  # the two sessions, none ended by a refused logout

    # A chuyên viên, with a right token, may neither receive, confirm, register nor copy, nor
    # open a document marked mật in any way.
    for method, path, body, headers in calls[:8]:
        status, raw = second.request(method, path, body, headers)
        assert status == 403, (path, raw)
    for path in (f"/api/documents/{secret}", f"/documents/{secret}",
                 f"/documents/{secret}/original", f"/api/documents/{secret}/locate?q=a",
                 f"/api/documents/{secret}/record"):
        method = "PUT" if path.endswith("/record") else "GET"
        assert second.request(method, path, b"{}", {"Content-Type": "application/json"}
                              )[0] == 403, path
    subject = json.loads(snapshot(first.db)[0][1][1])["subject"]
    query = "/api/search?q=" + quote(" ".join(subject.split()[:4]))
    assert secret not in [h["id"] for h in second.get(query)["hits"]]
    assert secret in [h["id"] for h in first.get(query)["hits"]]
    assert secret not in [r["id"] for r in second.get("/api/register")["rows"]]
    assert secret in [r["id"] for r in first.get("/api/register")["rows"]]
    assert first.get(f"/api/documents/{secret}")["id"] == secret
    assert snapshot(first.db)[:5] == before[:5]
    logged = refusals(first.db)
    assert len([r for r in logged if r["user"] == "vt" and "CSRF" in (r["detail"] or "")]) \
        == 2 * len(calls)
    assert any(r["user"] == "cv" and r["target"] == f"/documents/{secret}"
               and "mật" in r["detail"] for r in logged)
    assert any(r["user"] == "cv" and r["target"] == f"/api/documents/{plain}/register"
               and r["detail"].startswith("403") for r in logged)
    # What was allowed is in the log too: the clerk's view of the mật document.
    with open_archive(first.db) as archive:
        assert any(r["target"] == f"/api/documents/{secret}" for r in
                   office.audit_log(archive, 1000, name="vt", outcome="allowed"))

    # Signed out, the session is gone.
    assert first.request("POST", "/api/logout")[0] == 200
    assert first.request("GET", "/api/session", csrf=False)[0] == 401


def test_the_login_locks_after_repeated_failures(start_server):
    server = start_server("sqlite")
    with open_archive(server.db) as archive:
        office.add_user(archive, "ld", "lanh-dao", PASSWORD)
    for _ in range(office.MAX_FAILURES):
        assert server.login("ld", "đoán thử") == 401
    assert server.login("ld", PASSWORD) == 429
    assert server.cookie is None
    # A login is JSON only: a form posted from another site cannot sign anyone in.
    status, _ = server.request("POST", "/api/login", b"user=ld&password=x", {
        "Content-Type": "application/x-www-form-urlencoded"}, csrf=False)
    assert status == 415
    assert len([r for r in refusals(server.db) if r["action"] == "login"]) == \
        office.MAX_FAILURES + 1


def test_other_computers_need_office_mode(tmp_path):
    db = str(tmp_path / "a.sqlite")
    with pytest.raises(Refused):
        check_host("0.0.0.0", db)
    with open_archive(db) as archive:
        office.add_user(archive, "vt", "van-thu", PASSWORD)
    check_host("0.0.0.0", db)
    check_host("127.0.0.1")
