#!/usr/bin/env bash
# Installs, builds and runs every test: the release build's full suite (with the web client in
# Debian's chromium), then the ASan/UBSan build's suite (without the two largest end-to-end tests, which ASan makes too slow); between
# them the fuzz targets run for a few seconds each.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/setup.sh
# playwright-core for the browser tests (pinned in tests/browser/package-lock.json).
(cd tests/browser && npm ci --ignore-scripts --no-audit --no-fund >/dev/null)
export GANREG_DATA_DIR="$PWD/build/data"
ctest --test-dir build --output-on-failure -j2 --timeout 1200

# The libFuzzer targets (package reader, CSV reader), briefly; `scripts/fuzz.sh 600` for longer.
scripts/fuzz.sh 15

BUILD_DIR=build-asan BUILD_TYPE=Debug CMAKE_EXTRA="-DGANREG_SANITIZE=ON -DGANREG_BUILD_BENCH=OFF" \
  scripts/setup.sh
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  ctest --test-dir build-asan --output-on-failure -j2 --timeout 1200 \
  -E 'MillionRowFileIsTakenIn|KilledIntakeLeavesTheStoreConsistent'
