#!/usr/bin/env bash
# One-step set-up for a fresh Debian 12 machine: system packages, a release build, and a demo that prints a table.
# Needs a Swift 6.1+ toolchain on PATH (Debian 12 does not package one).
set -euo pipefail
cd "$(dirname "$0")/.."
command -v swift >/dev/null || { echo "setup: no 'swift' on PATH; install a Swift 6.1+ toolchain first" >&2; exit 1; }
bash scripts/install-system-packages.sh
swift build -c release
echo
echo "== Demo: carestat info"
.build/release/carestat info
echo
echo "== Demo: carestat distribution t --df 10 (critical values and tail probabilities)"
.build/release/carestat distribution t --df 10 --at 1.812,2.228,3.169 --p 0.95,0.975,0.995
