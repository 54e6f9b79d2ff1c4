"""The web app's fixtures, imported by tests/web/: a real `vanthu serve` process on a free port,
over a SQLite file or a database on the session's real PostgreSQL server, and a real Chromium
(Debian's, driven by chromedriver through Selenium), both installed by scripts/setup.sh."""
from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from conftest import ROOT, new_archive_url

SCREENSHOTS = ROOT / "docs" / "web"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Server:
    """A running `vanthu serve` and small HTTP helpers for its API."""

    def __init__(self, url: str, tmp: Path, env: dict | None = None):
        self.db = url
        self.cookie = None  # office mode: the session cookie, sent by hand (it is Secure)
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.log = (tmp / f"serve-{self.port}.log").open("w")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "pipeline", "serve", "--db", url, "--port", str(self.port)],
            cwd=ROOT, stdout=self.log, stderr=subprocess.STDOUT,
            env={**os.environ, **(env or {})})
        deadline = time.monotonic() + 60
        while True:
            try:
                status, body = self.request("GET", "/api/session", csrf=False)
                if status in (200, 401):  # 401: office mode, nobody signed in yet
                    self.csrf = json.loads(body).get("csrf")
                    break
                raise RuntimeError(f"vanthu serve answered {status}: {self.logged()}")
            except (urllib.error.URLError, ConnectionError):
                if self.process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"vanthu serve did not start: {self.logged()}")
                time.sleep(0.2)

    def logged(self) -> str:
        self.log.flush()
        return Path(self.log.name).read_text()

    def request(self, method: str, path: str, body: bytes | None = None,
                headers: dict | None = None, csrf: bool = True) -> tuple[int, bytes]:
        headers = dict(headers or {})
        if csrf and self.csrf:
            headers["X-CSRF-Token"] = self.csrf
        if self.cookie:
            headers["Cookie"] = self.cookie
        request = urllib.request.Request(self.base + path, data=body, method=method,
                                         headers=headers)
        try:
            with urllib.request.urlopen(request, timeout=60) as response:
                return response.status, response.read()
        except urllib.error.HTTPError as err:
            return err.code, err.read()

    def login(self, user: str, password: str) -> int:
        """Sign in (office mode): keep the session cookie and its CSRF token; the status."""
        request = urllib.request.Request(
            self.base + "/api/login", method="POST", headers={"Content-Type": "application/json"},
            data=json.dumps({"user": user, "password": password}).encode())
        try:
            with urllib.request.urlopen(request, timeout=60) as response:
                cookie = response.headers["Set-Cookie"]
                self.cookie = cookie.split(";")[0]
                self.csrf = json.loads(response.read())["csrf"]
                return response.status
        except urllib.error.HTTPError as err:
            return err.code

    def get(self, path: str):
        status, body = self.request("GET", path, csrf=False)
        assert status == 200, (path, status, body[:300])
        return json.loads(body)

    def post_json(self, path: str, value, method: str = "POST"):
        return self.request(method, path, json.dumps(value).encode(),
                            {"Content-Type": "application/json"})

    def upload(self, files: list[tuple[str, bytes]], csrf: bool = True) -> tuple[int, dict]:
        boundary = "vanthu-test-boundary"
        parts = []
        for name, data in files:
            parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="file"; '
                         f'filename="{name}"\r\nContent-Type: application/octet-stream\r\n\r\n'
                         .encode() + data + b"\r\n")
        body = b"".join(parts) + f"--{boundary}--\r\n".encode()
        status, raw = self.request("POST", "/api/documents", body, {
            "Content-Type": f"multipart/form-data; boundary={boundary}"}, csrf)
        return status, json.loads(raw)

    def wait_parsed(self, doc_id: int, timeout: float = 300) -> dict:
        deadline = time.monotonic() + timeout
        while True:
            state = self.get(f"/api/documents/{doc_id}")
            if state["status"] not in ("queued", "parsing"):
                return state
            assert time.monotonic() < deadline, f"#{doc_id} still {state['status']}"
            time.sleep(0.3)

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(20)
        except subprocess.TimeoutExpired:
            self.process.kill()
        self.log.close()


@pytest.fixture
def start_server(tmp_path, request):
    """start_server(backend or url, env=None) → a running Server, stopped after the test."""
    started = []

    def start(where: str = "sqlite", env: dict | None = None) -> Server:
        url = where if where not in ("sqlite", "postgresql") else new_archive_url(
            where, request, tmp_path)
        server = Server(url, tmp_path, env)
        started.append(server)
        return server

    yield start
    for server in started:
        server.stop()


@pytest.fixture(scope="session")
def chromium():
    """(browser, driver) paths; the test fails, not skips, when setup did not install them."""
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    driver = shutil.which("chromedriver")
    if not browser or not driver:
        pytest.fail("Chromium or chromedriver is missing: run scripts/setup.sh")
    return browser, driver


@pytest.fixture
def browser(chromium, tmp_path):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = chromium[0]
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu",
                     "--disable-dev-shm-usage", "--window-size=1400,1000", "--lang=vi"):
        options.add_argument(argument)
    downloads = tmp_path / "downloads"
    downloads.mkdir()
    options.add_experimental_option("prefs", {"download.default_directory": str(downloads),
                                              "download.prompt_for_download": False})
    driver = webdriver.Chrome(service=Service(chromium[1]), options=options)
    driver.execute_cdp_cmd("Page.setDownloadBehavior",
                           {"behavior": "allow", "downloadPath": str(downloads)})
    driver.downloads = downloads
    yield driver
    driver.quit()


def screenshot(driver, name: str) -> None:
    """A picture of the page for the README (docs/web/), full height."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    height = driver.execute_script("return Math.min(document.body.scrollHeight, 1800)")
    driver.set_window_size(1400, max(height, 700))
    driver.save_screenshot(str(SCREENSHOTS / f"{name}.png"))
    driver.set_window_size(1400, 1000)
