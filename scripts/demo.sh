#!/usr/bin/env bash
# Set up, then parse the bundled example documents and print their records and a summary.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
.venv/bin/vanthu parse examples/
