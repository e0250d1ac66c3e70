#!/usr/bin/env bash
# Builds the libFuzzer targets (fuzz/) with clang, AddressSanitizer and UndefinedBehaviorSanitizer
# in build-fuzz, then runs each for SECONDS (default 20). New inputs go to build-fuzz/corpus/; the
# seeds in fuzz/corpus/ are only read. A crash leaves crash-* / leak-* files in build-fuzz/ and
# makes the script fail.
#   scripts/fuzz.sh [SECONDS]
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=lib/debian-packages.sh
source scripts/lib/debian-packages.sh
seconds=${1:-20}

packages=(clang-14 libclang-rt-14-dev cmake pkg-config libsodium-dev libsqlite3-dev libicu-dev
          libssl-dev nlohmann-json3-dev libcli11-dev libfmt-dev libgtest-dev libgmock-dev john-data
          unicode-data skkdic-extra bzip2)
install_debian_packages fuzz "${packages[@]}"

# Every library is instrumented (coverage + sanitizers); only the fuzz targets link libFuzzer.
flags="-fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer -g"
# The top level builds fuzz/ itself once it has the GANREG_FUZZ option; until then fuzz/ is
# configured as the top level and adds the project below it.
if grep -q 'add_subdirectory(fuzz)' CMakeLists.txt; then
  source_dir=. extra=(-DGANREG_FUZZ=ON)
else
  source_dir=fuzz extra=()
fi
launcher=()
command -v ccache >/dev/null 2>&1 && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache -DCMAKE_C_COMPILER_LAUNCHER=ccache)
cmake -S "$source_dir" -B build-fuzz -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_C_COMPILER=clang-14 -DCMAKE_CXX_COMPILER=clang++-14 -DGANREG_BUILD_BENCH=OFF \
  "-DCMAKE_C_FLAGS=$flags" "-DCMAKE_CXX_FLAGS=$flags" "${launcher[@]}" "${extra[@]}" >/dev/null
cmake --build build-fuzz -j"$(nproc)" --target package_reader_fuzz csv_reader_fuzz

status=0
# The targets write each input to a scratch file; libFuzzer exits without running destructors, so
# the scratch files go to the build folder rather than /tmp.
export TMPDIR="$PWD/build-fuzz/tmp"
mkdir -p "$TMPDIR"
for target in package_reader csv_reader; do
  binary=$(find build-fuzz -type f -name "${target}_fuzz" -perm -u+x | head -n 1)
  mkdir -p "build-fuzz/corpus/$target"
  echo "fuzz: $target for ${seconds}s"
  (cd build-fuzz && "../$binary" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2560 \
     -print_final_stats=1 "corpus/$target" "../fuzz/corpus/$target") || status=1
done
exit $status
