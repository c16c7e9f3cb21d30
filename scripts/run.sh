#!/usr/bin/env bash
# Runs the lab: installs what is missing, builds the engine and the page, and serves
# it on http://127.0.0.1:8000 (change with --port N or PORT=N).
set -euo pipefail
cd "$(dirname "$0")/.."
port="${PORT:-8000}"
while [ $# -gt 0 ]; do
  case "$1" in
    --port) port="${2:?--port needs a number}"; shift 2 ;;
    --port=*) port="${1#--port=}"; shift ;;
    *) echo "run.sh: unknown option '$1' (use --port N)" >&2; exit 2 ;;
  esac
done
scripts/setup.sh --no-browser
scripts/build.sh wasm
scripts/build.sh web
exec node scripts/serve.mjs --port "$port" --root web/dist
