#!/usr/bin/env bash
# Set up, then run the whole test suite (real LibreOffice, real files).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
.venv/bin/python -m pytest "$@"
