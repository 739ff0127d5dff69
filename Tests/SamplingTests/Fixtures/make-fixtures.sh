#!/bin/sh
# Regenerates the Sampling test fixtures. Run from anywhere: sh Tests/SamplingTests/Fixtures/make-fixtures.sh
#   xoshiro_reference.csv : first outputs of the authors' reference splitmix64 / xoshiro256**, from the C
#                           program xoshiro_reference.c compiled with gcc (Fixtures/ is excluded from the
#                           test target in Package.swift).
#   reference_values.csv  : chi-square / Kolmogorov-Smirnov critical values and normal quantiles (Python:
#                           scipy, mpmath; see make-fixtures.py).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
gcc -std=c99 -O2 -Wall -Wextra -o "$tmp/xoshiro_reference" "$here/xoshiro_reference.c"
"$tmp/xoshiro_reference" > "$here/xoshiro_reference.csv"
python3 "$here/make-fixtures.py" "$here"
