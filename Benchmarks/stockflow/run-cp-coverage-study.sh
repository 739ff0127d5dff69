#!/bin/sh
# The child-protection stock-flow model's simulation study (ChildProtectionSimulationStudy): REPS histories
# simulated episode by episode in continuous time from known rates (default 1000; a small authority with ~330 open
# CIN episodes, ~50 on a plan), each fitted on a 36-month window and projected five years with PATHS paths
# (default 300); coverage of the true open episodes (total, CIN without a plan, CPP) by the 80% and 95% intervals,
# and the mean and SD of the total's standardised error.
# Binomial SE of a coverage with 1000 replications: 1.26 points at 80%, 0.69 at 95%.
# Output: cp-coverage.md beside this script (the table, then the command, its CPU time and the load).
# Usage: run-cp-coverage-study.sh CARESTAT [REPS] [PATHS]
set -eu
carestat=$1; reps=${2:-1000}; paths=${3:-300}
out="$(dirname "$0")/cp-coverage.md"
log=$(mktemp)
/usr/bin/time -f '%e %U %S' -o "$log" "$carestat" demand --cp-coverage-study "$reps" --paths "$paths" --seed 2024 \
  --threads 2 --format markdown > "$out"
read -r wall user sys < "$log"; rm -f "$log"
{ echo
  echo "Command: \`Benchmarks/stockflow/run-cp-coverage-study.sh $carestat $reps $paths\` (wall ${wall} s, user ${user} s, sys ${sys} s; load $(uptime | sed 's/.*load average: //')), on commit $(git -C "$(dirname "$0")" rev-parse --short HEAD)."; } >> "$out"
