#!/usr/bin/env bash
# Installs what the lab needs on a fresh Debian 12 machine, and nothing twice.
# Debian packages: emscripten (WASM build), libeigen3-dev (the engine's matrices),
# googletest (tests), clang-14 + libfuzzer-14-dev (the config fuzzer), chromium
# (browser tests). npm packages: whatever web/package-lock.json pins.
# Usage: scripts/setup.sh [--no-browser] [--no-npm]
set -euo pipefail
cd "$(dirname "$0")/.."

want_browser=1
want_npm=1
for arg in "$@"; do
  case "$arg" in
    --no-browser) want_browser=0 ;;
    --no-npm) want_npm=0 ;;
    *) echo "setup.sh: unknown option '$arg'" >&2; exit 2 ;;
  esac
done

packages=(cmake g++ emscripten libeigen3-dev libgtest-dev clang-14 libfuzzer-14-dev libclang-rt-14-dev)
[ "$want_browser" = 1 ] && packages+=(chromium)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
  echo "setup: installing Debian packages: ${missing[*]}"
  SUDO=""
  [ "$(id -u)" = 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if [ "$want_npm" = 1 ] && [ -f web/package.json ]; then
  if [ ! -d web/node_modules ] || [ web/package-lock.json -nt web/node_modules/.package-lock.json ]; then
    echo "setup: installing npm packages for web/"
    (cd web && npm ci --no-audit --no-fund --loglevel=error)
  fi
fi
