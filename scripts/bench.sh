#!/usr/bin/env bash
# Builds in release mode and runs the end-to-end benchmark programs (figures + one JSON line each).
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD_DIR=build-release BUILD_TYPE=Release scripts/setup.sh
# Peers of the transfer benchmark.
for p in age gnupg p7zip-full openssl; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" ||
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$p" >/dev/null; }
done
export GANREG_DATA_DIR="$PWD/build-release/data"
build-release/bench/intake_bench "${ROWS:-1000000}"
build-release/bench/audit_bench "${EVENTS:-1000000}"
build-release/bench/transfer_bench "${MIB:-1024}"
build-release/bench/ganreg-bench-linkage --notifications "${LINK_N:-100000}"
