"""`vanthu serve`: the văn thư's desk in the browser. Pages and a JSON API over the same Python
API the CLI calls (corpus.intake, corpus.review, corpus.register, Archive.search); routes only
translate HTTP to those calls and back.

Safety: every page is rendered with autoescaping and a Content-Security-Policy that allows only
the app's own scripts, so a document's text or file name cannot run; state-changing calls need
the session's CSRF token in X-CSRF-Token and a same-origin Origin; uploads are bounded (the
reading limits, plus UPLOAD_FILES and UPLOAD_MB a request); no request names a path on disk
(documents are rows, originals are bytes in the archive).

Office mode (corpus/office.py), on once the archive has an account: the Gate asks every request
for a session (cookie set by POST /api/login), the CSRF token is the session's own, each route
checks the user's role (and the mật mark of a document), and every request, allowed or refused,
is appended to the audit log.
"""
from __future__ import annotations

import base64
import binascii
import datetime as dt
import json
import multiprocessing
import secrets
import threading
from contextlib import asynccontextmanager
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from urllib.parse import quote

from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from corpus import Filters, open_archive
from corpus.archive import date_bound
from corpus import intake, office, register, review, tracking
from pipeline import exporters, limits
from pipeline.errors import VanthuError
from pipeline.web import pictures

HERE = Path(__file__).resolve().parent
LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1"}
SNIPPET_MARKS = ("\x02", "\x03")  # around matched words in a page's snippets; never in text
POLICY = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
          "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
STATUS_LABELS = {"queued": "Chờ phân tích", "parsing": "Đang phân tích", "failed": "Lỗi",
                 "stored": "Đã lưu", "parsed": "Chờ soát", "confirmed": "Đã xác nhận",
                 "registered": "Đã vào sổ"}


class Refused(VanthuError):
    """The server will not start as asked."""


SESSION_COOKIE = "vanthu_session"
OPEN_PATHS = {"/login", "/api/login"}  # reachable without a session in office mode


def check_host(host: str, url: str | None = None) -> None:
    """Only this computer may reach the app until the archive at `url` has accounts."""
    if host in LOCAL_HOSTS:
        return
    if url is not None:
        with open_archive(url) as archive:
            if office.office_mode(archive):
                return
    raise Refused(f"--host {host}: vanthu serve answers only this computer (127.0.0.1) "
                      f"until it has user accounts; other computers could read and change the "
                      f"archive without signing in (add one: vanthu users add NAME --role …)")


class Desk:
    """The app's state: the archive's address, a connection per thread, the CSRF token and
    the worker processes that parse received files."""

    def __init__(self, url: str, workers: int = 1):
        self.url = url
        self.csrf = secrets.token_urlsafe(32)
        self._local = threading.local()
        # Spawned, not forked: the server has threads; a worker's main thread runs each parse,
        # so the per-file time limit (an alarm) works there.
        self.workers = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn"))
        with open_archive(url) as archive:
            intake.recover(archive)

    def archive(self):
        archive = getattr(self._local, "archive", None)
        if archive is None:
            archive = self._local.archive = open_archive(self.url)
        return archive

    def close(self) -> None:
        self.workers.shutdown(wait=False, cancel_futures=True)

    @asynccontextmanager
    async def lifespan(self, app):
        try:
            yield
        finally:
            self.close()


templates = Environment(loader=FileSystemLoader(HERE / "templates"),
                        autoescape=select_autoescape(["html"]))


def _marked(snippet: str) -> list[tuple[str, bool]]:
    """A snippet as (text, matched) pieces for the template to escape and mark."""
    pieces, marked = [], False
    for part in snippet.replace(SNIPPET_MARKS[1], SNIPPET_MARKS[0]).split(SNIPPET_MARKS[0]):
        if part:
            pieces.append((part, marked))
        marked = not marked
    return pieces


templates.filters["marked"] = _marked
templates.globals["status_labels"] = STATUS_LABELS


def page(request: Request, name: str, **context) -> HTMLResponse:
    return HTMLResponse(templates.get_template(name).render(
        path=request.url.path, csrf=request.state.csrf, user=_user(request), **context))


# --- helpers turning HTTP into calls ----------------------------------------------------
def _desk(request: Request) -> Desk:
    return request.app.state.desk


