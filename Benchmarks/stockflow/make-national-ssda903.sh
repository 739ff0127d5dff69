#!/bin/sh
# A national-size SSDA903 extract for the stock-flow speed measurement: `carestat synth` with one million
# children over 2015-2024 (about 2,450 children in care on 31 March 2024), written 50 times with distinct child
# ids (R01-..R50-), giving about 122,600 children in care on 31 March 2024 and 66,000 entrants a year — about 190,000
# children in care during a year, above England's ~100,000. Usage: make-national-ssda903.sh CARESTAT OUTDIR
set -eu
carestat=$1; out=$2
mkdir -p "$out/base"
"$carestat" synth --out "$out/base" --children 1000000 --years 2015-2024 --seed 1 > /dev/null
for f in episodes header; do
  { head -1 "$out/base/ssda903_$f.csv"
    for k in $(seq -w 1 50); do
      tail -n +2 "$out/base/ssda903_$f.csv" | awk -F, -v OFS=, -v k="$k" '{ $1 = "R" k "-" $1; print }'
    done; } > "$out/ssda903_$f.csv"
done
