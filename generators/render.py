"""LibreOffice headless, for PDF and PNG renderings: one isolated user profile per call, so
conversions can run side by side."""
from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from pipeline.errors import VanthuError

TIMEOUT_SECONDS = 300


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert(files: list[Path], target: str, out_dir: Path) -> list[Path]:
    """Convert files (e.g. target "pdf") into out_dir; returns the new paths, in order."""
    program = soffice()
    if program is None:
        raise VanthuError("LibreOffice is not installed (run scripts/setup.sh)")
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as profile:
        try:
            subprocess.run([program, f"-env:UserInstallation=file://{profile}", "--headless",
                            "--convert-to", target, "--outdir", str(out_dir),
                            *map(str, files)], check=True, capture_output=True,
                           timeout=TIMEOUT_SECONDS)
        except (subprocess.CalledProcessError, subprocess.TimeoutExpired) as err:
            raise VanthuError(f"LibreOffice could not convert {files[0].name}: {err}") from None
    extension = target.split(":")[0]
    made = [out_dir / f"{f.stem}.{extension}" for f in files]
    missing = [m for m in made if not m.exists()]
    if missing:
        raise VanthuError(f"LibreOffice made no {extension.upper()} for {missing[0].stem}")
    return made


def first_page_png(pdf: Path, out: Path, dpi: int = 80) -> Path:
    """The PDF's first page as a PNG picture (poppler's pdftoppm, installed by setup.sh)."""
    program = shutil.which("pdftoppm")
    if program is None:
        raise VanthuError("pdftoppm is not installed (run scripts/setup.sh)")
    subprocess.run([program, "-png", "-r", str(dpi), "-f", "1", "-l", "1", "-singlefile",
                    str(pdf), str(out.with_suffix(""))], check=True, capture_output=True,
                   timeout=TIMEOUT_SECONDS)
    return out.with_suffix(".png")