def _user(request: Request) -> office.User | None:
    """The signed-in user; None when the archive has no accounts (or on the login's paths)."""
    return request.state.user


def _id(request: Request) -> int:
    return int(request.path_params["doc_id"])


def _visible_id(request: Request) -> int:
    """The document the path names, once the user may see it."""
    doc_id = _id(request)
    office.require_visible(_desk(request).archive(), _user(request), doc_id)
    return doc_id


def _check_csrf(request: Request) -> None:
    token = request.headers.get("x-csrf-token", "")
    expected = request.state.csrf
    if not expected or not secrets.compare_digest(token, expected):
        raise HTTPException(403, "missing or wrong X-CSRF-Token (GET /api/session gives it)")
    _same_origin(request)


def _same_origin(request: Request) -> None:
    origin = request.headers.get("origin")
    if origin and origin.split("://", 1)[-1] != request.headers.get("host", ""):
        raise HTTPException(403, f"requests from {origin} are not accepted")


def _filters(request: Request) -> Filters:
    q = request.query_params
    return Filters(q.get("type") or None, q.get("issuer") or None, q.get("system") or None,
                   date_bound(q.get("from"), False), date_bound(q.get("to"), True))


def _search(request: Request, marks=("[", "]")) -> list[dict]:
    q = request.query_params.get("q", "").strip()
    if not q:
        return []
    limit = min(int(request.query_params.get("limit") or 20), 200)
    archive = _desk(request).archive()
    return office.visible(archive, _user(request), [
        hit.to_dict() for hit in archive.search(q, _filters(request), limit, marks)])


# --- API --------------------------------------------------------------------------------
async def api_session(request: Request) -> JSONResponse:
    user = _user(request)
    return JSONResponse({"csrf": request.state.csrf, **(user.to_dict() if user else {})})


async def api_login(request: Request) -> JSONResponse:
    """POST /api/login {"user", "password"}: a session cookie and its CSRF token. JSON only (a
    form on another site cannot send it), from this site only."""
    if request.headers.get("content-type", "").split(";")[0].strip() != "application/json":
        raise HTTPException(415, "send {\"user\", \"password\"} as application/json")
    _same_origin(request)
    body = await request.json()
    if not isinstance(body, dict) or not all(isinstance(body.get(k), str)
                                             for k in ("user", "password")):
        raise HTTPException(400, "the body is {\"user\": …, \"password\": …}")
    found = office.login(_desk(request).archive(), body["user"], body["password"],
                         request.client.host if request.client else "")
    response = JSONResponse({**found.user.to_dict(), "csrf": found.csrf})
    # Secure: browsers keep it only over HTTPS, or plain HTTP to this computer itself.
    response.set_cookie(SESSION_COOKIE, found.token, max_age=office.SESSION_HOURS * 3600,
                        path="/", secure=True, httponly=True, samesite="strict")
    return response


async def api_logout(request: Request) -> JSONResponse:
    _check_csrf(request)
    office.logout(_desk(request).archive(), request.cookies.get(SESSION_COOKIE, ""))
    response = JSONResponse({"user": None})
    response.delete_cookie(SESSION_COOKIE, path="/", secure=True, httponly=True,
                           samesite="strict")
    return response


async def api_receive(request: Request) -> JSONResponse:
    """POST /api/documents: one or many `file` fields; each gets its id at once and is parsed
    by a worker; a file past a limit fails with its reason, the others go on."""
    _check_csrf(request)
    office.require(_user(request), "receive", "receive documents")
    size = request.headers.get("content-length")
    if size is None:
        raise HTTPException(411, "an upload needs its Content-Length")
    if reason := limits.UPLOAD_MB.refuses_bytes(int(size)):
        raise HTTPException(413, reason)
    try:
        form = await request.form(max_files=limits.UPLOAD_FILES.value, max_fields=20)
    except HTTPException as err:  # the multipart parser's own refusal
        if "Too many files" in str(err.detail):
            limit = limits.UPLOAD_FILES
            raise HTTPException(400, f"{limit.what}: more than the limit of {limit.value} "
                                     f"{limit.unit} ({limit.variable})")
        raise
    try:
        uploads = [f for f in form.getlist("file") if isinstance(f, UploadFile)]
        if not uploads:
            raise HTTPException(400, "no `file` field in the upload")
        desk = _desk(request)
        archive = desk.archive()
        out = []
        for upload in uploads:
            name = upload.filename or "unnamed"
            if reason := limits.FILE_MB.refuses_bytes(upload.size or 0):
                doc_id = intake.refuse(archive, name, reason)
            else:
                doc_id = intake.receive(archive, name)
                desk.workers.submit(intake.parse_received, desk.url, doc_id, name,
                                    await upload.read())
            out.append(review.document(archive, doc_id))
    finally:
        await form.close()
    return JSONResponse({"documents": out}, status_code=202)


