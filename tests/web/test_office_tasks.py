"""Office mode in a real browser: the login locks after repeated failures; a lãnh đạo assigns a
task, the chuyên viên it was given to sees it and marks it done; the chuyên viên cannot open a
mật document or another unit's task by typing its address or calling the API; the unit's
calendar feed parses with icalendar and the visible list exports. Pages photographed for the
README (docs/web/)."""
from __future__ import annotations

import base64
import datetime as dt
import io
import urllib.request
from urllib.parse import quote

import icalendar
import openpyxl
from selenium.common.exceptions import (NoSuchElementException, StaleElementReferenceException,
                                        WebDriverException)
from selenium.webdriver.common.by import By
from selenium.webdriver.support.expected_conditions import staleness_of
from selenium.webdriver.support.ui import Select, WebDriverWait

from corpus import office, open_archive, register, review
from directive import directive
from webserver import browser, chromium, screenshot, start_server  # noqa: F401 (fixtures)

PASSWORD = "một mật khẩu dài"
# What Chromium may answer about an element while its page is being replaced by a reload.
RELOADING = (NoSuchElementException, StaleElementReferenceException, WebDriverException)


def sign_in(driver, base: str, name: str, password: str) -> str:
    """Fill the login form; the message it shows, or "" once it went on to another page."""
    driver.get(base + "/login")
    driver.find_element(By.ID, "login-user").send_keys(name)
    driver.find_element(By.ID, "login-password").send_keys(password)
    driver.find_element(By.CSS_SELECTOR, "#login-form button").click()
    WebDriverWait(driver, 20, ignored_exceptions=RELOADING).until(
        lambda d: "/login" not in d.current_url or d.find_element(By.ID, "login-result").text)
    return "" if "/login" not in driver.current_url else \
        driver.find_element(By.ID, "login-result").text


def row(driver, doc_id: int, task_id: str):
    return driver.find_element(By.ID, f"task-{doc_id}-{task_id}")


