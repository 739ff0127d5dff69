#!/usr/bin/env bash
# The test command: every unit, conformance and end-to-end test, single BLAS thread (the tests run in parallel;
# OpenBLAS's own threads would oversubscribe the cores and its thread count is process-global).
set -euo pipefail
cd "$(dirname "$0")/.."
export OPENBLAS_NUM_THREADS=1
swift test "$@"
