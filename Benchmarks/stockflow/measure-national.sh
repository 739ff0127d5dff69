#!/bin/sh
# The stock-flow speed target (issue 13): `carestat demand` with 10,000 Monte Carlo paths over 5 years on a
# national-size SSDA903 (make-national-ssda903.sh: about 122,600 children in care at the origin), the whole
# command including reading the files, on 2 threads. Prints wall and CPU seconds (user + sys), peak memory and
# the machine's load. The data are made once into DATADIR (default /tmp/carestat-national-ssda903).
# Usage: measure-national.sh CARESTAT [DATADIR]   (CARESTAT: a release build, e.g. .build/release/carestat)
set -eu
carestat=$1; data=${2:-/tmp/carestat-national-ssda903}
here=$(cd "$(dirname "$0")" && pwd)
[ -s "$data/ssda903_header.csv" ] || sh "$here/make-national-ssda903.sh" "$carestat" "$data"
log=$(mktemp)
/usr/bin/time -f '%e %U %S %M' -o "$log" "$carestat" demand --ssda903 "$data/ssda903_episodes.csv" \
  --header "$data/ssda903_header.csv" --horizon 5y --paths 10000 --threads 2 --seed 1 --format json > /dev/null
read -r wall user sys maxkb < "$log"; rm -f "$log"
echo "carestat demand, national SSDA903, 10,000 paths x 60 months, 2 threads"
echo "wall ${wall} s; CPU $(echo "$user + $sys" | bc) s (user ${user}, sys ${sys}); peak memory $((maxkb / 1024)) MB"
echo "load: $(uptime | sed 's/.*load average: //')"
