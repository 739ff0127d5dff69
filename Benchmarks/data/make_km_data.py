#!/usr/bin/env python3
"""Deterministic data for the `km` benchmark job (Kaplan-Meier), written to Benchmarks/.build/data (never committed).

    python3 Benchmarks/data/make_km_data.py N OUTFILE

The file holds 2N little-endian float64: N follow-up times, then N statuses (1 = event, 0 = censored).
Uniforms come from SplitMix64 (Steele, Lea & Flood 2014) on the index, so every platform and library version
gives the same bytes. Event time = -500 log(u1) days, censoring time = 1500 u2 days, follow-up = the smaller,
rounded up to 0.01 day (so ties occur, as with dates); status = event time <= censoring time.
"""
import sys
import numpy as np


def splitmix64(i, seed):
    with np.errstate(over="ignore"):
        z = (np.uint64(seed) + (i + np.uint64(1)) * np.uint64(0x9E3779B97F4A7C15)).astype(np.uint64)
        z = (z ^ (z >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
        z = (z ^ (z >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
        z = z ^ (z >> np.uint64(31))
    return ((z >> np.uint64(11)).astype(np.float64) + 0.5) / 2.0**53


def main():
    n, out = int(sys.argv[1]), sys.argv[2]
    i = np.arange(n, dtype=np.uint64)
    event = -500.0 * np.log(splitmix64(i, 20261121))
    censor = 1500.0 * splitmix64(i, 77)
    time = np.ceil(np.minimum(event, censor) * 100.0) / 100.0
    status = (event <= censor).astype(np.float64)
    np.concatenate([time, status]).astype("<f8").tofile(out)


if __name__ == "__main__":
    main()