def _received(request: Request) -> list[dict]:
    archive = _desk(request).archive()
    return office.visible(archive, _user(request), intake.recent(archive))


async def api_received(request: Request) -> JSONResponse:
    return JSONResponse({"documents": _received(request)})


def _document(request: Request) -> dict:
    return review.document(_desk(request).archive(), _visible_id(request))


async def api_document(request: Request) -> JSONResponse:
    return JSONResponse(_document(request))


async def api_confirm(request: Request) -> JSONResponse:
    """PUT /api/documents/{id}/record: the confirmed record as JSON, or {"fields": {…}} with
    the review form's values."""
    _check_csrf(request)
    office.require(_user(request), "review", "confirm records")
    _visible_id(request)
    body = await request.json()
    if not isinstance(body, dict):
        raise HTTPException(400, "the body is a JSON object")
    archive = _desk(request).archive()
    if set(body) == {"fields"}:
        if not isinstance(body["fields"], dict) or not all(
                isinstance(v, str) for v in body["fields"].values()):
            raise HTTPException(400, "fields: an object of strings")
        confirmed = review.confirm(archive, _id(request), values=body["fields"])
    else:
        confirmed = review.confirm(archive, _id(request), record=body)
    return JSONResponse({"id": _id(request), "confirmed": confirmed})


async def api_register(request: Request) -> JSONResponse:
    """POST /api/documents/{id}/register, optionally with {ngay_den, don_vi_nhan, ghi_chu,
    do_mat, do_khan}."""
    _check_csrf(request)
    office.require(_user(request), "register", "enter documents in the register")
    _visible_id(request)
    raw = await request.body()
    given = json.loads(raw) if raw.strip() else {}
    if not isinstance(given, dict):
        raise HTTPException(400, "the body is a JSON object")
    entry = register.register(_desk(request).archive(), _id(request), given.get("ngay_den"),
                              given.get("don_vi_nhan"), given.get("ghi_chu"),
                              given.get("do_mat"), given.get("do_khan"))
    return JSONResponse(entry)


def _register_rows(request: Request) -> list[dict]:
    q = request.query_params
    year = q.get("year")
    archive = _desk(request).archive()
    return office.visible(archive, _user(request), register.entries(
        archive, int(year) if year else None, date_bound(q.get("from"), False),
        date_bound(q.get("to"), True)))


async def api_register_rows(request: Request) -> JSONResponse:
    return JSONResponse({"rows": _register_rows(request)})


async def api_search(request: Request) -> JSONResponse:
    return JSONResponse({"hits": _search(request)})


async def api_locate(request: Request) -> JSONResponse:
    """Where the text holds a value (the review page's highlight follows a corrected field)."""
    body = _desk(request).archive().body(_visible_id(request))
    return JSONResponse({"span": review.locate(body, request.query_params.get("q", ""))})


