// vanthu serve: the pages' behaviour. Every value from a document goes into the page as text
// (textContent), never as HTML; every state-changing call carries the session's CSRF token.
"use strict";

const csrf = () => document.querySelector('meta[name="csrf"]').content;
const STATUS = {queued: "Chờ phân tích", parsing: "Đang phân tích", failed: "Lỗi",
                stored: "Đã lưu", parsed: "Chờ soát", confirmed: "Đã xác nhận",
                registered: "Đã vào sổ"};
const POLL_MS = 700;

async function call(method, url, body) {
  const response = await fetch(url, {
    method, headers: {"X-CSRF-Token": csrf(), "Content-Type": "application/json"},
    body: body === undefined ? undefined : JSON.stringify(body)});
  const data = await response.json();
  if (!response.ok) throw new Error(data.error || response.statusText);
  return data;
}

function element(tag, attributes = {}, text = "") {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, value);
  if (text) node.textContent = text;
  return node;
}

// --- Nhận văn bản ------------------------------------------------------------------------
function receivePage() {
  const drop = document.getElementById("drop");
  if (!drop) return;
  const picker = document.getElementById("files");
  const rows = document.getElementById("received-rows");
  const queue = [];
  let sending = false;

  function row(name) {
    const tr = element("tr");
    const cells = {id: element("td", {}, "…"), name: element("td", {class: "name"}, name),
                   bar: element("td"), status: element("td", {class: "status"}, "Đang tải lên"),
                   action: element("td", {class: "action"})};
    const progress = element("progress", {max: "100", value: "0"});
    cells.bar.append(progress);
    tr.append(cells.id, cells.name, cells.bar, cells.status, cells.action);
    rows.prepend(tr);
    return {tr, cells, progress};
  }

  function show(view, documentState) {
    view.tr.dataset.id = documentState.id;
    view.tr.dataset.status = documentState.status;
    view.cells.id.textContent = documentState.id;
    view.cells.status.textContent = STATUS[documentState.status] || documentState.status;
    if (documentState.reason) {
      view.cells.status.append(element("div", {class: "reason"}, documentState.reason));
    }
    const done = !["queued", "parsing"].includes(documentState.status);
    if (documentState.status === "parsing") view.progress.removeAttribute("value");
    if (done) view.progress.value = 100;
    if (done && documentState.status !== "failed") {
      const target = documentState.same_as || documentState.id;
      view.cells.action.replaceChildren(element("a", {href: `/documents/${target}`},
        documentState.same_as ? `Đã có: #${target}` : "Soát →"));
    }
    return done;
  }

  function follow(view, id) {
    const started = Date.now();
    const tick = async () => {
      const state = await call("GET", `/api/documents/${id}`);
      if (!show(view, state)) {
        const seconds = Math.round((Date.now() - started) / 1000);
        view.cells.status.textContent = `${STATUS[state.status]} (${seconds} giây)`;
        setTimeout(tick, POLL_MS);
      }
    };
    setTimeout(tick, POLL_MS);
  }

  function upload(file, view) {
    return new Promise((resolve) => {
      const form = new FormData();
      form.append("file", file, file.name);
      const request = new XMLHttpRequest();
      request.open("POST", "/api/documents");
      request.setRequestHeader("X-CSRF-Token", csrf());
      request.upload.onprogress = (event) => {
        if (event.lengthComputable) view.progress.value = Math.round(50 * event.loaded / event.total);
      };
      request.onload = () => {
        let data = {};
        try { data = JSON.parse(request.responseText); } catch (error) { /* shown below */ }
        if (request.status === 202) {
          const state = data.documents[0];
          view.progress.value = 50;
          if (!show(view, state)) follow(view, state.id);
        } else {
          view.cells.status.textContent = "Lỗi";
          view.cells.status.append(element("div", {class: "reason"},
            `${file.name}: ${data.error || request.statusText}`));
          view.progress.value = 100;
        }
        resolve();
      };
      request.onerror = () => {
        view.cells.status.textContent = "Lỗi: mất kết nối tới máy chủ";
        resolve();
      };
      request.send(form);
    });
  }

  async function sendQueued() {
    if (sending) return;
    sending = true;
    while (queue.length) {
      const [file, view] = queue.shift();
      await upload(file, view);
    }
    sending = false;
  }

  function take(files) {
    for (const file of files) queue.push([file, row(file.name)]);
    sendQueued();
  }

  picker.addEventListener("change", () => { take(picker.files); picker.value = ""; });
  drop.addEventListener("dragover", (event) => { event.preventDefault(); drop.classList.add("over"); });
  drop.addEventListener("dragleave", () => drop.classList.remove("over"));
  drop.addEventListener("drop", (event) => {
    event.preventDefault();
    drop.classList.remove("over");
    take(event.dataTransfer.files);
  });
  drop.addEventListener("keydown", (event) => {
    if (event.key === "Enter" || event.key === " ") { event.preventDefault(); picker.click(); }
  });
  // Rows still being parsed when the page was opened go on being followed.
  for (const tr of rows.querySelectorAll('tr[data-status="queued"], tr[data-status="parsing"]')) {
    const view = {tr, progress: tr.querySelector("progress"),
                  cells: {id: tr.cells[0], name: tr.cells[1], bar: tr.cells[2],
                          status: tr.cells[3], action: tr.cells[4]}};
    follow(view, tr.dataset.id);
  }
}

