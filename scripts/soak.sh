#!/usr/bin/env bash
# soak.sh: a whole class period (30 minutes by default) of the built page in headless
# Chromium: memory and responsiveness over time, written to docs/SOAK.md, docs/soak.csv
# and docs/soak.png. Not part of the test suite (scripts/test.sh runs a two-minute
# version, tests/browser/long-session.test.mjs).
#   scripts/soak.sh [--minutes N] [--out DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
scripts/build.sh wasm
scripts/build.sh web
exec node scripts/soak.mjs "$@"
