#!/usr/bin/env python3
"""Peer for the `km` benchmark job: lifelines KaplanMeierFitter.fit (survival, Greenwood variance, CIs).

    python3 km.py DATAFILE N REPS

Data: 2N float64 (times, then statuses) from Benchmarks/data/make_km_data.py. Timed: KaplanMeierFitter().fit(T, E).
Prints one JSON line; checksum = sum of the survival function over the observed distinct times (lifelines
adds a row at time 0 with S = 1, which is excluded).
"""
import json, statistics, sys, time
import numpy as np
from lifelines import KaplanMeierFitter


def main():
    path, n, reps = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    x = np.fromfile(path, dtype="<f8", count=2 * n)
    t, e = x[:n], x[n:].astype(bool)
    times = []
    for r in range(reps + 1):
        t0 = time.perf_counter()
        kmf = KaplanMeierFitter().fit(t, e)
        t1 = time.perf_counter()
        if r > 0:
            times.append(t1 - t0)
    sf = kmf.survival_function_
    s = sf.iloc[:, 0].to_numpy()
    idx = sf.index.to_numpy()
    checksum = float(s[idx > 0].sum())
    print(json.dumps({"job": "km", "n": n, "seconds": statistics.median(times), "checksum": checksum}))


if __name__ == "__main__":
    main()