# --- Theo dõi nhiệm vụ ------------------------------------------------------------------
TASK_FORMATS = {"xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                "csv": "text/csv; charset=utf-8", "ics": "text/calendar; charset=utf-8"}


def _tasks(request: Request, unit: str | None = None) -> list[tracking.Tracked]:
    q = request.query_params
    doc = q.get("doc")
    return tracking.tasks(_desk(request).archive(), _user(request), unit or q.get("unit") or None,
                          int(doc) if doc else None, q.get("status") or None)


def _task(request: Request) -> tracking.Tracked:
    return tracking.task(_desk(request).archive(), _user(request), _id(request),
                         request.path_params["task_id"])


async def api_tasks(request: Request) -> JSONResponse:
    today = dt.date.today()
    return JSONResponse({"tasks": [t.to_dict(today) for t in _tasks(request)]})


async def api_task(request: Request) -> JSONResponse:
    return JSONResponse(_task(request).to_dict(dt.date.today()))


async def api_task_change(request: Request) -> JSONResponse:
    """POST /api/tasks/{doc}/{task}/assign {unit, person} | /done {note, reply_number} |
    /reopen."""
    _check_csrf(request)
    raw = await request.body()
    given = json.loads(raw) if raw.strip() else {}
    if not isinstance(given, dict) or not all(isinstance(v, (str, type(None)))
                                              for v in given.values()):
        raise HTTPException(400, "the body is a JSON object of strings")
    archive, user = _desk(request).archive(), _user(request)
    doc_id, task_id = _id(request), request.path_params["task_id"]
    action = request.path_params["action"]
    if action == "assign":
        found = tracking.assign(archive, user, doc_id, task_id, given.get("unit"),
                                given.get("person"))
    elif action == "done":
        found = tracking.complete(archive, user, doc_id, task_id, given.get("note"),
                                  given.get("reply_number"))
    elif action == "reopen":
        found = tracking.reopen(archive, user, doc_id, task_id)
    else:
        raise HTTPException(404, f"no action '{action}' on a task (assign, done, reopen)")
    return JSONResponse(found.to_dict(dt.date.today()))


def _task_file(tasks: list[tracking.Tracked], fmt: str, name: str) -> Response:
    if fmt not in TASK_FORMATS:
        raise HTTPException(404, f"no export to .{fmt} ({', '.join(TASK_FORMATS)})")
    data = exporters.FORMATS[fmt]([t.for_export() for t in tasks])
    return Response(data, media_type=TASK_FORMATS[fmt],
                    headers={"Content-Disposition": _attachment(f"{name}.{fmt}")})


async def tasks_export(request: Request) -> Response:
    """The list the page shows (same filters), as XLSX, CSV or ICS."""
    return _task_file(_tasks(request), request.path_params["fmt"], "nhiem-vu")


async def calendar_feed(request: Request) -> Response:
    """/calendar/UNIT.ics: the unit's tasks for a calendar program to subscribe to."""
    unit = request.path_params["unit"]
    response = _task_file(_tasks(request, unit), "ics", f"nhiem-vu-{unit}")
    del response.headers["content-disposition"]  # shown, not saved, when opened
    return response


async def tasks_page(request: Request) -> HTMLResponse:
    archive, user = _desk(request).archive(), _user(request)
    shown = _tasks(request)
    every = tracking.tasks(archive, user)  # the filters' choices
    documents = {t.doc_id: t.row.document for t in every}
    return page(request, "tasks.html", tasks=shown, today=dt.date.today(),
                query=dict(request.query_params), statuses=tracking.STATUSES,
                documents=sorted(documents.items()),
                people=[u.name for u in office.users(archive) if not u.disabled],
                single=False)


async def task_page(request: Request) -> HTMLResponse:
    archive = _desk(request).archive()
    return page(request, "tasks.html", tasks=[_task(request)], today=dt.date.today(),
                query={}, statuses=tracking.STATUSES, documents=[],
                people=[u.name for u in office.users(archive) if not u.disabled], single=True)


# --- Soạn thảo và kiểm tra ------------------------------------------------------------
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
FILE_TYPES = {".docx": DOCX, ".pdf": "application/pdf"}


async def drafts_page(request: Request) -> HTMLResponse:
    """/drafts?type=…&system=…: the type's form; &reply_to=ID: the answer to a received
    document, pre-filled."""
    from generators import form
    from generators.spec import SYSTEMS, TYPES

    q = request.query_params
    slug, system, reply_to = q.get("type"), q.get("system") or "state", q.get("reply_to")
    fields, replying = None, None
    if reply_to:
        doc_id = int(reply_to)
        office.require_visible(_desk(request).archive(), _user(request), doc_id)
        replying = _desk(request).archive().record(doc_id)
        slug = slug or "bao-cao"
        user = _user(request)
        unit = q.get("unit") or (user.unit if user else None) or "Văn phòng"
        fields = form.reply_fields(replying, slug, unit)
        system = replying.get("system") if replying.get("system") in SYSTEMS else "state"
    elif slug:
        fields = form.fields(slug, system)
    return page(request, "drafts.html", types=TYPES, systems=SYSTEMS, slug=slug, system=system,
                fields=fields, replying=replying, reply_to=reply_to)


async def api_draft(request: Request) -> Response:
    """POST /api/drafts {type, system, fields: {key: value}} → the .docx; ?preview=1 → its
    first page as LibreOffice lays it out (PNG); ?pdf=1 → the whole of it as PDF."""
    from generators import form
    from generators.draft import draft, profile_for
    from generators.render import pdf_of, preview_png

    _check_csrf(request)
    body = await request.json()
    if not isinstance(body, dict) or not isinstance(body.get("fields"), dict):
        raise HTTPException(400, "the body is {\"type\", \"system\", \"fields\": {…}}")
    spec = form.spec_from(str(body.get("type")), str(body.get("system") or "state"),
                          {str(k): str(v) for k, v in body["fields"].items()})
    data = draft(spec, profile_for(spec))
    if request.query_params.get("preview"):  # LibreOffice takes seconds: not on the loop
        return Response(await run_in_threadpool(preview_png, data), media_type="image/png")
    if request.query_params.get("pdf"):
        return Response(await run_in_threadpool(pdf_of, data), media_type="application/pdf",
                        headers={"Content-Disposition": _attachment(f"{spec.slug}.pdf")})
    return Response(data, media_type=DOCX,
                    headers={"Content-Disposition": _attachment(f"{spec.slug}.docx")})


async def api_issue(request: Request) -> JSONResponse:
    """POST /api/outgoing {type, system, fields, book}: the draft gets the next number of its
    book in the outgoing register; → the entry, with the address of its .docx."""
    from corpus import outgoing
    from generators import form

    _check_csrf(request)
    body = await request.json()
    if not isinstance(body, dict) or not isinstance(body.get("fields"), dict):
        raise HTTPException(400, "the body is {\"type\", \"system\", \"fields\", \"book\"}")
    spec = form.spec_from(str(body.get("type")), str(body.get("system") or "state"),
                          {str(k): str(v) for k, v in body["fields"].items()})
    return JSONResponse(outgoing.issue(_desk(request).archive(), _user(request), spec,
                                       str(body.get("book") or outgoing.DEFAULT_BOOK)))


async def api_copy(request: Request) -> Response:
    """POST /api/documents/{id}/copy {kind, issuer, parent, number, place, date, authority,
    position, name, recipients (one a line)} → the bản sao (`vanthu copy`): a .docx of a
    .docx, a PDF of a PDF; with "book": numbered in that book of the outgoing register → the
    entry, with the address of its file."""
    from corpus import outgoing
    from generators.copy import request_from_form

    _check_csrf(request)
    body = await request.json()
    if not isinstance(body, dict) or not all(isinstance(v, str) for v in body.values()):
        raise HTTPException(400, "the body is a JSON object of strings")
    doc_id, user = _id(request), _user(request)
    copy = request_from_form(body, dt.date.today())
    if body.get("book", "").strip():
        return JSONResponse(outgoing.issue_copy(_desk(request).archive(), user, doc_id, copy,
                                                body["book"]))
    name, data = await _in_thread(request, outgoing.copy_of, user, doc_id, copy)
    return Response(data, media_type=FILE_TYPES[Path(name).suffix],
                    headers={"Content-Disposition": _attachment(name)})


async def _in_thread(request: Request, work, *args):
    """work(archive, *args) in the threadpool, for what LibreOffice makes (seconds): not on
    the loop. The archive is opened there and closed after: a connection serves one thread,
    and the pool's threads come and go."""
    def working():
        with open_archive(_desk(request).url) as archive:
            return work(archive, *args)

    return await run_in_threadpool(working)


def _outgoing_rows(request: Request) -> list[dict]:
    from corpus import outgoing
    q = request.query_params
    return outgoing.entries(_desk(request).archive(), int(q["year"]) if q.get("year") else None,
                            q.get("book") or None)


async def api_outgoing(request: Request) -> JSONResponse:
    return JSONResponse({"rows": _outgoing_rows(request)})


async def outgoing_file(request: Request) -> Response:
    """/outgoing/YEAR/BOOK/SO.docx (or .pdf, a copy of a PDF): the issued document."""
    from corpus import outgoing
    p = request.path_params
    name, data = await _in_thread(request, outgoing.document, p["year"], p["book"], p["so"])
    if not name.endswith("." + p["ext"]):
        raise HTTPException(404, f"number {p['so']} of the book '{p['book']}' is {name}")
    return Response(data, media_type=FILE_TYPES[Path(name).suffix],
                    headers={"Content-Disposition": _attachment(name)})


async def outgoing_page(request: Request) -> HTMLResponse:
    return page(request, "outgoing.html", rows=_outgoing_rows(request),
                query=dict(request.query_params))


async def api_check(request: Request) -> Response:
    """POST /api/check (multipart `file`, a .docx) → the checker's findings; ?fix=1 → the
    repaired .docx (`vanthu check --fix`); ?pages=1 → the findings and the pages as
    LibreOffice lays them out, each finding's paragraph boxed on them."""
    from generators.checker import check, detect_profile, fix
    from generators.profile import load_profile

    _check_csrf(request)
    size = request.headers.get("content-length")
    if size is None:
        raise HTTPException(411, "an upload needs its Content-Length")
    if reason := limits.FILE_MB.refuses_bytes(int(size)):
        raise HTTPException(413, reason)
    form_data = await request.form(max_files=1, max_fields=5)
    try:
        upload = form_data.get("file")
        if not isinstance(upload, UploadFile):
            raise HTTPException(400, "no `file` field in the upload")
        name, data = upload.filename or "van-ban.docx", await upload.read()
    finally:
        await form_data.close()
    if not data.startswith(b"PK"):
        raise HTTPException(400, f"{name}: not a .docx file")
    try:
        rules = load_profile(detect_profile(data))
        if request.query_params.get("fix"):
            return Response(fix(data, rules), media_type=DOCX,
                            headers={"Content-Disposition": _attachment(f"sua-{name}")})
        report = check(data, rules, name)
    except VanthuError:
        raise
    except Exception as err:  # a damaged package python-docx cannot open
        raise HTTPException(400, f"{name}: cannot be read as .docx ({type(err).__name__})")
    shown = {"file": name, "profile": report.profile, "errors": len(report.errors),
             "findings": [f.to_dict() for f in report.findings]}
    if request.query_params.get("pages"):  # LibreOffice takes seconds: not on the loop
        shown.update(await run_in_threadpool(pictures.checked_pages, data, report.findings))
    return JSONResponse(shown)


async def check_page(request: Request) -> HTMLResponse:
    return page(request, "check.html")


# --- files ------------------------------------------------------------------------------
def _attachment(name: str) -> str:
    ascii_name = "".join(c if (c.isascii() and c.isalnum()) or c in "._-" else "_"
                         for c in name) or "file"
    return f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(name)}"


