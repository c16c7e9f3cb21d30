#!/usr/bin/env bash
# Builds the engine and the page.
#   scripts/build.sh            native release (CLI), WASM release, then the page (web/dist)
#   scripts/build.sh wasm       only the WASM module (copied to web/src/engine/generated)
#   scripts/build.sh native     only the native release build
#   scripts/build.sh web        only the page (needs the WASM module)
# Set-up (Debian and npm packages) is scripts/setup.sh; run.sh and test.sh call both.
set -euo pipefail
cd "$(dirname "$0")/.."
export NODE_PATH=/usr/share/nodejs  # Debian's emscripten needs Debian's acorn (docs/TOOLCHAIN.md)

what="${1:-all}"

build_native() {
  cmake --preset native-release >/dev/null
  cmake --build --preset native-release
}

build_wasm() {
  cmake --preset wasm-release >/dev/null
  cmake --build --preset wasm-release --target relulab_web relulab_node
  mkdir -p web/src/engine/generated
  cp build/wasm-release/relulab.mjs build/wasm-release/relulab.wasm web/src/engine/generated/
}

build_web() {
  (cd web && npx vite build --logLevel warn)
}

case "$what" in
  all) build_native; build_wasm; build_web ;;
  native) build_native ;;
  wasm) build_wasm ;;
  web) build_web ;;
  *) echo "build.sh: unknown target '$what' (all, native, wasm, web)" >&2; exit 2 ;;
esac
