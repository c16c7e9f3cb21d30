#!/usr/bin/env bash
# Runs every test of the lab, after installing what is missing and building it all:
#   1. the GoogleTest suite natively (release)
#   2. the same suite built with AddressSanitizer + UBSan, and the config fuzzer
#   3. the same suite compiled to WebAssembly and run under Node
#   4. the JS API, CLI and native-vs-WASM tests (node --test tests/js)
#   5. the browser tests of the built page in headless Chromium (node --test tests/browser)
# Each step's full output goes to test-artifacts/logs/. Ends with one line
# "N passed, N failed" counting individual tests, and exits non-zero on any failure.
# Options: --quick skips the sanitizer build and the fuzzer (for local iteration).
set -uo pipefail
cd "$(dirname "$0")/.."
export NODE_PATH=/usr/share/nodejs
quick=0
for arg in "$@"; do
  case "$arg" in
    --quick) quick=1 ;;
    *) echo "test.sh: unknown option '$arg' (use --quick)" >&2; exit 2 ;;
  esac
done

logs=test-artifacts/logs
mkdir -p "$logs"
passed=0
failed=0
start=$(date +%s)

# is_gtest LOG: the log is GoogleTest's (else node --test's TAP).
is_gtest() { grep -q '^\[==========\] .* ran\.' "$1"; }

# count LOG: adds the log's test counts (GoogleTest or node --test TAP) to the totals
# and says them in $counts.
count() {
  local log=$1 p f
  if is_gtest "$log"; then
    p=$(grep -Eo '^\[  PASSED  \] [0-9]+' "$log" | awk '{s+=$4} END {print s+0}')
    f=$(grep -Eo '^\[  FAILED  \] [0-9]+ tests?, listed below' "$log" | awk '{s+=$4} END {print s+0}')
  else
    p=$(grep -Eo '^# pass [0-9]+' "$log" | awk '{s+=$3} END {print s+0}')
    f=$(grep -Eo '^# fail [0-9]+' "$log" | awk '{s+=$3} END {print s+0}')
  fi
  passed=$((passed + p))
  failed=$((failed + f))
  counts="$p passed, $f failed"
}

# failures LOG: prints what the log says of each failed test (the tail alone may not
# name it): GoogleTest's failure messages (its summary of failed tests ends the log), or
# TAP's "not ok" lines with their details.
failures() {
  local log=$1
  echo "---- failed tests in $log"
  if is_gtest "$log"; then
    grep -A12 ': Failure$' "$log" | head -n 150
  else
    awk '/^not ok / { on = 1 } on { print } on && /^  \.\.\.$/ { on = 0 }' "$log" | head -n 150
  fi
}

# step NAME COMMAND...: runs a step, logs it, counts its tests. A step that fails
# without reporting a failed test (a build error, a crash) counts as one failure.
step() {
  local name=$1
  shift
  local log="$logs/$name.log" t0=$(date +%s) before=$failed
  printf '== %-28s ' "$name"
  "$@" >"$log" 2>&1
  local rc=$?
  count "$log"
  if [ $rc -ne 0 ] && [ $failed -eq $before ]; then
    failed=$((failed + 1))
    counts="$counts (+1: the step itself failed, exit $rc)"
  fi
  echo "$counts  [$(( $(date +%s) - t0 ))s]"
  if [ $rc -ne 0 ]; then
    failures "$log"
    echo "---- last lines of $log"
    tail -n 40 "$log"
    echo "----"
  fi
  return 0
}

native_tests() {
  cmake --preset native-release >/dev/null && cmake --build --preset native-release &&
    build/native-release/tests/core/core_tests --gtest_color=no
}

sanitizer_tests() {
  cmake --preset native-debug >/dev/null && cmake --build --preset native-debug --target core_tests &&
    ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1 \
      build/native-debug/tests/core/core_tests --gtest_color=no
}

fuzz_config() {
  # Bounded libFuzzer run over the configuration parser and validator; the corpus is
  # copied so the repository's seed corpus stays as committed.
  cmake --build --preset native-debug --target config_fuzzer || return 1
  local corpus=build/native-debug/fuzz-corpus
  rm -rf "$corpus" && mkdir -p "$corpus" && cp tests/fuzz/corpus/* "$corpus"/ 2>/dev/null
  build/native-debug/config_fuzzer -dict=tests/fuzz/config.dict -max_total_time="${FUZZ_SECONDS:-60}" -timeout=10 \
    -rss_limit_mb=2048 \
    -print_final_stats=1 "$corpus" || return 1
  echo "# pass 1"
}

wasm_tests() {
  cmake --preset wasm-release >/dev/null &&
    cmake --build --preset wasm-release --target relulab_web relulab_node core_tests &&
    mkdir -p web/src/engine/generated &&
    cp build/wasm-release/relulab.mjs build/wasm-release/relulab.wasm web/src/engine/generated/ &&
    node --no-experimental-fetch build/wasm-release/tests/core/core_tests.js --gtest_color=no
}

js_tests() { node --test --test-reporter=tap tests/js/; }

browser_tests() {
  scripts/build.sh web || return 1
  if ls tests/browser/*.test.mjs >/dev/null 2>&1; then
    node --test --test-reporter=tap --test-concurrency=1 tests/browser/
  fi
}

step setup scripts/setup.sh
step native-core native_tests
if [ "$quick" = 0 ]; then
  step sanitizer-core sanitizer_tests
  step fuzz-config fuzz_config
fi
step wasm-core wasm_tests
step js-api js_tests
step browser browser_tests

echo "total time $(( $(date +%s) - start ))s; logs in $logs/"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
