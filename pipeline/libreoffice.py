"""LibreOffice headless: conversions between office formats (.doc and .odt read as .docx,
drafts rendered as PDF), one isolated user profile per call, so conversions can run side by
side."""
from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from pipeline.errors import VanthuError

TIMEOUT_SECONDS = 300


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert(files: list[Path], target: str, out_dir: Path,
            timeout: int = TIMEOUT_SECONDS) -> list[Path]:
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
                           timeout=timeout)
        except (subprocess.CalledProcessError, subprocess.TimeoutExpired) as err:
            raise VanthuError(f"LibreOffice could not convert {files[0].name}: {err}") from None
    extension = target.split(":")[0]
    made = [out_dir / f"{f.stem}.{extension}" for f in files]
    missing = [m for m in made if not m.exists()]
    if missing:
        raise VanthuError(f"LibreOffice made no {extension.upper()} for {missing[0].stem}")
    return made
