#!/usr/bin/env bash
# Builds in release mode and runs the end-to-end benchmark programs (figures + one JSON line each).
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD_DIR=build-release BUILD_TYPE=Release scripts/setup.sh
export GANREG_DATA_DIR="$PWD/build-release/data"
build-release/bench/intake_bench "${ROWS:-1000000}"
build-release/bench/audit_bench "${EVENTS:-1000000}"
