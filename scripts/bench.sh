#!/usr/bin/env bash
# bench.sh: the benchmarks, side by side in one run: our engine (native,
# WASM in Node, the same WASM in headless Chromium) against flat Float32Array JS and
# TensorFlow.js (cpu and wasm backends, from npm). Writes docs/BENCHMARKS.md and
# docs/benchmarks.json. About 10-15 minutes on the 2-core machine.
#   scripts/bench.sh           the full run
#   scripts/bench.sh --quick   fewer repeats, seeds and TF.js steps (~2 minutes); writes
#                              docs/BENCHMARKS-quick.md and docs/benchmarks-quick.json
#                              (a smoke check: outcomes are still verified)
set -euo pipefail
cd "$(dirname "$0")/.."
export NODE_PATH=/usr/share/nodejs   # emscripten's tools need acorn (docs/TOOLCHAIN.md)
JOBS=${JOBS:-2}

echo "== npm ci (bench/)"
(cd bench && npm ci --no-audit --no-fund --loglevel=error)

echo "== native build (build/bench-native)"
cmake -S . -B build/bench-native -DCMAKE_BUILD_TYPE=Release -DRELULAB_TESTS=OFF >/dev/null
cmake --build build/bench-native -j"$JOBS" --target relulab_bench

echo "== WASM build (build/bench-wasm)"
emcmake cmake -S . -B build/bench-wasm -DCMAKE_BUILD_TYPE=Release -DRELULAB_TESTS=OFF \
  -DCMAKE_CROSSCOMPILING_EMULATOR="/usr/bin/node;--no-experimental-fetch" \
  -DCMAKE_FIND_ROOT_PATH_MODE_PACKAGE=BOTH >/dev/null
cmake --build build/bench-wasm -j"$JOBS" --target relulab_node relulab_web

echo "== the page (web/dist), for the worker-pool measurement"
scripts/setup.sh
scripts/build.sh wasm
scripts/build.sh web

echo "== benchmark"
node --no-experimental-fetch bench/run.mjs --wasm build/bench-wasm --native build/bench-native/relulab_bench \
  --out docs "$@" > /dev/null
if [[ " $* " == *" --quick "* ]]; then echo "wrote docs/BENCHMARKS-quick.md, docs/benchmarks-quick.json"
else echo "wrote docs/BENCHMARKS.md, docs/benchmarks.json"; fi
