#!/usr/bin/env bash
# The main job: install, build, run the demo registry on the embedded store, then serve it to
# browsers at https://127.0.0.1:8443/ (Ctrl-C stops the server).
#   scripts/demo.sh [NEW_FOLDER]
#   DEMO_SERVE=0 scripts/demo.sh   (the demo only, no server)   GANREG_PORT=9443 (another port)
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
dir=${1:-demo-registry-$(date +%Y%m%d-%H%M%S)}
build/ganreg demo --dir "$dir"
[ "${DEMO_SERVE:-1}" = 0 ] && exit 0
port=${GANREG_PORT:-8443}
echo
echo "== ウェブ画面 web client: https://127.0.0.1:${port}/ =="
echo "  (the certificate is the registry's own self-signed one: $dir/registry/tls/server.crt;"
echo "   the browser asks you to accept it once)"
echo "  デモ利用者 demo accounts (synthetic):"
for u in head lead staff1 staff2 admin1; do
  printf '    %-7s %s\n' "$u" "$(cat "$dir/passwords/$u.txt")"
done
exec build/ganreg serve --registry "$dir/registry" --listen "127.0.0.1:${port}"
