#!/usr/bin/env bash
# One-step set-up for a fresh Debian 12 machine: system packages, a release build, and a demo that prints a table.
# Needs a Swift 6.1+ toolchain on PATH (Debian 12 does not package one).
set -euo pipefail
cd "$(dirname "$0")/.."
command -v swift >/dev/null || { echo "setup: no 'swift' on PATH; install a Swift 6.1+ toolchain first" >&2; exit 1; }
bash scripts/install-system-packages.sh
swift build -c release
demo="${TMPDIR:-/tmp}/carestat-demo"
mkdir -p "$demo"
echo
echo "== Demo: carestat info"
.build/release/carestat info
echo
echo "== Demo on the embedded synthetic data: return-to-care data set, then Kaplan-Meier by legal status at exit"
.build/release/carestat derive return-to-care --out "$demo/return-to-care.csv"
echo
.build/release/carestat km "$demo/return-to-care.csv" --time days --event returned --by legal_status --at 365,1826
echo
echo "== Demo: the return-to-care model spec (Cox stratified by LA, re-entry by legal status, figure)"
.build/release/carestat run return-to-care --out "$demo/return-to-care"
