#!/usr/bin/env bash
# The main job: install, build, and run the demo registry on the embedded store (no server).
#   scripts/demo.sh [NEW_FOLDER]
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
dir=${1:-demo-registry-$(date +%Y%m%d-%H%M%S)}
exec build/ganreg demo --dir "$dir"