// --- Soát văn bản ------------------------------------------------------------------------
function reviewPage() {
  const data = document.getElementById("page-data");
  if (!data) return;
  const {id, body, spans} = JSON.parse(data.textContent);
  const text = document.getElementById("doc-text");
  const form = document.getElementById("review-form");
  const original = Object.fromEntries(new FormData(form).entries());
  const current = Object.assign({}, spans);
  text.textContent = body;

  function highlight(span) {
    if (!span) { text.textContent = body; return; }
    const [start, end] = span;
    const mark = element("mark", {id: "highlight", "data-start": start, "data-end": end},
                         body.slice(start, end));
    text.replaceChildren(document.createTextNode(body.slice(0, start)), mark,
                         document.createTextNode(body.slice(end)));
    mark.scrollIntoView({block: "center"});
  }

  function lineAtCaret(input) {
    const value = input.value;
    const start = value.lastIndexOf("\n", input.selectionStart - 1) + 1;
    const end = value.indexOf("\n", input.selectionStart);
    return [value.slice(start, end < 0 ? undefined : end), value.slice(0, start).split("\n").length - 1];
  }

  function select(input) {
    for (const field of form.querySelectorAll(".field.active")) field.classList.remove("active");
    const field = input.closest(".field");
    field.classList.add("active");
    const found = current[field.dataset.key] || [];
    const [, line] = input.tagName === "TEXTAREA" ? lineAtCaret(input) : ["", 0];
    highlight(found[Math.min(line, found.length - 1)] || found[0]);
  }

  let pending = null;
  async function relocate(input) {
    const field = input.closest(".field");
    const key = field.dataset.key;
    field.classList.toggle("changed", input.value !== original[key]);
    const [value] = input.tagName === "TEXTAREA" ? lineAtCaret(input) : [input.value];
    const lookup = value.split("|").pop().trim();
    const result = lookup ? await call("GET", `/api/documents/${id}/locate?q=${encodeURIComponent(lookup)}`)
                          : {span: null};
    current[key] = result.span ? [result.span] : [];
    highlight(result.span);
  }

  for (const input of form.querySelectorAll("input, textarea")) {
    input.addEventListener("focus", () => select(input));
    input.addEventListener("click", () => select(input));
    input.addEventListener("input", () => {
      clearTimeout(pending);
      pending = setTimeout(() => relocate(input), 200);
    });
  }

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const result = document.getElementById("confirm-result");
    try {
      await call("PUT", `/api/documents/${id}/record`,
                 {fields: Object.fromEntries(new FormData(form).entries())});
      result.textContent = "Đã xác nhận.";
      const badge = document.getElementById("doc-status");
      if (badge.textContent !== STATUS.registered) badge.textContent = STATUS.confirmed;
    } catch (error) {
      result.textContent = `Chưa lưu: ${error.message}`;
    }
  });

  const registerForm = document.getElementById("register-form");
  registerForm.addEventListener("submit", async (event) => {
    event.preventDefault();
    const result = document.getElementById("register-result");
    const given = Object.fromEntries(new FormData(registerForm).entries());
    try {
      const entry = await call("POST", `/api/documents/${id}/register`, given);
      result.replaceChildren("Đã vào sổ: số đến ", element("strong", {id: "so-den"}, String(entry.so_den)),
                             `, ngày đến ${entry.ngay_den}`);
      document.getElementById("doc-status").textContent = STATUS.registered;
    } catch (error) {
      result.textContent = `Chưa vào sổ: ${error.message}`;
    }
  });

  for (const tab of document.querySelectorAll("[data-tab]")) {
    tab.addEventListener("click", () => {
      for (const other of document.querySelectorAll("[data-tab]")) {
        other.setAttribute("aria-selected", String(other === tab));
        document.getElementById(other.dataset.tab).hidden = other !== tab;
      }
    });
  }
}

function registerPage() {
  const button = document.getElementById("print");
  if (button) button.addEventListener("click", () => window.print());
}