async def original(request: Request) -> Response:
    name, data = _desk(request).archive().original(_visible_id(request))
    return Response(data, media_type="application/octet-stream",
                    headers={"Content-Disposition": _attachment(name)})


async def page_picture(request: Request) -> Response:
    name, data = _desk(request).archive().original(_visible_id(request))
    png = pictures.page_png(name, data, int(request.path_params["number"]) - 1)
    if png is None:
        raise HTTPException(404, "no such page")
    return Response(png, media_type="image/png",
                    headers={"Cache-Control": "private, max-age=86400"})


async def register_xlsx(request: Request) -> Response:
    rows = _register_rows(request)
    year = request.query_params.get("year")
    title = f"Sổ đăng ký văn bản đến{' năm ' + year if year else ''}"
    return Response(register.to_xlsx(rows, title), media_type=(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        headers={"Content-Disposition": _attachment(f"so-van-ban-den-{year or 'tat-ca'}.xlsx")})


# --- pages ------------------------------------------------------------------------------
async def receive_page(request: Request) -> Response:
    user = _user(request)
    if user is not None and not user.can("receive"):
        return RedirectResponse("/tasks", 303)  # a chuyên viên's desk is their tasks
    archive = _desk(request).archive()
    return page(request, "receive.html", received=_received(request),
                limits={"files": limits.UPLOAD_FILES.value, "total_mb": limits.UPLOAD_MB.value,
                        "file_mb": limits.FILE_MB.value})


async def review_list(request: Request) -> HTMLResponse:
    archive = _desk(request).archive()
    return page(request, "waiting.html",
                waiting=office.visible(archive, _user(request), review.waiting(archive)))


async def document_page(request: Request) -> HTMLResponse:
    from corpus import outgoing
    from generators.copy import can_copy

    archive = _desk(request).archive()
    document = _document(request)
    if document["record"] is None:  # still being received
        return page(request, "received.html", document=document)
    current = document["confirmed"] or document["record"]
    name, data = archive.original(document["id"])
    cites = archive.cites(current["number"]) if current.get("number") else None
    return page(request, "document.html", document=document, record=current,
                fields=review.fields(), values=review.form_values(current),
                unsure=review.unsure(current), body=archive.body(document["id"]),
                spans=review.spans(current), pages=pictures.page_count(name, data),
                cites=cites, secrecy=register.SECRECY, urgency=register.URGENCY,
                copy_kinds=outgoing.COPY_TYPES, can_copy=can_copy(name),
                copy_book=outgoing.COPY_BOOK, today=dt.date.today())


async def login_page(request: Request) -> HTMLResponse:
    return page(request, "login.html")


async def register_page(request: Request) -> HTMLResponse:
    q = request.query_params
    return page(request, "register.html", rows=_register_rows(request),
                columns=register.columns(), cell=register.cell,
                years=register.years(_desk(request).archive()), query=dict(q))


async def search_page(request: Request) -> HTMLResponse:
    error = None
    try:
        hits = _search(request, SNIPPET_MARKS)
    except VanthuError as err:
        hits, error = [], str(err)
    return page(request, "search.html", hits=hits, query=dict(request.query_params),
                error=error)


# --- errors and headers -----------------------------------------------------------------
async def _error(request: Request, exc: Exception) -> Response:
    if isinstance(exc, HTTPException):
        status, message = exc.status_code, exc.detail
    elif isinstance(exc, (office.Forbidden, office.LoginFailed, office.LockedOut)):
        status = {office.Forbidden: 403, office.LoginFailed: 401,
                  office.LockedOut: 429}[type(exc)]
        message = str(exc)
    elif isinstance(exc, VanthuError):
        status, message = (404 if "no document" in str(exc) else 400), str(exc)
    else:  # ValueError, KeyError: what a request gave cannot be read
        status, message = 400, f"bad request ({type(exc).__name__}: {exc})"
    request.state.refusal = message  # the audit log's reason
    if request.url.path.startswith("/api/"):
        return JSONResponse({"error": message}, status_code=status)
    return HTMLResponse(templates.get_template("error.html").render(
        path=request.url.path, message=message, status=status, csrf="",
        user=getattr(request.state, "user", None)), status_code=status)


class Headers:
    """Security headers on every response."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        async def sending(message):
            if message["type"] == "http.response.start":
                message.setdefault("headers", [])
                message["headers"] += [(b"content-security-policy", POLICY.encode()),
                                       (b"x-content-type-options", b"nosniff"),
                                       (b"referrer-policy", b"same-origin"),
                                       (b"x-frame-options", b"DENY")]
            await send(message)
        await self.app(scope, receive, sending)


class Gate:
    """Office mode: a request without a live session reaches only the login; every other
    request, and what came of it (allowed, or refused and why), goes into the audit log.
    Without accounts, everyone at this computer is the one user, with the desk's CSRF token."""

    def __init__(self, app, desk: Desk):
        self.app = app
        self.desk = desk

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or scope["path"].startswith("/static/"):
            return await self.app(scope, receive, send)
        archive = self.desk.archive()
        state = scope.setdefault("state", {})
        if not office.office_mode(archive):
            state.update(user=None, csrf=self.desk.csrf)
            return await self.app(scope, receive, send)
        path, method = scope["path"], scope["method"]
        request = Request(scope)
        found = office.session(archive, request.cookies.get(SESSION_COOKIE))
        if found is None and path.startswith("/calendar/"):
            found = self._basic(archive, request)
        state.update(user=found.user if found else None, csrf=found.csrf if found else "")
        query = scope.get("query_string", b"").decode("latin-1")
        target = path + ("?" + query if query else "")
        if found is None and path not in OPEN_PATHS:
            office.audit(archive, None, method, target, "refused", "no session")
            if path.startswith(("/api/", "/calendar/")):
                response = JSONResponse({"error": "sign in first: POST /api/login "
                                                  "{\"user\", \"password\"}"}, 401)
                if path.startswith("/calendar/"):  # calendar programs ask for a password
                    response.headers["WWW-Authenticate"] = 'Basic realm="vanthu", charset="UTF-8"'
            elif method != "GET":
                response = JSONResponse({"error": "sign in first"}, 401)
            else:
                response = RedirectResponse("/login?next=" + quote(target), 303)
            return await response(scope, receive, send)
        async def sending(message):
            # Written before the answer leaves, so whoever got an answer finds its line.
            # office.login writes its own line, with the name tried.
            if message["type"] == "http.response.start" and path != "/api/login":
                status = message["status"]
                office.audit(archive, found.user.name if found else None, method, target,
                             "allowed" if status < 400 else "refused",
                             f"{status}" + (f": {state['refusal']}" if state.get("refusal")
                                            else ""))
            await send(message)

        await self.app(scope, receive, sending)

    @staticmethod
    def _basic(archive, request: Request) -> office.Session | None:
        """A calendar program's HTTP Basic name and password (no session is kept): the same
        check and lockout as a login; None when absent or wrong."""
        kind, _, encoded = request.headers.get("authorization", "").partition(" ")
        if kind.lower() != "basic":
            return None
        try:
            name, _, password = base64.b64decode(encoded).decode("utf-8").partition(":")
        except (binascii.Error, UnicodeDecodeError):
            return None
        try:
            user = office.authenticate(archive, name, password,
                                       request.client.host if request.client else "")
        except (office.LoginFailed, office.LockedOut):
            return None
        return office.Session("", "", user)


def create_app(url: str, workers: int = 1) -> Starlette:
    desk = Desk(url, workers)
    app = Starlette(routes=[
        Route("/", receive_page),
        Route("/review", review_list),
        Route("/documents/{doc_id:int}", document_page),
        Route("/documents/{doc_id:int}/original", original),
        Route("/documents/{doc_id:int}/pages/{number:int}.png", page_picture),
        Route("/register", register_page),
        Route("/register.xlsx", register_xlsx),
        Route("/search", search_page),
        Route("/tasks", tasks_page),
        Route("/drafts", drafts_page),
        Route("/check", check_page),
        Route("/outgoing", outgoing_page),
        Route("/outgoing/{year:int}/{book}/{so:int}.{ext}", outgoing_file),
        Route("/tasks.{fmt}", tasks_export),
        Route("/tasks/{doc_id:int}/{task_id}", task_page),
        Route("/calendar/{unit}.ics", calendar_feed),
        Route("/login", login_page),
        Route("/api/session", api_session),
        Route("/api/login", api_login, methods=["POST"]),
        Route("/api/logout", api_logout, methods=["POST"]),
        Route("/api/documents", api_receive, methods=["POST"]),
        Route("/api/documents", api_received, methods=["GET"]),
        Route("/api/documents/{doc_id:int}", api_document),
        Route("/api/documents/{doc_id:int}/record", api_confirm, methods=["PUT"]),
        Route("/api/documents/{doc_id:int}/register", api_register, methods=["POST"]),
        Route("/api/documents/{doc_id:int}/locate", api_locate),
        Route("/api/documents/{doc_id:int}/copy", api_copy, methods=["POST"]),
        Route("/api/register", api_register_rows),
        Route("/api/search", api_search),
        Route("/api/tasks", api_tasks),
        Route("/api/drafts", api_draft, methods=["POST"]),
        Route("/api/check", api_check, methods=["POST"]),
        Route("/api/outgoing", api_issue, methods=["POST"]),
        Route("/api/outgoing", api_outgoing, methods=["GET"]),
        Route("/api/tasks/{doc_id:int}/{task_id}", api_task),
        Route("/api/tasks/{doc_id:int}/{task_id}/{action}", api_task_change, methods=["POST"]),
        Mount("/static", StaticFiles(directory=HERE / "static"), name="static"),
    ], exception_handlers={HTTPException: _error, VanthuError: _error, ValueError: _error,
                           KeyError: _error},
        lifespan=desk.lifespan)
    app.state.desk = desk
    app.add_middleware(Gate, desk=desk)
    app.add_middleware(Headers)
    return app


def serve(url: str, host: str = "127.0.0.1", port: int = 8000, workers: int = 1) -> None:
    import uvicorn
    check_host(host, url)
    uvicorn.run(create_app(url, workers), host=host, port=port, log_level="warning")
