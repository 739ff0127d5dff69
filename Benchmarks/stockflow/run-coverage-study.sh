#!/bin/sh
# The stock-flow model's simulation study (StockFlowSimulationStudy): 600 histories simulated from known rates,
# each fitted on a 36-month window and projected five years with 300 paths; coverage of the true stock by the
# 80% and 95% intervals. Output: coverage.md beside this script. Usage: run-coverage-study.sh CARESTAT
set -eu
"$1" demand --coverage-study 600 --paths 300 --seed 2024 --format markdown > "$(dirname "$0")/coverage.md"