// --- Theo dõi nhiệm vụ -------------------------------------------------------------------
function tasksPage() {
  for (const form of document.querySelectorAll("form.task-action")) {
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      const row = form.closest("tr");
      const result = row.querySelector(".reason");
      try {
        await call("POST", `/api/tasks/${row.dataset.doc}/${encodeURIComponent(row.dataset.task)}/${form.dataset.action}`,
                   Object.fromEntries(new FormData(form).entries()));
        location.reload();
      } catch (error) {
        result.textContent = `Chưa lưu: ${error.message}`;
      }
    });
  }
}

// --- Soạn thảo và kiểm tra --------------------------------------------------------------
function save(blob, name) {
  const link = element("a", {href: URL.createObjectURL(blob), download: name});
  document.body.append(link);
  link.click();
  link.remove();
}

// The file an entry of the outgoing register names, saved as the server names it.
async function saveIssued(entry) {
  const file = await fetch(entry.file);
  save(await file.blob(), attachedName(file));
}

function attachedName(response) {
  const header = response.headers.get("Content-Disposition") || "";
  const match = header.match(/filename\*=UTF-8''([^;]+)/);
  return match ? decodeURIComponent(match[1]) : "van-ban";
}

// Sao y, Sao lục, Trích sao of the document on its page: downloaded, or numbered in a book
// of the outgoing register first.
function copyForm() {
  const form = document.getElementById("copy-form");
  if (!form || !document.getElementById("copy")) return;
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const result = document.getElementById("copy-result");
    const values = Object.fromEntries(new FormData(form).entries());
    if (!document.getElementById("copy-issue").checked) delete values.book;
    result.textContent = "Đang tạo bản sao…";
    const address = `/api/documents/${form.dataset.id}/copy`;
    try {
      if (values.book) {
        const entry = await call("POST", address, values);
        await saveIssued(entry);
        result.replaceChildren("Đã cấp số ", element("strong", {id: "copy-issued"}, entry.number),
                               ` (sổ ${entry.book}, số ${entry.so}/${entry.year}).`);
        return;
      }
      const response = await fetch(address, {
        method: "POST", headers: {"X-CSRF-Token": csrf(), "Content-Type": "application/json"},
        body: JSON.stringify(values)});
      if (!response.ok) throw new Error((await response.json()).error || response.statusText);
      save(await response.blob(), attachedName(response));
      result.textContent = "Đã tải về.";
    } catch (error) {
      result.textContent = `Chưa tạo bản sao: ${error.message}`;
    }
  });
}

function draftPage() {
  const form = document.getElementById("draft-form");
  if (!form) return;
  // The .docx, or (?pdf=1) the PDF LibreOffice makes of it.
  const download = async (query, extension) => {
    const result = document.getElementById("draft-result");
    result.textContent = extension === "pdf" ? "Đang dựng PDF (LibreOffice)…" : "";
    const values = Object.fromEntries(new FormData(form).entries());
    delete values.__book;
    const response = await fetch(`/api/drafts${query}`, {
      method: "POST", headers: {"X-CSRF-Token": csrf(), "Content-Type": "application/json"},
      body: JSON.stringify({type: form.dataset.type, system: form.dataset.system, fields: values})});
    if (!response.ok) {
      result.textContent = (await response.json()).error || response.statusText;
      return;
    }
    save(await response.blob(), `${form.dataset.type}.${extension}`);
    result.textContent = "Đã tải về.";
  };
  form.addEventListener("submit", (event) => { event.preventDefault(); download("", "docx"); });
  document.getElementById("draft-pdf").addEventListener("click", () => download("?pdf=1", "pdf"));
  const previewButton = document.getElementById("draft-preview-button");
  previewButton.addEventListener("click", async () => {
    const result = document.getElementById("draft-result");
    result.textContent = "Đang dựng trang (LibreOffice)…";
    const values = Object.fromEntries(new FormData(form).entries());
    delete values.__book;
    const response = await fetch("/api/drafts?preview=1", {
      method: "POST", headers: {"X-CSRF-Token": csrf(), "Content-Type": "application/json"},
      body: JSON.stringify({type: form.dataset.type, system: form.dataset.system, fields: values})});
    if (!response.ok) { result.textContent = (await response.json()).error; return; }
    const reader = new FileReader();  // a data: address: the page's policy allows no blob: image
    reader.onload = () => {
      const picture = document.getElementById("draft-preview");
      picture.src = reader.result;
      picture.parentElement.hidden = false;
      result.textContent = "";
    };
    reader.readAsDataURL(await response.blob());
  });
  const issue = document.getElementById("draft-issue");
  if (issue) issue.addEventListener("click", async () => {
    const result = document.getElementById("draft-result");
    const values = Object.fromEntries(new FormData(form).entries());
    const book = values.__book;
    delete values.__book;
    try {
      const entry = await call("POST", "/api/outgoing", {type: form.dataset.type,
        system: form.dataset.system, fields: values, book});
      await saveIssued(entry);
      result.replaceChildren("Đã cấp số ", element("strong", {id: "issued-number"}, entry.number),
                             ` (sổ ${entry.book}, số ${entry.so}/${entry.year}).`);
    } catch (error) {
      result.textContent = `Chưa cấp số: ${error.message}`;
    }
  });
}

