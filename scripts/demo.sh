#!/usr/bin/env bash
# Set up, then parse the bundled example documents and print their records; then store them in
# a throwaway archive and search it, as `vanthu corpus` does with an office's own archive.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
.venv/bin/vanthu parse examples/
archive=$(mktemp -d)/demo.sqlite
trap 'rm -rf "$(dirname "$archive")"' EXIT
.venv/bin/vanthu corpus add examples/ --db "$archive"
echo '$ vanthu corpus search "kiem diem" --limit 3'
.venv/bin/vanthu corpus search "kiem diem" --limit 3 --db "$archive"
