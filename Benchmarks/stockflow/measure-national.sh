#!/bin/sh
# The stock-flow speed target (issue 13): `carestat demand` with 10,000 Monte Carlo paths over 5 years on a
# national-size SSDA903, the whole command including reading the files, on 2 threads. Runs the command twice:
# with 1 path (reading, validation, periods, window statistics, posterior, history: everything but the Monte Carlo)
# and with 10,000 paths; prints wall and CPU seconds (user + sys) and peak memory of each, their difference (the
# Monte Carlo and its summaries), and the machine's load.
# Usage: measure-national.sh CARESTAT [DATADIR]   (CARESTAT: a release build, e.g. .build/release/carestat)
# DATADIR holds ssda903_episodes.csv and ssda903_header.csv. Default: `carestat synth --national` (all 151 LAs at
# their real populations, 2010-2024: about 99,500 children looked after during a year and 70,800 at 31 March,
# England's scale) written once to /tmp/carestat-synth-national (about 82 CPU-s; 2.3 GB with the CIN files).
# make-national-ssda903.sh writes the older, larger extract (about 122,600 in care at the origin) instead.
set -eu
carestat=$1; data=${2:-/tmp/carestat-synth-national}
[ -s "$data/ssda903_header.csv" ] || "$carestat" synth --out "$data" --national > /dev/null
run() {
  log=$(mktemp)
  /usr/bin/time -f '%e %U %S %M' -o "$log" "$carestat" demand --ssda903 "$data/ssda903_episodes.csv" \
    --header "$data/ssda903_header.csv" --horizon 5y --paths "$1" --threads 2 --seed 1 --format json > /dev/null
  cat "$log"; rm -f "$log"
}
set -- $(run 1); w1=$1; c1=$(echo "$2 + $3" | bc); m1=$(($4 / 1024))
set -- $(run 10000); w2=$1; c2=$(echo "$2 + $3" | bc); m2=$(($4 / 1024))
echo "carestat demand, $data, 5 years (60 months), 2 threads"
echo "1 path (reading and fitting):  wall ${w1} s; CPU ${c1} s; peak memory ${m1} MB"
echo "10,000 paths (whole command):  wall ${w2} s; CPU ${c2} s; peak memory ${m2} MB"
echo "difference (Monte Carlo):      wall $(echo "$w2 - $w1" | bc) s; CPU $(echo "$c2 - $c1" | bc) s"
echo "load: $(uptime | sed 's/.*load average: //')"