function checkPage() {
  const picker = document.getElementById("check-file");
  if (!picker) return;
  const summary = document.getElementById("check-summary");
  const table = document.getElementById("findings");
  const fixButton = document.getElementById("check-fix");
  const pages = document.getElementById("check-pages");
  const send = (file, query = "") => {
    const body = new FormData();
    body.append("file", file, file.name);
    return fetch(`/api/check${query}`, {method: "POST", headers: {"X-CSRF-Token": csrf()}, body});
  };
  picker.addEventListener("change", async () => {
    const file = picker.files[0];
    if (!file) return;
    pages.hidden = true;
    const response = await send(file);
    const report = await response.json();
    if (!response.ok) { summary.textContent = report.error; table.hidden = true; return; }
    summary.textContent = `${report.file} (${report.profile}): ${report.errors} lỗi, ` +
      `${report.findings.length - report.errors} lưu ý`;
    summary.dataset.errors = report.errors;
    const rows = report.findings.map((item, n) => {
      const tr = element("tr", {class: item.severity, id: `finding-${n}`});
      const where = item.where.excerpt ? `đoạn ${item.where.paragraph}: “${item.where.excerpt}”` : "cả văn bản";
      for (const text of [String(n + 1), item.rule, item.severity === "error" ? "Lỗi" : "Lưu ý",
                          item.message, String(item.expected ?? ""), String(item.found ?? ""),
                          where]) {
        tr.append(element("td", {}, text));
      }
      return tr;
    });
    table.tBodies[0].replaceChildren(...rows);
    table.hidden = rows.length === 0;
    fixButton.hidden = report.findings.length === 0;
    fixButton.onclick = async () => {
      const fixed = await send(file, "?fix=1");
      if (fixed.ok) save(await fixed.blob(), `sua-${file.name}`);
    };
    if (report.findings.length) await showPages(file, rows);
  });

  // The pages as LibreOffice lays them out, each finding's paragraph boxed with its number;
  // a box and its row link to each other.
  async function showPages(file, rows) {
    pages.hidden = true;
    const status = element("span", {id: "check-pages-status"}, " · Đang dựng trang (LibreOffice)…");
    summary.append(status);
    const response = await send(file, "?pages=1");
    const shown = await response.json();
    if (!response.ok) { status.textContent = ` · ${shown.error}`; return; }
    status.remove();
    const sheets = shown.pages.map((picture, n) => {
      const sheet = element("figure", {class: "sheet", "data-page": String(n + 1)});
      sheet.append(element("img", {src: picture, alt: `Trang ${n + 1}`}));
      return sheet;
    });
    for (const mark of shown.marks) {
      const box = element("a", {class: "mark", id: `mark-${mark.finding}`,
                                href: `#finding-${mark.finding}`,
                                title: rows[mark.finding].children[3].textContent});
      box.append(element("span", {}, String(mark.finding + 1)));
      Object.assign(box.style, {left: `${mark.left * 100}%`, top: `${mark.top * 100}%`,
                                width: `${mark.width * 100}%`, height: `${mark.height * 100}%`});
      sheets[mark.page].append(box);
      const where = rows[mark.finding].lastElementChild;
      where.append(" ", element("a", {href: `#mark-${mark.finding}`, class: "to-mark"},
                                `(trang ${mark.page + 1})`));
    }
    pages.replaceChildren(...sheets);
    pages.hidden = sheets.length === 0;
  }
}

// --- office mode: sign in and out ------------------------------------------------------
function loginPage() {
  const form = document.getElementById("login-form");
  if (!form) return;
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const result = document.getElementById("login-result");
    const response = await fetch("/api/login", {
      method: "POST", headers: {"Content-Type": "application/json"},
      body: JSON.stringify(Object.fromEntries(new FormData(form).entries()))});
    const data = await response.json();
    if (!response.ok) { result.textContent = data.error || response.statusText; return; }
    // Back where the user was going, on this site only.
    const next = new URLSearchParams(location.search).get("next") || "";
    location.assign(next.startsWith("/") && !next.startsWith("//") ? next : "/");
  });
}

function logoutButton() {
  const button = document.getElementById("logout");
  if (!button) return;
  button.addEventListener("click", async () => {
    await call("POST", "/api/logout");
    location.assign("/login");
  });
}

document.addEventListener("DOMContentLoaded", () => {
  receivePage(); reviewPage(); copyForm(); registerPage(); tasksPage(); draftPage(); checkPage();
  loginPage(); logoutButton();
});