def test_a_task_assigned_done_and_kept_from_other_units(start_server, browser, tmp_path):
    today = dt.date.today()
    server = start_server("sqlite")
    with open_archive(server.db) as archive:
        ids = []
        for number in (215, 216):
            path = tmp_path / f"cv-{number}.txt"
            path.write_text(directive(today, number), encoding="utf-8")
            ids.append(archive.add_file(path).id)
            review.confirm(archive, ids[-1], values={})
        plain, secret = ids
        register.register(archive, secret, today, secrecy="Mật")
        for name, role, unit in [("vt", "van-thu", None), ("ld", "lanh-dao", None),
                                 ("cv", "chuyen-vien", "Sở Tài chính")]:
            office.add_user(archive, name, role, PASSWORD, unit)
    wait = WebDriverWait(browser, 20, ignored_exceptions=RELOADING)

    # Without a session the page asks for a login; after repeated failures even the right
    # password is refused for a while.
    browser.get(server.base + "/tasks")
    assert "/login?next=" in browser.current_url
    screenshot(browser, "login")
    for _ in range(office.MAX_FAILURES):
        assert "wrong name or password" in sign_in(browser, server.base, "vt", "đoán thử")
    assert "too many failed logins" in sign_in(browser, server.base, "vt", PASSWORD)

    # The lãnh đạo sees every task by due date, the overdue one marked, and gives the Nội vụ
    # task to Sở Tài chính.
    assert sign_in(browser, server.base, "ld", PASSWORD) == ""
    browser.get(server.base + "/tasks")
    overdue = row(browser, plain, "1")
    assert "overdue" in overdue.get_attribute("class").split()
    assert "soon" in row(browser, plain, "2").get_attribute("class").split()
    assert "định kỳ" in row(browser, plain, "3").text
    assert len(browser.find_elements(By.CSS_SELECTOR, "#tasks tbody tr")) == 8
    screenshot(browser, "tasks")
    overdue.find_element(By.NAME, "unit").send_keys("Sở Tài chính")
    overdue.find_element(By.CSS_SELECTOR, "form[data-action=assign] button").click()
    wait.until(staleness_of(overdue))
    wait.until(lambda d: "Giao: Sở Tài chính" in row(d, plain, "1").text)
    browser.find_element(By.ID, "logout").click()
    wait.until(lambda d: "/login" in d.current_url)

    # The chuyên viên of Sở Tài chính lands on their tasks: their unit's and the one given to
    # it, none of the mật document's; marks the given one done with the reply's number.
    assert sign_in(browser, server.base, "cv", PASSWORD) == ""
    wait.until(lambda d: d.current_url.endswith("/tasks"))
    shown = [(int(r.get_attribute("data-doc")), r.get_attribute("data-task"))
             for r in browser.find_elements(By.CSS_SELECTOR, "#tasks tbody tr")]
    assert shown == [(plain, "1"), (plain, "2")]
    given = row(browser, plain, "1")
    given.find_element(By.NAME, "note").send_keys("Đã xây dựng kế hoạch")
    given.find_element(By.NAME, "reply_number").send_keys("45/STC-NS")
    given.find_element(By.CSS_SELECTOR, "form[data-action=done] button").click()
    wait.until(staleness_of(given))  # the page reloads once saved
    wait.until(lambda d: row(d, plain, "1").get_attribute("data-status") == "done")
    assert "45/STC-NS" in row(browser, plain, "1").text
    assert not row(browser, plain, "1").find_elements(By.CSS_SELECTOR, "form[data-action=assign]")
    screenshot(browser, "tasks-chuyen-vien")
    Select(browser.find_element(By.NAME, "status")).select_by_value("done")
    browser.find_element(By.CSS_SELECTOR, "form.filters button[type=submit]").click()
    wait.until(lambda d: "status=done" in d.current_url)
    assert len(browser.find_elements(By.CSS_SELECTOR, "#tasks tbody tr[data-status]")) == 1

    # Typing the address of a mật document or of another unit's task, or calling the API.
    for path in (f"/documents/{secret}", f"/tasks/{plain}/4", f"/tasks/{secret}/2"):
        browser.get(server.base + path)
        assert "403" in browser.find_element(By.TAG_NAME, "h1").text, path
    for path in (f"/api/tasks/{plain}/4", f"/api/documents/{secret}"):
        status = browser.execute_async_script(
            "fetch(arguments[0]).then(r => arguments[1](r.status))", path)
        assert status == 403, path
    status = browser.execute_async_script(
        "const csrf = document.querySelector('meta[name=csrf]').content;"
        "fetch(arguments[0], {method: 'POST', headers: {'X-CSRF-Token': csrf, "
        "'Content-Type': 'application/json'}, body: '{}'}).then(r => arguments[1](r.status))",
        f"/api/tasks/{plain}/4/done")
    assert status == 403
    with open_archive(server.db) as archive:
        assert office.audit_log(archive, 1, name="cv", outcome="refused")[0]["target"] == \
            f"/api/tasks/{plain}/4/done"

    # The unit's calendar, as a calendar program subscribes to it (HTTP Basic), and the
    # visible list exported.
    feed = urllib.request.Request(f"{server.base}/calendar/{quote('Sở Tài chính')}.ics",
                                  headers={"Authorization": "Basic " + base64.b64encode(
                                      f"cv:{PASSWORD}".encode()).decode()})
    with urllib.request.urlopen(feed, timeout=30) as answer:
        calendar = icalendar.Calendar.from_ical(answer.read())
    events = calendar.walk("VEVENT")
    assert len(events) == 2
    assert {e.get("dtstart").dt for e in events} == {today - dt.timedelta(days=3),
                                                    today + dt.timedelta(days=4)}
    assert server.login("cv", PASSWORD) == 200
    status, data = server.request("GET", "/tasks.xlsx?status=done", csrf=False)
    assert status == 200
    sheet = openpyxl.load_workbook(io.BytesIO(data)).active
    headings = [cell.value for cell in sheet[1]]
    assert sheet.max_row == 2
    assert sheet.cell(2, headings.index("Đơn vị thực hiện") + 1).value == "Sở Tài chính"
    status, _ = server.request("GET", f"/calendar/{quote('Sở Tài chính')}.ics", csrf=False)
    assert status == 200
    server.cookie = None
    assert server.request("GET", f"/calendar/{quote('Sở Tài chính')}.ics", csrf=False)[0] == 401
