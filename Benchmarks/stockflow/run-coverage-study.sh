#!/bin/sh
# The stock-flow model's simulation study (StockFlowSimulationStudy): REPS histories simulated from known rates
# (default 1000), each fitted on a 36-month window and projected five years with PATHS paths (default 1000);
# coverage of the true stock by the 80% and 95% intervals, and the mean and SD of the total's standardised error.
# Binomial SE of a coverage with 1000 replications: 1.26 points at 80%, 0.69 at 95% (groups pooled: half that).
# Output: OUT (default coverage.md beside this script): the table, then the command and its CPU time.
# Usage: run-coverage-study.sh CARESTAT [REPS] [PATHS] [OUT]
set -eu
carestat=$1; reps=${2:-1000}; paths=${3:-1000}
out=${4:-"$(dirname "$0")/coverage.md"}
log=$(mktemp)
/usr/bin/time -f '%e %U %S' -o "$log" "$carestat" demand --coverage-study "$reps" --paths "$paths" --seed 2024 \
  --threads 2 --format markdown > "$out"
read -r wall user sys < "$log"; rm -f "$log"
{ echo
  echo "Command: \`Benchmarks/stockflow/run-coverage-study.sh $carestat $reps $paths $out\` (wall ${wall} s, user ${user} s, sys ${sys} s; load $(uptime | sed 's/.*load average: //'))."; } >> "$out"
