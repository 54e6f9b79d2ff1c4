"""Every limit on what vanthu reads, in one place, each set by an environment variable.

Past a limit the file is refused with a one-line error that names it and the variable, and a
batch goes on with the next file. `vanthu limits` prints them with their values now.
"""
from __future__ import annotations

import os
import signal
import threading
from contextlib import contextmanager
from dataclasses import dataclass

from pipeline.errors import ReadError, VanthuError


@dataclass(frozen=True)
class Limit:
    variable: str
    default: int
    unit: str
    what: str

    @property
    def value(self) -> int:
        """The value now (read at each use, so a test or a long-running caller can change
        it)."""
        raw = os.environ.get(self.variable, "").strip()
        if not raw:
            return self.default
        try:
            value = int(raw)
        except ValueError:
            value = -1
        if value <= 0:
            raise VanthuError(f"{self.variable}={raw!r}: must be a whole number above 0")
        return value

    def exceeded(self, amount, what: str | None = None) -> str:
        """The one-line reason for refusing something `amount` large."""
        return (f"{what or self.what}: {amount}, more than the limit of {self.value} "
                f"{self.unit} ({self.variable})")

    @property
    def bytes(self) -> int:
        """A limit in MB, in bytes."""
        return self.value * 1024 * 1024

    def refuses_bytes(self, size: int, what: str | None = None) -> str | None:
        """For a limit in MB: the reason to refuse `size` bytes, or None when within it."""
        if size <= self.bytes:
            return None
        return self.exceeded(f"{size / 1024 / 1024:.1f} MB", what)


FILE_MB = Limit("VANTHU_MAX_FILE_MB", 100, "MB", "file size")
FILE_SECONDS = Limit("VANTHU_FILE_SECONDS", 180, "s",
                     "time to read and extract one file, OCR apart")
PDF_PAGES = Limit("VANTHU_MAX_PDF_PAGES", 2000, "pages", "PDF pages")
PART_MB = Limit("VANTHU_MAX_PART_MB", 50, "MB", "one .docx part (its XML) unpacked")
HTML_MB = Limit("VANTHU_MAX_HTML_MB", 10, "MB", "web page size")
# Extraction takes about 1 s and 15 MB of memory for each MB of text; the longest real
# documents (a law with its annexes) have a few MB.
TEXT_MB = Limit("VANTHU_MAX_TEXT_MB", 20, "MB", "text of one document")
OCR_PAGES = Limit("VANTHU_MAX_OCR_PAGES", 300, "pages", "pages to OCR in one file")
IMAGE_MEGAPIXELS = Limit("VANTHU_MAX_IMAGE_MEGAPIXELS", 150, "megapixels", "picture size (one page)")
OCR_PAGE_SECONDS = Limit("VANTHU_OCR_PAGE_SECONDS", 180, "s", "OCR of one page")
CONVERT_SECONDS = Limit("VANTHU_CONVERT_SECONDS", 120, "s",
                        "LibreOffice converting one .doc or .odt")
# The web app's uploads (vanthu serve): each file also has FILE_MB.
UPLOAD_FILES = Limit("VANTHU_MAX_UPLOAD_FILES", 100, "files", "files in one upload")
UPLOAD_MB = Limit("VANTHU_MAX_UPLOAD_MB", 500, "MB", "one upload, all its files together")
LIMITS = [FILE_MB, FILE_SECONDS, PDF_PAGES, PART_MB, HTML_MB, TEXT_MB, OCR_PAGES,
          IMAGE_MEGAPIXELS, OCR_PAGE_SECONDS, CONVERT_SECONDS, UPLOAD_FILES, UPLOAD_MB]


def check_settings() -> None:
    """Raise VanthuError for the first limit whose variable is set to something unusable."""
    for limit in LIMITS:
        limit.value  # noqa: B018 (reading it checks it)


class _Expired(BaseException):
    """Raised by the alarm; a BaseException, so no library's `except Exception` swallows it."""


@contextmanager
def time_limit(path):
    """Refuse the file at `path` with a ReadError once FILE_SECONDS have passed. The alarm
    can only interrupt the main thread, so elsewhere (a server's worker thread) the readers'
    own limits are all there is."""
    seconds = FILE_SECONDS.value
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def expire(signum, frame):
        raise _Expired

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    except _Expired:
        raise ReadError(str(path), f"took longer than the limit of {seconds} s "
                        f"({FILE_SECONDS.variable})") from None
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@contextmanager
def untimed():
    """Stop the file's clock while OCR runs: a long scan is slow, not stuck, and OCR has limits
    of its own (pages, time a page)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    remaining, _ = signal.setitimer(signal.ITIMER_REAL, 0)
    try:
        yield
    finally:
        if remaining:
            signal.setitimer(signal.ITIMER_REAL, remaining)
