#!/usr/bin/env bash
# Set vanthu up on a fresh Debian or Ubuntu machine: the system packages it needs (with sudo
# when not root), then a virtual environment in .venv with vanthu and its test tools.
set -euo pipefail
cd "$(dirname "$0")/.."

SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"

# LibreOffice renders test PDFs, opens test workbooks and converts .doc/.odt; fonts give it
# Times New Roman's metrics; poppler-utils turns PDFs into pictures for the README; the
# PostgreSQL server is the office archive's backend, which the tests start in a temporary
# directory of their own; tesseract with its Vietnamese data reads scans and photos; Chromium
# and its driver run the web app's tests in a real browser.
packages=(python3 python3-venv fonts-liberation2 fonts-dejavu-core poppler-utils postgresql
          tesseract-ocr tesseract-ocr-vie chromium chromium-driver)
# Writer renders documents; Calc opens the task workbooks in the tests.
for part in writer calc; do
    dpkg -s "libreoffice-$part" >/dev/null 2>&1 || dpkg -s "libreoffice-$part-nogui" \
        >/dev/null 2>&1 || packages+=("libreoffice-$part-nogui")
done
missing=()
for package in "${packages[@]}"; do
    dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
    echo "setup: installing ${missing[*]}" >&2
    $SUDO apt-get update -qq
    if ! DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends \
            "${missing[@]}" >/dev/null; then
        # Older releases have no -nogui packages: the full ones do the same job.
        missing=("${missing[@]/-nogui/}")
        DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends \
            "${missing[@]}" >/dev/null
    fi
fi

PYTHON=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
    "$PYTHON" -m venv .venv
fi
.venv/bin/python -m pip install -q --disable-pip-version-check --upgrade pip
.venv/bin/python -m pip install -q --disable-pip-version-check -e ".[test]"
echo "setup: ready (.venv/bin/vanthu)" >&2
